/* The world of the host tests (check_host.c, check_host_linux.c): the host
 * object (models/host/host.h) as a user sees it, with a real mailbox and
 * sysctl on the host's bus, the firmware image of tests/unit/
 * rproc_fixture.h in a file, and a fake remote written in C behind the
 * mailbox's remote side.  When its reset is released and the host kicks,
 * the fake remote reads its vrings from the resource table, writes "link
 * up" in its trace buffer, announces "rpmsg-raw" and from then on echoes
 * whatever the host sends.  Kicks go both ways through the mailbox only:
 * nothing here calls the host's rpmsg or vdev code.
 *
 * Static functions: each test program includes it once. */
#ifndef RPSIM_HOST_WORLD_H
#define RPSIM_HOST_WORLD_H

#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/mailbox.h"
#include "devices/ram.h"
#include "devices/sysctl.h"
#include "models/host/host.h"
#include "models/host/remoteproc_virtio.h"
#include "models/host/rpmsg_ns.h"
#include "models/host/vring.h"
#include "sim/core/le.h"
#include "tests/unit/rproc_fixture.h"

#define TCM_PA 0x40000000u
#define TCM_SIZE 0x40000u
#define DRAM_BASE 0x80000000u
#define DRAM_SIZE 0x10000000u
#define POOL_BASE 0x88000000u
#define MBOX_HOST 0x30000000u
#define SYSCTL_PA 0x30010000u
#define MBOX_REMOTE 0x0u
#define TABLE_PA (TCM_PA + FX_DATA_DA)
#define REMOTE_ADDR 0x400u
#define STATE "/sys/class/remoteproc/remoteproc0/state"
#define TRACE0 "/sys/kernel/debug/remoteproc/remoteproc0/trace0"

struct world {
	struct sim sim;
	struct bus pa, da;
	struct ram *tcm, *dram;
	struct mbox *mbox;
	struct host *host;
	char dir[512], fw[600];

	/* the fake remote; deaf: it stops taking the host's messages */
	bool running, linked, deaf;
	unsigned kick_chan;         /* the host's RX channel */
	struct rproc_vring_layout lay[2];
	uint32_t num, notify[2];
	uint16_t last_avail[2], used_idx[2];

	/* what the host reported */
	char ev[128][112];
	unsigned nev, readable, tx_ready;
	char logs[256][200];
	unsigned nlogs;
};

static void record(struct world *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void record(struct world *w, const char *fmt, ...)
{
	ck_assert_uint_lt(w->nev, 128);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->ev[w->nev++], sizeof(w->ev[0]), fmt, ap);
	va_end(ap);
}

/* The events recorded since index from, joined with " | ". */
static const char *events(const struct world *w, unsigned from)
{
	static char out[4096];
	out[0] = '\0';
	for (unsigned i = from; i < w->nev; i++) {
		if (i > from)
			strcat(out, " | ");
		strcat(out, w->ev[i]);
	}
	return out;
}

static unsigned count_log(const struct world *w, const char *text)
{
	unsigned n = 0;
	for (unsigned i = 0; i < w->nlogs; i++)
		n += strstr(w->logs[i], text) != NULL;
	return n;
}

/* --- host hooks ------------------------------------------------------------- */

static void on_state(void *ctx, unsigned remote, const char *dev_name, enum rproc_state old,
		     enum rproc_state now, sim_time_t t)
{
	(void)remote, (void)t;
	record(ctx, "%s %s->%s", dev_name, rproc_state_name(old), rproc_state_name(now));
}

static void on_channel(void *ctx, unsigned remote, const char *dev_name, const char *name,
		       const char *devname, bool created, sim_time_t t)
{
	(void)t;
	record(ctx, "%u %s channel %s %s %s", remote, dev_name, name, devname,
	       created ? "created" : "removed");
}

static void on_created(void *ctx, const char *path, sim_time_t t)
{
	(void)t;
	record(ctx, "created %s", path);
}

static void on_removed(void *ctx, const char *path, sim_time_t t)
{
	(void)t;
	record(ctx, "removed %s", path);
}

static void on_readable(void *ctx, const char *path, sim_time_t t)
{
	(void)path, (void)t;
	((struct world *)ctx)->readable++;
}

static void on_tx_ready(void *ctx, sim_time_t t)
{
	(void)t;
	((struct world *)ctx)->tx_ready++;
}

static void on_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		   const char *msg)
{
	(void)t, (void)cat, (void)comp, (void)who;
	struct world *w = ctx;
	if (w->nlogs < 256)
		snprintf(w->logs[w->nlogs++], sizeof(w->logs[0]), "%s", msg);
}

/* --- the fake remote ---------------------------------------------------------- */

static uint32_t rd32(struct world *w, uint64_t pa)
{
	uint8_t b[4];
	ck_assert_int_eq(bus_read_block(&w->pa, pa, b, 4), BUS_OK);
	return le32_load(b);
}

static uint16_t rd16(struct world *w, uint64_t pa)
{
	uint8_t b[2];
	ck_assert_int_eq(bus_read_block(&w->pa, pa, b, 2), BUS_OK);
	return le16_load(b);
}

static void wr16(struct world *w, uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	ck_assert_int_eq(bus_write_block(&w->pa, pa, b, 2), BUS_OK);
}

/* The next buffer the host made available on vq: 1 with its address and
 * length, 0 if none. */
static int take(struct world *w, unsigned vq, uint16_t *id, uint64_t *addr, uint32_t *len)
{
	const struct rproc_vring_layout *l = &w->lay[vq];
	if (rd16(w, l->avail + VRING_AVAIL_IDX) == w->last_avail[vq])
		return 0;
	*id = rd16(w, l->avail + VRING_AVAIL_RING + 2ull * (w->last_avail[vq]++ & (w->num - 1)));
	uint8_t d[VRING_DESC_SIZE];
	ck_assert_int_eq(bus_read_block(&w->pa, l->desc + VRING_DESC_SIZE * (uint64_t)*id, d,
					sizeof(d)), BUS_OK);
	*addr = le64_load(d + VRING_DESC_ADDR);
	*len = le32_load(d + VRING_DESC_LEN);
	return 1;
}

static void give(struct world *w, unsigned vq, uint16_t id, uint32_t len)
{
	const struct rproc_vring_layout *l = &w->lay[vq];
	uint8_t e[VRING_USED_ELEM_SIZE];
	le32_store(e, id);
	le32_store(e + 4, len);
	uint64_t at = l->used + VRING_USED_RING + 8ull * (w->used_idx[vq] & (w->num - 1));
	ck_assert_int_eq(bus_write_block(&w->pa, at, e, sizeof(e)), BUS_OK);
	wr16(w, l->used + VRING_USED_IDX, ++w->used_idx[vq]);
}

/* One message to the host on vring 0 (no kick). */
static void put(struct world *w, uint32_t src, uint32_t dst, const void *data, uint16_t n)
{
	uint16_t id;
	uint64_t addr;
	uint32_t len;
	ck_assert_int_eq(take(w, 0, &id, &addr, &len), 1);
	uint8_t m[RPMSG_BUF_SIZE] = { 0 };
	le32_store(m + RPMSG_HDR_SRC, src);
	le32_store(m + RPMSG_HDR_DST, dst);
	le16_store(m + RPMSG_HDR_LEN, n);
	memcpy(m + RPMSG_HDR_SIZE, data, n);
	ck_assert_int_eq(bus_write_block(&w->pa, addr, m, RPMSG_HDR_SIZE + n), BUS_OK);
	give(w, 0, id, RPMSG_HDR_SIZE + n);
}

/* The host wrote the vrings' addresses and DRIVER_OK into the table. */
static bool link_up(struct world *w)
{
	uint8_t status;
	ck_assert_int_eq(bus_read_block(&w->pa, TABLE_PA + FX_VD + RSC_VDEV_STATUS, &status, 1), BUS_OK);
	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK))
		return false;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t v = TABLE_PA + (i ? FX_VR1 : FX_VR0);
		w->num = rd32(w, v + RSC_VRING_NUM);
		w->notify[i] = rd32(w, v + RSC_VRING_NOTIFYID);
		/* DRAM: da == pa */
		ck_assert_int_eq(rproc_vring_layout(rd32(w, v + RSC_VRING_DA), w->num,
						    rd32(w, v + RSC_VRING_ALIGN), &w->lay[i]), 0);
	}
	static const char line[] = "fake remote: link up\n";
	ck_assert_int_eq(bus_write_block(&w->pa, TCM_PA + FX_TRACE_DA, line, sizeof(line)), BUS_OK);
	uint8_t ns[RPMSG_NS_MSG_SIZE] = { 0 };
	memcpy(ns, "rpmsg-raw", 9);
	le32_store(ns + RPMSG_NAME_SIZE, REMOTE_ADDR);
	put(w, REMOTE_ADDR, RPMSG_NS_ADDR, ns, sizeof(ns));
	w->linked = true;
	return true;
}

/* Everything the host sent on vring 1 comes back on vring 0. */
static unsigned echo(struct world *w)
{
	unsigned n = 0;
	uint16_t id;
	uint64_t addr;
	uint32_t len;
	while (take(w, 1, &id, &addr, &len)) {
		uint8_t m[RPMSG_BUF_SIZE];
		ck_assert_uint_le(len, sizeof(m));
		ck_assert_int_eq(bus_read_block(&w->pa, addr, m, len), BUS_OK);
		give(w, 1, id, len);
		put(w, le32_load(m + RPMSG_HDR_DST), le32_load(m + RPMSG_HDR_SRC), m + RPMSG_HDR_SIZE,
		    le16_load(m + RPMSG_HDR_LEN));
		n++;
	}
	return n;
}

/* The remote side's mailbox interrupt. */
static void remote_irq(void *sink, unsigned num, bool level, sim_time_t t)
{
	struct world *w = sink;
	(void)num;
	if (!level)
		return;
	while (mbox_rx_count(w->mbox, MBOX_SIDE_REMOTE, 0)) {
		uint32_t msg;
		mbox_recv(w->mbox, MBOX_SIDE_REMOTE, 0, &msg, t);
		if (!w->running)
			continue;
		bool kick = false;
		if (!w->linked)
			kick = link_up(w);
		else if (msg == w->notify[1] && !w->deaf && echo(w))
			kick = true;
		if (kick)
			mbox_send(w->mbox, MBOX_SIDE_REMOTE, w->kick_chan, w->notify[0], t);
	}
}

static void remote_reset(void *ctx, bool asserted, uint32_t boot, sim_time_t t)
{
	struct world *w = ctx;
	(void)boot, (void)t;
	w->running = !asserted;
	if (!asserted) {
		w->linked = false;
		memset(w->last_avail, 0, sizeof(w->last_avail));
		memset(w->used_idx, 0, sizeof(w->used_idx));
	}
}

/* --- the world ----------------------------------------------------------------- */

static const char *builddir(void)
{
	const char *b = getenv("top_builddir");
	return b ? b : ".";
}

/* What a test may change in the host it builds: the platform's regions
 * (names, pa == da in DRAM), the pool's reserved parts, the mailbox
 * channels (crash_chan -1: crashes on the kick channel), the vdev start
 * latency, the firmware's table. */
struct world_opts {
	bool recovery_disabled;
	struct { const char *name; uint64_t pa, size; } regions[4];
	unsigned nregions;
	unsigned rx_chan;
	int crash_chan;
	sim_time_t vdev_start;
	void (*edit_table)(uint8_t *table); /* changes the fixture's table (FX_TSIZE bytes) */
};

static struct world *world_new_opts(const struct world_opts *o)
{
	struct world *w = calloc(1, sizeof(*w));
	ck_assert_ptr_nonnull(w);
	char err[256];
	sim_init(&w->sim);
	w->sim.log_fn = on_log;
	w->sim.log_ctx = w;
	w->sim.log_level = SIM_LOG_INFO;
	bus_init(&w->pa, "pa");
	bus_init(&w->da, "da");
	w->tcm = ram_create(TCM_SIZE);
	w->dram = ram_create(DRAM_SIZE);
	ck_assert_ptr_nonnull(w->tcm);
	ck_assert_ptr_nonnull(w->dram);
	ck_assert_int_eq(bus_map_ram(&w->pa, "tcm", TCM_PA, w->tcm, 0, TCM_SIZE, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&w->pa, "dram", DRAM_BASE, w->dram, 0, DRAM_SIZE, err, sizeof(err)), 0);
	w->mbox = mbox_create(&w->sim, "mbox", &(struct mbox_config){ .nchan = 4, .irq_latency = SIM_US });
	ck_assert_ptr_nonnull(w->mbox);
	ck_assert_int_eq(mbox_map(w->mbox, MBOX_SIDE_HOST, &w->pa, MBOX_HOST, err, sizeof(err)), 0);
	ck_assert_int_eq(mbox_map(w->mbox, MBOX_SIDE_REMOTE, &w->da, MBOX_REMOTE, err, sizeof(err)), 0);
	irq_connect(mbox_irq(w->mbox, MBOX_SIDE_REMOTE), remote_irq, w, 0);
	ck_assert_int_eq(bus_write(&w->da, MBOX_REMOTE + MBOX_IRQ_ENABLE, 4, MBOX_IRQ_RX(0), 0), BUS_OK);
	struct sysctl *sc = sysctl_create(&w->sim, "sysctl",
					  &(struct sysctl_config){ .set_reset = remote_reset, .ctx = w });
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sysctl_map(sc, &w->pa, SYSCTL_PA, err, sizeof(err)), 0);

	/* the firmware file */
	snprintf(w->dir, sizeof(w->dir), "%s/tests/unit/host-fw.XXXXXX", builddir());
	ck_assert_ptr_nonnull(mkdtemp(w->dir));
	snprintf(w->fw, sizeof(w->fw), "%s/fw.elf", w->dir);
	static uint8_t img[4096], tb[FX_TSIZE];
	size_t tsize = fx_table(tb);
	if (o->edit_table)
		o->edit_table(tb);
	struct fx_elf L = fx_elf(img, 32, tb, tsize);
	FILE *f = fopen(w->fw, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(img, 1, L.size, f), L.size);
	fclose(f);

	struct rproc_pool_block reserved[4];
	for (unsigned i = 0; i < o->nregions; i++)
		reserved[i] = (struct rproc_pool_block){ .pa = o->regions[i].pa, .size = o->regions[i].size };
	w->kick_chan = o->rx_chan;
	w->host = host_create(&w->sim, &(struct host_config){
		.bus = &w->pa, .irq_entry = 2 * SIM_US, .vdev_start = o->vdev_start,
		.pool_base = POOL_BASE,
		.pool_size = DRAM_BASE + DRAM_SIZE - POOL_BASE,
		.reserved = reserved, .nreserved = o->nregions,
		.hooks = { .ctx = w, .state = on_state, .channel = on_channel,
			   .dev_created = on_created, .dev_removed = on_removed,
			   .readable = on_readable, .tx_ready = on_tx_ready },
	});
	ck_assert_ptr_nonnull(w->host);
	const char *search[] = { w->dir, NULL };
	struct host_remote_config rc = {
		.name = "rproc0",
		.res = { .bus = &w->pa, .mbox_base = MBOX_HOST, .mbox_chan = 0, .sysctl_base = SYSCTL_PA,
			 .mbox_rx_chan = o->rx_chan, .mbox_crash = o->crash_chan >= 0,
			 .mbox_crash_chan = o->crash_chan >= 0 ? (unsigned)o->crash_chan : 0,
			 .mbox_irq = mbox_irq(w->mbox, MBOX_SIDE_HOST) },
		.firmware = "fw.elf",
		.search = search,
		.recovery_disabled = o->recovery_disabled,
	};
	rproc_platform_default(&rc.plat);
	for (unsigned i = 0; i < o->nregions; i++) {
		rc.plat.regions[i].name = o->regions[i].name;
		rc.plat.regions[i].da = rc.plat.regions[i].pa = o->regions[i].pa;
		rc.plat.regions[i].size = o->regions[i].size;
	}
	rc.plat.nregions = o->nregions;
	struct diag d;
	diag_init(&d, NULL);
	ck_assert_int_eq(host_add_remote(w->host, &rc, &d), 0);
	diag_free(&d);
	return w;
}

static struct world *world_new(bool recovery_disabled)
{
	return world_new_opts(&(struct world_opts){ .recovery_disabled = recovery_disabled,
						    .crash_chan = -1 });
}

static void world_free(struct world *w)
{
	sim_destroy(&w->sim); /* the remoteproc, the mailbox, the sysctl */
	host_destroy(w->host);
	bus_destroy(&w->pa);
	bus_destroy(&w->da);
	ram_destroy(w->tcm);
	ram_destroy(w->dram);
	unlink(w->fw);
	rmdir(w->dir);
	free(w);
}

static void run(struct world *w, sim_time_t dur)
{
	sim_run(&w->sim, w->sim.now + dur);
}

static int wfile(struct world *w, const char *path, const char *s)
{
	return host_write_file(w->host, path, s, strlen(s), w->sim.now);
}

static const char *rfile(struct world *w, const char *path)
{
	static char buf[4096];
	int n = host_read_file(w->host, path, buf, sizeof(buf));
	ck_assert_int_ge(n, 0);
	return buf;
}

#endif
