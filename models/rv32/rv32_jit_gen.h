/* The x86-64 code generator's shared state (rv32_jit_x86.c: routines,
 * ALU, branches, CSRs, the block; rv32_jit_x86mem.c: loads and stores):
 * the block being assembled, its cold stubs, and where each guest
 * register lives.  Only for those two files. */
#ifndef RPSIM_RV32_JIT_GEN_H
#define RPSIM_RV32_JIT_GEN_H

#include <stddef.h>

#include "models/rv32/rv32_jit_asm.h"
#include "models/rv32/rv32_jit_internal.h"
#include "models/rv32/rv32_priv.h"

/* rbp points 64 bytes into the register file: every xN is a one-byte
 * displacement; other fields of the core are D(field) */
#define BIAS ((int32_t)offsetof(struct rv32_core, x) + 64)
#define D(field) ((int32_t)offsetof(struct rv32_core, field) - BIAS)
#define DX(r) (4 * (int32_t)(r) - 64)

enum stub_kind {
	STUB_BUDGET,  /* the block does not fit the cycles left */
	STUB_CHAIN,   /* a direct exit to a block not compiled yet */
	STUB_LOAD,    /* a load outside the load window */
	STUB_STORE,   /* a store outside the store window */
	STUB_CSR,     /* a CSR instruction the inline code does not cover */
	STUB_LEAVE,   /* after an instruction, back to the run loop */
	STUB_RUN,     /* a run of accesses outside one window: one by one */
};

struct stub {
	uint8_t kind;
	uintptr_t from;   /* the rel32 in the body that jumps here */
	uintptr_t from2, from3; /* more of them, or 0 */
	uintptr_t resume; /* where the body goes on (slow accesses) */
	const struct rv32_jit_insn *in;
	unsigned count;   /* STUB_RUN: instructions from in */
	uint64_t info;
	uint32_t target;  /* pc: the block's (budget), the jump's (chain) */
	int32_t addback;  /* cycles to give back (budget, uniform) */
};

#define MAX_STUBS (2 * JIT_MAX_INSNS + 4)

struct gen {
	struct xasm a;
	struct rv32_jit *j;
	struct rv32_core *c;
	const struct rv32_jit_insn *ins; /* the block */
	const uint64_t *info;            /* per instruction (jit_info) */
	struct stub stub[MAX_STUBS];
	unsigned nstub;
	bool resv_cleared; /* a store of this block already ended the reservation */
};

static inline void add_stub(struct gen *g, struct stub s)
{
	if (g->nstub == MAX_STUBS) {
		g->a.full = true;
		return;
	}
	g->stub[g->nstub++] = s;
}

static inline bool pinned(const struct gen *g, unsigned r)
{
	return r != 0 && g->j->pin[r] >= 0;
}

/* the home of guest register r (never x0) */
static inline struct xrm G(const struct gen *g, unsigned r)
{
	return pinned(g, r) ? x_r((unsigned)g->j->pin[r]) : x_m(RBP, DX(r));
}

/* host register h = guest r (x0 reads 0) */
static inline void get(struct gen *g, unsigned h, unsigned r)
{
	if (r == 0)
		x_mov_r_imm(&g->a, h, 0);
	else
		x_mov_r_rm(&g->a, h, G(g, r));
}

/* guest r = host register h (writes to x0 vanish) */
static inline void put(struct gen *g, unsigned r, unsigned h)
{
	if (r != 0)
		x_mov_rm_r(&g->a, G(g, r), h);
}

/* eax = rs1 + imm (an address or an addi) */
static inline void addr_eax(struct gen *g, unsigned rs1, int32_t imm)
{
	if (rs1 == 0)
		x_mov_r_imm(&g->a, RAX, (uint32_t)imm);
	else if (pinned(g, rs1))
		x_lea32(&g->a, RAX, (unsigned)g->j->pin[rs1], imm);
	else {
		x_mov_r_rm(&g->a, RAX, G(g, rs1));
		if (imm)
			x_alu_rm_imm(&g->a, ALU_ADD, x_r(RAX), imm);
	}
}

/* rv32_jit_x86mem.c */
bool jit_is_load(unsigned op);
bool jit_is_store(unsigned op);
unsigned jit_access_size(unsigned op);
/* The load or store at ins[i]; or, when it starts a run of such
 * accesses (rv32_jit_x86mem.c), the run: returns how many instructions
 * it emitted. */
unsigned jit_emit_mem(struct gen *g, unsigned i, unsigned n);
/* The cold stubs of loads, stores and runs. */
void jit_emit_mem_stub(struct gen *g, const struct stub *s);

#endif
