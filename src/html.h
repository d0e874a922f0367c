/*
 * html.h, of html.c: escaping for HTML text, attributes and URL queries.
 */
#ifndef HTML_H
#define HTML_H

#include "buf.h"

/* Text content and attribute values (double-quoted): & < > " ' escaped. */
void	html_esc(struct buf *, const char *);
void	html_escn(struct buf *, const char *, size_t);
/* A value for a URL query component: percent-encoded, then HTML-safe. */
void	html_urlenc(struct buf *, const char *);

#endif /* !HTML_H */
