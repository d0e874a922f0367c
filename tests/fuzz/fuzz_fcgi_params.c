/*
 * fuzz_fcgi_params.c: what the server makes of nginx's FastCGI
 * parameters (req_params): the input is a list of NAME=VALUE entries
 * separated by NUL bytes, as libfcgi hands them over.  Whatever comes,
 * every field is a string, the content length is -1 or what the digits
 * say, and the parsed query and cookies are well-formed.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "server.h"

const char	*fuzz_target_name = "fuzz_fcgi_params";
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_PARAMS	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct req	 r;
	char		*copy, *envp[MAX_PARAMS + 1], *p, *end;
	size_t		 n = 0, i;

	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	copy[size] = '\0';
	/* libfcgi's entries always hold an '=': one without is skipped. */
	for (p = copy, end = copy + size; p < end && n < MAX_PARAMS;
	    p += strlen(p) + 1)
		if (strchr(p, '=') != NULL)
			envp[n++] = p;
	envp[n] = NULL;
	if ((a = arena_new(4096)) == NULL) {
		free(copy);
		return 0;
	}
	memset(&r, 0, sizeof(r));
	r.a = a;
	if (req_params(&r, a, envp) == 0) {
		if (r.method == NULL || r.path == NULL || r.query == NULL ||
		    r.content_type == NULL || r.remote_addr == NULL ||
		    r.accept_language == NULL || r.content_length < -1 ||
		    r.content_length > (1LL << 40))
			abort();
		if (r.args_err == PARSE_OK)
			for (i = 0; i < r.args.nkv; i++)
				if (r.args.kv[i].name == NULL ||
				    r.args.kv[i].value == NULL)
					abort();
		for (i = 0; i < r.cookies.nkv; i++)
			if (r.cookies.kv[i].namesz == 0)
				abort();
		(void)http_is_form_type(r.content_type);
	}
	arena_free(a);
	free(copy);
	return 0;
}
