/*
 * arena.h, of arena.c: per-request memory, freed all at once.  Memory from an arena
 * is owned by it and dies at arena_reset or arena_free; nothing allocated
 * there is ever freed on its own.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena;

/* A new arena whose first chunk holds at least "first" bytes. NULL on OOM. */
struct arena	*arena_new(size_t first);
/* Release every chunk; accepts NULL. */
void		 arena_free(struct arena *);
/* Forget everything allocated, keep the first chunk for the next request. */
void		 arena_reset(struct arena *);
/* Aligned memory for any type; NULL only if malloc fails. */
void		*arena_alloc(struct arena *, size_t);
void		*arena_calloc(struct arena *, size_t n, size_t sz);
/* Copy of [s, s+len) with a NUL added. */
char		*arena_strndup(struct arena *, const char *s, size_t len);
char		*arena_strdup(struct arena *, const char *s);
char		*arena_printf(struct arena *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

#endif /* !ARENA_H */
