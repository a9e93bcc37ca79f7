/* WFI with no interrupt enabled: nothing can wake the core. */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	wfi
	b _start
