/*
 * login.c (issue 5): signing in and out of the console.
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

#include "endorse.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
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

/* The form, first shown or again with its errors; never the password. */
static void
login_form(struct actx *x, struct form *f, enum msg problem)
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

		memcpy(v, f->vals, sizeof(v));
		v[LF_PASSWORD].present = 0;
		f->vals = v;
		form_input(f, LF_PASSWORD);
	} else
		form_input(f, LF_PASSWORD);
	page_raw(r, "<button class=\"button\" type=\"submit\">");
	page_msg(r, x->l, MSG_ADM_LOGIN_SUBMIT);
	page_raw(r, "</button>\n</form>\n");
	admin_end(x);
}

void
login_get(struct actx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, ldefs, lui, LF__MAX, NULL) == -1) {
		page_error(x->r, x->l, 500, NULL);
		return;
	}
	login_form(x, &f, MSG__MAX);
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
throttled(struct actx *x, const char *user, long *retry)
{
	struct dbparam	 p[3];
	struct dbtable	 t;
	long		 delay, age;

	p[0] = DBP_S(user);
	p[1] = DBP_S(x->r->remote_addr);
	p[2] = DBP_S(FAIL_WINDOW);
	if (db_table(admin_db, x->r->a, DBQ_FAIL_COUNT, p, 3, &t) == -1 ||
	    t.nrows != 1)
		return THROTTLE_ERROR;
	if (atoll(DBT(&t, 0, 1)) >= FAIL_CLIENT) {
		*retry = FAIL_RETRY;
		return THROTTLE_CLIENT;
	}
	delay = fail_delay(atoll(DBT(&t, 0, 0)));
	age = DBT(&t, 0, 2) != NULL ? atol(DBT(&t, 0, 2)) : delay;
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
user_find(struct actx *x, const char *name, long long *id, enum role *role,
    const char **hash)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_S(name);
	if (db_table(admin_db, x->r->a, DBQ_USER_BY_NAME, p, 1, &t) == -1 ||
	    t.nrows != 1 || strcmp(DBT(&t, 0, 3), "0") != 0 ||
	    role_parse(DBT(&t, 0, 1), role) == -1)
		return -1;
	*id = atoll(DBT(&t, 0, 0));
	*hash = DBT(&t, 0, 2);
	return 0;
}

/*
 * A session this browser held before signing in again ends: each
 * sign-in gets a new token (and with it a new CSRF field).  0 or -1.
 */
static int
session_close_old(struct actx *x)
{
	const char	*c = admin_cookie(x->r, SESSION_COOKIE);
	unsigned char	 h[SESSION_HASH_LEN];
	struct dbparam	 p[1];

	if (c == NULL || session_token_hash(c, h) == -1)
		return 0;
	p[0] = DBP_B(h, sizeof(h));
	return db_run(admin_db, DBQ_SESSION_DEL, p, 1, NULL) == DB_OK ? 0 : -1;
}

/* Open a session: store the token's hash, set the cookie.  0 or -1. */
static int
session_open(struct actx *x, long long id)
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

void
login_post(struct actx *x)
{
	struct fieldval	 v[LF__MAX];
	struct form	 f;
	struct dbparam	 p[2];
	const char	*user, *pw, *hash = NULL;
	long long	 id = 0;
	enum role	 role = ROLE_VIEWER;
	enum throttle	 th;
	long		 retry = 0;
	int		 ok;

	if (valid_form(x->r->a, ldefs, LF__MAX, &x->in, v) < 0) {
		page_error(x->r, x->l, 500, NULL);
		return;
	}
	if (form_init(&f, x->r, x->l, ldefs, lui, LF__MAX, v) == -1) {
		page_error(x->r, x->l, 500, NULL);
		return;
	}
	if (f.nerrs > 0) {
		x->r->status = 422;
		login_form(x, &f, MSG__MAX);
		return;
	}
	user = v[LF_USERNAME].value;
	pw = v[LF_PASSWORD].value;
	x->user = user;		/* the audit's actor: the name tried */
	if ((th = throttled(x, user, &retry)) == THROTTLE_ERROR) {
		page_error(x->r, x->l, 503, NULL);
		return;
	}
	if (th != THROTTLE_NONE) {
		admin_audit(x, "login_delayed", user, "");
		x->r->status = 429;
		req_header(x->r, "Retry-After", "%ld", retry);
		login_form(x, &f, th == THROTTLE_NAME ?
		    MSG_ADM_ERR_DELAYED : MSG_ADM_ERR_LOCKED);
		return;
	}
	if (user_find(x, user, &id, &role, &hash) == 0)
		ok = password_verify(hash, pw);
	else {
		password_dummy(pw);
		ok = 0;
	}
	if (!ok) {
		p[0] = DBP_S(user);
		p[1] = DBP_S(x->r->remote_addr);
		/* A failure that is not recorded would not slow the name. */
		if (db_run(admin_db, DBQ_FAIL_ADD, p, 2, NULL) != DB_OK) {
			page_error(x->r, x->l, 503, NULL);
			return;
		}
		/* Old failures no longer count: the table stays small. */
		p[0] = DBP_S(FAIL_WINDOW);
		db_run(admin_db, DBQ_FAIL_PURGE, p, 1, NULL);
		admin_audit(x, "login_failed", user, "");
		x->r->status = 422;
		login_form(x, &f, MSG_ADM_ERR_LOGIN);
		return;
	}
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
		page_error(x->r, x->l, 503, NULL);
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		page_error(x->r, x->l, 503, NULL);
		return;
	}
	admin_redirect(x->r, "/admin/");
	/* The cookie is good only once the session is committed. */
	x->r->after_commit = 1;
}

void
logout_post(struct actx *x)
{
	const char	*c = admin_cookie(x->r, SESSION_COOKIE);
	unsigned char	 h[SESSION_HASH_LEN];
	struct dbparam	 p[1];

	if (c != NULL && session_token_hash(c, h) == 0) {
		p[0] = DBP_B(h, sizeof(h));
		db_run(admin_db, DBQ_SESSION_DEL, p, 1, NULL);
	}
	admin_audit(x, "logout", x->user, "");
	admin_cookie_set(x->r, SESSION_COOKIE, NULL);
	admin_redirect(x->r, "/admin/login");
	x->r->after_commit = 1;
}
