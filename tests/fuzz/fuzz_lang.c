/*
 * fuzz_lang.c: the choice of a request's language (src/lang.c) on an
 * arbitrary Accept-Language header, and the same bytes as the lang of
 * the query or cookie.  Invariants, not only "no crash":
 *  - the language chosen is one the site serves (< LANG__MAX), and the
 *    same header gives the same answer, whatever its case;
 *  - q=0 refuses: with ";q=0" closing every item, nothing is chosen;
 *  - a served language first at q=1 wins; one added last at q=0.001
 *    wins only where the header named nothing we serve;
 *  - lang_parse reads only the len bytes it is given (the tag is copied
 *    into a buffer of exactly that size);
 *  - a query or cookie value is taken only as a bare code (two bytes at
 *    most) that lang_parse accepts, and then it wins.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

const char	*fuzz_target_name = "fuzz_lang";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* lang_accept's answer, -1 for none, checked to be a language served. */
static int
accept_of(const char *h)
{
	enum lang	 l = LANG__MAX;

	if (lang_accept(h, &l) == -1)
		return -1;
	if ((unsigned)l >= LANG__MAX)
		abort();
	return (int)l;
}

/* h with ";q=0" before each ',' and at the end, in a new string. */
static char *
refuse_all(const char *h)
{
	size_t	 n = strlen(h), commas = 0, i, o = 0;
	char	*s;

	for (i = 0; i < n; i++)
		commas += h[i] == ',';
	if ((s = malloc(n + (commas + 1) * 4 + 1)) == NULL)
		return NULL;
	for (i = 0; i <= n; i++) {
		if (i == n || h[i] == ',') {
			memcpy(s + o, ";q=0", 4);
			o += 4;
		}
		if (i < n)
			s[o++] = h[i];
	}
	s[o] = '\0';
	return s;
}

/* pre h post, in a new string. */
static char *
concat(const char *pre, const char *h, const char *post)
{
	size_t	 a = strlen(pre), b = strlen(h), c = strlen(post);
	char	*s;

	if ((s = malloc(a + b + c + 1)) == NULL)
		return NULL;
	memcpy(s, pre, a);
	memcpy(s + a, h, b);
	memcpy(s + a + b, post, c + 1);
	return s;
}

static void
check_accept(const char *h)
{
	char	*s;
	int	 got, l;
	size_t	 i;

	got = accept_of(h);
	if (accept_of(h) != got)
		abort();
	/* Tags and "q" are case-insensitive. */
	if ((s = strdup(h)) != NULL) {
		for (i = 0; s[i] != '\0'; i++)
			if (s[i] >= 'a' && s[i] <= 'z')
				s[i] = (char)(s[i] - 'a' + 'A');
		if (accept_of(s) != got)
			abort();
		free(s);
	}
	if ((s = refuse_all(h)) != NULL) {
		if (accept_of(s) != -1)
			abort();
		free(s);
	}
	for (l = 0; l < LANG__MAX; l++) {
		if ((s = concat(lang_codes[l], ",", h)) != NULL) {
			if (accept_of(s) != l)
				abort();
			free(s);
		}
		if ((s = concat(h, ",", "")) != NULL) {
			char	*t = concat(s, lang_codes[l], ";q=0.001");

			if (t != NULL && accept_of(t) != (got == -1 ? l : got))
				abort();
			free(t);
			free(s);
		}
	}
}

/* lang_parse on exactly len bytes, nothing after them to lean on. */
static void
check_parse(const uint8_t *data, size_t len)
{
	char		*tag;
	enum lang	 l = LANG__MAX, l2 = LANG__MAX;
	size_t		 plen, i;
	int		 rc;

	if ((tag = malloc(len > 0 ? len : 1)) == NULL)
		return;
	if (len > 0)
		memcpy(tag, data, len);
	rc = lang_parse(tag, len, &l);
	if (rc != lang_parse(tag, len, &l2) || (rc == 0 && l != l2))
		abort();
	if (rc == 0) {
		/* The primary subtag is the code, in any case. */
		if ((unsigned)l >= LANG__MAX)
			abort();
		for (plen = 0; plen < len && tag[plen] != '-' &&
		    tag[plen] != '_' && tag[plen] != '\0'; plen++)
			;
		if (plen != strlen(lang_codes[l]))
			abort();
		for (i = 0; i < plen; i++)
			if ((tag[i] | 0x20) != lang_codes[l][i])
				abort();
	}
	free(tag);
}

static void
check_negotiate(const char *v, const char *h)
{
	enum lang_src	 src;
	enum lang	 l, lp;
	int		 ok;

	ok = strlen(v) <= 2 && lang_parse(v, strlen(v), &lp) == 0;
	l = lang_negotiate(v, NULL, NULL, h, &src);
	if ((unsigned)l >= LANG__MAX || l != lang_negotiate(v, NULL, NULL, h,
	    NULL))
		abort();
	if (ok != (src == LSRC_QUERY) || (ok && l != lp))
		abort();
	l = lang_negotiate(NULL, v, NULL, h, &src);
	if ((unsigned)l >= LANG__MAX || ok != (src == LSRC_COOKIE) ||
	    (ok && l != lp))
		abort();
	/* Neither: the recorded language, then the header, then English. */
	l = lang_negotiate(NULL, NULL, NULL, h, &src);
	if (src == LSRC_ACCEPT ? (int)l != accept_of(h) :
	    src != LSRC_DEFAULT || l != LANG_EN || accept_of(h) != -1)
		abort();
	l = lang_negotiate(NULL, NULL, v, h, &src);
	if ((unsigned)l >= LANG__MAX || src == LSRC_QUERY ||
	    src == LSRC_COOKIE)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*h;

	check_parse(data, size);
	if ((h = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(h, data, size);
	h[size] = '\0';		/* a header ends at its first NUL */
	check_accept(h);
	check_negotiate(h, h);
	free(h);
	return 0;
}
