/* Watchdog: registers, expiry exactly at kick + LOAD, kicks, disable
 * cancelling, COUNT from time, W1C status and the host IRQ line. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/watchdog.h"
#include "sim/core/sim.h"

#define BASE 0x04000000u

#include "tests/unit/device_fixture.h"

/* the watchdog's line, as the platform numbers it */
#define WDT_LINE 33

static struct watchdog *wd;

static void make(uint64_t hz)
{
	char err[128];
	dfx_setup();
	struct watchdog_config cfg = { .freq_hz = hz };
	wd = watchdog_create(&sim, "wdt", &cfg);
	ck_assert_ptr_nonnull(wd);
	ck_assert_int_eq(watchdog_map(wd, &bus, BASE, err, sizeof(err)), 0);
	irq_connect(watchdog_irq(wd), edge_sink, NULL, WDT_LINE);
}

static void setup(void)
{
	make(0);
}

static void teardown(void)
{
	dfx_teardown();
}

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd(WATCHDOG_CTRL, 0), 0);
	ck_assert_uint_eq(rd(WATCHDOG_LOAD, 0), WATCHDOG_LOAD_RESET);
	ck_assert_uint_eq(rd(WATCHDOG_KICK, 0), 0);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 5 * SIM_S), WATCHDOG_LOAD_RESET);
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 0), 0);
	ck_assert(!watchdog_expired(wd));
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
}
END_TEST

START_TEST(expires_exactly_at_load)
{
	wr(WATCHDOG_LOAD, 100, 0); /* 100 us */
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 10 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 10 * SIM_US), 100);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 60 * SIM_US), 50);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 110 * SIM_US - 1), 1);
	ck_assert_int_eq(sim_run(&sim, 110 * SIM_US - 1), SIM_RUN_TIME);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].num, WDT_LINE);
	ck_assert_uint_eq(rec.e[0].t, 110 * SIM_US);
	ck_assert(watchdog_expired(wd));
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 120 * SIM_US), WATCHDOG_STATUS_EXPIRED);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 120 * SIM_US), 0);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "expired"));
	/* W1C: writing 0 keeps it, writing 1 clears it and lowers the line */
	wr(WATCHDOG_STATUS, 0, 130 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 130 * SIM_US), 1);
	ck_assert_uint_eq(rec.n, 1);
	wr(WATCHDOG_STATUS, 1, 140 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 140 * SIM_US), 0);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 140 * SIM_US);
	/* stopped after expiry: no second expiry without a kick */
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 2);
}
END_TEST

START_TEST(kicks_reload)
{
	wr(WATCHDOG_LOAD, 100, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 0);
	for (unsigned i = 1; i <= 5; i++) {
		sim_run(&sim, i * 90 * SIM_US);
		wr(WATCHDOG_KICK, WATCHDOG_KICK_MAGIC, i * 90 * SIM_US);
		ck_assert_uint_eq(rd(WATCHDOG_COUNT, i * 90 * SIM_US), 100);
	}
	ck_assert_uint_eq(rec.n, 0);
	/* a wrong key does not reload */
	wr(WATCHDOG_KICK, 0x12345678u, 500 * SIM_US);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "0x4b49434b"));
	/* a new LOAD takes effect at the next kick */
	wr(WATCHDOG_LOAD, 1000, 500 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 550 * SIM_US);
	/* a kick after expiry restarts the countdown with the new LOAD */
	wr(WATCHDOG_KICK, WATCHDOG_KICK_MAGIC, 600 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 600 * SIM_US), 1000);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1); /* still high: STATUS not cleared */
	ck_assert_uint_eq(guest_errors(), 3);
}
END_TEST

START_TEST(disable_cancels)
{
	wr(WATCHDOG_LOAD, 10, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 0);
	wr(WATCHDOG_CTRL, 0, 5 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 5 * SIM_US), 10);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
	/* a kick while disabled does nothing */
	wr(WATCHDOG_KICK, WATCHDOG_KICK_MAGIC, 20 * SIM_US);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
	/* writing EN again while enabled does not restart the countdown */
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 30 * SIM_US);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 35 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 40 * SIM_US);
}
END_TEST

START_TEST(zero_load_expires_at_once)
{
	wr(WATCHDOG_LOAD, 0, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 7 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 7 * SIM_US);
}
END_TEST

START_TEST(slow_clock)
{
	teardown();
	make(32768); /* 30517578.125 ps per tick */
	wr(WATCHDOG_LOAD, 3, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 0);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 30517578), 3);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 30517579), 2);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 91552735); /* ceil(3 / 32768 s) */
	/* the longest timeout at 1 Hz is beyond simulated time: never */
	teardown();
	make(1);
	wr(WATCHDOG_LOAD, 0xFFFFFFFFu, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_uint_eq(rd(WATCHDOG_COUNT, 10 * SIM_S), 0xFFFFFFFFu - 10);
}
END_TEST

START_TEST(bad_accesses)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, BASE + WATCHDOG_COUNT, 2, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + WATCHDOG_KICK, 1, 0x4B, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + WATCHDOG_KICK, 8, WATCHDOG_KICK_MAGIC, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + WATCHDOG_CTRL + 2, 4, 1, 0), BUS_MISALIGNED);
	ck_assert_uint_eq(guest_errors(), 0);
	ck_assert_int_eq(bus_write(&bus, BASE + WATCHDOG_COUNT, 4, 5, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x14, 4, 5, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, BASE + 0x80, 4, &v, 0), BUS_DEVICE_ERROR);
	wr(WATCHDOG_CTRL, 0xFFFFFFFFu, 0); /* only EN sticks; logged */
	ck_assert_uint_eq(rd(WATCHDOG_CTRL, 0), WATCHDOG_CTRL_EN);
	ck_assert_uint_eq(guest_errors(), 4);
	wr(WATCHDOG_STATUS, 0xFFFFFFFFu, 0);
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 0), 0);
}
END_TEST

START_TEST(device_reset)
{
	wr(WATCHDOG_LOAD, 10, 0);
	wr(WATCHDOG_CTRL, WATCHDOG_CTRL_EN, 0);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rec.n, 1);
	wr(WATCHDOG_KICK, WATCHDOG_KICK_MAGIC, 20 * SIM_US);
	watchdog_reset(wd, 25 * SIM_US);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 25 * SIM_US);
	ck_assert_uint_eq(rd(WATCHDOG_CTRL, 25 * SIM_US), 0);
	ck_assert_uint_eq(rd(WATCHDOG_LOAD, 25 * SIM_US), WATCHDOG_LOAD_RESET);
	ck_assert_uint_eq(rd(WATCHDOG_STATUS, 25 * SIM_US), 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 2);
}
END_TEST

START_TEST(bad_config_refused)
{
	char err[128];
	struct watchdog_config c = { .freq_hz = WATCHDOG_MAX_HZ + 1 };
	ck_assert_int_eq(watchdog_config_check(&c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "Hz"));
	ck_assert_ptr_null(watchdog_create(&sim, "bad", &c));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("watchdog");
	TCase *tc = tcase_create("watchdog");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, expires_exactly_at_load);
	tcase_add_test(tc, kicks_reload);
	tcase_add_test(tc, disable_cancels);
	tcase_add_test(tc, zero_load_expires_at_once);
	tcase_add_test(tc, slow_clock);
	tcase_add_test(tc, bad_accesses);
	tcase_add_test(tc, device_reset);
	tcase_add_test(tc, bad_config_refused);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
