/*
 * arena_test.c: the per-request allocator.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void
alloc_is_aligned(void **state)
{
	struct arena	*a = arena_new(0);
	size_t		 i;
	void		*p;

	(void)state;
	assert_non_null(a);
	for (i = 1; i < 100; i++) {
		p = arena_alloc(a, i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xa5, i);
	}
	arena_free(a);
}

static void
grows_past_first_chunk(void **state)
{
	struct arena	*a = arena_new(1024);
	char		*big, *small;

	(void)state;
	small = arena_alloc(a, 16);
	memset(small, 'x', 16);
	/* Much larger than the first chunk: a chunk of its own. */
	big = arena_alloc(a, 1 << 20);
	assert_non_null(big);
	memset(big, 'y', 1 << 20);
	assert_int_equal(small[15], 'x');
	arena_free(a);
}

static void
reset_reuses_first_chunk(void **state)
{
	struct arena	*a = arena_new(4096);
	void		*p, *q;

	(void)state;
	p = arena_alloc(a, 100);
	arena_alloc(a, 100000);
	arena_reset(a);
	q = arena_alloc(a, 100);
	/* After a reset the first chunk is handed out from its start. */
	assert_ptr_equal(p, q);
	arena_free(a);
}

static void
strndup_copies_and_terminates(void **state)
{
	struct arena	*a = arena_new(0);
	char		*s;

	(void)state;
	s = arena_strndup(a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = arena_strndup(a, "a\0b", 3);
	assert_int_equal(memcmp(s, "a\0b\0", 4), 0);
	assert_string_equal(arena_strdup(a, "héllo"), "héllo");
	arena_free(a);
}

static void
printf_formats(void **state)
{
	struct arena	*a = arena_new(0);
	char		*s;

	(void)state;
	s = arena_printf(a, "%s/%d/%05.1f", "x", 42, 3.14159);
	assert_string_equal(s, "x/42/003.1");
	/* Longer than any first guess at a buffer. */
	s = arena_printf(a, "%5000s", "end");
	assert_int_equal(strlen(s), 5000);
	assert_string_equal(s + 4997, "end");
	arena_free(a);
}

static void
calloc_zeroes_and_refuses_overflow(void **state)
{
	struct arena	*a = arena_new(0);
	unsigned char	*p;
	size_t		 i;

	(void)state;
	p = arena_calloc(a, 10, 10);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	assert_null(arena_calloc(a, SIZE_MAX / 2, 4));
	assert_null(arena_alloc(a, SIZE_MAX - 8));
	arena_free(a);
}

static void
free_accepts_null(void **state)
{
	(void)state;
	arena_free(NULL);
	arena_reset(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_is_aligned),
		cmocka_unit_test(grows_past_first_chunk),
		cmocka_unit_test(reset_reuses_first_chunk),
		cmocka_unit_test(strndup_copies_and_terminates),
		cmocka_unit_test(printf_formats),
		cmocka_unit_test(calloc_zeroes_and_refuses_overflow),
		cmocka_unit_test(free_accepts_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
