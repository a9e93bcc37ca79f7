#include "sim/platform/isa.h"

#include <stdio.h>
#include <string.h>

#include "models/armv7m/armv7m.h"
#include "models/rv32/rv32.h"

/* One line per ISA model. */
static const struct cpu_isa *const isas[] = {
	&rv32_isa,
	&armv7m_isa,
};

#define NISAS (sizeof(isas) / sizeof(isas[0]))

unsigned isa_count(void)
{
	return NISAS;
}

const struct cpu_isa *isa_list(unsigned i)
{
	return i < NISAS ? isas[i] : NULL;
}

const struct cpu_isa *isa_find(const char *name)
{
	for (unsigned i = 0; name && i < NISAS; i++)
		if (strcmp(isas[i]->name, name) == 0)
			return isas[i];
	return NULL;
}

const struct cpu_isa *isa_by_elf(uint16_t machine, unsigned elf_class)
{
	for (unsigned i = 0; i < NISAS; i++)
		if (isas[i]->elf_machine == machine && isas[i]->elf_class == elf_class)
			return isas[i];
	return NULL;
}

const char *isa_names(char *buf, size_t len)
{
	size_t n = 0;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < NISAS && n < len; i++) {
		int k = snprintf(buf + n, len - n, "%s%s", i ? ", " : "", isas[i]->name);
		if (k < 0)
			break;
		n += (size_t)k;
	}
	return buf;
}
