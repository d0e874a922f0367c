/*
 * log.h, of log.c: one line per event on standard error.  Functions return 0
 * on success and -1 on failure unless they say otherwise, and log at
 * the point of failure.
 */
#ifndef LOG_H
#define LOG_H

void	logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	logerr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* !LOG_H */
