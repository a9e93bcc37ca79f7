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
#include "sim/platform/bare.h"

const struct cli_command cmd_exec_cli = {
	.name = "exec",
	.synopsis = "FIRMWARE.elf [options]",
	.summary = "run a bare-metal ELF on a lone core (ISA tests, benchmarks)",
	.intro =
		"Runs a bare-metal ELF on a lone core chosen by its ELF machine.\n"
		"RV32IMAC: RAM where its segments are, a CLINT at 0x02000000 and the\n"
		"HTIF tohost/fromhost words (found by symbol); a write of\n"
		"(code << 1) | 1 to tohost ends the run with exit status code (0 =\n"
		"pass); HTIF console and write(1/2) syscalls go to stdout/stderr.\n"
		"Cortex-M4F: QEMU's mps2-an386 map (4 MiB at 0x00000000, 4 MiB at\n"
		"0x20000000, 16 MiB at 0x21000000), the vector table at 0; semihosting\n"
		"output goes to stdout/stderr and SYS_EXIT ends the run, as\n"
		"qemu-system-arm -M mps2-an386 -semihosting does.\n",
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

/* a byte count: a number with an optional K, M or G (binary) suffix */
static int parse_size(const char *s, uint64_t *v)
{
	char *end;
	if (!s[0] || s[0] == '-')
		return -1;
	unsigned long long n = strtoull(s, &end, 0);
	uint64_t mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1u << 10, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1u << 20, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1u << 30, end++;
	if (*end || end == s || n > UINT64_MAX / mul)
		return -1;
	*v = n * mul;
	return 0;
}

/* --ram BASE:SIZE, repeatable */
static int set_ram(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct bare_opts *b = o->dst;
	char base_s[64];
	const char *colon = strchr(arg, ':');
	uint64_t base, size;
	if (!colon || (size_t)(colon - arg) >= sizeof(base_s))
		return -1;
	memcpy(base_s, arg, (size_t)(colon - arg));
	base_s[colon - arg] = 0;
	if (parse_size(base_s, &base) < 0 || parse_size(colon + 1, &size) < 0)
		return -1;
	if (b->nram == BARE_MAX_RAM) {
		snprintf(err, errlen, "at most %d --ram regions", BARE_MAX_RAM);
		return -1;
	}
	if (size == 0 || (size & 0xfff) || (base & 0xfff) || base > UINT32_MAX ||
	    size > ((uint64_t)1 << 32) - base) {
		snprintf(err, errlen, "%s: BASE and SIZE must be multiples of 4 KiB, SIZE not 0, "
			 "and the region inside the 32-bit address space", arg);
		return -1;
	}
	b->ram[b->nram].base = base;
	b->ram[b->nram].size = size;
	b->nram++;
	return 0;
}

int cmd_exec(int argc, char **argv)
{
	struct bare_opts o = { .max_insns = BARE_DEFAULT_MAX_INSNS };
	bool stats = false;
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
		CLI_CALL("ram", 0, "BASE:SIZE", "RAM at BASE of SIZE bytes instead of the machine's "
			 "map (RISC-V: after the ELF's segments; Cortex-M: mps2-an386's); repeat it for "
			 "more regions", set_ram, &o, "BASE:SIZE with a K, M or G suffix, multiples of "
			 "4 KiB, e.g. --ram 0x20000000:4M"),
		CLI_STRING("signature", 0, "FILE", "at the end, write the words between the symbols "
			   "begin_signature and end_signature to FILE, one %08x per line "
			   "(riscv-arch-test, like Spike)", &o.signature_path),
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
