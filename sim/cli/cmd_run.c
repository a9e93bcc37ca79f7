/* rpsim run [SCENARIO] [options]: load, validate, run, report. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sim/cli/cli.h"
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

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: rpsim run [SCENARIO.json] [options]\n"
		"\n"
		"Builds the SoC the scenario describes, plays its steps as the host's\n"
		"user space and checks its expectations. Without SCENARIO, runs the\n"
		"built-in default: the RPMsg echo scenario.\n"
		"\n"
		"options:\n"
		"  -q, --quiet            print the verdict only\n"
		"  -v, --verbose          also print the models' log\n"
		"  --trace FILE           write the binary trace (see rpsim trace)\n"
		"  --trace-insns          with --trace: also every retired instruction\n"
		"  --firmware-dir DIR     search DIR for firmware first (repeatable)\n"
		"  --time-limit TIME      stop at this simulated time (e.g. 2s)\n"
		"  --coredump-dir DIR     write core dumps to DIR (default: the\n"
		"                         scenario's coredump_dir)\n"
		"\n"
		"Firmware is searched in: --firmware-dir, the scenario's firmware_path,\n"
		"$RPSIM_FIRMWARE_PATH (colon-separated), then the installed samples.\n"
		"Exit status: 0 every expectation held, 1 one failed or timed out,\n"
		"2 bad input (scenario, firmware, command line).\n");
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
	const char *fw_dirs[RUN_MAX_FW_DIRS + 1 + RUN_MAX_SAMPLE_DIRS];
	unsigned nfw = 0;
	char default_path[1024];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			run_usage(stdout);
			return RPSIM_EXIT_OK;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			opt.verbosity = 0;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			opt.verbosity = 2;
		} else if (strcmp(a, "--trace-insns") == 0) {
			opt.trace_insns = true;
		} else if (strcmp(a, "--trace") == 0 || strcmp(a, "--firmware-dir") == 0 ||
			   strcmp(a, "--time-limit") == 0 || strcmp(a, "--coredump-dir") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "rpsim run: %s needs a value; see 'rpsim run --help'\n", a);
				return RPSIM_EXIT_USAGE;
			}
			const char *v = argv[++i];
			if (strcmp(a, "--trace") == 0) {
				opt.trace_path = v;
			} else if (strcmp(a, "--coredump-dir") == 0) {
				coredump_dir = v;
			} else if (strcmp(a, "--firmware-dir") == 0) {
				if (nfw == RUN_MAX_FW_DIRS) {
					fprintf(stderr, "rpsim run: at most %d --firmware-dir options\n", RUN_MAX_FW_DIRS);
					return RPSIM_EXIT_USAGE;
				}
				fw_dirs[nfw++] = v;
			} else {
				char err[256];
				if (simtime_parse(v, &opt.time_limit, err, sizeof(err)) < 0) {
					fprintf(stderr, "rpsim run: --time-limit: %s\n", err);
					return RPSIM_EXIT_USAGE;
				}
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "rpsim run: unknown option '%s'; see 'rpsim run --help'\n", a);
			return RPSIM_EXIT_USAGE;
		} else if (scenario_path) {
			fprintf(stderr, "rpsim run: one scenario at a time ('%s' and '%s'); 'rpsim test' runs many\n",
				scenario_path, a);
			return RPSIM_EXIT_USAGE;
		} else {
			scenario_path = a;
		}
	}
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
	for (unsigned k = 0; coredump_dir && k < sc->platform.nrprocs; k++) {
		free(sc->platform.rprocs[k].coredump_dir); /* the scenario owns it */
		sc->platform.rprocs[k].coredump_dir = strdup(coredump_dir);
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
		printf("FAIL %s\n", res.message);
		break;
	case RUNNER_ERROR:
		fprintf(stderr, "rpsim run: %s\n", res.message);
		break;
	}
	scenario_free(sc);
	for (unsigned k = 0; k < nsamples; k++)
		free(sample_dirs[k]);
	return v == RUNNER_PASS ? RPSIM_EXIT_OK : v == RUNNER_FAIL ? RPSIM_EXIT_FAIL : RPSIM_EXIT_USAGE;
}
