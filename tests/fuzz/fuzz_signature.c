/*
 * fuzz_signature.c: the drawn signature's grammar (sig_valid) and its
 * drawing (sig_svg) on arbitrary bytes.  What the grammar accepts must
 * be drawable, what it refuses must draw nothing, and a drawing holds
 * only digits, spaces, commas and our own markup: the bytes of the
 * input never reach the page as they came.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "signature.h"

const char	*fuzz_target_name = "fuzz_signature";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = { 0 };
	char		*s;
	int		 ok, rc;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	ok = sig_valid(s, size);
	/* sig_svg reads up to the NUL: only inputs without one compare. */
	if (strlen(s) == size) {
		rc = sig_svg(&b, s);
		if ((ok && rc != 0) || (!ok && (rc != -1 || b.len != 0)))
			abort();
		if (ok && (buf_cstr(&b) == NULL ||
		    strstr(b.p, "<svg") != b.p || strstr(b.p, "<script")))
			abort();
	} else if (ok)
		abort();	/* a NUL is no part of the grammar */
	buf_free(&b);
	free(s);
	return 0;
}
