/*
 * sandbox.c: the seccomp filters of the FastCGI programs.  A worker,
 * once it has opened the database and set up its loop, needs only the
 * system calls of reading requests, SQLite and writing answers; anything
 * else (exec, a new socket, ptrace, changing ids) is a sign that a bug
 * is being used, and kills the process, which the supervisor replaces.
 * The supervisor's filter is wider: it forks, reaps and signals workers,
 * and each new worker starts under it (opening the database, installing
 * its own filter) before narrowing further.
 *
 * The lists are names, resolved for the running architecture; a name
 * the architecture lacks (open on arm64, say) is skipped.
 */
#include "config.h"

#include <sys/prctl.h>

#include <errno.h>
#include <stddef.h>
#include <string.h>

#ifdef HAVE_SECCOMP
#include <seccomp.h>
#endif

#include "log.h"
#include "priv.h"

#ifdef HAVE_SECCOMP

/*
 * What a worker's request loop calls: libfcgi and epoll on the kept
 * connections, SQLite on the database, its WAL and -shm and temporary
 * files, libsodium's random bytes, malloc, the clock, the log.
 */
static const char *const worker_calls[] = {
	/* connections */
	"accept4", "epoll_wait", "epoll_pwait", "epoll_ctl",
	"read", "readv", "write", "writev", "recvfrom", "sendto",
	"shutdown", "close", "select", "pselect6", "poll", "ppoll",
	/* SQLite: files, locks, the shared memory of the WAL */
	"openat", "open", "fstat", "newfstatat", "stat", "lstat", "statx",
	"pread64", "pwrite64", "lseek", "fcntl", "ftruncate", "fallocate",
	"fsync", "fdatasync", "unlink", "unlinkat", "access", "faccessat",
	"faccessat2", "fchmod", "getcwd", "readlink", "geteuid", "getuid",
	/* memory */
	"brk", "mmap", "munmap", "mremap", "madvise", "mprotect",
	/* time, randomness, waiting on a lock */
	"clock_gettime", "gettimeofday", "time", "nanosleep",
	"clock_nanosleep", "getrandom", "futex", "sched_yield",
	/* glibc's qsort asks how much memory there is */
	"sysinfo",
	/* the process itself: the log's pid, signals, abort, exit */
	"getpid", "gettid", "rt_sigreturn", "rt_sigprocmask",
	"restart_syscall", "tgkill", "exit", "exit_group",
	NULL
};

/* What the supervisor adds: workers' lives, and each worker's start. */
static const char *const supervisor_calls[] = {
	"clone", "clone3", "fork", "vfork", "wait4", "waitid", "kill",
	"rt_sigtimedwait", "rt_sigaction", "sigaltstack", "seccomp", "prctl",
	"set_robust_list", "rseq", "epoll_create1", "getppid", "getgid",
	"getegid", "umask", "uname", "ioctl", "getdents64",
	/* a worker's start, under this filter: its sync thread */
	"eventfd2", "eventfd", "sched_getaffinity", "getrlimit", "prlimit64",
	NULL
};

/*
 * A sanitizer's runtime, when it reports or checks for leaks at exit,
 * reads /proc/self/maps and stops the other threads: that build must be
 * able to say what it found.  Never exec: its symbolizer is killed, after
 * the report's first line is out.
 */
#ifdef ENDORSE_SANITIZED
static const char *const sanitizer_calls[] = {
	"ptrace", "prctl", "sigaltstack", "sched_getaffinity", "getrlimit",
	"prlimit64", "getdents", "getdents64", "rt_sigaction", "pipe2",
	"dup2", "dup3", "wait4", "clone", "clone3", "setrlimit", "getppid",
	"readlinkat", "process_vm_readv", "rt_sigtimedwait", "kill", NULL
};
#endif

#ifdef ENDORSE_COVERAGE
/* gcov writes its counts at exit, making the folders it needs. */
static const char *const coverage_calls[] = { "mkdir", "flock", NULL };
#endif

/* Allow each name of list[] in ctx; -1 if libseccomp refuses one. */
static int
allow(scmp_filter_ctx ctx, const char *const *list)
{
	int	nr;

	for (; *list != NULL; list++) {
		if ((nr = seccomp_syscall_resolve_name(*list)) == __NR_SCMP_ERROR)
			continue;	/* not a system call here */
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) < 0) {
			logmsg("seccomp: cannot allow %s", *list);
			return -1;
		}
	}
	return 0;
}

int
sandbox_enter(enum sandbox kind)
{
	scmp_filter_ctx	 ctx;
	int		 rc = -1, err;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		logerr("prctl(PR_SET_NO_NEW_PRIVS)");
		return -1;
	}
	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL) {
		logmsg("seccomp_init failed");
		return -1;
	}
	if (allow(ctx, worker_calls) == -1 ||
	    (kind == SANDBOX_SUPERVISOR &&
	     allow(ctx, supervisor_calls) == -1))
		goto out;
#ifdef ENDORSE_SANITIZED
	if (allow(ctx, sanitizer_calls) == -1)
		goto out;
#endif
#ifdef ENDORSE_COVERAGE
	if (allow(ctx, coverage_calls) == -1)
		goto out;
#endif
	if ((err = seccomp_load(ctx)) < 0) {
		logmsg("seccomp_load: %s", strerror(-err));
		goto out;
	}
	rc = 0;
out:
	seccomp_release(ctx);
	return rc;
}

#else /* !HAVE_SECCOMP */

int
sandbox_enter(enum sandbox kind)
{
	(void)kind;
	return 0;
}

#endif /* HAVE_SECCOMP */
