/*
 * fuzz_receipt.c: the receipt file's parser (receipt_parse), its check
 * (receipt_check_file) and the keys document's reader (keys_parse) on
 * arbitrary bytes.  Nothing may read outside the input; every block a
 * parse returns must lie inside it; arbitrary bytes are never genuine
 * under a key no one holds the secret of.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "proof.h"

const char	*fuzz_target_name = "fuzz_receipt";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rblock	 b[RECEIPT_BLOCKS_MAX];
	struct pubkey		 keys[4];
	const char		*in;
	char			*copy;
	size_t			 n, i;

	/* An exact-size copy, so that a read past the end is caught. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)		/* an empty input may come as NULL */
		memcpy(copy, data, size);
	in = copy;
	if (receipt_parse(in, size, b, RECEIPT_BLOCKS_MAX, &n) == 0)
		for (i = 0; i < n; i++)
			if (b[i].record < in || b[i].recordsz > size ||
			    b[i].record + b[i].recordsz > in + size ||
			    strlen(b[i].key_id) != KEY_ID_LEN)
				abort();
	/* The key below is a public key of nobody's: the all-7 bytes. */
	memset(keys, 0, sizeof(keys));
	memcpy(keys[0].id, "56475aa75463474c", KEY_ID_LEN);
	memset(keys[0].pk, 7, SIGN_PK_LEN);
	memcpy(keys[0].valid_from, "2000-01-01T00:00:00Z", TIME_LEN);
	if (receipt_check_file(in, size, keys, 1) == RV_GENUINE)
		abort();
	if (keys_parse(in, size, keys, 4, &n) == 0 && n > 4)
		abort();
	free(copy);
	return 0;
}
