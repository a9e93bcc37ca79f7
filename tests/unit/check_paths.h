/* Where a unit test finds the trees: `make check` exports top_srcdir and
 * top_builddir (Makefile.am); run by hand from the build directory they
 * default to ".." and ".".  Nothing is compiled in (sim/cli/home.h). */
#ifndef RPSIM_CHECK_PATHS_H
#define RPSIM_CHECK_PATHS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline char *check_join(const char *var, const char *dflt, const char *rest)
{
	const char *t = getenv(var);
	if (!t || !*t)
		t = dflt;
	size_t n = strlen(t) + strlen(rest) + 1;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s%s", t, rest);
	return p;
}

/* top_srcdir + rest, malloc'd for the test's life */
static inline char *check_src(const char *rest)
{
	return check_join("top_srcdir", "..", rest);
}

/* top_builddir + rest */
static inline char *check_build(const char *rest)
{
	return check_join("top_builddir", ".", rest);
}

#endif
