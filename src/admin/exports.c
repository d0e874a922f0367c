/*
 * exports.c: GET /admin/export/{endorsements,commitments}.{csv,json,
 * xlsx}, whole or filtered: the export's own filters (status, country,
 * since, lang) and the list's (q, event, from, to), so that a link from
 * the list exports what the list shows.  A wrong value is a 400 that
 * says which, never an unfiltered export.  The body is streamed (struct
 * req's stream) after the audit entry is committed: CSV and JSON row by
 * row from SQLite; XLSX written to a temporary file beside the database,
 * removed once written, then sent.  Exports hold emails, so a viewer
 * gets 403.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "endorse.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "export.h"
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

/* The value of the export's parameter name, NULL if absent or empty;
 * -1 if it is repeated or holds a NUL. */
static int
param(struct req *r, const char *name, const char **v)
{
	const struct kv	*kv;
	size_t		 n = 0;

	*v = NULL;
	if ((kv = kvlist_get(&r->args, name, &n)) == NULL)
		return 0;
	/* Repeated, or holding a NUL: not a filter we can apply. */
	if (n > 1 || strlen(kv->value) != kv->valuesz)
		return -1;
	if (kv->valuesz > 0)
		*v = kv->value;
	return 0;
}

void
export_get(struct actx *x, enum export_kind kind, enum export_fmt fmt)
{
	struct req		*r = x->r;
	struct job		*j;
	struct export_query	 q;
	struct efilter		 check;
	long long		 page;
	enum msg		 m;
	const char		*name, *v;

	if (!admin_may(x, CAP_EXPORT))
		return;
	if ((j = arena_calloc(r->a, 1, sizeof(*j))) == NULL) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	memset(&q, 0, sizeof(q));
	if (r->args_err != PARSE_OK || param(r, "status", &q.status) == -1 ||
	    param(r, "country", &q.country) == -1 ||
	    param(r, "since", &q.since) == -1 ||
	    param(r, "lang", &q.lang) == -1 ||
	    param(r, "q", &v) == -1 || param(r, "event", &v) == -1 ||
	    param(r, "from", &v) == -1 || param(r, "to", &v) == -1) {
		page_notice(r, x->l, 400, MSG_E400_TITLE, MSG_EXP_BAD_QUERY);
		return;
	}
	memset(&check, 0, sizeof(check));
	if ((m = export_query_check(kind, &q, &check, &j->lang)) != MSG__MAX) {
		page_notice(r, x->l, 400, MSG_E400_TITLE, m);
		return;
	}
	/* The list's filters; status and country are checked above. */
	if (admin_filter(x, &j->f, &page, 1) == -1) {
		page_notice(r, x->l, 400, MSG_E400_TITLE, MSG_EXP_BAD_QUERY);
		return;
	}
	(void)export_query_check(kind, &q, &j->f, &j->lang);
	j->kind = kind;
	j->fmt = fmt;
	if ((name = export_filename(r->a, kind, fmt, &j->f, time(NULL)))
	    == NULL) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	if (admin_audit(x, "export", arena_printf(r->a, "%s.%s",
	    export_kind_names[kind], export_fmt_names[fmt]), r->query) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	r->content_type_out = export_fmt_types[fmt];
	/* The name holds only [A-Za-z0-9._-]: nothing to quote or encode. */
	req_header(r, "Content-Disposition", "attachment; filename=\"%s\"",
	    name);
	req_header(r, "Cache-Control", "no-store");
	r->stream = stream;
	r->stream_arg = j;
	/* Only an export whose audit entry is stored is sent. */
	r->after_commit = 1;
}
