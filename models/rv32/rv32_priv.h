/* Inside the RV32 core: state shared by the interpreter loop (rv32_exec.c),
 * the CSR/trap/PMP code (rv32_csr.c), memory and decode cache management
 * (rv32_mem.c), the event-loop glue (rv32_core.c), the core interface's
 * register and memory access (rv32_isa.c) and snapshots (rv32_snap.c).
 * Not for other modules. */
#ifndef RPSIM_RV32_PRIV_H
#define RPSIM_RV32_PRIV_H

#include <stdbool.h>
#include <stdint.h>

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

/* A window of RAM the load/store fast path may use without checks: the
 * access lies in one RAM region and PMP allows it for the current mode. */
struct rv32_dwin {
	uint32_t base;
	uint64_t size;  /* 0: empty */
	uint8_t *host;  /* host address of base */
	struct ram *ram;
	uint64_t ram_off;
	/* stores: map[(ram offset) >> shift] nonzero means "may hold decoded
	 * code": this core's own 64-byte line map when it is the RAM's only
	 * watcher, else the RAM's shared code_pages */
	const uint8_t *map;
	unsigned shift;
	bool own_map;
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
	bool resv_valid;
	uint32_t resv_addr;

	/* run bookkeeping: time = local time at the start of the slice;
	 * slice_cyc/slice_insns are synced before any slow call */
	sim_time_t time;
	uint64_t slice_cyc, slice_insns;
	uint64_t instret;      /* retired since reset */
	uint64_t instret_past; /* retired before the last reset */
	sim_time_t reset_time;
	sim_time_t period;
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
 * is spent, after a trap, CSR access, device access, WFI or halt. */
void rv32_exec_run(struct rv32_core *c, uint64_t cyc_lim);
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
int rv32_amo(struct rv32_core *c, unsigned op, unsigned rd, uint32_t addr, uint32_t src);
void rv32_invalidate_windows(struct rv32_core *c);
void rv32_code_write(void *ctx, uint64_t off, uint64_t len);
void rv32_store_code(struct rv32_core *c, uint32_t addr, unsigned size);
sim_time_t rv32_now(const struct rv32_core *c);

/* rv32_core.c: reset, the irq sink and the run-control ops */
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

/* rv32_snap.c */
int rv32_save(struct cpu *cpu, struct snap_writer *w);
int rv32_restore(struct cpu *cpu, struct snap_reader *r);
/* TRACE_CORE record: u8 enum cpu_state (0 run, 1 wfi, 2 halted, 3 reset) */
void rv32_trace_state(struct rv32_core *c, sim_time_t t);

#endif
