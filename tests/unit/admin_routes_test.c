/*
 * admin_routes_test.c: endorse-admin's route table through the router,
 * a fake request at a time, with a real database (a scratch file): every
 * row answers 405 with its Allow, 413, 415, 303 to the login without a
 * session, 403 to a role that may not, 403 on a bad CSRF pair, 400 on
 * broken encoding, and 400 or 422 on each bad form of each of its
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

#include "arena.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"
#include "routes.h"

struct progcfg	admincfg;

#define PW	"correct horse battery staple"
#define FILTER	"q=ann&status=pending&country=BE&event=1&from=2026-01-01&" \
	"to=2030-12-31&page=1&confirmed=yes&official=no"

static const struct trow rows[] = {
	{ M_GET, "/admin/login", "/admin/login", "GET, HEAD, POST",
	    CAP_PUBLIC, "" },
	{ M_POST, "/admin/login", "/admin/login", "GET, HEAD, POST",
	    CAP_PUBLIC, "username=admin-user&password=correct+horse+battery+"
	    "staple" },
	{ M_POST, "/admin/logout", "/admin/logout", "POST", CAP_READ, "" },
	{ M_GET, "/admin/", "/admin/", "GET, HEAD", CAP_READ, "" },
	{ M_GET, "/admin/endorsements", "/admin/endorsements", "GET, HEAD",
	    CAP_READ, FILTER },
	{ M_GET, "/admin/endorsements/%i", "/admin/endorsements/{ID}",
	    "GET, HEAD", CAP_READ, "" },
	{ M_POST, "/admin/endorsements/%i/status",
	    "/admin/endorsements/{ID}/status", "POST", CAP_MODERATE,
	    "status=verified&reason=Checked&return=%2Fadmin%2Fendorsements" },
	{ M_GET, "/admin/events", "/admin/events", "GET, HEAD, POST",
	    CAP_READ, "" },
	{ M_POST, "/admin/events", "/admin/events", "GET, HEAD, POST",
	    CAP_EVENTS, "action=create&name=Conference&date=2026-11-16&"
	    "place=Mechelen" },
	{ M_GET, "/admin/export/endorsements.csv",
	    "/admin/export/endorsements.csv", "GET, HEAD", CAP_EXPORT, FILTER },
	{ M_GET, "/admin/export/endorsements.json",
	    "/admin/export/endorsements.json", "GET, HEAD", CAP_EXPORT,
	    FILTER },
	{ M_GET, "/admin/export/commitments.csv",
	    "/admin/export/commitments.csv", "GET, HEAD", CAP_EXPORT, FILTER },
	{ M_GET, "/admin/export/endorsements.xlsx",
	    "/admin/export/endorsements.xlsx", "GET, HEAD", CAP_EXPORT,
	    FILTER "&since=2026-06-01&lang=en" },
	{ M_GET, "/admin/export/commitments.xlsx",
	    "/admin/export/commitments.xlsx", "GET, HEAD", CAP_EXPORT,
	    FILTER "&since=2026-06-01&lang=fr" },
	{ M_GET, "/admin/export/commitments.json",
	    "/admin/export/commitments.json", "GET, HEAD", CAP_EXPORT,
	    FILTER },
	{ M_GET, "/admin/audit", "/admin/audit", "GET, HEAD", CAP_AUDIT,
	    "page=1" },
	{ M_GET, "/admin/domains", "/admin/domains", "GET, HEAD, POST",
	    CAP_READ, "" },
	{ M_POST, "/admin/domains", "/admin/domains", "GET, HEAD, POST",
	    CAP_DOMAINS, "action=add&domain={DOM}&country=BE" },
	{ M_POST, "/admin/endorsements/verify-official",
	    "/admin/endorsements/verify-official", "POST", CAP_MODERATE, "" },
};

static long long	user_ids[ROLE__MAX];
static long long	endorsement_id;

static const char *
var(struct arena *a, const char *name)
{
	static unsigned int	ndom;

	if (strcmp(name, "ID") == 0)
		return arena_printf(a, "%lld", endorsement_id);
	/* A domain not listed yet: each good "add" is a new one. */
	if (strcmp(name, "DOM") == 0)
		return arena_printf(a, "d%u.example.org", ++ndom);
	return NULL;
}

/* A new session of a user of that role: the cookie pair, its token. */
static const char *
session(struct arena *a, enum role role, const char **token)
{
	char		 tok[B64_TOKEN_LEN + 1];
	unsigned char	 h[SESSION_HASH_LEN];
	struct dbparam	 p[2];

	session_token_new(tok);
	assert_int_equal(session_token_hash(tok, h), 0);
	p[0] = DBP_I(user_ids[role]);
	p[1] = DBP_B(h, sizeof(h));
	assert_int_equal(db_run(admin_db, DBQ_SESSION_ADD, p, 2, NULL), DB_OK);
	*token = arena_strdup(a, tok);
	return arena_printf(a, "%s=%s", SESSION_COOKIE, tok);
}

/*
 * The console's pair: signed in, a MAC of the session's token and no
 * cookie of its own; before, a MAC of the sign-in form's cookie.
 */
static void
csrf(struct arena *a, const char *token, int wrong, const char **cookie,
    const char **field)
{
	char	c[B64_TOKEN_LEN + 1], other[B64_TOKEN_LEN + 1];
	char	f[B64_TOKEN_LEN + 1];

	token_random(c);
	token_random(other);
	if (token != NULL) {
		csrf_field_bound(admin_secret, SESSION_COOKIE,
		    wrong ? other : token, f);
		*cookie = NULL;
	} else {
		csrf_field_bound(admin_secret, LOGIN_COOKIE, wrong ? other : c,
		    f);
		*cookie = arena_printf(a, "%s=%s", LOGIN_COOKIE, c);
	}
	*field = arena_strdup(a, f);
}

static const struct rtest admin = {
	&admin_site, rows, sizeof(rows) / sizeof(rows[0]), var, session, csrf
};

static int
setup(void **state)
{
	static const char *const names[ROLE__MAX] = {
		"viewer-user", "moderator-user", "admin-user"
	};
	struct arena		*a = arena_new(0);
	struct dbparam		 p[3];
	struct admin_user	 u;
	char			 hash[PWHASH_LEN], code[RECEIPT_LEN + 1];
	int			 role;

	(void)state;
	assert_int_equal(token_init(), 0);
	admincfg.db_path = db_scratch();
	admincfg.base_url = "http://127.0.0.1:8080";
	assert_int_equal(admin_app.worker_init(), 0);
	assert_int_equal(password_hash(PW, hash), 0);
	for (role = 0; role < ROLE__MAX; role++) {
		p[0] = DBP_S(names[role]);
		p[1] = DBP_S(role_names[role]);
		p[2] = DBP_S(hash);
		assert_int_equal(db_run(admin_db, DBQ_USER_ADD, p, 3, NULL),
		    DB_OK);
		assert_int_equal(db_user_get(admin_db, a, names[role], &u),
		    DB_OK);
		user_ids[role] = u.id;
	}
	fixture_endorsement(admin_db, admin_secret, 0, code, &endorsement_id);
	arena_free(a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	admin_app.worker_fini();
	db_scratch_rm();
	return 0;
}


/* An unknown path names nothing without a session, and is a 404 with. */
static void
t_unknown(void **s)
{
	static const char *const paths[] = {
		"/admin/nope", "/admin/endorsements/0", "/admin/endorsements/x",
		"/admin/endorsements/1/nope", "/admin/export/users.csv",
		"/admin/export/endorsements.xml", "/admin",
	};
	struct arena	*a = arena_new(0);
	struct answer	 ans;
	const char	*token;
	size_t		 i;

	(void)s;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		ans = fake_request(&admin, a, "GET", paths[i], NULL, "", NULL);
		assert_int_equal(ans.status, 303);
		assert_string_equal(ans.location, "/admin/login");
		ans = fake_request(&admin, a, "GET", paths[i], NULL,
		    session(a, ROLE_VIEWER, &token), NULL);
		assert_int_equal(ans.status, 404);
		arena_reset(a);
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(check_coverage, (void *)&admin),
		cmocka_unit_test_prestate(check_good, (void *)&admin),
		cmocka_unit_test(t_unknown),
		cmocka_unit_test_prestate(check_405, (void *)&admin),
		cmocka_unit_test_prestate(check_413, (void *)&admin),
		cmocka_unit_test_prestate(check_415, (void *)&admin),
		cmocka_unit_test_prestate(check_session, (void *)&admin),
		cmocka_unit_test_prestate(check_role, (void *)&admin),
		cmocka_unit_test_prestate(check_csrf, (void *)&admin),
		cmocka_unit_test_prestate(check_400, (void *)&admin),
		cmocka_unit_test_prestate(check_fields, (void *)&admin),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
