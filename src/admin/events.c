/*
 * events.c (issue 5): GET /admin/events lists the signing events with
 * their kiosk links and how many endorsements each brought; POST
 * /admin/events creates one (action=create: name, date, place) or
 * closes one (action=close: id).  The kiosk token is 256 random bits.
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

enum vfield {
	VF_ACTION,
	VF_NAME,
	VF_DATE,
	VF_PLACE,
	VF_ID,
	VF__MAX
};

static const char *const actions[] = { "create", "close", NULL };

static const struct fielddef vdefs[VF__MAX] = {
	[VF_ACTION] = { "action", FT_CHOICE, FF_REQUIRED, 0, actions },
	[VF_NAME] = { "name", FT_TEXT, 0, 200, NULL },
	[VF_DATE] = { "date", FT_DATE, 0, 10, NULL },
	[VF_PLACE] = { "place", FT_TEXT, 0, 200, NULL },
	[VF_ID] = { "id", FT_TEXT, 0, 20, NULL },
};

static const struct fieldui vui[VF__MAX] = {
	[VF_ACTION] = { MSG_ADM_EV_NEW_H, MSG__MAX, MSG__MAX, NULL, NULL,
	    NULL },
	[VF_NAME] = { MSG_ADM_EV_F_NAME, MSG__MAX, MSG_ADM_ERR_EV_NAME,
	    "text", "off", NULL },
	[VF_DATE] = { MSG_ADM_EV_F_DATE, MSG_ADM_EV_F_DATE_HINT, MSG__MAX,
	    "date", "off", NULL },
	[VF_PLACE] = { MSG_ADM_EV_F_PLACE, MSG__MAX, MSG__MAX, "text", "off",
	    NULL },
	[VF_ID] = { MSG_ADM_EV_F_NAME, MSG__MAX, MSG__MAX, "text", NULL,
	    NULL },
};

static void
events_page(struct actx *x, struct form *f)
{
	struct req	*r = x->r;
	struct dbtable	 t;
	size_t		 i;
	int		 manage = role_may(x->role, CAP_EVENTS);

	if (db_table(admin_db, r->a, DBQ_EVENT_LIST, NULL, 0, &t) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	admin_begin(x, msg(x->l, MSG_ADM_EV_TITLE), f->nerrs > 0, ANAV_EVENTS);
	form_error_summary(f);
	page_elem(r, "h1", x->l, MSG_ADM_EV_TITLE);
	page_elem(r, "p", x->l, MSG_ADM_EV_LEAD);
	if (t.nrows == 0)
		page_elem(r, "p", x->l, MSG_ADM_EV_NONE);
	else {
		admin_table_open(x, MSG_ADM_EV_TITLE);
		page_raw(r, "<thead><tr>");
		admin_th(x, MSG_ADM_EV_F_NAME);
		admin_th(x, MSG_ADM_EV_F_DATE);
		admin_th(x, MSG_ADM_EV_F_PLACE);
		admin_th(x, MSG_ADM_EV_COL_KIOSK);
		admin_th(x, MSG_ADM_EV_COL_COUNT);
		admin_th(x, MSG_ADM_EV_COL_STATE);
		page_raw(r, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < t.nrows; i++) {
			buf_printf(r->body, "<tr><td><a href=\"/admin/"
			    "endorsements?event=%s\">", DBT(&t, i, 0));
			page_text(r, DBT(&t, i, 1));
			page_raw(r, "</a></td>");
			admin_td(x, DBT(&t, i, 2));
			admin_td(x, DBT(&t, i, 3));
			page_raw(r, "<td class=\"kiosk-url\">");
			if (DBT(&t, i, 5) == NULL) {
				page_text(r, admincfg.base_url);
				page_raw(r, "/kiosk/");
				page_text(r, DBT(&t, i, 4));
			} else
				page_msg(r, x->l, MSG_ADM_EV_CLOSED_URL);
			page_raw(r, "</td>");
			buf_printf(r->body, "<td class=\"num\">%s</td><td>",
			    DBT(&t, i, 6));
			if (DBT(&t, i, 5) != NULL)
				page_text(r, arena_printf(r->a,
				    msg(x->l, MSG_ADM_EV_CLOSED_FMT),
				    admin_when(r->a, DBT(&t, i, 5))));
			else if (manage) {
				buf_printf(r->body, "<form method=\"post\" "
				    "action=\"/admin/events\"><input "
				    "type=\"hidden\" name=\"csrf\" value=\"%s\">"
				    "<input type=\"hidden\" name=\"action\" "
				    "value=\"close\"><input type=\"hidden\" "
				    "name=\"id\" value=\"%s\"><button "
				    "class=\"button button-secondary\" "
				    "type=\"submit\">", x->csrf, DBT(&t, i, 0));
				page_text(r, arena_printf(r->a,
				    msg(x->l, MSG_ADM_EV_CLOSE_FMT),
				    DBT(&t, i, 1)));
				page_raw(r, "</button></form>");
			} else
				page_msg(r, x->l, MSG_ADM_EV_OPEN);
			page_raw(r, "</td></tr>\n");
		}
		page_raw(r, "</tbody>\n");
		admin_table_close(x);
	}
	if (manage) {
		page_elem(r, "h2", x->l, MSG_ADM_EV_NEW_H);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/admin/events\" accept-charset=\"utf-8\" "
		    "novalidate>\n");
		buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n<input type=\"hidden\" name=\"action\" "
		    "value=\"create\">\n", x->csrf);
		form_input(f, VF_NAME);
		form_input(f, VF_DATE);
		form_input(f, VF_PLACE);
		page_raw(r, "<button class=\"button\" type=\"submit\">");
		page_msg(r, x->l, MSG_ADM_EV_SUBMIT);
		page_raw(r, "</button>\n</form>\n");
	}
	admin_end(x);
}

void
events_get(struct actx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, vdefs, vui, VF__MAX, NULL) == -1) {
		page_error(x->r, x->l, 500, NULL);
		return;
	}
	events_page(x, &f);
}

void
events_post(struct actx *x)
{
	struct req	*r = x->r;
	struct fieldval	 v[VF__MAX];
	struct form	 f;
	struct event	 ev;
	char		 tok[B64_TOKEN_LEN + 1];
	long long	 id;
	enum db_res	 res;

	if (!admin_may(x, CAP_EVENTS))
		return;
	if (valid_form(r->a, vdefs, VF__MAX, &x->in, v) < 0 ||
	    form_init(&f, r, x->l, vdefs, vui, VF__MAX, v) == -1) {
		page_error(r, x->l, 500, NULL);
		return;
	}
	if (v[VF_ACTION].err == VERR_OK &&
	    strcmp(v[VF_ACTION].value, "create") == 0 &&
	    v[VF_NAME].err == VERR_OK && v[VF_NAME].valuesz == 0)
		form_set_error(&f, VF_NAME, msg(x->l, MSG_ADM_ERR_EV_NAME));
	if (v[VF_ACTION].err == VERR_OK &&
	    strcmp(v[VF_ACTION].value, "close") == 0 &&
	    admin_id(v[VF_ID].value, v[VF_ID].valuesz) == -1)
		form_set_error(&f, VF_ID, msg(x->l, MSG_ADM_ERR_EV_ID));
	if (f.nerrs > 0) {
		r->status = 422;
		events_page(x, &f);
		return;
	}
	if (db_tx_begin(admin_db) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	if (strcmp(v[VF_ACTION].value, "create") == 0) {
		/* The same store as "endorsectl event add". */
		memset(&ev, 0, sizeof(ev));
		token_random(tok);
		ev.name = v[VF_NAME].value;
		ev.date = v[VF_DATE].valuesz ? v[VF_DATE].value : NULL;
		ev.place = v[VF_PLACE].valuesz ? v[VF_PLACE].value : NULL;
		ev.token = tok;
		res = db_event_add(admin_db, &ev);
		if (res == DB_OK)
			res = admin_audit(x, "event_create",
			    v[VF_NAME].value, v[VF_DATE].value) == 0 ?
			    DB_OK : DB_ERROR;
	} else {
		id = admin_id(v[VF_ID].value, v[VF_ID].valuesz);
		res = db_event_close(admin_db, id);
		if (res == DB_NOTFOUND || res == DB_EXISTS) {
			/* No such open event: nothing to close. */
			db_tx_rollback(admin_db);
			page_error(r, x->l, 404, NULL);
			return;
		}
		if (res == DB_OK)
			res = admin_audit(x, "event_close", arena_printf(r->a,
			    "event %lld", id), "") == 0 ? DB_OK : DB_ERROR;
	}
	if (res != DB_OK) {
		db_tx_rollback(admin_db);
		page_error(r, x->l, 503, NULL);
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		page_error(r, x->l, 503, NULL);
		return;
	}
	admin_redirect(r, "/admin/events");
	r->after_commit = 1;
}
