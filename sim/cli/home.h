/* Where rpsim's own files are: the sample firmware (searched last, after
 * everything the user names) and the default scenario.
 *
 * Found from the program's own location (/proc/self/exe), never from a
 * build-tree path compiled into the binary:
 *   - in its build tree, the program finds the file `rpsim-uninstalled`
 *     next to itself (written by the build, never installed), which names
 *     the source tree: samples are BUILD/firmware-samples/<sample>/, the
 *     default scenario SRC/scenarios/rpmsg-echo.json;
 *   - installed, the data directory is PREFIX/share/rpsim as configured,
 *     found relative to the program (bindir -> pkgdatadir), so a tree
 *     installed with DESTDIR or moved elsewhere still finds its samples;
 *     the configured absolute data directory is the last resort.
 * No global state: the caller owns the struct. */
#ifndef RPSIM_CLI_HOME_H
#define RPSIM_CLI_HOME_H

#include <stdbool.h>

#define CLI_HOME_PATH 4096
#define CLI_HOME_MAX_SAMPLE_DIRS 32

struct cli_home {
	bool uninstalled;               /* running from its build tree */
	char data_dir[CLI_HOME_PATH];   /* installed: .../share/rpsim; else "" */
	char build_dir[CLI_HOME_PATH];  /* uninstalled: the build tree */
	char src_dir[CLI_HOME_PATH];    /* uninstalled: the source tree */
	/* the sample firmware folders, in search order (malloc'd) */
	char *sample_dirs[CLI_HOME_MAX_SAMPLE_DIRS];
	unsigned nsample_dirs;
};

/* Fills h; never fails (an rpsim that cannot find itself has no samples
 * and no default scenario, which the callers report). */
void cli_home_find(struct cli_home *h);
void cli_home_free(struct cli_home *h);

/* The default scenario (rpmsg-echo.json) into buf; 0, or -1 when it is
 * not there (buf then holds where it was looked for). */
int cli_home_default_scenario(const struct cli_home *h, char *buf, unsigned len);

/* The relative path from directory `from` to `to`, both absolute and
 * normalised ("/usr/local/bin", "/usr/local/share/rpsim" ->
 * "../share/rpsim"); exposed for the unit test. */
void cli_home_relpath(const char *from, const char *to, char *out, unsigned len);

#endif
