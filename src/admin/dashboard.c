/*
 * dashboard.c: GET /admin/, the figures of the campaign.  Each
 * chart is an inline SVG drawn here (no script, no image request) and
 * stands beside a table of the same numbers, which is what a screen
 * reader reads: the drawing is hidden from it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "country.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
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
svg_bars(struct ctx *x, size_t n, const char *const *labels,
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
svg_columns(struct ctx *x, size_t n, const long long *vals)
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
num_table(struct ctx *x, enum msg caption, enum msg col, size_t n,
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
figure(struct ctx *x, const char *id, enum msg h, enum msg note, enum msg col,
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

/* The figure of endorsements by status, every status shown. */
static void
by_status(struct ctx *x, const struct db_count *st, size_t n)
{
	const char	*labels[4];
	long long	 vals[4] = { 0 };
	size_t		 i, j;

	for (i = 0; i < 4; i++) {
		labels[i] = admin_status_text(x->l, statuses[i]);
		for (j = 0; j < n; j++)
			if (strcmp(st[j].key, statuses[i]) == 0)
				vals[i] = st[j].n;
	}
	figure(x, "by-status", MSG_ADM_DASH_STATUS_H, MSG__MAX,
	    MSG_ADM_COL_STATUS, 4, labels, vals, 0);
}

/* The figures by continent and by country, of the counted statuses. */
static int
by_place(struct ctx *x, const struct db_count *co, size_t n)
{
	const struct country	*c;
	const char		*clabels[CONT__MAX], **labels;
	long long		 cvals[CONT__MAX] = { 0 }, *vals;
	size_t			 i;

	for (i = 0; i < CONT__MAX; i++)
		clabels[i] = msg(x->l, continent_msgs[i]);
	for (i = 0; i < n; i++)
		if ((c = country_find(co[i].key)) != NULL)
			cvals[c->continent] += co[i].n;
	figure(x, "by-continent", MSG_ADM_DASH_CONTINENT_H,
	    MSG_ADM_DASH_COUNTED_NOTE, MSG_ADM_COL_CONTINENT, CONT__MAX,
	    clabels, cvals, 0);
	labels = arena_calloc(x->r->a, n + 1, sizeof(*labels));
	vals = arena_calloc(x->r->a, n + 1, sizeof(*vals));
	if (labels == NULL || vals == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		c = country_find(co[i].key);
		labels[i] = c ? lang_country(x->l, c) : co[i].key;
		vals[i] = co[i].n;
	}
	figure(x, "by-country", MSG_ADM_DASH_COUNTRY_H,
	    MSG_ADM_DASH_COUNTRY_NOTE, MSG_ADM_COL_COUNTRY, n, labels, vals, 0);
	return 0;
}

/* The figure of endorsements a day, the last 30 days with any. */
static int
per_day(struct ctx *x, const struct db_count *dy, size_t n)
{
	const char	**labels;
	long long	 *vals;
	size_t		  i;

	labels = arena_calloc(x->r->a, n + 1, sizeof(*labels));
	vals = arena_calloc(x->r->a, n + 1, sizeof(*vals));
	if (labels == NULL || vals == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		labels[i] = dy[i].key;
		vals[i] = dy[i].n;
	}
	figure(x, "per-day", MSG_ADM_DASH_DAY_H, MSG_ADM_DASH_DAY_NOTE,
	    MSG_ADM_COL_DAY, n, labels, vals, 1);
	return 0;
}

/* The reports' table: a row an area, a column a status, and totals. */
static void
reports_table(struct ctx *x, const char *const *labels,
    long long grid[NAREAS][NCSTATUS], const long long *totals)
{
	struct req	*r = x->r;
	size_t		 i, k;

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
		    totals[i]);
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
}

/* Reports: a grid of area x status, and the areas' totals drawn. */
static void
by_report(struct ctx *x, const struct db_count *rp, size_t n)
{
	struct req	*r = x->r;
	const char	*labels[NAREAS];
	long long	 grid[NAREAS][NCSTATUS], totals[NAREAS] = { 0 };
	size_t		 i, j, k;

	memset(grid, 0, sizeof(grid));
	for (j = 0; j < n; j++)
		for (i = 0; i < NAREAS; i++)
			for (k = 0; k < NCSTATUS; k++)
				if (strcmp(rp[j].key, areas[i]) == 0 &&
				    strcmp(rp[j].key2, cstatuses[k]) == 0) {
					grid[i][k] += rp[j].n;
					totals[i] += rp[j].n;
				}
	page_raw(r, "<section class=\"figure\" aria-labelledby=\"reports\">\n"
	    "<h2 id=\"reports\">");
	page_msg(r, x->l, MSG_ADM_DASH_REPORTS_H);
	page_raw(r, "</h2>\n");
	if (n == 0) {
		page_elem(r, "p", x->l, MSG_ADM_NONE_YET);
		page_raw(r, "</section>\n");
		return;
	}
	for (i = 0; i < NAREAS; i++)
		labels[i] = msg(x->l, area_msgs[i]);
	page_raw(r, "<div class=\"figure-body\">\n<div class=\"figure-chart\">");
	svg_bars(x, NAREAS, labels, totals);
	page_raw(r, "</div>\n<div class=\"figure-table\">\n");
	reports_table(x, labels, grid, totals);
	page_raw(r, "</div>\n</div>\n</section>\n");
}

/*
 * The confirmation mails the MTA kept refusing, newest first, with why:
 * "endorsectl mail retry" queues them again once the MTA is fixed.
 */
static void
failed_mail(struct ctx *x)
{
	struct req		*r = x->r;
	struct outbox_row	*o;
	size_t			 i, n;

	if (db_outbox_list(admin_db, r->a, "failed", 20, &o, &n) == -1)
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
	for (i = 0; i < n; i++) {
		page_raw(r, "<tr class=\"failed-mail\">");
		admin_td(x, o[i].recipient);
		admin_td(x, admin_when(r->a, o[i].created_at));
		admin_td(x, arena_printf(r->a, "%d", o[i].attempts));
		admin_td(x, o[i].last_error);
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
}

/* How many confirmed their e-mail, and how the mail goes. */
static void
mail_figures(struct ctx *x, const struct mail_counts *m)
{
	struct req	*r = x->r;

	page_raw(r, "<p class=\"confirmed-count\" id=\"confirmed-count\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_DASH_CONFIRMED_FMT),
	    m->confirmed, m->official));
	page_raw(r, "</p>\n<p class=\"mail-count\" id=\"mail-count\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_DASH_MAIL_FMT),
	    m->queued, m->failed));
	page_raw(r, "</p>\n");
	if (m->failed > 0 && role_may(x->role, CAP_SEE_EMAIL))
		failed_mail(x);
}

void
dashboard_get(struct ctx *x)
{
	struct db_count		*st, *co, *dy, *rp;
	struct mail_counts	 mc;
	size_t			 nst, nco, ndy, nrp;

	if (db_counts(admin_db, x->r->a, DBC_STATUS, &st, &nst) == -1 ||
	    db_counts(admin_db, x->r->a, DBC_COUNTRY, &co, &nco) == -1 ||
	    db_counts(admin_db, x->r->a, DBC_DAY, &dy, &ndy) == -1 ||
	    db_counts(admin_db, x->r->a, DBC_REPORTS, &rp, &nrp) == -1 ||
	    db_mail_counts(admin_db, x->r->a, &mc) == -1) {
		route_fail(x, 503, "database: the dashboard's counts");
		return;
	}
	admin_begin(x, msg(x->l, MSG_ADM_DASH_TITLE), 0, ANAV_DASHBOARD);
	page_elem(x->r, "h1", x->l, MSG_ADM_DASH_TITLE);
	/* Of the endorsements counted (pending and verified). */
	mail_figures(x, &mc);
	by_status(x, st, nst);
	if (by_place(x, co, nco) == -1 || per_day(x, dy, ndy) == -1) {
		route_fail(x, 500, "out of memory for the dashboard");
		return;
	}
	by_report(x, rp, nrp);
	admin_end(x);
}
