/*
 * download.c: GET /admin/export/{endorsements,commitments}.
 * {csv,json}, whole or filtered with the list's query parameters.  The
 * body is streamed (struct req's stream): the rows go from SQLite to
 * the client as they are read, after the audit entry is committed.
 * Exports hold emails, so a viewer gets 403.
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
};

static int
stream(struct req *r, const struct sink *sink)
{
	struct job	*j = r->stream_arg;

	return export_run(admin_db, r->a, j->kind, j->fmt, &j->f, sink);
}

void
export_get(struct ctx *x)
{
	struct req	*r = x->r;
	struct job	*j;
	long long	 page;
	char		 day[16];
	time_t		 now;

	if ((j = arena_calloc(r->a, 1, sizeof(*j))) == NULL) {
		route_fail(x, 500, "out of memory for the export");
		return;
	}
	admin_filter(x, &j->f, &page);
	j->kind = (enum export_kind)(x->route->arg / EXPORT__FMT);
	j->fmt = (enum export_fmt)(x->route->arg % EXPORT__FMT);
	/* The audit keeps the query as it was sent (the router checked it). */
	if (admin_audit(x, "export", arena_printf(r->a, "%s.%s",
	    export_kind_names[j->kind], export_fmt_names[j->fmt]),
	    r->query) == -1) {
		route_fail(x, 503, "database: auditing the export");
		return;
	}
	now = time(NULL);
	strftime(day, sizeof(day), "%Y-%m-%d", gmtime(&now));
	req_header(r, "Content-Disposition", "attachment; "
	    "filename=\"%s-%s.%s\"", export_kind_names[j->kind], day,
	    export_fmt_names[j->fmt]);
	req_header(r, "Cache-Control", "no-store");
	r->stream = stream;
	r->stream_arg = j;
	/* Only an export whose audit entry is stored is sent. */
	r->after_commit = 1;
}
