/*
 * mail.h: an e-mail message in MIME, for the site's confirmation mail.
 * Include "config.h" and "endorse.h" (struct buf) first.
 */
#ifndef MAIL_H
#define MAIL_H

#include <stddef.h>
#include <time.h>

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

#endif /* !MAIL_H */
