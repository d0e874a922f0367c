/*
 * receipt.c: /receipt/CODE and what its holder may do there: see the
 * receipt and its QR code, add commitment reports, post their
 * follow-up updates, and withdraw the endorsement.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "qr.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

/* ---- commitment reports, updates, withdrawal -------------------------- */

enum cfield {
	CF_AREA,
	CF_TITLE,
	CF_DESCRIPTION,
	CF_MEANS,
	CF_INDICATORS,
	CF_TARGET_DATE,
	CF_STATUS,
	CF_SDG,
	CF_LANG,
	CF_FORM_TOKEN,
	CF__MAX
};

const char *const areas[] = {
	"inclusion", "services", "work", "safety_justice", "local_data",
	"coordination", "origin_transit_return", "other", NULL
};
const enum msg area_labels[] = {
	MSG_AREA_INCLUSION, MSG_AREA_SERVICES, MSG_AREA_WORK,
	MSG_AREA_SAFETY_JUSTICE, MSG_AREA_LOCAL_DATA, MSG_AREA_COORDINATION,
	MSG_AREA_ORIGIN_TRANSIT_RETURN, MSG_AREA_OTHER
};
const char *const cstatuses[] = {
	"planned", "in_progress", "achieved", "dropped", NULL
};
const enum msg cstatus_labels[] = {
	MSG_CSTATUS_PLANNED, MSG_CSTATUS_IN_PROGRESS, MSG_CSTATUS_ACHIEVED,
	MSG_CSTATUS_DROPPED
};

/* Names and limits are DESIGN.md's. */
static const struct fielddef cdefs[CF__MAX] = {
	[CF_AREA] = { "area", FT_CHOICE, FF_REQUIRED, 0, areas },
	[CF_TITLE] = { "title", FT_TEXT, FF_REQUIRED, 200, NULL },
	[CF_DESCRIPTION] = { "description", FT_MULTILINE, FF_REQUIRED, 5000,
	    NULL },
	[CF_MEANS] = { "means", FT_MULTILINE, 0, 5000, NULL },
	[CF_INDICATORS] = { "indicators", FT_MULTILINE, 0, 5000, NULL },
	[CF_TARGET_DATE] = { "target_date", FT_DATE, 0, 10, NULL },
	[CF_STATUS] = { "status", FT_CHOICE, FF_REQUIRED, 0, cstatuses },
	[CF_SDG] = { "sdg", FT_SDG, 0, 200, NULL },
	[CF_LANG] = { "lang", FT_CHOICE, 0, 0, lang_codes },
	[CF_FORM_TOKEN] = { "form_token", FT_TOKEN, FF_REQUIRED,
	    FORM_TOKEN_LEN, NULL },
};

static const struct fieldui cui[CF__MAX] = {
	[CF_AREA] = { MSG_F_AREA, MSG__MAX, MSG_ERR_AREA_MISSING, NULL, NULL,
	    area_labels },
	[CF_TITLE] = { MSG_F_TITLE, MSG_F_TITLE_HINT, MSG_ERR_TITLE_MISSING,
	    "text", "off", NULL },
	[CF_DESCRIPTION] = { MSG_F_DESCRIPTION, MSG_F_DESCRIPTION_HINT,
	    MSG_ERR_DESCRIPTION_MISSING, NULL, NULL, NULL },
	[CF_MEANS] = { MSG_F_MEANS, MSG_F_MEANS_HINT, MSG__MAX, NULL, NULL,
	    NULL },
	[CF_INDICATORS] = { MSG_F_INDICATORS, MSG_F_INDICATORS_HINT, MSG__MAX,
	    NULL, NULL, NULL },
	[CF_TARGET_DATE] = { MSG_F_TARGET_DATE, MSG_F_TARGET_DATE_HINT,
	    MSG__MAX, "text", "off", NULL },
	[CF_STATUS] = { MSG_F_CSTATUS, MSG__MAX, MSG_ERR_CSTATUS_MISSING,
	    NULL, NULL, cstatus_labels },
	[CF_SDG] = { MSG_F_SDG, MSG_F_SDG_HINT, MSG__MAX, "text", "off",
	    NULL },
	[CF_LANG] = { MSG_F_TITLE, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[CF_FORM_TOKEN] = { MSG_F_TITLE, MSG__MAX, MSG_ERR_TOKEN, NULL, NULL,
	    NULL },
};

/* The follow-up update form. */
enum ufield {
	UF_STATUS,
	UF_NARRATIVE,
	UF_LANG,
	UF_FORM_TOKEN,
	UF__MAX
};

static const struct fielddef udefs[UF__MAX] = {
	[UF_STATUS] = { "status", FT_CHOICE, FF_REQUIRED, 0, cstatuses },
	[UF_NARRATIVE] = { "narrative", FT_MULTILINE, FF_REQUIRED, 5000,
	    NULL },
	[UF_LANG] = { "lang", FT_CHOICE, 0, 0, lang_codes },
	[UF_FORM_TOKEN] = { "form_token", FT_TOKEN, FF_REQUIRED,
	    FORM_TOKEN_LEN, NULL },
};

static const struct fieldui uui[UF__MAX] = {
	[UF_STATUS] = { MSG_F_CSTATUS, MSG__MAX, MSG_ERR_CSTATUS_MISSING,
	    NULL, NULL, cstatus_labels },
	[UF_NARRATIVE] = { MSG_F_NARRATIVE, MSG_F_NARRATIVE_HINT,
	    MSG_ERR_NARRATIVE_MISSING, NULL, NULL, NULL },
	[UF_LANG] = { MSG_F_NARRATIVE, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	[UF_FORM_TOKEN] = { MSG_F_NARRATIVE, MSG__MAX, MSG_ERR_TOKEN, NULL,
	    NULL, NULL },
};

/*
 * The withdrawal form: one box that must send confirm=yes.  It is
 * checked as a choice of one (anything but "yes" is refused) and shown
 * as a checkbox.
 */
static const char *const yes[] = { "yes", NULL };
static const struct fielddef wdefs[1] = {
	{ "confirm", FT_CHOICE, FF_REQUIRED, 0, yes },
};
static const struct fielddef wshow[1] = {
	{ "confirm", FT_CHECKBOX, FF_REQUIRED, 0, NULL },
};
static const struct fieldui wui[1] = {
	{ MSG_F_CONFIRM, MSG__MAX, MSG_ERR_CONFIRM, NULL, NULL, NULL },
};

const struct params report_params = { cdefs, cui, CF__MAX, NULL };
const struct params update_params = { udefs, uui, UF__MAX, NULL };
const struct params withdraw_params = { wdefs, wui, 1, NULL };

static void	reports_section(struct req *, enum lang,
		    const struct endorsement *, const struct commitment *,
		    size_t, struct form *, const char *);
static void	report_form(struct req *, enum lang,
		    const struct endorsement *, struct form *, const char *);
static void	withdraw_link(struct req *, enum lang,
		    const struct endorsement *);
static void	receipt_page(struct req *, enum lang, const char *code,
		    struct form *, const char *token);
static void	commitment_page(struct req *, enum lang, const char *code,
		    struct form *, const char *token);

/* ---- /receipt/CODE -------------------------------------------------- */

/* A receipt's QR code, its link and the image download. */
static void
receipt_qr_block(struct req *r, enum lang l, const char *code)
{
	page_raw(r, "<div class=\"receipt-qr\">\n<img src=\"/receipt/");
	page_text(r, code);
	page_raw(r, ".svg\" width=\"240\" height=\"240\" alt=\"");
	page_msg(r, l, MSG_RCPT_QR_ALT);
	page_raw(r, "\">\n<p>");
	page_msg(r, l, MSG_RCPT_QR_CAPTION);
	page_raw(r, "</p>\n<p class=\"receipt-url\"><span class=\"label\">");
	page_msg(r, l, MSG_RCPT_LINK);
	/* A URL reads left to right, in an Arabic page too. */
	page_raw(r, "</span> <a dir=\"ltr\" href=\"/receipt/");
	page_text(r, code);
	page_raw(r, "\">");
	page_text(r, arena_printf(r->a, "%s/receipt/%s", webcfg.base_url,
	    code));
	page_raw(r, "</a></p>\n<p class=\"no-print\"><a href=\"/receipt/");
	page_text(r, code);
	page_raw(r, ".png\" download>");
	page_msg(r, l, MSG_RCPT_PNG);
	page_raw(r, "</a></p>\n<p class=\"no-print\"><a id=\"signed-receipt\" "
	    "href=\"/receipt/");
	page_text(r, code);
	page_raw(r, ".receipt\" download>");
	page_msg(r, l, MSG_PROOF_DOWNLOAD);
	page_raw(r, "</a> <span class=\"hint\">");
	page_msg(r, l, MSG_PROOF_DOWNLOAD_HINT);
	page_raw(r, " <a href=\"/verify\">");
	page_msg(r, l, MSG_VF_TITLE);
	page_raw(r, "</a></span></p>\n</div>\n");
}

/* The receipt's panel: thanks (or when it was withdrawn) and the code. */
static void
receipt_head(struct req *r, enum lang l, const struct endorsement *e)
{
	page_raw(r, "<div class=\"receipt\">\n<div class=\"panel "
	    "panel-confirm\">\n");
	if (strcmp(e->status, "withdrawn") == 0) {
		page_raw(r, "<h1>");
		page_msg(r, l, MSG_RCPT_TITLE);
		page_raw(r, "</h1>\n<p class=\"withdrawn\">");
		page_text(r, arena_printf(r->a, msg(l, MSG_RCPT_WITHDRAWN_FMT),
		    web_when(r->a, l, e->withdrawn_at)));
		page_raw(r, "</p>\n");
	} else
		page_elem(r, "h1", l, MSG_RCPT_THANKS);
	page_raw(r, "<p class=\"code-label\">");
	page_msg(r, l, MSG_RCPT_CODE);
	page_raw(r, "</p>\n<p class=\"code\" id=\"receipt-code\">");
	page_text(r, e->receipt);
	page_raw(r, "</p>\n</div>\n");
	receipt_qr_block(r, l, e->receipt);
	page_elem(r, "p class=\"keep\"", l, MSG_RCPT_KEEP);
}

/*
 * What the endorsement was made against: the version and the SHA-256 of
 * the text in its language, and a link to that very text.
 */
static void
declaration_row(struct req *r, enum lang l, const struct endorsement *e)
{
	page_raw(r, "<div class=\"summary-row\" id=\"declaration-version\">"
	    "<dt>");
	page_msg(r, l, MSG_PROOF_DECL_ROW);
	page_raw(r, "</dt><dd>");
	page_text(r, arena_printf(r->a, msg(l, MSG_PROOF_DECL_FMT),
	    e->decl_version, e->decl_sha256));
	buf_printf(r->body, " <a href=\"/declaration?version=%lld&amp;lang=",
	    e->decl_version);
	html_esc(r->body, e->lang);
	page_raw(r, "\">");
	page_msg(r, l, MSG_PROOF_DECL_LINK);
	page_raw(r, "</a></dd></div>\n");
}

/* What was recorded of the endorsement. */
static void
receipt_summary(struct req *r, enum lang l, const struct endorsement *e)
{
	const struct country	*c = country_find(e->country);

	page_elem(r, "h2", l, MSG_RCPT_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	page_summary_row(r, l, 0, MSG_RCPT_STATUS,
	    web_status_text(l, e->status));
	page_summary_row(r, l, 0, MSG_RCPT_RECEIVED,
	    web_when(r->a, l, e->created_at));
	page_summary_row(r, l, 0, MSG_F_FULL_NAME, e->full_name);
	page_summary_row(r, l, 0, MSG_F_ROLE, strcmp(e->role, "other") == 0 ?
	    e->role_other : web_choice_text(l, roles, role_labels, e->role));
	page_summary_row(r, l, 0, MSG_F_LEVEL,
	    web_choice_text(l, levels, level_labels, e->government_level));
	page_summary_row(r, l, 0, MSG_F_LOCALITY, e->locality);
	page_summary_row(r, l, 0, MSG_RCPT_REGION, e->region);
	page_summary_row(r, l, 0, MSG_F_COUNTRY,
	    c ? lang_country(l, c) : e->country);
	page_summary_row(r, l, 0, MSG_RCPT_ORGANISATION, e->organisation);
	page_summary_row(r, l, 0, MSG_F_EMAIL, e->email);
	page_summary_row(r, l, 0, MSG_RCPT_EMAIL_STATE,
	    e->confirmed_at != NULL ? arena_printf(r->a,
	    msg(l, MSG_RCPT_EMAIL_CONFIRMED_FMT),
	    web_when(r->a, l, e->confirmed_at)) :
	    msg(l, MSG_RCPT_EMAIL_UNCONFIRMED));
	page_summary_row(r, l, 0, MSG_RCPT_LISTED,
	    msg(l, e->listed ? MSG_RCPT_YES : MSG_RCPT_NO));
	if (e->event_name != NULL)
		page_summary_row(r, l, 0, MSG_RCPT_EVENT, e->event_name);
	if (e->signature != NULL)
		page_signature_row(r, l, e->signature);
	if (e->decl_version > 0)
		declaration_row(r, l, e);
	page_raw(r, "</dl>\n");
}

/*
 * The endorsement's receipt; cf and token show the report form again
 * with its errors (NULL: a fresh form).
 */
static void
receipt_page(struct req *r, enum lang l, const char *code, struct form *cf,
    const char *token)
{
	struct endorsement	 e;
	struct commitment	*cs;
	enum db_res		 res;
	size_t			 n;

	res = db_endorsement_get(web_db, r->a, code, &e);
	if (res == DB_NOTFOUND) {
		page_error(r, l, 404, NULL);
		return;
	} else if (res != DB_OK) {
		req_fail(r, l, 503, "database: the endorsement");
		return;
	}
	if (db_commitments_of(web_db, r->a, e.id, &cs, &n) == -1) {
		req_fail(r, l, 503, "database: the reports of an endorsement");
		return;
	}
	/* Opened afresh, the receipt speaks the language it was made in,
	 * unless the query or the cookie chose one. */
	if (cf == NULL)
		l = page_lang(r, e.lang, webcfg.secure);
	/* Personal data behind a secret link: never stored by caches. */
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_RCPT_TITLE), cf != NULL && cf->nerrs > 0,
	    NAV_NONE);
	if (cf != NULL)
		form_error_summary(cf);
	receipt_head(r, l, &e);
	receipt_summary(r, l, &e);
	if (strcmp(e.status, "pending") == 0)
		page_elem(r, "p class=\"hint\"", l, MSG_STATUS_PENDING_HINT);
	if (strcmp(e.status, "withdrawn") != 0) {
		page_elem(r, "h2 class=\"no-print\"", l, MSG_RCPT_NEXT_H);
		page_elem(r, "p class=\"no-print\"", l, MSG_RCPT_NEXT_1);
	}
	reports_section(r, l, &e, cs, n, cf, token);
	page_elem(r, "p class=\"no-print hint\"", l, MSG_RCPT_PRINT);
	page_raw(r, "</div>\n");
	page_end(r, l);
}

static void	qr_etag(struct req *);

/* GET /receipt/CODE, whatever kind of receipt it is. */
void
receipt_get(struct ctx *x)
{
	enum receipt_kind	kind;

	if (web_found(x, db_receipt_kind(web_db, x->code, &kind),
	    "the receipt's kind") == -1)
		return;
	if (kind == RK_COMMITMENT)
		commitment_page(x->r, x->l, x->code, NULL, NULL);
	else
		receipt_page(x->r, x->l, x->code, NULL, NULL);
}

/* GET /receipt/CODE.svg and .png (the route's arg: enum qrfmt). */
void
receipt_image(struct ctx *x)
{
	struct req		*r = x->r;
	enum receipt_kind	 kind;
	const char		*url;
	int			 rc;

	/* Only codes that exist get an image: no oracle, no free QR maker.
	 * Of any kind (endorsement or report). */
	if (web_found(x, db_receipt_kind(web_db, x->code, &kind),
	    "the receipt's kind") == -1)
		return;
	url = arena_printf(r->a, "%s/receipt/%s", webcfg.base_url, x->code);
	if (x->route->arg == QR_SVG)
		rc = qr_svg(r->body, url);
	else
		rc = qr_png(r->body, url, 8);
	if (rc == -1) {
		route_fail(x, 500, "the QR code could not be drawn");
		return;
	}
	/*
	 * The image carries the receipt code, as the receipt page does:
	 * a shared device's browser must not keep it.  nginx keeps it on
	 * the server (fastcgi_cache, see nginx.conf) whatever this says.
	 */
	req_header(r, "Cache-Control", "no-store");
	qr_etag(r);
}

/*
 * An image's ETag: a hash of its bytes.  nginx keeps the first answer
 * for each image and answers later requests, conditional ones too,
 * from its copy without asking us.
 */
static void
qr_etag(struct req *r)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 h[12];
	char			 tag[2 * sizeof(h) + 1];
	size_t			 i;

	crypto_generichash(h, sizeof(h), (const unsigned char *)r->body->p,
	    r->body->len, NULL, 0);
	for (i = 0; i < sizeof(h); i++) {
		tag[2 * i] = hex[h[i] >> 4];
		tag[2 * i + 1] = hex[h[i] & 15];
	}
	tag[2 * sizeof(h)] = '\0';
	req_header(r, "ETag", "\"%s\"", tag);
}

/* ---- the reports on an endorsement's receipt --------------------------- */

const char *
web_area_text(enum lang l, const char *v)
{
	return web_choice_text(l, areas, area_labels, v);
}

const char *
web_cstatus_text(enum lang l, const char *v)
{
	return web_choice_text(l, cstatuses, cstatus_labels, v);
}

/* "2026-11-28T18:36:00Z" (or "2026-11-28") as "28 November 2026" in l. */
const char *
web_day(struct arena *a, enum lang l, const char *iso)
{
	return lang_date(a, l, iso);
}

/* The reports of an endorsement, each a link to its own receipt. */
static void
reports_list(struct req *r, enum lang l, const struct commitment *cs,
    size_t n)
{
	size_t	i;

	page_raw(r, "<section class=\"reports\" aria-labelledby=\"reports-h\">\n"
	    "<h2 id=\"reports-h\">");
	page_msg(r, l, MSG_RCPT_REPORTS_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, MSG_RCPT_REPORTS_NONE);
	else {
		page_raw(r, "<ul class=\"entries\">\n");
		for (i = 0; i < n; i++) {
			page_raw(r, "<li><a href=\"/receipt/");
			page_text(r, cs[i].receipt);
			page_raw(r, "\">");
			page_text(r, cs[i].title);
			page_raw(r, "</a><p class=\"meta\">");
			page_text(r, web_area_text(l, cs[i].area));
			page_raw(r, " · ");
			page_text(r, web_cstatus_text(l, cs[i].latest));
			page_raw(r, " · ");
			page_text(r, arena_printf(r->a,
			    msg(l, MSG_RCPT_REPORTED_FMT),
			    web_day(r->a, l, cs[i].created_at)));
			page_raw(r, "</p></li>\n");
		}
		page_raw(r, "</ul>\n");
	}
	page_raw(r, "</section>\n");
}

/*
 * The endorsement receipt's own part: its reports, the form to add one
 * (cf: shown again with its errors, or NULL for a fresh one), and the
 * way to withdraw.  A withdrawn or rejected endorsement offers neither.
 */
static void
reports_section(struct req *r, enum lang l, const struct endorsement *e,
    const struct commitment *cs, size_t n, struct form *cf,
    const char *token)
{
	struct form	fresh;
	int		open;

	open = strcmp(e->status, "withdrawn") != 0 &&
	    strcmp(e->status, "rejected") != 0;
	reports_list(r, l, cs, n);
	if (!open) {
		if (strcmp(e->status, "rejected") == 0)
			page_elem(r, "p class=\"hint\"", l, MSG_RCPT_CLOSED);
		return;
	}

	if (cf == NULL) {
		/* Out of memory: the page stays whole without the form. */
		if (form_init(&fresh, r, l, cdefs, cui, CF__MAX, NULL) == -1) {
			logmsg("%s %s: out of memory for the report form",
			    r->method, r->route);
			return;
		}
		cf = &fresh;
	}
	report_form(r, l, e, cf, token);
	withdraw_link(r, l, e);
}

/* The form to add a report (cf: fresh or shown again with errors). */
static void
report_form(struct req *r, enum lang l, const struct endorsement *e,
    struct form *cf, const char *token)
{
	page_raw(r, "<section class=\"no-print\" aria-labelledby=\"report-h\">"
	    "\n<h2 id=\"report-h\">");
	page_msg(r, l, MSG_CF_H);
	page_raw(r, "</h2>\n");
	page_elem(r, "p", l, MSG_CF_LEAD);
	page_elem(r, "p class=\"hint\"", l, MSG_FORM_REQUIRED_NOTE);
	page_raw(r, "<form class=\"form\" method=\"post\" action=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "/commitments\" accept-charset=\"utf-8\" novalidate>\n");
	web_form_hidden(cf, token);
	form_radios(cf, CF_AREA);
	form_input(cf, CF_TITLE);
	form_textarea(cf, CF_DESCRIPTION);
	form_textarea(cf, CF_MEANS);
	form_textarea(cf, CF_INDICATORS);
	form_input(cf, CF_TARGET_DATE);
	form_radios(cf, CF_STATUS);
	form_input(cf, CF_SDG);
	form_submit(cf, MSG_CF_SUBMIT);
	page_raw(r, "</form>\n</section>\n");
}

/* The way to withdraw the endorsement. */
static void
withdraw_link(struct req *r, enum lang l, const struct endorsement *e)
{
	page_raw(r, "<section class=\"no-print\" aria-labelledby=\"withdraw-h\">"
	    "\n<h2 id=\"withdraw-h\">");
	page_msg(r, l, MSG_RCPT_WITHDRAW_H);
	page_raw(r, "</h2>\n");
	page_elem(r, "p", l, MSG_RCPT_WITHDRAW_1);
	page_raw(r, "<p><a href=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "/withdraw\">");
	page_msg(r, l, MSG_RCPT_WITHDRAW_LINK);
	page_raw(r, "</a></p>\n</section>\n");
}

/*
 * The endorsement of code for a POST on it: DB_OK with e, or -1 with
 * the page written: 404 for no such endorsement, 409 (saying why) for
 * a withdrawn or rejected one.
 */
static int
open_endorsement(struct ctx *x, struct endorsement *e, int allow_withdrawn)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;

	if (web_found(x, db_endorsement_get(web_db, r->a, x->code, e),
	    "the endorsement") == -1)
		return -1;
	if (!allow_withdrawn && strcmp(e->status, "withdrawn") == 0) {
		page_notice(r, l, 409, MSG_E409_WITHDRAWN_TITLE,
		    MSG_E409_WITHDRAWN_BODY);
		return -1;
	}
	if (!allow_withdrawn && strcmp(e->status, "rejected") == 0) {
		page_notice(r, l, 409, MSG_E409_REJECTED_TITLE,
		    MSG_E409_REJECTED_BODY);
		return -1;
	}
	return 0;
}

/* A DB_CLOSED answer: the endorsement closed between look and write. */
void
web_closed_page(struct req *r, enum lang l)
{
	page_notice(r, l, 409, MSG_E409_WITHDRAWN_TITLE,
	    MSG_E409_WITHDRAWN_BODY);
}

/* The 422 of a report: the endorsement's receipt with the form again. */
void
commitments_invalid(struct ctx *x)
{
	struct endorsement	e;

	if (open_endorsement(x, &e, 0) == -1)
		return;
	receipt_page(x->r, x->l, x->code, &x->form,
	    web_token_kept(x, CF_FORM_TOKEN));
}

/* POST /receipt/CODE/commitments */
void
commitments_post(struct ctx *x)
{
	const struct fieldval	*v = x->v;
	struct endorsement	 e;
	struct commitment	 c;
	enum db_res		 res;

	if (open_endorsement(x, &e, 0) == -1)
		return;
	memset(&c, 0, sizeof(c));
	form_hash(cdefs, CF__MAX, v, c.hash);
	c.endorsement_id = e.id;
	c.form_token = v[CF_FORM_TOKEN].value;
	c.area = v[CF_AREA].value;
	c.title = v[CF_TITLE].value;
	c.description = v[CF_DESCRIPTION].value;
	c.means = v[CF_MEANS].value;
	c.indicators = v[CF_INDICATORS].value;
	c.target_date = v[CF_TARGET_DATE].present ?
	    v[CF_TARGET_DATE].value : NULL;
	c.status = v[CF_STATUS].value;
	c.sdg = v[CF_SDG].value;
	c.lang = v[CF_LANG].present ? v[CF_LANG].value : lang_code(x->l);
	res = db_commitment_add(web_db, &c);
	web_stored(x, res, arena_printf(x->r->a, "/receipt/%s", c.receipt));
}

/* ---- a report's receipt and its follow-up ------------------------------ */

/* The report's panel, its QR code and what was recorded of it. */
static void
commitment_summary(struct req *r, enum lang l, const struct commitment *c)
{
	const struct country	*k = country_find(c->e_country);

	page_raw(r, "<div class=\"receipt\">\n<div class=\"panel "
	    "panel-confirm\">\n");
	page_elem(r, "h1", l, MSG_CR_THANKS);
	page_raw(r, "<p class=\"code-label\">");
	page_msg(r, l, MSG_RCPT_CODE);
	page_raw(r, "</p>\n<p class=\"code\" id=\"receipt-code\">");
	page_text(r, c->receipt);
	page_raw(r, "</p>\n</div>\n");
	receipt_qr_block(r, l, c->receipt);
	page_elem(r, "p class=\"keep\"", l, MSG_CR_KEEP);
	page_elem(r, "h2", l, MSG_RCPT_RECORDED_H);
	page_raw(r, "<dl class=\"summary\">\n");
	page_summary_row(r, l, 0, MSG_CR_STATUS_NOW,
	    web_cstatus_text(l, c->latest));
	page_summary_row(r, l, 0, MSG_RCPT_RECEIVED,
	    web_when(r->a, l, c->created_at));
	page_raw(r, "<div class=\"summary-row\"><dt>");
	page_msg(r, l, MSG_CR_BY);
	page_raw(r, "</dt><dd>");
	page_bdi(r, c->e_full_name);
	page_raw(r, ", ");
	page_bdi(r, c->e_locality);
	page_raw(r, ", ");
	page_text(r, k ? lang_country(l, k) : c->e_country);
	page_raw(r, "</dd></div>\n");
	page_summary_row(r, l, 0, MSG_F_AREA, web_area_text(l, c->area));
	page_summary_row(r, l, 0, MSG_F_TITLE, c->title);
	page_summary_row(r, l, 1, MSG_F_DESCRIPTION, c->description);
	page_summary_row(r, l, 1, MSG_CR_MEANS, c->means);
	page_summary_row(r, l, 1, MSG_CR_INDICATORS, c->indicators);
	page_summary_row(r, l, 0, MSG_CR_TARGET_DATE, c->target_date != NULL ?
	    web_day(r->a, l, c->target_date) : NULL);
	page_summary_row(r, l, 0, MSG_CR_SDG, c->sdg);
	page_summary_row(r, l, 0, MSG_CR_STATUS_FIRST,
	    web_cstatus_text(l, c->status));
	page_raw(r, "</dl>\n");
}

/* The report's follow-up updates, oldest first. */
static void
commitment_history(struct req *r, enum lang l, const struct cupdate *us,
    size_t n)
{
	size_t	i;

	page_raw(r, "<section aria-labelledby=\"history-h\">\n"
	    "<h2 id=\"history-h\">");
	page_msg(r, l, MSG_CR_HISTORY_H);
	page_raw(r, "</h2>\n");
	if (n == 0)
		page_elem(r, "p", l, MSG_CR_HISTORY_NONE);
	else {
		page_raw(r, "<ol class=\"entries history\">\n");
		for (i = 0; i < n; i++) {
			page_raw(r, "<li><p class=\"meta\"><time>");
			page_text(r, web_when(r->a, l, us[i].created_at));
			page_raw(r, "</time> · <strong>");
			page_text(r, web_cstatus_text(l, us[i].status));
			page_raw(r, "</strong></p><p class=\"pre\">");
			page_text(r, us[i].narrative);
			page_raw(r, "</p></li>\n");
		}
		page_raw(r, "</ol>\n");
	}
	page_raw(r, "</section>\n");
}

/* The update form of an open report (uf: fresh or with its errors). */
static void
update_form(struct req *r, enum lang l, const struct commitment *c,
    const struct form *uf, const char *token)
{
	page_raw(r, "<section class=\"no-print\" "
	    "aria-labelledby=\"update-h\">\n<h2 id=\"update-h\">");
	page_msg(r, l, MSG_CR_UPDATE_H);
	page_raw(r, "</h2>\n");
	page_elem(r, "p", l, MSG_CR_UPDATE_LEAD);
	page_raw(r, "<form class=\"form\" method=\"post\" "
	    "action=\"/receipt/");
	page_text(r, c->receipt);
	page_raw(r, "/updates\" accept-charset=\"utf-8\" novalidate>\n");
	web_form_hidden(uf, token);
	form_radios(uf, UF_STATUS);
	form_textarea(uf, UF_NARRATIVE);
	form_submit(uf, MSG_CR_UPDATE_SUBMIT);
	page_raw(r, "</form>\n</section>\n");
	page_elem(r, "p class=\"no-print hint\"", l, MSG_CR_ANOTHER);
}

/*
 * GET /receipt/CODE of a report: the report, its QR code, its history
 * oldest first and the update form (uf: shown again with its errors).
 */
static void
commitment_page(struct req *r, enum lang l, const char *code,
    struct form *uf, const char *token)
{
	struct commitment	 c;
	struct cupdate		*us;
	struct form		 fresh;
	size_t			 n;
	int			 open;

	switch (db_commitment_get(web_db, r->a, code, &c)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		return;
	default:
		req_fail(r, l, 503, "database: the report");
		return;
	}
	if (db_updates_of(web_db, r->a, c.id, &us, &n) == -1) {
		req_fail(r, l, 503, "database: the report's updates");
		return;
	}
	/* Opened afresh, the report speaks the language it was made in,
	 * unless the query or the cookie chose one. */
	if (uf == NULL)
		l = page_lang(r, c.lang, webcfg.secure);
	open = strcmp(c.e_status, "withdrawn") != 0 &&
	    strcmp(c.e_status, "rejected") != 0;
	if (open && uf == NULL) {
		if (form_init(&fresh, r, l, udefs, uui, UF__MAX, NULL) == -1) {
			req_fail(r, l, 500, "out of memory for the update form");
			return;
		}
		uf = &fresh;
	}
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_CR_TITLE), uf != NULL && uf->nerrs > 0,
	    NAV_NONE);
	if (uf != NULL)
		form_error_summary(uf);
	commitment_summary(r, l, &c);
	commitment_history(r, l, us, n);
	if (open)
		update_form(r, l, &c, uf, token);
	else
		page_elem(r, "p class=\"hint\"", l, MSG_CR_CLOSED);
	page_elem(r, "p class=\"no-print hint\"", l, MSG_RCPT_PRINT);
	page_raw(r, "</div>\n");
	page_end(r, l);
}

/*
 * The report of code for a POST on it: 0 with c, or -1 with the page
 * written: 404 for no such report, 409 (saying why) when its
 * endorsement is withdrawn or rejected.
 */
static int
open_commitment(struct ctx *x, struct commitment *c)
{
	if (web_found(x, db_commitment_get(web_db, x->r->a, x->code, c),
	    "the report") == -1)
		return -1;
	if (strcmp(c->e_status, "withdrawn") == 0) {
		page_notice(x->r, x->l, 409, MSG_E409_WITHDRAWN_TITLE,
		    MSG_E409_WITHDRAWN_BODY);
		return -1;
	}
	if (strcmp(c->e_status, "rejected") == 0) {
		page_notice(x->r, x->l, 409, MSG_E409_REJECTED_TITLE,
		    MSG_E409_REJECTED_BODY);
		return -1;
	}
	return 0;
}

/* The 422 of an update: the report's receipt with the form again. */
void
updates_invalid(struct ctx *x)
{
	struct commitment	c;

	if (open_commitment(x, &c) == -1)
		return;
	commitment_page(x->r, x->l, x->code, &x->form,
	    web_token_kept(x, UF_FORM_TOKEN));
}

/* POST /receipt/CODE/updates */
void
updates_post(struct ctx *x)
{
	const struct fieldval	*v = x->v;
	struct commitment	 c;
	struct cupdate		 u;
	enum db_res		 res;

	if (open_commitment(x, &c) == -1)
		return;
	memset(&u, 0, sizeof(u));
	form_hash(udefs, UF__MAX, v, u.hash);
	u.commitment_id = c.id;
	u.form_token = v[UF_FORM_TOKEN].value;
	u.status = v[UF_STATUS].value;
	u.narrative = v[UF_NARRATIVE].value;
	res = db_update_add(web_db, &u);
	web_stored(x, res, arena_printf(x->r->a, "/receipt/%s", c.receipt));
}

/* ---- withdrawing an endorsement ----------------------------------------- */

/* The confirmation page (f: shown again with its error, or NULL). */
static void
withdraw_page(struct req *r, enum lang l, const struct endorsement *e,
    struct form *f)
{
	struct form	fresh;
	char		csrf[B64_TOKEN_LEN + 1];

	if (f == NULL) {
		if (form_init(&fresh, r, l, wshow, wui, 1, NULL) == -1) {
			req_fail(r, l, 500, "out of memory for the form");
			return;
		}
		f = &fresh;
	}
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, MSG_WD_TITLE), f->nerrs > 0, NAV_NONE);
	form_error_summary(f);
	page_elem(r, "h1", l, MSG_WD_TITLE);
	if (strcmp(e->status, "withdrawn") == 0) {
		page_raw(r, "<p>");
		page_text(r, arena_printf(r->a, msg(l, MSG_RCPT_WITHDRAWN_FMT),
		    web_when(r->a, l, e->withdrawn_at)));
		page_raw(r, "</p>\n");
	} else {
		csrf_prepare(r, web_secret, webcfg.secure, csrf);
		page_elem(r, "p", l, MSG_WD_1);
		page_elem(r, "p", l, MSG_WD_2);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/receipt/");
		page_text(r, e->receipt);
		page_raw(r, "/withdraw\" accept-charset=\"utf-8\" novalidate>\n");
		buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n", csrf);
		form_checkbox(f, 0);
		page_raw(r, "<button class=\"button button-warning\" "
		    "type=\"submit\">");
		page_msg(r, l, MSG_WD_SUBMIT);
		page_raw(r, "</button>\n</form>\n");
	}
	page_raw(r, "<p><a href=\"/receipt/");
	page_text(r, e->receipt);
	page_raw(r, "\">");
	page_msg(r, l, MSG_WD_CANCEL);
	page_raw(r, "</a></p>\n");
	page_end(r, l);
}

void
withdraw_get(struct ctx *x)
{
	struct endorsement	e;

	if (open_endorsement(x, &e, 1) == -1)
		return;
	x->l = page_lang(x->r, e.lang, webcfg.secure);
	withdraw_page(x->r, x->l, &e, NULL);
}

/*
 * The 422 of a withdrawal: anything but confirm=yes.  The field was
 * checked as a choice of one and is shown as a checkbox: the same
 * messages, the checkbox's markup.
 */
void
withdraw_invalid(struct ctx *x)
{
	struct endorsement	e;

	if (open_endorsement(x, &e, 1) == -1)
		return;
	x->form.defs = wshow;
	withdraw_page(x->r, x->l, &e, &x->form);
}

/* POST /receipt/CODE/withdraw: withdraws once; again is the same 303. */
void
withdraw_post(struct ctx *x)
{
	struct endorsement	e;

	if (open_endorsement(x, &e, 1) == -1)
		return;
	switch (db_endorsement_withdraw(web_db, e.id, e.receipt)) {
	case DB_OK:
	case DB_EXISTS:
		route_redirect(x, arena_printf(x->r->a, "/receipt/%s",
		    e.receipt));
		x->r->after_commit = 1;
		break;
	default:
		route_fail(x, 503, "database: withdrawing");
		break;
	}
}
