/*
 * server.c: the process model of the FastCGI programs.
 *
 * The supervisor opens the listening socket and forks the workers; it
 * does no request work itself, so a crash in a handler costs one worker,
 * which is replaced.  Each worker opens the database and prepares its
 * statements once (app->worker_init), then serves requests until told
 * to stop.
 *
 * nginx keeps its FastCGI connections open (fastcgi_keep_conn).  libfcgi
 * on its own serves one connection until the peer closes it, so a worker
 * parked on an idle kept connection would starve connections waiting in
 * the backlog.  Each worker therefore watches the listening socket and
 * all its kept connections with epoll and serves whichever speaks: it
 * accepts connections itself and hands each to libfcgi by setting the
 * FCGX_Request's ipcFd (the one libfcgi field we touch; its layout is
 * public in fcgiapp.h and has not changed since 2.4.0).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "log.h"
#include "export.h"
#include "priv.h"
#include "lang.h"
#include "server.h"
#include "status.h"

#define CONTENT_LENGTH_MAX	(1LL << 40)	/* far above BODY_MAX */
#define MAX_CONNS	256	/* kept connections one worker watches */
#define ARENA_FIRST	(64 * 1024)

static volatile sig_atomic_t	 stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

void
req_header(struct req *r, const char *name, const char *fmt, ...)
{
	va_list	ap;

	buf_puts(r->hdr, name);
	buf_puts(r->hdr, ": ");
	va_start(ap, fmt);
	buf_vprintf(r->hdr, fmt, ap);
	va_end(ap);
	buf_puts(r->hdr, "\r\n");
}

int
req_body(struct req *r, const char **body, size_t *bodysz)
{
	char	*p;
	size_t	 want, got = 0;
	int	 n;

	if (r->content_length < 0 || r->content_length > BODY_MAX)
		return -1;
	want = (size_t)r->content_length;
	if ((p = arena_alloc(r->a, want + 1)) == NULL)
		return -1;
	if (r->fcgx == NULL && r->body_in != NULL) {
		got = strlen(r->body_in);
		memcpy(p, r->body_in, got < want ? got : want);
		got = got < want ? got : want;
	}
	/* FCGX_GetStr may return less than asked: loop to the end. */
	while (r->fcgx != NULL && got < want) {
		n = FCGX_GetStr(p + got, (int)(want - got), r->fcgx->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != want) {
		logmsg("%s %s: short body: %zu of %zu bytes", r->method,
		    r->route != NULL ? r->route : "(no route)", got, want);
		return -1;
	}
	p[got] = '\0';
	*body = p;
	*bodysz = got;
	return 0;
}

/* A parameter from nginx, copied into the arena ("" if absent). */
static const char *
param(struct arena *a, FCGX_ParamArray envp, const char *name)
{
	const char	*v = FCGX_GetParam(name, envp);

	return arena_strdup(a, v ? v : "");
}

/*
 * CONTENT_LENGTH as a number; -1 if malformed or over CONTENT_LENGTH_MAX
 * (checked after each digit, so no value above it gets through), 0 if
 * absent.
 */
static long long
content_length(const char *s)
{
	long long	 v = 0;

	if (s == NULL)
		return -1;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > CONTENT_LENGTH_MAX)
			return -1;
	}
	return v;
}

/* A sink that writes straight to the FastCGI stream. */
static int
stream_write(void *arg, const char *p, size_t len)
{
	FCGX_Stream	*out = arg;

	return FCGX_PutStr(p, (int)len, out) == (int)len ? 0 : -1;
}

/* Write len bytes to the FastCGI stream; 1 if all went out. */
static int
put(FCGX_Stream *out, const char *p, size_t len)
{
	return len == 0 || FCGX_PutStr(p, (int)len, out) == (int)len;
}

/* What is left to say when the answer itself could not be built. */
static const char oom_answer[] = "Status: 500 Internal Server Error\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n"
    "Content-Length: 22\r\n\r\nInternal server error\n";

/*
 * Write the response; a client that went away is logged, not fatal.
 * The head is built in the request's arena and libfcgi buffers what it
 * is given, so answering allocates nothing of its own.  A streamed body
 * has no Content-Length (nginx sends it chunked); if it fails
 * halfway the connection is cut, so that nginx aborts the answer.
 */
static void
respond(struct req *r)
{
	FCGX_Stream	*out = r->fcgx->out;
	struct sink	 sink = { stream_write, out };
	const char	*status, *tail;
	int		 head = strcmp(r->method, "HEAD") == 0;

	if (http_reason(r->status) == NULL) {
		logmsg("%s %s: status %d is not in the table: sending 500",
		    r->method, r->route != NULL ? r->route : "(no route)",
		    r->status);
		r->status = 500;
	}
	status = arena_printf(r->a, "Status: %d %s\r\n%s%s%s", r->status,
	    http_reason(r->status),
	    r->content_type_out ? "Content-Type: " : "",
	    r->content_type_out ? r->content_type_out : "",
	    r->content_type_out ? "\r\n" : "");
	/* A 204 has no body, and so no Content-Length (RFC 9110, 8.6). */
	tail = r->stream != NULL || r->status == 204 ? "\r\n" :
	    arena_printf(r->a, "Content-Length: %zu\r\n\r\n", r->body->len);
	if (status == NULL || tail == NULL || r->hdr->oom ||
	    (r->stream == NULL && r->body->oom)) {
		/* A page that could not be built whole is never sent half. */
		logmsg("%s %s: 500: out of memory for the answer", r->method,
		    r->route != NULL ? r->route : "(no route)");
		if (!put(out, oom_answer, sizeof(oom_answer) - 1))
			logmsg("%s %s: response not written", r->method,
			    r->route != NULL ? r->route : "(no route)");
		return;
	}
	if (!put(out, status, strlen(status)) ||
	    !put(out, r->hdr->p, r->hdr->len) ||
	    !put(out, tail, strlen(tail)) ||
	    (r->stream == NULL && !head && r->status != 204 &&
	     !put(out, r->body->p, r->body->len))) {
		logmsg("%s %s: response not written", r->method,
		    r->route != NULL ? r->route : "(no route)");
		return;
	}
	if (r->stream != NULL && !head && r->stream(r, &sink) == -1) {
		logmsg("%s %s: streamed answer failed: cutting it",
		    r->method, r->route != NULL ? r->route : "(no route)");
		shutdown(r->fcgx->ipcFd, SHUT_RDWR);
	}
}

int
req_params(struct req *r, struct arena *a, FCGX_ParamArray envp)
{
	r->method = param(a, envp, "REQUEST_METHOD");
	r->path = param(a, envp, "DOCUMENT_URI");
	r->query = param(a, envp, "QUERY_STRING");
	r->content_type = param(a, envp, "CONTENT_TYPE");
	r->accept_language = param(a, envp, "HTTP_ACCEPT_LANGUAGE");
	r->accept_encoding = param(a, envp, "HTTP_ACCEPT_ENCODING");
	r->remote_addr = param(a, envp, "REMOTE_ADDR");
	if (r->method == NULL || r->path == NULL || r->query == NULL ||
	    r->content_type == NULL || r->accept_language == NULL ||
	    r->accept_encoding == NULL || r->remote_addr == NULL)
		return -1;
	r->content_length = content_length(param(a, envp, "CONTENT_LENGTH"));
	http_parse_cookies(a, param(a, envp, "HTTP_COOKIE"), &r->cookies);
	r->args_err = http_parse_query(a, r->query, strlen(r->query),
	    HTTP_MAX_FIELDS, &r->args);
	r->status = 200;
	r->content_type_out = "text/html; charset=utf-8";
	return 0;
}

/* Fill a req from libfcgi's request and run the handler. */
static void
serve(const struct app *app, struct req *r, FCGX_Request *fr,
    struct arena *a, struct buf *hdr, struct buf *body)
{
	memset(r, 0, sizeof(*r));
	r->fcgx = fr;
	r->a = a;
	r->hdr = hdr;
	r->body = body;
	if (req_params(r, a, fr->envp) == -1) {
		logmsg("request parameters: out of memory");
		r->method = r->path = "";
		r->status = 500;
		r->content_type_out = NULL;
		return;
	}
	app->handle(r);
}

struct conn {
	FCGX_Request	req;
	int		used;
	int		waiting;	/* its answer waits for a sync */
};

/*
 * What one request needs until its answer is written: its own memory,
 * so that an answer can wait for the commit and the sync while the
 * worker serves the next requests.
 */
struct slot {
	struct conn	*c;
	struct req	 r;
	struct arena	*a;
	struct buf	 hdr;
	struct buf	 body;
	unsigned long long gen;		/* waiting for this sync; 0: free */
};

#define BATCH_MAX	32	/* requests one epoll round takes */
#define SLOTS		(2 * BATCH_MAX)
#define EV_LISTEN	UINT32_MAX
#define EV_SYNCED	(UINT32_MAX - 1)
#define EV_LISTEN_W	(UINT32_MAX - 2)

/*
 * The sync thread.  A batch's commit only writes the WAL; the answers
 * that acknowledge it wait until a sync of the WAL has returned.  The
 * worker hands the sync to this thread (want = the batch's generation)
 * and goes on serving: the next batches are read, handled and committed
 * while the disk flushes, and one sync covers every commit made before
 * it began.  The thread says it is done through an eventfd that the
 * worker's epoll watches.
 */
struct syncer {
	const struct app	*app;
	pthread_t		 tid;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	unsigned long long	 want;	/* generations committed */
	unsigned long long	 done;	/* synced up to this one */
	unsigned long long	 bad;	/* a sync up to this one failed */
	int			 quit;
	int			 efd;
	int			 running;
};

static void *
syncer_main(void *arg)
{
	struct syncer		*sy = arg;
	unsigned long long	 target;
	uint64_t		 one = 1;
	int			 rc;

	pthread_mutex_lock(&sy->mu);
	for (;;) {
		while (sy->done == sy->want && !sy->quit)
			pthread_cond_wait(&sy->cv, &sy->mu);
		if (sy->done == sy->want && sy->quit)
			break;
		target = sy->want;
		pthread_mutex_unlock(&sy->mu);
		rc = sy->app->batch_sync();
		pthread_mutex_lock(&sy->mu);
		sy->done = target;
		if (rc == -1)
			sy->bad = target;
		if (write(sy->efd, &one, sizeof(one)) != sizeof(one))
			logerr("eventfd");
	}
	pthread_mutex_unlock(&sy->mu);
	return NULL;
}

static int
syncer_start(struct syncer *sy, const struct app *app)
{
	sigset_t	all, old;
	int		rc;

	memset(sy, 0, sizeof(*sy));
	sy->app = app;
	sy->efd = -1;
	if (app->batch_sync == NULL)
		return 0;
	if ((sy->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		logerr("eventfd");
		return -1;
	}
	pthread_mutex_init(&sy->mu, NULL);
	pthread_cond_init(&sy->cv, NULL);
	/* Signals (SIGTERM) stay with the worker's own thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&sy->tid, NULL, syncer_main, sy);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		errno = rc;
		logerr("pthread_create");
		return -1;
	}
	sy->running = 1;
	return 0;
}

/* Ask for a sync of everything committed so far; its generation. */
static unsigned long long
syncer_ask(struct syncer *sy)
{
	unsigned long long	gen;

	pthread_mutex_lock(&sy->mu);
	gen = ++sy->want;
	pthread_cond_signal(&sy->cv);
	pthread_mutex_unlock(&sy->mu);
	return gen;
}

/* What the thread has synced so far (done) and failed (bad). */
static void
syncer_state(struct syncer *sy, int wait, unsigned long long *done,
    unsigned long long *bad)
{
	uint64_t	n;

	if (sy->efd != -1 && read(sy->efd, &n, sizeof(n)) == -1 &&
	    errno != EAGAIN)
		logerr("eventfd");
	pthread_mutex_lock(&sy->mu);
	/* Waiting: every sync asked for, done (the thread signals through
	 * the eventfd only: poll it). */
	while (wait && sy->done != sy->want) {
		pthread_mutex_unlock(&sy->mu);
		usleep(50);
		pthread_mutex_lock(&sy->mu);
	}
	*done = sy->done;
	*bad = sy->bad;
	pthread_mutex_unlock(&sy->mu);
}

static void
syncer_stop(struct syncer *sy)
{
	if (sy->running) {
		pthread_mutex_lock(&sy->mu);
		sy->quit = 1;
		pthread_cond_signal(&sy->cv);
		pthread_mutex_unlock(&sy->mu);
		pthread_join(sy->tid, NULL);
		sy->running = 0;
	}
	if (sy->efd != -1)
		close(sy->efd);
	sy->efd = -1;
}

/* Forget a connection whose fd libfcgi or we have closed. */
static void
conn_drop(struct conn *c)
{
	if (c->req.ipcFd >= 0)
		close(c->req.ipcFd);
	c->req.ipcFd = -1;
	c->used = 0;
}

/*
 * A kept or new connection is readable: read the request on it (1), or
 * notice that nginx closed it or has nothing yet (0).
 */
static int
conn_read(struct conn *c)
{
	char	b;
	ssize_t	n;

	n = recv(c->req.ipcFd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		conn_drop(c);
		return 0;
	}
	if (n < 0)
		return 0;
	if (FCGX_Accept_r(&c->req) < 0) {
		/* libfcgi closed it; a fresh request struct for the slot. */
		conn_drop(c);
		return 0;
	}
	return 1;
}

/* Write a served request's answer, finish it on its connection and
 * free its slot. */
static void
conn_finish(struct slot *s)
{
	respond(&s->r);
	/* Flushes; closes the socket unless nginx asked to keep it. */
	FCGX_Finish_r(&s->c->req);
	s->c->waiting = 0;
	if (s->c->req.ipcFd < 0)
		s->c->used = 0;
	else
		s->c->req.keepConnection = 1;
	s->gen = 0;
}

/* Accept what is waiting on the listening socket; 0 unless epoll fails. */
static int
accept_new(int ep, int lfd, struct conn *conns)
{
	struct epoll_event	 ev;
	int			 fd, i;

	for (;;) {
		for (i = 0; i < MAX_CONNS && conns[i].used; i++)
			continue;
		if (i == MAX_CONNS)
			return 0;	/* full: other workers take them */
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				logerr("accept");
			return 0;
		}
		/* A listen_sock of -1: libfcgi must never accept itself. */
		FCGX_InitRequest(&conns[i].req, -1, 0);
		conns[i].req.ipcFd = fd;
		/* So FCGX_Accept_r's opening Finish does not close fd. */
		conns[i].req.keepConnection = 1;
		conns[i].used = 1;
		conns[i].waiting = 0;
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.u32 = (uint32_t)i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
			logerr("epoll_ctl");
			conn_drop(&conns[i]);
			return -1;
		}
	}
}

/*
 * Answer every waiting request whose sync has returned (all of them with
 * wait set, after waiting for the syncs asked for).  A failed sync turns
 * the answers it covered into app->batch_failed's page.
 */
static void
finish_synced(const struct app *app, struct syncer *sy, struct slot *slots,
    int wait)
{
	unsigned long long	done, bad;
	int			i;

	syncer_state(sy, wait, &done, &bad);
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].gen == 0 || slots[i].gen > done)
			continue;
		if (slots[i].gen <= bad && app->batch_failed != NULL)
			app->batch_failed(&slots[i].r);
		conn_finish(&slots[i]);
	}
}

/*
 * Serve the requests that epoll reported ready, as one batch: read and
 * handle each (a handler's deferred write runs after all of them, so the
 * write lock is held for the writes alone), end the batch (one commit),
 * then answer: at once what acknowledges nothing, after the sync what
 * does.
 */
static int
serve_batch(const struct app *app, struct syncer *sy, int ep, int lfd,
    int wfd, struct conn *conns, struct slot *slots,
    const struct epoll_event *evs, int n)
{
	struct conn		*c;
	struct slot		*batch[BATCH_MAX];
	unsigned long long	 gen = 0;
	int			 i, k = 0, nb = 0, ended;

	if (app->batch_begin != NULL)
		app->batch_begin();
	for (i = 0; i < n && !stopping; i++) {
		if (evs[i].data.u32 == EV_LISTEN ||
		    evs[i].data.u32 == EV_LISTEN_W) {
			if (accept_new(ep, evs[i].data.u32 == EV_LISTEN ?
			    lfd : wfd, conns) == -1)
				return -1;
			continue;
		}
		if (evs[i].data.u32 == EV_SYNCED) {
			finish_synced(app, sy, slots, 0);
			continue;
		}
		c = &conns[evs[i].data.u32];
		/* A connection whose answer waits has nothing more to say
		 * until it gets it (a peer that went away is seen then). */
		if (!c->used || c->waiting)
			continue;
		while (k < SLOTS && slots[k].gen != 0)
			k++;
		if (k == SLOTS) {
			/* Every slot waits for a sync: wait for them. */
			finish_synced(app, sy, slots, 1);
			for (k = 0; k < SLOTS && slots[k].gen != 0; k++)
				continue;
		}
		if (!conn_read(c))
			continue;
		arena_reset(slots[k].a);
		buf_reset(&slots[k].hdr);
		buf_reset(&slots[k].body);
		slots[k].c = c;
		serve(app, &slots[k].r, &c->req, slots[k].a,
		    &slots[k].hdr, &slots[k].body);
		/* Taken until answered, below or after the sync. */
		slots[k].gen = ~0ULL;
		batch[nb++] = &slots[k];
	}
	for (i = 0; i < nb; i++)
		if (batch[i]->r.deferred != NULL)
			batch[i]->r.deferred(&batch[i]->r);
	ended = app->batch_end != NULL ? app->batch_end() : 0;
	if (ended == 1 && app->batch_sync != NULL)
		gen = syncer_ask(sy);
	for (i = 0; i < nb; i++) {
		/* Nothing is acknowledged that was not committed. */
		if (ended == -1 && batch[i]->r.after_commit &&
		    app->batch_failed != NULL)
			app->batch_failed(&batch[i]->r);
		if (gen != 0 && batch[i]->r.after_commit) {
			batch[i]->gen = gen;
			batch[i]->c->waiting = 1;
		} else
			conn_finish(batch[i]);
	}
	return 0;
}

/*
 * A worker: serve until SIGTERM.  Returns the exit status.  wfd, if not
 * -1, is the write socket (server_cfg.write_listen), which this worker
 * alone serves: the POSTs come to it, so its batches are the site's
 * commits.  A connection of another process's commit makes SQLite drop
 * the whole page cache at the next read; with one committing process
 * its pages stay, and its batches grow.
 */
static int
worker(const struct app *app, int lfd, int wfd)
{
	struct epoll_event	 ev, evs[BATCH_MAX];
	struct conn		*conns;
	struct slot		*slots;
	struct sigaction	 sa;
	struct syncer		 sy;
	sigset_t		 none;
	int			 ep = -1, n, i, rc = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: wake epoll_wait */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	memset(&sy, 0, sizeof(sy));
	sy.efd = -1;

	if (FCGX_Init() != 0) {
		logmsg("FCGX_Init failed");
		return 1;
	}
	if (app->worker_init() == -1)
		return 1;
	conns = calloc(MAX_CONNS, sizeof(*conns));
	slots = calloc(SLOTS, sizeof(*slots));
	if (conns == NULL || slots == NULL) {
		logerr("worker setup");
		goto out;
	}
	for (i = 0; i < SLOTS; i++)
		if ((slots[i].a = arena_new(ARENA_FIRST)) == NULL) {
			logerr("worker setup");
			goto out;
		}
	if ((ep = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		logerr("epoll_create1");
		goto out;
	}
	for (i = 0; i < MAX_CONNS; i++)
		conns[i].req.ipcFd = -1;
	memset(&ev, 0, sizeof(ev));
	/* EPOLLEXCLUSIVE: one worker wakes per new connection. */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.u32 = EV_LISTEN;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) == -1) {
		logerr("epoll_ctl listen");
		goto out;
	}
	ev.events = EPOLLIN;
	ev.data.u32 = EV_LISTEN_W;
	if (wfd != -1 && epoll_ctl(ep, EPOLL_CTL_ADD, wfd, &ev) == -1) {
		logerr("epoll_ctl listen");
		goto out;
	}
	if (syncer_start(&sy, app) == -1)
		goto out;
	if (sy.efd != -1) {
		ev.events = EPOLLIN;
		ev.data.u32 = EV_SYNCED;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, sy.efd, &ev) == -1) {
			logerr("epoll_ctl eventfd");
			goto out;
		}
	}
	/* From here on only the request loop's system calls. */
	if (sandbox_enter(SANDBOX_WORKER) == -1)
		goto out;
	while (!stopping) {
		n = epoll_wait(ep, evs, BATCH_MAX, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			logerr("epoll_wait");
			goto out;
		}
		if (serve_batch(app, &sy, ep, lfd, wfd, conns, slots, evs,
		    n) == -1)
			goto out;
	}
	rc = 0;
out:
	/* Answers that wait for a sync get it before the worker goes. */
	if (slots != NULL && sy.running)
		finish_synced(app, &sy, slots, 1);
	syncer_stop(&sy);
	if (app->worker_fini != NULL)
		app->worker_fini();
	if (conns != NULL)
		for (i = 0; i < MAX_CONNS; i++)
			if (conns[i].used)
				conn_drop(&conns[i]);
	if (slots != NULL)
		for (i = 0; i < SLOTS; i++) {
			arena_free(slots[i].a);
			buf_free(&slots[i].hdr);
			buf_free(&slots[i].body);
		}
	free(slots);
	free(conns);
	if (ep != -1)
		close(ep);
	return rc;
}

#ifdef ENDORSE_COVERAGE
void	__gcov_dump(void);
#endif

/*
 * A worker ends with _exit (no atexit handlers of the supervisor's run
 * twice); a coverage build writes its counts first.
 */
static void
worker_exit(int rc)
{
#ifdef ENDORSE_COVERAGE
	__gcov_dump();
#endif
	_exit(rc);
}

/* A worker; it serves wfd too if writer is set, else closes it. */
static pid_t
spawn(const struct app *app, int lfd, int wfd, int writer)
{
	pid_t	pid;

	pid_t	parent = getpid();

	if ((pid = fork()) == -1) {
		logerr("fork");
		return -1;
	}
	if (pid == 0) {
		/* A supervisor killed outright takes its workers with it:
		 * no orphan keeps serving an old socket and the database. */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 ||
		    getppid() != parent)
			_exit(1);
		if (!writer && wfd != -1) {
			close(wfd);
			wfd = -1;
		}
		worker_exit(worker(app, lfd, wfd));
	}
	return pid;
}

/*
 * The helper process.  It runs a program (ENDORSE_SENDMAIL) that may
 * need exec and, for an MTA's setgid sendmail, no no_new_privs: so it is
 * forked before the supervisor enters its seccomp filter, and it keeps
 * its own child alive (the real helper, app->helper) rather than have
 * the filtered supervisor start it again.  SIGTERM stops both.
 */
static void
helper_keeper(const struct app *app)
{
	sigset_t	 set;
	time_t		 started;
	pid_t		 pid;
	int		 sig, status;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (;;) {
		started = time(NULL);
		if ((pid = fork()) == -1) {
			logerr("fork");
			_exit(1);
		}
		if (pid == 0) {
			if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1)
				_exit(1);
			/* Its counts too, in a coverage build: it ends
			 * cleanly on SIGTERM. */
			worker_exit(app->helper(0));
		}
		for (;;) {
			if (sigwait(&set, &sig) != 0)
				continue;
			if (sig == SIGTERM || sig == SIGINT) {
				kill(pid, SIGTERM);
				waitpid(pid, NULL, 0);
				_exit(0);
			}
			if (waitpid(pid, &status, WNOHANG) == pid)
				break;
		}
		logmsg("helper %ld ended (status %d): starting another",
		    (long)pid, status);
		/* Not in a tight loop if it cannot start. */
		if (time(NULL) - started < 1)
			sleep(1);
	}
}

/* The helper's keeper, with the same death signal as a worker. */
static pid_t
spawn_helper(const struct app *app, int lfd, int wfd)
{
	pid_t	pid, parent = getpid();

	if ((pid = fork()) == -1) {
		logerr("fork");
		return -1;
	}
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 ||
		    getppid() != parent)
			_exit(1);
		/* It serves no request: no listening socket for it.  Its
		 * name tells it from the workers in ps and /proc. */
		close(lfd);
		if (wfd != -1)
			close(wfd);
		prctl(PR_SET_NAME, app->helper_name, 0, 0, 0);
		helper_keeper(app);
	}
	return pid;
}

static int
write_pidfile(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		logerr("%s", path);
		return -1;
	}
	fprintf(f, "%ld\n", (long)getpid());
	if (fclose(f) != 0) {
		logerr("%s", path);
		return -1;
	}
	return 0;
}

/* Wait for every worker to end: SIGTERM, then SIGKILL after 5 s. */
static void
stop_workers(pid_t *pids, int n)
{
	struct timespec	 ts = { 0, 50 * 1000 * 1000 };
	int		 i, alive, tries;
	pid_t		 pid;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (tries = 0; tries < 100; tries++) {
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (i = 0; i < n; i++)
				if (pids[i] == pid)
					pids[i] = 0;
		for (alive = 0, i = 0; i < n; i++)
			alive += pids[i] > 0;
		if (alive == 0)
			return;
		nanosleep(&ts, NULL);
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0) {
			logmsg("worker %ld did not stop: killing it",
			    (long)pids[i]);
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
}

/*
 * The supervisor loop: keep n workers alive until told to stop.  The
 * first (and each that replaces it) also serves wfd, if not -1.
 */
static int
supervise(const struct app *app, int lfd, int wfd, int n)
{
	sigset_t	 set;
	pid_t		*pids, pid;
	time_t		*started, now;
	int		 i, sig, status;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* pids[n]: the helper, if the program has one. */
	pids = calloc((size_t)n + 1, sizeof(*pids));
	started = calloc((size_t)n + 1, sizeof(*started));
	if (pids == NULL || started == NULL) {
		logerr("calloc");
		free(pids);
		free(started);
		return 1;
	}
	/* Before the filter: the helper may exec (see helper_keeper). */
	if (app->helper != NULL) {
		pids[n] = spawn_helper(app, lfd, wfd);
		started[n] = time(NULL);
	}
	if (sandbox_enter(SANDBOX_SUPERVISOR) == -1) {
		stop_workers(pids + n, app->helper != NULL);
		free(pids);
		free(started);
		return 1;
	}
	for (i = 0; i < n; i++) {
		pids[i] = spawn(app, lfd, wfd, i == 0);
		started[i] = time(NULL);
	}
	logmsg("%s: %d workers", app->name, n);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP)
			break;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < n && pids[i] != pid; i++)
				continue;
			if (i == n && app->helper != NULL && pids[n] == pid) {
				logmsg("helper %ld ended (status %d): "
				    "starting another", (long)pid, status);
				/* Not in a tight loop if it cannot start. */
				if (time(NULL) - started[n] < 1)
					sleep(1);
				pids[n] = spawn_helper(app, lfd, wfd);
				started[n] = time(NULL);
				continue;
			}
			if (i == n)
				continue;	/* not ours */
			if (WIFSIGNALED(status))
				logmsg("worker %ld killed by signal %d: "
				    "starting another", (long)pid,
				    WTERMSIG(status));
			else
				logmsg("worker %ld exited with %d: "
				    "starting another", (long)pid,
				    WEXITSTATUS(status));
			/* A worker that cannot start (no database, say)
			 * is not restarted in a tight loop; one killed
			 * from outside is replaced at once. */
			now = time(NULL);
			if (WIFEXITED(status) && now - started[i] < 1)
				sleep(1);
			pids[i] = spawn(app, lfd, wfd, i == 0);
			started[i] = time(NULL);
		}
	}
	logmsg("%s: stopping", app->name);
	stop_workers(pids, app->helper != NULL ? n + 1 : n);
	free(pids);
	free(started);
	return 0;
}

/*
 * Listen on path (or take fd 0 if path is NULL): the socket, non-blocking,
 * or -1.  Workers accept from one socket; none may block in accept.
 */
static int
listen_on(const char *path)
{
	mode_t	old;
	int	fd, flags;

	if (path != NULL) {
		/* A socket left by a killed run would make bind fail. */
		unlink(path);
		old = umask(0077);	/* only our user (nginx's) may connect */
		fd = FCGX_OpenSocket(path, 1024);
		umask(old);
		if (fd < 0) {
			logerr("%s: cannot listen", path);
			return -1;
		}
	} else
		fd = 0;
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		logerr("listening socket (is fd 0 a socket?)");
		return -1;
	}
	return fd;
}

int
server_run(const struct app *app, const struct server_cfg *cfg)
{
	const char	*owned[] = { cfg->listen, cfg->write_listen, NULL };
	struct app	 bare;
	int		 lfd, wfd = -1, rc;

	/* --no-mail: the helper runs elsewhere (server_helper), or not. */
	if (cfg->no_helper && app->helper != NULL) {
		bare = *app;
		bare.helper = NULL;
		app = &bare;
	}

	if ((lfd = listen_on(cfg->listen)) == -1)
		return 1;
	if (cfg->write_listen != NULL &&
	    (wfd = listen_on(cfg->write_listen)) == -1)
		return 1;
	if (cfg->listen == NULL) {
		/* fd 0's path is not ours to give away. */
		owned[0] = cfg->write_listen;
		owned[1] = NULL;
	}
	/*
	 * Root is needed for nothing past this point: the sockets are open
	 * (and become the service user's, for nginx's workers), and the
	 * database is opened by each worker as that user.
	 */
	if (priv_drop(owned) == -1)
		return 1;
	if (cfg->listen == NULL && cfg->workers <= 1)
		return worker(app, lfd, wfd);
	if (cfg->pidfile != NULL && write_pidfile(cfg->pidfile) == -1)
		return 1;
	rc = supervise(app, lfd, wfd, cfg->workers < 1 ? 1 : cfg->workers);
	if (cfg->listen != NULL)
		unlink(cfg->listen);
	if (cfg->write_listen != NULL)
		unlink(cfg->write_listen);
	if (cfg->pidfile != NULL)
		unlink(cfg->pidfile);
	close(lfd);
	if (wfd != -1)
		close(wfd);
	return rc;
}

/*
 * The helper as a process of its own (endorse-web --mail-only, the
 * endorse-mail service).  It gets no seccomp filter and so no
 * no_new_privs: what it runs, ENDORSE_SENDMAIL, may be an MTA's
 * sendmail, which execs a setgid program (Postfix's postdrop writes the
 * maildrop queue as group postdrop), and with no_new_privs the kernel
 * would run that program without its group and the mail would stay
 * here.  It handles no request; its only input is the outbox, which the
 * workers fill.  Root is still dropped before the database is opened.
 */
int
server_helper(const struct app *app)
{
	if (app->helper == NULL)
		return 1;
	if (priv_drop(NULL) == -1)
		return 1;
	/* The same name as the helper beside the workers, in ps. */
	prctl(PR_SET_NAME, app->helper_name, 0, 0, 0);
	logmsg("%s: %s alone (no socket, no workers)", app->name,
	    app->helper_name);
	return app->helper(1);
}
