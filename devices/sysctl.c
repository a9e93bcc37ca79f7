#include "devices/sysctl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/core/snap.h"

struct sysctl {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	struct sysctl_config cfg;
	uint32_t boot_addr;
	bool in_reset;
};

bool sysctl_in_reset(const struct sysctl *sc)
{
	return sc->in_reset;
}

uint32_t sysctl_boot_addr(const struct sysctl *sc)
{
	return sc->boot_addr;
}

static void set_reset(struct sysctl *sc, bool asserted, sim_time_t t)
{
	if (sc->in_reset == asserted)
		return;
	sc->in_reset = asserted;
	sim_log_at(sc->sim, t, SIM_LOG_DEBUG, sc->comp, sc->name, "remote reset %s, boot address 0x%08" PRIx32,
		   asserted ? "asserted" : "released", sc->boot_addr);
	if (sc->cfg.set_reset)
		sc->cfg.set_reset(sc->cfg.ctx, asserted, sc->boot_addr, t);
}

static enum bus_status sysctl_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				   sim_time_t t)
{
	struct sysctl *sc = opaque;
	(void)size;
	switch (off) {
	case SYSCTL_BOOT_ADDR:
		*val = sc->boot_addr;
		return BUS_OK;
	case SYSCTL_RESET:
	case SYSCTL_STATUS:
		*val = sc->in_reset ? SYSCTL_RESET_ASSERT : 0;
		return BUS_OK;
	}
	sim_log_at(sc->sim, t, SIM_LOG_GUEST_ERROR, sc->comp, sc->name,
		   "read of offset 0x%02" PRIx64 ": no register there (BOOT_ADDR 0x0, RESET 0x4, STATUS 0x8)",
		   off);
	return BUS_DEVICE_ERROR;
}

static enum bus_status sysctl_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				    sim_time_t t)
{
	struct sysctl *sc = opaque;
	uint32_t v = (uint32_t)val;
	(void)size;
	switch (off) {
	case SYSCTL_BOOT_ADDR:
		if (sc->cfg.keep_bit0) {
			sc->boot_addr = v;
			return BUS_OK;
		}
		if (v & ~SYSCTL_BOOT_ADDR_MASK)
			sim_log_at(sc->sim, t, SIM_LOG_GUEST_ERROR, sc->comp, sc->name,
				   "BOOT_ADDR written with odd address 0x%08" PRIx32 ": bit 0 is hardwired to 0, "
				   "the core will start at 0x%08" PRIx32, v, v & SYSCTL_BOOT_ADDR_MASK);
		sc->boot_addr = v & SYSCTL_BOOT_ADDR_MASK;
		return BUS_OK;
	case SYSCTL_RESET:
		if (v & ~SYSCTL_RESET_ASSERT)
			sim_log_at(sc->sim, t, SIM_LOG_GUEST_ERROR, sc->comp, sc->name,
				   "RESET written with 0x%08" PRIx32 ": only bit 0 exists, the rest ignored", v);
		set_reset(sc, v & SYSCTL_RESET_ASSERT, t);
		return BUS_OK;
	case SYSCTL_STATUS:
		sim_log_at(sc->sim, t, SIM_LOG_GUEST_ERROR, sc->comp, sc->name,
			   "write 0x%08" PRIx32 " to read-only STATUS: ignored (use RESET at 0x4)", v);
		return BUS_DEVICE_ERROR;
	}
	sim_log_at(sc->sim, t, SIM_LOG_GUEST_ERROR, sc->comp, sc->name,
		   "write 0x%08" PRIx32 " to offset 0x%02" PRIx64 ": no register there "
		   "(BOOT_ADDR 0x0, RESET 0x4, STATUS 0x8)", v, off);
	return BUS_DEVICE_ERROR;
}

static const struct mmio_ops ops = {
	.name = "sysctl",
	.min_size = 4,
	.max_size = 4,
	.read = sysctl_read,
	.write = sysctl_write,
};

const struct mmio_ops *sysctl_ops(void)
{
	return &ops;
}

int sysctl_map(struct sysctl *sc, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, sc->name, base, SYSCTL_WINDOW_SIZE, &ops, sc, err, errlen);
}

void sysctl_reset(struct sysctl *sc, sim_time_t t)
{
	sc->boot_addr = sc->cfg.boot_addr_reset & (sc->cfg.keep_bit0 ? ~0u : SYSCTL_BOOT_ADDR_MASK);
	set_reset(sc, true, t);
}

/* Snapshots: the boot address and the reset line. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct sysctl *sc = obj;
	snap_begin(w, "sysctl");
	snap_put_u32(w, sc->boot_addr);
	snap_put_bool(w, sc->in_reset);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct sysctl *sc = obj;
	snap_enter(r, "sysctl");
	uint32_t boot = snap_get_u32(r);
	bool in_reset = snap_get_bool(r);
	snap_leave(r);
	if (r->failed)
		return -1;
	sc->boot_addr = boot;
	sc->in_reset = in_reset;
	return 0;
}

struct sysctl *sysctl_create(struct sim *sim, const char *name, const struct sysctl_config *cfg)
{
	struct sysctl *sc = calloc(1, sizeof(*sc));
	if (!sc)
		return NULL;
	sc->sim = sim;
	snprintf(sc->name, sizeof(sc->name), "%s", name);
	sc->cfg = *cfg;
	sc->boot_addr = cfg->boot_addr_reset & (cfg->keep_bit0 ? ~0u : SYSCTL_BOOT_ADDR_MASK);
	sc->in_reset = true;
	int id = sim_add_component(sim, sc->name, sc, sysctl_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, sc->name, sc, snap_save, snap_restore);
	if (id < 0) {
		free(sc);
		return NULL;
	}
	sc->comp = (uint16_t)id;
	return sc;
}

void sysctl_destroy(void *sysctl)
{
	free(sysctl);
}
