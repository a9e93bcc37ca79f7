/* Self-modifying code: stores over decoded instructions are seen, with
 * fence.i and (this core being coherent) even without it, including the
 * instruction right after the store. */
#include "isa.h"

#define ADDI_A0_A0(imm) (((imm) << 20) | (10 << 15) | (10 << 7) | 0x13)

RVTEST_CODE_BEGIN
	TEST_CASE(100, a0, 1, li a0, 0; call smc)
	TEST_CASE(101, a0, 2, la t0, smc; li t1, ADDI_A0_A0(2); sw t1, 0(t0); fence.i; li a0, 0; call smc)
	TEST_CASE(102, a0, 3, la t0, smc; li t1, ADDI_A0_A0(3); sw t1, 0(t0); li a0, 0; call smc)
	/* the next instruction, already decoded by the first pass of the loop */
	TEST_CASE(103, a0, 42, \
		li s1, 2; la t0, 1f; li t1, ADDI_A0_A0(42) - 0x50000 /* rs1 = 0 */; \
	2:	li a0, 0; \
		.option push; .option norvc; \
	1:	addi a0, zero, 7; \
		.option pop; \
		addi s1, s1, -1; \
		beqz s1, 3f; \
		sw t1, 0(t0); \
		j 2b; \
	3:	nop)
	/* halfword store turning a 4-byte instruction into two compressed ones */
	TEST_CASE(104, a0, 5, \
		la t0, smc2; li t1, 0x4515; sh t1, 0(t0); li t1, 0x0001; sh t1, 2(t0); fence.i; call smc2)
	TEST_PASSFAIL

	.align 2
	.option push
	.option norvc
smc:	addi a0, a0, 1
	ret
smc2:	addi a0, zero, 9   /* becomes c.li a0, 5; c.nop */
	ret
	.option pop
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
