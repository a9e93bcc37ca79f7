/* SysTick on simulated time: the 24-bit reload, a write of CVR clearing
 * it, counting down while enabled and holding still while not, COUNTFLAG
 * set at zero (also at zeros passed unseen) and cleared by reading CSR,
 * the exception with TICKINT (WFI sleeps until it; a tick held pending
 * is taken once and the ticks go on), ICSR's PENDSTSET/PENDSTCLR; DWT
 * CYCCNT. */
#include "isa.h"

TEST_BEGIN
	movs r5, #0               /* ticks, counted by the handler */
	TEST_CASE(100, r0, 0x00ffffff, SCS_WRITE(SYST_RVR, 0xffffffff); SCS_READ(r0, SYST_RVR))
	TEST_CASE(101, r0, 0, SCS_WRITE(SYST_RVR, 999); SCS_WRITE(SYST_CVR, 500); SCS_READ(r0, SYST_CVR))
	/* enabled on the processor clock: it counts down from the reload */
	TEST_CASE(102, r0, 1, SCS_WRITE(SYST_CSR, 5); nop; nop; nop; SCS_READ(r1, SYST_CVR); nop; nop; SCS_READ(r2, SYST_CVR); cmp r2, r1; ite lo; movlo r0, #1; movhs r0, #0)
	TEST_CASE(103, r0, 1, SCS_READ(r1, SYST_CVR); cmp r1, #1000; ite lo; movlo r0, #1; movhs r0, #0)
	/* COUNTFLAG: set at zero, cleared by the read that saw it */
	TEST_CASE(104, r0, 0, 1: SCS_READ(r1, SYST_CSR); tst r1, #0x10000; beq 1b; SCS_WRITE(SYST_CVR, 0); SCS_READ(r1, SYST_CSR); and r0, r1, #0x10000)
	/* and the read that saw it cleared it */
	TEST_CASE(106, r0, 0, 1: SCS_READ(r1, SYST_CSR); tst r1, #0x10000; beq 1b; SCS_READ(r1, SYST_CSR); and r0, r1, #0x10000)
	/* COUNTFLAG set by zeros passed while nobody looked: 50 cycles per wrap */
	TEST_CASE(107, r0, 0x10000, SCS_WRITE(SYST_RVR, 49); SCS_WRITE(SYST_CVR, 0); movs r2, #100; 1: subs r2, #1; bne 1b; SCS_READ(r1, SYST_CSR); and r0, r1, #0x10000)
	TEST_CASE(108, r0, 1, SCS_WRITE(SYST_RVR, 999); SCS_WRITE(SYST_CVR, 0); SCS_READ(r1, SYST_CSR); SCS_READ(r1, SYST_CVR); cmp r1, #1000; ite lo; movlo r0, #1; movhs r0, #0)
	/* stopped: it holds */
	TEST_CASE(105, r0, 0, SCS_WRITE(SYST_CSR, 4); SCS_READ(r1, SYST_CVR); nop; nop; nop; nop; SCS_READ(r2, SYST_CVR); subs r0, r1, r2)
	/* TICKINT: the exception, three times, WFI between */
	TEST_CASE(200, r0, 3, SCS_WRITE(SYST_CVR, 0); SCS_WRITE(SYST_CSR, 7); 1: wfi; cmp r5, #3; blo 1b; SCS_WRITE(SYST_CSR, 0); mov r0, r5)
	/* a tick held pending for several periods (PRIMASK): taken once when
	 * unmasked, and the ticks go on after it 201.. */
	TEST_CASE(201, r0, 1, movs r5, #0; SCS_WRITE(SYST_RVR, 99); SCS_WRITE(SYST_CVR, 0); cpsid i; SCS_WRITE(SYST_CSR, 7); movs r2, #250; 1: subs r2, #1; bne 1b; cpsie i; isb; mov r0, r5)
	TEST_CASE(202, r0, 4, 1: wfi; cmp r5, #4; blo 1b; SCS_WRITE(SYST_CSR, 0); mov r0, r5)
	/* PENDSTSET pends it by hand; PENDSTCLR clears it */
	TEST_CASE(300, r0, 1, movs r5, #0; cpsid i; SCS_WRITE(SCS_ICSR, 0x04000000); SCS_READ(r1, SCS_ICSR); lsr r0, r1, #26; and r0, r0, #1; cmp r5, #0; bne fail)
	TEST_CASE(301, r0, 0, SCS_WRITE(SCS_ICSR, 0x02000000); cpsie i; isb; mov r0, r5)
	TEST_CASE(302, r0, 1, SCS_WRITE(SCS_ICSR, 0x04000000); isb; mov r0, r5)
	/* DWT CYCCNT: one cycle per instruction on simulated time 400.. */
	TEST_CASE(400, r0, 6, SCS_WRITE(0xE0001000, 1); ldr r2, =0xE0001004; ldr r3, [r2]; nop; nop; nop; nop; nop; ldr r4, [r2]; subs r0, r4, r3)
	TEST_CASE(401, r0, 0, SCS_WRITE(0xE0001000, 0); ldr r2, =0xE0001004; ldr r3, [r2]; nop; nop; ldr r4, [r2]; subs r0, r4, r3)
	TEST_CASE(402, r0, 0x40000000, ldr r2, =0xE0001000; ldr r0, [r2])
TEST_END

	.thumb_func
	.globl handler_15
handler_15:
	adds r5, #1
	bx lr

TEST_VECTORS
