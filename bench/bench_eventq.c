/* Event-queue throughput against a plain binary heap.  Both do the same
 * work: pop the earliest (time, seq) entry, "fire" it (an xorshift step in
 * the event's owner, as a device touches its own state), and schedule it
 * again 1..1000 ps later, with a steady population of pending events (as
 * in a simulation where every device and core keeps one event armed).
 * The reference is what std::priority_queue does (push_heap/pop_heap over
 * 24-byte {time, seq, pointer} entries, no positions kept, no cancel):
 * the fastest a queue without cancel can be with a binary heap.  Runs are
 * interleaved and the median of each is compared, in CPU time (the
 * machine is shared: wall time mostly measures the neighbours).  Prints
 * figures; the host clock is used here only to measure, never inside the
 * simulation. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/core/sim.h"

struct owner {
	struct event ev;
	struct sim *sim;
	uint64_t rng;
	uint64_t *left;
};

static uint64_t step(uint64_t *rng)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 7;
	*rng ^= *rng << 17;
	return 1 + *rng % 1000;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the reference: a plain binary heap, as std::priority_queue ---- */

struct ref_ent {
	uint64_t time, seq;
	struct owner *o;
};

static inline int ref_before(const struct ref_ent *a, const struct ref_ent *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void ref_push(struct ref_ent *h, size_t *n, struct ref_ent e)
{
	size_t i = (*n)++;
	while (i > 0 && ref_before(&e, &h[(i - 1) / 2])) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = e;
}

/* libstdc++'s pop_heap: the hole goes down to a leaf along the smaller
 * child, the last entry goes up from there */
static struct ref_ent ref_pop(struct ref_ent *h, size_t *n)
{
	struct ref_ent top = h[0], last = h[--*n];
	size_t len = *n, i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= len)
			break;
		if (c + 1 < len && ref_before(&h[c + 1], &h[c]))
			c++;
		h[i] = h[c];
		i = c;
	}
	while (i > 0 && ref_before(&last, &h[(i - 1) / 2])) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	if (len)
		h[i] = last;
	return top;
}

static double run_ref(struct owner *o, unsigned pending, uint64_t total)
{
	struct ref_ent *h = malloc(sizeof(*h) * pending);
	size_t n = 0;
	uint64_t seq = 0;
	for (unsigned i = 0; i < pending; i++)
		ref_push(h, &n, (struct ref_ent){ i % 1000, seq++, &o[i] });
	double t0 = now_s();
	for (uint64_t k = pending; k < total; k++) {
		struct ref_ent e = ref_pop(h, &n);
		ref_push(h, &n, (struct ref_ent){ e.time + step(&e.o->rng), seq++, e.o });
	}
	double dt = now_s() - t0;
	free(h);
	return dt;
}

/* ---- rpsim's queue, through its own API ---- */

static double run_eventq(struct owner *o, unsigned pending, uint64_t total)
{
	struct eventq q;
	eventq_init(&q);
	for (unsigned i = 0; i < pending; i++) {
		event_init(&o[i].ev, "bench", NULL, &o[i]);
		eventq_schedule(&q, &o[i].ev, i % 1000);
	}
	double t0 = now_s();
	for (uint64_t k = pending; k < total; k++) {
		struct event *ev = eventq_pop(&q);
		struct owner *w = ev->ctx;
		eventq_schedule(&q, ev, ev->time + step(&w->rng));
	}
	double dt = now_s() - t0;
	eventq_destroy(&q);
	return dt;
}

/* ---- the same through sim_run (both queues, the run loop) ---- */

static void fire(struct event *ev, void *ctx)
{
	struct owner *b = ctx;
	if (*b->left == 0)
		return;
	(*b->left)--;
	sim_schedule_in(b->sim, ev, step(&b->rng));
}

static double run_sim(struct owner *o, unsigned pending, uint64_t total)
{
	struct sim sim;
	sim_init(&sim);
	uint64_t left = total - pending;
	for (unsigned i = 0; i < pending; i++) {
		o[i].sim = &sim;
		o[i].left = &left;
		event_init(&o[i].ev, "bench", fire, &o[i]);
		sim_schedule(&sim, &o[i].ev, i % 1000);
	}
	double t0 = now_s();
	sim_run(&sim, SIM_TIME_MAX);
	double dt = now_s() - t0;
	sim_destroy(&sim);
	return dt;
}

static void seed(struct owner *o, unsigned pending)
{
	for (unsigned i = 0; i < pending; i++)
		o[i].rng = 0x9E3779B97F4A7C15ULL + i;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

#define REPS 5

static void compare(unsigned pending, uint64_t total)
{
	struct owner *o = calloc(pending, sizeof(*o));
	double r[REPS], q[REPS], s[REPS];
	for (int i = 0; i < REPS; i++) {
		seed(o, pending);
		r[i] = run_ref(o, pending, total);
		seed(o, pending);
		q[i] = run_eventq(o, pending, total);
		seed(o, pending);
		s[i] = run_sim(o, pending, total);
	}
	qsort(r, REPS, sizeof(double), cmp_d);
	qsort(q, REPS, sizeof(double), cmp_d);
	qsort(s, REPS, sizeof(double), cmp_d);
	double mr = r[REPS / 2], mq = q[REPS / 2], ms = s[REPS / 2];
	double ev = (double)(total - pending);
	printf("eventq %6u pending: %6.1f M events/s, plain binary heap %6.1f M/s: %.2fx the heap"
	       "  (through sim_run %.1f M/s)\n",
	       pending, ev / mq / 1e6, ev / mr / 1e6, mr / mq, ev / ms / 1e6);
	free(o);
}

int main(int argc, char **argv)
{
	uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 10) : 4000000;
	printf("event queue vs a plain binary heap (std::priority_queue's algorithm), "
	       "%" PRIu64 " pops + schedules, median of %d interleaved runs:\n", total, REPS);
	if (argc > 2) {
		compare((unsigned)strtoul(argv[2], NULL, 10), total);
		return 0;
	}
	compare(16, total);
	compare(1000, total);
	compare(100000, total);
	return 0;
}
