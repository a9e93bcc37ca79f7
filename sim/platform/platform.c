#include "sim/platform/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/core/snap.h"
#include "sim/platform/isa.h"
#include "sim/platform/platform_profile.h"

static void platform_free(void *obj)
{
	struct platform *p = obj;
	for (unsigned i = 0; i < p->nremotes; i++) {
		struct platform_remote *r = &p->remotes[i];
		bus_destroy(&r->da);
		for (unsigned k = 0; k < r->nmem; k++)
			ram_destroy(r->mem[k]);
	}
	bus_destroy(&p->pa);
	ram_destroy(p->dram);
	free(p);
}

/* Snapshots of the memories (the devices and cores save themselves). */
static int platform_save(void *obj, struct snap_writer *w)
{
	struct platform *p = obj;
	snap_begin(w, "platform");
	snap_put_u32(w, p->nremotes);
	if (ram_save(p->dram, w) < 0)
		w->failed = true;
	for (unsigned i = 0; i < p->nremotes && !w->failed; i++) {
		snap_put_u32(w, p->remotes[i].nmem);
		for (unsigned k = 0; k < p->remotes[i].nmem && !w->failed; k++)
			if (ram_save(p->remotes[i].mem[k], w) < 0)
				w->failed = true;
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int platform_restore(void *obj, struct snap_reader *r)
{
	struct platform *p = obj;
	snap_enter(r, "platform");
	uint32_t n = snap_get_u32(r);
	if (!r->failed && n != p->nremotes)
		snap_fail(r, "%u remotes in the snapshot, %u here", n, p->nremotes);
	if (r->failed || ram_restore(p->dram, r) < 0)
		return -1;
	for (unsigned i = 0; i < p->nremotes; i++) {
		uint32_t nmem = snap_get_u32(r);
		if (!r->failed && nmem != p->remotes[i].nmem)
			snap_fail(r, "%s: %u memories in the snapshot, %u here", p->remotes[i].name, nmem,
				  p->remotes[i].nmem);
		for (unsigned k = 0; k < p->remotes[i].nmem && !r->failed; k++)
			ram_restore(p->remotes[i].mem[k], r);
		if (r->failed)
			return -1;
	}
	snap_leave(r);
	return r->failed ? -1 : 0;
}

static void uart_line(void *ctx, const char *line, sim_time_t t)
{
	struct platform_remote *r = ctx;
	if (r->plat->on_uart_line)
		r->plat->on_uart_line(r->plat->line_ctx, r->index, line, t);
}

/* The sysctl's reset line resets the whole remote subsystem, as on real
 * SoCs: the core and its local peripherals, those the device table says
 * reset with it (not memories, and of the mailbox, which the host shares,
 * only the remote's side: see below).
 *
 * The remote's side of the mailbox is in the remote's reset domain: on
 * both edges of the reset line the messages waiting for the remote are
 * dropped and its IRQ_ENABLE/ERR_STATUS and line go back to reset.  So a
 * firmware finds at every boot what it finds at the first one: no message
 * in its mailbox, no interrupt pending at the intc (the side is reset
 * before the intc, whose reset re-pends inputs still high).  Without this
 * a restart found the kicks the stopped firmware had not read. */
static void subsystem_reset(void *ctx, bool asserted, uint32_t boot_addr, sim_time_t t)
{
	struct platform_remote *r = ctx;
	mbox_reset_side(r->mbox, MBOX_SIDE_REMOTE, t);
	if (asserted)
		for (unsigned k = 0; k < DEV_COUNT; k++)
			if (dev_table[k].reset && r->dev[k])
				dev_table[k].reset(r->dev[k], t);
	/* a core that boots from its vector table (Cortex-M: VTOR's reset
	 * value) has no boot address input: what the host wrote is unused */
	if (r->profile->boot == PLATFORM_BOOT_VECTOR_TABLE)
		boot_addr = r->profile->vector_table;
	cpu_set_reset(r->core, asserted, boot_addr, t);
}

static void core_fatal(void *ctx, struct cpu *core, const struct cpu_fault *f)
{
	struct platform_remote *r = ctx;
	(void)core;
	if (r->on_fatal)
		r->on_fatal(r->fatal_ctx, r->index, f);
}

static uint64_t core_mtime(void *ctx, sim_time_t t)
{
	return mtimer_mtime(ctx, t);
}

/* Both views of one RAM: pa on the host bus, da on the core's.  A memory
 * inside DRAM is a window of DRAM on the core's bus (an alias): no RAM of
 * its own. */
static int map_memory(struct platform *p, struct platform_remote *r,
		      const struct platform_mem_desc *m, struct diag *d)
{
	char err[256];
	if (platform_mem_in_dram(&p->cfg, m)) {
		if (bus_map_ram(&r->da, m->name, m->da, p->dram, m->pa - p->cfg.dram_base, m->size, err,
				sizeof(err)) < 0) {
			diag_error(d, "%s: memory \"%s\" (a window of DRAM): %s", r->name, m->name, err);
			return -1;
		}
		return 0;
	}
	struct ram *ram = ram_create(m->size);
	if (!ram) {
		diag_error(d, "%s: memory \"%s\": cannot allocate 0x%x bytes (size must be a non-zero multiple of 4 KiB)",
			   r->name, m->name, m->size);
		return -1;
	}
	r->mem[r->nmem++] = ram;
	if (bus_map_ram(&p->pa, m->name, m->pa, ram, 0, m->size, err, sizeof(err)) < 0 ||
	    bus_map_ram(&r->da, m->name, m->da, ram, 0, m->size, err, sizeof(err)) < 0) {
		diag_error(d, "%s: memory \"%s\": %s", r->name, m->name, err);
		return -1;
	}
	return 0;
}

/* A device of the table, named "<remote>.<comp>", mapped in each space it
 * has a window in. */
static int build_device(struct platform *p, struct platform_remote *r, enum dev_id k,
			const struct dev_args *args, struct diag *d)
{
	const struct dev_desc *dev = &dev_table[k];
	const struct platform_remote_desc *rc = r->cfg;
	char name[2 * PLATFORM_NAME_LEN], err[256];
	snprintf(name, sizeof(name), "%s.%s", r->name, dev->comp);
	r->dev[k] = dev->create(p->sim, name, args, err, sizeof(err));
	if (!r->dev[k]) {
		diag_error(d, "%s: %s", r->name, err);
		return -1;
	}
	struct bus *bus[DEV_NSPACES] = { [DEV_REMOTE] = &r->da, [DEV_HOST] = &p->pa };
	for (unsigned s = 0; s < DEV_NSPACES; s++) {
		if (dev->in[s] && dev->map(r->dev[k], (enum dev_space)s, bus[s], rc->dev_base[k][s], err,
					   sizeof(err)) < 0) {
			const char *side = !(dev->in[DEV_REMOTE] && dev->in[DEV_HOST]) ? ""
					   : s == DEV_HOST ? " (host side)" : " (remote side)";
			diag_error(d, "%s: %s%s: %s", r->name, dev->name, side, err);
			return -1;
		}
	}
	return 0;
}

static int build_remote(struct platform *p, unsigned idx, struct diag *d)
{
	const struct platform_remote_desc *rc = &p->cfg.remotes[idx];
	struct platform_remote *r = &p->remotes[idx];
	struct sim *sim = p->sim;
	char err[256];
	int failed = 0;

	r->plat = p;
	r->index = idx;
	r->cfg = rc;
	const char *rname = rc->name[0] ? rc->name : "remote";
	snprintf(r->name, sizeof(r->name), "%s", rname);
	snprintf(r->bus_name, sizeof(r->bus_name), "%s.da", rname);
	snprintf(r->core_name, sizeof(r->core_name), "%s.core", rname);
	bus_init(&r->da, r->bus_name);
	p->nremotes = idx + 1; /* so platform_free sees what is built so far */

	const struct cpu_isa *isa = isa_find(rc->core[0] ? rc->core : ISA_DEFAULT);
	if (!isa) {
		char known[128];
		diag_error(d, "%s: core type \"%s\" is not modelled; known: %s", r->name, rc->core,
			   isa_names(known, sizeof(known)));
		return -1;
	}
	r->profile = platform_profile_find(isa->name);
	unsigned irq_lo, irq_hi;
	const char *irq_what;
	platform_profile_irq_range(r->profile, &irq_lo, &irq_hi, &irq_what);
	if (rc->mailbox.remote_irq < irq_lo || rc->mailbox.remote_irq > irq_hi) {
		diag_error(d, "%s: mailbox remote_irq %u is not an %s of its %s core (%u..%u)", r->name,
			   rc->mailbox.remote_irq, irq_what, isa->name, irq_lo, irq_hi);
		return -1;
	}
	for (unsigned k = 0; k < rc->nmemories; k++)
		failed |= map_memory(p, r, &rc->memories[k], d);
	if (bus_map_ram(&r->da, "dram", p->cfg.dram_base, p->dram, 0, p->cfg.dram_size, err, sizeof(err)) < 0) {
		diag_error(d, "%s: DRAM in the core's view: %s", r->name, err);
		failed = 1;
	}
	if (failed)
		return -1;

	struct dev_args args[DEV_COUNT] = {
		[DEV_MAILBOX] = { .channels = rc->mailbox.channels, .depth = rc->mailbox.depth,
				  .latency = rc->mailbox.latency },
		[DEV_TIMER] = { .clock_hz = rc->timer_hz },
		[DEV_UART] = { .on_line = uart_line, .ctx = r },
		[DEV_SYSCTL] = { .set_reset = subsystem_reset, .ctx = r,
				 .boot_addr_bit0 = r->profile->boot == PLATFORM_BOOT_VECTOR_TABLE },
	};
	/* the devices of its subsystem (its core's profile: a Cortex-M has no
	 * intc or timer on the bus) */
	for (unsigned k = 0; k < DEV_COUNT; k++)
		if (!dev_table[k].after_core && platform_profile_has(r->profile, (enum dev_id)k) &&
		    build_device(p, r, (enum dev_id)k, &args[k], d) < 0)
			return -1;
	r->mbox = r->dev[DEV_MAILBOX];
	r->intc = r->dev[DEV_INTC];
	r->timer = r->dev[DEV_TIMER];
	r->uart = r->dev[DEV_UART];
	r->wdt = r->dev[DEV_WATCHDOG];

	struct cpu_config cc = {
		.name = r->core_name,
		.clock_hz = rc->clock_hz,
		.quantum = rc->quantum,
		.hartid = 0,
		.on_fatal = core_fatal,
		.fatal_ctx = r,
		/* RISC-V's time CSR reads the CLINT timer; a core with a timer of
		 * its own (SysTick) counts its reference clock at time_hz */
		.read_time = r->timer ? core_mtime : NULL,
		.time_ctx = r->timer,
		.time_hz = rc->timer_hz ? rc->timer_hz : r->profile->timer_hz,
		.jit = p->cfg.jit,
	};
	r->core = isa->create(sim, &r->da, &cc);
	if (!r->core) {
		diag_error(d, "%s: cannot create its core (out of memory or too many components)", r->name);
		return -1;
	}
	/* the trace says which ISA this core is: readers (the viewer, the
	 * dump) name its registers and disassemble by it */
	record_text(sim->trace, sim->now, TRACE_CORE_ISA, r->core->trace_id, isa->name, strlen(isa->name));
	for (unsigned k = 0; k < DEV_COUNT; k++)
		if (dev_table[k].after_core && platform_profile_has(r->profile, (enum dev_id)k) &&
		    build_device(p, r, (enum dev_id)k, &args[k], d) < 0)
			return -1;
	r->sysctl = r->dev[DEV_SYSCTL];

	/* The mailbox's remote line: to the intc, whose output is the core's
	 * external input (RISC-V), or straight to a line of an interrupt
	 * controller inside the core (lines > 0: Cortex-M's NVIC).  The
	 * watchdog has no remote-side line (its expiry interrupts the host). */
	const struct cpu_irq_inputs *in = &isa->irq;
	if (in->lines > 0)
		irq_connect(mbox_irq(r->mbox, MBOX_SIDE_REMOTE), cpu_irq_sink(r->core), r->core,
			    rc->mailbox.remote_irq);
	else if (r->intc)
		irq_connect(mbox_irq(r->mbox, MBOX_SIDE_REMOTE), intc_irq_in, r->intc, rc->mailbox.remote_irq);
	if (in->external >= 0 && r->intc)
		irq_connect(intc_irq(r->intc), cpu_irq_sink(r->core), r->core, (unsigned)in->external);
	if (in->timer >= 0 && r->timer)
		irq_connect(mtimer_mtip(r->timer), cpu_irq_sink(r->core), r->core, (unsigned)in->timer);
	if (in->software >= 0 && r->timer)
		irq_connect(mtimer_msip(r->timer), cpu_irq_sink(r->core), r->core, (unsigned)in->software);
	r->host_mbox_irq = mbox_irq(r->mbox, MBOX_SIDE_HOST);
	r->host_wdt_irq = watchdog_irq(r->wdt);
	return 0;
}

struct platform *platform_build(struct sim *sim, const struct platform_desc *cfg, struct diag *d)
{
	char err[256];
	struct platform *p = calloc(1, sizeof(*p));
	if (!p) {
		diag_error(d, "out of memory building the platform");
		return NULL;
	}
	p->sim = sim;
	p->cfg = *cfg;
	bus_init(&p->pa, "pa");
	if (sim_add_component(sim, "platform", p, platform_free) < 0) {
		diag_error(d, "too many components");
		platform_free(p);
		return NULL;
	}
	/* first: the memories are back before anything that caches them */
	sim_add_snapshot(sim, "platform", p, platform_save, platform_restore);
	if (cfg->nremotes > PLATFORM_MAX_REMOTES) {
		diag_error(d, "%u remote processors; at most %d are supported", cfg->nremotes, PLATFORM_MAX_REMOTES);
		return NULL;
	}
	p->dram = ram_create(cfg->dram_size);
	if (!p->dram) {
		diag_error(d, "DRAM: cannot allocate 0x%x bytes (size must be a non-zero multiple of 4 KiB)", cfg->dram_size);
		return NULL;
	}
	if (bus_map_ram(&p->pa, "dram", cfg->dram_base, p->dram, 0, cfg->dram_size, err, sizeof(err)) < 0) {
		diag_error(d, "DRAM: %s", err);
		return NULL;
	}
	for (unsigned i = 0; i < cfg->nremotes; i++)
		if (build_remote(p, i, d) < 0)
			return NULL;
	return p;
}

struct platform_remote *platform_remote_by_name(struct platform *p, const char *name)
{
	for (unsigned i = 0; i < p->nremotes; i++)
		if (strcmp(p->remotes[i].name, name) == 0)
			return &p->remotes[i];
	return NULL;
}

int platform_da_to_pa(const struct platform_remote *r, uint64_t da, uint64_t len, uint64_t *pa)
{
	const struct platform_remote_desc *rc = r->cfg;
	const struct platform *p = r->plat;
	for (unsigned k = 0; k < rc->nmemories; k++) {
		const struct platform_mem_desc *m = &rc->memories[k];
		if (da >= m->da && len <= m->size && da - m->da <= m->size - len) {
			*pa = m->pa + (da - m->da);
			return 0;
		}
	}
	if (da >= p->cfg.dram_base && len <= p->cfg.dram_size &&
	    da - p->cfg.dram_base <= p->cfg.dram_size - len) {
		*pa = da;
		return 0;
	}
	return -1;
}

/* The remote's IOMMU: a window of the host's memory (or a whole device
 * register window) at da on the remote's bus.  Mapped while the core is
 * held in reset (boot) or running (attach); unmapped at stop, with the
 * core in reset (its fast-path caches are dropped at the next release). */
int platform_iommu_map(void *remote, uint64_t da, uint64_t pa, uint64_t len, uint32_t flags,
		       char *err, size_t errlen)
{
	struct platform_remote *r = remote;
	(void)flags; /* IOMMU_READ/WRITE: the window is read-write */
	const struct bus_region *reg = bus_find(&r->plat->pa, pa);
	if (!reg || len == 0 || len > reg->size || pa - reg->base > reg->size - len) {
		snprintf(err, errlen, "pa [0x%llx, 0x%llx) is not inside one region of the host's "
			 "address map", (unsigned long long)pa, (unsigned long long)(pa + len));
		return -EINVAL;
	}
	/* the remote already sees that memory there (DRAM at da == pa, a
	 * carveout the pool placed where it was asked): nothing to map */
	const struct bus_region *have = bus_find(&r->da, da);
	if (have && reg->ram && have->ram == reg->ram && len <= have->size - (da - have->base) &&
	    have->ram_offset + (da - have->base) == reg->ram_offset + (pa - reg->base))
		return 0;
	char name[BUS_NAME_LEN];
	snprintf(name, sizeof(name), "iommu@0x%llx", (unsigned long long)da);
	int rc;
	if (reg->ram) {
		rc = bus_map_ram(&r->da, name, da, reg->ram, reg->ram_offset + (pa - reg->base), len,
				 err, errlen);
	} else if (pa != reg->base) {
		snprintf(err, errlen, "pa 0x%llx is inside the registers of \"%s\"; the IOMMU maps a "
			 "device's window from its start (0x%llx)", (unsigned long long)pa, reg->name,
			 (unsigned long long)reg->base);
		return -EINVAL;
	} else {
		rc = bus_map_device(&r->da, name, da, len, reg->ops, reg->opaque, err, errlen);
	}
	return rc ? -EINVAL : 0;
}

void platform_iommu_unmap(void *remote, uint64_t da, uint64_t len)
{
	struct platform_remote *r = remote;
	(void)len;
	/* only a window platform_iommu_map added (not one it found there) */
	const struct bus_region *have = bus_find(&r->da, da);
	if (have && have->base == da && strncmp(have->name, "iommu@", 6) == 0)
		bus_unmap(&r->da, da);
}
