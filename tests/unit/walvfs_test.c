/*
 * walvfs_test.c: the VFS that gathers a transaction's WAL frames into
 * one write (src/walvfs.c), on real files: a transaction larger than
 * the buffer and than one write of the unix VFS commits whole; another
 * connection sees a commit as soon as it returns and never a
 * transaction that has not committed; a write the file system refuses
 * fails the commit, leaves the database whole and the row absent; and
 * the file holds a committed transaction's frames before COMMIT
 * returns, so a process that dies right after loses nothing.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"

static char	dir[] = "/tmp/endorse-walvfs-test-XXXXXX";
static char	path[sizeof(dir) + 16];

static sqlite3 *
connect(void)
{
	sqlite3	*h = NULL;

	assert_int_equal(sqlite3_open_v2(path, &h,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA wal_autocheckpoint = 0;", NULL, NULL, NULL), SQLITE_OK);
	return h;
}

static long long
count(sqlite3 *h)
{
	sqlite3_stmt	*st;
	long long	 n = -1;

	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM t", -1,
	    &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int
integrity_ok(sqlite3 *h)
{
	sqlite3_stmt	*st;
	int		 ok = 0;

	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1,
	    &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok;
}

static void
remove_db(void)
{
	char	x[sizeof(path) + 8];

	snprintf(x, sizeof(x), "%s-wal", path);
	unlink(x);
	snprintf(x, sizeof(x), "%s-shm", path);
	unlink(x);
	unlink(path);
}

static int
setup(void **state)
{
	sqlite3	*h;

	(void)state;
	remove_db();
	h = connect();
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (k BLOB PRIMARY KEY, "
	    "v BLOB) WITHOUT ROWID", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	return 0;
}

/* 3 MiB of random keys: several buffers, each more than one write. */
static void
large_transaction(void **state)
{
	sqlite3	*h, *r;
	char	*err = NULL;

	(void)state;
	h = connect();
	assert_int_equal(sqlite3_exec(h, "BEGIN; WITH RECURSIVE n(i) AS "
	    "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
	    "INSERT INTO t SELECT randomblob(16), randomblob(500) FROM n; "
	    "COMMIT", NULL, NULL, &err), SQLITE_OK);
	sqlite3_free(err);
	r = connect();
	assert_int_equal(count(r), 6000);
	assert_true(integrity_ok(r));
	sqlite3_close(r);
	/* Checkpointed into the database file, it reads the same. */
	assert_int_equal(sqlite3_wal_checkpoint_v2(h, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), SQLITE_OK);
	assert_int_equal(count(h), 6000);
	sqlite3_close(h);
}

/* A reader sees each commit when it returns, and nothing before. */
static void
commits_visible_at_once(void **state)
{
	sqlite3	*w, *r;
	int	 i;

	(void)state;
	w = connect();
	r = connect();
	for (i = 1; i <= 50; i++) {
		assert_int_equal(sqlite3_exec(w, "BEGIN; INSERT INTO t VALUES "
		    "(randomblob(16), randomblob(3000)); INSERT INTO t VALUES "
		    "(randomblob(16), randomblob(3000))", NULL, NULL, NULL),
		    SQLITE_OK);
		assert_int_equal(count(r), 2 * (i - 1));
		assert_int_equal(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL),
		    SQLITE_OK);
		assert_int_equal(count(r), 2 * i);
	}
	sqlite3_close(r);
	sqlite3_close(w);
}

/*
 * The frames are in the file when COMMIT returns: a child that commits
 * and dies at once, without closing anything, loses no row.
 */
static void
commit_survives_process_death(void **state)
{
	sqlite3	*h;
	pid_t	 pid;
	int	 status;

	(void)state;
	if ((pid = fork()) == 0) {
		h = connect();
		if (sqlite3_exec(h, "BEGIN; INSERT INTO t VALUES (x'01', "
		    "randomblob(100)); INSERT INTO t VALUES (x'02', "
		    "randomblob(100)); COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		/* Killed, not exited: nothing of it runs after COMMIT (not
		 * even valgrind's leak check, which would fail the exit). */
		kill(getpid(), SIGKILL);
		_exit(2);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	h = connect();
	assert_int_equal(count(h), 2);
	sqlite3_close(h);
}

/*
 * A file size limit makes the WAL's write fail: the commit fails, the
 * reader sees no row of it, and with the limit gone the database is
 * whole and takes the same rows.
 */
static void
refused_write_fails_commit(void **state)
{
	struct rlimit	 old, lim;
	struct stat	 st;
	sqlite3		*h, *r;
	char		 wal[sizeof(path) + 8];
	int		 rc;

	(void)state;
	h = connect();
	r = connect();
	snprintf(wal, sizeof(wal), "%s-wal", path);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO t VALUES (x'00', 1)",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(stat(wal, &st), 0);
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = (rlim_t)st.st_size + 20000;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	rc = sqlite3_exec(h, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION "
	    "ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO t SELECT "
	    "randomblob(16), randomblob(1000) FROM n; COMMIT", NULL, NULL,
	    NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_not_equal(rc, SQLITE_OK);
	if (!sqlite3_get_autocommit(h))
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	assert_int_equal(count(r), 1);
	assert_int_equal(count(h), 1);
	assert_int_equal(sqlite3_exec(h, "BEGIN; WITH RECURSIVE n(i) AS "
	    "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT "
	    "INTO t SELECT randomblob(16), randomblob(1000) FROM n; COMMIT",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(count(r), 41);
	sqlite3_close(r);
	sqlite3_close(h);
	/* A new connection reads the WAL from the file alone. */
	h = connect();
	assert_int_equal(count(h), 41);
	assert_true(integrity_ok(h));
	sqlite3_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(large_transaction, setup),
		cmocka_unit_test_setup(commits_visible_at_once, setup),
		cmocka_unit_test_setup(commit_survives_process_death, setup),
		cmocka_unit_test_setup(refused_write_fails_commit, setup),
	};
	int	rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_vfs_register() == -1)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	remove_db();
	rmdir(dir);
	return rc;
}
