/* The FP-unit encodings of the decode table (ARMv7-M ARM A6: FPv4-SP
 * data processing, transfers between core and FP registers, extension
 * register loads and stores), behind armv7m_decode32.c's rows. */
#include "models/armv7m/armv7m_decode_priv.h"

static void dec_fp_sz(uint32_t x, struct m_insn *d)
{
	if (BIT(x, 8))
		undef(d, "double-precision arithmetic is UNDEFINED on FPv4-SP");
}

/* S register numbers: Vd:D, Vn:N, Vm:M */
#define SD(x) ((uint8_t)(BITS(x, 15, 12) << 1 | BIT(x, 22)))
#define SN(x) ((uint8_t)(BITS(x, 19, 16) << 1 | BIT(x, 7)))
#define SM(x) ((uint8_t)(((x) & 15) << 1 | BIT(x, 5)))

void armv7m_decode_fp(uint32_t x, const struct row *r, struct m_insn *d, uint32_t pc)
{
	switch (r->fmt) {
	case F_VDP:
		d->rd = SD(x);
		d->rn = SN(x);
		d->rm = SM(x);
		vfp(d, r->arg);
		return dec_fp_sz(x, d);
	case F_VMOVI: {
		unsigned imm8 = BITS(x, 19, 16) << 4 | (x & 15);
		unsigned b6 = BIT(imm8, 6);
		d->rd = SD(x);
		d->imm = BIT(imm8, 7) << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1fu : 0) << 25 |
			 BITS(imm8, 5, 0) << 19;
		vfp(d, r->arg);
		return dec_fp_sz(x, d);
	}
	case F_VUN:
		d->rd = SD(x);
		d->rm = SM(x);
		vfp(d, r->arg);
		return dec_fp_sz(x, d);
	case F_VCVTH:
		d->rd = SD(x);
		d->rm = SM(x);
		vfp(d, BIT(x, 16) ? (BIT(x, 7) ? M_SUB_VCVTT_F16 : M_SUB_VCVTB_F16)
				  : (BIT(x, 7) ? M_SUB_VCVTT_F32 : M_SUB_VCVTB_F32));
		d->mnem = BIT(x, 7) ? "vcvtt" : "vcvtb";
		return;
	case F_VCMP:
		d->rd = SD(x);
		d->rm = SM(x);
		vfp(d, r->arg ? (BIT(x, 7) ? M_SUB_VCMPEZ : M_SUB_VCMPZ)
			      : (BIT(x, 7) ? M_SUB_VCMPE : M_SUB_VCMP));
		if (BIT(x, 7))
			d->mnem = "vcmpe";
		return dec_fp_sz(x, d);
	case F_VCVTI:
		d->rd = SD(x);
		d->rm = SM(x);
		if (r->arg == 0)
			vfp(d, BIT(x, 7) ? M_SUB_VCVT_F32_S32 : M_SUB_VCVT_F32_U32);
		else if (BIT(x, 7))
			vfp(d, BIT(x, 16) ? M_SUB_VCVT_S32_F32 : M_SUB_VCVT_U32_F32);
		else {
			vfp(d, BIT(x, 16) ? M_SUB_VCVTR_S32_F32 : M_SUB_VCVTR_U32_F32);
			d->mnem = "vcvtr";
		}
		return dec_fp_sz(x, d);
	case F_VCVTX: {
		unsigned size = BIT(x, 7) ? 32 : 16, imm5 = (x & 15) << 1 | BIT(x, 5);
		d->rd = d->rm = SD(x);
		if (imm5 > size)
			return undef(d, "VCVT (fixed point) with more fraction bits than the size is UNPREDICTABLE");
		d->imm = (BIT(x, 18) << 2 | BIT(x, 16) << 1 | BIT(x, 7)) | (size - imm5) << 8;
		vfp(d, M_SUB_VCVT_FX);
		return dec_fp_sz(x, d);
	}
	case F_VMOV_SR:
		d->rd = (uint8_t)BITS(x, 15, 12);
		d->rn = SN(x);
		vfp(d, BIT(x, 20) ? M_SUB_VMOV_RS : M_SUB_VMOV_SR);
		if (bad(d->rd))
			return undef(d, "SP or PC in VMOV is UNPREDICTABLE");
		return;
	case F_VMRS:
		d->rd = (uint8_t)BITS(x, 15, 12);
		vfp(d, r->arg);
		if ((r->arg == M_SUB_VMSR && bad(d->rd)) || (r->arg == M_SUB_VMRS && d->rd == 13))
			return undef(d, "SP or PC in VMRS/VMSR is UNPREDICTABLE");
		return;
	case F_VMOV_SC: {
		unsigned dreg = BIT(x, 7) << 4 | BITS(x, 19, 16);
		d->rd = (uint8_t)BITS(x, 15, 12);
		d->rn = (uint8_t)(dreg * 2 + BIT(x, 21));
		vfp(d, r->arg);
		if (dreg >= 16)
			return undef(d, "D16..D31 do not exist on FPv4-SP");
		if (bad(d->rd))
			return undef(d, "SP or PC in VMOV is UNPREDICTABLE");
		return;
	}
	case F_VMOV_2: {
		bool to_core = BIT(x, 20);
		d->rd = (uint8_t)BITS(x, 15, 12);
		d->ra = (uint8_t)BITS(x, 19, 16);
		if (BIT(x, 8)) {
			unsigned dreg = BIT(x, 5) << 4 | (x & 15);
			d->rm = (uint8_t)(dreg * 2);
			vfp(d, to_core ? M_SUB_VMOV_RD : M_SUB_VMOV_DR);
			if (dreg >= 16)
				return undef(d, "D16..D31 do not exist on FPv4-SP");
		} else {
			d->rm = SM(x);
			vfp(d, to_core ? M_SUB_VMOV_2RS : M_SUB_VMOV_2SR);
			if (d->rm == 31)
				return undef(d, "VMOV of S31 and S32 is UNPREDICTABLE");
		}
		if (bad(d->rd) || bad(d->ra) || (to_core && d->rd == d->ra))
			return undef(d, "SP, PC or the same register twice in VMOV is UNPREDICTABLE");
		return;
	}
	case F_VLDST: {
		bool dbl = BIT(x, 8);
		unsigned n = BITS(x, 19, 16);
		uint32_t off = (x & 0xff) * 4;
		d->rn = (uint8_t)n;
		d->imm = BIT(x, 23) ? off : (uint32_t)-off;
		if (n == 15) {
			if (!r->arg)
				return undef(d, "VSTR with PC as the base is UNPREDICTABLE");
			d->rn = M_R_ZERO;
			d->imm += (pc + 4) & ~3u;
		}
		if (!dbl) {
			d->rd = SD(x);
			d->op = r->arg ? M_OP_VLDR : M_OP_VSTR;
			return;
		}
		unsigned dreg = BIT(x, 22) << 4 | BITS(x, 15, 12);
		d->rd = (uint8_t)(dreg * 2);
		d->ra = 2;
		d->index = true;
		vfp(d, r->arg ? M_SUB_VLDM : M_SUB_VSTM);
		if (dreg >= 16)
			return undef(d, "D16..D31 do not exist on FPv4-SP");
		return;
	}
	case F_VLDM: {
		bool dbl = BIT(x, 8), db = r->arg >= 2, load = r->arg & 1;
		unsigned n = BITS(x, 19, 16), cnt = x & 0xff;
		d->rn = (uint8_t)n;
		d->wback = BIT(x, 21);
		d->add = !db;
		d->index = false;
		if (dbl) {
			unsigned dreg = BIT(x, 22) << 4 | BITS(x, 15, 12);
			d->rd = (uint8_t)(dreg * 2);
			if (cnt & 1)
				return undef(d, "FLDMX/FSTMX are UNPREDICTABLE on ARMv7-M");
		} else {
			d->rd = SD(x);
		}
		d->ra = (uint8_t)cnt;
		vfp(d, load ? M_SUB_VLDM : M_SUB_VSTM);
		if (n == 13 && d->wback && db && !load)
			d->mnem = "vpush";
		else if (n == 13 && d->wback && !db && load)
			d->mnem = "vpop";
		if (db && !d->wback)
			return undef(d, "VLDMDB/VSTMDB without writeback is UNDEFINED");
		if (n == 15 && (d->wback || !load))
			return undef(d, "VLDM/VSTM with PC as the base is UNPREDICTABLE");
		if (cnt == 0 || d->rd + cnt > 32)
			return undef(d, "VLDM/VSTM of no register, or past S31, is UNPREDICTABLE");
		return;
	}
	}
}

