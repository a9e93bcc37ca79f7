/* The JIT's loads and stores (rv32_jit_gen.h).  Each tests the window of
 * RAM the core may use without checks, as the interpreter's fast path
 * does (a store window holds no decoded code, so a store in it needs no
 * code test); the second window is tried in the cold stub, and only then
 * the interpreter's slow path through a thunk.
 *
 * Runs: consecutive loads (or stores) of one size from one base register
 * that none of them but the last writes, at offsets a multiple of the
 * size apart, as in function prologues and epilogues and a trap handler
 * saving registers, test the window once for the whole range; each
 * access is then one host instruction.  If the range is not all in the window, the run's
 * stub does the accesses one by one, each with its own tests, exactly as
 * without the run. */
#include "models/rv32/rv32_jit_gen.h"
#include "models/rv32/rv32_priv.h"

#ifdef RV32_JIT_X86

bool jit_is_load(unsigned op)
{
	return op >= RV32_OP_LB && op <= RV32_OP_LHU;
}

bool jit_is_store(unsigned op)
{
	return op >= RV32_OP_SB && op <= RV32_OP_SW;
}

unsigned jit_access_size(unsigned op)
{
	switch (op) {
	case RV32_OP_LB: case RV32_OP_LBU: case RV32_OP_SB: return 1;
	case RV32_OP_LH: case RV32_OP_LHU: case RV32_OP_SH: return 2;
	default: return 4;
	}
}

static bool load_signed(unsigned op)
{
	return op == RV32_OP_LB || op == RV32_OP_LH;
}

/* rd = the load at rs1 + imm: the load window, else the stub */
static void emit_load(struct gen *g, const struct rv32_jit_insn *in, uint64_t info)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &in->d;
	unsigned size = jit_access_size(d->op);
	addr_eax(g, d->rs1, d->imm);
	x_alu_r_rm(a, ALU_SUB, RAX, x_m(RBP, D(rwin.base)));    /* o, zero-extended */
	x_lea64(a, RDX, RAX, (int32_t)size);
	x_op1(a, true, 0x3B, RDX, x_m(RBP, D(rwin.size)));      /* cmp rdx, size */
	uintptr_t slow = x_jcc(a, CC_A, 0);
	x_mov64_r_rm(a, RDX, x_m(RBP, D(rwin.host)));
	x_load_bi(a, RAX, RDX, RAX, size, load_signed(d->op));
	put(g, d->rd, RAX);
	add_stub(g, (struct stub){ .kind = STUB_LOAD, .from = slow, .resume = x_here(a), .in = in,
				   .info = info });
}

static void clear_reservation(struct gen *g)
{
	if (!g->resv_cleared) { /* a store ends the reservation: once per block */
		x_op1(&g->a, false, 0xC6, 0, x_m(RBP, D(resv_valid)));
		x_b(&g->a, 0);
		g->resv_cleared = true;
	}
}

/* the store to rs1 + imm: inside the store window (which holds no
 * code, so a misaligned store there needs no more than an aligned one),
 * else the stub */
static void emit_store(struct gen *g, const struct rv32_jit_insn *in, uint64_t info)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &in->d;
	unsigned size = jit_access_size(d->op);
	addr_eax(g, d->rs1, d->imm);
	x_alu_r_rm(a, ALU_SUB, RAX, x_m(RBP, D(wwin.base)));
	x_lea64(a, RDX, RAX, (int32_t)size);
	x_op1(a, true, 0x3B, RDX, x_m(RBP, D(wwin.size)));
	uintptr_t slow = x_jcc(a, CC_A, 0);
	x_mov64_r_rm(a, RDX, x_m(RBP, D(wwin.host)));
	get(g, RCX, d->rs2);
	x_store_bi(a, RCX, RDX, RAX, size);
	clear_reservation(g);
	add_stub(g, (struct stub){ .kind = STUB_STORE, .from = slow, .resume = x_here(a), .in = in,
				   .info = info });
}

/* The run starting at ins[i]: how many instructions (1: none). */
static unsigned run_length(const struct rv32_jit_insn *ins, unsigned i, unsigned n)
{
	const struct rv32_insn *f = &ins[i].d;
	bool load = jit_is_load(f->op);
	if ((!load && !jit_is_store(f->op)) || f->rs1 == 0)
		return 1;
	unsigned size = jit_access_size(f->op), k = i;
	int32_t lo = f->imm, hi = f->imm;
	while (k + 1 < n) {
		const struct rv32_insn *p = &ins[k].d, *q = &ins[k + 1].d;
		if (jit_is_load(q->op) != load || (!load && !jit_is_store(q->op)) ||
		    jit_access_size(q->op) != size || q->rs1 != f->rs1 ||
		    (q->imm - f->imm) % (int32_t)size != 0 || (load && p->rd == f->rs1))
			break;
		int32_t nlo = q->imm < lo ? q->imm : lo, nhi = q->imm > hi ? q->imm : hi;
		if (nhi - nlo > 4096)
			break;
		lo = nlo;
		hi = nhi;
		k++;
	}
	return k - i + 1;
}

/* Window fields for loads or stores, first or second window */
struct winf {
	int32_t base, size, host;
};

static struct winf win_fields(bool load, bool victim)
{
	if (load)
		return victim ? (struct winf){ D(rwin2.base), D(rwin2.size), D(rwin2.host) }
			      : (struct winf){ D(rwin.base), D(rwin.size), D(rwin.host) };
	return victim ? (struct winf){ D(wwin2.base), D(wwin2.size), D(wwin2.host) }
		      : (struct winf){ D(wwin.base), D(wwin.size), D(wwin.host) };
}

/* A run of count accesses from ins[i] in one window: one test for the
 * whole range (its jump, taken when the range is not all in the window,
 * is returned), then one host instruction per access. */
static uintptr_t emit_run_in(struct gen *g, unsigned i, unsigned count, bool victim)
{
	struct xasm *a = &g->a;
	const struct rv32_jit_insn *ins = g->ins;
	const struct rv32_insn *f = &ins[i].d;
	bool load = jit_is_load(f->op);
	struct winf w = win_fields(load, victim);
	unsigned size = jit_access_size(f->op);
	int32_t lo = f->imm, hi = f->imm;
	for (unsigned k = i; k < i + count; k++) {
		lo = ins[k].d.imm < lo ? ins[k].d.imm : lo;
		hi = ins[k].d.imm > hi ? ins[k].d.imm : hi;
	}
	addr_eax(g, f->rs1, lo);
	x_alu_r_rm(a, ALU_SUB, RAX, x_m(RBP, w.base));
	x_lea64(a, RDX, RAX, hi - lo + (int32_t)size);
	x_op1(a, true, 0x3B, RDX, x_m(RBP, w.size));
	uintptr_t miss = x_jcc(a, CC_A, 0);
	x_mov64_r_rm(a, RDX, x_m(RBP, w.host));
	x_op1(a, true, 0x03, RDX, x_r(RAX)); /* rdx = host address of base + lo */
	for (unsigned k = i; k < i + count; k++) {
		const struct rv32_insn *d = &ins[k].d;
		int32_t disp = d->imm - lo;
		if (load) {
			if (d->rd == 0)
				continue; /* RAM: reading has no effect */
			if (pinned(g, d->rd)) {
				x_load_m(a, (unsigned)g->j->pin[d->rd], RDX, disp, size, load_signed(d->op));
			} else {
				x_load_m(a, RAX, RDX, disp, size, load_signed(d->op));
				put(g, d->rd, RAX);
			}
		} else {
			unsigned src = RCX;
			if (pinned(g, d->rs2))
				src = (unsigned)g->j->pin[d->rs2];
			else
				get(g, RCX, d->rs2);
			x_store_m(a, src, RDX, disp, size);
		}
	}
	if (!load && victim) { /* a stub: no block-wide "cleared" */
		x_op1(a, false, 0xC6, 0, x_m(RBP, D(resv_valid)));
		x_b(a, 0);
	} else if (!load) {
		clear_reservation(g);
	}
	return miss;
}

/* A run in the first window here; the stub tries the second, then goes
 * access by access. */
static void emit_run(struct gen *g, unsigned i, unsigned count)
{
	uintptr_t slow = emit_run_in(g, i, count, false);
	add_stub(g, (struct stub){ .kind = STUB_RUN, .from = slow, .resume = x_here(&g->a),
				   .in = &g->ins[i], .count = count });
}

unsigned jit_emit_mem(struct gen *g, unsigned i, unsigned n)
{
	unsigned count = run_length(g->ins, i, n);
	if (count > 1) {
		emit_run(g, i, count);
		return count;
	}
	if (jit_is_load(g->ins[i].d.op))
		emit_load(g, &g->ins[i], g->info[i]);
	else
		emit_store(g, &g->ins[i], g->info[i]);
	return 1;
}

/* In a load's stub: the access in the second load window, if there. */
static void emit_victim_load(struct gen *g, const struct stub *s)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &s->in->d;
	unsigned size = JIT_INFO_SIZE(s->info);
	addr_eax(g, d->rs1, d->imm);
	x_alu_r_rm(a, ALU_SUB, RAX, x_m(RBP, D(rwin2.base)));
	x_lea64(a, RDX, RAX, (int32_t)size);
	x_op1(a, true, 0x3B, RDX, x_m(RBP, D(rwin2.size)));
	uintptr_t miss = x_jcc(a, CC_A, 0);
	x_mov64_r_rm(a, RDX, x_m(RBP, D(rwin2.host)));
	x_load_bi(a, RAX, RDX, RAX, size, JIT_INFO_SIGN(s->info));
	put(g, d->rd, RAX);
	x_jmp(a, s->resume);
	x_patch_rel32(a, miss, x_here(a));
}

/* In a store's stub: the store in the second store window, if there. */
static void emit_victim_store(struct gen *g, const struct stub *s)
{
	struct xasm *a = &g->a;
	const struct rv32_insn *d = &s->in->d;
	unsigned size = JIT_INFO_SIZE(s->info);
	addr_eax(g, d->rs1, d->imm);
	x_alu_r_rm(a, ALU_SUB, RAX, x_m(RBP, D(wwin2.base)));
	x_lea64(a, RDX, RAX, (int32_t)size);
	x_op1(a, true, 0x3B, RDX, x_m(RBP, D(wwin2.size)));
	uintptr_t miss = x_jcc(a, CC_A, 0);
	x_mov64_r_rm(a, RDX, x_m(RBP, D(wwin2.host)));
	get(g, RCX, d->rs2);
	x_store_bi(a, RCX, RDX, RAX, size);
	x_op1(a, false, 0xC6, 0, x_m(RBP, D(resv_valid)));
	x_b(a, 0);
	x_jmp(a, s->resume);
	x_patch_rel32(a, miss, x_here(a));
}

void jit_emit_mem_stub(struct gen *g, const struct stub *s)
{
	struct xasm *a = &g->a;
	if (s->kind == STUB_RUN) {
		/* the whole run in the second window (a copy loop whose
		 * source and destination are not where the stack is), else
		 * each access with its own tests (and stubs), then on */
		unsigned first = (unsigned)(s->in - g->ins);
		uintptr_t miss = emit_run_in(g, first, s->count, true);
		x_jmp(a, s->resume);
		x_patch_rel32(a, miss, x_here(a));
		/* (one of these accesses is outside the first window, so its
		 * own stub ends a reservation even where the block's flag
		 * says a store already did) */
		for (unsigned k = first; k < first + s->count; k++) {
			if (jit_is_load(g->ins[k].d.op))
				emit_load(g, &g->ins[k], g->info[k]);
			else
				emit_store(g, &g->ins[k], g->info[k]);
		}
		x_jmp(a, s->resume);
		return;
	}
	/* the victim window first (firmware alternates between its TCM and
	 * DRAM): no call when it holds the access */
	if (s->kind == STUB_LOAD)
		emit_victim_load(g, s);
	else
		emit_victim_store(g, s);
	addr_eax(g, s->in->d.rs1, s->in->d.imm);
	if (s->kind == STUB_STORE)
		get(g, RCX, s->in->d.rs2);
	x_mov64_r_imm(a, RDX, s->info);
	x_call(a, s->kind == STUB_LOAD ? g->j->thunk_load : g->j->thunk_store);
	x_test(a, x_r(RDX), RDX);
	x_jcc(a, CC_NE, g->j->exit_slow);
	x_jmp(a, s->resume);
}

#endif
