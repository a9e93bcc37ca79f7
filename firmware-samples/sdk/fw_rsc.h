/* Resource table (Linux include/linux/remoteproc.h layout) and a builder
 * for the usual remote firmware table: carveouts, a trace buffer and one
 * RPMsg virtio device with two vrings.
 *
 * The table is data in the ELF section ".resource_table"; the host reads
 * it from the file, fills in what it allocates (carveout and vring
 * addresses, notifyids, negotiated features, the device status) and copies
 * it into device memory where this firmware reads it.  So every field the
 * host may change must be read through a volatile pointer after boot.
 *
 * All structs are packed and use plain stdint types: the header compiles
 * natively too, for tests/unit/check_sdk_consistency.c. */
#ifndef FW_RSC_H
#define FW_RSC_H

#include <stddef.h>
#include <stdint.h>

#include "fw_trace.h" /* fw_trace_buf, which the standard table points at */

#define FW_RSC_ADDR_ANY 0xFFFFFFFFu

enum fw_rsc_type {
	FW_RSC_CARVEOUT = 0,
	FW_RSC_DEVMEM = 1,
	FW_RSC_TRACE = 2,
	FW_RSC_VDEV = 3,
};

#define FW_RSC_NAME_LEN 32
#define FW_VIRTIO_ID_RPMSG 7
#define FW_VIRTIO_RPMSG_F_NS 0 /* feature bit: name service */
/* transport feature bits Linux accepts when offered (vring_transport_features) */
#define FW_VIRTIO_RING_F_INDIRECT_DESC 28 /* accepted, never used by rpmsg */
#define FW_VIRTIO_RING_F_EVENT_IDX 29     /* used_event / avail_event (fw_vring.h) */

/* What the standard vdev offers the host: the name service.  A firmware
 * that wants event-idx notifications defines, before including fw.h,
 *   #define FW_VDEV_DFEATURES ((1u << FW_VIRTIO_RPMSG_F_NS) | (1u << FW_VIRTIO_RING_F_EVENT_IDX))
 * and the SDK follows whatever the host accepted (gfeatures). */
#ifndef FW_VDEV_DFEATURES
#define FW_VDEV_DFEATURES (1u << FW_VIRTIO_RPMSG_F_NS)
#endif

/* virtio device status bits (the byte in the vdev entry) */
#define FW_VIRTIO_S_ACKNOWLEDGE 1u
#define FW_VIRTIO_S_DRIVER 2u
#define FW_VIRTIO_S_DRIVER_OK 4u
#define FW_VIRTIO_S_FEATURES_OK 8u
#define FW_VIRTIO_S_NEEDS_RESET 0x40u
#define FW_VIRTIO_S_FAILED 0x80u

/* Default vring geometry: OpenAMP's (num 256, align 0x1000).  The host
 * allocates 2 x num buffers of 512 bytes for them. */
#define FW_VRING_NUM 256
#define FW_VRING_ALIGN 0x1000

struct fw_rsc_hdr {
	uint32_t ver; /* 1 */
	uint32_t num; /* entries; offset[num] follows */
	uint32_t reserved[2];
} __attribute__((packed));

struct fw_rsc_carveout {
	uint32_t type; /* FW_RSC_CARVEOUT */
	uint32_t da;   /* FW_RSC_ADDR_ANY: the host picks and writes it back */
	uint32_t pa;
	uint32_t len;
	uint32_t flags;
	uint32_t reserved;
	char name[FW_RSC_NAME_LEN];
} __attribute__((packed));

struct fw_rsc_trace {
	uint32_t type; /* FW_RSC_TRACE */
	uint32_t da;
	uint32_t len;
	uint32_t reserved;
	char name[FW_RSC_NAME_LEN];
} __attribute__((packed));

struct fw_rsc_vring {
	uint32_t da;       /* FW_RSC_ADDR_ANY until the host fills it in */
	uint32_t align;
	uint32_t num;      /* power of two */
	uint32_t notifyid; /* rewritten by Linux: vring0 = 0, vring1 = 1 */
	uint32_t pa;
} __attribute__((packed));

struct fw_rsc_vdev {
	uint32_t type; /* FW_RSC_VDEV */
	uint32_t id;   /* FW_VIRTIO_ID_RPMSG */
	uint32_t notifyid;
	uint32_t dfeatures; /* offered by this firmware */
	uint32_t gfeatures; /* accepted by the host */
	uint32_t config_len;
	uint8_t status; /* written by the host: DRIVER_OK when it is ready */
	uint8_t num_of_vrings;
	uint8_t reserved[2];
	struct fw_rsc_vring vring[];
} __attribute__((packed));

/* A vdev entry with its two vrings and no config space, as one member of
 * a table struct. */
struct fw_rsc_vdev_rpmsg {
	uint32_t type;
	uint32_t id;
	uint32_t notifyid;
	uint32_t dfeatures;
	uint32_t gfeatures;
	uint32_t config_len;
	uint8_t status;
	uint8_t num_of_vrings;
	uint8_t reserved[2];
	struct fw_rsc_vring vring[2];
} __attribute__((packed));

/* ---- builder: initialisers for a table struct's members ---- */

/* Puts the table into the section the host looks for; `used` keeps it
 * when nothing references it.  Never declare the table const: the host
 * writes into it, and a const object may be folded into the code. */
#define FW_RSC_TABLE_SECTION __attribute__((section(".resource_table"), used, aligned(8)))

#define FW_RSC_HDR(n) { .ver = 1, .num = (n), .reserved = { 0, 0 } }

#define FW_RSC_CARVEOUT_INIT(da_, len_, name_)                                         \
	{ .type = FW_RSC_CARVEOUT, .da = (da_), .pa = FW_RSC_ADDR_ANY, .len = (len_), \
	  .flags = 0, .reserved = 0, .name = name_ }

/* buf_: a char array in TCM (its da is its address). */
#define FW_RSC_TRACE_INIT(buf_, name_)                                           \
	{ .type = FW_RSC_TRACE, .da = (uint32_t)(uintptr_t)(buf_), .len = sizeof(buf_), \
	  .reserved = 0, .name = name_ }

/* Vring addresses: FW_RSC_ADDR_ANY lets the host allocate them (it writes
 * the address back before DRIVER_OK).  A firmware that needs them at
 * fixed places (rpmsg-lite style) defines FW_VRING0_DA / FW_VRING1_DA
 * to DRAM addresses before including fw.h. */
#ifndef FW_VRING0_DA
#define FW_VRING0_DA FW_RSC_ADDR_ANY
#endif
#ifndef FW_VRING1_DA
#define FW_VRING1_DA FW_RSC_ADDR_ANY
#endif

#define FW_RSC_VRING_INIT(da_, num_, align_, id_) \
	{ .da = (da_), .align = (align_), .num = (num_), .notifyid = (id_), .pa = 0 }

/* notifyid 2: away from the vring ids 0 and 1 Linux assigns (OpenAMP does
 * the same). */
#define FW_RSC_VDEV_RPMSG_INIT(num_, align_)                                             \
	{ .type = FW_RSC_VDEV, .id = FW_VIRTIO_ID_RPMSG, .notifyid = 2,                   \
	  .dfeatures = FW_VDEV_DFEATURES, .gfeatures = 0, .config_len = 0,                 \
	  .status = 0, .num_of_vrings = 2, .reserved = { 0, 0 },                           \
	  .vring = { FW_RSC_VRING_INIT(FW_VRING0_DA, num_, align_, 0),                      \
		    FW_RSC_VRING_INIT(FW_VRING1_DA, num_, align_, 1) } }

/* ---- the standard table: one carveout, the trace buffer, one vdev ---- */

#define FW_RSC_STD_ENTRIES 3
#define FW_RSC_STD_CARVEOUT_LEN 0x10000u /* 64 KiB of DRAM for the firmware */

struct fw_rsc_table_std {
	struct fw_rsc_hdr hdr;
	uint32_t offset[FW_RSC_STD_ENTRIES];
	struct fw_rsc_carveout carveout;
	struct fw_rsc_trace trace;
	struct fw_rsc_vdev_rpmsg vdev;
} __attribute__((packed));

/* The standard table's initialiser: a DRAM carveout "fw-dram" placed by
 * the host, the SDK's trace buffer fw_trace_buf (fw_trace.h) and an RPMsg
 * vdev with vrings of FW_VRING_NUM entries. */
#define FW_RSC_TABLE_STD_INIT                                                          \
	{                                                                              \
		.hdr = FW_RSC_HDR(FW_RSC_STD_ENTRIES),                                 \
		.offset = { offsetof(struct fw_rsc_table_std, carveout),               \
			    offsetof(struct fw_rsc_table_std, trace),                  \
			    offsetof(struct fw_rsc_table_std, vdev) },                 \
		.carveout = FW_RSC_CARVEOUT_INIT(FW_RSC_ADDR_ANY, FW_RSC_STD_CARVEOUT_LEN, \
						 "fw-dram"),                            \
		.trace = FW_RSC_TRACE_INIT(fw_trace_buf, "trace0"),                    \
		.vdev = FW_RSC_VDEV_RPMSG_INIT(FW_VRING_NUM, FW_VRING_ALIGN),          \
	}

/* Defines `name` as the firmware's resource table, the standard one. */
#define FW_RSC_TABLE_STD(name) \
	FW_RSC_TABLE_SECTION struct fw_rsc_table_std name = FW_RSC_TABLE_STD_INIT

/* ---- run-time lookup (the table as the host left it in TCM) ---- */

/* Entry `type` number `nth` (0 = first) of the `size`-byte table at
 * `table`; entries whose offset or body lies outside the table, or a bad
 * header, are not found.  NULL if absent. */
volatile void *fw_rsc_find(volatile void *table, uint32_t size, uint32_t type, unsigned nth);
/* The carveout named `name` (its da/pa are the host's choice when the
 * firmware asked for FW_RSC_ADDR_ANY); NULL if there is none. */
volatile struct fw_rsc_carveout *fw_rsc_carveout(volatile void *table, uint32_t size,
						 const char *name);

#endif
