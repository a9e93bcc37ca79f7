/* The remote core: an RV32IMAC (+Zicsr, Zifencei) interpreter with machine
 * and user modes and physical memory protection, as on a
 * microcontroller-class RISC-V core.  Everything outside models/rv32
 * reaches it through the core interface (sim/core/cpu.h) and rv32_isa,
 * which the ISA registry (sim/platform/isa.h) lists; what is declared
 * here besides rv32_isa is for the core's own tests.
 *
 * Event-loop integration: the core owns one event (in sim->cq).  When it
 * fires at sim->now the core runs instructions on its own local time until
 * min(now + quantum, next pending event), then reschedules itself at its
 * local time.  After every device (non-RAM) access it looks at the queue
 * again, so it never runs past an event another component scheduled: the
 * results do not depend on the quantum.  WFI parks the core (no event)
 * until an enabled interrupt is pending.
 *
 * Fatal rule: a core "faults with no usable trap handler" when a trap is
 * raised by the first instruction of a trap handler before any instruction
 * retired since the trap was taken (the handler's fetch faults because
 * mtvec points at unmapped or protected memory, or its first instruction
 * is illegal).  Then on_fatal runs with the second trap (struct cpu_fault:
 * mcause, mtval, pc and the cause's name) and the core halts until the
 * next reset.  Without on_fatal the core logs a guest error and halts the
 * same way.
 *
 * The core registers itself as a component of the sim; sim_destroy frees
 * it. Map the core's bus before it runs: the decode cache and the RAM fast
 * path assume the map no longer changes. Instructions are fetched from RAM
 * regions only. */
#ifndef RPSIM_RV32_H
#define RPSIM_RV32_H

#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/cpu.h"
#include "sim/core/sim.h"

/* "rv32imac", EM_RISCV: registers in GDB's numbering (below), the
 * target description, the interrupt inputs MEI/MTI/MSI. */
extern const struct cpu_isa rv32_isa;

/* Instruction classes for timing; each costs cycles at the core clock. */
enum rv32_class {
	RV32_CLASS_ALU,    /* integer ops, lui/auipc, fences */
	RV32_CLASS_MUL,
	RV32_CLASS_DIV,
	RV32_CLASS_LOAD,   /* loads, lr */
	RV32_CLASS_STORE,  /* stores, sc, AMOs */
	RV32_CLASS_BRANCH, /* conditional branches, taken or not */
	RV32_CLASS_JUMP,   /* jal, jalr */
	RV32_CLASS_SYSTEM, /* csr*, ecall, ebreak, mret, wfi */
	RV32_NCLASS
};

/* rv32_isa.create() takes a struct cpu_config; this adds what only this
 * core has.  Defaults: clock 100 MHz (the period is rounded to 1 ps),
 * quantum 10 us, the time CSR counting at 10 MHz (as Spike's CLINT). */
struct rv32_config {
	struct cpu_config cpu;
	/* cycles per class, 1..127; 0 means 1 (CPI 1) */
	uint8_t cost[RV32_NCLASS];
};

/* The same as rv32_isa.create with per-class costs.  NULL (with a
 * message through sim_log) on a bad config or when out of memory. */
struct cpu *rv32_create(struct sim *sim, struct bus *bus, const struct rv32_config *cfg);

/* mip bit numbers, which are also the irq numbers the core's irq sink
 * takes (rv32_isa.irq names them for the platform). */
enum { RV32_IRQ_MSI = 3, RV32_IRQ_MTI = 7, RV32_IRQ_MEI = 11 };

/* Register numbers (GDB's: x0..x31, pc, then the CSRs the core
 * implements in rv32_isa.regs order, then the privilege mode as GDB's
 * virtual "priv" register, 3 M or 0 U). */
#define RV32_REG_PC 32u
/* The register number of CSR csr, or -1 if the core does not implement it. */
int rv32_csr_regnum(unsigned csr);

#endif
