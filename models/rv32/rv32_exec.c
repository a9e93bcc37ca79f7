/* The interpreter loop: threaded dispatch (computed goto) over the
 * pre-decoded slots of a guest page.  Sequential flow steps to the next
 * slot, jumps within the page index the slot directly, and only page
 * changes look up the decode cache.  The pc is not kept while running:
 * it is the page base plus the slot index, materialised when a handler
 * needs it.
 *
 * Every slow thing (CSR access, trap, fence.i, WFI) leaves the loop with
 * c->pc set, so the caller can look at interrupts and the event queue
 * before going on: the loop itself only ever tests its cycle budget.  A
 * device access leaves only when it changed what the caller looks at
 * (rv32_must_leave: an event before the slice's end, an interrupt to
 * take, a stop or reset); otherwise leaving and coming straight back
 * would change nothing. */
#include <limits.h>
#include <stddef.h>

/* Each handler must end in its own indirect jump (one branch-predictor
 * entry per handler): keep GCC from merging the identical dispatch tails. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-crossjumping", "no-gcse")
#endif

#include "models/rv32/rv32_priv.h"
#include "sim/core/le.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* The uniform loop's meta byte is the slot stride in bytes (16 or 32, for
 * 2- and 4-byte instructions): stepping is one add. ninsn counts the
 * instructions that did not retire (traps). */
#define RV32_LOOP run_uniform
#define META(len, cost) ((uint8_t)((len) == 4 ? 2 * sizeof(struct rv32_slot) : sizeof(struct rv32_slot)))
#define ADV(m) (m)
#define STEP(sl, a) ((struct rv32_slot *)((char *)(sl) + (a)))
#define ILEN(a) ((a) / (sizeof(struct rv32_slot) / 2))
#define COST(m) 1
#define COUNT_INSN (void)0
#define NINSN (cyc - ninsn)
#define UNCOUNT (ninsn++)
#define UNCOUNT_PSEUDO (void)0
#include "models/rv32/rv32_loop.h"
#undef RV32_LOOP
#undef META
#undef ADV
#undef STEP
#undef ILEN
#undef COST
#undef COUNT_INSN
#undef NINSN
#undef UNCOUNT
#undef UNCOUNT_PSEUDO

/* meta: bit 7 set for 4-byte instructions, bits 6..0 the cycles */
#define RV32_LOOP run_costed
#define META(len, cost) ((uint8_t)(((len) == 4 ? 0x80 : 0) | (cost)))
#define ADV(m) (1 + ((m) >> 7))
#define STEP(sl, a) ((sl) + (a))
#define ILEN(a) ((a) * 2)
#define COST(m) ((m) & 0x7f)
#define COUNT_INSN (ninsn++)
#define NINSN ninsn
#define UNCOUNT (ninsn--)
#define UNCOUNT_PSEUDO (ninsn--)
#include "models/rv32/rv32_loop.h"

uint64_t rv32_interp(struct rv32_core *c, uint64_t cyc_lim, bool *left)
{
	if (c->uniform)
		return run_uniform(c, cyc_lim, NULL, left);
	return run_costed(c, cyc_lim, NULL, left);
}

void rv32_exec_run(struct rv32_core *c, uint64_t cyc_lim)
{
	bool left;
	if (c->jit && !c->stepping)
		rv32_jit_run(c, cyc_lim);
	else
		rv32_interp(c, cyc_lim, &left);
}

void rv32_exec_labels(bool uniform, const void *const **ops, const void **decode,
		      const void **page_end)
{
	if (uniform)
		run_uniform(NULL, 0, ops, NULL);
	else
		run_costed(NULL, 0, ops, NULL);
	*decode = (*ops)[RV32_NOPS];
	*page_end = (*ops)[RV32_NOPS + 1];
}
