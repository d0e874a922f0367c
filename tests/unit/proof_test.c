/*
 * proof_test.c: the canonical form of records, Ed25519 signing and the
 * receipt file, key validity, the ledger's hash chain and the hashes of
 * the declaration's texts (src/sign.c, src/ledger.c, src/declaration.c),
 * against the test vector of doc/RECEIPTS.md.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "proof.h"

#include "capture.h"

/* doc/RECEIPTS.md's test vector. */
static const char vec_record[] =
    "kind commitment\n"
    "receipt 7QK2M9X4TBWV3ZJ8H5NR6CYD\n"
    "time 2026-11-16T10:00:00Z\n"
    "area inclusion\n"
    "title Welcome desk for newcomers\n"
    "description One desk for every newcomer:\\n\\thousing, school, "
    "work.\\nPath: C:\\\\desk\n"
    "means \n"
    "indicators Visitors a month\n"
    "target_date 2027-06-30\n"
    "status planned\n"
    "sdg 10.7, 11.1\n"
    "lang fr\n";
static const char vec_sig[] = "jxgsWShuC4J+nk+jSwIn4HFsOPe4BkRwUaMsgifYgas"
    "TOqTUTYdK8j0+cnKZTViMtIKc7DVRKCzM7VEQWHPBDw==";
static const char vec_keys[] = "{\"keys\": [{\"key_id\": \"56475aa75463474c\", "
    "\"algorithm\": \"ed25519\", \"public_key\": "
    "\"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\", \"valid_from\": "
    "\"2026-01-01T00:00:00Z\", \"valid_until\": \"2026-12-31T23:59:59Z\"}]}\n";
static const char vec_event[] =
    "f23970e05f2d12854cbd39f971db076512bb643bf317460e36d90e9717663002";
static const char vec_entry1[] =
    "bbabd1fa4b3177b7d444e994b1373e0a262c8d80b4d2b1cab7a661b5f0729379";
static const char vec_entry2[] =
    "5acac11d1aec1f360aec0a04b5733f386c3e6152542ebe70bc6045028e27beb8";

/* A key made from the vector's seed 00 01 .. 1f, in a temporary file. */
static void
vector_key(struct sitekey *k)
{
	unsigned char	seed[SIGN_SEED_LEN];
	char		tmpl[] = "/tmp/proof_test.XXXXXX";
	int		fd, i;

	for (i = 0; i < SIGN_SEED_LEN; i++)
		seed[i] = (unsigned char)i;
	assert_true((fd = mkstemp(tmpl)) != -1);
	assert_int_equal(write(fd, seed, sizeof(seed)), sizeof(seed));
	close(fd);
	memset(k, 0, sizeof(*k));
	k->path = strdup(tmpl);
	assert_int_equal(sitekey_refresh(k), 1);
	assert_int_equal(sitekey_refresh(k), 0);	/* unchanged: kept */
	unlink(tmpl);
}

static void
canonical_vector(void **state)
{
	static const char *const names[] = {
		"kind", "receipt", "time", "area", "title", "description",
		"means", "indicators", "target_date", "status", "sdg", "lang"
	};
	static const char *const values[] = {
		"commitment", "7QK2M9X4TBWV3ZJ8H5NR6CYD", "2026-11-16T10:00:00Z",
		"inclusion", "Welcome desk for newcomers",
		"One desk for every newcomer:\n\thousing, school, work.\n"
		"Path: C:\\desk",
		"", "Visitors a month", "2027-06-30", "planned", "10.7, 11.1",
		"fr"
	};
	struct buf	b = { 0 };
	char		hex[SHA256_HEX_LEN + 1];

	(void)state;
	canon_record(&b, names, values, 12);
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, vec_record);
	assert_int_equal(b.len, 302);
	sha256_hex(b.p, b.len, hex);
	assert_string_equal(hex, vec_event);
	buf_free(&b);
}

/* Order as given, every escape, UTF-8 untouched, empty and NULL alike. */
static void
canonical_fields(void **state)
{
	static const char *const names[] = { "b", "a", "e", "n", "u" };
	static const char *const values[] = {
		"x\\y", "1\r\n2\t3", "", NULL, "Zoë 市长 مدينة"
	};
	struct buf	 b = { 0 }, u = { 0 };
	const char	*v;
	size_t		 vlen;

	(void)state;
	canon_record(&b, names, values, 5);
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, "b x\\\\y\na 1\\r\\n2\\t3\ne \nn \n"
	    "u Zoë 市长 مدينة\n");
	v = record_field(b.p, b.len, "a", &vlen);
	assert_non_null(v);
	assert_int_equal(canon_unescape(&u, v, vlen), 0);
	assert_non_null(buf_cstr(&u));
	assert_string_equal(u.p, "1\r\n2\t3");
	assert_null(record_field(b.p, b.len, "z", &vlen));
	assert_int_equal(canon_unescape(&u, "\\q", 2), -1);
	assert_int_equal(canon_unescape(&u, "\\", 1), -1);
	buf_free(&b);
	buf_free(&u);
}

static void
sign_and_verify(void **state)
{
	struct sitekey	k;
	unsigned char	sig[SIGN_SIG_LEN];
	char		msg[] = "kind update\nstatus achieved\n";
	char		b64[100];

	(void)state;
	vector_key(&k);
	assert_string_equal(k.id, "56475aa75463474c");
	sign_bytes(&k, vec_record, strlen(vec_record), sig);
	b64_encode(sig, SIGN_SIG_LEN, b64, sizeof(b64));
	assert_string_equal(b64, vec_sig);	/* Ed25519 is deterministic */
	sign_bytes(&k, msg, strlen(msg), sig);
	assert_true(sign_check(k.pk, msg, strlen(msg), sig));
	msg[3] ^= 0x01;				/* one flipped bit */
	assert_false(sign_check(k.pk, msg, strlen(msg), sig));
	msg[3] ^= 0x01;
	sig[10] ^= 0x80;
	assert_false(sign_check(k.pk, msg, strlen(msg), sig));
	sitekey_clear(&k);
}

static void
receipt_file_roundtrip(void **state)
{
	struct sitekey	 k;
	struct pubkey	 keys[4];
	struct rblock	 bl[4];
	struct buf	 f = { 0 };
	unsigned char	 sig[SIGN_SIG_LEN];
	size_t		 n, i;
	char		*flip;

	(void)state;
	vector_key(&k);
	assert_int_equal(keys_parse(vec_keys, strlen(vec_keys), keys, 4, &n),
	    0);
	assert_int_equal(n, 1);
	assert_memory_equal(keys[0].pk, k.pk, SIGN_PK_LEN);
	sign_bytes(&k, vec_record, strlen(vec_record), sig);
	receipt_block(&f, k.id, sig, vec_record, strlen(vec_record));
	receipt_block(&f, k.id, sig, vec_record, strlen(vec_record));
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(bl[1].recordsz, strlen(vec_record));
	assert_int_equal(receipt_check_file(f.p, f.len, keys, 1), RV_GENUINE);
	/* No published key with that id. */
	assert_int_equal(receipt_check_file(f.p, f.len, keys, 0),
	    RV_UNKNOWN_KEY);
	/* One flipped bit anywhere in a record. */
	for (i = 0; i < strlen(vec_record); i += 37) {
		flip = strstr(f.p, "kind commitment") + i;
		*flip ^= 0x01;
		assert_int_not_equal(receipt_check_file(f.p, f.len, keys, 1),
		    RV_GENUINE);
		*flip ^= 0x01;
	}
	assert_int_equal(receipt_check_file(f.p, f.len, keys, 1), RV_GENUINE);
	/* A cut file, garbage, nothing. */
	assert_int_equal(receipt_check_file(f.p, f.len - 5, keys, 1),
	    RV_MALFORMED);
	assert_int_equal(receipt_check_file("hello", 5, keys, 1), RV_MALFORMED);
	assert_int_equal(receipt_check_file("", 0, keys, 1), RV_MALFORMED);
	buf_free(&f);
	sitekey_clear(&k);
}

/* A key retired after the record was signed still vouches for it. */
static void
retired_key_still_verifies(void **state)
{
	struct pubkey	 keys[1];
	struct rblock	 bl;
	struct buf	 f = { 0 };
	size_t		 n;

	(void)state;
	assert_int_equal(keys_parse(vec_keys, strlen(vec_keys), keys, 1, &n),
	    0);
	assert_string_equal(keys[0].valid_until, "2026-12-31T23:59:59Z");
	/* doc/RECEIPTS.md's receipt file, signed 2026-11-16. */
	buf_printf(&f, "endorse-receipt 1\nkey %s\nsignature %s\n"
	    "length %zu\n\n%s", keys[0].id, vec_sig, strlen(vec_record),
	    vec_record);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, &bl, 1, &n), 0);
	assert_int_equal(receipt_check(&bl, keys, 1), RV_GENUINE);
	/* Signed after the key's period: refused. */
	snprintf(keys[0].valid_until, sizeof(keys[0].valid_until),
	    "2026-11-16T09:59:59Z");
	assert_int_equal(receipt_check(&bl, keys, 1), RV_OUTSIDE_VALIDITY);
	/* Retired the very second it was signed: still good. */
	snprintf(keys[0].valid_until, sizeof(keys[0].valid_until),
	    "2026-11-16T10:00:00Z");
	assert_int_equal(receipt_check(&bl, keys, 1), RV_GENUINE);
	/* Signed before it was published: refused too. */
	keys[0].valid_until[0] = '\0';
	snprintf(keys[0].valid_from, sizeof(keys[0].valid_from),
	    "2026-11-16T10:00:01Z");
	assert_int_equal(receipt_check(&bl, keys, 1), RV_OUTSIDE_VALIDITY);
	buf_free(&f);
}

static void
keys_document_roundtrip(void **state)
{
	struct pubkey	in[2], out[4];
	struct buf	b = { 0 };
	size_t		n;

	(void)state;
	memset(in, 0, sizeof(in));
	snprintf(in[0].id, sizeof(in[0].id), "0123456789abcdef");
	memset(in[0].pk, 7, SIGN_PK_LEN);
	snprintf(in[0].valid_from, sizeof(in[0].valid_from),
	    "2026-01-01T00:00:00Z");
	snprintf(in[0].valid_until, sizeof(in[0].valid_until),
	    "2026-06-01T00:00:00Z");
	snprintf(in[1].id, sizeof(in[1].id), "fedcba9876543210");
	memset(in[1].pk, 9, SIGN_PK_LEN);
	snprintf(in[1].valid_from, sizeof(in[1].valid_from),
	    "2026-06-01T00:00:00Z");
	keys_json(&b, in, 2);
	assert_non_null(buf_cstr(&b));
	assert_int_equal(keys_parse(b.p, b.len, out, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(in, out, sizeof(in));
	assert_int_equal(keys_parse("{\"keys\":[", 9, out, 4, &n), -1);
	assert_int_equal(keys_parse("[1, 2] x", 8, out, 4, &n), -1);
	buf_free(&b);
}

static void
ledger_chain(void **state)
{
	unsigned char	zero[SHA256_LEN], ev[SHA256_LEN], e1[SHA256_LEN];
	unsigned char	e2[SHA256_LEN];
	char		hex[SHA256_HEX_LEN + 1];

	(void)state;
	memset(zero, 0, sizeof(zero));
	assert_int_equal(hex_decode(vec_event, ev, SHA256_LEN), 0);
	ledger_entry_hash(1, zero, ev, e1);
	hex_encode(e1, SHA256_LEN, hex);
	assert_string_equal(hex, vec_entry1);
	ledger_entry_hash(2, e1, ev, e2);
	hex_encode(e2, SHA256_LEN, hex);
	assert_string_equal(hex, vec_entry2);
	/* The sequence number is in the hash: the same link at 3 differs. */
	ledger_entry_hash(3, e1, ev, e2);
	hex_encode(e2, SHA256_LEN, hex);
	assert_string_not_equal(hex, vec_entry2);
	assert_int_equal(hex_decode("zz", ev, 1), -1);
	assert_int_equal(hex_decode("ABCD", ev, 2), -1);	/* lower case */
	assert_int_equal(hex_decode("abc", ev, 2), -1);
	assert_int_equal(hex_decode("abcdef", ev, 2), -1);
}

static void
declaration_hashes(void **state)
{
	struct arena	*a = arena_new(1 << 16);
	char		 h[4][SHA256_HEX_LEN + 1], x[SHA256_HEX_LEN + 1];
	const char	*t;
	size_t		 i, j;

	(void)state;
	assert_non_null(a);
	assert_int_equal(ndecl_shipped, 4);
	for (i = 0; i < ndecl_shipped; i++) {
		/* The shipped texts are already in normal form. */
		t = decl_normalise(a, decl_shipped[i].text,
		    strlen(decl_shipped[i].text));
		assert_non_null(t);
		assert_string_equal(t, decl_shipped[i].text);
		decl_hash(t, h[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(h[i], h[j]);
	}
	assert_string_equal(decl_shipped[0].lang, "en");
	assert_string_equal(h[0],
	    "1c1dc6735619d4ed6915d93f37b8491ab10ef6b4d67463c9e70ec66c28fcef92");
	/* CR LF and trailing blank lines do not change the hash... */
	t = decl_normalise(a, "Title\r\n\r\nText é\r\n\r\n  \n",
	    strlen("Title\r\n\r\nText é\r\n\r\n  \n"));
	assert_non_null(t);
	assert_string_equal(t, "Title\n\nText é\n");
	decl_hash(t, x);
	decl_hash("Title\n\nText é\n", h[0]);
	assert_string_equal(x, h[0]);
	/* ...one changed character does. */
	decl_hash("Title\n\nText e\n", h[1]);
	assert_string_not_equal(x, h[1]);
	assert_null(decl_normalise(a, "a\001b", 3));
	assert_null(decl_normalise(a, "\xff", 1));
	assert_null(decl_normalise(a, "\n\n", 2));
	arena_free(a);
}

static void
crlf(void **state)
{
	char	s[] = "a\r\nb\rc\r\n";

	(void)state;
	assert_int_equal(crlf_to_lf(s, strlen(s)), 6);
	assert_memory_equal(s, "a\nb\rc\n", 6);
}

/* A fresh folder under /tmp for key files; removed by rm_dir. */
static void
tmp_dir(char *dir, size_t dirsz)
{
	snprintf(dir, dirsz, "/tmp/proof_test.XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static void
rm_dir(const char *dir)
{
	char	cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
write_file(const char *path, const void *p, size_t len)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(p, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
key_file_beside_the_database(void **state)
{
	char	*p;

	(void)state;
	assert_non_null(p = sitekey_path("/var/lib/endorse/endorse.db"));
	assert_string_equal(p, "/var/lib/endorse/signing.key");
	free(p);
	assert_non_null(p = sitekey_path("endorse.db"));
	assert_string_equal(p, "signing.key");
	free(p);
	assert_non_null(p = sitekey_path("/endorse.db"));
	assert_string_equal(p, "/signing.key");
	free(p);
}

/* A key file of the wrong size, a folder, no file: refused and said. */
static void
malformed_key_files_are_refused(void **state)
{
	unsigned char	 seed[SIGN_SEED_LEN + 1];
	struct sitekey	 k;
	struct capture	 c;
	char		 dir[64], path[128], old[140], *log;

	(void)state;
	memset(seed, 7, sizeof(seed));
	tmp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/signing.key", dir);
	memset(&k, 0, sizeof(k));
	assert_non_null(k.path = strdup(path));

	write_file(path, seed, SIGN_SEED_LEN - 1);
	capture_start(&c);
	assert_int_equal(sitekey_refresh(&k), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "not a signing key (31 bytes, expected "
	    "32)"));
	free(log);
	assert_int_equal(k.loaded, 0);

	write_file(path, seed, SIGN_SEED_LEN + 1);
	capture_start(&c);
	assert_int_equal(sitekey_refresh(&k), -1);
	free(capture_end(&c));
	assert_int_equal(k.loaded, 0);

	/* The right size: read; a folder in its place: refused. */
	write_file(path, seed, SIGN_SEED_LEN);
	assert_int_equal(sitekey_refresh(&k), 1);
	assert_int_equal(k.loaded, 1);
	/* Moved aside, not removed: the folder cannot reuse its inode. */
	snprintf(old, sizeof(old), "%s.old", path);
	assert_int_equal(rename(path, old), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	capture_start(&c);
	assert_int_equal(sitekey_refresh(&k), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "not a signing key (0 bytes"));
	free(log);
	assert_int_equal(k.loaded, 0);

	/* Gone: refused, with the path and the reason. */
	assert_int_equal(rmdir(path), 0);
	capture_start(&c);
	assert_int_equal(sitekey_refresh(&k), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, path));
	assert_non_null(strstr(log, "No such file or directory"));
	free(log);
	assert_int_equal(k.loaded, 0);
	sitekey_clear(&k);
	rm_dir(dir);
}

/*
 * A new key is written beside the live one, installed by a rename, and
 * a worker holding the old one reads the new one at its next refresh.
 */
static void
new_key_replaces_the_old_one(void **state)
{
	unsigned char	 pk[SIGN_PK_LEN], pk2[SIGN_PK_LEN];
	struct sitekey	 k;
	struct stat	 st;
	char		 dir[64], path[128], newp[140], id[KEY_ID_LEN + 1];
	char		 id2[KEY_ID_LEN + 1], old[KEY_ID_LEN + 1];

	(void)state;
	tmp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/signing.key", dir);
	snprintf(newp, sizeof(newp), "%s.new", path);
	assert_int_equal(sitekey_create(path, pk, id), 0);
	assert_int_equal(stat(newp, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, SIGN_SEED_LEN);
	assert_int_equal(stat(path, &st), -1);	/* not live before install */
	assert_int_equal(sitekey_install(path), 0);
	assert_int_equal(stat(newp, &st), -1);
	memset(&k, 0, sizeof(k));
	assert_non_null(k.path = strdup(path));
	assert_int_equal(sitekey_refresh(&k), 1);
	assert_memory_equal(k.pk, pk, SIGN_PK_LEN);
	assert_string_equal(k.id, id);
	memcpy(old, id, sizeof(old));

	/* A half-made key from a run that died is replaced, not kept. */
	write_file(newp, "junk", 4);
	assert_int_equal(sitekey_create(path, pk2, id2), 0);
	assert_string_not_equal(id2, old);
	assert_int_equal(stat(newp, &st), 0);
	assert_int_equal(st.st_size, SIGN_SEED_LEN);
	/* Discarded: the live key stays. */
	sitekey_discard(path);
	assert_int_equal(stat(newp, &st), -1);
	assert_int_equal(sitekey_refresh(&k), 0);
	assert_string_equal(k.id, old);

	/* Installed: the worker switches at once. */
	assert_int_equal(sitekey_create(path, pk2, id2), 0);
	assert_int_equal(sitekey_install(path), 0);
	assert_int_equal(sitekey_refresh(&k), 1);
	assert_string_equal(k.id, id2);
	assert_memory_equal(k.pk, pk2, SIGN_PK_LEN);
	sitekey_clear(&k);
	rm_dir(dir);
}

static void
key_files_that_cannot_be_made(void **state)
{
	unsigned char	 pk[SIGN_PK_LEN];
	struct sitekey	 k;
	struct capture	 c;
	char		 dir[64], cwd[4096], id[KEY_ID_LEN + 1], *log;

	(void)state;
	tmp_dir(dir, sizeof(dir));
	capture_start(&c);
	assert_int_equal(sitekey_create("/nonexistent/dir/signing.key", pk,
	    id), -1);
	/* Nothing made: nothing to install. */
	assert_int_equal(sitekey_install("/nonexistent/dir/signing.key"), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "/nonexistent/dir/signing.key.new"));
	assert_non_null(strstr(log, "rename"));
	free(log);

	/* A bare file name: in the current folder. */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(sitekey_create("signing.key", pk, id), 0);
	assert_int_equal(sitekey_install("signing.key"), 0);
	memset(&k, 0, sizeof(k));
	assert_non_null(k.path = strdup("signing.key"));
	assert_int_equal(sitekey_refresh(&k), 1);
	assert_string_equal(k.id, id);
	sitekey_clear(&k);
	assert_int_equal(chdir(cwd), 0);
	rm_dir(dir);
}

/* An empty list, and one key still current (valid_until null). */
static void
keys_document_edges(void **state)
{
	struct pubkey	in, out[2];
	struct buf	b = { 0 };
	size_t		n = 9;

	(void)state;
	keys_json(&b, NULL, 0);
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, "{\"keys\":[\n]}\n");
	assert_int_equal(keys_parse(b.p, b.len, out, 2, &n), 0);
	assert_int_equal(n, 0);
	buf_reset(&b);
	memset(&in, 0, sizeof(in));
	snprintf(in.id, sizeof(in.id), "0123456789abcdef");
	memset(in.pk, 1, SIGN_PK_LEN);
	snprintf(in.valid_from, sizeof(in.valid_from), "2026-01-01T00:00:00Z");
	keys_json(&b, &in, 1);
	assert_non_null(buf_cstr(&b));
	assert_non_null(strstr(b.p, "\"valid_until\":null}"));
	assert_int_equal(keys_parse(b.p, b.len, out, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_memory_equal(&in, &out[0], sizeof(in));
	buf_free(&b);
}

static int
parse(const char *json, size_t *n)
{
	struct pubkey	out[2];

	return keys_parse(json, strlen(json), out, 2, n);
}

/* What the verifier accepts in a keys file, and what it refuses. */
static void
keys_document_syntax(void **state)
{
	static const char *const bad[] = {
		"", " ", "{", "[", "\"", "\"abc", "\"\\", "\"\\u12\"",
		"{1:2}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1",
		"[1 2]", "[1,", "{} {}", "}",
		"[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]",	/* 17 deep */
		"{\"keys\":[{\"key_id\":\"k\",\"public_key\":\"@@@\"}]}",
		/* 16 bytes, not 32 */
		"{\"keys\":[{\"public_key\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}]}",
	};
	struct pubkey	out[2];
	size_t		i, n;
	char		json[512];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = 9;
		if (parse(bad[i], &n) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_int_equal(n, 0);
	}
	assert_int_equal(parse("{}", &n), 0);
	assert_int_equal(parse(" [ ] \r\n\t", &n), 0);
	assert_int_equal(parse("[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", &n), 0);
	assert_int_equal(parse("{\"a\":null,\"b\":[true,false,-1.5e3],"
	    "\"c\":{\"d\":\"\\\"\"}}", &n), 0);
	assert_int_equal(n, 0);

	/* Escapes: \n and \t decoded, \uXXXX as ?, others as the letter. */
	snprintf(json, sizeof(json), "{\"keys\":[{\"key_id\":"
	    "\"k\\u00e9\\n\\t\\\"\\\\\\/\",\"algorithm\":\"ed25519\","
	    "\"public_key\":\"%s\",\"valid_from\":\"2026-01-01T00:00:00Z\","
	    "\"valid_until\":null,\"extra\":[1,{\"x\":2}]}]}",
	    "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=");
	assert_int_equal(keys_parse(json, strlen(json), out, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].id, "k?\n\t\"\\/");
	assert_string_equal(out[0].valid_until, "");

	/* An object without a date or with a zero key is not a key. */
	assert_int_equal(parse("{\"keys\":[{\"key_id\":\"k\",\"public_key\":"
	    "\"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\"}]}", &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(parse("{\"keys\":[{\"key_id\":\"k\",\"valid_from\":"
	    "\"2026-01-01T00:00:00Z\",\"public_key\":"
	    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}]}", &n), 0);
	assert_int_equal(n, 0);
}

/* More keys than room: the first max kept. */
static void
keys_beyond_max_are_dropped(void **state)
{
	struct pubkey	in[3], out[2];
	struct buf	b = { 0 };
	size_t		i, n;

	(void)state;
	memset(in, 0, sizeof(in));
	for (i = 0; i < 3; i++) {
		snprintf(in[i].id, sizeof(in[i].id), "%016zx", i + 1);
		memset(in[i].pk, (int)i + 1, SIGN_PK_LEN);
		snprintf(in[i].valid_from, sizeof(in[i].valid_from),
		    "2026-01-0%zuT00:00:00Z", i + 1);
	}
	keys_json(&b, in, 3);
	assert_non_null(buf_cstr(&b));
	assert_int_equal(keys_parse(b.p, b.len, out, 2, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(out[1].id, in[1].id);
	buf_free(&b);
}

/* A receipt file with one altered header, in fmt's %s places. */
static int
receipt_with(const char *key, const char *sig, const char *len,
    const char *sep, struct rblock *bl, size_t max, size_t *n)
{
	struct buf	f = { 0 };
	int		rc;

	buf_printf(&f, "endorse-receipt 1\nkey %s\nsignature %s\nlength %s\n"
	    "%s%s", key, sig, len, sep, vec_record);
	assert_non_null(buf_cstr(&f));
	rc = receipt_parse(f.p, f.len, bl, max, n);
	buf_free(&f);
	return rc;
}

static void
receipt_headers_are_checked(void **state)
{
	struct rblock	 bl[2];
	struct buf	 f = { 0 };
	char		 len[16], big[16];
	size_t		 n;
	const char	*key = "56475aa75463474c";
	const char	*sig10 = "AAECAwQFBgcICQ==";	/* 10 bytes */

	(void)state;
	snprintf(len, sizeof(len), "%zu", strlen(vec_record));
	snprintf(big, sizeof(big), "%zu", strlen(vec_record) + 1);
	assert_int_equal(receipt_with(key, vec_sig, len, "\n", bl, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(bl[0].key_id, key);
	assert_int_equal(receipt_with("56475aa7", vec_sig, len, "\n", bl, 2,
	    &n), -1);
	assert_int_equal(receipt_with("56475aa75463474c0", vec_sig, len, "\n",
	    bl, 2, &n), -1);
	assert_int_equal(receipt_with("", vec_sig, len, "\n", bl, 2, &n), -1);
	assert_int_equal(receipt_with(key, "not base64!", len, "\n", bl, 2,
	    &n), -1);
	assert_int_equal(receipt_with(key, sig10, len, "\n", bl, 2, &n), -1);
	assert_int_equal(receipt_with(key, vec_sig, "0", "\n", bl, 2, &n), -1);
	assert_int_equal(receipt_with(key, vec_sig, "-1", "\n", bl, 2, &n),
	    -1);
	assert_int_equal(receipt_with(key, vec_sig, "+302", "\n", bl, 2, &n),
	    -1);
	assert_int_equal(receipt_with(key, vec_sig, "302x", "\n", bl, 2, &n),
	    -1);
	assert_int_equal(receipt_with(key, vec_sig, big, "\n", bl, 2, &n), -1);
	assert_int_equal(receipt_with(key, vec_sig, "99999999999999", "\n", bl,
	    2, &n), -1);
	assert_int_equal(receipt_with(key, vec_sig, len, "", bl, 2, &n), -1);
	assert_int_equal(n, 0);

	/* Headers out of order, or cut before their line ends. */
	buf_printf(&f, "endorse-receipt 1\nsignature %s\nkey %s\n", vec_sig,
	    key);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 2, &n), -1);
	buf_reset(&f);
	buf_printf(&f, "endorse-receipt 1\nkey %s", key);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 2, &n), -1);
	buf_reset(&f);
	buf_printf(&f, "endorse-receipt 1\nkey %s\nsignature %s\nlength %s\n",
	    key, vec_sig, len);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 2, &n), -1);
	buf_free(&f);
}

/* Blank space around blocks is a paste; more blocks than room is not. */
static void
receipt_blocks_and_room(void **state)
{
	struct rblock	bl[2];
	struct buf	f = { 0 }, one = { 0 };
	size_t		n;

	(void)state;
	buf_printf(&one, "endorse-receipt 1\nkey 56475aa75463474c\n"
	    "signature %s\nlength %zu\n\n%s", vec_sig, strlen(vec_record),
	    vec_record);
	assert_non_null(buf_cstr(&one));
	buf_printf(&f, " \t\n%s\n\n \t%s\n\n", one.p, one.p);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 2, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(bl[1].recordsz, strlen(vec_record));
	assert_memory_equal(bl[1].record, vec_record, strlen(vec_record));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 1, &n), -1);
	assert_int_equal(receipt_parse(" \n\t", 3, bl, 2, &n), -1);
	assert_int_equal(n, 0);
	buf_free(&f);
	buf_free(&one);
}

/* A signed block parsed from a record made up here. */
static void
signed_block(struct sitekey *k, struct buf *f, const char *record,
    struct rblock *bl)
{
	unsigned char	sig[SIGN_SIG_LEN];
	size_t		n;

	buf_reset(f);
	sign_bytes(k, record, strlen(record), sig);
	receipt_block(f, k->id, sig, record, strlen(record));
	assert_non_null(buf_cstr(f));
	assert_int_equal(receipt_parse(f->p, f->len, bl, 1, &n), 0);
}

static void
receipt_verdicts(void **state)
{
	struct sitekey	 k;
	struct pubkey	 keys[2];
	struct rblock	 bl;
	struct buf	 f = { 0 };
	size_t		 n;

	(void)state;
	vector_key(&k);
	assert_int_equal(keys_parse(vec_keys, strlen(vec_keys), keys, 1, &n),
	    0);
	/* A key published under the same id but another public key. */
	keys[1] = keys[0];
	keys[0].pk[0] ^= 1;
	keys[0].id[0] = 'x';
	signed_block(&k, &f, vec_record, &bl);
	assert_int_equal(receipt_check(&bl, keys, 2), RV_GENUINE);
	keys[1].pk[0] ^= 1;
	assert_int_equal(receipt_check(&bl, keys, 2), RV_BAD_SIGNATURE);
	assert_int_equal(receipt_check_file(f.p, f.len, keys, 2),
	    RV_BAD_SIGNATURE);
	keys[1].pk[0] ^= 1;
	/* Genuinely signed, but no time, or a time that is not one. */
	signed_block(&k, &f, "kind update\nstatus achieved\n", &bl);
	assert_int_equal(receipt_check(&bl, keys, 2), RV_MALFORMED);
	signed_block(&k, &f, "kind update\ntime 2026-11-16\n", &bl);
	assert_int_equal(receipt_check(&bl, keys, 2), RV_MALFORMED);
	signed_block(&k, &f, "kind update\ntime\n", &bl);
	assert_int_equal(receipt_check(&bl, keys, 2), RV_MALFORMED);
	signed_block(&k, &f, "kind update\ntime 2026-11-16T10:00:00Z", &bl);
	assert_int_equal(receipt_check(&bl, keys, 2), RV_GENUINE);
	buf_free(&f);
	sitekey_clear(&k);
}

static void
verdicts_read_as_text(void **state)
{
	(void)state;
	assert_string_equal(rverdict_text(RV_GENUINE), "genuine");
	assert_string_equal(rverdict_text(RV_MALFORMED), "not a receipt file");
	assert_string_equal(rverdict_text(RV_UNKNOWN_KEY),
	    "signed with a key the site never published");
	assert_string_equal(rverdict_text(RV_BAD_SIGNATURE),
	    "the signature does not match the record");
	assert_string_equal(rverdict_text(RV_OUTSIDE_VALIDITY),
	    "signed outside the key's validity period");
	assert_string_equal(rverdict_text((enum rverdict)99), "?");
}

/* Long names and values are cut, not refused; strings in arrays kept
 * apart from any key; a record field named like the start of another. */
static void
keys_and_records_at_the_edges(void **state)
{
	struct pubkey	 out[2];
	struct rblock	 bl[1];
	struct buf	 f = { 0 };
	char		 json[1024], longname[100], longval[300];
	char		 cr[] = "a\rb\r";
	const char	*v;
	size_t		 n, vlen;

	(void)state;
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(longval, 'v', sizeof(longval) - 1);
	longval[sizeof(longval) - 1] = '\0';
	snprintf(json, sizeof(json), "{\"%s\":\"%s\",\"keys\":[\"key_id\","
	    "{\"valid_from\":\"2026-01-01T00:00:00Z\",\"public_key\":"
	    "\"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\"}]}", longname,
	    longval);
	/* No key id: not a key. */
	assert_int_equal(keys_parse(json, strlen(json), out, 2, &n), 0);
	assert_int_equal(n, 0);
	snprintf(json, sizeof(json), "{\"keys\":[{\"key_id\":\"%s\","
	    "\"valid_from\":\"2026-01-01T00:00:00Z\",\"public_key\":"
	    "\"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\"}]}", longval);
	assert_int_equal(keys_parse(json, strlen(json), out, 2, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(strlen(out[0].id), KEY_ID_LEN);
	assert_int_equal(keys_parse("{\"a\":[1 2]}", 11, out, 2, &n), -1);
	assert_int_equal(keys_parse("{\"a\"", 4, out, 2, &n), -1);
	assert_int_equal(keys_parse("[1", 2, out, 2, &n), -1);

	v = record_field("timestamp x\ntime 2026\n", 22, "time", &vlen);
	assert_non_null(v);
	assert_int_equal(vlen, 4);
	assert_memory_equal(v, "2026", 4);
	assert_null(record_field("time\n", 5, "time", &vlen));

	/* Header lines too short, misnamed, or missing. */
	buf_printf(&f, "endorse-receipt 1\nkey\n");
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 1, &n), -1);
	buf_reset(&f);
	buf_printf(&f, "endorse-receipt 1\nkeys 56475aa75463474c\n");
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 1, &n), -1);
	buf_reset(&f);
	buf_printf(&f, "endorse-receipt 1\nkey 56475aa75463474c\nsig %s\n"
	    "length 302\n\n%s", vec_sig, vec_record);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 1, &n), -1);
	buf_reset(&f);
	buf_printf(&f, "endorse-receipt 1\nkey 56475aa75463474c\n"
	    "signature %s\nlen 302\n\n%s", vec_sig, vec_record);
	assert_non_null(buf_cstr(&f));
	assert_int_equal(receipt_parse(f.p, f.len, bl, 1, &n), -1);
	buf_free(&f);
	/* A CR that ends the text, or stands alone, stays. */
	assert_int_equal(crlf_to_lf(cr, 4), 4);
	assert_memory_equal(cr, "a\rb\r", 4);
}

/*
 * The declaration's text: a lone CR or DEL is refused, trailing tabs go;
 * as HTML, a heading closes the paragraph before it, "# " alone is
 * text, and a last line without a line feed still ends its paragraph.
 */
static void
declaration_text_edges(void **state)
{
	struct arena	*a = arena_new(4096);
	struct buf	 b = { 0 };
	const char	*t;

	(void)state;
	assert_non_null(a);
	assert_null(decl_normalise(a, "Title\r", 6));
	assert_null(decl_normalise(a, "Ti\rtle\n", 7));
	assert_null(decl_normalise(a, "Title\x7f\n", 7));
	assert_non_null(t = decl_normalise(a, "Title\t\n\t \n", 10));
	assert_string_equal(t, "Title\n");
	decl_html(&b, "Title\nline one\nline two\n# Part\n\n\ntext\n# \n"
	    "last");
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, "<p>Title<br>\nline one<br>\nline two</p>\n"
	    "<h2>Part</h2>\n<p>text<br>\n# <br>\nlast</p>\n");
	buf_reset(&b);
	decl_html(&b, "# <Heading & co>");
	assert_non_null(buf_cstr(&b));
	assert_string_equal(b.p, "<h2>&lt;Heading &amp; co&gt;</h2>\n");
	buf_free(&b);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_vector),
		cmocka_unit_test(canonical_fields),
		cmocka_unit_test(sign_and_verify),
		cmocka_unit_test(receipt_file_roundtrip),
		cmocka_unit_test(retired_key_still_verifies),
		cmocka_unit_test(keys_document_roundtrip),
		cmocka_unit_test(ledger_chain),
		cmocka_unit_test(declaration_hashes),
		cmocka_unit_test(crlf),
		cmocka_unit_test(key_file_beside_the_database),
		cmocka_unit_test(malformed_key_files_are_refused),
		cmocka_unit_test(new_key_replaces_the_old_one),
		cmocka_unit_test(key_files_that_cannot_be_made),
		cmocka_unit_test(keys_document_edges),
		cmocka_unit_test(keys_document_syntax),
		cmocka_unit_test(keys_beyond_max_are_dropped),
		cmocka_unit_test(receipt_headers_are_checked),
		cmocka_unit_test(receipt_blocks_and_room),
		cmocka_unit_test(receipt_verdicts),
		cmocka_unit_test(verdicts_read_as_text),
		cmocka_unit_test(keys_and_records_at_the_edges),
		cmocka_unit_test(declaration_text_edges),
	};

	if (token_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
