/* Source positions from DWARF (sim/core/debuginfo.h), on a sample
 * firmware built with -g by make. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/debuginfo.h"
#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "tests/unit/check_main.h"

static struct elf_image *load(const char *rel)
{
	const char *top = getenv("top_builddir");
	char path[2048];
	snprintf(path, sizeof(path), "%s/%s", top ? top : ".", rel);
	size_t n;
	uint8_t *data = (uint8_t *)sim_read_file(path, 1 << 24, &n);
	ck_assert_msg(data != NULL, "%s", path);
	struct diag d;
	diag_init(&d, NULL);
	struct elf_image *img = elf_image_open(data, n, NULL, &d);
	free(data);
	diag_free(&d);
	ck_assert_ptr_nonnull(img);
	return img;
}

START_TEST(lines_of_main)
{
	struct elf_image *img = load("firmware-samples/rpmsg-echo/rpmsg-echo.elf");
	struct debuginfo *di = debuginfo_open(img);
	ck_assert_ptr_nonnull(di);
	const struct elf_sym *m = elf_find_symbol(img, "main");
	ck_assert_ptr_nonnull(m);
	const char *file;
	unsigned line;
	ck_assert_int_eq(debuginfo_line(di, m->value, &file, &line), 0);
	ck_assert_ptr_nonnull(strstr(file, "rpmsg-echo.c"));
	ck_assert_uint_gt(line, 0);
	char buf[256];
	debuginfo_where(img, di, m->value + 4, buf, sizeof(buf));
	ck_assert_msg(strncmp(buf, "main+0x4 rpmsg-echo.c:", 22) == 0, "%s", buf);
	/* an address in no compile unit */
	ck_assert_int_eq(debuginfo_line(di, 0xfffffff0u, &file, &line), -1);
	debuginfo_where(img, di, 0xfffffff0u, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0xfffffff0");
	debuginfo_close(di);
	elf_image_free(img);
}
END_TEST

START_TEST(no_dwarf)
{
	/* the ISA tests are linked without -g */
	struct elf_image *img = load("tests/isa/alu.elf");
	struct debuginfo *di = debuginfo_open(img);
	char buf[128];
	debuginfo_where(img, di, img->entry, buf, sizeof(buf));
	ck_assert_msg(strncmp(buf, "_start", 6) == 0, "%s", buf);
	debuginfo_close(di);
	ck_assert_ptr_null(debuginfo_open(NULL));
	elf_image_free(img);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("debuginfo");
	TCase *tc = tcase_create("dwarf");
	tcase_add_test(tc, lines_of_main);
	tcase_add_test(tc, no_dwarf);
	suite_add_tcase(s, tc);
	return s;
}
