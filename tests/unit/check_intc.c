/* Interrupt controller: registers, PLIC gateway rules (pending, claim,
 * complete, level re-trigger), priorities and threshold, output timing. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/intc.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"

#define BASE 0x0C000000u

#include "tests/unit/device_fixture.h"

static struct intc *ic;
static struct irq_line src[INTC_NSOURCES];

static void setup(void)
{
	char err[128];
	dfx_setup();
	struct intc_config cfg = { 0 };
	ic = intc_create(&sim, "intc", &cfg);
	ck_assert_ptr_nonnull(ic);
	ck_assert_int_eq(intc_map(ic, &bus, BASE, err, sizeof(err)), 0);
	irq_connect(intc_irq(ic), edge_sink, NULL, 11);
	for (unsigned i = 1; i < INTC_NSOURCES; i++)
		irq_connect(&src[i], intc_irq_in, ic, i);
}

static void teardown(void)
{
	dfx_teardown();
}

START_TEST(reset_values)
{
	for (unsigned i = 0; i < INTC_NSOURCES; i++)
		ck_assert_uint_eq(rd(INTC_PRIORITY(i), 0), 0);
	ck_assert_uint_eq(rd(INTC_PENDING, 0), 0);
	ck_assert_uint_eq(rd(INTC_ENABLE, 0), 0);
	ck_assert_uint_eq(rd(INTC_THRESHOLD, 0), 0);
	ck_assert_uint_eq(rd(INTC_INPUT, 0), 0);
	ck_assert_uint_eq(rd(INTC_CLAIM, 0), 0);
	ck_assert(!intc_irq(ic)->level);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(access_rules)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, BASE + INTC_ENABLE, 1, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, BASE + INTC_ENABLE, 2, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + INTC_ENABLE, 8, 0, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, BASE + INTC_CLAIM + 2, 4, &v, 0), BUS_MISALIGNED);
	ck_assert_int_eq(bus_read(&bus, BASE + 0x094, 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x0FC, 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + INTC_PENDING, 4, 2, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + INTC_INPUT, 4, 2, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), 4);
	ck_assert_uint_eq(rd(INTC_PENDING, 0), 0);
}
END_TEST

START_TEST(registers_warl)
{
	wr(INTC_PRIORITY(5), 0xFF, 0);
	ck_assert_uint_eq(rd(INTC_PRIORITY(5), 0), 7);
	wr(INTC_PRIORITY(31), 3, 0);
	ck_assert_uint_eq(rd(INTC_PRIORITY(31), 0), 3);
	wr(INTC_PRIORITY(0), 5, 0); /* source 0 does not exist */
	ck_assert_uint_eq(rd(INTC_PRIORITY(0), 0), 0);
	ck_assert_uint_eq(guest_errors(), 1);
	wr(INTC_ENABLE, 0xFFFFFFFFu, 0);
	ck_assert_uint_eq(rd(INTC_ENABLE, 0), 0xFFFFFFFEu);
	wr(INTC_THRESHOLD, 0x1234, 0);
	ck_assert_uint_eq(rd(INTC_THRESHOLD, 0), 4);
}
END_TEST

START_TEST(pending_claim_complete)
{
	wr(INTC_PRIORITY(3), 1, 0);
	wr(INTC_ENABLE, 1u << 3, 0);
	irq_set(&src[3], true, 100);
	ck_assert_uint_eq(rd(INTC_INPUT, 100), 1u << 3);
	ck_assert_uint_eq(rd(INTC_PENDING, 100), 1u << 3);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].num, 11);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].t, 100);
	/* claim clears pending and lowers the output at the claim time */
	ck_assert_uint_eq(rd(INTC_CLAIM, 200), 3);
	ck_assert_uint_eq(rd(INTC_PENDING, 200), 0);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 200);
	/* in service: no new request, nothing more to claim */
	irq_set(&src[3], false, 250);
	irq_set(&src[3], true, 260);
	ck_assert_uint_eq(rd(INTC_PENDING, 270), 0);
	ck_assert_uint_eq(rd(INTC_CLAIM, 270), 0);
	/* complete while still high: pending again, output rises at once */
	wr(INTC_CLAIM, 3, 300);
	ck_assert_uint_eq(rd(INTC_PENDING, 300), 1u << 3);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert(rec.e[2].level);
	ck_assert_uint_eq(rec.e[2].t, 300);
	ck_assert_uint_eq(rd(INTC_CLAIM, 400), 3);
	irq_set(&src[3], false, 450);
	wr(INTC_CLAIM, 3, 500); /* complete while low: done */
	ck_assert_uint_eq(rd(INTC_PENDING, 500), 0);
	ck_assert_uint_eq(rec.n, 4);
	ck_assert_uint_eq(rec.e[3].t, 400);
	ck_assert_uint_eq(guest_errors(), 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rec.n, 4);
}
END_TEST

START_TEST(pending_survives_input_drop)
{
	wr(INTC_PRIORITY(9), 2, 0);
	irq_set(&src[9], true, 10);
	irq_set(&src[9], false, 20);
	ck_assert_uint_eq(rd(INTC_PENDING, 30), 1u << 9);
	ck_assert_uint_eq(rec.n, 0); /* not enabled */
	wr(INTC_ENABLE, 1u << 9, 40);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.e[0].t, 40);
	ck_assert_uint_eq(rd(INTC_CLAIM, 50), 9);
	wr(INTC_CLAIM, 9, 60);
	ck_assert_uint_eq(rd(INTC_PENDING, 60), 0);
	ck_assert_uint_eq(rec.n, 2);
}
END_TEST

START_TEST(priority_order_and_ties)
{
	wr(INTC_PRIORITY(2), 1, 0);
	wr(INTC_PRIORITY(4), 5, 0);
	wr(INTC_PRIORITY(6), 5, 0);
	wr(INTC_PRIORITY(8), 0, 0); /* priority 0: never */
	wr(INTC_ENABLE, (1u << 2) | (1u << 4) | (1u << 6) | (1u << 8), 0);
	for (unsigned i = 2; i <= 8; i += 2)
		irq_set(&src[i], true, 10);
	ck_assert_uint_eq(rd(INTC_CLAIM, 20), 4);
	ck_assert_uint_eq(rd(INTC_CLAIM, 20), 6);
	ck_assert_uint_eq(rd(INTC_CLAIM, 20), 2);
	ck_assert_uint_eq(rd(INTC_CLAIM, 20), 0);
	ck_assert_uint_eq(rd(INTC_PENDING, 20), 1u << 8);
	ck_assert(!intc_irq(ic)->level);
	/* a disabled source is not claimed either */
	irq_set(&src[12], true, 30);
	wr(INTC_PRIORITY(12), 7, 30);
	ck_assert_uint_eq(rd(INTC_CLAIM, 30), 0);
	ck_assert(!intc_irq(ic)->level);
}
END_TEST

START_TEST(threshold_masks_output_not_claim)
{
	wr(INTC_PRIORITY(1), 3, 0);
	wr(INTC_ENABLE, 1u << 1, 0);
	wr(INTC_THRESHOLD, 3, 0);
	irq_set(&src[1], true, 10);
	ck_assert_uint_eq(rec.n, 0);
	wr(INTC_THRESHOLD, 2, 20);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert(rec.e[0].level);
	ck_assert_uint_eq(rec.e[0].t, 20);
	wr(INTC_PRIORITY(1), 2, 30);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(!rec.e[1].level);
	ck_assert_uint_eq(rec.e[1].t, 30);
	/* the claim ignores the threshold */
	ck_assert_uint_eq(rd(INTC_CLAIM, 40), 1);
	ck_assert_uint_eq(rec.n, 2);
	/* disabling a source drops the output */
	wr(INTC_CLAIM, 1, 50);
	wr(INTC_THRESHOLD, 0, 60);
	ck_assert_uint_eq(rec.n, 3);
	wr(INTC_ENABLE, 0, 70);
	ck_assert_uint_eq(rec.n, 4);
	ck_assert(!rec.e[3].level);
	ck_assert_uint_eq(rec.e[3].t, 70);
}
END_TEST

START_TEST(bad_complete_is_logged)
{
	wr(INTC_CLAIM, 5, 0);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "not claimed"));
	wr(INTC_CLAIM, 0, 0);
	wr(INTC_CLAIM, 32, 0);
	wr(INTC_CLAIM, 0xFFFFFFFFu, 0);
	ck_assert_uint_eq(guest_errors(), 4);
	/* and a second complete of the same claim */
	wr(INTC_PRIORITY(5), 1, 0);
	wr(INTC_ENABLE, 1u << 5, 0);
	irq_set(&src[5], true, 0);
	ck_assert_uint_eq(rd(INTC_CLAIM, 0), 5);
	wr(INTC_CLAIM, 5, 0);
	ck_assert_uint_eq(guest_errors(), 4);
	ck_assert_uint_eq(rd(INTC_CLAIM, 0), 5);
	wr(INTC_CLAIM, 5, 0);
	wr(INTC_CLAIM, 5, 0);
	ck_assert_uint_eq(guest_errors(), 5);
}
END_TEST

START_TEST(reset_keeps_inputs)
{
	wr(INTC_PRIORITY(7), 4, 0);
	wr(INTC_ENABLE, 1u << 7, 0);
	wr(INTC_THRESHOLD, 1, 0);
	irq_set(&src[7], true, 5);
	irq_set(&src[8], true, 5);
	ck_assert_uint_eq(rd(INTC_CLAIM, 6), 7);
	ck_assert(!intc_irq(ic)->level);
	intc_reset(ic, 10);
	ck_assert_uint_eq(rd(INTC_PRIORITY(7), 10), 0);
	ck_assert_uint_eq(rd(INTC_ENABLE, 10), 0);
	ck_assert_uint_eq(rd(INTC_THRESHOLD, 10), 0);
	ck_assert_uint_eq(rd(INTC_INPUT, 10), (1u << 7) | (1u << 8));
	ck_assert_uint_eq(rd(INTC_PENDING, 10), (1u << 7) | (1u << 8));
	ck_assert(!intc_irq(ic)->level);
	/* the claim was forgotten: completing it is an error */
	wr(INTC_CLAIM, 7, 11);
	ck_assert_uint_eq(guest_errors(), 1);
}
END_TEST

struct tsink {
	struct trace_sink base;
	unsigned n;
	uint8_t last[5];
	sim_time_t t;
};

static void temit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		  const void *data, uint32_t len)
{
	struct tsink *ts = (struct tsink *)s;
	(void)comp;
	if (type != TRACE_IRQ)
		return;
	ck_assert_uint_eq(len, 5);
	memcpy(ts->last, data, 5);
	ts->t = t;
	ts->n++;
}

START_TEST(trace_output_edges)
{
	struct tsink ts = { .base.emit = temit };
	sim.trace = &ts.base;
	wr(INTC_PRIORITY(1), 1, 0);
	wr(INTC_ENABLE, 2, 0);
	irq_set(&src[1], true, 77);
	irq_set(&src[1], true, 78); /* same level again: no new edge */
	sim.trace = NULL;
	ck_assert_uint_eq(ts.n, 1);
	ck_assert_uint_eq(ts.t, 77);
	ck_assert_uint_eq(le32_load(ts.last), 11);
	ck_assert_uint_eq(ts.last[4], 1);
	ck_assert_uint_eq(rec.n, 1);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("intc");
	TCase *tc = tcase_create("intc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, access_rules);
	tcase_add_test(tc, registers_warl);
	tcase_add_test(tc, pending_claim_complete);
	tcase_add_test(tc, pending_survives_input_drop);
	tcase_add_test(tc, priority_order_and_ties);
	tcase_add_test(tc, threshold_masks_output_not_claim);
	tcase_add_test(tc, bad_complete_is_logged);
	tcase_add_test(tc, reset_keeps_inputs);
	tcase_add_test(tc, trace_output_edges);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
