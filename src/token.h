/*
 * token.h, of token.c: receipt codes, the CSRF field MAC, form tokens, kiosk
 * tokens (libsodium).
 */
#ifndef TOKEN_H
#define TOKEN_H

/* 24 Crockford base32 characters: a 20-bit clock, then 100 bits from the
 * OS's generator (token.c says why). */
#define RECEIPT_LEN	24
#define RECEIPT_TIME_LEN 4	/* of them a clock, the rest random */
#define CROCKFORD	"0123456789ABCDEFGHJKMNPQRSTVWXYZ"

int	token_init(void);	/* sodium_init(); -1 if it fails */
void	receipt_new(char out[RECEIPT_LEN + 1]);
/*
 * Normalise a code typed or linked by a person: upper-cased, and -1 unless
 * it is exactly RECEIPT_LEN characters of the alphabet.
 */
int	receipt_normalise(const char *in, size_t insz, char out[RECEIPT_LEN + 1]);

#define SECRET_LEN	32	/* crypto_auth_KEYBYTES */
#define B64_TOKEN_LEN	43	/* 32 bytes, base64url without padding */
#define CONFIRM_KEY_LEN	32	/* what confirm_tokens keeps of a token */

/* 32 random bytes written as 43 characters of base64url. */
void	token_random(char out[B64_TOKEN_LEN + 1]);
/* A confirmation link's token, and the key the database keeps of it. */
void	confirm_token_new(char out[B64_TOKEN_LEN + 1]);
int	confirm_token_key(const char *tok, unsigned char out[CONFIRM_KEY_LEN]);
/*
 * CSRF: the cookie holds a random token; the form field holds a MAC of that
 * token under the site secret, so that a cookie planted by a neighbour host
 * cannot be paired with a field the attacker made up.
 */
void	csrf_field(const unsigned char key[SECRET_LEN], const char *cookie,
	    char out[B64_TOKEN_LEN + 1]);
/* 1 if field matches cookie, in constant time. */
int	csrf_check(const unsigned char key[SECRET_LEN], const char *cookie,
	    const char *field);
/*
 * A CSRF field bound to a secret of the server's (the admin session's
 * token) instead of a cookie of its own: a MAC of label ":" value, which
 * no csrf_field can equal.  csrf_check_bound: 1 if field matches.
 */
void	csrf_field_bound(const unsigned char key[SECRET_LEN],
	    const char *label, const char *value, char out[B64_TOKEN_LEN + 1]);
int	csrf_check_bound(const unsigned char key[SECRET_LEN],
	    const char *label, const char *value, const char *field);
/* A one-time form token: a random nonce with a MAC (43+1+22 chars). */
#define FORM_TOKEN_LEN	66
void	form_token_new(const unsigned char key[SECRET_LEN],
	    char out[FORM_TOKEN_LEN + 1]);
int	form_token_check(const unsigned char key[SECRET_LEN], const char *tok);
/* 1 if tok is an RFC 4122 UUID (8-4-4-4-12 hex), as the kiosk makes. */
int	token_is_uuid(const char *tok);

/* 1 if tok has the shape of token_random's output (kiosk URLs). */
int	kiosk_token_ok(const char *tok);

#endif /* !TOKEN_H */
