#include "sim/core/record.h"
#include "devices/intc.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

struct intc {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	uint8_t priority[INTC_NSOURCES];
	uint32_t enable;
	uint32_t threshold;
	uint32_t pending;
	uint32_t claimed; /* in service: claimed, not completed */
	uint32_t input;
	struct irq_line out;
};

/* Highest-priority enabled pending source with priority > floor; the
 * lowest id wins ties. 0 if none. */
static unsigned best(const struct intc *ic, unsigned floor)
{
	/* only the candidates' bits, lowest first (it is evaluated on every
	 * line change and claim: usually none or one is set) */
	uint32_t cand = ic->pending & ic->enable & ~1u;
	unsigned id = 0, prio = floor;
	while (cand) {
		unsigned i = (unsigned)__builtin_ctz(cand);
		cand &= cand - 1;
		if (ic->priority[i] > prio) {
			prio = ic->priority[i];
			id = i;
		}
	}
	return id;
}

static void update(struct intc *ic, sim_time_t t)
{
	bool level = best(ic, ic->threshold) != 0;
	if (level == ic->out.level)
		return;
	irq_set(&ic->out, level, t);
	record_irq(ic->sim->trace, t, ic->comp, ic->out.num, level);
}

void intc_irq_in(void *intc, unsigned id, bool level, sim_time_t t)
{
	struct intc *ic = intc;
	assert(id > 0 && id < INTC_NSOURCES && "intc source wired to id 0 or beyond 31");
	uint32_t bit = 1u << id;
	if (level) {
		ic->input |= bit;
		if (!(ic->claimed & bit))
			ic->pending |= bit;
	} else {
		ic->input &= ~bit;
	}
	update(ic, t);
}

struct irq_line *intc_irq(struct intc *ic)
{
	return &ic->out;
}

static enum bus_status intc_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				 sim_time_t t)
{
	struct intc *ic = opaque;
	(void)size;
	if (off < INTC_PRIORITY(INTC_NSOURCES)) {
		*val = ic->priority[off / 4];
		return BUS_OK;
	}
	switch (off) {
	case INTC_PENDING:
		*val = ic->pending;
		return BUS_OK;
	case INTC_ENABLE:
		*val = ic->enable;
		return BUS_OK;
	case INTC_THRESHOLD:
		*val = ic->threshold;
		return BUS_OK;
	case INTC_INPUT:
		*val = ic->input;
		return BUS_OK;
	case INTC_CLAIM: {
		unsigned id = best(ic, 0);
		if (id) {
			ic->pending &= ~(1u << id);
			ic->claimed |= 1u << id;
			update(ic, t);
		}
		*val = id;
		return BUS_OK;
	}
	}
	sim_log_at(ic->sim, t, SIM_LOG_GUEST_ERROR, ic->comp, ic->name,
		   "read of offset 0x%02" PRIx64 ": no register there (see doc/devices.md)", off);
	return BUS_DEVICE_ERROR;
}

static void complete(struct intc *ic, uint32_t id, sim_time_t t)
{
	if (id == 0 || id >= INTC_NSOURCES || !(ic->claimed & (1u << id))) {
		sim_log_at(ic->sim, t, SIM_LOG_GUEST_ERROR, ic->comp, ic->name,
			   "complete of source %" PRIu32 ", which is not claimed: ignored "
			   "(write back the id that CLAIM returned)", id);
		return;
	}
	ic->claimed &= ~(1u << id);
	if (ic->input & (1u << id))
		ic->pending |= 1u << id;
	update(ic, t);
}

static enum bus_status intc_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				  sim_time_t t)
{
	struct intc *ic = opaque;
	uint32_t v = (uint32_t)val;
	(void)size;
	if (off < INTC_PRIORITY(INTC_NSOURCES)) {
		if (off == INTC_PRIORITY(0)) {
			sim_log_at(ic->sim, t, SIM_LOG_GUEST_ERROR, ic->comp, ic->name,
				   "write to PRIORITY of source 0, which does not exist: ignored");
			return BUS_OK;
		}
		ic->priority[off / 4] = (uint8_t)(v & INTC_PRIORITY_MAX); /* WARL */
		update(ic, t);
		return BUS_OK;
	}
	switch (off) {
	case INTC_ENABLE:
		ic->enable = v & INTC_SOURCE_MASK;
		update(ic, t);
		return BUS_OK;
	case INTC_THRESHOLD:
		ic->threshold = v & INTC_PRIORITY_MAX; /* WARL */
		update(ic, t);
		return BUS_OK;
	case INTC_CLAIM:
		complete(ic, v, t);
		return BUS_OK;
	case INTC_PENDING:
	case INTC_INPUT:
		sim_log_at(ic->sim, t, SIM_LOG_GUEST_ERROR, ic->comp, ic->name,
			   "write 0x%08" PRIx32 " to read-only %s: ignored", v,
			   off == INTC_PENDING ? "PENDING (claim to clear)" : "INPUT");
		return BUS_DEVICE_ERROR;
	}
	sim_log_at(ic->sim, t, SIM_LOG_GUEST_ERROR, ic->comp, ic->name,
		   "write 0x%08" PRIx32 " to offset 0x%02" PRIx64 ": no register there (see doc/devices.md)",
		   v, off);
	return BUS_DEVICE_ERROR;
}

static const struct mmio_ops ops = {
	.name = "intc",
	.min_size = 4,
	.max_size = 4,
	.read = intc_read,
	.write = intc_write,
};

const struct mmio_ops *intc_ops(void)
{
	return &ops;
}

int intc_map(struct intc *ic, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, ic->name, base, INTC_WINDOW_SIZE, &ops, ic, err, errlen);
}

void intc_reset(struct intc *ic, sim_time_t t)
{
	memset(ic->priority, 0, sizeof(ic->priority));
	ic->enable = ic->threshold = ic->pending = ic->claimed = 0;
	/* a source held high is a new request once the controller is back */
	ic->pending = ic->input;
	update(ic, t);
}

/* Snapshots: every register and input level, and the output's level. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct intc *ic = obj;
	snap_begin(w, "intc");
	snap_put_bytes(w, ic->priority, sizeof(ic->priority));
	snap_put_u32(w, ic->enable);
	snap_put_u32(w, ic->threshold);
	snap_put_u32(w, ic->pending);
	snap_put_u32(w, ic->claimed);
	snap_put_u32(w, ic->input);
	snap_put_bool(w, ic->out.level);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct intc *ic = obj;
	uint8_t prio[INTC_NSOURCES];
	snap_enter(r, "intc");
	snap_get_bytes(r, prio, sizeof(prio));
	uint32_t enable = snap_get_u32(r), threshold = snap_get_u32(r);
	uint32_t pending = snap_get_u32(r), claimed = snap_get_u32(r), input = snap_get_u32(r);
	bool level = snap_get_bool(r);
	snap_leave(r);
	if (r->failed)
		return -1;
	memcpy(ic->priority, prio, sizeof(prio));
	ic->enable = enable;
	ic->threshold = threshold;
	ic->pending = pending;
	ic->claimed = claimed;
	ic->input = input;
	ic->out.level = level;
	return 0;
}

struct intc *intc_create(struct sim *sim, const char *name, const struct intc_config *cfg)
{
	(void)cfg;
	struct intc *ic = calloc(1, sizeof(*ic));
	if (!ic)
		return NULL;
	ic->sim = sim;
	snprintf(ic->name, sizeof(ic->name), "%s", name);
	int id = sim_add_component(sim, ic->name, ic, intc_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, ic->name, ic, snap_save, snap_restore);
	if (id < 0) {
		free(ic);
		return NULL;
	}
	ic->comp = (uint16_t)id;
	return ic;
}

void intc_destroy(void *intc)
{
	free(intc);
}
