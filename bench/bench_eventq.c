/* Event-queue throughput: schedule + fire of 10 million events through
 * sim_run, with a steady population of pending events (as in a simulation
 * where every device and core keeps one event armed). Prints figures; the
 * wall clock is used here only to measure, never inside the simulation. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/core/sim.h"

struct bev {
	struct event ev;
	struct sim *sim;
	uint64_t rng;
	uint64_t *left;
};

static void fire(struct event *ev, void *ctx)
{
	struct bev *b = ctx;
	if (*b->left == 0)
		return;
	(*b->left)--;
	b->rng ^= b->rng << 13;
	b->rng ^= b->rng >> 7;
	b->rng ^= b->rng << 17;
	sim_schedule_in(b->sim, ev, 1 + b->rng % 1000);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run(unsigned pending, uint64_t total)
{
	struct sim sim;
	sim_init(&sim);
	struct bev *b = calloc(pending, sizeof(*b));
	uint64_t left = total - pending;
	for (unsigned i = 0; i < pending; i++) {
		b[i].sim = &sim;
		b[i].rng = 0x9E3779B97F4A7C15ULL + i;
		b[i].left = &left;
		event_init(&b[i].ev, "bench", fire, &b[i]);
		sim_schedule(&sim, &b[i].ev, i % 1000);
	}
	double t0 = now_s();
	sim_run(&sim, SIM_TIME_MAX);
	double dt = now_s() - t0;
	printf("eventq: %" PRIu64 " events scheduled+fired, %u pending: %.3f s, %.1f M events/s\n",
	       sim.events_fired, pending, dt, (double)sim.events_fired / dt / 1e6);
	sim_destroy(&sim);
	free(b);
}

int main(int argc, char **argv)
{
	uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
	if (argc > 2) {
		run((unsigned)strtoul(argv[2], NULL, 10), total);
		return 0;
	}
	run(16, total);
	run(1000, total);
	run(100000, total);
	return 0;
}
