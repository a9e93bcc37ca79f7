/* The host object (models/host/host.h) end to end, in the world of
 * tests/unit/host_world.h (a real mailbox and sysctl, a fake remote in C),
 * remoteproc_virtio's translation of a vdev resource, and what the
 * platform's named regions and mailbox channels change (a device tree's
 * memory-region and mboxes). */
#include "tests/unit/host_world.h"

/* --- tests ----------------------------------------------------------------------- */

START_TEST(boot_channel_echo_stop)
{
	struct world *w = world_new(false);
	ck_assert_uint_eq(host_nremotes(w->host), 1);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
	ck_assert_int_eq(wfile(w, STATE, "start\n"), 0);
	ck_assert(w->running);
	/* the vdev starts with the core: its ctrl device before "running" */
	ck_assert_str_eq(events(w, 0), "created /dev/rpmsg_ctrl0 | remoteproc0 offline->running");
	ck_assert_str_eq(rfile(w, STATE), "running\n");

	/* host -> remote kick, link up, announcement, remote -> host kick */
	run(w, SIM_MS);
	ck_assert(w->linked);
	ck_assert_str_eq(events(w, 2), "created /dev/rpmsg0 | "
				       "0 remoteproc0 channel rpmsg-raw virtio0.rpmsg-raw.-1.1024 created");
	ck_assert(host_dev_exists(w->host, "/dev/rpmsg0"));
	ck_assert_str_eq(rfile(w, TRACE0), "fake remote: link up\n");

	struct host_file *f, *f2;
	char buf[RPMSG_BUF_SIZE];
	ck_assert_int_eq(host_open(w->host, "/dev/rpmsg0", &f, w->sim.now), 0);
	ck_assert_int_eq(host_open(w->host, "/dev/rpmsg0", &f2, w->sim.now), -EBUSY);
	ck_assert_int_eq(host_read(f, buf, sizeof(buf), true), -EAGAIN);
	ck_assert_int_eq(host_read(f, buf, sizeof(buf), false), RPMSG_WOULD_BLOCK);
	ck_assert_uint_eq(host_poll(f), HOST_POLLOUT); /* rpmsg_poll: writable, nothing queued */
	ck_assert_int_eq(host_write(f, "hello", 5, false, w->sim.now), 5);
	run(w, SIM_MS);
	ck_assert_uint_eq(w->readable, 1);
	ck_assert_uint_eq(host_poll(f), HOST_POLLIN | HOST_POLLRDNORM | HOST_POLLOUT);
	ck_assert_int_eq(host_read(f, buf, sizeof(buf), false), 5);
	ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
	ck_assert_int_eq(host_write(f, buf, RPMSG_MAX_PAYLOAD + 1, false, w->sim.now), -EMSGSIZE);

	/* stop: channel, its device, the ctrl device, then the state */
	unsigned from = w->nev;
	ck_assert_int_eq(wfile(w, STATE, "stop\n"), 0);
	ck_assert(!w->running);
	ck_assert_str_eq(events(w, from),
			 "0 remoteproc0 channel rpmsg-raw virtio0.rpmsg-raw.-1.1024 removed | "
			 "removed /dev/rpmsg0 | removed /dev/rpmsg_ctrl0 | remoteproc0 running->offline");
	ck_assert_int_eq(host_read(f, buf, sizeof(buf), false), -EPIPE);
	host_close(f, w->sim.now);
	ck_assert(!host_dev_exists(w->host, "/dev/rpmsg0"));
	world_free(w);
}
END_TEST

START_TEST(crash_recovers_through_the_mailbox)
{
	struct world *w = world_new(false);
	ck_assert_int_eq(host_boot(w->host, 0, w->sim.now), 0);
	run(w, SIM_MS);
	ck_assert(host_dev_exists(w->host, "/dev/rpmsg0"));
	unsigned from = w->nev;
	ck_assert_int_eq(host_report_crash(w->host, 0, RPROC_WATCHDOG, w->sim.now), 0);
	run(w, SIM_MS);
	/* crashed, stopped and booted again: the remote links up anew */
	const char *e = events(w, from);
	ck_assert_ptr_nonnull(strstr(e, "remoteproc0 running->crashed"));
	ck_assert_ptr_nonnull(strstr(e, "crashed->offline | created /dev/rpmsg_ctrl0 | "
					"remoteproc0 offline->running"));
	ck_assert_ptr_nonnull(strstr(e, "created /dev/rpmsg0"));
	ck_assert(host_dev_exists(w->host, "/dev/rpmsg0"));
	enum rproc_state st;
	ck_assert_int_eq(host_state(w->host, 0, &st), 0);
	ck_assert_int_eq(st, RPROC_RUNNING);
	world_free(w);
}
END_TEST

START_TEST(core_fault_is_a_fatal_error)
{
	struct world *w = world_new(true);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	struct cpu_fault fault = { .cause = 7, .addr = 0x1234, .pc = 0x10 };
	host_core_fatal(w->host, 3, &fault, w->sim.now); /* no such remote: ignored */
	host_core_fatal(w->host, 0, &fault, w->sim.now);
	run(w, SIM_MS);
	ck_assert_uint_eq(count_log(w, "rproc0 faulted with no usable trap handler: mcause 7, "
				       "mtval 0x00001234, pc 0x00000010"), 1);
	ck_assert_uint_eq(count_log(w, "crash detected in rproc0: type fatal error"), 1);
	/* recovery disabled: it stays crashed */
	ck_assert_str_eq(rfile(w, STATE), "crashed\n");
	world_free(w);
}
END_TEST

START_TEST(paths_and_errnos)
{
	struct world *w = world_new(false);
	char buf[64];
	static const char *const missing[] = {
		"/sys/class/remoteproc/remoteproc1/state", "/sys/class/remoteproc/remoteproc00/state",
		"/sys/class/remoteproc/remoteproc/state", "/sys/class/remoteproc/remoteproc0",
		"/sys/class/remoteproc/remoteproc0/nope", "/sys/class/devcoredump/devcd1/data",
		"/sys/class/devcoredump/devcd1/other", "/proc/cpuinfo", "",
	};
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		ck_assert_msg(host_read_file(w->host, missing[i], buf, sizeof(buf)) == -ENOENT, "%s",
			      missing[i]);
		ck_assert_msg(host_write_file(w->host, missing[i], "1", 1, 0) == -ENOENT, "%s",
			      missing[i]);
	}
	ck_assert_int_eq(wfile(w, "/sys/class/remoteproc/remoteproc0/name", "x"), -EACCES);
	ck_assert_str_eq(rfile(w, "/sys/kernel/debug/remoteproc/remoteproc0/name"), "rproc0\n");
	ck_assert_int_eq(wfile(w, STATE, "begin"), -EINVAL);
	struct host_file *f;
	ck_assert_int_eq(host_open(w->host, "/dev/rpmsg0", &f, 0), -ENOENT);
	ck_assert_int_eq(host_boot(w->host, 1, 0), -ENOENT);
	ck_assert_int_eq(host_report_crash(w->host, 1, RPROC_WATCHDOG, 0), -ENOENT);
	enum rproc_state st;
	ck_assert_int_eq(host_state(w->host, 1, &st), -ENOENT);
	ck_assert_ptr_null(host_last_error(w->host, 1));
	/* a failed boot leaves its reason */
	ck_assert_ptr_null(host_last_error(w->host, 0));
	ck_assert_int_eq(wfile(w, "/sys/class/remoteproc/remoteproc0/firmware", "missing.elf"), 0);
	ck_assert_int_eq(wfile(w, STATE, "start"), -ENOENT);
	ck_assert_ptr_nonnull(strstr(host_last_error(w->host, 0), "request_firmware failed"));
	/* a remote the host cannot describe is refused, the others stay */
	struct host_remote_config rc = { .name = "rproc1" };
	rproc_platform_default(&rc.plat);
	rc.plat.mems[0].size = 0;
	struct diag d;
	diag_init(&d, NULL);
	ck_assert_int_eq(host_add_remote(w->host, &rc, &d), -1);
	ck_assert(diag_has_errors(&d));
	diag_free(&d);
	ck_assert_uint_eq(host_nremotes(w->host), 1);
	world_free(w);
}
END_TEST

/* The vrings and the rpmsg buffers in the regions of their names
 * (rproc_alloc_vring, rproc_add_virtio_dev), the pool kept out of them. */
START_TEST(regions_serve_the_vdev)
{
	struct world *w = world_new_opts(&(struct world_opts){
		.regions = { { "vdev0vring0", 0x8e000000u, 0x4000 }, { "vdev0vring1", 0x8e004000u, 0x4000 },
			     { "vdev0buffer", 0x8f000000u, 0x40000 }, { "kept", POOL_BASE, 0x100000 } },
		.nregions = 4, .crash_chan = -1 });
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert(w->linked);
	ck_assert_uint_eq(w->lay[0].desc, 0x8e000000u);
	ck_assert_uint_eq(w->lay[1].desc, 0x8e004000u);
	uint16_t id;
	uint64_t addr;
	uint32_t len;
	ck_assert_int_eq(take(w, 0, &id, &addr, &len), 1);
	ck_assert_uint_ge(addr, 0x8f000000u);
	ck_assert_uint_lt(addr, 0x8f040000u);
	/* the firmware's carveout came from the pool, above the reserved part */
	ck_assert_ptr_nonnull(strstr(rfile(w, "/sys/kernel/debug/remoteproc/remoteproc0/carveout_memories"),
				     "DMA address: 0x0000000088100000"));
	/* and the echo goes through */
	struct host_file *f;
	char buf[64];
	ck_assert_int_eq(host_open(w->host, "/dev/rpmsg0", &f, w->sim.now), 0);
	ck_assert_int_eq(host_write(f, "region", 6, false, w->sim.now), 6);
	run(w, SIM_MS);
	ck_assert_int_eq(host_read(f, buf, sizeof(buf), false), 6);
	host_close(f, w->sim.now);
	/* stop and start again: the regions are the remote's every time */
	ck_assert_int_eq(wfile(w, STATE, "stop"), 0);
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert(w->linked);
	ck_assert_uint_eq(w->lay[0].desc, 0x8e000000u);
	world_free(w);
}
END_TEST

/* virtio_rpmsg's dma_alloc_coherent fails in the region: rpmsg_probe
 * fails, virtio_dev_probe marks the device FAILED and leaves it unbound;
 * register_virtio_device succeeded, so the remote runs (issue 16, item 8) */
START_TEST(buffer_region_too_small)
{
	struct world *w = world_new_opts(&(struct world_opts){
		.regions = { { "vdev0buffer", 0x8f000000u, 0x1000 } }, .nregions = 1, .crash_chan = -1 });
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert_uint_eq(count_log(w, "region vdev0buffer has 0x1000 bytes, the rpmsg buffers need "
				       "0x40000: make it larger"), 1);
	ck_assert_str_eq(rfile(w, STATE), "running\n");
	uint8_t status;
	ck_assert_int_eq(bus_read_block(&w->pa, TABLE_PA + FX_VD + RSC_VDEV_STATUS, &status, 1), BUS_OK);
	ck_assert_uint_eq(status, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
				  VIRTIO_CONFIG_S_FAILED);
	ck_assert(!host_dev_exists(w->host, "/dev/rpmsg_ctrl0"));
	ck_assert(!w->linked);
	world_free(w);
}
END_TEST

/* mboxes with mbox-names "tx", "rx", "crash" on three channels. */
START_TEST(split_and_crash_channels)
{
	struct world *w = world_new_opts(&(struct world_opts){ .rx_chan = 1, .crash_chan = 2 });
	ck_assert_int_eq(wfile(w, STATE, "start"), 0);
	run(w, SIM_MS);
	ck_assert(w->linked); /* the remote kicked on channel 1 */
	ck_assert(host_dev_exists(w->host, "/dev/rpmsg0"));
	/* a kick on the old channel 0 is not the host's any more */
	mbox_send(w->mbox, MBOX_SIDE_REMOTE, 0, 0, w->sim.now);
	run(w, SIM_MS);
	ck_assert_uint_eq(mbox_rx_count(w->mbox, MBOX_SIDE_HOST, 0), 1);
	/* anything on the crash channel is a crash */
	mbox_send(w->mbox, MBOX_SIDE_REMOTE, 2, 0xdead, w->sim.now);
	run(w, SIM_MS);
	ck_assert_uint_eq(count_log(w, "crash report 0x0000dead on mailbox channel 2 from rproc0"), 1);
	ck_assert_uint_eq(count_log(w, "crash detected in rproc0: type fatal error"), 1);
	world_free(w);
}
END_TEST

START_TEST(config_from_rsc)
{
	struct rproc_vdev_info vi;
	memset(&vi, 0, sizeof(vi));
	vi.rsc_offset = 0x40;
	vi.dfeatures = 1;
	vi.nvrings = 2;
	vi.vring[0].pa = 0x88000000u;
	vi.vring[0].da = 0x88000000u;
	vi.vring[0].num = 256;
	vi.vring[0].align = 4096;
	vi.vring[0].notifyid = 2;
	vi.vring[1].pa = 0x88004000u;
	vi.vring[1].num = 256;
	vi.vring[1].align = 4096;
	vi.vring[1].notifyid = 3;
	struct rpmsg_vdev_config c;
	memset(&c, 0, sizeof(c));
	rproc_virtio_config_from_rsc(&c, 0x10000000u, &vi);
	ck_assert_uint_eq(c.vring_pa[0], 0x88000000u);
	ck_assert_uint_eq(c.vring_pa[1], 0x88004000u);
	ck_assert_uint_eq(c.notifyid[0], 2);
	ck_assert_uint_eq(c.notifyid[1], 3);
	ck_assert_uint_eq(c.num, 256);
	ck_assert_uint_eq(c.align, 4096);
	ck_assert_uint_eq(c.status_pa, 0x10000000u + 0x40 + RSC_VDEV_STATUS);
	ck_assert_uint_eq(c.gfeatures_pa, 0x10000000u + 0x40 + RSC_VDEV_GFEATURES);
	ck_assert_uint_eq(c.dfeatures, 1);
	ck_assert_uint_eq(c.vring_da[0], 0x88000000u);
	ck_assert_uint_eq(c.vring_rsc_pa[0], 0x10000000u + 0x40 + RSC_VDEV_VRINGS);
	ck_assert_uint_eq(c.vring_rsc_pa[1], 0x10000000u + 0x40 + RSC_VDEV_VRINGS + RSC_VRING_SIZE);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("host");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, boot_channel_echo_stop);
	tcase_add_test(tc, crash_recovers_through_the_mailbox);
	tcase_add_test(tc, core_fault_is_a_fatal_error);
	tcase_add_test(tc, paths_and_errnos);
	tcase_add_test(tc, regions_serve_the_vdev);
	tcase_add_test(tc, buffer_region_too_small);
	tcase_add_test(tc, split_and_crash_channels);
	suite_add_tcase(s, tc);
	tc = tcase_create("remoteproc_virtio");
	tcase_add_test(tc, config_from_rsc);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
