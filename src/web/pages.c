/*
 * pages.c: the router of endorse-web and what its pages share.  A table
 * maps each route to the methods it takes; the checks of DESIGN.md
 * ("Rules for input and output") run in their fixed order before any
 * handler sees a field.  The pages themselves: endorse.c (the
 * declaration and the endorsement form), receipt.c (receipts, reports,
 * updates, withdrawal), lists.c (the public lists), kiosk.c (events).
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
struct db	*web_db;
unsigned char	 web_secret[SECRET_LEN];

/* ---- helpers -------------------------------------------------------- */

/*
 * A form's hidden fields: the csrf field for this browser's cookie (set
 * now if it has none), the form token given (the one the signer's first
 * try carried) or a fresh one, and the language.
 */
void
web_form_hidden(const struct form *f, const char *token)
{
	char	csrf[B64_TOKEN_LEN + 1], fresh[FORM_TOKEN_LEN + 1];

	csrf_prepare(f->r, web_secret, webcfg.secure, csrf);
	if (token == NULL) {
		form_token_new(web_secret, fresh);
		token = fresh;
	}
	form_hidden(f, csrf, token);
}

void
web_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->content_type_out = NULL;
	req_header(r, "Location", "%s", location);
	req_header(r, "Cache-Control", "no-store");
}

const char *
web_status_text(enum lang l, const char *status)
{
	if (strcmp(status, "verified") == 0)
		return msg(l, MSG_STATUS_VERIFIED);
	if (strcmp(status, "rejected") == 0)
		return msg(l, MSG_STATUS_REJECTED);
	if (strcmp(status, "withdrawn") == 0)
		return msg(l, MSG_STATUS_WITHDRAWN);
	return msg(l, MSG_STATUS_PENDING);
}

const char *
web_choice_text(enum lang l, const char *const *choices, const enum msg *labels,
    const char *v)
{
	size_t	i;

	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], v) == 0)
			return msg(l, labels[i]);
	return v;
}

/* "2026-11-28T18:36:00Z" as "2026-11-28 18:36 UTC". */
const char *
web_when(struct arena *a, const char *iso)
{
	if (iso == NULL || strlen(iso) < 16)
		return iso ? iso : "";
	return arena_printf(a, "%.10s %.5s UTC", iso, iso + 11);
}

/*
 * The checks every form POST goes through, in DESIGN.md's order, after
 * the method: size 413, content type 415, CSRF 403, encoding 400.
 * Returns 0 with the parsed fields, or -1 with the error page written.
 */
int
web_post_prelude(struct req *r, enum lang l, struct kvlist *fields)
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
	if (!csrf_ok(r, web_secret, body, bodysz)) {
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
 * Answer what storing a form gave: a 303 to location once committed (the
 * same for a resent form), 409 for the same form token with other
 * fields, the closed page if the endorsement was withdrawn or rejected
 * meanwhile, 503 if the database failed.
 */
void
web_stored(struct req *r, enum lang l, enum db_res res, const char *location)
{
	switch (res) {
	case DB_OK:
	case DB_EXISTS:
		web_redirect(r, location);
		r->after_commit = 1;
		break;
	case DB_CONFLICT:
		page_error(r, l, 409, NULL);
		break;
	case DB_CLOSED:
		web_closed_page(r, l);
		break;
	default:
		page_error(r, l, 503, NULL);
		break;
	}
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
	ROUTE_CONFIRM,
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
	[ROUTE_CONFIRM] = "GET, HEAD, POST",
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

	switch (db_receipt_kind(web_db, code, &kind)) {
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
	} else if (strncmp(r->path, "/confirm/", 9) == 0 &&
	    r->path[9] != '\0' && strchr(r->path + 9, '/') == NULL)
		rt = ROUTE_CONFIRM;
	else if (strncmp(r->path, "/kiosk/", 7) == 0) {
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
		if (db_ping(web_db) == 0)
			buf_puts(r->body, "ok");
		else {
			r->status = 503;
			req_header(r, "Retry-After", "%d", RETRY_AFTER_BUSY);
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
	case ROUTE_CONFIRM:
		if (strcmp(r->method, "POST") == 0)
			confirm_post(r, l, r->path + 9);
		else
			confirm_get(r, l, r->path + 9);
		break;
	default:
		page_error(r, l, 404, NULL);
		break;
	}
}

int
web_worker_init(void)
{
	if ((web_db = db_open(webcfg.db_path)) == NULL)
		return -1;
	if (db_secret(web_db, web_secret) == -1) {
		db_close(web_db);
		web_db = NULL;
		return -1;
	}
	return 0;
}

static void
web_batch_begin(void)
{
	db_batch_begin(web_db);
}

static int
web_batch_end(void)
{
	return db_batch_end(web_db);
}

/* The batch's commit failed: its receipts were never stored. */
static void
web_batch_failed(struct req *r)
{
	page_error(r, LANG_EN, 503, NULL);
}

/*
 * One request.  A request that failed because the database's lock could
 * not be had within its wait (a backup, another writer) is told to come
 * back (503, Retry-After), never given a 500.
 */
static void
web_serve(struct req *r)
{
	db_busy_reset(web_db);
	web_handle(r);
	if (r->status >= 500 && r->status != 503 && db_busy(web_db))
		page_error(r, LANG_EN, 503, NULL);
}

const struct app web_app = {
	"endorse-web", web_worker_init, web_worker_fini, web_serve,
	web_batch_begin, web_batch_end, web_batch_failed, mailer_main,
	"endorse-mail"
};

void
web_worker_fini(void)
{
	db_close(web_db);
	web_db = NULL;
}
