/* rpsim exec test: memory past the program, as riscv-tests' benchmarks
 * use it (their crt.S puts the stack after _end): 1 MiB and 1 GiB past
 * _end and the last word of the default RAM are RAM. With --ram limited
 * to the image, the first store faults (case 2). */
#include "isa.h"
RVTEST_CODE_BEGIN
	li TESTNUM, 2
	la t0, _end
	li t1, 0x100000
	add t0, t0, t1
	li t2, 0x5a5a1234
	sw t2, 0(t0)
	lw t3, 0(t0)
	bne t2, t3, fail
	li TESTNUM, 3
	li t1, 0x40000000
	add t0, t0, t1
	sw t2, -4(t0)
	lw t3, -4(t0)
	bne t2, t3, fail
	li TESTNUM, 4
	li t0, 0xfffffffc
	sw t2, 0(t0)
	lw t3, 0(t0)
	bne t2, t3, fail
	TEST_PASSFAIL
	/* an access fault fails the case it happened in */
	.globl mtvec_handler
mtvec_handler:
	j fail
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
