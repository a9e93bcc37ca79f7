/* A lockup (a fault inside HardFault) while SysTick interrupts every 100
 * cycles: the run ends with the lockup report (status 1) although the
 * counter goes on wrapping. */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.word 0
	.word hardfault + 1
	.rept 11
	.word 0
	.endr
	.word systick + 1
	.text
	.thumb_func
	.globl _start
_start:
	ldr r0, =0xE000E010      /* SYST_CSR */
	movs r1, #99
	str r1, [r0, #4]
	movs r1, #7
	str r1, [r0]
	udf #1
	.thumb_func
hardfault:
	udf #2
	.thumb_func
systick:
	bx lr
