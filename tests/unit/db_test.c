/*
 * db_test.c: the database layer (src/db.c) on real SQLite files in a
 * temporary directory, where it can go wrong: files that are not a
 * database, or of a schema version this program does not know; a
 * writer that holds the lock (the wait gives up, a batch stops waiting
 * after the first give-up, the next batch waits again); the same form
 * token sent twice; a closed event; and a schema pulled from under the
 * open connection, where every reader and writer must answer an error,
 * never a half-filled result.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/resource.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "buf.h"
#include "token.h"
#include "db.h"
#include "proof.h"

static char	dir[] = "/tmp/endorse-db-test-XXXXXX";
static char	dbpath[sizeof(dir) + 16];
static struct sitekey	key;

static void
rm_db(const char *p)
{
	char	 x[512];

	snprintf(x, sizeof(x), "%s-wal", p);
	unlink(x);
	snprintf(x, sizeof(x), "%s-shm", p);
	unlink(x);
	unlink(p);
}

/* A fresh migrated database with a signing key, as endorsectl init. */
static int
setup(void **state)
{
	unsigned char	 pk[SIGN_PK_LEN];
	char		 id[KEY_ID_LEN + 1], *kpath;
	struct db	*db;
	int		 from, to;

	rm_db(dbpath);
	assert_int_equal(db_migrate(dbpath, &from, &to), 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, DB_VERSION);
	assert_non_null(kpath = sitekey_path(dbpath));
	unlink(kpath);
	assert_int_equal(sitekey_create(kpath, pk, id), 0);
	assert_non_null(db = db_open(dbpath));
	assert_int_equal(db_key_add(db, pk, id), DB_OK);
	/* The same key again: a constraint, not a second row. */
	assert_int_not_equal(db_key_add(db, pk, id), DB_OK);
	assert_int_equal(db_key_is_current(db, id), 1);
	assert_int_equal(sitekey_install(kpath), 0);
	free(kpath);
	free((char *)key.path);
	memset(&key, 0, sizeof(key));
	assert_non_null(key.path = sitekey_path(dbpath));
	assert_int_equal(sitekey_refresh(&key), 1);
	db_set_signer(db, &key);
	*state = db;
	return 0;
}

static int
teardown(void **state)
{
	db_close(*state);
	return 0;
}

/* An endorsement with form token tok and a name. */
static enum db_res
endorse(struct db *db, const char *tok, const char *name, long long event,
    struct endorsement *e)
{
	memset(e, 0, sizeof(*e));
	e->form_token = tok;
	/* The hash stands for every field: the name decides it here. */
	memset(e->hash, name[0], sizeof(e->hash));
	e->full_name = name;
	e->role = "mayor";
	e->role_other = e->region = e->organisation = "";
	e->government_level = "local";
	e->locality = "Mechelen";
	e->country = "BE";
	e->email = "ann@example.org";
	e->listed = 1;
	e->consent = 1;
	e->event_id = event;
	e->lang = "en";
	return db_endorsement_add(db, e);
}

static void
not_a_database(void **state)
{
	char	 p[sizeof(dir) + 32];
	int	 from = -1, to = -1, fd;

	(void)state;
	/* No such directory. */
	snprintf(p, sizeof(p), "%s/no/such/dir.db", dir);
	assert_int_equal(db_migrate(p, &from, &to), -1);
	assert_null(db_open(p));
	/* A file of something else. */
	snprintf(p, sizeof(p), "%s/text.db", dir);
	assert_true((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) != -1);
	assert_int_equal(write(fd, "this is not an SQLite database, "
	    "only some words that fill the first page of it\n", 80), 80);
	close(fd);
	assert_int_equal(db_migrate(p, &from, &to), -1);
	assert_null(db_open(p));
	rm_db(p);
}

/* A database a newer program made, or one never initialised. */
static void
unknown_versions(void **state)
{
	char	 p[sizeof(dir) + 32];
	sqlite3	*h;
	int	 from = -1, to = -1;

	(void)state;
	snprintf(p, sizeof(p), "%s/future.db", dir);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_migrate(p, &from, &to), -1);
	assert_null(db_open(p));
	rm_db(p);

	/* Empty (version 0): db_open asks for endorsectl init. */
	snprintf(p, sizeof(p), "%s/empty.db", dir);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_null(db_open(p));
	rm_db(p);

	/* Migrating twice does nothing the second time. */
	assert_int_equal(db_migrate(dbpath, &from, &to), 0);
	assert_int_equal(from, DB_VERSION);
	assert_int_equal(to, DB_VERSION);
}

static void
form_token_twice(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e, again;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	char			 receipt[RECEIPT_LEN + 1];

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann Example", 0, &e), DB_OK);
	memcpy(receipt, e.receipt, sizeof(receipt));
	/* The same fields: the same receipt, no second row. */
	assert_int_equal(endorse(db, tok, "Ann Example", 0, &again),
	    DB_EXISTS);
	assert_string_equal(again.receipt, receipt);
	/* Other fields under the same token: refused. */
	assert_int_equal(endorse(db, tok, "Bob Other", 0, &again),
	    DB_CONFLICT);
	/* Withdrawn, then no longer withdrawable. */
	assert_int_equal(db_endorsement_withdraw(db, e.id, receipt), DB_OK);
	assert_int_not_equal(db_endorsement_withdraw(db, e.id, receipt),
	    DB_OK);
}

static void
closed_event(void **state)
{
	struct db		*db = *state;
	struct arena		*a;
	struct event		 ev, got;
	struct endorsement	 e;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	char			 etok[B64_TOKEN_LEN + 1];

	assert_non_null(a = arena_new(4096));
	memset(&ev, 0, sizeof(ev));
	ev.name = "Forum";
	/* No kiosk token: the schema refuses it. */
	assert_int_equal(db_event_add(db, &ev), DB_ERROR);
	token_random(etok);
	ev.token = etok;
	assert_int_equal(db_event_add(db, &ev), DB_OK);
	assert_true(ev.id > 0);
	assert_int_equal(db_event_by_id(db, a, ev.id, &got), DB_OK);
	assert_string_equal(got.name, "Forum");
	assert_null(got.closed_at);
	assert_int_equal(db_event_by_token(db, a, got.token, &got), DB_OK);
	assert_int_equal(db_event_close(db, ev.id), DB_OK);
	assert_int_equal(db_event_by_id(db, a, ev.id, &got), DB_OK);
	assert_non_null(got.closed_at);
	assert_int_equal(db_event_by_id(db, a, ev.id + 1000, &got),
	    DB_NOTFOUND);
	assert_int_equal(db_event_by_token(db, a, "nope", &got), DB_NOTFOUND);
	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Cy Kiosk", ev.id, &e), DB_CLOSED);
	arena_free(a);
}

static double
since(const struct timespec *t0)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Another writer holds the lock: the wait gives up after DB_BUSY_MS,
 * and db_busy says so; within the same batch the next write gives up
 * at once; once the lock is free a write goes through.
 */
static void
lock_held_elsewhere(void **state)
{
	struct db	*db = *state;
	struct event	 ev;
	struct timespec	 t0;
	sqlite3		*h;
	char		 etok[B64_TOKEN_LEN + 1];
	double		 s;

	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	memset(&ev, 0, sizeof(ev));
	ev.name = "Held";
	token_random(etok);
	ev.token = etok;
	db_batch_begin(db);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_event_add(db, &ev), DB_ERROR);
	s = since(&t0);
	assert_true(s >= DB_BUSY_MS / 1000.0 - 0.1);
	assert_int_equal(db_busy(db), 1);
	/* The same batch: no second wait. */
	db_busy_reset(db);
	assert_int_equal(db_busy(db), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_event_add(db, &ev), DB_ERROR);
	assert_true(since(&t0) < 1.0);
	assert_int_equal(db_busy(db), 1);
	/* Nothing began: nothing to commit. */
	assert_int_equal(db_batch_end(db), 0);
	/* Free again. */
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	db_busy_reset(db);
	db_batch_begin(db);
	assert_int_equal(db_event_add(db, &ev), DB_OK);
	assert_int_equal(db_batch_end(db), 1);	/* committed */
	assert_int_equal(db_busy(db), 0);
	assert_int_equal(db_sync(db), 0);
}

/* Every table dropped by another connection. */
static void
drop_everything(void)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		 sql[128];
	char		 names[64][64];
	int		 n = 0, i;

	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM "
	    "sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < 64)
		snprintf(names[n++], sizeof(names[0]), "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_true(n > 5);
	assert_int_equal(sqlite3_exec(h, "PRAGMA foreign_keys = OFF", NULL,
	    NULL, NULL), SQLITE_OK);
	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql), "DROP TABLE \"%.60s\"",
		    names[i]);
		assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL),
		    SQLITE_OK);
	}
	sqlite3_close(h);
}

static void
schema_gone(void **state)
{
	struct db		*db = *state;
	struct arena		*a;
	struct endorsement	 e, *es;
	struct commitment	 c, *cs;
	struct cupdate		*us;
	struct event		 ev, *evs;
	struct list_row		 rows[4];
	struct list_count	 counts[DB_COUNTS_MAX];
	struct list_filter	 lf;
	struct efilter		 ef;
	struct admin_user	 u, *users;
	struct admin_session	 sess;
	struct audit_entry	*au;
	struct status_change	*sc;
	struct db_count		*dc;
	struct outbox_row	*ob;
	struct official_domain	*od;
	struct mail_counts	 mc;
	struct db_stats		 stats;
	struct decl		 d, *ds;
	struct pubkey		 pks[4];
	struct confirm_row	 cr;
	struct ledger_check	 lc;
	struct buf		 b;
	enum receipt_kind	 rk;
	unsigned char		 secret[SECRET_LEN], hash[64];
	const char		*status;
	char			 head[65];
	long long		 n1, n2, n3;
	size_t			 n;

	assert_non_null(a = arena_new(65536));
	memset(&lf, 0, sizeof(lf));
	memset(&ef, 0, sizeof(ef));
	memset(hash, 1, sizeof(hash));
	memset(&b, 0, sizeof(b));
	drop_everything();

	assert_int_equal(db_secret(db, secret), -1);
	assert_int_equal(db_list_version(db), -1);
	assert_int_equal(endorse(db, "tok", "Ann", 0, &e), DB_ERROR);
	assert_int_equal(db_endorsement_get(db, a, "ABCD", &e), DB_ERROR);
	assert_int_equal(db_receipt_kind(db, "ABCD", &rk), DB_ERROR);
	memset(&c, 0, sizeof(c));
	c.form_token = "tok";
	assert_int_equal(db_commitment_get(db, a, "ABCD", &c), DB_ERROR);
	assert_int_equal(db_commitments_of(db, a, 1, &cs, &n), -1);
	assert_int_equal(db_updates_of(db, a, 1, &us, &n), -1);
	assert_int_equal(db_endorsement_withdraw(db, 1, "ABCD"), DB_ERROR);
	assert_int_equal(db_list_signatories(db, a, &lf, rows, 4, &n), -1);
	assert_int_equal(db_list_reports(db, a, &lf, rows, 4, &n), -1);
	assert_int_equal(db_list_counts(db, a, "signatories", counts, &n), -1);
	memset(&ev, 0, sizeof(ev));
	ev.name = "Gone";
	assert_int_equal(db_event_add(db, &ev), DB_ERROR);
	assert_int_equal(db_event_by_token(db, a, "t", &ev), DB_ERROR);
	assert_int_equal(db_event_by_id(db, a, 1, &ev), DB_ERROR);
	assert_int_equal(db_event_close(db, 1), DB_ERROR);
	assert_int_equal(db_events(db, a, &evs, &n), -1);
	assert_int_equal(db_session_get(db, a, hash, &sess), DB_ERROR);
	assert_int_equal(db_user_get(db, a, "admin", &u), DB_ERROR);
	assert_int_equal(db_users(db, a, &users, &n), -1);
	assert_int_equal(db_login_failures(db, a, "admin", "127.0.0.1",
	    "-15 minutes", &n1, &n2, &n3), -1);
	assert_int_equal(db_audit_page(db, a, 10, 0, &au, &n), -1);
	assert_int_equal(db_audit_count(db, a, &n1), -1);
	assert_int_equal(db_admin_list(db, a, &ef, 10, 0, &es, &n), -1);
	assert_int_equal(db_admin_count(db, a, &ef, &n1), -1);
	assert_int_equal(db_endorsement_by_id(db, a, 1, &e), DB_ERROR);
	assert_int_equal(db_endorsement_status(db, a, 1, &status), DB_ERROR);
	assert_int_equal(db_duplicates_of(db, a, 1, &es, &n), -1);
	assert_int_equal(db_history_of(db, a, 1, &sc, &n), -1);
	assert_int_equal(db_counts(db, a, (enum db_count_kind)0, &dc, &n), -1);
	assert_int_equal(db_confirm_get(db, a, hash, &cr), DB_ERROR);
	assert_int_equal(db_outbox_due(db, a, 10, &ob, &n), -1);
	assert_int_equal(db_outbox_list(db, a, "failed", 10, &ob, &n), -1);
	assert_int_equal(db_outbox_counts(db, a, &dc, &n), -1);
	assert_int_equal(db_domains(db, a, &od, &n), -1);
	assert_int_equal(db_mail_counts(db, a, &mc), -1);
	assert_int_equal(db_stats(db, &stats), -1);
	assert_int_equal(db_keys(db, pks, 4, &n), -1);
	assert_int_equal(db_key_is_current(db, "k"), -1);
	assert_int_equal(db_ledger_head(db, &n1, head), -1);
	assert_int_equal(db_receipt_file(db, "ABCD", &b), -1);
	assert_int_equal(db_ledger_verify(db, &lc), -1);
	assert_int_equal(db_decl_get(db, a, 1, "en", &d), DB_ERROR);
	assert_int_equal(db_decl_list(db, a, &ds, &n), -1);
	assert_int_equal(db_decl_publish(db, 1, "en", "text", "sha", &n1),
	    DB_ERROR);
	buf_free(&b);
	arena_free(a);
}

/* Run sql on the database through a connection of the test's own. */
static void
exec_sql(const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(h);
}

/*
 * Each way a ledger can be broken behind the application's back (its
 * append-only triggers dropped, its checks switched off), named by
 * ledger verify at the entry where it happens.
 */
static void
ledger_verify_names_each_break(void **state)
{
	static const struct {
		const char	*sql;
		const char	*why;
	} breaks[] = {
		{ "UPDATE ledger SET seq = 7 WHERE seq = 1",
		    "its sequence number is out of order" },
		{ "UPDATE ledger SET event_sha256 = x'00' WHERE seq = 1",
		    "the entry is malformed" },
		{ "UPDATE ledger SET kind = 'nothing' WHERE seq = 1",
		    "the entry is malformed" },
		{ "UPDATE ledger SET prev_sha256 = randomblob(32) WHERE seq = 1",
		    "its previous hash is not the entry before" },
		{ "DELETE FROM endorsements",
		    "its event's row is gone" },
		{ "UPDATE ledger SET event_sha256 = randomblob(32) WHERE seq = 1",
		    "its event's row no longer matches its hash" },
		{ "UPDATE ledger SET entry_sha256 = randomblob(32) WHERE seq = 1",
		    "its entry hash does not match" },
		{ "UPDATE ledger SET signature = randomblob(64) WHERE seq = 1",
		    "its receipt's signature does not verify" },
		{ "UPDATE ledger SET signature = x'00' WHERE seq = 1",
		    "its receipt's signature does not verify" },
		{ "INSERT INTO signing_keys (key_id, public_key, valid_from) "
		  "VALUES ('0000000000000000', zeroblob(32), '2026-01-01'); "
		  "UPDATE ledger SET key_id = '0000000000000000' WHERE seq = 1",
		    "its receipt's signature does not verify" },
	};
	struct db		*db = *state;
	struct endorsement	 e;
	struct ledger_check	 lc;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], sql[512], head[65];
	size_t			 i;

	for (i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		if (i > 0) {
			teardown(state);
			setup(state);
			db = *state;
		}
		assert_int_equal(db_secret(db, secret), 0);
		form_token_new(secret, tok);
		assert_int_equal(endorse(db, tok, "Ann Example", 0, &e), DB_OK);
		assert_int_equal(db_ledger_verify(db, &lc), 0);
		assert_null(lc.why);
		assert_int_equal(lc.count, 1);
		memcpy(head, lc.head, sizeof(head));
		snprintf(sql, sizeof(sql), "PRAGMA foreign_keys = OFF; "
		    "PRAGMA ignore_check_constraints = ON; "
		    "DROP TRIGGER ledger_no_update; "
		    "DROP TRIGGER ledger_no_delete; %s", breaks[i].sql);
		exec_sql(sql);
		assert_int_equal(db_ledger_verify(db, &lc), 1);
		if (lc.why == NULL || strcmp(lc.why, breaks[i].why) != 0)
			fail_msg("%s: %s", breaks[i].sql, lc.why ? lc.why :
			    "(none)");
		assert_int_equal(lc.count, 0);
		assert_int_not_equal(lc.bad_seq, 0);
		assert_string_not_equal(lc.head, head);
	}
}

/* The first column of the first row of sql, an integer; 0 if none. */
static long long
one_int(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long long	 v = 0;

	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static long long	rows_of(const char *);

/*
 * Endorsements signed on the signing thread (db_sign_async): a batch of
 * more than its queue holds, an endorsement rolled back after its record
 * was queued (its outbox row refused), and a withdrawal of a queued
 * endorsement in the same batch.  The ledger verifies (every signature,
 * record and link), holds one entry for each stored event, none for the
 * rolled-back one, and the withdrawal's entry comes after the
 * endorsement's.
 */
static void
signed_on_a_thread(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e, last;
	struct ledger_check	 lc;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], name[32], sql[256];
	long long		 refused = 0;
	int			 i, n = 70;

	assert_int_equal(db_sign_async(db), 0);
	assert_int_equal(db_secret(db, secret), 0);
	exec_sql("CREATE TRIGGER refuse BEFORE INSERT ON outbox "
	    "WHEN NEW.recipient = 'refused@example.org' "
	    "BEGIN SELECT RAISE(ABORT, 'refused'); END");
	db_batch_begin(db);
	for (i = 0; i < n; i++) {
		form_token_new(secret, tok);
		snprintf(name, sizeof(name), "Signer %d", i);
		if (i == 5) {
			memset(&e, 0, sizeof(e));
			e.form_token = tok;
			memset(e.hash, 'r', sizeof(e.hash));
			e.full_name = name;
			e.role = "mayor";
			e.role_other = e.region = e.organisation = "";
			e.government_level = "local";
			e.locality = "Mechelen";
			e.country = "BE";
			e.email = "refused@example.org";
			e.consent = 1;
			e.lang = "en";
			assert_int_equal(db_endorsement_add(db, &e), DB_ERROR);
			refused = e.id;
			continue;
		}
		assert_int_equal(endorse(db, tok, name, 0, &e), DB_OK);
	}
	/* The last one's entry is still queued. */
	last = e;
	assert_true(refused > 0);
	assert_int_equal(db_endorsement_withdraw(db, last.id,
	    last.receipt), DB_OK);
	assert_int_equal(db_batch_end(db), 1);
	assert_int_equal(db_sync(db), 0);
	assert_int_equal(db_ledger_verify(db, &lc), 0);
	assert_null(lc.why);
	/* n - 1 endorsements (the refused one's id went to the next) and
	 * the withdrawal: a queued record of the refused one would be an
	 * entry more, and one that matches no row. */
	assert_int_equal(rows_of("endorsements"), n - 1);
	assert_int_equal(lc.count, (n - 1) + 1);
	/* The one withdrawal (its ref is its status change). */
	snprintf(sql, sizeof(sql), "SELECT (SELECT seq FROM ledger WHERE "
	    "kind = 'withdrawal') > (SELECT seq FROM ledger "
	    "WHERE kind = 'endorsement' AND ref = %lld)", last.id);
	assert_int_equal(one_int(sql), 1);
	/* And outside a batch, inline as ever. */
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Alone", 0, &e), DB_OK);
	assert_int_equal(db_ledger_verify(db, &lc), 0);
	assert_int_equal(lc.count, n + 1);
}

/*
 * A backup is a new file that reads back whole; never over a file that
 * is there, never from something that is not a database.
 */
static void
backup_new_file_only(void **state)
{
	struct db		*db = *state, *copy;
	struct endorsement	 e;
	struct ledger_check	 lc;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], p[sizeof(dir) + 32];
	char			 text[sizeof(dir) + 32];
	int			 fd;

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann Example", 0, &e), DB_OK);
	snprintf(p, sizeof(p), "%s/backup.db", dir);
	unlink(p);
	assert_int_equal(db_backup(dbpath, p), 0);
	assert_non_null(copy = db_open(p));
	assert_int_equal(db_ledger_verify(copy, &lc), 0);
	assert_int_equal(lc.count, 1);
	db_close(copy);
	/* There already: kept as it is. */
	assert_int_equal(db_backup(dbpath, p), -1);
	assert_int_equal(access(p, F_OK), 0);
	rm_db(p);
	/* From a file that is not a database: nothing left behind. */
	snprintf(text, sizeof(text), "%s/text.db", dir);
	assert_true((fd = open(text, O_WRONLY | O_CREAT | O_TRUNC, 0600)) !=
	    -1);
	assert_int_equal(write(fd, "not a database, only words that fill "
	    "the first page of what would be its header\n", 80), 80);
	close(fd);
	assert_int_equal(db_backup(text, p), -1);
	assert_int_equal(access(p, F_OK), -1);
	/* Into a folder that is not there. */
	assert_int_equal(db_backup(dbpath, "/nonexistent/dir/backup.db"), -1);
	rm_db(text);
}

/*
 * Every kind of write gives up while another writer holds the lock: in
 * a batch, after the first wait, at once; nothing begins.
 */
static void
every_write_gives_up_on_a_held_lock(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e;
	struct commitment	 c;
	struct cupdate		 u;
	unsigned char		 pk[SIGN_PK_LEN];
	struct timespec		 t0;
	sqlite3			*h;
	long long		 v;

	memset(&c, 0, sizeof(c));
	c.form_token = "tok";
	c.endorsement_id = 1;
	memset(&u, 0, sizeof(u));
	u.form_token = "tok";
	u.commitment_id = 1;
	memset(pk, 3, sizeof(pk));
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	db_batch_begin(db);
	assert_int_equal(endorse(db, "tok", "Ann", 0, &e), DB_ERROR);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_commitment_add(db, &c), DB_ERROR);
	assert_int_equal(db_update_add(db, &u), DB_ERROR);
	assert_int_equal(db_endorsement_withdraw(db, 1, "ABCD"), DB_ERROR);
	assert_int_equal(db_event_close(db, 1), DB_ERROR);
	assert_int_equal(db_confirm_set(db, 1), DB_ERROR);
	assert_int_equal(db_key_add(db, pk, "0303030303030303"), DB_ERROR);
	assert_int_equal(db_decl_publish(db, 2, "en", "Title\n", "x", &v),
	    DB_ERROR);
	assert_true(since(&t0) < 1.0);
	assert_int_equal(db_batch_end(db), 0);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_key_is_current(db, "0303030303030303"), 0);
}

/*
 * The disk refuses the write at commit (here a file size limit of one
 * byte, which the WAL cannot grow past): the write is an error, alone or
 * in a batch, and nothing is stored; with room again the same
 * connection writes.  Nothing is asserted while the limit holds, so that
 * a failure cannot leave it in place.
 */
static void
full_disk_at_commit(void **state)
{
	struct db		*db = *state;
	struct rlimit		 rl, small;
	struct endorsement	 e;
	struct db_stats		 stats;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[3][FORM_TOKEN_LEN + 1];
	void			 (*old)(int);
	enum db_res		 alone, batched;
	int			 i, end;

	assert_int_equal(db_secret(db, secret), 0);
	for (i = 0; i < 3; i++)
		form_token_new(secret, tok[i]);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
	small = rl;
	small.rlim_cur = 1;
	old = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	alone = endorse(db, tok[0], "Ann", 0, &e);
	db_batch_begin(db);
	batched = endorse(db, tok[1], "Bob", 0, &e);
	end = db_batch_end(db);
	setrlimit(RLIMIT_FSIZE, &rl);
	signal(SIGXFSZ, old);
	assert_int_equal(alone, DB_ERROR);
	assert_int_equal(batched, DB_OK);	/* a savepoint, not yet stored */
	assert_int_equal(end, -1);
	assert_int_equal(db_stats(db, &stats), 0);
	assert_int_equal(stats.endorsements, 0);
	assert_int_equal(endorse(db, tok[2], "Cy", 0, &e), DB_OK);
	assert_int_equal(db_stats(db, &stats), 0);
	assert_int_equal(stats.endorsements, 1);
}

/*
 * The WAL removed from under an open connection: the commit cannot be
 * made durable, so the write is reported as failed (the caller answers
 * 503 and a resend finds its receipt).
 */
static void
wal_removed_under_the_site(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], wal[sizeof(dbpath) + 8];

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	assert_int_equal(unlink(wal), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Bob", 0, &e), DB_ERROR);
	assert_int_equal(db_sync(db), -1);
}

/* A database named without a folder: its WAL's folder is the current. */
static void
database_in_the_current_folder(void **state)
{
	struct db		*db;
	struct endorsement	 e;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], cwd[4096];

	db_close(*state);
	*state = NULL;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	assert_non_null(db = db_open("endorse.db"));
	db_set_signer(db, &key);
	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	assert_int_equal(db_sync(db), 0);
	db_close(db);
	assert_int_equal(chdir(cwd), 0);
}

/* The number of rows of table, read through the test's own connection. */
static long long
rows_of(const char *table)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return one_int(sql);
}

static void
table_away(const char *table, int away)
{
	char	sql[160];

	snprintf(sql, sizeof(sql), "ALTER TABLE %s%s RENAME TO %s%s", table,
	    away ? "" : "_away", table, away ? "_away" : "");
	exec_sql(sql);
}

/* A report of endorsement eid under a fresh form token. */
static enum db_res
report(struct db *db, long long eid, const char *area, struct commitment *c)
{
	unsigned char	 secret[SECRET_LEN];
	static char	 tok[FORM_TOKEN_LEN + 1];

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	memset(c, 0, sizeof(*c));
	c->endorsement_id = eid;
	c->form_token = tok;
	memset(c->hash, 'c', sizeof(c->hash));
	c->area = area;
	c->title = "Welcome desk";
	c->description = "One desk for every newcomer.";
	c->means = c->indicators = c->sdg = "";
	c->status = "planned";
	c->lang = "en";
	return db_commitment_add(db, c);
}

static enum db_res
follow_up(struct db *db, long long cid, const char *status,
    struct cupdate *u)
{
	unsigned char	 secret[SECRET_LEN];
	static char	 tok[FORM_TOKEN_LEN + 1];

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	memset(u, 0, sizeof(*u));
	u->commitment_id = cid;
	u->form_token = tok;
	memset(u->hash, 'u', sizeof(u->hash));
	u->status = status;
	u->narrative = "Open since March.";
	return db_update_add(db, u);
}

/*
 * A write that fails half way (a table it needs is gone, or the schema
 * refuses a value) leaves nothing of itself: no row, no receipt, no
 * ledger entry; the same write goes through once the table is back.
 */
static void
half_done_writes_leave_nothing(void **state)
{
	static const char *const endorsement_needs[] = {
		"receipts", "declaration_texts", "ledger", "confirm_tokens",
		"outbox",
	};
	struct db		*db = *state;
	struct endorsement	 e;
	struct commitment	 c;
	struct cupdate		 u;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	long long		 cid;
	size_t			 i;

	assert_int_equal(db_secret(db, secret), 0);
	for (i = 0; i < sizeof(endorsement_needs) /
	    sizeof(endorsement_needs[0]); i++) {
		form_token_new(secret, tok);
		table_away(endorsement_needs[i], 1);
		if (endorse(db, tok, "Ann", 0, &e) != DB_ERROR)
			fail_msg("stored without %s", endorsement_needs[i]);
		table_away(endorsement_needs[i], 0);
		assert_int_equal(rows_of("endorsements"), 0);
		assert_int_equal(rows_of("receipts"), 0);
		assert_int_equal(rows_of("ledger"), 0);
	}
	/* A value the schema refuses. */
	form_token_new(secret, tok);
	memset(&e, 0, sizeof(e));
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	e.role = "emperor";
	e.form_token = "not-the-same-token-but-long-enough-0123456789";
	assert_int_equal(db_endorsement_add(db, &e), DB_ERROR);
	assert_int_equal(rows_of("endorsements"), 1);
	assert_int_equal(rows_of("receipts"), 1);

	/* A report: its receipt, its ledger entry, an area not known. */
	table_away("ledger", 1);
	assert_int_equal(report(db, e.id, "inclusion", &c), DB_ERROR);
	table_away("ledger", 0);
	table_away("receipts", 1);
	assert_int_equal(report(db, e.id, "inclusion", &c), DB_ERROR);
	table_away("receipts", 0);
	assert_int_equal(report(db, e.id, "astronomy", &c), DB_ERROR);
	assert_int_equal(rows_of("commitments"), 0);
	assert_int_equal(rows_of("receipts"), 1);
	assert_int_equal(report(db, e.id, "inclusion", &c), DB_OK);

	/* Its follow-ups: the ledger, a status not known, no such report. */
	table_away("ledger", 1);
	assert_int_equal(follow_up(db, c.id, "achieved", &u), DB_ERROR);
	table_away("ledger", 0);
	assert_int_equal(follow_up(db, c.id, "forgotten", &u), DB_ERROR);
	assert_int_equal(follow_up(db, c.id + 100, "achieved", &u), DB_ERROR);
	assert_int_equal(rows_of("commitment_updates"), 0);
	assert_int_equal(rows_of("ledger"), 2);
	assert_int_equal(follow_up(db, c.id, "achieved", &u), DB_OK);
	/* Withdrawn: no more reports or follow-ups. */
	cid = c.id;
	assert_int_equal(db_endorsement_withdraw(db, e.id, e.receipt), DB_OK);
	assert_int_equal(report(db, e.id, "work", &c), DB_CLOSED);
	assert_int_equal(follow_up(db, cid, "dropped", &u), DB_CLOSED);
	assert_int_equal(rows_of("commitments"), 1);
	assert_int_equal(rows_of("commitment_updates"), 1);
}

/*
 * Records are signed only with the site's published key: with no key,
 * with its file gone, or with a file holding a key the site never
 * published, nothing is stored.
 */
static void
signing_key_must_be_the_sites(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e;
	unsigned char		 secret[SECRET_LEN], pk[SIGN_PK_LEN];
	char			 tok[FORM_TOKEN_LEN + 1], id[KEY_ID_LEN + 1];
	char			*kpath, aside[sizeof(dbpath) + 32];

	assert_int_equal(db_secret(db, secret), 0);
	db_set_signer(db, NULL);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_ERROR);
	db_set_signer(db, &key);

	/* The file gone. */
	assert_non_null(kpath = sitekey_path(dbpath));
	snprintf(aside, sizeof(aside), "%s.aside", kpath);
	assert_int_equal(rename(kpath, aside), 0);
	key.loaded = 0;
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_ERROR);

	/* Another key in its place, never published. */
	assert_int_equal(sitekey_create(kpath, pk, id), 0);
	assert_int_equal(sitekey_install(kpath), 0);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_ERROR);
	assert_int_equal(key.loaded, 0);
	assert_int_equal(rows_of("endorsements"), 0);

	/* The published one back: signed and stored. */
	assert_int_equal(rename(aside, kpath), 0);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	assert_int_equal(rows_of("endorsements"), 1);
	free(kpath);
}

/*
 * Declaration versions: published in order only, once per language,
 * in a language the schema knows; the list grows past its first room;
 * a version in a missing language falls back to English.
 */
static void
declarations_published_in_order(void **state)
{
	struct db	*db = *state;
	struct arena	*a;
	struct decl	 d, *ds;
	char		 text[64], sha[SHA256_HEX_LEN + 1];
	long long	 v, i;
	size_t		 n;

	assert_non_null(a = arena_new(1 << 16));
	assert_int_equal(db_decl_publish(db, 9, "en", "Title\n", "x", &v),
	    DB_NOTFOUND);
	for (i = 2; i <= 13; i++) {
		snprintf(text, sizeof(text), "Version %lld\n", i);
		decl_hash(text, sha);
		assert_int_equal(db_decl_publish(db, 0, "en", text, sha, &v),
		    DB_OK);
		assert_int_equal(v, i);
		assert_int_equal(db_decl_publish(db, i, "fr", text, sha, &v),
		    DB_OK);
	}
	assert_int_equal(db_decl_publish(db, 13, "fr", text, sha, &v),
	    DB_EXISTS);
	assert_int_equal(db_decl_publish(db, 13, "xx", text, sha, &v),
	    DB_ERROR);
	table_away("declaration_versions", 1);
	assert_int_equal(db_decl_publish(db, 0, "en", text, sha, &v),
	    DB_ERROR);
	table_away("declaration_versions", 0);
	assert_int_equal(db_decl_list(db, a, &ds, &n), 0);
	assert_true(n >= 24 + 4);
	assert_int_equal(db_decl_get(db, a, 0, "es", &d), DB_OK);
	assert_int_equal(d.version, 13);
	assert_string_equal(d.lang, "en");
	assert_string_equal(d.text, "Version 13\n");
	assert_int_equal(db_decl_get(db, a, 14, "en", &d), DB_NOTFOUND);
	arena_free(a);
}

/*
 * Confirming: once, for a row that exists, with its ledger entry in
 * the same transaction.  Closing an event: once, for one that exists.
 * A ping reads inside a transaction of ours as well as outside.
 */
static void
confirmations_events_and_pings(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e;
	struct event		 ev;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	char			 etok[B64_TOKEN_LEN + 1];

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	assert_int_equal(db_confirm_set(db, e.id + 50), DB_EXISTS);
	table_away("ledger", 1);
	assert_int_equal(db_confirm_set(db, e.id), DB_ERROR);
	table_away("ledger", 0);
	assert_int_equal(rows_of("ledger"), 1);
	assert_int_equal(db_confirm_set(db, e.id), DB_OK);
	assert_int_equal(db_confirm_set(db, e.id), DB_EXISTS);
	assert_int_equal(rows_of("ledger"), 2);

	memset(&ev, 0, sizeof(ev));
	ev.name = "Forum";
	token_random(etok);
	ev.token = etok;
	assert_int_equal(db_event_add(db, &ev), DB_OK);
	assert_int_equal(db_event_add(db, &ev), DB_EXISTS);
	assert_int_equal(db_event_close(db, ev.id + 9), DB_NOTFOUND);
	assert_int_equal(db_event_close(db, ev.id), DB_OK);
	assert_int_equal(db_event_close(db, ev.id), DB_EXISTS);

	assert_int_equal(db_ping(db), 0);
	assert_int_equal(db_tx_begin(db), 0);
	assert_int_equal(db_ping(db), 0);
	db_tx_rollback(db);
	db_batch_begin(db);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Bob", 0, &e), DB_OK);
	assert_int_equal(db_ping(db), 0);
	assert_int_equal(db_batch_end(db), 1);
	assert_int_equal(rows_of("endorsements"), 2);
}

/* The user_version of the database at p, or -1. */
static int
version_of(const char *p)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	int		 v = -1;

	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/*
 * A migration that fails is undone whole: the version and the tables
 * stay as they were.  A file that claims the current version without
 * its tables is no database for the site.
 */
static void
failed_migration_changes_nothing(void **state)
{
	char	 p[sizeof(dir) + 32], sql[64];
	sqlite3	*h;
	int	 from = -1, to = -1;

	(void)state;
	snprintf(p, sizeof(p), "%s/half.db", dir);
	rm_db(p);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE endorsements (x); "
	    "PRAGMA user_version = 0", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_migrate(p, &from, &to), -1);
	assert_int_equal(version_of(p), 0);
	assert_int_equal(to, -1);
	assert_null(db_open(p));
	rm_db(p);

	snprintf(sql, sizeof(sql), "CREATE TABLE t (x); PRAGMA user_version "
	    "= %d", DB_VERSION);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_null(db_open(p));
	rm_db(p);
}

/* An endorsement's INSERT as the site makes it, with role and lang open. */
#define INSERT_ENDORSEMENT \
	"INSERT INTO endorsements (declaration_id, receipt, form_token, " \
	"fields_hash, full_name, role, government_level, locality, " \
	"country, email, listed, consent, lang) VALUES (1, 'R', " \
	"'TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT', zeroblob(32), 'A B', ?, " \
	"'local', 'Mechelen', 'BE', 'a@b.be', 1, 1, ?)"

/*
 * Whether the program of sql builds a temporary B-tree: 1, 0.  Only the
 * statement's own program counts, where the CHECKs are; the programs of
 * its triggers follow it in EXPLAIN, each from address 0 again.
 */
static int
builds_ephemeral(sqlite3 *h, const char *sql)
{
	sqlite3_stmt	*st;
	char		 x[512];
	int		 found = 0, rows = 0;

	snprintf(x, sizeof(x), "EXPLAIN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(h, x, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (rows++ > 0 && sqlite3_column_int(st, 0) == 0)
			break;
		if (strcmp((const char *)sqlite3_column_text(st, 1),
		    "OpenEphemeral") == 0)
			found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* The result of INSERT_ENDORSEMENT with role and lang, undone after. */
static int
insert_endorsement(sqlite3 *h, const char *role, const char *lang)
{
	sqlite3_stmt	*st;
	int		 rc;

	assert_int_equal(sqlite3_exec(h, "SAVEPOINT x", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, INSERT_ENDORSEMENT, -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK TO x; RELEASE x", NULL,
	    NULL, NULL), SQLITE_OK);
	return rc;
}

/*
 * The CHECK lists are compared value by value (an IN list of three or
 * more builds a temporary B-tree on every run of the statement), and
 * they still refuse what they refused.
 */
static void
check_lists_build_no_btree(void **state)
{
	sqlite3	*h;

	(void)state;
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	sqlite3_extended_result_codes(h, 1);
	assert_int_equal(builds_ephemeral(h, INSERT_ENDORSEMENT), 0);
	assert_int_equal(builds_ephemeral(h, "INSERT INTO commitments "
	    "(endorsement_id, receipt, area, title, status) "
	    "VALUES (1, 'R', ?, 'x', ?)"), 0);
	assert_int_equal(builds_ephemeral(h, "UPDATE outbox SET status = ?"),
	    0);
	assert_int_equal(builds_ephemeral(h, "INSERT INTO ledger (kind, ref, "
	    "event_sha256, prev_sha256, entry_sha256) VALUES (?, ?, ?, ?, ?)"),
	    0);
	/* The test can fail: an IN list of three does build one. */
	assert_int_equal(builds_ephemeral(h,
	    "SELECT 1 WHERE ? IN ('a', 'b', 'c')"), 1);
	assert_int_equal(insert_endorsement(h, "governor", "ar"), SQLITE_DONE);
	assert_int_equal(insert_endorsement(h, "council_member", "fr"),
	    SQLITE_DONE);
	assert_int_equal(insert_endorsement(h, "king", "en"),
	    SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(insert_endorsement(h, "mayor", "de"),
	    SQLITE_CONSTRAINT_CHECK);
	assert_int_equal(insert_endorsement(h, "Mayor", "en"),
	    SQLITE_CONSTRAINT_CHECK);
	sqlite3_close(h);
}

/*
 * The home page's counts follow every write, whoever makes it: another
 * connection's commit and this connection's own, between two reads that
 * would otherwise give the counts kept from the first.
 */
static void
stats_follow_every_write(void **state)
{
	struct db		*db = *state;
	struct db_stats		 s;
	struct endorsement	 e;
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	sqlite3			*h;

	assert_int_equal(db_stats(db, &s), 0);
	assert_int_equal(s.endorsements, 0);
	assert_int_equal(db_stats(db, &s), 0);
	assert_int_equal(s.endorsements, 0);

	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO endorsement_counts "
	    "(status, country, n) VALUES ('verified', 'FR', 5)", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(db_stats(db, &s), 0);
	assert_int_equal(s.endorsements, 5);
	assert_int_equal(s.verified, 5);
	assert_int_equal(s.countries, 1);

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	assert_int_equal(db_stats(db, &s), 0);
	assert_int_equal(s.endorsements, 6);
	assert_int_equal(s.verified, 5);

	assert_int_equal(sqlite3_exec(h, "UPDATE endorsement_counts SET n = 0 "
	    "WHERE country = 'FR'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_stats(db, &s), 0);
	assert_int_equal(s.endorsements, 1);
	assert_int_equal(s.verified, 0);
	sqlite3_close(h);
}

/* Counts the rows it is given; refuses the one after *limit. */
static int
count_rows(void *arg, const char *const *vals, size_t n)
{
	long long	*seen = arg;

	(void)vals;
	(void)n;
	return ++seen[0] > seen[1] ? -1 : 0;
}

/*
 * The generic reader: a caller that stops it stops it at once; a query
 * number out of the table or more parameters than the query takes are
 * refused before anything runs.  The console's filter: empty fields
 * are none, LIKE's own characters are matched as themselves, and the
 * later of since and from wins.
 */
static void
generic_reads_and_the_filter(void **state)
{
	struct db		*db = *state;
	struct arena		*a;
	struct endorsement	 e;
	struct efilter		 f;
	struct dbparam		 p[EFILTER_NPARAMS], many[40];
	unsigned char		 secret[SECRET_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	long long		 seen[2], n;
	struct endorsement	*es;
	size_t			 i, got;

	assert_non_null(a = arena_new(1 << 16));
	assert_int_equal(db_secret(db, secret), 0);
	for (i = 0; i < 3; i++) {
		form_token_new(secret, tok);
		assert_int_equal(endorse(db, tok, i == 1 ? "Ann_100%" : "Ann",
		    0, &e), DB_OK);
	}
	memset(&f, 0, sizeof(f));
	assert_int_equal(db_efilter(a, &f, p), 0);
	seen[0] = 0;
	seen[1] = 100;
	assert_int_equal(db_each(db, DBQ_E_EXPORT, p, EFILTER_NPARAMS,
	    count_rows, seen), 0);
	assert_int_equal(seen[0], 3);
	seen[0] = 0;
	seen[1] = 0;
	assert_int_equal(db_each(db, DBQ_E_EXPORT, p, EFILTER_NPARAMS,
	    count_rows, seen), -1);
	assert_int_equal(seen[0], 1);
	assert_int_equal(db_each(db, (enum dbq)DBQ__MAX, NULL, 0, count_rows,
	    seen), -1);
	memset(many, 0, sizeof(many));
	assert_int_equal(db_each(db, DBQ_E_EXPORT, many, 40, count_rows,
	    seen), -1);
	assert_int_equal(db_run(db, (enum dbq)DBQ__MAX, NULL, 0, NULL),
	    DB_ERROR);

	/* Empty strings filter nothing; "_100%" is those five characters. */
	f.status = f.country = f.from = f.to = f.since = "";
	f.q = "";
	assert_int_equal(db_admin_count(db, a, &f, &n), 0);
	assert_int_equal(n, 3);
	f.q = "_100%";
	assert_int_equal(db_efilter(a, &f, p), 0);
	assert_string_equal(p[5].s, "%\\_100\\%%");
	assert_int_equal(db_admin_count(db, a, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_admin_list(db, a, &f, 10, 0, &es, &got), 0);
	assert_int_equal(got, 1);
	assert_string_equal(es[0].full_name, "Ann_100%");
	/* Since and from: the later day. */
	f.q = NULL;
	f.from = "2026-01-01";
	f.since = "2026-06-01";
	assert_int_equal(db_efilter(a, &f, p), 0);
	assert_string_equal(p[3].s, "2026-06-01");
	f.since = "2025-06-01";
	assert_int_equal(db_efilter(a, &f, p), 0);
	assert_string_equal(p[3].s, "2026-01-01");
	f.from = NULL;
	assert_int_equal(db_efilter(a, &f, p), 0);
	assert_string_equal(p[3].s, "2025-06-01");
	f.from = "2999-01-01";
	f.since = NULL;
	assert_int_equal(db_admin_count(db, a, &f, &n), 0);
	assert_int_equal(n, 0);
	arena_free(a);
}

/*
 * Rows broken behind the application's back are left out, not passed
 * on: a public key of the wrong length from the keys, a ledger entry
 * whose signature or kind is malformed or whose row is gone from a
 * receipt file.  A list of keys stops at the room given.
 */
static void
broken_rows_are_left_out(void **state)
{
	struct db		*db = *state;
	struct endorsement	 e;
	struct pubkey		 keys[4];
	struct buf		 b = { 0 };
	unsigned char		 secret[SECRET_LEN], pk[SIGN_PK_LEN];
	char			 tok[FORM_TOKEN_LEN + 1];
	size_t			 n;

	memset(pk, 5, sizeof(pk));
	assert_int_equal(db_key_add(db, pk, "0505050505050505"), DB_OK);
	assert_int_equal(db_keys(db, keys, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(db_keys(db, keys, 1, &n), 0);
	assert_int_equal(n, 1);

	assert_int_equal(db_secret(db, secret), 0);
	form_token_new(secret, tok);
	assert_int_equal(endorse(db, tok, "Ann", 0, &e), DB_OK);
	assert_int_equal(db_confirm_set(db, e.id), DB_OK);
	assert_int_equal(db_receipt_file(db, e.receipt, &b), 2);
	exec_sql("PRAGMA ignore_check_constraints = ON; "
	    "DROP TRIGGER ledger_no_update; "
	    "UPDATE ledger SET signature = x'00' WHERE seq = 2; "
	    "DROP TRIGGER signing_keys_retire_only; "
	    "UPDATE signing_keys SET public_key = x'05' "
	    "WHERE key_id = '0505050505050505'");
	buf_reset(&b);
	assert_int_equal(db_receipt_file(db, e.receipt, &b), 1);
	assert_int_equal(db_keys(db, keys, 4, &n), 0);
	assert_int_equal(n, 1);
	exec_sql("PRAGMA ignore_check_constraints = ON; "
	    "UPDATE ledger SET kind = 'nothing' WHERE seq = 1");
	buf_reset(&b);
	assert_int_equal(db_receipt_file(db, e.receipt, &b), 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(not_a_database),
		cmocka_unit_test_setup_teardown(unknown_versions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_token_twice, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(closed_event, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(lock_held_elsewhere, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(schema_gone, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(ledger_verify_names_each_break,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(backup_new_file_only, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    every_write_gives_up_on_a_held_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(full_disk_at_commit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(wal_removed_under_the_site,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(database_in_the_current_folder,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(half_done_writes_leave_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(signing_key_must_be_the_sites,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    declarations_published_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    confirmations_events_and_pings, setup, teardown),
		cmocka_unit_test(failed_migration_changes_nothing),
		cmocka_unit_test_setup_teardown(signed_on_a_thread, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check_lists_build_no_btree,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(stats_follow_every_write,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(generic_reads_and_the_filter,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(broken_rows_are_left_out,
		    setup, teardown),
	};
	char	*kpath;
	int	 rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(dbpath, sizeof(dbpath), "%s/endorse.db", dir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rm_db(dbpath);
	if ((kpath = sitekey_path(dbpath)) != NULL) {
		unlink(kpath);
		free(kpath);
	}
	free((char *)key.path);
	rmdir(dir);
	return rc;
}
