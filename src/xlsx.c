/*
 * xlsx.c: the exports as XLSX workbooks through libxlsxwriter, the only
 * file that includes xlsxwriter.h.  A workbook is written in
 * libxlsxwriter's constant_memory mode: each row goes to a temporary
 * file as soon as the next one starts, so a million rows take the
 * memory of one.  Every value is typed by xlsx_cell, and text is always
 * written as a string: a value that starts with "=" is shown, never run.
 */
#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "buf.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "export.h"

#define XLSX_MAX_COLS	32
#define XLSX_WIDTH_MAX	60

struct xlsx {
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*head, *text, *date, *datetime;
	const struct export_column *cols;
	size_t			 ncols;
	lxw_row_t		 row;		/* the next row to write */
	int			 err;
};

/* n digits of s as a number in [lo, hi]; -1 if not. */
static int
digits(const char *s, int n, int lo, int hi)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

/* "YYYY-MM-DD" at s (a real day, years 1900 to 9999, Excel's range). */
static int
parse_day(const char *s, struct xcell *c)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	leap;

	if (s[4] != '-' || s[7] != '-' ||
	    (c->year = digits(s, 4, 1900, 9999)) == -1 ||
	    (c->month = digits(s + 5, 2, 1, 12)) == -1 ||
	    (c->day = digits(s + 8, 2, 1, 31)) == -1)
		return -1;
	leap = (c->year % 4 == 0 && c->year % 100 != 0) || c->year % 400 == 0;
	if (c->day > mdays[c->month - 1] ||
	    (c->month == 2 && c->day == 29 && !leap))
		return -1;
	return 0;
}

/* 1 if s[0..len) begins with Excel's escape _xHHHH_. */
static int
is_xescape(const char *s, size_t len)
{
	size_t	i;

	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return 0;
	for (i = 2; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/*
 * The bytes of the character at u[0] (len left): what its first byte
 * announces, but only over continuation bytes, so that a malformed
 * sequence never swallows the characters after it.
 */
static size_t
u8_len(const unsigned char *u, size_t len)
{
	size_t	n, i;

	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	for (i = 1; i < n && i < len; i++)
		if ((u[i] & 0xc0) != 0x80)
			break;
	return i;
}

/*
 * What the character at u[0] counts against the limit: its UTF-16
 * units as Excel counts them, and never less than libxlsxwriter, which
 * counts the string xlsx_text hands it (a "_" that begins _xHHHH_ is
 * written as the seven of _x005F_).
 */
static size_t
u8_units(const unsigned char *u, size_t len)
{
	if (is_xescape((const char *)u, len))
		return 7;
	return u[0] >= 0xf0 ? 2 : 1;
}

void
xlsx_cell(enum export_col t, const char *v, struct xcell *c)
{
	const unsigned char	*u = (const unsigned char *)v;
	size_t			 len, i, units, keep;
	char			*end;

	memset(c, 0, sizeof(*c));
	if (v == NULL || *v == '\0') {
		/* No value: an empty cell (a boolean column says false). */
		c->kind = XC_BLANK;
		if (t == EXC_BOOL) {
			c->kind = XC_BOOL;
			c->b = 0;
		}
		return;
	}
	len = strlen(v);
	switch (t) {
	case EXC_BOOL:
		c->kind = XC_BOOL;
		c->b = strcmp(v, "0") != 0;
		return;
	case EXC_INT:
		/* Not NAN or INF, which strtod reads: Excel refuses the sheet
		 * that holds one. */
		c->num = strtod(v, &end);
		if (*end == '\0' && end != v && len <= 15 && isfinite(c->num)) {
			c->kind = XC_NUMBER;
			return;
		}
		break;
	case EXC_DATE:
		if (len == 10 && parse_day(v, c) == 0) {
			c->kind = XC_DATE;
			return;
		}
		break;
	case EXC_DATETIME:
		if (len == 20 && parse_day(v, c) == 0 && v[10] == 'T' &&
		    v[13] == ':' && v[16] == ':' && v[19] == 'Z' &&
		    (c->hour = digits(v + 11, 2, 0, 23)) != -1 &&
		    (c->min = digits(v + 14, 2, 0, 59)) != -1 &&
		    (c->sec = digits(v + 17, 2, 0, 59)) != -1) {
			c->kind = XC_DATETIME;
			return;
		}
		break;
	default:
		break;
	}
	/* Text, or a value of another type that did not parse: as text. */
	memset(c, 0, sizeof(*c));
	c->kind = XC_TEXT;
	c->s = v;
	c->len = len;
	for (i = 0, units = 0; i < len; i += u8_len(u + i, len - i))
		units += u8_units(u + i, len - i);
	if (units <= XLSX_CELL_MAX)
		return;
	/* Too long for a cell: whole characters up to one short of the
	 * limit, then the mark. */
	for (keep = 0, units = 0; keep < len;
	    keep += u8_len(u + keep, len - keep)) {
		if (units + u8_units(u + keep, len - keep) > XLSX_CELL_MAX - 1)
			break;
		units += u8_units(u + keep, len - keep);
	}
	c->len = keep;
	c->cut = 1;
}

char *
xlsx_text(const struct xcell *c)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*s;

	for (i = 0; i < c->len; i++) {
		/* Excel reads _xHHHH_ in a cell's text as the character
		 * U+HHHH; _x005F_ is its escape for "_". */
		if (is_xescape(c->s + i, c->len - i))
			buf_puts(&b, "_x005F_");
		else
			buf_putc(&b, c->s[i]);
	}
	if (c->cut)
		buf_puts(&b, "\xe2\x80\xa6");	/* … */
	if (buf_cstr(&b) == NULL) {
		buf_free(&b);
		return NULL;
	}
	s = b.p;	/* the buffer's bytes, handed over */
	return s;
}

static lxw_format *
num_format(lxw_workbook *wb, const char *fmt)
{
	lxw_format	*f;

	if ((f = workbook_add_format(wb)) != NULL)
		format_set_num_format(f, fmt);
	return f;
}

struct xlsx *
xlsx_open(const char *path, const char *tmpdir, const char *sheet,
    const struct export_column *cols, size_t ncols, int l)
{
	lxw_workbook_options	 o;
	struct xlsx		*x;
	const char		*h;
	size_t			 i;
	double			 w;
	lxw_error		 e = LXW_NO_ERROR;

	if (ncols == 0 || ncols > XLSX_MAX_COLS ||
	    (x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	memset(&o, 0, sizeof(o));
	o.constant_memory = LXW_TRUE;
	o.tmpdir = (char *)tmpdir;
	/* A big export may pass 4 GiB before compression: allow ZIP64. */
	o.use_zip64 = LXW_TRUE;
	x->cols = cols;
	x->ncols = ncols;
	if ((x->wb = workbook_new_opt(path, &o)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, sheet)) == NULL ||
	    (x->head = workbook_add_format(x->wb)) == NULL ||
	    (x->text = num_format(x->wb, "@")) == NULL ||
	    (x->date = num_format(x->wb, "yyyy-mm-dd")) == NULL ||
	    (x->datetime = num_format(x->wb, "yyyy-mm-dd hh:mm:ss")) == NULL) {
		logmsg("xlsx: cannot start %s", path);
		x->err = 1;
		xlsx_close(x);
		return NULL;
	}
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	for (i = 0; i < ncols && e == LXW_NO_ERROR; i++) {
		h = l < 0 ? cols[i].key : msg((enum lang)l, cols[i].label);
		/* Room for the header and its filter button, within reason. */
		w = cols[i].width;
		if (w < (double)(strlen(h) + 3))
			w = (double)(strlen(h) + 3);
		if (w > XLSX_WIDTH_MAX)
			w = XLSX_WIDTH_MAX;
		e = worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w,
		    NULL);
		if (e == LXW_NO_ERROR)
			e = worksheet_write_string(x->ws, 0, (lxw_col_t)i, h,
			    x->head);
	}
	if (e == LXW_NO_ERROR)
		worksheet_freeze_panes(x->ws, 1, 0);
	if (e != LXW_NO_ERROR) {
		logmsg("xlsx: header: %s", lxw_strerror(e));
		x->err = 1;
		xlsx_close(x);
		return NULL;
	}
	x->row = 1;
	return x;
}

int
xlsx_row(struct xlsx *x, const char *const *vals)
{
	struct xcell	 c;
	lxw_datetime	 dt;
	lxw_col_t	 col;
	lxw_error	 e = LXW_NO_ERROR;
	char		*s;
	size_t		 i;

	if (x->err)
		return -1;
	if (x->row >= LXW_ROW_MAX) {
		logmsg("xlsx: more rows than a sheet holds (%u)", LXW_ROW_MAX);
		x->err = 1;
		return -1;
	}
	for (i = 0; i < x->ncols && e == LXW_NO_ERROR; i++) {
		col = (lxw_col_t)i;
		xlsx_cell(x->cols[i].type, vals[i], &c);
		switch (c.kind) {
		case XC_BLANK:
			break;
		case XC_NUMBER:
			e = worksheet_write_number(x->ws, x->row, col, c.num,
			    NULL);
			break;
		case XC_BOOL:
			e = worksheet_write_boolean(x->ws, x->row, col, c.b,
			    NULL);
			break;
		case XC_DATE:
		case XC_DATETIME:
			dt.year = c.year;
			dt.month = c.month;
			dt.day = c.day;
			dt.hour = c.hour;
			dt.min = c.min;
			dt.sec = c.sec;
			e = worksheet_write_datetime(x->ws, x->row, col, &dt,
			    c.kind == XC_DATE ? x->date : x->datetime);
			break;
		case XC_TEXT:
			if (!c.cut && strstr(c.s, "_x") == NULL) {
				e = worksheet_write_string(x->ws, x->row, col,
				    c.s, x->text);
				break;
			}
			if ((s = xlsx_text(&c)) == NULL) {
				e = LXW_ERROR_MEMORY_MALLOC_FAILED;
				break;
			}
			e = worksheet_write_string(x->ws, x->row, col, s,
			    x->text);
			free(s);
			break;
		}
	}
	if (e != LXW_NO_ERROR) {
		logmsg("xlsx: row %u: %s", (unsigned)x->row, lxw_strerror(e));
		x->err = 1;
		return -1;
	}
	x->row++;
	return 0;
}

int
xlsx_close(struct xlsx *x)
{
	lxw_error	e;
	int		rc;

	if (x == NULL)
		return -1;
	if (x->ws != NULL && !x->err)
		/* Over the header and every row written. */
		worksheet_autofilter(x->ws, 0, 0, x->row - 1,
		    (lxw_col_t)(x->ncols - 1));
	rc = x->err ? -1 : 0;
	if (x->wb != NULL && (e = workbook_close(x->wb)) != LXW_NO_ERROR) {
		logmsg("xlsx: %s", lxw_strerror(e));
		rc = -1;
	}
	free(x);
	return rc;
}

static int
each_row(void *arg, const char *const *vals, size_t n)
{
	struct xlsx	*x = arg;

	if (n < x->ncols)
		return -1;
	return xlsx_row(x, vals);
}

int
xlsx_export(struct db *db, struct arena *a, enum export_kind kind,
    const struct efilter *f, int l, const char *path, const char *tmpdir)
{
	const struct export_column	*cols;
	struct xlsx			*x;
	size_t				 ncols;
	int				 rc;

	cols = export_columns(kind, &ncols);
	if ((x = xlsx_open(path, tmpdir, export_kind_names[kind], cols,
	    ncols, l)) == NULL)
		return -1;
	rc = export_each(db, a, kind, f, each_row, x);
	if (xlsx_close(x) == -1)
		rc = -1;
	return rc;
}

int
xlsx_export_sink(struct db *db, struct arena *a, enum export_kind kind,
    const struct efilter *f, int l, const char *tmpdir,
    const struct sink *sink)
{
	char	*path, *chunk;
	ssize_t	 n;
	int	 fd, rc = -1;

	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	if ((path = arena_printf(a, "%s/" XLSX_TEMP_PREFIX "%ld-XXXXXX",
	    tmpdir, (long)getpid())) == NULL ||
	    (chunk = arena_alloc(a, 65536)) == NULL)
		return -1;
	if ((fd = mkstemp(path)) == -1) {
		logerr("%s", path);
		return -1;
	}
	/*
	 * libxlsxwriter writes the file by its name, into the inode that fd
	 * holds open; once it is done the name goes, and a client that
	 * stops reading leaves nothing behind.
	 */
	if (xlsx_export(db, a, kind, f, l, path, tmpdir) == -1) {
		unlink(path);
		close(fd);
		return -1;
	}
	unlink(path);
	if (lseek(fd, 0, SEEK_SET) == -1) {
		close(fd);
		return -1;
	}
	for (;;) {
		n = read(fd, chunk, 65536);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n == 0 ? 0 : -1;
			break;
		}
		if (sink->write(sink->arg, chunk, (size_t)n) == -1)
			break;
	}
	close(fd);
	return rc;
}

void
xlsx_sweep(const char *tmpdir)
{
	DIR		*d;
	struct dirent	*e;
	const char	*p;
	char		*end;
	long		 pid;
	int		 dfd;

	if ((d = opendir(tmpdir)) == NULL)
		return;
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, XLSX_TEMP_PREFIX,
		    strlen(XLSX_TEMP_PREFIX)) != 0)
			continue;
		p = e->d_name + strlen(XLSX_TEMP_PREFIX);
		pid = strtol(p, &end, 10);
		if (end == p || *end != '-' || pid <= 0)
			continue;
		/* Its writer is gone: it crashed before removing it. */
		if (kill((pid_t)pid, 0) == -1 && errno == ESRCH)
			unlinkat(dfd, e->d_name, 0);
	}
	closedir(d);
}
