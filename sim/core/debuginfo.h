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

#include <stdbool.h>
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

/* The same for a return address (a caller's frame): the symbol of addr,
 * the source line of the call before it. */
char *debuginfo_where_return(const struct elf_image *img, struct debuginfo *di, uint64_t addr,
			     char *buf, size_t cap);

/* ---- Unwinding through the call frame information (.debug_frame, or
 * .eh_frame), for backtraces in failure reports.
 *
 * A frame is a pc and the integer registers by DWARF number (for RISC-V
 * and Arm, the core interface's numbers of those registers), each valid
 * or not.  debuginfo_unwind() turns it into its caller's frame: the CFA
 * (the caller's stack pointer), the saved registers read through
 * read_mem, and the caller's pc from the return-address column.  It gives
 * up (-1) where the information does not say: no CFI for the pc
 * (assembly, libraries built without it), a rule beyond the simple forms
 * compilers emit, unreadable memory, an undefined return address (the
 * outermost frame). */
#define DEBUGINFO_NREGS 32

struct debuginfo_frame {
	uint64_t pc;
	uint64_t regs[DEBUGINFO_NREGS];
	uint32_t valid;        /* bit n: regs[n] is known */
	bool caller;           /* pc is a return address (look up pc - 1) */
};

typedef int (*debuginfo_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* 0 with f now the caller's frame, or -1 (f unchanged).  sp_reg is the
 * stack pointer's DWARF number, word the size of a saved register. */
int debuginfo_unwind(struct debuginfo *di, struct debuginfo_frame *f, unsigned sp_reg,
		     unsigned word, debuginfo_read_fn read_mem, void *ctx);

#endif
