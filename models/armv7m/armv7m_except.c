/* The ARMv7-M exception model (ARMv7-M ARM B1.5), after the manual's
 * pseudocode: ExecutionPriority, PushStack/ExceptionTaken (ExceptionEntry),
 * ExceptionReturn/PopStack with its integrity checks, tail-chaining,
 * the extended FP frame with lazy stacking (UpdateFPCCR), fault
 * escalation to HardFault and lockup. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "models/armv7m/armv7m_priv.h"

const char *armv7m_exc_name(unsigned exc)
{
	static const char *const n[16] = { "Thread mode", "Reset", "NMI", "HardFault", "MemManage",
					   "BusFault", "UsageFault", "exception 7", "exception 8",
					   "exception 9", "exception 10", "SVCall", "DebugMonitor",
					   "exception 13", "PendSV", "SysTick" };
	return exc < 16 ? n[exc] : "an external interrupt";
}

uint32_t armv7m_xpsr(const struct m_core *c)
{
	uint32_t it = c->itstate;
	return m_flag_n(c) << 31 | m_flag_z(c) << 30 | c->fc << 29 | c->fv << 28 | c->fq << 27 |
	       (it & 3) << 25 | (uint32_t)c->tbit << 24 | (c->ge & 15) << 16 | (it >> 2) << 10 |
	       (c->ipsr & 0x1ff);
}

void armv7m_set_apsr(struct m_core *c, uint32_t v, bool nzcvq, bool ge)
{
	if (nzcvq) {
		m_set_nz(c, v >> 31, (v >> 30) & 1);
		c->fc = (v >> 29) & 1;
		c->fv = (v >> 28) & 1;
		c->fq = (v >> 27) & 1;
	}
	if (ge)
		c->ge = (v >> 16) & 15;
}

/* ---- stack pointers and CONTROL ---- */

/* r[13] is the SP in use: MSP in Handler mode or with SPSEL 0 */
static bool using_psp(const struct m_core *c)
{
	return c->ipsr == 0 && (c->control & CONTROL_SPSEL);
}

uint32_t armv7m_get_msp(const struct m_core *c)
{
	return using_psp(c) ? c->sp_other : c->r[13];
}

uint32_t armv7m_get_psp(const struct m_core *c)
{
	return using_psp(c) ? c->r[13] : c->sp_other;
}

void armv7m_set_msp(struct m_core *c, uint32_t v)
{
	if (using_psp(c))
		c->sp_other = v & ~3u;
	else
		c->r[13] = v & ~3u;
}

void armv7m_set_psp(struct m_core *c, uint32_t v)
{
	if (using_psp(c))
		c->r[13] = v & ~3u;
	else
		c->sp_other = v & ~3u;
}

/* Changes mode/SPSEL keeping the banked SPs where they belong. */
static void switch_sp(struct m_core *c, bool was_psp)
{
	if (was_psp != using_psp(c)) {
		uint32_t t = c->r[13];
		c->r[13] = c->sp_other;
		c->sp_other = t;
	}
}

void armv7m_priv_changed(struct m_core *c)
{
	armv7m_invalidate_windows(c);
	armv7m_fp_update_ready(c);
}

void armv7m_set_control(struct m_core *c, uint32_t v)
{
	bool was = using_psp(c);
	uint32_t old = c->control;
	c->control = v & 7;
	switch_sp(c, was);
	if ((old ^ c->control) & (CONTROL_NPRIV | CONTROL_FPCA))
		armv7m_priv_changed(c);
}

static void set_ipsr(struct m_core *c, uint32_t exc)
{
	bool was = using_psp(c);
	bool was_priv = m_privileged(c);
	c->ipsr = exc;
	switch_sp(c, was);
	if (was_priv != m_privileged(c))
		armv7m_invalidate_windows(c);
	armv7m_fp_update_ready(c);
}

/* ---- priorities ---- */

int armv7m_exc_priority(const struct m_core *c, unsigned exc)
{
	switch (exc) {
	case EXC_RESET: return -3;
	case EXC_NMI: return -2;
	case EXC_HARDFAULT: return -1;
	default: return c->scs.prio[exc];
	}
}

/* the group priority of a priority value (PRIGROUP) */
static int group(const struct m_core *c, int p)
{
	if (p < 0)
		return p;
	int g = 2 << c->scs.aircr_prigroup;
	return p - p % g;
}

int armv7m_exec_priority(const struct m_core *c)
{
	int hi = 256, boosted = 256;
	for (unsigned w = 0; w < EXC_MAX / 32; w++) {
		for (uint32_t b = c->scs.act[w]; b; b &= b - 1) {
			unsigned exc = w * 32 + (unsigned)__builtin_ctz(b);
			int p = group(c, armv7m_exc_priority(c, exc));
			if (p < hi)
				hi = p;
		}
	}
	if (c->basepri & 0xff)
		boosted = group(c, (int)(c->basepri & 0xff));
	if (c->primask & 1)
		boosted = 0;
	if (c->faultmask & 1)
		boosted = -1;
	return boosted < hi ? boosted : hi;
}

static bool exc_enabled(const struct m_core *c, unsigned exc)
{
	switch (exc) {
	case EXC_MEMMANAGE: return c->scs.shcsr_ena & (1u << 16);
	case EXC_BUSFAULT: return c->scs.shcsr_ena & (1u << 17);
	case EXC_USAGEFAULT: return c->scs.shcsr_ena & (1u << 18);
	case EXC_DEBUGMON: return c->scs.demcr & (1u << 16);
	default: return exc < EXC_IRQ0 || m_bit(c->scs.ena, exc);
	}
}

unsigned armv7m_pending_exc(const struct m_core *c, bool for_wakeup)
{
	int limit;
	if (for_wakeup) {
		/* WFI wakes for what would preempt if PRIMASK were clear */
		struct m_core t = *c;
		t.primask = 0;
		limit = armv7m_exec_priority(&t);
	} else {
		limit = armv7m_exec_priority(c);
	}
	unsigned best = 0;
	int bp = 0;
	for (unsigned w = 0; w < EXC_MAX / 32; w++) {
		for (uint32_t b = c->scs.pend[w]; b; b &= b - 1) {
			unsigned exc = w * 32 + (unsigned)__builtin_ctz(b);
			if (!exc_enabled(c, exc))
				continue;
			int p = armv7m_exc_priority(c, exc);
			/* lowest priority value, then lowest exception number */
			if (!best || p < bp) {
				best = exc;
				bp = p;
			}
		}
	}
	return best && group(c, bp) < limit ? best : 0;
}

void armv7m_set_pending(struct m_core *c, unsigned exc, bool on)
{
	if (exc >= EXC_MAX)
		return;
	m_setbit(c->scs.pend, exc, on);
	if (on)
		c->exc_check = true;
	else if (exc == EXC_SYSTICK)
		armv7m_systick_unpend(c, armv7m_now(c));
}

/* ---- entry ---- */

/* Stores a word of an exception frame; false after a fault (its CFSR bit
 * recorded, the fault left to pend). */
static bool stack_word(struct m_core *c, uint32_t addr, uint32_t v, uint32_t *derived)
{
	if (armv7m_store(c, addr, 4, v, M_ACC_ALIGNED | M_ACC_NOFAULT) >= 0)
		return true;
	if (!*derived)
		*derived = c->acc_err == 1 ? CFSR_MSTKERR : CFSR_STKERR;
	return false;
}

static void update_fpccr(struct m_core *c, uint32_t frameptr)
{
	uint32_t f = c->scs.fpccr & ~(FPCCR_LSPACT | FPCCR_USER | FPCCR_THREAD | FPCCR_HFRDY |
				      FPCCR_MMRDY | FPCCR_BFRDY | FPCCR_MONRDY);
	int ep = armv7m_exec_priority(c);
	c->scs.fpcar = (frameptr + 0x20) & ~7u;
	f |= FPCCR_LSPACT;
	if (!m_privileged(c))
		f |= FPCCR_USER;
	if (c->ipsr == 0)
		f |= FPCCR_THREAD;
	if (ep > -1)
		f |= FPCCR_HFRDY;
	if ((c->scs.shcsr_ena & (1u << 17)) && ep > c->scs.prio[EXC_BUSFAULT])
		f |= FPCCR_BFRDY;
	if ((c->scs.shcsr_ena & (1u << 16)) && ep > c->scs.prio[EXC_MEMMANAGE])
		f |= FPCCR_MMRDY;
	if ((c->scs.demcr & (1u << 16)) && ep > c->scs.prio[EXC_DEBUGMON])
		f |= FPCCR_MONRDY;
	c->scs.fpccr = f;
}

/* PushStack: the frame of the context being left; LR = EXC_RETURN.
 * Returns the derived fault's CFSR bit (0 when stacking succeeded). */
static uint32_t push_stack(struct m_core *c, uint32_t ret_addr)
{
	bool fpca = c->control & CONTROL_FPCA;
	uint32_t framesize = fpca ? 0x68 : 0x20;
	bool forcealign = fpca || (c->scs.ccr & 0x200);
	uint32_t sp = c->r[13];
	uint32_t align = (sp >> 2) & 1 & forcealign;
	uint32_t frameptr = (sp - framesize) & ~(forcealign ? 7u : 3u);
	c->r[13] = frameptr;
	uint32_t derived = 0;
	uint32_t xpsr = (armv7m_xpsr(c) & ~0x200u) | align << 9;
	const uint32_t w[8] = { c->r[0], c->r[1], c->r[2], c->r[3], c->r[12], c->r[14], ret_addr, xpsr };
	for (unsigned i = 0; i < 8; i++)
		stack_word(c, frameptr + 4 * i, w[i], &derived);
	if (fpca) {
		if (!(c->scs.fpccr & FPCCR_LSPEN)) {
			for (unsigned i = 0; i < 16; i++)
				stack_word(c, frameptr + 0x20 + 4 * i, c->s[i], &derived);
			stack_word(c, frameptr + 0x60, c->fpscr, &derived);
		} else {
			update_fpccr(c, frameptr);
		}
	}
	if (c->ipsr)
		c->r[14] = 0xFFFFFFE1u | (fpca ? 0 : 0x10);
	else
		c->r[14] = 0xFFFFFFE9u | (fpca ? 0 : 0x10) | ((c->control & CONTROL_SPSEL) ? 4 : 0);
	return derived;
}

static void derived_fault(struct m_core *c, uint32_t cfsr);

/* ExceptionTaken: vector fetch, Handler mode, the exception active. */
static void exception_taken(struct m_core *c, unsigned exc)
{
	uint32_t vec;
	uint32_t vaddr = (c->scs.vtor & ~0x7Fu) + 4 * exc;
	if (armv7m_load(c, vaddr, 4, &vec, M_ACC_ALIGNED | M_ACC_NOFAULT) < 0) {
		sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
			   "cannot read the vector of %s (%u) at 0x%08" PRIx32 " (VTOR 0x%08" PRIx32 ")",
			   armv7m_exc_name(exc), exc, vaddr, c->scs.vtor);
		if (exc == EXC_HARDFAULT || exc == EXC_NMI || armv7m_exec_priority(c) < 0) {
			c->scs.hfsr |= HFSR_VECTTBL;
			snprintf(c->last_fault, sizeof(c->last_fault), "HardFault (vector table read)");
			armv7m_lockup(c, "the vector table cannot be read");
			return;
		}
		/* the vector fetch fault is a HardFault taken instead */
		c->scs.hfsr |= HFSR_VECTTBL;
		exc = EXC_HARDFAULT;
		vaddr = (c->scs.vtor & ~0x7Fu) + 4 * exc;
		if (armv7m_load(c, vaddr, 4, &vec, M_ACC_ALIGNED | M_ACC_NOFAULT) < 0) {
			snprintf(c->last_fault, sizeof(c->last_fault), "HardFault (vector table read)");
			armv7m_lockup(c, "the vector table cannot be read");
			return;
		}
	}
	armv7m_set_pending(c, exc, false);
	m_setbit(c->scs.act, exc, true);
	c->control &= ~(uint32_t)CONTROL_FPCA;
	bool was = using_psp(c);
	c->control &= ~(uint32_t)CONTROL_SPSEL;
	switch_sp(c, was);
	set_ipsr(c, exc);
	c->pc = vec & ~1u;
	c->tbit = vec & 1;
	c->itstate = 0;
	c->excl_valid = false;
	c->event_reg = true;
	c->exc_check = true;
}

static void exception_entry(struct m_core *c, unsigned exc, uint32_t ret_addr)
{
	armv7m_debug_trap(c, exc);
	uint32_t derived = push_stack(c, ret_addr);
	exception_taken(c, exc);
	if (derived && c->state != CPU_STATE_HALTED)
		derived_fault(c, derived);
}

/* A fault that arose while stacking or unstacking: pended, escalated to
 * HardFault when it cannot be taken (the derived exception then arrives
 * late, before the handler's first instruction). */
static void derived_fault(struct m_core *c, uint32_t cfsr)
{
	unsigned exc = (cfsr & 0xff) ? EXC_MEMMANAGE : EXC_BUSFAULT;
	c->scs.cfsr |= cfsr;
	if (!exc_enabled(c, exc) || group(c, armv7m_exc_priority(c, exc)) >= armv7m_exec_priority(c)) {
		c->scs.hfsr |= HFSR_FORCED;
		exc = EXC_HARDFAULT;
	}
	snprintf(c->last_fault, sizeof(c->last_fault), "%s (%s)", armv7m_exc_name(exc),
		 (cfsr & (CFSR_MSTKERR | CFSR_STKERR)) ? "stacking error" : "unstacking error");
	c->last_fault_exc = exc;
	if (exc == EXC_HARDFAULT && armv7m_exec_priority(c) <= -1) {
		armv7m_lockup(c, "a fault while stacking for HardFault or NMI");
		return;
	}
	armv7m_set_pending(c, exc, true);
}

bool armv7m_take_exception(struct m_core *c)
{
	c->exc_check = false;
	unsigned exc = armv7m_pending_exc(c, false);
	if (!exc)
		return false;
	exception_entry(c, exc, c->pc);
	return true;
}

void armv7m_lockup(struct m_core *c, const char *why)
{
	c->locked_up = true;
	struct cpu_fault f = { .cause = c->last_fault_exc, .pc = c->pc };
	if (c->scs.cfsr & CFSR_MMARVALID)
		f.addr = c->scs.mmfar;
	else if (c->scs.cfsr & CFSR_BFARVALID)
		f.addr = c->scs.bfar;
	snprintf(f.what, sizeof(f.what), "lockup: %.55s", c->last_fault[0] ? c->last_fault : why);
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "locked up at pc 0x%08" PRIx32 ": %s; %s (CFSR 0x%08" PRIx32 ", HFSR 0x%08" PRIx32 ")",
		   c->pc, why, f.what, c->scs.cfsr, c->scs.hfsr);
	c->state = CPU_STATE_HALTED;
	armv7m_trace_state(c, armv7m_now(c));
	if (c->cfg.cpu.on_fatal)
		c->cfg.cpu.on_fatal(c->cfg.cpu.fatal_ctx, &c->cpu, &f);
	armv7m_debug_halted(c);
}

void armv7m_halt(struct m_core *c, const char *why)
{
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "halted at pc 0x%08" PRIx32 ": %s", c->pc, why);
	c->state = CPU_STATE_HALTED;
	armv7m_trace_state(c, armv7m_now(c));
	armv7m_debug_halted(c);
}

/* What a fault's CFSR bits say, for the lockup report. */
static const char *cfsr_text(uint32_t cfsr)
{
	static const struct { uint32_t bit; const char *t; } t[] = {
		{ CFSR_IACCVIOL, "instruction access violation" }, { CFSR_DACCVIOL, "data access violation" },
		{ CFSR_MUNSTKERR, "unstacking error" }, { CFSR_MSTKERR, "stacking error" },
		{ CFSR_MLSPERR, "lazy FP stacking error" }, { CFSR_IBUSERR, "instruction bus error" },
		{ CFSR_PRECISERR, "precise data bus error" }, { CFSR_UNSTKERR, "unstacking bus error" },
		{ CFSR_STKERR, "stacking bus error" }, { CFSR_LSPERR, "lazy FP stacking bus error" },
		{ CFSR_UNDEFINSTR, "undefined instruction" }, { CFSR_INVSTATE, "invalid state" },
		{ CFSR_INVPC, "invalid exception return" }, { CFSR_NOCP, "no coprocessor" },
		{ CFSR_UNALIGNED, "unaligned access" }, { CFSR_DIVBYZERO, "divide by zero" },
	};
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (cfsr & t[i].bit)
			return t[i].t;
	return "fault";
}

void armv7m_fault(struct m_core *c, unsigned exc, uint32_t cfsr, uint32_t addr)
{
	c->scs.cfsr |= cfsr;
	if (cfsr & CFSR_MMARVALID)
		c->scs.mmfar = addr;
	if (cfsr & CFSR_BFARVALID)
		c->scs.bfar = addr;
	int ep = armv7m_exec_priority(c);
	unsigned take = exc;
	if (exc != EXC_HARDFAULT &&
	    (!exc_enabled(c, exc) || group(c, armv7m_exc_priority(c, exc)) >= ep)) {
		c->scs.hfsr |= HFSR_FORCED;
		take = EXC_HARDFAULT;
	}
	if (take == EXC_HARDFAULT && take != exc)
		snprintf(c->last_fault, sizeof(c->last_fault), "HardFault (escalated %s: %s)",
			 armv7m_exc_name(exc), cfsr_text(cfsr));
	else
		snprintf(c->last_fault, sizeof(c->last_fault), "%s (%s)", armv7m_exc_name(exc), cfsr_text(cfsr));
	c->last_fault_exc = exc;
	if (take == EXC_HARDFAULT && ep <= -1) {
		armv7m_lockup(c, "a fault while HardFault or NMI is active, or with FAULTMASK set");
		return;
	}
	exception_entry(c, take, c->pc);
}

void armv7m_sync_exception(struct m_core *c, unsigned exc, uint32_t ret)
{
	int ep = armv7m_exec_priority(c);
	unsigned take = exc;
	if (!exc_enabled(c, exc) || group(c, armv7m_exc_priority(c, exc)) >= ep) {
		c->scs.hfsr |= exc == EXC_DEBUGMON ? HFSR_DEBUGEVT : HFSR_FORCED;
		take = EXC_HARDFAULT;
		snprintf(c->last_fault, sizeof(c->last_fault), "HardFault (escalated %s)",
			 exc == EXC_DEBUGMON ? "breakpoint" : armv7m_exc_name(exc));
		c->last_fault_exc = exc;
		if (ep <= -1) {
			armv7m_lockup(c, "an SVC or breakpoint while HardFault or NMI is active");
			return;
		}
	}
	exception_entry(c, take, ret);
}

/* ---- return ---- */

static void invpc(struct m_core *c, uint32_t exc_return)
{
	/* UsageFault INVPC, taken with LR = EXC_RETURN (as the manual's
	 * ExceptionReturn does, without a new frame) */
	c->scs.cfsr |= CFSR_INVPC;
	c->r[14] = exc_return | 0xF0000000u;
	int ep = armv7m_exec_priority(c);
	unsigned take = EXC_USAGEFAULT;
	if (!exc_enabled(c, take) || group(c, armv7m_exc_priority(c, take)) >= ep) {
		c->scs.hfsr |= HFSR_FORCED;
		take = EXC_HARDFAULT;
	}
	snprintf(c->last_fault, sizeof(c->last_fault), "%s (invalid exception return)",
		 armv7m_exc_name(take));
	c->last_fault_exc = EXC_USAGEFAULT;
	if (take == EXC_HARDFAULT && ep <= -1) {
		armv7m_lockup(c, "an invalid exception return from HardFault or NMI");
		return;
	}
	exception_taken(c, take);
}

static unsigned active_count(const struct m_core *c)
{
	unsigned n = 0;
	for (unsigned w = 0; w < EXC_MAX / 32; w++)
		n += (unsigned)__builtin_popcount(c->scs.act[w]);
	return n;
}

static void deactivate(struct m_core *c, unsigned exc)
{
	m_setbit(c->scs.act, exc, false);
	if (exc != EXC_NMI)
		c->faultmask = 0; /* FAULTMASK clears on return from anything but NMI */
	/* a level-sensitive interrupt still asserted pends again */
	if (exc >= EXC_IRQ0 && m_bit(c->scs.level, exc))
		armv7m_set_pending(c, exc, true);
	c->exc_check = true;
}

void armv7m_exception_return(struct m_core *c, uint32_t excret)
{
	unsigned ret_exc = c->ipsr;
	if ((excret & 0x0FFFFFE0u) != 0x0FFFFFE0u) {
		/* reserved bits: UNPREDICTABLE; taken as INVPC */
		m_setbit(c->scs.act, ret_exc, false);
		return invpc(c, excret);
	}
	unsigned nested = active_count(c);
	if (!m_bit(c->scs.act, ret_exc)) {
		deactivate(c, ret_exc);
		return invpc(c, excret);
	}
	bool to_thread;
	switch (excret & 0xF) {
	case 0x1: to_thread = false; break;
	case 0x9: case 0xD:
		if (nested != 1 && !(c->scs.ccr & 1)) {
			deactivate(c, ret_exc);
			return invpc(c, excret);
		}
		to_thread = true;
		break;
	default:
		deactivate(c, ret_exc);
		return invpc(c, excret);
	}
	deactivate(c, ret_exc);
	/* tail-chaining: a pending exception that would preempt the context
	 * being returned to is taken now, on the same frame */
	unsigned next = armv7m_pending_exc(c, false);
	if (next) {
		c->r[14] = excret;
		exception_taken(c, next);
		return;
	}
	bool psp = (excret & 0xF) == 0xD;
	uint32_t frameptr = psp ? armv7m_get_psp(c) : armv7m_get_msp(c);
	bool fpframe = !(excret & 0x10);
	uint32_t framesize = fpframe ? 0x68 : 0x20;
	bool forcealign = fpframe || (c->scs.ccr & 0x200);
	uint32_t w[8];
	uint32_t err = 0;
	for (unsigned i = 0; i < 8 && !err; i++)
		if (armv7m_load(c, frameptr + 4 * i, 4, &w[i], M_ACC_ALIGNED | M_ACC_NOFAULT) < 0)
			err = c->acc_err == 1 ? CFSR_MUNSTKERR : CFSR_UNSTKERR;
	uint32_t fs[17];
	if (!err && fpframe && !(c->scs.fpccr & FPCCR_LSPACT))
		for (unsigned i = 0; i < 17 && !err; i++)
			if (armv7m_load(c, frameptr + 0x20 + 4 * i, 4, &fs[i], M_ACC_ALIGNED | M_ACC_NOFAULT) < 0)
				err = c->acc_err == 1 ? CFSR_MUNSTKERR : CFSR_UNSTKERR;
	if (err) {
		/* the return is abandoned: the derived fault is taken with
		 * this EXC_RETURN, the frame left where it is */
		c->scs.cfsr |= err;
		unsigned exc = (err & 0xff) ? EXC_MEMMANAGE : EXC_BUSFAULT;
		if (!exc_enabled(c, exc) || group(c, armv7m_exc_priority(c, exc)) >= armv7m_exec_priority(c)) {
			c->scs.hfsr |= HFSR_FORCED;
			exc = EXC_HARDFAULT;
		}
		snprintf(c->last_fault, sizeof(c->last_fault), "%s (unstacking error)", armv7m_exc_name(exc));
		c->last_fault_exc = exc;
		if (exc == EXC_HARDFAULT && armv7m_exec_priority(c) <= -1)
			return armv7m_lockup(c, "a fault while unstacking to HardFault or NMI");
		c->r[14] = excret;
		exception_taken(c, exc);
		return;
	}
	uint32_t psr = w[7];
	/* the mode the frame says must be the mode EXC_RETURN says; if not,
	 * the frame stays (as PopStack followed by PushStack leaves it) */
	if ((!to_thread && (psr & 0x1ff) == 0) || (to_thread && (psr & 0x1ff) != 0))
		return invpc(c, excret);
	/* the mode and stack being returned to */
	bool was = using_psp(c);
	c->ipsr = psr & 0x1ff;
	c->control &= ~(uint32_t)CONTROL_SPSEL;
	if (psp)
		c->control |= CONTROL_SPSEL;
	switch_sp(c, was);
	c->r[0] = w[0];
	c->r[1] = w[1];
	c->r[2] = w[2];
	c->r[3] = w[3];
	c->r[12] = w[4];
	c->r[14] = w[5];
	c->pc = w[6] & ~1u;
	if (fpframe) {
		if (c->scs.fpccr & FPCCR_LSPACT) {
			c->scs.fpccr &= ~(uint32_t)FPCCR_LSPACT; /* the state is still in the registers */
		} else {
			memcpy(c->s, fs, 16 * sizeof(c->s[0]));
			c->fpscr = fs[16] & FPSCR_MASK;
		}
	}
	c->control = (c->control & ~(uint32_t)CONTROL_FPCA) | (fpframe ? CONTROL_FPCA : 0);
	uint32_t spmask = ((psr >> 9) & 1 & forcealign) << 2;
	c->r[13] = (c->r[13] + framesize) | spmask;
	armv7m_set_apsr(c, psr, true, true);
	c->itstate = (uint8_t)(((psr >> 25) & 3) | ((psr >> 10) & 0x3f) << 2);
	c->tbit = (psr >> 24) & 1;
	armv7m_priv_changed(c);
	c->excl_valid = false;
	c->event_reg = true;
	c->exc_check = true;
	if (to_thread && nested == 1 && (c->scs.scr & 2)) {
		/* SLEEPONEXIT: back to sleep instead of thread code */
		if (!armv7m_pending_exc(c, true))
			c->state = CPU_STATE_WFI;
	}
}

void armv7m_bx_write_pc(struct m_core *c, uint32_t target)
{
	if (c->ipsr && (target >> 28) == 0xF) {
		armv7m_exception_return(c, target);
		return;
	}
	c->pc = target & ~1u;
	c->tbit = target & 1;
	c->itstate = 0;
}
