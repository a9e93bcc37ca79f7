/* Interrupts from the CLINT (software and timer): taken at instruction
 * boundaries when enabled, priorities, vectored mode, WFI wake-up with and
 * without global enable, interrupts while in U mode. */
#include "isa.h"

#define MSIP 0x02000000
#define MTIMECMP 0x02004000
#define MTIME 0x0200bff8

RVTEST_CODE_BEGIN
	USE_REC_HANDLER
	li s10, MSIP
	/* software interrupt right after the store that raises it */
	TEST_TRAP(100, 0x80000003, csrwi mie, 8; csrsi mstatus, 8; li t0, 1; sw t0, 0(s10); 9: nop)
	TEST_CASE(101, s3, 0, la a1, 9b; sub s3, s3, a1)
	TEST_CASE(102, a0, 8, csrr a0, mip)
	TEST_CASE(103, a0, 0, sw zero, 0(s10); csrr a0, mip)

	/* pending with MIE = 0: no trap; wfi returns at once */
	TEST_CASE(110, a0, 8, li s5, 0; csrci mstatus, 8; li t0, 1; sw t0, 0(s10); wfi; csrr a0, mip; bnez s5, fail)
	TEST_CASE(111, a0, 0, sw zero, 0(s10); csrr a0, mip)

	/* timer: wfi parks until mtime reaches mtimecmp, then goes on (MIE = 0) */
	TEST_CASE(120, a0, 0x80, \
		li s5, 0; csrwi mie, 0; li t0, 0x80; csrs mie, t0; \
		li t1, MTIME; lw t3, 0(t1); addi t3, t3, 100; \
		li t1, MTIMECMP; sw zero, 4(t1); sw t3, 0(t1); \
		csrr a0, mip; bnez a0, fail; \
		wfi; \
		csrr a0, mip; bnez s5, fail)
	TEST_CASE(121, a0, 1, li t1, MTIME; lw a0, 0(t1); sltu a0, a0, t3; xori a0, a0, 1)
	TEST_TRAP(122, 0x80000007, csrsi mstatus, 8; nop)
	TEST_CASE(123, a0, 0, li t1, MTIMECMP; li t0, -1; sw t0, 4(t1); csrr a0, mip)

	/* priorities: software before timer */
	TEST_TRAP(130, 0x80000003, \
		li t1, MTIMECMP; sw zero, 4(t1); sw zero, 0(t1); li t0, 1; sw t0, 0(s10); \
		li t0, 0x88; csrw mie, t0; csrsi mstatus, 8)
	TEST_TRAP(131, 0x80000007, sw zero, 0(s10); csrsi mstatus, 8)
	TEST_CASE(132, a0, 0, li t1, MTIMECMP; li t0, -1; sw t0, 4(t1); csrr a0, mip)

	/* vectored mode: interrupt 3 goes to base + 12 */
	TEST_CASE(140, s9, 3, \
		li s9, 0; la t0, vectors; ori t0, t0, 1; csrw mtvec, t0; \
		la s6, 1f; csrwi mie, 8; li t0, 1; sw t0, 0(s10); csrsi mstatus, 8; \
		j fail; \
	1:	sw zero, 0(s10); USE_REC_HANDLER)

	/* in U mode M interrupts are taken whatever mstatus.MIE says */
	PMP_ALLOW_ALL
	TEST_TRAP(150, 0x80000003, csrci mstatus, 8; csrwi mie, 8; li t0, 1; sw t0, 0(s10); TO_USER; nop)
	TEST_CASE(151, a0, 0, li a1, 0x1800; and a0, s8, a1; sw zero, 0(s10))

	TEST_PASSFAIL
	REC_HANDLER

	.align 6
	.option push
	.option norvc  /* 4-byte entries */
vectors:
	j fail
	j fail
	j fail
	j vec_msi
	j fail
	j fail
	j fail
	j fail
	.option pop
vec_msi:
	csrr s2, mcause
	li s9, 3
	csrw mepc, s6
	li t5, 0x1800; csrs mstatus, t5
	li t5, 0x80; csrc mstatus, t5
	mret
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
