/*
 * confirm.c: GET and POST /confirm/TOKEN, the link of the confirmation
 * mail.  Mail scanners and link previews open links, so the GET only
 * shows what would be confirmed and a button; the POST (with the CSRF
 * pair, like every form of the site) sets confirmed_at once and leads to
 * the receipt.  The token is 256 random bits; only its hash is stored.
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

/* What a confirmation token leads to. */
struct confirm {
	long long	 id;
	const char	*receipt;
	const char	*full_name;
	const char	*locality;
	const char	*country;
	const char	*lang;
	const char	*confirmed_at;	/* NULL until confirmed */
	const char	*status;
};

/*
 * Look the token up: 0 with c filled (arena strings); -1 with the page
 * written (404 for an unknown, malformed or expired token, 503 if the
 * database failed).
 */
static int
confirm_find(struct req *r, enum lang l, const char *token,
    struct confirm *c)
{
	unsigned char	 hash[SESSION_HASH_LEN];
	struct dbparam	 p;
	struct dbtable	 t;

	if (session_token_hash(token, hash) == -1)
		goto notfound;
	p = DBP_B(hash, sizeof(hash));
	if (db_table(web_db, r->a, DBQ_CONFIRM_GET, &p, 1, &t) == -1) {
		page_error(r, l, 503, NULL);
		return -1;
	}
	if (t.nrows != 1 || DBT(&t, 0, 8) == NULL ||
	    strcmp(DBT(&t, 0, 8), "0") != 0)
		goto notfound;
	c->id = strtoll(DBT(&t, 0, 0), NULL, 10);
	c->receipt = DBT(&t, 0, 1);
	c->full_name = DBT(&t, 0, 2);
	c->locality = DBT(&t, 0, 3);
	c->country = DBT(&t, 0, 4);
	c->lang = DBT(&t, 0, 5);
	c->confirmed_at = DBT(&t, 0, 6);
	c->status = DBT(&t, 0, 7);
	if (c->receipt == NULL || c->full_name == NULL || c->status == NULL)
		goto notfound;
	return 0;
notfound:
	page_notice(r, l, 404, MSG_CF_404_TITLE, MSG_CF_404_TEXT);
	return -1;
}

static void
confirm_page(struct req *r, enum lang l, const char *token,
    const struct confirm *c)
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
		    web_when(r->a, c->confirmed_at)));
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
confirm_get(struct req *r, enum lang l, const char *token)
{
	struct confirm	c;

	if (confirm_find(r, l, token, &c) == 0)
		confirm_page(r, l, token, &c);
}

/*
 * POST /confirm/TOKEN: confirmed_at is set by the first POST only (the
 * UPDATE's own condition); any later one answers the same 303.
 */
void
confirm_post(struct req *r, enum lang l, const char *token)
{
	struct kvlist	 in;
	struct confirm	 c;
	struct dbparam	 p;

	if (web_post_prelude(r, l, &in) == -1)
		return;
	if (confirm_find(r, l, token, &c) == -1)
		return;
	if (strcmp(c.status, "withdrawn") == 0) {
		web_closed_page(r, l);
		return;
	}
	if (c.confirmed_at == NULL) {
		p = DBP_I(c.id);
		if (db_run(web_db, DBQ_CONFIRM_SET, &p, 1, NULL) != DB_OK) {
			page_error(r, l, 503, NULL);
			return;
		}
	}
	web_redirect(r, arena_printf(r->a, "/receipt/%s", c.receipt));
	r->after_commit = 1;
}
