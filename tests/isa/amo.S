/* A extension: every AMO, lr/sc success and failure (no reservation, a
 * store in between, a trap in between). */
#include "isa.h"

#define TEST_AMO(n, inst, init, src, old, new) \
	TEST_CASE(n, x14, old, la a0, amo; li a1, init; sw a1, 0(a0); li a2, src; inst x14, a2, (a0)) \
	TEST_CASE(n ## 1, x15, new, lw x15, 0(a0))

RVTEST_CODE_BEGIN
	TEST_AMO(10, amoswap.w, 0x80000000, 0x0000aaaa, 0x80000000, 0x0000aaaa)
	TEST_AMO(11, amoadd.w, 0x80000000, 0xfffff800, 0x80000000, 0x7ffff800)
	TEST_AMO(12, amoxor.w, 0xffffff00, 0x0ff0, 0xffffff00, 0xfffff0f0)
	TEST_AMO(13, amoand.w, 0xffffff00, 0x0ff0, 0xffffff00, 0x00000f00)
	TEST_AMO(14, amoor.w, 0xffffff00, 0x0ff0, 0xffffff00, 0xfffffff0)
	TEST_AMO(15, amomin.w, 0x80000000, 1, 0x80000000, 0x80000000)
	TEST_AMO(16, amomax.w, 0x80000000, 1, 0x80000000, 1)
	TEST_AMO(17, amominu.w, 0x80000000, 1, 0x80000000, 1)
	TEST_AMO(18, amomaxu.w, 0x80000000, 1, 0x80000000, 0x80000000)
	/* rd == x0: the memory still changes */
	TEST_CASE(19, x15, 5, la a0, amo; li a1, 2; sw a1, 0(a0); li a2, 3; amoadd.w x0, a2, (a0); lw x15, 0(a0))

	/* sc without a reservation fails and writes nothing */
	TEST_CASE(300, x14, 1, la a0, amo; sw zero, 0(a0); li a1, 9; sc.w x14, a1, (a0))
	TEST_CASE(301, x15, 0, lw x15, 0(a0))
	/* lr then sc succeeds */
	TEST_CASE(302, x14, 0, la a0, amo; lr.w a2, (a0); addi a2, a2, 1; sc.w x14, a2, (a0))
	TEST_CASE(303, x15, 1, lw x15, 0(a0))
	/* a second sc fails: the first one used the reservation */
	TEST_CASE(304, x14, 1, sc.w x14, a2, (a0))
	/* a store between lr and sc clears the reservation */
	TEST_CASE(305, x14, 1, lr.w a2, (a0); sw a2, 0(a0); sc.w x14, a2, (a0))
	/* sc to another address fails */
	TEST_CASE(306, x14, 1, lr.w a2, (a0); la a3, amo2; sc.w x14, a2, (a3))
	/* a trap between lr and sc clears it */
	TEST_CASE(307, x14, 1, lr.w a2, (a0); ebreak; sc.w x14, a2, (a0))
	/* lr/sc counter loop */
	TEST_CASE(308, x15, 10, \
		la a0, amo; sw zero, 0(a0); li a4, 10; \
	1:	lr.w a2, (a0); addi a2, a2, 1; sc.w a3, a2, (a0); bnez a3, 1b; \
		addi a4, a4, -1; bnez a4, 1b; lw x15, 0(a0))
	TEST_PASSFAIL

	/* the ebreak of case 307 (4 or, compressed, 2 bytes): step over it */
	.align 2
mtvec_handler:
	csrr t5, mepc
	lhu t6, 0(t5)
	andi t6, t6, 3
	addi t5, t5, 2
	li t4, 3
	bne t6, t4, 1f
	addi t5, t5, 2
1:	csrw mepc, t5
	mret
RVTEST_CODE_END

RVTEST_DATA_BEGIN
amo:	.word 0
amo2:	.word 0
RVTEST_DATA_END
