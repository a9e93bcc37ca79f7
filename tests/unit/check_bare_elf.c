/* What `rpsim exec`'s bare machine accepts as a program (it reads it with
 * the shared ELF reader): a good image, and every rule a bad one breaks,
 * each with its message naming the file. Images are built in memory and
 * written to a file. */
#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "sim/platform/bare.h"
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

static char err[512];
#define FW "check_bare_elf.elf"

static struct bare *load(const void *m, size_t len, struct sim *sim)
{
	FILE *f = fopen(FW, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(m, 1, len, f), len);
	fclose(f);
	err[0] = 0;
	sim_init(sim);
	return bare_create(sim, FW, &(struct bare_opts){ .out = stderr }, err, sizeof(err));
}

START_TEST(good_image)
{
	struct img m;
	struct sim sim;
	good(&m);
	struct bare *b = load(&m, sizeof(m), &sim);
	ck_assert_msg(b != NULL, "%s", err);
	ck_assert_str_eq(bare_cpu(b)->isa->name, "rv32imac");
	/* li a0, 1; ecall... the program runs and halts or exits: it loaded */
	sim_destroy(&sim);
}
END_TEST

static void expect_bad(const struct img *m, size_t len, const char *what)
{
	struct sim sim;
	ck_assert_ptr_null(load(m, len, &sim));
	ck_assert_msg(strstr(err, what) != NULL, "message \"%s\" lacks \"%s\"", err, what);
	ck_assert_msg(strncmp(err, FW ": ", strlen(FW) + 2) == 0, "message \"%s\" lacks the file name", err);
	sim_destroy(&sim);
}

START_TEST(bad_images)
{
	struct img m;
	good(&m);
	expect_bad(&m, 0, "smaller than an ELF header");
	expect_bad(&m, 20, "smaller than an ELF header");
	good(&m);
	m.eh.e_ident[EI_CLASS] = ELFCLASS64;
	expect_bad(&m, sizeof(m), "an ELF64 program header is 56 bytes");
	good(&m);
	m.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	expect_bad(&m, sizeof(m), "must be 1 (ELFDATA2LSB)");
	good(&m);
	m.eh.e_machine = 62;
	expect_bad(&m, sizeof(m), "no core model runs ELF machine 62");
	good(&m);
	m.eh.e_phnum = 0;
	expect_bad(&m, sizeof(m), "no program headers");
	good(&m);
	m.eh.e_phoff = 0x10000;
	expect_bad(&m, sizeof(m), "run past the end of the file");
	good(&m);
	m.ph[0].p_filesz = 0x200;
	expect_bad(&m, sizeof(m), "p_filesz 0x200 is larger than p_memsz 0x100");
	good(&m);
	m.ph[0].p_offset = sizeof(m) - 4;
	expect_bad(&m, sizeof(m), "runs past the end of the file");
	good(&m);
	m.ph[0].p_offset = 0xfffffff0;
	expect_bad(&m, sizeof(m), "runs past the end of the file");
	good(&m);
	m.ph[0].p_paddr = 0xffffff80;
	expect_bad(&m, sizeof(m), "lies beyond the 32-bit device address space");
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
	struct sim sim;
	sim_init(&sim);
	ck_assert_ptr_null(bare_create(&sim, "/nonexistent/fw.elf", &(struct bare_opts){ 0 }, err,
				       sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/fw.elf: cannot read the firmware file"));
	sim_destroy(&sim);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("bare_elf");
	TCase *tc = tcase_create("elf");
	tcase_add_test(tc, good_image);
	tcase_add_test(tc, bad_images);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
