/*
 * conf_test.c: the settings file fills in what the environment lacks.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf.h"

static char	path[64];

/* Write "text" to a fresh file and clear the variables the tests use. */
static void
write_conf(const char *text)
{
	FILE	*f;
	int	 fd;

	strcpy(path, "/tmp/conf_test.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd != -1);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	unsetenv("ENDORSE_TEST_A");
	unsetenv("ENDORSE_TEST_B");
	unsetenv("ENDORSE_TEST_C");
}

static int
load(char *why, size_t whysz)
{
	int	rc = conf_load(path, why, whysz);

	unlink(path);
	return rc;
}

static void
settings_fill_the_environment(void **state)
{
	char	why[128] = "";

	(void)state;
	write_conf("# a comment\n\nENDORSE_TEST_A=one\n"
	    "  ENDORSE_TEST_B = \"two words\"  \r\nENDORSE_TEST_C=\n");
	assert_int_equal(load(why, sizeof(why)), 0);
	assert_string_equal(getenv("ENDORSE_TEST_A"), "one");
	assert_string_equal(getenv("ENDORSE_TEST_B"), "two words");
	assert_string_equal(getenv("ENDORSE_TEST_C"), "");
}

static void
environment_wins_over_the_file(void **state)
{
	char	why[128] = "";

	(void)state;
	write_conf("ENDORSE_TEST_A=from-file\n");
	setenv("ENDORSE_TEST_A", "from-env", 1);
	assert_int_equal(conf_load(path, why, sizeof(why)), 0);
	unlink(path);
	assert_string_equal(getenv("ENDORSE_TEST_A"), "from-env");
}

static void
missing_file_is_no_error(void **state)
{
	char	why[128] = "";

	(void)state;
	assert_int_equal(conf_load("/nonexistent/endorse.conf", why,
	    sizeof(why)), 0);
}

static void
bad_lines_are_refused_with_their_number(void **state)
{
	static const char *const bad[] = {
		"ENDORSE_TEST_A=1\nno equals sign\n",
		"ENDORSE_TEST_A=1\nPATH=/tmp\n",
		"ENDORSE_TEST_A=1\nENDORSE_lower=x\n",
		"ENDORSE_TEST_A=1\nENDORSE_TEST_B=\"open\n",
		"ENDORSE_TEST_A=1\nENDORSE_TEST_B=\"a\"b\"\n",
		"ENDORSE_TEST_A=1\nENDORSE_=x\n",
	};
	char	why[128];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		write_conf(bad[i]);
		assert_int_equal(load(why, sizeof(why)), -1);
		assert_non_null(strstr(why, ":2: "));
	}
}

static void
overlong_line_is_refused(void **state)
{
	char	why[128] = "", *text;

	(void)state;
	text = malloc(3000);
	assert_non_null(text);
	memset(text, 'x', 2999);
	memcpy(text, "ENDORSE_TEST_A=", 15);
	text[2999] = '\0';
	write_conf(text);
	free(text);
	assert_int_equal(load(why, sizeof(why)), -1);
	assert_non_null(strstr(why, "too long"));
	assert_null(getenv("ENDORSE_TEST_A"));
}

/* A file that cannot be read is an error with its reason, line 0. */
static void
unreadable_file_is_refused(void **state)
{
	char	why[128] = "";

	(void)state;
	assert_int_equal(conf_load("/etc/passwd/endorse.conf", why,
	    sizeof(why)), -1);
	assert_string_equal(why, "/etc/passwd/endorse.conf:0: Not a "
	    "directory");
	/* A folder opens, but does not read. */
	assert_int_equal(conf_load("/tmp", why, sizeof(why)), -1);
	assert_string_equal(why, "/tmp:0: read error");
}

/* The last line needs no line feed; a lone quote is not a value. */
static void
last_line_and_lone_quote(void **state)
{
	char	why[128] = "";

	(void)state;
	write_conf("ENDORSE_TEST_A=1\nENDORSE_TEST_B=last");
	assert_int_equal(load(why, sizeof(why)), 0);
	assert_string_equal(getenv("ENDORSE_TEST_B"), "last");
	write_conf("ENDORSE_TEST_A=\"\"\nENDORSE_TEST_B=\"\n");
	assert_int_equal(load(why, sizeof(why)), -1);
	assert_non_null(strstr(why, ":2: a quoted value needs its closing "
	    "quote"));
	assert_string_equal(getenv("ENDORSE_TEST_A"), "");
	assert_null(getenv("ENDORSE_TEST_B"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_fill_the_environment),
		cmocka_unit_test(environment_wins_over_the_file),
		cmocka_unit_test(missing_file_is_no_error),
		cmocka_unit_test(bad_lines_are_refused_with_their_number),
		cmocka_unit_test(overlong_line_is_refused),
		cmocka_unit_test(unreadable_file_is_refused),
		cmocka_unit_test(last_line_and_lone_quote),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
