/*
 * main.c: replays a fuzz target's committed corpus as an ordinary test
 * (after BIND 9's fuzz/main.c).  Built with -fsanitize=fuzzer, define
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION too: libFuzzer brings its own
 * main and this file compiles to nothing.
 *
 * Otherwise every regular file in $FUZZ_CORPUS/<fuzz_target_name>/ is
 * read into a buffer of its exact size (so a read past the end shows in
 * valgrind or ASan) and passed to LLVMFuzzerTestOneInput, in name order.
 * The output is TAP, so that the automake harness counts each input.  A
 * target that finds a bug aborts, and the harness sees the crash.
 */
#include "config.h"

#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_MAX_INPUT	(1024 * 1024)	/* bytes; bigger files are refused */

extern const char	*fuzz_target_name;
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* qsort comparison for an array of names. */
static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Read the whole of dir/name into a new buffer of exactly its size
 * (NULL with *sz == 0 for an empty file).  -1 on any error, logged.
 */
static int
read_input(const char *dir, const char *name, uint8_t **data, size_t *sz)
{
	char		 path[4096];
	struct stat	 st;
	uint8_t		*p = NULL;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, rc = -1;

	*data = NULL;
	*sz = 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path)) {
		fprintf(stderr, "# %s/%s: path too long\n", dir, name);
		return -1;
	}
	if ((fd = open(path, O_RDONLY)) == -1) {
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || st.st_size > FUZZ_MAX_INPUT) {
		fprintf(stderr, "# %s: cannot stat or too big\n", path);
		goto out;
	}
	if (st.st_size > 0 && (p = malloc((size_t)st.st_size)) == NULL) {
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
		goto out;
	}
	while (off < (size_t)st.st_size) {
		n = read(fd, p + off, (size_t)st.st_size - off);
		if (n <= 0) {
			fprintf(stderr, "# %s: short read\n", path);
			free(p);
			goto out;
		}
		off += (size_t)n;
	}
	*data = p;
	*sz = off;
	rc = 0;
out:
	close(fd);
	return rc;
}

/*
 * The regular files of dir, not starting with '.', sorted; the caller
 * frees each name and the array.  -1 if dir cannot be read.
 */
static int
list_inputs(const char *dir, char ***names, size_t *nnames)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[4096], **v = NULL, **nv;
	size_t		 n = 0, cap = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "# %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) >= sizeof(path) ||
		    stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL)
				goto fail;
			v = nv;
		}
		if ((v[n] = strdup(de->d_name)) == NULL)
			goto fail;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof(*v), namecmp);
	*names = v;
	*nnames = n;
	return 0;
fail:
	fprintf(stderr, "# out of memory\n");
	while (n > 0)
		free(v[--n]);
	free(v);
	closedir(d);
	return -1;
}

int
main(void)
{
	const char	*corpus;
	char		 dir[4096], **names;
	uint8_t		*data;
	size_t		 i, n, sz;
	int		 failed = 0;

	if ((corpus = getenv("FUZZ_CORPUS")) == NULL)
		corpus = "tests/fuzz/corpus";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", corpus,
	    fuzz_target_name) >= sizeof(dir) ||
	    list_inputs(dir, &names, &n) == -1) {
		printf("Bail out! cannot read corpus %s/%s\n", corpus,
		    fuzz_target_name);
		return 1;
	}
	printf("1..%zu\n", n);
	fflush(stdout);
	for (i = 0; i < n; i++) {
		if (read_input(dir, names[i], &data, &sz) == -1) {
			printf("not ok %zu - %s\n", i + 1, names[i]);
			failed = 1;
		} else {
			LLVMFuzzerTestOneInput(data, sz);
			free(data);
			printf("ok %zu - %s\n", i + 1, names[i]);
		}
		fflush(stdout);
		free(names[i]);
	}
	free(names);
	return failed;
}

#endif /* !FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION */
