/*
 * http.c: the parsers that face the internet.  They turn a query string,
 * a form body or a Cookie header into name/value pairs in the request's
 * arena, and they decide whether a Content-Type is one we take.  Nothing
 * here trusts a length or a terminator it was not given: the form parser
 * reads exactly insz bytes, and every output is bounded by its input.
 */
#include "config.h"

#include <assert.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"

/* Value of a hexadecimal digit, or -1. */
static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode one urlencoded component [s, s+len) ('+' is a space, %XX a byte)
 * into a NUL-terminated copy in the arena, its length in *outsz (embedded
 * NULs included).  PARSE_MALFORMED if a '%' is not followed by two hex
 * digits inside the component.
 */
static enum parse_err
urldecode(struct arena *a, const char *s, size_t len, const char **out,
    size_t *outsz)
{
	char	*p;
	size_t	 i, n;
	int	 hi, lo;

	if ((p = arena_alloc(a, len + 1)) == NULL)
		return PARSE_NOMEM;
	for (i = n = 0; i < len; i++) {
		if (s[i] == '+')
			p[n++] = ' ';
		else if (s[i] != '%')
			p[n++] = s[i];
		else {
			if (len - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) == -1 ||
			    (lo = hexval((unsigned char)s[i + 2])) == -1)
				return PARSE_MALFORMED;
			p[n++] = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	p[n] = '\0';
	*out = p;
	*outsz = n;
	return PARSE_OK;
}

/*
 * See http.h.  The pairs are counted before anything is allocated, so
 * a body of 64 KiB of "&a" costs one comparison per byte and an answer of
 * PARSE_TOO_MANY, not thousands of allocations.  On any error *out is an
 * empty list; what was allocated stays in the arena until it is reset.
 */
enum parse_err
http_parse_urlencoded(struct arena *a, const char *in, size_t insz,
    size_t maxfields, struct kvlist *out)
{
	const char	*seg, *eq;
	size_t		 i, n, pos, seglen, namesz;
	struct kv	*kv;
	enum parse_err	 er;

	out->kv = NULL;
	out->nkv = 0;
	if (in == NULL || insz == 0)
		return PARSE_OK;

	/* Count the non-empty segments: each ends before a '&' or the end. */
	for (n = 0, i = 0; i < insz; i++)
		if (in[i] != '&' && (i + 1 == insz || in[i + 1] == '&'))
			n++;
	if (n > maxfields)
		return PARSE_TOO_MANY;
	if (n == 0)
		return PARSE_OK;
	if ((kv = arena_calloc(a, n, sizeof(*kv))) == NULL)
		return PARSE_NOMEM;

	for (i = 0, pos = 0; pos < insz; pos += seglen + 1) {
		seg = in + pos;
		for (seglen = 0; pos + seglen < insz; seglen++)
			if (seg[seglen] == '&')
				break;
		if (seglen == 0)
			continue;
		assert(i < n);
		if ((eq = memchr(seg, '=', seglen)) == seg)
			return PARSE_MALFORMED;
		namesz = eq == NULL ? seglen : (size_t)(eq - seg);
		er = urldecode(a, seg, namesz, &kv[i].name, &kv[i].namesz);
		if (er != PARSE_OK)
			return er;
		if (eq == NULL)
			er = urldecode(a, seg, 0, &kv[i].value, &kv[i].valuesz);
		else
			er = urldecode(a, eq + 1, seglen - namesz - 1,
			    &kv[i].value, &kv[i].valuesz);
		if (er != PARSE_OK)
			return er;
		i++;
	}
	out->kv = kv;
	out->nkv = i;
	return PARSE_OK;
}

/* See http.h. */
enum parse_err
http_parse_query(struct arena *a, const char *in, size_t insz,
    size_t maxfields, struct kvlist *out)
{
	enum parse_err	 er;
	size_t		 i;

	if ((er = http_parse_urlencoded(a, in, insz, maxfields, out))
	    != PARSE_OK)
		return er;
	for (i = 0; i < out->nkv; i++)
		if (strlen(out->kv[i].name) != out->kv[i].namesz ||
		    strlen(out->kv[i].value) != out->kv[i].valuesz) {
			out->kv = NULL;
			out->nkv = 0;
			return PARSE_MALFORMED;
		}
	return PARSE_OK;
}

/* 1 if c may appear in a cookie name (an RFC 7230 token character). */
static int
cookie_namechar(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/*
 * Take one "name=value" cookie from [s, s+len) into *kv; 0 if it is not
 * one we can use.  Blanks around name and value go, then one pair of
 * double quotes around the value.  A name must be a token; a value may
 * hold inner spaces (browsers send them) but no control character and
 * no further quote.
 */
static int
cookie_pair(struct arena *a, const char *s, size_t len, struct kv *kv,
    int *nomem)
{
	const char	*eq, *v;
	size_t		 namesz, vsz, i;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if ((eq = memchr(s, '=', len)) == NULL)
		return 0;
	namesz = (size_t)(eq - s);
	while (namesz > 0 && (s[namesz - 1] == ' ' || s[namesz - 1] == '\t'))
		namesz--;
	if (namesz == 0)
		return 0;
	for (i = 0; i < namesz; i++)
		if (!cookie_namechar((unsigned char)s[i]))
			return 0;
	v = eq + 1;
	vsz = len - (size_t)(v - s);
	while (vsz > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vsz--;
	}
	if (vsz >= 2 && v[0] == '"' && v[vsz - 1] == '"') {
		v++;
		vsz -= 2;
	}
	for (i = 0; i < vsz; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f || v[i] == '"')
			return 0;
	if ((kv->name = arena_strndup(a, s, namesz)) == NULL ||
	    (kv->value = arena_strndup(a, v, vsz)) == NULL) {
		*nomem = 1;
		return 0;
	}
	kv->namesz = namesz;
	kv->valuesz = vsz;
	return 1;
}

/*
 * See http.h.  Pairs are split on ';' only.  The list is sized by the
 * number of ';' in the header, so its memory is bounded by the header's
 * length (which nginx bounds); there is no count limit, as refusing a
 * request for cookies the signer did not set would help no one.
 */
enum parse_err
http_parse_cookies(struct arena *a, const char *header, struct kvlist *out)
{
	const char	*p, *semi;
	size_t		 n, i, len;
	struct kv	*kv;
	int		 nomem = 0;

	out->kv = NULL;
	out->nkv = 0;
	if (header == NULL || *header == '\0')
		return PARSE_OK;
	for (n = 1, p = header; *p != '\0'; p++)
		if (*p == ';')
			n++;
	if ((kv = arena_calloc(a, n, sizeof(*kv))) == NULL)
		return PARSE_NOMEM;
	for (i = 0, p = header; ; p = semi + 1) {
		semi = strchr(p, ';');
		len = semi == NULL ? strlen(p) : (size_t)(semi - p);
		if (cookie_pair(a, p, len, &kv[i], &nomem))
			i++;
		else if (nomem)
			return PARSE_NOMEM;
		if (semi == NULL)
			break;
	}
	out->kv = kv;
	out->nkv = i;
	return PARSE_OK;
}

/*
 * See http.h.  A name matches only if its decoded length is the
 * length of the wanted name, so a name holding %00 never matches.
 */
const struct kv *
kvlist_get(const struct kvlist *l, const char *name, size_t *count)
{
	const struct kv	*first = NULL;
	size_t		 i, n = 0, namesz;

	if (count != NULL)
		*count = 0;
	if (l == NULL || name == NULL)
		return NULL;
	namesz = strlen(name);
	for (i = 0; i < l->nkv; i++) {
		if (l->kv[i].namesz != namesz ||
		    memcmp(l->kv[i].name, name, namesz) != 0)
			continue;
		if (first == NULL)
			first = &l->kv[i];
		n++;
	}
	if (count != NULL)
		*count = n;
	return first;
}

/* Skip spaces and tabs (HTTP's optional white space). */
static const char *
skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* If p starts with word (any case), return what follows it, else NULL. */
static const char *
skip_word(const char *p, const char *word)
{
	size_t	 len = strlen(word);

	return strncasecmp(p, word, len) == 0 ? p + len : NULL;
}

/*
 * See http.h.  Accepted: the media type, then at most one parameter,
 * charset=utf-8 (the value in any case, bare or quoted), with blanks
 * allowed around ';' and '=' and at the end.  Anything else (another
 * charset, another parameter, a second charset, a trailing ';') is not
 * a form we parse.
 */
int
http_is_form_type(const char *ct)
{
	const char	*p;
	int		 quoted;

	if (ct == NULL)
		return 0;
	p = skip_ows(ct);
	if ((p = skip_word(p, "application/x-www-form-urlencoded")) == NULL)
		return 0;
	p = skip_ows(p);
	if (*p == '\0')
		return 1;
	if (*p++ != ';')
		return 0;
	p = skip_ows(p);
	if ((p = skip_word(p, "charset")) == NULL)
		return 0;
	p = skip_ows(p);
	if (*p++ != '=')
		return 0;
	p = skip_ows(p);
	if ((quoted = (*p == '"')))
		p++;
	if ((p = skip_word(p, "utf-8")) == NULL)
		return 0;
	if (quoted && *p++ != '"')
		return 0;
	p = skip_ows(p);
	return *p == '\0';
}

/*
 * See http.h.  Each element of the list is a coding, then parameters
 * after ';'.  gzip (or its old name x-gzip) counts unless its q is zero
 * (0, 0., 0.0, 0.00, 0.000); "*" is not taken as gzip: a client that
 * names no coding gets the plain file.  Anything malformed in an element
 * makes that element count for nothing.
 */
int
http_accepts_gzip(const char *ae)
{
	const char	*p, *q;
	int		 named, zero;

	if (ae == NULL)
		return 0;
	for (p = ae; *p != '\0'; p = *p == ',' ? p + 1 : p) {
		p = skip_ows(p);
		named = 0;
		if ((q = skip_word(p, "gzip")) != NULL ||
		    (q = skip_word(p, "x-gzip")) != NULL) {
			q = skip_ows(q);
			named = *q == ',' || *q == ';' || *q == '\0';
			p = q;
		}
		zero = 0;
		/* Parameters: only q matters. */
		while (*p == ';') {
			p = skip_ows(p + 1);
			if ((q = skip_word(p, "q")) != NULL &&
			    *(q = skip_ows(q)) == '=') {
				q = skip_ows(q + 1);
				if (*q == '0') {
					q++;
					if (*q == '.')
						for (q++; *q == '0'; q++)
							continue;
					zero = *skip_ows(q) == ',' ||
					    *skip_ows(q) == ';' ||
					    *skip_ows(q) == '\0';
				}
				p = q;
			}
			while (*p != '\0' && *p != ',' && *p != ';')
				p++;
		}
		if (named && !zero)
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}
