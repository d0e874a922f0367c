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

/*
 * Store a checked endorsement and answer: a 303 to prefix followed by
 * the receipt code once committed, 409 for the same form token with
 * other fields, 503 if the database failed.
 */
static void
endorse_store(struct req *r, enum lang l, struct endorsement *e,
    const char *prefix)
{
	switch (db_endorsement_add(db, e)) {
	case DB_OK:
	case DB_EXISTS:
		redirect(r, arena_printf(r->a, "%s%s", prefix, e->receipt));
		r->after_commit = 1;
		break;
	case DB_CONFLICT:
		page_error(r, l, 409, NULL);
		break;
	default:
		page_error(r, l, 503, NULL);
		break;
	}
}

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

static void
summary_row(struct req *r, enum lang l, enum msg label, const char *value)
{
	page_raw(r, "<div class=\"summary-row\"><dt>");
	page_msg(r, l, label);
	page_raw(r, "</dt><dd>");
	if (value == NULL || *value == '\0')
		page_msg(r, l, MSG_RCPT_NONE);
	else
		page_text(r, value);
	page_raw(r, "</dd></div>\n");
}

static void
receipt_page(struct req *r, enum lang l, const char *code)
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
	page_begin(r, l, msg(l, MSG_RCPT_TITLE), 0, NAV_NONE);
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
	summary_row(r, l, MSG_RCPT_STATUS, status_text(l, e.status));
	summary_row(r, l, MSG_RCPT_RECEIVED, when(r->a, e.created_at));
	summary_row(r, l, MSG_F_FULL_NAME, e.full_name);
	summary_row(r, l, MSG_F_ROLE, strcmp(e.role, "other") == 0 ?
	    e.role_other : choice_text(l, roles, role_labels, e.role));
	summary_row(r, l, MSG_F_LEVEL, choice_text(l, levels, level_labels,
	    e.government_level));
	summary_row(r, l, MSG_F_LOCALITY, e.locality);
	summary_row(r, l, MSG_RCPT_REGION, e.region);
	c = country_find(e.country);
	summary_row(r, l, MSG_F_COUNTRY, c ? c->name : e.country);
	summary_row(r, l, MSG_RCPT_ORGANISATION, e.organisation);
	summary_row(r, l, MSG_F_EMAIL, e.email);
	summary_row(r, l, MSG_RCPT_LISTED, msg(l, e.listed ? MSG_RCPT_YES :
	    MSG_RCPT_NO));
	if (e.event_name != NULL)
		summary_row(r, l, MSG_RCPT_EVENT, e.event_name);
	/* issue 6: the drawn signature, as inline SVG (no script, CSP-safe). */
	if (e.signature != NULL) {
		page_raw(r, "<div class=\"summary-row\"><dt>");
		page_msg(r, l, MSG_RCPT_SIGNATURE);
		page_raw(r, "</dt><dd class=\"signature-row\">"
		    "<span class=\"visually-hidden\">");
		page_msg(r, l, MSG_RCPT_SIGNATURE_ALT);
		page_raw(r, "</span>");
		if (sig_svg(r->body, e.signature) == -1)
			page_msg(r, l, MSG_RCPT_NONE);
		page_raw(r, "</dd></div>\n");
	}
	page_raw(r, "</dl>\n");
	if (strcmp(e.status, "pending") == 0)
		page_elem(r, "p class=\"hint\"", l, MSG_STATUS_PENDING_HINT);
	if (strcmp(e.status, "withdrawn") != 0) {
		page_elem(r, "h2 class=\"no-print\"", l, MSG_RCPT_NEXT_H);
		page_elem(r, "p class=\"no-print\"", l, MSG_RCPT_NEXT_1);
	}
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
	struct endorsement	 e;
	const char		*url;
	enum db_res		 res;
	int			 rc;

	/* Only codes that exist get an image: no oracle, no free QR maker. */
	res = db_endorsement_get(db, r->a, code, &e);
	if (res == DB_NOTFOUND) {
		page_error(r, l, 404, NULL);
		return;
	} else if (res != DB_OK) {
		page_error(r, l, 503, NULL);
		return;
	}
	url = arena_printf(r->a, "%s/receipt/%s", webcfg.base_url, e.receipt);
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
	ROUTE__MAX
};

/* The methods each route takes, as sent in Allow. */
static const char *const route_allow[ROUTE__MAX] = {
	[ROUTE_HOME] = "GET, HEAD",
	[ROUTE_ENDORSE] = "GET, HEAD, POST",
	[ROUTE_RECEIPT] = "GET, HEAD",
	[ROUTE_HEALTHZ] = "GET, HEAD",
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

static int
method_ok(const char *method, enum route rt)
{
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return 1;
	return strcmp(method, "POST") == 0 &&
	    (rt == ROUTE_ENDORSE || rt == ROUTE_KIOSK);
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
			receipt_page(r, l, code);
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
