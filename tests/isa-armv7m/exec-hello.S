/* rpsim exec on mps2-an386: the semihosting console (SYS_WRITE0,
 * SYS_WRITEC, SYS_WRITE to stderr), ITM stimulus port 0 as a console, an
 * unknown operation returning -1, SYS_CLOCK, and the exit status from
 * SYS_EXIT_EXTENDED (5). */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	movs r0, #4
	adr r1, hello
	bkpt #0xab
	movs r0, #3
	adr r1, letter
	bkpt #0xab
	ldr r2, =0xE0000000      /* ITM stimulus port 0 */
	ldr r3, [r2]             /* FIFO ready: 1 */
	cmp r3, #1
	bne bad
	movs r3, #'!'
	strb r3, [r2]
	movs r0, #5
	adr r1, block
	bkpt #0xab
	cmp r0, #0               /* all written */
	bne bad
	movs r0, #0x99           /* not an operation: -1 */
	bkpt #0xab
	cmp r0, #-1
	bne bad
	movs r0, #0x10           /* SYS_CLOCK: centiseconds, 0 this early */
	bkpt #0xab
	cmp r0, #0
	bne bad
	movs r0, #0x20
	adr r1, exit_block
	bkpt #0xab
bad:	movs r0, #0x18
	ldr r1, =0x20023
	bkpt #0xab
	.ltorg
	.balign 4
hello:	.asciz "hello\n"
letter:	.ascii "A"
	.balign 4
errmsg:	.ascii "err\n"
	.balign 4
block:	.word 2, errmsg, 4
exit_block: .word 0x20026, 5
