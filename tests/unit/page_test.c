/*
 * page_test.c: the page frame, form widgets, the CSRF check on a raw
 * body, and what "the same fields" means for a resent form.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "valid.h"
#include "token.h"
#include "lang.h"
#include "server.h"
#include "page.h"

static const unsigned char key[SECRET_LEN] = "0123456789abcdef0123456789abcdef";

struct fixture {
	struct req	r;
	struct buf	hdr;
	struct buf	body;
	char		cookie[B64_TOKEN_LEN + 1];
	char		field[B64_TOKEN_LEN + 1];
};

static int
setup(void **state)
{
	struct fixture	*f = test_calloc(1, sizeof(*f));
	char		 hdr[64];

	assert_int_equal(token_init(), 0);
	f->r.a = arena_new(0);
	f->r.hdr = &f->hdr;
	f->r.body = &f->body;
	f->r.method = "POST";
	f->r.path = "/endorse";
	token_random(f->cookie);
	csrf_field(key, f->cookie, f->field);
	snprintf(hdr, sizeof(hdr), "csrf=%s", f->cookie);
	assert_int_equal(http_parse_cookies(f->r.a, hdr, &f->r.cookies),
	    PARSE_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	arena_free(f->r.a);
	buf_free(&f->hdr);
	buf_free(&f->body);
	test_free(f);
	return 0;
}

/* csrf_ok over a body made from a printf format holding the field. */
static int
check(struct fixture *f, const char *fmt)
{
	char	body[512];

	snprintf(body, sizeof(body), fmt, f->field);
	return csrf_ok(&f->r, key, body, strlen(body));
}

static void
csrf_accepts_matching_pair(void **state)
{
	struct fixture	*f = *state;

	assert_true(check(f, "csrf=%s"));
	assert_true(check(f, "a=1&csrf=%s&b=2"));
	assert_true(check(f, "full_name=%%ZZ&csrf=%s"));	/* malformed rest */
}

static void
csrf_refuses_missing_or_repeated_field(void **state)
{
	struct fixture	*f = *state;

	assert_false(check(f, "a=1&b=%s"));
	assert_false(check(f, "csrf=%s&csrf=x"));
	assert_false(check(f, "csrf&x=%s"));
	assert_false(check(f, "csrf=&x=%s"));
	assert_false(check(f, "csrfx=%s"));
}

static void
csrf_refuses_altered_field(void **state)
{
	struct fixture	*f = *state;

	f->field[3] = f->field[3] == 'A' ? 'B' : 'A';
	assert_false(check(f, "csrf=%s"));
}

static void
csrf_refuses_missing_or_foreign_cookie(void **state)
{
	struct fixture	*f = *state;
	char		 other[B64_TOKEN_LEN + 1], hdr[64];

	f->r.cookies.nkv = 0;
	assert_false(check(f, "csrf=%s"));
	/* A cookie of the right shape, but not the one the field is for. */
	token_random(other);
	snprintf(hdr, sizeof(hdr), "csrf=%s", other);
	http_parse_cookies(f->r.a, hdr, &f->r.cookies);
	assert_false(check(f, "csrf=%s"));
	http_parse_cookies(f->r.a, "csrf=short", &f->r.cookies);
	assert_false(check(f, "csrf=%s"));
}

static void
csrf_prepare_keeps_or_sets_cookie(void **state)
{
	struct fixture	*f = *state;
	char		 field[B64_TOKEN_LEN + 1];

	csrf_prepare(&f->r, key, 0, field);
	assert_string_equal(field, f->field);
	assert_int_equal(f->hdr.len, 0);
	f->r.cookies.nkv = 0;
	csrf_prepare(&f->r, key, 1, field);
	assert_non_null(strstr(buf_cstr(&f->hdr), "Set-Cookie: csrf="));
	assert_non_null(strstr(f->hdr.p, "HttpOnly"));
	assert_non_null(strstr(f->hdr.p, "SameSite=Strict"));
	assert_non_null(strstr(f->hdr.p, "Secure"));
}

static const char *const colours[] = { "red", "blue", NULL };
static const enum msg colour_labels[] = { MSG_ROLE_MAYOR, MSG_ROLE_GOVERNOR };
static const struct fielddef defs[] = {
	{ "name", FT_TEXT, FF_REQUIRED, 10, NULL },
	{ "colour", FT_CHOICE, 0, 0, colours },
	{ "ok", FT_CHECKBOX, 0, 0, NULL },
	{ "csrf", FT_TOKEN, 0, 64, NULL },
	{ "form_token", FT_TOKEN, 0, 80, NULL },
};
static const struct fieldui ui[] = {
	{ MSG_F_FULL_NAME, MSG_F_FULL_NAME_HINT, MSG__MAX, "text", "name",
	    NULL },
	{ MSG_F_ROLE, MSG__MAX, MSG__MAX, NULL, NULL, colour_labels },
	{ MSG_F_CONSENT, MSG__MAX, MSG_ERR_CONSENT, NULL, NULL, NULL },
	{ MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	{ MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
};
#define NDEFS	(sizeof(defs) / sizeof(defs[0]))

static void
hash_of(const char *body, unsigned char out[32])
{
	struct arena	*a = arena_new(0);
	struct kvlist	 in;
	struct fieldval	 v[NDEFS];

	assert_int_equal(http_parse_urlencoded(a, body, strlen(body), 200,
	    &in), PARSE_OK);
	assert_true(valid_form(a, defs, NDEFS, &in, v) >= 0);
	form_hash(defs, NDEFS, v, out);
	arena_free(a);
}

static void
hash_ignores_tokens_and_order(void **state)
{
	unsigned char	a[32], b[32];

	(void)state;
	hash_of("name=Ana&colour=red&csrf=x&form_token=y", a);
	hash_of("form_token=z&colour=red&name=Ana&csrf=w", b);
	assert_memory_equal(a, b, 32);
}

static void
hash_tells_fields_apart(void **state)
{
	unsigned char	a[32], b[32];

	(void)state;
	hash_of("name=Ana&colour=red", a);
	hash_of("name=Ana&colour=blue", b);
	assert_memory_not_equal(a, b, 32);
	/* A value moved to another field is another form. */
	hash_of("name=red", a);
	hash_of("name=&colour=red", b);
	assert_memory_not_equal(a, b, 32);
	hash_of("name=Ana&ok=1", a);
	hash_of("name=Ana", b);
	assert_memory_not_equal(a, b, 32);
}

/* Render the whole form for a body; the page is in f->body. */
static void
render(struct fixture *f, const char *body)
{
	struct kvlist	 in;
	struct fieldval	*v = arena_calloc(f->r.a, NDEFS, sizeof(*v));
	struct form	 fm;

	assert_int_equal(http_parse_urlencoded(f->r.a, body, strlen(body),
	    200, &in), PARSE_OK);
	assert_true(valid_form(f->r.a, defs, NDEFS, &in, v) >= 0);
	assert_int_equal(form_init(&fm, &f->r, LANG_EN, defs, ui, NDEFS, v), 0);
	form_error_summary(&fm);
	form_input(&fm, 0);
	form_radios(&fm, 1);
	form_checkbox(&fm, 2);
	buf_cstr(&f->body);
}

static void
form_keeps_values_escaped(void **state)
{
	struct fixture	*f = *state;

	render(f, "name=%22%3E%3Cb%3E&colour=blue&ok=1");
	assert_non_null(strstr(f->body.p, "value=\"&quot;&gt;&lt;b&gt;\""));
	assert_null(strstr(f->body.p, "\"><b>"));
	assert_non_null(strstr(f->body.p, "value=\"blue\" checked"));
	assert_non_null(strstr(f->body.p, "value=\"yes\" checked"));
	assert_null(strstr(f->body.p, "error-summary"));
}

static void
form_errors_summary_links_each_field(void **state)
{
	struct fixture	*f = *state;

	render(f, "name=&colour=green");
	assert_non_null(strstr(f->body.p, "id=\"error-summary\""));
	assert_non_null(strstr(f->body.p, "role=\"alert\""));
	assert_non_null(strstr(f->body.p, "<a href=\"#name\">Enter Full "
	    "name</a>"));
	assert_non_null(strstr(f->body.p, "<a href=\"#colour\">"));
	assert_non_null(strstr(f->body.p, "id=\"name-error\""));
	assert_non_null(strstr(f->body.p,
	    "aria-describedby=\"name-hint name-error\""));
	assert_non_null(strstr(f->body.p, "aria-invalid=\"true\""));
	/* The first radio carries the field's id, for the summary link. */
	assert_non_null(strstr(f->body.p, "<input id=\"colour\" "
	    "name=\"colour\" type=\"radio\" value=\"red\">"));
}

static void
error_page_names_status_and_allow(void **state)
{
	struct fixture	*f = *state;

	page_error(&f->r, LANG_EN, 405, "GET, HEAD");
	assert_int_equal(f->r.status, 405);
	assert_non_null(strstr(buf_cstr(&f->hdr), "Allow: GET, HEAD\r\n"));
	assert_non_null(strstr(buf_cstr(&f->body), "<title>Error: "));
	page_error(&f->r, LANG_EN, 999, NULL);
	assert_int_equal(f->r.status, 500);
	assert_null(strstr(buf_cstr(&f->hdr), "Allow"));
}

static const struct fielddef blank_defs[] = {
	{ "email", FT_EMAIL, 0, 100, NULL },
	{ "phone", FT_TEXT, 0, 30, NULL },
	{ "note", FT_TEXT, 0, 30, NULL },
	{ "about", FT_MULTILINE, 0, 1000, NULL },
	{ "country", FT_COUNTRY, 0, 2, NULL },
	{ "ok", FT_CHECKBOX, 0, 0, NULL },
};
static const struct fieldui blank_ui[] = {
	{ MSG_F_EMAIL, MSG__MAX, MSG__MAX, "email", "email", NULL },
	{ MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, "tel", NULL, NULL },
	{ MSG_F_FULL_NAME, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	{ MSG_F_FULL_NAME, MSG_F_FULL_NAME_HINT, MSG__MAX, NULL, NULL, NULL },
	{ MSG_F_COUNTRY, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
	{ MSG_F_CONSENT, MSG__MAX, MSG__MAX, NULL, NULL, NULL },
};

/*
 * A form on first display, before any message was made (no values, no
 * errors at all): every control empty and unmarked; each input type
 * gets its own direction.
 */
static void
form_first_display(void **state)
{
	struct fixture	*f = *state;
	struct form	 fm;
	const char	*b;

	memset(&fm, 0, sizeof(fm));
	fm.r = &f->r;
	fm.lang = LANG_EN;
	fm.defs = blank_defs;
	fm.ui = blank_ui;
	fm.ndefs = sizeof(blank_defs) / sizeof(blank_defs[0]);
	form_error_summary(&fm);
	form_input(&fm, 0);
	form_input(&fm, 1);
	form_input(&fm, 2);
	form_textarea(&fm, 3);
	form_country(&fm, 4);
	form_checkbox(&fm, 5);
	form_hidden(&fm, "c", "<t>");
	assert_non_null(b = buf_cstr(&f->body));
	assert_null(strstr(b, "error"));
	assert_null(strstr(b, "aria-invalid"));
	assert_null(strstr(b, " checked"));
	assert_null(strstr(b, " selected"));
	assert_non_null(strstr(b, "name=\"email\" type=\"email\" "
	    "autocomplete=\"email\" spellcheck=\"false\" dir=\"ltr\" "
	    "value=\"\">"));
	assert_non_null(strstr(b, "name=\"phone\" type=\"tel\" value=\"\">"));
	assert_non_null(strstr(b, "name=\"note\" type=\"text\" dir=\"auto\" "
	    "value=\"\">"));
	assert_non_null(strstr(b, "rows=\"6\" dir=\"auto\" "
	    "aria-describedby=\"about-hint\"></textarea>"));
	assert_non_null(strstr(b, "autocomplete=\"country\">\n<option "
	    "value=\"\">"));
	assert_non_null(strstr(b, "<option value=\"BE\">Belgium</option>"));
	assert_non_null(strstr(b, "name=\"form_token\" value=\"&lt;t&gt;\""));
}

/* An error set twice on one field counts once in the summary. */
static void
form_error_set_twice_counts_once(void **state)
{
	struct fixture	*f = *state;
	struct form	 fm;

	assert_int_equal(form_init(&fm, &f->r, LANG_EN, blank_defs, blank_ui,
	    sizeof(blank_defs) / sizeof(blank_defs[0]), NULL), 0);
	assert_int_equal(fm.nerrs, 0);
	form_set_error(&fm, 0, "first");
	form_set_error(&fm, 0, "second & last");
	form_set_error(&fm, 4, "pick one");
	assert_int_equal(fm.nerrs, 2);
	form_error_summary(&fm);
	form_input(&fm, 0);
	form_country(&fm, 4);
	assert_non_null(buf_cstr(&f->body));
	assert_non_null(strstr(f->body.p, "<a href=\"#email\">second &amp; "
	    "last</a>"));
	assert_null(strstr(f->body.p, "first"));
	assert_non_null(strstr(f->body.p, "class=\"select input-error\""));
	assert_non_null(strstr(f->body.p, "aria-describedby=\"country-error\""));
}

/*
 * The small writers: a format with no placeholder, a missing value, a
 * signature that is not one, the language switch and its cookie.
 */
static void
page_pieces_and_edges(void **state)
{
	struct fixture	*f = *state;
	enum lang	 l;

	page_fmt_bdi(&f->r, "no placeholder <here>", "x");
	page_bdi(&f->r, NULL);
	page_signature_row(&f->r, LANG_EN, "not a signature");
	assert_non_null(buf_cstr(&f->body));
	assert_non_null(strstr(f->body.p, "no placeholder &lt;here&gt;"
	    "<bdi></bdi>"));
	assert_non_null(strstr(f->body.p, "</span>Not given</dd>"));
	buf_reset(&f->body);
	page_fmt_bdi(&f->r, "Signed by %s.", "<Ana>");
	assert_non_null(buf_cstr(&f->body));
	assert_string_equal(f->body.p, "Signed by <bdi>&lt;Ana&gt;</bdi>.");

	/* ?lang=fr with nothing recorded: chosen, and kept in a cookie. */
	assert_int_equal(http_parse_urlencoded(f->r.a, "lang=fr", 7, 200,
	    &f->r.args), PARSE_OK);
	assert_int_equal(lang_parse("fr", 2, &l), 0);
	assert_int_equal(page_lang(&f->r, NULL, 1), l);
	assert_non_null(buf_cstr(&f->hdr));
	assert_non_null(strstr(f->hdr.p, "Set-Cookie: lang=fr; Path=/; "
	    "Max-Age=31536000; SameSite=Lax; Secure\r\n"));
	/* A recorded language: the query still wins, no cookie is set. */
	buf_reset(&f->hdr);
	assert_int_equal(page_lang(&f->r, "en", 0), l);
	assert_int_equal(f->hdr.len, 0);
	/* An out-of-range language sorts countries as English does. */
	assert_ptr_equal(page_countries((enum lang)LANG__MAX),
	    page_countries(LANG_EN));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(csrf_accepts_matching_pair,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    csrf_refuses_missing_or_repeated_field, setup, teardown),
		cmocka_unit_test_setup_teardown(csrf_refuses_altered_field,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    csrf_refuses_missing_or_foreign_cookie, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    csrf_prepare_keeps_or_sets_cookie, setup, teardown),
		cmocka_unit_test(hash_ignores_tokens_and_order),
		cmocka_unit_test(hash_tells_fields_apart),
		cmocka_unit_test_setup_teardown(form_keeps_values_escaped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    form_errors_summary_links_each_field, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    error_page_names_status_and_allow, setup, teardown),
		cmocka_unit_test_setup_teardown(form_first_display, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    form_error_set_twice_counts_once, setup, teardown),
		cmocka_unit_test_setup_teardown(page_pieces_and_edges, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
