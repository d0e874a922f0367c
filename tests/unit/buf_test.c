/*
 * buf_test.c: the growable output buffer.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void
zeroed_struct_is_empty(void **state)
{
	struct buf	b = { 0 };

	(void)state;
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
put_and_printf_append(void **state)
{
	struct buf	b = { 0 };

	(void)state;
	buf_puts(&b, "abc");
	buf_putc(&b, '-');
	buf_put(&b, "x\0y", 3);
	buf_printf(&b, "%d:%s", 7, "z");
	assert_int_equal(b.len, 3 + 1 + 3 + 3);
	assert_int_equal(memcmp(b.p, "abc-x\0y7:z", 10), 0);
	buf_free(&b);
}

static void
grows_through_many_doublings(void **state)
{
	struct buf	b = { 0 };
	size_t		i;

	(void)state;
	for (i = 0; i < 100000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.p[99999], 'a' + 99999 % 26);
	assert_true(b.cap > b.len);
	buf_free(&b);
}

static void
printf_longer_than_capacity(void **state)
{
	struct buf	b = { 0 };

	(void)state;
	buf_puts(&b, "start");
	buf_printf(&b, "%3000s|", "end");
	assert_int_equal(b.len, 5 + 3000 + 1);
	assert_string_equal(buf_cstr(&b) + 5 + 2997, "end|");
	buf_free(&b);
}

static void
reset_keeps_memory(void **state)
{
	struct buf	 b = { 0 };
	char		*p;

	(void)state;
	buf_printf(&b, "%500s", "x");
	p = b.p;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	buf_puts(&b, "again");
	assert_ptr_equal(b.p, p);
	assert_string_equal(buf_cstr(&b), "again");
	buf_free(&b);
	assert_null(b.p);
	buf_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zeroed_struct_is_empty),
		cmocka_unit_test(put_and_printf_append),
		cmocka_unit_test(grows_through_many_doublings),
		cmocka_unit_test(printf_longer_than_capacity),
		cmocka_unit_test(reset_keeps_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
