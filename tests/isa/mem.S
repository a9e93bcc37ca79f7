/* Loads and stores: sign and zero extension, offsets, rd == base, x0 as
 * destination, sub-word stores into a word. */
#include "isa.h"

RVTEST_CODE_BEGIN
	TEST_LD_OP(100, lb, 0xffffffff, 0, tdat)
	TEST_LD_OP(101, lb, 0x00000000, 1, tdat)
	TEST_LD_OP(102, lb, 0xfffffff0, 2, tdat)
	TEST_LD_OP(103, lb, 0x0000000f, 3, tdat)
	TEST_LD_OP(104, lb, 0xffffff80, 4, tdat)
	TEST_LD_OP(105, lb, 0x0000007f, -1, tdat2)
	TEST_LD_OP(200, lbu, 0x000000ff, 0, tdat)
	TEST_LD_OP(201, lbu, 0x00000080, 4, tdat)
	TEST_LD_OP(300, lh, 0x000000ff, 0, tdat)
	TEST_LD_OP(301, lh, 0xffffff00, 2, tdat2)
	TEST_LD_OP(302, lh, 0xffff8080, 4, tdat)
	TEST_LD_OP(400, lhu, 0x0000ff00, 2, tdat2)
	TEST_LD_OP(401, lhu, 0x00008080, 4, tdat)
	TEST_LD_OP(500, lw, 0x0ff000ff, 0, tdat)
	TEST_LD_OP(501, lw, 0x7fff8080, 4, tdat)
	TEST_LD_OP(502, lw, 0xff00007f, -4, tdat3)
	TEST_CASE(503, x1, 0x0ff000ff, la x1, tdat; lw x1, 0(x1))  /* rd == base */
	TEST_CASE(504, x0, 0, la x1, tdat; lw x0, 0(x1))

	TEST_ST_OP(600, lb, sb, 0xffffffaa, 0, sdat)
	TEST_ST_OP(601, lbu, sb, 0x000000a0, 1, sdat)
	TEST_ST_OP(602, lh, sh, 0xffffaa00, 2, sdat)
	TEST_ST_OP(603, lhu, sh, 0x0000a00a, 6, sdat)
	TEST_ST_OP(604, lw, sw, 0xaa00aa00, 8, sdat)
	TEST_ST_OP(605, lw, sw, 0x12345678, -4, sdat_end)
	TEST_CASE(606, x14, 0x11bb33cc, \
		la x1, sdat2; li x2, 0x11223344; sw x2, 0(x1); \
		li x6, 0xcc; sb x6, 0(x1); li x6, 0xbb; sb x6, 2(x1); lw x14, 0(x1))
	TEST_CASE(607, x14, 0xbeef3344, \
		la x1, sdat2; li x2, 0x11223344; sw x2, 0(x1); \
		li x6, 0xbeef; sh x6, 2(x1); lw x14, 0(x1))
	/* store with base == source */
	TEST_CASE(608, x14, 0, la x1, sdat2; sw x1, 0(x1); lw x14, 0(x1); sub x14, x14, x1)

	TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
tdat:	.word 0x0ff000ff
	.word 0x7fff8080
tdat2:	.word 0xff00007f
tdat3:	.word 0x12345678
	.word 0
sdat:	.zero 12
sdat_end: .word 0
sdat2:	.word 0
RVTEST_DATA_END
