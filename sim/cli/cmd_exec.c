/* rpsim exec: run a bare-metal ELF on a lone core (ISA tests,
 * benchmarks); the machine is sim/platform/bare.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/cli/cli.h"
#include "sim/core/sim.h"
#include "sim/gdb/gdb.h"
#include "sim/platform/bare.h"

const struct cli_command cmd_exec_cli = {
	.name = "exec",
	.synopsis = "FIRMWARE.elf [options]",
	.summary = "run a bare-metal ELF on a lone core (ISA tests, benchmarks)",
	.intro =
		"Runs a bare-metal ELF on a lone core chosen by its ELF machine.\n"
		"RV32IMAC, as Spike does: 2 GiB of RAM at 0x80000000 (or the regions\n"
		"given with --ram), a CLINT at 0x02000000 and the HTIF tohost/fromhost\n"
		"words (found by symbol); a write of (code << 1) | 1 to tohost ends the\n"
		"run with exit status code (0 = pass); HTIF console and write(1/2)\n"
		"syscalls go to stdout/stderr.\n"
		"Cortex-M4F: QEMU's mps2-an386 map (4 MiB at 0x00000000, 4 MiB at\n"
		"0x20000000, 16 MiB at 0x21000000), the vector table at 0; semihosting\n"
		"output goes to stdout/stderr and SYS_EXIT ends the run, as\n"
		"qemu-system-arm -M mps2-an386 -semihosting does.\n"
		"Every loadable segment must lie in RAM.\n",
	.outro = "Exit status: the tohost code or the semihosting exit status; 1 if the run\n"
		 "ended otherwise; 2 bad input.\n",
};

/* --max-insns: a count, 0 for no limit */
static int set_count(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	char *end;
	if (!arg[0] || arg[0] == '-' || arg[0] == '+' || arg[0] == ' ')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 0);
	if (*end || errno == ERANGE)
		return -1;
	*(uint64_t *)o->dst = v;
	return 0;
}

/* --ram BASE:SIZE, repeatable: the regions replace the default RAM */
static int add_ram(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct bare_opts *b = o->dst;
	if (b->nram == BARE_MAX_RAM) {
		snprintf(err, errlen, "at most %d RAM regions", BARE_MAX_RAM);
		return -1;
	}
	return bare_parse_ram(arg, &b->ram[b->nram++], err, errlen);
}

int cmd_exec(int argc, char **argv)
{
	struct bare_opts o = { .max_insns = BARE_DEFAULT_MAX_INSNS };
	bool stats = false;
	const char *gdb_spec = NULL;
	bool gdb_wait = false;
	int jit = CPU_JIT_ON;
	char err[512];
	const struct cli_opt opts[] = {
		CLI_CALL("max-insns", 0, "N", "stop with an error after N instructions (default "
			 "1000000000; 0: no limit)", set_count, &o.max_insns,
			 "a number of instructions, e.g. --max-insns 1000000, or 0 for no limit"),
		CLI_FLAG("trace-insns", 0, "print each retired instruction, its disassembly and the "
			 "register it writes (to stdout)", &o.trace_insns),
		CLI_FLAG("stats", 0, "print instructions, simulated time, wall time and MIPS to "
			 "stderr at the end", &stats),
		CLI_CALL("clock", 0, "FREQ", "core clock, e.g. 100MHz (default), 1GHz", cli_opt_hz,
			 &o.clock_hz, "a frequency, e.g. 100MHz"),
		CLI_CALL("quantum", 0, "TIME", "how far the core runs ahead per event (default 10us)",
			 cli_opt_time_positive, &o.quantum, "a duration, e.g. 10us"),
		CLI_CALL("ram", 0, "BASE:SIZE", "RAM at BASE of SIZE bytes (K, M, G suffixes, multiples "
			 "of 4 KiB) instead of the machine's map (RISC-V: 2G at 0x80000000; Cortex-M: "
			 "mps2-an386's); repeat it for more regions. Sparse: a program pays only for the "
			 "pages it touches", add_ram, &o, "BASE:SIZE, e.g. 0x80000000:256M"),
		CLI_SET("no-jit", 0, "run the reference interpreter only, no generated code (the "
			"results are the same, slower)", &jit, CPU_JIT_OFF),
		CLI_SET("jit-eager", 0, "compile every block the first time it runs, not once it "
			"is hot (tests the code generator on code that runs once)", &jit, CPU_JIT_EAGER),
		CLI_STRING("signature", 0, "FILE", "at the end, write the words between the symbols "
			   "begin_signature and end_signature to FILE, one %08x per line "
			   "(riscv-arch-test, like Spike)", &o.signature_path),
		CLI_STRING("gdb", 0, "[ADDR:]PORT",
			   "serve GDB's remote protocol on PORT (127.0.0.1 unless ADDR is given; 0 takes "
			   "a free port, printed on stderr)", &gdb_spec),
		CLI_FLAG("gdb-wait", 0, "with --gdb: hold the simulation at time 0 until GDB attaches",
			 &gdb_wait),
		CLI_END,
	};
	struct cli_args args;
	int status = cli_parse(&cmd_exec_cli, opts, argc, argv, &args);
	if (status >= 0)
		return status;
	if (args.noperands > 1) {
		fprintf(stderr, "rpsim exec: one firmware file only ('%s' and '%s' given)\n",
			args.operands[0], args.operands[1]);
		return RPSIM_EXIT_USAGE;
	}
	if (gdb_wait && !gdb_spec) {
		fprintf(stderr, "rpsim exec: --gdb-wait needs --gdb [ADDR:]PORT\n");
		return RPSIM_EXIT_USAGE;
	}
	o.jit = (uint8_t)jit;
	const char *path = args.noperands ? args.operands[0] : NULL;
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
	struct gdb_server *srv = NULL;
	if (gdb_spec && !(srv = gdb_server_listen(gdb_spec, err, sizeof(err)))) {
		fprintf(stderr, "rpsim exec: --gdb %s: %s\n", gdb_spec, err);
		sim_destroy(&sim);
		return RPSIM_EXIT_USAGE;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc;
	if (srv) {
		if (gdb_serve_bare(srv, m, "core0", gdb_wait, stderr) != 0)
			bare_kill(m);
		rc = bare_finish(m);
		gdb_server_close(srv);
	} else {
		rc = bare_run(m);
	}
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
