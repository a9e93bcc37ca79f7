/* Inside the RV32 core: state shared by the interpreter loop (rv32_exec.c),
 * the CSR/trap/PMP code (rv32_csr.c), memory and decode cache management
 * (rv32_mem.c), the event-loop glue (rv32_core.c), the core interface's
 * register and memory access (rv32_isa.c) and snapshots (rv32_snap.c).
 * Not for other modules. */
#ifndef RPSIM_RV32_PRIV_H
#define RPSIM_RV32_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/bus.h"
#include "models/rv32/rv32.h"
#include "models/rv32/rv32_decode.h"

struct snap_writer;
struct snap_reader;

/* A pre-decoded instruction. Slots are per halfword of a guest page (the C
 * extension lets instructions start at any even address). rd 0 is stored
 * as 32, a scratch register, so handlers write rd unconditionally. */
struct rv32_slot {
	const void *h;   /* handler label in the interpreter loop */
	int32_t imm;
	uint8_t rd, rs1, rs2;
	uint8_t meta;    /* length and cost, encoded per loop (rv32_exec.c) */
};
_Static_assert(sizeof(struct rv32_slot) == 16, "the uniform loop steps by slot bytes");

#define RV32_PAGE_SHIFT 12
#define RV32_PAGE_SIZE (1u << RV32_PAGE_SHIFT)
#define RV32_PAGE_SLOTS (RV32_PAGE_SIZE / 2)
#define RV32_PAGE_HASH 256
#define RV32_MAX_PAGES 2048 /* 64 MiB of decoded code; then flush all */

/* Decoded guest page. Two sentinel slots after the last one catch the
 * sequential fall-through of a 2- or 4-byte instruction off the page. */
struct rv32_dpage {
	uint32_t base;
	struct rv32_dpage *hnext;
	struct rv32_slot slots[RV32_PAGE_SLOTS + 2];
};

/* A device region in the core's device TLB, direct-mapped by the page
 * of the access that filled it (any access inside the region hits): the
 * accesses its ops take (sizes: bit s set for an access of s bytes that
 * passes the bus's size checks; unaligned ones only if the device takes
 * them) go straight to the device. size 0: empty. */
#define RV32_DEV_TLB 8
struct rv32_devtlb {
	uint32_t base;
	uint8_t sizes;
	bool unaligned_ok;
	uint64_t size;
	const struct mmio_ops *ops;
	void *opaque;
};

/* A window of RAM the load/store fast path may use without checks: the
 * access lies in one RAM region and PMP allows it for the current mode.
 * A store window also holds no decoded code, so its stores need no test:
 * it stops short of every marked granule of `map`, and marking one it
 * covers empties it (this core's marks at once; another core's through
 * the RAM's code_gen, checked when this core's run event starts). */
struct rv32_dwin {
	uint32_t base;
	uint64_t size;  /* 0: empty */
	uint8_t *host;  /* host address of base */
	struct ram *ram;
	uint64_t ram_off;
	/* map[(ram offset) >> shift] nonzero means "may hold decoded code":
	 * this core's own 64-byte line map when it is the RAM's only
	 * watcher, else the RAM's shared code_pages */
	const uint8_t *map;
	unsigned shift;
	bool own_map;
	uint32_t gen;   /* ram->code_gen when it was cut */
};

#define RV32_LINE_SHIFT 6

/* mstatus fields we implement */
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)
#define MSTATUS_MPRV (1u << 17)
#define MSTATUS_TW (1u << 21)

#define PRV_U 0u
#define PRV_M 3u

enum rv32_cause {
	CAUSE_FETCH_MISALIGNED = 0,
	CAUSE_FETCH_ACCESS = 1,
	CAUSE_ILLEGAL = 2,
	CAUSE_BREAKPOINT = 3,
	CAUSE_LOAD_MISALIGNED = 4,
	CAUSE_LOAD_ACCESS = 5,
	CAUSE_STORE_MISALIGNED = 6,
	CAUSE_STORE_ACCESS = 7,
	CAUSE_ECALL_U = 8,
	CAUSE_ECALL_M = 11,
};
#define CAUSE_INTERRUPT 0x80000000u

enum { ACC_R = 1, ACC_W = 2, ACC_X = 4 };

struct rv32_core {
	struct cpu cpu; /* the core interface's part: first (sim/core/cpu.h) */
	/* hot: the interpreter's state */
	uint32_t x[33]; /* x[32] is the scratch destination for rd = x0 */
	uint32_t pc;
	struct rv32_dwin rwin, wwin; /* load and store fast-path windows */
	/* the windows they replaced: firmware alternates between its TCM
	 * (stack, resource table) and DRAM (vrings, buffers), and one window
	 * each way would be refilled on nearly every access */
	struct rv32_dwin rwin2, wwin2;
	/* the device regions accessed last where no PMP check applies (as
	 * the windows, forgotten by rv32_invalidate_windows): an access
	 * there calls the device with no bus lookup and no bus checks */
	struct rv32_devtlb dev[RV32_DEV_TLB];
	bool resv_valid;
	uint32_t resv_addr;

	/* run bookkeeping: time = local time at the start of the slice;
	 * slice_cyc/slice_insns are synced before any slow call; slice_limit
	 * is where the run loop (rv32_core.c) ends this slice */
	sim_time_t time, slice_limit;
	uint64_t slice_cyc, slice_insns;
	uint64_t instret;      /* retired since reset */
	uint64_t instret_past; /* retired before the last reset */
	sim_time_t reset_time;
	sim_time_t period;
	uint64_t period_inv;   /* simtime_inv(period): cycles without a division */
	struct simtime_rate time_rate; /* the time CSR without read_time */
	uint64_t insn_budget;  /* remaining before the limit stops the core */
	uint64_t pause_left;   /* remaining before a pause (UINT64_MAX: none) */
	enum cpu_state state;
	bool stepping;         /* single-step loop (retire hook, PMP-split page) */
	bool pmp_step;         /* lookup found a page PMP splits: step it */
	/* a reset requested while the loop runs (a device the core wrote to
	 * resets it) is applied when the loop has returned */
	bool in_run, pend_reset, pend_asserted;
	uint32_t pend_boot;
	sim_time_t pend_t;

	/* privileged state */
	unsigned priv;
	uint32_t mstatus, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
	uint32_t mcounteren, mcountinhibit;
	uint64_t cycle_off, instret_off;       /* counter value = raw + off */
	uint64_t cycle_frozen, instret_frozen; /* while inhibited */
	uint8_t pmpcfg[16];
	uint32_t pmpaddr[16];
	bool pmp_any_locked, pmp_any_on;
	/* the fatal rule: where the last trap went and how many instructions
	 * had retired then */
	uint32_t trap_target;
	uint64_t trap_instret;
	bool trap_armed;
	/* the integer registers when the last trap was an exception, for
	 * failure reports (cpu_last_trap); not saved in snapshots */
	bool trap_x_valid;
	uint32_t trap_x[32];

	/* decode cache */
	struct rv32_dpage *ptab[RV32_PAGE_HASH];
	struct rv32_dpage *last_page;
	unsigned npages;
	const void *const *labels; /* handler per op, from the loop */
	const void *h_decode, *h_page_end;
	uint8_t cost[RV32_NCLASS];
	bool uniform; /* every class costs 1 cycle: the lighter loop */

	struct bus *bus;
	struct event ev;
	char name[32];         /* cpu.name points here */
	struct rv32_config cfg;
	struct rv32_watch {
		struct rv32_core *core;
		struct ram *ram;
		bool aliased; /* the RAM appears more than once in the view */
		uint8_t *lines; /* per 64-byte line of the RAM: holds decoded code */
	} watch[8]; /* RAMs whose code watcher we registered (ctx = entry) */
	unsigned nwatch;

	cpu_retire_fn retire_fn;
	void *retire_ctx;
	bool trace_insns; /* TRACE_INSN per retired instruction */
	bool traced;      /* retire_fn || trace_insns: the single-step loop */

	/* the debugger's requests (cpu.h, "Debugging"): dbg_active runs the
	 * single-step loop; dbg_watch keeps the data windows empty so every
	 * access reaches access(), which notes a watchpoint hit in dbg_hit */
	struct cpu_debug *dbg;
	bool dbg_active, dbg_watch;
	bool dbg_held;  /* a run event found it held: none is pending */
	bool dbg_skip;  /* the first instruction after set_debug(), at
			 * dbg_skip_pc, is not stopped by a breakpoint */
	uint32_t dbg_skip_pc;
	bool dbg_hit;
	uint8_t dbg_hit_kind;
	uint64_t dbg_hit_addr;
	/* the JIT (rv32_jit_internal.h); NULL: interpreter only */
	struct rv32_jit *jit;
	/* a run of compiled code: cycles left (compiled code keeps them in a
	 * host register and writes them back on every way out), cycles at
	 * its start, instructions charged (per-class costs only), where the
	 * jump to link sits, why a slow access left, whether it trapped */
	uint64_t jit_budget, jit_lim, jit_ninsn;
	uintptr_t jit_patch;
	uint8_t jit_why;
	bool jit_trapped;
};

static inline struct rv32_core *rv32_of(struct cpu *cpu)
{
	return (struct rv32_core *)cpu;
}
static inline const struct rv32_core *rv32_of_const(const struct cpu *cpu)
{
	return (const struct rv32_core *)cpu;
}

/* rv32_exec.c: runs at most cyc_lim cycles (one instruction when
 * stepping) from c->pc; commits time and instret. Returns when the budget
 * is spent, after a trap, CSR access, device access, WFI or halt.  With a
 * JIT (and not stepping), compiled code runs what it can. */
void rv32_exec_run(struct rv32_core *c, uint64_t cyc_lim);
/* The interpreter alone: the same, returning the cycles used and whether
 * it left before the budget was spent (*left). */
uint64_t rv32_interp(struct rv32_core *c, uint64_t cyc_lim, bool *left);

/* rv32_jit.c: the JIT (rv32_jit_internal.h).  init: 0, or -1 when this
 * host has no code generator or no executable memory (the interpreter
 * runs everything).  run: rv32_exec_run's work with compiled code.
 * flush: forget all compiled code (before it runs again).  code_changed:
 * guest bytes [lo, hi) were written; compiled code there is flushed. */
#define JIT_HOT_RUNS 16 /* interpreted runs of a block before it is compiled */
int rv32_jit_init(struct rv32_core *c, unsigned hot);
void rv32_jit_free(struct rv32_core *c);
void rv32_jit_run(struct rv32_core *c, uint64_t cyc_lim);
void rv32_jit_flush(struct rv32_core *c);
void rv32_jit_code_changed(struct rv32_core *c, uint64_t lo, uint64_t hi);
/* The loop's handler table (per enum rv32_op) and its two special labels. */
void rv32_exec_labels(bool uniform, const void *const **ops, const void **decode,
		      const void **page_end);

/* rv32_mem.c */
struct rv32_slot *rv32_page_lookup(struct rv32_core *c, uint32_t pc, struct rv32_dpage **pg);
void rv32_flush_decoded(struct rv32_core *c);
void rv32_free_decoded(struct rv32_core *c);
/* Reads the instruction at pc from RAM and marks its code pages. Returns 0,
 * or -1 with the address that is not RAM in *fault. */
int rv32_fetch(struct rv32_core *c, uint32_t pc, uint32_t *raw, uint32_t *fault);
/* Slow path for loads/stores; refills the fast-path windows. Returns 0 for
 * RAM, 1 for a device access (the caller must leave the loop), -1 after
 * raising a trap. */
int rv32_load_slow(struct rv32_core *c, uint32_t addr, unsigned size, uint32_t *val);
int rv32_store_slow(struct rv32_core *c, uint32_t addr, unsigned size, uint32_t val);
/* The core's local time: the slice's start plus the cycles synced */
static inline sim_time_t rv32_now(const struct rv32_core *c)
{
	return c->time + c->slice_cyc * c->period;
}

int rv32_dev_fault(struct rv32_core *c, enum bus_status st, uint32_t addr, unsigned size,
		   unsigned acc, uint32_t cause);

/* The device TLB entry that takes this access as the bus would pass it
 * on (same region, size and alignment checks), or NULL: the full path
 * then decides, faults included. */
static inline const struct rv32_devtlb *rv32_dev_hit(const struct rv32_core *c, uint32_t addr,
						     unsigned size)
{
	const struct rv32_devtlb *e = &c->dev[(addr >> 12) % RV32_DEV_TLB];
	uint32_t off = addr - e->base;
	if (off < e->size && size <= e->size - off && (e->sizes & size) &&
	    (e->unaligned_ok || !(off & (size - 1))))
		return e;
	return NULL;
}

/* Accesses through device TLB entry e: 1, or -1 after the access fault
 * when the device refuses. */
static inline int rv32_dev_load(struct rv32_core *c, const struct rv32_devtlb *e, uint32_t addr,
				unsigned size, uint32_t *val)
{
	uint64_t v = 0;
	enum bus_status st = e->ops->read(e->opaque, addr - e->base, size, &v, rv32_now(c));
	*val = (uint32_t)v;
	return st == BUS_OK ? 1 : rv32_dev_fault(c, st, addr, size, ACC_R, CAUSE_LOAD_ACCESS);
}

static inline int rv32_dev_store(struct rv32_core *c, const struct rv32_devtlb *e, uint32_t addr,
				 unsigned size, uint32_t val)
{
	enum bus_status st = e->ops->write(e->opaque, addr - e->base, size, val, rv32_now(c));
	c->resv_valid = false;
	return st == BUS_OK ? 1 : rv32_dev_fault(c, st, addr, size, ACC_W, CAUSE_STORE_ACCESS);
}
int rv32_amo(struct rv32_core *c, unsigned op, unsigned rd, uint32_t addr, uint32_t src);
void rv32_invalidate_windows(struct rv32_core *c);
/* Empties the store windows another core's new code marks may reach
 * (run event start). */
void rv32_check_store_windows(struct rv32_core *c);
void rv32_code_write(void *ctx, uint64_t off, uint64_t len);
void rv32_store_code(struct rv32_core *c, uint32_t addr, unsigned size);

/* rv32_core.c: reset, the irq sink and the run-control ops */
/* After a device access or a CSR instruction: whether the core must go
 * back to its run loop before the next instruction because something the
 * loop looks at changed (an event due before the slice ends, an
 * interrupt it would take, a stop, a reset, a halt).  If not, going on is
 * the same as going back and coming straight in again. */
static inline bool rv32_must_leave(const struct rv32_core *c)
{
	const struct sim *sim = c->cpu.sim;
	return sim->stop_requested || c->pend_reset || c->state != CPU_STATE_RUNNING ||
	       eventq_next_time(&sim->q) < c->slice_limit ||
	       ((c->mip & c->mie) && (c->priv != PRV_M || (c->mstatus & MSTATUS_MIE)));
}
void rv32_set_reset(struct rv32_core *c, bool asserted, uint32_t boot_addr, sim_time_t t);
void rv32_irq(void *core, unsigned num, bool level, sim_time_t t);
void rv32_op_set_reset(struct cpu *cpu, bool asserted, uint64_t boot_addr, sim_time_t t);
void rv32_op_set_insn_limit(struct cpu *cpu, uint64_t n);
void rv32_op_set_pause(struct cpu *cpu, uint64_t n);
void rv32_op_set_retire_hook(struct cpu *cpu, cpu_retire_fn fn, void *ctx);
void rv32_op_set_trace_insns(struct cpu *cpu, bool on);

/* rv32_csr.c */
void rv32_csr_reset(struct rv32_core *c);
/* Reads a CSR as a debugger does (no side effects); 0, or -1 when the
 * core does not implement it. */
int rv32_csr_get(struct rv32_core *c, unsigned csr, uint32_t *val);
/* Writes a CSR as a debugger does: as csrw would, except that no
 * instruction retires with it (counters take the value as written).
 * 0, or -1 when it does not exist or is read-only. */
int rv32_csr_set(struct rv32_core *c, unsigned csr, uint32_t val);
/* Executes a CSR instruction (op CSRRW..CSRRCI). Returns 0 or -1 (trap
 * raised). */
int rv32_csr_insn(struct rv32_core *c, unsigned op, unsigned rd, unsigned rs1, unsigned csr);
void rv32_trap(struct rv32_core *c, uint32_t cause, uint32_t tval);
void rv32_mret(struct rv32_core *c);
/* Takes the highest-priority enabled pending interrupt; true if taken. */
bool rv32_take_interrupt(struct rv32_core *c);
/* PMP: is the access allowed; lo and hi (if not NULL) receive the range
 * around addr where the same answer holds. */
bool rv32_pmp_allows(const struct rv32_core *c, uint32_t addr, unsigned acc, unsigned priv,
		     uint64_t *lo, uint64_t *hi);
unsigned rv32_data_priv(const struct rv32_core *c);
void rv32_halt(struct rv32_core *c, const char *why);
/* The name of a synchronous exception cause ("load access fault"), as the
 * SDK's trap handler prints it. */
const char *rv32_cause_name(uint32_t cause);

/* rv32_isa.c: the register file by number, memory, the ops table */
extern const struct cpu_ops rv32_ops;

/* rv32_debug.c: the debugging hooks, called on the single-step path.
 * rv32_debug_count/break before an instruction, rv32_debug_after after
 * it: true when the core stopped (the debugger's callback ran). */
void rv32_op_set_debug(struct cpu *cpu, struct cpu_debug *dbg);
int rv32_op_last_trap(struct cpu *cpu, struct cpu_trap_info *out);
bool rv32_debug_count(struct rv32_core *c);
/* After an interrupt was taken: a step or the count stops there. */
bool rv32_debug_irq(struct rv32_core *c);
bool rv32_debug_break(struct rv32_core *c);
bool rv32_debug_after(struct rv32_core *c, uint64_t instret_before, uint32_t pc_before);
/* A data access of the core's own (acc ACC_R or ACC_W) while watching. */
void rv32_debug_access(struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc);
void rv32_debug_halted(struct rv32_core *c);

/* rv32_snap.c */
int rv32_save(struct cpu *cpu, struct snap_writer *w);
int rv32_restore(struct cpu *cpu, struct snap_reader *r);
/* TRACE_CORE record: u8 enum cpu_state (0 run, 1 wfi, 2 halted, 3 reset) */
void rv32_trace_state(struct rv32_core *c, sim_time_t t);

#endif
