/* The Cortex-M4F core: ARMv7E-M (Thumb-2 with the DSP extension) and the
 * FPv4-SP floating-point unit, with the parts of the processor the
 * architecture puts inside it: the NVIC, the SCB, SysTick, the DWT cycle
 * counter, the PMSAv7 MPU and ITM stimulus port 0, all in the System
 * Control Space at 0xE000E000 (0xE0000000 for the ITM, 0xE0001000 for
 * the DWT).  Everything outside models/armv7m reaches it through the core
 * interface (sim/core/cpu.h) and armv7m_isa, which the ISA registry
 * (sim/platform/isa.h) lists; what is declared here besides armv7m_isa is
 * for the core's own tests.
 *
 * Event-loop integration is the RV32 core's (models/rv32/rv32.h): the core
 * owns one run event in sim->cq and runs on its own local time up to the
 * next device or host event; after every access outside RAM it looks at
 * the queue again.  SysTick is an event of the core in sim->q, on
 * simulated time.  WFI and WFE park the core until an exception is
 * pending that would wake it.
 *
 * Fatal rule: the core "faults with no usable handler" when it locks up
 * (a fault while HardFault or NMI is active, a vector table it cannot
 * read while taking HardFault): on_fatal then runs with struct cpu_fault
 * (cause: the exception number of the fault that locked it up; addr:
 * MMFAR or BFAR when valid; what: the fault as the CFSR/HFSR bits say,
 * e.g. "lockup: HardFault (escalated BusFault: precise data bus error)")
 * and the core halts until the next reset.  Without on_fatal the core
 * logs a guest error and halts the same way.
 *
 * Interrupt inputs: the NVIC's external lines 0..nirq-1 are the irq
 * sink's numbers (armv7m_isa.irq.lines says how many the platform may
 * wire); a line is level-sensitive, as on the hardware: asserted it pends
 * the interrupt, and it pends again at exception return while still
 * asserted.  ARMV7M_IRQ_NMI is the NMI input. */
#ifndef RPSIM_ARMV7M_H
#define RPSIM_ARMV7M_H

#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/cpu.h"
#include "sim/core/sim.h"

/* "cortex-m4f", EM_ARM: registers in GDB's numbering (r0..r15, xpsr,
 * then the FP registers and the system registers), the target
 * description with GDB's m-profile and vfp features, the NVIC lines. */
extern const struct cpu_isa armv7m_isa;

#define ARMV7M_MAX_IRQS 240
#define ARMV7M_IRQ_NMI 0xFFFFu

/* What a core may do with the semihosting calls (BKPT 0xAB) of the
 * program it runs: the console and the end of the run.  Without it a
 * BKPT 0xAB is a breakpoint like any other (a debug event that escalates
 * to HardFault, as on hardware with no debugger attached). */
struct armv7m_semihost {
	/* console output (SYS_WRITEC, SYS_WRITE0, SYS_WRITE to handles 1
	 * and 2, ITM stimulus port 0): raw bytes, the caller escapes them */
	void (*write)(void *ctx, int handle, const uint8_t *buf, size_t len);
	/* SYS_EXIT / SYS_EXIT_EXTENDED: status as QEMU computes it (0 for
	 * ADP_Stopped_ApplicationExit, the subcode for the extended form,
	 * 1 otherwise); the core halts after the call */
	void (*exit)(void *ctx, int status, sim_time_t t);
	void *ctx;
};

/* armv7m_isa.create() takes a struct cpu_config; this adds what only
 * this core has.  Defaults: clock 25 MHz (the MPS2 FPGA's, as QEMU's
 * mps2-an386 runs it), quantum 10 us, 32 external interrupts,
 * 8 priority bits (QEMU's NVIC), SysTick's reference clock 1 MHz. */
struct armv7m_config {
	struct cpu_config cpu;
	unsigned nirq;            /* 1..240 external interrupt lines */
	unsigned prio_bits;       /* 3..8 implemented priority bits */
	uint64_t systick_ref_hz;  /* SysTick's external clock (CLKSOURCE = 0) */
	const struct armv7m_semihost *semihost; /* NULL: no semihosting */
};

/* The same as armv7m_isa.create with this core's own settings.  NULL
 * (with a message through sim_log) on a bad config or out of memory. */
struct cpu *armv7m_create(struct sim *sim, struct bus *bus, const struct armv7m_config *cfg);

/* Register numbers, as the target description states them (GDB takes
 * the numbers from it): r0..r12, sp, lr, pc (0..15) and xpsr (16) of
 * GDB's org.gnu.gdb.arm.m-profile feature, d0..d15 (64 bits, s0..s31 in
 * pairs) and fpscr of org.gnu.gdb.arm.vfp, then msp, psp, primask,
 * basepri, faultmask and control of org.gnu.gdb.arm.m-system. */
enum {
	ARMV7M_REG_SP = 13,
	ARMV7M_REG_LR = 14,
	ARMV7M_REG_PC = 15,
	ARMV7M_REG_XPSR = 16,
	ARMV7M_REG_D0 = 17,
	ARMV7M_REG_FPSCR = 33,
	ARMV7M_REG_MSP = 34,
	ARMV7M_REG_PSP,
	ARMV7M_REG_PRIMASK,
	ARMV7M_REG_BASEPRI,
	ARMV7M_REG_FAULTMASK,
	ARMV7M_REG_CONTROL,
	ARMV7M_NREGS
};

#endif
