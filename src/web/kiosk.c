/*
 * kiosk.c: /kiosk/TOKEN, the endorsement form of an event on
 * a shared touch screen, and its hand-off page.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "valid.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"
#include "assets.h"

/* ---- the event kiosk --------------------------------------------------- */

/*
 * The kiosk's form is the endorsement form on a shared tablet: the same
 * fields and checks, no browser autofill (the next signer must not be
 * offered the last one's answers), and a signature pad.  Routes:
 * /kiosk/TOKEN (GET the form, POST it) and /kiosk/TOKEN/done/CODE (the
 * hand-off: the receipt's QR code and nothing else).
 */

/* How long after it was recorded a hand-off page can still be shown. */
#define HANDOFF_MAX_AGE	600

/* The endorsement form's labels with autofill turned off. */
static const struct fieldui kui[EF__MAX] = {
	[EF_FULL_NAME] = { MSG_F_FULL_NAME, MSG_F_FULL_NAME_HINT,
	    MSG_ERR_FULL_NAME_MISSING, "text", "off", NULL },
	[EF_ROLE] = { MSG_F_ROLE, MSG__MAX, MSG_ERR_ROLE_MISSING, NULL, NULL,
	    role_labels },
	[EF_ROLE_OTHER] = { MSG_F_ROLE_OTHER, MSG_F_ROLE_OTHER_HINT,
	    MSG_ERR_ROLE_OTHER, "text", "off", NULL },
	[EF_LEVEL] = { MSG_F_LEVEL, MSG__MAX, MSG_ERR_LEVEL_MISSING, NULL, NULL,
	    level_labels },
	[EF_LOCALITY] = { MSG_F_LOCALITY, MSG_F_LOCALITY_HINT,
	    MSG_ERR_LOCALITY_MISSING, "text", "off", NULL },
	[EF_REGION] = { MSG_F_REGION, MSG__MAX, MSG__MAX, "text", "off", NULL },
	[EF_COUNTRY] = { MSG_F_COUNTRY, MSG__MAX, MSG_ERR_COUNTRY, NULL, "off",
	    NULL },
	[EF_EMAIL] = { MSG_F_EMAIL, MSG_F_EMAIL_HINT, MSG_ERR_EMAIL_MISSING,
	    "email", "off", NULL },
	[EF_ORGANISATION] = { MSG_F_ORGANISATION, MSG_F_ORGANISATION_HINT,
	    MSG__MAX, "text", "off", NULL },
	[EF_LISTED] = { MSG_F_LISTED, MSG_F_LISTED_HINT, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_CONSENT] = { MSG_F_CONSENT, MSG_F_CONSENT_HINT, MSG_ERR_CONSENT,
	    NULL, NULL, NULL },
	[EF_SIGNATURE] = { MSG_RCPT_SIGNATURE, MSG__MAX, MSG__MAX, NULL, NULL,
	    NULL },
	[EF_LANG] = { MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[EF_FORM_TOKEN] = { MSG_F_FULL_NAME, MSG__MAX, MSG_ERR_TOKEN, NULL,
	    NULL, NULL },
};

const struct params kiosk_params = { edefs, kui, EF__MAX, endorse_rules };

/*
 * The frame of a kiosk page: the site's head with the kiosk's script,
 * and a header without links, so that a signer cannot wander off the
 * tablet's form.  Never stored by a cache (Cache-Control: no-store).
 */
static void
kiosk_begin(struct req *r, enum lang l, const char *title, int error,
    const char *bodyclass)
{
	req_header(r, "Cache-Control", "no-store");
	page_head(r, l, title, error, MSG_SITE_NAME,
	    "<meta name=\"robots\" content=\"noindex\">\n"
	    "<script src=\"" ASSET_KIOSK_JS "\" defer></script>\n",
	    arena_printf(r->a, "kiosk %s", bodyclass));
	page_raw(r, "<header class=\"site-header\"><div class=\"wrap\">"
	    "<p class=\"site-name\">");
	page_msg(r, l, MSG_SITE_NAME);
	page_raw(r, "</p>\n");
	page_lang_switch(r, l);
	page_raw(r, "</div></header>\n"
	    "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

/* The pad: shown by the script only (no script, no drawing). */
static void
kiosk_sigpad(const struct form *f)
{
	struct req	*r = f->r;
	enum lang	 l = f->lang;
	const char	*err = f->errs ? f->errs[EF_SIGNATURE] : NULL;
	const char	*v = "";

	/* A value is sent back only if it parsed: the pad redraws it. */
	if (f->vals != NULL && f->vals[EF_SIGNATURE].present &&
	    f->vals[EF_SIGNATURE].err == VERR_OK)
		v = f->vals[EF_SIGNATURE].value;
	buf_printf(r->body, "<div class=\"field sigpad-field%s\" "
	    "id=\"signature\" tabindex=\"-1\"%s>\n<p class=\"label\" "
	    "id=\"signature-label\">", err ? " field-error" : "",
	    err ? "" : " hidden");
	page_msg(r, l, MSG_KIOSK_SIG_H);
	page_raw(r, "</p>\n<p class=\"hint\" id=\"signature-hint\">");
	page_msg(r, l, MSG_KIOSK_SIG_HINT);
	page_raw(r, "</p>\n");
	if (err)
		page_error_message(r, l, "signature", err);
	page_raw(r, "<canvas class=\"sigpad\" id=\"sigpad\" width=\"1000\" "
	    "height=\"400\" role=\"img\" aria-label=\"");
	page_msg(r, l, MSG_KIOSK_SIG_PAD);
	page_raw(r, "\" aria-describedby=\"signature-hint\"></canvas>\n"
	    "<p class=\"sigpad-full\" id=\"sigpad-full\" hidden>");
	page_msg(r, l, MSG_KIOSK_SIG_FULL);
	page_raw(r, "</p>\n<button class=\"button button-secondary\" "
	    "type=\"button\" id=\"sigpad-clear\">");
	page_msg(r, l, MSG_KIOSK_SIG_CLEAR);
	page_raw(r, "</button>\n<input type=\"hidden\" name=\"signature\" "
	    "id=\"signature-value\" value=\"");
	page_text(r, v);
	page_raw(r, "\">\n</div>\n");
}

/*
 * What the script shows and fills in, above the form: the idle warning,
 * the offline queue's state.  Texts come from the language table; the script only
 * writes numbers into the spans.
 */
static void
kiosk_status(struct req *r, enum lang l)
{
	const char	*fmt, *at;

	page_raw(r, "<div class=\"kiosk-idle\" id=\"kiosk-idle\" "
	    "role=\"alert\" hidden>\n<p>");
	/* One sentence with the count in it, whatever the word order;
	 * no noun agrees with the number, so no plural is needed. */
	fmt = msg(l, MSG_KIOSK_IDLE_FMT);
	if ((at = strstr(fmt, "%s")) == NULL)
		at = fmt + strlen(fmt);
	html_escn(r->body, fmt, (size_t)(at - fmt));
	page_raw(r, "<span id=\"kiosk-idle-count\">15</span>");
	page_text(r, *at != '\0' ? at + 2 : "");
	page_raw(r, "</p>\n<button class=\"button\" type=\"button\" "
	    "id=\"kiosk-idle-stay\">");
	page_msg(r, l, MSG_KIOSK_IDLE_STAY);
	page_raw(r, "</button>\n</div>\n"
	    "<div class=\"kiosk-status\" id=\"kiosk-status\" role=\"status\">\n"
	    "<p class=\"kiosk-sending\" id=\"kiosk-sending\" hidden>");
	page_msg(r, l, MSG_KIOSK_SENDING);
	page_raw(r, "</p>\n<p class=\"kiosk-saved panel\" id=\"kiosk-saved\" "
	    "hidden>");
	page_msg(r, l, MSG_KIOSK_SAVED);
	page_raw(r, "</p>\n<p class=\"kiosk-back\" id=\"kiosk-back\" hidden>");
	page_msg(r, l, MSG_KIOSK_BACK);
	page_raw(r, "</p>\n<p class=\"kiosk-incomplete\" "
	    "id=\"kiosk-incomplete\" hidden>");
	page_msg(r, l, MSG_KIOSK_INCOMPLETE);
	page_raw(r, "</p>\n<p class=\"kiosk-waiting\" id=\"kiosk-waiting\" "
	    "hidden>");
	page_msg(r, l, MSG_KIOSK_WAITING);
	page_raw(r, " <span id=\"kiosk-waiting-count\">0</span></p>\n"
	    "<p class=\"kiosk-refused\" id=\"kiosk-refused\" hidden>");
	page_msg(r, l, MSG_KIOSK_REFUSED);
	page_raw(r, " <span id=\"kiosk-refused-count\">0</span></p>\n"
	    "</div>\n");
}

/*
 * The receipts of the forms sent from the offline queue, behind buttons.
 * After the form: the next signer sees the form first, not the QR codes
 * of those before.
 */
static void
kiosk_sent(struct req *r, enum lang l)
{
	page_raw(r, "<section class=\"kiosk-sent\" id=\"kiosk-sent\" "
	    "aria-labelledby=\"kiosk-sent-h\" hidden>\n<h2 id=\"kiosk-sent-h\">");
	page_msg(r, l, MSG_KIOSK_SENT_H);
	page_raw(r, "</h2>\n<ul id=\"kiosk-sent-list\"></ul>\n"
	    "<template id=\"kiosk-sent-item\"><li><button class=\"button "
	    "button-secondary\" type=\"button\" data-show=\"");
	page_msg(r, l, MSG_KIOSK_SENT_SHOW);
	page_raw(r, "\" data-hide=\"");
	page_msg(r, l, MSG_KIOSK_SENT_HIDE);
	page_raw(r, "\"></button><img class=\"kiosk-sent-qr\" alt=\"");
	page_msg(r, l, MSG_KIOSK_DONE_QR_ALT);
	page_raw(r, "\" width=\"320\" height=\"320\" hidden></li></template>\n"
	    "</section>\n");
}

/* The kiosk's form, first shown or again with its errors. */
static void
kiosk_form(struct req *r, enum lang l, struct form *f, const struct event *ev,
    const char *token)
{
	kiosk_begin(r, l, msg(l, MSG_KIOSK_TITLE), f->nerrs > 0, "kiosk-form");
	kiosk_status(r, l);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_KIOSK_TITLE);
	page_raw(r, "<p class=\"lead\">");
	page_fmt_bdi(r, msg(l, MSG_KIOSK_LEAD_FMT), ev->name);
	page_raw(r, "</p>\n");
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" id=\"kiosk\" method=\"post\" "
	    "action=\"/kiosk/");
	page_text(r, ev->token);
	page_raw(r, "\" accept-charset=\"utf-8\" autocomplete=\"off\" "
	    "novalidate>\n");
	web_form_hidden(f, token);
	endorse_fields(r, l, f);
	kiosk_sigpad(f);
	form_submit(f, MSG_KIOSK_SUBMIT);
	page_raw(r, "</form>\n");
	kiosk_sent(r, l);
	page_end(r, l);
}

/* A closed event's kiosk: 410, for the page and for a POST alike. */
static void
kiosk_closed(struct req *r, enum lang l)
{
	buf_reset(r->hdr);
	buf_reset(r->body);
	r->status = 410;
	r->content_type_out = "text/html; charset=utf-8";
	kiosk_begin(r, l, msg(l, MSG_KIOSK_CLOSED_TITLE), 0, "kiosk-closed");
	page_elem(r, "h1", l, MSG_KIOSK_CLOSED_TITLE);
	page_elem(r, "p", l, MSG_KIOSK_CLOSED_BODY);
	page_end(r, l);
}

/*
 * The event of the kiosk's token: 0 with ev, or -1 with the page
 * written: 404 for no such event, 410 for a closed one when open is set.
 */
static int
kiosk_event(struct ctx *x, struct event *ev, int open)
{
	if (web_found(x, db_event_by_token(web_db, x->r->a, x->token, ev),
	    "the event") == -1)
		return -1;
	if (open && ev->closed_at != NULL) {
		kiosk_closed(x->r, x->l);
		return -1;
	}
	return 0;
}

/* GET /kiosk/TOKEN: the form of an open event. */
void
kiosk_get(struct ctx *x)
{
	struct event	ev;
	struct form	f;

	if (kiosk_event(x, &ev, 1) == -1)
		return;
	if (form_init(&f, x->r, x->l, edefs, kui, EF__MAX, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	kiosk_form(x->r, x->l, &f, &ev, NULL);
}

/* The 422: the kiosk's form again, once the event is known and open. */
void
kiosk_invalid(struct ctx *x)
{
	struct event	ev;

	if (kiosk_event(x, &ev, 1) == -1)
		return;
	kiosk_form(x->r, x->l, &x->form, &ev, web_token_kept(x,
	    EF_FORM_TOKEN));
}

/*
 * POST /kiosk/TOKEN: endorse_post's storage, with two differences.  The
 * form_token may also be a UUID that the kiosk's script made (a form
 * filled offline has no token from us; the route's R_UUID_TOKEN);
 * resending it with the same fields finds the same receipt.  The row
 * records its event, and the answer is the hand-off page.
 */
void
kiosk_post(struct ctx *x)
{
	struct event		 ev;
	struct endorsement	 e;
	enum db_res		 res;

	if (kiosk_event(x, &ev, 1) == -1)
		return;
	endorse_record(x, &e);
	e.event_id = ev.id;
	res = db_endorsement_add(web_db, &e);
	if (res == DB_CLOSED)	/* closed while this form was sent */
		kiosk_closed(x->r, x->l);
	else
		web_stored(x, res, arena_printf(x->r->a, "/kiosk/%s/done/%s",
		    ev.token, e.receipt));
}

/* Seconds since a "YYYY-MM-DDTHH:MM:SSZ" time; -1 if it does not parse. */
static long long
age_of(const char *iso)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof(tm));
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	return (long long)(time(NULL) - t);
}

/*
 * GET /kiosk/TOKEN/done/CODE: the receipt's QR code full screen, for the
 * signer to take with a phone.  No name, no email: the next person in
 * the queue sees this screen too.  Only for a receipt of this event,
 * and only for HANDOFF_MAX_AGE seconds after it was recorded, so that
 * the history of a shared tablet does not keep it.
 */
void
kiosk_done(struct ctx *x)
{
	struct req		*r = x->r;
	enum lang		 l = x->l;
	struct event		 evs, *ev = &evs;
	struct endorsement	 e;
	enum db_res		 res;
	long long		 age;

	if (kiosk_event(x, ev, 0) == -1)
		return;
	res = db_endorsement_get(web_db, r->a, x->code, &e);
	if (res != DB_OK && res != DB_NOTFOUND) {
		route_fail(x, 503, "database: the endorsement");
		return;
	}
	age = res == DB_OK ? age_of(e.created_at) : -1;
	if (res == DB_NOTFOUND || e.event_id != ev->id || age < 0 ||
	    age > HANDOFF_MAX_AGE) {
		page_error(r, l, 404, NULL);
		return;
	}
	kiosk_begin(r, l, msg(l, MSG_KIOSK_DONE_TITLE), 0, "kiosk-done");
	page_raw(r, "<div class=\"handoff\" id=\"handoff\">\n");
	page_elem(r, "h1", l, MSG_KIOSK_DONE_TITLE);
	page_raw(r, "<img class=\"handoff-qr\" id=\"handoff-qr\" "
	    "src=\"/receipt/");
	page_text(r, e.receipt);
	page_raw(r, ".svg\" width=\"480\" height=\"480\" alt=\"");
	page_msg(r, l, MSG_KIOSK_DONE_QR_ALT);
	page_raw(r, "\">\n");
	page_elem(r, "p class=\"handoff-hint\"", l, MSG_KIOSK_DONE_HINT);
	page_raw(r, "<p><a class=\"button button-start\" id=\"kiosk-done\" "
	    "href=\"/kiosk/");
	page_text(r, ev->token);
	page_raw(r, "\">");
	page_msg(r, l, MSG_KIOSK_DONE_BUTTON);
	page_raw(r, "</a></p>\n");
	page_elem(r, "p class=\"hint\"", l, MSG_KIOSK_DONE_CLEARS);
	page_raw(r, "</div>\n");
	page_end(r, l);
}
