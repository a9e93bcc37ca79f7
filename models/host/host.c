/* The host's assembly: what host.h says it owns, built in the order a
 * kernel brings it up (the rpmsg bus and its drivers, the char device
 * namespace, then one platform driver and remoteproc per remote), and the
 * hooks that tell its user what happened. */
#include "models/host/host.h"

#include <errno.h>
#include <stdlib.h>

#include "models/host/host_internal.h"
#include "models/host/rpmsg_ns.h"

static void on_state(void *ctx, struct rproc *rproc, enum rproc_state old, enum rproc_state now,
		     sim_time_t t)
{
	struct host *h = ctx;
	if (h->cfg.hooks.state)
		h->cfg.hooks.state(h->cfg.hooks.ctx, rproc->cfg.index, rproc->dev_name, old, now, t);
}

static void on_channel(void *ctx, struct rproc *rproc, struct rpmsg_channel *ch, bool created,
		       sim_time_t t)
{
	struct host *h = ctx;
	if (h->cfg.hooks.channel)
		h->cfg.hooks.channel(h->cfg.hooks.ctx, rproc->cfg.index, rproc->dev_name,
				     rpmsg_channel_name(ch), rpmsg_channel_devname(ch), created, t);
}

static void on_tx_ready(void *ctx, struct rproc *rproc, sim_time_t t)
{
	struct host *h = ctx;
	(void)rproc;
	if (h->cfg.hooks.tx_ready)
		h->cfg.hooks.tx_ready(h->cfg.hooks.ctx, t);
}

/* module_rpmsg_driver(...) of each driver the host's kernel has */
static int register_drivers(struct host *h)
{
	int rc = rpmsg_register_driver(h->rpmsg_bus, &rpmsg_ns_driver, NULL);
	if (rc == 0)
		rc = rpmsg_register_driver(h->rpmsg_bus, &rpmsg_ctrl_driver, h->chardevs);
	if (rc == 0)
		rc = rpmsg_register_driver(h->rpmsg_bus, &rpmsg_char_driver, h->chardevs);
	if (rc == 0)
		rc = rpmsg_register_driver(h->rpmsg_bus, &rpmsg_sample_driver, &h->sample);
	if (rc == 0)
		rc = rpmsg_register_driver(h->rpmsg_bus, &rpmsg_tty_driver, h->ttys);
	return rc;
}

struct host *host_create(struct sim *sim, const struct host_config *cfg)
{
	struct host *h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->sim = sim;
	h->cfg = *cfg;
	h->sample.count = RPMSG_SAMPLE_COUNT;
	rproc_pool_init(&h->pool, cfg->pool_base, cfg->pool_size);
	for (unsigned i = 0; i < cfg->nreserved; i++)
		rproc_pool_reserve(&h->pool, cfg->reserved[i].pa, cfg->reserved[i].size);
	h->cfg.reserved = NULL; /* borrowed for the call only */
	h->cfg.nreserved = 0;
	h->rpmsg_bus = rpmsg_bus_create(sim);
	h->chardevs = rpmsg_chardevs_create(sim);
	h->ttys = rpmsg_ttys_create(sim);
	h->virtio = rproc_virtio_create(&(struct rproc_virtio_config){
		.rpmsg_bus = h->rpmsg_bus,
		.irq_latency = cfg->irq_entry,
		.hooks = { .ctx = h, .channel = on_channel, .tx_ready = on_tx_ready },
	});
	if (!h->rpmsg_bus || !h->chardevs || !h->ttys || !h->virtio || register_drivers(h) != 0 ||
	    host_snapshot_register(h) != 0) {
		host_destroy(h);
		return NULL;
	}
	/* the char devices and ttys report straight to the user */
	struct rpmsg_chardevs_hooks dh = {
		.ctx = cfg->hooks.ctx, .readable = cfg->hooks.readable,
		.created = cfg->hooks.dev_created, .removed = cfg->hooks.dev_removed,
	};
	rpmsg_chardevs_set_hooks(h->chardevs, &dh);
	rpmsg_ttys_set_hooks(h->ttys, &dh);
	return h;
}

int host_add_remote(struct host *h, const struct host_remote_config *rc, struct diag *d)
{
	if (h->nremotes == HOST_MAX_REMOTES) {
		diag_error(d, "%s: more than %d remote processors", rc->name, HOST_MAX_REMOTES);
		return -1;
	}
	struct host_remote *hr = &h->remotes[h->nremotes];
	hr->host = h;
	hr->index = h->nremotes;
	hr->plat = rc->plat;
	struct rproc_config cfg = {
		.index = hr->index,
		.name = rc->name,
		.ops = &rproc_plat_ops,
		.priv = &hr->drv,
		.plat = &hr->plat,
		.pool = &h->pool,
		.host_bus = h->cfg.bus,
		.firmware = rc->firmware,
		.search = rc->search,
		.recovery_disabled = rc->recovery_disabled,
		.coredump = rc->coredump,
		.coredump_dir = rc->coredump_dir,
		.coredump_no_regs = rc->coredump_no_regs,
		.coredump_dry = rc->coredump_dry,
		.crash_latency = h->cfg.irq_entry,
		.subdev_latency = h->cfg.vdev_start,
		.devcd_seq = &h->devcd_seq,
		.vdev_ops = &rproc_virtio_vdev_ops,
		.vdev_ctx = h->virtio,
		.on_state = on_state,
		.state_ctx = h,
		.preloaded = rc->preloaded,
	};
	hr->rproc = rproc_create(h->sim, &cfg, d);
	if (!hr->rproc)
		return -1;
	/* the driver takes its interrupt lines only for a remote that exists */
	struct rproc_plat_res res = rc->res;
	res.irq_entry = h->cfg.irq_entry;
	rproc_plat_init(&hr->drv, h->sim, &res);
	rproc_plat_bind(&hr->drv, hr->rproc);
	h->nremotes++;
	return 0;
}

void host_destroy(struct host *h)
{
	if (!h)
		return;
	host_files_free(h);
	rpmsg_chardevs_destroy(h->chardevs);
	rpmsg_ttys_destroy(h->ttys);
	rproc_virtio_destroy(h->virtio);
	rpmsg_bus_destroy(h->rpmsg_bus);
	rproc_pool_destroy(&h->pool);
	free(h);
}

unsigned host_nremotes(const struct host *h)
{
	return h->nremotes;
}

static struct rproc *remote(const struct host *h, unsigned i)
{
	return i < h->nremotes ? h->remotes[i].rproc : NULL;
}

int host_boot(struct host *h, unsigned i, sim_time_t t)
{
	struct rproc *rp = remote(h, i);
	return rp ? rproc_boot(rp, t) : -ENOENT;
}

int host_report_crash(struct host *h, unsigned i, enum rproc_crash_type type, sim_time_t t)
{
	struct rproc *rp = remote(h, i);
	if (!rp)
		return -ENOENT;
	rproc_report_crash(rp, type, t);
	return 0;
}

int host_state(const struct host *h, unsigned i, enum rproc_state *out)
{
	const struct rproc *rp = remote(h, i);
	if (!rp)
		return -ENOENT;
	*out = rp->state;
	return 0;
}

const char *host_last_error(const struct host *h, unsigned i)
{
	const struct rproc *rp = remote(h, i);
	return rp && rp->last_error.n ? rp->last_error.msgs[0].text : NULL;
}

const char *host_firmware_path(const struct host *h, unsigned i)
{
	const struct rproc *rp = remote(h, i);
	return rp && rp->fw_path[0] ? rp->fw_path : NULL;
}

int host_last_crash(const struct host *h, unsigned i, enum rproc_crash_type *type, unsigned *count)
{
	const struct rproc *rp = remote(h, i);
	if (!rp || rp->crash_count == 0)
		return -ENOENT;
	*type = rp->crash_type;
	*count = rp->crash_count;
	return 0;
}

int host_channel(const struct host *h, unsigned i, struct host_channel *out)
{
	const struct rpmsg_channel *ch = rpmsg_bus_channel(h->rpmsg_bus, i);
	if (!ch)
		return -ENOENT;
	const struct rpmsg_driver *drv = rpmsg_channel_driver(ch);
	*out = (struct host_channel){
		.name = rpmsg_channel_name(ch), .devname = rpmsg_channel_devname(ch),
		.driver = drv ? drv->name : NULL,
		.src = rpmsg_channel_src(ch), .dst = rpmsg_channel_dst(ch),
	};
	return 0;
}

sim_time_t host_busy_until(const struct host *h)
{
	sim_time_t t = 0;
	for (unsigned i = 0; i < h->nremotes; i++) {
		sim_time_t b = rproc_busy_until(h->remotes[i].rproc);
		if (b > t)
			t = b;
	}
	return t;
}

void host_core_fatal(void *host, unsigned i, const struct cpu_fault *f, sim_time_t t)
{
	struct host *h = host;
	if (i < h->nremotes)
		rproc_plat_core_fatal(&h->remotes[i].drv, f, t);
}
