/*
 * auth.h, of auth.c: admin passwords (argon2id), session tokens, roles and
 * what each may do.
 */
#ifndef AUTH_H
#define AUTH_H

#include "token.h"

/*
 * Passwords: argon2id (libsodium crypto_pwhash_str_alg) with the
 * INTERACTIVE limits: 64 MiB and about a tenth of a second a try, so a
 * sign-in stays quick on a small machine with several workers, while a
 * stolen hash still costs an attacker 64 MiB and that time per guess.
 */
#define PASSWORD_MIN	12	/* characters */
#define PASSWORD_MAX	1024	/* bytes */
#define PWHASH_LEN	128	/* crypto_pwhash_STRBYTES */
#define USERNAME_MAX	64

/* 0 with the hash string in out; -1 (out of memory) otherwise. */
int	password_hash(const char *pw, char out[PWHASH_LEN]);
/* 1 if pw matches the hash string, 0 if not (or the hash is bad). */
int	password_verify(const char *hash, const char *pw);
/*
 * For a user that does not exist: the same work as password_verify, so
 * that the answer's time does not tell which user names exist.  The hash
 * it verifies against is made by password_init, which a process that
 * signs users in calls at start (0, or -1 out of memory).
 */
int	password_init(void);
void	password_dummy(const char *pw);
/* 1 if name is a user name we accept: 1 to 64 of [A-Za-z0-9._-]. */
int	username_ok(const char *name);

/*
 * Session tokens: 256 random bits as 43 characters of base64url (the
 * cookie); the database keeps only their BLAKE2b-256 hash.
 */
#define SESSION_HASH_LEN	32
void	session_token_new(char out[B64_TOKEN_LEN + 1]);
/* The hash of a token; -1 if tok is not of the token's shape. */
int	session_token_hash(const char *tok, unsigned char out[SESSION_HASH_LEN]);

enum role {
	ROLE_VIEWER = 0,
	ROLE_MODERATOR,
	ROLE_ADMIN,
	ROLE__MAX
};

/* What a role may do; the console asks before each action. */
enum cap {
	CAP_READ = 0,		/* the dashboard, lists, events */
	CAP_SEE_EMAIL,		/* personal data beyond the public fields */
	CAP_MODERATE,		/* change an endorsement's status */
	CAP_EXPORT,		/* download the exports (they hold emails) */
	CAP_EVENTS,		/* create and close events */
	CAP_AUDIT,		/* read the audit log */
	CAP_USERS,		/* manage users */
	CAP_DOMAINS,		/* keep the list of official e-mail domains */
	CAP__MAX
};

extern const char *const role_names[ROLE__MAX];	/* "viewer", ... */
/* 0 and *out for a known name, -1 otherwise. */
int	role_parse(const char *name, enum role *out);
/* 1 if role may do cap. */
int	role_may(enum role, enum cap);

#endif /* !AUTH_H */
