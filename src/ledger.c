/*
 * ledger.c: the hash chain that makes a rewrite of history visible.
 * Each accepted event appends an entry whose hash covers its sequence
 * number, the SHA-256 of the event's canonical form and the previous
 * entry's hash; the last entry's hash is the head.  db.c stores the
 * entries, endorsectl's "ledger verify" recomputes them from the rows.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "proof.h"

void
sha256(const void *p, size_t len, unsigned char out[SHA256_LEN])
{
	crypto_hash_sha256(out, p, len);
}

void
hex_encode(const unsigned char *p, size_t len, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
}

int
hex_decode(const char *hex, unsigned char *out, size_t outlen)
{
	size_t	i;
	int	hi, lo;

	if (strlen(hex) != 2 * outlen)
		return -1;
	for (i = 0; i < outlen; i++) {
		hi = (unsigned char)hex[2 * i];
		lo = (unsigned char)hex[2 * i + 1];
		hi = hi >= '0' && hi <= '9' ? hi - '0' :
		    hi >= 'a' && hi <= 'f' ? hi - 'a' + 10 : -1;
		lo = lo >= '0' && lo <= '9' ? lo - '0' :
		    lo >= 'a' && lo <= 'f' ? lo - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

void
sha256_hex(const void *p, size_t len, char out[SHA256_HEX_LEN + 1])
{
	unsigned char	h[SHA256_LEN];

	sha256(p, len, h);
	hex_encode(h, SHA256_LEN, out);
}

void
ledger_entry_hash(long long seq, const unsigned char prev[SHA256_LEN],
    const unsigned char event[SHA256_LEN], unsigned char out[SHA256_LEN])
{
	char	text[32 + 2 * SHA256_HEX_LEN + 8];
	char	ph[SHA256_HEX_LEN + 1], eh[SHA256_HEX_LEN + 1];
	int	n;

	hex_encode(prev, SHA256_LEN, ph);
	hex_encode(event, SHA256_LEN, eh);
	n = snprintf(text, sizeof(text), "endorse-ledger 1\n%lld\n%s\n%s\n",
	    seq, ph, eh);
	sha256(text, (size_t)n, out);
}

void
ledger_head_text(struct buf *b, long long count,
    const char head[SHA256_HEX_LEN + 1], const char *time)
{
	buf_printf(b, "endorse-ledger-head 1\ncount %lld\nhead %s\ntime %s\n",
	    count, head, time);
}
