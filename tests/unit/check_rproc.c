/* The remoteproc core against a fake platform driver: every sysfs write in
 * every state with Linux's errno, boot in order with unwinding after a
 * failure at each step, crash/recovery/coredump cycles, attach/detach,
 * debugfs. Firmware: the corpus' good image (tests/corpus/fw_good.c). */
#include "tests/unit/rproc_fake.h"
#include "tests/unit/check_main.h"


START_TEST(state_names)
{
	ck_assert_str_eq(rproc_state_name(RPROC_OFFLINE), "offline");
	ck_assert_str_eq(rproc_state_name(RPROC_SUSPENDED), "suspended");
	ck_assert_str_eq(rproc_state_name(RPROC_RUNNING), "running");
	ck_assert_str_eq(rproc_state_name(RPROC_CRASHED), "crashed");
	ck_assert_str_eq(rproc_state_name(RPROC_DELETED), "deleted");
	ck_assert_str_eq(rproc_state_name(RPROC_ATTACHED), "attached");
	ck_assert_str_eq(rproc_state_name(RPROC_DETACHED), "detached");
	ck_assert_str_eq(rproc_state_name(RPROC_LAST), "invalid");
	ck_assert_str_eq(rproc_state_name((enum rproc_state)99), "invalid");
	ck_assert_str_eq(rproc_crash_name(RPROC_FATAL_ERROR), "fatal error");
	ck_assert_str_eq(rproc_crash_name((enum rproc_crash_type)9), "unknown");
}
END_TEST

START_TEST(offline_writes)
{
	struct fake *f = fake_new(NULL, false);
	ck_assert_str_eq(r(f, "state"), "offline\n");
	ck_assert_str_eq(r(f, "firmware"), "rproc-rproc0-fw\n"); /* Linux's default name */
	ck_assert_str_eq(r(f, "name"), "rproc0\n");
	ck_assert_str_eq(r(f, "recovery"), "enabled\n");
	ck_assert_str_eq(r(f, "coredump"), "disabled\n");
	ck_assert_int_eq(w(f, "state", "stop"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "detach"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "begin"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "start\n\n"), -EINVAL);
	ck_assert_int_eq(w(f, "state", ""), -EINVAL);
	/* the default firmware does not exist: ENOENT, still offline */
	ck_assert_int_eq(w(f, "state", "start"), -ENOENT);
	ck_assert_str_eq(r(f, "state"), "offline\n");
	ck_assert_uint_eq(f->rproc->power, 0);
	ck_assert_ptr_nonnull(diag_find(&f->rproc->last_error, DIAG_ERROR, "request_firmware failed"));
	/* firmware attribute: cut at the newline, empty refused */
	ck_assert_int_eq(w(f, "firmware", "fw-good.elf\nrest"), 0);
	ck_assert_str_eq(r(f, "firmware"), "fw-good.elf\n");
	ck_assert_int_eq(w(f, "firmware", "\n"), -EINVAL);
	ck_assert_int_eq(w(f, "firmware", ""), -EINVAL);
	char longname[400];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_int_eq(w(f, "firmware", longname), -ENAMETOOLONG);
	ck_assert_str_eq(r(f, "firmware"), "fw-good.elf\n");
	/* recovery and coredump */
	ck_assert_int_eq(w(f, "recovery", "disabled\n"), 0);
	ck_assert_str_eq(r(f, "recovery"), "disabled\n");
	ck_assert_int_eq(w(f, "recovery", "maybe"), -EINVAL);
	ck_assert_int_eq(w(f, "recovery", "recover"), 0); /* not crashed: nothing */
	ck_assert_int_eq(w(f, "coredump", "inline"), 0);
	ck_assert_str_eq(r(f, "coredump"), "inline\n");
	ck_assert_int_eq(w(f, "coredump", "enabled"), 0);
	ck_assert_int_eq(w(f, "coredump", "on"), -EINVAL);
	ck_assert_int_eq(w(f, "name", "x"), -EACCES);
	ck_assert_int_eq(w(f, "nosuch", "x"), -ENOENT);
	char buf[8];
	ck_assert_int_eq(rproc_sysfs_read(f->rproc, "nosuch", buf, sizeof(buf)), -ENOENT);
	ck_assert_int_eq(f->starts, 0);
	fake_free(f);
}
END_TEST

START_TEST(boot_running_and_refcount)
{
	struct fake *f = fake_new("fw-good.elf", false);
	ck_assert_int_eq(w(f, "state", "start\n"), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_int_eq(f->prepares, 1);
	ck_assert_int_eq(f->starts, 1);
	ck_assert_uint_eq(f->boot_addr, f->rproc->img.elf->entry);
	ck_assert_int_eq(f->vcreate, 1);
	ck_assert_int_eq(f->vstart, 1);
	/* Linux's order: the vdev starts after the core */
	ck_assert_int_eq(f->nstates, 1);
	ck_assert_int_eq(f->states[0], RPROC_RUNNING);
	/* vring notifyids were rewritten 0 and 1; a kick with one reaches the vdev */
	ck_assert_uint_eq(f->rproc->img.vdevs[0].vring[0].notifyid, 0);
	ck_assert_uint_eq(f->rproc->img.vdevs[0].vring[1].notifyid, 1);
	rproc_vq_interrupt(f->rproc, 1, f->sim.now);
	ck_assert_int_eq(f->vnotify, 1);
	ck_assert_uint_eq(f->last_notify, 1);
	rproc_vq_interrupt(f->rproc, 7, f->sim.now); /* no such vring: ignored */
	ck_assert_int_eq(f->vnotify, 1);
	ck_assert_uint_gt(rproc_pool_used(&f->sb.pool), 0);
	/* firmware cannot change while running */
	ck_assert_int_eq(w(f, "firmware", "other.elf"), -EBUSY);
	ck_assert_int_eq(w(f, "coredump", "enabled"), 0);
	/* a second start only takes a reference; the first stop drops it */
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_uint_eq(f->rproc->power, 2);
	ck_assert_int_eq(f->starts, 1);
	ck_assert_int_eq(w(f, "state", "stop"), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_int_eq(w(f, "state", "detach"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "stop"), 0);
	ck_assert_str_eq(r(f, "state"), "offline\n");
	ck_assert_int_eq(f->stops, 1);
	ck_assert_int_eq(f->vstop, 1);
	ck_assert_int_eq(f->vlive, 0);
	ck_assert_int_eq(f->unprepares, 1);
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
	ck_assert_int_eq(w(f, "state", "stop"), -EINVAL);
	rproc_vq_interrupt(f->rproc, 0, f->sim.now); /* late kick after stop */
	ck_assert_int_eq(f->vnotify, 1);
	fake_free(f);
}
END_TEST

/* A failure at each boot step leaves the rproc offline with nothing held. */
START_TEST(boot_unwinds_every_step)
{
	for (int step = 0; step < 5; step++) {
		struct fake *f = fake_new(step == 0 ? "fw-missing.elf" : step == 1 ? "out/bad-magic.elf" : "fw-good.elf",
					  false);
		f->fail_vdev_create = step == 2;
		f->fail_start = step == 3;
		f->fail_vdev_start = step == 4;
		int ret = w(f, "state", "start");
		ck_assert_msg(ret < 0, "step %d: boot succeeded", step);
		ck_assert_str_eq(r(f, "state"), "offline\n");
		ck_assert_uint_eq(f->rproc->power, 0);
		ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
		ck_assert_int_eq(f->vlive, 0);
		ck_assert(!f->rproc->img_valid);
		ck_assert_int_eq(f->prepares, f->unprepares);
		ck_assert_msg(f->rproc->last_error.n > 0, "step %d: no reason recorded", step);
		/* the same rproc boots once the cause is gone */
		f->fail_vdev_create = f->fail_start = f->fail_vdev_start = 0;
		ck_assert_int_eq(w(f, "firmware", "fw-good.elf"), 0);
		ck_assert_int_eq(w(f, "state", "start"), 0);
		ck_assert_str_eq(r(f, "state"), "running\n");
		fake_free(f);
	}
	/* prepare failing */
	struct fake *f = fake_new("fw-good.elf", false);
	f->fail_prepare = 1;
	ck_assert_int_eq(w(f, "state", "start"), -EIO);
	ck_assert_int_eq(f->unprepares, 0);
	ck_assert_uint_eq(f->rproc->power, 0);
	fake_free(f);
}
END_TEST

static void crash_and_settle(struct fake *f, const char *type)
{
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", type, strlen(type), f->sim.now), 0);
	sim_run(&f->sim, f->sim.now + SIM_MS);
}

START_TEST(crash_with_recovery)
{
	struct fake *f = fake_new("fw-good.elf", false);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	uint64_t used = rproc_pool_used(&f->sb.pool);
	uint32_t vring0 = f->rproc->img.vdevs[0].vring[0].da;
	f->nstates = 0;
	crash_and_settle(f, "2\n");
	/* crashed -> offline (stop) -> running (start), resources kept */
	ck_assert_int_eq(f->nstates, 3);
	ck_assert_int_eq(f->states[0], RPROC_CRASHED);
	ck_assert_int_eq(f->states[1], RPROC_OFFLINE);
	ck_assert_int_eq(f->states[2], RPROC_RUNNING);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_uint_eq(f->rproc->crash_count, 1);
	ck_assert_uint_eq(f->rproc->recoveries, 1);
	ck_assert_int_eq(f->starts, 2);
	ck_assert_int_eq(f->vstop, 1);
	ck_assert_int_eq(f->vstart, 2);          /* channels come back */
	ck_assert_int_eq(f->vcreate, 1);         /* resources not parsed again */
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), used);
	ck_assert_uint_eq(f->rproc->img.vdevs[0].vring[0].da, vring0);
	/* the reported crash types; several reports before the handler: one crash */
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", "0x1", 3, f->sim.now), 0);
	rproc_report_crash(f->rproc, RPROC_MMUFAULT, f->sim.now);
	sim_run(&f->sim, f->sim.now + SIM_MS);
	ck_assert_uint_eq(f->rproc->crash_count, 2);
	ck_assert_int_eq(f->rproc->crash_type, RPROC_WATCHDOG);
	/* bad crash writes */
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", "fatal", 5, f->sim.now), -EINVAL);
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", "-1", 2, f->sim.now), -EINVAL);
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", "", 0, f->sim.now), -EINVAL);
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "crash", "99999999999", 11, f->sim.now), -ERANGE);
	ck_assert_int_eq(rproc_debugfs_write(f->rproc, "trace0", "x", 1, f->sim.now), -EACCES);
	fake_free(f);
}
END_TEST

START_TEST(crash_without_recovery)
{
	struct fake *f = fake_new("fw-good.elf", false);
	ck_assert_int_eq(w(f, "recovery", "disabled"), 0);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	crash_and_settle(f, "1");
	ck_assert_str_eq(r(f, "state"), "crashed\n");
	/* in the crashed state: start is a no-op, stop and detach EINVAL,
	 * coredump cannot change, firmware cannot change */
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_str_eq(r(f, "state"), "crashed\n");
	ck_assert_int_eq(w(f, "state", "stop"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "detach"), -EINVAL);
	ck_assert_int_eq(w(f, "coredump", "enabled"), -EBUSY);
	ck_assert_int_eq(w(f, "firmware", "x"), -EBUSY);
	/* a second crash report is ignored (first report wins) */
	crash_and_settle(f, "0");
	ck_assert_uint_eq(f->rproc->crash_count, 1);
	/* "recover" runs the recovery without changing the flag */
	ck_assert_int_eq(w(f, "recovery", "recover"), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_str_eq(r(f, "recovery"), "disabled\n");
	/* enabling recovery while crashed recovers at once */
	crash_and_settle(f, "2");
	ck_assert_str_eq(r(f, "state"), "crashed\n");
	ck_assert_int_eq(w(f, "recovery", "enabled"), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	fake_free(f);
}
END_TEST

START_TEST(coredump_file)
{
	struct fake *f = fake_new("fw-good.elf", false);
	ck_assert_int_eq(w(f, "coredump", "enabled"), 0);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	/* mark the TCM so the dump can be checked */
	ck_assert_int_eq(bus_write(&f->sb.bus, f->plat.mems[0].pa + 0x100, 4, 0xC0DEDBAD, 0), BUS_OK);
	crash_and_settle(f, "2");
	ck_assert_uint_eq(f->rproc->coredumps, 1);
	FILE *fp = fopen(f->rproc->last_coredump, "rb");
	ck_assert_ptr_nonnull(fp);
	static uint8_t buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	ck_assert_uint_ge(n, 52);
	ck_assert_int_eq(memcmp(buf, "\x7f" "ELF\x01\x01\x01", 7), 0);
	ck_assert_uint_eq(le16_load(buf + 16), 4);   /* ET_CORE */
	ck_assert_uint_eq(le16_load(buf + 18), 243); /* EM_RISCV */
	ck_assert_uint_eq(le32_load(buf + 24), f->rproc->boot_addr);
	unsigned phnum = le16_load(buf + 44);
	ck_assert_uint_eq(phnum, f->rproc->map.n);   /* TCM + carveouts */
	ck_assert_uint_ge(phnum, 3);
	uint64_t expect = 52 + 32 * (uint64_t)phnum;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = buf + 52 + 32 * i;
		ck_assert_uint_eq(le32_load(ph), 1); /* PT_LOAD */
		ck_assert_uint_eq(le32_load(ph + 4), expect);
		ck_assert_uint_eq(le32_load(ph + 8), le32_load(ph + 12));
		ck_assert_uint_eq(le32_load(ph + 16), le32_load(ph + 20));
		ck_assert_uint_eq(le32_load(ph + 24), 7);
		if (le32_load(ph + 8) == f->plat.mems[0].da)
			ck_assert_uint_eq(le32_load(buf + le32_load(ph + 4) + 0x100), 0xC0DEDBAD);
		expect += le32_load(ph + 16);
	}
	ck_assert_uint_eq(n, expect);
	unlink(f->rproc->last_coredump);
	fake_free(f);
}
END_TEST

/* coredump inline: recovery waits for the dump to be released, or for
 * devcoredump's 5 minutes */
START_TEST(coredump_inline_waits)
{
	struct fake *f = fake_new("fw-good.elf", false);
	ck_assert_int_eq(w(f, "coredump", "inline"), 0);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	crash_and_settle(f, "2");
	ck_assert_str_eq(r(f, "state"), "offline\n");
	ck_assert(f->rproc->dump_wait);
	unsigned n = f->rproc->devcd;
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(rproc_devcd_read(f->rproc, n), 0);
	ck_assert_int_eq(rproc_devcd_release(f->rproc, n + 1, f->sim.now), -ENOENT);
	ck_assert_int_eq(rproc_devcd_release(f->rproc, n, f->sim.now), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_int_eq(rproc_devcd_read(f->rproc, n), -ENOENT);
	unlink(f->rproc->last_coredump);
	/* nobody releases the next one: recovery goes on after 5 minutes */
	crash_and_settle(f, "2");
	ck_assert_uint_eq(f->rproc->devcd, 2);
	sim_time_t crashed_at = f->sim.now;
	sim_run(&f->sim, crashed_at + 299 * SIM_S);
	ck_assert_str_eq(r(f, "state"), "offline\n");
	sim_run(&f->sim, crashed_at + 301 * SIM_S);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_uint_eq(f->rproc->recoveries, 2);
	unlink(f->rproc->last_coredump);
	fake_free(f);
}
END_TEST

/* 100 stop/start and 100 crash/recover cycles: nothing accumulates (the
 * ASan build checks for leaks). */
START_TEST(cycles)
{
	struct fake *f = fake_new("fw-good.elf", false);
	for (int i = 0; i < 100; i++) {
		ck_assert_int_eq(w(f, "state", "start"), 0);
		ck_assert_int_eq(w(f, "state", "stop"), 0);
	}
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
	ck_assert_int_eq(f->vlive, 0);
	ck_assert_int_eq(f->starts, 100);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	uint64_t used = rproc_pool_used(&f->sb.pool);
	for (int i = 0; i < 100; i++)
		crash_and_settle(f, "2");
	ck_assert_uint_eq(f->rproc->recoveries, 100);
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), used);
	ck_assert_int_eq(f->vlive, 1);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_int_eq(w(f, "state", "stop"), 0);
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
	fake_free(f);
}
END_TEST

START_TEST(attach_detach)
{
	struct fake *f = fake_new("fw-good.elf", true);
	fake_preload(f, "fw-good.elf");
	ck_assert_str_eq(r(f, "state"), "detached\n");
	ck_assert_int_eq(w(f, "state", "stop"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "detach"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_str_eq(r(f, "state"), "attached\n");
	ck_assert_int_eq(f->attaches, 1);
	ck_assert_int_eq(f->starts, 0); /* the core was not reset */
	ck_assert_int_eq(f->vstart, 1);
	ck_assert_str_eq(r(f, "firmware"), "unknown\n");
	ck_assert_int_eq(w(f, "state", "start"), 0); /* refcount */
	ck_assert_int_eq(w(f, "state", "detach"), 0);
	ck_assert_str_eq(r(f, "state"), "attached\n");
	ck_assert_int_eq(w(f, "state", "detach"), 0);
	ck_assert_str_eq(r(f, "state"), "detached\n");
	ck_assert_int_eq(f->detaches, 1);
	ck_assert_int_eq(f->vlive, 0);
	/* attach again, then stop: offline */
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_int_eq(w(f, "state", "stop"), 0);
	ck_assert_str_eq(r(f, "state"), "offline\n");
	ck_assert_int_eq(f->stops, 1);
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
	/* from offline, start boots from the firmware file */
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_str_eq(r(f, "state"), "running\n");
	ck_assert_int_eq(f->starts, 1);
	fake_free(f);
}
END_TEST

/* rproc_attach takes the table from device memory (get_loaded_rsc_table)
 * and requests no firmware; detach puts the table back as it was
 * (rproc_reset_rsc_table_on_detach).  Issue 16, item 5. */
START_TEST(attach_uses_the_table_in_memory)
{
	struct fake *f = fake_new("no-such-file.elf", true);
	fake_preload(f, "fw-good.elf");
	uint64_t pa;
	ck_assert_int_eq(rproc_da_to_pa(f->rproc, f->rsc_da, f->rsc_size, &pa), 0);
	uint8_t before[1024], now[1024];
	ck_assert_uint_le(f->rsc_size, sizeof(before));
	/* the firmware changed its table since it was linked: the host must
	 * handle what is in memory, not the file's */
	ck_assert_int_eq(bus_read_block(&f->sb.bus, pa, before, f->rsc_size), BUS_OK);
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_str_eq(r(f, "state"), "attached\n");
	ck_assert_int_eq(f->vstart, 1);
	/* the host's write-backs (carveout addresses, notifyids) are in memory */
	ck_assert_int_eq(bus_read_block(&f->sb.bus, pa, now, f->rsc_size), BUS_OK);
	ck_assert_int_ne(memcmp(before, now, f->rsc_size), 0);
	ck_assert_int_eq(memcmp(now, f->rproc->img.table, f->rsc_size), 0);
	static char buf[8192];
	ck_assert_int_gt(rproc_debugfs_read(f->rproc, "resource_table", buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "Entry 0 is of type carveout"));
	/* detach: the table is clean again for the next attach */
	ck_assert_int_eq(w(f, "state", "detach"), 0);
	ck_assert_int_eq(bus_read_block(&f->sb.bus, pa, now, f->rsc_size), BUS_OK);
	ck_assert_int_eq(memcmp(before, now, f->rsc_size), 0);
	ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "resource_table", buf, sizeof(buf)), 24);
	ck_assert_str_eq(buf, "No resource table found\n");
	/* and again, same result */
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_int_eq(f->vstart, 2);
	ck_assert_int_eq(w(f, "state", "detach"), 0);
	/* a remote without a table attaches too */
	f->rsc_size = 0;
	ck_assert_int_eq(w(f, "state", "start"), 0);
	ck_assert_str_eq(r(f, "state"), "attached\n");
	ck_assert_int_eq(f->vstart, 2);
	ck_assert_int_eq(w(f, "state", "detach"), 0);
	/* a table the checks refuse: the attach fails, nothing is left */
	f->rsc_size = 12;
	ck_assert_int_eq(w(f, "state", "start"), -EINVAL);
	ck_assert_str_eq(r(f, "state"), "detached\n");
	ck_assert_int_eq(f->unprepares, f->prepares);
	fake_free(f);
}
END_TEST

START_TEST(deleted)
{
	struct fake *f = fake_new("fw-good.elf", false);
	f->rproc->state = RPROC_DELETED;
	ck_assert_int_eq(w(f, "state", "start"), -ENODEV);
	ck_assert_int_eq(w(f, "state", "stop"), -EINVAL);
	ck_assert_int_eq(w(f, "state", "detach"), -EINVAL);
	ck_assert_str_eq(r(f, "state"), "deleted\n");
	fake_free(f);
}
END_TEST

START_TEST(debugfs_files)
{
	struct fake *f = fake_new("fw-good.elf", false);
	static char buf[8192];
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "trace0", buf, sizeof(buf)), -ENOENT);
	ck_assert_int_gt(rproc_debugfs_read(f->rproc, "resource_table", buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "No resource table"));
	ck_assert_int_eq(w(f, "state", "start"), 0);
	/* trace0: an empty buffer reads 0 bytes (rproc_trace_read: strnlen),
	 * then the text the firmware wrote */
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "trace0", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	uint64_t pa = f->rproc->img.traces[0].pa;
	ck_assert_int_eq(bus_write_block(&f->sb.bus, pa, "booted\nready\n", 14), BUS_OK);
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "trace0", buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "booted\nready\n");
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "trace1", buf, sizeof(buf)), -ENOENT);
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "tracex", buf, sizeof(buf)), -ENOENT);
	/* resource_table decodes the copy in device memory, with the host's
	 * vring addresses and the status the driver wrote */
	ck_assert_int_gt(rproc_debugfs_read(f->rproc, "resource_table", buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "trace0"));
	ck_assert_int_gt(rproc_debugfs_read(f->rproc, "carveout_memories", buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "Carveout memory entry:"));
	ck_assert_ptr_nonnull(strstr(buf, "fw-data"));
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "crash", buf, sizeof(buf)), -EACCES);
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "nosuch", buf, sizeof(buf)), -ENOENT);
	/* a small buffer still gets a terminated string */
	char tiny[4];
	ck_assert_int_eq(rproc_debugfs_read(f->rproc, "trace0", tiny, sizeof(tiny)), 3);
	ck_assert_str_eq(tiny, "boo");
	fake_free(f);
}
END_TEST

/* The malformed-firmware corpus through a real boot: each file's verdict
 * and message are the ones `rpsim inspect` gives (tests/corpus/expect.txt). */
START_TEST(corpus_boots)
{
	const char *src = getenv("top_srcdir");
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/corpus/expect.txt", src ? src : "..");
	FILE *fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "cannot read %s", path);
	char line[1024];
	int cases = 0, boots = 0;
	while (fgets(line, sizeof(line), fp)) {
		char name[128];
		int status, off = 0;
		if (line[0] == '#' || sscanf(line, "%127s %d %n", name, &status, &off) < 2)
			continue;
		char *text = line + off;
		text[strcspn(text, "\n")] = '\0';
		char fw[160];
		snprintf(fw, sizeof(fw), "out/%s.elf", name);
		struct fake *f = fake_new(fw, false);
		f->plat.machine = RPROC_EM_RISCV;
		int ret = w(f, "state", "start");
		if (status == 0) {
			ck_assert_msg(ret == 0, "%s: boot failed: %s", name,
				      f->rproc->last_error.n ? f->rproc->last_error.msgs[0].text : "?");
			ck_assert_str_eq(r(f, "state"), "running\n");
			ck_assert_int_eq(w(f, "state", "stop"), 0);
			boots++;
		} else {
			ck_assert_msg(ret < 0, "%s: booted but must be refused", name);
			ck_assert_str_eq(r(f, "state"), "offline\n");
			ck_assert_uint_eq(rproc_pool_used(&f->sb.pool), 0);
			if (strstr(text, "verdict:") == NULL && strncmp(text, "usage", 5) != 0)
				ck_assert_msg(diag_find(&f->rproc->last_error, DIAG_NSEV, text) != NULL,
					      "%s: boot refused without \"%s\"", name, text);
		}
		ck_assert_int_eq(f->vlive, 0);
		fake_free(f);
		cases++;
	}
	fclose(fp);
	ck_assert_int_ge(cases, 50);
	ck_assert_int_ge(boots, 2);
}
END_TEST

/* What `rpsim inspect` assumes and what `rpsim run` builds must agree. */
START_TEST(default_platforms_agree)
{
	struct rproc_platform rp;
	struct platform_desc sp;
	rproc_platform_default(&rp);
	platform_desc_default(&sp);
	ck_assert_uint_eq(rp.nmems, sp.remotes[0].nmemories);
	for (unsigned i = 0; i < rp.nmems; i++) {
		ck_assert_str_eq(rp.mems[i].name, sp.remotes[0].memories[i].name);
		ck_assert_uint_eq(rp.mems[i].da, sp.remotes[0].memories[i].da);
		ck_assert_uint_eq(rp.mems[i].pa, sp.remotes[0].memories[i].pa);
		ck_assert_uint_eq(rp.mems[i].size, sp.remotes[0].memories[i].size);
	}
	ck_assert_uint_eq(rp.dram_base, sp.dram_base);
	ck_assert_uint_eq(rp.dram_size, sp.dram_size);
	/* the runner's pool is the upper half of DRAM */
	ck_assert_uint_eq(rp.pool_base, (uint64_t)sp.dram_base + sp.dram_size / 2);
	ck_assert_uint_eq(rp.pool_size, sp.dram_size / 2);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rproc");
	TCase *tc = tcase_create("lifecycle");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, state_names);
	tcase_add_test(tc, offline_writes);
	tcase_add_test(tc, boot_running_and_refcount);
	tcase_add_test(tc, boot_unwinds_every_step);
	tcase_add_test(tc, crash_with_recovery);
	tcase_add_test(tc, crash_without_recovery);
	tcase_add_test(tc, coredump_file);
	tcase_add_test(tc, coredump_inline_waits);
	tcase_add_test(tc, cycles);
	tcase_add_test(tc, attach_detach);
	tcase_add_test(tc, attach_uses_the_table_in_memory);
	tcase_add_test(tc, deleted);
	tcase_add_test(tc, debugfs_files);
	tcase_add_test(tc, corpus_boots);
	tcase_add_test(tc, default_platforms_agree);
	suite_add_tcase(s, tc);
	return s;
}
