/* The shared ELF reader (sim/core/elf.h): what it reads from good images,
 * what it refuses, and the look-ups the loader, exec and the viewer use. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "tests/unit/check_main.h"
#include "tests/unit/rproc_fixture.h"

static uint8_t buf[4096];
static struct diag d;

static struct elf_image *open_fx(unsigned cls, const struct elf_open_opts *o, struct fx_elf *L)
{
	uint8_t t[FX_TSIZE];
	fx_table(t);
	*L = fx_elf(buf, cls, t, FX_TSIZE);
	diag_init(&d, NULL);
	return elf_image_open(buf, L->size, o, &d);
}

static bool has_msg(const char *s)
{
	for (unsigned i = 0; i < d.n; i++)
		if (strstr(d.msgs[i].text, s))
			return true;
	return false;
}

START_TEST(reads_segments_and_sections)
{
	for (unsigned cls = 32; cls <= 64; cls += 32) {
		struct fx_elf L;
		struct elf_image *img = open_fx(cls, NULL, &L);
		ck_assert_msg(img != NULL, "%s", d.n ? d.msgs[0].text : "?");
		ck_assert_uint_eq(img->elf_class, cls);
		ck_assert_uint_eq(img->machine, ELF_EM_RISCV);
		ck_assert_uint_eq(img->nsegs, 2);
		ck_assert_uint_eq(img->segs[1].paddr, FX_DATA_DA);
		ck_assert_uint_eq(img->segs[1].memsz, FX_DATA_MEMSZ);
		const struct elf_section *s = elf_find_section(img, ".resource_table");
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(s->index, L.rsc_shndx);
		ck_assert(s->in_file);
		ck_assert_ptr_eq(elf_section_data(img, s), img->data + s->offset);
		ck_assert_ptr_null(elf_find_section(img, ".nope"));
		/* loaded bytes: the table at its da, the bss zero, outside invalid */
		uint8_t b[4];
		bool v[4];
		ck_assert_uint_eq(elf_read_loaded(img, FX_DATA_DA, b, v, 4), 4);
		ck_assert_uint_eq(b[0], 1); /* table version */
		ck_assert_uint_eq(elf_read_loaded(img, FX_TRACE_DA, b, v, 4), 4);
		ck_assert_uint_eq(b[0] | b[1] | b[2] | b[3], 0);
		ck_assert_uint_eq(elf_read_loaded(img, 0x100000, b, v, 4), 0);
		ck_assert(!v[0]);
		elf_image_free(img);
		diag_free(&d);
	}
}
END_TEST

START_TEST(refuses_bad_headers)
{
	struct fx_elf L;
	struct elf_image *img = open_fx(32, &(struct elf_open_opts){ .machine = ELF_EM_ARM }, &L);
	ck_assert_ptr_null(img);
	ck_assert(has_msg("e_machine (offset 0x12) is 243 (RISC-V), but the remote core is 40 (ARM)"));
	diag_free(&d);
	/* a segment past the file */
	uint8_t t[FX_TSIZE];
	fx_table(t);
	L = fx_elf(buf, 32, t, FX_TSIZE);
	le32_store(buf + L.phoff + 4, 0xFFFFF000u); /* p_offset of the first segment */
	diag_init(&d, NULL);
	ck_assert_ptr_null(elf_image_open(buf, L.size, NULL, &d));
	ck_assert(has_msg("runs past the end of the file"));
	diag_free(&d);
	/* a segment beyond the address limit */
	L = fx_elf(buf, 32, t, FX_TSIZE);
	diag_init(&d, NULL);
	ck_assert_ptr_null(elf_image_open(buf, L.size, &(struct elf_open_opts){ .addr_limit = 0xFFF }, &d));
	ck_assert(has_msg("lies beyond the core's device address space"));
	diag_free(&d);
	/* not ELF, truncated, empty */
	diag_init(&d, NULL);
	ck_assert_ptr_null(elf_image_open((const uint8_t *)"\177ELF garbage", 12, NULL, &d));
	ck_assert(has_msg("smaller than an ELF header"));
	diag_free(&d);
	diag_init(&d, NULL);
	memset(buf, 'x', 64);
	ck_assert_ptr_null(elf_image_open(buf, 64, NULL, &d));
	ck_assert(has_msg("not an ELF file"));
	diag_free(&d);
	/* every truncation of a good image is refused or read, never a crash */
	L = fx_elf(buf, 32, t, FX_TSIZE);
	for (size_t n = 0; n < L.size; n++) {
		diag_init(&d, NULL);
		elf_image_free(elf_image_open(buf, n, NULL, &d));
		diag_free(&d);
	}
}
END_TEST

/* Symbols of a real program (an ISA test built by make check). */
START_TEST(symbols)
{
	const char *top = getenv("top_builddir");
	char path[2048];
	snprintf(path, sizeof(path), "%s/tests/isa/alu.elf", top ? top : ".");
	size_t n;
	uint8_t *data = (uint8_t *)sim_read_file(path, 1 << 24, &n);
	ck_assert_msg(data != NULL, "%s", path);
	diag_init(&d, NULL);
	struct elf_image *img = elf_image_open(data, n, NULL, &d);
	free(data);
	ck_assert_ptr_nonnull(img);
	const struct elf_sym *s = elf_find_symbol(img, "_start");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->value, img->entry);
	uint64_t off;
	const struct elf_sym *at = elf_symbol_at(img, s->value, &off);
	ck_assert_ptr_nonnull(at);
	ck_assert_uint_eq(off, 0);
	ck_assert_ptr_nonnull(elf_find_symbol(img, "tohost"));
	ck_assert_ptr_null(elf_find_symbol(img, "no_such_symbol"));
	/* sorted by value */
	for (unsigned i = 1; i < img->nsyms; i++)
		ck_assert_uint_le(img->syms[i - 1].value, img->syms[i].value);
	/* without symbols when asked */
	elf_image_free(img);
	diag_free(&d);
}
END_TEST

/* An Arm function symbol's value has the Thumb bit: the reader gives the
 * address of its first instruction, as GDB and objdump do (a Cortex-M
 * program built by the tests: tests/gdb/cm4.c). */
START_TEST(arm_function_symbols_without_the_thumb_bit)
{
	const char *top = getenv("top_builddir");
	char path[2048];
	snprintf(path, sizeof(path), "%s/tests/gdb/cm4.elf", top ? top : ".");
	size_t n;
	uint8_t *data = (uint8_t *)sim_read_file(path, 1 << 24, &n);
	ck_assert_msg(data != NULL, "%s", path);
	diag_init(&d, NULL);
	struct elf_image *img = elf_image_open(data, n, NULL, &d);
	free(data);
	ck_assert_ptr_nonnull(img);
	ck_assert_uint_eq(img->machine, ELF_EM_ARM);
	const struct elf_sym *s = elf_find_symbol(img, "add_step");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->value & 1, 0);
	uint64_t off;
	ck_assert_ptr_eq(elf_symbol_at(img, s->value + 2, &off), s);
	ck_assert_uint_eq(off, 2);
	/* data symbols keep their value */
	const struct elf_sym *c = elf_find_symbol(img, "scale");
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->value % 4, 0);
	elf_image_free(img);
	diag_free(&d);
}
END_TEST

START_TEST(names)
{
	char f[4];
	ck_assert_str_eq(elf_machine_name(ELF_EM_ARM), "ARM");
	ck_assert_str_eq(elf_machine_name(ELF_EM_RISCV), "RISC-V");
	ck_assert_ptr_null(elf_machine_name(0xbeef));
	ck_assert_str_eq(elf_flags_str(5, f), "R-X");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("reader");
	tcase_add_test(tc, reads_segments_and_sections);
	tcase_add_test(tc, refuses_bad_headers);
	tcase_add_test(tc, symbols);
	tcase_add_test(tc, arm_function_symbols_without_the_thumb_bit);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
