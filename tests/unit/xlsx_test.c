/*
 * xlsx_test.c: how the XLSX writer (src/xlsx.c) types each cell: text
 * that looks like a formula stays text, dates and date-times become
 * date cells, booleans booleans, numbers numbers, nothing an empty
 * cell; non-ASCII is kept; text over Excel's 32,767 characters is cut
 * at a whole character and marked.  Then a workbook written through
 * the same path is a ZIP file, and an unparseable date is kept as text.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "arena.h"
#include "buf.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "export.h"

#include "capture.h"

static void
formula_looking_text_is_text(void **state)
{
	static const char *const v[] = {
		"=1+1", "=HYPERLINK(\"http://x\",\"click\")", "+32 line",
		"-2", "@home", "=", "'=quoted"
	};
	struct xcell	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		xlsx_cell(EXC_TEXT, v[i], &c);
		assert_int_equal(c.kind, XC_TEXT);
		assert_int_equal(c.len, strlen(v[i]));
		assert_ptr_equal(c.s, v[i]);
		assert_int_equal(c.cut, 0);
	}
	/* A number-looking text stays text: a receipt of digits, say. */
	xlsx_cell(EXC_TEXT, "007", &c);
	assert_int_equal(c.kind, XC_TEXT);
}

static void
dates_are_date_cells(void **state)
{
	struct xcell	c;

	(void)state;
	xlsx_cell(EXC_DATETIME, "2026-12-04T09:08:07Z", &c);
	assert_int_equal(c.kind, XC_DATETIME);
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 4);
	assert_int_equal(c.hour, 9);
	assert_int_equal(c.min, 8);
	assert_int_equal(c.sec, 7);
	xlsx_cell(EXC_DATE, "2030-12-31", &c);
	assert_int_equal(c.kind, XC_DATE);
	assert_int_equal(c.year, 2030);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 31);
	xlsx_cell(EXC_DATE, "2028-02-29", &c);
	assert_int_equal(c.kind, XC_DATE);
	/* Not a day, or out of Excel's years: kept as the text it is. */
	xlsx_cell(EXC_DATE, "2027-02-29", &c);
	assert_int_equal(c.kind, XC_TEXT);
	assert_string_equal(c.s, "2027-02-29");
	xlsx_cell(EXC_DATE, "1899-12-31", &c);
	assert_int_equal(c.kind, XC_TEXT);
	xlsx_cell(EXC_DATE, "2026-13-01", &c);
	assert_int_equal(c.kind, XC_TEXT);
	xlsx_cell(EXC_DATETIME, "2026-12-04 09:08:07", &c);
	assert_int_equal(c.kind, XC_TEXT);
	xlsx_cell(EXC_DATETIME, "2026-12-04T24:00:00Z", &c);
	assert_int_equal(c.kind, XC_TEXT);
	/* NULL (no target date, not yet confirmed): an empty cell. */
	xlsx_cell(EXC_DATE, NULL, &c);
	assert_int_equal(c.kind, XC_BLANK);
	xlsx_cell(EXC_DATETIME, NULL, &c);
	assert_int_equal(c.kind, XC_BLANK);
}

static void
booleans_and_numbers(void **state)
{
	struct xcell	c;

	(void)state;
	xlsx_cell(EXC_BOOL, "1", &c);
	assert_int_equal(c.kind, XC_BOOL);
	assert_int_equal(c.b, 1);
	xlsx_cell(EXC_BOOL, "0", &c);
	assert_int_equal(c.kind, XC_BOOL);
	assert_int_equal(c.b, 0);
	xlsx_cell(EXC_BOOL, NULL, &c);
	assert_int_equal(c.kind, XC_BOOL);
	assert_int_equal(c.b, 0);
	xlsx_cell(EXC_INT, "42", &c);
	assert_int_equal(c.kind, XC_NUMBER);
	assert_true(c.num == 42.0);
	xlsx_cell(EXC_INT, "0", &c);
	assert_int_equal(c.kind, XC_NUMBER);
	assert_true(c.num == 0.0);
	/* Past a double's exact integers: text, so no digit is lost. */
	xlsx_cell(EXC_INT, "12345678901234567", &c);
	assert_int_equal(c.kind, XC_TEXT);
	xlsx_cell(EXC_INT, "4x", &c);
	assert_int_equal(c.kind, XC_TEXT);
}

/*
 * strtod reads "nan", "inf" and numbers past a double's range as NAN or
 * INF, which libxlsxwriter writes as <v>NAN</v>: a sheet Excel refuses.
 * They stay text (fuzz_xlsx found "1e400").
 */
static void
not_finite_is_text(void **state)
{
	static const char *const v[] = {
		"nan", "NAN", "-nan", "inf", "-Infinity", "1e400", "-1e309"
	};
	struct xcell	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		xlsx_cell(EXC_INT, v[i], &c);
		assert_int_equal(c.kind, XC_TEXT);
		assert_string_equal(c.s, v[i]);
	}
	/* Within range, however written, still a number. */
	xlsx_cell(EXC_INT, "1e308", &c);
	assert_int_equal(c.kind, XC_NUMBER);
}

static void
empty_is_blank(void **state)
{
	struct xcell	c;

	(void)state;
	xlsx_cell(EXC_TEXT, "", &c);
	assert_int_equal(c.kind, XC_BLANK);
	xlsx_cell(EXC_NULLTEXT, NULL, &c);
	assert_int_equal(c.kind, XC_BLANK);
	xlsx_cell(EXC_TEXT, NULL, &c);
	assert_int_equal(c.kind, XC_BLANK);
}

static void
non_ascii_kept(void **state)
{
	static const char *const v[] = {
		"Liège, Wallonie", "Αθήνα", "الدار البيضاء", "東京都",
		"emoji \xf0\x9f\x99\x82 ok", "tab\there\nand a line"
	};
	struct xcell	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		xlsx_cell(EXC_TEXT, v[i], &c);
		assert_int_equal(c.kind, XC_TEXT);
		assert_int_equal(c.len, strlen(v[i]));
		assert_int_equal(c.cut, 0);
	}
}

/* s: n copies of the UTF-8 character ch, then NUL; caller frees. */
static char *
repeat(const char *ch, size_t n)
{
	size_t	 len = strlen(ch), i;
	char	*s = malloc(n * len + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[n * len] = '\0';
	return s;
}

static void
cell_limit(void **state)
{
	struct xcell	 c;
	char		*s;

	(void)state;
	/* Exactly the limit: whole. */
	s = repeat("a", XLSX_CELL_MAX);
	xlsx_cell(EXC_TEXT, s, &c);
	assert_int_equal(c.len, XLSX_CELL_MAX);
	assert_int_equal(c.cut, 0);
	free(s);
	/* One more: 32,766 characters and the mark. */
	s = repeat("a", XLSX_CELL_MAX + 1);
	xlsx_cell(EXC_TEXT, s, &c);
	assert_int_equal(c.len, XLSX_CELL_MAX - 1);
	assert_int_equal(c.cut, 1);
	free(s);
	/* Two-byte characters count once: the limit is in characters. */
	s = repeat("é", XLSX_CELL_MAX);
	xlsx_cell(EXC_TEXT, s, &c);
	assert_int_equal(c.cut, 0);
	assert_int_equal(c.len, 2 * XLSX_CELL_MAX);
	free(s);
	s = repeat("é", XLSX_CELL_MAX + 5);
	xlsx_cell(EXC_TEXT, s, &c);
	assert_int_equal(c.cut, 1);
	assert_int_equal(c.len, 2 * (XLSX_CELL_MAX - 1));
	free(s);
	/* Outside the BMP a character is two UTF-16 units, as Excel
	 * counts them; the cut never splits one. */
	s = repeat("\xf0\x9f\x99\x82", XLSX_CELL_MAX / 2 + 1);
	xlsx_cell(EXC_TEXT, s, &c);
	assert_int_equal(c.cut, 1);
	assert_int_equal(c.len % 4, 0);
	assert_int_equal(c.len / 4, (XLSX_CELL_MAX - 1) / 2);
	free(s);
}

static void
excel_escapes_kept_literal(void **state)
{
	static const struct {
		const char	*in, *out;
	} t[] = {
		{ "_x0041_", "_x005F_x0041_" },
		{ "a _x00e9_ b _x12G4_ _x1234", "a _x005F_x00e9_ b _x12G4_ _x1234" },
		{ "__x0041__", "__x005F_x0041__" },
		{ "plain_text x_", "plain_text x_" },
		{ "=1+1", "=1+1" },
	};
	struct xcell	 c;
	char		*s, *big;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		xlsx_cell(EXC_TEXT, t[i].in, &c);
		assert_non_null(s = xlsx_text(&c));
		assert_string_equal(s, t[i].out);
		free(s);
	}
	/* A cut text ends with the mark. */
	big = repeat("b", XLSX_CELL_MAX + 1);
	xlsx_cell(EXC_TEXT, big, &c);
	assert_non_null(s = xlsx_text(&c));
	assert_int_equal(strlen(s), XLSX_CELL_MAX - 1 + 3);
	assert_memory_equal(s + XLSX_CELL_MAX - 1, "\xe2\x80\xa6", 3);
	assert_int_equal(s[XLSX_CELL_MAX - 2], 'b');
	free(s);
	free(big);
}

/*
 * What is written must fit libxlsxwriter's count, or the whole row is
 * refused: each _xHHHH_ grows by its escape, and a malformed UTF-8 lead
 * byte is no licence to skip the characters after it (fuzz_xlsx found
 * both).  The cut makes room for them, and such a row is written.
 */
static void
escapes_and_bad_bytes_fit(void **state)
{
	static const struct export_column cols[] = {
		{ "a", EXC_TEXT, MSG_XK_TITLE, 20 },
		{ "b", EXC_TEXT, MSG_XK_DESCRIPTION, 20 },
	};
	char		 path[] = "/tmp/xlsx_test-XXXXXX";
	const char	*row[2];
	struct xcell	 c;
	struct xlsx	*x;
	char		*esc, *bad, *t;
	int		 fd;

	(void)state;
	/* 32,767 bytes that would grow by six for each escape. */
	esc = repeat("_x0041_", XLSX_CELL_MAX / 7);
	xlsx_cell(EXC_TEXT, esc, &c);
	assert_int_equal(c.kind, XC_TEXT);
	assert_int_equal(c.cut, 1);
	/* Seven for the escape, one each for the rest of it. */
	assert_int_equal(c.len, (XLSX_CELL_MAX - 1) / 13 * 7);
	assert_non_null(t = xlsx_text(&c));
	assert_true(strlen(t) <= XLSX_CELL_MAX + 2);	/* "…": 3 bytes */
	free(t);
	/* A four-byte lead byte before plain letters: each one counts. */
	bad = repeat("\xf0" "abc", 10000);
	xlsx_cell(EXC_TEXT, bad, &c);
	assert_int_equal(c.cut, 1);
	assert_true(c.len <= XLSX_CELL_MAX - 1);
	/* Short, the same bytes are kept whole. */
	xlsx_cell(EXC_TEXT, "\xf0" "abc\xff", &c);
	assert_int_equal(c.cut, 0);
	assert_int_equal(c.len, 5);

	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	assert_non_null(x = xlsx_open(path, NULL, "t", cols, 2, -1));
	row[0] = esc;
	row[1] = bad;
	assert_int_equal(xlsx_row(x, row), 0);
	assert_int_equal(xlsx_close(x), 0);
	unlink(path);
	free(esc);
	free(bad);
}

/* The writer refuses what it cannot write, and says so at once. */
static void
open_and_close_errors(void **state)
{
	static const struct export_column cols[] = {
		{ "a", EXC_TEXT, MSG_XK_TITLE, 20 },
	};
	const char	*row[1] = { "x" };
	char		 dir[] = "/tmp/xlsx_test-open-XXXXXX", path[64];
	struct xlsx	*x;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/never.xlsx", dir);
	/* No column, or more than a sheet of ours has. */
	assert_null(xlsx_open(path, NULL, "t", cols, 0, -1));
	assert_null(xlsx_open(path, NULL, "t", cols, 33, -1));
	assert_int_equal(access(path, F_OK), -1);
	/* A sheet name Excel refuses ([]:*?/\ are not allowed). */
	assert_null(xlsx_open(path, NULL, "a/b", cols, 1, -1));
	unlink(path);
	/* The file itself cannot be made: only known when it is closed. */
	assert_non_null(x = xlsx_open("/nonexistent/dir/out.xlsx", NULL, "t",
	    cols, 1, -1));
	assert_int_equal(xlsx_row(x, row), 0);
	assert_int_equal(xlsx_close(x), -1);
	assert_int_equal(rmdir(dir), 0);
}

/* A sink that takes nothing. */
static int
refuse(void *arg, const char *p, size_t len)
{
	(void)arg;
	(void)p;
	(void)len;
	return -1;
}

/* A sink that keeps what it is given. */
static int
keep(void *arg, const char *p, size_t len)
{
	buf_put(arg, p, len);
	return 0;
}

/*
 * xlsx_export_sink on a real (empty) database: the workbook streams to
 * the sink and its temporary file is gone after; a sink that stops
 * taking bytes, or a temporary directory that is not there, is -1.
 */
static void
export_through_a_sink(void **state)
{
	char		 dir[] = "/tmp/xlsx_test-db-XXXXXX", path[64], x[80];
	struct db	*db;
	struct arena	*a;
	struct efilter	 f;
	struct buf	 b = { 0 };
	struct sink	 ok = { keep, &b }, no = { refuse, NULL };
	int		 from, to;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/e.db", dir);
	assert_int_equal(db_migrate(path, &from, &to), 0);
	assert_non_null(db = db_open(path));
	assert_non_null(a = arena_new(1 << 17));
	memset(&f, 0, sizeof(f));
	assert_int_equal(xlsx_export_sink(db, a, EXPORT_ENDORSEMENTS, &f, -1,
	    dir, &ok), 0);
	assert_true(b.len > 4);
	assert_memory_equal(b.p, "PK\x03\x04", 4);
	assert_int_equal(xlsx_export_sink(db, a, EXPORT_COMMITMENTS, &f,
	    LANG_EN, dir, &no), -1);
	assert_int_equal(xlsx_export_sink(db, a, EXPORT_COMMITMENTS, &f,
	    LANG_EN, "/nonexistent/dir", &ok), -1);
	/* The database's and nothing else. */
	assert_int_equal(rmdir(dir), -1);
	db_close(db);
	arena_free(a);
	buf_free(&b);
	snprintf(x, sizeof(x), "%s-wal", path);
	unlink(x);
	snprintf(x, sizeof(x), "%s-shm", path);
	unlink(x);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* Only the temporary files of writers that died are swept. */
static void
sweep_only_the_dead(void **state)
{
	char	 dir[] = "/tmp/xlsx_test-sweep-XXXXXX";
	char	 dead[96], live[96], other[96], junk[96];
	pid_t	 pid;
	int	 st, fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* A process that has exited: its pid is free. */
	assert_true((pid = fork()) != -1);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	snprintf(dead, sizeof(dead), "%s/" XLSX_TEMP_PREFIX "%ld-abc", dir,
	    (long)pid);
	snprintf(live, sizeof(live), "%s/" XLSX_TEMP_PREFIX "%ld-def", dir,
	    (long)getpid());
	snprintf(other, sizeof(other), "%s/someone-else-%ld-x", dir,
	    (long)pid);
	snprintf(junk, sizeof(junk), "%s/" XLSX_TEMP_PREFIX "x-y", dir);
	assert_true((fd = open(dead, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	assert_true((fd = open(live, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	assert_true((fd = open(other, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	assert_true((fd = open(junk, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	xlsx_sweep(dir);
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(junk, F_OK), 0);
	/* Names with no writer's pid in them are not the sweep's. */
	snprintf(other, sizeof(other), "%s/" XLSX_TEMP_PREFIX "0-x", dir);
	snprintf(junk, sizeof(junk), "%s/" XLSX_TEMP_PREFIX "-5-x", dir);
	assert_true((fd = open(other, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	assert_true((fd = open(junk, O_CREAT | O_WRONLY, 0600)) != -1);
	close(fd);
	xlsx_sweep(dir);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(junk, F_OK), 0);
	unlink(other);
	unlink(junk);
	snprintf(other, sizeof(other), "%s/someone-else-%ld-x", dir,
	    (long)pid);
	snprintf(junk, sizeof(junk), "%s/" XLSX_TEMP_PREFIX "x-y", dir);
	/* A directory that is not there: nothing to do, no harm. */
	xlsx_sweep("/nonexistent/dir");
	unlink(live);
	unlink(other);
	unlink(junk);
	assert_int_equal(rmdir(dir), 0);
}

static void
workbook_is_a_zip(void **state)
{
	static const struct export_column cols[] = {
		{ "id", EXC_INT, MSG_XK_ID, 8 },
		{ "name", EXC_TEXT, MSG_XK_FULL_NAME, 20 },
		{ "when", EXC_DATETIME, MSG_XK_CREATED_AT, 20 },
		{ "listed", EXC_BOOL, MSG_XK_LISTED, 8 },
	};
	const char	*r1[] = { "1", "=1+1", "2026-12-04T09:08:07Z", "1" };
	const char	*r2[] = { "2", NULL, "not a date", "0" };
	char		 path[] = "/tmp/xlsx_test-XXXXXX";
	char		 magic[4];
	struct xlsx	*x;
	FILE		*f;
	char		*big;
	const char	*r3[4];
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	x = xlsx_open(path, NULL, "test", cols, 4, LANG_EN);
	assert_non_null(x);
	assert_int_equal(xlsx_row(x, r1), 0);
	assert_int_equal(xlsx_row(x, r2), 0);
	big = repeat("x", XLSX_CELL_MAX + 100);
	r3[0] = "3";
	r3[1] = big;
	r3[2] = "2026-12-04T09:08:07Z";
	r3[3] = "1";
	assert_int_equal(xlsx_row(x, r3), 0);
	free(big);
	assert_int_equal(xlsx_close(x), 0);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fread(magic, 1, 4, f), 4);
	fclose(f);
	assert_memory_equal(magic, "PK\x03\x04", 4);
	unlink(path);
	assert_int_equal(xlsx_close(NULL), -1);
}

/* Every way a date, a time or a number can fail to be one: text. */
static void
typed_cells_that_do_not_parse(void **state)
{
	static const struct {
		enum export_col	 t;
		const char	*v;
		enum xcell_kind	 kind;
	} cases[] = {
		{ EXC_DATE, "2024-02-29", XC_DATE },	/* leap */
		{ EXC_DATE, "2000-02-29", XC_DATE },	/* leap: by 400 */
		{ EXC_DATE, "1900-02-29", XC_TEXT },	/* not: by 100 */
		{ EXC_DATE, "9999-12-31", XC_DATE },
		{ EXC_DATE, "2026-04-31", XC_TEXT },
		{ EXC_DATE, "2026-01-32", XC_TEXT },
		{ EXC_DATE, "2026-01-00", XC_TEXT },
		{ EXC_DATE, "2026-00-01", XC_TEXT },
		{ EXC_DATE, "2026/01/01", XC_TEXT },
		{ EXC_DATE, "2026-01/01", XC_TEXT },
		{ EXC_DATE, "20x6-01-01", XC_TEXT },
		{ EXC_DATE, "2026-0a-01", XC_TEXT },
		{ EXC_DATE, "2026-01-1b", XC_TEXT },
		{ EXC_DATE, "2026-01-01T", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T23:59:59Z", XC_DATETIME },
		{ EXC_DATETIME, "2026-12-04T00:00:00Z", XC_DATETIME },
		{ EXC_DATETIME, "2026-02-30T10:00:00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04X10:00:00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10-00:00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10:00-00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10:00:00+", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T1a:00:00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10:60:00Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10:00:60Z", XC_TEXT },
		{ EXC_DATETIME, "2026-12-04T10:00:00", XC_TEXT },
		{ EXC_INT, "123456789012345", XC_NUMBER },
		{ EXC_INT, "1234567890123456", XC_TEXT },	/* 16 digits */
		{ EXC_INT, "12abc", XC_TEXT },
		{ EXC_INT, "inf", XC_TEXT },
		{ EXC_INT, "nan", XC_TEXT },
		{ EXC_INT, "1e999", XC_TEXT },
		{ EXC_INT, " ", XC_TEXT },
		{ EXC_INT, "", XC_BLANK },
		{ EXC_DATE, NULL, XC_BLANK },
		{ EXC_BOOL, "", XC_BOOL },
	};
	struct xcell	c;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		xlsx_cell(cases[i].t, cases[i].v, &c);
		if (c.kind != cases[i].kind)
			fail_msg("%s: kind %d, not %d", cases[i].v ?
			    cases[i].v : "NULL", c.kind, cases[i].kind);
		if (c.kind == XC_TEXT)
			assert_string_equal(c.s, cases[i].v);
	}
	xlsx_cell(EXC_DATETIME, "2026-12-04T23:59:59Z", &c);
	assert_int_equal(c.hour * 10000 + c.min * 100 + c.sec, 235959);
	xlsx_cell(EXC_BOOL, NULL, &c);
	assert_int_equal(c.b, 0);
}

/* A header Excel would refuse (over 32,767 characters): no workbook. */
static void
header_too_long_is_refused(void **state)
{
	struct export_column	 cols[1] = {
		{ NULL, EXC_TEXT, MSG_XK_TITLE, 20 },
	};
	char			 path[] = "/tmp/xlsx_test-head-XXXXXX";
	char			*big, *log;
	struct capture		 c;
	int			 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	big = repeat("h", XLSX_CELL_MAX + 1);
	cols[0].key = big;
	capture_start(&c);
	assert_null(xlsx_open(path, NULL, "t", cols, 1, -1));
	log = capture_end(&c);
	assert_non_null(strstr(log, "xlsx: header: "));
	free(log);
	free(big);
	unlink(path);
}

/*
 * A sheet holds 1,048,576 rows, the header's included: the row after
 * the last is refused, the writer stays refused, and the file is not
 * reported as written.
 */
static void
rows_beyond_a_sheet_are_refused(void **state)
{
	static const struct export_column cols[] = {
		{ "a", EXC_TEXT, MSG_XK_TITLE, 20 },
	};
	const char	*blank[1] = { NULL }, *one[1] = { "x" };
	char		 path[] = "/tmp/xlsx_test-rows-XXXXXX", *log;
	struct capture	 c;
	struct xlsx	*x;
	long		 n;
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	assert_non_null(x = xlsx_open(path, NULL, "t", cols, 1, -1));
	for (n = 0; n < 1048575 && xlsx_row(x, blank) == 0; n++)
		;
	assert_int_equal(n, 1048575);
	capture_start(&c);
	assert_int_equal(xlsx_row(x, one), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "xlsx: more rows than a sheet holds "
	    "(1048576)"));
	free(log);
	assert_int_equal(xlsx_row(x, blank), -1);
	assert_int_equal(xlsx_close(x), -1);
	unlink(path);
}

/*
 * With no temporary folder given, /tmp; the file is gone afterwards.
 * An export to a file that cannot be made fails when it is closed.
 */
static void
export_tmpdir_default_and_unwritable(void **state)
{
	char		 dir[] = "/tmp/xlsx_test-def-XXXXXX", path[64], x[80];
	char		 cmd[160];
	struct db	*db;
	struct arena	*a;
	struct efilter	 f;
	struct buf	 b = { 0 };
	struct sink	 ok = { keep, &b };
	int		 from, to;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/e.db", dir);
	assert_int_equal(db_migrate(path, &from, &to), 0);
	assert_non_null(db = db_open(path));
	assert_non_null(a = arena_new(1 << 17));
	memset(&f, 0, sizeof(f));
	assert_int_equal(xlsx_export_sink(db, a, EXPORT_COMMITMENTS, &f, -1, NULL,
	    &ok), 0);
	assert_memory_equal(b.p, "PK\x03\x04", 4);
	buf_reset(&b);
	assert_int_equal(xlsx_export_sink(db, a, EXPORT_COMMITMENTS, &f, LANG_EN,
	    "", &ok), 0);
	assert_memory_equal(b.p, "PK\x03\x04", 4);
	snprintf(cmd, sizeof(cmd), "ls /tmp | grep -q '^" XLSX_TEMP_PREFIX
	    "%ld-'", (long)getpid());
	assert_int_not_equal(system(cmd), 0);
	assert_int_equal(xlsx_export(db, a, EXPORT_COMMITMENTS, &f, -1,
	    "/nonexistent/dir/out.xlsx", dir), -1);
	/* XLSX is this file's: the CSV and JSON writer refuses it. */
	buf_reset(&b);
	assert_int_equal(export_run(db, a, EXPORT_COMMITMENTS, EXPORT_XLSX,
	    &f, &ok), -1);
	assert_int_equal(b.len, 0);
	/* An empty report status filters nothing. */
	f.cstatus = "";
	assert_int_equal(export_run(db, a, EXPORT_COMMITMENTS, EXPORT_JSON,
	    &f, &ok), 0);
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, "[]\n");
	db_close(db);
	arena_free(a);
	buf_free(&b);
	snprintf(x, sizeof(x), "%s-wal", path);
	unlink(x);
	snprintf(x, sizeof(x), "%s-shm", path);
	unlink(x);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formula_looking_text_is_text),
		cmocka_unit_test(dates_are_date_cells),
		cmocka_unit_test(booleans_and_numbers),
		cmocka_unit_test(not_finite_is_text),
		cmocka_unit_test(empty_is_blank),
		cmocka_unit_test(non_ascii_kept),
		cmocka_unit_test(cell_limit),
		cmocka_unit_test(excel_escapes_kept_literal),
		cmocka_unit_test(escapes_and_bad_bytes_fit),
		cmocka_unit_test(workbook_is_a_zip),
		cmocka_unit_test(open_and_close_errors),
		cmocka_unit_test(export_through_a_sink),
		cmocka_unit_test(sweep_only_the_dead),
		cmocka_unit_test(typed_cells_that_do_not_parse),
		cmocka_unit_test(header_too_long_is_refused),
		cmocka_unit_test(rows_beyond_a_sheet_are_refused),
		cmocka_unit_test(export_tmpdir_default_and_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
