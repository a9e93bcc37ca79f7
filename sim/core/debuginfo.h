/* Source positions from a firmware's DWARF (libdw): which file and line
 * an address belongs to, for the viewer's source column, failure reports
 * ("on_upper+0x12 upper.c:13") and the GDB stub.  Function names come
 * from the ELF symbols (sim/core/elf.h: elf_symbol_at).
 *
 * The firmware is untrusted: libdw reads the debug sections of an image
 * the shared ELF reader has already checked, and every answer is
 * optional (no DWARF, a broken line table: no source position). */
#ifndef RPSIM_DEBUGINFO_H
#define RPSIM_DEBUGINFO_H

#include <stddef.h>
#include <stdint.h>

struct elf_image;
struct debuginfo;

/* Debug information of img (which must outlive it); NULL when the image
 * has none or libdw cannot read it. */
struct debuginfo *debuginfo_open(const struct elf_image *img);
void debuginfo_close(struct debuginfo *di);

/* The source line holding addr: 0 with *file (valid until close) and
 * *line, or -1 when unknown. */
int debuginfo_line(struct debuginfo *di, uint64_t addr, const char **file, unsigned *line);

/* "func+0x12 file.c:13", "func+0x12", "file.c:13" or "0x00001234" into
 * buf, with the file's base name; img and di may be NULL. Returns buf. */
char *debuginfo_where(const struct elf_image *img, struct debuginfo *di, uint64_t addr,
		      char *buf, size_t cap);

#endif
