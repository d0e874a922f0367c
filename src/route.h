/*
 * route.h: the router that endorse-web and endorse-admin share.  Each
 * program lists its whole surface in one table of struct route (its
 * site.c); route_handle walks it and runs DESIGN.md's "Rules for input
 * and output" in their order before any handler runs:
 *
 *	413 body too big, 405 (Allow from the table), 415 content type,
 *	303 no session, 403 role, 403 CSRF, 400 encoding or query,
 *	422 the form's fields, then the handler.
 *
 * A handler gets a struct ctx: the path's parts (a normalised receipt
 * code, a kiosk token, an id) and the route's parameters validated
 * against their field table.  It never reads the raw query, body or
 * cookies.  Include "config.h", "lang.h", "server.h" and "page.h"
 * first.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include "auth.h"
#include "token.h"
#include "valid.h"

/* The methods of a route.  M_GET takes HEAD too. */
#define M_GET		0x01
#define M_POST		0x02

/* What a POST must carry. */
#define R_CSRF		0x01	/* the csrf cookie and field: 403 without */
#define R_FORM_TOKEN	0x02	/* a form_token this site made: 422 else */
#define R_UUID_TOKEN	0x04	/* ... or a UUID (the kiosk's own script) */

/* A route anyone may use, without a session. */
#define CAP_PUBLIC	(-1)

struct ctx;

/*
 * The parameters of a route: the query of a GET, the form of a POST,
 * by the same field tables (valid.c).  A query in error is a 400; a form
 * in error is a 422 with the route's invalid page.  ui is NULL when the
 * fields are never shown again as a form (a query, a small admin form).
 * rules, if set, adds the errors that involve several fields.
 */
struct params {
	const struct fielddef	*defs;
	const struct fieldui	*ui;
	size_t			 n;
	void			(*rules)(struct ctx *);
};

/*
 * One row of a program's table.  path is literal but for the parts that
 * name something: %r a receipt code (any case, normalised), %t a kiosk
 * token, %i a positive id, %s any non-empty segment (in x->token, for
 * the handler to check); a part ends at the pattern's next character.
 * A path may have a row per method; Allow is every method of its rows.
 */
struct route {
	const char		*path;
	unsigned int		 methods;	/* M_GET, M_POST */
	const struct params	*params;	/* NULL: none */
	int			 cap;		/* enum cap, or CAP_PUBLIC */
	unsigned int		 flags;		/* R_CSRF ... */
	const char		*type;		/* the content type answered */
	void			(*handler)(struct ctx *);
	void			(*invalid)(struct ctx *);	/* the 422 */
	int			 arg;		/* the handler's own */
};

/* One request as a handler sees it.  Strings live in the request's arena. */
struct ctx {
	struct req		*r;
	enum lang		 l;
	const struct route	*route;
	/* The path's parts. */
	char			 code[RECEIPT_LEN + 1];	/* %r */
	const char		*token;			/* %t */
	long long		 id;			/* %i */
	/* route->params->n values, in the table's order; NULL if none. */
	struct fieldval		*v;
	/* A POST's fields as a form, with a message per error. */
	struct form		 form;
	/* The session, on a route that needs one. */
	int			 signed_in;
	long long		 session_id;
	const char		*session;	/* the session's token */
	long long		 user_id;
	const char		*user;
	enum role		 role;
	/* The csrf field for this page's forms (endorse-admin). */
	char			 csrf[B64_TOKEN_LEN + 1];
};

/* What a program gives the router besides its table. */
struct site {
	const struct route	*routes;
	size_t			 nroutes;
	const unsigned char	*secret;	/* CSRF and form-token MAC key */
	/*
	 * Where a request without a session goes (303), or NULL for a site
	 * without sessions.  With one, an unknown path is also a 303 for
	 * whoever is not signed in: nothing is named to a stranger.
	 */
	const char		*login;
	/* Fill x's session from the request; 0 if there is none. */
	int			(*session)(struct ctx *);
	/* 1 if x's role may do cap (a site with sessions only). */
	int			(*may)(const struct ctx *, int cap);
	/* The 403 of a role that may not. */
	void			(*forbidden)(struct ctx *);
	/* Once the session is settled, before the CSRF check; may be NULL. */
	void			(*begin)(struct ctx *);
	/*
	 * 1 if the POST's csrf field pairs with what it must (raw body, so
	 * that a malformed one is still a 403 first).  NULL: the site's
	 * csrf cookie (csrf_ok).
	 */
	int			(*csrf)(struct ctx *, const char *body,
				    size_t bodysz);
};

/* Answer the request: the checks, then the route's handler or invalid. */
void	route_handle(const struct site *, struct req *);
/*
 * The row for this path and method, with x's path parts filled; NULL if
 * none.  *allow gets the methods of every row of the path (0: no such
 * path).  For the tests and route_handle.
 */
const struct route *route_find(const struct site *, const char *path,
	    const char *method, struct ctx *x, unsigned int *allow);
/* "GET, HEAD, POST" for a set of methods, as Allow says it. */
const char *route_allow(unsigned int methods);
/*
 * An error on the request's path: one log line (the method, the route's
 * pattern, which holds no code or token, and the reason), then the
 * contract's error page for status.
 */
void	route_fail(struct ctx *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The same, for a page function that has the request but no ctx. */
void	req_fail(struct req *, enum lang, int status, const char *reason);
/* 303 See Other to a local path, never cached. */
void	route_redirect(struct ctx *, const char *location);
/* The value of field i of a valid form, or NULL if it was left empty. */
const char *ctx_value(const struct ctx *, size_t i);

#endif /* !ROUTE_H */
