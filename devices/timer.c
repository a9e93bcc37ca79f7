#define MTIMER_NO_COMPAT
#include "sim/core/record.h"
#include "devices/timer.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

struct mtimer {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	uint64_t freq;
	struct simtime_rate rate; /* freq, for exact conversions */
	uint64_t offset; /* mtime(t) = ticks(t) + offset, mod 2^64 */
	uint64_t cmp;
	/* the last rearm left MTIP low with no event: mtime reaches cmp only
	 * beyond simulated time (firmware disarms with all ones).  Writing
	 * cmp's value again then changes nothing (the timer_arm sequence
	 * writes the low word to all ones first), so it is not rearmed. */
	bool far;
	struct event ev;
	struct irq_line mtip, msip;
};

int mtimer_config_check(const struct mtimer_config *cfg, char *err, size_t errlen)
{
	if (cfg->freq_hz > MTIMER_MAX_HZ) {
		snprintf(err, errlen, "timer: frequency %" PRIu64 " Hz is above the 1 THz limit "
			 "(one tick per picosecond of simulated time)", cfg->freq_hz);
		return -1;
	}
	return 0;
}

/* floor(t * freq / 1 s). The firmware reads mtime in its wait loops and
 * arms mtimecmp on every wait: both conversions avoid 128-bit division
 * (sim/core/simtime.h). */
static uint64_t ticks(const struct mtimer *tm, sim_time_t t)
{
	return simtime_to_ticks(&tm->rate, t);
}

uint64_t mtimer_mtime(const struct mtimer *tm, sim_time_t t)
{
	return ticks(tm, t) + tm->offset;
}

uint64_t mtimer_mtimecmp(const struct mtimer *tm)
{
	return tm->cmp;
}

struct irq_line *mtimer_mtip(struct mtimer *tm)
{
	return &tm->mtip;
}

struct irq_line *mtimer_msip(struct mtimer *tm)
{
	return &tm->msip;
}

static void drive(struct mtimer *tm, struct irq_line *l, bool level, sim_time_t t)
{
	if (l->level == level)
		return;
	irq_set(l, level, t);
	record_irq(tm->sim->trace, t, tm->comp, l->num, level);
}

/* Re-evaluates MTIP at t and arms the event for a future compare. */
static void rearm(struct mtimer *tm, sim_time_t t)
{
	tm->far = false;
	sim_cancel(tm->sim, &tm->ev);
	uint64_t base = ticks(tm, t), now = base + tm->offset;
	if (now >= tm->cmp) {
		drive(tm, &tm->mtip, true, t);
		return;
	}
	drive(tm, &tm->mtip, false, t);
	/* earliest t' with ticks(t') >= ticks(t) + (cmp - now) */
	uint64_t delta = tm->cmp - now;
	sim_time_t when;
	if (delta <= UINT64_MAX - base && simtime_from_ticks(&tm->rate, base + delta, &when))
		sim_schedule(tm->sim, &tm->ev, when);
	else
		tm->far = true;
}

static void expire(struct event *ev, void *ctx)
{
	struct mtimer *tm = ctx;
	drive(tm, &tm->mtip, true, ev->time);
}

static enum bus_status mtimer_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				  sim_time_t t)
{
	struct mtimer *tm = opaque;
	uint64_t mtime = mtimer_mtime(tm, t);
	if (size == 8 && off != MTIMER_MTIMECMP_LO && off != MTIMER_MTIME_LO)
		goto bad;
	switch (off) {
	case MTIMER_MSIP:
		*val = tm->msip.level;
		return BUS_OK;
	case MTIMER_MTIMECMP_LO:
		*val = size == 8 ? tm->cmp : (uint32_t)tm->cmp;
		return BUS_OK;
	case MTIMER_MTIMECMP_HI:
		*val = tm->cmp >> 32;
		return BUS_OK;
	case MTIMER_MTIME_LO:
		*val = size == 8 ? mtime : (uint32_t)mtime;
		return BUS_OK;
	case MTIMER_MTIME_HI:
		*val = mtime >> 32;
		return BUS_OK;
	}
bad:
	sim_log_at(tm->sim, t, SIM_LOG_GUEST_ERROR, tm->comp, tm->name,
		   "%u-byte read of offset 0x%04" PRIx64 ": no such register (MSIP 0x0, MTIMECMP 0x4000, "
		   "MTIME 0xbff8; 8-byte accesses only at 0x4000 and 0xbff8)", size, off);
	return BUS_DEVICE_ERROR;
}

static uint64_t merge(uint64_t old, uint64_t off_lo, uint64_t off, unsigned size, uint64_t val)
{
	if (size == 8)
		return val;
	if (off == off_lo)
		return (old & 0xFFFFFFFF00000000u) | (uint32_t)val;
	return (old & 0xFFFFFFFFu) | ((uint64_t)(uint32_t)val << 32);
}

static enum bus_status mtimer_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				   sim_time_t t)
{
	struct mtimer *tm = opaque;
	if (size == 8 && off != MTIMER_MTIMECMP_LO && off != MTIMER_MTIME_LO)
		goto bad;
	switch (off) {
	case MTIMER_MSIP:
		if (val & ~(uint64_t)MTIMER_MSIP_BIT)
			sim_log_at(tm->sim, t, SIM_LOG_GUEST_ERROR, tm->comp, tm->name,
				   "MSIP written with 0x%08" PRIx64 ": only bit 0 exists, the rest ignored", val);
		drive(tm, &tm->msip, val & MTIMER_MSIP_BIT, t);
		return BUS_OK;
	case MTIMER_MTIMECMP_LO:
	case MTIMER_MTIMECMP_HI: {
		uint64_t v = merge(tm->cmp, MTIMER_MTIMECMP_LO, off, size, val);
		if (v == tm->cmp && tm->far)
			return BUS_OK; /* see far */
		tm->cmp = v;
		rearm(tm, t);
		return BUS_OK;
	}
	case MTIMER_MTIME_LO:
	case MTIMER_MTIME_HI: {
		uint64_t v = merge(mtimer_mtime(tm, t), MTIMER_MTIME_LO, off, size, val);
		tm->offset = v - ticks(tm, t);
		rearm(tm, t);
		return BUS_OK;
	}
	}
bad:
	sim_log_at(tm->sim, t, SIM_LOG_GUEST_ERROR, tm->comp, tm->name,
		   "%u-byte write of 0x%" PRIx64 " to offset 0x%04" PRIx64 ": no such register (MSIP 0x0, "
		   "MTIMECMP 0x4000, MTIME 0xbff8; 8-byte accesses only at 0x4000 and 0xbff8)",
		   size, val, off);
	return BUS_DEVICE_ERROR;
}

static const struct mmio_ops ops = {
	.name = "timer",
	.min_size = 4,
	.max_size = 8,
	.read = mtimer_read,
	.write = mtimer_write,
};

const struct mmio_ops *mtimer_ops(void)
{
	return &ops;
}

int mtimer_map(struct mtimer *tm, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, tm->name, base, MTIMER_WINDOW_SIZE, &ops, tm, err, errlen);
}

void mtimer_reset(struct mtimer *tm, sim_time_t t)
{
	sim_cancel(tm->sim, &tm->ev);
	tm->cmp = UINT64_MAX;
	tm->offset = -ticks(tm, t); /* mtime(t) == 0 */
	drive(tm, &tm->msip, false, t);
	rearm(tm, t);
}

/* Snapshots: the counter's offset, the compare value, the lines, the
 * compare event. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct mtimer *tm = obj;
	snap_begin(w, "timer");
	snap_put_u64(w, tm->freq);
	snap_put_u64(w, tm->offset);
	snap_put_u64(w, tm->cmp);
	snap_put_bool(w, tm->mtip.level);
	snap_put_bool(w, tm->msip.level);
	snap_put_event(w, &tm->ev);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct mtimer *tm = obj;
	snap_enter(r, "timer");
	uint64_t freq = snap_get_u64(r), offset = snap_get_u64(r), cmp = snap_get_u64(r);
	bool mtip = snap_get_bool(r), msip = snap_get_bool(r);
	if (!r->failed && freq != tm->freq)
		snap_fail(r, "%s: a %" PRIu64 " Hz timer in the snapshot, %" PRIu64 " Hz here", tm->name,
			  freq, tm->freq);
	if (r->failed)
		return -1;
	snap_get_event(r, &tm->sim->q, &tm->ev);
	snap_leave(r);
	if (r->failed)
		return -1;
	tm->offset = offset;
	tm->cmp = cmp;
	tm->far = false; /* the next compare write rearms */
	tm->mtip.level = mtip;
	tm->msip.level = msip;
	return 0;
}

struct mtimer *mtimer_create(struct sim *sim, const char *name, const struct mtimer_config *cfg)
{
	char err[128];
	if (mtimer_config_check(cfg, err, sizeof(err)) < 0)
		return NULL;
	struct mtimer *tm = calloc(1, sizeof(*tm));
	if (!tm)
		return NULL;
	tm->sim = sim;
	snprintf(tm->name, sizeof(tm->name), "%s", name);
	tm->freq = cfg->freq_hz ? cfg->freq_hz : MTIMER_DEFAULT_HZ;
	simtime_rate_init(&tm->rate, tm->freq); /* checked above: 1 Hz .. 1 THz */
	tm->cmp = UINT64_MAX;
	event_init(&tm->ev, "timer compare", expire, tm);
	int id = sim_add_component(sim, tm->name, tm, mtimer_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, tm->name, tm, snap_save, snap_restore);
	if (id < 0) {
		free(tm);
		return NULL;
	}
	tm->comp = (uint16_t)id;
	return tm;
}

void mtimer_destroy(void *timer)
{
	struct mtimer *tm = timer;
	if (!tm)
		return;
	sim_cancel(tm->sim, &tm->ev);
	free(tm);
}
