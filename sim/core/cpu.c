#include "sim/core/cpu.h"

#include <string.h>

int cpu_isa_reg_by_name(const struct cpu_isa *isa, const char *name)
{
	for (unsigned i = 0; i < isa->nregs; i++)
		if (isa->regs[i].name && strcmp(isa->regs[i].name, name) == 0)
			return (int)i;
	return -1;
}
