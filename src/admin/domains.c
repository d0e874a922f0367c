/*
 * domains.c: GET /admin/domains lists the official e-mail domains;
 * POST /admin/domains adds one (action=add: domain, country) or removes
 * one (action=remove: domain).  Reading is for every role, changing for
 * admins.  Whether an endorsement is from an official domain is never
 * stored: the database works it out from the list as it is (db.c,
 * E_OFFICIAL), so a removal takes effect at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "lang.h"
#include "mail.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

enum dfield {
	DF_ACTION,
	DF_DOMAIN,
	DF_COUNTRY,
	DF__MAX
};

static const char *const actions[] = { "add", "remove", NULL };

static const struct fielddef ddefs[DF__MAX] = {
	[DF_ACTION] = { "action", FT_CHOICE, FF_REQUIRED, 0, actions },
	[DF_DOMAIN] = { "domain", FT_TEXT, FF_REQUIRED, MAIL_DOMAIN_MAX + 1,
	    NULL },
	[DF_COUNTRY] = { "country", FT_COUNTRY, 0, 2, NULL },
};

static const enum msg any_country[] = { MSG_ADM_DOM_ANY };

static const struct fieldui dui[DF__MAX] = {
	[DF_ACTION] = { MSG_ADM_DOM_ADD_H, MSG__MAX, MSG__MAX, NULL, NULL,
	    NULL },
	[DF_DOMAIN] = { MSG_ADM_DOM_F_DOMAIN, MSG_ADM_DOM_F_DOMAIN_HINT,
	    MSG_ADM_ERR_DOMAIN, "text", "off", NULL },
	[DF_COUNTRY] = { MSG_ADM_DOM_F_COUNTRY, MSG__MAX, MSG__MAX, NULL, NULL,
	    any_country },
};

static void
domains_page(struct ctx *x, struct form *f)
{
	struct req		*r = x->r;
	const struct country	*c;
	struct official_domain	*d;
	size_t			 i, n;
	int			 manage = role_may(x->role, CAP_DOMAINS);

	if (db_domains(admin_db, r->a, &d, &n) == -1) {
		route_fail(x, 503, "database: the official domains");
		return;
	}
	admin_begin(x, msg(x->l, MSG_ADM_DOM_TITLE), f->nerrs > 0,
	    ANAV_DOMAINS);
	form_error_summary(f);
	page_elem(r, "h1", x->l, MSG_ADM_DOM_TITLE);
	page_elem(r, "p", x->l, MSG_ADM_DOM_LEAD);
	if (n == 0)
		page_elem(r, "p", x->l, MSG_ADM_DOM_NONE);
	else {
		admin_table_open(x, MSG_ADM_DOM_TITLE);
		page_raw(r, "<thead><tr>");
		admin_th(x, MSG_ADM_DOM_F_DOMAIN);
		admin_th(x, MSG_ADM_COL_COUNTRY);
		admin_th(x, MSG_ADM_DOM_COL_ADDED);
		if (manage)
			page_raw(r, "<td></td>");
		page_raw(r, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < n; i++) {
			page_raw(r, "<tr class=\"domain\">");
			admin_td(x, d[i].domain);
			c = d[i].country ? country_find(d[i].country) : NULL;
			admin_td(x, d[i].country == NULL ?
			    msg(x->l, MSG_ADM_DOM_ANY) : c ? c->name :
			    d[i].country);
			admin_td(x, admin_when(r->a, d[i].created_at));
			if (manage) {
				buf_printf(r->body, "<td><form method=\"post\" "
				    "action=\"/admin/domains\"><input "
				    "type=\"hidden\" name=\"csrf\" value=\"%s\">"
				    "<input type=\"hidden\" name=\"action\" "
				    "value=\"remove\"><input type=\"hidden\" "
				    "name=\"domain\" value=\"", x->csrf);
				page_text(r, d[i].domain);
				page_raw(r, "\"><button class=\"button "
				    "button-secondary\" type=\"submit\">");
				page_msg(r, x->l, MSG_ADM_DOM_REMOVE);
				page_raw(r, "</button></form></td>");
			}
			page_raw(r, "</tr>\n");
		}
		page_raw(r, "</tbody>\n");
		admin_table_close(x);
	}
	if (manage) {
		page_elem(r, "h2", x->l, MSG_ADM_DOM_ADD_H);
		page_raw(r, "<form class=\"form\" method=\"post\" "
		    "action=\"/admin/domains\" accept-charset=\"utf-8\" "
		    "novalidate>\n");
		buf_printf(r->body, "<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n<input type=\"hidden\" name=\"action\" "
		    "value=\"add\">\n", x->csrf);
		form_input(f, DF_DOMAIN);
		form_country(f, DF_COUNTRY);
		page_raw(r, "<button class=\"button\" type=\"submit\">");
		page_msg(r, x->l, MSG_ADM_DOM_ADD);
		page_raw(r, "</button>\n</form>\n");
	}
	admin_end(x);
}

void
domains_get(struct ctx *x)
{
	struct form	f;

	if (form_init(&f, x->r, x->l, ddefs, dui, DF__MAX, NULL) == -1) {
		route_fail(x, 500, "out of memory for the form");
		return;
	}
	domains_page(x, &f);
}

/* The domain must be one; written back in its normal form. */
static void
domains_rules(struct ctx *x)
{
	char	dom[MAIL_DOMAIN_MAX + 1];

	if (x->v[DF_DOMAIN].err == VERR_OK &&
	    mail_domain_norm(x->v[DF_DOMAIN].value, dom) == -1)
		form_set_error(&x->form, DF_DOMAIN,
		    msg(x->l, MSG_ADM_ERR_DOMAIN));
}

const struct params domains_params = { ddefs, dui, DF__MAX, domains_rules };

/* The 422: the list with the form again. */
void
domains_invalid(struct ctx *x)
{
	domains_page(x, &x->form);
}

/* POST /admin/domains: action=add (domain, country), remove (domain). */
void
domains_post(struct ctx *x)
{
	struct req	*r = x->r;
	struct dbparam	 p[2];
	char		 dom[MAIL_DOMAIN_MAX + 1];
	long long	 n = 0;
	enum db_res	 res;
	int		 add = strcmp(x->v[DF_ACTION].value, "add") == 0;

	if (mail_domain_norm(x->v[DF_DOMAIN].value, dom) == -1) {
		route_fail(x, 500, "a domain that its rule let through");
		return;
	}
	if (db_tx_begin(admin_db) == -1) {
		route_fail(x, 503, "database: beginning the change");
		return;
	}
	p[0] = DBP_S(dom);
	p[1] = DBP_S(add ? ctx_value(x, DF_COUNTRY) : NULL);
	res = db_run(admin_db, add ? DBQ_DOMAIN_ADD : DBQ_DOMAIN_DEL, p,
	    add ? 2 : 1, &n);
	if (res == DB_CONFLICT || (res == DB_OK && n == 0)) {
		db_tx_rollback(admin_db);
		form_set_error(&x->form, DF_DOMAIN, msg(x->l, add ?
		    MSG_ADM_ERR_DOMAIN_EXISTS : MSG_ADM_ERR_DOMAIN_UNKNOWN));
		r->status = 422;
		domains_page(x, &x->form);
		return;
	}
	if (res != DB_OK || admin_audit(x, add ? "domain.add" :
	    "domain.remove", dom, add && p[1].s ? p[1].s : "") == -1) {
		db_tx_rollback(admin_db);
		route_fail(x, 503, "database: changing the domains");
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		route_fail(x, 503, "database: committing the domains");
		return;
	}
	route_redirect(x, "/admin/domains");
	r->after_commit = 1;
}

/*
 * POST /admin/endorsements/verify-official: every pending endorsement
 * whose address is confirmed and in an official domain becomes verified,
 * each with its line in the moderation history, and the whole act one
 * line in the audit log; then back to the list.
 */
void
official_verify_post(struct ctx *x)
{
	struct req	*r = x->r;
	struct dbparam	 p = DBP_I(x->user_id);
	long long	 n = 0;

	if (db_tx_begin(admin_db) == -1) {
		route_fail(x, 503, "database: beginning the change");
		return;
	}
	if (db_run(admin_db, DBQ_E_OFFICIAL_CHANGES, &p, 1, NULL) != DB_OK ||
	    db_run(admin_db, DBQ_E_OFFICIAL_VERIFY, NULL, 0, &n) != DB_OK ||
	    admin_audit(x, "endorsement.verify_official", "",
	    arena_printf(r->a, "%lld verified", n)) == -1) {
		db_tx_rollback(admin_db);
		route_fail(x, 503, "database: verifying");
		return;
	}
	if (db_tx_commit(admin_db) == -1) {
		route_fail(x, 503, "database: committing the verification");
		return;
	}
	route_redirect(x, n > 0 ? arena_printf(r->a, "/admin/endorsements?"
	    "confirmed=yes&official=yes&verified=%lld", n) :
	    "/admin/endorsements?confirmed=yes&official=yes");
	r->after_commit = 1;
}
