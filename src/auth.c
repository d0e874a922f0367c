/*
 * auth.c: what signing in to the admin console rests on:
 * password hashes, session tokens and the table of what each role may
 * do.  Shared by endorse-admin (sign-in, sessions) and endorsectl (user
 * add, user passwd); endorse-web never calls it, so it is never linked in.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "token.h"
#include "log.h"
#include "auth.h"

const char *const role_names[ROLE__MAX] = {
	[ROLE_VIEWER] = "viewer",
	[ROLE_MODERATOR] = "moderator",
	[ROLE_ADMIN] = "admin",
};

/* Rows: roles; columns: capabilities.  Everything not listed is refused. */
static const unsigned char may[ROLE__MAX][CAP__MAX] = {
	[ROLE_VIEWER] = {
		[CAP_READ] = 1,
	},
	[ROLE_MODERATOR] = {
		[CAP_READ] = 1, [CAP_SEE_EMAIL] = 1, [CAP_MODERATE] = 1,
		[CAP_EXPORT] = 1, [CAP_EVENTS] = 1, [CAP_AUDIT] = 1,
	},
	[ROLE_ADMIN] = {
		[CAP_READ] = 1, [CAP_SEE_EMAIL] = 1, [CAP_MODERATE] = 1,
		[CAP_EXPORT] = 1, [CAP_EVENTS] = 1, [CAP_AUDIT] = 1,
		[CAP_USERS] = 1, [CAP_DOMAINS] = 1,
	},
};

int
role_parse(const char *name, enum role *out)
{
	int	i;

	for (i = 0; i < ROLE__MAX; i++)
		if (name != NULL && strcmp(name, role_names[i]) == 0) {
			*out = (enum role)i;
			return 0;
		}
	return -1;
}

int
role_may(enum role r, enum cap c)
{
	if ((unsigned)r >= ROLE__MAX || (unsigned)c >= CAP__MAX)
		return 0;
	return may[r][c];
}

/*
 * argon2id with the INTERACTIVE limits (see auth.h for why).  The
 * string carries its own parameters, so raising them later still
 * verifies old hashes.
 */
int
password_hash(const char *pw, char out[PWHASH_LEN])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		logmsg("password hash: out of memory");
		return -1;
	}
	return 0;
}

int
password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return 0;
	/* libsodium compares the derived key in constant time. */
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* A hash of a random password: never matches.  Made by password_init. */
static char	dummy[PWHASH_LEN];

int
password_init(void)
{
	char	rnd[B64_TOKEN_LEN + 1];

	if (dummy[0] != '\0')
		return 0;
	token_random(rnd);
	return password_hash(rnd, dummy);
}

void
password_dummy(const char *pw)
{
	/*
	 * Made here only if password_init was not called: that costs the
	 * first unknown user a hash on top of the verify, which its time
	 * would give away.
	 */
	if (dummy[0] == '\0' && password_init() == -1)
		return;
	(void)password_verify(dummy, pw);
}

int
username_ok(const char *name)
{
	size_t	i;

	for (i = 0; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '.' || name[i] == '_' || name[i] == '-'))
			return 0;
	return i >= 1 && i <= USERNAME_MAX;
}

void
session_token_new(char out[B64_TOKEN_LEN + 1])
{
	token_random(out);
}

int
session_token_hash(const char *tok, unsigned char out[SESSION_HASH_LEN])
{
	size_t	i;

	for (i = 0; tok[i] != '\0'; i++)
		if (!((tok[i] >= 'A' && tok[i] <= 'Z') ||
		    (tok[i] >= 'a' && tok[i] <= 'z') ||
		    (tok[i] >= '0' && tok[i] <= '9') ||
		    tok[i] == '-' || tok[i] == '_'))
			return -1;
	if (i != B64_TOKEN_LEN)
		return -1;
	crypto_generichash(out, SESSION_HASH_LEN, (const unsigned char *)tok,
	    B64_TOKEN_LEN, NULL, 0);
	return 0;
}
