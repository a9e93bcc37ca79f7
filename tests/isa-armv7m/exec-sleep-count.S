/* SysTick counting without TICKINT while the core sleeps with no
 * interrupt enabled: the counter wraps for ever but can wake nothing, so
 * the run ends with "nothing can wake it" (status 1). */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	ldr r0, =0xE000E010      /* SYST_CSR */
	movs r1, #99
	str r1, [r0, #4]         /* RVR: 100 cycles */
	movs r1, #5              /* ENABLE | CLKSOURCE, no TICKINT */
	str r1, [r0]
1:	wfi
	b 1b
