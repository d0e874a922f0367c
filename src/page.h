/*
 * page.h: HTML pages and forms, shared by the programs.  Everything a
 * page writes goes through these functions or html_esc: no value reaches
 * the page unescaped.  Include "config.h", "lang.h" and "server.h"
 * first.
 */
#ifndef PAGE_H
#define PAGE_H

#include "token.h"
#include "valid.h"

/* Where a page sits in the site's navigation (for aria-current). */
enum nav {
	NAV_NONE = 0,
	NAV_HOME,
	NAV_ENDORSE,
	/* The public lists */
	NAV_SIGNATORIES,
	NAV_COMMITMENTS
};

/* Trusted markup, written as is: literals of ours only. */
void	page_raw(struct req *, const char *);
/* A text, escaped. */
void	page_text(struct req *, const char *);
/* A message of the language table, escaped. */
void	page_msg(struct req *, enum lang, enum msg);
/* <tag>message</tag> with tag a literal such as "h2" or "p class=\"x\"". */
void	page_elem(struct req *, const char *tag, enum lang, enum msg);

/* A link of a navigation list; cur marks it as the page shown. */
void	page_nav_item(struct req *, enum lang, const char *href, enum msg,
	    int cur);

/*
 * A row of a <dl class="summary">: label and value ("Not given" if
 * empty); pre keeps the value's line breaks.
 */
void	page_summary_row(struct req *, enum lang, int pre, enum msg label,
	    const char *value);
/*
 * A row of a <dl class="summary"> with the drawn signature as inline SVG
 * (markup, not script: the Content-Security-Policy allows it).
 */
void	page_signature_row(struct req *, enum lang, const char *sig);

/*
 * The message beside a field in error, id NAME-error (for the control's
 * aria-describedby), with a hidden "Error: " for screen readers.  name is
 * ours, text is escaped.
 */
void	page_error_message(struct req *, enum lang, const char *name,
	    const char *text);

/*
 * From <!DOCTYPE> to the opening <body>: the head every page shares.
 * The title is plain text, with "Error: " before it when error is set and
 * the name of the site (the message site) after it unless it is that
 * name; extra is more head markup of ours (a literal), bodyclass the
 * body's classes; either may be NULL.
 */
void	page_head(struct req *, enum lang, const char *title, int error,
	    enum msg site, const char *extra, const char *bodyclass);

/* The document up to <main>; title is plain text, "Error: " put before
 * it when error is set.  Sets the security-related response headers. */
void	page_begin(struct req *, enum lang, const char *title, int error,
	    enum nav);
void	page_end(struct req *, enum lang);
/*
 * Every country, sorted by its name in l (lang_country), for a list to
 * choose from; NULL if out of memory.
 */
const struct country *const *page_countries(enum lang);
/* Text a person typed, escaped and isolated in <bdi>. */
void	page_bdi(struct req *, const char *);
/* A translated format with one %s, the value put in as by page_bdi. */
void	page_fmt_bdi(struct req *, const char *fmt, const char *value);
/* The language switcher (every frame puts it in its header). */
void	page_lang_switch(struct req *, enum lang);
/*
 * The language of a request (lang_negotiate over its query, its lang
 * cookie and its Accept-Language; recorded is a submission's lang or
 * NULL).  A lang given in the query is a choice: the answer sets the
 * lang cookie for a year (Secure when secure is set).  Every answer
 * says Content-Language and that it varies with the cookie and
 * Accept-Language.
 */
enum lang page_lang(struct req *, const char *recorded, int secure);
/* The base URL is https: cookies are Secure (set at start). */
extern int	page_secure;
/*
 * Seconds in a 503's Retry-After: the database's lock was held (a backup,
 * another writer) longer than a request may wait for it.
 */
#define RETRY_AFTER_BUSY	10
/* A whole error page for a status that has one in status.c's table (a
 * 500 page for any other); for 405 pass the Allow value; a 503 says when
 * to try again (Retry-After). */
void	page_error(struct req *, enum lang, int status, const char *allow);

/*
 * The state of one form on a page: its field definitions, what was
 * submitted (NULL on first display) and a message per field in error.
 */
struct fieldui {
	enum msg	 label;
	enum msg	 hint;		/* MSG__MAX: none */
	enum msg	 missing;	/* MSG__MAX: the generic message */
	const char	*type;		/* input type, "text" ... */
	const char	*autocomplete;	/* NULL: none */
	const enum msg	*choice_labels;	/* FT_CHOICE: per choice;
					 * FT_COUNTRY: the empty one */
};

struct form {
	struct req		*r;
	enum lang		 lang;
	const struct fielddef	*defs;
	const struct fieldui	*ui;
	size_t			 ndefs;
	const struct fieldval	*vals;	/* NULL: nothing submitted */
	const char		**errs;	/* ndefs messages or NULLs */
	size_t			 nerrs;
};

/*
 * Set up a form for a page: its definitions, what was submitted (NULL on
 * first display), and the messages of its errors.  -1 out of memory.
 */
int	form_init(struct form *, struct req *, enum lang,
	    const struct fielddef *, const struct fieldui *, size_t ndefs,
	    const struct fieldval *vals);
/* Turn the validation errors into messages a person understands. */
int	form_messages(struct form *);
/* Set a message by hand (a rule across fields). */
void	form_set_error(struct form *, size_t field, const char *message);
void	form_error_summary(const struct form *);
void	form_input(const struct form *, size_t field);
void	form_textarea(const struct form *, size_t field);
void	form_radios(const struct form *, size_t field);
void	form_country(const struct form *, size_t field);
void	form_checkbox(const struct form *, size_t field);
/* The submit button; the form token's error summary link lands on it. */
void	form_submit(const struct form *, enum msg label);
/* Hidden csrf, form_token and lang fields. */
void	form_hidden(const struct form *, const char *csrf,
	    const char *form_token);

/*
 * 32-byte hash of every field but csrf and form_token, in definition
 * order: what "the same fields" means for a resent form.
 */
void	form_hash(const struct fielddef *, size_t, const struct fieldval *,
	    unsigned char out[32]);

/*
 * The CSRF cookie of this request, or a new one (and a Set-Cookie) if it
 * has none; the value for the form's hidden field goes into field.
 */
void	csrf_prepare(struct req *, const unsigned char key[SECRET_LEN],
	    int secure, char field[B64_TOKEN_LEN + 1]);
/*
 * 1 if the POST's csrf field matches its cookie.  Reads the field from
 * the raw body so that a malformed body is still a 403 first.
 */
int	csrf_ok(struct req *, const unsigned char key[SECRET_LEN],
	    const char *body, size_t bodysz);
/*
 * 1 if the POST's csrf field is csrf_field_bound(key, label, value): a
 * field bound to a secret of the server's (an admin session), whatever
 * cookies the request carries.  value NULL: 0.
 */
int	csrf_ok_bound(const unsigned char key[SECRET_LEN], const char *label,
	    const char *value, const char *body, size_t bodysz);

/* An error page with a title and text of its own (a 409 that
 * says why), as page_error otherwise. */
void	page_notice(struct req *, enum lang, int status, enum msg title,
	    enum msg text);

#endif /* !PAGE_H */
