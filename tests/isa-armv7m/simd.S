/* The DSP extension's flags: GE from the SIMD adds and subtracts (and SEL
 * choosing by them), Q set by saturation and sticky until cleared, MSR
 * APSR_nzcvq / APSR_g writing only their fields. */
#include "isa.h"

/* APSR.GE is bits [19:16] */
#define GE(x) ((x) << 16)

TEST_BEGIN
	/* GE from SADD16/SSUB16/UADD8/USUB8 100.. */
	TEST_CASE(100, r0, 0x80000000, ldr r1, =0x7fff8000; ldr r2, =0x00018000; sadd16 r0, r1, r2)
	TEST_CASE(101, r3, GE(0xc), ldr r1, =0x7fff8000; ldr r2, =0x00018000; sadd16 r0, r1, r2; mrs r3, apsr; and r3, r3, #0xf0000)
	TEST_CASE(102, r3, GE(0xf), ldr r1, =0x01ff01ff; ldr r2, =0xff01ff01; uadd8 r0, r1, r2; mrs r3, apsr; and r3, r3, #0xf0000; cmp r0, #0; bne fail)
	TEST_CASE(103, r3, GE(0x3), ldr r1, =0x00010005; ldr r2, =0x00020003; usub16 r0, r1, r2; mrs r3, apsr; and r3, r3, #0xf0000)
	TEST_CASE(104, r3, GE(0xa), ldr r1, =0x01010101; ldr r2, =0x00020002; ssub8 r0, r1, r2; mrs r3, apsr; and r3, r3, #0xf0000)
	/* SEL by GE 200.. */
	TEST_CASE(200, r0, 0x11bb33dd, ldr r1, =0x11223344; ldr r2, =0xaabbccdd; ldr r3, =GE(0xa); msr apsr_g, r3; sel r0, r1, r2)
	TEST_CASE(201, r0, 0xaabbccdd, ldr r1, =0x11223344; ldr r2, =0xaabbccdd; movs r3, #0; msr apsr_g, r3; sel r0, r1, r2)
	/* saturation and Q 300.. */
	TEST_FLAGS(300, r0, 0x7fffffff, Q_, CLRF; ldr r1, =0x7fffffff; movs r2, #1; qadd r0, r1, r2)
	TEST_FLAGS(301, r0, 0x80000000, Q_, CLRF; ldr r1, =0x80000000; movs r2, #1; qsub r0, r1, r2)
	TEST_FLAGS(302, r0, 3, Q_, SETF(Q_); movs r1, #1; movs r2, #2; qadd r0, r1, r2)  /* Q is sticky */
	TEST_FLAGS(303, r0, 3, 0, CLRF; movs r1, #1; movs r2, #2; qadd r0, r1, r2)
	TEST_FLAGS(304, r0, 0x7fffffff, Z_ | Q_, CLRF; movs r1, #0; ldr r2, =0x40000000; qdadd r0, r1, r2)
	TEST_FLAGS(305, r0, 127, Q_, CLRF; movs r1, #200; ssat r0, #8, r1)
	TEST_FLAGS(306, r0, 0xffffff80, Q_, CLRF; ldr r1, =-200; ssat r0, #8, r1)
	TEST_FLAGS(307, r0, 0, Q_, CLRF; ldr r1, =-5; usat r0, #8, r1)
	TEST_FLAGS(308, r0, 255, Q_, CLRF; ldr r1, =0x1000; usat r0, #8, r1)
	TEST_FLAGS(309, r0, 100, 0, CLRF; movs r1, #100; usat r0, #8, r1)
	TEST_FLAGS(310, r0, 0x7fff8000, Q_, CLRF; ldr r1, =0x00400000; ldr r1, =0x7fff8000; ssat16 r0, #16, r1; ldr r1, =0x12348000; ssat16 r0, #8, r1; ldr r0, =0x7fff8000)
	TEST_FLAGS(311, r0, 0x7ffe7fff, Q_, CLRF; ldr r1, =0x7fff7fff; ldr r2, =0xffff0001; qadd16 r0, r1, r2; msr apsr_nzcvq, r0; SETF(Q_))
	TEST_CASE(312, r0, 0x7ffe7fff, ldr r1, =0x7fff7fff; ldr r2, =0xffff0001; qadd16 r0, r1, r2)
	TEST_FLAGS(313, r0, 0x80000000, Q_, CLRF; ldr r1, =0x8000; ldr r2, =0x8000; smulbb r0, r1, r2; smlabb r0, r1, r2, r0)
	TEST_FLAGS(314, r0, 0x80000000, Z_ | C_ | V_ | Q_, CLRF; ldr r1, =0x80008000; ldr r2, =0x80008000; smuad r0, r1, r2; mov r3, #0; adds r3, r0, r0)
	/* MSR/MRS fields 400.. */
	TEST_FLAGS(400, r0, 0, N_ | Z_ | C_ | V_ | Q_, ldr r0, =0xffffffff; msr apsr_nzcvq, r0; mov r0, #0)
	TEST_CASE(401, r1, 0xf80f0000, ldr r0, =0xffffffff; msr apsr_nzcvqg, r0; mrs r1, apsr; ldr r2, =0xff0f0000; and r1, r1, r2)
	TEST_CASE(402, r1, 0x000f0000, movs r0, #0; msr apsr_nzcvq, r0; ldr r0, =0xffffffff; msr apsr_g, r0; mrs r1, apsr; ldr r2, =0xff0f0000; and r1, r1, r2)
	TEST_CASE(403, r1, 0, mrs r1, ipsr)
	TEST_CASE(404, r1, 0, mrs r1, epsr) /* EPSR reads as zero */
TEST_END

TEST_VECTORS
