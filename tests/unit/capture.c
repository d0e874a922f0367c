/*
 * capture.c: standard error into a file and back (capture.h).  Failures
 * here abort the test: a test that cannot see the message must not pass.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "capture.h"

void
capture_start(struct capture *c)
{
	char	tmpl[] = "/tmp/capture.XXXXXX";

	fflush(stderr);
	assert_true((c->fd = mkstemp(tmpl)) != -1);
	unlink(tmpl);
	assert_true((c->saved = dup(STDERR_FILENO)) != -1);
	assert_true(dup2(c->fd, STDERR_FILENO) != -1);
}

char *
capture_end(struct capture *c)
{
	char	*s;
	off_t	 len;

	fflush(stderr);
	assert_true(dup2(c->saved, STDERR_FILENO) != -1);
	close(c->saved);
	assert_true((len = lseek(c->fd, 0, SEEK_END)) != -1);
	assert_non_null(s = malloc((size_t)len + 1));
	assert_int_equal(pread(c->fd, s, (size_t)len, 0), len);
	s[len] = '\0';
	close(c->fd);
	return s;
}
