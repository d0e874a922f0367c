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

/* Run fn in a child; its wait status. */
static int
in_child(int (*fn)(void))
{
	pid_t	pid;
	int	status;

	fflush(NULL);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0)
		_exit(fn());
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
