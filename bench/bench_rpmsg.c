/* Host-side RPMsg round trips: /dev/rpmsg0 write -> vring 1 -> a remote
 * written in C that echoes on vring 0 -> rpmsg_vdev_notify -> read.  No
 * core, no mailbox: this measures the host model's own cost.  Prints round
 * trips per wall-clock second for 64-byte messages (target >= 100 000). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/host/rpmsg_char.h"
#include "models/host/rpmsg_core.h"
#include "models/host/rpmsg_ns.h"
#include "models/host/rproc_mem.h"
#include "models/host/virtio_rpmsg.h"
#include "models/host/vring.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"

#define BASE 0x80000000u
#define NUM 256
#define ROUNDS 1000000

struct remote {
	struct bus *bus;
	struct rproc_vring_layout lay[2];
	uint16_t last_avail[2], used_idx[2];
	unsigned kicked;
};

static uint16_t rd16(struct remote *r, uint64_t pa)
{
	uint8_t b[2];
	bus_read_block(r->bus, pa, b, 2);
	return le16_load(b);
}

static void wr16(struct remote *r, uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	bus_write_block(r->bus, pa, b, 2);
}

static int take(struct remote *r, unsigned vq, uint64_t *addr, uint32_t *len, uint16_t *id)
{
	if (rd16(r, r->lay[vq].avail + VRING_AVAIL_IDX) == r->last_avail[vq])
		return 0;
	*id = rd16(r, r->lay[vq].avail + VRING_AVAIL_RING + 2u * (r->last_avail[vq]++ & (NUM - 1)));
	uint8_t d[16];
	bus_read_block(r->bus, r->lay[vq].desc + 16u * *id, d, 16);
	*addr = le64_load(d);
	*len = le32_load(d + 8);
	return 1;
}

static void give(struct remote *r, unsigned vq, uint16_t id, uint32_t len)
{
	uint8_t e[8];
	le32_store(e, id);
	le32_store(e + 4, len);
	bus_write_block(r->bus, r->lay[vq].used + VRING_USED_RING + 8u * (r->used_idx[vq] & (NUM - 1)),
			e, 8);
	wr16(r, r->lay[vq].used + VRING_USED_IDX, ++r->used_idx[vq]);
}

/* Echo every host message back, swapping addresses. */
static unsigned echo(struct remote *r)
{
	unsigned n = 0;
	uint64_t addr, raddr;
	uint32_t len, rlen;
	uint16_t id, rid;
	while (take(r, 1, &addr, &len, &id)) {
		uint8_t m[RPMSG_BUF_SIZE];
		bus_read_block(r->bus, addr, m, len);
		uint32_t src = le32_load(m + RPMSG_HDR_SRC);
		le32_store(m + RPMSG_HDR_SRC, le32_load(m + RPMSG_HDR_DST));
		le32_store(m + RPMSG_HDR_DST, src);
		give(r, 1, id, len);
		if (!take(r, 0, &raddr, &rlen, &rid))
			break;
		bus_write_block(r->bus, raddr, m, len);
		give(r, 0, rid, len);
		n++;
	}
	return n;
}

static void on_kick(void *ctx, uint32_t notifyid, sim_time_t t)
{
	(void)notifyid, (void)t;
	((struct remote *)ctx)->kicked++;
}

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *c, const char *m)
{
	(void)comp_id;
	(void)ctx, (void)t, (void)cat, (void)c, (void)m;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet;
	struct bus bus;
	bus_init(&bus, "host");
	struct ram *ram = ram_create(1u << 20);
	char err[160];
	if (!ram || bus_map_ram(&bus, "dram", BASE, ram, 0, 1u << 20, err, sizeof(err)) < 0) {
		fprintf(stderr, "bench_rpmsg: cannot set up RAM\n");
		return 1;
	}
	struct rpmsg_chardevs *cd = rpmsg_chardevs_create(&sim);
	/* the drivers /dev/rpmsg0 needs: name service, ctrl and char */
	struct rpmsg_bus *rbus = rpmsg_bus_create(&sim);
	if (!cd || !rbus || rpmsg_register_driver(rbus, &rpmsg_ns_driver, NULL) ||
	    rpmsg_register_driver(rbus, &rpmsg_ctrl_driver, cd) ||
	    rpmsg_register_driver(rbus, &rpmsg_char_driver, cd)) {
		fprintf(stderr, "bench_rpmsg: cannot set up the rpmsg drivers\n");
		return 1;
	}
	struct remote r = { .bus = &bus };
	struct rpmsg_vdev_config cfg = {
		.vring_pa = { BASE + 0x10000, BASE + 0x20000 },
		.num = NUM, .align = 4096, .notifyid = { 0, 1 },
		.status_pa = BASE + 0x118, .gfeatures_pa = BASE + 0x110,
		.dfeatures = 1u << VIRTIO_RPMSG_F_NS_BIT,
		.pool_pa = BASE + 0x40000, .pool_size = rpmsg_vdev_pool_size(NUM),
		.rpmsg_bus = rbus,
		.hooks = { .ctx = &r, .kick = on_kick },
	};
	for (unsigned i = 0; i < 2; i++)
		rproc_vring_layout(cfg.vring_pa[i], NUM, 4096, &r.lay[i]);
	struct rpmsg_vdev *vdev = rpmsg_vdev_create(&sim, &bus, &cfg, err, sizeof(err));
	if (!vdev) {
		fprintf(stderr, "bench_rpmsg: %s\n", err);
		return 1;
	}
	sim_time_t t = 0;
	rpmsg_vdev_start(vdev, t);

	/* the remote announces rpmsg-raw */
	uint64_t addr;
	uint32_t len;
	uint16_t id;
	uint8_t ns[RPMSG_HDR_SIZE + RPMSG_NS_MSG_SIZE] = { 0 };
	le32_store(ns + RPMSG_HDR_SRC, 0x400);
	le32_store(ns + RPMSG_HDR_DST, RPMSG_NS_ADDR);
	le16_store(ns + RPMSG_HDR_LEN, RPMSG_NS_MSG_SIZE);
	memcpy(ns + RPMSG_HDR_SIZE, "rpmsg-raw", 9);
	le32_store(ns + RPMSG_HDR_SIZE + 32, 0x400);
	take(&r, 0, &addr, &len, &id);
	bus_write_block(&bus, addr, ns, sizeof(ns));
	give(&r, 0, id, sizeof(ns));
	rpmsg_vdev_notify(vdev, 0, t);

	struct rpmsg_file *f;
	if (rpmsg_char_open(cd, "/dev/rpmsg0", &f, t) < 0) {
		fprintf(stderr, "bench_rpmsg: /dev/rpmsg0 did not appear\n");
		return 1;
	}
	uint8_t msg[64], back[64];
	for (unsigned i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	unsigned bad = 0;
	double t0 = now_s();
	for (unsigned i = 0; i < ROUNDS; i++) {
		msg[0] = (uint8_t)i;
		t = rpmsg_vdev_clock(vdev);
		if (rpmsg_char_write(f, msg, sizeof(msg), true, t) != (long)sizeof(msg))
			bad++;
		echo(&r);
		rpmsg_vdev_notify(vdev, 0, rpmsg_vdev_clock(vdev));
		if (rpmsg_char_read(f, back, sizeof(back), true) != (long)sizeof(back) ||
		    memcmp(back, msg, sizeof(msg)))
			bad++;
	}
	double dt = now_s() - t0;
	char st[SIMTIME_BUFLEN];
	printf("rpmsg host round trips (64-byte payload, /dev/rpmsg0 <-> C echo remote):\n");
	printf("  %u round trips in %.3f s: %.0f per second (target >= 100000)\n", ROUNDS, dt,
	       ROUNDS / dt);
	printf("  simulated host time: %s, %u kicks to the remote, %u errors\n",
	       simtime_format(rpmsg_vdev_clock(vdev), st, sizeof(st)), r.kicked, bad);
	rpmsg_char_close(f, t);
	rpmsg_vdev_destroy(vdev);
	rpmsg_chardevs_destroy(cd);
	rpmsg_bus_destroy(rbus);
	bus_destroy(&bus);
	ram_destroy(ram);
	sim_destroy(&sim);
	return bad ? 1 : 0;
}
