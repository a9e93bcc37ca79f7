#include "sim/core/cpu.h"

#include <string.h>

int cpu_isa_reg_by_name(const struct cpu_isa *isa, const char *name)
{
	for (unsigned i = 0; i < isa->nregs; i++)
		if (isa->regs[i].name && strcmp(isa->regs[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool cpu_debug_break_at(const struct cpu_debug *dbg, uint64_t addr)
{
	for (unsigned i = 0; i < dbg->nbreaks; i++)
		if (dbg->breaks[i] == addr)
			return true;
	return false;
}

const struct cpu_watchpoint *cpu_debug_watch_hit(const struct cpu_debug *dbg, uint64_t addr,
						 uint64_t size, unsigned kind)
{
	for (unsigned i = 0; i < dbg->nwatches; i++) {
		const struct cpu_watchpoint *w = &dbg->watches[i];
		if (!(w->kind & kind))
			continue;
		/* [addr, addr + size) and [w->addr, w->addr + len) overlap;
		 * differences, not sums, so the top of the space cannot wrap */
		if (addr >= w->addr ? addr - w->addr < w->len : w->addr - addr < size)
			return w;
	}
	return NULL;
}
