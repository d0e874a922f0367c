/*
 * proof_bench.c: what signing and the ledger cost a submission.  Not a
 * test (make check builds it, nothing runs it): run it by hand,
 *
 *	tests/bench/proof_bench [N]
 *
 * It times, on a fresh database in a temporary directory:
 *   - Ed25519 signing of a typical endorsement record (crypto_sign);
 *   - storing N endorsements with db_endorsement_add inside one batch
 *     (the worker's group commit; no fsync counted), every one with its
 *     ledger entry and signature, as the site does;
 *   - the same work split: rebuilding and hashing a record plus checking
 *     the chain, per entry ("ledger verify" over the N entries).
 * Times are the process's CPU time, so that a busy machine (the shared
 * development box) does not inflate them; the disk's fsync, once per
 * batch, is not in them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "log.h"
#include "db.h"
#include "proof.h"

/* CPU seconds used by this process. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct sitekey		 k;
	struct endorsement	 e;
	struct ledger_check	 lc;
	struct buf		 rec = { 0 };
	struct db		*db;
	unsigned char		 pk[SIGN_PK_LEN], sig[SIGN_SIG_LEN];
	char			 dir[] = "/tmp/proof_bench.XXXXXX", db_path[64];
	char			 id[KEY_ID_LEN + 1], tok[64];
	double			 t0, sign_us, add_us, verify_us;
	int			 n = argc > 1 ? atoi(argv[1]) : 2000, i, from,
				 to, rounds = 20000;

	if (token_init() == -1 || mkdtemp(dir) == NULL || n < 1)
		return 1;
	snprintf(db_path, sizeof(db_path), "%s/endorse.db", dir);
	memset(&k, 0, sizeof(k));
	if (db_migrate(db_path, &from, &to) == -1 ||
	    (k.path = sitekey_path(db_path)) == NULL ||
	    sitekey_create(k.path, pk, id) == -1 ||
	    sitekey_install(k.path) == -1 || (db = db_open(db_path)) == NULL ||
	    db_key_add(db, pk, id) != DB_OK || sitekey_refresh(&k) != 1)
		return 1;
	db_set_signer(db, &k);

	/* A typical record: every endorsement field filled. */
	buf_puts(&rec, "kind endorsement\nreceipt 7QK2M9X4TBWV3ZJ8H5NR6CYD\n"
	    "time 2026-11-16T10:00:00Z\ndeclaration mechelen-2017\n"
	    "declaration_version 1\ndeclaration_sha256 1c1dc6735619d4ed6915d9"
	    "3f37b8491ab10ef6b4d67463c9e70ec66c28fcef92\nfull_name Bart "
	    "Somers\nrole mayor\nrole_other \ngovernment_level local\n"
	    "locality Mechelen\nregion Flanders\ncountry BE\nemail "
	    "mayor@mechelen.be\norganisation City of Mechelen\nlisted true\n"
	    "consent true\nevent \nsignature_sha256 \nlang en\n");
	t0 = now();
	for (i = 0; i < rounds; i++)
		sign_bytes(&k, rec.p, rec.len, sig);
	sign_us = (now() - t0) * 1e6 / rounds;

	t0 = now();
	db_batch_begin(db);
	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		snprintf(tok, sizeof(tok), "bench-token-%040d", i);
		e.form_token = tok;
		randombytes_buf(e.hash, sizeof(e.hash));
		e.full_name = "Bart Somers";
		e.role = "mayor";
		e.role_other = "";
		e.government_level = "local";
		e.locality = "Mechelen";
		e.region = "Flanders";
		e.country = "BE";
		e.email = "mayor@mechelen.be";
		e.organisation = "City of Mechelen";
		e.listed = 1;
		e.consent = 1;
		e.lang = "en";
		if (db_endorsement_add(db, &e) != DB_OK)
			return 1;
	}
	if (db_batch_end(db) == -1)
		return 1;
	add_us = (now() - t0) * 1e6 / n;

	t0 = now();
	if (db_ledger_verify(db, &lc) != 0 || lc.count != n)
		return 1;
	verify_us = (now() - t0) * 1e6 / n;

	printf("record of %zu bytes: Ed25519 signature %.1f us\n", rec.len,
	    sign_us);
	printf("endorsement stored with its ledger entry and signature, in a "
	    "batch: %.1f us each (%d)\n", add_us, n);
	printf("ledger verify (rebuild record, SHA-256, chain, signature "
	    "check): %.1f us per entry\n", verify_us);
	db_close(db);
	unlink(k.path);
	unlink(db_path);
	snprintf(db_path, sizeof(db_path), "%s/endorse.db-wal", dir);
	unlink(db_path);
	snprintf(db_path, sizeof(db_path), "%s/endorse.db-shm", dir);
	unlink(db_path);
	rmdir(dir);
	sitekey_clear(&k);
	buf_free(&rec);
	return 0;
}
