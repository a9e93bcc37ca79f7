/* The private peripheral bus of the Cortex-M4F (ARMv7-M ARM B3.2-B3.4,
 * C1): the System Control Space at 0xE000E000 (SCB, NVIC, SysTick, the
 * MPU's registers, the FP control registers), ITM stimulus port 0 at
 * 0xE0000000 as a console, and the DWT cycle counter at 0xE0001000.
 * SysTick and CYCCNT count on simulated time (the core clock or SysTick's
 * reference clock), never the wall clock.  Registers the core does not
 * model read as zero and ignore writes (logged as unimplemented). */
#include <inttypes.h>

#include "models/armv7m/armv7m_priv.h"

#define CPUID_M4 0x410FC241u /* Cortex-M4 r0p1 */

/* SYST_CSR */
#define ST_ENABLE 1u
#define ST_TICKINT 2u
#define ST_CLKSOURCE 4u
#define ST_COUNTFLAG (1u << 16)

/* ---- SysTick ---- */

static sim_time_t st_period(const struct m_core *c)
{
	if (c->scs.st_csr & ST_CLKSOURCE)
		return c->period;
	uint64_t hz = c->cfg.systick_ref_hz;
	return (SIM_S + hz / 2) / hz;
}

/* The counter at time t (>= st_time) while counting. */
static uint32_t st_value(const struct m_core *c, sim_time_t t)
{
	uint64_t k = t > c->scs.st_time ? (t - c->scs.st_time) / st_period(c) : 0;
	uint64_t v0 = c->scs.st_cvr, rvr = c->scs.st_rvr;
	if (k <= v0)
		return (uint32_t)(v0 - k);
	if (rvr == 0)
		return 0;
	k -= v0 + 1; /* ticks after the reload that followed zero */
	return (uint32_t)(rvr - k % (rvr + 1));
}

uint32_t armv7m_systick_cvr(struct m_core *c, sim_time_t t)
{
	if (!(c->scs.st_csr & ST_ENABLE))
		return c->scs.st_cvr;
	return st_value(c, t);
}

/* Whether counting from st_cvr at st_time reaches zero (a 1-to-0 step,
 * which sets COUNTFLAG) by t.  From 0 the next tick reloads RVR, so the
 * next zero is RVR + 1 ticks away; a zero RVR keeps the counter at 0. */
static bool st_zero_by(const struct m_core *c, sim_time_t t)
{
	if (t <= c->scs.st_time)
		return false;
	uint64_t k = (t - c->scs.st_time) / st_period(c);
	if (c->scs.st_cvr)
		return k >= c->scs.st_cvr;
	return c->scs.st_rvr && k >= (uint64_t)c->scs.st_rvr + 1;
}

/* Moves the counter's base to the last tick edge at or before t, folding
 * a zero passed on the way into COUNTFLAG (while the zero's event is
 * pending, the event sets it at its time).  Zeros need no event of their
 * own: without TICKINT, or while the last interrupt is still pending,
 * nothing but COUNTFLAG and the value would change, and both follow from
 * the base.  So a core asleep for good with SysTick counting leaves the
 * event queue empty instead of ticking through simulated time forever. */
static void st_rebase(struct m_core *c, sim_time_t t)
{
	if (!(c->scs.st_csr & ST_ENABLE) || t <= c->scs.st_time)
		return;
	sim_time_t p = st_period(c);
	sim_time_t edge = c->scs.st_time + (t - c->scs.st_time) / p * p;
	if (!event_pending(&c->st_ev) && st_zero_by(c, edge))
		c->scs.st_countflag = true;
	c->scs.st_cvr = st_value(c, edge);
	c->scs.st_time = edge;
}

/* Rebases the counter at t (to a tick edge) and schedules its next zero
 * when that zero raises the interrupt. */
void armv7m_systick_arm(struct m_core *c, sim_time_t t)
{
	struct sim *sim = c->cpu.sim;
	sim_cancel(sim, &c->st_ev);
	if (!(c->scs.st_csr & ST_ENABLE))
		return;
	st_rebase(c, t);
	if (!c->scs.st_cvr && !c->scs.st_rvr)
		return; /* a zero reload value stops the counter at 0 */
	if (!(c->scs.st_csr & ST_TICKINT))
		return; /* COUNTFLAG and the value are computed when read */
	uint64_t ticks = c->scs.st_cvr ? c->scs.st_cvr : (uint64_t)c->scs.st_rvr + 1;
	sim_time_t when = c->scs.st_time + ticks * st_period(c);
	sim_schedule(sim, &c->st_ev, when > sim->now ? when : sim->now);
}

/* SysTick's pending bit was cleared at t (the exception taken, or
 * ICSR.PENDSTCLR): a counter left without its event while the bit stood
 * gets it back. */
void armv7m_systick_unpend(struct m_core *c, sim_time_t t)
{
	if ((c->scs.st_csr & (ST_ENABLE | ST_TICKINT)) == (ST_ENABLE | ST_TICKINT) &&
	    !event_pending(&c->st_ev))
		armv7m_systick_arm(c, t);
}

void armv7m_systick_event(struct event *ev, void *ctx)
{
	(void)ev;
	struct m_core *c = ctx;
	sim_time_t now = c->cpu.sim->now;
	/* the counter went from 1 to 0 now */
	c->scs.st_time = now;
	c->scs.st_cvr = 0;
	c->scs.st_countflag = true;
	if (c->scs.st_csr & ST_TICKINT) {
		if (m_bit(c->scs.pend, EXC_SYSTICK))
			return; /* still pending from the last zero: armv7m_systick_unpend rearms */
		armv7m_set_pending(c, EXC_SYSTICK, true);
		armv7m_wake(c, now);
	}
	armv7m_systick_arm(c, now);
}

/* ---- DWT ---- */

static uint32_t cyccnt(const struct m_core *c, sim_time_t t)
{
	if (!(c->scs.dwt_ctrl & 1))
		return c->scs.cyccnt;
	return c->scs.cyccnt + (uint32_t)((t - c->scs.cyc_time) / c->period);
}

/* ---- reset ---- */

void armv7m_scs_reset(struct m_core *c)
{
	sim_cancel(c->cpu.sim, &c->st_ev);
	c->scs = (struct m_scs){
		.ccr = 0x200, /* STKALIGN */
		.fpccr = FPCCR_ASPEN | FPCCR_LSPEN,
		.itm_ter = 1, .itm_tcr = 1, /* as a debugger leaves them: port 0 enabled */
	};
}

/* ---- exception state as the registers show it ---- */

static unsigned vectpending(const struct m_core *c)
{
	unsigned best = 0;
	int bp = 0;
	for (unsigned exc = 2; exc < EXC_IRQ0 + c->cfg.nirq; exc++) {
		if (!m_bit(c->scs.pend, exc))
			continue;
		int p = armv7m_exc_priority(c, exc);
		if (!best || p < bp) {
			best = exc;
			bp = p;
		}
	}
	return best;
}

static uint32_t icsr(const struct m_core *c)
{
	unsigned nact = 0;
	for (unsigned w = 0; w < EXC_MAX / 32; w++)
		nact += (unsigned)__builtin_popcount(c->scs.act[w]);
	bool isrpending = false;
	for (unsigned w = 0; w < EXC_MAX / 32; w++)
		isrpending |= (c->scs.pend[w] & (w ? ~0u : 0xFFFF0000u)) != 0;
	return (m_bit(c->scs.pend, EXC_NMI) ? 1u << 31 : 0) |
	       (m_bit(c->scs.pend, EXC_PENDSV) ? 1u << 28 : 0) |
	       (m_bit(c->scs.pend, EXC_SYSTICK) ? 1u << 26 : 0) | (isrpending ? 1u << 22 : 0) |
	       vectpending(c) << 12 | ((c->ipsr && nact <= 1) ? 1u << 11 : 0) | (c->ipsr & 0x1ff);
}

static uint32_t shcsr(const struct m_core *c)
{
	static const struct { uint8_t exc, act, pend; } t[] = {
		{ EXC_MEMMANAGE, 0, 13 }, { EXC_BUSFAULT, 1, 14 }, { EXC_USAGEFAULT, 3, 12 },
		{ EXC_SVCALL, 7, 15 }, { EXC_DEBUGMON, 8, 0xff }, { EXC_PENDSV, 10, 0xff },
		{ EXC_SYSTICK, 11, 0xff },
	};
	uint32_t v = c->scs.shcsr_ena;
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (m_bit(c->scs.act, t[i].exc))
			v |= 1u << t[i].act;
		if (t[i].pend != 0xff && m_bit(c->scs.pend, t[i].exc))
			v |= 1u << t[i].pend;
	}
	return v;
}

static void shcsr_write(struct m_core *c, uint32_t v)
{
	static const struct { uint8_t exc, act, pend; } t[] = {
		{ EXC_MEMMANAGE, 0, 13 }, { EXC_BUSFAULT, 1, 14 }, { EXC_USAGEFAULT, 3, 12 },
		{ EXC_SVCALL, 7, 15 }, { EXC_DEBUGMON, 8, 0xff }, { EXC_PENDSV, 10, 0xff },
		{ EXC_SYSTICK, 11, 0xff },
	};
	c->scs.shcsr_ena = v & (7u << 16);
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		m_setbit(c->scs.act, t[i].exc, (v >> t[i].act) & 1);
		if (t[i].pend != 0xff)
			m_setbit(c->scs.pend, t[i].exc, (v >> t[i].pend) & 1);
	}
	c->exc_check = true;
}

/* the priority byte as the implemented bits keep it */
static uint8_t prio_mask(const struct m_core *c)
{
	return (uint8_t)(0xFF00u >> c->cfg.prio_bits);
}

static bool shpr_implemented(unsigned exc)
{
	return exc == 4 || exc == 5 || exc == 6 || exc == 11 || exc == 12 || exc == 14 || exc == 15;
}

/* ---- registers ---- */

/* byte-addressable registers: IPR, SHPR, CFSR, ITM stimulus */
static bool byte_reg(uint32_t a)
{
	return (a >= 0xE000E400u && a < 0xE000E5F0u) || (a >= 0xE000ED18u && a < 0xE000ED24u) ||
	       (a >= 0xE000ED28u && a < 0xE000ED2Cu) || a < 0xE0000080u;
}

static uint32_t read_word(struct m_core *c, uint32_t a, bool *ok)
{
	sim_time_t t = armv7m_now(c);
	unsigned nirq = c->cfg.nirq;
	*ok = true;
	if (a < 0xE0000080u)
		return 1; /* stimulus port: FIFO ready */
	if (a >= 0xE000E100u && a < 0xE000E400u) {
		unsigned w = (a & 0x7f) >> 2, kind = (a - 0xE000E100u) >> 7;
		const uint32_t *arr = kind <= 1 ? c->scs.ena : kind <= 3 ? c->scs.pend : kind == 4 ? c->scs.act : NULL;
		if (!arr || w >= (nirq + 31) / 32)
			return 0;
		/* IRQ n is exception 16 + n: word w straddles two words of arr */
		uint64_t bits = arr[w] >> 16 | (w + 1 < EXC_MAX / 32 ? (uint64_t)arr[w + 1] << 16 : 0);
		uint32_t v = (uint32_t)bits;
		if (w * 32 + 32 > nirq)
			v &= (1u << (nirq - w * 32)) - 1;
		return v;
	}
	if (a >= 0xE000E400u && a < 0xE000E5F0u) {
		unsigned irq = a - 0xE000E400u;
		uint32_t v = 0;
		for (unsigned i = 0; i < 4; i++)
			if (irq + i < nirq)
				v |= (uint32_t)c->scs.prio[EXC_IRQ0 + irq + i] << (8 * i);
		return v;
	}
	if (a >= 0xE000ED18u && a < 0xE000ED24u) {
		unsigned exc = 4 + (a - 0xE000ED18u);
		uint32_t v = 0;
		for (unsigned i = 0; i < 4; i++)
			if (shpr_implemented(exc + i))
				v |= (uint32_t)c->scs.prio[exc + i] << (8 * i);
		return v;
	}
	if (a >= 0xE000ED90u && a <= 0xE000EDB8u)
		return armv7m_mpu_read(c, a - 0xE000ED90u);
	switch (a) {
	case 0xE0000E00u: return c->scs.itm_ter;
	case 0xE0000E40u: return c->scs.itm_tpr;
	case 0xE0000E80u: return c->scs.itm_tcr;
	case 0xE0001000u: return 0x40000000u | c->scs.dwt_ctrl; /* NUMCOMP 4 */
	case 0xE0001004u: return cyccnt(c, t);
	case 0xE000E004u: return (nirq + 31) / 32 - 1;
	case 0xE000E008u: return 0; /* ACTLR */
	case 0xE000E010u: {
		st_rebase(c, t);
		uint32_t v = c->scs.st_csr | (c->scs.st_countflag ? ST_COUNTFLAG : 0);
		c->scs.st_countflag = false; /* COUNTFLAG clears on read */
		return v;
	}
	case 0xE000E014u: return c->scs.st_rvr;
	case 0xE000E018u: return armv7m_systick_cvr(c, t);
	case 0xE000E01Cu: /* no exact 10 ms value at an arbitrary clock: SKEW */
		return 0x40000000u;
	case 0xE000ED00u: return CPUID_M4;
	case 0xE000ED04u: return icsr(c);
	case 0xE000ED08u: return c->scs.vtor;
	case 0xE000ED0Cu: return 0xFA050000u | c->scs.aircr_prigroup << 8;
	case 0xE000ED10u: return c->scs.scr;
	case 0xE000ED14u: return c->scs.ccr;
	case 0xE000ED24u: return shcsr(c);
	case 0xE000ED28u: return c->scs.cfsr;
	case 0xE000ED2Cu: return c->scs.hfsr;
	case 0xE000ED30u: return c->scs.dfsr;
	case 0xE000ED34u: return c->scs.mmfar;
	case 0xE000ED38u: return c->scs.bfar;
	case 0xE000ED3Cu: return 0; /* AFSR */
	/* the Cortex-M4's feature registers (its TRM) */
	case 0xE000ED40u: return 0x00000030u;
	case 0xE000ED44u: return 0x00000200u;
	case 0xE000ED48u: return 0x00100000u;
	case 0xE000ED4Cu: return 0;
	case 0xE000ED50u: return 0x00100030u;
	case 0xE000ED54u: return 0;
	case 0xE000ED58u: return 0x01000000u;
	case 0xE000ED5Cu: return 0;
	case 0xE000ED60u: return 0x01101110u;
	case 0xE000ED64u: return 0x02111000u;
	case 0xE000ED68u: return 0x21112231u;
	case 0xE000ED6Cu: return 0x01111110u;
	case 0xE000ED70u: return 0x01310132u;
	case 0xE000ED88u: return c->scs.cpacr;
	case 0xE000EDF0u: return 0; /* DHCSR: no debugger */
	case 0xE000EDFCu: return c->scs.demcr;
	case 0xE000EF34u: return c->scs.fpccr;
	case 0xE000EF38u: return c->scs.fpcar;
	case 0xE000EF3Cu: return c->scs.fpdscr;
	case 0xE000EF40u: return 0x10110021u; /* MVFR0: FPv4-SP */
	case 0xE000EF44u: return 0x11000011u;
	}
	*ok = false;
	return 0;
}

static void write_nvic(struct m_core *c, uint32_t a, uint32_t v)
{
	unsigned w = (a & 0x7f) >> 2, kind = (a - 0xE000E100u) >> 7, nirq = c->cfg.nirq;
	for (unsigned b = 0; b < 32; b++) {
		unsigned irq = w * 32 + b;
		if (!((v >> b) & 1) || irq >= nirq)
			continue;
		unsigned exc = EXC_IRQ0 + irq;
		switch (kind) {
		case 0: m_setbit(c->scs.ena, exc, true); break;
		case 1: m_setbit(c->scs.ena, exc, false); break;
		case 2: armv7m_set_pending(c, exc, true); break;
		case 3: m_setbit(c->scs.pend, exc, false); break;
		default: break; /* IABR is read-only */
		}
	}
	c->exc_check = true;
}

static void write_word(struct m_core *c, uint32_t a, uint32_t v, bool *ok)
{
	sim_time_t t = armv7m_now(c);
	*ok = true;
	if (a >= 0xE000E100u && a < 0xE000E400u)
		return write_nvic(c, a, v);
	if (a >= 0xE000ED90u && a <= 0xE000EDB8u)
		return armv7m_mpu_write(c, a - 0xE000ED90u, v);
	switch (a) {
	case 0xE0000E00u: c->scs.itm_ter = v; return;
	case 0xE0000E40u: c->scs.itm_tpr = v & 0xf; return;
	case 0xE0000E80u: c->scs.itm_tcr = v & 0x00FF3F1Fu; return;
	case 0xE0001000u:
		c->scs.cyccnt = cyccnt(c, t);
		c->scs.cyc_time = t;
		c->scs.dwt_ctrl = v & 1;
		return;
	case 0xE0001004u:
		c->scs.cyccnt = v;
		c->scs.cyc_time = t;
		return;
	case 0xE000E008u: return;
	case 0xE000E010u: {
		st_rebase(c, t);
		uint32_t cvr = armv7m_systick_cvr(c, t);
		bool was = c->scs.st_csr & ST_ENABLE;
		c->scs.st_csr = v & 7;
		if (!was || !(v & ST_ENABLE)) {
			c->scs.st_cvr = cvr;
			c->scs.st_time = t;
		}
		armv7m_systick_arm(c, t);
		return;
	}
	case 0xE000E014u:
		armv7m_systick_arm(c, t); /* rebase before the reload value changes */
		c->scs.st_rvr = v & 0xFFFFFFu;
		armv7m_systick_arm(c, t);
		return;
	case 0xE000E018u: /* any write clears the counter and COUNTFLAG */
		c->scs.st_cvr = 0;
		c->scs.st_time = t;
		c->scs.st_countflag = false;
		armv7m_systick_arm(c, t);
		return;
	case 0xE000ED04u:
		if (v & (1u << 31))
			armv7m_set_pending(c, EXC_NMI, true);
		if (v & (1u << 28))
			armv7m_set_pending(c, EXC_PENDSV, true);
		else if (v & (1u << 27))
			armv7m_set_pending(c, EXC_PENDSV, false);
		if (v & (1u << 26))
			armv7m_set_pending(c, EXC_SYSTICK, true);
		else if (v & (1u << 25))
			armv7m_set_pending(c, EXC_SYSTICK, false);
		return;
	case 0xE000ED08u: c->scs.vtor = v & 0xFFFFFF80u; return;
	case 0xE000ED0Cu:
		if ((v >> 16) != 0x05FA) {
			sim_log_at(c->cpu.sim, t, SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
				   "AIRCR write 0x%08" PRIx32 " without the key 0x05FA in bits 31:16: ignored", v);
			return;
		}
		c->scs.aircr_prigroup = (v >> 8) & 7;
		if (v & 2) /* VECTCLRACTIVE (for a debugger): clears every active state */
			for (unsigned w = 0; w < EXC_MAX / 32; w++)
				c->scs.act[w] = 0;
		if (v & 4) { /* SYSRESETREQ: the whole core restarts */
			sim_log_at(c->cpu.sim, t, SIM_LOG_INFO, c->cpu.trace_id, c->name,
				   "SYSRESETREQ: system reset requested by the firmware");
			armv7m_set_reset(c, false, c->boot_addr, t);
		}
		c->exc_check = true;
		return;
	case 0xE000ED10u: c->scs.scr = v & 0x16; return;
	case 0xE000ED14u: c->scs.ccr = (v & 0x31B) | 0x200; armv7m_invalidate_windows(c); return;
	case 0xE000ED24u: shcsr_write(c, v); return;
	case 0xE000ED28u: c->scs.cfsr &= ~v; return;
	case 0xE000ED2Cu: c->scs.hfsr &= ~v; return;
	case 0xE000ED30u: c->scs.dfsr &= ~v; return;
	case 0xE000ED34u: c->scs.mmfar = v; return;
	case 0xE000ED38u: c->scs.bfar = v; return;
	case 0xE000ED3Cu: return;
	case 0xE000ED88u: c->scs.cpacr = v & 0x00F00000u; armv7m_fp_update_ready(c); return;
	case 0xE000EDFCu: c->scs.demcr = v & 0x010F07F1u; c->exc_check = true; return;
	case 0xE000EF00u:
		if ((v & 0x1ff) < c->cfg.nirq)
			armv7m_set_pending(c, EXC_IRQ0 + (v & 0x1ff), true);
		return;
	case 0xE000EF34u:
		c->scs.fpccr = v & 0xC000017Bu;
		armv7m_fp_update_ready(c);
		return;
	case 0xE000EF38u: c->scs.fpcar = v & ~7u; return;
	case 0xE000EF3Cu: c->scs.fpdscr = v & 0x07C00000u; return;
	}
	/* read-only registers ignore writes; others are not modelled */
	bool known;
	(void)read_word(c, a, &known);
	*ok = known;
}

static void byte_write(struct m_core *c, uint32_t a, uint8_t v)
{
	if (a < 0xE0000080u) {
		/* ITM stimulus port 0 is the console; the others are dropped */
		if (a < 0xE0000004u && (c->scs.itm_tcr & 1) && (c->scs.itm_ter & 1))
			armv7m_console(c, 1, &v, 1);
		return;
	}
	if (a >= 0xE000E400u && a < 0xE000E5F0u) {
		unsigned irq = a - 0xE000E400u;
		if (irq < c->cfg.nirq)
			c->scs.prio[EXC_IRQ0 + irq] = v & prio_mask(c);
	} else if (a >= 0xE000ED18u && a < 0xE000ED24u) {
		unsigned exc = 4 + (a - 0xE000ED18u);
		if (shpr_implemented(exc))
			c->scs.prio[exc] = v & prio_mask(c);
	} else { /* CFSR: write one to clear */
		c->scs.cfsr &= ~((uint32_t)v << (8 * (a & 3)));
	}
	c->exc_check = true;
}

static void unimp(struct m_core *c, uint32_t a, bool write)
{
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
		   "%s system register 0x%08" PRIx32 " (not modelled: reads as zero, writes ignored)",
		   write ? "a store to" : "a load from", a);
}

int armv7m_ppb_read(struct m_core *c, uint32_t addr, unsigned size, uint32_t *val)
{
	if (size != 4 && !byte_reg(addr))
		return -1;
	bool ok;
	uint32_t w = read_word(c, addr & ~3u, &ok);
	if (!ok)
		unimp(c, addr, false);
	*val = size == 4 ? w : (w >> (8 * (addr & 3))) & (size == 2 ? 0xffffu : 0xffu);
	return 0;
}

int armv7m_ppb_write(struct m_core *c, uint32_t addr, unsigned size, uint32_t val)
{
	if (byte_reg(addr)) {
		if (addr < 0xE0000080u) {
			/* a stimulus port takes the whole access as one item */
			for (unsigned i = 0; i < size; i++)
				byte_write(c, addr & ~3u, (uint8_t)(val >> (8 * i)));
			return 0;
		}
		for (unsigned i = 0; i < size; i++)
			byte_write(c, addr + i, (uint8_t)(val >> (8 * i)));
		return 0;
	}
	if (size != 4)
		return -1;
	bool ok;
	write_word(c, addr, val, &ok);
	if (!ok)
		unimp(c, addr, true);
	return 0;
}
