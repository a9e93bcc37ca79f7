/* RV32 interpreter benchmark: runs the compute-bound firmware (built from
 * bench/rv32_bench.c) on the bare machine of rpsim exec and prints MIPS.
 * Timing is printed, never judged. Run from the build directory (make bench). */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "sim/platform/bare.h"

static int run(const char *name, const char *path)
{
	struct sim sim;
	sim_init(&sim);
	char err[512];
	struct bare_opts o = { 0 };
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
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-9;
	uint64_t n = cpu_insns(bare_cpu(m));
	/* CPU-time MIPS is the steadier figure on a shared machine */
	printf("%-10s %10" PRIu64 " insns  wall %6.3f s %7.1f MIPS  cpu %6.3f s %7.1f MIPS%s\n",
	       name, n, wall, wall > 0 ? (double)n / wall / 1e6 : 0.0, cpu,
	       cpu > 0 ? (double)n / cpu / 1e6 : 0.0, rc ? "  (firmware reported FAILURE)" : "");
	sim_destroy(&sim);
	return rc != 0;
}

int main(void)
{
	static const struct {
		const char *name, *path;
	} w[] = {
		{ "dhrystone", "bench/rv32_dhry.elf" },
		{ "fir", "bench/rv32_fir.elf" },
		{ "crc32", "bench/rv32_crc.elf" },
	};
	int bad = 0;
	for (unsigned i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		bad |= run(w[i].name, w[i].path);
	return bad;
}
