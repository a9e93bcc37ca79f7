/* The remote core: an RV32IMAC (+Zicsr, Zifencei) interpreter with machine
 * and user modes and physical memory protection, as on a
 * microcontroller-class RISC-V core.
 *
 * Event-loop integration: the core owns one event.  When it fires at
 * sim->now the core runs instructions on its own local time until
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
 * is illegal).  Then on_fatal runs with the second trap's cause, tval and
 * pc, and the core halts until the next reset.  Without on_fatal the core
 * logs a guest error and halts the same way.
 *
 * The core registers itself as a component of the sim; sim_destroy frees
 * it. Map the core's bus before it runs: the decode cache and the RAM fast
 * path assume the map no longer changes. Instructions are fetched from RAM
 * regions only. */
#ifndef RPSIM_RV32_H
#define RPSIM_RV32_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

struct rv32_core;

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

struct rv32_config {
	const char *name;       /* component name, e.g. "core0" */
	uint64_t clock_hz;      /* 0: 100 MHz; the period is rounded to 1 ps */
	sim_time_t quantum;     /* 0: 10 us */
	uint32_t hartid;
	/* cycles per class, 1..127; 0 means 1 (CPI 1) */
	uint8_t cost[RV32_NCLASS];
	/* the time CSR: read_mtime(mtime_ctx, t) if set, else simulated time
	 * counted at mtime_hz (0: 10 MHz, as Spike's CLINT) */
	uint64_t mtime_hz;
	uint64_t (*read_mtime)(void *ctx, sim_time_t t);
	void *mtime_ctx;
	/* see the fatal rule above; may be NULL */
	void (*on_fatal)(void *ctx, struct rv32_core *core, uint32_t cause,
			 uint32_t tval, uint32_t pc);
	void *fatal_ctx;
};

enum rv32_state {
	RV32_STATE_RESET,   /* held in reset (initial state) */
	RV32_STATE_RUNNING,
	RV32_STATE_WFI,     /* parked until an interrupt is pending */
	RV32_STATE_HALTED,  /* fatal fault or instruction limit; until reset */
};

const char *rv32_state_name(enum rv32_state st);

/* mip bit numbers, which are also the irq numbers rv32_irq takes. */
enum { RV32_IRQ_MSI = 3, RV32_IRQ_MTI = 7, RV32_IRQ_MEI = 11 };

/* Creates a core held in reset. bus is the core's device-address view and
 * must outlive it. Returns NULL (with a message through sim_log) on a bad
 * config or when out of memory. */
struct rv32_core *rv32_create(struct sim *sim, struct bus *bus, const struct rv32_config *cfg);

/* asserted: the core stops (pending run cancelled). Released: architectural
 * reset (pc = boot_addr, M mode, reset CSR values, decoded instructions
 * flushed) and the core starts running at t. Called while the core itself
 * runs (from a device it writes to, or from on_fatal), it takes effect
 * once the current instruction has completed. */
void rv32_set_reset(struct rv32_core *core, bool asserted, uint32_t boot_addr, sim_time_t t);
/* The same with the sysctl device's set_reset callback signature. */
void rv32_set_reset_cb(void *core, bool asserted, uint32_t boot_addr, sim_time_t t);

/* irq_sink_fn: num is the mip bit (RV32_IRQ_*); other numbers are logged
 * and ignored. */
void rv32_irq(void *core, unsigned num, bool level, sim_time_t t);

/* Stop after n more retired instructions: the core halts and calls
 * sim_stop(sim, 1). UINT64_MAX (the default) means no limit. */
void rv32_set_insn_limit(struct rv32_core *core, uint64_t n);

/* Called after each retired instruction with its pc, encoding (16 bits for
 * compressed ones), destination register (0: none) and the value written.
 * Turning it on switches the core to a separate single-step loop, so the
 * hook costs nothing when off. fn NULL turns it off. */
typedef void (*rv32_retire_fn)(void *ctx, struct rv32_core *core, uint32_t pc,
			       uint32_t insn, unsigned rd, uint32_t value);
void rv32_set_retire_hook(struct rv32_core *core, rv32_retire_fn fn, void *ctx);
/* Emits a TRACE_INSN record per retired instruction (through the retire
 * hook, which it replaces). */
void rv32_set_trace_insns(struct rv32_core *core, bool on);

/* Inspection, for tests, the host and coredumps. */
enum rv32_state rv32_get_state(const struct rv32_core *core);
uint32_t rv32_get_pc(const struct rv32_core *core);
uint32_t rv32_get_reg(const struct rv32_core *core, unsigned r); /* r < 32 */
void rv32_set_reg(struct rv32_core *core, unsigned r, uint32_t v);
unsigned rv32_get_priv(const struct rv32_core *core); /* 3 M, 0 U */
/* Reads a CSR as the debugger would (M mode, no side effects). Returns 0,
 * or -1 if the CSR is not implemented. */
int rv32_get_csr(struct rv32_core *core, unsigned csr, uint32_t *val);
uint64_t rv32_insns_retired(const struct rv32_core *core);
sim_time_t rv32_local_time(const struct rv32_core *core);
const char *rv32_name(const struct rv32_core *core);

/* Disassembles one instruction (objdump -M no-aliases syntax; branch
 * targets absolute, computed from pc). Returns the length (2 or 4). */
unsigned rv32_disasm(uint32_t insn, uint32_t pc, char *buf, unsigned len);

#endif
