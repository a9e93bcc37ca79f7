/* Zicsr and the machine CSRs: read/set/clear forms, WARL fields, the
 * counters (exact instruction counts, inhibit, writes), read-only and
 * missing CSRs, privilege and mcounteren checks. */
#include "isa.h"

RVTEST_CODE_BEGIN
	USE_REC_HANDLER
	TEST_CASE(100, a0, 0x40101105, csrr a0, misa)
	TEST_CASE(101, a0, 0, csrr a0, mhartid)
	TEST_CASE(102, a0, 0, csrr a0, mvendorid; csrr a1, marchid; or a0, a0, a1; csrr a1, mimpid; or a0, a0, a1)
	TEST_CASE(110, a0, 0x1234, li a1, 0x1234; csrw mscratch, a1; csrr a0, mscratch)
	TEST_CASE(111, a0, 0x1234, li a1, 0x5678; csrrw a0, mscratch, a1)
	TEST_CASE(112, a0, 0x5678, csrr a0, mscratch)
	TEST_CASE(113, a0, 0x567f, csrrs zero, mscratch, 0xf; csrr a0, mscratch)  /* csrrsi */
	TEST_CASE(114, a0, 0x5670, csrci mscratch, 0xf; csrr a0, mscratch)
	TEST_CASE(115, a0, 0x1f, csrwi mscratch, 0x1f; csrr a0, mscratch)
	TEST_CASE(116, a0, 0x1f, li a1, 0xff00; csrrs a0, mscratch, a1)
	TEST_CASE(117, a0, 0xff1f, li a1, 0xff; csrrc a0, mscratch, a1)
	TEST_CASE(118, a0, 0xff00, csrr a0, mscratch)
	TEST_CASE(119, a0, 0xff00, csrrs a0, mscratch, x0)  /* rs1 = x0: read only */

	/* WARL: mtvec bit 1 never sticks (modes 0 and 1 only) */
	TEST_CASE(120, a0, 0x80000001, csrr s1, mtvec; li a1, 0x80000003; csrw mtvec, a1; csrr a0, mtvec; csrw mtvec, s1)
	TEST_CASE(121, a0, 0x80000002, li a1, 0x80000003; csrw mepc, a1; csrr a0, mepc)
	TEST_CASE(122, a0, 0x00221888, li a1, -1; csrw mstatus, a1; csrr a0, mstatus; csrw mstatus, zero)
	TEST_CASE(123, a0, 0, li a1, 0x800; csrw mstatus, a1; csrr a0, mstatus)  /* MPP = S: no S mode */
	TEST_CASE(124, a0, 0x888, li a1, -1; csrw mie, a1; csrr a0, mie; csrw mie, zero)
	TEST_CASE(125, a0, 0, li a1, -1; csrw mip, a1; csrr a0, mip)
	TEST_CASE(126, a0, 0, csrr a0, mstatush)

	/* counters */
	TEST_CASE(130, a0, 2, csrr a1, minstret; nop; csrr a0, minstret; sub a0, a0, a1)
	TEST_CASE(131, a0, 2, csrr a1, mcycle; nop; csrr a0, mcycle; sub a0, a0, a1)
	TEST_CASE(132, a0, 2, csrr a1, instret; nop; csrr a0, instret; sub a0, a0, a1)
	TEST_CASE(133, a0, 100, li a1, 100; csrw minstret, a1; csrr a0, minstret)
	TEST_CASE(134, a0, 0, csrwi mcountinhibit, 4; csrr a1, minstret; nop; nop; csrr a0, minstret; sub a0, a0, a1)
	TEST_CASE(135, a0, 0, csrwi mcountinhibit, 5; csrr a1, mcycle; nop; csrr a0, mcycle; sub a0, a0, a1; csrwi mcountinhibit, 0)
	TEST_CASE(136, a0, 4, csrr a0, mcountinhibit; csrwi mcountinhibit, 0; csrr a0, mcountinhibit; addi a0, a0, 4)
	TEST_CASE(137, a0, 7, li a1, 7; csrw minstreth, a1; csrr a0, minstreth; csrw minstreth, zero)
	TEST_CASE(138, a0, 1, csrr a1, time; li t0, 200; 1: addi t0, t0, -1; bnez t0, 1b; csrr a0, time; sltu a0, a1, a0)
	TEST_CASE(139, a0, 0, csrr a0, cycleh; csrr a1, timeh; or a0, a0, a1; csrr a1, instreth; or a0, a0, a1)
	TEST_CASE(140, a0, 0, li a1, 5; csrw mhpmcounter3, a1; csrr a0, mhpmcounter3; csrr a1, hpmcounter31; or a0, a0, a1)
	TEST_CASE(141, a0, 0, li a1, 5; csrw tselect, a1; csrr a0, tselect; csrr a1, tdata1; or a0, a0, a1)

	/* pmp registers: R=0 W=1 is reserved and reads back without W */
	TEST_CASE(150, a0, 0x12345678, li a1, 0x12345678; csrw pmpaddr3, a1; csrr a0, pmpaddr3)
	TEST_CASE(151, a0, 0x0d, li a1, 0x0f; csrw pmpcfg1, a1; li a1, 0x0e; csrw pmpcfg1, a1; csrr a0, pmpcfg1; andi a0, a0, 0xff; addi a0, a0, 1)
	TEST_CASE(152, a0, 0, csrw pmpcfg1, zero; csrr a0, pmpcfg1)

	/* illegal: writes to read-only CSRs, missing CSRs; mtval = encoding */
	TEST_TRAP(160, 2, 9: csrw mhartid, a0)
	TEST_CASE(161, s4, 0xf1451073, la a1, 9b; bne s3, a1, fail)
	TEST_TRAP(162, 2, csrr a0, 0x7c0)
	TEST_TRAP(163, 2, csrw cycle, a0)
	TEST_TRAP(164, 2, csrrsi a0, instret, 1)
	TEST_TRAP(165, 2, csrr a0, 0x105)   /* stvec: no S mode */
	TEST_TRAP(166, 2, csrr a0, 0x180)   /* satp */
	TEST_CASE(167, a0, 0, li a0, 5; csrr a0, mhartid)  /* reading a read-only CSR is fine */

	/* U mode: M CSRs are illegal; counters need mcounteren */
	PMP_ALLOW_ALL
	TEST_TRAP(170, 2, TO_USER; csrr a0, mstatus)
	TEST_TRAP(171, 2, csrw mcounteren, zero; TO_USER; csrr a0, cycle)
	TEST_TRAP(172, 8, csrwi mcounteren, 7; TO_USER; csrr a0, cycle; csrr a0, time; csrr a0, instret; ecall)
	TEST_TRAP(173, 2, csrwi mcounteren, 5; TO_USER; csrr a0, cycle; csrr a0, time)
	TEST_CASE(174, a0, 0, csrr a0, mstatus; li a1, 0x1800; and a0, a0, a1) /* mret leaves MPP = U */

	TEST_PASSFAIL
	REC_HANDLER
RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
