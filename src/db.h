/*
 * db.h: the database, as the rest of the program sees it.  Only db.c
 * includes sqlite3.h; everything here speaks in plain C types.
 * Include "config.h" first.
 */
#ifndef DB_H
#define DB_H

#include "arena.h"
#include "auth.h"
#include "token.h"

/* The schema version this program reads and writes. */
#define DB_VERSION	7

extern const char	db_schema_sql[];	/* schema.sql, built in */
extern const char	db_migration2_sql[];	/* migrations/2.sql */

struct db;

enum db_res {
	DB_OK = 0,
	DB_EXISTS,	/* same form_token, same fields: the earlier row */
	DB_CONFLICT,	/* same form_token, other fields */
	DB_NOTFOUND,
	DB_ERROR,
	/* Commitments */
	DB_CLOSED	/* the endorsement is withdrawn or rejected; for a
			 * new endorsement: its event is closed */
};

/*
 * Create the database at path or bring it to DB_VERSION; idempotent.
 * *from and *to get the versions before and after.  Returns -1 and
 * writes a message to stderr on failure.
 */
int	 db_migrate(const char *path, int *from, int *to);

/*
 * Open a migrated database for a long-lived process and prepare every
 * statement once.  NULL (with a logged reason) if the file is missing,
 * not at DB_VERSION, or cannot be opened.  Free with db_close.
 */
struct db	*db_open(const char *path);
void		 db_close(struct db *);

/*
 * Group commit.  Between db_batch_begin and db_batch_end every write goes
 * into one transaction, opened by the first write; db_batch_end commits
 * it (1: committed, 0: the batch wrote nothing) or rolls it back (-1).
 * A committed batch is durable only once db_sync has returned 0 after
 * it: db_batch_end writes the WAL without waiting for the disk.
 */
void	 db_batch_begin(struct db *);
int	 db_batch_end(struct db *);
/*
 * Make every commit of this connection so far durable (fdatasync of the
 * WAL).  It touches nothing but the WAL file's descriptor, so another
 * thread may run it while this one goes on with the connection; never
 * two at once.  0, or -1 if the sync failed.
 */
int	 db_sync(struct db *);
/* walvfs.c: make the WAL-gathering VFS the process's default; 0 or -1. */
int	 db_vfs_register(void);

/* The site secret (CSRF and form-token MAC key). */
int	 db_secret(struct db *, unsigned char key[SECRET_LEN]);
/*
 * How long a request waits for the write lock before it gives up (then
 * it answers 503), and how long /healthz waits (DESIGN.md: 2 s).
 */
#define DB_BUSY_MS	5000
#define DB_PING_MS	2000
/*
 * 0 if the database answers a read of a table and its write lock can be
 * had within DB_PING_MS (another process holding it counts as not
 * answering); -1 otherwise.
 */
int	 db_ping(struct db *);
/*
 * A number that moves on whenever what the open data files show may have
 * changed (see list_version in db.c); -1 if it cannot be read.
 */
long long db_list_version(struct db *);
/*
 * A new request: forget that the lock could not be had.  In a batch a
 * wait that timed out makes every later wait of that batch give up at
 * once; outside one this starts afresh.  db_busy: 1 if a wait for the
 * lock timed out since the reset (the request's database failure was
 * the lock, not a fault: answer 503 with Retry-After).
 */
void	 db_busy_reset(struct db *);
int	 db_busy(struct db *);

/*
 * An endorsement.  For db_endorsement_add the caller fills the fields and
 * hash; the receipt, id and created_at come back.  For db_endorsement_get
 * every string lives in the arena given.
 */
struct endorsement {
	long long	 id;
	char		 receipt[RECEIPT_LEN + 1];
	const char	*form_token;
	unsigned char	 hash[32];	/* of every submitted field */
	const char	*created_at;
	const char	*status;
	const char	*withdrawn_at;	/* NULL unless withdrawn */
	const char	*full_name;
	const char	*role;
	const char	*role_other;
	const char	*government_level;
	const char	*locality;
	const char	*region;
	const char	*country;
	const char	*email;
	const char	*organisation;
	int		 listed;
	int		 consent;
	const char	*signature;	/* NULL if none */
	long long	 event_id;	/* 0 if none */
	const char	*event_name;	/* NULL if none */
	const char	*lang;
	/* What it was made against (set by db_endorsement_add). */
	long long	 decl_version;
	char		 decl_sha256[65];	/* "" if unknown */
	const char	*confirmed_at;	/* NULL until the e-mail is confirmed */
	int		 duplicate;	/* db_admin_list: likely duplicates */
	int		 official;	/* db_admin_list: official domain */
};

/*
 * Store a new endorsement with a fresh receipt in one transaction, and
 * return only once it is committed (synchronous=FULL), or in a batch
 * once it is part of the batch's transaction: DB_OK.  A row with
 * the same form_token: DB_EXISTS with e->receipt set when the fields hash
 * and the event (none for both, or the same) match, else DB_CONFLICT.
 * DB_ERROR otherwise.  A new row comes with its confirmation token
 * (hashed) and its confirmation mail queued in the outbox, in the same
 * transaction: no MIME is made here.
 */
enum db_res	db_endorsement_add(struct db *, struct endorsement *e);
/* Look up by normalised receipt code; DB_NOTFOUND if no such code. */
enum db_res	db_endorsement_get(struct db *, struct arena *,
		    const char *receipt, struct endorsement *out);

struct db_stats {
	long long	endorsements;	/* not withdrawn, not rejected */
	long long	verified;
	long long	countries;	/* distinct, of those counted */
};
int	 db_stats(struct db *, struct db_stats *);

/* ---- commitments, withdrawal, public lists ----------------------------- */

enum receipt_kind {
	RK_ENDORSEMENT,
	RK_COMMITMENT
};

/* What a receipt code acknowledges; DB_NOTFOUND if it was never issued. */
enum db_res	db_receipt_kind(struct db *, const char *receipt,
		    enum receipt_kind *);

/*
 * A commitment report.  For db_commitment_add the caller fills
 * endorsement_id, form_token, hash and the fields; receipt, id and
 * created_at come back.  For the getters every string lives in the arena
 * given; latest is the latest update's status (status with none).
 */
struct commitment {
	long long	 id;
	long long	 endorsement_id;
	char		 receipt[RECEIPT_LEN + 1];
	const char	*form_token;
	unsigned char	 hash[32];
	const char	*created_at;
	const char	*area;
	const char	*title;
	const char	*description;
	const char	*means;
	const char	*indicators;
	const char	*target_date;	/* NULL if none */
	const char	*status;	/* as first reported */
	const char	*latest;	/* the report's status now */
	long long	 nupdates;
	const char	*sdg;
	const char	*lang;
	/* db_commitment_get only: the endorsement it belongs to. */
	const char	*e_status;
	const char	*e_full_name;
	const char	*e_locality;
	const char	*e_country;
};

/*
 * Store a report under its endorsement, with a fresh receipt, in one
 * write transaction (see db_endorsement_add for batches).  DB_OK;
 * DB_EXISTS with c->receipt set for the same form_token, endorsement and
 * fields hash; DB_CONFLICT for the same token otherwise; DB_CLOSED if
 * the endorsement is withdrawn or rejected by now; DB_ERROR.
 */
enum db_res	db_commitment_add(struct db *, struct commitment *c);
enum db_res	db_commitment_get(struct db *, struct arena *,
		    const char *receipt, struct commitment *out);
/*
 * The reports of an endorsement, oldest first (at most DB_REPORTS_MAX):
 * *out (arena) gets *n of them, with id, receipt, created_at, area,
 * title and latest set.  -1 on a database error.
 */
#define DB_REPORTS_MAX	500
int		db_commitments_of(struct db *, struct arena *,
		    long long endorsement_id, struct commitment **out,
		    size_t *n);

/* A follow-up update of a report. */
struct cupdate {
	long long	 id;
	long long	 commitment_id;
	const char	*form_token;
	unsigned char	 hash[32];
	const char	*created_at;
	const char	*status;
	const char	*narrative;
};

/* As db_commitment_add, for an update of report u->commitment_id. */
enum db_res	db_update_add(struct db *, struct cupdate *u);
/* The report's updates, oldest first, at most DB_UPDATES_MAX. */
#define DB_UPDATES_MAX	1000
int		db_updates_of(struct db *, struct arena *,
		    long long commitment_id, struct cupdate **out, size_t *n);

/*
 * Withdraw an endorsement: status 'withdrawn', withdrawn_at now, a
 * status_changes row (no user, "withdrawn by the signer") and an audit
 * line, in one write transaction.  DB_OK; DB_EXISTS if it already was.
 */
enum db_res	db_endorsement_withdraw(struct db *, long long id,
		    const char *receipt);

/* The public lists: newest first, rows with ids below "before" (0: all). */
struct list_filter {
	const char	*country;	/* NULL: any */
	const char	*continent;	/* NULL: any; "europe"... */
	const char	*area;		/* NULL: any (reports only) */
	const char	*status;	/* NULL: any (reports only) */
	long long	 before;
};

struct list_row {
	long long	 id;
	const char	*full_name;
	const char	*role;
	const char	*role_other;
	const char	*locality;
	const char	*country;
	const char	*created_at;
	/* reports only */
	const char	*title;
	const char	*area;
	const char	*status;	/* latest */
	const char	*target_date;	/* NULL if none */
};

/*
 * Up to max rows of /signatories or /commitments into rows (strings in
 * the arena); *n gets how many.  -1 on a database error.
 */
int	db_list_signatories(struct db *, struct arena *,
	    const struct list_filter *, struct list_row *rows, size_t max,
	    size_t *n);
int	db_list_reports(struct db *, struct arena *,
	    const struct list_filter *, struct list_row *rows, size_t max,
	    size_t *n);

/* The counts of a list ("continent" or "area"): key and n, n > 0. */
struct list_count {
	const char	*key;
	long long	 n;
};
#define DB_COUNTS_MAX	16
int	db_list_counts(struct db *, struct arena *, const char *list,
	    struct list_count out[DB_COUNTS_MAX], size_t *n);

/* ---- events and their kiosks ------------------------------------------ */

struct event {
	long long	 id;
	const char	*name;
	const char	*date;		/* YYYY-MM-DD or NULL */
	const char	*place;		/* NULL if none */
	const char	*token;		/* the kiosk URL's token */
	const char	*closed_at;	/* NULL while open */
	const char	*created_at;
	long long	 nendorsements;	/* db_events only */
};

/*
 * Store a new event (name, date, place, token set by the caller); e->id
 * comes back.  DB_EXISTS if the token is taken, DB_ERROR otherwise.
 */
enum db_res	db_event_add(struct db *, struct event *e);
/* By kiosk token, or by id; strings in the arena.  DB_NOTFOUND if none. */
enum db_res	db_event_by_token(struct db *, struct arena *,
		    const char *token, struct event *out);
enum db_res	db_event_by_id(struct db *, struct arena *, long long id,
		    struct event *out);
/*
 * Close the event: its kiosk accepts nothing from now on.  DB_OK if it
 * was open, DB_EXISTS if it was already closed, DB_NOTFOUND if no such id.
 */
enum db_res	db_event_close(struct db *, long long id);


/* ---- admin console, exports, backups ------------------------------------ */

/*
 * The admin console's statements, by name.  Each is one statement of
 * db.c's table (its own block there).  Writes run through db_run with
 * the parameters given, bound in order (?1, ?2, ...); the exports read
 * through db_each; every other read has a typed function below ("the
 * console's reads"), so that no column is known by number outside db.c.
 */
enum dbq {
	DBQ_USER_BY_NAME,	/* name -> id, role, pwhash, disabled */
	DBQ_USER_ADD,		/* name, role, pwhash */
	DBQ_USER_PASSWD,	/* pwhash, name */
	DBQ_USER_LIST,		/* -> name, role, disabled, created_at */
	DBQ_USER_SESSIONS_DEL,	/* name: sign the user out everywhere */
	DBQ_SESSION_ADD,	/* user id, token hash */
	DBQ_SESSION_GET,	/* token hash -> user id, name, role, session
				 * id, 1 if last_seen is over a minute old */
	DBQ_SESSION_TOUCH,	/* session id */
	DBQ_SESSION_DEL,	/* session id */
	DBQ_SESSION_PURGE,	/* the expired ones */
	DBQ_AUDIT_ADD,		/* actor, action, target, detail, client */
	DBQ_AUDIT_LIST,		/* limit, offset -> id, created_at, actor,
				 * action, target, detail, client */
	DBQ_AUDIT_COUNT,
	DBQ_FAIL_ADD,		/* username, client */
	DBQ_FAIL_COUNT,		/* username, client, minutes -> n user, n client,
				 * seconds since the user's latest (or NULL) */
	DBQ_FAIL_CLEAR,		/* username */
	DBQ_FAIL_PURGE,		/* minutes: drop older ones */
	DBQ_E_LIST,		/* filter ?1..?7, limit, offset */
	DBQ_E_COUNT,		/* filter */
	DBQ_E_EXPORT,		/* filter: the export's columns */
	DBQ_C_EXPORT,		/* filter (on the endorsement; dates on the
				 * report), ?10 the report's latest status */
	DBQ_E_RECEIPT,		/* id -> receipt */
	DBQ_E_DUPLICATES,	/* id -> the likely duplicates */
	DBQ_E_HISTORY,		/* id -> status changes */
	DBQ_E_REPORTS,		/* id -> commitment reports */
	DBQ_E_STATUS,		/* id -> status */
	DBQ_E_STATUS_SET,	/* status, id */
	DBQ_STATUS_CHANGE_ADD,	/* id, old, new, reason, user id */
	DBQ_DASH_STATUS,	/* -> status, n */
	DBQ_DASH_COUNTRY,	/* -> country, n (pending and verified) */
	DBQ_DASH_DAY,		/* -> day, n: the last 30 days with any */
	DBQ_DASH_REPORTS,	/* -> area, status (latest), n */
	DBQ_EVENT_LIST,		/* -> id, name, date, place, token, closed_at,
				 * endorsements */
	/* E-mail confirmation, the outbox, official domains. */
	DBQ_CONFIRM_ADD,	/* endorsement id, token hash */
	DBQ_OUTBOX_ADD,		/* endorsement id, recipient, raw token */
	DBQ_CONFIRM_GET,	/* token hash -> id, receipt, full_name,
				 * locality, country, lang, confirmed_at,
				 * status, 1 if expired */
	DBQ_OUTBOX_DUE,		/* limit -> id, recipient, token, attempts,
				 * receipt, full_name, lang */
	DBQ_OUTBOX_SENT,	/* id: sent, token forgotten */
	DBQ_OUTBOX_FAIL,	/* id, error, delay ('+N seconds'), 1 to give
				 * up (failed) or 0 to retry then */
	DBQ_OUTBOX_LIST,	/* status or NULL, limit -> id, status,
				 * attempts, recipient, receipt, created_at,
				 * next_attempt_at, sent_at, last_error */
	DBQ_OUTBOX_COUNTS,	/* -> status, n */
	DBQ_OUTBOX_REQUEUE,	/* the failed ones, due now, attempts 0 */
	DBQ_DOMAIN_ADD,		/* domain, country or NULL */
	DBQ_DOMAIN_DEL,		/* domain */
	DBQ_DOMAIN_LIST,	/* -> domain, country, created_at */
	DBQ_E_OFFICIAL_CHANGES,	/* user id: status_changes rows of the
				 * pending, confirmed, official-domain ones,
				 * each with its ledger entry */
	DBQ_E_OFFICIAL_VERIFY,	/* verify those */
	DBQ_DASH_CONFIRMED,	/* -> confirmed, official, of those counted;
				 * mail queued, mail failed */
	DBQ_LIST_VERSION,	/* -> what the open data shows, as a number
				 * that moves on when it may change */
	DBQ_META_GET,		/* key -> value */
	DBQ_META_SET,		/* key, value */
	/* Open data: the public lists whole, oldest first. */
	DBQ_OPEN_SIGNATORIES,	/* country, continent -> the open keys */
	DBQ_OPEN_COMMITMENTS,	/* country, continent, area, status */
	DBQ__MAX
};

enum dbp_type {
	DBP_NULL = 0,
	DBP_TEXT,
	DBP_INT,
	DBP_BLOB
};

/* One bound parameter; the bytes are the caller's until the call returns. */
struct dbparam {
	enum dbp_type	 type;
	const char	*s;	/* DBP_TEXT: NUL-terminated; DBP_BLOB: bytes */
	size_t		 len;	/* DBP_BLOB */
	long long	 i;	/* DBP_INT */
};

/* A text (NULL: SQL NULL), an integer, bytes. */
static inline struct dbparam
DBP_S(const char *v)
{
	struct dbparam	p = { v != NULL ? DBP_TEXT : DBP_NULL, v, 0, 0 };

	return p;
}

static inline struct dbparam
DBP_I(long long v)
{
	struct dbparam	p = { DBP_INT, NULL, 0, v };

	return p;
}

static inline struct dbparam
DBP_B(const void *b, size_t n)
{
	struct dbparam	p = { DBP_BLOB, b, n, 0 };

	return p;
}

/*
 * Run a read query and hand each row to fn as it is read, never keeping
 * more than one: vals[i] is NULL for SQL NULL and lives only until fn
 * returns.  fn returns 0 to go on, -1 to stop.  Returns 0, or -1 if the
 * query failed or fn stopped it.
 */
int	db_each(struct db *, enum dbq, const struct dbparam *, size_t,
	    int (*fn)(void *, const char *const *vals, size_t n), void *);
/*
 * Run a write in the current transaction (see db_tx_begin) or, outside
 * one, in its own.  *changes (if not NULL) gets the number of rows
 * changed.  DB_CONFLICT on a constraint (a UNIQUE name, say).
 */
enum db_res db_run(struct db *, enum dbq, const struct dbparam *, size_t,
	    long long *changes);
/*
 * Several writes as one: in a batch they are one savepoint of the
 * batch's transaction, outside a batch a transaction of their own that
 * db_tx_commit makes durable.  db_tx_commit: 0, or -1 (rolled back).
 */
int	db_tx_begin(struct db *);
int	db_tx_commit(struct db *);
void	db_tx_rollback(struct db *);

/*
 * The filter of the admin list and the exports.  NULL or 0: no filter.
 * from and to are YYYY-MM-DD, both days included; q matches name and
 * locality (and email when email is set) anywhere, in any case.
 */
struct efilter {
	const char	*status;
	const char	*country;
	long long	 event;
	const char	*from;
	const char	*to;
	const char	*q;
	int		 email;
	int		 confirmed;	/* 0 any, 1 confirmed, 2 not */
	int		 official;	/* 0 any, 1 official domain, 2 not */
	/* The exports' own: since, a first day like from (the later of
	 * the two counts); cstatus, a report's latest status
	 * (commitments only: ?10 of DBQ_C_EXPORT, set by export.c). */
	const char	*since;
	const char	*cstatus;
};

#define EFILTER_NPARAMS	9
/* The filter as the parameters ?1..?9 of DBQ_E_LIST and the others. */
int	db_efilter(struct arena *, const struct efilter *,
	    struct dbparam p[EFILTER_NPARAMS]);

/* ---- the console's reads, as typed rows ------------------------------- */

/* A signed-in session: its user, and whether last_seen should move. */
struct admin_session {
	long long	 id;
	long long	 user_id;
	const char	*user;
	const char	*role;		/* "viewer", "moderator", "admin" */
	int		 stale;		/* last_seen over a minute old */
};

/* The live session whose token hashes to hash: DB_OK, or DB_NOTFOUND. */
enum db_res	db_session_get(struct db *, struct arena *,
		    const unsigned char hash[SESSION_HASH_LEN],
		    struct admin_session *);

struct admin_user {
	long long	 id;
	const char	*name;
	const char	*role;
	const char	*pwhash;	/* db_user_get only */
	int		 disabled;
	const char	*created_at;	/* db_users only */
};

enum db_res	db_user_get(struct db *, struct arena *, const char *name,
		    struct admin_user *);
/* Every user, by name: *out (arena) gets *n of them.  -1 on an error. */
int		db_users(struct db *, struct arena *, struct admin_user **out,
		    size_t *n);
/*
 * Failed sign-ins since window ("-15 minutes"): by name, by address,
 * and the seconds since the name's latest failure (-1: none).
 */
int		db_login_failures(struct db *, struct arena *, const char *user,
		    const char *client, const char *window, long long *nuser,
		    long long *nclient, long long *age);

struct audit_entry {
	long long	 id;
	const char	*created_at;
	const char	*actor;
	const char	*action;
	const char	*target;
	const char	*detail;
	const char	*client;
};

/* A page of the audit log, newest first, and the number of entries. */
int	db_audit_page(struct db *, struct arena *, long long limit,
	    long long offset, struct audit_entry **out, size_t *n);
int	db_audit_count(struct db *, struct arena *, long long *n);

/*
 * A page of the admin list (newest first) and its count.  Each row has
 * id, receipt, created_at, status, full_name, role, role_other,
 * locality, country, email, event_name and duplicate set.
 */
int	db_admin_list(struct db *, struct arena *, const struct efilter *,
	    long long limit, long long offset, struct endorsement **out,
	    size_t *n);
int	db_admin_count(struct db *, struct arena *, const struct efilter *,
	    long long *n);
/* One endorsement by id, as db_endorsement_get. */
enum db_res	db_endorsement_by_id(struct db *, struct arena *, long long id,
		    struct endorsement *);
/* Its current status (DB_NOTFOUND if no such id), inside a transaction. */
enum db_res	db_endorsement_status(struct db *, struct arena *, long long id,
		    const char **status);
/* Its likely duplicates (at most 10), with the recorded fields set. */
int	db_duplicates_of(struct db *, struct arena *, long long id,
	    struct endorsement **out, size_t *n);

/* A moderation step; by is "" for the signer's own withdrawal. */
struct status_change {
	const char	*created_at;
	const char	*old_status;
	const char	*new_status;
	const char	*reason;
	const char	*by;
};

int	db_history_of(struct db *, struct arena *, long long id,
	    struct status_change **out, size_t *n);

/* Every event, newest first, with nendorsements set. */
int	db_events(struct db *, struct arena *, struct event **out, size_t *n);

/* The dashboard's counts: key (and key2 for reports) with n. */
enum db_count_kind {
	DBC_STATUS,		/* status */
	DBC_COUNTRY,		/* country, pending and verified */
	DBC_DAY,		/* YYYY-MM-DD, the last 30 days with any */
	DBC_REPORTS		/* area, latest status */
};

struct db_count {
	const char	*key;
	const char	*key2;
	long long	 n;
};

int	db_counts(struct db *, struct arena *, enum db_count_kind,
	    struct db_count **out, size_t *n);

/* ---- e-mail confirmation, the outbox, official domains ---------------- */

/* What a confirmation token leads to. */
struct confirm_row {
	long long	 id;		/* the endorsement's */
	const char	*receipt;
	const char	*full_name;
	const char	*locality;
	const char	*country;
	const char	*lang;
	const char	*confirmed_at;	/* NULL until confirmed */
	const char	*status;
	int		 expired;
};

/* The token hashing to hash: DB_OK, DB_NOTFOUND, DB_ERROR. */
enum db_res	db_confirm_get(struct db *, struct arena *,
		    const unsigned char hash[32], struct confirm_row *);
/*
 * Confirm endorsement id's address: confirmed_at now and its ledger entry
 * (kind "confirmation", signed), in one write transaction.  DB_OK; or
 * DB_EXISTS, changing nothing, if it was confirmed before.
 */
enum db_res	db_confirm_set(struct db *, long long id);

/* A mail of the outbox. */
struct outbox_row {
	long long	 id;
	const char	*status;	/* queued, sent, failed */
	int		 attempts;
	const char	*recipient;
	const char	*token;		/* NULL once sent */
	const char	*receipt;
	const char	*full_name;	/* db_outbox_due only */
	const char	*lang;		/* db_outbox_due only */
	const char	*created_at;	/* db_outbox_list only */
	const char	*next_attempt_at; /* db_outbox_list only */
	const char	*last_error;	/* db_outbox_list only */
};

/* Up to limit queued mails that are due, the longest waiting first. */
int	db_outbox_due(struct db *, struct arena *, long long limit,
	    struct outbox_row **out, size_t *n);
/* Up to limit mails of a status (NULL: any), newest first. */
int	db_outbox_list(struct db *, struct arena *, const char *status,
	    long long limit, struct outbox_row **out, size_t *n);
/* How many mails of each status (key). */
int	db_outbox_counts(struct db *, struct arena *, struct db_count **out,
	    size_t *n);

struct official_domain {
	const char	*domain;
	const char	*country;	/* NULL: any */
	const char	*created_at;
};

/* The list of official domains, by name. */
int	db_domains(struct db *, struct arena *, struct official_domain **out,
	    size_t *n);

/* Of the endorsements counted (pending, verified): how many confirmed,
 * how many official; and the mail queued and failed. */
struct mail_counts {
	long long	confirmed;
	long long	official;
	long long	queued;
	long long	failed;
};
int	db_mail_counts(struct db *, struct arena *, struct mail_counts *);

/*
 * Copy the database at src into a new file dest with SQLite's online
 * backup, a chunk at a time, so the site keeps writing meanwhile.  dest
 * must not exist.  0, or -1 with a message on stderr.
 */
int	db_backup(const char *src, const char *dest);

/* ---- schema version 2: keys, declaration versions, the ledger --------- */

struct buf;
struct sitekey;
struct pubkey;

/*
 * The key that signs the receipts of this connection's events (the
 * caller's; NULL: none, then an event with a receipt cannot be stored).
 * Every stored endorsement, report, update, withdrawal, confirmation and
 * moderation decision appends its ledger entry in its own transaction.
 */
void		db_set_signer(struct db *, struct sitekey *);
/*
 * Sign the endorsements of a batch on a thread of their own while the
 * batch goes on; their entries are appended, in order, before the
 * batch commits.  For a worker that serves batches; 0 or -1.
 */
int		db_sign_async(struct db *);
/* Every public key, oldest first; -1 on error. */
int		db_keys(struct db *, struct pubkey *, size_t max, size_t *n);
/* Retire the current key and publish pk (id) as the new one. */
enum db_res	db_key_add(struct db *, const unsigned char *pk,
		    const char *id);
/* 1 if id is the current key, 0 if not, -1 on error. */
int		db_key_is_current(struct db *, const char *id);

/* The ledger's entry count and head (64 zeros while empty). */
int		db_ledger_head(struct db *, long long *count, char head[65]);
/*
 * The signed receipt file of a receipt code (doc/RECEIPTS.md) appended
 * to out: the number of blocks (0: nothing signed for that code), or -1.
 */
int		db_receipt_file(struct db *, const char *code, struct buf *out);

/* What "ledger verify" found. */
struct ledger_check {
	long long	 count;		/* entries that checked out */
	char		 head[65];	/* the hash after them */
	long long	 bad_seq;	/* the first that did not, or 0 (then
					 * kind and ref name an event that has
					 * no entry at all) */
	char		 kind[16];	/* its event's kind */
	long long	 ref;		/* its event's row id */
	const char	*why;
};
/*
 * Once, after the migration to version 2 or 5: the events stored before
 * the ledger took their kind (every event; confirmations) get their
 * entries (unsigned), oldest first.  The number added (0 when there is
 * nothing to do), or -1.
 */
int		db_ledger_backfill(struct db *);
/* Recompute the chain from the rows: 0 all good, 1 bad entry, -1 error. */
int		db_ledger_verify(struct db *, struct ledger_check *);

/* A declaration text of one version in one language. */
struct decl {
	long long	 version;
	const char	*lang;
	const char	*text;		/* NULL in db_decl_list */
	size_t		 textsz;
	const char	*sha256;
	const char	*published_at;
};
/* Version (0: the current one) in lang, else English; in the arena. */
enum db_res	db_decl_get(struct db *, struct arena *, long long version,
		    const char *lang, struct decl *);
/* Every version and language, oldest first (no texts). */
int		db_decl_list(struct db *, struct arena *, struct decl **,
		    size_t *n);
/*
 * Publish text (normalised, with its hash) in lang as a new version
 * (version 0) or as a language of version N: *out gets the version.
 * DB_EXISTS if that version has that language, DB_NOTFOUND if N is
 * beyond the next version.
 */
enum db_res	db_decl_publish(struct db *, long long version,
		    const char *lang, const char *text, const char *sha,
		    long long *out);

#endif /* !DB_H */
