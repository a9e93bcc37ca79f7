/* Internal to the device-tree reader: the parse context and the typed,
 * checked access to a libfdt blob it is built on (dt_fdt.c).  Every
 * getter names the node and the property in its message and returns 1
 * (stored), 0 (absent) or -1 (reported).  dt_read.c walks the tree and
 * reads the shared nodes (memory, reserved-memory, mailboxes, sysctls);
 * dt_remote.c reads the remoteproc nodes; both call only this file. */
#ifndef RPSIM_PLATFORM_DT_INTERNAL_H
#define RPSIM_PLATFORM_DT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/diag.h"
#include "sim/platform/platform_desc.h"

#define DT_PATH_MAX 200     /* node paths in messages (longer ones are cut) */
#define DT_MAX_REG 16       /* entries read from one reg/ranges property */
#define DT_MAX_NODES 100000 /* a bigger tree is refused */

struct dt {
	const void *fdt;
	const char *file;
	struct diag *d;
	unsigned errors;
	struct platform_desc *p;
	/* node offset of each region of p->regions, and whose mailbox /
	 * sysctl node each remote took (one remote per device node) */
	int region_node[PLATFORM_MAX_REGIONS];
	int mbox_node[PLATFORM_MAX_REMOTES];
	int sysctl_node[PLATFORM_MAX_REMOTES];
};

/* An (address, size) pair of a reg or a (child, parent, size) triple of
 * a ranges property, in the cells' full width. */
struct dt_range {
	uint64_t child, parent, size;
};

void dt_err(struct dt *t, int node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dt_warn(struct dt *t, int node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The node's full path ("/soc/rv0@40000000"), escaped, cut to fit. */
const char *dt_path(const struct dt *t, int node, char *buf, size_t len);
/* The node's name before '@' ("rv0"), escaped. */
const char *dt_base_name(const struct dt *t, int node, char *buf, size_t len);
/* s (n bytes, not necessarily NUL-terminated) with control and non-ASCII
 * bytes as \xNN, for messages. */
const char *dt_escape(const char *s, size_t n, char *buf, size_t len);

/* The parent's offset, or -1 for the root. */
int dt_parent(const struct dt *t, int node);
/* #address-cells / #size-cells a node gives its children (the spec's
 * defaults 2 and 1 when absent); -1 after reporting a bad value. */
int dt_addr_cells(struct dt *t, int node);
int dt_size_cells(struct dt *t, int node);

/* "okay"/"ok" or no status: the node is there (of_device_is_available). */
bool dt_available(const struct dt *t, int node);
/* Whether the compatible list holds s. */
bool dt_compatible(const struct dt *t, int node, const char *s);
/* The i-th string of a string-list property (escaped copy in buf), 1,
 * 0 when absent or shorter, -1 when it is not a list of NUL-terminated
 * strings. */
int dt_string(struct dt *t, int node, const char *prop, unsigned i, char *buf, size_t len);
/* One u32 cell (the property must be exactly 4 bytes). */
int dt_u32(struct dt *t, int node, const char *prop, uint32_t *out);
/* 1 or 2 cells (clock-frequency). */
int dt_u64(struct dt *t, int node, const char *prop, uint64_t *out);
/* The raw cells of a property: their count, 0 when absent, -1 when its
 * length is not a multiple of 4. */
int dt_cells(struct dt *t, int node, const char *prop, const uint32_t **cells);
/* A reg-style property of node: pairs of (#address-cells, #size-cells)
 * of its parent, at most max; the count, -1 after reporting. */
int dt_reg(struct dt *t, int node, const char *prop, struct dt_range *out, unsigned max);
/* A ranges-style property of node: (child = node's #address-cells,
 * parent = its parent's, size = node's #size-cells) triples; the count
 * (0: empty or absent, *present tells which), -1 after reporting. */
int dt_ranges(struct dt *t, int node, const char *prop, struct dt_range *out, unsigned max,
	      bool *present);
/* An address on node's parent bus (node's reg) translated to the root's
 * address space through every ancestor's ranges (of_translate_address);
 * 0, or -1 after reporting (`what` names the address in the message). */
int dt_translate(struct dt *t, int node, uint64_t addr, uint64_t size, const char *what,
		 uint64_t *out);
/* The node a phandle designates, or -1 after reporting (prop names where
 * it came from). */
int dt_phandle(struct dt *t, int node, const char *prop, uint32_t ph);
/* reg entry 0 of node, translated to a host address and checked to fit
 * in 32 bits: 0, or -1 after reporting. */
int dt_reg32(struct dt *t, int node, uint32_t *pa, uint32_t *size);

/* dt_remote.c: reads a remoteproc node into p->remotes[p->nremotes]
 * (the core already found by its compatible).  0 or -1. */
int dt_read_remote(struct dt *t, int node, const char *core);
/* dt_read.c: the mailbox and sysctl nodes a remote points at. */
int dt_read_mailbox(struct dt *t, int remote_node, int node, struct platform_remote_desc *r,
		    unsigned index);
int dt_read_sysctl(struct dt *t, int remote_node, int node, struct platform_remote_desc *r,
		   unsigned index);
/* The index of the region whose node is `node`, or -1. */
int dt_region_of(const struct dt *t, int node);

#endif
