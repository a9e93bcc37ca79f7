/* What the scenario loader checks so that a run can end and matches
 * what the run will do: the least simulated time the steps take
 * (sim/scenario/scenario_time.c), and the values a sysfs or debugfs store
 * accepts, judged by the host model's own parsers (rproc_attr_check) and
 * the firmware file rules of request_firmware. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/host/rproc.h"
#include "sim/scenario/scenario.h"
#include "tests/unit/check_main.h"

#define TMPDIR "check_scenario_limits.tmp"
#define HEAD "{\"firmware\": \"echo.elf\", \"firmware_path\": [\"fw\"], "
#define STATE "/sys/class/remoteproc/remoteproc0/state"
#define CRASH "/sys/kernel/debug/remoteproc/remoteproc0/crash"

static struct diag dg;

static void setup(void)
{
	mkdir(TMPDIR, 0777);
	mkdir(TMPDIR "/fw", 0777);
	mkdir(TMPDIR "/fw/dir.elf", 0777);
	FILE *f = fopen(TMPDIR "/fw/echo.elf", "wb");
	ck_assert_ptr_nonnull(f);
	fputs("dummy", f);
	fclose(f);
	unlink(TMPDIR "/fw/fifo.elf");
	ck_assert_int_eq(mkfifo(TMPDIR "/fw/fifo.elf", 0600), 0);
}

static struct scenario *load(const char *text)
{
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), NULL, &sc, &dg);
	return sc;
}

static void ok(const char *text)
{
	struct scenario *sc = load(text);
	if (!sc)
		diag_print(&dg, stderr);
	ck_assert_msg(sc != NULL, "refused: %s", text);
	scenario_free(sc);
}

static void bad(const char *text, const char *needle)
{
	struct scenario *sc = load(text);
	scenario_free(sc);
	ck_assert_msg(sc == NULL, "accepted: %s", text);
	if (!diag_find(&dg, DIAG_ERROR, needle)) {
		diag_print(&dg, stderr);
		ck_abort_msg("no message contains \"%s\"", needle);
	}
}

START_TEST(total_time)
{
	/* the scenario: 3 x 10^7 s passes 2^64 - 1 ps */
	bad("{\"time_limit\": \"18446744073709551615ps\", \"steps\": [{\"repeat\": 3, \"steps\": "
	    "[{\"run\": \"10000000s\"}]}]}",
	    "$.steps[0]: 3 iterations of at least 10000000s each add up to more simulated time");
	bad("{\"steps\": [{\"run\": \"10000000s\"}, {\"run\": \"9000000s\"}]}",
	    "$.steps[1]: the steps up to this one add up to more simulated time");
	/* nested: 10^6 x 10^6 x 20 ms = 2 x 10^10 s */
	bad("{\"steps\": [{\"repeat\": 1000000, \"steps\": [{\"repeat\": 1000000, \"steps\": "
	    "[{\"run\": \"20ms\"}]}]}]}", "$.steps[0]: 1000000 iterations of at least 20000s each");
	/* host latencies count: 10^6 x 10^6 echoes of 20 us */
	bad("{\"steps\": [{\"repeat\": 1000000, \"steps\": [{\"repeat\": 1000000, \"steps\": "
	    "[{\"echo\": \"stop\", \"to\": \"" STATE "\"}]}]}]}",
	    "add up to more simulated time than rpsim represents");
	/* a wait for an absolute time near the end, then more time */
	bad("{\"steps\": [{\"wait\": {\"time\": \"18446744s\"}}, {\"run\": \"1s\"}]}",
	    "$.steps[1]: the steps up to this one");
	/* what fits is accepted, up to the last picosecond; zero-time steps
	 * cost no time here (the runner's livelock limit ends them) */
	ok("{\"time_limit\": \"18446744073709551615ps\", \"steps\": [{\"run\": \"18446744073709551615ps\"}]}");
	ok("{\"steps\": [{\"repeat\": 2, \"steps\": [{\"repeat\": 1000000, \"steps\": "
	   "[{\"run\": \"0ps\"}]}]}]}");
	ok("{\"steps\": [{\"wait\": {\"time\": \"18446744s\"}}, {\"wait\": {\"time\": \"1s\"}}]}");
}
END_TEST

/* the steps a run executes, repeats multiplied out, are bounded: the
 * fuzzers' 10^6 x 5 x 10^5 cats of 2 ps each moved simulated time (no
 * livelock) and stayed under the time limit for days of wall time */
START_TEST(total_steps)
{
	bad("{\"steps\": [{\"repeat\": 1000000, \"steps\": [{\"repeat\": 1000000, \"steps\": "
	    "[{\"wait\": {\"time\": \"0ps\"}}]}]}]}",
	    "$.steps[0]: 1000000 iterations of 1000001 steps each make more than 100000000 steps");
	bad(HEAD "\"platform\": {\"host\": {\"sysfs_read\": \"2ps\"}}, \"steps\": [{\"repeat\": 1000000, "
	    "\"steps\": [{\"repeat\": 500000, \"steps\": [{\"cat\": \"" STATE "\"}]}]}]}",
	    "make more than 100000000 steps for the run to execute");
	/* a sequence of repeats adds up: 100 x 10^6 + the repeats themselves */
	bad("{\"steps\": [{\"repeat\": 100, \"steps\": [{\"repeat\": 1000000, \"steps\": [{\"run\": \"0ps\"}]}]}, "
	    "{\"run\": \"1ps\"}]}", "$.steps[0]: 100 iterations of 1000001 steps each");
	bad("{\"steps\": [{\"repeat\": 99, \"steps\": [{\"repeat\": 1000000, \"steps\": [{\"run\": \"0ps\"}]}]}, "
	    "{\"repeat\": 2, \"steps\": [{\"repeat\": 1000000, \"steps\": [{\"run\": \"0ps\"}]}]}]}",
	    "$.steps[1]: the steps up to this one make more than 100000000 steps");
	/* up to the cap is accepted, and counted */
	struct scenario *sc = load("{\"steps\": [{\"repeat\": 99, \"steps\": [{\"repeat\": 1000000, "
				   "\"steps\": [{\"run\": \"0ps\"}]}]}, {\"run\": \"1ps\"}]}");
	ck_assert_ptr_nonnull(sc);
	ck_assert_uint_eq(sc->run_steps, 1 + 99 * 1000001ull + 1);
	scenario_free(sc);
}
END_TEST

/* steps that cannot end before the time limit: a warning, not an error */
START_TEST(time_limit_warning)
{
	struct scenario *sc = load("{\"time_limit\": \"1ms\", \"steps\": [{\"run\": \"5ms\"}]}");
	ck_assert_ptr_nonnull(sc);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "the steps take at least 5ms, more than the time limit of 1ms"));
	scenario_free(sc);
}
END_TEST

/* echo writes VALUE and a newline; the stores see what Linux would */
START_TEST(sysfs_values)
{
	bad(HEAD "\"steps\": [{\"echo\": \"start\\n\", \"to\": \"" STATE "\"}]}",
	    "Linux refuses \"start\n\" for state with EINVAL (accepted: start, stop, detach; echo adds the newline itself)");
	ok(HEAD "\"steps\": [{\"echo\": \"start\\n\", \"to\": \"" STATE "\", \"expect_errno\": \"EINVAL\"}]}");
	bad(HEAD "\"steps\": [{\"echo\": \"enabled \", \"to\": \"/sys/class/remoteproc/remoteproc0/recovery\"}]}",
	    "Linux refuses \"enabled \" for recovery");
	/* crash: kstrtouint, base by prefix, a "+" but no "-", no blank, no newline */
	ok(HEAD "\"steps\": [{\"echo\": \"0x2\", \"to\": \"" CRASH "\"}]}");
	ok(HEAD "\"steps\": [{\"echo\": \"01\", \"to\": \"" CRASH "\"}]}");
	bad(HEAD "\"steps\": [{\"echo\": \"1\\n\", \"to\": \"" CRASH "\"}]}", "\"1\n\": Linux's kstrtouint refuses it with EINVAL");
	bad(HEAD "\"steps\": [{\"echo\": \" 1\", \"to\": \"" CRASH "\"}]}", "with EINVAL");
	bad(HEAD "\"steps\": [{\"echo\": \"-1\", \"to\": \"" CRASH "\"}]}", "with EINVAL");
	bad(HEAD "\"steps\": [{\"echo\": \"4294967296\", \"to\": \"" CRASH "\"}]}", "kstrtouint refuses it with ERANGE");
	/* a type Linux takes and names unknown: a warning */
	struct scenario *sc = load(HEAD "\"steps\": [{\"echo\": \"7\", \"to\": \"" CRASH "\"}]}");
	ck_assert_ptr_nonnull(sc);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "crash type 7 is none of"));
	scenario_free(sc);
	/* the firmware store keeps the first line */
	ok(HEAD "\"steps\": [{\"echo\": \"echo.elf\\nignored\", \"to\": \"/sys/class/remoteproc/remoteproc0/firmware\"}]}");
	bad(HEAD "\"steps\": [{\"echo\": \"\\nx\", \"to\": \"/sys/class/remoteproc/remoteproc0/firmware\"}]}",
	    "an empty firmware name fails with EINVAL");
}
END_TEST

/* the model's parsers themselves, as the stores use them */
START_TEST(attr_check)
{
	ck_assert_int_eq(rproc_attr_check(false, "state", "start\n", 6), 0);
	ck_assert_int_eq(rproc_attr_check(false, "state", "start", 5), 0);
	ck_assert_int_eq(rproc_attr_check(false, "state", "start\n\n", 7), -EINVAL);
	ck_assert_int_eq(rproc_attr_check(false, "coredump", "inline\n", 7), 0);
	ck_assert_int_eq(rproc_attr_check(false, "recovery", "recover\n", 8), 0);
	ck_assert_int_eq(rproc_attr_check(false, "firmware", "\n", 1), -EINVAL);
	char longname[300];
	memset(longname, 'a', sizeof(longname));
	ck_assert_int_eq(rproc_attr_check(false, "firmware", longname, sizeof(longname)), -ENAMETOOLONG);
	ck_assert_int_eq(rproc_attr_check(true, "crash", "2\n", 2), 0);
	ck_assert_int_eq(rproc_attr_check(true, "crash", "0x10\n", 5), 0);
	ck_assert_int_eq(rproc_attr_check(true, "crash", "+1\n", 3), 0); /* kstrtoull takes a '+' */
	ck_assert_int_eq(rproc_attr_check(true, "crash", "-1\n", 3), -EINVAL);
	ck_assert_int_eq(rproc_attr_check(true, "crash", "99999999999\n", 12), -ERANGE);
	ck_assert_int_eq(rproc_attr_check(true, "trace0", "x", 1), 0);
	ck_assert_int_eq(rproc_attr_check(false, "name", "x", 1), 0);
}
END_TEST

/* request_firmware reads regular files: a directory or a FIFO named as
 * the firmware is refused at load, as the boot would fail */
START_TEST(firmware_files)
{
	bad("{\"firmware\": \"dir.elf\", \"firmware_path\": [\"fw\"], \"steps\": [{\"echo\": \"start\", "
	    "\"to\": \"" STATE "\"}]}", "firmware \"dir.elf\" cannot be loaded: " TMPDIR "/fw/dir.elf is a directory");
	bad("{\"firmware\": \"fifo.elf\", \"firmware_path\": [\"fw\"], \"steps\": [{\"echo\": \"start\", "
	    "\"to\": \"" STATE "\"}]}", "fifo.elf is not a regular file (a FIFO, a device or a socket)");
	bad(HEAD "\"steps\": [{\"echo\": \"dir.elf\", \"to\": \"/sys/class/remoteproc/remoteproc0/firmware\"}]}",
	    "firmware \"dir.elf\" cannot be loaded");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("scenario_limits");
	TCase *tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, total_time);
	tcase_add_test(tc, total_steps);
	tcase_add_test(tc, time_limit_warning);
	tcase_add_test(tc, sysfs_values);
	tcase_add_test(tc, attr_check);
	tcase_add_test(tc, firmware_files);
	suite_add_tcase(s, tc);
	return s;
}
