/*
 * page.c: the frame of every page, error pages, and the form widgets.
 * The markup follows the error-summary and field patterns of public
 * sector design systems: a label tied to each input, hints and errors
 * linked by aria-describedby, the summary focusable and first on the page.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "signature.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "status.h"
#include "assets.h"

void
page_raw(struct req *r, const char *s)
{
	buf_puts(r->body, s);
}

void
page_text(struct req *r, const char *s)
{
	html_esc(r->body, s != NULL ? s : "");
}

/*
 * A value a person typed, isolated: a Latin name in an Arabic sentence
 * (or the reverse) keeps its own direction and cannot reorder the text
 * around it.
 */
void
page_bdi(struct req *r, const char *s)
{
	page_raw(r, "<bdi>");
	page_text(r, s);
	page_raw(r, "</bdi>");
}

/* A translated format with one %s: the text escaped, the value in <bdi>. */
void
page_fmt_bdi(struct req *r, const char *fmt, const char *value)
{
	const char	*at = strstr(fmt, "%s");

	if (at == NULL) {
		page_text(r, fmt);
		return;
	}
	html_escn(r->body, fmt, (size_t)(at - fmt));
	page_bdi(r, value);
	page_text(r, at + 2);
}

void
page_msg(struct req *r, enum lang l, enum msg m)
{
	html_esc(r->body, msg(l, m));
}

void
page_elem(struct req *r, const char *tag, enum lang l, enum msg m)
{
	const char	*sp;

	buf_printf(r->body, "<%s>", tag);
	page_msg(r, l, m);
	/* The closing tag is the opening one up to its first space. */
	sp = strchr(tag, ' ');
	buf_printf(r->body, "</%.*s>\n",
	    (int)(sp ? (size_t)(sp - tag) : strlen(tag)), tag);
}

void
page_nav_item(struct req *r, enum lang l, const char *href, enum msg m,
    int cur)
{
	buf_printf(r->body, "<li><a href=\"%s\"%s>", href,
	    cur ? " aria-current=\"page\"" : "");
	page_msg(r, l, m);
	page_raw(r, "</a></li>");
}

/* page_head, with a <meta name="description"> unless desc is MSG__MAX. */
static void
head(struct req *r, enum lang l, const char *title, int error,
    enum msg site, enum msg desc, const char *extra, const char *bodyclass)
{
	buf_printf(r->body, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n"
	    "<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", lang_code(l), lang_dir(l));
	req_header(r, "Content-Language", "%s", lang_code(l));
	req_header(r, "Vary", "Accept-Language, Cookie");
	if (error)
		page_msg(r, l, MSG_ERROR_PREFIX);
	page_text(r, title);
	if (strcmp(title, msg(l, site)) != 0) {
		page_raw(r, " – ");
		page_msg(r, l, site);
	}
	/* Content-hashed names (src/assets.h, made from www/ by make):
	 * nginx sends them as immutable, so they are asked for once. */
	page_raw(r, "</title>\n"
	    "<link rel=\"stylesheet\" href=\"" ASSET_STYLE_CSS "\">\n"
	    "<link rel=\"icon\" href=\"" ASSET_FAVICON_SVG "\" "
	    "type=\"image/svg+xml\">\n");
	if (desc != MSG__MAX) {
		page_raw(r, "<meta name=\"description\" content=\"");
		page_msg(r, l, desc);
		page_raw(r, "\">\n");
	}
	page_raw(r, extra != NULL ? extra : "");
	if (bodyclass != NULL)
		buf_printf(r->body, "</head>\n<body class=\"%s\">\n",
		    bodyclass);
	else
		page_raw(r, "</head>\n<body>\n");
}

void
page_head(struct req *r, enum lang l, const char *title, int error,
    enum msg site, const char *extra, const char *bodyclass)
{
	head(r, l, title, error, site, MSG__MAX, extra, bodyclass);
}

void
page_begin(struct req *r, enum lang l, const char *title, int error,
    enum nav nav)
{
	enum msg	 desc = MSG__MAX;

	/* The public pages say what they are to search engines; the pages
	 * of one submission are kept out of them (nginx: X-Robots-Tag). */
	switch (nav) {
	case NAV_HOME:		desc = MSG_DESC_HOME; break;
	case NAV_ENDORSE:	desc = MSG_DESC_ENDORSE; break;
	case NAV_SIGNATORIES:	desc = MSG_DESC_SIGNATORIES; break;
	case NAV_COMMITMENTS:	desc = MSG_DESC_COMMITMENTS; break;
	case NAV_NONE:		break;
	}
	head(r, l, title, error, MSG_SITE_NAME, desc, NULL, NULL);
	page_raw(r, "<a class=\"skip-link\" href=\"#main\">");
	page_msg(r, l, MSG_SKIP_LINK);
	page_raw(r, "</a>\n<header class=\"site-header\"><div class=\"wrap\">"
	    "<a class=\"site-name\" href=\"/\">");
	page_msg(r, l, MSG_SITE_NAME);
	page_raw(r, "</a>\n<nav aria-label=\"");
	page_msg(r, l, MSG_NAV_LABEL);
	page_raw(r, "\"><ul>");
	page_nav_item(r, l, "/", MSG_NAV_HOME, nav == NAV_HOME);
	page_nav_item(r, l, "/endorse", MSG_NAV_ENDORSE,
	    nav == NAV_ENDORSE);
	/* The public lists */
	page_nav_item(r, l, "/signatories", MSG_NAV_SIGNATORIES,
	    nav == NAV_SIGNATORIES);
	page_nav_item(r, l, "/commitments", MSG_NAV_COMMITMENTS,
	    nav == NAV_COMMITMENTS);
	page_raw(r, "</ul></nav>\n");
	page_lang_switch(r, l);
	page_raw(r, "</div></header>\n"
	    "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
}

int	page_secure;

/* The value of the only pair of that name, or NULL. */
static const char *
kv_only(const struct kvlist *list, const char *name)
{
	const struct kv	*kv;
	size_t		 n;

	kv = kvlist_get(list, name, &n);
	return kv != NULL && n == 1 ? kv->value : NULL;
}

enum lang
page_lang(struct req *r, const char *recorded, int secure)
{
	enum lang_src	 src;
	enum lang	 l;

	l = lang_negotiate(kv_only(&r->args, "lang"),
	    kv_only(&r->cookies, "lang"), recorded, r->accept_language, &src);
	if (src == LSRC_QUERY && recorded == NULL)
		req_header(r, "Set-Cookie", "lang=%s; Path=/; Max-Age=31536000; "
		    "SameSite=Lax%s", lang_code(l),
		    secure ? "; Secure" : "");
	return l;
}

/* A decoded path back into a URL: each segment percent-encoded. */
static void
path_enc(struct buf *b, const char *path)
{
	char	 seg[2] = { 0, 0 };

	for (; *path != '\0'; path++) {
		if (*path == '/') {
			buf_putc(b, '/');
			continue;
		}
		seg[0] = *path;
		html_urlenc(b, seg);
	}
}

/*
 * The language switcher: a link to this same page in each language,
 * its path and every query parameter kept but lang, which it sets.  The
 * answer to a lang in the query sets the lang cookie, so the choice holds
 * on the next pages.  Each name is in its own language (lang, dir).
 */
void
page_lang_switch(struct req *r, enum lang cur)
{
	struct buf	*b = r->body;
	size_t		 i;
	int		 l;

	page_raw(r, "<nav class=\"langs\" aria-label=\"");
	page_msg(r, cur, MSG_LANG_NAV);
	page_raw(r, "\"><ul>");
	for (l = 0; l < LANG__MAX; l++) {
		buf_printf(b, "<li><a lang=\"%s\" dir=\"%s\" hreflang=\"%s\" "
		    "href=\"", lang_code((enum lang)l), lang_dir((enum lang)l),
		    lang_code((enum lang)l));
		path_enc(b, r->path);
		page_raw(r, "?");
		for (i = 0; i < r->args.nkv; i++) {
			if (strcmp(r->args.kv[i].name, "lang") == 0)
				continue;
			html_urlenc(b, r->args.kv[i].name);
			page_raw(r, "=");
			html_urlenc(b, r->args.kv[i].value);
			page_raw(r, "&amp;");
		}
		buf_printf(b, "lang=%s\"%s>", lang_code((enum lang)l),
		    l == (int)cur ? " aria-current=\"true\"" : "");
		page_text(r, lang_name((enum lang)l));
		page_raw(r, "</a></li>");
	}
	page_raw(r, "</ul></nav>\n");
}

void
page_end(struct req *r, enum lang l)
{
	page_raw(r, "</main>\n<footer class=\"site-footer\"><div class=\"wrap\">");
	page_elem(r, "p", l, MSG_FOOTER);
	page_elem(r, "p", l, MSG_FOOTER_PRIVACY);
	page_raw(r, "</div></footer>\n</body>\n</html>\n");
}

void
page_error(struct req *r, enum lang l, int status, const char *allow)
{
	const struct http_status	*st = http_status(status);
	enum msg			 title, text;

	if (st == NULL || st->title == MSG__MAX)
		st = http_status(500);
	status = st->code;
	title = st->title;
	text = st->text;
	/* A half-written page is thrown away, headers included. */
	buf_reset(r->hdr);
	buf_reset(r->body);
	r->status = status;
	r->content_type_out = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", "no-store");
	if (allow != NULL)
		req_header(r, "Allow", "%s", allow);
	if (status == 503)
		req_header(r, "Retry-After", "%d", RETRY_AFTER_BUSY);
	page_begin(r, l, msg(l, title), 1, NAV_NONE);
	page_elem(r, "h1", l, title);
	page_elem(r, "p", l, text);
	page_raw(r, "<p><a href=\"/\">");
	page_msg(r, l, MSG_BACK_HOME);
	page_raw(r, "</a></p>\n");
	page_end(r, l);
}

void
page_summary_row(struct req *r, enum lang l, int pre, enum msg label,
    const char *value)
{
	page_raw(r, "<div class=\"summary-row\"><dt>");
	page_msg(r, l, label);
	page_raw(r, pre ? "</dt><dd><div class=\"pre\">" : "</dt><dd>");
	if (value == NULL || *value == '\0')
		page_msg(r, l, MSG_RCPT_NONE);
	else
		page_bdi(r, value);
	page_raw(r, pre ? "</div></dd></div>\n" : "</dd></div>\n");
}

void
page_signature_row(struct req *r, enum lang l, const char *sig)
{
	page_raw(r, "<div class=\"summary-row\"><dt>");
	page_msg(r, l, MSG_RCPT_SIGNATURE);
	page_raw(r, "</dt><dd class=\"signature-row\">"
	    "<span class=\"visually-hidden\">");
	page_msg(r, l, MSG_RCPT_SIGNATURE_ALT);
	page_raw(r, "</span>");
	if (sig_svg(r->body, sig) == -1)
		page_msg(r, l, MSG_RCPT_NONE);
	page_raw(r, "</dd></div>\n");
}

void
page_error_message(struct req *r, enum lang l, const char *name,
    const char *text)
{
	buf_printf(r->body, "<p class=\"error-message\" id=\"%s-error\">"
	    "<span class=\"visually-hidden\">", name);
	page_msg(r, l, MSG_ERROR_PREFIX);
	page_raw(r, "</span>");
	page_text(r, text);
	page_raw(r, "</p>\n");
}

/* ---- forms ---------------------------------------------------------- */

/* The message for one validation error, in the arena. */
static const char *
error_text(const struct form *f, size_t i)
{
	const struct fieldui	*u = &f->ui[i];
	const char		*label = msg(f->lang, u->label);
	enum lang		 l = f->lang;

	switch (f->vals[i].err) {
	case VERR_OK:
		return NULL;
	case VERR_MISSING:
		if (u->missing != MSG__MAX)
			return msg(l, u->missing);
		return arena_printf(f->r->a, msg(l, MSG_ERR_MISSING_FMT),
		    label);
	case VERR_REPEATED:
		return arena_printf(f->r->a, msg(l, MSG_ERR_REPEATED_FMT),
		    label);
	case VERR_UTF8:
		return arena_printf(f->r->a, msg(l, MSG_ERR_UTF8_FMT), label);
	case VERR_CONTROL:
		return arena_printf(f->r->a, msg(l, MSG_ERR_CONTROL_FMT),
		    label);
	case VERR_INVISIBLE:
		return arena_printf(f->r->a, msg(l, MSG_ERR_INVISIBLE_FMT),
		    label);
	case VERR_TOO_LONG:
		return arena_printf(f->r->a, msg(l, MSG_ERR_TOO_LONG_FMT),
		    label, f->defs[i].maxchars);
	case VERR_CHOICE:
	case VERR_NUMBER:	/* an id: chosen from a list in a form */
		return arena_printf(f->r->a, msg(l, MSG_ERR_CHOICE_FMT),
		    label);
	case VERR_EMAIL:
		return msg(l, MSG_ERR_EMAIL);
	case VERR_COUNTRY:
		return msg(l, MSG_ERR_COUNTRY);
	case VERR_DATE:
		return arena_printf(f->r->a, msg(l, MSG_ERR_DATE_FMT), label);
	case VERR_SDG:
		return msg(l, MSG_ERR_SDG);
	case VERR_SIGNATURE:
		return msg(l, MSG_ERR_SIGNATURE);
	case VERR_TOKEN:
	default:
		return msg(l, MSG_ERR_TOKEN);
	}
}

int
form_init(struct form *f, struct req *r, enum lang l,
    const struct fielddef *defs, const struct fieldui *ui, size_t ndefs,
    const struct fieldval *vals)
{
	memset(f, 0, sizeof(*f));
	f->r = r;
	f->lang = l;
	f->defs = defs;
	f->ui = ui;
	f->ndefs = ndefs;
	f->vals = vals;
	return form_messages(f);
}

int
form_messages(struct form *f)
{
	size_t	i;

	f->errs = arena_calloc(f->r->a, f->ndefs, sizeof(*f->errs));
	if (f->errs == NULL)
		return -1;
	f->nerrs = 0;
	for (i = 0; i < f->ndefs && f->vals != NULL; i++)
		if (f->vals[i].err != VERR_OK) {
			f->errs[i] = error_text(f, i);
			f->nerrs++;
		}
	return 0;
}

void
form_set_error(struct form *f, size_t i, const char *message)
{
	if (f->errs[i] == NULL)
		f->nerrs++;
	f->errs[i] = message;
}

/* The id a link in the error summary goes to: the field's first control. */
static const char *
field_id(const struct form *f, size_t i)
{
	return f->defs[i].name;
}

void
form_error_summary(const struct form *f)
{
	struct req	*r = f->r;
	size_t		 i;

	if (f->nerrs == 0)
		return;
	page_raw(r, "<div class=\"error-summary\" id=\"error-summary\" "
	    "role=\"alert\" tabindex=\"-1\" autofocus "
	    "aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">");
	page_msg(r, f->lang, MSG_ERR_SUMMARY_H);
	page_raw(r, "</h2>\n<ul>\n");
	for (i = 0; i < f->ndefs; i++) {
		if (f->errs[i] == NULL)
			continue;
		buf_printf(r->body, "<li><a href=\"#%s\">", field_id(f, i));
		page_text(r, f->errs[i]);
		page_raw(r, "</a></li>\n");
	}
	page_raw(r, "</ul>\n</div>\n");
}

/* What to show in the control: what was typed, or nothing. */
static const char *
shown(const struct form *f, size_t i)
{
	if (f->vals == NULL || !f->vals[i].present)
		return "";
	return f->vals[i].value;
}

static void	described_by(const struct form *, size_t);

/*
 * The opening of a field: its group, label or legend, hint and error.
 * "legend" puts it in a fieldset (radios); else a label for the control.
 */
static void
field_open(const struct form *f, size_t i, int legend)
{
	struct req		*r = f->r;
	const struct fieldui	*u = &f->ui[i];
	const char		*name = f->defs[i].name;

	buf_printf(r->body, "<div class=\"field%s\">\n",
	    f->errs && f->errs[i] ? " field-error" : "");
	if (legend) {
		page_raw(r, "<fieldset");
		described_by(f, i);
		page_raw(r, ">\n<legend>");
		page_msg(r, f->lang, u->label);
		page_raw(r, "</legend>\n");
	} else if (f->defs[i].type != FT_CHECKBOX) {
		buf_printf(r->body, "<label for=\"%s\">", name);
		page_msg(r, f->lang, u->label);
		page_raw(r, "</label>\n");
	}
	if (u->hint != MSG__MAX && *msg(f->lang, u->hint) != '\0' &&
	    f->defs[i].type != FT_CHECKBOX) {
		buf_printf(r->body, "<p class=\"hint\" id=\"%s-hint\">", name);
		page_msg(r, f->lang, u->hint);
		page_raw(r, "</p>\n");
	}
	if (f->errs && f->errs[i])
		page_error_message(r, f->lang, name, f->errs[i]);
}

/* aria-describedby for a control: its hint and its error, if any. */
static void
described_by(const struct form *f, size_t i)
{
	const char	*name = f->defs[i].name;
	int		 hint, err;

	hint = f->ui[i].hint != MSG__MAX && *msg(f->lang, f->ui[i].hint);
	err = f->errs && f->errs[i];
	if (!hint && !err)
		return;
	buf_printf(f->r->body, " aria-describedby=\"");
	if (hint)
		buf_printf(f->r->body, "%s-hint", name);
	if (err)
		buf_printf(f->r->body, "%s%s-error", hint ? " " : "", name);
	buf_putc(f->r->body, '"');
}

void
form_input(const struct form *f, size_t i)
{
	struct req	*r = f->r;
	const char	*name = f->defs[i].name;

	field_open(f, i, 0);
	buf_printf(r->body, "<input class=\"input%s\" id=\"%s\" name=\"%s\" "
	    "type=\"%s\"", f->errs && f->errs[i] ? " input-error" : "",
	    name, name, f->ui[i].type ? f->ui[i].type : "text");
	if (f->ui[i].autocomplete != NULL)
		buf_printf(r->body, " autocomplete=\"%s\"",
		    f->ui[i].autocomplete);
	/* What a person types takes its own direction (a Latin name on an
	 * Arabic page); an address always reads left to right. */
	if (f->ui[i].type != NULL && strcmp(f->ui[i].type, "email") == 0)
		page_raw(r, " spellcheck=\"false\" dir=\"ltr\"");
	else if (f->ui[i].type == NULL || strcmp(f->ui[i].type, "text") == 0)
		page_raw(r, " dir=\"auto\"");
	if (f->errs && f->errs[i])
		page_raw(r, " aria-invalid=\"true\"");
	described_by(f, i);
	page_raw(r, " value=\"");
	page_text(r, shown(f, i));
	page_raw(r, "\">\n</div>\n");
}

void
form_textarea(const struct form *f, size_t i)
{
	struct req	*r = f->r;
	const char	*name = f->defs[i].name;

	field_open(f, i, 0);
	buf_printf(r->body, "<textarea class=\"textarea%s\" id=\"%s\" "
	    "name=\"%s\" rows=\"6\" dir=\"auto\"", f->errs && f->errs[i] ?
	    " input-error" : "", name, name);
	if (f->errs && f->errs[i])
		page_raw(r, " aria-invalid=\"true\"");
	described_by(f, i);
	page_raw(r, ">");
	page_text(r, shown(f, i));
	page_raw(r, "</textarea>\n</div>\n");
}

void
form_radios(const struct form *f, size_t i)
{
	struct req		*r = f->r;
	const struct fielddef	*d = &f->defs[i];
	const char		*cur = shown(f, i), *id;
	size_t			 c;

	field_open(f, i, 1);
	page_raw(r, "<div class=\"radios\">\n");
	for (c = 0; d->choices[c] != NULL; c++) {
		/* The first radio carries the field's id: the summary's
		 * link lands on it. */
		id = c == 0 ? d->name :
		    arena_printf(r->a, "%s-%s", d->name, d->choices[c]);
		buf_printf(r->body, "<div class=\"radio\"><input id=\"%s\" "
		    "name=\"%s\" type=\"radio\" value=\"%s\"%s><label "
		    "for=\"%s\">", id, d->name, d->choices[c],
		    strcmp(cur, d->choices[c]) == 0 ? " checked" : "", id);
		page_msg(r, f->lang, f->ui[i].choice_labels[c]);
		page_raw(r, "</label></div>\n");
	}
	page_raw(r, "</div>\n</fieldset>\n</div>\n");
}

/* The language of the sort under way (qsort takes no context). */
static enum lang	sort_lang;

static int
country_cmp(const void *a, const void *b)
{
	const struct country	*x = *(const struct country *const *)a;
	const struct country	*y = *(const struct country *const *)b;
	int			 c;

	c = lang_collate(sort_lang, lang_country(sort_lang, x),
	    lang_country(sort_lang, y));
	return c != 0 ? c : strcmp(x->code, y->code);
}

/*
 * The countries by the name shown in l, sorted once per process and
 * language; NULL if out of memory.
 */
const struct country *const *
page_countries(enum lang l)
{
	static const struct country	**sorted[LANG__MAX];
	size_t				  c;

	if ((unsigned)l >= LANG__MAX)
		l = LANG_EN;
	if (sorted[l] != NULL)
		return sorted[l];
	/* An array of pointers: sizeof(**sorted) is a pointer's size. */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	if ((sorted[l] = calloc(ncountries, sizeof(**sorted))) == NULL)
		return NULL;
	for (c = 0; c < ncountries; c++)
		sorted[l][c] = &countries[c];
	sort_lang = l;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	qsort(sorted[l], ncountries, sizeof(**sorted), country_cmp);
	return sorted[l];
}

void
form_country(const struct form *f, size_t i)
{
	struct req			 *r = f->r;
	const char			 *name = f->defs[i].name;
	const char			 *cur = shown(f, i);
	const struct country *const	 *byname = page_countries(f->lang);
	const struct country		 *k;
	size_t				  c;

	field_open(f, i, 0);
	buf_printf(r->body, "<select class=\"select%s\" id=\"%s\" name=\"%s\" "
	    "autocomplete=\"%s\"", f->errs && f->errs[i] ?
	    " input-error" : "", name, name, f->ui[i].autocomplete != NULL ?
	    f->ui[i].autocomplete : "country");
	if (f->errs && f->errs[i])
		page_raw(r, " aria-invalid=\"true\"");
	described_by(f, i);
	page_raw(r, ">\n<option value=\"\">");
	/* choice_labels[0], if given, names the empty choice ("Any"). */
	page_msg(r, f->lang, f->ui[i].choice_labels != NULL ?
	    f->ui[i].choice_labels[0] : MSG_F_COUNTRY_CHOOSE);
	page_raw(r, "</option>\n");
	for (c = 0; c < ncountries; c++) {
		k = byname != NULL ? byname[c] : &countries[c];
		buf_printf(r->body, "<option value=\"%s\"%s>", k->code,
		    strcmp(cur, k->code) == 0 ? " selected" : "");
		page_text(r, lang_country(f->lang, k));
		page_raw(r, "</option>\n");
	}
	page_raw(r, "</select>\n</div>\n");
}

void
form_checkbox(const struct form *f, size_t i)
{
	struct req	*r = f->r;
	const char	*name = f->defs[i].name;
	int		 on = f->vals != NULL && f->vals[i].present;

	field_open(f, i, 0);
	buf_printf(r->body, "<div class=\"checkbox\"><input id=\"%s\" "
	    "name=\"%s\" type=\"checkbox\" value=\"yes\"%s", name, name,
	    on ? " checked" : "");
	if (f->errs && f->errs[i])
		page_raw(r, " aria-invalid=\"true\"");
	described_by(f, i);
	buf_printf(r->body, "><label for=\"%s\">", name);
	page_msg(r, f->lang, f->ui[i].label);
	page_raw(r, "</label></div>\n");
	if (f->ui[i].hint != MSG__MAX) {
		buf_printf(r->body, "<p class=\"hint checkbox-hint\" "
		    "id=\"%s-hint\">", name);
		page_msg(r, f->lang, f->ui[i].hint);
		page_raw(r, "</p>\n");
	}
	page_raw(r, "</div>\n");
}

void
form_hidden(const struct form *f, const char *csrf, const char *form_token)
{
	buf_printf(f->r->body, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<input type=\"hidden\" name=\"form_token\" "
	    "value=\"", csrf);
	page_text(f->r, form_token);
	buf_printf(f->r->body, "\">\n<input type=\"hidden\" name=\"lang\" "
	    "value=\"%s\">\n", lang_code(f->lang));
}

void
form_submit(const struct form *f, enum msg label)
{
	/* The form token's error links here: the fix is to send again. */
	page_raw(f->r, "<button class=\"button\" type=\"submit\" "
	    "id=\"form_token\">");
	page_msg(f->r, f->lang, label);
	page_raw(f->r, "</button>\n");
}

void
form_hash(const struct fielddef *defs, size_t n, const struct fieldval *v,
    unsigned char out[32])
{
	crypto_generichash_state	st;
	size_t				i;
	unsigned char			present;

	crypto_generichash_init(&st, NULL, 0, 32);
	for (i = 0; i < n; i++) {
		if (strcmp(defs[i].name, "csrf") == 0 ||
		    strcmp(defs[i].name, "form_token") == 0)
			continue;
		/* name NUL present value NUL: no two forms hash alike. */
		present = (unsigned char)(v[i].present != 0);
		crypto_generichash_update(&st, (const unsigned char *)
		    defs[i].name, strlen(defs[i].name) + 1);
		crypto_generichash_update(&st, &present, 1);
		crypto_generichash_update(&st, (const unsigned char *)
		    v[i].value, v[i].valuesz);
		crypto_generichash_update(&st, (const unsigned char *)"", 1);
	}
	crypto_generichash_final(&st, out, 32);
}

/* A CSRF cookie value looks like one of ours: 43 base64url characters. */
static int
csrf_cookie_shape(const char *v)
{
	size_t	i;

	for (i = 0; v[i] != '\0'; i++)
		if (!((v[i] >= 'A' && v[i] <= 'Z') ||
		    (v[i] >= 'a' && v[i] <= 'z') ||
		    (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '_'))
			return 0;
	return i == B64_TOKEN_LEN;
}

void
csrf_prepare(struct req *r, const unsigned char key[SECRET_LEN], int secure,
    char field[B64_TOKEN_LEN + 1])
{
	const struct kv	*c = kvlist_get(&r->cookies, "csrf", NULL);
	char		 fresh[B64_TOKEN_LEN + 1];
	const char	*cookie;

	if (c != NULL && csrf_cookie_shape(c->value))
		cookie = c->value;
	else {
		token_random(fresh);
		cookie = fresh;
		/* A session cookie: it ends with the browser session. */
		req_header(r, "Set-Cookie", "csrf=%s; Path=/; HttpOnly; "
		    "SameSite=Strict%s", fresh, secure ? "; Secure" : "");
	}
	csrf_field(key, cookie, field);
}

/*
 * The single csrf= field of a raw body into field: 1, or 0 if it is
 * missing, sent twice or not of the field's shape.  The value is
 * base64url, which needs no %-escapes: find "csrf=" as a whole pair
 * without parsing the rest of the body, so that a malformed body is
 * still a 403 first.
 */
static int
csrf_body_field(const char *body, size_t bodysz,
    char field[B64_TOKEN_LEN + 1])
{
	const char	*p = body, *end = body + bodysz, *amp;
	size_t		 len;
	int		 found = 0;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		len = (size_t)((amp ? amp : end) - p);
		if (len > 5 && memcmp(p, "csrf=", 5) == 0) {
			if (found || len - 5 != B64_TOKEN_LEN)
				return 0;
			memcpy(field, p + 5, B64_TOKEN_LEN);
			field[B64_TOKEN_LEN] = '\0';
			found = 1;
		} else if (len >= 4 && memcmp(p, "csrf", 4) == 0 &&
		    (len == 4 || p[4] == '='))
			return 0;
		p += len + 1;
	}
	return found;
}

int
csrf_ok(struct req *r, const unsigned char key[SECRET_LEN], const char *body,
    size_t bodysz)
{
	const struct kv	*c = kvlist_get(&r->cookies, "csrf", NULL);
	char		 field[B64_TOKEN_LEN + 1];

	if (c == NULL || !csrf_cookie_shape(c->value))
		return 0;
	return csrf_body_field(body, bodysz, field) &&
	    csrf_check(key, c->value, field);
}

int
csrf_ok_bound(const unsigned char key[SECRET_LEN], const char *label,
    const char *value, const char *body, size_t bodysz)
{
	char	field[B64_TOKEN_LEN + 1];

	return value != NULL && csrf_body_field(body, bodysz, field) &&
	    csrf_check_bound(key, label, value, field);
}

/* ---- notices ------------------------------------------------------------ */

void
page_notice(struct req *r, enum lang l, int status, enum msg title,
    enum msg text)
{
	buf_reset(r->hdr);
	buf_reset(r->body);
	r->status = status;
	r->content_type_out = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", "no-store");
	page_begin(r, l, msg(l, title), 1, NAV_NONE);
	page_elem(r, "h1", l, title);
	page_elem(r, "p", l, text);
	page_raw(r, "<p><a href=\"/\">");
	page_msg(r, l, MSG_BACK_HOME);
	page_raw(r, "</a></p>\n");
	page_end(r, l);
}
