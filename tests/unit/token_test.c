/*
 * token_test.c: receipt codes, CSRF fields, form tokens and UUIDs
 * (src/token.c).  Each case checks one promise made in token.h.
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

#define NDRAWS	100000

static const unsigned char key1[SECRET_LEN] = "0123456789abcdef0123456789abcde";
static const unsigned char key2[SECRET_LEN] = "fedcba9876543210fedcba987654321";

static int
setup(void **state)
{
	(void)state;
	return token_init();
}

/* ---- receipt codes ------------------------------------------------------ */

static void
receipt_length_and_alphabet(void **state)
{
	char	 r[RECEIPT_LEN + 1];
	size_t	 i;

	(void)state;
	memset(r, 'x', sizeof(r));
	receipt_new(r);
	assert_int_equal(strlen(r), RECEIPT_LEN);
	for (i = 0; i < RECEIPT_LEN; i++)
		assert_non_null(strchr(CROCKFORD, r[i]));
}

static void
receipt_alphabet_is_crockford(void **state)
{
	(void)state;
	assert_int_equal(strlen(CROCKFORD), 32);
	assert_null(strchr(CROCKFORD, 'I'));
	assert_null(strchr(CROCKFORD, 'L'));
	assert_null(strchr(CROCKFORD, 'O'));
	assert_null(strchr(CROCKFORD, 'U'));
}

static int
cmp_receipt(const void *a, const void *b)
{
	return memcmp(a, b, RECEIPT_LEN + 1);
}

/*
 * 100,000 draws: all distinct, all valid, every character seen in the
 * random part (the first RECEIPT_TIME_LEN are a clock).
 */
static void
receipt_draws_distinct_and_cover_alphabet(void **state)
{
	char	(*r)[RECEIPT_LEN + 1];
	size_t	 i, j, seen[32], nseen = 0;
	const char *p;

	(void)state;
	memset(seen, 0, sizeof(seen));
	r = calloc(NDRAWS, sizeof(*r));
	assert_non_null(r);
	for (i = 0; i < NDRAWS; i++) {
		receipt_new(r[i]);
		assert_int_equal(strlen(r[i]), RECEIPT_LEN);
		for (j = 0; j < RECEIPT_LEN; j++) {
			p = strchr(CROCKFORD, r[i][j]);
			assert_non_null(p);
			if (j >= RECEIPT_TIME_LEN)
				seen[p - CROCKFORD]++;
		}
	}
	qsort(r, NDRAWS, sizeof(*r), cmp_receipt);
	for (i = 1; i < NDRAWS; i++)
		assert_int_not_equal(memcmp(r[i - 1], r[i], sizeof(*r)), 0);
	for (i = 0; i < 32; i++)
		if (seen[i] > 0)
			nseen++;
	assert_int_equal(nseen, 32);
	/*
	 * 2,000,000 random characters: each expected 62,500 times.  A
	 * modulo bias or a stuck bit would move some far from that; 5% is
	 * > 35 sigma.
	 */
	for (i = 0; i < 32; i++) {
		assert_true(seen[i] > 59375);
		assert_true(seen[i] < 65625);
	}
	free(r);
}

/*
 * Codes and form tokens made later sort after those made earlier (their
 * clock comes first, in characters in ASCII order), and two made at the
 * same moment still differ in their random part.
 */
static void
codes_and_form_tokens_sort_by_time(void **state)
{
	char			 a[RECEIPT_LEN + 1], b[RECEIPT_LEN + 1];
	char			 c[RECEIPT_LEN + 1];
	char			 f1[FORM_TOKEN_LEN + 1], f2[FORM_TOKEN_LEN + 1];
	struct timespec		 pause = { 0, 30 * 1000 * 1000 };

	(void)state;
	receipt_new(a);
	receipt_new(c);
	form_token_new(key1, f1);
	nanosleep(&pause, NULL);
	receipt_new(b);
	form_token_new(key1, f2);
	assert_true(strcmp(a, c) != 0);
	assert_true(memcmp(a, b, RECEIPT_TIME_LEN) < 0 ||
	    /* the 20-bit clock started again in between */
	    memcmp(a, "ZZZ", 3) == 0);
	assert_true(memcmp(f1, f2, 6) < 0);
	assert_int_equal(form_token_check(key1, f1), 1);
	assert_int_equal(form_token_check(key1, f2), 1);
}

/*
 * A confirmation token's key: its clock (to 16 ms) then its hash; the
 * same token gives the same key, a later token a larger one, two tokens
 * of one moment different ones; anything but 43 base64url characters is
 * refused.
 */
static void
confirm_token_keys(void **state)
{
	char			 t1[B64_TOKEN_LEN + 1], t2[B64_TOKEN_LEN + 1];
	char			 t3[B64_TOKEN_LEN + 1], bad[B64_TOKEN_LEN + 2];
	unsigned char		 k1[CONFIRM_KEY_LEN], k2[CONFIRM_KEY_LEN];
	unsigned char		 k3[CONFIRM_KEY_LEN], again[CONFIRM_KEY_LEN];
	struct timespec		 pause = { 0, 40 * 1000 * 1000 };

	(void)state;
	confirm_token_new(t1);
	confirm_token_new(t3);
	nanosleep(&pause, NULL);
	confirm_token_new(t2);
	assert_int_equal(strlen(t1), B64_TOKEN_LEN);
	assert_int_equal(confirm_token_key(t1, k1), 0);
	assert_int_equal(confirm_token_key(t2, k2), 0);
	assert_int_equal(confirm_token_key(t3, k3), 0);
	assert_int_equal(confirm_token_key(t1, again), 0);
	assert_memory_equal(k1, again, CONFIRM_KEY_LEN);
	assert_true(memcmp(k1, k2, 4) < 0);
	assert_memory_not_equal(k1, k3, CONFIRM_KEY_LEN);
	/* A token from before the clock (token_random) has a key too. */
	token_random(t3);
	assert_int_equal(confirm_token_key(t3, k3), 0);
	assert_int_equal(confirm_token_key(NULL, k3), -1);
	memcpy(bad, t1, B64_TOKEN_LEN + 1);
	bad[B64_TOKEN_LEN - 1] = '\0';
	assert_int_equal(confirm_token_key(bad, k3), -1);
	memcpy(bad, t1, B64_TOKEN_LEN);
	bad[B64_TOKEN_LEN] = 'A';
	bad[B64_TOKEN_LEN + 1] = '\0';
	assert_int_equal(confirm_token_key(bad, k3), -1);
	memcpy(bad, t1, B64_TOKEN_LEN + 1);
	bad[10] = '.';
	assert_int_equal(confirm_token_key(bad, k3), -1);
	bad[10] = '+';
	assert_int_equal(confirm_token_key(bad, k3), -1);
}

static void
receipt_normalise_roundtrip(void **state)
{
	char	 r[RECEIPT_LEN + 1], out[RECEIPT_LEN + 1];

	(void)state;
	receipt_new(r);
	assert_int_equal(receipt_normalise(r, strlen(r), out), 0);
	assert_string_equal(out, r);
}

static void
receipt_normalise_lower_to_upper(void **state)
{
	char	 out[RECEIPT_LEN + 1];

	(void)state;
	assert_int_equal(receipt_normalise("0123456789abcdefghjkmnpq",
	    RECEIPT_LEN, out), 0);
	assert_string_equal(out, "0123456789ABCDEFGHJKMNPQ");
	assert_int_equal(receipt_normalise("rstvwxyzRSTVWXYZ0123abcd",
	    RECEIPT_LEN, out), 0);
	assert_string_equal(out, "RSTVWXYZRSTVWXYZ0123ABCD");
}

/* One refused input: -1 and out untouched. */
static void
refused(const char *in, size_t insz)
{
	char	 out[RECEIPT_LEN + 1];

	memset(out, '#', sizeof(out));
	assert_int_equal(receipt_normalise(in, insz, out), -1);
	assert_int_equal(out[0], '#');
}

static void
receipt_refuses_i_l_o_u(void **state)
{
	(void)state;
	refused("I123456789ABCDEFGHJKMNPQ", RECEIPT_LEN);
	refused("i123456789ABCDEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789ABCDEFGHJKMNPL", RECEIPT_LEN);
	refused("0123456789ABCDEFGHJKMNPl", RECEIPT_LEN);
	refused("O123456789ABCDEFGHJKMNPQ", RECEIPT_LEN);
	refused("o123456789ABCDEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789ABUDEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789ABuDEFGHJKMNPQ", RECEIPT_LEN);
}

static void
receipt_refuses_wrong_length(void **state)
{
	(void)state;
	refused("0123456789ABCDEFGHJKMNP", 23);
	refused("0123456789ABCDEFGHJKMNPQR", 25);
	refused("", 0);
	/* The length given is what counts, not where a NUL is. */
	refused("0123456789ABCDEFGHJKMNPQ", 23);
	refused("0123456789ABCDEFGHJKMNPQR", 25);
}

static void
receipt_refuses_nul_and_punctuation(void **state)
{
	(void)state;
	refused("0123456789AB\0DEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789ABCDEFGHJKMNP\0", RECEIPT_LEN);
	refused("0123456789AB-DEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789AB DEFGHJKMNPQ", RECEIPT_LEN);
	refused("0123456789AB\xc3\xa9""EFGHJKMNPQ", RECEIPT_LEN);
	refused(NULL, RECEIPT_LEN);
}

/* ---- token_random ------------------------------------------------------- */

static void
token_random_shape(void **state)
{
	char	 a[B64_TOKEN_LEN + 1], b[B64_TOKEN_LEN + 1];
	size_t	 i;

	(void)state;
	token_random(a);
	token_random(b);
	assert_int_equal(strlen(a), B64_TOKEN_LEN);
	assert_string_not_equal(a, b);
	for (i = 0; i < B64_TOKEN_LEN; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_", a[i]));
}

/* ---- CSRF ---------------------------------------------------------------- */

static void
csrf_roundtrip(void **state)
{
	char	 cookie[B64_TOKEN_LEN + 1], field[B64_TOKEN_LEN + 1];

	(void)state;
	token_random(cookie);
	csrf_field(key1, cookie, field);
	assert_int_equal(strlen(field), B64_TOKEN_LEN);
	assert_string_not_equal(field, cookie);
	assert_int_equal(csrf_check(key1, cookie, field), 1);
}

static void
csrf_is_deterministic(void **state)
{
	char	 a[B64_TOKEN_LEN + 1], b[B64_TOKEN_LEN + 1];

	(void)state;
	csrf_field(key1, "cookie", a);
	csrf_field(key1, "cookie", b);
	assert_string_equal(a, b);
}

/* Known answers, computed with Python's hmac (HMAC-SHA512, first 32/16). */
static void
csrf_known_answer(void **state)
{
	char	 f[B64_TOKEN_LEN + 1];

	(void)state;
	csrf_field(key1, "cookie", f);
	assert_string_equal(f, "NBCV5kngCrRBuoWN2JJIkRyb2Kzax88vr2tB9ILy_Ac");
}

static void
form_token_known_answer(void **state)
{
	(void)state;
	assert_int_equal(form_token_check(key1,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."
	    "qRJALwKTkS_WL5ZINHoDbw"), 1);
	assert_int_equal(form_token_check(key2,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."
	    "qRJALwKTkS_WL5ZINHoDbw"), 0);
}

static void
csrf_wrong_cookie_refused(void **state)
{
	char	 c1[B64_TOKEN_LEN + 1], c2[B64_TOKEN_LEN + 1];
	char	 field[B64_TOKEN_LEN + 1];

	(void)state;
	token_random(c1);
	token_random(c2);
	csrf_field(key1, c1, field);
	assert_int_equal(csrf_check(key1, c2, field), 0);
	/* The field is no good as a cookie for itself either. */
	assert_int_equal(csrf_check(key1, field, field), 0);
	assert_int_equal(csrf_check(key1, c1, c1), 0);
}

static void
csrf_wrong_key_refused(void **state)
{
	char	 cookie[B64_TOKEN_LEN + 1], field[B64_TOKEN_LEN + 1];

	(void)state;
	token_random(cookie);
	csrf_field(key1, cookie, field);
	assert_int_equal(csrf_check(key2, cookie, field), 0);
}

static void
csrf_truncated_or_extended_refused(void **state)
{
	char	 cookie[B64_TOKEN_LEN + 1], field[B64_TOKEN_LEN + 1];
	char	 longer[B64_TOKEN_LEN + 2];

	(void)state;
	token_random(cookie);
	csrf_field(key1, cookie, field);
	snprintf(longer, sizeof(longer), "%sA", field);
	assert_int_equal(csrf_check(key1, cookie, longer), 0);
	field[B64_TOKEN_LEN - 1] = '\0';
	assert_int_equal(csrf_check(key1, cookie, field), 0);
	field[1] = '\0';
	assert_int_equal(csrf_check(key1, cookie, field), 0);
}

static void
csrf_flipped_char_refused(void **state)
{
	char	 cookie[B64_TOKEN_LEN + 1], field[B64_TOKEN_LEN + 1];
	size_t	 i;

	(void)state;
	token_random(cookie);
	for (i = 0; i < B64_TOKEN_LEN; i++) {
		csrf_field(key1, cookie, field);
		field[i] = field[i] == 'A' ? 'B' : 'A';
		assert_int_equal(csrf_check(key1, cookie, field), 0);
	}
}

static void
csrf_empty_and_null_refused(void **state)
{
	char	 field[B64_TOKEN_LEN + 1];

	(void)state;
	csrf_field(key1, "", field);
	assert_int_equal(csrf_check(key1, "", field), 0);
	csrf_field(key1, "cookie", field);
	assert_int_equal(csrf_check(key1, "cookie", ""), 0);
	assert_int_equal(csrf_check(key1, NULL, field), 0);
	assert_int_equal(csrf_check(key1, "cookie", NULL), 0);
	assert_int_equal(csrf_check(key1, NULL, NULL), 0);
	csrf_field(key1, NULL, field);
	assert_string_equal(field, "");
}

/* ---- form tokens ------------------------------------------------------- */

static void
form_token_roundtrip(void **state)
{
	char	 t[FORM_TOKEN_LEN + 1], u[FORM_TOKEN_LEN + 1];

	(void)state;
	form_token_new(key1, t);
	form_token_new(key1, u);
	assert_int_equal(strlen(t), FORM_TOKEN_LEN);
	assert_int_equal(t[B64_TOKEN_LEN], '.');
	assert_string_not_equal(t, u);
	assert_int_equal(form_token_check(key1, t), 1);
	assert_int_equal(form_token_check(key1, u), 1);
}

static void
form_token_flipped_char_refused(void **state)
{
	char	 t[FORM_TOKEN_LEN + 1], orig[FORM_TOKEN_LEN + 1];
	size_t	 i;

	(void)state;
	form_token_new(key1, orig);
	for (i = 0; i < FORM_TOKEN_LEN; i++) {
		if (i == B64_TOKEN_LEN)
			continue;
		memcpy(t, orig, sizeof(t));
		t[i] = t[i] == 'A' ? 'B' : 'A';
		assert_int_equal(form_token_check(key1, t), 0);
	}
}

static void
form_token_other_key_refused(void **state)
{
	char	 t[FORM_TOKEN_LEN + 1];

	(void)state;
	form_token_new(key1, t);
	assert_int_equal(form_token_check(key2, t), 0);
}

static void
form_token_malformed_refused(void **state)
{
	char	 t[FORM_TOKEN_LEN + 1], bad[FORM_TOKEN_LEN + 2];

	(void)state;
	form_token_new(key1, t);
	assert_int_equal(form_token_check(key1, NULL), 0);
	assert_int_equal(form_token_check(key1, ""), 0);
	/* Truncated. */
	memcpy(bad, t, FORM_TOKEN_LEN - 1);
	bad[FORM_TOKEN_LEN - 1] = '\0';
	assert_int_equal(form_token_check(key1, bad), 0);
	/* Extended. */
	snprintf(bad, sizeof(bad), "%sA", t);
	assert_int_equal(form_token_check(key1, bad), 0);
	/* The dot moved or replaced. */
	memcpy(bad, t, sizeof(t));
	bad[B64_TOKEN_LEN] = '_';
	assert_int_equal(form_token_check(key1, bad), 0);
	/* Characters outside base64url. */
	memcpy(bad, t, sizeof(t));
	bad[0] = '+';
	assert_int_equal(form_token_check(key1, bad), 0);
	memcpy(bad, t, sizeof(t));
	bad[FORM_TOKEN_LEN - 1] = '=';
	assert_int_equal(form_token_check(key1, bad), 0);
	/* A UUID is not a form token. */
	assert_int_equal(form_token_check(key1,
	    "123e4567-e89b-12d3-a456-426614174000"), 0);
}

/* ---- UUIDs --------------------------------------------------------------- */

static void
uuid_good(void **state)
{
	(void)state;
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456-426614174000"), 1);
	assert_int_equal(token_is_uuid(
	    "123E4567-E89B-42D3-A456-42661417400F"), 1);
	assert_int_equal(token_is_uuid(
	    "00000000-0000-0000-0000-000000000000"), 1);
	assert_int_equal(token_is_uuid(
	    "ffffffff-FFFF-ffff-FFFF-ffffffffffff"), 1);
}

static void
uuid_bad(void **state)
{
	(void)state;
	assert_int_equal(token_is_uuid(NULL), 0);
	assert_int_equal(token_is_uuid(""), 0);
	/* One short, one long. */
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456-42661417400"), 0);
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456-4266141740000"), 0);
	/* Not hex. */
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456-42661417400g"), 0);
	/* Hyphens misplaced or missing. */
	assert_int_equal(token_is_uuid(
	    "123e45670e89b-12d3-a456-42661417400"), 0);
	assert_int_equal(token_is_uuid(
	    "123e4567e-89b-12d3-a456-426614174000"), 0);
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456_426614174000"), 0);
	/* Braces or a urn: prefix are not accepted. */
	assert_int_equal(token_is_uuid(
	    "{123e4567-e89b-12d3-a456-42661417400}"), 0);
	assert_int_equal(token_is_uuid(
	    "123e4567-e89b-12d3-a456-426614174000 "), 0);
}

/* ---- kiosk tokens --------------------------------------------------------- */

/*
 * An event's kiosk token is token_random's output: it passes
 * kiosk_token_ok, is URL-safe, carries 256 bits (no two of many draws
 * alike), and every base64url character turns up in each position
 * class, so the bits are spread over the whole alphabet.
 */
static void
kiosk_token_draws(void **state)
{
	char		 t[B64_TOKEN_LEN + 1], seen[64][B64_TOKEN_LEN + 1];
	unsigned int	 hits[256];
	size_t		 i, j;

	(void)state;
	memset(hits, 0, sizeof(hits));
	for (i = 0; i < 2000; i++) {
		token_random(t);
		assert_true(kiosk_token_ok(t));
		for (j = 0; j < B64_TOKEN_LEN - 1; j++)
			hits[(unsigned char)t[j]]++;
		if (i < 64) {
			for (j = 0; j < i; j++)
				assert_string_not_equal(seen[j], t);
			memcpy(seen[i], t, sizeof(t));
		}
	}
	for (i = 0; i < 64; i++)
		assert_true(hits[(unsigned char)"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_"[i]] > 0);
}

static void
kiosk_token_shape_refused(void **state)
{
	char	 t[B64_TOKEN_LEN + 2];

	(void)state;
	assert_false(kiosk_token_ok(NULL));
	assert_false(kiosk_token_ok(""));
	token_random(t);
	t[B64_TOKEN_LEN - 1] = '\0';
	assert_false(kiosk_token_ok(t));		/* 42 */
	token_random(t);
	t[B64_TOKEN_LEN] = 'A';
	t[B64_TOKEN_LEN + 1] = '\0';
	assert_false(kiosk_token_ok(t));		/* 44 */
	token_random(t);
	t[10] = '/';
	assert_false(kiosk_token_ok(t));
	t[10] = '+';
	assert_false(kiosk_token_ok(t));
	t[10] = '=';
	assert_false(kiosk_token_ok(t));
	t[10] = '.';
	assert_false(kiosk_token_ok(t));
	assert_true(kiosk_token_ok(
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_"));
}

/* A field bound to a session: never a cookie's field, never another's. */
static void
csrf_bound_apart_from_cookie_fields(void **state)
{
	char	tok[B64_TOKEN_LEN + 1], f[B64_TOKEN_LEN + 1];
	char	g[B64_TOKEN_LEN + 1];

	(void)state;
	token_random(tok);
	csrf_field_bound(key1, "admin_session", tok, f);
	assert_int_equal(strlen(f), B64_TOKEN_LEN);
	assert_int_equal(csrf_check_bound(key1, "admin_session", tok, f), 1);
	/* The public site's pair for the same value does not match. */
	csrf_field(key1, tok, g);
	assert_string_not_equal(f, g);
	assert_int_equal(csrf_check(key1, tok, f), 0);
	assert_int_equal(csrf_check_bound(key1, "admin_session", tok, g), 0);
	/* Another label, key or value: refused. */
	assert_int_equal(csrf_check_bound(key1, "admin_login", tok, f), 0);
	assert_int_equal(csrf_check_bound(key2, "admin_session", tok, f), 0);
	token_random(g);
	assert_int_equal(csrf_check_bound(key1, "admin_session", g, f), 0);
	assert_int_equal(csrf_check_bound(key1, "admin_session", NULL, f), 0);
	assert_int_equal(csrf_check_bound(key1, "admin_session", "", f), 0);
	f[5] ^= 1;
	assert_int_equal(csrf_check_bound(key1, "admin_session", tok, f), 0);
	/* A field of the wrong length, or none; no value, no field. */
	f[5] ^= 1;
	f[B64_TOKEN_LEN - 1] = '\0';
	assert_int_equal(csrf_check_bound(key1, "admin_session", tok, f), 0);
	assert_int_equal(csrf_check_bound(key1, "admin_session", tok, NULL),
	    0);
	csrf_field_bound(key1, "admin_session", NULL, g);
	assert_string_equal(g, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(receipt_length_and_alphabet),
		cmocka_unit_test(receipt_alphabet_is_crockford),
		cmocka_unit_test(receipt_draws_distinct_and_cover_alphabet),
		cmocka_unit_test(codes_and_form_tokens_sort_by_time),
		cmocka_unit_test(confirm_token_keys),
		cmocka_unit_test(receipt_normalise_roundtrip),
		cmocka_unit_test(receipt_normalise_lower_to_upper),
		cmocka_unit_test(receipt_refuses_i_l_o_u),
		cmocka_unit_test(receipt_refuses_wrong_length),
		cmocka_unit_test(receipt_refuses_nul_and_punctuation),
		cmocka_unit_test(token_random_shape),
		cmocka_unit_test(kiosk_token_draws),
		cmocka_unit_test(kiosk_token_shape_refused),
		cmocka_unit_test(csrf_roundtrip),
		cmocka_unit_test(csrf_is_deterministic),
		cmocka_unit_test(csrf_known_answer),
		cmocka_unit_test(csrf_wrong_cookie_refused),
		cmocka_unit_test(csrf_wrong_key_refused),
		cmocka_unit_test(csrf_truncated_or_extended_refused),
		cmocka_unit_test(csrf_flipped_char_refused),
		cmocka_unit_test(csrf_empty_and_null_refused),
		cmocka_unit_test(form_token_roundtrip),
		cmocka_unit_test(form_token_known_answer),
		cmocka_unit_test(form_token_flipped_char_refused),
		cmocka_unit_test(form_token_other_key_refused),
		cmocka_unit_test(form_token_malformed_refused),
		cmocka_unit_test(uuid_good),
		cmocka_unit_test(uuid_bad),
		cmocka_unit_test(csrf_bound_apart_from_cookie_fields),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
