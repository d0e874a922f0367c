/*
 * dashboard.c (issue 5): GET /admin/, the figures of the campaign.  Each
 * chart is an inline SVG drawn here (no script, no image request) and
 * stands beside a table of the same numbers, which is what a screen
 * reader reads: the drawing is hidden from it.
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
#include "admin/admin.h"

#define CHART_W		640
#define BAR_H		22
#define LABEL_W		250	/* fits "Inclusion and social cohesion" */
#define MAX_BARS	20
#define COLUMN_MAX	28	/* a few days must not look like a wall */

static const char *const statuses[] = {
	"pending", "verified", "rejected", "withdrawn"
};

static const enum msg continent_msgs[CONT__MAX] = {
	MSG_ADM_CONT_AFRICA, MSG_ADM_CONT_AMERICAS, MSG_ADM_CONT_ASIA,
	MSG_ADM_CONT_EUROPE, MSG_ADM_CONT_OCEANIA
};

static const char *const areas[] = {
	"inclusion", "services", "work", "safety_justice", "local_data",
	"coordination", "origin_transit_return", "other"
};
static const enum msg area_msgs[] = {
	MSG_ADM_AREA_INCLUSION, MSG_ADM_AREA_SERVICES, MSG_ADM_AREA_WORK,
	MSG_ADM_AREA_SAFETY, MSG_ADM_AREA_DATA, MSG_ADM_AREA_COORDINATION,
	MSG_ADM_AREA_ORIGIN, MSG_ADM_AREA_OTHER
};
#define NAREAS	(sizeof(areas) / sizeof(areas[0]))

static const char *const cstatuses[] = {
	"planned", "in_progress", "achieved", "dropped"
};
static const enum msg cstatus_msgs[] = {
	MSG_ADM_CST_PLANNED, MSG_ADM_CST_IN_PROGRESS, MSG_ADM_CST_ACHIEVED,
	MSG_ADM_CST_DROPPED
};
#define NCSTATUS	(sizeof(cstatuses) / sizeof(cstatuses[0]))

/* Horizontal bars, one a label, longest the widest; hidden from AT. */
static void
svg_bars(struct actx *x, size_t n, const char *const *labels,
    const long long *vals)
{
	struct req	*r = x->r;
	long long	 max = 1;
	size_t		 i, h = n * (BAR_H + 6) + 6;
	int		 w;

	for (i = 0; i < n; i++)
		if (vals[i] > max)
			max = vals[i];
	buf_printf(r->body, "<svg class=\"chart\" aria-hidden=\"true\" "
	    "focusable=\"false\" viewBox=\"0 0 %d %zu\" width=\"%d\" "
	    "height=\"%zu\">\n", CHART_W, h, CHART_W, h);
	for (i = 0; i < n; i++) {
		w = (int)((CHART_W - LABEL_W - 70) * vals[i] / max);
		buf_printf(r->body, "<text x=\"%d\" y=\"%zu\" "
		    "text-anchor=\"end\" font-size=\"14\" fill=\"#0b0c0c\">",
		    LABEL_W - 8, i * (BAR_H + 6) + 6 + BAR_H - 6);
		page_text(r, labels[i]);
		buf_printf(r->body, "</text><rect x=\"%d\" y=\"%zu\" "
		    "width=\"%d\" height=\"%d\" fill=\"#1d70b8\"/>"
		    "<text x=\"%d\" y=\"%zu\" font-size=\"14\" "
		    "fill=\"#0b0c0c\">%lld</text>\n", LABEL_W, i * (BAR_H + 6)
		    + 6, w > 0 ? w : (vals[i] > 0 ? 1 : 0), BAR_H,
		    LABEL_W + w + 6, i * (BAR_H + 6) + 6 + BAR_H - 6,
		    vals[i]);
	}
	page_raw(r, "</svg>\n");
}

/* Columns, one a day, oldest first. */
static void
svg_columns(struct actx *x, size_t n, const long long *vals)
{
	struct req	*r = x->r;
	long long	 max = 1;
	size_t		 i;
	int		 h, cw;

	for (i = 0; i < n; i++)
		if (vals[i] > max)
			max = vals[i];
	cw = n > 0 ? CHART_W / (int)n : CHART_W;
	if (cw > COLUMN_MAX)
		cw = COLUMN_MAX;
	buf_printf(r->body, "<svg class=\"chart\" aria-hidden=\"true\" "
	    "focusable=\"false\" viewBox=\"0 0 %d 160\" width=\"%d\" "
	    "height=\"160\">\n<line x1=\"0\" y1=\"150\" x2=\"%d\" y2=\"150\" "
	    "stroke=\"#0b0c0c\"/>\n", CHART_W, CHART_W, CHART_W);
	for (i = 0; i < n; i++) {
		h = (int)(130 * vals[i] / max);
		buf_printf(r->body, "<rect x=\"%zu\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#1d70b8\"/>\n", i * (size_t)cw + 1,
		    150 - h, cw > 3 ? cw - 2 : 1, h);
	}
	page_raw(r, "</svg>\n");
}

/* A table of label / number rows, with a total. */
static void
num_table(struct actx *x, enum msg caption, enum msg col, size_t n,
    const char *const *labels, const long long *vals)
{
	long long	total = 0;
	size_t		i;

	admin_table_open(x, caption);
	page_raw(x->r, "<thead><tr>");
	admin_th(x, col);
	admin_th(x, MSG_ADM_COL_NUMBER);
	page_raw(x->r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		page_raw(x->r, "<tr>");
		admin_td(x, labels[i]);
		buf_printf(x->r->body, "<td class=\"num\">%lld</td></tr>\n",
		    vals[i]);
		total += vals[i];
	}
	page_raw(x->r, "</tbody>\n<tfoot><tr><th scope=\"row\">");
	page_msg(x->r, x->l, MSG_ADM_TOTAL);
	buf_printf(x->r->body, "</th><td class=\"num\">%lld</td></tr></tfoot>\n",
	    total);
	admin_table_close(x);
}

/* One figure: heading, chart and table side by side. */
static void
figure(struct actx *x, const char *id, enum msg h, enum msg note, enum msg col,
    size_t n, const char *const *labels, const long long *vals, int columns)
{
	buf_printf(x->r->body, "<section class=\"figure\" aria-labelledby="
	    "\"%s\">\n<h2 id=\"%s\">", id, id);
	page_msg(x->r, x->l, h);
	page_raw(x->r, "</h2>\n");
	if (note != MSG__MAX)
		page_elem(x->r, "p class=\"hint\"", x->l, note);
	if (n == 0) {
		page_elem(x->r, "p", x->l, MSG_ADM_NONE_YET);
		page_raw(x->r, "</section>\n");
		return;
	}
	page_raw(x->r, "<div class=\"figure-body\">\n<div class=\"figure-chart\">");
	if (columns)
		svg_columns(x, n, vals);
	else
		svg_bars(x, n > MAX_BARS ? MAX_BARS : n, labels, vals);
	page_raw(x->r, "</div>\n<div class=\"figure-table\">\n");
	num_table(x, h, col, n, labels, vals);
	page_raw(x->r, "</div>\n</div>\n</section>\n");
}

/*
 * The confirmation mails the MTA kept refusing, newest first, with why:
 * "endorsectl mail retry" queues them again once the MTA is fixed.
 */
static void
failed_mail(struct actx *x)
{
	struct req	*r = x->r;
	struct dbparam	 p[2] = { DBP_S("failed"), DBP_I(20) };
	struct dbtable	 t;
	size_t		 i;

	if (db_table(admin_db, r->a, DBQ_OUTBOX_LIST, p, 2, &t) == -1)
		return;
	page_elem(r, "h2", x->l, MSG_ADM_DASH_MAIL_FAILED_H);
	page_elem(r, "p", x->l, MSG_ADM_DASH_MAIL_FAILED_LEAD);
	admin_table_open(x, MSG_ADM_DASH_MAIL_FAILED_H);
	page_raw(r, "<thead><tr>");
	admin_th(x, MSG_ADM_COL_EMAIL);
	admin_th(x, MSG_ADM_COL_RECEIVED);
	admin_th(x, MSG_ADM_DASH_MAIL_COL_ATTEMPTS);
	admin_th(x, MSG_ADM_DASH_MAIL_COL_ERROR);
	page_raw(r, "</tr></thead>\n<tbody>\n");
	/* id, status, attempts, recipient, receipt, created_at, next, sent,
	 * last_error */
	for (i = 0; i < t.nrows; i++) {
		page_raw(r, "<tr class=\"failed-mail\">");
		admin_td(x, DBT(&t, i, 3));
		admin_td(x, admin_when(r->a, DBT(&t, i, 5)));
		admin_td(x, DBT(&t, i, 2));
		admin_td(x, DBT(&t, i, 8));
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
}

void
dashboard_get(struct actx *x)
{
	struct req		*r = x->r;
	struct dbtable		 st, co, dy, rp, cf;
	const struct country	*c;
	const char		*slabels[4], *clabels[CONT__MAX];
	const char		**labels;
	long long		 svals[4] = { 0 }, cvals[CONT__MAX] = { 0 };
	long long		*vals, grid[NAREAS][NCSTATUS], n;
	size_t			 i, j, k;

	memset(grid, 0, sizeof(grid));
	if (db_table(admin_db, r->a, DBQ_DASH_STATUS, NULL, 0, &st) == -1 ||
	    db_table(admin_db, r->a, DBQ_DASH_COUNTRY, NULL, 0, &co) == -1 ||
	    db_table(admin_db, r->a, DBQ_DASH_DAY, NULL, 0, &dy) == -1 ||
	    db_table(admin_db, r->a, DBQ_DASH_REPORTS, NULL, 0, &rp) == -1 ||
	    db_table(admin_db, r->a, DBQ_DASH_CONFIRMED, NULL, 0, &cf) == -1 ||
	    cf.nrows != 1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	admin_begin(x, msg(x->l, MSG_ADM_DASH_TITLE), 0, ANAV_DASHBOARD);
	page_elem(r, "h1", x->l, MSG_ADM_DASH_TITLE);
	/* Of the endorsements counted (pending and verified). */
	page_raw(r, "<p class=\"confirmed-count\" id=\"confirmed-count\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_DASH_CONFIRMED_FMT),
	    atoll(DBT(&cf, 0, 0)), atoll(DBT(&cf, 0, 1))));
	page_raw(r, "</p>\n<p class=\"mail-count\" id=\"mail-count\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_DASH_MAIL_FMT),
	    atoll(DBT(&cf, 0, 2)), atoll(DBT(&cf, 0, 3))));
	page_raw(r, "</p>\n");
	if (atoll(DBT(&cf, 0, 3)) > 0 && role_may(x->role, CAP_SEE_EMAIL))
		failed_mail(x);

	for (i = 0; i < 4; i++) {
		slabels[i] = admin_status_text(x->l, statuses[i]);
		for (j = 0; j < st.nrows; j++)
			if (strcmp(DBT(&st, j, 0), statuses[i]) == 0)
				svals[i] = atoll(DBT(&st, j, 1));
	}
	figure(x, "by-status", MSG_ADM_DASH_STATUS_H, MSG__MAX,
	    MSG_ADM_COL_STATUS, 4, slabels, svals, 0);

	for (i = 0; i < CONT__MAX; i++)
		clabels[i] = msg(x->l, continent_msgs[i]);
	for (j = 0; j < co.nrows; j++)
		if ((c = country_find(DBT(&co, j, 0))) != NULL)
			cvals[c->continent] += atoll(DBT(&co, j, 1));
	figure(x, "by-continent", MSG_ADM_DASH_CONTINENT_H,
	    MSG_ADM_DASH_COUNTED_NOTE, MSG_ADM_COL_CONTINENT, CONT__MAX,
	    clabels, cvals, 0);

	labels = arena_calloc(r->a, co.nrows + 1, sizeof(*labels));
	vals = arena_calloc(r->a, co.nrows + 1, sizeof(*vals));
	if (labels == NULL || vals == NULL) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	for (j = 0; j < co.nrows; j++) {
		c = country_find(DBT(&co, j, 0));
		labels[j] = c ? c->name : DBT(&co, j, 0);
		vals[j] = atoll(DBT(&co, j, 1));
	}
	figure(x, "by-country", MSG_ADM_DASH_COUNTRY_H,
	    MSG_ADM_DASH_COUNTRY_NOTE, MSG_ADM_COL_COUNTRY, co.nrows, labels,
	    vals, 0);

	labels = arena_calloc(r->a, dy.nrows + 1, sizeof(*labels));
	vals = arena_calloc(r->a, dy.nrows + 1, sizeof(*vals));
	if (labels == NULL || vals == NULL) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	for (j = 0; j < dy.nrows; j++) {
		labels[j] = DBT(&dy, j, 0);
		vals[j] = atoll(DBT(&dy, j, 1));
	}
	figure(x, "per-day", MSG_ADM_DASH_DAY_H, MSG_ADM_DASH_DAY_NOTE,
	    MSG_ADM_COL_DAY, dy.nrows, labels, vals, 1);

	/* Reports: a grid of area x status, and the areas' totals drawn. */
	for (j = 0; j < rp.nrows; j++)
		for (i = 0; i < NAREAS; i++)
			if (strcmp(DBT(&rp, j, 0), areas[i]) == 0)
				for (k = 0; k < NCSTATUS; k++)
					if (strcmp(DBT(&rp, j, 1),
					    cstatuses[k]) == 0)
						grid[i][k] +=
						    atoll(DBT(&rp, j, 2));
	page_raw(r, "<section class=\"figure\" aria-labelledby=\"reports\">\n"
	    "<h2 id=\"reports\">");
	page_msg(r, x->l, MSG_ADM_DASH_REPORTS_H);
	page_raw(r, "</h2>\n");
	if (rp.nrows == 0) {
		page_elem(r, "p", x->l, MSG_ADM_NONE_YET);
		page_raw(r, "</section>\n");
		admin_end(x);
		return;
	}
	labels = arena_calloc(r->a, NAREAS, sizeof(*labels));
	vals = arena_calloc(r->a, NAREAS, sizeof(*vals));
	if (labels == NULL || vals == NULL) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	for (i = 0; i < NAREAS; i++) {
		labels[i] = msg(x->l, area_msgs[i]);
		for (k = 0, n = 0; k < NCSTATUS; k++)
			n += grid[i][k];
		vals[i] = n;
	}
	page_raw(r, "<div class=\"figure-body\">\n<div class=\"figure-chart\">");
	svg_bars(x, NAREAS, labels, vals);
	page_raw(r, "</div>\n<div class=\"figure-table\">\n");
	admin_table_open(x, MSG_ADM_DASH_REPORTS_H);
	page_raw(r, "<thead><tr>");
	admin_th(x, MSG_ADM_COL_AREA);
	for (k = 0; k < NCSTATUS; k++)
		admin_th(x, cstatus_msgs[k]);
	admin_th(x, MSG_ADM_TOTAL);
	page_raw(r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < NAREAS; i++) {
		page_raw(r, "<tr><th scope=\"row\">");
		page_text(r, labels[i]);
		page_raw(r, "</th>");
		for (k = 0; k < NCSTATUS; k++)
			buf_printf(r->body, "<td class=\"num\">%lld</td>",
			    grid[i][k]);
		buf_printf(r->body, "<td class=\"num\">%lld</td></tr>\n",
		    vals[i]);
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
	page_raw(r, "</div>\n</div>\n</section>\n");
	admin_end(x);
}
