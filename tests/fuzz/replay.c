/* Replays inputs through the fuzz targets without libFuzzer: `make check`
 * runs every committed corpus file and reproducer through its target
 * (tests/fuzz/replay.sh), compiled with the normal compiler and, in the
 * sanitizer build, under ASan and UBSan.  A crash, a sanitizer report or a
 * hang (the test's timeout) fails the test.
 *
 *	replay --list             the targets linked in, one a line
 *	replay NAME PATH...       each file, or each file of each directory */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/core/fileio.h"
#include "tests/fuzz/fuzz.h"

#define MAX_TARGETS 32

static struct {
	const char *name;
	fuzz_fn fn;
} targets[MAX_TARGETS];
static unsigned ntargets;

void fuzz_register(const char *name, fuzz_fn fn)
{
	if (ntargets == MAX_TARGETS) {
		fprintf(stderr, "replay: more than %d fuzz targets; raise MAX_TARGETS\n", MAX_TARGETS);
		exit(2);
	}
	targets[ntargets].name = name;
	targets[ntargets++].fn = fn;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int one(fuzz_fn fn, const char *path, unsigned *n)
{
	size_t len = 0;
	char err[512];
	/* fuzz inputs are small; the largest cap there is */
	char *data = sim_file_read(path, SIM_FILE_CHECKPOINT, &len, err, sizeof(err));
	if (!data) {
		fprintf(stderr, "replay: %s\n", err);
		return -1;
	}
	fn((const uint8_t *)data, len);
	free(data);
	(*n)++;
	return 0;
}

/* Every regular file of dir, in name order (README files excepted). */
static int each(fuzz_fn fn, const char *dir, unsigned *n)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return -1;
	}
	char **names = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		names[count++] = strdup(e->d_name);
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof(*names), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (rc == 0 && one(fn, path, n) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (unsigned i = 0; i < ntargets; i++)
			printf("%s\n", targets[i].name);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: replay --list | replay NAME PATH...\n");
		return 2;
	}
	fuzz_fn fn = NULL;
	for (unsigned i = 0; i < ntargets; i++)
		if (strcmp(targets[i].name, argv[1]) == 0)
			fn = targets[i].fn;
	if (!fn) {
		fprintf(stderr, "replay: no fuzz target '%s' (replay --list)\n", argv[1]);
		return 2;
	}
	unsigned n = 0;
	for (int i = 2; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 2;
		}
		if ((S_ISDIR(st.st_mode) ? each(fn, argv[i], &n) : one(fn, argv[i], &n)) < 0)
			return 2;
	}
	printf("%s: %u inputs replayed\n", argv[1], n);
	return 0;
}
