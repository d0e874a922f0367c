/*
 * admin.h (issue 5): what the files of endorse-admin share: its
 * configuration, the request context every page gets (who is signed in,
 * in which role), the page frame and the helpers of the checks.
 * Include "config.h", "endorse.h", "db.h", "lang.h", "server.h" and
 * "page.h" first.
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

/* One request to the console. */
struct actx {
	struct req	*r;
	enum lang	 l;
	int		 signed_in;
	long long	 user_id;
	const char	*user;		/* the user's name */
	enum role	 role;
	const char	*session;	/* signed in: the session's token */
	struct kvlist	 in;		/* a POST's fields, after admin_post */
	/*
	 * For this page's forms: a MAC of the session's token, or before
	 * sign-in of the sign-in form's cookie (never the site's csrf).
	 */
	char		 csrf[B64_TOKEN_LEN + 1];
};

/* admin.c */
void	admin_begin(struct actx *, const char *title, int error, enum anav);
void	admin_end(struct actx *);
void	admin_redirect(struct req *, const char *location);
/*
 * The rest of DESIGN.md's checks of a POST once the route, the method,
 * the content type and the session are settled: CSRF 403, body 400.
 * 0 with x->in filled, or -1 with the error page written.
 */
int	admin_post(struct actx *);
/* 403 unless the signed-in role may: 1 if it may. */
int	admin_may(struct actx *, enum cap);
/* Append to the audit log, in the request's transaction if one is open. */
int	admin_audit(struct actx *, const char *action, const char *target,
	    const char *detail);
/* "2026-11-28T18:36:00Z" as "2026-11-28 18:36". */
const char *admin_when(struct arena *, const char *iso);
const char *admin_status_text(enum lang, const char *status);
/* A positive integer of at most 15 digits; -1 if s is not one. */
long long admin_id(const char *s, size_t len);
/* <table> in a scrollable region named by the message. */
void	admin_table_open(struct actx *, enum msg label);
void	admin_table_close(struct actx *);
void	admin_th(struct actx *, enum msg);
/*
 * "Previous", "page N of M", "Next" for a list at path; query writes the
 * (escaped) query string of a page of it after the '?'.
 */
void	admin_pager(struct actx *, const char *path,
	    void (*query)(struct actx *, const void *arg, long long page),
	    const void *arg, long long page, long long pages);
void	admin_td(struct actx *, const char *);

/* login.c */
void	login_get(struct actx *);
void	login_post(struct actx *);
void	logout_post(struct actx *);

/* dashboard.c */
void	dashboard_get(struct actx *);

/* endorsements.c */
void	endorsements_get(struct actx *);
void	endorsement_get(struct actx *, long long id);
void	endorsement_status_post(struct actx *, long long id);
/*
 * The list's filter from the query string: 0, or -1 if a value cannot
 * be a filter (the caller answers 400).  *page gets the page, from 1.
 */
int	admin_filter(struct actx *, struct efilter *, long long *page);

/* events.c */
void	events_get(struct actx *);
void	events_post(struct actx *);

/* exports.c */
void	export_get(struct actx *, enum export_kind, enum export_fmt);

/* domains.c: official domains, and verifying by them */
void	domains_get(struct actx *);
void	domains_post(struct actx *);
void	official_verify_post(struct actx *);

/* audit.c */
void	audit_get(struct actx *);

#endif /* !ADMIN_H */
