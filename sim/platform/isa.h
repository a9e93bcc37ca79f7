/* The ISA registry: every core model the simulator has, found by the
 * scenario's "core" name or by a firmware ELF's machine.  A new ISA is one
 * line in isa.c.  Nothing else in the simulator needs to know which ISAs
 * exist: the platform, `rpsim exec` and the viewer go through here and the
 * core interface (sim/core/cpu.h). */
#ifndef RPSIM_PLATFORM_ISA_H
#define RPSIM_PLATFORM_ISA_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/cpu.h"

/* The ISA the platform uses when a scenario names none, and the viewer
 * when a trace does not say. */
#define ISA_DEFAULT "rv32imac"

/* By name (exact, as a scenario writes it); NULL if not modelled. */
const struct cpu_isa *isa_find(const char *name);
/* By ELF e_machine and class (32 or 64 bits); NULL if no model runs it. */
const struct cpu_isa *isa_by_elf(uint16_t machine, unsigned elf_class);
/* The known names, for error messages: "rv32imac" or "a, b". */
const char *isa_names(char *buf, size_t len);
/* All of them, in registry order: isa_list(i) for i < isa_count(). */
unsigned isa_count(void);
const struct cpu_isa *isa_list(unsigned i);

#endif
