/* The loads, stores and FP handlers of the interpreter loop
 * (armv7m_loop.h), in their own file: included once, inside run_loop's
 * body, between the branch and the exit code, so they stay in the same
 * function (the same computed-goto table and register allocation).  Uses
 * the loop's macros (NEXT, SYNC, AT_INSN, FAULT, RELOAD_WIN, ...).  Not a
 * header for other files. */

/* Loads and stores: the window fast path, else the slow path, which may
 * fault (the loop is left at the instruction) or reach a device (left
 * after it).  The windows are empty while CCR.UNALIGN_TRP is set, so the
 * fast path need not test alignment. */
/* AFTER runs once the access succeeded (base writeback: a faulting
 * access leaves the base as it was, as QEMU and the hardware do) */
#define LOAD(addr, sz, FAST, CONV, DEST, AFTER) do { \
	uint32_t a_ = (addr); \
	uint64_t o_ = (uint32_t)(a_ - rb); \
	if (likely(o_ + (sz) <= rsz)) { \
		const uint8_t *p_ = rh + o_; \
		DEST = (FAST); \
		AFTER; \
		NEXT; \
	} \
	if (m_win_swap_in(&c->rwin, &c->rwin2, a_, (sz))) { \
		RELOAD_WIN; \
		const uint8_t *p_ = rh + (uint32_t)(a_ - rb); \
		DEST = (FAST); \
		AFTER; \
		NEXT; \
	} \
	uint32_t v_; \
	SYNC; AT_INSN; \
	int r_ = armv7m_load(c, a_, (sz), &v_, 0); \
	if (r_ < 0) { ninsn++; goto out_pc; } \
	DEST = (CONV); \
	AFTER; \
	RELOAD_WIN; \
	if (r_ == 0) NEXT; \
	LEAVE_AFTER; \
	} while (0)
#define STORE(addr, sz, val, ST, AFTER) do { \
	uint32_t a_ = (addr), v_ = (val); \
	uint64_t o_ = (uint32_t)(a_ - wb); \
	if (likely(o_ + (sz) <= wsz)) { \
		ST(wh + o_, v_); \
		AFTER; \
		if (unlikely(wmap[(wro + o_) >> wshift])) { SYNC; armv7m_store_code(c, a_, (sz)); } \
		NEXT; \
	} \
	if (m_win_swap_in(&c->wwin, &c->wwin2, a_, (sz))) { \
		RELOAD_WIN; \
		o_ = (uint32_t)(a_ - wb); \
		ST(wh + o_, v_); \
		AFTER; \
		if (unlikely(wmap[(wro + o_) >> wshift])) { SYNC; armv7m_store_code(c, a_, (sz)); } \
		NEXT; \
	} \
	SYNC; AT_INSN; \
	int r_ = armv7m_store(c, a_, (sz), v_, 0); \
	if (r_ < 0) { ninsn++; goto out_pc; } \
	AFTER; \
	RELOAD_WIN; \
	if (r_ == 0) NEXT; \
	LEAVE_AFTER; \
	} while (0)
#define ST8(p, v) (*(p) = (uint8_t)(v))
#define ST16(p, v) le16_store((p), (uint16_t)(v))
#define ST32(p, v) le32_store((p), (v))
#define LD_S8(p) (uint32_t)(int32_t)(int8_t)(p)[0]
#define LD_S16(p) (uint32_t)(int32_t)(int16_t)le16_load(p)
/* writeback to SP keeps it word aligned (SP[1:0] are RAZ/WI): the
 * load/store slots carry the mask in x, sign-extended when used (0xFC:
 * ~3u for SP, else 0xFF: ~0u), one and instead of a not and an and */
#define WBACK(n, v) (c->r[n] = (v) & (uint32_t)(int32_t)(int8_t)s->x)

	/* ---- loads and stores: offset, register, pre-indexed, post-indexed ---- */
#define LDFORMS(N, SZ, FAST, CONV) \
L_##N##_I: LOAD(RN + IMM, SZ, FAST, CONV, RD, (void)0); \
L_##N##_R: LOAD(RN + (RM << IMM), SZ, FAST, CONV, RD, (void)0); \
L_##N##_PRE: { uint32_t ea = RN + IMM; LOAD(ea, SZ, FAST, CONV, RD, WBACK(s->b, ea)); } \
L_##N##_POST: { uint32_t ea = RN; LOAD(ea, SZ, FAST, CONV, RD, WBACK(s->b, ea + IMM)); }
	LDFORMS(LDR, 4, le32_load(p_), v_)
	LDFORMS(LDRB, 1, p_[0], v_)
	LDFORMS(LDRH, 2, le16_load(p_), v_)
	LDFORMS(LDRSB, 1, LD_S8(p_), (uint32_t)(int32_t)(int8_t)v_)
	LDFORMS(LDRSH, 2, LD_S16(p_), (uint32_t)(int32_t)(int16_t)v_)
#undef LDFORMS
#define STFORMS(N, SZ, ST) \
L_##N##_I: STORE(RN + IMM, SZ, RD, ST, (void)0); \
L_##N##_R: STORE(RN + (RM << IMM), SZ, RD, ST, (void)0); \
L_##N##_PRE: { uint32_t ea = RN + IMM; STORE(ea, SZ, RD, ST, WBACK(s->b, ea)); } \
L_##N##_POST: { uint32_t ea = RN; STORE(ea, SZ, RD, ST, WBACK(s->b, ea + IMM)); }
	STFORMS(STR, 4, ST32)
	STFORMS(STRB, 1, ST8)
	STFORMS(STRH, 2, ST16)
#undef STFORMS
	/* a byte-copy loop's LDRB (armv7m_exec.c, copy_loop()): whole
	 * iterations of `ldrb rt, [ra], #i; strb rt, [rb, #j]! (or [rb],
	 * #j); cmp rn, rm/#imm; bne` while the other three slots are the
	 * same, the budget has four instructions left and both accesses are
	 * in the windows, off decoded code; else the LDRB as usual (nothing
	 * of the iteration done) */
L_BCOPY: {
	const struct m_slot *st = (const struct m_slot *)((const char *)s + adv);
	const struct m_slot *cm = (const struct m_slot *)((const char *)st + st->meta);
	if (unlikely(st->h != hent[M_HN + st->op] ||
		     cm->h != hent[cm->op == M_OP_CMPS_R ? M_OP_CMPR_BNE : M_OP_CMPI_BNE] ||
		     cm[1].h != hent[M_OP_BNE] || left < 3))
		goto *(void *)(base + hoff[s->op]);
	left++; /* DISPATCH counted the LDRB: the iterations count it */
	const uint32_t rt = s->a, ra = s->b, rbb = st->b;
	/* the iterations in a function of their own (registers for its
	 * locals: in this big function they would live on the stack) */
	struct m_copy k = {
		.a = c->r[ra], .d = c->r[rbb], .v = c->r[rt], .n = left,
		.ia = s->imm, .ib = st->imm, .y = cm->op == M_OP_CMPS_R ? c->r[cm->c] : cm->imm,
		.rb = rb, .wb = wb, .rsz = rsz, .wsz = wsz, .wro = wro, .rh = rh, .wh = wh,
		.map = wmap, .shift = wshift,
		.form = (st->op == M_OP_STRB_PRE) * 3 + (cm->b == ra ? 1 : cm->b == rbb ? 2 : 0),
	};
	bool done = m_copy_iter(&k);
	if (k.n != left) { /* at least one iteration: its registers and flags */
		uint32_t r_;
		left = k.n;
		c->r[rt] = k.v; c->r[ra] = k.a; c->r[rbb] = k.d;
		AWC_SUB(r_, k.x, k.y);
		(void)r_;
	}
	if (done) { /* BNE not taken: on after it */
		s = (struct m_slot *)(cm + 1);
		adv = sizeof(struct m_slot);
		NEXT;
	}
	if (left == 0) /* back at the LDRB with no budget left: stop before it */
		goto out;
	left--; /* the LDRB, as DISPATCH counts it */
	goto *(void *)(base + hoff[s->op]);
}

L_LDRD_I: {
	uint32_t a = RN + IMM;
	uint64_t o = (uint32_t)(a - rb);
	if (unlikely(a & 3)) FAULT(EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
	if (likely(o + 8 <= rsz)) {
		uint32_t lo = le32_load(rh + o), hi = le32_load(rh + o + 4);
		RD = lo; RX = hi;
		NEXT;
	}
	goto slow_dual;
}
L_STRD_I: {
	uint32_t a = RN + IMM;
	uint64_t o = (uint32_t)(a - wb);
	if (unlikely(a & 3)) FAULT(EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
	if (likely(o + 8 <= wsz)) {
		le32_store(wh + o, RD);
		le32_store(wh + o + 4, RX);
		if (unlikely(wmap[(wro + o) >> wshift] | wmap[(wro + o + 7) >> wshift])) {
			SYNC;
			armv7m_store_code(c, a, 8);
		}
		NEXT;
	}
	goto slow_dual;
}
slow_dual: {
	SYNC; AT_INSN;
	int r = armv7m_ldrd_slow(c, s, s->op == M_OP_LDRD_I);
	if (r < 0) { ninsn++; goto out_pc; }
	RELOAD_WIN;
	if (r == 0) NEXT;
	LEAVE_AFTER;
}

	/* LDM/STM (IA, DB), PUSH/POP: the fast path when the whole block is
	 * in the window; LDM with the PC branches as BXWritePC */
L_LDM: L_LDMDB: {
	uint32_t list = IMM, n = s->a; /* the register count, from decode */
	uint32_t start = s->op == M_OP_LDM ? RN : RN - 4 * n;
	uint32_t end_wb = s->op == M_OP_LDM ? RN + 4 * n : start;
	uint64_t o = (uint32_t)(start - rb);
	if (unlikely(start & 3)) FAULT(EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
	uint32_t newpc = 0;
	if (likely(o + 4 * n <= rsz)) {
		const uint8_t *p = rh + o;
		for (uint32_t l = list & 0x7fff; l; l &= l - 1) {
			c->r[__builtin_ctz(l)] = le32_load(p);
			p += 4;
		}
		if (list & 0x8000)
			newpc = le32_load(p);
	} else {
		SYNC; AT_INSN;
		uint32_t vals[16], a = start;
		for (uint32_t l = list; l; l &= l - 1) {
			int r = armv7m_load(c, a, 4, &vals[__builtin_ctz(l)], M_ACC_ALIGNED);
			if (r < 0) { ninsn++; goto out_pc; }
			a += 4;
		}
		for (uint32_t l = list & 0x7fff; l; l &= l - 1)
			c->r[__builtin_ctz(l)] = vals[__builtin_ctz(l)];
		newpc = vals[15];
		RELOAD_WIN;
		if (s->x) /* word aligned: checked above */
			c->r[s->b] = end_wb;
		if (list & 0x8000)
			BXWRITE(newpc);
		LEAVE_AFTER;
	}
	if (s->x)
		c->r[s->b] = end_wb;
	if (list & 0x8000)
		BXWRITE(newpc);
	NEXT;
}
L_STM: L_STMDB: {
	uint32_t list = IMM, n = s->a;
	uint32_t start = s->op == M_OP_STM ? RN : RN - 4 * n;
	uint32_t end_wb = s->op == M_OP_STM ? RN + 4 * n : start;
	uint64_t o = (uint32_t)(start - wb);
	if (unlikely(start & 3)) FAULT(EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
	if (likely(o + 4 * n <= wsz)) {
		uint8_t *p = wh + o;
		for (uint32_t l = list; l; l &= l - 1) {
			le32_store(p, c->r[__builtin_ctz(l)]);
			p += 4;
		}
		if (unlikely(wmap[(wro + o) >> wshift] | wmap[(wro + o + 4 * n - 1) >> wshift])) {
			SYNC;
			armv7m_store_code(c, start, 4 * n);
		}
		if (s->x) /* word aligned: checked above */
			c->r[s->b] = end_wb;
		NEXT;
	}
	SYNC; AT_INSN;
	uint32_t a = start;
	bool dev = false;
	for (uint32_t l = list; l; l &= l - 1) {
		int r = armv7m_store(c, a, 4, c->r[__builtin_ctz(l)], M_ACC_ALIGNED);
		if (r < 0) { ninsn++; goto out_pc; }
		dev |= r > 0;
		a += 4;
	}
	RELOAD_WIN;
	if (s->x)
		c->r[s->b] = end_wb;
	if (!dev) NEXT;
	LEAVE_AFTER;
}

	/* ---- floating point ---- */
L_VFP: {
	if (unlikely(!c->fp_ready)) {
		SYNC; AT_INSN;
		if (armv7m_fp_prologue(c, PC_OF(s)) < 0) { ninsn++; goto out_pc; }
		RELOAD_WIN;
	}
	/* arithmetic, conversions, moves, VMRS/VMSR: no fault, no access,
	 * no look at the pc or the time: no sync */
	if (likely(s->op == M_OP_VFP && (IMM >> 16) >= M_SUB_VMLA && (IMM >> 16) <= M_SUB_VMSR)) {
		armv7m_vfp(c, s, 0);
		NEXT;
	}
	SYNC; AT_INSN;
	int r = armv7m_vfp(c, s, PC_OF(s));
	if (r < 0) { ninsn++; goto out_pc; }
	if (unlikely(s->op != M_OP_VFP)) RELOAD_WIN; /* VLDM/VSTM's accesses may swap windows */
	if (r > 0) { RELOAD_WIN; LEAVE_AFTER; }
	NEXT;
}
L_VLDR: {
	if (unlikely(!c->fp_ready)) {
		SYNC; AT_INSN;
		if (armv7m_fp_prologue(c, PC_OF(s)) < 0) { ninsn++; goto out_pc; }
		RELOAD_WIN;
	}
	uint32_t a = RN + IMM;
	uint64_t o = (uint32_t)(a - rb);
	if (likely(o + 4 <= rsz && !(a & 3))) {
		c->s[s->a] = le32_load(rh + o);
		NEXT;
	}
	SYNC; AT_INSN;
	int r = armv7m_vldr(c, s, PC_OF(s), true);
	if (r < 0) { ninsn++; goto out_pc; }
	RELOAD_WIN;
	if (r == 0) NEXT;
	LEAVE_AFTER;
}
L_VSTR: {
	if (unlikely(!c->fp_ready)) {
		SYNC; AT_INSN;
		if (armv7m_fp_prologue(c, PC_OF(s)) < 0) { ninsn++; goto out_pc; }
		RELOAD_WIN;
	}
	uint32_t a = RN + IMM;
	uint64_t o = (uint32_t)(a - wb);
	if (likely(o + 4 <= wsz && !(a & 3))) {
		le32_store(wh + o, c->s[s->a]);
		if (unlikely(wmap[(wro + o) >> wshift])) { SYNC; armv7m_store_code(c, a, 4); }
		NEXT;
	}
	SYNC; AT_INSN;
	int r = armv7m_vldr(c, s, PC_OF(s), false);
	if (r < 0) { ninsn++; goto out_pc; }
	RELOAD_WIN;
	if (r == 0) NEXT;
	LEAVE_AFTER;
}
	/* VLDM/VSTM (and the doubleword VLDR/VSTR): the whole block in the
	 * window, else armv7m_vfp; the decoder keeps n in 1..32 - first */
#define VLDM_ADDR(rn, n) ((s->c & 4) ? (rn) + (uint32_t)(int32_t)(int16_t)(IMM & 0xffff) \
				     : (s->c & 1) ? (rn) : (rn) - 4 * (n))
#define VLDM_WBACK(rn, n) do { if (s->c & 2) \
	c->r[s->b] = ((s->c & 1) ? (rn) + 4 * (n) : (rn) - 4 * (n)) & ~(s->b == 13 ? 3u : 0u); } while (0)
L_VLDM: {
	uint32_t n = s->x, rn = RN, a = VLDM_ADDR(rn, n);
	uint64_t o = (uint32_t)(a - rb);
	if (likely(c->fp_ready && o + 4 * n <= rsz && !(a & 3))) {
		const uint8_t *p = rh + o;
		uint32_t *d = &c->s[s->a];
		for (uint32_t i = 0; i < n; i++)
			d[i] = le32_load(p + 4 * i);
		VLDM_WBACK(rn, n);
		NEXT;
	}
	if (c->fp_ready && !(a & 3) && m_win_swap_in(&c->rwin, &c->rwin2, a, 4 * n)) {
		RELOAD_WIN;
		goto L_VLDM;
	}
	goto L_VFP;
}
L_VSTM: {
	uint32_t n = s->x, rn = RN, a = VLDM_ADDR(rn, n);
	uint64_t o = (uint32_t)(a - wb);
	if (likely(c->fp_ready && o + 4 * n <= wsz && !(a & 3))) {
		uint8_t *p = wh + o;
		const uint32_t *d = &c->s[s->a];
		for (uint32_t i = 0; i < n; i++)
			le32_store(p + 4 * i, d[i]);
		uint8_t code = 0; /* up to 128 bytes: each code-map line it touches */
		for (uint64_t l = (wro + o) >> wshift; l <= (wro + o + 4 * n - 1) >> wshift; l++)
			code |= wmap[l];
		if (unlikely(code)) { SYNC; armv7m_store_code(c, a, 4 * n); }
		VLDM_WBACK(rn, n);
		NEXT;
	}
	if (c->fp_ready && !(a & 3) && m_win_swap_in(&c->wwin, &c->wwin2, a, 4 * n)) {
		RELOAD_WIN;
		goto L_VSTM;
	}
	goto L_VFP;
}
#undef VLDM_ADDR
#undef VLDM_WBACK

#undef LOAD
#undef STORE
#undef ST8
#undef ST16
#undef ST32
#undef LD_S8
#undef LD_S16
#undef WBACK
