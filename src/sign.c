/*
 * sign.c: the site's Ed25519 key (libsodium crypto_sign), the canonical
 * form of a record and the receipt file that carries a signed record.
 * doc/RECEIPTS.md is the definition; this file follows it byte for byte.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "proof.h"

/* ---- keys --------------------------------------------------------------- */

char *
sitekey_path(const char *dbpath)
{
	const char	*slash = strrchr(dbpath, '/');
	char		*p;

	if (slash == NULL)
		return strdup("signing.key");
	if (asprintf(&p, "%.*s/signing.key", (int)(slash - dbpath), dbpath)
	    == -1)
		return NULL;
	return p;
}

void
key_id_of(const unsigned char pk[SIGN_PK_LEN], char id[KEY_ID_LEN + 1])
{
	unsigned char	h[SHA256_LEN];

	crypto_hash_sha256(h, pk, SIGN_PK_LEN);
	hex_encode(h, KEY_ID_LEN / 2, id);
}

/* Read the 32-byte seed of path into k; 0 or -1 (logged). */
static int
key_read(struct sitekey *k, int fd)
{
	unsigned char	seed[SIGN_SEED_LEN + 1];
	ssize_t		n;
	size_t		got = 0;

	while (got < sizeof(seed)) {
		n = read(fd, seed + got, sizeof(seed) - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != SIGN_SEED_LEN) {
		logmsg("%s: not a signing key (%zu bytes, expected %d)",
		    k->path, got, SIGN_SEED_LEN);
		sodium_memzero(seed, sizeof(seed));
		return -1;
	}
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	sodium_memzero(seed, sizeof(seed));
	key_id_of(k->pk, k->id);
	return 0;
}

int
sitekey_refresh(struct sitekey *k)
{
	struct stat	st;
	int		fd;

	if (stat(k->path, &st) == -1) {
		logerr("%s", k->path);
		k->loaded = 0;
		return -1;
	}
	if (k->loaded && st.st_dev == k->dev && st.st_ino == k->ino)
		return 0;
	if ((fd = open(k->path, O_RDONLY | O_CLOEXEC)) == -1) {
		logerr("%s", k->path);
		k->loaded = 0;
		return -1;
	}
	if (fstat(fd, &st) == -1 || key_read(k, fd) == -1) {
		close(fd);
		k->loaded = 0;
		return -1;
	}
	close(fd);
	k->dev = st.st_dev;
	k->ino = st.st_ino;
	k->loaded = 1;
	return 1;
}

void
sitekey_clear(struct sitekey *k)
{
	free(k->path);
	sodium_memzero(k, sizeof(*k));
}

int
sitekey_create(const char *path, unsigned char pk[SIGN_PK_LEN],
    char id[KEY_ID_LEN + 1])
{
	unsigned char	 seed[SIGN_SEED_LEN], sk[SIGN_SK_LEN];
	char		*tmp;
	int		 fd, rc = -1;

	if (asprintf(&tmp, "%s.new", path) == -1)
		return -1;
	/* A file left by a run that died half way holds no live key. */
	(void)unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600))
	    == -1) {
		logerr("%s", tmp);
		free(tmp);
		return -1;
	}
	randombytes_buf(seed, sizeof(seed));
	crypto_sign_seed_keypair(pk, sk, seed);
	key_id_of(pk, id);
	if (write(fd, seed, sizeof(seed)) == (ssize_t)sizeof(seed) &&
	    fsync(fd) == 0)
		rc = 0;
	else
		logerr("%s", tmp);
	if (close(fd) == -1)
		rc = -1;
	if (rc == -1)
		(void)unlink(tmp);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(sk, sizeof(sk));
	free(tmp);
	return rc;
}

int
sitekey_install(const char *path)
{
	char	*tmp, *dir, *slash;
	int	 fd, rc = 0;

	if (asprintf(&tmp, "%s.new", path) == -1)
		return -1;
	if (rename(tmp, path) == -1) {
		logerr("rename %s", tmp);
		rc = -1;
	}
	free(tmp);
	/* The new name must survive a crash too. */
	if (rc == 0 && (dir = strdup(path)) != NULL) {
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if ((fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) != -1) {
			(void)fsync(fd);
			close(fd);
		}
		free(dir);
	}
	return rc;
}

void
sitekey_discard(const char *path)
{
	char	*tmp;

	if (asprintf(&tmp, "%s.new", path) != -1) {
		(void)unlink(tmp);
		free(tmp);
	}
}

void
sign_bytes(const struct sitekey *k, const void *msg, size_t len,
    unsigned char sig[SIGN_SIG_LEN])
{
	crypto_sign_detached(sig, NULL, msg, len, k->sk);
}

int
sign_check(const unsigned char pk[SIGN_PK_LEN], const void *msg, size_t len,
    const unsigned char sig[SIGN_SIG_LEN])
{
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

/* ---- the keys document ----------------------------------------------------- */

void
b64_encode(const unsigned char *bin, size_t len, char *out, size_t outsz)
{
	sodium_bin2base64(out, outsz, bin, len,
	    sodium_base64_VARIANT_ORIGINAL);
}

static void
b64(struct buf *b, const unsigned char *bin, size_t len)
{
	char	out[128];

	b64_encode(bin, len, out, sizeof(out));
	buf_puts(b, out);
}

void
keys_json(struct buf *b, const struct pubkey *k, size_t n)
{
	size_t	i;

	buf_puts(b, "{\"keys\":[");
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s\n{\"key_id\":\"%s\",\"algorithm\":\"ed25519\","
		    "\"public_key\":\"", i ? "," : "", k[i].id);
		b64(b, k[i].pk, SIGN_PK_LEN);
		buf_printf(b, "\",\"valid_from\":\"%s\",\"valid_until\":",
		    k[i].valid_from);
		if (k[i].valid_until[0] != '\0')
			buf_printf(b, "\"%s\"}", k[i].valid_until);
		else
			buf_puts(b, "null}");
	}
	buf_puts(b, "\n]}\n");
}

/*
 * A small JSON reader, enough for the keys document: objects, arrays,
 * strings (escapes other than \uXXXX kept as the escaped character),
 * and the literals and numbers it skips.
 */
struct jr {
	const char	*p, *end;
	struct pubkey	*out;
	size_t		 max, n;
	int		 depth;
};

static void
jr_ws(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
	    *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

/* A string into out (at most outsz - 1 bytes kept); -1 if malformed. */
static int
jr_string(struct jr *j, char *out, size_t outsz)
{
	size_t	n = 0;
	char	c;

	if (j->p >= j->end || *j->p != '"')
		return -1;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		c = *j->p++;
		if (c == '\\') {
			if (j->p >= j->end)
				return -1;
			c = *j->p++;
			if (c == 'u') {
				if (j->end - j->p < 4)
					return -1;
				j->p += 4;
				c = '?';
			} else if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
		}
		if (out != NULL && n + 1 < outsz)
			out[n++] = c;
	}
	if (j->p >= j->end)
		return -1;
	j->p++;
	if (out != NULL)
		out[n] = '\0';
	return 0;
}

static int	jr_value(struct jr *, struct pubkey *, const char *key);

static int
jr_object(struct jr *j, int keyobj)
{
	struct pubkey	 k;
	char		 name[64];
	int		 fields = 0;

	memset(&k, 0, sizeof(k));
	j->p++;
	jr_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		jr_ws(j);
		if (jr_string(j, name, sizeof(name)) == -1)
			return -1;
		jr_ws(j);
		if (j->p >= j->end || *j->p++ != ':')
			return -1;
		jr_ws(j);
		if (jr_value(j, keyobj ? &k : NULL, name) == -1)
			return -1;
		fields++;
		jr_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		return -1;
	}
	/* An object with a key id and a public key is a key. */
	if (keyobj && k.id[0] != '\0' && k.valid_from[0] != '\0' &&
	    !sodium_is_zero(k.pk, SIGN_PK_LEN) && j->n < j->max)
		j->out[j->n++] = k;
	return 0;
}

static int
jr_value(struct jr *j, struct pubkey *k, const char *key)
{
	char	s[128];
	size_t	binlen;

	if (++j->depth > 16)
		return -1;
	jr_ws(j);
	if (j->p >= j->end)
		return -1;
	if (*j->p == '{') {
		if (jr_object(j, 1) == -1)
			return -1;
	} else if (*j->p == '[') {
		j->p++;
		jr_ws(j);
		if (j->p < j->end && *j->p == ']')
			j->p++;
		else
			for (;;) {
				if (jr_value(j, NULL, "") == -1)
					return -1;
				jr_ws(j);
				if (j->p < j->end && *j->p == ',') {
					j->p++;
					continue;
				}
				if (j->p < j->end && *j->p == ']') {
					j->p++;
					break;
				}
				return -1;
			}
	} else if (*j->p == '"') {
		if (jr_string(j, s, sizeof(s)) == -1)
			return -1;
		if (k != NULL && strcmp(key, "key_id") == 0)
			snprintf(k->id, sizeof(k->id), "%s", s);
		else if (k != NULL && strcmp(key, "valid_from") == 0)
			snprintf(k->valid_from, sizeof(k->valid_from), "%s", s);
		else if (k != NULL && strcmp(key, "valid_until") == 0)
			snprintf(k->valid_until, sizeof(k->valid_until), "%s",
			    s);
		else if (k != NULL && strcmp(key, "public_key") == 0) {
			if (sodium_base642bin(k->pk, SIGN_PK_LEN, s, strlen(s),
			    NULL, &binlen, NULL,
			    sodium_base64_VARIANT_ORIGINAL) != 0 ||
			    binlen != SIGN_PK_LEN)
				return -1;
		}
	} else {
		/* null, true, false, a number: skipped. */
		while (j->p < j->end && strchr(",]} \t\r\n", *j->p) == NULL)
			j->p++;
	}
	j->depth--;
	return 0;
}

int
keys_parse(const char *json, size_t len, struct pubkey *out, size_t max,
    size_t *n)
{
	struct jr	j = { json, json + len, out, max, 0, 0 };

	*n = 0;
	if (jr_value(&j, NULL, "") == -1)
		return -1;
	jr_ws(&j);
	if (j.p != j.end)
		return -1;
	*n = j.n;
	return 0;
}

/* ---- canonical records ---------------------------------------------------- */

void
canon_field(struct buf *b, const char *name, const char *v, size_t len)
{
	size_t	i, run = 0;

	buf_puts(b, name);
	buf_putc(b, ' ');
	for (i = 0; v != NULL && i < len; i++) {
		const char	*esc = NULL;

		switch (v[i]) {
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			continue;
		}
		buf_put(b, v + run, i - run);
		buf_puts(b, esc);
		run = i + 1;
	}
	if (v != NULL)
		buf_put(b, v + run, len - run);
	buf_putc(b, '\n');
}

void
canon_record(struct buf *b, const char *const *names,
    const char *const *values, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		canon_field(b, names[i], values[i],
		    values[i] ? strlen(values[i]) : 0);
}

int
canon_unescape(struct buf *b, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			buf_putc(b, s[i]);
			continue;
		}
		if (++i >= len)
			return -1;
		switch (s[i]) {
		case '\\':
			buf_putc(b, '\\');
			break;
		case 'n':
			buf_putc(b, '\n');
			break;
		case 'r':
			buf_putc(b, '\r');
			break;
		case 't':
			buf_putc(b, '\t');
			break;
		default:
			return -1;
		}
	}
	return 0;
}

const char *
record_field(const char *rec, size_t len, const char *name, size_t *vlen)
{
	const char	*p = rec, *end = rec + len, *nl;
	size_t		 nlen = strlen(name);

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) > nlen && memcmp(p, name, nlen) == 0 &&
		    p[nlen] == ' ') {
			*vlen = (size_t)(nl - p) - nlen - 1;
			return p + nlen + 1;
		}
		p = nl + 1;
	}
	return NULL;
}

/* ---- receipt files ---------------------------------------------------------- */

#define RECEIPT_MAGIC	"endorse-receipt 1\n"

void
receipt_block(struct buf *b, const char *key_id,
    const unsigned char sig[SIGN_SIG_LEN], const char *record, size_t len)
{
	buf_puts(b, RECEIPT_MAGIC);
	buf_printf(b, "key %s\nsignature ", key_id);
	b64(b, sig, SIGN_SIG_LEN);
	buf_printf(b, "\nlength %zu\n\n", len);
	buf_put(b, record, len);
}

/* One "name value\n" header line; the value (NUL-ended) into out. */
static int
header_line(const char **pp, const char *end, const char *name, char *out,
    size_t outsz)
{
	const char	*p = *pp, *nl;
	size_t		 nlen = strlen(name), vlen;

	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		return -1;
	if ((size_t)(nl - p) <= nlen || memcmp(p, name, nlen) != 0 ||
	    p[nlen] != ' ')
		return -1;
	vlen = (size_t)(nl - p) - nlen - 1;
	if (vlen == 0 || vlen >= outsz)
		return -1;
	memcpy(out, p + nlen + 1, vlen);
	out[vlen] = '\0';
	*pp = nl + 1;
	return 0;
}

int
receipt_parse(const char *in, size_t len, struct rblock *out, size_t max,
    size_t *n)
{
	const char	*p = in, *end = in + len;
	char		 sig[128], num[16], *ep;
	struct rblock	*b;
	size_t		 binlen;
	unsigned long	 rlen;

	*n = 0;
	for (;;) {
		/* Blank space between and around blocks (a paste) is no part
		 * of any record. */
		while (p < end && (*p == '\n' || *p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (*n == max)
			return -1;
		b = &out[*n];
		if ((size_t)(end - p) < sizeof(RECEIPT_MAGIC) - 1 ||
		    memcmp(p, RECEIPT_MAGIC, sizeof(RECEIPT_MAGIC) - 1) != 0)
			return -1;
		p += sizeof(RECEIPT_MAGIC) - 1;
		if (header_line(&p, end, "key", b->key_id,
		    sizeof(b->key_id)) == -1 ||
		    strlen(b->key_id) != KEY_ID_LEN ||
		    header_line(&p, end, "signature", sig, sizeof(sig)) == -1 ||
		    header_line(&p, end, "length", num, sizeof(num)) == -1)
			return -1;
		if (sodium_base642bin(b->sig, SIGN_SIG_LEN, sig, strlen(sig),
		    NULL, &binlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    binlen != SIGN_SIG_LEN)
			return -1;
		errno = 0;
		rlen = strtoul(num, &ep, 10);
		if (*ep != '\0' || num[0] < '0' || num[0] > '9' ||
		    errno != 0 || rlen == 0)
			return -1;
		if (p == end || *p != '\n')
			return -1;
		p++;
		if (rlen > (size_t)(end - p))
			return -1;
		b->record = p;
		b->recordsz = rlen;
		p += rlen;
		(*n)++;
	}
	return *n > 0 ? 0 : -1;
}

enum rverdict
receipt_check(const struct rblock *b, const struct pubkey *keys, size_t n)
{
	const struct pubkey	*k = NULL;
	const char		*t;
	size_t			 i, tlen;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i].id, b->key_id) == 0) {
			k = &keys[i];
			break;
		}
	if (k == NULL)
		return RV_UNKNOWN_KEY;
	if (!sign_check(k->pk, b->record, b->recordsz, b->sig))
		return RV_BAD_SIGNATURE;
	/* Times are fixed-width UTC text: they compare as strings. */
	t = record_field(b->record, b->recordsz, "time", &tlen);
	if (t == NULL || tlen != TIME_LEN)
		return RV_MALFORMED;
	if (strncmp(t, k->valid_from, TIME_LEN) < 0 ||
	    (k->valid_until[0] != '\0' &&
	    strncmp(t, k->valid_until, TIME_LEN) > 0))
		return RV_OUTSIDE_VALIDITY;
	return RV_GENUINE;
}

size_t
crlf_to_lf(char *s, size_t len)
{
	size_t	i, o = 0;

	for (i = 0; i < len; i++)
		if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
			s[o++] = s[i];
	return o;
}

enum rverdict
receipt_check_file(const char *in, size_t len, const struct pubkey *keys,
    size_t nkeys)
{
	struct rblock	*b;
	enum rverdict	 v = RV_GENUINE;
	size_t		 i, n;

	if ((b = calloc(RECEIPT_BLOCKS_MAX, sizeof(*b))) == NULL)
		return RV_MALFORMED;
	if (receipt_parse(in, len, b, RECEIPT_BLOCKS_MAX, &n) == -1)
		v = RV_MALFORMED;
	for (i = 0; v == RV_GENUINE && i < n; i++)
		v = receipt_check(&b[i], keys, nkeys);
	free(b);
	return v;
}

const char *
rverdict_text(enum rverdict v)
{
	switch (v) {
	case RV_GENUINE:
		return "genuine";
	case RV_MALFORMED:
		return "not a receipt file";
	case RV_UNKNOWN_KEY:
		return "signed with a key the site never published";
	case RV_BAD_SIGNATURE:
		return "the signature does not match the record";
	case RV_OUTSIDE_VALIDITY:
		return "signed outside the key's validity period";
	}
	return "?";
}
