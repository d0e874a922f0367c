/*
 * mail_test.c: the confirmation mail's MIME form.  No value a person
 * typed may add or break a header; everything stays 7-bit with CRLF.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "buf.h"
#include "mail.h"

static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 0xff };

static struct mail
sample(void)
{
	struct mail	m;

	memset(&m, 0, sizeof(m));
	m.from = "no-reply@endorse.example";
	m.to = "ana@example.org";
	m.to_name = "Ana";
	m.subject = "Confirm your endorsement";
	m.text = "Hello\nOpen http://x/confirm/T\n";
	m.html = "<p>Hello</p><img src=\"cid:qr@endorse\">";
	m.png = png;
	m.pngsz = sizeof(png);
	m.png_cid = "qr@endorse";
	m.msgid_domain = "endorse.example";
	m.lang = "en";
	m.date = 1796400000;	/* 2026-12-04T16:00:00Z */
	return m;
}

/* The header section: everything before the first empty line. */
static char *
headers(const struct buf *b)
{
	const char	*end = strstr(b->p, "\r\n\r\n");

	assert_non_null(end);
	return strndup(b->p, (size_t)(end - b->p) + 2);
}

/* Every line ends in CRLF, is 7-bit, at most 78 characters. */
static void
assert_wire_clean(const struct buf *b)
{
	size_t	i, col = 0;

	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->p[i];

		assert_true(c < 0x80);
		if (c == '\n') {
			assert_true(i > 0 && b->p[i - 1] == '\r');
			col = 0;
			continue;
		}
		if (c == '\r')
			assert_true(i + 1 < b->len && b->p[i + 1] == '\n');
		else
			assert_true(++col <= 78);
	}
}

/* The names of the header fields, one per unfolded line. */
static int
count_fields(const char *h, const char *name)
{
	const char	*p = h;
	int		 n = 0;
	size_t		 len = strlen(name);

	while (*p != '\0') {
		if (strncasecmp(p, name, len) == 0 && p[len] == ':')
			n++;
		if ((p = strstr(p, "\r\n")) == NULL)
			break;
		p += 2;
	}
	return n;
}

static void
message_has_the_headers_a_mail_needs(void **state)
{
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	char		*h;

	(void)state;
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	assert_wire_clean(&b);
	h = headers(&b);
	assert_non_null(strstr(h, "From: no-reply@endorse.example\r\n"));
	assert_non_null(strstr(h, "To: Ana <ana@example.org>\r\n"));
	assert_non_null(strstr(h, "Subject: Confirm your endorsement\r\n"));
	assert_non_null(strstr(h, "Date: Fri, 04 Dec 2026 16:00:00 +0000\r\n"));
	assert_non_null(strstr(h, "@endorse.example>\r\n"));
	assert_non_null(strstr(h, "Auto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(h, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(h, "Content-Type: multipart/alternative;"));
	assert_int_equal(count_fields(h, "Message-ID"), 1);
	free(h);
	/* Both parts and the image, which the HTML names by its cid. */
	assert_non_null(strstr(b.p, "text/plain; charset=utf-8"));
	assert_non_null(strstr(b.p, "multipart/related"));
	assert_non_null(strstr(b.p, "text/html; charset=utf-8"));
	assert_non_null(strstr(b.p, "Content-ID: <qr@endorse>"));
	buf_free(&b);
}

static void
typed_name_cannot_add_a_header(void **state)
{
	static const char *const evil[] = {
		"Ana\r\nBcc: victim@example.org",
		"Ana\nBcc: victim@example.org",
		"Ana\rBcc: victim@example.org",
		"\"Ana\" <boss@example.org>, x",
		"=?UTF-8?B?QmNjOiB4?=",
	};
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	char		*h;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		buf_reset(&b);
		m.to_name = evil[i];
		m.subject = evil[i];
		assert_int_equal(mail_write(&b, &m), 0);
		assert_non_null(buf_cstr(&b));
		assert_wire_clean(&b);
		h = headers(&b);
		assert_int_equal(count_fields(h, "Bcc"), 0);
		assert_int_equal(count_fields(h, "To"), 1);
		/* The one address in To is the real one. */
		assert_non_null(strstr(h, "<ana@example.org>\r\n"));
		assert_null(strstr(h, "boss@"));
		free(h);
	}
	buf_free(&b);
}

/* Decode the encoded words of one header value back to UTF-8. */
static void
decode_words(const char *v, char *out, size_t outsz)
{
	const char	*p = v, *e;
	size_t		 n = 0, got;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		p += 10;
		e = strstr(p, "?=");
		assert_non_null(e);
		assert_true(e - p + 12 <= 75);	/* RFC 2047 word length */
		assert_int_equal(sodium_base642bin((unsigned char *)out + n,
		    outsz - n - 1, p, (size_t)(e - p), NULL, &got, NULL,
		    sodium_base64_VARIANT_ORIGINAL), 0);
		n += got;
		p = e + 2;
	}
	out[n] = '\0';
}

static void
non_ascii_name_is_encoded_whole(void **state)
{
	/* Long enough for several words, with characters of 2, 3, 4 bytes. */
	static const char name[] = "Ayuntamiento de Medellín — "
	    "عمدة الدار البيضاء 🙂 Łódź Ærøskøbing";
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	char		*h, *to, dec[512];

	(void)state;
	m.to_name = name;
	m.subject = "Confirmez votre soutien à la Déclaration de Malines";
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	assert_wire_clean(&b);
	h = headers(&b);
	to = strstr(h, "To: ");
	assert_non_null(to);
	*strstr(to, "<ana@") = '\0';
	decode_words(to, dec, sizeof(dec));
	assert_string_equal(dec, name);
	/* Each word decodes alone to whole characters: valid UTF-8. */
	free(h);
	h = headers(&b);
	decode_words(strstr(h, "Subject: "), dec, sizeof(dec));
	assert_string_equal(dec, m.subject);
	free(h);
	buf_free(&b);
}

static void
bad_addresses_are_refused(void **state)
{
	static const char *const bad[] = {
		"", "ana", "@example.org", "ana@", "a@b@c", "ana @example.org",
		"ana@example.org\r\nBcc: x@y", "<ana@example.org>",
		"ana@example.org,boss@example.org", "\"a\"@example.org",
	};
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(mail_addr_ok(bad[i]));
		m.to = bad[i];
		assert_int_equal(mail_write(&b, &m), -1);
	}
	assert_true(mail_addr_ok("ana.maria+x@sub.example.org"));
	buf_free(&b);
}

static void
body_round_trips_through_base64(void **state)
{
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	char		*p, *end, *line, dec[256];
	size_t		 got, n = 0;

	(void)state;
	m.text = "Merci, Ana.\nشكرا\n";
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	p = strstr(b.p, "text/plain; charset=utf-8\r\n");
	assert_non_null(p);
	p = strstr(p, "\r\n\r\n") + 4;
	end = strstr(p, "\r\n--");
	assert_non_null(end);
	while (p < end) {
		line = p;
		p = strstr(p, "\r\n");
		assert_int_equal(sodium_base642bin((unsigned char *)dec + n,
		    sizeof(dec) - n - 1, line, (size_t)(p - line), NULL, &got,
		    NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		n += got;
		p += 2;
	}
	dec[n] = '\0';
	assert_string_equal(dec, m.text);
	buf_free(&b);
}

/* Bodies longer than one base64 line (57 bytes) come out whole. */
static void
long_bodies_are_written_whole(void **state)
{
	struct mail	 m = sample();
	struct buf	 b = { 0 };
	char		 text[3000];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(text) - 1; i++)
		text[i] = (char)('a' + i % 26);
	text[sizeof(text) - 1] = '\0';
	m.text = text;
	m.html = text;
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	/* Every line within RFC 5322's 78 characters. */
	for (i = 0; i < b.len; ) {
		size_t	n = strcspn(b.p + i, "\r");

		assert_true(n <= 78);
		i += n + 2;
	}
	buf_free(&b);
}

/* The first retry comes within a minute; then longer, never beyond 6 h. */
static void
backoff_grows_and_is_capped(void **state)
{
	int	n;

	(void)state;
	assert_true(mail_backoff(1) > 0 && mail_backoff(1) <= 60);
	for (n = 2; n < MAIL_MAX_ATTEMPTS; n++) {
		assert_true(mail_backoff(n) >= mail_backoff(n - 1));
		assert_true(mail_backoff(n) <= 6 * 3600);
	}
	assert_true(mail_backoff(3) > mail_backoff(2));
	assert_int_equal(mail_backoff(40), 6 * 3600);
}

static void
domains_are_normalised_or_refused(void **state)
{
	char	d[MAIL_DOMAIN_MAX + 1];

	(void)state;
	assert_int_equal(mail_domain_norm("Mechelen.BE", d), 0);
	assert_string_equal(d, "mechelen.be");
	assert_int_equal(mail_domain_norm("@stad.gent.", d), 0);
	assert_string_equal(d, "stad.gent");
	assert_int_equal(mail_domain_norm("xn--lyn-xla.fr", d), 0);
	assert_int_equal(mail_domain_norm("be", d), -1);
	assert_int_equal(mail_domain_norm("localhost", d), -1);
	assert_int_equal(mail_domain_norm("a..be", d), -1);
	assert_int_equal(mail_domain_norm("-a.be", d), -1);
	assert_int_equal(mail_domain_norm("a-.be", d), -1);
	assert_int_equal(mail_domain_norm("a_b.be", d), -1);
	assert_int_equal(mail_domain_norm("a%.be", d), -1);
	assert_int_equal(mail_domain_norm("lyon.fr\r\nBcc: x", d), -1);
	assert_int_equal(mail_domain_norm("", d), -1);
	/* A label of 63 characters, not 64; a name that ends in '-'. */
	assert_int_equal(mail_domain_norm("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaa.be", d), 0);
	assert_int_equal(mail_domain_norm("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaa.be", d), -1);
	assert_int_equal(mail_domain_norm("mechelen.be-", d), -1);
	assert_int_equal(mail_domain_norm("mechelen.", d), -1);
}

static void
domain_match_takes_subdomains_only(void **state)
{
	(void)state;
	assert_true(mail_in_domain("ana@mechelen.be", "mechelen.be"));
	assert_true(mail_in_domain("ana@STAD.Mechelen.BE", "mechelen.be"));
	assert_false(mail_in_domain("ana@notmechelen.be", "mechelen.be"));
	assert_false(mail_in_domain("ana@mechelen.be.evil.org",
	    "mechelen.be"));
	assert_false(mail_in_domain("mechelen.be@gmail.com", "mechelen.be"));
	assert_false(mail_in_domain("ana", "mechelen.be"));
}

/* Any field out of shape: no mail, and not a byte written. */
static void
fields_out_of_shape_make_no_mail(void **state)
{
	struct buf	 b = { 0 };
	struct mail	 m[17];
	char		 longaddr[300];
	size_t		 i;

	(void)state;
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 250, "@x.be", 6);	/* 255 characters */
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		m[i] = sample();
	m[0].from = "no-reply";
	m[1].subject = NULL;
	m[2].text = NULL;
	m[3].html = NULL;
	m[4].msgid_domain = NULL;
	m[5].msgid_domain = "endorse.\xc3\xa9xample";
	m[6].msgid_domain = "endorse example";
	m[7].msgid_domain = "a@endorse.example";
	m[8].msgid_domain = "endorse.example>";
	m[9].msgid_domain = "endorse\texample";
	m[10].png_cid = NULL;
	m[11].png_cid = "qr";
	m[12].lang = "\xc3\xa9";
	m[13].lang = "en; x";
	m[14].lang = "en:x";
	m[15].to = longaddr;
	m[16].to = "ana\x7f@example.org";
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if (mail_write(&b, &m[i]) != -1)
			fail_msg("case %zu: written", i);
		assert_int_equal(b.len, 0);
	}
	memcpy(longaddr + 249, "@x.be", 6);	/* 254: the most there is */
	assert_true(mail_addr_ok(longaddr));
	assert_false(mail_addr_ok(NULL));
	buf_free(&b);
}

/*
 * No picture, no language, no name: no related part, no
 * Content-Language, the bare address.  A name that leaves no room on
 * its line puts the address on the next.
 */
static void
optional_parts_left_out(void **state)
{
	struct buf	 b = { 0 };
	struct mail	 m = sample();
	char		*h;

	(void)state;
	m.png = NULL;
	m.png_cid = NULL;
	m.lang = NULL;
	m.to_name = NULL;
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	assert_wire_clean(&b);
	assert_null(strstr(b.p, "multipart/related"));
	assert_null(strstr(b.p, "image/png"));
	assert_non_null(h = headers(&b));
	assert_non_null(strstr(h, "\r\nTo: ana@example.org\r\n"));
	assert_null(strstr(h, "Content-Language"));
	free(h);

	buf_reset(&b);
	m = sample();
	m.to_name = "Anastasia Maria Theodora Konstantinopoulou-Vandenbroucke";
	m.to = "anastasia.konstantinopoulou@example.org";
	assert_int_equal(mail_write(&b, &m), 0);
	assert_non_null(buf_cstr(&b));
	assert_wire_clean(&b);
	assert_non_null(strstr(b.p, "Vandenbroucke\r\n "
	    "<anastasia.konstantinopoulou@example.org>\r\n"));
	buf_free(&b);
}

/*
 * Phrases that cannot stay as they are: a plain one too long for its
 * line, one with no space to break at, one that starts mid-character,
 * one that starts at the end of a line.  Each is encoded and decodes
 * back to itself.
 */
static void
phrases_that_must_be_encoded(void **state)
{
	static const char *const texts[] = {
		"Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee "
		    "Ffffffffff Gggggggggg",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
		    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
		    "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
		    "\x80\x80\x80\x80\x80\x80\x80",
	};
	struct buf	 b = { 0 }, dec = { 0 };
	const char	*p, *q;
	unsigned char	 bin[256];
	size_t		 i, binlen;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		buf_reset(&b);
		buf_reset(&dec);
		buf_puts(&b, "Subject: ");
		mail_phrase(&b, texts[i], 9);
		buf_puts(&b, "\r\n");
		assert_non_null(buf_cstr(&b));
		assert_wire_clean(&b);
		/* Every word decoded, in order, is the text. */
		for (p = b.p; (p = strstr(p, "=?UTF-8?B?")) != NULL; p = q + 2) {
			p += 10;
			assert_non_null(q = strstr(p, "?="));
			assert_int_equal(sodium_base642bin(bin, sizeof(bin), p,
			    (size_t)(q - p), NULL, &binlen, NULL,
			    sodium_base64_VARIANT_ORIGINAL), 0);
			buf_put(&dec, bin, binlen);
		}
		assert_non_null(buf_cstr(&dec));
		assert_string_equal(dec.p, texts[i]);
	}
	/* At the end of a line: one short word still fits the rule. */
	buf_reset(&b);
	mail_phrase(&b, "\xc3\xa9t\xc3\xa9", 70);
	assert_non_null(buf_cstr(&b));
	assert_true(strncmp(b.p, "=?UTF-8?B?", 10) == 0);
	assert_int_equal(mail_backoff(0), 20);
	assert_int_equal(mail_backoff(-3), 20);
	buf_free(&b);
	buf_free(&dec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message_has_the_headers_a_mail_needs),
		cmocka_unit_test(typed_name_cannot_add_a_header),
		cmocka_unit_test(non_ascii_name_is_encoded_whole),
		cmocka_unit_test(bad_addresses_are_refused),
		cmocka_unit_test(body_round_trips_through_base64),
		cmocka_unit_test(long_bodies_are_written_whole),
		cmocka_unit_test(backoff_grows_and_is_capped),
		cmocka_unit_test(domains_are_normalised_or_refused),
		cmocka_unit_test(domain_match_takes_subdomains_only),
		cmocka_unit_test(fields_out_of_shape_make_no_mail),
		cmocka_unit_test(optional_parts_left_out),
		cmocka_unit_test(phrases_that_must_be_encoded),
	};

	if (sodium_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
