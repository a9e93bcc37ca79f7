/* sim/diag: collecting, counting, finding and printing diagnostics. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/diag.h"
#include "tests/unit/check_main.h"

static char *print(const struct diag *d, int sev)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (sev < 0)
		diag_print(d, f);
	else
		diag_print_sev(d, (enum diag_severity)sev, f);
	fclose(f);
	return out;
}

START_TEST(collects_and_prints)
{
	struct diag d;
	diag_init(&d, "fw.elf");
	ck_assert(!diag_has_errors(&d));
	diag_warning(&d, "odd %s", "thing");
	diag_error(&d, "entry %d (offset 0x%x): bad", 2, 0x44);
	diag_note(&d, "fyi");
	diag_add(&d, DIAG_ERROR, "second");
	ck_assert(diag_has_errors(&d));
	ck_assert_uint_eq(diag_count(&d, DIAG_ERROR), 2);
	ck_assert_uint_eq(diag_count(&d, DIAG_WARNING), 1);
	ck_assert_uint_eq(diag_count(&d, DIAG_NOTE), 1);
	ck_assert_str_eq(diag_find(&d, DIAG_ERROR, "0x44"), "entry 2 (offset 0x44): bad");
	ck_assert_ptr_null(diag_find(&d, DIAG_WARNING, "0x44"));
	ck_assert_ptr_nonnull(diag_find(&d, DIAG_NSEV, "thing"));
	char *out = print(&d, -1);
	ck_assert_str_eq(out, "fw.elf: warning: odd thing\n"
			      "fw.elf: entry 2 (offset 0x44): bad\n"
			      "fw.elf: note: fyi\n"
			      "fw.elf: second\n");
	free(out);
	out = print(&d, DIAG_ERROR);
	ck_assert_str_eq(out, "fw.elf: entry 2 (offset 0x44): bad\nfw.elf: second\n");
	free(out);
	diag_clear(&d);
	ck_assert(!diag_has_errors(&d));
	ck_assert_uint_eq(d.n, 0);
	diag_free(&d);
}
END_TEST

START_TEST(without_source)
{
	struct diag d;
	diag_init(&d, NULL);
	diag_error(&d, "x");
	char *out = print(&d, -1);
	ck_assert_str_eq(out, "x\n");
	free(out);
	diag_free(&d);
}
END_TEST

START_TEST(bounded)
{
	struct diag d;
	diag_init(&d, "f");
	for (int i = 0; i < DIAG_MAX_MSGS + 50; i++)
		diag_error(&d, "problem %d", i);
	ck_assert_uint_eq(d.n, DIAG_MAX_MSGS);
	ck_assert_uint_eq(diag_count(&d, DIAG_ERROR), DIAG_MAX_MSGS + 50);
	char *out = print(&d, -1);
	ck_assert_ptr_nonnull(strstr(out, "f: 50 more message(s) not shown\n"));
	free(out);
	diag_free(&d);
}
END_TEST

START_TEST(long_message)
{
	struct diag d;
	diag_init(&d, NULL);
	char big[5000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	diag_error(&d, "%s!", big);
	ck_assert_uint_eq(strlen(d.msgs[0].text), sizeof(big));
	ck_assert_str_eq(diag_severity_name(DIAG_WARNING), "warning");
	ck_assert_str_eq(diag_severity_name((enum diag_severity)9), "?");
	diag_free(&d);
}
END_TEST

struct seen {
	char text[256];
	int errors;
};

static void visit(void *ctx, enum diag_severity sev, const char *text)
{
	struct seen *s = ctx;
	strncat(s->text, text, sizeof(s->text) - strlen(s->text) - 1);
	s->errors += sev == DIAG_ERROR;
}

START_TEST(each_in_order)
{
	struct diag d;
	diag_init(&d, "f");
	diag_error(&d, "a");
	diag_warning(&d, "b");
	diag_error(&d, "c");
	struct seen s = { .text = "", .errors = 0 };
	diag_each(&d, visit, &s);
	ck_assert_str_eq(s.text, "abc");
	ck_assert_int_eq(s.errors, 2);
	diag_free(&d);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, collects_and_prints);
	tcase_add_test(tc, without_source);
	tcase_add_test(tc, bounded);
	tcase_add_test(tc, long_message);
	tcase_add_test(tc, each_in_order);
	suite_add_tcase(s, tc);
	return s;
}
