/* rpsim trace dump|perfetto|vcd FILE [-o OUT]: converts a binary trace. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/trace/tracefile.h"

const struct cli_command cmd_trace_cli = {
	.name = "trace",
	.synopsis = "dump|perfetto|vcd FILE [options]",
	.summary = "convert a trace file: text, Perfetto/Chrome JSON, VCD",
	.intro =
		"Converts a trace written by 'rpsim run --trace FILE':\n"
		"  dump      one line per record: time, component, type, decoded payload\n"
		"  perfetto  Chrome/Perfetto trace-event JSON (open it in ui.perfetto.dev):\n"
		"            core states, traps and messages as slices, IRQ lines and\n"
		"            mailbox FIFO depths as counters\n"
		"  vcd       core state and pc, IRQ lines, mailbox channels as a VCD\n"
		"            waveform (GTKWave)\n"
		"The output goes to standard output, or to OUT with -o.\n",
	.outro =
		"Format: doc/trace-format.md. Exit status: 0 done, 1 the output could\n"
		"not be written, 2 bad arguments or a bad trace file.\n",
};

int cmd_trace(int argc, char **argv)
{
	const char *outname = NULL;
	bool insns = false;
	const struct cli_opt opts[] = {
		CLI_STRING(NULL, 'o', "OUT", "write the output to OUT instead of standard output", &outname),
		CLI_FLAG("insns", 0, "perfetto: also every traced instruction, as an instant (large)", &insns),
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
	int (*fn)(struct tracefile_reader *, FILE *, char *, size_t) = NULL;
	if (mode && strcmp(mode, "dump") == 0)
		fn = tracefile_dump;
	else if (mode && strcmp(mode, "perfetto") == 0)
		fn = tracefile_perfetto;
	else if (mode && strcmp(mode, "vcd") == 0)
		fn = tracefile_vcd;
	if (!fn || !file) {
		if (mode && !fn)
			fprintf(stderr, "rpsim trace: unknown conversion '%s' (dump, perfetto or vcd)\n", mode);
		else
			fprintf(stderr, "rpsim trace: missing %s\n", mode ? "the trace FILE" : "what to do (dump, perfetto or vcd)");
		cli_usage(stderr, &cmd_trace_cli, opts);
		return RPSIM_EXIT_USAGE;
	}
	if (insns && fn != tracefile_perfetto) {
		fprintf(stderr, "rpsim trace: --insns is for perfetto (dump shows every record; the VCD's pc "
			"follows the instructions anyway)\n");
		return RPSIM_EXIT_USAGE;
	}
	char err[512];
	struct tracefile_reader *r = tracefile_open(file, err, sizeof(err));
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
