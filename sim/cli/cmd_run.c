/* rpsim run [SCENARIO] [options]: load, validate, run, report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/cli/home.h"
#include "sim/core/escape.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"

#define RUN_MAX_FW_DIRS 16

const struct cli_command cmd_run_cli = {
	.name = "run",
	.synopsis = "[SCENARIO.json] [options]",
	.summary = "run a scenario: boot firmware, exchange RPMsg, check expectations",
	.intro =
		"Builds the SoC the scenario describes, plays its steps as the host's\n"
		"user space and checks its expectations. Without SCENARIO, runs the\n"
		"built-in default: the RPMsg echo scenario.\n",
	.outro =
		"Firmware is searched in: --firmware-dir, the scenario's firmware_path,\n"
		"$RPSIM_FIRMWARE_PATH (colon-separated), the scenario's own folder, then\n"
		"rpsim's sample firmware (last). The timeline names every file loaded.\n"
		"Colour is on when stdout is a terminal and NO_COLOR is not set.\n"
		"Every run ends: at the time limit (the scenario's \"time_limit\", 60s by\n"
		"default, or --time-limit), as a livelock when a million steps run without\n"
		"simulated time advancing, or at --wall-limit; a scenario of more than\n"
		"10^8 steps (repeats multiplied out) is refused at load.\n"
		"Exit status: 0 every expectation held, 1 one failed or timed out (time\n"
		"limit, livelock, wall-clock limit included), 2 bad input (scenario,\n"
		"firmware, command line).\n",
};

/* --firmware-dir, repeatable */
struct fw_dirs {
	const char **v;
	unsigned n;
};

static int add_fw_dir(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct fw_dirs *d = o->dst;
	if (d->n == RUN_MAX_FW_DIRS) {
		snprintf(err, errlen, "at most %d of them", RUN_MAX_FW_DIRS);
		return -1;
	}
	d->v[d->n++] = arg;
	return 0;
}

static int set_color(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	int *c = o->dst;
	if (strcmp(arg, "auto") == 0)
		*c = -1;
	else if (strcmp(arg, "always") == 0)
		*c = 1;
	else if (strcmp(arg, "never") == 0)
		*c = 0;
	else
		return -1;
	return 0;
}

static int set_time_format(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	int f = runner_time_format_parse(arg);
	if (f < 0)
		return -1;
	*(enum runner_time_format *)o->dst = (enum runner_time_format)f;
	return 0;
}

/* --color=auto: a terminal, unless NO_COLOR is set (https://no-color.org) */
static bool use_color(int choice)
{
	if (choice >= 0)
		return choice == 1;
	const char *nc = getenv("NO_COLOR");
	return !(nc && nc[0]) && isatty(STDOUT_FILENO);
}

int cmd_run(int argc, char **argv)
{
	struct runner_options opt = { .verbosity = 1, .out = stdout };
	const char *scenario_path = NULL;
	const char *coredump_dir = NULL;
	const char *dts = NULL;
	const char *fw_dirs[RUN_MAX_FW_DIRS];
	char default_path[CLI_HOME_PATH + 64];
	int color = -1;

	struct fw_dirs fw = { .v = fw_dirs };
	const struct cli_opt opts[] = {
		CLI_SET("quiet", 'q', "print the verdict only", &opt.verbosity, 0),
		CLI_SET("verbose", 'v', "also print the models' log", &opt.verbosity, 2),
		CLI_STRING("trace", 0, "FILE", "write the binary trace (see rpsim trace)", &opt.trace_path),
		CLI_FLAG("trace-insns", 0, "with --trace: also every retired instruction", &opt.trace_insns),
		CLI_CALL("firmware-dir", 0, "DIR", "search DIR for firmware first (repeatable)", add_fw_dir,
			 &fw, NULL),
		CLI_CALL("time-limit", 0, "TIME", "stop at this simulated time (e.g. 2s; more than 0)",
			 cli_opt_time_positive, &opt.time_limit, "a duration above zero, e.g. 2s"),
		CLI_CALL("time-format", 0, "UNIT", "timeline times: auto (the unit by magnitude, 3 decimals), "
			 "ns, us, ms, s (that unit, exact) or ps (raw picoseconds)", set_time_format,
			 &opt.time_format, "one of auto, ns, us, ms, s, ps"),
		CLI_CALL("color", 0, "WHEN", "colour the timeline: auto (on a terminal without NO_COLOR), "
			 "always or never", set_color, &color, "auto, always or never"),
		CLI_CALL("wall-limit", 0, "TIME", "fail the run once it has taken TIME of real "
			 "(wall-clock) time, e.g. 60s; for CI, off by default (whether it is reached "
			 "depends on the machine)", cli_opt_time_positive, &opt.wall_limit,
			 "a duration, e.g. 60s"),
		CLI_STRING("coredump-dir", 0, "DIR",
			   "write core dumps to DIR (default: the scenario's coredump_dir)", &coredump_dir),
		CLI_STRING("dts", 0, "FILE",
			   "take the board from this device tree (.dts or .dtb) instead of the "
			   "scenario's platform; the scenario keeps its steps and host settings",
			   &dts),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_run_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	unsigned nfw = fw.n;
	if (args.noperands > 1) {
		fprintf(stderr, "rpsim run: one scenario at a time ('%s' and '%s'); 'rpsim test' runs many\n",
			args.operands[0], args.operands[1]);
		return RPSIM_EXIT_USAGE;
	}
	if (args.noperands)
		scenario_path = args.operands[0];
	if (opt.trace_insns && !opt.trace_path) {
		fprintf(stderr, "rpsim run: --trace-insns needs --trace FILE\n");
		return RPSIM_EXIT_USAGE;
	}
	struct cli_home home;
	cli_home_find(&home);
	if (!scenario_path) {
		if (cli_home_default_scenario(&home, default_path, sizeof(default_path)) < 0) {
			fprintf(stderr, "rpsim run: the default scenario is not installed (no %s); "
				"give a scenario file\n", default_path);
			cli_home_free(&home);
			return RPSIM_EXIT_USAGE;
		}
		scenario_path = default_path;
	}
	struct scenario_options sopt = {
		.firmware_dirs = fw_dirs,
		.nfirmware_dirs = nfw,
		.env_firmware_path = getenv("RPSIM_FIRMWARE_PATH"),
		/* rpsim's own samples: searched last */
		.fallback_dirs = (const char *const *)home.sample_dirs,
		.nfallback_dirs = home.nsample_dirs,
		.dts = dts,
	};
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(scenario_path, &sopt, &sc, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		cli_home_free(&home);
		return RPSIM_EXIT_USAGE;
	}
	if (opt.verbosity >= 1)
		diag_print(&d, stderr); /* warnings */
	diag_free(&d);
	opt.progress = isatty(STDERR_FILENO);
	opt.color = use_color(color);
	for (unsigned k = 0; coredump_dir && k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir); /* the scenario owns it */
		sc->platform.remotes[k].coredump_dir = strdup(coredump_dir);
	}

	struct runner_result res;
	enum runner_verdict v = runner_run(sc, &opt, &res);
	char ts[SIMTIME_BUFLEN];
	simtime_format(res.end_time, ts, sizeof(ts));
	bool c = opt.color;
	switch (v) {
	case RUNNER_PASS:
		printf("%sPASS%s %s: %u steps, simulated %s, %llu instructions\n", runner_style_on(RUNNER_STYLE_PASS, c),
		       runner_style_off(c), sc->file, res.steps_run, ts, (unsigned long long)res.insns);
		break;
	case RUNNER_FAIL:
		/* the message quotes what the firmware wrote: escaped */
		printf("%sFAIL%s ", runner_style_on(RUNNER_STYLE_ERROR, c), runner_style_off(c));
		sim_escape_write(stdout, res.message, strlen(res.message), 0);
		fputc('\n', stdout);
		break;
	case RUNNER_ERROR:
		fputs("rpsim run: ", stderr);
		sim_escape_write(stderr, res.message, strlen(res.message), 0);
		fputc('\n', stderr);
		break;
	}
	scenario_free(sc);
	cli_home_free(&home);
	return v == RUNNER_PASS ? RPSIM_EXIT_OK : v == RUNNER_FAIL ? RPSIM_EXIT_FAIL : RPSIM_EXIT_USAGE;
}
