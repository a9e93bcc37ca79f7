/* The Thumb-2 decoder of the Cortex-M4F core: one declarative table
 * (armv7m_decode.c, after QEMU's t32.decode and the ARMv7-M ARM's
 * encoding tables) maps an encoding to an executable operation and its
 * fields.  The interpreter (armv7m_loop.h) has one handler per operation;
 * the rare ones share the slow path (armv7m_slow.c), which decodes again
 * from the encoding kept in the slot.  Internal to models/armv7m. */
#ifndef RPSIM_ARMV7M_DECODE_H
#define RPSIM_ARMV7M_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/* Data-processing operations: each has an immediate, a register and a
 * shifted-register form, flag-setting or not (X(name)). */
#define M_DP_OPS(X) \
	X(AND) X(EOR) X(ORR) X(ORN) X(BIC) X(ADD) X(ADC) X(SUB) X(SBC) X(RSB) \
	X(MOV) X(MVN) X(TST) X(TEQ) X(CMP) X(CMN)

#define M_LS_OPS(X) \
	X(LDR) X(LDRB) X(LDRH) X(LDRSB) X(LDRSH) X(STR) X(STRB) X(STRH)

#define M_CONDS(X) \
	X(EQ) X(NE) X(CS) X(CC) X(MI) X(PL) X(VS) X(VC) X(HI) X(LS) X(GE) X(LT) X(GT) X(LE)

/* Executable operations (X(name)): each is a handler label L_<name> in
 * the interpreter.  The data-processing and load/store families expand
 * per operation below. */
#define M_DP_FORMS(X, op) \
	X(op##_I) X(op##_R) X(op##_RS) X(op##S_I) X(op##S_R) X(op##S_RS)
#define M_LS_FORMS(X, op) \
	X(op##_I) X(op##_R) X(op##_PRE) X(op##_POST)
#define M_OPS(X) \
	X(UNDEF) X(SLOW) X(NOP) X(IT) \
	M_DP_FORMS(X, AND) M_DP_FORMS(X, EOR) M_DP_FORMS(X, ORR) M_DP_FORMS(X, ORN) \
	M_DP_FORMS(X, BIC) M_DP_FORMS(X, ADD) M_DP_FORMS(X, ADC) M_DP_FORMS(X, SUB) \
	M_DP_FORMS(X, SBC) M_DP_FORMS(X, RSB) M_DP_FORMS(X, MOV) M_DP_FORMS(X, MVN) \
	M_DP_FORMS(X, TST) M_DP_FORMS(X, TEQ) M_DP_FORMS(X, CMP) M_DP_FORMS(X, CMN) \
	X(LSL_R) X(LSR_R) X(ASR_R) X(ROR_R) X(LSLS_R) X(LSRS_R) X(ASRS_R) X(RORS_R) \
	X(SP_ADD_I) X(SP_ADD_R) X(SP_SUB_I) X(SP_SUB_R) X(SP_MOV_R) X(MOVT) \
	X(MUL) X(MULS) X(MLA) X(MLS) X(UMULL) X(SMULL) X(UMLAL) X(SMLAL) X(UMAAL) \
	X(SDIV) X(UDIV) \
	X(SXTB) X(SXTH) X(UXTB) X(UXTH) X(SXTAB) X(SXTAH) X(UXTAB) X(UXTAH) \
	X(CLZ) X(RBIT) X(REV) X(REV16) X(REVSH) X(BFI) X(BFC) X(UBFX) X(SBFX) \
	X(DSP) X(SMULXY) X(SMLAXY) \
	X(B) X(BEQ) X(BNE) X(BCS) X(BCC) X(BMI) X(BPL) X(BVS) X(BVC) X(BHI) X(BLS) \
	X(BGE) X(BLT) X(BGT) X(BLE) \
	X(BL) X(BX) X(BLX) X(MOV_PC) X(ADD_PC) X(CBZ) X(CBNZ) X(TBB) X(TBH) \
	M_LS_FORMS(X, LDR) M_LS_FORMS(X, LDRB) M_LS_FORMS(X, LDRH) M_LS_FORMS(X, LDRSB) \
	M_LS_FORMS(X, LDRSH) M_LS_FORMS(X, STR) M_LS_FORMS(X, STRB) M_LS_FORMS(X, STRH) \
	X(LDRD_I) X(STRD_I) X(LDM) X(STM) X(LDMDB) X(STMDB) \
	X(VFP) X(VLDR) X(VSTR) X(VLDM) X(VSTM) \
	M_FUSED(X, EQ) M_FUSED(X, NE) M_FUSED(X, CS) M_FUSED(X, CC) M_FUSED(X, MI) \
	M_FUSED(X, PL) M_FUSED(X, VS) M_FUSED(X, VC) M_FUSED(X, HI) M_FUSED(X, LS) \
	M_FUSED(X, GE) M_FUSED(X, LT) M_FUSED(X, GT) M_FUSED(X, LE) \
	X(BCOPY)

/* BCOPY: the first slot of a byte-copy loop (LDRB post-indexed, STRB
 * with writeback, 16-bit CMP + BNE back to it) runs whole iterations
 * (armv7m_exec.c, copy_loop(); armv7m_loop_mem.h, L_BCOPY).
 *
 * A 16-bit CMP (immediate or register) followed by B<cond> on the same
 * page runs as one handler (the decode cache fuses them; the branch keeps
 * its own slot for a jump to it). */
#define M_FUSED(X, cc) X(CMPI_B##cc) X(CMPR_B##cc)

enum m_op {
#define M_OP_ENUM(n) M_OP_##n,
	M_OPS(M_OP_ENUM)
#undef M_OP_ENUM
	M_NOPS
};

/* r16 reads as zero: literal loads and TBB/TBH [PC, Rm] use it as their
 * base with the address in the immediate. */
#define M_R_ZERO 16

/* Shift types (DecodeImmShift's SRType), RRX as a fifth. */
enum { M_SH_LSL, M_SH_LSR, M_SH_ASR, M_SH_ROR, M_SH_RRX };
/* in a slot: a shift as two plain shifts (armv7m_exec.c, rs_shift) */
#define M_SH_FAST 0x80000000u /* the sign bit: one test */

/* A decoded instruction.  Register fields are 0..15 (FP: 0..31). */
struct m_insn {
	uint16_t op;       /* enum m_op */
	uint16_t sub;      /* DSP, VFP and slow-path operation (enum m_sub) */
	uint8_t len;       /* 2 or 4 */
	uint8_t rd, rn, rm, ra; /* ra: accumulator, Rt2, RdHi */
	uint8_t shtype, shamt;  /* shifted register operand, or rotation */
	uint8_t cond;      /* conditional branch: ARM condition 0..13 */
	uint8_t carry;     /* modified immediate: 0 carry unchanged, 1 clear, 2 set */
	bool setflags;
	bool add, index, wback; /* load/store addressing */
	uint32_t imm;      /* immediate, offset, register list, target */
	uint32_t raw;      /* the encoding: first halfword in the high half for 32-bit ones */
	const char *mnem;  /* the table row's mnemonic (Capstone's name) */
	/* why an encoding is refused: UNDEFINED or UNPREDICTABLE (both raise
	 * UsageFault UNDEFINSTR, as the core does not guess) */
	const char *why;
};

/* Operations of the shared handlers: DSP (M_OP_DSP), floating point
 * (M_OP_VFP) and the slow path (M_OP_SLOW). */
enum m_sub {
	M_SUB_NONE,
	/* DSP: rd = f(rn, rm[, ra]) */
	M_SUB_QADD, M_SUB_QSUB, M_SUB_QDADD, M_SUB_QDSUB,
	M_SUB_SADD16, M_SUB_SASX, M_SUB_SSAX, M_SUB_SSUB16, M_SUB_SADD8, M_SUB_SSUB8,
	M_SUB_QADD16, M_SUB_QASX, M_SUB_QSAX, M_SUB_QSUB16, M_SUB_QADD8, M_SUB_QSUB8,
	M_SUB_SHADD16, M_SUB_SHASX, M_SUB_SHSAX, M_SUB_SHSUB16, M_SUB_SHADD8, M_SUB_SHSUB8,
	M_SUB_UADD16, M_SUB_UASX, M_SUB_USAX, M_SUB_USUB16, M_SUB_UADD8, M_SUB_USUB8,
	M_SUB_UQADD16, M_SUB_UQASX, M_SUB_UQSAX, M_SUB_UQSUB16, M_SUB_UQADD8, M_SUB_UQSUB8,
	M_SUB_UHADD16, M_SUB_UHASX, M_SUB_UHSAX, M_SUB_UHSUB16, M_SUB_UHADD8, M_SUB_UHSUB8,
	M_SUB_SEL, M_SUB_USAD8, M_SUB_USADA8,
	M_SUB_SXTB16, M_SUB_UXTB16, M_SUB_SXTAB16, M_SUB_UXTAB16,
	M_SUB_SSAT, M_SUB_USAT, M_SUB_SSAT16, M_SUB_USAT16, M_SUB_PKHBT, M_SUB_PKHTB,
	M_SUB_SMULBB, M_SUB_SMULBT, M_SUB_SMULTB, M_SUB_SMULTT,
	M_SUB_SMLABB, M_SUB_SMLABT, M_SUB_SMLATB, M_SUB_SMLATT,
	M_SUB_SMULWB, M_SUB_SMULWT, M_SUB_SMLAWB, M_SUB_SMLAWT,
	M_SUB_SMUAD, M_SUB_SMUADX, M_SUB_SMUSD, M_SUB_SMUSDX,
	M_SUB_SMLAD, M_SUB_SMLADX, M_SUB_SMLSD, M_SUB_SMLSDX,
	M_SUB_SMMUL, M_SUB_SMMULR, M_SUB_SMMLA, M_SUB_SMMLAR, M_SUB_SMMLS, M_SUB_SMMLSR,
	/* DSP, 64-bit accumulator in (rd = RdLo, ra = RdHi) */
	M_SUB_SMLALBB, M_SUB_SMLALBT, M_SUB_SMLALTB, M_SUB_SMLALTT,
	M_SUB_SMLALD, M_SUB_SMLALDX, M_SUB_SMLSLD, M_SUB_SMLSLDX,
	/* VFP data processing: d, n, m are S register numbers */
	M_SUB_VMLA, M_SUB_VMLS, M_SUB_VNMLA, M_SUB_VNMLS, M_SUB_VMUL, M_SUB_VNMUL,
	M_SUB_VADD, M_SUB_VSUB, M_SUB_VDIV, M_SUB_VFMA, M_SUB_VFMS, M_SUB_VFNMA, M_SUB_VFNMS,
	M_SUB_VMOV_I, M_SUB_VMOV_R, M_SUB_VABS, M_SUB_VNEG, M_SUB_VSQRT,
	M_SUB_VCMP, M_SUB_VCMPE, M_SUB_VCMPZ, M_SUB_VCMPEZ,
	M_SUB_VCVTB_F32, M_SUB_VCVTT_F32, M_SUB_VCVTB_F16, M_SUB_VCVTT_F16,
	M_SUB_VCVT_F32_U32, M_SUB_VCVT_F32_S32,
	M_SUB_VCVT_U32_F32, M_SUB_VCVT_S32_F32, M_SUB_VCVTR_U32_F32, M_SUB_VCVTR_S32_F32,
	M_SUB_VCVT_FX, /* fixed point: imm = (to_fixed << 2 | unsigned << 1 | 32-bit) | fbits << 8 */
	/* VFP transfers */
	M_SUB_VMOV_SR, /* S[n] = R[t] (rd = t, rn = n) */
	M_SUB_VMOV_RS, /* R[t] = S[n] */
	M_SUB_VMOV_2SR, M_SUB_VMOV_2RS, /* S[m], S[m+1] <-> Rt, Rt2 (rd = t, ra = t2, rm = m) */
	M_SUB_VMOV_DR, M_SUB_VMOV_RD,   /* D[m] <-> Rt, Rt2 */
	M_SUB_VMOV_SCALAR_R, M_SUB_VMOV_R_SCALAR, /* Dd[x] <- Rt; Rt <- Dn[x] */
	M_SUB_VMRS, M_SUB_VMSR,
	M_SUB_VLDM, M_SUB_VSTM, /* rd = first S, imm = count, add, wback */
	/* slow path */
	M_SUB_MRS, M_SUB_MSR, M_SUB_CPS, M_SUB_SVC, M_SUB_BKPT, M_SUB_UDF,
	M_SUB_WFI, M_SUB_WFE, M_SUB_SEV, M_SUB_YIELD, M_SUB_DBG, M_SUB_CLREX,
	M_SUB_DMB, M_SUB_DSB, M_SUB_ISB,
	M_SUB_LDREX, M_SUB_LDREXB, M_SUB_LDREXH, M_SUB_STREX, M_SUB_STREXB, M_SUB_STREXH,
	M_SUB_LDRT, M_SUB_LDRBT, M_SUB_LDRHT, M_SUB_LDRSBT, M_SUB_LDRSHT,
	M_SUB_STRT, M_SUB_STRBT, M_SUB_STRHT,
	M_SUB_LDR_PC,   /* LDR to pc, any addressing form */
	M_SUB_LDR_SP,   /* LDR to sp, any addressing form */
	M_SUB_LDRD_POST, M_SUB_STRD_POST, /* LDRD/STRD with writeback, or literal */
	M_SUB_NOCP,     /* a coprocessor other than the FPU */
	M_NSUBS
};

/* Decodes the instruction in raw (16-bit: the halfword in the low bits;
 * 32-bit: the first halfword in the high half, the second in the low)
 * at pc, inside an IT block or not (16-bit encodings set flags only
 * outside one, and some are refused inside).  len is 2 or 4 (raw's
 * length: armv7m_insn_len of the first halfword).  Never fails: an
 * encoding the core refuses decodes to M_OP_UNDEF with d->why. */
void armv7m_decode(uint32_t raw, unsigned len, uint32_t pc, bool in_it, bool last_in_it,
		   struct m_insn *d);

/* 2 or 4: the length of the instruction whose first halfword is hw. */
static inline unsigned armv7m_insn_len(uint16_t hw)
{
	return (hw >> 11) >= 0x1d ? 4 : 2;
}

/* The rows of the table, for the decoder's tests: row i's match, mask and
 * length (2 or 4); false past the last row. */
bool armv7m_decode_row(unsigned i, uint32_t *match, uint32_t *mask, unsigned *len);

/* The handler's name, for tests and messages ("ADDS_R"). */
const char *armv7m_op_name(unsigned op);

#endif
