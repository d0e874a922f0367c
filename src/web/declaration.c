/*
 * declaration.c: GET /declaration, the full text of a version of the
 * declaration (the current one, or ?version=N) in the page's language
 * (or ?lang=), with its number and the SHA-256 that endorsements made
 * against it record.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "proof.h"
#include "web/web.h"

enum dparam {
	DP_VERSION,
	DP_LANG,
	DP__MAX
};

/* ?version=N (a positive number) and ?lang=L (a language of the site). */
static const struct fielddef ddefs[DP__MAX] = {
	[DP_VERSION] = { "version", FT_ID, 0, 9, NULL },
	[DP_LANG] = { "lang", FT_CHOICE, 0, 0, lang_codes },
};

const struct params declaration_params = { ddefs, NULL, DP__MAX, NULL };

void
declaration_page(struct ctx *x)
{
	struct req	*r = x->r;
	enum lang	 l = x->l;
	struct decl	 d, *all;
	const char	*lang, *nl;
	long long	 version;
	size_t		 i, n;

	version = x->v[DP_VERSION].present ? x->v[DP_VERSION].num : 0;
	lang = ctx_value(x, DP_LANG) != NULL ? x->v[DP_LANG].value :
	    lang_code(l);
	switch (db_decl_get(web_db, r->a, version, lang, &d)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		page_error(r, l, 404, NULL);
		return;
	default:
		page_error(r, l, 503, NULL);
		return;
	}
	if (db_decl_list(web_db, r->a, &all, &n) == -1)
		n = 0;
	/* A published text never changes; the current one may. */
	req_header(r, "Cache-Control", version > 0 ?
	    "public, max-age=86400" : "no-cache");
	nl = strchr(d.text, '\n');
	page_begin(r, l, msg(l, MSG_DC_TITLE), 0, NAV_NONE);
	buf_printf(r->body, "<article class=\"declaration\" lang=\"%s\" "
	    "dir=\"%s\">\n<h1>", d.lang, strcmp(d.lang, "ar") == 0 ?
	    "rtl" : "ltr");
	html_escn(r->body, d.text, nl ? (size_t)(nl - d.text) :
	    strlen(d.text));
	page_raw(r, "</h1>\n");
	if (nl != NULL)
		decl_html(r->body, nl + 1);
	page_raw(r, "</article>\n");
	if (strcmp(d.lang, lang) != 0)
		page_elem(r, "p class=\"hint\"", l, MSG_DC_LANG_NOTE);
	page_raw(r, "<p class=\"hint\" id=\"declaration-meta\">");
	page_text(r, arena_printf(r->a, msg(l, MSG_DC_META_FMT), d.version,
	    web_when(r->a, l, d.published_at), d.sha256));
	page_raw(r, "</p>\n");
	page_raw(r, "<h2>");
	page_msg(r, l, MSG_DC_OTHER);
	page_raw(r, "</h2>\n<ul>\n");
	for (i = 0; i < n; i++) {
		if (i > 0 && all[i].version == all[i - 1].version)
			continue;
		buf_printf(r->body, "<li><a href=\"/declaration?version=%lld"
		    "&amp;lang=%s\">", all[i].version, lang);
		page_text(r, arena_printf(r->a, msg(l, MSG_DC_VERSION_FMT),
		    all[i].version));
		page_raw(r, "</a></li>\n");
	}
	page_raw(r, "</ul>\n");
	page_end(r, l);
}
