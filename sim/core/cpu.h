/* The core interface: what every ISA model implements (models/rv32 today,
 * models/armv7m next) and the only way anything outside models/<isa>
 * reaches a core.  After QEMU's CPUClass: the platform resets cores and
 * drives their interrupt inputs, the runner reads their state and
 * counters, the trace, the viewer and coredumps name their registers and
 * disassemble their instructions, the GDB stub reads and writes registers
 * and memory, snapshots save and restore them.  Nothing outside
 * models/<isa> names an rv32_* or armv7m_* symbol: it holds a struct cpu
 * and calls the inline wrappers below.
 *
 * Two parts:
 *   struct cpu_isa   one static description per ISA: its name (the
 *                    scenario's "core"), ELF machine, register file
 *                    (numbered as GDB numbers it, with names and groups),
 *                    GDB target description, interrupt inputs, the
 *                    disassembler (which needs no core: the viewer
 *                    disassembles from a trace), and create().
 *   struct cpu       one core; the ISA's own struct embeds it first.
 *                    Its ops are in isa->ops.
 *
 * Time: a core runs ahead of sim->now in quanta inside its own run event
 * (in sim->cq), never past the next device or host event; see sim.h.
 * Every call here is made from inside an event (or before the run), with
 * the caller's time t where it matters. */
#ifndef RPSIM_CPU_H
#define RPSIM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/simtime.h"

struct sim;
struct bus;
struct cpu;
struct snap_writer;
struct snap_reader;

/* A core's run state.  The values are the TRACE_CORE payload byte, and
 * record_core_state_name() (sim/core/record.h) gives the one name of each. */
enum cpu_state {
	CPU_STATE_RUNNING = 0,
	CPU_STATE_WFI = 1,    /* parked until an interrupt is pending */
	CPU_STATE_HALTED = 2, /* a fault with no usable handler, or a limit */
	CPU_STATE_RESET = 3,  /* held in reset */
	CPU_NSTATES
};

/* The code a core's pause gives sim_stop (cpu_ops.set_pause). */
#define CPU_STOP_PAUSE 2

/* Register groups, for the viewer's panels and GDB's target description. */
enum cpu_reg_group {
	CPU_REG_GENERAL, /* integer registers and pc */
	CPU_REG_STATUS,  /* flags / status words shown beside them (xPSR) */
	CPU_REG_SYSTEM,  /* CSRs, system registers */
	CPU_REG_FLOAT,   /* floating-point registers and their status */
};

struct cpu_reg_info {
	const char *name;  /* as GDB names it: "ra", "pc", "mstatus", "xpsr" */
	uint8_t bits;      /* 32 or 64 */
	uint8_t group;     /* enum cpu_reg_group */
};

/* A fault the core took with no usable handler (the "fatal rule" of each
 * ISA's header): what the platform's crash report and the verdict say. */
struct cpu_fault {
	uint32_t cause;      /* ISA-specific code (mcause, or the exception number) */
	uint64_t addr;       /* faulting address (mtval, MMFAR/BFAR), when it has one;
			      * RV32 gives mtval whatever it holds (the encoding
			      * for an illegal instruction) */
	uint64_t pc;         /* where */
	char what[64];       /* "store access fault", "HardFault (escalated BusFault)" */
};

/* Called after each retired instruction with its pc, encoding (as many
 * bytes as it has, little-endian in the low bits), the register it wrote
 * (register number in the ISA's numbering, CPU_REG_NONE if none) and the
 * value written.  Turning it on may switch the core to a slower
 * single-step loop, so it costs nothing when off.  It and the
 * instruction trace (set_trace_insns) are independent: either or both. */
#define CPU_REG_NONE 0xFFFFu
typedef void (*cpu_retire_fn)(void *ctx, struct cpu *cpu, uint64_t pc, uint32_t insn,
			      unsigned insn_len, unsigned reg, uint64_t value);

/* ---- Debugging: what a debugger (the GDB stub, sim/gdb) asks of a core ----
 *
 * The debugger owns a struct cpu_debug and hands it to the core with
 * set_debug() after every change (the core looks at it only then and while
 * it runs; NULL detaches).  The core checks, on its single-step path (so
 * its fast loop is untouched and costs nothing while nothing is asked):
 *   - breakpoints: before executing the instruction at an address (no
 *     instruction is patched: Z0 and Z1 are the same thing here), except
 *     the first instruction the core executes after set_debug() if it is
 *     the one at its pc then: resuming executes it, as hardware resumes
 *     (GDB single-steps a jump to itself by planting a breakpoint at its
 *     own address, and must see it execute);
 *   - watchpoints: the data accesses of its own instructions (loads,
 *     stores, AMOs; not fetches, not a debugger's read_mem/write_mem) that
 *     overlap [addr, addr + len); the stop comes after the instruction,
 *     as GDB expects of a continuable watchpoint;
 *   - step: after the next step of the core: an instruction retired, an
 *     instruction trapped (pc then at the trap handler), or an interrupt
 *     taken (pc at the handler's entry, nothing executed there yet);
 *   - stop_count: once the core's steps (insns_total() + traps, the
 *     traps it took while dbg was set) equal it, before its next step:
 *     every instant of a core's history has its own count, so reverse
 *     execution replays to one exactly;
 *   - hold: the core does not execute at all (GDB resumed other threads
 *     only, as when it steps one over a breakpoint): its run events do
 *     nothing while simulated time goes on, as a core halted by a JTAG
 *     probe while the rest of the SoC runs; released, it goes on from
 *     where it was, at the current time.
 * A stop calls stop(ctx, cpu, why) from inside the core's run; the core
 * then leaves its run event with its next run scheduled at its local time,
 * as if preempted, and resumes there.  The callback must stop the
 * simulation (sim_stop) or clear what stopped the core.
 *
 * Stopping changes nothing the core does: interrupts are taken while
 * stepping as while running, and a stopped core resumes where it was, so
 * a run under a debugger does what it does without one (with several
 * cores, how they interleave within a quantum may differ, as with another
 * quantum; see sim.h).  Holding a core while others run does change the
 * run: that core loses the time it was held. */
#define CPU_DEBUG_MAX_BREAK 64
#define CPU_DEBUG_MAX_WATCH 16

enum cpu_watch_kind {
	CPU_WATCH_WRITE = 1,  /* GDB's Z2 */
	CPU_WATCH_READ = 2,   /* Z3 */
	CPU_WATCH_ACCESS = 3, /* Z4: either */
};

struct cpu_watchpoint {
	uint64_t addr, len;   /* len >= 1 */
	uint8_t kind;         /* enum cpu_watch_kind */
};

enum cpu_stop_reason {
	CPU_STOP_BREAK,   /* at a breakpoint, before the instruction */
	CPU_STOP_WATCH,   /* after an instruction that hit a watchpoint */
	CPU_STOP_STEP,    /* after the step asked for */
	CPU_STOP_COUNT,   /* the core's steps reached stop_count */
	CPU_STOP_HALTED,  /* the core halted (a fault with no usable handler, a limit) */
};

struct cpu_stop {
	enum cpu_stop_reason reason;
	uint64_t pc;         /* where the core is now */
	uint64_t addr;       /* CPU_STOP_WATCH: the watchpoint's address */
	uint8_t kind;        /* CPU_STOP_WATCH: the access (enum cpu_watch_kind, 1 or 2) */
};

struct cpu_debug {
	uint64_t breaks[CPU_DEBUG_MAX_BREAK];
	unsigned nbreaks;
	struct cpu_watchpoint watches[CPU_DEBUG_MAX_WATCH];
	unsigned nwatches;
	bool step;            /* stop after the next step (cleared by the debugger) */
	bool hold;            /* do not execute (see above) */
	uint64_t stop_count;  /* UINT64_MAX: none */
	/* the core adds one for every trap it takes (exception, interrupt)
	 * while dbg is set; the debugger may set it as it likes */
	uint64_t traps;
	void (*stop)(void *ctx, struct cpu *cpu, const struct cpu_stop *why);
	void *ctx;
};

/* Whether dbg asks anything of a core (a core runs its fast loop when not). */
static inline bool cpu_debug_active(const struct cpu_debug *dbg)
{
	return dbg && (dbg->nbreaks || dbg->nwatches || dbg->step || dbg->stop_count != UINT64_MAX);
}
/* Whether dbg has a breakpoint at addr. */
bool cpu_debug_break_at(const struct cpu_debug *dbg, uint64_t addr);
/* The watchpoint an access of size bytes at addr (kind: CPU_WATCH_READ or
 * CPU_WATCH_WRITE) hits, or NULL. */
const struct cpu_watchpoint *cpu_debug_watch_hit(const struct cpu_debug *dbg, uint64_t addr,
						 uint64_t size, unsigned kind);

/* The last exception a core took (its cause registers), for failure
 * reports: RISC-V's mcause/mtval/mepc, Cortex-M's fault status. */
struct cpu_trap_info {
	uint32_t cause;      /* ISA-specific code, as struct cpu_fault */
	uint64_t addr;       /* the faulting address, when the cause has one */
	bool has_addr;
	uint64_t pc;         /* the instruction that trapped */
	bool interrupt;      /* an interrupt, not an exception */
	uint8_t signal;      /* what Linux would send a process for it: SIGSEGV (11)
			      * for an access fault, SIGBUS (7), SIGILL (4), SIGTRAP
			      * (5); 0 for an interrupt */
	char what[64];       /* "store access fault" */
	char regs_text[96];  /* the cause registers as the ISA names them:
			      * "mcause 7, mtval 0x20000000", "CFSR 0x00008200" */
	/* For an exception: registers 0..31 of the ISA's numbering (the
	 * integer registers) as the trapping instruction saw them, for a
	 * backtrace from it.  Not kept in snapshots (false after a restore). */
	bool regs_valid;
	uint64_t regs[32];
};

/* The layout of the register note (NT_PRSTATUS) GDB reads from a core
 * file for this ISA: its Linux struct elf_prstatus, of which GDB (BFD)
 * takes the size, the offset of pr_reg and the registers in it.  Slots
 * hold register numbers of the ISA's numbering (CPU_REG_NONE: zero). */
struct cpu_core_note {
	uint16_t size;        /* sizeof(struct elf_prstatus) */
	uint16_t cursig_off;  /* pr_cursig (u16) */
	uint16_t pid_off;     /* pr_pid (u32) */
	uint16_t reg_off;     /* pr_reg */
	uint8_t reg_bytes;    /* bytes per slot: 4 on a 32-bit ISA */
	uint8_t nslots;
	const uint16_t *slots;
};

/* What create() needs; zero fields take the ISA's defaults. */
struct cpu_config {
	const char *name;       /* component name, e.g. "rproc0.core" */
	uint64_t clock_hz;      /* core clock */
	sim_time_t quantum;     /* how far it may run ahead of events */
	uint32_t hartid;        /* mhartid / CPUID-independent core number */
	/* A free-running time base outside the core (RISC-V's mtime, read
	 * through the time CSR): read_time(ctx, t) if set, else simulated
	 * time counted at time_hz.  A core with a timer of its own takes
	 * time_hz as that timer's reference clock (Cortex-M: SysTick with
	 * CLKSOURCE 0; 0 keeps the core's default) and ignores read_time. */
	uint64_t time_hz;
	uint64_t (*read_time)(void *ctx, sim_time_t t);
	void *time_ctx;
	/* See struct cpu_fault.  May be NULL: the core logs a guest error
	 * and halts. */
	void (*on_fatal)(void *ctx, struct cpu *cpu, const struct cpu_fault *f);
	void *fatal_ctx;
	/* The program's own calls to the host where the ISA has them (Arm
	 * semihosting, as QEMU's -semihosting): console output (fd 1 or 2,
	 * raw bytes: the receiver escapes them) and the end of the run with
	 * an exit status (the core halts after it).  NULL: the ISA's
	 * breakpoint is a breakpoint.  RISC-V uses the HTIF device instead. */
	void (*host_write)(void *ctx, int fd, const uint8_t *buf, size_t len);
	void (*host_exit)(void *ctx, int status, sim_time_t t);
	void *host_ctx;
	/* Code generation, for an ISA with a JIT (the others ignore it):
	 * enum cpu_jit.  The results are the same in every mode. */
	uint8_t jit;
};

enum cpu_jit {
	CPU_JIT_ON = 0, /* compile code that runs often (the default) */
	CPU_JIT_OFF,    /* the reference interpreter only (rpsim --no-jit) */
	CPU_JIT_EAGER,  /* compile every block the first time it runs
			 * (tests of the code generator: --jit-eager) */
};

/* The interrupt inputs a platform wires.  An ISA with an interrupt
 * controller outside the core (RISC-V: a PLIC-like intc and a CLINT-like
 * timer) names the core's inputs for them; an ISA with one inside the core
 * (Cortex-M's NVIC, SysTick) takes external lines 0..irq_lines-1 directly
 * and has no timer or software input (-1). */
struct cpu_irq_inputs {
	int external;      /* the interrupt controller's output; -1: none */
	int timer;         /* the platform timer's compare interrupt; -1: none */
	int software;      /* the platform timer's software interrupt; -1: none */
	unsigned lines;    /* external lines taken directly (NVIC), 0: none */
};

struct cpu_ops {
	/* asserted: the core stops (its pending run is cancelled).  Released:
	 * architectural reset with boot_addr (the ISA says what it means:
	 * RISC-V's pc; Cortex-M's vector table) and the core starts running
	 * at t.  Called while the core itself runs (from a device it writes
	 * to, or from on_fatal), it takes effect once the current
	 * instruction has completed. */
	void (*set_reset)(struct cpu *cpu, bool asserted, uint64_t boot_addr, sim_time_t t);
	/* An irq_sink_fn (devices/irq.h): num is one of the ISA's inputs;
	 * other numbers are logged as unimplemented and ignored. */
	void (*irq)(void *cpu, unsigned num, bool level, sim_time_t t);

	enum cpu_state (*state)(const struct cpu *cpu);
	uint64_t (*pc)(const struct cpu *cpu);
	/* Registers by number (struct cpu_isa.regs); 0, or -1 for a number
	 * out of range.  Reads have no side effects; writes are what a
	 * debugger does (the core's caches stay coherent). */
	int (*get_reg)(struct cpu *cpu, unsigned n, uint64_t *val);
	int (*set_reg)(struct cpu *cpu, unsigned n, uint64_t val);
	/* Memory through the core's own view (its bus: TCM at its da), as a
	 * debugger reads it: RAM only, no device side effects.  0, or -1
	 * when any byte is not RAM (nothing written then). */
	int (*read_mem)(struct cpu *cpu, uint64_t addr, void *buf, size_t len);
	int (*write_mem)(struct cpu *cpu, uint64_t addr, const void *buf, size_t len);

	/* Instructions retired since the last reset, and in all (over resets). */
	uint64_t (*insns)(const struct cpu *cpu);
	uint64_t (*insns_total)(const struct cpu *cpu);
	/* The core's local time (>= sim->now while it runs ahead). */
	sim_time_t (*local_time)(const struct cpu *cpu);

	/* Stop after n more retired instructions: the core halts and calls
	 * sim_stop(sim, 1).  UINT64_MAX (the default) means no limit. */
	void (*set_insn_limit)(struct cpu *cpu, uint64_t n);
	/* Pause after n more retired instructions (0: no pause): the core
	 * stops where it is, still in its run state (its run event pending at
	 * its local time, or parked in WFI), and calls sim_stop(sim,
	 * CPU_STOP_PAUSE); running on continues as if nothing happened.  For
	 * seeking to an instruction and single-stepping: unlike the limit,
	 * nothing is halted or logged, and a snapshot may be taken there. */
	void (*set_pause)(struct cpu *cpu, uint64_t n);
	/* fn NULL turns it off. */
	void (*set_retire_hook)(struct cpu *cpu, cpu_retire_fn fn, void *ctx);
	/* Emits a TRACE_INSN record per retired instruction. */
	void (*set_trace_insns)(struct cpu *cpu, bool on);

	/* See "Debugging" above: NULL detaches.  dbg must stay valid until
	 * the next call; call again after changing it (the core writes only
	 * dbg->traps). */
	void (*set_debug)(struct cpu *cpu, struct cpu_debug *dbg);
	/* The last exception or interrupt taken since reset: 0, or -1 if none. */
	int (*last_trap)(struct cpu *cpu, struct cpu_trap_info *out);

	/* Snapshots (sim/core/snap.h): everything architectural and every
	 * pending event of the core; caches (decoded instructions, fast-path
	 * windows) are not saved and are rebuilt lazily after a restore.
	 * 0, or -1 (restore: the data does not fit this core; the message is
	 * in the reader). */
	int (*save)(struct cpu *cpu, struct snap_writer *w);
	int (*restore)(struct cpu *cpu, struct snap_reader *r);
};

struct cpu_isa {
	const char *name;           /* "rv32imac": the scenario's "core" */
	const char *description;    /* one line for --help and errors */
	uint16_t elf_machine;       /* EM_RISCV 243, EM_ARM 40 */
	uint8_t elf_class;          /* 32 */
	/* registers, in GDB's numbering for gdb_target_xml */
	const struct cpu_reg_info *regs;
	unsigned nregs;
	unsigned pc_regnum;
	unsigned sp_regnum;
	const char *gdb_arch;       /* "riscv:rv32", "arm" */
	const char *gdb_target_xml; /* qXfer:features:read target.xml */
	struct cpu_irq_inputs irq;
	const struct cpu_core_note *core_note; /* NULL: coredumps carry no registers */

	/* Longest instruction in bytes, and the smallest alignment of one. */
	uint8_t insn_max_len, insn_align;
	/* Disassembles the instruction at bytes (len available, little-endian)
	 * as if at pc; returns its length, or 0 when not decodable (buf then
	 * says so).  Branch targets are absolute. */
	unsigned (*disasm)(const uint8_t *bytes, size_t len, uint64_t pc, char *buf, size_t cap);
	/* Creates a core held in reset on bus (its device-address view, which
	 * must outlive it and be fully mapped before it runs); the core
	 * registers itself as a component of sim.  NULL with a message through
	 * sim_log on a bad config or out of memory. */
	struct cpu *(*create)(struct sim *sim, struct bus *bus, const struct cpu_config *cfg);
	const struct cpu_ops *ops;
};

/* The part every core shares; each ISA's core struct starts with it. */
struct cpu {
	const struct cpu_isa *isa;
	struct sim *sim;
	const char *name;     /* component name (owned by the core) */
	uint16_t trace_id;    /* component id */
};

static inline void cpu_set_reset(struct cpu *c, bool asserted, uint64_t boot, sim_time_t t)
{
	c->isa->ops->set_reset(c, asserted, boot, t);
}
static inline enum cpu_state cpu_state(const struct cpu *c) { return c->isa->ops->state(c); }
static inline uint64_t cpu_pc(const struct cpu *c) { return c->isa->ops->pc(c); }
static inline int cpu_get_reg(struct cpu *c, unsigned n, uint64_t *v)
{
	return c->isa->ops->get_reg(c, n, v);
}
static inline int cpu_set_reg(struct cpu *c, unsigned n, uint64_t v)
{
	return c->isa->ops->set_reg(c, n, v);
}
static inline int cpu_read_mem(struct cpu *c, uint64_t a, void *buf, size_t len)
{
	return c->isa->ops->read_mem(c, a, buf, len);
}
static inline int cpu_write_mem(struct cpu *c, uint64_t a, const void *buf, size_t len)
{
	return c->isa->ops->write_mem(c, a, buf, len);
}
static inline uint64_t cpu_insns(const struct cpu *c) { return c->isa->ops->insns(c); }
static inline uint64_t cpu_insns_total(const struct cpu *c) { return c->isa->ops->insns_total(c); }
static inline sim_time_t cpu_local_time(const struct cpu *c) { return c->isa->ops->local_time(c); }
static inline void cpu_set_insn_limit(struct cpu *c, uint64_t n) { c->isa->ops->set_insn_limit(c, n); }
static inline void cpu_set_pause(struct cpu *c, uint64_t n) { c->isa->ops->set_pause(c, n); }
static inline void cpu_set_retire_hook(struct cpu *c, cpu_retire_fn fn, void *ctx)
{
	c->isa->ops->set_retire_hook(c, fn, ctx);
}
static inline void cpu_set_trace_insns(struct cpu *c, bool on) { c->isa->ops->set_trace_insns(c, on); }
static inline void cpu_set_debug(struct cpu *c, struct cpu_debug *dbg)
{
	c->isa->ops->set_debug(c, dbg);
}
static inline int cpu_last_trap(struct cpu *c, struct cpu_trap_info *out)
{
	return c->isa->ops->last_trap(c, out);
}
static inline int cpu_save(struct cpu *c, struct snap_writer *w) { return c->isa->ops->save(c, w); }
static inline int cpu_restore(struct cpu *c, struct snap_reader *r) { return c->isa->ops->restore(c, r); }

/* The irq_sink_fn to connect lines to: irq_connect(line, cpu_irq_sink(c), c, n). */
static inline void (*cpu_irq_sink(const struct cpu *c))(void *, unsigned, bool, sim_time_t)
{
	return c->isa->ops->irq;
}

/* Register number of name in isa, or -1. */
int cpu_isa_reg_by_name(const struct cpu_isa *isa, const char *name);

#endif
