/* Shared by the two halves of the decoder (armv7m_decode.c: 16-bit
 * encodings and the entry point; armv7m_rows32.c and armv7m_decode32.c:
 * the 32-bit encodings' table and fields):
 * the row type, the field formats and the ARM ARM's decode helpers
 * (ThumbExpandImm_C, DecodeImmShift).  Internal to models/armv7m. */
#ifndef RPSIM_ARMV7M_DECODE_PRIV_H
#define RPSIM_ARMV7M_DECODE_PRIV_H

#include "models/armv7m/armv7m_decode.h"

#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(x, n) (((x) >> (n)) & 1u)

enum fmt {
	/* 16-bit */
	F16_SHIFTI, F16_ADDSUB_R, F16_ADDSUB_I3, F16_I8, F16_DP, F16_ADD_HI, F16_CMP_HI,
	F16_MOV_HI, F16_BX, F16_LDR_LIT, F16_LS_R, F16_LS_I, F16_LS_SP, F16_ADR, F16_ADD_SPI,
	F16_SP_ADJ, F16_CBZ, F16_EXT, F16_PUSH, F16_POP, F16_CPS, F16_REV, F16_BKPT, F16_IT,
	F16_HINT, F16_LDMSTM, F16_UDF, F16_SVC, F16_BCOND, F16_B,
	/* 32-bit */
	F_LDMSTM, F_STREX, F_LDREX, F_STREXBH, F_LDREXBH, F_TB, F_LDRD, F_DP_SR, F_DP_MI,
	F_ADDW, F_MOVW, F_SAT, F_SAT16, F_BFX, F_BFI, F_BCOND, F_MSR, F_HINT, F_BARRIER,
	F_MRS, F_UDF, F_B, F_BL, F_LS_I12, F_LS_I8, F_LS_T, F_LS_LIT, F_LS_R, F_NOP,
	F_SHIFT_R, F_EXT, F_PAR, F_MISC, F_MUL, F_DSPMUL, F_LMUL, F_DIV, F_DSPLMUL,
	F_PKH,
	F_VDP, F_VMOVI, F_VUN, F_VCVTH, F_VCMP, F_VCVTI, F_VCVTX, F_VMOV_SR, F_VMRS,
	F_VMOV_SC, F_VMOV_2, F_VLDST, F_VLDM, F_NOCP,
};

/* what a row's argument means depends on its format: a dp/ls family
 * index, a shift type, a sub-operation, a flag */
struct row {
	const char *mnem;
	uint32_t match, mask;
	uint8_t fmt;
	uint16_t arg;
};

/* Data-processing families, in the order of M_DP_OPS. */
enum { DP_AND, DP_EOR, DP_ORR, DP_ORN, DP_BIC, DP_ADD, DP_ADC, DP_SUB, DP_SBC, DP_RSB,
       DP_MOV, DP_MVN, DP_TST, DP_TEQ, DP_CMP, DP_CMN };
/* Load/store families, in the order of M_LS_OPS. */
enum { LS_LDR, LS_LDRB, LS_LDRH, LS_LDRSB, LS_LDRSH, LS_STR, LS_STRB, LS_STRH };

/* ---- helpers ---- */

static inline uint32_t ror32(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

static inline uint32_t sext(uint32_t x, unsigned bits)
{
	uint32_t m = 1u << (bits - 1);
	return (x ^ m) - m;
}

static inline void undef(struct m_insn *d, const char *why)
{
	d->op = M_OP_UNDEF;
	d->why = why;
}

static inline bool bad(unsigned r) /* BadReg(): SP or PC */
{
	return r == 13 || r == 15;
}

/* ThumbExpandImm_C: the value, and in *carry what it does to C. */
static inline uint32_t expand_imm(uint32_t imm12, uint8_t *carry, bool *unpred)
{
	uint32_t imm8 = imm12 & 0xff;
	*carry = 0;
	*unpred = false;
	if (BITS(imm12, 11, 10) == 0) {
		switch (BITS(imm12, 9, 8)) {
		case 0: return imm8;
		case 1: *unpred = imm8 == 0; return imm8 << 16 | imm8;
		case 2: *unpred = imm8 == 0; return imm8 << 24 | imm8 << 8;
		default: *unpred = imm8 == 0; return imm8 * 0x01010101u;
		}
	}
	uint32_t v = ror32(0x80 | (imm12 & 0x7f), BITS(imm12, 11, 7));
	*carry = 1 + (v >> 31);
	return v;
}

/* DecodeImmShift */
static inline void imm_shift(unsigned type, unsigned n, struct m_insn *d)
{
	d->shtype = (uint8_t)type;
	d->shamt = (uint8_t)n;
	if (type == M_SH_LSR || type == M_SH_ASR) {
		if (n == 0)
			d->shamt = 32;
	} else if (type == M_SH_ROR && n == 0) {
		d->shtype = M_SH_RRX;
		d->shamt = 1;
	}
}

/* The handler of a data-processing family in a form: 0 immediate,
 * 1 register, 2 shifted register. */
static inline uint16_t dp_op(unsigned fam, bool s, unsigned form)
{
	return (uint16_t)(M_OP_AND_I + fam * 6 + (s ? 3 : 0) + form);
}

/* Register operand: plain (LSL #0) or shifted. */
static inline void dp_reg(struct m_insn *d, unsigned fam)
{
	bool plain = d->shtype == M_SH_LSL && d->shamt == 0;
	d->op = dp_op(fam, d->setflags, plain ? 1 : 2);
}

static inline void dp_imm(struct m_insn *d, unsigned fam, uint32_t imm)
{
	d->imm = imm;
	d->op = dp_op(fam, d->setflags, 0);
}

static inline uint16_t ls_op(unsigned fam, unsigned form) /* 0 imm, 1 reg, 2 pre, 3 post */
{
	return (uint16_t)(M_OP_LDR_I + fam * 4 + form);
}

static inline bool ls_is_load(unsigned fam)
{
	return fam <= LS_LDRSH;
}

static inline uint8_t cond_op(unsigned cond)
{
	return (uint8_t)(M_OP_BEQ + cond);
}

static inline void vfp(struct m_insn *d, unsigned sub)
{
	d->op = M_OP_VFP;
	d->sub = (uint16_t)sub;
}

/* Decodes an FP-unit row (formats F_VDP and after). */
void armv7m_decode_fp(uint32_t x, const struct row *r, struct m_insn *d, uint32_t pc);

/* armv7m_rows32.c: the 32-bit encodings, in match order */
extern const struct row armv7m_rows32[];
extern const unsigned armv7m_nrows32;
bool armv7m_decode32_row(unsigned i, uint32_t *match, uint32_t *mask, unsigned *len);

/* Finds the 32-bit row of raw and decodes it; false when none matches. */
bool armv7m_decode32(uint32_t raw, uint32_t pc, bool in_it, bool last_in_it, struct m_insn *d);

#endif
