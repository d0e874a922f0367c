/*
 * faultshim.c: faults of the disk for the integration tests, preloaded
 * (LD_PRELOAD) into the programs of one test site.  Each fault is on
 * while a file of its name exists in $ENDORSE_STATE_DIR/faults/, so a
 * test turns it on and off as the site runs:
 *
 *   full        writes to the database or its WAL fail with ENOSPC
 *               (a full disk: SQLite sees SQLITE_FULL)
 *   sync-eio    the group commit's fdatasync of the WAL fails with EIO
 *   sync-kill   the process kills itself (SIGKILL) instead of that
 *               sync: a worker dies between COMMIT and the sync
 *
 * The group commit syncs the WAL through a descriptor of its own, opened
 * read-only; SQLite's own descriptors are read-write, and are left alone.
 *
 * Test code only: never built into the programs.
 */
#define _GNU_SOURCE
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
fault_on(const char *name)
{
	const char	*state = getenv("ENDORSE_STATE_DIR");
	char		 path[PATH_MAX];

	if (state == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/faults/%s", state, name);
	return access(path, F_OK) == 0;
}

/* 1 if fd is the database or its WAL. */
static int
is_db(int fd, int wal_only)
{
	char	link[64], path[PATH_MAX];
	ssize_t	n;
	size_t	len;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) <= 0)
		return 0;
	path[n] = '\0';
	len = (size_t)n;
	if (len > 14 && strcmp(path + len - 14, "endorse.db-wal") == 0)
		return 1;
	return !wal_only && len > 10 && strcmp(path + len - 10, "endorse.db") == 0;
}

#define REAL(ret, name, args) \
	static ret (*real_##name) args; \
	if (real_##name == NULL) \
		real_##name = (ret (*) args)dlsym(RTLD_NEXT, #name)

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite64, (int, const void *, size_t, off_t));
	if (is_db(fd, 0) && fault_on("full")) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite64(fd, buf, n, off);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite, (int, const void *, size_t, off_t));
	if (is_db(fd, 0) && fault_on("full")) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite(fd, buf, n, off);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, (int, const void *, size_t));
	if (fd > 2 && is_db(fd, 0) && fault_on("full")) {
		errno = ENOSPC;
		return -1;
	}
	return real_write(fd, buf, n);
}

int
fdatasync(int fd)
{
	REAL(int, fdatasync, (int));
	if (is_db(fd, 1) && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY) {
		if (fault_on("sync-kill"))
			raise(SIGKILL);
		if (fault_on("sync-eio")) {
			errno = EIO;
			return -1;
		}
	}
	return real_fdatasync(fd);
}
