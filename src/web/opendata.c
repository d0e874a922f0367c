/*
 * opendata.c: GET /signatories.csv|.json and /commitments.csv|.json,
 * the public lists whole as open data, with the lists' own filters
 * (country, continent; area and status for reports).  Only what the
 * public pages show: the columns are export.c's open data sets, read
 * from the tables that hold the verified, listed rows; never an email,
 * a receipt code, a token or an internal id.  Streamed row by row, and
 * cacheable for a minute by nginx or a CDN.  The licence the organisers
 * chose (ENDORSE_DATA_LICENSE) goes in a Link header.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* next_in is const: zlib never writes what it is given. */
#define ZLIB_CONST
#include <zlib.h>

#include "arena.h"
#include "country.h"
#include "export.h"
#include "http.h"
#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

/* The licence's name when the organisers set none: to be reviewed. */
#define LICENSE_DEFAULT		"CC BY 4.0"
#define LICENSE_DEFAULT_URL	"https://creativecommons.org/licenses/by/4.0/"

struct open_job {
	enum open_set		set;
	enum export_fmt		fmt;
	struct list_filter	f;
	int			gzip;	/* the client takes gzip */
};

/*
 * A sink that gzips what it is given into another.  nginx keeps the
 * answer, so a file is compressed once per version of the lists, and
 * each later download is a copy of a file about a twentieth the size.
 */
struct gz_sink {
	z_stream		 z;
	const struct sink	*out;
	unsigned char		 buf[16384];
};

/* Deflate what z holds with flush; hand out each full buffer. */
static int
gz_run(struct gz_sink *g, int flush)
{
	int	rc;

	do {
		g->z.next_out = g->buf;
		g->z.avail_out = sizeof(g->buf);
		rc = deflate(&g->z, flush);
		if (rc == Z_STREAM_ERROR)
			return -1;
		if (sizeof(g->buf) - g->z.avail_out > 0 &&
		    g->out->write(g->out->arg, (const char *)g->buf,
		    sizeof(g->buf) - g->z.avail_out) == -1)
			return -1;
	} while (g->z.avail_out == 0 ||
	    (flush == Z_FINISH && rc != Z_STREAM_END));
	return 0;
}

static int
gz_write(void *arg, const char *p, size_t len)
{
	struct gz_sink	*g = arg;

	g->z.next_in = (const Bytef *)p;
	g->z.avail_in = (uInt)len;
	return gz_run(g, Z_NO_FLUSH);
}

const char *
open_license(void)
{
	const char	*v = getenv("ENDORSE_DATA_LICENSE");

	return v != NULL && *v != '\0' ? v : LICENSE_DEFAULT;
}

const char *
open_license_url(void)
{
	const char	*v = getenv("ENDORSE_DATA_LICENSE_URL");

	const char	*p;

	if (v != NULL && *v != '\0') {
		/* Printable ASCII without <>" only: it goes into a header
		 * and an attribute. */
		for (p = v; *p != '\0'; p++)
			if (*p <= ' ' || *p >= 0x7f || strchr("<>\"", *p))
				return NULL;
		return strncmp(v, "https://", 8) == 0 ||
		    strncmp(v, "http://", 7) == 0 ? v : NULL;
	}
	/* The default's own deed; another licence links only if told. */
	return strcmp(open_license(), LICENSE_DEFAULT) == 0 ?
	    LICENSE_DEFAULT_URL : NULL;
}

static int
stream(struct req *r, const struct sink *sink)
{
	struct open_job	*j = r->stream_arg;
	struct gz_sink	*g;
	struct sink	 gz;
	int		 rc;

	if (!j->gzip)
		return open_data_run(web_db, j->set, j->fmt, &j->f, sink);
	if ((g = arena_calloc(r->a, 1, sizeof(*g))) == NULL)
		return -1;
	g->out = sink;
	/* 15 + 16: a gzip wrapper around a 32 KiB window. */
	if (deflateInit2(&g->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	gz.write = gz_write;
	gz.arg = g;
	rc = open_data_run(web_db, j->set, j->fmt, &j->f, &gz);
	if (rc == 0)
		rc = gz_run(g, Z_FINISH);
	deflateEnd(&g->z);
	return rc;
}

void
open_data_get(struct ctx *x)
{
	struct req		*r = x->r;
	struct open_job		*j;
	const struct country	*k;
	const char		*url;

	if ((j = arena_calloc(r->a, 1, sizeof(*j))) == NULL) {
		route_fail(x, 500, "out of memory for the open data");
		return;
	}
	j->set = (enum open_set)(x->route->arg / EXPORT__FMT);
	j->fmt = (enum export_fmt)(x->route->arg % EXPORT__FMT);
	/* The list's filters, checked by the router as for the page. */
	list_query_filter(x, &j->f);
	/* The data set is whole: a page's keyset means nothing here. */
	j->f.before = 0;
	/* A country outside the continent asked for: nothing, as the
	 * page shows. */
	k = j->f.country != NULL ? country_find(j->f.country) : NULL;
	if (k != NULL && j->f.continent != NULL &&
	    strcmp(list_continent(k), j->f.continent) != 0)
		j->f.country = "-";
	/* Compressed here, once, when the client takes it: nginx keeps
	 * each form apart (its cache key names it) and sends its copy. */
	j->gzip = http_accepts_gzip(r->accept_encoding);
	if (j->gzip)
		req_header(r, "Content-Encoding", "gzip");
	req_header(r, "Vary", "Accept-Encoding");
	req_header(r, "Cache-Control", "public, max-age=60");
	req_header(r, "Access-Control-Allow-Origin", "*");
	req_header(r, "Content-Disposition", "inline; filename=\"%s.%s\"",
	    open_set_names[j->set], export_fmt_names[j->fmt]);
	if ((url = open_license_url()) != NULL)
		req_header(r, "Link", "<%s>; rel=\"license\"", url);
	r->stream = stream;
	r->stream_arg = j;
}

/*
 * GET /opendata-version: the number under which nginx keeps the open
 * data files (list_version), in a header.  nginx asks for it before
 * each download (auth_request) and serves the file it made under that
 * number, if any: the files are as fresh as the database and cost one
 * small query each.  Internal: nginx answers 404 to a client that asks.
 */
void
open_data_version(struct ctx *x)
{
	struct req	*r = x->r;
	long long	 v;

	req_header(r, "Cache-Control", "no-store");
	if ((v = db_list_version(web_db)) < 0) {
		/* nginx then refuses the download (a 5xx): no stale file
		 * is served for a version it could not read. */
		route_fail(x, 503, "the open data's version is unreadable");
		return;
	}
	r->status = 204;
	r->content_type_out = NULL;
	req_header(r, "X-Data-Version", "%lld", v);
}
