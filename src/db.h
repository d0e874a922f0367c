/*
 * db.h: the database, as the rest of the program sees it.  Only db.c
 * includes sqlite3.h; everything here speaks in plain C types.
 * Include "config.h" and "endorse.h" first.
 */
#ifndef DB_H
#define DB_H

/* The schema version this program reads and writes. */
#define DB_VERSION	1

extern const char	db_schema_sql[];	/* schema.sql, built in */

struct db;

enum db_res {
	DB_OK = 0,
	DB_EXISTS,	/* same form_token, same fields: the earlier row */
	DB_CONFLICT,	/* same form_token, other fields */
	DB_NOTFOUND,
	DB_ERROR
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
 * it (0) or rolls it back (-1).  A write inside a batch is durable only
 * once db_batch_end has returned 0.
 */
void	 db_batch_begin(struct db *);
int	 db_batch_end(struct db *);

/* The site secret (CSRF and form-token MAC key). */
int	 db_secret(struct db *, unsigned char key[SECRET_LEN]);
/* 0 if the database answers a trivial query. */
int	 db_ping(struct db *);

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
};

/*
 * Store a new endorsement with a fresh receipt in one transaction, and
 * return only once it is committed (synchronous=FULL), or in a batch
 * once it is part of the batch's transaction: DB_OK.  A row with
 * the same form_token: DB_EXISTS with e->receipt set when the fields hash
 * matches, else DB_CONFLICT.  DB_ERROR otherwise.
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

/* ---- issue 6: events and their kiosks --------------------------------- */

struct event {
	long long	 id;
	const char	*name;
	const char	*date;		/* YYYY-MM-DD or NULL */
	const char	*place;		/* NULL if none */
	const char	*token;		/* the kiosk URL's token */
	const char	*closed_at;	/* NULL while open */
	const char	*created_at;
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

#endif /* !DB_H */
