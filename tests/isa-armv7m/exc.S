/* Exceptions and their return: SVC's frame (stacked r0-r3, r12, lr, pc,
 * xPSR), EXC_RETURN for Thread/MSP, Thread/PSP and Handler, SP alignment
 * (the stacked xPSR bit 9), preemption by priority and tail-chaining,
 * the extended FP frame with lazy stacking (FPCCR.LSPACT, FPCAR) and the
 * FP registers restored at return. */
#include "isa.h"

	.data
	.balign 8
psp_stack: .space 512
psp_top:
	.text

TEST_BEGIN
	/* SVC on MSP: the frame and EXC_RETURN 0xFFFFFFF9 100.. */
	TEST_CASE(100, r0, 0xFFFFFFF9, movs r0, #11; movs r1, #22; movs r2, #33; movs r3, #44; svc #5; mov r0, r8)
	TEST_CASE(101, r0, 11 + 22 + 33 + 44, mov r0, r6)
	TEST_CASE(102, r0, 0x01000000, mov r0, r7) /* stacked xPSR: T, aligned */
	/* an SP that is 4 mod 8: the frame is aligned down, xPSR bit 9 says so */
	TEST_CASE(103, r0, 0x01000200, sub sp, #4; svc #5; add sp, #4; mov r0, r7)
	/* Thread mode on PSP: EXC_RETURN 0xFFFFFFFD, the frame on PSP 200.. */
	TEST_CASE(200, r0, 0xFFFFFFFD, ldr r1, =psp_top; msr psp, r1; movs r1, #2; msr control, r1; isb; svc #5; movs r1, #0; msr control, r1; isb; mov r0, r8)
	TEST_CASE(201, r0, 32, ldr r1, =psp_top; mrs r2, psp; subs r0, r1, r2; adds r0, #32) /* PSP back where it was */
	/* nested: SVC's handler pends PendSV (lower priority) and returns: a
	 * tail-chain into PendSV with EXC_RETURN to Thread mode 300.. */
	TEST_CASE(300, r0, 0x21, SCS_WRITE(SCS_SHPR3, 0xff000000 | 0x00f00000); movs r5, #0; svc #6; mov r0, r5)
	TEST_CASE(301, r0, 0xFFFFFFF9, mov r0, r8)
	/* FP: an FP context makes the frame 0x68 bytes and EXC_RETURN bit 4
	 * clear; lazily: the handler's first FP instruction stores S0-S15 and
	 * FPSCR into the reserved space 400.. */
	FPU_ON
	TEST_CASE(400, r0, 0xFFFFFFE9, mov r0, #0x40000000; vmov s0, r0; svc #7; mov r0, r8)
	TEST_CASE(401, r0, 1, mov r0, r7)                 /* LSPACT was set at entry */
	TEST_CASE(402, r0, 0x40000000, vmov r0, s0)        /* s0 restored at return */
	TEST_CASE(403, r0, 0x40000000, mov r0, r6)         /* the handler saw it stored in the frame */
	TEST_CASE(404, r0, 0, SCS_READ(r0, SCS_FPCCR); and r0, r0, #1) /* LSPACT clear after return */
TEST_END

	/* SVC #5: r8 = EXC_RETURN, r6 = r0+r1+r2+r3 from the frame, r7 = the
	 * stacked xPSR with the bits 9 and 24 kept */
	.thumb_func
	.globl handler_11
handler_11:
	mov r8, lr
	tst lr, #4
	ite eq
	mrseq r1, msp
	mrsne r1, psp
	ldr r2, [r1, #24]         /* stacked pc: after the SVC */
	ldrb r2, [r2, #-2]        /* the SVC's immediate */
	cmp r2, #6
	beq svc6
	cmp r2, #7
	beq svc7
	ldr r2, [r1, #0]
	ldr r3, [r1, #4]
	add r2, r3
	ldr r3, [r1, #8]
	add r2, r3
	ldr r3, [r1, #12]
	add r6, r2, r3
	ldr r7, [r1, #28]
	ldr r3, =0x01000200
	and r7, r7, r3
	bx lr
svc6:	/* pend PendSV; it runs once this returns (tail-chained) */
	SCS_WRITE(SCS_ICSR, 0x10000000)
	orr r5, r5, #1
	bx lr
svc7:	/* lazy FP: LSPACT at entry, then an FP instruction stacks s0 */
	SCS_READ(r7, SCS_FPCCR)
	and r7, r7, #1
	SCS_READ(r4, SCS_FPCAR)
	mov r0, #0x3f800000
	vmov s0, r0
	vadd.f32 s1, s0, s0       /* preserves the caller's s0 into the frame first */
	ldr r6, [r4]              /* the frame's s0: the caller's value */
	mov r0, #0
	vmov s0, r0               /* the caller's s0 comes back from the frame */
	bx lr

	.thumb_func
	.globl handler_14
handler_14:
	mov r8, lr
	orr r5, r5, #0x20
	bx lr

TEST_VECTORS
