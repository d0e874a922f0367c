/*
 * log.c: one line per event on standard error, which script/server and
 * nginx-style supervisors collect.  The process id tells workers apart.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static void
vlog(const char *fmt, va_list ap, int with_errno)
{
	char	 line[1024];
	int	 saved = errno;
	size_t	 n;

	n = (size_t)snprintf(line, sizeof(line), "endorse[%ld]: ",
	    (long)getpid());
	if (n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (with_errno)
		fprintf(stderr, "%s: %s\n", line, strerror(saved));
	else
		fprintf(stderr, "%s\n", line);
	errno = saved;
}

void
logmsg(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(fmt, ap, 0);
	va_end(ap);
}

/* Like logmsg, with strerror(errno) appended. */
void
logerr(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(fmt, ap, 1);
	va_end(ap);
}
