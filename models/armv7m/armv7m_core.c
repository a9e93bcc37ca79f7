/* The Cortex-M4F core as a simulation component: creation, reset (the
 * vector table's SP and reset vector), the NVIC's input lines, sleeping
 * and waking, and the run event that drives the interpreter in quanta
 * between the other events, taking exceptions between slices. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/record.h"

void armv7m_trace_state(struct m_core *c, sim_time_t t)
{
	record_core(c->cpu.sim->trace, t, c->cpu.trace_id, (uint8_t)c->state);
}

static sim_time_t tmax(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

/* The register an instruction writes, for the trace and the retire hook
 * (CPU_REG_NONE if none; FP results as their D register). */
static unsigned written_reg(const struct m_insn *d, bool *fp)
{
	*fp = false;
	unsigned op = d->op;
	if (op >= M_OP_AND_I && op <= M_OP_CMNS_RS) {
		unsigned fam = (op - M_OP_AND_I) / 6;
		return fam >= 12 ? CPU_REG_NONE : d->rd; /* TST, TEQ, CMP, CMN write none */
	}
	if (op >= M_OP_SP_ADD_I && op <= M_OP_SP_MOV_R)
		return ARMV7M_REG_SP;
	if ((op >= M_OP_LDR_I && op <= M_OP_LDRSH_POST) || (op >= M_OP_LSL_R && op <= M_OP_RORS_R) ||
	    (op >= M_OP_MOVT && op <= M_OP_SBFX) || op == M_OP_DSP || op == M_OP_LDRD_I)
		return d->rd;
	if (op == M_OP_BL || op == M_OP_BLX)
		return ARMV7M_REG_LR;
	if (op == M_OP_VLDR || (op == M_OP_VFP && d->sub <= M_SUB_VCVT_FX && d->sub >= M_SUB_VMLA &&
				d->sub != M_SUB_VCMP && d->sub != M_SUB_VCMPE && d->sub != M_SUB_VCMPZ &&
				d->sub != M_SUB_VCMPEZ)) {
		*fp = true;
		return ARMV7M_REG_D0 + d->rd / 2;
	}
	if (op == M_OP_VFP && (d->sub == M_SUB_VMOV_RS || d->sub == M_SUB_VMOV_R_SCALAR ||
			       (d->sub == M_SUB_VMRS && d->rd != 15)))
		return d->rd;
	if (op == M_OP_SLOW && (d->sub == M_SUB_MRS || (d->sub >= M_SUB_LDREX && d->sub <= M_SUB_LDREXH) ||
				(d->sub >= M_SUB_LDRT && d->sub <= M_SUB_LDRSHT)))
		return d->rd;
	return CPU_REG_NONE;
}

/* The registers besides an instruction's rd that the instruction trace
 * follows (REG records): r0..r14 (LDM/POP, exception entry and return),
 * xPSR, FPSCR and the system registers; the pc is the INSN's own. */
static const uint8_t traced_regs[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, ARMV7M_REG_XPSR, ARMV7M_REG_FPSCR,
	ARMV7M_REG_MSP, ARMV7M_REG_PSP, ARMV7M_REG_PRIMASK, ARMV7M_REG_BASEPRI,
	ARMV7M_REG_FAULTMASK, ARMV7M_REG_CONTROL,
};
#define NTRACED (sizeof(traced_regs) / sizeof(traced_regs[0]))
_Static_assert(NTRACED <= sizeof(((struct m_core *)0)->traced_last) / sizeof(uint32_t),
	       "traced_last holds every traced register");

static void traced_values(struct m_core *c, uint32_t *v)
{
	for (unsigned i = 0; i < NTRACED; i++) {
		uint64_t x = 0;
		cpu_get_reg(&c->cpu, traced_regs[i], &x);
		v[i] = (uint32_t)x;
	}
}

/* One instruction, then its record: the single-step path of the retire
 * hook and the instruction trace. */
static void step_traced(struct m_core *c)
{
	uint32_t pc = c->pc, raw = 0;
	unsigned len = 0;
	uint8_t it = c->itstate;
	bool have = c->tbit && armv7m_fetch(c, pc, &raw, &len, false) == 0;
	uint64_t before = c->instret;
	armv7m_exec_run(c, 1);
	if (c->instret == before || !have)
		return;
	struct m_insn d;
	armv7m_decode(raw, len, pc, it != 0, (it & 0xf) == 8, &d);
	bool fp;
	unsigned reg = written_reg(&d, &fp);
	uint64_t val = 0;
	if (reg != CPU_REG_NONE)
		val = fp ? (uint64_t)c->s[(reg - ARMV7M_REG_D0) * 2 + 1] << 32 | c->s[(reg - ARMV7M_REG_D0) * 2]
			 : c->r[reg];
	/* the encoding as its bytes, little-endian: the first halfword low */
	uint32_t insn = len == 4 ? (raw >> 16) | (raw << 16) : raw;
	if (c->trace_insns) {
		/* the other registers changed since the last INSN (by this
		 * instruction, or by the exception entry or return before it;
		 * the first after a reset: every register the reset set), as
		 * REG records before its INSN */
		uint32_t now[NTRACED];
		traced_values(c, now);
		if (!c->traced_valid || before == 0)
			memset(c->traced_last, 0, sizeof(c->traced_last));
		c->traced_valid = true;
		for (unsigned i = 0; i < NTRACED; i++)
			if (now[i] != c->traced_last[i] && traced_regs[i] != reg)
				record_reg(c->cpu.sim->trace, armv7m_now(c), c->cpu.trace_id, traced_regs[i],
					   now[i]);
		memcpy(c->traced_last, now, sizeof(now));
		record_insn(c->cpu.sim->trace, armv7m_now(c), c->cpu.trace_id, pc, insn,
			    (uint8_t)(reg == CPU_REG_NONE ? 0xFF : reg), (uint32_t)val);
	}
	if (c->retire_fn)
		c->retire_fn(c->retire_ctx, &c->cpu, pc, insn, len, reg, val);
}

/* Whether a sleeping core has a reason to wake. */
static bool wake_reason(struct m_core *c)
{
	if (armv7m_pending_exc(c, true))
		return true;
	if (c->sleeping_wfe && c->event_reg) {
		c->event_reg = false;
		return true;
	}
	return false;
}

static void run_slices(struct m_core *c)
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
		if (c->exc_check) {
			armv7m_take_exception(c);
			if (c->state != CPU_STATE_RUNNING)
				return; /* locked up taking it */
			/* taking SysTick may have given its counter an event back */
			next = eventq_next_time(&sim->q);
			limit = next < qend ? next : qend;
			if (c->time >= limit)
				break;
		}
		if (c->insn_budget == 0) {
			armv7m_halt(c, "instruction limit reached");
			sim_stop(sim, 1);
			return;
		}
		uint64_t lim = (limit - c->time + c->period - 1) / c->period;
		if (lim > c->insn_budget)
			lim = c->insn_budget;
		if (lim > c->pause_left)
			lim = c->pause_left;
		bool step = c->traced || c->mpu_step;
		c->stepping = step;
		c->mpu_step = false;
		uint64_t before = c->instret;
		if (c->traced)
			step_traced(c);
		else
			armv7m_exec_run(c, step ? 1 : lim);
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
		if (c->pend_reset)
			return;
		if (c->state == CPU_STATE_WFI) {
			if (wake_reason(c)) {
				c->state = CPU_STATE_RUNNING;
				c->sleeping_wfe = false;
				continue;
			}
			armv7m_trace_state(c, c->time);
			return; /* parked: an interrupt or an event wakes it */
		}
		if (c->state != CPU_STATE_RUNNING)
			return;
	}
	sim_core_schedule(sim, &c->ev, tmax(c->time, sim->now));
}

static void run_event(struct event *ev, void *ctx)
{
	(void)ev;
	struct m_core *c = ctx;
	if (c->state != CPU_STATE_RUNNING)
		return;
	c->in_run = true;
	if (c->dbg_slow)
		armv7m_debug_slices(c); /* a debugger's checks between single steps */
	else
		run_slices(c);
	c->in_run = false;
	if (c->pend_reset) {
		c->pend_reset = false;
		armv7m_set_reset(c, c->pend_asserted, c->pend_boot, c->pend_t);
	}
}

void armv7m_wake(struct m_core *c, sim_time_t t)
{
	c->exc_check = true;
	if (c->state == CPU_STATE_WFI && wake_reason(c)) {
		/* idle time costs nothing: the core resumes when woken */
		c->time = tmax(tmax(c->time, t), c->cpu.sim->now);
		c->state = CPU_STATE_RUNNING;
		c->sleeping_wfe = false;
		armv7m_trace_state(c, c->time);
		sim_core_schedule(c->cpu.sim, &c->ev, c->time);
	}
}

static void destroy(void *obj)
{
	struct m_core *c = obj;
	sim_cancel(c->cpu.sim, &c->st_ev);
	for (unsigned i = 0; i < c->nwatch; i++) {
		ram_remove_code_watcher(c->watch[i].ram, &c->watch[i]);
		free(c->watch[i].lines);
	}
	armv7m_free_decoded(c);
	free(c);
}

static int part_save(void *obj, struct snap_writer *w)
{
	return armv7m_save(obj, w);
}

static int part_restore(void *obj, struct snap_reader *r)
{
	return armv7m_restore(obj, r);
}

struct cpu *armv7m_create(struct sim *sim, struct bus *bus, const struct armv7m_config *cfg)
{
	const char *name = cfg->cpu.name ? cfg->cpu.name : "core";
	uint64_t hz = cfg->cpu.clock_hz ? cfg->cpu.clock_hz : 25000000u;
	const char *bad = NULL;
	if (hz > SIM_S / 2)
		bad = "the clock is too fast: the period must be at least 2 ps";
	else if (cfg->nirq > ARMV7M_MAX_IRQS)
		bad = "more than 240 external interrupts (the NVIC's limit)";
	else if (cfg->prio_bits && (cfg->prio_bits < 3 || cfg->prio_bits > 8))
		bad = "the NVIC implements 3 to 8 priority bits";
	else if (cfg->systick_ref_hz > SIM_S / 2)
		bad = "SysTick's reference clock is too fast";
	if (bad) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name, "%s", bad);
		return NULL;
	}
	struct m_core *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->cfg = *cfg;
	if (cfg->semihost) {
		c->semi = *cfg->semihost;
		c->cfg.semihost = &c->semi;
	}
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->cfg.cpu.name = c->name;
	c->cfg.cpu.clock_hz = hz;
	if (!c->cfg.cpu.quantum)
		c->cfg.cpu.quantum = 10 * SIM_US;
	if (!c->cfg.nirq)
		c->cfg.nirq = 32;
	if (!c->cfg.prio_bits)
		c->cfg.prio_bits = 8;
	if (!c->cfg.systick_ref_hz)
		c->cfg.systick_ref_hz = 1000000u;
	c->period = (SIM_S + hz / 2) / hz;
	c->cpu.isa = &armv7m_isa;
	c->cpu.sim = sim;
	c->cpu.name = c->name;
	c->bus = bus;
	c->state = CPU_STATE_RESET;
	c->insn_budget = UINT64_MAX;
	c->pause_left = UINT64_MAX;
	armv7m_exec_labels(&c->h_of, &c->h_decode, &c->h_page_end, &c->h_itcond);
	event_init(&c->ev, c->name, run_event, c);
	event_init(&c->st_ev, c->name, armv7m_systick_event, c);
	int id = sim_add_component(sim, c->name, c, destroy);
	if (id < 0) {
		sim_log(sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, name, "too many components in the simulation");
		free(c);
		return NULL;
	}
	c->cpu.trace_id = (uint16_t)id;
	/* its part of the simulation's snapshots, under its name */
	sim_add_snapshot(sim, c->name, &c->cpu, part_save, part_restore);
	armv7m_scs_reset(c);
	return &c->cpu;
}

/* Reset (B1.5.5 TakeReset): registers, the SCS, the SP and pc from the
 * vector table at vtor. */
void armv7m_set_reset(struct m_core *c, bool asserted, uint32_t vtor, sim_time_t t)
{
	if (c->in_run) {
		/* the loop still points into this core's state: later */
		c->pend_reset = true;
		c->pend_asserted = asserted;
		c->pend_boot = vtor;
		c->pend_t = t;
		return;
	}
	t = tmax(t, c->cpu.sim->now);
	sim_core_cancel(c->cpu.sim, &c->ev);
	if (asserted) {
		sim_cancel(c->cpu.sim, &c->st_ev);
		c->state = CPU_STATE_RESET;
		armv7m_trace_state(c, t);
		return;
	}
	memset(c->r, 0, sizeof(c->r));
	memset(c->s, 0, sizeof(c->s));
	m_set_nz(c, 0, 0);
	c->fc = c->fv = c->fq = c->ge = 0;
	c->fpscr = 0;
	c->ipsr = 0;
	c->control = c->primask = c->faultmask = c->basepri = 0;
	c->sp_other = 0;
	c->itstate = 0;
	c->excl_valid = false;
	c->event_reg = false;
	c->sleeping_wfe = false;
	c->locked_up = false;
	c->semi_feat_pos = 0;
	c->last_fault[0] = 0;
	c->last_fault_exc = 0;
	c->trap_armed = false;
	c->boot_addr = vtor;
	armv7m_scs_reset(c);
	c->scs.vtor = vtor & 0xFFFFFF80u;
	armv7m_free_decoded(c);
	armv7m_invalidate_windows(c);
	armv7m_fp_update_ready(c);
	c->r[14] = 0xFFFFFFFFu;
	c->instret_past += c->instret;
	c->instret = 0;
	c->slice_cyc = c->slice_insns = 0;
	c->time = c->reset_time = t;
	c->mpu_step = false;
	c->exc_check = false;
	uint32_t sp, pc;
	if (armv7m_load(c, vtor, 4, &sp, M_ACC_ALIGNED | M_ACC_NOFAULT) < 0 ||
	    armv7m_load(c, vtor + 4, 4, &pc, M_ACC_ALIGNED | M_ACC_NOFAULT) < 0) {
		c->pc = 0;
		c->state = CPU_STATE_RUNNING;
		snprintf(c->last_fault, sizeof(c->last_fault), "HardFault (reset vector read)");
		armv7m_lockup(c, "the vector table (initial SP and reset vector) cannot be read");
		return;
	}
	c->r[13] = sp & ~3u;
	c->pc = pc & ~1u;
	c->tbit = pc & 1;
	c->state = CPU_STATE_RUNNING;
	armv7m_trace_state(c, t);
	sim_core_schedule(c->cpu.sim, &c->ev, t);
}

void armv7m_irq(void *core, unsigned num, bool level, sim_time_t t)
{
	struct m_core *c = core;
	unsigned exc;
	if (num == ARMV7M_IRQ_NMI) {
		exc = EXC_NMI;
	} else if (num < c->cfg.nirq) {
		exc = EXC_IRQ0 + num;
		m_setbit(c->scs.level, exc, level);
	} else {
		sim_log_at(c->cpu.sim, t, SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
			   "interrupt line %u does not exist (the NVIC has %u); ignored", num, c->cfg.nirq);
		return;
	}
	if (!level)
		return;
	/* asserted: pending, unless it is being handled (it pends again at
	 * exception return while still asserted) */
	if (exc == EXC_NMI || !m_bit(c->scs.act, exc)) {
		armv7m_set_pending(c, exc, true);
		if (c->scs.scr & 0x10) /* SEVONPEND */
			c->event_reg = true;
	}
	armv7m_wake(c, t);
}

/* ---- the core interface's run control (armv7m_isa.c has the rest) ---- */

void armv7m_op_set_reset(struct cpu *cpu, bool asserted, uint64_t boot_addr, sim_time_t t)
{
	/* Cortex-M: the boot address is the vector table */
	armv7m_set_reset(m_of(cpu), asserted, (uint32_t)boot_addr, t);
}

void armv7m_op_set_insn_limit(struct cpu *cpu, uint64_t n)
{
	m_of(cpu)->insn_budget = n;
}

void armv7m_op_set_pause(struct cpu *cpu, uint64_t n)
{
	m_of(cpu)->pause_left = n ? n : UINT64_MAX;
}

void armv7m_op_set_retire_hook(struct cpu *cpu, cpu_retire_fn fn, void *ctx)
{
	struct m_core *c = m_of(cpu);
	c->retire_fn = fn;
	c->retire_ctx = ctx;
	c->traced = c->retire_fn || c->trace_insns;
}

void armv7m_op_set_trace_insns(struct cpu *cpu, bool on)
{
	struct m_core *c = m_of(cpu);
	c->trace_insns = on;
	c->traced = c->retire_fn || c->trace_insns;
}

/* For the debugger's loop (armv7m_debug.c): the same single step and
 * wake-up test as run_slices() */
void armv7m_step_traced(struct m_core *c)
{
	step_traced(c);
}

bool armv7m_wake_reason(struct m_core *c)
{
	return wake_reason(c);
}
