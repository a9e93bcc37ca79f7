/* The board described with a device tree, as Linux reads it: a .dts
 * (compiled with dtc, whose own line:column errors are relayed) or a .dtb
 * read with libfdt, turned into the same platform description a JSON
 * scenario gives (platform_desc.h), so everything after it is shared.
 *
 * What is read (doc/device-tree.md has every property with its Linux
 * binding): /memory (DRAM), /reserved-memory (static regions by name and
 * phandle; a shared-dma-pool with linux,cma-default is the carveout
 * pool), the remoteproc nodes (compatible: one per core of the ISA
 * registry, "rpsim,<isa name>", and the seed's generic "remoteproc-dsp";
 * reg + reg-names, memory-region, mboxes + mbox-names, firmware-name or
 * the seed's firmware, interrupts, status, clock-frequency, ranges and
 * dma-ranges for da <-> pa, resets), the mailbox and sysctl nodes they
 * point at, and their children in the remote's address space (the
 * devices of the device table: "rpsim,<device name>").  Unknown nodes
 * and properties are ignored, as Linux ignores what no driver binds.
 *
 * The blob is untrusted: fdt_check_full() before anything is read, every
 * property's length checked, every string printed escaped.  Every
 * problem is one message "FILE: /node/path: what is wrong and what to
 * do", all of them; the caller exits 2. */
#ifndef RPSIM_PLATFORM_DT_H
#define RPSIM_PLATFORM_DT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/core/cpu.h"
#include "sim/core/diag.h"
#include "sim/platform/platform_desc.h"

/* The largest device tree file read (source or blob). */
#define DT_FILE_MAX (4u << 20)
/* The seed's generic remote: rpsim's default core (ISA_DEFAULT). */
#define DT_COMPAT_GENERIC "remoteproc-dsp"

/* Reads path (a .dtb by its magic number, else device-tree source given
 * to dtc) into *out.  0, or -1 with every problem in d (out then holds
 * what was read; free its strings with platform_desc_free_strings). */
int dt_load_file(const char *path, struct platform_desc *out, struct diag *d);
/* The same from a blob in memory; `file` names it in messages. */
int dt_read_blob(const void *blob, size_t size, const char *file, struct platform_desc *out,
		 struct diag *d);
/* Compiles device-tree source with dtc: a malloc'd blob and its size, or
 * NULL with dtc's messages in d ("FILE:LINE:COL: ..."); warnings go to d
 * too on success. */
void *dt_compile(const char *path, size_t *size, struct diag *d);
/* Rewrites one line of dtc's stderr into rpsim's form: dtc's positions
 * "FILE:L.C-..." become "FILE:L:C:"; control bytes are escaped. */
void dt_dtc_line(const char *line, char *out, size_t len);

/* The compatible of a core of the ISA registry: "rpsim,<name>". */
const char *dt_isa_compatible(const struct cpu_isa *isa, char *buf, size_t len);
/* Every remoteproc compatible rpsim knows, for messages: "a, b or c". */
const char *dt_known_compatibles(char *buf, size_t len);

/* Writes the device-tree source of a platform description (rpsim dts):
 * reading it back gives the same description.  0, or -1 with a message
 * in d when the description cannot be written (a name that is not a
 * valid node name). */
int dt_write(FILE *f, const struct platform_desc *p, const char *title, struct diag *d);

#endif
