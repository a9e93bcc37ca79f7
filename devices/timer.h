/* Machine timer (prefix mtimer_: timer_ is POSIX), CLINT-like, for one hart: MSIP, MTIMECMP and MTIME at the
 * SiFive CLINT offsets, so firmware written for a CLINT runs unchanged.
 *
 * MTIME counts at freq_hz from simulated time: mtime(t) = floor(t * freq /
 * 1 s) + offset.  It is writable: a write sets the counter's value at the
 * access time and it keeps counting from there (the model stores the
 * offset).  MTIP is high while mtime >= mtimecmp (unsigned 64-bit); when the
 * compare lies in the future an event is armed for the exact picosecond the
 * counter reaches it (the earliest t with mtime(t) >= mtimecmp) and moved or
 * cancelled by every write that changes the answer.  Nothing polls.  The
 * counter does not wrap within simulated time (2^64 ticks at 10 MHz is
 * 58 000 years); a compare beyond SIM_TIME_MAX never fires.
 *
 * Ownership: mtimer_create registers the device as a component of the sim;
 * sim_destroy calls mtimer_destroy.  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_TIMER_H
#define RPSIM_DEVICES_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "sim/core/sim.h"

#define MTIMER_WINDOW_SIZE 0x10000u

#define MTIMER_MSIP 0x0000        /* RW bit 0, reset 0 */
#define MTIMER_MTIMECMP_LO 0x4000 /* RW, reset 0xFFFFFFFF */
#define MTIMER_MTIMECMP_HI 0x4004 /* RW, reset 0xFFFFFFFF */
#define MTIMER_MTIME_LO 0xBFF8    /* RW, counts from 0 at time 0 */
#define MTIMER_MTIME_HI 0xBFFC

#define MTIMER_MSIP_BIT 1u
#define MTIMER_DEFAULT_HZ 10000000u /* 10 MHz */
#define MTIMER_MAX_HZ 1000000000000u /* one tick per picosecond */

struct mtimer_config {
	uint64_t freq_hz; /* 0: MTIMER_DEFAULT_HZ */
};

struct mtimer;

int mtimer_config_check(const struct mtimer_config *cfg, char *err, size_t errlen);

/* NULL on a bad configuration, out of memory or a full component table. */
struct mtimer *mtimer_create(struct sim *sim, const char *name, const struct mtimer_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void mtimer_destroy(void *timer);
/* MSIP 0, MTIMECMP all ones, MTIME restarts from 0 at t; lines low at t. */
void mtimer_reset(struct mtimer *tm, sim_time_t t);

/* Accepts 4- and 8-byte accesses (8 only at MTIMECMP_LO and MTIME_LO). */
const struct mmio_ops *mtimer_ops(void);
int mtimer_map(struct mtimer *tm, struct bus *bus, uint64_t base, char *err, size_t errlen);

/* The counter at time t, for the core's time/timeh CSRs. */
uint64_t mtimer_mtime(const struct mtimer *tm, sim_time_t t);
uint64_t mtimer_mtimecmp(const struct mtimer *tm);

/* Outputs: connect to the core's MTIP (mip bit 7) and MSIP (mip bit 3). */
struct irq_line *mtimer_mtip(struct mtimer *tm);
struct irq_line *mtimer_msip(struct mtimer *tm);


#endif
