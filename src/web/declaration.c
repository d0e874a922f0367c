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

#include "endorse.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "proof.h"
#include "web/web.h"

/* A single query value, or NULL; -1 if repeated or holding a NUL. */
static int
one_arg(struct req *r, const char *name, const char **out)
{
	const struct kv	*kv;
	size_t		 n;

	*out = NULL;
	kv = kvlist_get(&r->args, name, &n);
	if (kv == NULL || kv->valuesz == 0)
		return 0;
	if (n > 1 || strlen(kv->value) != kv->valuesz)
		return -1;
	*out = kv->value;
	return 0;
}

void
declaration_page(struct req *r, enum lang l)
{
	struct decl	 d, *all;
	const char	*vs, *ls, *lang = lang_code(l), *nl;
	long long	 version = 0;
	char		*end;
	size_t		 i, n;

	if (r->args_err != PARSE_OK || one_arg(r, "version", &vs) == -1 ||
	    one_arg(r, "lang", &ls) == -1) {
		page_error(r, l, 400, NULL);
		return;
	}
	if (vs != NULL) {
		if (vs[0] < '1' || vs[0] > '9' || strlen(vs) > 9 ||
		    (version = strtoll(vs, &end, 10), *end != '\0')) {
			page_error(r, l, 400, NULL);
			return;
		}
	}
	if (ls != NULL) {
		for (i = 0; langs[i] != NULL; i++)
			if (strcmp(langs[i], ls) == 0)
				break;
		if (langs[i] == NULL) {
			page_error(r, l, 400, NULL);
			return;
		}
		lang = langs[i];
	}
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
	    web_when(r->a, d.published_at), d.sha256));
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
