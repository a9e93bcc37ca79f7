/* The devices the virtio-rpmsg transport registers on the rpmsg core: the
 * channels the remote announces (virtio_rpmsg_create_channel,
 * virtio_rpmsg_release_channel), its ctrl device
 * (rpmsg_virtio_add_ctrl_dev) and its name-service device
 * (rpmsg_ns_register_device).  Which driver serves each is the core's
 * business (rpmsg_core.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "models/host/rpmsg_ns.h"
#include "models/host/virtio_rpmsg_internal.h"
#include "sim/core/le.h"

static void trace_channel(struct rpmsg_vdev *vdev, const struct rpmsg_channel *ch, bool created,
			  sim_time_t t)
{
	/* the announced name, as doc/trace-format.md shows it */
	record_channel(vdev->sim->trace, t, vdev->cfg.trace_id, created, rpmsg_channel_dst(ch),
		       rpmsg_channel_name(ch));
}

/* rpmsg_device_match: ANY in src or dst matches every address. */
static int find(const struct rpmsg_vdev *vdev, const char *name, uint32_t src, uint32_t dst)
{
	for (unsigned i = 0; i < vdev->nchans; i++) {
		const struct rpmsg_channel *ch = vdev->chans[i];
		if ((src == RPMSG_ADDR_ANY || src == rpmsg_channel_src(ch)) &&
		    (dst == RPMSG_ADDR_ANY || dst == rpmsg_channel_dst(ch)) &&
		    strncmp(rpmsg_channel_name(ch), name, RPMSG_NAME_SIZE) == 0)
			return (int)i;
	}
	return -1;
}

/* __rpmsg_create_channel: refused when a matching channel exists; one the
 * host makes with a local address announces itself (rpdev->announce) */
int rpmsg_vdev_create_channel(struct rpmsg_channel *ns, const struct rpmsg_channel_info *chinfo,
			      sim_time_t t)
{
	struct rpmsg_vdev *vdev = rpmsg_channel_transport(ns);
	char name[RPMSG_NAME_SIZE];
	snprintf(name, sizeof(name), "%.*s", RPMSG_NAME_SIZE - 1, chinfo->name);
	if (find(vdev, name, chinfo->src, chinfo->dst) >= 0) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "channel %s:%x:%x already exist; rpmsg_create_channel failed", name,
			   chinfo->src, chinfo->dst);
		return -EEXIST;
	}
	if (vdev->nchans >= RPMSG_MAX_CHANNELS) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "too many channels (%u); announcement of %s ignored", vdev->nchans, name);
		return -ENOSPC;
	}
	if (vdev->nchans == vdev->cap_chans) {
		unsigned cap = vdev->cap_chans ? 2 * vdev->cap_chans : 4;
		struct rpmsg_channel **p = realloc(vdev->chans, cap * sizeof(*p));
		if (!p)
			goto oom;
		vdev->chans = p;
		vdev->cap_chans = cap;
	}
	struct rpmsg_channel_info info = { .src = chinfo->src, .dst = chinfo->dst };
	memcpy(info.name, name, sizeof(name));
	struct rpmsg_channel *ch = rpmsg_channel_new(vdev->cfg.rpmsg_bus, vdev->dev_ops, vdev,
						     vdev->name, &info, NULL);
	if (!ch)
		goto oom;
	rpmsg_channel_set_announce(ch, chinfo->src != RPMSG_ADDR_ANY);
	vdev->chans[vdev->nchans++] = ch;
	trace_channel(vdev, ch, true, t);
	if (rpmsg_register_device(ch, t) != 0) {
		trace_channel(vdev, ch, false, t);
		vdev->nchans--;
		rpmsg_unregister_device(ch, t);
		goto oom;
	}
	if (vdev->cfg.hooks.channel)
		vdev->cfg.hooks.channel(vdev->cfg.hooks.ctx, ch, true, t);
	return 0;
oom:
	sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
		   "out of memory creating channel %s", name);
	return -ENOMEM;
}

static void remove_channel(struct rpmsg_vdev *vdev, unsigned i, sim_time_t t)
{
	struct rpmsg_channel *ch = vdev->chans[i];
	if (vdev->cfg.hooks.channel)
		vdev->cfg.hooks.channel(vdev->cfg.hooks.ctx, ch, false, t);
	trace_channel(vdev, ch, false, t);
	rpmsg_unregister_device(ch, t);
	memmove(&vdev->chans[i], &vdev->chans[i + 1], (vdev->nchans - i - 1) * sizeof(*vdev->chans));
	vdev->nchans--;
}

/* rpmsg_unregister_device: the channel matching chinfo (ANY matches any
 * address), -EINVAL if none */
int rpmsg_vdev_release_channel(struct rpmsg_channel *ns, const struct rpmsg_channel_info *chinfo,
			       sim_time_t t)
{
	struct rpmsg_vdev *vdev = rpmsg_channel_transport(ns);
	char name[RPMSG_NAME_SIZE];
	snprintf(name, sizeof(name), "%.*s", RPMSG_NAME_SIZE - 1, chinfo->name);
	int i = find(vdev, name, chinfo->src, chinfo->dst);
	if (i < 0)
		return -EINVAL;
	remove_channel(vdev, (unsigned)i, t);
	return 0;
}

/* virtio_rpmsg_announce_create / _destroy: a name-service message from the
 * channel's endpoint to the remote's address 53, when the remote offered
 * the name service */
static int announce(struct rpmsg_channel *ch, uint32_t flags, sim_time_t t)
{
	struct rpmsg_vdev *vdev = rpmsg_channel_transport(ch);
	struct rpmsg_ept *ept = rpmsg_channel_ept(ch);
	if (!rpmsg_channel_announce(ch) || !ept ||
	    !(vdev->features & (1u << VIRTIO_RPMSG_F_NS_BIT)))
		return 0;
	uint8_t msg[RPMSG_NS_MSG_SIZE] = { 0 };
	snprintf((char *)msg, RPMSG_NAME_SIZE, "%s", rpmsg_channel_name(ch));
	le32_store(msg + RPMSG_NAME_SIZE, rpmsg_ept_addr(ept));
	le32_store(msg + RPMSG_NAME_SIZE + 4, flags);
	int err = rpmsg_send(ept, RPMSG_NS_ADDR, msg, sizeof(msg), false, t);
	if (err == RPMSG_WOULD_BLOCK)
		err = -ENOMEM; /* Linux would wait for a TX buffer; this cannot */
	if (err)
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT,
			   rpmsg_channel_devname(ch), "failed to announce service %d", err);
	return err;
}

int rpmsg_vdev_announce_create(struct rpmsg_channel *ch, sim_time_t t)
{
	return announce(ch, RPMSG_NS_CREATE, t);
}

int rpmsg_vdev_announce_destroy(struct rpmsg_channel *ch, sim_time_t t)
{
	return announce(ch, RPMSG_NS_DESTROY, t);
}

/* A device of the vdev itself, bound by driver_override. */
static struct rpmsg_channel *add_own(struct rpmsg_vdev *vdev, const char *name, uint32_t addr,
				     sim_time_t t)
{
	struct rpmsg_channel_info info = { .src = addr, .dst = addr };
	snprintf(info.name, sizeof(info.name), "%s", name);
	struct rpmsg_channel *ch = rpmsg_channel_new(vdev->cfg.rpmsg_bus, vdev->dev_ops, vdev,
						     vdev->name, &info, name);
	if (ch && rpmsg_register_device(ch, t) == 0)
		return ch;
	rpmsg_unregister_device(ch, t);
	sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
		   "out of memory registering the %s device", name);
	return NULL;
}

void rpmsg_vdev_add_devices(struct rpmsg_vdev *vdev, sim_time_t t)
{
	vdev->ctrl_dev = add_own(vdev, "rpmsg_ctrl", RPMSG_ADDR_ANY, t);
	if (vdev->features & (1u << VIRTIO_RPMSG_F_NS_BIT))
		vdev->ns_dev = add_own(vdev, "rpmsg_ns", RPMSG_NS_ADDR, t);
}

void rpmsg_vdev_remove_devices(struct rpmsg_vdev *vdev, sim_time_t t)
{
	/* Channels first, in creation order, then the ctrl device (its
	 * driver removes the /dev/rpmsgN it made, then /dev/rpmsg_ctrlN).
	 * Linux >= 5.18 removes the ctrl device first; rpsim keeps the order
	 * its timelines and traces have always shown. */
	while (vdev->nchans)
		remove_channel(vdev, 0, t);
	rpmsg_unregister_device(vdev->ctrl_dev, t);
	vdev->ctrl_dev = NULL;
	rpmsg_unregister_device(vdev->ns_dev, t);
	vdev->ns_dev = NULL;
}

/* --- the announced channels ---------------------------------------------- */

unsigned rpmsg_vdev_channel_count(const struct rpmsg_vdev *vdev)
{
	return vdev->nchans;
}

struct rpmsg_channel *rpmsg_vdev_channel(const struct rpmsg_vdev *vdev, unsigned i)
{
	return i < vdev->nchans ? vdev->chans[i] : NULL;
}

struct rpmsg_channel *rpmsg_vdev_find_channel(const struct rpmsg_vdev *vdev, const char *name)
{
	for (unsigned i = 0; i < vdev->nchans; i++) {
		struct rpmsg_channel *ch = vdev->chans[i];
		if (strcmp(rpmsg_channel_name(ch), name) == 0 ||
		    strcmp(rpmsg_channel_devname(ch), name) == 0)
			return ch;
	}
	return NULL;
}
