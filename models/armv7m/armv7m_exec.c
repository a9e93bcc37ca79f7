/* The interpreter of the Cortex-M4F core: the loop (armv7m_loop.h) and
 * the filling of decode-cache slots from the decode table, an IT block
 * as a whole so that each slot of it knows its condition. */
#include <limits.h>
#include <stddef.h>

/* Each handler must end in its own indirect jump (one branch-predictor
 * entry per handler): keep GCC from merging the identical dispatch tails.
 * And no SLP vectorizing: it packs the four flag stores of AddWithCarry
 * into one vector store that costs more to build than it saves. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-crossjumping", "no-gcse", "no-tree-slp-vectorize")
#endif

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/le.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#include "models/armv7m/armv7m_loop.h"

void armv7m_exec_run(struct m_core *c, uint64_t cyc_lim)
{
	if (unlikely(!c->tbit)) {
		/* EPSR.T is 0 (a BX to an even address, a vector without its
		 * Thumb bit): the next instruction faults before it executes */
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_INVSTATE, 0);
		return;
	}
	run_loop(c, cyc_lim, NULL);
}

void armv7m_exec_labels(const int32_t **h_of, int32_t *decode, int32_t *page_end, int32_t *itcond)
{
	run_loop(NULL, 0, h_of);
	*decode = (*h_of)[M_NOPS];
	*page_end = (*h_of)[M_NOPS + 1];
	*itcond = (*h_of)[M_NOPS + 2];
}

/* A shifted-register operand's shift in the slot: type | amount << 8
 * (shift_c's form) for the handlers that need the carry out (logical
 * ones with S, TST, TEQ); for the others an LSL or LSR below 32 as the
 * pair of plain shifts it is, (v << l) >> r with l in bits 0-4, r in bits
 * 8-12 and M_SH_FAST set (shift(): no switch, no branch on the type) */
static uint32_t rs_shift(const struct m_insn *d)
{
	unsigned fam = (unsigned)(d->op - M_OP_AND_I) / 6;
	bool sflag = (unsigned)(d->op - M_OP_AND_I) % 6 >= 3;
#define FAM(op) ((unsigned)(M_OP_##op##_I - M_OP_AND_I) / 6)
	bool logic = fam <= FAM(BIC) || fam == FAM(MOV) || fam == FAM(MVN);
	bool carry = (logic && sflag) || fam == FAM(TST) || fam == FAM(TEQ);
#undef FAM
	if (!carry) {
		if (d->shtype == M_SH_LSL)
			return M_SH_FAST | d->shamt;
		if (d->shtype == M_SH_LSR && d->shamt < 32)
			return M_SH_FAST | (uint32_t)d->shamt << 8;
	}
	return d->shtype | (uint32_t)d->shamt << 8;
}

/* Slot fields from a decoded instruction (the layout each handler reads). */
static void fill(struct m_core *c, struct m_slot *s, const struct m_insn *d, uint8_t it)
{
	s->meta = d->len == 4 ? 2 * sizeof(struct m_slot) : sizeof(struct m_slot);
	s->it = it;
	s->op = d->op;
	s->h = m_hent(c, it ? M_NOPS + 2 : d->op, d->len);
	s->a = d->rd;
	s->b = d->rn;
	s->c = d->rm;
	s->x = d->ra;
	s->imm = d->imm;
	switch (d->op) {
	case M_OP_DSP:
		s->imm = (uint32_t)d->sub << 16 | (d->imm & 0xffff);
		/* the halfword multiplies of filter loops: handlers of their
		 * own, with the halves' shifts in imm (bits 0-7 Rn's, 8-15 Rm's) */
		if (d->sub >= M_SUB_SMULBB && d->sub <= M_SUB_SMULTT) {
			unsigned i = d->sub - M_SUB_SMULBB;
			s->op = M_OP_SMULXY;
			s->imm = (i >> 1) * 16u | (i & 1) * 16u << 8;
		} else if (d->sub >= M_SUB_SMLABB && d->sub <= M_SUB_SMLATT) {
			unsigned i = d->sub - M_SUB_SMLABB;
			s->op = M_OP_SMLAXY;
			s->imm = (i >> 1) * 16u | (i & 1) * 16u << 8;
		}
		s->h = m_hent(c, it ? M_NOPS + 2 : s->op, d->len);
		break;
	case M_OP_VFP: {
		uint32_t data = d->imm & 0xffff;
		if (d->sub == M_SUB_VMOV_I)
			data = d->imm >> 19;
		if (d->sub == M_SUB_VLDM || d->sub == M_SUB_VSTM) {
			s->c = (uint8_t)(d->add | d->wback << 1 | d->index << 2);
			data = d->index ? d->imm & 0xffff : 0;
			/* a handler of their own: the RAM window fast path (the
			 * slot keeps the sub-operation for armv7m_vfp) */
			s->op = d->sub == M_SUB_VLDM ? M_OP_VLDM : M_OP_VSTM;
			s->h = m_hent(c, it ? M_NOPS + 2 : s->op, d->len);
		}
		s->imm = (uint32_t)d->sub << 16 | data;
		break;
	}
	case M_OP_SLOW:
		s->imm = d->raw;
		break;
	case M_OP_SBFX: case M_OP_UBFX: {
		/* the field as two shifts, left to its top then right to bit 0
		 * (c and x are free here): CRC's bit loop runs an SBFX */
		unsigned lsb = d->imm & 31, w = d->imm >> 8; /* lsb + w <= 32: decoder */
		s->c = (uint8_t)(32 - lsb - w);
		s->x = (uint8_t)(32 - w);
		break;
	}
	case M_OP_LDM: case M_OP_STM: case M_OP_LDMDB: case M_OP_STMDB: {
		s->x = d->wback;
		unsigned n = 0; /* the register count, once (no popcount per run) */
		for (uint32_t l = d->imm & 0xffff; l; l &= l - 1)
			n++;
		s->a = (uint8_t)n;
		break;
	}
	default:
		if (d->op >= M_OP_LDR_I && d->op <= M_OP_STRH_POST) /* WBACK's mask */
			s->x = d->rn == 13 ? 0xFC : 0xFF; /* sign-extended: ~3u or ~0u */
		if (d->op >= M_OP_AND_I && d->op <= M_OP_CMNS_RS) {
			unsigned form = (unsigned)(d->op - M_OP_AND_I) % 3;
			if (form == 2)
				s->imm = rs_shift(d);
			else if (form == 0)
				s->x = d->carry;
		}
	}
}

/* A branch to its own page: the target's slot as a byte offset from the
 * branch's (a low, x high; 0 when off the page), so a taken branch needs
 * no page arithmetic. */
static void near_target(struct m_slot *s, const struct m_insn *d, const struct m_dpage *pg, uint32_t pc)
{
	bool br = (d->op >= M_OP_B && d->op <= M_OP_BLE) || d->op == M_OP_CBZ || d->op == M_OP_CBNZ;
	if (!br)
		return;
	int32_t off = 0;
	if (d->imm - pg->base < M_PAGE_SIZE)
		off = ((int32_t)(d->imm - pc) / 2) * (int32_t)sizeof(struct m_slot); /* |off| < 32768 */
	s->a = (uint8_t)off;
	s->x = (uint8_t)((uint32_t)off >> 8);
}

static bool is_cmp16(const struct m_core *c, const struct m_slot *s)
{
	return s->it == 0 && s->meta == sizeof(struct m_slot) &&
	       ((s->op == M_OP_CMPS_I && s->h == c->h_of[M_OP_CMPS_I]) ||
		(s->op == M_OP_CMPS_R && s->h == c->h_of[M_OP_CMPS_R]));
}

static bool is_bcond(const struct m_core *c, const struct m_slot *s)
{
	return s->it == 0 && s->meta == sizeof(struct m_slot) && s->op >= M_OP_BEQ && s->op <= M_OP_BLE &&
	       s->h == c->h_of[s->op]; /* 16-bit: the fused handler checks its entry */
}

/* A 16-bit CMP followed by B<cond>: the CMP's slot runs both (the fused
 * handler checks the branch's slot is still the same at each run). */
static void fuse(struct m_core *c, struct m_slot *cmp, const struct m_slot *br)
{
	unsigned k = 2u * (unsigned)(br->op - M_OP_BEQ) + (cmp->op == M_OP_CMPS_R);
	cmp->h = c->h_of[M_OP_CMPI_BEQ + k];
}

/* A byte-copy loop ending at the fused CMP + BNE at cmp (the branch is
 * the next slot): `ldrb rt, [ra], #i; strb rt, [rb, #j]! (or [rb], #j);
 * cmp; bne` back to the LDRB, the loop memcpy and strcpy-like code
 * compile to.  Its LDRB's slot gets the BCOPY handler, which runs whole
 * iterations while the budget and the memory windows allow (each time it
 * checks the other three slots are still the same) and else runs the
 * LDRB as usual. */
static void copy_loop(struct m_core *c, struct m_dpage *pg, struct m_slot *cmp)
{
	const struct m_slot *br = cmp + 1;
	int16_t off = (int16_t)(br->a | br->x << 8);
	if (off >= 0 || (cmp->op != M_OP_CMPS_R && cmp->op != M_OP_CMPS_I) || br->op != M_OP_BNE)
		return;
	struct m_slot *ld = (struct m_slot *)((char *)br + off);
	if (ld < pg->slots || ld->op != M_OP_LDRB_POST || ld->h != c->h_of[M_HN + M_OP_LDRB_POST] ||
	    ld->it)
		return;
	const struct m_slot *st = (const struct m_slot *)((const char *)ld + ld->meta);
	if (st >= cmp || (st->op != M_OP_STRB_PRE && st->op != M_OP_STRB_POST) ||
	    st->h != c->h_of[M_HN + st->op] || (const char *)st + st->meta != (const char *)cmp)
		return;
	/* rt, ra and rb distinct and none SP or PC: the handler keeps the
	 * three in locals and needs no writeback mask */
	if (ld->a == ld->b || st->a != ld->a || st->b == ld->a || st->b == ld->b || ld->a >= 13 ||
	    ld->b >= 13 || st->b >= 13)
		return;
	/* the CMP compares one of the three with a register none of them
	 * (or an immediate): the handler reads that one once */
	bool mine = cmp->b == ld->a || cmp->b == ld->b || cmp->b == st->b;
	if (!mine || (cmp->op == M_OP_CMPS_R &&
		      (cmp->c == ld->a || cmp->c == ld->b || cmp->c == st->b || cmp->c == 15)))
		return;
	ld->h = c->h_of[M_HN + M_OP_BCOPY];
}

bool armv7m_decode_slot(struct m_core *c, struct m_dpage *pg, struct m_slot *s, uint8_t it)
{
	uint32_t pc = pg->base + (uint32_t)(s - pg->slots) * 2u;
	bool first = true;
	for (;;) {
		uint32_t raw;
		unsigned len;
		if (first) {
			c->pc = pc;
			c->itstate = it;
		}
		/* the instruction's own fetch fault is raised; one further in an
		 * IT block is raised when that instruction is reached */
		if (armv7m_fetch(c, pc, &raw, &len, first) < 0)
			return !first;
		struct m_insn d;
		armv7m_decode(raw, len, pc, it != 0, (it & 0xf) == 8, &d);
		fill(c, s, &d, it);
		near_target(s, &d, pg, pc);
		if (is_cmp16(c, s) && s + 1 < pg->slots + M_PAGE_SLOTS && is_bcond(c, s + 1)) {
			fuse(c, s, s + 1);
			copy_loop(c, pg, s);
		} else if (is_bcond(c, s) && s > pg->slots && is_cmp16(c, s - 1)) {
			fuse(c, s - 1, s);
			copy_loop(c, pg, s - 1);
		}
		uint8_t next = d.op == M_OP_IT && !it ? (uint8_t)d.imm : it_advance(it);
		pc += len;
		if (!next || pc - pg->base >= M_PAGE_SIZE)
			return true;
		s += len / 2;
		it = next;
		first = false;
	}
}
