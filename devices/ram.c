#include "devices/ram.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

struct ram *ram_create(uint64_t size)
{
	if (size == 0 || size % RAM_PAGE_SIZE != 0 || size > ((uint64_t)1 << 40))
		return NULL;
	struct ram *ram = calloc(1, sizeof(*ram));
	if (!ram)
		return NULL;
	void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		free(ram);
		return NULL;
	}
	ram->host = p;
	ram->size = size;
	ram->code_pages = calloc((size_t)(size >> RAM_PAGE_SHIFT), 1);
	if (!ram->code_pages) {
		munmap(p, (size_t)size);
		free(ram);
		return NULL;
	}
	return ram;
}

void ram_destroy(struct ram *ram)
{
	if (!ram)
		return;
	munmap(ram->host, (size_t)ram->size);
	free(ram->code_pages);
	free(ram);
}

void ram_clear(struct ram *ram)
{
	/* MADV_DONTNEED on a private anonymous mapping gives zero pages back */
	if (madvise(ram->host, (size_t)ram->size, MADV_DONTNEED) != 0)
		memset(ram->host, 0, (size_t)ram->size);
	ram_notify_write(ram, 0, ram->size);
}

int ram_add_code_watcher(struct ram *ram, ram_code_write_fn fn, void *ctx)
{
	if (ram->nwatchers >= RAM_MAX_WATCHERS)
		return -1;
	ram->watchers[ram->nwatchers].fn = fn;
	ram->watchers[ram->nwatchers].ctx = ctx;
	ram->nwatchers++;
	return 0;
}

void ram_remove_code_watcher(struct ram *ram, void *ctx)
{
	for (unsigned i = 0; i < ram->nwatchers; i++) {
		if (ram->watchers[i].ctx == ctx) {
			ram->watchers[i] = ram->watchers[--ram->nwatchers];
			return;
		}
	}
}

void ram_notify_write(struct ram *ram, uint64_t off, uint64_t len)
{
	if (ram->nwatchers == 0 || len == 0 || !ram_contains(ram, off, len))
		return;
	uint64_t first = off >> RAM_PAGE_SHIFT, last = (off + len - 1) >> RAM_PAGE_SHIFT;
	for (uint64_t pg = first; pg <= last; pg++) {
		if (ram->code_pages[pg]) {
			for (unsigned i = 0; i < ram->nwatchers; i++)
				ram->watchers[i].fn(ram->watchers[i].ctx, off, len);
			return;
		}
	}
}

int ram_read_bytes(const struct ram *ram, uint64_t off, void *dst, uint64_t len)
{
	if (!ram_contains(ram, off, len))
		return -1;
	memcpy(dst, ram->host + off, (size_t)len);
	return 0;
}

int ram_write_bytes(struct ram *ram, uint64_t off, const void *src, uint64_t len)
{
	if (!ram_contains(ram, off, len))
		return -1;
	memcpy(ram->host + off, src, (size_t)len);
	ram_notify_write(ram, off, len);
	return 0;
}

int ram_fill(struct ram *ram, uint64_t off, uint8_t byte, uint64_t len)
{
	if (!ram_contains(ram, off, len))
		return -1;
	memset(ram->host + off, byte, (size_t)len);
	ram_notify_write(ram, off, len);
	return 0;
}

uint64_t ram_resident_bytes(const struct ram *ram)
{
	long pgsz = sysconf(_SC_PAGESIZE);
	if (pgsz <= 0)
		return 0;
	size_t npages = (size_t)((ram->size + (uint64_t)pgsz - 1) / (uint64_t)pgsz);
	unsigned char *vec = malloc(npages);
	if (!vec)
		return 0;
	uint64_t n = 0;
	if (mincore(ram->host, (size_t)ram->size, vec) == 0)
		for (size_t i = 0; i < npages; i++)
			n += vec[i] & 1;
	free(vec);
	return n * (uint64_t)pgsz;
}

/* ---- snapshots ---- */

static bool page_zero(const uint8_t *p)
{
	const uint64_t *q = (const uint64_t *)(const void *)p;
	for (unsigned i = 0; i < RAM_PAGE_SIZE / 8; i++)
		if (q[i])
			return false;
	return true;
}

/* Resident-page flags per RAM page (the host page may be larger than 4
 * KiB: then every RAM page inside a resident host page is flagged); only
 * bit 0 counts. NULL out of memory. */
static uint8_t *resident_pages(const struct ram *ram)
{
	size_t npages = (size_t)(ram->size >> RAM_PAGE_SHIFT);
	long hp = sysconf(_SC_PAGESIZE);
	if (hp == RAM_PAGE_SIZE) {
		/* the common case: mincore's vector is the flags */
		uint8_t *vec = malloc(npages ? npages : 1);
		if (vec && mincore(ram->host, (size_t)ram->size, vec) != 0)
			memset(vec, 1, npages);
		return vec;
	}
	uint8_t *flags = calloc(npages ? npages : 1, 1);
	if (!flags)
		return NULL;
	if (hp <= 0 || (uint64_t)hp % RAM_PAGE_SIZE != 0) {
		memset(flags, 1, npages); /* unknown geometry: look at every page */
		return flags;
	}
	size_t nhost = (size_t)((ram->size + (uint64_t)hp - 1) / (uint64_t)hp);
	unsigned char *vec = malloc(nhost ? nhost : 1);
	if (!vec || mincore(ram->host, (size_t)ram->size, vec) != 0) {
		memset(flags, 1, npages);
	} else {
		size_t per = (size_t)hp / RAM_PAGE_SIZE;
		for (size_t i = 0; i < nhost; i++)
			if (vec[i] & 1)
				memset(flags + i * per, 1, per);
	}
	free(vec);
	return flags;
}

/* The next page at or after pg whose flag (bit 0 of a or of b) is set;
 * npages when none.  32, then eight flags a step: a 1 GiB RAM has 262144 pages and
 * a run touches a few hundred. */
static size_t next_flagged(const uint8_t *a, const uint8_t *b, size_t pg, size_t npages)
{
	const uint64_t ones = 0x0101010101010101ULL;
	while (pg < npages) {
		if ((pg & 31) == 0 && pg + 32 <= npages) {
			/* 32 flags a step through the long runs of untouched pages */
			uint64_t wa[4], wb[4] = { 0, 0, 0, 0 };
			memcpy(wa, a + pg, 32);
			if (b)
				memcpy(wb, b + pg, 32);
			if (!((wa[0] | wa[1] | wa[2] | wa[3] | wb[0] | wb[1] | wb[2] | wb[3]) & ones)) {
				pg += 32;
				continue;
			}
		}
		if ((pg & 7) == 0 && pg + 8 <= npages) {
			uint64_t wa, wb = 0;
			memcpy(&wa, a + pg, 8);
			if (b)
				memcpy(&wb, b + pg, 8);
			if (!((wa | wb) & ones)) {
				pg += 8;
				continue;
			}
		}
		if ((a[pg] & 1) || (b && b[pg]))
			return pg;
		pg++;
	}
	return npages;
}

int ram_save(struct ram *ram, struct snap_writer *w)
{
	size_t npages = (size_t)(ram->size >> RAM_PAGE_SHIFT);
	uint8_t *res = resident_pages(ram);
	if (!res)
		return -1;
	struct snap_shadow *sh = NULL;
	if (w->delta) {
		sh = snap_delta_shadow(w->delta, ram, ram->size);
		if (!sh) {
			free(res);
			return -1;
		}
	}
	bool delta = sh && !snap_delta_is_keyframe(w->delta);
	snap_begin(w, "ram");
	snap_put_u64(w, ram->size);
	snap_put_bool(w, delta);
	for (size_t pg = next_flagged(res, sh ? sh->present : NULL, 0, npages); pg < npages;
	     pg = next_flagged(res, sh ? sh->present : NULL, pg + 1, npages)) {
		const uint8_t *p = ram->host + (pg << RAM_PAGE_SHIFT);
		bool in_shadow = sh && sh->present[pg];
		bool resident = res[pg] & 1;
		if (!delta) {
			if (resident && !page_zero(p)) {
				snap_put_u32(w, (uint32_t)pg);
				snap_put_bytes(w, p, RAM_PAGE_SIZE);
			}
		} else {
			uint8_t *s = sh->bytes + (pg << RAM_PAGE_SHIFT);
			if (in_shadow ? memcmp(s, p, RAM_PAGE_SIZE) == 0 : page_zero(p))
				continue;
			snap_put_u32(w, (uint32_t)pg);
			uint8_t *x = snap_put_space(w, RAM_PAGE_SIZE);
			if (!x)
				break;
			if (!in_shadow) {
				memcpy(x, p, RAM_PAGE_SIZE);
			} else {
				/* word by word: the compiler vectorises it */
				for (unsigned i = 0; i < RAM_PAGE_SIZE; i += 8) {
					uint64_t a, b;
					memcpy(&a, p + i, 8);
					memcpy(&b, s + i, 8);
					a ^= b;
					memcpy(x + i, &a, 8);
				}
			}
		}
		if (sh) {
			memcpy(sh->bytes + (pg << RAM_PAGE_SHIFT), p, RAM_PAGE_SIZE);
			sh->present[pg] = 1;
		}
	}
	snap_put_u32(w, UINT32_MAX); /* end of the pages */
	snap_end(w);
	free(res);
	return w->failed ? -1 : 0;
}

int ram_restore(struct ram *ram, struct snap_reader *r)
{
	snap_enter(r, "ram");
	uint64_t size = snap_get_u64(r);
	bool delta = snap_get_bool(r);
	if (!r->failed && size != ram->size)
		snap_fail(r, "a RAM of %llu bytes in the snapshot, %llu here", (unsigned long long)size,
			  (unsigned long long)ram->size);
	if (r->failed)
		return -1;
	size_t npages = (size_t)(ram->size >> RAM_PAGE_SHIFT);
	/* read the page list first: a bad stream changes nothing */
	size_t start = r->pos;
	uint32_t prev = 0;
	bool first = true;
	for (;;) {
		uint32_t pg = snap_get_u32(r);
		if (r->failed)
			return -1;
		if (pg == UINT32_MAX)
			break;
		if (pg >= npages || (!first && pg <= prev)) {
			snap_fail(r, "RAM page %u is out of range or out of order (%zu pages)", pg, npages);
			return -1;
		}
		first = false;
		prev = pg;
		uint8_t skip[RAM_PAGE_SIZE];
		snap_get_bytes(r, skip, RAM_PAGE_SIZE);
		if (r->failed)
			return -1;
	}
	snap_leave(r);
	if (r->failed)
		return -1;
	uint8_t *keep = NULL;
	if (!delta) {
		keep = calloc(npages ? npages : 1, 1);
		if (!keep) {
			snap_fail(r, "out of memory");
			return -1;
		}
	}
	/* second pass over the checked bytes */
	const uint8_t *p = r->buf + start;
	for (;;) {
		uint32_t pg = le32_load(p);
		p += 4;
		if (pg == UINT32_MAX)
			break;
		uint8_t *dst = ram->host + ((uint64_t)pg << RAM_PAGE_SHIFT);
		if (delta) {
			for (unsigned i = 0; i < RAM_PAGE_SIZE; i++)
				dst[i] ^= p[i];
		} else {
			memcpy(dst, p, RAM_PAGE_SIZE);
			keep[pg] = 1;
		}
		p += RAM_PAGE_SIZE;
	}
	if (!delta) {
		/* every other touched page goes back to zeros */
		uint8_t *res = resident_pages(ram);
		for (size_t pg = 0; pg < npages; pg++) {
			if (keep[pg] || (res && !(res[pg] & 1)))
				continue;
			uint8_t *dst = ram->host + (pg << RAM_PAGE_SHIFT);
			if (madvise(dst, RAM_PAGE_SIZE, MADV_DONTNEED) != 0)
				memset(dst, 0, RAM_PAGE_SIZE);
		}
		free(res);
		free(keep);
	}
	return 0;
}
