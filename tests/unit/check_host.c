/* The host object (models/host/host.h) end to end, as a user sees it: a
 * real mailbox and sysctl on the host's bus, the firmware image of
 * tests/unit/rproc_fixture.h in a file, and a fake remote written in C
 * behind the mailbox's remote side.  When its reset is released and the
 * host kicks, the fake remote reads its vrings from the resource table,
 * writes "link up" in its trace buffer, announces "rpmsg-raw" and from then
 * on echoes whatever the host sends.  Kicks go both ways through the
 * mailbox only: nothing here calls the host's rpmsg or vdev code.
 * Also remoteproc_virtio's translation of a vdev resource, and what the
 * platform's named regions and mailbox channels change (a device tree's
 * memory-region and mboxes). */
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

	/* the fake remote */
	bool running, linked;
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
		else if (msg == w->notify[1] && echo(w))
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

/* What a world may differ in: the platform's regions (names, pa == da in
 * DRAM), the pool's reserved parts, the mailbox channels. */
struct world_opts {
	bool recovery_disabled;
	struct { const char *name; uint64_t pa, size; } regions[4];
	unsigned nregions;
	unsigned rx_chan;
	int crash_chan;
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
	struct fx_elf L = fx_elf(img, 32, tb, fx_table(tb));
	FILE *f = fopen(w->fw, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(img, 1, L.size, f), L.size);
	fclose(f);

	struct rproc_pool_block reserved[4];
	for (unsigned i = 0; i < o->nregions; i++)
		reserved[i] = (struct rproc_pool_block){ .pa = o->regions[i].pa, .size = o->regions[i].size };
	w->kick_chan = o->rx_chan;
	w->host = host_create(&w->sim, &(struct host_config){
		.bus = &w->pa, .irq_entry = 2 * SIM_US, .pool_base = POOL_BASE,
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
	ck_assert_uint_eq(host_poll(f), 0);
	ck_assert_int_eq(host_write(f, "hello", 5, false, w->sim.now), 5);
	run(w, SIM_MS);
	ck_assert_uint_eq(w->readable, 1);
	ck_assert_uint_eq(host_poll(f), 1);
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
				     "DMA address: 0x88100000"));
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

START_TEST(buffer_region_too_small)
{
	struct world *w = world_new_opts(&(struct world_opts){
		.regions = { { "vdev0buffer", 0x8f000000u, 0x1000 } }, .nregions = 1, .crash_chan = -1 });
	ck_assert_int_eq(wfile(w, STATE, "start"), -ENOMEM);
	ck_assert_uint_eq(count_log(w, "region vdev0buffer has 0x1000 bytes, the rpmsg buffers need "
				       "0x40000: make it larger"), 1);
	ck_assert_str_eq(rfile(w, STATE), "offline\n");
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
