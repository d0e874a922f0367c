/*
 * audit.c: GET /admin/audit, the audit log, newest first, a
 * page at a time.  The log is append-only: the database's triggers
 * refuse any change, and the console offers none.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "valid.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

/* The audit log's query for a page of the pager. */
static void
page_query(struct ctx *x, const void *arg, long long page)
{
	(void)arg;
	buf_printf(x->r->body, "page=%lld", page);
}

static const struct fielddef adefs[1] = {
	{ "page", FT_ID, 0, 7, NULL },
};

const struct params audit_params = { adefs, NULL, 1, NULL };

void
audit_get(struct ctx *x)
{
	struct req		*r = x->r;
	struct audit_entry	*t;
	long long		 page = x->v[0].num > 0 ? x->v[0].num : 1;
	long long		 total, pages;
	size_t			 i, n;

	if (db_audit_count(admin_db, r->a, &total) == -1 ||
	    db_audit_page(admin_db, r->a, PAGE_SIZE, (page - 1) * PAGE_SIZE,
	    &t, &n) == -1) {
		route_fail(x, 503, "database: the audit log");
		return;
	}
	pages = total == 0 ? 1 : (total + PAGE_SIZE - 1) / PAGE_SIZE;
	admin_begin(x, msg(x->l, MSG_ADM_AUDIT_TITLE), 0, ANAV_AUDIT);
	page_elem(r, "h1", x->l, MSG_ADM_AUDIT_TITLE);
	page_elem(r, "p", x->l, MSG_ADM_AUDIT_LEAD);
	admin_table_open(x, MSG_ADM_AUDIT_TITLE);
	page_raw(r, "<thead><tr>");
	admin_th(x, MSG_ADM_COL_WHEN);
	admin_th(x, MSG_ADM_AUDIT_COL_ACTOR);
	admin_th(x, MSG_ADM_AUDIT_COL_ACTION);
	admin_th(x, MSG_ADM_AUDIT_COL_TARGET);
	admin_th(x, MSG_ADM_AUDIT_COL_DETAIL);
	admin_th(x, MSG_ADM_AUDIT_COL_CLIENT);
	page_raw(r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_printf(r->body, "<tr id=\"audit-%lld\">", t[i].id);
		admin_td(x, t[i].created_at);
		admin_td(x, t[i].actor);
		page_raw(r, "<td class=\"action\">");
		page_text(r, t[i].action);
		page_raw(r, "</td>");
		admin_td(x, t[i].target);
		admin_td(x, t[i].detail);
		admin_td(x, t[i].client);
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
	admin_pager(x, "/admin/audit", page_query, NULL, page, pages);
	admin_end(x);
}
