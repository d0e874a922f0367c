/*
 * download.c: GET /admin/export/{endorsements,commitments}.{csv,json,
 * xlsx}, whole or filtered: the export's own filters (status, country,
 * since, lang) and the list's (q, event, from, to), so that a link from
 * the list exports what the list shows.  A wrong value is a 400 that
 * says which, never an unfiltered export.  The body is streamed (struct
 * req's stream) after the audit entry is committed: CSV and JSON row by
 * row from SQLite; XLSX written to a temporary file beside the database,
 * removed once written, then sent.  Exports hold emails, so a viewer
 * gets 403 (the route's cap).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "export.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

struct job {
	enum export_kind	kind;
	enum export_fmt		fmt;
	struct efilter		f;
	int			lang;	/* of the header; -1: the keys */
};

/* The folder of the database: the state directory, private to us. */
static const char *
tmpdir(struct arena *a)
{
	const char	*slash = strrchr(admincfg.db_path, '/');

	if (slash == NULL)
		return ".";
	if (slash == admincfg.db_path)
		return "/";
	return arena_printf(a, "%.*s", (int)(slash - admincfg.db_path),
	    admincfg.db_path);
}

void
export_sweep(void)
{
	struct arena	*a;

	if ((a = arena_new(256)) == NULL)
		return;
	xlsx_sweep(tmpdir(a));
	arena_free(a);
}

static int
stream(struct req *r, const struct sink *sink)
{
	struct job	*j = r->stream_arg;

	if (j->fmt == EXPORT_XLSX)
		return xlsx_export_sink(admin_db, r->a, j->kind, &j->f,
		    j->lang, tmpdir(r->a), sink);
	return export_run_lang(admin_db, r->a, j->kind, j->fmt, &j->f,
	    j->lang, sink);
}

void
export_get(struct ctx *x)
{
	struct req		*r = x->r;
	struct job		*j;
	struct export_query	 q;
	long long		 page;
	enum msg		 m;
	const char		*name;

	if ((j = arena_calloc(r->a, 1, sizeof(*j))) == NULL) {
		route_fail(x, 500, "out of memory for the export");
		return;
	}
	j->kind = (enum export_kind)(x->route->arg / EXPORT__FMT);
	j->fmt = (enum export_fmt)(x->route->arg % EXPORT__FMT);
	/* The list's filters (the router checked their shape) ... */
	admin_filter(x, &j->f, &page);
	/* ... but status and country are the export's, checked here. */
	j->f.status = NULL;
	j->f.country = NULL;
	admin_export_query(x, &q);
	if ((m = export_query_check(j->kind, &q, &j->f, &j->lang)) !=
	    MSG__MAX) {
		page_notice(r, x->l, 400, MSG_E400_TITLE, m);
		return;
	}
	if ((name = export_filename(r->a, j->kind, j->fmt, &j->f,
	    time(NULL))) == NULL) {
		route_fail(x, 500, "out of memory for the export's name");
		return;
	}
	/* The audit keeps the query as it was sent. */
	if (admin_audit(x, "export", arena_printf(r->a, "%s.%s",
	    export_kind_names[j->kind], export_fmt_names[j->fmt]),
	    r->query) == -1) {
		route_fail(x, 503, "database: auditing the export");
		return;
	}
	/* The name holds only [A-Za-z0-9._-]: nothing to quote or encode. */
	req_header(r, "Content-Disposition", "attachment; filename=\"%s\"",
	    name);
	req_header(r, "Cache-Control", "no-store");
	r->stream = stream;
	r->stream_arg = j;
	/* Only an export whose audit entry is stored is sent. */
	r->after_commit = 1;
}
