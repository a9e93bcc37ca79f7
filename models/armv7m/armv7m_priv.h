/* Inside the Cortex-M4F core: the state shared by the interpreter loop
 * (armv7m_exec.c, armv7m_loop.h), the slow path (armv7m_slow.c), the
 * DSP and FP operations (armv7m_dsp.c, armv7m_fpu.c, armv7m_vfp.c), the
 * exception model (armv7m_except.c), the System Control Space
 * (armv7m_scs.c, armv7m_mpu.c), memory and the decode cache
 * (armv7m_mem.c), semihosting (armv7m_semi.c), the event-loop glue
 * (armv7m_core.c), the core interface (armv7m_isa.c) and snapshots
 * (armv7m_snap.c).  Not for other modules. */
#ifndef RPSIM_ARMV7M_PRIV_H
#define RPSIM_ARMV7M_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/armv7m/armv7m.h"
#include "models/armv7m/armv7m_decode.h"

struct snap_writer;
struct snap_reader;

/* A pre-decoded instruction, one slot per halfword of a guest page.  h is
 * the handler as an offset from the loop's base label (4 bytes instead of
 * a pointer leave room for the IT state and the operation).  Inside an IT
 * block h is the conditional wrapper and op the real handler. */
struct m_slot {
	int32_t h;
	uint32_t imm;
	uint8_t a;        /* Rd (FP: an S register number) */
	uint8_t x;        /* a fourth operand: Ra, RdHi, Rt2, flags; next to a:
			   * a branch's slot offset is (a, x), one 16-bit load */
	uint8_t b, c;     /* Rn, Rm (FP: S register numbers) */
	uint8_t meta;     /* stride to the next instruction in bytes: 16 or 32 */
	uint8_t it;       /* ITSTATE while this instruction executes; 0 outside IT blocks */
	uint16_t op;      /* enum m_op */
};
_Static_assert(sizeof(struct m_slot) == 16, "the loop steps by slot bytes");
_Static_assert(offsetof(struct m_slot, x) == offsetof(struct m_slot, a) + 1, "JUMP_NEAR reads a and x as one 16-bit offset");

#define M_PAGE_SHIFT 12
#define M_PAGE_SIZE (1u << M_PAGE_SHIFT)
#define M_PAGE_SLOTS (M_PAGE_SIZE / 2)
#define M_PAGE_HASH 256
#define M_MAX_PAGES 2048 /* 64 MiB of decoded code; then flush all */
#define M_LINE_SHIFT 6

struct m_dpage {
	uint32_t base;
	struct m_dpage *hnext;
	/* two sentinels catch the sequential fall-through off the page */
	struct m_slot slots[M_PAGE_SLOTS + 2];
};

/* A RAM window the loads and stores of the loop may use without checks:
 * one RAM region, one MPU answer for the current privilege. */
struct m_dwin {
	uint32_t base;
	uint64_t size;  /* 0: empty */
	uint8_t *host;
	struct ram *ram;
	uint64_t ram_off;
	const uint8_t *map; /* stores: nonzero map[(ram offset) >> shift] may hold code */
	unsigned shift;
	bool own_map;
};

static inline bool m_win_has(const struct m_dwin *w, uint32_t addr, unsigned size)
{
	uint64_t o = (uint32_t)(addr - w->base);
	return w->size && o + size <= w->size;
}

static inline void m_win_swap(struct m_dwin *a, struct m_dwin *b)
{
	struct m_dwin t = *a;
	*a = *b;
	*b = t;
}

/* The victim window w2 holds [addr, addr + size): it becomes the first.
 * The loop tries this before its slow path (code alternating between
 * two RAMs: literals in flash and data in SRAM, copies between them). */
static inline bool m_win_swap_in(struct m_dwin *w, struct m_dwin *w2, uint32_t addr, unsigned size)
{
	if (!m_win_has(w2, addr, size))
		return false;
	m_win_swap(w, w2);
	return true;
}

/* Exception numbers (B1.5.2) */
enum {
	EXC_RESET = 1, EXC_NMI = 2, EXC_HARDFAULT = 3, EXC_MEMMANAGE = 4, EXC_BUSFAULT = 5,
	EXC_USAGEFAULT = 6, EXC_SVCALL = 11, EXC_DEBUGMON = 12, EXC_PENDSV = 14,
	EXC_SYSTICK = 15, EXC_IRQ0 = 16, EXC_MAX = 256
};

/* CFSR bits: MMFSR [7:0], BFSR [15:8], UFSR [31:16] */
enum {
	CFSR_IACCVIOL = 1u << 0, CFSR_DACCVIOL = 1u << 1, CFSR_MUNSTKERR = 1u << 3,
	CFSR_MSTKERR = 1u << 4, CFSR_MLSPERR = 1u << 5, CFSR_MMARVALID = 1u << 7,
	CFSR_IBUSERR = 1u << 8, CFSR_PRECISERR = 1u << 9, CFSR_IMPRECISERR = 1u << 10,
	CFSR_UNSTKERR = 1u << 11, CFSR_STKERR = 1u << 12, CFSR_LSPERR = 1u << 13,
	CFSR_BFARVALID = 1u << 15,
	CFSR_UNDEFINSTR = 1u << 16, CFSR_INVSTATE = 1u << 17, CFSR_INVPC = 1u << 18,
	CFSR_NOCP = 1u << 19, CFSR_UNALIGNED = 1u << 24, CFSR_DIVBYZERO = 1u << 25,
};
enum { HFSR_VECTTBL = 1u << 1, HFSR_FORCED = 1u << 30, HFSR_DEBUGEVT = 1u << 31 };

/* CONTROL */
enum { CONTROL_NPRIV = 1, CONTROL_SPSEL = 2, CONTROL_FPCA = 4 };
/* FPCCR */
enum {
	FPCCR_LSPACT = 1u << 0, FPCCR_USER = 1u << 1, FPCCR_THREAD = 1u << 3,
	FPCCR_HFRDY = 1u << 4, FPCCR_MMRDY = 1u << 5, FPCCR_BFRDY = 1u << 6,
	FPCCR_MONRDY = 1u << 8, FPCCR_LSPEN = 1u << 30, FPCCR_ASPEN = 1u << 31,
};
/* FPSCR */
enum {
	FPSCR_IOC = 1u << 0, FPSCR_DZC = 1u << 1, FPSCR_OFC = 1u << 2, FPSCR_UFC = 1u << 3,
	FPSCR_IXC = 1u << 4, FPSCR_IDC = 1u << 7, FPSCR_RMODE_SHIFT = 22, FPSCR_FZ = 1u << 24,
	FPSCR_DN = 1u << 25, FPSCR_AHP = 1u << 26,
	FPSCR_MASK = 0xF7C0009Fu,
};

/* The System Control Space's state: NVIC, SCB, SysTick, DWT, MPU, ITM,
 * FP control.  Exceptions share one numbering (1..15 system, 16.. IRQs):
 * one bit per exception number in pend/act, the IRQ enables and input
 * levels, and each configurable priority byte. */
struct m_scs {
	uint32_t pend[EXC_MAX / 32], act[EXC_MAX / 32], ena[EXC_MAX / 32], level[EXC_MAX / 32];
	uint8_t prio[EXC_MAX]; /* as written (the implemented bits); 4.. only */
	uint32_t vtor, aircr_prigroup, scr, ccr, shcsr_ena, cfsr, hfsr, dfsr, mmfar, bfar;
	uint32_t cpacr, fpccr, fpcar, fpdscr;
	uint32_t demcr;
	/* SysTick: CVR is derived from simulated time while enabled */
	uint32_t st_csr, st_rvr, st_cvr; /* st_cvr: the value at st_time */
	sim_time_t st_time;    /* when st_cvr held (while counting) */
	bool st_countflag;
	/* DWT */
	uint32_t dwt_ctrl, cyccnt; /* cyccnt: the value at cyc_time */
	sim_time_t cyc_time;
	/* MPU */
	uint32_t mpu_ctrl, mpu_rnr, rbar[8], rasr[8];
	/* ITM */
	uint32_t itm_ter, itm_tcr, itm_tpr;
};

struct m_core {
	struct cpu cpu; /* the core interface's part: first (sim/core/cpu.h) */
	/* hot: the interpreter's state */
	uint32_t r[17]; /* r13 is the current SP; r15 is valid when the loop is out; r16 reads 0 */
	/* APSR.NZCV: N is bit 31 of nf and Z is set when zf is 0, so a
	 * flag-setting instruction stores its result in both (no shift, no
	 * setcc: m_flag_n, m_flag_z read them); C and V are 0 or 1 */
	uint32_t nf, zf, fc, fv;
	uint32_t fq, ge;         /* APSR.Q (0/1), APSR.GE (4 bits) */
	uint32_t pc;
	uint8_t itstate;         /* EPSR.IT */
	bool tbit;               /* EPSR.T: 0 makes the next instruction fault (INVSTATE) */
	bool fp_ready; /* FP instructions may run: enabled, FPCA set, no lazy state pending */
	struct m_dwin rwin, wwin, rwin2, wwin2;
	uint32_t s[32], fpscr;

	uint32_t ipsr;           /* the current exception number; 0 in Thread mode */
	uint32_t sp_other;       /* the stack pointer not in r[13] (MSP or PSP) */
	uint32_t control, primask, faultmask, basepri;
	bool excl_valid;
	uint32_t excl_addr;
	uint8_t excl_size;
	bool event_reg;
	bool sleeping_wfe;       /* parked by WFE (an event also wakes it) */
	bool exc_check;          /* pending exceptions may need a look */
	bool locked_up;
	uint8_t semi_feat_pos; /* read position in ":semihosting-features" */

	struct m_scs scs;

	/* run bookkeeping (as the RV32 core: time is the local time at the
	 * start of the slice; slice_cyc/slice_insns are synced before any
	 * slow call) */
	sim_time_t time;
	uint64_t slice_cyc, slice_insns;
	uint64_t instret, instret_past;
	sim_time_t reset_time, period;
	uint64_t insn_budget;
	uint64_t pause_left;   /* remaining before a pause (UINT64_MAX: none) */
	enum cpu_state state;
	bool stepping, mpu_step;
	/* instruction fetches in [xbase, xbase + xsize) are allowed for the
	 * current privilege and MPU state (checked once per range) */
	uint32_t xbase;
	uint64_t xsize;
	uint8_t acc_err; /* why the last M_ACC_NOFAULT access failed: 1 MPU, 2 bus */
	bool in_run, pend_reset, pend_asserted;
	uint32_t pend_boot;
	sim_time_t pend_t;
	uint32_t boot_addr; /* the vector table the last reset released the core with */

	/* decode cache */
	struct m_dpage *ptab[M_PAGE_HASH];
	struct m_dpage *last_page;
	unsigned npages;
	/* handler entry offsets: h_of[op] for a 16-bit instruction,
	 * h_of[M_HN + op] for a 32-bit one (m_hent); M_NOPS + 2 is the IT
	 * wrapper's */
	const int32_t *h_of;
	int32_t h_decode, h_page_end, h_itcond;

	struct bus *bus;
	struct event ev, st_ev;
	char name[32];
	struct armv7m_config cfg;
	struct armv7m_semihost semi; /* cfg.semihost points here */
	struct m_watch {
		struct m_core *core;
		struct ram *ram;
		bool aliased;
		uint8_t *lines;
	} watch[8];
	unsigned nwatch;

	cpu_retire_fn retire_fn;
	void *retire_ctx;
	bool trace_insns, traced;
	/* the last fault, for the lockup report */
	uint32_t last_fault_exc;
	char last_fault[64];
	/* the instruction trace's view of the registers besides rd (REG
	 * records: armv7m_core.c, step_traced); valid once traced_valid */
	uint32_t traced_last[24];
	bool traced_valid;

	/* armv7m_debug.c: the debugger's requests (cpu.h, "Debugging");
	 * dbg_slow sends the run event to armv7m_debug_slices(), dbg_watch
	 * keeps the data windows empty so that access() sees every access */
	struct cpu_debug *dbg;
	bool dbg_slow, dbg_watch;
	bool dbg_held;  /* a run event found it held: none is pending */
	bool dbg_skip;  /* the first instruction after set_debug(), at
			 * dbg_skip_pc, is not stopped by a breakpoint */
	uint32_t dbg_skip_pc;
	bool dbg_hit;
	uint8_t dbg_hit_kind;
	uint64_t dbg_hit_addr;
	/* the last exception taken since reset as it was entered: the
	 * registers the trapping instruction saw, the fault status then
	 * (cpu_last_trap); not in snapshots */
	bool trap_armed;
	struct m_trap {
		uint32_t exc, pc, cfsr, hfsr, mmfar, bfar;
		uint32_t regs[ARMV7M_REG_XPSR + 1];
		char what[64];
	} trap;
};

static inline struct m_core *m_of(struct cpu *cpu)
{
	return (struct m_core *)cpu;
}
static inline const struct m_core *m_of_const(const struct cpu *cpu)
{
	return (const struct m_core *)cpu;
}

/* Privileged execution: Handler mode, or Thread mode with CONTROL.nPRIV 0. */
static inline bool m_privileged(const struct m_core *c)
{
	return c->ipsr != 0 || !(c->control & CONTROL_NPRIV);
}

/* The xPSR as MRS and exception entry see it (without the stack-align bit). */
uint32_t armv7m_xpsr(const struct m_core *c);
void armv7m_set_apsr(struct m_core *c, uint32_t v, bool nzcvq, bool ge);

/* The loop's handler entries per instruction length: each op has a
 * 16-bit and a 32-bit entry that set the stride as a constant before
 * the shared body, so the next slot's address does not wait for a load
 * of the stride (armv7m_loop.h) */
#define M_HN (M_NOPS + 3)
static inline int32_t m_hent(const struct m_core *c, unsigned op, unsigned len)
{
	return c->h_of[(len == 4) * M_HN + op];
}

/* APSR.N and APSR.Z as 0 or 1, and both set from 0/1 values */
static inline uint32_t m_flag_n(const struct m_core *c) { return c->nf >> 31; }
static inline uint32_t m_flag_z(const struct m_core *c) { return c->zf == 0; }
static inline void m_set_nz(struct m_core *c, uint32_t n, uint32_t z)
{
	c->nf = n << 31;
	c->zf = !z;
}

/* ConditionPassed for condition 0..14 */
static inline bool m_cond(const struct m_core *c, unsigned cond)
{
	bool r;
	switch (cond >> 1) {
	case 0: r = c->zf == 0; break;
	case 1: r = c->fc; break;
	case 2: r = c->nf >> 31; break;
	case 3: r = c->fv; break;
	case 4: r = c->fc && c->zf != 0; break;
	case 5: r = c->nf >> 31 == c->fv; break;
	case 6: r = c->nf >> 31 == c->fv && c->zf != 0; break;
	default: return true;
	}
	return (cond & 1) ? !r : r;
}

/* armv7m_exec.c */
void armv7m_exec_run(struct m_core *c, uint64_t cyc_lim);
void armv7m_exec_labels(const int32_t **h_of, int32_t *decode, int32_t *page_end, int32_t *itcond);
/* Fills slot s (at pc, with ITSTATE it) from the instruction there and,
 * for an IT instruction, the slots of its block on the same page.
 * Returns false after raising a fetch fault. */
bool armv7m_decode_slot(struct m_core *c, struct m_dpage *pg, struct m_slot *s, uint8_t it);

/* armv7m_slow.c: the rare instructions, decoded again from the slot's
 * encoding.  Returns 0 (done, pc advanced), 1 (done, pc set: a branch
 * or exception), -1 (an exception was raised; pc set). */
int armv7m_slow(struct m_core *c, const struct m_slot *s, uint32_t pc);
/* LDRD/STRD (immediate offset) off the fast path: 0 RAM, 1 a device, -1 faulted */
int armv7m_ldrd_slow(struct m_core *c, const struct m_slot *s, bool load);
/* armv7m_dsp.c */
void armv7m_dsp(struct m_core *c, const struct m_slot *s);
/* armv7m_fpu.c: FP instructions; 0 done, -1 exception raised. */
int armv7m_vfp(struct m_core *c, const struct m_slot *s, uint32_t pc);
int armv7m_vldr(struct m_core *c, const struct m_slot *s, uint32_t pc, bool load);
/* The FP prologue: CPACR, lazy state preservation, CONTROL.FPCA; 0, or
 * -1 after raising the fault (pc set to the instruction). */
int armv7m_fp_prologue(struct m_core *c, uint32_t pc);
void armv7m_fp_update_ready(struct m_core *c);

/* armv7m_mem.c */
struct m_slot *armv7m_page_lookup(struct m_core *c, uint32_t pc, struct m_dpage **pg);
void armv7m_flush_decoded(struct m_core *c);
void armv7m_free_decoded(struct m_core *c);
/* Reads the instruction at pc for decoding (raw as armv7m_decode takes
 * it); 0, or -1 when it is not in RAM (the BusFault raised if raise). */
int armv7m_fetch(struct m_core *c, uint32_t pc, uint32_t *raw, unsigned *len, bool raise);
/* Data accesses on the slow path (alignment, MPU, SCS, devices).
 * Return 0 for RAM, 1 for a device access (leave the loop), -1 after
 * raising a fault (c->pc must hold the instruction's address). */
enum { M_ACC_NORMAL = 0, M_ACC_UNPRIV = 1, M_ACC_ALIGNED = 2, M_ACC_STACK = 4, M_ACC_NOFAULT = 8 };
int armv7m_load(struct m_core *c, uint32_t addr, unsigned size, uint32_t *val, unsigned flags);
int armv7m_store(struct m_core *c, uint32_t addr, unsigned size, uint32_t val, unsigned flags);
void armv7m_invalidate_windows(struct m_core *c);
void armv7m_code_write(void *ctx, uint64_t off, uint64_t len);
void armv7m_store_code(struct m_core *c, uint32_t addr, unsigned size);
sim_time_t armv7m_now(const struct m_core *c);

/* armv7m_mpu.c: may the access be made; lo/hi get the range around addr
 * with the same answer (for the fast-path windows and the page checks). */
enum { M_MPU_R = 1, M_MPU_W = 2, M_MPU_X = 4 };
bool armv7m_mpu_allows(const struct m_core *c, uint32_t addr, unsigned acc, bool priv,
		       uint64_t *lo, uint64_t *hi);
/* The default memory map's execute-never regions (with or without the MPU). */
bool armv7m_default_xn(uint32_t addr, uint64_t *lo, uint64_t *hi);
uint32_t armv7m_mpu_read(struct m_core *c, uint32_t off);
void armv7m_mpu_write(struct m_core *c, uint32_t off, uint32_t v);

/* armv7m_scs.c: the System Control Space and the other private
 * peripheral bus registers, 0xE0000000..0xE00FFFFF */
#define M_PPB_BASE 0xE0000000u
#define M_PPB_END 0xE0100000u
int armv7m_ppb_read(struct m_core *c, uint32_t addr, unsigned size, uint32_t *val);
int armv7m_ppb_write(struct m_core *c, uint32_t addr, unsigned size, uint32_t val);
void armv7m_scs_reset(struct m_core *c);
uint32_t armv7m_systick_cvr(struct m_core *c, sim_time_t t);
void armv7m_systick_arm(struct m_core *c, sim_time_t t);
void armv7m_systick_unpend(struct m_core *c, sim_time_t t);
void armv7m_systick_event(struct event *ev, void *ctx);

/* armv7m_except.c */
void armv7m_set_pending(struct m_core *c, unsigned exc, bool on);
static inline bool m_bit(const uint32_t *a, unsigned n)
{
	return (a[n >> 5] >> (n & 31)) & 1;
}
static inline void m_setbit(uint32_t *a, unsigned n, bool on)
{
	if (on)
		a[n >> 5] |= 1u << (n & 31);
	else
		a[n >> 5] &= ~(1u << (n & 31));
}
int armv7m_exc_priority(const struct m_core *c, unsigned exc);
int armv7m_exec_priority(const struct m_core *c);
/* The pending exception that would preempt now, or 0. */
unsigned armv7m_pending_exc(const struct m_core *c, bool for_wakeup);
/* Takes the exception that should preempt, if any; true if one was taken. */
bool armv7m_take_exception(struct m_core *c);
/* A synchronous fault of instruction at c->pc: the CFSR bits (MMFSR,
 * BFSR, UFSR), the fault address (MMFAR/BFAR) when the bit says valid.
 * Escalates to HardFault or locks up as the architecture says. */
void armv7m_fault(struct m_core *c, unsigned exc, uint32_t cfsr, uint32_t addr);
/* SVC, BKPT as a debug event: taken now, or escalated. */
void armv7m_sync_exception(struct m_core *c, unsigned exc, uint32_t return_addr);
/* BXWritePC / exception return with EXC_RETURN. */
void armv7m_exception_return(struct m_core *c, uint32_t exc_return);
/* BXWritePC: interworking branch from the loop (sets pc/tbit, or returns). */
void armv7m_bx_write_pc(struct m_core *c, uint32_t target);
void armv7m_lockup(struct m_core *c, const char *why);
void armv7m_halt(struct m_core *c, const char *why);
const char *armv7m_exc_name(unsigned exc);
/* CONTROL/mode change: SP banking and the privilege the windows hold for. */
void armv7m_set_control(struct m_core *c, uint32_t v);
void armv7m_priv_changed(struct m_core *c);
uint32_t armv7m_get_msp(const struct m_core *c);
uint32_t armv7m_get_psp(const struct m_core *c);
void armv7m_set_msp(struct m_core *c, uint32_t v);
void armv7m_set_psp(struct m_core *c, uint32_t v);

/* armv7m_semi.c: BKPT 0xAB; 0 done (r0 set), 1 the program exited. */
int armv7m_semihost(struct m_core *c);
void armv7m_console(struct m_core *c, int handle, const uint8_t *buf, size_t len);

/* armv7m_core.c */
void armv7m_set_reset(struct m_core *c, bool asserted, uint32_t vtor, sim_time_t t);
void armv7m_irq(void *core, unsigned num, bool level, sim_time_t t);
void armv7m_trace_state(struct m_core *c, sim_time_t t);
void armv7m_op_set_reset(struct cpu *cpu, bool asserted, uint64_t boot_addr, sim_time_t t);
void armv7m_op_set_insn_limit(struct cpu *cpu, uint64_t n);
void armv7m_op_set_pause(struct cpu *cpu, uint64_t n);
void armv7m_op_set_retire_hook(struct cpu *cpu, cpu_retire_fn fn, void *ctx);
void armv7m_op_set_trace_insns(struct cpu *cpu, bool on);
/* The core must look at its exceptions before the next instruction. */
void armv7m_wake(struct m_core *c, sim_time_t t);
/* Whether a sleeping core has a reason to wake (consumes the event). */
bool armv7m_wake_reason(struct m_core *c);
/* One instruction, then its trace record and retire hook. */
void armv7m_step_traced(struct m_core *c);

/* armv7m_debug.c: the debugging hooks.  armv7m_debug_slices runs the
 * core's slice one instruction at a time with the debugger's checks;
 * armv7m_debug_access notes a watchpoint hit of a data access;
 * armv7m_debug_trap is told of every exception entry, before stacking;
 * armv7m_debug_halted of a halt or lockup. */
void armv7m_op_set_debug(struct cpu *cpu, struct cpu_debug *dbg);
int armv7m_op_last_trap(struct cpu *cpu, struct cpu_trap_info *out);
void armv7m_debug_slices(struct m_core *c);
void armv7m_debug_access(struct m_core *c, uint32_t addr, unsigned size, bool write);
void armv7m_debug_trap(struct m_core *c, unsigned exc);
void armv7m_debug_halted(struct m_core *c);
extern const struct cpu_core_note armv7m_core_note;

/* armv7m_isa.c */
extern const struct cpu_ops armv7m_ops;
/* armv7m_snap.c */
int armv7m_save(struct cpu *cpu, struct snap_writer *w);
int armv7m_restore(struct cpu *cpu, struct snap_reader *r);

#endif
