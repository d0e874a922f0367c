/*
 * export.h, of export.c and xlsx.c: the CSV and JSON writers, streamed to
 * a sink; the exports of endorsements and commitment reports, their column
 * tables (key, type, header label, width) and filters; the open data sets;
 * and the XLSX writer (xlsx.c, the only file that includes xlsxwriter.h).
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stddef.h>
#include <time.h>
#include "arena.h"
#include "buf.h"
#include "lang.h"

/* Where exported bytes go: 0 if all were taken, -1 to stop. */
struct sink {
	int	(*write)(void *arg, const char *p, size_t len);
	void	 *arg;
};

/*
 * RFC 4180 cell: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled); a cell that begins with = + - @ tab or CR gets a leading '
 * so that a spreadsheet shows it as text instead of running it.
 */
void	csv_cell(struct buf *, const char *s, size_t len);
/* A JSON string, quotes included: " \ and control characters escaped,
 * and U+2028 and U+2029 (line separators to JavaScript). */
void	json_str(struct buf *, const char *s, size_t len);

enum export_kind {
	EXPORT_ENDORSEMENTS = 0,
	EXPORT_COMMITMENTS,
	EXPORT__KIND
};

enum export_fmt {
	EXPORT_CSV = 0,
	EXPORT_JSON,
	EXPORT_XLSX,		/* written by xlsx.c, not by the exporter */
	EXPORT__FMT
};

enum export_col {
	EXC_TEXT,		/* a string */
	EXC_NULLTEXT,		/* a string, or JSON null / empty cell */
	EXC_INT,		/* a number */
	EXC_BOOL,		/* 0/1: JSON false/true, CSV false/true */
	EXC_DATETIME,		/* YYYY-MM-DDTHH:MM:SSZ or NULL: text in CSV
				 * and JSON, a date cell in XLSX */
	EXC_DATE		/* YYYY-MM-DD or NULL, likewise */
};

/*
 * One export in progress: rows go through a buffer of about 16 KiB to
 * the sink, so memory stays the same whatever the number of rows.
 */
struct exporter {
	enum export_fmt		 fmt;
	const char *const	*keys;
	const enum export_col	*cols;
	size_t			 ncols;
	const struct sink	*sink;
	struct buf		 buf;
	size_t			 nrows;
	int			 err;	/* the sink refused: stop */
};

/* header: the CSV header row (NULL: the keys); JSON always uses keys. */
void	export_begin(struct exporter *, enum export_fmt,
	    const char *const *keys, const char *const *header,
	    const enum export_col *, size_t ncols, const struct sink *);
/* One row of ncols values (NULL for none); -1 once the sink failed. */
int	export_row(struct exporter *, const char *const *vals);
/* Close the array and flush; 0, or -1 if any write failed.  Frees. */
int	export_end(struct exporter *);


struct db;
struct efilter;
/*
 * Export the endorsements or commitment reports that match the filter,
 * in the columns of DESIGN.md ("Exports"), row by row from the database
 * to the sink.  0, or -1 (a database error, or the sink gave up).
 */
int	export_run(struct db *, struct arena *, enum export_kind,
	    enum export_fmt, const struct efilter *, const struct sink *);
/* "endorsements", "commitments"; "csv", "json", "xlsx"; content types. */
extern const char *const export_kind_names[EXPORT__KIND];
extern const char *const export_fmt_names[EXPORT__FMT];
extern const char *const export_fmt_types[EXPORT__FMT];

struct list_filter;

/*
 * One column of an export.  A new column is one row in the table of its
 * data set (export.c) and the matching expression at the same place in
 * the data set's SELECT (db.c).
 */
struct export_column {
	const char	*key;	/* the JSON key and the CSV header */
	enum export_col	 type;
	enum msg	 label;	/* the header translated with lang */
	unsigned	 width;	/* XLSX column width, in characters */
};

/* The columns of an admin export; *n gets their number. */
const struct export_column *export_columns(enum export_kind, size_t *n);

/*
 * The filters of DESIGN.md's exports, as text from a query string or
 * the command line (NULL or "": not given).  status: the endorsement's
 * status for endorsements; for commitments the report's latest status,
 * or an endorsement status to keep the reports of such endorsements (the
 * two lists share no word).  country: ISO code.  since: YYYY-MM-DD, an
 * inclusive UTC day.  lang: en, fr, es, ar; it filters nothing but puts
 * the header of CSV and XLSX in that language.
 */
struct export_query {
	const char	*status;
	const char	*country;
	const char	*since;
	const char	*lang;
};

/*
 * Check q and put it into *f (which keeps what it holds already, the
 * admin list's other filters) and *l (-1 when lang is not given: the
 * header is the keys).  MSG__MAX if all is well, else the message that
 * says which value is wrong: nothing is exported then.
 */
enum msg export_query_check(enum export_kind, const struct export_query *q,
	    struct efilter *f, int *l);

/*
 * Export as export_run does, with the header in language l (-1: the
 * keys).  XLSX is not written here (see xlsx_export).
 */
int	export_run_lang(struct db *, struct arena *, enum export_kind,
	    enum export_fmt, const struct efilter *, int l,
	    const struct sink *);

/*
 * Call fn with each row of the export (values as text, NULL for SQL
 * NULL) in the columns of export_columns.  0, or -1 (a database error
 * or fn returned -1).
 */
int	export_each(struct db *, struct arena *, enum export_kind,
	    const struct efilter *, int (*fn)(void *, const char *const *,
	    size_t), void *arg);

/*
 * A file name that says what the export holds: kind, status, country,
 * since (and the list's own filters), the day it was made (UTC), the
 * format: "endorsements-verified-FR-since-2026-06-01-2026-12-04.xlsx".
 * Only [A-Za-z0-9._-], so it can be put in a header as it is.  Arena.
 */
const char *export_filename(struct arena *, enum export_kind,
	    enum export_fmt, const struct efilter *, time_t now);

/* ---- open data: the public lists whole, as CSV or JSON ---------------- */

enum open_set {
	OPEN_SIGNATORIES = 0,
	OPEN_COMMITMENTS,
	OPEN__SET
};

extern const char *const open_set_names[OPEN__SET];

/*
 * The verified, listed signatories (or their commitment reports) that
 * match f (country, continent; area and status for reports; f->before is
 * ignored: the set is whole), oldest first, in the keys of DESIGN.md's
 * open data, as CSV or JSON to the sink.  0, or -1.
 */
int	open_data_run(struct db *, enum open_set, enum export_fmt,
	    const struct list_filter *, const struct sink *);

/* ---- xlsx.c: the XLSX writer ------------------------------------------ */

/* What one value becomes in a cell. */
enum xcell_kind {
	XC_BLANK,	/* nothing written: SQL NULL, or "" */
	XC_TEXT,	/* a string, whatever it looks like (never a formula) */
	XC_NUMBER,
	XC_BOOL,
	XC_DATETIME,	/* date and time, UTC, with a date-time format */
	XC_DATE		/* a day, with a date format */
};

/* Excel holds at most this many characters (UTF-16 units) in a cell. */
#define XLSX_CELL_MAX	32767

struct xcell {
	enum xcell_kind	 kind;
	double		 num;		/* XC_NUMBER */
	int		 b;		/* XC_BOOL */
	int		 year, month, day, hour, min, sec; /* XC_DATE(TIME) */
	const char	*s;		/* XC_TEXT: the value, */
	size_t		 len;		/* the bytes of it kept, */
	int		 cut;		/* and 1 if "…" follows them */
};

/*
 * The cell for value v (NULL: SQL NULL) of a column of type t.  A date
 * or number that does not parse is kept as text, never lost.  Text
 * longer than XLSX_CELL_MAX is cut to its first XLSX_CELL_MAX - 1
 * characters (whole UTF-8 sequences) and marked with "…" (U+2026): the
 * CSV and JSON exports hold it whole.  A character counts its UTF-16
 * units, and a "_" that begins _xHHHH_ the seven of its escape (see
 * xlsx_text), so the text written always fits.  c->s points into v.
 */
void	xlsx_cell(enum export_col t, const char *v, struct xcell *c);
/*
 * The text of an XC_TEXT cell as the file must hold it: its kept bytes,
 * each "_" that begins _xHHHH_ written _x005F_ (Excel would read the
 * sequence as U+HHHH otherwise), and "…" if it was cut.  malloc'd (the
 * caller frees), or NULL when out of memory.
 */
char	*xlsx_text(const struct xcell *c);

/*
 * Write the export as an XLSX workbook at path (created or replaced):
 * one sheet named for the kind ("endorsements"), the header row (the keys, or their labels in l) in bold,
 * frozen, with an autofilter over every column; then one row per record,
 * each cell typed by xlsx_cell.  libxlsxwriter's constant_memory mode,
 * its temporary files in tmpdir (NULL: the system's): memory stays the
 * same whatever the number of rows.  0, or -1 (path may then hold a
 * broken file: the caller removes it).
 */
int	xlsx_export(struct db *, struct arena *, enum export_kind,
	    const struct efilter *, int l, const char *path,
	    const char *tmpdir);

/*
 * The same into a temporary file in tmpdir (NULL: /tmp), removed once
 * written, then read back to the sink in chunks.  0, or -1.
 */
int	xlsx_export_sink(struct db *, struct arena *, enum export_kind,
	    const struct efilter *, int l, const char *tmpdir,
	    const struct sink *);
/* The temporary files are named XLSX_TEMP_PREFIX PID "-" random. */
#define XLSX_TEMP_PREFIX	"endorse-export-"
/* Remove the temporary files in tmpdir of processes that died. */
void	xlsx_sweep(const char *tmpdir);

/*
 * The same with rows from a caller (the unit tests): open, one row at a
 * time, close.  xlsx_close frees x whatever happens; 0, or -1.
 */
struct xlsx;
struct xlsx *xlsx_open(const char *path, const char *tmpdir,
	    const char *sheet, const struct export_column *cols, size_t ncols,
	    int l);
int	xlsx_row(struct xlsx *, const char *const *vals);
int	xlsx_close(struct xlsx *);

#endif /* !EXPORT_H */
