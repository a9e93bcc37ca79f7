#include "models/host/rproc_load.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rproc_platform_default(struct rproc_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->machine = RPROC_EM_RISCV;
	p->mems[0].name = "tcm";
	p->mems[0].da = 0x0;
	p->mems[0].pa = 0x40000000; /* as platform_desc_default() */
	p->mems[0].size = 0x40000;
	p->nmems = 1;
	p->dram_base = 0x80000000;
	p->dram_size = 0x10000000;
	p->pool_base = 0x88000000;
	p->pool_size = 0x08000000;
}

int rproc_memmap_add_platform(struct rproc_memmap *m, const struct rproc_platform *p, char *err,
			      size_t errlen)
{
	for (unsigned i = 0; i < p->nmems && i < RPROC_PLAT_MAX_MEMS; i++)
		if (rproc_memmap_add(m, p->mems[i].name, p->mems[i].da, p->mems[i].pa, p->mems[i].size,
				     RPROC_MEM_PLATFORM, err, errlen) != 0)
			return -1;
	for (unsigned i = 0; i < p->nregions && i < RPROC_PLAT_MAX_REGIONS; i++) {
		const char *name = p->regions[i].name;
		unsigned n;
		char tail;
		/* rproc_of_resm_mem_entry_init: a vdev's buffers get no va;
		 * imx_rproc maps rsc-table for the table alone */
		bool unmapped = strcmp(name, "rsc-table") == 0 ||
				sscanf(name, "vdev%ubuffe%c", &n, &tail) == 2;
		if (rproc_memmap_add_region(m, name, p->regions[i].da, p->regions[i].pa,
					    p->regions[i].size, unmapped, err, errlen) != 0)
			return -1;
	}
	m->iommu = p->iommu.present;
	return 0;
}

void rproc_image_init(struct rproc_image *img, struct rproc_elf *elf, struct rproc_memmap *map,
		      struct rproc_pool *pool)
{
	memset(img, 0, sizeof(*img));
	img->elf = elf;
	img->map = map;
	img->pool = pool;
}

void rproc_image_release(struct rproc_image *img)
{
	rproc_image_release_rsc(img);
	rsc_table_free(&img->rsc);
	free(img->table);
	rproc_elf_free(img->elf);
	struct rproc_memmap *map = img->map;
	struct rproc_pool *pool = img->pool;
	const struct rproc_iommu *iommu = img->iommu;
	memset(img, 0, sizeof(*img));
	img->map = map;
	img->pool = pool;
	img->iommu = iommu;
}

void rproc_image_set_iommu(struct rproc_image *img, const struct rproc_iommu *iommu)
{
	img->iommu = iommu && iommu->present ? iommu : NULL;
}

/* iommu_map, its failure reported in Linux's words for the caller */
static int iommu_map(struct rproc_image *img, const char *what, const char *linux_says, uint64_t da,
		     uint64_t pa, uint64_t len, uint32_t flags, int rsc_index, struct diag *d)
{
	if (!img->iommu) {
		diag_error(d, "%s: the remote has no IOMMU to map [da 0x%" PRIx64 ", 0x%" PRIx64
			   ") through", what, da, da + len);
		return -1;
	}
	struct rproc_mapping *n = realloc(img->mappings, (img->nmappings + 1) * sizeof(*n));
	if (!n) {
		diag_error(d, "%s: out of memory recording an IOMMU mapping", what);
		return -1;
	}
	img->mappings = n;
	char err[256] = "";
	int ret = img->iommu->map ? img->iommu->map(img->iommu->ctx, da, pa, len, flags, err,
						    sizeof(err))
				  : 0;
	if (ret) {
		diag_error(d, "%s: %s: %d (da 0x%" PRIx64 " -> pa 0x%" PRIx64 ", 0x%" PRIx64
			   " bytes: %s)", what, linux_says, ret, da, pa, len, err);
		return -1;
	}
	img->mappings[img->nmappings++] = (struct rproc_mapping){ .da = da, .pa = pa, .len = len,
								  .rsc_index = rsc_index };
	return 0;
}

int rproc_image_iommu_map(struct rproc_image *img, const char *what, uint64_t da, uint64_t pa,
			  uint64_t len, uint32_t flags, int rsc_index, struct diag *d)
{
	/* rproc_alloc_carveout's words; devmem's are handle_devmem's */
	return iommu_map(img, what, "iommu_map failed", da, pa, len, flags, rsc_index, d);
}

int rproc_image_take_table(struct rproc_image *img, const uint8_t *buf, size_t size,
			   int64_t file_offset, struct diag *d)
{
	img->table_size = size;
	img->table = malloc(size ? size : 1);
	if (!img->table) {
		diag_error(d, "out of memory for a %zu-byte resource table", size);
		return -1;
	}
	memcpy(img->table, buf, size);
	return rsc_table_parse(img->table, img->table_size, file_offset, &img->rsc, d);
}

int rproc_image_parse_rsc(struct rproc_image *img, struct diag *d)
{
	const struct rproc_elf *elf = img->elf;
	if (!elf->has_rsc)
		return 0; /* Linux boots firmware without a table */
	return rproc_image_take_table(img, rproc_elf_rsc_data(elf), (size_t)elf->rsc_size,
				      (int64_t)elf->rsc_offset, d);
}

static void memmap_list(const struct rproc_image *img, char *buf, size_t len)
{
	rproc_memmap_describe(img->map, buf, len);
}

/* Places one carveout no registered region serves, as
 * rproc_alloc_carveout does: dma_alloc_coherent from the pool (Linux's
 * CMA) whatever the da.  FW_RSC_ADDR_ANY takes the address it got (da ==
 * pa: no IOMMU between the remote and DRAM).  A fixed da keeps its value:
 * behind an IOMMU it is mapped onto the memory (iommu_map), without one
 * Linux warns "Allocated carveout doesn't fit device address request" and
 * the host's copy is elsewhere than where the remote looks.  A fixed da
 * inside a memory the platform declares or a mapped region lands there
 * (rproc_da_to_va asks the platform's da_to_va first).  what names it in
 * messages. */
static int place(struct rproc_image *img, const char *what, const char *name, uint32_t da,
		 uint64_t len, int rsc_index, struct rproc_carveout *out, struct diag *d)
{
	uint64_t pa;
	bool pooled = false, iommu = false;
	const struct rproc_mem *m = da == FW_RSC_ADDR_ANY ? NULL : rproc_memmap_find(img->map, da, len);
	if (m && m->kind != RPROC_MEM_CARVEOUT) {
		pa = m->pa + (da - m->da);
	} else {
		if (rproc_pool_alloc(img->pool, len, &pa) != 0) {
			diag_error(d, "%s: no room for 0x%" PRIx64 " bytes in the carveout pool [0x%" PRIx64
				   ", 0x%" PRIx64 ") (0x%" PRIx64 " bytes in use); ask for less memory",
				   what, len, img->pool->base, img->pool->base + img->pool->size,
				   rproc_pool_used(img->pool));
			return -1;
		}
		if (pa > UINT32_MAX - (len - 1)) {
			rproc_pool_free(img->pool, pa);
			diag_error(d, "%s: the carveout pool gave pa 0x%" PRIx64 ", beyond the remote's "
				   "32-bit device addresses", what, pa);
			return -1;
		}
		pooled = true;
		if (da == FW_RSC_ADDR_ANY) {
			da = (uint32_t)pa;
		} else if (img->iommu) {
			iommu = true; /* mapped below, once the carveout is recorded */
		} else if (pa != da) {
			diag_warning(d, "%s: Allocated carveout doesn't fit device address request "
				     "(rproc_alloc_carveout): the host's memory is at pa 0x%" PRIx64 ", the "
				     "remote looks at da 0x%" PRIx32 "; give the board a reserved-memory "
				     "region named \"%s\" there, or use FW_RSC_ADDR_ANY", what, pa, da, name);
		}
	}
	if (pooled) {
		char err[256];
		if (rproc_memmap_add(img->map, name, da, pa, len, RPROC_MEM_CARVEOUT, err,
				     sizeof(err)) != 0) {
			diag_error(d, "%s: %s", what, err);
			rproc_pool_free(img->pool, pa);
			return -1;
		}
		/* rproc_alloc_carveout: iommu_map(rproc->domain, da, dma, len,
		 * mem->flags); undone with the other mappings */
		if (iommu && rproc_image_iommu_map(img, what, da, pa, len, 0, rsc_index, d) != 0) {
			rproc_memmap_remove(img->map, name);
			rproc_pool_free(img->pool, pa);
			return -1;
		}
	}
	*out = (struct rproc_carveout){ .da = da, .pa = pa, .size = len, .pooled = pooled,
					.iommu = iommu, .rsc_index = rsc_index };
	snprintf(out->name, sizeof(out->name), "%s", name);
	return 0;
}

static int push_carveout(struct rproc_image *img, const struct rproc_carveout *c, struct diag *d)
{
	struct rproc_carveout *n = realloc(img->carveouts, (img->ncarveouts + 1) * sizeof(*n));
	if (!n) {
		diag_error(d, "out of memory recording carveout '%s'", c->name);
		return -1;
	}
	img->carveouts = n;
	img->carveouts[img->ncarveouts++] = *c;
	return 0;
}

static void undo_one(struct rproc_image *img, const struct rproc_carveout *c)
{
	if (!c->pooled)
		return;
	rproc_memmap_remove(img->map, c->name);
	rproc_pool_free(img->pool, c->pa);
}

/* rproc_check_carveout_da: a request [da, da+len) (da may be
 * FW_RSC_ADDR_ANY) a registered region must hold. */
static int check_region_da(const char *what, const struct rproc_mem *rg, uint32_t da, uint64_t len,
			   struct diag *d)
{
	if (len > rg->size) {
		diag_error(d, "%s: Registered carveout doesn't fit len request (rproc_check_carveout_da): "
			   "0x%" PRIx64 " bytes asked, region \"%s\" has 0x%" PRIx64 "; make the region "
			   "larger", what, len, rg->name, rg->size);
		return -1;
	}
	if (da == FW_RSC_ADDR_ANY)
		return 0;
	if (da < rg->da) {
		diag_error(d, "%s: Registered carveout doesn't fit da request (rproc_check_carveout_da): "
			   "da 0x%" PRIx32 " is below region \"%s\" [da 0x%" PRIx64 ", +0x%" PRIx64 ")",
			   what, da, rg->name, rg->da, rg->size);
		return -1;
	}
	if (da - rg->da + len > rg->size) {
		diag_error(d, "%s: Registered carveout doesn't fit len request (rproc_check_carveout_da): "
			   "[da 0x%" PRIx32 ", +0x%" PRIx64 ") ends beyond region \"%s\" [da 0x%" PRIx64
			   ", +0x%" PRIx64 ")", what, da, len, rg->name, rg->da, rg->size);
		return -1;
	}
	return 0;
}

/* A registered region already serving an entry of this table. */
static bool region_claimed(const struct rproc_image *img, const char *name)
{
	for (unsigned i = 0; i < img->ncarveouts; i++)
		if (img->carveouts[i].region && strcmp(img->carveouts[i].name, name) == 0)
			return true;
	return false;
}

/* The region's own addresses serve the request, whatever da it asked
 * within it: Linux uses the registered entry (its va, its da). */
static struct rproc_carveout region_carveout(const struct rproc_mem *rg, int rsc_index)
{
	struct rproc_carveout c = { .da = (uint32_t)rg->da, .pa = rg->pa, .size = rg->size,
				    .region = true, .rsc_index = rsc_index };
	snprintf(c.name, sizeof(c.name), "%s", rg->name);
	return c;
}

static int handle_carveout(struct rproc_image *img, const struct rsc_entry *e, struct diag *d)
{
	char what[96];
	snprintf(what, sizeof(what), "resource table entry %u (carveout \"%s\")", e->index, e->name);
	struct rproc_carveout c;
	/* rproc_handle_carveout: a region registered under the entry's name
	 * serves it (rproc_find_carveout_by_name, rproc_check_carveout_da) */
	const struct rproc_mem *rg = rproc_memmap_region(img->map, e->name);
	if (rg) {
		if (region_claimed(img, rg->name)) {
			diag_error(d, "%s: Carveout already associated to resource table: region \"%s\" "
				   "serves an earlier entry; give each entry its own region", what, rg->name);
			return -1;
		}
		if (check_region_da(what, rg, e->da, e->len, d) != 0)
			return -1;
		c = region_carveout(rg, (int)e->index);
	} else if (place(img, what, e->name, e->da, e->len, (int)e->index, &c, d) != 0) {
		return -1;
	}
	if (push_carveout(img, &c, d) != 0) {
		undo_one(img, &c);
		return -1;
	}
	/* rproc_alloc_registered_carveouts tells the remote what it got */
	rsc_table_store32(img->table, img->table_size, e->offset + RSC_MEM_DA, c.da);
	rsc_table_store32(img->table, img->table_size, e->offset + RSC_MEM_PA, (uint32_t)c.pa);
	if (c.region)
		rsc_table_store32(img->table, img->table_size, e->offset + RSC_MEM_LEN, (uint32_t)c.size);
	return 0;
}

static int handle_vdev(struct rproc_image *img, const struct rsc_entry *e, struct diag *d)
{
	if (img->nvdevs == RPROC_MAX_VDEVS) {
		diag_error(d, "resource table entry %u (vdev): more than %u vdevs", e->index,
			   RPROC_MAX_VDEVS);
		return -1;
	}
	unsigned vi = img->nvdevs;
	struct rproc_vdev_info *v = &img->vdevs[vi];
	memset(v, 0, sizeof(*v));
	v->rsc_index = (int)e->index;
	v->rsc_offset = e->offset;
	v->id = e->id;
	v->dfeatures = e->dfeatures;
	v->nvrings = e->num_of_vrings;
	for (unsigned i = 0; i < e->num_of_vrings; i++) {
		const struct rsc_vring *r = &e->vring[i];
		char name[RPROC_MEM_NAME_LEN], what[96];
		snprintf(name, sizeof(name), "vdev%uvring%u", vi, i);
		snprintf(what, sizeof(what), "resource table entry %u (vdev) vring %u", e->index, i);
		struct rproc_vring_layout lay;
		if (rproc_vring_layout(0, r->num, r->align, &lay) != 0)
			return -1; /* the parser refused these already */
		/* rproc_alloc_vring: a vdevNvringM region first (its start,
		 * whatever da the firmware asked inside it), else a carveout
		 * as rproc_alloc_carveout places it */
		struct rproc_carveout c;
		const struct rproc_mem *rg = rproc_memmap_region(img->map, name);
		if (rg) {
			if (check_region_da(what, rg, r->da, lay.alloc, d) != 0)
				return -1;
			c = region_carveout(rg, (int)e->index);
		} else if (place(img, what, name, r->da, lay.alloc, (int)e->index, &c, d) != 0) {
			return -1;
		}
		if (push_carveout(img, &c, d) != 0) {
			undo_one(img, &c);
			return -1; /* the caller unwinds what was pushed */
		}
		rproc_vring_layout(c.da, r->num, r->align, &v->vring[i].layout);
		v->vring[i].da = c.da;
		v->vring[i].pa = c.pa;
		v->vring[i].align = r->align;
		v->vring[i].num = r->num;
		/* Linux numbers vrings rproc-wide in table order, ignoring the firmware's ids */
		v->vring[i].notifyid = img->notifyids++;
		rsc_table_store32(img->table, img->table_size, r->offset + RSC_VRING_NOTIFYID,
				  v->vring[i].notifyid);
	}
	img->nvdevs++;
	return 0;
}

/* rproc_handle_trace: only a debugfs file (trace0, trace1...) that
 * remembers da and len; Linux translates them when the file is read.  The
 * pa found now is for `rpsim inspect`; a buffer that does not translate is
 * not an error (reading it says "Trace  not available"). */
static int handle_trace(struct rproc_image *img, const struct rsc_entry *e, struct diag *d)
{
	if (img->ntraces == RPROC_MAX_TRACES) {
		diag_warning(d, "resource table entry %u (trace \"%s\"): more than %u trace buffers; "
			     "this one is ignored", e->index, e->name, RPROC_MAX_TRACES);
		return 0;
	}
	struct rproc_trace_info *t = &img->traces[img->ntraces++];
	snprintf(t->name, sizeof(t->name), "%s", e->name);
	t->da = e->da;
	t->len = e->len;
	t->pa_valid = rproc_memmap_da_to_pa(img->map, e->da, e->len, &t->pa) == 0;
	if (!t->pa_valid) {
		char mems[256];
		memmap_list(img, mems, sizeof(mems));
		diag_warning(d, "resource table entry %u (trace \"%s\"): buffer [da 0x%" PRIx32 ", 0x%"
			     PRIx64 ") does not lie inside one memory of the remote (%s); reading "
			     "trace%u will say \"Trace  not available\", as Linux's does", e->index,
			     e->name, e->da, (uint64_t)e->da + e->len, mems, img->ntraces - 1);
	}
	return 0;
}

/* rproc_handle_devmem: "no point in handling this resource without a
 * valid iommu domain" (-EINVAL, which fails the boot); with one, da is
 * mapped to pa as the entry says. */
static int handle_devmem(struct rproc_image *img, const struct rsc_entry *e, struct diag *d)
{
	char what[96];
	snprintf(what, sizeof(what), "resource table entry %u (devmem \"%s\")", e->index, e->name);
	if (!img->iommu) {
		diag_error(d, "%s: the remote has no IOMMU, and Linux's rproc_handle_devmem refuses a "
			   "devmem entry without one (-EINVAL, the boot fails); remove the entry or "
			   "describe the remote with an IOMMU (\"iommu\": true)", what);
		return -1;
	}
	return iommu_map(img, what, "failed to map devmem", e->da, e->pa, e->len, e->flags,
			 (int)e->index, d);
}

/* Linux's rproc_loading_handlers: one handler per resource type.  Trace
 * buffers are handled in a second pass, once every carveout is placed,
 * because one may lie in a carveout declared later in the table (Linux
 * translates them only when they are read). */
static const struct rproc_rsc_handler loading_handlers[RSC_LAST] = {
	[RSC_CARVEOUT] = { handle_carveout, 0 },
	[RSC_DEVMEM] = { handle_devmem, 0 },
	[RSC_TRACE] = { handle_trace, 1 },
	[RSC_VDEV] = { handle_vdev, 0 },
};

const struct rproc_rsc_handler *rproc_rsc_handler(uint32_t type)
{
	if (type >= RSC_LAST || !loading_handlers[type].handle)
		return NULL;
	return &loading_handlers[type];
}

/* rproc_handle_resources: each entry to the handler of its type, in table
 * order; vendor and unknown types have none and are skipped (the parser
 * warned about them), as Linux skips them without a vendor handler. */
int rproc_image_handle_rsc(struct rproc_image *img, struct diag *d)
{
	int rc = 0;
	for (unsigned pass = 0; pass < RPROC_RSC_PASSES && rc == 0; pass++) {
		for (unsigned i = 0; i < img->rsc.nentries && rc == 0; i++) {
			const struct rsc_entry *e = &img->rsc.entries[i];
			const struct rproc_rsc_handler *h = rproc_rsc_handler(e->type);
			if (h && h->pass == pass)
				rc = h->handle(img, e, d);
		}
	}
	if (rc != 0)
		rproc_image_release_rsc(img);
	return rc;
}

void rproc_image_release_rsc(struct rproc_image *img)
{
	/* rproc_resource_cleanup: the IOMMU mappings, then the carveouts */
	for (unsigned i = img->nmappings; i-- > 0;)
		if (img->iommu && img->iommu->unmap)
			img->iommu->unmap(img->iommu->ctx, img->mappings[i].da, img->mappings[i].len);
	free(img->mappings);
	img->mappings = NULL;
	img->nmappings = 0;
	for (unsigned i = img->ncarveouts; i-- > 0;)
		undo_one(img, &img->carveouts[i]);
	free(img->carveouts);
	img->carveouts = NULL;
	img->ncarveouts = 0;
	img->nvdevs = 0;
	img->ntraces = 0;
	img->notifyids = 0;
}

int rproc_image_load_segments(struct rproc_image *img, struct bus *bus, struct diag *d)
{
	const struct rproc_elf *elf = img->elf;
	int rc = 0;
	/* translate everything before writing anything */
	for (unsigned i = 0; i < elf->nsegs; i++) {
		const struct rproc_elf_seg *s = &elf->segs[i];
		uint64_t pa;
		if (rproc_memmap_da_to_pa(img->map, s->da, s->memsz, &pa) != 0) {
			char mems[256];
			memmap_list(img, mems, sizeof(mems));
			diag_error(d, "program header %u (offset 0x%" PRIx64 "): segment [da 0x%" PRIx64
				   ", 0x%" PRIx64 ") does not lie inside one memory of the remote (%s); "
				   "link it into one of them or declare a carveout covering it",
				   s->index, s->hdr_offset, s->da, s->da + s->memsz, mems);
			rc = -1;
		}
	}
	for (unsigned i = 0; i < elf->nsegs && rc == 0; i++) {
		const struct rproc_elf_seg *s = &elf->segs[i];
		uint64_t pa;
		rproc_memmap_da_to_pa(img->map, s->da, s->memsz, &pa);
		enum bus_status st = bus_write_block(bus, pa, rproc_elf_seg_data(elf, s), s->filesz);
		if (st == BUS_OK)
			st = bus_fill_block(bus, pa + s->filesz, 0, s->memsz - s->filesz);
		if (st != BUS_OK) {
			diag_error(d, "program header %u: writing [pa 0x%" PRIx64 ", 0x%" PRIx64 ") failed "
				   "(%s): the platform maps this memory without RAM behind it",
				   s->index, pa, pa + s->memsz, bus_status_name(st));
			rc = -1;
		}
	}
	return rc;
}

uint64_t rproc_image_loaded_table(const struct rproc_image *img, uint64_t *pa, struct diag *d)
{
	/* imx_rproc_elf_find_loaded_rsc_table: the rsc-table region when the
	 * platform has one, else the section's place in the loaded image */
	const struct rproc_mem *rg = rproc_memmap_region(img->map, "rsc-table");
	if (rg) {
		if (img->table_size > rg->size) {
			diag_error(d, "the resource table (%zu bytes) does not fit the rsc-table region "
				   "(0x%" PRIx64 " bytes): make the region larger", img->table_size, rg->size);
			return 0;
		}
		*pa = rg->pa;
		return rg->size;
	}
	if (rproc_memmap_da_to_pa(img->map, img->elf->rsc_da, img->table_size, pa) != 0) {
		diag_error(d, "the loaded resource table at da 0x%" PRIx64 " (sh_addr of .resource_table) "
			   "does not translate: the host cannot find it in device memory",
			   img->elf->rsc_da);
		return 0;
	}
	return img->table_size;
}

int rproc_image_load_table(struct rproc_image *img, struct bus *bus, struct diag *d)
{
	if (!img->table)
		return 0;
	uint64_t pa;
	if (!rproc_memmap_region(img->map, "rsc-table") &&
	    rproc_memmap_da_to_pa(img->map, img->elf->rsc_da, img->table_size, &pa) != 0) {
		/* rproc_start: no loaded table found, the cached one stays in use */
		diag_warning(d, "the loaded resource table at da 0x%" PRIx64 " (sh_addr of "
			     ".resource_table) does not translate: the host keeps its table to itself "
			     "(as Linux does) and the firmware never sees vring addresses or the "
			     "device status", img->elf->rsc_da);
		return 0;
	}
	if (rproc_image_loaded_table(img, &pa, d) == 0)
		return -1;
	enum bus_status st = bus_write_block(bus, pa, img->table, img->table_size);
	if (st != BUS_OK) {
		diag_error(d, "copying the resource table to pa 0x%" PRIx64 " failed (%s)", pa,
			   bus_status_name(st));
		return -1;
	}
	img->table_pa = pa;
	img->table_loaded = true;
	return 0;
}

static int load_all(const uint8_t *data, size_t size, uint16_t machine, struct rproc_memmap *map,
		    struct rproc_pool *pool, const struct rproc_iommu *iommu, struct bus *bus,
		    struct rproc_image *img, struct diag *d)
{
	rproc_image_init(img, NULL, map, pool);
	rproc_image_set_iommu(img, iommu);
	struct rproc_elf *elf = rproc_elf_open(data, size, machine, d);
	if (!elf)
		return -1;
	img->elf = elf;
	if (rproc_image_parse_rsc(img, d) != 0)
		goto fail;
	if (rproc_image_handle_rsc(img, d) != 0)
		goto fail;
	if (rproc_image_load_segments(img, bus, d) != 0)
		goto release_rsc;
	if (rproc_image_load_table(img, bus, d) != 0)
		goto release_rsc;
	return 0;

release_rsc:
	rproc_image_release_rsc(img);
fail:
	rproc_image_release(img);
	return -1;
}

int rproc_load_firmware(const uint8_t *data, size_t size, uint16_t machine,
			struct rproc_memmap *map, struct rproc_pool *pool, struct bus *bus,
			struct rproc_image *img, struct diag *d)
{
	/* a map of a platform behind an IOMMU: mappings are recorded only
	 * (nothing to map them on) */
	static const struct rproc_iommu record_only = { .present = true };
	return load_all(data, size, machine, map, pool, map->iommu ? &record_only : NULL, bus, img, d);
}

int rproc_sandbox_init(struct rproc_sandbox *s, const struct rproc_platform *p, char *err,
		       size_t errlen)
{
	memset(s, 0, sizeof(*s));
	bus_init(&s->bus, "host");
	rproc_memmap_init(&s->map);
	s->machine = p->machine;
	for (unsigned i = 0; i <= p->nmems && i <= RPROC_PLAT_MAX_MEMS; i++) {
		bool dram = i == p->nmems;
		const char *name = dram ? "dram" : p->mems[i].name;
		uint64_t pa = dram ? p->dram_base : p->mems[i].pa;
		uint64_t size = dram ? p->dram_size : p->mems[i].size;
		if (dram && size == 0)
			break;
		/* a memory inside DRAM is a window of it (a DDR alias on the
		 * remote's code bus): DRAM's RAM backs it */
		if (!dram && pa >= p->dram_base && pa - p->dram_base < p->dram_size &&
		    size <= p->dram_size - (pa - p->dram_base))
			continue;
		struct ram *ram = ram_create(rproc_page_align(size));
		if (!ram) {
			snprintf(err, errlen, "cannot create %s RAM of 0x%" PRIx64 " bytes", name, size);
			goto fail;
		}
		s->rams[s->nrams++] = ram;
		if (bus_map_ram(&s->bus, name, pa, ram, 0, size, err, errlen) != 0)
			goto fail;
	}
	if (rproc_memmap_add_platform(&s->map, p, err, errlen) != 0)
		goto fail;
	if (p->pool_size && (p->pool_base < p->dram_base || p->pool_base - p->dram_base > p->dram_size ||
			     p->pool_size > p->dram_size - (p->pool_base - p->dram_base))) {
		snprintf(err, errlen, "the carveout pool [0x%" PRIx64 ", +0x%" PRIx64 ") is not inside "
			 "DRAM [0x%" PRIx64 ", +0x%" PRIx64 ")", p->pool_base, p->pool_size,
			 p->dram_base, p->dram_size);
		goto fail;
	}
	rproc_pool_init(&s->pool, p->pool_base, p->pool_size);
	for (unsigned i = 0; i < p->nregions && i < RPROC_PLAT_MAX_REGIONS; i++)
		rproc_pool_reserve(&s->pool, p->regions[i].pa, p->regions[i].size);
	return 0;
fail:
	rproc_sandbox_destroy(s);
	return -1;
}

void rproc_sandbox_destroy(struct rproc_sandbox *s)
{
	bus_destroy(&s->bus);
	for (unsigned i = 0; i < s->nrams; i++)
		ram_destroy(s->rams[i]);
	s->nrams = 0;
	rproc_memmap_destroy(&s->map);
	rproc_pool_destroy(&s->pool);
}

int rproc_load_check(const uint8_t *data, size_t size, const struct rproc_platform *p,
		     struct diag *d)
{
	struct rproc_platform def;
	if (!p) {
		rproc_platform_default(&def);
		p = &def;
	}
	struct rproc_sandbox sb;
	char err[256];
	if (rproc_sandbox_init(&sb, p, err, sizeof(err)) != 0) {
		diag_error(d, "platform: %s", err);
		return -1;
	}
	struct rproc_image img;
	/* the sandbox has no remote bus to map windows on: record only */
	struct rproc_iommu iommu = { .present = p->iommu.present };
	int rc = load_all(data, size, p->machine, &sb.map, &sb.pool, &iommu, &sb.bus, &img, d);
	if (rc == 0)
		rproc_image_release(&img);
	rproc_sandbox_destroy(&sb);
	return rc;
}
