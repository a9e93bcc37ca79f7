/* rpsim run [SCENARIO] [options]: load, validate, run, report. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sim/cli/cli.h"
#include "sim/gdb/gdb.h"
#include "sim/core/checkpoint.h"
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
	.synopsis = "[SCENARIO.json] [options] | --restore FILE [SCENARIO.json] [options]",
	.summary = "run a scenario: boot firmware, exchange RPMsg, check expectations",
	.intro =
		"Builds the SoC the scenario describes, plays its steps as the host's\n"
		"user space and checks its expectations. Without SCENARIO, runs the\n"
		"built-in default: the RPMsg echo scenario.\n",
	.outro =
		"A checkpoint (--checkpoint-at) holds the whole simulation at that\n"
		"instant; --restore goes on from it, with the scenario it names (or\n"
		"SCENARIO): refused when the scenario, a firmware file or rpsim is\n"
		"not the same (doc/checkpoints.md).\n"
		"Firmware is searched in: --firmware-dir, the scenario's firmware_path,\n"
		"$RPSIM_FIRMWARE_PATH (colon-separated), then the installed samples.\n"
		"Exit status: 0 every expectation held, 1 one failed or timed out,\n"
		"2 bad input (scenario, firmware, command line).\n",
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

/* --checkpoint-at TIME FILE */
struct ckpt_opt {
	sim_time_t at;
	const char *file;
};

static int set_checkpoint(const struct cli_opt *o, const char *arg, const char *arg2, char *err,
			  size_t errlen)
{
	struct ckpt_opt *c = o->dst;
	if (simtime_parse(arg, &c->at, err, errlen) < 0)
		return -1;
	if (c->at == 0) {
		snprintf(err, errlen, "TIME must be after the start (more than 0)");
		return -1;
	}
	c->file = arg2;
	return 0;
}

/* A count or a size: digits with an optional k, M or G (powers of 1000
 * for counts, of 1024 for sizes: o->value says which). */
static int parse_amount(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	uint64_t unit = 1, k = o->value ? 1024 : 1000;
	if (end == arg || errno || arg[0] == '-') {
		snprintf(err, errlen, "'%s' is not a number", arg);
		return -1;
	}
	if (*end == 'k' || *end == 'K')
		unit = k;
	else if (*end == 'M')
		unit = k * k;
	else if (*end == 'G')
		unit = k * k * k;
	if (unit != 1)
		end++;
	if (*end || (v && unit > UINT64_MAX / v)) {
		snprintf(err, errlen, "'%s' is not a number with an optional k, M or G", arg);
		return -1;
	}
	*(uint64_t *)o->dst = (uint64_t)v * unit;
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
	struct runner_options opt = { .verbosity = 1, .out = stdout,
				      .snapshot_every = RUNNER_SNAPSHOT_EVERY,
				      .trace_warn_bytes = RUNNER_TRACE_WARN };
	const char *scenario_path = NULL;
	const char *coredump_dir = NULL;
	const char *gdb_spec = NULL;
	bool gdb_wait = false;
	const char *dts = NULL;
	const char *fw_dirs[RUN_MAX_FW_DIRS + 1 + RUN_MAX_SAMPLE_DIRS];
	char default_path[1024];

	struct fw_dirs fw = { .v = fw_dirs };
	struct ckpt_opt ckpt = { 0 };
	const char *restore_path = NULL;
	const struct cli_opt opts[] = {
		CLI_SET("quiet", 'q', "print the verdict only", &opt.verbosity, 0),
		CLI_SET("verbose", 'v', "also print the models' log", &opt.verbosity, 2),
		CLI_STRING("trace", 0, "FILE", "write the binary trace (see rpsim trace)", &opt.trace_path),
		CLI_FLAG("trace-insns", 0, "with --trace: also every retired instruction (compressed)",
			 &opt.trace_insns),
		CLI_CALL("trace-window", 0, "TIME",
			 "with --trace-insns: keep the instructions of the last TIME only (a run that "
			 "hangs gives a file of bounded size)", cli_opt_time_positive, &opt.trace_window,
			 "a duration, e.g. 10ms"),
		{ .kind = CLI_OPT_CALL, .name = "snapshot-every", .arg = "N",
		  .help = "with --trace: a snapshot after every N instructions of work (default 1M; "
			  "0: none), so rpsim trace state and the viewer reach any instant by "
			  "re-executing at most that much",
		  .fn = parse_amount, .dst = &opt.snapshot_every, .value = 0,
		  .hint = "a number of instructions, e.g. 1M" },
		{ .kind = CLI_OPT_CALL, .name = "trace-warn", .arg = "SIZE",
		  .help = "warn once when the trace file passes SIZE bytes (default 1G; 0: never)",
		  .fn = parse_amount, .dst = &opt.trace_warn_bytes, .value = 1,
		  .hint = "a size, e.g. 500M" },
		CLI_CALL("firmware-dir", 0, "DIR", "search DIR for firmware first (repeatable)", add_fw_dir,
			 &fw, NULL),
		CLI_CALL("time-limit", 0, "TIME", "stop at this simulated time (e.g. 2s)", cli_opt_time,
			 &opt.time_limit, "a duration, e.g. 2s"),
		CLI_STRING("coredump-dir", 0, "DIR",
			   "write core dumps to DIR (default: the scenario's coredump_dir)", &coredump_dir),
		CLI_STRING("gdb", 0, "[ADDR:]PORT",
			   "serve GDB's remote protocol on PORT (127.0.0.1 unless ADDR is given; 0 takes "
			   "a free port, printed on stderr); each core is a thread", &gdb_spec),
		CLI_FLAG("gdb-wait", 0, "with --gdb: hold the simulation at time 0 until GDB attaches",
			 &gdb_wait),
		CLI_STRING("dts", 0, "FILE",
			   "take the board from this device tree (.dts or .dtb) instead of the "
			   "scenario's platform; the scenario keeps its steps and host settings",
			   &dts),
		CLI_CALL2("checkpoint-at", 0, "TIME FILE",
			  "at simulated time TIME (e.g. 1.5ms), write the whole simulation to the "
			  "checkpoint FILE, then go on", set_checkpoint, &ckpt,
			  "a time and a file, e.g. 1ms run.ckpt"),
		CLI_STRING("restore", 0, "FILE",
			   "start from the checkpoint FILE instead of power-on (its scenario, or "
			   "SCENARIO)", &restore_path),
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
	if (gdb_wait && !gdb_spec) {
		fprintf(stderr, "rpsim run: --gdb-wait needs --gdb [ADDR:]PORT\n");
		return RPSIM_EXIT_USAGE;
	}
	if (gdb_spec && (restore_path || ckpt.file)) {
		fprintf(stderr, "rpsim run: --gdb does not go with --restore or --checkpoint-at; "
			"debug the run from power-on (GDB's reverse execution goes back in it)\n");
		return RPSIM_EXIT_USAGE;
	}
	if (opt.trace_window && !opt.trace_insns) {
		fprintf(stderr, "rpsim run: --trace-window needs --trace-insns (it bounds the instructions "
			"kept)\n");
		return RPSIM_EXIT_USAGE;
	}
	struct checkpoint *ck = NULL;
	if (restore_path) {
		char err[1024];
		ck = calloc(1, sizeof(*ck));
		if (!ck || checkpoint_read(restore_path, ck, err, sizeof(err)) < 0) {
			fprintf(stderr, "rpsim run: %s\n", ck ? err : "out of memory");
			free(ck);
			return RPSIM_EXIT_USAGE;
		}
		if (ckpt.file && ckpt.at <= ck->time) {
			char t[SIMTIME_BUFLEN];
			fprintf(stderr, "rpsim run: --checkpoint-at must be after the restored checkpoint's "
				"time (%s)\n", simtime_format(ck->time, t, sizeof(t)));
			checkpoint_free(ck);
			free(ck);
			return RPSIM_EXIT_USAGE;
		}
		for (unsigned i = 0; !scenario_path && i < ck->nids; i++)
			if (ck->ids[i].kind == TRACEFILE_ID_SCENARIO)
				scenario_path = ck->ids[i].path;
		if (!scenario_path) {
			fprintf(stderr, "rpsim run: %s names no scenario; give it: rpsim run --restore %s "
				"SCENARIO.json\n", restore_path, restore_path);
			checkpoint_free(ck);
			free(ck);
			return RPSIM_EXIT_USAGE;
		}
		opt.restore = ck;
		opt.restore_name = restore_path;
	}
	opt.checkpoint_path = ckpt.file;
	opt.checkpoint_at = ckpt.at;
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
		if (ck && !args.noperands)
			fprintf(stderr, "rpsim run: the scenario of %s cannot be loaded; give it: rpsim run "
				"--restore %s SCENARIO.json\n", restore_path, restore_path);
		diag_free(&d);
		for (unsigned k = 0; k < nsamples; k++)
			free(sample_dirs[k]);
		if (ck)
			checkpoint_free(ck);
		free(ck);
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
	enum runner_verdict v;
	if (gdb_spec) {
		char err[300];
		struct gdb_server *srv = gdb_server_listen(gdb_spec, err, sizeof(err));
		if (!srv) {
			fprintf(stderr, "rpsim run: --gdb %s: %s\n", gdb_spec, err);
			scenario_free(sc);
			for (unsigned k = 0; k < nsamples; k++)
				free(sample_dirs[k]);
			return RPSIM_EXIT_USAGE;
		}
		opt.progress = false; /* the server prints what happens on stderr */
		struct runner *run = runner_open(sc, &opt, &res);
		if (run) {
			if (gdb_serve_runner(srv, run, &res, gdb_wait, stderr) != 0)
				runner_abort(run, "the GDB server failed (see above)");
			v = runner_close(run);
		} else {
			v = res.verdict;
		}
		gdb_server_close(srv);
	} else {
		v = runner_run(sc, &opt, &res);
	}
	char ts[SIMTIME_BUFLEN];
	simtime_format(res.end_time, ts, sizeof(ts));
	switch (v) {
	case RUNNER_PASS:
		printf("PASS %s: %u steps, simulated %s, %llu instructions\n", sc->file, res.steps_run, ts,
		       (unsigned long long)res.insns);
		break;
	case RUNNER_FAIL:
		printf("FAIL %s\n%s", res.message, res.report);
		break;
	case RUNNER_ERROR:
		fprintf(stderr, "rpsim run: %s\n", res.message);
		break;
	}
	scenario_free(sc);
	for (unsigned k = 0; k < nsamples; k++)
		free(sample_dirs[k]);
	if (ck)
		checkpoint_free(ck);
	free(ck);
	return v == RUNNER_PASS ? RPSIM_EXIT_OK : v == RUNNER_FAIL ? RPSIM_EXIT_FAIL : RPSIM_EXIT_USAGE;
}
