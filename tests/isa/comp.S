/* Every RV32C form, written explicitly, with edge immediates (largest
 * offsets, negative c.lui, shifts by 31, links of pc + 2). */
#include "isa.h"

RVTEST_CODE_BEGIN
	.option rvc
	TEST_CASE(100, a0, 1020, mv s1, sp; c.addi4spn a0, sp, 1020; sub a0, a0, s1)
	TEST_CASE(101, a0, 4, mv s1, sp; c.addi4spn a0, sp, 4; sub a0, a0, s1)
	TEST_CASE(110, a0, 0x12345678, la s0, cdat; c.lw a0, 4(s0))
	TEST_CASE(111, a1, 0xcafe, la s0, cdat; li a0, 0xcafe; c.sw a0, 124(s0); lw a1, 124(s0))
	TEST_CASE(112, a1, 0x12345678, la s0, cdat; c.lw a1, 4(s0); c.sw a1, 0(s0); c.lw a1, 0(s0))
	TEST_CASE(120, a0, 0xffffffe0, li a0, 0; c.addi a0, -32)
	TEST_CASE(121, a0, 31, li a0, 0; c.addi a0, 31)
	TEST_CASE(122, a0, 7, li a0, 7; c.nop)
	TEST_CASE(130, a0, 0, la s1, 1f; c.jal 2f; 1: j fail; 2: sub a0, ra, s1)
	TEST_CASE(140, a0, 0xffffffe0, c.li a0, -32)
	TEST_CASE(141, a0, 31, c.li a0, 31)
	TEST_CASE(150, a0, 512, mv s1, sp; c.addi16sp sp, -512; sub a0, s1, sp; c.addi16sp sp, 496; c.addi16sp sp, 16)
	TEST_CASE(151, a0, 0, sub a0, s1, sp)
	TEST_CASE(160, a0, 0xfffe0000, c.lui a0, 0xfffe0)
	TEST_CASE(161, a0, 0x1f000, c.lui a0, 0x1f)
	TEST_CASE(162, a0, 0x1000, c.lui a0, 1)
	TEST_CASE(170, a0, 1, li a0, 0x80000000; c.srli a0, 31)
	TEST_CASE(171, a0, 0xffffffff, li a0, 0x80000000; c.srai a0, 31)
	TEST_CASE(172, a0, 0x00ff0000, li a0, 0xff000000; c.srli a0, 8)
	TEST_CASE(173, a0, 0xfff00000, li a0, 0xff000000; c.srai a0, 4)
	TEST_CASE(174, a0, 0xff00ff00, li a0, 0xff00ff00; c.andi a0, -1)
	TEST_CASE(175, a0, 0x10, li a0, 0xff00ff10; c.andi a0, 0x10)
	TEST_CASE(176, a0, 0x80000000, li a0, 1; c.slli a0, 31)
	TEST_CASE(180, a0, 0xfffffffe, li a0, 1; li a1, 3; c.sub a0, a1)
	TEST_CASE(181, a0, 0xf00ff00f, li a0, 0xff00ff00; li a1, 0x0f0f0f0f; c.xor a0, a1)
	TEST_CASE(182, a0, 0xff0fff0f, li a0, 0xff00ff00; li a1, 0x0f0f0f0f; c.or a0, a1)
	TEST_CASE(183, a0, 0x0f000f00, li a0, 0xff00ff00; li a1, 0x0f0f0f0f; c.and a0, a1)
	TEST_CASE(184, a0, 0, li a0, 5; c.sub a0, a0)
	TEST_CASE(190, a0, 3, li a0, 1; c.j 1f; li a0, 2; 1: c.addi a0, 2)
	TEST_CASE(191, a0, 0, li a0, 0; c.beqz a0, 1f; li a0, 9; 1: nop)
	TEST_CASE(192, a0, 9, li a0, 1; c.beqz a0, 1f; li a0, 9; 1: nop)
	TEST_CASE(193, a0, 1, li a0, 1; c.bnez a0, 1f; li a0, 9; 1: nop)
	TEST_CASE(194, a0, 3, li a0, 5; 1: c.addi a0, -1; li a1, 3; bne a0, a1, 1b)
	TEST_CASE(200, a0, 0xabcd, c.addi16sp sp, -256; li a0, 0xabcd; c.swsp a0, 252(sp); li a0, 0; c.lwsp a0, 252(sp); c.addi16sp sp, 256)
	TEST_CASE(201, a1, 0x1234, li a0, 0x1234; c.swsp a0, 0(sp); c.lwsp a1, 0(sp))
	TEST_CASE(210, a0, 0, la a1, 1f; c.jr a1; j fail; 1: li a0, 0)
	TEST_CASE(211, a0, 0, la a1, 2f; la s1, 1f; c.jalr a1; 1: j fail; 2: sub a0, ra, s1)
	TEST_CASE(212, a0, 0x55, li a1, 0x55; c.mv a0, a1)
	TEST_CASE(213, a0, 0x57, li a0, 2; li a1, 0x55; c.add a0, a1)
	TEST_CASE(214, a0, 0xaa, li a0, 0x55; c.add a0, a0)
	TEST_CASE(220, a0, 1, li a0, 0; la s1, 1f; 1: c.ebreak; nop)
	TEST_PASSFAIL

	/* c.ebreak: breakpoint at the instruction, mtval = pc */
	.align 2
mtvec_handler:
	csrr t5, mcause
	li t6, 3
	bne t5, t6, 9f
	csrr t5, mepc
	bne t5, s1, 9f
	csrr t6, mtval
	bne t6, s1, 9f
	addi t5, t5, 2
	csrw mepc, t5
	li a0, 1
	mret
9:	j fail
RVTEST_CODE_END

RVTEST_DATA_BEGIN
cdat:	.word 0
	.word 0x12345678
	.zero 128
RVTEST_DATA_END
