/* The interpreter loop, included twice by rv32_exec.c: run_uniform for a
 * core whose instructions all cost one cycle (the default), which counts
 * instructions with its cycle counter, and run_costed for per-class
 * costs. The macros META, ADV, STEP, ILEN, COST and the counting ones
 * (COUNT_INSN, NINSN, UNCOUNT, UNCOUNT_PSEUDO) choose. Not a header for
 * other files. */
static uint64_t RV32_LOOP(struct rv32_core *c, uint64_t cyc_lim, const void *const **ops_out,
			  bool *left)
{
	/* the two pseudo-handlers follow the per-op ones */
	static const void *const ops[RV32_NOPS + 2] = {
#define RV32_LABEL(n) [RV32_OP_##n] = &&L_##n,
		RV32_OPS(RV32_LABEL)
#undef RV32_LABEL
		[RV32_NOPS] = &&L_DECODE,
		[RV32_NOPS + 1] = &&L_PAGE_END,
	};
	if (!c) {
		*ops_out = ops;
		return 0;
	}
	*left = true; /* unless the budget runs out (out:) */

	struct rv32_dpage *pg = NULL;
	struct rv32_slot *s = NULL;
	uint64_t cyc = 0, ninsn = 0; /* uniform loop: ninsn counts the non-retired */
	uint32_t m = 0, pc = c->pc;
	uintptr_t adv = 0;
	uint32_t rb, wb;
	uint64_t rsz, wsz;
	uint8_t *rh, *wh;

#define RELOAD_WIN do { \
	rb = c->rwin.base; rsz = c->rwin.size; rh = c->rwin.host; \
	wb = c->wwin.base; wsz = c->wwin.size; wh = c->wwin.host; \
	} while (0)
	RELOAD_WIN;

#define PC_OF(sl) (pg->base + (uint32_t)((sl) - pg->slots) * 2u)
#define DISPATCH do { \
	if (unlikely(cyc >= cyc_lim)) goto out; \
	m = s->meta; cyc += COST(m); adv = ADV(m); COUNT_INSN; \
	goto *s->h; \
	} while (0)
#define NEXT do { s = STEP(s, adv); DISPATCH; } while (0)
	/* the current instruction is counted in ninsn but has not retired */
#define SYNC do { c->slice_cyc = cyc; c->slice_insns = NINSN - 1; } while (0)
#define TRAP(cause, tval) do { \
	uint32_t tv_ = (tval); \
	c->pc = PC_OF(s); SYNC; UNCOUNT; \
	rv32_trap(c, (cause), tv_); \
	goto out_pc; \
	} while (0)
/* branch and jal slots hold the offset in slot bytes (imm / 2 * 16) */
#define JUMP_REL do { \
	uintptr_t o_ = (uintptr_t)((char *)s - (char *)pg->slots) + (uintptr_t)(intptr_t)s->imm; \
	if (likely(o_ < RV32_PAGE_SLOTS * sizeof(struct rv32_slot))) { \
		s = (struct rv32_slot *)((char *)pg->slots + o_); \
		DISPATCH; \
	} \
	pc = PC_OF(s) + (uint32_t)(s->imm / 8); \
	goto lookup; \
	} while (0)
#define JUMP_ABS(t) do { \
	uint32_t t_ = (t), o_ = t_ - pg->base; \
	if (likely(o_ < RV32_PAGE_SIZE)) { s = pg->slots + (o_ >> 1); DISPATCH; } \
	pc = t_; \
	goto lookup; \
	} while (0)
/* registers through c, not a pointer of their own: with struct cpu in
 * front of them a second base register costs the loop a spill */
#define RD c->x[s->rd]
#define RS1 c->x[s->rs1]
#define RS2 c->x[s->rs2]
#define IMM ((uint32_t)s->imm)
#define LEAVE_AFTER do { c->pc = PC_OF(s) + ILEN(adv); goto out_pc; } while (0)

#define LOAD(sz, FAST, CONV) do { \
	uint32_t a_ = RS1 + IMM; \
	uint64_t o_ = (uint32_t)(a_ - rb); \
	if (likely(o_ + (sz) <= rsz)) { /* misaligned too: hardware does them */ \
		const uint8_t *p_ = rh + o_; \
		RD = (FAST); \
		NEXT; \
	} \
	uint32_t v_; \
	SYNC; c->pc = PC_OF(s); \
	int r_ = rv32_load_slow(c, a_, (sz), &v_); \
	if (r_ < 0) { UNCOUNT; goto out_pc; } \
	RD = (CONV); \
	RELOAD_WIN; \
	if (r_ == 0 || !rv32_must_leave(c)) NEXT; \
	LEAVE_AFTER; \
	} while (0)

#define STORE(sz, ST) do { \
	uint32_t a_ = RS1 + IMM, v_ = RS2; \
	uint64_t o_ = (uint32_t)(a_ - wb); \
	/* the store window holds no decoded code (rv32_priv.h): a store \
	 * in it, misaligned or not, needs no other test */ \
	if (likely(o_ + (sz) <= wsz)) { \
		ST(wh + o_, v_); \
		c->resv_valid = false; \
		NEXT; \
	} \
	SYNC; c->pc = PC_OF(s); \
	int r_ = rv32_store_slow(c, a_, (sz), v_); \
	if (r_ < 0) { UNCOUNT; goto out_pc; } \
	RELOAD_WIN; \
	if (r_ == 0 || !rv32_must_leave(c)) NEXT; \
	LEAVE_AFTER; \
	} while (0)
#define ST8(p, v) (*(p) = (uint8_t)(v))
#define ST16(p, v) le16_store((p), (uint16_t)(v))
#define ST32(p, v) le32_store((p), (v))

lookup:
	c->slice_cyc = cyc;
	c->slice_insns = NINSN;
	s = rv32_page_lookup(c, pc, &pg);
	if (!s)
		goto out_pc; /* fetch fault raised, or the page needs single steps */
	DISPATCH;

L_DECODE: {
	/* not an instruction: undo the accounting and decode the slot */
	cyc -= COST(m);
	UNCOUNT_PSEUDO;
	pc = PC_OF(s);
	uint32_t raw, fault;
	if (rv32_fetch(c, pc, &raw, &fault) < 0) {
		c->pc = pc;
		c->slice_cyc = cyc;
		c->slice_insns = NINSN;
		rv32_trap(c, CAUSE_FETCH_ACCESS, fault);
		goto out_pc;
	}
	RELOAD_WIN; /* new code marks empty the store windows around them */
	struct rv32_insn d;
	rv32_decode(raw, &d);
	s->h = ops[d.op];
	s->imm = d.imm;
	if (d.op == RV32_OP_JAL || (d.op >= RV32_OP_BEQ && d.op <= RV32_OP_BGEU))
		s->imm = d.imm * (int32_t)(sizeof(struct rv32_slot) / 2);
	s->rd = d.rd ? d.rd : 32;
	s->rs1 = d.rs1;
	s->rs2 = d.rs2;
	s->meta = META(d.len, c->cost[d.cls]);
	DISPATCH;
}

L_PAGE_END:
	cyc -= COST(m);
	UNCOUNT_PSEUDO;
	pc = PC_OF(s);
	goto lookup;

L_ILLEGAL: TRAP(CAUSE_ILLEGAL, IMM);
L_LUI: RD = IMM; NEXT;
L_AUIPC: RD = PC_OF(s) + IMM; NEXT;
L_JAL: RD = PC_OF(s) + ILEN(adv); JUMP_REL;
L_JALR: {
	uint32_t t = (RS1 + IMM) & ~1u;
	RD = PC_OF(s) + ILEN(adv);
	JUMP_ABS(t);
}
L_BEQ: if (RS1 == RS2) JUMP_REL; NEXT;
L_BNE: if (RS1 != RS2) JUMP_REL; NEXT;
L_BLT: if ((int32_t)RS1 < (int32_t)RS2) JUMP_REL; NEXT;
L_BGE: if ((int32_t)RS1 >= (int32_t)RS2) JUMP_REL; NEXT;
L_BLTU: if (RS1 < RS2) JUMP_REL; NEXT;
L_BGEU: if (RS1 >= RS2) JUMP_REL; NEXT;

L_LB: LOAD(1, (uint32_t)(int32_t)(int8_t)p_[0], (uint32_t)(int32_t)(int8_t)v_);
L_LH: LOAD(2, (uint32_t)(int32_t)(int16_t)le16_load(p_), (uint32_t)(int32_t)(int16_t)v_);
L_LW: LOAD(4, le32_load(p_), v_);
L_LBU: LOAD(1, p_[0], v_);
L_LHU: LOAD(2, le16_load(p_), v_);
L_SB: STORE(1, ST8);
L_SH: STORE(2, ST16);
L_SW: STORE(4, ST32);

L_ADDI: RD = RS1 + IMM; NEXT;
L_SLTI: RD = (int32_t)RS1 < s->imm; NEXT;
L_SLTIU: RD = RS1 < IMM; NEXT;
L_XORI: RD = RS1 ^ IMM; NEXT;
L_ORI: RD = RS1 | IMM; NEXT;
L_ANDI: RD = RS1 & IMM; NEXT;
L_SLLI: RD = RS1 << IMM; NEXT;
L_SRLI: RD = RS1 >> IMM; NEXT;
L_SRAI: RD = (uint32_t)((int32_t)RS1 >> IMM); NEXT;
L_ADD: RD = RS1 + RS2; NEXT;
L_SUB: RD = RS1 - RS2; NEXT;
L_SLL: RD = RS1 << (RS2 & 31); NEXT;
L_SLT: RD = (int32_t)RS1 < (int32_t)RS2; NEXT;
L_SLTU: RD = RS1 < RS2; NEXT;
L_XOR: RD = RS1 ^ RS2; NEXT;
L_SRL: RD = RS1 >> (RS2 & 31); NEXT;
L_SRA: RD = (uint32_t)((int32_t)RS1 >> (RS2 & 31)); NEXT;
L_OR: RD = RS1 | RS2; NEXT;
L_AND: RD = RS1 & RS2; NEXT;

L_MUL: RD = RS1 * RS2; NEXT;
L_MULH: RD = (uint32_t)((uint64_t)((int64_t)(int32_t)RS1 * (int64_t)(int32_t)RS2) >> 32); NEXT;
L_MULHSU: RD = (uint32_t)((uint64_t)((int64_t)(int32_t)RS1 * (int64_t)(uint64_t)RS2) >> 32); NEXT;
L_MULHU: RD = (uint32_t)(((uint64_t)RS1 * RS2) >> 32); NEXT;
L_DIV: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	RD = b == 0 ? 0xffffffffu : (a == INT32_MIN && b == -1) ? (uint32_t)a : (uint32_t)(a / b);
	NEXT;
}
L_DIVU: RD = RS2 ? RS1 / RS2 : 0xffffffffu; NEXT;
L_REM: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	RD = b == 0 ? (uint32_t)a : (a == INT32_MIN && b == -1) ? 0 : (uint32_t)(a % b);
	NEXT;
}
L_REMU: RD = RS2 ? RS1 % RS2 : RS1; NEXT;

L_FENCE: NEXT; /* one hart, in order: nothing to order */
L_FENCE_I:
	SYNC;
	rv32_flush_decoded(c);
	LEAVE_AFTER;
L_ECALL: TRAP(c->priv == PRV_M ? CAUSE_ECALL_M : CAUSE_ECALL_U, 0);
L_EBREAK: TRAP(CAUSE_BREAKPOINT, PC_OF(s));
L_MRET:
	if (c->priv != PRV_M)
		TRAP(CAUSE_ILLEGAL, 0x30200073u);
	SYNC;
	rv32_mret(c);
	goto out_pc;
L_WFI:
	if (c->priv != PRV_M && (c->mstatus & MSTATUS_TW))
		TRAP(CAUSE_ILLEGAL, 0x10500073u);
	if (!(c->mip & c->mie))
		c->state = CPU_STATE_WFI;
	LEAVE_AFTER;

	{
		unsigned op;
L_CSRRW: op = RV32_OP_CSRRW; goto csr;
L_CSRRS: op = RV32_OP_CSRRS; goto csr;
L_CSRRC: op = RV32_OP_CSRRC; goto csr;
L_CSRRWI: op = RV32_OP_CSRRWI; goto csr;
L_CSRRSI: op = RV32_OP_CSRRSI; goto csr;
L_CSRRCI: op = RV32_OP_CSRRCI; goto csr;
csr:
		SYNC;
		c->pc = PC_OF(s);
		if (rv32_csr_insn(c, op, s->rd == 32 ? 0 : s->rd, s->rs1, (unsigned)s->imm) < 0) {
			UNCOUNT;
			goto out_pc;
		}
		LEAVE_AFTER;

L_LR_W: op = RV32_OP_LR_W; goto amo;
L_SC_W: op = RV32_OP_SC_W; goto amo;
L_AMOSWAP_W: op = RV32_OP_AMOSWAP_W; goto amo;
L_AMOADD_W: op = RV32_OP_AMOADD_W; goto amo;
L_AMOXOR_W: op = RV32_OP_AMOXOR_W; goto amo;
L_AMOAND_W: op = RV32_OP_AMOAND_W; goto amo;
L_AMOOR_W: op = RV32_OP_AMOOR_W; goto amo;
L_AMOMIN_W: op = RV32_OP_AMOMIN_W; goto amo;
L_AMOMAX_W: op = RV32_OP_AMOMAX_W; goto amo;
L_AMOMINU_W: op = RV32_OP_AMOMINU_W; goto amo;
L_AMOMAXU_W: op = RV32_OP_AMOMAXU_W; goto amo;
amo: {
		SYNC;
		c->pc = PC_OF(s);
		int r = rv32_amo(c, op, s->rd, RS1, RS2);
		if (r < 0) {
			UNCOUNT;
			goto out_pc;
		}
		RELOAD_WIN;
		if (r == 0)
			NEXT;
		LEAVE_AFTER;
	}
	}

out:
	c->pc = PC_OF(s);
	*left = false;
out_pc:
	c->x[32] = 0;
	c->time += cyc * c->period;
	c->instret += NINSN;
	c->slice_cyc = 0;
	c->slice_insns = 0;
	return cyc;
}

#undef RELOAD_WIN
#undef PC_OF
#undef DISPATCH
#undef NEXT
#undef SYNC
#undef TRAP
#undef JUMP_REL
#undef JUMP_ABS
#undef RD
#undef RS1
#undef RS2
#undef IMM
#undef LEAVE_AFTER
#undef LOAD
#undef STORE
#undef ST8
#undef ST16
#undef ST32
