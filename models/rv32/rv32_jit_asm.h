/* A small x86-64 assembler for the RV32 JIT (rv32_jit_x86.c): just the
 * instruction forms the templates use, each with its encoding spelled
 * out.  Code is written into a staging buffer whose bytes will live at
 * `base` once copied into the code cache, so rel32 targets outside the
 * buffer (the shared exit routine, the helper thunks, other blocks) are
 * computed against the final address.  Writing past the end sets
 * `full` and writes nothing: the caller ends the block earlier.
 * Not for other modules. */
#ifndef RPSIM_RV32_JIT_ASM_H
#define RPSIM_RV32_JIT_ASM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum {
	RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
	R8, R9, R10, R11, R12, R13, R14, R15,
};

/* condition codes (the low nibble of jcc/setcc) */
enum {
	CC_O = 0, CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_BE = 6, CC_A = 7,
	CC_S = 8, CC_L = 12, CC_GE = 13, CC_LE = 14, CC_G = 15,
};

struct xasm {
	uint8_t *buf;    /* staging */
	uint32_t len, cap;
	uintptr_t base;  /* final address of buf[0] */
	bool full;
};

static inline void x_bytes(struct xasm *a, const void *p, unsigned n)
{
	if (a->len + n > a->cap) {
		a->full = true;
		return;
	}
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static inline void x_b(struct xasm *a, uint8_t v)
{
	x_bytes(a, &v, 1);
}

static inline void x_u32(struct xasm *a, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	x_bytes(a, b, 4);
}

static inline void x_u64(struct xasm *a, uint64_t v)
{
	x_u32(a, (uint32_t)v);
	x_u32(a, (uint32_t)(v >> 32));
}

static inline uintptr_t x_here(const struct xasm *a)
{
	return a->base + a->len;
}

/* REX prefix: w = 64-bit operand, r = reg field, x = index, b = r/m or base */
static inline void x_rex(struct xasm *a, bool w, unsigned r, unsigned x, unsigned b, bool force)
{
	uint8_t rex = (uint8_t)(0x40 | (w ? 8 : 0) | ((r >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 |
				((b >> 3) & 1));
	if (rex != 0x40 || force)
		x_b(a, rex);
}

/* An operand in r/m: a register, or memory at [base + disp] (base is
 * never RSP here; RBP and R13 need a displacement byte, which disp8/32
 * always gives). */
struct xrm {
	bool mem;
	uint8_t reg;   /* register, or the base register */
	int32_t disp;
};

static inline struct xrm x_r(unsigned reg)
{
	return (struct xrm){ .mem = false, .reg = (uint8_t)reg };
}

static inline struct xrm x_m(unsigned base, int32_t disp)
{
	return (struct xrm){ .mem = true, .reg = (uint8_t)base, .disp = disp };
}

/* ModRM (+disp) for reg field r and operand m */
static inline void x_modrm(struct xasm *a, unsigned r, struct xrm m)
{
	if (!m.mem) {
		x_b(a, (uint8_t)(0xC0 | (r & 7) << 3 | (m.reg & 7)));
		return;
	}
	bool d8 = m.disp >= -128 && m.disp <= 127;
	x_b(a, (uint8_t)((d8 ? 0x40 : 0x80) | (r & 7) << 3 | (m.reg & 7)));
	if ((m.reg & 7) == RSP)
		x_b(a, 0x24); /* SIB: base only */
	if (d8)
		x_b(a, (uint8_t)(int8_t)m.disp);
	else
		x_u32(a, (uint32_t)m.disp);
}

/* opcode bytes (1 or 2) with reg field r and operand m */
static inline void x_op(struct xasm *a, bool w, const uint8_t *op, unsigned nop, unsigned r,
			struct xrm m, bool force_rex)
{
	x_rex(a, w, r, 0, m.reg, force_rex);
	x_bytes(a, op, nop);
	x_modrm(a, r, m);
}

static inline void x_op1(struct xasm *a, bool w, uint8_t op, unsigned r, struct xrm m)
{
	x_op(a, w, &op, 1, r, m, false);
}

static inline void x_op2(struct xasm *a, bool w, uint8_t op1, uint8_t op2, unsigned r, struct xrm m)
{
	uint8_t op[2] = { op1, op2 };
	x_op(a, w, op, 2, r, m, false);
}

/* mov r32, r/m32  and  mov r/m32, r32 */
static inline void x_mov_r_rm(struct xasm *a, unsigned r, struct xrm m)
{
	if (!m.mem && m.reg == r)
		return;
	x_op1(a, false, 0x8B, r, m);
}

static inline void x_mov_rm_r(struct xasm *a, struct xrm m, unsigned r)
{
	if (!m.mem && m.reg == r)
		return;
	x_op1(a, false, 0x89, r, m);
}

/* 64-bit moves */
static inline void x_mov64_r_rm(struct xasm *a, unsigned r, struct xrm m)
{
	x_op1(a, true, 0x8B, r, m);
}

static inline void x_mov64_rm_r(struct xasm *a, struct xrm m, unsigned r)
{
	x_op1(a, true, 0x89, r, m);
}

/* mov r32, imm32 (zero-extends) */
static inline void x_mov_r_imm(struct xasm *a, unsigned r, uint32_t imm)
{
	if (imm == 0) { /* xor r32, r32 */
		x_op1(a, false, 0x33, r, x_r(r));
		return;
	}
	x_rex(a, false, 0, 0, r, false);
	x_b(a, (uint8_t)(0xB8 | (r & 7)));
	x_u32(a, imm);
}

/* mov r/m32, imm32 */
static inline void x_mov_rm_imm(struct xasm *a, struct xrm m, uint32_t imm)
{
	if (!m.mem) {
		x_mov_r_imm(a, m.reg, imm);
		return;
	}
	x_op1(a, false, 0xC7, 0, m);
	x_u32(a, imm);
}

/* movabs r64, imm64 */
static inline void x_mov64_r_imm(struct xasm *a, unsigned r, uint64_t imm)
{
	if (imm <= UINT32_MAX) {
		x_mov_r_imm(a, r, (uint32_t)imm);
		return;
	}
	x_rex(a, true, 0, 0, r, false);
	x_b(a, (uint8_t)(0xB8 | (r & 7)));
	x_u64(a, imm);
}

/* ALU group 1: add 0, or 1, and 4, sub 5, xor 6, cmp 7 */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

/* op r32, r/m32 */
static inline void x_alu_r_rm(struct xasm *a, unsigned alu, unsigned r, struct xrm m)
{
	x_op1(a, false, (uint8_t)(alu << 3 | 3), r, m);
}

/* op r/m32, r32 */
static inline void x_alu_rm_r(struct xasm *a, unsigned alu, struct xrm m, unsigned r)
{
	x_op1(a, false, (uint8_t)(alu << 3 | 1), r, m);
}

/* op r/m, imm (32- or 64-bit operand) */
static inline void x_alu_rm_imm_w(struct xasm *a, bool w, unsigned alu, struct xrm m, int32_t imm)
{
	if (imm >= -128 && imm <= 127) {
		x_op1(a, w, 0x83, alu, m);
		x_b(a, (uint8_t)(int8_t)imm);
	} else {
		x_op1(a, w, 0x81, alu, m);
		x_u32(a, (uint32_t)imm);
	}
}

static inline void x_alu_rm_imm(struct xasm *a, unsigned alu, struct xrm m, int32_t imm)
{
	x_alu_rm_imm_w(a, false, alu, m, imm);
}

/* shifts: shl 4, shr 5, sar 7; by imm8 or by cl */
enum { SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static inline void x_shift_imm(struct xasm *a, bool w, unsigned sh, struct xrm m, unsigned n)
{
	x_op1(a, w, 0xC1, sh, m);
	x_b(a, (uint8_t)n);
}

static inline void x_shift_cl(struct xasm *a, unsigned sh, struct xrm m)
{
	x_op1(a, false, 0xD3, sh, m);
}

/* lea r32, [base + disp] (32-bit result: wraps as RV32 does) */
static inline void x_lea32(struct xasm *a, unsigned r, unsigned base, int32_t disp)
{
	x_op1(a, false, 0x8D, r, x_m(base, disp));
}

/* lea r64, [base + disp] */
static inline void x_lea64(struct xasm *a, unsigned r, unsigned base, int32_t disp)
{
	x_op1(a, true, 0x8D, r, x_m(base, disp));
}

/* lea r64, [rip + rel32 to target] */
static inline void x_lea_rip(struct xasm *a, unsigned r, uintptr_t target)
{
	x_rex(a, true, r, 0, 0, false);
	x_b(a, 0x8D);
	x_b(a, (uint8_t)(0x05 | (r & 7) << 3));
	x_u32(a, (uint32_t)(int32_t)(target - (x_here(a) + 4)));
}

/* imul r32, r/m32 ; imul r64, r/m64 */
static inline void x_imul(struct xasm *a, bool w, unsigned r, struct xrm m)
{
	x_op2(a, w, 0x0F, 0xAF, r, m);
}

/* movsxd r64, r/m32 */
static inline void x_movsxd(struct xasm *a, unsigned r, struct xrm m)
{
	x_op1(a, true, 0x63, r, m);
}

/* group 3 on r/m32: not 2, neg 3, div 6, idiv 7 */
static inline void x_grp3(struct xasm *a, unsigned op, struct xrm m)
{
	x_op1(a, false, 0xF7, op, m);
}

static inline void x_cdq(struct xasm *a)
{
	x_b(a, 0x99);
}

/* setcc r8 (r is RAX, RCX or RDX: no REX needed) */
static inline void x_setcc(struct xasm *a, unsigned cc, unsigned r)
{
	x_b(a, 0x0F);
	x_b(a, (uint8_t)(0x90 | cc));
	x_b(a, (uint8_t)(0xC0 | (r & 7)));
}

/* test r/m32, r32 */
static inline void x_test(struct xasm *a, struct xrm m, unsigned r)
{
	x_op1(a, false, 0x85, r, m);
}

/* test r8, imm8 (r is RAX, RCX or RDX) */
static inline void x_test8_imm(struct xasm *a, unsigned r, uint8_t imm)
{
	x_b(a, 0xF6);
	x_b(a, (uint8_t)(0xC0 | (r & 7)));
	x_b(a, imm);
}

/* cmp byte [base + index], 0 */
static inline void x_cmp8_bi_zero(struct xasm *a, unsigned base, unsigned index)
{
	x_rex(a, false, 0, index, base, false);
	x_b(a, 0x80);
	x_b(a, (uint8_t)(0x04 | 7 << 3)); /* mod 00, /7, SIB */
	x_b(a, (uint8_t)((index & 7) << 3 | (base & 7)));
	x_b(a, 0);
}

/* Loads and stores at [base + index] (64-bit registers).  Loads: size
 * 1/2/4 zero- or sign-extended into r32.  Stores: size 1/2/4 from r,
 * which is RAX, RCX or RDX for bytes. */
static inline void x_sib(struct xasm *a, unsigned r, unsigned base, unsigned index)
{
	/* mod 00 with base RBP/R13 means disp32: the caller never uses them */
	x_b(a, (uint8_t)(0x04 | (r & 7) << 3));
	x_b(a, (uint8_t)((index & 7) << 3 | (base & 7)));
}

static inline void x_load_bi(struct xasm *a, unsigned r, unsigned base, unsigned index,
			     unsigned size, bool sign)
{
	x_rex(a, false, r, index, base, false);
	if (size == 4) {
		x_b(a, 0x8B);
	} else {
		x_b(a, 0x0F);
		x_b(a, (uint8_t)((sign ? 0xBE : 0xB6) | (size == 2 ? 1 : 0)));
	}
	x_sib(a, r, base, index);
}

static inline void x_store_bi(struct xasm *a, unsigned r, unsigned base, unsigned index,
			      unsigned size)
{
	if (size == 2)
		x_b(a, 0x66);
	x_rex(a, false, r, index, base, false);
	x_b(a, size == 1 ? 0x88 : 0x89);
	x_sib(a, r, base, index);
}

/* Loads and stores at [base + disp] from or to any register (a store of
 * a byte from SPL..DIL needs a REX prefix to name them). */
static inline void x_load_m(struct xasm *a, unsigned r, unsigned base, int32_t disp,
			    unsigned size, bool sign)
{
	if (size == 4) {
		x_op1(a, false, 0x8B, r, x_m(base, disp));
		return;
	}
	x_op2(a, false, 0x0F, (uint8_t)((sign ? 0xBE : 0xB6) | (size == 2 ? 1 : 0)), r,
	      x_m(base, disp));
}

static inline void x_store_m(struct xasm *a, unsigned r, unsigned base, int32_t disp, unsigned size)
{
	if (size == 2)
		x_b(a, 0x66);
	uint8_t op = size == 1 ? 0x88 : 0x89;
	x_op(a, false, &op, 1, r, x_m(base, disp), size == 1 && r >= 4 && r < 8);
}

/* control flow; the rel32 forms return where their rel32 sits, for
 * patching */
static inline uintptr_t x_jmp(struct xasm *a, uintptr_t target)
{
	x_b(a, 0xE9);
	uintptr_t at = x_here(a);
	x_u32(a, (uint32_t)(int32_t)(target - (at + 4)));
	return at;
}

static inline uintptr_t x_jcc(struct xasm *a, unsigned cc, uintptr_t target)
{
	x_b(a, 0x0F);
	x_b(a, (uint8_t)(0x80 | cc));
	uintptr_t at = x_here(a);
	x_u32(a, (uint32_t)(int32_t)(target - (at + 4)));
	return at;
}

static inline void x_call(struct xasm *a, uintptr_t target)
{
	x_b(a, 0xE8);
	x_u32(a, (uint32_t)(int32_t)(target - (x_here(a) + 4)));
}

/* jmp qword [base + disp] */
static inline void x_jmp_m(struct xasm *a, unsigned base, int32_t disp)
{
	x_op1(a, false, 0xFF, 4, x_m(base, disp));
}

/* call r64 */
static inline void x_call_r(struct xasm *a, unsigned r)
{
	x_op1(a, false, 0xFF, 2, x_r(r));
}

static inline void x_push(struct xasm *a, unsigned r)
{
	x_rex(a, false, 0, 0, r, false);
	x_b(a, (uint8_t)(0x50 | (r & 7)));
}

static inline void x_pop(struct xasm *a, unsigned r)
{
	x_rex(a, false, 0, 0, r, false);
	x_b(a, (uint8_t)(0x58 | (r & 7)));
}

static inline void x_ret(struct xasm *a)
{
	x_b(a, 0xC3);
}

/* Patches the rel32 at `at` (final address, inside a) to reach target. */
static inline void x_patch_rel32(struct xasm *a, uintptr_t at, uintptr_t target)
{
	uint32_t rel = (uint32_t)(int32_t)(target - (at + 4));
	uint8_t *p = a->buf + (at - a->base);
	p[0] = (uint8_t)rel;
	p[1] = (uint8_t)(rel >> 8);
	p[2] = (uint8_t)(rel >> 16);
	p[3] = (uint8_t)(rel >> 24);
}

#endif
