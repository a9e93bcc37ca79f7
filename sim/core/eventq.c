/* The event queue (eventq.h): a 4-ary heap with lazy deletion, kept
 * sorted while small.
 *
 * Why 4-ary: half the levels of a binary heap, and the four children of a
 * node are adjacent: their keys are one cache line (the key array is
 * aligned so that every group of siblings starts a line).  Why lazy
 * deletion: keeping each event's heap position in the event node made
 * every level of every sift write to a node somewhere else in memory
 * (measured: 0.48x a plain binary heap at 100k pending events). */
#include "sim/core/eventq.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define ARITY 4
#define LINE 64

void event_init(struct event *ev, const char *name, event_fn fn, void *ctx)
{
	ev->time = 0;
	ev->seq = 0;
	ev->q = NULL;
	ev->fn = fn;
	ev->ctx = ctx;
	ev->name = name;
}

void eventq_init(struct eventq *q)
{
	memset(q, 0, sizeof(*q));
}

static inline bool live(const struct eventq *q, uint32_t i)
{
	return q->ev[i]->q == q && q->ev[i]->seq == q->key[i].seq;
}

void eventq_destroy(struct eventq *q)
{
	for (uint32_t i = 0; i < q->len; i++)
		if (live(q, i))
			q->ev[i]->q = NULL;
	free(q->mem);
	free(q->ev_base);
	eventq_init(q);
}

/* (time, seq) as one 128-bit number: a comparison is one cmp/sbb pair
 * and no branch (which child is smaller is a coin toss, so a branch would
 * be mispredicted half the time on the pop path). */
typedef unsigned __int128 u128;

static inline u128 k128(const struct eventq_key *k)
{
	return (u128)k->time << 64 | k->seq;
}

static inline bool before(const struct eventq_key *a, const struct eventq_key *b)
{
	return k128(a) < k128(b);
}

static inline void move(struct eventq *q, uint32_t to, uint32_t from)
{
	q->key[to] = q->key[from];
	q->ev[to] = q->ev[from];
}

static inline void put(struct eventq *q, uint32_t i, struct eventq_key k, struct event *ev)
{
	q->key[i] = k;
	q->ev[i] = ev;
}

static inline void sift_up(struct eventq *q, uint32_t i, struct eventq_key k, struct event *ev)
{
	while (i > 0) {
		uint32_t parent = (i - 1) / ARITY;
		if (!before(&k, &q->key[parent]))
			break;
		move(q, i, parent);
		i = parent;
	}
	put(q, i, k, ev);
}

/* Index of the smallest of the four children from c.  The key array
 * keeps ARITY copies of the largest key after its last entry, so a group
 * cut short by the end compares like a full one, with no test.  Each key
 * is loaded once; the choices are conditional moves. */
static inline uint32_t min_child(const struct eventq_key *h, uint32_t c)
{
	const struct eventq_key *p = h + c;
	u128 k0 = k128(&p[0]), k1 = k128(&p[1]), k2 = k128(&p[2]), k3 = k128(&p[3]);
	bool b01 = k1 < k0, b23 = k3 < k2;
	u128 m01 = b01 ? k1 : k0, m23 = b23 ? k3 : k2;
	uint32_t i01 = (uint32_t)b01, i23 = 2 + (uint32_t)b23;
	uint32_t take23 = -(uint32_t)(m23 < m01); /* a mask: no branch */
	return c + (i01 ^ ((i01 ^ i23) & take23));
}

static const struct eventq_key key_max = { SIM_TIME_MAX, UINT64_MAX };

static void sift_down(struct eventq *q, uint32_t i, struct eventq_key k, struct event *ev)
{
	uint32_t n = q->len;
	for (;;) {
		uint32_t c = ARITY * i + 1;
		if (c >= n)
			break;
		uint32_t m = min_child(q->key, c);
		if (!before(&q->key[m], &k))
			break;
		move(q, i, m);
		i = m;
	}
	put(q, i, k, ev);
}

/* Moves the entries to start at off in the arrays, the sentinels after
 * them.  A heap starts at 0; a sorted queue in the middle, as its front
 * moves both ways (left for a new earliest event, right for a pop). */
static void repack(struct eventq *q, uint32_t off)
{
	struct eventq_key *key = q->key_base + off;
	struct event **ev = q->ev_base + off;
	memmove(key, q->key, (size_t)q->len * sizeof(*key));
	memmove(ev, q->ev, (size_t)q->len * sizeof(*ev));
	q->key = key;
	q->ev = ev;
	q->off = off;
	for (uint32_t i = q->len; i < q->len + ARITY; i++)
		q->key[i] = key_max;
}

/* A heap that shrank to half of EVENTQ_SMALL goes back to sorted
 * (insertion sort: at most a few entries). */
static void to_sorted(struct eventq *q)
{
	for (uint32_t i = 1; i < q->len; i++) {
		struct eventq_key k = q->key[i];
		struct event *ev = q->ev[i];
		uint32_t j = i;
		for (; j > 0 && before(&k, &q->key[j - 1]); j--)
			move(q, j, j - 1);
		put(q, j, k, ev);
	}
	q->heap = false;
}

/* Removes the top entry.  Sorted: the front moves one entry right.  A
 * heap: Floyd's bottom-up deletion: the entry moved up from the end
 * nearly always belongs near the bottom again, so the hole walks down to
 * a leaf along the smallest children (no comparison with the moved entry
 * on the way), which then sifts up from there (usually zero or one
 * step). */
static void remove_top(struct eventq *q)
{
	if (!q->heap) {
		q->key++;
		q->ev++;
		q->off++;
		q->len--;
		return;
	}
	uint32_t n = --q->len;
	struct eventq_key last = q->key[n];
	struct event *lev = q->ev[n];
	q->key[n] = key_max;
	if (n <= EVENTQ_SMALL / 2) {
		/* the last entry fills the hole at the top, then all is sorted */
		if (n)
			sift_down(q, 0, last, lev);
		to_sorted(q);
		return;
	}
	uint32_t i = 0;
	if (n > 2048) {
		/* past the L1 cache every level misses: ask for the next
		 * level's keys (one of four lines) while this one compares */
		for (uint32_t c; (c = ARITY * i + 1) < n;) {
			uint32_t g = ARITY * c + 1;
			if (g < n)
				for (unsigned k = 0; k < ARITY; k++)
					__builtin_prefetch(&q->key[g + ARITY * k]);
			uint32_t m = min_child(q->key, c);
			move(q, i, m);
			i = m;
		}
	} else {
		for (uint32_t c; (c = ARITY * i + 1) < n;) {
			uint32_t m = min_child(q->key, c);
			move(q, i, m);
			i = m;
		}
	}
	sift_up(q, i, last, lev);
}

/* Keeps the top entry live: peek, next_time and pop rely on it.  With
 * no stale entry at all (no cancel since the last compaction: the common
 * case) it touches nothing. */
static inline void drop_stale_top(struct eventq *q)
{
	while (q->stale && q->len && !live(q, 0)) {
		q->stale--;
		remove_top(q);
	}
}

/* Drops every stale entry and rebuilds the heap (Floyd's heapify, O(n));
 * a sorted queue stays sorted (the live entries keep their order). */
static void compact(struct eventq *q)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < q->len; i++)
		if (live(q, i))
			move(q, n++, i);
	for (uint32_t i = n; i < q->len; i++)
		q->key[i] = key_max;
	q->len = n;
	q->stale = 0;
	if (!q->heap)
		return;
	if (n <= EVENTQ_SMALL / 2) {
		to_sorted(q);
		return;
	}
	for (uint32_t i = (n - 2) / ARITY + 1; i-- > 0;)
		sift_down(q, i, q->key[i], q->ev[i]);
}

/* Room for one more entry: a heap needs it after its last entry, a
 * sorted queue before its first. */
static inline bool has_room(const struct eventq *q)
{
	return q->heap ? q->len < q->cap : q->off > 0;
}

static uint32_t sorted_off(const struct eventq *q)
{
	return (q->cap - q->len) / 2;
}

static int grow_slow(struct eventq *q)
{
	if (!q->heap && q->len < q->cap / 2) {
		repack(q, sorted_off(q));
		return 0;
	}
	/* stale entries make room before the arrays grow */
	if (q->stale > q->len / 2) {
		compact(q);
		if (!q->heap)
			repack(q, sorted_off(q));
		return 0;
	}
	uint32_t ncap = q->cap ? q->cap * 2 : 64;
	if (ncap <= q->cap)
		return -1;
	/* key[1], the first group of siblings, starts a cache line: so do
	 * all the others (groups of four 16-byte keys) */
	void *mem = aligned_alloc(LINE, ((size_t)ncap + 4 + ARITY) * sizeof(struct eventq_key));
	struct event **ev = malloc((size_t)ncap * sizeof(*ev));
	if (!mem || !ev) {
		free(mem);
		free(ev);
		return -1;
	}
	struct eventq_key *key = (struct eventq_key *)mem + 3;
	uint32_t off = q->heap ? 0 : (ncap - q->len) / 2;
	for (uint32_t i = 0; i < ncap + ARITY; i++)
		key[i] = key_max;
	if (q->len) {
		memcpy(key + off, q->key, (size_t)q->len * sizeof(*key));
		memcpy(ev + off, q->ev, (size_t)q->len * sizeof(*ev));
	}
	free(q->mem);
	free(q->ev_base);
	q->mem = mem;
	q->key_base = key;
	q->ev_base = ev;
	q->key = key + off;
	q->ev = ev + off;
	q->off = off;
	q->cap = ncap;
	return 0;
}

static inline int grow(struct eventq *q)
{
	return has_room(q) ? 0 : grow_slow(q);
}

/* Takes a pending ev out of q: its entry goes stale, or goes now if it
 * is the top. */
static void unlink_event(struct eventq *q, struct event *ev)
{
	ev->q = NULL;
	if (!q->heap) {
		/* one of the latest entries of a small queue (a timer compare
		 * moved or disarmed, far ahead of the rest but for the run's
		 * time limit): gone at once, the later ones moved down, and no
		 * stale entry for every later pop to look at */
		uint32_t lo = q->len > 4 ? q->len - 4 : 0;
		for (uint32_t i = q->len; i-- > lo;) {
			if (q->ev[i] == ev && q->key[i].seq == ev->seq) {
				for (uint32_t k = i; k + 1 < q->len; k++)
					move(q, k, k + 1);
				q->len--;
				q->key[q->len] = key_max;
				drop_stale_top(q); /* it was the top: keep the top live */
				return;
			}
		}
	}
	q->stale++;
	drop_stale_top(q);
}

static inline __attribute__((always_inline)) void push(struct eventq *q, struct event *ev, sim_time_t t,
						   uint64_t seq)
{
	ev->time = t;
	ev->seq = seq;
	ev->q = q;
	struct eventq_key k = { .time = t, .seq = seq };
	if (!q->heap) {
		if (q->len >= EVENTQ_SMALL && q->stale)
			compact(q); /* stale entries go before it turns into a heap */
		if (q->len < EVENTQ_SMALL) {
			if (!q->off) /* a heap just sorted again */
				repack(q, sorted_off(q));
			/* the front moves left; the entries before the new one
			 * (a new event is usually earlier than most: a
			 * device's interrupt, a core's next slice, not the
			 * far timers) follow it */
			q->key--;
			q->ev--;
			q->off--;
			uint32_t i = 0, n = ++q->len;
			for (; i + 1 < n && before(&q->key[i + 1], &k); i++)
				move(q, i, i + 1);
			put(q, i, k, ev);
			return;
		}
		/* sorted is a heap already: it goes on as one */
		repack(q, 0);
		q->heap = true;
	}
	/* the sentinels move one entry along */
	q->key[q->len + ARITY] = key_max;
	sift_up(q, q->len++, k, ev);
}

int eventq_restore(struct eventq *q, struct event *ev, sim_time_t t, uint64_t seq)
{
	assert(!event_pending(ev));
	/* a stale entry of ev could carry the same sequence number and would
	 * come back to life: drop them all first (snapshots are rare) */
	if (q->stale)
		compact(q);
	if (grow(q) < 0)
		return -1;
	push(q, ev, t, seq);
	return 0;
}

int eventq_schedule(struct eventq *q, struct event *ev, sim_time_t t)
{
	assert(!event_pending(ev) || ev->q == q);
	if (grow(q) < 0)
		return -1;
	if (event_pending(ev))
		unlink_event(q, ev);
	push(q, ev, t, q->next_seq++);
	return 0;
}

int eventq_reschedule(struct eventq *q, struct event *ev, sim_time_t t)
{
	return eventq_schedule(q, ev, t);
}

void eventq_cancel(struct eventq *q, struct event *ev)
{
	if (ev->q != q)
		return;
	unlink_event(q, ev);
	if (q->stale > 8 && q->stale > q->len / 2)
		compact(q);
}

struct event *eventq_pop_heap(struct eventq *q)
{
	struct event *ev = q->ev[0];
	ev->q = NULL;
	remove_top(q);
	drop_stale_top(q);
	return ev;
}

void eventq_settle(struct eventq *q)
{
	drop_stale_top(q);
}
