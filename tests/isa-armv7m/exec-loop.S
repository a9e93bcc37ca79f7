/* An endless loop, for --max-insns. */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	adds r0, #1
	b _start
