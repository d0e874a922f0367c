/*
 * routes.c: drives a program's router with fake requests, row by row of
 * its table, and checks DESIGN.md's answers and their order (see
 * routes.h).  The requests go through route_handle exactly as the
 * server's do; only libfcgi is left out (the body is handed over).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "routes.h"
#include "proof.h"

static char	scratch_dir[] = "/tmp/endorse-routes-XXXXXX";
static char	scratch_db[sizeof(scratch_dir) + 16];

const char *
db_scratch(void)
{
	unsigned char	 pk[SIGN_PK_LEN];
	char		 id[KEY_ID_LEN + 1], *kpath;
	struct db	*db;
	int		 from, to;

	assert_non_null(mkdtemp(scratch_dir));
	snprintf(scratch_db, sizeof(scratch_db), "%s/endorse.db", scratch_dir);
	assert_int_equal(db_migrate(scratch_db, &from, &to), 0);
	/* A signing key, as "endorsectl init" makes: receipts are signed. */
	kpath = sitekey_path(scratch_db);
	assert_non_null(kpath);
	assert_int_equal(sitekey_create(kpath, pk, id), 0);
	assert_non_null(db = db_open(scratch_db));
	assert_int_equal(db_key_add(db, pk, id), DB_OK);
	db_close(db);
	assert_int_equal(sitekey_install(kpath), 0);
	free(kpath);
	return scratch_db;
}

void
db_scratch_rm(void)
{
	char	path[sizeof(scratch_db) + 8];

	snprintf(path, sizeof(path), "%s-wal", scratch_db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", scratch_db);
	unlink(path);
	unlink(scratch_db);
	snprintf(path, sizeof(path), "%s/signing.key", scratch_dir);
	unlink(path);
	rmdir(scratch_dir);
}

void
fixture_endorsement(struct db *db, const unsigned char *secret,
    long long event, char code[RECEIPT_LEN + 1], long long *id)
{
	static int		n;
	static struct sitekey	key;
	struct endorsement	e;
	char			tok[FORM_TOKEN_LEN + 1];

	/* Receipts are signed: the scratch database's key signs these. */
	if (key.path == NULL) {
		key.path = sitekey_path(scratch_db);
		assert_int_equal(sitekey_refresh(&key), 1);
	}
	db_set_signer(db, &key);

	memset(&e, 0, sizeof(e));
	form_token_new(secret, tok);
	e.form_token = tok;
	memset(e.hash, ++n, sizeof(e.hash));
	e.full_name = "Ann Example";
	e.role = "mayor";
	e.role_other = e.region = e.organisation = "";
	e.government_level = "local";
	e.locality = "Mechelen";
	e.country = "BE";
	e.email = "ann@example.org";
	e.listed = 1;
	e.consent = 1;
	e.event_id = event;
	e.lang = "en";
	assert_int_equal(db_endorsement_add(db, &e), DB_OK);
	memcpy(code, e.receipt, RECEIPT_LEN + 1);
	if (id != NULL)
		*id = e.id;
}

/* The value of a header line of hdr ("Name: value\r\n"), or NULL. */
static const char *
header(struct arena *a, const struct buf *hdr, const char *name)
{
	const char	*p = hdr->p, *end = hdr->p + hdr->len, *eol;
	size_t		 n = strlen(name);

	while (p != NULL && p < end) {
		eol = memchr(p, '\r', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if ((size_t)(eol - p) > n + 1 && strncmp(p, name, n) == 0 &&
		    p[n] == ':')
			return arena_strndup(a, p + n + 2,
			    (size_t)(eol - p) - n - 2);
		p = eol + 2;
	}
	return NULL;
}

struct answer
fake_request(const struct rtest *t, struct arena *a, const char *method,
    const char *target, const char *ctype, const char *cookies,
    const char *body)
{
	struct req	 r;
	struct buf	 hdr, out;
	struct answer	 ans;
	const char	*q = strchr(target, '?');

	memset(&r, 0, sizeof(r));
	memset(&hdr, 0, sizeof(hdr));
	memset(&out, 0, sizeof(out));
	r.a = a;
	r.hdr = &hdr;
	r.body = &out;
	r.method = method;
	r.path = q != NULL ? arena_strndup(a, target, (size_t)(q - target)) :
	    target;
	r.query = q != NULL ? q + 1 : "";
	r.content_type = ctype != NULL ? ctype : "";
	r.accept_language = "";
	r.remote_addr = "127.0.0.1";
	r.content_length = body != NULL ? (long long)strlen(body) : 0;
	r.body_in = body;
	http_parse_cookies(a, cookies != NULL ? cookies : "", &r.cookies);
	r.args_err = http_parse_query(a, r.query, strlen(r.query),
	    HTTP_MAX_FIELDS, &r.args);
	r.status = 200;
	r.content_type_out = "text/html; charset=utf-8";
	route_handle(t->site, &r);
	/* A write left for later runs as the server runs it, after the
	 * batch's handlers. */
	if (r.deferred != NULL)
		r.deferred(&r);
	ans.status = r.status;
	ans.allow = header(a, &hdr, "Allow");
	ans.location = header(a, &hdr, "Location");
	ans.body = out.len > 0 ? arena_strndup(a, out.p, out.len) : "";
	buf_free(&hdr);
	buf_free(&out);
	return ans;
}

const char *
subst(const struct rtest *t, struct arena *a, const char *s)
{
	struct buf	 b;
	const char	*end, *v;
	char		 name[32];

	memset(&b, 0, sizeof(b));
	while (*s != '\0') {
		if (*s == '{' && (end = strchr(s, '}')) != NULL &&
		    (size_t)(end - s) < sizeof(name)) {
			snprintf(name, sizeof(name), "%.*s",
			    (int)(end - s - 1), s + 1);
			v = t->var(a, name);
			assert_non_null(v);
			buf_puts(&b, v);
			s = end + 1;
		} else
			buf_putc(&b, *s++);
	}
	v = arena_strdup(a, b.len > 0 ? buf_cstr(&b) : "");
	buf_free(&b);
	return v;
}

static const struct route *
route_of(const struct rtest *t, const struct trow *row)
{
	size_t	i;

	for (i = 0; i < t->site->nroutes; i++)
		if ((t->site->routes[i].methods & row->method) &&
		    strcmp(t->site->routes[i].path, row->pattern) == 0)
			return &t->site->routes[i];
	return NULL;
}

void
check_coverage(void **state)
{
	const struct rtest	*t = *state;
	const struct route	*rt;
	size_t			 i, j, k, missing = 0;
	unsigned int		 bits[2] = { M_GET, M_POST };

	for (i = 0; i < t->site->nroutes; i++) {
		rt = &t->site->routes[i];
		for (k = 0; k < 2; k++) {
			if (!(rt->methods & bits[k]))
				continue;
			for (j = 0; j < t->nrows; j++)
				if (t->rows[j].method == bits[k] &&
				    strcmp(t->rows[j].pattern, rt->path) == 0)
					break;
			if (j == t->nrows) {
				print_error("no test row for %s %s\n",
				    bits[k] == M_GET ? "GET" : "POST",
				    rt->path);
				missing++;
			}
		}
	}
	for (j = 0; j < t->nrows; j++)
		if (route_of(t, &t->rows[j]) == NULL) {
			print_error("test row for no route: %s\n",
			    t->rows[j].pattern);
			missing++;
		}
	assert_int_equal(missing, 0);
}

/* How a request of a row is sent. */
enum csrf_mode {
	CSRF_GOOD,
	CSRF_NO_COOKIE,
	CSRF_WRONG,
	CSRF_NO_FIELD,
	CSRF_TWICE
};

#define NO_SESSION	(-1)

/*
 * A request of row with these parameters (a query or a body without its
 * csrf pair, substituted already), as role (NO_SESSION: none).
 */
static struct answer
send_row(const struct rtest *t, struct arena *a, const struct trow *row,
    const char *method, int role, enum csrf_mode csrf, const char *ctype,
    const char *params)
{
	const char	*cookies = "", *token = NULL, *cookie, *field, *path;
	const char	*body = NULL;
	int		 post = strcmp(method, "POST") == 0;

	if (role != NO_SESSION)
		cookies = t->session(a, (enum role)role, &token);
	t->csrf(a, token, csrf == CSRF_WRONG, &cookie, &field);
	if (cookie != NULL && csrf != CSRF_NO_COOKIE)
		cookies = arena_printf(a, "%s%s%s", cookies,
		    *cookies ? "; " : "", cookie);
	path = subst(t, a, row->path);
	if (post) {
		body = csrf == CSRF_NO_FIELD ? params :
		    arena_printf(a, "csrf=%s&%s", field, params);
		if (csrf == CSRF_TWICE)
			body = arena_printf(a, "csrf=%s&%s", field, body);
	} else if (*params != '\0')
		path = arena_printf(a, "%s?%s", path, params);
	return fake_request(t, a, method, path, post && ctype == NULL ?
	    "application/x-www-form-urlencoded" : ctype, cookies, body);
}

static const char *
mname(const struct trow *row)
{
	return row->method == M_GET ? "GET" : "POST";
}

/*
 * What a good request answers: a POST that stores something 303s to
 * what it stored; /verify stores nothing and answers its verdict; the
 * lists' version for nginx is a header and no body.
 */
static int
good_status(const struct trow *row)
{
	if (strcmp(row->pattern, "/opendata-version") == 0)
		return 204;
	if (row->method != M_POST || strcmp(row->pattern, "/verify") == 0)
		return 200;
	return 303;
}

/* The role a good request is sent as. */
static int
good_role(const struct trow *row)
{
	return row->cap == CAP_PUBLIC ? NO_SESSION : ROLE_ADMIN;
}

static void
expect(const struct trow *row, const char *what, struct answer ans,
    int status)
{
	if (ans.status != status) {
		print_error("%s %s (%s): %s: %d, not %d\n", mname(row),
		    row->pattern, row->path, what, ans.status, status);
		fail();
	}
}

void
check_good(void **state)
{
	const struct rtest	*t = *state;
	struct arena	*a = arena_new(0);
	struct answer	 ans;
	size_t		 i;

	for (i = 0; i < t->nrows; i++) {
		ans = send_row(t, a, &t->rows[i], mname(&t->rows[i]),
		    good_role(&t->rows[i]), CSRF_GOOD, NULL,
		    subst(t, a, t->rows[i].good));
		expect(&t->rows[i], "a good request", ans,
		    good_status(&t->rows[i]));
		arena_reset(a);
	}
	arena_free(a);
}

/* 1 if method is a word of the Allow list. */
static int
allows(const char *allow, const char *method)
{
	size_t	n = strlen(method);

	while (*allow != '\0') {
		if (strncmp(allow, method, n) == 0 &&
		    (allow[n] == ',' || allow[n] == '\0'))
			return 1;
		allow += strcspn(allow, ",");
		allow += strspn(allow, ", ");
	}
	return 0;
}

void
check_405(void **state)
{
	const struct rtest	*t = *state;
	static const char *const methods[] = {
		"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"
	};
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	struct answer		 ans;
	size_t			 i, m;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		for (m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
			if (allows(row->allow, methods[m]))
				continue;
			/* Before the type, the session and the CSRF check. */
			ans = send_row(t, a, row, methods[m], NO_SESSION,
			    CSRF_NO_COOKIE, "text/plain", "");
			expect(row, methods[m], ans, 405);
			assert_non_null(ans.allow);
			assert_string_equal(ans.allow, row->allow);
			arena_reset(a);
		}
	}
	arena_free(a);
}

void
check_413(void **state)
{
	const struct rtest	*t = *state;
	struct arena	*a = arena_new(0);
	char		*big = calloc(1, BODY_MAX + 2);
	size_t		 i;

	assert_non_null(big);
	memset(big, 'a', BODY_MAX + 1);
	for (i = 0; i < t->nrows; i++) {
		/* Before anything: no session, no CSRF, not even a type. */
		expect(&t->rows[i], "a body over 64 KiB", fake_request(t, a,
		    mname(&t->rows[i]), subst(t, a, t->rows[i].path),
		    "text/plain", "", big), 413);
		arena_reset(a);
	}
	free(big);
	arena_free(a);
}

void
check_415(void **state)
{
	const struct rtest	*t = *state;
	static const char *const types[] = {
		"", "text/plain", "multipart/form-data; boundary=x",
		"application/x-www-form-urlencoded; charset=latin1",
		"application/json"
	};
	struct arena	*a = arena_new(0);
	size_t		 i, k;

	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].method != M_POST)
			continue;
		/* Before the session and the CSRF check. */
		for (k = 0; k < sizeof(types) / sizeof(types[0]); k++)
			expect(&t->rows[i], types[k], send_row(t, a,
			    &t->rows[i], "POST", NO_SESSION, CSRF_NO_COOKIE,
			    types[k], subst(t, a, t->rows[i].good)), 415);
		/* charset=utf-8 is fine. */
		expect(&t->rows[i], "charset=utf-8", send_row(t, a,
		    &t->rows[i], "POST", good_role(&t->rows[i]), CSRF_GOOD,
		    "application/x-www-form-urlencoded; charset=UTF-8",
		    subst(t, a, t->rows[i].good)), good_status(&t->rows[i]));
		arena_reset(a);
	}
	arena_free(a);
}

void
check_session(void **state)
{
	const struct rtest	*t = *state;
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	struct answer		 ans;
	size_t			 i;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->cap == CAP_PUBLIC)
			continue;
		/* Before the CSRF check: a bad pair is still a 303. */
		ans = send_row(t, a, row, mname(row), NO_SESSION,
		    CSRF_WRONG, NULL, subst(t, a, row->good));
		expect(row, "no session", ans, 303);
		assert_non_null(ans.location);
		assert_string_equal(ans.location, t->site->login);
		arena_reset(a);
	}
	arena_free(a);
}

void
check_role(void **state)
{
	const struct rtest	*t = *state;
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	int			 role;
	size_t			 i;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		assert_int_equal(route_of(t, row)->cap, row->cap);
		if (row->cap == CAP_PUBLIC)
			continue;
		for (role = 0; role < ROLE__MAX; role++) {
			if (role_may((enum role)role, (enum cap)row->cap))
				continue;
			expect(row, role_names[role], send_row(t, a, row,
			    mname(row), role, CSRF_GOOD, NULL,
			    subst(t, a, row->good)), 403);
			arena_reset(a);
		}
	}
	arena_free(a);
}

void
check_csrf(void **state)
{
	const struct rtest	*t = *state;
	static const struct {
		enum csrf_mode	 mode;
		const char	*what;
	} bad[] = {
		{ CSRF_NO_COOKIE, "no csrf cookie" },
		{ CSRF_WRONG, "a csrf field of another cookie" },
		{ CSRF_NO_FIELD, "no csrf field" },
		{ CSRF_TWICE, "the csrf field twice" },
	};
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	const char		*token = NULL, *cookie, *field;
	size_t			 i, k;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->method != M_POST)
			continue;
		assert_true(route_of(t, row)->flags & R_CSRF);
		if (good_role(row) != NO_SESSION)
			(void)t->session(a, (enum role)good_role(row), &token);
		t->csrf(a, good_role(row) != NO_SESSION ? token : NULL, 0,
		    &cookie, &field);
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			/* A field bound to the session has no cookie to drop. */
			if (bad[k].mode == CSRF_NO_COOKIE && cookie == NULL)
				continue;
			expect(row, bad[k].what, send_row(t, a, row, "POST",
			    good_role(row), bad[k].mode, NULL,
			    subst(t, a, row->good)), 403);
		}
		arena_reset(a);
	}
	arena_free(a);
}

void
check_400(void **state)
{
	const struct rtest	*t = *state;
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	struct buf		 many;
	size_t			 i, k;

	memset(&many, 0, sizeof(many));
	for (k = 0; k < HTTP_MAX_FIELDS + 1; k++)
		buf_printf(&many, "%sf%zu=1", k ? "&" : "", k);
	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->method == M_GET && route_of(t, row)->params == NULL)
			continue;
		expect(row, "a broken escape", send_row(t, a, row, mname(row),
		    good_role(row), CSRF_GOOD, NULL, arena_printf(a,
		    "%s&x=%%zz", subst(t, a, row->good))), 400);
		expect(row, "over 200 fields", send_row(t, a, row, mname(row),
		    good_role(row), CSRF_GOOD, NULL, buf_cstr(&many)), 400);
		arena_reset(a);
	}
	buf_free(&many);
	arena_free(a);
}

/* params without any pair named name. */
static const char *
without(struct arena *a, const char *params, const char *name)
{
	struct buf	 b;
	const char	*p = params, *amp, *out;
	size_t		 len, n = strlen(name);

	memset(&b, 0, sizeof(b));
	while (*p != '\0') {
		amp = strchr(p, '&');
		len = amp != NULL ? (size_t)(amp - p) : strlen(p);
		if (!(len >= n && strncmp(p, name, n) == 0 &&
		    (len == n || p[n] == '='))) {
			if (b.len > 0)
				buf_putc(&b, '&');
			buf_put(&b, p, len);
		}
		p += len;
		if (*p == '&')
			p++;
	}
	out = arena_strdup(a, b.len > 0 ? buf_cstr(&b) : "");
	buf_free(&b);
	return out;
}

/* Values that a field of this definition must refuse (URL-encoded). */
static size_t
bad_values(struct arena *a, const struct fielddef *d, const char **out)
{
	size_t	n = 0;
	char	*longv;

	if (d->type == FT_CHECKBOX)
		return 0;
	out[n++] = "%00";
	out[n++] = "%FF%FE";
	/* A password is taken as typed: any text, within its limit. */
	if (d->type != FT_PASSWORD)
		out[n++] = "a%01b";
	if (d->type != FT_MULTILINE && d->type != FT_PASSWORD)
		out[n++] = "a%0Ab";
	if (d->type == FT_TEXT || d->type == FT_EMAIL)
		out[n++] = "a%E2%80%AEb";
	if (d->maxchars > 0 && (d->type == FT_TEXT ||
	    d->type == FT_MULTILINE || d->type == FT_TOKEN ||
	    d->type == FT_PASSWORD)) {
		longv = arena_calloc(a, d->maxchars + 2, 1);
		memset(longv, 'a', d->maxchars + 1);
		out[n++] = longv;
	}
	switch (d->type) {
	case FT_CHOICE:
		out[n++] = "no-such-choice";
		break;
	case FT_EMAIL:
		out[n++] = "no-at-sign";
		break;
	case FT_COUNTRY:
		out[n++] = "XX";
		out[n++] = "be";
		break;
	case FT_DATE:
		out[n++] = "2026-02-30";
		break;
	case FT_SDG:
		out[n++] = "banana";
		break;
	case FT_SIGNATURE:
		out[n++] = "1,2;";
		break;
	case FT_TOKEN:
		out[n++] = "forged.token";
		break;
	case FT_ID:
		out[n++] = "0";
		out[n++] = "abc";
		out[n++] = "-5";
		out[n++] = "1e3";
		break;
	default:
		break;
	}
	return n;
}

void
check_fields(void **state)
{
	const struct rtest	*t = *state;
	struct arena		*a = arena_new(0);
	const struct trow	*row;
	const struct params	*p;
	const char		*bad[24], *rest, *good;
	size_t			 i, k, f, n;
	int			 status;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if ((p = route_of(t, row)->params) == NULL)
			continue;
		status = row->method == M_POST ? 422 : 400;
		for (f = 0; f < p->n; f++) {
			good = subst(t, a, row->good);
			rest = without(a, good, p->defs[f].name);
			n = bad_values(a, &p->defs[f], bad);
			for (k = 0; k < n; k++)
				expect(row, arena_printf(a, "%s=%s",
				    p->defs[f].name, bad[k]), send_row(t, a,
				    row, mname(row), good_role(row), CSRF_GOOD,
				    NULL, arena_printf(a, "%s&%s=%s", rest,
				    p->defs[f].name, bad[k])), status);
			expect(row, arena_printf(a, "%s twice",
			    p->defs[f].name), send_row(t, a, row, mname(row),
			    good_role(row), CSRF_GOOD, NULL, arena_printf(a,
			    "%s&%s=1&%s=1", rest, p->defs[f].name,
			    p->defs[f].name)), status);
			if (p->defs[f].flags & FF_REQUIRED)
				expect(row, arena_printf(a, "no %s",
				    p->defs[f].name), send_row(t, a, row,
				    mname(row), good_role(row), CSRF_GOOD, NULL,
				    rest), status);
			arena_reset(a);
		}
	}
	arena_free(a);
}
