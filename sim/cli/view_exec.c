/* rpsim view, in the rpsim program.  The viewer is a program of its own,
 * rpsim-view (sim/cli/view_main.c with cmd_view.c): linking SDL2,
 * SDL2_ttf and SDL2_image into rpsim made every other command load them
 * and their libraries at start, 7 of the 10 ms `rpsim run` took to its
 * verdict.  `rpsim view ARGS` runs rpsim-view with the same arguments,
 * found next to rpsim (its build tree), at the configured pkglibexecdir
 * relative to rpsim (an installed tree, moved or not), then at the
 * configured absolute path. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/cli/home.h"

const struct cli_command cmd_view_cli = {
	.name = "view",
	.synopsis = "TRACE [options]",
	.summary = "open the trace viewer (SDL2)",
	.intro =
		"Opens a window on a trace written by 'rpsim run --trace FILE': a\n"
		"timeline lane per component, the firmware panel at the cursor\n"
		"(disassembly with source lines, registers, system registers, memory\n"
		"at the cursor, the selected message). Stepping re-executes the run\n"
		"from the trace's snapshots, with the scenario and firmware files the\n"
		"trace names (a trace with --trace-insns and no snapshots is replayed\n"
		"from its records). F1 or ? in the window lists the keys.\n",
	.outro = "Exit status: 0 ok, 1 no display or the PNG cannot be written, 2 bad input.\n",
};

#define VIEWER "rpsim-view"

/* Where rpsim-view is: 0, or -1 with the places looked at in `tried`. */
static int find_viewer(char *path, size_t len, char *tried, size_t tlen)
{
	char exe[CLI_HOME_PATH];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char dir[CLI_HOME_PATH] = "";
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%s", exe[0] ? exe : "/");
		}
	}
	char rel[CLI_HOME_PATH];
	cli_home_relpath(RPSIM_BINDIR, RPSIM_LIBEXECDIR, rel, sizeof(rel));
	const char *fmt[3] = { "%s/" VIEWER, "%s/%s/" VIEWER, RPSIM_LIBEXECDIR "/" VIEWER };
	size_t used = 0;
	tried[0] = '\0';
	for (unsigned k = 0; k < 3; k++) {
		if (k < 2 && !dir[0])
			continue;
		if (k == 0)
			snprintf(path, len, fmt[0], dir);
		else if (k == 1)
			snprintf(path, len, fmt[1], dir, rel);
		else
			snprintf(path, len, "%s", fmt[2]);
		if (access(path, X_OK) == 0)
			return 0;
		if (used < tlen)
			used += (size_t)snprintf(tried + used, tlen - used, "%s%s", used ? ", " : "", path);
	}
	return -1;
}

int cmd_view(int argc, char **argv)
{
	char path[2 * CLI_HOME_PATH + 32], tried[3 * sizeof(path)];
	if (find_viewer(path, sizeof(path), tried, sizeof(tried)) < 0) {
		fprintf(stderr, "rpsim view: the viewer program " VIEWER " is not installed (looked at %s); "
			"reinstall rpsim (make install)\n", tried);
		return RPSIM_EXIT_USAGE;
	}
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args) {
		fprintf(stderr, "rpsim view: out of memory\n");
		return RPSIM_EXIT_USAGE;
	}
	args[0] = argv[0]; /* "view": rpsim-view parses as rpsim view does */
	for (int i = 1; i < argc; i++)
		args[i] = argv[i];
	fflush(NULL);
	execv(path, args);
	fprintf(stderr, "rpsim view: cannot run %s: %s\n", path, strerror(errno));
	free(args);
	return RPSIM_EXIT_USAGE;
}
