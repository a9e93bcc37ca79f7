/* The Thumb-2 decode table of the Cortex-M4F (ARMv7E-M, FPv4-SP).
 *
 * Each row is an encoding as the ARMv7-M ARM's tables give it (and as
 * QEMU's t32.decode spells it): the mnemonic Capstone prints, a match and
 * a mask over the instruction (16-bit: the halfword; 32-bit: the first
 * halfword in the high half), a field format and an argument.  Rows are
 * tried in order, so a special case (MOV as ORR with Rn = PC) comes
 * before its general row.  The format's extractor fills struct m_insn;
 * lower() then picks the handler (a register operand that is the PC
 * becomes a constant, a write to the SP its own handler) and refuses
 * what the architecture calls UNPREDICTABLE.  Semantics live in the
 * interpreter (armv7m_loop.h), never here. */
#include "models/armv7m/armv7m_decode_priv.h"

#include <string.h>

static const struct row rows16[] = {
	{ "lsl", 0x0000, 0xF800, F16_SHIFTI, M_SH_LSL },
	{ "lsr", 0x0800, 0xF800, F16_SHIFTI, M_SH_LSR },
	{ "asr", 0x1000, 0xF800, F16_SHIFTI, M_SH_ASR },
	{ "add", 0x1800, 0xFE00, F16_ADDSUB_R, DP_ADD },
	{ "sub", 0x1A00, 0xFE00, F16_ADDSUB_R, DP_SUB },
	{ "add", 0x1C00, 0xFE00, F16_ADDSUB_I3, DP_ADD },
	{ "sub", 0x1E00, 0xFE00, F16_ADDSUB_I3, DP_SUB },
	{ "mov", 0x2000, 0xF800, F16_I8, DP_MOV },
	{ "cmp", 0x2800, 0xF800, F16_I8, DP_CMP },
	{ "add", 0x3000, 0xF800, F16_I8, DP_ADD },
	{ "sub", 0x3800, 0xF800, F16_I8, DP_SUB },
	{ "and", 0x4000, 0xFFC0, F16_DP, 0 },  { "eor", 0x4040, 0xFFC0, F16_DP, 1 },
	{ "lsl", 0x4080, 0xFFC0, F16_DP, 2 },  { "lsr", 0x40C0, 0xFFC0, F16_DP, 3 },
	{ "asr", 0x4100, 0xFFC0, F16_DP, 4 },  { "adc", 0x4140, 0xFFC0, F16_DP, 5 },
	{ "sbc", 0x4180, 0xFFC0, F16_DP, 6 },  { "ror", 0x41C0, 0xFFC0, F16_DP, 7 },
	{ "tst", 0x4200, 0xFFC0, F16_DP, 8 },  { "rsb", 0x4240, 0xFFC0, F16_DP, 9 },
	{ "cmp", 0x4280, 0xFFC0, F16_DP, 10 }, { "cmn", 0x42C0, 0xFFC0, F16_DP, 11 },
	{ "orr", 0x4300, 0xFFC0, F16_DP, 12 }, { "mul", 0x4340, 0xFFC0, F16_DP, 13 },
	{ "bic", 0x4380, 0xFFC0, F16_DP, 14 }, { "mvn", 0x43C0, 0xFFC0, F16_DP, 15 },
	{ "add", 0x4400, 0xFF00, F16_ADD_HI, 0 },
	{ "cmp", 0x4500, 0xFF00, F16_CMP_HI, 0 },
	{ "mov", 0x4600, 0xFF00, F16_MOV_HI, 0 },
	{ "bx", 0x4700, 0xFF87, F16_BX, 0 },
	{ "blx", 0x4780, 0xFF87, F16_BX, 1 },
	{ "ldr", 0x4800, 0xF800, F16_LDR_LIT, 0 },
	{ "str", 0x5000, 0xFE00, F16_LS_R, LS_STR },   { "strh", 0x5200, 0xFE00, F16_LS_R, LS_STRH },
	{ "strb", 0x5400, 0xFE00, F16_LS_R, LS_STRB }, { "ldrsb", 0x5600, 0xFE00, F16_LS_R, LS_LDRSB },
	{ "ldr", 0x5800, 0xFE00, F16_LS_R, LS_LDR },   { "ldrh", 0x5A00, 0xFE00, F16_LS_R, LS_LDRH },
	{ "ldrb", 0x5C00, 0xFE00, F16_LS_R, LS_LDRB }, { "ldrsh", 0x5E00, 0xFE00, F16_LS_R, LS_LDRSH },
	{ "str", 0x6000, 0xF800, F16_LS_I, LS_STR },   { "ldr", 0x6800, 0xF800, F16_LS_I, LS_LDR },
	{ "strb", 0x7000, 0xF800, F16_LS_I, LS_STRB }, { "ldrb", 0x7800, 0xF800, F16_LS_I, LS_LDRB },
	{ "strh", 0x8000, 0xF800, F16_LS_I, LS_STRH }, { "ldrh", 0x8800, 0xF800, F16_LS_I, LS_LDRH },
	{ "str", 0x9000, 0xF800, F16_LS_SP, LS_STR },  { "ldr", 0x9800, 0xF800, F16_LS_SP, LS_LDR },
	{ "adr", 0xA000, 0xF800, F16_ADR, 0 },
	{ "add", 0xA800, 0xF800, F16_ADD_SPI, 0 },
	{ "add", 0xB000, 0xFF80, F16_SP_ADJ, DP_ADD },
	{ "sub", 0xB080, 0xFF80, F16_SP_ADJ, DP_SUB },
	{ "cbz", 0xB100, 0xFD00, F16_CBZ, 0 },
	{ "cbnz", 0xB900, 0xFD00, F16_CBZ, 1 },
	{ "sxth", 0xB200, 0xFFC0, F16_EXT, M_OP_SXTH }, { "sxtb", 0xB240, 0xFFC0, F16_EXT, M_OP_SXTB },
	{ "uxth", 0xB280, 0xFFC0, F16_EXT, M_OP_UXTH }, { "uxtb", 0xB2C0, 0xFFC0, F16_EXT, M_OP_UXTB },
	{ "push", 0xB400, 0xFE00, F16_PUSH, 0 },
	{ "cps", 0xB660, 0xFFEC, F16_CPS, 0 },
	{ "rev", 0xBA00, 0xFFC0, F16_REV, M_OP_REV },
	{ "rev16", 0xBA40, 0xFFC0, F16_REV, M_OP_REV16 },
	{ "revsh", 0xBAC0, 0xFFC0, F16_REV, M_OP_REVSH },
	{ "pop", 0xBC00, 0xFE00, F16_POP, 0 },
	{ "bkpt", 0xBE00, 0xFF00, F16_BKPT, 0 },
	{ "nop", 0xBF00, 0xFFFF, F16_HINT, M_SUB_NONE },
	{ "yield", 0xBF10, 0xFFFF, F16_HINT, M_SUB_YIELD },
	{ "wfe", 0xBF20, 0xFFFF, F16_HINT, M_SUB_WFE },
	{ "wfi", 0xBF30, 0xFFFF, F16_HINT, M_SUB_WFI },
	{ "sev", 0xBF40, 0xFFFF, F16_HINT, M_SUB_SEV },
	{ "nop", 0xBF00, 0xFF0F, F16_HINT, M_SUB_NONE }, /* unallocated hints execute as NOP */
	{ "it", 0xBF00, 0xFF00, F16_IT, 0 },
	{ "stm", 0xC000, 0xF800, F16_LDMSTM, 0 },
	{ "ldm", 0xC800, 0xF800, F16_LDMSTM, 1 },
	{ "udf", 0xDE00, 0xFF00, F16_UDF, 0 },
	{ "svc", 0xDF00, 0xFF00, F16_SVC, 0 },
	{ "b", 0xD000, 0xF000, F16_BCOND, 0 },
	{ "b", 0xE000, 0xF800, F16_B, 0 },
};

#define NROWS(t) (sizeof(t) / sizeof((t)[0]))

static const char *const op_names[M_NOPS] = {
#define M_OP_NAME(n) #n,
	M_OPS(M_OP_NAME)
#undef M_OP_NAME
};

const char *armv7m_op_name(unsigned op)
{
	return op < M_NOPS ? op_names[op] : "?";
}

/* ---- 16-bit ---- */

static void dec16(uint32_t x, const struct row *r, uint32_t pc, bool in_it, bool last_in_it,
		  struct m_insn *d)
{
	unsigned rd = x & 7, rn = BITS(x, 5, 3), rm = BITS(x, 8, 6);
	bool s = !in_it;
	d->setflags = s;
	switch (r->fmt) {
	case F16_SHIFTI:
		d->rd = (uint8_t)rd;
		d->rm = (uint8_t)rn;
		imm_shift(r->arg, BITS(x, 10, 6), d);
		if (r->arg == M_SH_LSL && d->shamt == 0) {
			d->mnem = "mov";
			if (in_it)
				return undef(d, "MOVS (register) inside an IT block");
		}
		return dp_reg(d, DP_MOV);
	case F16_ADDSUB_R:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)rn;
		d->rm = (uint8_t)rm;
		return dp_reg(d, r->arg);
	case F16_ADDSUB_I3:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)rn;
		return dp_imm(d, r->arg, rm);
	case F16_I8:
		d->rd = d->rn = (uint8_t)BITS(x, 10, 8);
		if (r->arg == DP_CMP)
			d->setflags = true;
		return dp_imm(d, r->arg, x & 0xff);
	case F16_DP: {
		static const uint8_t fam[16] = { DP_AND, DP_EOR, 0, 0, 0, DP_ADC, DP_SBC, 0,
						 DP_TST, DP_RSB, DP_CMP, DP_CMN, DP_ORR, 0, DP_BIC, DP_MVN };
		d->rd = d->rn = (uint8_t)rd;
		d->rm = (uint8_t)rn;
		switch (r->arg) {
		case 2: case 3: case 4: case 7: {
			static const uint8_t sh[8] = { [2] = M_OP_LSL_R, [3] = M_OP_LSR_R,
						       [4] = M_OP_ASR_R, [7] = M_OP_ROR_R };
			d->op = (uint16_t)(sh[r->arg] + (s ? 4 : 0));
			return;
		}
		case 9: /* RSBS Rd, Rn, #0: Rn is the second field */
			d->rn = (uint8_t)rn;
			return dp_imm(d, DP_RSB, 0);
		case 13:
			d->rn = (uint8_t)rn;
			d->rm = (uint8_t)rd;
			d->op = s ? M_OP_MULS : M_OP_MUL;
			return;
		}
		if (fam[r->arg] == DP_TST || fam[r->arg] == DP_CMP || fam[r->arg] == DP_CMN)
			d->setflags = true;
		return dp_reg(d, fam[r->arg]);
	}
	case F16_ADD_HI: {
		unsigned dn = BIT(x, 7) << 3 | rd, m = BITS(x, 6, 3);
		d->setflags = false;
		if (dn == 15 && m == 15)
			return undef(d, "ADD PC, PC is UNPREDICTABLE");
		if (dn == 15) {
			if (in_it && !last_in_it)
				return undef(d, "a branch inside an IT block must be its last instruction");
			d->rm = (uint8_t)m;
			d->imm = pc + 4;
			d->op = M_OP_ADD_PC;
			return;
		}
		d->rd = d->rn = (uint8_t)dn;
		d->rm = (uint8_t)m;
		if (m == 15)
			return dp_imm(d, DP_ADD, pc + 4);
		if (dn == 13) {
			d->op = M_OP_SP_ADD_R;
			return;
		}
		return dp_reg(d, DP_ADD);
	}
	case F16_CMP_HI: {
		unsigned n = BIT(x, 7) << 3 | rd, m = BITS(x, 6, 3);
		if ((n < 8 && m < 8) || n == 15 || m == 15)
			return undef(d, "CMP (high registers) with PC or two low registers is UNPREDICTABLE");
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->setflags = true;
		return dp_reg(d, DP_CMP);
	}
	case F16_MOV_HI: {
		unsigned dd = BIT(x, 7) << 3 | rd, m = BITS(x, 6, 3);
		d->setflags = false;
		d->rd = (uint8_t)dd;
		d->rm = (uint8_t)m;
		if (m == 15) {
			if (dd == 15)
				return undef(d, "MOV PC, PC is UNPREDICTABLE");
			return dp_imm(d, DP_MOV, pc + 4);
		}
		if (dd == 15) {
			if (in_it && !last_in_it)
				return undef(d, "a branch inside an IT block must be its last instruction");
			d->op = M_OP_MOV_PC;
			return;
		}
		if (dd == 13) {
			d->op = M_OP_SP_MOV_R;
			return;
		}
		return dp_reg(d, DP_MOV);
	}
	case F16_BX:
		d->rm = (uint8_t)BITS(x, 6, 3);
		if (d->rm == 15)
			return undef(d, "BX/BLX PC is UNPREDICTABLE");
		if (in_it && !last_in_it)
			return undef(d, "a branch inside an IT block must be its last instruction");
		d->op = r->arg ? M_OP_BLX : M_OP_BX;
		return;
	case F16_LDR_LIT:
		/* literal: the base is the always-zero r16, the address the immediate */
		d->rd = (uint8_t)BITS(x, 10, 8);
		d->rn = M_R_ZERO;
		d->imm = ((pc + 4) & ~3u) + (x & 0xff) * 4;
		d->op = ls_op(LS_LDR, 0);
		return;
	case F16_LS_R:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)rn;
		d->rm = (uint8_t)rm;
		d->op = ls_op(r->arg, 1);
		return;
	case F16_LS_I: {
		unsigned scale = r->arg == LS_STR || r->arg == LS_LDR ? 4 : r->arg == LS_STRH || r->arg == LS_LDRH ? 2 : 1;
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)rn;
		d->imm = BITS(x, 10, 6) * scale;
		d->op = ls_op(r->arg, 0);
		return;
	}
	case F16_LS_SP:
		d->rd = (uint8_t)BITS(x, 10, 8);
		d->rn = 13;
		d->imm = (x & 0xff) * 4;
		d->op = ls_op(r->arg, 0);
		return;
	case F16_ADR:
		d->rd = (uint8_t)BITS(x, 10, 8);
		d->setflags = false;
		return dp_imm(d, DP_MOV, ((pc + 4) & ~3u) + (x & 0xff) * 4);
	case F16_ADD_SPI:
		d->rd = (uint8_t)BITS(x, 10, 8);
		d->rn = 13;
		d->setflags = false;
		return dp_imm(d, DP_ADD, (x & 0xff) * 4);
	case F16_SP_ADJ:
		d->rd = d->rn = 13;
		d->imm = (x & 0x7f) * 4;
		d->op = r->arg == DP_ADD ? M_OP_SP_ADD_I : M_OP_SP_SUB_I;
		return;
	case F16_CBZ:
		if (in_it)
			return undef(d, "CBZ/CBNZ inside an IT block");
		d->rn = (uint8_t)rd;
		d->imm = pc + 4 + (BIT(x, 9) << 6 | BITS(x, 7, 3) << 1);
		d->op = r->arg ? M_OP_CBNZ : M_OP_CBZ;
		return;
	case F16_EXT:
		d->rd = (uint8_t)rd;
		d->rm = (uint8_t)rn;
		d->op = r->arg;
		return;
	case F16_PUSH:
		d->rn = 13;
		d->imm = (x & 0xff) | BIT(x, 8) << 14;
		d->wback = true;
		if (!d->imm)
			return undef(d, "PUSH with an empty register list is UNPREDICTABLE");
		d->op = M_OP_STMDB;
		return;
	case F16_POP:
		d->rn = 13;
		d->imm = (x & 0xff) | BIT(x, 8) << 15;
		d->wback = true;
		if (!d->imm)
			return undef(d, "POP with an empty register list is UNPREDICTABLE");
		if (BIT(x, 8) && in_it && !last_in_it)
			return undef(d, "a branch inside an IT block must be its last instruction");
		d->op = M_OP_LDM;
		return;
	case F16_CPS:
		if (in_it)
			return undef(d, "CPS inside an IT block is UNPREDICTABLE");
		d->op = M_OP_SLOW;
		d->sub = M_SUB_CPS;
		d->imm = x & 0x1f;
		d->mnem = BIT(x, 4) ? "cpsid" : "cpsie";
		if (!(x & 3))
			return undef(d, "CPS affecting neither I nor F is UNPREDICTABLE");
		return;
	case F16_REV:
		d->rd = (uint8_t)rd;
		d->rm = (uint8_t)rn;
		d->op = r->arg;
		return;
	case F16_BKPT:
		d->op = M_OP_SLOW;
		d->sub = M_SUB_BKPT;
		d->imm = x & 0xff;
		return;
	case F16_IT: {
		unsigned first = BITS(x, 7, 4), mask = x & 0xf;
		if (in_it)
			return undef(d, "IT inside an IT block is UNPREDICTABLE");
		if (first == 15 || (first == 14 && (mask & (mask - 1)) != 0))
			return undef(d, "IT with condition 0b1111, or AL with more than one instruction");
		d->imm = x & 0xff;
		d->op = M_OP_IT;
		return;
	}
	case F16_HINT:
		d->sub = r->arg;
		d->op = r->arg == M_SUB_NONE || r->arg == M_SUB_YIELD ? M_OP_NOP : M_OP_SLOW;
		return;
	case F16_LDMSTM:
		d->rn = (uint8_t)BITS(x, 10, 8);
		d->imm = x & 0xff;
		if (!d->imm)
			return undef(d, "LDM/STM with an empty register list is UNPREDICTABLE");
		d->wback = r->arg ? !(d->imm & (1u << d->rn)) : true;
		if (!r->arg && (d->imm & (1u << d->rn)) && (d->imm & ((1u << d->rn) - 1)))
			return undef(d, "STM with writeback storing its base register not first is UNPREDICTABLE");
		d->op = r->arg ? M_OP_LDM : M_OP_STM;
		return;
	case F16_UDF:
		d->op = M_OP_SLOW;
		d->sub = M_SUB_UDF;
		d->imm = x & 0xff;
		return;
	case F16_SVC:
		d->op = M_OP_SLOW;
		d->sub = M_SUB_SVC;
		d->imm = x & 0xff;
		return;
	case F16_BCOND:
		if (in_it)
			return undef(d, "a conditional branch inside an IT block is UNPREDICTABLE");
		d->cond = (uint8_t)BITS(x, 11, 8);
		d->imm = pc + 4 + sext((x & 0xff) << 1, 9);
		d->op = cond_op(d->cond);
		return;
	case F16_B:
		if (in_it && !last_in_it)
			return undef(d, "a branch inside an IT block must be its last instruction");
		d->imm = pc + 4 + sext((x & 0x7ff) << 1, 12);
		d->op = M_OP_B;
		return;
	}
	undef(d, "unknown 16-bit format");
}

void armv7m_decode(uint32_t raw, unsigned len, uint32_t pc, bool in_it, bool last_in_it,
		   struct m_insn *d)
{
	memset(d, 0, sizeof(*d));
	d->len = (uint8_t)len;
	d->raw = raw;
	d->cond = 14;
	d->add = true;
	d->index = true;
	if (len == 2) {
		for (unsigned i = 0; i < NROWS(rows16); i++) {
			const struct row *r = &rows16[i];
			if ((raw & r->mask) == r->match) {
				d->mnem = r->mnem;
				dec16(raw, r, pc, in_it, last_in_it, d);
				return;
			}
		}
		d->mnem = "udf";
		return undef(d, "UNDEFINED 16-bit encoding");
	}
	if (armv7m_decode32(raw, pc, in_it, last_in_it, d))
		return;
	d->mnem = "udf";
	undef(d, "UNDEFINED 32-bit encoding");
}

bool armv7m_decode_row(unsigned i, uint32_t *match, uint32_t *mask, unsigned *len)
{
	if (i < NROWS(rows16)) {
		*match = rows16[i].match;
		*mask = rows16[i].mask;
		*len = 2;
		return true;
	}
	return armv7m_decode32_row(i - NROWS(rows16), match, mask, len);
}
