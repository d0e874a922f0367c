/*
 * login.c: signing in and out of the console.
 *
 * Failed sign-ins slow an account down rather than lock it: after
 * FAIL_FREE failures for a user name within FAIL_WINDOW, the next try
 * must wait a delay that doubles with each further failure, up to
 * FAIL_DELAY_MAX seconds after the latest one; a try within the delay is
 * answered 429 with Retry-After, without looking at the password, and
 * does not count as a failure.  So anyone may slow "admin" down, but
 * no failure keeps its right password out for more than FAIL_DELAY_MAX.
 * A client address that fails FAIL_CLIENT times within FAIL_WINDOW is
 * refused for every name (429) until its failures age out.
 *
 * The answer and its timing are the same whether the user exists or
 * not: an unknown user's password is checked against a dummy hash, the
 * same work as a real one, and its failures slow its name down alike.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

#define FAIL_FREE	3	/* failures of a name before any delay */
#define FAIL_DELAY_MAX	60	/* seconds: the longest delay */
#define FAIL_CLIENT	20
#define FAIL_WINDOW	"-15 minutes"
#define FAIL_RETRY	900	/* seconds, Retry-After of an address */

enum lfield {
	LF_USERNAME,
	LF_PASSWORD,
	LF__MAX
};

static const struct fielddef ldefs[LF__MAX] = {
	[LF_USERNAME] = { "username", FT_TEXT, FF_REQUIRED, USERNAME_MAX,
	    NULL },
	[LF_PASSWORD] = { "password", FT_PASSWORD, FF_REQUIRED, PASSWORD_MAX,
	    NULL },
};

static const struct fieldui lui[LF__MAX] = {
	[LF_USERNAME] = { MSG_ADM_F_USERNAME, MSG__MAX,
	    MSG_ADM_ERR_USERNAME, "text", "username", NULL },
	[LF_PASSWORD] = { MSG_ADM_F_PASSWORD, MSG__MAX,
	    MSG_ADM_ERR_PASSWORD, "password", "current-password", NULL },
};

const struct params login_params = { ldefs, lui, LF__MAX, NULL };

/* The form, first shown or again with its errors; never the password. */
static void
login_form(struct ctx *x, struct form *f, enum msg problem)
{
	struct req	*r = x->r;

	admin_begin(x, msg(x->l, MSG_ADM_LOGIN_TITLE),
	    f->nerrs > 0 || problem != MSG__MAX, ANAV_NONE);
	if (problem != MSG__MAX) {
		/* A whole-form problem: the summary links to the name. */
		page_raw(r, "<div class=\"error-summary\" id=\"error-summary\" "
		    "role=\"alert\" tabindex=\"-1\" autofocus "
		    "aria-labelledby=\"error-summary-title\">\n"
		    "<h2 id=\"error-summary-title\">");
		page_msg(r, x->l, MSG_ERR_SUMMARY_H);
		page_raw(r, "</h2>\n<ul>\n<li><a href=\"#username\">");
		page_msg(r, x->l, problem);
		page_raw(r, "</a></li>\n</ul>\n</div>\n");
	} else
		form_error_summary(f);
	page_elem(r, "h1", x->l, MSG_ADM_LOGIN_TITLE);
	page_elem(r, "p", x->l, MSG_ADM_LOGIN_LEAD);
	page_raw(r, "<form class=\"form\" method=\"post\" "
	    "action=\"/admin/login\" accept-charset=\"utf-8\" novalidate>\n");
	buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n", x->csrf);
	form_input(f, LF_USERNAME);
	/* A password is never sent back, even on an error page. */
	if (f->vals != NULL) {
		struct fieldval	 v[LF__MAX];
		const struct fieldval *typed = f->vals;

		memcpy(v, f->vals, sizeof(v));
		v[LF_PASSWORD].present = 0;
		f->vals = v;
		form_input(f, LF_PASSWORD);
		f->vals = typed;	/* never left pointing at this frame */
	} else
		form_input(f, LF_PASSWORD);
	page_raw(r, "<button class=\"button\" type=\"submit\">");
	page_msg(r, x->l, MSG_ADM_LOGIN_SUBMIT);
	page_raw(r, "</button>\n</form>\n");
	admin_end(x);
}

void
login_get(struct ctx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, ldefs, lui, LF__MAX, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	login_form(x, &f, MSG__MAX);
}

/* The 422: the form again with its errors (never the password). */
void
login_invalid(struct ctx *x)
{
	login_form(x, &x->form, MSG__MAX);
}

/*
 * The delay after n failures of a name: none for the first FAIL_FREE
 * (a typo or two), then 1, 2, 4... seconds, at most FAIL_DELAY_MAX.
 */
static long
fail_delay(long long n)
{
	long	d = 1;

	if (n < FAIL_FREE)
		return 0;
	for (; n > FAIL_FREE && d < FAIL_DELAY_MAX; n--)
		d *= 2;
	return d < FAIL_DELAY_MAX ? d : FAIL_DELAY_MAX;
}

enum throttle {
	THROTTLE_NONE,
	THROTTLE_NAME,		/* the name's delay is not over */
	THROTTLE_CLIENT,	/* this address failed too often */
	THROTTLE_ERROR		/* cannot tell: the database failed */
};

/* May this name be tried from this address now?  *retry: seconds. */
static enum throttle
throttled(struct ctx *x, const char *user, long *retry)
{
	long long	 nuser, nclient, last;
	long		 delay, age;

	if (db_login_failures(admin_db, x->r->a, user, x->r->remote_addr,
	    FAIL_WINDOW, &nuser, &nclient, &last) == -1)
		return THROTTLE_ERROR;
	if (nclient >= FAIL_CLIENT) {
		*retry = FAIL_RETRY;
		return THROTTLE_CLIENT;
	}
	delay = fail_delay(nuser);
	age = last >= 0 ? (long)last : delay;
	if (age < 0)
		age = 0;	/* a clock stepped back: count from now */
	if (age < delay) {
		*retry = delay - age;
		return THROTTLE_NAME;
	}
	return THROTTLE_NONE;
}

/* The user's id, role and hash, if it exists and may sign in. */
static int
user_find(struct ctx *x, const char *name, long long *id, enum role *role,
    const char **hash)
{
	struct admin_user	u;

	if (db_user_get(admin_db, x->r->a, name, &u) != DB_OK ||
	    u.disabled || role_parse(u.role, role) == -1)
		return -1;
	*id = u.id;
	*hash = u.pwhash;
	return 0;
}

/*
 * A session this browser held before signing in again ends: each
 * sign-in gets a new token (and with it a new CSRF field).  0 or -1.
 */
static int
session_close_old(struct ctx *x)
{
	struct dbparam	p[1];

	/* The sign-in route has no session of its own: look for one. */
	if (!admin_session(x))
		return 0;
	p[0] = DBP_I(x->session_id);
	return db_run(admin_db, DBQ_SESSION_DEL, p, 1, NULL) == DB_OK ? 0 : -1;
}

/* Open a session: store the token's hash, set the cookie.  0 or -1. */
static int
session_open(struct ctx *x, long long id)
{
	char		 tok[B64_TOKEN_LEN + 1];
	unsigned char	 h[SESSION_HASH_LEN];
	struct dbparam	 p[2];

	session_token_new(tok);
	if (session_token_hash(tok, h) == -1)
		return -1;
	p[0] = DBP_I(id);
	p[1] = DBP_B(h, sizeof(h));
	if (db_run(admin_db, DBQ_SESSION_ADD, p, 2, NULL) != DB_OK)
		return -1;
	admin_cookie_set(x->r, SESSION_COOKIE, tok);
	/* The sign-in form's cookie has done its work: a new one next time. */
	admin_cookie_set(x->r, LOGIN_COOKIE, NULL);
	return 0;
}

/*
 * A failed sign-in: counted against the name and the address, and
 * audited.  0, or -1 if it could not be recorded: then the sign-in
 * answers 503, since a failure that is not counted would not slow the
 * name down.
 */
static int
login_failed(struct ctx *x, const char *user)
{
	struct dbparam	p[2];

	p[0] = DBP_S(user);
	p[1] = DBP_S(x->r->remote_addr);
	if (db_run(admin_db, DBQ_FAIL_ADD, p, 2, NULL) != DB_OK)
		return -1;
	/* Old failures no longer count: the table stays small. */
	p[0] = DBP_S(FAIL_WINDOW);
	if (db_run(admin_db, DBQ_FAIL_PURGE, p, 1, NULL) != DB_OK)
		return -1;
	return admin_audit(x, "login_failed", user, "");
}

/*
 * A good sign-in: its failures forgotten, the browser's old session
 * ended, a new session, its audit entry, all committed.  0 or -1.
 */
static int
login_ok(struct ctx *x, const char *user, long long id, enum role role)
{
	struct dbparam	p[1];

	p[0] = DBP_S(user);
	if (db_tx_begin(admin_db) == -1 ||
	    db_run(admin_db, DBQ_FAIL_CLEAR, p, 1, NULL) != DB_OK ||
	    (p[0] = DBP_S(FAIL_WINDOW),
	     db_run(admin_db, DBQ_FAIL_PURGE, p, 1, NULL)) != DB_OK ||
	    db_run(admin_db, DBQ_SESSION_PURGE, NULL, 0, NULL) != DB_OK ||
	    session_close_old(x) == -1 ||
	    session_open(x, id) == -1 ||
	    admin_audit(x, "login", user, role_names[role]) == -1) {
		db_tx_rollback(admin_db);
		return -1;
	}
	return db_tx_commit(admin_db);
}

/* A try within its delay, or from an address that failed too often. */
static void
login_throttled(struct ctx *x, const char *user, enum throttle th,
    long retry)
{
	if (admin_audit(x, "login_delayed", user, "") == -1) {
		route_fail(x, 503, "database: auditing a delayed sign-in");
		return;
	}
	x->r->status = 429;
	req_header(x->r, "Retry-After", "%ld", retry);
	login_form(x, &x->form, th == THROTTLE_NAME ? MSG_ADM_ERR_DELAYED :
	    MSG_ADM_ERR_LOCKED);
}

void
login_post(struct ctx *x)
{
	const char	*user = x->v[LF_USERNAME].value;
	const char	*pw = x->v[LF_PASSWORD].value, *hash = NULL;
	long long	 id = 0;
	enum role	 role = ROLE_VIEWER;
	enum throttle	 th;
	long		 retry = 0;
	int		 ok;

	x->user = user;		/* the audit's actor: the name tried */
	if ((th = throttled(x, user, &retry)) == THROTTLE_ERROR) {
		route_fail(x, 503, "database: the failures of a user name");
		return;
	}
	if (th != THROTTLE_NONE) {
		login_throttled(x, user, th, retry);
		return;
	}
	if (user_find(x, user, &id, &role, &hash) == 0)
		ok = password_verify(hash, pw);
	else {
		password_dummy(pw);
		ok = 0;
	}
	if (!ok && login_failed(x, user) == -1)
		route_fail(x, 503, "database: recording a failed sign-in");
	else if (!ok) {
		x->r->status = 422;
		login_form(x, &x->form, MSG_ADM_ERR_LOGIN);
	} else if (login_ok(x, user, id, role) == -1)
		route_fail(x, 503, "database: opening the session");
	else {
		route_redirect(x, "/admin/");
		/* The cookie is good only once the session is committed. */
		x->r->after_commit = 1;
	}
}

void
logout_post(struct ctx *x)
{
	struct dbparam	p[1];

	p[0] = DBP_I(x->session_id);
	/* A session that is still there is not signed out. */
	if (db_run(admin_db, DBQ_SESSION_DEL, p, 1, NULL) != DB_OK) {
		route_fail(x, 503, "database: ending the session");
		return;
	}
	if (admin_audit(x, "logout", x->user, "") == -1) {
		route_fail(x, 503, "database: auditing a sign-out");
		return;
	}
	admin_cookie_set(x->r, SESSION_COOKIE, NULL);
	route_redirect(x, "/admin/login");
	x->r->after_commit = 1;
}
