/*
 * lists.c (issue 4): the public lists, /signatories and /commitments:
 * filters, counts and keyset pages.
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
#include "web/web.h"

/* ---- issue 4: the public lists ------------------------------------------ */

#define LIST_PAGE	50	/* rows a page */

static const char *const continents[] = {
	"africa", "americas", "asia", "europe", "oceania", NULL
};
static const enum msg continent_labels[] = {
	MSG_CONT_AFRICA, MSG_CONT_AMERICAS, MSG_CONT_ASIA, MSG_CONT_EUROPE,
	MSG_CONT_OCEANIA
};

static int
in_list(const char *const *list, const char *v)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

/*
 * The filters of a list from the query string.  An empty value is no
 * filter; a value the form cannot send (an unknown country, a repeated
 * or malformed parameter) is -1: the caller answers 400.
 */
static int
list_query(struct req *r, int reports, struct list_filter *f)
{
	static const char *const names[] = {
		"country", "continent", "area", "status", "before"
	};
	const struct kv	*kv;
	const char	*v[5];
	size_t		 i, n;
	char		*end;
	long long	 b;

	memset(f, 0, sizeof(f[0]));
	if (r->args_err != PARSE_OK)
		return -1;
	for (i = 0; i < 5; i++) {
		v[i] = NULL;
		kv = kvlist_get(&r->args, names[i], &n);
		if (kv == NULL || kv->valuesz == 0)
			continue;
		if (n > 1 || strlen(kv->value) != kv->valuesz)
			return -1;
		if (!reports && (i == 2 || i == 3))
			return -1;
		v[i] = kv->value;
	}
	if (v[0] != NULL && country_find(v[0]) == NULL)
		return -1;
	if (v[1] != NULL && !in_list(continents, v[1]))
		return -1;
	if (v[2] != NULL && !in_list(areas, v[2]))
		return -1;
	if (v[3] != NULL && !in_list(cstatuses, v[3]))
		return -1;
	if (v[4] != NULL) {
		if (v[4][0] < '1' || v[4][0] > '9' || strlen(v[4]) > 18)
			return -1;
		b = strtoll(v[4], &end, 10);
		if (*end != '\0' || b <= 0)
			return -1;
		f->before = b;
	}
	f->country = v[0];
	f->continent = v[1];
	f->area = v[2];
	f->status = v[3];
	return 0;
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
 * list_query), so none needs percent-encoding.
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

/* The counts at the top: each key of choices with its count and link. */
static void
list_counts(struct req *r, enum lang l, const char *path, const char *list,
    const char *param, enum msg heading, const char *const *choices,
    const enum msg *labels)
{
	struct list_count	c[DB_COUNTS_MAX];
	size_t			i, j, n;
	long long		k, total = 0;

	if (db_list_counts(web_db, r->a, list, c, &n) == -1)
		n = 0;
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
		buf_printf(r->body, "<li><a href=\"%s?%s=%s\">", path, param,
		    choices[i]);
		page_msg(r, l, labels[i]);
		buf_printf(r->body, "</a>: %s</li>\n", lang_num(r->a, l, k));
	}
	page_raw(r, "</ul>\n</section>\n");
}

/* GET /signatories and GET /commitments */
void
list_page(struct req *r, enum lang l, int reports)
{
	struct list_filter	 f;
	struct list_row		*rows;
	struct form		 cf;
	struct fieldval		 cv[1];
	static const struct fielddef cdef[1] = {
		{ "country", FT_COUNTRY, 0, 2, NULL }
	};
	static const enum msg any[] = { MSG_LIST_ANY };
	static const struct fieldui cdui[1] = {
		{ MSG_F_COUNTRY, MSG__MAX, MSG__MAX, NULL, NULL, any }
	};
	const struct country	*k;
	const char		*path, *q;
	size_t			 i, n = 0;
	int			 rc;

	path = reports ? "/commitments" : "/signatories";
	if (list_query(r, reports, &f) == -1) {
		page_error(r, l, 400, NULL);
		return;
	}
	if ((rows = arena_calloc(r->a, LIST_PAGE + 1, sizeof(*rows))) == NULL) {
		page_error(r, l, 500, NULL);
		return;
	}
	/* A country outside the continent asked for matches nothing. */
	k = f.country != NULL ? country_find(f.country) : NULL;
	if (k != NULL && f.continent != NULL &&
	    strcmp(continents[k->continent], f.continent) != 0)
		rc = 0;
	else if (reports)
		rc = db_list_reports(web_db, r->a, &f, rows, LIST_PAGE + 1, &n);
	else
		rc = db_list_signatories(web_db, r->a, &f, rows, LIST_PAGE + 1,
		    &n);
	if (rc == -1) {
		page_error(r, l, 503, NULL);
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
		list_counts(r, l, path, "area", "area", MSG_LIST_BY_AREA_H,
		    areas, area_labels);
	else
		list_counts(r, l, path, "continent", "continent",
		    MSG_LIST_BY_CONTINENT_H, continents, continent_labels);

	/* The filters: a GET form, so that they work without scripts. */
	buf_printf(r->body, "<form class=\"filters\" method=\"get\" "
	    "action=\"%s\" aria-labelledby=\"filter-h\">\n"
	    "<h2 id=\"filter-h\">", path);
	page_msg(r, l, MSG_LIST_FILTER_H);
	page_raw(r, "</h2>\n<div class=\"filter-fields\">\n");
	filter_select(r, l, "continent", MSG_F_CONTINENT, continents,
	    continent_labels, f.continent);
	cv[0].value = f.country != NULL ? f.country : "";
	cv[0].valuesz = strlen(cv[0].value);
	cv[0].present = f.country != NULL;
	cv[0].err = VERR_OK;
	if (form_init(&cf, r, l, cdef, cdui, 1, cv) == 0)
		form_country(&cf, 0);
	if (reports) {
		filter_select(r, l, "area", MSG_F_AREA, areas, area_labels,
		    f.area);
		filter_select(r, l, "status", MSG_F_CSTATUS, cstatuses,
		    cstatus_labels, f.status);
	}
	page_raw(r, "</div>\n<button class=\"button\" type=\"submit\">");
	page_msg(r, l, MSG_LIST_APPLY);
	buf_printf(r->body, "</button>\n<p><a href=\"%s\">", path);
	page_msg(r, l, MSG_LIST_CLEAR);
	page_raw(r, "</a></p>\n</form>\n");

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
	for (i = 0; i < n && i < LIST_PAGE; i++) {
		k = country_find(rows[i].country);
		page_raw(r, "<li>");
		if (reports) {
			page_raw(r, "<h3>");
			page_bdi(r, rows[i].title);
			page_raw(r, "</h3>\n<p class=\"meta\">");
			page_text(r, web_area_text(l, rows[i].area));
			page_raw(r, " · <strong>");
			page_text(r, web_cstatus_text(l, rows[i].status));
			page_raw(r, "</strong></p>\n<p>");
			page_bdi(r, rows[i].full_name);
			page_raw(r, ", ");
		} else {
			page_raw(r, "<h3>");
			page_bdi(r, rows[i].full_name);
			page_raw(r, "</h3>\n<p>");
			if (strcmp(rows[i].role, "other") == 0)
				page_bdi(r, rows[i].role_other);
			else
				page_text(r, web_choice_text(l, roles,
				    role_labels, rows[i].role));
			page_raw(r, ", ");
		}
		page_bdi(r, rows[i].locality);
		page_raw(r, ", ");
		page_text(r, k != NULL ? lang_country(l, k) :
		    rows[i].country);
		page_raw(r, "</p>\n<p class=\"meta\">");
		page_text(r, arena_printf(r->a, msg(l, reports ?
		    MSG_LIST_REPORTED_FMT : MSG_LIST_ENDORSED_FMT),
		    web_day(r->a, l, rows[i].created_at)));
		if (reports && rows[i].target_date != NULL) {
			page_raw(r, " · ");
			page_text(r, arena_printf(r->a,
			    msg(l, MSG_LIST_TARGET_FMT),
			    web_day(r->a, l, rows[i].target_date)));
		}
		page_raw(r, "</p></li>\n");
	}
	if (n > 0)
		page_raw(r, "</ol>\n");
	if (n > LIST_PAGE || f.before > 0) {
		page_raw(r, "<nav class=\"pager\" aria-label=\"");
		page_msg(r, l, MSG_LIST_PAGE_NAV);
		page_raw(r, "\"><ul>\n");
		if (f.before > 0) {
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
	page_raw(r, "</section>\n");
	page_end(r, l);
}

