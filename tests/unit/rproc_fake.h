/* The fake platform driver and vdev ops check_rproc.c runs the remoteproc
 * core against: it counts what the core asks of it, can fail each step on
 * demand, and records the states.  Firmware: the corpus' good image
 * (tests/corpus/fw_good.c), in a sandbox of the default platform.
 *
 * Static functions: each test program includes it once. */
#ifndef RPSIM_RPROC_FAKE_H
#define RPSIM_RPROC_FAKE_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/host/rproc.h"
#include "models/host/rproc_load.h"
#include "sim/core/le.h"
#include "sim/platform/platform_desc.h"

struct fake {
	struct sim sim;
	struct rproc_platform plat;
	struct rproc_sandbox sb;
	struct rproc *rproc;
	char fwdir[512];
	char dumpdir[512];
	int starts, stops, kicks, prepares, unprepares, attaches, detaches;
	uint32_t boot_addr;
	int fail_start, fail_prepare, fail_vdev_create, fail_vdev_start;
	int vcreate, vstart, vstop, vdestroy, vnotify, vlive;
	uint32_t last_notify;
	enum rproc_state states[64];
	int nstates;
	uint64_t rsc_da; /* a preloaded firmware's table */
	size_t rsc_size;
};

static int f_prepare(struct rproc *r, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	f->prepares++;
	return f->fail_prepare ? -EIO : 0;
}

static int f_unprepare(struct rproc *r, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	f->unprepares++;
	return 0;
}

static int f_start(struct rproc *r, uint32_t boot, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	if (f->fail_start)
		return -ETIMEDOUT;
	f->starts++;
	f->boot_addr = boot;
	return 0;
}

static int f_stop(struct rproc *r, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	f->stops++;
	return 0;
}

static void f_kick(struct rproc *r, uint32_t id, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)id;
	(void)t;
	f->kicks++;
}

static int f_attach(struct rproc *r, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	f->attaches++;
	return 0;
}

static int f_detach(struct rproc *r, sim_time_t t)
{
	struct fake *f = r->cfg.priv;
	(void)t;
	f->detaches++;
	return 0;
}

/* The table of a firmware preloaded by fake_preload, where it lies. */
static int f_get_table(struct rproc *r, uint64_t *pa, size_t *size)
{
	struct fake *f = r->cfg.priv;
	if (!f->rsc_size)
		return -ENOENT;
	ck_assert_int_eq(rproc_da_to_pa(r, f->rsc_da, f->rsc_size, pa), 0);
	*size = f->rsc_size;
	return 0;
}

static const struct rproc_ops fake_ops = {
	.prepare = f_prepare, .unprepare = f_unprepare, .start = f_start, .stop = f_stop,
	.kick = f_kick, .attach = f_attach, .detach = f_detach, .get_loaded_rsc_table = f_get_table,
};

struct fvdev {
	struct fake *f;
	int started;
};

static void *v_create(void *ctx, struct rproc *r, unsigned idx, const struct rproc_vdev_info *vi, sim_time_t t)
{
	struct fake *f = ctx;
	(void)r;
	(void)idx;
	(void)t;
	ck_assert_uint_eq(vi->nvrings, 2);
	if (f->fail_vdev_create)
		return NULL;
	struct fvdev *v = calloc(1, sizeof(*v));
	v->f = f;
	f->vcreate++;
	f->vlive++;
	return v;
}

static int v_start(void *vd, sim_time_t t)
{
	struct fvdev *v = vd;
	(void)t;
	if (v->f->fail_vdev_start)
		return -EIO;
	v->started = 1;
	v->f->vstart++;
	return 0;
}

static void v_stop(void *vd, bool crashed, sim_time_t t)
{
	struct fvdev *v = vd;
	(void)crashed;
	(void)t;
	v->started = 0;
	v->f->vstop++;
}

static void v_destroy(void *vd)
{
	struct fvdev *v = vd;
	v->f->vdestroy++;
	v->f->vlive--;
	free(v);
}

static void v_notify(void *vd, uint32_t id, sim_time_t t)
{
	struct fvdev *v = vd;
	(void)t;
	v->f->vnotify++;
	v->f->last_notify = id;
}

static const struct rproc_vdev_ops fake_vdev_ops = {
	.create = v_create, .start = v_start, .stop = v_stop, .destroy = v_destroy, .notify = v_notify,
};

static void on_state(void *ctx, struct rproc *r, enum rproc_state old, enum rproc_state now, sim_time_t t)
{
	struct fake *f = ctx;
	(void)r;
	(void)old;
	(void)t;
	if (f->nstates < 64)
		f->states[f->nstates++] = now;
}

static const char *builddir(void)
{
	const char *b = getenv("top_builddir");
	return b ? b : ".";
}

static struct fake *fake_new(const char *firmware, bool preloaded)
{
	struct fake *f = calloc(1, sizeof(*f));
	char err[256];
	sim_init(&f->sim);
	f->sim.log_level = SIM_LOG_UNIMP; /* keep the test output short */
	rproc_platform_default(&f->plat);
	ck_assert_int_eq(rproc_sandbox_init(&f->sb, &f->plat, err, sizeof(err)), 0);
	snprintf(f->fwdir, sizeof(f->fwdir), "%s/tests/corpus", builddir());
	snprintf(f->dumpdir, sizeof(f->dumpdir), "%s/tests/unit/rproc-dumps", builddir());
	mkdir(f->dumpdir, 0755);
	const char *search[] = { "/nonexistent-dir", f->fwdir, NULL };
	struct rproc_config cfg = {
		.index = 0, .name = "rproc0", .ops = &fake_ops, .priv = f, .plat = &f->plat,
		.pool = &f->sb.pool, .host_bus = &f->sb.bus, .firmware = firmware, .search = search,
		.coredump = RPROC_COREDUMP_DISABLED, .coredump_dir = f->dumpdir, .preloaded = preloaded,
		.crash_latency = 10 * SIM_US, .vdev_ops = &fake_vdev_ops, .vdev_ctx = f,
		.on_state = on_state, .state_ctx = f,
	};
	struct diag d;
	diag_init(&d, NULL);
	f->rproc = rproc_create(&f->sim, &cfg, &d);
	ck_assert_msg(f->rproc != NULL, "rproc_create failed");
	diag_free(&d);
	return f;
}

/* What a boot loader did before Linux: the firmware's segments in the
 * sandbox's memories, the table's place noted for the platform driver. */
static void fake_preload(struct fake *f, const char *firmware)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", f->fwdir, firmware);
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	static uint8_t data[1 << 16];
	size_t n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	struct diag d;
	diag_init(&d, NULL);
	struct rproc_elf *elf = rproc_elf_open(data, n, RPROC_EM_RISCV, &d);
	ck_assert_ptr_nonnull(elf);
	for (unsigned i = 0; i < elf->nsegs; i++) {
		const struct rproc_elf_seg *sg = &elf->segs[i];
		uint64_t pa;
		ck_assert_int_eq(rproc_memmap_da_to_pa(&f->sb.map, sg->da, sg->memsz, &pa), 0);
		ck_assert_int_eq(bus_write_block(&f->sb.bus, pa, rproc_elf_seg_data(elf, sg), sg->filesz), BUS_OK);
	}
	f->rsc_da = elf->rsc_da;
	f->rsc_size = elf->rsc_size;
	rproc_elf_free(elf);
	diag_free(&d);
}

static void fake_free(struct fake *f)
{
	sim_destroy(&f->sim); /* destroys the rproc */
	rproc_sandbox_destroy(&f->sb);
	free(f);
}

static int w(struct fake *f, const char *attr, const char *val)
{
	return rproc_sysfs_write(f->rproc, attr, val, strlen(val), f->sim.now);
}

static const char *r(struct fake *f, const char *attr)
{
	static char buf[4096];
	int n = rproc_sysfs_read(f->rproc, attr, buf, sizeof(buf));
	ck_assert_int_ge(n, 0);
	return buf;
}

#endif
