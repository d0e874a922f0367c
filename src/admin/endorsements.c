/*
 * endorsements.c (issue 5): the list of endorsements (search, filter,
 * pages, likely duplicates flagged), one endorsement's own page (all
 * that was recorded, its reports, its history, its likely duplicates
 * side by side) and the moderation form behind it.
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

static const char *const statuses[] = {
	"pending", "verified", "rejected", "withdrawn", NULL
};
/* What a moderator may set: withdrawn is the signer's own act. */
static const char *const settable[] = {
	"verified", "rejected", "pending", NULL
};

/* ---- the filter ------------------------------------------------------------ */

/* The first value of a query parameter, or NULL when absent or empty. */
static const char *
arg(struct actx *x, const char *name)
{
	const struct kv	*kv = kvlist_get(&x->r->args, name, NULL);

	if (kv == NULL || kv->valuesz == 0)
		return NULL;
	return kv->value;
}

static int
in_list(const char *const *list, const char *v)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

/* "yes" 1, "no" 2, else 0. */
static int
yes_no(const char *v)
{
	return strcmp(v, "yes") == 0 ? 1 : strcmp(v, "no") == 0 ? 2 : 0;
}

int
admin_filter(struct actx *x, struct efilter *f, long long *page)
{
	const char	*v;
	size_t		 len;

	memset(f, 0, sizeof(*f));
	*page = 1;
	if (x->r->args_err != PARSE_OK)
		return -1;
	if ((v = arg(x, "q")) != NULL) {
		len = strlen(v);
		if (!valid_utf8(v, len) || utf8_chars(v, len) > 200 ||
		    strpbrk(v, "\t\r\n") != NULL)
			return -1;
		f->q = v;
	}
	if ((v = arg(x, "status")) != NULL) {
		if (!in_list(statuses, v))
			return -1;
		f->status = v;
	}
	if ((v = arg(x, "country")) != NULL) {
		if (country_find(v) == NULL)
			return -1;
		f->country = v;
	}
	if ((v = arg(x, "event")) != NULL &&
	    (f->event = admin_id(v, strlen(v))) == -1)
		return -1;
	if ((v = arg(x, "from")) != NULL) {
		if (!valid_date(v, strlen(v)))
			return -1;
		f->from = v;
	}
	if ((v = arg(x, "to")) != NULL) {
		if (!valid_date(v, strlen(v)))
			return -1;
		f->to = v;
	}
	/* The e-mail checks: yes, no, or any when absent. */
	if ((v = arg(x, "confirmed")) != NULL &&
	    (f->confirmed = yes_no(v)) == 0)
		return -1;
	if ((v = arg(x, "official")) != NULL &&
	    (f->official = yes_no(v)) == 0)
		return -1;
	if ((v = arg(x, "page")) != NULL &&
	    ((*page = admin_id(v, strlen(v))) == -1 || *page > 1000000))
		return -1;
	/* A viewer's search does not look into emails it may not see. */
	f->email = role_may(x->role, CAP_SEE_EMAIL);
	return 0;
}

/* The filter as a query string for a link, written HTML-escaped. */
static void
filter_query(struct actx *x, const struct efilter *f, long long page)
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
pager_query(struct actx *x, const void *f, long long page)
{
	filter_query(x, f, page);
}

static void
select_open(struct actx *x, const char *name, enum msg label)
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
option(struct actx *x, const char *value, const char *label, int selected)
{
	page_raw(x->r, "<option value=\"");
	page_text(x->r, value);
	page_raw(x->r, selected ? "\" selected>" : "\">");
	page_text(x->r, label);
	page_raw(x->r, "</option>\n");
}

static void
text_input(struct actx *x, const char *name, const char *type, enum msg label,
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
yes_no_select(struct actx *x, const char *name, enum msg label, int v)
{
	select_open(x, name, label);
	option(x, "yes", msg(x->l, MSG_ADM_E_YES), v == 1);
	option(x, "no", msg(x->l, MSG_ADM_E_NO), v == 2);
	page_raw(x->r, "</select></div>\n");
}

static void
filter_form(struct actx *x, const struct efilter *f)
{
	struct req		*r = x->r;
	struct dbtable		 ev;
	const struct country	*c;
	char			 id[32];
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
		c = &countries[i];
		option(x, c->code, c->name,
		    f->country && strcmp(f->country, c->code) == 0);
	}
	page_raw(r, "</select></div>\n");
	if (db_table(admin_db, r->a, DBQ_EVENT_LIST, NULL, 0, &ev) == 0 &&
	    ev.nrows > 0) {
		select_open(x, "event", MSG_ADM_F_EVENT);
		for (i = 0; i < ev.nrows; i++) {
			snprintf(id, sizeof(id), "%s", DBT(&ev, i, 0));
			option(x, id, DBT(&ev, i, 1),
			    f->event == atoll(id));
		}
		page_raw(r, "</select></div>\n");
	}
	yes_no_select(x, "confirmed", MSG_ADM_E_CONFIRMED, f->confirmed);
	yes_no_select(x, "official", MSG_ADM_E_OFFICIAL, f->official);
	text_input(x, "from", "date", MSG_ADM_F_FROM, MSG__MAX, f->from);
	text_input(x, "to", "date", MSG_ADM_F_TO, MSG__MAX, f->to);
	page_raw(r, "<button class=\"button\" type=\"submit\">");
	page_msg(r, x->l, MSG_ADM_FILTER_SUBMIT);
	page_raw(r, "</button>\n</form>\n");
}

/* ---- GET /admin/endorsements ----------------------------------------------- */

void
endorsements_get(struct actx *x)
{
	struct req	*r = x->r;
	struct efilter	 f;
	struct dbparam	 p[EFILTER_NPARAMS + 2];
	struct dbtable	 t, n;
	long long	 page, total, pages, nv;
	size_t		 i;
	int		 email = role_may(x->role, CAP_SEE_EMAIL);
	const char	*kind, *fmt, *v;

	if (admin_filter(x, &f, &page) == -1) {
		page_error(r, x->l, 400, NULL);
		return;
	}
	if (db_efilter(r->a, &f, p) == -1) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	p[EFILTER_NPARAMS] = DBP_I(PAGE_SIZE);
	p[EFILTER_NPARAMS + 1] = DBP_I((page - 1) * PAGE_SIZE);
	if (db_table(admin_db, r->a, DBQ_E_COUNT, p, EFILTER_NPARAMS, &n)
	    == -1 || n.nrows != 1 ||
	    db_table(admin_db, r->a, DBQ_E_LIST, p, EFILTER_NPARAMS + 2, &t)
	    == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	total = atoll(DBT(&n, 0, 0));
	pages = total == 0 ? 1 : (total + PAGE_SIZE - 1) / PAGE_SIZE;
	admin_begin(x, msg(x->l, MSG_ADM_LIST_TITLE), 0, ANAV_ENDORSEMENTS);
	page_elem(r, "h1", x->l, MSG_ADM_LIST_TITLE);
	filter_form(x, &f);
	page_raw(r, "<p class=\"count\" role=\"status\">");
	if ((v = arg(x, "verified")) != NULL &&
	    (nv = admin_id(v, strlen(v))) >= 0) {
		page_text(r, arena_printf(r->a,
		    msg(x->l, MSG_ADM_E_VERIFIED_FMT), nv));
		page_raw(r, " ");
	}
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_LIST_COUNT_FMT),
	    total));
	page_raw(r, "</p>\n");
	if (role_may(x->role, CAP_MODERATE)) {
		buf_printf(r->body, "<form class=\"bulk\" method=\"post\" "
		    "action=\"/admin/endorsements/verify-official\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<button class=\"button button-secondary\" "
		    "type=\"submit\">", x->csrf);
		page_msg(r, x->l, MSG_ADM_E_VERIFY_OFFICIAL);
		page_raw(r, "</button></form>\n");
	}
	if (role_may(x->role, CAP_EXPORT)) {
		page_raw(r, "<p class=\"exports\">");
		page_msg(r, x->l, MSG_ADM_EXPORT_LEAD);
		for (i = 0; i < 4; i++) {
			kind = export_kind_names[i / 2];
			fmt = export_fmt_names[i % 2];
			buf_printf(r->body, " <a href=\"/admin/export/%s.%s?",
			    kind, fmt);
			filter_query(x, &f, 1);
			page_raw(r, "\" download>");
			page_msg(r, x->l, i == 0 ? MSG_ADM_EXPORT_E_CSV :
			    i == 1 ? MSG_ADM_EXPORT_E_JSON : i == 2 ?
			    MSG_ADM_EXPORT_C_CSV : MSG_ADM_EXPORT_C_JSON);
			page_raw(r, "</a>");
		}
		page_raw(r, "</p>\n");
	}
	if (t.nrows == 0)
		page_elem(r, "p", x->l, MSG_ADM_NO_MATCH);
	else {
		admin_table_open(x, MSG_ADM_LIST_TITLE);
		page_raw(r, "<thead><tr>");
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
		page_raw(r, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < t.nrows; i++) {
			buf_printf(r->body, "<tr><td><a href=\"/admin/"
			    "endorsements/%s\">", DBT(&t, i, 0));
			page_text(r, DBT(&t, i, 4));
			page_raw(r, "</a></td>");
			admin_td(x, admin_when(r->a, DBT(&t, i, 2)));
			admin_td(x, strcmp(DBT(&t, i, 5), "other") == 0 ?
			    DBT(&t, i, 6) : DBT(&t, i, 5));
			admin_td(x, DBT(&t, i, 7));
			admin_td(x, DBT(&t, i, 8));
			if (email)
				admin_td(x, DBT(&t, i, 9));
			admin_td(x, DBT(&t, i, 10));
			buf_printf(r->body, "<td><span class=\"tag tag-%s\">",
			    DBT(&t, i, 3));
			page_text(r, admin_status_text(x->l, DBT(&t, i, 3)));
			page_raw(r, "</span></td><td>");
			if (DBT(&t, i, 12) != NULL) {
				page_raw(r, "<span class=\"tag tag-confirmed\" "
				    "title=\"");
				page_text(r, admin_when(r->a, DBT(&t, i, 12)));
				page_raw(r, "\">");
				page_msg(r, x->l, MSG_ADM_E_YES);
				page_raw(r, "</span>");
			}
			page_raw(r, "</td><td>");
			if (strcmp(DBT(&t, i, 13), "1") == 0) {
				page_raw(r, "<span class=\"tag tag-official\">");
				page_msg(r, x->l, MSG_ADM_E_YES);
				page_raw(r, "</span>");
			}
			page_raw(r, "</td><td>");
			if (strcmp(DBT(&t, i, 11), "1") == 0) {
				page_raw(r, "<span class=\"tag tag-dup\">");
				page_msg(r, x->l, MSG_ADM_DUP_FLAG);
				page_raw(r, "</span>");
			}
			page_raw(r, "</td></tr>\n");
		}
		page_raw(r, "</tbody>\n");
		admin_table_close(x);
	}
	admin_pager(x, "/admin/endorsements", pager_query, &f, page, pages);
	admin_end(x);
}

/* ---- GET /admin/endorsements/ID ------------------------------------------- */

static void
row(struct actx *x, enum msg label, const char *value)
{
	page_summary_row(x->r, x->l, 0, label, value);
}

/* Rows of the side-by-side table: label, then a column of the export. */
static const struct {
	enum msg	label;
	size_t		col;	/* in DBQ_E_DUPLICATES */
} cmp_rows[] = {
	{ MSG_ADM_COL_RECEIVED, 2 }, { MSG_ADM_COL_STATUS, 3 },
	{ MSG_F_FULL_NAME, 4 }, { MSG_ADM_COL_ROLE, 5 },
	{ MSG_F_ROLE_OTHER, 6 }, { MSG_F_LEVEL, 7 },
	{ MSG_ADM_COL_LOCALITY, 8 }, { MSG_RCPT_REGION, 9 },
	{ MSG_ADM_COL_COUNTRY, 10 }, { MSG_ADM_COL_EMAIL, 11 },
	{ MSG_RCPT_ORGANISATION, 12 },
};

static void
duplicates(struct actx *x, const struct endorsement *e, struct dbtable *d)
{
	struct req	*r = x->r;
	size_t		 i, j, col;
	const char	*mine[14];
	int		 email = role_may(x->role, CAP_SEE_EMAIL);

	page_raw(r, "<section aria-labelledby=\"dups\">\n<h2 id=\"dups\">");
	page_msg(r, x->l, MSG_ADM_E_DUPS_H);
	page_raw(r, "</h2>\n");
	if (d->nrows == 0) {
		page_elem(r, "p", x->l, MSG_ADM_E_NO_DUPS);
		page_raw(r, "</section>\n");
		return;
	}
	page_elem(r, "p", x->l, MSG_ADM_E_DUPS_LEAD);
	memset(mine, 0, sizeof(mine));
	mine[2] = e->created_at; mine[3] = e->status; mine[4] = e->full_name;
	mine[5] = e->role; mine[6] = e->role_other;
	mine[7] = e->government_level; mine[8] = e->locality;
	mine[9] = e->region; mine[10] = e->country; mine[11] = e->email;
	mine[12] = e->organisation;
	admin_table_open(x, MSG_ADM_E_DUPS_H);
	page_raw(r, "<thead><tr><td></td><th scope=\"col\">");
	page_msg(r, x->l, MSG_ADM_E_THIS);
	page_raw(r, "</th>");
	for (j = 0; j < d->nrows; j++) {
		buf_printf(r->body, "<th scope=\"col\"><a href=\"/admin/"
		    "endorsements/%s\">", DBT(d, j, 0));
		page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT),
		    atoll(DBT(d, j, 0))));
		page_raw(r, "</a></th>");
	}
	page_raw(r, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < sizeof(cmp_rows) / sizeof(cmp_rows[0]); i++) {
		col = cmp_rows[i].col;
		if (col == 11 && !email)
			continue;
		page_raw(r, "<tr><th scope=\"row\">");
		page_msg(r, x->l, cmp_rows[i].label);
		page_raw(r, "</th>");
		admin_td(x, col == 3 ? admin_status_text(x->l, mine[col]) :
		    col == 2 ? admin_when(r->a, mine[col]) : mine[col]);
		for (j = 0; j < d->nrows; j++)
			admin_td(x, col == 3 ? admin_status_text(x->l,
			    DBT(d, j, col)) : col == 2 ? admin_when(r->a,
			    DBT(d, j, col)) : DBT(d, j, col));
		page_raw(r, "</tr>\n");
	}
	page_raw(r, "</tbody>\n");
	admin_table_close(x);
	page_raw(r, "</section>\n");
}

/* The moderation form: the status, a reason, and where to come back. */
static void
status_form(struct actx *x, const struct endorsement *e, const char *err)
{
	struct req	*r = x->r;
	size_t		 i;

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
		buf_printf(r->body, "<div class=\"radio\"><input id=\"%s\" "
		    "name=\"status\" type=\"radio\" value=\"%s\"%s>"
		    "<label for=\"%s\">", i == 0 ? "status" :
		    arena_printf(r->a, "status-%s", settable[i]), settable[i],
		    strcmp(e->status, settable[i]) == 0 ? " checked" : "",
		    i == 0 ? "status" :
		    arena_printf(r->a, "status-%s", settable[i]));
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

/* The endorsement of this id, its receipt looked up first. */
static enum db_res
load(struct actx *x, long long id, struct endorsement *e)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_I(id);
	if (db_table(admin_db, x->r->a, DBQ_E_RECEIPT, p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	return db_endorsement_get(admin_db, x->r->a, DBT(&t, 0, 0), e);
}

static void
endorsement_page(struct actx *x, long long id, const char *err)
{
	struct req		*r = x->r;
	struct endorsement	 e;
	struct dbparam		 p[1];
	struct dbtable		 rep, his, dup;
	const struct country	*c;
	enum db_res		 res;
	size_t			 i;

	if ((res = load(x, id, &e)) != DB_OK) {
		page_error(r, x->l, res == DB_NOTFOUND ? 404 : 503, NULL);
		return;
	}
	p[0] = DBP_I(id);
	if (db_table(admin_db, r->a, DBQ_E_REPORTS, p, 1, &rep) == -1 ||
	    db_table(admin_db, r->a, DBQ_E_HISTORY, p, 1, &his) == -1 ||
	    db_table(admin_db, r->a, DBQ_E_DUPLICATES, p, 1, &dup) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	admin_begin(x, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT), id),
	    err != NULL, ANAV_ENDORSEMENTS);
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
	page_text(r, e.full_name);
	page_raw(r, "</h1>\n<p class=\"lead\">");
	page_text(r, arena_printf(r->a, msg(x->l, MSG_ADM_E_TITLE_FMT), id));
	page_raw(r, " · <span class=\"tag tag-");
	page_text(r, e.status);
	page_raw(r, "\">");
	page_text(r, admin_status_text(x->l, e.status));
	page_raw(r, "</span>");
	if (dup.nrows > 0) {
		page_raw(r, " <a class=\"tag tag-dup\" href=\"#dups\">");
		page_msg(r, x->l, MSG_ADM_DUP_FLAG);
		page_raw(r, "</a>");
	}
	page_raw(r, "</p>\n");
	if (role_may(x->role, CAP_MODERATE))
		status_form(x, &e, err);

	page_elem(r, "h2", x->l, MSG_ADM_E_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	row(x, MSG_ADM_E_RECEIPT, e.receipt);
	row(x, MSG_ADM_COL_RECEIVED, admin_when(r->a, e.created_at));
	row(x, MSG_ADM_COL_STATUS, admin_status_text(x->l, e.status));
	if (e.withdrawn_at != NULL)
		row(x, MSG_ADM_E_WITHDRAWN_AT, admin_when(r->a, e.withdrawn_at));
	row(x, MSG_F_FULL_NAME, e.full_name);
	row(x, MSG_ADM_COL_ROLE, e.role);
	row(x, MSG_F_ROLE_OTHER, e.role_other);
	row(x, MSG_F_LEVEL, e.government_level);
	row(x, MSG_ADM_COL_LOCALITY, e.locality);
	row(x, MSG_RCPT_REGION, e.region);
	c = country_find(e.country);
	row(x, MSG_ADM_COL_COUNTRY, c ? arena_printf(r->a, "%s (%s)",
	    c->name, e.country) : e.country);
	row(x, MSG_RCPT_ORGANISATION, e.organisation);
	row(x, MSG_ADM_COL_EMAIL, role_may(x->role, CAP_SEE_EMAIL) ? e.email :
	    msg(x->l, MSG_ADM_E_HIDDEN));
	row(x, MSG_ADM_E_CONFIRMED, e.confirmed_at != NULL ?
	    admin_when(r->a, e.confirmed_at) : msg(x->l, MSG_ADM_E_NO));
	row(x, MSG_RCPT_LISTED, msg(x->l, e.listed ? MSG_RCPT_YES :
	    MSG_RCPT_NO));
	row(x, MSG_ADM_E_CONSENT, msg(x->l, e.consent ? MSG_RCPT_YES :
	    MSG_RCPT_NO));
	if (e.signature != NULL)
		page_signature_row(r, x->l, e.signature);
	else
		row(x, MSG_ADM_E_SIGNATURE, msg(x->l, MSG_RCPT_NO));
	row(x, MSG_ADM_COL_EVENT, e.event_name);
	row(x, MSG_ADM_E_LANG, e.lang);
	page_raw(r, "</dl>\n");

	page_elem(r, "h2", x->l, MSG_ADM_E_REPORTS_H);
	if (rep.nrows == 0)
		page_elem(r, "p", x->l, MSG_ADM_E_NO_REPORTS);
	else {
		admin_table_open(x, MSG_ADM_E_REPORTS_H);
		page_raw(r, "<thead><tr>");
		admin_th(x, MSG_ADM_E_RECEIPT);
		admin_th(x, MSG_ADM_COL_RECEIVED);
		admin_th(x, MSG_ADM_COL_AREA);
		admin_th(x, MSG_ADM_COL_TITLE);
		admin_th(x, MSG_ADM_COL_STATUS);
		page_raw(r, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < rep.nrows; i++) {
			page_raw(r, "<tr>");
			admin_td(x, DBT(&rep, i, 0));
			admin_td(x, admin_when(r->a, DBT(&rep, i, 1)));
			admin_td(x, DBT(&rep, i, 2));
			admin_td(x, DBT(&rep, i, 3));
			admin_td(x, DBT(&rep, i, 4));
			page_raw(r, "</tr>\n");
		}
		page_raw(r, "</tbody>\n");
		admin_table_close(x);
	}

	page_elem(r, "h2", x->l, MSG_ADM_E_HISTORY_H);
	if (his.nrows == 0)
		page_elem(r, "p", x->l, MSG_ADM_E_NO_HISTORY);
	else {
		admin_table_open(x, MSG_ADM_E_HISTORY_H);
		page_raw(r, "<thead><tr>");
		admin_th(x, MSG_ADM_COL_WHEN);
		admin_th(x, MSG_ADM_COL_FROM);
		admin_th(x, MSG_ADM_COL_TO);
		admin_th(x, MSG_ADM_COL_REASON);
		admin_th(x, MSG_ADM_COL_BY);
		page_raw(r, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < his.nrows; i++) {
			page_raw(r, "<tr>");
			admin_td(x, admin_when(r->a, DBT(&his, i, 0)));
			admin_td(x, admin_status_text(x->l, DBT(&his, i, 1)));
			admin_td(x, admin_status_text(x->l, DBT(&his, i, 2)));
			admin_td(x, DBT(&his, i, 3));
			admin_td(x, DBT(&his, i, 4));
			page_raw(r, "</tr>\n");
		}
		page_raw(r, "</tbody>\n");
		admin_table_close(x);
	}
	duplicates(x, &e, &dup);
	admin_end(x);
}

void
endorsement_get(struct actx *x, long long id)
{
	endorsement_page(x, id, NULL);
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

void
endorsement_status_post(struct actx *x, long long id)
{
	struct req	*r = x->r;
	struct fieldval	 v[SF__MAX];
	struct dbparam	 p[5];
	struct dbtable	 t;
	const char	*old, *back, *err = NULL;
	int		 nerr;

	if (!admin_may(x, CAP_MODERATE))
		return;
	if ((nerr = valid_form(r->a, sdefs, SF__MAX, &x->in, v)) < 0) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	if (v[SF_STATUS].err != VERR_OK)
		err = msg(x->l, MSG_ADM_ERR_STATUS);
	else if (v[SF_REASON].err != VERR_OK)
		err = arena_printf(r->a, msg(x->l, MSG_ADM_ERR_REASON_FMT),
		    (size_t)1000);
	else if (nerr > 0)
		err = msg(x->l, MSG_ADM_ERR_STATUS);
	if (err != NULL) {
		r->status = 422;
		endorsement_page(x, id, err);
		return;
	}
	if (db_tx_begin(admin_db) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	p[0] = DBP_I(id);
	if (db_table(admin_db, r->a, DBQ_E_STATUS, p, 1, &t) == -1) {
		db_tx_rollback(admin_db);
		page_error(r, x->l, 503, NULL);
		return;
	}
	if (t.nrows != 1) {
		db_tx_rollback(admin_db);
		page_error(r, x->l, 404, NULL);
		return;
	}
	old = DBT(&t, 0, 0);
	if (strcmp(old, "withdrawn") == 0) {
		db_tx_rollback(admin_db);
		r->status = 422;
		endorsement_page(x, id, msg(x->l, MSG_ADM_ERR_WITHDRAWN));
		return;
	}
	if (strcmp(old, v[SF_STATUS].value) != 0) {
		p[0] = DBP_S(v[SF_STATUS].value);
		p[1] = DBP_I(id);
		if (db_run(admin_db, DBQ_E_STATUS_SET, p, 2, NULL) != DB_OK)
			goto fail;
		p[0] = DBP_I(id);
		p[1] = DBP_S(old);
		p[2] = DBP_S(v[SF_STATUS].value);
		p[3] = DBP_S(v[SF_REASON].value);
		p[4] = DBP_I(x->user_id);
		if (db_run(admin_db, DBQ_STATUS_CHANGE_ADD, p, 5, NULL)
		    != DB_OK)
			goto fail;
		if (admin_audit(x, "status", arena_printf(r->a,
		    "endorsement %lld", id), arena_printf(r->a, "%s -> %s%s%s",
		    old, v[SF_STATUS].value, *v[SF_REASON].value ? ": " : "",
		    v[SF_REASON].value)) == -1)
			goto fail;
	}
	if (db_tx_commit(admin_db) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	back = v[SF_RETURN].err == VERR_OK && v[SF_RETURN].present ?
	    return_path(v[SF_RETURN].value) : NULL;
	admin_redirect(r, back != NULL ? back :
	    arena_printf(r->a, "/admin/endorsements/%lld", id));
	r->after_commit = 1;
	return;
fail:
	db_tx_rollback(admin_db);
	page_error(r, x->l, 503, NULL);
}
