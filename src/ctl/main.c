/*
 * endorsectl: what an operator does without a browser.  One function per
 * command, found in a table; exit 0 on success, 1 on a user error (one
 * line on stderr), 2 on a usage error.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "conf.h"
#include "arena.h"
#include "valid.h"
#include "token.h"
#include "auth.h"
#include "export.h"
#include "lang.h"
#include "db.h"
#include "lang.h"
#include "priv.h"
#include "ctl/ctl.h"

const char	*progname = "endorsectl";

void
usage(void)
{
	fprintf(stderr,
	    "usage: endorsectl [--db FILE] init\n"
	    "       endorsectl [--db FILE] verify CODE\n"
	    "       endorsectl [--db FILE] event add NAME [--date YYYY-MM-DD] "
	    "[--place PLACE]\n"
	    "       endorsectl [--db FILE] event close TOKEN|ID|URL\n"
	    "       endorsectl [--db FILE] user add NAME "
	    "[--role admin|moderator|viewer]\n"
	    "       endorsectl [--db FILE] user passwd NAME\n"
	    "       endorsectl [--db FILE] user list\n"
	    "       endorsectl [--db FILE] export endorsements|commitments "
	    "--format csv|json|xlsx\n"
	    "           [--status S] [--country CC] [--since YYYY-MM-DD] "
	    "[--lang L] [--output FILE]\n"
	    "       endorsectl [--db FILE] backup FILE\n"
	    "       endorsectl [--db FILE] key generate\n"
	    "       endorsectl [--db FILE] verify-receipt FILE "
	    "[--keys KEYS.json]\n"
	    "       endorsectl [--db FILE] ledger verify\n"
	    "       endorsectl [--db FILE] declaration list\n"
	    "       endorsectl [--db FILE] declaration publish FILE "
	    "--lang L [--version N]\n"
	    "       endorsectl [--db FILE] domain add DOMAIN [--country CC]\n"
	    "       endorsectl [--db FILE] domain list\n"
	    "       endorsectl [--db FILE] domain remove DOMAIN\n"
	    "       endorsectl [--db FILE] mail status|retry\n");
	exit(2);
}

struct db *
ctl_open(const char *path)
{
	struct db	*db;

	if ((db = db_open(path)) == NULL)
		fprintf(stderr, "%s: %s: cannot open the database\n",
		    progname, path);
	return db;
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
	/* Receipts are signed from the first one on: a key must exist. */
	if (ctl_key_ensure(path) == -1 || ctl_ledger_backfill(path) == -1)
		return 1;
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
	if ((db = ctl_open(path)) == NULL)
		return 1;
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

/* ---- events ----------------------------------------------------------- */

/*
 * The site's absolute URL as endorse-web puts it into QR codes:
 * ENDORSE_BASE_URL, else the one the site recorded in the database when
 * it last started (meta 'base_url'), else http://127.0.0.1:$ENDORSE_PORT
 * (8080), without a trailing slash.  Static storage.
 */
static char	 base_url[1024];

/* db_each: the recorded base URL into base_url. */
static int
recorded_url(void *arg, const char *const *vals, size_t n)
{
	(void)arg;
	if (n == 1 && vals[0] != NULL)
		snprintf(base_url, sizeof(base_url), "%s", vals[0]);
	return 0;
}

static const char *
ctl_base_url(struct db *db)
{
	const char	*env = getenv("ENDORSE_BASE_URL"), *port;
	struct dbparam	 key = DBP_S("base_url");
	size_t		 len;

	base_url[0] = '\0';
	if (env != NULL && *env != '\0')
		snprintf(base_url, sizeof(base_url), "%s", env);
	else if (db_each(db, DBQ_META_GET, &key, 1, recorded_url, NULL) == -1)
		base_url[0] = '\0';
	if (base_url[0] == '\0') {
		port = getenv("ENDORSE_PORT");
		snprintf(base_url, sizeof(base_url), "http://127.0.0.1:%s",
		    port != NULL && *port != '\0' ? port : "8080");
	}
	len = strlen(base_url);
	while (len > 0 && base_url[len - 1] == '/')
		base_url[--len] = '\0';
	return base_url;
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
	if ((db = ctl_open(path)) == NULL)
		goto out;
	/* 256 random bits: a clash is a bug, but costs only a retry. */
	res = DB_EXISTS;
	for (tries = 0; tries < 4 && res == DB_EXISTS; tries++) {
		token_random(token);
		e.token = token;
		res = db_event_add(db, &e);
	}
	if (res == DB_OK) {
		printf("%s/kiosk/%s\n", ctl_base_url(db), token);
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
	if ((db = ctl_open(path)) == NULL)
		return 1;
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


/* ---- users, exports, backups ----------------------------------------------- */

/* Who runs us, for the audit log: "endorsectl:USER". */
static const char *
actor(void)
{
	static char	 buf[96];
	struct passwd	*pw = getpwuid(getuid());

	snprintf(buf, sizeof(buf), "endorsectl:%s", pw ? pw->pw_name : "?");
	return buf;
}

int
audit(struct db *db, const char *action, const char *target,
    const char *detail)
{
	struct dbparam	p[5];

	p[0] = DBP_S(actor());
	p[1] = DBP_S(action);
	p[2] = DBP_S(target);
	p[3] = DBP_S(detail);
	p[4] = DBP_S("local");
	return db_run(db, DBQ_AUDIT_ADD, p, 5, NULL) == DB_OK ? 0 : -1;
}

/*
 * The new password, from standard input (never from argv, which other
 * users can read in ps): one line, its line end removed.  On a terminal
 * it is asked for without echo.  0, or -1 with the reason on stderr.
 */
static int
read_password(char *pw, size_t pwsz)
{
	struct termios	 old, quiet;
	size_t		 len;
	int		 tty = isatty(STDIN_FILENO);

	if (tty) {
		fprintf(stderr, "Password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (fgets(pw, (int)pwsz, stdin) == NULL)
		pw[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	len = strlen(pw);
	if (len == pwsz - 1 && pw[len - 1] != '\n') {
		fprintf(stderr, "%s: the password is longer than %d bytes\n",
		    progname, PASSWORD_MAX);
		return -1;
	}
	if (len > 0 && pw[len - 1] == '\n')
		pw[--len] = '\0';
	if (len > 0 && pw[len - 1] == '\r')
		pw[--len] = '\0';
	if (len == 0) {
		fprintf(stderr, "%s: the password is empty: give it on "
		    "standard input\n", progname);
		return -1;
	}
	if (!valid_utf8(pw, len) || strpbrk(pw, "\t\r\n") != NULL) {
		fprintf(stderr, "%s: the password must be one line of text "
		    "(UTF-8)\n", progname);
		return -1;
	}
	if (utf8_chars(pw, len) < PASSWORD_MIN) {
		fprintf(stderr, "%s: the password is too short: use at least "
		    "%d characters\n", progname, PASSWORD_MIN);
		return -1;
	}
	return 0;
}

/* user list: every user, its role, and whether it is disabled. */
static int
user_list(struct db *db, struct arena *a)
{
	struct admin_user	*users;
	size_t			 i, n;

	if (db_users(db, a, &users, &n) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%s %s%s\n", users[i].name, users[i].role,
		    users[i].disabled ? " disabled" : "");
	return 0;
}

/* user add: the new user and its audit entry, in the open transaction. */
static enum db_res
user_add(struct db *db, const char *name, enum role role, const char *hash)
{
	struct dbparam	p[3];
	enum db_res	res;

	p[0] = DBP_S(name);
	p[1] = DBP_S(role_names[role]);
	p[2] = DBP_S(hash);
	if ((res = db_run(db, DBQ_USER_ADD, p, 3, NULL)) == DB_CONFLICT) {
		fprintf(stderr, "%s: %s: the user exists already (use "
		    "\"user passwd\")\n", progname, name);
		return res;
	}
	if (res == DB_OK && audit(db, "user_add", name, role_names[role]))
		res = DB_ERROR;
	return res;
}

/*
 * user passwd: the new hash, every session of the user ended (a new
 * password signs the user out everywhere), and the audit entry.
 */
static enum db_res
user_passwd(struct db *db, const char *name, const char *hash)
{
	struct dbparam	p[2];
	enum db_res	res;
	long long	n = 0;

	p[0] = DBP_S(hash);
	p[1] = DBP_S(name);
	res = db_run(db, DBQ_USER_PASSWD, p, 2, &n);
	if (res == DB_OK && n == 0) {
		fprintf(stderr, "%s: %s: no such user\n", progname, name);
		return DB_NOTFOUND;
	}
	p[0] = DBP_S(name);
	if (res == DB_OK)
		res = db_run(db, DBQ_USER_SESSIONS_DEL, p, 1, NULL);
	if (res == DB_OK && audit(db, "user_passwd", name, ""))
		res = DB_ERROR;
	return res;
}

/* user add or passwd: the password from standard input, then the write. */
static int
user_write(struct db *db, const char *sub, const char *name, enum role role)
{
	char		pw[PASSWORD_MAX + 2], hash[PWHASH_LEN];
	enum db_res	res;

	if (read_password(pw, sizeof(pw)) == -1)
		return 1;
	if (password_hash(pw, hash) == -1) {
		fprintf(stderr, "%s: cannot hash the password (out of "
		    "memory?)\n", progname);
		return 1;
	}
	explicit_bzero(pw, sizeof(pw));
	if (db_tx_begin(db) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		return 1;
	}
	res = strcmp(sub, "add") == 0 ? user_add(db, name, role, hash) :
	    user_passwd(db, name, hash);
	if (res != DB_OK) {
		db_tx_rollback(db);
		if (res != DB_CONFLICT && res != DB_NOTFOUND)
			fprintf(stderr, "%s: database error\n", progname);
		return 1;
	}
	if (db_tx_commit(db) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		return 1;
	}
	return 0;
}

/* user add NAME [--role R] | user passwd NAME | user list */
static int
cmd_user(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	struct arena	*a;
	const char	*sub, *name, *rolename = "viewer";
	enum role	 role;
	int		 c, rc;

	if (argc < 1)
		usage();
	sub = argv[0];
	optind = 0;	/* 0: getopt starts afresh (GNU) */
	while ((c = getopt_long(argc, argv, "r:", opts, NULL)) != -1) {
		if (c != 'r' || strcmp(sub, "add") != 0)
			usage();
		rolename = optarg;
	}
	argc -= optind;
	argv += optind;
	if (strcmp(sub, "list") == 0) {
		if (argc != 0)
			usage();
	} else if ((strcmp(sub, "add") != 0 && strcmp(sub, "passwd") != 0) ||
	    argc != 1)
		usage();
	if (role_parse(rolename, &role) == -1) {
		fprintf(stderr, "%s: %s: not a role (admin, moderator or "
		    "viewer)\n", progname, rolename);
		return 1;
	}
	name = argc == 1 ? argv[0] : NULL;
	if (name != NULL && !username_ok(name)) {
		fprintf(stderr, "%s: %s: a user name is 1 to %d letters, "
		    "digits, '.', '_' or '-'\n", progname, name, USERNAME_MAX);
		return 1;
	}
	if ((db = ctl_open(path)) == NULL)
		return 1;
	if ((a = arena_new(4096)) == NULL) {
		db_close(db);
		return 1;
	}
	rc = name == NULL ? user_list(db, a) : user_write(db, sub, name, role);
	arena_free(a);
	db_close(db);
	return rc;
}

static int
write_file(void *arg, const char *p, size_t len)
{
	return fwrite(p, 1, len, (FILE *)arg) == len ? 0 : -1;
}

/* The folder of path ("." if none), for a temporary file beside it. */
static char *
dir_of(struct arena *a, const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return arena_strdup(a, ".");
	if (slash == path)
		return arena_strdup(a, "/");
	return arena_printf(a, "%.*s", (int)(slash - path), path);
}

/*
 * The export into FILE: written to a new file beside it, renamed over
 * it once whole, so that a failed export leaves FILE as it was.  The
 * file is created 0600: it holds emails.
 */
static int
export_to_file(struct db *db, struct arena *a, enum export_kind kind,
    enum export_fmt fmt, const struct efilter *f, int l, const char *out)
{
	struct sink	 sink;
	FILE		*fp;
	char		*tmp, *dir;
	int		 fd, rc = -1;

	if ((dir = dir_of(a, out)) == NULL ||
	    (tmp = arena_printf(a, "%s.XXXXXX", out)) == NULL)
		return -1;
	if ((fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "%s: %s: %s\n", progname, dir, strerror(errno));
		return -1;
	}
	if (fmt == EXPORT_XLSX) {
		close(fd);
		rc = xlsx_export(db, a, kind, f, l, tmp, getenv("TMPDIR"));
	} else if ((fp = fdopen(fd, "w")) == NULL)
		close(fd);
	else {
		sink.write = write_file;
		sink.arg = fp;
		rc = export_run_lang(db, a, kind, fmt, f, l, &sink);
		if (fclose(fp) != 0)
			rc = -1;
	}
	if (rc == 0 && rename(tmp, out) == -1) {
		fprintf(stderr, "%s: %s: %s\n", progname, out, strerror(errno));
		rc = -1;
	}
	if (rc == -1)
		unlink(tmp);
	return rc;
}

/*
 * export endorsements|commitments --format csv|json|xlsx [filters]
 * [--output FILE]: to FILE or standard output.  XLSX is binary: to
 * standard output only when that is not a terminal.
 */
static int
cmd_export(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "status", required_argument, NULL, 's' },
		{ "country", required_argument, NULL, 'c' },
		{ "since", required_argument, NULL, 'S' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct sink		 sink = { write_file, NULL };
	struct export_query	 q;
	struct efilter		 f;
	struct db		*db;
	struct arena		*a;
	const char		*fmtname = NULL, *out = NULL;
	char			*detail;
	enum msg		 m;
	int			 c, i, kind = -1, fmt = -1, rc = 1, l;

	memset(&q, 0, sizeof(q));
	/* getopt skips its argv[0]: give it the command's name there
	 * (main's argv), so the kind may come before or after --format. */
	argc++;
	argv--;
	optind = 0;	/* 0: getopt starts afresh (GNU) */
	while ((c = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmtname = optarg;
			break;
		case 's':
			q.status = optarg;
			break;
		case 'c':
			q.country = optarg;
			break;
		case 'S':
			q.since = optarg;
			break;
		case 'l':
			q.lang = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1 || fmtname == NULL)
		usage();
	for (i = 0; i < EXPORT__KIND; i++)
		if (strcmp(argv[optind], export_kind_names[i]) == 0)
			kind = i;
	for (i = 0; i < EXPORT__FMT; i++)
		if (strcmp(fmtname, export_fmt_names[i]) == 0)
			fmt = i;
	if (kind == -1 || fmt == -1)
		usage();
	/* An option given empty is a mistake, not "no filter". */
	if ((q.status && !*q.status) || (q.country && !*q.country) ||
	    (q.since && !*q.since) || (q.lang && !*q.lang) ||
	    (out && !*out)) {
		fprintf(stderr, "%s: an option of export is empty\n", progname);
		return 2;
	}
	memset(&f, 0, sizeof(f));
	if ((m = export_query_check((enum export_kind)kind, &q, &f, &l))
	    != MSG__MAX) {
		fprintf(stderr, "%s: %s\n", progname, msg(LANG_EN, m));
		return 2;
	}
	if (fmt == EXPORT_XLSX && out == NULL && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: XLSX is a binary file: give --output FILE "
		    "or redirect standard output\n", progname);
		return 2;
	}
	if ((db = ctl_open(path)) == NULL)
		return 1;
	if ((a = arena_new(4096)) == NULL) {
		db_close(db);
		return 1;
	}
	detail = arena_printf(a, "%s%s%s%s%s%s%s%s%s", export_fmt_names[fmt],
	    q.status ? " status=" : "", q.status ? q.status : "",
	    q.country ? " country=" : "", q.country ? q.country : "",
	    q.since ? " since=" : "", q.since ? q.since : "",
	    q.lang ? " lang=" : "", q.lang ? q.lang : "");
	sink.arg = stdout;
	if (detail == NULL ||
	    audit(db, "export", export_kind_names[kind], detail) == -1)
		fprintf(stderr, "%s: database error\n", progname);
	else if (out != NULL) {
		if (export_to_file(db, a, (enum export_kind)kind,
		    (enum export_fmt)fmt, &f, l, out) == 0)
			rc = 0;
		else
			fprintf(stderr, "%s: %s: the export failed\n",
			    progname, out);
	} else if ((fmt == EXPORT_XLSX ? xlsx_export_sink(db, a,
	    (enum export_kind)kind, &f, l, getenv("TMPDIR"), &sink) :
	    export_run_lang(db, a, (enum export_kind)kind,
	    (enum export_fmt)fmt, &f, l, &sink)) == -1 || fflush(stdout) != 0)
		fprintf(stderr, "%s: the export failed\n", progname);
	else
		rc = 0;
	arena_free(a);
	db_close(db);
	return rc;
}

/* backup FILE: an online copy of the database; FILE must not exist. */
static int
cmd_backup(const char *path, int argc, char *argv[])
{
	struct db	*db;

	if (argc != 1)
		usage();
	if (access(argv[0], F_OK) == 0) {
		fprintf(stderr, "%s: %s exists: give the name of a new file\n",
		    progname, argv[0]);
		return 1;
	}
	if ((db = ctl_open(path)) == NULL)
		return 1;
	if (db_backup(path, argv[0]) == -1) {
		fprintf(stderr, "%s: %s: the backup failed\n", progname,
		    argv[0]);
		db_close(db);
		return 1;
	}
	audit(db, "backup", argv[0], "");
	db_close(db);
	return 0;
}

static const struct {
	const char	*name;
	int		(*fn)(const char *, int, char *[]);
} cmds[] = {
	{ "init", cmd_init },
	{ "verify", cmd_verify },
	{ "user", cmd_user },
	{ "export", cmd_export },
	{ "backup", cmd_backup },
	{ "event", cmd_event },
	/* signed receipts, the ledger, declaration versions */
	{ "key", cmd_key },
	{ "verify-receipt", cmd_verify_receipt },
	{ "ledger", cmd_ledger },
	{ "declaration", cmd_declaration },
	{ "domain", cmd_domain },
	{ "mail", cmd_mail },
};

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	/* Static: a command may exit through any path, and LeakSanitizer
	 * still sees the path it was given. */
	static char	*db;
	const char	*state;
	char		 why[256];
	size_t		 i;
	int		 c;

	if (conf_load(CONF_PATH, why, sizeof(why)) == -1) {
		fprintf(stderr, "%s: %s\n", progname, why);
		return 1;
	}
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
	/*
	 * Files made here (the database, its -wal and -shm, a backup, an
	 * export) are private; as root, they are the database owner's, so
	 * that the site's user can still open what SQLite leaves beside it.
	 */
	umask(077);
	/*
	 * The CSV and XLSX header rows of an export with --lang.  Loaded
	 * while still root: the owner may not reach the catalogs of a
	 * tree in a private folder.
	 */
	(void)lang_init(NULL);
	if (priv_to_owner(db) == -1)
		return 1;
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
