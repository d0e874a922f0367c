/*
 * proof.c: endorsectl's commands for what makes the record checkable:
 * "key generate", "verify-receipt FILE [--keys KEYS.json]", "ledger
 * verify", "declaration list" and "declaration publish FILE --lang L
 * [--version N]".
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
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
#include "db.h"
#include "proof.h"
#include "ctl/ctl.h"

#define KEYS_MAX	64
#define FILE_MAX	(16 * 1024 * 1024)


static struct db *
open_db(const char *path)
{
	struct db	*db;

	if ((db = db_open(path)) == NULL)
		fprintf(stderr, "%s: %s: cannot open the database\n",
		    progname, path);
	return db;
}

/* A whole file ("-": standard input) into a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p = NULL, *q;
	size_t	 cap = 0, n;

	*len = 0;
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (*len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > FILE_MAX || (q = realloc(p, cap)) == NULL) {
				fprintf(stderr, "%s: %s: too big\n", progname,
				    path);
				free(p);
				p = NULL;
				break;
			}
			p = q;
		}
		n = fread(p + *len, 1, cap - *len - 1, f);
		*len += n;
		if (n == 0) {
			if (ferror(f)) {
				fprintf(stderr, "%s: %s: read error\n",
				    progname, path);
				free(p);
				p = NULL;
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (p != NULL)
		p[*len] = '\0';
	return p;
}

/* ---- key generate ------------------------------------------------------- */

/*
 * A new key: its file first (as signing.key.new), then the database
 * retires the old key and publishes the new one, then the file takes
 * its place.  A worker reads the file again when it changes.
 */
static int
key_generate(const char *dbpath, struct db *db, char id[KEY_ID_LEN + 1])
{
	unsigned char	 pk[SIGN_PK_LEN];
	char		*kpath;
	int		 rc = -1;

	if ((kpath = sitekey_path(dbpath)) == NULL)
		return -1;
	if (sitekey_create(kpath, pk, id) == -1) {
		fprintf(stderr, "%s: %s: cannot write the key\n", progname,
		    kpath);
	} else if (db_key_add(db, pk, id) != DB_OK) {
		fprintf(stderr, "%s: cannot publish the new key\n", progname);
		sitekey_discard(kpath);
	} else if (sitekey_install(kpath) == -1)
		fprintf(stderr, "%s: %s: cannot install the key\n", progname,
		    kpath);
	else
		rc = 0;
	free(kpath);
	return rc;
}

/*
 * A key file is needed, and it must hold the key the database publishes
 * as current: after a restore of an older backup, or a key file copied
 * from elsewhere, the workers would refuse to sign with it.  Either way a
 * new key is made (the database's keys all stay published).
 */
int
ctl_key_ensure(const char *dbpath)
{
	struct stat	 st;
	struct sitekey	 k;
	struct db	*db;
	char		 id[KEY_ID_LEN + 1];
	int		 rc = 0, current = 0, had;

	memset(&k, 0, sizeof(k));
	if ((k.path = sitekey_path(dbpath)) == NULL)
		return -1;
	had = stat(k.path, &st) == 0;
	if ((db = open_db(dbpath)) == NULL) {
		sitekey_clear(&k);
		return -1;
	}
	if (had && sitekey_refresh(&k) == 1)
		current = db_key_is_current(db, k.id) == 1;
	if (!current) {
		if (key_generate(dbpath, db, id) == -1)
			rc = -1;
		else if (had)
			printf("%s: the signing key was not the published one: "
			    "new key %s made\n", dbpath, id);
		else
			printf("%s: signing key %s made\n", dbpath, id);
	}
	db_close(db);
	sitekey_clear(&k);
	return rc;
}

int
ctl_ledger_backfill(const char *dbpath)
{
	struct db	*db;
	int		 n;

	if ((db = open_db(dbpath)) == NULL)
		return -1;
	n = db_ledger_backfill(db);
	db_close(db);
	if (n == -1) {
		fprintf(stderr, "%s: %s: cannot put the earlier events into "
		    "the ledger\n", progname, dbpath);
		return -1;
	}
	if (n > 0)
		printf("%s: %d earlier events entered into the ledger\n",
		    dbpath, n);
	return 0;
}

int
cmd_key(const char *path, int argc, char *argv[])
{
	struct db	*db;
	char		 id[KEY_ID_LEN + 1];
	int		 rc;

	if (argc != 1 || strcmp(argv[0], "generate") != 0) {
		fprintf(stderr, "usage: %s [--db FILE] key generate\n",
		    progname);
		return 2;
	}
	if ((db = open_db(path)) == NULL)
		return 1;
	rc = key_generate(path, db, id);
	db_close(db);
	if (rc == -1)
		return 1;
	printf("%s\n", id);
	return 0;
}

/* ---- verify-receipt ------------------------------------------------------ */

/* The keys to check against: a keys document, or the database's. */
static int
load_keys(const char *dbpath, const char *keysfile, struct pubkey *keys,
    size_t *n)
{
	struct db	*db;
	char		*json;
	size_t		 len;
	int		 rc;

	if (keysfile != NULL) {
		if ((json = slurp(keysfile, &len)) == NULL)
			return -1;
		rc = keys_parse(json, len, keys, KEYS_MAX, n);
		free(json);
		if (rc == -1 || *n == 0) {
			fprintf(stderr, "%s: %s: not a keys document "
			    "(/.well-known/endorse-keys)\n", progname,
			    keysfile);
			return -1;
		}
		return 0;
	}
	if ((db = open_db(dbpath)) == NULL)
		return -1;
	rc = db_keys(db, keys, KEYS_MAX, n);
	db_close(db);
	return rc;
}

int
cmd_verify_receipt(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "keys", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct pubkey	 keys[KEYS_MAX];
	struct rblock	*b = NULL;
	const char	*keysfile = NULL, *file, *v;
	enum rverdict	 verdict = RV_GENUINE;
	char		*text;
	size_t		 len, nkeys, n = 0, i, vlen;
	int		 c;

	/* getopt skips argv[0]: start at the command's own name. */
	argc++;
	argv--;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'k')
			goto usage;
		keysfile = optarg;
	}
	if (argc - optind != 1)
		goto usage;
	file = argv[optind];
	if (load_keys(path, keysfile, keys, &nkeys) == -1)
		return 1;
	if ((text = slurp(file, &len)) == NULL)
		return 1;
	len = crlf_to_lf(text, len);
	if ((b = calloc(RECEIPT_BLOCKS_MAX, sizeof(*b))) == NULL ||
	    receipt_parse(text, len, b, RECEIPT_BLOCKS_MAX, &n) == -1)
		verdict = RV_MALFORMED;
	for (i = 0; verdict == RV_GENUINE && i < n; i++)
		verdict = receipt_check(&b[i], keys, nkeys);
	if (verdict != RV_GENUINE) {
		fprintf(stderr, "%s: %s: not genuine: %s\n", progname, file,
		    rverdict_text(verdict));
		free(b);
		free(text);
		return 1;
	}
	printf("genuine\n");
	for (i = 0; i < n; i++) {
		printf("%s", "  ");
		v = record_field(b[i].record, b[i].recordsz, "kind", &vlen);
		printf("%.*s", v ? (int)vlen : 1, v ? v : "?");
		v = record_field(b[i].record, b[i].recordsz, "receipt", &vlen);
		printf(" %.*s", v ? (int)vlen : 1, v ? v : "?");
		v = record_field(b[i].record, b[i].recordsz, "time", &vlen);
		printf(" %.*s key %s\n", v ? (int)vlen : 1, v ? v : "?",
		    b[i].key_id);
	}
	free(b);
	free(text);
	return 0;
usage:
	fprintf(stderr, "usage: %s [--db FILE] verify-receipt FILE "
	    "[--keys KEYS.json]\n", progname);
	return 2;
}

/* ---- ledger verify --------------------------------------------------------- */

int
cmd_ledger(const char *path, int argc, char *argv[])
{
	struct ledger_check	 lc;
	struct db		*db;
	int			 rc;

	if (argc != 1 || strcmp(argv[0], "verify") != 0) {
		fprintf(stderr, "usage: %s [--db FILE] ledger verify\n",
		    progname);
		return 2;
	}
	if ((db = open_db(path)) == NULL)
		return 1;
	rc = db_ledger_verify(db, &lc);
	db_close(db);
	if (rc == -1) {
		fprintf(stderr, "%s: %s: database error\n", progname, path);
		return 1;
	}
	if (rc == 1 && lc.bad_seq == 0) {
		fprintf(stderr, "%s: %s %lld is in no ledger entry: it was "
		    "stored behind the application's back; the %lld entries "
		    "are good\n", progname, lc.kind, lc.ref, lc.count);
		return 1;
	}
	if (rc == 1) {
		fprintf(stderr, "%s: ledger entry %lld (%s %lld) does not "
		    "match: %s; the %lld entries before it are good\n",
		    progname, lc.bad_seq, lc.kind, lc.ref, lc.why, lc.count);
		return 1;
	}
	printf("ok %lld %s\n", lc.count, lc.head);
	return 0;
}

/* ---- declaration list | publish ------------------------------------------- */

static int
decl_list(const char *path)
{
	struct decl	*d;
	struct arena	*a;
	struct db	*db;
	size_t		 i, n;
	int		 rc = 1;

	if ((db = open_db(path)) == NULL)
		return 1;
	if ((a = arena_new(4096)) != NULL &&
	    db_decl_list(db, a, &d, &n) == 0) {
		for (i = 0; i < n; i++)
			printf("%lld %s %s %s %zu\n", d[i].version, d[i].lang,
			    d[i].sha256, d[i].published_at, d[i].textsz);
		rc = 0;
	} else
		fprintf(stderr, "%s: %s: database error\n", progname, path);
	arena_free(a);
	db_close(db);
	return rc;
}

static int
decl_publish(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const langs[] = { "en", "fr", "es", "ar", NULL };
	const char	*lang = NULL, *text;
	struct arena	*a = NULL;
	struct db	*db = NULL;
	char		*raw = NULL, *end, hex[SHA256_HEX_LEN + 1];
	long long	 version = 0, got;
	size_t		 len, i;
	int		 c, rc = 1;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			lang = optarg;
			break;
		case 'v':
			errno = 0;
			version = strtoll(optarg, &end, 10);
			if (*end != '\0' || errno != 0 || version < 1 ||
			    optarg[0] < '1' || optarg[0] > '9')
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	/* argv[0], "publish", is skipped by getopt; FILE is left. */
	if (argc - optind != 1 || lang == NULL)
		goto usage;
	for (i = 0; langs[i] != NULL; i++)
		if (strcmp(langs[i], lang) == 0)
			break;
	if (langs[i] == NULL) {
		fprintf(stderr, "%s: --lang: one of en, fr, es, ar\n",
		    progname);
		return 2;
	}
	if ((raw = slurp(argv[optind], &len)) == NULL)
		return 1;
	if ((a = arena_new(len + 4096)) == NULL)
		goto out;
	if ((text = decl_normalise(a, raw, len)) == NULL) {
		fprintf(stderr, "%s: %s: not UTF-8 text (or empty)\n",
		    progname, argv[optind]);
		goto out;
	}
	decl_hash(text, hex);
	if ((db = open_db(path)) == NULL)
		goto out;
	switch (db_decl_publish(db, version, lang, text, hex, &got)) {
	case DB_OK:
		printf("%lld %s %s\n", got, lang, hex);
		rc = 0;
		break;
	case DB_EXISTS:
		fprintf(stderr, "%s: version %lld already has a text in %s; "
		    "a published text never changes\n", progname, version,
		    lang);
		break;
	case DB_NOTFOUND:
		fprintf(stderr, "%s: no version %lld to add a language to\n",
		    progname, version);
		break;
	default:
		fprintf(stderr, "%s: %s: database error\n", progname, path);
		break;
	}
out:
	db_close(db);
	arena_free(a);
	free(raw);
	return rc;
usage:
	fprintf(stderr, "usage: %s [--db FILE] declaration publish FILE "
	    "--lang en|fr|es|ar [--version N]\n", progname);
	return 2;
}

int
cmd_declaration(const char *path, int argc, char *argv[])
{
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return decl_list(path);
	if (argc >= 1 && strcmp(argv[0], "publish") == 0)
		return decl_publish(path, argc, argv);
	fprintf(stderr, "usage: %s [--db FILE] declaration list\n"
	    "       %s [--db FILE] declaration publish FILE --lang L "
	    "[--version N]\n", progname, progname);
	return 2;
}
