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

static void
endorse_post(struct req *r, enum lang l)
{
	struct kvlist		 in;
	struct fieldval		 v[EF__MAX];
	struct form		 f;
	struct endorsement	 e;
	const char		*tok;
	int			 nerr;

	if (post_prelude(r, l, &in) == -1)
		return;
	if ((nerr = valid_form(r->a, edefs, EF__MAX, &in, v)) < 0) {
		page_error(r, l, 500, NULL);
		return;
	}
	/* A form token must be one this site made. */
	tok = v[EF_FORM_TOKEN].value;
	if (v[EF_FORM_TOKEN].err == VERR_OK && !form_token_check(secret, tok)) {
		v[EF_FORM_TOKEN].err = VERR_TOKEN;
		nerr++;
	}
	if (form_init(&f, r, l, edefs, eui, EF__MAX, v) == -1) {
		page_error(r, l, 500, NULL);
		return;
	}
	/* A rule across fields: "other" needs its words. */
	if (v[EF_ROLE].err == VERR_OK &&
	    strcmp(v[EF_ROLE].value, "other") == 0 &&
	    v[EF_ROLE_OTHER].err == VERR_OK &&
	    v[EF_ROLE_OTHER].valuesz == 0)
		form_set_error(&f, EF_ROLE_OTHER, msg(l, MSG_ERR_ROLE_OTHER));
	if (f.nerrs > 0) {
		r->status = 422;
		endorse_form(r, l, &f, v[EF_FORM_TOKEN].err == VERR_OK ?
		    tok : NULL);
		return;
	}

	memset(&e, 0, sizeof(e));
	/* What is not asked for is not kept: role_other only for "other". */
	if (strcmp(v[EF_ROLE].value, "other") != 0)
		v[EF_ROLE_OTHER].value = "", v[EF_ROLE_OTHER].valuesz = 0;
	form_hash(edefs, EF__MAX, v, e.hash);
	e.form_token = tok;
	e.full_name = v[EF_FULL_NAME].value;
	e.role = v[EF_ROLE].value;
	e.role_other = v[EF_ROLE_OTHER].value;
	e.government_level = v[EF_LEVEL].value;
	e.locality = v[EF_LOCALITY].value;
	e.region = v[EF_REGION].value;
	e.country = v[EF_COUNTRY].value;
	e.email = v[EF_EMAIL].value;
	e.organisation = v[EF_ORGANISATION].value;
	e.listed = v[EF_LISTED].present;
	e.consent = v[EF_CONSENT].present;
	e.signature = v[EF_SIGNATURE].present && v[EF_SIGNATURE].valuesz ?
	    v[EF_SIGNATURE].value : NULL;
	e.lang = v[EF_LANG].present && v[EF_LANG].valuesz ?
	    v[EF_LANG].value : lang_code(l);
	switch (db_endorsement_add(db, &e)) {
	case DB_OK:
	case DB_EXISTS:
		redirect(r, arena_printf(r->a, "/receipt/%s", e.receipt));
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

/* ---- routing ---------------------------------------------------------- */

enum route {
	ROUTE_HOME,
	ROUTE_ENDORSE,
	ROUTE_RECEIPT,
	ROUTE_HEALTHZ,
	ROUTE__MAX
};

/* The methods each route takes, as sent in Allow. */
static const char *const route_allow[ROUTE__MAX] = {
	[ROUTE_HOME] = "GET, HEAD",
	[ROUTE_ENDORSE] = "GET, HEAD, POST",
	[ROUTE_RECEIPT] = "GET, HEAD",
	[ROUTE_HEALTHZ] = "GET, HEAD",
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
	return strcmp(method, "POST") == 0 && rt == ROUTE_ENDORSE;
}

void
web_handle(struct req *r)
{
	enum lang	 l = LANG_EN;
	enum route	 rt;
	enum qrfmt	 fmt = QR_NONE;
	char		 code[RECEIPT_LEN + 1];

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
