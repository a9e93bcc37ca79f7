/* rpsim exec test: a riscv-arch-test style signature area. */
#include "isa.h"
RVTEST_CODE_BEGIN
	la t0, begin_signature
	li t1, 0xdeadbeef
	sw t1, 0(t0)
	li t1, 0x12
	sw t1, 8(t0)
	li TESTNUM, 1
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
	.align 4
	.globl begin_signature
begin_signature:
	.word 0, 0x01020304, 0
	.globl end_signature
end_signature:
	.word 0
RVTEST_DATA_END
