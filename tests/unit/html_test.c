/*
 * html_test.c: the escaping every page relies on.  Each case names one
 * character or boundary that, escaped wrongly, would open a hole.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "buf.h"
#include "html.h"

/* Escape s with html_esc and compare with want. */
static void
check_esc(const char *s, const char *want)
{
	struct buf	 b = { 0 };

	html_esc(&b, s);
	assert_false(b.oom);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* Percent-encode s with html_urlenc and compare with want. */
static void
check_urlenc(const char *s, const char *want)
{
	struct buf	 b = { 0 };

	html_urlenc(&b, s);
	assert_false(b.oom);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
esc_plain_text_unchanged(void **state)
{
	check_esc("Mechelen 2017", "Mechelen 2017");
}

static void
esc_empty_writes_nothing(void **state)
{
	struct buf	 b = { 0 };

	html_esc(&b, "");
	assert_int_equal(b.len, 0);
	html_esc(&b, NULL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
esc_ampersand(void **state)
{
	check_esc("a&b", "a&amp;b");
}

static void
esc_less_than(void **state)
{
	check_esc("<script>", "&lt;script&gt;");
}

static void
esc_greater_than(void **state)
{
	check_esc("a>b", "a&gt;b");
}

static void
esc_double_quote(void **state)
{
	check_esc("\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
}

static void
esc_single_quote(void **state)
{
	check_esc("O'Brien", "O&#39;Brien");
}

static void
esc_existing_reference_escaped_again(void **state)
{
	check_esc("&amp;", "&amp;amp;");
}

static void
esc_all_five_adjacent(void **state)
{
	check_esc("&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
}

static void
esc_at_start_and_end(void **state)
{
	check_esc("<x>", "&lt;x&gt;");
}

static void
esc_utf8_kept(void **state)
{
	check_esc("Bourgmestre de Liège — \xd9\x85", "Bourgmestre de Liège — \xd9\x85");
}

static void
escn_stops_at_length(void **state)
{
	struct buf	 b = { 0 };

	html_escn(&b, "<a>&<b>", 3);
	assert_string_equal(buf_cstr(&b), "&lt;a&gt;");
	buf_free(&b);
}

static void
escn_copies_embedded_nul(void **state)
{
	struct buf	 b = { 0 };

	html_escn(&b, "a\0<", 3);
	assert_int_equal(b.len, 1 + 1 + 4);
	assert_memory_equal(b.p, "a\0&lt;", 6);
	buf_free(&b);
}

static void
esc_appends_to_buffer(void **state)
{
	struct buf	 b = { 0 };

	buf_puts(&b, "<p>");
	html_esc(&b, "1 < 2");
	buf_puts(&b, "</p>");
	assert_string_equal(buf_cstr(&b), "<p>1 &lt; 2</p>");
	buf_free(&b);
}

static void
esc_long_input(void **state)
{
	struct buf	 b = { 0 };
	char		 in[10001];
	size_t		 i;

	memset(in, '<', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	html_esc(&b, in);
	assert_false(b.oom);
	assert_int_equal(b.len, 4 * (sizeof(in) - 1));
	for (i = 0; i < b.len; i += 4)
		assert_memory_equal(b.p + i, "&lt;", 4);
	buf_free(&b);
}

static void
urlenc_unreserved_unchanged(void **state)
{
	check_urlenc("AZaz09-._~", "AZaz09-._~");
}

static void
urlenc_space(void **state)
{
	check_urlenc("a b", "a%20b");
}

static void
urlenc_plus_and_ampersand(void **state)
{
	check_urlenc("a+b&c=d", "a%2Bb%26c%3Dd");
}

static void
urlenc_html_specials(void **state)
{
	check_urlenc("<>\"'", "%3C%3E%22%27");
}

static void
urlenc_percent(void **state)
{
	check_urlenc("100%", "100%25");
}

static void
urlenc_slash_and_query(void **state)
{
	check_urlenc("/a?b#c", "%2Fa%3Fb%23c");
}

static void
urlenc_utf8_bytes(void **state)
{
	check_urlenc("é", "%C3%A9");
}

static void
urlenc_high_byte_and_control(void **state)
{
	check_urlenc("\xff\x01\x7f", "%FF%01%7F");
}

static void
urlenc_null_writes_nothing(void **state)
{
	struct buf	 b = { 0 };

	html_urlenc(&b, NULL);
	html_urlenc(&b, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
urlenc_output_is_html_safe(void **state)
{
	struct buf	 b = { 0 };
	char		 in[256];
	size_t		 i;

	for (i = 0; i < 255; i++)
		in[i] = (char)(i + 1);
	in[255] = '\0';
	html_urlenc(&b, in);
	assert_int_equal(b.len, 66 + 3 * (255 - 66));
	for (i = 0; i < b.len; i++)
		assert_null(strchr("&<>\"' ", b.p[i]));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(esc_plain_text_unchanged),
		cmocka_unit_test(esc_empty_writes_nothing),
		cmocka_unit_test(esc_ampersand),
		cmocka_unit_test(esc_less_than),
		cmocka_unit_test(esc_greater_than),
		cmocka_unit_test(esc_double_quote),
		cmocka_unit_test(esc_single_quote),
		cmocka_unit_test(esc_existing_reference_escaped_again),
		cmocka_unit_test(esc_all_five_adjacent),
		cmocka_unit_test(esc_at_start_and_end),
		cmocka_unit_test(esc_utf8_kept),
		cmocka_unit_test(escn_stops_at_length),
		cmocka_unit_test(escn_copies_embedded_nul),
		cmocka_unit_test(esc_appends_to_buffer),
		cmocka_unit_test(esc_long_input),
		cmocka_unit_test(urlenc_unreserved_unchanged),
		cmocka_unit_test(urlenc_space),
		cmocka_unit_test(urlenc_plus_and_ampersand),
		cmocka_unit_test(urlenc_html_specials),
		cmocka_unit_test(urlenc_percent),
		cmocka_unit_test(urlenc_slash_and_query),
		cmocka_unit_test(urlenc_utf8_bytes),
		cmocka_unit_test(urlenc_high_byte_and_control),
		cmocka_unit_test(urlenc_null_writes_nothing),
		cmocka_unit_test(urlenc_output_is_html_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
