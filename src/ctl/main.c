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
	    "       endorsectl [--db FILE] verify CODE\n"
	    "       endorsectl [--db FILE] event add NAME [--date YYYY-MM-DD] "
	    "[--place PLACE]\n"
	    "       endorsectl [--db FILE] event close TOKEN|ID|URL\n");
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

/* ---- issue 6: events -------------------------------------------------- */

/*
 * The site's absolute URL as endorse-web puts it into QR codes:
 * ENDORSE_BASE_URL, else http://127.0.0.1:$ENDORSE_PORT (8080), without
 * a trailing slash.  Static storage.
 */
static const char *
ctl_base_url(void)
{
	static char	 url[1024];
	const char	*env = getenv("ENDORSE_BASE_URL"), *port;
	size_t		 len;

	if (env != NULL && *env != '\0')
		snprintf(url, sizeof(url), "%s", env);
	else {
		port = getenv("ENDORSE_PORT");
		snprintf(url, sizeof(url), "http://127.0.0.1:%s",
		    port != NULL && *port != '\0' ? port : "8080");
	}
	len = strlen(url);
	while (len > 0 && url[len - 1] == '/')
		url[--len] = '\0';
	return url;
}

/*
 * One text argument by the form's rules (UTF-8, no control characters,
 * a limit in characters); NULL and a message on stderr if refused.
 */
static const char *
ctl_text(struct arena *a, const char *what, const char *v, size_t max)
{
	struct fielddef	 def = { what, FT_TEXT, FF_REQUIRED, max, NULL };
	const char	*out = NULL;
	enum verr	 err;

	err = valid_value(a, &def, v, strlen(v), &out, NULL);
	if (err == VERR_OK && *out == '\0')
		err = VERR_MISSING;
	switch (err) {
	case VERR_OK:
		return out;
	case VERR_TOO_LONG:
		fprintf(stderr, "%s: %s: longer than %zu characters\n",
		    progname, what, max);
		break;
	case VERR_MISSING:
		fprintf(stderr, "%s: %s: empty\n", progname, what);
		break;
	default:
		fprintf(stderr, "%s: %s: not UTF-8 text on one line\n",
		    progname, what);
		break;
	}
	return NULL;
}

/* event add NAME [--date YYYY-MM-DD] [--place PLACE]: print the kiosk URL. */
static int
event_add(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "place", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct event	 e;
	struct arena	*a;
	struct db	*db;
	char		 token[B64_TOKEN_LEN + 1];
	const char	*date = NULL, *place = NULL;
	enum db_res	 res;
	int		 c, tries, rc = 1;

	optind = 0;	/* GNU: start over, options may follow NAME */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			date = optarg;
			break;
		case 'p':
			place = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	if ((a = arena_new(4096)) == NULL)
		return 1;
	memset(&e, 0, sizeof(e));
	if ((e.name = ctl_text(a, "name", argv[optind], 200)) == NULL)
		goto out;
	if (date != NULL && !valid_date(date, strlen(date))) {
		fprintf(stderr, "%s: --date %s: not a date as YYYY-MM-DD\n",
		    progname, date);
		goto out;
	}
	e.date = date;
	if (place != NULL && *place != '\0' &&
	    (e.place = ctl_text(a, "place", place, 200)) == NULL)
		goto out;
	if ((db = db_open(path)) == NULL) {
		fprintf(stderr, "%s: %s: cannot open the database\n",
		    progname, path);
		goto out;
	}
	/* 256 random bits: a clash is a bug, but costs only a retry. */
	res = DB_EXISTS;
	for (tries = 0; tries < 4 && res == DB_EXISTS; tries++) {
		token_random(token);
		e.token = token;
		res = db_event_add(db, &e);
	}
	if (res == DB_OK) {
		printf("%s/kiosk/%s\n", ctl_base_url(), token);
		rc = 0;
	} else
		fprintf(stderr, "%s: %s: cannot store the event\n", progname,
		    path);
	db_close(db);
out:
	arena_free(a);
	return rc;
}

/*
 * event close TOKEN|ID|URL: the event's kiosk stops taking signatures.
 * Closing a closed event changes nothing and is not an error.
 */
static int
event_close(const char *path, int argc, char *argv[])
{
	struct event	 e;
	struct arena	*a;
	struct db	*db;
	const char	*arg, *k;
	char		*end;
	long long	 id;
	enum db_res	 res;
	int		 rc = 1;

	if (argc != 2)
		usage();
	arg = argv[1];
	if ((k = strstr(arg, "/kiosk/")) != NULL)
		arg = k + 7;
	if ((db = db_open(path)) == NULL) {
		fprintf(stderr, "%s: %s: cannot open the database\n",
		    progname, path);
		return 1;
	}
	if ((a = arena_new(4096)) == NULL) {
		db_close(db);
		return 1;
	}
	if (*arg >= '1' && *arg <= '9' && strlen(arg) <= 18 &&
	    (id = strtoll(arg, &end, 10)) > 0 && *end == '\0')
		res = db_event_by_id(db, a, id, &e);
	else if (kiosk_token_ok(arg))
		res = db_event_by_token(db, a, arg, &e);
	else
		res = DB_NOTFOUND;
	if (res == DB_NOTFOUND) {
		fprintf(stderr, "%s: %s: no such event\n", progname, argv[1]);
		goto out;
	} else if (res != DB_OK)
		goto dberr;
	switch (db_event_close(db, e.id)) {
	case DB_OK:
		printf("event %lld closed: %s\n", e.id, e.name);
		rc = 0;
		break;
	case DB_EXISTS:
		printf("event %lld already closed since %s: %s\n", e.id,
		    e.closed_at, e.name);
		rc = 0;
		break;
	default:
		goto dberr;
	}
	goto out;
dberr:
	fprintf(stderr, "%s: %s: database error\n", progname, path);
out:
	arena_free(a);
	db_close(db);
	return rc;
}

/* event add|close ... */
static int
cmd_event(const char *path, int argc, char *argv[])
{
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return event_add(path, argc, argv);
	if (argc >= 1 && strcmp(argv[0], "close") == 0)
		return event_close(path, argc, argv);
	usage();
	return 2;
}

static const struct {
	const char	*name;
	int		(*fn)(const char *, int, char *[]);
} cmds[] = {
	{ "init", cmd_init },
	{ "verify", cmd_verify },
	/* issue 6 */
	{ "event", cmd_event },
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
