/* rpsim run [SCENARIO] [options]: load, validate, run, report. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sim/cli/cli.h"
#include "sim/core/escape.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"

#define RUN_MAX_FW_DIRS 16
#define RUN_MAX_SAMPLE_DIRS 32

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subfolders of dir, sorted (the search order must not depend on the
 * file system's listing order). */
static unsigned sample_folders(const char *dir, char **out, unsigned max)
{
	DIR *d = opendir(dir);
	unsigned n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < max) {
		if (e->d_name[0] == '.')
			continue;
		char path[2048];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			out[n++] = strdup(path);
	}
	closedir(d);
	qsort(out, n, sizeof(*out), cmp_str);
	return n;
}

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
		"$RPSIM_FIRMWARE_PATH (colon-separated), then the installed samples.\n"
		"Every run ends: at the time limit (the scenario's \"time_limit\", 60s by\n"
		"default, or --time-limit), as a livelock when a million steps run without\n"
		"simulated time advancing, or at --wall-limit.\n"
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

/* The default scenario and the sample firmware: installed under the data
 * directory, or, when rpsim runs from its build tree, next to it. */
static int find_default(char *scenario, size_t len)
{
	snprintf(scenario, len, "%s/scenarios/rpmsg-echo.json", RPSIM_DATADIR);
	if (access(scenario, R_OK) == 0)
		return 0;
	snprintf(scenario, len, "%s/scenarios/rpmsg-echo.json", RPSIM_SRCDIR);
	if (access(scenario, R_OK) == 0)
		return 0;
	return -1;
}

int cmd_run(int argc, char **argv)
{
	struct runner_options opt = { .verbosity = 1, .out = stdout };
	const char *scenario_path = NULL;
	const char *coredump_dir = NULL;
	const char *dts = NULL;
	const char *fw_dirs[RUN_MAX_FW_DIRS + 1 + RUN_MAX_SAMPLE_DIRS];
	char default_path[1024];

	struct fw_dirs fw = { .v = fw_dirs };
	const struct cli_opt opts[] = {
		CLI_SET("quiet", 'q', "print the verdict only", &opt.verbosity, 0),
		CLI_SET("verbose", 'v', "also print the models' log", &opt.verbosity, 2),
		CLI_STRING("trace", 0, "FILE", "write the binary trace (see rpsim trace)", &opt.trace_path),
		CLI_FLAG("trace-insns", 0, "with --trace: also every retired instruction", &opt.trace_insns),
		CLI_CALL("firmware-dir", 0, "DIR", "search DIR for firmware first (repeatable)", add_fw_dir,
			 &fw, NULL),
		CLI_CALL("time-limit", 0, "TIME", "stop at this simulated time (e.g. 2s)", cli_opt_time,
			 &opt.time_limit, "a duration, e.g. 2s"),
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
	if (!scenario_path) {
		if (find_default(default_path, sizeof(default_path)) < 0) {
			fprintf(stderr, "rpsim run: the default scenario (rpmsg-echo.json) is not installed in %s/scenarios; "
				"give a scenario file\n", RPSIM_DATADIR);
			return RPSIM_EXIT_USAGE;
		}
		scenario_path = default_path;
	}
	/* the sample firmware: installed, and in the build tree (one folder
	 * per sample) */
	fw_dirs[nfw++] = RPSIM_DATADIR "/firmware";
	char *sample_dirs[RUN_MAX_SAMPLE_DIRS];
	unsigned nsamples = sample_folders(RPSIM_BUILD_FIRMWARE_DIR, sample_dirs, RUN_MAX_SAMPLE_DIRS);
	for (unsigned k = 0; k < nsamples; k++)
		fw_dirs[nfw++] = sample_dirs[k];

	struct scenario_options sopt = {
		.firmware_dirs = fw_dirs,
		.nfirmware_dirs = nfw,
		.env_firmware_path = getenv("RPSIM_FIRMWARE_PATH"),
		.dts = dts,
	};
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(scenario_path, &sopt, &sc, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		for (unsigned k = 0; k < nsamples; k++)
			free(sample_dirs[k]);
		return RPSIM_EXIT_USAGE;
	}
	if (opt.verbosity >= 1)
		diag_print(&d, stderr); /* warnings */
	diag_free(&d);
	opt.progress = isatty(STDERR_FILENO);
	for (unsigned k = 0; coredump_dir && k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir); /* the scenario owns it */
		sc->platform.remotes[k].coredump_dir = strdup(coredump_dir);
	}

	struct runner_result res;
	enum runner_verdict v = runner_run(sc, &opt, &res);
	char ts[SIMTIME_BUFLEN];
	simtime_format(res.end_time, ts, sizeof(ts));
	switch (v) {
	case RUNNER_PASS:
		printf("PASS %s: %u steps, simulated %s, %llu instructions\n", sc->file, res.steps_run, ts,
		       (unsigned long long)res.insns);
		break;
	case RUNNER_FAIL:
		/* the message quotes what the firmware wrote: escaped */
		fputs("FAIL ", stdout);
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
	for (unsigned k = 0; k < nsamples; k++)
		free(sample_dirs[k]);
	return v == RUNNER_PASS ? RPSIM_EXIT_OK : v == RUNNER_FAIL ? RPSIM_EXIT_FAIL : RPSIM_EXIT_USAGE;
}
