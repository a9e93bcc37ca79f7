/* M extension, with division by zero and the overflow case. */
#include "isa.h"

RVTEST_CODE_BEGIN
	TEST_RR_OP(100, mul, 0x00001200, 0x00007e00, 0xb6db6db7)
	TEST_RR_OP(101, mul, 0x00000001, 0xffffffff, 0xffffffff)
	TEST_RR_OP(102, mul, 0x80000000, 0x80000000, 0xffffffff)
	TEST_RR_SRC12_EQ_DEST(103, mul, 169, 13)
	TEST_RR_ZERODEST(104, mul, 33, 34)
	TEST_RR_OP(200, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
	TEST_RR_OP(201, mulh, 0x00000000, 0xffffffff, 0xffffffff)
	TEST_RR_OP(202, mulh, 0x40000000, 0x80000000, 0x80000000)
	TEST_RR_OP(300, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
	TEST_RR_OP(301, mulhsu, 0xc0000000, 0x80000000, 0x80000000)
	TEST_RR_OP(302, mulhsu, 0x00000000, 0x00000001, 0xffffffff)
	TEST_RR_OP(400, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
	TEST_RR_OP(401, mulhu, 0x40000000, 0x80000000, 0x80000000)
	TEST_RR_ZEROSRC1(402, mulhu, 0, 31)

	TEST_RR_OP(500, div, 3, 20, 6)
	TEST_RR_OP(501, div, -3, -20, 6)
	TEST_RR_OP(502, div, -3, 20, -6)
	TEST_RR_OP(503, div, 3, -20, -6)
	TEST_RR_OP(504, div, 0x80000000, 0x80000000, -1) /* overflow */
	TEST_RR_OP(505, div, -1, 0x80000000, 0)           /* by zero */
	TEST_RR_OP(506, div, -1, 0, 0)
	TEST_RR_OP(600, divu, 3, 20, 6)
	TEST_RR_OP(601, divu, 715827879, -20, 6)
	TEST_RR_OP(602, divu, 0, 0x80000000, -1)
	TEST_RR_OP(603, divu, -1, 0x80000000, 0)
	TEST_RR_OP(700, rem, 2, 20, 6)
	TEST_RR_OP(701, rem, -2, -20, 6)
	TEST_RR_OP(702, rem, 2, 20, -6)
	TEST_RR_OP(703, rem, 0, 0x80000000, -1)           /* overflow */
	TEST_RR_OP(704, rem, 0x80000000, 0x80000000, 0)   /* by zero: dividend */
	TEST_RR_OP(800, remu, 2, 20, 6)
	TEST_RR_OP(801, remu, 2, -20, 6)
	TEST_RR_OP(802, remu, 0x80000000, 0x80000000, 0)
	TEST_RR_SRC1_EQ_DEST(803, remu, 2, 20, 6)
	TEST_RR_SRC2_EQ_DEST(804, divu, 3, 20, 6)

	TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
