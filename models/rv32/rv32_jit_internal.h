/* The RV32 JIT, inside the core: the code cache and its dispatcher
 * (rv32_jit.c) and the x86-64 code generator (rv32_jit_x86.c).  The
 * interpreter stays the reference: everything the JIT does not compile
 * (system instructions, atomics, U mode, locked PMP, single steps) and
 * every block that has not run often enough yet is interpreted, and a
 * compiled block computes exactly what the interpreter would, with the
 * same instruction counts, times and device-access times.  Not for
 * other modules. */
#ifndef RPSIM_RV32_JIT_INTERNAL_H
#define RPSIM_RV32_JIT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "models/rv32/rv32_priv.h"

/* The code generator exists for x86-64 hosts.  Elsewhere, or configured
 * with --disable-jit (which builds here what such a host gets), the
 * interpreter runs everything: rv32_jit_host_ok() is false. */
#if defined(__x86_64__) && !defined(RPSIM_NO_JIT)
#define RV32_JIT_X86 1
#endif

/* Why compiled code returned to the dispatcher (the return value of the
 * enter routine). */
enum rv32_jit_exit {
	JIT_EXIT_BUDGET = 1, /* the block at c->pc needs more cycles than are left */
	JIT_EXIT_CHAIN,      /* a direct jump to c->pc, not linked yet (c->jit_patch) */
	JIT_EXIT_LOOKUP,     /* an indirect jump to c->pc found no compiled block */
	JIT_EXIT_SLOW,       /* a slow memory access asked to leave (c->jit_why) */
};

/* What a slow memory access left for. */
enum rv32_jit_why {
	JIT_WHY_DEVICE = 1, /* a device access or CSR changed what the run loop looks at */
	JIT_WHY_TRAP,       /* it trapped: c->pc is the handler */
	JIT_WHY_FLUSH,      /* it wrote compiled code: flush, then go on */
};

/* One compiled-or-counted block start: looked up by the dispatcher and,
 * for indirect jumps, by the compiled code itself (key, then code).  The
 * table is zero pages until used: starting or flushing costs nothing. */
struct rv32_jit_ent {
	uint32_t key;  /* ~pc (never 0: pcs are even); 0: empty, as mapped */
	uint16_t hits; /* times the interpreter ran it; compiled at jit->hot */
	uint16_t need; /* cycles that run exactly its instructions in the interpreter */
	const void *code; /* the block, or the lookup-miss stub (never NULL when key is set) */
};

#define JIT_TAB_BITS 14
#define JIT_TAB_SIZE (1u << JIT_TAB_BITS)
#define JIT_KEY(pc) (~(uint32_t)(pc))
#define JIT_MAX_INSNS 64  /* per block */

/* guest 4 KiB page -> the 64-byte lines holding compiled code */
struct rv32_jit_cover {
	uint32_t page1; /* page number + 1; 0: empty */
	uint64_t lines;
};
#define JIT_COVER_SIZE 1024

struct rv32_jit {
	uint8_t *mem;        /* the code cache: read+execute, writable only while written */
	size_t size, used, start;
	/* routines at the start of the cache (rv32_jit_x86.c) */
	uintptr_t enter, exit, exit_slow, miss, thunk_load, thunk_store, thunk_csr;
	struct rv32_jit_ent *tab;
	struct rv32_jit_cover cover[JIT_COVER_SIZE];
	unsigned ncover;
	bool cover_full;     /* past JIT_COVER_SIZE pages: any code write flushes */
	bool flush_pending;  /* compiled code changed: reset the cache when outside it */
	uint32_t gen;        /* counts resets: a patch site of an older one is gone */
	unsigned hot;        /* interpreted runs of a block before it is compiled */
	int8_t pin[32];      /* host register holding each guest register, -1: memory */
	uint8_t *stage;      /* where a block is assembled before it is copied in */
	uint32_t stage_cap;
	uint64_t blocks, flushes; /* statistics */
};

/* A decoded instruction of a block. */
struct rv32_jit_insn {
	struct rv32_insn d;
	uint32_t pc;
};

/* rv32_jit.c: the helpers compiled code calls for slow loads and stores.
 * info packs the site: pc, access size, sign, what follows in the block
 * (cycles and instructions, for exact times), rd and the length. */
struct rv32_jit_ret {
	uint64_t val;    /* unused: the helper writes rd itself */
	uint64_t status; /* 0: go on; else leave (c->jit_why says why) */
};
struct rv32_jit_ret rv32_jit_load(struct rv32_core *c, uint32_t addr, uint64_t info);
struct rv32_jit_ret rv32_jit_store(struct rv32_core *c, uint32_t addr, uint64_t info, uint32_t val);
struct rv32_jit_ret rv32_jit_csr(struct rv32_core *c, uint32_t desc, uint64_t info);

/* a CSR instruction for rv32_jit_csr: op, rd, rs1 (or the immediate), csr */
#define JIT_CSR_DESC(op, rd, rs1, csr) \
	((uint32_t)(op) | (uint32_t)(rd) << 7 | (uint32_t)(rs1) << 12 | (uint32_t)(csr) << 17)
#define JIT_CSR_OP(d) ((unsigned)(d) & 0x7f)
#define JIT_CSR_RD(d) ((unsigned)((d) >> 7) & 31)
#define JIT_CSR_RS1(d) ((unsigned)((d) >> 12) & 31)
#define JIT_CSR_NUM(d) ((unsigned)((d) >> 17) & 0xfff)

#define JIT_INFO_PC(i) ((uint32_t)(i))
#define JIT_INFO_SIZE(i) (1u << (((i) >> 32) & 3))
#define JIT_INFO_SIGN(i) (((i) >> 34) & 1)
#define JIT_INFO_AFTER_CYC(i) (((i) >> 35) & 0x3fff)
#define JIT_INFO_AFTER_N(i) (((i) >> 49) & 0x7f)
#define JIT_INFO_RD(i) ((unsigned)((i) >> 56) & 31)
#define JIT_INFO_LEN(i) (((i) >> 61) & 1 ? 4u : 2u)
static inline uint64_t jit_info(uint32_t pc, unsigned size, bool sign, unsigned after_cyc,
				unsigned after_n, unsigned rd, unsigned len)
{
	unsigned lg = size == 4 ? 2 : size == 2 ? 1 : 0;
	return pc | (uint64_t)lg << 32 | (uint64_t)sign << 34 | (uint64_t)after_cyc << 35 |
	       (uint64_t)after_n << 49 | (uint64_t)rd << 56 | (uint64_t)(len == 4) << 61;
}

/* rv32_jit_x86.c: code generation, NULL-free on hosts other than x86-64
 * (rv32_jit_host_ok() is false there and the JIT is never made). */
bool rv32_jit_host_ok(void);
/* Assembles the shared routines at the start of j->stage for j->mem;
 * returns their length, or 0 if they do not fit. */
uint32_t rv32_jit_emit_routines(struct rv32_jit *j, struct rv32_core *c);
/* Assembles a block of n instructions into j->stage for the address
 * j->mem + j->used; returns its length, or 0 when it does not fit. */
uint32_t rv32_jit_emit_block(struct rv32_jit *j, struct rv32_core *c,
			     const struct rv32_jit_insn *ins, unsigned n);
/* Whether the JIT compiles op (the others end a block). */
bool rv32_jit_supports(unsigned op);
/* Whether op ends a block (jumps and branches). */
bool rv32_jit_ends_block(unsigned op);

typedef int (*rv32_jit_enter_fn)(struct rv32_core *c, const void *code);

#endif
