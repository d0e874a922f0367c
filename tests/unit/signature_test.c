/*
 * signature_test.c: the grammar of the kiosk pad's signature and its
 * SVG drawing (src/signature.c).
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
#include "valid.h"
#include "signature.h"

#define OK(s)	assert_true(sig_valid((s), strlen(s)))
#define BAD(s)	assert_false(sig_valid((s), strlen(s)))

static void
valid_signatures(void **state)
{
	(void)state;
	OK("0,0");
	OK("1000,1000");
	OK("12,34 56,78 90,12");
	OK("1,2;3,4");
	OK("10,20 30,40;500,500;0,1000 1000,0 999,1");
}

static void
empty_refused(void **state)
{
	(void)state;
	BAD("");
	assert_false(sig_valid(NULL, 0));
	BAD(";");
	BAD(" ");
	BAD("1,2;");
	BAD(";1,2");
	BAD("1,2 ");
	BAD(" 1,2");
	BAD("1,2;;3,4");
	BAD("1,2  3,4");
}

static void
bad_numbers_refused(void **state)
{
	(void)state;
	BAD("01,2");
	BAD("1,002");
	BAD("-1,2");
	BAD("+1,2");
	BAD("1.5,2");
	BAD("1e3,2");
	BAD("1,");
	BAD(",1");
	BAD("1");
	BAD("1,2,3");
	BAD("0x10,2");
	BAD("\xd9\xa1,2");	/* an Arabic-Indic digit */
}

static void
huge_coordinates_refused(void **state)
{
	(void)state;
	BAD("1001,0");
	BAD("0,1001");
	BAD("9999,1");
	BAD("10000,1");
	BAD("4294967297,1");	/* would wrap a 32-bit counter */
	BAD("99999999999999999999,1");
}

static void
junk_refused(void **state)
{
	static const char nul[] = "1,2\0003,4";

	(void)state;
	BAD("M10,10 L20,20");
	BAD("<script>");
	BAD("1,2\n3,4");
	BAD("1,2\t3,4");
	BAD("1,2|3,4");
	BAD("1, 2");
	assert_false(sig_valid(nul, sizeof(nul) - 1));
}

/* A value of n points in one stroke ("1,1 1,1 ..."), malloc'ed. */
static char *
points(size_t n, char sep)
{
	char	*s = malloc(n * 4 + 1);
	size_t	 i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * 4, i + 1 < n ? "1,1 " : "1,1", 4);
	for (i = 1; i < n; i++)
		s[i * 4 - 1] = sep;
	s[n * 4 - 1] = '\0';
	return s;
}

static void
limits(void **state)
{
	char	*s;
	char	 big[SIG_MAX_BYTES + 16];
	size_t	 len = 0;

	(void)state;
	s = points(SIG_MAX_POINTS, ' ');
	OK(s);
	free(s);
	s = points(SIG_MAX_POINTS + 1, ' ');
	BAD(s);			/* too many points */
	free(s);
	s = points(SIG_MAX_STROKES, ';');
	OK(s);
	free(s);
	s = points(SIG_MAX_STROKES + 1, ';');
	BAD(s);			/* too many strokes */
	free(s);
	/* Over the byte limit with few points: long numbers. */
	while (len + 10 < sizeof(big) - 1) {
		memcpy(big + len, "1000,1000 ", 10);
		len += 10;
	}
	big[len - 1] = '\0';
	assert_true(strlen(big) > SIG_MAX_BYTES);
	BAD(big);
}

static void
svg_drawing(void **state)
{
	struct buf	 b;
	char		*s;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(sig_svg(&b, "10,20 30,40;500,600"), 0);
	s = buf_cstr(&b);
	assert_non_null(s);
	assert_non_null(strstr(s, "<svg "));
	assert_non_null(strstr(s, "viewBox=\"0 0 1000 1000\""));
	assert_non_null(strstr(s, "points=\"10,20 30,40\""));
	/* A lone point is drawn as a dot: the point twice. */
	assert_non_null(strstr(s, "points=\"500,600 500,600\""));
	assert_non_null(strstr(s, "</svg>"));
	assert_null(strstr(strstr(s, "points=\"500") + 1, "<polyline"));
	buf_free(&b);
}

static void
svg_refuses_invalid(void **state)
{
	struct buf	b;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(sig_svg(&b, "1,2;\"><script>"), -1);
	assert_int_equal(sig_svg(&b, NULL), -1);
	assert_int_equal(sig_svg(&b, ""), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* valid_value: FT_SIGNATURE answers VERR_SIGNATURE for what does not parse. */
static void
field_type(void **state)
{
	struct fielddef	 def = { "signature", FT_SIGNATURE, 0, 32000, NULL };
	struct arena	*a = arena_new(4096);
	const char	*out = NULL;

	(void)state;
	assert_non_null(a);
	assert_int_equal(valid_value(a, &def, "1,2 3,4", 7, &out, NULL),
	    VERR_OK);
	assert_string_equal(out, "1,2 3,4");
	assert_int_equal(valid_value(a, &def, "1,2;", 4, NULL, NULL),
	    VERR_SIGNATURE);
	assert_int_equal(valid_value(a, &def, "2000,1", 6, NULL, NULL),
	    VERR_SIGNATURE);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_signatures),
		cmocka_unit_test(empty_refused),
		cmocka_unit_test(bad_numbers_refused),
		cmocka_unit_test(huge_coordinates_refused),
		cmocka_unit_test(junk_refused),
		cmocka_unit_test(limits),
		cmocka_unit_test(svg_drawing),
		cmocka_unit_test(svg_refuses_invalid),
		cmocka_unit_test(field_type),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
