/* Where the host model followed Linux less than it does now (issue 16),
 * end to end through the host object in the world of host_world.h: the
 * virtio probe as a step of its own, the status after teardown, virtio ids
 * nothing drives, debugfs text, trace buffers, debugfs crash's number
 * parsing and the client sample's module parameter. */
#include "tests/unit/host_world.h"

#define DEBUGFS "/sys/kernel/debug/remoteproc/remoteproc0/"
#define STATUS_PA (TABLE_PA + FX_VD + RSC_VDEV_STATUS)
#define VRING0_DA_PA (TABLE_PA + FX_VR0 + RSC_VRING_DA)

static uint8_t status_byte(struct world *w)
{
	uint8_t b;
	ck_assert_int_eq(bus_read_block(&w->pa, STATUS_PA, &b, 1), BUS_OK);
	return b;
}

/* The virtio devices are registered and probed vdev_start after the core
 * is released: a firmware reading its table before DRIVER_OK sees no vring
 * addresses (item 12).  `echo start` returns then. */
START_TEST(vdev_start_is_a_step_of_its_own)
{
	struct world *w = world_new_opts(&(struct world_opts){ .vdev_start = 50 * SIM_US, .crash_chan = -1 });
	sim_time_t t0 = w->sim.now;
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	ck_assert(w->running); /* the core runs */
	ck_assert_uint_eq(host_busy_until(w->host), t0 + 50 * SIM_US);
	run(w, 49 * SIM_US);
	ck_assert_uint_eq(status_byte(w), 0);
	ck_assert_uint_eq(rd32(w, VRING0_DA_PA), FW_RSC_ADDR_ANY);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	ck_assert(!host_dev_exists(w->host, "/dev/rpmsg_ctrl0"));
	run(w, 2 * SIM_US);
	ck_assert_uint_eq(status_byte(w), 7);
	ck_assert_uint_ne(rd32(w, VRING0_DA_PA), FW_RSC_ADDR_ANY);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	ck_assert_uint_eq(host_busy_until(w->host), 0);
	run(w, SIM_MS);
	ck_assert(w->linked);
	ck_assert(host_dev_exists(w->host, "/dev/rpmsg0"));
	/* a crash reported while a start waits is handled once it is done */
	ck_assert_int_eq(wfile(w, STATE, "stop"), 0);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	ck_assert_int_eq(host_report_crash(w->host, 0, RPROC_WATCHDOG, w->sim.now), 0);
	run(w, 10 * SIM_US);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	unsigned from = w->nev;
	run(w, SIM_MS);
	ck_assert_ptr_nonnull(strstr(events(w, from), "remoteproc0 offline->running | remoteproc0 running->crashed"));
	world_free(w);
}
END_TEST

/* virtio_dev_remove acknowledges the device again after the driver reset
 * it: the status byte reads 1 after a stop (item 9) */
START_TEST(status_after_teardown_is_acknowledge)
{
	struct world *w = world_new(false);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert_uint_eq(status_byte(w), 7);
	ck_assert_int_eq(wfile(w, STATE, "stop"), 0);
	ck_assert_uint_eq(status_byte(w), VIRTIO_CONFIG_S_ACKNOWLEDGE);
	world_free(w);
}
END_TEST

static void console_vdev(uint8_t *tb)
{
	le32_store(tb + FX_VD + RSC_VDEV_ID, VIRTIO_ID_CONSOLE);
}

/* Only id 7 gets virtio_rpmsg; another id is registered (status
 * ACKNOWLEDGE), logged and left unbound: no vring address, no kick, no
 * /dev/rpmsg_ctrl (item 8) */
START_TEST(other_virtio_ids_left_unbound)
{
	struct world *w = world_new_opts(&(struct world_opts){ .edit_table = console_vdev, .crash_chan = -1 });
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	ck_assert_uint_eq(status_byte(w), VIRTIO_CONFIG_S_ACKNOWLEDGE);
	ck_assert_uint_eq(rd32(w, VRING0_DA_PA), FW_RSC_ADDR_ANY);
	ck_assert_uint_eq(rd32(w, TABLE_PA + FX_VR1 + RSC_VRING_NOTIFYID), 1);
	ck_assert(!w->linked); /* never kicked */
	ck_assert(!host_dev_exists(w->host, "/dev/rpmsg_ctrl0"));
	ck_assert_uint_eq(count_log(w, "virtio0: virtio device id 3 (console) of vdev 0 registered; no driver for it, left unbound"), 1);
	/* the remote kicking its vrings is ignored */
	mbox_send(w->mbox, MBOX_SIDE_REMOTE, 0, 0, w->sim.now);
	run(w, SIM_MS);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	ck_assert_int_eq(wfile(w, STATE, "stop"), 0);
	ck_assert_uint_eq(status_byte(w), VIRTIO_CONFIG_S_ACKNOWLEDGE);
	/* and the number is given back */
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	ck_assert_uint_eq(count_log(w, "virtio0: virtio device id 3"), 2);
	world_free(w);
}
END_TEST

/* rproc_rsc_table_show and rproc_carveouts_show, byte for byte (item 6) */
START_TEST(debugfs_text_is_linux_text)
{
	struct world *w = world_new(false);
	ck_assert_str_eq(rfile(w, DEBUGFS "resource_table"), "No resource table found\n");
	ck_assert_str_eq(rfile(w, DEBUGFS "carveout_memories"), "");
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert_str_eq(rfile(w, DEBUGFS "resource_table"),
		"Entry 0 is of type carveout\n"
		"  Device Address 0x88000000\n  Physical Address 0x88000000\n"
		"  Length 0x8000 Bytes\n  Flags 0x0\n  Reserved (should be zero) [0]\n"
		"  Name fw-data\n\n"
		"Entry 1 is of type trace\n"
		"  Device Address 0x1400\n  Length 0x400 Bytes\n  Reserved (should be zero) [0]\n"
		"  Name trace0\n\n"
		"Entry 2 is of type vdev\n"
		"  ID 7\n  Notify ID 4\n  Device features 0x1\n  Guest features 0x1\n"
		"  Config length 0x0\n  Status 0x7\n  Number of vrings 2\n"
		"  Reserved (should be zero) [0][0]\n\n"
		"  Vring 0\n    Device Address 0x88008000\n    Alignment 4096\n"
		"    Number of buffers 256\n    Notify ID 0\n    Physical Address 0x0\n\n"
		"  Vring 1\n    Device Address 0x8800b000\n    Alignment 4096\n"
		"    Number of buffers 256\n    Notify ID 1\n    Physical Address 0x0\n\n");
	ck_assert_str_eq(rfile(w, DEBUGFS "carveout_memories"),
		"Carveout memory entry:\n\tName: fw-data\n\tVirtual address: 0000000000000000\n"
		"\tDMA address: 0x0000000088000000\n\tDevice address: 0x88000000\n"
		"\tLength: 0x8000 Bytes\n\n"
		"Carveout memory entry:\n\tName: vdev0vring0\n\tVirtual address: 0000000000000000\n"
		"\tDMA address: 0x0000000088008000\n\tDevice address: 0x88008000\n"
		"\tLength: 0x3000 Bytes\n\n"
		"Carveout memory entry:\n\tName: vdev0vring1\n\tVirtual address: 0000000000000000\n"
		"\tDMA address: 0x000000008800b000\n\tDevice address: 0x8800b000\n"
		"\tLength: 0x3000 Bytes\n\n");
	ck_assert_int_eq(wfile(w, STATE, "stop"), 0);
	ck_assert_str_eq(rfile(w, DEBUGFS "carveout_memories"), "");
	world_free(w);
}
END_TEST

static void trace_nowhere(uint8_t *tb)
{
	le32_store(tb + FX_TR + RSC_TRACE_DA, 0x60000000);
}

/* rproc_handle_trace translates nothing: a trace buffer in no memory
 * boots and reads "Trace  not available"; an empty one reads 0 bytes
 * (item 7) */
START_TEST(trace_read_as_linux_reads_it)
{
	struct world *w = world_new(false);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	char buf[64];
	ck_assert_int_eq(host_read_file(w->host, TRACE0, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	world_free(w);

	w = world_new_opts(&(struct world_opts){ .edit_table = trace_nowhere, .crash_chan = -1 });
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	ck_assert_str_eq(rfile(w, TRACE0), "Trace  not available\n");
	ck_assert_int_eq(host_read_file(w->host, DEBUGFS "trace1", buf, sizeof(buf)), -ENOENT);
	world_free(w);
}
END_TEST

/* debugfs crash: kstrtouint_from_user, then the type whatever it is
 * (item 10) */
START_TEST(crash_parses_as_kstrtouint)
{
	struct world *w = world_new(true);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	static const struct { const char *in; int ret; } cases[] = {
		{ "-1", -EINVAL }, { "", -EINVAL }, { "2 ", -EINVAL }, { " 2", -EINVAL },
		{ "0x", -EINVAL }, { "08", -EINVAL }, { "++1", -EINVAL }, { "1\n\n", -EINVAL },
		{ "4294967296", -ERANGE }, { "99999999999999999999", -ERANGE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(wfile(w, DEBUGFS "crash", cases[i].in) == cases[i].ret, "\"%s\"", cases[i].in);
	ck_assert_uint_eq(count_log(w, "crash detected"), 0);
	ck_assert_int_eq(wfile(w, DEBUGFS "crash", "+0x2\n"), 0);
	ck_assert_uint_eq(count_log(w, "crash detected in rproc0: type fatal error"), 1);
	ck_assert_int_eq(wfile(w, DEBUGFS "crash", "7"), 0);
	ck_assert_uint_eq(count_log(w, "crash detected in rproc0: type unknown"), 1);
	ck_assert_int_eq(wfile(w, DEBUGFS "crash", "4294967295"), 0);
	/* only the first 34 bytes are read: 36 zeros and a 1 is 0, octal */
	ck_assert_int_eq(wfile(w, DEBUGFS "crash", "0000000000000000000000000000000000001"), 0);
	ck_assert_uint_eq(count_log(w, "crash detected in rproc0: type mmufault"), 1);
	run(w, SIM_MS);
	ck_assert_str_eq(rfile(w, STATE), "crashed\n");
	world_free(w);
}
END_TEST

/* module_param(count, int, 0644) of rpmsg_client_sample (item 10) */
START_TEST(client_sample_count_file)
{
	struct world *w = world_new(false);
	const char *p = "/sys/module/rpmsg_client_sample/parameters/count";
	ck_assert_str_eq(rfile(w, p), "100\n");
	ck_assert_int_eq(wfile(w, p, "3\n"), 0);
	ck_assert_str_eq(rfile(w, p), "3\n");
	ck_assert_int_eq(wfile(w, p, "three"), -EINVAL);
	ck_assert_str_eq(rfile(w, p), "3\n");
	world_free(w);
}
END_TEST

/* rpmsg_send sleeps at most 15 s for a TX buffer, then user space sees
 * -ERESTARTSYS ("timeout waiting for a tx buffer"); poll drops POLLOUT
 * while none is free (item 10) */
START_TEST(blocking_write_gives_up_after_15s)
{
	struct world *w = world_new(false);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert(w->linked);
	struct host_file *f;
	ck_assert_int_eq(host_open(w->host, "/dev/rpmsg0", &f, w->sim.now), 0);
	w->deaf = true;
	unsigned sent = 0;
	long rc;
	while ((rc = host_write(f, "x", 1, true, w->sim.now)) == 1)
		ck_assert_uint_lt(++sent, 1024);
	ck_assert_int_eq(rc, -EAGAIN);
	ck_assert_uint_gt(sent, 0);
	ck_assert_uint_eq(host_poll(f) & HOST_POLLOUT, 0);
	ck_assert_uint_eq(host_write_deadline(f), 0);
	sim_time_t t0 = w->sim.now;
	ck_assert_int_eq(host_write(f, "x", 1, false, t0), RPMSG_WOULD_BLOCK);
	ck_assert_uint_eq(host_write_deadline(f), t0 + HOST_SEND_TIMEOUT);
	/* still sleeping one picosecond before; the same call again does not
	 * restart the 15 s */
	ck_assert_int_eq(host_write(f, "x", 1, false, t0 + HOST_SEND_TIMEOUT - 1), RPMSG_WOULD_BLOCK);
	ck_assert_uint_eq(host_write_deadline(f), t0 + HOST_SEND_TIMEOUT);
	/* the sleeper asked for TX-complete interrupts (rpmsg_upref_sleepers) */
	ck_assert_uint_eq(rd16(w, w->lay[1].avail + VRING_AVAIL_FLAGS), 0);
	ck_assert_int_eq(host_write(f, "x", 1, false, t0 + HOST_SEND_TIMEOUT), -HOST_ERESTARTSYS);
	ck_assert_uint_eq(host_write_deadline(f), 0);
	/* and rpmsg_downref_sleepers turned them off again */
	ck_assert_uint_eq(rd16(w, w->lay[1].avail + VRING_AVAIL_FLAGS), VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert_uint_eq(count_log(w, "timeout waiting for a tx buffer"), 1);
	/* a buffer that comes back in time ends the sleep: the write goes */
	ck_assert_int_eq(host_write(f, "x", 1, false, w->sim.now), RPMSG_WOULD_BLOCK);
	run(w, SIM_MS); /* the remote drains its mailbox, deaf */
	w->deaf = false;
	unsigned ready = w->tx_ready;
	ck_assert_int_eq(mbox_send(w->mbox, MBOX_SIDE_HOST, 0, w->notify[1], w->sim.now), 0);
	run(w, SIM_MS);
	ck_assert_uint_eq(w->tx_ready, ready); /* taken, but the host was told nothing */
	/* rpmsg_xmit_done runs on the TX vring's notifyid only */
	ck_assert_int_eq(mbox_send(w->mbox, MBOX_SIDE_REMOTE, 0, w->notify[1], w->sim.now), 0);
	run(w, SIM_MS);
	ck_assert_uint_gt(w->tx_ready, ready);
	ck_assert_uint_ne(host_poll(f) & HOST_POLLOUT, 0);
	ck_assert_int_eq(host_write(f, "x", 1, false, w->sim.now), 1);
	ck_assert_uint_eq(host_write_deadline(f), 0);
	host_close(f, w->sim.now);
	world_free(w);
}
END_TEST

/* remoteproc_cdev.c: rproc_cdev_write compares with strncmp over the
 * length written (prefixes count, "start\n" does not, 10 bytes at most);
 * the shutdown-on-release flag (!!param) shuts the remote down at
 * rproc_cdev_release (item 11) */
START_TEST(remoteproc_cdev)
{
	struct world *w = world_new(false);
	struct host_file *f;
	ck_assert_int_eq(host_open(w->host, "/dev/remoteproc0", &f, w->sim.now), 0);
	ck_assert_int_eq(host_open(w->host, "/dev/remoteproc1", &(struct host_file *){ NULL }, w->sim.now),
			 -ENOENT);
	ck_assert_int_eq(host_write(f, "start\n", 6, false, w->sim.now), -EINVAL);
	ck_assert_int_eq(host_write(f, "startstart!", 11, false, w->sim.now), -EINVAL);
	ck_assert_int_eq(host_write(f, "", 0, false, w->sim.now), -EINVAL);
	ck_assert_uint_eq(count_log(w, "Unrecognized option"), 1);
	ck_assert_int_eq(host_write(f, "sta", 3, false, w->sim.now), 3);
	run(w, SIM_MS);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	/* rproc_detach: only an attached remote */
	ck_assert_int_eq(host_write(f, "detach", 6, false, w->sim.now), -EINVAL);
	ck_assert_int_eq(host_write(f, "stop", 4, false, w->sim.now), 4);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	ck_assert_int_eq(host_write(f, "stop", 4, false, w->sim.now), -EINVAL);
	char b[4];
	ck_assert_int_eq(host_read(f, b, sizeof(b), true), -EINVAL);
	ck_assert_uint_eq(host_poll(f), HOST_POLL_DEFAULT);
	int32_t v = -1;
	ck_assert_int_eq(host_ioctl_shutdown_on_release(f, false, &v), 0);
	ck_assert_int_eq(v, 0);
	v = -5;
	ck_assert_int_eq(host_ioctl_shutdown_on_release(f, true, &v), 0);
	ck_assert_int_eq(host_ioctl_shutdown_on_release(f, false, &v), 0);
	ck_assert_int_eq(v, 1);
	/* closing a file whose remote is offline does nothing */
	host_close(f, w->sim.now);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert_int_eq(host_open(w->host, "/dev/remoteproc0", &f, w->sim.now), 0);
	host_close(f, w->sim.now);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	/* the rpmsg ioctls are not the cdev's */
	ck_assert_int_eq(host_open(w->host, "/dev/remoteproc0", &f, w->sim.now), 0);
	ck_assert_int_eq(host_ioctl_destroy_ept(f, w->sim.now), -EINVAL);
	v = 0;
	ck_assert_int_eq(host_ioctl_shutdown_on_release(f, true, &v), 0);
	host_close(f, w->sim.now);
	world_free(w);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("host_linux");
	TCase *tc = tcase_create("remoteproc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, vdev_start_is_a_step_of_its_own);
	tcase_add_test(tc, status_after_teardown_is_acknowledge);
	tcase_add_test(tc, other_virtio_ids_left_unbound);
	tcase_add_test(tc, debugfs_text_is_linux_text);
	tcase_add_test(tc, trace_read_as_linux_reads_it);
	tcase_add_test(tc, crash_parses_as_kstrtouint);
	tcase_add_test(tc, client_sample_count_file);
	tcase_add_test(tc, blocking_write_gives_up_after_15s);
	tcase_add_test(tc, remoteproc_cdev);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
