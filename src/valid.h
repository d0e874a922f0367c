/*
 * valid.h, of valid.c: the input rules of DESIGN.md, field by field, over the
 * tables of struct fielddef that the forms and the queries share.
 */
#ifndef VALID_H
#define VALID_H

#include <stddef.h>
#include "arena.h"
#include "http.h"

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
	VERR_NUMBER,		/* not a positive whole number */
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
	FT_TOKEN,		/* passed through; the router checks it */
	FT_PASSWORD,		/* byte for byte: never trimmed, any text */
	FT_ID			/* a positive whole number: digits, no
				 * leading zero, at most maxchars of them */
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
	long long	 num;		/* FT_ID: the number; else 0 */
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

#endif /* !VALID_H */
