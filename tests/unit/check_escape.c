/* sim/core/escape: untrusted text made safe for a terminal. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/escape.h"
#include "tests/unit/check_main.h"

static const char *esc(const char *s, size_t n, unsigned flags)
{
	static char out[256];
	sim_escape(out, sizeof(out), s, n, flags);
	return out;
}

START_TEST(printable_passes)
{
	ck_assert_str_eq(esc("rpmsg-raw 0x400 \"a\" ~", 21, 0), "rpmsg-raw 0x400 \"a\" ~");
	ck_assert_str_eq(esc("", 0, 0), "");
}
END_TEST

/* ESC sequences, BEL, newline, DEL, bytes above 0x7e, NUL: all \xNN or
 * \n-style; the backslash doubled */
START_TEST(controls_escaped)
{
	const char evil[] = "\x1b[2J\x1b]0;pwn\x07\nPASS x\xff\x7f\r\t\\";
	ck_assert_str_eq(esc(evil, sizeof(evil) - 1, 0),
			 "\\x1b[2J\\x1b]0;pwn\\x07\\nPASS x\\xff\\x7f\\r\\t\\\\");
	ck_assert_str_eq(esc("a\0b", 3, 0), "a\\x00b");
	ck_assert_str_eq(esc("\x80\x9b", 2, 0), "\\x80\\x9b");
}
END_TEST

START_TEST(flags)
{
	ck_assert_str_eq(esc("say \"hi\"", 8, SIM_ESC_QUOTE), "say \\\"hi\\\"");
	ck_assert_str_eq(esc("l1\nl2\t\x1b", 7, SIM_ESC_KEEP_NL), "l1\nl2\t\\x1b");
	ck_assert_str_eq(esc("a\\x1b", 5, SIM_ESC_KEEP_BACKSLASH), "a\\x1b");
}
END_TEST

/* cut at the buffer, never inside an escape */
START_TEST(cut)
{
	char out[6];
	size_t n = sim_escape(out, sizeof(out), "ab\x1b", 3, 0);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(sim_escape(out, 0, "x", 1, 0), 0);
	char big[SIM_ESCAPE_SIZE(3)];
	ck_assert_uint_eq(sim_escape(big, sizeof(big), "\x01\x02\x03", 3, 0), 12);
	ck_assert_str_eq(sim_escape_str(big, sizeof(big), NULL), "");
}
END_TEST

START_TEST(stream)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	/* longer than the helper's own buffer */
	for (int i = 0; i < 600; i++)
		sim_escape_write(f, "\x1b", 1, 0);
	sim_escape_write(f, "ok\n", 3, SIM_ESC_KEEP_NL);
	fclose(f);
	ck_assert_uint_eq(len, 600 * 4 + 3);
	ck_assert_int_eq(memcmp(buf, "\\x1b\\x1b", 8), 0);
	ck_assert_str_eq(buf + len - 3, "ok\n");
	free(buf);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, printable_passes);
	tcase_add_test(tc, controls_escaped);
	tcase_add_test(tc, flags);
	tcase_add_test(tc, cut);
	tcase_add_test(tc, stream);
	suite_add_tcase(s, tc);
	return s;
}
