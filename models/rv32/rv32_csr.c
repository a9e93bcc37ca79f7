/* Privileged architecture, M and U modes: the CSRs, trap entry and mret,
 * interrupts, the counters and physical memory protection.  A CSR that is
 * not in csr_read() raises illegal instruction. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/record.h"

#define MISA_VALUE (0x40000000u | (1u << 0) /* A */ | (1u << 2) /* C */ | \
		    (1u << 8) /* I */ | (1u << 12) /* M */ | (1u << 20) /* U */)
#define MSTATUS_MASK (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TW)
#define MIP_MASK ((1u << RV32_IRQ_MSI) | (1u << RV32_IRQ_MTI) | (1u << RV32_IRQ_MEI))

enum { PMP_R = 1, PMP_W = 2, PMP_X = 4, PMP_A = 0x18, PMP_L = 0x80 };
enum { PMP_OFF = 0, PMP_TOR = 1, PMP_NA4 = 2, PMP_NAPOT = 3 };

static uint64_t raw_cycles(const struct rv32_core *c)
{
	return simtime_div_inv(rv32_now(c) - c->reset_time, c->period, c->period_inv);
}

/* instructions retired before the one executing now */
static uint64_t raw_instret(const struct rv32_core *c)
{
	return c->instret + c->slice_insns;
}

static uint64_t cycle_value(const struct rv32_core *c)
{
	return (c->mcountinhibit & 1) ? c->cycle_frozen : raw_cycles(c) + c->cycle_off;
}

static uint64_t instret_value(const struct rv32_core *c)
{
	return (c->mcountinhibit & 4) ? c->instret_frozen : raw_instret(c) + c->instret_off;
}

static uint64_t time_value(const struct rv32_core *c)
{
	sim_time_t t = rv32_now(c);
	if (c->cfg.cpu.read_time)
		return c->cfg.cpu.read_time(c->cfg.cpu.time_ctx, t);
	return simtime_to_ticks(&c->time_rate, t);
}

void rv32_csr_reset(struct rv32_core *c)
{
	c->priv = PRV_M;
	c->mstatus = 0;
	c->mie = 0;
	c->mtvec = 0;
	c->mscratch = c->mepc = c->mcause = c->mtval = 0;
	c->mcounteren = c->mcountinhibit = 0;
	c->cycle_off = c->instret_off = c->cycle_frozen = c->instret_frozen = 0;
	for (unsigned i = 0; i < 16; i++) {
		c->pmpcfg[i] = 0;
		c->pmpaddr[i] = 0;
	}
	c->pmp_any_locked = c->pmp_any_on = false;
	c->trap_armed = false;
	c->trap_x_valid = false;
	c->resv_valid = false;
	rv32_invalidate_windows(c);
}

/* Range [lo, hi) of entry i in bytes; empty when lo >= hi. */
static void pmp_range(const struct rv32_core *c, unsigned i, uint64_t *lo, uint64_t *hi)
{
	uint64_t a = c->pmpaddr[i];
	switch ((c->pmpcfg[i] & PMP_A) >> 3) {
	case PMP_TOR:
		*lo = i ? (uint64_t)c->pmpaddr[i - 1] << 2 : 0;
		*hi = a << 2;
		break;
	case PMP_NA4:
		*lo = a << 2;
		*hi = *lo + 4;
		break;
	case PMP_NAPOT: {
		unsigned t = 0;
		while (t < 32 && (a >> t) & 1)
			t++;
		*lo = (a & ~(((uint64_t)1 << t) - 1)) << 2;
		*hi = *lo + ((uint64_t)1 << (t + 3));
		break;
	}
	default:
		*lo = *hi = 0;
		break;
	}
}

bool rv32_pmp_allows(const struct rv32_core *c, uint32_t addr, unsigned acc, unsigned priv,
		     uint64_t *plo, uint64_t *phi)
{
	uint64_t L = 0, H = (uint64_t)1 << 32;
	bool ok = priv == PRV_M; /* nothing matches: M yes, U no */
	for (unsigned i = 0; i < 16; i++) {
		uint64_t lo, hi;
		pmp_range(c, i, &lo, &hi);
		if (lo >= hi)
			continue;
		if (addr >= lo && addr < hi) {
			uint8_t cfg = c->pmpcfg[i];
			L = lo > L ? lo : L;
			H = hi < H ? hi : H;
			ok = (priv == PRV_M && !(cfg & PMP_L)) || (cfg & acc);
			break;
		}
		/* an entry wholly on one side bounds the range where the answer
		 * found below it holds */
		if (hi <= addr)
			L = hi > L ? hi : L;
		else
			H = lo < H ? lo : H;
	}
	if (plo)
		*plo = L;
	if (phi)
		*phi = H;
	return ok;
}

unsigned rv32_data_priv(const struct rv32_core *c)
{
	if (c->priv == PRV_M && (c->mstatus & MSTATUS_MPRV))
		return (c->mstatus & MSTATUS_MPP) >> 11;
	return c->priv;
}

static void pmp_update(struct rv32_core *c)
{
	c->pmp_any_locked = c->pmp_any_on = false;
	for (unsigned i = 0; i < 16; i++) {
		if (c->pmpcfg[i] & PMP_A) {
			c->pmp_any_on = true;
			if (c->pmpcfg[i] & PMP_L)
				c->pmp_any_locked = true;
		}
	}
	rv32_invalidate_windows(c);
	/* fetch permissions are checked per decoded page at lookup */
	c->last_page = NULL;
}

static bool pmpaddr_locked(const struct rv32_core *c, unsigned i)
{
	if (c->pmpcfg[i] & PMP_L)
		return true;
	return i < 15 && (c->pmpcfg[i + 1] & PMP_L) &&
	       ((c->pmpcfg[i + 1] & PMP_A) >> 3) == PMP_TOR;
}

static bool in(unsigned csr, unsigned lo, unsigned hi)
{
	return csr >= lo && csr <= hi;
}

/* Returns -1 for a CSR that does not exist. */
static int csr_read(struct rv32_core *c, unsigned csr, uint32_t *v)
{
	switch (csr) {
	case 0x300: *v = c->mstatus; return 0;
	case 0x301: *v = MISA_VALUE; return 0;
	case 0x304: *v = c->mie; return 0;
	case 0x305: *v = c->mtvec; return 0;
	case 0x306: *v = c->mcounteren; return 0;
	case 0x310: *v = 0; return 0; /* mstatush: little-endian only */
	case 0x320: *v = c->mcountinhibit; return 0;
	case 0x340: *v = c->mscratch; return 0;
	case 0x341: *v = c->mepc; return 0;
	case 0x342: *v = c->mcause; return 0;
	case 0x343: *v = c->mtval; return 0;
	case 0x344: *v = c->mip; return 0;
	case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3:
		*v = 0; /* no triggers: tselect stays 0, tdata1 type 0 */
		return 0;
	case 0xb00: case 0xc00: *v = (uint32_t)cycle_value(c); return 0;
	case 0xb80: case 0xc80: *v = (uint32_t)(cycle_value(c) >> 32); return 0;
	case 0xb02: case 0xc02: *v = (uint32_t)instret_value(c); return 0;
	case 0xb82: case 0xc82: *v = (uint32_t)(instret_value(c) >> 32); return 0;
	case 0xc01: *v = (uint32_t)time_value(c); return 0;
	case 0xc81: *v = (uint32_t)(time_value(c) >> 32); return 0;
	case 0xf11: case 0xf12: case 0xf13: case 0xf15: *v = 0; return 0;
	case 0xf14: *v = c->cfg.cpu.hartid; return 0;
	default:
		break;
	}
	if (in(csr, 0x3a0, 0x3a3)) {
		unsigned b = (csr - 0x3a0) * 4;
		*v = (uint32_t)c->pmpcfg[b] | (uint32_t)c->pmpcfg[b + 1] << 8 |
		     (uint32_t)c->pmpcfg[b + 2] << 16 | (uint32_t)c->pmpcfg[b + 3] << 24;
		return 0;
	}
	if (in(csr, 0x3b0, 0x3bf)) {
		*v = c->pmpaddr[csr - 0x3b0];
		return 0;
	}
	/* hardwired-zero performance counters and their events */
	if (in(csr, 0xb03, 0xb1f) || in(csr, 0xb83, 0xb9f) || in(csr, 0xc03, 0xc1f) ||
	    in(csr, 0xc83, 0xc9f) || in(csr, 0x323, 0x33f)) {
		*v = 0;
		return 0;
	}
	return -1;
}

static void set_counter(uint64_t *off, uint64_t *frozen, bool inhibited, uint64_t raw,
			uint64_t cur, uint32_t v, bool high)
{
	uint64_t nv = high ? (cur & 0xffffffffu) | ((uint64_t)v << 32)
			   : (cur & ~(uint64_t)0xffffffffu) | v;
	if (inhibited)
		*frozen = nv;
	else
		*off = nv - raw;
}

/* self is 1 when an instruction writes (its own retirement is counted in
 * the value it writes to a counter), 0 when a debugger does.  Inlined in
 * both: csrw is on the firmware's interrupt paths, and a call costs the
 * echo round trip 1% of its host instructions. */
static inline __attribute__((always_inline)) void csr_write(struct rv32_core *c, unsigned csr,
							     uint32_t v, unsigned self)
{
	switch (csr) {
	case 0x300: {
		unsigned dpriv = rv32_data_priv(c);
		uint32_t mpp = (v & MSTATUS_MPP) == MSTATUS_MPP ? MSTATUS_MPP : 0; /* no S mode */
		c->mstatus = (v & MSTATUS_MASK & ~MSTATUS_MPP) | mpp;
		/* MPRV/MPP change the data privilege, which the fast-path
		 * windows were cut for; firmware toggling MIE does not */
		if (rv32_data_priv(c) != dpriv)
			rv32_invalidate_windows(c);
		return;
	}
	case 0x304: c->mie = v & MIP_MASK; return;
	case 0x305: c->mtvec = v & ~2u; return; /* modes 0 direct, 1 vectored */
	case 0x306: c->mcounteren = v & 7; return;
	case 0x320: {
		uint32_t nv = v & 5;
		/* the write replaces this instruction's own count */
		uint64_t cyc = cycle_value(c), ins = instret_value(c) + self;
		if ((nv & 1) && !(c->mcountinhibit & 1))
			c->cycle_frozen = cyc;
		if (!(nv & 1) && (c->mcountinhibit & 1))
			c->cycle_off = c->cycle_frozen - raw_cycles(c);
		if ((nv & 4) && !(c->mcountinhibit & 4))
			c->instret_frozen = ins;
		if (!(nv & 4) && (c->mcountinhibit & 4))
			c->instret_off = c->instret_frozen - (raw_instret(c) + self);
		c->mcountinhibit = nv;
		return;
	}
	case 0x340: c->mscratch = v; return;
	case 0x341: c->mepc = v & ~1u; return;
	case 0x342: c->mcause = v; return;
	case 0x343: c->mtval = v; return;
	case 0xb00: case 0xb80:
		set_counter(&c->cycle_off, &c->cycle_frozen, c->mcountinhibit & 1, raw_cycles(c),
			    cycle_value(c), v, csr == 0xb80);
		return;
	case 0xb02: case 0xb82:
		/* raw + 1: the write is done instead of this instruction's increment */
		set_counter(&c->instret_off, &c->instret_frozen, c->mcountinhibit & 4,
			    raw_instret(c) + self, instret_value(c), v, csr == 0xb82);
		return;
	default:
		break;
	}
	if (in(csr, 0x3a0, 0x3a3)) {
		for (unsigned k = 0; k < 4; k++) {
			unsigned i = (csr - 0x3a0) * 4 + k;
			if (c->pmpcfg[i] & PMP_L)
				continue;
			uint8_t b = (uint8_t)(v >> (8 * k)) & (PMP_R | PMP_W | PMP_X | PMP_A | PMP_L);
			if ((b & PMP_W) && !(b & PMP_R))
				b &= (uint8_t)~PMP_W; /* R=0 W=1 is reserved */
			c->pmpcfg[i] = b;
		}
		pmp_update(c);
		return;
	}
	if (in(csr, 0x3b0, 0x3bf)) {
		unsigned i = csr - 0x3b0;
		if (!pmpaddr_locked(c, i))
			c->pmpaddr[i] = v;
		pmp_update(c);
		return;
	}
	/* misa, mip, mstatush, triggers, hpm counters/events: read-only zero
	 * or fixed values, writes ignored (WARL) */
}

int rv32_csr_get(struct rv32_core *c, unsigned csr, uint32_t *val)
{
	return csr < 4096 ? csr_read(c, csr, val) : -1;
}

int rv32_csr_set(struct rv32_core *c, unsigned csr, uint32_t val)
{
	uint32_t old;
	if (csr >= 4096 || csr_read(c, csr, &old) < 0 || (csr >> 10) == 3)
		return -1;
	csr_write(c, csr, val, 0);
	return 0;
}

const char *rv32_cause_name(uint32_t cause)
{
	/* the privileged spec's names, shortened as the SDK's handler prints them */
	static const char *const names[] = {
		"instruction address misaligned", "instruction access fault", "illegal instruction",
		"breakpoint", "load address misaligned", "load access fault",
		"store address misaligned", "store access fault", "ecall from U-mode",
		"ecall from S-mode", "reserved", "ecall from M-mode",
	};
	if (cause & CAUSE_INTERRUPT)
		return "interrupt";
	return cause < sizeof(names) / sizeof(names[0]) ? names[cause] : "reserved";
}

int rv32_csr_insn(struct rv32_core *c, unsigned op, unsigned rd, unsigned rs1, unsigned csr)
{
	static const uint8_t f3[RV32_NOPS] = {
		[RV32_OP_CSRRW] = 1, [RV32_OP_CSRRS] = 2, [RV32_OP_CSRRC] = 3,
		[RV32_OP_CSRRWI] = 5, [RV32_OP_CSRRSI] = 6, [RV32_OP_CSRRCI] = 7,
	};
	bool imm = op >= RV32_OP_CSRRWI;
	bool is_w = op == RV32_OP_CSRRW || op == RV32_OP_CSRRWI;
	bool writes = is_w || rs1 != 0;
	uint32_t src = imm ? rs1 : c->x[rs1];
	uint32_t old;
	bool ok = csr_read(c, csr, &old) == 0 && c->priv >= ((csr >> 8) & 3) &&
		  !(writes && (csr >> 10) == 3);
	if (ok && c->priv == PRV_U && (in(csr, 0xc00, 0xc1f) || in(csr, 0xc80, 0xc9f)))
		ok = (c->mcounteren >> (csr & 31)) & 1;
	if (!ok) {
		rv32_trap(c, CAUSE_ILLEGAL,
			  (csr << 20) | (rs1 << 15) | ((uint32_t)f3[op] << 12) | (rd << 7) | 0x73);
		return -1;
	}
	if (writes) {
		uint32_t nv = is_w ? src : (op == RV32_OP_CSRRS || op == RV32_OP_CSRRSI) ? old | src
										 : old & ~src;
		csr_write(c, csr, nv, 1);
	}
	if (rd)
		c->x[rd] = old;
	return 0;
}

void rv32_halt(struct rv32_core *c, const char *why)
{
	sim_log_at(c->cpu.sim, rv32_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "core halted at pc 0x%08" PRIx32 ": %s; it stays halted until reset", c->pc, why);
	c->state = CPU_STATE_HALTED;
	rv32_trace_state(c, rv32_now(c));
	rv32_debug_halted(c);
}

void rv32_trap(struct rv32_core *c, uint32_t cause, uint32_t tval)
{
	uint64_t retired = raw_instret(c);
	uint32_t epc = c->pc;
	if (!(cause & CAUSE_INTERRUPT) && c->trap_armed && epc == c->trap_target &&
	    retired == c->trap_instret) {
		char why[160];
		snprintf(why, sizeof(why),
			 "trap (cause %" PRIu32 ", tval 0x%08" PRIx32 ") at the entry of the trap handler "
			 "(mtvec 0x%08" PRIx32 "): no usable trap handler",
			 cause, tval, c->mtvec);
		if (c->cfg.cpu.on_fatal) {
			struct cpu_fault f = { .cause = cause, .addr = tval, .pc = epc };
			snprintf(f.what, sizeof(f.what), "%s", rv32_cause_name(cause));
			c->cfg.cpu.on_fatal(c->cfg.cpu.fatal_ctx, &c->cpu, &f);
		}
		rv32_halt(c, why);
		return;
	}
	if (c->cpu.sim->trace)
		record_trap(c->cpu.sim->trace, rv32_now(c), c->cpu.trace_id, cause, epc, tval);
	if (c->dbg)
		c->dbg->traps++; /* a step of the core's history (cpu.h) */
	c->trap_x_valid = !(cause & CAUSE_INTERRUPT);
	if (c->trap_x_valid)
		memcpy(c->trap_x, c->x, sizeof(c->trap_x));
	unsigned dpriv = rv32_data_priv(c);
	c->mepc = epc;
	c->mcause = cause;
	c->mtval = tval;
	uint32_t ms = c->mstatus & ~(MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MIE);
	if (c->mstatus & MSTATUS_MIE)
		ms |= MSTATUS_MPIE;
	ms |= c->priv << 11;
	c->mstatus = ms;
	c->priv = PRV_M;
	c->resv_valid = false;
	uint32_t target = c->mtvec & ~3u;
	if ((c->mtvec & 1) && (cause & CAUSE_INTERRUPT))
		target += 4 * (cause & 0x7fffffffu);
	c->pc = target;
	c->trap_target = target;
	c->trap_instret = retired;
	c->trap_armed = true;
	if (rv32_data_priv(c) != dpriv)
		rv32_invalidate_windows(c);
}

void rv32_mret(struct rv32_core *c)
{
	unsigned dpriv = rv32_data_priv(c);
	unsigned np = (c->mstatus & MSTATUS_MPP) >> 11;
	uint32_t ms = c->mstatus & ~(MSTATUS_MIE | MSTATUS_MPP);
	if (c->mstatus & MSTATUS_MPIE)
		ms |= MSTATUS_MIE;
	ms |= MSTATUS_MPIE; /* MPP becomes U, the least-privileged mode */
	if (np != PRV_M)
		ms &= ~MSTATUS_MPRV;
	c->mstatus = ms;
	c->priv = np;
	c->pc = c->mepc;
	if (rv32_data_priv(c) != dpriv)
		rv32_invalidate_windows(c);
}

bool rv32_take_interrupt(struct rv32_core *c)
{
	uint32_t pend = c->mip & c->mie;
	if (!pend || (c->priv == PRV_M && !(c->mstatus & MSTATUS_MIE)))
		return false;
	unsigned code = (pend & (1u << RV32_IRQ_MEI)) ? RV32_IRQ_MEI
		      : (pend & (1u << RV32_IRQ_MSI)) ? RV32_IRQ_MSI : RV32_IRQ_MTI;
	rv32_trap(c, CAUSE_INTERRUPT | code, 0);
	return true;
}
