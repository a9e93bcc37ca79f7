/* The fuzz targets' common header.  A target is one file,
 * tests/fuzz/NAME/fuzz.c, whose entry point is written
 *
 *	FUZZ_TARGET(NAME)
 *	{
 *		... use data[0..size) ...
 *		return 0;
 *	}
 *
 * Built by `make fuzz` with clang and -DRPSIM_LIBFUZZER, that is libFuzzer's
 * LLVMFuzzerTestOneInput; built by `make check` with the normal compiler,
 * it registers itself under NAME with tests/fuzz/replay.c, which replays
 * the committed corpus and reproducers through every target (so the
 * targets are compiled and exercised without clang).  README.md says how
 * to add one and how to run them. */
#ifndef RPSIM_FUZZ_H
#define RPSIM_FUZZ_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef RPSIM_LIBFUZZER
#define FUZZ_TARGET(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
typedef int (*fuzz_fn)(const uint8_t *data, size_t size);
void fuzz_register(const char *name, fuzz_fn fn);
#define FUZZ_TARGET(name)                                                    \
	static int fuzz_one_##name(const uint8_t *data, size_t size);         \
	__attribute__((constructor)) static void fuzz_register_##name(void)  \
	{                                                                     \
		fuzz_register(#name, fuzz_one_##name);                        \
	}                                                                     \
	static int fuzz_one_##name(const uint8_t *data, size_t size)
#endif

static char fuzz_dir[256];

/* At exit: the temporary directory and the files in it (it has no
 * subdirectory). */
static inline void fuzz_cleanup(void)
{
	DIR *d = opendir(fuzz_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char p[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", fuzz_dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(fuzz_dir);
}

/* A directory of this process's own under $TMPDIR (or /tmp), made on the
 * first call and removed at exit, for targets whose code under test reads
 * or writes files by path. */
static inline const char *fuzz_tmpdir(void)
{
	if (!fuzz_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/rpsim-fuzz-XXXXXX", t && t[0] ? t : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_cleanup);
	}
	return fuzz_dir;
}

/* Writes data to the file `name` in fuzz_tmpdir(); returns its path (a
 * static buffer per call site is the caller's: out, cap). */
static inline const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size,
					  char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", fuzz_tmpdir(), name);
	FILE *f = fopen(out, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(out);
		abort();
	}
	return out;
}

/* A stream that throws away what is written (exporters, timelines). */
static inline FILE *fuzz_null_stream(void)
{
	static FILE *f;
	if (!f && !(f = fopen("/dev/null", "w"))) {
		perror("/dev/null");
		abort();
	}
	return f;
}

#endif
