/* Remote memory map (da -> pa), DRAM carveout pool, vring layout. */
#include <check.h>
#include <string.h>

#include "models/host/rproc_mem.h"
#include "tests/unit/check_main.h"

START_TEST(memmap_translates_inside_one_memory)
{
	struct rproc_memmap m;
	char err[256];
	rproc_memmap_init(&m);
	ck_assert_int_eq(rproc_memmap_add(&m, "tcm", 0, 0x10000000, 0x40000, RPROC_MEM_PLATFORM, err, sizeof(err)), 0);
	ck_assert_int_eq(rproc_memmap_add(&m, "sram", 0x40000, 0x20000000, 0x1000, RPROC_MEM_PLATFORM, err, sizeof(err)), 0);
	uint64_t pa;
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0x100, 0x10, &pa), 0);
	ck_assert_uint_eq(pa, 0x10000100);
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0x3ffff, 1, &pa), 0);
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0x40000, 0, &pa), 0);
	ck_assert_uint_eq(pa, 0x20000000);
	/* adjacent memories are not one range */
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0x3fff0, 0x20, &pa), -1);
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0x41000, 1, &pa), -1);
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, 0, UINT64_MAX, &pa), -1);
	ck_assert_int_eq(rproc_memmap_da_to_pa(&m, UINT64_MAX, 2, &pa), -1);
	char d[128];
	rproc_memmap_describe(&m, d, sizeof(d));
	ck_assert_str_eq(d, "tcm [da 0x0, 0x40000), sram [da 0x40000, 0x41000)");
	rproc_memmap_destroy(&m);
}
END_TEST

START_TEST(memmap_refuses_overlap_and_bad_sizes)
{
	struct rproc_memmap m;
	char err[256];
	rproc_memmap_init(&m);
	ck_assert_int_eq(rproc_memmap_add(&m, "a", 0x1000, 0x1000, 0x1000, RPROC_MEM_PLATFORM, err, sizeof(err)), 0);
	ck_assert_int_eq(rproc_memmap_add(&m, "b", 0x1fff, 0x9000, 0x10, RPROC_MEM_CARVEOUT, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "overlaps 'a'"));
	ck_assert_int_eq(rproc_memmap_add(&m, "c", 0x5000, 0, 0, RPROC_MEM_CARVEOUT, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "zero size"));
	ck_assert_int_eq(rproc_memmap_add(&m, "d", UINT64_MAX - 4, 0, 16, RPROC_MEM_CARVEOUT, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "wrapping"));
	/* remove for unwinding */
	ck_assert_int_eq(rproc_memmap_add(&m, "e", 0x8000, 0x8000, 0x1000, RPROC_MEM_CARVEOUT, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(rproc_memmap_find(&m, 0x8000, 0x1000));
	ck_assert_int_eq(rproc_memmap_remove(&m, "e"), 0);
	ck_assert_ptr_null(rproc_memmap_find(&m, 0x8000, 1));
	ck_assert_int_eq(rproc_memmap_remove(&m, "e"), -1);
	rproc_memmap_destroy(&m);
}
END_TEST

START_TEST(pool_first_fit_page_aligned)
{
	struct rproc_pool p;
	rproc_pool_init(&p, 0x88000000, 0x10000);
	uint64_t a, b, c;
	ck_assert_int_eq(rproc_pool_alloc(&p, 1, &a), 0);
	ck_assert_uint_eq(a, 0x88000000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x2806, &b), 0);
	ck_assert_uint_eq(b, 0x88001000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x1000, &c), 0);
	ck_assert_uint_eq(c, 0x88004000);
	ck_assert_uint_eq(rproc_pool_used(&p), 0x5000);
	/* a hole is reused first */
	ck_assert_int_eq(rproc_pool_free(&p, b), 0);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x2000, &b), 0);
	ck_assert_uint_eq(b, 0x88001000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0xb001, &c), -1); /* 0xb000 free, split 0x1000 + 0xb000 */
	ck_assert_int_eq(rproc_pool_alloc(&p, 0xb000, &c), 0);
	ck_assert_uint_eq(c, 0x88005000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x1000, &c), 0);
	ck_assert_uint_eq(c, 0x88003000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 1, &c), -1);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0, &c), -1);
	ck_assert_int_eq(rproc_pool_alloc(&p, UINT64_MAX, &c), -1);
	ck_assert_int_eq(rproc_pool_free(&p, 0x1234), -1);
	rproc_pool_destroy(&p);
}
END_TEST

START_TEST(pool_alloc_at)
{
	struct rproc_pool p;
	rproc_pool_init(&p, 0x88000800, 0x10000); /* rounded inwards */
	ck_assert_uint_eq(p.base, 0x88001000);
	ck_assert_uint_eq(p.size, 0xf000);
	ck_assert_int_eq(rproc_pool_alloc_at(&p, 0x88002010, 0x10), 0);
	ck_assert_uint_eq(p.blocks[0].pa, 0x88002000);
	ck_assert_uint_eq(p.blocks[0].size, 0x1000);
	ck_assert_int_eq(rproc_pool_alloc_at(&p, 0x88002ff0, 0x20), -1); /* taken */
	ck_assert_int_eq(rproc_pool_alloc_at(&p, 0x88000000, 0x10), -1); /* outside */
	ck_assert_int_eq(rproc_pool_alloc_at(&p, 0x8800f000, 0x2000), -1); /* runs out */
	ck_assert_int_eq(rproc_pool_alloc_at(&p, 0x88001000, 0), -1);
	uint64_t a;
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x1000, &a), 0);
	ck_assert_uint_eq(a, 0x88001000);
	ck_assert_int_eq(rproc_pool_alloc(&p, 0x1000, &a), 0);
	ck_assert_uint_eq(a, 0x88003000);
	ck_assert_int_eq(rproc_pool_free(&p, 0x88002010), 0); /* by an address inside */
	ck_assert(rproc_pool_contains(&p, 0x88001000, 0xf000));
	ck_assert(!rproc_pool_contains(&p, 0x88001000, 0xf001));
	rproc_pool_destroy(&p);
}
END_TEST

START_TEST(vring_size_facts)
{
	ck_assert_uint_eq(rproc_vring_size(256, 4096), 10246);
	/* align 16, num 8: 16*8 + 2*(3+8) = 150 -> 160, + 6 + 64 = 230 */
	ck_assert_uint_eq(rproc_vring_size(8, 16), 230);
	ck_assert_uint_eq(rproc_vring_size(1, 4), 16 + 8 + 6 + 8);
	ck_assert_uint_eq(rproc_vring_size(32768, 4096), 0x80000 + 0x11000 + 6 + 0x40000);
	ck_assert_uint_eq(rproc_vring_size(0, 16), 0);
	ck_assert_uint_eq(rproc_vring_size(3, 16), 0);
	ck_assert_uint_eq(rproc_vring_size(65536, 16), 0);
	ck_assert_uint_eq(rproc_vring_size(8, 0), 0);
	ck_assert_uint_eq(rproc_vring_size(8, 24), 0);
}
END_TEST

START_TEST(vring_layout)
{
	struct rproc_vring_layout l;
	ck_assert_int_eq(rproc_vring_layout(0x88008000, 256, 0x1000, &l), 0);
	ck_assert_uint_eq(l.desc, 0x88008000);
	ck_assert_uint_eq(l.avail, 0x88009000);
	ck_assert_uint_eq(l.used, 0x8800a000);
	ck_assert_uint_eq(l.size, 10246);
	ck_assert_uint_eq(l.alloc, 0x3000);
	ck_assert_uint_eq(l.used + 4 + 8 * 256 + 2 - l.desc, l.size);
	ck_assert_int_eq(rproc_vring_layout(0x1000, 8, 16, &l), 0);
	ck_assert_uint_eq(l.avail, 0x1080);
	ck_assert_uint_eq(l.used, 0x10a0);
	ck_assert_int_eq(rproc_vring_layout(0, 5, 16, &l), -1);
	ck_assert_uint_eq(rproc_page_align(1), 4096);
	ck_assert_uint_eq(rproc_page_align(4096), 4096);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc_mem");
	TCase *tc = tcase_create("memmap");
	tcase_add_test(tc, memmap_translates_inside_one_memory);
	tcase_add_test(tc, memmap_refuses_overlap_and_bad_sizes);
	suite_add_tcase(s, tc);
	tc = tcase_create("pool");
	tcase_add_test(tc, pool_first_fit_page_aligned);
	tcase_add_test(tc, pool_alloc_at);
	suite_add_tcase(s, tc);
	tc = tcase_create("vring");
	tcase_add_test(tc, vring_size_facts);
	tcase_add_test(tc, vring_layout);
	suite_add_tcase(s, tc);
	return s;
}
