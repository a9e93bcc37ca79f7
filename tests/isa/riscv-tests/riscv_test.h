/* rpsim's stand-in for riscv-tests' p environment (env/p/riscv_test.h):
 * the macros the imported tests use, with the same behaviour on an
 * M + U core. _start installs a trap vector, opens PMP entry 0 to all
 * memory, clears mstatus and mret's into the test in user mode. The
 * test ends with ecall: pass writes 1 to tohost, fail (TESTNUM << 1) | 1
 * (so `rpsim exec` exits with the failing test's number); any other trap
 * writes (TESTNUM | 1337) << 1 | 1 unless the test defines
 * mtvec_handler. tohost and fromhost sit in .tohost, which isa.ld puts
 * on a page of its own. */
#ifndef RPSIM_RISCV_TEST_H
#define RPSIM_RISCV_TEST_H

#define TESTNUM gp

#define RVTEST_RV32U .macro init; .endm
#define RVTEST_RV64U RVTEST_RV32U

#define RVTEST_CODE_BEGIN \
	.section .text.init, "ax"; \
	.align 6; \
	.weak mtvec_handler; \
	.globl _start; \
_start: \
	j reset_vector; \
	.align 2; \
trap_vector: \
	/* ecall from U (8) or M (11): the test is over */ \
	csrr t5, mcause; \
	li t6, 8; beq t5, t6, write_tohost; \
	li t6, 11; beq t5, t6, write_tohost; \
	la t5, mtvec_handler; \
	beqz t5, other_exception; \
	jr t5; \
other_exception: \
	ori TESTNUM, TESTNUM, 1337; \
write_tohost: \
	sw TESTNUM, tohost, t5; \
	sw zero, tohost + 4, t5; \
	j write_tohost; \
reset_vector: \
	li x1, 0; li x2, 0; li x3, 0; li x4, 0; li x5, 0; li x6, 0; li x7, 0; \
	li x8, 0; li x9, 0; li x10, 0; li x11, 0; li x12, 0; li x13, 0; li x14, 0; \
	li x15, 0; li x16, 0; li x17, 0; li x18, 0; li x19, 0; li x20, 0; li x21, 0; \
	li x22, 0; li x23, 0; li x24, 0; li x25, 0; li x26, 0; li x27, 0; li x28, 0; \
	li x29, 0; li x30, 0; li x31, 0; \
	la t0, trap_vector; \
	csrw mtvec, t0; \
	/* PMP entry 0: NAPOT over the whole space, RWX */ \
	li t0, -1; \
	csrw pmpaddr0, t0; \
	li t0, 0x1f; \
	csrw pmpcfg0, t0; \
	li TESTNUM, 0; \
	csrwi mstatus, 0; /* MPP = U */ \
	init; \
	la t0, 1f; \
	csrw mepc, t0; \
	csrr a0, mhartid; \
	mret; \
	.section .text; \
1:

#define RVTEST_CODE_END unimp

#define RVTEST_PASS \
	fence; \
	li TESTNUM, 1; \
	li a7, 93; \
	li a0, 0; \
	ecall

#define RVTEST_FAIL \
	fence; \
1:	beqz TESTNUM, 1b; \
	sll TESTNUM, TESTNUM, 1; \
	or TESTNUM, TESTNUM, 1; \
	li a7, 93; \
	addi a0, TESTNUM, 0; \
	ecall

#define RVTEST_DATA_BEGIN \
	.pushsection .tohost, "aw", @progbits; \
	.align 6; .globl tohost; tohost: .dword 0; .size tohost, 8; \
	.align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8; \
	.popsection; \
	.align 4; .globl begin_signature; begin_signature:

#define RVTEST_DATA_END .align 4; .globl end_signature; end_signature:

#endif
