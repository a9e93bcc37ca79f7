/* rpsim run [SCENARIO] [options]: load, validate, run, report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli/cli.h"
#include "sim/cli/home.h"
#include "sim/core/cpu.h"
#include "sim/core/checkpoint.h"
#include "sim/core/escape.h"
#include "sim/gdb/gdb.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"

#define RUN_MAX_FW_DIRS 16

const struct cli_command cmd_run_cli = {
	.name = "run",
	.synopsis = "[SCENARIO.json] [options] | --restore FILE [SCENARIO.json] [options]",
	.summary = "run a scenario: boot firmware, exchange RPMsg, check expectations",
	.intro =
		"Builds the SoC the scenario describes, plays its steps as the host's\n"
		"user space and checks its expectations. Without SCENARIO, runs the\n"
		"built-in default: the RPMsg echo scenario.\n"
		"A checkpoint (--checkpoint-at) holds the whole simulation at that\n"
		"instant; --restore goes on from it, with the scenario it names (or\n"
		"SCENARIO): refused when the scenario, a firmware file or rpsim is\n"
		"not the same (doc/checkpoints.md).\n",
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
	struct runner_options opt = { .verbosity = 1, .out = stdout,
				      .snapshot_every = RUNNER_SNAPSHOT_EVERY,
				      .trace_warn_bytes = RUNNER_TRACE_WARN };
	const char *scenario_path = NULL;
	const char *coredump_dir = NULL;
	const char *gdb_spec = NULL;
	bool gdb_wait = false;
	struct ckpt_opt ckpt = { 0 };
	const char *restore_path = NULL;
	const char *dts = NULL;
	const char *core = NULL;
	const char *fw_dirs[RUN_MAX_FW_DIRS];
	char default_path[CLI_HOME_PATH + 64];
	int color = -1;
	int jit = CPU_JIT_ON;

	struct fw_dirs fw = { .v = fw_dirs };
	const struct cli_opt opts[] = {
		CLI_SET("quiet", 'q', "print the verdict only", &opt.verbosity, 0),
		CLI_SET("verbose", 'v', "also print the models' log", &opt.verbosity, 2),
		CLI_STRING("trace", 0, "FILE", "write the binary trace (see rpsim trace)", &opt.trace_path),
		CLI_FLAG("trace-events", 0, "with --trace: record every event, so the trace reads "
			 "without re-executing the run (without it, events after the first snapshot "
			 "are recomputed when read: recording costs little, reading needs the "
			 "scenario and firmware)", &opt.trace_events),
		CLI_FLAG("trace-insns", 0, "with --trace: also every retired instruction (compressed; "
			 "implies --trace-events)", &opt.trace_insns),
		CLI_CALL("trace-window", 0, "TIME",
			 "with --trace-insns: keep the instructions of the last TIME only (a run that "
			 "hangs gives a file of bounded size)", cli_opt_time_positive, &opt.trace_window,
			 "a duration, e.g. 10ms"),
		{ .kind = CLI_OPT_CALL, .name = "snapshot-every", .arg = "N",
		  .help = "with --trace: a snapshot after every N instructions of work (default 4M; "
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
		CLI_STRING("gdb", 0, "[ADDR:]PORT",
			   "serve GDB's remote protocol on PORT (127.0.0.1 unless ADDR is given; 0 takes "
			   "a free port, printed on stderr); each core is a thread", &gdb_spec),
		CLI_FLAG("gdb-wait", 0, "with --gdb: hold the simulation at time 0 until GDB attaches",
			 &gdb_wait),
		CLI_STRING("dts", 0, "FILE",
			   "take the board from this device tree (.dts or .dtb) instead of the "
			   "scenario's platform; the scenario keeps its steps and host settings",
			   &dts),
		CLI_STRING("core", 0, "NAME",
			   "run every remote on this core (rv32imac or cortex-m4f), laid out as that "
			   "core's subsystem (its device addresses and mailbox line) and with the "
			   "firmware built for it (the search looks in a NAME/ subfolder first)",
			   &core),
		CLI_CALL2("checkpoint-at", 0, "TIME FILE",
			  "at simulated time TIME (e.g. 1.5ms), write the whole simulation to the "
			  "checkpoint FILE, then go on", set_checkpoint, &ckpt,
			  "a time and a file, e.g. 1ms run.ckpt"),
		CLI_STRING("restore", 0, "FILE",
			   "start from the checkpoint FILE instead of power-on (its scenario, or "
			   "SCENARIO)", &restore_path),
		CLI_SET("no-jit", 0, "run the cores' code in the reference interpreter only, no "
			"generated code (the same results and trace, slower)", &jit, CPU_JIT_OFF),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_run_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	opt.jit = (uint8_t)jit;
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
	if (opt.trace_events && !opt.trace_path) {
		fprintf(stderr, "rpsim run: --trace-events needs --trace FILE\n");
		return RPSIM_EXIT_USAGE;
	}
	/* runs a re-execution from the scenario and firmware cannot repeat
	 * record their events: a debugger changes the run, a device tree
	 * builds another board than the scenario's, the wall clock may cut
	 * it short */
	if (opt.trace_path && (gdb_spec || dts || opt.wall_limit))
		opt.trace_events = true;
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
	struct cli_home home;
	cli_home_find(&home);
	if (!scenario_path) {
		if (cli_home_default_scenario(&home, default_path, sizeof(default_path)) < 0) {
			fprintf(stderr, "rpsim run: the default scenario is not installed (no %s); "
				"give a scenario file\n", default_path);
			cli_home_free(&home);
			if (ck)
				checkpoint_free(ck);
			free(ck);
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
		.core = core,
	};
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(scenario_path, &sopt, &sc, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		if (ck && !args.noperands)
			fprintf(stderr, "rpsim run: the scenario of %s cannot be loaded; give it: rpsim run "
				"--restore %s SCENARIO.json\n", restore_path, restore_path);
		cli_home_free(&home);
		if (ck)
			checkpoint_free(ck);
		free(ck);
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
	enum runner_verdict v;
	if (gdb_spec) {
		char err[300];
		struct gdb_server *srv = gdb_server_listen(gdb_spec, err, sizeof(err));
		if (!srv) {
			fprintf(stderr, "rpsim run: --gdb %s: %s\n", gdb_spec, err);
			scenario_free(sc);
			cli_home_free(&home);
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
	bool c = opt.color;
	switch (v) {
	case RUNNER_PASS:
		printf("%sPASS%s %s: %u steps, simulated %s, %llu instructions\n", runner_style_on(RUNNER_STYLE_PASS, c),
		       runner_style_off(c), sc->file, res.steps_run, ts, (unsigned long long)res.insns);
		break;
	case RUNNER_FAIL:
		/* the message quotes what the firmware wrote: escaped; the
		 * report (each core's state) is rpsim's own text */
		printf("%sFAIL%s ", runner_style_on(RUNNER_STYLE_ERROR, c), runner_style_off(c));
		sim_escape_write(stdout, res.message, strlen(res.message), 0);
		fputc('\n', stdout);
		fputs(res.report, stdout);
		break;
	case RUNNER_ERROR:
		fputs("rpsim run: ", stderr);
		sim_escape_write(stderr, res.message, strlen(res.message), 0);
		fputc('\n', stderr);
		break;
	}
	scenario_free(sc);
	cli_home_free(&home);
	if (ck)
		checkpoint_free(ck);
	free(ck);
	return v == RUNNER_PASS ? RPSIM_EXIT_OK : v == RUNNER_FAIL ? RPSIM_EXIT_FAIL : RPSIM_EXIT_USAGE;
}
