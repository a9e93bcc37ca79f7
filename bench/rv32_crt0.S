/* Start-up for the RV32 benchmark firmware: stack, bss, main(), then the
 * HTIF exit with main's return value (0 = pass). */
	.section .text.init, "ax"
	.globl _start
_start:
	la sp, _stack_top
	la t0, _bss_start
	la t1, _bss_end
1:	bgeu t0, t1, 2f
	sw zero, 0(t0)
	addi t0, t0, 4
	j 1b
2:	call main
	slli a0, a0, 1
	ori a0, a0, 1
	la t0, tohost
3:	sw a0, 0(t0)
	sw zero, 4(t0)
	j 3b

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost:	.dword 0
	.size tohost, 8
	.align 6
	.globl fromhost
fromhost: .dword 0
	.size fromhost, 8
