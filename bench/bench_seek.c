/* bench_seek TRACE [N]: seeks in a seekable trace (sim/trace/replay.h), at
 * N pseudo-random instructions of the first core and N pseudo-random
 * simulated times (a fixed seed: the same instants every run); prints the
 * mean and the worst wall time of a seek and what it re-executed.  A
 * figure, never a pass/fail. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/trace/replay.h"
#include "sim/trace/tracefile.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 11;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_seek TRACE [N]\n");
		return 2;
	}
	int n = argc > 2 ? atoi(argv[2]) : 50;
	char err[1024];
	double t0 = now_ms();
	struct replay *rp = replay_open(argv[1], NULL, err, sizeof(err));
	if (!rp) {
		fprintf(stderr, "bench_seek: %s\n", err);
		return 2;
	}
	double open_ms = now_ms() - t0;
	/* the run's length: the end state */
	sim_time_t end = replay_end_time(rp);
	if (replay_goto_time(rp, end, err, sizeof(err)) < 0) {
		/* the records may end after the run: its last state is what we want */
		end = replay_sim(rp)->now;
	}
	uint64_t total = cpu_insns_total(replay_core(rp, 0));
	printf("trace %s: %.3f s simulated, %llu instructions on %s; opened in %.1f ms\n", argv[1],
	       (double)end / 1e12, (unsigned long long)total, replay_core_name(rp, 0), open_ms);
	uint64_t seed = 12345;
	double sum = 0, worst = 0, tsum = 0, tworst = 0;
	uint64_t reexec = 0, maxre = 0;
	for (int i = 0; i < n; i++) {
		uint64_t k = 1 + lcg(&seed) % (total ? total : 1);
		double a = now_ms();
		if (replay_goto_insn(rp, 0, k, NULL, err, sizeof(err)) < 0) {
			fprintf(stderr, "bench_seek: instruction %llu: %s\n", (unsigned long long)k, err);
			return 1;
		}
		double d = now_ms() - a;
		struct replay_stats st;
		replay_last_stats(rp, &st);
		reexec += st.insns;
		if (st.insns > maxre)
			maxre = st.insns;
		sum += d;
		worst = d > worst ? d : worst;
		sim_time_t t = lcg(&seed) % (end ? end : 1);
		a = now_ms();
		if (replay_goto_time(rp, t, err, sizeof(err)) < 0) {
			fprintf(stderr, "bench_seek: time %llu ps: %s\n", (unsigned long long)t, err);
			return 1;
		}
		d = now_ms() - a;
		tsum += d;
		tworst = d > tworst ? d : tworst;
	}
	printf("seek to an instruction: mean %.1f ms, worst %.1f ms over %d seeks (target <= 100 ms); "
	       "re-executed %llu instructions on average, %llu at most\n", sum / n, worst, n,
	       (unsigned long long)(reexec / (uint64_t)n), (unsigned long long)maxre);
	printf("seek to a time:         mean %.1f ms, worst %.1f ms over %d seeks\n", tsum / n, tworst, n);
	replay_close(rp);
	return 0;
}
