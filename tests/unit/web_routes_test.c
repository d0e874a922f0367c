/*
 * web_routes_test.c: endorse-web's route table through the router, a
 * fake request at a time, with a real database (a scratch file): every
 * row answers 405 with its Allow, 413, 415, 403 on a bad CSRF pair, 400
 * on broken encoding, and 400 or 422 on each bad form of each of its
 * parameters; and every route has its test row here.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <unistd.h>

#include "arena.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"
#include "routes.h"

struct progcfg	webcfg;

#define PUB	CAP_PUBLIC
#define SIGNER "full_name=Ann+Example&role=mayor&government_level=" \
	"local&locality=Mechelen&country=BE&email=ann%40example.org&" \
	"consent=yes&listed=yes"
#define ENDORSEMENT SIGNER "&form_token={T}"

static const struct trow rows[] = {
	{ M_GET, "/", "/", "GET, HEAD", PUB, "" },
	{ M_GET, "/endorse", "/endorse", "GET, HEAD, POST", PUB, "" },
	{ M_POST, "/endorse", "/endorse", "GET, HEAD, POST", PUB,
	    ENDORSEMENT },
	{ M_GET, "/healthz", "/healthz", "GET, HEAD", PUB, "" },
	{ M_GET, "/opendata-version", "/opendata-version", "GET, HEAD", PUB,
	    "" },
	{ M_GET, "/signatories", "/signatories", "GET, HEAD", PUB,
	    "country=BE&continent=europe&before=100" },
	{ M_GET, "/commitments", "/commitments", "GET, HEAD", PUB,
	    "country=BE&continent=europe&area=work&status=planned&before=9" },
	{ M_GET, "/signatories.csv", "/signatories.csv", "GET, HEAD", PUB,
	    "country=BE&continent=europe" },
	{ M_GET, "/signatories.json", "/signatories.json", "GET, HEAD", PUB,
	    "continent=asia" },
	{ M_GET, "/commitments.csv", "/commitments.csv", "GET, HEAD", PUB,
	    "country=BE&area=work&status=planned" },
	{ M_GET, "/commitments.json", "/commitments.json", "GET, HEAD", PUB,
	    "continent=europe&area=work" },
	{ M_GET, "/receipt/%r", "/receipt/{E}", "GET, HEAD", PUB, "" },
	{ M_GET, "/receipt/%r.svg", "/receipt/{e}.svg", "GET, HEAD", PUB, "" },
	{ M_GET, "/receipt/%r.png", "/receipt/{C}.png", "GET, HEAD", PUB, "" },
	{ M_POST, "/receipt/%r/commitments", "/receipt/{E}/commitments",
	    "POST", PUB, "area=work&title=Jobs&description=More+jobs&"
	    "status=planned&target_date=2030-12-31&sdg=10.7&form_token={T}" },
	{ M_POST, "/receipt/%r/updates", "/receipt/{C}/updates", "POST", PUB,
	    "status=achieved&narrative=Done&form_token={T}" },
	{ M_GET, "/receipt/%r/withdraw", "/receipt/{W}/withdraw",
	    "GET, HEAD, POST", PUB, "" },
	{ M_POST, "/receipt/%r/withdraw", "/receipt/{W}/withdraw",
	    "GET, HEAD, POST", PUB, "confirm=yes" },
	{ M_GET, "/kiosk/%t", "/kiosk/{K}", "GET, HEAD, POST", PUB, "" },
	{ M_POST, "/kiosk/%t", "/kiosk/{K}", "GET, HEAD, POST", PUB,
	    ENDORSEMENT },
	{ M_GET, "/kiosk/%t/done/%r", "/kiosk/{K}/done/{KE}", "GET, HEAD",
	    PUB, "" },
	{ M_GET, "/receipt/%r.receipt", "/receipt/{E}.receipt", "GET, HEAD",
	    PUB, "" },
	{ M_GET, "/verify", "/verify", "GET, HEAD, POST", PUB, "" },
	{ M_POST, "/verify", "/verify", "GET, HEAD, POST", PUB,
	    "receipt=endorse-receipt+1" },
	{ M_GET, "/.well-known/endorse-keys", "/.well-known/endorse-keys",
	    "GET, HEAD", PUB, "" },
	{ M_GET, "/.well-known/endorse-ledger-head",
	    "/.well-known/endorse-ledger-head", "GET, HEAD", PUB, "" },
	{ M_GET, "/declaration", "/declaration", "GET, HEAD", PUB,
	    "version=1&lang=fr" },
	{ M_GET, "/confirm/%s", "/confirm/{F}", "GET, HEAD, POST", PUB, "" },
	{ M_POST, "/confirm/%s", "/confirm/{F}", "GET, HEAD, POST", PUB, "" },
};

static char	 e_code[RECEIPT_LEN + 1], w_code[RECEIPT_LEN + 1];
static char	 c_code[RECEIPT_LEN + 1], ke_code[RECEIPT_LEN + 1];
static char	 k_token[B64_TOKEN_LEN + 1];
static char	 f_token[B64_TOKEN_LEN + 1];	/* e_code's confirmation */

static const char *
var(struct arena *a, const char *name)
{
	char	tok[FORM_TOKEN_LEN + 1];
	char	*lower;
	size_t	i;

	if (strcmp(name, "E") == 0)
		return e_code;
	if (strcmp(name, "e") == 0) {
		/* Codes are taken in lower case too. */
		lower = arena_strdup(a, e_code);
		for (i = 0; lower[i] != '\0'; i++)
			if (lower[i] >= 'A' && lower[i] <= 'Z')
				lower[i] = (char)(lower[i] - 'A' + 'a');
		return lower;
	}
	if (strcmp(name, "C") == 0)
		return c_code;
	if (strcmp(name, "W") == 0)
		return w_code;
	if (strcmp(name, "K") == 0)
		return k_token;
	if (strcmp(name, "KE") == 0)
		return ke_code;
	if (strcmp(name, "F") == 0)
		return f_token;
	if (strcmp(name, "T") == 0) {
		form_token_new(web_secret, tok);
		return arena_strdup(a, tok);
	}
	return NULL;
}

static const char *
no_session(struct arena *a, enum role role, const char **token)
{
	(void)a;
	(void)role;
	*token = NULL;
	return "";
}

/* The public site's pair: a csrf cookie and a MAC of it. */
static void
csrf(struct arena *a, const char *token, int wrong, const char **cookie,
    const char **field)
{
	char	c[B64_TOKEN_LEN + 1], other[B64_TOKEN_LEN + 1];
	char	f[B64_TOKEN_LEN + 1];

	(void)token;
	token_random(c);
	token_random(other);
	csrf_field(web_secret, wrong ? other : c, f);
	*cookie = arena_printf(a, "csrf=%s", c);
	*field = arena_strdup(a, f);
}

static const struct rtest web = {
	&web_site, rows, sizeof(rows) / sizeof(rows[0]), var, no_session,
	csrf
};

/* The raw confirmation token the outbox holds for a receipt's mail. */
static void
confirm_token_of(const char *code, char out[B64_TOKEN_LEN + 1])
{
	sqlite3		*h;
	sqlite3_stmt	*st;

	assert_int_equal(sqlite3_open(webcfg.db_path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT o.token FROM outbox o "
	    "JOIN endorsements e ON e.id = o.endorsement_id "
	    "WHERE e.receipt = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, B64_TOKEN_LEN + 1, "%s",
	    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static int
setup(void **state)
{
	struct endorsement	e;
	struct commitment	c;
	struct event		ev;
	struct arena		*a = arena_new(0);
	char			tok[FORM_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(token_init(), 0);
	webcfg.db_path = db_scratch();
	webcfg.base_url = "http://127.0.0.1:8080";
	assert_int_equal(web_app.worker_init(), 0);
	fixture_endorsement(web_db, web_secret, 0, e_code, NULL);
	fixture_endorsement(web_db, web_secret, 0, w_code, NULL);
	memset(&ev, 0, sizeof(ev));
	token_random(k_token);
	ev.name = "Mechelen conference";
	ev.token = k_token;
	assert_int_equal(db_event_add(web_db, &ev), DB_OK);
	fixture_endorsement(web_db, web_secret, ev.id, ke_code, NULL);
	assert_int_equal(db_endorsement_get(web_db, a, e_code, &e), DB_OK);
	memset(&c, 0, sizeof(c));
	form_token_new(web_secret, tok);
	c.endorsement_id = e.id;
	c.form_token = tok;
	c.area = "work";
	c.title = "Jobs";
	c.description = "More jobs";
	c.means = c.indicators = c.sdg = "";
	c.status = "planned";
	c.lang = "en";
	assert_int_equal(db_commitment_add(web_db, &c), DB_OK);
	memcpy(c_code, c.receipt, sizeof(c_code));
	confirm_token_of(e_code, f_token);
	arena_free(a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	web_app.worker_fini();
	db_scratch_rm();
	return 0;
}


/* Paths of no route, and parts that are not codes or tokens: 404. */
static void
t_404(void **s)
{
	static const char *const paths[] = {
		"/nope", "/endorse/", "/receipt/", "/receipt/SHORT",
		"/receipt/ILOU0000000000000000000000", "/receipt/{E}.gif",
		"/receipt/{E}/nope", "/kiosk/short", "/kiosk/{K}/done/",
		"/kiosk/{K}/other/{KE}", "//", "/healthz/x",
	};
	struct arena	*a = arena_new(0);
	size_t		 i;

	(void)s;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		assert_int_equal(fake_request(&web, a, "GET",
		    subst(&web, a, paths[i]), NULL, "", NULL).status, 404);
	arena_free(a);
}

/* A kiosk's own UUID form token passes there, and only there. */
static void
t_uuid_token(void **s)
{
	struct arena	*a = arena_new(0);
	char		 cookie[B64_TOKEN_LEN + 1], field[B64_TOKEN_LEN + 1];
	const char	*body, *cookies, *form = "application/x-www-form-urlencoded";

	(void)s;
	token_random(cookie);
	csrf_field(web_secret, cookie, field);
	cookies = arena_printf(a, "csrf=%s", cookie);
	body = arena_printf(a, "csrf=%s&%s&form_token=%s", field, SIGNER,
	    "0f8fad5b-d9cb-469f-a165-70867728950e");
	assert_int_equal(fake_request(&web, a, "POST", "/endorse", form,
	    cookies, body).status, 422);
	assert_int_equal(fake_request(&web, a, "POST", subst(&web, a,
	    "/kiosk/{K}"), form, cookies, body).status, 303);
	arena_free(a);
}

/* Run sql on the scratch database from a connection of its own. */
static void
sql(const char *q)
{
	sqlite3	*h;

	assert_int_equal(sqlite3_open(webcfg.db_path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/*
 * A database error on a list is a 503 with one log line naming the
 * route's pattern and the reason, never a list with a part missing.
 */
static void
t_db_error_logged(void **s)
{
	struct arena	*a = arena_new(0);
	char		 path[] = "/tmp/endorse-log-XXXXXX", line[512];
	FILE		*f;
	int		 fd, saved, found = 0;

	(void)s;
	assert_true((fd = mkstemp(path)) >= 0);
	sql("ALTER TABLE list_counts RENAME TO list_counts_away");
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	assert_int_equal(fake_request(&web, a, "GET", "/signatories", NULL,
	    "", NULL).status, 503);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	sql("ALTER TABLE list_counts_away RENAME TO list_counts");
	assert_non_null(f = fdopen(fd, "r"));
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, "GET /signatories: 503: database") != NULL)
			found++;
	fclose(f);
	unlink(path);
	assert_int_equal(found, 1);
	assert_int_equal(fake_request(&web, a, "GET", "/signatories", NULL,
	    "", NULL).status, 200);
	arena_free(a);
}

static void
nothing(struct ctx *x)
{
	(void)x;
}

/*
 * The matcher on a table made here: an id of 16 digits or with a
 * leading zero is no id, a part of a kind the router does not know
 * matches nothing, and Allow names what the path's rows take.
 */
static void
router_parts_and_allow(void **state)
{
	static const struct route table[] = {
		{ "/x/%i", M_GET, NULL, PUB, 0, NULL, nothing, NULL, 0 },
		{ "/x/%i", M_POST, NULL, PUB, 0, NULL, nothing, NULL, 0 },
		{ "/y/%q", M_GET, NULL, PUB, 0, NULL, nothing, NULL, 0 },
		{ "/z/%s", M_POST, NULL, PUB, 0, NULL, nothing, NULL, 0 },
	};
	const struct site	 s = { table, sizeof(table) / sizeof(table[0]),
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	struct arena		*a;
	struct req		 r;
	struct ctx		 x;
	unsigned int		 allow;

	(void)state;
	assert_non_null(a = arena_new(1024));
	memset(&r, 0, sizeof(r));
	r.a = a;
	memset(&x, 0, sizeof(x));
	x.r = &r;
	assert_ptr_equal(route_find(&s, "/x/123456789012345", "HEAD", &x,
	    &allow), &table[0]);
	assert_int_equal(x.id, 123456789012345LL);
	assert_string_equal(route_allow(allow), "GET, HEAD, POST");
	assert_ptr_equal(route_find(&s, "/x/7", "POST", &x, &allow),
	    &table[1]);
	assert_null(route_find(&s, "/x/1234567890123456", "GET", &x, &allow));
	assert_int_equal(allow, 0);
	assert_null(route_find(&s, "/x/07", "GET", &x, &allow));
	assert_null(route_find(&s, "/x/", "GET", &x, &allow));
	assert_null(route_find(&s, "/y/abc", "GET", &x, &allow));
	assert_int_equal(allow, 0);
	assert_null(route_find(&s, "/z/", "POST", &x, &allow));
	assert_null(route_find(&s, "/z/abc", "GET", &x, &allow));
	assert_string_equal(route_allow(allow), "POST");
	assert_null(route_find(&s, "/z/abc", "PUT", &x, &allow));
	assert_ptr_equal(route_find(&s, "/z/abc", "POST", &x, &allow),
	    &table[3]);
	assert_string_equal(x.token, "abc");
	assert_string_equal(route_allow(M_GET), "GET, HEAD");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(check_coverage, (void *)&web),
		cmocka_unit_test_prestate(check_good, (void *)&web),
		cmocka_unit_test(t_404),
		cmocka_unit_test(router_parts_and_allow),
		cmocka_unit_test_prestate(check_405, (void *)&web),
		cmocka_unit_test_prestate(check_413, (void *)&web),
		cmocka_unit_test_prestate(check_415, (void *)&web),
		cmocka_unit_test_prestate(check_role, (void *)&web),
		cmocka_unit_test_prestate(check_csrf, (void *)&web),
		cmocka_unit_test_prestate(check_400, (void *)&web),
		cmocka_unit_test_prestate(check_fields, (void *)&web),
		cmocka_unit_test(t_uuid_token),
		cmocka_unit_test(t_db_error_logged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
