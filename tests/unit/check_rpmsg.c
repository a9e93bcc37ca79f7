/* The virtio-rpmsg bus against a well-behaved fake remote: probe order and
 * status bytes, endpoints, the client sample, stop/start cycles, host
 * timing, traces and determinism.  The char devices: check_rpmsg_char.c. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rpmsg_fixture.h"
#include "models/host/rpmsg_sample.h"
#include "models/host/rsc_table.h"
#include "models/host/vring.h"
#include "sim/core/le.h"


static uint8_t ram8(uint64_t pa)
{
	uint8_t b;
	bus_read_block(&h->bus, pa, &b, 1);
	return b;
}

static uint32_t ram32(uint64_t pa)
{
	uint8_t b[4];
	bus_read_block(&h->bus, pa, b, 4);
	return le32_load(b);
}

/* --- probe ---------------------------------------------------------------- */

START_TEST(start_status_sequence_and_rx_buffers)
{
	rpmsg_vdev_destroy(h->vdev);
	/* NS, and bits Linux's driver does not know (1..27, 30, 31): dropped */
	h->cfg.dfeatures = 0xcffffffdu | 1u;
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	ck_assert_ptr_nonnull(h->vdev);
	start();
	const uint8_t want[] = { 0, 1, 3, 7 };
	ck_assert_uint_eq(h->nstatus, 4);
	ck_assert_mem_eq(h->status_seq, want, 4);
	ck_assert_uint_eq(ram8(H_STATUS_PA), 7);
	ck_assert_uint_eq(ram32(H_GFEAT_PA), 1);
	ck_assert_uint_eq(rpmsg_vdev_features(h->vdev), 1);
	/* all RX buffers (first half of the pool) on vring 0, device-writable */
	ck_assert_uint_eq(fr_avail_idx(h, 0), NUM);
	for (uint16_t i = 0; i < NUM; i++) {
		uint16_t id;
		ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
		ck_assert_uint_eq(fr_desc_addr(h, 0, id), H_POOL_PA + 512u * i);
		uint8_t d[16];
		bus_read_block(&h->bus, h->lay[0].desc + 16u * id, d, 16);
		ck_assert_uint_eq(le32_load(d + 8), 512);
		ck_assert_uint_eq(le16_load(d + 12), VRING_DESC_F_WRITE);
	}
	ck_assert_uint_eq(fr_avail_idx(h, 1), 0);
	ck_assert_uint_eq(fr_avail_flags(h, 1), VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert_uint_eq(fr_avail_flags(h, 0), 0);
	/* vring 0 kicked once, after DRIVER_OK */
	ck_assert_uint_eq(h->kicks[0], 1);
	ck_assert_uint_eq(h->kicks[1], 0);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg_ctrl0"));
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, h_now(h)), -EBUSY);
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert_uint_eq(st.rx_posted, NUM);
}
END_TEST

static uint16_t rd16(uint64_t pa)
{
	uint8_t b[2];
	bus_read_block(&h->bus, pa, b, 2);
	return le16_load(b);
}

static void set16(uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	bus_write_block(&h->bus, pa, b, 2);
}

static uint64_t used_event(unsigned vq)
{
	return h->lay[vq].avail + 4 + 2ull * NUM;
}

static uint64_t avail_event(unsigned vq)
{
	return h->lay[vq].used + 4 + 8ull * NUM;
}

/* vring_transport_features keeps the transport bits the device offers:
 * indirect descriptors (28) and event-idx (29), as gfeatures shows
 * (issue 16, item 2) */
START_TEST(transport_features_kept)
{
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.dfeatures = 0xffffffffu;
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	start();
	ck_assert_uint_eq(ram32(H_GFEAT_PA), 0x30000001u);
	ck_assert_uint_eq(rpmsg_vdev_features(h->vdev), 0x30000001u);
}
END_TEST

/* With event-idx the host notifies and asks for interrupts through the
 * event indices, where virtio_ring.c does */
START_TEST(event_idx_drives_notifications)
{
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.dfeatures = NS | (1u << VIRTIO_RING_F_EVENT_IDX);
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	start();
	ck_assert_uint_eq(ram32(H_GFEAT_PA), 0x20000001u);
	/* TX completions off: used_event 0 (virtio_ring's "hack"), the flag
	 * is not written; vring 0 kicked once, avail_event being 0 */
	ck_assert_uint_eq(fr_avail_flags(h, 1), 0);
	ck_assert_uint_eq(rd16(used_event(1)), 0);
	ck_assert_uint_eq(h->kicks[0], 1);

	/* host -> remote on vring 1: a kick only when avail passes avail_event */
	struct rpmsg_ept *ept = rpmsg_vdev_create_ept(h->vdev, NULL, NULL, 1024, NULL);
	ck_assert_ptr_nonnull(ept);
	ck_assert_int_eq(rpmsg_send(ept, 0x400, "a", 1, true, h_now(h)), 0);
	ck_assert_uint_eq(h->kicks[1], 1); /* avail 0 -> 1 passed avail_event 0 */
	set16(avail_event(1), 5);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(rpmsg_send(ept, 0x400, "b", 1, true, h_now(h)), 0);
	ck_assert_uint_eq(h->kicks[1], 1); /* 2..5 */
	ck_assert_int_eq(rpmsg_send(ept, 0x400, "c", 1, true, h_now(h)), 0);
	ck_assert_uint_eq(h->kicks[1], 2); /* 5 -> 6 passed 5 */

	/* remote -> host on vring 0: after draining, used_event asks for
	 * the next entry; the refill kicks only as avail_event says */
	ck_assert_ptr_nonnull(rpmsg_vdev_create_ept(h->vdev, NULL, NULL, 1030, NULL));
	ck_assert_int_eq(fr_send(h, 0x400, 1030, "x", 1), 0);
	ck_assert_uint_eq(rd16(used_event(0)), 1);
	ck_assert_uint_eq(h->kicks[0], 1); /* avail_event 0 was passed long ago */
	set16(avail_event(0), NUM + 1);
	ck_assert_int_eq(fr_send(h, 0x400, 1030, "y", 1), 0);
	ck_assert_uint_eq(rd16(used_event(0)), 2);
	ck_assert_uint_eq(h->kicks[0], 2);
	/* NO_NOTIFY in used.flags means nothing with event-idx */
	fr_set_used_flags(h, 1, VRING_USED_F_NO_NOTIFY);
	set16(avail_event(1), 6);
	ck_assert_int_eq(rpmsg_send(ept, 0x400, "d", 1, true, h_now(h)), 0);
	ck_assert_uint_eq(h->kicks[1], 3);
}
END_TEST

START_TEST(features_ok_when_asked)
{
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.set_features_ok = true;
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	start();
	const uint8_t want[] = { 0, 1, 3, 0xb, 0xf };
	ck_assert_uint_eq(h->nstatus, 5);
	ck_assert_mem_eq(h->status_seq, want, 5);
}
END_TEST

START_TEST(no_ns_feature_no_name_service)
{
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.dfeatures = 0;
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	start();
	ck_assert_uint_eq(ram32(H_GFEAT_PA), 0);
	fr_announce(h, "rpmsg-raw", 0x400, 0);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "msg received with no recipient"), 1);
}
END_TEST

START_TEST(pool_size_and_create_refusals)
{
	ck_assert_uint_eq(rpmsg_vdev_pool_size(16), 16384);
	ck_assert_uint_eq(rpmsg_vdev_pool_size(256), 262144);
	ck_assert_uint_eq(rpmsg_vdev_pool_size(1024), 262144); /* 512 buffers at most */
	char err[160];
	struct rpmsg_vdev_config c = h->cfg;
	c.hooks.kick = NULL;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "kick"));
	c = h->cfg;
	c.pool_size = 4096;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "buffer pool"));
	c = h->cfg;
	c.pool_pa = H_RAM_BASE + H_RAM_SIZE - 4096;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	c = h->cfg;
	c.vring_pa[1] = 0x1000;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "vring1"));
	c = h->cfg;
	c.num = 12;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	c = h->cfg;
	c.notifyid[1] = c.notifyid[0];
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
	c = h->cfg;
	c.status_pa = 0x10;
	ck_assert_ptr_null(rpmsg_vdev_create(&h->sim, &h->bus, &c, err, sizeof(err)));
}
END_TEST

START_TEST(notify_routing)
{
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, 0, h_now(h)), -ENODEV);
	start();
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, 7, h_now(h)), -ENOENT);
	ck_assert(rpmsg_vdev_owns_notifyid(h->vdev, 1));
	ck_assert(!rpmsg_vdev_owns_notifyid(h->vdev, 2));
	/* a kick with nothing used: Linux's "uhm" line, not a guest error */
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, 0, h_now(h)), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_DEBUG, "no used buffer"), 1);
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
}
END_TEST

/* --- endpoints ------------------------------------------------------------ */

static int count_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src,
		    void *priv, sim_time_t t)
{
	(void)ept, (void)data, (void)src, (void)t;
	unsigned *n = priv;
	n[0]++;
	n[1] = (unsigned)len;
	return 0;
}

START_TEST(endpoint_addresses)
{
	int err;
	ck_assert_ptr_null(rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, RPMSG_ADDR_ANY, &err));
	ck_assert_int_eq(err, -ENODEV);
	start();
	struct rpmsg_ept *a = rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, RPMSG_ADDR_ANY, &err);
	struct rpmsg_ept *b = rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, RPMSG_ADDR_ANY, &err);
	ck_assert_uint_eq(rpmsg_ept_addr(a), 1024);
	ck_assert_uint_eq(rpmsg_ept_addr(b), 1025);
	ck_assert_ptr_null(rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, 1025, &err));
	ck_assert_int_eq(err, -EBUSY);
	ck_assert_ptr_null(rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, RPMSG_NS_ADDR, &err));
	rpmsg_destroy_ept(a);
	a = rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, RPMSG_ADDR_ANY, &err);
	ck_assert_uint_eq(rpmsg_ept_addr(a), 1024);
	struct rpmsg_ept *c = rpmsg_vdev_create_ept(h->vdev, count_cb, NULL, 77, &err);
	ck_assert_uint_eq(rpmsg_ept_addr(c), 77);
	ck_assert_int_eq(rpmsg_send(a, RPMSG_ADDR_ANY, "x", 1, true, h_now(h)), -EINVAL);
	ck_assert_int_eq(rpmsg_send(a, 5, NULL, 3, true, h_now(h)), -EINVAL);
	ck_assert_int_eq(rpmsg_send(a, 5, "x", 497, true, h_now(h)), -EMSGSIZE);
	ck_assert_int_eq(rpmsg_send(a, 5, NULL, 0, true, h_now(h)), 0);
}
END_TEST

START_TEST(message_to_endpoint)
{
	start();
	unsigned got[2] = { 0, 0 };
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, count_cb, got, 2000, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(fr_send(h, 0x400, 2000, "abc", 3), 0);
	ck_assert_uint_eq(got[0], 1);
	ck_assert_uint_eq(got[1], 3);
	/* the buffer went back on vring 0 and the remote was told */
	ck_assert_uint_eq(fr_avail_idx(h, 0), NUM + 1);
	ck_assert_uint_eq(h->kicks[0], 2);
	/* a remote that asks for no notifications gets none */
	fr_set_used_flags(h, 0, VRING_USED_F_NO_NOTIFY);
	ck_assert_int_eq(fr_send(h, 0x400, 2000, "abc", 3), 0);
	ck_assert_uint_eq(h->kicks[0], 2);
	ck_assert_uint_eq(got[0], 2);
	/* several messages in one kick */
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(fr_put(h, 0x400, 2000, "abcd", 4), 0);
	fr_notify(h, 0);
	ck_assert_uint_eq(got[0], 7);
	ck_assert_uint_eq(got[1], 4);
	/* an endpoint without a callback swallows messages, as in Linux */
	rpmsg_ept_set_cb(e, NULL, NULL);
	ck_assert_int_eq(fr_send(h, 0x400, 2000, "abc", 3), 0);
	ck_assert_uint_eq(got[0], 7);
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
}
END_TEST

static struct rpmsg_file *raw_channel_open(void)
{
	start();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	return open_ok("/dev/rpmsg0");
}

/* --- rpmsg_client_sample -------------------------------------------------- */

START_TEST(client_sample_100_then_goodbye)
{
	start();
	h->echo = true;
	fr_announce(h, RPMSG_SAMPLE_NAME, 0x401, RPMSG_NS_CREATE);
	struct rpmsg_channel *ch = rpmsg_vdev_find_channel(h->vdev, RPMSG_SAMPLE_NAME);
	ck_assert_ptr_nonnull(ch);
	ck_assert_str_eq(rpmsg_channel_devname(ch), "virtio0.rpmsg-client-sample.-1.1025");
	const struct rpmsg_sample_stats *st = rpmsg_sample_stats(ch);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(st->tx_count, 1); /* hello on probe */
	h_pump(h);
	ck_assert_uint_eq(st->rx_count, 100);
	ck_assert_uint_eq(st->tx_count, 100);
	ck_assert_uint_eq(st->tx_errors, 0);
	ck_assert(st->done);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "goodbye!"), 1);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "incoming msg 100 (src: 0x401)"), 1);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "incoming msg 1 (src: 0x401)"), 1);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "new channel: 0x400 -> 0x401!"), 1);
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
	/* a reply after goodbye: rpmsg_sample_cb counts it, logs it and says
	 * goodbye again, and sends nothing (issue 16, item 10) */
	ck_assert_int_eq(fr_send(h, 0x401, 0x400, "late", 4), 0);
	h_pump(h);
	ck_assert_uint_eq(st->rx_count, 101);
	ck_assert_uint_eq(st->tx_count, 100);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "incoming msg 101 (src: 0x401)"), 1);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "goodbye!"), 2);
}
END_TEST

/* The module parameter count (module_param(count, int, 0644)), read at
 * every message: its file, kstrtoint's rules, and the limit it sets. */
START_TEST(client_sample_count_parameter)
{
	struct rpmsg_sample_params p = { .count = RPMSG_SAMPLE_COUNT };
	char buf[32];
	ck_assert_int_eq(rpmsg_sample_param_read(&p, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "100\n");
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "5\n", 2), 0);
	ck_assert_int_eq(p.count, 5);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "0x10", 4), 0);
	ck_assert_int_eq(p.count, 16);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "-3", 2), 0);
	ck_assert_int_eq(p.count, -3);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "+7", 2), 0);
	ck_assert_int_eq(p.count, 7);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "seven", 5), -EINVAL);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "2147483648", 10), -ERANGE);
	ck_assert_int_eq(rpmsg_sample_param_write(&p, "", 0), -EINVAL);
	ck_assert_int_eq(p.count, 7);

	/* the driver's parameters say 3 */
	h->sample.count = 3;
	start();
	h->echo = true;
	fr_announce(h, RPMSG_SAMPLE_NAME, 0x401, RPMSG_NS_CREATE);
	const struct rpmsg_sample_stats *st =
		rpmsg_sample_stats(rpmsg_vdev_find_channel(h->vdev, RPMSG_SAMPLE_NAME));
	h_pump(h);
	ck_assert_uint_eq(st->rx_count, 3);
	ck_assert_uint_eq(st->tx_count, 3);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "incoming msg 3 (src: 0x401)"), 1);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "goodbye!"), 1);
}
END_TEST

START_TEST(client_sample_payload)
{
	start();
	fr_announce(h, RPMSG_SAMPLE_NAME, 0x401, RPMSG_NS_CREATE);
	struct h_msg m;
	ck_assert_int_eq(fr_recv(h, &m), 1);
	ck_assert_uint_eq(m.len, 12);
	ck_assert_mem_eq(m.data, "hello world!", 12);
	ck_assert_uint_eq(m.dst, 0x401);
	ck_assert_uint_eq(m.src, 1024);
}
END_TEST

/* --- stop/start ---------------------------------------------------------- */

static void remote_reset(void)
{
	memset(h->last_avail, 0, sizeof(h->last_avail));
	memset(h->used_idx, 0, sizeof(h->used_idx));
	h->nkept = 0;
}

START_TEST(stop_start_cycles)
{
	h->echo = true;
	struct rpmsg_file *kept = NULL;
	for (int cycle = 0; cycle < 100; cycle++) {
		remote_reset();
		h->nstatus = 0;
		start();
		ck_assert_uint_eq(h->status_seq[h->nstatus - 1], 7);
		fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
		fr_announce(h, RPMSG_SAMPLE_NAME, 0x401, RPMSG_NS_CREATE);
		ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
		struct rpmsg_file *f = open_ok("/dev/rpmsg0");
		struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
		struct rpmsg_endpoint_info info = { "x", RPMSG_ADDR_ANY, 0x402 };
		int minor;
		char path[32];
		ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
		/* a file kept open from the last cycle still holds rpmsg1 */
		ck_assert_int_eq(minor, cycle % 2 ? 2 : 1);
		if (kept) {
			ck_assert_int_eq(rpmsg_char_read(kept, path, 1, true), -EPIPE);
			rpmsg_char_close(kept, h_now(h));
			kept = NULL;
		}
		snprintf(path, sizeof(path), "/dev/rpmsg%d", minor);
		struct rpmsg_file *g = open_ok(path);
		ck_assert_int_eq(rpmsg_char_write(f, "abc", 3, true, h_now(h)), 3);
		h_pump(h);
		char b[8];
		ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), 3);
		ck_assert_uint_eq(rpmsg_sample_stats(rpmsg_vdev_find_channel(
					  h->vdev, RPMSG_SAMPLE_NAME))->rx_count, 100);
		/* one message left unread in the queue at stop */
		ck_assert_int_eq(rpmsg_char_write(f, "abc", 3, true, h_now(h)), 3);
		h_pump(h);
		rpmsg_vdev_stop(h->vdev, h_now(h));
		/* reset by rpmsg_remove, then virtio_dev_remove acknowledges
		 * the device again (issue 16, item 9) */
		ck_assert_uint_eq(h->status_seq[h->nstatus - 2], 0);
		ck_assert_uint_eq(h->status_seq[h->nstatus - 1], VIRTIO_CONFIG_S_ACKNOWLEDGE);
		ck_assert_uint_eq(ram8(H_STATUS_PA), VIRTIO_CONFIG_S_ACKNOWLEDGE);
		ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
		ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg_ctrl0"));
		ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), -EPIPE);
		ck_assert_int_eq(rpmsg_char_write(g, b, 1, true, h_now(h)), -EPIPE);
		ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, NULL, h_now(h)), -ENODEV);
		ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
		/* files may be closed after the stop; one stays open across
		 * the restart every other cycle */
		rpmsg_char_close(f, h_now(h));
		rpmsg_char_close(c, h_now(h));
		if (cycle % 2)
			rpmsg_char_close(g, h_now(h));
		else
			kept = g;
		rpmsg_vdev_stop(h->vdev, h_now(h)); /* harmless twice */
	}
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
}
END_TEST

START_TEST(destroy_while_started)
{
	struct rpmsg_file *f = raw_channel_open();
	(void)f; /* left open: rpmsg_chardevs_destroy frees it */
	/* teardown destroys the started vdev, then the char devices */
}
END_TEST

/* --- traces --------------------------------------------------------------- */

struct tcap {
	struct trace_sink base;
	unsigned n;
	struct {
		uint16_t type;
		uint8_t data[600];
		uint32_t len;
	} r[32];
};

static void tcap_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		      const void *data, uint32_t len)
{
	(void)t;
	struct tcap *c = (struct tcap *)s;
	if ((type != TRACE_RPMSG && type != TRACE_CHANNEL) || c->n == 32)
		return;
	ck_assert_uint_eq(comp, 5);
	c->r[c->n].type = type;
	c->r[c->n].len = len;
	memcpy(c->r[c->n].data, data, len < 600 ? len : 600);
	c->n++;
}

START_TEST(trace_records)
{
	static struct tcap cap = { .base = { .emit = tcap_emit } };
	cap.n = 0;
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.trace_id = 5;
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	h->sim.trace = &cap.base;
	struct rpmsg_file *f = raw_channel_open();
	ck_assert_int_eq(rpmsg_char_write(f, "hey", 3, true, h_now(h)), 3);
	h->sim.trace = NULL;
	ck_assert_uint_eq(cap.n, 3);
	/* the announcement, remote -> host */
	ck_assert_uint_eq(cap.r[0].type, TRACE_RPMSG);
	ck_assert_uint_eq(cap.r[0].len, 11 + 40);
	ck_assert_uint_eq(cap.r[0].data[0], 1);
	ck_assert_uint_eq(le32_load(cap.r[0].data + 1), 0x400);
	ck_assert_uint_eq(le32_load(cap.r[0].data + 5), 53);
	ck_assert_uint_eq(le16_load(cap.r[0].data + 9), 40);
	/* channel created: u8 1, u32 addr, announced name */
	ck_assert_uint_eq(cap.r[1].type, TRACE_CHANNEL);
	ck_assert_uint_eq(cap.r[1].data[0], 1);
	ck_assert_uint_eq(le32_load(cap.r[1].data + 1), 0x400);
	ck_assert_uint_eq(cap.r[1].len, 5 + strlen("rpmsg-raw"));
	ck_assert_mem_eq(cap.r[1].data + 5, "rpmsg-raw", cap.r[1].len - 5);
	/* host -> remote */
	ck_assert_uint_eq(cap.r[2].type, TRACE_RPMSG);
	ck_assert_uint_eq(cap.r[2].data[0], 0);
	ck_assert_uint_eq(le32_load(cap.r[2].data + 1), 1024);
	ck_assert_uint_eq(le32_load(cap.r[2].data + 5), 0x400);
	ck_assert_uint_eq(le16_load(cap.r[2].data + 9), 3);
	ck_assert_mem_eq(cap.r[2].data + 11, "hey", 3);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

/* --- host timing ----------------------------------------------------------- */

static sim_time_t cb_time;

static int time_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		   sim_time_t t)
{
	(void)data, (void)len, (void)priv;
	cb_time = t;
	/* reply from inside the callback: serialised after the receive */
	ck_assert_int_eq(rpmsg_send(ept, src, "r", 1, true, t), 0);
	return 0;
}

START_TEST(host_costs_serialise_actions)
{
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.lat = (struct rpmsg_latency){ .irq = 5 * SIM_US, .rx_msg = 7 * SIM_US,
					     .tx_msg = 11 * SIM_US };
	char err[128];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	sim_time_t t0 = 100 * SIM_US;
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, t0), 0);
	ck_assert_uint_eq(h->last_kick_t, t0);
	ck_assert_ptr_nonnull(rpmsg_vdev_create_ept(h->vdev, time_cb, NULL, 1024, NULL));
	ck_assert_int_eq(fr_put(h, 0x400, 1024, "a", 1), 0);
	ck_assert_int_eq(fr_put(h, 0x400, 1024, "b", 1), 0);
	sim_time_t t1 = 200 * SIM_US;
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, H_NOTIFY0, t1), 0);
	/* irq 5, rx 7, reply 11, rx 7, reply 11 */
	ck_assert_uint_eq(cb_time, t1 + (5 + 7 + 11 + 7) * SIM_US);
	ck_assert_uint_eq(rpmsg_vdev_clock(h->vdev), t1 + (5 + 7 + 11 + 7 + 11) * SIM_US);
	ck_assert_uint_eq(h->last_kick_t, t1 + 41 * SIM_US);
	ck_assert_uint_eq(h->kicks[1], 2);
	ck_assert_uint_eq(h->kicks[0], 2);
	/* an action asked for earlier than the host is free waits for it */
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, time_cb, NULL, RPMSG_ADDR_ANY, NULL);
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, t1), 0);
	ck_assert_uint_eq(h->last_kick_t, t1 + 52 * SIM_US);
}
END_TEST

START_TEST(default_costs)
{
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, 0), 0);
	ck_assert_ptr_nonnull(rpmsg_vdev_create_ept(h->vdev, time_cb, NULL, 1024, NULL));
	ck_assert_int_eq(fr_put(h, 0x400, 1024, "a", 1), 0);
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, H_NOTIFY0, 10 * SIM_US), 0);
	ck_assert_uint_eq(cb_time, 10 * SIM_US + RPMSG_DEFAULT_IRQ + RPMSG_DEFAULT_RX_MSG);
	ck_assert_uint_eq(rpmsg_vdev_clock(h->vdev), cb_time + RPMSG_DEFAULT_TX_MSG);
}
END_TEST

/* rproc_alloc_vring's write-back: the firmware finds its vrings' da and
 * notifyids in the table once the host starts the vdev. */
START_TEST(start_writes_vring_entries)
{
	rpmsg_vdev_destroy(h->vdev);
	uint64_t e0 = H_RAM_BASE + 0x100 + RSC_VDEV_VRINGS; /* the harness's vdev entry is at 0x100 */
	h->cfg.vring_rsc_pa[0] = e0;
	h->cfg.vring_rsc_pa[1] = e0 + RSC_VRING_SIZE;
	h->cfg.vring_da[0] = 0x1234000;
	h->cfg.vring_da[1] = 0x1238000;
	uint8_t ff[40];
	memset(ff, 0xff, sizeof(ff));
	bus_write_block(&h->bus, e0, ff, sizeof(ff));
	char err[160];
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	ck_assert_ptr_nonnull(h->vdev);
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_DA), 0xffffffffu); /* create touches nothing */
	start();
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_DA), 0x1234000);
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_NOTIFYID), H_NOTIFY0);
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_SIZE + RSC_VRING_DA), 0x1238000);
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_SIZE + RSC_VRING_NOTIFYID), H_NOTIFY1);
	ck_assert_uint_eq(ram32(e0 + RSC_VRING_ALIGN), 0xffffffffu); /* the rest is the firmware's */
	/* an entry outside RAM is refused at create */
	rpmsg_vdev_destroy(h->vdev);
	h->cfg.vring_rsc_pa[1] = 0x1000;
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	ck_assert_ptr_null(h->vdev);
	ck_assert_ptr_nonnull(strstr(err, "table entry of vring1"));
	h->cfg.vring_rsc_pa[1] = 0;
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, &h->cfg, err, sizeof(err));
	ck_assert_ptr_nonnull(h->vdev);
}
END_TEST

/* --- determinism: same inputs, same trace bytes ---------------------------- */

struct tbytes {
	struct trace_sink base;
	uint8_t *buf;
	size_t len, cap;
};

static void tbytes_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
			const void *data, uint32_t len)
{
	struct tbytes *b = (struct tbytes *)s;
	size_t need = b->len + 12 + len;
	if (need > b->cap) {
		b->cap = need * 2;
		b->buf = realloc(b->buf, b->cap);
		ck_assert_ptr_nonnull(b->buf);
	}
	uint8_t *p = b->buf + b->len;
	le64_store(p, t);
	le16_store(p + 8, type);
	le16_store(p + 10, comp);
	memcpy(p + 12, data, len);
	b->len = need;
}

static void scripted_run(struct tbytes *out)
{
	struct harness *hh = calloc(1, sizeof(*hh));
	h_setup(hh, NUM, NS);
	hh->sim.trace = &out->base;
	hh->echo = true;
	ck_assert_int_eq(rpmsg_vdev_start(hh->vdev, h_now(hh)), 0);
	fr_announce(hh, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	fr_announce(hh, "rpmsg-client-sample", 0x401, RPMSG_NS_CREATE);
	struct rpmsg_file *f;
	ck_assert_int_eq(rpmsg_char_open(hh->cd, "/dev/rpmsg0", &f, h_now(hh)), 0);
	for (int i = 0; i < 20; i++) {
		char m[32];
		int n = snprintf(m, sizeof(m), "msg %d", i);
		ck_assert_int_eq(rpmsg_char_write(f, m, (size_t)n, true, h_now(hh)), n);
		h_pump(hh);
	}
	ck_assert_int_eq(fr_send(hh, 0x400, 9999, "lost", 4), 0);
	rpmsg_char_close(f, h_now(hh));
	rpmsg_vdev_stop(hh->vdev, h_now(hh));
	hh->sim.trace = NULL;
	h_teardown(hh);
	free(hh);
}

START_TEST(same_inputs_same_trace)
{
	struct tbytes a = { .base = { .emit = tbytes_emit } };
	struct tbytes b = { .base = { .emit = tbytes_emit } };
	scripted_run(&a);
	scripted_run(&b);
	ck_assert_uint_gt(a.len, 1000);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.buf, b.buf, a.len), 0);
	free(a.buf);
	free(b.buf);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rpmsg");
	TCase *tc = tcase_create("bus");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, start_status_sequence_and_rx_buffers);
	tcase_add_test(tc, features_ok_when_asked);
	tcase_add_test(tc, transport_features_kept);
	tcase_add_test(tc, event_idx_drives_notifications);
	tcase_add_test(tc, no_ns_feature_no_name_service);
	tcase_add_test(tc, pool_size_and_create_refusals);
	tcase_add_test(tc, notify_routing);
	tcase_add_test(tc, endpoint_addresses);
	tcase_add_test(tc, message_to_endpoint);
	tcase_add_test(tc, trace_records);
	tcase_add_test(tc, host_costs_serialise_actions);
	tcase_add_test(tc, default_costs);
	tcase_add_test(tc, start_writes_vring_entries);
	tcase_add_test(tc, same_inputs_same_trace);
	suite_add_tcase(s, tc);

	tc = tcase_create("drivers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, client_sample_100_then_goodbye);
	tcase_add_test(tc, client_sample_count_parameter);
	tcase_add_test(tc, client_sample_payload);
	tcase_add_test(tc, stop_start_cycles);
	tcase_add_test(tc, destroy_while_started);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
