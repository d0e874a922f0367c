/*
 * proof.h: what lets anyone check endorse's records without trusting
 * its server: the site's Ed25519 key, the canonical byte form of a
 * record and the signed receipt file that carries it (sign.c), the hash
 * chain of the ledger (ledger.c) and the hashes of the declaration's
 * texts (declaration.c).  doc/RECEIPTS.md defines every byte.
 * Include "config.h" first.
 */
#ifndef PROOF_H
#define PROOF_H

#include <sys/types.h>

#include "arena.h"
#include "buf.h"

#define SIGN_PK_LEN	32	/* crypto_sign_PUBLICKEYBYTES */
#define SIGN_SK_LEN	64	/* crypto_sign_SECRETKEYBYTES */
#define SIGN_SEED_LEN	32	/* crypto_sign_SEEDBYTES */
#define SIGN_SIG_LEN	64	/* crypto_sign_BYTES */
#define KEY_ID_LEN	16	/* hex characters: 8 bytes of SHA-256(pk) */
#define SHA256_LEN	32
#define SHA256_HEX_LEN	64
#define TIME_LEN	20	/* YYYY-MM-DDTHH:MM:SSZ */

/* ---- sign.c: keys ------------------------------------------------------ */

/*
 * The site's signing key as a worker holds it: read from its file, and
 * read again when the file is replaced (a rotation by "endorsectl key
 * generate"), so running workers sign with the new key at once.
 */
struct sitekey {
	char		*path;
	unsigned char	 sk[SIGN_SK_LEN];
	unsigned char	 pk[SIGN_PK_LEN];
	char		 id[KEY_ID_LEN + 1];
	dev_t		 dev;
	ino_t		 ino;
	int		 loaded;
};

/* The key file of the database at dbpath: "signing.key" beside it. */
char	*sitekey_path(const char *dbpath);
/*
 * Make sure k holds the key now in its file: 1 if it was (re)read, 0 if
 * it was current, -1 (logged) if the file is missing or malformed.
 */
int	 sitekey_refresh(struct sitekey *k);
void	 sitekey_clear(struct sitekey *k);
/*
 * Write a new random key to path (0600, replaced atomically only by
 * sitekey_install): pk and id come back.  The new file is path + ".new"
 * until sitekey_install renames it.
 */
int	 sitekey_create(const char *path, unsigned char pk[SIGN_PK_LEN],
	    char id[KEY_ID_LEN + 1]);
int	 sitekey_install(const char *path);
void	 sitekey_discard(const char *path);
/* The key id of a public key: hex of the first 8 bytes of its SHA-256. */
void	 key_id_of(const unsigned char pk[SIGN_PK_LEN],
	    char id[KEY_ID_LEN + 1]);

/* Detached Ed25519 signature of msg. */
void	 sign_bytes(const struct sitekey *k, const void *msg, size_t len,
	    unsigned char sig[SIGN_SIG_LEN]);
/* 1 if sig is pk's signature of msg. */
int	 sign_check(const unsigned char pk[SIGN_PK_LEN], const void *msg,
	    size_t len, const unsigned char sig[SIGN_SIG_LEN]);

/* Standard base64 with padding (outsz >= 4 * ceil(len / 3) + 1). */
void	 b64_encode(const unsigned char *, size_t, char *out, size_t outsz);

/* A public key with its validity, as /.well-known/endorse-keys lists. */
struct pubkey {
	char		 id[KEY_ID_LEN + 1];
	unsigned char	 pk[SIGN_PK_LEN];
	char		 valid_from[TIME_LEN + 1];
	char		 valid_until[TIME_LEN + 1];	/* "" while current */
};

/* The JSON document of /.well-known/endorse-keys. */
void	 keys_json(struct buf *, const struct pubkey *, size_t n);
/*
 * Read that document back (the verifier's --keys file): up to max keys
 * into out, *n of them.  -1 if it is not such a document.
 */
int	 keys_parse(const char *json, size_t len, struct pubkey *out,
	    size_t max, size_t *n);

/* ---- sign.c: records and receipt files ---------------------------------- */

/*
 * The canonical form of a record: for each field in its fixed order,
 * the name, a space, the value escaped (backslash, line feed, carriage
 * return and tab as \\ \n \r \t) and a line feed.  A NULL value is
 * written as an empty one.
 */
void	 canon_field(struct buf *, const char *name, const char *value,
	    size_t len);
void	 canon_record(struct buf *, const char *const *names,
	    const char *const *values, size_t n);
/* The inverse of canon_field's escaping; -1 on a bad escape. */
int	 canon_unescape(struct buf *, const char *s, size_t len);

/* One signed block of a receipt file. */
void	 receipt_block(struct buf *, const char *key_id,
	    const unsigned char sig[SIGN_SIG_LEN], const char *record,
	    size_t len);

#define RECEIPT_BLOCKS_MAX	1100	/* a report and its updates */

/* A block read back from a receipt file: pointers into the input. */
struct rblock {
	char		 key_id[KEY_ID_LEN + 1];
	unsigned char	 sig[SIGN_SIG_LEN];
	const char	*record;
	size_t		 recordsz;
};

/* CR LF as LF, in place (a form's textarea sends CR LF); the new length. */
size_t	 crlf_to_lf(char *, size_t);

/*
 * Split a receipt file (CR LF taken as LF beforehand by the caller if it
 * came through a form) into its blocks.  -1 if malformed.
 */
int	 receipt_parse(const char *in, size_t len, struct rblock *out,
	    size_t max, size_t *n);

enum rverdict {
	RV_GENUINE = 0,
	RV_MALFORMED,		/* not a receipt file */
	RV_UNKNOWN_KEY,		/* no published key has that id */
	RV_BAD_SIGNATURE,	/* the bytes are not what was signed */
	RV_OUTSIDE_VALIDITY	/* signed outside the key's period */
};

/*
 * Check one block against the keys: the key exists, the signature is
 * good, and the record's "time" lies in the key's validity period
 * (both ends included).
 */
enum rverdict	receipt_check(const struct rblock *, const struct pubkey *,
		    size_t nkeys);
/* Check every block of a file; the first failure wins. */
enum rverdict	receipt_check_file(const char *in, size_t len,
		    const struct pubkey *, size_t nkeys);
const char	*rverdict_text(enum rverdict);

/* The value of field name in a canonical record (escaped form); NULL. */
const char	*record_field(const char *rec, size_t len, const char *name,
		    size_t *vlen);

/* ---- ledger.c: the hash chain --------------------------------------------- */

/* SHA-256 of bytes; and as lower-case hex. */
void	 sha256(const void *, size_t, unsigned char out[SHA256_LEN]);
void	 sha256_hex(const void *, size_t, char out[SHA256_HEX_LEN + 1]);
void	 hex_encode(const unsigned char *, size_t, char *out);
int	 hex_decode(const char *hex, unsigned char *out, size_t outlen);

/*
 * The hash of ledger entry seq: SHA-256 of the text
 * "endorse-ledger 1\n<seq>\n<prev hex>\n<event hex>\n".  The first
 * entry's prev is 32 zero bytes.
 */
void	 ledger_entry_hash(long long seq, const unsigned char prev[SHA256_LEN],
	    const unsigned char event[SHA256_LEN],
	    unsigned char out[SHA256_LEN]);
/* The bytes signed for /.well-known/endorse-ledger-head. */
void	 ledger_head_text(struct buf *, long long count,
	    const char head[SHA256_HEX_LEN + 1], const char *time);

/* ---- declaration.c: the declaration's texts ------------------------------- */

/* A text shipped with the program (version 1 in each language). */
struct decltext {
	const char	*lang;
	const char	*text;	/* its first line is the title */
};
extern const struct decltext	decl_shipped[];
extern const size_t		ndecl_shipped;

/*
 * A text as stored and hashed: CR LF made LF, trailing blank lines
 * dropped, one final LF.  NULL if not UTF-8 or holding controls other
 * than LF and tab.  In the arena.
 */
char	*decl_normalise(struct arena *, const char *, size_t);
/* SHA-256 of the stored text, lower-case hex. */
void	 decl_hash(const char *text, char out[SHA256_HEX_LEN + 1]);
/* The text as HTML: "# " lines are headings, blank lines end paragraphs. */
void	 decl_html(struct buf *, const char *text);

#endif /* !PROOF_H */
