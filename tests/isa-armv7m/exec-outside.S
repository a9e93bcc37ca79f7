/* A segment where mps2-an386 has no RAM (0x30000000): refused. */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	b _start
	.section .far, "aw"
	.word 1
