/* rpsim dts [SCENARIO.json]: the board a scenario describes, written as
 * a device tree.  Running the scenario with `--dts` and this output gives
 * the same simulation, byte for byte (tests/dts-export.sh checks it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/cli/home.h"
#include "sim/platform/dt.h"
#include "sim/scenario/scenario.h"

const struct cli_command cmd_dts_cli = {
	.name = "dts",
	.synopsis = "[SCENARIO.json] [options]",
	.summary = "print the device tree of a scenario's platform",
	.intro =
		"Prints the device-tree source (DTS) of the board SCENARIO describes: DRAM,\n"
		"reserved memory, each remote processor with its memories, mailbox, sysctl\n"
		"and devices, every value spelled out. 'rpsim run --dts OUT.dts SCENARIO'\n"
		"then runs the same simulation. Without SCENARIO, the default scenario's\n"
		"platform (rpmsg-echo.json). The scenario's host settings (latencies,\n"
		"recovery, coredump, quantum) are not hardware and stay in the scenario.\n",
	.outro =
		"Properties and their Linux bindings: doc/device-tree.md.\n"
		"Exit status: 0 written, 2 bad input (scenario, command line).\n",
};

int cmd_dts(int argc, char **argv)
{
	const char *out_path = NULL;
	const char *dts = NULL;
	const struct cli_opt opts[] = {
		CLI_STRING("output", 'o', "FILE", "write to FILE instead of standard output", &out_path),
		CLI_STRING("dts", 0, "FILE",
			   "read the board from this device tree instead (prints it as rpsim reads it)",
			   &dts),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_dts_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	if (args.noperands > 1) {
		fprintf(stderr, "rpsim dts: one scenario at a time ('%s' and '%s')\n", args.operands[0],
			args.operands[1]);
		return RPSIM_EXIT_USAGE;
	}
	char def[CLI_HOME_PATH + 64];
	const char *path = args.noperands ? args.operands[0] : NULL;
	if (!path) {
		struct cli_home home;
		cli_home_find(&home);
		int found = cli_home_default_scenario(&home, def, sizeof(def));
		cli_home_free(&home);
		if (found < 0) {
			fprintf(stderr, "rpsim dts: the default scenario is not installed (no %s); give a scenario "
				"file\n", def);
			return RPSIM_EXIT_USAGE;
		}
		path = def;
	}
	/* only the platform matters: firmware need not exist */
	struct scenario_options so = { .no_firmware_check = true, .dts = dts };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(path, &so, &sc, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return RPSIM_EXIT_USAGE;
	}
	diag_free(&d);
	FILE *f = out_path ? fopen(out_path, "w") : stdout;
	if (!f) {
		perror(out_path);
		scenario_free(sc);
		return RPSIM_EXIT_USAGE;
	}
	char title[1200];
	snprintf(title, sizeof(title), "the platform of %s, written by rpsim dts", sc->file);
	for (char *c = title; *c; c++)
		if (*c == '*' && c[1] == '/')
			*c = '+'; /* keep the comment closed */
	diag_init(&d, NULL);
	rc = dt_write(f, &sc->platform, title, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (out_path && fclose(f) != 0) {
		perror(out_path);
		rc = -1;
	}
	scenario_free(sc);
	return rc == 0 ? RPSIM_EXIT_OK : RPSIM_EXIT_USAGE;
}
