/*
 * endorse.c: the declaration (GET /) and the endorsement form (GET and
 * POST /endorse); its checks and storage also serve the kiosk.
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

/* ---- the endorsement form ------------------------------------------ */


const char *const roles[] = {
	"mayor", "deputy_mayor", "governor", "council_member", "other", NULL
};
const enum msg role_labels[] = {
	MSG_ROLE_MAYOR, MSG_ROLE_DEPUTY_MAYOR, MSG_ROLE_GOVERNOR,
	MSG_ROLE_COUNCIL_MEMBER, MSG_ROLE_OTHER
};
const char *const levels[] = { "local", "regional", NULL };
const enum msg level_labels[] = {
	MSG_LEVEL_LOCAL, MSG_LEVEL_REGIONAL
};
const char *const langs[] = { "en", "fr", "es", "ar", NULL };

/* Names and limits are DESIGN.md's. */
const struct fielddef edefs[EF__MAX] = {
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

/* ---- GET / ----------------------------------------------------------- */

/*
 * The ledger's count and head, which anyone may copy and compare later
 * (also signed at /.well-known/endorse-ledger-head), and where to check.
 */
static void
ledger_line(struct req *r, enum lang l)
{
	long long	count;
	char		head[65];

	if (db_ledger_head(web_db, &count, head) == -1)
		return;
	page_raw(r, "<p class=\"hint ledger\" id=\"ledger-head\">");
	page_text(r, arena_printf(r->a, msg(l, MSG_PROOF_LEDGER_FMT), count,
	    head));
	page_raw(r, " <a href=\"/.well-known/endorse-ledger-head\">");
	page_msg(r, l, MSG_PROOF_LEDGER_LINK);
	page_raw(r, "</a> · <a href=\"/declaration\">");
	page_msg(r, l, MSG_DC_TITLE);
	page_raw(r, "</a> · <a href=\"/verify\">");
	page_msg(r, l, MSG_VF_TITLE);
	page_raw(r, "</a></p>\n");
}

void
page_home(struct req *r, enum lang l)
{
	static const enum msg asks[] = {
		MSG_DECL_ASK_1, MSG_DECL_ASK_2, MSG_DECL_ASK_3, MSG_DECL_ASK_4,
		MSG_DECL_ASK_5, MSG_DECL_ASK_6, MSG_DECL_ASK_7, MSG_DECL_ASK_8
	};
	struct db_stats	 st;
	size_t		 i;

	if (db_stats(web_db, &st) == -1) {
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
	ledger_line(r, l);
	page_end(r, l);
}

/* ---- /endorse ---------------------------------------------------------- */

/* The endorsement's fields, in their sections: /endorse and the kiosk. */
void
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

/* Which text the signer endorses: the current version, and a link to it. */
static void
declaration_note(struct req *r, enum lang l)
{
	struct decl	d;

	if (db_decl_get(web_db, r->a, 0, lang_code(l), &d) != DB_OK)
		return;
	page_raw(r, "<p id=\"declaration-note\">");
	page_text(r, arena_printf(r->a, msg(l, MSG_FORM_DECL_FMT),
	    d.version));
	buf_printf(r->body, " <a href=\"/declaration?version=%lld&amp;"
	    "lang=%s\">", d.version, d.lang);
	page_msg(r, l, MSG_FORM_DECL_LINK);
	page_raw(r, "</a></p>\n");
}

/*
 * The form, first shown (vals NULL) or shown again with its errors and
 * every value kept.
 */
static void
endorse_form(struct req *r, enum lang l, struct form *f, const char *token)
{
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_FORM_TITLE), f->nerrs > 0, NAV_ENDORSE);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_FORM_TITLE);
	page_elem(r, "p class=\"lead\"", l, MSG_FORM_LEAD);
	declaration_note(r, l);
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" method=\"post\" action=\"/endorse\" "
	    "accept-charset=\"utf-8\" novalidate>\n");
	web_form_hidden(f, token);
	endorse_fields(r, l, f);
	form_submit(f, MSG_FORM_SUBMIT);
	page_raw(r, "</form>\n");
	page_end(r, l);
}

void
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
 * The fields of an endorsement POST, checked: 0 with e filled (strings
 * in the arena) and ready to store, or the number of fields in error
 * with f set up to show them.  -1 out of memory.  allow_uuid: the
 * kiosk's own form tokens are accepted too.
 */
int
endorse_check(struct req *r, enum lang l, const struct kvlist *in,
    const struct fieldui *ui, int allow_uuid, struct fieldval *v,
    struct form *f, struct endorsement *e)
{
	const char	*tok;

	if (valid_form(r->a, edefs, EF__MAX, in, v) < 0)
		return -1;
	/* A form token must be one this site (or the kiosk) made. */
	tok = v[EF_FORM_TOKEN].value;
	if (v[EF_FORM_TOKEN].err == VERR_OK && !form_token_check(web_secret, tok) &&
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

void
endorse_post(struct req *r, enum lang l)
{
	struct kvlist		 in;
	struct fieldval		 v[EF__MAX];
	struct form		 f;
	struct endorsement	 e;
	enum db_res		 res;
	int			 rc;

	if (web_post_prelude(r, l, &in) == -1)
		return;
	rc = endorse_check(r, l, &in, eui, 0, v, &f, &e);
	if (rc < 0)
		page_error(r, l, 500, NULL);
	else if (rc > 0) {
		r->status = 422;
		endorse_form(r, l, &f, v[EF_FORM_TOKEN].err == VERR_OK ?
		    v[EF_FORM_TOKEN].value : NULL);
	} else {
		/* Stored first: the receipt code comes from the store. */
		res = db_endorsement_add(web_db, &e);
		web_stored(r, l, res, arena_printf(r->a, "/receipt/%s",
		    e.receipt));
	}
}

