/* Machine timer: registers, mtime from simulated time, MTIP exactly at the
 * compare time, rescheduling and cancelling, MSIP, writable mtime. */
#define MTIMER_NO_COMPAT
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/timer.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"

#define BASE 0x02000000u

#include "tests/unit/device_fixture.h"

static struct mtimer *tm;

static void make(uint64_t hz)
{
	char err[128];
	dfx_setup();
	struct mtimer_config cfg = { .freq_hz = hz };
	tm = mtimer_create(&sim, "timer", &cfg);
	ck_assert_ptr_nonnull(tm);
	ck_assert_int_eq(mtimer_map(tm, &bus, BASE, err, sizeof(err)), 0);
	irq_connect(mtimer_mtip(tm), edge_sink, NULL, 7);
	irq_connect(mtimer_msip(tm), edge_sink, NULL, 3);
}

static void setup(void)
{
	make(0);
}

static void teardown(void)
{
	dfx_teardown();
}

/* MTIMECMP = cmp the safe way (hi first to all ones) */
static void set_cmp(uint64_t cmp, sim_time_t t)
{
	wr_n(MTIMER_MTIMECMP_HI, 4, 0xFFFFFFFFu, t);
	wr_n(MTIMER_MTIMECMP_LO, 4, (uint32_t)cmp, t);
	wr_n(MTIMER_MTIMECMP_HI, 4, cmp >> 32, t);
}

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd_n(MTIMER_MSIP, 4, 0), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_LO, 4, 0), 0xFFFFFFFFu);
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_HI, 4, 0), 0xFFFFFFFFu);
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_LO, 8, 0), UINT64_MAX);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 0), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_HI, 4, 0), 0);
	ck_assert(!mtimer_mtip(tm)->level);
	ck_assert(!mtimer_msip(tm)->level);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
}
END_TEST

START_TEST(access_rules)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, BASE + MTIMER_MTIME_LO, 1, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, BASE + MTIMER_MTIME_LO, 2, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, BASE + MTIMER_MTIME_HI, 8, &v, 0), BUS_MISALIGNED);
	ck_assert_int_eq(bus_read(&bus, BASE + MTIMER_MSIP, 8, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + MTIMER_MSIP, 8, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, BASE + 0x0004, 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x4008, 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, BASE + 0xFFFC, 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), 5);
	ck_assert(!mtimer_msip(tm)->level);
}
END_TEST

START_TEST(mtime_follows_simulated_time)
{
	/* 10 MHz: one tick per 100 ns */
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 99999), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 100000), 1);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 3 * SIM_S), 30000000u);
	ck_assert_uint_eq(mtimer_mtime(tm, 3 * SIM_S), 30000000u);
	/* beyond 32 bits: 500 s = 5e9 ticks */
	uint64_t ticks = 5000000000u;
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 500 * SIM_S), (uint32_t)ticks);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_HI, 4, 500 * SIM_S), ticks >> 32);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 8, 500 * SIM_S), ticks);
	/* near the end of simulated time, no overflow in the conversion */
	ck_assert_uint_eq(mtimer_mtime(tm, SIM_TIME_MAX), SIM_TIME_MAX / 100000);
}
END_TEST

START_TEST(mtip_fires_exactly_at_compare)
{
	set_cmp(100, 0); /* 10 us */
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_LO, 8, 0), 100);
	ck_assert_int_eq(sim_run(&sim, 10 * SIM_US - 1), SIM_RUN_TIME);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].num, 7);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].t, 10 * SIM_US);
	/* a compare in the future lowers it at the write */
	set_cmp(200, 15 * SIM_US);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 15 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert_uint_eq(rec.e[2].t, 20 * SIM_US);
	/* 64-bit writes: a future compare lowers, one equal to now raises, at
	 * the write */
	wr_n(MTIMER_MTIMECMP_LO, 8, 300, 25 * SIM_US);
	wr_n(MTIMER_MTIMECMP_LO, 8, 250, 25 * SIM_US);
	ck_assert_uint_eq(rec.n, 5);
	ck_assert(!rec.e[3].level);
	ck_assert_uint_eq(rec.e[3].t, 25 * SIM_US);
	ck_assert(rec.e[4].level);
	ck_assert_uint_eq(rec.e[4].t, 25 * SIM_US);
}
END_TEST

START_TEST(compare_moved_and_cancelled)
{
	set_cmp(100, 0);
	set_cmp(50, 1 * SIM_US); /* earlier */
	set_cmp(70, 2 * SIM_US); /* later again */
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 7 * SIM_US);
	set_cmp(200, 8 * SIM_US);
	wr_n(MTIMER_MTIMECMP_HI, 4, 0xFFFFFFFFu, 9 * SIM_US); /* "never" */
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 8 * SIM_US);
}
END_TEST

START_TEST(non_integral_period)
{
	teardown();
	make(3000000); /* 3 MHz: 333333.33... ps per tick */
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 333333), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 333334), 1);
	set_cmp(1, 0);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 333334);
	set_cmp(3, 400000);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert_uint_eq(rec.e[2].t, SIM_US);
}
END_TEST

START_TEST(mtime_writable_as_offset)
{
	wr_n(MTIMER_MTIME_LO, 4, 1000, SIM_US); /* mtime was 10 */
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, SIM_US), 1000);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 4, 2 * SIM_US), 1010);
	ck_assert_uint_eq(mtimer_mtime(tm, 2 * SIM_US), 1010);
	set_cmp(1005, SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 1500 * SIM_NS);
	/* winding mtime back lowers MTIP at the write */
	wr_n(MTIMER_MTIME_HI, 4, 0, 2 * SIM_US);
	ck_assert_uint_eq(rec.n, 1); /* hi write keeps 1010 >= 1005 */
	wr_n(MTIMER_MTIME_LO, 8, 0, 2 * SIM_US);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 8, 3 * SIM_US), 10);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert_uint_eq(rec.e[2].t, 2 * SIM_US + 1005 * 100 * SIM_NS);
	/* a high half write */
	wr_n(MTIMER_MTIME_HI, 4, 2, 200 * SIM_US);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 8, 200 * SIM_US), (2ull << 32) | 1980);
}
END_TEST

START_TEST(compare_beyond_simulated_time_never_fires)
{
	set_cmp(UINT64_MAX - 1, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
}
END_TEST

/* A compare beyond simulated time written again with its own value is
 * not rearmed (the firmware's arm sequence writes all ones first); the
 * result is the same as a rearm: nothing fires, and a later mtime write
 * that brings the compare near makes it fire on time. */
START_TEST(compare_rewritten_unchanged)
{
	wr_n(MTIMER_MTIMECMP_LO, 4, 0xFFFFFFFFu, SIM_US);
	wr_n(MTIMER_MTIMECMP_HI, 4, 0xFFFFFFFFu, SIM_US);
	wr_n(MTIMER_MTIMECMP_LO, 4, 0xFFFFFFFFu, 2 * SIM_US); /* same value */
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_LO, 8, 2 * SIM_US), UINT64_MAX);
	ck_assert_int_eq(sim_run(&sim, 3 * SIM_US), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
	/* mtime 20 ticks short of the compare at 4 us: MTIP at 6 us */
	wr_n(MTIMER_MTIME_LO, 8, UINT64_MAX - 20, 4 * SIM_US);
	wr_n(MTIMER_MTIMECMP_HI, 4, 0xFFFFFFFFu, 4 * SIM_US); /* same, not far now */
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].t, 6 * SIM_US);
	/* pending compare rewritten with its value: fires once, on time */
	wr_n(MTIMER_MTIME_LO, 8, 0, 10 * SIM_US); /* MTIP low */
	set_cmp(50, 10 * SIM_US);
	wr_n(MTIMER_MTIMECMP_LO, 4, 50, 11 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert(!rec.e[1].level);
	ck_assert(rec.e[2].level);
	ck_assert_uint_eq(rec.e[2].t, 15 * SIM_US);
}
END_TEST

START_TEST(msip)
{
	wr_n(MTIMER_MSIP, 4, 1, 5);
	ck_assert_uint_eq(rd_n(MTIMER_MSIP, 4, 5), 1);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].num, 3);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].t, 5);
	wr_n(MTIMER_MSIP, 4, 1, 6); /* no new edge */
	ck_assert_uint_eq(rec.n, 1);
	wr_n(MTIMER_MSIP, 4, 0, 7);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 7);
	ck_assert_uint_eq(guest_errors(), 0);
	wr_n(MTIMER_MSIP, 4, 0xFE, 8); /* bit 0 clear: stays low, logged */
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_uint_eq(rd_n(MTIMER_MSIP, 4, 8), 0);
	ck_assert_uint_eq(rec.n, 2);
}
END_TEST

START_TEST(reset_restores_and_cancels)
{
	wr_n(MTIMER_MSIP, 4, 1, 0);
	set_cmp(100, 0);
	wr_n(MTIMER_MTIME_LO, 4, 50, 0);
	mtimer_reset(tm, SIM_US);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, SIM_US);
	ck_assert_uint_eq(rd_n(MTIMER_MSIP, 4, SIM_US), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIMECMP_LO, 8, SIM_US), UINT64_MAX);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 8, SIM_US), 0);
	ck_assert_uint_eq(rd_n(MTIMER_MTIME_LO, 8, 2 * SIM_US), 10);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 2);
}
END_TEST

START_TEST(bad_config_refused)
{
	char err[128];
	struct mtimer_config c = { .freq_hz = MTIMER_MAX_HZ + 1 };
	ck_assert_int_eq(mtimer_config_check(&c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "Hz"));
	ck_assert_ptr_null(mtimer_create(&sim, "bad", &c));
	c.freq_hz = MTIMER_MAX_HZ;
	ck_assert_int_eq(mtimer_config_check(&c, err, sizeof(err)), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc = tcase_create("timer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, access_rules);
	tcase_add_test(tc, mtime_follows_simulated_time);
	tcase_add_test(tc, mtip_fires_exactly_at_compare);
	tcase_add_test(tc, compare_moved_and_cancelled);
	tcase_add_test(tc, non_integral_period);
	tcase_add_test(tc, mtime_writable_as_offset);
	tcase_add_test(tc, compare_beyond_simulated_time_never_fires);
	tcase_add_test(tc, compare_rewritten_unchanged);
	tcase_add_test(tc, msip);
	tcase_add_test(tc, reset_restores_and_cancels);
	tcase_add_test(tc, bad_config_refused);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
