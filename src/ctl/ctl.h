/*
 * ctl.h: what the files of endorsectl share.  Include "config.h",
 * and "db.h" first.
 */
#ifndef CTL_H
#define CTL_H

extern const char	*progname;

/* The usage message on stderr, exit 2. */
void		 usage(void) __attribute__((noreturn));
/* The database at path, or NULL with the reason on stderr. */
struct db	*ctl_open(const char *path);
/* An audit line by "endorsectl:USER"; 0 or -1. */
int		 audit(struct db *, const char *action, const char *target,
		    const char *detail);

/* mail.c: official domains and the outbox. */
int	cmd_domain(const char *path, int argc, char *argv[]);
int	cmd_mail(const char *path, int argc, char *argv[]);

#endif /* !CTL_H */
