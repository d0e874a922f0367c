/*
 * confirm.c: GET and POST /confirm/TOKEN, the link of the confirmation
 * mail.  Mail scanners and link previews open links, so the GET only
 * shows what would be confirmed and a button; the POST (with the CSRF
 * pair, like every form of the site) sets confirmed_at once, with its
 * ledger entry, and leads to the receipt.  The token is 256 random bits; only its hash is stored.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "auth.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

/*
 * Look the token up: 0 with c filled (arena strings); -1 with the page
 * written (404 for an unknown, malformed or expired token, 503 if the
 * database failed).
 */
static int
confirm_find(struct ctx *x, struct confirm_row *c)
{
	unsigned char	 hash[CONFIRM_KEY_LEN];
	enum db_res	 res = DB_NOTFOUND;

	_Static_assert(SESSION_HASH_LEN == CONFIRM_KEY_LEN, "key length");
	if (x->token != NULL && confirm_token_key(x->token, hash) == 0)
		res = db_confirm_get(web_db, x->r->a, hash, c);
	/* A link mailed before the keys began with the token's clock: the
	 * database holds the token's whole hash. */
	if (res == DB_NOTFOUND && x->token != NULL &&
	    session_token_hash(x->token, hash) == 0)
		res = db_confirm_get(web_db, x->r->a, hash, c);
	if (res == DB_OK && !c->expired)
		return 0;
	if (res == DB_OK || res == DB_NOTFOUND)
		page_notice(x->r, x->l, 404, MSG_CF_404_TITLE,
		    MSG_CF_404_TEXT);
	else
		route_fail(x, 503, "database: a confirmation token");
	return -1;
}

static void
confirm_page(struct req *r, enum lang l, const char *token,
    const struct confirm_row *c)
{
	const struct country	*ct = country_find(c->country);
	char			 csrf[B64_TOKEN_LEN + 1];

	/* The token is in the URL: no cache keeps the page (nginx sends
	 * Referrer-Policy: no-referrer with every page, so no link of it
	 * passes the URL on). */
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_CF_TITLE), 0, NAV_NONE);
	page_elem(r, "h1", l, MSG_CF_TITLE);
	page_raw(r, "<dl class=\"summary\">\n");
	page_summary_row(r, l, 0, MSG_F_FULL_NAME, c->full_name);
	page_summary_row(r, l, 0, MSG_F_LOCALITY, c->locality);
	page_summary_row(r, l, 0, MSG_F_COUNTRY, ct ? ct->name : c->country);
	page_summary_row(r, l, 0, MSG_RCPT_CODE, c->receipt);
	page_raw(r, "</dl>\n");
	if (c->confirmed_at != NULL) {
		page_raw(r, "<p class=\"confirmed\" id=\"confirmed\">");
		page_text(r, arena_printf(r->a, msg(l, MSG_CF_DONE_FMT),
		    web_when(r->a, l, c->confirmed_at)));
		page_raw(r, "</p>\n");
	} else if (strcmp(c->status, "withdrawn") == 0)
		page_elem(r, "p", l, MSG_CF_WITHDRAWN);
	else {
		csrf_prepare(r, web_secret, webcfg.secure, csrf);
		page_elem(r, "p", l, MSG_CONFIRM_LEAD);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/confirm/");
		page_text(r, token);
		page_raw(r, "\" accept-charset=\"utf-8\">\n");
		buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n", csrf);
		page_raw(r, "<button class=\"button\" type=\"submit\">");
		page_msg(r, l, MSG_CONFIRM_SUBMIT);
		page_raw(r, "</button>\n</form>\n");
	}
	page_raw(r, "<p><a href=\"/receipt/");
	page_text(r, c->receipt);
	page_raw(r, "\">");
	page_msg(r, l, MSG_CF_RECEIPT_LINK);
	page_raw(r, "</a></p>\n");
	page_end(r, l);
}

void
confirm_get(struct ctx *x)
{
	struct confirm_row	c;

	if (confirm_find(x, &c) == 0)
		confirm_page(x->r, x->l, x->token, &c);
}

/*
 * POST /confirm/TOKEN: confirmed_at is set, and the confirmation entered
 * in the ledger, by the first POST only (the UPDATE's own condition);
 * any later one answers the same 303.
 */
void
confirm_post(struct ctx *x)
{
	struct confirm_row	 c;
	enum db_res		 res;

	if (confirm_find(x, &c) == -1)
		return;
	if (strcmp(c.status, "withdrawn") == 0) {
		web_closed_page(x->r, x->l);
		return;
	}
	if (c.confirmed_at == NULL) {
		res = db_confirm_set(web_db, c.id);
		if (res != DB_OK && res != DB_EXISTS) {
			route_fail(x, 503, "database: confirming");
			return;
		}
	}
	route_redirect(x, arena_printf(x->r->a, "/receipt/%s", c.receipt));
	x->r->after_commit = 1;
}
