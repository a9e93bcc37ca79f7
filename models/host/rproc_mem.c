#include "models/host/rproc_mem.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/snap.h"

void rproc_memmap_init(struct rproc_memmap *m)
{
	memset(m, 0, sizeof(*m));
}

void rproc_memmap_destroy(struct rproc_memmap *m)
{
	free(m->mems);
	memset(m, 0, sizeof(*m));
}

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a <= b + (blen - 1) && b <= a + (alen - 1);
}

static int add(struct rproc_memmap *m, const char *name, uint64_t da, uint64_t pa, uint64_t size,
	       enum rproc_mem_kind kind, bool unmapped, char *err, size_t errlen)
{
	if (size == 0 || da + (size - 1) < da || pa + (size - 1) < pa) {
		snprintf(err, errlen, "memory '%s' at da 0x%" PRIx64 " has %s size 0x%" PRIx64, name, da,
			 size ? "a wrapping" : "a zero", size);
		return -1;
	}
	for (unsigned i = 0; i < m->n; i++) {
		const struct rproc_mem *o = &m->mems[i];
		/* regions are carved out of memories the platform declares */
		bool nested = (kind == RPROC_MEM_REGION && o->kind == RPROC_MEM_PLATFORM) ||
			      (kind == RPROC_MEM_PLATFORM && o->kind == RPROC_MEM_REGION);
		if (!nested && !unmapped && !o->unmapped && ranges_overlap(da, size, o->da, o->size)) {
			snprintf(err, errlen, "memory '%s' [da 0x%" PRIx64 ", 0x%" PRIx64 ") overlaps '%s' "
				 "[da 0x%" PRIx64 ", 0x%" PRIx64 ")", name, da, da + size, o->name,
				 o->da, o->da + o->size);
			return -1;
		}
	}
	if (m->n == m->cap) {
		unsigned ncap = m->cap ? m->cap * 2 : 8;
		struct rproc_mem *n = realloc(m->mems, ncap * sizeof(*n));
		if (!n) {
			snprintf(err, errlen, "out of memory adding memory '%s'", name);
			return -1;
		}
		m->mems = n;
		m->cap = ncap;
	}
	struct rproc_mem *r = &m->mems[m->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->da = da;
	r->pa = pa;
	r->size = size;
	r->kind = kind;
	r->unmapped = unmapped;
	return 0;
}

int rproc_memmap_add(struct rproc_memmap *m, const char *name, uint64_t da, uint64_t pa,
		     uint64_t size, enum rproc_mem_kind kind, char *err, size_t errlen)
{
	return add(m, name, da, pa, size, kind, false, err, errlen);
}

int rproc_memmap_add_region(struct rproc_memmap *m, const char *name, uint64_t da, uint64_t pa,
			    uint64_t size, bool unmapped, char *err, size_t errlen)
{
	if (rproc_memmap_region(m, name)) {
		snprintf(err, errlen, "a second region named '%s'", name);
		return -1;
	}
	return add(m, name, da, pa, size, RPROC_MEM_REGION, unmapped, err, errlen);
}

int rproc_memmap_remove(struct rproc_memmap *m, const char *name)
{
	for (unsigned i = m->n; i-- > 0;) {
		if (strcmp(m->mems[i].name, name) == 0) {
			memmove(&m->mems[i], &m->mems[i + 1], (m->n - i - 1) * sizeof(m->mems[0]));
			m->n--;
			return 0;
		}
	}
	return -1;
}

const struct rproc_mem *rproc_memmap_find(const struct rproc_memmap *m, uint64_t da, uint64_t len)
{
	if (len == 0)
		len = 1;
	for (unsigned i = 0; i < m->n; i++) {
		const struct rproc_mem *r = &m->mems[i];
		if (!r->unmapped && da >= r->da && da - r->da < r->size && len <= r->size - (da - r->da))
			return r;
	}
	return NULL;
}

const struct rproc_mem *rproc_memmap_region(const struct rproc_memmap *m, const char *name)
{
	for (unsigned i = 0; i < m->n; i++)
		if (m->mems[i].kind == RPROC_MEM_REGION && strcmp(m->mems[i].name, name) == 0)
			return &m->mems[i];
	return NULL;
}

int rproc_memmap_da_to_pa(const struct rproc_memmap *m, uint64_t da, uint64_t len, uint64_t *pa)
{
	const struct rproc_mem *r = rproc_memmap_find(m, da, len);
	if (!r)
		return -1;
	*pa = r->pa + (da - r->da);
	return 0;
}

void rproc_memmap_describe(const struct rproc_memmap *m, char *buf, size_t len)
{
	size_t used = 0;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < m->n && used < len; i++) {
		const struct rproc_mem *r = &m->mems[i];
		int k = snprintf(buf + used, len - used, "%s%s [da 0x%" PRIx64 ", 0x%" PRIx64 ")",
				 i ? ", " : "", r->name, r->da, r->da + r->size);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	if (m->n == 0)
		snprintf(buf, len, "(no memory declared)");
}

void rproc_pool_init(struct rproc_pool *p, uint64_t base, uint64_t size)
{
	memset(p, 0, sizeof(*p));
	uint64_t b = rproc_page_align(base);
	uint64_t end = base + size < base ? UINT64_MAX : base + size;
	end &= ~(uint64_t)(RPROC_PAGE_SIZE - 1);
	p->base = b;
	p->size = end > b ? end - b : 0;
}

void rproc_pool_destroy(struct rproc_pool *p)
{
	free(p->blocks);
	memset(p, 0, sizeof(*p));
}

static int insert_block(struct rproc_pool *p, unsigned pos, uint64_t pa, uint64_t size)
{
	if (p->n == p->cap) {
		unsigned ncap = p->cap ? p->cap * 2 : 8;
		struct rproc_pool_block *n = realloc(p->blocks, ncap * sizeof(*n));
		if (!n)
			return -1;
		p->blocks = n;
		p->cap = ncap;
	}
	memmove(&p->blocks[pos + 1], &p->blocks[pos], (p->n - pos) * sizeof(p->blocks[0]));
	p->blocks[pos] = (struct rproc_pool_block){ .pa = pa, .size = size };
	p->n++;
	return 0;
}

bool rproc_pool_contains(const struct rproc_pool *p, uint64_t pa, uint64_t size)
{
	return size && pa >= p->base && pa - p->base < p->size && size <= p->size - (pa - p->base);
}

int rproc_pool_alloc(struct rproc_pool *p, uint64_t size, uint64_t *pa)
{
	if (size == 0 || size > p->size)
		return -1;
	size = rproc_page_align(size);
	uint64_t cur = p->base;
	for (unsigned i = 0; i <= p->n; i++) {
		uint64_t next = i < p->n ? p->blocks[i].pa : p->base + p->size;
		if (next - cur >= size) {
			if (insert_block(p, i, cur, size) != 0)
				return -1;
			*pa = cur;
			return 0;
		}
		if (i < p->n)
			cur = p->blocks[i].pa + p->blocks[i].size;
	}
	return -1;
}

int rproc_pool_alloc_at(struct rproc_pool *p, uint64_t pa, uint64_t size)
{
	if (!rproc_pool_contains(p, pa, size))
		return -1;
	uint64_t start = pa & ~(uint64_t)(RPROC_PAGE_SIZE - 1);
	uint64_t end = rproc_page_align(pa + size); /* pool end is page-aligned: no overflow */
	unsigned pos = 0;
	while (pos < p->n && p->blocks[pos].pa < start)
		pos++;
	if (pos > 0 && p->blocks[pos - 1].pa + p->blocks[pos - 1].size > start)
		return -1;
	if (pos < p->n && p->blocks[pos].pa < end)
		return -1;
	return insert_block(p, pos, start, end - start);
}

int rproc_pool_reserve(struct rproc_pool *p, uint64_t pa, uint64_t size)
{
	uint64_t end = pa + size < pa ? UINT64_MAX : pa + size;
	uint64_t lo = pa > p->base ? pa : p->base;
	uint64_t hi = end < p->base + p->size ? end : p->base + p->size;
	if (lo >= hi)
		return 0; /* outside the pool: nothing of the pool's to keep */
	return rproc_pool_alloc_at(p, lo, hi - lo);
}

int rproc_pool_free(struct rproc_pool *p, uint64_t pa)
{
	for (unsigned i = 0; i < p->n; i++) {
		if (pa >= p->blocks[i].pa && pa - p->blocks[i].pa < p->blocks[i].size) {
			memmove(&p->blocks[i], &p->blocks[i + 1], (p->n - i - 1) * sizeof(p->blocks[0]));
			p->n--;
			return 0;
		}
	}
	return -1;
}

uint64_t rproc_pool_used(const struct rproc_pool *p)
{
	uint64_t s = 0;
	for (unsigned i = 0; i < p->n; i++)
		s += p->blocks[i].size;
	return s;
}

static bool pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

uint64_t rproc_vring_size(uint32_t num, uint32_t align)
{
	if (!pow2(num) || num > 32768 || !pow2(align))
		return 0;
	return align_up(16ull * num + 2ull * (3 + num), align) + 6 + 8ull * num;
}

int rproc_vring_layout(uint64_t base, uint32_t num, uint32_t align, struct rproc_vring_layout *out)
{
	uint64_t size = rproc_vring_size(num, align);
	if (!size)
		return -1;
	out->desc = base;
	out->avail = base + 16ull * num;
	/* avail: flags, idx, ring[num], used_event */
	out->used = align_up(out->avail + 2ull * (3 + num), align);
	out->size = size;
	out->alloc = rproc_page_align(size);
	return 0;
}

/* ---- snapshots ---- */

#define MEMMAP_SNAP_MAX 256 /* more memories than any remote has */
#define POOL_SNAP_MAX 4096

int rproc_memmap_save(const struct rproc_memmap *m, struct snap_writer *w)
{
	snap_begin(w, "memmap");
	snap_put_u32(w, m->n);
	for (unsigned i = 0; i < m->n; i++) {
		snap_put_str(w, m->mems[i].name);
		snap_put_u64(w, m->mems[i].da);
		snap_put_u64(w, m->mems[i].pa);
		snap_put_u64(w, m->mems[i].size);
		snap_put_u8(w, (uint8_t)m->mems[i].kind);
		snap_put_u8(w, m->mems[i].unmapped);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

int rproc_memmap_restore(struct rproc_memmap *m, struct snap_reader *r)
{
	snap_enter(r, "memmap");
	uint32_t n = snap_get_count(r, MEMMAP_SNAP_MAX, "the number of remote memories");
	struct rproc_memmap tmp;
	rproc_memmap_init(&tmp);
	for (uint32_t i = 0; i < n && !r->failed; i++) {
		char name[RPROC_MEM_NAME_LEN], err[160];
		snap_get_str(r, name, sizeof(name));
		uint64_t da = snap_get_u64(r), pa = snap_get_u64(r), size = snap_get_u64(r);
		uint8_t kind = snap_get_u8(r), unmapped = snap_get_u8(r);
		if (r->failed)
			break;
		if (kind > RPROC_MEM_REGION || unmapped > 1)
			snap_fail(r, "memory \"%s\" of kind %u", name, kind);
		else if (add(&tmp, name, da, pa, size, (enum rproc_mem_kind)kind, unmapped, err,
			     sizeof(err)) != 0)
			snap_fail(r, "memory \"%s\": %s", name, err);
	}
	snap_leave(r);
	if (r->failed) {
		rproc_memmap_destroy(&tmp);
		return -1;
	}
	tmp.iommu = m->iommu; /* the platform's, not state */
	rproc_memmap_destroy(m);
	*m = tmp;
	return 0;
}

int rproc_pool_save(const struct rproc_pool *p, struct snap_writer *w)
{
	snap_begin(w, "pool");
	snap_put_u64(w, p->base);
	snap_put_u64(w, p->size);
	snap_put_u32(w, p->n);
	for (unsigned i = 0; i < p->n; i++) {
		snap_put_u64(w, p->blocks[i].pa);
		snap_put_u64(w, p->blocks[i].size);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

int rproc_pool_restore(struct rproc_pool *p, struct snap_reader *r)
{
	snap_enter(r, "pool");
	uint64_t base = snap_get_u64(r), size = snap_get_u64(r);
	uint32_t n = snap_get_count(r, POOL_SNAP_MAX, "the number of pool blocks");
	if (!r->failed && (base != p->base || size != p->size))
		snap_fail(r, "the carveout pool is [0x%llx, +0x%llx) in the snapshot, [0x%llx, +0x%llx) "
			  "here", (unsigned long long)base, (unsigned long long)size,
			  (unsigned long long)p->base, (unsigned long long)p->size);
	struct rproc_pool tmp;
	rproc_pool_init(&tmp, p->base, p->size);
	for (uint32_t i = 0; i < n && !r->failed; i++) {
		uint64_t pa = snap_get_u64(r), bsize = snap_get_u64(r);
		if (r->failed)
			break;
		/* blocks are whole pages, sorted, inside the pool, apart */
		if (bsize == 0 || (pa | bsize) % RPROC_PAGE_SIZE ||
		    rproc_pool_alloc_at(&tmp, pa, bsize) != 0)
			snap_fail(r, "pool block [0x%llx, +0x%llx) is not a free part of the pool",
				  (unsigned long long)pa, (unsigned long long)bsize);
	}
	snap_leave(r);
	if (r->failed) {
		rproc_pool_destroy(&tmp);
		return -1;
	}
	rproc_pool_destroy(p);
	*p = tmp;
	return 0;
}
