#include "sim/platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/platform/isa.h"

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

static void uart_line(void *ctx, const char *line, sim_time_t t)
{
	struct platform_remote *r = ctx;
	if (r->plat->on_uart_line)
		r->plat->on_uart_line(r->plat->line_ctx, r->index, line, t);
}

/* The sysctl's reset line resets the whole remote subsystem, as on real
 * SoCs: the core and its local peripherals (not the mailbox, which the
 * host shares, nor memories). */
static void subsystem_reset(void *ctx, bool asserted, uint32_t boot_addr, sim_time_t t)
{
	struct platform_remote *r = ctx;
	if (asserted) {
		uart_flush(r->uart, t);
		intc_reset(r->intc, t);
		mtimer_reset(r->timer, t);
		watchdog_reset(r->wdt, t);
	}
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

/* Both views of one RAM: pa on the host bus, da on the core's. */
static int map_memory(struct platform *p, struct platform_remote *r,
		      const struct scenario_memory *m, struct diag *d)
{
	char err[256];
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

static int build_remote(struct platform *p, unsigned idx, struct diag *d)
{
	const struct scenario_rproc *rc = &p->cfg.rprocs[idx];
	struct platform_remote *r = &p->remotes[idx];
	struct sim *sim = p->sim;
	char err[256], name[PLATFORM_NAME_LEN];
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

	if (rc->mailbox.remote_irq < 1 || rc->mailbox.remote_irq > 31) {
		diag_error(d, "%s: mailbox remote_irq %u is not an interrupt controller source (1..31)", r->name,
			   rc->mailbox.remote_irq);
		return -1;
	}
	const struct cpu_isa *isa = isa_find(rc->core[0] ? rc->core : ISA_DEFAULT);
	if (!isa) {
		char known[128];
		diag_error(d, "%s: core type \"%s\" is not modelled; known: %s", r->name, rc->core,
			   isa_names(known, sizeof(known)));
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

	struct cpu_config cc = {
		.name = r->core_name,
		.clock_hz = rc->clock_hz,
		.quantum = rc->quantum,
		.hartid = 0,
	};
	struct mbox_config mc = {
		.nchan = rc->mailbox.channels,
		.depth = rc->mailbox.depth,
		.irq_latency = rc->mailbox.latency,
	};
	struct mtimer_config tc = { .freq_hz = rc->timer_hz };
	struct watchdog_config wc = { .freq_hz = 0 };
	if (mbox_config_check(&mc, err, sizeof(err)) < 0 || mtimer_config_check(&tc, err, sizeof(err)) < 0) {
		diag_error(d, "%s: %s", r->name, err);
		return -1;
	}

	snprintf(name, sizeof(name), "%s.mbox", r->name);
	r->mbox = mbox_create(sim, name, &mc);
	snprintf(name, sizeof(name), "%s.intc", r->name);
	r->intc = intc_create(sim, name, &(struct intc_config){ 0 });
	snprintf(name, sizeof(name), "%s.timer", r->name);
	r->timer = mtimer_create(sim, name, &tc);
	snprintf(name, sizeof(name), "%s.uart", r->name);
	r->uart = uart_create(sim, name, &(struct uart_config){ .on_line = uart_line, .ctx = r });
	snprintf(name, sizeof(name), "%s.wdt", r->name);
	r->wdt = watchdog_create(sim, name, &wc);
	cc.on_fatal = core_fatal;
	cc.fatal_ctx = r;
	cc.read_time = core_mtime;
	cc.time_ctx = r->timer;
	if (r->timer)
		cc.time_hz = tc.freq_hz ? tc.freq_hz : MTIMER_DEFAULT_HZ;
	r->core = isa->create(sim, &r->da, &cc);
	snprintf(name, sizeof(name), "%s.sysctl", r->name);
	r->sysctl = sysctl_create(sim, name, &(struct sysctl_config){
		.set_reset = subsystem_reset, .ctx = r, .boot_addr_reset = 0 });
	if (!r->mbox || !r->intc || !r->timer || !r->uart || !r->wdt || !r->core || !r->sysctl) {
		diag_error(d, "%s: cannot create its devices (out of memory or too many components)", r->name);
		return -1;
	}

	const char *what = NULL;
	if (mbox_map(r->mbox, MBOX_SIDE_HOST, &p->pa, rc->mailbox.host_base, err, sizeof(err)) < 0)
		what = "mailbox (host side)";
	else if (mbox_map(r->mbox, MBOX_SIDE_REMOTE, &r->da, rc->mailbox.remote_base, err, sizeof(err)) < 0)
		what = "mailbox (remote side)";
	else if (sysctl_map(r->sysctl, &p->pa, rc->sysctl_base, err, sizeof(err)) < 0)
		what = "sysctl";
	else if (intc_map(r->intc, &r->da, rc->intc_base, err, sizeof(err)) < 0)
		what = "intc";
	else if (mtimer_map(r->timer, &r->da, rc->timer_base, err, sizeof(err)) < 0)
		what = "timer";
	else if (uart_map(r->uart, &r->da, rc->uart_base, err, sizeof(err)) < 0)
		what = "uart";
	else if (watchdog_map(r->wdt, &r->da, rc->watchdog_base, err, sizeof(err)) < 0)
		what = "watchdog";
	if (what) {
		diag_error(d, "%s: %s: %s", r->name, what, err);
		return -1;
	}

	irq_connect(mbox_irq(r->mbox, MBOX_SIDE_REMOTE), intc_irq_in, r->intc, rc->mailbox.remote_irq);
	/* An ISA whose interrupt controller is inside the core (external
	 * -1, lines > 0: Cortex-M's NVIC) takes the mailbox line directly;
	 * wiring it is left to that ISA's arrival. */
	const struct cpu_irq_inputs *in = &isa->irq;
	if (in->external >= 0)
		irq_connect(intc_irq(r->intc), cpu_irq_sink(r->core), r->core, (unsigned)in->external);
	if (in->timer >= 0)
		irq_connect(mtimer_mtip(r->timer), cpu_irq_sink(r->core), r->core, (unsigned)in->timer);
	if (in->software >= 0)
		irq_connect(mtimer_msip(r->timer), cpu_irq_sink(r->core), r->core, (unsigned)in->software);
	r->host_mbox_irq = mbox_irq(r->mbox, MBOX_SIDE_HOST);
	r->host_wdt_irq = watchdog_irq(r->wdt);
	return 0;
}

struct platform *platform_build(struct sim *sim, const struct scenario_platform *cfg, struct diag *d)
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
	if (cfg->nrprocs > SCENARIO_MAX_RPROCS) {
		diag_error(d, "%u remote processors; at most %d are supported", cfg->nrprocs, SCENARIO_MAX_RPROCS);
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
	for (unsigned i = 0; i < cfg->nrprocs; i++)
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
	const struct scenario_rproc *rc = r->cfg;
	const struct platform *p = r->plat;
	for (unsigned k = 0; k < rc->nmemories; k++) {
		const struct scenario_memory *m = &rc->memories[k];
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
