/* Faults: UsageFault (UNDEFINSTR, INVSTATE, INVPC, NOCP, UNALIGNED,
 * DIVBYZERO), BusFault (precise, with BFAR; on an instruction fetch),
 * their escalation to HardFault (FORCED) when disabled or not of higher
 * priority, and SVC escalating when masked.  The handler records IPSR
 * (r4), CFSR (r5), HFSR (r6), BFAR (r7), clears them and resumes at the
 * address in r8 (set by each case) or after a 2-byte instruction. */
#include "isa.h"

TEST_BEGIN
	/* escalation first: UsageFault is disabled 100.. */
	TEST_CASE(100, r4, 3, movs r8, #0; udf #1)
	TEST_CASE(101, r5, 0x00010000, mov r5, r5)
	TEST_CASE(102, r6, 0x40000000, mov r6, r6)
	SCS_WRITE(SCS_SHCSR, 0x00070000)
	/* enabled 200.. */
	TEST_CASE(200, r4, 6, movs r8, #0; udf #2)
	TEST_CASE(201, r5, 0x00010000, mov r5, r5)
	TEST_CASE(202, r6, 0, mov r6, r6)
	/* INVSTATE: a BX to an even address; resume at the label (QEMU
	 * reports it as UNALIGNED instead) */
	TEST_CASE(203, r5, 0x00020000, ldr r8, =1f + 1; ldr r0, =2f; bx r0; 2: nop; 1:)
	/* INVPC: a bad EXC_RETURN (SVC #9 returns with 0xFFFFFFF0) */
	TEST_CASE(204, r5, 0x00040000, ldr r8, =1f + 1; svc #9; 1:)
	/* NOCP: FP disabled */
	TEST_CASE(205, r5, 0x00080000, SCS_WRITE(SCS_CPACR, 0); dsb; isb; movs r8, #0; vmov s0, r0)
	/* UNALIGNED: LDM is never unaligned; LDR when CCR.UNALIGN_TRP */
	TEST_CASE(206, r5, 0x01000000, ldr r1, =0x20000001; movs r8, #0; ldm r1, {r2, r3})
	TEST_CASE(207, r5, 0x01000000, SCS_WRITE(SCS_CCR, 0x208); ldr r1, =0x20000001; movs r8, #0; ldr r2, [r1]; SCS_WRITE(SCS_CCR, 0x200))
	TEST_CASE(208, r5, 0, ldr r1, =0x20000001; ldr r2, [r1]; movs r5, #0)
	/* DIVBYZERO when CCR.DIV_0_TRP */
	TEST_CASE(209, r5, 0x02000000, SCS_WRITE(SCS_CCR, 0x210); movs r1, #0; ldr r8, =1f + 1; udiv r2, r2, r1; 1: SCS_WRITE(SCS_CCR, 0x200))
	/* BusFault, precise, BFAR valid 300.. */
	TEST_CASE(300, r4, 5, ldr r1, =0x60000010; movs r8, #0; ldr r2, [r1])
	TEST_CASE(301, r5, 0x00008200, mov r5, r5)
	TEST_CASE(302, r7, 0x60000010, mov r7, r7)
	/* an instruction fetch from no memory: IBUSERR; resume at the label
	 * (the call's return address is the label) */
	TEST_CASE(303, r5, 0x00000100, ldr r0, =0x60000001; ldr r8, =1f + 1; blx r0; 1:)
	/* execute-never region (default map, MPU off): MemManage IACCVIOL */
	TEST_CASE(304, r4, 4, ldr r0, =0xE0000001; ldr r8, =1f + 1; blx r0; 1:)
	TEST_CASE(305, r5, 0x00000001, mov r5, r5)
	/* a fault that is not of higher priority escalates: UsageFault at
	 * priority 0x80 with BASEPRI 0x80 400.. */
	TEST_CASE(400, r4, 3, ldr r1, =SCS_SHPR2 - 4; ldr r2, =0x00800000; str r2, [r1]; movs r1, #0x80; msr basepri, r1; movs r8, #0; udf #3; movs r1, #0; msr basepri, r1)
	TEST_CASE(401, r6, 0x40000000, mov r6, r6)
	/* SVC with PRIMASK set escalates to HardFault */
	TEST_CASE(402, r4, 3, cpsid i; ldr r8, =1f + 1; svc #1; 1: cpsie i)
TEST_END

	.thumb_func
	.globl handler_3
	.globl handler_4
	.globl handler_5
	.globl handler_6
handler_3:
handler_4:
handler_5:
handler_6:
	mrs r4, ipsr
	SCS_READ(r5, SCS_CFSR)
	SCS_READ(r6, SCS_HFSR)
	SCS_READ(r7, SCS_BFAR)
	ldr r10, =SCS_CFSR
	str r5, [r10]             /* write one to clear */
	ldr r10, =SCS_HFSR
	str r6, [r10]
	ldr r0, =0x00F00000       /* FP back on for the next cases */
	ldr r10, =SCS_CPACR
	str r0, [r10]
	cmp r8, #0
	ittee eq
	ldreq r0, [sp, #24]
	addeq r0, r0, #2          /* after the 2-byte faulting instruction */
	movne r0, r8
	bicne r0, r0, #1
	str r0, [sp, #24]
	/* the frame's xPSR must keep T for the resumed code */
	ldr r0, [sp, #28]
	orr r0, r0, #0x01000000
	str r0, [sp, #28]
	/* after INVPC, LR still holds the bad EXC_RETURN (the manual's
	 * ExceptionReturn): return to Thread mode on MSP instead */
	tst r5, #0x00040000
	it ne
	mvnne lr, #6              /* 0xFFFFFFF9 */
	bx lr

	.thumb_func
	.globl handler_11
handler_11:
	ldr r0, [sp, #24]
	ldrb r0, [r0, #-2]
	cmp r0, #9
	bne 1f
	ldr r0, =0xFFFFFFF0
	bx r0                     /* an EXC_RETURN that does not exist: INVPC */
1:	bx lr

TEST_VECTORS
