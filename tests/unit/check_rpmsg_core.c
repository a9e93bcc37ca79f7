/* The rpmsg core (models/host/rpmsg_core.h): drivers matched to channels by
 * id table or driver_override, probe with the channel's endpoint, refusal,
 * removal, late registration; first against a fake transport that records
 * what the core asks of it, then through the virtio transport with a fake
 * remote announcing a channel only a test driver serves. */
#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rpmsg_fake.h"
#include "models/host/rpmsg_core.h"

/* --- a fake transport and three drivers, recording in one log ------------- */

#define LOGN 64
static char evlog[LOGN][64];
static unsigned nev;
static unsigned infolines_no_driver;

static void ev(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ev(const char *fmt, ...)
{
	ck_assert_uint_lt(nev, LOGN);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(evlog[nev++], sizeof(evlog[0]), fmt, ap);
	va_end(ap);
}

static void f_destroy_ept(struct rpmsg_ept *ept)
{
	ev("destroy %u", ept->addr);
	free(ept);
}

static int f_send(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len, bool nonblock,
		  sim_time_t t)
{
	(void)ept, (void)dst, (void)data, (void)nonblock, (void)t;
	return (int)len;
}

static const struct rpmsg_endpoint_ops f_ept_ops = { .destroy_ept = f_destroy_ept, .send = f_send };

static uint32_t next_addr;

static struct rpmsg_ept *f_create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				      uint32_t src, int *err)
{
	struct rpmsg_ept *e = calloc(1, sizeof(*e));
	ck_assert_ptr_nonnull(e);
	*e = (struct rpmsg_ept){ .ops = &f_ept_ops, .transport = rpmsg_channel_transport(ch),
				 .addr = src == RPMSG_ADDR_ANY ? next_addr++ : src, .cb = cb,
				 .priv = priv };
	if (err)
		*err = 0;
	ev("create %u", e->addr);
	return e;
}

static int f_create_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			    sim_time_t t)
{
	(void)ch, (void)t;
	ev("create_channel %s %u %u", chinfo->name, chinfo->src, chinfo->dst);
	return 0;
}

static int f_release_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			     sim_time_t t)
{
	(void)ch, (void)t;
	ev("release_channel %s %u %u", chinfo->name, chinfo->src, chinfo->dst);
	return -EINVAL;
}

static int f_announce_create(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	if (!rpmsg_channel_announce(ch)) /* the transport checks, as virtio_rpmsg does */
		return 0;
	ev("announce_create %s %u", rpmsg_channel_name(ch), rpmsg_channel_src(ch));
	return 0;
}

static int f_announce_destroy(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	if (!rpmsg_channel_announce(ch)) /* the transport checks, as virtio_rpmsg does */
		return 0;
	ev("announce_destroy %s %u", rpmsg_channel_name(ch), rpmsg_channel_src(ch));
	return 0;
}

static const struct rpmsg_device_ops f_dev_ops = {
	.create_ept = f_create_ept, .create_channel = f_create_channel,
	.release_channel = f_release_channel, .announce_create = f_announce_create,
	.announce_destroy = f_announce_destroy,
};
static const struct rpmsg_device_ops f_dev_ops_bare = { .create_ept = f_create_ept };

static int cb_a(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		sim_time_t t)
{
	(void)ept, (void)data, (void)len, (void)src, (void)priv, (void)t;
	return 0;
}

static int probe_a(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	ev("probe a %s", rpmsg_channel_name(ch));
	return 0;
}

static void remove_a(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	ev("remove a %s", rpmsg_channel_name(ch));
}

static int probe_b(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	ev("probe b %s", rpmsg_channel_name(ch));
	return 0;
}

static int probe_refuse(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	ev("probe r %s", rpmsg_channel_name(ch));
	return -EIO;
}

static const struct rpmsg_device_id ids_a[] = { { "alpha" }, { "beta" }, { NULL } };
static const struct rpmsg_device_id ids_b[] = { { "gamma" }, { NULL } };
static const struct rpmsg_device_id ids_r[] = { { "refused" }, { NULL } };

static const struct rpmsg_driver drv_a = {
	.name = "drv-a", .id_table = ids_a, .probe = probe_a, .remove = remove_a, .callback = cb_a,
};
static const struct rpmsg_driver drv_b = { .name = "drv-b", .id_table = ids_b, .probe = probe_b };
static const struct rpmsg_driver drv_r = {
	.name = "drv-r", .id_table = ids_r, .probe = probe_refuse, .callback = cb_a,
};

static struct sim sim;
static struct rpmsg_bus *bus;
static int ctx_a, ctx_b;

static void on_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		   const char *msg)
{
	(void)ctx, (void)t, (void)comp, (void)who;
	if (cat == SIM_LOG_INFO && strstr(msg, "no driver for channel"))
		infolines_no_driver++;
}

static void core_setup(void)
{
	sim_init(&sim);
	sim.log_fn = on_log;
	sim.log_level = SIM_LOG_DEBUG;
	bus = rpmsg_bus_create(&sim);
	ck_assert_ptr_nonnull(bus);
	nev = 0;
	infolines_no_driver = 0;
	next_addr = 1024;
}

static void core_teardown(void)
{
	rpmsg_bus_destroy(bus);
	sim_destroy(&sim);
}

static struct rpmsg_channel *chan(const char *name, const char *override)
{
	struct rpmsg_channel_info info = { .src = RPMSG_ADDR_ANY, .dst = 0x400 };
	snprintf(info.name, sizeof(info.name), "%s", name);
	struct rpmsg_channel *ch = rpmsg_channel_new(bus, &f_dev_ops, &sim, "fake0", &info, override);
	ck_assert_ptr_nonnull(ch);
	return ch;
}

static struct rpmsg_channel *add(const char *name, const char *override)
{
	struct rpmsg_channel *ch = chan(name, override);
	ck_assert_int_eq(rpmsg_register_device(ch, 0), 0);
	return ch;
}

START_TEST(match_by_id_table)
{
	struct rpmsg_channel *beta = chan("beta", NULL), *gamma = chan("gamma", NULL);
	ck_assert(rpmsg_dev_match(beta, &drv_a));
	ck_assert(!rpmsg_dev_match(beta, &drv_b));
	ck_assert(rpmsg_dev_match(gamma, &drv_b));
	ck_assert(!rpmsg_dev_match(gamma, &drv_a));
	/* an override names the driver and ignores the id tables */
	struct rpmsg_channel *over = chan("beta", "drv-b");
	ck_assert(!rpmsg_dev_match(over, &drv_a));
	ck_assert(rpmsg_dev_match(over, &drv_b));
	/* no table: only an override reaches it */
	static const struct rpmsg_driver bare = { .name = "beta", .probe = probe_b };
	ck_assert(!rpmsg_dev_match(beta, &bare));
	ck_assert_str_eq(rpmsg_channel_devname(beta), "fake0.beta.-1.1024");
	rpmsg_unregister_device(beta, 0);
	rpmsg_unregister_device(gamma, 0);
	rpmsg_unregister_device(over, 0);
	ck_assert_uint_eq(nev, 0); /* nothing was bound */
}
END_TEST

START_TEST(matching_driver_binds_others_do_not)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, &ctx_a), 0);
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, &ctx_b), 0);
	struct rpmsg_channel *beta = add("beta", NULL);
	ck_assert_ptr_eq(rpmsg_channel_driver(beta), &drv_a);
	ck_assert_ptr_eq(rpmsg_channel_driver_ctx(beta), &ctx_a);
	/* rpmsg_dev_probe: the endpoint (dynamic address, the driver's
	 * callback, the channel as priv) before probe */
	ck_assert_str_eq(evlog[0], "create 1024");
	ck_assert_str_eq(evlog[1], "probe a beta");
	struct rpmsg_ept *ept = rpmsg_channel_ept(beta);
	ck_assert_ptr_nonnull(ept);
	ck_assert_ptr_eq(ept->cb, cb_a);
	ck_assert_ptr_eq(ept->priv, beta);
	ck_assert_uint_eq(rpmsg_channel_src(beta), 1024);
	/* a driver without callback gets no endpoint */
	struct rpmsg_channel *gamma = add("gamma", NULL);
	ck_assert_ptr_eq(rpmsg_channel_driver(gamma), &drv_b);
	ck_assert_ptr_null(rpmsg_channel_ept(gamma));
	ck_assert_uint_eq(rpmsg_channel_src(gamma), RPMSG_ADDR_ANY);
	ck_assert_str_eq(evlog[2], "probe b gamma");
	/* nobody serves delta: unbound, logged */
	struct rpmsg_channel *delta = add("delta", NULL);
	ck_assert_ptr_null(rpmsg_channel_driver(delta));
	ck_assert_uint_eq(infolines_no_driver, 1);
	ck_assert_uint_eq(nev, 3);
	rpmsg_unregister_device(delta, 0);
	rpmsg_unregister_device(gamma, 0);
	rpmsg_unregister_device(beta, 0);
}
END_TEST

START_TEST(override_binds_by_name)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, NULL), 0);
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, NULL), 0);
	struct rpmsg_channel *ch = add("alpha", "drv-b");
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_b);
	/* an override naming no driver: unbound, and not reported as a
	 * channel nobody serves (it is the transport's own device) */
	struct rpmsg_channel *none = add("alpha", "nobody");
	ck_assert_ptr_null(rpmsg_channel_driver(none));
	ck_assert_uint_eq(infolines_no_driver, 0);
	rpmsg_unregister_device(none, 0);
	rpmsg_unregister_device(ch, 0);
}
END_TEST

START_TEST(refusal_leaves_unbound)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_r, NULL), 0);
	struct rpmsg_channel *ch = add("refused", NULL);
	ck_assert_ptr_null(rpmsg_channel_driver(ch));
	ck_assert_ptr_null(rpmsg_channel_ept(ch));
	/* rpdev->src keeps the destroyed endpoint's address, as in Linux */
	ck_assert_uint_eq(rpmsg_channel_src(ch), 1024);
	ck_assert_uint_eq(nev, 3);
	ck_assert_str_eq(evlog[0], "create 1024");
	ck_assert_str_eq(evlog[1], "probe r refused");
	ck_assert_str_eq(evlog[2], "destroy 1024");
	rpmsg_unregister_device(ch, 0);
	ck_assert_uint_eq(nev, 3); /* nothing left to remove */
}
END_TEST

START_TEST(unbind_on_removal)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, NULL), 0);
	struct rpmsg_channel *ch = add("alpha", NULL);
	ck_assert_uint_eq(nev, 2);
	rpmsg_unregister_device(ch, 0);
	/* rpmsg_dev_remove: the driver first, then its endpoint */
	ck_assert_uint_eq(nev, 4);
	ck_assert_str_eq(evlog[2], "remove a alpha");
	ck_assert_str_eq(evlog[3], "destroy 1024");
	/* the channel left the bus: a driver registered now finds nothing */
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, NULL), 0);
	ck_assert_uint_eq(nev, 4);
}
END_TEST

START_TEST(late_driver_attaches)
{
	struct rpmsg_channel *ch = add("gamma", NULL);
	ck_assert_ptr_null(rpmsg_channel_driver(ch));
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, &ctx_b), 0);
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_b);
	ck_assert_ptr_eq(rpmsg_channel_driver_ctx(ch), &ctx_b);
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, NULL), -EEXIST);
	rpmsg_unregister_device(ch, 0);
}
END_TEST

START_TEST(driver_table_limit)
{
	static struct rpmsg_driver many[RPMSG_MAX_DRIVERS + 1];
	for (unsigned i = 0; i <= RPMSG_MAX_DRIVERS; i++) {
		many[i] = (struct rpmsg_driver){ .name = "x", .probe = probe_b };
		ck_assert_int_eq(rpmsg_register_driver(bus, &many[i], NULL),
				 i < RPMSG_MAX_DRIVERS ? 0 : -ENOSPC);
	}
}
END_TEST

START_TEST(channel_requests_go_to_the_transport)
{
	struct rpmsg_channel *ch = add("ns", "nobody");
	struct rpmsg_channel_info gamma = { .name = "gamma", .src = 9, .dst = 7 };
	ck_assert_int_eq(rpmsg_create_channel(ch, &gamma, 0), 0);
	ck_assert_str_eq(evlog[0], "create_channel gamma 9 7");
	ck_assert_int_eq(rpmsg_release_channel(ch, &gamma, 0), -EINVAL);
	ck_assert_str_eq(evlog[1], "release_channel gamma 9 7");
	/* a transport without the operation */
	struct rpmsg_channel_info info = { .name = "ns", .src = 53, .dst = 53 };
	struct rpmsg_channel *bare = rpmsg_channel_new(bus, &f_dev_ops_bare, NULL, "fake1", &info, NULL);
	ck_assert_int_eq(rpmsg_create_channel(bare, &gamma, 0), -ENXIO);
	ck_assert_int_eq(rpmsg_release_channel(bare, &gamma, 0), -ENXIO);
	rpmsg_unregister_device(bare, 0);
	rpmsg_unregister_device(ch, 0);
}
END_TEST

/* rpmsg_dev_probe announces after the driver's probe, rpmsg_dev_remove
 * before its remove; only a channel flagged announce with an endpoint */
START_TEST(announce_wraps_the_binding)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, NULL), 0);
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, NULL), 0);
	struct rpmsg_channel *ch = chan("alpha", NULL);
	ck_assert(!rpmsg_channel_announce(ch));
	rpmsg_channel_set_announce(ch, true);
	ck_assert(rpmsg_channel_announce(ch));
	ck_assert_int_eq(rpmsg_register_device(ch, 0), 0);
	ck_assert_uint_eq(nev, 3);
	ck_assert_str_eq(evlog[0], "create 1024");
	ck_assert_str_eq(evlog[1], "probe a alpha");
	ck_assert_str_eq(evlog[2], "announce_create alpha 1024");
	/* no endpoint (drv-b has no callback): nothing to announce */
	struct rpmsg_channel *g = chan("gamma", NULL);
	rpmsg_channel_set_announce(g, true);
	ck_assert_int_eq(rpmsg_register_device(g, 0), 0);
	ck_assert_uint_eq(nev, 4);
	ck_assert_str_eq(evlog[3], "probe b gamma");
	rpmsg_unregister_device(ch, 0);
	ck_assert_uint_eq(nev, 7);
	ck_assert_str_eq(evlog[4], "announce_destroy alpha 1024");
	ck_assert_str_eq(evlog[5], "remove a alpha");
	ck_assert_str_eq(evlog[6], "destroy 1024");
	rpmsg_unregister_device(g, 0);
}
END_TEST

static int rd(const char *dev, const char *attr, char *out, size_t cap)
{
	return rpmsg_bus_attr_read(bus, dev, attr, out, cap);
}

/* rpmsg_core.c's device attributes and driver_set_override's rules */
START_TEST(sysfs_attributes)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, NULL), 0);
	struct rpmsg_channel *ch = add("alpha", NULL);
	const char *dev = rpmsg_channel_devname(ch);
	char out[64];
	ck_assert_int_eq(rd(dev, "name", out, sizeof(out)), 6);
	ck_assert_str_eq(out, "alpha\n");
	rd(dev, "src", out, sizeof(out));
	ck_assert_str_eq(out, "0x400\n");
	rd(dev, "dst", out, sizeof(out));
	ck_assert_str_eq(out, "0x400\n");
	rd(dev, "announce", out, sizeof(out));
	ck_assert_str_eq(out, "false\n");
	rd(dev, "modalias", out, sizeof(out));
	ck_assert_str_eq(out, "rpmsg:alpha\n");
	rd(dev, "driver_override", out, sizeof(out));
	ck_assert_str_eq(out, "(null)\n");
	/* a short buffer is cut, NUL-terminated */
	ck_assert_int_eq(rd(dev, "modalias", out, 4), 3);
	ck_assert_str_eq(out, "rpm");
	ck_assert_int_eq(rd(dev, "nothing", out, sizeof(out)), -ENOENT);
	ck_assert_int_eq(rd("fake0.none.-1.1", "name", out, sizeof(out)), -ENOENT);
	/* read-only files, unknown files */
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "name", "x", 1), -EACCES);
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "announce", "1", 1), -EACCES);
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "nothing", "1", 1), -ENOENT);
	/* cut at the first newline; empty clears it; a page is too long */
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "driver_override", "drv-b\nx", 8), 0);
	rd(dev, "driver_override", out, sizeof(out));
	ck_assert_str_eq(out, "drv-b\n");
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_a); /* effective at the next bind */
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "driver_override", "\n", 1), 0);
	rd(dev, "driver_override", out, sizeof(out));
	ck_assert_str_eq(out, "(null)\n");
	static char page[4096];
	memset(page, 'a', sizeof(page));
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, dev, "driver_override", page, 4095), -EINVAL);
	rpmsg_unregister_device(ch, 0);
}
END_TEST

/* bind_store, unbind_store, drivers_probe_store: how a script moves a
 * channel to another driver with driver_override */
START_TEST(bind_through_driver_override)
{
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_a, &ctx_a), 0);
	ck_assert_int_eq(rpmsg_register_driver(bus, &drv_b, &ctx_b), 0);
	struct rpmsg_channel *ch = add("alpha", NULL);
	char dev[64];
	snprintf(dev, sizeof(dev), "%s\n", rpmsg_channel_devname(ch));
	size_t n = strlen(dev);
	ck_assert(rpmsg_bus_has_driver(bus, "drv-b"));
	ck_assert(!rpmsg_bus_has_driver(bus, "drv-z"));
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-z", true, dev, n, 0), -ENOENT);
	/* drv-b does not match alpha; drv-a has it already */
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-b", true, dev, n, 0), -ENODEV);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-a", true, dev, n, 0), -EBUSY);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-b", false, dev, n, 0), -ENODEV);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-a", false, "nodev", 5, 0), -ENODEV);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-a", false, dev, n, 0), 0);
	ck_assert_ptr_null(rpmsg_channel_driver(ch));
	ck_assert_int_eq(rpmsg_bus_attr_write(bus, rpmsg_channel_devname(ch), "driver_override",
					      "drv-b", 5),
			 0);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-a", true, dev, n, 0), -ENODEV);
	ck_assert_int_eq(rpmsg_bus_drivers_probe(bus, dev, n, 0), 0);
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_b);
	ck_assert_ptr_eq(rpmsg_channel_driver_ctx(ch), &ctx_b);
	/* already bound: drivers_probe leaves it; an unknown device is -ENODEV */
	ck_assert_int_eq(rpmsg_bus_drivers_probe(bus, dev, n, 0), 0);
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_b);
	ck_assert_int_eq(rpmsg_bus_drivers_probe(bus, "x", 1, 0), -ENODEV);
	/* unbind, then bind by name */
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-b", false, dev, n, 0), 0);
	ck_assert_int_eq(rpmsg_bus_bind(bus, "drv-b", true, dev, n, 0), 0);
	ck_assert_ptr_eq(rpmsg_channel_driver(ch), &drv_b);
	rpmsg_unregister_device(ch, 0);
}
END_TEST

/* --- through the virtio transport ------------------------------------------ */

struct seen {
	unsigned probes, removes, msgs;
	char last[32];
	struct rpmsg_channel *ch;
};
static struct seen seen;

static int t_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		sim_time_t t)
{
	(void)ept, (void)src, (void)t;
	ck_assert_ptr_eq(priv, seen.ch);
	seen.msgs++;
	snprintf(seen.last, sizeof(seen.last), "%.*s", (int)len, (const char *)data);
	return 0;
}

static int t_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	seen.probes++;
	seen.ch = ch;
	return 0;
}

static void t_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	ck_assert_ptr_eq(ch, seen.ch);
	seen.removes++;
}

static const struct rpmsg_device_id t_ids[] = { { "test-chan" }, { NULL } };
static const struct rpmsg_driver t_drv = {
	.name = "test", .id_table = t_ids, .probe = t_probe, .remove = t_remove, .callback = t_cb,
};

START_TEST(announced_channel_finds_its_driver)
{
	struct harness *hh = calloc(1, sizeof(*hh));
	h_setup(hh, 16, 1u << VIRTIO_RPMSG_F_NS_BIT);
	memset(&seen, 0, sizeof(seen));
	ck_assert_int_eq(rpmsg_register_driver(hh->rbus, &t_drv, NULL), 0);
	ck_assert_int_eq(rpmsg_vdev_start(hh->vdev, h_now(hh)), 0);
	/* the transport's own devices are not announced channels, and neither
	 * the ctrl nor the name-service driver serves a remote's channel */
	ck_assert_uint_eq(rpmsg_vdev_channel_count(hh->vdev), 0);
	fr_announce(hh, "test-chan", 0x500, RPMSG_NS_CREATE);
	fr_announce(hh, "rpmsg_ns", 0x501, RPMSG_NS_CREATE);
	ck_assert_uint_eq(seen.probes, 1);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(hh->vdev), 2);
	ck_assert_ptr_null(rpmsg_channel_driver(rpmsg_vdev_find_channel(hh->vdev, "rpmsg_ns")));
	ck_assert_uint_eq(h_count_log(hh, SIM_LOG_INFO, "no driver for channel virtio0.rpmsg_ns"), 1);
	uint32_t addr = rpmsg_channel_src(seen.ch);
	ck_assert_uint_eq(addr, 1024);
	ck_assert_int_eq(fr_send(hh, 0x500, addr, "ping", 4), 0);
	ck_assert_uint_eq(seen.msgs, 1);
	ck_assert_str_eq(seen.last, "ping");
	/* the remote withdraws the channel: the driver is removed */
	fr_announce(hh, "test-chan", 0x500, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(seen.removes, 1);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(hh->vdev), 1);
	h_teardown(hh);
	free(hh);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rpmsg_core");
	TCase *tc = tcase_create("matching");
	tcase_add_checked_fixture(tc, core_setup, core_teardown);
	tcase_add_test(tc, match_by_id_table);
	tcase_add_test(tc, matching_driver_binds_others_do_not);
	tcase_add_test(tc, override_binds_by_name);
	tcase_add_test(tc, refusal_leaves_unbound);
	tcase_add_test(tc, unbind_on_removal);
	tcase_add_test(tc, late_driver_attaches);
	tcase_add_test(tc, driver_table_limit);
	tcase_add_test(tc, channel_requests_go_to_the_transport);
	tcase_add_test(tc, announce_wraps_the_binding);
	tcase_add_test(tc, sysfs_attributes);
	tcase_add_test(tc, bind_through_driver_override);
	suite_add_tcase(s, tc);
	tc = tcase_create("transport");
	tcase_add_test(tc, announced_channel_finds_its_driver);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
