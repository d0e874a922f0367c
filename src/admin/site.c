/*
 * site.c: the route table of endorse-admin (its whole surface, one row
 * a route), the session, and what every page of the console shares.
 * The router (route.c) runs DESIGN.md's checks in their order (413, 405,
 * 415, no session 303, role 403, CSRF 403, 400, the fields 422) before
 * any handler.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "token.h"
#include "log.h"
#include "auth.h"
#include "export.h"
#include "db.h"
#include "html.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

struct db	*admin_db;
unsigned char	 admin_secret[SECRET_LEN];

/* ---- the frame ---------------------------------------------------------- */

/* "Signed in as NAME (ROLE)": the user's name isolated, the role named
 * in the page's language. */
static void
signed_in_as(struct ctx *x)
{
	static const enum msg	 role_msgs[ROLE__MAX] = {
		[ROLE_VIEWER] = MSG_ADM_ROLE_VIEWER,
		[ROLE_MODERATOR] = MSG_ADM_ROLE_MODERATOR,
		[ROLE_ADMIN] = MSG_ADM_ROLE_ADMIN,
	};
	const char	*fmt = msg(x->l, MSG_ADM_SIGNED_IN_FMT);
	const char	*a = strstr(fmt, "%s"), *b = a ? strstr(a + 2, "%s") : NULL;

	if (a == NULL || b == NULL) {
		page_text(x->r, fmt);
		return;
	}
	html_escn(x->r->body, fmt, (size_t)(a - fmt));
	page_bdi(x->r, x->user);
	html_escn(x->r->body, a + 2, (size_t)(b - a - 2));
	page_msg(x->r, x->l, role_msgs[x->role]);
	page_text(x->r, b + 2);
}

void
admin_begin(struct ctx *x, const char *title, int error, enum anav nav)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;

	/* Nothing of the console is kept by a cache or shown in a frame. */
	req_header(r, "Cache-Control", "no-store");
	page_head(r, l, title, error, MSG_ADM_SITE_NAME,
	    "<meta name=\"robots\" content=\"noindex\">\n", "admin");
	page_raw(r, "<a class=\"skip-link\" href=\"#main\">");
	page_msg(r, l, MSG_SKIP_LINK);
	page_raw(r, "</a>\n<header class=\"site-header\"><div class=\"wrap\">"
	    "<a class=\"site-name\" href=\"/admin/\">");
	page_msg(r, l, MSG_ADM_SITE_NAME);
	page_raw(r, "</a>\n");
	if (x->signed_in) {
		page_raw(r, "<nav aria-label=\"");
		page_msg(r, l, MSG_ADM_NAV_LABEL);
		page_raw(r, "\"><ul>");
		page_nav_item(r, l, "/admin/", MSG_ADM_NAV_DASHBOARD,
		    nav == ANAV_DASHBOARD);
		page_nav_item(r, l, "/admin/endorsements",
		    MSG_ADM_NAV_ENDORSEMENTS, nav == ANAV_ENDORSEMENTS);
		page_nav_item(r, l, "/admin/events", MSG_ADM_NAV_EVENTS,
		    nav == ANAV_EVENTS);
		page_nav_item(r, l, "/admin/domains", MSG_ADM_NAV_DOMAINS,
		    nav == ANAV_DOMAINS);
		if (role_may(x->role, CAP_AUDIT))
			page_nav_item(r, l, "/admin/audit", MSG_ADM_NAV_AUDIT,
			    nav == ANAV_AUDIT);
		page_raw(r, "</ul></nav>\n<form class=\"signout\" "
		    "method=\"post\" action=\"/admin/logout\">"
		    "<span class=\"who\">");
		signed_in_as(x);
		buf_printf(r->body, "</span> <input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button class=\"button "
		    "button-secondary\" type=\"submit\">", x->csrf);
		page_msg(r, l, MSG_ADM_SIGN_OUT);
		page_raw(r, "</button></form>\n");
	}
	page_lang_switch(r, l);
	page_raw(r, "</div></header>\n"
	    "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

void
admin_end(struct ctx *x)
{
	page_raw(x->r, "</main>\n<footer class=\"site-footer\"><div "
	    "class=\"wrap\">");
	page_elem(x->r, "p", x->l, MSG_ADM_FOOTER);
	page_raw(x->r, "</div></footer>\n</body>\n</html>\n");
}

void
admin_table_open(struct ctx *x, enum msg label)
{
	/* A wide table scrolls inside its region, not the whole page. */
	page_raw(x->r, "<div class=\"table-wrap\" role=\"region\" "
	    "tabindex=\"0\" aria-label=\"");
	page_msg(x->r, x->l, label);
	page_raw(x->r, "\">\n<table class=\"table\">\n");
}

void
admin_table_close(struct ctx *x)
{
	page_raw(x->r, "</table>\n</div>\n");
}

void
admin_pager(struct ctx *x, const char *path,
    void (*query)(struct ctx *, const void *, long long), const void *arg,
    long long page, long long pages)
{
	struct req	*r = x->r;

	page_raw(r, "<nav class=\"pager\" aria-label=\"");
	page_msg(r, x->l, MSG_ADM_PAGES);
	page_raw(r, "\">");
	if (page > 1) {
		buf_printf(r->body, "<a rel=\"prev\" href=\"%s?", path);
		query(x, arg, page - 1);
		page_raw(r, "\">");
		page_msg(r, x->l, MSG_ADM_PREV);
		page_raw(r, "</a> ");
	}
	page_raw(r, "<span>");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_PAGE_FMT), page,
	    pages));
	page_raw(r, "</span>");
	if (page < pages) {
		buf_printf(r->body, " <a rel=\"next\" href=\"%s?", path);
		query(x, arg, page + 1);
		page_raw(r, "\">");
		page_msg(r, x->l, MSG_ADM_NEXT);
		page_raw(r, "</a>");
	}
	page_raw(r, "</nav>\n");
}

void
admin_th(struct ctx *x, enum msg m)
{
	page_raw(x->r, "<th scope=\"col\">");
	page_msg(x->r, x->l, m);
	page_raw(x->r, "</th>");
}

void
admin_td(struct ctx *x, const char *s)
{
	page_raw(x->r, "<td>");
	page_text(x->r, s);
	page_raw(x->r, "</td>");
}

const char *
admin_when(struct arena *a, const char *iso)
{
	if (iso == NULL || strlen(iso) < 16)
		return iso ? iso : "";
	return arena_printf(a, "%.10s %.5s", iso, iso + 11);
}

const char *
admin_status_text(enum lang l, const char *status)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "verified") == 0)
		return msg(l, MSG_ADM_ST_VERIFIED);
	if (strcmp(status, "rejected") == 0)
		return msg(l, MSG_ADM_ST_REJECTED);
	if (strcmp(status, "withdrawn") == 0)
		return msg(l, MSG_ADM_ST_WITHDRAWN);
	if (strcmp(status, "pending") == 0)
		return msg(l, MSG_ADM_ST_PENDING);
	return status;
}

/* ---- checks --------------------------------------------------------------- */

/* The 403 of a role: not the generic one, which speaks of forms. */
static void
admin_forbidden(struct ctx *x)
{
	buf_reset(x->r->hdr);
	buf_reset(x->r->body);
	x->r->status = 403;
	x->r->content_type_out = "text/html; charset=utf-8";
	admin_begin(x, msg(x->l, MSG_ADM_E403_TITLE), 1, ANAV_NONE);
	page_elem(x->r, "h1", x->l, MSG_ADM_E403_TITLE);
	page_elem(x->r, "p", x->l, MSG_ADM_E403_BODY);
	admin_end(x);
}

int
admin_audit(struct ctx *x, const char *action, const char *target,
    const char *detail)
{
	struct dbparam	p[5];

	p[0] = DBP_S(x->user != NULL ? x->user : "");
	p[1] = DBP_S(action);
	p[2] = DBP_S(target != NULL ? target : "");
	p[3] = DBP_S(detail != NULL ? detail : "");
	p[4] = DBP_S(x->r->remote_addr);
	if (db_run(admin_db, DBQ_AUDIT_ADD, p, 5, NULL) == DB_OK)
		return 0;
	logmsg("%s %s: the audit entry \"%s\" was not stored",
	    x->r->method, x->r->route, action);
	return -1;
}

/*
 * Who is signed in: the session cookie's hash names a session that is
 * neither idle too long nor too old.  The session's last_seen moves on
 * at most once a minute, so reading pages costs few writes.
 */
const char *
admin_cookie(struct req *r, const char *name)
{
	const struct kv	*c;

	c = kvlist_get(&r->cookies, admincfg.secure ?
	    arena_printf(r->a, "__Host-%s", name) : name, NULL);
	return c != NULL ? c->value : NULL;
}

void
admin_cookie_set(struct req *r, const char *name, const char *value)
{
	if (admincfg.secure)
		req_header(r, "Set-Cookie", "__Host-%s=%s; Path=/; Secure; "
		    "HttpOnly; SameSite=Strict%s", name, value ? value : "",
		    value ? "" : "; Max-Age=0");
	else
		req_header(r, "Set-Cookie", "%s=%s; Path=/admin/; HttpOnly; "
		    "SameSite=Strict%s", name, value ? value : "",
		    value ? "" : "; Max-Age=0");
}

/*
 * Who is signed in: the session cookie's hash names a session that is
 * neither idle too long nor too old.  The session's last_seen moves on
 * at most once a minute, so reading pages costs few writes.
 */
int
admin_session(struct ctx *x)
{
	const char		*c = admin_cookie(x->r, SESSION_COOKIE);
	unsigned char		 h[SESSION_HASH_LEN];
	struct admin_session	 s;
	struct dbparam		 p[1];

	if (c == NULL || session_token_hash(c, h) == -1)
		return 0;
	switch (db_session_get(admin_db, x->r->a, h, &s)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		return 0;
	default:
		/* Not signed in, as far as anyone can tell: the login. */
		logmsg("%s %s: database: the session", x->r->method,
		    x->r->route != NULL ? x->r->route : "(no route)");
		return 0;
	}
	if (role_parse(s.role, &x->role) == -1)
		return 0;
	x->session_id = s.id;
	x->session = c;
	x->user_id = s.user_id;
	x->user = s.user;
	x->signed_in = 1;
	if (s.stale) {
		p[0] = DBP_I(s.id);
		if (db_run(admin_db, DBQ_SESSION_TOUCH, p, 1, NULL) != DB_OK)
			logmsg("%s %s: database: the session's last_seen "
			    "did not move", x->r->method, x->r->route != NULL ?
			    x->r->route : "(no route)");
	}
	return 1;
}

/* What the signed-in role may do (auth.c's table). */
static int
admin_may(const struct ctx *x, int cap)
{
	return role_may(x->role, (enum cap)cap);
}

/*
 * Once the session is settled: the CSRF field of this page's forms.
 * Signed in: a MAC of the session's token, so it changes with each
 * sign-in and no cookie the browser holds (the public site's csrf
 * included) pairs with it.  On the sign-in form: a MAC of a cookie of
 * the console's own, set now if the browser has none of the right shape.
 */
static void
admin_enter(struct ctx *x)
{
	const char	*c;
	char		 fresh[B64_TOKEN_LEN + 1];

	if (x->signed_in) {
		csrf_field_bound(admin_secret, SESSION_COOKIE, x->session,
		    x->csrf);
		return;
	}
	c = admin_cookie(x->r, LOGIN_COOKIE);
	/* kiosk_token_ok: the shape of token_random's output. */
	if (c == NULL || !kiosk_token_ok(c)) {
		token_random(fresh);
		admin_cookie_set(x->r, LOGIN_COOKIE, fresh);
		c = fresh;
	}
	csrf_field_bound(admin_secret, LOGIN_COOKIE, c, x->csrf);
}

/* The POST's csrf field, bound as admin_enter made it. */
static int
admin_csrf(struct ctx *x, const char *body, size_t bodysz)
{
	if (x->signed_in)
		return csrf_ok_bound(admin_secret, SESSION_COOKIE, x->session,
		    body, bodysz);
	return csrf_ok_bound(admin_secret, LOGIN_COOKIE,
	    admin_cookie(x->r, LOGIN_COOKIE), body, bodysz);
}

/* ---- the site ------------------------------------------------------------ */

#define HTML	"text/html; charset=utf-8"
#define EXPORT(k, f)	((k) * EXPORT__FMT + (f))
#define XLSX	\
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/*
 * Everything endorse-admin answers.  A new route is one row here and
 * its handler; the router (route.c) runs every check before the
 * handler, the role's included (cap).  Without a session every route
 * but the login answers 303 to it.
 */
const struct route admin_routes[] = {
	/* path, methods, params, cap, flags, type, handler, invalid, arg */
	{ "/admin/login", M_GET, NULL, CAP_PUBLIC, 0, HTML, login_get, NULL,
	    0 },
	{ "/admin/login", M_POST, &login_params, CAP_PUBLIC, R_CSRF, HTML,
	    login_post, login_invalid, 0 },
	{ "/admin/logout", M_POST, NULL, CAP_READ, R_CSRF, HTML, logout_post,
	    NULL, 0 },
	{ "/admin/", M_GET, NULL, CAP_READ, 0, HTML, dashboard_get, NULL, 0 },
	{ "/admin/endorsements", M_GET, &filter_params, CAP_READ, 0, HTML,
	    endorsements_get, NULL, 0 },
	{ "/admin/endorsements/%i", M_GET, NULL, CAP_READ, 0, HTML,
	    endorsement_get, NULL, 0 },
	{ "/admin/endorsements/%i/status", M_POST, &status_params,
	    CAP_MODERATE, R_CSRF, HTML, status_post, status_invalid, 0 },
	{ "/admin/events", M_GET, NULL, CAP_READ, 0, HTML, events_get, NULL,
	    0 },
	{ "/admin/events", M_POST, &events_params, CAP_EVENTS, R_CSRF, HTML,
	    events_post, events_invalid, 0 },
	{ "/admin/export/endorsements.csv", M_GET, &export_params, CAP_EXPORT,
	    0, "text/csv; charset=utf-8; header=present", export_get, NULL,
	    EXPORT(EXPORT_ENDORSEMENTS, EXPORT_CSV) },
	{ "/admin/export/endorsements.json", M_GET, &export_params,
	    CAP_EXPORT, 0, "application/json; charset=utf-8", export_get,
	    NULL, EXPORT(EXPORT_ENDORSEMENTS, EXPORT_JSON) },
	{ "/admin/export/endorsements.xlsx", M_GET, &export_params,
	    CAP_EXPORT, 0, XLSX, export_get, NULL,
	    EXPORT(EXPORT_ENDORSEMENTS, EXPORT_XLSX) },
	{ "/admin/export/commitments.csv", M_GET, &export_params, CAP_EXPORT,
	    0, "text/csv; charset=utf-8; header=present", export_get, NULL,
	    EXPORT(EXPORT_COMMITMENTS, EXPORT_CSV) },
	{ "/admin/export/commitments.json", M_GET, &export_params, CAP_EXPORT,
	    0, "application/json; charset=utf-8", export_get, NULL,
	    EXPORT(EXPORT_COMMITMENTS, EXPORT_JSON) },
	{ "/admin/export/commitments.xlsx", M_GET, &export_params, CAP_EXPORT,
	    0, XLSX, export_get, NULL,
	    EXPORT(EXPORT_COMMITMENTS, EXPORT_XLSX) },
	{ "/admin/audit", M_GET, &audit_params, CAP_AUDIT, 0, HTML, audit_get,
	    NULL, 0 },
	{ "/admin/domains", M_GET, NULL, CAP_READ, 0, HTML, domains_get, NULL,
	    0 },
	{ "/admin/domains", M_POST, &domains_params, CAP_DOMAINS, R_CSRF,
	    HTML, domains_post, domains_invalid, 0 },
	{ "/admin/endorsements/verify-official", M_POST, NULL, CAP_MODERATE,
	    R_CSRF, HTML, official_verify_post, NULL, 0 },
};

const struct site admin_site = {
	admin_routes, sizeof(admin_routes) / sizeof(admin_routes[0]),
	admin_secret, "/admin/login", admin_session, admin_may,
	admin_forbidden, admin_enter, admin_csrf
};

static void
admin_handle(struct req *r)
{
	route_handle(&admin_site, r);
}

static int
admin_worker_init(void)
{
	if ((admin_db = db_open(admincfg.db_path)) == NULL)
		return -1;
	export_sweep();
	if (db_secret(admin_db, admin_secret) == -1 ||
	    password_init() == -1) {
		db_close(admin_db);
		admin_db = NULL;
		return -1;
	}
	return 0;
}

static void
admin_worker_fini(void)
{
	db_close(admin_db);
	admin_db = NULL;
}

/* One request; as web_serve, a lock that could not be had is a 503. */
static void
admin_serve(struct req *r)
{
	db_busy_reset(admin_db);
	admin_handle(r);
	if (r->status >= 500 && r->status != 503 && db_busy(admin_db))
		page_error(r, page_lang(r, NULL, page_secure), 503, NULL);
}

/*
 * No group commit here: each admin write commits (and syncs) on its own.
 * Admin traffic is light, and a sign-in's argon2id check (about 0.1 s)
 * must never run while a batch holds the write lock that the public
 * site's signatures wait for.
 */
const struct app admin_app = {
	"endorse-admin", admin_worker_init, admin_worker_fini, admin_serve,
	NULL, NULL, NULL, NULL, NULL, NULL
};
