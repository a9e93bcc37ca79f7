#include "devices/bus.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/le.h"

static const char *const status_names[] = {
	[BUS_OK] = "ok",
	[BUS_UNMAPPED] = "unmapped address",
	[BUS_BAD_SIZE] = "unsupported access size",
	[BUS_MISALIGNED] = "misaligned device access",
	[BUS_DEVICE_ERROR] = "device error",
};

const char *bus_status_name(enum bus_status st)
{
	return (unsigned)st < sizeof(status_names) / sizeof(status_names[0]) ? status_names[st] : "?";
}

void bus_init(struct bus *bus, const char *name)
{
	memset(bus, 0, sizeof(*bus));
	bus->name = name;
}

void bus_destroy(struct bus *bus)
{
	free(bus->regions);
	bus->regions = NULL;
	bus->nregions = bus->cap = 0;
}

static int insert(struct bus *bus, const struct bus_region *r, char *err, size_t errlen)
{
	if (r->size == 0 || r->base + r->size - 1 < r->base) {
		snprintf(err, errlen, "%s: region \"%s\" at 0x%" PRIx64 " has %s size 0x%" PRIx64,
			 bus->name, r->name, r->base, r->size == 0 ? "a zero" : "a wrapping", r->size);
		return -1;
	}
	unsigned pos = 0;
	while (pos < bus->nregions && bus->regions[pos].base < r->base)
		pos++;
	/* overlap with the neighbours on either side */
	for (unsigned k = (pos ? pos - 1 : 0); k < bus->nregions && k <= pos; k++) {
		const struct bus_region *o = &bus->regions[k];
		if (r->base <= o->base + (o->size - 1) && o->base <= r->base + (r->size - 1)) {
			snprintf(err, errlen,
				 "%s: region \"%s\" [0x%" PRIx64 ", 0x%" PRIx64 "] overlaps \"%s\" [0x%" PRIx64 ", 0x%" PRIx64 "]; "
				 "move one of them",
				 bus->name, r->name, r->base, r->base + r->size - 1, o->name, o->base,
				 o->base + o->size - 1);
			return -1;
		}
	}
	if (bus->nregions == bus->cap) {
		unsigned ncap = bus->cap ? bus->cap * 2 : 8;
		struct bus_region *n = realloc(bus->regions, ncap * sizeof(*n));
		if (!n) {
			snprintf(err, errlen, "%s: out of memory", bus->name);
			return -1;
		}
		bus->regions = n;
		bus->cap = ncap;
	}
	memmove(&bus->regions[pos + 1], &bus->regions[pos], (bus->nregions - pos) * sizeof(*r));
	bus->regions[pos] = *r;
	bus->nregions++;
	bus->last_hit = bus->last_ram = 0;
	memset(bus->tlb, 0, sizeof(bus->tlb)); /* indices moved */
	return 0;
}

int bus_map_device(struct bus *bus, const char *name, uint64_t base, uint64_t size,
		   const struct mmio_ops *ops, void *opaque, char *err, size_t errlen)
{
	struct bus_region r = { .base = base, .size = size, .ops = ops, .opaque = opaque };
	snprintf(r.name, sizeof(r.name), "%s", name);
	return insert(bus, &r, err, errlen);
}

int bus_map_ram(struct bus *bus, const char *name, uint64_t base, struct ram *ram,
		uint64_t ram_offset, uint64_t size, char *err, size_t errlen)
{
	if (!ram_contains(ram, ram_offset, size)) {
		snprintf(err, errlen, "%s: region \"%s\" (0x%" PRIx64 " bytes at offset 0x%" PRIx64
			 ") is larger than its RAM (0x%" PRIx64 " bytes)",
			 bus->name, name, size, ram_offset, ram->size);
		return -1;
	}
	struct bus_region r = { .base = base, .size = size, .ram = ram, .ram_offset = ram_offset };
	snprintf(r.name, sizeof(r.name), "%s", name);
	return insert(bus, &r, err, errlen);
}

int bus_unmap(struct bus *bus, uint64_t base)
{
	for (unsigned i = 0; i < bus->nregions; i++) {
		if (bus->regions[i].base == base) {
			memmove(&bus->regions[i], &bus->regions[i + 1],
				(bus->nregions - i - 1) * sizeof(bus->regions[0]));
			bus->nregions--;
			bus->last_hit = bus->last_ram = 0;
			memset(bus->tlb, 0, sizeof(bus->tlb)); /* indices moved */
			return 0;
		}
	}
	return -1;
}

static inline bool in_region(const struct bus_region *r, uint64_t addr)
{
	return addr - r->base < r->size;
}

const struct bus_region *bus_find(struct bus *bus, uint64_t addr)
{
	if (bus->nregions == 0)
		return NULL;
	if (in_region(&bus->regions[bus->last_hit], addr))
		return &bus->regions[bus->last_hit];
	uint64_t page = addr >> 12;
	unsigned slot = (unsigned)(page ^ (page >> 4) ^ (page >> 8)) & (BUS_TLB_SIZE - 1);
	if (bus->tlb[slot].page1 == page + 1) {
		/* a page may hold the ends of two regions: check */
		const struct bus_region *r = &bus->regions[bus->tlb[slot].idx];
		if (in_region(r, addr)) {
			bus->last_hit = bus->tlb[slot].idx;
			return r;
		}
	}
	unsigned lo = 0, hi = bus->nregions;
	while (lo < hi) { /* last region with base <= addr */
		unsigned mid = (lo + hi) / 2;
		if (bus->regions[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || !in_region(&bus->regions[lo - 1], addr))
		return NULL;
	bus->last_hit = lo - 1;
	bus->tlb[slot].page1 = page + 1;
	bus->tlb[slot].idx = lo - 1;
	return &bus->regions[lo - 1];
}

uint8_t *bus_ram_ptr(struct bus *bus, uint64_t addr, uint64_t len,
		     struct ram **ram, uint64_t *ram_off)
{
	const struct bus_region *r = bus_find(bus, addr);
	if (!r || !r->ram || len > r->size - (addr - r->base))
		return NULL;
	uint64_t off = r->ram_offset + (addr - r->base);
	if (ram)
		*ram = r->ram;
	if (ram_off)
		*ram_off = off;
	return r->ram->host + off;
}

static enum bus_status check_dev(const struct bus_region *r, uint64_t off, unsigned size)
{
	if (size < r->ops->min_size || size > r->ops->max_size || (size & (size - 1)))
		return BUS_BAD_SIZE;
	if (!r->ops->unaligned_ok && (off & (size - 1)))
		return BUS_MISALIGNED;
	return BUS_OK;
}

enum bus_status bus_region_read(const struct bus_region *r, uint64_t addr, unsigned size,
				uint64_t *val, sim_time_t t)
{
	uint64_t off = addr - r->base;
	*val = 0;
	if (size == 0 || size > 8 || (size & (size - 1)))
		return BUS_BAD_SIZE;
	if (size > r->size - off)
		return BUS_UNMAPPED;
	if (r->ram) {
		*val = le_load(r->ram->host + r->ram_offset + off, size);
		return BUS_OK;
	}
	enum bus_status st = check_dev(r, off, size);
	if (st != BUS_OK)
		return st;
	return r->ops->read ? r->ops->read(r->opaque, off, size, val, t) : BUS_DEVICE_ERROR;
}

enum bus_status bus_region_write(const struct bus_region *r, uint64_t addr, unsigned size,
				 uint64_t val, sim_time_t t)
{
	uint64_t off = addr - r->base;
	if (size == 0 || size > 8 || (size & (size - 1)))
		return BUS_BAD_SIZE;
	if (size > r->size - off)
		return BUS_UNMAPPED;
	if (r->ram) {
		uint64_t roff = r->ram_offset + off;
		le_store(r->ram->host + roff, size, val);
		ram_notify_write(r->ram, roff, size);
		return BUS_OK;
	}
	enum bus_status st = check_dev(r, off, size);
	if (st != BUS_OK)
		return st;
	return r->ops->write ? r->ops->write(r->opaque, off, size, val, t) : BUS_DEVICE_ERROR;
}

/* Finds the region for a single access: size must be 1, 2, 4 or 8 and the
 * access must not run past the end of the region. */
static enum bus_status lookup(struct bus *bus, uint64_t addr, unsigned size,
			      const struct bus_region **out)
{
	if (size == 0 || size > 8 || (size & (size - 1)))
		return BUS_BAD_SIZE;
	const struct bus_region *r = bus_find(bus, addr);
	if (!r || size > r->size - (addr - r->base))
		return BUS_UNMAPPED;
	*out = r;
	return BUS_OK;
}

enum bus_status bus_read(struct bus *bus, uint64_t addr, unsigned size, uint64_t *val, sim_time_t t)
{
	const struct bus_region *r;
	*val = 0;
	enum bus_status st = lookup(bus, addr, size, &r);
	if (st != BUS_OK)
		return st;
	uint64_t off = addr - r->base;
	if (r->ram) {
		*val = le_load(r->ram->host + r->ram_offset + off, size);
		return BUS_OK;
	}
	st = check_dev(r, off, size);
	if (st != BUS_OK)
		return st;
	return r->ops->read ? r->ops->read(r->opaque, off, size, val, t) : BUS_DEVICE_ERROR;
}

enum bus_status bus_write(struct bus *bus, uint64_t addr, unsigned size, uint64_t val, sim_time_t t)
{
	const struct bus_region *r;
	enum bus_status st = lookup(bus, addr, size, &r);
	if (st != BUS_OK)
		return st;
	uint64_t off = addr - r->base;
	if (r->ram) {
		uint64_t roff = r->ram_offset + off;
		le_store(r->ram->host + roff, size, val);
		ram_notify_write(r->ram, roff, size);
		return BUS_OK;
	}
	st = check_dev(r, off, size);
	if (st != BUS_OK)
		return st;
	return r->ops->write ? r->ops->write(r->opaque, off, size, val, t) : BUS_DEVICE_ERROR;
}

/* Walks [addr, addr+len) region by region; fails before touching anything
 * if some byte is not RAM. op: 0 read, 1 write, 2 fill. */
static enum bus_status block(struct bus *bus, uint64_t addr, uint8_t *buf, uint8_t byte,
			     uint64_t len, int op)
{
	if (len == 0)
		return BUS_OK;
	if (addr + (len - 1) < addr)
		return BUS_UNMAPPED;
	/* the common case, a range inside one RAM region (a vring, a
	 * buffer): one lookup, no second pass */
	const struct bus_region *r = bus_find(bus, addr);
	if (r && r->ram && len <= r->size - (addr - r->base)) {
		bus->last_ram = (unsigned)(r - bus->regions); /* bus_block_hit */
		uint64_t roff = r->ram_offset + (addr - r->base);
		uint8_t *p = r->ram->host + roff;
		if (op == 0) {
			memcpy(buf, p, (size_t)len);
		} else {
			if (op == 1)
				memcpy(p, buf, (size_t)len);
			else
				memset(p, byte, (size_t)len);
			ram_notify_write(r->ram, roff, len);
		}
		return BUS_OK;
	}
	for (int pass = 0; pass < 2; pass++) {
		uint64_t a = addr, left = len, done = 0;
		while (left) {
			const struct bus_region *r = bus_find(bus, a);
			if (!r || !r->ram)
				return BUS_UNMAPPED;
			uint64_t off = a - r->base;
			uint64_t n = r->size - off;
			if (n > left)
				n = left;
			if (pass == 1) {
				uint64_t roff = r->ram_offset + off;
				uint8_t *p = r->ram->host + roff;
				if (op == 0)
					memcpy(buf + done, p, (size_t)n);
				else {
					if (op == 1)
						memcpy(p, buf + done, (size_t)n);
					else
						memset(p, byte, (size_t)n);
					ram_notify_write(r->ram, roff, n);
				}
			}
			a += n;
			done += n;
			left -= n;
		}
	}
	return BUS_OK;
}

enum bus_status bus_read_block_slow(struct bus *bus, uint64_t addr, void *dst, uint64_t len)
{
	return block(bus, addr, dst, 0, len, 0);
}

enum bus_status bus_write_block_slow(struct bus *bus, uint64_t addr, const void *src,
				     uint64_t len)
{
	return block(bus, addr, (uint8_t *)(uintptr_t)src, 0, len, 1);
}

enum bus_status bus_fill_block(struct bus *bus, uint64_t addr, uint8_t byte, uint64_t len)
{
	return block(bus, addr, NULL, byte, len, 2);
}

bool bus_ram_aliased(const struct bus *bus, const struct ram *ram)
{
	for (unsigned i = 0; i < bus->nregions; i++) {
		const struct bus_region *a = &bus->regions[i];
		if (a->ram != ram)
			continue;
		for (unsigned k = i + 1; k < bus->nregions; k++) {
			const struct bus_region *b = &bus->regions[k];
			if (b->ram == ram && a->ram_offset < b->ram_offset + b->size &&
			    b->ram_offset < a->ram_offset + a->size)
				return true;
		}
	}
	return false;
}

void bus_ram_views(const struct bus *bus, const struct ram *ram, uint64_t off, uint64_t len,
		   void (*fn)(void *ctx, uint64_t lo, uint64_t hi), void *ctx)
{
	for (unsigned i = 0; i < bus->nregions; i++) {
		const struct bus_region *r = &bus->regions[i];
		if (r->ram != ram)
			continue;
		uint64_t lo = off > r->ram_offset ? off : r->ram_offset;
		uint64_t hi = off + len < r->ram_offset + r->size ? off + len : r->ram_offset + r->size;
		if (lo < hi)
			fn(ctx, r->base + (lo - r->ram_offset), r->base + (hi - r->ram_offset));
	}
}
