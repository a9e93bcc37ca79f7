/* RV32I register-register and register-immediate arithmetic, logic and
 * shifts; lui and auipc. Cases are numbered per instruction (add 100..,
 * sub 200.., ...), with rd == rs and x0 forms. */
#include "isa.h"

RVTEST_CODE_BEGIN
	TEST_RR_OP(100, add, 0x00000000, 0x00000000, 0x00000000)
	TEST_RR_OP(101, add, 0x00000002, 0x00000001, 0x00000001)
	TEST_RR_OP(102, add, 0x80000000, 0x7fffffff, 0x00000001)
	TEST_RR_OP(103, add, 0x00000000, 0xffffffff, 0x00000001)
	TEST_RR_OP(104, add, 0x7fffffff, 0x80000000, 0xffffffff)
	TEST_RR_SRC1_EQ_DEST(105, add, 24, 13, 11)
	TEST_RR_SRC2_EQ_DEST(106, add, 25, 14, 11)
	TEST_RR_SRC12_EQ_DEST(107, add, 26, 13)
	TEST_RR_ZEROSRC1(108, add, 15, 15)
	TEST_RR_ZEROSRC2(109, add, 32, 32)
	TEST_RR_ZERODEST(110, add, 16, 30)

	TEST_RR_OP(200, sub, 0x00000000, 0x00000003, 0x00000003)
	TEST_RR_OP(201, sub, 0x80000001, 0x00000000, 0x7fffffff)
	TEST_RR_OP(202, sub, 0x7fffffff, 0x80000000, 0x00000001)
	TEST_RR_OP(203, sub, 0xffffffff, 0x00000000, 0x00000001)
	TEST_RR_SRC1_EQ_DEST(204, sub, 2, 13, 11)
	TEST_RR_SRC2_EQ_DEST(205, sub, 3, 14, 11)
	TEST_RR_SRC12_EQ_DEST(206, sub, 0, 13)
	TEST_RR_ZEROSRC1(207, sub, -15, 15)
	TEST_RR_ZERODEST(208, sub, 16, 30)

	TEST_RR_OP(300, sll, 0x00000001, 0x00000001, 0)
	TEST_RR_OP(301, sll, 0x80000000, 0x00000001, 31)
	TEST_RR_OP(302, sll, 0x80000000, 0xffffffff, 31)
	TEST_RR_OP(303, sll, 0x00000002, 0x00000001, 0xffffffe1) /* only 5 bits of rs2 */
	TEST_RR_SRC12_EQ_DEST(304, sll, 24, 3)
	TEST_RR_ZERODEST(305, sll, 1, 3)

	TEST_RR_OP(400, slt, 0, 0x00000000, 0x00000000)
	TEST_RR_OP(401, slt, 1, 0x80000000, 0x00000000)
	TEST_RR_OP(402, slt, 0, 0x7fffffff, 0x80000000)
	TEST_RR_OP(403, slt, 1, 0xffffffff, 0x00000001)
	TEST_RR_SRC12_EQ_DEST(404, slt, 0, 3)
	TEST_RR_OP(410, sltu, 0, 0x80000000, 0x00000000)
	TEST_RR_OP(411, sltu, 1, 0x00000000, 0xffffffff)
	TEST_RR_OP(412, sltu, 1, 0x7fffffff, 0x80000000)
	TEST_RR_ZEROSRC1(413, sltu, 1, 5)
	TEST_RR_ZEROSRC2(414, sltu, 0, 5)

	TEST_RR_OP(500, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
	TEST_RR_OP(501, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
	TEST_RR_OP(502, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
	TEST_RR_SRC12_EQ_DEST(503, xor, 0, 0xff00ff00)
	TEST_RR_SRC12_EQ_DEST(504, or, 0xff00ff00, 0xff00ff00)
	TEST_RR_ZERODEST(505, and, 0xff00ff00, 0x0f0f0f0f)

	TEST_RR_OP(600, srl, 0x00000001, 0x80000000, 31)
	TEST_RR_OP(601, srl, 0x01ffffff, 0xffffffff, 7)
	TEST_RR_OP(602, srl, 0x80000000, 0x80000000, 0xffffffe0)
	TEST_RR_OP(610, sra, 0xffffffff, 0x80000000, 31)
	TEST_RR_OP(611, sra, 0x00ffffff, 0x7fffffff, 7)
	TEST_RR_OP(612, sra, 0xff000000, 0x80000000, 7)
	TEST_RR_SRC1_EQ_DEST(613, sra, 0xffffffff, 0x80000000, 31)

	TEST_IMM_OP(700, addi, 0x00000000, 0x00000000, 0x000)
	TEST_IMM_OP(701, addi, 0xfffff800, 0x00000000, 0x800)
	TEST_IMM_OP(702, addi, 0x800007fe, 0x7fffffff, 0x7ff)
	TEST_IMM_OP(703, addi, 0x7ffff800, 0x80000000, 0x800)
	TEST_IMM_SRC1_EQ_DEST(704, addi, 24, 13, 11)
	TEST_IMM_ZEROSRC1(705, addi, 32, 32)
	TEST_IMM_ZERODEST(706, addi, 33, 50)

	TEST_IMM_OP(800, slti, 1, 0x80000000, 0x000)
	TEST_IMM_OP(801, slti, 0, 0x00000000, 0x800)
	TEST_IMM_OP(802, sltiu, 1, 0x00000000, 0xfff) /* imm sign-extends, compares unsigned */
	TEST_IMM_OP(803, sltiu, 0, 0xffffffff, 0xfff)
	TEST_IMM_OP(804, xori, 0xff00f00f, 0x00ff0f00, 0xf0f)
	TEST_IMM_OP(805, ori, 0xffffff0f, 0xff00ff00, 0xf0f)
	TEST_IMM_OP(806, andi, 0xff00ff00, 0xff00ff00, 0xf0f)
	TEST_IMM_ZERODEST(807, ori, 0xff00ff00, 0x0f0)

	TEST_IMM_OP(900, slli, 0x80000000, 0x00000001, 31)
	TEST_IMM_OP(901, srli, 0x00000001, 0x80000000, 31)
	TEST_IMM_OP(902, srai, 0xffffffff, 0x80000000, 31)
	TEST_IMM_OP(903, srai, 0xfffe0000, 0x80000000, 14)
	TEST_IMM_SRC1_EQ_DEST(904, srli, 0x00000001, 0x80000000, 31)
	TEST_IMM_ZERODEST(905, srai, 0x80000000, 31)

	TEST_CASE(1000, x14, 0xfffff000, lui x14, 0xfffff)
	TEST_CASE(1001, x14, 0x7ffff000, lui x14, 0x7ffff)
	TEST_CASE(1002, x0, 0, lui x0, 0x80000)
	TEST_CASE(1010, a0, 0x2000, \
		la a1, 1f; \
	1:	auipc a0, 2; \
		sub a0, a0, a1)
	TEST_CASE(1011, a0, -0x1000, \
		la a1, 1f; \
	1:	auipc a0, 0xfffff; \
		sub a0, a0, a1)

	TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
