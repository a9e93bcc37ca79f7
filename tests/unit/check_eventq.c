/* Event queue and struct sim: ordering, ties, cancel, reschedule, a
 * million random operations against a simple reference, run/stop. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/eventq.h"
#include "sim/core/sim.h"
#include "tests/unit/check_main.h"

/* Records the order events fire in. */
struct rec {
	int order[64];
	int n;
};

struct tev {
	struct event ev;
	int id;
	struct rec *rec;
};

static void note(struct event *ev, void *ctx)
{
	struct tev *t = ctx;
	(void)ev;
	t->rec->order[t->rec->n++] = t->id;
}

static void drain(struct eventq *q)
{
	struct event *ev;
	while ((ev = eventq_pop(q)))
		ev->fn(ev, ev->ctx);
}

START_TEST(orders_by_time)
{
	struct eventq q;
	struct rec r = { .n = 0 };
	struct tev e[5];
	const sim_time_t times[5] = { 50, 10, 40, 20, 30 };
	eventq_init(&q);
	for (int i = 0; i < 5; i++) {
		e[i] = (struct tev){ .id = i, .rec = &r };
		event_init(&e[i].ev, "t", note, &e[i]);
		ck_assert_int_eq(eventq_schedule(&q, &e[i].ev, times[i]), 0);
	}
	ck_assert_uint_eq(eventq_len(&q), 5);
	ck_assert_uint_eq(eventq_next_time(&q), 10);
	drain(&q);
	const int want[5] = { 1, 3, 4, 2, 0 };
	ck_assert_int_eq(r.n, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(r.order[i], want[i]);
	ck_assert_uint_eq(eventq_next_time(&q), SIM_TIME_MAX);
	ck_assert_ptr_null(eventq_pop(&q));
	eventq_destroy(&q);
}
END_TEST

START_TEST(ties_fire_in_schedule_order)
{
	struct eventq q;
	struct rec r = { .n = 0 };
	struct tev e[40];
	eventq_init(&q);
	/* 40 events at the same time, scheduled in a scrambled id order */
	for (int k = 0; k < 40; k++) {
		int i = (k * 17) % 40;
		e[i] = (struct tev){ .id = i, .rec = &r };
		event_init(&e[i].ev, "t", note, &e[i]);
		eventq_schedule(&q, &e[i].ev, 100);
	}
	drain(&q);
	for (int k = 0; k < 40; k++)
		ck_assert_int_eq(r.order[k], (k * 17) % 40);
	eventq_destroy(&q);
}
END_TEST

START_TEST(cancel_and_reschedule)
{
	struct eventq q;
	struct rec r = { .n = 0 };
	struct tev e[4];
	eventq_init(&q);
	for (int i = 0; i < 4; i++) {
		e[i] = (struct tev){ .id = i, .rec = &r };
		event_init(&e[i].ev, "t", note, &e[i]);
		eventq_schedule(&q, &e[i].ev, (sim_time_t)(10 * (i + 1)));
	}
	eventq_cancel(&q, &e[1].ev);
	ck_assert(!event_pending(&e[1].ev));
	eventq_cancel(&q, &e[1].ev); /* cancelling an idle event is harmless */
	eventq_reschedule(&q, &e[0].ev, 35); /* later: after 2 (30), before 3 (40) */
	eventq_reschedule(&q, &e[3].ev, 5);  /* earlier: first */
	ck_assert_uint_eq(eventq_len(&q), 3);
	drain(&q);
	ck_assert_int_eq(r.n, 3);
	ck_assert_int_eq(r.order[0], 3);
	ck_assert_int_eq(r.order[1], 2);
	ck_assert_int_eq(r.order[2], 0);
	/* rescheduling to the same time moves it behind its peers */
	r.n = 0;
	for (int i = 0; i < 3; i++)
		eventq_schedule(&q, &e[i].ev, 7);
	eventq_reschedule(&q, &e[0].ev, 7);
	drain(&q);
	ck_assert_int_eq(r.order[0], 1);
	ck_assert_int_eq(r.order[1], 2);
	ck_assert_int_eq(r.order[2], 0);
	eventq_destroy(&q);
}
END_TEST

START_TEST(destroy_leaves_events_idle)
{
	struct eventq q;
	struct tev e = { .id = 0 };
	eventq_init(&q);
	event_init(&e.ev, "t", note, &e);
	eventq_schedule(&q, &e.ev, 1);
	eventq_destroy(&q);
	ck_assert(!event_pending(&e.ev));
}
END_TEST

/* xorshift64*: a seeded generator, so the test is the same every run */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

struct ref {
	bool pending;
	sim_time_t time;
	uint64_t seq;
};

/* Random schedules, reschedules, cancels and pops of npool events
 * against a reference that scans every event; a large pool with many
 * cancels makes stale entries pile up, so compaction and growth run too. */
static void random_ops(int npool, long ops, unsigned cancel_weight)
{
	struct eventq q;
	struct event *ev = calloc((size_t)npool, sizeof(*ev));
	struct ref *ref = calloc((size_t)npool, sizeof(*ref));
	uint64_t seq = 0, rng = 0x9E3779B97F4A7C15ULL;
	sim_time_t now = 0;
	eventq_init(&q);
	for (int i = 0; i < npool; i++)
		event_init(&ev[i], "r", NULL, NULL);
	for (long op = 0; op < ops; op++) {
		uint64_t r = rng_next(&rng);
		int i = (int)(r % (uint64_t)npool);
		unsigned kind = (unsigned)((r >> 32) % (3 + cancel_weight));
		if (kind < 2) { /* schedule or reschedule; small range gives many ties */
			sim_time_t t = now + ((r >> 16) % 16);
			if (eventq_schedule(&q, &ev[i], t) != 0)
				ck_abort_msg("op %ld: schedule failed", op);
			ref[i] = (struct ref){ .pending = true, .time = t, .seq = seq++ };
		} else if (kind == 2) { /* pop: must be the reference's earliest (time, seq) */
			int best = -1;
			for (int k = 0; k < npool; k++)
				if (ref[k].pending &&
				    (best < 0 || ref[k].time < ref[best].time ||
				     (ref[k].time == ref[best].time && ref[k].seq < ref[best].seq)))
					best = k;
			struct event *got = eventq_pop(&q);
			/* plain checks in this loop: a million ck_asserts cost
			 * more than the queue (19 s under ASan) */
			if (best < 0) {
				if (got)
					ck_abort_msg("op %ld: popped from an empty queue", op);
			} else {
				if (got != &ev[best] || event_pending(got))
					ck_abort_msg("op %ld: popped %ld, the reference says %d", op,
						     got ? (long)(got - ev) : -1L, best);
				ref[best].pending = false;
				now = ref[best].time;
			}
		} else {
			eventq_cancel(&q, &ev[i]);
			ref[i].pending = false;
		}
		if (event_pending(&ev[i]) != ref[i].pending)
			ck_abort_msg("op %ld: event %d pending %d, reference %d", op, i, event_pending(&ev[i]),
				     ref[i].pending);
		if (eventq_next_time(&q) != SIM_TIME_MAX && !event_pending(eventq_peek(&q)))
			ck_abort_msg("op %ld: the top entry is stale", op);
	}
	uint32_t n = 0;
	for (int k = 0; k < npool; k++)
		n += ref[k].pending;
	ck_assert_uint_eq(eventq_len(&q), n);
	eventq_destroy(&q);
	for (int k = 0; k < npool; k++)
		ck_assert(!event_pending(&ev[k]));
	free(ev);
	free(ref);
}

START_TEST(random_against_reference)
{
	random_ops(64, 1000000, 1);
}
END_TEST

START_TEST(random_many_cancels)
{
	/* as a timer re-armed on every wait: most entries go stale */
	random_ops(1500, 60000, 6);
}
END_TEST

START_TEST(random_small_queues)
{
	/* queues around EVENTQ_SMALL entries: sorted, a heap, sorted again,
	 * with stale entries in both */
	random_ops(12, 200000, 1);
	random_ops(EVENTQ_SMALL + 6, 200000, 1);
	random_ops(2 * EVENTQ_SMALL + 8, 200000, 0);
	random_ops(3 * EVENTQ_SMALL, 200000, 4);
}
END_TEST

/* A snapshot restores an event with the sequence number it had; a stale
 * entry of the same event with that number must not come back.  (Eight
 * events: a small queue drops one of its last four entries at once, so
 * the second of eight is the one that goes stale.) */
START_TEST(restore_after_cancel)
{
	struct eventq q;
	struct rec r = { .n = 0 };
	struct tev e[8];
	eventq_init(&q);
	for (int i = 0; i < 8; i++) {
		e[i] = (struct tev){ .id = i, .rec = &r };
		event_init(&e[i].ev, "t", note, &e[i]);
		eventq_schedule(&q, &e[i].ev, 50);
	}
	uint64_t seq1 = e[1].ev.seq;
	eventq_cancel(&q, &e[1].ev); /* not the top: its entry goes stale */
	ck_assert_uint_eq(q.stale, 1);
	ck_assert_uint_eq(eventq_len(&q), 7);
	ck_assert_int_eq(eventq_restore(&q, &e[1].ev, 50, seq1), 0);
	ck_assert_uint_eq(eventq_len(&q), 8);
	drain(&q);
	ck_assert_int_eq(r.n, 8); /* once each, in the saved order */
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(r.order[i], i);
	eventq_destroy(&q);
}
END_TEST

/* One of the last four entries of a small queue cancelled or moved goes
 * at once (no stale entry), the order of the rest kept. */
START_TEST(cancel_near_the_end)
{
	struct eventq q;
	struct rec r = { .n = 0 };
	struct tev e[6];
	eventq_init(&q);
	for (int i = 0; i < 6; i++) {
		e[i] = (struct tev){ .id = i, .rec = &r };
		event_init(&e[i].ev, "t", note, &e[i]);
		eventq_schedule(&q, &e[i].ev, 100 + (sim_time_t)i);
	}
	eventq_cancel(&q, &e[4].ev);             /* the one before the last */
	eventq_schedule(&q, &e[5].ev, 103);      /* the last, moved to a tie */
	ck_assert_uint_eq(q.stale, 0);
	ck_assert_uint_eq(eventq_len(&q), 5);
	ck_assert(!event_pending(&e[4].ev));
	drain(&q);
	static const int want[] = { 0, 1, 2, 3, 5 };
	ck_assert_int_eq(r.n, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(r.order[i], want[i]);
	eventq_destroy(&q);
}
END_TEST

/* --- struct sim --- */

struct chain {
	struct sim *sim;
	struct event ev;
	int fired;
	sim_time_t at[8];
	int stop_after;
};

static void chain_fire(struct event *ev, void *ctx)
{
	struct chain *c = ctx;
	c->at[c->fired++] = c->sim->now;
	if (c->fired == c->stop_after)
		sim_stop(c->sim, 42);
	if (c->fired < 5)
		sim_schedule_in(c->sim, ev, 100);
}

START_TEST(sim_run_until_idle_time_and_stop)
{
	struct sim sim;
	sim_init(&sim);
	struct chain c = { .sim = &sim, .stop_after = 0 };
	event_init(&c.ev, "chain", chain_fire, &c);
	sim_schedule(&sim, &c.ev, 10);
	/* until a time: stops before the event at 210, now = until */
	ck_assert_int_eq(sim_run(&sim, 150), SIM_RUN_TIME);
	ck_assert_uint_eq(sim.now, 150);
	ck_assert_int_eq(c.fired, 2);
	/* an event exactly at `until` fires */
	ck_assert_int_eq(sim_run(&sim, 210), SIM_RUN_TIME);
	ck_assert_int_eq(c.fired, 3);
	ck_assert_uint_eq(sim.now, 210);
	c.stop_after = 4;
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_STOPPED);
	ck_assert_int_eq(sim.stop_code, 42);
	ck_assert_uint_eq(sim.now, 310);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(c.fired, 5);
	ck_assert_uint_eq(c.at[4], 410);
	ck_assert_uint_eq(sim.events_fired, 5);
	sim_destroy(&sim);
}
END_TEST

static int destroyed[4];
static int ndestroyed;

static void comp_destroy(void *obj)
{
	destroyed[ndestroyed++] = *(int *)obj;
}

struct logcap {
	int n;
	enum sim_log_cat cat;
	sim_time_t t;
	char comp[32];
	char msg[128];
};

static void cap_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *component, const char *msg)
{
	(void)comp_id;
	struct logcap *l = ctx;
	l->n++;
	l->cat = cat;
	l->t = t;
	snprintf(l->comp, sizeof(l->comp), "%s", component);
	snprintf(l->msg, sizeof(l->msg), "%s", msg);
}

START_TEST(sim_components_and_log)
{
	struct sim sim;
	int ids[3] = { 1, 2, 3 };
	sim_init(&sim);
	ck_assert_int_eq(sim_add_component(&sim, "a", &ids[0], comp_destroy), 0);
	ck_assert_int_eq(sim_add_component(&sim, "b", &ids[1], comp_destroy), 1);
	ck_assert_int_eq(sim_add_component(&sim, "c", &ids[2], NULL), 2);
	ck_assert_ptr_eq(sim_find_component(&sim, "b"), &ids[1]);
	ck_assert_ptr_null(sim_find_component(&sim, "zz"));

	struct logcap l = { 0 };
	sim.log_fn = cap_log;
	sim.log_ctx = &l;
	sim.now = 5;
	sim_log(&sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "mbox", "write to full FIFO %d", 3);
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(l.cat, SIM_LOG_GUEST_ERROR);
	ck_assert_uint_eq(l.t, 5);
	ck_assert_str_eq(l.comp, "mbox");
	ck_assert_str_eq(l.msg, "write to full FIFO 3");
	sim_log_at(&sim, 9, SIM_LOG_UNIMP, SIM_NO_COMPONENT, "core", "x");
	ck_assert_uint_eq(l.t, 9);
	/* below the level: counted, not printed */
	sim_log(&sim, SIM_LOG_DEBUG, SIM_NO_COMPONENT, "core", "quiet");
	ck_assert_int_eq(l.n, 2);
	ck_assert_uint_eq(sim.log_counts[SIM_LOG_DEBUG], 1);
	ck_assert_uint_eq(sim.log_counts[SIM_LOG_GUEST_ERROR], 1);
	ck_assert_str_eq(sim_log_cat_name(SIM_LOG_UNIMP), "unimplemented");

	ndestroyed = 0;
	sim_destroy(&sim);
	ck_assert_int_eq(ndestroyed, 2);
	ck_assert_int_eq(destroyed[0], 2); /* reverse order of registration */
	ck_assert_int_eq(destroyed[1], 1);
}
END_TEST

START_TEST(sim_component_table_full)
{
	struct sim sim;
	sim_init(&sim);
	for (int i = 0; i < SIM_MAX_COMPONENTS; i++)
		ck_assert_int_ge(sim_add_component(&sim, "x", NULL, NULL), 0);
	ck_assert_int_eq(sim_add_component(&sim, "x", NULL, NULL), -1);
	sim_destroy(&sim);
}
END_TEST

/* Trace records reach the sink with the right time, type and bytes. */
struct tcap {
	struct trace_sink sink;
	int n;
	sim_time_t t;
	uint16_t type, comp;
	uint8_t data[64];
	uint32_t len;
};

static void tcap_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		      const void *data, uint32_t len)
{
	struct tcap *c = (struct tcap *)s;
	c->n++;
	c->t = t;
	c->type = type;
	c->comp = comp;
	c->len = len < sizeof(c->data) ? len : sizeof(c->data);
	memcpy(c->data, data, c->len);
}

START_TEST(sim_trace_sink)
{
	struct sim sim;
	struct tcap cap = { .sink = { .emit = tcap_emit } };
	sim_init(&sim);
	sim_trace(&sim, 1, TRACE_IRQ, 0, "x", 1); /* tracing off: nothing */
	sim.trace = &cap.sink;
	ck_assert_int_eq(sim_add_component(&sim, "uart0", NULL, NULL), 0);
	ck_assert_int_eq(cap.type, TRACE_COMPONENT);
	ck_assert_int_eq(cap.len, 2 + 5);
	ck_assert_int_eq(memcmp(cap.data + 2, "uart0", 5), 0);
	sim_trace(&sim, 77, TRACE_UART, 0, "hello", 5);
	ck_assert_int_eq(cap.n, 2);
	ck_assert_uint_eq(cap.t, 77);
	ck_assert_int_eq(cap.type, TRACE_UART);
	sim.log_fn = NULL;
	sim_log(&sim, SIM_LOG_INFO, SIM_NO_COMPONENT, "c", "hi");
	ck_assert_int_eq(cap.type, TRACE_LOG);
	ck_assert_int_eq(cap.data[0], SIM_LOG_INFO);
	ck_assert_int_eq(memcmp(cap.data + 1, "hi", 2), 0);
	ck_assert_uint_eq(cap.comp, SIM_NO_COMPONENT); /* "c" is not a component */
	sim_log(&sim, SIM_LOG_INFO, 0, NULL, "line");
	ck_assert_uint_eq(cap.comp, 0);                /* logged on uart0's lane */
	sim_log(&sim, SIM_LOG_INFO, 0, "uart0.rx", "byte");
	ck_assert_uint_eq(cap.comp, 0);                /* by id, whatever the name */
	sim_destroy(&sim);
}
END_TEST

/* Cores' run events have their own queue: the earliest of both fires,
 * and at equal times device/host events go first. */
struct order {
	struct sim *sim;
	char seen[16];
	int n;
};

struct oev {
	struct event ev;
	char tag;
	struct order *o;
};

static void oev_fire(struct event *ev, void *ctx)
{
	struct oev *e = ctx;
	(void)ev;
	e->o->seen[e->o->n++] = e->tag;
}

START_TEST(core_queue)
{
	struct sim sim;
	struct order o = { .sim = &sim };
	struct oev a = { .tag = 'a', .o = &o }, b = { .tag = 'b', .o = &o }, c = { .tag = 'c', .o = &o },
		   d = { .tag = 'd', .o = &o };
	sim_init(&sim);
	event_init(&a.ev, "dev", oev_fire, &a);
	event_init(&b.ev, "core0", oev_fire, &b);
	event_init(&c.ev, "core1", oev_fire, &c);
	event_init(&d.ev, "dev2", oev_fire, &d);
	sim_core_schedule(&sim, &b.ev, 10); /* scheduled first, but a core */
	sim_schedule(&sim, &a.ev, 10);
	sim_core_schedule(&sim, &c.ev, 5);
	sim_schedule(&sim, &d.ev, 20);
	/* the queue a core respects holds no core event */
	ck_assert_uint_eq(eventq_next_time(&sim.q), 10);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(o.n, 4);
	ck_assert_int_eq(memcmp(o.seen, "cabd", 4), 0);
	sim_core_schedule(&sim, &b.ev, 30);
	sim_core_cancel(&sim, &b.ev);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(o.n, 4);
	sim_destroy(&sim);
}
END_TEST

/* sim_cancel finds an event in either queue: a core's run event cancelled
 * through it (and a device event through sim_core_cancel) never fires. */
START_TEST(cancel_either_queue)
{
	struct sim sim;
	struct order o = { .sim = &sim };
	struct oev a = { .tag = 'a', .o = &o }, b = { .tag = 'b', .o = &o };
	sim_init(&sim);
	event_init(&a.ev, "dev", oev_fire, &a);
	event_init(&b.ev, "core0", oev_fire, &b);
	sim_schedule(&sim, &a.ev, 10);
	sim_core_schedule(&sim, &b.ev, 10);
	sim_cancel(&sim, &b.ev);
	sim_core_cancel(&sim, &a.ev);
	ck_assert(!event_pending(&a.ev) && !event_pending(&b.ev));
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(o.n, 0);
	/* moving a pending event to the other queue takes it out of the first */
	sim_schedule(&sim, &a.ev, 5);
	sim_core_schedule(&sim, &a.ev, 7);
	ck_assert_uint_eq(eventq_len(&sim.q), 0);
	ck_assert_uint_eq(eventq_len(&sim.cq), 1);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(o.n, 1);
	ck_assert_uint_eq(sim.now, 7);
	sim_destroy(&sim);
}
END_TEST

/* A simulator bug aborts with a message, whatever NDEBUG says. */
START_TEST(schedule_in_past_aborts)
{
	struct sim sim;
	struct event ev;
	sim_init(&sim);
	sim.now = 100;
	event_init(&ev, "late", NULL, NULL);
	sim_schedule(&sim, &ev, 99);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("eventq");
	TCase *tc = tcase_create("queue");
	tcase_set_timeout(tc, 300); /* a hang guard, not a timing check */
	tcase_add_test(tc, orders_by_time);
	tcase_add_test(tc, ties_fire_in_schedule_order);
	tcase_add_test(tc, cancel_and_reschedule);
	tcase_add_test(tc, cancel_near_the_end);
	tcase_add_test(tc, destroy_leaves_events_idle);
	tcase_add_test(tc, random_against_reference);
	tcase_add_test(tc, random_many_cancels);
	tcase_add_test(tc, random_small_queues);
	tcase_add_test(tc, restore_after_cancel);
	suite_add_tcase(s, tc);
	TCase *ts = tcase_create("sim");
	tcase_add_test(ts, sim_run_until_idle_time_and_stop);
	tcase_add_test(ts, sim_components_and_log);
	tcase_add_test(ts, sim_component_table_full);
	tcase_add_test(ts, sim_trace_sink);
	tcase_add_test(ts, core_queue);
	tcase_add_test(ts, cancel_either_queue);
	tcase_add_test_raise_signal(ts, schedule_in_past_aborts, SIGABRT);
	suite_add_tcase(s, ts);
	return s;
}
