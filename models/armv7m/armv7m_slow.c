/* The rare instructions, which the loop hands over with the slot holding
 * their encoding: special registers (MRS, MSR, CPS), SVC, BKPT (and
 * semihosting), UDF, the hints that sleep (WFI, WFE, SEV), the exclusive
 * monitor (LDREX, STREX, CLREX), unprivileged loads and stores, loads to
 * PC or SP and the doubleword forms with writeback.  Each returns 0 (done:
 * the loop moves past it), 1 (the pc was set: a branch or an exception)
 * or -1 (a fault was raised). */
#include "models/armv7m/armv7m_priv.h"

#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(x, n) (((x) >> (n)) & 1u)

static uint32_t mrs(struct m_core *c, unsigned sysm)
{
	bool priv = m_privileged(c);
	switch (sysm >> 3) {
	case 0: {
		uint32_t v = 0;
		if (sysm & 1)
			v |= c->ipsr & 0x1ff;
		if (!(sysm & 4))
			v |= (armv7m_xpsr(c) & 0xF80F0000u);
		return v; /* the EPSR bits read as zero */
	}
	case 1:
		if (!priv)
			return 0;
		return (sysm & 7) == 0 ? armv7m_get_msp(c) : (sysm & 7) == 1 ? armv7m_get_psp(c) : 0;
	default:
		switch (sysm & 7) {
		case 0: return c->primask & 1;
		case 1: case 2: return c->basepri & 0xff;
		case 3: return c->faultmask & 1;
		case 4: return c->control & 7;
		default: return 0;
		}
	}
}

static void msr(struct m_core *c, unsigned sysm, unsigned mask, uint32_t v)
{
	bool priv = m_privileged(c);
	uint8_t pm = (uint8_t)(0xFF00u >> c->cfg.prio_bits);
	switch (sysm >> 3) {
	case 0:
		if (!(sysm & 4)) {
			if (mask & 1)
				armv7m_set_apsr(c, v, false, true);
			if (mask & 2)
				armv7m_set_apsr(c, v, true, false);
		}
		return;
	case 1:
		if (!priv)
			return;
		if ((sysm & 7) == 0)
			armv7m_set_msp(c, v);
		else if ((sysm & 7) == 1)
			armv7m_set_psp(c, v);
		return;
	default:
		if (!priv)
			return;
		switch (sysm & 7) {
		case 0: c->primask = v & 1; break;
		case 1: c->basepri = v & pm; break;
		case 2: /* BASEPRI_MAX: only raises the priority */
			if ((v & pm) && ((v & pm) < c->basepri || !c->basepri))
				c->basepri = v & pm;
			break;
		case 3:
			if (armv7m_exec_priority(c) > -1)
				c->faultmask = v & 1;
			break;
		case 4: {
			uint32_t ctl = (c->control & ~(uint32_t)(CONTROL_NPRIV | CONTROL_FPCA)) |
				       (v & (CONTROL_NPRIV | CONTROL_FPCA));
			if (!c->ipsr) /* SPSEL is written in Thread mode only */
				ctl = (ctl & ~(uint32_t)CONTROL_SPSEL) | (v & CONTROL_SPSEL);
			armv7m_set_control(c, ctl);
			break;
		}
		}
		c->exc_check = true;
	}
}

/* the exclusive monitor: the address must match.  A STREX of another
 * size than its LDREX is UNPREDICTABLE; it succeeds, as on QEMU. */
static int ldrex(struct m_core *c, uint32_t addr, unsigned size, unsigned rt)
{
	uint32_t v;
	int r = armv7m_load(c, addr, size, &v, M_ACC_ALIGNED);
	if (r < 0)
		return -1;
	c->r[rt] = v;
	c->excl_valid = true;
	c->excl_addr = addr;
	c->excl_size = (uint8_t)size;
	return 0;
}

static int strex(struct m_core *c, uint32_t addr, unsigned size, unsigned rd, uint32_t v)
{
	if (addr & (size - 1)) {
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
		return -1;
	}
	bool pass = c->excl_valid && c->excl_addr == addr;
	c->excl_valid = false;
	if (!pass) {
		c->r[rd] = 1;
		return 0;
	}
	if (armv7m_store(c, addr, size, v, M_ACC_ALIGNED) < 0)
		return -1;
	c->r[rd] = 0;
	return 0;
}

/* LDR (immediate, literal, register) to PC or SP: the address and the
 * writeback from the 32-bit encoding */
static int ldr_special(struct m_core *c, uint32_t x, uint32_t pc, bool to_pc)
{
	unsigned n = BITS(x, 19, 16);
	uint32_t addr, wb = 0;
	bool wback = false;
	if (n == 15) {
		uint32_t base = (pc + 4) & ~3u, off = x & 0xfff;
		addr = BIT(x, 23) ? base + off : base - off;
	} else if (BIT(x, 23)) {
		addr = c->r[n] + (x & 0xfff);
	} else if (BIT(x, 11)) {
		uint32_t off = x & 0xff, base = c->r[n];
		uint32_t off_addr = BIT(x, 9) ? base + off : base - off;
		addr = BIT(x, 10) ? off_addr : base;
		wback = BIT(x, 8);
		wb = off_addr;
	} else {
		addr = c->r[n] + (c->r[x & 15] << BITS(x, 5, 4));
	}
	uint32_t v;
	if (armv7m_load(c, addr, 4, &v, 0) < 0)
		return -1;
	if (wback)
		c->r[n] = n == 13 ? wb & ~3u : wb;
	if (!to_pc) {
		c->r[13] = v & ~3u;
		return 0;
	}
	armv7m_bx_write_pc(c, v);
	return 1;
}

/* LDRD/STRD with writeback, or literal */
static int dual(struct m_core *c, uint32_t x, uint32_t pc, bool load)
{
	unsigned n = BITS(x, 19, 16), t = BITS(x, 15, 12), t2 = BITS(x, 11, 8);
	uint32_t off = (x & 0xff) * 4;
	uint32_t base = n == 15 ? (pc + 4) & ~3u : c->r[n];
	uint32_t off_addr = BIT(x, 23) ? base + off : base - off;
	uint32_t addr = BIT(x, 24) ? off_addr : base;
	if (load) {
		uint32_t lo, hi;
		if (armv7m_load(c, addr, 4, &lo, M_ACC_ALIGNED) < 0 ||
		    armv7m_load(c, addr + 4, 4, &hi, M_ACC_ALIGNED) < 0)
			return -1;
		c->r[t] = lo;
		c->r[t2] = hi;
	} else if (armv7m_store(c, addr, 4, c->r[t], M_ACC_ALIGNED) < 0 ||
		   armv7m_store(c, addr + 4, 4, c->r[t2], M_ACC_ALIGNED) < 0) {
		return -1;
	}
	if (BIT(x, 21))
		c->r[n] = n == 13 ? off_addr & ~3u : off_addr;
	return 0;
}

/* LDRT and friends: always an unprivileged access */
static int unpriv(struct m_core *c, unsigned sub, uint32_t x)
{
	unsigned n = BITS(x, 19, 16), t = BITS(x, 15, 12);
	uint32_t addr = c->r[n] + (x & 0xff), v;
	switch (sub) {
	case M_SUB_STRT: return armv7m_store(c, addr, 4, c->r[t], M_ACC_UNPRIV) < 0 ? -1 : 0;
	case M_SUB_STRBT: return armv7m_store(c, addr, 1, c->r[t], M_ACC_UNPRIV) < 0 ? -1 : 0;
	case M_SUB_STRHT: return armv7m_store(c, addr, 2, c->r[t], M_ACC_UNPRIV) < 0 ? -1 : 0;
	}
	unsigned size = sub == M_SUB_LDRT ? 4 : (sub == M_SUB_LDRHT || sub == M_SUB_LDRSHT) ? 2 : 1;
	if (armv7m_load(c, addr, size, &v, M_ACC_UNPRIV) < 0)
		return -1;
	if (sub == M_SUB_LDRSBT)
		v = (uint32_t)(int32_t)(int8_t)v;
	else if (sub == M_SUB_LDRSHT)
		v = (uint32_t)(int32_t)(int16_t)v;
	c->r[t] = v;
	return 0;
}

int armv7m_slow(struct m_core *c, const struct m_slot *s, uint32_t pc)
{
	uint32_t x = s->imm;
	unsigned len = s->meta == sizeof(struct m_slot) ? 2 : 4;
	struct m_insn d;
	armv7m_decode(x, len, pc, s->it != 0, (s->it & 0xf) == 8, &d);
	switch (d.sub) {
	case M_SUB_MRS:
		c->r[d.rd] = mrs(c, d.imm & 0xff);
		return 0;
	case M_SUB_MSR:
		msr(c, d.imm & 0xff, d.imm >> 8, c->r[d.rn]);
		return 0;
	case M_SUB_CPS:
		if (m_privileged(c)) {
			bool dis = d.imm & 0x10;
			if (d.imm & 2)
				c->primask = dis;
			if ((d.imm & 1) && (!dis || armv7m_exec_priority(c) > -1))
				c->faultmask = dis;
			c->exc_check = true;
		}
		return 0;
	case M_SUB_SVC:
		armv7m_sync_exception(c, EXC_SVCALL, pc + len);
		return 1;
	case M_SUB_BKPT:
		/* semihosting from privileged code only, as QEMU (without
		 * -semihosting-config userspace=on) allows it */
		if (d.imm == 0xAB && c->cfg.semihost && m_privileged(c)) {
			c->pc = pc;
			return armv7m_semihost(c) ? 1 : 0;
		}
		c->scs.dfsr |= 2; /* BKPT */
		armv7m_sync_exception(c, EXC_DEBUGMON, pc);
		return 1;
	case M_SUB_UDF:
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0);
		return -1;
	case M_SUB_NOCP:
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_NOCP, 0);
		return -1;
	case M_SUB_WFI:
		if (!armv7m_pending_exc(c, true))
			c->state = CPU_STATE_WFI;
		return 0;
	case M_SUB_WFE:
		if (c->event_reg) {
			c->event_reg = false;
			return 0;
		}
		if (!armv7m_pending_exc(c, true)) {
			c->state = CPU_STATE_WFI;
			c->sleeping_wfe = true;
		}
		return 0;
	case M_SUB_SEV:
		c->event_reg = true;
		return 0;
	case M_SUB_CLREX:
		c->excl_valid = false;
		return 0;
	case M_SUB_LDREX: return ldrex(c, c->r[d.rn] + d.imm, 4, d.rd);
	case M_SUB_LDREXB: return ldrex(c, c->r[d.rn], 1, d.rd);
	case M_SUB_LDREXH: return ldrex(c, c->r[d.rn], 2, d.rd);
	case M_SUB_STREX: return strex(c, c->r[d.rn] + d.imm, 4, d.rd, c->r[d.ra]);
	case M_SUB_STREXB: return strex(c, c->r[d.rn], 1, d.rd, c->r[d.ra]);
	case M_SUB_STREXH: return strex(c, c->r[d.rn], 2, d.rd, c->r[d.ra]);
	case M_SUB_LDRT: case M_SUB_LDRBT: case M_SUB_LDRHT: case M_SUB_LDRSBT: case M_SUB_LDRSHT:
	case M_SUB_STRT: case M_SUB_STRBT: case M_SUB_STRHT:
		return unpriv(c, d.sub, x);
	case M_SUB_LDR_PC: return ldr_special(c, x, pc, true);
	case M_SUB_LDR_SP: return ldr_special(c, x, pc, false);
	case M_SUB_LDRD_POST: return dual(c, x, pc, true);
	case M_SUB_STRD_POST: return dual(c, x, pc, false);
	}
	armv7m_fault(c, EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0);
	return -1;
}

int armv7m_ldrd_slow(struct m_core *c, const struct m_slot *s, bool load)
{
	uint32_t addr = c->r[s->b] + s->imm;
	if (load) {
		uint32_t lo, hi;
		int r1 = armv7m_load(c, addr, 4, &lo, M_ACC_ALIGNED);
		if (r1 < 0)
			return -1;
		int r2 = armv7m_load(c, addr + 4, 4, &hi, M_ACC_ALIGNED);
		if (r2 < 0)
			return -1;
		c->r[s->a] = lo;
		c->r[s->x] = hi;
		return r1 | r2;
	}
	int r1 = armv7m_store(c, addr, 4, c->r[s->a], M_ACC_ALIGNED);
	if (r1 < 0)
		return -1;
	int r2 = armv7m_store(c, addr + 4, 4, c->r[s->x], M_ACC_ALIGNED);
	return r2 < 0 ? -1 : (r1 | r2);
}
