/* Bus decoding (hits, misses, access sizes, overlaps) and RAM (sparse
 * storage, little-endian helpers, bounds, decoded-code watchers). */
#include <check.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "sim/core/le.h"
#include "tests/unit/check_main.h"

/* A test device: 16 bytes of registers; remembers the last access. */
struct tdev {
	uint8_t regs[16];
	uint64_t last_off;
	unsigned last_size;
	sim_time_t last_t;
	int reads, writes;
};

static enum bus_status tdev_read(void *o, uint64_t off, unsigned size, uint64_t *val, sim_time_t t)
{
	struct tdev *d = o;
	d->reads++;
	d->last_off = off;
	d->last_size = size;
	d->last_t = t;
	*val = le_load(d->regs + off, size);
	return BUS_OK;
}

static enum bus_status tdev_write(void *o, uint64_t off, unsigned size, uint64_t val, sim_time_t t)
{
	struct tdev *d = o;
	d->writes++;
	d->last_off = off;
	d->last_size = size;
	d->last_t = t;
	if (off == 12)
		return BUS_DEVICE_ERROR; /* a read-only register */
	le_store(d->regs + off, size, val);
	return BUS_OK;
}

static const struct mmio_ops tdev_ops = {
	.name = "tdev", .min_size = 4, .max_size = 4,
	.read = tdev_read, .write = tdev_write,
};

static const struct mmio_ops tdev_any_ops = {
	.name = "tdev-any", .min_size = 1, .max_size = 8, .unaligned_ok = true,
	.read = tdev_read, .write = tdev_write,
};

START_TEST(device_hits_and_misses)
{
	struct bus bus;
	struct tdev d = { 0 };
	char err[256];
	uint64_t v;
	bus_init(&bus, "pa");
	ck_assert_int_eq(bus_map_device(&bus, "tdev", 0x1000, 16, &tdev_ops, &d, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_write(&bus, 0x1004, 4, 0xdeadbeef, 99), BUS_OK);
	ck_assert_uint_eq(d.last_off, 4);
	ck_assert_uint_eq(d.last_t, 99);
	ck_assert_int_eq(bus_read(&bus, 0x1004, 4, &v, 100), BUS_OK);
	ck_assert_uint_eq(v, 0xdeadbeef);
	/* misses on either side and past the end */
	ck_assert_int_eq(bus_read(&bus, 0xffc, 4, &v, 0), BUS_UNMAPPED);
	ck_assert_int_eq(bus_read(&bus, 0x1010, 4, &v, 0), BUS_UNMAPPED);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(bus_write(&bus, 0, 4, 1, 0), BUS_UNMAPPED);
	ck_assert_int_eq(bus_read(&bus, UINT64_MAX, 1, &v, 0), BUS_UNMAPPED);
	/* sizes the device refuses, misalignment, odd sizes */
	ck_assert_int_eq(bus_read(&bus, 0x1004, 2, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, 0x1004, 1, 0, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, 0x1000, 8, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, 0x1002, 4, &v, 0), BUS_MISALIGNED);
	ck_assert_int_eq(bus_read(&bus, 0x1000, 3, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_read(&bus, 0x1000, 0, &v, 0), BUS_BAD_SIZE);
	/* an access straddling the end of the region */
	ck_assert_int_eq(bus_read(&bus, 0x100e, 4, &v, 0), BUS_UNMAPPED);
	/* the device's own refusal passes through */
	ck_assert_int_eq(bus_write(&bus, 0x100c, 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(d.reads, 1);
	ck_assert_int_eq(d.writes, 2);
	ck_assert_str_eq(bus_status_name(BUS_MISALIGNED), "misaligned device access");
	bus_destroy(&bus);
}
END_TEST

START_TEST(device_any_size)
{
	struct bus bus;
	struct tdev d = { 0 };
	char err[256];
	uint64_t v;
	bus_init(&bus, "pa");
	ck_assert_int_eq(bus_map_device(&bus, "t", 0x0, 16, &tdev_any_ops, &d, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_write(&bus, 0x1, 8, 0x1122334455667788ULL, 0), BUS_OK);
	ck_assert_int_eq(bus_read(&bus, 0x3, 2, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x5566);
	bus_destroy(&bus);
}
END_TEST

START_TEST(overlaps_refused)
{
	struct bus bus;
	struct tdev d = { 0 };
	char err[256];
	bus_init(&bus, "pa");
	ck_assert_int_eq(bus_map_device(&bus, "a", 0x1000, 0x100, &tdev_ops, &d, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_device(&bus, "c", 0x3000, 0x100, &tdev_ops, &d, err, sizeof(err)), 0);
	/* overlapping the start, the end, inside, around */
	const uint64_t bad[][2] = {
		{ 0x0f00, 0x101 }, { 0x10ff, 0x10 }, { 0x1010, 0x10 }, { 0x0, 0x10000 }, { 0x2fff, 2 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ck_assert_int_eq(bus_map_device(&bus, "b", bad[i][0], bad[i][1], &tdev_ops, &d, err, sizeof(err)), -1);
		ck_assert_msg(strstr(err, "overlaps") != NULL, "case %zu: %s", i, err);
	}
	ck_assert_ptr_nonnull(strstr(err, "\"c\""));
	/* touching neighbours are fine */
	ck_assert_int_eq(bus_map_device(&bus, "b", 0x1100, 0x1f00, &tdev_ops, &d, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_device(&bus, "z", 0x0, 0x1000, &tdev_ops, &d, err, sizeof(err)), 0);
	/* zero size, wrapping size */
	ck_assert_int_eq(bus_map_device(&bus, "e", 0x9000, 0, &tdev_ops, &d, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "zero"));
	ck_assert_int_eq(bus_map_device(&bus, "w", UINT64_MAX - 4, 16, &tdev_ops, &d, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "wrapping"));
	/* a region ending exactly at the top of the address space is fine */
	ck_assert_int_eq(bus_map_device(&bus, "top", UINT64_MAX - 15, 16, &tdev_ops, &d, err, sizeof(err)), 0);
	ck_assert_str_eq(bus_find(&bus, UINT64_MAX)->name, "top");
	ck_assert_uint_eq(bus.nregions, 5);
	/* regions are kept sorted and every one is found */
	for (unsigned i = 1; i < bus.nregions; i++)
		ck_assert_uint_lt(bus.regions[i - 1].base, bus.regions[i].base);
	ck_assert_str_eq(bus_find(&bus, 0x10ff)->name, "a");
	ck_assert_str_eq(bus_find(&bus, 0x1100)->name, "b");
	ck_assert_str_eq(bus_find(&bus, 0x30ff)->name, "c");
	ck_assert_ptr_null(bus_find(&bus, 0x3100));
	bus_destroy(&bus);
}
END_TEST

START_TEST(ram_regions_and_aliases)
{
	struct bus pa, da;
	char err[256];
	uint64_t v;
	struct ram *tcm = ram_create(64 * 1024);
	ck_assert_ptr_nonnull(tcm);
	bus_init(&pa, "pa");
	bus_init(&da, "da");
	/* the host sees the TCM at 0x40000000, the core at 0 */
	ck_assert_int_eq(bus_map_ram(&pa, "tcm", 0x40000000, tcm, 0, tcm->size, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&da, "tcm", 0, tcm, 0, tcm->size, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_write(&pa, 0x40000010, 4, 0x11223344, 0), BUS_OK);
	ck_assert_int_eq(bus_read(&da, 0x10, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x11223344);
	ck_assert_int_eq(bus_read(&da, 0x11, 2, &v, 0), BUS_OK); /* RAM takes any alignment */
	ck_assert_uint_eq(v, 0x2233);
	ck_assert_uint_eq(tcm->host[0x10], 0x44); /* little-endian in memory */
	/* direct pointers: inside, straddling the end, outside */
	struct ram *r = NULL;
	uint64_t off = 0;
	ck_assert_ptr_eq(bus_ram_ptr(&pa, 0x40000010, 4, &r, &off), tcm->host + 0x10);
	ck_assert_ptr_eq(r, tcm);
	ck_assert_uint_eq(off, 0x10);
	ck_assert_ptr_null(bus_ram_ptr(&da, 0xfffe, 4, NULL, NULL));
	ck_assert_ptr_null(bus_ram_ptr(&da, 0x10000, 1, NULL, NULL));
	/* a window larger than its RAM is refused */
	ck_assert_int_eq(bus_map_ram(&pa, "big", 0x0, tcm, 0x1000, tcm->size, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "larger than its RAM"));
	/* a window of a RAM at an offset */
	ck_assert_int_eq(bus_map_ram(&pa, "win", 0x1000, tcm, 0x8000, 0x1000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_read(&pa, 0x1000, 1, &v, 0), BUS_OK);
	tcm->host[0x8000] = 0x5a;
	ck_assert_int_eq(bus_read(&pa, 0x1000, 1, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x5a);
	bus_destroy(&pa);
	bus_destroy(&da);
	ram_destroy(tcm);
}
END_TEST

/* A window mapped at run time (an IOMMU mapping) and taken away again. */
START_TEST(unmap_a_window)
{
	struct bus da;
	char err[256];
	uint64_t v;
	struct ram *ram = ram_create(0x4000);
	ck_assert_ptr_nonnull(ram);
	bus_init(&da, "da");
	ck_assert_int_eq(bus_map_ram(&da, "low", 0x0, ram, 0, 0x1000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&da, "iommu", 0x9000, ram, 0x2000, 0x1000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&da, "high", 0xa000, ram, 0x3000, 0x1000, err, sizeof(err)), 0);
	ram->host[0x2004] = 0x77;
	ck_assert_int_eq(bus_read(&da, 0x9004, 1, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x77);
	ck_assert_int_eq(bus_unmap(&da, 0x9004), -1); /* not a region's start */
	ck_assert_int_eq(bus_unmap(&da, 0x9000), 0);
	ck_assert_int_eq(bus_read(&da, 0x9004, 1, &v, 0), BUS_UNMAPPED);
	ck_assert_int_eq(bus_unmap(&da, 0x9000), -1);
	/* the neighbours are still there, and the hole can be mapped again */
	ck_assert_str_eq(bus_find(&da, 0xa000)->name, "high");
	ck_assert_str_eq(bus_find(&da, 0x0)->name, "low");
	ck_assert_int_eq(bus_map_ram(&da, "again", 0x9000, ram, 0x1000, 0x1000, err, sizeof(err)), 0);
	ck_assert_uint_eq(da.nregions, 3);
	bus_destroy(&da);
	ram_destroy(ram);
}
END_TEST

START_TEST(block_copies)
{
	struct bus bus;
	struct tdev d = { 0 };
	char err[256];
	struct ram *a = ram_create(4096), *b = ram_create(4096);
	bus_init(&bus, "pa");
	bus_map_ram(&bus, "a", 0x0, a, 0, 4096, err, sizeof(err));
	bus_map_ram(&bus, "b", 0x1000, b, 0, 4096, err, sizeof(err)); /* adjacent */
	bus_map_device(&bus, "dev", 0x3000, 16, &tdev_ops, &d, err, sizeof(err));
	uint8_t buf[64], out[64];
	for (int i = 0; i < 64; i++)
		buf[i] = (uint8_t)i;
	/* spanning two RAM regions */
	ck_assert_int_eq(bus_write_block(&bus, 0xfe0, buf, 64), BUS_OK);
	ck_assert_int_eq(a->host[0xfff], 31);
	ck_assert_int_eq(b->host[0x0], 32);
	ck_assert_int_eq(bus_read_block(&bus, 0xfe0, out, 64), BUS_OK);
	ck_assert_int_eq(memcmp(buf, out, 64), 0);
	/* running off RAM into a hole: refused, nothing written */
	memset(buf, 0xee, sizeof(buf));
	ck_assert_int_eq(bus_write_block(&bus, 0x1fe0, buf, 64), BUS_UNMAPPED);
	ck_assert_int_eq(b->host[0xfe0], 0);
	/* into a device: refused */
	ck_assert_int_eq(bus_read_block(&bus, 0x3000, out, 4), BUS_UNMAPPED);
	ck_assert_int_eq(d.reads, 0);
	/* wrapping the address space */
	ck_assert_int_eq(bus_read_block(&bus, UINT64_MAX - 1, out, 4), BUS_UNMAPPED);
	ck_assert_int_eq(bus_fill_block(&bus, 0x10, 0xab, 8), BUS_OK);
	ck_assert_int_eq(a->host[0x17], 0xab);
	ck_assert_int_eq(a->host[0x18], 0);
	ck_assert_int_eq(bus_read_block(&bus, 0x0, out, 0), BUS_OK);
	bus_destroy(&bus);
	ram_destroy(a);
	ram_destroy(b);
}
END_TEST

START_TEST(ram_is_sparse)
{
	/* 1 GiB of DRAM costs only the pages that are touched */
	struct ram *dram = ram_create((uint64_t)1 << 30);
	ck_assert_ptr_nonnull(dram);
	uint64_t before = ram_resident_bytes(dram);
	ck_assert_uint_lt(before, 1 << 20);
	ram_write_bytes(dram, 0x100000, "x", 1);
	ram_write_bytes(dram, 0x3ffffff0, "y", 1);
	uint64_t after = ram_resident_bytes(dram);
	ck_assert_uint_le(after, before + 2 * 65536);
	ck_assert_uint_ge(after, 2 * 4096);
	ram_clear(dram);
	ck_assert_int_eq(dram->host[0x100000], 0);
	ram_destroy(dram);
	/* sizes refused */
	ck_assert_ptr_null(ram_create(0));
	ck_assert_ptr_null(ram_create(4095));
	ck_assert_ptr_null(ram_create(((uint64_t)1 << 40) + 4096));
}
END_TEST

START_TEST(ram_bounds)
{
	struct ram *r = ram_create(8192);
	uint8_t b[16] = { 0 };
	ck_assert_int_eq(ram_read_bytes(r, 8190, b, 2), 0);
	ck_assert_int_eq(ram_read_bytes(r, 8191, b, 2), -1);
	ck_assert_int_eq(ram_write_bytes(r, 8192, b, 1), -1);
	ck_assert_int_eq(ram_write_bytes(r, UINT64_MAX, b, 2), -1);
	ck_assert_int_eq(ram_fill(r, 0, 1, 8193), -1);
	ck_assert_int_eq(ram_fill(r, 0, 1, 8192), 0);
	ck_assert_int_eq(r->host[8191], 1);
	ram_destroy(r);
}
END_TEST

struct watch {
	int calls;
	uint64_t off, len;
};

static void on_code_write(void *ctx, uint64_t off, uint64_t len)
{
	struct watch *w = ctx;
	w->calls++;
	w->off = off;
	w->len = len;
}

START_TEST(code_watchers)
{
	struct ram *r = ram_create(4 * RAM_PAGE_SIZE);
	struct bus bus;
	struct watch w = { 0 }, w2 = { 0 };
	char err[128];
	bus_init(&bus, "pa");
	bus_map_ram(&bus, "r", 0x8000, r, 0, r->size, err, sizeof(err));
	ck_assert_int_eq(ram_add_code_watcher(r, on_code_write, &w), 0);
	ck_assert_int_eq(ram_add_code_watcher(r, on_code_write, &w2), 0);
	/* no page marked: writes do not call watchers */
	bus_write(&bus, 0x8000 + RAM_PAGE_SIZE, 4, 1, 0);
	ck_assert_int_eq(w.calls, 0);
	r->code_pages[1] = 1;
	bus_write(&bus, 0x8000 + RAM_PAGE_SIZE + 8, 4, 1, 0);
	ck_assert_int_eq(w.calls, 1);
	ck_assert_uint_eq(w.off, RAM_PAGE_SIZE + 8);
	ck_assert_uint_eq(w.len, 4);
	ck_assert_int_eq(w2.calls, 1);
	/* a block that only touches page 1 at its end */
	bus_write_block(&bus, 0x8000 + RAM_PAGE_SIZE - 2, "abcd", 4);
	ck_assert_int_eq(w.calls, 2);
	/* other pages: no call */
	ram_write_bytes(r, 2 * RAM_PAGE_SIZE, "z", 1);
	ck_assert_int_eq(w.calls, 2);
	ram_remove_code_watcher(r, &w);
	ram_fill(r, RAM_PAGE_SIZE, 0, 4);
	ck_assert_int_eq(w.calls, 2);
	ck_assert_int_eq(w2.calls, 3);
	for (int i = 1; i < RAM_MAX_WATCHERS; i++)
		ck_assert_int_eq(ram_add_code_watcher(r, on_code_write, &w), 0);
	ck_assert_int_eq(ram_add_code_watcher(r, on_code_write, &w), -1);
	bus_destroy(&bus);
	ram_destroy(r);
}
END_TEST

START_TEST(le_helpers)
{
	uint8_t b[8];
	le32_store(b, 0x11223344);
	ck_assert_int_eq(b[0], 0x44);
	ck_assert_int_eq(b[3], 0x11);
	ck_assert_uint_eq(le16_load(b + 1), 0x2233);
	le64_store(b, 0x0102030405060708ULL);
	ck_assert_uint_eq(le64_load(b), 0x0102030405060708ULL);
	ck_assert_int_eq(b[7], 0x01);
	le_store(b, 2, 0xabcd);
	ck_assert_uint_eq(le_load(b, 2), 0xabcd);
	ck_assert_uint_eq(le_load(b, 1), 0xcd);
}
END_TEST

struct views {
	unsigned n;
	uint64_t lo[4], hi[4];
};

static void collect_view(void *ctx, uint64_t lo, uint64_t hi)
{
	struct views *v = ctx;
	ck_assert_uint_lt(v->n, 4);
	v->lo[v->n] = lo;
	v->hi[v->n++] = hi;
}

/* One RAM at two addresses: a change to its bytes is seen at both; windows
 * of one RAM side by side are no alias, overlapping ones are. */
START_TEST(ram_views_and_aliases)
{
	struct bus bus;
	char err[128];
	bus_init(&bus, "views");
	struct ram *ram = ram_create(0x10000);
	ck_assert_ptr_nonnull(ram);
	ck_assert_int_eq(bus_map_ram(&bus, "lo", 0x1000, ram, 0, 0x8000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&bus, "hi", 0x20000, ram, 0x8000, 0x8000, err, sizeof(err)), 0);
	ck_assert(!bus_ram_aliased(&bus, ram)); /* side by side */
	struct views v = { 0 };
	bus_ram_views(&bus, ram, 0x7ff0, 0x20, collect_view, &v); /* across both windows */
	ck_assert_uint_eq(v.n, 2);
	ck_assert_uint_eq(v.lo[0], 0x1000 + 0x7ff0);
	ck_assert_uint_eq(v.hi[0], 0x1000 + 0x8000);
	ck_assert_uint_eq(v.lo[1], 0x20000);
	ck_assert_uint_eq(v.hi[1], 0x20010);
	ck_assert_int_eq(bus_map_ram(&bus, "alias", 0x40000, ram, 0x100, 0x100, err, sizeof(err)), 0);
	ck_assert(bus_ram_aliased(&bus, ram));
	v.n = 0;
	bus_ram_views(&bus, ram, 0x180, 4, collect_view, &v);
	ck_assert_uint_eq(v.n, 2);
	ck_assert_uint_eq(v.lo[0], 0x1180);
	ck_assert_uint_eq(v.lo[1], 0x40080);
	ck_assert_uint_eq(v.hi[1], 0x40084);
	v.n = 0;
	bus_ram_views(&bus, ram, 0x10000, 4, collect_view, &v); /* past the RAM: nowhere */
	ck_assert_uint_eq(v.n, 0);
	bus_destroy(&bus);
	ram_destroy(ram);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("bus");
	TCase *tc = tcase_create("bus");
	tcase_add_test(tc, device_hits_and_misses);
	tcase_add_test(tc, device_any_size);
	tcase_add_test(tc, overlaps_refused);
	tcase_add_test(tc, ram_regions_and_aliases);
	tcase_add_test(tc, unmap_a_window);
	tcase_add_test(tc, block_copies);
	tcase_add_test(tc, ram_views_and_aliases);
	suite_add_tcase(s, tc);
	TCase *tr = tcase_create("ram");
	tcase_add_test(tr, ram_is_sparse);
	tcase_add_test(tr, ram_bounds);
	tcase_add_test(tr, code_watchers);
	tcase_add_test(tr, le_helpers);
	suite_add_tcase(s, tr);
	return s;
}
