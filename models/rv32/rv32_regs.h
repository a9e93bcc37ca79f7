/* The register file's names, once: the integer registers and the CSRs the
 * core implements, as X-macro lists.  The core interface's register table
 * and GDB target description (rv32_isa.c) and the disassembler
 * (rv32_disasm.c) are generated from them.  Internal to models/rv32. */
#ifndef RPSIM_RV32_REGS_H
#define RPSIM_RV32_REGS_H

/* X(number, ABI name, GDB type).  x8 is "s0", as the disassembler (and
 * objdump) print it; GDB accepts it in a target description as the name
 * of x8 and shows it as "fp". */
#define RV32_XREGS(X) \
	X(0, zero, int) X(1, ra, code_ptr) X(2, sp, data_ptr) X(3, gp, data_ptr) \
	X(4, tp, data_ptr) X(5, t0, int) X(6, t1, int) X(7, t2, int) \
	X(8, s0, int) X(9, s1, int) X(10, a0, int) X(11, a1, int) \
	X(12, a2, int) X(13, a3, int) X(14, a4, int) X(15, a5, int) \
	X(16, a6, int) X(17, a7, int) X(18, s2, int) X(19, s3, int) \
	X(20, s4, int) X(21, s5, int) X(22, s6, int) X(23, s7, int) \
	X(24, s8, int) X(25, s9, int) X(26, s10, int) X(27, s11, int) \
	X(28, t3, int) X(29, t4, int) X(30, t5, int) X(31, t6, int)

/* X(register number, CSR number, name): every CSR csr_read() knows by
 * name, numbered after pc (32) in this order; the register numbers are
 * written out because the GDB target description states them (a
 * _Static_assert in rv32_isa.c checks they are consecutive).  Left out,
 * though csrr reads them: the hardwired-zero hpm counters and events and
 * mconfigptr (0), which carry nothing a debugger wants; mconfigptr also
 * has no name in the disassembler, as in objdump for the 1.11
 * privileged spec the firmware is built for. */
#define RV32_CSRS(X) \
	X(33, 0x300, mstatus) X(34, 0x301, misa) X(35, 0x304, mie) X(36, 0x305, mtvec) \
	X(37, 0x306, mcounteren) X(38, 0x310, mstatush) X(39, 0x320, mcountinhibit) \
	X(40, 0x340, mscratch) X(41, 0x341, mepc) X(42, 0x342, mcause) X(43, 0x343, mtval) \
	X(44, 0x344, mip) \
	X(45, 0x3a0, pmpcfg0) X(46, 0x3a1, pmpcfg1) X(47, 0x3a2, pmpcfg2) X(48, 0x3a3, pmpcfg3) \
	X(49, 0x3b0, pmpaddr0) X(50, 0x3b1, pmpaddr1) X(51, 0x3b2, pmpaddr2) \
	X(52, 0x3b3, pmpaddr3) X(53, 0x3b4, pmpaddr4) X(54, 0x3b5, pmpaddr5) \
	X(55, 0x3b6, pmpaddr6) X(56, 0x3b7, pmpaddr7) X(57, 0x3b8, pmpaddr8) \
	X(58, 0x3b9, pmpaddr9) X(59, 0x3ba, pmpaddr10) X(60, 0x3bb, pmpaddr11) \
	X(61, 0x3bc, pmpaddr12) X(62, 0x3bd, pmpaddr13) X(63, 0x3be, pmpaddr14) \
	X(64, 0x3bf, pmpaddr15) \
	X(65, 0x7a0, tselect) X(66, 0x7a1, tdata1) X(67, 0x7a2, tdata2) X(68, 0x7a3, tdata3) \
	X(69, 0xb00, mcycle) X(70, 0xb02, minstret) X(71, 0xb80, mcycleh) X(72, 0xb82, minstreth) \
	X(73, 0xc00, cycle) X(74, 0xc01, time) X(75, 0xc02, instret) \
	X(76, 0xc80, cycleh) X(77, 0xc81, timeh) X(78, 0xc82, instreth) \
	X(79, 0xf11, mvendorid) X(80, 0xf12, marchid) X(81, 0xf13, mimpid) \
	X(82, 0xf14, mhartid)

/* The privilege mode, GDB's virtual register "priv" (3 M, 0 U). */
#define RV32_REG_PRIV_NUM 83 /* a bare number: the target description states it */
#define RV32_REG_PRIV ((unsigned)RV32_REG_PRIV_NUM)
#define RV32_NREGS 84u

#endif
