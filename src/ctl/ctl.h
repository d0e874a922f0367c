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
int	cmd_key(const char *db, int argc, char *argv[]);
int	cmd_verify_receipt(const char *db, int argc, char *argv[]);
int	cmd_ledger(const char *db, int argc, char *argv[]);
int	cmd_declaration(const char *db, int argc, char *argv[]);
/* Make the signing key if its file is missing (init); 0 or -1. */
int	ctl_key_ensure(const char *db);
/* Put the events from before the ledger into it, once (init); 0 or -1. */
int	ctl_ledger_backfill(const char *db);

#endif /* !CTL_H */
