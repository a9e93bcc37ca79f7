/* The bounds hostile input meets in sim/core: saturating simulated time
 * (simtime_add), the log's rate limit per source (sim_log) and the trace
 * volume per source (trace_limit). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/core/trace_limit.h"
#include "tests/unit/check_main.h"

START_TEST(time_saturates)
{
	ck_assert_uint_eq(simtime_add(1, 2), 3);
	ck_assert_uint_eq(simtime_add(SIM_TIME_MAX - 1, 1), SIM_TIME_MAX);
	ck_assert_uint_eq(simtime_add(SIM_TIME_MAX - 1, 2), SIM_TIME_MAX);
	ck_assert_uint_eq(simtime_add(SIM_TIME_MAX, SIM_TIME_MAX), SIM_TIME_MAX);
	ck_assert_uint_eq(simtime_mul(10 * SIM_S, 3), 30 * SIM_S);
	ck_assert_uint_eq(simtime_mul(10000000 * SIM_S, 3), SIM_TIME_MAX);
	ck_assert_uint_eq(simtime_mul(SIM_TIME_MAX, 0), 0);
}
END_TEST

/* sim_schedule_in past the end of time: at SIM_TIME_MAX, never in the
 * past (this aborted as "scheduled in the past") */
static void nop(struct event *ev, void *ctx)
{
	(void)ev;
	(*(int *)ctx)++;
}

START_TEST(schedule_saturates)
{
	struct sim sim;
	sim_init(&sim);
	int fired = 0;
	struct event a, b;
	event_init(&a, "a", nop, &fired);
	event_init(&b, "b", nop, &fired);
	sim_schedule(&sim, &a, SIM_TIME_MAX - 10);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX - 10), SIM_RUN_IDLE);
	sim_schedule_in(&sim, &b, 100);
	ck_assert_uint_eq(b.time, SIM_TIME_MAX);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(fired, 2);
	sim_destroy(&sim);
}
END_TEST

/* sim_run_budget stops after n events, the order unchanged */
START_TEST(run_budget)
{
	struct sim sim;
	sim_init(&sim);
	int fired = 0;
	struct event ev[5];
	for (int i = 0; i < 5; i++) {
		event_init(&ev[i], "e", nop, &fired);
		sim_schedule(&sim, &ev[i], (sim_time_t)i);
	}
	ck_assert_int_eq(sim_run_budget(&sim, SIM_TIME_MAX, 2), SIM_RUN_BUDGET);
	ck_assert_int_eq(fired, 2);
	ck_assert_uint_eq(sim.now, 1);
	ck_assert_str_eq(sim.last_event, "e");
	ck_assert_int_eq(sim_run_budget(&sim, SIM_TIME_MAX, 10), SIM_RUN_IDLE);
	ck_assert_int_eq(fired, 5);
	sim_destroy(&sim);
}
END_TEST

struct seen {
	unsigned lines[SIM_LOG_NCAT];
	char last[512];
};

static void count_line(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		       const char *who, const char *msg)
{
	(void)t, (void)comp, (void)who;
	struct seen *s = ctx;
	s->lines[cat]++;
	snprintf(s->last, sizeof(s->last), "%s", msg);
}

struct sink {
	struct trace_sink sink;
	unsigned records, logs;
	char last_log[512];
};

static void keep(struct trace_sink *ts, sim_time_t t, uint16_t type, uint16_t comp,
		 const void *data, uint32_t len)
{
	(void)t, (void)comp;
	struct sink *s = (struct sink *)ts;
	s->records++;
	if (type == TRACE_LOG) {
		s->logs++;
		snprintf(s->last_log, sizeof(s->last_log), "%.*s", (int)(len - 1), (const char *)data + 1);
	}
}

/* a million guest errors from one component: the first SIM_LOG_BURST
 * lines, then a count at every doubling, then the total */
START_TEST(log_rate_limit)
{
	struct sim sim;
	sim_init(&sim);
	struct seen seen = { { 0 }, "" };
	struct sink tr = { .sink = { .emit = keep } };
	sim.log_fn = count_line;
	sim.log_ctx = &seen;
	sim.trace = &tr.sink;
	int id = sim_add_component(&sim, "mbox", NULL, NULL);
	ck_assert_int_ge(id, 0);
	for (unsigned i = 0; i < 1000000; i++)
		sim_log(&sim, SIM_LOG_GUEST_ERROR, (uint16_t)id, NULL, "overflow %u", i);
	/* another source is not limited by the first */
	sim_log(&sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "other", "fine");
	ck_assert_uint_eq(sim.log_counts[SIM_LOG_GUEST_ERROR], 1000001);
	/* 1000 lines, counts at 1024 ... 524288 (10 of them), the other one */
	ck_assert_uint_eq(seen.lines[SIM_LOG_GUEST_ERROR], SIM_LOG_BURST + 10 + 1);
	ck_assert_uint_eq(tr.logs, SIM_LOG_BURST + 10 + 1);
	ck_assert_str_eq(seen.last, "fine");
	sim_log_summary(&sim);
	ck_assert_uint_eq(seen.lines[SIM_LOG_GUEST_ERROR], SIM_LOG_BURST + 10 + 2);
	ck_assert_ptr_nonnull(strstr(seen.last, "1000000 guest-error lines in total, 999000 of them not shown"));
	ck_assert_ptr_nonnull(strstr(tr.last_log, "1000000 guest-error lines in total"));
	sim.trace = NULL;
	sim_destroy(&sim);
}
END_TEST

/* a storm of MBOX records: a burst, then one per TRACE_LIMIT_PERIOD;
 * the drops are noted and totalled; LOG records pass untouched */
START_TEST(trace_rate_limit)
{
	struct sink down = { .sink = { .emit = keep } };
	struct trace_limit *l = trace_limit_create(&down.sink, false);
	ck_assert_ptr_nonnull(l);
	struct trace_sink *ts = trace_limit_sink(l);
	/* 200000 records, 10 ps apart: 2 us in all */
	for (unsigned i = 0; i < 200000; i++)
		record_mbox(ts, (sim_time_t)i * 10, 3, RECORD_TO_HOST, 0, RECORD_MBOX_OVERFLOW, i);
	unsigned kept = down.records - down.logs;
	ck_assert_uint_ge(kept, TRACE_LIMIT_BURST);
	ck_assert_uint_le(kept, TRACE_LIMIT_BURST + 2000000 / TRACE_LIMIT_PERIOD + 1);
	ck_assert_uint_eq(trace_limit_dropped(l), 200000 - kept);
	/* notes at 1, 2, 4, ... drops */
	ck_assert_uint_gt(down.logs, 10);
	/* another component's records have their own budget */
	unsigned before = down.records;
	record_mbox(ts, 3000000, 4, RECORD_TO_HOST, 0, RECORD_MBOX_SEND, 1);
	ck_assert_uint_eq(down.records, before + 1);
	/* time refills the budget */
	before = down.records;
	record_mbox(ts, 3000000 + 10 * TRACE_LIMIT_PERIOD, 3, RECORD_TO_HOST, 0, RECORD_MBOX_SEND, 1);
	ck_assert_uint_eq(down.records, before + 1);
	/* LOG records are never limited here (sim_log limits them) */
	before = down.records;
	for (unsigned i = 0; i < 10; i++) {
		uint8_t b[] = { SIM_LOG_INFO, 'x' };
		trace_emit(ts, 3000000, TRACE_LOG, 3, b, sizeof(b));
	}
	ck_assert_uint_eq(down.records, before + 10);
	uint64_t dropped = trace_limit_dropped(l);
	before = down.logs;
	ck_assert_uint_eq(trace_limit_finish(l, 4000000), dropped);
	ck_assert_uint_eq(down.logs, before + 1);
	ck_assert_ptr_nonnull(strstr(down.last_log, "MBOX records of this component dropped in total"));
}
END_TEST

/* with every instruction traced, INSN and CORE records all pass */
START_TEST(trace_limit_insns)
{
	struct sink down = { .sink = { .emit = keep } };
	struct trace_limit *l = trace_limit_create(&down.sink, true);
	struct trace_sink *ts = trace_limit_sink(l);
	for (unsigned i = 0; i < 100000; i++) {
		record_insn(ts, i, 6, 0x100 + i, 0x13, 0, 0);
		record_core(ts, i, 6, (uint8_t)(i & 1));
	}
	ck_assert_uint_eq(down.records, 200000);
	ck_assert_uint_eq(trace_limit_finish(l, 100000), 0);
}
END_TEST

/* The reference bucket: a division every record, as the limiter did
 * before trace_limit_admit decided the refill with a multiplication. */
struct ref_source {
	sim_time_t last;
	uint32_t tokens;
};

static bool ref_take(struct ref_source *s, sim_time_t t)
{
	if (t > s->last) {
		sim_time_t gained = (t - s->last) / TRACE_LIMIT_PERIOD;
		if (gained >= TRACE_LIMIT_BURST - s->tokens) {
			s->tokens = TRACE_LIMIT_BURST;
			s->last = t;
		} else {
			s->tokens += (uint32_t)gained;
			s->last += gained * TRACE_LIMIT_PERIOD;
		}
	}
	if (s->tokens == 0)
		return false;
	s->tokens--;
	return true;
}

/* trace_limit_admit keeps exactly the records the division keeps: storms
 * that empty the bucket, steps of a fraction of a period, of exactly one,
 * long gaps that fill it again, times that go back (a core ahead of the
 * queue), times near 2^64 */
START_TEST(trace_limit_admit_exact)
{
	struct sink down = { .sink = { .emit = keep } };
	struct trace_limit *l = trace_limit_create(&down.sink, false);
	ck_assert_ptr_nonnull(l);
	struct ref_source ref = { .tokens = TRACE_LIMIT_BURST };
	uint64_t seed = 42, t = 0, kept = 0, dropped = 0;
	for (unsigned i = 0; i < 400000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		unsigned pick = (unsigned)(seed >> 60);
		/* stretches of 100000 records: a storm, then a mix */
		if ((i / 100000) % 2 == 0)
			pick = 0;
		if (pick < 8)
			t += (seed >> 33) % 100; /* a storm */
		else if (pick < 11)
			t += TRACE_LIMIT_PERIOD * ((seed >> 40) % 3);
		else if (pick < 13)
			t += (seed >> 20) % ((sim_time_t)TRACE_LIMIT_BURST * TRACE_LIMIT_PERIOD * 2);
		else if (pick < 15)
			t -= t > 1000 ? (seed >> 50) % 1000 : 0;
		else
			t = i == 399999 ? UINT64_MAX : t + (seed >> 45);
		bool want = ref_take(&ref, t);
		ck_assert_int_eq(trace_limit_admit(l, t, TRACE_MBOX, 7), want);
		want ? kept++ : dropped++;
	}
	ck_assert_uint_gt(kept, 0);
	ck_assert_uint_gt(dropped, 0);
	ck_assert_uint_eq(trace_limit_dropped(l), dropped);
	/* exempt types and components past the table share no budget */
	ck_assert(trace_limit_admit(l, t, TRACE_LOG, 7));
	ck_assert(trace_limit_admit(l, t, TRACE_TYPE_MAX + 1, 7));
	ck_assert(trace_limit_admit(l, t, TRACE_MBOX, 0xFFFF));
	trace_limit_finish(l, t);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, time_saturates);
	tcase_add_test(tc, schedule_saturates);
	tcase_add_test(tc, run_budget);
	tcase_add_test(tc, log_rate_limit);
	tcase_add_test(tc, trace_rate_limit);
	tcase_add_test(tc, trace_limit_insns);
	tcase_add_test(tc, trace_limit_admit_exact);
	suite_add_tcase(s, tc);
	return s;
}
