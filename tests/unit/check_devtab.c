/* The device table (devices/devtab.h): every entry creates, maps at its
 * default addresses and resets through the generic hooks, and
 * doc/devices.md's table says what the device table says. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/devtab.h"
#include "sim/core/fileio.h"
#include "tests/unit/check_main.h"

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who, (void)msg;
}

static void no_reset(void *ctx, bool asserted, uint32_t boot, sim_time_t t)
{
	(void)ctx, (void)asserted, (void)boot, (void)t;
}

START_TEST(every_device_builds_from_the_table)
{
	struct sim sim;
	struct bus bus[DEV_NSPACES];
	sim_init(&sim);
	sim.log_fn = quiet;
	bus_init(&bus[DEV_REMOTE], "da");
	bus_init(&bus[DEV_HOST], "pa");
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		ck_assert_ptr_eq(dev_find(dev->name), dev);
		struct dev_args a = { .set_reset = no_reset };
		char err[256] = "";
		void *d = dev->create(&sim, dev->comp, &a, err, sizeof(err));
		ck_assert_msg(d != NULL, "%s: %s", dev->name, err);
		bool some = false;
		for (unsigned s = 0; s < DEV_NSPACES; s++) {
			if (!dev->in[s])
				continue;
			some = true;
			uint32_t base = dev_default_base(dev, (enum dev_space)s, 1);
			ck_assert_int_eq(dev->map(d, (enum dev_space)s, &bus[s], base, err, sizeof(err)), 0);
			const struct bus_region *r = bus_find(&bus[s], base);
			ck_assert_ptr_nonnull(r);
			ck_assert_uint_eq(r->size, dev->window);
			ck_assert_uint_eq(base, dev->base[s] + (s == DEV_HOST ? dev->host_stride : 0));
		}
		ck_assert_msg(some, "%s has no window", dev->name);
		if (dev->reset)
			dev->reset(d, 0);
	}
	/* a bad configuration is refused with a message */
	char err[256] = "";
	struct dev_args bad = { .channels = 99 };
	ck_assert_ptr_null(dev_table[DEV_MAILBOX].create(&sim, "m", &bad, err, sizeof(err)));
	ck_assert(err[0] != 0);
	ck_assert_ptr_null(dev_find("nope"));
	sim_destroy(&sim);
	bus_destroy(&bus[DEV_REMOTE]);
	bus_destroy(&bus[DEV_HOST]);
}
END_TEST

START_TEST(doc_matches_the_table)
{
	const char *top = getenv("top_srcdir");
	char path[2048];
	snprintf(path, sizeof(path), "%s/doc/devices.md", top ? top : "..");
	size_t n;
	char *doc = sim_read_file(path, 1 << 20, &n);
	ck_assert_msg(doc != NULL, "%s", path);
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		for (unsigned s = 0; s < DEV_NSPACES; s++) {
			if (!dev->in[s])
				continue;
			char row[256];
			int len = snprintf(row, sizeof(row), "| %s | %s | 0x%llx | 0x%08x | ", dev->name,
					   s == DEV_HOST ? "host (pa)" : "remote (da)",
					   (unsigned long long)dev->window, dev->base[s]);
			if (s == DEV_HOST && dev->host_stride)
				snprintf(row + len, sizeof(row) - (size_t)len, "0x%x |", dev->host_stride);
			ck_assert_msg(strstr(doc, row) != NULL, "doc/devices.md lacks the row \"%s\"", row);
		}
	}
	free(doc);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("devtab");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, every_device_builds_from_the_table);
	tcase_add_test(tc, doc_matches_the_table);
	suite_add_tcase(s, tc);
	return s;
}
