/* The scenario steps of the rpmsg / remoteproc user-space interface
 * (issue 16): poll, the ioctl requests, ttys and the remoteproc cdev as
 * devices, open's raw, the rpmsg sysfs files; what the loader makes of
 * them and every refusal, with its message. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/scenario/scenario.h"
#include "tests/unit/check_main.h"

#define TMPDIR "check_scenario_uapi.tmp"
#define HEAD "{\"firmware\": \"echo.elf\", \"firmware_path\": [\"fw\"], \"steps\": ["

static struct diag dg;

static void setup(void)
{
	mkdir(TMPDIR, 0777);
	mkdir(TMPDIR "/fw", 0777);
	FILE *f = fopen(TMPDIR "/fw/echo.elf", "wb");
	ck_assert_ptr_nonnull(f);
	fputs("dummy", f);
	fclose(f);
	diag_init(&dg, NULL);
}

static void teardown(void)
{
	diag_free(&dg);
}

/* The steps (a JSON list's inside) loaded; NULL when refused. */
static struct scenario *load(const char *steps)
{
	char text[4096];
	snprintf(text, sizeof(text), HEAD "%s]}", steps);
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), NULL, &sc, &dg);
	return sc;
}

static struct scenario *load_ok(const char *steps)
{
	struct scenario *sc = load(steps);
	if (!sc)
		diag_print(&dg, stderr);
	ck_assert_msg(sc != NULL, "refused: %s", steps);
	return sc;
}

static void load_bad(const char *steps, const char *needle)
{
	struct scenario *sc = load(steps);
	if (sc)
		scenario_free(sc);
	ck_assert_msg(sc == NULL, "accepted: %s", steps);
	if (!diag_find(&dg, DIAG_ERROR, needle)) {
		diag_print(&dg, stderr);
		ck_abort_msg("no message contains \"%s\"", needle);
	}
}

START_TEST(poll_step)
{
	struct scenario *sc = load_ok(
		"{\"poll\": \"/dev/rpmsg0\", \"events\": [\"POLLIN\", \"POLLOUT\"], \"timeout\": \"2ms\", "
		"\"expect\": [\"POLLOUT\"]},"
		"{\"poll\": \"/dev/ttyRPMSG3\", \"events\": [], \"timeout\": \"0ps\"},"
		"{\"poll\": \"/dev/rpmsg_ctrl0\", \"events\": [\"POLLWRBAND\"], \"expect\": []}");
	const struct scenario_step *s = sc->steps;
	ck_assert_int_eq(s[0].kind, SCENARIO_STEP_POLL);
	ck_assert_uint_eq(s[0].u.dev.poll_events, SCENARIO_POLLIN | SCENARIO_POLLOUT);
	ck_assert_int_eq(s[0].u.dev.poll_expect, (int)SCENARIO_POLLOUT);
	ck_assert_uint_eq(s[0].u.dev.timeout, 2 * SIM_MS);
	ck_assert_int_eq(s[1].u.dev.kind, SCENARIO_DEV_TTY);
	ck_assert_uint_eq(s[1].u.dev.index, 3);
	ck_assert_int_eq(s[1].u.dev.poll_expect, -1); /* anything */
	ck_assert_uint_eq(s[1].u.dev.timeout, 0);
	ck_assert_int_eq(s[2].u.dev.poll_expect, 0);
	ck_assert_str_eq(scenario_poll_name(SCENARIO_POLLHUP), "POLLHUP");
	ck_assert_ptr_null(scenario_poll_name(0x8000));
	scenario_free(sc);

	load_bad("{\"poll\": \"/dev/rpmsg0\"}", "\"poll\" needs \"events\"");
	load_bad("{\"poll\": \"/dev/rpmsg0\", \"events\": [\"POLLIN\", \"POLLUP\"]}",
		 "$.steps[0].events[1]: not a poll event (known: POLLIN, POLLPRI, POLLOUT");
	load_bad("{\"poll\": \"/dev/rpmsg0\", \"events\": \"POLLIN\"}", "a list of poll events");
	load_bad("{\"poll\": \"/dev/rpmsg0\", \"events\": [\"POLLIN\"], \"expect\": [\"POLLIN\"], "
		 "\"expect_errno\": \"ENOENT\"}",
		 "\"expect\" and \"expect_errno\" exclude each other");
	load_bad("{\"poll\": \"/dev/rpmsg\", \"events\": []}",
		 "expected /dev/rpmsg_ctrlN, /dev/rpmsgN, /dev/ttyRPMSGN or /dev/remoteprocN");
}
END_TEST

START_TEST(ioctl_requests)
{
	struct scenario *sc = load_ok(
		"{\"ioctl\": \"/dev/rpmsg_ctrl1\", \"create_dev\": {\"name\": \"a\", \"src\": 1030}},"
		"{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"release_dev\": {\"name\": \"a\", \"dst\": 7}},"
		"{\"ioctl\": \"/dev/rpmsg2\", \"destroy_ept\": true},"
		"{\"ioctl\": \"/dev/remoteproc0\", \"set_shutdown_on_release\": -3},"
		"{\"ioctl\": \"/dev/remoteproc0\", \"get_shutdown_on_release\": 1}");
	const struct scenario_step *s = sc->steps;
	ck_assert_int_eq(s[0].u.dev.ioctl, SCENARIO_IOCTL_CREATE_DEV);
	ck_assert_uint_eq(s[0].u.dev.index, 1); /* a ctrl of a later vdev or boot */
	ck_assert_str_eq(s[0].u.dev.ept_name, "a");
	ck_assert_uint_eq(s[0].u.dev.ept_src, 1030);
	ck_assert_uint_eq(s[0].u.dev.ept_dst, 0xFFFFFFFFu);
	ck_assert_int_eq(s[1].u.dev.ioctl, SCENARIO_IOCTL_RELEASE_DEV);
	ck_assert_uint_eq(s[1].u.dev.ept_dst, 7);
	ck_assert_int_eq(s[2].u.dev.ioctl, SCENARIO_IOCTL_DESTROY_EPT);
	ck_assert_int_eq(s[3].u.dev.ioctl, SCENARIO_IOCTL_SET_SHUTDOWN);
	ck_assert_int_eq(s[3].u.dev.ioctl_value, -3);
	ck_assert_int_eq(s[4].u.dev.ioctl, SCENARIO_IOCTL_GET_SHUTDOWN);
	ck_assert_int_eq(s[4].u.dev.ioctl_value, 1);
	ck_assert_int_eq(s[4].u.dev.kind, SCENARIO_DEV_RPROC);
	scenario_free(sc);

	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\"}", "\"ioctl\" needs exactly one request: "
		 "\"create_ept\", \"destroy_ept\", \"create_dev\", \"release_dev\"");
	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"create_dev\": {\"name\": \"a\"}, "
		 "\"release_dev\": {\"name\": \"a\"}}",
		 "needs exactly one request");
	load_bad("{\"ioctl\": \"/dev/rpmsg0\", \"create_dev\": {\"name\": \"a\"}}",
		 "create_dev is an ioctl of /dev/rpmsg_ctrlN; \"/dev/rpmsg0\" is another kind of device");
	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"destroy_ept\": true}",
		 "destroy_ept is an ioctl of /dev/rpmsgN");
	load_bad("{\"ioctl\": \"/dev/rpmsg0\", \"set_shutdown_on_release\": 1}",
		 "is an ioctl of /dev/remoteprocN");
	load_bad("{\"ioctl\": \"/dev/rpmsg0\", \"destroy_ept\": 1}", "$.steps[0].destroy_ept");
	load_bad("{\"ioctl\": \"/dev/remoteproc0\", \"get_shutdown_on_release\": 2}",
		 "$.steps[0].get_shutdown_on_release");
	load_bad("{\"ioctl\": \"/dev/remoteproc0\", \"set_shutdown_on_release\": 1.5}",
		 "$.steps[0].set_shutdown_on_release");
	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"create_dev\": {\"src\": 1}}",
		 "create_dev needs a \"name\"");
	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"release_dev\": {\"name\": \"\"}}",
		 "a name has 1 to 31 characters");
	load_bad("{\"ioctl\": \"/dev/rpmsg_ctrl0\", \"create_dev\": {\"name\": \"a\", \"flags\": 1}}",
		 "unknown key \"flags\"");
	load_bad("{\"ioctl\": \"/dev/remoteproc8\", \"get_shutdown_on_release\": 0}",
		 "there is one remoteproc device per remote processor");
	/* with expect_errno the wrong device is the test */
	sc = load_ok("{\"ioctl\": \"/dev/rpmsg0\", \"create_dev\": {\"name\": \"a\"}, "
		     "\"expect_errno\": \"EINVAL\"}");
	scenario_free(sc);
}
END_TEST

START_TEST(devices_and_raw)
{
	struct scenario *sc = load_ok(
		"{\"open\": \"/dev/ttyRPMSG0\", \"raw\": true},"
		"{\"write\": \"/dev/ttyRPMSG0\", \"data\": {\"size\": 2000}},"
		"{\"read\": \"/dev/ttyRPMSG0\", \"max_len\": 4096, \"expect\": {\"size\": 2000}},"
		"{\"write\": \"/dev/remoteproc0\", \"data\": \"start\"},"
		"{\"wait\": {\"readable\": \"/dev/ttyRPMSG0\"}},"
		"{\"close\": \"/dev/remoteproc0\"}");
	const struct scenario_step *s = sc->steps;
	ck_assert(s[0].u.dev.raw);
	ck_assert_int_eq(s[0].u.dev.kind, SCENARIO_DEV_TTY);
	ck_assert_uint_eq(s[1].u.dev.payload.len, 2000); /* a tty takes any size */
	ck_assert_int_eq(s[3].u.dev.kind, SCENARIO_DEV_RPROC);
	ck_assert_str_eq(s[4].u.wait.text, "/dev/ttyRPMSG0");
	scenario_free(sc);

	load_bad("{\"open\": \"/dev/rpmsg0\", \"raw\": true}",
		 "\"raw\" sets a tty's termios; \"/dev/rpmsg0\" is no tty");
	load_bad("{\"read\": \"/dev/remoteproc0\"}", "expected /dev/rpmsgN or /dev/ttyRPMSGN");
	load_bad("{\"write\": \"/dev/rpmsg0\", \"data\": {\"size\": 2000}}", "496");
	load_bad("{\"open\": \"/dev/ttyRPMSG\"}", "\"/dev/ttyRPMSG\": expected");
	load_bad("{\"wait\": {\"readable\": \"/dev/remoteproc0\"}}", "expected /dev/rpmsgN or /dev/ttyRPMSGN");
}
END_TEST

START_TEST(rpmsg_files)
{
	struct scenario *sc = load_ok(
		"{\"cat\": \"/sys/bus/rpmsg/devices/virtio0.rpmsg-raw.-1.1024/announce\", \"expect\": \"false\"},"
		"{\"echo\": \"rpmsg_chrdev\", \"to\": \"/sys/bus/rpmsg/devices/virtio0.x.1.-1/driver_override\"},"
		"{\"echo\": \"virtio0.x.1.-1\", \"to\": \"/sys/bus/rpmsg/drivers/rpmsg_chrdev/bind\"},"
		"{\"echo\": \"virtio0.x.1.-1\", \"to\": \"/sys/bus/rpmsg/drivers_probe\"},"
		"{\"cat\": \"/sys/class/rpmsg/rpmsg0/dst\", \"expect\": \"-1\"},"
		"{\"echo\": 3, \"to\": \"/sys/module/rpmsg_client_sample/parameters/count\"},"
		"{\"echo\": \"+0x10\", \"to\": \"/sys/kernel/debug/remoteproc/remoteproc0/crash\"}");
	const struct scenario_step *s = sc->steps;
	ck_assert_int_eq(s[0].u.attr.dir, SCENARIO_ATTR_RPMSG);
	ck_assert_str_eq(s[0].u.attr.attr, "announce");
	ck_assert_str_eq(s[2].u.attr.file, "/sys/bus/rpmsg/drivers/rpmsg_chrdev/bind");
	ck_assert_int_eq(s[6].u.attr.dir, SCENARIO_ATTR_DEBUGFS);
	scenario_free(sc);

	load_bad("{\"echo\": \"x\", \"to\": \"/sys/bus/rpmsg/devices/virtio0.x.1.-1/name\"}",
		 "\"/sys/bus/rpmsg/devices/virtio0.x.1.-1/name\" is read-only");
	load_bad("{\"cat\": \"/sys/bus/rpmsg/drivers/rpmsg_chrdev/bind\"}", "is write-only");
	load_bad("{\"cat\": \"/sys/bus/rpmsg/devices/virtio0.x.1.-1/nothing\"}",
		 "is not an rpmsg attribute: expected /sys/bus/rpmsg/devices/DEV/");
	load_bad("{\"cat\": \"/sys/bus/rpmsg/devices//name\"}", "is not an rpmsg attribute");
	load_bad("{\"echo\": \"-1\", \"to\": \"/sys/kernel/debug/remoteproc/remoteproc0/crash\"}",
		 "Linux's kstrtouint refuses it");
	load_bad("{\"echo\": \"4294967296\", \"to\": \"/sys/kernel/debug/remoteproc/remoteproc0/crash\"}",
		 "Linux's kstrtouint refuses it");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("scenario_uapi");
	TCase *tc = tcase_create("steps");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, poll_step);
	tcase_add_test(tc, ioctl_requests);
	tcase_add_test(tc, devices_and_raw);
	tcase_add_test(tc, rpmsg_files);
	suite_add_tcase(s, tc);
	return s;
}
