/*
 * priv_test.c: the seccomp filters kill on a system call outside their
 * lists and let the request loop's calls through; endorsectl's switch to
 * the database's owner.  Each case runs in a child: a filter and a
 * change of user cannot be undone.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "priv.h"

#include "capture.h"

/*
 * Run fn in a child; its wait status.  The child ends with exit(), not
 * _exit(): a coverage build writes its counts at exit, and the filters
 * let it (stdio was flushed before the fork, so nothing is written
 * twice).
 */
static int
in_child(int (*fn)(void))
{
	pid_t	pid;
	int	status;

	fflush(NULL);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0)
		exit(fn());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* The value of a /proc/self/status field, or -1. */
static long
status_field(const char *name)
{
	char	 line[256];
	FILE	*f;
	long	 v = -1;
	size_t	 len = strlen(name);

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, name, len) == 0 && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

static int
worker_reads_its_status(void)
{
	int	fd;

	/* Opened before the filter: reading it afterwards is the loop's. */
	if ((fd = open("/proc/self/status", O_RDONLY)) == -1)
		return 10;
	close(fd);
	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
#ifdef HAVE_SECCOMP
	if (status_field("Seccomp") != 2)
		return 12;
	if (status_field("NoNewPrivs") != 1)
		return 13;
#endif
	return 0;
}

static int
worker_request_loop_calls(void)
{
	struct timespec	 ts;
	unsigned char	 rnd[16];
	char		*p;
	int		 fd;

	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
	if (clock_gettime(CLOCK_REALTIME, &ts) == -1 ||
	    getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return 12;
	if ((p = malloc(1 << 20)) == NULL)	/* mmap */
		return 13;
	free(p);
	if ((fd = open("/dev/null", O_RDWR)) == -1 || write(fd, "x", 1) != 1)
		return 14;
	close(fd);
	(void)getpid();
	return 0;
}

static int
worker_opens_a_socket(void)
{
	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
	(void)socket(AF_INET, SOCK_STREAM, 0);
	return 0;
}

static int
worker_forks(void)
{
	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
	(void)syscall(SYS_fork);
	return 0;
}

static int
worker_execs(void)
{
	char *const argv[] = { "/bin/true", NULL };

	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
	execv("/bin/true", argv);
	return 0;
}

static int
worker_sets_uid(void)
{
	if (sandbox_enter(SANDBOX_WORKER) == -1)
		return 11;
	(void)syscall(SYS_setuid, getuid());
	return 0;
}

static int
supervisor_forks_and_reaps(void)
{
	pid_t	pid;
	int	status;

	if (sandbox_enter(SANDBOX_SUPERVISOR) == -1)
		return 11;
	if ((pid = fork()) == -1)
		return 12;
	if (pid == 0)
		_exit(7);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 7)
		return 13;
	return 0;
}

static int
supervisor_execs(void)
{
	char *const argv[] = { "/bin/true", NULL };

	if (sandbox_enter(SANDBOX_SUPERVISOR) == -1)
		return 11;
	execv("/bin/true", argv);
	return 0;
}

#ifdef HAVE_SECCOMP
#define KILLED(st)	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
#else
#define KILLED(st)	assert_true(WIFEXITED(st))
#endif
#define CLEAN(st)	do { assert_true(WIFEXITED(st)); \
			     assert_int_equal(WEXITSTATUS(st), 0); } while (0)

static void
sandbox_worker_status(void **state)
{
	(void)state;
	CLEAN(in_child(worker_reads_its_status));
}

static void
sandbox_worker_allows_its_loop(void **state)
{
	(void)state;
	CLEAN(in_child(worker_request_loop_calls));
}

static void
sandbox_worker_kills_socket_fork_exec_setuid(void **state)
{
	(void)state;
	KILLED(in_child(worker_opens_a_socket));
	KILLED(in_child(worker_forks));
	KILLED(in_child(worker_execs));
	KILLED(in_child(worker_sets_uid));
}

static void
sandbox_supervisor_forks_but_never_execs(void **state)
{
	(void)state;
	CLEAN(in_child(supervisor_forks_and_reaps));
	KILLED(in_child(supervisor_execs));
}

static char	 owner_dir[64];

static int
ctl_becomes_owner(void)
{
	struct passwd	*pw = getpwnam("nobody");
	char		 path[128];

	snprintf(path, sizeof(path), "%s/new.db", owner_dir);
	if (priv_to_owner(path) == -1)
		return 10;
	if (geteuid() != pw->pw_uid || getuid() != pw->pw_uid ||
	    getegid() != pw->pw_gid || priv_is_root())
		return 11;
	if (setuid(0) != -1)
		return 12;
	return 0;
}

static void
priv_to_owner_of_a_new_database(void **state)
{
	struct passwd	*pw;

	(void)state;
	if (geteuid() != 0 || (pw = getpwnam("nobody")) == NULL) {
		/* Not root: a no-op that keeps the user. */
		assert_int_equal(priv_to_owner("/nonexistent/x.db"), 0);
		return;
	}
	snprintf(owner_dir, sizeof(owner_dir), "/tmp/priv_test.XXXXXX");
	assert_non_null(mkdtemp(owner_dir));
	assert_int_equal(chown(owner_dir, pw->pw_uid, pw->pw_gid), 0);
	CLEAN(in_child(ctl_becomes_owner));
	rmdir(owner_dir);
}

static int
root_db_keeps_root(void)
{
	return priv_to_owner("/") == 0 && geteuid() == 0 ? 0 : 1;
}

static void
priv_root_owned_database_keeps_root(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		assert_int_equal(priv_to_owner("/"), 0);
		return;
	}
	CLEAN(in_child(root_db_keeps_root));
}

/*
 * Started as root with a service user that cannot serve: refused before
 * any id changes, so this process is still root afterwards.
 */
static void
priv_drop_refuses_users_that_cannot_serve(void **state)
{
	static const char *const missing[] = { "/nonexistent/endorse.sock",
	    NULL };
	struct capture	 c;
	char		*log;

	(void)state;
	if (geteuid() != 0)
		skip();
	setenv("ENDORSE_USER", "no-such-user-here", 1);
	capture_start(&c);
	assert_int_equal(priv_drop(NULL), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "the service user \"no-such-user-here\" "
	    "does not exist"));
	free(log);

	setenv("ENDORSE_USER", "root", 1);
	capture_start(&c);
	assert_int_equal(priv_drop(NULL), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "will not serve as root: ENDORSE_USER "
	    "\"root\""));
	free(log);

	/* The socket it must hand over is not there. */
	setenv("ENDORSE_USER", "nobody", 1);
	capture_start(&c);
	assert_int_equal(priv_drop(missing), -1);
	log = capture_end(&c);
	assert_non_null(strstr(log, "chown /nonexistent/endorse.sock: No such "
	    "file or directory"));
	free(log);

	/* Unset or empty: the default user, here with the same socket. */
	setenv("ENDORSE_USER", "", 1);
	capture_start(&c);
	assert_int_equal(priv_drop(missing), -1);
	free(capture_end(&c));
	unsetenv("ENDORSE_USER");
	assert_int_equal(geteuid(), 0);
	assert_int_equal(getuid(), 0);
	assert_true(priv_is_root());
}

static char	 sock_path[64];

static int
worker_drops_to_nobody(void)
{
	struct passwd	*pw = getpwnam("nobody");
	const char	*paths[] = { sock_path, NULL };
	gid_t		 groups[4];
	struct stat	 st;

	setenv("ENDORSE_USER", "nobody", 1);
	if (priv_drop(paths) == -1)
		return 10;
	if (getuid() != pw->pw_uid || geteuid() != pw->pw_uid ||
	    getgid() != pw->pw_gid || getegid() != pw->pw_gid ||
	    priv_is_root())
		return 11;
	if (getgroups(4, groups) != 1 || groups[0] != pw->pw_gid)
		return 12;
	if (stat(sock_path, &st) == -1 || st.st_uid != pw->pw_uid ||
	    st.st_gid != pw->pw_gid)
		return 13;
	if (setuid(0) != -1 || seteuid(0) != -1 || setgid(0) != -1)
		return 14;
	/* Not root any more: a second call keeps the user it finds. */
	if (priv_drop(NULL) != 0 || geteuid() != pw->pw_uid)
		return 15;
	if (priv_to_owner("/") != 0 || geteuid() != pw->pw_uid)
		return 16;
	return 0;
}

/* The service user for good: ids, groups, the socket it was handed. */
static void
priv_drop_becomes_the_service_user(void **state)
{
	int	fd;

	(void)state;
	if (geteuid() != 0 || getpwnam("nobody") == NULL)
		skip();
	snprintf(sock_path, sizeof(sock_path), "/tmp/priv_test.XXXXXX");
	assert_true((fd = mkstemp(sock_path)) != -1);
	close(fd);
	CLEAN(in_child(worker_drops_to_nobody));
	unlink(sock_path);
}

/* Where endorsectl stays root, and where it gives up. */
static void
priv_to_owner_stays_root_or_fails(void **state)
{
	struct capture	 c;
	char		 dir[64], cwd[4096], *log;

	(void)state;
	if (geteuid() != 0)
		skip();
	/* A database at the root, or in a folder that does not exist. */
	assert_int_equal(priv_to_owner("/no-such-endorse.db"), 0);
	assert_int_equal(priv_to_owner("/nonexistent/dir/endorse.db"), 0);
	/* A bare name in a root-owned folder. */
	snprintf(dir, sizeof(dir), "/tmp/priv_test.XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(priv_to_owner("endorse.db"), 0);
	assert_int_equal(chdir(cwd), 0);
	rmdir(dir);
	assert_int_equal(geteuid(), 0);
	/* A path through a file: said on stderr, and refused. */
	capture_start(&c);
	assert_int_equal(priv_to_owner("/etc/passwd/endorse.db"), -1);
	log = capture_end(&c);
	assert_string_equal(log, "endorsectl: /etc/passwd/endorse.db: Not a "
	    "directory\n");
	free(log);
	assert_int_equal(geteuid(), 0);
}

static char	 orphan_path[64];

static int
ctl_becomes_an_owner_without_a_name(void)
{
	if (priv_to_owner(orphan_path) == -1)
		return 10;
	if (geteuid() != 54321 || getuid() != 54321 || getegid() != 54322 ||
	    getgid() != 54322)
		return 11;
	return 0;
}

/* An owner with no passwd entry: its id, and the file's group. */
static void
priv_to_owner_without_a_passwd_entry(void **state)
{
	int	fd;

	(void)state;
	if (geteuid() != 0 || getpwuid(54321) != NULL)
		skip();
	snprintf(orphan_path, sizeof(orphan_path), "/tmp/priv_test.XXXXXX");
	assert_true((fd = mkstemp(orphan_path)) != -1);
	close(fd);
	assert_int_equal(chown(orphan_path, 54321, 54322), 0);
	CLEAN(in_child(ctl_becomes_an_owner_without_a_name));
	unlink(orphan_path);
}

/*
 * Filters add up, and the kernel takes only so many instructions: a
 * process that already holds the most it can is refused one more, with
 * -1 and a message, and is not killed for trying.
 */
static int
supervisor_filter_limit(void)
{
	int	i, rc = 0;

	for (i = 0; i < 1000 && rc == 0; i++)
		rc = sandbox_enter(SANDBOX_SUPERVISOR);
	return rc == -1 && i > 2 ? 0 : 10;
}

static void
sandbox_refuses_past_the_kernel_limit(void **state)
{
	struct capture	 c;
	char		*log;
	int		 st;

	(void)state;
#ifndef HAVE_SECCOMP
	skip();
#endif
	/* The child logs to the parent's capture. */
	capture_start(&c);
	st = in_child(supervisor_filter_limit);
	log = capture_end(&c);
	CLEAN(st);
	assert_non_null(strstr(log, "seccomp_load: "));
	free(log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sandbox_worker_status),
		cmocka_unit_test(sandbox_worker_allows_its_loop),
		cmocka_unit_test(sandbox_worker_kills_socket_fork_exec_setuid),
		cmocka_unit_test(sandbox_supervisor_forks_but_never_execs),
		cmocka_unit_test(priv_to_owner_of_a_new_database),
		cmocka_unit_test(priv_root_owned_database_keeps_root),
		cmocka_unit_test(priv_drop_refuses_users_that_cannot_serve),
		cmocka_unit_test(priv_drop_becomes_the_service_user),
		cmocka_unit_test(priv_to_owner_stays_root_or_fails),
		cmocka_unit_test(priv_to_owner_without_a_passwd_entry),
		cmocka_unit_test(sandbox_refuses_past_the_kernel_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
