/*
 * events.c: GET /admin/events lists the signing events with
 * their kiosk links and how many endorsements each brought; POST
 * /admin/events creates one (action=create: name, date, place) or
 * closes one (action=close: id).  The kiosk token is 256 random bits.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
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
	[VF_ID] = { "id", FT_ID, 0, 15, NULL },
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
	[VF_ID] = { MSG_ADM_EV_F_NAME, MSG__MAX, MSG_ADM_ERR_EV_ID, "text",
	    NULL, NULL },
};

/* One event: its kiosk link while open, and a button to close it. */
static void
event_row(struct ctx *x, const struct event *ev, int manage)
{
	struct req	*r = x->r;

	buf_printf(r->body, "<tr><td><a href=\"/admin/endorsements?"
	    "event=%lld\">", ev->id);
	page_text(r, ev->name);
	page_raw(r, "</a></td>");
	admin_td(x, ev->date);
	admin_td(x, ev->place);
	page_raw(r, "<td class=\"kiosk-url\">");
	if (ev->closed_at == NULL) {
		page_text(r, admincfg.base_url);
		page_raw(r, "/kiosk/");
		page_text(r, ev->token);
	} else
		page_msg(r, x->l, MSG_ADM_EV_CLOSED_URL);
	buf_printf(r->body, "</td><td class=\"num\">%lld</td><td>",
	    ev->nendorsements);
	if (ev->closed_at != NULL)
		page_text(r, arena_printf(r->a, msg(x->l,
		    MSG_ADM_EV_CLOSED_FMT), admin_when(r->a, ev->closed_at)));
	else if (manage) {
		buf_printf(r->body, "<form method=\"post\" "
		    "action=\"/admin/events\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
		    "name=\"action\" value=\"close\"><input type=\"hidden\" "
		    "name=\"id\" value=\"%lld\"><button class=\"button "
		    "button-secondary\" type=\"submit\">", x->csrf, ev->id);
		page_text(r, arena_printf(r->a, msg(x->l,
		    MSG_ADM_EV_CLOSE_FMT), ev->name));
		page_raw(r, "</button></form>");
	} else
		page_msg(r, x->l, MSG_ADM_EV_OPEN);
	page_raw(r, "</td></tr>\n");
}

static void
events_page(struct ctx *x, struct form *f)
{
	struct req	*r = x->r;
	struct event	*ev;
	size_t		 i, n;
	int		 manage = role_may(x->role, CAP_EVENTS);

	if (db_events(admin_db, r->a, &ev, &n) == -1) {
		route_fail(x, 503, "database: the events");
		return;
	}
	admin_begin(x, msg(x->l, MSG_ADM_EV_TITLE), f->nerrs > 0, ANAV_EVENTS);
	form_error_summary(f);
	page_elem(r, "h1", x->l, MSG_ADM_EV_TITLE);
	page_elem(r, "p", x->l, MSG_ADM_EV_LEAD);
	if (n == 0)
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
		for (i = 0; i < n; i++)
			event_row(x, &ev[i], manage);
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
events_get(struct ctx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, vdefs, vui, VF__MAX, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	events_page(x, &f);
}

/* Rules across fields: a new event needs a name, a closing one its id. */
static void
events_rules(struct ctx *x)
{
	const struct fieldval	*v = x->v;

	if (v[VF_ACTION].err != VERR_OK)
		return;
	if (strcmp(v[VF_ACTION].value, "create") == 0 &&
	    v[VF_NAME].err == VERR_OK && v[VF_NAME].valuesz == 0)
		form_set_error(&x->form, VF_NAME,
		    msg(x->l, MSG_ADM_ERR_EV_NAME));
	/* Whatever is wrong with the id, the fix is to choose an event. */
	if (strcmp(v[VF_ACTION].value, "close") == 0 &&
	    (v[VF_ID].err != VERR_OK || v[VF_ID].num == 0))
		form_set_error(&x->form, VF_ID, msg(x->l, MSG_ADM_ERR_EV_ID));
}

const struct params events_params = { vdefs, vui, VF__MAX, events_rules };

/* The 422: the events with the form again. */
void
events_invalid(struct ctx *x)
{
	events_page(x, &x->form);
}

/* A new event, the same store as "endorsectl event add". */
static enum db_res
event_create(struct ctx *x)
{
	const struct fieldval	*v = x->v;
	struct event		 ev;
	char			 tok[B64_TOKEN_LEN + 1];
	enum db_res		 res;

	memset(&ev, 0, sizeof(ev));
	token_random(tok);
	ev.name = v[VF_NAME].value;
	ev.date = ctx_value(x, VF_DATE);
	ev.place = ctx_value(x, VF_PLACE);
	ev.token = tok;
	if ((res = db_event_add(admin_db, &ev)) != DB_OK)
		return res;
	return admin_audit(x, "event_create", v[VF_NAME].value,
	    v[VF_DATE].value) == 0 ? DB_OK : DB_ERROR;
}

/* Close an open event: DB_NOTFOUND if there is no such open one. */
static enum db_res
event_close(struct ctx *x)
{
	long long	id = x->v[VF_ID].num;
	enum db_res	res;

	res = db_event_close(admin_db, id);
	if (res == DB_EXISTS)
		return DB_NOTFOUND;
	if (res != DB_OK)
		return res;
	return admin_audit(x, "event_close", arena_printf(x->r->a,
	    "event %lld", id), "") == 0 ? DB_OK : DB_ERROR;
}

/* POST /admin/events: action=create (name, date, place), close (id). */
void
events_post(struct ctx *x)
{
	enum db_res	res;

	if (db_tx_begin(admin_db) == -1) {
		route_fail(x, 503, "database: beginning the change");
		return;
	}
	if (strcmp(x->v[VF_ACTION].value, "create") == 0)
		res = event_create(x);
	else
		res = event_close(x);
	if (res != DB_OK) {
		db_tx_rollback(admin_db);
		if (res == DB_NOTFOUND)
			page_error(x->r, x->l, 404, NULL);
		else
			route_fail(x, 503, "database: storing the event");
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		route_fail(x, 503, "database: committing the event");
		return;
	}
	route_redirect(x, "/admin/events");
	x->r->after_commit = 1;
}
