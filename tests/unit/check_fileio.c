/* sim/core/fileio: the one reader of input files. Regular files only,
 * sizes capped per kind, a message naming the file and what it is. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/core/fileio.h"
#include "tests/unit/check_main.h"

static char dir[] = "/tmp/check_fileio-XXXXXX";

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_fileio-XXXXXX");
}

static const char *path_of(const char *name)
{
	static char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void write_file(const char *name, size_t n)
{
	FILE *f = fopen(path_of(name), "wb");
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	ck_assert_int_eq(fclose(f), 0);
}

/* refused: NULL, errno e, a message starting with the path and holding needle */
static void refused(const char *path, enum sim_file_kind kind, int e, const char *needle)
{
	char err[512] = "";
	size_t len = 123;
	errno = 0;
	char *p = sim_file_read(path, kind, &len, err, sizeof(err));
	ck_assert_msg(p == NULL, "%s read", path);
	ck_assert_int_eq(errno, e);
	ck_assert_uint_eq(len, 123);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "message \"%s\" does not start with %s", err, path);
	ck_assert_msg(strstr(err, needle) != NULL, "message \"%s\" lacks \"%s\"", err, needle);
}

START_TEST(regular_file)
{
	write_file("a.json", 10);
	char err[256];
	size_t len = 0;
	char *p = sim_file_read(path_of("a.json"), SIM_FILE_SCENARIO, &len, err, sizeof(err));
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(len, 10);
	ck_assert_int_eq(p[10], '\0');
	ck_assert_int_eq(memcmp(p, "abcdefghij", 10), 0);
	free(p);
	/* empty */
	write_file("e", 0);
	p = sim_file_read(path_of("e"), SIM_FILE_FIRMWARE, &len, err, sizeof(err));
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(len, 0);
	free(p);
}
END_TEST

/* a FIFO nobody writes: refused at once, not waited on */
START_TEST(fifo)
{
	ck_assert_int_eq(mkfifo(path_of("f"), 0600), 0);
	char p[256];
	snprintf(p, sizeof(p), "%s", path_of("f"));
	refused(p, SIM_FILE_SCENARIO, EINVAL, "is a FIFO (named pipe), not a regular file");
	refused(p, SIM_FILE_FIRMWARE, EINVAL, "rpsim reads the firmware only from a regular file");
	char err[256];
	uint64_t size;
	errno = 0;
	ck_assert_ptr_null(sim_file_open(p, SIM_FILE_TRACE, &size, err, sizeof(err)));
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "is a FIFO"));
	size_t len;
	ck_assert_ptr_null(sim_read_file(p, 100, &len));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(directory_and_devices)
{
	refused(dir, SIM_FILE_SCENARIO, EISDIR, "is a directory, not a regular file");
	refused("/dev/zero", SIM_FILE_FIRMWARE, EINVAL, "is a character device");
	refused("/dev/null", SIM_FILE_PAYLOAD, EINVAL, "is a character device");
	refused(path_of("missing"), SIM_FILE_SCENARIO, ENOENT, "cannot read the scenario file: No such file");
	char err[256];
	uint64_t size;
	ck_assert_ptr_null(sim_file_open(dir, SIM_FILE_TRACE, &size, err, sizeof(err)));
	ck_assert_int_eq(errno, EISDIR);
}
END_TEST

/* each kind has its cap: the payload's is 64 KiB, the scenario's 16 MiB */
START_TEST(caps)
{
	ck_assert_uint_eq(sim_file_max(SIM_FILE_PAYLOAD), 65536);
	ck_assert_uint_eq(sim_file_max(SIM_FILE_SCENARIO), 16u << 20);
	ck_assert_uint_eq(sim_file_max(SIM_FILE_FIRMWARE), 256u << 20);
	write_file("big", 65537);
	char p[256];
	snprintf(p, sizeof(p), "%s", path_of("big"));
	refused(p, SIM_FILE_PAYLOAD, EFBIG, "the file has 65537 bytes, more than the 64 KiB a payload file may have");
	char err[256];
	size_t len = 0;
	char *d = sim_file_read(p, SIM_FILE_SCENARIO, &len, err, sizeof(err));
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(len, 65537);
	free(d);
	write_file("max", 65536);
	d = sim_file_read(path_of("max"), SIM_FILE_PAYLOAD, &len, err, sizeof(err));
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(len, 65536);
	free(d);
	ck_assert_ptr_null(sim_read_file(path_of("max"), 100, &len));
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_str_eq(sim_file_kind_name(SIM_FILE_DEVICE_TREE), "device tree");
	ck_assert_str_eq(sim_file_kind_name((enum sim_file_kind)99), "file");
}
END_TEST

/* a file whose size says 0 (as /proc's do) is read to its end */
START_TEST(proc_file)
{
	char err[256];
	size_t len = 0;
	char *d = sim_file_read("/proc/self/status", SIM_FILE_TEXT, &len, err, sizeof(err));
	ck_assert_msg(d != NULL, "%s", err);
	ck_assert_uint_gt(len, 0);
	ck_assert_ptr_nonnull(strstr(d, "Name:"));
	free(d);
}
END_TEST

START_TEST(checked_open)
{
	write_file("t", 100);
	char err[256];
	uint64_t size = 0;
	FILE *f = sim_file_open(path_of("t"), SIM_FILE_TRACE, &size, err, sizeof(err));
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(size, 100);
	ck_assert_int_eq(fgetc(f), 'a');
	fclose(f);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("fileio");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, regular_file);
	tcase_add_test(tc, fifo);
	tcase_add_test(tc, directory_and_devices);
	tcase_add_test(tc, caps);
	tcase_add_test(tc, proc_file);
	tcase_add_test(tc, checked_open);
	suite_add_tcase(s, tc);
	return s;
}
