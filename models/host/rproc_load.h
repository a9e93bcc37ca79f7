/* The host's firmware load path, in Linux's boot order, as separate steps
 * a boot sequence calls one after the other and undoes in reverse when a
 * later step fails:
 *
 *   rproc_elf_open()          ELF sanity checks              (rproc_elf.h)
 *   rproc_image_parse_rsc()   cached copy of the table, checked
 *   rproc_image_handle_rsc()  carveouts from the platform's named regions
 *                             (rproc_find_carveout_by_name), else from the
 *                             DRAM pool (rproc_alloc_carveout: a fixed da
 *                             is kept but not honoured without an IOMMU),
 *                             FW_RSC_ADDR_ANY resolved and written back
 *                             into the cached table, vring carveouts
 *                             (page-aligned vring_size, a vdevNvringM
 *                             region first), vring notifyids rewritten
 *                             0,1 / 2,3..., trace buffers translated
 *      undo: rproc_image_release_rsc()
 *   rproc_image_load_segments() PT_LOAD through da->pa into the bus,
 *                             filesz copied, memsz - filesz zeroed
 *   rproc_image_load_table()  finds the loaded table (the rsc-table region
 *                             when the platform has one, else sh_addr
 *                             translated) and copies the cached table over it; from
 *                             then on the table in device memory is the
 *                             one that counts (table_pa).  A sh_addr that
 *                             does not translate leaves table_loaded false
 *                             and the cached table in use (a warning), as
 *                             Linux's rproc_start does
 *
 * rproc_load_firmware() runs all of them and unwinds on failure;
 * rproc_sandbox builds a bus with RAM for a platform description, so
 * `rpsim inspect` and the tests can run the whole path without a
 * simulation. */
#ifndef RPSIM_RPROC_LOAD_H
#define RPSIM_RPROC_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "models/host/rproc_elf.h"
#include "models/host/rproc_mem.h"
#include "models/host/rsc_table.h"
#include "sim/core/diag.h"

#define RPROC_PLAT_MAX_MEMS 8
#define RPROC_PLAT_MAX_REGIONS 16
#define RPROC_MAX_VDEVS 8
#define RPROC_MAX_TRACES 8

/* The remote's IOMMU, when it sits behind one (Linux: rproc->has_iommu,
 * and the domain rproc_enable_iommu attaches at boot).  The host maps into
 * it what the resource table asks for: devmem entries
 * (rproc_handle_devmem: da -> pa), and carveouts the firmware placed at a
 * fixed da (rproc_alloc_carveout: da -> the memory allocated), through
 * rproc_image_iommu_map().  Without one (present false), Linux refuses a
 * devmem entry (-EINVAL, the boot fails) and gives a fixed-da carveout
 * memory wherever it finds some, warning when that is not at da. */
struct rproc_iommu {
	bool present;
	/* Makes [da, da+len) of the remote's view reach [pa, pa+len) (the
	 * platform maps a window on the remote's bus); 0, or a negative errno
	 * with the reason in err (Linux's "failed to map devmem").  NULL: the
	 * host only records the mapping (rpsim inspect's sandbox). */
	int (*map)(void *ctx, uint64_t da, uint64_t pa, uint64_t len, uint32_t flags, char *err,
		   size_t errlen);
	void (*unmap)(void *ctx, uint64_t da, uint64_t len); /* NULL with map */
	void *ctx;
};

/* What a platform declares about its remote. */
struct rproc_platform {
	uint16_t machine; /* expected e_machine; 0 accepts any */
	struct {
		const char *name;
		uint64_t da, pa, size;
	} mems[RPROC_PLAT_MAX_MEMS];
	unsigned nmems;
	/* The reserved-memory regions of the remote's memory-region, by name,
	 * as its platform driver registers them before the resource table is
	 * handled (stm32_rproc_prepare, imx_rproc_prepare): "vdevNvringM"
	 * holds that vring, "vdevNbuffer" vdev N's rpmsg buffers, "rsc-table"
	 * the loaded resource table; any other name is a carveout the table
	 * may claim by name, and memory segments may be loaded into. */
	struct {
		const char *name;
		uint64_t da, pa, size;
	} regions[RPROC_PLAT_MAX_REGIONS];
	unsigned nregions;
	uint64_t dram_base, dram_size; /* the host's DRAM */
	uint64_t pool_base, pool_size; /* part of it reserved for carveouts */
	/* The remote is behind an IOMMU (Linux: rproc->has_iommu): devmem
	 * entries are mapped, and a carveout at a fixed da is mapped there
	 * instead of merely warned about (rproc_alloc_carveout). */
	struct rproc_iommu iommu;      /* present false: no IOMMU */
};

/* The rproc's memory map from its platform: the memories (kind PLATFORM)
 * then the regions (kind REGION; vdevNbuffer and rsc-table unmapped), and
 * the IOMMU flag.  0, or -1 with the problem in err. */
int rproc_memmap_add_platform(struct rproc_memmap *m, const struct rproc_platform *p, char *err,
			      size_t errlen);

/* rpsim's default platform (see doc/firmware-loading.md): RISC-V remote,
 * 256 KiB TCM at da 0 (pa 0x40000000), 256 MiB DRAM at 0x80000000 whose
 * upper 128 MiB (from 0x88000000) are the carveout pool.  The remote sees
 * DRAM carveouts at da == pa (no IOMMU). */
void rproc_platform_default(struct rproc_platform *p);

struct rproc_carveout {
	char name[RPROC_MEM_NAME_LEN]; /* as in the table, or "vdevNvringM" */
	uint32_t da;
	uint64_t pa, size;
	bool pooled;       /* allocated from the pool (else inside a platform memory) */
	bool region;       /* a registered region of this name serves it */
	bool iommu;        /* at a fixed da mapped by the IOMMU (img->mappings) */
	int rsc_index;     /* table entry it serves */
};

struct rproc_vdev_info {
	int rsc_index;
	uint32_t rsc_offset;
	uint32_t id, dfeatures;
	unsigned nvrings;
	struct {
		uint32_t da, align, num, notifyid;
		uint64_t pa;
		struct rproc_vring_layout layout; /* addresses are da */
	} vring[RSC_MAX_VRINGS];
};

/* One IOMMU mapping the host made (Linux's rproc->mappings), undone when
 * the resources are released. */
struct rproc_mapping {
	uint64_t da, pa, len;
	int rsc_index; /* the table entry it serves */
};

struct rproc_trace_info {
	char name[RSC_NAME_LEN];
	uint32_t da, len;
	uint64_t pa;    /* where it translated when handled (for inspect) */
	bool pa_valid;  /* false: reading it says "not available" */
};

struct rproc_image {
	struct rproc_elf *elf;         /* owned */
	struct rproc_memmap *map;      /* the rproc's, not owned */
	struct rproc_pool *pool;       /* not owned */
	const struct rproc_iommu *iommu; /* the platform's, NULL: none (rproc_image_set_iommu) */
	struct rproc_mapping *mappings; /* IOMMU mappings made, in order */
	unsigned nmappings;

	uint8_t *table;                /* cached copy, with the host's write-backs */
	size_t table_size;
	struct rsc_table rsc;

	struct rproc_carveout *carveouts;
	unsigned ncarveouts;
	struct rproc_vdev_info vdevs[RPROC_MAX_VDEVS];
	unsigned nvdevs;
	struct rproc_trace_info traces[RPROC_MAX_TRACES];
	unsigned ntraces;
	unsigned notifyids;            /* vring notifyids handed out */

	bool table_loaded;
	uint64_t table_pa;             /* the copy in device memory */
};

void rproc_image_init(struct rproc_image *img, struct rproc_elf *elf,
		      struct rproc_memmap *map, struct rproc_pool *pool);
/* Releases everything the steps took (carveouts included) and the ELF. */
void rproc_image_release(struct rproc_image *img);
/* The remote's IOMMU (NULL or !present: none); set before handling the
 * resources.  It must outlive the image. */
void rproc_image_set_iommu(struct rproc_image *img, const struct rproc_iommu *iommu);
/* Maps [da, da+len) to pa through the IOMMU and records it (undone by
 * rproc_image_release_rsc, in reverse order); what names the entry in
 * messages.  0, or -1 with the reason in d (no IOMMU, or the platform
 * refused).  For resource handlers: devmem here, fixed-da carveouts for
 * whoever places them behind an IOMMU. */
int rproc_image_iommu_map(struct rproc_image *img, const char *what, uint64_t da, uint64_t pa,
			  uint64_t len, uint32_t flags, int rsc_index, struct diag *d);

int rproc_image_parse_rsc(struct rproc_image *img, struct diag *d);
/* The same from table bytes found elsewhere (attach: the table in device
 * memory, get_loaded_rsc_table); file_offset < 0 when not from a file. */
int rproc_image_take_table(struct rproc_image *img, const uint8_t *buf, size_t size,
			   int64_t file_offset, struct diag *d);
int rproc_image_handle_rsc(struct rproc_image *img, struct diag *d);
void rproc_image_release_rsc(struct rproc_image *img);
int rproc_image_load_segments(struct rproc_image *img, struct bus *bus, struct diag *d);
int rproc_image_load_table(struct rproc_image *img, struct bus *bus, struct diag *d);
/* Where the loaded table lives: *pa and the bytes there (the rsc-table
 * region, else the table's size at its section's address); 0 with the
 * problem in d when it cannot be found. */
uint64_t rproc_image_loaded_table(const struct rproc_image *img, uint64_t *pa, struct diag *d);

/* A resource handler (Linux's rproc_handle_resource_t): 0, or -1 with
 * every problem in d (the caller unwinds).  pass orders the handlers:
 * rproc_image_handle_rsc runs every entry of pass 0 in table order, then
 * every entry of pass 1. */
#define RPROC_RSC_PASSES 2
struct rproc_rsc_handler {
	int (*handle)(struct rproc_image *img, const struct rsc_entry *e, struct diag *d);
	unsigned pass;
};

/* The handler table, indexed by resource type as Linux's
 * rproc_loading_handlers: carveout, devmem (mapped through the IOMMU;
 * refused without one), vdev, trace (pass 1).  NULL for a type nothing handles (vendor and
 * unknown types, which rproc_image_handle_rsc skips). */
const struct rproc_rsc_handler *rproc_rsc_handler(uint32_t type);

/* All steps.  On success returns 0 and img holds the loaded state
 * (release it with rproc_image_release); on failure returns -1, every
 * problem is in d and img holds nothing. */
int rproc_load_firmware(const uint8_t *data, size_t size, uint16_t machine,
			struct rproc_memmap *map, struct rproc_pool *pool, struct bus *bus,
			struct rproc_image *img, struct diag *d);

/* A bus with RAM behind every memory of a platform and its DRAM. */
struct rproc_sandbox {
	struct bus bus;
	struct ram *rams[RPROC_PLAT_MAX_MEMS + 1];
	unsigned nrams;
	struct rproc_memmap map;
	struct rproc_pool pool;
	uint16_t machine;
};

int rproc_sandbox_init(struct rproc_sandbox *s, const struct rproc_platform *p,
		       char *err, size_t errlen);
void rproc_sandbox_destroy(struct rproc_sandbox *s);

/* The full load path of an image against a fresh sandbox of the platform
 * (default platform when p is NULL; its IOMMU's map hook is not called,
 * the mappings are only recorded); 0 if the host would boot it. */
int rproc_load_check(const uint8_t *data, size_t size, const struct rproc_platform *p,
		     struct diag *d);

#endif
