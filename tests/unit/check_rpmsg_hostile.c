/* A hostile remote corrupting its vrings and the name service: every case
 * is rejected, logged as a guest error with Linux's words, leaves the
 * buffers accounted for, and the host keeps working (or, for a broken ring,
 * works again after a restart). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rpmsg_fake.h"
#include "models/host/vring.h"
#include "sim/core/le.h"

#define NS (1u << VIRTIO_RPMSG_F_NS_BIT)

static struct harness *h;
static unsigned got;

static int got_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		  sim_time_t t)
{
	(void)ept, (void)data, (void)len, (void)src, (void)priv, (void)t;
	got++;
	return 0;
}

static void setup_num(uint32_t num)
{
	h = calloc(1, sizeof(*h));
	h_setup(h, num, NS);
	got = 0;
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, h_now(h)), 0);
	ck_assert_ptr_nonnull(rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, 1024, NULL));
}

static void setup(void)
{
	setup_num(16);
}

static void setup_big(void)
{
	setup_num(512);
}

static void teardown(void)
{
	h_teardown(h);
	free(h);
}

static void expect_error(const char *text)
{
	ck_assert_msg(h_count_log(h, SIM_LOG_GUEST_ERROR, text) == 1,
		      "expected one guest error containing \"%s\" (%u guest errors)", text,
		      (unsigned)h->sim.log_counts[SIM_LOG_GUEST_ERROR]);
}

static void expect_errors(unsigned n)
{
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], n);
}

/* The host still delivers a good message. */
static void expect_alive(void)
{
	unsigned before = got;
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "ok", 2), 0);
	ck_assert_uint_eq(got, before + 1);
}

static void expect_rx_posted(uint32_t n)
{
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert_uint_eq(st.rx_posted, n);
}

/* After a broken ring: stop and start bring a working bus back. */
static void expect_restart_heals(void)
{
	rpmsg_vdev_stop(h->vdev, h_now(h));
	memset(h->last_avail, 0, sizeof(h->last_avail));
	memset(h->used_idx, 0, sizeof(h->used_idx));
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, h_now(h)), 0);
	ck_assert_ptr_nonnull(rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, 1024, NULL));
	expect_alive();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
}

/* --- message checks: as Linux's rpmsg_recv_done (issue 16, item 3), a bad
 * message is logged and ends the loop, its RX buffer is not posted again
 * (lost until the device is reset), the bus goes on with the others --------- */

static void expect_lost(uint64_t n)
{
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert_uint_eq(st.rx_lost, n);
}

START_TEST(used_len_shorter_than_header)
{
	uint16_t id;
	uint16_t avail = fr_avail_idx(h, 0);
	unsigned kicks = h->kicks[0];
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 0, NULL, 0);
	fr_push_used(h, 0, id, 15);
	fr_notify(h, 0);
	expect_error("inbound msg too short: (15)");
	expect_error("RX buffer");
	ck_assert_uint_eq(got, 0);
	expect_rx_posted(15);
	ck_assert_uint_eq(fr_avail_idx(h, 0), avail); /* not posted again */
	ck_assert_uint_eq(h->kicks[0], kicks);        /* nothing went back: no kick */
	/* zero, too */
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_push_used(h, 0, id, 0);
	fr_notify(h, 0);
	expect_error("inbound msg too short: (0)");
	expect_rx_posted(14);
	expect_lost(2);
	expect_alive();
	expect_errors(4);
}
END_TEST

START_TEST(used_len_above_buffer_size)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 4, "abcd", 4);
	fr_push_used(h, 0, id, 513);
	fr_notify(h, 0);
	expect_error("inbound msg too big: (513, 4)");
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 4, "abcd", 4);
	fr_push_used(h, 0, id, 0xffffffffu);
	fr_notify(h, 0);
	expect_error("inbound msg too big: (4294967295, 4)");
	ck_assert_uint_eq(got, 0);
	expect_rx_posted(14);
	expect_alive();
	expect_lost(2);
}
END_TEST

START_TEST(hdr_len_above_used_len)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 100, "x", 1);
	fr_push_used(h, 0, id, 16 + 50);
	fr_notify(h, 0);
	expect_error("inbound msg too big: (66, 100)");
	/* hdr.len 65535 in a full-size buffer */
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 0xffff, "x", 1);
	fr_push_used(h, 0, id, 512);
	fr_notify(h, 0);
	expect_error("inbound msg too big: (512, 65535)");
	/* exactly at the limit is fine */
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 496, "x", 1);
	fr_push_used(h, 0, id, 512);
	fr_notify(h, 0);
	ck_assert_uint_eq(got, 1);
	expect_rx_posted(14);
	expect_errors(4);
}
END_TEST

START_TEST(unknown_destination)
{
	/* no recipient is not a bad message: Linux posts the buffer again */
	ck_assert_int_eq(fr_send(h, 0x400, 4321, "lost", 4), 0);
	expect_error("msg received with no recipient");
	ck_assert_int_eq(fr_send(h, 0x400, RPMSG_ADDR_ANY, "lost", 4), 0);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "no recipient"), 2);
	expect_rx_posted(16);
	ck_assert_uint_eq(fr_avail_idx(h, 0), 18);
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert_uint_eq(st.rx_dropped, 2);
	ck_assert_uint_eq(st.rx_lost, 0);
	expect_alive();
}
END_TEST

/* good, good, bad, good, good in one kick: two delivered, the loop stops
 * at the bad one, whose buffer is lost; the two after it wait for the next
 * interrupt, which delivers them */
START_TEST(bad_message_stops_the_loop)
{
	uint16_t id;
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
		if (i != 2) {
			fr_fill(h, id, 0x400, 1024, 2, "ok", 2);
			fr_push_used(h, 0, id, 18);
		} else {
			fr_fill(h, id, 0x400, 1024, 300, "x", 1);
			fr_push_used(h, 0, id, 20);
		}
	}
	unsigned kicks = h->kicks[0];
	fr_notify(h, 0);
	ck_assert_uint_eq(got, 2);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "inbound msg too big"), 1);
	ck_assert_uint_eq(h->kicks[0], kicks + 1); /* two buffers went back */
	expect_rx_posted(15); /* 16, one lost */
	fr_notify(h, 0);
	ck_assert_uint_eq(got, 4);
	expect_rx_posted(15);
	expect_lost(1);
	/* a restart gives every buffer back */
	rpmsg_vdev_stop(h->vdev, h_now(h));
	memset(h->last_avail, 0, sizeof(h->last_avail));
	memset(h->used_idx, 0, sizeof(h->used_idx));
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, h_now(h)), 0);
	expect_rx_posted(16);
}
END_TEST

/* --- ring structure: the ring breaks as Linux's BAD_RING ------------------ */

START_TEST(used_id_out_of_range)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_push_used(h, 0, 16, 16);
	fr_notify(h, 0);
	expect_error("vring0: id 16 out of range");
	ck_assert_uint_eq(got, 0);
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert(st.rx_broken);
	ck_assert(!st.tx_broken);
	/* later kicks are ignored quietly; the host side still sends */
	ck_assert_int_eq(fr_put(h, 0x400, 1024, "x", 1), 0);
	fr_notify(h, 0);
	ck_assert_uint_eq(got, 0);
	expect_errors(1);
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, RPMSG_ADDR_ANY, NULL);
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, h_now(h)), 0);
	expect_restart_heals();
}
END_TEST

START_TEST(used_id_not_a_head_rx)
{
	/* num 512: 256 RX buffers, so ids 256..511 were never posted */
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_push_used(h, 0, 300, 16);
	fr_notify(h, 0);
	expect_error("vring0: id 300 is not a head!");
	ck_assert_uint_eq(got, 0);
	expect_restart_heals();
}
END_TEST

START_TEST(used_id_returned_twice)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 2, "ok", 2);
	fr_push_used(h, 0, id, 18);
	fr_push_used(h, 0, id, 18); /* same buffer twice in one batch */
	fr_notify(h, 0);
	/* the first is delivered and reposted (a head again), the second
	 * then reads as a valid head: as in Linux, a stale duplicate is
	 * only caught when the id is not posted */
	ck_assert_uint_le(got, 2);
	ck_assert_uint_eq(h->sim.log_counts[SIM_LOG_GUEST_ERROR], 0);
}
END_TEST

START_TEST(used_id_not_a_head_tx)
{
	/* num 512: 256 TX buffers on a 512-entry ring.  The never-used ones go
	 * first; the 257th send reclaims from the used ring. */
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, RPMSG_ADDR_ANY, NULL);
	for (int i = 0; i < 256; i++)
		ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, h_now(h)), 0);
	uint16_t id;
	while (fr_take_avail(h, 1, &id))
		;
	fr_push_used(h, 1, 300, 0); /* in range, never posted */
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, h_now(h)), -EIO);
	expect_error("vring1: id 300 is not a head!");
	struct rpmsg_vdev_stats st;
	rpmsg_vdev_get_stats(h->vdev, &st);
	ck_assert(st.tx_broken);
	ck_assert(!st.rx_broken);
	ck_assert(!rpmsg_vdev_tx_available(h->vdev));
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, false, h_now(h)), -EIO);
	expect_alive(); /* RX still works */
	expect_errors(1);
	expect_restart_heals();
}
END_TEST

START_TEST(used_idx_jumps_rx)
{
	fr_set_used_idx(h, 0, 16 + 5);
	fr_notify(h, 0);
	expect_error("vring0: used idx jumped from 0 to 21");
	ck_assert_uint_eq(got, 0);
	expect_restart_heals();
}
END_TEST

START_TEST(used_idx_jumps_backwards_rx)
{
	expect_alive();
	fr_set_used_idx(h, 0, 0);
	/* 0 - 1 = 65535 pending */
	fr_notify(h, 0);
	expect_error("used idx jumped from 1 to 0");
	expect_restart_heals();
}
END_TEST

START_TEST(used_idx_jumps_tx)
{
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, RPMSG_ADDR_ANY, NULL);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, h_now(h)), 0);
	fr_set_used_idx(h, 1, 40);
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, false, h_now(h)), -EIO);
	expect_error("vring1: used idx jumped from 0 to 40");
	/* through /dev/rpmsgN too */
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_file *f;
	ck_assert_int_eq(rpmsg_char_open(h->cd, "/dev/rpmsg0", &f, h_now(h)), 0);
	ck_assert_int_eq(rpmsg_char_write(f, "x", 1, true, h_now(h)), -EIO);
	rpmsg_char_close(f, h_now(h));
	expect_errors(1);
}
END_TEST

START_TEST(descriptor_outside_shared_memory)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 2, "ok", 2);
	fr_write_desc(h, 0, id, 0xdead0000u, 4096);
	fr_push_used(h, 0, id, 18);
	fr_notify(h, 0);
	expect_error("rewritten by the remote (addr 0xdead0000 len 4096");
	/* the host read its own buffer, not 0xdead0000 */
	ck_assert_uint_eq(got, 1);
	/* and reposted the buffer with the right descriptor */
	ck_assert_uint_eq(fr_desc_addr(h, 0, id), H_POOL_PA + 512u * id);
	expect_alive();
	expect_errors(1);
}
END_TEST

START_TEST(descriptor_len_above_512)
{
	uint16_t id;
	ck_assert_int_eq(fr_take_avail(h, 0, &id), 1);
	fr_fill(h, id, 0x400, 1024, 2, "ok", 2);
	fr_write_desc(h, 0, id, H_POOL_PA + 512u * id, 100000);
	fr_push_used(h, 0, id, 18);
	fr_notify(h, 0);
	expect_error("len 100000");
	ck_assert_uint_eq(got, 1);
	expect_alive();
}
END_TEST

START_TEST(remote_scribbles_avail_ring)
{
	/* the host never reads its avail ring back, so junk there changes
	 * nothing on the host side */
	uint8_t junk[64];
	memset(junk, 0xff, sizeof(junk));
	bus_write_block(&h->bus, h->lay[0].avail, junk, sizeof(junk));
	bus_write_block(&h->bus, h->lay[1].avail, junk, sizeof(junk));
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, H_NOTIFY0, h_now(h)), 0);
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, H_NOTIFY1, h_now(h)), 0);
	struct rpmsg_ept *e = rpmsg_vdev_create_ept(h->vdev, got_cb, NULL, RPMSG_ADDR_ANY, NULL);
	ck_assert_int_eq(rpmsg_send(e, 0x400, "x", 1, true, h_now(h)), 0);
	expect_errors(0);
	expect_restart_heals();
}
END_TEST

/* --- name service ---------------------------------------------------------- */

START_TEST(ns_wrong_length)
{
	uint8_t m[41] = "rpmsg-raw";
	ck_assert_int_eq(fr_send(h, 0x400, RPMSG_NS_ADDR, m, 39), 0);
	expect_error("malformed ns msg (39)");
	ck_assert_int_eq(fr_send(h, 0x400, RPMSG_NS_ADDR, m, 41), 0);
	expect_error("malformed ns msg (41)");
	ck_assert_int_eq(fr_send(h, 0x400, RPMSG_NS_ADDR, m, 0), 0);
	expect_error("malformed ns msg (0)");
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
	expect_rx_posted(16);
	expect_errors(3);
}
END_TEST

START_TEST(ns_name_without_nul)
{
	char name[33];
	memset(name, 'A', 32);
	name[32] = 0;
	fr_announce(h, name, 0x400, RPMSG_NS_CREATE);
	expect_error("not NUL-terminated");
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	const char *n = rpmsg_channel_name(rpmsg_vdev_channel(h->vdev, 0));
	ck_assert_uint_eq(strlen(n), 31);
	ck_assert_str_eq(rpmsg_channel_devname(rpmsg_vdev_channel(h->vdev, 0)),
			 "virtio0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.-1.1024");
	/* "rpmsg-raw" followed by junk after its NUL is still rpmsg-raw */
	uint8_t m[RPMSG_NS_MSG_SIZE];
	memset(m, 0xee, 32);
	memcpy(m, "rpmsg-raw", 10);
	le32_store(m + 32, 0x401);
	le32_store(m + 36, 0);
	ck_assert_int_eq(fr_send(h, 0x401, RPMSG_NS_ADDR, m, sizeof(m)), 0);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	expect_errors(1);
}
END_TEST

START_TEST(ns_destroy_unknown_channel)
{
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_DESTROY);
	expect_error("rpmsg_destroy_channel failed: -22");
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	/* right name, wrong address */
	fr_announce(h, "rpmsg-raw", 0x999, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "rpmsg_destroy_channel failed"), 2);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	/* destroyed twice */
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_DESTROY);
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "rpmsg_destroy_channel failed"), 3);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 0);
}
END_TEST

START_TEST(ns_destroy_any_address_matches_by_name)
{
	/* rpmsg_device_match treats ANY as a wildcard, so does rpsim */
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	fr_announce(h, "other", 0x401, RPMSG_NS_CREATE);
	fr_announce(h, "rpmsg-raw", RPMSG_ADDR_ANY, RPMSG_NS_DESTROY);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	ck_assert_str_eq(rpmsg_channel_name(rpmsg_vdev_channel(h->vdev, 0)), "other");
	/* and a create with ANY collides with any address of that name */
	fr_announce(h, "other", RPMSG_ADDR_ANY, RPMSG_NS_CREATE);
	expect_error("already exist");
	/* flags other than bit 0 set still mean create, as in Linux */
	fr_announce(h, "third", 0x402, 0xfffffffeu);
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 2);
	expect_errors(1);
}
END_TEST

START_TEST(ns_duplicate_create)
{
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	expect_error("already exist");
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 1);
	ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg1"));
}
END_TEST

START_TEST(ns_flood_bounded)
{
	for (int i = 0; i < 300; i++) {
		char name[32];
		snprintf(name, sizeof(name), "chan%d", i);
		fr_announce(h, name, 0x1000u + (uint32_t)i, RPMSG_NS_CREATE);
	}
	ck_assert_uint_eq(rpmsg_vdev_channel_count(h->vdev), 256);
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_GUEST_ERROR, "too many channels"), 44);
	expect_rx_posted(16);
	expect_alive();
}
END_TEST

START_TEST(unread_queue_bounded)
{
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	/* the raw channel's endpoint took 1025: ours holds 1024 */
	for (int i = 0; i < RPMSG_CHAR_QUEUE_MAX + 50; i++)
		ck_assert_int_eq(fr_send(h, 0x400, 1025, "flood", 5), 0);
	expect_error("messages queued and unread");
	struct rpmsg_file *f;
	ck_assert_int_eq(rpmsg_char_open(h->cd, "/dev/rpmsg0", &f, h_now(h)), 0);
	ck_assert_uint_eq(rpmsg_char_queued(f), RPMSG_CHAR_QUEUE_MAX);
	rpmsg_char_close(f, h_now(h));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rpmsg_hostile");
	TCase *tc = tcase_create("messages");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, used_len_shorter_than_header);
	tcase_add_test(tc, used_len_above_buffer_size);
	tcase_add_test(tc, hdr_len_above_used_len);
	tcase_add_test(tc, unknown_destination);
	tcase_add_test(tc, bad_message_stops_the_loop);
	suite_add_tcase(s, tc);

	tc = tcase_create("rings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, used_id_out_of_range);
	tcase_add_test(tc, used_id_returned_twice);
	tcase_add_test(tc, used_idx_jumps_rx);
	tcase_add_test(tc, used_idx_jumps_backwards_rx);
	tcase_add_test(tc, used_idx_jumps_tx);
	tcase_add_test(tc, descriptor_outside_shared_memory);
	tcase_add_test(tc, descriptor_len_above_512);
	tcase_add_test(tc, remote_scribbles_avail_ring);
	suite_add_tcase(s, tc);

	tc = tcase_create("rings512");
	tcase_add_checked_fixture(tc, setup_big, teardown);
	tcase_add_test(tc, used_id_not_a_head_rx);
	tcase_add_test(tc, used_id_not_a_head_tx);
	suite_add_tcase(s, tc);

	tc = tcase_create("ns");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ns_wrong_length);
	tcase_add_test(tc, ns_name_without_nul);
	tcase_add_test(tc, ns_destroy_unknown_channel);
	tcase_add_test(tc, ns_duplicate_create);
	tcase_add_test(tc, ns_destroy_any_address_matches_by_name);
	tcase_add_test(tc, ns_flood_bounded);
	tcase_add_test(tc, unread_queue_bounded);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
