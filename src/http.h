/*
 * http.h, of http.c: parsing what comes off the wire: urlencoded forms and
 * queries, the Cookie header, the form Content-Type.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>
#include "arena.h"

/*
 * One decoded name/value pair.  Both are NUL-terminated for convenience,
 * but a value may hold an embedded NUL (from %00), so its true length is
 * valuesz; validators refuse values whose strlen differs from valuesz.
 */
struct kv {
	const char	*name;
	size_t		 namesz;
	const char	*value;
	size_t		 valuesz;
};

struct kvlist {
	struct kv	*kv;
	size_t		 nkv;
};

enum parse_err {
	PARSE_OK = 0,
	PARSE_MALFORMED,	/* a broken %-escape, a pair without a name */
	PARSE_TOO_MANY,		/* more than the allowed number of pairs */
	PARSE_NOMEM
};

#define HTTP_MAX_FIELDS	200

/*
 * application/x-www-form-urlencoded (a query string or a body): pairs split
 * on '&', name and value on the first '=', '+' is a space, %XX decoded.
 * Empty segments ("a=1&&b=2") are skipped.  A pair with no '=' is a name
 * with an empty value.  Output lives in the arena.
 */
enum parse_err	http_parse_urlencoded(struct arena *, const char *in,
		    size_t insz, size_t maxfields, struct kvlist *out);
/*
 * A query string: as http_parse_urlencoded, and PARSE_MALFORMED if a
 * name or a value holds a NUL (%00).  A query is read as C strings (a
 * filter, a page number), where a NUL would cut the value short; a form
 * body keeps its NULs for the field rules to refuse with a message.
 */
enum parse_err	http_parse_query(struct arena *, const char *in,
		    size_t insz, size_t maxfields, struct kvlist *out);
/*
 * The Cookie header: "a=1; b=2".  Values are taken as they are (no
 * %-decoding); surrounding double quotes are removed.  Pairs that are
 * malformed are skipped, never fatal: a browser may hold cookies set by
 * other software on the same host.
 */
enum parse_err	http_parse_cookies(struct arena *, const char *header,
		    struct kvlist *out);
/* First pair of that name, or NULL; *count (if not NULL) gets how many. */
const struct kv	*kvlist_get(const struct kvlist *, const char *name,
		    size_t *count);
/*
 * 1 if the Content-Type is application/x-www-form-urlencoded, with no
 * parameter or only charset=utf-8 (any case, optional quotes, spaces).
 */
int		 http_is_form_type(const char *content_type);
/*
 * 1 if an Accept-Encoding header (NULL: none) takes gzip: "gzip" or
 * "x-gzip" listed with a q above zero.
 */
int		 http_accepts_gzip(const char *accept_encoding);

#endif /* !HTTP_H */
