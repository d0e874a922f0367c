/*
 * pages.c: the routes of endorse-web.  A table maps each route to its
 * handler and the methods it takes; the checks of DESIGN.md ("Rules for
 * input and output") run in their fixed order before any handler sees a
 * field.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "endorse.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "web/web.h"

/* Per worker: opened once in web_worker_init. */
static struct db	*db;
static unsigned char	 secret[SECRET_LEN];

/* ---- the endorsement form ------------------------------------------ */

enum efield {
	EF_FULL_NAME,
	EF_ROLE,
	EF_ROLE_OTHER,
	EF_LEVEL,
	EF_LOCALITY,
	EF_REGION,
	EF_COUNTRY,
	EF_EMAIL,
	EF_ORGANISATION,
	EF_LISTED,
	EF_CONSENT,
	EF_SIGNATURE,
	EF_LANG,
	EF_FORM_TOKEN,
	EF__MAX
};

static const char *const roles[] = {
	"mayor", "deputy_mayor", "governor", "council_member", "other", NULL
};
static const enum msg role_labels[] = {
	MSG_ROLE_MAYOR, MSG_ROLE_DEPUTY_MAYOR, MSG_ROLE_GOVERNOR,
	MSG_ROLE_COUNCIL_MEMBER, MSG_ROLE_OTHER
};
static const char *const levels[] = { "local", "regional", NULL };
static const enum msg level_labels[] = {
	MSG_LEVEL_LOCAL, MSG_LEVEL_REGIONAL
};
static const char *const langs[] = { "en", "fr", "es", "ar", NULL };

/* Names and limits are DESIGN.md's. */
static const struct fielddef edefs[EF__MAX] = {
	[EF_FULL_NAME] = { "full_name", FT_TEXT, FF_REQUIRED, 200, NULL },
	[EF_ROLE] = { "role", FT_CHOICE, FF_REQUIRED, 0, roles },
	[EF_ROLE_OTHER] = { "role_other", FT_TEXT, 0, 100, NULL },
	[EF_LEVEL] = { "government_level", FT_CHOICE, FF_REQUIRED, 0, levels },
	[EF_LOCALITY] = { "locality", FT_TEXT, FF_REQUIRED, 200, NULL },
	[EF_REGION] = { "region", FT_TEXT, 0, 200, NULL },
	[EF_COUNTRY] = { "country", FT_COUNTRY, FF_REQUIRED, 2, NULL },
	[EF_EMAIL] = { "email", FT_EMAIL, FF_REQUIRED, 254, NULL },
	[EF_ORGANISATION] = { "organisation", FT_TEXT, 0, 200, NULL },
	[EF_LISTED] = { "listed", FT_CHECKBOX, 0, 0, NULL },
	[EF_CONSENT] = { "consent", FT_CHECKBOX, FF_REQUIRED, 0, NULL },
	[EF_SIGNATURE] = { "signature", FT_SIGNATURE, 0, 32000, NULL },
	[EF_LANG] = { "lang", FT_CHOICE, 0, 0, langs },
	[EF_FORM_TOKEN] = { "form_token", FT_TOKEN, FF_REQUIRED,
	    FORM_TOKEN_LEN, NULL },
};

static const struct fieldui eui[EF__MAX] = {
	[EF_FULL_NAME] = { MSG_F_FULL_NAME, MSG_F_FULL_NAME_HINT,
	    MSG_ERR_FULL_NAME_MISSING,
	    "text", "name", NULL },
	[EF_ROLE] = { MSG_F_ROLE, MSG__MAX, MSG_ERR_ROLE_MISSING, NULL, NULL,
	    role_labels },
	[EF_ROLE_OTHER] = { MSG_F_ROLE_OTHER, MSG_F_ROLE_OTHER_HINT,
	    MSG_ERR_ROLE_OTHER, "text", "organization-title", NULL },
	[EF_LEVEL] = { MSG_F_LEVEL, MSG__MAX, MSG_ERR_LEVEL_MISSING, NULL, NULL,
	    level_labels },
	[EF_LOCALITY] = { MSG_F_LOCALITY, MSG_F_LOCALITY_HINT,
	    MSG_ERR_LOCALITY_MISSING,
	    "text", "address-level2", NULL },
	[EF_REGION] = { MSG_F_REGION, MSG__MAX, MSG__MAX, "text",
	    "address-level1", NULL },
	[EF_COUNTRY] = { MSG_F_COUNTRY, MSG__MAX, MSG_ERR_COUNTRY, NULL, NULL,
	    NULL },
	[EF_EMAIL] = { MSG_F_EMAIL, MSG_F_EMAIL_HINT, MSG_ERR_EMAIL_MISSING,
	    "email",
	    "email", NULL },
	[EF_ORGANISATION] = { MSG_F_ORGANISATION, MSG_F_ORGANISATION_HINT,
	    MSG__MAX, "text", "organization", NULL },
	[EF_LISTED] = { MSG_F_LISTED, MSG_F_LISTED_HINT, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_CONSENT] = { MSG_F_CONSENT, MSG_F_CONSENT_HINT, MSG_ERR_CONSENT,
	    NULL, NULL, NULL },
	[EF_SIGNATURE] = { MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_LANG] = { MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[EF_FORM_TOKEN] = { MSG_F_FULL_NAME, MSG__MAX, MSG_ERR_TOKEN, NULL,
	    NULL, NULL },
};

/* ---- helpers -------------------------------------------------------- */

static void
redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->content_type_out = NULL;
	req_header(r, "Location", "%s", location);
	req_header(r, "Cache-Control", "no-store");
}

static const char *
status_text(enum lang l, const char *status)
{
	if (strcmp(status, "verified") == 0)
		return msg(l, MSG_STATUS_VERIFIED);
	if (strcmp(status, "rejected") == 0)
		return msg(l, MSG_STATUS_REJECTED);
	if (strcmp(status, "withdrawn") == 0)
		return msg(l, MSG_STATUS_WITHDRAWN);
	return msg(l, MSG_STATUS_PENDING);
}

static const char *
choice_text(enum lang l, const char *const *choices, const enum msg *labels,
    const char *v)
{
	size_t	i;

	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], v) == 0)
			return msg(l, labels[i]);
	return v;
}

/* "2026-11-28T18:36:00Z" as "2026-11-28 18:36 UTC". */
static const char *
when(struct arena *a, const char *iso)
{
	if (iso == NULL || strlen(iso) < 16)
		return iso ? iso : "";
	return arena_printf(a, "%.10s %.5s UTC", iso, iso + 11);
}

/* ---- GET / ----------------------------------------------------------- */

static void
page_home(struct req *r, enum lang l)
{
	static const enum msg asks[] = {
		MSG_DECL_ASK_1, MSG_DECL_ASK_2, MSG_DECL_ASK_3, MSG_DECL_ASK_4,
		MSG_DECL_ASK_5, MSG_DECL_ASK_6, MSG_DECL_ASK_7, MSG_DECL_ASK_8
	};
	struct db_stats	 st;
	size_t		 i;

	if (db_stats(db, &st) == -1) {
		page_error(r, l, 503, NULL);
		return;
	}
	req_header(r, "Cache-Control", "no-cache");
	page_begin(r, l, msg(l, MSG_DECL_TITLE), 0, NAV_HOME);
	page_raw(r, "<section class=\"hero\">\n");
	page_elem(r, "h1", l, MSG_DECL_TITLE);
	page_elem(r, "p class=\"lead\"", l, MSG_DECL_LEAD);
	page_raw(r, "<p class=\"stats\">");
	if (st.endorsements == 0)
		page_msg(r, l, MSG_DECL_COUNT_NONE);
	else {
		/* Our own format with numbers only: nothing to escape. */
		buf_printf(r->body, msg(l, MSG_DECL_COUNT_FMT),
		    st.endorsements, st.countries);
		page_raw(r, ". ");
		buf_printf(r->body, msg(l, MSG_DECL_VERIFIED_FMT),
		    st.verified);
		page_raw(r, ".");
	}
	page_raw(r, "</p>\n<p><a class=\"button button-start\" "
	    "href=\"/endorse\">");
	page_msg(r, l, MSG_DECL_CTA);
	page_raw(r, "</a></p>\n</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ABOUT_H);
	page_elem(r, "p", l, MSG_DECL_ABOUT_1);
	page_elem(r, "p", l, MSG_DECL_ABOUT_2);
	page_elem(r, "p", l, MSG_DECL_ABOUT_3);
	page_raw(r, "</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ASKS_H);
	page_elem(r, "p", l, MSG_DECL_ASKS_LEAD);
	page_raw(r, "<ol class=\"asks\">\n");
	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++)
		page_elem(r, "li", l, asks[i]);
	page_raw(r, "</ol>\n</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ANNEX_H);
	page_elem(r, "p", l, MSG_DECL_ANNEX_1);
	page_elem(r, "p", l, MSG_DECL_ANNEX_2);
	page_raw(r, "</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_AFTER_H);
	page_elem(r, "p", l, MSG_DECL_AFTER_1);
	page_elem(r, "p", l, MSG_DECL_AFTER_2);
	page_raw(r, "</section>\n<section class=\"panel\">\n");
	page_elem(r, "h2", l, MSG_DECL_HOW_H);
	page_elem(r, "p", l, MSG_DECL_HOW_1);
	page_raw(r, "<p><a class=\"button\" href=\"/endorse\">");
	page_msg(r, l, MSG_DECL_CTA);
	page_raw(r, "</a></p>\n</section>\n");
	page_end(r, l);
}

/* ---- /endorse ---------------------------------------------------------- */

/* The endorsement's fields, in their sections: /endorse and the kiosk. */
static void
endorse_fields(struct req *r, enum lang l, const struct form *f)
{
	page_raw(r, "<fieldset class=\"section\">\n<legend>");
	page_msg(r, l, MSG_FORM_YOU_H);
	page_raw(r, "</legend>\n");
	form_input(f, EF_FULL_NAME);
	form_radios(f, EF_ROLE);
	form_input(f, EF_ROLE_OTHER);
	page_raw(r, "</fieldset>\n<fieldset class=\"section\">\n<legend>");
	page_msg(r, l, MSG_FORM_PLACE_H);
	page_raw(r, "</legend>\n");
	form_radios(f, EF_LEVEL);
	form_input(f, EF_LOCALITY);
	form_input(f, EF_REGION);
	form_country(f, EF_COUNTRY);
	form_input(f, EF_ORGANISATION);
	page_raw(r, "</fieldset>\n<fieldset class=\"section\">\n<legend>");
	page_msg(r, l, MSG_FORM_CONTACT_H);
	page_raw(r, "</legend>\n");
	form_input(f, EF_EMAIL);
	page_raw(r, "</fieldset>\n<fieldset class=\"section\">\n<legend>");
	page_msg(r, l, MSG_FORM_CONSENT_H);
	page_raw(r, "</legend>\n");
	form_checkbox(f, EF_LISTED);
	form_checkbox(f, EF_CONSENT);
	page_raw(r, "</fieldset>\n");
}

/*
 * The form, first shown (vals NULL) or shown again with its errors and
 * every value kept.
 */
static void
endorse_form(struct req *r, enum lang l, struct form *f, const char *token)
{
	char	 csrf[B64_TOKEN_LEN + 1], fresh[FORM_TOKEN_LEN + 1];

	csrf_prepare(r, secret, webcfg.secure, csrf);
	if (token == NULL) {
		form_token_new(secret, fresh);
		token = fresh;
	}
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_FORM_TITLE), f->nerrs > 0, NAV_ENDORSE);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_FORM_TITLE);
	page_elem(r, "p class=\"lead\"", l, MSG_FORM_LEAD);
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" method=\"post\" action=\"/endorse\" "
	    "accept-charset=\"utf-8\" novalidate>\n");
	form_hidden(f, csrf, token);
	endorse_fields(r, l, f);
	form_submit(f, MSG_FORM_SUBMIT);
	page_raw(r, "</form>\n");
	page_end(r, l);
}

static void
endorse_get(struct req *r, enum lang l)
{
	struct form	f;

	if (form_init(&f, r, l, edefs, eui, EF__MAX, NULL) == -1) {
		page_error(r, l, 500, NULL);
		return;
	}
	endorse_form(r, l, &f, NULL);
}

/*
 * The checks every form POST goes through, in DESIGN.md's order, after
 * the method: size 413, content type 415, CSRF 403, encoding 400.
 * Returns 0 with the parsed fields, or -1 with the error page written.
 */
static int
post_prelude(struct req *r, enum lang l, struct kvlist *fields)
{
	const char	*body;
	size_t		 bodysz;
	enum parse_err	 pe;

	if (r->content_length > BODY_MAX) {
		page_error(r, l, 413, NULL);
		return -1;
	}
	if (!http_is_form_type(r->content_type)) {
		page_error(r, l, 415, NULL);
		return -1;
	}
	if (req_body(r, &body, &bodysz) == -1) {
		page_error(r, l, 400, NULL);
		return -1;
	}
	if (!csrf_ok(r, secret, body, bodysz)) {
		page_error(r, l, 403, NULL);
		return -1;
	}
	pe = http_parse_urlencoded(r->a, body, bodysz, HTTP_MAX_FIELDS,
	    fields);
	if (pe == PARSE_NOMEM) {
		page_error(r, l, 500, NULL);
		return -1;
	}
	if (pe != PARSE_OK) {
		page_error(r, l, 400, NULL);
		return -1;
	}
	return 0;
}

/*
 * The fields of an endorsement POST, checked: 0 with e filled (strings
 * in the arena) and ready to store, or the number of fields in error
 * with f set up to show them.  -1 out of memory.  allow_uuid: the
 * kiosk's own form tokens are accepted too.
 */
static int
endorse_check(struct req *r, enum lang l, const struct kvlist *in,
    const struct fieldui *ui, int allow_uuid, struct fieldval *v,
    struct form *f, struct endorsement *e)
{
	const char	*tok;

	if (valid_form(r->a, edefs, EF__MAX, in, v) < 0)
		return -1;
	/* A form token must be one this site (or the kiosk) made. */
	tok = v[EF_FORM_TOKEN].value;
	if (v[EF_FORM_TOKEN].err == VERR_OK && !form_token_check(secret, tok) &&
	    !(allow_uuid && token_is_uuid(tok)))
		v[EF_FORM_TOKEN].err = VERR_TOKEN;
	if (form_init(f, r, l, edefs, ui, EF__MAX, v) == -1)
		return -1;
	/* A rule across fields: "other" needs its words. */
	if (v[EF_ROLE].err == VERR_OK &&
	    strcmp(v[EF_ROLE].value, "other") == 0 &&
	    v[EF_ROLE_OTHER].err == VERR_OK &&
	    v[EF_ROLE_OTHER].valuesz == 0)
		form_set_error(f, EF_ROLE_OTHER, msg(l, MSG_ERR_ROLE_OTHER));
	if (f->nerrs > 0)
		return (int)f->nerrs;

	memset(e, 0, sizeof(*e));
	/* What is not asked for is not kept: role_other only for "other". */
	if (strcmp(v[EF_ROLE].value, "other") != 0)
		v[EF_ROLE_OTHER].value = "", v[EF_ROLE_OTHER].valuesz = 0;
	form_hash(edefs, EF__MAX, v, e->hash);
	e->form_token = tok;
	e->full_name = v[EF_FULL_NAME].value;
	e->role = v[EF_ROLE].value;
	e->role_other = v[EF_ROLE_OTHER].value;
	e->government_level = v[EF_LEVEL].value;
	e->locality = v[EF_LOCALITY].value;
	e->region = v[EF_REGION].value;
	e->country = v[EF_COUNTRY].value;
	e->email = v[EF_EMAIL].value;
	e->organisation = v[EF_ORGANISATION].value;
	e->listed = v[EF_LISTED].present;
	e->consent = v[EF_CONSENT].present;
	e->signature = v[EF_SIGNATURE].present && v[EF_SIGNATURE].valuesz ?
	    v[EF_SIGNATURE].value : NULL;
	e->lang = v[EF_LANG].present && v[EF_LANG].valuesz ?
	    v[EF_LANG].value : lang_code(l);
	return 0;
}

static void	closed_page(struct req *, enum lang);

/*
 * Answer what storing a form gave: a 303 to location once committed (the
 * same for a resent form), 409 for the same form token with other
 * fields, the closed page if the endorsement was withdrawn or rejected
 * meanwhile, 503 if the database failed.
 */
static void
stored(struct req *r, enum lang l, enum db_res res, const char *location)
{
	switch (res) {
	case DB_OK:
	case DB_EXISTS:
		redirect(r, location);
		r->after_commit = 1;
		break;
	case DB_CONFLICT:
		page_error(r, l, 409, NULL);
		break;
	case DB_CLOSED:
		closed_page(r, l);
		break;
	default:
		page_error(r, l, 503, NULL);
		break;
	}
}

/* Store a checked endorsement; the 303 goes to prefix + receipt code. */
static void
endorse_store(struct req *r, enum lang l, struct endorsement *e,
    const char *prefix)
{
	enum db_res	res = db_endorsement_add(db, e);

	stored(r, l, res, arena_printf(r->a, "%s%s", prefix, e->receipt));
}

/* ---- issue 4: commitment reports, updates, withdrawal ----------------- */

enum cfield {
	CF_AREA,
	CF_TITLE,
	CF_DESCRIPTION,
	CF_MEANS,
	CF_INDICATORS,
	CF_TARGET_DATE,
	CF_STATUS,
	CF_SDG,
	CF_LANG,
	CF_FORM_TOKEN,
	CF__MAX
};

static const char *const areas[] = {
	"inclusion", "services", "work", "safety_justice", "local_data",
	"coordination", "origin_transit_return", "other", NULL
};
static const enum msg area_labels[] = {
	MSG_AREA_INCLUSION, MSG_AREA_SERVICES, MSG_AREA_WORK,
	MSG_AREA_SAFETY_JUSTICE, MSG_AREA_LOCAL_DATA, MSG_AREA_COORDINATION,
	MSG_AREA_ORIGIN_TRANSIT_RETURN, MSG_AREA_OTHER
};
static const char *const cstatuses[] = {
	"planned", "in_progress", "achieved", "dropped", NULL
};
static const enum msg cstatus_labels[] = {
	MSG_CSTATUS_PLANNED, MSG_CSTATUS_IN_PROGRESS, MSG_CSTATUS_ACHIEVED,
	MSG_CSTATUS_DROPPED
};

/* Names and limits are DESIGN.md's. */
static const struct fielddef cdefs[CF__MAX] = {
	[CF_AREA] = { "area", FT_CHOICE, FF_REQUIRED, 0, areas },
	[CF_TITLE] = { "title", FT_TEXT, FF_REQUIRED, 200, NULL },
	[CF_DESCRIPTION] = { "description", FT_MULTILINE, FF_REQUIRED, 5000,
	    NULL },
	[CF_MEANS] = { "means", FT_MULTILINE, 0, 5000, NULL },
	[CF_INDICATORS] = { "indicators", FT_MULTILINE, 0, 5000, NULL },
	[CF_TARGET_DATE] = { "target_date", FT_DATE, 0, 10, NULL },
	[CF_STATUS] = { "status", FT_CHOICE, FF_REQUIRED, 0, cstatuses },
	[CF_SDG] = { "sdg", FT_SDG, 0, 200, NULL },
	[CF_LANG] = { "lang", FT_CHOICE, 0, 0, langs },
	[CF_FORM_TOKEN] = { "form_token", FT_TOKEN, FF_REQUIRED,
	    FORM_TOKEN_LEN, NULL },
};

static const struct fieldui cui[CF__MAX] = {
	[CF_AREA] = { MSG_F_AREA, MSG__MAX, MSG_ERR_AREA_MISSING, NULL, NULL,
	    area_labels },
	[CF_TITLE] = { MSG_F_TITLE, MSG_F_TITLE_HINT, MSG_ERR_TITLE_MISSING,
	    "text", "off", NULL },
	[CF_DESCRIPTION] = { MSG_F_DESCRIPTION, MSG_F_DESCRIPTION_HINT,
	    MSG_ERR_DESCRIPTION_MISSING, NULL, NULL, NULL },
	[CF_MEANS] = { MSG_F_MEANS, MSG_F_MEANS_HINT, MSG__MAX, NULL, NULL,
	    NULL },
	[CF_INDICATORS] = { MSG_F_INDICATORS, MSG_F_INDICATORS_HINT, MSG__MAX,
	    NULL, NULL, NULL },
	[CF_TARGET_DATE] = { MSG_F_TARGET_DATE, MSG_F_TARGET_DATE_HINT,
	    MSG__MAX, "text", "off", NULL },
	[CF_STATUS] = { MSG_F_CSTATUS, MSG__MAX, MSG_ERR_CSTATUS_MISSING,
	    NULL, NULL, cstatus_labels },
	[CF_SDG] = { MSG_F_SDG, MSG_F_SDG_HINT, MSG__MAX, "text", "off",
	    NULL },
	[CF_LANG] = { MSG_F_TITLE, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[CF_FORM_TOKEN] = { MSG_F_TITLE, MSG__MAX, MSG_ERR_TOKEN, NULL, NULL,
	    NULL },
};

/* The follow-up update form. */
enum ufield {
	UF_STATUS,
	UF_NARRATIVE,
	UF_LANG,
	UF_FORM_TOKEN,
	UF__MAX
};

static const struct fielddef udefs[UF__MAX] = {
	[UF_STATUS] = { "status", FT_CHOICE, FF_REQUIRED, 0, cstatuses },
	[UF_NARRATIVE] = { "narrative", FT_MULTILINE, FF_REQUIRED, 5000,
	    NULL },
	[UF_LANG] = { "lang", FT_CHOICE, 0, 0, langs },
	[UF_FORM_TOKEN] = { "form_token", FT_TOKEN, FF_REQUIRED,
	    FORM_TOKEN_LEN, NULL },
};

static const struct fieldui uui[UF__MAX] = {
	[UF_STATUS] = { MSG_F_CSTATUS, MSG__MAX, MSG_ERR_CSTATUS_MISSING,
	    NULL, NULL, cstatus_labels },
	[UF_NARRATIVE] = { MSG_F_NARRATIVE, MSG_F_NARRATIVE_HINT,
	    MSG_ERR_NARRATIVE_MISSING, NULL, NULL, NULL },
	[UF_LANG] = { MSG_F_NARRATIVE, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[UF_FORM_TOKEN] = { MSG_F_NARRATIVE, MSG__MAX, MSG_ERR_TOKEN, NULL,
	    NULL, NULL },
};

/*
 * The withdrawal form: one box that must send confirm=yes.  It is
 * checked as a choice of one (anything but "yes" is refused) and shown
 * as a checkbox.
 */
static const char *const yes[] = { "yes", NULL };
static const struct fielddef wdefs[1] = {
	{ "confirm", FT_CHOICE, FF_REQUIRED, 0, yes },
};
static const struct fielddef wshow[1] = {
	{ "confirm", FT_CHECKBOX, FF_REQUIRED, 0, NULL },
};
static const struct fieldui wui[1] = {
	{ MSG_F_CONFIRM, MSG__MAX, MSG_ERR_CONFIRM, NULL, NULL, NULL },
};

static void	reports_section(struct req *, enum lang,
		    const struct endorsement *, struct form *, const char *);

static void
endorse_post(struct req *r, enum lang l)
{
	struct kvlist		 in;
	struct fieldval		 v[EF__MAX];
	struct form		 f;
	struct endorsement	 e;
	int			 rc;

	if (post_prelude(r, l, &in) == -1)
		return;
	rc = endorse_check(r, l, &in, eui, 0, v, &f, &e);
	if (rc < 0)
		page_error(r, l, 500, NULL);
	else if (rc > 0) {
		r->status = 422;
		endorse_form(r, l, &f, v[EF_FORM_TOKEN].err == VERR_OK ?
		    v[EF_FORM_TOKEN].value : NULL);
	} else
		endorse_store(r, l, &e, "/receipt/");
}

/* ---- /receipt/CODE -------------------------------------------------- */

/*
 * The endorsement's receipt; issue 4: cf and token re-show the report
 * form with its errors (NULL: a fresh form).
 */
static void
receipt_page(struct req *r, enum lang l, const char *code, struct form *cf,
    const char *token)
{
	struct endorsement	 e;
	const struct country	*c;
	const char		*url;
	enum db_res		 res;

	res = db_endorsement_get(db, r->a, code, &e);
	if (res == DB_NOTFOUND) {
		page_error(r, l, 404, NULL);
		return;
	} else if (res != DB_OK) {
		page_error(r, l, 503, NULL);
		return;
	}
	url = arena_printf(r->a, "%s/receipt/%s", webcfg.base_url, e.receipt);
	/* Personal data behind a secret link: never stored by caches. */
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_RCPT_TITLE), cf != NULL && cf->nerrs > 0,
	    NAV_NONE);
	if (cf != NULL)
		form_error_summary(cf);
	page_raw(r, "<div class=\"receipt\">\n<div class=\"panel "
	    "panel-confirm\">\n");
	if (strcmp(e.status, "withdrawn") == 0) {
		page_raw(r, "<h1>");
		page_msg(r, l, MSG_RCPT_TITLE);
		page_raw(r, "</h1>\n<p class=\"withdrawn\">");
		page_text(r, arena_printf(r->a, msg(l, MSG_RCPT_WITHDRAWN_FMT),
		    when(r->a, e.withdrawn_at)));
		page_raw(r, "</p>\n");
	} else
		page_elem(r, "h1", l, MSG_RCPT_THANKS);
	page_raw(r, "<p class=\"code-label\">");
	page_msg(r, l, MSG_RCPT_CODE);
	page_raw(r, "</p>\n<p class=\"code\" id=\"receipt-code\">");
	page_text(r, e.receipt);
	page_raw(r, "</p>\n</div>\n");

	page_raw(r, "<div class=\"receipt-qr\">\n<img src=\"/receipt/");
	page_text(r, e.receipt);
	page_raw(r, ".svg\" width=\"240\" height=\"240\" alt=\"");
	page_msg(r, l, MSG_RCPT_QR_ALT);
	page_raw(r, "\">\n<p>");
	page_msg(r, l, MSG_RCPT_QR_CAPTION);
	page_raw(r, "</p>\n<p class=\"receipt-url\"><span class=\"label\">");
	page_msg(r, l, MSG_RCPT_LINK);
	page_raw(r, "</span> <a href=\"/receipt/");
	page_text(r, e.receipt);
	page_raw(r, "\">");
	page_text(r, url);
	page_raw(r, "</a></p>\n<p class=\"no-print\"><a href=\"/receipt/");
	page_text(r, e.receipt);
	page_raw(r, ".png\" download>");
	page_msg(r, l, MSG_RCPT_PNG);
	page_raw(r, "</a></p>\n</div>\n");
	page_elem(r, "p class=\"keep\"", l, MSG_RCPT_KEEP);

	page_elem(r, "h2", l, MSG_RCPT_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	page_summary_row(r, l, 0, MSG_RCPT_STATUS, status_text(l, e.status));
	page_summary_row(r, l, 0, MSG_RCPT_RECEIVED, when(r->a, e.created_at));
	page_summary_row(r, l, 0, MSG_F_FULL_NAME, e.full_name);
	page_summary_row(r, l, 0, MSG_F_ROLE, strcmp(e.role, "other") == 0 ?
	    e.role_other : choice_text(l, roles, role_labels, e.role));
	page_summary_row(r, l, 0, MSG_F_LEVEL,
	    choice_text(l, levels, level_labels, e.government_level));
	page_summary_row(r, l, 0, MSG_F_LOCALITY, e.locality);
	page_summary_row(r, l, 0, MSG_RCPT_REGION, e.region);
	c = country_find(e.country);
	page_summary_row(r, l, 0, MSG_F_COUNTRY, c ? c->name : e.country);
	page_summary_row(r, l, 0, MSG_RCPT_ORGANISATION, e.organisation);
	page_summary_row(r, l, 0, MSG_F_EMAIL, e.email);
	page_summary_row(r, l, 0, MSG_RCPT_LISTED,
	    msg(l, e.listed ? MSG_RCPT_YES : MSG_RCPT_NO));
	if (e.event_name != NULL)
		page_summary_row(r, l, 0, MSG_RCPT_EVENT, e.event_name);
	if (e.signature != NULL)
		page_signature_row(r, l, e.signature);
	page_raw(r, "</dl>\n");
	if (strcmp(e.status, "pending") == 0)
		page_elem(r, "p class=\"hint\"", l, MSG_STATUS_PENDING_HINT);
	if (strcmp(e.status, "withdrawn") != 0) {
		page_elem(r, "h2 class=\"no-print\"", l, MSG_RCPT_NEXT_H);
		page_elem(r, "p class=\"no-print\"", l, MSG_RCPT_NEXT_1);
	}
	reports_section(r, l, &e, cf, token);
	page_elem(r, "p class=\"no-print hint\"", l, MSG_RCPT_PRINT);
	page_raw(r, "</div>\n");
	page_end(r, l);
}

enum qrfmt {
	QR_NONE,
	QR_SVG,
	QR_PNG
};

static void
receipt_qr(struct req *r, enum lang l, const char *code, enum qrfmt fmt)
{
	enum receipt_kind	 kind;
	const char		*url;
	enum db_res		 res;
	int			 rc;

	/* Only codes that exist get an image: no oracle, no free QR maker.
	 * Issue 4: of any kind (endorsement or report). */
	res = db_receipt_kind(db, code, &kind);
	if (res == DB_NOTFOUND) {
		page_error(r, l, 404, NULL);
		return;
	} else if (res != DB_OK) {
		page_error(r, l, 503, NULL);
		return;
	}
	url = arena_printf(r->a, "%s/receipt/%s", webcfg.base_url, code);
	if (fmt == QR_SVG) {
		rc = qr_svg(r->body, url);
		r->content_type_out = "image/svg+xml";
	} else {
		rc = qr_png(r->body, url, 8);
		r->content_type_out = "image/png";
	}
	if (rc == -1) {
		page_error(r, l, 500, NULL);
		return;
	}
	/* The image of a code never changes; only its holder should keep it. */
	req_header(r, "Cache-Control", "private, max-age=86400, immutable");
}

/* ---- issue 4: the reports on an endorsement's receipt ------------------ */

static const char *
area_text(enum lang l, const char *v)
{
	return choice_text(l, areas, area_labels, v);
}

static const char *
cstatus_text(enum lang l, const char *v)
{
	return choice_text(l, cstatuses, cstatus_labels, v);
}

/* "2026-11-28T18:36:00Z" as "2026-11-28". */
static const char *
day(struct arena *a, const char *iso)
{
	if (iso == NULL)
		return "";
	return arena_printf(a, "%.10s", iso);
}

/*
 * The endorsement receipt's own part: its reports, the form to add one
 * (cf: shown again with its errors, or NULL for a fresh one), and the
 * way to withdraw.  A withdrawn or rejected endorsement offers neither.
 */
static void
reports_section(struct req *r, enum lang l, const struct endorsement *e,
    struct form *cf, const char *token)
{
	struct commitment	*cs;
	struct form		 fresh;
	char			 csrf[B64_TOKEN_LEN + 1];
	char			 tok[FORM_TOKEN_LEN + 1];
	size_t			 i, n;
	int			 open;

	open = strcmp(e->status, "withdrawn") != 0 &&
	    strcmp(e->status, "rejected") != 0;
	if (db_commitments_of(db, r->a, e->id, &cs, &n) == -1)
		n = 0;
	page_raw(r, "<section class=\"reports\" aria-labelledby=\"reports-h\">\n"
	    "<h2 id=\"reports-h\">");
	page_msg(r, l, MSG_RCPT_REPORTS_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, MSG_RCPT_REPORTS_NONE);
	else {
		page_raw(r, "<ul class=\"entries\">\n");
		for (i = 0; i < n; i++) {
			page_raw(r, "<li><a href=\"/receipt/");
			page_text(r, cs[i].receipt);
			page_raw(r, "\">");
			page_text(r, cs[i].title);
			page_raw(r, "</a><p class=\"meta\">");
			page_text(r, area_text(l, cs[i].area));
			page_raw(r, " · ");
			page_text(r, cstatus_text(l, cs[i].latest));
			page_raw(r, " · ");
			page_text(r, arena_printf(r->a,
			    msg(l, MSG_RCPT_REPORTED_FMT),
			    day(r->a, cs[i].created_at)));
			page_raw(r, "</p></li>\n");
		}
		page_raw(r, "</ul>\n");
	}
	page_raw(r, "</section>\n");
	if (!open) {
		if (strcmp(e->status, "rejected") == 0)
			page_elem(r, "p class=\"hint\"", l, MSG_RCPT_CLOSED);
		return;
	}

	if (cf == NULL) {
		if (form_init(&fresh, r, l, cdefs, cui, CF__MAX, NULL) == -1)
			return;
		cf = &fresh;
	}
	if (token == NULL) {
		form_token_new(secret, tok);
		token = tok;
	}
	csrf_prepare(r, secret, webcfg.secure, csrf);
	page_raw(r, "<section class=\"no-print\" aria-labelledby=\"report-h\">"
	    "\n<h2 id=\"report-h\">");
	page_msg(r, l, MSG_CF_H);
	page_raw(r, "</h2>\n");
	page_elem(r, "p", l, MSG_CF_LEAD);
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" method=\"post\" action=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "/commitments\" accept-charset=\"utf-8\" novalidate>\n");
	form_hidden(cf, csrf, token);
	form_radios(cf, CF_AREA);
	form_input(cf, CF_TITLE);
	form_textarea(cf, CF_DESCRIPTION);
	form_textarea(cf, CF_MEANS);
	form_textarea(cf, CF_INDICATORS);
	form_input(cf, CF_TARGET_DATE);
	form_radios(cf, CF_STATUS);
	form_input(cf, CF_SDG);
	form_submit(cf, MSG_CF_SUBMIT);
	page_raw(r, "</form>\n</section>\n");

	page_raw(r, "<section class=\"no-print\" aria-labelledby=\"withdraw-h\">"
	    "\n<h2 id=\"withdraw-h\">");
	page_msg(r, l, MSG_RCPT_WITHDRAW_H);
	page_raw(r, "</h2>\n");
	page_elem(r, "p", l, MSG_RCPT_WITHDRAW_1);
	page_raw(r, "<p><a href=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "/withdraw\">");
	page_msg(r, l, MSG_RCPT_WITHDRAW_LINK);
	page_raw(r, "</a></p>\n</section>\n");
}

/*
 * The endorsement of code for a POST on it: DB_OK with e, or -1 with
 * the page written: 404 for no such endorsement, 409 (saying why) for
 * a withdrawn or rejected one.
 */
static int
open_endorsement(struct req *r, enum lang l, const char *code,
    struct endorsement *e, int allow_withdrawn)
{
	switch (db_endorsement_get(db, r->a, code, e)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		return -1;
	default:
		page_error(r, l, 503, NULL);
		return -1;
	}
	if (!allow_withdrawn && strcmp(e->status, "withdrawn") == 0) {
		page_notice(r, l, 409, MSG_E409_WITHDRAWN_TITLE,
		    MSG_E409_WITHDRAWN_BODY);
		return -1;
	}
	if (!allow_withdrawn && strcmp(e->status, "rejected") == 0) {
		page_notice(r, l, 409, MSG_E409_REJECTED_TITLE,
		    MSG_E409_REJECTED_BODY);
		return -1;
	}
	return 0;
}

/* A DB_CLOSED answer: the endorsement closed between look and write. */
static void
closed_page(struct req *r, enum lang l)
{
	page_notice(r, l, 409, MSG_E409_WITHDRAWN_TITLE,
	    MSG_E409_WITHDRAWN_BODY);
}

/*
 * Validate a form's fields and its token.  Returns the number of
 * fields in error, -1 on memory exhaustion (500 written).
 */
static int
check_form(struct req *r, enum lang l, const struct fielddef *defs,
    const struct fieldui *ui, size_t n, size_t tokfield,
    const struct kvlist *in, struct fieldval *v, struct form *f)
{
	if (valid_form(r->a, defs, n, in, v) < 0) {
		page_error(r, l, 500, NULL);
		return -1;
	}
	if (v[tokfield].err == VERR_OK &&
	    !form_token_check(secret, v[tokfield].value))
		v[tokfield].err = VERR_TOKEN;
	if (form_init(f, r, l, defs, ui, n, v) == -1) {
		page_error(r, l, 500, NULL);
		return -1;
	}
	return (int)f->nerrs;
}

static void	receipt_page(struct req *, enum lang, const char *,
		    struct form *, const char *);

/* POST /receipt/CODE/commitments */
static void
commitments_post(struct req *r, enum lang l, const char *code)
{
	struct kvlist		 in;
	struct fieldval		 v[CF__MAX];
	struct form		 f;
	struct endorsement	 e;
	struct commitment	 c;
	enum db_res		 res;
	int			 nerr;

	if (post_prelude(r, l, &in) == -1)
		return;
	if (open_endorsement(r, l, code, &e, 0) == -1)
		return;
	if ((nerr = check_form(r, l, cdefs, cui, CF__MAX, CF_FORM_TOKEN, &in,
	    v, &f)) < 0)
		return;
	if (nerr > 0) {
		r->status = 422;
		receipt_page(r, l, code, &f, v[CF_FORM_TOKEN].err == VERR_OK ?
		    v[CF_FORM_TOKEN].value : NULL);
		return;
	}
	memset(&c, 0, sizeof(c));
	form_hash(cdefs, CF__MAX, v, c.hash);
	c.endorsement_id = e.id;
	c.form_token = v[CF_FORM_TOKEN].value;
	c.area = v[CF_AREA].value;
	c.title = v[CF_TITLE].value;
	c.description = v[CF_DESCRIPTION].value;
	c.means = v[CF_MEANS].value;
	c.indicators = v[CF_INDICATORS].value;
	c.target_date = v[CF_TARGET_DATE].present ?
	    v[CF_TARGET_DATE].value : NULL;
	c.status = v[CF_STATUS].value;
	c.sdg = v[CF_SDG].value;
	c.lang = v[CF_LANG].present ? v[CF_LANG].value : lang_code(l);
	res = db_commitment_add(db, &c);
	stored(r, l, res, arena_printf(r->a, "/receipt/%s", c.receipt));
}

/* ---- issue 4: a report's receipt and its follow-up --------------------- */

/* The QR block and the link of a receipt, as on the endorsement's. */
static void
receipt_qr_block(struct req *r, enum lang l, const char *code)
{
	page_raw(r, "<div class=\"receipt-qr\">\n<img src=\"/receipt/");
	page_text(r, code);
	page_raw(r, ".svg\" width=\"240\" height=\"240\" alt=\"");
	page_msg(r, l, MSG_RCPT_QR_ALT);
	page_raw(r, "\">\n<p>");
	page_msg(r, l, MSG_RCPT_QR_CAPTION);
	page_raw(r, "</p>\n<p class=\"receipt-url\"><span class=\"label\">");
	page_msg(r, l, MSG_RCPT_LINK);
	page_raw(r, "</span> <a href=\"/receipt/");
	page_text(r, code);
	page_raw(r, "\">");
	page_text(r, arena_printf(r->a, "%s/receipt/%s", webcfg.base_url,
	    code));
	page_raw(r, "</a></p>\n<p class=\"no-print\"><a href=\"/receipt/");
	page_text(r, code);
	page_raw(r, ".png\" download>");
	page_msg(r, l, MSG_RCPT_PNG);
	page_raw(r, "</a></p>\n</div>\n");
}

/*
 * GET /receipt/CODE of a report: the report, its QR code, its history
 * oldest first and the update form (uf: shown again with its errors).
 */
static void
commitment_page(struct req *r, enum lang l, const char *code,
    struct form *uf, const char *token)
{
	struct commitment	 c;
	struct cupdate		*us;
	struct form		 fresh;
	const struct country	*k;
	char			 csrf[B64_TOKEN_LEN + 1];
	char			 tok[FORM_TOKEN_LEN + 1];
	size_t			 i, n;
	int			 open;

	switch (db_commitment_get(db, r->a, code, &c)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		return;
	default:
		page_error(r, l, 503, NULL);
		return;
	}
	if (db_updates_of(db, r->a, c.id, &us, &n) == -1) {
		page_error(r, l, 503, NULL);
		return;
	}
	open = strcmp(c.e_status, "withdrawn") != 0 &&
	    strcmp(c.e_status, "rejected") != 0;
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_CR_TITLE), uf != NULL && uf->nerrs > 0,
	    NAV_NONE);
	if (uf != NULL)
		form_error_summary(uf);
	page_raw(r, "<div class=\"receipt\">\n<div class=\"panel "
	    "panel-confirm\">\n");
	page_elem(r, "h1", l, MSG_CR_THANKS);
	page_raw(r, "<p class=\"code-label\">");
	page_msg(r, l, MSG_RCPT_CODE);
	page_raw(r, "</p>\n<p class=\"code\" id=\"receipt-code\">");
	page_text(r, c.receipt);
	page_raw(r, "</p>\n</div>\n");
	receipt_qr_block(r, l, c.receipt);
	page_elem(r, "p class=\"keep\"", l, MSG_CR_KEEP);

	page_elem(r, "h2", l, MSG_RCPT_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	page_summary_row(r, l, 0, MSG_CR_STATUS_NOW, cstatus_text(l, c.latest));
	page_summary_row(r, l, 0, MSG_RCPT_RECEIVED, when(r->a, c.created_at));
	k = country_find(c.e_country);
	page_summary_row(r, l, 0, MSG_CR_BY, arena_printf(r->a, "%s, %s, %s",
	    c.e_full_name, c.e_locality, k ? k->name : c.e_country));
	page_summary_row(r, l, 0, MSG_F_AREA, area_text(l, c.area));
	page_summary_row(r, l, 0, MSG_F_TITLE, c.title);
	page_summary_row(r, l, 1, MSG_F_DESCRIPTION, c.description);
	page_summary_row(r, l, 1, MSG_CR_MEANS, c.means);
	page_summary_row(r, l, 1, MSG_CR_INDICATORS, c.indicators);
	page_summary_row(r, l, 0, MSG_CR_TARGET_DATE, c.target_date);
	page_summary_row(r, l, 0, MSG_CR_SDG, c.sdg);
	page_summary_row(r, l, 0, MSG_CR_STATUS_FIRST,
	    cstatus_text(l, c.status));
	page_raw(r, "</dl>\n");

	page_raw(r, "<section aria-labelledby=\"history-h\">\n"
	    "<h2 id=\"history-h\">");
	page_msg(r, l, MSG_CR_HISTORY_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, MSG_CR_HISTORY_NONE);
	else {
		page_raw(r, "<ol class=\"entries history\">\n");
		for (i = 0; i < n; i++) {
			page_raw(r, "<li><p class=\"meta\"><time>");
			page_text(r, when(r->a, us[i].created_at));
			page_raw(r, "</time> · <strong>");
			page_text(r, cstatus_text(l, us[i].status));
			page_raw(r, "</strong></p><p class=\"pre\">");
			page_text(r, us[i].narrative);
			page_raw(r, "</p></li>\n");
		}
		page_raw(r, "</ol>\n");
	}
	page_raw(r, "</section>\n");

	if (!open)
		page_elem(r, "p class=\"hint\"", l, MSG_CR_CLOSED);
	else {
		if (uf == NULL) {
			if (form_init(&fresh, r, l, udefs, uui, UF__MAX,
			    NULL) == -1) {
				page_error(r, l, 500, NULL);
				return;
			}
			uf = &fresh;
		}
		if (token == NULL) {
			form_token_new(secret, tok);
			token = tok;
		}
		csrf_prepare(r, secret, webcfg.secure, csrf);
		page_raw(r, "<section class=\"no-print\" "
		    "aria-labelledby=\"update-h\">\n<h2 id=\"update-h\">");
		page_msg(r, l, MSG_CR_UPDATE_H);
		page_raw(r, "</h2>\n");
		page_elem(r, "p", l, MSG_CR_UPDATE_LEAD);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/receipt/");
		page_text(r, c.receipt);
		page_raw(r, "/updates\" accept-charset=\"utf-8\" novalidate>\n");
		form_hidden(uf, csrf, token);
		form_radios(uf, UF_STATUS);
		form_textarea(uf, UF_NARRATIVE);
		form_submit(uf, MSG_CR_UPDATE_SUBMIT);
		page_raw(r, "</form>\n</section>\n");
		page_elem(r, "p class=\"no-print hint\"", l, MSG_CR_ANOTHER);
	}
	page_elem(r, "p class=\"no-print hint\"", l, MSG_RCPT_PRINT);
	page_raw(r, "</div>\n");
	page_end(r, l);
}

/* POST /receipt/CODE/updates */
static void
updates_post(struct req *r, enum lang l, const char *code)
{
	struct kvlist		 in;
	struct fieldval		 v[UF__MAX];
	struct form		 f;
	struct commitment	 c;
	struct cupdate		 u;
	enum db_res		 res;
	int			 nerr;

	if (post_prelude(r, l, &in) == -1)
		return;
	switch (db_commitment_get(db, r->a, code, &c)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		return;
	default:
		page_error(r, l, 503, NULL);
		return;
	}
	if (strcmp(c.e_status, "withdrawn") == 0) {
		page_notice(r, l, 409, MSG_E409_WITHDRAWN_TITLE,
		    MSG_E409_WITHDRAWN_BODY);
		return;
	}
	if (strcmp(c.e_status, "rejected") == 0) {
		page_notice(r, l, 409, MSG_E409_REJECTED_TITLE,
		    MSG_E409_REJECTED_BODY);
		return;
	}
	if ((nerr = check_form(r, l, udefs, uui, UF__MAX, UF_FORM_TOKEN, &in,
	    v, &f)) < 0)
		return;
	if (nerr > 0) {
		r->status = 422;
		commitment_page(r, l, code, &f, v[UF_FORM_TOKEN].err ==
		    VERR_OK ? v[UF_FORM_TOKEN].value : NULL);
		return;
	}
	memset(&u, 0, sizeof(u));
	form_hash(udefs, UF__MAX, v, u.hash);
	u.commitment_id = c.id;
	u.form_token = v[UF_FORM_TOKEN].value;
	u.status = v[UF_STATUS].value;
	u.narrative = v[UF_NARRATIVE].value;
	res = db_update_add(db, &u);
	stored(r, l, res, arena_printf(r->a, "/receipt/%s", c.receipt));
}

/* ---- issue 4: withdrawing an endorsement -------------------------------- */

/* The confirmation page (f: shown again with its error, or NULL). */
static void
withdraw_page(struct req *r, enum lang l, const struct endorsement *e,
    struct form *f)
{
	struct form	fresh;
	char		csrf[B64_TOKEN_LEN + 1];

	if (f == NULL) {
		if (form_init(&fresh, r, l, wshow, wui, 1, NULL) == -1) {
			page_error(r, l, 500, NULL);
			return;
		}
		f = &fresh;
	}
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_WD_TITLE), f->nerrs > 0, NAV_NONE);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_WD_TITLE);
	if (strcmp(e->status, "withdrawn") == 0) {
		page_raw(r, "<p>");
		page_text(r, arena_printf(r->a, msg(l, MSG_RCPT_WITHDRAWN_FMT),
		    when(r->a, e->withdrawn_at)));
		page_raw(r, "</p>\n");
	} else {
		csrf_prepare(r, secret, webcfg.secure, csrf);
		page_elem(r, "p", l, MSG_WD_1);
		page_elem(r, "p", l, MSG_WD_2);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/receipt/");
		page_text(r, e->receipt);
		page_raw(r, "/withdraw\" accept-charset=\"utf-8\" novalidate>\n");
		buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n", csrf);
		form_checkbox(f, 0);
		page_raw(r, "<button class=\"button button-warning\" "
		    "type=\"submit\">");
		page_msg(r, l, MSG_WD_SUBMIT);
		page_raw(r, "</button>\n</form>\n");
	}
	page_raw(r, "<p><a href=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "\">");
	page_msg(r, l, MSG_WD_CANCEL);
	page_raw(r, "</a></p>\n");
	page_end(r, l);
}

static void
withdraw_get(struct req *r, enum lang l, const char *code)
{
	struct endorsement	e;

	if (open_endorsement(r, l, code, &e, 1) == -1)
		return;
	withdraw_page(r, l, &e, NULL);
}

/*
 * POST /receipt/CODE/withdraw: confirm=yes withdraws (once: again is the
 * same 303), anything else is a 422 with the confirmation page.
 */
static void
withdraw_post(struct req *r, enum lang l, const char *code)
{
	struct kvlist		 in;
	struct fieldval		 v[1];
	struct form		 f;
	struct endorsement	 e;

	if (post_prelude(r, l, &in) == -1)
		return;
	if (open_endorsement(r, l, code, &e, 1) == -1)
		return;
	if (valid_form(r->a, wdefs, 1, &in, v) < 0 ||
	    form_init(&f, r, l, wshow, wui, 1, v) == -1) {
		page_error(r, l, 500, NULL);
		return;
	}
	if (f.nerrs > 0) {
		r->status = 422;
		withdraw_page(r, l, &e, &f);
		return;
	}
	switch (db_endorsement_withdraw(db, e.id, e.receipt)) {
	case DB_OK:
	case DB_EXISTS:
		redirect(r, arena_printf(r->a, "/receipt/%s", e.receipt));
		r->after_commit = 1;
		break;
	default:
		page_error(r, l, 503, NULL);
		break;
	}
}

/* ---- issue 4: the public lists ------------------------------------------ */

#define LIST_PAGE	50	/* rows a page */

static const char *const continents[] = {
	"africa", "americas", "asia", "europe", "oceania", NULL
};
static const enum msg continent_labels[] = {
	MSG_CONT_AFRICA, MSG_CONT_AMERICAS, MSG_CONT_ASIA, MSG_CONT_EUROPE,
	MSG_CONT_OCEANIA
};

static int
in_list(const char *const *list, const char *v)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

/*
 * The filters of a list from the query string.  An empty value is no
 * filter; a value the form cannot send (an unknown country, a repeated
 * or malformed parameter) is -1: the caller answers 400.
 */
static int
list_query(struct req *r, int reports, struct list_filter *f)
{
	static const char *const names[] = {
		"country", "continent", "area", "status", "before"
	};
	const struct kv	*kv;
	const char	*v[5];
	size_t		 i, n;
	char		*end;
	long long	 b;

	memset(f, 0, sizeof(f[0]));
	if (r->args_err != PARSE_OK)
		return -1;
	for (i = 0; i < 5; i++) {
		v[i] = NULL;
		kv = kvlist_get(&r->args, names[i], &n);
		if (kv == NULL || kv->valuesz == 0)
			continue;
		if (n > 1 || strlen(kv->value) != kv->valuesz)
			return -1;
		if (!reports && (i == 2 || i == 3))
			return -1;
		v[i] = kv->value;
	}
	if (v[0] != NULL && country_find(v[0]) == NULL)
		return -1;
	if (v[1] != NULL && !in_list(continents, v[1]))
		return -1;
	if (v[2] != NULL && !in_list(areas, v[2]))
		return -1;
	if (v[3] != NULL && !in_list(cstatuses, v[3]))
		return -1;
	if (v[4] != NULL) {
		if (v[4][0] < '1' || v[4][0] > '9' || strlen(v[4]) > 18)
			return -1;
		b = strtoll(v[4], &end, 10);
		if (*end != '\0' || b <= 0)
			return -1;
		f->before = b;
	}
	f->country = v[0];
	f->continent = v[1];
	f->area = v[2];
	f->status = v[3];
	return 0;
}

/* A <select> of a filter: "any" and then each choice. */
static void
filter_select(struct req *r, enum lang l, const char *name, enum msg label,
    const char *const *choices, const enum msg *labels, const char *cur)
{
	size_t	i;

	buf_printf(r->body, "<div class=\"field\">\n<label for=\"%s\">",
	    name);
	page_msg(r, l, label);
	buf_printf(r->body, "</label>\n<select class=\"select\" id=\"%s\" "
	    "name=\"%s\">\n<option value=\"\">", name, name);
	page_msg(r, l, MSG_LIST_ANY);
	page_raw(r, "</option>\n");
	for (i = 0; choices[i] != NULL; i++) {
		buf_printf(r->body, "<option value=\"%s\"%s>", choices[i],
		    cur != NULL && strcmp(cur, choices[i]) == 0 ?
		    " selected" : "");
		page_msg(r, l, labels[i]);
		page_raw(r, "</option>\n");
	}
	page_raw(r, "</select>\n</div>\n");
}

/*
 * The filters as a query string for links, escaped for an attribute:
 * "" or "a=b&amp;c=d".  Every value is one of ours (checked by
 * list_query), so none needs percent-encoding.
 */
static const char *
filter_query(struct req *r, const struct list_filter *f)
{
	struct buf	 b;
	const char	*s;

	memset(&b, 0, sizeof(b));
	if (f->country != NULL)
		buf_printf(&b, "&amp;country=%s", f->country);
	if (f->continent != NULL)
		buf_printf(&b, "&amp;continent=%s", f->continent);
	if (f->area != NULL)
		buf_printf(&b, "&amp;area=%s", f->area);
	if (f->status != NULL)
		buf_printf(&b, "&amp;status=%s", f->status);
	s = b.len > 0 && buf_cstr(&b) != NULL ?
	    arena_strdup(r->a, b.p + 5) : "";
	buf_free(&b);
	return s != NULL ? s : "";
}

/* The counts at the top: each key of choices with its count and link. */
static void
list_counts(struct req *r, enum lang l, const char *path, const char *list,
    const char *param, enum msg heading, const char *const *choices,
    const enum msg *labels)
{
	struct list_count	c[DB_COUNTS_MAX];
	size_t			i, j, n;
	long long		k, total = 0;

	if (db_list_counts(db, r->a, list, c, &n) == -1)
		n = 0;
	for (j = 0; j < n; j++)
		total += c[j].n;
	buf_printf(r->body, "<section class=\"counts\" aria-labelledby=\"%s-h\">"
	    "\n<h2 id=\"%s-h\">", list, list);
	page_msg(r, l, heading);
	page_raw(r, "</h2>\n<ul class=\"count-list\">\n<li>");
	buf_printf(r->body, msg(l, MSG_LIST_TOTAL_FMT), total);
	page_raw(r, "</li>\n");
	for (i = 0; choices[i] != NULL; i++) {
		for (k = 0, j = 0; j < n; j++)
			if (strcmp(c[j].key, choices[i]) == 0)
				k = c[j].n;
		buf_printf(r->body, "<li><a href=\"%s?%s=%s\">", path, param,
		    choices[i]);
		page_msg(r, l, labels[i]);
		buf_printf(r->body, "</a>: %lld</li>\n", k);
	}
	page_raw(r, "</ul>\n</section>\n");
}

/* GET /signatories and GET /commitments */
static void
list_page(struct req *r, enum lang l, int reports)
{
	struct list_filter	 f;
	struct list_row		*rows;
	struct form		 cf;
	struct fieldval		 cv[1];
	static const struct fielddef cdef[1] = {
		{ "country", FT_COUNTRY, 0, 2, NULL }
	};
	static const enum msg any[] = { MSG_LIST_ANY };
	static const struct fieldui cdui[1] = {
		{ MSG_F_COUNTRY, MSG__MAX, MSG__MAX, NULL, NULL, any }
	};
	const struct country	*k;
	const char		*path, *q;
	size_t			 i, n = 0;
	int			 rc;

	path = reports ? "/commitments" : "/signatories";
	if (list_query(r, reports, &f) == -1) {
		page_error(r, l, 400, NULL);
		return;
	}
	if ((rows = arena_calloc(r->a, LIST_PAGE + 1, sizeof(*rows))) == NULL) {
		page_error(r, l, 500, NULL);
		return;
	}
	/* A country outside the continent asked for matches nothing. */
	k = f.country != NULL ? country_find(f.country) : NULL;
	if (k != NULL && f.continent != NULL &&
	    strcmp(continents[k->continent], f.continent) != 0)
		rc = 0;
	else if (reports)
		rc = db_list_reports(db, r->a, &f, rows, LIST_PAGE + 1, &n);
	else
		rc = db_list_signatories(db, r->a, &f, rows, LIST_PAGE + 1,
		    &n);
	if (rc == -1) {
		page_error(r, l, 503, NULL);
		return;
	}
	q = filter_query(r, &f);
	req_header(r, "Cache-Control", "no-cache");
	page_begin(r, l, msg(l, reports ? MSG_COM_TITLE : MSG_SIG_TITLE), 0,
	    reports ? NAV_COMMITMENTS : NAV_SIGNATORIES);
	page_elem(r, "h1", l, reports ? MSG_COM_TITLE : MSG_SIG_TITLE);
	page_elem(r, "p class=\"lead\"", l, reports ? MSG_COM_LEAD :
	    MSG_SIG_LEAD);
	if (reports)
		list_counts(r, l, path, "area", "area", MSG_LIST_BY_AREA_H,
		    areas, area_labels);
	else
		list_counts(r, l, path, "continent", "continent",
		    MSG_LIST_BY_CONTINENT_H, continents, continent_labels);

	/* The filters: a GET form, so that they work without scripts. */
	buf_printf(r->body, "<form class=\"filters\" method=\"get\" "
	    "action=\"%s\" aria-labelledby=\"filter-h\">\n"
	    "<h2 id=\"filter-h\">", path);
	page_msg(r, l, MSG_LIST_FILTER_H);
	page_raw(r, "</h2>\n<div class=\"filter-fields\">\n");
	filter_select(r, l, "continent", MSG_F_CONTINENT, continents,
	    continent_labels, f.continent);
	cv[0].value = f.country != NULL ? f.country : "";
	cv[0].valuesz = strlen(cv[0].value);
	cv[0].present = f.country != NULL;
	cv[0].err = VERR_OK;
	if (form_init(&cf, r, l, cdef, cdui, 1, cv) == 0)
		form_country(&cf, 0);
	if (reports) {
		filter_select(r, l, "area", MSG_F_AREA, areas, area_labels,
		    f.area);
		filter_select(r, l, "status", MSG_F_CSTATUS, cstatuses,
		    cstatus_labels, f.status);
	}
	page_raw(r, "</div>\n<button class=\"button\" type=\"submit\">");
	page_msg(r, l, MSG_LIST_APPLY);
	buf_printf(r->body, "</button>\n<p><a href=\"%s\">", path);
	page_msg(r, l, MSG_LIST_CLEAR);
	page_raw(r, "</a></p>\n</form>\n");

	page_raw(r, "<section aria-labelledby=\"results-h\">\n"
	    "<h2 id=\"results-h\">");
	page_msg(r, l, MSG_LIST_RESULTS_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, *q != '\0' || f.before > 0 ?
		    MSG_LIST_NONE : MSG_LIST_EMPTY);
	else
		page_raw(r, reports ? "<ol class=\"entries\" "
		    "id=\"commitment-list\">\n" : "<ol class=\"entries\" "
		    "id=\"signatory-list\">\n");
	for (i = 0; i < n && i < LIST_PAGE; i++) {
		k = country_find(rows[i].country);
		page_raw(r, "<li>");
		if (reports) {
			page_raw(r, "<h3>");
			page_text(r, rows[i].title);
			page_raw(r, "</h3>\n<p class=\"meta\">");
			page_text(r, area_text(l, rows[i].area));
			page_raw(r, " · <strong>");
			page_text(r, cstatus_text(l, rows[i].status));
			page_raw(r, "</strong></p>\n<p>");
			page_text(r, rows[i].full_name);
			page_raw(r, ", ");
		} else {
			page_raw(r, "<h3>");
			page_text(r, rows[i].full_name);
			page_raw(r, "</h3>\n<p>");
			page_text(r, strcmp(rows[i].role, "other") == 0 ?
			    rows[i].role_other : choice_text(l, roles,
			    role_labels, rows[i].role));
			page_raw(r, ", ");
		}
		page_text(r, rows[i].locality);
		page_raw(r, ", ");
		page_text(r, k != NULL ? k->name : rows[i].country);
		page_raw(r, "</p>\n<p class=\"meta\">");
		page_text(r, arena_printf(r->a, msg(l, reports ?
		    MSG_LIST_REPORTED_FMT : MSG_LIST_ENDORSED_FMT),
		    day(r->a, rows[i].created_at)));
		if (reports && rows[i].target_date != NULL) {
			page_raw(r, " · ");
			page_text(r, arena_printf(r->a,
			    msg(l, MSG_LIST_TARGET_FMT), rows[i].target_date));
		}
		page_raw(r, "</p></li>\n");
	}
	if (n > 0)
		page_raw(r, "</ol>\n");
	if (n > LIST_PAGE || f.before > 0) {
		page_raw(r, "<nav class=\"pager\" aria-label=\"");
		page_msg(r, l, MSG_LIST_PAGE_NAV);
		page_raw(r, "\"><ul>\n");
		if (f.before > 0) {
			buf_printf(r->body, "<li><a href=\"%s%s%s\">", path,
			    *q ? "?" : "", q);
			page_msg(r, l, MSG_LIST_NEWEST);
			page_raw(r, "</a></li>\n");
		}
		if (n > LIST_PAGE) {
			buf_printf(r->body, "<li><a rel=\"next\" "
			    "href=\"%s?before=%lld%s%s\">", path,
			    rows[LIST_PAGE - 1].id, *q ? "&amp;" : "", q);
			page_msg(r, l, MSG_LIST_OLDER);
			page_raw(r, "</a></li>\n");
		}
		page_raw(r, "</ul></nav>\n");
	}
	page_raw(r, "</section>\n");
	page_end(r, l);
}

/* ---- issue 6: the event kiosk ------------------------------------------ */

/*
 * The kiosk's form is the endorsement form on a shared tablet: the same
 * fields and checks, no browser autofill (the next signer must not be
 * offered the last one's answers), and a signature pad.  Routes:
 * /kiosk/TOKEN (GET the form, POST it) and /kiosk/TOKEN/done/CODE (the
 * hand-off: the receipt's QR code and nothing else).
 */

/* How long after it was recorded a hand-off page can still be shown. */
#define HANDOFF_MAX_AGE	600

/* The endorsement form's labels with autofill turned off. */
static const struct fieldui kui[EF__MAX] = {
	[EF_FULL_NAME] = { MSG_F_FULL_NAME, MSG_F_FULL_NAME_HINT,
	    MSG_ERR_FULL_NAME_MISSING, "text", "off", NULL },
	[EF_ROLE] = { MSG_F_ROLE, MSG__MAX, MSG_ERR_ROLE_MISSING, NULL, NULL,
	    role_labels },
	[EF_ROLE_OTHER] = { MSG_F_ROLE_OTHER, MSG_F_ROLE_OTHER_HINT,
	    MSG_ERR_ROLE_OTHER, "text", "off", NULL },
	[EF_LEVEL] = { MSG_F_LEVEL, MSG__MAX, MSG_ERR_LEVEL_MISSING, NULL, NULL,
	    level_labels },
	[EF_LOCALITY] = { MSG_F_LOCALITY, MSG_F_LOCALITY_HINT,
	    MSG_ERR_LOCALITY_MISSING, "text", "off", NULL },
	[EF_REGION] = { MSG_F_REGION, MSG__MAX, MSG__MAX, "text", "off", NULL },
	[EF_COUNTRY] = { MSG_F_COUNTRY, MSG__MAX, MSG_ERR_COUNTRY, NULL, "off",
	    NULL },
	[EF_EMAIL] = { MSG_F_EMAIL, MSG_F_EMAIL_HINT, MSG_ERR_EMAIL_MISSING,
	    "email", "off", NULL },
	[EF_ORGANISATION] = { MSG_F_ORGANISATION, MSG_F_ORGANISATION_HINT,
	    MSG__MAX, "text", "off", NULL },
	[EF_LISTED] = { MSG_F_LISTED, MSG_F_LISTED_HINT, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_CONSENT] = { MSG_F_CONSENT, MSG_F_CONSENT_HINT, MSG_ERR_CONSENT,
	    NULL, NULL, NULL },
	[EF_SIGNATURE] = { MSG_RCPT_SIGNATURE, MSG__MAX, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_LANG] = { MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[EF_FORM_TOKEN] = { MSG_F_FULL_NAME, MSG__MAX, MSG_ERR_TOKEN, NULL,
	    NULL, NULL },
};

/*
 * The frame of a kiosk page: the site's head with the kiosk's script,
 * and a header without links, so that a signer cannot wander off the
 * tablet's form.  Never stored by a cache (Cache-Control: no-store).
 */
static void
kiosk_begin(struct req *r, enum lang l, const char *title, int error,
    const char *bodyclass)
{
	req_header(r, "Cache-Control", "no-store");
	buf_printf(r->body, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"ltr\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
	    "<title>", lang_code(l));
	if (error)
		page_msg(r, l, MSG_ERROR_PREFIX);
	page_text(r, title);
	page_raw(r, " – ");
	page_msg(r, l, MSG_SITE_NAME);
	buf_printf(r->body, "</title>\n"
	    "<link rel=\"stylesheet\" href=\"/style.css\">\n"
	    "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n"
	    "<script src=\"/kiosk.js\" defer></script>\n"
	    "</head>\n<body class=\"kiosk %s\">\n"
	    "<header class=\"site-header\"><div class=\"wrap\">"
	    "<p class=\"site-name\">", bodyclass);
	page_msg(r, l, MSG_SITE_NAME);
	page_raw(r, "</p></div></header>\n"
	    "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

/* The pad: shown by the script only (no script, no drawing). */
static void
kiosk_sigpad(const struct form *f)
{
	struct req	*r = f->r;
	enum lang	 l = f->lang;
	const char	*err = f->errs ? f->errs[EF_SIGNATURE] : NULL;
	const char	*v = "";

	/* A value is sent back only if it parsed: the pad redraws it. */
	if (f->vals != NULL && f->vals[EF_SIGNATURE].present &&
	    f->vals[EF_SIGNATURE].err == VERR_OK)
		v = f->vals[EF_SIGNATURE].value;
	buf_printf(r->body, "<div class=\"field sigpad-field%s\" "
	    "id=\"signature\" tabindex=\"-1\"%s>\n<p class=\"label\" "
	    "id=\"signature-label\">", err ? " field-error" : "",
	    err ? "" : " hidden");
	page_msg(r, l, MSG_KIOSK_SIG_H);
	page_raw(r, "</p>\n<p class=\"hint\" id=\"signature-hint\">");
	page_msg(r, l, MSG_KIOSK_SIG_HINT);
	page_raw(r, "</p>\n");
	if (err) {
		page_raw(r, "<p class=\"error-message\" id=\"signature-error\">"
		    "<span class=\"visually-hidden\">");
		page_msg(r, l, MSG_ERROR_PREFIX);
		page_raw(r, "</span>");
		page_text(r, err);
		page_raw(r, "</p>\n");
	}
	page_raw(r, "<canvas class=\"sigpad\" id=\"sigpad\" width=\"1000\" "
	    "height=\"400\" role=\"img\" aria-label=\"");
	page_msg(r, l, MSG_KIOSK_SIG_PAD);
	page_raw(r, "\" aria-describedby=\"signature-hint\"></canvas>\n"
	    "<p class=\"sigpad-full\" id=\"sigpad-full\" hidden>");
	page_msg(r, l, MSG_KIOSK_SIG_FULL);
	page_raw(r, "</p>\n<button class=\"button button-secondary\" "
	    "type=\"button\" id=\"sigpad-clear\">");
	page_msg(r, l, MSG_KIOSK_SIG_CLEAR);
	page_raw(r, "</button>\n<input type=\"hidden\" name=\"signature\" "
	    "id=\"signature-value\" value=\"");
	page_text(r, v);
	page_raw(r, "\">\n</div>\n");
}

/*
 * What the script shows and fills in: the idle warning, the offline
 * queue's state.  Texts come from the language table; the script only
 * writes numbers into the spans.
 */
static void
kiosk_status(struct req *r, enum lang l)
{
	page_raw(r, "<div class=\"kiosk-idle\" id=\"kiosk-idle\" "
	    "role=\"alert\" hidden>\n<p>");
	page_msg(r, l, MSG_KIOSK_IDLE_BEFORE);
	page_raw(r, " <span id=\"kiosk-idle-count\">15</span> ");
	page_msg(r, l, MSG_KIOSK_IDLE_AFTER);
	page_raw(r, "</p>\n<button class=\"button\" type=\"button\" "
	    "id=\"kiosk-idle-stay\">");
	page_msg(r, l, MSG_KIOSK_IDLE_STAY);
	page_raw(r, "</button>\n</div>\n"
	    "<div class=\"kiosk-status\" id=\"kiosk-status\" role=\"status\">\n"
	    "<p class=\"kiosk-sending\" id=\"kiosk-sending\" hidden>");
	page_msg(r, l, MSG_KIOSK_SENDING);
	page_raw(r, "</p>\n<p class=\"kiosk-saved panel\" id=\"kiosk-saved\" "
	    "hidden>");
	page_msg(r, l, MSG_KIOSK_SAVED);
	page_raw(r, "</p>\n<p class=\"kiosk-incomplete\" "
	    "id=\"kiosk-incomplete\" hidden>");
	page_msg(r, l, MSG_KIOSK_INCOMPLETE);
	page_raw(r, "</p>\n<p class=\"kiosk-waiting\" id=\"kiosk-waiting\" "
	    "hidden>");
	page_msg(r, l, MSG_KIOSK_WAITING);
	page_raw(r, " <span id=\"kiosk-waiting-count\">0</span></p>\n"
	    "<p class=\"kiosk-refused\" id=\"kiosk-refused\" hidden>");
	page_msg(r, l, MSG_KIOSK_REFUSED);
	page_raw(r, " <span id=\"kiosk-refused-count\">0</span></p>\n"
	    "</div>\n<section class=\"kiosk-sent\" id=\"kiosk-sent\" "
	    "aria-labelledby=\"kiosk-sent-h\" hidden>\n<h2 id=\"kiosk-sent-h\">");
	page_msg(r, l, MSG_KIOSK_SENT_H);
	page_raw(r, "</h2>\n<ul id=\"kiosk-sent-list\"></ul>\n"
	    "<template id=\"kiosk-sent-item\"><li><button class=\"button "
	    "button-secondary\" type=\"button\" data-show=\"");
	page_msg(r, l, MSG_KIOSK_SENT_SHOW);
	page_raw(r, "\" data-hide=\"");
	page_msg(r, l, MSG_KIOSK_SENT_HIDE);
	page_raw(r, "\"></button><img class=\"kiosk-sent-qr\" alt=\"");
	page_msg(r, l, MSG_KIOSK_DONE_QR_ALT);
	page_raw(r, "\" width=\"320\" height=\"320\" hidden></li></template>\n"
	    "</section>\n");
}

/* The kiosk's form, first shown or again with its errors. */
static void
kiosk_form(struct req *r, enum lang l, struct form *f, const struct event *ev,
    const char *token)
{
	char	 csrf[B64_TOKEN_LEN + 1], fresh[FORM_TOKEN_LEN + 1];

	csrf_prepare(r, secret, webcfg.secure, csrf);
	if (token == NULL) {
		form_token_new(secret, fresh);
		token = fresh;
	}
	kiosk_begin(r, l, msg(l, MSG_KIOSK_TITLE), f->nerrs > 0, "kiosk-form");
	kiosk_status(r, l);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_KIOSK_TITLE);
	page_raw(r, "<p class=\"lead\">");
	page_text(r, arena_printf(r->a, msg(l, MSG_KIOSK_LEAD_FMT), ev->name));
	page_raw(r, "</p>\n");
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" id=\"kiosk\" method=\"post\" "
	    "action=\"/kiosk/");
	page_text(r, ev->token);
	page_raw(r, "\" accept-charset=\"utf-8\" autocomplete=\"off\" "
	    "novalidate>\n");
	form_hidden(f, csrf, token);
	endorse_fields(r, l, f);
	kiosk_sigpad(f);
	form_submit(f, MSG_KIOSK_SUBMIT);
	page_raw(r, "</form>\n");
	page_end(r, l);
}

/* A closed event's kiosk: 410, for the page and for a POST alike. */
static void
kiosk_closed(struct req *r, enum lang l)
{
	buf_reset(r->hdr);
	buf_reset(r->body);
	r->status = 410;
	r->content_type_out = "text/html; charset=utf-8";
	kiosk_begin(r, l, msg(l, MSG_KIOSK_CLOSED_TITLE), 0, "kiosk-closed");
	page_elem(r, "h1", l, MSG_KIOSK_CLOSED_TITLE);
	page_elem(r, "p", l, MSG_KIOSK_CLOSED_BODY);
	page_end(r, l);
}

static void
kiosk_get(struct req *r, enum lang l, const struct event *ev)
{
	struct form	f;

	if (form_init(&f, r, l, edefs, kui, EF__MAX, NULL) == -1) {
		page_error(r, l, 500, NULL);
		return;
	}
	kiosk_form(r, l, &f, ev, NULL);
}

/*
 * POST /kiosk/TOKEN: endorse_post's checks and storage, with two
 * differences.  The form_token may also be a UUID that the kiosk's
 * script made (a form filled offline has no token from us); resending
 * it with the same fields finds the same receipt.  The row records its
 * event, and the answer is the hand-off page.
 */
static void
kiosk_post(struct req *r, enum lang l, const struct event *ev)
{
	struct kvlist		 in;
	struct fieldval		 v[EF__MAX];
	struct form		 f;
	struct endorsement	 e;
	int			 rc;

	if (post_prelude(r, l, &in) == -1)
		return;
	rc = endorse_check(r, l, &in, kui, 1, v, &f, &e);
	if (rc < 0)
		page_error(r, l, 500, NULL);
	else if (rc > 0) {
		r->status = 422;
		kiosk_form(r, l, &f, ev, v[EF_FORM_TOKEN].err == VERR_OK ?
		    v[EF_FORM_TOKEN].value : NULL);
	} else {
		e.event_id = ev->id;
		endorse_store(r, l, &e, arena_printf(r->a, "/kiosk/%s/done/",
		    ev->token));
	}
}

/* Seconds since a "YYYY-MM-DDTHH:MM:SSZ" time; -1 if it does not parse. */
static long long
age_of(const char *iso)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof(tm));
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	return (long long)(time(NULL) - t);
}

/*
 * GET /kiosk/TOKEN/done/CODE: the receipt's QR code full screen, for the
 * signer to take with a phone.  No name, no email: the next person in
 * the queue sees this screen too.  Only for a receipt of this event,
 * and only for HANDOFF_MAX_AGE seconds after it was recorded, so that
 * the history of a shared tablet does not keep it.
 */
static void
kiosk_done(struct req *r, enum lang l, const struct event *ev,
    const char *code)
{
	struct endorsement	 e;
	enum db_res		 res;
	long long		 age;

	res = db_endorsement_get(db, r->a, code, &e);
	if (res != DB_OK && res != DB_NOTFOUND) {
		page_error(r, l, 503, NULL);
		return;
	}
	age = res == DB_OK ? age_of(e.created_at) : -1;
	if (res == DB_NOTFOUND || e.event_id != ev->id || age < 0 ||
	    age > HANDOFF_MAX_AGE) {
		page_error(r, l, 404, NULL);
		return;
	}
	kiosk_begin(r, l, msg(l, MSG_KIOSK_DONE_TITLE), 0, "kiosk-done");
	page_raw(r, "<div class=\"handoff\" id=\"handoff\">\n");
	page_elem(r, "h1", l, MSG_KIOSK_DONE_TITLE);
	page_raw(r, "<img class=\"handoff-qr\" id=\"handoff-qr\" "
	    "src=\"/receipt/");
	page_text(r, e.receipt);
	page_raw(r, ".svg\" width=\"480\" height=\"480\" alt=\"");
	page_msg(r, l, MSG_KIOSK_DONE_QR_ALT);
	page_raw(r, "\">\n");
	page_elem(r, "p class=\"handoff-hint\"", l, MSG_KIOSK_DONE_HINT);
	page_raw(r, "<p><a class=\"button button-start\" id=\"kiosk-done\" "
	    "href=\"/kiosk/");
	page_text(r, ev->token);
	page_raw(r, "\">");
	page_msg(r, l, MSG_KIOSK_DONE_BUTTON);
	page_raw(r, "</a></p>\n");
	page_elem(r, "p class=\"hint\"", l, MSG_KIOSK_DONE_CLEARS);
	page_raw(r, "</div>\n");
	page_end(r, l);
}

/*
 * "TOKEN" or "TOKEN/done/CODE" after /kiosk/: the token (in the arena)
 * and, for a hand-off, the normalised code (else code[0] is NUL).  -1 if
 * the path is not of either shape.
 */
static int
kiosk_path(struct arena *a, const char *rest, const char **token,
    char code[RECEIPT_LEN + 1])
{
	const char	*slash = strchr(rest, '/');
	size_t		 len = slash ? (size_t)(slash - rest) : strlen(rest);

	code[0] = '\0';
	if ((*token = arena_strndup(a, rest, len)) == NULL ||
	    !kiosk_token_ok(*token))
		return -1;
	if (slash == NULL)
		return 0;
	if (strncmp(slash, "/done/", 6) != 0)
		return -1;
	return receipt_normalise(slash + 6, strlen(slash + 6), code);
}

/* /kiosk/...: find the event, then the page: 404 unknown, 410 closed. */
static void
kiosk_handle(struct req *r, enum lang l, const char *token, const char *code)
{
	struct event	 ev;
	enum db_res	 res;

	res = db_event_by_token(db, r->a, token, &ev);
	if (res == DB_NOTFOUND) {
		page_error(r, l, 404, NULL);
		return;
	} else if (res != DB_OK) {
		page_error(r, l, 503, NULL);
		return;
	}
	if (code[0] != '\0')
		kiosk_done(r, l, &ev, code);
	else if (ev.closed_at != NULL)
		kiosk_closed(r, l);
	else if (strcmp(r->method, "POST") == 0)
		kiosk_post(r, l, &ev);
	else
		kiosk_get(r, l, &ev);
}

/* ---- routing ---------------------------------------------------------- */

enum route {
	ROUTE_HOME,
	ROUTE_ENDORSE,
	ROUTE_RECEIPT,
	ROUTE_HEALTHZ,
	/* issue 6 */
	ROUTE_KIOSK,
	ROUTE_KIOSK_DONE,
	/* issue 4: reports, updates, withdrawal, public lists */
	ROUTE_RECEIPT_COMMITMENTS,
	ROUTE_RECEIPT_UPDATES,
	ROUTE_RECEIPT_WITHDRAW,
	ROUTE_SIGNATORIES,
	ROUTE_COMMITMENTS,
	ROUTE__MAX
};

/* The methods each route takes, as sent in Allow. */
static const char *const route_allow[ROUTE__MAX] = {
	[ROUTE_HOME] = "GET, HEAD",
	[ROUTE_ENDORSE] = "GET, HEAD, POST",
	[ROUTE_RECEIPT] = "GET, HEAD",
	[ROUTE_HEALTHZ] = "GET, HEAD",
	/* issue 4 */
	[ROUTE_RECEIPT_COMMITMENTS] = "POST",
	[ROUTE_RECEIPT_UPDATES] = "POST",
	[ROUTE_RECEIPT_WITHDRAW] = "GET, HEAD, POST",
	[ROUTE_SIGNATORIES] = "GET, HEAD",
	[ROUTE_COMMITMENTS] = "GET, HEAD",
	/* issue 6 */
	[ROUTE_KIOSK] = "GET, HEAD, POST",
	[ROUTE_KIOSK_DONE] = "GET, HEAD",
};

/*
 * /receipt/CODE, /receipt/CODE.svg, /receipt/CODE.png: the normalised code
 * and the format.  -1 if the path is not of that shape.
 */
static int
receipt_path(const char *rest, char code[RECEIPT_LEN + 1], enum qrfmt *fmt)
{
	size_t	len = strlen(rest);

	*fmt = QR_NONE;
	if (len > 4 && strcmp(rest + len - 4, ".svg") == 0) {
		*fmt = QR_SVG;
		len -= 4;
	} else if (len > 4 && strcmp(rest + len - 4, ".png") == 0) {
		*fmt = QR_PNG;
		len -= 4;
	}
	return receipt_normalise(rest, len, code);
}

/* 1 if the route takes the method: it is a word of its Allow list. */
static int
method_ok(const char *method, enum route rt)
{
	const char	*p = route_allow[rt];
	size_t		 len = strlen(method);

	while (*p != '\0') {
		if (strncmp(p, method, len) == 0 &&
		    (p[len] == ',' || p[len] == '\0'))
			return 1;
		p += strcspn(p, ",");
		p += strspn(p, ", ");
	}
	return 0;
}

/*
 * issue 4: /receipt/CODE/commitments, /updates, /withdraw: the route and
 * the normalised code, or -1 if rest is not of that shape.
 */
static int
receipt_action(const char *rest, char code[RECEIPT_LEN + 1],
    enum route *rt)
{
	static const struct {
		const char	*name;
		enum route	 rt;
	} actions[] = {
		{ "/commitments", ROUTE_RECEIPT_COMMITMENTS },
		{ "/updates", ROUTE_RECEIPT_UPDATES },
		{ "/withdraw", ROUTE_RECEIPT_WITHDRAW },
	};
	const char	*slash = strchr(rest, '/');
	size_t		 i;

	if (slash == NULL)
		return -1;
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(slash, actions[i].name) == 0) {
			*rt = actions[i].rt;
			return receipt_normalise(rest, (size_t)(slash - rest),
			    code);
		}
	return -1;
}

/* issue 4: GET /receipt/CODE, whatever kind of receipt it is. */
static void
receipt_show(struct req *r, enum lang l, const char *code)
{
	enum receipt_kind	kind;

	switch (db_receipt_kind(db, code, &kind)) {
	case DB_OK:
		if (kind == RK_COMMITMENT)
			commitment_page(r, l, code, NULL, NULL);
		else
			receipt_page(r, l, code, NULL, NULL);
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		break;
	default:
		page_error(r, l, 503, NULL);
		break;
	}
}

void
web_handle(struct req *r)
{
	enum lang	 l = LANG_EN;
	enum route	 rt;
	enum qrfmt	 fmt = QR_NONE;
	char		 code[RECEIPT_LEN + 1];
	const char	*kiosk = NULL;

	if (strcmp(r->path, "/") == 0)
		rt = ROUTE_HOME;
	else if (strcmp(r->path, "/endorse") == 0)
		rt = ROUTE_ENDORSE;
	else if (strcmp(r->path, "/healthz") == 0)
		rt = ROUTE_HEALTHZ;
	else if (strcmp(r->path, "/signatories") == 0)	/* issue 4 */
		rt = ROUTE_SIGNATORIES;
	else if (strcmp(r->path, "/commitments") == 0)
		rt = ROUTE_COMMITMENTS;
	else if (strncmp(r->path, "/receipt/", 9) == 0 &&
	    receipt_action(r->path + 9, code, &rt) == 0)
		;
	else if (strncmp(r->path, "/receipt/", 9) == 0) {
		if (receipt_path(r->path + 9, code, &fmt) == -1) {
			page_error(r, l, 404, NULL);
			return;
		}
		rt = ROUTE_RECEIPT;
	} else if (strncmp(r->path, "/kiosk/", 7) == 0) {
		/* issue 6 */
		if (kiosk_path(r->a, r->path + 7, &kiosk, code) == -1) {
			page_error(r, l, 404, NULL);
			return;
		}
		rt = code[0] == '\0' ? ROUTE_KIOSK : ROUTE_KIOSK_DONE;
	} else {
		page_error(r, l, 404, NULL);
		return;
	}
	/* DESIGN.md's order: 413 before 405. */
	if (r->content_length > BODY_MAX) {
		page_error(r, l, 413, NULL);
		return;
	}
	if (!method_ok(r->method, rt)) {
		page_error(r, l, 405, route_allow[rt]);
		return;
	}
	switch (rt) {
	case ROUTE_HOME:
		page_home(r, l);
		break;
	case ROUTE_ENDORSE:
		if (strcmp(r->method, "POST") == 0)
			endorse_post(r, l);
		else
			endorse_get(r, l);
		break;
	case ROUTE_RECEIPT:
		if (fmt == QR_NONE)
			receipt_show(r, l, code);
		else
			receipt_qr(r, l, code, fmt);
		break;
	case ROUTE_HEALTHZ:
		r->content_type_out = "text/plain; charset=utf-8";
		req_header(r, "Cache-Control", "no-store");
		if (db_ping(db) == 0)
			buf_puts(r->body, "ok");
		else {
			r->status = 503;
			buf_puts(r->body, "database unavailable\n");
		}
		break;
	/* issue 4 */
	case ROUTE_RECEIPT_COMMITMENTS:
		commitments_post(r, l, code);
		break;
	case ROUTE_RECEIPT_UPDATES:
		updates_post(r, l, code);
		break;
	case ROUTE_RECEIPT_WITHDRAW:
		if (strcmp(r->method, "POST") == 0)
			withdraw_post(r, l, code);
		else
			withdraw_get(r, l, code);
		break;
	case ROUTE_SIGNATORIES:
		list_page(r, l, 0);
		break;
	case ROUTE_COMMITMENTS:
		list_page(r, l, 1);
		break;
	/* issue 6 */
	case ROUTE_KIOSK:
	case ROUTE_KIOSK_DONE:
		kiosk_handle(r, l, kiosk, code);
		break;
	default:
		page_error(r, l, 404, NULL);
		break;
	}
}

int
web_worker_init(void)
{
	if ((db = db_open(webcfg.db_path)) == NULL)
		return -1;
	if (db_secret(db, secret) == -1) {
		db_close(db);
		db = NULL;
		return -1;
	}
	return 0;
}

static void
web_batch_begin(void)
{
	db_batch_begin(db);
}

static int
web_batch_end(void)
{
	return db_batch_end(db);
}

/* The batch's commit failed: its receipts were never stored. */
static void
web_batch_failed(struct req *r)
{
	page_error(r, LANG_EN, 503, NULL);
}

const struct app web_app = {
	"endorse-web", web_worker_init, web_worker_fini, web_handle,
	web_batch_begin, web_batch_end, web_batch_failed
};

void
web_worker_fini(void)
{
	db_close(db);
	db = NULL;
}
