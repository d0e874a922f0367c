/*
 * export.c: the exports of DESIGN.md ("Exports") as CSV (RFC
 * 4180) or JSON, written row by row as the database yields them, so
 * that an export of any size takes the same memory.  The same code
 * serves endorse-admin (to the FastCGI stream) and endorsectl (to
 * standard output or a file): only the sink differs.  Each data set is
 * a table of columns (export.h), also read by the XLSX writer (xlsx.c),
 * and the open data sets of endorse-web are two more such tables.  The
 * exports' filters are checked here, once for HTTP and the CLI.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "valid.h"
#include "country.h"
#include "export.h"
#include "db.h"
#include "lang.h"

#define FLUSH_AT	(16 * 1024)

const char *const export_kind_names[EXPORT__KIND] = {
	"endorsements", "commitments"
};
const char *const export_fmt_names[EXPORT__FMT] = { "csv", "json", "xlsx" };
const char *const export_fmt_types[EXPORT__FMT] = {
	"text/csv; charset=utf-8; header=present",
	"application/json; charset=utf-8",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
};
const char *const open_set_names[OPEN__SET] = {
	"signatories", "commitments"
};

#define NCOLS(t)	(sizeof(t) / sizeof((t)[0]))

/* The endorsements, in DBQ_E_EXPORT's order. */
static const struct export_column e_columns[] = {
	{ "id",			EXC_INT,	MSG_XK_ID,		8 },
	{ "receipt",		EXC_TEXT,	MSG_XK_RECEIPT,		28 },
	{ "created_at",		EXC_DATETIME,	MSG_XK_CREATED_AT,	20 },
	{ "status",		EXC_TEXT,	MSG_XK_STATUS,		11 },
	{ "full_name",		EXC_TEXT,	MSG_XK_FULL_NAME,	30 },
	{ "role",		EXC_TEXT,	MSG_XK_ROLE,		15 },
	{ "role_other",		EXC_TEXT,	MSG_XK_ROLE_OTHER,	20 },
	{ "government_level",	EXC_TEXT,	MSG_XK_LEVEL,		12 },
	{ "locality",		EXC_TEXT,	MSG_XK_LOCALITY,	24 },
	{ "region",		EXC_TEXT,	MSG_XK_REGION,		24 },
	{ "country",		EXC_TEXT,	MSG_XK_COUNTRY,		9 },
	{ "email",		EXC_TEXT,	MSG_XK_EMAIL,		32 },
	{ "organisation",	EXC_TEXT,	MSG_XK_ORGANISATION,	30 },
	{ "listed",		EXC_BOOL,	MSG_XK_LISTED,		8 },
	{ "event",		EXC_NULLTEXT,	MSG_XK_EVENT,		24 },
	{ "lang",		EXC_TEXT,	MSG_XK_LANG,		6 },
	{ "confirmed_at",	EXC_DATETIME,	MSG_XK_CONFIRMED_AT,	20 },
	{ "official_domain",	EXC_BOOL,	MSG_XK_OFFICIAL,	10 },
	{ "declaration_version", EXC_INT,	MSG_XK_DECL_VERSION,	8 },
	{ "declaration_sha256",	EXC_NULLTEXT,	MSG_XK_DECL_SHA256,	66 },
};
/* The commitment reports, in DBQ_C_EXPORT's order. */
static const struct export_column c_columns[] = {
	{ "id",			EXC_INT,	MSG_XK_ID,		8 },
	{ "receipt",		EXC_TEXT,	MSG_XK_RECEIPT,		28 },
	{ "endorsement_receipt", EXC_TEXT,	MSG_XK_E_RECEIPT,	28 },
	{ "created_at",		EXC_DATETIME,	MSG_XK_CREATED_AT,	20 },
	{ "area",		EXC_TEXT,	MSG_XK_AREA,		20 },
	{ "title",		EXC_TEXT,	MSG_XK_TITLE,		40 },
	{ "description",	EXC_TEXT,	MSG_XK_DESCRIPTION,	60 },
	{ "means",		EXC_TEXT,	MSG_XK_MEANS,		40 },
	{ "indicators",		EXC_TEXT,	MSG_XK_INDICATORS,	40 },
	{ "target_date",	EXC_DATE,	MSG_XK_TARGET_DATE,	12 },
	{ "status",		EXC_TEXT,	MSG_XK_STATUS,		12 },
	{ "sdg",		EXC_TEXT,	MSG_XK_SDG,		14 },
	{ "updates",		EXC_INT,	MSG_XK_UPDATES,		9 },
};

/* Open data: a signatory (DBQ_OPEN_SIGNATORIES's order), then what a
 * commitment report adds to it (DBQ_OPEN_COMMITMENTS). */
#define OPEN_SIGNATORY_COLUMNS \
	{ "full_name",		EXC_TEXT,	MSG_XK_FULL_NAME,	30 }, \
	{ "role",		EXC_TEXT,	MSG_XK_ROLE,		15 }, \
	{ "organisation",	EXC_TEXT,	MSG_XK_ORGANISATION,	30 }, \
	{ "locality",		EXC_TEXT,	MSG_XK_LOCALITY,	24 }, \
	{ "region",		EXC_TEXT,	MSG_XK_REGION,		24 }, \
	{ "country",		EXC_TEXT,	MSG_XK_COUNTRY,		9 }, \
	{ "endorsed_on",	EXC_DATE,	MSG_XK_ENDORSED_ON,	12 }
static const struct export_column s_columns[] = {
	OPEN_SIGNATORY_COLUMNS
};
static const struct export_column p_columns[] = {
	OPEN_SIGNATORY_COLUMNS,
	{ "area",		EXC_TEXT,	MSG_XK_AREA,		20 },
	{ "title",		EXC_TEXT,	MSG_XK_TITLE,		40 },
	{ "description",	EXC_TEXT,	MSG_XK_DESCRIPTION,	60 },
	{ "means",		EXC_TEXT,	MSG_XK_MEANS,		40 },
	{ "indicators",		EXC_TEXT,	MSG_XK_INDICATORS,	40 },
	{ "target_date",	EXC_DATE,	MSG_XK_TARGET_DATE,	12 },
	{ "status",		EXC_TEXT,	MSG_XK_STATUS,		12 },
	{ "sdg",		EXC_TEXT,	MSG_XK_SDG,		14 },
	{ "updates",		EXC_INT,	MSG_XK_UPDATES,		9 },
	{ "created_at",		EXC_DATETIME,	MSG_XK_CREATED_AT,	20 },
};

#define MAX_COLUMNS	32

const struct export_column *
export_columns(enum export_kind kind, size_t *n)
{
	if (kind == EXPORT_COMMITMENTS) {
		*n = NCOLS(c_columns);
		return c_columns;
	}
	*n = NCOLS(e_columns);
	return e_columns;
}

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
    const char *const *keys, const char *const *header,
    const enum export_col *cols, size_t ncols, const struct sink *sink)
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
	if (header == NULL)
		header = keys;
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			buf_putc(&x->buf, ',');
		csv_cell(&x->buf, header[i], strlen(header[i]));
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
		case EXC_DATETIME:
		case EXC_DATE:
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

/*
 * Write the rows of query q (parameters p) with the columns cols as CSV
 * or JSON, the CSV header in language l (-1: the keys).
 */
static int
run_columns(struct db *db, enum dbq q, const struct dbparam *p, size_t np,
    const struct export_column *cols, size_t ncols, enum export_fmt fmt,
    int l, const struct sink *sink)
{
	struct exporter	 x;
	const char	*keys[MAX_COLUMNS], *hdr[MAX_COLUMNS];
	enum export_col	 types[MAX_COLUMNS];
	size_t		 i;
	int		 rc;

	if (ncols > MAX_COLUMNS || fmt == EXPORT_XLSX)
		return -1;
	for (i = 0; i < ncols; i++) {
		keys[i] = cols[i].key;
		hdr[i] = l < 0 ? cols[i].key : msg((enum lang)l, cols[i].label);
		types[i] = cols[i].type;
	}
	export_begin(&x, fmt, keys, hdr, types, ncols, sink);
	rc = db_each(db, q, p, np, each_row, &x);
	if (export_end(&x) == -1)
		rc = -1;
	return rc;
}

/* The parameters of an export's query: the filter, and for reports ?8. */
#define EXPORT_NPARAMS	(EFILTER_NPARAMS + 1)

static int
export_params(struct arena *a, enum export_kind kind,
    const struct efilter *f, struct dbparam p[EXPORT_NPARAMS], size_t *np)
{
	if (db_efilter(a, f, p) == -1)
		return -1;
	*np = EFILTER_NPARAMS;
	if (kind == EXPORT_COMMITMENTS) {
		p[EFILTER_NPARAMS] = DBP_S(f->cstatus != NULL &&
		    *f->cstatus != '\0' ? f->cstatus : NULL);
		*np = EXPORT_NPARAMS;
	}
	return 0;
}

int
export_run_lang(struct db *db, struct arena *a, enum export_kind kind,
    enum export_fmt fmt, const struct efilter *f, int l,
    const struct sink *sink)
{
	const struct export_column	*cols;
	struct dbparam			 p[EXPORT_NPARAMS];
	size_t				 ncols, np;

	if (export_params(a, kind, f, p, &np) == -1)
		return -1;
	cols = export_columns(kind, &ncols);
	return run_columns(db, kind == EXPORT_COMMITMENTS ? DBQ_C_EXPORT :
	    DBQ_E_EXPORT, p, np, cols, ncols, fmt, l, sink);
}

int
export_run(struct db *db, struct arena *a, enum export_kind kind,
    enum export_fmt fmt, const struct efilter *f, const struct sink *sink)
{
	return export_run_lang(db, a, kind, fmt, f, -1, sink);
}

int
export_each(struct db *db, struct arena *a, enum export_kind kind,
    const struct efilter *f, int (*fn)(void *, const char *const *, size_t),
    void *arg)
{
	struct dbparam	 p[EXPORT_NPARAMS];
	size_t		 np;

	if (export_params(a, kind, f, p, &np) == -1)
		return -1;
	return db_each(db, kind == EXPORT_COMMITMENTS ? DBQ_C_EXPORT :
	    DBQ_E_EXPORT, p, np, fn, arg);
}

/* ---- the exports' filters ------------------------------------------------ */

static const char *const e_statuses[] = {
	"pending", "verified", "rejected", "withdrawn", NULL
};
static const char *const c_statuses[] = {
	"planned", "in_progress", "achieved", "dropped", NULL
};

static int
in_list(const char *const *list, const char *v)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

static int
given(const char *v)
{
	return v != NULL && *v != '\0';
}

enum msg
export_query_check(enum export_kind kind, const struct export_query *q,
    struct efilter *f, int *l)
{
	int	i;

	*l = -1;
	if (given(q->status)) {
		if (in_list(e_statuses, q->status))
			f->status = q->status;
		else if (kind == EXPORT_COMMITMENTS &&
		    in_list(c_statuses, q->status))
			f->cstatus = q->status;
		else
			return kind == EXPORT_COMMITMENTS ?
			    MSG_EXP_BAD_CSTATUS : MSG_EXP_BAD_STATUS;
	}
	if (given(q->country)) {
		if (country_find(q->country) == NULL)
			return MSG_EXP_BAD_COUNTRY;
		f->country = q->country;
	}
	if (given(q->since)) {
		if (!valid_date(q->since, strlen(q->since)))
			return MSG_EXP_BAD_SINCE;
		f->since = q->since;
	}
	if (given(q->lang)) {
		if (!in_list(lang_codes, q->lang))
			return MSG_EXP_BAD_LANG;
		for (i = 0; i < LANG__MAX; i++)
			if (strcmp(lang_code((enum lang)i), q->lang) == 0)
				*l = i;
		if (*l == -1)
			*l = LANG_EN;
	}
	return MSG__MAX;
}

/* Append "-" and v to b, keeping only characters safe in a file name. */
static void
name_part(struct buf *b, const char *prefix, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	buf_putc(b, '-');
	buf_puts(b, prefix);
	for (; *v != '\0'; v++)
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9') || *v == '-' || *v == '_')
			buf_putc(b, *v);
}

const char *
export_filename(struct arena *a, enum export_kind kind, enum export_fmt fmt,
    const struct efilter *f, time_t now)
{
	struct buf	 b = { 0 };
	struct tm	 tm;
	char		 day[16], ev[32];
	const char	*s;

	buf_puts(&b, export_kind_names[kind]);
	name_part(&b, "", f->status);
	name_part(&b, "", f->cstatus);
	name_part(&b, "", f->country);
	if (f->event > 0) {
		snprintf(ev, sizeof(ev), "%lld", f->event);
		name_part(&b, "event-", ev);
	}
	name_part(&b, "since-", f->since);
	name_part(&b, "from-", f->from);
	name_part(&b, "to-", f->to);
	/* The search words stay out of the name: it says one was used. */
	if (f->q != NULL && *f->q != '\0')
		name_part(&b, "", "search");
	if (gmtime_r(&now, &tm) != NULL &&
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) > 0)
		name_part(&b, "", day);
	buf_printf(&b, ".%s", export_fmt_names[fmt]);
	s = buf_cstr(&b) != NULL ? arena_strdup(a, b.p) : NULL;
	buf_free(&b);
	return s;
}

/* ---- open data -------------------------------------------------------- */

int
open_data_run(struct db *db, enum open_set set, enum export_fmt fmt,
    const struct list_filter *f, const struct sink *sink)
{
	struct dbparam	p[4];

	p[0] = DBP_S(f->country);
	p[1] = DBP_S(f->continent);
	if (set == OPEN_SIGNATORIES)
		return run_columns(db, DBQ_OPEN_SIGNATORIES, p, 2, s_columns,
		    NCOLS(s_columns), fmt, -1, sink);
	p[2] = DBP_S(f->area);
	p[3] = DBP_S(f->status);
	return run_columns(db, DBQ_OPEN_COMMITMENTS, p, 4, p_columns,
	    NCOLS(p_columns), fmt, -1, sink);
}
