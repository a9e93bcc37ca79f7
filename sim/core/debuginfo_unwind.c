/* One frame up through the firmware's call frame information, with
 * libdw's CFI reader (dwarf_cfi_addrframe) and a small evaluator for the
 * expressions libdw expresses its rules in: CFA = register + offset, a
 * register saved at CFA + offset, kept in another register, or unchanged.
 * Anything else ends the backtrace rather than guessing. */
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/debuginfo.h"
#include "sim/core/debuginfo_internal.h"

static void load_cfi(struct debuginfo *di)
{
	if (di->cfi_tried)
		return;
	di->cfi_tried = true;
	di->cfi = dwarf_getcfi(di->dw);     /* .debug_frame: freed with dwarf_end */
	di->cfi_eh = dwarf_getcfi_elf(di->elf); /* .eh_frame: freed by debuginfo_close */
}

struct eval {
	const struct debuginfo_frame *f;
	uint64_t cfa;
	bool have_cfa;
	uint64_t mask;
};

/* Evaluates ops; *value: the result is the value, not its location.
 * 0, or -1 when an op is beyond this evaluator or needs an unknown
 * register. */
static int eval(const struct eval *e, const Dwarf_Op *ops, size_t nops, uint64_t *out, bool *value)
{
	uint64_t st[8];
	unsigned sp = 0;
	*value = false;
#define PUSH(v) do { if (sp == 8) return -1; st[sp++] = (v) & e->mask; } while (0)
	for (size_t i = 0; i < nops; i++) {
		const Dwarf_Op *op = &ops[i];
		uint8_t a = op->atom;
		if (a >= DW_OP_breg0 && a <= DW_OP_breg31) {
			unsigned r = a - DW_OP_breg0;
			if (r >= DEBUGINFO_NREGS || !(e->f->valid & (1u << r)))
				return -1;
			PUSH(e->f->regs[r] + op->number);
		} else if (a >= DW_OP_reg0 && a <= DW_OP_reg31) {
			unsigned r = a - DW_OP_reg0;
			if (r >= DEBUGINFO_NREGS || !(e->f->valid & (1u << r)))
				return -1;
			PUSH(e->f->regs[r]);
			*value = true;
		} else if (a >= DW_OP_lit0 && a <= DW_OP_lit31) {
			PUSH((uint64_t)(a - DW_OP_lit0));
		} else {
			switch (a) {
			case DW_OP_bregx:
				if (op->number >= DEBUGINFO_NREGS || !(e->f->valid & (1u << op->number)))
					return -1;
				PUSH(e->f->regs[op->number] + op->number2);
				break;
			case DW_OP_regx:
				if (op->number >= DEBUGINFO_NREGS || !(e->f->valid & (1u << op->number)))
					return -1;
				PUSH(e->f->regs[op->number]);
				*value = true;
				break;
			case DW_OP_call_frame_cfa:
				if (!e->have_cfa)
					return -1;
				PUSH(e->cfa);
				break;
			case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u: case DW_OP_const8u:
			case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s: case DW_OP_const8s:
			case DW_OP_constu: case DW_OP_consts:
				PUSH(op->number);
				break;
			case DW_OP_plus_uconst:
				if (!sp)
					return -1;
				st[sp - 1] = (st[sp - 1] + op->number) & e->mask;
				break;
			case DW_OP_plus:
			case DW_OP_minus:
				if (sp < 2)
					return -1;
				sp--;
				st[sp - 1] = (a == DW_OP_plus ? st[sp - 1] + st[sp] : st[sp - 1] - st[sp]) & e->mask;
				break;
			case DW_OP_stack_value:
				*value = true;
				break;
			default:
				return -1;
			}
		}
	}
#undef PUSH
	if (!sp)
		return -1;
	*out = st[sp - 1];
	return 0;
}

static int frame_at(struct debuginfo *di, uint64_t addr, Dwarf_Frame **fr)
{
	load_cfi(di);
	if (di->cfi && dwarf_cfi_addrframe(di->cfi, addr, fr) == 0)
		return 0;
	if (di->cfi_eh && dwarf_cfi_addrframe(di->cfi_eh, addr, fr) == 0)
		return 0;
	return -1;
}

static int read_word(debuginfo_read_fn read_mem, void *ctx, uint64_t addr, unsigned word,
		     uint64_t *out)
{
	uint8_t b[8] = { 0 };
	if (word > 8 || read_mem(ctx, addr, b, word) != 0)
		return -1;
	uint64_t v = 0;
	for (unsigned i = word; i > 0; i--)
		v = (v << 8) | b[i - 1]; /* the firmware is little-endian */
	*out = v;
	return 0;
}

int debuginfo_unwind(struct debuginfo *di, struct debuginfo_frame *f, unsigned sp_reg,
		     unsigned word, debuginfo_read_fn read_mem, void *ctx)
{
	if (!di || !f->pc || sp_reg >= DEBUGINFO_NREGS || word == 0 || word > 8)
		return -1;
	Dwarf_Frame *fr = NULL;
	if (frame_at(di, f->caller ? f->pc - 1 : f->pc, &fr) != 0)
		return -1;
	int ret = -1;
	struct eval e = { .f = f, .mask = word == 8 ? UINT64_MAX : (((uint64_t)1 << (8 * word)) - 1) };
	Dwarf_Addr start, end;
	bool signalp;
	int ra = dwarf_frame_info(fr, &start, &end, &signalp);
	Dwarf_Op *ops;
	size_t nops;
	bool is_value;
	if (ra < 0 || ra >= DEBUGINFO_NREGS || dwarf_frame_cfa(fr, &ops, &nops) != 0 ||
	    eval(&e, ops, nops, &e.cfa, &is_value) != 0)
		goto out;
	e.have_cfa = true;
	struct debuginfo_frame up = { .caller = true };
	for (unsigned r = 0; r < DEBUGINFO_NREGS; r++) {
		Dwarf_Op mem[3];
		int def = dwarf_frame_register(fr, (int)r, mem, &ops, &nops);
		if (def < 0)
			continue;
		if (nops == 0) {
			if (ops != NULL && (f->valid & (1u << r))) { /* same value */
				up.regs[r] = f->regs[r];
				up.valid |= 1u << r;
			}
			continue; /* undefined */
		}
		uint64_t v;
		if (eval(&e, ops, nops, &v, &is_value) != 0)
			continue;
		if (!is_value && read_word(read_mem, ctx, v, word, &v) != 0)
			continue;
		up.regs[r] = v;
		up.valid |= 1u << r;
	}
	/* the CFA is the caller's stack pointer */
	up.regs[sp_reg] = e.cfa;
	up.valid |= 1u << sp_reg;
	/* the outermost frame: no return address, 0, or one in the last 256
	 * bytes of the address space, where no code is (Cortex-M's LR at
	 * reset, 0xFFFFFFFF, and its EXC_RETURN values: an exception frame,
	 * which this unwinder does not follow) */
	uint64_t ret_addr = up.regs[ra] & e.mask;
	if (!(up.valid & (1u << ra)) || ret_addr == 0 || ret_addr > e.mask - 0x100)
		goto out;
	/* an Arm return address has the Thumb bit set; instructions are at
	 * least 2-aligned on every ISA modelled */
	up.pc = ret_addr & ~(uint64_t)1;
	/* no progress: the same pc on the same stack would loop */
	if (up.pc == f->pc && (f->valid & (1u << sp_reg)) && f->regs[sp_reg] == e.cfa)
		goto out;
	*f = up;
	ret = 0;
out:
	free(fr);
	return ret;
}
