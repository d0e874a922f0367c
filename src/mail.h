/*
 * mail.h: an e-mail message in MIME, for the site's confirmation mail.
 * Include "config.h" first.
 */
#ifndef MAIL_H
#define MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;

/*
 * What one message says.  Every text is UTF-8.  "from" and "to" are bare
 * addresses (local@domain); "to_name" is the recipient's name as a
 * person typed it, or NULL.  "png" (pngsz bytes) is an image the HTML
 * part shows as <img src="cid:CID"> with CID "png_cid", or NULL.
 * "msgid_domain" is the right-hand side of the Message-ID.
 */
struct mail {
	const char		*from;
	const char		*to;
	const char		*to_name;
	const char		*subject;
	const char		*text;
	const char		*html;
	const unsigned char	*png;
	size_t			 pngsz;
	const char		*png_cid;
	const char		*msgid_domain;
	const char		*lang;		/* Content-Language, or NULL */
	time_t			 date;
};

/*
 * Append the whole message (RFC 5322 headers, CRLF line ends, 7-bit
 * clean) to out: multipart/alternative with a text/plain part and, when
 * there is an image, a multipart/related holding the text/html part and
 * the image; else the text/html part alone.  Names and subjects that are
 * not plain printable ASCII go out as RFC 2047 encoded words, so no value
 * can add or break a header.  -1, writing nothing useful, if an address
 * is not a bare addr-spec or a required field is missing.
 */
int	mail_write(struct buf *out, const struct mail *);

/* An RFC 2047 encoded phrase (or the text itself if it needs none). */
void	mail_phrase(struct buf *out, const char *text, size_t col);

/* A bare address: printable ASCII, one @, no space, quote or bracket. */
int	mail_addr_ok(const char *);

/*
 * The outbox's retries: a message that the MTA refused is tried again
 * after mail_backoff(n) seconds, n the number of failed attempts so far
 * (the first retry within a minute, then four times longer each time,
 * at most six hours apart); after MAIL_MAX_ATTEMPTS it is marked failed
 * and waits for "endorsectl mail retry".
 */
#define MAIL_MAX_ATTEMPTS	10
long	mail_backoff(int failures);

/*
 * An official domain as typed by an admin ("Mechelen.BE", "@mechelen.be",
 * "mechelen.be."), checked and written to out in lower case: 0, or -1
 * if it is not a domain name of at least two labels of letters, digits
 * and hyphens (IDNs in their xn-- form).
 */
#define MAIL_DOMAIN_MAX	253
int	mail_domain_norm(const char *in, char out[MAIL_DOMAIN_MAX + 1]);

/*
 * 1 if address is in domain or one of its subdomains, in any case;
 * domain as mail_domain_norm wrote it.  The database decides the same
 * with its own expression (db.c, E_OFFICIAL); this one is its reference.
 */
int	mail_in_domain(const char *address, const char *domain);

#endif /* !MAIL_H */
