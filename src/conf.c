/*
 * conf.c: the settings file of an installed site.  The programs read
 * their settings from the environment; a packaged site keeps them in one
 * file that the administrator edits (/etc/endorse/endorse.conf), so that
 * endorse-web, endorse-admin and endorsectl run by hand all agree.  The
 * file only fills in what the environment does not say.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

/* A line longer than this is refused rather than cut. */
#define CONF_LINE_MAX	1024

static int
fail(char *why, size_t whysz, const char *path, unsigned line,
    const char *reason)
{
	snprintf(why, whysz, "%s:%u: %s", path, line, reason);
	return -1;
}

/* Strip blanks from both ends, in place. */
static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/*
 * One "NAME=VALUE" line: 0 with name and value pointing into s, or the
 * reason it cannot be read.
 */
static const char *
parse_line(char *s, char **name, char **value)
{
	char	*eq, *n, *v, *p;
	size_t	 len;

	if ((eq = strchr(s, '=')) == NULL)
		return "expected NAME=VALUE";
	*eq = '\0';
	n = trim(s);
	v = trim(eq + 1);
	if (strncmp(n, "ENDORSE_", 8) != 0 || n[8] == '\0')
		return "only ENDORSE_ settings belong here";
	for (p = n; *p != '\0'; p++)
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '_')
			return "a name is upper-case letters, digits and _";
	len = strlen(v);
	if (len > 0 && v[0] == '"') {
		if (len < 2 || v[len - 1] != '"')
			return "a quoted value needs its closing quote";
		v[len - 1] = '\0';
		v++;
		if (strchr(v, '"') != NULL)
			return "a value cannot hold a quote";
	}
	*name = n;
	*value = v;
	return NULL;
}

int
conf_load(const char *path, char *why, size_t whysz)
{
	FILE		*f;
	char		 line[CONF_LINE_MAX + 2], *s, *name, *value;
	const char	*bad;
	unsigned	 n = 0;
	int		 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return fail(why, whysz, path, 0, strerror(errno));
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			rc = fail(why, whysz, path, n, "line too long");
			break;
		}
		s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if ((bad = parse_line(s, &name, &value)) != NULL) {
			rc = fail(why, whysz, path, n, bad);
			break;
		}
		/* The environment wins: overwrite nothing already set. */
		if (setenv(name, value, 0) == -1) {
			rc = fail(why, whysz, path, n, strerror(errno));
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = fail(why, whysz, path, n, "read error");
	fclose(f);
	return rc;
}
