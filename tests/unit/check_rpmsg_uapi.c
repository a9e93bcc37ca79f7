/* The user-space interface issue 16 added to the host's rpmsg drivers,
 * over the virtio-rpmsg bus and the fake remote: rpmsg_tty's
 * /dev/ttyRPMSGN (line discipline, MTU-sized writes, hangup, numbering),
 * RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL and the name-service
 * messages they send, RPMSG_DESTROY_EPT_IOCTL, poll masks and the
 * /sys/class/rpmsg attributes. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_rpmsg_fixture.h"
#include "models/host/host_poll.h"
#include "sim/core/le.h"

static struct rpmsg_tty_file *tty_open_ok(const char *path)
{
	struct rpmsg_tty_file *f = NULL;
	ck_assert_int_eq(rpmsg_tty_open(h->ttys, path, &f, h_now(h)), 0);
	return f;
}

/* The messages the remote received since the last call, concatenated. */
static const char *remote_got(unsigned *nmsgs)
{
	static char out[16384];
	size_t n = 0;
	h_pump(h);
	for (unsigned i = 0; i < h->nheld; i++) {
		ck_assert_uint_lt(n + h->held[i].len, sizeof(out));
		memcpy(out + n, h->held[i].data, h->held[i].len);
		n += h->held[i].len;
	}
	out[n] = '\0';
	if (nmsgs)
		*nmsgs = h->nheld;
	h->nheld = 0;
	return out;
}

/* --- rpmsg_tty ---------------------------------------------------------------- */

START_TEST(tty_channel_gives_a_tty)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	ck_assert(rpmsg_tty_exists(h->ttys, "/dev/ttyRPMSG0"));
	ck_assert_str_eq(h->last_dev, "/dev/ttyRPMSG0");
	struct rpmsg_channel *ch = rpmsg_vdev_find_channel(h->vdev, "rpmsg-tty");
	ck_assert_ptr_nonnull(ch);
	ck_assert_str_eq(rpmsg_channel_driver(ch)->name, "rpmsg_tty");
	ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg0")); /* not a char device */
	ck_assert_uint_eq(h_count_log(h, SIM_LOG_INFO, "New channel: 0x400 -> 0x400: ttyRPMSG0"), 1);
	fr_announce(h, "rpmsg-tty", 0x401, RPMSG_NS_CREATE);
	ck_assert(rpmsg_tty_exists(h->ttys, "/dev/ttyRPMSG1"));
	ck_assert_int_eq(rpmsg_tty_open(h->ttys, "/dev/ttyRPMSG2", &(struct rpmsg_tty_file *){ NULL },
					h_now(h)),
			 -ENOENT);
}
END_TEST

/* tty_std_termios: ICRNL on input, ECHO with ECHOCTL, ICANON lines,
 * OPOST|ONLCR on output */
START_TEST(tty_cooked_by_default)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_tty_file *f = tty_open_ok("/dev/ttyRPMSG0");
	char b[64];
	ck_assert_uint_eq(rpmsg_tty_poll(f), HOST_POLLOUT | HOST_POLLWRNORM);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "ab\x01", 3), 0);
	ck_assert_str_eq(remote_got(NULL), "ab^A"); /* echoed */
	/* no line yet */
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), true), -EAGAIN);
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), false), RPMSG_WOULD_BLOCK);
	ck_assert_uint_eq(rpmsg_tty_poll(f) & HOST_POLLIN, 0);
	unsigned readable = h->readable;
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "c\rd", 3), 0);
	ck_assert_str_eq(remote_got(NULL), "c\r\nd");
	ck_assert_uint_eq(h->readable, readable + 1);
	ck_assert_uint_eq(rpmsg_tty_poll(f), HOST_POLLIN | HOST_POLLRDNORM | HOST_POLLOUT | HOST_POLLWRNORM);
	/* one line per read */
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), true), 5);
	ck_assert_mem_eq(b, "ab\x01" "c\n", 5);
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), true), -EAGAIN);
	/* ONLCR */
	ck_assert_int_eq(rpmsg_tty_write(f, "x\ny", 3, h_now(h)), 3);
	ck_assert_str_eq(remote_got(NULL), "x\r\ny");
	rpmsg_tty_close(f, h_now(h));
}
END_TEST

/* cfmakeraw: bytes as they come, no echo, no output processing; a write
 * goes out in MTU-sized messages */
START_TEST(tty_raw_and_mtu)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_tty_file *f = tty_open_ok("/dev/ttyRPMSG0");
	ck_assert_int_eq(rpmsg_tty_set_raw(f, true), 0);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "a\rb", 3), 0);
	unsigned n;
	ck_assert_str_eq(remote_got(&n), "");
	char b[2048];
	ck_assert_int_eq(rpmsg_tty_read(f, b, 2, true), 2);
	ck_assert_mem_eq(b, "a\r", 2);
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), true), 1);
	memset(b, 'q', 1000);
	b[10] = '\n';
	ck_assert_int_eq(rpmsg_tty_write(f, b, 1000, h_now(h)), 1000);
	const char *got = remote_got(&n);
	ck_assert_uint_eq(n, 3); /* 496 + 496 + 8 */
	ck_assert_uint_eq(strlen(got), 1000);
	ck_assert_int_eq(got[10], '\n');
	/* the termios stays with the tty: a second opener sees it raw */
	struct rpmsg_tty_file *g = tty_open_ok("/dev/ttyRPMSG0");
	ck_assert_int_eq(rpmsg_tty_write(g, "\n", 1, h_now(h)), 1);
	ck_assert_str_eq(remote_got(NULL), "\n");
	rpmsg_tty_close(g, h_now(h));
	rpmsg_tty_close(f, h_now(h));
}
END_TEST

/* rpmsg_tty_write uses rpmsg_trysend: no TX buffer, no sleep */
START_TEST(tty_write_without_buffer)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_tty_file *f = tty_open_ok("/dev/ttyRPMSG0");
	ck_assert_int_eq(rpmsg_tty_set_raw(f, true), 0);
	h->no_tx_return = true;
	static char big[RPMSG_MAX_PAYLOAD * (NUM + 2)];
	memset(big, 'z', sizeof(big));
	/* NUM messages fit, the write stops there */
	ck_assert_int_eq(rpmsg_tty_write(f, big, sizeof(big), h_now(h)), RPMSG_MAX_PAYLOAD * NUM);
	remote_got(NULL);
	ck_assert_int_eq(rpmsg_tty_write(f, "z", 1, h_now(h)), -ENOMEM);
	rpmsg_tty_close(f, h_now(h));
}
END_TEST

/* Bytes that come while nobody has the tty open wait in its buffers and
 * go through the line discipline at open. */
START_TEST(tty_bytes_before_open)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "early\r", 6), 0);
	ck_assert_str_eq(remote_got(NULL), "");
	struct rpmsg_tty_file *f = tty_open_ok("/dev/ttyRPMSG0");
	char b[16];
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), true), 6);
	ck_assert_mem_eq(b, "early\n", 6);
	rpmsg_tty_close(f, h_now(h));
}
END_TEST

/* tty_port_tty_vhangup when the channel goes: end of file, EIO, the
 * hung-up poll mask; the number is free only after the last close */
START_TEST(tty_hangup_and_numbering)
{
	start();
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_tty_file *f = tty_open_ok("/dev/ttyRPMSG0");
	fr_announce(h, "rpmsg-tty", 0x400, RPMSG_NS_DESTROY);
	ck_assert(!rpmsg_tty_exists(h->ttys, "/dev/ttyRPMSG0"));
	char b[8];
	ck_assert_int_eq(rpmsg_tty_read(f, b, sizeof(b), false), 0);
	ck_assert_int_eq(rpmsg_tty_write(f, "x", 1, h_now(h)), -EIO);
	ck_assert_int_eq(rpmsg_tty_set_raw(f, true), -EIO);
	ck_assert_uint_eq(rpmsg_tty_poll(f), HOST_POLLIN | HOST_POLLOUT | HOST_POLLERR | HOST_POLLHUP |
					     HOST_POLLRDNORM | HOST_POLLWRNORM);
	fr_announce(h, "rpmsg-tty", 0x402, RPMSG_NS_CREATE);
	ck_assert(rpmsg_tty_exists(h->ttys, "/dev/ttyRPMSG1"));
	rpmsg_tty_close(f, h_now(h));
	fr_announce(h, "rpmsg-tty", 0x403, RPMSG_NS_CREATE);
	ck_assert(rpmsg_tty_exists(h->ttys, "/dev/ttyRPMSG0"));
}
END_TEST

/* --- the ctrl device's channel ioctls ----------------------------------------- */

/* One name-service message the remote got: its fields. */
static void remote_ns(const char *name, uint32_t src, uint32_t addr, uint32_t flags)
{
	h_pump(h);
	ck_assert_uint_eq(h->nheld, 1);
	const struct h_msg *m = &h->held[0];
	ck_assert_uint_eq(m->dst, RPMSG_NS_ADDR);
	ck_assert_uint_eq(m->src, src);
	ck_assert_uint_eq(m->len, RPMSG_NS_MSG_SIZE);
	ck_assert_str_eq((const char *)m->data, name);
	ck_assert_uint_eq(le32_load(m->data + 32), addr);
	ck_assert_uint_eq(le32_load(m->data + 36), flags);
	h->nheld = 0;
}

static struct rpmsg_endpoint_info chinfo(const char *name, uint32_t src, uint32_t dst)
{
	struct rpmsg_endpoint_info i = { .src = src, .dst = dst };
	snprintf(i.name, sizeof(i.name), "%s", name);
	return i;
}

/* rpmsg_ctrldev_ioctl RPMSG_CREATE_DEV_IOCTL -> rpmsg_create_channel ->
 * virtio_rpmsg_create_channel (announce = src != ANY); the channel's
 * probe sends RPMSG_NS_CREATE from its address, its removal
 * RPMSG_NS_DESTROY */
START_TEST(create_dev_announces_to_the_remote)
{
	start();
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_endpoint_info i = chinfo("rpmsg-raw", 1030, 0x400);
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, true, &i, h_now(h)), 0);
	remote_ns("rpmsg-raw", 1030, 1030, RPMSG_NS_CREATE);
	struct rpmsg_channel *ch = rpmsg_vdev_find_channel(h->vdev, "virtio0.rpmsg-raw.1030.1024");
	ck_assert_ptr_nonnull(ch);
	ck_assert(rpmsg_channel_announce(ch));
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	/* the same channel again: the device exists, -ENXIO */
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, true, &i, h_now(h)), -ENXIO);
	h->nheld = 0;
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, false, &i, h_now(h)), 0);
	remote_ns("rpmsg-raw", 1030, 1030, RPMSG_NS_DESTROY);
	ck_assert(!rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, false, &i, h_now(h)), -EINVAL);
	/* no src: nothing to announce */
	i = chinfo("rpmsg-raw", RPMSG_ADDR_ANY, 0x400);
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, true, &i, h_now(h)), 0);
	h_pump(h);
	ck_assert_uint_eq(h->nheld, 0);
	ck_assert(!rpmsg_channel_announce(rpmsg_vdev_find_channel(h->vdev, "rpmsg-raw")));
	/* not on an endpoint file */
	struct rpmsg_file *e = open_ok("/dev/rpmsg0");
	ck_assert_int_eq(rpmsg_char_ioctl_dev(e, true, &i, h_now(h)), -EINVAL);
	rpmsg_char_close(e, h_now(h));
	rpmsg_char_close(c, h_now(h));
}
END_TEST

/* Without VIRTIO_RPMSG_F_NS nobody listens: no announcement is sent */
START_TEST(create_dev_without_ns_feature)
{
	h_teardown(h);
	h_setup(h, NUM, 0);
	start();
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_endpoint_info i = chinfo("rpmsg-raw", 1030, 0x400);
	ck_assert_int_eq(rpmsg_char_ioctl_dev(c, true, &i, h_now(h)), 0);
	h_pump(h);
	ck_assert_uint_eq(h->nheld, 0);
	ck_assert(rpmsg_char_exists(h->cd, "/dev/rpmsg0"));
	rpmsg_char_close(c, h_now(h));
}
END_TEST

/* --- poll, RPMSG_DESTROY_EPT_IOCTL, class attributes ---------------------------- */

START_TEST(poll_masks)
{
	start();
	fr_announce(h, "rpmsg-raw", 0x400, RPMSG_NS_CREATE);
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_file *f = open_ok("/dev/rpmsg0");
	ck_assert_uint_eq(rpmsg_char_poll(c), HOST_POLL_DEFAULT);
	ck_assert_uint_eq(rpmsg_char_poll(f), HOST_POLLOUT);
	ck_assert_int_eq(fr_send(h, 0x400, 1024, "m", 1), 0);
	ck_assert_uint_eq(rpmsg_char_poll(f), HOST_POLLIN | HOST_POLLRDNORM | HOST_POLLOUT);
	char b[8];
	ck_assert_int_eq(rpmsg_char_read(f, b, sizeof(b), true), 1);
	/* every TX buffer out: no POLLOUT */
	h->no_tx_return = true;
	while (rpmsg_char_write(f, "m", 1, true, h_now(h)) == 1)
		h_pump(h);
	ck_assert_uint_eq(rpmsg_char_poll(f), 0);
	fr_return_tx(h);
	ck_assert_uint_eq(rpmsg_char_poll(f), HOST_POLLOUT);
	/* a channel's own endpoint is not destroyed (default_ept) */
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(f, h_now(h)), -EINVAL);
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(c, h_now(h)), -EINVAL);
	rpmsg_char_close(f, h_now(h));
	/* RPMSG_DESTROY_EPT_IOCTL on one the ctrl made: the endpoint goes,
	 * the file stays and reports POLLERR */
	struct rpmsg_endpoint_info i = chinfo("e", 2000, 0x400);
	int minor = -1;
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &i, &minor, h_now(h)), 0);
	char path[32];
	snprintf(path, sizeof(path), "/dev/rpmsg%d", minor);
	f = open_ok(path);
	ck_assert_int_eq(rpmsg_char_ioctl_destroy_ept(f, h_now(h)), 0);
	ck_assert_uint_eq(rpmsg_char_poll(f), HOST_POLLERR);
	ck_assert_int_eq(rpmsg_char_write(f, "m", 1, true, h_now(h)), -EPIPE);
	rpmsg_char_close(f, h_now(h));
	rpmsg_char_close(c, h_now(h));
}
END_TEST

START_TEST(class_attributes)
{
	start();
	struct rpmsg_file *c = open_ok("/dev/rpmsg_ctrl0");
	struct rpmsg_endpoint_info i = chinfo("my-ept", 2000, RPMSG_ADDR_ANY);
	ck_assert_int_eq(rpmsg_char_ioctl_create_ept(c, &i, NULL, h_now(h)), 0);
	char out[32];
	ck_assert_int_eq(rpmsg_char_class_attr(h->cd, "rpmsg0", "name", out, sizeof(out)), 7);
	ck_assert_str_eq(out, "my-ept\n");
	rpmsg_char_class_attr(h->cd, "rpmsg0", "src", out, sizeof(out));
	ck_assert_str_eq(out, "2000\n");
	rpmsg_char_class_attr(h->cd, "rpmsg0", "dst", out, sizeof(out));
	ck_assert_str_eq(out, "-1\n");
	ck_assert_int_eq(rpmsg_char_class_attr(h->cd, "rpmsg0", "driver", out, sizeof(out)), -ENOENT);
	ck_assert_int_eq(rpmsg_char_class_attr(h->cd, "rpmsg_ctrl0", "name", out, sizeof(out)), -ENOENT);
	ck_assert_int_eq(rpmsg_char_class_attr(h->cd, "rpmsg9", "name", out, sizeof(out)), -ENOENT);
	rpmsg_char_close(c, h_now(h));
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rpmsg_uapi");
	TCase *tc = tcase_create("tty");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tty_channel_gives_a_tty);
	tcase_add_test(tc, tty_cooked_by_default);
	tcase_add_test(tc, tty_raw_and_mtu);
	tcase_add_test(tc, tty_write_without_buffer);
	tcase_add_test(tc, tty_bytes_before_open);
	tcase_add_test(tc, tty_hangup_and_numbering);
	suite_add_tcase(s, tc);
	tc = tcase_create("ctrl");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_dev_announces_to_the_remote);
	tcase_add_test(tc, create_dev_without_ns_feature);
	tcase_add_test(tc, poll_masks);
	tcase_add_test(tc, class_attributes);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
