/*
 * auth_test.c: admin passwords, session tokens and roles
 * (src/auth.c).  Each case checks one promise made in auth.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "token.h"
#include "auth.h"

static int
setup(void **state)
{
	(void)state;
	return token_init();
}

static void
hash_is_argon2id_and_verifies(void **state)
{
	char	h[PWHASH_LEN];

	(void)state;
	assert_int_equal(password_hash("correct horse battery", h), 0);
	assert_memory_equal(h, "$argon2id$", 10);
	/* The INTERACTIVE limits: 64 MiB, 2 passes. */
	assert_non_null(strstr(h, "m=65536,t=2,"));
	assert_true(password_verify(h, "correct horse battery"));
	assert_false(password_verify(h, "correct horse batterY"));
	assert_false(password_verify(h, ""));
	assert_false(password_verify(h, "correct horse battery "));
}

static void
same_password_two_hashes(void **state)
{
	char	a[PWHASH_LEN], b[PWHASH_LEN];

	(void)state;
	assert_int_equal(password_hash("twelve chars!", a), 0);
	assert_int_equal(password_hash("twelve chars!", b), 0);
	/* A fresh salt each time: equal passwords never look equal. */
	assert_string_not_equal(a, b);
	assert_true(password_verify(a, "twelve chars!"));
	assert_true(password_verify(b, "twelve chars!"));
}

static void
verify_refuses_other_hashes(void **state)
{
	(void)state;
	assert_false(password_verify(NULL, "x"));
	assert_false(password_verify("", "x"));
	assert_false(password_verify("plain text password", "plain text password"));
	/* argon2i is not what we write: refused even if it would match. */
	assert_false(password_verify("$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$"
	    "aGFzaGhhc2hoYXNoaGFzaA", "x"));
}

static void
non_ascii_password(void **state)
{
	char	h[PWHASH_LEN];

	(void)state;
	assert_int_equal(password_hash("mot de passe été ✓✓", h), 0);
	assert_true(password_verify(h, "mot de passe été ✓✓"));
	assert_false(password_verify(h, "mot de passe ete ✓✓"));
}

static void
session_tokens(void **state)
{
	char		 a[B64_TOKEN_LEN + 1], b[B64_TOKEN_LEN + 1];
	unsigned char	 ha[SESSION_HASH_LEN], hb[SESSION_HASH_LEN];
	unsigned char	 ha2[SESSION_HASH_LEN];

	(void)state;
	session_token_new(a);
	session_token_new(b);
	assert_int_equal(strlen(a), 43);	/* 256 bits of base64url */
	assert_string_not_equal(a, b);
	assert_int_equal(session_token_hash(a, ha), 0);
	assert_int_equal(session_token_hash(a, ha2), 0);
	assert_int_equal(session_token_hash(b, hb), 0);
	assert_memory_equal(ha, ha2, sizeof(ha));
	assert_memory_not_equal(ha, hb, sizeof(ha));
	/* The hash is not the token. */
	assert_memory_not_equal(ha, a, sizeof(ha));
}

static void
session_token_shape(void **state)
{
	unsigned char	h[SESSION_HASH_LEN];
	char		t[64];

	(void)state;
	assert_int_equal(session_token_hash("", h), -1);
	assert_int_equal(session_token_hash("short", h), -1);
	memset(t, 'A', 44);
	t[44] = '\0';
	assert_int_equal(session_token_hash(t, h), -1);	/* too long */
	t[43] = '\0';
	assert_int_equal(session_token_hash(t, h), 0);
	t[10] = '+';		/* base64, not base64url */
	assert_int_equal(session_token_hash(t, h), -1);
	t[10] = ';';
	assert_int_equal(session_token_hash(t, h), -1);
}

static void
roles(void **state)
{
	enum role	r;

	(void)state;
	assert_int_equal(role_parse("admin", &r), 0);
	assert_int_equal(r, ROLE_ADMIN);
	assert_int_equal(role_parse("moderator", &r), 0);
	assert_int_equal(r, ROLE_MODERATOR);
	assert_int_equal(role_parse("viewer", &r), 0);
	assert_int_equal(r, ROLE_VIEWER);
	assert_int_equal(role_parse("Admin", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_int_equal(role_parse(NULL, &r), -1);

	/* A viewer reads, nothing more. */
	assert_true(role_may(ROLE_VIEWER, CAP_READ));
	assert_false(role_may(ROLE_VIEWER, CAP_SEE_EMAIL));
	assert_false(role_may(ROLE_VIEWER, CAP_MODERATE));
	assert_false(role_may(ROLE_VIEWER, CAP_EXPORT));
	assert_false(role_may(ROLE_VIEWER, CAP_EVENTS));
	assert_false(role_may(ROLE_VIEWER, CAP_AUDIT));
	assert_false(role_may(ROLE_VIEWER, CAP_USERS));
	/* A moderator moderates and exports, but manages no users. */
	assert_true(role_may(ROLE_MODERATOR, CAP_MODERATE));
	assert_true(role_may(ROLE_MODERATOR, CAP_EXPORT));
	assert_true(role_may(ROLE_MODERATOR, CAP_SEE_EMAIL));
	assert_false(role_may(ROLE_MODERATOR, CAP_USERS));
	/* An admin does everything. */
	for (int c = 0; c < CAP__MAX; c++)
		assert_true(role_may(ROLE_ADMIN, (enum cap)c));
	/* Out of range: refused. */
	assert_false(role_may(ROLE__MAX, CAP_READ));
	assert_false(role_may(ROLE_ADMIN, CAP__MAX));
}

static void
usernames(void **state)
{
	char	long_name[80];

	(void)state;
	assert_true(username_ok("admin"));
	assert_true(username_ok("a.b_c-9"));
	assert_false(username_ok(""));
	assert_false(username_ok("with space"));
	assert_false(username_ok("été"));
	assert_false(username_ok("a;b"));
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	assert_true(username_ok(long_name));
	long_name[64] = 'a';
	long_name[65] = '\0';
	assert_false(username_ok(long_name));
}

/* Seconds that password_dummy(pw) takes. */
static double
dummy_time(const char *pw)
{
	struct timespec	t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	password_dummy(pw);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/*
 * An unknown user's login costs a verify against a dummy hash, made on
 * first use if password_init was not called, and kept after: the first
 * call hashes and verifies, the later ones only verify (the fastest of
 * three, so that a busy machine does not decide).
 */
static void
dummy_hash_made_once(void **state)
{
	double	first, later, t;
	int	i;

	(void)state;
	first = dummy_time("guess");
	assert_int_equal(password_init(), 0);
	later = dummy_time("another guess");
	for (i = 0; i < 2; i++)
		if ((t = dummy_time("and another")) < later)
			later = t;
	assert_true(first > later * 1.3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_is_argon2id_and_verifies),
		cmocka_unit_test(same_password_two_hashes),
		cmocka_unit_test(verify_refuses_other_hashes),
		cmocka_unit_test(non_ascii_password),
		cmocka_unit_test(session_tokens),
		cmocka_unit_test(session_token_shape),
		cmocka_unit_test(roles),
		cmocka_unit_test(usernames),
		cmocka_unit_test(dummy_hash_made_once),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
