/* Bus: an address map of regions, each either RAM (reached through a host
 * pointer) or a device (reached through a const ops table, QEMU
 * MemoryRegionOps-style).  One struct bus is one address space: the
 * physical map the host sees, or a core's device-address (da) view, where
 * the same RAM may appear at another address (a TCM at da 0).
 *
 * Rules: regions never overlap (bus_map_* refuses it with a message); a
 * device access must have a size within the device's [min_size, max_size],
 * a power of two, naturally aligned unless the device says otherwise; an
 * access nobody answers is BUS_UNMAPPED, which the initiator turns into an
 * access fault. The bus never aborts on a guest address. */
#ifndef RPSIM_BUS_H
#define RPSIM_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "devices/ram.h"
#include "sim/core/simtime.h"

enum bus_status {
	BUS_OK = 0,
	BUS_UNMAPPED,     /* no region at that address */
	BUS_BAD_SIZE,     /* access size the device does not support */
	BUS_MISALIGNED,   /* device access not aligned to its size */
	BUS_DEVICE_ERROR, /* the device refused (e.g. a read-only register written) */
};

const char *bus_status_name(enum bus_status st);

struct mmio_ops {
	const char *name;
	uint8_t min_size;   /* bytes: 1, 2, 4 or 8 */
	uint8_t max_size;
	bool unaligned_ok;
	/* offset is relative to the region base; t is the initiator's time */
	enum bus_status (*read)(void *opaque, uint64_t offset, unsigned size,
				uint64_t *val, sim_time_t t);
	enum bus_status (*write)(void *opaque, uint64_t offset, unsigned size,
				 uint64_t val, sim_time_t t);
};

#define BUS_NAME_LEN 32

struct bus_region {
	char name[BUS_NAME_LEN];
	uint64_t base;
	uint64_t size;
	/* exactly one of (ops) or (ram) is set */
	const struct mmio_ops *ops;
	void *opaque;
	struct ram *ram;
	uint64_t ram_offset; /* region base maps to ram->host + ram_offset */
};

#define BUS_TLB_SIZE 16 /* pages remembered by bus_find */

struct bus {
	const char *name;
	struct bus_region *regions; /* sorted by base */
	unsigned nregions;
	unsigned cap;
	unsigned last_hit;          /* index of the last region found */
	unsigned last_ram;          /* index of the last RAM region a block used */
	/* page number + 1 -> region index (0: empty); cleared when the map
	 * changes */
	struct {
		uint64_t page1;
		unsigned idx;
	} tlb[BUS_TLB_SIZE];
};

void bus_init(struct bus *bus, const char *name);
void bus_destroy(struct bus *bus);

/* Map a device or a window of a RAM. Return 0, or -1 with a message in err
 * naming both regions on overlap, or on a zero/wrapping size. */
int bus_map_device(struct bus *bus, const char *name, uint64_t base, uint64_t size,
		   const struct mmio_ops *ops, void *opaque, char *err, size_t errlen);
int bus_map_ram(struct bus *bus, const char *name, uint64_t base, struct ram *ram,
		uint64_t ram_offset, uint64_t size, char *err, size_t errlen);

/* Removes the region that starts at base (a window mapped and unmapped at
 * run time, such as an IOMMU mapping); -1 if none starts there.  Whoever
 * caches regions of the bus (a core's fast path) must not be using it:
 * cores drop their caches at reset. */
int bus_unmap(struct bus *bus, uint64_t base);

/* The region holding addr, or NULL.  A small cache of recent pages in
 * front of the search: an initiator going back and forth between RAM
 * and a few devices (a core's view) finds each in one test. */
const struct bus_region *bus_find(struct bus *bus, uint64_t addr);

/* A single access to a device region found with bus_find (what
 * bus_read/bus_write do after their lookup): the size and alignment
 * checks, then the device.  addr is the bus address. */
enum bus_status bus_region_read(const struct bus_region *r, uint64_t addr, unsigned size,
				uint64_t *val, sim_time_t t);
enum bus_status bus_region_write(const struct bus_region *r, uint64_t addr, unsigned size,
				 uint64_t val, sim_time_t t);

/* Host pointer for [addr, addr+len) if it lies inside one RAM region, else
 * NULL. Optionally returns the RAM and the offset in it. */
uint8_t *bus_ram_ptr(struct bus *bus, uint64_t addr, uint64_t len,
		     struct ram **ram, uint64_t *ram_off);

/* Single access of size 1, 2, 4 or 8 bytes, little-endian. RAM accepts any
 * alignment (the initiator enforces its own rules). */
enum bus_status bus_read(struct bus *bus, uint64_t addr, unsigned size,
			 uint64_t *val, sim_time_t t);
enum bus_status bus_write(struct bus *bus, uint64_t addr, unsigned size,
			  uint64_t val, sim_time_t t);

/* Block copies for loaders and the host's shared-memory accesses: RAM only
 * (may span adjacent RAM regions). BUS_UNMAPPED if any byte is not RAM;
 * then nothing was written. */
enum bus_status bus_read_block_slow(struct bus *bus, uint64_t addr, void *dst, uint64_t len);
enum bus_status bus_write_block_slow(struct bus *bus, uint64_t addr, const void *src,
				     uint64_t len);
enum bus_status bus_fill_block(struct bus *bus, uint64_t addr, uint8_t byte, uint64_t len);

/* The RAM region the last block access used, if [addr, addr + len) lies
 * in it (len > 0), else NULL.  The host model reads and writes vring
 * fields a few bytes at a time, between register accesses that move
 * bus_find's last hit to a device: this keeps its own. */
static inline const struct bus_region *bus_block_hit(const struct bus *bus, uint64_t addr,
						     uint64_t len)
{
	if (bus->nregions == 0)
		return NULL;
	const struct bus_region *r = &bus->regions[bus->last_ram];
	uint64_t off = addr - r->base;
	return r->ram && off < r->size && len - 1 < r->size - off ? r : NULL;
}

static inline enum bus_status bus_read_block(struct bus *bus, uint64_t addr, void *dst,
					     uint64_t len)
{
	const struct bus_region *r = bus_block_hit(bus, addr, len);
	if (!r)
		return bus_read_block_slow(bus, addr, dst, len);
	memcpy(dst, r->ram->host + r->ram_offset + (addr - r->base), (size_t)len);
	return BUS_OK;
}

static inline enum bus_status bus_write_block(struct bus *bus, uint64_t addr, const void *src,
					      uint64_t len)
{
	const struct bus_region *r = bus_block_hit(bus, addr, len);
	if (!r)
		return bus_write_block_slow(bus, addr, src, len);
	uint64_t roff = r->ram_offset + (addr - r->base);
	memcpy(r->ram->host + roff, src, (size_t)len);
	if (r->ram->nwatchers) /* decoded code may live there */
		ram_notify_write(r->ram, roff, len);
	return BUS_OK;
}

/* Whether some byte of ram appears at two addresses of the bus's view
 * (windows of one RAM side by side, as around the HTIF words, are no
 * alias). */
bool bus_ram_aliased(const struct bus *bus, const struct ram *ram);

/* Calls fn(ctx, lo, hi) for each bus address range [lo, hi) at which the
 * bytes [off, off + len) of ram appear: a RAM may be mapped at several
 * addresses (a core's decode cache invalidates them all). */
void bus_ram_views(const struct bus *bus, const struct ram *ram, uint64_t off, uint64_t len,
		   void (*fn)(void *ctx, uint64_t lo, uint64_t hi), void *ctx);

#endif
