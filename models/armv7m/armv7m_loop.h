/* The interpreter loop of the Cortex-M4F core, included once by
 * armv7m_exec.c: threaded dispatch (computed goto) over the pre-decoded
 * slots of a guest page, as the RV32 core does.  Semantics follow the
 * ARMv7-M ARM's pseudocode (AddWithCarry, Shift_C, BXWritePC, ...).
 *
 * The pc is the page base plus the slot index; the IT state of the
 * instruction about to run is its slot's `it` (IT blocks are decoded as
 * a whole), so leaving the loop before a slot sets EPSR.IT from it and
 * leaving after one from ITAdvance.  Every slow thing (system
 * instructions, faults, device accesses, exception returns) leaves the
 * loop with c->pc set, so the caller can look at exceptions and the
 * event queue.  The loads, stores and FP handlers are in
 * armv7m_loop_mem.h, included in the middle of run_loop.  Not a header
 * for other files. */

static inline uint8_t it_advance(uint8_t it)
{
	return (it & 7) ? (uint8_t)((it & 0xE0) | ((it << 1) & 0x1F)) : 0;
}

static inline uint32_t ror32(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

/* Shift_C with an immediate amount as the decoder packed it (type | amount
 * << 8: LSL 1..31, LSR/ASR 1..32, ROR 1..31, RRX). */
static inline uint32_t shift_c(uint32_t v, uint32_t sh, uint32_t cin, uint32_t *cout)
{
	unsigned n = sh >> 8;
	switch (sh & 7) {
	case M_SH_LSL:
		if (n == 0) { *cout = cin; return v; }
		*cout = (v >> (32 - n)) & 1;
		return v << n;
	case M_SH_LSR:
		*cout = (v >> (n - 1)) & 1;
		return n == 32 ? 0 : v >> n;
	case M_SH_ASR:
		*cout = ((uint32_t)((int32_t)v >> (n - 1))) & 1;
		return (uint32_t)((int32_t)v >> (n == 32 ? 31 : n));
	case M_SH_ROR: {
		uint32_t r = ror32(v, n);
		*cout = r >> 31;
		return r;
	}
	default: /* RRX */
		*cout = v & 1;
		return (v >> 1) | (cin << 31);
	}
}

/* Shift without the carry out: LSL and LSR below 32 (address scaling,
 * CRC's LSR #1) as two plain shifts the slot carries, else the general
 * switch */
static inline uint32_t shift(uint32_t v, uint32_t sh, const struct m_core *c)
{
	uint32_t co;
	if (likely((int32_t)sh < 0)) /* M_SH_FAST: LSL, LSR below 32 (armv7m_exec.c, rs_shift()) */
		return (v << (sh & 31)) >> ((sh >> 8) & 31);
	return shift_c(v, sh, c->fc, &co); /* the carry in read only here (RRX) */
}

/* Shifts by a register (the bottom byte of it), with carry. */
static inline uint32_t shift_reg_c(uint32_t v, unsigned type, uint32_t amt, uint32_t cin, uint32_t *cout)
{
	amt &= 0xff;
	if (amt == 0) {
		*cout = cin;
		return v;
	}
	switch (type) {
	case M_SH_LSL:
		if (amt < 32) { *cout = (v >> (32 - amt)) & 1; return v << amt; }
		*cout = amt == 32 ? v & 1 : 0;
		return 0;
	case M_SH_LSR:
		if (amt < 32) { *cout = (v >> (amt - 1)) & 1; return v >> amt; }
		*cout = amt == 32 ? v >> 31 : 0;
		return 0;
	case M_SH_ASR:
		if (amt < 32) { *cout = ((uint32_t)((int32_t)v >> (amt - 1))) & 1; return (uint32_t)((int32_t)v >> amt); }
		*cout = v >> 31;
		return (uint32_t)((int32_t)v >> 31);
	default: {
		uint32_t r = ror32(v, amt & 31);
		*cout = r >> 31;
		return r;
	}
	}
}

/* Whole iterations of a byte-copy loop (the loop's L_BCOPY):
 * `ldrb v, [a], #ia; strb v, [d, #ib]! (form >= 3) or [d], #ib; cmp x,
 * y; bne` with x the loaded byte, a or d (form % 3), while n (the budget)
 * has four instructions and both accesses are in the windows and off
 * decoded code.  Returns true when the BNE fell through; x is the last
 * compared value. */
struct m_copy {
	uint32_t a, d, v, x, ia, ib, y, rb, wb;
	int64_t n;
	uint64_t rsz, wsz, wro;
	const uint8_t *rh, *map;
	uint8_t *wh;
	unsigned shift, form;
};

static __attribute__((noinline)) bool m_copy_iter(struct m_copy *k)
{
	uint32_t a = k->a, d = k->d, v = k->v, x = k->x;
	const uint32_t ia = k->ia, ib = k->ib, y = k->y, rb = k->rb, wb = k->wb;
	const uint64_t rsz = k->rsz, wsz = k->wsz, wro = k->wro;
	const uint8_t *const rh = k->rh, *const map = k->map;
	uint8_t *const wh = k->wh;
	const unsigned shift = k->shift;
	const uint64_t lmask = ((uint64_t)1 << shift) - 1;
	int64_t n = k->n;
	bool done = false;
	/* each round checks the windows and the code map at its first
	 * iteration, then runs as many as stay in both windows, on the same
	 * code-map line and in the budget (forward copies; else one) */
#define COPY_LOOP(PRE, X) \
	while (likely(n >= 4)) { \
		uint32_t ea_ = (PRE) ? d + ib : d; \
		uint64_t o_ = (uint32_t)(a - rb), o2_ = (uint32_t)(ea_ - wb); \
		if (unlikely(o_ >= rsz || o2_ >= wsz || map[(wro + o2_) >> shift])) \
			break; \
		uint64_t cnt = 1; \
		if (ia == 1 && ib == 1) { \
			uint64_t line = ((wro + o2_) | lmask) + 1 - (wro + o2_); \
			cnt = (uint64_t)n / 4; \
			cnt = cnt < rsz - o_ ? cnt : rsz - o_; \
			cnt = cnt < wsz - o2_ ? cnt : wsz - o2_; \
			cnt = cnt < line ? cnt : line; \
		} \
		const uint8_t *p_ = rh + o_; \
		uint8_t *q_ = wh + o2_; \
		uint64_t j_ = 0; \
		while (j_ < cnt) { \
			v = *p_; \
			*q_ = (uint8_t)v; \
			p_ += ia; q_ += ib; \
			j_++; \
			a += ia; d += ib; \
			if ((X) == y) { done = true; break; } \
		} \
		n -= 4 * (int64_t)j_; \
		if (done) break; \
	}
	switch (k->form) {
	case 0: COPY_LOOP(false, v) break;
	case 1: COPY_LOOP(false, a) break;
	case 2: COPY_LOOP(false, d) break;
	case 3: COPY_LOOP(true, v) break;
	case 4: COPY_LOOP(true, a) break;
	default: COPY_LOOP(true, d) break;
	}
#undef COPY_LOOP
	switch (k->form % 3) { /* the last compared value */
	case 0: x = v; break;
	case 1: x = a; break;
	default: x = d; break;
	}
	k->a = a; k->d = d; k->v = v; k->x = x; k->n = n;
	return done;
}

static void run_loop(struct m_core *c, uint64_t cyc_lim, const int32_t **h_out)
{
#define M_LABEL(n) [M_OP_##n] = &&L_##n - &&L_BASE,
	static const int32_t hoff[M_NOPS + 3] = {
		M_OPS(M_LABEL)
		[M_NOPS] = &&L_DECODE - &&L_BASE,
		[M_NOPS + 1] = &&L_PAGE_END - &&L_BASE,
		[M_NOPS + 2] = &&L_ITCOND - &&L_BASE,
	};
#undef M_LABEL
	/* the entries per length (M_HN, m_hent): the stride set, then the body */
#define M_ENT16(n) [M_OP_##n] = &&E16_##n - &&L_BASE,
#define M_ENT32(n) [M_HN + M_OP_##n] = &&E32_##n - &&L_BASE,
	static const int32_t hent[2 * M_HN] = {
		M_OPS(M_ENT16)
		[M_NOPS] = &&L_DECODE - &&L_BASE,
		[M_NOPS + 1] = &&L_PAGE_END - &&L_BASE,
		[M_NOPS + 2] = &&E16_ITCOND - &&L_BASE,
		M_OPS(M_ENT32)
		[M_HN + M_NOPS] = &&L_DECODE - &&L_BASE,
		[M_HN + M_NOPS + 1] = &&L_PAGE_END - &&L_BASE,
		[M_HN + M_NOPS + 2] = &&E32_ITCOND - &&L_BASE,
	};
#undef M_ENT16
#undef M_ENT32
	if (!c) {
		*h_out = hent;
		return;
	}
	char *base = (char *)&&L_BASE;
	__asm__("" : "+r"(base)); /* opaque: kept in a register, not an lea per dispatch */
	struct m_dpage *pg = NULL;
	struct m_slot *s = NULL;
	/* the budget counts down (a decrement and a sign test per
	 * instruction); the cycles run are lim0 - left */
	const int64_t lim0 = cyc_lim > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)cyc_lim;
	int64_t left = lim0;
	uint64_t ninsn = 0; /* ninsn counts the instructions that did not retire */
	uint32_t pc = c->pc;
	uintptr_t adv = 0;
	uint32_t rb, wb;
	uint64_t rsz, wsz, wro;
	uint8_t *rh, *wh;
	const uint8_t *wmap;
	unsigned wshift;

#define RELOAD_WIN do { \
	rb = c->rwin.base; rsz = c->rwin.size; rh = c->rwin.host; \
	wb = c->wwin.base; wsz = c->wwin.size; wh = c->wwin.host; \
	wmap = c->wwin.map; wshift = c->wwin.shift; wro = c->wwin.ram_off; \
	} while (0)
	RELOAD_WIN;

#define PC_OF(sl) (pg->base + (uint32_t)((sl) - pg->slots) * 2u)
#define ILEN (uint32_t)(adv / (sizeof(struct m_slot) / 2))
#define DISPATCH do { \
	if (unlikely(--left < 0)) { left = 0; goto out; } \
	goto *(void *)(base + s->h); \
	} while (0)
#define NEXT do { s = (struct m_slot *)((char *)s + adv); DISPATCH; } while (0)
#define CYC ((uint64_t)(lim0 - left))
#define NINSN (CYC - ninsn)
/* the current instruction is counted but has not retired */
#define SYNC do { c->slice_cyc = CYC; c->slice_insns = NINSN - 1; } while (0)
#define AT_INSN do { c->pc = PC_OF(s); c->itstate = s->it; } while (0)
#define FAULT(exc, cfsr, addr) do { \
	uint32_t fa_ = (addr); \
	SYNC; AT_INSN; ninsn++; \
	armv7m_fault(c, (exc), (cfsr), fa_); \
	goto out_pc; \
	} while (0)
#define UNDEF FAULT(EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0)
#define JUMP(t) do { \
	uint32_t t_ = (t), o_ = t_ - pg->base; \
	if (likely(o_ < M_PAGE_SIZE)) { s = pg->slots + (o_ >> 1); DISPATCH; } \
	pc = t_; \
	c->itstate = 0; /* a branch ends any IT block */ \
	goto lookup; \
	} while (0)
/* B, B<cond>, CBZ/CBNZ: the slot's own offset to its target's slot when
 * the target is on this page (armv7m_exec.c, near_target()) */
#define JUMP_NEAR(t) do { \
	int16_t n_ = (int16_t)le16_load(&s->a); /* a low, x high */ \
	if (likely(n_)) { s = (struct m_slot *)((char *)s + n_); DISPATCH; } \
	JUMP(t); \
	} while (0)
/* BXWritePC: EXC_RETURN in Handler mode returns from the exception; an
 * even address clears EPSR.T, so the next instruction faults */
#define BXWRITE(t) do { \
	uint32_t b_ = (t); \
	if (likely(b_ & 1) && (b_ < 0xF0000000u || !c->ipsr)) JUMP(b_ & ~1u); \
	SYNC; c->slice_insns++; AT_INSN; \
	armv7m_bx_write_pc(c, b_); \
	goto out_pc; \
	} while (0)
#define LEAVE_AFTER do { c->pc = PC_OF(s) + ILEN; c->itstate = it_advance(s->it); goto out_pc; } while (0)
#define RD c->r[s->a]
#define RN c->r[s->b]
#define RM c->r[s->c]
#define RX c->r[s->x]
#define IMM s->imm
#define NZ(r) do { uint32_t n_ = (r); c->nf = c->zf = n_; } while (0)
/* AddWithCarry(x, y, carry_in) with the flags */
#define AWC(res, x, y, cin) do { \
	uint32_t x_ = (x), y_ = (y); \
	uint64_t u_ = (uint64_t)x_ + y_ + (cin); \
	res = (uint32_t)u_; \
	c->nf = c->zf = res; c->fc = (uint32_t)(u_ >> 32); \
	c->fv = ((x_ ^ res) & (y_ ^ res)) >> 31; \
	} while (0)

/* AddWithCarry(x, ~y, 1) and AddWithCarry(x, y, 0), the subtract and
 * the add without a carry in, the flags from the host's own (C: no
 * borrow, V: signed overflow): a compare costs a subtract and four
 * setcc instead of a 64-bit add and the V expression */
#define AWC_SUB(res, x, y) do { \
	uint32_t x_ = (x), y_ = (y); \
	int32_t t_; \
	uint32_t v_ = __builtin_sub_overflow((int32_t)x_, (int32_t)y_, &t_); \
	res = (uint32_t)t_; \
	c->nf = c->zf = res; c->fc = x_ >= y_; c->fv = v_; \
	} while (0)
#define AWC_ADD(res, x, y) do { \
	uint32_t x_ = (x), y_ = (y); \
	int32_t t_; \
	uint32_t v_ = __builtin_add_overflow((int32_t)x_, (int32_t)y_, &t_); \
	res = (uint32_t)t_; \
	c->nf = c->zf = res; c->fc = res < x_; c->fv = v_; \
	} while (0)


lookup:
	c->slice_cyc = CYC;
	c->slice_insns = NINSN;
	{
		uint8_t its = c->itstate;
		s = armv7m_page_lookup(c, pc, &pg);
		if (!s)
			goto out_pc; /* fetch fault raised, or the page needs single steps */
		if (unlikely(s->it != its || s->h == c->h_decode)) {
			if (!armv7m_decode_slot(c, pg, s, its))
				goto out_pc;
		}
	}
	DISPATCH;

L_BASE:
L_DECODE:
	/* not an instruction yet: undo the count, decode with the IT state
	 * the slot was last decoded for (its block's, or none) */
	left++;
	pc = PC_OF(s);
	c->slice_cyc = CYC;
	c->slice_insns = NINSN;
	if (!armv7m_decode_slot(c, pg, s, s->it))
		goto out_pc;
	DISPATCH;

L_PAGE_END: {
	/* sequential flow off the page: the IT state continues from the
	 * instruction that ran last (DISPATCH has replaced adv with the
	 * sentinel's): the 32-bit one at the last slot but one if there is
	 * one (its second half is never an instruction of its own), else the
	 * last slot's */
	const struct m_slot *prev = s - 1;
	if (s - pg->slots == M_PAGE_SLOTS + 1 ||
	    (pg->slots[M_PAGE_SLOTS - 2].meta == 2 * sizeof(struct m_slot) &&
	     pg->slots[M_PAGE_SLOTS - 2].h != c->h_decode))
		prev = s - 2;
	left++;
	c->itstate = it_advance(prev->it);
	pc = PC_OF(s);
	c->slice_cyc = CYC;
	c->slice_insns = NINSN;
	s = armv7m_page_lookup(c, pc, &pg);
	if (!s)
		goto out_pc;
	if (unlikely(s->it != c->itstate || s->h == c->h_decode))
		if (!armv7m_decode_slot(c, pg, s, c->itstate))
			goto out_pc;
	DISPATCH;
}

L_ITCOND:
	/* inside an IT block: the condition is ITSTATE[7:4]; a failed one
	 * executes as a NOP */
	if (!m_cond(c, s->it >> 4))
		NEXT;
	goto *(void *)(base + hoff[s->op]);

L_UNDEF: UNDEF;
L_NOP: NEXT;
L_IT: NEXT; /* the block's slots carry their conditions */
L_SLOW: {
	SYNC; AT_INSN;
	int r = armv7m_slow(c, s, PC_OF(s));
	if (r < 0) { ninsn++; goto out_pc; }
	if (r > 0) goto out_pc;
	LEAVE_AFTER;
}

	/* ---- data processing ---- */
#define LOGIC(N, EXPR) \
L_##N##_I: { uint32_t op2 = IMM; RD = (EXPR); NEXT; } \
L_##N##_R: { uint32_t op2 = RM; RD = (EXPR); NEXT; } \
L_##N##_RS: { uint32_t op2 = shift(RM, IMM, c); RD = (EXPR); NEXT; } \
L_##N##S_I: { uint32_t op2 = IMM, r = (EXPR); RD = r; NZ(r); if (s->x) c->fc = s->x - 1u; NEXT; } \
L_##N##S_R: { uint32_t op2 = RM, r = (EXPR); RD = r; NZ(r); NEXT; } \
L_##N##S_RS: { uint32_t co, op2 = shift_c(RM, IMM, c->fc, &co), r = (EXPR); RD = r; NZ(r); c->fc = co; NEXT; }
	LOGIC(AND, RN & op2)
	LOGIC(EOR, RN ^ op2)
	LOGIC(ORR, RN | op2)
	LOGIC(ORN, RN | ~op2)
	LOGIC(BIC, RN & ~op2)
	LOGIC(MOV, op2)
	LOGIC(MVN, ~op2)
#undef LOGIC
#define TEST(N, EXPR) \
L_##N##_I: L_##N##S_I: { uint32_t op2 = IMM, r = (EXPR); NZ(r); if (s->x) c->fc = s->x - 1u; NEXT; } \
L_##N##_R: L_##N##S_R: { uint32_t op2 = RM, r = (EXPR); NZ(r); NEXT; } \
L_##N##_RS: L_##N##S_RS: { uint32_t co, op2 = shift_c(RM, IMM, c->fc, &co), r = (EXPR); NZ(r); c->fc = co; NEXT; }
	TEST(TST, RN & op2)
	TEST(TEQ, RN ^ op2)
#undef TEST
/* arithmetic: AddWithCarry(X, Y, CIN) */
#define ARITH(N, X, Y, CIN) \
L_##N##_I: { uint32_t op2 = IMM; RD = (X) + (Y) + (CIN); NEXT; } \
L_##N##_R: { uint32_t op2 = RM; RD = (X) + (Y) + (CIN); NEXT; } \
L_##N##_RS: { uint32_t op2 = shift(RM, IMM, c); RD = (X) + (Y) + (CIN); NEXT; } \
L_##N##S_I: { uint32_t op2 = IMM, r; AWC(r, X, Y, CIN); RD = r; NEXT; } \
L_##N##S_R: { uint32_t op2 = RM, r; AWC(r, X, Y, CIN); RD = r; NEXT; } \
L_##N##S_RS: { uint32_t op2 = shift(RM, IMM, c), r; AWC(r, X, Y, CIN); RD = r; NEXT; }
	ARITH(ADC, RN, op2, c->fc)
	ARITH(SBC, RN, ~op2, c->fc)
#undef ARITH
/* the same without a carry in: X - Y or X + Y */
#define ARITH2(N, OP, AWC2, X, Y) \
L_##N##_I: { uint32_t op2 = IMM; RD = (X) OP (Y); NEXT; } \
L_##N##_R: { uint32_t op2 = RM; RD = (X) OP (Y); NEXT; } \
L_##N##_RS: { uint32_t op2 = shift(RM, IMM, c); RD = (X) OP (Y); NEXT; } \
L_##N##S_I: { uint32_t op2 = IMM, r; AWC2(r, X, Y); RD = r; NEXT; } \
L_##N##S_R: { uint32_t op2 = RM, r; AWC2(r, X, Y); RD = r; NEXT; } \
L_##N##S_RS: { uint32_t op2 = shift(RM, IMM, c), r; AWC2(r, X, Y); RD = r; NEXT; }
	ARITH2(ADD, +, AWC_ADD, RN, op2)
	ARITH2(SUB, -, AWC_SUB, RN, op2)
	ARITH2(RSB, -, AWC_SUB, op2, RN)
#undef ARITH2
#define COMPARE(N, AWC2) \
L_##N##_I: L_##N##S_I: { uint32_t op2 = IMM, r; AWC2(r, RN, op2); (void)r; NEXT; } \
L_##N##_R: L_##N##S_R: { uint32_t op2 = RM, r; AWC2(r, RN, op2); (void)r; NEXT; } \
L_##N##_RS: L_##N##S_RS: { uint32_t op2 = shift(RM, IMM, c), r; AWC2(r, RN, op2); (void)r; NEXT; }
	COMPARE(CMP, AWC_SUB)
	COMPARE(CMN, AWC_ADD)
#undef COMPARE

	/* shifts by register: Rd = Rn shifted by Rm[7:0] */
#define SHIFTR(N, T) \
L_##N##_R: { uint32_t co; RD = shift_reg_c(RN, (T), RM, c->fc, &co); NEXT; } \
L_##N##S_R: { uint32_t co, r = shift_reg_c(RN, (T), RM, c->fc, &co); RD = r; NZ(r); c->fc = co; NEXT; }
L_LSL_R: { uint32_t co; RD = shift_reg_c(RN, M_SH_LSL, RM, c->fc, &co); NEXT; }
L_LSLS_R: { uint32_t co, r = shift_reg_c(RN, M_SH_LSL, RM, c->fc, &co); RD = r; NZ(r); c->fc = co; NEXT; }
L_LSR_R: { uint32_t co; RD = shift_reg_c(RN, M_SH_LSR, RM, c->fc, &co); NEXT; }
L_LSRS_R: { uint32_t co, r = shift_reg_c(RN, M_SH_LSR, RM, c->fc, &co); RD = r; NZ(r); c->fc = co; NEXT; }
L_ASR_R: { uint32_t co; RD = shift_reg_c(RN, M_SH_ASR, RM, c->fc, &co); NEXT; }
L_ASRS_R: { uint32_t co, r = shift_reg_c(RN, M_SH_ASR, RM, c->fc, &co); RD = r; NZ(r); c->fc = co; NEXT; }
L_ROR_R: { uint32_t co; RD = shift_reg_c(RN, M_SH_ROR, RM, c->fc, &co); NEXT; }
L_RORS_R: { uint32_t co, r = shift_reg_c(RN, M_SH_ROR, RM, c->fc, &co); RD = r; NZ(r); c->fc = co; NEXT; }
#undef SHIFTR

	/* writes to SP: bits [1:0] are RAZ/WI */
L_SP_ADD_I: c->r[13] = (RN + IMM) & ~3u; NEXT;
L_SP_SUB_I: c->r[13] = (RN - IMM) & ~3u; NEXT;
L_SP_ADD_R: c->r[13] = (RN + (RM << IMM)) & ~3u; NEXT;
L_SP_SUB_R: c->r[13] = (RN - (RM << IMM)) & ~3u; NEXT;
L_SP_MOV_R: c->r[13] = RM & ~3u; NEXT;
L_MOVT: RD = (RD & 0xffffu) | IMM << 16; NEXT;

	/* ---- multiply and divide ---- */
L_MUL: RD = RN * RM; NEXT;
L_MULS: { uint32_t r = RN * RM; RD = r; NZ(r); NEXT; }
L_MLA: RD = RN * RM + RX; NEXT;
L_MLS: RD = RX - RN * RM; NEXT;
L_UMULL: { uint64_t p = (uint64_t)RN * RM; RD = (uint32_t)p; RX = (uint32_t)(p >> 32); NEXT; }
L_SMULL: { int64_t p = (int64_t)(int32_t)RN * (int32_t)RM; RD = (uint32_t)p; RX = (uint32_t)((uint64_t)p >> 32); NEXT; }
L_UMLAL: {
	uint64_t p = (uint64_t)RN * RM + ((uint64_t)RX << 32 | RD);
	RD = (uint32_t)p; RX = (uint32_t)(p >> 32); NEXT;
}
L_SMLAL: {
	uint64_t p = (uint64_t)((int64_t)(int32_t)RN * (int32_t)RM) + ((uint64_t)RX << 32 | RD);
	RD = (uint32_t)p; RX = (uint32_t)(p >> 32); NEXT;
}
L_UMAAL: {
	uint64_t p = (uint64_t)RN * RM + RX + RD;
	RD = (uint32_t)p; RX = (uint32_t)(p >> 32); NEXT;
}
L_SDIV: {
	int32_t n = (int32_t)RN, m = (int32_t)RM;
	if (m == 0) {
		if (c->scs.ccr & 0x10) FAULT(EXC_USAGEFAULT, CFSR_DIVBYZERO, 0);
		RD = 0;
	} else {
		RD = (n == INT32_MIN && m == -1) ? (uint32_t)n : (uint32_t)(n / m);
	}
	NEXT;
}
L_UDIV: {
	uint32_t m = RM;
	if (m == 0) {
		if (c->scs.ccr & 0x10) FAULT(EXC_USAGEFAULT, CFSR_DIVBYZERO, 0);
		RD = 0;
	} else {
		RD = RN / m;
	}
	NEXT;
}

	/* ---- extend, bits, bytes ---- */
L_SXTB: RD = (uint32_t)(int32_t)(int8_t)ror32(RM, IMM); NEXT;
L_SXTH: RD = (uint32_t)(int32_t)(int16_t)ror32(RM, IMM); NEXT;
L_UXTB: RD = ror32(RM, IMM) & 0xff; NEXT;
L_UXTH: RD = ror32(RM, IMM) & 0xffff; NEXT;
L_SXTAB: RD = RN + (uint32_t)(int32_t)(int8_t)ror32(RM, IMM); NEXT;
L_SXTAH: RD = RN + (uint32_t)(int32_t)(int16_t)ror32(RM, IMM); NEXT;
L_UXTAB: RD = RN + (ror32(RM, IMM) & 0xff); NEXT;
L_UXTAH: RD = RN + (ror32(RM, IMM) & 0xffff); NEXT;
L_CLZ: { uint32_t v = RM; RD = v ? (uint32_t)__builtin_clz(v) : 32; NEXT; }
L_RBIT: {
	uint32_t v = RM;
	v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
	v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
	v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
	RD = __builtin_bswap32(v);
	NEXT;
}
L_REV: RD = __builtin_bswap32(RM); NEXT;
L_REV16: { uint32_t v = RM; RD = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8); NEXT; }
L_REVSH: { uint32_t v = RM; RD = (uint32_t)(int32_t)(int16_t)(uint16_t)((v >> 8 & 0xff) | (v & 0xff) << 8); NEXT; }
L_BFI: {
	unsigned lsb = IMM & 31, w = IMM >> 8;
	uint32_t mask = (w >= 32 ? ~0u : ((1u << w) - 1)) << lsb;
	RD = (RD & ~mask) | ((RN << lsb) & mask);
	NEXT;
}
L_BFC: {
	unsigned lsb = IMM & 31, w = IMM >> 8;
	RD &= ~((w >= 32 ? ~0u : ((1u << w) - 1)) << lsb);
	NEXT;
}
	/* the field's shifts from the slot (armv7m_exec.c, fill()): c = 32 -
	 * lsb - width, x = 32 - width, both 0..31 */
L_UBFX: RD = (RN << s->c) >> s->x; NEXT;
L_SBFX: RD = (uint32_t)((int32_t)(RN << s->c) >> s->x); NEXT;
L_DSP: armv7m_dsp(c, s); NEXT;
	/* SMUL<x><y>, SMLA<x><y> (Q on a signed overflow of the accumulate) */
#define HALF(v, sh) (int32_t)(int16_t)((v) >> (sh))
L_SMULXY: RD = (uint32_t)(HALF(RN, IMM & 0xff) * HALF(RM, IMM >> 8)); NEXT;
L_SMLAXY: {
	int64_t v = (int64_t)(HALF(RN, IMM & 0xff) * HALF(RM, IMM >> 8)) + (int32_t)RX;
	RD = (uint32_t)v;
	if (unlikely(v != (int32_t)v))
		c->fq = 1;
	NEXT;
}
#undef HALF

	/* ---- branches ---- */
L_B: JUMP_NEAR(IMM);
#define BCOND(N, COND) L_B##N: if (COND) JUMP_NEAR(IMM); NEXT;
	BCOND(EQ, c->zf == 0)
	BCOND(NE, c->zf != 0)
	BCOND(CS, c->fc)
	BCOND(CC, !c->fc)
	BCOND(MI, (int32_t)c->nf < 0)
	BCOND(PL, (int32_t)c->nf >= 0)
	BCOND(VS, c->fv)
	BCOND(VC, !c->fv)
	BCOND(HI, c->fc && c->zf != 0)
	BCOND(LS, !c->fc || c->zf == 0)
	BCOND(GE, c->nf >> 31 == c->fv)
	BCOND(LT, c->nf >> 31 != c->fv)
	BCOND(GT, c->zf != 0 && c->nf >> 31 == c->fv)
	BCOND(LE, c->zf == 0 || c->nf >> 31 != c->fv)
#undef BCOND
	/* CMP + B<cond> fused (armv7m_exec.c, fuse()): the compare, then the
	 * branch of the next slot, as long as that slot still holds it and
	 * the budget has room for both */
#define FUSED(CC, COND) \
L_CMPI_B##CC: { uint32_t r_; AWC_SUB(r_, RN, IMM); (void)r_; goto fused_##CC; } \
L_CMPR_B##CC: { uint32_t r_; AWC_SUB(r_, RN, RM); (void)r_; } \
fused_##CC: { \
	struct m_slot *ns_ = (struct m_slot *)((char *)s + adv); \
	if (unlikely(ns_->h != hent[M_OP_B##CC] || left == 0)) NEXT; \
	left--; \
	s = ns_; \
	adv = sizeof(struct m_slot); /* a 16-bit branch: is_bcond() */ \
	if (COND) JUMP_NEAR(ns_->imm); \
	NEXT; \
}
	FUSED(EQ, c->zf == 0)
	FUSED(NE, c->zf != 0)
	FUSED(CS, c->fc)
	FUSED(CC, !c->fc)
	FUSED(MI, (int32_t)c->nf < 0)
	FUSED(PL, (int32_t)c->nf >= 0)
	FUSED(VS, c->fv)
	FUSED(VC, !c->fv)
	FUSED(HI, c->fc && c->zf != 0)
	FUSED(LS, !c->fc || c->zf == 0)
	FUSED(GE, c->nf >> 31 == c->fv)
	FUSED(LT, c->nf >> 31 != c->fv)
	FUSED(GT, c->zf != 0 && c->nf >> 31 == c->fv)
	FUSED(LE, c->zf == 0 || c->nf >> 31 != c->fv)
#undef FUSED
L_BL: c->r[14] = (PC_OF(s) + 4) | 1; JUMP(IMM);
L_BX: BXWRITE(RM);
L_BLX: { uint32_t t = RM; c->r[14] = (PC_OF(s) + 2) | 1; BXWRITE(t); }
L_MOV_PC: JUMP(RM & ~1u);
L_ADD_PC: JUMP((RM + IMM) & ~1u);
L_CBZ: if (RN == 0) JUMP_NEAR(IMM); NEXT;
L_CBNZ: if (RN != 0) JUMP_NEAR(IMM); NEXT;
L_TBB: {
	uint32_t a = RN + IMM + RM, v;
	uint64_t o = (uint32_t)(a - rb);
	if (likely(o + 1 <= rsz)) {
		v = rh[o];
	} else {
		SYNC; AT_INSN;
		int r = armv7m_load(c, a, 1, &v, 0);
		if (r < 0) { ninsn++; goto out_pc; }
		RELOAD_WIN;
	}
	JUMP(PC_OF(s) + 4 + 2 * v);
}
L_TBH: {
	uint32_t a = RN + IMM + (RM << 1), v;
	uint64_t o = (uint32_t)(a - rb);
	if (likely(o + 2 <= rsz)) {
		v = le16_load(rh + o);
	} else {
		SYNC; AT_INSN;
		int r = armv7m_load(c, a, 2, &v, 0);
		if (r < 0) { ninsn++; goto out_pc; }
		RELOAD_WIN;
	}
	JUMP(PC_OF(s) + 4 + 2 * v);
}

#include "models/armv7m/armv7m_loop_mem.h"

	/* the entries (hent): the stride as a constant, then the body; a
	 * predicted jump here lets the next slot's loads start before this
	 * slot's are back */
#define M_ENTRY(n) \
E16_##n: adv = sizeof(struct m_slot); goto L_##n; \
E32_##n: adv = 2 * sizeof(struct m_slot); goto L_##n;
	M_OPS(M_ENTRY)
	M_ENTRY(ITCOND)
#undef M_ENTRY


out:
	c->pc = PC_OF(s);
	/* stopped on a sentinel past the page: the IT state continues from
	 * the instruction that ran last (adv is its stride), not the slot */
	if (unlikely(s - pg->slots >= M_PAGE_SLOTS))
		c->itstate = it_advance(((const struct m_slot *)((char *)s - adv))->it);
	else
		c->itstate = s->it;
out_pc:
	c->time += CYC * c->period;
	c->instret += NINSN;
	c->slice_cyc = 0;
	c->slice_insns = 0;
}

#undef RELOAD_WIN
#undef PC_OF
#undef ILEN
#undef DISPATCH
#undef NEXT
#undef NINSN
#undef CYC
#undef SYNC
#undef AT_INSN
#undef FAULT
#undef UNDEF
#undef JUMP
#undef JUMP_NEAR
#undef BXWRITE
#undef LEAVE_AFTER
#undef RD
#undef RN
#undef RM
#undef RX
#undef IMM
#undef NZ
#undef AWC
#undef AWC_SUB
#undef AWC_ADD
