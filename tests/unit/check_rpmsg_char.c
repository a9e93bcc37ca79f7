/* rpmsg_char over the virtio-rpmsg bus and a well-behaved fake remote:
 * channels from the name service, /dev/rpmsg_ctrl0 and /dev/rpmsgN
 * (open/close, read/write, errnos, ioctls, removal while open). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rpmsg_fixture.h"
#include "models/host/vring.h"
#include "sim/core/le.h"


START_TEST(ns_create_raw_channel)
{
	start();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	struct rpmsg_channel *ch = rpmsg_vdev_channel(h->vdev, 0);
	ck_assert_str_eq(rpmsg_channel_devname(ch), "virtio0.rpmsg-raw.-1.1024");
	ck_assert_str_eq(rpmsg_channel_name(ch), "rpmsg-raw");
	ck_assert_uint_eq(rpmsg_channel_dst(ch), 0x400);
	ck_assert_uint_eq(rpmsg_channel_src(ch), 1024);
	ck_assert_uint_eq(rpmsg_ept_addr(rpmsg_channel_ept(ch)), 1024);
	ck_assert_ptr_eq(rpmsg_vdev_find_channel(h->vdev, "rpmsg-raw"), ch);
	ck_assert_ptr_eq(rpmsg_vdev_find_channel(h->vdev, "virtio0.rpmsg-raw.-1.1024"), ch);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	ck_assert_str_eq(rpmsg_char_path(h->cd, 0), "/dev/rpmsg_ctrl0");
	ck_assert_str_eq(rpmsg_char_path(h->cd, 1), "/dev/rpmsg0");
	ck_assert_ptr_null(rpmsg_char_path(h->cd, 2));
	ck_assert_uint_eq(h->ch_created, 1);
	ck_assert_str_eq(h->last_channel, "virtio0.rpmsg-raw.-1.1024");
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "creating channel rpmsg-raw addr 0x400"), 1);
	/* a second channel gets the next device */
	fr_announce(h, "rpmsg-raw", 0x401, RPMSG_NS_CREATE);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg1"));
	ck_assert_str_eq(rpmsg_channel_devname(rpmsg_vdev_channel(h->vdev, 1)),
			 "virtio0.rpmsg-raw.-1.1025");
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
}
END_TEST

START_TEST(unbound_channel_kept)
{
	start();
	fr_announce(h, "no-such-driver", 0x410, RPMSG_NS_CREATE);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	struct rpmsg_channel *ch = rpmsg_vdev_channel(h->vdev, 0);
	ck_assert_ptr_null(rpmsg_channel_ept(ch));
	ck_assert_ptr_null(rpmsg_channel_driver(ch));
	ck_assert_uint_eq(rpmsg_channel_src(ch), RPMSG_ADDR_ANY);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "no driver for channel"), 1);
	fr_announce(h, "no-such-driver", 0x410, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
	ck_assert_uint_eq(h->ch_removed, 1);
}
END_TEST

static struct rpmsg_file *raw_channel_open(void)
{
	start();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	return open_ok("/dev/rpmsg0");
}

START_TEST(echo_through_rpmsg0)
{
	struct rpmsg_file *f = raw_channel_open();
	h->echo = true;
	for (int i = 0; i < 50; i++) {
		char msg[64];
		int n = snprintf(msg, sizeof(msg), "ping %d", i);
		ck_assert_int_eq(rpmsg_char_write(f, msg, (size_t)n, false, h_now(h)), n);
		h_pump(h);
		char back[64];
		ck_assert_int_eq(rpmsg_char_read(f, back, sizeof(back), true), n);
		ck_assert_mem_eq(back, msg, (size_t)n);
	}
	ck_assert_uint_eq(h->readable, 50);
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert_uint_eq(st.tx_msgs, 50);
	ck_assert_uint_eq(st.rx_msgs, 51); /* the announcement too */
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(message_reaches_remote_with_addresses)
{
	struct rpmsg_file *f = raw_channel_open();
	ck_assert_uint_eq(rpmsg_file_ept_addr(f), 1024);
	ck_assert_int_eq(rpmsg_char_write(f, "hello", 5, true, h_now(h)), 5);
	ck_assert_uint_eq(h->kicks[1], 1);
	struct h_msg m;
	ck_assert_int_eq(fr_recv(h, &m), 1);
	ck_assert_uint_eq(m.src, 1024);
	ck_assert_uint_eq(m.dst, 0x400);
	ck_assert_uint_eq(m.len, 5);
	ck_assert_mem_eq(m.data, "hello", 5);
	/* TX buffers come from the second half of the pool */
	ck_assert_uint_eq(fr_desc_addr(h, 1, 0), H_POOL_PA + 512u * NUM);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(write_size_limits)
{
	struct rpmsg_file *f = raw_channel_open();
	static uint8_t big[600];
	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	ck_assert_int_eq(rpmsg_char_write(f, big, 497, true, h_now(h)), -EMSGSIZE);
	ck_assert_int_eq(rpmsg_char_write(f, big, 600, false, h_now(h)), -EMSGSIZE);
	ck_assert_uint_eq(h->kicks[1], 0);
	h->echo = true;
	ck_assert_int_eq(rpmsg_char_write(f, big, 496, true, h_now(h)), 496);
	h_pump(h);
	uint8_t back[600];
	ck_assert_int_eq(rpmsg_char_read(f, back, sizeof(back), true), 496);
	ck_assert_mem_eq(back, big, 496);
	ck_assert_int_eq(rpmsg_char_write(f, big, 0, true, h_now(h)), 0);
	h_pump(h);
	ck_assert_int_eq(rpmsg_char_read(f, back, sizeof(back), true), 0);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(second_open_ebusy)
{
	struct rpmsg_file *f = raw_channel_open();
	struct rpmsg_file *g = NULL;
	ck_assert_int_eq(rpmsg_char_open(h->cd, "/dev/rpmsg0", &g, h_now(h)), -EBUSY);
	ck_assert_int_eq(rpmsg_char_open(h->cd, "/dev/rpmsg7", &g, h_now(h)), -ENOENT);
	rpmsg_char_close(f, h_now(h));
	f = open_ok("/dev/rpmsg0"); /* free again after close */
	/* the ctrl device may be opened many times */
	struct rpmsg_file *c1 = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_file *c2 = open_ok("/dev/rpmsg_ctrl0");
	rpmsg_char_close(c1, h_now(h));
	rpmsg_char_close(c2, h_now(h));
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(read_empty_eagain_and_truncation)
{
	struct rpmsg_file *f = raw_channel_open();
	char buf[200];
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), true), -EAGAIN);
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), false), RPMSG_WOULD_BLOCK);
	char msg[100];
	memset(msg, 'z', sizeof(msg));
	ck_assert_int_eq(fr_send(h, 0x400, 1024, msg, sizeof(msg)), 0);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "second", 6), 0);
	ck_assert_uint_eq(rpmsg_char_queued(f), 2);
	ck_assert_int_eq(rpmsg_char_read(f, buf, 10, true), 10); /* rest of it is gone */
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), true), 6);
	ck_assert_mem_eq(buf, "second", 6);
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), true), -EAGAIN);
	/* ctrl files do not read or write */
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	ck_assert_int_eq(rpmsg_char_read(c, buf, 10, true), -EINVAL);
	ck_assert_int_eq(rpmsg_char_write(c, buf, 10, true, h_now(h)), -EINVAL);
	rpmsg_char_close(c, h_now(h));
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(queue_while_closed_purged_on_close)
{
	start();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	/* rpmsg-raw: the endpoint exists from probe, so messages queue */
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "early", 5), 0);
	struct rpmsg_file *f = open_ok("/dev/rpmsg0");
	char buf[16];
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), true), 5);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "late", 4), 0);
	rpmsg_char_close(f, h_now(h));
	f = open_ok("/dev/rpmsg0");
	ck_assert_int_eq(rpmsg_char_read(f, buf, sizeof(buf), true), -EAGAIN);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(all_tx_in_flight_eagain_then_wakeup)
{
	struct rpmsg_file *f = raw_channel_open();
	h->no_tx_return = true;
	unsigned sent = 0;
	long rc;
	while ((rc = rpmsg_char_write(f, "m", 1, true, h_now(h))) == 1) {
		sent++;
		h_pump(h); /* the remote consumes but keeps the buffers */
		ck_assert_uint_le(sent, 1000);
	}
	ck_assert_int_eq(rc, -EAGAIN);
	ck_assert_uint_eq(sent, NUM); /* the TX half of the pool */
	/* interrupts still suppressed until someone blocks */
	ck_assert_uint_eq(fr_avail_flags(h, 1), VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert(!rpmsg_vdev_tx_available(h->vdev));
	ck_assert_int_eq(rpmsg_char_write(f, "m", 1, false, h_now(h)), RPMSG_WOULD_BLOCK);
	ck_assert_uint_eq(fr_avail_flags(h, 1), 0);
	ck_assert_uint_eq(h->tx_ready, 0);
	/* a second try while still sleeping does not count twice */
	ck_assert_int_eq(rpmsg_char_write(f, "m", 1, false, h_now(h)), RPMSG_WOULD_BLOCK);
	fr_return_tx(h);
	ck_assert_uint_eq(h->tx_ready, 1);
	/* rpmsg_xmit_done only wakes: the writer is a sleeper until it has
	 * its buffer, then rpmsg_downref_sleepers turns the interrupt off */
	ck_assert_uint_eq(fr_avail_flags(h, 1), 0);
	ck_assert(rpmsg_vdev_tx_available(h->vdev));
	ck_assert_int_eq(rpmsg_char_write(f, "m", 1, false, h_now(h)), 1);
	ck_assert_uint_eq(fr_avail_flags(h, 1), VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(returned_tx_buffers_reused_without_interrupt)
{
	struct rpmsg_file *f = raw_channel_open();
	h->echo = true;
	/* three times the TX pool: buffers must come back through vring 1 */
	for (int i = 0; i < 3 * NUM; i++) {
		ck_assert_int_eq(rpmsg_char_write(f, "abc", 3, true, h_now(h)), 3);
		h_pump(h);
		char b[8];
		ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), 3);
	}
	ck_assert_uint_eq(h->tx_ready, 0);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(ioctl_created_endpoint)
{
	start();
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY, .dst = 0x500 };
	strcpy(info.name, "my-ept");
	int minor = -1;
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
	ck_assert_int_eq(minor, 0);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	ck_assert_str_eq(h->last_dev, "/dev/rpmsg0");
	/* the endpoint exists only while the device is open */
	ck_assert_int_eq(fr_send(h, 0x500, 1024, "x", 1), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "no recipient"), 1);
	struct rpmsg_file *f = open_ok("/dev/rpmsg0");
	ck_assert_uint_eq(rpmsg_file_ept_addr(f), 1024);
	ck_assert_int_eq(rpmsg_char_write(f, "hi", 2, true, h_now(h)), 2);
	struct h_msg m;
	ck_assert_int_eq(fr_recv(h, &m), 1);
	ck_assert_uint_eq(m.src, 1024);
	ck_assert_uint_eq(m.dst, 0x500);
	ck_assert_int_eq(fr_send(h, 0x500, 1024, "yo", 2), 0);
	char b[8];
	ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), 2);
	rpmsg_char_close(f, h_now(h));
	ck_assert_int_eq(fr_send(h, 0x500, 1024, "x", 1), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "no recipient"), 2);

	/* explicit source addresses, and a clash refused at open */
	info.src = 3000;
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
	ck_assert_int_eq(minor, 1);
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
	ck_assert_int_eq(minor, 2);
	struct rpmsg_file *f1 = open_ok("/dev/rpmsg1");
	ck_assert_uint_eq(rpmsg_file_ept_addr(f1), 3000);
	struct rpmsg_file *f2 = NULL;
	ck_assert_int_eq(rpmsg_char_open(h->cd, "/dev/rpmsg2", &f2, h_now(h)), -EINVAL);
	/* destroy: the device goes, the open file reports EPIPE */
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(f1, h_now(h)), 0);
	ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg1"));
	ck_assert_int_eq(rpmsg_char_read(f1, b, sizeof(b), true), -EPIPE);
	ck_assert_int_eq(rpmsg_char_write(f1, "x", 1, true, h_now(h)), -EPIPE);
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(f1, h_now(h)), -ENODEV);
	/* its number is held until the last close, as Linux's ida */
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
	ck_assert_int_eq(minor, 3);
	rpmsg_char_close(f1, h_now(h));
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, &minor, h_now(h)), 0);
	ck_assert_int_eq(minor, 1);
	/* wrong file kinds */
	f = open_ok("/dev/rpmsg0");
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(f, &info, &minor, h_now(h)), -EINVAL);
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(c, h_now(h)), -EINVAL);
	rpmsg_char_close(f, h_now(h));
	rpmsg_char_close(c, h_now(h));
}
END_TEST

START_TEST(ioctl_name_forced_nul_and_dst_any)
{
	start();
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_endpoint_info info;
	memset(&info, 'A', sizeof(info.name));
	info.src = RPMSG_ADDR_ANY;
	info.dst = RPMSG_ADDR_ANY;
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &info, NULL, h_now(h)), 0);
	struct rpmsg_file *f = open_ok("/dev/rpmsg0");
	ck_assert_int_eq(rpmsg_char_write(f, "x", 1, true, h_now(h)), -EINVAL);
	rpmsg_char_close(f, h_now(h));
	rpmsg_char_close(c, h_now(h));
}
END_TEST

START_TEST(destroy_on_raw_device_refused)
{
	struct rpmsg_file *f = raw_channel_open();
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(f, h_now(h)), -EINVAL);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

START_TEST(ns_destroy_removes_channel_and_device)
{
	struct rpmsg_file *f = raw_channel_open();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
	ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	ck_assert_uint_eq(h->ch_removed, 1);
	ck_assert_uint_eq(h->dev_removed, 1);
	char b[8];
	ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), -EPIPE);
	ck_assert_int_eq(rpmsg_char_write(f, "x", 1, true, h_now(h)), -EPIPE);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "x", 1), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "no recipient"), 1);
	rpmsg_char_close(f, h_now(h));
	/* announced again: back as rpmsg0 */
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rpmsg_char");
	TCase *tc = tcase_create("char");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ns_create_raw_channel);
	tcase_add_test(tc, unbound_channel_kept);
	tcase_add_test(tc, echo_through_rpmsg0);
	tcase_add_test(tc, message_reaches_remote_with_addresses);
	tcase_add_test(tc, write_size_limits);
	tcase_add_test(tc, second_open_ebusy);
	tcase_add_test(tc, read_empty_eagain_and_truncation);
	tcase_add_test(tc, queue_while_closed_purged_on_close);
	tcase_add_test(tc, all_tx_in_flight_eagain_then_wakeup);
	tcase_add_test(tc, returned_tx_buffers_reused_without_interrupt);
	tcase_add_test(tc, ioctl_created_endpoint);
	tcase_add_test(tc, ioctl_name_forced_nul_and_dst_any);
	tcase_add_test(tc, destroy_on_raw_device_refused);
	tcase_add_test(tc, ns_destroy_removes_channel_and_device);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
