/* The core as a simulation component: creation, reset, interrupt lines,
 * and the run event that drives the interpreter in quanta between the
 * other events. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/le.h"

static const char *const state_names[] = {
	[RV32_STATE_RESET] = "reset",
	[RV32_STATE_RUNNING] = "running",
	[RV32_STATE_WFI] = "wfi",
	[RV32_STATE_HALTED] = "halted",
};

const char *rv32_state_name(enum rv32_state st)
{
	return (unsigned)st < sizeof(state_names) / sizeof(state_names[0]) ? state_names[st] : "?";
}

void rv32_trace_state(struct rv32_core *c, sim_time_t t)
{
	static const uint8_t code[] = {
		[RV32_STATE_RUNNING] = 0, [RV32_STATE_WFI] = 1,
		[RV32_STATE_HALTED] = 2, [RV32_STATE_RESET] = 3,
	};
	uint8_t b = code[c->state];
	sim_trace(c->sim, t, TRACE_CORE, c->trace_id, &b, 1);
}

static sim_time_t tmax(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

/* The single-step path for the retire hook: one instruction, then the
 * record. Returns after it; the caller's loop goes on. */
static void step_traced(struct rv32_core *c)
{
	uint32_t pc = c->pc, raw = 0, fault;
	bool have = rv32_fetch(c, pc, &raw, &fault) == 0;
	uint64_t before = c->instret;
	rv32_exec_run(c, 1);
	if (c->instret == before || !have)
		return;
	struct rv32_insn d;
	rv32_decode(raw, &d);
	if (d.len == 2)
		raw &= 0xffff;
	c->retire_fn(c->retire_ctx, c, pc, raw, d.rd, c->x[d.rd]);
}

static void run_slices(struct rv32_core *c)
{
	struct sim *sim = c->sim;
	c->time = tmax(c->time, sim->now);
	sim_time_t qend = sim->now + c->cfg.quantum;
	if (qend < sim->now)
		qend = SIM_TIME_MAX;
	while (!sim->stop_requested) {
		sim_time_t next = eventq_next_time(&sim->q);
		sim_time_t limit = next < qend ? next : qend;
		if (c->time >= limit)
			break;
		if (rv32_take_interrupt(c) && c->state != RV32_STATE_RUNNING)
			return; /* no usable handler: halted */
		if (c->insn_budget == 0) {
			rv32_halt(c, "instruction limit reached");
			sim_stop(sim, 1);
			return;
		}
		uint64_t lim = (limit - c->time + c->period - 1) / c->period;
		if (lim > c->insn_budget)
			lim = c->insn_budget; /* every instruction costs >= 1 cycle */
		bool step = c->retire_fn || c->pmp_step;
		c->stepping = step;
		c->pmp_step = false;
		uint64_t before = c->instret;
		if (c->retire_fn)
			step_traced(c);
		else
			rv32_exec_run(c, step ? 1 : lim);
		if (c->insn_budget != UINT64_MAX)
			c->insn_budget -= c->instret - before;
		if (c->pend_reset)
			return;
		if (c->state == RV32_STATE_WFI) {
			if (c->mip & c->mie) {
				c->state = RV32_STATE_RUNNING;
				continue;
			}
			rv32_trace_state(c, c->time);
			return; /* parked: rv32_irq wakes it */
		}
		if (c->state != RV32_STATE_RUNNING)
			return;
	}
	sim_core_schedule(sim, &c->ev, tmax(c->time, sim->now));
}

static void run_event(struct event *ev, void *ctx)
{
	(void)ev;
	struct rv32_core *c = ctx;
	if (c->state != RV32_STATE_RUNNING)
		return;
	c->in_run = true;
	run_slices(c);
	c->in_run = false;
	if (c->pend_reset) {
		c->pend_reset = false;
		rv32_set_reset(c, c->pend_asserted, c->pend_boot, c->pend_t);
	}
}

static void destroy(void *obj)
{
	struct rv32_core *c = obj;
	for (unsigned i = 0; i < c->nwatch; i++) {
		ram_remove_code_watcher(c->watch[i].ram, &c->watch[i]);
		free(c->watch[i].lines);
	}
	rv32_free_decoded(c);
	free(c);
}

struct rv32_core *rv32_create(struct sim *sim, struct bus *bus, const struct rv32_config *cfg)
{
	const char *name = cfg->name ? cfg->name : "core";
	uint64_t hz = cfg->clock_hz ? cfg->clock_hz : 100000000u;
	if (hz > SIM_S / 2) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name,
			"clock %" PRIu64 " Hz is too fast: the period must be at least 2 ps", hz);
		return NULL;
	}
	for (unsigned i = 0; i < RV32_NCLASS; i++) {
		if (cfg->cost[i] > 127) {
			sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name,
				"instruction cost %u cycles is above the limit of 127", cfg->cost[i]);
			return NULL;
		}
	}
	struct rv32_core *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->cfg = *cfg;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->cfg.name = c->name;
	c->cfg.clock_hz = hz;
	if (!c->cfg.quantum)
		c->cfg.quantum = 10 * SIM_US;
	if (!c->cfg.mtime_hz)
		c->cfg.mtime_hz = 10000000u;
	c->period = (SIM_S + hz / 2) / hz;
	c->uniform = true;
	for (unsigned i = 0; i < RV32_NCLASS; i++) {
		c->cost[i] = cfg->cost[i] ? cfg->cost[i] : 1;
		c->uniform &= c->cost[i] == 1;
	}
	c->sim = sim;
	c->bus = bus;
	c->state = RV32_STATE_RESET;
	c->insn_budget = UINT64_MAX;
	rv32_exec_labels(c->uniform, &c->labels, &c->h_decode, &c->h_page_end);
	event_init(&c->ev, c->name, run_event, c);
	rv32_csr_reset(c);
	int id = sim_add_component(sim, c->name, c, destroy);
	if (id < 0) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name, "too many components in the simulation");
		free(c);
		return NULL;
	}
	c->trace_id = (uint16_t)id;
	return c;
}

void rv32_set_reset(struct rv32_core *c, bool asserted, uint32_t boot_addr, sim_time_t t)
{
	if (c->in_run) {
		/* the loop still points into this core's state: later */
		c->pend_reset = true;
		c->pend_asserted = asserted;
		c->pend_boot = boot_addr;
		c->pend_t = t;
		return;
	}
	t = tmax(t, c->sim->now);
	sim_core_cancel(c->sim, &c->ev);
	if (asserted) {
		c->state = RV32_STATE_RESET;
		rv32_trace_state(c, t);
		return;
	}
	memset(c->x, 0, sizeof(c->x));
	c->pc = boot_addr;
	rv32_csr_reset(c);
	rv32_free_decoded(c);
	c->instret = 0;
	c->slice_cyc = c->slice_insns = 0;
	c->time = c->reset_time = t;
	c->pmp_step = false;
	c->state = RV32_STATE_RUNNING;
	rv32_trace_state(c, t);
	sim_core_schedule(c->sim, &c->ev, t);
}

void rv32_set_reset_cb(void *core, bool asserted, uint32_t boot_addr, sim_time_t t)
{
	rv32_set_reset(core, asserted, boot_addr, t);
}

void rv32_irq(void *core, unsigned num, bool level, sim_time_t t)
{
	struct rv32_core *c = core;
	if (num != RV32_IRQ_MSI && num != RV32_IRQ_MTI && num != RV32_IRQ_MEI) {
		sim_log_at(c->sim, t, SIM_LOG_UNIMP, c->trace_id, c->name,
			   "interrupt %u is not a machine-level interrupt (3, 7 or 11); ignored", num);
		return;
	}
	if (level)
		c->mip |= 1u << num;
	else
		c->mip &= ~(1u << num);
	if (c->state == RV32_STATE_WFI && (c->mip & c->mie)) {
		/* idle time costs nothing: the core resumes when woken */
		c->time = tmax(tmax(c->time, t), c->sim->now);
		c->state = RV32_STATE_RUNNING;
		rv32_trace_state(c, c->time);
		sim_core_schedule(c->sim, &c->ev, c->time);
	}
}

void rv32_set_insn_limit(struct rv32_core *c, uint64_t n)
{
	c->insn_budget = n;
}

static void trace_insn(void *ctx, struct rv32_core *c, uint32_t pc, uint32_t insn, unsigned rd,
		       uint32_t value)
{
	(void)ctx;
	uint8_t b[13];
	le32_store(b, pc);
	le32_store(b + 4, insn);
	b[8] = (uint8_t)rd;
	le32_store(b + 9, value);
	sim_trace(c->sim, rv32_now(c), TRACE_INSN, c->trace_id, b, sizeof(b));
}

void rv32_set_trace_insns(struct rv32_core *c, bool on)
{
	rv32_set_retire_hook(c, on ? trace_insn : NULL, NULL);
}

void rv32_set_retire_hook(struct rv32_core *c, rv32_retire_fn fn, void *ctx)
{
	c->retire_fn = fn;
	c->retire_ctx = ctx;
}

enum rv32_state rv32_get_state(const struct rv32_core *c) { return c->state; }
uint32_t rv32_get_pc(const struct rv32_core *c) { return c->pc; }
unsigned rv32_get_priv(const struct rv32_core *c) { return c->priv; }
uint64_t rv32_insns_retired(const struct rv32_core *c) { return c->instret; }
sim_time_t rv32_local_time(const struct rv32_core *c) { return c->time; }
const char *rv32_name(const struct rv32_core *c) { return c->name; }

uint32_t rv32_get_reg(const struct rv32_core *c, unsigned r)
{
	return r < 32 ? c->x[r] : 0;
}

void rv32_set_reg(struct rv32_core *c, unsigned r, uint32_t v)
{
	if (r > 0 && r < 32)
		c->x[r] = v;
}
