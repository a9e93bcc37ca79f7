/* sysctl: reset values, the reset line callback with the boot address and
 * time, BOOT_ADDR rules, read-only STATUS and bad accesses. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/sysctl.h"
#include "sim/core/sim.h"

#define BASE 0x40000000u

static struct {
	struct {
		bool asserted;
		uint32_t boot;
		sim_time_t t;
	} c[16];
	unsigned n;
} calls;

static void set_reset(void *ctx, bool asserted, uint32_t boot_addr, sim_time_t t)
{
	ck_assert_ptr_eq(ctx, &calls);
	ck_assert_uint_lt(calls.n, 16);
	calls.c[calls.n].asserted = asserted;
	calls.c[calls.n].boot = boot_addr;
	calls.c[calls.n++].t = t;
}

#include "tests/unit/device_fixture.h"

static struct sysctl *sc;

static void setup(void)
{
	char err[128];
	dfx_setup();
	memset(&calls, 0, sizeof(calls));
	struct sysctl_config cfg = { .set_reset = set_reset, .ctx = &calls,
				     .boot_addr_reset = 0x80000000u };
	sc = sysctl_create(&sim, "sysctl", &cfg);
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sysctl_map(sc, &bus, BASE, err, sizeof(err)), 0);
}

static void teardown(void)
{
	dfx_teardown();
}

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd(SYSCTL_BOOT_ADDR, 0), 0x80000000u);
	ck_assert_uint_eq(rd(SYSCTL_RESET, 0), SYSCTL_RESET_ASSERT);
	ck_assert_uint_eq(rd(SYSCTL_STATUS, 0), SYSCTL_STATUS_IN_RESET);
	ck_assert(sysctl_in_reset(sc));
	ck_assert_uint_eq(sysctl_boot_addr(sc), 0x80000000u);
	ck_assert_uint_eq(calls.n, 0); /* creation calls nothing */
}
END_TEST

START_TEST(release_and_hold)
{
	wr(SYSCTL_BOOT_ADDR, 0x1000, 5);
	ck_assert_uint_eq(calls.n, 0);
	wr(SYSCTL_RESET, 0, 100);
	ck_assert_uint_eq(calls.n, 1);
	ck_assert(!calls.c[0].asserted);
	ck_assert_uint_eq(calls.c[0].boot, 0x1000);
	ck_assert_uint_eq(calls.c[0].t, 100);
	ck_assert_uint_eq(rd(SYSCTL_RESET, 100), 0);
	ck_assert_uint_eq(rd(SYSCTL_STATUS, 100), 0);
	ck_assert(!sysctl_in_reset(sc));
	/* same value again: nothing */
	wr(SYSCTL_RESET, 0, 150);
	ck_assert_uint_eq(calls.n, 1);
	/* a new boot address while running waits for the next release */
	wr(SYSCTL_BOOT_ADDR, 0x2000, 200);
	ck_assert_uint_eq(calls.n, 1);
	wr(SYSCTL_RESET, 1, 300);
	ck_assert_uint_eq(calls.n, 2);
	ck_assert(calls.c[1].asserted);
	ck_assert_uint_eq(calls.c[1].t, 300);
	wr(SYSCTL_RESET, 0, 400);
	ck_assert_uint_eq(calls.n, 3);
	ck_assert_uint_eq(calls.c[2].boot, 0x2000);
	ck_assert_uint_eq(calls.c[2].t, 400);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(bad_values_logged)
{
	wr(SYSCTL_BOOT_ADDR, 0x1001, 0);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "0x00001000"));
	ck_assert_uint_eq(rd(SYSCTL_BOOT_ADDR, 0), 0x1000);
	wr(SYSCTL_RESET, 0xFFFFFFFEu, 10); /* bit 0 clear: releases, logged */
	ck_assert_uint_eq(guest_errors(), 2);
	ck_assert_uint_eq(calls.n, 1);
	ck_assert(!calls.c[0].asserted);
	ck_assert_uint_eq(calls.c[0].boot, 0x1000);
}
END_TEST

/* keep_bit0 (a Cortex-M remote): BOOT_ADDR holds e_entry with its Thumb
 * bit, without a guest-error, through the release and a device reset. */
START_TEST(thumb_bit_kept)
{
	char err[128];
	struct sysctl_config cfg = { .set_reset = set_reset, .ctx = &calls,
				     .boot_addr_reset = 0x000000c1u, .keep_bit0 = true };
	struct sysctl *m = sysctl_create(&sim, "sysctl-m", &cfg);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(sysctl_map(m, &bus, BASE + 0x1000, err, sizeof(err)), 0);
	ck_assert_uint_eq(rd(0x1000 + SYSCTL_BOOT_ADDR, 0), 0xc1);
	wr(0x1000 + SYSCTL_BOOT_ADDR, 0x2c5, 0);
	ck_assert_uint_eq(rd(0x1000 + SYSCTL_BOOT_ADDR, 0), 0x2c5);
	wr(0x1000 + SYSCTL_RESET, 0, 10);
	ck_assert_uint_eq(calls.n, 1);
	ck_assert_uint_eq(calls.c[0].boot, 0x2c5);
	sysctl_reset(m, 20);
	ck_assert_uint_eq(sysctl_boot_addr(m), 0xc1);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(bad_accesses)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, BASE + SYSCTL_RESET, 1, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + SYSCTL_RESET, 2, 0, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + SYSCTL_RESET, 8, 0, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + SYSCTL_RESET + 1, 4, 0, 0), BUS_MISALIGNED);
	ck_assert_uint_eq(calls.n, 0);
	ck_assert_int_eq(bus_write(&bus, BASE + SYSCTL_STATUS, 4, 0, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x0C, 4, 0, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, BASE + 0xFC, 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), 3);
	ck_assert_uint_eq(calls.n, 0);
	ck_assert(sysctl_in_reset(sc));
}
END_TEST

START_TEST(device_reset)
{
	wr(SYSCTL_BOOT_ADDR, 0x3000, 0);
	sysctl_reset(sc, 10); /* already in reset: no call */
	ck_assert_uint_eq(calls.n, 0);
	ck_assert_uint_eq(rd(SYSCTL_BOOT_ADDR, 10), 0x80000000u);
	wr(SYSCTL_RESET, 0, 20);
	sysctl_reset(sc, 30);
	ck_assert_uint_eq(calls.n, 2);
	ck_assert(calls.c[1].asserted);
	ck_assert_uint_eq(calls.c[1].t, 30);
	ck_assert_uint_eq(rd(SYSCTL_RESET, 30), 1);
}
END_TEST

START_TEST(no_callback_is_fine)
{
	struct sysctl_config cfg = { 0 };
	struct sysctl *s2 = sysctl_create(&sim, "sysctl2", &cfg);
	char err[128];
	ck_assert_int_eq(sysctl_map(s2, &bus, BASE + 0x100, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x100 + SYSCTL_RESET, 4, 0, 0), BUS_OK);
	ck_assert(!sysctl_in_reset(s2));
	ck_assert_uint_eq(sysctl_boot_addr(s2), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("sysctl");
	TCase *tc = tcase_create("sysctl");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, release_and_hold);
	tcase_add_test(tc, bad_values_logged);
	tcase_add_test(tc, thumb_bit_kept);
	tcase_add_test(tc, bad_accesses);
	tcase_add_test(tc, device_reset);
	tcase_add_test(tc, no_callback_is_fine);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
