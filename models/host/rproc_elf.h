/* Firmware ELF images as the host's remoteproc loader sees them.
 *
 * rproc_elf_open() makes every check Linux's rproc_elf_sanity_check() and
 * rproc_elf_load_segments() make that needs only the file (size, magic,
 * class, data encoding, program and section header bounds, e_phnum,
 * p_filesz <= p_memsz, segment data inside the file), plus what Linux
 * leaves out: e_machine against the core, section header entry sizes, the
 * section name string table and every name in it; a resource table section
 * outside the loaded segments (or loaded away from its sh_addr) is warned
 * about, since Linux boots it.  The file checks are the shared
 * ELF reader's (sim/core/elf.h); the resource table's are here.
 *
 * Whether a segment's device addresses translate depends on the platform's
 * memory map and the carveouts; that is the loader's business
 * (rproc_mem.h), not this file's. */
#ifndef RPSIM_RPROC_ELF_H
#define RPSIM_RPROC_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/diag.h"
#include "sim/core/elf.h"

#define RPROC_EM_RISCV 243 /* EM_RISCV: the default expected machine */

/* One PT_LOAD segment with p_memsz != 0 (Linux skips empty ones). */
struct rproc_elf_seg {
	unsigned index;  /* program header index */
	uint64_t hdr_offset; /* of the program header in the file */
	uint64_t offset; /* p_offset: file data */
	uint64_t da;     /* p_paddr: where the remote sees it */
	uint64_t vaddr;  /* p_vaddr, for display */
	uint64_t filesz; /* bytes copied from the file */
	uint64_t memsz;  /* bytes in memory; memsz - filesz are zeroed */
	uint32_t flags;  /* PF_X 1, PF_W 2, PF_R 4 */
};

struct rproc_elf {
	struct elf_image *img; /* the shared reader's image (owned) */
	uint8_t *data; /* the image's copy of the file */
	size_t size;
	unsigned elf_class; /* 32 or 64 */
	uint16_t type;      /* e_type */
	uint16_t machine;   /* e_machine */
	uint64_t entry;     /* e_entry: boot address */
	unsigned phnum, shnum;

	struct rproc_elf_seg *segs;
	unsigned nsegs;

	/* The first section named ".resource_table", if any. */
	bool has_rsc;
	unsigned rsc_index;   /* section header index */
	uint64_t rsc_offset;  /* sh_offset: inside the file (checked) */
	uint64_t rsc_size;    /* sh_size */
	uint64_t rsc_da;      /* sh_addr: where the loaded copy lives */
};

/* Checks and parses an image.  expected_machine 0 accepts any e_machine.
 * Returns the image, or NULL when the firmware must be refused (out of
 * memory included); every problem found is added to d (errors, and
 * warnings about suspicious but loadable images).  data is copied. */
struct rproc_elf *rproc_elf_open(const uint8_t *data, size_t size,
				 uint16_t expected_machine, struct diag *d);
void rproc_elf_free(struct rproc_elf *elf);

/* File bytes of a segment (filesz of them) and of the resource table. */
const uint8_t *rproc_elf_seg_data(const struct rproc_elf *elf, const struct rproc_elf_seg *seg);
const uint8_t *rproc_elf_rsc_data(const struct rproc_elf *elf);

/* "RISC-V", "ARM", ... or NULL when unknown. */
const char *rproc_elf_machine_name(uint16_t machine);
/* "RWX"-style flags into buf (at least 4 bytes); returns buf. */
char *rproc_elf_flags_str(uint32_t flags, char *buf);

#endif
