#include "sim/eventq.h"

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
		q->heap[i]->heap_index = EVENTQ_IDLE;
	free(q->heap);
	eventq_init(q);
}

static inline bool before(const struct event *a, const struct event *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static inline void place(struct eventq *q, uint32_t i, struct event *ev)
{
	q->heap[i] = ev;
	ev->heap_index = i;
}

static void sift_up(struct eventq *q, uint32_t i)
{
	struct event *ev = q->heap[i];
	while (i > 0) {
		uint32_t parent = (i - 1) / 2;
		if (!before(ev, q->heap[parent]))
			break;
		place(q, i, q->heap[parent]);
		i = parent;
	}
	place(q, i, ev);
}

static void sift_down(struct eventq *q, uint32_t i)
{
	struct event *ev = q->heap[i];
	uint32_t n = q->len;
	for (;;) {
		uint32_t l = 2 * i + 1;
		if (l >= n)
			break;
		uint32_t c = l;
		if (l + 1 < n && before(q->heap[l + 1], q->heap[l]))
			c = l + 1;
		if (!before(q->heap[c], ev))
			break;
		place(q, i, q->heap[c]);
		i = c;
	}
	place(q, i, ev);
}

/* Takes node i out of the heap, keeping the heap property. */
static void remove_at(struct eventq *q, uint32_t i)
{
	struct event *ev = q->heap[i];
	struct event *last = q->heap[--q->len];
	ev->heap_index = EVENTQ_IDLE;
	if (i == q->len)
		return;
	place(q, i, last);
	if (i > 0 && before(last, q->heap[(i - 1) / 2]))
		sift_up(q, i);
	else
		sift_down(q, i);
}

int eventq_schedule(struct eventq *q, struct event *ev, sim_time_t t)
{
	if (event_pending(ev)) {
		assert(ev->heap_index < q->len && q->heap[ev->heap_index] == ev);
		uint32_t i = ev->heap_index;
		sim_time_t old_time = ev->time;
		uint64_t old_seq = ev->seq;
		ev->time = t;
		ev->seq = q->next_seq++;
		/* a later (time, seq) can only move down, an earlier one up */
		if (t < old_time || (t == old_time && ev->seq < old_seq))
			sift_up(q, i);
		else
			sift_down(q, i);
		return 0;
	}
	if (q->len == q->cap) {
		uint32_t ncap = q->cap ? q->cap * 2 : 64;
		if (ncap <= q->cap)
			return -1;
		struct event **nh = realloc(q->heap, (size_t)ncap * sizeof(*nh));
		if (!nh)
			return -1;
		q->heap = nh;
		q->cap = ncap;
	}
	ev->time = t;
	ev->seq = q->next_seq++;
	q->heap[q->len] = ev;
	ev->heap_index = q->len;
	q->len++;
	sift_up(q, q->len - 1);
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
	assert(ev->heap_index < q->len && q->heap[ev->heap_index] == ev);
	remove_at(q, ev->heap_index);
}

struct event *eventq_pop(struct eventq *q)
{
	if (q->len == 0)
		return NULL;
	struct event *ev = q->heap[0];
	remove_at(q, 0);
	return ev;
}
