/*
 * endorsements.c: the list of endorsements (search, filter,
 * pages, likely duplicates flagged), one endorsement's own page (all
 * that was recorded, its reports, its history, its likely duplicates
 * side by side) and the moderation form behind it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "valid.h"
#include "country.h"
#include "auth.h"
#include "export.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

/* A code of the data (role, level, area, report status) in words. */
struct code_msg {
	const char	*code;
	enum msg	 m;
};
static const struct code_msg role_codes[] = {
	{ "mayor", MSG_ROLE_MAYOR }, { "deputy_mayor", MSG_ROLE_DEPUTY_MAYOR },
	{ "governor", MSG_ROLE_GOVERNOR },
	{ "council_member", MSG_ROLE_COUNCIL_MEMBER },
	{ "other", MSG_ROLE_OTHER }, { NULL, MSG__MAX }
};
static const struct code_msg level_codes[] = {
	{ "local", MSG_LEVEL_LOCAL }, { "regional", MSG_LEVEL_REGIONAL },
	{ NULL, MSG__MAX }
};
static const struct code_msg area_codes[] = {
	{ "inclusion", MSG_AREA_INCLUSION }, { "services", MSG_AREA_SERVICES },
	{ "work", MSG_AREA_WORK }, { "safety_justice", MSG_AREA_SAFETY_JUSTICE },
	{ "local_data", MSG_AREA_LOCAL_DATA },
	{ "coordination", MSG_AREA_COORDINATION },
	{ "origin_transit_return", MSG_AREA_ORIGIN_TRANSIT_RETURN },
	{ "other", MSG_AREA_OTHER }, { NULL, MSG__MAX }
};
static const struct code_msg cstatus_codes[] = {
	{ "planned", MSG_CSTATUS_PLANNED },
	{ "in_progress", MSG_CSTATUS_IN_PROGRESS },
	{ "achieved", MSG_CSTATUS_ACHIEVED }, { "dropped", MSG_CSTATUS_DROPPED },
	{ NULL, MSG__MAX }
};

static const char *
code_text(enum lang l, const struct code_msg *t, const char *code)
{
	if (code == NULL)
		return NULL;
	for (; t->code != NULL; t++)
		if (strcmp(t->code, code) == 0)
			return msg(l, t->m);
	return code;
}

static const char *const statuses[] = {
	"pending", "verified", "rejected", "withdrawn", NULL
};
/* What a moderator may set: withdrawn is the signer's own act. */
static const char *const settable[] = {
	"verified", "rejected", "pending", NULL
};

/* ---- the filter ------------------------------------------------------------ */

/* The list's query, also the exports': an empty value is no filter. */
enum qparam {
	QP_Q,
	QP_STATUS,
	QP_COUNTRY,
	QP_EVENT,
	QP_FROM,
	QP_TO,
	QP_PAGE,
	QP_CONFIRMED,
	QP_OFFICIAL,
	QP_VERIFIED,
	QP__MAX
};

static const char *const yes_no[] = { "yes", "no", NULL };

static const struct fielddef qdefs[QP__MAX] = {
	[QP_Q] = { "q", FT_TEXT, 0, 200, NULL },
	[QP_STATUS] = { "status", FT_CHOICE, 0, 0, statuses },
	[QP_COUNTRY] = { "country", FT_COUNTRY, 0, 2, NULL },
	[QP_EVENT] = { "event", FT_ID, 0, 15, NULL },
	[QP_FROM] = { "from", FT_DATE, 0, 10, NULL },
	[QP_TO] = { "to", FT_DATE, 0, 10, NULL },
	[QP_PAGE] = { "page", FT_ID, 0, 7, NULL },
	/* The e-mail checks: yes, no, or any when absent. */
	[QP_CONFIRMED] = { "confirmed", FT_CHOICE, 0, 0, yes_no },
	[QP_OFFICIAL] = { "official", FT_CHOICE, 0, 0, yes_no },
	/* How many the one-action verification verified, to say so. */
	[QP_VERIFIED] = { "verified", FT_ID, 0, 15, NULL },
};

/* "yes" 1, "no" 2, none 0. */
static int
yes_no_value(const char *v)
{
	return v == NULL ? 0 : strcmp(v, "yes") == 0 ? 1 : 2;
}

const struct params filter_params = { qdefs, NULL, QP__MAX, NULL };

/*
 * The exports' query: the list's, then since and lang.  status,
 * country, since and lang are only shaped here (length, no control
 * characters, not repeated); export_query_check says which value is
 * wrong, in a 400 of its own, since a report's status is not an
 * endorsement's.
 */
enum { QP_SINCE = QP__MAX, QP_LANG, QP_EXPORT__MAX };

static const struct fielddef xdefs[QP_EXPORT__MAX] = {
	[QP_Q] = { "q", FT_TEXT, 0, 200, NULL },
	[QP_STATUS] = { "status", FT_TEXT, 0, 20, NULL },
	[QP_COUNTRY] = { "country", FT_TEXT, 0, 10, NULL },
	[QP_EVENT] = { "event", FT_ID, 0, 15, NULL },
	[QP_FROM] = { "from", FT_DATE, 0, 10, NULL },
	[QP_TO] = { "to", FT_DATE, 0, 10, NULL },
	[QP_PAGE] = { "page", FT_ID, 0, 7, NULL },
	[QP_CONFIRMED] = { "confirmed", FT_CHOICE, 0, 0, yes_no },
	[QP_OFFICIAL] = { "official", FT_CHOICE, 0, 0, yes_no },
	[QP_VERIFIED] = { "verified", FT_ID, 0, 15, NULL },
	[QP_SINCE] = { "since", FT_TEXT, 0, 20, NULL },
	[QP_LANG] = { "lang", FT_TEXT, 0, 10, NULL },
};

const struct params export_params = { xdefs, NULL, QP_EXPORT__MAX, NULL };

void
admin_export_query(const struct ctx *x, struct export_query *q)
{
	memset(q, 0, sizeof(*q));
	q->status = ctx_value(x, QP_STATUS);
	q->country = ctx_value(x, QP_COUNTRY);
	q->since = ctx_value(x, QP_SINCE);
	q->lang = ctx_value(x, QP_LANG);
}

void
admin_filter(const struct ctx *x, struct efilter *f, long long *page)
{
	memset(f, 0, sizeof(*f));
	f->q = ctx_value(x, QP_Q);
	f->status = ctx_value(x, QP_STATUS);
	f->country = ctx_value(x, QP_COUNTRY);
	f->event = x->v[QP_EVENT].num;
	f->from = ctx_value(x, QP_FROM);
	f->to = ctx_value(x, QP_TO);
	f->confirmed = yes_no_value(ctx_value(x, QP_CONFIRMED));
	f->official = yes_no_value(ctx_value(x, QP_OFFICIAL));
	*page = x->v[QP_PAGE].num > 0 ? x->v[QP_PAGE].num : 1;
	/* A viewer's search does not look into emails it may not see. */
	f->email = role_may(x->role, CAP_SEE_EMAIL);
}

/* The filter as a query string for a link, written HTML-escaped. */
static void
filter_query(struct ctx *x, const struct efilter *f, long long page)
{
	struct buf	*b = x->r->body;
	const char	*sep = "";

#define QARG(name, val) do { \
	if ((val) != NULL && *(val) != '\0') { \
		buf_printf(b, "%s%s=", sep, name); \
		html_urlenc(b, val); \
		sep = "&amp;"; \
	} \
} while (0)
	QARG("q", f->q);
	QARG("status", f->status);
	QARG("country", f->country);
	if (f->event > 0) {
		buf_printf(b, "%sevent=%lld", sep, f->event);
		sep = "&amp;";
	}
	QARG("from", f->from);
	QARG("to", f->to);
	QARG("confirmed", f->confirmed == 1 ? "yes" : f->confirmed == 2 ?
	    "no" : NULL);
	QARG("official", f->official == 1 ? "yes" : f->official == 2 ?
	    "no" : NULL);
	if (page > 1)
		buf_printf(b, "%spage=%lld", sep, page);
#undef QARG
}

/* The list's query for a page of the pager. */
static void
pager_query(struct ctx *x, const void *f, long long page)
{
	filter_query(x, f, page);
}

static void
select_open(struct ctx *x, const char *name, enum msg label)
{
	buf_printf(x->r->body, "<div class=\"field\"><label for=\"%s\">",
	    name);
	page_msg(x->r, x->l, label);
	buf_printf(x->r->body, "</label>\n<select class=\"select\" id=\"%s\" "
	    "name=\"%s\">\n<option value=\"\">", name, name);
	page_msg(x->r, x->l, MSG_ADM_ANY);
	page_raw(x->r, "</option>\n");
}

static void
option(struct ctx *x, const char *value, const char *label, int selected)
{
	page_raw(x->r, "<option value=\"");
	page_text(x->r, value);
	page_raw(x->r, selected ? "\" selected>" : "\">");
	page_text(x->r, label);
	page_raw(x->r, "</option>\n");
}

static void
text_input(struct ctx *x, const char *name, const char *type, enum msg label,
    enum msg hint, const char *value)
{
	buf_printf(x->r->body, "<div class=\"field\"><label for=\"%s\">",
	    name);
	page_msg(x->r, x->l, label);
	page_raw(x->r, "</label>\n");
	if (hint != MSG__MAX) {
		buf_printf(x->r->body, "<p class=\"hint\" id=\"%s-hint\">",
		    name);
		page_msg(x->r, x->l, hint);
		page_raw(x->r, "</p>\n");
	}
	buf_printf(x->r->body, "<input class=\"input\" id=\"%s\" name=\"%s\" "
	    "type=\"%s\"", name, name, type);
	if (hint != MSG__MAX)
		buf_printf(x->r->body, " aria-describedby=\"%s-hint\"", name);
	page_raw(x->r, " value=\"");
	page_text(x->r, value ? value : "");
	page_raw(x->r, "\"></div>\n");
}

static void
yes_no_select(struct ctx *x, const char *name, enum msg label, int v)
{
	select_open(x, name, label);
	option(x, "yes", msg(x->l, MSG_ADM_E_YES), v == 1);
	option(x, "no", msg(x->l, MSG_ADM_E_NO), v == 2);
	page_raw(x->r, "</select></div>\n");
}

/* The events to filter by, if there are any. */
static void
event_select(struct ctx *x, const struct efilter *f, const struct event *ev,
    size_t n)
{
	size_t	i;

	if (n == 0)
		return;
	select_open(x, "event", MSG_ADM_F_EVENT);
	for (i = 0; i < n; i++)
		option(x, arena_printf(x->r->a, "%lld", ev[i].id), ev[i].name,
		    f->event == ev[i].id);
	page_raw(x->r, "</select></div>\n");
}

static void
filter_form(struct ctx *x, const struct efilter *f, const struct event *ev,
    size_t nev)
{
	struct req		*r = x->r;
	const struct country	*c;
	size_t			 i;

	page_raw(r, "<form class=\"filters\" method=\"get\" "
	    "action=\"/admin/endorsements\" role=\"search\">\n");
	text_input(x, "q", "search", MSG_ADM_F_Q,
	    role_may(x->role, CAP_SEE_EMAIL) ? MSG_ADM_F_Q_HINT :
	    MSG_ADM_F_Q_HINT_VIEWER, f->q);
	select_open(x, "status", MSG_ADM_F_STATUS);
	for (i = 0; statuses[i] != NULL; i++)
		option(x, statuses[i], admin_status_text(x->l, statuses[i]),
		    f->status && strcmp(f->status, statuses[i]) == 0);
	page_raw(r, "</select></div>\n");
	select_open(x, "country", MSG_ADM_F_COUNTRY);
	for (i = 0; i < ncountries; i++) {
		c = page_countries(x->l) != NULL ? page_countries(x->l)[i] :
		    &countries[i];
		option(x, c->code, lang_country(x->l, c),
		    f->country && strcmp(f->country, c->code) == 0);
	}
	page_raw(r, "</select></div>\n");
	event_select(x, f, ev, nev);
	yes_no_select(x, "confirmed", MSG_ADM_E_CONFIRMED, f->confirmed);
	yes_no_select(x, "official", MSG_ADM_E_OFFICIAL, f->official);
	text_input(x, "from", "date", MSG_ADM_F_FROM, MSG__MAX, f->from);
	text_input(x, "to", "date", MSG_ADM_F_TO, MSG__MAX, f->to);
	page_raw(r, "<button class=\"button\" type=\"submit\">");
	page_msg(r, x->l, MSG_ADM_FILTER_SUBMIT);
	page_raw(r, "</button>\n</form>\n");
}

/* ---- GET /admin/endorsements ----------------------------------------------- */

/* The export links, with the list's filter, for a role that may export. */
static void
export_links(struct ctx *x, const struct efilter *f)
{
	/* Kind by kind, in enum export_fmt's order. */
	static const enum msg	labels[2 * EXPORT__FMT] = {
		MSG_ADM_EXPORT_E_CSV, MSG_ADM_EXPORT_E_JSON,
		MSG_ADM_EXPORT_E_XLSX,
		MSG_ADM_EXPORT_C_CSV, MSG_ADM_EXPORT_C_JSON,
		MSG_ADM_EXPORT_C_XLSX
	};
	size_t			i;

	if (!role_may(x->role, CAP_EXPORT))
		return;
	page_raw(x->r, "<p class=\"exports\">");
	page_msg(x->r, x->l, MSG_ADM_EXPORT_LEAD);
	for (i = 0; i < 2 * EXPORT__FMT; i++) {
		buf_printf(x->r->body, " <a href=\"/admin/export/%s.%s?",
		    export_kind_names[i / EXPORT__FMT],
		    export_fmt_names[i % EXPORT__FMT]);
		filter_query(x, f, 1);
		/* A spreadsheet is read by people: its header in the
		 * console's language. */
		if (i % EXPORT__FMT == EXPORT_XLSX)
			buf_printf(x->r->body, "%slang=%s",
			    x->r->body->p[x->r->body->len - 1] == '?' ? "" :
			    "&amp;", lang_code(x->l));
		page_raw(x->r, "\" download>");
		page_msg(x->r, x->l, labels[i]);
		page_raw(x->r, "</a>");
	}
	page_raw(x->r, "</p>\n");
}

/* The one-action verification, for a role that may moderate. */
static void
verify_official_form(struct ctx *x)
{
	if (!role_may(x->role, CAP_MODERATE))
		return;
	buf_printf(x->r->body, "<form class=\"bulk\" method=\"post\" "
	    "action=\"/admin/endorsements/verify-official\"><input "
	    "type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
	    "class=\"button button-secondary\" type=\"submit\">", x->csrf);
	page_msg(x->r, x->l, MSG_ADM_E_VERIFY_OFFICIAL);
	page_raw(x->r, "</button></form>\n");
}

/* One endorsement of the list. */
static void
list_row(struct ctx *x, const struct endorsement *e, int email)
{
	struct req	*r = x->r;

	buf_printf(r->body, "<tr><td><a href=\"/admin/endorsements/%lld\">",
	    e->id);
	page_text(r, e->full_name);
	page_raw(r, "</a></td>");
	admin_td(x, admin_when(r->a, e->created_at));
	admin_td(x, strcmp(e->role, "other") == 0 ? e->role_other :
	    code_text(x->l, role_codes, e->role));
	admin_td(x, e->locality);
	admin_td(x, e->country);
	if (email)
		admin_td(x, e->email);
	admin_td(x, e->event_name);
	buf_printf(r->body, "<td><span class=\"tag tag-%s\">", e->status);
	page_text(r, admin_status_text(x->l, e->status));
	page_raw(r, "</span></td><td>");
	if (e->confirmed_at != NULL) {
		page_raw(r, "<span class=\"tag tag-confirmed\" title=\"");
		page_text(r, admin_when(r->a, e->confirmed_at));
		page_raw(r, "\">");
		page_msg(r, x->l, MSG_ADM_E_YES);
		page_raw(r, "</span>");
	}
	page_raw(r, "</td><td>");
	if (e->official) {
		page_raw(r, "<span class=\"tag tag-official\">");
		page_msg(r, x->l, MSG_ADM_E_YES);
		page_raw(r, "</span>");
	}
	page_raw(r, "</td><td>");
	if (e->duplicate) {
		page_raw(r, "<span class=\"tag tag-dup\">");
		page_msg(r, x->l, MSG_ADM_DUP_FLAG);
		page_raw(r, "</span>");
	}
	page_raw(r, "</td></tr>\n");
}

static void
list_table(struct ctx *x, const struct endorsement *rows, size_t n)
{
	int	email = role_may(x->role, CAP_SEE_EMAIL);
	size_t	i;

	if (n == 0) {
		page_elem(x->r, "p", x->l, MSG_ADM_NO_MATCH);
		return;
	}
	admin_table_open(x, MSG_ADM_LIST_TITLE);
	page_raw(x->r, "<thead><tr>");
	admin_th(x, MSG_ADM_COL_NAME);
	admin_th(x, MSG_ADM_COL_RECEIVED);
	admin_th(x, MSG_ADM_COL_ROLE);
	admin_th(x, MSG_ADM_COL_LOCALITY);
	admin_th(x, MSG_ADM_COL_COUNTRY);
	if (email)
		admin_th(x, MSG_ADM_COL_EMAIL);
	admin_th(x, MSG_ADM_COL_EVENT);
	admin_th(x, MSG_ADM_COL_STATUS);
	admin_th(x, MSG_ADM_E_CONFIRMED);
	admin_th(x, MSG_ADM_E_OFFICIAL);
	admin_th(x, MSG_ADM_COL_DUPLICATE);
	page_raw(x->r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		list_row(x, &rows[i], email);
	page_raw(x->r, "</tbody>\n");
	admin_table_close(x);
}

void
endorsements_get(struct ctx *x)
{
	struct req		*r = x->r;
	struct efilter		 f;
	struct endorsement	*rows;
	struct event		*ev;
	long long		 page, total, pages;
	size_t			 n, nev;

	admin_filter(x, &f, &page);
	if (db_admin_count(admin_db, r->a, &f, &total) == -1 ||
	    db_admin_list(admin_db, r->a, &f, PAGE_SIZE,
	    (page - 1) * PAGE_SIZE, &rows, &n) == -1 ||
	    db_events(admin_db, r->a, &ev, &nev) == -1) {
		route_fail(x, 503, "database: the list");
		return;
	}
	pages = total == 0 ? 1 : (total + PAGE_SIZE - 1) / PAGE_SIZE;
	admin_begin(x, msg(x->l, MSG_ADM_LIST_TITLE), 0, ANAV_ENDORSEMENTS);
	page_elem(r, "h1", x->l, MSG_ADM_LIST_TITLE);
	filter_form(x, &f, ev, nev);
	page_raw(r, "<p class=\"count\" role=\"status\">");
	if (x->v[QP_VERIFIED].num > 0) {
		page_text(r, arena_printf(r->a,
		    msg(x->l, MSG_ADM_E_VERIFIED_FMT), x->v[QP_VERIFIED].num));
		page_raw(r, " ");
	}
	page_text(r, arena_printf(r->a, lang_ngettext(x->l,
	    "%s endorsement matches.", "%s endorsements match.",
	    (unsigned long)total), lang_num(r->a, x->l, total)));
	page_raw(r, "</p>\n");
	verify_official_form(x);
	export_links(x, &f);
	list_table(x, rows, n);
	admin_pager(x, "/admin/endorsements", pager_query, &f, page, pages);
	admin_end(x);
}

/* ---- GET /admin/endorsements/ID ------------------------------------------- */

static void
row(struct ctx *x, enum msg label, const char *value)
{
	page_summary_row(x->r, x->l, 0, label, value);
}

/* The rows of the side-by-side table, by what they show of each. */
enum cmp {
	CMP_RECEIVED,
	CMP_STATUS,
	CMP_FULL_NAME,
	CMP_ROLE,
	CMP_ROLE_OTHER,
	CMP_LEVEL,
	CMP_LOCALITY,
	CMP_REGION,
	CMP_COUNTRY,
	CMP_EMAIL,
	CMP_ORGANISATION,
	CMP__MAX
};

static const enum msg cmp_labels[CMP__MAX] = {
	MSG_ADM_COL_RECEIVED, MSG_ADM_COL_STATUS, MSG_F_FULL_NAME,
	MSG_ADM_COL_ROLE, MSG_F_ROLE_OTHER, MSG_F_LEVEL, MSG_ADM_COL_LOCALITY,
	MSG_RCPT_REGION, MSG_ADM_COL_COUNTRY, MSG_ADM_COL_EMAIL,
	MSG_RCPT_ORGANISATION,
};

/* What row k of the side-by-side table shows of e. */
static const char *
cmp_value(struct ctx *x, const struct endorsement *e, enum cmp k)
{
	switch (k) {
	case CMP_RECEIVED:
		return admin_when(x->r->a, e->created_at);
	case CMP_STATUS:
		return admin_status_text(x->l, e->status);
	case CMP_FULL_NAME:
		return e->full_name;
	case CMP_ROLE:
		return code_text(x->l, role_codes, e->role);
	case CMP_ROLE_OTHER:
		return e->role_other;
	case CMP_LEVEL:
		return code_text(x->l, level_codes, e->government_level);
	case CMP_LOCALITY:
		return e->locality;
	case CMP_REGION:
		return e->region;
	case CMP_COUNTRY:
		return e->country;
	case CMP_EMAIL:
		return e->email;
	default:
		return e->organisation;
	}
}

/* The likely duplicates of e, side by side with it. */
static void
duplicates(struct ctx *x, const struct endorsement *e,
    const struct endorsement *d, size_t nd)
{
	struct req	*r = x->r;
	size_t		 j;
	int		 k, email = role_may(x->role, CAP_SEE_EMAIL);

	page_raw(r, "<section aria-labelledby=\"dups\">\n<h2 id=\"dups\">");
	page_msg(r, x->l, MSG_ADM_E_DUPS_H);
	page_raw(r, "</h2>\n");
	if (nd == 0) {
		page_elem(r, "p", x->l, MSG_ADM_E_NO_DUPS);
		page_raw(r, "</section>\n");
		return;
	}
	page_elem(r, "p", x->l, MSG_ADM_E_DUPS_LEAD);
	admin_table_open(x, MSG_ADM_E_DUPS_H);
	page_raw(r, "<thead><tr><td></td><th scope=\"col\">");
	page_msg(r, x->l, MSG_ADM_E_THIS);
	page_raw(r, "</th>");
	for (j = 0; j < nd; j++) {
		buf_printf(r->body, "<th scope=\"col\"><a href=\"/admin/"
		    "endorsements/%lld\">", d[j].id);
		page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT),
		    d[j].id));
		page_raw(r, "</a></th>");
	}
	page_raw(r, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < CMP__MAX; k++) {
		if (k == CMP_EMAIL && !email)
			continue;
		page_raw(r, "<tr><th scope=\"row\">");
		page_msg(r, x->l, cmp_labels[k]);
		page_raw(r, "</th>");
		admin_td(x, cmp_value(x, e, (enum cmp)k));
		for (j = 0; j < nd; j++)
			admin_td(x, cmp_value(x, &d[j], (enum cmp)k));
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
	page_raw(r, "</section>\n");
}

/* The moderation form: the status, a reason, and where to come back. */
static void
status_form(struct ctx *x, const struct endorsement *e, const char *err)
{
	struct req	*r = x->r;
	size_t		 i;
	const char	*id;

	page_raw(r, "<section class=\"panel\" aria-labelledby=\"moderate\">\n"
	    "<h2 id=\"moderate\">");
	page_msg(r, x->l, MSG_ADM_E_STATUS_H);
	page_raw(r, "</h2>\n");
	if (strcmp(e->status, "withdrawn") == 0) {
		page_elem(r, "p", x->l, MSG_ADM_ERR_WITHDRAWN);
		page_raw(r, "</section>\n");
		return;
	}
	buf_printf(r->body, "<form class=\"form\" method=\"post\" "
	    "action=\"/admin/endorsements/%lld/status\" "
	    "accept-charset=\"utf-8\" novalidate>\n<input type=\"hidden\" "
	    "name=\"csrf\" value=\"%s\">\n<input type=\"hidden\" "
	    "name=\"return\" value=\"/admin/endorsements/%lld\">\n",
	    e->id, x->csrf, e->id);
	buf_printf(r->body, "<div class=\"field%s\"><fieldset>"
	    "<legend>", err ? " field-error" : "");
	page_msg(r, x->l, MSG_ADM_F_NEW_STATUS);
	page_raw(r, "</legend>\n");
	if (err != NULL)
		page_error_message(r, x->l, "status", err);
	page_raw(r, "<div class=\"radios\">\n");
	for (i = 0; settable[i] != NULL; i++) {
		id = i == 0 ? "status" :
		    arena_printf(r->a, "status-%s", settable[i]);
		buf_printf(r->body, "<div class=\"radio\"><input id=\"%s\" "
		    "name=\"status\" type=\"radio\" value=\"%s\"%s>"
		    "<label for=\"%s\">", id, settable[i],
		    strcmp(e->status, settable[i]) == 0 ? " checked" : "", id);
		page_text(r, admin_status_text(x->l, settable[i]));
		page_raw(r, "</label></div>\n");
	}
	page_raw(r, "</div></fieldset></div>\n<div class=\"field\">"
	    "<label for=\"reason\">");
	page_msg(r, x->l, MSG_ADM_F_REASON);
	page_raw(r, "</label>\n<p class=\"hint\" id=\"reason-hint\">");
	page_msg(r, x->l, MSG_ADM_F_REASON_HINT);
	page_raw(r, "</p>\n<input class=\"input\" id=\"reason\" name=\"reason\" "
	    "type=\"text\" aria-describedby=\"reason-hint\" value=\"\">"
	    "</div>\n<button class=\"button\" type=\"submit\">");
	page_msg(r, x->l, MSG_ADM_F_STATUS_SUBMIT);
	page_raw(r, "</button>\n</form>\n</section>\n");
}

/* Everything recorded of e, as a summary list. */
static void
recorded(struct ctx *x, const struct endorsement *e)
{
	struct req		*r = x->r;
	const struct country	*c = country_find(e->country);
	enum lang		 el;

	page_elem(r, "h2", x->l, MSG_ADM_E_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	row(x, MSG_ADM_E_RECEIPT, e->receipt);
	row(x, MSG_ADM_COL_RECEIVED, admin_when(r->a, e->created_at));
	row(x, MSG_ADM_COL_STATUS, admin_status_text(x->l, e->status));
	if (e->withdrawn_at != NULL)
		row(x, MSG_ADM_E_WITHDRAWN_AT, admin_when(r->a, e->withdrawn_at));
	row(x, MSG_F_FULL_NAME, e->full_name);
	row(x, MSG_ADM_COL_ROLE, code_text(x->l, role_codes, e->role));
	row(x, MSG_F_ROLE_OTHER, e->role_other);
	row(x, MSG_F_LEVEL, code_text(x->l, level_codes,
	    e->government_level));
	row(x, MSG_ADM_COL_LOCALITY, e->locality);
	row(x, MSG_RCPT_REGION, e->region);
	row(x, MSG_ADM_COL_COUNTRY, c ? arena_printf(r->a, "%s (%s)",
	    lang_country(x->l, c), e->country) : e->country);
	row(x, MSG_RCPT_ORGANISATION, e->organisation);
	row(x, MSG_ADM_COL_EMAIL, role_may(x->role, CAP_SEE_EMAIL) ? e->email :
	    msg(x->l, MSG_ADM_E_HIDDEN));
	row(x, MSG_ADM_E_CONFIRMED, e->confirmed_at != NULL ?
	    admin_when(x->r->a, e->confirmed_at) : msg(x->l, MSG_ADM_E_NO));
	row(x, MSG_RCPT_LISTED, msg(x->l, e->listed ? MSG_RCPT_YES :
	    MSG_RCPT_NO));
	row(x, MSG_ADM_E_CONSENT, msg(x->l, e->consent ? MSG_RCPT_YES :
	    MSG_RCPT_NO));
	if (e->signature != NULL)
		page_signature_row(r, x->l, e->signature);
	else
		row(x, MSG_ADM_E_SIGNATURE, msg(x->l, MSG_RCPT_NO));
	row(x, MSG_ADM_COL_EVENT, e->event_name);
	row(x, MSG_ADM_E_LANG, e->lang != NULL && lang_parse(e->lang,
	    strlen(e->lang), &el) == 0 ? lang_name(el) : e->lang);
	page_raw(r, "</dl>\n");
}

/* The commitment reports of the endorsement. */
static void
reports(struct ctx *x, const struct commitment *cs, size_t n)
{
	size_t	i;

	page_elem(x->r, "h2", x->l, MSG_ADM_E_REPORTS_H);
	if (n == 0) {
		page_elem(x->r, "p", x->l, MSG_ADM_E_NO_REPORTS);
		return;
	}
	admin_table_open(x, MSG_ADM_E_REPORTS_H);
	page_raw(x->r, "<thead><tr>");
	admin_th(x, MSG_ADM_E_RECEIPT);
	admin_th(x, MSG_ADM_COL_RECEIVED);
	admin_th(x, MSG_ADM_COL_AREA);
	admin_th(x, MSG_ADM_COL_TITLE);
	admin_th(x, MSG_ADM_COL_STATUS);
	page_raw(x->r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		page_raw(x->r, "<tr>");
		admin_td(x, cs[i].receipt);
		admin_td(x, admin_when(x->r->a, cs[i].created_at));
		admin_td(x, code_text(x->l, area_codes, cs[i].area));
		admin_td(x, cs[i].title);
		admin_td(x, code_text(x->l, cstatus_codes, cs[i].latest));
		page_raw(x->r, "</tr>\n");
	}
	page_raw(x->r, "</tbody>\n");
	admin_table_close(x);
}

/* The moderation history of the endorsement, oldest first. */
static void
history(struct ctx *x, const struct status_change *h, size_t n)
{
	size_t	i;

	page_elem(x->r, "h2", x->l, MSG_ADM_E_HISTORY_H);
	if (n == 0) {
		page_elem(x->r, "p", x->l, MSG_ADM_E_NO_HISTORY);
		return;
	}
	admin_table_open(x, MSG_ADM_E_HISTORY_H);
	page_raw(x->r, "<thead><tr>");
	admin_th(x, MSG_ADM_COL_WHEN);
	admin_th(x, MSG_ADM_COL_FROM);
	admin_th(x, MSG_ADM_COL_TO);
	admin_th(x, MSG_ADM_COL_REASON);
	admin_th(x, MSG_ADM_COL_BY);
	page_raw(x->r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		page_raw(x->r, "<tr>");
		admin_td(x, admin_when(x->r->a, h[i].created_at));
		admin_td(x, admin_status_text(x->l, h[i].old_status));
		admin_td(x, admin_status_text(x->l, h[i].new_status));
		admin_td(x, h[i].reason);
		admin_td(x, h[i].by);
		page_raw(x->r, "</tr>\n");
	}
	page_raw(x->r, "</tbody>\n");
	admin_table_close(x);
}

/* The page's head: the error summary, the name, its status and flags. */
static void
endorsement_head(struct ctx *x, const struct endorsement *e, int dups,
    const char *err)
{
	struct req	*r = x->r;

	if (err != NULL) {
		page_raw(r, "<div class=\"error-summary\" id=\"error-summary\" "
		    "role=\"alert\" tabindex=\"-1\" autofocus "
		    "aria-labelledby=\"error-summary-title\">\n"
		    "<h2 id=\"error-summary-title\">");
		page_msg(r, x->l, MSG_ERR_SUMMARY_H);
		page_raw(r, "</h2>\n<ul>\n<li><a href=\"#status\">");
		page_text(r, err);
		page_raw(r, "</a></li>\n</ul>\n</div>\n");
	}
	page_raw(r, "<p><a href=\"/admin/endorsements\">");
	page_msg(r, x->l, MSG_ADM_E_BACK);
	page_raw(r, "</a></p>\n<h1>");
	page_text(r, e->full_name);
	page_raw(r, "</h1>\n<p class=\"lead\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT),
	    e->id));
	page_raw(r, " · <span class=\"tag tag-");
	page_text(r, e->status);
	page_raw(r, "\">");
	page_text(r, admin_status_text(x->l, e->status));
	page_raw(r, "</span>");
	if (dups) {
		page_raw(r, " <a class=\"tag tag-dup\" href=\"#dups\">");
		page_msg(r, x->l, MSG_ADM_DUP_FLAG);
		page_raw(r, "</a>");
	}
	page_raw(r, "</p>\n");
}

/* One endorsement's page; err is the moderation form's error, if any. */
static void
endorsement_page(struct ctx *x, long long id, const char *err)
{
	struct req		*r = x->r;
	struct endorsement	 e, *dup;
	struct commitment	*rep;
	struct status_change	*his;
	enum db_res		 res;
	size_t			 nrep, nhis, ndup;

	if ((res = db_endorsement_by_id(admin_db, r->a, id, &e)) ==
	    DB_NOTFOUND) {
		page_error(r, x->l, 404, NULL);
		return;
	}
	if (res != DB_OK ||
	    db_commitments_of(admin_db, r->a, id, &rep, &nrep) == -1 ||
	    db_history_of(admin_db, r->a, id, &his, &nhis) == -1 ||
	    db_duplicates_of(admin_db, r->a, id, &dup, &ndup) == -1) {
		route_fail(x, 503, "database: the endorsement");
		return;
	}
	admin_begin(x, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT), id),
	    err != NULL, ANAV_ENDORSEMENTS);
	endorsement_head(x, &e, ndup > 0, err);
	if (role_may(x->role, CAP_MODERATE))
		status_form(x, &e, err);
	recorded(x, &e);
	reports(x, rep, nrep);
	history(x, his, nhis);
	duplicates(x, &e, dup, ndup);
	admin_end(x);
}

void
endorsement_get(struct ctx *x)
{
	endorsement_page(x, x->id, NULL);
}

/* ---- POST /admin/endorsements/ID/status ------------------------------------ */

enum sfield {
	SF_STATUS,
	SF_REASON,
	SF_RETURN,
	SF__MAX
};

static const struct fielddef sdefs[SF__MAX] = {
	[SF_STATUS] = { "status", FT_CHOICE, FF_REQUIRED, 0, settable },
	[SF_REASON] = { "reason", FT_TEXT, 0, 1000, NULL },
	[SF_RETURN] = { "return", FT_TEXT, 0, 500, NULL },
};

const struct params status_params = { sdefs, NULL, SF__MAX, NULL };

/* A page of the console to go back to: a plain local path, or NULL. */
static const char *
return_path(const char *p)
{
	size_t	i;

	if (strncmp(p, "/admin/", 7) != 0)
		return NULL;
	for (i = 0; p[i] != '\0'; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') ||
		    strchr("/_-.?=&%+", p[i]) != NULL) ||
		    (p[i] == '/' && p[i + 1] == '/'))
			return NULL;
	return p;
}

/* The 422: the endorsement's page with one message at its form. */
void
status_invalid(struct ctx *x)
{
	const struct fieldval	*v = x->v;
	const char		*err;

	if (v[SF_STATUS].err != VERR_OK)
		err = msg(x->l, MSG_ADM_ERR_STATUS);
	else if (v[SF_REASON].err != VERR_OK)
		err = arena_printf(x->r->a, msg(x->l, MSG_ADM_ERR_REASON_FMT),
		    sdefs[SF_REASON].maxchars);
	else
		err = msg(x->l, MSG_ADM_ERR_STATUS);
	endorsement_page(x, x->id, err);
}

/*
 * The change, its history row and its audit entry, in the open
 * transaction: 0, or -1 if one of them was not stored.
 */
static int
status_change(struct ctx *x, const char *old, const char *new,
    const char *reason)
{
	struct dbparam	p[5];

	p[0] = DBP_S(new);
	p[1] = DBP_I(x->id);
	if (db_run(admin_db, DBQ_E_STATUS_SET, p, 2, NULL) != DB_OK)
		return -1;
	p[0] = DBP_I(x->id);
	p[1] = DBP_S(old);
	p[2] = DBP_S(new);
	p[3] = DBP_S(reason);
	p[4] = DBP_I(x->user_id);
	if (db_run(admin_db, DBQ_STATUS_CHANGE_ADD, p, 5, NULL) != DB_OK)
		return -1;
	return admin_audit(x, "status", arena_printf(x->r->a,
	    "endorsement %lld", x->id), arena_printf(x->r->a, "%s -> %s%s%s",
	    old, new, *reason ? ": " : "", reason));
}

/* POST /admin/endorsements/ID/status, then back where the form was. */
void
status_post(struct ctx *x)
{
	struct req	*r = x->r;
	const char	*new = x->v[SF_STATUS].value;
	const char	*reason = x->v[SF_REASON].value;
	const char	*old = NULL, *back;
	enum db_res	 res;

	if (db_tx_begin(admin_db) == -1) {
		route_fail(x, 503, "database: beginning the change");
		return;
	}
	if ((res = db_endorsement_status(admin_db, r->a, x->id, &old)) !=
	    DB_OK) {
		db_tx_rollback(admin_db);
		if (res == DB_NOTFOUND)
			page_error(r, x->l, 404, NULL);
		else
			route_fail(x, 503, "database: the status");
		return;
	}
	if (strcmp(old, "withdrawn") == 0) {
		db_tx_rollback(admin_db);
		r->status = 422;
		endorsement_page(x, x->id, msg(x->l, MSG_ADM_ERR_WITHDRAWN));
		return;
	}
	if (strcmp(old, new) != 0 && status_change(x, old, new, reason) == -1) {
		db_tx_rollback(admin_db);
		route_fail(x, 503, "database: changing the status");
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		route_fail(x, 503, "database: committing the change");
		return;
	}
	back = ctx_value(x, SF_RETURN) != NULL ?
	    return_path(x->v[SF_RETURN].value) : NULL;
	route_redirect(x, back != NULL ? back :
	    arena_printf(r->a, "/admin/endorsements/%lld", x->id));
	r->after_commit = 1;
}
