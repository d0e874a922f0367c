/*
 * admin.h: what the files of endorse-admin share: its configuration,
 * its route table, the page frame and the helpers of its pages.  A page
 * gets a struct ctx (route.h): who is signed in, in which role, and the
 * route's checked parameters.  Include "config.h", "db.h", "lang.h",
 * "server.h", "page.h" and "route.h" first.
 */
#ifndef ADMIN_H
#define ADMIN_H

extern struct progcfg	 admincfg;
extern const struct app	 admin_app;

/* Per worker, opened by the worker's init. */
extern struct db	*admin_db;
extern unsigned char	 admin_secret[SECRET_LEN];

/*
 * The console's cookies, by base name: the session, and the sign-in
 * form's CSRF cookie.  On an https base URL they carry the __Host- prefix,
 * which the browser accepts only with Secure, Path=/ and no Domain, so
 * no neighbouring host can plant or shadow them; on http they are kept to
 * /admin/.
 */
#define SESSION_COOKIE	"admin_session"
#define LOGIN_COOKIE	"admin_login"
/* The cookie's value as the browser sent it, or NULL. */
const char *admin_cookie(struct req *, const char *name);
/* Set-Cookie for it (HttpOnly, SameSite=Strict); value NULL: remove it. */
void	admin_cookie_set(struct req *, const char *name, const char *value);
/* Load the session the browser holds into x: 1, or 0 if none is live. */
int	admin_session(struct ctx *);
#define PAGE_SIZE	50	/* rows a page of a list */

/* Where a page sits in the console's navigation. */
enum anav {
	ANAV_NONE = 0,
	ANAV_DASHBOARD,
	ANAV_ENDORSEMENTS,
	ANAV_EVENTS,
	ANAV_AUDIT,
	ANAV_DOMAINS
};

/* site.c: the table, the session, the frame */
void	admin_begin(struct ctx *, const char *title, int error, enum anav);
void	admin_end(struct ctx *);
/* Append to the audit log, in the request's transaction if one is open. */
int	admin_audit(struct ctx *, const char *action, const char *target,
	    const char *detail);
/* "2026-11-28T18:36:00Z" as "2026-11-28 18:36". */
const char *admin_when(struct arena *, const char *iso);
const char *admin_status_text(enum lang, const char *status);
/* <table> in a scrollable region named by the message. */
void	admin_table_open(struct ctx *, enum msg label);
void	admin_table_close(struct ctx *);
void	admin_th(struct ctx *, enum msg);
/*
 * "Previous", "page N of M", "Next" for a list at path; query writes the
 * (escaped) query string of a page of it after the '?'.
 */
void	admin_pager(struct ctx *, const char *path,
	    void (*query)(struct ctx *, const void *arg, long long page),
	    const void *arg, long long page, long long pages);
void	admin_td(struct ctx *, const char *);

extern const struct route	admin_routes[];
extern const struct site	admin_site;

/* login.c */
extern const struct params	login_params;
void	login_get(struct ctx *);
void	login_post(struct ctx *);
void	login_invalid(struct ctx *);
void	logout_post(struct ctx *);

/* dashboard.c */
void	dashboard_get(struct ctx *);

/* endorsements.c */
/* The list's query, also the exports': search, filters, page. */
extern const struct params	filter_params;
extern const struct params	status_params;
void	endorsements_get(struct ctx *);
void	endorsement_get(struct ctx *);
void	status_post(struct ctx *);
void	status_invalid(struct ctx *);
/* The list's filter from its checked query; *page from 1. */
void	admin_filter(const struct ctx *, struct efilter *, long long *page);
/*
 * The exports' query (export_params): the list's filters, then since
 * and lang; admin_export_query gives the export's own values, to check
 * with export_query_check.
 */
extern const struct params	export_params;
struct export_query;
void	admin_export_query(const struct ctx *, struct export_query *);

/* events.c */
extern const struct params	events_params;
void	events_get(struct ctx *);
void	events_post(struct ctx *);
void	events_invalid(struct ctx *);

/* download.c: the route's arg is kind * EXPORT__FMT + format. */
void	export_get(struct ctx *);
/* Remove the XLSX temporary files that a dead worker left. */
void	export_sweep(void);

/* domains.c: official domains, and verifying by them */
extern const struct params	domains_params;
void	domains_get(struct ctx *);
void	domains_post(struct ctx *);
void	domains_invalid(struct ctx *);
void	official_verify_post(struct ctx *);

/* audit.c */
extern const struct params	audit_params;
void	audit_get(struct ctx *);

#endif /* !ADMIN_H */
