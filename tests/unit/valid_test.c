/*
 * valid_test.c: the input rules of DESIGN.md, one behaviour a case:
 * UTF-8 strictness, control characters, lengths in code points, e-mail
 * addresses, dates, SDG lists, and valid_form's handling of absent,
 * empty and repeated fields.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "valid.h"

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

#define UTF8_OK(s)	assert_true(valid_utf8((s), sizeof(s) - 1))
#define UTF8_BAD(s)	assert_false(valid_utf8((s), sizeof(s) - 1))
#define EMAIL_OK(s)	assert_true(valid_email((s), strlen(s)))
#define EMAIL_BAD(s)	assert_false(valid_email((s), strlen(s)))
#define DATE_OK(s)	assert_true(valid_date((s), strlen(s)))
#define DATE_BAD(s)	assert_false(valid_date((s), strlen(s)))

static const char *const roles[] = {
	"mayor", "deputy_mayor", "governor", "council_member", "other", NULL
};

/* Run valid_value on [v, v+vsz) for a field of type t and limit max. */
static enum verr
check(void **state, enum ftype t, size_t max, const char *v, size_t vsz,
    const char **norm, size_t *normsz)
{
	struct fielddef	 def = { "f", t, 0, max, roles };

	return valid_value(*state, &def, v, vsz, norm, normsz);
}

/* The same for a NUL-terminated value, not asking for the result. */
static enum verr
checks(void **state, enum ftype t, size_t max, const char *v)
{
	return check(state, t, max, v, strlen(v), NULL, NULL);
}

/* Assert that v, as type t, is accepted and normalised to want. */
static void
assert_norm(void **state, enum ftype t, size_t max, const char *v,
    const char *want)
{
	const char	*norm = NULL;
	size_t		 normsz = 0;

	assert_int_equal(check(state, t, max, v, strlen(v), &norm, &normsz),
	    VERR_OK);
	assert_non_null(norm);
	assert_string_equal(norm, want);
	assert_int_equal(normsz, strlen(want));
}

/* n copies of s joined, in the arena. */
static const char *
repeat(void **state, const char *s, size_t n)
{
	size_t	 len = strlen(s), i;
	char	*p;

	p = arena_alloc(*state, len * n + 1);
	assert_non_null(p);
	for (i = 0; i < n; i++)
		memcpy(p + i * len, s, len);
	p[len * n] = '\0';
	return p;
}

/* ---- valid_utf8, utf8_chars ------------------------------------------- */

static void
utf8_ascii_and_empty(void **state)
{
	UTF8_OK("");
	UTF8_OK("Mechelen");
}

static void
utf8_two_three_four_bytes(void **state)
{
	UTF8_OK("\xc3\xa9");		/* é */
	UTF8_OK("\xe2\x82\xac");	/* € */
	UTF8_OK("\xf0\x9f\x98\x80");	/* U+1F600 */
	UTF8_OK("\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9");
}

static void
utf8_boundaries_ok(void **state)
{
	UTF8_OK("\x7f");
	UTF8_OK("\xc2\x80");		/* U+0080 */
	UTF8_OK("\xdf\xbf");		/* U+07FF */
	UTF8_OK("\xe0\xa0\x80");	/* U+0800 */
	UTF8_OK("\xed\x9f\xbf");	/* U+D7FF */
	UTF8_OK("\xee\x80\x80");	/* U+E000 */
	UTF8_OK("\xef\xbf\xbf");	/* U+FFFF */
	UTF8_OK("\xf0\x90\x80\x80");	/* U+10000 */
	UTF8_OK("\xf4\x8f\xbf\xbf");	/* U+10FFFF */
}

static void
utf8_overlong_two_bytes(void **state)
{
	UTF8_BAD("\xc0\x80");
	UTF8_BAD("\xc0\xaf");
	UTF8_BAD("\xc1\xbf");
}

static void
utf8_overlong_three_bytes(void **state)
{
	UTF8_BAD("\xe0\x80\x80");
	UTF8_BAD("\xe0\x80\xaf");
	UTF8_BAD("\xe0\x9f\xbf");
}

static void
utf8_overlong_four_bytes(void **state)
{
	UTF8_BAD("\xf0\x80\x80\x80");
	UTF8_BAD("\xf0\x8f\xbf\xbf");
}

static void
utf8_surrogates(void **state)
{
	UTF8_BAD("\xed\xa0\x80");	/* U+D800 */
	UTF8_BAD("\xed\xaf\xbf");	/* U+DBFF */
	UTF8_BAD("\xed\xb0\x80");	/* U+DC00 */
	UTF8_BAD("\xed\xbf\xbf");	/* U+DFFF */
	UTF8_BAD("\xed\xa0\xbd\xed\xb8\x80");	/* CESU-8 pair */
}

static void
utf8_above_max(void **state)
{
	UTF8_BAD("\xf4\x90\x80\x80");	/* U+110000 */
	UTF8_BAD("\xf5\x80\x80\x80");
	UTF8_BAD("\xf7\xbf\xbf\xbf");
	UTF8_BAD("\xf8\x88\x80\x80\x80");
	UTF8_BAD("\xfc\x84\x80\x80\x80\x80");
}

static void
utf8_fe_ff(void **state)
{
	UTF8_BAD("\xfe");
	UTF8_BAD("\xff");
	UTF8_BAD("a\xffz");
}

static void
utf8_stray_continuation(void **state)
{
	UTF8_BAD("\x80");
	UTF8_BAD("\xbf");
	UTF8_BAD("a\x80");
	UTF8_BAD("\xc3\xa9\xa9");
}

static void
utf8_truncated(void **state)
{
	UTF8_BAD("\xc3");
	UTF8_BAD("\xe2\x82");
	UTF8_BAD("\xf0\x9f\x98");
	UTF8_BAD("\xe2\x82" "A");
	UTF8_BAD("\xf0\x9f\x98" "A");
	UTF8_BAD("\xc3 ");
}

static void
utf8_respects_length(void **state)
{
	assert_false(valid_utf8("\xc3\xa9", 1));
	assert_false(valid_utf8("\xf0\x9f\x98\x80", 3));
	assert_true(valid_utf8("ab\xff", 2));
}

static void
utf8_nul_is_well_formed(void **state)
{
	/* valid_utf8 is about encoding; valid_value refuses the NUL. */
	assert_true(valid_utf8("a\0b", 3));
}

static void
chars_counts_code_points(void **state)
{
	assert_int_equal(utf8_chars("", 0), 0);
	assert_int_equal(utf8_chars("abc", 3), 3);
	assert_int_equal(utf8_chars("h\xc3\xa9llo", 6), 5);
	assert_int_equal(utf8_chars("\xe2\x82\xac\xf0\x9f\x98\x80", 7), 2);
}

/* ---- valid_email ------------------------------------------------------ */

static void
email_good(void **state)
{
	EMAIL_OK("a@b.co");
	EMAIL_OK("jan.de.vries+endorse@mechelen.be");
	EMAIL_OK("o'brien@example.org");
	EMAIL_OK("mayor@city-hall.example.gov.uk");
	EMAIL_OK("user@xn--bcher-kva.example");
	EMAIL_OK("x_y-z@123.example");
}

static void
email_good_non_ascii(void **state)
{
	EMAIL_OK("info@b\xc3\xbc" "cher.de");
	EMAIL_OK("\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90."
	    "\xe4\xb8\xad\xe5\x9b\xbd");
}

static void
email_no_at_or_two_ats(void **state)
{
	EMAIL_BAD("");
	EMAIL_BAD("no-at.example.org");
	EMAIL_BAD("a@@b.org");
	EMAIL_BAD("a@b@c.org");
}

static void
email_empty_parts(void **state)
{
	EMAIL_BAD("@b.org");
	EMAIL_BAD("a@");
	EMAIL_BAD("a@.");
}

static void
email_domain_needs_dot(void **state)
{
	EMAIL_BAD("a@localhost");
	EMAIL_BAD("a@b");
}

static void
email_empty_labels(void **state)
{
	EMAIL_BAD("a@.b.org");
	EMAIL_BAD("a@b..org");
	EMAIL_BAD("a@b.org.");
}

static void
email_bad_label_characters(void **state)
{
	EMAIL_BAD("a@-b.org");
	EMAIL_BAD("a@b-.org");
	EMAIL_BAD("a@b_c.org");
	EMAIL_BAD("a@b!.org");
	EMAIL_BAD("a@[127.0.0.1]");
}

static void
email_spaces_and_controls(void **state)
{
	EMAIL_BAD("a b@c.org");
	EMAIL_BAD("a@b c.org");
	EMAIL_BAD(" a@b.org");
	EMAIL_BAD("a@b.org ");
	EMAIL_BAD("a\t@b.org");
	EMAIL_BAD("a@b.org\n");
	EMAIL_BAD("a@b.org\r\nBcc: x@y.org");
	EMAIL_BAD("a\x7f@b.org");
	EMAIL_BAD("a\xc2\x85@b.org");		/* U+0085 NEL */
	EMAIL_BAD("a\xc2\xa0@b.org");		/* no-break space */
	EMAIL_BAD("a@b\xe2\x80\x8b.org");	/* zero-width space */
	EMAIL_BAD("a@b\xe2\x80\xae.org");	/* right-to-left override */
	assert_false(valid_email("a\0@b.org", 8));
}

static void
email_html_and_quotes(void **state)
{
	EMAIL_BAD("<a>@b.org");
	EMAIL_BAD("\"a\"@b.org");
	EMAIL_BAD("a,b@c.org");
	EMAIL_BAD("a;b@c.org");
	EMAIL_BAD("a@b.org>");
}

static void
email_bad_utf8(void **state)
{
	EMAIL_BAD("a@b\xff.org");
	EMAIL_BAD("a\xc0\xae@b.org");
}

/* An address of exactly total bytes: a 64-byte local part and labels. */
static const char *
long_email(void **state, size_t total)
{
	struct buf	 b = { 0 };
	const char	*s;

	buf_puts(&b, repeat(state, "l", 64));
	buf_putc(&b, '@');
	while (b.len < total) {
		if (total - b.len > 64) {
			buf_puts(&b, repeat(state, "d", 63));
			buf_putc(&b, '.');
		} else
			buf_puts(&b, repeat(state, "t", total - b.len));
	}
	s = arena_strndup(*state, b.p, b.len);
	buf_free(&b);
	return s;
}

static void
email_254_bytes_ok_255_not(void **state)
{
	const char	*s;

	s = long_email(state, 254);
	assert_int_equal(strlen(s), 254);
	EMAIL_OK(s);
	s = long_email(state, 255);
	assert_int_equal(strlen(s), 255);
	EMAIL_BAD(s);
}

static void
email_local_part_limit(void **state)
{
	char	 s[128];

	snprintf(s, sizeof(s), "%s@b.org", repeat(state, "a", 64));
	EMAIL_OK(s);
	snprintf(s, sizeof(s), "%s@b.org", repeat(state, "a", 65));
	EMAIL_BAD(s);
}

static void
email_label_limit(void **state)
{
	char	 s[128];

	snprintf(s, sizeof(s), "a@%s.org", repeat(state, "b", 63));
	EMAIL_OK(s);
	snprintf(s, sizeof(s), "a@%s.org", repeat(state, "b", 64));
	EMAIL_BAD(s);
}

static void
email_respects_length(void **state)
{
	assert_true(valid_email("a@b.org junk", 7));
	assert_false(valid_email("a@b.org", 4));
}

/* ---- valid_date ------------------------------------------------------- */

static void
date_ordinary(void **state)
{
	DATE_OK("2023-12-31");
	DATE_OK("2024-04-30");
	DATE_OK("2030-01-01");
}

static void
date_leap_years(void **state)
{
	DATE_OK("2024-02-29");
	DATE_OK("2000-02-29");
	DATE_BAD("2023-02-29");
	DATE_BAD("1900-02-29");
	DATE_BAD("2100-02-29");
	DATE_BAD("2024-02-30");
}

static void
date_month_out_of_range(void **state)
{
	DATE_BAD("2023-13-01");
	DATE_BAD("2023-00-10");
}

static void
date_day_out_of_range(void **state)
{
	DATE_BAD("2023-01-00");
	DATE_BAD("2023-01-32");
	DATE_BAD("2023-04-31");
	DATE_BAD("2023-06-31");
	DATE_BAD("2023-09-31");
	DATE_BAD("2023-11-31");
}

static void
date_year_range(void **state)
{
	DATE_OK("1900-01-01");
	DATE_OK("2200-12-31");
	DATE_BAD("1899-12-31");
	DATE_BAD("2201-01-01");
	DATE_BAD("0000-01-01");
	DATE_BAD("9999-12-31");
}

static void
date_bad_shape(void **state)
{
	DATE_BAD("");
	DATE_BAD("2023-1-01");
	DATE_BAD("2023-01-1");
	DATE_BAD("2023/01/01");
	DATE_BAD("20230101");
	DATE_BAD(" 2023-01-01");
	DATE_BAD("2023-01-01 ");
	DATE_BAD("+023-01-01");
	DATE_BAD("2023-01-0a");
	DATE_BAD("2023-01-01T00:00:00Z");
	DATE_BAD("01-01-2023");
	DATE_BAD("2023-\xd9\xa1-01");
}

static void
date_respects_length(void **state)
{
	assert_true(valid_date("2024-02-29junk", 10));
	assert_false(valid_date("2024-02-29", 9));
}

/* ---- valid_value: bytes, controls, lengths ---------------------------- */

static void
value_text_plain(void **state)
{
	assert_norm(state, FT_TEXT, 200, "Bart Somers", "Bart Somers");
}

static void
value_text_trimmed(void **state)
{
	assert_norm(state, FT_TEXT, 200, "   Mechelen  ", "Mechelen");
	assert_norm(state, FT_TEXT, 200, "a  b", "a  b");
}

static void
value_embedded_nul(void **state)
{
	assert_int_equal(check(state, FT_TEXT, 0, "a\0b", 3, NULL, NULL),
	    VERR_UTF8);
	assert_int_equal(check(state, FT_MULTILINE, 0, "\0", 1, NULL, NULL),
	    VERR_UTF8);
	assert_int_equal(check(state, FT_TOKEN, 0, "a\0", 2, NULL, NULL),
	    VERR_UTF8);
}

static void
value_bad_utf8(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, "caf\xe9"), VERR_UTF8);
	assert_int_equal(checks(state, FT_TEXT, 0, "\xc0\x80"), VERR_UTF8);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "\xed\xa0\x80"),
	    VERR_UTF8);
	assert_int_equal(checks(state, FT_EMAIL, 0, "a@\xff.org"), VERR_UTF8);
}

static void
value_utf8_checked_before_control(void **state)
{
	assert_int_equal(check(state, FT_TEXT, 0, "\x01\0", 2, NULL, NULL),
	    VERR_UTF8);
	assert_int_equal(checks(state, FT_TEXT, 0, "\x01\xff"), VERR_UTF8);
}

static void
value_c0_controls_refused(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, "a\x01"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\x1b[31m"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\x1f"), VERR_CONTROL);
}

static void
value_text_refuses_tab_and_newlines(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, "a\tb"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\nb"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\rb"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\r\n"), VERR_CONTROL);
}

static void
value_del_refused(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, "a\x7f"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "\x7f"), VERR_CONTROL);
}

static void
value_c1_controls_refused(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, "\xc2\x80"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "a\xc2\x85z"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "\xc2\x9f"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_TEXT, 0, "\xc2\xa0"), VERR_OK);
}

static void
value_control_checked_before_length(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 2, "abc\x01"), VERR_CONTROL);
}

static void
value_multiline_allows_tab_and_lf(void **state)
{
	assert_norm(state, FT_MULTILINE, 0, "a\tb\nc", "a\tb\nc");
}

static void
value_multiline_crlf_to_lf(void **state)
{
	assert_norm(state, FT_MULTILINE, 0, "one\r\ntwo\r\n", "one\ntwo\n");
}

static void
value_multiline_lone_cr_to_lf(void **state)
{
	assert_norm(state, FT_MULTILINE, 0, "a\rb\r", "a\nb\n");
	assert_norm(state, FT_MULTILINE, 0, "\r\r\n\n", "\n\n\n");
	assert_norm(state, FT_MULTILINE, 0, "\n\r", "\n\n");
}

static void
value_multiline_not_trimmed(void **state)
{
	assert_norm(state, FT_MULTILINE, 0, "  a  ", "  a  ");
}

static void
value_multiline_refuses_other_controls(void **state)
{
	assert_int_equal(checks(state, FT_MULTILINE, 0, "a\x0b"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "a\x0c"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "\x1b"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_MULTILINE, 0, "\x08"),
	    VERR_CONTROL);
}

static void
value_exactly_max_chars_ok(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 200, repeat(state, "a", 200)),
	    VERR_OK);
}

static void
value_one_over_max_chars(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 200, repeat(state, "a", 201)),
	    VERR_TOO_LONG);
}

static void
value_max_counts_code_points_not_bytes(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 200,
	    repeat(state, "\xc3\xa9", 200)), VERR_OK);
	assert_int_equal(checks(state, FT_TEXT, 200,
	    repeat(state, "\xc3\xa9", 201)), VERR_TOO_LONG);
	assert_int_equal(checks(state, FT_TEXT, 100,
	    repeat(state, "\xf0\x9f\x98\x80", 100)), VERR_OK);
	assert_int_equal(checks(state, FT_TEXT, 100,
	    repeat(state, "\xf0\x9f\x98\x80", 101)), VERR_TOO_LONG);
}

static void
value_max_counted_after_trim(void **state)
{
	const char	*s;

	s = arena_printf(*state, "   %s   ", repeat(state, "a", 200));
	assert_int_equal(checks(state, FT_TEXT, 200, s), VERR_OK);
}

static void
value_max_counted_after_crlf(void **state)
{
	/* 5,000 characters once CR LF is one LF: 7,500 bytes sent. */
	assert_int_equal(checks(state, FT_MULTILINE, 5000,
	    repeat(state, "a\r\n", 2500)), VERR_OK);
	assert_int_equal(checks(state, FT_MULTILINE, 5000,
	    repeat(state, "ab\r\n", 1667)), VERR_TOO_LONG);
}

static void
value_zero_max_is_no_limit(void **state)
{
	assert_int_equal(checks(state, FT_TEXT, 0, repeat(state, "a", 60000)),
	    VERR_OK);
}

static void
value_length_checked_before_type(void **state)
{
	assert_int_equal(checks(state, FT_CHOICE, 3, "governor"),
	    VERR_TOO_LONG);
	assert_int_equal(checks(state, FT_EMAIL, 5, "not an email"),
	    VERR_TOO_LONG);
}

/* ---- valid_value: types ----------------------------------------------- */

static void
choice_listed(void **state)
{
	assert_norm(state, FT_CHOICE, 0, "mayor", "mayor");
	assert_norm(state, FT_CHOICE, 0, "council_member", "council_member");
}

static void
choice_trimmed(void **state)
{
	assert_norm(state, FT_CHOICE, 0, " other ", "other");
}

static void
choice_not_listed(void **state)
{
	assert_int_equal(checks(state, FT_CHOICE, 0, "Mayor"), VERR_CHOICE);
	assert_int_equal(checks(state, FT_CHOICE, 0, "may"), VERR_CHOICE);
	assert_int_equal(checks(state, FT_CHOICE, 0, "mayors"), VERR_CHOICE);
	assert_int_equal(checks(state, FT_CHOICE, 0, ""), VERR_CHOICE);
	assert_int_equal(check(state, FT_CHOICE, 0, "mayor\0x", 7, NULL,
	    NULL), VERR_UTF8);
}

static void
choice_without_list(void **state)
{
	struct fielddef	 def = { "f", FT_CHOICE, 0, 0, NULL };

	assert_int_equal(valid_value(*state, &def, "mayor", 5, NULL, NULL),
	    VERR_CHOICE);
}

static void
checkbox_any_value(void **state)
{
	assert_norm(state, FT_CHECKBOX, 0, "on", "1");
	assert_norm(state, FT_CHECKBOX, 0, "", "1");
	assert_norm(state, FT_CHECKBOX, 0, "\xff\x01", "1");
}

static void
email_value_trimmed_and_checked(void **state)
{
	assert_norm(state, FT_EMAIL, 254, " a@b.org ", "a@b.org");
	assert_int_equal(checks(state, FT_EMAIL, 254, "a@b"), VERR_EMAIL);
	assert_int_equal(checks(state, FT_EMAIL, 254, ""), VERR_EMAIL);
}

static void
country_known(void **state)
{
	assert_norm(state, FT_COUNTRY, 0, "BE", "BE");
	assert_norm(state, FT_COUNTRY, 0, " MX ", "MX");
}

static void
country_refused(void **state)
{
	assert_int_equal(checks(state, FT_COUNTRY, 0, "be"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "Be"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "BEL"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "B"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, ""), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "ZZ"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "B1"), VERR_COUNTRY);
	assert_int_equal(check(state, FT_COUNTRY, 0, "BE\0", 3, NULL, NULL),
	    VERR_UTF8);
}

static void
date_value(void **state)
{
	assert_norm(state, FT_DATE, 0, "2024-02-29", "2024-02-29");
	assert_int_equal(checks(state, FT_DATE, 0, "2023-02-29"), VERR_DATE);
	assert_int_equal(checks(state, FT_DATE, 0, " 2024-02-29"),
	    VERR_DATE);
}

static void
sdg_canonical(void **state)
{
	assert_norm(state, FT_SDG, 0, "10.7, 11.1", "10.7, 11.1");
	assert_norm(state, FT_SDG, 0, "10.7", "10.7");
}

static void
sdg_spaces_normalised(void **state)
{
	assert_norm(state, FT_SDG, 0, "10.7,11.1", "10.7, 11.1");
	assert_norm(state, FT_SDG, 0, "  10.7  ,   11.1 ", "10.7, 11.1");
	assert_norm(state, FT_SDG, 0, "1.1 ,2.2", "1.1, 2.2");
}

static void
sdg_letter_targets(void **state)
{
	assert_norm(state, FT_SDG, 0, "5.a, 10.c, 17.j", "5.a, 10.c, 17.j");
}

static void
sdg_bounds(void **state)
{
	assert_norm(state, FT_SDG, 0, "1.1, 17.20", "1.1, 17.20");
	assert_int_equal(checks(state, FT_SDG, 0, "18.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "0.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.21"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.0"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.k"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.A"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "100.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.100"), VERR_SDG);
}

static void
sdg_leading_zeros_refused(void **state)
{
	assert_int_equal(checks(state, FT_SDG, 0, "010.7"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.07"), VERR_SDG);
}

static void
sdg_empty_is_empty_list(void **state)
{
	assert_norm(state, FT_SDG, 0, "", "");
	assert_norm(state, FT_SDG, 0, "   ", "");
}

static void
sdg_broken_lists(void **state)
{
	assert_int_equal(checks(state, FT_SDG, 0, "10"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10."), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, ".7"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.7,"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, ",10.7"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.7,,11.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.7 11.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.7;11.1"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.ab"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10 .7"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "SDG 10.7"), VERR_SDG);
	assert_int_equal(checks(state, FT_SDG, 0, "10.7\t"), VERR_CONTROL);
}

static void
sdg_thirty_entries_ok_thirty_one_not(void **state)
{
	const char	*s;
	const char	*norm;
	size_t		 normsz;

	s = arena_printf(*state, "17.20%s", repeat(state, ",17.20", 29));
	assert_int_equal(check(state, FT_SDG, 0, s, strlen(s), &norm,
	    &normsz), VERR_OK);
	assert_int_equal(normsz, 30 * 5 + 29 * 2);
	assert_memory_equal(norm, "17.20, 17.20, ", 14);
	s = arena_printf(*state, "1.1%s", repeat(state, ",1.1", 30));
	assert_int_equal(checks(state, FT_SDG, 0, s), VERR_SDG);
}

/* The pad's grammar (more in signature_test.c). */
static void
signature_strokes_only(void **state)
{
	assert_norm(state, FT_SIGNATURE, 0, "10,10 20,20;5,5", "10,10 20,20;5,5");
	assert_int_equal(checks(state, FT_SIGNATURE, 0, "M10 10 L20 20"),
	    VERR_SIGNATURE);
	assert_int_equal(checks(state, FT_SIGNATURE, 0, "a\nb"),
	    VERR_CONTROL);
	assert_int_equal(checks(state, FT_SIGNATURE, 4, "1,2 3,4"),
	    VERR_TOO_LONG);
}

static void
token_checked_for_bytes_only(void **state)
{
	assert_norm(state, FT_TOKEN, 0, " anything ", " anything ");
	assert_int_equal(checks(state, FT_TOKEN, 0, "\x01"), VERR_CONTROL);
	assert_int_equal(checks(state, FT_TOKEN, 0, "\xff"), VERR_UTF8);
	assert_int_equal(checks(state, FT_TOKEN, 3, "abcd"), VERR_TOO_LONG);
}

static void
norm_untouched_on_error(void **state)
{
	const char	*norm = "keep";
	size_t		 normsz = 4;

	assert_int_equal(check(state, FT_TEXT, 1, "ab", 2, &norm, &normsz),
	    VERR_TOO_LONG);
	assert_string_equal(norm, "keep");
	assert_int_equal(normsz, 4);
}

static void
norm_is_a_terminated_copy(void **state)
{
	const char	 v[] = { 'a', 'b', 'c' };
	const char	*norm;
	size_t		 normsz;

	assert_int_equal(check(state, FT_TEXT, 0, v, 2, &norm, &normsz),
	    VERR_OK);
	assert_ptr_not_equal(norm, v);
	assert_string_equal(norm, "ab");
}

/* ---- valid_form ------------------------------------------------------- */

enum efield {
	EF_FULL_NAME, EF_ROLE, EF_GOVERNMENT_LEVEL, EF_LOCALITY, EF_COUNTRY,
	EF_EMAIL, EF_LISTED, EF_CONSENT, EF_TARGET_DATE, EF_DESCRIPTION,
	EF__MAX
};

static const char *const levels[] = { "local", "regional", NULL };

static const struct fielddef efields[EF__MAX] = {
	{ "full_name", FT_TEXT, FF_REQUIRED, 200, NULL },
	{ "role", FT_CHOICE, FF_REQUIRED, 0, roles },
	{ "government_level", FT_CHOICE, 0, 0, levels },
	{ "locality", FT_TEXT, FF_REQUIRED, 200, NULL },
	{ "country", FT_COUNTRY, FF_REQUIRED, 2, NULL },
	{ "email", FT_EMAIL, FF_REQUIRED, 254, NULL },
	{ "listed", FT_CHECKBOX, 0, 0, NULL },
	{ "consent", FT_CHECKBOX, FF_REQUIRED, 0, NULL },
	{ "target_date", FT_DATE, 0, 0, NULL },
	{ "description", FT_MULTILINE, 0, 5000, NULL },
};

/* Parse body and run valid_form over efields; returns its result. */
static int
form(void **state, const char *body, struct fieldval *out)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, body, strlen(body),
	    HTTP_MAX_FIELDS, &l), PARSE_OK);
	return valid_form(*state, efields, EF__MAX, &l, out);
}

#define GOOD	"full_name=Bart+Somers&role=mayor&locality=Mechelen" \
		"&country=BE&email=mayor%40mechelen.be&consent=on"

static void
form_all_good(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&listed=on&government_level=local"
	    "&description=a%0D%0Ab", v), 0);
	assert_string_equal(v[EF_FULL_NAME].value, "Bart Somers");
	assert_true(v[EF_FULL_NAME].present);
	assert_string_equal(v[EF_EMAIL].value, "mayor@mechelen.be");
	assert_string_equal(v[EF_GOVERNMENT_LEVEL].value, "local");
	assert_true(v[EF_LISTED].present);
	assert_string_equal(v[EF_DESCRIPTION].value, "a\nb");
	assert_int_equal(v[EF_DESCRIPTION].valuesz, 3);
}

static void
form_optional_absent(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD, v), 0);
	assert_false(v[EF_LISTED].present);
	assert_int_equal(v[EF_LISTED].err, VERR_OK);
	assert_false(v[EF_TARGET_DATE].present);
	assert_string_equal(v[EF_TARGET_DATE].value, "");
	assert_int_equal(v[EF_TARGET_DATE].valuesz, 0);
	assert_false(v[EF_DESCRIPTION].present);
}

static void
form_optional_empty_is_absent(void **state)
{
	struct fieldval	 v[EF__MAX];

	/* A blank <select> option and an empty date input. */
	assert_int_equal(form(state, GOOD "&government_level=&target_date=",
	    v), 0);
	assert_false(v[EF_GOVERNMENT_LEVEL].present);
	assert_int_equal(v[EF_GOVERNMENT_LEVEL].err, VERR_OK);
	assert_false(v[EF_TARGET_DATE].present);
	assert_int_equal(v[EF_TARGET_DATE].err, VERR_OK);
	assert_int_equal(form(state, GOOD "&government_level=+++", v), 0);
	assert_false(v[EF_GOVERNMENT_LEVEL].present);
}

static void
form_required_missing(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, "", v), 6);
	assert_int_equal(v[EF_FULL_NAME].err, VERR_MISSING);
	assert_int_equal(v[EF_ROLE].err, VERR_MISSING);
	assert_int_equal(v[EF_GOVERNMENT_LEVEL].err, VERR_OK);
	assert_int_equal(v[EF_LOCALITY].err, VERR_MISSING);
	assert_int_equal(v[EF_COUNTRY].err, VERR_MISSING);
	assert_int_equal(v[EF_EMAIL].err, VERR_MISSING);
	assert_int_equal(v[EF_CONSENT].err, VERR_MISSING);
	assert_int_equal(v[EF_LISTED].err, VERR_OK);
}

static void
form_required_empty_or_spaces(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&full_name=&full_name=", v), 1);
	assert_int_equal(v[EF_FULL_NAME].err, VERR_REPEATED);
	assert_int_equal(form(state, "full_name=+++&role=mayor"
	    "&locality=M&country=BE&email=a%40b.org&consent=", v), 1);
	assert_int_equal(v[EF_FULL_NAME].err, VERR_MISSING);
	assert_false(v[EF_FULL_NAME].present);
}

static void
form_checkbox_empty_value_is_present(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&listed", v), 0);
	assert_true(v[EF_LISTED].present);
	assert_true(v[EF_CONSENT].present);
	assert_string_equal(v[EF_CONSENT].value, "1");
}

static void
form_repeated_field(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&role=governor", v), 1);
	assert_int_equal(v[EF_ROLE].err, VERR_REPEATED);
	assert_string_equal(v[EF_ROLE].value, "mayor");
}

static void
form_repeated_checkbox(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&consent=on", v), 1);
	assert_int_equal(v[EF_CONSENT].err, VERR_REPEATED);
	assert_int_equal(form(state, GOOD "&listed=on&listed=on", v), 1);
	assert_int_equal(v[EF_LISTED].err, VERR_REPEATED);
}

static void
form_repeated_optional_empty(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&target_date=&target_date=", v),
	    1);
	assert_int_equal(v[EF_TARGET_DATE].err, VERR_REPEATED);
}

static void
form_unknown_fields_ignored(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&evil=%00%ff&x&y=1&y=2", v), 0);
}

static void
form_counts_every_error(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, "full_name=a%01&role=king"
	    "&locality=%C0%80&country=be&email=x&consent"
	    "&target_date=2023-02-29", v), 6);
	assert_int_equal(v[EF_FULL_NAME].err, VERR_CONTROL);
	assert_int_equal(v[EF_ROLE].err, VERR_CHOICE);
	assert_int_equal(v[EF_LOCALITY].err, VERR_UTF8);
	assert_int_equal(v[EF_COUNTRY].err, VERR_COUNTRY);
	assert_int_equal(v[EF_EMAIL].err, VERR_EMAIL);
	assert_int_equal(v[EF_TARGET_DATE].err, VERR_DATE);
	assert_int_equal(v[EF_CONSENT].err, VERR_OK);
}

static void
form_error_keeps_typed_value(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, "full_name=Jan&role=mayor&locality=M"
	    "&country=BE&email=+jan%40example+&consent", v), 1);
	assert_int_equal(v[EF_EMAIL].err, VERR_EMAIL);
	assert_true(v[EF_EMAIL].present);
	assert_string_equal(v[EF_EMAIL].value, " jan@example ");
}

static void
form_bad_utf8_value_repaired_for_reshow(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, "full_name=a%FFb%00c&role=mayor"
	    "&locality=M&country=BE&email=a%40b.org&consent", v), 1);
	assert_int_equal(v[EF_FULL_NAME].err, VERR_UTF8);
	assert_string_equal(v[EF_FULL_NAME].value,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
	assert_int_equal(v[EF_FULL_NAME].valuesz, 9);
	assert_true(valid_utf8(v[EF_FULL_NAME].value,
	    v[EF_FULL_NAME].valuesz));
}

static void
form_too_long_in_code_points(void **state)
{
	struct fieldval	 v[EF__MAX];
	const char	*body;

	body = arena_printf(*state, "%s&locality=%s", "full_name=J&role=mayor"
	    "&country=BE&email=a%40b.org&consent", repeat(state, "%C3%A9",
	    200));
	assert_int_equal(form(state, body, v), 0);
	assert_int_equal(v[EF_LOCALITY].valuesz, 400);
	body = arena_printf(*state, "%s&locality=%s", "full_name=J&role=mayor"
	    "&country=BE&email=a%40b.org&consent", repeat(state, "%C3%A9",
	    201));
	assert_int_equal(form(state, body, v), 1);
	assert_int_equal(v[EF_LOCALITY].err, VERR_TOO_LONG);
}

static void
form_name_with_nul_is_not_the_field(void **state)
{
	struct fieldval	 v[EF__MAX];

	assert_int_equal(form(state, GOOD "&role%00=x", v), 0);
	assert_string_equal(v[EF_ROLE].value, "mayor");
}

static void
form_empty_table(void **state)
{
	struct kvlist	 l = { NULL, 0 };

	assert_int_equal(valid_form(*state, efields, 0, &l, NULL), 0);
}


/* ---- the commitment report and update forms ----------------------------- */

/* As src/web/receipt.c defines them (DESIGN.md's names and limits). */
enum rfield {
	RF_AREA, RF_TITLE, RF_DESCRIPTION, RF_MEANS, RF_INDICATORS,
	RF_TARGET_DATE, RF_STATUS, RF_SDG, RF_NARRATIVE, RF__MAX
};

static const char *const rareas[] = {
	"inclusion", "services", "work", "safety_justice", "local_data",
	"coordination", "origin_transit_return", "other", NULL
};
static const char *const rstatuses[] = {
	"planned", "in_progress", "achieved", "dropped", NULL
};

static const struct fielddef rfields[RF__MAX] = {
	{ "area", FT_CHOICE, FF_REQUIRED, 0, rareas },
	{ "title", FT_TEXT, FF_REQUIRED, 200, NULL },
	{ "description", FT_MULTILINE, FF_REQUIRED, 5000, NULL },
	{ "means", FT_MULTILINE, 0, 5000, NULL },
	{ "indicators", FT_MULTILINE, 0, 5000, NULL },
	{ "target_date", FT_DATE, 0, 10, NULL },
	{ "status", FT_CHOICE, FF_REQUIRED, 0, rstatuses },
	{ "sdg", FT_SDG, 0, 200, NULL },
	{ "narrative", FT_MULTILINE, 0, 5000, NULL },
};

static int
rform(void **state, const char *body, struct fieldval *out)
{
	struct kvlist	 l;

	assert_int_equal(http_parse_urlencoded(*state, body, strlen(body),
	    HTTP_MAX_FIELDS, &l), PARSE_OK);
	return valid_form(*state, rfields, RF__MAX, &l, out);
}

static void
report_form_valid_normalised(void **state)
{
	struct fieldval	 v[RF__MAX];

	assert_int_equal(rform(state, "area=origin_transit_return"
	    "&title=+Desk+&description=a%0D%0Ab%09c&means=x%0Dy"
	    "&target_date=2024-02-29&status=in_progress&sdg=10.7,11.1", v), 0);
	assert_string_equal(v[RF_TITLE].value, "Desk");
	assert_string_equal(v[RF_DESCRIPTION].value, "a\nb\tc");
	assert_string_equal(v[RF_MEANS].value, "x\ny");
	assert_string_equal(v[RF_SDG].value, "10.7, 11.1");
	assert_int_equal(v[RF_INDICATORS].present, 0);
}

static void
report_form_each_rule(void **state)
{
	struct fieldval	 v[RF__MAX];

	assert_int_equal(rform(state, "area=sports&title=%07&description="
	    "&target_date=2023-02-30&status=finished&sdg=18.1"
	    "&narrative=a%00b", v), 7);
	assert_int_equal(v[RF_AREA].err, VERR_CHOICE);
	assert_int_equal(v[RF_TITLE].err, VERR_CONTROL);
	assert_int_equal(v[RF_DESCRIPTION].err, VERR_MISSING);
	assert_int_equal(v[RF_TARGET_DATE].err, VERR_DATE);
	assert_int_equal(v[RF_STATUS].err, VERR_CHOICE);
	assert_int_equal(v[RF_SDG].err, VERR_SDG);
	assert_int_equal(v[RF_NARRATIVE].err, VERR_UTF8);
}

static void
report_form_limits(void **state)
{
	struct fieldval	 v[RF__MAX];
	const char	*t200 = repeat(state, "\xc3\xa9", 200);
	const char	*d5000 = repeat(state, "x", 5000);

	assert_int_equal(rform(state, arena_printf(*state, "area=work&status="
	    "planned&title=%s&description=%s&indicators=%s", t200, d5000,
	    d5000), v), 0);
	assert_int_equal(rform(state, arena_printf(*state, "area=work&status="
	    "planned&title=%sx&description=%sx&means=%sx", t200, d5000,
	    d5000), v), 3);
	assert_int_equal(v[RF_TITLE].err, VERR_TOO_LONG);
	assert_int_equal(v[RF_DESCRIPTION].err, VERR_TOO_LONG);
	assert_int_equal(v[RF_MEANS].err, VERR_TOO_LONG);
}

static void
report_dates(void **state)
{
	(void)state;
	DATE_BAD("2023-02-30");
	DATE_BAD("2023-02-29");
	DATE_OK("2024-02-29");
	DATE_OK("2030-12-31");
	DATE_BAD("2030-12-32");
	DATE_BAD("2030-1-31");
}

/*
 * An empty value may come as a null pointer (an empty body): no check
 * may pass it to memchr and friends, which the sanitizer build enforces.
 */
static void
value_empty_null_pointer(void **state)
{
	static const enum ftype	 types[] = {
		FT_TEXT, FT_MULTILINE, FT_CHOICE, FT_EMAIL, FT_COUNTRY,
		FT_DATE, FT_SDG, FT_TOKEN
	};
	const char		*norm;
	size_t			 i, normsz;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		norm = NULL;
		normsz = 1;
		(void)check(state, types[i], 10, NULL, 0, &norm, &normsz);
	}
	assert_int_equal(check(state, FT_TEXT, 10, NULL, 0, &norm, &normsz),
	    VERR_OK);
	assert_int_equal(normsz, 0);
}


/* ---- one-line fields: no bidi controls, no zero-width characters ----- */

/* Each code point, as UTF-8, in the middle of a name. */
static void
value_one_line_refuses_invisible(void **state)
{
	static const char *const bad[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",	/* 202A-C */
		"\xe2\x80\xad", "\xe2\x80\xae",			/* 202D-E */
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",	/* 2066-8 */
		"\xe2\x81\xa9",					/* 2069 */
		"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d",	/* 200B-D */
		"\xe2\x80\x8e", "\xe2\x80\x8f",			/* 200E-F */
		"\xe2\x81\xa0", "\xef\xbb\xbf",			/* 2060 FEFF */
	};
	size_t		 i;
	const char	*v;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = arena_printf(*state, "Bart%sSomers", bad[i]);
		assert_int_equal(checks(state, FT_TEXT, 200, v),
		    VERR_INVISIBLE);
		v = arena_printf(*state, "%sBart", bad[i]);
		assert_int_equal(checks(state, FT_TEXT, 200, v),
		    VERR_INVISIBLE);
		/* The e-mail field: the same rule, the same answer. */
		v = arena_printf(*state, "a%sb@example.org", bad[i]);
		assert_int_equal(checks(state, FT_EMAIL, 254, v),
		    VERR_INVISIBLE);
		/* Multi-line fields keep them (tables, quotations). */
		v = arena_printf(*state, "Line%s one", bad[i]);
		assert_int_equal(checks(state, FT_MULTILINE, 5000, v),
		    VERR_OK);
	}
}

/* Their neighbours are letters and marks people use in names. */
static void
value_one_line_keeps_neighbours(void **state)
{
	assert_norm(state, FT_TEXT, 200, "\xe2\x80\x90", "\xe2\x80\x90");
	assert_norm(state, FT_TEXT, 200, "Fran\xc3\xa7ois \xe2\x80\x93 Li",
	    "Fran\xc3\xa7ois \xe2\x80\x93 Li");
	assert_norm(state, FT_TEXT, 200, "a\xe2\x80\xaf" "b",
	    "a\xe2\x80\xaf" "b");
	assert_norm(state, FT_TEXT, 200, "\xe2\x81\xa5", "\xe2\x81\xa5");
	assert_norm(state, FT_TEXT, 200, "\xe2\x81\xaa", "\xe2\x81\xaa");
	assert_norm(state, FT_TEXT, 200,
	    "\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9",
	    "\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9");
}

/* ---- passwords: byte for byte ---------------------------------------- */

static void
value_password_not_trimmed(void **state)
{
	assert_norm(state, FT_PASSWORD, 1024, " leading space pw",
	    " leading space pw");
	assert_norm(state, FT_PASSWORD, 1024, "trailing space pw  ",
	    "trailing space pw  ");
	assert_norm(state, FT_PASSWORD, 1024, "   ", "   ");
	/* No rule on the characters: what endorsectl took is taken. */
	assert_norm(state, FT_PASSWORD, 1024, "a\xe2\x80\x8b" "b",
	    "a\xe2\x80\x8b" "b");
	assert_int_equal(check(state, FT_PASSWORD, 1024, "a\0b", 3, NULL,
	    NULL), VERR_UTF8);
	assert_int_equal(checks(state, FT_PASSWORD, 1024, "\xff"), VERR_UTF8);
}

static void
form_password_of_spaces_is_present(void **state)
{
	static const struct fielddef defs[] = {
		{ "username", FT_TEXT, FF_REQUIRED, 64, NULL },
		{ "password", FT_PASSWORD, FF_REQUIRED, 1024, NULL },
	};
	struct kvlist	 in;
	struct fieldval	 v[2];

	assert_int_equal(http_parse_urlencoded(*state,
	    "username=+admin+&password=+pw+with+spaces+", 42, 10, &in),
	    PARSE_OK);
	assert_int_equal(valid_form(*state, defs, 2, &in, v), 0);
	assert_string_equal(v[0].value, "admin");
	assert_string_equal(v[1].value, " pw with spaces ");
	assert_int_equal(v[1].valuesz, 16);
}

/*
 * The corners the other cases leave: four-byte characters led by F1 to
 * F3, dates with other separators, ids of 19 digits, country codes with
 * a digit or a lower-case letter second.
 */
static void
corners_of_each_type(void **state)
{
	UTF8_OK("\xf1\x80\x80\x80");	/* U+40000 */
	UTF8_OK("\xf3\xbf\xbf\xbf");	/* U+FFFFF */
	UTF8_BAD("\xf3\xc0\x80\x80");
	assert_int_equal(checks(state, FT_DATE, 0, "2026/01/01"), VERR_DATE);
	assert_int_equal(checks(state, FT_DATE, 0, "2026-01/01"), VERR_DATE);
	assert_int_equal(checks(state, FT_DATE, 0, "2026-01-011"), VERR_DATE);
	assert_int_equal(checks(state, FT_ID, 0, "123456789012345678"),
	    VERR_OK);
	assert_int_equal(checks(state, FT_ID, 0, "1234567890123456789"),
	    VERR_NUMBER);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "B1"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "Be"), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "B["), VERR_COUNTRY);
	assert_int_equal(checks(state, FT_COUNTRY, 0, "BE"), VERR_OK);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(utf8_ascii_and_empty),
		T(utf8_two_three_four_bytes),
		T(utf8_boundaries_ok),
		T(corners_of_each_type),
		T(utf8_overlong_two_bytes),
		T(utf8_overlong_three_bytes),
		T(utf8_overlong_four_bytes),
		T(utf8_surrogates),
		T(utf8_above_max),
		T(utf8_fe_ff),
		T(utf8_stray_continuation),
		T(utf8_truncated),
		T(utf8_respects_length),
		T(utf8_nul_is_well_formed),
		T(chars_counts_code_points),
		T(email_good),
		T(email_good_non_ascii),
		T(email_no_at_or_two_ats),
		T(email_empty_parts),
		T(email_domain_needs_dot),
		T(email_empty_labels),
		T(email_bad_label_characters),
		T(email_spaces_and_controls),
		T(email_html_and_quotes),
		T(email_bad_utf8),
		T(email_254_bytes_ok_255_not),
		T(email_local_part_limit),
		T(email_label_limit),
		T(email_respects_length),
		T(date_ordinary),
		T(date_leap_years),
		T(date_month_out_of_range),
		T(date_day_out_of_range),
		T(date_year_range),
		T(date_bad_shape),
		T(date_respects_length),
		T(value_text_plain),
		T(value_text_trimmed),
		T(value_embedded_nul),
		T(value_empty_null_pointer),
		T(value_bad_utf8),
		T(value_utf8_checked_before_control),
		T(value_c0_controls_refused),
		T(value_text_refuses_tab_and_newlines),
		T(value_del_refused),
		T(value_c1_controls_refused),
		T(value_control_checked_before_length),
		T(value_multiline_allows_tab_and_lf),
		T(value_multiline_crlf_to_lf),
		T(value_multiline_lone_cr_to_lf),
		T(value_multiline_not_trimmed),
		T(value_multiline_refuses_other_controls),
		T(value_exactly_max_chars_ok),
		T(value_one_over_max_chars),
		T(value_max_counts_code_points_not_bytes),
		T(value_max_counted_after_trim),
		T(value_max_counted_after_crlf),
		T(value_zero_max_is_no_limit),
		T(value_length_checked_before_type),
		T(choice_listed),
		T(choice_trimmed),
		T(choice_not_listed),
		T(choice_without_list),
		T(checkbox_any_value),
		T(email_value_trimmed_and_checked),
		T(country_known),
		T(country_refused),
		T(date_value),
		T(sdg_canonical),
		T(sdg_spaces_normalised),
		T(sdg_letter_targets),
		T(sdg_bounds),
		T(sdg_leading_zeros_refused),
		T(sdg_empty_is_empty_list),
		T(sdg_broken_lists),
		T(sdg_thirty_entries_ok_thirty_one_not),
		T(signature_strokes_only),
		T(token_checked_for_bytes_only),
		T(norm_untouched_on_error),
		T(norm_is_a_terminated_copy),
		T(form_all_good),
		T(form_optional_absent),
		T(form_optional_empty_is_absent),
		T(form_required_missing),
		T(form_required_empty_or_spaces),
		T(form_checkbox_empty_value_is_present),
		T(form_repeated_field),
		T(form_repeated_checkbox),
		T(form_repeated_optional_empty),
		T(form_unknown_fields_ignored),
		T(form_counts_every_error),
		T(form_error_keeps_typed_value),
		T(form_bad_utf8_value_repaired_for_reshow),
		T(form_too_long_in_code_points),
		T(form_name_with_nul_is_not_the_field),
		T(form_empty_table),
		T(report_form_valid_normalised),
		T(report_form_each_rule),
		T(report_form_limits),
		T(report_dates),
		T(value_one_line_refuses_invisible),
		T(value_one_line_keeps_neighbours),
		T(value_password_not_trimmed),
		T(form_password_of_spaces_is_present),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
