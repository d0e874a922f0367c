/*
 * verify.c: what lets anyone check the site without trusting it: the
 * signed receipt file of a receipt (GET /receipt/CODE.receipt), the page
 * that checks one (GET and POST /verify, no script needed), the public
 * keys (/.well-known/endorse-keys) and the ledger's signed head
 * (/.well-known/endorse-ledger-head).  doc/RECEIPTS.md has the formats.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "proof.h"
#include "web/web.h"

#define KEYS_MAX	64

/* GET /receipt/CODE.receipt: every signed record of that code. */
void
receipt_file(struct ctx *x)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;
	const char	*code = x->code;
	int		 n;

	n = db_receipt_file(web_db, code, r->body);
	if (n == -1 || r->body->oom) {
		page_error(r, l, 503, NULL);
		return;
	}
	if (n == 0) {
		page_error(r, l, 404, NULL);
		return;
	}
	r->content_type_out = "text/plain; charset=utf-8";
	req_header(r, "Content-Disposition",
	    "attachment; filename=\"%s.receipt\"", code);
	/* What a signer submitted, behind the secret code: kept by no cache. */
	req_header(r, "Cache-Control", "no-store");
}

/* GET /.well-known/endorse-keys */
void
keys_page(struct ctx *x)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;
	struct pubkey	 keys[KEYS_MAX];
	size_t		 n;

	if (db_keys(web_db, keys, KEYS_MAX, &n) == -1) {
		page_error(r, l, 503, NULL);
		return;
	}
	r->content_type_out = "application/json";
	/* Keys change only at a rotation, which adds one: an hour is fine. */
	req_header(r, "Cache-Control", "public, max-age=3600");
	req_header(r, "Access-Control-Allow-Origin", "*");
	keys_json(r->body, keys, n);
}

/* UTC now as YYYY-MM-DDTHH:MM:SSZ. */
static void
utc_now(char out[TIME_LEN + 1])
{
	struct tm	tm;
	time_t		t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(out, TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* GET /.well-known/endorse-ledger-head: count and head, signed now. */
void
ledger_head_page(struct ctx *x)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;
	struct buf	 text = { 0 };
	unsigned char	 sig[SIGN_SIG_LEN];
	char		 head[SHA256_HEX_LEN + 1], now[TIME_LEN + 1];
	char		 b64[SIGN_SIG_LEN * 2];
	long long	 count;

	if (db_ledger_head(web_db, &count, head) == -1 ||
	    sitekey_refresh(&web_key) == -1) {
		page_error(r, l, 503, NULL);
		return;
	}
	utc_now(now);
	ledger_head_text(&text, count, head, now);
	if (buf_cstr(&text) == NULL) {
		page_error(r, l, 500, NULL);
		return;
	}
	sign_bytes(&web_key, text.p, text.len, sig);
	buf_free(&text);
	b64_encode(sig, SIGN_SIG_LEN, b64, sizeof(b64));
	r->content_type_out = "application/json";
	req_header(r, "Cache-Control", "no-cache");
	req_header(r, "Access-Control-Allow-Origin", "*");
	buf_printf(r->body, "{\"count\":%lld,\"head\":\"%s\",\"time\":\"%s\","
	    "\"key_id\":\"%s\",\"signature\":\"%s\"}\n", count, head, now,
	    web_key.id, b64);
}

/* ---- /verify ---------------------------------------------------------- */

/* A receipt file with dozens of updates still fits, with room in the
 * body for the rest of the form. */
static const struct fielddef vdefs[1] = {
	{ "receipt", FT_MULTILINE, FF_REQUIRED, 60000, NULL },
};
static const struct fieldui vui[1] = {
	{ MSG_VF_FIELD, MSG_VF_FIELD_HINT, MSG_VF_ERR_MISSING, NULL, NULL,
	    NULL },
};

const struct params verify_params = { vdefs, vui, 1, NULL };

/* One record as a list of its fields, unescaped. */
static void
record_list(struct req *r, const struct rblock *b)
{
	const char	*p = b->record, *end = b->record + b->recordsz, *nl;
	const char	*sp;
	struct buf	 v = { 0 };

	page_raw(r, "<dl class=\"summary\">\n");
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((sp = memchr(p, ' ', (size_t)(nl - p))) != NULL) {
			buf_reset(&v);
			page_raw(r, "<div class=\"summary-row\"><dt>");
			html_escn(r->body, p, (size_t)(sp - p));
			page_raw(r, "</dt><dd class=\"pre\">");
			if (canon_unescape(&v, sp + 1, (size_t)(nl - sp - 1))
			    == 0)
				html_escn(r->body, v.p ? v.p : "", v.len);
			page_raw(r, "</dd></div>\n");
		}
		p = nl + 1;
	}
	buf_free(&v);
	page_raw(r, "</dl>\n");
}

/* The verdict on a pasted file, checked against the site's keys. */
static void
verdict(struct req *r, enum lang l, const char *text, size_t len)
{
	struct pubkey	 keys[KEYS_MAX];
	struct rblock	*b;
	enum rverdict	 v = RV_GENUINE;
	size_t		 nkeys, n = 0, i;

	if (db_keys(web_db, keys, KEYS_MAX, &nkeys) == -1 ||
	    (b = arena_calloc(r->a, RECEIPT_BLOCKS_MAX, sizeof(*b))) == NULL) {
		page_raw(r, "<p>");
		page_msg(r, l, MSG_E503_BODY);
		page_raw(r, "</p>\n");
		return;
	}
	if (receipt_parse(text, len, b, RECEIPT_BLOCKS_MAX, &n) == -1)
		v = RV_MALFORMED;
	for (i = 0; v == RV_GENUINE && i < n; i++)
		v = receipt_check(&b[i], keys, nkeys);
	page_raw(r, "<section class=\"panel verdict\" id=\"verdict\" "
	    "role=\"status\">\n");
	if (v != RV_GENUINE) {
		page_raw(r, "<h2 class=\"not-genuine\">");
		page_msg(r, l, MSG_VF_NOT_H);
		page_raw(r, "</h2>\n<p>");
		page_text(r, arena_printf(r->a, msg(l, MSG_VF_NOT_FMT),
		    rverdict_text(v)));
		page_raw(r, "</p>\n</section>\n");
		return;
	}
	page_raw(r, "<h2 class=\"genuine\">");
	page_msg(r, l, MSG_VF_GENUINE_H);
	page_raw(r, "</h2>\n<p>");
	page_msg(r, l, MSG_VF_GENUINE_1);
	page_raw(r, "</p>\n");
	for (i = 0; i < n; i++) {
		record_list(r, &b[i]);
		page_raw(r, "<p class=\"hint\">");
		page_text(r, arena_printf(r->a, msg(l, MSG_VF_KEY_FMT),
		    b[i].key_id));
		page_raw(r, "</p>\n");
	}
	page_raw(r, "</section>\n");
}

static void
verify_page(struct req *r, enum lang l, struct form *f, const char *text,
    size_t len)
{
	char	csrf[B64_TOKEN_LEN + 1];

	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_VF_TITLE), f->nerrs > 0, NAV_NONE);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_VF_TITLE);
	if (text != NULL)
		verdict(r, l, text, len);
	page_elem(r, "p class=\"lead\"", l, MSG_VF_LEAD);
	csrf_prepare(r, web_secret, webcfg.secure, csrf);
	page_raw(r, "<form class=\"form\" method=\"post\" action=\"/verify\" "
	    "accept-charset=\"utf-8\" novalidate>\n");
	buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n", csrf);
	form_textarea(f, 0);
	/* Without a script the file picker is not shown: paste instead. */
	page_raw(r, "<div class=\"field\" id=\"receipt-file-field\" hidden>"
	    "\n<label for=\"receipt-file\">");
	page_msg(r, l, MSG_VF_FILE);
	page_raw(r, "</label>\n<input type=\"file\" id=\"receipt-file\" "
	    "accept=\".receipt,text/plain\">\n</div>\n");
	form_submit(f, MSG_VF_SUBMIT);
	page_raw(r, "</form>\n<p class=\"hint\">");
	page_msg(r, l, MSG_VF_OFFLINE);
	page_raw(r, "</p>\n<script src=\"/verify.js\" defer></script>\n");
	page_end(r, l);
}

void
verify_get(struct ctx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, vdefs, vui, 1, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	verify_page(x->r, x->l, &f, NULL, 0);
}

/* The 422: nothing pasted. */
void
verify_invalid(struct ctx *x)
{
	verify_page(x->r, x->l, &x->form, NULL, 0);
}

/* The router has checked the field: its CR LF are LF already. */
void
verify_post(struct ctx *x)
{
	verify_page(x->r, x->l, &x->form, x->v[0].value, x->v[0].valuesz);
}
