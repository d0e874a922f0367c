/*
 * mailer.c: the mail helper of endorse-web.  The supervisor forks it
 * next to the workers and starts another if it dies; or, with
 * --mail-only, it is the whole process (the endorse-mail service,
 * beside an endorse-web run with --no-mail).  It sends what the
 * outbox holds: accepting an endorsement only inserts a row (in the
 * endorsement's own transaction), so a slow or broken MTA never slows
 * or fails a submission.
 *
 * For each due row: the message is made here (MIME by mail.c, the QR
 * code of the receipt inline), ENDORSE_SENDMAIL is run by /bin/sh with
 * the message on its standard input, and the row is marked sent (its
 * token forgotten) only after the command exited 0.  A crash between
 * the two sends the message again at the next start: a repeat, never a
 * loss.  A failure is retried with backoff (mail_backoff) and after
 * MAIL_MAX_ATTEMPTS the row is marked failed.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "valid.h"
#include "token.h"
#include "html.h"
#include "qr.h"
#include "log.h"
#include "db.h"
#include "lang.h"
#include "mail.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

#define POLL_MS		1000	/* how often the outbox is read when idle */
#define BATCH		25	/* rows read, sent and recorded at a time */
#define SEND_TIMEOUT	60	/* seconds a sendmail run may take */
#define QR_SCALE	6

static volatile sig_atomic_t	 mstop;

static void
on_term(int sig)
{
	(void)sig;
	mstop = 1;
}

struct mailcfg {
	const char	*sendmail;
	char		*from;
	char		*host;		/* of the base URL: Message-ID domain */
};

static void
mailcfg_free(struct mailcfg *c)
{
	free(c->from);
	free(c->host);
	c->from = c->host = NULL;
}

/* The host of scheme://host[:port]. */
static char *
url_host(const char *url)
{
	const char	*p = strstr(url, "://");
	size_t		 len;
	char		*h;

	p = p != NULL ? p + 3 : url;
	len = strcspn(p, ":/");
	if ((h = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(h, p, len);
	h[len] = '\0';
	return h;
}

static int
mailcfg_init(struct mailcfg *c)
{
	const char	*env;
	char		 from[512];

	memset(c, 0, sizeof(*c));
	env = getenv("ENDORSE_SENDMAIL");
	c->sendmail = env != NULL && *env != '\0' ? env :
	    "/usr/sbin/sendmail -t -i";
	if ((c->host = url_host(webcfg.base_url)) == NULL)
		return -1;
	env = getenv("ENDORSE_MAIL_FROM");
	if (env != NULL && *env != '\0')
		c->from = strdup(env);
	else {
		snprintf(from, sizeof(from), "no-reply@%s", c->host);
		c->from = strdup(from);
	}
	if (c->from == NULL) {
		mailcfg_free(c);
		return -1;
	}
	if (!mail_addr_ok(c->from)) {
		logmsg("mail: ENDORSE_MAIL_FROM is not a bare address: "
		    "no mail is sent");
		mailcfg_free(c);
		return -1;
	}
	return 0;
}

static enum lang
lang_of(const char *code)
{
	int	i;

	for (i = 0; i < LANG__MAX; i++)
		if (code != NULL && strcmp(lang_code((enum lang)i), code) == 0)
			return (enum lang)i;
	return LANG_EN;
}

/* A paragraph of the HTML part: text escaped. */
static void
html_p(struct buf *b, const char *text)
{
	buf_puts(b, "<p>");
	html_esc(b, text);
	buf_puts(b, "</p>\n");
}

/* A link of the HTML part: href and text both the URL (ours). */
static void
html_link(struct buf *b, const char *url)
{
	buf_puts(b, "<p><a href=\"");
	html_esc(b, url);
	buf_puts(b, "\">");
	html_esc(b, url);
	buf_puts(b, "</a></p>\n");
}

/*
 * The message for row o, whole, in out: the text and the HTML part say
 * the same, in the submission's language.  0, or -1.
 */
static int
render(const struct mailcfg *c, struct arena *a, const struct outbox_row *o,
    struct buf *out)
{
	enum lang	 l = lang_of(o->lang);
	struct buf	 text = { 0 }, html = { 0 }, png = { 0 };
	struct mail	 m;
	const char	*confirm, *receipt, *hello, *code;
	int		 rc = -1;

	confirm = arena_printf(a, "%s/confirm/%s", webcfg.base_url, o->token);
	receipt = arena_printf(a, "%s/receipt/%s", webcfg.base_url,
	    o->receipt);
	hello = arena_printf(a, msg(l, MSG_MAIL_HELLO_FMT), o->full_name);
	code = arena_printf(a, msg(l, MSG_MAIL_CODE_FMT), o->receipt);
	if (confirm == NULL || receipt == NULL || hello == NULL ||
	    code == NULL)
		return -1;

	buf_printf(&text, "%s\n\n%s\n\n%s\n%s\n\n%s\n%s\n\n%s\n\n%s\n\n-- \n"
	    "%s\n%s\n", hello, msg(l, MSG_MAIL_THANKS),
	    msg(l, MSG_MAIL_CONFIRM), confirm, msg(l, MSG_MAIL_RECEIPT),
	    receipt, code, msg(l, MSG_MAIL_NOT_YOU), msg(l, MSG_SITE_NAME),
	    msg(l, MSG_MAIL_AUTO));

	buf_printf(&html, "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><title>", lang_code(l));
	html_esc(&html, msg(l, MSG_MAIL_SUBJECT));
	buf_puts(&html, "</title></head>\n<body>\n");
	html_p(&html, hello);
	html_p(&html, msg(l, MSG_MAIL_THANKS));
	html_p(&html, msg(l, MSG_MAIL_CONFIRM));
	buf_puts(&html, "<p><a href=\"");
	html_esc(&html, confirm);
	buf_puts(&html, "\" style=\"display:inline-block;padding:0.6em 1em;"
	    "background:#1d4f91;color:#ffffff;text-decoration:none\">");
	html_esc(&html, msg(l, MSG_MAIL_BUTTON));
	buf_puts(&html, "</a></p>\n");
	html_link(&html, confirm);
	html_p(&html, msg(l, MSG_MAIL_RECEIPT));
	html_link(&html, receipt);
	html_p(&html, code);
	html_p(&html, msg(l, MSG_MAIL_QR));
	buf_puts(&html, "<p><img src=\"cid:receipt-qr@endorse\" width=\"240\" "
	    "height=\"240\" alt=\"");
	html_esc(&html, receipt);
	buf_puts(&html, "\"></p>\n");
	html_p(&html, msg(l, MSG_MAIL_NOT_YOU));
	buf_puts(&html, "<hr>\n");
	html_p(&html, msg(l, MSG_MAIL_AUTO));
	buf_puts(&html, "</body></html>\n");

	if (qr_png(&png, receipt, QR_SCALE) == -1 ||
	    buf_cstr(&text) == NULL || buf_cstr(&html) == NULL)
		goto out;
	memset(&m, 0, sizeof(m));
	m.from = c->from;
	m.to = o->recipient;
	m.to_name = o->full_name;
	m.subject = msg(l, MSG_MAIL_SUBJECT);
	m.text = text.p;
	m.html = html.p;
	m.png = (const unsigned char *)png.p;
	m.pngsz = png.len;
	m.png_cid = "receipt-qr@endorse";
	m.msgid_domain = c->host;
	m.lang = lang_code(l);
	m.date = time(NULL);
	rc = mail_write(out, &m);
	if (rc == 0 && buf_cstr(out) == NULL)
		rc = -1;
out:
	buf_free(&text);
	buf_free(&html);
	buf_free(&png);
	return rc;
}

/*
 * Run the sendmail command with msg on its standard input.  0 if it
 * exited 0; else -1 with why in err.  A command that takes longer than
 * SEND_TIMEOUT is killed, with its process group.
 */
static int
run_sendmail(const char *cmd, const struct buf *msgb, char *err,
    size_t errsz)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	time_t		 deadline;
	size_t		 off = 0;
	ssize_t		 n;
	pid_t		 pid, w;
	int		 fd[2], status = 0, devnull;

	if (pipe2(fd, O_CLOEXEC) == -1) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		/* Its own group, so that a timeout kills what sh started. */
		setpgid(0, 0);
		devnull = open("/dev/null", O_WRONLY);
		if (dup2(fd[0], 0) == -1 ||
		    (devnull != -1 && dup2(devnull, 1) == -1))
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	/* SIGPIPE is ignored: a command that stops reading is an EPIPE. */
	while (off < msgb->len) {
		n = write(fd[1], msgb->p + off, msgb->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(fd[1]);
	deadline = time(NULL) + SEND_TIMEOUT;
	while ((w = waitpid(pid, &status, WNOHANG)) == 0) {
		if (time(NULL) >= deadline) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(err, errsz, "sendmail took over %d s: killed",
			    SEND_TIMEOUT);
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	if (w == -1) {
		snprintf(err, errsz, "waitpid: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (off < msgb->len) {
			snprintf(err, errsz, "sendmail exited 0 without "
			    "reading the whole message");
			return -1;
		}
		return 0;
	}
	if (WIFEXITED(status))
		snprintf(err, errsz, "sendmail exited with status %d",
		    WEXITSTATUS(status));
	else
		snprintf(err, errsz, "sendmail killed by signal %d",
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

/* What became of one row's attempt, until it is recorded. */
struct outcome {
	long long	id;
	int		sent;
	int		fails;		/* attempts failed, this one included */
	int		final;		/* never retried */
	char		err[200];
};

/* Make and send one row's message; what happened goes in *out. */
static void
send_one(const struct mailcfg *c, struct arena *a, const struct outbox_row *o,
    struct outcome *out)
{
	struct buf	 m = { 0 };

	memset(out, 0, sizeof(*out));
	out->id = o->id;
	out->fails = o->attempts + 1;
	/* A message that cannot be made now never can: no retries. */
	if (render(c, a, o, &m) == -1) {
		snprintf(out->err, sizeof(out->err), "the message could not "
		    "be made (the address is not one this site can write to)");
		out->final = 1;
	} else if (run_sendmail(c->sendmail, &m, out->err,
	    sizeof(out->err)) == 0)
		out->sent = 1;
	buf_free(&m);
	if (out->sent)
		logmsg("mail %lld: sent", o->id);
	else
		logmsg("mail %lld: attempt %d failed: %s", o->id, out->fails,
		    out->err);
}

/* Write one outcome inside the caller's transaction. */
static enum db_res
record_one(struct db *db, struct arena *a, const struct outcome *out)
{
	struct dbparam	p[4];

	p[0] = DBP_I(out->id);
	if (out->sent)
		return db_run(db, DBQ_OUTBOX_SENT, p, 1, NULL);
	p[1] = DBP_S(out->err);
	p[2] = DBP_S(arena_printf(a, "+%ld seconds", mail_backoff(out->fails)));
	p[3] = DBP_I(out->final || out->fails >= MAIL_MAX_ATTEMPTS);
	if (p[2].s == NULL)
		return DB_ERROR;
	return db_run(db, DBQ_OUTBOX_FAIL, p, 4, NULL);
}

/*
 * Record what a batch's attempts did, in one transaction: every commit
 * makes the workers read their pages again, so the sender commits once
 * a batch, not once a message.  If it fails, the messages sent may go
 * again (a repeat, never a loss) and the failures are tried again.
 */
static void
record(struct db *db, struct arena *a, const struct outcome *out, size_t n)
{
	size_t	i;

	if (n == 0)
		return;
	if (db_tx_begin(db) == -1)
		goto fail;
	for (i = 0; i < n; i++)
		if (record_one(db, a, &out[i]) != DB_OK) {
			db_tx_rollback(db);
			goto fail;
		}
	if (db_tx_commit(db) == 0)
		return;
fail:
	for (i = 0; i < n; i++)
		if (out[i].sent)
			logmsg("mail %lld: sent, but not marked sent: it may "
			    "go again", out[i].id);
		else
			logmsg("mail %lld: the failure could not be recorded",
			    out[i].id);
}

/* Send what is due; the number of rows read, or -1. */
static int
send_due(struct db *db, const struct mailcfg *c, struct arena *a)
{
	struct outbox_row	*o;
	struct outcome		 out[BATCH];
	size_t			 i, n, k = 0;

	arena_reset(a);
	if (db_outbox_due(db, a, BATCH, &o, &n) == -1)
		return -1;
	for (i = 0; i < n && !mstop; i++) {
		if (o[i].recipient == NULL || o[i].token == NULL ||
		    o[i].receipt == NULL || o[i].full_name == NULL)
			continue;
		send_one(c, a, &o[i], &out[k++]);
	}
	record(db, a, out, k);
	return (int)n;
}

int
mailer_main(int alone)
{
	struct timespec	 ts = { POLL_MS / 1000, (POLL_MS % 1000) * 1000000L };
	struct sigaction sa;
	struct mailcfg	 c;
	struct arena	*a;
	struct db	*db;
	sigset_t	 none;
	int		 n, ok;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: wake nanosleep */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/*
	 * Signatures before mail: during a burst of submissions the workers
	 * that acknowledge them get the CPU, and the queue is sent once
	 * they leave some.  Nice 10 only weighed the helper less, and it
	 * forks ENDORSE_SENDMAIL once a message; SCHED_IDLE (inherited by
	 * those runs) gives it only a CPU nothing else wants.  Its own
	 * transactions are a few rows long, and a worker waiting for one
	 * sleeps, which frees the CPU for it.  Alone, the service manager
	 * sets the policy (its filter refuses the system call).
	 */
	if (!alone) {
		struct sched_param	sp = { 0 };

		if (sched_setscheduler(0, SCHED_IDLE, &sp) == -1)
			logerr("sched_setscheduler");
	}
	ok = mailcfg_init(&c) == 0;
	/*
	 * Misconfigured beside the workers: keep the queue and idle, as a
	 * helper restarted in a loop would only fill the log.  Alone (the
	 * endorse-mail service) there is nothing else to do: fail, so that
	 * the service manager shows it.
	 */
	if (!ok && alone) {
		logmsg("mail: cannot send: stopping");
		return 1;
	}
	if ((db = db_open(webcfg.db_path)) == NULL ||
	    (a = arena_new(64 * 1024)) == NULL) {
		db_close(db);
		mailcfg_free(&c);
		return 1;
	}
	logmsg("mail: sending with \"%s\"", ok ? c.sendmail : "(nothing)");
	while (!mstop) {
		/* Misconfigured: keep the queue, wait to be stopped. */
		n = ok ? send_due(db, &c, a) : 0;
		if (n < BATCH && !mstop)
			nanosleep(&ts, NULL);
	}
	arena_free(a);
	db_close(db);
	mailcfg_free(&c);
	return 0;
}
