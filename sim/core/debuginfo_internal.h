/* Shared by debuginfo.c (units, lines) and debuginfo_unwind.c (call
 * frames): the open debug information.  Not for other modules. */
#ifndef RPSIM_DEBUGINFO_INTERNAL_H
#define RPSIM_DEBUGINFO_INTERNAL_H

#include <elfutils/libdw.h>
#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An address range of one compile unit.  libdw's own address lookup
 * (dwarf_addrdie, through .debug_aranges) refuses the aranges GCC's
 * RISC-V toolchain writes, so the units' ranges are collected once here. */
struct cu_range {
	uint64_t lo, hi;   /* [lo, hi) */
	Dwarf_Off die;     /* the unit's DIE offset */
};

struct debuginfo {
	Elf *elf;
	Dwarf *dw;
	struct cu_range *r;
	size_t n, cap;
	/* call frame information: .debug_frame, then .eh_frame (libdw owns them) */
	Dwarf_CFI *cfi, *cfi_eh;
	bool cfi_tried;
};

#endif
