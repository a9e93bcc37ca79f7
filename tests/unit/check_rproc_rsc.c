/* Resource table: every check Linux makes, every weak spot rpsim closes,
 * warnings for vendor/unknown types, the formatter and layout re-checks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_mem.h"
#include "models/host/rsc_table.h"
#include "sim/core/diag.h"
#include "tests/unit/check_main.h"
#include "tests/unit/rproc_fixture.h"

static uint8_t tb[1024];
static size_t tsz;
static struct diag dg;
static struct rsc_table rt;

static void setup(void)
{
	tsz = fx_table(tb);
	diag_init(&dg, "fw.elf");
}

static void teardown(void)
{
	rsc_table_free(&rt);
	diag_free(&dg);
}

/* A fresh fixture in the middle of a test. */
static void again(void)
{
	teardown();
	setup();
}

static int parse(void)
{
	rsc_table_free(&rt);
	return rsc_table_parse(tb, tsz, 0x1000, &rt, &dg);
}

/* Parse must refuse with an error containing needle. */
#define REFUSED(needle)                                                               \
	do {                                                                          \
		ck_assert_int_eq(parse(), -1);                                        \
		ck_assert_msg(diag_find(&dg, DIAG_ERROR, needle), "no error with '%s'", needle); \
	} while (0)

START_TEST(good_table_decodes)
{
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
	ck_assert_uint_eq(rt.num, 3);
	ck_assert_uint_eq(rt.nentries, 3);
	const struct rsc_entry *c = &rt.entries[0], *t = &rt.entries[1], *v = &rt.entries[2];
	ck_assert_uint_eq(c->type, RSC_CARVEOUT);
	ck_assert_uint_eq(c->offset, FX_CO);
	ck_assert_uint_eq(c->da, FW_RSC_ADDR_ANY);
	ck_assert_uint_eq(c->len, 0x8000);
	ck_assert_str_eq(c->name, "fw-data");
	ck_assert_uint_eq(c->size, RSC_MEM_SIZE);
	ck_assert_uint_eq(t->type, RSC_TRACE);
	ck_assert_uint_eq(t->da, FX_TRACE_DA);
	ck_assert_str_eq(t->name, "trace0");
	ck_assert_uint_eq(v->type, RSC_VDEV);
	ck_assert_uint_eq(v->id, VIRTIO_ID_RPMSG);
	ck_assert_uint_eq(v->dfeatures, 1);
	ck_assert_uint_eq(v->num_of_vrings, 2);
	ck_assert_uint_eq(v->vring[1].offset, FX_VR1);
	ck_assert_uint_eq(v->vring[1].num, 256);
	ck_assert_uint_eq(v->vring[1].align, 0x1000);
	ck_assert_uint_eq(v->config_offset, FX_TSIZE);
	ck_assert_uint_eq(v->size, 68);
}
END_TEST

START_TEST(facts_example_88_bytes)
{
	/* one RPMsg vdev, two vrings, no config: 88 bytes, offset[0] = 20 */
	uint8_t t[88] = { 0 };
	le32_store(t, 1);
	le32_store(t + 4, 1);
	le32_store(t + 16, 20);
	le32_store(t + 20, RSC_VDEV);
	le32_store(t + 24, VIRTIO_ID_RPMSG);
	t[20 + RSC_VDEV_NUM_VRINGS] = 2;
	for (unsigned i = 0; i < 2; i++) {
		le32_store(t + 48 + 20 * i + RSC_VRING_ALIGN, 16);
		le32_store(t + 48 + 20 * i + RSC_VRING_NUM, 8);
	}
	ck_assert_int_eq(rsc_table_parse(t, sizeof(t), -1, &rt, &dg), 0);
	ck_assert_uint_eq(rt.entries[0].size, 68);
	rsc_table_free(&rt);
	ck_assert_int_eq(rsc_table_parse(t, sizeof(t) - 1, -1, &rt, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "vdev rsc is truncated"));
}
END_TEST

START_TEST(empty_table_ok)
{
	memset(tb, 0, 16);
	le32_store(tb, 1);
	tsz = 16;
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(rt.nentries, 0);
}
END_TEST

/* ---- header checks (Linux) */
START_TEST(size_below_header)
{
	tsz = 15;
	REFUSED("smaller than the 16-byte header");
	tsz = 0;
	REFUSED("0 bytes");
}
END_TEST

START_TEST(version_not_1)
{
	le32_store(tb, 2);
	REFUSED("ver (offset 0x0, file offset 0x1000) is 2");
}
END_TEST

START_TEST(reserved_nonzero)
{
	le32_store(tb + 12, 5);
	REFUSED("reserved[1] (offset 0xc, file offset 0x100c) is 0x5, must be 0");
}
END_TEST

START_TEST(num_too_large)
{
	le32_store(tb + 4, 47); /* 16 + 4*47 = 204 > 200 */
	REFUSED("resource table incomplete");
	le32_store(tb + 4, 0xffffffff); /* 4*num wraps in 32 bits */
	REFUSED("resource table incomplete");
}
END_TEST

START_TEST(num_above_rpsim_limit)
{
	static uint8_t big[16 + 4 * 300 + 4];
	memset(big, 0, sizeof(big));
	le32_store(big, 1);
	le32_store(big + 4, 300);
	ck_assert_int_eq(rsc_table_parse(big, sizeof(big), -1, &rt, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "at most 256 entries"));
}
END_TEST

START_TEST(entry_offset_truncated)
{
	le32_store(tb + 16, FX_TSIZE); /* Linux: avail < 0 */
	REFUSED("rsc table is truncated");
}
END_TEST

/* ---- weak spots in Linux's offset handling */
START_TEST(entry_offset_negative)
{
	le32_store(tb + 16, 0xfffffff0);
	REFUSED("offset[0] (offset 0x10, file offset 0x1010) is 0xfffffff0, negative (-16)");
}
END_TEST

START_TEST(entry_offset_unaligned)
{
	le32_store(tb + 20, FX_TR + 2);
	REFUSED("offset[1] (offset 0x14, file offset 0x1014) is 0x56, not 4-byte aligned");
}
END_TEST

START_TEST(entry_offset_in_header)
{
	le32_store(tb + 16, 4);
	REFUSED("inside the table header (which ends at 0x1c)");
	le32_store(tb + 16, 24); /* into offset[] itself */
	REFUSED("inside the table header");
}
END_TEST

START_TEST(entries_overlap)
{
	le32_store(tb + 20, FX_CO + 8); /* a trace inside the carveout */
	le32_store(tb + FX_CO + 8, RSC_TRACE);
	ck_assert_int_eq(parse(), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "overlap entry 0"));
	again();
	le32_store(tb + 24, FX_CO); /* the same entry twice */
	REFUSED("overlap entry 0");
}
END_TEST

/* ---- carveout / devmem */
START_TEST(carveout_truncated)
{
	tsz = FX_CO + 40;
	le32_store(tb + 4, 1);
	REFUSED("carveout rsc is truncated: its body needs 52 bytes but only 36 are left");
}
END_TEST

START_TEST(carveout_reserved)
{
	le32_store(tb + FX_CO + RSC_MEM_RESERVED, 1);
	REFUSED("entry 0 (carveout at offset 0x1c, file offset 0x101c): reserved (offset 0x30, file offset 0x1030) is 0x1");
}
END_TEST

START_TEST(devmem_reserved)
{
	le32_store(tb + FX_CO, RSC_DEVMEM);
	le32_store(tb + FX_CO + RSC_MEM_RESERVED, 1);
	REFUSED("devmem rsc has non zero reserved bytes");
}
END_TEST

/* Linux boots a name without a NUL (issue 16, item 14): a warning, and
 * the name read bounded to its 32 bytes */
START_TEST(carveout_name_without_nul)
{
	memset(tb + FX_CO + RSC_MEM_NAME, 'x', RSC_NAME_LEN);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "name (offset 0x34, file offset 0x1034) has no NUL"));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	/* the decoded copy stays a C string of the first 31 bytes */
	ck_assert_uint_eq(strlen(rt.entries[0].name), RSC_NAME_LEN - 1);
	/* the bytes after the name are not read as part of it */
	memset(tb + FX_CO + RSC_MEM_NAME, 'z', RSC_NAME_LEN);
	ck_assert_int_eq(parse(), 0);
	ck_assert_int_eq(rt.entries[0].name[RSC_NAME_LEN - 2], 'z');
}
END_TEST

START_TEST(carveout_len_zero_and_wrap)
{
	le32_store(tb + FX_CO + RSC_MEM_LEN, 0);
	REFUSED("len (offset 0x28, file offset 0x1028) is 0");
	again();
	le32_store(tb + FX_CO + RSC_MEM_DA, 0xfffff000);
	REFUSED("wraps around the 32-bit device address space");
}
END_TEST

/* ---- trace */
START_TEST(trace_checks)
{
	le32_store(tb + FX_TR + RSC_TRACE_RESERVED, 9);
	REFUSED("trace rsc has non zero reserved bytes");
	again();
	tsz = FX_TR + 20;
	le32_store(tb + 4, 2);
	REFUSED("trace rsc is truncated");
}
END_TEST

/* What Linux's rproc_handle_trace accepts because it never translates the
 * buffer (issue 16, items 7 and 14): warnings, the table is good */
START_TEST(trace_accepted_with_warnings)
{
	memset(tb + FX_TR + RSC_TRACE_NAME, 'y', RSC_NAME_LEN);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "name (offset 0x64, file offset 0x1064) has no NUL"));
	again();
	le32_store(tb + FX_TR + RSC_TRACE_DA, FW_RSC_ADDR_ANY);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "FW_RSC_ADDR_ANY"));
	again();
	le32_store(tb + FX_TR + RSC_TRACE_LEN, 0);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "len (offset 0x5c, file offset 0x105c) is 0"));
	again();
	le32_store(tb + FX_TR + RSC_TRACE_DA, 0xffffff00);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "wraps around"));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
}
END_TEST

/* ---- vdev */
START_TEST(vdev_fixed_part_truncated)
{
	/* Linux reads num_of_vrings before knowing those bytes exist */
	tsz = FX_VD + 12;
	REFUSED("vdev rsc is truncated: its body needs 24 bytes but only 8 are left");
}
END_TEST

START_TEST(vdev_size_overflow)
{
	le32_store(tb + FX_VD + RSC_VDEV_CONFIG_LEN, 0xffffffff);
	REFUSED("= 4294967359 bytes, but only 64 are left");
	again();
	le32_store(tb + FX_VD + RSC_VDEV_CONFIG_LEN, 0xffffffd8); /* 24+40+that wraps to 0 in u32 */
	REFUSED("vdev rsc is truncated");
}
END_TEST

START_TEST(vdev_config_space)
{
	/* a config space that fits is accepted and located after the vrings */
	tsz = FX_TSIZE + 8;
	memset(tb + FX_TSIZE, 0, 8);
	le32_store(tb + FX_VD + RSC_VDEV_CONFIG_LEN, 8);
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(rt.entries[2].config_offset, FX_TSIZE);
	ck_assert_uint_eq(rt.entries[2].size, 76);
	le32_store(tb + FX_VD + RSC_VDEV_CONFIG_LEN, 9);
	REFUSED("config_len 9");
}
END_TEST

START_TEST(vdev_reserved)
{
	tb[FX_VD + RSC_VDEV_RESERVED + 1] = 1;
	REFUSED("vdev rsc has non zero reserved bytes");
}
END_TEST

START_TEST(vdev_too_many_vrings)
{
	tsz = FX_TSIZE + 20;
	memset(tb + FX_TSIZE, 0, 20);
	tb[FX_VD + RSC_VDEV_NUM_VRINGS] = 3;
	REFUSED("num_of_vrings (offset 0x9d, file offset 0x109d) is 3: too many vrings");
}
END_TEST

START_TEST(vdev_no_vrings_ok)
{
	tb[FX_VD + RSC_VDEV_NUM_VRINGS] = 0;
	ck_assert_int_eq(parse(), 0);
	ck_assert_uint_eq(rt.entries[2].size, 28);
}
END_TEST

START_TEST(vring_num_and_align)
{
	le32_store(tb + FX_VR0 + RSC_VRING_NUM, 0);
	REFUSED("vring 0 num (offset 0xa8, file offset 0x10a8) is 0");
	again();
	le32_store(tb + FX_VR1 + RSC_VRING_ALIGN, 0);
	REFUSED("vring 1 align (offset 0xb8, file offset 0x10b8) is 0");
	again();
	le32_store(tb + FX_VR1 + RSC_VRING_NUM, 3);
	REFUSED("resource table entry 2 (vdev at offset 0x84, file offset 0x1084): vring 1 num (offset 0xbc, file offset 0x10bc) is 3, not a power of two");
	again();
	le32_store(tb + FX_VR0 + RSC_VRING_NUM, 65536);
	REFUSED("above virtio's maximum");
	again();
	le32_store(tb + FX_VR0 + RSC_VRING_ALIGN, 0x1800);
	REFUSED("vring 0 align (offset 0xa4, file offset 0x10a4) is 0x1800, not a power of two");
}
END_TEST

START_TEST(every_problem_reported)
{
	le32_store(tb + FX_CO + RSC_MEM_RESERVED, 1);
	le32_store(tb + FX_TR + RSC_TRACE_RESERVED, 1);
	le32_store(tb + FX_VR0 + RSC_VRING_NUM, 3);
	le32_store(tb + FX_VR1 + RSC_VRING_NUM, 0);
	ck_assert_int_eq(parse(), -1);
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 4);
}
END_TEST

/* ---- skipped types */
START_TEST(vendor_type_warned)
{
	le32_store(tb + FX_TR, 128);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "unsupported vendor resource 128 skipped"));
	ck_assert(rt.entries[1].skipped);
	again();
	le32_store(tb + FX_TR, 512);
	ck_assert_int_eq(parse(), 0);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "vendor resource 512"));
}
END_TEST

START_TEST(unknown_type_warned)
{
	static const uint32_t types[] = { 4, 5, 127, 513, 0xffffffff };
	for (unsigned i = 0; i < 5; i++) {
		again();
		le32_store(tb + FX_TR, types[i]);
		ck_assert_int_eq(parse(), 0);
		char needle[64];
		snprintf(needle, sizeof(needle), "unsupported resource %u skipped", types[i]);
		ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, needle));
		ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	}
}
END_TEST

START_TEST(no_file_offset)
{
	le32_store(tb, 3);
	rsc_table_free(&rt);
	ck_assert_int_eq(rsc_table_parse(tb, tsz, -1, &rt, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "ver (offset 0x0) is 3"));
	ck_assert_ptr_null(diag_find(&dg, DIAG_ERROR, "file offset"));
}
END_TEST

START_TEST(formatter)
{
	ck_assert_int_eq(parse(), 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	rsc_table_print(&rt, f, "");
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "version 1, 3 entries, 200 bytes"));
	ck_assert_ptr_nonnull(strstr(out, "entry 0 at offset 0x1c: carveout \"fw-data\" da any pa any len 0x8000"));
	ck_assert_ptr_nonnull(strstr(out, "trace \"trace0\" da 0x1400 len 0x400"));
	ck_assert_ptr_nonnull(strstr(out, "vdev id 7 (rpmsg) notifyid 4 dfeatures 0x1 (NS)"));
	ck_assert_ptr_nonnull(strstr(out, "vring 1 at 0xb4: da any align 0x1000 num 256 notifyid 8"));
	ck_assert_ptr_nonnull(strstr(out, "vring_size 10246 (0x2806)"));
	free(out);
}
END_TEST

START_TEST(formatter_escapes_names)
{
	tb[FX_CO + RSC_MEM_NAME] = '\n';
	tb[FX_CO + RSC_MEM_NAME + 1] = '\033';
	ck_assert_int_eq(parse(), 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	rsc_table_print(&rt, f, "  ");
	fclose(f);
	/* escaped as rpsim escapes everything a firmware names */
	ck_assert_ptr_nonnull(strstr(out, "carveout \"\\n\\x1b-data\""));
	ck_assert_ptr_null(strchr(out, '\033'));
	free(out);
}
END_TEST

/* rproc_rsc_table_show's text, byte for byte (issue 16, item 6) */
START_TEST(formatter_debugfs)
{
	le32_store(tb + FX_TR, 77);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	rsc_table_print_debugfs(tb, tsz, f);
	fclose(f);
	ck_assert_str_eq(out,
		"Entry 0 is of type carveout\n  Device Address 0xffffffff\n"
		"  Physical Address 0xffffffff\n  Length 0x8000 Bytes\n"
		"  Flags 0x0\n  Reserved (should be zero) [0]\n  Name fw-data\n\n"
		"Unknown resource type found: 77 [hdr: 0000000000000000]\n"
		"Entry 2 is of type vdev\n  ID 7\n  Notify ID 4\n  Device features 0x1\n"
		"  Guest features 0x0\n  Config length 0x0\n  Status 0x0\n  Number of vrings 2\n"
		"  Reserved (should be zero) [0][0]\n\n"
		"  Vring 0\n    Device Address 0xffffffff\n    Alignment 4096\n"
		"    Number of buffers 256\n    Notify ID 7\n    Physical Address 0x0\n\n"
		"  Vring 1\n    Device Address 0xffffffff\n    Alignment 4096\n"
		"    Number of buffers 256\n    Notify ID 8\n    Physical Address 0x0\n\n");
	free(out);
}
END_TEST

/* Whatever the bytes say, printed within the table, names bounded */
START_TEST(formatter_debugfs_raw_bytes)
{
	le32_store(tb + FX_TR, RSC_TRACE);
	le32_store(tb + FX_TR + RSC_TRACE_RESERVED, 5);
	memset(tb + FX_TR + RSC_TRACE_NAME, 'n', RSC_NAME_LEN);
	tb[FX_TR + RSC_TRACE_NAME] = '\033';
	le32_store(tb + 24, 0x7ffffff0); /* the vdev's offset, beyond the table */
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	rsc_table_print_debugfs(tb, tsz, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "Entry 1 is of type trace\n  Device Address 0x1400\n"
					  "  Length 0x400 Bytes\n  Reserved (should be zero) [5]\n"
					  "  Name \\x1bnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\n\n"));
	ck_assert_ptr_nonnull(strstr(out, "Entry 2 lies beyond the 200-byte table\n"));
	free(out);
	/* a table cut in the middle of the vdev */
	out = NULL;
	f = open_memstream(&out, &len);
	rsc_table_print_debugfs(tb, FX_VD + 30, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "Entry 0 is of type carveout"));
	free(out);
	/* nothing below a header */
	out = NULL;
	f = open_memstream(&out, &len);
	rsc_table_print_debugfs(tb, 8, f);
	fclose(f);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(layout_change_detected)
{
	ck_assert_int_eq(parse(), 0);
	uint8_t copy[FX_TSIZE];
	memcpy(copy, tb, FX_TSIZE);
	/* values the host or remote may change are fine */
	rsc_table_store32(copy, sizeof(copy), FX_VR0 + RSC_VRING_DA, 0x88000000);
	copy[FX_VD + RSC_VDEV_STATUS] = 7;
	ck_assert_int_eq(rsc_table_same_layout(&rt, copy, sizeof(copy), &dg), 0);
	/* sizes may not */
	copy[FX_VD + RSC_VDEV_NUM_VRINGS] = 1;
	ck_assert_int_eq(rsc_table_same_layout(&rt, copy, sizeof(copy), &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "num_of_vrings 2->1"));
	copy[FX_VD + RSC_VDEV_NUM_VRINGS] = 2;
	le32_store(copy + FX_VD + RSC_VDEV_CONFIG_LEN, 0x1000);
	ck_assert_int_eq(rsc_table_same_layout(&rt, copy, sizeof(copy), &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "no longer passes the checks"));
}
END_TEST

START_TEST(type_names)
{
	ck_assert_str_eq(rsc_type_name(RSC_CARVEOUT), "carveout");
	ck_assert_str_eq(rsc_type_name(RSC_DEVMEM), "devmem");
	ck_assert_str_eq(rsc_type_name(RSC_TRACE), "trace");
	ck_assert_str_eq(rsc_type_name(RSC_VDEV), "vdev");
	ck_assert_str_eq(rsc_type_name(300), "vendor");
	ck_assert_str_eq(rsc_type_name(9), "unknown");
	ck_assert_str_eq(rsc_virtio_id_name(7), "rpmsg");
	ck_assert_ptr_null(rsc_virtio_id_name(99));
}
END_TEST

/* Every single-byte value at every offset of the table: no crash, and a
 * verdict either way (the sanitizer build checks the memory accesses). */
START_TEST(every_byte_every_value)
{
	uint8_t good[FX_TSIZE];
	fx_table(good);
	unsigned refused = 0;
	for (unsigned off = 0; off < FX_TSIZE; off++) {
		for (unsigned v = 0; v < 256; v += 17) {
			memcpy(tb, good, FX_TSIZE);
			tb[off] = (uint8_t)v;
			struct diag q;
			diag_init(&q, NULL);
			rsc_table_free(&rt);
			int rc = rsc_table_parse(tb, FX_TSIZE, -1, &rt, &q);
			ck_assert(rc == 0 || rc == -1);
			ck_assert_int_eq(rc == -1, diag_has_errors(&q));
			refused += rc != 0;
			diag_free(&q);
			/* debugfs prints whatever the remote left there */
			char *out = NULL;
			size_t olen = 0;
			FILE *f = open_memstream(&out, &olen);
			rsc_table_print_debugfs(tb, FX_TSIZE, f);
			fclose(f);
			free(out);
		}
	}
	ck_assert_uint_gt(refused, 0);
}
END_TEST

/* Every truncation of the table. */
START_TEST(every_truncation)
{
	for (size_t n = 0; n <= FX_TSIZE; n++) {
		struct diag q;
		diag_init(&q, NULL);
		rsc_table_free(&rt);
		int rc = rsc_table_parse(tb, n, -1, &rt, &q);
		ck_assert_int_eq(rc, n == FX_TSIZE ? 0 : -1);
		diag_free(&q);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc_rsc");
	TCase *tc = tcase_create("linux");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_table_decodes);
	tcase_add_test(tc, facts_example_88_bytes);
	tcase_add_test(tc, empty_table_ok);
	tcase_add_test(tc, size_below_header);
	tcase_add_test(tc, version_not_1);
	tcase_add_test(tc, reserved_nonzero);
	tcase_add_test(tc, num_too_large);
	tcase_add_test(tc, num_above_rpsim_limit);
	tcase_add_test(tc, entry_offset_truncated);
	tcase_add_test(tc, carveout_truncated);
	tcase_add_test(tc, carveout_reserved);
	tcase_add_test(tc, devmem_reserved);
	tcase_add_test(tc, trace_checks);
	tcase_add_test(tc, trace_accepted_with_warnings);
	tcase_add_test(tc, vdev_size_overflow);
	tcase_add_test(tc, vdev_config_space);
	tcase_add_test(tc, vdev_reserved);
	tcase_add_test(tc, vdev_too_many_vrings);
	tcase_add_test(tc, vdev_no_vrings_ok);
	tcase_add_test(tc, vendor_type_warned);
	tcase_add_test(tc, unknown_type_warned);
	suite_add_tcase(s, tc);

	tc = tcase_create("weak_spots");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, entry_offset_negative);
	tcase_add_test(tc, entry_offset_unaligned);
	tcase_add_test(tc, entry_offset_in_header);
	tcase_add_test(tc, entries_overlap);
	tcase_add_test(tc, carveout_name_without_nul);
	tcase_add_test(tc, carveout_len_zero_and_wrap);
	tcase_add_test(tc, vdev_fixed_part_truncated);
	tcase_add_test(tc, vring_num_and_align);
	tcase_add_test(tc, every_problem_reported);
	tcase_add_test(tc, layout_change_detected);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, no_file_offset);
	tcase_add_test(tc, formatter);
	tcase_add_test(tc, formatter_escapes_names);
	tcase_add_test(tc, formatter_debugfs);
	tcase_add_test(tc, formatter_debugfs_raw_bytes);
	tcase_add_test(tc, type_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_byte_every_value);
	tcase_add_test(tc, every_truncation);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
