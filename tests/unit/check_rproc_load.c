/* The host's load path end to end (parse, carveouts, segments into a bus
 * with RAM, table copy), its unwinding, and the verdict on every corpus
 * file and on seeded random damage to the good corpus image. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_load.h"
#include "sim/core/diag.h"
#include "tests/unit/check_main.h"
#include "tests/unit/rproc_fixture.h"

static uint8_t img[4096];
static uint8_t tb[1024];
static size_t tsz;
static struct fx_elf L;
static struct diag dg;
static struct rproc_sandbox sb;
static struct rproc_image im;
static bool loaded;

static void setup(void)
{
	tsz = fx_table(tb);
	diag_init(&dg, "fw.elf");
	struct rproc_platform p;
	rproc_platform_default(&p);
	char err[256];
	ck_assert_int_eq(rproc_sandbox_init(&sb, &p, err, sizeof(err)), 0);
	loaded = false;
}

static void teardown(void)
{
	if (loaded)
		rproc_image_release(&im);
	rproc_sandbox_destroy(&sb);
	diag_free(&dg);
}

static int load(void)
{
	L = fx_elf(img, 32, tb, tsz);
	int rc = rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus, &im, &dg);
	loaded = rc == 0;
	return rc;
}

static uint32_t rd32(uint64_t pa)
{
	uint8_t b[4];
	ck_assert_int_eq(bus_read_block(&sb.bus, pa, b, 4), BUS_OK);
	return le32_load(b);
}

START_TEST(good_image_loads)
{
	/* stale bytes where the bss goes: the loader must zero them */
	ck_assert_int_eq(bus_fill_block(&sb.bus, 0x40000000, 0xaa, 0x4000), BUS_OK);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);

	/* carveouts: fw-data then the two vrings, first fit, page-aligned */
	ck_assert_uint_eq(im.ncarveouts, 3);
	ck_assert_str_eq(im.carveouts[0].name, "fw-data");
	ck_assert_uint_eq(im.carveouts[0].da, 0x88000000);
	ck_assert_uint_eq(im.carveouts[0].pa, 0x88000000);
	ck_assert(im.carveouts[0].pooled);
	ck_assert_str_eq(im.carveouts[1].name, "vdev0vring0");
	ck_assert_uint_eq(im.carveouts[1].da, 0x88008000);
	ck_assert_uint_eq(im.carveouts[1].size, 0x3000);
	ck_assert_uint_eq(im.carveouts[2].da, 0x8800b000);
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0x8000 + 0x6000);

	/* vdev and trace */
	ck_assert_uint_eq(im.nvdevs, 1);
	ck_assert_uint_eq(im.vdevs[0].vring[0].notifyid, 0);
	ck_assert_uint_eq(im.vdevs[0].vring[1].notifyid, 1);
	ck_assert_uint_eq(im.vdevs[0].vring[1].layout.used, 0x8800d000);
	ck_assert_uint_eq(im.ntraces, 1);
	ck_assert_uint_eq(im.traces[0].pa, 0x40000000 + FX_TRACE_DA);

	/* write-backs in the cached table */
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_DA), 0x88000000);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_PA), 0x88000000);
	ck_assert_uint_eq(le32_load(im.table + FX_VR0 + RSC_VRING_NOTIFYID), 0);
	ck_assert_uint_eq(le32_load(im.table + FX_VR1 + RSC_VRING_NOTIFYID), 1);
	/* vring da is the virtio side's to publish, at vdev start */
	ck_assert_uint_eq(le32_load(im.table + FX_VR0 + RSC_VRING_DA), FW_RSC_ADDR_ANY);

	/* segments: code in the TCM at da 0, data at da 0x1000, bss zeroed */
	ck_assert_uint_eq(rd32(0x40000000), 0x10500073);
	ck_assert_uint_eq(rd32(0x40000004), 0xffdff06f);
	ck_assert(im.table_loaded);
	ck_assert_uint_eq(im.table_pa, 0x40000000 + FX_DATA_DA);
	uint8_t dev[FX_TSIZE];
	ck_assert_int_eq(bus_read_block(&sb.bus, im.table_pa, dev, FX_TSIZE), BUS_OK);
	ck_assert_int_eq(memcmp(dev, im.table, FX_TSIZE), 0);
	ck_assert_uint_eq(rd32(0x40000000 + FX_DATA_DA + FX_TSIZE), 0);
	ck_assert_uint_eq(rd32(0x40000000 + FX_DATA_DA + FX_DATA_MEMSZ - 4), 0);
	ck_assert_uint_eq(rd32(0x40000000 + FX_DATA_DA + FX_DATA_MEMSZ), 0xaaaaaaaa);
	/* the remote-side copy still has the layout the host checked */
	ck_assert_int_eq(rsc_table_same_layout(&im.rsc, dev, FX_TSIZE, &dg), 0);

	/* stop: everything given back */
	rproc_image_release(&im);
	loaded = false;
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
	ck_assert_uint_eq(sb.map.n, 1);
}
END_TEST

START_TEST(reload_gets_same_addresses)
{
	ck_assert_int_eq(load(), 0);
	uint32_t da = im.carveouts[2].da;
	rproc_image_release(&im);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.carveouts[2].da, da);
}
END_TEST

START_TEST(two_vdevs_notifyids)
{
	/* header + 2 offsets, two vdevs with two vrings each */
	memset(tb, 0, sizeof(tb));
	le32_store(tb, 1);
	le32_store(tb + 4, 2);
	le32_store(tb + 16, 24);
	le32_store(tb + 20, 24 + 68);
	for (unsigned v = 0; v < 2; v++) {
		uint8_t *e = tb + 24 + 68 * v;
		le32_store(e, RSC_VDEV);
		le32_store(e + RSC_VDEV_ID, VIRTIO_ID_RPMSG);
		e[RSC_VDEV_NUM_VRINGS] = 2;
		for (unsigned i = 0; i < 2; i++) {
			le32_store(e + 28 + 20 * i + RSC_VRING_DA, FW_RSC_ADDR_ANY);
			le32_store(e + 28 + 20 * i + RSC_VRING_ALIGN, 16);
			le32_store(e + 28 + 20 * i + RSC_VRING_NUM, 8);
			le32_store(e + 28 + 20 * i + RSC_VRING_NOTIFYID, 99);
		}
	}
	tsz = 24 + 2 * 68;
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.nvdevs, 2);
	for (unsigned v = 0; v < 2; v++)
		for (unsigned i = 0; i < 2; i++) {
			ck_assert_uint_eq(im.vdevs[v].vring[i].notifyid, 2 * v + i);
			ck_assert_uint_eq(rd32(im.table_pa + 24 + 68 * v + 28 + 20 * i + RSC_VRING_NOTIFYID),
					  2 * v + i);
		}
	ck_assert_str_eq(im.carveouts[3].name, "vdev1vring1");
	ck_assert_uint_eq(im.carveouts[3].size, 0x1000); /* 230 bytes, one page */
}
END_TEST

START_TEST(fixed_carveouts)
{
	/* rproc_alloc_carveout without a region or an IOMMU: the memory comes
	 * from the pool wherever it fits, the da stays what the firmware
	 * asked, and Linux warns that the two differ */
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x88100000);
	le32_store(tb + FX_CO + RSC_MEM_LEN, 0x1000);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.carveouts[0].pa, 0x88000000);
	ck_assert_uint_eq(im.carveouts[0].da, 0x88100000);
	ck_assert_uint_eq(im.carveouts[1].da, 0x88001000);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_DA), 0x88100000);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_PA), 0x88000000);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "entry 0 (carveout \"fw-data\"): Allocated "
					"carveout doesn't fit device address request"));
	/* the host's own view follows its carveout list: da -> the pool copy */
	uint64_t pa;
	ck_assert_int_eq(rproc_memmap_da_to_pa(&sb.map, 0x88100000, 0x1000, &pa), 0);
	ck_assert_uint_eq(pa, 0x88000000);
	rproc_image_release(&im);
	loaded = false;
	/* where the pool hands out exactly the asked address, nothing differs */
	diag_clear(&dg);
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x88000000);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.carveouts[0].pa, 0x88000000);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
	rproc_image_release(&im);
	loaded = false;
	/* inside a platform memory: nothing to allocate */
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x20000);
	ck_assert_int_eq(load(), 0);
	ck_assert(!im.carveouts[0].pooled);
	ck_assert_uint_eq(im.carveouts[0].pa, 0x40020000);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_PA), 0x40020000);
}
END_TEST

START_TEST(fixed_vring_da)
{
	/* no vdev0vring1 region, no IOMMU: rproc_alloc_vring registers a
	 * carveout rproc_alloc_carveout places in the pool; the table keeps
	 * the da (the remote looks there), the host's ring is elsewhere */
	le32_store(tb + FX_VR1 + RSC_VRING_DA, 0x88200000);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.vdevs[0].vring[1].da, 0x88200000);
	ck_assert_uint_eq(im.vdevs[0].vring[1].pa, 0x8800b000);
	ck_assert_uint_eq(im.vdevs[0].vring[0].da, 0x88008000);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "vring 1: Allocated carveout doesn't fit"));
}
END_TEST

START_TEST(refusals_during_handling)
{
	/* two carveouts at one device address: rpsim refuses what Linux
	 * would register twice */
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x50000000);
	le32_store(tb + FX_VR0 + RSC_VRING_DA, 0x50000000);
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "memory 'vdev0vring0' [da 0x50000000, 0x50003000) "
					"overlaps 'fw-data'"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
	ck_assert_uint_eq(sb.map.n, 1);
}
END_TEST

/* rproc_handle_trace never translates: a trace buffer in no memory boots
 * (issue 16, item 7), with a warning; debugfs says "not available" */
START_TEST(trace_outside_memory_boots)
{
	le32_store(tb + FX_TR + RSC_TRACE_DA, 0x3ff00);
	ck_assert_int_eq(load(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "buffer [da 0x3ff00, 0x40300) does not lie inside one memory"));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	ck_assert_uint_eq(im.ntraces, 1);
	ck_assert(!im.traces[0].pa_valid);
	ck_assert_uint_eq(im.traces[0].da, 0x3ff00);
}
END_TEST

/* rproc_start copies the cached table only where sh_addr translates; a
 * table that does not is skipped, the boot goes on (issue 16, item 7) */
START_TEST(untranslatable_loaded_table_skipped)
{
	L = fx_elf(img, 32, tb, tsz);
	le32_store(img + L.shoff + 2 * L.shentsize + FX_SH_ADDR, 0x60000000);
	ck_assert_int_eq(rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus,
					     &im, &dg), 0);
	loaded = true;
	ck_assert(!im.table_loaded);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "sh_addr is 0x60000000 but program header 1 loads the table at da 0x1000"));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "the loaded resource table at da 0x60000000"));
	/* the copy in device memory is the file's, untouched */
	uint8_t dev[FX_TSIZE];
	ck_assert_int_eq(bus_read_block(&sb.bus, 0x40000000 + FX_DATA_DA, dev, FX_TSIZE), BUS_OK);
	ck_assert_int_eq(memcmp(dev, tb, FX_TSIZE), 0);
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_DA), 0x88000000);
}
END_TEST

START_TEST(unwinds_when_a_vring_does_not_fit)
{
	le32_store(tb + FX_CO + RSC_MEM_LEN, 0x08000000 - 0x4000);
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "vring 1: no room for 0x3000 bytes"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
	ck_assert_uint_eq(sb.map.n, 1);
}
END_TEST

START_TEST(unwinds_when_a_segment_does_not_translate)
{
	L = fx_elf(img, 32, tb, tsz);
	le32_store(img + L.phoff + FX_PH_PADDR, 0x40000 - 8); /* code runs past the TCM */
	ck_assert_int_eq(rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus,
					     &im, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "program header 0 (offset 0x34): segment [da 0x3fff8, 0x40008)"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
	ck_assert_uint_eq(sb.map.n, 1);
	/* nothing was written: the other segment translates but is not loaded */
	ck_assert_uint_eq(rd32(0x40000000 + FX_DATA_DA), 0);
}
END_TEST

START_TEST(segment_in_a_carveout)
{
	/* data linked into DRAM where the firmware fixes its carveout */
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x88000000);
	le32_store(tb + FX_TR + RSC_TRACE_DA, 0x88000400);
	L = fx_elf(img, 32, tb, tsz);
	uint8_t *ph1 = img + L.phoff + L.phentsize;
	le32_store(ph1 + 8, 0x88000000);
	le32_store(ph1 + FX_PH_PADDR, 0x88000000);
	le32_store(img + L.shoff + 2 * L.shentsize + FX_SH_ADDR, 0x88000000);
	ck_assert_int_eq(rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus,
					     &im, &dg), 0);
	loaded = true;
	ck_assert_uint_eq(im.table_pa, 0x88000000);
	ck_assert_uint_eq(rd32(0x88000000), 1);
	ck_assert_uint_eq(im.traces[0].pa, 0x88000400);
}
END_TEST

/* rproc_handle_devmem without an IOMMU domain: -EINVAL, the boot fails
 * (issue 16, item 1) */
START_TEST(devmem_without_iommu_refused)
{
	le32_store(tb + FX_CO, RSC_DEVMEM);
	ck_assert_int_eq(load(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "the remote has no IOMMU"));
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
}
END_TEST

struct iommu_log {
	int maps, unmaps, fail;
	uint64_t da, pa, len;
	uint32_t flags;
};

static int log_map(void *ctx, uint64_t da, uint64_t pa, uint64_t len, uint32_t flags, char *err,
		   size_t errlen)
{
	struct iommu_log *l = ctx;
	if (l->fail) {
		snprintf(err, errlen, "no such window");
		return -EINVAL;
	}
	l->maps++;
	l->da = da, l->pa = pa, l->len = len, l->flags = flags;
	return 0;
}

static void log_unmap(void *ctx, uint64_t da, uint64_t len)
{
	struct iommu_log *l = ctx;
	ck_assert_uint_eq(da, l->da);
	ck_assert_uint_eq(len, l->len);
	l->unmaps++;
}

/* With an IOMMU the entry is mapped da -> pa as it says, and unmapped
 * when the resources are released; a refused mapping fails the boot */
START_TEST(devmem_mapped_through_the_iommu)
{
	struct iommu_log l = { 0 };
	struct rproc_iommu iommu = { .present = true, .map = log_map, .unmap = log_unmap, .ctx = &l };
	le32_store(tb + FX_CO, RSC_DEVMEM);
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x20000000);
	le32_store(tb + FX_CO + RSC_MEM_PA, 0x50002000);
	le32_store(tb + FX_CO + RSC_MEM_LEN, 0x1000);
	le32_store(tb + FX_CO + RSC_MEM_FLAGS, 3);
	L = fx_elf(img, 32, tb, tsz);
	struct rproc_elf *elf = rproc_elf_open(img, L.size, RPROC_EM_RISCV, &dg);
	ck_assert_ptr_nonnull(elf);
	rproc_image_init(&im, elf, &sb.map, &sb.pool);
	rproc_image_set_iommu(&im, &iommu);
	loaded = true;
	ck_assert_int_eq(rproc_image_parse_rsc(&im, &dg), 0);
	ck_assert_int_eq(rproc_image_handle_rsc(&im, &dg), 0);
	ck_assert_int_eq(l.maps, 1);
	ck_assert_uint_eq(l.da, 0x20000000);
	ck_assert_uint_eq(l.pa, 0x50002000);
	ck_assert_uint_eq(l.len, 0x1000);
	ck_assert_uint_eq(l.flags, 3);
	ck_assert_uint_eq(im.nmappings, 1);
	ck_assert_uint_eq(im.ncarveouts, 2); /* the vrings; devmem is no carveout */
	/* Linux's rproc_da_to_va does not look at mappings */
	uint64_t pa;
	ck_assert_int_eq(rproc_memmap_da_to_pa(&sb.map, 0x20000000, 4, &pa), -1);
	rproc_image_release(&im);
	loaded = false;
	ck_assert_int_eq(l.unmaps, 1);
	/* the platform refuses the mapping: the boot fails, nothing is left */
	l.fail = 1;
	elf = rproc_elf_open(img, L.size, RPROC_EM_RISCV, &dg);
	rproc_image_init(&im, elf, &sb.map, &sb.pool);
	rproc_image_set_iommu(&im, &iommu);
	loaded = true;
	ck_assert_int_eq(rproc_image_parse_rsc(&im, &dg), 0);
	ck_assert_int_eq(rproc_image_handle_rsc(&im, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "failed to map devmem: -22"));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "no such window"));
	ck_assert_uint_eq(im.nmappings, 0);
	ck_assert_uint_eq(rproc_pool_used(&sb.pool), 0);
	/* rpsim inspect's sandbox: recorded, nothing to call */
	struct rproc_platform p;
	rproc_platform_default(&p);
	p.iommu.present = true;
	ck_assert_int_eq(rproc_load_check(img, L.size, &p, &dg), 0);
}
END_TEST

/* The handler table, indexed by type as Linux's rproc_loading_handlers;
 * trace buffers in the second pass. */
START_TEST(handler_table_by_type)
{
	ck_assert_ptr_nonnull(rproc_rsc_handler(RSC_CARVEOUT));
	ck_assert_uint_eq(rproc_rsc_handler(RSC_CARVEOUT)->pass, 0);
	ck_assert_uint_eq(rproc_rsc_handler(RSC_DEVMEM)->pass, 0);
	ck_assert_uint_eq(rproc_rsc_handler(RSC_VDEV)->pass, 0);
	ck_assert_uint_eq(rproc_rsc_handler(RSC_TRACE)->pass, 1);
	ck_assert_ptr_null(rproc_rsc_handler(RSC_LAST));
	ck_assert_ptr_null(rproc_rsc_handler(5));
	ck_assert_ptr_null(rproc_rsc_handler(RSC_VENDOR_START));
	ck_assert_ptr_null(rproc_rsc_handler(RSC_VENDOR_END));
	ck_assert_ptr_null(rproc_rsc_handler(UINT32_MAX));
}
END_TEST

/* A type nothing handles is skipped, as Linux does; the rest boots. */
START_TEST(unknown_type_skipped)
{
	le32_store(tb + FX_CO, 42);
	ck_assert_int_eq(load(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "unsupported resource 42 skipped"));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	ck_assert_uint_eq(im.ncarveouts, 2); /* the two vrings only */
	ck_assert_str_eq(im.carveouts[0].name, "vdev0vring0");
	ck_assert_uint_eq(im.ntraces, 1);
	/* its bytes stay as the firmware wrote them */
	ck_assert_uint_eq(le32_load(im.table + FX_CO + RSC_MEM_DA), FW_RSC_ADDR_ANY);
	rproc_image_release(&im);
	loaded = false;
	le32_store(tb + FX_CO, RSC_VENDOR_START + 1);
	ck_assert_int_eq(load(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "unsupported vendor resource 129 skipped"));
	ck_assert_uint_eq(im.ncarveouts, 2);
}
END_TEST

/* A trace buffer inside a carveout declared after it in the table. */
START_TEST(trace_in_a_later_carveout)
{
	le32_store(tb + 16, FX_TR);
	le32_store(tb + 20, FX_CO);
	le32_store(tb + FX_CO + RSC_MEM_DA, 0x88000000);
	le32_store(tb + FX_TR + RSC_TRACE_DA, 0x88000400);
	ck_assert_int_eq(load(), 0);
	ck_assert_uint_eq(im.ntraces, 1);
	ck_assert_uint_eq(im.traces[0].pa, 0x88000400);
}
END_TEST

START_TEST(no_table_boots)
{
	L = fx_elf(img, 32, tb, tsz);
	img[L.strtab_off + 8] = 'X'; /* .Xesource_table */
	ck_assert_int_eq(rproc_load_firmware(img, L.size, RPROC_EM_RISCV, &sb.map, &sb.pool, &sb.bus,
					     &im, &dg), 0);
	loaded = true;
	ck_assert(!im.table_loaded);
	ck_assert_uint_eq(im.ncarveouts, 0);
}
END_TEST

START_TEST(wrong_machine_refused)
{
	L = fx_elf(img, 32, tb, tsz);
	le16_store(img + 18, 40);
	ck_assert_int_eq(rproc_load_check(img, L.size, NULL, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "e_machine"));
	struct rproc_platform p;
	rproc_platform_default(&p);
	p.machine = 40;
	diag_clear(&dg);
	ck_assert_int_eq(rproc_load_check(img, L.size, &p, &dg), 0);
}
END_TEST

START_TEST(bad_platform_reported)
{
	struct rproc_platform p;
	rproc_platform_default(&p);
	p.pool_base = 0x70000000;
	ck_assert_int_eq(rproc_load_check(img, 0, &p, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "not inside DRAM"));
}
END_TEST

/* ---- the corpus (files generated into the build dir by make check) */

static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	uint8_t *b = malloc(cap);
	size_t k;
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			uint8_t *nb = realloc(b, cap *= 2);
			if (!nb)
				free(b);
			b = nb;
		}
	}
	fclose(f);
	*size = n;
	return b;
}

static const char *dir_of(const char *var)
{
	const char *v = getenv(var);
	return v ? v : ".";
}

START_TEST(corpus_verdicts)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/corpus/expect.txt", dir_of("top_srcdir"));
	FILE *ex = fopen(path, "r");
	ck_assert_msg(ex != NULL, "cannot open %s", path);
	char line[512];
	unsigned n = 0;
	while (fgets(line, sizeof(line), ex)) {
		char name[128];
		int status, pos = 0;
		if (line[0] == '#' || sscanf(line, "%127s %d %n", name, &status, &pos) < 2)
			continue;
		char *text = line + pos;
		text[strcspn(text, "\n")] = '\0';
		snprintf(path, sizeof(path), "%s/tests/corpus/out/%s.elf", dir_of("top_builddir"), name);
		size_t size = 0;
		uint8_t *data = slurp(path, &size);
		ck_assert_msg(data != NULL, "cannot read %s (make check generates it)", path);
		struct diag d;
		diag_init(&d, name);
		int rc = rproc_load_check(data, size, NULL, &d);
		ck_assert_msg((rc == 0) == (status == 0), "%s: load path says %d, expected exit %d", name,
			      rc, status);
		if (strncmp(text, "verdict:", 8) != 0)
			ck_assert_msg(diag_find(&d, DIAG_NSEV, text), "%s: no message with '%s'", name, text);
		diag_free(&d);
		free(data);
		n++;
	}
	fclose(ex);
	ck_assert_uint_gt(n, 60);
}
END_TEST

static uint8_t *good_corpus_image(size_t *size)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/corpus/fw-good.elf", dir_of("top_builddir"));
	uint8_t *data = slurp(path, size);
	ck_assert_msg(data != NULL, "cannot read %s", path);
	return data;
}

START_TEST(corpus_every_truncation)
{
	size_t size;
	uint8_t *data = good_corpus_image(&size);
	for (size_t n = 0; n <= size; n++) {
		struct diag d;
		diag_init(&d, NULL);
		int rc = rproc_load_check(data, n, NULL, &d);
		ck_assert_int_eq(rc, n == size ? 0 : -1);
		ck_assert_int_eq(rc == -1, diag_has_errors(&d));
		diag_free(&d);
	}
	free(data);
}
END_TEST

START_TEST(corpus_random_flips)
{
	size_t size;
	uint8_t *good = good_corpus_image(&size);
	uint8_t *data = malloc(size);
	uint64_t x = 20261123;
	unsigned refused = 0;
	for (int round = 0; round < 3000; round++) {
		memcpy(data, good, size);
		for (int k = 0; k < 1 + round % 6; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* half of the damage in the first 0x1200 bytes: headers, code, table */
			size_t pos = (x & 1) ? (size_t)((x >> 8) % size) : (size_t)((x >> 8) % 0x1200 % size);
			data[pos] = (uint8_t)(x >> 32);
		}
		struct diag d;
		diag_init(&d, NULL);
		int rc = rproc_load_check(data, size, NULL, &d);
		ck_assert_int_eq(rc == -1, diag_has_errors(&d));
		refused += rc != 0;
		diag_free(&d);
	}
	ck_assert_uint_gt(refused, 100);
	free(data);
	free(good);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc_load");
	TCase *tc = tcase_create("path");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_image_loads);
	tcase_add_test(tc, reload_gets_same_addresses);
	tcase_add_test(tc, two_vdevs_notifyids);
	tcase_add_test(tc, fixed_carveouts);
	tcase_add_test(tc, fixed_vring_da);
	tcase_add_test(tc, refusals_during_handling);
	tcase_add_test(tc, unwinds_when_a_vring_does_not_fit);
	tcase_add_test(tc, unwinds_when_a_segment_does_not_translate);
	tcase_add_test(tc, segment_in_a_carveout);
	tcase_add_test(tc, devmem_without_iommu_refused);
	tcase_add_test(tc, devmem_mapped_through_the_iommu);
	tcase_add_test(tc, trace_outside_memory_boots);
	tcase_add_test(tc, untranslatable_loaded_table_skipped);
	tcase_add_test(tc, handler_table_by_type);
	tcase_add_test(tc, unknown_type_skipped);
	tcase_add_test(tc, trace_in_a_later_carveout);
	tcase_add_test(tc, no_table_boots);
	tcase_add_test(tc, wrong_machine_refused);
	tcase_add_test(tc, bad_platform_reported);
	suite_add_tcase(s, tc);

	tc = tcase_create("corpus");
	tcase_add_test(tc, corpus_verdicts);
	tcase_add_test(tc, corpus_every_truncation);
	tcase_add_test(tc, corpus_random_flips);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}
