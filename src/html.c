/*
 * html.c: escaping for everything written into a page.  Every value that
 * did not come from a string literal in our own source goes through one
 * of these on its way into HTML, whether it lands in text or in a
 * double-quoted attribute: the same escaping is safe in both.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "html.h"

/*
 * Append [s, s+len) to b with the five characters that matter in HTML
 * text and quoted attributes (& < > " ') replaced by their references.
 * Every other byte, including NUL and non-ASCII UTF-8, is copied as it
 * is: validation, not escaping, decides what bytes a value may hold.
 * Runs of safe bytes are copied in one call.
 */
void
html_escn(struct buf *b, const char *s, size_t len)
{
	size_t		 i, start;
	const char	*ref;

	for (start = i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			ref = "&amp;";
			break;
		case '<':
			ref = "&lt;";
			break;
		case '>':
			ref = "&gt;";
			break;
		case '"':
			ref = "&quot;";
			break;
		case '\'':
			ref = "&#39;";
			break;
		default:
			continue;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, ref);
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

/* As html_escn, for a NUL-terminated string; NULL writes nothing. */
void
html_esc(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escn(b, s, strlen(s));
}

/*
 * Append s percent-encoded for a URL query component: every byte but the
 * unreserved ones of RFC 3986 (A-Z a-z 0-9 - . _ ~) becomes %XX with
 * upper-case hex.  The result holds only those characters and '%', so it
 * needs no further escaping in HTML text or attributes.
 */
void
html_urlenc(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;
	char			 esc[3];

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(b, (char)c);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 0x0f];
		buf_put(b, esc, sizeof(esc));
	}
}
