/* rpsim trace dump|perfetto|vcd FILE [-o OUT]: converts a binary trace;
 * rpsim trace state FILE (--insn N | --at TIME): the state at one instant
 * (cmd_trace_state.c). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/cli/cmd_trace_state.h"
#include "sim/trace/replay.h"
#include "sim/trace/tracefile.h"

#define TRACE_MAX_FW_DIRS 16

const struct cli_command cmd_trace_cli = {
	.name = "trace",
	.synopsis = "dump|perfetto|vcd|state FILE [options]",
	.summary = "convert a trace file (text, Perfetto/Chrome JSON, VCD); any instant's state",
	.intro =
		"Converts a trace written by 'rpsim run --trace FILE':\n"
		"  dump      one line per record: time, component, type, decoded payload\n"
		"  perfetto  Chrome/Perfetto trace-event JSON (open it in ui.perfetto.dev):\n"
		"            core states, traps and messages as slices, IRQ lines and\n"
		"            mailbox FIFO depths as counters\n"
		"  vcd       core state and pc, IRQ lines, mailbox channels as a VCD\n"
		"            waveform (GTKWave)\n"
		"  state     the state at one instant (--insn N or --at TIME): a core's pc,\n"
		"            last instruction, registers, system registers and memory,\n"
		"            re-executed from the trace's nearest snapshot\n"
		"The output goes to standard output, or to OUT with -o. A trace recorded\n"
		"without --trace-events holds its events up to its first snapshot only:\n"
		"dump, perfetto and vcd recompute the rest by re-executing the run (it\n"
		"takes about the run's time), so its scenario and firmware must still be\n"
		"there, unchanged (--scenario, --firmware-dir say where).\n",
	.outro =
		"Format: doc/trace-format.md. Exit status: 0 done, 1 the output could\n"
		"not be written, 2 bad arguments or a bad trace file.\n",
};

static int set_insn(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct trace_state_opts *s = o->dst;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 0);
	if (end == arg || *end || errno || v == 0 || arg[0] == '-') {
		snprintf(err, errlen, "'%s' is not an instruction number (1 is the first)", arg);
		return -1;
	}
	s->insn = v;
	s->has_insn = true;
	return 0;
}

static int set_mem(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct trace_state_opts *s = o->dst;
	char *end;
	errno = 0;
	unsigned long long a = strtoull(arg, &end, 0);
	if (end == arg || *end != ':' || errno || arg[0] == '-') {
		snprintf(err, errlen, "'%s' is not ADDR:LEN (e.g. 0x80000000:64)", arg);
		return -1;
	}
	const char *l = end + 1;
	unsigned long long n = strtoull(l, &end, 0);
	if (end == l || *end || errno || n == 0 || n > (1u << 20) || l[0] == '-' ||
	    a > UINT64_MAX - n) {
		snprintf(err, errlen, "'%s': LEN must be 1 to 1048576 bytes", arg);
		return -1;
	}
	s->mem_addr = a;
	s->mem_len = n;
	return 0;
}

struct trace_dirs {
	const char **v;
	unsigned n;
};

static int add_dir(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct trace_dirs *d = o->dst;
	if (d->n == TRACE_MAX_FW_DIRS) {
		snprintf(err, errlen, "at most %d of them", TRACE_MAX_FW_DIRS);
		return -1;
	}
	d->v[d->n++] = arg;
	return 0;
}

/* Whether an argument before "--" spells opt (--at 0ps sets 0). */
static bool strstr_argv(int argc, char **argv, const char *opt)
{
	size_t n = strlen(opt);
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strncmp(argv[i], opt, n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '='))
			return true;
	return false;
}

int cmd_trace(int argc, char **argv)
{
	const char *outname = NULL;
	struct trace_state_opts st = { 0 };
	bool at_given = false;
	const char *dirv[TRACE_MAX_FW_DIRS];
	struct trace_dirs dirs = { .v = dirv };
	bool insns = false;
	const struct cli_opt opts[] = {
		CLI_STRING(NULL, 'o', "OUT", "write the output to OUT instead of standard output", &outname),
		CLI_FLAG("insns", 0, "perfetto: also every traced instruction, as an instant (large)", &insns),
		CLI_CALL("insn", 0, "N", "state: after the core's Nth instruction since power-on (1 is "
			 "the first)", set_insn, &st, "an instruction number"),
		CLI_CALL("at", 0, "TIME", "state: at simulated time TIME (e.g. 1.5ms)", cli_opt_time,
			 &st.at, "a time, e.g. 1.5ms"),
		CLI_STRING("core", 0, "NAME", "state: the core (rproc0.core or rproc0; default: the "
			   "first)", &st.core),
		CLI_CALL("mem", 0, "ADDR:LEN", "state: also LEN bytes of memory at ADDR, as the core "
			 "sees it", set_mem, &st, "ADDR:LEN, e.g. 0x80000000:64"),
		CLI_STRING("scenario", 0, "FILE", "the scenario the trace was recorded with, when it is "
			   "not where the trace says (state, and a trace whose events are recomputed)",
			   &st.scenario),
		CLI_CALL("firmware-dir", 0, "DIR", "search DIR for firmware first (repeatable; as "
			 "--scenario)", add_dir, &dirs, NULL),
		CLI_FLAG("stats", 0, "state: print what the seek cost on stderr (wall clock)", &st.stats),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_trace_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	if (args.noperands > 2) {
		fprintf(stderr, "rpsim trace: unexpected argument '%s'\n", args.operands[2]);
		return RPSIM_EXIT_USAGE;
	}
	const char *mode = args.noperands > 0 ? args.operands[0] : NULL;
	const char *file = args.noperands > 1 ? args.operands[1] : NULL;
	at_given = st.at != 0 || strstr_argv(argc, argv, "--at");
	bool state_opts = st.has_insn || at_given || st.core || st.mem_len || st.stats;
	if (mode && strcmp(mode, "state") == 0) {
		if (!file) {
			fprintf(stderr, "rpsim trace: missing the trace FILE\n");
			return RPSIM_EXIT_USAGE;
		}
		if (st.has_insn == at_given) {
			fprintf(stderr, "rpsim trace state: give the instant: --insn N or --at TIME (one of "
				"them); see 'rpsim trace --help'\n");
			return RPSIM_EXIT_USAGE;
		}
		st.firmware_dirs = dirs.v;
		st.nfirmware_dirs = dirs.n;
		FILE *out = stdout;
		if (outname && !(out = fopen(outname, "w"))) {
			fprintf(stderr, "rpsim trace: cannot create %s: %s\n", outname, strerror(errno));
			return RPSIM_EXIT_FAIL;
		}
		int status = trace_state(file, &st, out);
		if (outname && fclose(out) != 0 && status == RPSIM_EXIT_OK) {
			fprintf(stderr, "rpsim trace: writing %s failed: %s\n", outname, strerror(errno));
			status = RPSIM_EXIT_FAIL;
		}
		return status;
	}
	if (state_opts) {
		fprintf(stderr, "rpsim trace: --insn, --at, --core, --mem and --stats go with 'state'\n");
		return RPSIM_EXIT_USAGE;
	}
	int (*fn)(struct tracefile_reader *, FILE *, char *, size_t) = NULL;
	if (mode && strcmp(mode, "dump") == 0)
		fn = tracefile_dump;
	else if (mode && strcmp(mode, "perfetto") == 0)
		fn = tracefile_perfetto;
	else if (mode && strcmp(mode, "vcd") == 0)
		fn = tracefile_vcd;
	if (!fn || !file) {
		if (mode && !fn)
			fprintf(stderr, "rpsim trace: unknown conversion '%s' (dump, perfetto, vcd or state)\n", mode);
		else
			fprintf(stderr, "rpsim trace: missing %s\n", mode ? "the trace FILE" : "what to do (dump, perfetto, vcd or state)");
		cli_usage(stderr, &cmd_trace_cli, opts);
		return RPSIM_EXIT_USAGE;
	}
	if (insns && fn != tracefile_perfetto) {
		fprintf(stderr, "rpsim trace: --insns is for perfetto (dump shows every record; the VCD's pc "
			"follows the instructions anyway)\n");
		return RPSIM_EXIT_USAGE;
	}
	char err[512];
	/* a trace whose events are recomputed is re-executed first */
	struct replay_options ro = { .scenario = st.scenario, .firmware_dirs = dirs.v,
				     .nfirmware_dirs = dirs.n };
	struct tracefile_reader *r = replay_open_events(file, &ro, err, sizeof(err));
	if (!r) {
		fprintf(stderr, "rpsim trace: %s\n", err);
		return RPSIM_EXIT_USAGE;
	}
	FILE *out = stdout;
	if (outname) {
		out = fopen(outname, "w");
		if (!out) {
			fprintf(stderr, "rpsim trace: cannot create %s: %s\n", outname, strerror(errno));
			tracefile_close(r);
			return RPSIM_EXIT_FAIL;
		}
	}
	rc = fn == tracefile_perfetto ? tracefile_perfetto_ex(r, out, insns, err, sizeof(err))
				      : fn(r, out, err, sizeof(err));
	bool bad_trace = rc < 0 && strstr(err, "byte offset") != NULL;
	if (fflush(out) != 0 && rc == 0) {
		snprintf(err, sizeof(err), "writing the output failed: %s", strerror(errno));
		rc = -1;
	}
	if (outname && fclose(out) != 0 && rc == 0) {
		snprintf(err, sizeof(err), "writing %s failed: %s", outname, strerror(errno));
		rc = -1;
	}
	tracefile_close(r);
	if (rc < 0) {
		fprintf(stderr, "rpsim trace: %s\n", err);
		return bad_trace ? RPSIM_EXIT_USAGE : RPSIM_EXIT_FAIL;
	}
	return RPSIM_EXIT_OK;
}
