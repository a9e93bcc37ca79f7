#include "devices/ram.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
