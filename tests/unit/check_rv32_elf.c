/* The bare-metal ELF loader of rpsim exec: a good image, and every rule a
 * bad one breaks, each with its message. Images are built in memory. */
#include <check.h>
#include <elf.h>
#include <string.h>

#include "models/rv32/rv32_elf.h"
#include "tests/unit/check_main.h"

struct img {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[2];
	uint8_t data[16];
};

static void good(struct img *m)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->eh.e_ident, ELFMAG, SELFMAG);
	m->eh.e_ident[EI_CLASS] = ELFCLASS32;
	m->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	m->eh.e_ident[EI_VERSION] = EV_CURRENT;
	m->eh.e_type = ET_EXEC;
	m->eh.e_machine = 243; /* EM_RISCV */
	m->eh.e_version = EV_CURRENT;
	m->eh.e_entry = 0x80000000;
	m->eh.e_phoff = offsetof(struct img, ph);
	m->eh.e_ehsize = sizeof(Elf32_Ehdr);
	m->eh.e_phentsize = sizeof(Elf32_Phdr);
	m->eh.e_phnum = 2;
	m->ph[0].p_type = PT_LOAD;
	m->ph[0].p_offset = offsetof(struct img, data);
	m->ph[0].p_paddr = m->ph[0].p_vaddr = 0x80000000;
	m->ph[0].p_filesz = 8;
	m->ph[0].p_memsz = 0x100;
	m->ph[1].p_type = PT_NOTE;
	memcpy(m->data, "\x13\x05\x10\x00\x73\x00\x10\x00", 8);
}

static char err[256];

static int parse(const struct img *m, size_t len, struct rv32_elf *e)
{
	err[0] = 0;
	return rv32_elf_parse("fw.elf", m, len, e, err, sizeof(err));
}

START_TEST(good_image)
{
	struct img m;
	struct rv32_elf e;
	good(&m);
	ck_assert_int_eq(parse(&m, sizeof(m), &e), 0);
	ck_assert_uint_eq(e.entry, 0x80000000);
	ck_assert_uint_eq(e.nsegs, 1);
	ck_assert_uint_eq(e.seg[0].paddr, 0x80000000);
	ck_assert_uint_eq(e.seg[0].filesz, 8);
	ck_assert_uint_eq(e.seg[0].memsz, 0x100);
	ck_assert_int_eq(memcmp(e.seg[0].data, m.data, 8), 0);
	ck_assert(!e.has_tohost && !e.has_fromhost && !e.has_signature);
	rv32_elf_free(&e);
}
END_TEST

static void expect_bad(const struct img *m, size_t len, const char *what)
{
	struct rv32_elf e;
	ck_assert_int_eq(parse(m, len, &e), -1);
	ck_assert_msg(strstr(err, what) != NULL, "message \"%s\" lacks \"%s\"", err, what);
	ck_assert_msg(strncmp(err, "fw.elf: ", 8) == 0, "message \"%s\" lacks the file name", err);
	ck_assert_ptr_null(e.image);
}

START_TEST(bad_images)
{
	struct img m;
	good(&m);
	expect_bad(&m, 0, "not an ELF file");
	expect_bad(&m, 20, "not an ELF file");
	good(&m);
	m.eh.e_ident[EI_CLASS] = ELFCLASS64;
	expect_bad(&m, sizeof(m), "not a 32-bit ELF");
	good(&m);
	m.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	expect_bad(&m, sizeof(m), "not little-endian");
	good(&m);
	m.eh.e_machine = 62;
	expect_bad(&m, sizeof(m), "machine 62 is not RISC-V");
	good(&m);
	m.eh.e_phnum = 0;
	expect_bad(&m, sizeof(m), "no program headers");
	good(&m);
	m.eh.e_phoff = 0x10000;
	expect_bad(&m, sizeof(m), "outside the file");
	good(&m);
	m.ph[0].p_filesz = 0x200;
	expect_bad(&m, sizeof(m), "filesz 0x200 > memsz 0x100");
	good(&m);
	m.ph[0].p_offset = sizeof(m) - 4;
	expect_bad(&m, sizeof(m), "beyond the end of the file");
	good(&m);
	m.ph[0].p_offset = 0xfffffff0;
	expect_bad(&m, sizeof(m), "beyond the end of the file");
	good(&m);
	m.ph[0].p_paddr = 0xffffff80;
	expect_bad(&m, sizeof(m), "does not fit the 32-bit address space");
	good(&m);
	m.ph[0].p_memsz = 0;
	m.ph[0].p_filesz = 0;
	expect_bad(&m, sizeof(m), "no loadable segment");
	good(&m);
	m.ph[0].p_type = PT_NOTE;
	expect_bad(&m, sizeof(m), "no loadable segment");
}
END_TEST

START_TEST(missing_file)
{
	struct rv32_elf e;
	ck_assert_int_eq(rv32_elf_read("/nonexistent/fw.elf", &e, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/fw.elf: cannot open"));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_elf");
	TCase *tc = tcase_create("elf");
	tcase_add_test(tc, good_image);
	tcase_add_test(tc, bad_images);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
