/*
 * fuzz_xlsx.c: the XLSX writer (src/xlsx.c over libxlsxwriter, constant
 * memory) on arbitrary cell values, through what xlsx_export does with
 * the rows of the database: xlsx_open with an export's column table,
 * xlsx_row per record, xlsx_close.  The first byte picks the export
 * (bit 0) and the language of the header (the rest, modulo the
 * languages and "keys"); the other bytes, cut at NUL bytes, fill the
 * cells row after row (an empty piece is SQL NULL), at most MAX_ROWS
 * rows.  The columns' types make numbers, booleans and dates of what
 * parses, text of the rest.
 *
 * Invariants: each value typed as it parses (check_cell); every step returns success or a clean -1; a workbook
 * closed with 0 is a ZIP file (local header "PK\3\4" first, an end of
 * central directory last); and nothing is left behind: no temporary
 * file in the directory given to libxlsxwriter, no file descriptor
 * open.  One directory is made for the whole run and emptied each time.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "export.h"

const char	*fuzz_target_name = "fuzz_xlsx";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_ROWS	8
#define MAX_COLS	32

static char	 dir[64], path[128];

/* The directory for the run: made once, removed at exit. */
static void
rmdir_at_exit(void)
{
	unlink(path);
	rmdir(dir);
}

static int
setup(void)
{
	const char	*t;

	if (dir[0] != '\0')
		return 0;
	if ((t = getenv("TMPDIR")) == NULL || *t == '\0' ||
	    strlen(t) > sizeof(dir) - 20)
		t = "/tmp";
	snprintf(dir, sizeof(dir), "%s/fuzz_xlsx.XXXXXX", t);
	if (mkdtemp(dir) == NULL) {
		dir[0] = '\0';
		return -1;
	}
	snprintf(path, sizeof(path), "%s/out.xlsx", dir);
	atexit(rmdir_at_exit);
	return 0;
}

/* The lowest free descriptor: the same before and after, or one leaked. */
static int
lowest_fd(void)
{
	int	 fd = open("/dev/null", O_RDONLY);

	if (fd != -1)
		close(fd);
	return fd;
}

/* Anything in dir but out.xlsx is a temporary file left behind. */
static void
check_clean(void)
{
	DIR		*d;
	struct dirent	*e;

	if ((d = opendir(dir)) == NULL)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0 &&
		    strcmp(e->d_name, "out.xlsx") != 0)
			abort();
	closedir(d);
}

/* A ZIP file: a local file header first, an end record (ZIP64 or not). */
static void
check_zip(void)
{
	unsigned char	 head[4], tail[22];
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		abort();
	if (read(fd, head, 4) != 4 || memcmp(head, "PK\003\004", 4) != 0)
		abort();
	/* No archive comment: the 22-byte end record closes the file. */
	if (lseek(fd, -22, SEEK_END) == -1 ||
	    read(fd, tail, 22) != 22 || memcmp(tail, "PK\005\006", 4) != 0)
		abort();
	close(fd);
}

/*
 * What xlsx_cell makes of one value: a number is finite (Excel refuses a
 * sheet that holds NAN or INF), a date a real day of Excel's years, and
 * text the value itself, whole or cut short and marked.
 */
static void
check_cell(enum export_col t, const char *v)
{
	struct xcell	 c;

	xlsx_cell(t, v, &c);
	switch (c.kind) {
	case XC_BLANK:
		if (v != NULL && *v != '\0')
			abort();
		break;
	case XC_NUMBER:
		if (t != EXC_INT || !isfinite(c.num))
			abort();
		break;
	case XC_BOOL:
		if (t != EXC_BOOL)
			abort();
		break;
	case XC_DATE:
	case XC_DATETIME:
		if ((t != EXC_DATE && t != EXC_DATETIME) || c.year < 1900 ||
		    c.year > 9999 || c.month < 1 || c.month > 12 ||
		    c.day < 1 || c.day > 31 || c.hour < 0 || c.hour > 23 ||
		    c.min < 0 || c.min > 59 || c.sec < 0 || c.sec > 59)
			abort();
		break;
	case XC_TEXT:
		if (c.s != v || c.len > strlen(v) || c.len == 0 ||
		    (!c.cut && c.len != strlen(v)))
			abort();
		break;
	default:
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct export_column	*cols;
	const char			*vals[MAX_COLS];
	struct xlsx			*x;
	enum export_kind		 kind;
	char				*copy, *p, *end;
	size_t				 ncols, i, rows;
	int				 l, fd0;

	if (size == 0 || setup() == -1)
		return 0;
	kind = (data[0] & 1) ? EXPORT_COMMITMENTS : EXPORT_ENDORSEMENTS;
	l = (int)((data[0] >> 1) % (LANG__MAX + 1)) - 1;	/* -1: keys */
	cols = export_columns(kind, &ncols);
	if (ncols == 0 || ncols > MAX_COLS)
		abort();
	if ((copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	end = copy + size - 1;

	fd0 = lowest_fd();
	unlink(path);
	if ((x = xlsx_open(path, dir, export_kind_names[kind], cols, ncols,
	    l)) == NULL)
		abort();	/* a writable directory: no reason to fail */
	for (p = copy, rows = 0; p < end && rows < MAX_ROWS; rows++) {
		for (i = 0; i < ncols; i++) {
			vals[i] = p < end && *p != '\0' ? p : NULL;
			if (p < end)
				p += strlen(p) + 1;
			check_cell(cols[i].type, vals[i]);
		}
		if (xlsx_row(x, vals) == -1)
			break;
	}
	/* Well-formed or not, every value fits a cell: nothing may fail. */
	if (xlsx_close(x) != 0)
		abort();
	check_zip();
	unlink(path);
	check_clean();
	if (lowest_fd() != fd0)
		abort();
	free(copy);
	return 0;
}
