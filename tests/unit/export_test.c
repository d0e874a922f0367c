/*
 * export_test.c: the CSV and JSON writers (src/export.c):
 * RFC 4180 quoting, formula cells, non-ASCII, JSON escaping, and that
 * rows reach the sink in pieces while memory stays bounded.
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

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "lang.h"
#include "export.h"

static const char *
csv(const char *s)
{
	static struct buf	b;

	buf_reset(&b);
	csv_cell(&b, s, strlen(s));
	return buf_cstr(&b);
}

static const char *
json(const char *s, size_t len)
{
	static struct buf	b;

	buf_reset(&b);
	json_str(&b, s, len);
	return buf_cstr(&b);
}

static void
csv_plain(void **state)
{
	(void)state;
	assert_string_equal(csv("Mechelen"), "Mechelen");
	assert_string_equal(csv(""), "");
	assert_string_equal(csv("a b"), "a b");
}

static void
csv_quotes_commas_newlines(void **state)
{
	(void)state;
	assert_string_equal(csv("Brussels, Capital"), "\"Brussels, Capital\"");
	assert_string_equal(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(csv("two\nlines"), "\"two\nlines\"");
	assert_string_equal(csv("cr\rhere"), "\"cr\rhere\"");
	assert_string_equal(csv("\""), "\"\"\"\"");
}

static void
csv_formula_cells(void **state)
{
	(void)state;
	assert_string_equal(csv("=1+2"), "'=1+2");
	assert_string_equal(csv("+32 15 29 76 55"), "'+32 15 29 76 55");
	assert_string_equal(csv("-5"), "'-5");
	assert_string_equal(csv("@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(csv("\tx"), "'\tx");
	assert_string_equal(csv("\rx"), "\"'\rx\"");
	/* Quoted and neutralised at once. */
	assert_string_equal(csv("=HYPERLINK(\"http://x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	/* Only the first character counts. */
	assert_string_equal(csv("a=b"), "a=b");
	assert_string_equal(csv("2026-11-28"), "2026-11-28");
}

static void
csv_non_ascii(void **state)
{
	(void)state;
	assert_string_equal(csv("Liège"), "Liège");
	assert_string_equal(csv("القاهرة"), "القاهرة");
	assert_string_equal(csv("São Paulo, SP"), "\"São Paulo, SP\"");
}

static void
json_escaping(void **state)
{
	(void)state;
	assert_string_equal(json("plain", 5), "\"plain\"");
	assert_string_equal(json("a\"b", 3), "\"a\\\"b\"");
	assert_string_equal(json("a\\b", 3), "\"a\\\\b\"");
	assert_string_equal(json("a\nb\tc\rd", 7), "\"a\\nb\\tc\\rd\"");
	assert_string_equal(json("</script>", 9), "\"</script>\"");
	assert_string_equal(json("Liège", strlen("Liège")), "\"Liège\"");
}

static void
json_control_characters(void **state)
{
	char	s[3] = { 0x01, 0x1f, 0x7f };

	(void)state;
	assert_string_equal(json(s, 3), "\"\\u0001\\u001f\\u007f\"");
	assert_string_equal(json("\0x", 2), "\"\\u0000x\"");
	/* U+2028 and U+2029 break JavaScript string literals. */
	assert_string_equal(json("a\xe2\x80\xa8" "b\xe2\x80\xa9", 8),
	    "\"a\\u2028b\\u2029\"");
	/* U+2027 is an ordinary character. */
	assert_string_equal(json("\xe2\x80\xa7", 3), "\"\xe2\x80\xa7\"");
	/* So is U+2068, and a sequence cut before its end is kept as is. */
	assert_string_equal(json("\xe2\x81\xa8", 3), "\"\xe2\x81\xa8\"");
	assert_string_equal(json("a\xe2\x80", 3), "\"a\xe2\x80\"");
}

struct capture {
	struct buf	all;
	size_t		calls;
	size_t		biggest;
	int		fail_after;	/* calls; 0: never */
};

static int
capture(void *arg, const char *p, size_t len)
{
	struct capture	*c = arg;

	c->calls++;
	if (len > c->biggest)
		c->biggest = len;
	if (c->fail_after && c->calls > (size_t)c->fail_after)
		return -1;
	buf_put(&c->all, p, len);
	return 0;
}

static const char *const keys[] = { "id", "name", "listed", "event" };
static const enum export_col cols[] = {
	EXC_INT, EXC_TEXT, EXC_BOOL, EXC_NULLTEXT
};

static void
exporter_csv(void **state)
{
	struct capture	 c = { 0 };
	struct sink	 s = { capture, &c };
	struct exporter	 x;
	const char	*r1[] = { "1", "Bart, Somers", "1", NULL };
	const char	*r2[] = { "2", "=cmd", "0", "Mechelen 2017" };

	(void)state;
	export_begin(&x, EXPORT_CSV, keys, NULL, cols, 4, &s);
	assert_int_equal(export_row(&x, r1), 0);
	assert_int_equal(export_row(&x, r2), 0);
	assert_int_equal(export_end(&x), 0);
	assert_string_equal(buf_cstr(&c.all),
	    "id,name,listed,event\r\n"
	    "1,\"Bart, Somers\",true,\r\n"
	    "2,'=cmd,false,Mechelen 2017\r\n");
	buf_free(&c.all);
}

static void
exporter_json(void **state)
{
	struct capture	 c = { 0 };
	struct sink	 s = { capture, &c };
	struct exporter	 x;
	const char	*r1[] = { "1", "Bart \"B\"", "1", NULL };
	const char	*r2[] = { "2", "Liège", "0", "Mechelen" };

	(void)state;
	export_begin(&x, EXPORT_JSON, keys, NULL, cols, 4, &s);
	assert_int_equal(export_end(&x), 0);
	assert_string_equal(buf_cstr(&c.all), "[]\n");
	buf_reset(&c.all);
	export_begin(&x, EXPORT_JSON, keys, NULL, cols, 4, &s);
	assert_int_equal(export_row(&x, r1), 0);
	assert_int_equal(export_row(&x, r2), 0);
	assert_int_equal(export_end(&x), 0);
	assert_string_equal(buf_cstr(&c.all),
	    "[\n{\"id\":1,\"name\":\"Bart \\\"B\\\"\",\"listed\":true,"
	    "\"event\":null},\n{\"id\":2,\"name\":\"Liège\",\"listed\":false,"
	    "\"event\":\"Mechelen\"}\n]\n");
	buf_free(&c.all);
}

static void
exporter_streams_in_bounded_pieces(void **state)
{
	struct capture	 c = { 0 };
	struct sink	 s = { capture, &c };
	struct exporter	 x;
	const char	*r[] = { "123456", "A name of some length, quoted",
	    "1", "An event" };
	size_t		 i;

	(void)state;
	export_begin(&x, EXPORT_CSV, keys, NULL, cols, 4, &s);
	for (i = 0; i < 20000; i++)
		assert_int_equal(export_row(&x, r), 0);
	/* The buffer never holds much more than its flush size. */
	assert_true(x.buf.cap <= 64 * 1024);
	assert_int_equal(export_end(&x), 0);
	assert_true(c.calls > 20);
	assert_true(c.biggest < 20 * 1024);
	assert_int_equal(c.all.len, strlen("id,name,listed,event\r\n") +
	    20000 * strlen("123456,\"A name of some length, quoted\",true,"
	    "An event\r\n"));
	buf_free(&c.all);
}

static void
exporter_sink_failure_stops(void **state)
{
	struct capture	 c = { 0 };
	struct sink	 s = { capture, &c };
	struct exporter	 x;
	const char	*r[] = { "1", "x", "1", NULL };
	size_t		 i;
	int		 rc = 0;

	(void)state;
	c.fail_after = 2;
	export_begin(&x, EXPORT_JSON, keys, NULL, cols, 4, &s);
	for (i = 0; i < 100000 && rc == 0; i++)
		rc = export_row(&x, r);
	assert_int_equal(rc, -1);
	assert_true(i < 100000);
	assert_int_equal(export_end(&x), -1);
	buf_free(&c.all);
}

static void
filters_checked(void **state)
{
	struct export_query	q;
	struct efilter		f;
	int			l;

	(void)state;
	memset(&q, 0, sizeof(q));
	memset(&f, 0, sizeof(f));
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG__MAX);
	assert_int_equal(l, -1);
	assert_null(f.status);
	/* Empty values are no filter. */
	q.status = q.country = q.since = q.lang = "";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG__MAX);
	assert_null(f.status);
	assert_null(f.country);
	q.status = "verified";
	q.country = "FR";
	q.since = "2026-06-01";
	q.lang = "en";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG__MAX);
	assert_string_equal(f.status, "verified");
	assert_null(f.cstatus);
	assert_string_equal(f.country, "FR");
	assert_string_equal(f.since, "2026-06-01");
	assert_int_equal(l, LANG_EN);
	/* A report status: commitments only, and on the report. */
	memset(&f, 0, sizeof(f));
	q.status = "achieved";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG_EXP_BAD_STATUS);
	assert_int_equal(export_query_check(EXPORT_COMMITMENTS, &q, &f, &l),
	    MSG__MAX);
	assert_string_equal(f.cstatus, "achieved");
	assert_null(f.status);
	q.status = "Verified";
	assert_int_equal(export_query_check(EXPORT_COMMITMENTS, &q, &f, &l),
	    MSG_EXP_BAD_CSTATUS);
	q.status = NULL;
	q.country = "XX";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG_EXP_BAD_COUNTRY);
	q.country = NULL;
	q.since = "2026-02-29";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG_EXP_BAD_SINCE);
	q.since = "2026-06-01T00:00:00Z";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG_EXP_BAD_SINCE);
	q.since = NULL;
	q.lang = "de";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG_EXP_BAD_LANG);
	/* Every language of the site is accepted. */
	q.lang = "ar";
	assert_int_equal(export_query_check(EXPORT_ENDORSEMENTS, &q, &f, &l),
	    MSG__MAX);
	assert_true(l >= 0 && l < LANG__MAX);
}

static void
file_names(void **state)
{
	struct arena	*a = arena_new(1024);
	struct efilter	 f;
	time_t		 t = 1796342400;	/* 2026-12-04T00:00:00Z */

	(void)state;
	assert_non_null(a);
	memset(&f, 0, sizeof(f));
	assert_string_equal(export_filename(a, EXPORT_ENDORSEMENTS,
	    EXPORT_XLSX, &f, t), "endorsements-2026-12-04.xlsx");
	f.status = "verified";
	f.country = "FR";
	assert_string_equal(export_filename(a, EXPORT_ENDORSEMENTS,
	    EXPORT_XLSX, &f, t), "endorsements-verified-FR-2026-12-04.xlsx");
	f.since = "2026-06-01";
	f.event = 7;
	assert_string_equal(export_filename(a, EXPORT_COMMITMENTS, EXPORT_CSV,
	    &f, t), "commitments-verified-FR-event-7-since-2026-06-01-"
	    "2026-12-04.csv");
	/* Whatever a value holds, the name keeps only safe characters,
	 * and search words stay out of it. */
	memset(&f, 0, sizeof(f));
	f.from = "2026\"; x=\r\n/../";
	f.q = "\"secret\"";
	assert_string_equal(export_filename(a, EXPORT_ENDORSEMENTS,
	    EXPORT_JSON, &f, t), "endorsements-from-2026x-search-2026-12-04.json");
	/* An empty search is none; a report status; a time past any year
	 * gmtime can write leaves the day out. */
	memset(&f, 0, sizeof(f));
	f.q = "";
	f.cstatus = "in_progress";
	assert_string_equal(export_filename(a, EXPORT_COMMITMENTS,
	    EXPORT_CSV, &f, t), "commitments-in_progress-2026-12-04.csv");
	assert_string_equal(export_filename(a, EXPORT_COMMITMENTS,
	    EXPORT_CSV, &f, (time_t)0x7fffffffffffffffLL),
	    "commitments-in_progress.csv");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_plain),
		cmocka_unit_test(csv_quotes_commas_newlines),
		cmocka_unit_test(csv_formula_cells),
		cmocka_unit_test(csv_non_ascii),
		cmocka_unit_test(json_escaping),
		cmocka_unit_test(json_control_characters),
		cmocka_unit_test(exporter_csv),
		cmocka_unit_test(exporter_json),
		cmocka_unit_test(exporter_streams_in_bounded_pieces),
		cmocka_unit_test(exporter_sink_failure_stops),
		cmocka_unit_test(filters_checked),
		cmocka_unit_test(file_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
