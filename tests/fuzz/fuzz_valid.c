/*
 * fuzz_valid.c: the validators on arbitrary input, two ways.  The bytes
 * are parsed as a form body and run through valid_form with a table
 * like the real endorsement and commitment forms; and they are given
 * raw to valid_value as every field type.  Whatever is accepted must
 * keep the rules of DESIGN.md (well-formed UTF-8, no NUL, no control
 * characters but the multi-line ones, no CR, within its limit, of its
 * type), normalising must be idempotent, and every value handed back
 * for showing again must be well-formed UTF-8 without NULs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "valid.h"
#include "country.h"

const char	*fuzz_target_name = "fuzz_valid";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const roles[] = {
	"mayor", "deputy_mayor", "governor", "council_member", "other", NULL
};
static const char *const levels[] = { "local", "regional", NULL };
static const char *const langs[] = { "en", "fr", "es", "ar", NULL };
static const char *const areas[] = {
	"inclusion", "services", "work", "safety_justice", "local_data",
	"coordination", "origin_transit_return", "other", NULL
};
static const char *const statuses[] = {
	"planned", "in_progress", "achieved", "dropped", NULL
};

static const struct fielddef fields[] = {
	{ "full_name", FT_TEXT, FF_REQUIRED, 200, NULL },
	{ "role", FT_CHOICE, FF_REQUIRED, 0, roles },
	{ "role_other", FT_TEXT, 0, 100, NULL },
	{ "government_level", FT_CHOICE, FF_REQUIRED, 0, levels },
	{ "locality", FT_TEXT, FF_REQUIRED, 200, NULL },
	{ "region", FT_TEXT, 0, 200, NULL },
	{ "country", FT_COUNTRY, FF_REQUIRED, 2, NULL },
	{ "email", FT_EMAIL, FF_REQUIRED, 254, NULL },
	{ "organisation", FT_TEXT, 0, 200, NULL },
	{ "listed", FT_CHECKBOX, 0, 0, NULL },
	{ "consent", FT_CHECKBOX, FF_REQUIRED, 0, NULL },
	{ "signature", FT_SIGNATURE, 0, 0, NULL },
	{ "csrf", FT_TOKEN, FF_REQUIRED, 64, NULL },
	{ "form_token", FT_TOKEN, FF_REQUIRED, 128, NULL },
	{ "lang", FT_CHOICE, 0, 0, langs },
	{ "area", FT_CHOICE, 0, 0, areas },
	{ "title", FT_TEXT, 0, 200, NULL },
	{ "description", FT_MULTILINE, 0, 5000, NULL },
	{ "means", FT_MULTILINE, 0, 5000, NULL },
	{ "indicators", FT_MULTILINE, 0, 5000, NULL },
	{ "target_date", FT_DATE, 0, 0, NULL },
	{ "status", FT_CHOICE, 0, 0, statuses },
	{ "sdg", FT_SDG, 0, 0, NULL },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

/* 1 if v is fit to be written into a page: UTF-8, no NUL, terminated. */
static int
showable(const char *v, size_t vsz)
{
	return v != NULL && v[vsz] == '\0' && strlen(v) == vsz &&
	    valid_utf8(v, vsz);
}

/* Abort unless v, accepted for def, keeps every rule of its type. */
static void
check_accepted(struct arena *a, const struct fielddef *def, const char *v,
    size_t vsz)
{
	const char	*again;
	size_t		 i, againsz;
	unsigned char	 c;

	if (!showable(v, vsz))
		abort();
	for (i = 0; i < vsz; i++) {
		c = (unsigned char)v[i];
		if (c == '\r' || c == 0x7f || (c < 0x20 &&
		    !(def->type == FT_MULTILINE && (c == '\t' || c == '\n'))))
			abort();
		if (c == 0xc2 && i + 1 < vsz &&
		    (unsigned char)v[i + 1] <= 0x9f)
			abort();	/* C1 control */
	}
	if (def->maxchars > 0 && utf8_chars(v, vsz) > def->maxchars)
		abort();
	switch (def->type) {
	case FT_EMAIL:
		if (!valid_email(v, vsz))
			abort();
		break;
	case FT_DATE:
		if (!valid_date(v, vsz))
			abort();
		break;
	case FT_COUNTRY:
		if (country_find(v) == NULL)
			abort();
		break;
	case FT_CHECKBOX:
		if (strcmp(v, "1") != 0)
			abort();
		break;
	default:
		break;
	}
	if ((def->type == FT_TEXT || def->type == FT_CHOICE) && vsz > 0 &&
	    (v[0] == ' ' || v[vsz - 1] == ' '))
		abort();
	/* Normalising what is normalised changes nothing. */
	if (valid_value(a, def, v, vsz, &again, &againsz) != VERR_OK ||
	    againsz != vsz || memcmp(again, v, vsz) != 0)
		abort();
}

/* The input as a form body through valid_form. */
static void
fuzz_form(struct arena *a, const char *in, size_t insz)
{
	struct kvlist	 l;
	struct fieldval	 out[NFIELDS];
	size_t		 i, n;
	int		 nerr, counted = 0;

	if (http_parse_urlencoded(a, in, insz, HTTP_MAX_FIELDS, &l) !=
	    PARSE_OK)
		return;
	if ((nerr = valid_form(a, fields, NFIELDS, &l, out)) == -1)
		return;
	for (i = 0; i < NFIELDS; i++) {
		if (out[i].err >= VERR__MAX)
			abort();
		if (out[i].err != VERR_OK) {
			counted++;
			if (!showable(out[i].value, out[i].valuesz))
				abort();
			continue;
		}
		(void)kvlist_get(&l, fields[i].name, &n);
		if (n > 1)
			abort();
		if (!out[i].present) {
			if ((fields[i].flags & FF_REQUIRED) ||
			    out[i].valuesz != 0 || out[i].value[0] != '\0')
				abort();
			continue;
		}
		if (n != 1)
			abort();
		check_accepted(a, &fields[i], out[i].value, out[i].valuesz);
	}
	if (counted != nerr)
		abort();
}

/* The raw input as one value of every type. */
static void
fuzz_values(struct arena *a, const char *in, size_t insz)
{
	const char	*norm;
	size_t		 i, normsz;
	enum verr	 er;

	(void)valid_email(in, insz);
	(void)valid_date(in, insz);
	if (valid_utf8(in, insz) && utf8_chars(in, insz) > insz)
		abort();
	for (i = 0; i < NFIELDS; i++) {
		er = valid_value(a, &fields[i], in, insz, &norm, &normsz);
		if (er >= VERR__MAX)
			abort();
		if (er == VERR_OK)
			check_accepted(a, &fields[i], norm, normsz);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;

	if ((a = arena_new(4096)) == NULL)
		return 0;
	fuzz_form(a, (const char *)data, size);
	arena_reset(a);
	fuzz_values(a, (const char *)data, size);
	arena_free(a);
	return 0;
}
