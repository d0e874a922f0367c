/*
 * fuzz_content_type.c: the check that turns away every body that is not
 * a urlencoded form (multipart, JSON, a form with another charset) with
 * 415, before anything reads it.  The first line of the input is the
 * Content-Type, the rest the body; a body is parsed only when the type
 * is accepted, and an accepted type must be the urlencoded one with at
 * most a utf-8 charset.  The same line is then read as an
 * Accept-Encoding header (http_accepts_gzip).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"

const char	*fuzz_target_name = "fuzz_content_type";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kvlist	 l;
	const uint8_t	*nl;
	char		*ct, *lower, *q;
	size_t		 ctsz, i;

	nl = size > 0 ? memchr(data, '\n', size) : NULL;
	ctsz = nl != NULL ? (size_t)(nl - data) : size;
	if ((ct = malloc(ctsz + 1)) == NULL)
		return 0;
	if (ctsz > 0)
		memcpy(ct, data, ctsz);
	ct[ctsz] = '\0';
	if (http_is_form_type(ct)) {
		/* Whatever the spelling, it names the urlencoded type... */
		if ((lower = strdup(ct)) == NULL)
			abort();
		for (q = lower; *q != '\0'; q++)
			*q = (char)tolower((unsigned char)*q);
		if (strstr(lower, "application/x-www-form-urlencoded") ==
		    NULL || strstr(lower, "multipart") != NULL ||
		    strstr(lower, "boundary") != NULL ||
		    (strchr(lower, ';') != NULL &&
		     strstr(lower, "utf-8") == NULL))
			abort();
		free(lower);
		/* ...and only then is the body read. */
		if ((a = arena_new(4096)) != NULL) {
			i = nl != NULL ? ctsz + 1 : size;
			(void)http_parse_urlencoded(a,
			    (const char *)data + i, size - i,
			    HTTP_MAX_FIELDS, &l);
			arena_free(a);
		}
	}
	/* The same line as an Accept-Encoding header: gzip is taken only
	 * where the header names it. */
	if (http_accepts_gzip(ct)) {
		if ((lower = strdup(ct)) == NULL)
			abort();
		for (q = lower; *q != '\0'; q++)
			*q = (char)tolower((unsigned char)*q);
		if (strstr(lower, "gzip") == NULL)
			abort();
		free(lower);
	}
	free(ct);
	return 0;
}
