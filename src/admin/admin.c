/*
 * admin.c (issue 5): the routes of endorse-admin, the session check, and
 * what every page of the console shares.  A table maps each route to the
 * methods it takes; DESIGN.md's checks run in their fixed order (413,
 * 405, 415, no session 303, CSRF 403, 400, then the fields 422) before
 * a handler reads a field.
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

struct db	*admin_db;
unsigned char	 admin_secret[SECRET_LEN];

/* ---- the frame ---------------------------------------------------------- */

static void
nav_item(struct actx *x, const char *href, enum msg m, int cur)
{
	buf_printf(x->r->body, "<li><a href=\"%s\"%s>", href,
	    cur ? " aria-current=\"page\"" : "");
	page_msg(x->r, x->l, m);
	page_raw(x->r, "</a></li>");
}

void
admin_begin(struct actx *x, const char *title, int error, enum anav nav)
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
		page_raw(r, "<nav aria-label=\"Admin\"><ul>");
		nav_item(x, "/admin/", MSG_ADM_NAV_DASHBOARD,
		    nav == ANAV_DASHBOARD);
		nav_item(x, "/admin/endorsements", MSG_ADM_NAV_ENDORSEMENTS,
		    nav == ANAV_ENDORSEMENTS);
		nav_item(x, "/admin/events", MSG_ADM_NAV_EVENTS,
		    nav == ANAV_EVENTS);
		nav_item(x, "/admin/domains", MSG_ADM_NAV_DOMAINS,
		    nav == ANAV_DOMAINS);
		if (role_may(x->role, CAP_AUDIT))
			nav_item(x, "/admin/audit", MSG_ADM_NAV_AUDIT,
			    nav == ANAV_AUDIT);
		page_raw(r, "</ul></nav>\n<form class=\"signout\" "
		    "method=\"post\" action=\"/admin/logout\">"
		    "<span class=\"who\">");
		page_text(r, arena_printf(r->a, msg(l, MSG_ADM_SIGNED_IN_FMT),
		    x->user, role_names[x->role]));
		buf_printf(r->body, "</span> <input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button class=\"button "
		    "button-secondary\" type=\"submit\">", x->csrf);
		page_msg(r, l, MSG_ADM_SIGN_OUT);
		page_raw(r, "</button></form>\n");
	}
	page_raw(r, "</div></header>\n"
	    "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

void
admin_end(struct actx *x)
{
	page_raw(x->r, "</main>\n<footer class=\"site-footer\"><div "
	    "class=\"wrap\">");
	page_elem(x->r, "p", x->l, MSG_ADM_FOOTER);
	page_raw(x->r, "</div></footer>\n</body>\n</html>\n");
}

void
admin_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->content_type_out = NULL;
	req_header(r, "Location", "%s", location);
	req_header(r, "Cache-Control", "no-store");
}

void
admin_table_open(struct actx *x, enum msg label)
{
	/* A wide table scrolls inside its region, not the whole page. */
	page_raw(x->r, "<div class=\"table-wrap\" role=\"region\" "
	    "tabindex=\"0\" aria-label=\"");
	page_msg(x->r, x->l, label);
	page_raw(x->r, "\">\n<table class=\"table\">\n");
}

void
admin_table_close(struct actx *x)
{
	page_raw(x->r, "</table>\n</div>\n");
}

void
admin_pager(struct actx *x, const char *path,
    void (*query)(struct actx *, const void *, long long), const void *arg,
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
admin_th(struct actx *x, enum msg m)
{
	page_raw(x->r, "<th scope=\"col\">");
	page_msg(x->r, x->l, m);
	page_raw(x->r, "</th>");
}

void
admin_td(struct actx *x, const char *s)
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

long long
admin_id(const char *s, size_t len)
{
	long long	v = 0;
	size_t		i;

	if (len == 0 || len > 15 || s[0] == '0')
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* ---- checks --------------------------------------------------------------- */

int
admin_may(struct actx *x, enum cap c)
{
	if (role_may(x->role, c))
		return 1;
	/* Not the generic 403, which speaks of forms: this is the role. */
	buf_reset(x->r->hdr);
	buf_reset(x->r->body);
	x->r->status = 403;
	x->r->content_type_out = "text/html; charset=utf-8";
	admin_begin(x, msg(x->l, MSG_ADM_E403_TITLE), 1, ANAV_NONE);
	page_elem(x->r, "h1", x->l, MSG_ADM_E403_TITLE);
	page_elem(x->r, "p", x->l, MSG_ADM_E403_BODY);
	admin_end(x);
	return 0;
}

int
admin_post(struct actx *x)
{
	struct req	*r = x->r;
	const char	*body;
	size_t		 bodysz;
	enum parse_err	 pe;

	if (req_body(r, &body, &bodysz) == -1) {
		page_error(r, x->l, 400, NULL);
		return -1;
	}
	if (!(x->signed_in ?
	    csrf_ok_bound(admin_secret, SESSION_COOKIE, x->session, body,
	    bodysz) :
	    csrf_ok_bound(admin_secret, LOGIN_COOKIE,
	    admin_cookie(r, LOGIN_COOKIE), body, bodysz))) {
		page_error(r, x->l, 403, NULL);
		return -1;
	}
	pe = http_parse_urlencoded(r->a, body, bodysz, HTTP_MAX_FIELDS,
	    &x->in);
	if (pe != PARSE_OK) {
		page_error(r, x->l, pe == PARSE_NOMEM ? 500 : 400, NULL);
		return -1;
	}
	return 0;
}

int
admin_audit(struct actx *x, const char *action, const char *target,
    const char *detail)
{
	struct dbparam	p[5];

	p[0] = DBP_S(x->user != NULL ? x->user : "");
	p[1] = DBP_S(action);
	p[2] = DBP_S(target != NULL ? target : "");
	p[3] = DBP_S(detail != NULL ? detail : "");
	p[4] = DBP_S(x->r->remote_addr);
	return db_run(admin_db, DBQ_AUDIT_ADD, p, 5, NULL) == DB_OK ? 0 : -1;
}

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
 * The CSRF field of this page's forms.  Signed in: a MAC of the
 * session's token, so it changes with each sign-in and no cookie the
 * browser holds (the public site's csrf included) pairs with it.  On
 * the sign-in form: a MAC of a cookie of the console's own, set now if
 * the browser has none of the right shape.
 */
static void
admin_csrf_prepare(struct actx *x)
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

/*
 * Who is signed in: the session cookie's hash names a session that is
 * neither idle too long nor too old.  The session's last_seen moves on
 * at most once a minute, so reading pages costs few writes.
 */
static void
session_load(struct actx *x)
{
	const char	*c = admin_cookie(x->r, SESSION_COOKIE);
	unsigned char	 h[SESSION_HASH_LEN];
	struct dbparam	 p[1];
	struct dbtable	 t;
	long long	 sid;

	if (c == NULL || session_token_hash(c, h) == -1)
		return;
	p[0] = DBP_B(h, sizeof(h));
	if (db_table(admin_db, x->r->a, DBQ_SESSION_GET, p, 1, &t) == -1 ||
	    t.nrows != 1)
		return;
	if (role_parse(DBT(&t, 0, 2), &x->role) == -1)
		return;
	x->user_id = strtoll(DBT(&t, 0, 0), NULL, 10);
	x->user = DBT(&t, 0, 1);
	x->signed_in = 1;
	x->session = c;
	sid = strtoll(DBT(&t, 0, 3), NULL, 10);
	if (DBT(&t, 0, 4) != NULL && strcmp(DBT(&t, 0, 4), "1") == 0) {
		p[0] = DBP_I(sid);
		db_run(admin_db, DBQ_SESSION_TOUCH, p, 1, NULL);
	}
}

/* ---- routing -------------------------------------------------------------- */

enum aroute {
	AR_LOGIN,
	AR_LOGOUT,
	AR_DASHBOARD,
	AR_ENDORSEMENTS,
	AR_ENDORSEMENT,
	AR_STATUS,
	AR_EVENTS,
	AR_EXPORT,
	AR_AUDIT,
	AR_DOMAINS,
	AR_VERIFY_OFFICIAL,
	AR__MAX
};

static const char *const route_allow[AR__MAX] = {
	[AR_LOGIN] = "GET, HEAD, POST",
	[AR_LOGOUT] = "POST",
	[AR_DASHBOARD] = "GET, HEAD",
	[AR_ENDORSEMENTS] = "GET, HEAD",
	[AR_ENDORSEMENT] = "GET, HEAD",
	[AR_STATUS] = "POST",
	[AR_EVENTS] = "GET, HEAD, POST",
	[AR_EXPORT] = "GET, HEAD",
	[AR_AUDIT] = "GET, HEAD",
	[AR_DOMAINS] = "GET, HEAD, POST",
	[AR_VERIFY_OFFICIAL] = "POST",
};

static int
method_ok(const char *method, enum aroute rt)
{
	int	get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	int	post = strcmp(method, "POST") == 0;

	switch (rt) {
	case AR_LOGOUT:
	case AR_STATUS:
	case AR_VERIFY_OFFICIAL:
		return post;
	case AR_LOGIN:
	case AR_EVENTS:
	case AR_DOMAINS:
		return get || post;
	default:
		return get;
	}
}

/* The route of a path; -1 if none.  *id gets an endorsement's id. */
static int
route(const char *path, long long *id, enum export_kind *kind,
    enum export_fmt *fmt)
{
	const char	*rest, *slash;
	size_t		 len;
	int		 k, f;

	if (strcmp(path, "/admin/login") == 0)
		return AR_LOGIN;
	if (strcmp(path, "/admin/logout") == 0)
		return AR_LOGOUT;
	if (strcmp(path, "/admin/") == 0)
		return AR_DASHBOARD;
	if (strcmp(path, "/admin/endorsements") == 0)
		return AR_ENDORSEMENTS;
	if (strcmp(path, "/admin/events") == 0)
		return AR_EVENTS;
	if (strcmp(path, "/admin/audit") == 0)
		return AR_AUDIT;
	if (strcmp(path, "/admin/domains") == 0)
		return AR_DOMAINS;
	if (strcmp(path, "/admin/endorsements/verify-official") == 0)
		return AR_VERIFY_OFFICIAL;
	if (strncmp(path, "/admin/endorsements/", 20) == 0) {
		rest = path + 20;
		slash = strchr(rest, '/');
		len = slash ? (size_t)(slash - rest) : strlen(rest);
		if ((*id = admin_id(rest, len)) == -1)
			return -1;
		if (slash == NULL)
			return AR_ENDORSEMENT;
		return strcmp(slash, "/status") == 0 ? AR_STATUS : -1;
	}
	if (strncmp(path, "/admin/export/", 14) == 0) {
		rest = path + 14;
		for (k = 0; k < EXPORT__KIND; k++)
			for (f = 0; f < EXPORT__FMT; f++) {
				len = strlen(export_kind_names[k]);
				if (strncmp(rest, export_kind_names[k], len)
				    == 0 && rest[len] == '.' &&
				    strcmp(rest + len + 1,
				    export_fmt_names[f]) == 0) {
					*kind = (enum export_kind)k;
					*fmt = (enum export_fmt)f;
					return AR_EXPORT;
				}
			}
	}
	return -1;
}

static void
admin_handle(struct req *r)
{
	struct actx		 x;
	enum export_kind	 kind = EXPORT_ENDORSEMENTS;
	enum export_fmt		 fmt = EXPORT_CSV;
	long long		 id = 0;
	int			 rt, post;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.l = LANG_EN;
	rt = route(r->path, &id, &kind, &fmt);
	if (r->content_length > BODY_MAX) {
		page_error(r, x.l, 413, NULL);
		return;
	}
	if (rt != -1 && !method_ok(r->method, (enum aroute)rt)) {
		page_error(r, x.l, 405, route_allow[rt]);
		return;
	}
	post = strcmp(r->method, "POST") == 0;
	if (rt != -1 && post && !http_is_form_type(r->content_type)) {
		page_error(r, x.l, 415, NULL);
		return;
	}
	if (rt != AR_LOGIN)
		session_load(&x);
	/* Nothing but the login is shown, or even named, without a session. */
	if (rt != AR_LOGIN && !x.signed_in) {
		admin_redirect(r, "/admin/login");
		return;
	}
	if (rt == -1) {
		page_error(r, x.l, 404, NULL);
		return;
	}
	admin_csrf_prepare(&x);
	if (post && admin_post(&x) == -1)
		return;
	switch (rt) {
	case AR_LOGIN:
		if (post)
			login_post(&x);
		else
			login_get(&x);
		break;
	case AR_LOGOUT:
		logout_post(&x);
		break;
	case AR_DASHBOARD:
		dashboard_get(&x);
		break;
	case AR_ENDORSEMENTS:
		endorsements_get(&x);
		break;
	case AR_ENDORSEMENT:
		endorsement_get(&x, id);
		break;
	case AR_STATUS:
		endorsement_status_post(&x, id);
		break;
	case AR_EVENTS:
		if (post)
			events_post(&x);
		else
			events_get(&x);
		break;
	case AR_EXPORT:
		export_get(&x, kind, fmt);
		break;
	case AR_AUDIT:
		audit_get(&x);
		break;
	case AR_DOMAINS:
		if (post)
			domains_post(&x);
		else
			domains_get(&x);
		break;
	case AR_VERIFY_OFFICIAL:
		official_verify_post(&x);
		break;
	default:
		page_error(r, x.l, 404, NULL);
		break;
	}
}

static int
admin_worker_init(void)
{
	if ((admin_db = db_open(admincfg.db_path)) == NULL)
		return -1;
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
		page_error(r, LANG_EN, 503, NULL);
}

/*
 * No group commit here: each admin write commits (and syncs) on its own.
 * Admin traffic is light, and a sign-in's argon2id check (about 0.1 s)
 * must never run while a batch holds the write lock that the public
 * site's signatures wait for.
 */
const struct app admin_app = {
	"endorse-admin", admin_worker_init, admin_worker_fini, admin_serve,
	NULL, NULL, NULL, NULL, NULL
};
