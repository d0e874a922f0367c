/*
 * endorse.c: the endorsement form (GET and POST /endorse); its fields,
 * checks and storage also serve the kiosk.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
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
	[EF_LANG] = { "lang", FT_CHOICE, 0, 0, lang_codes },
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

/*
 * Which text the signer endorses: the current one, linked.  No version
 * number here: the blank form is made once and copied, and a version
 * published since must not be misnamed; the receipt records the exact
 * version and hash.
 */
static void
declaration_note(struct req *r, enum lang l)
{
	page_raw(r, "<p id=\"declaration-note\">");
	page_msg(r, l, MSG_FORM_DECL_FMT);
	buf_printf(r->body, " <a href=\"/declaration?lang=%s\">",
	    lang_code(l));
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

/*
 * The blank form, per language and per worker.  Its page is the same for
 * every visitor but for two values of fixed length, the csrf field and
 * the form token: it is made once, on the first GET, and after that
 * copied with the two values written over the first visitor's.  This
 * holds as long as the blank form depends on nothing in the request but
 * its language (and the cookie, which only the csrf field reflects).
 */
struct blank {
	char	*p;		/* NULL: not made yet */
	size_t	 len;
	size_t	 csrf_at;	/* where the csrf field's value starts */
	size_t	 token_at;	/* and the form token's */
};
static struct blank	blanks[LANG__MAX];

/* Where a hidden field's value of length len starts in page; 0 if it is
 * not there once, with exactly that length. */
static size_t
value_at(const char *page, size_t pagelen, const char *name, size_t len)
{
	char		 key[64];
	const char	*p;
	size_t		 at;

	snprintf(key, sizeof(key), "name=\"%s\" value=\"", name);
	if ((p = memmem(page, pagelen, key, strlen(key))) == NULL)
		return 0;
	at = (size_t)(p - page) + strlen(key);
	if (at + len >= pagelen || page[at + len] != '"' ||
	    memmem(p + 1, pagelen - (size_t)(p + 1 - page), key,
	    strlen(key)) != NULL)
		return 0;
	return at;
}

/* Keep the page just made as the blank form of its language. */
static void
blank_keep(struct blank *b, const struct buf *body)
{
	size_t	csrf_at, token_at;

	if (body->oom || body->len == 0)
		return;
	csrf_at = value_at(body->p, body->len, "csrf", B64_TOKEN_LEN);
	token_at = value_at(body->p, body->len, "form_token", FORM_TOKEN_LEN);
	if (csrf_at == 0 || token_at == 0 || (b->p = malloc(body->len)) == NULL)
		return;
	memcpy(b->p, body->p, body->len);
	b->len = body->len;
	b->csrf_at = csrf_at;
	b->token_at = token_at;
}

void
endorse_get(struct ctx *x)
{
	struct req	*r = x->r;
	struct blank	*b = &blanks[x->l];
	struct form	 f;
	char		 csrf[B64_TOKEN_LEN + 1], token[FORM_TOKEN_LEN + 1];
	int		 plain;

	/* The kept page's switcher links to /endorse?lang=LL: only a
	 * request with no other query parameter may have it. */
	plain = r->args.nkv == 0 || (r->args.nkv == 1 &&
	    strcmp(r->args.kv[0].name, "lang") == 0);
	if (b->p != NULL && plain) {
		req_header(r, "Cache-Control", "no-store");
		req_header(r, "Content-Language", "%s", lang_code(x->l));
		req_header(r, "Vary", "Accept-Language, Cookie");
		csrf_prepare(r, web_secret, webcfg.secure, csrf);
		form_token_new(web_secret, token);
		buf_put(r->body, b->p, b->len);
		if (r->body->oom) {
			route_fail(x, 500, "out of memory for the form");
			return;
		}
		memcpy(r->body->p + b->csrf_at, csrf, B64_TOKEN_LEN);
		memcpy(r->body->p + b->token_at, token, FORM_TOKEN_LEN);
		return;
	}
	if (form_init(&f, r, x->l, edefs, eui, EF__MAX, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	endorse_form(r, x->l, &f, NULL);
	if (plain)
		blank_keep(b, r->body);
}

/* A rule across fields: "other" needs its words. */
void
endorse_rules(struct ctx *x)
{
	const struct fieldval	*v = x->v;

	if (v[EF_ROLE].err == VERR_OK &&
	    strcmp(v[EF_ROLE].value, "other") == 0 &&
	    v[EF_ROLE_OTHER].err == VERR_OK &&
	    v[EF_ROLE_OTHER].valuesz == 0)
		form_set_error(&x->form, EF_ROLE_OTHER,
		    msg(x->l, MSG_ERR_ROLE_OTHER));
}

const struct params endorse_params = { edefs, eui, EF__MAX, endorse_rules };

/* The 422: the form again, with the signer's token if it was good. */
void
endorse_invalid(struct ctx *x)
{
	endorse_form(x->r, x->l, &x->form, web_token_kept(x, EF_FORM_TOKEN));
}

/*
 * The endorsement that the checked fields of x make, ready to store
 * (strings in the arena): /endorse and the kiosk.
 */
void
endorse_record(struct ctx *x, struct endorsement *e)
{
	struct fieldval	*v = x->v;

	memset(e, 0, sizeof(*e));
	/* What is not asked for is not kept: role_other only for "other". */
	if (strcmp(v[EF_ROLE].value, "other") != 0)
		v[EF_ROLE_OTHER].value = "", v[EF_ROLE_OTHER].valuesz = 0;
	form_hash(edefs, EF__MAX, v, e->hash);
	e->form_token = v[EF_FORM_TOKEN].value;
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
	e->signature = ctx_value(x, EF_SIGNATURE);
	e->lang = ctx_value(x, EF_LANG) != NULL ? v[EF_LANG].value :
	    lang_code(x->l);
}

/* An endorsement checked and waiting to be stored (endorse_store): a
 * copy of the request's context (its pointers are into the arena). */
struct pending {
	struct ctx		x;
	struct endorsement	e;
};

/*
 * The write of a checked endorsement, run by the server after every
 * request of the batch has been handled: the batch's transaction holds
 * the write lock for the writes alone.
 */
static void
endorse_store(struct req *r)
{
	struct pending	*p = r->deferred_arg;
	enum db_res	 res;

	/* Stored first: the receipt code comes from the store. */
	res = db_endorsement_add(web_db, &p->e);
	web_stored(&p->x, res, arena_printf(r->a, "/receipt/%s",
	    p->e.receipt));
}

void
endorse_post(struct ctx *x)
{
	struct pending	*p;

	if ((p = arena_alloc(x->r->a, sizeof(*p))) == NULL) {
		route_fail(x, 500, "out of memory for the endorsement");
		return;
	}
	p->x = *x;
	endorse_record(x, &p->e);
	x->r->deferred = endorse_store;
	x->r->deferred_arg = p;
}
