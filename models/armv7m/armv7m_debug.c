/* The core interface's debugging hooks (sim/core/cpu.h, "Debugging") for
 * the Cortex-M4F, the last exception for failure reports, and the layout
 * of its register note in coredumps.
 *
 * While a debugger asks for anything (or holds the core), the run event
 * calls armv7m_debug_slices() instead of the interpreter's run loop: one
 * instruction at a time through the interpreter's single-step path, with
 * the checks between steps.  The fast loop itself (armv7m_loop.h) is not
 * touched and costs nothing extra.  Watchpoints need every data access on
 * the slow path: while any is set the fast-path windows stay empty
 * (armv7m_mem.c does not refill them) and access() reports each access
 * here.  Exception entry (armv7m_except.c) counts the trap and records
 * the registers the trapping instruction saw. */
#include <inttypes.h>
#include <stdio.h>

#include "models/armv7m/armv7m_priv.h"

void armv7m_op_set_debug(struct cpu *cpu, struct cpu_debug *dbg)
{
	struct m_core *c = m_of(cpu);
	c->dbg = dbg;
	c->dbg_slow = dbg && (cpu_debug_active(dbg) || dbg->hold);
	c->dbg_skip = true; /* until it executes something */
	c->dbg_skip_pc = c->pc;
	c->dbg_watch = dbg && dbg->nwatches > 0;
	/* every load and store must reach access(): empty windows (set_window
	 * does not fill them while watching); emptied again when the
	 * watchpoints go, which costs only refills */
	armv7m_invalidate_windows(c);
	if (!c->dbg_watch)
		c->dbg_hit = false;
	if (c->dbg_held && !(dbg && dbg->hold)) {
		/* released: it goes on from where it was, now */
		c->dbg_held = false;
		if (c->state == CPU_STATE_RUNNING) {
			struct sim *sim = c->cpu.sim;
			sim_core_cancel(sim, &c->ev);
			sim_core_schedule(sim, &c->ev, c->time > sim->now ? c->time : sim->now);
		}
	}
}

static void stop(struct m_core *c, enum cpu_stop_reason reason, uint64_t addr, uint8_t kind)
{
	struct cpu_stop why = { .reason = reason, .pc = c->pc, .addr = addr, .kind = kind };
	if (c->dbg && c->dbg->stop)
		c->dbg->stop(c->dbg->ctx, &c->cpu, &why);
}

/* The core's steps reached stop_count: stopped (true). */
static bool count_reached(struct m_core *c)
{
	if (c->dbg->stop_count != c->instret_past + c->instret + c->dbg->traps)
		return false;
	stop(c, CPU_STOP_COUNT, 0, 0);
	return true;
}

/* After a step: a watchpoint hit, the step asked for, or the count. */
static bool after_step(struct m_core *c, uint64_t instret_before, uint32_t pc_before)
{
	if (c->dbg_hit) {
		c->dbg_hit = false;
		stop(c, CPU_STOP_WATCH, c->dbg_hit_addr, c->dbg_hit_kind);
		return true;
	}
	/* an instruction retired, or trapped (the pc moved to the handler) */
	if (c->dbg->step && (c->instret != instret_before || c->pc != pc_before)) {
		stop(c, CPU_STOP_STEP, 0, 0);
		return true;
	}
	return count_reached(c);
}

static sim_time_t tmax(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

/* run_slices() of armv7m_core.c, one instruction at a time, with the
 * debugger's checks: the count before anything, an exception taken as a
 * step of its own (the handler's entry is an instant a debugger can stop
 * at), a breakpoint before the instruction, the rest after it.  A stop
 * leaves the loop with the next run scheduled where it would have gone
 * on. */
void armv7m_debug_slices(struct m_core *c)
{
	struct sim *sim = c->cpu.sim;
	if (c->dbg && c->dbg->hold) {
		c->dbg_held = true; /* set_debug() reschedules it when released */
		return;
	}
	c->time = tmax(c->time, sim->now);
	sim_time_t qend = sim->now + c->cfg.cpu.quantum;
	if (qend < sim->now)
		qend = SIM_TIME_MAX;
	while (!sim->stop_requested) {
		sim_time_t next = eventq_next_time(&sim->q);
		sim_time_t limit = next < qend ? next : qend;
		if (c->time >= limit)
			break;
		if (count_reached(c))
			break;
		if (c->exc_check) {
			bool took = armv7m_take_exception(c);
			if (c->state != CPU_STATE_RUNNING)
				return; /* locked up taking it */
			if (took && c->dbg->step) {
				stop(c, CPU_STOP_STEP, 0, 0);
				break;
			}
			if (took && count_reached(c))
				break;
		}
		if (c->insn_budget == 0) {
			armv7m_halt(c, "instruction limit reached");
			sim_stop(sim, 1);
			return;
		}
		if (!(c->dbg_skip && c->pc == c->dbg_skip_pc) && cpu_debug_break_at(c->dbg, c->pc)) {
			stop(c, CPU_STOP_BREAK, 0, 0);
			break;
		}
		c->stepping = true;
		c->mpu_step = false;
		uint64_t before = c->instret;
		uint32_t pc_before = c->pc;
		if (c->traced)
			armv7m_step_traced(c);
		else
			armv7m_exec_run(c, 1);
		if (c->insn_budget != UINT64_MAX)
			c->insn_budget -= c->instret - before;
		if (c->pause_left != UINT64_MAX) {
			c->pause_left -= c->instret - before;
			if (c->pause_left == 0) {
				c->pause_left = UINT64_MAX;
				sim_stop(sim, CPU_STOP_PAUSE);
			}
		}
		c->dbg_skip = false; /* it executed (or trapped): breakpoints count again */
		bool stopped = c->state != CPU_STATE_HALTED && after_step(c, before, pc_before);
		if (c->pend_reset)
			return;
		if (c->state == CPU_STATE_WFI) {
			if (armv7m_wake_reason(c)) {
				c->state = CPU_STATE_RUNNING;
				c->sleeping_wfe = false;
				if (stopped)
					break;
				continue;
			}
			armv7m_trace_state(c, c->time);
			return; /* parked: an interrupt or an event wakes it */
		}
		if (c->state != CPU_STATE_RUNNING)
			return;
		if (stopped)
			break;
	}
	sim_core_schedule(sim, &c->ev, tmax(c->time, sim->now));
}

void armv7m_debug_access(struct m_core *c, uint32_t addr, unsigned size, bool write)
{
	if (c->dbg_hit || !c->dbg)
		return; /* the first hit of the instruction is the one reported */
	unsigned kind = write ? CPU_WATCH_WRITE : CPU_WATCH_READ;
	const struct cpu_watchpoint *w = cpu_debug_watch_hit(c->dbg, addr, size, kind);
	if (!w)
		return;
	c->dbg_hit = true;
	c->dbg_hit_addr = w->addr;
	c->dbg_hit_kind = (uint8_t)kind;
}

void armv7m_debug_halted(struct m_core *c)
{
	if (c->dbg)
		stop(c, CPU_STOP_HALTED, 0, 0);
}

void armv7m_debug_trap(struct m_core *c, unsigned exc)
{
	if (c->dbg)
		c->dbg->traps++; /* a step of its own: every instant has its count */
	struct m_trap *t = &c->trap;
	c->trap_armed = true;
	t->exc = exc;
	t->pc = c->pc;
	for (unsigned i = 0; i < 15; i++)
		t->regs[i] = c->r[i];
	t->regs[ARMV7M_REG_PC] = c->pc;
	t->regs[ARMV7M_REG_XPSR] = armv7m_xpsr(c);
	/* the status as this entry left it: a later fault (in the handler,
	 * or the lockup) adds its own bits */
	t->cfsr = c->scs.cfsr;
	t->hfsr = c->scs.hfsr;
	t->mmfar = c->scs.mmfar;
	t->bfar = c->scs.bfar;
	/* armv7m_fault and the escalations name the fault just before the
	 * entry; the other exceptions have their name */
	bool fault = exc >= EXC_HARDFAULT && exc <= EXC_USAGEFAULT;
	snprintf(t->what, sizeof(t->what), "%s", fault && c->last_fault[0] ? c->last_fault : armv7m_exc_name(exc));
}

/* The fault status bits by their names in the Armv7-M manual (B3.2.15,
 * B3.2.16), for the failure report's cause line. */
static void status_bits(char *buf, size_t cap, uint32_t cfsr, uint32_t hfsr)
{
	static const struct { uint32_t bit; const char *name; } cf[] = {
		{ CFSR_IACCVIOL, "IACCVIOL" }, { CFSR_DACCVIOL, "DACCVIOL" },
		{ CFSR_MUNSTKERR, "MUNSTKERR" }, { CFSR_MSTKERR, "MSTKERR" }, { CFSR_MLSPERR, "MLSPERR" },
		{ CFSR_MMARVALID, "MMARVALID" },
		{ CFSR_IBUSERR, "IBUSERR" }, { CFSR_PRECISERR, "PRECISERR" },
		{ CFSR_IMPRECISERR, "IMPRECISERR" }, { CFSR_UNSTKERR, "UNSTKERR" },
		{ CFSR_STKERR, "STKERR" }, { CFSR_LSPERR, "LSPERR" },
		{ CFSR_BFARVALID, "BFARVALID" },
		{ CFSR_UNDEFINSTR, "UNDEFINSTR" }, { CFSR_INVSTATE, "INVSTATE" }, { CFSR_INVPC, "INVPC" },
		{ CFSR_NOCP, "NOCP" }, { CFSR_UNALIGNED, "UNALIGNED" }, { CFSR_DIVBYZERO, "DIVBYZERO" },
	};
	size_t n = 0;
	buf[0] = '\0';
	int k = snprintf(buf, cap, "CFSR 0x%08" PRIx32, cfsr);
	n = k > 0 ? (size_t)k : 0;
	const char *sep = " (";
	for (unsigned i = 0; i < sizeof(cf) / sizeof(cf[0]) && n < cap; i++) {
		if (!(cfsr & cf[i].bit))
			continue;
		k = snprintf(buf + n, cap - n, "%s%s", sep, cf[i].name);
		n += k > 0 ? (size_t)k : 0;
		sep = " ";
	}
	if (*sep == ' ' && sep[1] == '\0' && n < cap) {
		k = snprintf(buf + n, cap - n, ")");
		n += k > 0 ? (size_t)k : 0;
	}
	if (n < cap && hfsr) {
		snprintf(buf + n, cap - n, ", HFSR 0x%08" PRIx32 "%s%s%s", hfsr,
			 (hfsr & HFSR_FORCED) ? " (FORCED)" : "", (hfsr & HFSR_VECTTBL) ? " (VECTTBL)" : "",
			 (hfsr & HFSR_DEBUGEVT) ? " (DEBUGEVT)" : "");
	}
}

int armv7m_op_last_trap(struct cpu *cpu, struct cpu_trap_info *out)
{
	const struct m_core *c = m_of(cpu);
	if (!c->trap_armed)
		return -1; /* no exception since reset */
	const struct m_trap *t = &c->trap;
	*out = (struct cpu_trap_info){ .cause = t->exc, .pc = t->pc };
	/* NMI and the asynchronous ones (PendSV, SysTick, external) */
	out->interrupt = t->exc == EXC_NMI || t->exc >= EXC_PENDSV;
	snprintf(out->what, sizeof(out->what), "%s", t->what);
	if (out->interrupt) {
		snprintf(out->regs_text, sizeof(out->regs_text), "exception %" PRIu32 " (%s)", t->exc,
			 armv7m_exc_name(t->exc));
		return 0;
	}
	char bits[72];
	status_bits(bits, sizeof(bits), t->cfsr, t->hfsr);
	if (t->cfsr & CFSR_MMARVALID) {
		out->addr = t->mmfar;
		out->has_addr = true;
		snprintf(out->regs_text, sizeof(out->regs_text), "%s, MMFAR 0x%08" PRIx32, bits, t->mmfar);
	} else if (t->cfsr & CFSR_BFARVALID) {
		out->addr = t->bfar;
		out->has_addr = true;
		snprintf(out->regs_text, sizeof(out->regs_text), "%s, BFAR 0x%08" PRIx32, bits, t->bfar);
	} else {
		snprintf(out->regs_text, sizeof(out->regs_text), "%s", bits);
	}
	out->regs_valid = true;
	for (unsigned i = 0; i <= ARMV7M_REG_XPSR; i++)
		out->regs[i] = t->regs[i];
	/* what Linux/arm sends a process for the like */
	uint32_t cf = t->cfsr;
	if (cf & (CFSR_IACCVIOL | CFSR_DACCVIOL | CFSR_MSTKERR | CFSR_MUNSTKERR))
		out->signal = 11; /* SIGSEGV */
	else if (cf & (CFSR_IBUSERR | CFSR_PRECISERR | CFSR_IMPRECISERR | CFSR_STKERR | CFSR_UNSTKERR |
		       CFSR_UNALIGNED))
		out->signal = 7;  /* SIGBUS */
	else if (cf & (CFSR_UNDEFINSTR | CFSR_INVSTATE | CFSR_INVPC | CFSR_NOCP))
		out->signal = 4;  /* SIGILL */
	else if (cf & CFSR_DIVBYZERO)
		out->signal = 8;  /* SIGFPE */
	else
		out->signal = 5;  /* SIGTRAP: SVC, BKPT */
	return 0;
}

/* Linux/arm's struct elf_prstatus (148 bytes: pr_cursig at 12, pr_pid at
 * 24, pr_reg at 72), as BFD's elf32_arm_nabi_grok_prstatus reads it; its
 * elf_gregset_t is 18 words: r0..r15, cpsr (here the xPSR) and orig_r0
 * (no system call: zero). */
static const uint16_t note_slots[18] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ARMV7M_REG_SP, ARMV7M_REG_LR, ARMV7M_REG_PC,
	ARMV7M_REG_XPSR, CPU_REG_NONE,
};
const struct cpu_core_note armv7m_core_note = {
	.size = 148, .cursig_off = 12, .pid_off = 24, .reg_off = 72,
	.reg_bytes = 4, .nslots = 18, .slots = note_slots,
};
