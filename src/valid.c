/*
 * valid.c: the input rules of DESIGN.md.  A form's fields are described
 * by a table of struct fielddef; valid_form turns the parsed pairs into
 * one normalised value or one reason for refusal per field.  Handlers
 * read only what comes out of here, never the raw pairs.
 *
 * For one value the checks run in a fixed order, and the first that
 * fails is the answer: bytes (UTF-8, no NUL), control characters, length
 * in characters, then the field's type.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "valid.h"
#include "country.h"
#include "signature.h"

#define SDG_MAX		30	/* entries in one sdg list */
#define EMAIL_MAX	254	/* bytes, RFC 5321 path limit less <> */
#define EMAIL_LOCAL_MAX	64	/* bytes, RFC 5321 */
#define DNS_LABEL_MAX	63	/* bytes, RFC 1035 */

/*
 * Decode one code point from [s, s+len), len > 0.  Returns the number of
 * bytes it takes (1-4) and sets *cp, or 0 if the bytes there are not
 * well-formed UTF-8: a stray continuation byte, C0, C1 or F5-FF, an
 * overlong form, a surrogate (U+D800-DFFF), a value over U+10FFFF, or a
 * sequence cut short.  The ranges are those of Unicode's table 3-7.
 */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 n, i;
	uint32_t	 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong below U+0800 */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong below U+10000 */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* over U+10FFFF */
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

/* See valid.h.  A NUL byte is well-formed here; valid_value refuses it. */
int
valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n)
		if ((n = utf8_next(p + i, len - i, &cp)) == 0)
			return 0;
	return 1;
}

/*
 * See valid.h.  Counts the bytes that start a code point; on input that
 * is not well-formed the answer is a count of something, not an error.
 */
size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 i, n;

	for (i = n = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* 1 for the Unicode control characters (Cc): C0, DEL and C1. */
static int
cp_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/*
 * 1 for what no one-line field takes: the bidirectional embeddings and
 * overrides (U+202A-202E) and isolates (U+2066-2069), which reorder the
 * text around them, and the zero-width characters (U+200B-200F, U+2060,
 * U+FEFF), which cannot be seen; with them one name can pose as another
 * on a public list.
 */
static int
cp_invisible(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/*
 * 1 for the non-ASCII spaces and the other invisible format characters
 * (no-break and typographic spaces, the soft hyphen) that have no place
 * in an address, on top of cp_invisible's.
 */
static int
cp_space_or_format(uint32_t cp)
{
	return cp_invisible(cp) ||
	    cp == 0xa0 || cp == 0xad || cp == 0x1680 || cp == 0x180e ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202f || (cp >= 0x205f && cp <= 0x206f) ||
	    cp == 0x3000;
}

/* 1 if [s, s+len), well-formed UTF-8, holds a cp_invisible character. */
static int
has_invisible(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_next(p + i, len - i, &cp)) == 0)
			return 1;	/* not reached after valid_utf8 */
		if (cp_invisible(cp))
			return 1;
	}
	return 0;
}

/* 1 if c is allowed in the local part: RFC 5322 atext, or a dot. */
static int
email_localchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

/*
 * See valid.h.  An address as people type it, not all of RFC 5322: one
 * '@'; a local part of at most 64 bytes of atext characters, dots and
 * non-ASCII letters (no quoted local parts); a domain of at least two
 * dot-separated labels, each of 1-63 bytes of letters, digits, hyphens
 * and non-ASCII letters, not starting or ending with a hyphen; 254
 * bytes in all; well-formed UTF-8, with no space, control or invisible
 * format character anywhere.
 */
int
valid_email(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	const char		*at;
	size_t			 i, n, local, label, nlabels;
	uint32_t		 cp;

	if (len == 0 || len > EMAIL_MAX || !valid_utf8(s, len))
		return 0;
	if ((at = memchr(s, '@', len)) == NULL ||
	    memchr(at + 1, '@', len - (size_t)(at - s) - 1) != NULL)
		return 0;
	local = (size_t)(at - s);
	if (local == 0 || local > EMAIL_LOCAL_MAX)
		return 0;

	for (i = 0; i < len; i += n) {
		n = utf8_next(p + i, len - i, &cp);
		if (cp >= 0x80 && (cp_control(cp) || cp_space_or_format(cp)))
			return 0;
		if (i < local && cp < 0x80 && !email_localchar(p[i]))
			return 0;
	}

	nlabels = 0;
	label = 0;
	for (i = local + 1; i <= len; i++) {
		if (i == len || p[i] == '.') {
			if (label == 0 || label > DNS_LABEL_MAX ||
			    p[i - label] == '-' || p[i - 1] == '-')
				return 0;
			nlabels++;
			label = 0;
			continue;
		}
		if (p[i] < 0x80 && !((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
			return 0;
		label++;
	}
	return nlabels >= 2;
}

/* 1 if year y of the Gregorian calendar has a 29 February. */
static int
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * See valid.h.  Exactly YYYY-MM-DD, digits only (no sign, no spaces),
 * a day that exists in that month of that year, and a year from 1900 to
 * 2200, which is as far as a commitment's date can sensibly reach.
 */
int
valid_date(const char *s, size_t len)
{
	static const int	 mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t			 i;
	int			 y, m, d, max;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < len; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1];
	if (m == 2 && leap_year(y))
		max = 29;
	return d <= max;
}

/*
 * Parse a non-negative decimal number without a leading zero from
 * *sp (at most two digits), advancing *sp.  -1 if there is none.
 */
static int
sdg_number(const char **sp, const char *end)
{
	const char	*s = *sp;
	int		 v;

	if (s == end || *s < '1' || *s > '9')
		return -1;
	v = *s++ - '0';
	if (s != end && *s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*sp = s;
	return v;
}

/*
 * Parse a list of SDG targets ("10.7, 11.1, 5.a") from [s, s+len) and
 * write it as entries joined by ", " into out (outsz >= SDG_MAX * 7).
 * A target is a goal 1-17, a dot, and a number 1-20 or a letter a-j.
 * Spaces around entries are allowed; an empty list is "".  -1 if the
 * list does not parse, has an empty entry or more than SDG_MAX.
 */
static int
sdg_parse(const char *s, size_t len, char *out, size_t outsz, size_t *olen)
{
	const char	*end = s + len;
	size_t		 n = 0, o = 0;
	int		 goal, target, wrote;

	while (s != end && *s == ' ')
		s++;
	while (end != s && end[-1] == ' ')
		end--;
	*olen = 0;
	if (s == end)
		return 0;
	for (;;) {
		if ((goal = sdg_number(&s, end)) == -1 || goal > 17)
			return -1;
		if (s == end || *s++ != '.')
			return -1;
		if (s != end && *s >= 'a' && *s <= 'j') {
			wrote = snprintf(out + o, outsz - o, "%s%d.%c",
			    n ? ", " : "", goal, *s);
			s++;
		} else {
			if ((target = sdg_number(&s, end)) == -1 ||
			    target > 20)
				return -1;
			wrote = snprintf(out + o, outsz - o, "%s%d.%d",
			    n ? ", " : "", goal, target);
		}
		if (wrote < 0 || (size_t)wrote >= outsz - o)
			return -1;
		o += (size_t)wrote;
		if (++n > SDG_MAX)
			return -1;
		while (s != end && *s == ' ')
			s++;
		if (s == end)
			break;
		if (*s++ != ',')
			return -1;
		while (s != end && *s == ' ')
			s++;
	}
	*olen = o;
	return 0;
}

/* 1 if values of this type lose their leading and trailing spaces. */
static int
ftype_trims(enum ftype t)
{
	return t == FT_TEXT || t == FT_EMAIL || t == FT_COUNTRY ||
	    t == FT_CHOICE;
}

/* Narrow [*v, *v + *vsz) to leave out leading and trailing spaces. */
static void
trim_spaces(const char **v, size_t *vsz)
{
	while (*vsz > 0 && (*v)[0] == ' ') {
		(*v)++;
		(*vsz)--;
	}
	while (*vsz > 0 && (*v)[*vsz - 1] == ' ')
		(*vsz)--;
}

/*
 * Whether len bytes at s hold a NUL.  An empty value may come as a null
 * pointer (an empty body, an empty file), which memchr must never see.
 */
static int
has_nul(const char *s, size_t len)
{
	return len > 0 && memchr(s, '\0', len) != NULL;
}

/*
 * 1 if [s, s+len), well-formed UTF-8, holds a control character; with
 * multiline set, tab, LF and CR are not counted as such.
 */
static int
has_control(const char *s, size_t len, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		n = utf8_next(p + i, len - i, &cp);
		if (n == 0)
			return 1;	/* not reached after valid_utf8 */
		if (!cp_control(cp))
			continue;
		if (multiline && (cp == '\t' || cp == '\n' || cp == '\r'))
			continue;
		return 1;
	}
	return 0;
}

/*
 * A copy of [s, s+len) in the arena with CR LF and a lone CR written as
 * LF; its length in *outsz.  NULL on memory exhaustion.
 */
static char *
norm_newlines(struct arena *a, const char *s, size_t len, size_t *outsz)
{
	char	*p;
	size_t	 i, n;

	if ((p = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	for (i = n = 0; i < len; i++) {
		if (s[i] != '\r')
			p[n++] = s[i];
		else {
			p[n++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		}
	}
	p[n] = '\0';
	*outsz = n;
	return p;
}

/* 1 if [s, s+len) is exactly one of the NULL-terminated choices. */
static int
in_choices(const char *const *choices, const char *s, size_t len)
{
	if (choices == NULL)
		return 0;
	for (; *choices != NULL; choices++)
		if (strlen(*choices) == len && memcmp(*choices, s, len) == 0)
			return 1;
	return 0;
}

/* Digits only, the first not 0, at most 18 of them: fits a long long. */
static int
valid_id(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 18 || s[0] == '0')
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * The rules of the field's type, after the ones every text shares: *out
 * and *outsz may be replaced by a canonical form (FT_SDG).
 */
static enum verr
valid_kind(struct arena *a, const struct fielddef *def, const char **out,
    size_t *outsz)
{
	char	sdg[SDG_MAX * 8];

	switch (def->type) {
	case FT_CHOICE:
		if (!in_choices(def->choices, *out, *outsz))
			return VERR_CHOICE;
		break;
	case FT_EMAIL:
		if (!valid_email(*out, *outsz))
			return VERR_EMAIL;
		break;
	case FT_COUNTRY:
		if (*outsz != 2 || (*out)[0] < 'A' || (*out)[0] > 'Z' ||
		    (*out)[1] < 'A' || (*out)[1] > 'Z' ||
		    country_find(*out) == NULL)
			return VERR_COUNTRY;
		break;
	case FT_DATE:
		if (!valid_date(*out, *outsz))
			return VERR_DATE;
		break;
	case FT_SDG:
		if (sdg_parse(*out, *outsz, sdg, sizeof(sdg), outsz) == -1)
			return VERR_SDG;
		if ((*out = arena_strndup(a, sdg, *outsz)) == NULL)
			return VERR_NOMEM;
		break;
	case FT_SIGNATURE:
		/* The pad's strokes (grammar in signature.h). */
		if (!sig_valid(*out, *outsz))
			return VERR_SIGNATURE;
		break;
	case FT_ID:
		if (!valid_id(*out, *outsz))
			return VERR_NUMBER;
		break;
	case FT_TEXT:
	case FT_MULTILINE:
	case FT_TOKEN:
	case FT_CHECKBOX:
	case FT_PASSWORD:
		break;
	}
	return VERR_OK;
}

/*
 * See valid.h.  On VERR_OK, *norm and *normsz (either may be NULL) get
 * the normalised value, a NUL-terminated copy in the arena: trimmed for
 * the types that trim, line breaks as LF for FT_MULTILINE, the canonical
 * list for FT_SDG, "1" for FT_CHECKBOX.  On an error they are left as
 * they were.  VERR_NOMEM if the arena could not grow.
 */
enum verr
valid_value(struct arena *a, const struct fielddef *def, const char *v,
    size_t vsz, const char **norm, size_t *normsz)
{
	const char	*out;
	size_t		 outsz;
	char		*copy;
	enum verr	 e;

	if (def->type == FT_CHECKBOX) {
		out = "1";
		outsz = 1;
		goto done;
	}
	if (ftype_trims(def->type))
		trim_spaces(&v, &vsz);

	if (has_nul(v, vsz) || !valid_utf8(v, vsz))
		return VERR_UTF8;
	/* A password is compared as typed: no rule on its characters. */
	if (def->type != FT_PASSWORD &&
	    has_control(v, vsz, def->type == FT_MULTILINE))
		return VERR_CONTROL;
	if ((def->type == FT_TEXT || def->type == FT_EMAIL) &&
	    has_invisible(v, vsz))
		return VERR_INVISIBLE;

	if (def->type == FT_MULTILINE) {
		if ((copy = norm_newlines(a, v, vsz, &outsz)) == NULL)
			return VERR_NOMEM;
	} else if ((copy = arena_strndup(a, v, vsz)) == NULL)
		return VERR_NOMEM;
	else
		outsz = vsz;
	out = copy;

	if (def->maxchars > 0 && utf8_chars(out, outsz) > def->maxchars)
		return VERR_TOO_LONG;

	if ((e = valid_kind(a, def, &out, &outsz)) != VERR_OK)
		return e;
done:
	if (norm != NULL)
		*norm = out;
	if (normsz != NULL)
		*normsz = outsz;
	return VERR_OK;
}

/*
 * A copy of [s, s+len) fit to be shown again in a form: each byte that
 * is not part of well-formed UTF-8, and each NUL, becomes U+FFFD.  NULL
 * on memory exhaustion.
 */
static char *
utf8_repair(struct arena *a, const char *s, size_t len, size_t *outsz)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*o;
	size_t			 i, n, k;
	uint32_t		 cp;

	if (len > (SIZE_MAX - 1) / 3 || (o = arena_alloc(a, len * 3 + 1)) == NULL)
		return NULL;
	for (i = k = 0; i < len; i += n) {
		n = utf8_next(p + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			memcpy(o + k, "\xef\xbf\xbd", 3);
			k += 3;
			n = 1;
		} else {
			memcpy(o + k, s + i, n);
			k += n;
		}
	}
	o[k] = '\0';
	*outsz = k;
	return o;
}

/*
 * Point fv at kv's value as it may be shown again in a form: the bytes as
 * sent, or a repaired copy if they are not well-formed UTF-8 or hold a
 * NUL.  -1 on memory exhaustion.
 */
static int
shown_value(struct arena *a, const struct kv *kv, struct fieldval *fv)
{
	if (!has_nul(kv->value, kv->valuesz) &&
	    valid_utf8(kv->value, kv->valuesz)) {
		fv->value = kv->value;
		fv->valuesz = kv->valuesz;
		return 0;
	}
	fv->value = utf8_repair(a, kv->value, kv->valuesz, &fv->valuesz);
	return fv->value == NULL ? -1 : 0;
}

/*
 * See valid.h.  Per field, in this order: sent more than once is
 * VERR_REPEATED; absent, or empty (for the types that trim: only
 * spaces), is VERR_MISSING if required and otherwise not present with
 * value ""; a checkbox that is there is present with value "1" whatever
 * was sent; anything else goes through valid_value.
 *
 * When a field is in error its value is still set, so that the form can
 * be shown again with what the signer typed: the (first) submitted
 * value, with broken UTF-8 and NULs replaced by U+FFFD.  Such a value is
 * for re-showing, escaped, and never for storing.
 */
int
valid_form(struct arena *a, const struct fielddef *defs, size_t ndefs,
    const struct kvlist *in, struct fieldval *out)
{
	const struct kv	*kv;
	const char	*v;
	size_t		 i, n, vsz;
	int		 nerr = 0;

	for (i = 0; i < ndefs; i++) {
		out[i].value = "";
		out[i].valuesz = 0;
		out[i].present = 0;
		out[i].err = VERR_OK;
		out[i].num = 0;

		kv = kvlist_get(in, defs[i].name, &n);
		if (kv != NULL && n > 1) {
			out[i].present = 1;
			out[i].err = VERR_REPEATED;
			nerr++;
			if (shown_value(a, kv, &out[i]) == -1)
				return -1;
			continue;
		}
		if (kv != NULL && defs[i].type == FT_CHECKBOX) {
			out[i].present = 1;
			out[i].value = "1";
			out[i].valuesz = 1;
			continue;
		}
		if (kv != NULL) {
			v = kv->value;
			vsz = kv->valuesz;
			if (ftype_trims(defs[i].type))
				trim_spaces(&v, &vsz);
			if (vsz == 0)
				kv = NULL;
		}
		if (kv == NULL) {
			if (defs[i].flags & FF_REQUIRED) {
				out[i].err = VERR_MISSING;
				nerr++;
			}
			continue;
		}

		out[i].present = 1;
		out[i].err = valid_value(a, &defs[i], kv->value, kv->valuesz,
		    &out[i].value, &out[i].valuesz);
		if (out[i].err == VERR_NOMEM)
			return -1;
		if (out[i].err == VERR_OK && defs[i].type == FT_ID)
			out[i].num = strtoll(out[i].value, NULL, 10);
		if (out[i].err == VERR_OK)
			continue;
		nerr++;
		if (shown_value(a, kv, &out[i]) == -1)
			return -1;
	}
	return nerr;
}
