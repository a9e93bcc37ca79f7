/* Name service (Linux's rpmsg_ns.c) and channels: an announcement at
 * address 53 creates or destroys channel "virtio<N>.<name>.-1.<addr>", and
 * a driver is bound to it by name. */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rpmsg_char.h"
#include "models/host/rpmsg_internal.h"
#include "models/host/rpmsg_sample.h"
#include "sim/core/le.h"

/* Linux's rpmsg_id tables, flattened: name -> driver. */
static const struct rpmsg_driver *const drivers[] = {
	&rpmsg_char_driver,
	&rpmsg_sample_driver,
};

static const struct rpmsg_driver *match_driver(const char *name)
{
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (strncmp(drivers[i]->name, name, RPMSG_NAME_SIZE) == 0)
			return drivers[i];
	return NULL;
}

static void trace_channel(struct rpmsg_vdev *vdev, const struct rpmsg_channel *ch, bool created,
			  sim_time_t t)
{
	if (!vdev->sim->trace)
		return;
	/* the announced name, as doc/trace-format.md shows it */
	uint8_t rec[5 + RPMSG_NAME_SIZE];
	size_t n = strlen(ch->name);
	rec[0] = created;
	le32_store(rec + 1, ch->dst);
	memcpy(rec + 5, ch->name, n);
	sim_trace(vdev->sim, t, TRACE_CHANNEL, vdev->cfg.trace_id, rec, (uint32_t)(5 + n));
}

/* rpmsg_device_match: ANY in src or dst matches every address. */
static struct rpmsg_channel *find(struct rpmsg_vdev *vdev, const char *name, uint32_t src,
				  uint32_t dst)
{
	for (unsigned i = 0; i < vdev->nchans; i++) {
		struct rpmsg_channel *ch = vdev->chans[i];
		if ((src == RPMSG_ADDR_ANY || src == ch->src) &&
		    (dst == RPMSG_ADDR_ANY || dst == ch->dst) &&
		    strncmp(ch->name, name, RPMSG_NAME_SIZE) == 0)
			return ch;
	}
	return NULL;
}

static void bind_driver(struct rpmsg_vdev *vdev, struct rpmsg_channel *ch, sim_time_t t)
{
	const struct rpmsg_driver *drv = match_driver(ch->name);
	if (!drv) {
		sim_log_at(vdev->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, vdev->name,
			   "no driver for channel %s; kept unbound", ch->devname);
		return;
	}
	int err;
	/* rpmsg_dev_probe: the channel's endpoint first, then the driver */
	ch->ept = rpmsg_create_ept(vdev, drv->cb, ch, ch->src, &err);
	if (!ch->ept) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, ch->devname,
			   "failed to create endpoint (%d); channel left unbound", err);
		return;
	}
	ch->drv = drv;
	/* rpmsg_dev_probe: the channel takes its endpoint's address (the
	 * device name keeps the -1 it was registered with) */
	ch->src = rpmsg_ept_addr(ch->ept);
	int rc = drv->probe(ch, t);
	if (rc < 0) {
		sim_log_at(vdev->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, ch->devname,
			   "driver %s refused the channel (%d); kept unbound", drv->name, rc);
		ch->drv = NULL;
		rpmsg_destroy_ept(ch->ept);
		ch->ept = NULL;
		ch->src = RPMSG_ADDR_ANY;
	}
}

static void channel_create(struct rpmsg_vdev *vdev, const char *name, uint32_t dst, sim_time_t t)
{
	if (find(vdev, name, RPMSG_ADDR_ANY, dst)) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "channel %s:%x:%x already exist; rpmsg_create_channel failed", name,
			   RPMSG_ADDR_ANY, dst);
		return;
	}
	if (vdev->nchans >= RPMSG_MAX_CHANNELS) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "too many channels (%u); announcement of %s ignored", vdev->nchans, name);
		return;
	}
	if (vdev->nchans == vdev->cap_chans) {
		unsigned cap = vdev->cap_chans ? 2 * vdev->cap_chans : 4;
		struct rpmsg_channel **p = realloc(vdev->chans, cap * sizeof(*p));
		if (!p)
			goto oom;
		vdev->chans = p;
		vdev->cap_chans = cap;
	}
	struct rpmsg_channel *ch = calloc(1, sizeof(*ch));
	if (!ch)
		goto oom;
	ch->vdev = vdev;
	snprintf(ch->name, sizeof(ch->name), "%s", name);
	ch->src = RPMSG_ADDR_ANY;
	ch->dst = dst;
	/* dev_set_name(..., "%s.%s.%d.%d"): addresses print signed */
	snprintf(ch->devname, sizeof(ch->devname), "%s.%s.%" PRId32 ".%" PRId32, vdev->name,
		 ch->name, (int32_t)ch->src, (int32_t)ch->dst);
	vdev->chans[vdev->nchans++] = ch;
	trace_channel(vdev, ch, true, t);
	bind_driver(vdev, ch, t);
	if (vdev->cfg.hooks.channel)
		vdev->cfg.hooks.channel(vdev->cfg.hooks.ctx, ch, true, t);
	return;
oom:
	sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
		   "out of memory creating channel %s", name);
}

void rpmsg_channel_remove(struct rpmsg_vdev *vdev, struct rpmsg_channel *ch, sim_time_t t)
{
	if (vdev->cfg.hooks.channel)
		vdev->cfg.hooks.channel(vdev->cfg.hooks.ctx, ch, false, t);
	trace_channel(vdev, ch, false, t);
	if (ch->drv && ch->drv->remove)
		ch->drv->remove(ch, t);
	rpmsg_destroy_ept(ch->ept);
	for (unsigned i = 0; i < vdev->nchans; i++) {
		if (vdev->chans[i] == ch) {
			memmove(&vdev->chans[i], &vdev->chans[i + 1],
				(vdev->nchans - i - 1) * sizeof(*vdev->chans));
			vdev->nchans--;
			break;
		}
	}
	free(ch);
}

int rpmsg_ns_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		sim_time_t t)
{
	(void)ept;
	(void)src;
	struct rpmsg_vdev *vdev = priv;
	if (len != RPMSG_NS_MSG_SIZE) {
		vdev->stats.rx_dropped++;
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "malformed ns msg (%zu): a name-service message is %d bytes", len,
			   RPMSG_NS_MSG_SIZE);
		return -EINVAL;
	}
	const uint8_t *msg = data;
	char name[RPMSG_NAME_SIZE];
	memcpy(name, msg, RPMSG_NAME_SIZE);
	/* don't trust the remote processor for null terminating the name */
	if (!memchr(name, 0, RPMSG_NAME_SIZE))
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "ns msg name not NUL-terminated; cut to %d characters",
			   RPMSG_NAME_SIZE - 1);
	name[RPMSG_NAME_SIZE - 1] = '\0';
	uint32_t addr = le32_load(msg + RPMSG_NAME_SIZE);
	uint32_t flags = le32_load(msg + RPMSG_NAME_SIZE + 4);
	bool destroy = flags & RPMSG_NS_DESTROY;
	sim_log_at(vdev->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, vdev->name, "%sing channel %s addr 0x%" PRIx32,
		   destroy ? "destroy" : "creat", name, addr);
	if (!destroy) {
		channel_create(vdev, name, addr, t);
		return 0;
	}
	struct rpmsg_channel *ch = find(vdev, name, RPMSG_ADDR_ANY, addr);
	if (!ch) {
		sim_log_at(vdev->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vdev->name,
			   "rpmsg_destroy_channel failed: %d (no channel %s addr 0x%" PRIx32 ")",
			   -EINVAL, name, addr);
		return -EINVAL;
	}
	rpmsg_channel_remove(vdev, ch, t);
	return 0;
}

/* --- channel accessors --------------------------------------------------- */

const char *rpmsg_channel_name(const struct rpmsg_channel *ch)
{
	return ch->name;
}

const char *rpmsg_channel_devname(const struct rpmsg_channel *ch)
{
	return ch->devname;
}

uint32_t rpmsg_channel_src(const struct rpmsg_channel *ch)
{
	return ch->src;
}

uint32_t rpmsg_channel_dst(const struct rpmsg_channel *ch)
{
	return ch->dst;
}

struct rpmsg_ept *rpmsg_channel_ept(const struct rpmsg_channel *ch)
{
	return ch->ept;
}

struct rpmsg_vdev *rpmsg_channel_vdev(const struct rpmsg_channel *ch)
{
	return ch->vdev;
}

const struct rpmsg_driver *rpmsg_channel_driver(const struct rpmsg_channel *ch)
{
	return ch->drv;
}

void *rpmsg_channel_drvdata(const struct rpmsg_channel *ch)
{
	return ch->drvdata;
}

void rpmsg_channel_set_drvdata(struct rpmsg_channel *ch, void *data)
{
	ch->drvdata = data;
}

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
		if (strcmp(ch->name, name) == 0 || strcmp(ch->devname, name) == 0)
			return ch;
	}
	return NULL;
}
