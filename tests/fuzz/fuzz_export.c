/*
 * fuzz_export.c: the CSV and JSON writers on arbitrary cell values (the
 * input, cut at NUL bytes into the cells of one row; integer columns
 * come from SQLite, never from outside, so none is fuzzed).  CSV: a cell that
 * a spreadsheet would run as a formula starts with a quote, quoting is
 * balanced; JSON: no raw control character, every string closed, and
 * U+2028/U+2029 escaped.  Rows go through a sink that checks each chunk.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "export.h"

const char	*fuzz_target_name = "fuzz_export";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NCOLS	4

static const char *const keys[NCOLS] = { "a", "b", "c", "d" };
static const enum export_col cols[NCOLS] = {
	EXC_TEXT, EXC_NULLTEXT, EXC_BOOL, EXC_TEXT
};

static int
sink_write(void *arg, const char *p, size_t len)
{
	struct buf	*all = arg;

	buf_put(all, p, len);
	return 0;
}

/* A CSV text: quotes balanced (an even number of them). */
static void
check_csv(const struct buf *b)
{
	size_t	i, q = 0;

	for (i = 0; i < b->len; i++)
		q += b->p[i] == '"';
	if (q % 2 != 0)
		abort();
}

/* JSON text: no raw control character, no raw U+2028/2029. */
static void
check_json(const struct buf *b)
{
	size_t	i;

	for (i = 0; i < b->len; i++) {
		if ((unsigned char)b->p[i] < 0x20 && b->p[i] != '\n')
			abort();
		if (i + 2 < b->len && (unsigned char)b->p[i] == 0xe2 &&
		    (unsigned char)b->p[i + 1] == 0x80 &&
		    ((unsigned char)b->p[i + 2] == 0xa8 ||
		     (unsigned char)b->p[i + 2] == 0xa9))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 all, cell;
	struct sink	 sink = { sink_write, &all };
	struct exporter	 x;
	const char	*vals[NCOLS];
	char		*copy, *p;
	size_t		 i;
	int		 fmt;

	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy, i = 0; i < NCOLS; i++) {
		vals[i] = p < copy + size ? p : NULL;
		if (p < copy + size)
			p += strlen(p) + 1;
	}
	/* One cell on its own, as the admin list's CSV writes them. */
	memset(&cell, 0, sizeof(cell));
	csv_cell(&cell, copy, strlen(copy));
	if (!cell.oom && cell.len > 0 && strchr("=+-@\t\r", copy[0]) != NULL &&
	    copy[0] != '\0' && !(cell.p[0] == '\'' ||
	    (cell.p[0] == '"' && cell.len > 1 && cell.p[1] == '\'')))
		abort();
	check_csv(&cell);
	buf_reset(&cell);
	json_str(&cell, copy, strlen(copy));
	if (!cell.oom && (cell.len < 2 || cell.p[0] != '"' ||
	    cell.p[cell.len - 1] != '"'))
		abort();
	check_json(&cell);
	buf_free(&cell);

	/* XLSX is libxlsxwriter's, written by xlsx.c, not by the exporter. */
	for (fmt = EXPORT_CSV; fmt <= EXPORT_JSON; fmt++) {
		memset(&all, 0, sizeof(all));
		export_begin(&x, (enum export_fmt)fmt, keys, NULL, cols, NCOLS,
		    &sink);
		(void)export_row(&x, vals);
		(void)export_row(&x, vals);
		(void)export_end(&x);
		if (!all.oom) {
			if (fmt == EXPORT_CSV)
				check_csv(&all);
			else
				check_json(&all);
		}
		buf_free(&all);
	}
	free(copy);
	return 0;
}
