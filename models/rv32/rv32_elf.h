/* A small loader for bare-metal RV32 ELF files (rpsim exec, benchmarks):
 * reads and checks the file, lists its loadable segments and finds the
 * HTIF symbols.  The remoteproc loader of the host model is separate. */
#ifndef RPSIM_RV32_ELF_H
#define RPSIM_RV32_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RV32_ELF_MAX_SEGS 32

struct rv32_elf_seg {
	uint32_t paddr;
	uint32_t memsz;
	uint32_t filesz;
	const uint8_t *data; /* filesz bytes inside the file image */
};

struct rv32_elf {
	uint8_t *image; /* the whole file */
	size_t size;
	uint16_t machine; /* e_machine: EM_RISCV, the only one accepted */
	uint32_t entry;
	unsigned nsegs;
	struct rv32_elf_seg seg[RV32_ELF_MAX_SEGS];
	bool has_tohost, has_fromhost;
	uint32_t tohost, fromhost;
	uint32_t tohost_size;
	/* riscv-arch-test signature area */
	bool has_signature;
	uint32_t begin_signature, end_signature;
};

/* Reads path. Returns 0, or -1 with a message in err naming the file and
 * what is wrong (not ELF, not 32-bit little-endian RISC-V, segment outside
 * the file, filesz > memsz, no loadable segment...). */
int rv32_elf_read(const char *path, struct rv32_elf *e, char *err, size_t errlen);
/* The same for a file image already in memory (copied). */
int rv32_elf_parse(const char *what, const void *buf, size_t size, struct rv32_elf *e,
		   char *err, size_t errlen);
void rv32_elf_free(struct rv32_elf *e);

#endif
