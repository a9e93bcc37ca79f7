/* A fault inside the HardFault handler: the core locks up (rpsim exec
 * reports it and exits with status 1). */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.word 0
	.word hardfault + 1
	.text
	.thumb_func
	.globl _start
_start:
	udf #1
	.thumb_func
hardfault:
	udf #2
