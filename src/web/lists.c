/*
 * lists.c: the public lists, /signatories and /commitments:
 * filters, counts and keyset pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "country.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

/* ---- the public lists --------------------------------------------------- */

#define LIST_PAGE	50	/* rows a page */

static const char *const continents[] = {
	"africa", "americas", "asia", "europe", "oceania", NULL
};
static const enum msg continent_labels[] = {
	MSG_CONT_AFRICA, MSG_CONT_AMERICAS, MSG_CONT_ASIA, MSG_CONT_EUROPE,
	MSG_CONT_OCEANIA
};

/* The query of a list, by the field tables the forms use. */
enum lparam {
	LP_COUNTRY,
	LP_CONTINENT,
	LP_AREA,
	LP_STATUS,
	LP_BEFORE,
	LP__MAX
};

/*
 * The signatories have no area or status: a link that asks for one is
 * meant for the other list, and answers 400 rather than a list that
 * silently ignores it.
 */
static const char *const nothing[] = { NULL };

static const struct fielddef sig_defs[LP__MAX] = {
	[LP_COUNTRY] = { "country", FT_COUNTRY, 0, 2, NULL },
	[LP_CONTINENT] = { "continent", FT_CHOICE, 0, 0, continents },
	[LP_AREA] = { "area", FT_CHOICE, 0, 0, nothing },
	[LP_STATUS] = { "status", FT_CHOICE, 0, 0, nothing },
	[LP_BEFORE] = { "before", FT_ID, 0, 18, NULL },
};

static const struct fielddef com_defs[LP__MAX] = {
	[LP_COUNTRY] = { "country", FT_COUNTRY, 0, 2, NULL },
	[LP_CONTINENT] = { "continent", FT_CHOICE, 0, 0, continents },
	[LP_AREA] = { "area", FT_CHOICE, 0, 0, areas },
	[LP_STATUS] = { "status", FT_CHOICE, 0, 0, cstatuses },
	[LP_BEFORE] = { "before", FT_ID, 0, 18, NULL },
};

const struct params signatories_params = { sig_defs, NULL, LP__MAX, NULL };
const struct params commitments_params = { com_defs, NULL, LP__MAX, NULL };

/* The filters of a list from its checked query; empty is no filter. */
static void
list_filter(const struct ctx *x, struct list_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->country = ctx_value(x, LP_COUNTRY);
	f->continent = ctx_value(x, LP_CONTINENT);
	f->area = ctx_value(x, LP_AREA);
	f->status = ctx_value(x, LP_STATUS);
	f->before = x->v[LP_BEFORE].num;
}

void
list_query_filter(const struct ctx *x, struct list_filter *f)
{
	list_filter(x, f);
}

const char *
list_continent(const struct country *k)
{
	return continents[k->continent];
}

/* A <select> of a filter: "any" and then each choice. */
static void
filter_select(struct req *r, enum lang l, const char *name, enum msg label,
    const char *const *choices, const enum msg *labels, const char *cur)
{
	size_t	i;

	buf_printf(r->body, "<div class=\"field\">\n<label for=\"%s\">",
	    name);
	page_msg(r, l, label);
	buf_printf(r->body, "</label>\n<select class=\"select\" id=\"%s\" "
	    "name=\"%s\">\n<option value=\"\">", name, name);
	page_msg(r, l, MSG_LIST_ANY);
	page_raw(r, "</option>\n");
	for (i = 0; choices[i] != NULL; i++) {
		buf_printf(r->body, "<option value=\"%s\"%s>", choices[i],
		    cur != NULL && strcmp(cur, choices[i]) == 0 ?
		    " selected" : "");
		page_msg(r, l, labels[i]);
		page_raw(r, "</option>\n");
	}
	page_raw(r, "</select>\n</div>\n");
}

/*
 * The filters as a query string for links, escaped for an attribute:
 * "" or "a=b&amp;c=d".  Every value is one of ours (checked by
 * the router against the query's field table), so none needs
 * percent-encoding.
 */
static const char *
filter_query(struct req *r, const struct list_filter *f)
{
	struct buf	 b;
	const char	*s;

	memset(&b, 0, sizeof(b));
	if (f->country != NULL)
		buf_printf(&b, "&amp;country=%s", f->country);
	if (f->continent != NULL)
		buf_printf(&b, "&amp;continent=%s", f->continent);
	if (f->area != NULL)
		buf_printf(&b, "&amp;area=%s", f->area);
	if (f->status != NULL)
		buf_printf(&b, "&amp;status=%s", f->status);
	s = b.len > 0 && buf_cstr(&b) != NULL ?
	    arena_strdup(r->a, b.p + 5) : "";
	buf_free(&b);
	return s != NULL ? s : "";
}

/*
 * The counts at the top (c, n: by continent or area, as list says):
 * each key of choices with its count and link.
 */
static void
list_counts(struct req *r, enum lang l, const char *path, const char *list,
    const struct list_count *c, size_t n, enum msg heading,
    const char *const *choices, const enum msg *labels)
{
	size_t			i, j;
	long long		k, total = 0;

	for (j = 0; j < n; j++)
		total += c[j].n;
	buf_printf(r->body, "<section class=\"counts\" aria-labelledby=\"%s-h\">"
	    "\n<h2 id=\"%s-h\">", list, list);
	page_msg(r, l, heading);
	page_raw(r, "</h2>\n<ul class=\"count-list\">\n<li>");
	page_text(r, arena_printf(r->a, msg(l, MSG_LIST_TOTAL_FMT),
	    lang_num(r->a, l, total)));
	page_raw(r, "</li>\n");
	for (i = 0; choices[i] != NULL; i++) {
		for (k = 0, j = 0; j < n; j++)
			if (strcmp(c[j].key, choices[i]) == 0)
				k = c[j].n;
		buf_printf(r->body, "<li><a href=\"%s?%s=%s\">", path, list,
		    choices[i]);
		page_msg(r, l, labels[i]);
		buf_printf(r->body, "</a>: %s</li>\n", lang_num(r->a, l, k));
	}
	page_raw(r, "</ul>\n</section>\n");
}

/* The filters: a GET form, so that they work without scripts. */
static void
list_filters(struct req *r, enum lang l, const char *path, int reports,
    const struct list_filter *f)
{
	static const struct fielddef cdef[1] = {
		{ "country", FT_COUNTRY, 0, 2, NULL }
	};
	static const enum msg any[] = { MSG_LIST_ANY };
	static const struct fieldui cdui[1] = {
		{ MSG_F_COUNTRY, MSG__MAX, MSG__MAX, NULL, NULL, any }
	};
	struct form	 cf;
	struct fieldval	 cv[1];

	buf_printf(r->body, "<form class=\"filters\" method=\"get\" "
	    "action=\"%s\" aria-labelledby=\"filter-h\">\n"
	    "<h2 id=\"filter-h\">", path);
	page_msg(r, l, MSG_LIST_FILTER_H);
	page_raw(r, "</h2>\n<div class=\"filter-fields\">\n");
	filter_select(r, l, "continent", MSG_F_CONTINENT, continents,
	    continent_labels, f->continent);
	memset(cv, 0, sizeof(cv));
	cv[0].value = f->country != NULL ? f->country : "";
	cv[0].valuesz = strlen(cv[0].value);
	cv[0].present = f->country != NULL;
	if (form_init(&cf, r, l, cdef, cdui, 1, cv) == 0)
		form_country(&cf, 0);
	else
		logmsg("%s %s: out of memory for the country filter",
		    r->method, r->route);
	if (reports) {
		filter_select(r, l, "area", MSG_F_AREA, areas, area_labels,
		    f->area);
		filter_select(r, l, "status", MSG_F_CSTATUS, cstatuses,
		    cstatus_labels, f->status);
	}
	page_raw(r, "</div>\n<button class=\"button\" type=\"submit\">");
	page_msg(r, l, MSG_LIST_APPLY);
	buf_printf(r->body, "</button>\n<p><a href=\"%s\">", path);
	page_msg(r, l, MSG_LIST_CLEAR);
	page_raw(r, "</a></p>\n</form>\n");
}

/* One signatory or report of a list. */
static void
list_entry(struct req *r, enum lang l, int reports, const struct list_row *row)
{
	const struct country	*k = country_find(row->country);

	page_raw(r, "<li>");
	if (reports) {
		page_raw(r, "<h3>");
		page_bdi(r, row->title);
		page_raw(r, "</h3>\n<p class=\"meta\">");
		page_text(r, web_area_text(l, row->area));
		page_raw(r, " · <strong>");
		page_text(r, web_cstatus_text(l, row->status));
		page_raw(r, "</strong></p>\n<p>");
		page_bdi(r, row->full_name);
		page_raw(r, ", ");
	} else {
		page_raw(r, "<h3>");
		page_bdi(r, row->full_name);
		page_raw(r, "</h3>\n<p>");
		if (strcmp(row->role, "other") == 0)
			page_bdi(r, row->role_other);
		else
			page_text(r, web_choice_text(l, roles, role_labels,
			    row->role));
		page_raw(r, ", ");
	}
	page_bdi(r, row->locality);
	page_raw(r, ", ");
	page_text(r, k != NULL ? lang_country(l, k) : row->country);
	page_raw(r, "</p>\n<p class=\"meta\">");
	page_text(r, arena_printf(r->a, msg(l, reports ?
	    MSG_LIST_REPORTED_FMT : MSG_LIST_ENDORSED_FMT),
	    web_day(r->a, l, row->created_at)));
	if (reports && row->target_date != NULL) {
		page_raw(r, " · ");
		page_text(r, arena_printf(r->a, msg(l, MSG_LIST_TARGET_FMT),
		    web_day(r->a, l, row->target_date)));
	}
	page_raw(r, "</p></li>\n");
}

/*
 * Links to the newest page and the next older one; q is the filters'
 * query, n the rows read (one more than a page if there are more).
 */
static void
list_pager(struct req *r, enum lang l, const char *path, const char *q,
    const struct list_row *rows, size_t n, long long before)
{
	if (n <= LIST_PAGE && before == 0)
		return;
	page_raw(r, "<nav class=\"pager\" aria-label=\"");
	page_msg(r, l, MSG_LIST_PAGE_NAV);
	page_raw(r, "\"><ul>\n");
	if (before > 0) {
		buf_printf(r->body, "<li><a href=\"%s%s%s\">", path,
		    *q ? "?" : "", q);
		page_msg(r, l, MSG_LIST_NEWEST);
		page_raw(r, "</a></li>\n");
	}
	if (n > LIST_PAGE) {
		buf_printf(r->body, "<li><a rel=\"next\" "
		    "href=\"%s?before=%lld%s%s\">", path,
		    rows[LIST_PAGE - 1].id, *q ? "&amp;" : "", q);
		page_msg(r, l, MSG_LIST_OLDER);
		page_raw(r, "</a></li>\n");
	}
	page_raw(r, "</ul></nav>\n");
}

/* A page of rows of the list into rows (LIST_PAGE + 1); -1 on an error. */
static int
list_rows(int reports, struct req *r, const struct list_filter *f,
    struct list_row *rows, size_t *n)
{
	const struct country	*k;

	*n = 0;
	/* A country outside the continent asked for matches nothing. */
	k = f->country != NULL ? country_find(f->country) : NULL;
	if (k != NULL && f->continent != NULL &&
	    strcmp(continents[k->continent], f->continent) != 0)
		return 0;
	if (reports)
		return db_list_reports(web_db, r->a, f, rows, LIST_PAGE + 1, n);
	return db_list_signatories(web_db, r->a, f, rows, LIST_PAGE + 1, n);
}

/*
 * The list as open data, with the filters it has (q, escaped already),
 * and the licence the organisers set, on one line.
 */
static void
open_data_links(struct req *r, enum lang l, int reports, const char *q)
{
	const char	*path = reports ? "/commitments" : "/signatories";
	const char	*fmt, *pct, *url;

	page_raw(r, "<p class=\"open-data\" id=\"open-data\">");
	page_msg(r, l, MSG_OPEN_LEAD);
	buf_printf(r->body, " <a href=\"%s.csv%s%s\" type=\"text/csv\">",
	    path, *q ? "?" : "", q);
	page_msg(r, l, MSG_OPEN_CSV);
	buf_printf(r->body, "</a> · <a href=\"%s.json%s%s\" "
	    "type=\"application/json\">", path, *q ? "?" : "", q);
	page_msg(r, l, MSG_OPEN_JSON);
	page_raw(r, "</a>. ");
	/* The sentence around the licence's name, which may be a link. */
	fmt = msg(l, MSG_OPEN_LICENSE_FMT);
	if ((pct = strstr(fmt, "%s")) == NULL)
		pct = fmt + strlen(fmt);
	page_text(r, arena_printf(r->a, "%.*s", (int)(pct - fmt), fmt));
	if ((url = open_license_url()) != NULL) {
		page_raw(r, "<a rel=\"license\" href=\"");
		page_text(r, url);
		page_raw(r, "\">");
		page_text(r, open_license());
		page_raw(r, "</a>");
	} else
		page_text(r, open_license());
	if (*pct != '\0')
		page_text(r, pct + 2);
	page_raw(r, "</p>\n");
}

/* GET /signatories and GET /commitments (the route's arg says which). */
void
list_get(struct ctx *x)
{
	struct req		*r = x->r;
	enum lang		 l = x->l;
	int			 reports = x->route->arg == LIST_COMMITMENTS;
	const char		*path = reports ? "/commitments" : "/signatories";
	const char		*by = reports ? "area" : "continent";
	struct list_filter	 f;
	struct list_row		*rows;
	struct list_count	 c[DB_COUNTS_MAX];
	const char		*q;
	size_t			 i, n, nc;

	list_filter(x, &f);
	if ((rows = arena_calloc(r->a, LIST_PAGE + 1, sizeof(*rows))) == NULL) {
		route_fail(x, 500, "out of memory for the rows");
		return;
	}
	if (list_rows(reports, r, &f, rows, &n) == -1) {
		route_fail(x, 503, "database: the list's rows");
		return;
	}
	if (db_list_counts(web_db, r->a, by, c, &nc) == -1) {
		route_fail(x, 503, "database: the counts by %s", by);
		return;
	}
	q = filter_query(r, &f);
	req_header(r, "Cache-Control", "no-cache");
	page_begin(r, l, msg(l, reports ? MSG_COM_TITLE : MSG_SIG_TITLE), 0,
	    reports ? NAV_COMMITMENTS : NAV_SIGNATORIES);
	page_elem(r, "h1", l, reports ? MSG_COM_TITLE : MSG_SIG_TITLE);
	page_elem(r, "p class=\"lead\"", l, reports ? MSG_COM_LEAD :
	    MSG_SIG_LEAD);
	if (reports)
		list_counts(r, l, path, by, c, nc, MSG_LIST_BY_AREA_H, areas,
		    area_labels);
	else
		list_counts(r, l, path, by, c, nc, MSG_LIST_BY_CONTINENT_H,
		    continents, continent_labels);
	list_filters(r, l, path, reports, &f);
	open_data_links(r, l, reports, q);
	page_raw(r, "<section aria-labelledby=\"results-h\">\n"
	    "<h2 id=\"results-h\">");
	page_msg(r, l, MSG_LIST_RESULTS_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, *q != '\0' || f.before > 0 ?
		    MSG_LIST_NONE : MSG_LIST_EMPTY);
	else
		page_raw(r, reports ? "<ol class=\"entries\" "
		    "id=\"commitment-list\">\n" : "<ol class=\"entries\" "
		    "id=\"signatory-list\">\n");
	for (i = 0; i < n && i < LIST_PAGE; i++)
		list_entry(r, l, reports, &rows[i]);
	if (n > 0)
		page_raw(r, "</ol>\n");
	list_pager(r, l, path, q, rows, n, f.before);
	page_raw(r, "</section>\n");
	page_end(r, l);
}
