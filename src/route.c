/*
 * route.c: the router of endorse-web and endorse-admin (see route.h).
 * The checks run here, once, in DESIGN.md's order, so that no handler
 * can forget one: a handler is only ever called for a request that
 * passed them all, with its parameters already typed and checked.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "auth.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"

/* A positive id of at most 15 digits, no leading zero; -1 if not one. */
static long long
path_id(const char *s, size_t len)
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

/* One %-part of a path, checked and kept in x; -1 if it is not one. */
static int
capture(struct ctx *x, char kind, const char *s, size_t len)
{
	char	*tok;

	switch (kind) {
	case 'r':
		return receipt_normalise(s, len, x->code);
	case 't':
		if ((tok = arena_strndup(x->r->a, s, len)) == NULL ||
		    !kiosk_token_ok(tok))
			return -1;
		x->token = tok;
		return 0;
	case 'i':
		return (x->id = path_id(s, len)) == -1 ? -1 : 0;
	case 's':
		/* Any segment, checked by the handler (which can say more
		 * about a mistyped link than the router's 404). */
		if (len == 0 || (tok = arena_strndup(x->r->a, s, len)) == NULL)
			return -1;
		x->token = tok;
		return 0;
	default:
		return -1;
	}
}

/* 1 if path has the shape of pattern pat, with its parts kept in x. */
static int
path_match(const char *pat, const char *path, struct ctx *x)
{
	size_t	len;

	while (*pat != '\0') {
		if (pat[0] == '%' && pat[1] != '\0') {
			/* A part runs to the pattern's next character. */
			len = 0;
			while (path[len] != '\0' && path[len] != '/' &&
			    path[len] != pat[2])
				len++;
			if (capture(x, pat[1], path, len) == -1)
				return 0;
			pat += 2;
			path += len;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

static unsigned int
method_bit(const char *method)
{
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return M_GET;
	if (strcmp(method, "POST") == 0)
		return M_POST;
	return 0;
}

const struct route *
route_find(const struct site *s, const char *path, const char *method,
    struct ctx *x, unsigned int *allow)
{
	const struct route	*found = NULL;
	unsigned int		 m = method_bit(method);
	size_t			 i;

	*allow = 0;
	for (i = 0; i < s->nroutes; i++) {
		if (!path_match(s->routes[i].path, path, x))
			continue;
		*allow |= s->routes[i].methods;
		if (found == NULL && (s->routes[i].methods & m))
			found = &s->routes[i];
	}
	/* The parts again, for the row found (rows of a path agree). */
	if (found != NULL)
		(void)path_match(found->path, path, x);
	return found;
}

const char *
route_allow(unsigned int methods)
{
	if ((methods & M_GET) && (methods & M_POST))
		return "GET, HEAD, POST";
	if (methods & M_GET)
		return "GET, HEAD";
	return "POST";
}

void
req_fail(struct req *r, enum lang l, int status, const char *reason)
{
	logmsg("%s %s: %d: %s", r->method, r->route != NULL ? r->route :
	    "(no route)", status, reason);
	page_error(r, l, status, NULL);
}

void
route_fail(struct ctx *x, int status, const char *fmt, ...)
{
	char	reason[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	req_fail(x->r, x->l, status, reason);
}

void
route_redirect(struct ctx *x, const char *location)
{
	x->r->status = 303;
	x->r->content_type_out = NULL;
	req_header(x->r, "Location", "%s", location);
	req_header(x->r, "Cache-Control", "no-store");
}

const char *
ctx_value(const struct ctx *x, size_t i)
{
	if (x->v == NULL || !x->v[i].present || x->v[i].valuesz == 0)
		return NULL;
	return x->v[i].value;
}

/*
 * A POST's body, after the session: read in full (400 if short), the
 * CSRF pair (403), then decoded (400).  0 with the fields in *in.
 */
static int
post_body(const struct site *s, struct ctx *x, struct kvlist *in)
{
	struct req	*r = x->r;
	const char	*body;
	size_t		 bodysz, nlang;
	enum parse_err	 pe;
	const struct kv	*kv;

	if (req_body(r, &body, &bodysz) == -1) {
		page_error(r, x->l, 400, NULL);
		return -1;
	}
	if ((x->route->flags & R_CSRF) && !(s->csrf != NULL ?
	    s->csrf(x, body, bodysz) : csrf_ok(r, s->secret, body, bodysz))) {
		page_error(r, x->l, 403, NULL);
		return -1;
	}
	pe = http_parse_urlencoded(r->a, body, bodysz, HTTP_MAX_FIELDS, in);
	if (pe == PARSE_NOMEM) {
		route_fail(x, 500, "out of memory decoding the body");
		return -1;
	}
	if (pe != PARSE_OK) {
		page_error(r, x->l, 400, NULL);
		return -1;
	}
	/* The form's lang (the page it was sent from) answers it. */
	kv = kvlist_get(in, "lang", &nlang);
	if (kv != NULL && nlang == 1 && kv->valuesz == 2)
		(void)lang_parse(kv->value, 2, &x->l);
	return 0;
}

/*
 * The route's parameters through their field table.  A query in error
 * is a 400; a form in error a 422 with the route's invalid page.  0 if
 * every value is good.
 */
static int
check_params(const struct site *s, struct ctx *x, const struct kvlist *in,
    int post)
{
	const struct params	*p = x->route->params;
	struct fieldval		*v;
	size_t			 i, nerr = 0;

	if ((v = arena_calloc(x->r->a, p->n, sizeof(*v))) == NULL ||
	    valid_form(x->r->a, p->defs, p->n, in, v) < 0) {
		route_fail(x, 500, "out of memory checking the fields");
		return -1;
	}
	x->v = v;
	for (i = 0; i < p->n; i++) {
		/* A form token must be one this site (or the kiosk) made. */
		if (p->defs[i].type == FT_TOKEN && v[i].err == VERR_OK &&
		    v[i].present && !form_token_check(s->secret, v[i].value) &&
		    !((x->route->flags & R_UUID_TOKEN) &&
		    token_is_uuid(v[i].value)))
			v[i].err = VERR_TOKEN;
		if (v[i].err != VERR_OK)
			nerr++;
	}
	if (!post) {
		if (nerr > 0)
			page_error(x->r, x->l, 400, NULL);
		return nerr > 0 ? -1 : 0;
	}
	if (p->ui != NULL) {
		if (form_init(&x->form, x->r, x->l, p->defs, p->ui, p->n,
		    v) == -1) {
			route_fail(x, 500, "out of memory for the messages");
			return -1;
		}
	} else {
		x->form.r = x->r;
		x->form.lang = x->l;
		x->form.vals = v;
		x->form.nerrs = nerr;
	}
	if (p->rules != NULL)
		p->rules(x);
	if (x->form.nerrs == 0)
		return 0;
	x->r->status = 422;
	x->route->invalid(x);
	return -1;
}

/* No session: 303 to the login; a role that may not: 403.  0 if it may. */
static int
check_session(const struct site *s, struct ctx *x)
{
	if (s->session == NULL || !s->session(x)) {
		route_redirect(x, s->login);
		return -1;
	}
	if (x->route != NULL && !s->may(x, x->route->cap)) {
		s->forbidden(x);
		return -1;
	}
	return 0;
}

void
route_handle(const struct site *s, struct req *r)
{
	struct ctx		 x;
	struct kvlist		 in;
	unsigned int		 allow;
	int			 post = strcmp(r->method, "POST") == 0;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.l = page_lang(r, NULL, page_secure);
	if (r->content_length > BODY_MAX) {
		page_error(r, x.l, 413, NULL);
		return;
	}
	x.route = route_find(s, r->path, r->method, &x, &allow);
	if (allow == 0) {
		if (s->login != NULL && check_session(s, &x) == -1)
			return;
		page_error(r, x.l, 404, NULL);
		return;
	}
	if (x.route == NULL) {
		page_error(r, x.l, 405, route_allow(allow));
		return;
	}
	r->route = x.route->path;
	if (post && !http_is_form_type(r->content_type)) {
		page_error(r, x.l, 415, NULL);
		return;
	}
	if (x.route->cap != CAP_PUBLIC && check_session(s, &x) == -1)
		return;
	if (s->begin != NULL)
		s->begin(&x);
	memset(&in, 0, sizeof(in));
	if (post && post_body(s, &x, &in) == -1)
		return;
	if (x.route->params != NULL) {
		if (!post && r->args_err != PARSE_OK) {
			page_error(r, x.l, 400, NULL);
			return;
		}
		if (check_params(s, &x, post ? &in : &r->args, post) == -1)
			return;
	}
	r->content_type_out = x.route->type;
	x.route->handler(&x);
}
