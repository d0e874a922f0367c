/*
 * server.h: the FastCGI side shared by endorse-web and endorse-admin:
 * the supervisor that keeps N workers alive, each worker's accept loop,
 * and the request/response a handler sees.
 * Include "config.h" first.
 */
#ifndef SERVER_H
#define SERVER_H

#include <fcgiapp.h>

#include "arena.h"
#include "buf.h"
#include "http.h"

struct sink;

#define BODY_MAX	(64 * 1024)	/* DESIGN.md: over it, 413 */

/*
 * One request.  Every string is in the arena and dies with the request.
 * The handler fills status, content_type, hdr (extra header lines, each
 * ending in "\r\n") and body; the server writes them out.
 */
struct req {
	FCGX_Request	*fcgx;
	struct arena	*a;
	const char	*method;
	const char	*path;		/* decoded, normalised by nginx */
	const char	*query;		/* raw, "" if none */
	const char	*content_type;	/* "" if none */
	const char	*accept_language; /* "" if none */
	const char	*accept_encoding; /* "" if none */
	const char	*remote_addr;
	long long	 content_length; /* -1 if absent or malformed */
	struct kvlist	 cookies;
	struct kvlist	 args;		/* the query string, parsed */
	int		 args_err;	/* enum parse_err of args */
	/*
	 * What a log line names: the route's pattern once the router has
	 * found it ("/receipt/%r"), never the path, which may hold a
	 * receipt code or a kiosk token.  NULL before routing.
	 */
	const char	*route;
	/* A request made without libfcgi (the router's tests): its body. */
	const char	*body_in;

	int		 status;
	/*
	 * Set by a handler whose answer acknowledges stored data (a 303 to
	 * a receipt): the answer leaves only once the batch has committed,
	 * and becomes app->batch_failed's page if the commit fails.
	 */
	int		 after_commit;
	const char	*content_type_out;
	struct buf	*hdr;
	struct buf	*body;

	/*
	 * A body too big to hold (an export).  When set, the
	 * answer has no Content-Length: after the head, once the batch
	 * has committed, the server calls stream with a sink that writes
	 * to the client as it goes.  If stream returns -1 the connection
	 * is cut, so the client sees a broken answer, never a short one
	 * that looks whole.
	 */
	int		(*stream)(struct req *, const struct sink *);
	void		*stream_arg;

	/*
	 * A write the handler leaves for later: the server calls it once
	 * every request of the batch has been handled, inside the batch's
	 * transaction, so that the write lock is held for the writes alone
	 * and not for the parsing and checks of the requests around them.
	 * It sets the answer like a handler (and after_commit).
	 */
	void		(*deferred)(struct req *);
	void		*deferred_arg;
};

/*
 * The body, read in full: exactly content_length bytes or an error.
 * 0 with *body (arena, NUL-terminated) and *bodysz; -1 if the client
 * sent less than it announced or the body is over BODY_MAX.
 */
int	req_body(struct req *, const char **body, size_t *bodysz);
/*
 * Fill r's request fields from nginx's FastCGI parameters (copied into
 * a, which r->a must be): method, path, query (parsed into args),
 * content type and length, cookies, and the answer's defaults.  -1 if
 * the arena is full (r must not be served then).
 */
int	req_params(struct req *, struct arena *a, FCGX_ParamArray envp);
/* Add a header line; name and value are ours, never the client's. */
void	req_header(struct req *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

struct app {
	const char	*name;		/* "endorse-web": names the pid file */
	/* Called once in each worker after fork: open the database etc. */
	int		(*worker_init)(void);
	void		(*worker_fini)(void);
	void		(*handle)(struct req *);
	/*
	 * Group commit: the worker serves every request that is ready at
	 * once between batch_begin and batch_end; one commit covers them
	 * all.  batch_end returns 1 if it committed, 0 if there was nothing
	 * to commit, -1 if the commit failed (then every after_commit
	 * answer becomes batch_failed's page).  May be NULL.
	 */
	void		(*batch_begin)(void);
	int		(*batch_end)(void);
	void		(*batch_failed)(struct req *);
	/*
	 * Makes every commit so far durable: 0, or -1 (the answers it
	 * covered become batch_failed's page).  Called on a thread of its
	 * own while the worker goes on; an after_commit answer is written
	 * only once a batch_sync begun after its commit has returned.
	 * NULL: a commit is durable when batch_end returns.
	 */
	int		(*batch_sync)(void);
	/*
	 * A helper process (endorse-web's mail sender): the supervisor
	 * forks it beside the workers, starts another if it dies and stops
	 * it with them; or it is the whole process (server_helper).  alone
	 * is 1 then: a helper that cannot do its work should exit (1)
	 * rather than idle, since nothing else in the process would.
	 * Returns its exit status.  May be NULL.
	 */
	int		(*helper)(int alone);
	const char	*helper_name;	/* its process name (comm) */
};

struct server_cfg {
	const char	*listen;	/* socket path, or NULL for fd 0 */
	/*
	 * A second socket, for the requests that write (nginx sends it the
	 * POSTs): one worker alone serves it, beside the first socket, so
	 * that one process makes the commits.  NULL: none.
	 */
	const char	*write_listen;
	int		 workers;
	const char	*pidfile;	/* NULL: none */
	int		 no_helper;	/* start no app->helper */
};

/*
 * Run the program: with cfg->listen, open that socket, write the pid
 * file, fork cfg->workers workers, restart any that dies, and on SIGTERM
 * or SIGINT stop them all and remove the socket and pid file.  Without
 * it, the listening socket is fd 0 (spawn-fcgi, systemd): with one
 * worker the process is the worker itself.  Returns the exit status.
 */
int	server_run(const struct app *, const struct server_cfg *);

/*
 * Run app->helper alone, in the foreground, with no socket and no
 * worker: become the service user if started as root (priv_drop), name
 * the process app->helper_name, and return the helper's exit status.
 * No seccomp filter and no no_new_privs: see server.c.
 */
int	server_helper(const struct app *);

/* What a FastCGI program reads at start (progmain.c). */
struct progcfg {
	const char	*db_path;
	const char	*base_url;	/* scheme://host[:port], no slash */
	int		 secure;	/* base URL is https: Secure cookies */
};

/*
 * The whole main of a FastCGI program: --listen, --workers, --db (and,
 * for a program with a helper, --no-mail and --mail-only) and the
 * environment (ENDORSE_STATE_DIR, ENDORSE_BASE_URL, ENDORSE_PORT,
 * ENDORSE_WORKERS) checked into *pc, then server_run or server_helper.
 * Exit status 2 on a usage error, 1 if it cannot start.
 */
int	server_main(const struct app *, struct progcfg *, int argc,
	    char *argv[]);

#endif /* !SERVER_H */
