/* The one ELF reader: the host's remoteproc loader (models/host/rproc_elf),
 * `rpsim exec`'s bare machine and the viewer all read firmware through it.
 *
 * The file is untrusted.  elf_image_open() checks the identification and
 * every header field with overflow-safe arithmetic on the raw bytes BEFORE
 * libelf parses anything (so libelf only ever sees headers that lie inside
 * the buffer), then reads with libelf: the loadable segments (PT_LOAD with
 * p_memsz != 0, data inside the file, p_filesz <= p_memsz, inside the
 * core's address space), every section with its name (checked to be a
 * NUL-terminated string inside the name table) and the symbol table
 * (best effort: a broken symbol table drops symbols, never the image).
 * Every problem is reported in a struct diag naming the byte offset of the
 * field, all of them, not just the first; the caller adds what its own
 * use needs (the loader: the resource table section, Linux's rules). */
#ifndef RPSIM_ELF_H
#define RPSIM_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/diag.h"

#define ELF_EM_ARM 40
#define ELF_EM_RISCV 243

/* One PT_LOAD segment with p_memsz != 0 (Linux skips empty ones). */
struct elf_seg {
	unsigned index;      /* program header index */
	uint64_t hdr_offset; /* of the program header in the file */
	uint64_t offset;     /* p_offset: file data */
	uint64_t paddr;      /* p_paddr: where the remote sees it (its device address) */
	uint64_t vaddr;      /* p_vaddr */
	uint64_t filesz;     /* bytes copied from the file */
	uint64_t memsz;      /* bytes in memory; memsz - filesz are zeroed */
	uint32_t flags;      /* PF_X 1, PF_W 2, PF_R 4 */
};

struct elf_section {
	unsigned index;      /* section header index (>= 1) */
	uint64_t hdr_offset; /* of the section header in the file */
	const char *name;    /* inside the image's data */
	uint32_t type;       /* sh_type */
	uint64_t flags, addr, offset, size;
	bool in_file;        /* SHT_NOBITS, or [offset, offset+size) inside the file */
};

struct elf_sym {
	const char *name;    /* owned by the image */
	uint64_t value, size;
	uint8_t type;        /* STT_FUNC, STT_OBJECT, STT_NOTYPE */
};

struct elf_image {
	uint8_t *data;       /* private copy of the file */
	size_t size;
	unsigned elf_class;  /* 32 or 64 */
	uint16_t type;       /* e_type */
	uint16_t machine;    /* e_machine */
	uint64_t entry;      /* e_entry */
	unsigned phnum, shnum;
	struct elf_seg *segs;
	unsigned nsegs;
	struct elf_section *secs; /* in header order, the null section left out */
	unsigned nsecs;
	struct elf_sym *syms;     /* defined function, object and untyped symbols, by value */
	unsigned nsyms;
	char *symnames;           /* the names of syms */
};

struct elf_open_opts {
	uint16_t machine;    /* expected e_machine; 0 accepts any */
	const char *machine_what; /* how to name the expected machine ("the remote core") */
	uint64_t addr_limit; /* highest device address a segment may reach; 0: 2^32 - 1 */
	bool no_symbols;     /* skip the symbol table */
};

/* Checks and parses an image (copied).  Returns it, or NULL when it must
 * be refused (out of memory included); every problem is added to d:
 * errors, and warnings about suspicious but usable images.  opts may be
 * NULL. */
struct elf_image *elf_image_open(const uint8_t *data, size_t size,
				 const struct elf_open_opts *opts, struct diag *d);
void elf_image_free(struct elf_image *img);

/* File bytes of a segment (filesz of them) and of a section (NULL when it
 * has none in the file). */
const uint8_t *elf_seg_data(const struct elf_image *img, const struct elf_seg *seg);
const uint8_t *elf_section_data(const struct elf_image *img, const struct elf_section *sec);

/* The first section with that name, or NULL. */
const struct elf_section *elf_find_section(const struct elf_image *img, const char *name);
/* A symbol by name (the first in value order), or NULL. */
const struct elf_sym *elf_find_symbol(const struct elf_image *img, const char *name);
/* The symbol covering addr: within its size, or within 64 KiB after a
 * symbol without a size; *off is addr - symbol.  NULL if none. */
const struct elf_sym *elf_symbol_at(const struct elf_image *img, uint64_t addr, uint64_t *off);
/* Copies len bytes at device address addr from the loadable segments (as
 * remoteproc loads them: by p_paddr, memsz - filesz zeroed); bytes
 * outside every segment are 0 with valid[i] false (valid may be NULL).
 * Returns how many bytes were inside. */
size_t elf_read_loaded(const struct elf_image *img, uint64_t addr, uint8_t *buf, bool *valid,
		       size_t len);

/* "RISC-V", "ARM", ... or NULL when unknown. */
const char *elf_machine_name(uint16_t machine);
/* "RWX"-style segment flags into buf (at least 4 bytes); returns buf. */
char *elf_flags_str(uint32_t flags, char *buf);

#endif
