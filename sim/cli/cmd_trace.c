/* rpsim trace dump|perfetto|vcd FILE [-o OUT]: converts a binary trace. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/trace/tracefile.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpsim trace dump|perfetto|vcd FILE [-o OUT]\n"
		"\n"
		"Converts a trace written by 'rpsim run --trace FILE':\n"
		"  dump      one line per record: time, component, type, decoded payload\n"
		"  perfetto  Chrome/Perfetto trace-event JSON (open it in ui.perfetto.dev)\n"
		"  vcd       IRQ lines and mailbox channels as a VCD waveform (GTKWave)\n"
		"The output goes to standard output, or to OUT with -o.\n"
		"Format: doc/trace-format.md. Exit status: 0 done, 1 the output could\n"
		"not be written, 2 bad arguments or a bad trace file.\n");
}

int cmd_trace(int argc, char **argv)
{
	const char *mode = NULL, *file = NULL, *outname = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return RPSIM_EXIT_OK;
		}
		if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "rpsim trace: -o needs a file name\n");
				return RPSIM_EXIT_USAGE;
			}
			outname = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "rpsim trace: unknown option '%s'; 'rpsim trace --help' lists them\n", argv[i]);
			return RPSIM_EXIT_USAGE;
		} else if (!mode) {
			mode = argv[i];
		} else if (!file) {
			file = argv[i];
		} else {
			fprintf(stderr, "rpsim trace: unexpected argument '%s'\n", argv[i]);
			return RPSIM_EXIT_USAGE;
		}
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
			fprintf(stderr, "rpsim trace: unknown conversion '%s' (dump, perfetto or vcd)\n", mode);
		else
			fprintf(stderr, "rpsim trace: missing %s\n", mode ? "the trace FILE" : "what to do (dump, perfetto or vcd)");
		usage(stderr);
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
	int rc = fn(r, out, err, sizeof(err));
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
