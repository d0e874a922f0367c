/*
 * token.c: every secret or unguessable string the site hands out.
 * Receipt codes (what lets a signer come back), the CSRF field that goes
 * with the CSRF cookie, and one-time form tokens.  All randomness comes
 * from libsodium's randombytes (the kernel's generator); every comparison
 * of a secret against input is made in constant time.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include <sodium.h>

#include "token.h"
#include "log.h"

#define FORM_NONCE_LEN	B64_TOKEN_LEN	/* 43: 32 bytes of base64url */
#define FORM_MAC_BYTES	16		/* truncated crypto_auth tag */
#define FORM_MAC_LEN	22		/* 16 bytes of base64url */
#define FORM_PREFIX	"form_token:"
#define CLOCK_LEN	6		/* of a clocked token: the time */

/*
 * token.h states these sizes without including <sodium.h>; refuse to
 * build if libsodium ever disagrees with them.
 */
_Static_assert(SECRET_LEN == crypto_auth_KEYBYTES, "SECRET_LEN");
_Static_assert(crypto_auth_BYTES >= 32, "crypto_auth_BYTES");
_Static_assert(FORM_NONCE_LEN + 1 + FORM_MAC_LEN == FORM_TOKEN_LEN,
    "FORM_TOKEN_LEN");
_Static_assert(sizeof(CROCKFORD) - 1 == 32, "CROCKFORD");

/*
 * Called once per process before anything else here, and before fork so
 * that the workers share an initialised library.  0, or -1 if libsodium
 * cannot work on this system.
 */
int
token_init(void)
{
	if (sodium_init() < 0) {
		logmsg("sodium_init failed");
		return -1;
	}
	return 0;
}

/*
 * Milliseconds since the epoch, for the time-ordered start of codes and
 * tokens below.  CLOCK_REALTIME is read without a system call (vDSO).
 */
static unsigned long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long long)ts.tv_sec * 1000 +
	    (unsigned long long)ts.tv_nsec / 1000000;
}

/*
 * A new receipt code: RECEIPT_LEN characters of CROCKFORD.  The first
 * RECEIPT_TIME_LEN say when it was made (hundredths of a second, 20 bits,
 * so the count starts again every 2.9 hours); the other 20 take exactly
 * 5 bits each of 100 random bits, so each is uniform with no modulo bias.
 *
 * Why a clock first: the codes are keys of two B-trees (receipts and
 * endorsements), and codes made in the same moment land on the same few
 * pages, where random codes would each dirty a page of their own and a
 * batch of endorsements would write that many more pages to the WAL.
 * What makes a code unguessable is its 100 random bits (DESIGN.md asks
 * for at least 100); CROCKFORD is in ASCII order, so the codes sort by
 * their clock.  out is NUL-terminated.
 */
void
receipt_new(char out[RECEIPT_LEN + 1])
{
	unsigned char	 rnd[(RECEIPT_LEN - RECEIPT_TIME_LEN) * 5 / 8 + 1];
	unsigned long long t = now_ms() / 10;
	unsigned int	 acc = 0, nbits = 0;
	size_t		 i, o;

	for (o = 0; o < RECEIPT_TIME_LEN; o++)
		out[o] = CROCKFORD[(t >> (5 * (RECEIPT_TIME_LEN - 1 - o))) &
		    0x1f];
	randombytes_buf(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd) && o < RECEIPT_LEN; i++) {
		acc = (acc << 8) | rnd[i];
		nbits += 8;
		while (nbits >= 5 && o < RECEIPT_LEN) {
			nbits -= 5;
			out[o++] = CROCKFORD[(acc >> nbits) & 0x1f];
		}
		acc &= (1u << nbits) - 1;
	}
	out[o] = '\0';
	sodium_memzero(rnd, sizeof(rnd));
}

/*
 * A code as a person typed or a link carried it: lower case is taken as
 * upper case; anything else outside the alphabet (I, L, O, U, an embedded
 * NUL, punctuation), or a length other than RECEIPT_LEN, is refused.  We do
 * not read I/L as 1 or O as 0: codes are looked up, not guessed at.
 * out is written only when 0 is returned.
 */
int
receipt_normalise(const char *in, size_t insz, char out[RECEIPT_LEN + 1])
{
	char	 tmp[RECEIPT_LEN + 1];
	size_t	 i;
	char	 c;

	if (in == NULL || insz != RECEIPT_LEN)
		return -1;
	for (i = 0; i < insz; i++) {
		c = in[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == '\0' || strchr(CROCKFORD, c) == NULL)
			return -1;
		tmp[i] = c;
	}
	tmp[i] = '\0';
	memcpy(out, tmp, sizeof(tmp));
	return 0;
}

/* 32 random bytes as 43 characters of base64url without padding. */
void
token_random(char out[B64_TOKEN_LEN + 1])
{
	unsigned char	 rnd[32];

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2base64(out, B64_TOKEN_LEN + 1, rnd, sizeof(rnd),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
}

/*
 * The CSRF form field for a cookie value: HMAC-SHA512-256 of the cookie
 * string under key, 32 bytes as 43 characters of base64url.  A NULL cookie
 * gives an empty field, which csrf_check never accepts.
 */
void
csrf_field(const unsigned char key[SECRET_LEN], const char *cookie,
    char out[B64_TOKEN_LEN + 1])
{
	unsigned char	 mac[crypto_auth_BYTES];

	if (cookie == NULL) {
		out[0] = '\0';
		return;
	}
	crypto_auth(mac, (const unsigned char *)cookie, strlen(cookie), key);
	sodium_bin2base64(out, B64_TOKEN_LEN + 1, mac, 32,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/*
 * 1 if field is the CSRF field for cookie under key, else 0.  A missing or
 * empty cookie, or a field that is not exactly B64_TOKEN_LEN characters,
 * is refused before any MAC is computed; the comparison itself takes the
 * same time wherever the two first differ.
 */
int
csrf_check(const unsigned char key[SECRET_LEN], const char *cookie,
    const char *field)
{
	char	 want[B64_TOKEN_LEN + 1];

	if (cookie == NULL || field == NULL || cookie[0] == '\0')
		return 0;
	if (strnlen(field, B64_TOKEN_LEN + 1) != B64_TOKEN_LEN)
		return 0;
	csrf_field(key, cookie, want);
	return sodium_memcmp(want, field, B64_TOKEN_LEN) == 0;
}

/*
 * A CSRF field bound to something other than a CSRF cookie (an admin
 * session's token): HMAC-SHA512-256 of label ":" value under key, 43
 * characters of base64url.  The label keeps it apart from csrf_field's
 * MAC of a cookie (whose values hold no ':'), so a field of one kind is
 * never accepted as the other.
 */
void
csrf_field_bound(const unsigned char key[SECRET_LEN], const char *label,
    const char *value, char out[B64_TOKEN_LEN + 1])
{
	crypto_auth_hmacsha512256_state	 st;
	unsigned char			 mac[crypto_auth_BYTES];

	if (value == NULL) {
		out[0] = '\0';
		return;
	}
	crypto_auth_hmacsha512256_init(&st, key, SECRET_LEN);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)label,
	    strlen(label));
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)":", 1);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)value,
	    strlen(value));
	crypto_auth_hmacsha512256_final(&st, mac);
	sodium_bin2base64(out, B64_TOKEN_LEN + 1, mac, 32,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(&st, sizeof(st));
}

int
csrf_check_bound(const unsigned char key[SECRET_LEN], const char *label,
    const char *value, const char *field)
{
	char	 want[B64_TOKEN_LEN + 1];

	if (value == NULL || field == NULL || value[0] == '\0')
		return 0;
	if (strnlen(field, B64_TOKEN_LEN + 1) != B64_TOKEN_LEN)
		return 0;
	csrf_field_bound(key, label, value, want);
	return sodium_memcmp(want, field, B64_TOKEN_LEN) == 0;
}

/* The base64url characters in ASCII order. */
static const char	b64_sorted[] = "-0123456789"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/*
 * token_random with its first CLOCK_LEN characters replaced by the time
 * in milliseconds (36 bits, which start again every 2.2 years), written
 * in b64_sorted: tokens made later sort after, and those made together
 * sit together in an index.  B64_TOKEN_LEN - CLOCK_LEN characters, 220
 * bits, stay random.
 */
static void
clocked_random(char out[B64_TOKEN_LEN + 1])
{
	unsigned long long	t = now_ms();
	int			i;

	token_random(out);
	for (i = 0; i < CLOCK_LEN; i++)
		out[i] = b64_sorted[(t >> (6 * (CLOCK_LEN - 1 - i))) & 0x3f];
}

/*
 * A confirmation token (the link in the confirmation mail): 43
 * characters of base64url, its clock first (clocked_random).
 */
void
confirm_token_new(char out[B64_TOKEN_LEN + 1])
{
	clocked_random(out);
}

/*
 * The key the database keeps for a confirmation token instead of the
 * token: the token's clock (its first CLOCK_LEN characters, to 16 ms,
 * in 4 bytes) and then the first 28 bytes of its BLAKE2b hash.  A
 * token's key is unique as its hash is, the database never holds what
 * opens the link, and tokens made together have keys on the same pages
 * of confirm_tokens' unique index.  -1 unless tok is 43 base64url
 * characters.
 */
int
confirm_token_key(const char *tok, unsigned char out[CONFIRM_KEY_LEN])
{
	unsigned char		h[CONFIRM_KEY_LEN];
	unsigned long long	t = 0;
	size_t			i;

	/* No NUL among the 43: strchr finds only the alphabet. */
	if (tok == NULL || strnlen(tok, B64_TOKEN_LEN + 1) != B64_TOKEN_LEN)
		return -1;
	for (i = 0; i < B64_TOKEN_LEN; i++)
		if (strchr(b64_sorted, tok[i]) == NULL)
			return -1;
	for (i = 0; i < CLOCK_LEN; i++)
		t = t << 6 | (unsigned long long)(strchr(b64_sorted, tok[i]) -
		    b64_sorted);
	t >>= 4;
	out[0] = (unsigned char)(t >> 24);
	out[1] = (unsigned char)(t >> 16);
	out[2] = (unsigned char)(t >> 8);
	out[3] = (unsigned char)t;
	crypto_generichash(h, sizeof(h), (const unsigned char *)tok,
	    B64_TOKEN_LEN, NULL, 0);
	memcpy(out + 4, h, CONFIRM_KEY_LEN - 4);
	sodium_memzero(h, sizeof(h));
	return 0;
}

/* The FORM_MAC_LEN characters that authenticate a form token's nonce. */
static void
form_token_mac(const unsigned char key[SECRET_LEN], const char *nonce,
    char out[FORM_MAC_LEN + 1])
{
	unsigned char	 msg[sizeof(FORM_PREFIX) - 1 + FORM_NONCE_LEN];
	unsigned char	 mac[crypto_auth_BYTES];

	memcpy(msg, FORM_PREFIX, sizeof(FORM_PREFIX) - 1);
	memcpy(msg + sizeof(FORM_PREFIX) - 1, nonce, FORM_NONCE_LEN);
	crypto_auth(mac, msg, sizeof(msg), key);
	sodium_bin2base64(out, FORM_MAC_LEN + 1, mac, FORM_MAC_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/*
 * A one-time form token: a nonce (43 characters), a dot, and the first
 * 16 bytes of crypto_auth(key, "form_token:" || nonce) as 22 characters
 * of base64url.  Only the server can make one that form_token_check
 * accepts; making it once is what makes it one-time (the database
 * remembers the tokens it has seen).  The nonce begins with the time it
 * was made (clocked_random) for the reason receipt codes do: the tokens
 * are the keys of a unique index, and a batch of forms made about the
 * same time then writes a few pages of it, not one each.
 */
void
form_token_new(const unsigned char key[SECRET_LEN],
    char out[FORM_TOKEN_LEN + 1])
{
	clocked_random(out);
	out[FORM_NONCE_LEN] = '.';
	form_token_mac(key, out, out + FORM_NONCE_LEN + 1);
}

/* 1 if c may appear in base64url without padding. */
static int
is_b64url(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * 1 if tok is exactly FORM_TOKEN_LEN characters shaped as form_token_new
 * makes them and its MAC is right under key (compared in constant time);
 * 0 for anything else, NULL included.
 */
int
form_token_check(const unsigned char key[SECRET_LEN], const char *tok)
{
	char	 want[FORM_MAC_LEN + 1];
	size_t	 i;

	if (tok == NULL ||
	    strnlen(tok, FORM_TOKEN_LEN + 1) != FORM_TOKEN_LEN ||
	    tok[FORM_NONCE_LEN] != '.')
		return 0;
	for (i = 0; i < FORM_TOKEN_LEN; i++)
		if (i != FORM_NONCE_LEN && !is_b64url(tok[i]))
			return 0;
	form_token_mac(key, tok, want);
	return sodium_memcmp(want, tok + FORM_NONCE_LEN + 1,
	    FORM_MAC_LEN) == 0;
}

/* 1 if c is a hexadecimal digit, either case. */
static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * 1 if tok is exactly 36 characters in the 8-4-4-4-12 hex layout of an
 * RFC 4122 UUID (either case), as the kiosk's crypto.randomUUID() makes.
 * Version and variant bits are not checked.
 */
int
token_is_uuid(const char *tok)
{
	size_t	 i;

	if (tok == NULL || strnlen(tok, 37) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (tok[i] != '-')
				return 0;
		} else if (!is_hex(tok[i]))
			return 0;
	}
	return 1;
}

/* ---- kiosk tokens ---------------------------------------------------- */

/*
 * 1 if tok is exactly B64_TOKEN_LEN characters of base64url, the shape
 * token_random makes for an event's kiosk URL (256 random bits).  The
 * kiosk routes refuse anything else before asking the database.
 */
int
kiosk_token_ok(const char *tok)
{
	size_t	 i;

	if (tok == NULL || strnlen(tok, B64_TOKEN_LEN + 1) != B64_TOKEN_LEN)
		return 0;
	for (i = 0; i < B64_TOKEN_LEN; i++)
		if (!is_b64url(tok[i]))
			return 0;
	return 1;
}
