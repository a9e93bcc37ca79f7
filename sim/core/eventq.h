/* Event queue: a binary min-heap of intrusive event nodes keyed by
 * (time, sequence).
 *
 * Ordering invariant: an event A fires before B iff A.time < B.time, or
 * A.time == B.time and A was (re)scheduled before B.  The sequence number is
 * taken from a per-queue counter at every schedule/reschedule, so same-time
 * events fire in the order they were scheduled: the run is deterministic.
 *
 * Costs (n = events pending): schedule, cancel, reschedule O(log n);
 * peek O(1); pop O(log n).  No allocation per event: the node lives inside
 * its owner (a device, a core) and the heap stores pointers to nodes.  The
 * pointer array grows by doubling, so allocation is amortised to nothing
 * once the queue has seen its high-water mark.
 *
 * An event is either idle (heap_index == EVENTQ_IDLE) or pending in exactly
 * one queue.  Scheduling a pending event moves it (same as reschedule). */
#ifndef RPSIM_EVENTQ_H
#define RPSIM_EVENTQ_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/simtime.h"

struct event;
typedef void (*event_fn)(struct event *ev, void *ctx);

#define EVENTQ_IDLE UINT32_MAX

struct event {
	sim_time_t time;     /* when it fires (valid while pending) */
	uint64_t seq;        /* tie-break: order of scheduling */
	uint32_t heap_index; /* position in the heap, EVENTQ_IDLE if not queued */
	event_fn fn;         /* called when the event fires */
	void *ctx;           /* handed to fn */
	const char *name;    /* for diagnostics only */
};

/* A heap slot carries a copy of its event's key, so sifting compares
 * within the array and touches event nodes only to update heap_index. */
struct eventq_slot {
	sim_time_t time;
	uint64_t seq;
	struct event *ev;
};

struct eventq {
	struct eventq_slot *heap;
	uint32_t len;
	uint32_t cap;
	uint64_t next_seq;
};

/* Prepares an idle event node. */
void event_init(struct event *ev, const char *name, event_fn fn, void *ctx);

static inline bool event_pending(const struct event *ev)
{
	return ev->heap_index != EVENTQ_IDLE;
}

void eventq_init(struct eventq *q);
/* Frees the heap array. Pending events are left idle (not fired). */
void eventq_destroy(struct eventq *q);

/* Queues ev at time t (or moves it there if pending). Returns 0, or -1 if
 * the heap array cannot grow (out of memory; ev is left unchanged). */
int eventq_schedule(struct eventq *q, struct event *ev, sim_time_t t);
/* Same as eventq_schedule; named for readability at call sites. */
int eventq_reschedule(struct eventq *q, struct event *ev, sim_time_t t);
/* Queues an idle ev at time t with sequence number seq, as it was when a
 * snapshot saved it (sim/core/snap.h); the queue's counter is restored
 * separately.  0, or -1 out of memory. */
int eventq_restore(struct eventq *q, struct event *ev, sim_time_t t, uint64_t seq);
/* Removes ev if pending; harmless if idle. */
void eventq_cancel(struct eventq *q, struct event *ev);

/* Whether ev is pending in q (and not in another queue). */
static inline bool eventq_holds(const struct eventq *q, const struct event *ev)
{
	return ev->heap_index < q->len && q->heap[ev->heap_index].ev == ev;
}

static inline struct event *eventq_peek(const struct eventq *q)
{
	return q->len ? q->heap[0].ev : NULL;
}

/* Time of the earliest pending event, SIM_TIME_MAX if none. */
static inline sim_time_t eventq_next_time(const struct eventq *q)
{
	return q->len ? q->heap[0].time : SIM_TIME_MAX;
}

/* Removes and returns the earliest event (NULL if empty); it is idle on
 * return so its handler may schedule it again. */
struct event *eventq_pop(struct eventq *q);

static inline uint32_t eventq_len(const struct eventq *q)
{
	return q->len;
}

#endif
