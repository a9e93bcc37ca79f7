/* What every device test needs, once: the simulation and the bus the
 * device under test is mapped on, a recorder of the IRQ edges it drives,
 * the last log line and the guest-error count, and 32-bit register access
 * at BASE (define BASE before including this header).  Each test program
 * includes it once; its setup calls dfx_setup() before creating the device
 * and its teardown dfx_teardown(). */
#ifndef RPSIM_DEVICE_FIXTURE_H
#define RPSIM_DEVICE_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

static struct sim sim;
static struct bus bus;
static char last_log[512];

/* IRQ edges in the order the device drove them (any line connected to
 * edge_sink; num tells them apart). */
struct edge {
	unsigned num;
	bool level;
	sim_time_t t;
};
static struct {
	struct edge e[128];
	unsigned n;
} rec;

static inline void edge_sink(void *ctx, unsigned num, bool level, sim_time_t t)
{
	(void)ctx;
	ck_assert_uint_lt(rec.n, 128);
	rec.e[rec.n++] = (struct edge){ num, level, t };
}

static inline void quiet_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
			     const char *who, const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who;
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static inline void dfx_setup(void)
{
	sim_init(&sim);
	sim.log_fn = quiet_log;
	bus_init(&bus, "test");
	memset(&rec, 0, sizeof(rec));
	last_log[0] = '\0';
}

static inline void dfx_teardown(void)
{
	sim.trace = NULL;
	sim_destroy(&sim);
	bus_destroy(&bus);
}

static inline uint64_t rd_n(uint32_t off, unsigned size, sim_time_t t)
{
	uint64_t v = 0xdead;
	ck_assert_int_eq(bus_read(&bus, BASE + off, size, &v, t), BUS_OK);
	return v;
}

static inline void wr_n(uint32_t off, unsigned size, uint64_t v, sim_time_t t)
{
	ck_assert_int_eq(bus_write(&bus, BASE + off, size, v, t), BUS_OK);
}

static inline uint32_t rd(uint32_t off, sim_time_t t)
{
	return (uint32_t)rd_n(off, 4, t);
}

static inline void wr(uint32_t off, uint32_t v, sim_time_t t)
{
	wr_n(off, 4, v, t);
}

static inline uint64_t guest_errors(void)
{
	return sim.log_counts[SIM_LOG_GUEST_ERROR];
}

#endif
