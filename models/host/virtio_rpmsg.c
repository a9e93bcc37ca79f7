/* virtio-rpmsg transport: buffers, endpoints, receive path, send path,
 * status.  The devices it registers on the rpmsg core (channels, ctrl,
 * name service) live in virtio_rpmsg_chan.c. */
#include "sim/core/record.h"
#include "models/host/virtio_rpmsg.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rsc_table.h"
#include "models/host/virtio_rpmsg_internal.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"

static void destroy_ept(struct rpmsg_ept *ept);
static int vdev_send(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len,
		     bool nonblock, sim_time_t t);
static struct rpmsg_ept *create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				    uint32_t src, int *err);
static struct rpmsg_ept *ch_find_ept(struct rpmsg_channel *ch, uint32_t addr);

/* What the rpmsg core calls: endpoints live here, the name service's
 * channel requests in virtio_rpmsg_chan.c. */
static const struct rpmsg_endpoint_ops vdev_ept_ops = {
	.destroy_ept = destroy_ept,
	.send = vdev_send,
};

static const struct rpmsg_device_ops vdev_dev_ops = {
	.create_ept = create_ept,
	.create_channel = rpmsg_vdev_create_channel,
	.release_channel = rpmsg_vdev_release_channel,
	.find_ept = ch_find_ept,
};

uint64_t rpmsg_vdev_pool_size(uint32_t num)
{
	uint64_t n = 2ull * num;
	if (n > RPMSG_MAX_NUM_BUFS)
		n = RPMSG_MAX_NUM_BUFS;
	return n * RPMSG_BUF_SIZE;
}

/* --- host clock ---------------------------------------------------------- */

/* max(t, clock) + cost, which becomes the new clock. */
static sim_time_t rpmsg_vdev_advance(struct rpmsg_vdev *vdev, sim_time_t t, sim_time_t cost)
{
	if (t < vdev->clock)
		t = vdev->clock;
	vdev->clock = t + cost;
	return vdev->clock;
}

sim_time_t rpmsg_vdev_clock(const struct rpmsg_vdev *vdev)
{
	return vdev->clock;
}

/* --- creation ------------------------------------------------------------ */

struct rpmsg_vdev *rpmsg_vdev_create(struct sim *sim, struct bus *host_bus,
				     const struct rpmsg_vdev_config *cfg, char *err,
				     size_t errlen)
{
	if (!cfg->hooks.kick) {
		snprintf(err, errlen, "virtio%u: no kick callback configured", cfg->index);
		return NULL;
	}
	if (!cfg->rpmsg_bus) {
		snprintf(err, errlen, "virtio%u: no rpmsg bus configured", cfg->index);
		return NULL;
	}
	if (cfg->num < 2 || cfg->num > 32768 || (cfg->num & (cfg->num - 1)) ||
	    !cfg->align || (cfg->align & (cfg->align - 1))) {
		snprintf(err, errlen,
			 "virtio%u: vring num %" PRIu32 " and align %" PRIu32
			 " must be powers of two (num 2..32768)",
			 cfg->index, cfg->num, cfg->align);
		return NULL;
	}
	if (cfg->notifyid[0] == cfg->notifyid[1]) {
		snprintf(err, errlen, "virtio%u: both vrings have notifyid %" PRIu32,
			 cfg->index, cfg->notifyid[0]);
		return NULL;
	}
	uint64_t need = rpmsg_vdev_pool_size(cfg->num);
	if (cfg->pool_size < need || !bus_ram_ptr(host_bus, cfg->pool_pa, need, NULL, NULL)) {
		snprintf(err, errlen,
			 "virtio%u: buffer pool at 0x%" PRIx64 " (%" PRIu64 " bytes) must be host RAM "
			 "of at least %" PRIu64 " bytes",
			 cfg->index, cfg->pool_pa, cfg->pool_size, need);
		return NULL;
	}
	for (unsigned i = 0; i < 2; i++) {
		if (cfg->vring_rsc_pa[i] &&
		    !bus_ram_ptr(host_bus, cfg->vring_rsc_pa[i], RSC_VRING_SIZE, NULL, NULL)) {
			snprintf(err, errlen,
				 "virtio%u: table entry of vring%u at 0x%" PRIx64 " is not in host RAM",
				 cfg->index, i, cfg->vring_rsc_pa[i]);
			return NULL;
		}
	}
	if (!bus_ram_ptr(host_bus, cfg->status_pa, 1, NULL, NULL) ||
	    !bus_ram_ptr(host_bus, cfg->gfeatures_pa, 4, NULL, NULL)) {
		snprintf(err, errlen,
			 "virtio%u: status byte 0x%" PRIx64 " or gfeatures 0x%" PRIx64
			 " is not in host RAM",
			 cfg->index, cfg->status_pa, cfg->gfeatures_pa);
		return NULL;
	}
	struct rpmsg_vdev *vdev = calloc(1, sizeof(*vdev));
	if (!vdev) {
		snprintf(err, errlen, "virtio%u: out of memory", cfg->index);
		return NULL;
	}
	vdev->sim = sim;
	vdev->bus = host_bus;
	vdev->cfg = *cfg;
	vdev->dev_ops = &vdev_dev_ops;
	if (!vdev->cfg.lat.irq)
		vdev->cfg.lat.irq = RPMSG_DEFAULT_IRQ;
	if (!vdev->cfg.lat.rx_msg)
		vdev->cfg.lat.rx_msg = RPMSG_DEFAULT_RX_MSG;
	if (!vdev->cfg.lat.tx_msg)
		vdev->cfg.lat.tx_msg = RPMSG_DEFAULT_TX_MSG;
	snprintf(vdev->name, sizeof(vdev->name), "virtio%u", cfg->index);
	vdev->nbufs = (uint32_t)(need / RPMSG_BUF_SIZE);
	vdev->nrx = vdev->nbufs / 2;

	/* checked now so that start cannot fail on them */
	for (unsigned i = 0; i < 2; i++) {
		if (vring_drv_check(host_bus, i, cfg->vring_pa[i], cfg->num, cfg->align, err,
				    errlen) < 0) {
			free(vdev);
			return NULL;
		}
	}
	return vdev;
}

void rpmsg_vdev_destroy(struct rpmsg_vdev *vdev)
{
	if (!vdev)
		return;
	if (vdev->started)
		rpmsg_vdev_stop(vdev, vdev->clock > vdev->sim->now ? vdev->clock : vdev->sim->now);
	free(vdev->epts);
	free(vdev->chans);
	free(vdev);
}

/* --- status -------------------------------------------------------------- */

static void write_status(struct rpmsg_vdev *vdev, uint8_t status, sim_time_t t)
{
	enum bus_status st = bus_write_block(vdev->bus, vdev->cfg.status_pa, &status, 1);
	assert(st == BUS_OK);
	(void)st;
	vdev->status = status;
	if (vdev->cfg.hooks.status)
		vdev->cfg.hooks.status(vdev->cfg.hooks.ctx, status, t);
}

static void kick(struct rpmsg_vdev *vdev, unsigned vq, sim_time_t t)
{
	vdev->stats.kicks++;
	vdev->cfg.hooks.kick(vdev->cfg.hooks.ctx, vdev->cfg.notifyid[vq], t);
}

static inline uint64_t buf_pa(const struct rpmsg_vdev *vdev, uint32_t i)
{
	return vdev->cfg.pool_pa + (uint64_t)i * RPMSG_BUF_SIZE;
}

/* vring tokens must be non-NULL: buffer i travels as i + 1 */
static inline void *buf_token(uint32_t i)
{
	return (void *)(uintptr_t)(i + 1);
}

static inline uint32_t token_buf(void *tok)
{
	return (uint32_t)((uintptr_t)tok - 1);
}

int rpmsg_vdev_start(struct rpmsg_vdev *vdev, sim_time_t t)
{
	if (vdev->started)
		return -EBUSY;
	char err[160];
	/* the layout was checked at create: only memory can run out */
	if (vring_drv_init(&vdev->rvq, vdev->sim, vdev->bus, vdev->name, 0, vdev->cfg.vring_pa[0],
			   vdev->cfg.num, vdev->cfg.align, err, sizeof(err)) < 0)
		goto fail;
	if (vring_drv_init(&vdev->svq, vdev->sim, vdev->bus, vdev->name, 1, vdev->cfg.vring_pa[1],
			   vdev->cfg.num, vdev->cfg.align, err, sizeof(err)) < 0) {
		vring_drv_destroy(&vdev->rvq);
		goto fail;
	}
	vdev->started = true;
	vdev->last_sbuf = vdev->nrx;
	vdev->sleepers = 0;
	t = rpmsg_vdev_advance(vdev, t, 0);

	/* rproc_alloc_vring: where each vring is and how it is notified */
	for (unsigned i = 0; i < 2; i++) {
		if (!vdev->cfg.vring_rsc_pa[i])
			continue;
		uint8_t w[4];
		le32_store(w, vdev->cfg.vring_da[i]);
		bus_write_block(vdev->bus, vdev->cfg.vring_rsc_pa[i] + RSC_VRING_DA, w, 4);
		le32_store(w, vdev->cfg.notifyid[i]);
		bus_write_block(vdev->bus, vdev->cfg.vring_rsc_pa[i] + RSC_VRING_NOTIFYID, w, 4);
	}
	/* virtio core: reset, ACKNOWLEDGE at registration, DRIVER at probe */
	write_status(vdev, 0, t);
	write_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE, t);
	write_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER, t);
	/* the driver knows one feature; event-idx is never taken */
	vdev->features = vdev->cfg.dfeatures & (1u << VIRTIO_RPMSG_F_NS_BIT);
	uint8_t f[4];
	le32_store(f, vdev->features);
	bus_write_block(vdev->bus, vdev->cfg.gfeatures_pa, f, 4);
	if (vdev->cfg.set_features_ok)
		write_status(vdev, vdev->status | VIRTIO_CONFIG_S_FEATURES_OK, t);

	/* rpmsg_probe: RX buffers, TX-complete interrupts off, ctrl, NS */
	for (uint32_t i = 0; i < vdev->nrx; i++) {
		bus_fill_block(vdev->bus, buf_pa(vdev, i), 0, RPMSG_BUF_SIZE);
		int rc = vring_drv_add_buf(&vdev->rvq, buf_pa(vdev, i), RPMSG_BUF_SIZE, true,
					   buf_token(i));
		assert(rc == 0);
		(void)rc;
	}
	vring_drv_set_no_interrupt(&vdev->svq, true);
	rpmsg_vdev_add_devices(vdev, t);

	write_status(vdev, vdev->status | VIRTIO_CONFIG_S_DRIVER_OK, t);
	if (vring_drv_kick_needed(&vdev->rvq))
		kick(vdev, 0, t);
	return 0;
fail:
	sim_log_at(vdev->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, vdev->name, "cannot start: %s", err);
	return -ENOMEM;
}

void rpmsg_vdev_stop(struct rpmsg_vdev *vdev, sim_time_t t)
{
	if (!vdev->started)
		return;
	/* a callback stopping its own vdev would pull the ring from under the
	 * receive loop: the caller must schedule the stop instead */
	assert(!vdev->in_rx && "rpmsg_vdev_stop called from an rpmsg callback");
	t = rpmsg_vdev_advance(vdev, t, 0);
	write_status(vdev, 0, t);
	rpmsg_vdev_remove_devices(vdev, t);
	while (vdev->nepts)
		destroy_ept(vdev->epts[vdev->nepts - 1]);
	vring_drv_destroy(&vdev->rvq);
	vring_drv_destroy(&vdev->svq);
	vdev->started = false;
	vdev->sleepers = 0;
}

bool rpmsg_vdev_started(const struct rpmsg_vdev *vdev)
{
	return vdev->started;
}

/* --- endpoints ----------------------------------------------------------- */

static struct rpmsg_ept *find_ept(struct rpmsg_vdev *vdev, uint32_t addr)
{
	if (vdev->last_ept && vdev->last_ept->addr == addr)
		return vdev->last_ept;
	for (unsigned i = 0; i < vdev->nepts; i++)
		if (vdev->epts[i]->addr == addr)
			return vdev->last_ept = vdev->epts[i];
	return NULL;
}

static void set_err(int *err, int v)
{
	if (err)
		*err = v;
}

struct rpmsg_ept *rpmsg_vdev_create_ept(struct rpmsg_vdev *vdev, rpmsg_rx_cb cb, void *priv,
					uint32_t src, int *err)
{
	if (!vdev->started) {
		set_err(err, -ENODEV);
		return NULL;
	}
	if (vdev->nepts >= RPMSG_MAX_EPTS) {
		set_err(err, -ENOMEM);
		return NULL;
	}
	uint32_t addr = src;
	if (src == RPMSG_ADDR_ANY) {
		/* idr_alloc: the lowest free id from 1024 */
		addr = RPMSG_RESERVED_ADDRESSES;
		while (find_ept(vdev, addr))
			addr++;
	} else if (find_ept(vdev, addr)) {
		set_err(err, -EBUSY);
		return NULL;
	}
	if (vdev->nepts == vdev->cap_epts) {
		unsigned cap = vdev->cap_epts ? 2 * vdev->cap_epts : 8;
		struct rpmsg_ept **p = realloc(vdev->epts, cap * sizeof(*p));
		if (!p) {
			set_err(err, -ENOMEM);
			return NULL;
		}
		vdev->epts = p;
		vdev->cap_epts = cap;
	}
	struct rpmsg_ept *ept = calloc(1, sizeof(*ept));
	if (!ept) {
		set_err(err, -ENOMEM);
		return NULL;
	}
	ept->ops = &vdev_ept_ops;
	ept->transport = vdev;
	ept->addr = addr;
	ept->cb = cb;
	ept->priv = priv;
	vdev->epts[vdev->nepts++] = ept;
	set_err(err, 0);
	return ept;
}

static void destroy_ept(struct rpmsg_ept *ept)
{
	struct rpmsg_vdev *vdev = ept->transport;
	for (unsigned i = 0; i < vdev->nepts; i++) {
		if (vdev->epts[i] == ept) {
			/* keep creation order: stop destroys the newest first */
			memmove(&vdev->epts[i], &vdev->epts[i + 1],
				(vdev->nepts - i - 1) * sizeof(*vdev->epts));
			vdev->nepts--;
			break;
		}
	}
	if (vdev->last_ept == ept)
		vdev->last_ept = NULL;
	free(ept);
}

static struct rpmsg_ept *ch_find_ept(struct rpmsg_channel *ch, uint32_t addr)
{
	return find_ept(rpmsg_channel_transport(ch), addr);
}

/* virtio_rpmsg_create_ept: an endpoint on the channel's vdev */
static struct rpmsg_ept *create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				    uint32_t src, int *err)
{
	return rpmsg_vdev_create_ept(rpmsg_channel_transport(ch), cb, priv, src, err);
}

/* --- tracing ------------------------------------------------------------- */

static void trace_msg(struct rpmsg_vdev *vdev, sim_time_t t, uint8_t dir, uint32_t src,
		      uint32_t dst, const void *data, uint16_t len)
{
	record_rpmsg(vdev->sim->trace, t, vdev->cfg.trace_id, dir, src, dst, data, len);
}

/* --- send path ----------------------------------------------------------- */

/* Linux's get_a_tx_buf: never-used buffers first, then ones the remote
 * returned on the TX vring. */
static int get_tx_buf(struct rpmsg_vdev *vdev, uint32_t *idx, sim_time_t t)
{
	if (vdev->last_sbuf < vdev->nbufs) {
		*idx = vdev->last_sbuf++;
		return 0;
	}
	void *tok;
	uint32_t len;
	int r = vring_drv_get_used(&vdev->svq, &tok, &len, t);
	if (r < 0)
		return -EIO;
	if (r == 0)
		return -ENOMEM;
	*idx = token_buf(tok);
	assert(*idx >= vdev->nrx && *idx < vdev->nbufs);
	return 0;
}

bool rpmsg_vdev_tx_available(struct rpmsg_vdev *vdev)
{
	if (!vdev->started || vdev->svq.broken)
		return false;
	return vdev->last_sbuf < vdev->nbufs || vring_drv_more_used(&vdev->svq);
}

/* rpmsg_send_offchannel_raw */
static int vdev_send(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len,
		bool nonblock, sim_time_t t)
{
	struct rpmsg_vdev *vdev = ept->transport;
	if (!vdev->started)
		return -ENODEV;
	if (dst == RPMSG_ADDR_ANY || ept->addr == RPMSG_ADDR_ANY || (len && !data))
		return -EINVAL;
	if (len > RPMSG_MAX_PAYLOAD)
		return -EMSGSIZE;
	uint32_t idx;
	int rc = get_tx_buf(vdev, &idx, t);
	if (rc == -EIO)
		return -EIO;
	if (rc < 0) {
		if (nonblock)
			return -ENOMEM;
		/* rpmsg_upref_sleepers: ask the remote to tell us when it
		 * returns a buffer */
		if (vdev->sleepers++ == 0)
			vring_drv_set_no_interrupt(&vdev->svq, false);
		return RPMSG_WOULD_BLOCK;
	}
	t = rpmsg_vdev_advance(vdev, t, vdev->cfg.lat.tx_msg);
	uint8_t msg[RPMSG_BUF_SIZE];
	le32_store(msg + RPMSG_HDR_SRC, ept->addr);
	le32_store(msg + RPMSG_HDR_DST, dst);
	le32_store(msg + RPMSG_HDR_RESERVED, 0);
	le16_store(msg + RPMSG_HDR_LEN, (uint16_t)len);
	le16_store(msg + RPMSG_HDR_FLAGS, 0);
	if (len)
		memcpy(msg + RPMSG_HDR_SIZE, data, len);
	enum bus_status st = bus_write_block(vdev->bus, buf_pa(vdev, idx), msg, RPMSG_HDR_SIZE + len);
	assert(st == BUS_OK);
	(void)st;
	rc = vring_drv_add_buf(&vdev->svq, buf_pa(vdev, idx), (uint32_t)(RPMSG_HDR_SIZE + len),
			       false, buf_token(idx));
	/* the ring has num slots for nbufs/2 <= num TX buffers, so only a
	 * broken ring refuses; the buffer is then lost with the ring */
	if (rc < 0)
		return rc;
	vdev->stats.tx_msgs++;
	trace_msg(vdev, t, 0, ept->addr, dst, data, (uint16_t)len);
	if (vring_drv_kick_needed(&vdev->svq))
		kick(vdev, 1, t);
	return 0;
}

/* --- receive path -------------------------------------------------------- */

static void drop(struct rpmsg_vdev *vdev, sim_time_t t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void drop(struct rpmsg_vdev *vdev, sim_time_t t, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vdev->stats.rx_dropped++;
	sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name, "%s", msg);
}

/* rpmsg_recv_single with the used.len < 16 hole closed. */
static void recv_single(struct rpmsg_vdev *vdev, uint32_t idx, uint32_t len, sim_time_t t)
{
	uint8_t *buf = vdev->rxbuf;
	if (len < RPMSG_HDR_SIZE) {
		drop(vdev, t, "inbound msg too short: (%" PRIu32 ") in buffer %" PRIu32
		     "; dropped", len, idx);
		return;
	}
	enum bus_status st = bus_read_block(vdev->bus, buf_pa(vdev, idx), buf, RPMSG_HDR_SIZE);
	assert(st == BUS_OK);
	uint32_t src = le32_load(buf + RPMSG_HDR_SRC);
	uint32_t dst = le32_load(buf + RPMSG_HDR_DST);
	uint16_t msg_len = le16_load(buf + RPMSG_HDR_LEN);
	if (len > RPMSG_BUF_SIZE || msg_len > len - RPMSG_HDR_SIZE) {
		drop(vdev, t, "inbound msg too big: (%" PRIu32 ", %u) from 0x%" PRIx32
		     " to 0x%" PRIx32 "; dropped", len, msg_len, src, dst);
		return;
	}
	st = bus_read_block(vdev->bus, buf_pa(vdev, idx) + RPMSG_HDR_SIZE, buf + RPMSG_HDR_SIZE,
			    msg_len);
	assert(st == BUS_OK);
	(void)st;
	trace_msg(vdev, t, 1, src, dst, buf + RPMSG_HDR_SIZE, msg_len);
	struct rpmsg_ept *ept = find_ept(vdev, dst);
	if (ept && !ept->cb)
		return; /* Linux drops it quietly */
	if (!ept) {
		drop(vdev, t, "msg received with no recipient (src 0x%" PRIx32 ", dst 0x%" PRIx32
		     ", len %u)", src, dst, msg_len);
		return;
	}
	vdev->stats.rx_msgs++;
	if (ept->cb(ept, buf + RPMSG_HDR_SIZE, msg_len, src, ept->priv, t) == RPMSG_RX_DROPPED)
		vdev->stats.rx_dropped++;
}

static void recv_done(struct rpmsg_vdev *vdev, sim_time_t t)
{
	unsigned received = 0;
	for (;;) {
		void *tok;
		uint32_t len;
		int r = vring_drv_get_used(&vdev->rvq, &tok, &len, t);
		if (r <= 0)
			break;
		uint32_t idx = token_buf(tok);
		assert(idx < vdev->nrx);
		t = rpmsg_vdev_advance(vdev, t, vdev->cfg.lat.rx_msg);
		recv_single(vdev, idx, len, t);
		/* Linux stops at a bad message and loses its buffer; we give it
		 * back so a misbehaving remote cannot starve the host of RX
		 * buffers. */
		r = vring_drv_add_buf(&vdev->rvq, buf_pa(vdev, idx), RPMSG_BUF_SIZE, true, tok);
		assert(r == 0);
		received++;
	}
	if (!received) {
		sim_log_at(vdev->sim, t, SIM_LOG_DEBUG, SIM_NO_COMPONENT, vdev->name,
			   "uhm, incoming signal, but no used buffer ?");
		return;
	}
	if (vring_drv_kick_needed(&vdev->rvq))
		kick(vdev, 0, rpmsg_vdev_advance(vdev, t, 0));
}

static void xmit_done(struct rpmsg_vdev *vdev, sim_time_t t)
{
	if (!vdev->sleepers || !rpmsg_vdev_tx_available(vdev))
		return;
	/* the woken writers retry; they sleep again (and re-enable the
	 * interrupt) if the buffer went to someone else */
	vdev->sleepers = 0;
	vring_drv_set_no_interrupt(&vdev->svq, true);
	if (vdev->cfg.hooks.tx_ready)
		vdev->cfg.hooks.tx_ready(vdev->cfg.hooks.ctx, t);
}

bool rpmsg_vdev_owns_notifyid(const struct rpmsg_vdev *vdev, uint32_t notifyid)
{
	return notifyid == vdev->cfg.notifyid[0] || notifyid == vdev->cfg.notifyid[1];
}

int rpmsg_vdev_notify(struct rpmsg_vdev *vdev, uint32_t notifyid, sim_time_t t)
{
	if (!rpmsg_vdev_owns_notifyid(vdev, notifyid))
		return -ENOENT;
	if (!vdev->started)
		return -ENODEV;
	assert(!vdev->in_rx && "rpmsg_vdev_notify re-entered from a callback");
	t = rpmsg_vdev_advance(vdev, t, vdev->cfg.lat.irq);
	vdev->in_rx = true;
	if (notifyid == vdev->cfg.notifyid[0])
		recv_done(vdev, t);
	else
		xmit_done(vdev, t);
	vdev->in_rx = false;
	return 0;
}

/* --- queries ------------------------------------------------------------- */

const char *rpmsg_vdev_name(const struct rpmsg_vdev *vdev)
{
	return vdev->name;
}

uint32_t rpmsg_vdev_features(const struct rpmsg_vdev *vdev)
{
	return vdev->features;
}

void rpmsg_vdev_get_stats(const struct rpmsg_vdev *vdev, struct rpmsg_vdev_stats *st)
{
	*st = vdev->stats;
	st->rx_posted = vdev->started ? vring_drv_outstanding(&vdev->rvq) : 0;
	st->tx_inflight = vdev->started ? vring_drv_outstanding(&vdev->svq) : 0;
	st->rx_broken = vdev->started && vdev->rvq.broken;
	st->tx_broken = vdev->started && vdev->svq.broken;
}

/* --- snapshots ----------------------------------------------------------- */


int rpmsg_vdev_save(struct rpmsg_vdev *vdev, struct snap_writer *w)
{
	snap_begin(w, "rpmsg-vdev");
	snap_put_bool(w, vdev->started);
	snap_put_u64(w, vdev->stats.rx_msgs);
	snap_put_u64(w, vdev->stats.tx_msgs);
	snap_put_u64(w, vdev->stats.rx_dropped);
	snap_put_u64(w, vdev->stats.kicks);
	snap_put_u64(w, vdev->clock);
	if (vdev->started) {
		snap_put_u8(w, vdev->status);
		snap_put_u32(w, vdev->features);
		snap_put_u32(w, vdev->last_sbuf);
		snap_put_u32(w, vdev->sleepers);
		vring_drv_save(&vdev->rvq, w);
		vring_drv_save(&vdev->svq, w);
		snap_put_u32(w, vdev->nepts);
		for (unsigned i = 0; i < vdev->nepts; i++)
			snap_put_u32(w, vdev->epts[i]->addr);
		snap_put_u32(w, vdev->nchans);
		for (unsigned i = 0; i < vdev->nchans; i++)
			rpmsg_channel_save(vdev->chans[i], w);
		snap_put_bool(w, vdev->ctrl_dev != NULL);
		if (vdev->ctrl_dev)
			rpmsg_channel_save(vdev->ctrl_dev, w);
		snap_put_bool(w, vdev->ns_dev != NULL);
		if (vdev->ns_dev)
			rpmsg_channel_save(vdev->ns_dev, w);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

/* Tokens name buffers: RX ones on vring 0, TX ones on vring 1. */
static bool tokens_ok(const struct vring_drv *vr, uint32_t lo, uint32_t hi)
{
	for (uint32_t i = 0; i < vr->num; i++) {
		if (!vr->slots[i].token)
			continue;
		uint32_t b = token_buf(vr->slots[i].token);
		if (b < lo || b >= hi)
			return false;
	}
	return true;
}

static bool add_restored_ept(struct rpmsg_vdev *vdev, uint32_t addr)
{
	if (vdev->nepts == vdev->cap_epts) {
		unsigned cap = vdev->cap_epts ? 2 * vdev->cap_epts : 8;
		struct rpmsg_ept **p = realloc(vdev->epts, cap * sizeof(*p));
		if (!p)
			return false;
		vdev->epts = p;
		vdev->cap_epts = cap;
	}
	struct rpmsg_ept *ept = calloc(1, sizeof(*ept));
	if (!ept)
		return false;
	ept->ops = &vdev_ept_ops;
	ept->transport = vdev;
	ept->addr = addr;
	vdev->epts[vdev->nepts++] = ept;
	return true;
}

static bool add_restored_chan(struct rpmsg_vdev *vdev, struct rpmsg_channel *ch)
{
	if (vdev->nchans == vdev->cap_chans) {
		unsigned cap = vdev->cap_chans ? 2 * vdev->cap_chans : 4;
		struct rpmsg_channel **p = realloc(vdev->chans, cap * sizeof(*p));
		if (!p)
			return false;
		vdev->chans = p;
		vdev->cap_chans = cap;
	}
	vdev->chans[vdev->nchans++] = ch;
	return true;
}

int rpmsg_vdev_restore(struct rpmsg_vdev *vdev, struct snap_reader *r)
{
	if (vdev->started) {
		snap_fail(r, "%s: restored over a started vdev", vdev->name);
		return -1;
	}
	snap_enter(r, "rpmsg-vdev");
	bool started = snap_get_bool(r);
	vdev->stats.rx_msgs = snap_get_u64(r);
	vdev->stats.tx_msgs = snap_get_u64(r);
	vdev->stats.rx_dropped = snap_get_u64(r);
	vdev->stats.kicks = snap_get_u64(r);
	vdev->clock = snap_get_u64(r);
	if (r->failed || !started) {
		snap_leave(r);
		return r->failed ? -1 : 0;
	}
	vdev->status = snap_get_u8(r);
	vdev->features = snap_get_u32(r);
	vdev->last_sbuf = snap_get_u32(r);
	vdev->sleepers = snap_get_u32(r);
	if (!r->failed && (vdev->last_sbuf < vdev->nrx || vdev->last_sbuf > vdev->nbufs))
		snap_fail(r, "%s: next TX buffer %u outside %u..%u", vdev->name, vdev->last_sbuf,
			  vdev->nrx, vdev->nbufs);
	if (r->failed)
		return -1;
	if (vring_drv_restore(&vdev->rvq, vdev->sim, vdev->bus, vdev->name, 0, vdev->cfg.vring_pa[0],
			      vdev->cfg.num, vdev->cfg.align, r) < 0)
		return -1;
	if (vring_drv_restore(&vdev->svq, vdev->sim, vdev->bus, vdev->name, 1, vdev->cfg.vring_pa[1],
			      vdev->cfg.num, vdev->cfg.align, r) < 0) {
		vring_drv_destroy(&vdev->rvq);
		return -1;
	}
	/* from here the vdev is started: discard undoes whatever follows */
	vdev->started = true;
	if (!tokens_ok(&vdev->rvq, 0, vdev->nrx) || !tokens_ok(&vdev->svq, vdev->nrx, vdev->nbufs)) {
		snap_fail(r, "%s: a vring holds a buffer that is not one of its own", vdev->name);
		return -1;
	}
	uint32_t nepts = snap_get_count(r, RPMSG_MAX_EPTS + 1, "the number of endpoints");
	for (uint32_t i = 0; i < nepts && !r->failed; i++) {
		uint32_t addr = snap_get_u32(r);
		if (r->failed)
			break;
		if (addr == RPMSG_ADDR_ANY || find_ept(vdev, addr))
			snap_fail(r, "%s: endpoint address 0x%x twice or ANY", vdev->name, addr);
		else if (!add_restored_ept(vdev, addr))
			snap_fail(r, "out of memory");
	}
	vdev->last_ept = NULL;
	uint32_t nchans = snap_get_count(r, RPMSG_MAX_CHANNELS + 1, "the number of channels");
	for (uint32_t i = 0; i < nchans && !r->failed; i++) {
		struct rpmsg_channel *ch = rpmsg_channel_restore(vdev->cfg.rpmsg_bus, vdev->dev_ops, vdev,
								 vdev->name, r);
		if (ch && !add_restored_chan(vdev, ch)) {
			rpmsg_channel_discard(ch);
			snap_fail(r, "out of memory");
		}
	}
	if (!r->failed && snap_get_bool(r))
		vdev->ctrl_dev = rpmsg_channel_restore(vdev->cfg.rpmsg_bus, vdev->dev_ops, vdev, vdev->name, r);
	if (!r->failed && snap_get_bool(r))
		vdev->ns_dev = rpmsg_channel_restore(vdev->cfg.rpmsg_bus, vdev->dev_ops, vdev, vdev->name, r);
	snap_leave(r);
	return r->failed ? -1 : 0;
}

struct rpmsg_ept *rpmsg_vdev_orphan_ept(const struct rpmsg_vdev *vdev)
{
	for (unsigned i = 0; i < vdev->nepts; i++)
		if (!vdev->epts[i]->cb)
			return vdev->epts[i];
	return NULL;
}

void rpmsg_vdev_discard(struct rpmsg_vdev *vdev)
{
	if (!vdev)
		return;
	while (vdev->nchans)
		rpmsg_channel_discard(vdev->chans[--vdev->nchans]);
	rpmsg_channel_discard(vdev->ctrl_dev);
	rpmsg_channel_discard(vdev->ns_dev);
	for (unsigned i = 0; i < vdev->nepts; i++)
		free(vdev->epts[i]);
	if (vdev->started) {
		vring_drv_destroy(&vdev->rvq);
		vring_drv_destroy(&vdev->svq);
	}
	free(vdev->epts);
	free(vdev->chans);
	free(vdev);
}
