/*
 * fuzz_urlencoded.c: http_parse_urlencoded on arbitrary bytes.  Beyond
 * not crashing, it checks what the parser promises: never more pairs
 * than allowed, every name non-empty, every name and value terminated
 * at its length, and a round trip (percent-encode what was decoded,
 * parse again) giving back the same pairs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"

const char	*fuzz_target_name = "fuzz_urlencoded";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 1 if the two lists hold the same pairs in the same order. */
static int
same_pairs(const struct kvlist *a, const struct kvlist *b)
{
	size_t	 i;

	if (a->nkv != b->nkv)
		return 0;
	for (i = 0; i < a->nkv; i++)
		if (a->kv[i].namesz != b->kv[i].namesz ||
		    a->kv[i].valuesz != b->kv[i].valuesz ||
		    memcmp(a->kv[i].name, b->kv[i].name, a->kv[i].namesz) ||
		    memcmp(a->kv[i].value, b->kv[i].value, a->kv[i].valuesz))
			return 0;
	return 1;
}

/* Pairs without NULs, percent-encoded again into b. */
static int
reencode(const struct kvlist *l, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < l->nkv; i++) {
		if (strlen(l->kv[i].name) != l->kv[i].namesz ||
		    strlen(l->kv[i].value) != l->kv[i].valuesz)
			return 0;
		if (i > 0)
			buf_putc(b, '&');
		html_urlenc(b, l->kv[i].name);
		buf_putc(b, '=');
		html_urlenc(b, l->kv[i].value);
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kvlist	 l, l2;
	struct buf	 b = { 0 };
	const struct kv	*kv;
	enum parse_err	 er;
	size_t		 i, n;

	if ((a = arena_new(4096)) == NULL)
		return 0;
	er = http_parse_urlencoded(a, (const char *)data, size,
	    HTTP_MAX_FIELDS, &l);
	if (er != PARSE_OK && l.nkv != 0)
		abort();
	if (er == PARSE_OK) {
		if (l.nkv > HTTP_MAX_FIELDS || l.nkv > size)
			abort();
		for (i = 0; i < l.nkv; i++) {
			if (l.kv[i].namesz == 0 ||
			    l.kv[i].name[l.kv[i].namesz] != '\0' ||
			    l.kv[i].value[l.kv[i].valuesz] != '\0' ||
			    l.kv[i].namesz + l.kv[i].valuesz >= size + 1)
				abort();
		}
		if (l.nkv > 0 && strlen(l.kv[0].name) == l.kv[0].namesz) {
			kv = kvlist_get(&l, l.kv[0].name, &n);
			if (kv != &l.kv[0] || n == 0)
				abort();
		}
		if (reencode(&l, &b)) {
			if (b.oom)
				abort();
			er = http_parse_urlencoded(a, b.p, b.len,
			    HTTP_MAX_FIELDS, &l2);
			if (er != PARSE_OK || !same_pairs(&l, &l2))
				abort();
		}
	}
	buf_free(&b);
	arena_free(a);
	return 0;
}
