/* The fields of the 32-bit Thumb-2 encodings: each row of the table
 * (armv7m_rows32.c) to an operation and its operands, with the
 * UNPREDICTABLE cases.  See armv7m_decode.c for how rows are used. */
#include <stddef.h>

#include "models/armv7m/armv7m_decode_priv.h"

#define NROWS(t) (sizeof(t) / sizeof((t)[0]))

/* Mnemonics of the DSP multiplies, which the row names by family. */
static const char *dsp_mnem(unsigned sub)
{
	static const struct { uint16_t sub; const char *n; } t[] = {
		{ M_SUB_SMULBB, "smulbb" }, { M_SUB_SMULBT, "smulbt" }, { M_SUB_SMULTB, "smultb" },
		{ M_SUB_SMULTT, "smultt" }, { M_SUB_SMLABB, "smlabb" }, { M_SUB_SMLABT, "smlabt" },
		{ M_SUB_SMLATB, "smlatb" }, { M_SUB_SMLATT, "smlatt" }, { M_SUB_SMULWB, "smulwb" },
		{ M_SUB_SMULWT, "smulwt" }, { M_SUB_SMLAWB, "smlawb" }, { M_SUB_SMLAWT, "smlawt" },
		{ M_SUB_SMUAD, "smuad" }, { M_SUB_SMUADX, "smuadx" }, { M_SUB_SMUSD, "smusd" },
		{ M_SUB_SMUSDX, "smusdx" }, { M_SUB_SMLAD, "smlad" }, { M_SUB_SMLADX, "smladx" },
		{ M_SUB_SMLSD, "smlsd" }, { M_SUB_SMLSDX, "smlsdx" }, { M_SUB_SMMUL, "smmul" },
		{ M_SUB_SMMULR, "smmulr" }, { M_SUB_SMMLA, "smmla" }, { M_SUB_SMMLAR, "smmlar" },
		{ M_SUB_SMMLS, "smmls" }, { M_SUB_SMMLSR, "smmlsr" }, { M_SUB_USAD8, "usad8" },
		{ M_SUB_USADA8, "usada8" }, { M_SUB_SMLALBB, "smlalbb" }, { M_SUB_SMLALBT, "smlalbt" },
		{ M_SUB_SMLALTB, "smlaltb" }, { M_SUB_SMLALTT, "smlaltt" }, { M_SUB_SMLALD, "smlald" },
		{ M_SUB_SMLALDX, "smlaldx" }, { M_SUB_SMLSLD, "smlsld" }, { M_SUB_SMLSLDX, "smlsldx" },
		{ M_SUB_SXTB16, "sxtb16" }, { M_SUB_UXTB16, "uxtb16" },
	};
	for (unsigned i = 0; i < NROWS(t); i++)
		if (t[i].sub == sub)
			return t[i].n;
	return NULL;
}

static void slow(struct m_insn *d, unsigned sub)
{
	d->op = M_OP_SLOW;
	d->sub = (uint16_t)sub;
}

static void dsp(struct m_insn *d, unsigned sub)
{
	d->op = M_OP_DSP;
	d->sub = (uint16_t)sub;
	const char *n = dsp_mnem(sub);
	if (n)
		d->mnem = n;
}

/* a branch in an IT block must be its last instruction */
static bool branch_in_it(bool in_it, bool last)
{
	return in_it && !last;
}

static void dec_dp(uint32_t x, const struct row *r, struct m_insn *d, bool imm_form)
{
	unsigned fam = r->arg, dd = BITS(x, 11, 8), n = BITS(x, 19, 16), m = x & 15;
	d->setflags = BIT(x, 20);
	d->rd = (uint8_t)dd;
	d->rn = (uint8_t)n;
	d->rm = (uint8_t)m;
	bool logical = fam <= DP_BIC || fam == DP_MOV || fam == DP_MVN || fam == DP_TST || fam == DP_TEQ;
	bool sp_form = (fam == DP_ADD || fam == DP_SUB) && n == 13;
	if (imm_form) {
		unsigned imm12 = BIT(x, 26) << 11 | BITS(x, 14, 12) << 8 | (x & 0xff);
		bool unpred;
		d->imm = expand_imm(imm12, &d->carry, &unpred);
		if (!logical || !d->setflags)
			d->carry = 0;
		if (unpred)
			return undef(d, "a modified immediate with a zero byte is UNPREDICTABLE");
		if (d->rm != 0)
			d->rm = 0;
	} else {
		imm_shift(BITS(x, 5, 4), BITS(x, 14, 12) << 2 | BITS(x, 7, 6), d);
		if (fam == DP_MOV && d->shtype != M_SH_LSL)
			d->mnem = (const char *const[]){ "lsl", "lsr", "asr", "ror", "rrx" }[d->shtype];
		else if (fam == DP_MOV && d->shamt)
			d->mnem = "lsl";
		if (bad(m) && !(fam == DP_MOV && !d->setflags && d->shamt == 0 && m == 13 && dd != 13))
			return undef(d, "SP or PC as the register operand is UNPREDICTABLE");
	}
	switch (fam) {
	case DP_TST: case DP_TEQ:
		if (bad(n))
			return undef(d, "SP or PC as the first operand is UNPREDICTABLE");
		break;
	case DP_CMP: case DP_CMN:
		if (n == 15)
			return undef(d, "PC as the first operand is UNPREDICTABLE");
		break;
	case DP_MOV: case DP_MVN:
		if (dd == 15 || (dd == 13 && (d->setflags || fam == DP_MVN || imm_form || d->shamt)))
			return undef(d, "SP or PC as the destination is UNPREDICTABLE here");
		if (dd == 13) {
			d->op = M_OP_SP_MOV_R;
			return;
		}
		break;
	case DP_ADD: case DP_SUB:
		if (n == 15)
			return undef(d, "PC as the first operand is UNPREDICTABLE (ADR is ADDW/SUBW)");
		if (dd == 15 || (dd == 13 && !sp_form))
			return undef(d, "SP or PC as the destination is UNPREDICTABLE here");
		if (dd == 13) {
			if (d->setflags)
				return undef(d, "ADDS/SUBS to SP is not modelled");
			if (imm_form) {
				d->op = fam == DP_ADD ? M_OP_SP_ADD_I : M_OP_SP_SUB_I;
				return;
			}
			if (d->shtype != M_SH_LSL || d->shamt > 3)
				return undef(d, "ADD/SUB SP with a shift other than LSL #0..3 is UNPREDICTABLE");
			d->imm = d->shamt;
			d->op = fam == DP_ADD ? M_OP_SP_ADD_R : M_OP_SP_SUB_R;
			return;
		}
		break;
	default:
		if (bad(dd) || bad(n))
			return undef(d, "SP or PC as an operand is UNPREDICTABLE");
	}
	if (imm_form)
		dp_imm(d, fam, d->imm);
	else
		dp_reg(d, fam);
}

static void dec_ls(uint32_t x, const struct row *r, struct m_insn *d, unsigned form, bool in_it,
		   bool last_in_it)
{
	unsigned fam = r->arg, t = BITS(x, 15, 12), n = BITS(x, 19, 16);
	bool load = ls_is_load(fam);
	d->rd = (uint8_t)t;
	d->rn = (uint8_t)n;
	if (!load && n == 15)
		return undef(d, "a store with PC as the base is UNDEFINED");
	if (d->wback && n == t)
		return undef(d, "writeback to the transferred register is UNPREDICTABLE");
	d->op = ls_op(fam, form);
	if (t == 15 || (t == 13 && load)) {
		if (fam != LS_LDR)
			return undef(d, "SP or PC as the transferred register is UNPREDICTABLE");
		if (t == 15 && branch_in_it(in_it, last_in_it))
			return undef(d, "a branch inside an IT block must be its last instruction");
		return slow(d, t == 15 ? M_SUB_LDR_PC : M_SUB_LDR_SP);
	}
	if (t == 13 && fam != LS_STR)
		return undef(d, "SP as the transferred register is UNPREDICTABLE");
}

static unsigned popcount16(uint32_t v)
{
	unsigned n = 0;
	for (v &= 0xffff; v; v &= v - 1)
		n++;
	return n;
}

static void dec32(uint32_t x, const struct row *r, uint32_t pc, bool in_it, bool last_in_it,
		  struct m_insn *d)
{
	unsigned n = BITS(x, 19, 16), t = BITS(x, 15, 12), rd = BITS(x, 11, 8), m = x & 15;
	switch (r->fmt) {
	case F_LDMSTM: {
		uint32_t list = x & 0xffff;
		bool load = r->arg == M_OP_LDM || r->arg == M_OP_LDMDB;
		d->rn = (uint8_t)n;
		d->wback = BIT(x, 21);
		d->imm = list;
		d->op = r->arg;
		if (n == 13 && d->wback && (r->arg == M_OP_LDM || r->arg == M_OP_STMDB))
			d->mnem = load ? "pop" : "push";
		if (n == 15 || popcount16(list) < 2 || (list & (1u << 13)))
			return undef(d, "LDM/STM with PC as the base, SP in the list or fewer than two "
					"registers is UNPREDICTABLE");
		if (load && (list & 0xC000) == 0xC000)
			return undef(d, "LDM of both LR and PC is UNPREDICTABLE");
		if (!load && (list & 0x8000))
			return undef(d, "STM of PC is UNPREDICTABLE");
		if (d->wback && (list & (1u << n)))
			return undef(d, "LDM/STM with writeback of a listed base is UNPREDICTABLE");
		if (load && (list & 0x8000) && branch_in_it(in_it, last_in_it))
			return undef(d, "a branch inside an IT block must be its last instruction");
		return;
	}
	case F_STREX:
		d->rn = (uint8_t)n;
		d->ra = (uint8_t)t;
		d->rd = (uint8_t)rd;
		d->imm = (x & 0xff) * 4;
		slow(d, r->arg);
		if (bad(rd) || bad(t) || n == 15 || rd == n || rd == t)
			return undef(d, "STREX register constraints (UNPREDICTABLE)");
		return;
	case F_LDREX:
		d->rn = (uint8_t)n;
		d->rd = (uint8_t)t;
		d->imm = (x & 0xff) * 4;
		slow(d, r->arg);
		if (bad(t) || n == 15)
			return undef(d, "LDREX with SP or PC is UNPREDICTABLE");
		return;
	case F_STREXBH:
		d->rn = (uint8_t)n;
		d->ra = (uint8_t)t;
		d->rd = (uint8_t)m;
		slow(d, r->arg);
		if (bad(m) || bad(t) || n == 15 || m == n || m == t)
			return undef(d, "STREXB/STREXH register constraints (UNPREDICTABLE)");
		return;
	case F_LDREXBH:
		d->rn = (uint8_t)n;
		d->rd = (uint8_t)t;
		slow(d, r->arg);
		if (bad(t) || n == 15)
			return undef(d, "LDREXB/LDREXH with SP or PC is UNPREDICTABLE");
		return;
	case F_TB:
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->op = r->arg;
		if (n == 15) {
			d->rn = M_R_ZERO;
			d->imm = pc + 4;
		}
		if (n == 13 || bad(m))
			return undef(d, "TBB/TBH with SP as the base or SP/PC as the index is UNPREDICTABLE");
		if (branch_in_it(in_it, last_in_it))
			return undef(d, "a branch inside an IT block must be its last instruction");
		return;
	case F_LDRD: {
		bool p = BIT(x, 24), w = BIT(x, 21), load = r->arg;
		uint32_t off = (x & 0xff) * 4;
		d->rn = (uint8_t)n;
		d->rd = (uint8_t)t;
		d->ra = (uint8_t)rd;
		d->index = p;
		d->wback = w;
		d->add = BIT(x, 23);
		d->imm = d->add ? off : (uint32_t)-off;
		if (p && !w && n != 15)
			d->op = load ? M_OP_LDRD_I : M_OP_STRD_I;
		else
			slow(d, load ? M_SUB_LDRD_POST : M_SUB_STRD_POST);
		if (w && (n == t || n == rd))
			return undef(d, "LDRD/STRD writeback to a transferred register is UNPREDICTABLE");
		if (n == 15 && (w || !load))
			return undef(d, "LDRD/STRD with PC as the base is UNPREDICTABLE here");
		if (bad(t) || bad(rd) || (load && t == rd))
			return undef(d, "LDRD/STRD with SP, PC or the same register twice is UNPREDICTABLE");
		return;
	}
	case F_DP_SR:
		return dec_dp(x, r, d, false);
	case F_DP_MI:
		return dec_dp(x, r, d, true);
	case F_PKH:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->imm = BITS(x, 14, 12) << 2 | BITS(x, 7, 6);
		if (r->arg == M_SUB_PKHTB && d->imm == 0)
			d->imm = 32;
		dsp(d, r->arg);
		if (bad(rd) || bad(n) || bad(m))
			return undef(d, "PKH with SP or PC is UNPREDICTABLE");
		return;
	case F_ADDW: {
		uint32_t imm = BIT(x, 26) << 11 | BITS(x, 14, 12) << 8 | (x & 0xff);
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		if (n == 15) {
			uint32_t base = (pc + 4) & ~3u;
			d->mnem = "adr";
			if (bad(rd))
				return undef(d, "ADR to SP or PC is UNPREDICTABLE");
			return dp_imm(d, DP_MOV, r->arg == DP_ADD ? base + imm : base - imm);
		}
		if (rd == 13 && n == 13) {
			d->imm = imm;
			d->op = r->arg == DP_ADD ? M_OP_SP_ADD_I : M_OP_SP_SUB_I;
			return;
		}
		if (bad(rd))
			return undef(d, "ADDW/SUBW to SP or PC is UNPREDICTABLE");
		return dp_imm(d, r->arg, imm);
	}
	case F_MOVW: {
		uint32_t imm = BITS(x, 19, 16) << 12 | BIT(x, 26) << 11 | BITS(x, 14, 12) << 8 | (x & 0xff);
		d->rd = (uint8_t)rd;
		if (r->arg) {
			d->imm = imm;
			d->op = M_OP_MOVT;
		} else {
			dp_imm(d, DP_MOV, imm);
		}
		if (bad(rd))
			return undef(d, "MOVW/MOVT to SP or PC is UNPREDICTABLE");
		return;
	}
	case F_SAT: {
		unsigned sh = BIT(x, 21) ? M_SH_ASR : M_SH_LSL;
		unsigned amt = BITS(x, 14, 12) << 2 | BITS(x, 7, 6);
		unsigned sat = (x & 31) + (r->arg == M_SUB_SSAT ? 1 : 0);
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		/* saturate to (1..32 for SSAT) in bits [5:0], the shift type in
		 * [6], the amount in [12:7] */
		d->imm = sat | (sh == M_SH_ASR) << 6 | (sh == M_SH_ASR && amt == 0 ? 32 : amt) << 7;
		dsp(d, r->arg);
		if (bad(rd) || bad(n))
			return undef(d, "SSAT/USAT with SP or PC is UNPREDICTABLE");
		return;
	}
	case F_SAT16:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->imm = (x & 15) + (r->arg == M_SUB_SSAT16 ? 1 : 0);
		dsp(d, r->arg);
		if (bad(rd) || bad(n))
			return undef(d, "SSAT16/USAT16 with SP or PC is UNPREDICTABLE");
		return;
	case F_BFX: {
		unsigned lsb = BITS(x, 14, 12) << 2 | BITS(x, 7, 6), w = (x & 31) + 1;
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->imm = lsb | w << 8;
		d->op = r->arg;
		if (bad(rd) || bad(n) || lsb + w > 32)
			return undef(d, "SBFX/UBFX past bit 31 or with SP/PC is UNPREDICTABLE");
		return;
	}
	case F_BFI: {
		unsigned lsb = BITS(x, 14, 12) << 2 | BITS(x, 7, 6), msb = x & 31;
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->imm = lsb | (msb + 1 - lsb) << 8;
		d->op = n == 15 ? M_OP_BFC : M_OP_BFI;
		if (n == 15)
			d->mnem = "bfc";
		if (bad(rd) || n == 13 || msb < lsb)
			return undef(d, "BFI/BFC with msb < lsb or SP/PC is UNPREDICTABLE");
		return;
	}
	case F_BCOND: {
		uint32_t off = BIT(x, 26) << 20 | BIT(x, 11) << 19 | BIT(x, 13) << 18 |
			       BITS(x, 21, 16) << 12 | (x & 0x7ff) << 1;
		d->cond = (uint8_t)BITS(x, 25, 22);
		if (d->cond >= 14)
			return undef(d, "UNDEFINED branch/miscellaneous control encoding");
		d->imm = pc + 4 + sext(off, 21);
		d->op = cond_op(d->cond);
		if (in_it)
			return undef(d, "a conditional branch inside an IT block is UNPREDICTABLE");
		return;
	}
	case F_B: case F_BL: {
		unsigned s = BIT(x, 26), i1 = !(BIT(x, 13) ^ s), i2 = !(BIT(x, 11) ^ s);
		uint32_t off = s << 24 | i1 << 23 | i2 << 22 | BITS(x, 25, 16) << 12 | (x & 0x7ff) << 1;
		d->imm = pc + 4 + sext(off, 25);
		d->op = r->fmt == F_BL ? M_OP_BL : M_OP_B;
		if (branch_in_it(in_it, last_in_it))
			return undef(d, "a branch inside an IT block must be its last instruction");
		return;
	}
	case F_MSR: {
		unsigned mask = BITS(x, 11, 10), sysm = x & 0xff;
		d->rn = (uint8_t)n;
		d->imm = sysm | mask << 8;
		slow(d, M_SUB_MSR);
		if (mask == 0 || (mask != 2 && sysm > 3) || bad(n) ||
		    !(sysm <= 3 || (sysm >= 5 && sysm <= 9) || (sysm >= 16 && sysm <= 20)))
			return undef(d, "MSR with a reserved mask or register is UNPREDICTABLE");
		return;
	}
	case F_HINT:
		d->sub = r->arg;
		d->op = r->arg == M_SUB_NONE || r->arg == M_SUB_YIELD || r->arg == M_SUB_DBG ? M_OP_NOP : M_OP_SLOW;
		return;
	case F_BARRIER:
		/* the decode cache is coherent and every access that changes the
		 * memory map or an exception's state leaves the loop: barriers
		 * have nothing to wait for */
		d->sub = r->arg;
		d->op = r->arg == M_SUB_CLREX ? M_OP_SLOW : M_OP_NOP;
		return;
	case F_MRS: {
		unsigned sysm = x & 0xff;
		d->rd = (uint8_t)rd;
		d->imm = sysm;
		slow(d, M_SUB_MRS);
		if (bad(rd) || !(sysm <= 3 || (sysm >= 5 && sysm <= 9) || (sysm >= 16 && sysm <= 20)))
			return undef(d, "MRS to SP/PC or of a reserved register is UNPREDICTABLE");
		return;
	}
	case F_UDF:
		d->imm = BITS(x, 19, 16) << 12 | (x & 0xfff);
		return slow(d, M_SUB_UDF);
	case F_LS_I12:
		d->imm = x & 0xfff;
		return dec_ls(x, r, d, 0, in_it, last_in_it);
	case F_LS_I8: {
		bool p = BIT(x, 10), u = BIT(x, 9), w = BIT(x, 8);
		uint32_t off = x & 0xff;
		d->index = p;
		d->add = u;
		d->wback = w;
		d->imm = u ? off : (uint32_t)-off;
		if (!p && !w)
			return undef(d, "a load/store with neither index nor writeback is UNDEFINED");
		if (n == 13 && w && off == 4 && ((ls_is_load(r->arg) && !p && u) || (!ls_is_load(r->arg) && p && !u)) &&
		    (r->arg == LS_LDR || r->arg == LS_STR))
			d->mnem = ls_is_load(r->arg) ? "pop" : "push";
		dec_ls(x, r, d, !w ? 0 : p ? 2 : 3, in_it, last_in_it);
		if (d->op == M_OP_SLOW)
			d->imm = x & 0xfff; /* the slow path decodes P/U/W again */
		return;
	}
	case F_LS_T:
		d->rd = (uint8_t)t;
		d->rn = (uint8_t)n;
		d->imm = x & 0xff;
		slow(d, r->arg);
		if (n == 15 || bad(t) || (t == 13 && r->arg == M_SUB_STRT && false))
			return undef(d, "unprivileged load/store with SP or PC is UNPREDICTABLE");
		return;
	case F_LS_LIT: {
		uint32_t base = (pc + 4) & ~3u, off = x & 0xfff;
		d->imm = BIT(x, 23) ? base + off : base - off;
		d->rd = (uint8_t)t;
		d->rn = M_R_ZERO;
		d->op = ls_op(r->arg, 0);
		if (t == 15 || t == 13) {
			if (r->arg != LS_LDR)
				return undef(d, "SP or PC as the transferred register is UNPREDICTABLE");
			if (t == 15 && branch_in_it(in_it, last_in_it))
				return undef(d, "a branch inside an IT block must be its last instruction");
			d->imm = x & 0xfff;
			return slow(d, t == 15 ? M_SUB_LDR_PC : M_SUB_LDR_SP);
		}
		return;
	}
	case F_LS_R:
		d->rm = (uint8_t)m;
		if (bad(m))
			return undef(d, "SP or PC as the offset register is UNPREDICTABLE");
		d->shamt = (uint8_t)BITS(x, 5, 4);
		d->imm = d->shamt;
		return dec_ls(x, r, d, 1, in_it, last_in_it);
	case F_NOP:
		d->op = M_OP_NOP;
		return;
	case F_SHIFT_R:
		d->setflags = BIT(x, 20);
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->op = (uint16_t)(r->arg + (d->setflags ? 4 : 0));
		if (bad(rd) || bad(n) || bad(m))
			return undef(d, "a shift with SP or PC is UNPREDICTABLE");
		return;
	case F_EXT: {
		static const struct { uint16_t acc, plain; const char *mnem; } ext[] = {
			{ M_OP_SXTAH, M_OP_SXTH, "sxth" }, { M_OP_UXTAH, M_OP_UXTH, "uxth" },
			{ M_OP_SXTAB, M_OP_SXTB, "sxtb" }, { M_OP_UXTAB, M_OP_UXTB, "uxtb" },
			{ M_SUB_SXTAB16, M_SUB_SXTB16, "sxtb16" }, { M_SUB_UXTAB16, M_SUB_UXTB16, "uxtb16" },
		};
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->imm = BITS(x, 5, 4) * 8;
		unsigned k = r->arg, op = ext[k].acc;
		if (n == 15) {
			op = ext[k].plain;
			d->mnem = ext[k].mnem;
		}
		if (k >= 4)
			dsp(d, op);
		else
			d->op = (uint16_t)op;
		if (bad(rd) || n == 13 || bad(m))
			return undef(d, "an extend with SP or PC is UNPREDICTABLE");
		return;
	}
	case F_PAR:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		dsp(d, r->arg);
		if (bad(rd) || bad(n) || bad(m))
			return undef(d, "a parallel add/subtract with SP or PC is UNPREDICTABLE");
		return;
	case F_MISC:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->op = r->arg;
		if (n != m)
			return undef(d, "the two Rm fields differ (UNPREDICTABLE)");
		if (bad(rd) || bad(m))
			return undef(d, "SP or PC as an operand is UNPREDICTABLE");
		return;
	case F_MUL:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->ra = (uint8_t)t;
		d->op = r->arg;
		if (r->arg == M_OP_MLA && t == 15) {
			d->op = M_OP_MUL;
			d->mnem = "mul";
		}
		if (bad(rd) || bad(n) || bad(m) || t == 13 || (r->arg == M_OP_MLS && t == 15))
			return undef(d, "a multiply with SP or PC is UNPREDICTABLE");
		return;
	case F_DSPMUL: {
		unsigned sub = r->arg;
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->ra = (uint8_t)t;
		if (sub == M_SUB_SMLABB)
			sub += BIT(x, 5) * 2 + BIT(x, 4);
		else if (sub != M_SUB_USADA8)
			sub += BIT(x, 4);
		if (t == 15) {
			switch (r->arg) {
			case M_SUB_SMLABB: sub = sub - M_SUB_SMLABB + M_SUB_SMULBB; break;
			case M_SUB_SMLAD: sub = sub - M_SUB_SMLAD + M_SUB_SMUAD; break;
			case M_SUB_SMLAWB: sub = sub - M_SUB_SMLAWB + M_SUB_SMULWB; break;
			case M_SUB_SMLSD: sub = sub - M_SUB_SMLSD + M_SUB_SMUSD; break;
			case M_SUB_SMMLA: sub = sub - M_SUB_SMMLA + M_SUB_SMMUL; break;
			case M_SUB_USADA8: sub = M_SUB_USAD8; break;
			default: return undef(d, "SMMLS without an accumulator is UNPREDICTABLE");
			}
		}
		dsp(d, sub);
		if (bad(rd) || bad(n) || bad(m) || t == 13)
			return undef(d, "a multiply with SP or PC is UNPREDICTABLE");
		return;
	}
	case F_LMUL: case F_DSPLMUL: {
		d->rd = (uint8_t)t;  /* RdLo */
		d->ra = (uint8_t)rd; /* RdHi */
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		if (r->fmt == F_LMUL)
			d->op = r->arg;
		else
			dsp(d, r->arg + (r->arg == M_SUB_SMLALBB ? BIT(x, 5) * 2 + BIT(x, 4) : BIT(x, 4)));
		if (bad(t) || bad(rd) || bad(n) || bad(m) || t == rd)
			return undef(d, "a long multiply with SP, PC or RdHi == RdLo is UNPREDICTABLE");
		return;
	}
	case F_DIV:
		d->rd = (uint8_t)rd;
		d->rn = (uint8_t)n;
		d->rm = (uint8_t)m;
		d->op = r->arg;
		if (bad(rd) || bad(n) || bad(m))
			return undef(d, "a divide with SP or PC is UNPREDICTABLE");
		return;
	case F_NOCP:
		return slow(d, M_SUB_NOCP);
	default:
		return armv7m_decode_fp(x, r, d, pc);
	}
}

bool armv7m_decode32(uint32_t raw, uint32_t pc, bool in_it, bool last_in_it, struct m_insn *d)
{
	for (unsigned i = 0; i < armv7m_nrows32; i++) {
		const struct row *r = &armv7m_rows32[i];
		if ((raw & r->mask) == r->match) {
			d->mnem = r->mnem;
			dec32(raw, r, pc, in_it, last_in_it, d);
			return true;
		}
	}
	return false;
}

bool armv7m_decode32_row(unsigned i, uint32_t *match, uint32_t *mask, unsigned *len)
{
	if (i >= armv7m_nrows32)
		return false;
	*match = armv7m_rows32[i].match;
	*mask = armv7m_rows32[i].mask;
	*len = 4;
	return true;
}
