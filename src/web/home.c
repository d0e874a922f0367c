/*
 * home.c: GET /, the declaration: its summary, the policy asks, the
 * live counts and the way to endorse it.
 */
#include "config.h"

#include <stdio.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

/* The top of the declaration: its title, the live counts, the button. */
static void
home_hero(struct req *r, enum lang l, const struct db_stats *st)
{
	page_raw(r, "<section class=\"hero\">\n");
	page_elem(r, "h1", l, MSG_DECL_TITLE);
	page_elem(r, "p class=\"lead\"", l, MSG_DECL_LEAD);
	page_raw(r, "<p class=\"stats\">");
	if (st->endorsements == 0)
		page_msg(r, l, MSG_DECL_COUNT_NONE);
	else {
		/* TRANSLATORS: %s is the number of endorsements, written
		 * with its thousands separator. */
		page_text(r, arena_printf(r->a, lang_ngettext(l,
		    "%s endorsement so far.", "%s endorsements so far.",
		    (unsigned long)st->endorsements),
		    lang_num(r->a, l, st->endorsements)));
		page_raw(r, " ");
		page_text(r, arena_printf(r->a, msg(l, MSG_DECL_COUNT_FMT),
		    lang_num(r->a, l, st->countries)));
		page_raw(r, " ");
		page_text(r, arena_printf(r->a, msg(l, MSG_DECL_VERIFIED_FMT),
		    lang_num(r->a, l, st->verified)));
	}
	page_raw(r, "</p>\n<p><a class=\"button button-start\" "
	    "href=\"/endorse\">");
	page_msg(r, l, MSG_DECL_CTA);
	page_raw(r, "</a></p>\n</section>\n");
}

/*
 * The ledger's count and head, which anyone may copy and compare later
 * (also signed at /.well-known/endorse-ledger-head), and where to check.
 */
static void
ledger_line(struct req *r, enum lang l)
{
	long long	count;
	char		head[65];

	if (db_ledger_head(web_db, &count, head) == -1)
		return;
	page_raw(r, "<p class=\"hint ledger\" id=\"ledger-head\">");
	page_text(r, arena_printf(r->a, msg(l, MSG_PROOF_LEDGER_FMT), count,
	    head));
	page_raw(r, " <a href=\"/.well-known/endorse-ledger-head\">");
	page_msg(r, l, MSG_PROOF_LEDGER_LINK);
	page_raw(r, "</a> · <a href=\"/declaration\">");
	page_msg(r, l, MSG_DC_TITLE);
	page_raw(r, "</a> · <a href=\"/verify\">");
	page_msg(r, l, MSG_VF_TITLE);
	page_raw(r, "</a></p>\n");
}

void
home_get(struct ctx *x)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;
	static const enum msg asks[] = {
		MSG_DECL_ASK_1, MSG_DECL_ASK_2, MSG_DECL_ASK_3, MSG_DECL_ASK_4,
		MSG_DECL_ASK_5, MSG_DECL_ASK_6, MSG_DECL_ASK_7, MSG_DECL_ASK_8
	};
	struct db_stats	 st;
	size_t		 i;

	if (db_stats(web_db, &st) == -1) {
		route_fail(x, 503, "database: the counts");
		return;
	}
	req_header(r, "Cache-Control", "no-cache");
	page_begin(r, l, msg(l, MSG_DECL_TITLE), 0, NAV_HOME);
	home_hero(r, l, &st);
	page_raw(r, "<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ABOUT_H);
	page_elem(r, "p", l, MSG_DECL_ABOUT_1);
	page_elem(r, "p", l, MSG_DECL_ABOUT_2);
	page_elem(r, "p", l, MSG_DECL_ABOUT_3);
	page_raw(r, "</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ASKS_H);
	page_elem(r, "p", l, MSG_DECL_ASKS_LEAD);
	page_raw(r, "<ol class=\"asks\">\n");
	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++)
		page_elem(r, "li", l, asks[i]);
	page_raw(r, "</ol>\n</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_ANNEX_H);
	page_elem(r, "p", l, MSG_DECL_ANNEX_1);
	page_elem(r, "p", l, MSG_DECL_ANNEX_2);
	page_raw(r, "</section>\n<section>\n");
	page_elem(r, "h2", l, MSG_DECL_AFTER_H);
	page_elem(r, "p", l, MSG_DECL_AFTER_1);
	page_elem(r, "p", l, MSG_DECL_AFTER_2);
	page_raw(r, "</section>\n<section class=\"panel\">\n");
	page_elem(r, "h2", l, MSG_DECL_HOW_H);
	page_elem(r, "p", l, MSG_DECL_HOW_1);
	page_raw(r, "<p><a class=\"button\" href=\"/endorse\">");
	page_msg(r, l, MSG_DECL_CTA);
	page_raw(r, "</a></p>\n</section>\n");
	ledger_line(r, l);
	page_end(r, l);
}

