/* sim/cli/test_report.c and home.c: text that is not valid XML (control
 * bytes, broken UTF-8, U+FFFE) becomes valid character data; the list of
 * scenarios to rerun read back from a state file and from the JUnit the
 * command writes (failures and errors, not passes; entities decoded);
 * the relative path from bindir to the data directory. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/home.h"
#include "sim/cli/test_report.h"
#include "tests/unit/check_main.h"

#define TMP "check_cli_report.tmp"

static char *xml(const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	test_report_xml_text(f, s, n);
	fclose(f);
	return buf;
}

START_TEST(xml_text)
{
#define XML(lit) xml(lit, sizeof(lit) - 1)
	char *t = XML("a<b>&\"c\"");
	ck_assert_str_eq(t, "a&lt;b&gt;&amp;&quot;c&quot;");
	free(t);
	/* tab, newline kept; ESC (a colour code) and NUL are not XML 1.0 */
	t = XML("x\ty\n\033[0m\0z");
	ck_assert_str_eq(t, "x\ty\n\\x1b[0m\\x00z");
	free(t);
	/* valid UTF-8 passes, broken sequences and U+FFFE do not */
	t = XML("caf\xc3\xa9 \xc3 \xef\xbf\xbe \xed\xa0\x80 \xf0\x9f\x98\x80");
	ck_assert_str_eq(t, "caf\xc3\xa9 \\xc3 \\xef\\xbf\\xbe \\xed\\xa0\\x80 \xf0\x9f\x98\x80");
	free(t);
	/* a sequence cut by the end of the text */
	t = XML("ok\xe2\x82");
	ck_assert_str_eq(t, "ok\\xe2\\x82");
	free(t);
}
END_TEST

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(read_failed)
{
	char **v = NULL;
	write_text(TMP ".state", "# comment\na/x.json\n\nb y.json\n");
	ck_assert_int_eq(test_report_read_failed(TMP ".state", &v), 2);
	ck_assert_str_eq(v[0], "a/x.json");
	ck_assert_str_eq(v[1], "b y.json");
	free(v[0]);
	free(v[1]);
	free(v);

	/* the JUnit this command writes, read back */
	struct test_report_case r[4] = {
		{ .path = "p<1>.json", .outcome = TEST_PASS },
		{ .path = "f&\"2\".json", .outcome = TEST_FAIL, .kind = "expectation", .reason = "no", .out = "t" },
		{ .path = "e.json", .outcome = TEST_ERROR, .kind = "bad-input", .reason = "bad", .err = "x" },
		{ .path = "p4.json", .outcome = TEST_PASS, .out = "timeline" },
	};
	ck_assert_int_eq(test_report_junit(TMP ".xml", r, 4, 1.5, true), 0);
	ck_assert_int_eq(test_report_read_failed(TMP ".xml", &v), 2);
	ck_assert_str_eq(v[0], "f&\"2\".json");
	ck_assert_str_eq(v[1], "e.json");
	free(v[0]);
	free(v[1]);
	free(v);
	/* the state file of the same results */
	ck_assert_int_eq(test_report_write_state(TMP ".state", r, 4), 0);
	ck_assert_int_eq(test_report_read_failed(TMP ".state", &v), 2);
	ck_assert_str_eq(v[1], "e.json");
	free(v[0]);
	free(v[1]);
	free(v);
	ck_assert_int_eq(test_report_read_failed(TMP ".none", &v), -1);
	remove(TMP ".state");
	remove(TMP ".xml");
}
END_TEST

START_TEST(relpath)
{
	char b[256];
	cli_home_relpath("/usr/local/bin", "/usr/local/share/rpsim", b, sizeof(b));
	ck_assert_str_eq(b, "../share/rpsim");
	cli_home_relpath("/usr/bin", "/usr/share/rpsim", b, sizeof(b));
	ck_assert_str_eq(b, "../share/rpsim");
	cli_home_relpath("/opt/x", "/opt/x/data", b, sizeof(b));
	ck_assert_str_eq(b, "data");
	cli_home_relpath("/opt/xy/bin", "/opt/x/share", b, sizeof(b));
	ck_assert_str_eq(b, "../../x/share");
	cli_home_relpath("/a/b", "/a/b", b, sizeof(b));
	ck_assert_str_eq(b, ".");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("cli_report");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, xml_text);
	tcase_add_test(tc, read_failed);
	tcase_add_test(tc, relpath);
	suite_add_tcase(s, tc);
	return s;
}
