/*
 * fuzz_cookies.c: http_parse_cookies on an arbitrary header (copied and
 * NUL-terminated, as the server gets it from FastCGI).  It checks that
 * nothing malformed comes out: names are non-empty tokens, values hold
 * no control character, quote or ';'.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

const char	*fuzz_target_name = "fuzz_cookies";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 1 if [s, s+len) holds a byte that a parsed cookie must not. */
static int
has_bad(const char *s, size_t len, const char *bad)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    strchr(bad, s[i]) != NULL)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kvlist	 l;
	char		*hdr;
	size_t		 i;

	if ((hdr = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(hdr, data, size);
	hdr[size] = '\0';
	if ((a = arena_new(4096)) == NULL) {
		free(hdr);
		return 0;
	}
	if (http_parse_cookies(a, hdr, &l) == PARSE_OK) {
		for (i = 0; i < l.nkv; i++) {
			if (l.kv[i].namesz == 0 ||
			    strlen(l.kv[i].name) != l.kv[i].namesz ||
			    strlen(l.kv[i].value) != l.kv[i].valuesz ||
			    has_bad(l.kv[i].name, l.kv[i].namesz,
			    " ;=\",") ||
			    has_bad(l.kv[i].value, l.kv[i].valuesz, ";\""))
				abort();
		}
		(void)kvlist_get(&l, "csrf", NULL);
	}
	arena_free(a);
	free(hdr);
	return 0;
}
