/*
 * mail.c: the site's e-mail as MIME.  The message is handed whole to the
 * sendmail interface, which trusts its headers: so every value a person
 * typed is encoded (RFC 2047 for the display name, base64 for bodies)
 * and no CR or LF of theirs can reach the header section.  Bodies are
 * base64 so that any UTF-8 text passes any MTA unchanged.
 */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"
#include "mail.h"

/* RFC 5322: lines of at most 78 characters; base64 lines of 76. */
#define B64_LINE	76
/* Bytes of UTF-8 per encoded word: 4 * 45 / 3 + 12 = 72 <= 75. */
#define EW_BYTES	45

int
mail_addr_ok(const char *a)
{
	const char	*at;
	size_t		 i;

	if (a == NULL || *a == '\0' || strlen(a) > 254)
		return 0;
	if ((at = strchr(a, '@')) == NULL || at == a || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (i = 0; a[i] != '\0'; i++) {
		unsigned char c = (unsigned char)a[i];

		if (c <= 0x20 || c >= 0x7f || strchr("\"<>(),;:\\[]", c))
			return 0;
	}
	return 1;
}

/* 1 if s can stand in a header as it is: printable ASCII, no "=?". */
static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* Length of the longest prefix of s, at most max bytes, ending on a
 * UTF-8 character boundary (never splits a character in two words). */
static size_t
utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t	n;

	if (len <= max)
		return len;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n > 0 ? n : max;
}

static void
b64(struct buf *out, const unsigned char *p, size_t len)
{
	/* Room for a body line (57 bytes, 76 characters) or an encoded
	 * word's bytes, whichever is longer, and the NUL. */
	char	tmp[(B64_LINE > 4 * EW_BYTES / 3 ? B64_LINE :
		    4 * EW_BYTES / 3) + 8];

	sodium_bin2base64(tmp, sizeof(tmp), p, len,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_puts(out, tmp);
}

/*
 * A phrase for a header that starts at column col: as it is when it is
 * plain ASCII with nothing a header parser would read (quotes, commas,
 * "=?"), else one or more "=?UTF-8?B?...?=" words folded onto lines of
 * their own.
 */
void
mail_phrase(struct buf *out, const char *text, size_t col)
{
	size_t	len = strlen(text), n, max, k;
	int	first = 1;

	if (plain_ascii(text) && strpbrk(text, "\"\\(),.:;<>@[]") == NULL &&
	    strstr(text, "=?") == NULL && col + len <= 76) {
		buf_puts(out, text);
		return;
	}
	while (len > 0 || first) {
		/* What fits on this line: 12 characters of "=?UTF-8?B??=",
		 * then 4 of base64 for every 3 bytes. */
		max = col + 12 + 4 < 78 ? (78 - col - 12) / 4 * 3 : 3;
		if (max > EW_BYTES)
			max = EW_BYTES;
		n = utf8_prefix(text, len, max);
		/* Words end after a space where one is near: a reader that
		 * keeps the folding between words (some do, in names) then
		 * shows two spaces, not a word cut in two. */
		for (k = n; n < len && k > n / 2; k--)
			if (text[k - 1] == ' ') {
				n = k;
				break;
			}
		if (!first)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		b64(out, (const unsigned char *)text, n);
		buf_puts(out, "?=");
		text += n;
		len -= n;
		first = 0;
		col = 1;
	}
}

/* Body bytes as base64 in lines of 76. */
static void
body_b64(struct buf *out, const unsigned char *p, size_t len)
{
	/* 57 bytes make one 76-character line. */
	while (len > 0) {
		size_t	n = len < 57 ? len : 57;

		b64(out, p, n);
		buf_puts(out, "\r\n");
		p += n;
		len -= n;
	}
}

/* The column the next byte of out goes to: bytes since the last CRLF. */
static size_t
line_col(const struct buf *out)
{
	size_t	i = out->len;

	while (i > 0 && out->p[i - 1] != '\n')
		i--;
	return out->len - i;
}

static void
boundary(char out[33])
{
	unsigned char	r[12];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, 25, r, sizeof(r));
	/* "=_" cannot occur in base64 text. */
	out[0] = '=';
	out[1] = '_';
}

static void
part_head(struct buf *out, const char *b, const char *type,
    const char *extra)
{
	buf_printf(out, "--%s\r\nContent-Type: %s\r\n"
	    "Content-Transfer-Encoding: base64\r\n%s\r\n", b, type,
	    extra != NULL ? extra : "");
}

int
mail_write(struct buf *out, const struct mail *m)
{
	char		 alt[33], rel[33], date[64], id[33];
	unsigned char	 r[16];
	struct tm	 tm;

	if (!mail_addr_ok(m->from) || !mail_addr_ok(m->to) ||
	    m->subject == NULL || m->text == NULL || m->html == NULL ||
	    m->msgid_domain == NULL || !plain_ascii(m->msgid_domain) ||
	    strpbrk(m->msgid_domain, " <>@") != NULL ||
	    (m->png != NULL && (m->png_cid == NULL ||
	    !mail_addr_ok(m->png_cid))) ||
	    (m->lang != NULL && (!plain_ascii(m->lang) ||
	    strpbrk(m->lang, " ;:") != NULL)))
		return -1;
	if (gmtime_r(&m->date, &tm) == NULL)
		return -1;
	/* RFC 5322 date; the C locale's names are the ones it wants. */
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(id, sizeof(id), r, sizeof(r));
	boundary(alt);
	boundary(rel);

	buf_printf(out, "From: %s\r\n", m->from);
	buf_puts(out, "To: ");
	if (m->to_name != NULL && *m->to_name != '\0') {
		mail_phrase(out, m->to_name, 4);
		/* Fold before the address when the line would be too long. */
		buf_printf(out, "%s<%s>\r\n", line_col(out) + strlen(m->to) +
		    3 > 78 ? "\r\n " : " ", m->to);
	} else
		buf_printf(out, "%s\r\n", m->to);
	buf_puts(out, "Subject: ");
	mail_phrase(out, m->subject, 9);
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n", date, id,
	    m->msgid_domain);
	buf_puts(out, "Auto-Submitted: auto-generated\r\n"
	    "MIME-Version: 1.0\r\n");
	if (m->lang != NULL)
		buf_printf(out, "Content-Language: %s\r\n", m->lang);
	buf_printf(out, "Content-Type: multipart/alternative; "
	    "boundary=\"%s\"\r\n\r\n", alt);

	part_head(out, alt, "text/plain; charset=utf-8", NULL);
	body_b64(out, (const unsigned char *)m->text, strlen(m->text));
	if (m->png != NULL) {
		buf_printf(out, "--%s\r\nContent-Type: multipart/related; "
		    "boundary=\"%s\"\r\n\r\n", alt, rel);
		part_head(out, rel, "text/html; charset=utf-8", NULL);
		body_b64(out, (const unsigned char *)m->html, strlen(m->html));
		buf_printf(out, "--%s\r\nContent-Type: image/png\r\n"
		    "Content-Transfer-Encoding: base64\r\n"
		    "Content-ID: <%s>\r\n"
		    "Content-Disposition: inline; filename=\"receipt.png\"\r\n"
		    "\r\n", rel, m->png_cid);
		body_b64(out, m->png, m->pngsz);
		buf_printf(out, "--%s--\r\n", rel);
	} else {
		part_head(out, alt, "text/html; charset=utf-8", NULL);
		body_b64(out, (const unsigned char *)m->html, strlen(m->html));
	}
	buf_printf(out, "--%s--\r\n", alt);
	return out->oom ? -1 : 0;
}

long
mail_backoff(int failures)
{
	long	s = 20;

	if (failures < 1)
		return s;
	while (--failures > 0 && s < 6 * 3600)
		s *= 4;
	return s < 6 * 3600 ? s : 6 * 3600;
}

int
mail_domain_norm(const char *in, char out[MAIL_DOMAIN_MAX + 1])
{
	size_t	len, i, label = 0, labels = 1;
	char	c;

	if (*in == '@')
		in++;
	len = strlen(in);
	if (len > 0 && in[len - 1] == '.')
		len--;
	if (len < 3 || len > MAIL_DOMAIN_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		c = in[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == '.') {
			/* No empty label, none that starts or ends in '-'. */
			if (label == 0 || out[i - 1] == '-')
				return -1;
			label = 0;
			labels++;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-') {
			if ((label == 0 && c == '-') || ++label > 63)
				return -1;
		} else
			return -1;
		out[i] = c;
	}
	if (label == 0 || out[len - 1] == '-' || labels < 2)
		return -1;
	out[len] = '\0';
	return 0;
}

int
mail_in_domain(const char *address, const char *domain)
{
	const char	*at = strrchr(address, '@');
	size_t		 hlen, dlen = strlen(domain);

	if (at == NULL)
		return 0;
	at++;
	hlen = strlen(at);
	if (hlen == dlen)
		return strcasecmp(at, domain) == 0;
	return hlen > dlen && at[hlen - dlen - 1] == '.' &&
	    strcasecmp(at + hlen - dlen, domain) == 0;
}
