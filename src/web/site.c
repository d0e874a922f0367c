/*
 * site.c: the route table of endorse-web (its whole surface, one row a
 * route) and what its pages share.  The router (route.c) runs the
 * checks of DESIGN.md before any handler.  The pages themselves:
 * home.c (the declaration), endorse.c (the endorsement form), receipt.c
 * (receipts, reports, updates, withdrawal), lists.c (the public lists),
 * kiosk.c (events).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "export.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "proof.h"
#include "web/web.h"

/* Per worker: opened once in web_worker_init. */
struct db	*web_db;
unsigned char	 web_secret[SECRET_LEN];
struct sitekey	 web_key;

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

/* A form's own token, for showing it again: NULL if it was not good. */
const char *
web_token_kept(const struct ctx *x, size_t i)
{
	return x->v[i].err == VERR_OK && x->v[i].present ? x->v[i].value :
	    NULL;
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

/* "2026-11-28T18:36:00Z" as "28 November 2026, 18:36 UTC" in l. */
const char *
web_when(struct arena *a, enum lang l, const char *iso)
{
	return lang_when(a, l, iso);
}

int
web_found(struct ctx *x, enum db_res res, const char *what)
{
	if (res == DB_OK)
		return 0;
	if (res == DB_NOTFOUND)
		page_error(x->r, x->l, 404, NULL);
	else
		route_fail(x, 503, "database: %s", what);
	return -1;
}

/*
 * Answer what storing a form gave: a 303 to location once committed (the
 * same for a resent form), 409 for the same form token with other
 * fields, the closed page if the endorsement was withdrawn or rejected
 * meanwhile, 503 if the database failed.
 */
void
web_stored(struct ctx *x, enum db_res res, const char *location)
{
	switch (res) {
	case DB_OK:
	case DB_EXISTS:
		route_redirect(x, location);
		x->r->after_commit = 1;
		break;
	case DB_CONFLICT:
		page_error(x->r, x->l, 409, NULL);
		break;
	case DB_CLOSED:
		web_closed_page(x->r, x->l);
		break;
	default:
		route_fail(x, 503, "database: storing the form");
		break;
	}
}

/* ---- the site ------------------------------------------------------ */

/* GET /healthz: 200 "ok" when the database answers a read. */
static void
healthz_get(struct ctx *x)
{
	req_header(x->r, "Cache-Control", "no-store");
	if (db_ping(web_db) == 0)
		buf_puts(x->r->body, "ok");
	else {
		logmsg("GET /healthz: the database does not answer");
		x->r->status = 503;
		req_header(x->r, "Retry-After", "%d", RETRY_AFTER_BUSY);
		buf_puts(x->r->body, "database unavailable\n");
	}
}

#define HTML	"text/html; charset=utf-8"
#define FORM	(R_CSRF | R_FORM_TOKEN)
#define CSV	"text/csv; charset=utf-8; header=present"
#define JSON	"application/json; charset=utf-8"
#define OPEN(set, fmt)	((set) * EXPORT__FMT + (fmt))

/*
 * Everything endorse-web answers.  A new route is one row here and its
 * handler; the router (route.c) runs every check before the handler.
 */
const struct route web_routes[] = {
	/* path, methods, params, cap, flags, type, handler, invalid, arg */
	{ "/", M_GET, NULL, CAP_PUBLIC, 0, HTML, home_get, NULL, 0 },
	{ "/endorse", M_GET, NULL, CAP_PUBLIC, 0, HTML, endorse_get, NULL,
	    0 },
	{ "/endorse", M_POST, &endorse_params, CAP_PUBLIC, FORM, HTML,
	    endorse_post, endorse_invalid, 0 },
	{ "/healthz", M_GET, NULL, CAP_PUBLIC, 0,
	    "text/plain; charset=utf-8", healthz_get, NULL, 0 },
	{ "/signatories", M_GET, &signatories_params, CAP_PUBLIC, 0, HTML,
	    list_get, NULL, LIST_SIGNATORIES },
	{ "/commitments", M_GET, &commitments_params, CAP_PUBLIC, 0, HTML,
	    list_get, NULL, LIST_COMMITMENTS },
	/* The lists as open data, with the lists' filters. */
	{ "/signatories.csv", M_GET, &signatories_params, CAP_PUBLIC, 0, CSV,
	    open_data_get, NULL, OPEN(OPEN_SIGNATORIES, EXPORT_CSV) },
	{ "/signatories.json", M_GET, &signatories_params, CAP_PUBLIC, 0,
	    JSON, open_data_get, NULL, OPEN(OPEN_SIGNATORIES, EXPORT_JSON) },
	{ "/commitments.csv", M_GET, &commitments_params, CAP_PUBLIC, 0, CSV,
	    open_data_get, NULL, OPEN(OPEN_COMMITMENTS, EXPORT_CSV) },
	{ "/commitments.json", M_GET, &commitments_params, CAP_PUBLIC, 0,
	    JSON, open_data_get, NULL, OPEN(OPEN_COMMITMENTS, EXPORT_JSON) },
	/* For nginx's cache of the open data (internal in nginx). */
	{ "/opendata-version", M_GET, NULL, CAP_PUBLIC, 0, NULL,
	    open_data_version, NULL, 0 },
	{ "/receipt/%r", M_GET, NULL, CAP_PUBLIC, 0, HTML, receipt_get, NULL,
	    0 },
	{ "/receipt/%r.svg", M_GET, NULL, CAP_PUBLIC, 0, "image/svg+xml",
	    receipt_image, NULL, QR_SVG },
	{ "/receipt/%r.png", M_GET, NULL, CAP_PUBLIC, 0, "image/png",
	    receipt_image, NULL, QR_PNG },
	{ "/receipt/%r/commitments", M_POST, &report_params, CAP_PUBLIC,
	    FORM, HTML, commitments_post, commitments_invalid, 0 },
	{ "/receipt/%r/updates", M_POST, &update_params, CAP_PUBLIC, FORM,
	    HTML, updates_post, updates_invalid, 0 },
	{ "/receipt/%r/withdraw", M_GET, NULL, CAP_PUBLIC, 0, HTML,
	    withdraw_get, NULL, 0 },
	{ "/receipt/%r/withdraw", M_POST, &withdraw_params, CAP_PUBLIC,
	    R_CSRF, HTML, withdraw_post, withdraw_invalid, 0 },
	{ "/kiosk/%t", M_GET, NULL, CAP_PUBLIC, 0, HTML, kiosk_get, NULL, 0 },
	{ "/kiosk/%t", M_POST, &kiosk_params, CAP_PUBLIC,
	    FORM | R_UUID_TOKEN, HTML, kiosk_post, kiosk_invalid, 0 },
	{ "/kiosk/%t/done/%r", M_GET, NULL, CAP_PUBLIC, 0, HTML, kiosk_done,
	    NULL, 0 },
	/* Signed receipts, the ledger, declaration versions (verify.c,
	 * declaration.c; doc/RECEIPTS.md). */
	{ "/receipt/%r.receipt", M_GET, NULL, CAP_PUBLIC, 0,
	    "text/plain; charset=utf-8", receipt_file, NULL, 0 },
	{ "/verify", M_GET, NULL, CAP_PUBLIC, 0, HTML, verify_get, NULL, 0 },
	{ "/verify", M_POST, &verify_params, CAP_PUBLIC, R_CSRF, HTML,
	    verify_post, verify_invalid, 0 },
	{ "/.well-known/endorse-keys", M_GET, NULL, CAP_PUBLIC, 0,
	    "application/json", keys_page, NULL, 0 },
	{ "/.well-known/endorse-ledger-head", M_GET, NULL, CAP_PUBLIC, 0,
	    "application/json", ledger_head_page, NULL, 0 },
	{ "/declaration", M_GET, &declaration_params, CAP_PUBLIC, 0, HTML,
	    declaration_page, NULL, 0 },
	{ "/confirm/%s", M_GET, NULL, CAP_PUBLIC, 0, HTML, confirm_get, NULL,
	    0 },
	{ "/confirm/%s", M_POST, NULL, CAP_PUBLIC, R_CSRF, HTML, confirm_post,
	    NULL, 0 },
};

const struct site web_site = {
	web_routes, sizeof(web_routes) / sizeof(web_routes[0]), web_secret,
	NULL, NULL, NULL, NULL, NULL, NULL
};

void
web_handle(struct req *r)
{
	route_handle(&web_site, r);
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
	/*
	 * The key that signs receipts, beside the database.  Missing, the
	 * site still serves pages; a submission then fails (503) and says
	 * why in the log, rather than give a receipt no one can check.
	 */
	if ((web_key.path = sitekey_path(webcfg.db_path)) == NULL) {
		db_close(web_db);
		web_db = NULL;
		return -1;
	}
	(void)sitekey_refresh(&web_key);
	db_set_signer(web_db, &web_key);
	/* Before the worker's filter, which allows no new thread.  Without
	 * it each record is signed inline, as before. */
	if (db_sign_async(web_db) == -1)
		logmsg("receipts are signed inline");
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

/* Runs on the worker's sync thread: touches the WAL's descriptor only. */
static int
web_batch_sync(void)
{
	return db_sync(web_db);
}

/* The batch's commit failed: its receipts were never stored. */
static void
web_batch_failed(struct req *r)
{
	req_fail(r, page_lang(r, NULL, page_secure), 503, "the batch's commit failed: no receipt");
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
		page_error(r, page_lang(r, NULL, page_secure), 503, NULL);
}

const struct app web_app = {
	"endorse-web", web_worker_init, web_worker_fini, web_serve,
	web_batch_begin, web_batch_end, web_batch_failed, web_batch_sync,
	mailer_main, "endorse-mail"
};

void
web_worker_fini(void)
{
	db_close(web_db);
	web_db = NULL;
	sitekey_clear(&web_key);
}
