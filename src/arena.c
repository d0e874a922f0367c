/*
 * arena.c: a bump allocator for one request.  A worker makes one arena,
 * allocates from it while it answers a request, and resets it before the
 * next accept: one free for everything, no leaks by construction.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct chunk {
	struct chunk	*next;
	size_t		 cap;
	size_t		 used;
	/* Payload follows, aligned like max_align_t. */
	_Alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk	*head;		/* newest chunk, allocated from */
	struct chunk	*first;		/* kept across arena_reset */
};

#define ALIGN(n)	(((n) + _Alignof(max_align_t) - 1) & \
			    ~(size_t)(_Alignof(max_align_t) - 1))

static struct chunk *
chunk_new(size_t cap)
{
	struct chunk	*c;

	if (cap > SIZE_MAX - sizeof(*c))
		return NULL;
	if ((c = malloc(sizeof(*c) + cap)) == NULL)
		return NULL;
	c->next = NULL;
	c->cap = cap;
	c->used = 0;
	return c;
}

struct arena *
arena_new(size_t first)
{
	struct arena	*a;

	if ((a = malloc(sizeof(*a))) == NULL)
		return NULL;
	if ((a->first = chunk_new(first < 1024 ? 1024 : first)) == NULL) {
		free(a);
		return NULL;
	}
	a->head = a->first;
	return a;
}

void
arena_reset(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != a->first; c = next) {
		next = c->next;
		free(c);
	}
	a->first->used = 0;
	a->head = a->first;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

void *
arena_alloc(struct arena *a, size_t sz)
{
	struct chunk	*c;
	void		*p;
	size_t		 need, cap;

	if (sz == 0)
		sz = 1;
	if (sz > SIZE_MAX / 2)
		return NULL;
	need = ALIGN(sz);
	c = a->head;
	if (c->cap - c->used < need) {
		/* Grow geometrically so a big request costs few mallocs. */
		cap = c->cap * 2;
		if (cap < need)
			cap = need;
		if ((c = chunk_new(cap)) == NULL)
			return NULL;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	return p;
}

void *
arena_calloc(struct arena *a, size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		return NULL;
	if ((p = arena_alloc(a, n * sz)) != NULL)
		memset(p, 0, n * sz);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p;

	if (len == SIZE_MAX || (p = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	if (len > 0)		/* s may be NULL when len is 0 */
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
