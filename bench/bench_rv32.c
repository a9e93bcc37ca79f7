/* RV32 core benchmark: runs the compute-bound firmware (built from
 * bench/rv32_bench.c) on the bare machine of rpsim exec, with the JIT and
 * with the interpreter alone, and prints MIPS.  Timing is printed, never
 * judged; CPU time is the steadier figure on a shared machine.  Run from
 * the build directory (make bench). */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "sim/platform/bare.h"

static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

static int run(const char *name, const char *path, uint8_t jit)
{
	struct sim sim;
	sim_init(&sim);
	char err[512];
	struct bare_opts o = { .jit = jit };
	struct bare *m = bare_create(&sim, path, &o, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "bench_rv32: %s (build it with make)\n", err);
		sim_destroy(&sim);
		return 1;
	}
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	int rc = bare_run(m);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = secs(&t0, &t1), cpu = secs(&c0, &c1);
	uint64_t n = cpu_insns(bare_cpu(m));
	printf("%-10s %-11s %10" PRIu64 " insns  wall %6.3f s %7.1f MIPS  cpu %6.3f s %7.1f MIPS%s\n",
	       name, jit == CPU_JIT_OFF ? "interpreter" : "jit", n, wall,
	       wall > 0 ? (double)n / wall / 1e6 : 0.0, cpu, cpu > 0 ? (double)n / cpu / 1e6 : 0.0,
	       rc ? "  (firmware reported FAILURE)" : "");
	sim_destroy(&sim);
	return rc != 0;
}

int main(void)
{
	static const struct {
		const char *name, *path;
	} w[] = {
		{ "dhrystone", "bench/rv32_dhry.elf" },
		{ "coremark", "bench/rv32_cmark.elf" },
		{ "calls", "bench/rv32_calls.elf" },
		{ "fir", "bench/rv32_fir.elf" },
		{ "crc32", "bench/rv32_crc.elf" },
	};
	int bad = 0;
	for (unsigned i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		bad |= run(w[i].name, w[i].path, CPU_JIT_ON);
		bad |= run(w[i].name, w[i].path, CPU_JIT_OFF);
	}
	return bad;
}
