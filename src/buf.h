/*
 * buf.h, of buf.c: the growable byte buffer every page and image is written
 * into.  A struct buf owns its bytes; buf_free releases them.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A buffer grows by doubling.  On allocation failure it sets "oom" and
 * ignores later writes, so a writer checks once at the end instead of
 * after every call.  A zeroed struct is an empty buffer.
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 oom;
};

void	buf_put(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *, const char *fmt, va_list);
/* Empty the buffer but keep its memory. */
void	buf_reset(struct buf *);
/* NUL-terminate (not counted in len) and return p; NULL if oom. */
char	*buf_cstr(struct buf *);
void	buf_free(struct buf *);

#endif /* !BUF_H */
