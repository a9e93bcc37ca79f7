/* The host's handling of the platform's named reserved-memory regions,
 * case by case as Linux's remoteproc core does it (the regions come from
 * a device tree's memory-region, registered as a platform driver's
 * prepare does):
 *
 *   fixed vring da     | vdevNvringM region        | no region
 *   -------------------+---------------------------+------------------------------
 *   no IOMMU           | the region (its start)    | pool memory, da kept, warning
 *   IOMMU              | the region (its start)    | pool memory, da kept, mapped
 *
 * (rproc_alloc_vring, rproc_check_carveout_da, rproc_alloc_carveout), the
 * carveouts a region serves by name (rproc_handle_carveout), the
 * rsc-table region (imx_rproc_elf_find_loaded_rsc_table), and the pool
 * that never hands reserved memory out. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "models/host/rproc_load.h"
#include "sim/core/diag.h"
#include "tests/unit/check_main.h"
#include "tests/unit/rproc_fixture.h"

static uint8_t img[4096];
static uint8_t tb[1024];
static size_t tsz;
static struct diag dg;
static struct rproc_sandbox sb;
static struct rproc_image im;
static bool loaded, have_sb;
static struct rproc_platform plat;

enum {
	VR0 = 0x87f00000, /* vdev0vring0: below the pool */
	VR1 = 0x8f000000, /* vdev0vring1: inside the pool */
	BUF = 0x8f004000, /* vdev0buffer */
	DATA = 0x87e00000,
};

static void setup(void)
{
	tsz = fx_table(tb);
	diag_init(&dg, "fw.elf");
	rproc_platform_default(&plat);
	loaded = have_sb = false;
}

static void teardown(void)
{
	if (loaded)
		rproc_image_release(&im);
	if (have_sb)
		rproc_sandbox_destroy(&sb);
	diag_free(&dg);
}

static void region(const char *name, uint64_t pa, uint64_t size)
{
	unsigned i = plat.nregions++;
	plat.regions[i].name = name;
	plat.regions[i].da = pa; /* DRAM: da == pa */
	plat.regions[i].pa = pa;
	plat.regions[i].size = size;
}

static void sandbox(void)
{
	char err[256];
	ck_assert_int_eq(rproc_sandbox_init(&sb, &plat, err, sizeof(err)), 0);
	have_sb = true;
}

static int load(void)
{
	struct fx_elf L = fx_elf(img, 32, tb, tsz);
	int rc = rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus, &im, &dg);
	loaded = rc == 0;
	return rc;
}

static void vring_da(unsigned i, uint32_t da)
{
	le32_store(tb + (i ? FX_VR1 : FX_VR0) + RSC_VRING_DA, da);
}

/* --- the four cases of a fixed vring da --- */

START_TEST(region_no_iommu)
{
	region("vdev0vring0", VR0, 0x4000);
	region("vdev0vring1", VR1, 0x4000);
	sandbox();
	vring_da(0, VR0);
	vring_da(1, FW_RSC_ADDR_ANY); /* a region serves ANY too */
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.vdevs[0].vring[0].da, VR0);
	ck_assert_uint_eq(im.vdevs[0].vring[0].pa, VR0);
	ck_assert_uint_eq(im.vdevs[0].vring[1].da, VR1);
	ck_assert_uint_eq(im.vdevs[0].vring[1].pa, VR1);
	ck_assert(im.carveouts[1].region && !im.carveouts[1].pooled);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
	/* only fw-data came from the pool */
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0x8000 + 0x4000 /* VR1 reserved */);
}
END_TEST

START_TEST(region_with_iommu)
{
	plat.iommu.present = true;
	region("vdev0vring0", VR0, 0x4000);
	sandbox();
	vring_da(0, VR0 + 0x1000); /* inside the region, not at its start */
	ck_assert_int_eq(load(), 0);
	/* the registered entry's da and va: the region's start (rp_find_vq) */
	ck_assert_uint_eq(im.vdevs[0].vring[0].da, VR0);
	ck_assert(im.carveouts[1].region && !im.carveouts[1].iommu);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
}
END_TEST

START_TEST(no_region_no_iommu)
{
	sandbox();
	vring_da(0, VR0);
	ck_assert_int_eq(load(), 0);
	/* dma_alloc_coherent from the pool; the table keeps the asked da */
	ck_assert_uint_eq(im.vdevs[0].vring[0].da, VR0);
	ck_assert_uint_eq(im.vdevs[0].vring[0].pa, 0x88008000);
	ck_assert(im.carveouts[1].pooled && !im.carveouts[1].iommu);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "vring 0: Allocated carveout doesn't fit "
					"device address request (rproc_alloc_carveout): the host's memory is at "
					"pa 0x88008000, the remote looks at da 0x87f00000"));
}
END_TEST

START_TEST(no_region_with_iommu)
{
	plat.iommu.present = true;
	sandbox();
	vring_da(0, VR0);
	ck_assert_int_eq(load(), 0);
	/* iommu_map(da -> dma): the remote finds the ring where it asked */
	ck_assert_uint_eq(im.vdevs[0].vring[0].da, VR0);
	ck_assert_uint_eq(im.vdevs[0].vring[0].pa, 0x88008000);
	ck_assert(im.carveouts[1].pooled && im.carveouts[1].iommu);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
	/* through the platform's IOMMU (struct rproc_iommu), undone with the
	 * resources */
	ck_assert_uint_eq(im.nmappings, 1);
	ck_assert_uint_eq(im.mappings[0].da, VR0);
	ck_assert_uint_eq(im.mappings[0].pa, 0x88008000);
	uint64_t pa;
	ck_assert_int_eq(rproc_memmap_da_to_pa(&sb.map, VR0, 0x3000, &pa), 0);
	ck_assert_uint_eq(pa, 0x88008000);
	/* FW_RSC_ADDR_ANY behind an IOMMU is still da == pa */
	ck_assert_uint_eq(im.carveouts[0].da, im.carveouts[0].pa);
	ck_assert(!im.carveouts[0].iommu);
}
END_TEST

/* --- rproc_check_carveout_da refusals --- */

START_TEST(vring_region_too_small)
{
	region("vdev0vring0", VR0, 0x1000);
	sandbox();
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "vring 0: Registered carveout doesn't fit len "
					"request (rproc_check_carveout_da): 0x3000 bytes asked, region "
					"\"vdev0vring0\" has 0x1000"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0); /* unwound */
}
END_TEST

START_TEST(vring_da_outside_region)
{
	region("vdev0vring0", VR0, 0x4000);
	sandbox();
	vring_da(0, VR0 - 0x1000);
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "Registered carveout doesn't fit da request"));
	diag_clear(&dg);
	vring_da(0, VR0 + 0x2000); /* starts inside, ends beyond */
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "[da 0x87f02000, +0x3000) ends beyond region"));
}
END_TEST

/* --- carveouts served by name --- */

START_TEST(carveout_by_name)
{
	region("fw-data", DATA, 0x10000);
	sandbox();
	ck_assert_int_eq(load(), 0);
	ck_assert(im.carveouts[0].region);
	ck_assert_uint_eq(im.carveouts[0].pa, DATA);
	/* rproc_alloc_registered_carveouts writes the entry's da, pa and len */
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_DA), DATA);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_PA), DATA);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_LEN), 0x10000);
	/* the vrings then come first-fit from the pool */
	ck_assert_uint_eq(im.vdevs[0].vring[0].pa, 0x88000000);
	/* a release keeps the region registered, and translatable */
	rproc_image_release(&im);
	loaded = false;
	uint64_t pa;
	ck_assert_int_eq(rproc_memmap_da_to_pa(&sb.map, DATA + 0x100, 4, &pa), 0);
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
}
END_TEST

START_TEST(carveout_region_refusals)
{
	region("fw-data", DATA, 0x4000);
	sandbox();
	ck_assert_int_eq(load(), -1); /* 0x8000 asked */
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "entry 0 (carveout \"fw-data\"): Registered "
					"carveout doesn't fit len request"));
	diag_clear(&dg);
	le32_store(tb + FX_CO + RSC_MEM_LEN, 0x1000);
	le32_store(tb + FX_CO + RSC_MEM_DA, DATA - 0x1000);
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "Registered carveout doesn't fit da request"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
}
END_TEST

/* A table of two carveouts with one name (no vdev, no trace). */
static size_t two_carveouts(uint8_t *t, const char *name)
{
	memset(t, 0, 136);
	le32_store(t + 0, 1);
	le32_store(t + 4, 2);
	le32_store(t + 16, 24);
	le32_store(t + 20, 80);
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *e = t + 24 + 56 * i;
		le32_store(e, RSC_CARVEOUT);
		le32_store(e + RSC_MEM_DA, FW_RSC_ADDR_ANY);
		le32_store(e + RSC_MEM_PA, FW_RSC_ADDR_ANY);
		le32_store(e + RSC_MEM_LEN, 0x1000);
		fx_name(e + RSC_MEM_NAME, name);
	}
	return 136;
}

START_TEST(carveout_already_associated)
{
	region("shared", DATA, 0x4000);
	sandbox();
	tsz = two_carveouts(tb, "shared");
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "entry 1 (carveout \"shared\"): Carveout "
					"already associated to resource table"));
	/* without the region, both come from the pool */
	diag_clear(&dg);
	rproc_sandbox_destroy(&sb);
	have_sb = false;
	plat.nregions = 0;
	sandbox();
	ck_assert_int_eq(load(), 0);
	ck_assert(im.carveouts[0].pooled && im.carveouts[1].pooled);
	ck_assert_uint_ne(im.carveouts[0].pa, im.carveouts[1].pa);
}
END_TEST

/* --- the rsc-table region --- */

START_TEST(rsc_table_region)
{
	region("rsc-table", DATA, 0x1000);
	sandbox();
	ck_assert_int_eq(load(), 0);
	/* the cached table goes to the region, not to the section's place */
	ck_assert_uint_eq(im.table_pa, DATA);
	uint8_t dev[FX_TSIZE];
	ck_assert_int_eq(bus_read_block(&sb.bus, DATA, dev, FX_TSIZE), BUS_OK);
	ck_assert_int_eq(memcmp(dev, im.table, FX_TSIZE), 0);
	/* it is not memory firmware loads into */
	uint64_t pa;
	ck_assert_int_ne(rproc_memmap_da_to_pa(&sb.map, DATA, 4, &pa), 0);
	rproc_image_release(&im);
	loaded = false;
	rproc_sandbox_destroy(&sb);
	have_sb = false;
	plat.regions[0].size = 0x40; /* smaller than the 200-byte table */
	sandbox();
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "the resource table (200 bytes) does not fit "
					"the rsc-table region (0x40 bytes)"));
}
END_TEST

/* --- the pool and the map --- */

START_TEST(pool_keeps_reserved)
{
	/* regions at the pool's start: the carveouts go above them */
	region("vdev0buffer", 0x88000000, 0x40000);
	region("other", 0x88040000, 0x1000);
	sandbox();
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.carveouts[0].pa, 0x88041000);
	/* vdev0buffer is registered by name only: no translation */
	uint64_t pa;
	ck_assert_int_ne(rproc_memmap_da_to_pa(&sb.map, 0x88000000, 4, &pa), 0);
	ck_assert_ptr_nonnull(rproc_memmap_region(&sb.map, "vdev0buffer"));
	ck_assert(rproc_memmap_region(&sb.map, "vdev0buffer")->unmapped);
	/* a mapped region translates */
	ck_assert_int_eq(rproc_memmap_da_to_pa(&sb.map, 0x88040010, 4, &pa), 0);
	ck_assert_uint_eq(pa, 0x88040010);
	/* reserving again what is taken fails; outside the pool is a no-op */
	ck_assert_int_ne(rproc_pool_reserve(&sb.pool, 0x88000000, 0x1000), 0);
	ck_assert_int_eq(rproc_pool_reserve(&sb.pool, 0x80000000, 0x1000), 0);
}
END_TEST

START_TEST(map_rules)
{
	struct rproc_memmap m;
	rproc_memmap_init(&m);
	char err[128];
	ck_assert_int_eq(rproc_memmap_add(&m, "tcm", 0, 0x40000000, 0x40000, RPROC_MEM_PLATFORM, err,
					  sizeof(err)), 0);
	/* a region inside a platform memory (an rsc-table in the TCM) */
	ck_assert_int_eq(rproc_memmap_add_region(&m, "inner", 0x1000, 0x40001000, 0x1000, false, err,
						 sizeof(err)), 0);
	/* two regions of one name, two mapped regions over each other */
	ck_assert_int_ne(rproc_memmap_add_region(&m, "inner", 0x8000, 0x40008000, 0x1000, false, err,
						 sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "a second region named 'inner'"));
	ck_assert_int_ne(rproc_memmap_add_region(&m, "over", 0x1800, 0x40001800, 0x1000, false, err,
						 sizeof(err)), 0);
	/* an unmapped one overlaps nothing */
	ck_assert_int_eq(rproc_memmap_add_region(&m, "rsc-table", 0x1800, 0x40001800, 0x100, true, err,
						 sizeof(err)), 0);
	/* translation: the platform memory first, as rproc_da_to_va */
	const struct rproc_mem *r = rproc_memmap_find(&m, 0x1000, 4);
	ck_assert_str_eq(r->name, "tcm");
	/* a carveout over a region is refused */
	ck_assert_int_ne(rproc_memmap_add(&m, "c", 0x1000, 0x88000000, 0x1000, RPROC_MEM_CARVEOUT, err,
					  sizeof(err)), 0);
	rproc_memmap_destroy(&m);
}
END_TEST

START_TEST(platform_regions_map)
{
	region("vdev0vring0", VR0, 0x4000);
	region("vdev1buffer", BUF, 0x40000);
	region("rsc-table", DATA, 0x1000);
	plat.iommu.present = true;
	struct rproc_memmap m;
	rproc_memmap_init(&m);
	char err[128];
	ck_assert_int_eq(rproc_memmap_add_platform(&m, &plat, err, sizeof(err)), 0);
	ck_assert(m.iommu);
	ck_assert_uint_eq(m.n, 4);
	ck_assert(!rproc_memmap_region(&m, "vdev0vring0")->unmapped);
	ck_assert(rproc_memmap_region(&m, "vdev1buffer")->unmapped);
	ck_assert(rproc_memmap_region(&m, "rsc-table")->unmapped);
	ck_assert_ptr_null(rproc_memmap_region(&m, "tcm")); /* a memory, not a region */
	rproc_memmap_destroy(&m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc_regions");
	TCase *tc = tcase_create("vrings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, region_no_iommu);
	tcase_add_test(tc, region_with_iommu);
	tcase_add_test(tc, no_region_no_iommu);
	tcase_add_test(tc, no_region_with_iommu);
	tcase_add_test(tc, vring_region_too_small);
	tcase_add_test(tc, vring_da_outside_region);
	suite_add_tcase(s, tc);
	tc = tcase_create("carveouts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, carveout_by_name);
	tcase_add_test(tc, carveout_region_refusals);
	tcase_add_test(tc, carveout_already_associated);
	tcase_add_test(tc, rsc_table_region);
	tcase_add_test(tc, pool_keeps_reserved);
	tcase_add_test(tc, map_rules);
	tcase_add_test(tc, platform_regions_map);
	suite_add_tcase(s, tc);
	return s;
}
