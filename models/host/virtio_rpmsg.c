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

#include "models/host/host_poll.h"
#include "models/host/rsc_table.h"
#include "models/host/virtio_rpmsg_internal.h"
#include "sim/core/le.h"

static void destroy_ept(struct rpmsg_ept *ept);
static int vdev_send(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len,
		     bool nonblock, sim_time_t t);
static struct rpmsg_ept *create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				    uint32_t src, int *err);
static struct rpmsg_ept *ch_find_ept(struct rpmsg_channel *ch, uint32_t addr);

/* What the rpmsg core calls: endpoints live here, the name service's
 * channel requests in virtio_rpmsg_chan.c. */
static unsigned vdev_poll(struct rpmsg_ept *ept);
static void vdev_give_up(struct rpmsg_ept *ept);

const struct rpmsg_endpoint_ops rpmsg_vdev_ept_ops = {
	.destroy_ept = destroy_ept,
	.send = vdev_send,
	.poll = vdev_poll,
	.give_up = vdev_give_up,
};

static const struct rpmsg_device_ops vdev_dev_ops = {
	.create_ept = create_ept,
	.create_channel = rpmsg_vdev_create_channel,
	.release_channel = rpmsg_vdev_release_channel,
	.find_ept = ch_find_ept,
	.announce_create = rpmsg_vdev_announce_create,
	.announce_destroy = rpmsg_vdev_announce_destroy,
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
	for (unsigned i = 0; i < 2 && !cfg->rsc_host; i++) {
		if (cfg->vring_rsc_pa[i] &&
		    !bus_ram_ptr(host_bus, cfg->vring_rsc_pa[i], RSC_VRING_SIZE, NULL, NULL)) {
			snprintf(err, errlen,
				 "virtio%u: table entry of vring%u at 0x%" PRIx64 " is not in host RAM",
				 cfg->index, i, cfg->vring_rsc_pa[i]);
			return NULL;
		}
	}
	if (!cfg->rsc_host && (!bus_ram_ptr(host_bus, cfg->status_pa, 1, NULL, NULL) ||
			       !bus_ram_ptr(host_bus, cfg->gfeatures_pa, 4, NULL, NULL))) {
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

/* A field of the vdev's resource-table entry: in device memory at pa, or
 * at entry_off in the host's cached copy (cfg.rsc_host). */
static void rsc_write(struct rpmsg_vdev *vdev, uint64_t pa, uint32_t entry_off, const void *src,
		      size_t n)
{
	if (vdev->cfg.rsc_host) {
		memcpy(vdev->cfg.rsc_host + entry_off, src, n);
		return;
	}
	enum bus_status st = bus_write_block(vdev->bus, pa, src, n);
	assert(st == BUS_OK); /* checked to be RAM at create */
	(void)st;
}

static void write_status(struct rpmsg_vdev *vdev, uint8_t status, sim_time_t t)
{
	rsc_write(vdev, vdev->cfg.status_pa, RSC_VDEV_STATUS, &status, 1);
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
		if (!vdev->cfg.vring_rsc_pa[i] && !vdev->cfg.rsc_host)
			continue;
		uint32_t at = RSC_VDEV_VRINGS + RSC_VRING_SIZE * i;
		uint8_t w[4];
		le32_store(w, vdev->cfg.vring_da[i]);
		rsc_write(vdev, vdev->cfg.vring_rsc_pa[i] + RSC_VRING_DA, at + RSC_VRING_DA, w, 4);
		le32_store(w, vdev->cfg.notifyid[i]);
		rsc_write(vdev, vdev->cfg.vring_rsc_pa[i] + RSC_VRING_NOTIFYID, at + RSC_VRING_NOTIFYID,
			  w, 4);
	}
	/* virtio core: reset, ACKNOWLEDGE at registration, DRIVER at probe */
	write_status(vdev, 0, t);
	write_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE, t);
	write_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER, t);
	/* virtio_dev_probe: the driver's features (VIRTIO_RPMSG_F_NS) the
	 * device offers, plus the transport bits it offers that
	 * vring_transport_features keeps (indirect descriptors, event-idx);
	 * rproc_virtio_finalize_features writes the result to gfeatures */
	vdev->features = vdev->cfg.dfeatures & VIRTIO_RPMSG_DRIVER_FEATURES;
	bool event = vdev->features & (1u << VIRTIO_RING_F_EVENT_IDX);
	vring_drv_set_event_idx(&vdev->rvq, event);
	vring_drv_set_event_idx(&vdev->svq, event);
	uint8_t f[4];
	le32_store(f, vdev->features);
	rsc_write(vdev, vdev->cfg.gfeatures_pa, RSC_VDEV_GFEATURES, f, 4);
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
	/* virtio_dev_remove, after the driver's remove reset the device:
	 * "Acknowledge the device's existence again" */
	write_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE, t);
}

bool rpmsg_vdev_started(const struct rpmsg_vdev *vdev)
{
	return vdev->started;
}

/* --- endpoints ----------------------------------------------------------- */

struct rpmsg_ept *rpmsg_vdev_find_ept(struct rpmsg_vdev *vdev, uint32_t addr)
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
		while (rpmsg_vdev_find_ept(vdev, addr))
			addr++;
	} else if (src > INT32_MAX) {
		/* __rpmsg_create_ept: idr_alloc's start is an int, and a
		 * negative one is refused with -EINVAL */
		set_err(err, -EINVAL);
		return NULL;
	} else if (rpmsg_vdev_find_ept(vdev, addr)) {
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
	ept->ops = &rpmsg_vdev_ept_ops;
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
	return rpmsg_vdev_find_ept(rpmsg_channel_transport(ch), addr);
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

/* virtio_rpmsg_poll: a TX buffer never used yet, or else
 * !virtqueue_enable_cb(svq), which leaves TX-complete interrupts on */
static unsigned vdev_poll(struct rpmsg_ept *ept)
{
	struct rpmsg_vdev *vdev = ept->transport;
	if (!vdev->started || vdev->svq.broken)
		return 0;
	if (vdev->last_sbuf < vdev->nbufs || vring_drv_set_no_interrupt(&vdev->svq, false))
		return HOST_POLLOUT;
	return 0;
}

/* rpmsg_downref_sleepers after the 15 s timeout: the last sleeper turns
 * TX-complete interrupts off */
static void vdev_give_up(struct rpmsg_ept *ept)
{
	struct rpmsg_vdev *vdev = ept->transport;
	if (vdev->started && vdev->sleepers && --vdev->sleepers == 0)
		vring_drv_set_no_interrupt(&vdev->svq, true);
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

/* rpmsg_recv_single with the used.len < 16 hole closed.  0 when the
 * buffer can go back on the ring (delivered, or no recipient: Linux posts
 * it again), -EINVAL for a bad message. */
static int recv_single(struct rpmsg_vdev *vdev, uint32_t idx, uint32_t len, sim_time_t t)
{
	uint8_t *buf = vdev->rxbuf;
	if (len < RPMSG_HDR_SIZE) {
		drop(vdev, t, "inbound msg too short: (%" PRIu32 ") in buffer %" PRIu32, len, idx);
		return -EINVAL;
	}
	enum bus_status st = bus_read_block(vdev->bus, buf_pa(vdev, idx), buf, RPMSG_HDR_SIZE);
	assert(st == BUS_OK);
	uint32_t src = le32_load(buf + RPMSG_HDR_SRC);
	uint32_t dst = le32_load(buf + RPMSG_HDR_DST);
	uint16_t msg_len = le16_load(buf + RPMSG_HDR_LEN);
	if (len > RPMSG_BUF_SIZE || msg_len > len - RPMSG_HDR_SIZE) {
		drop(vdev, t, "inbound msg too big: (%" PRIu32 ", %u) from 0x%" PRIx32
		     " to 0x%" PRIx32, len, msg_len, src, dst);
		return -EINVAL;
	}
	st = bus_read_block(vdev->bus, buf_pa(vdev, idx) + RPMSG_HDR_SIZE, buf + RPMSG_HDR_SIZE,
			    msg_len);
	assert(st == BUS_OK);
	(void)st;
	trace_msg(vdev, t, 1, src, dst, buf + RPMSG_HDR_SIZE, msg_len);
	struct rpmsg_ept *ept = rpmsg_vdev_find_ept(vdev, dst);
	if (ept && !ept->cb)
		return 0; /* Linux drops it quietly */
	if (!ept) {
		drop(vdev, t, "msg received with no recipient (src 0x%" PRIx32 ", dst 0x%" PRIx32
		     ", len %u)", src, dst, msg_len);
		return 0;
	}
	vdev->stats.rx_msgs++;
	if (ept->cb(ept, buf + RPMSG_HDR_SIZE, msg_len, src, ept->priv, t) == RPMSG_RX_DROPPED)
		vdev->stats.rx_dropped++;
	return 0;
}

/* rpmsg_recv_done: every used buffer in turn, each posted again after its
 * message; the first bad message ends the loop and its buffer is not
 * posted again (lost until the device is reset), the used entries after it
 * wait for the next interrupt; the remote is kicked only if some buffer
 * went back. */
static void recv_done(struct rpmsg_vdev *vdev, sim_time_t t)
{
	unsigned received = 0;
	bool any = false;
	for (;;) {
		void *tok;
		uint32_t len;
		int r = vring_drv_get_used(&vdev->rvq, &tok, &len, t);
		if (r <= 0)
			break;
		any = true;
		uint32_t idx = token_buf(tok);
		assert(idx < vdev->nrx);
		t = rpmsg_vdev_advance(vdev, t, vdev->cfg.lat.rx_msg);
		if (recv_single(vdev, idx, len, t) != 0) {
			vdev->stats.rx_lost++;
			sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
				   "RX buffer %" PRIu32 " is lost with that message, as in Linux "
				   "(%" PRIu32 " of %" PRIu32 " left on vring 0 until the device is reset); "
				   "the messages after it wait for the next interrupt", idx,
				   vring_drv_outstanding(&vdev->rvq), vdev->nrx);
			break;
		}
		r = vring_drv_add_buf(&vdev->rvq, buf_pa(vdev, idx), RPMSG_BUF_SIZE, true, tok);
		assert(r == 0);
		received++;
	}
	if (!any) {
		sim_log_at(vdev->sim, t, SIM_LOG_DEBUG, SIM_NO_COMPONENT, vdev->name,
			   "uhm, incoming signal, but no used buffer ?");
		return;
	}
	if (received && vring_drv_kick_needed(&vdev->rvq))
		kick(vdev, 0, rpmsg_vdev_advance(vdev, t, 0));
}

/* rpmsg_xmit_done: wake up whoever waits for a TX buffer (writers, and
 * pollers since virtio_rpmsg_poll turned the interrupt on).  The woken
 * writers stay sleepers until they find a buffer or give up
 * (rpmsg_send_give_up): the last one turns the interrupt off. */
static void xmit_done(struct rpmsg_vdev *vdev, sim_time_t t)
{
	if (!rpmsg_vdev_tx_available(vdev))
		return;
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
