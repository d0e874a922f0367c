/*
 * lang.c: finding a text in the table of a language.
 */
#include "config.h"

#include <stddef.h>

#include "lang.h"

extern const char *const lang_en[MSG__MAX];

static const char *const *const tables[LANG__MAX] = {
	[LANG_EN] = lang_en,
};

static const char *const codes[LANG__MAX] = {
	[LANG_EN] = "en",
};

const char *
msg(enum lang l, enum msg m)
{
	const char	*s = NULL;

	if ((unsigned)m >= MSG__MAX)
		return "";
	if ((unsigned)l < LANG__MAX)
		s = tables[l][m];
	/* A text not yet translated falls back to English. */
	if (s == NULL)
		s = lang_en[m];
	return s != NULL ? s : "";
}

const char *
lang_code(enum lang l)
{
	return (unsigned)l < LANG__MAX ? codes[l] : codes[LANG_EN];
}
