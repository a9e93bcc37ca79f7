/* Firmware ELF checks: each rule Linux applies, the ones rpsim adds
 * (e_machine, header entry sizes, name table bounds, the resource table's
 * place in a loaded segment), ELF32 and ELF64, and robustness on every
 * truncation and on random damage. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_elf.h"
#include "sim/core/diag.h"
#include "tests/unit/check_main.h"
#include "tests/unit/rproc_fixture.h"

static uint8_t img[4096];
static struct fx_elf L;
static struct diag dg;
static struct rproc_elf *elf;

static void build(unsigned cls)
{
	uint8_t t[FX_TSIZE];
	fx_table(t);
	L = fx_elf(img, cls, t, FX_TSIZE);
}

static void setup(void)
{
	build(32);
	diag_init(&dg, "fw.elf");
	elf = NULL;
}

static void teardown(void)
{
	rproc_elf_free(elf);
	diag_free(&dg);
}

/* A fresh fixture in the middle of a test. */
static void again(void)
{
	teardown();
	setup();
}

static struct rproc_elf *open_img(size_t size)
{
	rproc_elf_free(elf);
	elf = rproc_elf_open(img, size, RPROC_EM_RISCV, &dg);
	return elf;
}

#define REFUSED(size, needle)                                                          \
	do {                                                                           \
		ck_assert_ptr_null(open_img(size));                                    \
		ck_assert_msg(diag_find(&dg, DIAG_ERROR, needle), "no error with '%s'", needle); \
	} while (0)

static uint8_t *ph(unsigned i)
{
	return img + L.phoff + i * L.phentsize;
}

static uint8_t *sh(unsigned i)
{
	return img + L.shoff + i * L.shentsize;
}

START_TEST(good_elf32)
{
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
	ck_assert_uint_eq(elf->elf_class, 32);
	ck_assert_uint_eq(elf->machine, 243);
	ck_assert_uint_eq(elf->entry, 0);
	ck_assert_uint_eq(elf->nsegs, 2);
	ck_assert_uint_eq(elf->segs[1].da, FX_DATA_DA);
	ck_assert_uint_eq(elf->segs[1].filesz, FX_TSIZE);
	ck_assert_uint_eq(elf->segs[1].memsz, FX_DATA_MEMSZ);
	ck_assert_uint_eq(elf->segs[1].flags, 6);
	ck_assert_uint_eq(elf->segs[1].hdr_offset, L.phoff + L.phentsize);
	ck_assert(elf->has_rsc);
	ck_assert_uint_eq(elf->rsc_index, 2);
	ck_assert_uint_eq(elf->rsc_offset, FX_DATA_OFF);
	ck_assert_uint_eq(elf->rsc_size, FX_TSIZE);
	ck_assert_uint_eq(elf->rsc_da, FX_DATA_DA);
	ck_assert_uint_eq(le32_load(rproc_elf_rsc_data(elf)), 1);
	ck_assert_uint_eq(le32_load(rproc_elf_seg_data(elf, &elf->segs[0])), 0x10500073);
}
END_TEST

START_TEST(good_elf64)
{
	build(64);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_uint_eq(elf->elf_class, 64);
	ck_assert_uint_eq(elf->nsegs, 2);
	ck_assert_uint_eq(elf->rsc_da, FX_DATA_DA);
	ck_assert_uint_eq(elf->segs[1].memsz, FX_DATA_MEMSZ);
}
END_TEST

START_TEST(data_is_copied)
{
	ck_assert_ptr_nonnull(open_img(L.size));
	memset(img, 0, sizeof(img));
	ck_assert_uint_eq(le32_load(rproc_elf_rsc_data(elf)), 1);
}
END_TEST

/* ---- Linux's rproc_elf_sanity_check */
START_TEST(too_small)
{
	REFUSED(0, "file is 0 bytes, smaller than an ELF header (52 bytes)");
	REFUSED(51, "file is 51 bytes");
}
END_TEST

START_TEST(bad_magic)
{
	img[3] = 'G';
	REFUSED(L.size, "e_ident magic (offset 0x0) is 7f 45 4c 47");
}
END_TEST

START_TEST(bad_class)
{
	img[4] = 3;
	REFUSED(L.size, "e_ident[EI_CLASS] (offset 0x4) is 3");
	img[4] = 2; /* ELF64 but only 60 bytes */
	REFUSED(60, "smaller than an ELF64 header");
}
END_TEST

START_TEST(wrong_endianness)
{
	img[5] = 2;
	REFUSED(L.size, "(big-endian)");
	img[5] = 0;
	REFUSED(L.size, "e_ident[EI_DATA] (offset 0x5) is 0 (invalid)");
}
END_TEST

START_TEST(no_program_headers)
{
	le16_store(img + 44, 0);
	REFUSED(L.size, "e_phnum (offset 0x2c) is 0");
}
END_TEST

START_TEST(phoff_beyond_file)
{
	le32_store(img + 28, (uint32_t)L.size - 10);
	REFUSED(L.size, "e_phoff (offset 0x1c)");
	build(64);
	le64_store(img + 32, UINT64_MAX - 8); /* wraps */
	REFUSED(L.size, "e_phoff (offset 0x20) is 0xfffffffffffffff7");
}
END_TEST

START_TEST(shdrs_beyond_file)
{
	le32_store(img + 32, (uint32_t)L.size - 39);
	REFUSED(L.size, "e_shoff (offset 0x20)");
	again();
	REFUSED(L.size - 1, "e_shoff (offset 0x20)");
}
END_TEST

START_TEST(segment_filesz_gt_memsz)
{
	le32_store(ph(0) + FX_PH_FILESZ, FX_CODE_LEN + 1);
	REFUSED(L.size, "program header 0 (offset 0x34): p_filesz 0x11 is larger than p_memsz 0x10");
}
END_TEST

START_TEST(segment_beyond_file)
{
	le32_store(ph(1) + FX_PH_OFFSET, (uint32_t)L.size - 8);
	REFUSED(L.size, "program header 1 (offset 0x54): segment data at p_offset");
	again();
	le32_store(ph(1) + FX_PH_OFFSET, 0xffffff00); /* offset + filesz wraps in 32 bits */
	REFUSED(L.size, "runs past the end of the file");
}
END_TEST

START_TEST(empty_segment_skipped)
{
	/* memsz 0: Linux skips it, whatever its offset says */
	le32_store(ph(0) + FX_PH_FILESZ, 0);
	le32_store(ph(0) + FX_PH_MEMSZ, 0);
	le32_store(ph(0) + FX_PH_OFFSET, 0xfffffff0);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_uint_eq(elf->nsegs, 1);
	/* and the entry point is now outside every segment */
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "e_entry"));
}
END_TEST

START_TEST(segment_outside_32bit)
{
	le32_store(ph(1) + FX_PH_PADDR, 0xfffffc00);
	REFUSED(L.size, "lies beyond the 32-bit device address space");
	build(64);
	le64_store(ph(1) + 24, 0x100000000ull);
	REFUSED(L.size, "p_paddr 0x100000000");
}
END_TEST

/* ---- rpsim's additions */
START_TEST(wrong_machine)
{
	le16_store(img + 18, 40);
	REFUSED(L.size, "e_machine (offset 0x12) is 40 (ARM), but the remote core is 243 (RISC-V)");
	/* 0 accepts any */
	rproc_elf_free(elf);
	elf = rproc_elf_open(img, L.size, 0, &dg);
	ck_assert_ptr_nonnull(elf);
}
END_TEST

START_TEST(bad_version_and_type)
{
	img[6] = 2;
	REFUSED(L.size, "e_ident[EI_VERSION] (offset 0x6) is 2");
	again();
	le16_store(img + 16, 3); /* ET_DYN: warned, loaded */
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "e_type (offset 0x10) is 3"));
}
END_TEST

START_TEST(entry_sizes)
{
	le16_store(img + 42, 40);
	REFUSED(L.size, "e_phentsize (offset 0x2a) is 40; an ELF32 program header is 32 bytes");
	again();
	le16_store(img + 46, 32);
	REFUSED(L.size, "e_shentsize (offset 0x2e) is 32");
	again();
	le16_store(img + 44, 0xffff);
	REFUSED(L.size, "extended numbering");
}
END_TEST

START_TEST(section_numbering)
{
	le16_store(img + 50, 5);
	REFUSED(L.size, "e_shstrndx (offset 0x32) is 5, but there are only 5 sections");
	again();
	le16_store(img + 48, 0);
	REFUSED(L.size, "extended section numbering");
	/* no sections at all: loadable, without a table */
	again();
	le16_store(img + 48, 0);
	le32_store(img + 32, 0);
	le16_store(img + 50, 0);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert(!elf->has_rsc);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_NOTE, "no resource table"));
}
END_TEST

START_TEST(name_table_bounds)
{
	le32_store(sh(3) + FX_SH_OFFSET, (uint32_t)L.size - 4);
	REFUSED(L.size, "section name table (section 3");
	again();
	le32_store(sh(3) + FX_SH_TYPE, 8); /* NOBITS name table */
	REFUSED(L.size, "section name table (section 3");
	again();
	le32_store(sh(2) + FX_SH_NAME, 1000);
	REFUSED(L.size, "section header 2 (offset 0x");
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "sh_name 0x3e8"));
	again();
	/* the last name loses its NUL: the table ends mid-name */
	le32_store(sh(3) + FX_SH_SIZE, 37);
	REFUSED(L.size, "section header 4");
}
END_TEST

START_TEST(no_resource_table)
{
	/* rename .resource_table to .resource_tablf */
	img[L.strtab_off + 7 + 14] = 'f';
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert(!elf->has_rsc);
	ck_assert_ptr_null(rproc_elf_rsc_data(elf));
}
END_TEST

START_TEST(rsc_section_bounds)
{
	le32_store(sh(2) + FX_SH_SIZE, (uint32_t)L.size);
	REFUSED(L.size, "resource table truncated");
	again();
	le32_store(sh(2) + FX_SH_OFFSET, 0xfffffff0);
	REFUSED(L.size, "sh_offset 0xfffffff0");
	again();
	le32_store(sh(2) + FX_SH_TYPE, 8);
	REFUSED(L.size, "SHT_NOBITS");
}
END_TEST

/* Linux boots these: rproc_start installs the table at sh_addr if that
 * translates and goes on without it otherwise (issue 16, item 7) */
START_TEST(rsc_outside_loaded_segments)
{
	/* the data segment stops before the table's end */
	le32_store(ph(1) + FX_PH_FILESZ, FX_TSIZE - 4);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "lies outside every loaded segment"));
	again();
	le32_store(ph(1), 4); /* PT_NOTE: nothing loads the table */
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "lies outside every loaded segment"));
}
END_TEST

START_TEST(rsc_sh_addr_mismatch)
{
	le32_store(sh(2) + FX_SH_ADDR, FX_DATA_DA + 0x40);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "sh_addr is 0x1040 but program header 1 loads the table at da 0x1000"));
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 0);
}
END_TEST

START_TEST(second_rsc_section_warned)
{
	le32_store(sh(1) + FX_SH_NAME, 7); /* .text renamed .resource_table */
	ck_assert_ptr_nonnull(open_img(L.size)); /* Linux takes the first: .text's bytes */
	ck_assert_uint_eq(elf->rsc_index, 1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "section 2 is a second .resource_table"));
	again();
	le32_store(sh(4) + FX_SH_NAME, 7); /* .bss: a second one after the real one */
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "section 4 is a second .resource_table"));
	ck_assert_uint_eq(elf->rsc_index, 2);
}
END_TEST

START_TEST(other_section_beyond_file_warned)
{
	le32_store(sh(1) + FX_SH_OFFSET, 0xfffff000);
	ck_assert_ptr_nonnull(open_img(L.size));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "section 1 '.text'"));
}
END_TEST

START_TEST(machine_names_and_flags)
{
	char b[4];
	ck_assert_str_eq(rproc_elf_machine_name(243), "RISC-V");
	ck_assert_str_eq(rproc_elf_machine_name(40), "ARM");
	ck_assert_ptr_null(rproc_elf_machine_name(9999));
	ck_assert_str_eq(rproc_elf_flags_str(5, b), "R-X");
	ck_assert_str_eq(rproc_elf_flags_str(6, b), "RW-");
}
END_TEST

START_TEST(every_truncation)
{
	for (size_t n = 0; n <= L.size; n++) {
		struct diag q;
		diag_init(&q, NULL);
		struct rproc_elf *e = rproc_elf_open(img, n, RPROC_EM_RISCV, &q);
		ck_assert_int_eq(e != NULL, n == L.size);
		ck_assert_int_eq(e == NULL, diag_has_errors(&q));
		rproc_elf_free(e);
		diag_free(&q);
	}
}
END_TEST

/* Seeded random damage to the headers: never a crash; refused iff errors. */
START_TEST(random_header_damage)
{
	uint8_t good[4096];
	memcpy(good, img, sizeof(good));
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 20000; round++) {
		memcpy(img, good, sizeof(img));
		int flips = 1 + round % 4;
		for (int k = 0; k < flips; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly the ELF header, program and section headers */
			size_t pos = (x >> 8) % 3 == 0 ? (size_t)((x >> 16) % L.size)
				   : (x >> 8) % 3 == 1 ? (size_t)((x >> 16) % 0x74)
						       : L.shoff + (size_t)((x >> 16) % (L.size - L.shoff));
			img[pos] = (uint8_t)(x >> 40);
		}
		struct diag q;
		diag_init(&q, NULL);
		struct rproc_elf *e = rproc_elf_open(img, L.size, RPROC_EM_RISCV, &q);
		ck_assert_int_eq(e == NULL, diag_has_errors(&q));
		rproc_elf_free(e);
		diag_free(&q);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc_elf");
	TCase *tc = tcase_create("linux");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_elf32);
	tcase_add_test(tc, good_elf64);
	tcase_add_test(tc, data_is_copied);
	tcase_add_test(tc, too_small);
	tcase_add_test(tc, bad_magic);
	tcase_add_test(tc, bad_class);
	tcase_add_test(tc, wrong_endianness);
	tcase_add_test(tc, no_program_headers);
	tcase_add_test(tc, phoff_beyond_file);
	tcase_add_test(tc, shdrs_beyond_file);
	tcase_add_test(tc, segment_filesz_gt_memsz);
	tcase_add_test(tc, segment_beyond_file);
	tcase_add_test(tc, empty_segment_skipped);
	tcase_add_test(tc, rsc_section_bounds);
	suite_add_tcase(s, tc);

	tc = tcase_create("rpsim");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, segment_outside_32bit);
	tcase_add_test(tc, wrong_machine);
	tcase_add_test(tc, bad_version_and_type);
	tcase_add_test(tc, entry_sizes);
	tcase_add_test(tc, section_numbering);
	tcase_add_test(tc, name_table_bounds);
	tcase_add_test(tc, no_resource_table);
	tcase_add_test(tc, rsc_outside_loaded_segments);
	tcase_add_test(tc, rsc_sh_addr_mismatch);
	tcase_add_test(tc, second_rsc_section_warned);
	tcase_add_test(tc, other_section_beyond_file_warned);
	tcase_add_test(tc, machine_names_and_flags);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_truncation);
	tcase_add_test(tc, random_header_damage);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
