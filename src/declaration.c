/*
 * declaration.c: the declaration's texts as data.  A text is stored and
 * hashed in one normal form, so that the SHA-256 on a receipt can be
 * recomputed by anyone from the text the site shows.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "proof.h"

char *
decl_normalise(struct arena *a, const char *in, size_t len)
{
	struct buf	 b = { 0 };
	char		*out = NULL;
	size_t		 i;

	if (!valid_utf8(in, len))
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char	c = (unsigned char)in[i];

		if (c == '\r' && i + 1 < len && in[i + 1] == '\n')
			continue;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			buf_free(&b);
			return NULL;
		}
		buf_putc(&b, (char)c);
	}
	/* Trailing blank lines and spaces go; one final line feed stays. */
	while (b.len > 0 && (b.p[b.len - 1] == '\n' || b.p[b.len - 1] == ' ' ||
	    b.p[b.len - 1] == '\t'))
		b.len--;
	if (b.len > 0) {
		buf_putc(&b, '\n');
		if (buf_cstr(&b) != NULL)
			out = arena_strndup(a, b.p, b.len);
	}
	buf_free(&b);
	return out;
}

void
decl_hash(const char *text, char out[SHA256_HEX_LEN + 1])
{
	sha256_hex(text, strlen(text), out);
}

void
decl_html(struct buf *b, const char *text)
{
	const char	*p = text, *nl;
	int		 inpara = 0;
	size_t		 len;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0) {
			if (inpara)
				buf_puts(b, "</p>\n");
			inpara = 0;
		} else if (len > 2 && p[0] == '#' && p[1] == ' ') {
			if (inpara)
				buf_puts(b, "</p>\n");
			inpara = 0;
			buf_puts(b, "<h2>");
			html_escn(b, p + 2, len - 2);
			buf_puts(b, "</h2>\n");
		} else {
			if (inpara)
				buf_puts(b, "<br>\n");
			else
				buf_puts(b, "<p>");
			inpara = 1;
			html_escn(b, p, len);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	if (inpara)
		buf_puts(b, "</p>\n");
}
