/*
 * status_test.c: the table of HTTP statuses (src/status.c).  It walks
 * the table against RFC 9110's reason phrases, checks that each error
 * with a page has its texts, and reads the programs' sources for every
 * status they set, so that none is sent with a wrong reason phrase.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "status.h"

/* RFC 9110, section 15: the reason phrases it gives. */
static const struct {
	int		 code;
	const char	*reason;
} rfc9110[] = {
	{ 100, "Continue" }, { 101, "Switching Protocols" },
	{ 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
	{ 203, "Non-Authoritative Information" }, { 204, "No Content" },
	{ 205, "Reset Content" }, { 206, "Partial Content" },
	{ 300, "Multiple Choices" }, { 301, "Moved Permanently" },
	{ 302, "Found" }, { 303, "See Other" }, { 304, "Not Modified" },
	{ 305, "Use Proxy" }, { 307, "Temporary Redirect" },
	{ 308, "Permanent Redirect" },
	{ 400, "Bad Request" }, { 401, "Unauthorized" },
	{ 402, "Payment Required" }, { 403, "Forbidden" },
	{ 404, "Not Found" }, { 405, "Method Not Allowed" },
	{ 406, "Not Acceptable" }, { 407, "Proxy Authentication Required" },
	{ 408, "Request Timeout" }, { 409, "Conflict" }, { 410, "Gone" },
	{ 411, "Length Required" }, { 412, "Precondition Failed" },
	{ 413, "Content Too Large" }, { 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" }, { 416, "Range Not Satisfiable" },
	{ 417, "Expectation Failed" }, { 421, "Misdirected Request" },
	{ 422, "Unprocessable Content" }, { 426, "Upgrade Required" },
	/* RFC 6585 */
	{ 428, "Precondition Required" }, { 429, "Too Many Requests" },
	{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
	{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
	{ 504, "Gateway Timeout" }, { 505, "HTTP Version Not Supported" },
};

static const char *
rfc_reason(int code)
{
	size_t	i;

	for (i = 0; i < sizeof(rfc9110) / sizeof(rfc9110[0]); i++)
		if (rfc9110[i].code == code)
			return rfc9110[i].reason;
	return NULL;
}

/* Every row: in order, once, with the RFC's phrase. */
static void
table_rows_match_rfc9110(void **state)
{
	size_t	i;

	(void)state;
	assert_true(nhttp_statuses > 0);
	for (i = 0; i < nhttp_statuses; i++) {
		const struct http_status *s = &http_statuses[i];

		assert_non_null(rfc_reason(s->code));
		assert_string_equal(s->reason, rfc_reason(s->code));
		assert_ptr_equal(http_status(s->code), s);
		assert_string_equal(http_reason(s->code), s->reason);
		if (i > 0)
			assert_true(http_statuses[i - 1].code < s->code);
	}
}

/* A row with a page has both texts; only errors have one. */
static void
table_pages_have_texts(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < nhttp_statuses; i++) {
		const struct http_status *s = &http_statuses[i];

		if (s->title == MSG__MAX) {
			assert_int_equal(s->text, MSG__MAX);
			continue;
		}
		assert_true(s->code >= 400);
		assert_true(strlen(msg(LANG_EN, s->title)) > 0);
		assert_true(strlen(msg(LANG_EN, s->text)) > 0);
	}
	/* page_error's fallback. */
	assert_non_null(http_status(500));
	assert_int_not_equal(http_status(500)->title, MSG__MAX);
}

static void
closed_kiosk_is_gone(void **state)
{
	(void)state;
	assert_string_equal(http_reason(410), "Gone");
	assert_null(http_reason(999));
	assert_null(http_status(418));
}

/*
 * The 3-digit numbers (100-599) on a line that sets a status: "status =",
 * page_error(, page_notice(, route_fail( or req_fail(.  Each must be in
 * the table.
 */
static void
scan_file(const char *path, int *nfound)
{
	FILE		*f;
	char		 line[1024], *p;
	long		 v;

	if ((f = fopen(path, "r")) == NULL)
		fail_msg("%s: cannot open", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "status = ") == NULL &&
		    strstr(line, "page_error(") == NULL &&
		    strstr(line, "page_notice(") == NULL &&
		    strstr(line, "route_fail(") == NULL &&
		    strstr(line, "req_fail(") == NULL)
			continue;
		for (p = line; *p != '\0'; p++) {
			if (!isdigit((unsigned char)p[0]) ||
			    (p > line && (isalnum((unsigned char)p[-1]) ||
			    p[-1] == '_')))
				continue;
			v = strtol(p, NULL, 10);
			if (isdigit((unsigned char)p[1]) &&
			    isdigit((unsigned char)p[2]) &&
			    !isalnum((unsigned char)p[3]) &&
			    v >= 100 && v <= 599) {
				if (http_reason((int)v) == NULL)
					fail_msg("%s: status %ld is not in "
					    "status.c's table: %s", path, v,
					    line);
				(*nfound)++;
			}
			while (isdigit((unsigned char)p[1]))
				p++;
		}
	}
	fclose(f);
}

static void
every_status_sent_is_in_the_table(void **state)
{
	static const char *const dirs[] = { "", "/web", "/admin", "/ctl" };
	const char	*src = getenv("ENDORSE_SRC");
	char		 dir[4096], path[4400];
	struct dirent	*de;
	DIR		*d;
	size_t		 i, len;
	int		 found = 0;

	(void)state;
	if (src == NULL)
		src = "src";
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s%s", src, dirs[i]);
		if ((d = opendir(dir)) == NULL)
			fail_msg("%s: cannot open (ENDORSE_SRC)", dir);
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (len < 3 || strcmp(de->d_name + len - 2, ".c") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			scan_file(path, &found);
		}
		closedir(d);
	}
	/* The scan found the statuses: it reads the sources it should. */
	assert_true(found > 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_rows_match_rfc9110),
		cmocka_unit_test(table_pages_have_texts),
		cmocka_unit_test(closed_kiosk_is_gone),
		cmocka_unit_test(every_status_sent_is_in_the_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
