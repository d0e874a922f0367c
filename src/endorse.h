/*
 * endorse.h: what the files of the core library (the .c files of src/) share with each
 * other and with the programs (src/web, src/ctl).  Include "config.h" first.
 *
 * Ownership rules, once for the whole file:
 *  - "arena" memory is owned by the arena and dies at arena_reset/arena_free;
 *    nothing allocated there is ever freed on its own.
 *  - A struct buf owns its bytes; buf_free releases them.
 *  - Functions return 0 on success and -1 on failure unless they say
 *    otherwise, and log (to stderr) at the point of failure.
 */
#ifndef ENDORSE_H
#define ENDORSE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena.c: per-request memory, freed all at once ------------------ */

struct arena;

/* A new arena whose first chunk holds at least "first" bytes. NULL on OOM. */
struct arena	*arena_new(size_t first);
/* Release every chunk; accepts NULL. */
void		 arena_free(struct arena *);
/* Forget everything allocated, keep the first chunk for the next request. */
void		 arena_reset(struct arena *);
/* Aligned memory for any type; NULL only if malloc fails. */
void		*arena_alloc(struct arena *, size_t);
void		*arena_calloc(struct arena *, size_t n, size_t sz);
/* Copy of [s, s+len) with a NUL added. */
char		*arena_strndup(struct arena *, const char *s, size_t len);
char		*arena_strdup(struct arena *, const char *s);
char		*arena_printf(struct arena *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* ---- buf.c: growable byte buffer ------------------------------------- */

/*
 * A buffer grows by doubling.  On allocation failure it sets "oom" and
 * ignores later writes, so a writer checks once at the end instead of
 * after every call.  A zeroed struct is an empty buffer.
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 oom;
};

void	buf_put(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *, const char *fmt, va_list);
/* Empty the buffer but keep its memory. */
void	buf_reset(struct buf *);
/* NUL-terminate (not counted in len) and return p; NULL if oom. */
char	*buf_cstr(struct buf *);
void	buf_free(struct buf *);

/* ---- html.c: escaping ------------------------------------------------ */

/* Text content and attribute values (double-quoted): & < > " ' escaped. */
void	html_esc(struct buf *, const char *);
void	html_escn(struct buf *, const char *, size_t);
/* A value for a URL query component: percent-encoded, then HTML-safe. */
void	html_urlenc(struct buf *, const char *);

/* ---- http.c: parsing what comes off the wire -------------------------- */

/*
 * One decoded name/value pair.  Both are NUL-terminated for convenience,
 * but a value may hold an embedded NUL (from %00), so its true length is
 * valuesz; validators refuse values whose strlen differs from valuesz.
 */
struct kv {
	const char	*name;
	size_t		 namesz;
	const char	*value;
	size_t		 valuesz;
};

struct kvlist {
	struct kv	*kv;
	size_t		 nkv;
};

enum parse_err {
	PARSE_OK = 0,
	PARSE_MALFORMED,	/* a broken %-escape, a pair without a name */
	PARSE_TOO_MANY,		/* more than the allowed number of pairs */
	PARSE_NOMEM
};

#define HTTP_MAX_FIELDS	200

/*
 * application/x-www-form-urlencoded (a query string or a body): pairs split
 * on '&', name and value on the first '=', '+' is a space, %XX decoded.
 * Empty segments ("a=1&&b=2") are skipped.  A pair with no '=' is a name
 * with an empty value.  Output lives in the arena.
 */
enum parse_err	http_parse_urlencoded(struct arena *, const char *in,
		    size_t insz, size_t maxfields, struct kvlist *out);
/*
 * A query string: as http_parse_urlencoded, and PARSE_MALFORMED if a
 * name or a value holds a NUL (%00).  A query is read as C strings (a
 * filter, a page number), where a NUL would cut the value short; a form
 * body keeps its NULs for the field rules to refuse with a message.
 */
enum parse_err	http_parse_query(struct arena *, const char *in,
		    size_t insz, size_t maxfields, struct kvlist *out);
/*
 * The Cookie header: "a=1; b=2".  Values are taken as they are (no
 * %-decoding); surrounding double quotes are removed.  Pairs that are
 * malformed are skipped, never fatal: a browser may hold cookies set by
 * other software on the same host.
 */
enum parse_err	http_parse_cookies(struct arena *, const char *header,
		    struct kvlist *out);
/* First pair of that name, or NULL; *count (if not NULL) gets how many. */
const struct kv	*kvlist_get(const struct kvlist *, const char *name,
		    size_t *count);
/*
 * 1 if the Content-Type is application/x-www-form-urlencoded, with no
 * parameter or only charset=utf-8 (any case, optional quotes, spaces).
 */
int		 http_is_form_type(const char *content_type);

/* ---- valid.c: the input rules of DESIGN.md ----------------------------- */

/* 1 if [s, s+len) is well-formed UTF-8 (no overlongs, no surrogates). */
int	valid_utf8(const char *s, size_t len);
/* Number of code points in well-formed UTF-8. */
size_t	utf8_chars(const char *s, size_t len);

enum verr {
	VERR_OK = 0,
	VERR_MISSING,		/* required and absent or empty */
	VERR_REPEATED,		/* sent more than once */
	VERR_UTF8,		/* not valid UTF-8 (or an embedded NUL) */
	VERR_CONTROL,		/* control character */
	VERR_TOO_LONG,		/* over the limit in characters */
	VERR_CHOICE,		/* not one of the allowed values */
	VERR_EMAIL,		/* not an address */
	VERR_COUNTRY,		/* not an ISO 3166-1 alpha-2 code */
	VERR_DATE,		/* not a real YYYY-MM-DD date */
	VERR_SDG,		/* not a list of SDG targets */
	VERR_SIGNATURE,		/* drawn signature does not parse */
	VERR_TOKEN,		/* form_token not one of ours */
	VERR_INVISIBLE,		/* one line: a bidi control or zero-width */
	VERR__MAX
};

enum ftype {
	FT_TEXT,		/* one line */
	FT_MULTILINE,		/* tabs and line breaks allowed, CR LF -> LF */
	FT_CHOICE,		/* one of choices[] */
	FT_CHECKBOX,		/* present (any value) or absent */
	FT_EMAIL,
	FT_COUNTRY,
	FT_DATE,
	FT_SDG,
	FT_SIGNATURE,
	FT_TOKEN,		/* passed through; the caller checks it */
	FT_PASSWORD		/* byte for byte: never trimmed, any text */
};

#define FF_REQUIRED	0x01

struct fielddef {
	const char		*name;
	enum ftype		 type;
	unsigned int		 flags;
	size_t			 maxchars;	/* 0: no limit beyond the body's */
	const char *const	*choices;	/* NULL-terminated, FT_CHOICE */
};

/* The validated value of one field; value is "" when absent. */
struct fieldval {
	const char	*value;
	size_t		 valuesz;
	int		 present;
	enum verr	 err;
};

/*
 * Check every field of defs[0..ndefs) in the submitted pairs, in order.
 * out[i] gets field i's normalised value (in the arena) or its error.
 * Returns the number of fields in error; -1 only on memory exhaustion.
 */
int	valid_form(struct arena *, const struct fielddef *defs, size_t ndefs,
	    const struct kvlist *in, struct fieldval *out);
/* One value against one definition (used by valid_form and the tests). */
enum verr valid_value(struct arena *, const struct fielddef *,
	    const char *v, size_t vsz, const char **norm, size_t *normsz);
int	valid_email(const char *, size_t);
int	valid_date(const char *, size_t);
/* valid_value's answer when the arena cannot grow (valid_form: -1). */
#define VERR_NOMEM	VERR__MAX

/* ---- country.c: ISO 3166-1 ----------------------------------------------- */

enum continent {
	CONT_AFRICA = 0,
	CONT_AMERICAS,
	CONT_ASIA,
	CONT_EUROPE,
	CONT_OCEANIA,
	CONT__MAX
};

struct country {
	char		 code[3];	/* "BE" */
	const char	*name;		/* English short name */
	enum continent	 continent;
};

extern const struct country	countries[];
extern const size_t		ncountries;	/* sorted by code */
const struct country	*country_find(const char *code);

/* ---- token.c: receipt codes and the CSRF / form-token MACs ------------- */

/* 24 Crockford base32 characters: 120 bits from the OS's generator. */
#define RECEIPT_LEN	24
#define CROCKFORD	"0123456789ABCDEFGHJKMNPQRSTVWXYZ"

int	token_init(void);	/* sodium_init(); -1 if it fails */
void	receipt_new(char out[RECEIPT_LEN + 1]);
/*
 * Normalise a code typed or linked by a person: upper-cased, and -1 unless
 * it is exactly RECEIPT_LEN characters of the alphabet.
 */
int	receipt_normalise(const char *in, size_t insz, char out[RECEIPT_LEN + 1]);

#define SECRET_LEN	32	/* crypto_auth_KEYBYTES */
#define B64_TOKEN_LEN	43	/* 32 bytes, base64url without padding */

/* 32 random bytes written as 43 characters of base64url. */
void	token_random(char out[B64_TOKEN_LEN + 1]);
/*
 * CSRF: the cookie holds a random token; the form field holds a MAC of that
 * token under the site secret, so that a cookie planted by a neighbour host
 * cannot be paired with a field the attacker made up.
 */
void	csrf_field(const unsigned char key[SECRET_LEN], const char *cookie,
	    char out[B64_TOKEN_LEN + 1]);
/* 1 if field matches cookie, in constant time. */
int	csrf_check(const unsigned char key[SECRET_LEN], const char *cookie,
	    const char *field);
/*
 * A CSRF field bound to a secret of the server's (the admin session's
 * token) instead of a cookie of its own: a MAC of label ":" value, which
 * no csrf_field can equal.  csrf_check_bound: 1 if field matches.
 */
void	csrf_field_bound(const unsigned char key[SECRET_LEN],
	    const char *label, const char *value, char out[B64_TOKEN_LEN + 1]);
int	csrf_check_bound(const unsigned char key[SECRET_LEN],
	    const char *label, const char *value, const char *field);
/* A one-time form token: a random nonce with a MAC (43+1+22 chars). */
#define FORM_TOKEN_LEN	66
void	form_token_new(const unsigned char key[SECRET_LEN],
	    char out[FORM_TOKEN_LEN + 1]);
int	form_token_check(const unsigned char key[SECRET_LEN], const char *tok);
/* 1 if tok is an RFC 4122 UUID (8-4-4-4-12 hex), as the kiosk makes. */
int	token_is_uuid(const char *tok);

/* ---- qr.c: receipt QR codes ------------------------------------------- */

/*
 * Both encode text as a QR code, error correction level M, with a quiet
 * zone of 4 modules.  SVG: one <path>, a module is 1 user unit, the image
 * scales to its container.  PNG: 8-bit greyscale, "scale" pixels a module.
 */
int	qr_svg(struct buf *, const char *text);
int	qr_png(struct buf *, const char *text, int scale);

/* ---- signature.c: the kiosk pad's drawn signature (issue 6) ------------ */

/*
 * The pad sends its strokes as text (DESIGN.md field "signature"):
 *
 *	signature = stroke *( ";" stroke )
 *	stroke    = point *( " " point )
 *	point     = coord "," coord
 *	coord     = "0" / ( %x31-39 0*3DIGIT )	; 0 ... SIG_COORD_MAX
 *
 * x and y are in a square grid of 0..1000 that the pad and the SVG
 * stretch over the same 5:2 box.  No other byte, no empty stroke, no
 * leading zero, no sign, at most the limits below.
 */
#define SIG_COORD_MAX	1000
#define SIG_MAX_STROKES	64
#define SIG_MAX_POINTS	1500	/* over all strokes */
#define SIG_MAX_BYTES	16000

/* 1 if [s, s+len) is a signature of that grammar within the limits. */
int	sig_valid(const char *s, size_t len);
/*
 * The signature as an inline <svg> (one <polyline> a stroke, viewBox
 * 0 0 1000 1000 stretched to 500x200, aria-hidden: the caller labels
 * it).  -1 and nothing written if sig is not valid.
 */
int	sig_svg(struct buf *, const char *sig);

/* ---- token.c additions for kiosks (issue 6) ------------------------------ */

/* 1 if tok has the shape of token_random's output (kiosk URLs). */
int	kiosk_token_ok(const char *tok);

/* ---- log.c -------------------------------------------------------------- */

void	logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	logerr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));


/* ---- issue 5: auth.c: admin passwords, sessions, roles ------------------ */

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

/* ---- issue 5: export.c: CSV and JSON writers, streamed -------------------- */

/* Where exported bytes go: 0 if all were taken, -1 to stop. */
struct sink {
	int	(*write)(void *arg, const char *p, size_t len);
	void	 *arg;
};

/*
 * RFC 4180 cell: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled); a cell that begins with = + - @ tab or CR gets a leading '
 * so that a spreadsheet shows it as text instead of running it.
 */
void	csv_cell(struct buf *, const char *s, size_t len);
/* A JSON string, quotes included: " \ and control characters escaped,
 * and U+2028 and U+2029 (line separators to JavaScript). */
void	json_str(struct buf *, const char *s, size_t len);

enum export_kind {
	EXPORT_ENDORSEMENTS = 0,
	EXPORT_COMMITMENTS,
	EXPORT__KIND
};

enum export_fmt {
	EXPORT_CSV = 0,
	EXPORT_JSON,
	EXPORT__FMT
};

enum export_col {
	EXC_TEXT,		/* a string */
	EXC_NULLTEXT,		/* a string, or JSON null / empty cell */
	EXC_INT,		/* a number */
	EXC_BOOL		/* 0/1: JSON false/true, CSV false/true */
};

/*
 * One export in progress: rows go through a buffer of about 16 KiB to
 * the sink, so memory stays the same whatever the number of rows.
 */
struct exporter {
	enum export_fmt		 fmt;
	const char *const	*keys;
	const enum export_col	*cols;
	size_t			 ncols;
	const struct sink	*sink;
	struct buf		 buf;
	size_t			 nrows;
	int			 err;	/* the sink refused: stop */
};

void	export_begin(struct exporter *, enum export_fmt,
	    const char *const *keys, const enum export_col *, size_t ncols,
	    const struct sink *);
/* One row of ncols values (NULL for none); -1 once the sink failed. */
int	export_row(struct exporter *, const char *const *vals);
/* Close the array and flush; 0, or -1 if any write failed.  Frees. */
int	export_end(struct exporter *);

struct db;
struct efilter;
/*
 * Export the endorsements or commitment reports that match the filter,
 * in the columns of DESIGN.md ("Exports"), row by row from the database
 * to the sink.  0, or -1 (a database error, or the sink gave up).
 */
int	export_run(struct db *, struct arena *, enum export_kind,
	    enum export_fmt, const struct efilter *, const struct sink *);
/* "endorsements", "commitments"; "csv", "json"; content types. */
extern const char *const export_kind_names[EXPORT__KIND];
extern const char *const export_fmt_names[EXPORT__FMT];
extern const char *const export_fmt_types[EXPORT__FMT];

#endif /* !ENDORSE_H */
