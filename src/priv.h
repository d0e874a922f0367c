/*
 * priv.h: least privilege for the programs: the service user they run
 * as (priv.c) and the seccomp filters of the FastCGI processes
 * (sandbox.c).  Include "config.h" first.
 */
#ifndef PRIV_H
#define PRIV_H

#include <sys/types.h>

#define PRIV_USER_DEFAULT	"endorse"	/* DESIGN.md: ENDORSE_USER */

/*
 * Started as root: become the service user (ENDORSE_USER, else
 * "endorse"): supplementary groups, then gid, then uid, each checked
 * afterwards, after handing that user the paths given (the listening
 * socket), which root made.  Started as another user: that user is
 * kept.  -1 (logged) if the user is missing or is root, or if any step
 * fails or can be undone; the caller must not serve then.
 */
int	priv_drop(const char *const *chown_paths);

/*
 * For endorsectl: started as root, become the owner of path (the
 * database), or of the folder that will hold it when it does not exist
 * yet, so that no file it leaves (-wal, -shm, a new database) is root's.
 * A root-owned database keeps root.  -1 (on stderr) on failure.
 */
int	priv_to_owner(const char *path);

/* 1 if any of the real, effective or saved ids is root's. */
int	priv_is_root(void);

enum sandbox {
	SANDBOX_SUPERVISOR,	/* forks, reaps and signals workers */
	SANDBOX_WORKER		/* serves requests; the narrowest */
};

/*
 * Set no_new_privs and install the seccomp filter for this kind of
 * process: a system call outside its list kills the process.  Filters
 * add up, so a worker forked from a supervisor is held by both.  0 on
 * success; -1 (logged) if the filter cannot be installed.  Without
 * seccomp support (configure --disable-seccomp) it does nothing.
 */
int	sandbox_enter(enum sandbox);

#endif /* !PRIV_H */
