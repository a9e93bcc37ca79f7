/* Environment and macros of the Cortex-M ISA tests (Thumb-2 assembly),
 * after riscv-tests: the test number lives in r12; a failing case prints
 * "FAIL: case N, got 0xV" (the value or flags compared) through
 * semihosting and exits with status 1, passing exits with 0 (SYS_EXIT,
 * ADP_Stopped_ApplicationExit).  Expected values are loaded into r11, the
 * value compared copied to r9 (and flags read into r10): tests keep their
 * results out of r9..r12.  The image is QEMU's mps2-an386 (code at 0, data at
 * 0x20000000); the vector table at 0 sends every exception to `handler_N`
 * when the test defines it (before TEST_VECTORS, which ends the file),
 * else to the failure path. */
#ifndef ISA_H
#define ISA_H

	.syntax unified
	.thumb

#define TESTNUM r12

/* the vector table: SP, reset, then exceptions 2..63 */
#define VEC(n) .word handler_##n + 1;
#define WEAKVEC(n) .ifndef handler_##n; .set handler_##n, unexpected; .endif;

#define TEST_BEGIN \
	.section .vectors, "a"; \
	.word _stack_top; \
	.word _start + 1; \
	VEC(2) VEC(3) VEC(4) VEC(5) VEC(6) VEC(7) VEC(8) VEC(9) VEC(10) VEC(11) VEC(12) \
	VEC(13) VEC(14) VEC(15) VEC(16) VEC(17) VEC(18) VEC(19) VEC(20) VEC(21) VEC(22) \
	VEC(23) VEC(24) VEC(25) VEC(26) VEC(27) VEC(28) VEC(29) VEC(30) VEC(31); \
	.text; \
	.thumb_func; .globl _start; \
_start: \
	mov r12, #0; \
	b test_start; \
	.thumb_func; \
unexpected: \
	mrs r0, ipsr; \
	movw r11, #9000; \
	add r12, r0, r11; /* case 9000 + the exception number */ \
	b fail; \
	.thumb_func; \
fail: \
	/* "FAIL: case N\n" with N in decimal, then SYS_EXIT with an error */ \
	mov r4, r12; \
	adr r1, fail_msg; \
	mov r0, #4; \
	bkpt #0xab; \
	sub sp, sp, #16; \
	mov r5, sp; \
	add r5, r5, #15; \
	mov r0, #0; \
	strb r0, [r5]; \
	mov r6, #10; \
1:	udiv r7, r4, r6; \
	mls r8, r7, r6, r4; \
	add r8, r8, #'0'; \
	sub r5, r5, #1; \
	strb r8, [r5]; \
	movs r4, r7; \
	bne 1b; \
	mov r1, r5; \
	mov r0, #4; \
	bkpt #0xab; \
	adr r1, got_msg; \
	mov r0, #4; \
	bkpt #0xab; \
	mov r5, sp; \
	mov r0, #0; \
	strb r0, [r5, #8]; \
	mov r6, #8; \
2:	and r7, r9, #15; \
	cmp r7, #10; \
	ite lo; \
	addlo r7, r7, #'0'; \
	addhs r7, r7, #('a' - 10); \
	sub r6, r6, #1; \
	strb r7, [r5, r6]; \
	lsr r9, r9, #4; \
	cmp r6, #0; \
	bne 2b; \
	mov r1, r5; \
	mov r0, #4; \
	bkpt #0xab; \
	adr r1, nl_msg; \
	mov r0, #4; \
	bkpt #0xab; \
	mov r0, #0x18; \
	ldr r1, =0x20023; /* ADP_Stopped_RunTimeErrorUnknown */ \
	bkpt #0xab; \
	b .; \
	.balign 4; \
fail_msg: .asciz "FAIL: case "; \
got_msg: .asciz ", got 0x"; \
nl_msg: .asciz "\n"; \
	.balign 4; \
	.thumb_func; \
pass: \
	mov r0, #0x18; \
	ldr r1, =0x20026; /* ADP_Stopped_ApplicationExit */ \
	bkpt #0xab; \
	b .; \
	.ltorg; \
	.thumb_func; \
test_start:

#define TEST_END \
	b pass; \
	.ltorg;

/* Last in the file, after the test's handlers: the vectors it does not
 * define go to the failure path. */
#define TEST_VECTORS \
	WEAKVEC(2) WEAKVEC(3) WEAKVEC(4) WEAKVEC(5) WEAKVEC(6) WEAKVEC(7) WEAKVEC(8) WEAKVEC(9) \
	WEAKVEC(10) WEAKVEC(11) WEAKVEC(12) WEAKVEC(13) WEAKVEC(14) WEAKVEC(15) WEAKVEC(16) \
	WEAKVEC(17) WEAKVEC(18) WEAKVEC(19) WEAKVEC(20) WEAKVEC(21) WEAKVEC(22) WEAKVEC(23) \
	WEAKVEC(24) WEAKVEC(25) WEAKVEC(26) WEAKVEC(27) WEAKVEC(28) WEAKVEC(29) WEAKVEC(30) \
	WEAKVEC(31)

/* Runs code, then compares reg with the expected value. */
#define TEST_CASE(num, reg, expected, code...) \
	movw r12, (num); \
	code; \
	mov r9, reg; \
	ldr r11, =expected; \
	cmp r9, r11; \
	bne fail;

/* The same, and the flags N Z C V Q (APSR[31:27]) must be `flags`. */
#define TEST_FLAGS(num, reg, expected, flags, code...) \
	movw r12, (num); \
	code; \
	mrs r10, apsr; \
	mov r9, reg; \
	ldr r11, =expected; \
	cmp r9, r11; \
	bne fail; \
	and r9, r10, #0xf8000000; \
	ldr r11, =flags; \
	cmp r9, r11; \
	bne fail;

/* APSR values: N Z C V Q */
#define N_ 0x80000000
#define Z_ 0x40000000
#define C_ 0x20000000
#define V_ 0x10000000
#define Q_ 0x08000000

/* Clears the flags (and Q) before a case. */
#define CLRF mov r10, #0; msr apsr_nzcvq, r10
#define SETF(v) ldr r10, =v; msr apsr_nzcvq, r10

/* System Control Space */
#define SCS_ICSR 0xE000ED04
#define SCS_VTOR 0xE000ED08
#define SCS_AIRCR 0xE000ED0C
#define SCS_CCR 0xE000ED14
#define SCS_SHPR2 0xE000ED1C
#define SCS_SHPR3 0xE000ED20
#define SCS_SHCSR 0xE000ED24
#define SCS_CFSR 0xE000ED28
#define SCS_HFSR 0xE000ED2C
#define SCS_MMFAR 0xE000ED34
#define SCS_BFAR 0xE000ED38
#define SCS_CPACR 0xE000ED88
#define SCS_FPCCR 0xE000EF34
#define SCS_FPCAR 0xE000EF38
#define SCS_FPDSCR 0xE000EF3C
#define NVIC_ISER0 0xE000E100
#define NVIC_ISPR0 0xE000E200
#define NVIC_IPR0 0xE000E400
#define SYST_CSR 0xE000E010
#define SYST_RVR 0xE000E014
#define SYST_CVR 0xE000E018
#define MPU_CTRL 0xE000ED94
#define MPU_RNR 0xE000ED98
#define MPU_RBAR 0xE000ED9C
#define MPU_RASR 0xE000EDA0

/* Stores value to a system register (clobbers r10, r11). */
#define SCS_WRITE(addr, value) ldr r10, =addr; ldr r11, =value; str r11, [r10]
#define SCS_READ(reg, addr) ldr r10, =addr; ldr reg, [r10]

/* Enables the FPU (CP10/CP11 full access). */
#define FPU_ON SCS_WRITE(SCS_CPACR, 0x00F00000); dsb; isb

#endif
