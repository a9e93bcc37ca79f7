/* Mailbox: registers of both sides, FIFO semantics and flags, IRQ timing
 * through the latency delay line, the C API, traces and bad input. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/mailbox.h"
#include "sim/core/record.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"

#define HOST_BASE 0x10000000u
#define REM_BASE 0x20000000u
#define LAT (100 * SIM_NS)

/* --- harness: IRQ edges, logs and trace records -------------------------- */

struct edge {
	unsigned num;
	bool level;
	sim_time_t t;
};

struct rec {
	struct edge e[128];
	unsigned n;
};

static void sink(void *ctx, unsigned num, bool level, sim_time_t t)
{
	struct rec *r = ctx;
	ck_assert_uint_lt(r->n, 128);
	r->e[r->n++] = (struct edge){ num, level, t };
}

struct tsink {
	struct trace_sink base;
	unsigned n;
	struct {
		uint16_t type;
		sim_time_t t;
		uint8_t data[16];
		uint32_t len;
	} r[64];
};

static void temit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		  const void *data, uint32_t len)
{
	struct tsink *ts = (struct tsink *)s;
	(void)comp;
	if (ts->n == 64 || type == TRACE_LOG || type == TRACE_COMPONENT)
		return;
	ts->r[ts->n].type = type;
	ts->r[ts->n].t = t;
	ts->r[ts->n].len = len;
	memcpy(ts->r[ts->n].data, data, len < 16 ? len : 16);
	ts->n++;
}

static char last_log[512];

static void quiet_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *comp,
		      const char *msg)
{
	(void)comp_id;
	(void)ctx;
	(void)t;
	(void)cat;
	(void)comp;
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static struct sim sim;
static struct bus bus;
static struct mbox *mb;
static struct rec hirq, rirq;

static void setup_cfg(unsigned nchan, unsigned depth, sim_time_t lat)
{
	char err[128];
	sim_init(&sim);
	sim.log_fn = quiet_log;
	sim.log_level = SIM_LOG_DEBUG;
	bus_init(&bus, "test");
	struct mbox_config cfg = { .nchan = nchan, .depth = depth, .irq_latency = lat };
	mb = mbox_create(&sim, "mbox", &cfg);
	ck_assert_ptr_nonnull(mb);
	ck_assert_int_eq(mbox_map(mb, MBOX_SIDE_HOST, &bus, HOST_BASE, err, sizeof(err)), 0);
	ck_assert_int_eq(mbox_map(mb, MBOX_SIDE_REMOTE, &bus, REM_BASE, err, sizeof(err)), 0);
	memset(&hirq, 0, sizeof(hirq));
	memset(&rirq, 0, sizeof(rirq));
	irq_connect(mbox_irq(mb, MBOX_SIDE_HOST), sink, &hirq, 40);
	irq_connect(mbox_irq(mb, MBOX_SIDE_REMOTE), sink, &rirq, 7);
}

static void setup(void)
{
	setup_cfg(0, 0, LAT);
}

static void teardown(void)
{
	sim_destroy(&sim);
	bus_destroy(&bus);
}

static uint32_t rd(uint32_t addr, sim_time_t t)
{
	uint64_t v = 0xdead;
	ck_assert_int_eq(bus_read(&bus, addr, 4, &v, t), BUS_OK);
	return (uint32_t)v;
}

static void wr(uint32_t addr, uint32_t v, sim_time_t t)
{
	ck_assert_int_eq(bus_write(&bus, addr, 4, v, t), BUS_OK);
}

static uint64_t guest_errors(void)
{
	return sim.log_counts[SIM_LOG_GUEST_ERROR];
}

#define H(off) (HOST_BASE + (off))
#define R(off) (REM_BASE + (off))
#define TXD(c) (MBOX_TX_BASE + (c) * MBOX_CHAN_STRIDE + MBOX_CHAN_DATA)
#define TXS(c) (MBOX_TX_BASE + (c) * MBOX_CHAN_STRIDE + MBOX_CHAN_STATUS)
#define RXD(c) (MBOX_RX_BASE + (c) * MBOX_CHAN_STRIDE + MBOX_CHAN_DATA)
#define RXS(c) (MBOX_RX_BASE + (c) * MBOX_CHAN_STRIDE + MBOX_CHAN_STATUS)

/* --- reset values and access rules --------------------------------------- */

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd(H(MBOX_INFO), 0), 2 | (4 << 8) | (0 << 16));
	ck_assert_uint_eq(rd(R(MBOX_INFO), 0), 2 | (4 << 8) | (1 << 16));
	for (uint32_t base = HOST_BASE; base <= REM_BASE; base += REM_BASE - HOST_BASE) {
		ck_assert_uint_eq(rd(base + MBOX_IRQ_ENABLE, 0), 0);
		ck_assert_uint_eq(rd(base + MBOX_IRQ_RAW, 0), MBOX_IRQ_TX(0) | MBOX_IRQ_TX(1));
		ck_assert_uint_eq(rd(base + MBOX_IRQ_STATUS, 0), 0);
		ck_assert_uint_eq(rd(base + MBOX_ERR_STATUS, 0), 0);
		for (unsigned c = 0; c < 2; c++) {
			ck_assert_uint_eq(rd(base + TXS(c), 0), MBOX_STATUS_EMPTY);
			ck_assert_uint_eq(rd(base + RXS(c), 0), MBOX_STATUS_EMPTY);
			ck_assert_uint_eq(rd(base + TXD(c), 0), 0);
		}
	}
	ck_assert_uint_eq(guest_errors(), 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(hirq.n + rirq.n, 0);
}
END_TEST

START_TEST(config_defaults_and_info)
{
	teardown();
	setup_cfg(8, 64, 0);
	ck_assert_uint_eq(rd(R(MBOX_INFO), 0), 8 | (64 << 8) | (1 << 16));
	ck_assert_uint_eq(rd(H(MBOX_IRQ_RAW), 0), 0xFF0000);
	ck_assert_uint_eq(rd(H(TXS(7)), 0), MBOX_STATUS_EMPTY);
}
END_TEST

START_TEST(access_sizes_refused)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, H(MBOX_INFO), 1, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, H(MBOX_INFO), 2, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, H(MBOX_INFO), 8, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, H(TXD(0)), 1, 5, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, H(TXD(0)), 8, 5, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, H(MBOX_IRQ_ENABLE + 2), 4, &v, 0), BUS_MISALIGNED);
	/* nothing was pushed by the refused writes */
	ck_assert_uint_eq(rd(R(RXS(0)), 0), MBOX_STATUS_EMPTY);
}
END_TEST

START_TEST(holes_and_read_only)
{
	uint64_t v = 1;
	uint64_t e = guest_errors();
	ck_assert_int_eq(bus_read(&bus, H(0x014), 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, H(TXD(0) + 8), 4, &v, 0), BUS_DEVICE_ERROR);
	/* channel 2 does not exist with 2 channels */
	ck_assert_int_eq(bus_read(&bus, H(TXS(2)), 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, H(TXD(2)), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, H(0xFFC), 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), e + 5);
	ck_assert_ptr_nonnull(strstr(last_log, "no register"));
	/* read-only registers */
	ck_assert_int_eq(bus_write(&bus, H(MBOX_INFO), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, H(MBOX_IRQ_RAW), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, H(MBOX_IRQ_STATUS), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, H(TXS(0)), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, R(RXD(0)), 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), e + 10);
	ck_assert_ptr_nonnull(strstr(last_log, "read-only"));
	ck_assert_uint_eq(rd(H(MBOX_INFO), 0), 2 | (4 << 8));
	ck_assert_uint_eq(rd(H(RXS(0)), 0), MBOX_STATUS_EMPTY);
}
END_TEST

/* --- FIFOs ------------------------------------------------------------------ */

START_TEST(fifo_order_and_status)
{
	wr(H(TXD(0)), 0xFFFFFF00u, 10);
	wr(H(TXD(0)), 1, 20);
	wr(H(TXD(0)), 0, 30);
	ck_assert_uint_eq(rd(H(TXS(0)), 30), 3 << MBOX_STATUS_COUNT_SHIFT);
	ck_assert_uint_eq(rd(R(RXS(0)), 30), 3 << MBOX_STATUS_COUNT_SHIFT);
	ck_assert_uint_eq(mbox_rx_count(mb, MBOX_SIDE_REMOTE, 0), 3);
	ck_assert_uint_eq(mbox_rx_count(mb, MBOX_SIDE_HOST, 0), 0);
	/* the other channel and direction are untouched */
	ck_assert_uint_eq(rd(R(RXS(1)), 30), MBOX_STATUS_EMPTY);
	ck_assert_uint_eq(rd(H(RXS(0)), 30), MBOX_STATUS_EMPTY);
	ck_assert_uint_eq(rd(R(RXD(0)), 40), 0xFFFFFF00u);
	ck_assert_uint_eq(rd(R(RXD(0)), 40), 1);
	ck_assert_uint_eq(rd(R(RXS(0)), 40), 1 << MBOX_STATUS_COUNT_SHIFT);
	ck_assert_uint_eq(rd(R(RXD(0)), 40), 0);
	ck_assert_uint_eq(rd(R(RXS(0)), 40), MBOX_STATUS_EMPTY);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 40), 0);
	/* the other direction, channel 1 */
	wr(R(TXD(1)), 0xFFFFFF02u, 50);
	ck_assert_uint_eq(rd(H(RXS(1)), 50), 1 << MBOX_STATUS_COUNT_SHIFT);
	ck_assert_uint_eq(rd(H(RXS(0)), 50), MBOX_STATUS_EMPTY);
	ck_assert_uint_eq(rd(H(RXD(1)), 60), 0xFFFFFF02u);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(fifo_wraps_around)
{
	for (uint32_t i = 0; i < 20; i++) {
		wr(H(TXD(1)), i, i);
		if (i % 3 == 2)
			for (uint32_t k = i - 2; k <= i; k++)
				ck_assert_uint_eq(rd(R(RXD(1)), i), k);
	}
	ck_assert_uint_eq(rd(R(RXD(1)), 20), 18);
	ck_assert_uint_eq(rd(R(RXD(1)), 20), 19);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(write_to_full_is_dropped_and_flagged)
{
	for (uint32_t i = 0; i < 4; i++)
		wr(H(TXD(1)), 100 + i, 0);
	ck_assert_uint_eq(rd(H(TXS(1)), 0), MBOX_STATUS_FULL | (4 << MBOX_STATUS_COUNT_SHIFT));
	ck_assert_uint_eq(rd(H(MBOX_IRQ_RAW), 0), MBOX_IRQ_TX(0));
	ck_assert_uint_eq(guest_errors(), 0);
	wr(H(TXD(1)), 999, 5); /* dropped, still BUS_OK as hardware */
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "full TX channel 1"));
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 5), MBOX_ERR_TX_OVERFLOW(1));
	ck_assert_uint_eq(rd(H(MBOX_IRQ_RAW), 5), MBOX_IRQ_TX(0) | MBOX_IRQ_ERR);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 5), 0);
	ck_assert_uint_eq(rd(H(TXS(1)), 5), MBOX_STATUS_FULL | (4 << MBOX_STATUS_COUNT_SHIFT));
	for (uint32_t i = 0; i < 4; i++)
		ck_assert_uint_eq(rd(R(RXD(1)), 6), 100 + i);
	/* the flag is sticky: draining does not clear it */
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 7), MBOX_ERR_TX_OVERFLOW(1));
	/* writing 0 or other bits does not clear it; writing 1 does */
	wr(H(MBOX_ERR_STATUS), 0, 8);
	wr(H(MBOX_ERR_STATUS), MBOX_ERR_TX_OVERFLOW(0), 8);
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 8), MBOX_ERR_TX_OVERFLOW(1));
	wr(H(MBOX_ERR_STATUS), MBOX_ERR_TX_OVERFLOW(1), 9);
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 9), 0);
}
END_TEST

START_TEST(read_of_empty_returns_zero_and_flags)
{
	ck_assert_uint_eq(rd(R(RXD(0)), 0), 0);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_ptr_nonnull(strstr(last_log, "empty RX channel 0"));
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 0), MBOX_ERR_RX_UNDERFLOW(0));
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 0), 0);
	ck_assert_uint_eq(rd(H(RXD(1)), 0), 0);
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), 0), MBOX_ERR_RX_UNDERFLOW(1));
	/* a later message is delivered normally; the flag stays until cleared */
	wr(H(TXD(0)), 77, 1);
	ck_assert_uint_eq(rd(R(RXD(0)), 2), 77);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 2), MBOX_ERR_RX_UNDERFLOW(0));
	wr(R(MBOX_ERR_STATUS), 0xFFFFFFFFu, 3);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 3), 0);
	ck_assert_uint_eq(guest_errors(), 2);
}
END_TEST

/* --- IRQ timing ------------------------------------------------------------- */

START_TEST(rx_irq_rises_and_falls_after_latency)
{
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	ck_assert_uint_eq(rd(R(MBOX_IRQ_ENABLE), 0), MBOX_IRQ_RX(0));
	wr(H(TXD(0)), 1, 1 * SIM_US);
	/* the register view changes at the access, the line after LAT */
	ck_assert_uint_eq(rd(R(MBOX_IRQ_STATUS), SIM_US), MBOX_IRQ_RX(0));
	ck_assert_uint_eq(rirq.n, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_US + LAT - 1), SIM_RUN_TIME);
	ck_assert_uint_eq(rirq.n, 0);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rirq.n, 1);
	ck_assert_uint_eq(rirq.e[0].num, 7);
	ck_assert(rirq.e[0].level);
	ck_assert_uint_eq(rirq.e[0].t, SIM_US + LAT);
	ck_assert(mbox_irq(mb, MBOX_SIDE_REMOTE)->level);
	/* a second message does not make another edge */
	wr(H(TXD(0)), 2, 3 * SIM_US);
	ck_assert_uint_eq(rd(R(RXD(0)), 4 * SIM_US), 1);
	ck_assert_uint_eq(rd(R(RXD(0)), 5 * SIM_US), 2);
	ck_assert_int_eq(sim_run(&sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(rirq.n, 2);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[1].t, 5 * SIM_US + LAT);
	/* the host line never moved */
	ck_assert_uint_eq(hirq.n, 0);
}
END_TEST

START_TEST(disabled_channel_raises_nothing)
{
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(1), 0);
	wr(H(TXD(0)), 1, 0);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 0);
	ck_assert_uint_eq(rd(R(MBOX_IRQ_RAW), SIM_US), MBOX_IRQ_RX(0) | MBOX_IRQ_TX(0) | MBOX_IRQ_TX(1));
	ck_assert_uint_eq(rd(R(MBOX_IRQ_STATUS), SIM_US), 0);
	/* enabling with a message waiting raises LAT after the enable */
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 2 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 1);
	ck_assert_uint_eq(rirq.e[0].t, 2 * SIM_US + LAT);
	/* disabling lowers it LAT later */
	wr(R(MBOX_IRQ_ENABLE), 0, 3 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 2);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[1].t, 3 * SIM_US + LAT);
}
END_TEST

START_TEST(delay_line_keeps_short_pulses)
{
	/* message read 50 ns after it was written: the line still pulses,
	 * LAT later, for 50 ns */
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	wr(H(TXD(0)), 1, 1000 * SIM_NS);
	ck_assert_uint_eq(rd(R(RXD(0)), 1050 * SIM_NS), 1);
	wr(H(TXD(0)), 2, 1060 * SIM_NS);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 3);
	ck_assert(rirq.e[0].level);
	ck_assert_uint_eq(rirq.e[0].t, 1100 * SIM_NS);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[1].t, 1150 * SIM_NS);
	ck_assert(rirq.e[2].level);
	ck_assert_uint_eq(rirq.e[2].t, 1160 * SIM_NS);
}
END_TEST

START_TEST(delay_line_overflow_keeps_final_level)
{
	/* far more toggles within one latency than the line queues */
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	for (unsigned i = 0; i < 41; i++) {
		wr(H(TXD(0)), i, 2 * i * SIM_NS);
		if (i < 40)
			rd(R(RXD(0)), (2 * i + 1) * SIM_NS);
	}
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_gt(rirq.n, 0);
	ck_assert_uint_le(rirq.n, 16);
	for (unsigned i = 0; i < rirq.n; i++) {
		ck_assert(rirq.e[i].level == (i % 2 == 0)); /* alternating edges */
		if (i)
			ck_assert_uint_ge(rirq.e[i].t, rirq.e[i - 1].t);
	}
	ck_assert(rirq.e[0].t == LAT);
	ck_assert(mbox_irq(mb, MBOX_SIDE_REMOTE)->level);
}
END_TEST

START_TEST(tx_not_full_irq)
{
	wr(H(MBOX_IRQ_ENABLE), MBOX_IRQ_TX(0), 0);
	for (uint32_t i = 0; i < 4; i++)
		wr(H(TXD(0)), i, 10 * SIM_NS);
	sim_run(&sim, SIM_TIME_MAX);
	/* rose LAT after the enable, fell LAT after the 4th write */
	ck_assert_uint_eq(hirq.n, 2);
	ck_assert(hirq.e[0].level);
	ck_assert_uint_eq(hirq.e[0].t, LAT);
	ck_assert_uint_eq(hirq.e[0].num, 40);
	ck_assert(!hirq.e[1].level);
	ck_assert_uint_eq(hirq.e[1].t, 10 * SIM_NS + LAT);
	/* the remote draining one makes room */
	rd(R(RXD(0)), SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(hirq.n, 3);
	ck_assert(hirq.e[2].level);
	ck_assert_uint_eq(hirq.e[2].t, SIM_US + LAT);
}
END_TEST

START_TEST(error_irq_and_w1c)
{
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_ERR, 0);
	rd(R(RXD(1)), SIM_US); /* underflow */
	ck_assert_uint_eq(rd(R(MBOX_IRQ_STATUS), SIM_US), MBOX_IRQ_ERR);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 1);
	ck_assert(rirq.e[0].level);
	ck_assert_uint_eq(rirq.e[0].t, SIM_US + LAT);
	wr(R(MBOX_ERR_STATUS), MBOX_ERR_RX_UNDERFLOW(1), 2 * SIM_US);
	ck_assert_uint_eq(rd(R(MBOX_IRQ_STATUS), 2 * SIM_US), 0);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 2);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[1].t, 2 * SIM_US + LAT);
}
END_TEST

START_TEST(irq_enable_masks_unknown_bits)
{
	wr(H(MBOX_IRQ_ENABLE), 0xFFFFFFFFu, 0);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_uint_eq(rd(H(MBOX_IRQ_ENABLE), 0), 0x80030003u);
}
END_TEST

START_TEST(zero_latency_is_an_event_at_the_access_time)
{
	teardown();
	setup_cfg(2, 2, 0);
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	wr(H(TXD(0)), 5, 3 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 1);
	ck_assert_uint_eq(rirq.e[0].t, 3 * SIM_US);
}
END_TEST

/* A sink that reads the mailbox while the line rises (an ISR). */
static void isr_sink(void *ctx, unsigned num, bool level, sim_time_t t)
{
	(void)num;
	sink(ctx, num, level, t);
	if (level) {
		uint32_t v;
		ck_assert_int_eq(mbox_recv(mb, MBOX_SIDE_REMOTE, 0, &v, t), 0);
	}
}

START_TEST(sink_may_access_the_mailbox)
{
	irq_connect(mbox_irq(mb, MBOX_SIDE_REMOTE), isr_sink, &rirq, 7);
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	wr(H(TXD(0)), 1, SIM_US);
	sim_run(&sim, SIM_US + LAT + 10);
	wr(H(TXD(0)), 2, SIM_US + LAT + 10);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 4);
	ck_assert_uint_eq(rirq.e[0].t, SIM_US + LAT);
	ck_assert_uint_eq(rirq.e[1].t, SIM_US + 2 * LAT);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[2].t, SIM_US + 2 * LAT + 10);
	ck_assert_uint_eq(rirq.e[3].t, SIM_US + 3 * LAT + 10);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

/* --- reset, C API, traces, configuration ---------------------------------- */

START_TEST(reset_restores_and_cancels)
{
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	wr(H(TXD(0)), 1, 0);
	rd(H(RXD(0)), 0); /* error flag on the host side */
	mbox_reset(mb, 50 * SIM_NS);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 0); /* pending rise was cancelled */
	ck_assert_uint_eq(rd(R(MBOX_IRQ_ENABLE), SIM_US), 0);
	ck_assert_uint_eq(rd(R(RXS(0)), SIM_US), MBOX_STATUS_EMPTY);
	ck_assert_uint_eq(rd(H(MBOX_ERR_STATUS), SIM_US), 0);
	/* and the device works again */
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 2 * SIM_US);
	wr(H(TXD(0)), 9, 2 * SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	ck_assert_uint_eq(rirq.n, 1);
	ck_assert_uint_eq(rirq.e[0].t, 2 * SIM_US + LAT);
	/* reset while the line is high lowers it at the reset time */
	mbox_reset(mb, 5 * SIM_US);
	ck_assert_uint_eq(rirq.n, 2);
	ck_assert(!rirq.e[1].level);
	ck_assert_uint_eq(rirq.e[1].t, 5 * SIM_US);
}
END_TEST

START_TEST(c_api)
{
	uint32_t v = 1;
	ck_assert_int_eq(mbox_send(mb, MBOX_SIDE_HOST, 1, 0xFFFFFF03u, 0), 0);
	ck_assert_uint_eq(rd(R(RXS(1)), 0), 1 << MBOX_STATUS_COUNT_SHIFT);
	ck_assert_int_eq(mbox_recv(mb, MBOX_SIDE_REMOTE, 1, &v, 0), 0);
	ck_assert_uint_eq(v, 0xFFFFFF03u);
	ck_assert_int_eq(mbox_recv(mb, MBOX_SIDE_REMOTE, 1, &v, 0), -1);
	ck_assert_uint_eq(v, 0);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 0), MBOX_ERR_RX_UNDERFLOW(1));
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(mbox_send(mb, MBOX_SIDE_REMOTE, 0, (uint32_t)i, 0), 0);
	ck_assert_int_eq(mbox_send(mb, MBOX_SIDE_REMOTE, 0, 4, 0), -1);
	ck_assert_uint_eq(rd(R(MBOX_ERR_STATUS), 0), MBOX_ERR_RX_UNDERFLOW(1) | MBOX_ERR_TX_OVERFLOW(0));
	ck_assert_uint_eq(rd(H(RXD(0)), 0), 0);
	/* channels that do not exist */
	uint64_t e = guest_errors();
	ck_assert_int_eq(mbox_send(mb, MBOX_SIDE_HOST, 2, 1, 0), -1);
	ck_assert_int_eq(mbox_recv(mb, MBOX_SIDE_HOST, 99, &v, 0), -1);
	ck_assert_uint_eq(guest_errors(), e + 2);
	ck_assert_uint_eq(mbox_rx_count(mb, MBOX_SIDE_HOST, 99), 0);
}
END_TEST

START_TEST(trace_records)
{
	struct tsink ts = { .base.emit = temit };
	sim.trace = &ts.base;
	wr(R(MBOX_IRQ_ENABLE), MBOX_IRQ_RX(0), 0);
	wr(H(TXD(0)), 0xFFFFFF00u, 10);
	sim_run(&sim, SIM_TIME_MAX);
	rd(R(RXD(0)), SIM_US);
	rd(R(RXD(0)), SIM_US);
	sim_run(&sim, SIM_TIME_MAX);
	sim.trace = NULL;
	ck_assert_uint_eq(ts.n, 5);
	ck_assert_uint_eq(ts.r[0].type, TRACE_MBOX);
	ck_assert_uint_eq(ts.r[0].len, 7);
	ck_assert_uint_eq(ts.r[0].t, 10);
	ck_assert_uint_eq(ts.r[0].data[0], RECORD_TO_REMOTE);
	ck_assert_uint_eq(ts.r[0].data[1], 0);
	ck_assert_uint_eq(ts.r[0].data[2], RECORD_MBOX_SEND);
	ck_assert_uint_eq(le32_load(ts.r[0].data + 3), 0xFFFFFF00u);
	ck_assert_uint_eq(ts.r[1].type, TRACE_IRQ);
	ck_assert_uint_eq(ts.r[1].len, 5);
	ck_assert_uint_eq(ts.r[1].t, 10 + LAT);
	ck_assert_uint_eq(le32_load(ts.r[1].data), 7);
	ck_assert_uint_eq(ts.r[1].data[4], 1);
	ck_assert_uint_eq(ts.r[2].type, TRACE_MBOX);
	ck_assert_uint_eq(ts.r[2].data[2], RECORD_MBOX_RECV);
	ck_assert_uint_eq(ts.r[3].type, TRACE_MBOX);
	ck_assert_uint_eq(ts.r[3].data[2], RECORD_MBOX_UNDERFLOW);
	ck_assert_uint_eq(ts.r[4].type, TRACE_IRQ);
	ck_assert_uint_eq(ts.r[4].data[4], 0);
	ck_assert_uint_eq(ts.r[4].t, SIM_US + LAT);
}
END_TEST

START_TEST(bad_config_refused)
{
	char err[128];
	struct mbox_config c = { .nchan = MBOX_MAX_CHANNELS + 1 };
	ck_assert_int_eq(mbox_config_check(&c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "channels"));
	ck_assert_ptr_null(mbox_create(&sim, "bad", &c));
	c = (struct mbox_config){ .depth = MBOX_MAX_DEPTH + 1 };
	ck_assert_int_eq(mbox_config_check(&c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "depth"));
	ck_assert_ptr_null(mbox_create(&sim, "bad", &c));
	c = (struct mbox_config){ .nchan = MBOX_MAX_CHANNELS, .depth = MBOX_MAX_DEPTH };
	ck_assert_int_eq(mbox_config_check(&c, err, sizeof(err)), 0);
}
END_TEST

START_TEST(map_overlap_refused)
{
	char err[160];
	ck_assert_int_eq(mbox_map(mb, MBOX_SIDE_HOST, &bus, HOST_BASE + 0x800, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "overlaps"));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("mailbox");
	TCase *tc = tcase_create("regs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, config_defaults_and_info);
	tcase_add_test(tc, access_sizes_refused);
	tcase_add_test(tc, holes_and_read_only);
	tcase_add_test(tc, fifo_order_and_status);
	tcase_add_test(tc, fifo_wraps_around);
	tcase_add_test(tc, write_to_full_is_dropped_and_flagged);
	tcase_add_test(tc, read_of_empty_returns_zero_and_flags);
	tcase_add_test(tc, irq_enable_masks_unknown_bits);
	tcase_add_test(tc, reset_restores_and_cancels);
	tcase_add_test(tc, c_api);
	tcase_add_test(tc, trace_records);
	tcase_add_test(tc, bad_config_refused);
	tcase_add_test(tc, map_overlap_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("irq");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rx_irq_rises_and_falls_after_latency);
	tcase_add_test(tc, disabled_channel_raises_nothing);
	tcase_add_test(tc, delay_line_keeps_short_pulses);
	tcase_add_test(tc, delay_line_overflow_keeps_final_level);
	tcase_add_test(tc, tx_not_full_irq);
	tcase_add_test(tc, error_irq_and_w1c);
	tcase_add_test(tc, zero_latency_is_an_event_at_the_access_time);
	tcase_add_test(tc, sink_may_access_the_mailbox);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
