/*
 * conf.h: the site's configuration file.  Include "config.h" first.
 */
#ifndef CONF_H
#define CONF_H

/* Where an installed site keeps its settings (a Debian conffile). */
#define CONF_PATH	SYSCONFDIR "/endorse/endorse.conf"

/*
 * Read "path": one NAME=VALUE a line, NAME one of the ENDORSE_ variables,
 * VALUE bare or in double quotes, blank lines and lines starting with #
 * ignored.  Each setting becomes an environment variable unless the
 * environment already has it: the environment wins over the file.
 * A missing file is no error (0).  -1 on a line it cannot read, with
 * "path:LINE: reason" written into why (whysz bytes).
 */
int	conf_load(const char *path, char *why, size_t whysz);

#endif /* !CONF_H */
