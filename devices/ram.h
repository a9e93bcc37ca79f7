/* RAM: DRAM, TCM, SRAM.  Storage is one anonymous private mapping made with
 * MAP_NORESERVE: the kernel's page tables are the sparse page map, so a
 * 1 GiB DRAM costs only the 4 KiB pages that are touched, and the core gets
 * one contiguous host pointer (a single bounds check on its fast path).
 *
 * Decoded-instruction caches: a core that caches decoded instructions from
 * a page marks it in code_pages; every write that goes through ram_write /
 * ram_write_bytes / the bus to a marked page calls the registered watchers,
 * so self-modifying code and a host reloading firmware stay correct.  A core
 * writing through its own fast path checks code_pages itself. */
#ifndef RPSIM_RAM_H
#define RPSIM_RAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAM_PAGE_SHIFT 12
#define RAM_PAGE_SIZE (1u << RAM_PAGE_SHIFT)
#define RAM_MAX_WATCHERS 4

struct snap_writer;
struct snap_reader;

typedef void (*ram_code_write_fn)(void *ctx, uint64_t offset, uint64_t len);

struct ram {
	uint8_t *host;      /* size bytes, zero on creation */
	uint64_t size;
	uint8_t *code_pages; /* one byte per page, nonzero = decoded code cached */
	uint32_t code_gen;   /* bumped each time a page is first marked in code_pages */
	struct {
		ram_code_write_fn fn;
		void *ctx;
	} watchers[RAM_MAX_WATCHERS];
	unsigned nwatchers;
};

/* size must be a non-zero multiple of 4 KiB. Returns NULL on failure. */
struct ram *ram_create(uint64_t size);
void ram_destroy(struct ram *ram);
/* Zeroes the whole RAM and gives the touched pages back to the system. */
void ram_clear(struct ram *ram);

/* Registers a decoded-code watcher; returns -1 if RAM_MAX_WATCHERS are taken. */
int ram_add_code_watcher(struct ram *ram, ram_code_write_fn fn, void *ctx);
void ram_remove_code_watcher(struct ram *ram, void *ctx);

/* Tells the watchers that [off, off+len) changed, if any page in the range
 * holds cached code. Cheap when no page is marked. */
void ram_notify_write(struct ram *ram, uint64_t off, uint64_t len);

static inline bool ram_contains(const struct ram *ram, uint64_t off, uint64_t len)
{
	return off <= ram->size && len <= ram->size - off;
}

/* Accessors with bounds checks: return -1 when out of range. */
int ram_read_bytes(const struct ram *ram, uint64_t off, void *dst, uint64_t len);
int ram_write_bytes(struct ram *ram, uint64_t off, const void *src, uint64_t len);
int ram_fill(struct ram *ram, uint64_t off, uint8_t byte, uint64_t len);

/* Snapshots (sim/core/snap.h): section "ram" with the pages that are not
 * all zeros (the touched ones, found with mincore(2)); with w->delta, only
 * the pages that changed since the chain's previous snapshot, XORed with
 * what it saved.  Restoring a complete section zeroes every page it does
 * not hold; a delta section applies to the state the previous snapshot of
 * its chain restored.  Code watchers are not told: whoever caches decoded
 * code flushes on its own restore.  0, or -1 (out of memory; restore: the
 * message is in the reader, a size mismatch or a page out of range). */
int ram_save(struct ram *ram, struct snap_writer *w);
int ram_restore(struct ram *ram, struct snap_reader *r);

/* Number of bytes of host memory in use (resident pages), from mincore(2);
 * for tests and statistics. */
uint64_t ram_resident_bytes(const struct ram *ram);

#endif
