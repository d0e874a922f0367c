/*
 * lang.c: the languages of the site, through GNU gettext.
 *
 * One process serves every language, request by request.  glibc's
 * gettext answers in the language of the LANGUAGE variable as long as
 * LC_MESSAGES is not plain "C", and C.UTF-8 is built into glibc (2.35 on),
 * so no other locale needs to be generated: at start the process sets
 * LC_ALL to C.UTF-8 and, for each language in turn, sets LANGUAGE and
 * bumps _nl_msg_cat_cntr (the counter that tells gettext its cached
 * answers are stale), then reads every text of enum msg into that
 * language's table.  The catalogs stay mapped; msg() is then one array
 * read, whatever the language.  Lookups made at request time (plurals,
 * contexts, country names) go through lang_use(), which switches only
 * when the language differs from the one in use.
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "country.h"
#include "lang.h"

#define DOMAIN		"endorse"
#define ISO_DOMAIN	"iso_3166-1"

/* A name the country catalog holds: looking it up maps the file. */
static const char	 probe[] = "Belgium";

/* glibc's: bumped, every cached translation is looked up again. */
extern int	_nl_msg_cat_cntr;

extern const char *const lang_en[MSG__MAX];

/* "en" and po/LINGUAS, in order: the codes of enum lang. */
const char *const lang_codes[LANG__MAX + 1] = { LANG_CODES, NULL };

/*
 * Each language's own name and direction come from its catalog, so that
 * a translator adds a language without C.
 */
static const char	 name_id[] = NC_("the name of this language, "
    "written in it", "English");
static const char	 dir_id[] = NC_("the direction of this language's "
    "script: ltr (left to right) or rtl (right to left)", "ltr");

static struct {
	const char	*code;
	const char	*name;
	const char	*dir;
} langs_info[LANG__MAX];

static const char	*tables[LANG__MAX][MSG__MAX];
static int		 loaded;
static int		 in_use = -1;

/* The text after a context's EOT, or s itself. */
static const char *
strip_ctx(const char *s)
{
	const char	*eot = strchr(s, '\004');

	return eot != NULL ? eot + 1 : s;
}

void
lang_use(enum lang l)
{
	if ((unsigned)l >= LANG__MAX)
		l = LANG_EN;
	if (in_use == (int)l)
		return;
	setenv("LANGUAGE", lang_codes[l], 1);
	++_nl_msg_cat_cntr;
	in_use = (int)l;
}

/*
 * The catalogs under the build tree when the program runs from it
 * (src/endorse-web next to locale/), else the installed ones.
 */
static const char *
default_localedir(void)
{
	static char	 path[4096];
	char		 exe[4096];
	ssize_t		 n;
	char		*slash;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((slash = strrchr(exe, '/')) != NULL &&
			    strcmp(slash, "/src") == 0) {
				*slash = '\0';
				if (snprintf(path, sizeof(path), "%s/locale",
				    exe) < (int)sizeof(path) &&
				    access(path, R_OK | X_OK) == 0)
					return path;
			}
		}
	}
	return LOCALEDIR;
}

int
lang_init(const char *localedir)
{
	int	 l, m, rc = 0;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "C.utf8") == NULL) {
		/* Still works: the codeset below keeps the texts in UTF-8. */
		setlocale(LC_ALL, "C");
		rc = -1;
	}
	if (localedir == NULL)
		localedir = default_localedir();
	bindtextdomain(DOMAIN, localedir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	bindtextdomain(ISO_DOMAIN, ISO_CODES_LOCALEDIR);
	bind_textdomain_codeset(ISO_DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	for (l = 0; l < LANG__MAX; l++) {
		langs_info[l].code = lang_codes[l];
		lang_use((enum lang)l);
		langs_info[l].name = strip_ctx(gettext(name_id));
		langs_info[l].dir = strcmp(strip_ctx(gettext(dir_id)), "rtl") ==
		    0 ? "rtl" : "ltr";
		for (m = 0; m < MSG__MAX; m++) {
			const char	*id = lang_en[m];

			if (id == NULL || *id == '\0') {
				tables[l][m] = "";
				continue;
			}
			tables[l][m] = strip_ctx(gettext(id));
		}
		/* Map the country names' catalog now, not mid-request. */
		(void)dgettext(ISO_DOMAIN, probe);
	}
	lang_use(LANG_EN);
	loaded = 1;
	return rc;
}

const char *
msg(enum lang l, enum msg m)
{
	const char	*s;

	if ((unsigned)m >= MSG__MAX)
		return "";
	if ((unsigned)l >= LANG__MAX)
		l = LANG_EN;
	if (loaded)
		return tables[l][m];
	/* Before lang_init (unit tests): the English text. */
	s = lang_en[m];
	return s != NULL ? strip_ctx(s) : "";
}

const char *
lang_ngettext(enum lang l, const char *one, const char *many,
    unsigned long n)
{
	lang_use(l);
	return ngettext(one, many, n);
}

const char *
lang_pgettext(enum lang l, const char *ctx, const char *id)
{
	char		 key[512];
	const char	*s;

	if (snprintf(key, sizeof(key), "%s\004%s", ctx, id) >=
	    (int)sizeof(key))
		return id;
	lang_use(l);
	s = gettext(key);
	return s == key ? id : s;
}

const char *
lang_code(enum lang l)
{
	return lang_codes[(unsigned)l < LANG__MAX ? l : LANG_EN];
}

const char *
lang_dir(enum lang l)
{
	if ((unsigned)l >= LANG__MAX || langs_info[l].dir == NULL)
		return "ltr";
	return langs_info[l].dir;
}

const char *
lang_name(enum lang l)
{
	if ((unsigned)l >= LANG__MAX || langs_info[l].name == NULL)
		return lang_code(l);
	return langs_info[l].name;
}

int
lang_parse(const char *tag, size_t len, enum lang *out)
{
	size_t	 plen, i;
	int	 l;

	if (tag == NULL)
		return -1;
	/* Within len: a tag cut from a header need not end with a NUL. */
	for (plen = 0; plen < len && tag[plen] != '\0' && tag[plen] != '-' &&
	    tag[plen] != '_'; plen++)
		;
	/* The primary subtag alone decides: fr-CA is fr. */
	for (l = 0; l < LANG__MAX; l++) {
		const char	*c = lang_codes[l];

		if (strlen(c) != plen)
			continue;
		for (i = 0; i < plen; i++)
			if ((tag[i] | 0x20) != c[i])
				break;
		if (i == plen) {
			*out = (enum lang)l;
			return 0;
		}
	}
	return -1;
}

/* q-value as thousandths: "0.8" 800, "1" 1000; -1 if malformed. */
static int
qvalue(const char *s, size_t len)
{
	int	 v = 0, scale = 1000;
	size_t	 i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	v = (s[0] - '0') * 1000;
	if (len == 1)
		return v;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		scale /= 10;
		v += (s[i] - '0') * scale;
	}
	return v > 1000 ? -1 : v;
}

int
lang_accept(const char *h, enum lang *out)
{
	int	 best_q = 0, found = -1;

	if (h == NULL)
		return -1;
	while (*h != '\0') {
		const char	*item = h, *semi, *p;
		size_t		 itemlen, taglen;
		int		 q = 1000;
		enum lang	 l;

		itemlen = strcspn(item, ",");
		h = item + itemlen;
		if (*h == ',')
			h++;
		while (itemlen > 0 && (*item == ' ' || *item == '\t')) {
			item++;
			itemlen--;
		}
		taglen = strcspn(item, ";, \t");
		if (taglen > itemlen)
			taglen = itemlen;
		/* Parameters: only q counts. */
		for (p = item + taglen; p < item + itemlen; p = semi + 1) {
			size_t	 plen;

			semi = memchr(p, ';', (size_t)(item + itemlen - p));
			if (semi == NULL)
				break;
			p = semi + 1;
			while (p < item + itemlen && (*p == ' ' || *p == '\t'))
				p++;
			plen = strcspn(p, ";, \t");
			if (p + plen > item + itemlen)
				plen = (size_t)(item + itemlen - p);
			if (plen >= 2 && (p[0] | 0x20) == 'q' && p[1] == '=')
				q = qvalue(p + 2, plen - 2);
			semi = p + plen - 1;
		}
		if (q <= 0 || taglen == 0)
			continue;
		if (lang_parse(item, taglen, &l) == -1)
			continue;
		if (q > best_q) {
			best_q = q;
			*out = l;
			found = 0;
		}
	}
	return found;
}

enum lang
lang_negotiate(const char *query, const char *cookie, const char *recorded,
    const char *accept_language, enum lang_src *src)
{
	enum lang	 l;
	enum lang_src	 s;

	if (query != NULL && strlen(query) <= 2 &&
	    lang_parse(query, strlen(query), &l) == 0)
		s = LSRC_QUERY;
	else if (cookie != NULL && strlen(cookie) <= 2 &&
	    lang_parse(cookie, strlen(cookie), &l) == 0)
		s = LSRC_COOKIE;
	else if (recorded != NULL && lang_parse(recorded, strlen(recorded),
	    &l) == 0)
		s = LSRC_RECORDED;
	else if (lang_accept(accept_language, &l) == 0)
		s = LSRC_ACCEPT;
	else {
		l = LANG_EN;
		s = LSRC_DEFAULT;
	}
	if (src != NULL)
		*src = s;
	return l;
}

const char *
lang_country(enum lang l, const struct country *c)
{
	/* Looked up once per process and language: a form lists them all. */
	static const char	**cache[LANG__MAX];
	const char		 *s;
	size_t			  i;

	if (l == LANG_EN || (unsigned)l >= LANG__MAX)
		return c->name;
	i = (size_t)(c - countries);
	if (i < ncountries && cache[l] == NULL)
		cache[l] = calloc(ncountries, sizeof(*cache[l]));
	if (i < ncountries && cache[l] != NULL && cache[l][i] != NULL)
		return cache[l][i];
	lang_use(l);
	s = dgettext(ISO_DOMAIN, c->name);
	/* Untranslated, gettext gives back its argument. */
	if (s == c->name && c->iso_name != NULL) {
		s = dgettext(ISO_DOMAIN, c->iso_name);
		if (s == c->iso_name)
			s = c->name;
	}
	if (i < ncountries && cache[l] != NULL)
		cache[l][i] = s;
	return s;
}

/*
 * One UTF-8 character of s as a sort weight: Latin letters with
 * diacritics weigh as their base letter (primary strength), case is
 * folded, Arabic hamza carriers as alef.  Enough for country names;
 * *tie gets a secondary weight (the code point) for equal primaries.
 */
static unsigned
weight(const unsigned char **sp, unsigned *tie)
{
	static const struct { unsigned cp; char base; } fold[] = {
		{ 0xC0, 'a' }, { 0xC1, 'a' }, { 0xC2, 'a' }, { 0xC3, 'a' },
		{ 0xC4, 'a' }, { 0xC5, 'a' }, { 0xC6, 'a' }, { 0xC7, 'c' },
		{ 0xC8, 'e' }, { 0xC9, 'e' }, { 0xCA, 'e' }, { 0xCB, 'e' },
		{ 0xCC, 'i' }, { 0xCD, 'i' }, { 0xCE, 'i' }, { 0xCF, 'i' },
		{ 0xD1, 'n' }, { 0xD2, 'o' }, { 0xD3, 'o' }, { 0xD4, 'o' },
		{ 0xD5, 'o' }, { 0xD6, 'o' }, { 0xD8, 'o' }, { 0xD9, 'u' },
		{ 0xDA, 'u' }, { 0xDB, 'u' }, { 0xDC, 'u' }, { 0xDD, 'y' },
		{ 0xDF, 's' }, { 0xE0, 'a' }, { 0xE1, 'a' }, { 0xE2, 'a' },
		{ 0xE3, 'a' }, { 0xE4, 'a' }, { 0xE5, 'a' }, { 0xE6, 'a' },
		{ 0xE7, 'c' }, { 0xE8, 'e' }, { 0xE9, 'e' }, { 0xEA, 'e' },
		{ 0xEB, 'e' }, { 0xEC, 'i' }, { 0xED, 'i' }, { 0xEE, 'i' },
		{ 0xEF, 'i' }, { 0xF1, 'n' }, { 0xF2, 'o' }, { 0xF3, 'o' },
		{ 0xF4, 'o' }, { 0xF5, 'o' }, { 0xF6, 'o' }, { 0xF8, 'o' },
		{ 0xF9, 'u' }, { 0xFA, 'u' }, { 0xFB, 'u' }, { 0xFC, 'u' },
		{ 0xFD, 'y' }, { 0xFF, 'y' }, { 0x152, 'o' }, { 0x153, 'o' },
		{ 0x160, 's' }, { 0x161, 's' }, { 0x17D, 'z' }, { 0x17E, 'z' },
	};
	const unsigned char	*s = *sp;
	unsigned		 cp;
	size_t			 i, n;

	if (s[0] < 0x80) {
		cp = s[0];
		n = 1;
	} else if ((s[0] & 0xE0) == 0xC0 && s[1] != '\0') {
		cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		n = 2;
	} else if ((s[0] & 0xF0) == 0xE0 && s[1] != '\0' && s[2] != '\0') {
		cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		    (s[2] & 0x3Fu);
		n = 3;
	} else {
		cp = s[0];
		n = 1;
	}
	*sp = s + n;
	*tie = cp;
	if (cp >= 'A' && cp <= 'Z')
		return cp | 0x20;
	for (i = 0; i < sizeof(fold) / sizeof(fold[0]); i++)
		if (fold[i].cp == cp)
			return (unsigned char)fold[i].base;
	/* Arabic vowel marks, shadda, sukun, tatweel: ignored. */
	if ((cp >= 0x64B && cp <= 0x652) || cp == 0x670 || cp == 0x640)
		return 0;
	/* Alef with hamza or madda: alef. */
	if (cp == 0x622 || cp == 0x623 || cp == 0x625)
		return 0x627;
	/* Punctuation and spaces before letters and digits. */
	if (cp == ' ' || cp == '\'' || cp == '-' || cp == ',' || cp == '(' ||
	    cp == ')' || cp == '.' || cp == 0x2019)
		return 1;
	return cp;
}

int
lang_collate(enum lang l, const char *a, const char *b)
{
	const unsigned char	*pa = (const unsigned char *)a;
	const unsigned char	*pb = (const unsigned char *)b;
	unsigned		 wa, wb, ta, tb;
	int			 second = 0;

	(void)l;
	while (*pa != '\0' && *pb != '\0') {
		while ((wa = weight(&pa, &ta)) == 0 && *pa != '\0')
			;
		while ((wb = weight(&pb, &tb)) == 0 && *pb != '\0')
			;
		if (wa != wb)
			return wa < wb ? -1 : 1;
		if (second == 0 && ta != tb)
			second = ta < tb ? -1 : 1;
	}
	if (*pa != '\0')
		return 1;
	if (*pb != '\0')
		return -1;
	return second;
}

static const char *const months[12] = {
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

const char *
lang_date(struct arena *a, enum lang l, const char *iso)
{
	int		 y, mo, d;
	const char	*fmt, *month;
	char		 key[64];

	if (iso == NULL)
		return "";
	if (strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return iso;
	lang_use(l);
	snprintf(key, sizeof(key), "%s", months[mo - 1]);
	month = strip_ctx(gettext(key));
	if (d == 1)
		/* TRANSLATORS: a date on the first of a month: 1 is the day,
		 * 2 the month's name, 3 the year.  Reorder with %N$. */
		fmt = lang_pgettext(l, "date, first of the month",
		    "%1$d %2$s %3$d");
	else
		/* TRANSLATORS: a date: 1 is the day, 2 the month's name,
		 * 3 the year, as in "4 December 2026".  Reorder with %N$. */
		fmt = lang_pgettext(l, "date", "%1$d %2$s %3$d");
	return arena_printf(a, fmt, d, month, y);
}

const char *
lang_when(struct arena *a, enum lang l, const char *iso)
{
	const char	*day;

	if (iso == NULL)
		return "";
	if (strlen(iso) < 16 || iso[10] != 'T' || iso[13] != ':')
		return iso;
	day = lang_date(a, l, iso);
	/* TRANSLATORS: 1 is a date, 2 a time of day as 18:36. */
	return arena_printf(a, lang_pgettext(l, "date and time",
	    "%1$s, %2$s UTC"), day, arena_strndup(a, iso + 11, 5));
}

const char *
lang_num(struct arena *a, enum lang l, long long n)
{
	char			 digits[32], out[96];
	const char		*sep;
	size_t			 len, i, o = 0, seplen;
	unsigned long long	 mag;
	int			 neg = n < 0;

	/* In unsigned: -LLONG_MIN does not fit in a long long. */
	mag = neg ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	snprintf(digits, sizeof(digits), "%llu", mag);
	len = strlen(digits);
	if (len < 4)
		return arena_printf(a, "%lld", n);
	/* TRANSLATORS: the thousands separator, as in 12,345; French
	 * uses a narrow no-break space (U+202F). */
	sep = lang_pgettext(l, "thousands separator", ",");
	seplen = strlen(sep);
	if (seplen > 8)
		seplen = 0;
	if (neg)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}
