/* rpsim exec: run a bare-metal ELF on a lone core (ISA tests,
 * benchmarks); the machine is sim/platform/bare.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/cli/cli.h"
#include "sim/core/sim.h"
#include "sim/platform/bare.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpsim exec FIRMWARE.elf [options]\n"
		"\n"
		"Runs a bare-metal RV32IMAC ELF on a lone core with RAM where its\n"
		"segments are, a CLINT at 0x02000000 and the HTIF tohost/fromhost\n"
		"words (found by symbol). A write of (code << 1) | 1 to tohost ends the\n"
		"run with exit status code (0 = pass); HTIF console and write(1/2)\n"
		"syscalls go to stdout/stderr.\n"
		"\n"
		"options:\n"
		"  --max-insns N     stop with an error after N instructions\n"
		"  --trace-insns     print each retired instruction, its disassembly\n"
		"                    and the register it writes (to stdout)\n"
		"  --stats           print instructions, simulated time, wall time and\n"
		"                    MIPS to stderr at the end\n"
		"  --clock FREQ      core clock, e.g. 100MHz (default), 1GHz\n"
		"  --quantum TIME    how far the core runs ahead per event (default 10us)\n"
		"  --signature FILE  at the end, write the words between the symbols\n"
		"                    begin_signature and end_signature to FILE, one\n"
		"                    %%08x per line (riscv-arch-test, like Spike)\n"
		"\n"
		"exit status: the tohost code; 1 if the run ended otherwise; 2 bad input.\n");
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!s || !*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 0);
	if (*end)
		return -1;
	*out = v;
	return 0;
}

int cmd_exec(int argc, char **argv)
{
	struct bare_opts o = { 0 };
	const char *path = NULL;
	bool stats = false;
	char err[512];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return RPSIM_EXIT_OK;
		} else if (strcmp(a, "--max-insns") == 0) {
			if (parse_u64(i + 1 < argc ? argv[++i] : NULL, &o.max_insns) < 0 || !o.max_insns) {
				fprintf(stderr, "rpsim exec: --max-insns needs a positive integer, e.g. --max-insns 1000000\n");
				return RPSIM_EXIT_USAGE;
			}
		} else if (strcmp(a, "--trace-insns") == 0) {
			o.trace_insns = true;
		} else if (strcmp(a, "--signature") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "rpsim exec: --signature needs a file name\n");
				return RPSIM_EXIT_USAGE;
			}
			o.signature_path = argv[++i];
		} else if (strcmp(a, "--stats") == 0) {
			stats = true;
		} else if (strcmp(a, "--clock") == 0) {
			if (i + 1 >= argc || simtime_parse_hz(argv[++i], &o.clock_hz, err, sizeof(err)) < 0) {
				fprintf(stderr, "rpsim exec: --clock: %s\n",
					i < argc && argv[i] != a ? err : "needs a frequency, e.g. 100MHz");
				return RPSIM_EXIT_USAGE;
			}
		} else if (strcmp(a, "--quantum") == 0) {
			if (i + 1 >= argc || simtime_parse(argv[++i], &o.quantum, err, sizeof(err)) < 0 ||
			    !o.quantum) {
				fprintf(stderr, "rpsim exec: --quantum: %s\n",
					i < argc && argv[i] != a ? (o.quantum ? err : "must be more than 0")
								 : "needs a duration, e.g. 10us");
				return RPSIM_EXIT_USAGE;
			}
		} else if (a[0] == '-') {
			fprintf(stderr, "rpsim exec: unknown option '%s'; 'rpsim exec --help' lists them\n", a);
			return RPSIM_EXIT_USAGE;
		} else if (path) {
			fprintf(stderr, "rpsim exec: one firmware file only ('%s' and '%s' given)\n", path, a);
			return RPSIM_EXIT_USAGE;
		} else {
			path = a;
		}
	}
	if (!path) {
		fprintf(stderr, "rpsim exec: no firmware file given; usage: rpsim exec FIRMWARE.elf [options]\n");
		return RPSIM_EXIT_USAGE;
	}
	struct sim sim;
	sim_init(&sim);
	struct bare *m = bare_create(&sim, path, &o, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "rpsim exec: %s\n", err);
		sim_destroy(&sim);
		return RPSIM_EXIT_USAGE;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = bare_run(m);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (stats) {
		/* wall time is reported only, it never feeds the simulation */
		struct cpu *c = bare_cpu(m);
		double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
		uint64_t n = cpu_insns(c);
		char ts[SIMTIME_BUFLEN];
		fflush(stdout);
		fprintf(stderr,
			"instructions: %" PRIu64 "\n"
			"simulated time: %s\n"
			"wall time: %.3f s\n"
			"MIPS: %.1f\n",
			n, simtime_format(cpu_local_time(c), ts, sizeof(ts)), wall,
			wall > 0 ? (double)n / wall / 1e6 : 0.0);
	}
	sim_destroy(&sim);
	return rc;
}
