/* Environment and macros for the ISA tests, after riscv-tests' p
 * environment and test_macros.h: the test number lives in gp; pass writes
 * 1 to tohost, fail writes (number << 1) | 1, so `rpsim exec` exits with
 * the number of the failing case. Expected values are loaded into t2 (x7):
 * tests keep their results out of it. */
#ifndef ISA_H
#define ISA_H

#define TESTNUM gp

#ifdef NORVC
#define ISA_RVC .option norvc
#else
#define ISA_RVC
#endif

#define RVTEST_CODE_BEGIN \
	.section .text.init, "ax"; \
	.globl _start; \
	.weak mtvec_handler; \
_start: \
	ISA_RVC; \
	la t0, trap_vector; \
	csrw mtvec, t0; \
	la sp, _stack_top; \
	li TESTNUM, 0; \
	j test_start; \
	.align 2; \
trap_vector: \
	csrr t5, mcause; \
	li t6, 11; beq t5, t6, write_tohost; \
	li t6, 8; beq t5, t6, write_tohost; \
	la t5, mtvec_handler; \
	beqz t5, 1f; \
	jr t5; \
1:	li TESTNUM, 1337; \
	slli TESTNUM, TESTNUM, 1; ori TESTNUM, TESTNUM, 1; \
write_tohost: \
	sw TESTNUM, tohost, t5; \
	sw zero, tohost + 4, t5; \
	j write_tohost; \
test_start: ;

#define RVTEST_CODE_END \
	unimp

/* both put the suite's trap vector back: privileged tests install their own */
#define RVTEST_PASS \
	la t5, trap_vector; csrw mtvec, t5; \
	fence; li TESTNUM, 1; ecall

#define RVTEST_FAIL \
	la t5, trap_vector; csrw mtvec, t5; \
	fence; \
1:	beqz TESTNUM, 1b; \
	slli TESTNUM, TESTNUM, 1; \
	ori TESTNUM, TESTNUM, 1; \
	ecall

#define TEST_PASSFAIL \
	bne x0, TESTNUM, pass; \
fail: RVTEST_FAIL; \
pass: RVTEST_PASS;

#define RVTEST_DATA_BEGIN \
	.pushsection .tohost, "aw", @progbits; \
	.align 6; .globl tohost; tohost: .dword 0; .size tohost, 8; \
	.align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8; \
	.popsection; \
	.data; .align 4;
#define RVTEST_DATA_END

#define MASK_XLEN(x) ((x) & 0xffffffff)
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

#define TEST_CASE(testnum, testreg, correctval, code...) \
test_ ## testnum: \
	li TESTNUM, testnum; \
	code; \
	li x7, MASK_XLEN(correctval); \
	bne testreg, x7, fail;

#define TEST_IMM_OP(testnum, inst, result, val1, imm) \
	TEST_CASE(testnum, x14, result, li x1, MASK_XLEN(val1); inst x14, x1, SEXT_IMM(imm))
#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm) \
	TEST_CASE(testnum, x1, result, li x1, MASK_XLEN(val1); inst x1, x1, SEXT_IMM(imm))
#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm) \
	TEST_CASE(testnum, x1, result, inst x1, x0, SEXT_IMM(imm))
#define TEST_IMM_ZERODEST(testnum, inst, val1, imm) \
	TEST_CASE(testnum, x0, 0, li x1, MASK_XLEN(val1); inst x0, x1, SEXT_IMM(imm))

#define TEST_RR_OP(testnum, inst, result, val1, val2) \
	TEST_CASE(testnum, x14, result, li x1, MASK_XLEN(val1); li x2, MASK_XLEN(val2); inst x14, x1, x2)
#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2) \
	TEST_CASE(testnum, x1, result, li x1, MASK_XLEN(val1); li x2, MASK_XLEN(val2); inst x1, x1, x2)
#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2) \
	TEST_CASE(testnum, x2, result, li x1, MASK_XLEN(val1); li x2, MASK_XLEN(val2); inst x2, x1, x2)
#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1) \
	TEST_CASE(testnum, x1, result, li x1, MASK_XLEN(val1); inst x1, x1, x1)
#define TEST_RR_ZEROSRC1(testnum, inst, result, val) \
	TEST_CASE(testnum, x2, result, li x1, MASK_XLEN(val); inst x2, x0, x1)
#define TEST_RR_ZEROSRC2(testnum, inst, result, val) \
	TEST_CASE(testnum, x2, result, li x1, MASK_XLEN(val); inst x2, x1, x0)
#define TEST_RR_ZERODEST(testnum, inst, val1, val2) \
	TEST_CASE(testnum, x0, 0, li x1, MASK_XLEN(val1); li x2, MASK_XLEN(val2); inst x0, x1, x2)

#define TEST_LD_OP(testnum, inst, result, offset, base) \
	TEST_CASE(testnum, x14, result, la x1, base; inst x14, offset(x1))
#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
	TEST_CASE(testnum, x14, result, la x1, base; li x2, result; \
		  store_inst x2, offset(x1); load_inst x14, offset(x1))

#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
	li TESTNUM, testnum; \
	li x1, val1; li x2, val2; \
	inst x1, x2, 2f; \
	bne x0, TESTNUM, fail; \
1:	bne x0, TESTNUM, 3f; \
2:	inst x1, x2, 1b; \
	bne x0, TESTNUM, fail; \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
	li TESTNUM, testnum; \
	li x1, val1; li x2, val2; \
	inst x1, x2, 1f; \
	bne x0, TESTNUM, 2f; \
1:	bne x0, TESTNUM, fail; \
2:	inst x1, x2, 1b; \
3:

/* Privileged tests: rec_handler records mcause in s2, mepc in s3, mtval
 * in s4 and mstatus in s8, counts traps in s5, and resumes in M mode at s6
 * with interrupts off (MPIE cleared). */
#define REC_HANDLER \
	.align 2; \
rec_handler: \
	csrr s2, mcause; \
	csrr s3, mepc; \
	csrr s4, mtval; \
	csrr s8, mstatus; \
	addi s5, s5, 1; \
	csrw mepc, s6; \
	li t5, 0x1800; csrs mstatus, t5; \
	li t5, 0x80; csrc mstatus, t5; \
	mret

#define USE_REC_HANDLER \
	la t0, rec_handler; csrw mtvec, t0

/* Runs code, which must trap once with the cause; resumes after it. */
#define TEST_TRAP(testnum, cause, code...) \
test_ ## testnum: \
	li TESTNUM, testnum; \
	la s6, 8f; li s5, 0; li s2, -1; \
	code; \
	j fail; \
8:	li x7, 1; bne s5, x7, fail; \
	li x7, MASK_XLEN(cause); bne s2, x7, fail;

/* Drops to U mode at the next instruction (clobbers t5). */
#define TO_USER \
	li t5, 0x1800; csrc mstatus, t5; \
	la t5, 7f; csrw mepc, t5; \
	mret; \
7:

/* PMP entry 15 lets U mode reach everything (as riscv-tests' INIT_PMP). */
#define PMP_ALLOW_ALL \
	li t0, -1; csrw pmpaddr15, t0; \
	li t0, (0x18 | 7) << 24; csrs pmpcfg3, t0

#endif
