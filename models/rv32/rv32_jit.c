/* The RV32 JIT's code cache and dispatcher (rv32_jit_internal.h).
 *
 * rv32_exec_run hands a slice of cycles here when the core has a JIT and
 * is not single-stepping.  The dispatcher looks up the block starting at
 * the pc: a compiled one runs (and chains into the next ones directly);
 * one that is not compiled yet runs in the interpreter, exactly its
 * instructions, until it has run JIT_HOT_RUNS times, then it is compiled (so
 * code that runs a few times, like the boot of the default scenario,
 * never pays for compilation).  What compiled code cannot do (system
 * instructions, atomics, U mode, locked PMP) runs in the interpreter,
 * which also finishes a slice whose next block does not fit the cycles
 * left: the same instructions retire at the same times either way.
 *
 * W^X: the cache is mapped read+execute; it is made writable only while
 * a block is copied in or a jump patched, never while code runs.
 * Coherence: compiled code is looked up through the same code-line marks
 * as the decode cache (rv32_fetch); a write to a line holding compiled
 * code flushes the whole cache once control is back here (self-modifying
 * code is rare; firmware reloads flush anyway). */
#include "models/rv32/rv32_jit_internal.h"
#include "models/rv32/rv32_priv.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define JIT_CACHE_SIZE ((size_t)16 << 20)
#define JIT_STAGE_CAP (64u << 10)
#define JIT_BLOCK_MAX (32u << 10) /* the most one block may need, checked before */

static size_t page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);
	return p > 0 ? (size_t)p : 4096;
}

/* Copies len bytes to the cache at off: writable for the copy only. */
static int cache_write(struct rv32_jit *j, size_t off, const void *src, size_t len)
{
	size_t ps = page_size();
	size_t lo = off & ~(ps - 1), hi = (off + len + ps - 1) & ~(ps - 1);
	if (mprotect(j->mem + lo, hi - lo, PROT_READ | PROT_WRITE) != 0)
		return -1;
	memcpy(j->mem + off, src, len);
	if (mprotect(j->mem + lo, hi - lo, PROT_READ | PROT_EXEC) != 0)
		return -1;
	return 0;
}

/* instructions decoded to know how long a block not compiled yet runs */
#define JIT_NEED_SCAN 16

/* an entry's hits when its block cannot be compiled */
#define JIT_NEVER UINT16_MAX

static inline struct rv32_jit_ent *ent(struct rv32_jit *j, uint32_t pc)
{
	return &j->tab[(pc >> 1) & (JIT_TAB_SIZE - 1)];
}

#define JIT_TAB_BYTES (sizeof(struct rv32_jit_ent) * JIT_TAB_SIZE)

/* Back to zero pages: nothing is written, the kernel gives them again */
static void tab_clear(struct rv32_jit *j)
{
	if (madvise(j->tab, JIT_TAB_BYTES, MADV_DONTNEED) != 0)
		memset(j->tab, 0, JIT_TAB_BYTES);
}

/* Empties the cache (outside compiled code only). */
static void reset(struct rv32_jit *j)
{
	j->used = j->start;
	tab_clear(j);
	memset(j->cover, 0, sizeof(j->cover));
	j->ncover = 0;
	j->cover_full = false;
	j->flush_pending = false;
	j->gen++;
	j->flushes++;
}

static void jit_destroy(struct rv32_jit *j)
{
	if (!j)
		return;
	if (j->mem)
		munmap(j->mem, j->size);
	if (j->tab)
		munmap(j->tab, JIT_TAB_BYTES);
	free(j->stage);
	free(j);
}

int rv32_jit_init(struct rv32_core *c, unsigned hot)
{
	if (!rv32_jit_host_ok())
		return -1;
	struct rv32_jit *j = calloc(1, sizeof(*j));
	if (!j)
		return -1;
	j->size = JIT_CACHE_SIZE;
	j->hot = hot;
	void *m = mmap(NULL, j->size, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	void *t = mmap(NULL, JIT_TAB_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	j->tab = t == MAP_FAILED ? NULL : t;
	j->stage = malloc(JIT_STAGE_CAP);
	j->stage_cap = JIT_STAGE_CAP;
	if (m == MAP_FAILED || !j->tab || !j->stage) {
		if (m != MAP_FAILED)
			j->mem = m;
		jit_destroy(j);
		return -1;
	}
	j->mem = m;
	uint32_t len = rv32_jit_emit_routines(j, c);
	if (len == 0 || cache_write(j, 0, j->stage, len) != 0) {
		/* no executable memory here (a hardened kernel): interpret */
		jit_destroy(j);
		return -1;
	}
	j->start = (len + 63) & ~(size_t)63;
	reset(j);
	j->flushes = 0;
	c->jit = j;
	return 0;
}

void rv32_jit_free(struct rv32_core *c)
{
	jit_destroy(c->jit);
	c->jit = NULL;
}

void rv32_jit_flush(struct rv32_core *c)
{
	if (c->jit)
		c->jit->flush_pending = true;
}

/* ---- which guest lines hold compiled code ---- */

static struct rv32_jit_cover *cover_find(struct rv32_jit *j, uint32_t page, bool add)
{
	unsigned h = (page * 2654435761u) >> (32 - 10);
	for (unsigned k = 0; k < JIT_COVER_SIZE; k++) {
		struct rv32_jit_cover *e = &j->cover[(h + k) & (JIT_COVER_SIZE - 1)];
		if (e->page1 == page + 1)
			return e;
		if (e->page1 == 0) {
			if (!add)
				return NULL;
			if (j->ncover >= JIT_COVER_SIZE / 2) {
				j->cover_full = true;
				return NULL;
			}
			j->ncover++;
			e->page1 = page + 1;
			return e;
		}
	}
	return NULL;
}

static void cover_mark(struct rv32_jit *j, uint32_t addr, unsigned len)
{
	for (uint64_t a = addr & ~63u; a < (uint64_t)addr + len; a += 64) {
		struct rv32_jit_cover *e = cover_find(j, (uint32_t)(a >> 12), true);
		if (e)
			e->lines |= 1ull << ((a >> 6) & 63);
	}
}

void rv32_jit_code_changed(struct rv32_core *c, uint64_t lo, uint64_t hi)
{
	struct rv32_jit *j = c->jit;
	if (!j || j->flush_pending || lo >= hi)
		return;
	if (j->cover_full) {
		j->flush_pending = true;
		return;
	}
	for (uint64_t a = lo & ~(uint64_t)63; a < hi && a < ((uint64_t)1 << 32); a += 64) {
		struct rv32_jit_cover *e = cover_find(j, (uint32_t)(a >> 12), false);
		if (e && (e->lines >> ((a >> 6) & 63) & 1)) {
			j->flush_pending = true;
			return;
		}
	}
}

/* ---- blocks ---- */

/* Decodes the block at pc: up to a jump or branch, an instruction the
 * JIT does not compile (left out), JIT_MAX_INSNS, or memory that is not
 * RAM.  Returns how many instructions. */
static unsigned scan(struct rv32_core *c, uint32_t pc, struct rv32_jit_insn *ins, unsigned max)
{
	unsigned n = 0;
	while (n < max) {
		uint32_t raw, fault;
		if (rv32_fetch(c, pc, &raw, &fault) < 0)
			break;
		struct rv32_insn d;
		rv32_decode(raw, &d);
		if (!rv32_jit_supports(d.op))
			break;
		ins[n].d = d;
		ins[n].pc = pc;
		n++;
		if (rv32_jit_ends_block(d.op))
			break;
		pc += d.len;
	}
	return n;
}

/* Cycles that make the interpreter run exactly these instructions (it
 * starts an instruction while it has used fewer than that). */
static uint16_t need_of(const struct rv32_core *c, const struct rv32_jit_insn *ins, unsigned n)
{
	unsigned need = 1;
	for (unsigned i = 0; i + 1 < n; i++)
		need += c->cost[ins[i].d.cls];
	return (uint16_t)need;
}

static const void *compile(struct rv32_core *c, uint32_t pc, const struct rv32_jit_insn *ins,
			   unsigned n)
{
	struct rv32_jit *j = c->jit;
	if (j->used + JIT_BLOCK_MAX > j->size)
		reset(j); /* full: start over (everything compiled runs again soon) */
	/* a block that does not fit the stage is cut in half until it does */
	uint32_t len;
	while ((len = rv32_jit_emit_block(j, c, ins, n)) == 0 && n > 1)
		n /= 2;
	if (len == 0)
		return NULL;
	size_t off = j->used;
	if (cache_write(j, off, j->stage, len) != 0)
		return NULL;
	j->used = (off + len + 15) & ~(size_t)15;
	for (unsigned i = 0; i < n; i++)
		cover_mark(j, ins[i].pc, ins[i].d.len);
	j->blocks++;
	(void)pc;
	return j->mem + off;
}

/* Points the jump whose rel32 sits at `at` straight at code. */
static void patch(struct rv32_jit *j, uintptr_t at, const void *code)
{
	uintptr_t base = (uintptr_t)j->mem;
	if (at < base + j->start || at + 4 > base + j->used)
		return;
	int32_t rel = (int32_t)((uintptr_t)code - (at + 4));
	uint8_t b[4] = { (uint8_t)rel, (uint8_t)(rel >> 8), (uint8_t)(rel >> 16), (uint8_t)(rel >> 24) };
	cache_write(j, at - base, b, 4);
}

/* ---- the helpers compiled code calls ---- */

/* The interpreter's view at the instruction of `info`: time and counts
 * up to it (it is charged; what follows in the block is not yet), pc. */
static void site_sync(struct rv32_core *c, uint64_t info)
{
	uint64_t used = c->jit_lim - c->jit_budget - JIT_INFO_AFTER_CYC(info);
	c->slice_cyc = used;
	c->slice_insns = (c->uniform ? used : c->jit_ninsn - JIT_INFO_AFTER_N(info)) - 1;
	c->pc = JIT_INFO_PC(info);
}

/* Leaves compiled code after the instruction of `info` (or at it, when
 * it trapped): what follows in the block is given back. */
static struct rv32_jit_ret site_leave(struct rv32_core *c, uint64_t info, enum rv32_jit_why why)
{
	c->jit_budget += JIT_INFO_AFTER_CYC(info);
	c->jit_ninsn -= JIT_INFO_AFTER_N(info);
	if (why == JIT_WHY_TRAP)
		c->jit_trapped = true; /* its cycles are spent, it did not retire */
	else
		c->pc = JIT_INFO_PC(info) + JIT_INFO_LEN(info);
	c->jit_why = (uint8_t)why;
	c->slice_cyc = c->slice_insns = 0;
	return (struct rv32_jit_ret){ 0, 1 };
}

/* After a device access that made rv32_must_leave true only because an
 * event is now due before the slice ends (a mailbox's delayed interrupt
 * line, a timer compare): the run loop would commit, find the slice's
 * new end at that event and come straight back with the cycles up to
 * it.  Instead the budget shrinks in place to exactly those cycles, so
 * compiled code goes on, provided the rest of this block starts before
 * the new end (as the run loop's next slice would start it).  Only with
 * no instruction limit or pause counting down (their caps count from
 * the run loop's own start).  True if it shrank: no need to leave. */
static bool shrink_in_place(struct rv32_core *c, uint64_t info)
{
	const struct sim *sim = c->cpu.sim;
	if (sim->stop_requested || c->pend_reset || c->state != CPU_STATE_RUNNING ||
	    ((c->mip & c->mie) && (c->priv != PRV_M || (c->mstatus & MSTATUS_MIE))) ||
	    c->insn_budget != UINT64_MAX || c->pause_left != UINT64_MAX)
		return false;
	sim_time_t limit = eventq_next_time(&sim->q), now = rv32_now(c);
	if (limit >= c->slice_limit || now >= limit)
		return false;
	/* the run loop's cycles for the slice [now, limit) */
	uint64_t b = simtime_div_inv(limit - now + c->period - 1, c->period, c->period_inv);
	uint64_t after = JIT_INFO_AFTER_CYC(info);
	if (after > b || b > c->jit_budget + after)
		return false;
	c->jit_lim = c->slice_cyc + b; /* slice_cyc: this instruction included */
	c->jit_budget = b - after;
	c->slice_limit = limit;
	return true;
}

/* A load the device TLB does not take, or that faulted: the full path
 * (the slow path decides; a fault traps). */
static __attribute__((noinline)) struct rv32_jit_ret load_full(struct rv32_core *c, uint32_t addr,
								uint64_t info)
{
	site_sync(c, info);
	unsigned size = JIT_INFO_SIZE(info);
	uint32_t v;
	const struct rv32_devtlb *e = rv32_dev_hit(c, addr, size);
	int r = e ? rv32_dev_load(c, e, addr, size, &v) : rv32_load_slow(c, addr, size, &v);
	if (r < 0)
		return site_leave(c, info, JIT_WHY_TRAP);
	if (JIT_INFO_SIGN(info))
		v = size == 1 ? (uint32_t)(int32_t)(int8_t)v : (uint32_t)(int32_t)(int16_t)v;
	unsigned rd = JIT_INFO_RD(info);
	if (rd)
		c->x[rd] = v;
	if (r > 0 && rv32_must_leave(c) && !shrink_in_place(c, info))
		return site_leave(c, info, JIT_WHY_DEVICE);
	c->slice_cyc = c->slice_insns = 0;
	return (struct rv32_jit_ret){ 0, 0 };
}

/* Every device register load of compiled code comes here (a device
 * access costs a C call at least): the device TLB hit that does not
 * fault goes straight through; the rest takes load_full. */
struct rv32_jit_ret rv32_jit_load(struct rv32_core *c, uint32_t addr, uint64_t info)
{
	unsigned size = JIT_INFO_SIZE(info);
	const struct rv32_devtlb *e = rv32_dev_hit(c, addr, size);
	if (__builtin_expect(!e || JIT_INFO_SIGN(info), 0))
		return load_full(c, addr, info);
	site_sync(c, info);
	uint64_t v = 0;
	enum bus_status st = e->ops->read(e->opaque, addr - e->base, size, &v, rv32_now(c));
	if (__builtin_expect(st != BUS_OK, 0)) { /* the device refused: the access fault */
		rv32_dev_fault(c, st, addr, size, ACC_R, CAUSE_LOAD_ACCESS);
		return site_leave(c, info, JIT_WHY_TRAP);
	}
	unsigned rd = JIT_INFO_RD(info);
	if (rd)
		c->x[rd] = (uint32_t)v;
	if (rv32_must_leave(c) && !shrink_in_place(c, info))
		return site_leave(c, info, JIT_WHY_DEVICE);
	c->slice_cyc = c->slice_insns = 0;
	return (struct rv32_jit_ret){ 0, 0 };
}

struct rv32_jit_ret rv32_jit_store(struct rv32_core *c, uint32_t addr, uint64_t info, uint32_t val)
{
	site_sync(c, info);
	unsigned size = JIT_INFO_SIZE(info);
	const struct rv32_devtlb *e = rv32_dev_hit(c, addr, size);
	int r = e ? rv32_dev_store(c, e, addr, size, val) : rv32_store_slow(c, addr, size, val);
	if (r < 0)
		return site_leave(c, info, JIT_WHY_TRAP);
	if (r > 0 && rv32_must_leave(c) && !shrink_in_place(c, info))
		return site_leave(c, info, JIT_WHY_DEVICE);
	if (c->jit->flush_pending) /* it wrote compiled code, maybe this block's */
		return site_leave(c, info, JIT_WHY_FLUSH);
	c->slice_cyc = c->slice_insns = 0;
	return (struct rv32_jit_ret){ 0, 0 };
}

/* A CSR instruction (desc: op, rd, rs1, csr).  It goes on unless it
 * trapped, changed what the run loop looks at (an interrupt enabled,
 * say) or wrote PMP (compiled code assumes fetches need no check).
 * mret and wfi (desc: the op alone) come here too, as the interpreter
 * runs them: wfi always leaves, mret when the run loop has something to
 * do (it takes what is pending). */
struct rv32_jit_ret rv32_jit_csr(struct rv32_core *c, uint32_t desc, uint64_t info)
{
	site_sync(c, info);
	switch (JIT_CSR_OP(desc)) {
	case RV32_OP_MRET: /* the last instruction of its block: leaves at mepc */
		if (c->priv != PRV_M) {
			rv32_trap(c, CAUSE_ILLEGAL, 0x30200073u);
			return site_leave(c, info, JIT_WHY_TRAP);
		}
		rv32_mret(c);
		if (c->priv == PRV_M && !rv32_must_leave(c)) {
			/* nothing for the run loop: compiled code goes on at
			 * c->pc (mepc), as after an indirect jump */
			c->slice_cyc = c->slice_insns = 0;
			return (struct rv32_jit_ret){ 0, 0 };
		}
		c->jit_budget += JIT_INFO_AFTER_CYC(info); /* none: it ends the block */
		c->jit_ninsn -= JIT_INFO_AFTER_N(info);
		c->jit_why = JIT_WHY_DEVICE;
		c->slice_cyc = c->slice_insns = 0;
		return (struct rv32_jit_ret){ 0, 1 };
	case RV32_OP_WFI: /* the last of its block too */
		if (c->priv != PRV_M && (c->mstatus & MSTATUS_TW)) {
			rv32_trap(c, CAUSE_ILLEGAL, 0x10500073u);
			return site_leave(c, info, JIT_WHY_TRAP);
		}
		if (!(c->mip & c->mie))
			c->state = CPU_STATE_WFI;
		return site_leave(c, info, JIT_WHY_DEVICE);
	}
	unsigned csr = JIT_CSR_NUM(desc);
	if (rv32_csr_insn(c, JIT_CSR_OP(desc), JIT_CSR_RD(desc), JIT_CSR_RS1(desc), csr) < 0)
		return site_leave(c, info, JIT_WHY_TRAP);
	if (rv32_must_leave(c) || (csr >= 0x3a0 && csr <= 0x3bf))
		return site_leave(c, info, JIT_WHY_DEVICE);
	c->slice_cyc = c->slice_insns = 0;
	return (struct rv32_jit_ret){ 0, 0 };
}

/* ---- the dispatcher ---- */

/* Commits a run of compiled code as the interpreter commits its own:
 * time, instructions retired (a trapping one is charged, not retired).
 * Returns the cycles used. */
static uint64_t commit(struct rv32_core *c)
{
	uint64_t used = c->jit_lim - c->jit_budget;
	uint64_t n = (c->uniform ? used : c->jit_ninsn) - (c->jit_trapped ? 1 : 0);
	c->time += used * c->period;
	c->instret += n;
	c->slice_cyc = c->slice_insns = 0;
	return used;
}

static bool usable(const struct rv32_core *c)
{
	/* compiled code assumes M mode fetches need no PMP check */
	return c->priv == PRV_M && !c->pmp_any_locked;
}

void rv32_jit_run(struct rv32_core *c, uint64_t lim)
{
	struct rv32_jit *j = c->jit;
	bool left;
	while (lim > 0) {
		if (j->flush_pending)
			reset(j);
		if (!usable(c)) {
			rv32_interp(c, lim, &left);
			return;
		}
		uint32_t pc = c->pc;
		struct rv32_jit_ent *e = ent(j, pc);
		if (e->key != JIT_KEY(pc)) {
			/* how many cycles run it in the interpreter: its first
			 * instructions are enough (decoding is not free, and most
			 * blocks seen once are never seen again) */
			struct rv32_jit_insn ins[JIT_NEED_SCAN];
			unsigned n = scan(c, pc, ins, JIT_NEED_SCAN);
			*e = (struct rv32_jit_ent){ .key = JIT_KEY(pc), .need = n ? need_of(c, ins, n) : 1,
						    .code = (const void *)j->miss };
		}
		if (e->code == (const void *)j->miss) {
			const void *code = NULL;
			if (e->hits >= j->hot && e->hits != JIT_NEVER) {
				struct rv32_jit_insn ins[JIT_MAX_INSNS];
				unsigned n = scan(c, pc, ins, JIT_MAX_INSNS);
				if (n)
					code = compile(c, pc, ins, n);
				e = ent(j, pc); /* a reset in compile cleared the table */
				if (code)
					*e = (struct rv32_jit_ent){ .key = JIT_KEY(pc), .code = code };
				else if (e->key == JIT_KEY(pc))
					e->hits = JIT_NEVER; /* a system instruction: interpreted for good */
			}
			if (!code) {
				if (e->key == JIT_KEY(pc) && e->hits < JIT_NEVER - 1)
					e->hits++;
				uint64_t want = e->key == JIT_KEY(pc) ? e->need : 1;
				uint64_t used = rv32_interp(c, want < lim ? want : lim, &left);
				lim = used < lim ? lim - used : 0;
				if (left)
					return;
				continue;
			}
		}
		c->jit_budget = c->jit_lim = lim;
		c->jit_ninsn = 0;
		c->jit_trapped = false;
		c->jit_why = 0;
		uint32_t gen = j->gen;
		int why = ((rv32_jit_enter_fn)j->enter)(c, e->code);
		uint64_t used = commit(c);
		/* jit_lim, not lim: a device access may have shrunk the budget */
		lim = used < c->jit_lim ? c->jit_lim - used : 0;
		switch (why) {
		case JIT_EXIT_BUDGET:
			/* the last instructions that start in the slice; with
			 * no cycle left the interpreter would only look up the
			 * page of c->pc, a compiled block's (it cannot fault:
			 * compiled code runs in M mode with no locked PMP
			 * entry) */
			if (lim)
				rv32_interp(c, lim, &left);
			return;
		case JIT_EXIT_CHAIN: {
			/* link the jump when its target is compiled (now or
			 * once it is hot) */
			struct rv32_jit_ent *t = ent(j, c->pc);
			if (!j->flush_pending && t->key == JIT_KEY(c->pc) && t->code != (const void *)j->miss &&
			    gen == j->gen)
				patch(j, c->jit_patch, t->code);
			break;
		}
		case JIT_EXIT_LOOKUP:
			break;
		default: /* JIT_EXIT_SLOW */
			if (c->jit_why != JIT_WHY_FLUSH)
				return; /* a device access or a trap: the caller looks around */
			break;
		}
	}
}
