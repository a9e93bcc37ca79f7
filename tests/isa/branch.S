/* Branches (taken and not taken, both directions), jal and jalr (link
 * value, rd == rs1, x0 link, bit 0 of the target cleared). */
#include "isa.h"

RVTEST_CODE_BEGIN
	TEST_BR2_OP_TAKEN(100, beq, 0, 0)
	TEST_BR2_OP_TAKEN(101, beq, -1, -1)
	TEST_BR2_OP_NOTTAKEN(102, beq, 0, 1)
	TEST_BR2_OP_TAKEN(200, bne, 0, 1)
	TEST_BR2_OP_NOTTAKEN(201, bne, -1, -1)
	TEST_BR2_OP_TAKEN(300, blt, -1, 1)
	TEST_BR2_OP_TAKEN(301, blt, 0x80000000, 0x7fffffff)
	TEST_BR2_OP_NOTTAKEN(302, blt, 1, -1)
	TEST_BR2_OP_NOTTAKEN(303, blt, 1, 1)
	TEST_BR2_OP_TAKEN(400, bge, 1, 1)
	TEST_BR2_OP_TAKEN(401, bge, 1, -1)
	TEST_BR2_OP_NOTTAKEN(402, bge, -1, 1)
	TEST_BR2_OP_TAKEN(500, bltu, 1, -1)
	TEST_BR2_OP_NOTTAKEN(501, bltu, 0x80000000, 0x7fffffff)
	TEST_BR2_OP_TAKEN(600, bgeu, -1, 1)
	TEST_BR2_OP_TAKEN(601, bgeu, 0, 0)
	TEST_BR2_OP_NOTTAKEN(602, bgeu, 0x7fffffff, 0x80000000)

	/* jal links pc + 4 */
	TEST_CASE(700, x14, 0, \
		la x2, 1f; \
		jal x1, 1f; \
	1:	sub x14, x1, x2)
	TEST_CASE(701, x0, 0, jal x0, 1f; li x14, 5; 1: nop)
	/* jalr: link, rd == rs1, low bit cleared */
	TEST_CASE(800, x14, 0, \
		la x2, 1f; \
		la x6, 2f; \
		jalr x1, 0(x6); \
	1:	j fail; \
	2:	sub x14, x1, x2)
	TEST_CASE(801, x14, 0, \
		la x1, 2f; \
		la x2, 1f; \
		jalr x1, 0(x1); \
	1:	j fail; \
	2:	sub x14, x1, x2)
	TEST_CASE(802, x14, 0, \
		la x6, 2f - 1; \
		jalr x0, 1(x6); \
		j fail; \
		.align 2; \
	2:	li x14, 0)
	/* a long jump across pages */
	TEST_CASE(803, x14, 7, \
		li x14, 0; \
		call far; \
		addi x14, x14, 3)
	TEST_PASSFAIL

	.section .text.far, "ax"
	.align 12
	.skip 4094
far:	addi x14, x14, 4   /* a 4-byte instruction across a page boundary */
	ret
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
