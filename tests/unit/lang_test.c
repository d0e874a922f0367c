/*
 * lang_test.c: the languages (src/lang.c): tags, Accept-Language with
 * q-values, the order of the choice, and, with the built catalogs
 * (LOCALE_DIR), switching per call, plurals, dates, numbers, country
 * names and their order.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <libintl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "country.h"
#include "lang.h"

static enum lang	FR, ES, AR;

static enum lang
code(const char *c)
{
	enum lang	l;

	assert_int_equal(lang_parse(c, strlen(c), &l), 0);
	return l;
}

static void
parse_takes_the_primary_subtag(void **state)
{
	enum lang	l;

	(void)state;
	assert_int_equal(code("en"), LANG_EN);
	assert_int_equal(code("fr-CA"), FR);
	assert_int_equal(code("ES_419"), ES);
	assert_int_equal(code("ar-MA"), AR);
	assert_int_equal(lang_parse("de", 2, &l), -1);
	assert_int_equal(lang_parse("f", 1, &l), -1);
	assert_int_equal(lang_parse("fra", 3, &l), -1);
}

/*
 * A tag is the len bytes given, with no NUL after them: here the page
 * after the tag cannot be read, and a read past it would crash (the
 * primary subtag was found with strcspn; fuzz_lang found it).
 */
static void
parse_reads_only_len_bytes(void **state)
{
	static const char *const tags[] = { "fr", "es-", "ar_EG", "en", "de" };
	long		 pg = sysconf(_SC_PAGESIZE);
	char		*p, *t;
	size_t		 i, n;
	enum lang	 l;

	(void)state;
	p = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	assert_int_equal(mprotect(p + pg, (size_t)pg, PROT_NONE), 0);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		t = p + pg - n;
		memcpy(t, tags[i], n);
		l = LANG__MAX;
		if (i == 4) {
			assert_int_equal(lang_parse(t, n, &l), -1);
			continue;
		}
		assert_int_equal(lang_parse(t, n, &l), 0);
		assert_string_equal(lang_code(l), i == 1 ? "es" :
		    i == 2 ? "ar" : tags[i]);
	}
	/* And nothing at all: no language. */
	assert_int_equal(lang_parse(p + pg, 0, &l), -1);
	munmap(p, (size_t)pg * 2);
}

static void
accept_language_weighs_q_values(void **state)
{
	enum lang	l;

	(void)state;
	assert_int_equal(lang_accept("fr-CH, fr;q=0.9, en;q=0.8", &l), 0);
	assert_int_equal(l, FR);
	assert_int_equal(lang_accept("de;q=1, es;q=0.2, ar;q=0.7", &l), 0);
	assert_int_equal(l, AR);
	assert_int_equal(lang_accept("ar;q=0, es;q=0.001", &l), 0);
	assert_int_equal(l, ES);
	/* Equal weights: the header's order. */
	assert_int_equal(lang_accept("es, fr", &l), 0);
	assert_int_equal(l, ES);
	assert_int_equal(lang_accept("de, *;q=0.5", &l), -1);
	assert_int_equal(lang_accept("", &l), -1);
	assert_int_equal(lang_accept("fr;q=2", &l), -1);
	assert_int_equal(lang_accept(";;,,fr;;q=0.5", &l), 0);
	assert_int_equal(l, FR);
}

static void
negotiation_order(void **state)
{
	enum lang_src	s;

	(void)state;
	assert_int_equal(lang_negotiate("ar", "fr", "es", "fr", &s), AR);
	assert_int_equal(s, LSRC_QUERY);
	assert_int_equal(lang_negotiate("zz", "fr", "es", "ar", &s), FR);
	assert_int_equal(s, LSRC_COOKIE);
	assert_int_equal(lang_negotiate(NULL, "fr-CA", "es", "ar", &s), ES);
	assert_int_equal(s, LSRC_RECORDED);
	assert_int_equal(lang_negotiate(NULL, NULL, NULL, "ar", &s), AR);
	assert_int_equal(s, LSRC_ACCEPT);
	assert_int_equal(lang_negotiate(NULL, NULL, NULL, "de", &s), LANG_EN);
	assert_int_equal(s, LSRC_DEFAULT);
}

static void
texts_switch_per_call(void **state)
{
	(void)state;
	assert_string_equal(msg(LANG_EN, MSG_NAV_HOME), "The declaration");
	assert_string_equal(msg(FR, MSG_NAV_HOME), "La déclaration");
	assert_string_equal(msg(ES, MSG_NAV_HOME), "La declaración");
	assert_string_equal(msg(AR, MSG_NAV_HOME), "الإعلان");
	assert_string_equal(lang_dir(AR), "rtl");
	assert_string_equal(lang_dir(FR), "ltr");
	assert_string_equal(lang_name(FR), "Français");
	/* One English word, two meanings. */
	assert_string_equal(msg(FR, MSG_ADM_LOGIN_TITLE), "Connexion");
	assert_string_equal(msg(FR, MSG_ADM_LOGIN_SUBMIT), "Se connecter");
	assert_string_equal(msg(LANG_EN, MSG_ADM_LOGIN_SUBMIT), "Sign in");
}

static void
plurals_follow_each_language(void **state)
{
	(void)state;
	assert_string_equal(lang_ngettext(FR, "%s endorsement so far.",
	    "%s endorsements so far.", 1), "%s adhésion à ce jour.");
	assert_string_equal(lang_ngettext(FR, "%s endorsement so far.",
	    "%s endorsements so far.", 2), "%s adhésions à ce jour.");
	assert_string_equal(lang_ngettext(AR, "%s endorsement so far.",
	    "%s endorsements so far.", 2), "تأييدان حتى الآن.");
	assert_string_equal(lang_ngettext(AR, "%s endorsement so far.",
	    "%s endorsements so far.", 11), "%s تأييدًا حتى الآن.");
	assert_string_equal(lang_ngettext(LANG_EN, "%s endorsement so far.",
	    "%s endorsements so far.", 3), "%s endorsements so far.");
}

static void
dates_and_numbers(void **state)
{
	struct arena	*a = arena_new(1024);

	(void)state;
	assert_string_equal(lang_date(a, FR, "2026-12-04T10:00:00Z"),
	    "4 décembre 2026");
	assert_string_equal(lang_date(a, FR, "2026-12-01"),
	    "1er décembre 2026");
	assert_string_equal(lang_date(a, ES, "2026-12-04"),
	    "4 de diciembre de 2026");
	assert_string_equal(lang_date(a, LANG_EN, "2026-12-04"),
	    "4 December 2026");
	assert_string_equal(lang_date(a, AR, "2026-12-04"), "4 ديسمبر 2026");
	assert_string_equal(lang_when(a, LANG_EN, "2026-12-04T18:36:00Z"),
	    "4 December 2026, 18:36 UTC");
	assert_string_equal(lang_date(a, FR, "not a date"), "not a date");
	assert_string_equal(lang_num(a, LANG_EN, 1234567), "1,234,567");
	assert_string_equal(lang_num(a, FR, 12345), "12\u202f345");
	assert_string_equal(lang_num(a, ES, 999), "999");
	arena_free(a);
}

static void
country_names_and_their_order(void **state)
{
	const struct country	*de = country_find("DE");
	const struct country	*ir = country_find("IR");

	(void)state;
	assert_string_equal(lang_country(FR, de), "Allemagne");
	assert_string_equal(lang_country(AR, de), "ألمانيا");
	assert_string_equal(lang_country(LANG_EN, de), "Germany");
	/* Arabic lacks "Iran": iso-codes' own name is translated. */
	assert_string_not_equal(lang_country(AR, ir), "Iran");
	assert_true(lang_collate(FR, "Égypte", "Espagne") < 0);
	assert_true(lang_collate(FR, "Eswatini", "États-Unis") < 0);
	assert_true(lang_collate(FR, "Åland", "Albanie") < 0);
	assert_true(lang_collate(AR, "إسبانيا", "بلجيكا") < 0);
	assert_true(lang_collate(AR, "ألمانيا", "الأردن") > 0);
}

/*
 * The edges: parameters spaced out, a negative number, characters of
 * three bytes and malformed ones in a sort, marks that weigh nothing,
 * and a language or text number out of range.
 */
static void
edges(void **state)
{
	struct arena	*a;
	enum lang	 l;

	(void)state;
	assert_int_equal(lang_accept("fr;  \tq=0.5, es ; q=0.6", &l), 0);
	assert_int_equal(l, ES);
	assert_int_equal(lang_accept("fr;q=0.5;;level=1, ar;q=0.4", &l), 0);
	assert_int_equal(l, FR);
	assert_non_null(a = arena_new(1024));
	assert_string_equal(lang_num(a, LANG_EN, -1234567), "-1,234,567");
	assert_string_equal(lang_num(a, LANG_EN, -999), "-999");
	arena_free(a);
	/* Three-byte characters compare by code point... */
	assert_true(lang_collate(LANG_EN, "a\u20ac", "a\u20ad") < 0);
	assert_int_equal(lang_collate(LANG_EN, "\u20ac", "\u20ac"), 0);
	/* ...a malformed or cut sequence byte by byte, never past its end. */
	assert_true(lang_collate(LANG_EN, "\xe2", "\xe2\x82") < 0);
	assert_true(lang_collate(LANG_EN, "\xff", "a") > 0);
	assert_true(lang_collate(LANG_EN, "\xc3", "\xc3") == 0);
	/* Arabic marks weigh nothing: only the tie breaks. */
	assert_true(lang_collate(AR, "\u0628\u064e", "\u0628") > 0);
	assert_true(lang_collate(AR, "\u0628", "\u0628\u064e") < 0);
	/* Out of range: English, never past a table. */
	lang_use((enum lang)LANG__MAX);
	assert_string_equal(lang_code((enum lang)LANG__MAX), "en");
	assert_string_equal(lang_dir((enum lang)-1), "ltr");
	assert_string_equal(msg(LANG_EN, (enum msg)MSG__MAX), "");
	assert_string_equal(msg((enum lang)LANG__MAX, MSG_NAV_HOME),
	    msg(LANG_EN, MSG_NAV_HOME));
}

/* q-values out of their grammar weigh nothing: the item is dropped. */
static void
accept_language_malformed_q(void **state)
{
	static const char *const dropped[] = {
		"fr;q=", "fr;q=2", "fr;q=.5", "fr;q=1.5", "fr;q=0.12345",
		"fr;q=0.a", "fr;q=0,5", "fr;q=-1", "fr;q=0", "fr;q=0.000",
		"fr;q=01",
	};
	enum lang	 l;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		l = LANG_EN;
		if (lang_accept(dropped[i], &l) == 0 && l == FR)
			fail_msg("taken: %s", dropped[i]);
	}
	assert_int_equal(lang_accept("fr;q=1.000", &l), 0);
	assert_int_equal(l, FR);
	assert_int_equal(lang_accept("es;q=0.999, fr;q=1.", &l), 0);
	assert_int_equal(l, FR);
	/* Other parameters, bare or starting with q, and trailing junk. */
	assert_int_equal(lang_accept("es;q=0.5, fr;qx=0.1", &l), 0);
	assert_int_equal(l, FR);
	assert_int_equal(lang_accept("es;q=0.5, fr;q", &l), 0);
	assert_int_equal(l, FR);
	assert_int_equal(lang_accept("es;q=0.5 junk, fr;q=0.4", &l), 0);
	assert_int_equal(l, ES);
	assert_int_equal(lang_accept(NULL, &l), -1);
	assert_int_equal(lang_accept("", &l), -1);
	assert_int_equal(lang_accept(" , ;q=1, de", &l), -1);
	assert_int_equal(lang_parse(NULL, 0, &l), -1);
}

/* Dates that are not ISO dates are shown as given. */
static void
dates_out_of_shape(void **state)
{
	static const char *const kept[] = {
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"2026-1", "abcd-ef-gh", "",
	};
	struct arena	*a = arena_new(1024);
	size_t		 i;

	(void)state;
	assert_non_null(a);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_string_equal(lang_date(a, FR, kept[i]), kept[i]);
	assert_string_equal(lang_date(a, FR, NULL), "");
	assert_string_equal(lang_date(a, FR, "2026-02-28T23:59:59Z"),
	    "28 février 2026");
	assert_string_equal(lang_when(a, FR, NULL), "");
	assert_string_equal(lang_when(a, FR, "2026-12-04"), "2026-12-04");
	assert_string_equal(lang_when(a, FR, "2026-12-04 18:36:00"),
	    "2026-12-04 18:36:00");
	assert_string_equal(lang_when(a, FR, "2026-12-04T18-36-00"),
	    "2026-12-04T18-36-00");
	assert_string_equal(lang_when(a, LANG_EN, "2026-12-01T09:05"),
	    "1 December 2026, 09:05 UTC");
	arena_free(a);
}

/* The most negative number has no positive counterpart in long long. */
static void
numbers_at_the_limits(void **state)
{
	struct arena	*a = arena_new(1024);

	(void)state;
	assert_non_null(a);
	assert_string_equal(lang_num(a, LANG_EN, LLONG_MAX),
	    "9,223,372,036,854,775,807");
	assert_string_equal(lang_num(a, LANG_EN, LLONG_MIN),
	    "-9,223,372,036,854,775,808");
	assert_string_equal(lang_num(a, LANG_EN, 0), "0");
	assert_string_equal(lang_num(a, LANG_EN, 1000), "1,000");
	arena_free(a);
}

/*
 * A context and text too long for the lookup key come back untranslated;
 * an unknown language is named by its code.
 */
static void
lookups_out_of_range(void **state)
{
	char	long_id[600];

	(void)state;
	memset(long_id, 'x', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	assert_ptr_equal(lang_pgettext(FR, "date", long_id), long_id);
	assert_ptr_equal(lang_pgettext(FR, long_id, "%1$d %2$s %3$d"),
	    (const char *)"%1$d %2$s %3$d");
	assert_string_equal(lang_pgettext(FR, "no such context", "Home"),
	    "Home");
	assert_string_equal(lang_name((enum lang)LANG__MAX), "en");
	assert_string_equal(lang_name(FR), "Français");
	assert_string_equal(lang_dir(AR), "rtl");
	assert_string_equal(lang_dir(FR), "ltr");
}

/*
 * A country outside the table (none is, but the lookup must not read
 * past the cache), and names iso-codes does not know: the English name.
 * A name looked up twice comes from the cache.
 */
static void
country_names_outside_the_table(void **state)
{
	static const struct country	nowhere = { "XX", "Nowhere",
	    CONT_EUROPE, NULL };
	static const struct country	other = { "XY", "Elsewhere",
	    CONT_EUROPE, "Elsewhere Land" };
	const struct country		*be = country_find("BE");
	const char			*first;

	(void)state;
	assert_string_equal(lang_country(FR, &nowhere), "Nowhere");
	assert_string_equal(lang_country(ES, &other), "Elsewhere");
	assert_string_equal(lang_country((enum lang)LANG__MAX, be), "Belgium");
	first = lang_country(ES, be);
	assert_string_equal(first, "Bélgica");
	assert_ptr_equal(lang_country(ES, be), first);
}

/* Marks weigh nothing wherever they are, tatweel included. */
static void
collation_skips_marks_anywhere(void **state)
{
	(void)state;
	/* Before a letter, between letters, at the end. */
	assert_true(lang_collate(AR, "\u064e\u0628", "\u062a") < 0);
	assert_true(lang_collate(AR, "\u0628\u064e\u062a", "\u0628\u062b") <
	    0);
	assert_true(lang_collate(AR, "\u0628\u062b", "\u0628\u0640\u062a") >
	    0);
	assert_true(lang_collate(AR, "\u0628\u0670", "\u0628\u062a") < 0);
	assert_true(lang_collate(AR, "\u0628\u062a", "\u0628\u0670") > 0);
	assert_int_equal(lang_collate(LANG_EN, "", ""), 0);
	assert_true(lang_collate(LANG_EN, "", "a") < 0);
}

/*
 * Run exe with --probe-localedir (see main): what it printed, the folder
 * its catalogs came from and its French name, in out.
 */
static void
probe(const char *exe, char *out, size_t outsz)
{
	int	 fds[2], st;
	pid_t	 pid;
	ssize_t	 n;
	size_t	 got = 0;

	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	assert_true((pid = fork()) != -1);
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execl(exe, "lang_test", "--probe-localedir", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (got + 1 < outsz &&
	    (n = read(fds[0], out + got, outsz - got - 1)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/*
 * Without a folder given, a program run from a build tree (its file in
 * src/, a locale/ beside src/) reads the catalogs built there; run from
 * anywhere else, or with no locale/ beside it, the installed ones.
 */
static void
catalogs_beside_a_build_tree(void **state)
{
	const char	*built = getenv("LOCALE_DIR");
	char		 exe[4096], tmp[4200], link_exe[4300], loc[4300];
	char		 out[8192], want[4400], *slash;
	ssize_t		 n;

	(void)state;
	if (built == NULL || *built != '/')
		skip();
	assert_true((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) >
	    0);
	exe[n] = '\0';
	assert_non_null(slash = strrchr(exe, '/'));
	snprintf(tmp, sizeof(tmp), "%.*s/lang_test-tree.XXXXXX",
	    (int)(slash - exe), exe);
	assert_non_null(mkdtemp(tmp));
	snprintf(link_exe, sizeof(link_exe), "%s/src", tmp);
	assert_int_equal(mkdir(link_exe, 0700), 0);
	snprintf(link_exe, sizeof(link_exe), "%s/src/lang_test", tmp);
	assert_int_equal(link(exe, link_exe), 0);
	snprintf(loc, sizeof(loc), "%s/locale", tmp);
	assert_int_equal(symlink(built, loc), 0);

	probe(link_exe, out, sizeof(out));
	snprintf(want, sizeof(want), "%s\nFrançais\n", loc);
	assert_string_equal(out, want);
	/* No locale/ beside src/: the installed catalogs. */
	assert_int_equal(unlink(loc), 0);
	probe(link_exe, out, sizeof(out));
	assert_true(strncmp(out, LOCALEDIR "\n", strlen(LOCALEDIR) + 1) == 0);
	/* Not in a src/ folder at all: the installed ones too. */
	probe(exe, out, sizeof(out));
	assert_true(strncmp(out, LOCALEDIR "\n", strlen(LOCALEDIR) + 1) == 0);

	unlink(link_exe);
	snprintf(link_exe, sizeof(link_exe), "%s/src", tmp);
	rmdir(link_exe);
	rmdir(tmp);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_takes_the_primary_subtag),
		cmocka_unit_test(parse_reads_only_len_bytes),
		cmocka_unit_test(edges),
		cmocka_unit_test(accept_language_weighs_q_values),
		cmocka_unit_test(negotiation_order),
		cmocka_unit_test(texts_switch_per_call),
		cmocka_unit_test(plurals_follow_each_language),
		cmocka_unit_test(dates_and_numbers),
		cmocka_unit_test(country_names_and_their_order),
		cmocka_unit_test(accept_language_malformed_q),
		cmocka_unit_test(dates_out_of_shape),
		cmocka_unit_test(numbers_at_the_limits),
		cmocka_unit_test(lookups_out_of_range),
		cmocka_unit_test(country_names_outside_the_table),
		cmocka_unit_test(collation_skips_marks_anywhere),
		cmocka_unit_test(catalogs_beside_a_build_tree),
	};

	/* catalogs_beside_a_build_tree runs this program again, so: */
	if (argc == 2 && strcmp(argv[1], "--probe-localedir") == 0) {
		lang_init(NULL);
		if (lang_parse("fr", 2, &FR) == -1)
			return 1;
		printf("%s\n%s\n", bindtextdomain("endorse", NULL),
		    lang_name(FR));
		return 0;
	}
	lang_init(getenv("LOCALE_DIR"));
	FR = code("fr");
	ES = code("es");
	AR = code("ar");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
