/*
 * endorsectl: what an operator does without a browser.  One function per
 * command, found in a table; exit 0 on success, 1 on a user error (one
 * line on stderr), 2 on a usage error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endorse.h"
#include "db.h"

static const char	*progname = "endorsectl";

static void
usage(void)
{
	fprintf(stderr,
	    "usage: endorsectl [--db FILE] init\n"
	    "       endorsectl [--db FILE] verify CODE\n");
	exit(2);
}

/* init: create the database or migrate it to this program's version. */
static int
cmd_init(const char *path, int argc, char *argv[])
{
	int	from = 0, to = 0;

	if (argc != 0)
		usage();
	if (db_migrate(path, &from, &to) == -1) {
		fprintf(stderr, "%s: %s: cannot initialise the database\n",
		    progname, path);
		return 1;
	}
	if (from == to)
		printf("%s: schema version %d, up to date\n", path, to);
	else if (from == 0)
		printf("%s: created at schema version %d\n", path, to);
	else
		printf("%s: migrated from schema version %d to %d\n", path,
		    from, to);
	return 0;
}

/* verify CODE: print the status of the receipt. */
static int
cmd_verify(const char *path, int argc, char *argv[])
{
	struct endorsement	 e;
	struct arena		*a;
	struct db		*db;
	char			 code[RECEIPT_LEN + 1];
	enum db_res		 res;
	int			 rc = 1;

	if (argc != 1)
		usage();
	if (receipt_normalise(argv[0], strlen(argv[0]), code) == -1) {
		fprintf(stderr, "%s: %s: not a receipt code (24 letters and "
		    "digits)\n", progname, argv[0]);
		return 1;
	}
	if ((db = db_open(path)) == NULL) {
		fprintf(stderr, "%s: %s: cannot open the database\n",
		    progname, path);
		return 1;
	}
	if ((a = arena_new(4096)) == NULL) {
		db_close(db);
		return 1;
	}
	res = db_endorsement_get(db, a, code, &e);
	if (res == DB_OK) {
		printf("%s endorsement %s %s\n", e.receipt, e.status,
		    e.created_at);
		rc = 0;
	} else if (res == DB_NOTFOUND)
		fprintf(stderr, "%s: %s: no such receipt\n", progname, code);
	else
		fprintf(stderr, "%s: %s: database error\n", progname, code);
	arena_free(a);
	db_close(db);
	return rc;
}

static const struct {
	const char	*name;
	int		(*fn)(const char *, int, char *[]);
} cmds[] = {
	{ "init", cmd_init },
	{ "verify", cmd_verify },
};

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*state;
	char		*db = NULL;
	size_t		 i;
	int		 c;

	/* "+": options end at the command, which has options of its own. */
	while ((c = getopt_long(argc, argv, "+d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (db == NULL) {
		state = getenv("ENDORSE_STATE_DIR");
		if (state == NULL || *state == '\0')
			state = "./var";
		if (asprintf(&db, "%s/endorse.db", state) == -1)
			return 1;
	}
	if (token_init() == -1) {
		fprintf(stderr, "%s: libsodium failed to start\n", progname);
		return 1;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			return cmds[i].fn(db, argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command: %s\n", progname, argv[0]);
	usage();
	return 2;
}
