#include "check_rpmsg_fake.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rpmsg_ns.h"
#include "models/host/rpmsg_sample.h"
#include "models/host/vring.h"
#include "sim/core/le.h"

/* --- host-side hooks ------------------------------------------------------ */

static void on_kick(void *ctx, uint32_t notifyid, sim_time_t t)
{
	struct harness *h = ctx;
	ck_assert_uint_le(notifyid, 1);
	ck_assert_uint_ge(t, h->last_kick_t); /* kicks come in time order */
	h->last_kick_t = t;
	h->kicks[notifyid]++;
	h->kicks_pending[notifyid]++;
}

static void on_status(void *ctx, uint8_t status, sim_time_t t)
{
	(void)t;
	struct harness *h = ctx;
	if (h->nstatus < sizeof(h->status_seq))
		h->status_seq[h->nstatus++] = status;
}

static void on_channel(void *ctx, struct rpmsg_channel *ch, bool created, sim_time_t t)
{
	(void)t;
	struct harness *h = ctx;
	if (created)
		h->ch_created++;
	else
		h->ch_removed++;
	snprintf(h->last_channel, sizeof(h->last_channel), "%s", rpmsg_channel_devname(ch));
}

static void on_tx_ready(void *ctx, sim_time_t t)
{
	(void)t;
	((struct harness *)ctx)->tx_ready++;
}

static void on_readable(void *ctx, const char *path, sim_time_t t)
{
	(void)path;
	(void)t;
	((struct harness *)ctx)->readable++;
}

static void on_created(void *ctx, const char *path, sim_time_t t)
{
	(void)t;
	struct harness *h = ctx;
	h->dev_created++;
	snprintf(h->last_dev, sizeof(h->last_dev), "%s", path);
}

static void on_removed(void *ctx, const char *path, sim_time_t t)
{
	(void)t;
	struct harness *h = ctx;
	h->dev_removed++;
	snprintf(h->last_dev, sizeof(h->last_dev), "%s", path);
}

static void on_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *comp,
		   const char *msg)
{
	struct harness *h = ctx;
	if (h->print_logs)
		sim_log_stderr(NULL, t, cat, comp_id, comp, msg);
	if (h->nlogs < sizeof(h->logs) / sizeof(h->logs[0])) {
		h->logs[h->nlogs].cat = cat;
		snprintf(h->logs[h->nlogs].msg, sizeof(h->logs[0].msg), "%s", msg);
		h->nlogs++;
	}
}

void h_setup(struct harness *h, uint32_t num, uint32_t dfeatures)
{
	memset(h, 0, sizeof(*h));
	sim_init(&h->sim);
	h->sim.log_fn = on_log;
	h->sim.log_ctx = h;
	h->sim.log_level = SIM_LOG_DEBUG;
	h->print_logs = getenv("RPMSG_TEST_LOG") != NULL;
	bus_init(&h->bus, "host");
	h->ram = ram_create(H_RAM_SIZE);
	ck_assert_ptr_nonnull(h->ram);
	char err[160];
	ck_assert_int_eq(bus_map_ram(&h->bus, "dram", H_RAM_BASE, h->ram, 0, H_RAM_SIZE, err,
				     sizeof(err)), 0);
	h->cd = rpmsg_chardevs_create(&h->sim);
	ck_assert_ptr_nonnull(h->cd);
	h->rbus = rpmsg_bus_create(&h->sim);
	ck_assert_ptr_nonnull(h->rbus);
	ck_assert_int_eq(rpmsg_register_driver(h->rbus, &rpmsg_ns_driver, NULL), 0);
	ck_assert_int_eq(rpmsg_register_driver(h->rbus, &rpmsg_ctrl_driver, h->cd), 0);
	ck_assert_int_eq(rpmsg_register_driver(h->rbus, &rpmsg_char_driver, h->cd), 0);
	h->sample.count = RPMSG_SAMPLE_COUNT;
	ck_assert_int_eq(rpmsg_register_driver(h->rbus, &rpmsg_sample_driver, &h->sample), 0);
	h->ttys = rpmsg_ttys_create(&h->sim);
	ck_assert_ptr_nonnull(h->ttys);
	ck_assert_int_eq(rpmsg_register_driver(h->rbus, &rpmsg_tty_driver, h->ttys), 0);
	struct rpmsg_chardevs_hooks ch = {
		.ctx = h, .readable = on_readable, .created = on_created, .removed = on_removed,
	};
	rpmsg_chardevs_set_hooks(h->cd, &ch);
	rpmsg_ttys_set_hooks(h->ttys, &ch);
	h->num = num;
	struct rpmsg_vdev_config *c = &h->cfg;
	c->index = 0;
	c->vring_pa[0] = H_VRING0_PA;
	c->vring_pa[1] = H_VRING1_PA;
	c->num = num;
	c->align = 4096;
	c->notifyid[0] = H_NOTIFY0;
	c->notifyid[1] = H_NOTIFY1;
	c->status_pa = H_STATUS_PA;
	c->gfeatures_pa = H_GFEAT_PA;
	c->dfeatures = dfeatures;
	c->pool_pa = H_POOL_PA;
	c->pool_size = rpmsg_vdev_pool_size(num);
	c->rpmsg_bus = h->rbus;
	c->hooks = (struct rpmsg_vdev_hooks){
		.ctx = h, .kick = on_kick, .status = on_status, .channel = on_channel,
		.tx_ready = on_tx_ready,
	};
	for (unsigned i = 0; i < 2; i++)
		ck_assert_int_eq(rproc_vring_layout(c->vring_pa[i], num, 4096, &h->lay[i]), 0);
	h->vdev = rpmsg_vdev_create(&h->sim, &h->bus, c, err, sizeof(err));
	ck_assert_msg(h->vdev != NULL, "%s", err);
}

void h_teardown(struct harness *h)
{
	rpmsg_vdev_destroy(h->vdev);
	rpmsg_ttys_destroy(h->ttys);
	rpmsg_chardevs_destroy(h->cd);
	rpmsg_bus_destroy(h->rbus);
	bus_destroy(&h->bus);
	ram_destroy(h->ram);
	sim_destroy(&h->sim);
}

sim_time_t h_now(struct harness *h)
{
	h->t += SIM_US;
	if (h->t < rpmsg_vdev_clock(h->vdev))
		h->t = rpmsg_vdev_clock(h->vdev);
	return h->t;
}

unsigned h_count_log(const struct harness *h, int cat, const char *substr)
{
	unsigned n = 0;
	for (unsigned i = 0; i < h->nlogs; i++)
		if ((cat < 0 || (int)h->logs[i].cat == cat) && strstr(h->logs[i].msg, substr))
			n++;
	return n;
}

/* --- raw ring access ------------------------------------------------------ */

static uint16_t rd16(struct harness *h, uint64_t pa)
{
	uint8_t b[2];
	ck_assert_int_eq(bus_read_block(&h->bus, pa, b, 2), BUS_OK);
	return le16_load(b);
}

static void wr16(struct harness *h, uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	ck_assert_int_eq(bus_write_block(&h->bus, pa, b, 2), BUS_OK);
}

uint16_t fr_avail_flags(struct harness *h, unsigned vq)
{
	return rd16(h, h->lay[vq].avail + VRING_AVAIL_FLAGS);
}

uint16_t fr_avail_idx(struct harness *h, unsigned vq)
{
	return rd16(h, h->lay[vq].avail + VRING_AVAIL_IDX);
}

void fr_set_used_flags(struct harness *h, unsigned vq, uint16_t flags)
{
	wr16(h, h->lay[vq].used + VRING_USED_FLAGS, flags);
}

int fr_take_avail(struct harness *h, unsigned vq, uint16_t *id)
{
	if (fr_avail_idx(h, vq) == h->last_avail[vq])
		return 0;
	*id = rd16(h, h->lay[vq].avail + VRING_AVAIL_RING +
			      2ull * (h->last_avail[vq] & (h->num - 1)));
	h->last_avail[vq]++;
	return 1;
}

void fr_push_used(struct harness *h, unsigned vq, uint32_t id, uint32_t len)
{
	uint8_t e[8];
	le32_store(e, id);
	le32_store(e + 4, len);
	uint64_t pa = h->lay[vq].used + VRING_USED_RING + 8ull * (h->used_idx[vq] & (h->num - 1));
	ck_assert_int_eq(bus_write_block(&h->bus, pa, e, 8), BUS_OK);
	h->used_idx[vq]++;
	wr16(h, h->lay[vq].used + VRING_USED_IDX, h->used_idx[vq]);
}

void fr_set_used_idx(struct harness *h, unsigned vq, uint16_t idx)
{
	h->used_idx[vq] = idx;
	wr16(h, h->lay[vq].used + VRING_USED_IDX, idx);
}

uint64_t fr_desc_addr(struct harness *h, unsigned vq, uint16_t id)
{
	uint8_t d[16];
	ck_assert_int_eq(bus_read_block(&h->bus, h->lay[vq].desc + 16ull * id, d, 16), BUS_OK);
	return le64_load(d);
}

static uint32_t desc_len(struct harness *h, unsigned vq, uint16_t id)
{
	uint8_t d[16];
	ck_assert_int_eq(bus_read_block(&h->bus, h->lay[vq].desc + 16ull * id, d, 16), BUS_OK);
	return le32_load(d + 8);
}

void fr_write_desc(struct harness *h, unsigned vq, uint16_t id, uint64_t addr, uint32_t len)
{
	uint8_t d[12];
	le64_store(d, addr);
	le32_store(d + 8, len);
	ck_assert_int_eq(bus_write_block(&h->bus, h->lay[vq].desc + 16ull * id, d, 12), BUS_OK);
}

void fr_fill(struct harness *h, uint16_t id, uint32_t src, uint32_t dst, uint16_t hdr_len,
	     const void *data, uint16_t n)
{
	uint8_t b[RPMSG_BUF_SIZE] = { 0 };
	le32_store(b + RPMSG_HDR_SRC, src);
	le32_store(b + RPMSG_HDR_DST, dst);
	le16_store(b + RPMSG_HDR_LEN, hdr_len);
	ck_assert_uint_le(n, RPMSG_MAX_PAYLOAD);
	if (n)
		memcpy(b + RPMSG_HDR_SIZE, data, n);
	uint64_t pa = fr_desc_addr(h, 0, id);
	ck_assert_uint_le(desc_len(h, 0, id), RPMSG_BUF_SIZE);
	ck_assert_int_eq(bus_write_block(&h->bus, pa, b, RPMSG_HDR_SIZE + n), BUS_OK);
}

/* --- well-behaved device side -------------------------------------------- */

int fr_put(struct harness *h, uint32_t src, uint32_t dst, const void *data, uint16_t len)
{
	uint16_t id;
	if (!fr_take_avail(h, 0, &id))
		return -1;
	fr_fill(h, id, src, dst, len, data, len);
	fr_push_used(h, 0, id, RPMSG_HDR_SIZE + len);
	return 0;
}

void fr_notify(struct harness *h, unsigned vq)
{
	ck_assert_int_eq(rpmsg_vdev_notify(h->vdev, vq ? H_NOTIFY1 : H_NOTIFY0, h_now(h)), 0);
}

int fr_send(struct harness *h, uint32_t src, uint32_t dst, const void *data, uint16_t len)
{
	int rc = fr_put(h, src, dst, data, len);
	if (rc == 0)
		fr_notify(h, 0);
	return rc;
}

void fr_announce(struct harness *h, const char *name, uint32_t addr, uint32_t flags)
{
	uint8_t m[RPMSG_NS_MSG_SIZE] = { 0 };
	strncpy((char *)m, name, RPMSG_NAME_SIZE);
	le32_store(m + 32, addr);
	le32_store(m + 36, flags);
	ck_assert_int_eq(fr_send(h, addr, RPMSG_NS_ADDR, m, sizeof(m)), 0);
}

int fr_recv(struct harness *h, struct h_msg *m)
{
	uint16_t id;
	if (!fr_take_avail(h, 1, &id))
		return 0;
	uint64_t pa = fr_desc_addr(h, 1, id);
	uint32_t len = desc_len(h, 1, id);
	ck_assert_uint_ge(len, RPMSG_HDR_SIZE);
	ck_assert_uint_le(len, RPMSG_BUF_SIZE);
	uint8_t b[RPMSG_BUF_SIZE];
	ck_assert_int_eq(bus_read_block(&h->bus, pa, b, len), BUS_OK);
	m->src = le32_load(b + RPMSG_HDR_SRC);
	m->dst = le32_load(b + RPMSG_HDR_DST);
	m->len = le16_load(b + RPMSG_HDR_LEN);
	ck_assert_uint_eq(m->len, len - RPMSG_HDR_SIZE);
	memcpy(m->data, b + RPMSG_HDR_SIZE, m->len);
	if (h->no_tx_return) {
		ck_assert_uint_lt(h->nkept, RPMSG_MAX_NUM_BUFS);
		h->kept[h->nkept++] = id;
	} else {
		fr_push_used(h, 1, id, len);
	}
	return 1;
}

void fr_return_tx(struct harness *h)
{
	for (unsigned i = 0; i < h->nkept; i++)
		fr_push_used(h, 1, h->kept[i], 0);
	h->nkept = 0;
	if (!(fr_avail_flags(h, 1) & VRING_AVAIL_F_NO_INTERRUPT))
		fr_notify(h, 1);
}

void h_pump(struct harness *h)
{
	for (unsigned rounds = 0; rounds < 100000; rounds++) {
		if (!h->kicks_pending[0] && !h->kicks_pending[1])
			return;
		h->kicks_pending[0] = h->kicks_pending[1] = 0;
		struct h_msg m;
		bool echoed = false;
		while (fr_recv(h, &m)) {
			if (h->echo) {
				ck_assert_int_eq(fr_put(h, m.dst, m.src, m.data, m.len), 0);
				echoed = true;
			} else if (h->nheld < RPMSG_MAX_NUM_BUFS) {
				h->held[h->nheld++] = m;
			}
		}
		if (echoed)
			fr_notify(h, 0);
	}
	ck_abort_msg("h_pump: the host and the fake remote never went quiet");
}
