/* FPv4-SP: every arithmetic operation, compare and conversion over edge
 * values (zeros, denormals, the largest and smallest normals, infinities,
 * quiet and signalling NaNs) in each rounding mode, with flush-to-zero
 * and default NaN on and off; results and the cumulative FPSCR flags. */
#include "diff.h"

static const uint32_t edges[] = {
	0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x40000000, 0x3fc00000, 0x7f7fffff, 0xff7fffff,
	0x00800000, 0x80800000, 0x00000001, 0x807fffff, 0x00400000, 0x7f800000, 0xff800000, 0x7fc00000,
	0xffc00001, 0x7f800001, 0xff812345, 0x4b800000, 0x4f000000, 0xcf000000, 0x4f800000, 0x3eaaaaab,
	0x3f7fffff, 0x34000000, 0x33800001, 0x5f000000, 0x477fe000, 0x387fc000, 0x33000000, 0xc0490fdb,
};
#define NE (sizeof(edges) / sizeof(edges[0]))

static uint32_t seed = 4242;
static uint32_t rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed;
}

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }

#define VOP2(name, insn) \
	static uint32_t name(uint32_t a, uint32_t b, uint32_t d, uint32_t *fpscr) \
	{ \
		uint32_t r, f; \
		__asm__ volatile("vmsr fpscr, %4\nvmov s0, %1\nvmov s1, %2\nvmov s2, %3\n" insn \
				 "\nvmov %0, s2\nvmrs %1, fpscr" \
				 : "=r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(d), "1"(*fpscr) \
				 : "s0", "s1", "s2", "memory"); \
		*fpscr = f; \
		return r; \
	}
VOP2(vadd, "vadd.f32 s2, s0, s1")
VOP2(vsub, "vsub.f32 s2, s0, s1")
VOP2(vmul, "vmul.f32 s2, s0, s1")
VOP2(vnmul, "vnmul.f32 s2, s0, s1")
VOP2(vdiv, "vdiv.f32 s2, s0, s1")
VOP2(vmla, "vmla.f32 s2, s0, s1")
VOP2(vmls, "vmls.f32 s2, s0, s1")
VOP2(vnmla, "vnmla.f32 s2, s0, s1")
VOP2(vnmls, "vnmls.f32 s2, s0, s1")
VOP2(vfma, "vfma.f32 s2, s0, s1")
VOP2(vfms, "vfms.f32 s2, s0, s1")
VOP2(vfnma, "vfnma.f32 s2, s0, s1")
VOP2(vfnms, "vfnms.f32 s2, s0, s1")
VOP2(vsqrt, "vsqrt.f32 s2, s0")
VOP2(vabs, "vabs.f32 s2, s0")
VOP2(vneg, "vneg.f32 s2, s0")
VOP2(vmovr, "vmov.f32 s2, s0")
VOP2(vcmp, "vcmp.f32 s0, s1\nvmrs APSR_nzcv, fpscr\nmrs %0, apsr\nvmov s2, %0")
VOP2(vcmpe, "vcmpe.f32 s0, s1")
VOP2(vcmpz, "vcmp.f32 s0, #0")
VOP2(vcmpez, "vcmpe.f32 s0, #0")
VOP2(tos32, "vcvt.s32.f32 s2, s0")
VOP2(tou32, "vcvt.u32.f32 s2, s0")
VOP2(tos32r, "vcvtr.s32.f32 s2, s0")
VOP2(tou32r, "vcvtr.u32.f32 s2, s0")
VOP2(froms32, "vcvt.f32.s32 s2, s0")
VOP2(fromu32, "vcvt.f32.u32 s2, s0")
VOP2(tofix16, "vmov s2, s0\nvcvt.s16.f32 s2, s2, #5")
VOP2(toufix32, "vmov s2, s0\nvcvt.u32.f32 s2, s2, #20")
VOP2(fromfix16, "vmov s2, s0\nvcvt.f32.s16 s2, s2, #3")
VOP2(fromufix32, "vmov s2, s0\nvcvt.f32.u32 s2, s2, #31")
VOP2(tohalfb, "vcvtb.f16.f32 s2, s0")
VOP2(tohalft, "vcvtt.f16.f32 s2, s0")
VOP2(fromhalfb, "vcvtb.f32.f16 s2, s0")
VOP2(fromhalft, "vcvtt.f32.f16 s2, s0")
VOP2(vmovi, "vmov.f32 s2, #-0.1875")
VOP2(vmovi2, "vmov.f32 s2, #31.0")

typedef uint32_t (*vop_fn)(uint32_t, uint32_t, uint32_t, uint32_t *);
#define E(n) { #n, n }
static const struct { const char *name; vop_fn fn; } ops[] = {
	E(vadd), E(vsub), E(vmul), E(vnmul), E(vdiv), E(vmla), E(vmls), E(vnmla), E(vnmls), E(vfma),
	E(vfms), E(vfnma), E(vfnms), E(vsqrt), E(vabs), E(vneg), E(vmovr), E(vcmp), E(vcmpe), E(vcmpz),
	E(vcmpez), E(tos32), E(tou32), E(tos32r), E(tou32r), E(froms32), E(fromu32), E(tofix16),
	E(toufix32), E(fromfix16), E(fromufix32), E(tohalfb), E(tohalft), E(fromhalfb), E(fromhalft),
	E(vmovi), E(vmovi2),
};

/* FPSCR modes: RMode in [23:22], FZ 24, DN 25, AHP 26 */
static const uint32_t modes[] = {
	0, 1u << 22, 2u << 22, 3u << 22, 1u << 24, 1u << 25, (1u << 24) | (1u << 25) | (3u << 22),
	1u << 26, (1u << 26) | (2u << 22),
};
#define NM (sizeof(modes) / sizeof(modes[0]))

int main(void)
{
	for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		for (unsigned m = 0; m < NM; m++) {
			sum = 0;
			for (unsigned i = 0; i < NE; i++)
				for (unsigned j = 0; j < NE; j++) {
					uint32_t f = modes[m];
					mix(ops[k].fn(edges[i], edges[j], edges[(i * 3 + j) % NE], &f));
					mix(f);
				}
			for (unsigned i = 0; i < 300; i++) {
				uint32_t f = modes[m] | (rnd() & 0x9f);
				uint32_t a = rnd(), b = rnd(), d = rnd();
				if (i & 1) { /* nearby exponents: cancellations and rounding ties */
					b = (a & 0xff800000u) ^ (rnd() & 0x807fffffu);
					d = (a & 0xff800000u) | (d & 0x007fffffu);
				}
				mix(ops[k].fn(a, b, d, &f));
				mix(f);
			}
			printf("%-10s mode %u %08lx\n", ops[k].name, m, sum);
		}
	}
	return 0;
}
