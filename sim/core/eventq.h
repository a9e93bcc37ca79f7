/* Event queue: a 4-ary min-heap of (time, sequence, event) entries with
 * lazy deletion.
 *
 * Ordering invariant: an event A fires before B iff A.time < B.time, or
 * A.time == B.time and A was (re)scheduled before B.  The sequence number is
 * taken from a per-queue counter at every schedule/reschedule, so same-time
 * events fire in the order they were scheduled: the run is deterministic.
 *
 * Keys and positions live in the heap array only: moving an entry never
 * writes to its event node, which sits wherever its owner (a device, a
 * core) is and would cost a cache miss per level on a large queue.  So the
 * heap does not know where an event's entry is: cancel (and reschedule,
 * which cancels and queues again) only marks the event idle or gives it a
 * new sequence number; its old entry is "stale" (its event is no longer in
 * this queue, or has another sequence number) and is dropped when it
 * reaches the top, or all at once when stale entries outnumber live ones.
 * The top entry is always live, so peek and next_time are one load.
 *
 * Small queues (a platform's: a handful of devices and cores) are kept
 * sorted instead: a pop moves the front along (no sift at all) and a new
 * event, usually later than most, shifts a few entries.  A sorted array is
 * a heap, so a queue that grows past EVENTQ_SMALL entries goes on as one
 * with no conversion, and is sorted again when it shrinks to half that.
 *
 * Costs (n = entries, live + stale): schedule O(log4 n), usually O(1)
 * (a new event rarely belongs near the top); cancel O(1) (O(log4 n) when
 * it was the earliest); pop O(log4 n) with one comparison of four children
 * per level, children side by side in memory (O(1) when small); peek
 * O(1).  No allocation per event: the entry array grows by doubling.
 *
 * An event is either idle (q == NULL) or pending in exactly one queue.
 * Scheduling a pending event moves it (same as reschedule). */
#ifndef RPSIM_EVENTQ_H
#define RPSIM_EVENTQ_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/simtime.h"

struct event;
struct eventq;
typedef void (*event_fn)(struct event *ev, void *ctx);

struct event {
	sim_time_t time;  /* when it fires (valid while pending) */
	uint64_t seq;     /* tie-break: order of scheduling; names its live entry */
	struct eventq *q; /* the queue it is pending in, NULL when idle */
	event_fn fn;      /* called when the event fires */
	void *ctx;        /* handed to fn */
	const char *name; /* for diagnostics only */
};

/* A heap entry's key: its event's (time, seq) as it was scheduled.  Keys
 * and event pointers are two arrays: a pop compares four keys per level,
 * and four keys (64 bytes) are one cache line. */
struct eventq_key {
	sim_time_t time;
	uint64_t seq;
};

/* Up to this many entries a queue is kept sorted (see above). */
#define EVENTQ_SMALL 16

struct eventq {
	struct eventq_key *key; /* key[i] and ev[i]: entry i (key_base + off) */
	struct event **ev;
	struct eventq_key *key_base;
	struct event **ev_base;
	void *mem;      /* the allocation key_base points into */
	uint32_t len;   /* entries, stale ones included */
	uint32_t cap;   /* entries from key_base */
	uint32_t off;   /* entries popped off the front (sorted mode only) */
	uint32_t stale; /* entries whose event left or was rescheduled */
	bool heap;      /* a heap; else sorted (small queues) */
	uint64_t next_seq;
};

/* Prepares an idle event node. */
void event_init(struct event *ev, const char *name, event_fn fn, void *ctx);

static inline bool event_pending(const struct event *ev)
{
	return ev->q != NULL;
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
/* Removes ev if pending in q; harmless if idle. */
void eventq_cancel(struct eventq *q, struct event *ev);

/* Whether ev is pending in q (and not in another queue). */
static inline bool eventq_holds(const struct eventq *q, const struct event *ev)
{
	return ev->q == q;
}

static inline struct event *eventq_peek(const struct eventq *q)
{
	return q->len ? q->ev[0] : NULL;
}

/* Time of the earliest pending event, SIM_TIME_MAX if none. */
static inline sim_time_t eventq_next_time(const struct eventq *q)
{
	return q->len ? q->key[0].time : SIM_TIME_MAX;
}

/* Removes and returns the earliest event (NULL if empty); it is idle on
 * return so its handler may schedule it again.  Inline for a small
 * (sorted) queue, where it moves the front along; a heap's in
 * eventq_pop_heap. */
struct event *eventq_pop_heap(struct eventq *q);
/* Drops stale entries at the top (keeps the top entry live). */
void eventq_settle(struct eventq *q);
static inline struct event *eventq_pop(struct eventq *q)
{
	if (q->len == 0)
		return NULL;
	if (q->heap)
		return eventq_pop_heap(q);
	struct event *ev = q->ev[0];
	ev->q = NULL;
	q->key++;
	q->ev++;
	q->off++;
	q->len--;
	if (q->stale)
		eventq_settle(q);
	return ev;
}

/* Pending events (stale entries not counted). */
static inline uint32_t eventq_len(const struct eventq *q)
{
	return q->len - q->stale;
}

#endif
