/* FPv4-SP: results and cumulative flags (IOC DZC OFC UFC IXC IDC) for
 * edge values in every rounding mode, flush-to-zero on input and output,
 * default NaN, NaN propagation, compares, conversions with saturation. */
#include "isa.h"

#define RN 0x00000000
#define RP 0x00400000
#define RM 0x00800000
#define RZ 0x00c00000
#define FZ 0x01000000
#define DN 0x02000000
#define IOC 0x01
#define DZC 0x02
#define OFC 0x04
#define UFC 0x08
#define IXC 0x10
#define IDC 0x80

/* s0 = a, s1 = b, the FPSCR = mode; code leaves its result in s2 */
#define FP_CASE(num, result, flags, mode, a, b, code...) \
	TEST_CASE(num, r0, result, ldr r0, =a; vmov s0, r0; ldr r0, =b; vmov s1, r0; \
		  ldr r0, =mode; vmsr fpscr, r0; code; vmov r0, s2; vmrs r1, fpscr; and r8, r1, #0x9f) \
	TEST_CASE(num + 1, r8, flags, mov r8, r8)

/* the compare's NZCV */
#define CMP_CASE(num, nzcv, flags, a, b, code...) \
	TEST_CASE(num, r0, nzcv, ldr r0, =a; vmov s0, r0; ldr r0, =b; vmov s1, r0; \
		  movs r0, #0; vmsr fpscr, r0; code; vmrs r1, fpscr; lsr r0, r1, #28; and r8, r1, #0x9f) \
	TEST_CASE(num + 1, r8, flags, mov r8, r8)

TEST_BEGIN
	FPU_ON
	/* 1/3 and -1/3 in each mode 100.. */
	FP_CASE(100, 0x3eaaaaab, IXC, RN, 0x3f800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(102, 0x3eaaaaab, IXC, RP, 0x3f800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(104, 0x3eaaaaaa, IXC, RM, 0x3f800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(106, 0x3eaaaaaa, IXC, RZ, 0x3f800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(108, 0xbeaaaaab, IXC, RN, 0xbf800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(110, 0xbeaaaaaa, IXC, RP, 0xbf800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(112, 0xbeaaaaab, IXC, RM, 0xbf800000, 0x40400000, vdiv.f32 s2, s0, s1)
	FP_CASE(114, 0xbeaaaaaa, IXC, RZ, 0xbf800000, 0x40400000, vdiv.f32 s2, s0, s1)
	/* sqrt(2) 200.. */
	FP_CASE(200, 0x3fb504f3, IXC, RN, 0x40000000, 0, vsqrt.f32 s2, s0)
	FP_CASE(202, 0x3fb504f4, IXC, RP, 0x40000000, 0, vsqrt.f32 s2, s0)
	FP_CASE(204, 0x3fb504f3, IXC, RZ, 0x40000000, 0, vsqrt.f32 s2, s0)
	FP_CASE(206, 0x7fc00000, IOC, RN, 0xbf800000, 0, vsqrt.f32 s2, s0)
	FP_CASE(208, 0x80000000, 0, RN, 0x80000000, 0, vsqrt.f32 s2, s0)
	/* overflow 300.. */
	FP_CASE(300, 0x7f800000, OFC | IXC, RN, 0x7f7fffff, 0x40000000, vmul.f32 s2, s0, s1)
	FP_CASE(302, 0x7f7fffff, OFC | IXC, RZ, 0x7f7fffff, 0x40000000, vmul.f32 s2, s0, s1)
	FP_CASE(304, 0xff7fffff, OFC | IXC, RP, 0xff7fffff, 0x40000000, vmul.f32 s2, s0, s1)
	FP_CASE(306, 0xff800000, OFC | IXC, RM, 0xff7fffff, 0x40000000, vmul.f32 s2, s0, s1)
	FP_CASE(308, 0x7f800000, DZC, RN, 0x3f800000, 0, vdiv.f32 s2, s0, s1)
	FP_CASE(310, 0x7fc00000, IOC, RN, 0, 0, vdiv.f32 s2, s0, s1)
	/* underflow: tininess before rounding 400.. */
	FP_CASE(400, 0x00400000, 0, RN, 0x00800000, 0x3f000000, vmul.f32 s2, s0, s1) /* exact: no UFC */
	FP_CASE(402, 0x00000000, UFC | IXC, RN, 0x00000001, 0x3e800000, vmul.f32 s2, s0, s1)
	FP_CASE(404, 0x00000001, UFC | IXC, RP, 0x00000001, 0x3e800000, vmul.f32 s2, s0, s1)
	FP_CASE(406, 0x00800000, UFC | IXC, RN, 0x007fffff, 0x3f800001, vmul.f32 s2, s0, s1)
	/* flush-to-zero: input denormals (IDC), output denormals (UFC) 500.. */
	FP_CASE(500, 0x3f800000, IDC, FZ, 0x00000001, 0x3f800000, vadd.f32 s2, s0, s1)
	FP_CASE(502, 0x00000000, UFC, FZ, 0x00800000, 0x3f000000, vmul.f32 s2, s0, s1)
	FP_CASE(504, 0x80000000, UFC, FZ, 0x80800000, 0x3f000000, vmul.f32 s2, s0, s1)
	/* NaNs: a signalling one wins and is quietened; default NaN 600.. */
	FP_CASE(600, 0x7fc00001, IOC, RN, 0x7fc00002, 0x7f800001, vadd.f32 s2, s0, s1)
	FP_CASE(602, 0x7fc00002, 0, RN, 0x7fc00002, 0x7fc00003, vadd.f32 s2, s0, s1)
	FP_CASE(604, 0x7fc00000, 0, DN, 0x7fc00002, 0x3f800000, vadd.f32 s2, s0, s1)
	FP_CASE(606, 0x7fc00000, IOC, RN, 0x7f800000, 0xff800000, vadd.f32 s2, s0, s1)
	FP_CASE(608, 0xffc00002, 0, RN, 0xffc00002, 0, vneg.f32 s2, s0; vneg.f32 s2, s2)
	/* fused and chained multiply-add: one rounding or two 700.. */
	FP_CASE(700, 0x28800000, 0, RN, 0x3f800001, 0x3f800001, vldr s2, 1f; b 2f; .balign 4; 1: .word 0xbf800002; 2: vfma.f32 s2, s0, s1)
	FP_CASE(702, 0x00000000, IXC, RN, 0x3f800001, 0x3f800001, vldr s2, 1f; b 2f; .balign 4; 1: .word 0xbf800002; 2: vmla.f32 s2, s0, s1)
	/* compares 800.. */
	CMP_CASE(800, 0x8, 0, 0x3f800000, 0x40000000, vcmp.f32 s0, s1)
	CMP_CASE(802, 0x6, 0, 0x80000000, 0x00000000, vcmp.f32 s0, s1)
	CMP_CASE(804, 0x2, 0, 0x7f800000, 0x40000000, vcmp.f32 s0, s1)
	CMP_CASE(806, 0x3, 0, 0x7fc00000, 0x40000000, vcmp.f32 s0, s1)
	CMP_CASE(808, 0x3, IOC, 0x7fc00000, 0x40000000, vcmpe.f32 s0, s1)
	CMP_CASE(810, 0x3, IOC, 0x7f800001, 0x40000000, vcmp.f32 s0, s1)
	CMP_CASE(812, 0x8, 0, 0xbf800000, 0, vcmp.f32 s0, #0)
	/* conversions 900.. */
	FP_CASE(900, 2, IXC, RN, 0x40200000, 0, vcvtr.s32.f32 s2, s0)
	FP_CASE(902, 3, IXC, RP, 0x40200000, 0, vcvtr.s32.f32 s2, s0)
	FP_CASE(904, 0xfffffffd, IXC, RM, 0xc0200000, 0, vcvtr.s32.f32 s2, s0)
	FP_CASE(906, 2, IXC, RN, 0x403a0000, 0, vcvt.s32.f32 s2, s0)     /* 2.90625 toward zero */
	FP_CASE(908, 0x7fffffff, IOC, RN, 0x4f32d05e, 0, vcvt.s32.f32 s2, s0) /* 3e9 saturates */
	FP_CASE(910, 0, IOC, RN, 0xbf800000, 0, vcvt.u32.f32 s2, s0)
	FP_CASE(912, 0, IOC, RN, 0x7fc00000, 0, vcvt.s32.f32 s2, s0)
	FP_CASE(914, 0x4f800000, IXC, RN, 0xffffffff, 0, vcvt.f32.u32 s2, s0)
	FP_CASE(916, 0x4f7fffff, IXC, RZ, 0xffffffff, 0, vcvt.f32.u32 s2, s0)
	FP_CASE(918, 0x3c00, 0, RN, 0x3f800000, 0, vcvtb.f16.f32 s2, s0; vmov r0, s2; uxth r0, r0; vmov s2, r0)
	FP_CASE(920, 0x3fc00000, 0, RN, 0x00003e00, 0, vcvtb.f32.f16 s2, s0)
	FP_CASE(922, 0x7c00, OFC | IXC, RN, 0x47800000, 0, vcvtb.f16.f32 s2, s0; vmov r0, s2; uxth r0, r0; vmov s2, r0)
	FP_CASE(924, 0x3f000000, 0, RN, 0x00000001, 0, vmov s2, s0; vcvt.f32.u32 s2, s2, #1)
	/* the mode comes from FPDSCR in a new FP context: VMOV immediate */
	FP_CASE(926, 0xbe400000, 0, RN, 0, 0, vmov.f32 s2, #-0.1875)
	/* block transfers 1000.. (the loop's window fast path and its
	 * fallbacks): writeback, both directions, the stack, a literal in
	 * the code RAM alternating with the data RAM, the doubleword VLDR,
	 * a store over decoded code, IT blocks */
	b 9f
	.ltorg
9:	ldr r0, =0x11111111; vmov s4, r0
	ldr r0, =0x22222222; vmov s5, r0
	ldr r0, =0x33333333; vmov s6, r0
	ldr r0, =0x44444444; vmov s7, r0
	TEST_CASE(1000, r0, fpbuf + 16, ldr r1, =fpbuf; vstmia r1!, {s4-s7}; mov r0, r1)
	TEST_CASE(1001, r0, 0x33333333, ldr r0, =fpbuf; ldr r0, [r0, #8])
	TEST_CASE(1002, r0, fpbuf + 8, vldmdb r1!, {s8-s9}; mov r0, r1)
	TEST_CASE(1003, r0, 0x44444444, vmov r0, s9)
	TEST_CASE(1004, r0, 0, mov r2, sp; vpush {s4-s5}; vpop {s10-s11}; mov r3, sp; subs r0, r2, r3)
	TEST_CASE(1005, r0, 0x22222222, vmov r0, s11)
	TEST_CASE(1006, r0, 3 * (0x01020304 + 0x11111111),
		  ldr r2, =fplit; ldr r3, =fpbuf; movs r0, #0; movs r4, #3;
		  1: vldmia r2, {s12}; vldmia r3, {s13}; vmov r5, s12; vmov r6, s13;
		  add r0, r0, r5; add r0, r0, r6; subs r4, r4, #1; bne 1b)
	TEST_CASE(1007, r0, 0x44444444, ldr r1, =fpbuf; vldr d7, [r1, #8]; vmov r0, s15)
	/* a function in the data RAM: movs r0, #5; bx lr, then VSTM makes it
	 * movs r0, #7 (decoded code is invalidated by the store) */
	TEST_CASE(1008, r0, 5, ldr r5, =fpcode; ldr r0, =0x47702005; str r0, [r5];
		  dsb; isb; adds r6, r5, #1; blx r6)
	TEST_CASE(1009, r0, 7, ldr r0, =0x47702007; vmov s16, r0; vstmia r5, {s16};
		  dsb; isb; blx r6)
	TEST_CASE(1010, r0, 0x11111111, ldr r1, =fpbuf; movs r0, #0; vmov s20, r0;
		  cmp r0, #0; it ne; vldmiane r1, {s20}; vmov r0, s20; cmp r0, #0; it eq; vldmiaeq r1, {s20};
		  vmov r0, s20)
	TEST_CASE(1011, r0, 0x55555555, ldr r0, =0x55555555; vmov s21, r0; ldr r1, =fpbuf + 4;
		  movs r2, #0; cmp r2, #0; it eq; vstmiaeq r1, {s21}; ldr r0, [r1])
TEST_END
	.balign 4
fplit: .word 0x01020304

	.bss
	.balign 8
fpbuf: .space 32
fpcode: .space 8
	.text

TEST_VECTORS
