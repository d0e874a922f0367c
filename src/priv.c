/*
 * priv.c: which user the programs run as.  Started as root, the FastCGI
 * programs open their sockets and then become the service user for good
 * (nothing they do afterwards needs root, and a bug in a parser must not
 * hand over the machine); endorsectl becomes the database's owner, so
 * the files SQLite makes beside the database stay readable by the site.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "priv.h"

int
priv_is_root(void)
{
	uid_t	r, e, s;

	if (getresuid(&r, &e, &s) == -1)
		return 1;
	return r == 0 || e == 0 || s == 0;
}

/*
 * Become uid:gid with gid as the only group, and check that it holds:
 * every id is the new one, the groups are exactly gid, and root cannot
 * be taken back.  -1 with errno or EPERM on failure.
 */
static int
become(uid_t uid, gid_t gid)
{
	uid_t	ru, eu, su;
	gid_t	rg, eg, sg, groups[2];
	int	n;

	if (setgroups(1, &gid) == -1 ||
	    setresgid(gid, gid, gid) == -1 ||
	    setresuid(uid, uid, uid) == -1)
		return -1;
	if (getresuid(&ru, &eu, &su) == -1 ||
	    getresgid(&rg, &eg, &sg) == -1)
		return -1;
	n = getgroups(2, groups);
	if (ru != uid || eu != uid || su != uid ||
	    rg != gid || eg != gid || sg != gid ||
	    n < 0 || n > 1 || (n == 1 && groups[0] != gid) ||
	    (uid != 0 && (setuid(0) != -1 || seteuid(0) != -1))) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
priv_drop(const char *const *chown_paths)
{
	const char	*name = getenv("ENDORSE_USER");
	struct passwd	*pw;

	if (!priv_is_root())
		return 0;	/* another user: kept */
	if (name == NULL || *name == '\0')
		name = PRIV_USER_DEFAULT;
	errno = 0;
	if ((pw = getpwnam(name)) == NULL) {
		logmsg("started as root, but the service user \"%s\" does "
		    "not exist (script/server creates it; or set "
		    "ENDORSE_USER)", name);
		return -1;
	}
	if (pw->pw_uid == 0 || pw->pw_gid == 0) {
		logmsg("will not serve as root: ENDORSE_USER \"%s\" is root "
		    "or in root's group", name);
		return -1;
	}
	for (; chown_paths != NULL && *chown_paths != NULL; chown_paths++)
		if (chown(*chown_paths, pw->pw_uid, pw->pw_gid) == -1) {
			logerr("chown %s", *chown_paths);
			return -1;
		}
	if (become(pw->pw_uid, pw->pw_gid) == -1) {
		logerr("cannot become user %s", name);
		return -1;
	}
	if (priv_is_root()) {
		logmsg("will not serve as root");
		return -1;
	}
	return 0;
}

int
priv_to_owner(const char *path)
{
	struct stat	 st;
	struct passwd	*pw;
	char		 dir[PATH_MAX], *slash;
	gid_t		 gid;

	if (geteuid() != 0)
		return 0;
	if (stat(path, &st) == -1) {
		if (errno != ENOENT) {
			fprintf(stderr, "endorsectl: %s: %s\n", path,
			    strerror(errno));
			return -1;
		}
		if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >=
		    sizeof(dir))
			return -1;
		if ((slash = strrchr(dir, '/')) == NULL)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if (stat(dir, &st) == -1) {
			/* No folder, so no database to protect: a command
			 * that needs one says so itself (verify-receipt
			 * with --keys needs none). */
			if (errno == ENOENT)
				return 0;
			fprintf(stderr, "endorsectl: %s: %s\n", dir,
			    strerror(errno));
			return -1;
		}
	}
	if (st.st_uid == 0)
		return 0;	/* root's own database: stay root */
	gid = (pw = getpwuid(st.st_uid)) != NULL ? pw->pw_gid : st.st_gid;
	if (become(st.st_uid, gid) == -1) {
		fprintf(stderr, "endorsectl: cannot become the owner of %s "
		    "(uid %ld): %s\n", path, (long)st.st_uid, strerror(errno));
		return -1;
	}
	return 0;
}
