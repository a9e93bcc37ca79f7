/* What the viewer takes from a firmware ELF: symbols (for disassembly and
 * addresses), source lines from its DWARF (libdw, sim/core/debuginfo.h)
 * and the loadable contents (the memory view of a trace that cannot be
 * re-executed). */
#ifndef RPSIM_VIEWER_ELF_H
#define RPSIM_VIEWER_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct viewer_elf;

/* Which firmware ELF to open: elf_opt (--elf) when given; else the
 * firmware the trace names (fw_path, "" if none), as written when it is
 * absolute, else relative to the trace's scenario directory (the folder
 * of scenario_path, "." when it has none), then to the current directory;
 * then the file's name alone in those two folders (a trace copied to
 * another machine with its scenario and firmware side by side).
 * Writes the first readable candidate to out and returns 0; -1 when none
 * is readable (out: the first candidate, for the warning). */
int viewer_elf_find(const char *elf_opt, const char *fw_path, const char *scenario_path, char *out,
		    size_t len);

/* NULL with a message in err when the file cannot be read as an RV32 ELF. */
struct viewer_elf *viewer_elf_open(const char *path, char *err, size_t errlen);

/* What a trace says about the firmware it ran (its identity record). */
struct viewer_elf_expect {
	uint64_t size, hash; /* bytes and FNV-1a 64 */
};

/* The same for a path taken from a trace, which is only a hint: the file
 * is used only if it is the one the trace was recorded with (same size
 * and hash); otherwise NULL with a message saying so. */
struct viewer_elf *viewer_elf_open_expect(const char *path, const struct viewer_elf_expect *x,
					  char *err, size_t errlen);
void viewer_elf_close(struct viewer_elf *e);

/* The symbol at or before addr (within its size, or within 64 KiB for
 * symbols without a size); NULL if none.  *off is addr - symbol. */
const char *viewer_elf_symbol(const struct viewer_elf *e, uint32_t addr, uint32_t *off);
/* Address of a symbol by name; 0 or -1. */
int viewer_elf_lookup(const struct viewer_elf *e, const char *name, uint32_t *addr);
/* The source line of addr: 0 with *file (its base name, valid until
 * close) and *line, -1 when unknown (no DWARF, not in a line table). */
int viewer_elf_line(const struct viewer_elf *e, uint32_t addr, const char **file, unsigned *line);
/* Copies len bytes at addr from the loadable segments (at their physical
 * address, as remoteproc loads them); bytes outside are 0 with valid[i]
 * false.  Returns how many bytes were inside. */
size_t viewer_elf_read(const struct viewer_elf *e, uint32_t addr, uint8_t *buf, bool *valid,
		       size_t len);

#endif
