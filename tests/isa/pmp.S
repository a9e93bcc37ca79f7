/* Physical memory protection: NA4, NAPOT and TOR entries, priority by
 * index, U-mode loads/stores/fetches, MPRV, and the lock bit (which also
 * binds M mode and freezes the entry until reset; so it comes last). */
#include "isa.h"

#define NA4 0x10
#define NAPOT 0x18
#define TOR 0x08
#define LOCK 0x80

RVTEST_CODE_BEGIN
	USE_REC_HANDLER
	/* entry 0: NA4 on secret, no access; entry 1: NA4 on roword, R;
	 * entry 2: NAPOT 16 bytes on noexec, RW; entries 3-4: TOR window
	 * [tor_lo, tor_hi) R only; entry 15: everything RWX */
	la t0, secret; srli t0, t0, 2; csrw pmpaddr0, t0
	la t0, roword; srli t0, t0, 2; csrw pmpaddr1, t0
	la t0, noexec; srli t0, t0, 2; ori t0, t0, 1; csrw pmpaddr2, t0
	la t0, tor_lo; srli t0, t0, 2; csrw pmpaddr3, t0
	la t0, tor_hi; srli t0, t0, 2; csrw pmpaddr4, t0
	li t0, (NA4 | 0) | ((NA4 | 1) << 8) | ((NAPOT | 3) << 16)
	csrw pmpcfg0, t0
	li t0, (TOR | 1)
	csrw pmpcfg1, t0
	PMP_ALLOW_ALL

	TEST_CASE(100, a0, 0x5ec, la t0, secret; lw a0, 0(t0))  /* M ignores unlocked entries */
	TEST_TRAP(101, 5, la t0, secret; TO_USER; lw a0, 0(t0))
	TEST_CASE(102, s4, 0, la t0, secret; sub s4, s4, t0)
	TEST_TRAP(103, 7, la t0, secret; TO_USER; sw a0, 0(t0))
	TEST_TRAP(104, 8, la t0, roword; TO_USER; lw a0, 0(t0); ecall)
	TEST_CASE(105, a0, 0x0123, nop)
	TEST_TRAP(106, 7, la t0, roword; TO_USER; sw a0, 0(t0))
	TEST_TRAP(107, 8, la t0, secret + 4; TO_USER; lw a0, 0(t0); sw a0, 0(t0); ecall)  /* next word: entry 15 */
	TEST_TRAP(108, 7, la t0, tor_lo; TO_USER; lw a0, 4(t0); sw a0, 4(t0))
	TEST_CASE(109, s4, 0, addi t0, t0, 4; sub s4, s4, t0)
	TEST_TRAP(110, 8, la t0, tor_hi; TO_USER; sw a0, 0(t0); ecall)
	TEST_TRAP(111, 7, la t0, tor_hi; TO_USER; sw a0, -4(t0))
	/* fetch: running into noexec from the same page faults there */
	TEST_TRAP(120, 1, li a0, 0; TO_USER; j before_noexec)
	TEST_CASE(121, a0, 2, la t0, noexec; bne s3, t0, fail; bne s4, t0, fail)
	TEST_TRAP(122, 1, TO_USER; jal noexec)
	/* MPRV: M-mode loads and stores with U permissions */
	TEST_TRAP(130, 5, li t0, 0x20000; csrs mstatus, t0; li t0, 0x1800; csrc mstatus, t0; la t0, secret; lw a0, 0(t0))
	TEST_CASE(131, a0, 0x20000, csrr a0, mstatus; li t0, 0x20000; and a0, a0, t0; csrc mstatus, t0) /* an mret to M keeps MPRV */
	TEST_CASE(132, a0, 0x5ec, la t0, secret; lw a0, 0(t0))

	/* lock entry 0: now it binds M mode too, and it cannot change */
	TEST_CASE(140, a0, LOCK | NA4, li t0, LOCK; csrs pmpcfg0, t0; csrw pmpcfg0, zero; csrr a0, pmpcfg0; andi a0, a0, 0xff)
	TEST_TRAP(141, 5, la t0, secret; lw a0, 0(t0))
	TEST_TRAP(142, 7, la t0, secret; sw a0, 0(t0))
	TEST_CASE(143, a0, 0, la t0, secret; srli t1, t0, 2; csrw pmpaddr0, zero; csrr a0, pmpaddr0; sub a0, a0, t1)

	TEST_PASSFAIL
	REC_HANDLER

	.align 4
before_noexec:
	li a0, 1
	li a0, 2
	.align 4
noexec:
	li a0, 3
	j fail
	nop
	nop
RVTEST_CODE_END

RVTEST_DATA_BEGIN
	.align 4
secret:	.word 0x5ec
	.word 0
roword:	.word 0x0123
	.align 4
tor_lo:	.word 0
	.word 0
	.word 0
tor_hi:	.word 0
	.word 0
RVTEST_DATA_END
