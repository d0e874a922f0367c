/*
 * mail.c: endorsectl's commands for e-mail confirmation: the list of
 * official domains ("domain add|list|remove") and the outbox ("mail
 * status|retry").  The web program's mail helper does the sending.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "valid.h"
#include "country.h"
#include "token.h"
#include "auth.h"
#include "db.h"
#include "mail.h"
#include "ctl/ctl.h"

/* "be" or "BE" as a known country code in out; -1 if none. */
static int
country_arg(const char *in, char out[3])
{
	if (strlen(in) != 2)
		return -1;
	out[0] = (char)(in[0] >= 'a' && in[0] <= 'z' ? in[0] - 32 : in[0]);
	out[1] = (char)(in[1] >= 'a' && in[1] <= 'z' ? in[1] - 32 : in[1]);
	out[2] = '\0';
	return country_find(out) != NULL ? 0 : -1;
}

int
cmd_domain(const char *path, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	char		 dom[MAIL_DOMAIN_MAX + 1], cc[3];
	const char	*sub, *country = NULL;
	struct db	*db;
	struct arena	*a = NULL;
	struct official_domain *d;
	struct dbparam	 p[2];
	enum db_res	 res;
	long long	 n = 0;
	size_t		 i;
	int		 c, rc = 1;

	if (argc < 1)
		usage();
	sub = argv[0];
	optind = 0;
	while ((c = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (c != 'c' || strcmp(sub, "add") != 0)
			usage();
		country = optarg;
	}
	argc -= optind;
	argv += optind;
	if (strcmp(sub, "list") == 0) {
		if (argc != 0)
			usage();
	} else if ((strcmp(sub, "add") != 0 && strcmp(sub, "remove") != 0) ||
	    argc != 1)
		usage();
	if (argc == 1 && mail_domain_norm(argv[0], dom) == -1) {
		fprintf(stderr, "%s: %s: not a domain name (letters, digits, "
		    "hyphens and dots, such as mechelen.be)\n", progname,
		    argv[0]);
		return 1;
	}
	if (country != NULL && country_arg(country, cc) == -1) {
		fprintf(stderr, "%s: %s: not an ISO 3166-1 country code\n",
		    progname, country);
		return 1;
	}
	if ((db = ctl_open(path)) == NULL)
		return 1;
	if (strcmp(sub, "list") == 0) {
		if ((a = arena_new(4096)) == NULL ||
		    db_domains(db, a, &d, &i) == -1) {
			fprintf(stderr, "%s: database error\n", progname);
			goto out;
		}
		for (n = 0; n < (long long)i; n++)
			printf("%s %s %s\n", d[n].domain,
			    d[n].country ? d[n].country : "*",
			    d[n].created_at);
		rc = 0;
		goto out;
	}
	if (db_tx_begin(db) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		goto out;
	}
	if (strcmp(sub, "add") == 0) {
		p[0] = DBP_S(dom);
		p[1] = DBP_S(country != NULL ? cc : NULL);
		res = db_run(db, DBQ_DOMAIN_ADD, p, 2, NULL);
		if (res == DB_CONFLICT) {
			db_tx_rollback(db);
			fprintf(stderr, "%s: %s is listed already\n", progname,
			    dom);
			goto out;
		}
	} else {
		p[0] = DBP_S(dom);
		res = db_run(db, DBQ_DOMAIN_DEL, p, 1, &n);
		if (res == DB_OK && n == 0) {
			db_tx_rollback(db);
			fprintf(stderr, "%s: %s is not listed\n", progname, dom);
			goto out;
		}
	}
	if (res != DB_OK || audit(db, strcmp(sub, "add") == 0 ?
	    "domain.add" : "domain.remove", dom,
	    country != NULL ? cc : "") == -1) {
		db_tx_rollback(db);
		fprintf(stderr, "%s: database error\n", progname);
		goto out;
	}
	if (db_tx_commit(db) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		goto out;
	}
	rc = 0;
out:
	arena_free(a);
	db_close(db);
	return rc;
}

/*
 * mail status: the counts, then every message that is not sent (queued
 * or failed), newest first, with its last error.  mail retry: failed
 * ones queued again, due now.
 */
int
cmd_mail(const char *path, int argc, char *argv[])
{
	struct db	*db;
	struct arena	*a = NULL;
	struct db_count	*cnt;
	struct outbox_row *o;
	long long	 n = 0;
	size_t		 i, k;
	char		 detail[64];
	int		 rc = 1, pass;
	static const char *const which[] = { "failed", "queued" };

	if (argc != 1 || (strcmp(argv[0], "status") != 0 &&
	    strcmp(argv[0], "retry") != 0))
		usage();
	if ((db = ctl_open(path)) == NULL)
		return 1;
	if (strcmp(argv[0], "retry") == 0) {
		if (db_tx_begin(db) == -1 ||
		    db_run(db, DBQ_OUTBOX_REQUEUE, NULL, 0, &n) != DB_OK) {
			fprintf(stderr, "%s: database error\n", progname);
			goto out;
		}
		snprintf(detail, sizeof(detail), "%lld queued again", n);
		if (audit(db, "mail.retry", "", detail) == -1 ||
		    db_tx_commit(db) == -1) {
			fprintf(stderr, "%s: database error\n", progname);
			goto out;
		}
		printf("%lld queued again\n", n);
		rc = 0;
		goto out;
	}
	if ((a = arena_new(16 * 1024)) == NULL ||
	    db_outbox_counts(db, a, &cnt, &k) == -1) {
		fprintf(stderr, "%s: database error\n", progname);
		goto out;
	}
	for (i = 0; i < k; i++)
		printf("%s%s %lld", i > 0 ? ", " : "", cnt[i].key, cnt[i].n);
	printf("%s\n", k == 0 ? "no mail" : "");
	for (pass = 0; pass < 2; pass++) {
		if (db_outbox_list(db, a, which[pass], 1000, &o, &k) == -1) {
			fprintf(stderr, "%s: database error\n", progname);
			goto out;
		}
		for (i = 0; i < k; i++)
			printf("%lld %s attempts=%d to=%s queued=%s next=%s%s%s\n",
			    o[i].id, o[i].status, o[i].attempts,
			    o[i].recipient, o[i].created_at,
			    o[i].next_attempt_at,
			    *o[i].last_error ? " error=" : "",
			    o[i].last_error);
	}
	rc = 0;
out:
	arena_free(a);
	db_close(db);
	return rc;
}
