/*
 * export.h, of export.c: the CSV and JSON writers, streamed to a sink, and the
 * exports of endorsements and commitment reports.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stddef.h>
#include "arena.h"
#include "buf.h"

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
	EXPORT__FMT
};

enum export_col {
	EXC_TEXT,		/* a string */
	EXC_NULLTEXT,		/* a string, or JSON null / empty cell */
	EXC_INT,		/* a number */
	EXC_BOOL		/* 0/1: JSON false/true, CSV false/true */
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

void	export_begin(struct exporter *, enum export_fmt,
	    const char *const *keys, const enum export_col *, size_t ncols,
	    const struct sink *);
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
/* "endorsements", "commitments"; "csv", "json"; content types. */
extern const char *const export_kind_names[EXPORT__KIND];
extern const char *const export_fmt_names[EXPORT__FMT];
extern const char *const export_fmt_types[EXPORT__FMT];

#endif /* !EXPORT_H */
