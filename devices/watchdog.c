#include "sim/core/record.h"
#include "devices/watchdog.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

struct watchdog {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	uint64_t freq;
	struct simtime_rate rate; /* freq, for exact conversions */
	uint32_t ctrl, load, status;
	/* countdown: armed_load ticks from start; expiry is the event */
	bool counting;
	sim_time_t start;
	uint32_t armed_load;
	struct event ev;
	struct irq_line out;
};

int watchdog_config_check(const struct watchdog_config *cfg, char *err, size_t errlen)
{
	if (cfg->freq_hz > WATCHDOG_MAX_HZ) {
		snprintf(err, errlen, "watchdog: frequency %" PRIu64 " Hz is above the 1 THz limit "
			 "(one tick per picosecond of simulated time)", cfg->freq_hz);
		return -1;
	}
	return 0;
}

struct irq_line *watchdog_irq(struct watchdog *wd)
{
	return &wd->out;
}

bool watchdog_expired(const struct watchdog *wd)
{
	return wd->status & WATCHDOG_STATUS_EXPIRED;
}

static void drive(struct watchdog *wd, bool level, sim_time_t t)
{
	if (wd->out.level == level)
		return;
	irq_set(&wd->out, level, t);
	record_irq(wd->sim->trace, t, wd->comp, wd->out.num, level);
}

static void expire(struct event *ev, void *ctx)
{
	struct watchdog *wd = ctx;
	wd->counting = false;
	wd->status |= WATCHDOG_STATUS_EXPIRED;
	sim_log_at(wd->sim, ev->time, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
		   "expired: not kicked within %" PRIu32 " ticks at %" PRIu64 " Hz; interrupting the host",
		   wd->armed_load, wd->freq);
	drive(wd, true, ev->time);
}

static void arm(struct watchdog *wd, sim_time_t t)
{
	wd->counting = true;
	wd->start = t;
	wd->armed_load = wd->load;
	sim_time_t d;
	if (simtime_from_ticks(&wd->rate, wd->load, &d) && d <= SIM_TIME_MAX - t)
		sim_schedule(wd->sim, &wd->ev, t + d);
	else
		sim_cancel(wd->sim, &wd->ev); /* beyond simulated time: never */
}

static uint32_t count(const struct watchdog *wd, sim_time_t t)
{
	if (!(wd->ctrl & WATCHDOG_CTRL_EN))
		return wd->load;
	if (!wd->counting)
		return 0;
	uint64_t elapsed = t > wd->start ? simtime_to_ticks(&wd->rate, t - wd->start) : 0;
	return elapsed >= wd->armed_load ? 0 : wd->armed_load - (uint32_t)elapsed;
}

static enum bus_status wd_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
			       sim_time_t t)
{
	struct watchdog *wd = opaque;
	(void)size;
	switch (off) {
	case WATCHDOG_CTRL:
		*val = wd->ctrl;
		return BUS_OK;
	case WATCHDOG_LOAD:
		*val = wd->load;
		return BUS_OK;
	case WATCHDOG_KICK:
		*val = 0;
		return BUS_OK;
	case WATCHDOG_COUNT:
		*val = count(wd, t);
		return BUS_OK;
	case WATCHDOG_STATUS:
		*val = wd->status;
		return BUS_OK;
	}
	sim_log_at(wd->sim, t, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
		   "read of offset 0x%02" PRIx64 ": no register there (CTRL 0x0, LOAD 0x4, KICK 0x8, "
		   "COUNT 0xc, STATUS 0x10)", off);
	return BUS_DEVICE_ERROR;
}

static enum bus_status wd_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				sim_time_t t)
{
	struct watchdog *wd = opaque;
	uint32_t v = (uint32_t)val;
	(void)size;
	switch (off) {
	case WATCHDOG_CTRL: {
		if (v & ~WATCHDOG_CTRL_EN)
			sim_log_at(wd->sim, t, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
				   "CTRL written with 0x%08" PRIx32 ": only bit 0 (EN) exists, the rest ignored", v);
		bool was = wd->ctrl & WATCHDOG_CTRL_EN;
		wd->ctrl = v & WATCHDOG_CTRL_EN;
		if (wd->ctrl && !was) {
			arm(wd, t);
		} else if (!wd->ctrl && was) {
			wd->counting = false;
			sim_cancel(wd->sim, &wd->ev);
		}
		return BUS_OK;
	}
	case WATCHDOG_LOAD:
		wd->load = v;
		return BUS_OK;
	case WATCHDOG_KICK:
		if (v != WATCHDOG_KICK_MAGIC) {
			sim_log_at(wd->sim, t, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
				   "KICK written with 0x%08" PRIx32 ": not reloaded (write 0x%08x, \"KICK\")",
				   v, WATCHDOG_KICK_MAGIC);
			return BUS_OK;
		}
		if (wd->ctrl & WATCHDOG_CTRL_EN)
			arm(wd, t);
		return BUS_OK;
	case WATCHDOG_STATUS:
		wd->status &= ~(v & WATCHDOG_STATUS_EXPIRED); /* write 1 to clear */
		drive(wd, wd->status & WATCHDOG_STATUS_EXPIRED, t);
		return BUS_OK;
	case WATCHDOG_COUNT:
		sim_log_at(wd->sim, t, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
			   "write 0x%08" PRIx32 " to read-only COUNT: ignored (set LOAD, then kick)", v);
		return BUS_DEVICE_ERROR;
	}
	sim_log_at(wd->sim, t, SIM_LOG_GUEST_ERROR, wd->comp, wd->name,
		   "write 0x%08" PRIx32 " to offset 0x%02" PRIx64 ": no register there (CTRL 0x0, LOAD 0x4, "
		   "KICK 0x8, COUNT 0xc, STATUS 0x10)", v, off);
	return BUS_DEVICE_ERROR;
}

static const struct mmio_ops ops = {
	.name = "watchdog",
	.min_size = 4,
	.max_size = 4,
	.read = wd_read,
	.write = wd_write,
};

const struct mmio_ops *watchdog_ops(void)
{
	return &ops;
}

int watchdog_map(struct watchdog *wd, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, wd->name, base, WATCHDOG_WINDOW_SIZE, &ops, wd, err, errlen);
}

void watchdog_reset(struct watchdog *wd, sim_time_t t)
{
	sim_cancel(wd->sim, &wd->ev);
	wd->ctrl = 0;
	wd->load = WATCHDOG_LOAD_RESET;
	wd->status = 0;
	wd->counting = false;
	drive(wd, false, t);
}

/* Snapshots: registers, the countdown, the line, the expiry event. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct watchdog *wd = obj;
	snap_begin(w, "watchdog");
	snap_put_u64(w, wd->freq);
	snap_put_u32(w, wd->ctrl);
	snap_put_u32(w, wd->load);
	snap_put_u32(w, wd->status);
	snap_put_bool(w, wd->counting);
	snap_put_u64(w, wd->start);
	snap_put_u32(w, wd->armed_load);
	snap_put_bool(w, wd->out.level);
	snap_put_event(w, &wd->ev);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct watchdog *wd = obj;
	snap_enter(r, "watchdog");
	uint64_t freq = snap_get_u64(r);
	uint32_t ctrl = snap_get_u32(r), load = snap_get_u32(r), status = snap_get_u32(r);
	bool counting = snap_get_bool(r);
	sim_time_t start = snap_get_u64(r);
	uint32_t armed = snap_get_u32(r);
	bool level = snap_get_bool(r);
	if (!r->failed && freq != wd->freq)
		snap_fail(r, "%s: a %llu Hz watchdog in the snapshot, %llu Hz here", wd->name,
			  (unsigned long long)freq, (unsigned long long)wd->freq);
	if (r->failed)
		return -1;
	snap_get_event(r, &wd->sim->q, &wd->ev);
	snap_leave(r);
	if (r->failed)
		return -1;
	wd->ctrl = ctrl;
	wd->load = load;
	wd->status = status;
	wd->counting = counting;
	wd->start = start;
	wd->armed_load = armed;
	wd->out.level = level;
	return 0;
}

struct watchdog *watchdog_create(struct sim *sim, const char *name,
				 const struct watchdog_config *cfg)
{
	char err[128];
	if (watchdog_config_check(cfg, err, sizeof(err)) < 0)
		return NULL;
	struct watchdog *wd = calloc(1, sizeof(*wd));
	if (!wd)
		return NULL;
	wd->sim = sim;
	snprintf(wd->name, sizeof(wd->name), "%s", name);
	wd->freq = cfg->freq_hz ? cfg->freq_hz : WATCHDOG_DEFAULT_HZ;
	simtime_rate_init(&wd->rate, wd->freq); /* checked above: 1 Hz .. 1 THz */
	wd->load = WATCHDOG_LOAD_RESET;
	event_init(&wd->ev, "watchdog expiry", expire, wd);
	int id = sim_add_component(sim, wd->name, wd, watchdog_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, wd->name, wd, snap_save, snap_restore);
	if (id < 0) {
		free(wd);
		return NULL;
	}
	wd->comp = (uint16_t)id;
	return wd;
}

void watchdog_destroy(void *watchdog)
{
	struct watchdog *wd = watchdog;
	if (!wd)
		return;
	sim_cancel(wd->sim, &wd->ev);
	free(wd);
}
