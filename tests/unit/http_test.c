/*
 * http_test.c: the form, query and cookie parsers and the Content-Type
 * check.  Inputs are copied into buffers of their exact size with no
 * terminator, so a read past insz shows up under valgrind or ASan.
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

#include "arena.h"
#include "buf.h"
#include "http.h"

static int
setup(void **state)
{
	*state = arena_new(4096);
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

/* Parse [s, s+len) from an unterminated heap copy, with the default limit. */
static enum parse_err
parsen(void **state, const char *s, size_t len, struct kvlist *out)
{
	char		*copy;
	enum parse_err	 er;

	copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, s, len);
	er = http_parse_urlencoded(*state, copy, len, HTTP_MAX_FIELDS, out);
	free(copy);
	return er;
}

static enum parse_err
parse(void **state, const char *s, struct kvlist *out)
{
	return parsen(state, s, strlen(s), out);
}

/* Assert that pair i is exactly name=value (value without NULs). */
static void
assert_pair(const struct kvlist *l, size_t i, const char *name,
    const char *value)
{
	assert_true(i < l->nkv);
	assert_string_equal(l->kv[i].name, name);
	assert_int_equal(l->kv[i].namesz, strlen(name));
	assert_string_equal(l->kv[i].value, value);
	assert_int_equal(l->kv[i].valuesz, strlen(value));
}

/* ---- http_parse_urlencoded -------------------------------------------- */

static void
form_empty_input(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "", &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
	assert_int_equal(http_parse_urlencoded(*state, NULL, 0, 10, &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 0);
}

static void
form_one_pair(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "full_name=Bart", &l), PARSE_OK);
	assert_int_equal(l.nkv, 1);
	assert_pair(&l, 0, "full_name", "Bart");
}

static void
form_several_pairs_in_order(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=1&b=2&c=3", &l), PARSE_OK);
	assert_int_equal(l.nkv, 3);
	assert_pair(&l, 0, "a", "1");
	assert_pair(&l, 1, "b", "2");
	assert_pair(&l, 2, "c", "3");
}

static void
form_plus_is_space(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "n=Jan+de+Vries", &l), PARSE_OK);
	assert_pair(&l, 0, "n", "Jan de Vries");
}

static void
form_encoded_plus_stays_plus(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "n=1%2B1", &l), PARSE_OK);
	assert_pair(&l, 0, "n", "1+1");
}

static void
form_percent_decoding_both_cases(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "n=%C3%a9%26%3D", &l), PARSE_OK);
	assert_pair(&l, 0, "n", "é&=");
}

static void
form_name_is_decoded(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "full%5Fname=x&a+b=y", &l), PARSE_OK);
	assert_pair(&l, 0, "full_name", "x");
	assert_pair(&l, 1, "a b", "y");
}

static void
form_value_keeps_later_equals(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "t=a=b==", &l), PARSE_OK);
	assert_pair(&l, 0, "t", "a=b==");
}

static void
form_pair_without_equals_is_empty_value(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "listed&b=2", &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "listed", "");
	assert_pair(&l, 1, "b", "2");
}

static void
form_empty_value(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=&b=", &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "a", "");
	assert_pair(&l, 1, "b", "");
}

static void
form_empty_segments_skipped(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "&&a=1&&&b=2&", &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "a", "1");
	assert_pair(&l, 1, "b", "2");
}

static void
form_only_ampersands(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "&&&&", &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
}

static void
form_empty_name_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "=x", &l), PARSE_MALFORMED);
	assert_int_equal(l.nkv, 0);
	assert_int_equal(parse(state, "a=1&=", &l), PARSE_MALFORMED);
	assert_int_equal(l.nkv, 0);
}

static void
form_lone_percent_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=%", &l), PARSE_MALFORMED);
}

static void
form_percent_one_digit_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=%4", &l), PARSE_MALFORMED);
}

static void
form_percent_one_digit_then_pair_malformed(void **state)
{
	struct kvlist	 l;

	/* The escape must not borrow bytes from the next pair. */
	assert_int_equal(parse(state, "a=%4&b=1", &l), PARSE_MALFORMED);
	assert_int_equal(parse(state, "a=%&41", &l), PARSE_MALFORMED);
}

static void
form_percent_not_hex_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=%zz", &l), PARSE_MALFORMED);
	assert_int_equal(parse(state, "a=%4g", &l), PARSE_MALFORMED);
	assert_int_equal(parse(state, "a=%g4", &l), PARSE_MALFORMED);
}

static void
form_broken_escape_in_name_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "%zz=1", &l), PARSE_MALFORMED);
	assert_int_equal(parse(state, "a%=1", &l), PARSE_MALFORMED);
}

static void
form_percent_at_end_of_input_malformed(void **state)
{
	struct kvlist	 l;

	/* The byte after insz is a valid hex digit; it must not be read. */
	assert_int_equal(http_parse_urlencoded(*state, "a=%41", 4,
	    HTTP_MAX_FIELDS, &l), PARSE_MALFORMED);
}

static void
form_reads_only_insz_bytes(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, "a=12&b=3", 4,
	    HTTP_MAX_FIELDS, &l), PARSE_OK);
	assert_int_equal(l.nkv, 1);
	assert_pair(&l, 0, "a", "12");
}

static void
form_percent00_embedded_nul(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "a=x%00y", &l), PARSE_OK);
	assert_int_equal(l.kv[0].valuesz, 3);
	assert_memory_equal(l.kv[0].value, "x\0y", 4);
	assert_int_equal(strlen(l.kv[0].value), 1);
}

static void
form_raw_nul_byte_kept(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parsen(state, "a=x\0y", 5, &l), PARSE_OK);
	assert_int_equal(l.kv[0].valuesz, 3);
	assert_memory_equal(l.kv[0].value, "x\0y", 3);
}

static void
form_high_bytes_passed_through(void **state)
{
	struct kvlist	 l;

	/* Validation, not parsing, decides what bytes are allowed. */
	assert_int_equal(parse(state, "a=%FF%C0%80\xfe", &l), PARSE_OK);
	assert_int_equal(l.kv[0].valuesz, 4);
	assert_memory_equal(l.kv[0].value, "\xff\xc0\x80\xfe", 4);
}

/* A body of n pairs "fN=N&..." built in the arena. */
static const char *
make_pairs(void **state, size_t n, size_t *len)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*s;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%sf%zu=%zu", i ? "&" : "", i, i);
	assert_false(b.oom);
	s = arena_strndup(*state, b.p ? b.p : "", b.len);
	*len = b.len;
	buf_free(&b);
	return s;
}

static void
form_exactly_max_fields_ok(void **state)
{
	struct kvlist	 l;
	const char	*s;
	size_t		 len;

	s = make_pairs(state, HTTP_MAX_FIELDS, &len);
	assert_int_equal(parsen(state, s, len, &l), PARSE_OK);
	assert_int_equal(l.nkv, HTTP_MAX_FIELDS);
	assert_pair(&l, 199, "f199", "199");
}

static void
form_one_over_max_fields_too_many(void **state)
{
	struct kvlist	 l;
	const char	*s;
	size_t		 len;

	s = make_pairs(state, HTTP_MAX_FIELDS + 1, &len);
	assert_int_equal(parsen(state, s, len, &l), PARSE_TOO_MANY);
	assert_int_equal(l.nkv, 0);
}

static void
form_too_many_wins_over_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, "a=%&b&c", 7, 2, &l),
	    PARSE_TOO_MANY);
}

static void
form_empty_segments_not_counted(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, "&&a&&b&&", 8, 2, &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 2);
}

static void
form_many_ampersands_cheap(void **state)
{
	struct kvlist	 l;
	char		*s;
	size_t		 len = 64 * 1024;

	s = malloc(len);
	assert_non_null(s);
	memset(s, '&', len);
	assert_int_equal(http_parse_urlencoded(*state, s, len,
	    HTTP_MAX_FIELDS, &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
	s[len - 1] = 'x';
	assert_int_equal(http_parse_urlencoded(*state, s, len,
	    HTTP_MAX_FIELDS, &l), PARSE_OK);
	assert_int_equal(l.nkv, 1);
	assert_pair(&l, 0, "x", "");
	free(s);
}

static void
form_max_fields_zero(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, "a", 1, 0, &l),
	    PARSE_TOO_MANY);
	assert_int_equal(http_parse_urlencoded(*state, "&", 1, 0, &l),
	    PARSE_OK);
}

/* ---- kvlist_get ------------------------------------------------------- */

static void
get_first_and_count(void **state)
{
	struct kvlist	 l;
	const struct kv	*kv;
	size_t		 n;

	assert_int_equal(parse(state, "a=1&b=2&a=3", &l), PARSE_OK);
	kv = kvlist_get(&l, "a", &n);
	assert_non_null(kv);
	assert_string_equal(kv->value, "1");
	assert_int_equal(n, 2);
	kv = kvlist_get(&l, "b", &n);
	assert_string_equal(kv->value, "2");
	assert_int_equal(n, 1);
}

static void
get_absent(void **state)
{
	struct kvlist	 l;
	size_t		 n = 99;

	assert_int_equal(parse(state, "a=1", &l), PARSE_OK);
	assert_null(kvlist_get(&l, "b", &n));
	assert_int_equal(n, 0);
	assert_null(kvlist_get(&l, "a1", NULL));
	assert_null(kvlist_get(&l, "", NULL));
}

static void
get_is_case_sensitive(void **state)
{
	struct kvlist	 l;

	assert_int_equal(parse(state, "Email=x", &l), PARSE_OK);
	assert_null(kvlist_get(&l, "email", NULL));
}

static void
get_name_with_nul_never_matches(void **state)
{
	struct kvlist	 l;
	size_t		 n;

	assert_int_equal(parse(state, "email%00x=evil&email=good", &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_string_equal(kvlist_get(&l, "email", &n)->value, "good");
	assert_int_equal(n, 1);
}

static void
get_empty_list(void **state)
{
	struct kvlist	 l = { NULL, 0 };
	size_t		 n = 5;

	assert_null(kvlist_get(&l, "a", &n));
	assert_int_equal(n, 0);
	assert_null(kvlist_get(NULL, "a", &n));
	assert_int_equal(n, 0);
}

/* ---- http_parse_cookies ----------------------------------------------- */

static void
cookie_none(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, NULL, &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
	assert_int_equal(http_parse_cookies(*state, "", &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
}

static void
cookie_two_pairs(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "csrf=abc; lang=fr", &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "csrf", "abc");
	assert_pair(&l, 1, "lang", "fr");
}

static void
cookie_no_space_after_semicolon(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "a=1;b=2", &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 1, "b", "2");
}

static void
cookie_quotes_removed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "a=\"x y\"; b=\"\"", &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "a", "x y");
	assert_pair(&l, 1, "b", "");
}

static void
cookie_unbalanced_quote_skipped(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state,
	    "a=\"x; b=y\"; c=\"; d=1", &l), PARSE_OK);
	assert_int_equal(l.nkv, 1);
	assert_pair(&l, 0, "d", "1");
}

static void
cookie_spaces_trimmed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state,
	    "  a = 1 ;\tb=2\t;  ", &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "a", "1");
	assert_pair(&l, 1, "b", "2");
}

static void
cookie_values_not_decoded(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "a=%41+b", &l), PARSE_OK);
	assert_pair(&l, 0, "a", "%41+b");
}

static void
cookie_value_keeps_equals(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "t=YWJj==", &l),
	    PARSE_OK);
	assert_pair(&l, 0, "t", "YWJj==");
}

static void
cookie_junk_skipped(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state,
	    "junk; =nameless; ;;; a b=1; x(y)=2; ok=yes; c=\x01; e=", &l),
	    PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "ok", "yes");
	assert_pair(&l, 1, "e", "");
}

static void
cookie_only_semicolons(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, ";;;", &l), PARSE_OK);
	assert_int_equal(l.nkv, 0);
}

static void
cookie_duplicates_first_wins(void **state)
{
	struct kvlist	 l;
	size_t		 n;

	assert_int_equal(http_parse_cookies(*state, "csrf=a; csrf=b", &l),
	    PARSE_OK);
	assert_string_equal(kvlist_get(&l, "csrf", &n)->value, "a");
	assert_int_equal(n, 2);
}

static void
cookie_high_bytes_in_value_kept(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_cookies(*state, "a=\xc3\xa9", &l),
	    PARSE_OK);
	assert_pair(&l, 0, "a", "\xc3\xa9");
}

/* ---- http_accepts_gzip ------------------------------------------------ */

static void
accepts_gzip_as_listed(void **state)
{
	(void)state;
	assert_true(http_accepts_gzip("gzip"));
	assert_true(http_accepts_gzip("gzip, deflate, br"));
	assert_true(http_accepts_gzip("br;q=1.0, GZIP ;q=0.5"));
	assert_true(http_accepts_gzip("x-gzip"));
	assert_true(http_accepts_gzip("\tgzip;q=0.001"));
	assert_true(http_accepts_gzip(", ,gzip"));
	assert_false(http_accepts_gzip(NULL));
	assert_false(http_accepts_gzip(""));
	assert_false(http_accepts_gzip("*"));
	assert_false(http_accepts_gzip("deflate, br"));
	assert_false(http_accepts_gzip("gzipper, xgzip"));
	assert_false(http_accepts_gzip("gzip;q=0"));
	assert_false(http_accepts_gzip("gzip; q = 0.000"));
	assert_false(http_accepts_gzip("identity, gzip;level=9;q=0."));
	assert_true(http_accepts_gzip("gzip;q=0, x-gzip"));
	assert_false(http_accepts_gzip("br;q=0, deflate"));
}

/* ---- http_is_form_type ------------------------------------------------ */

static void
ctype_plain(void **state)
{
	assert_true(http_is_form_type("application/x-www-form-urlencoded"));
}

static void
ctype_any_case(void **state)
{
	assert_true(http_is_form_type("Application/X-WWW-Form-URLEncoded"));
}

static void
ctype_charset_utf8(void **state)
{
	assert_true(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=UTF-8"));
	assert_true(http_is_form_type(
	    "application/x-www-form-urlencoded;charset=utf-8"));
}

static void
ctype_charset_quoted(void **state)
{
	assert_true(http_is_form_type(
	    "application/x-www-form-urlencoded;charset=\"utf-8\""));
}

static void
ctype_spaces_allowed(void **state)
{
	assert_true(http_is_form_type(
	    " application/x-www-form-urlencoded ;  Charset = utf-8 "));
}

static void
ctype_null_and_empty(void **state)
{
	assert_false(http_is_form_type(NULL));
	assert_false(http_is_form_type(""));
}

static void
ctype_text_plain(void **state)
{
	assert_false(http_is_form_type("text/plain"));
}

static void
ctype_multipart(void **state)
{
	assert_false(http_is_form_type(
	    "multipart/form-data; boundary=----x"));
}

static void
ctype_other_charset(void **state)
{
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=latin1"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=utf-16"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=utf8"));
}

static void
ctype_prefix_or_suffix(void **state)
{
	assert_false(http_is_form_type("application/x-www-form-urlencode"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencodedx"));
	assert_false(http_is_form_type(
	    "xapplication/x-www-form-urlencoded"));
}

static void
ctype_other_parameter(void **state)
{
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; boundary=x"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=utf-8; x=y"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=utf-8x"));
}

static void
ctype_broken_parameter(void **state)
{
	assert_false(http_is_form_type("application/x-www-form-urlencoded;"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=\"utf-8"));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded; charset=utf-8\""));
	assert_false(http_is_form_type(
	    "application/x-www-form-urlencoded, text/plain"));
}

/* ---- http_parse_query ------------------------------------------------ */

static void
query_plain_pairs(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_query(*state, "status=rejected&page=2",
	    22, HTTP_MAX_FIELDS, &l), PARSE_OK);
	assert_int_equal(l.nkv, 2);
	assert_pair(&l, 0, "status", "rejected");
	assert_pair(&l, 1, "page", "2");
}

/* A value cut at a NUL would be read as another value: refused whole. */
static void
query_nul_in_value_malformed(void **state)
{
	struct kvlist	 l;
	const char	*q = "status=rejected%00junk";

	assert_int_equal(http_parse_query(*state, q, strlen(q),
	    HTTP_MAX_FIELDS, &l), PARSE_MALFORMED);
	assert_int_equal(l.nkv, 0);
	assert_null(l.kv);
}

static void
query_nul_in_name_malformed(void **state)
{
	struct kvlist	 l;
	const char	*q = "a=1&status%00x=rejected";

	assert_int_equal(http_parse_query(*state, q, strlen(q),
	    HTTP_MAX_FIELDS, &l), PARSE_MALFORMED);
	assert_int_equal(l.nkv, 0);
}

static void
query_lone_nul_value_malformed(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_query(*state, "q=%00", 5,
	    HTTP_MAX_FIELDS, &l), PARSE_MALFORMED);
}

static void
query_other_errors_kept(void **state)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_query(*state, "a=%zz", 5,
	    HTTP_MAX_FIELDS, &l), PARSE_MALFORMED);
	assert_int_equal(http_parse_query(*state, "a=1&b=2", 7, 1, &l),
	    PARSE_TOO_MANY);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(accepts_gzip_as_listed),
		T(form_empty_input),
		T(form_one_pair),
		T(form_several_pairs_in_order),
		T(form_plus_is_space),
		T(form_encoded_plus_stays_plus),
		T(form_percent_decoding_both_cases),
		T(form_name_is_decoded),
		T(form_value_keeps_later_equals),
		T(form_pair_without_equals_is_empty_value),
		T(form_empty_value),
		T(form_empty_segments_skipped),
		T(form_only_ampersands),
		T(form_empty_name_malformed),
		T(form_lone_percent_malformed),
		T(form_percent_one_digit_malformed),
		T(form_percent_one_digit_then_pair_malformed),
		T(form_percent_not_hex_malformed),
		T(form_broken_escape_in_name_malformed),
		T(form_percent_at_end_of_input_malformed),
		T(form_reads_only_insz_bytes),
		T(form_percent00_embedded_nul),
		T(form_raw_nul_byte_kept),
		T(form_high_bytes_passed_through),
		T(form_exactly_max_fields_ok),
		T(form_one_over_max_fields_too_many),
		T(form_too_many_wins_over_malformed),
		T(form_empty_segments_not_counted),
		T(form_many_ampersands_cheap),
		T(form_max_fields_zero),
		T(query_plain_pairs),
		T(query_nul_in_value_malformed),
		T(query_nul_in_name_malformed),
		T(query_lone_nul_value_malformed),
		T(query_other_errors_kept),
		T(get_first_and_count),
		T(get_absent),
		T(get_is_case_sensitive),
		T(get_name_with_nul_never_matches),
		T(get_empty_list),
		T(cookie_none),
		T(cookie_two_pairs),
		T(cookie_no_space_after_semicolon),
		T(cookie_quotes_removed),
		T(cookie_unbalanced_quote_skipped),
		T(cookie_spaces_trimmed),
		T(cookie_values_not_decoded),
		T(cookie_value_keeps_equals),
		T(cookie_junk_skipped),
		T(cookie_only_semicolons),
		T(cookie_duplicates_first_wins),
		T(cookie_high_bytes_in_value_kept),
		T(ctype_plain),
		T(ctype_any_case),
		T(ctype_charset_utf8),
		T(ctype_charset_quoted),
		T(ctype_spaces_allowed),
		T(ctype_null_and_empty),
		T(ctype_text_plain),
		T(ctype_multipart),
		T(ctype_other_charset),
		T(ctype_prefix_or_suffix),
		T(ctype_other_parameter),
		T(ctype_broken_parameter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
