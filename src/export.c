/*
 * export.c: the exports of DESIGN.md ("Exports") as CSV (RFC
 * 4180) or JSON, written row by row as the database yields them, so
 * that an export of any size takes the same memory.  The same code
 * serves endorse-admin (to the FastCGI stream) and endorsectl (to
 * standard output): only the sink differs.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "export.h"
#include "db.h"

#define FLUSH_AT	(16 * 1024)

const char *const export_kind_names[EXPORT__KIND] = {
	"endorsements", "commitments"
};
const char *const export_fmt_names[EXPORT__FMT] = { "csv", "json" };
const char *const export_fmt_types[EXPORT__FMT] = {
	"text/csv; charset=utf-8; header=present",
	"application/json; charset=utf-8"
};

/* The columns, in DBQ_E_EXPORT's and DBQ_C_EXPORT's order. */
static const char *const e_keys[] = {
	"id", "receipt", "created_at", "status", "full_name", "role",
	"role_other", "government_level", "locality", "region", "country",
	"email", "organisation", "listed", "event", "lang", "confirmed_at",
	"official_domain"
};
static const enum export_col e_cols[] = {
	EXC_INT, EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT,
	EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT,
	EXC_TEXT, EXC_TEXT, EXC_BOOL, EXC_NULLTEXT, EXC_TEXT, EXC_NULLTEXT,
	EXC_BOOL
};
static const char *const c_keys[] = {
	"id", "receipt", "endorsement_receipt", "created_at", "area",
	"title", "description", "means", "indicators", "target_date",
	"status", "sdg", "updates"
};
static const enum export_col c_cols[] = {
	EXC_INT, EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT,
	EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_TEXT, EXC_NULLTEXT,
	EXC_TEXT, EXC_TEXT, EXC_INT
};

void
csv_cell(struct buf *b, const char *s, size_t len)
{
	size_t	i;
	int	quote = 0, formula;

	formula = len > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	for (i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n';
	if (!quote && !formula) {
		buf_put(b, s, len);
		return;
	}
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, s[i]);
	}
	if (quote)
		buf_putc(b, '"');
}

void
json_str(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		if (u[i] == '"' || u[i] == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)u[i]);
		} else if (u[i] == '\n')
			buf_puts(b, "\\n");
		else if (u[i] == '\r')
			buf_puts(b, "\\r");
		else if (u[i] == '\t')
			buf_puts(b, "\\t");
		else if (u[i] < 0x20 || u[i] == 0x7f)
			buf_printf(b, "\\u%04x", u[i]);
		else if (u[i] == 0xe2 && i + 2 < len && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
			/* U+2028, U+2029: line ends to a JavaScript parser. */
			buf_printf(b, "\\u%04x", u[i + 2] == 0xa8 ?
			    0x2028 : 0x2029);
			i += 2;
		} else
			buf_putc(b, (char)u[i]);
	}
	buf_putc(b, '"');
}

/* Hand the buffer to the sink once it is big enough (or at the end). */
static int
flush(struct exporter *x, int force)
{
	if (x->err || x->buf.oom) {
		x->err = 1;
		return -1;
	}
	if (x->buf.len == 0 || (!force && x->buf.len < FLUSH_AT))
		return 0;
	if (x->sink->write(x->sink->arg, x->buf.p, x->buf.len) == -1) {
		x->err = 1;
		return -1;
	}
	buf_reset(&x->buf);
	return 0;
}

void
export_begin(struct exporter *x, enum export_fmt fmt,
    const char *const *keys, const enum export_col *cols, size_t ncols,
    const struct sink *sink)
{
	size_t	i;

	memset(x, 0, sizeof(*x));
	x->fmt = fmt;
	x->keys = keys;
	x->cols = cols;
	x->ncols = ncols;
	x->sink = sink;
	if (fmt == EXPORT_JSON) {
		buf_putc(&x->buf, '[');
		return;
	}
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			buf_putc(&x->buf, ',');
		csv_cell(&x->buf, keys[i], strlen(keys[i]));
	}
	buf_puts(&x->buf, "\r\n");
}

int
export_row(struct exporter *x, const char *const *vals)
{
	const char	*v;
	size_t		 i;

	if (x->err)
		return -1;
	if (x->fmt == EXPORT_JSON)
		buf_puts(&x->buf, x->nrows == 0 ? "\n{" : ",\n{");
	for (i = 0; i < x->ncols; i++) {
		v = vals[i];
		if (x->fmt == EXPORT_CSV) {
			if (i > 0)
				buf_putc(&x->buf, ',');
			if (x->cols[i] == EXC_BOOL)
				buf_puts(&x->buf, v != NULL &&
				    strcmp(v, "0") != 0 ? "true" : "false");
			else if (v != NULL)
				csv_cell(&x->buf, v, strlen(v));
			continue;
		}
		if (i > 0)
			buf_putc(&x->buf, ',');
		json_str(&x->buf, x->keys[i], strlen(x->keys[i]));
		buf_putc(&x->buf, ':');
		switch (x->cols[i]) {
		case EXC_BOOL:
			buf_puts(&x->buf, v != NULL && strcmp(v, "0") != 0 ?
			    "true" : "false");
			break;
		case EXC_INT:
			/* Our own integers from SQLite: digits only. */
			buf_puts(&x->buf, v != NULL ? v : "null");
			break;
		case EXC_NULLTEXT:
			if (v == NULL) {
				buf_puts(&x->buf, "null");
				break;
			}
			/* FALLTHROUGH */
		default:
			json_str(&x->buf, v ? v : "", v ? strlen(v) : 0);
			break;
		}
	}
	if (x->fmt == EXPORT_CSV)
		buf_puts(&x->buf, "\r\n");
	else
		buf_putc(&x->buf, '}');
	x->nrows++;
	return flush(x, 0);
}

int
export_end(struct exporter *x)
{
	int	rc;

	if (x->fmt == EXPORT_JSON)
		buf_puts(&x->buf, x->nrows == 0 ? "]\n" : "\n]\n");
	rc = flush(x, 1);
	buf_free(&x->buf);
	return rc == -1 || x->err ? -1 : 0;
}

static int
each_row(void *arg, const char *const *vals, size_t n)
{
	struct exporter	*x = arg;

	if (n < x->ncols)
		return -1;
	return export_row(x, vals);
}

int
export_run(struct db *db, struct arena *a, enum export_kind kind,
    enum export_fmt fmt, const struct efilter *f, const struct sink *sink)
{
	struct exporter	 x;
	struct dbparam	 p[EFILTER_NPARAMS];
	int		 rc;

	if (db_efilter(a, f, p) == -1)
		return -1;
	if (kind == EXPORT_COMMITMENTS) {
		export_begin(&x, fmt, c_keys, c_cols,
		    sizeof(c_keys) / sizeof(c_keys[0]), sink);
		rc = db_each(db, DBQ_C_EXPORT, p, EFILTER_NPARAMS, each_row,
		    &x);
	} else {
		export_begin(&x, fmt, e_keys, e_cols,
		    sizeof(e_keys) / sizeof(e_keys[0]), sink);
		rc = db_each(db, DBQ_E_EXPORT, p, EFILTER_NPARAMS, each_row,
		    &x);
	}
	if (export_end(&x) == -1)
		rc = -1;
	return rc;
}
