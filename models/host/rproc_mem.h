/* The remote's memory as the host's remoteproc sees it.
 *
 * - A memory map for device-address (da) to physical-address (pa)
 *   translation, Linux's rproc_da_to_va: the memories the platform declares
 *   (a TCM the remote sees at da 0, SRAM; the platform driver's da_to_va,
 *   tried first), the named reserved-memory regions the platform driver
 *   registers (rproc_mem_entry_init / rproc_of_resm_mem_entry_init in
 *   stm32_rproc_prepare, imx_rproc_prepare), plus the carveouts as they
 *   are allocated.  A range translates only if it lies inside ONE memory,
 *   as in Linux, never across two that happen to be adjacent.
 * - A DRAM carveout pool: first fit, page-aligned, with free for unwinding
 *   a failed boot (Linux's CMA/dma_alloc for the rproc device).
 * - The split-virtqueue layout helpers (vring_size and where desc, avail
 *   and used start).
 *
 * Nothing here touches memory: the loader (rproc_load.h) writes through a
 * struct bus. */
#ifndef RPSIM_RPROC_MEM_H
#define RPSIM_RPROC_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RPROC_PAGE_SIZE 4096u
#define RPROC_MEM_NAME_LEN 32

static inline uint64_t rproc_page_align(uint64_t v)
{
	return (v + RPROC_PAGE_SIZE - 1) & ~(uint64_t)(RPROC_PAGE_SIZE - 1);
}

enum rproc_mem_kind {
	RPROC_MEM_PLATFORM, /* declared by the platform: TCM, SRAM */
	RPROC_MEM_CARVEOUT, /* allocated for a resource-table entry */
	RPROC_MEM_REGION,   /* a named reserved-memory region of the platform */
};

struct rproc_mem {
	char name[RPROC_MEM_NAME_LEN];
	uint64_t da, pa, size;
	enum rproc_mem_kind kind;
	/* registered by name only, never translated: a vdev's buffer pool
	 * (rproc_of_resm_mem_entry_init gives it no va) and the rsc-table
	 * region (the driver maps it for the table alone) */
	bool unmapped;
};

struct rproc_memmap {
	struct rproc_mem *mems; /* in the order added */
	unsigned n, cap;
	/* the remote reaches memory through an IOMMU (Linux: rproc->domain):
	 * a carveout at a fixed da is mapped there (rproc_alloc_carveout) */
	bool iommu;
};

void rproc_memmap_init(struct rproc_memmap *m);
void rproc_memmap_destroy(struct rproc_memmap *m);
/* Adds a memory.  Refuses (-1, message in err) a zero or wrapping size, a
 * da range overlapping another memory's (a region may lie inside a
 * platform memory: an rsc-table in a TCM), and out of memory. */
int rproc_memmap_add(struct rproc_memmap *m, const char *name, uint64_t da, uint64_t pa,
		     uint64_t size, enum rproc_mem_kind kind, char *err, size_t errlen);
/* Adds a named region (RPROC_MEM_REGION); an unmapped one is found by
 * name only and overlaps nothing.  -1 also for a second region of the
 * same name. */
int rproc_memmap_add_region(struct rproc_memmap *m, const char *name, uint64_t da, uint64_t pa,
			    uint64_t size, bool unmapped, char *err, size_t errlen);
/* Removes the last-added memory with this name; -1 if none. */
int rproc_memmap_remove(struct rproc_memmap *m, const char *name);
/* The memory holding all of [da, da+len) (len 0 is taken as 1), or NULL;
 * unmapped regions never match. */
const struct rproc_mem *rproc_memmap_find(const struct rproc_memmap *m, uint64_t da, uint64_t len);
/* pa of da if [da, da+len) translates; 0 on success, -1 otherwise. */
int rproc_memmap_da_to_pa(const struct rproc_memmap *m, uint64_t da, uint64_t len, uint64_t *pa);
/* The region registered under name (rproc_find_carveout_by_name over the
 * platform's regions), or NULL. */
const struct rproc_mem *rproc_memmap_region(const struct rproc_memmap *m, const char *name);
/* Writes "tcm [0x0, 0x40000), vdev0vring0 [...]" (truncated to fit). */
void rproc_memmap_describe(const struct rproc_memmap *m, char *buf, size_t len);

struct rproc_pool_block {
	uint64_t pa, size; /* size is page-aligned */
};

struct rproc_pool {
	uint64_t base, size;              /* the DRAM reserved for carveouts */
	struct rproc_pool_block *blocks;  /* allocated, sorted by pa */
	unsigned n, cap;
};

/* base and size are rounded inwards to whole pages. */
void rproc_pool_init(struct rproc_pool *p, uint64_t base, uint64_t size);
void rproc_pool_destroy(struct rproc_pool *p);
/* First fit of size bytes rounded up to pages, at the lowest free
 * page-aligned address.  0 and *pa set on success; -1 when size is 0 or
 * nothing fits. */
int rproc_pool_alloc(struct rproc_pool *p, uint64_t size, uint64_t *pa);
/* Reserves [pa, pa+size) rounded outwards to pages (a carveout the
 * firmware placed itself).  -1 if it leaves the pool or is taken. */
int rproc_pool_alloc_at(struct rproc_pool *p, uint64_t pa, uint64_t size);
/* Keeps the part of [pa, pa+size) inside the pool out of every
 * allocation for good: reserved memory (no-map) is not the kernel's to
 * hand out.  0, or -1 when that part is already taken. */
int rproc_pool_reserve(struct rproc_pool *p, uint64_t pa, uint64_t size);
/* Frees the block that starts at (or, for alloc_at, contains) pa. */
int rproc_pool_free(struct rproc_pool *p, uint64_t pa);
bool rproc_pool_contains(const struct rproc_pool *p, uint64_t pa, uint64_t size);
uint64_t rproc_pool_used(const struct rproc_pool *p);

/* Snapshots (sim/core/snap.h): the memories and the allocated blocks.
 * restore replaces what is there (every entry checked as add and
 * alloc_at check it); 0, or -1 with the message in the reader. */
struct snap_writer;
struct snap_reader;
int rproc_memmap_save(const struct rproc_memmap *m, struct snap_writer *w);
int rproc_memmap_restore(struct rproc_memmap *m, struct snap_reader *r);
int rproc_pool_save(const struct rproc_pool *p, struct snap_writer *w);
int rproc_pool_restore(struct rproc_pool *p, struct snap_reader *r);

/* Bytes of a split virtqueue of num entries whose used ring is aligned to
 * align: align_up(16 num + 2 (3 + num), align) + 6 + 8 num.  num and align
 * must be powers of two, num <= 32768; returns 0 otherwise. */
uint64_t rproc_vring_size(uint32_t num, uint32_t align);

struct rproc_vring_layout {
	uint64_t desc, avail, used; /* start of each part */
	uint64_t size;              /* rproc_vring_size */
	uint64_t alloc;             /* page-aligned size a carveout reserves */
};

/* Layout of a vring at base. -1 for a num/align rproc_vring_size refuses. */
int rproc_vring_layout(uint64_t base, uint32_t num, uint32_t align,
		       struct rproc_vring_layout *out);

#endif
