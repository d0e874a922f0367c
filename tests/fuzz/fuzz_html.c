/*
 * fuzz_html.c: the HTML escaper and the URL encoder.  After escaping, no
 * character that could end a text run or a quoted attribute is left
 * raw, every '&' starts one of the five references, and unescaping gives
 * the input back; the URL encoding holds only unreserved characters and
 * %XX.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"

const char	*fuzz_target_name = "fuzz_html";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const refs[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
static const char	 chars[] = "&<>\"'";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b, u;
	char		*s;
	size_t		 i, j, k;

	memset(&b, 0, sizeof(b));
	memset(&u, 0, sizeof(u));
	html_escn(&b, (const char *)data, size);
	if (b.oom)
		goto out;
	/* Unescape and compare. */
	for (i = 0, k = 0; i < b.len; k++) {
		if (k >= size)
			abort();
		if (b.p[i] == '<' || b.p[i] == '>' || b.p[i] == '"' ||
		    b.p[i] == '\'')
			abort();
		if (b.p[i] != '&') {
			if (b.p[i] != (char)data[k])
				abort();
			i++;
			continue;
		}
		for (j = 0; j < 5; j++)
			if (b.len - i >= strlen(refs[j]) &&
			    memcmp(b.p + i, refs[j], strlen(refs[j])) == 0)
				break;
		if (j == 5 || (char)data[k] != chars[j])
			abort();
		i += strlen(refs[j]);
	}
	if (k != size)
		abort();

	if ((s = malloc(size + 1)) == NULL)
		goto out;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	html_urlenc(&u, s);
	for (i = 0; !u.oom && i < u.len; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-._~%", u.p[i]) == NULL || u.p[i] == '\0')
			abort();
	free(s);
out:
	buf_free(&b);
	buf_free(&u);
	return 0;
}
