/*
 * audit.c: GET /admin/audit, the audit log, newest first, a
 * page at a time.  The log is append-only: the database's triggers
 * refuse any change, and the console offers none.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endorse.h"
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
	struct req	*r = x->r;
	struct dbparam	 p[2];
	struct dbtable	 t, n;
	long long	 page = x->v[0].num > 0 ? x->v[0].num : 1;
	long long	 total, pages;
	size_t		 i;

	p[0] = DBP_I(PAGE_SIZE);
	p[1] = DBP_I((page - 1) * PAGE_SIZE);
	if (db_table(admin_db, r->a, DBQ_AUDIT_COUNT, NULL, 0, &n) == -1 ||
	    n.nrows != 1 ||
	    db_table(admin_db, r->a, DBQ_AUDIT_LIST, p, 2, &t) == -1) {
		route_fail(x, 503, "database: the audit log");
		return;
	}
	total = atoll(DBT(&n, 0, 0));
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
	for (i = 0; i < t.nrows; i++) {
		buf_printf(r->body, "<tr id=\"audit-%s\">", DBT(&t, i, 0));
		admin_td(x, DBT(&t, i, 1));
		admin_td(x, DBT(&t, i, 2));
		page_raw(r, "<td class=\"action\">");
		page_text(r, DBT(&t, i, 3));
		page_raw(r, "</td>");
		admin_td(x, DBT(&t, i, 4));
		admin_td(x, DBT(&t, i, 5));
		admin_td(x, DBT(&t, i, 6));
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
	admin_pager(x, "/admin/audit", page_query, NULL, page, pages);
	admin_end(x);
}
