/* x86-64 code generation for the RV32 JIT: the shared routines (enter,
 * exit, the slow-access thunks) and one block of instructions at a time
 * (its loads and stores are rv32_jit_x86mem.c's; the state both share is
 * rv32_jit_gen.h).
 *
 * Register use in compiled code:
 *   rbp  the core: guest register xN is at [rbp + 4N - 64] (so every one
 *        is a one-byte displacement), other fields at D(field)
 *   r15  cycles left in this run (a block subtracts its cost on entry)
 *   rbx, rsi, rdi, r8-r14: ten guest registers live in host registers
 *        (j->pin), written back on every way out and around C calls
 *   rax, rcx, rdx: scratch
 * The stack is 16-byte aligned inside compiled code.
 *
 * A block: the budget test, the instructions, the way out (a branch's two
 * targets, a jump's one, an indirect jump's inline table lookup), then the
 * cold stubs its instructions jump to (budget too low, slow memory access,
 * a target not compiled yet). */
#include "models/rv32/rv32_jit_internal.h"
#include "models/rv32/rv32_priv.h"

#ifdef RV32_JIT_X86

#include "models/rv32/rv32_jit_gen.h"

bool rv32_jit_host_ok(void)
{
	return true;
}

/* the ten host registers that hold guest registers, and which guest
 * registers they hold: ra, sp, s0, s1, a0-a5 (the registers compiled C
 * uses most; pinning them keeps loop-carried values out of memory) */
static const uint8_t pin_host[10] = { RBX, R12, R13, R14, RSI, RDI, R8, R9, R10, R11 };
static const uint8_t pin_guest[10] = { 1, 2, 8, 9, 10, 11, 12, 13, 14, 15 };

static void set_pins(struct rv32_jit *j)
{
	for (unsigned r = 0; r < 32; r++)
		j->pin[r] = -1;
	for (unsigned k = 0; k < 10; k++)
		j->pin[pin_guest[k]] = (int8_t)pin_host[k];
}

static void save_pins(struct xasm *a, const struct rv32_jit *j)
{
	for (unsigned r = 1; r < 32; r++)
		if (j->pin[r] >= 0)
			x_mov_rm_r(a, x_m(RBP, DX(r)), (unsigned)j->pin[r]);
}

static void load_pins(struct xasm *a, const struct rv32_jit *j)
{
	for (unsigned r = 1; r < 32; r++)
		if (j->pin[r] >= 0)
			x_mov_r_rm(a, (unsigned)j->pin[r], x_m(RBP, DX(r)));
}

/* A thunk for a slow-access helper: guest registers and the budget to
 * memory, the helper called with (core, eax, rdx, ecx), everything back
 * (the helper may have written rd and refunded cycles). rax:rdx carry
 * the helper's result out. */
static void emit_thunk(struct xasm *a, const struct rv32_jit *j, uintptr_t helper)
{
	save_pins(a, j);
	x_mov64_rm_r(a, x_m(RBP, D(jit_budget)), R15);
	x_mov_r_rm(a, RSI, x_r(RAX));         /* addr */
	x_lea64(a, RDI, RBP, -BIAS);          /* the core */
	x_alu_rm_imm_w(a, true, ALU_SUB, x_r(RSP), 8);
	x_mov64_r_imm(a, RAX, helper);
	x_call_r(a, RAX);
	x_alu_rm_imm_w(a, true, ALU_ADD, x_r(RSP), 8);
	x_mov64_r_rm(a, R15, x_m(RBP, D(jit_budget)));
	load_pins(a, j);
	x_ret(a);
}

uint32_t rv32_jit_emit_routines(struct rv32_jit *j, struct rv32_core *c)
{
	(void)c;
	set_pins(j);
	struct xasm a = { .buf = j->stage, .cap = j->stage_cap, .base = (uintptr_t)j->mem };

	/* int enter(struct rv32_core *c (rdi), const void *code (rsi)) */
	j->enter = x_here(&a);
	x_push(&a, RBX);
	x_push(&a, RBP);
	x_push(&a, R12);
	x_push(&a, R13);
	x_push(&a, R14);
	x_push(&a, R15);
	x_alu_rm_imm_w(&a, true, ALU_SUB, x_r(RSP), 8);
	x_lea64(&a, RBP, RDI, BIAS);
	x_mov64_r_rm(&a, RAX, x_r(RSI));
	x_mov64_r_rm(&a, R15, x_m(RBP, D(jit_budget)));
	load_pins(&a, j);
	x_op1(&a, false, 0xFF, 4, x_r(RAX)); /* jmp rax */

	/* exit: eax = the reason */
	j->exit = x_here(&a);
	save_pins(&a, j);
	x_mov64_rm_r(&a, x_m(RBP, D(jit_budget)), R15);
	x_alu_rm_imm_w(&a, true, ALU_ADD, x_r(RSP), 8);
	x_pop(&a, R15);
	x_pop(&a, R14);
	x_pop(&a, R13);
	x_pop(&a, R12);
	x_pop(&a, RBP);
	x_pop(&a, RBX);
	x_ret(&a);

	/* a slow access asked to leave (c->pc and the budget are set) */
	j->exit_slow = x_here(&a);
	x_mov_r_imm(&a, RAX, JIT_EXIT_SLOW);
	x_jmp(&a, j->exit);

	/* an indirect jump to eax found no block */
	j->miss = x_here(&a);
	x_mov_rm_r(&a, x_m(RBP, D(pc)), RAX);
	x_mov_r_imm(&a, RAX, JIT_EXIT_LOOKUP);
	x_jmp(&a, j->exit);

	j->thunk_load = x_here(&a);
	emit_thunk(&a, j, (uintptr_t)&rv32_jit_load);
	j->thunk_store = x_here(&a);
	emit_thunk(&a, j, (uintptr_t)&rv32_jit_store);
	j->thunk_csr = x_here(&a);
	emit_thunk(&a, j, (uintptr_t)&rv32_jit_csr);
	return a.full ? 0 : a.len;
}

/* ---- blocks ---- */

static void emit_alu_rr(struct gen *g, const struct rv32_insn *d, unsigned alu)
{
	if (d->rd == 0)
		return;
	get(g, RAX, d->rs1);
	if (d->rs2 != 0)
		x_alu_r_rm(&g->a, alu, RAX, G(g, d->rs2));
	else if (alu == ALU_AND)
		x_mov_r_imm(&g->a, RAX, 0);
	put(g, d->rd, RAX);
}

static void emit_alu_imm(struct gen *g, const struct rv32_insn *d, unsigned alu)
{
	if (d->rd == 0)
		return;
	if (d->rd == d->rs1) { /* in place, in a register or in memory */
		if (d->imm != 0 || alu == ALU_AND)
			x_alu_rm_imm(&g->a, alu, G(g, d->rd), d->imm);
		return;
	}
	if (alu == ALU_ADD && pinned(g, d->rd) && pinned(g, d->rs1)) {
		x_lea32(&g->a, (unsigned)g->j->pin[d->rd], (unsigned)g->j->pin[d->rs1], d->imm);
		return;
	}
	get(g, RAX, d->rs1);
	if (d->imm != 0 || alu == ALU_AND)
		x_alu_rm_imm(&g->a, alu, x_r(RAX), d->imm);
	put(g, d->rd, RAX);
}

/* set rd to (rs1 cc rs2) or (rs1 cc imm) */
static void emit_set(struct gen *g, const struct rv32_insn *d, unsigned cc, bool imm)
{
	if (d->rd == 0)
		return;
	x_mov_r_imm(&g->a, RDX, 0); /* xor: before the compare */
	get(g, RAX, d->rs1);
	if (imm)
		x_alu_rm_imm(&g->a, ALU_CMP, x_r(RAX), d->imm);
	else if (d->rs2 == 0)
		x_alu_rm_imm(&g->a, ALU_CMP, x_r(RAX), 0);
	else
		x_alu_r_rm(&g->a, ALU_CMP, RAX, G(g, d->rs2));
	x_setcc(&g->a, cc, RDX);
	put(g, d->rd, RDX);
}

static void emit_shift_imm(struct gen *g, const struct rv32_insn *d, unsigned sh)
{
	if (d->rd == 0)
		return;
	unsigned n = (unsigned)d->imm & 31;
	if (d->rd == d->rs1) {
		if (n)
			x_shift_imm(&g->a, false, sh, G(g, d->rd), n);
		return;
	}
	get(g, RAX, d->rs1);
	if (n)
		x_shift_imm(&g->a, false, sh, x_r(RAX), n);
	put(g, d->rd, RAX);
}

static void emit_shift_reg(struct gen *g, const struct rv32_insn *d, unsigned sh)
{
	if (d->rd == 0)
		return;
	get(g, RCX, d->rs2);
	get(g, RAX, d->rs1);
	x_shift_cl(&g->a, sh, x_r(RAX)); /* x86 masks the count to 5 bits too */
	put(g, d->rd, RAX);
}

/* the high 32 bits of a 64-bit product: rs1 and rs2 sign- or
 * zero-extended */
static void emit_mulh(struct gen *g, const struct rv32_insn *d, bool s1, bool s2)
{
	if (d->rd == 0)
		return;
	if (d->rs1 == 0)
		x_mov_r_imm(&g->a, RAX, 0);
	else if (s1)
		x_movsxd(&g->a, RAX, G(g, d->rs1));
	else
		x_mov_r_rm(&g->a, RAX, G(g, d->rs1));
	if (d->rs2 == 0)
		x_mov_r_imm(&g->a, RCX, 0);
	else if (s2)
		x_movsxd(&g->a, RCX, G(g, d->rs2));
	else
		x_mov_r_rm(&g->a, RCX, G(g, d->rs2));
	x_imul(&g->a, true, RAX, x_r(RCX));
	x_shift_imm(&g->a, true, SH_SHR, x_r(RAX), 32);
	put(g, d->rd, RAX);
}

/* div, divu, rem, remu with RISC-V's results for a zero divisor and for
 * INT_MIN / -1 (on which x86 would fault) */
static void emit_div(struct gen *g, const struct rv32_insn *d, bool sign, bool rem)
{
	if (d->rd == 0)
		return;
	struct xasm *a = &g->a;
	get(g, RAX, d->rs1);
	get(g, RCX, d->rs2);
	x_test(a, x_r(RCX), RCX);
	uintptr_t to_zero = x_jcc(a, CC_E, 0);
	uintptr_t to_ovf = 0, to_ovf2 = 0;
	if (sign) {
		x_alu_rm_imm(a, ALU_CMP, x_r(RCX), -1);
		to_ovf = x_jcc(a, CC_NE, 0); /* not -1: divide */
		x_alu_rm_imm(a, ALU_CMP, x_r(RAX), INT32_MIN);
		to_ovf2 = x_jcc(a, CC_E, 0);
		x_patch_rel32(a, to_ovf, x_here(a));
		x_cdq(a);
		x_grp3(a, 7, x_r(RCX)); /* idiv ecx */
	} else {
		x_mov_r_imm(a, RDX, 0);
		x_grp3(a, 6, x_r(RCX)); /* div ecx */
	}
	if (rem)
		x_mov_r_rm(a, RAX, x_r(RDX));
	uintptr_t to_done = x_jmp(a, 0);
	/* divisor 0: quotient all ones, remainder the dividend */
	x_patch_rel32(a, to_zero, x_here(a));
	if (!rem)
		x_mov_r_imm(a, RAX, 0xffffffffu);
	uintptr_t to_done2 = 0;
	if (sign) {
		to_done2 = x_jmp(a, 0);
		/* INT_MIN / -1: quotient INT_MIN (eax already), remainder 0 */
		x_patch_rel32(a, to_ovf2, x_here(a));
		if (rem)
			x_mov_r_imm(a, RAX, 0);
	}
	x_patch_rel32(a, to_done, x_here(a));
	if (sign)
		x_patch_rel32(a, to_done2, x_here(a));
	put(g, d->rd, RAX);
}

/* The CSR instruction through the interpreter's CSR code (which writes
 * rd): a call, then on. */
static void emit_csr_call(struct gen *g, const struct rv32_insn *d, uint64_t info)
{
	struct xasm *a = &g->a;
	x_mov_r_imm(a, RAX, JIT_CSR_DESC(d->op, d->rd, d->rs1, (unsigned)d->imm & 0xfff));
	x_mov64_r_imm(a, RDX, info);
	x_call(a, g->j->thunk_csr);
	x_test(a, x_r(RDX), RDX);
	x_jcc(a, CC_NE, g->j->exit_slow);
}

/* CSR instructions firmware runs on every interrupt and in every
 * critical section, done in place (compiled code runs in M mode, where
 * they cannot trap): mscratch, mepc, mcause, mtval, mie (a sleep enables
 * the timer interrupt around wfi), and mstatus when only MIE and MPIE
 * change (which leaves the data privilege alone).  Setting MIE with an
 * interrupt pending, or enabling in mie one that is pending with MIE
 * on, leaves after the instruction, so the run loop takes it, as it
 * would after the interpreter's csrs.
 * The rest through the interpreter's code. */
#define MSTATUS_IE_BITS (MSTATUS_MIE | MSTATUS_MPIE)
/* mie's writable bits (rv32_csr.c's MIP_MASK) */
#define JIT_MIE_MASK ((1u << RV32_IRQ_MSI) | (1u << RV32_IRQ_MTI) | (1u << RV32_IRQ_MEI))
static void emit_csr(struct gen *g, const struct rv32_jit_insn *in, uint64_t info)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &in->d;
	unsigned csr = (unsigned)d->imm & 0xfff;
	bool imm = d->op >= RV32_OP_CSRRWI;
	bool is_w = d->op == RV32_OP_CSRRW || d->op == RV32_OP_CSRRWI;
	bool set = d->op == RV32_OP_CSRRS || d->op == RV32_OP_CSRRSI;
	bool writes = is_w || d->rs1 != 0;
	int32_t field;
	switch (csr) {
	case 0x300: field = D(mstatus); break;
	case 0x340: field = D(mscratch); break;
	case 0x341: field = D(mepc); break;
	case 0x342: field = D(mcause); break;
	case 0x343: field = D(mtval); break;
	case 0x304: field = D(mie); break;
	default:
		emit_csr_call(g, d, info);
		return;
	}
	if (csr == 0x300 && writes && (is_w || (imm && (d->rs1 & ~MSTATUS_IE_BITS)))) {
		emit_csr_call(g, d, info); /* a full write, or other bits */
		return;
	}
	/* ecx = the source operand */
	if (imm)
		x_mov_r_imm(a, RCX, d->rs1);
	else
		get(g, RCX, d->rs1);
	uintptr_t general = 0;
	if (csr == 0x300 && writes && !imm) {
		/* which bits is known only now */
		x_mov_r_rm(a, RAX, x_r(RCX));
		x_alu_rm_imm(a, ALU_AND, x_r(RAX), (int32_t)~(uint32_t)MSTATUS_IE_BITS);
		general = x_jcc(a, CC_NE, 0);
	}
	x_mov_r_rm(a, RAX, x_m(RBP, field));
	if (d->rd)
		x_mov_rm_r(a, G(g, d->rd), RAX); /* old value (rs1 already read) */
	if (writes) {
		if (is_w)
			x_mov_r_rm(a, RAX, x_r(RCX));
		else if (set)
			x_alu_r_rm(a, ALU_OR, RAX, x_r(RCX));
		else {
			x_grp3(a, 2, x_r(RCX)); /* not ecx */
			x_alu_r_rm(a, ALU_AND, RAX, x_r(RCX));
		}
		if (csr == 0x341)
			x_alu_rm_imm(a, ALU_AND, x_r(RAX), -2);
		if (csr == 0x304)
			x_alu_rm_imm(a, ALU_AND, x_r(RAX), (int32_t)JIT_MIE_MASK);
		x_mov_rm_r(a, x_m(RBP, field), RAX);
		if (csr == 0x304) {
			/* an interrupt enabled that is pending, with MIE on: take it */
			x_mov_r_rm(a, RDX, x_m(RBP, D(mstatus)));
			x_test8_imm(a, RDX, MSTATUS_MIE);
			uintptr_t off = x_jcc(a, CC_E, 0);
			x_mov_r_rm(a, RDX, x_m(RBP, D(mip)));
			x_alu_r_rm(a, ALU_AND, RDX, x_r(RAX));
			uintptr_t leave = x_jcc(a, CC_NE, 0);
			x_patch_rel32(a, off, x_here(a));
			add_stub(g, (struct stub){ .kind = STUB_LEAVE, .from = leave, .in = in,
						   .info = info });
		}
		if (csr == 0x300 && set) {
			/* MIE on with an enabled interrupt pending: take it */
			x_test8_imm(a, RAX, MSTATUS_MIE);
			uintptr_t off = x_jcc(a, CC_E, 0);
			x_mov_r_rm(a, RDX, x_m(RBP, D(mip)));
			x_alu_r_rm(a, ALU_AND, RDX, x_m(RBP, D(mie)));
			uintptr_t leave = x_jcc(a, CC_NE, 0);
			x_patch_rel32(a, off, x_here(a));
			add_stub(g, (struct stub){ .kind = STUB_LEAVE, .from = leave, .in = in,
						   .info = info });
		}
	}
	if (general)
		add_stub(g, (struct stub){ .kind = STUB_CSR, .from = general, .resume = x_here(a),
					   .in = in, .info = info });
}

static bool is_branch(unsigned op)
{
	return op >= RV32_OP_BEQ && op <= RV32_OP_BGEU;
}

bool rv32_jit_ends_block(unsigned op)
{
	return op == RV32_OP_JAL || op == RV32_OP_JALR || is_branch(op) || op == RV32_OP_MRET ||
	       op == RV32_OP_WFI;
}

bool rv32_jit_supports(unsigned op)
{
	switch (op) {
	case RV32_OP_ILLEGAL: case RV32_OP_FENCE_I: case RV32_OP_ECALL: case RV32_OP_EBREAK:
	case RV32_OP_LR_W: case RV32_OP_SC_W: case RV32_OP_AMOSWAP_W: case RV32_OP_AMOADD_W:
	case RV32_OP_AMOXOR_W: case RV32_OP_AMOAND_W: case RV32_OP_AMOOR_W: case RV32_OP_AMOMIN_W:
	case RV32_OP_AMOMAX_W: case RV32_OP_AMOMINU_W: case RV32_OP_AMOMAXU_W:
		return false;
	default:
		return true;
	}
}

/* A direct way out to pc: straight into its block when it is compiled,
 * else through a stub that the dispatcher patches once it is.  jcc: a
 * conditional jump with that condition, else a jmp. */
static void emit_exit_to(struct gen *g, uint32_t pc, int cc)
{
	const void *code = NULL;
	const struct rv32_jit_ent *e = &g->j->tab[(pc >> 1) & (JIT_TAB_SIZE - 1)];
	if (e->key == JIT_KEY(pc) && e->code != (const void *)g->j->miss)
		code = e->code;
	uintptr_t at = cc >= 0 ? x_jcc(&g->a, (unsigned)cc, (uintptr_t)code)
			       : x_jmp(&g->a, (uintptr_t)code);
	if (!code)
		add_stub(g, (struct stub){ .kind = STUB_CHAIN, .from = at, .target = pc });
}

static void emit_lookup_eax(struct gen *g);

static void emit_jalr(struct gen *g, const struct rv32_jit_insn *in)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &in->d;
	addr_eax(g, d->rs1, d->imm);
	x_alu_rm_imm(a, ALU_AND, x_r(RAX), -2);
	if (d->rd != 0)
		x_mov_rm_imm(a, G(g, d->rd), in->pc + d->len);
	emit_lookup_eax(g);
}

/* Jumps to the compiled block for the guest pc in eax, or exits through
 * the miss stub (JIT_EXIT_LOOKUP). */
static void emit_lookup_eax(struct gen *g)
{
	struct xasm *a = &g->a;
	/* the table entry for eax: key ~pc, then code (a block, or the miss stub) */
	x_mov_r_rm(a, RCX, x_r(RAX));
	x_shift_imm(a, false, SH_SHR, x_r(RCX), 1);
	x_alu_rm_imm(a, ALU_AND, x_r(RCX), JIT_TAB_SIZE - 1);
	x_shift_imm(a, false, SH_SHL, x_r(RCX), 4);
	x_mov64_r_imm(a, RDX, (uintptr_t)g->j->tab);
	x_op1(a, true, 0x03, RDX, x_r(RCX));                     /* add rdx, rcx */
	x_mov_r_rm(a, RCX, x_r(RAX));
	x_grp3(a, 2, x_r(RCX));                                  /* not ecx: the key */
	x_alu_rm_r(a, ALU_CMP, x_m(RDX, 0), RCX);
	x_jcc(a, CC_NE, g->j->miss);
	x_jmp_m(a, RDX, (int32_t)offsetof(struct rv32_jit_ent, code));
}

static void emit_branch(struct gen *g, const struct rv32_jit_insn *in)
{
	static const uint8_t cc[] = {
		[RV32_OP_BEQ - RV32_OP_BEQ] = CC_E, [RV32_OP_BNE - RV32_OP_BEQ] = CC_NE,
		[RV32_OP_BLT - RV32_OP_BEQ] = CC_L, [RV32_OP_BGE - RV32_OP_BEQ] = CC_GE,
		[RV32_OP_BLTU - RV32_OP_BEQ] = CC_B, [RV32_OP_BGEU - RV32_OP_BEQ] = CC_AE,
	};
	const struct rv32_insn *d = &in->d;
	struct xasm *a = &g->a;
	if (d->rs2 == 0) {
		if (d->rs1 == 0) {
			x_mov_r_imm(a, RAX, 0);
			x_alu_rm_imm(a, ALU_CMP, x_r(RAX), 0);
		} else {
			x_alu_rm_imm(a, ALU_CMP, G(g, d->rs1), 0);
		}
	} else if (pinned(g, d->rs1)) {
		x_alu_r_rm(a, ALU_CMP, (unsigned)g->j->pin[d->rs1], G(g, d->rs2));
	} else {
		get(g, RAX, d->rs1);
		x_alu_r_rm(a, ALU_CMP, RAX, G(g, d->rs2));
	}
	emit_exit_to(g, in->pc + (uint32_t)d->imm, cc[d->op - RV32_OP_BEQ]);
	emit_exit_to(g, in->pc + d->len, -1);
}

static void emit_insn(struct gen *g, const struct rv32_jit_insn *in, uint64_t info)
{
	const struct rv32_insn *d = &in->d;
	struct xasm *a = &g->a;
	switch (d->op) {
	case RV32_OP_LUI:
		if (d->rd)
			x_mov_rm_imm(a, G(g, d->rd), (uint32_t)d->imm);
		break;
	case RV32_OP_AUIPC:
		if (d->rd)
			x_mov_rm_imm(a, G(g, d->rd), in->pc + (uint32_t)d->imm);
		break;
	case RV32_OP_JAL:
		if (d->rd)
			x_mov_rm_imm(a, G(g, d->rd), in->pc + d->len);
		emit_exit_to(g, in->pc + (uint32_t)d->imm, -1);
		break;
	case RV32_OP_JALR: emit_jalr(g, in); break;
	case RV32_OP_MRET: case RV32_OP_WFI:
		/* the interpreter's code through the CSR helper: wfi always
		 * leaves (the run loop looks at the WFI state); mret leaves
		 * when the run loop has something to do (an interrupt to
		 * take, an event due, not M mode), else goes on at mepc as
		 * an indirect jump does */
		x_mov_r_imm(a, RAX, JIT_CSR_DESC(d->op, 0, 0, 0));
		x_mov64_r_imm(a, RDX, info);
		x_call(a, g->j->thunk_csr);
		if (d->op == RV32_OP_WFI) {
			x_jmp(a, g->j->exit_slow);
			break;
		}
		x_test(a, x_r(RDX), RDX);
		x_jcc(a, CC_NE, g->j->exit_slow);
		x_mov_r_rm(a, RAX, x_m(RBP, D(pc)));
		emit_lookup_eax(g);
		break;
	case RV32_OP_BEQ: case RV32_OP_BNE: case RV32_OP_BLT:
	case RV32_OP_BGE: case RV32_OP_BLTU: case RV32_OP_BGEU:
		emit_branch(g, in);
		break;
	case RV32_OP_ADDI: emit_alu_imm(g, d, ALU_ADD); break;
	case RV32_OP_XORI: emit_alu_imm(g, d, ALU_XOR); break;
	case RV32_OP_ORI: emit_alu_imm(g, d, ALU_OR); break;
	case RV32_OP_ANDI: emit_alu_imm(g, d, ALU_AND); break;
	case RV32_OP_SLTI: emit_set(g, d, CC_L, true); break;
	case RV32_OP_SLTIU: emit_set(g, d, CC_B, true); break;
	case RV32_OP_SLLI: emit_shift_imm(g, d, SH_SHL); break;
	case RV32_OP_SRLI: emit_shift_imm(g, d, SH_SHR); break;
	case RV32_OP_SRAI: emit_shift_imm(g, d, SH_SAR); break;
	case RV32_OP_ADD: emit_alu_rr(g, d, ALU_ADD); break;
	case RV32_OP_SUB: emit_alu_rr(g, d, ALU_SUB); break;
	case RV32_OP_XOR: emit_alu_rr(g, d, ALU_XOR); break;
	case RV32_OP_OR: emit_alu_rr(g, d, ALU_OR); break;
	case RV32_OP_AND: emit_alu_rr(g, d, ALU_AND); break;
	case RV32_OP_SLT: emit_set(g, d, CC_L, false); break;
	case RV32_OP_SLTU: emit_set(g, d, CC_B, false); break;
	case RV32_OP_SLL: emit_shift_reg(g, d, SH_SHL); break;
	case RV32_OP_SRL: emit_shift_reg(g, d, SH_SHR); break;
	case RV32_OP_SRA: emit_shift_reg(g, d, SH_SAR); break;
	case RV32_OP_MUL:
		if (d->rd) {
			get(g, RAX, d->rs1);
			if (d->rs2)
				x_imul(a, false, RAX, G(g, d->rs2));
			else
				x_mov_r_imm(a, RAX, 0);
			put(g, d->rd, RAX);
		}
		break;
	case RV32_OP_MULH: emit_mulh(g, d, true, true); break;
	case RV32_OP_MULHSU: emit_mulh(g, d, true, false); break;
	case RV32_OP_MULHU: emit_mulh(g, d, false, false); break;
	case RV32_OP_DIV: emit_div(g, d, true, false); break;
	case RV32_OP_DIVU: emit_div(g, d, false, false); break;
	case RV32_OP_REM: emit_div(g, d, true, true); break;
	case RV32_OP_REMU: emit_div(g, d, false, true); break;
	case RV32_OP_FENCE: break; /* one hart, in order */
	case RV32_OP_CSRRW: case RV32_OP_CSRRS: case RV32_OP_CSRRC:
	case RV32_OP_CSRRWI: case RV32_OP_CSRRSI: case RV32_OP_CSRRCI:
		emit_csr(g, in, info);
		break;
	default: /* never: the block ends before an op it does not support */
		a->full = true;
		break;
	}
}

static void emit_stub(struct gen *g, const struct stub *s)
{
	struct xasm *a = &g->a;
	x_patch_rel32(a, s->from, x_here(a));
	if (s->from2)
		x_patch_rel32(a, s->from2, x_here(a));
	if (s->from3)
		x_patch_rel32(a, s->from3, x_here(a));
	switch (s->kind) {
	case STUB_BUDGET:
		if (s->addback)
			x_alu_rm_imm_w(a, true, ALU_ADD, x_r(R15), s->addback);
		x_mov_rm_imm(a, x_m(RBP, D(pc)), s->target);
		x_mov_r_imm(a, RAX, JIT_EXIT_BUDGET);
		x_jmp(a, g->j->exit);
		break;
	case STUB_CHAIN:
		x_mov_rm_imm(a, x_m(RBP, D(pc)), s->target);
		x_mov64_r_imm(a, RCX, s->from);
		x_mov64_rm_r(a, x_m(RBP, D(jit_patch)), RCX);
		x_mov_r_imm(a, RAX, JIT_EXIT_CHAIN);
		x_jmp(a, g->j->exit);
		break;
	case STUB_CSR:
		emit_csr_call(g, &s->in->d, s->info);
		x_jmp(a, s->resume);
		break;
	case STUB_LEAVE: /* after the instruction: what follows is given back */
		if (JIT_INFO_AFTER_CYC(s->info))
			x_alu_rm_imm_w(a, true, ALU_ADD, x_r(R15), (int32_t)JIT_INFO_AFTER_CYC(s->info));
		if (!g->c->uniform && JIT_INFO_AFTER_N(s->info))
			x_alu_rm_imm_w(a, true, ALU_SUB, x_m(RBP, D(jit_ninsn)),
				       (int32_t)JIT_INFO_AFTER_N(s->info));
		x_mov_rm_imm(a, x_m(RBP, D(pc)), JIT_INFO_PC(s->info) + JIT_INFO_LEN(s->info));
		x_op1(a, false, 0xC6, 0, x_m(RBP, D(jit_why)));
		x_b(a, JIT_WHY_DEVICE);
		x_jmp(a, g->j->exit_slow);
		break;
	case STUB_LOAD:
	case STUB_STORE:
	case STUB_RUN:
		jit_emit_mem_stub(g, s);
		break;
	}
}

uint32_t rv32_jit_emit_block(struct rv32_jit *j, struct rv32_core *c,
			     const struct rv32_jit_insn *ins, unsigned n)
{
	uint64_t info[JIT_MAX_INSNS];
	struct gen gen = { .a = { .buf = j->stage, .cap = j->stage_cap,
				  .base = (uintptr_t)j->mem + j->used },
			   .j = j, .c = c, .ins = ins, .info = info };
	struct gen *g = &gen;
	struct xasm *a = &g->a;
	/* the block's cost; it runs only if its last instruction starts
	 * before the budget ends, as in the interpreter: need = the cost of
	 * all but the last, plus one */
	unsigned cost = 0, need;
	for (unsigned i = 0; i < n; i++)
		cost += c->cost[ins[i].d.cls];
	need = cost - c->cost[ins[n - 1].d.cls] + 1;
	if (c->uniform) {
		x_alu_rm_imm_w(a, true, ALU_SUB, x_r(R15), (int32_t)cost);
		uintptr_t at = x_jcc(a, CC_B, 0);
		add_stub(g, (struct stub){ .kind = STUB_BUDGET, .from = at, .target = ins[0].pc,
					   .addback = (int32_t)cost });
	} else {
		/* the last instruction may end past the budget (as in the
		 * interpreter): the budget is signed, and spent once negative */
		x_alu_rm_imm_w(a, true, ALU_CMP, x_r(R15), (int32_t)need);
		uintptr_t at = x_jcc(a, CC_L, 0);
		add_stub(g, (struct stub){ .kind = STUB_BUDGET, .from = at, .target = ins[0].pc });
		x_alu_rm_imm_w(a, true, ALU_SUB, x_r(R15), (int32_t)cost);
		x_alu_rm_imm_w(a, true, ALU_ADD, x_m(RBP, D(jit_ninsn)), (int32_t)n);
	}
	unsigned after = cost;
	for (unsigned i = 0; i < n; i++) {
		const struct rv32_insn *d = &ins[i].d;
		after -= c->cost[d->cls];
		info[i] = jit_info(ins[i].pc, jit_access_size(d->op),
				   d->op == RV32_OP_LB || d->op == RV32_OP_LH, after, n - 1 - i, d->rd,
				   d->len);
	}
	for (unsigned i = 0; i < n;) {
		if (jit_is_load(ins[i].d.op) || jit_is_store(ins[i].d.op)) {
			i += jit_emit_mem(g, i, n);
		} else {
			emit_insn(g, &ins[i], info[i]);
			i++;
		}
	}
	if (!rv32_jit_ends_block(ins[n - 1].d.op))
		emit_exit_to(g, ins[n - 1].pc + ins[n - 1].d.len, -1);
	/* stubs may add stubs (a run's accesses one by one): nstub grows */
	for (unsigned k = 0; k < g->nstub; k++)
		emit_stub(g, &g->stub[k]);
	return a->full ? 0 : a->len;
}

#else /* no code generator for this host: the interpreter runs everything */

bool rv32_jit_host_ok(void)
{
	return false;
}

uint32_t rv32_jit_emit_routines(struct rv32_jit *j, struct rv32_core *c)
{
	(void)j;
	(void)c;
	return 0;
}

uint32_t rv32_jit_emit_block(struct rv32_jit *j, struct rv32_core *c,
			     const struct rv32_jit_insn *ins, unsigned n)
{
	(void)j;
	(void)c;
	(void)ins;
	(void)n;
	return 0;
}

bool rv32_jit_supports(unsigned op)
{
	(void)op;
	return false;
}

bool rv32_jit_ends_block(unsigned op)
{
	(void)op;
	return true;
}

#endif
