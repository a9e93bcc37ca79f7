/* Snapshots of a virtio-rpmsg transport (virtio_rpmsg.h): its status,
 * features, buffers, host clock, both rings' shadows, its endpoints by
 * address and the channels it registered.  Restoring makes the endpoints
 * without callbacks; the owners of each (the channels' drivers, the char
 * devices) give them back, and an endpoint nobody claims is reported by
 * rpmsg_vdev_orphan_ept. */
#include <stdlib.h>

#include "models/host/virtio_rpmsg_internal.h"
#include "sim/core/snap.h"

int rpmsg_vdev_save(struct rpmsg_vdev *vdev, struct snap_writer *w)
{
	snap_begin(w, "rpmsg-vdev");
	snap_put_bool(w, vdev->started);
	snap_put_u64(w, vdev->stats.rx_msgs);
	snap_put_u64(w, vdev->stats.tx_msgs);
	snap_put_u64(w, vdev->stats.rx_dropped);
	snap_put_u64(w, vdev->stats.rx_lost);
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
	ept->ops = &rpmsg_vdev_ept_ops;
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
	vdev->stats.rx_lost = snap_get_u64(r);
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
		if (addr == RPMSG_ADDR_ANY || rpmsg_vdev_find_ept(vdev, addr))
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
