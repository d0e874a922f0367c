/*
 * ctl.h: endorsectl's commands that live outside main.c.  Each takes
 * the database path and the arguments after its name; it returns the
 * exit status (0, 1 a user error, 2 a usage error).
 */
#ifndef CTL_H
#define CTL_H

int	cmd_key(const char *db, int argc, char *argv[]);
int	cmd_verify_receipt(const char *db, int argc, char *argv[]);
int	cmd_ledger(const char *db, int argc, char *argv[]);
int	cmd_declaration(const char *db, int argc, char *argv[]);
/* Make the signing key if its file is missing (init); 0 or -1. */
int	ctl_key_ensure(const char *db);
/* Put the events from before the ledger into it, once (init); 0 or -1. */
int	ctl_ledger_backfill(const char *db);

#endif /* !CTL_H */
