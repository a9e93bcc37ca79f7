/* SysTick interrupting every 100 cycles, then a fault whose HardFault
 * handler sleeps: SysTick (priority 0) cannot preempt HardFault (-1), so
 * nothing can wake the core although the counter goes on wrapping.  The
 * run must end (rpsim exec reports the sleep, status 1), not tick through
 * simulated time for ever: the fuzzer found this hang.  Built again with
 * -DLOCKUP as exec-lockup-tick.elf: a fault inside HardFault locks the
 * core up, and the run must end with the lockup report. */
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
	str r1, [r0, #4]         /* RVR: 100 cycles */
	movs r1, #0
	str r1, [r0, #8]         /* CVR */
	movs r1, #7              /* ENABLE | TICKINT | CLKSOURCE */
	str r1, [r0]
	movs r2, #200
1:	subs r2, #1              /* a few ticks taken */
	bne 1b
	udf #1                   /* UsageFault, escalated to HardFault */
	.thumb_func
hardfault:
#ifdef LOCKUP
	udf #2
#else
	wfi
	b hardfault
#endif
	.thumb_func
systick:
	bx lr
