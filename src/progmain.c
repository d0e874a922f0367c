/*
 * progmain.c: the main of every FastCGI program here (endorse-web and
 * endorse-admin): its options and environment, checked before anything
 * starts, then the supervisor.  Each program's main.c is one call.
 */
#include "config.h"

#include <sys/stat.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "token.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"

static const char	*progname;
/* Kept where LeakSanitizer can see it, whatever way main returns. */
static char		*pidfile;

/*
 * The base URL this site answers on goes into the database (meta
 * 'base_url'), so that endorsectl, run later without the site's
 * environment, prints links to this site and not to a default.  A
 * database that cannot take it now is no reason not to start: the
 * workers say what is wrong with it.
 */
static void
record_base_url(const char *path, const char *url)
{
	struct db	*db;
	struct dbparam	 p[2];

	if ((db = db_open(path)) == NULL) {
		fprintf(stderr, "%s: %s: cannot record the base URL\n",
		    progname, path);
		return;
	}
	p[0] = DBP_S("base_url");
	p[1] = DBP_S(url);
	if (db_run(db, DBQ_META_SET, p, 2, NULL) != DB_OK)
		fprintf(stderr, "%s: %s: cannot record the base URL\n",
		    progname, path);
	db_close(db);
}

/* A program with a helper (endorse-web's mail) has two more options. */
static void
usage(const struct app *app)
{
	if (app->helper == NULL)
		fprintf(stderr, "usage: %s [--listen SOCKET] "
		    "[--write-listen SOCKET] [--workers N] [--db FILE]\n",
		    progname);
	else
		fprintf(stderr, "usage: %s [--listen SOCKET] "
		    "[--write-listen SOCKET] [--workers N] [--db FILE] "
		    "[--no-mail]\n"
		    "       %s --mail-only [--db FILE]\n", progname, progname);
	exit(2);
}

/*
 * ENDORSE_BASE_URL: scheme://host[:port], no path, no query.  A single
 * trailing slash is forgiven.  The QR codes carry it, so it is checked
 * before anything starts, never taken from a request.
 */
static char *
base_url(void)
{
	const char	*env = getenv("ENDORSE_BASE_URL"), *port, *rest;
	char		*url;
	size_t		 len;

	if (env == NULL || *env == '\0') {
		port = getenv("ENDORSE_PORT");
		if (port == NULL || *port == '\0')
			port = "8080";
		if (asprintf(&url, "http://127.0.0.1:%s", port) == -1)
			return NULL;
		return url;
	}
	if ((url = strdup(env)) == NULL)
		return NULL;
	len = strlen(url);
	if (len > 0 && url[len - 1] == '/')
		url[--len] = '\0';
	if (strncmp(url, "http://", 7) == 0)
		rest = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		rest = url + 8;
	else
		rest = NULL;
	if (rest == NULL || *rest == '\0' || strpbrk(rest, "/?#@ \"'<>\\")) {
		fprintf(stderr, "%s: ENDORSE_BASE_URL must be "
		    "scheme://host[:port] with no path, not \"%s\"\n", progname,
		    env);
		free(url);
		return NULL;
	}
	return url;
}

int
server_main(const struct app *app, struct progcfg *pc, int argc,
    char *argv[])
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "write-listen", required_argument, NULL, 'W' },
		{ "workers", required_argument, NULL, 'w' },
		{ "db", required_argument, NULL, 'd' },
		{ "no-mail", no_argument, NULL, 'n' },
		{ "mail-only", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	struct server_cfg	 cfg;
	const char		*state, *env;
	char			*end, *db = NULL, why[256];
	long			 n;
	int			 c, rc, workers_set = 0, mail_only = 0;

	progname = app->name;
	/* Everything made under the state directory is the user's alone. */
	umask(077);
	if (conf_load(CONF_PATH, why, sizeof(why)) == -1) {
		fprintf(stderr, "%s: %s\n", progname, why);
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	env = getenv("ENDORSE_WORKERS");
	cfg.workers = 4;
	if (env != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end != '\0' || n < 1 || n > 256) {
			fprintf(stderr, "%s: ENDORSE_WORKERS must be "
			    "a number from 1 to 256\n", progname);
			return 1;
		}
		cfg.workers = (int)n;
	}
	while ((c = getopt_long(argc, argv, "l:w:d:", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			cfg.listen = optarg;
			break;
		case 'W':
			cfg.write_listen = optarg;
			break;
		case 'w':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 256)
				usage(app);
			cfg.workers = (int)n;
			workers_set = 1;
			break;
		case 'd':
			db = optarg;
			break;
		case 'n':
			if (app->helper == NULL)
				usage(app);
			cfg.no_helper = 1;
			break;
		case 'm':
			if (app->helper == NULL)
				usage(app);
			mail_only = 1;
			break;
		default:
			usage(app);
		}
	}
	if (optind != argc)
		usage(app);
	/* The sender alone has no socket and no workers to be told of. */
	if (mail_only && (cfg.listen != NULL || cfg.write_listen != NULL ||
	    workers_set || cfg.no_helper))
		usage(app);
	/* On fd 0 (spawn-fcgi) a plain responder, unless asked for more. */
	if (cfg.listen == NULL && !workers_set)
		cfg.workers = 1;

	state = getenv("ENDORSE_STATE_DIR");
	if (state == NULL || *state == '\0')
		state = "./var";
	if (db == NULL && asprintf(&db, "%s/endorse.db", state) == -1)
		return 1;
	if (cfg.listen != NULL &&
	    asprintf(&pidfile, "%s/%s.pid", state, app->name) == -1)
		return 1;
	cfg.pidfile = pidfile;
	pc->db_path = db;
	if ((pc->base_url = base_url()) == NULL)
		return 1;
	pc->secure = strncmp(pc->base_url, "https:", 6) == 0;
	/* The sender reads the database only as the service user. */
	if (!mail_only)
		record_base_url(db, pc->base_url);
	page_secure = pc->secure;
	/* Before fork: every worker inherits the loaded catalogs. */
	if (lang_init(NULL) == -1)
		fprintf(stderr, "%s: no C.UTF-8 locale: texts are still "
		    "translated, but only from UTF-8 catalogs\n", progname);
	if (token_init() == -1) {
		fprintf(stderr, "%s: libsodium failed to start\n", progname);
		return 1;
	}
	rc = mail_only ? server_helper(app) : server_run(app, &cfg);
	free(pidfile);
	pidfile = NULL;
	return rc;
}
