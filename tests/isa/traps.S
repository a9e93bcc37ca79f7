/* Exceptions: cause, mepc, mtval and mstatus on entry, mret. */
#include "isa.h"

RVTEST_CODE_BEGIN
	USE_REC_HANDLER
	TEST_TRAP(100, 2, 9: .2byte 0)                  /* all-zero: illegal */
	TEST_CASE(101, s4, 0, la a1, 9b; bne s3, a1, fail)
	TEST_TRAP(102, 2, 9: .word 0x0000000b)           /* custom-0 */
	TEST_CASE(103, s4, 0x0000000b, la a1, 9b; bne s3, a1, fail)
	TEST_TRAP(104, 2, 9: .word 0x02009013)           /* slli with shamt[5] */
	TEST_TRAP(105, 2, 9: .2byte 0x6101)              /* c.addi16sp 0: reserved */
	TEST_TRAP(106, 2, 9: .2byte 0x4002)              /* c.lwsp x0: reserved */
	TEST_TRAP(107, 2, 9: .2byte 0x8002)              /* c.jr x0: reserved */
	TEST_TRAP(108, 2, 9: .word 0x10200073)           /* sret: no S mode */
	TEST_TRAP(109, 2, 9: .2byte 0x2000)              /* c.fld: no F/D */

	/* misaligned loads and stores are done in hardware (doc/rv32.md);
	 * rv32ui-p-ma_data covers them at length. Atomics still trap. */
	TEST_CASE(110, a0, 0x00443322, la t0, data + 1; lw a0, 0(t0))
	TEST_CASE(111, s5, 0, li s5, 0; la t0, data + 1; lw a0, 0(t0)) /* no trap taken */
	TEST_CASE(112, a0, 0x3322, la t0, data + 1; lh a0, 0(t0))
	TEST_CASE(113, a0, 0x44, la t0, data + 3; lhu a0, 0(t0))
	TEST_CASE(114, a0, 0x12345678, la t0, data2 + 2; li a1, 0x12345678; sw a1, 0(t0); lw a0, 0(t0))
	TEST_CASE(115, a0, 0xffffbeef, la t0, data2 + 1; li a1, 0xbeef; sh a1, 0(t0); lh a0, 0(t0))
	TEST_TRAP(116, 4, la t0, data + 2; lr.w a0, (t0))
	TEST_TRAP(117, 6, la t0, data + 2; amoadd.w a0, a0, (t0))
	TEST_CASE(118, a0, 0, la t0, data + 1; lbu a0, 0(t0); li a1, 0x22; sub a0, a0, a1) /* bytes: never misaligned */
	TEST_CASE(119, s4, 0, la t0, data + 2; sub s4, s4, t0) /* mtval of 117: the address */

	TEST_TRAP(120, 5, li t0, 0x40000000; lw a0, 0(t0))
	TEST_CASE(121, s4, 0x40000000, nop)
	TEST_TRAP(122, 7, li t0, 0x40000004; sw a0, 0(t0))
	TEST_CASE(123, s4, 0x40000004, nop)
	TEST_TRAP(124, 7, li t0, 0x40000008; amoswap.w a0, a0, (t0))
	TEST_TRAP(125, 1, li t0, 0x40000010; jalr t0)
	TEST_CASE(126, s3, 0x40000010, bne s4, s3, fail)

	TEST_TRAP(130, 3, 9: ebreak)
	TEST_CASE(131, s3, 0, la a1, 9b; bne s4, a1, fail; sub s3, s3, a1)
	TEST_TRAP(132, 11, 9: ecall)
	TEST_CASE(133, s4, 0, la a1, 9b; bne s3, a1, fail)

	/* mstatus on entry: MPIE = old MIE, MIE = 0, MPP = old mode */
	TEST_TRAP(140, 3, csrsi mstatus, 8; ebreak)
	TEST_CASE(141, a0, 0x1880, li a1, 0x1888; and a0, s8, a1)
	/* after mret: MIE = MPIE, MPIE = 1, MPP = U */
	TEST_CASE(142, a0, 0x80, csrr a0, mstatus; li a1, 0x1888; and a0, a0, a1)

	/* from U mode */
	PMP_ALLOW_ALL
	TEST_TRAP(150, 8, TO_USER; ecall)
	TEST_CASE(151, a0, 0, li a1, 0x1800; and a0, s8, a1)   /* MPP = U */
	TEST_TRAP(152, 2, TO_USER; mret)
	TEST_TRAP(153, 2, li t0, 0x200000; csrs mstatus, t0; TO_USER; wfi)  /* TW */
	TEST_TRAP(155, 5, TO_USER; li t0, 0x40000000; lw a0, 0(t0))
	TEST_TRAP(156, 3, TO_USER; c.ebreak)

	TEST_PASSFAIL
	REC_HANDLER
RVTEST_CODE_END

RVTEST_DATA_BEGIN
data:	.word 0x44332211
	.word 0
data2:	.word 0, 0
RVTEST_DATA_END
