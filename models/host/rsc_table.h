/* The firmware's resource table (ELF section ".resource_table"): layout,
 * validation and decoding.  Pure functions on a byte buffer: the same code
 * checks the table in the file, the host's cached copy and the copy in
 * device memory.
 *
 * rsc_table_parse() makes every check Linux makes (rproc_elf_find_table,
 * rproc_handle_resources and the per-type handlers) and closes the holes
 * Linux leaves: entry offsets that are negative as ints, unaligned, inside
 * the header or overlapping another entry; a vdev's fixed part read before
 * its size is known; names without a NUL; vring num not a power of two (or
 * above the virtio maximum) and align not a power of two; zero-length or
 * wrapping carveouts and trace buffers.  Vendor (128..512) and unknown
 * types are warned about and skipped, as Linux does without a vendor
 * handler.
 *
 * Every diagnostic names the entry, the field and its byte offset in the
 * table and, when the caller gives one, in the file. */
#ifndef RPSIM_RSC_TABLE_H
#define RPSIM_RSC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/diag.h"

enum rsc_type {
	RSC_CARVEOUT = 0,
	RSC_DEVMEM = 1,
	RSC_TRACE = 2,
	RSC_VDEV = 3,
	RSC_LAST = 4,
	RSC_VENDOR_START = 128,
	RSC_VENDOR_END = 512,
};

#define FW_RSC_ADDR_ANY 0xFFFFFFFFu
#define RSC_HDR_SIZE 16        /* ver, num, reserved[2] */
#define RSC_NAME_LEN 32
#define RSC_MEM_SIZE 56        /* carveout/devmem entry with its type word */
#define RSC_TRACE_SIZE 48
#define RSC_VDEV_FIXED 28      /* vdev entry up to its vrings, with type word */
#define RSC_VRING_SIZE 20
#define RSC_MAX_VRINGS 2       /* Linux supports two vrings per vdev */
#define RSC_MAX_ENTRIES 256    /* rpsim's limit: keeps hostile tables cheap */
#define RSC_VRING_NUM_MAX 32768 /* virtio's maximum queue size */

/* Field offsets inside an entry, counted from its type word (the entry
 * offset in the table), for the host's write-backs. */
enum {
	RSC_MEM_DA = 4, RSC_MEM_PA = 8, RSC_MEM_LEN = 12, RSC_MEM_FLAGS = 16,
	RSC_MEM_RESERVED = 20, RSC_MEM_NAME = 24,
	RSC_TRACE_DA = 4, RSC_TRACE_LEN = 8, RSC_TRACE_RESERVED = 12, RSC_TRACE_NAME = 16,
	RSC_VDEV_ID = 4, RSC_VDEV_NOTIFYID = 8, RSC_VDEV_DFEATURES = 12, RSC_VDEV_GFEATURES = 16,
	RSC_VDEV_CONFIG_LEN = 20, RSC_VDEV_STATUS = 24, RSC_VDEV_NUM_VRINGS = 25,
	RSC_VDEV_RESERVED = 26, RSC_VDEV_VRINGS = 28,
	/* inside one vring, counted from the vring's offset */
	RSC_VRING_DA = 0, RSC_VRING_ALIGN = 4, RSC_VRING_NUM = 8, RSC_VRING_NOTIFYID = 12,
	RSC_VRING_PA = 16,
};

#define VIRTIO_ID_NET 1
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RPMSG 7
#define VIRTIO_RPMSG_F_NS 0 /* feature bit: the remote announces channels */

struct rsc_vring {
	uint32_t offset; /* of this vring in the table */
	uint32_t da, align, num, notifyid, pa;
};

/* One decoded entry.  Which fields mean something depends on type. */
struct rsc_entry {
	unsigned index;  /* position in offset[] */
	uint32_t offset; /* of the type word in the table */
	uint32_t type;
	uint32_t size;   /* bytes the entry occupies, type word included; 4 if skipped */
	bool skipped;    /* vendor or unknown type: not handled */

	/* carveout, devmem (da pa len flags), trace (da len) */
	uint32_t da, pa, len, flags;
	char name[RSC_NAME_LEN]; /* NUL-terminated (checked) */

	/* vdev */
	uint32_t id, notifyid, dfeatures, gfeatures, config_len;
	uint8_t status, num_of_vrings;
	uint32_t config_offset; /* of the config space in the table */
	struct rsc_vring vring[RSC_MAX_VRINGS];
};

struct rsc_table {
	uint32_t ver, num;
	uint32_t size; /* bytes of the table */
	struct rsc_entry *entries; /* num of them, in offset[] order */
	unsigned nentries;
};

/* Validates and decodes size bytes.  file_offset is where the table lies in
 * the firmware file, for messages; pass a negative value when it is not
 * from a file (a copy in device memory).  Returns 0 when the table is
 * acceptable (warnings may have been added), -1 when the firmware must be
 * refused (every problem found is an error in d).  t is always left in a
 * state rsc_table_free accepts. */
int rsc_table_parse(const uint8_t *buf, size_t size, int64_t file_offset,
		    struct rsc_table *t, struct diag *d);
void rsc_table_free(struct rsc_table *t);

/* "carveout", "devmem", "trace", "vdev", "vendor", "unknown". */
const char *rsc_type_name(uint32_t type);
/* "rpmsg", "net", "console" or NULL for other virtio device ids. */
const char *rsc_virtio_id_name(uint32_t id);

/* Human-readable dump, one entry after another (for `rpsim inspect` and the
 * debugfs resource_table file).  indent prefixes every line. */
void rsc_table_print(const struct rsc_table *t, FILE *f, const char *indent);

/* The raw table bytes (size of them) as Linux's debugfs resource_table
 * prints them (rproc_rsc_table_show): "Entry 0 is of type carveout", one
 * field a line, whatever the fields hold; bounded by size where Linux
 * reads on, names bounded to 32 bytes, kernel pointers as zeros. */
void rsc_table_print_debugfs(const uint8_t *buf, size_t size, FILE *f);

/* Compares a table the remote may have rewritten (buf) with the cached
 * decoded one: the layout (types, offsets, num_of_vrings, config_len)
 * must not change after the host has parsed it, or the host would trust
 * sizes the remote chose after the checks.  Returns 0 if unchanged. */
int rsc_table_same_layout(const struct rsc_table *cached, const uint8_t *buf, size_t size,
			  struct diag *d);

/* Stores a 32-bit field of a validated table (off from rsc_entry/rsc_vring
 * plus one of the RSC_* field offsets).  A store outside the table is a
 * simulator bug and asserts. */
void rsc_table_store32(uint8_t *buf, size_t size, uint32_t off, uint32_t val);

#endif
