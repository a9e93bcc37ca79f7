#include "sim/core/eventq.h"

#include <assert.h>
#include <stdlib.h>

void event_init(struct event *ev, const char *name, event_fn fn, void *ctx)
{
	ev->time = 0;
	ev->seq = 0;
	ev->heap_index = EVENTQ_IDLE;
	ev->fn = fn;
	ev->ctx = ctx;
	ev->name = name;
}

void eventq_init(struct eventq *q)
{
	q->heap = NULL;
	q->len = 0;
	q->cap = 0;
	q->next_seq = 0;
}

void eventq_destroy(struct eventq *q)
{
	for (uint32_t i = 0; i < q->len; i++)
		q->heap[i].ev->heap_index = EVENTQ_IDLE;
	free(q->heap);
	eventq_init(q);
}

/* Branch-free on purpose: which child is smaller is a coin toss, so a
 * branch would be mispredicted half the time on the pop path. */
static inline int before(const struct eventq_slot *a, const struct eventq_slot *b)
{
	return (a->time < b->time) | ((a->time == b->time) & (a->seq < b->seq));
}

static inline void place(struct eventq *q, uint32_t i, struct eventq_slot s)
{
	q->heap[i] = s;
	s.ev->heap_index = i;
}

static inline __attribute__((always_inline)) void sift_up(struct eventq *q, uint32_t i, struct eventq_slot s)
{
	while (i > 0) {
		uint32_t parent = (i - 1) / 2;
		if (!before(&s, &q->heap[parent]))
			break;
		place(q, i, q->heap[parent]);
		i = parent;
	}
	place(q, i, s);
}

static inline __attribute__((always_inline)) void sift_down(struct eventq *q, uint32_t i, struct eventq_slot s)
{
	uint32_t n = q->len;
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && before(&q->heap[c + 1], &q->heap[c]))
			c++;
		if (!before(&q->heap[c], &s))
			break;
		place(q, i, q->heap[c]);
		i = c;
	}
	place(q, i, s);
}

/* Puts s at slot i (vacant) and restores the heap property around it. */
static void settle(struct eventq *q, uint32_t i, struct eventq_slot s)
{
	if (i > 0 && before(&s, &q->heap[(i - 1) / 2]))
		sift_up(q, i, s);
	else
		sift_down(q, i, s);
}

/* Takes node i out of the heap, keeping the heap property. */
static void remove_at(struct eventq *q, uint32_t i)
{
	q->heap[i].ev->heap_index = EVENTQ_IDLE;
	struct eventq_slot last = q->heap[--q->len];
	if (i < q->len)
		settle(q, i, last);
}

static int grow(struct eventq *q)
{
	if (q->len < q->cap)
		return 0;
	uint32_t ncap = q->cap ? q->cap * 2 : 64;
	if (ncap <= q->cap)
		return -1;
	struct eventq_slot *nh = realloc(q->heap, (size_t)ncap * sizeof(*nh));
	if (!nh)
		return -1;
	q->heap = nh;
	q->cap = ncap;
	return 0;
}

int eventq_restore(struct eventq *q, struct event *ev, sim_time_t t, uint64_t seq)
{
	assert(!event_pending(ev));
	if (grow(q) < 0)
		return -1;
	ev->time = t;
	ev->seq = seq;
	sift_up(q, q->len++, (struct eventq_slot){ .time = t, .seq = seq, .ev = ev });
	return 0;
}

int eventq_schedule(struct eventq *q, struct event *ev, sim_time_t t)
{
	struct eventq_slot s = { .time = t, .ev = ev };
	if (event_pending(ev)) {
		assert(ev->heap_index < q->len && q->heap[ev->heap_index].ev == ev);
		ev->time = t;
		ev->seq = s.seq = q->next_seq++;
		settle(q, ev->heap_index, s);
		return 0;
	}
	if (grow(q) < 0)
		return -1;
	ev->time = t;
	ev->seq = s.seq = q->next_seq++;
	sift_up(q, q->len++, s);
	return 0;
}

int eventq_reschedule(struct eventq *q, struct event *ev, sim_time_t t)
{
	return eventq_schedule(q, ev, t);
}

void eventq_cancel(struct eventq *q, struct event *ev)
{
	if (!event_pending(ev))
		return;
	assert(ev->heap_index < q->len && q->heap[ev->heap_index].ev == ev);
	remove_at(q, ev->heap_index);
}

/* Floyd's bottom-up deletion: the element moved up from the end of the
 * array nearly always belongs near the bottom again, so walk the hole down
 * to a leaf along the smaller children (one comparison per level instead of
 * two), then sift that element up from there (usually zero or one step). */
struct event *eventq_pop(struct eventq *q)
{
	if (q->len == 0)
		return NULL;
	struct event *ev = q->heap[0].ev;
	ev->heap_index = EVENTQ_IDLE;
	uint32_t n = --q->len;
	if (n == 0)
		return ev;
	struct eventq_slot last = q->heap[n];
	uint32_t i = 0;
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n)
			c += (uint32_t)before(&q->heap[c + 1], &q->heap[c]);
		place(q, i, q->heap[c]);
		i = c;
	}
	sift_up(q, i, last);
	return ev;
}
