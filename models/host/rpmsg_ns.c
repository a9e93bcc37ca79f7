/* Name service: rpmsg_ns_probe makes the endpoint at address 53,
 * rpmsg_ns_cb checks each announcement and asks the transport for the
 * channel (rpmsg_create_channel / rpmsg_release_channel). */
#include "models/host/rpmsg_ns.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

static int ns_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		 sim_time_t t)
{
	(void)ept;
	(void)src;
	struct rpmsg_channel *ch = priv;
	struct sim *sim = rpmsg_channel_sim(ch);
	const char *who = rpmsg_channel_parent(ch);
	if (len != RPMSG_NS_MSG_SIZE) {
		sim_log_at(sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, who,
			   "malformed ns msg (%zu): a name-service message is %d bytes", len,
			   RPMSG_NS_MSG_SIZE);
		return RPMSG_RX_DROPPED;
	}
	const uint8_t *msg = data;
	char name[RPMSG_NAME_SIZE];
	memcpy(name, msg, RPMSG_NAME_SIZE);
	/* don't trust the remote processor for null terminating the name */
	if (!memchr(name, 0, RPMSG_NAME_SIZE))
		sim_log_at(sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, who,
			   "ns msg name not NUL-terminated; cut to %d characters",
			   RPMSG_NAME_SIZE - 1);
	name[RPMSG_NAME_SIZE - 1] = '\0';
	uint32_t addr = le32_load(msg + RPMSG_NAME_SIZE);
	uint32_t flags = le32_load(msg + RPMSG_NAME_SIZE + 4);
	bool destroy = flags & RPMSG_NS_DESTROY;
	sim_log_at(sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, who, "%sing channel %s addr 0x%" PRIx32,
		   destroy ? "destroy" : "creat", name, addr);
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY, .dst = addr };
	memcpy(chinfo.name, name, RPMSG_NAME_SIZE);
	if (!destroy) {
		/* the transport logs why it could not */
		rpmsg_create_channel(ch, &chinfo, t);
		return 0;
	}
	int ret = rpmsg_release_channel(ch, &chinfo, t);
	if (ret)
		sim_log_at(sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, who,
			   "rpmsg_destroy_channel failed: %d (no channel %s addr 0x%" PRIx32 ")", ret,
			   name, addr);
	return ret;
}

static int ns_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	int err;
	struct rpmsg_ept *ept = rpmsg_create_ept(ch, ns_cb, ch, RPMSG_NS_ADDR, &err);
	if (!ept)
		return err;
	rpmsg_channel_set_drvdata(ch, ept);
	return 0;
}

static void ns_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	(void)t;
	rpmsg_destroy_ept(rpmsg_channel_drvdata(ch));
	rpmsg_channel_set_drvdata(ch, NULL);
}

/* Snapshots: the endpoint probe made, by address. */
static int ns_save(struct rpmsg_channel *ch, struct snap_writer *w)
{
	struct rpmsg_ept *ept = rpmsg_channel_drvdata(ch);
	snap_put_bool(w, ept != NULL);
	snap_put_u32(w, ept ? rpmsg_ept_addr(ept) : 0);
	return w->failed ? -1 : 0;
}

static int ns_restore(struct rpmsg_channel *ch, struct snap_reader *r)
{
	bool has = snap_get_bool(r);
	uint32_t addr = snap_get_u32(r);
	if (r->failed || !has)
		return r->failed ? -1 : 0;
	struct rpmsg_ept *ept = rpmsg_channel_find_ept(ch, addr);
	if (!ept) {
		snap_fail(r, "%s: the name service's endpoint 0x%x is not there",
			  rpmsg_channel_devname(ch), addr);
		return -1;
	}
	rpmsg_ept_set_cb(ept, ns_cb, ch);
	rpmsg_channel_set_drvdata(ch, ept);
	return 0;
}

const struct rpmsg_driver rpmsg_ns_driver = {
	.name = "rpmsg_ns",
	.probe = ns_probe,
	.remove = ns_remove,
	.save = ns_save,
	.restore = ns_restore,
};
