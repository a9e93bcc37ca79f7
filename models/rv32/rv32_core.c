/* The core as a simulation component: creation, reset, interrupt lines,
 * and the run event that drives the interpreter in quanta between the
 * other events. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/record.h"

void rv32_trace_state(struct rv32_core *c, sim_time_t t)
{
	/* enum cpu_state is the payload byte */
	record_core(c->cpu.sim->trace, t, c->cpu.trace_id, (uint8_t)c->state);
}

static sim_time_t tmax(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

/* The single-step path for the retire hook and the instruction trace: one
 * instruction, then the record. Returns after it; the caller's loop goes
 * on. */
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
	if (c->trace_insns) /* rd 0: no register written */
		record_insn(c->cpu.sim->trace, rv32_now(c), c->cpu.trace_id, pc, raw, d.rd, c->x[d.rd]);
	if (c->retire_fn)
		c->retire_fn(c->retire_ctx, &c->cpu, pc, raw, d.len, d.rd ? d.rd : CPU_REG_NONE,
			     c->x[d.rd]);
}

static void run_slices(struct rv32_core *c)
{
	struct sim *sim = c->cpu.sim;
	c->time = tmax(c->time, sim->now);
	sim_time_t qend = sim->now + c->cfg.cpu.quantum;
	if (qend < sim->now)
		qend = SIM_TIME_MAX;
	while (!sim->stop_requested) {
		sim_time_t next = eventq_next_time(&sim->q);
		sim_time_t limit = next < qend ? next : qend;
		if (c->time >= limit)
			break;
		/* an instruction count is reached before the interrupt it would
		 * take next, as a step stop after that instruction saw it */
		bool dbg = c->dbg_active;
		if (dbg && rv32_debug_count(c))
			break;
		if ((c->mip & c->mie) && rv32_take_interrupt(c)) { /* no call when none is pending */
			if (c->state != CPU_STATE_RUNNING)
				return; /* no usable handler: halted */
			/* taking it is a step of its own: the handler's entry
			 * is an instant a debugger can stop at */
			if (dbg && rv32_debug_irq(c))
				break;
		}
		if (c->insn_budget == 0) {
			rv32_halt(c, "instruction limit reached");
			sim_stop(sim, 1);
			return;
		}
		if (dbg && rv32_debug_break(c))
			break;
		uint64_t lim = simtime_div_inv(limit - c->time + c->period - 1, c->period, c->period_inv);
		c->slice_limit = limit;
		if (lim > c->insn_budget)
			lim = c->insn_budget; /* every instruction costs >= 1 cycle */
		if (lim > c->pause_left)
			lim = c->pause_left;
		bool step = c->traced || c->pmp_step || dbg;
		c->stepping = step;
		c->pmp_step = false;
		uint64_t before = c->instret;
		uint32_t pc_before = c->pc;
		if (c->traced)
			step_traced(c);
		else
			rv32_exec_run(c, step ? 1 : lim);
		if (c->insn_budget != UINT64_MAX)
			c->insn_budget -= c->instret - before;
		if (c->pause_left != UINT64_MAX) {
			c->pause_left -= c->instret - before;
			if (c->pause_left == 0) {
				/* the loop ends at its top; the core stays as it is */
				c->pause_left = UINT64_MAX;
				sim_stop(sim, CPU_STOP_PAUSE);
			}
		}
		c->dbg_skip = false; /* it executed (or trapped): breakpoints count again */
		/* a debugger stop leaves the loop where it would have gone on */
		bool stopped = dbg && rv32_debug_after(c, before, pc_before);
		if (c->pend_reset)
			return;
		if (c->state == CPU_STATE_WFI) {
			if (c->mip & c->mie) {
				c->state = CPU_STATE_RUNNING;
				if (stopped)
					break;
				continue;
			}
			rv32_trace_state(c, c->time);
			return; /* parked: rv32_irq wakes it */
		}
		if (c->state != CPU_STATE_RUNNING)
			return;
		if (stopped)
			break;
	}
	sim_core_schedule(sim, &c->ev, tmax(c->time, sim->now));
}

static void run_event(struct event *ev, void *ctx)
{
	(void)ev;
	struct rv32_core *c = ctx;
	if (c->state != CPU_STATE_RUNNING)
		return;
	if (c->dbg && c->dbg->hold) {
		c->dbg_held = true; /* set_debug() reschedules it when released */
		return;
	}
	rv32_check_store_windows(c); /* another core may have marked code */
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
	rv32_jit_free(c);
	free(c);
}

static int part_save(void *obj, struct snap_writer *w)
{
	return rv32_save(obj, w);
}

static int part_restore(void *obj, struct snap_reader *r)
{
	return rv32_restore(obj, r);
}

struct cpu *rv32_create(struct sim *sim, struct bus *bus, const struct rv32_config *cfg)
{
	const char *name = cfg->cpu.name ? cfg->cpu.name : "core";
	uint64_t hz = cfg->cpu.clock_hz ? cfg->cpu.clock_hz : 100000000u;
	if (hz > SIM_S / 2) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name,
			"clock %" PRIu64 " Hz is too fast: the period must be at least 2 ps", hz);
		return NULL;
	}
	if (cfg->cpu.time_hz > SIM_S) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name,
			"time base %" PRIu64 " Hz is above the 1 THz limit (one tick per picosecond)",
			cfg->cpu.time_hz);
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
	c->cfg.cpu.name = c->name;
	c->cfg.cpu.clock_hz = hz;
	if (!c->cfg.cpu.quantum)
		c->cfg.cpu.quantum = 10 * SIM_US;
	if (!c->cfg.cpu.time_hz)
		c->cfg.cpu.time_hz = 10000000u;
	simtime_rate_init(&c->time_rate, c->cfg.cpu.time_hz); /* checked above: <= 1 THz */
	c->period = (SIM_S + hz / 2) / hz;
	c->period_inv = simtime_inv(c->period);
	c->uniform = true;
	for (unsigned i = 0; i < RV32_NCLASS; i++) {
		c->cost[i] = cfg->cost[i] ? cfg->cost[i] : 1;
		c->uniform &= c->cost[i] == 1;
	}
	c->cpu.isa = &rv32_isa;
	c->cpu.sim = sim;
	c->cpu.name = c->name;
	c->bus = bus;
	c->state = CPU_STATE_RESET;
	c->insn_budget = UINT64_MAX;
	c->pause_left = UINT64_MAX;
	rv32_exec_labels(c->uniform, &c->labels, &c->h_decode, &c->h_page_end);
	if (cfg->cpu.jit != CPU_JIT_OFF) /* without one (another host), the interpreter runs all */
		rv32_jit_init(c, cfg->cpu.jit == CPU_JIT_EAGER ? 0 : JIT_HOT_RUNS);
	event_init(&c->ev, c->name, run_event, c);
	rv32_csr_reset(c);
	int id = sim_add_component(sim, c->name, c, destroy);
	if (id < 0) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name, "too many components in the simulation");
		free(c);
		return NULL;
	}
	c->cpu.trace_id = (uint16_t)id;
	sim_add_snapshot(sim, c->name, c, part_save, part_restore);
	return &c->cpu;
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
	t = tmax(t, c->cpu.sim->now);
	sim_core_cancel(c->cpu.sim, &c->ev);
	if (asserted) {
		c->state = CPU_STATE_RESET;
		rv32_trace_state(c, t);
		return;
	}
	memset(c->x, 0, sizeof(c->x));
	c->pc = boot_addr;
	rv32_csr_reset(c);
	rv32_free_decoded(c);
	c->instret_past += c->instret;
	c->instret = 0;
	c->slice_cyc = c->slice_insns = 0;
	c->time = c->reset_time = t;
	c->pmp_step = false;
	c->state = CPU_STATE_RUNNING;
	rv32_trace_state(c, t);
	sim_core_schedule(c->cpu.sim, &c->ev, t);
}

void rv32_irq(void *core, unsigned num, bool level, sim_time_t t)
{
	struct rv32_core *c = core;
	if (num != RV32_IRQ_MSI && num != RV32_IRQ_MTI && num != RV32_IRQ_MEI) {
		sim_log_at(c->cpu.sim, t, SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
			   "interrupt %u is not a machine-level interrupt (3, 7 or 11); ignored", num);
		return;
	}
	if (level)
		c->mip |= 1u << num;
	else
		c->mip &= ~(1u << num);
	if (c->state == CPU_STATE_WFI && (c->mip & c->mie)) {
		/* idle time costs nothing: the core resumes when woken */
		c->time = tmax(tmax(c->time, t), c->cpu.sim->now);
		c->state = CPU_STATE_RUNNING;
		rv32_trace_state(c, c->time);
		sim_core_schedule(c->cpu.sim, &c->ev, c->time);
	}
}

/* ---- the core interface's run control (rv32_isa.c has the rest) ---- */

void rv32_op_set_reset(struct cpu *cpu, bool asserted, uint64_t boot_addr, sim_time_t t)
{
	/* RV32: the boot address is the pc, within the 32-bit space */
	rv32_set_reset(rv32_of(cpu), asserted, (uint32_t)boot_addr, t);
}

void rv32_op_set_insn_limit(struct cpu *cpu, uint64_t n)
{
	rv32_of(cpu)->insn_budget = n;
}

void rv32_op_set_pause(struct cpu *cpu, uint64_t n)
{
	rv32_of(cpu)->pause_left = n ? n : UINT64_MAX;
}

void rv32_op_set_retire_hook(struct cpu *cpu, cpu_retire_fn fn, void *ctx)
{
	struct rv32_core *c = rv32_of(cpu);
	c->retire_fn = fn;
	c->retire_ctx = ctx;
	c->traced = c->retire_fn || c->trace_insns;
}

void rv32_op_set_trace_insns(struct cpu *cpu, bool on)
{
	struct rv32_core *c = rv32_of(cpu);
	c->trace_insns = on;
	c->traced = c->retire_fn || c->trace_insns;
}
