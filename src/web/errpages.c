/*
 * errpages.c: writes nginx's own error pages (413, 429, 502), one per
 * language, from the same catalogs as the programs: DIR/STATUS.LL.html.
 * nginx answers these without asking endorse-web (a body too big, the
 * rate limit, the programs down), so they are files; make builds them,
 * and nginx.conf picks one by the lang query, the lang cookie or the
 * first language of Accept-Language.
 *
 * usage: errpages LOCALEDIR DIR
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "buf.h"
#include "html.h"
#include "lang.h"

static const struct {
	int		 status;
	enum msg	 title, body;
} pages[] = {
	{ 413, MSG_E413_TITLE, MSG_E413_STATIC_BODY },
	{ 429, MSG_E429_TITLE, MSG_E429_BODY },
	{ 502, MSG_E503_TITLE, MSG_E502_BODY },
};

static void
text(struct buf *b, enum lang l, enum msg m)
{
	html_esc(b, msg(l, m));
}

static int
write_page(const char *dir, size_t i, enum lang l)
{
	struct buf	 b;
	char		 path[4096];
	FILE		*f;
	int		 rc = 0;

	memset(&b, 0, sizeof(b));
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    lang_code(l), lang_dir(l));
	text(&b, l, MSG_ERROR_PREFIX);
	text(&b, l, pages[i].title);
	buf_puts(&b, " – ");
	text(&b, l, MSG_SITE_NAME);
	buf_puts(&b, "</title>\n<link rel=\"stylesheet\" href=\"" ASSET_STYLE_CSS
	    "\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
	text(&b, l, MSG_SKIP_LINK);
	buf_puts(&b, "</a>\n<header class=\"site-header\"><div class=\"wrap\">"
	    "<a class=\"site-name\" href=\"/\">");
	text(&b, l, MSG_SITE_NAME);
	buf_puts(&b, "</a></div></header>\n<main id=\"main\" class=\"wrap\" "
	    "tabindex=\"-1\">\n<h1>");
	text(&b, l, pages[i].title);
	buf_puts(&b, "</h1>\n<p>");
	text(&b, l, pages[i].body);
	buf_puts(&b, "</p>\n<p><a href=\"/\">");
	text(&b, l, MSG_BACK_HOME);
	buf_puts(&b, "</a></p>\n</main>\n</body>\n</html>\n");
	if (b.oom)
		return -1;
	snprintf(path, sizeof(path), "%s/%d.%s.html", dir, pages[i].status,
	    lang_code(l));
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(b.p, 1, b.len, f) != b.len)
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == -1)
		perror(path);
	buf_free(&b);
	return rc;
}

int
main(int argc, char *argv[])
{
	size_t	 i;
	int	 l;

	if (argc != 3) {
		fprintf(stderr, "usage: errpages LOCALEDIR DIR\n");
		return 2;
	}
	lang_init(argv[1]);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		for (l = 0; l < LANG__MAX; l++)
			if (write_page(argv[2], i, (enum lang)l) == -1)
				return 1;
	return 0;
}
