/*
 * fuzz_tokens.c: the parsers of what a client sends back to prove
 * something: receipt codes (any case, as typed or scanned), the CSRF
 * cookie and field, form tokens, the kiosk's offline form tokens (UUIDs:
 * the queue it keeps while offline sends each form with one), kiosk
 * event tokens, admin user names and roles.  None may read past the
 * input, and what one accepts must have its shape.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "auth.h"

const char	*fuzz_target_name = "fuzz_tokens";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char	key[SECRET_LEN] = "fuzzing key, not the site's ...";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char			 code[RECEIPT_LEN + 1], *s, *half;
	enum role		 role;
	size_t			 i;

	if (receipt_normalise((const char *)data, size, code) == 0) {
		if (strlen(code) != RECEIPT_LEN)
			abort();
		for (i = 0; i < RECEIPT_LEN; i++)
			if (strchr(crockford, code[i]) == NULL)
				abort();
	}
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	if (token_is_uuid(s) && strlen(s) != 36)
		abort();
	(void)form_token_check(key, s);
	(void)kiosk_token_ok(s);
	(void)username_ok(s);
	(void)role_parse(s, &role);
	/* The two halves as a CSRF cookie and field. */
	if ((half = strchr(s, ' ')) != NULL) {
		*half++ = '\0';
		(void)csrf_check(key, s, half);
	} else
		(void)csrf_check(key, s, s);
	free(s);
	return 0;
}
