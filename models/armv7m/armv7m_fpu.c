/* The FP instructions of the Cortex-M4F (FPv4-SP) and the FP context:
 * the access check of every FP instruction (CPACR, then the lazy state
 * preservation that a reserved exception frame is waiting for, then a new
 * FP context with FPSCR from FPDSCR: ARMv7-M ARM B1.5.7, ExecuteFPCheck,
 * PreserveFPState).  The arithmetic is armv7m_vfp.c's. */
#include "models/armv7m/armv7m_priv.h"
#include "models/armv7m/armv7m_vfp.h"
#include "sim/core/le.h"

/* CPACR.CP10: 0b01 privileged access, 0b11 full access */
static bool cp_enabled(const struct m_core *c)
{
	unsigned cp10 = (c->scs.cpacr >> 20) & 3;
	return cp10 == 3 || (cp10 == 1 && m_privileged(c));
}

void armv7m_fp_update_ready(struct m_core *c)
{
	c->fp_ready = cp_enabled(c) && !(c->scs.fpccr & FPCCR_LSPACT) &&
		      (!(c->scs.fpccr & FPCCR_ASPEN) || (c->control & CONTROL_FPCA));
}

/* PreserveFPState: the registers into the frame reserved at exception
 * entry, with the privilege of the context that reserved it. */
static int preserve(struct m_core *c)
{
	unsigned flags = M_ACC_ALIGNED | M_ACC_NOFAULT | ((c->scs.fpccr & FPCCR_USER) ? M_ACC_UNPRIV : 0);
	uint32_t a = c->scs.fpcar;
	for (unsigned i = 0; i <= 16; i++) {
		uint32_t v = i < 16 ? c->s[i] : c->fpscr;
		if (armv7m_store(c, a + 4 * i, 4, v, flags) < 0) {
			bool mpu = c->acc_err == 1;
			armv7m_fault(c, mpu ? EXC_MEMMANAGE : EXC_BUSFAULT, mpu ? CFSR_MLSPERR : CFSR_LSPERR, 0);
			return -1;
		}
	}
	c->scs.fpccr &= ~(uint32_t)FPCCR_LSPACT;
	return 0;
}

int armv7m_fp_prologue(struct m_core *c, uint32_t pc)
{
	c->pc = pc;
	if (!cp_enabled(c)) {
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_NOCP, 0);
		return -1;
	}
	if ((c->scs.fpccr & FPCCR_LSPACT) && preserve(c) < 0)
		return -1;
	if ((c->scs.fpccr & FPCCR_ASPEN) && !(c->control & CONTROL_FPCA)) {
		/* a new FP context: FPSCR's modes from FPDSCR */
		c->fpscr = (c->fpscr & ~0x07C00000u) | (c->scs.fpdscr & 0x07C00000u);
		armv7m_set_control(c, c->control | CONTROL_FPCA);
	}
	armv7m_fp_update_ready(c);
	return 0;
}

static uint32_t neg(uint32_t x)
{
	return x ^ 0x80000000u;
}

/* VLDM/VSTM and the doubleword VLDR/VSTR: 0, 1 (a device was reached) or
 * -1 (faulted) */
static int ldm(struct m_core *c, const struct m_slot *s, bool load)
{
	unsigned first = s->a, n = s->x, fl = s->c;
	bool add = fl & 1, wback = fl & 2, index = fl & 4;
	uint32_t base = c->r[s->b];
	uint32_t addr = index ? base + (uint32_t)(int32_t)(int16_t)(s->imm & 0xffff)
			      : add ? base : base - 4 * n;
	/* the whole block in the RAM window (which holds one MPU answer for
	 * this privilege): no access-by-access checks */
	const struct m_dwin *w = load ? &c->rwin : &c->wwin;
	uint64_t o = (uint32_t)(addr - w->base);
	if (!(addr & 3) && first + n <= 32 && o + 4 * n <= w->size) {
		uint8_t *p = w->host + o;
		if (load) {
			for (unsigned i = 0; i < n; i++)
				c->s[first + i] = le32_load(p + 4 * i);
		} else {
			for (unsigned i = 0; i < n; i++)
				le32_store(p + 4 * i, c->s[first + i]);
			/* up to 128 bytes: every code-map line it touches */
			uint8_t code = 0;
			for (uint64_t l = (w->ram_off + o) >> w->shift;
			     n && l <= (w->ram_off + o + 4 * n - 1) >> w->shift; l++)
				code |= w->map[l];
			if (code)
				armv7m_store_code(c, addr, 4 * n);
		}
		if (wback)
			c->r[s->b] = (add ? base + 4 * n : base - 4 * n) & ~((uint32_t)(s->b == 13) * 3u);
		return 0;
	}
	int dev = 0;
	for (unsigned i = 0; i < n && first + i < 32; i++) {
		int r = load ? armv7m_load(c, addr + 4 * i, 4, &c->s[first + i], M_ACC_ALIGNED)
			     : armv7m_store(c, addr + 4 * i, 4, c->s[first + i], M_ACC_ALIGNED);
		if (r < 0)
			return -1;
		dev |= r;
	}
	if (wback)
		c->r[s->b] = (add ? base + 4 * n : base - 4 * n) & ~((uint32_t)(s->b == 13) * 3u);
	return dev;
}

int armv7m_vldr(struct m_core *c, const struct m_slot *s, uint32_t pc, bool load)
{
	(void)pc;
	uint32_t a = c->r[s->b] + s->imm;
	return load ? armv7m_load(c, a, 4, &c->s[s->a], M_ACC_ALIGNED)
		    : armv7m_store(c, a, 4, c->s[s->a], M_ACC_ALIGNED);
}

int armv7m_vfp(struct m_core *c, const struct m_slot *s, uint32_t pc)
{
	(void)pc;
	unsigned sub = s->imm >> 16, data = s->imm & 0xffff;
	unsigned d = s->a, n = s->b, m = s->c;
	uint32_t *f = &c->fpscr, *S = c->s;
	switch (sub) {
	case M_SUB_VMLA: S[d] = vfp_add(S[d], vfp_mul(S[n], S[m], f), f); break;
	case M_SUB_VMLS: S[d] = vfp_add(S[d], neg(vfp_mul(S[n], S[m], f)), f); break;
	case M_SUB_VNMLA: S[d] = vfp_add(neg(S[d]), neg(vfp_mul(S[n], S[m], f)), f); break;
	case M_SUB_VNMLS: S[d] = vfp_add(neg(S[d]), vfp_mul(S[n], S[m], f), f); break;
	case M_SUB_VMUL: S[d] = vfp_mul(S[n], S[m], f); break;
	case M_SUB_VNMUL: S[d] = neg(vfp_mul(S[n], S[m], f)); break;
	case M_SUB_VADD: S[d] = vfp_add(S[n], S[m], f); break;
	case M_SUB_VSUB: S[d] = vfp_sub(S[n], S[m], f); break;
	case M_SUB_VDIV: S[d] = vfp_div(S[n], S[m], f); break;
	case M_SUB_VFMA: S[d] = vfp_fma(S[d], S[n], S[m], f); break;
	case M_SUB_VFMS: S[d] = vfp_fma(S[d], neg(S[n]), S[m], f); break;
	case M_SUB_VFNMA: S[d] = vfp_fma(neg(S[d]), neg(S[n]), S[m], f); break;
	case M_SUB_VFNMS: S[d] = vfp_fma(neg(S[d]), S[n], S[m], f); break;
	case M_SUB_VMOV_I: S[d] = (uint32_t)data << 19; break;
	case M_SUB_VMOV_R: S[d] = S[m]; break;
	case M_SUB_VABS: S[d] = S[m] & 0x7fffffffu; break;
	case M_SUB_VNEG: S[d] = neg(S[m]); break;
	case M_SUB_VSQRT: S[d] = vfp_sqrt(S[m], f); break;
	case M_SUB_VCMP: case M_SUB_VCMPE: case M_SUB_VCMPZ: case M_SUB_VCMPEZ: {
		bool z = sub == M_SUB_VCMPZ || sub == M_SUB_VCMPEZ;
		bool e = sub == M_SUB_VCMPE || sub == M_SUB_VCMPEZ;
		uint32_t nzcv = vfp_compare(S[d], z ? 0 : S[m], e, f);
		c->fpscr = (c->fpscr & 0x0FFFFFFFu) | nzcv << 28;
		break;
	}
	case M_SUB_VCVTB_F32: S[d] = vfp_f16_to_f32(S[m] & 0xffff, f); break;
	case M_SUB_VCVTT_F32: S[d] = vfp_f16_to_f32(S[m] >> 16, f); break;
	case M_SUB_VCVTB_F16: S[d] = (S[d] & 0xffff0000u) | vfp_f32_to_f16(S[m], f); break;
	case M_SUB_VCVTT_F16: S[d] = (S[d] & 0xffffu) | vfp_f32_to_f16(S[m], f) << 16; break;
	case M_SUB_VCVT_F32_U32: S[d] = vfp_from_fixed(S[m], 32, 0, true, false, f); break;
	case M_SUB_VCVT_F32_S32: S[d] = vfp_from_fixed(S[m], 32, 0, false, false, f); break;
	case M_SUB_VCVT_U32_F32: S[d] = vfp_to_fixed(S[m], 32, 0, true, true, f); break;
	case M_SUB_VCVT_S32_F32: S[d] = vfp_to_fixed(S[m], 32, 0, false, true, f); break;
	case M_SUB_VCVTR_U32_F32: S[d] = vfp_to_fixed(S[m], 32, 0, true, false, f); break;
	case M_SUB_VCVTR_S32_F32: S[d] = vfp_to_fixed(S[m], 32, 0, false, false, f); break;
	case M_SUB_VCVT_FX: {
		bool to_fixed = data & 4, uns = data & 2;
		unsigned size = (data & 1) ? 32 : 16, fbits = data >> 8;
		if (to_fixed) {
			uint32_t r = vfp_to_fixed(S[d], size, fbits, uns, true, f);
			if (size == 16)
				r = uns ? (r & 0xffff) : (uint32_t)(int32_t)(int16_t)r;
			S[d] = r;
		} else {
			/* from fixed point: round to nearest (ARMv7-M ARM, VCVT) */
			S[d] = vfp_from_fixed(S[d], size, fbits, uns, true, f);
		}
		break;
	}
	case M_SUB_VMOV_SR: S[n] = c->r[d]; break;
	case M_SUB_VMOV_RS: c->r[d] = S[n]; break;
	case M_SUB_VMOV_2SR: case M_SUB_VMOV_DR: S[m] = c->r[d]; S[m + 1] = c->r[s->x]; break;
	case M_SUB_VMOV_2RS: case M_SUB_VMOV_RD: c->r[d] = S[m]; c->r[s->x] = S[m + 1]; break;
	case M_SUB_VMOV_SCALAR_R: S[n] = c->r[d]; break;
	case M_SUB_VMOV_R_SCALAR: c->r[d] = S[n]; break;
	case M_SUB_VMRS:
		if (d == 15) { /* APSR_nzcv: N, Z, C, V from the FPSCR; Q stays */
			m_set_nz(c, c->fpscr >> 31, (c->fpscr >> 30) & 1);
			c->fc = (c->fpscr >> 29) & 1;
			c->fv = (c->fpscr >> 28) & 1;
		} else
			c->r[d] = c->fpscr;
		break;
	case M_SUB_VMSR: c->fpscr = c->r[d] & FPSCR_MASK; break;
	case M_SUB_VLDM: return ldm(c, s, true);
	case M_SUB_VSTM: return ldm(c, s, false);
	default:
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0);
		return -1;
	}
	return 0;
}
