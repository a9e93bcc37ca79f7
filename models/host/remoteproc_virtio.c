/* The vdevs of the remoteprocs: creation from the vdev resource, start and
 * stop with the rproc, the rpmsg buffer pool, virtio device numbers and
 * both kick directions.  Follows drivers/remoteproc/remoteproc_virtio.c
 * (rproc_add_virtio_dev, rproc_vdev_do_start/stop, rproc_virtio_notify,
 * rproc_remove_virtio_dev). */
#include "models/host/remoteproc_virtio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/snap.h"

struct rproc_virtio {
	struct rproc_virtio_config cfg;
	bool used[RPROC_VIRTIO_MAX_DEVS]; /* virtio device numbers taken */
};

/* Linux's struct rproc_vdev. */
struct rproc_vdev {
	struct rproc_virtio *rv;
	struct rproc *rproc;
	unsigned index;               /* vdev index in its rproc */
	struct rproc_vdev_info info;  /* the handled vdev resource */
	struct rpmsg_vdev *v;         /* the transport, while started */
	uint64_t pool_pa;             /* its buffers, while started */
	bool pool_region;             /* ... in its vdevNbuffer region (not the pool) */
	unsigned virtio_index;        /* N of virtioN, while started */
	bool unbound;                 /* registered, no driver for its id (started) */
};

struct rproc_virtio *rproc_virtio_create(const struct rproc_virtio_config *cfg)
{
	struct rproc_virtio *rv = calloc(1, sizeof(*rv));
	if (rv)
		rv->cfg = *cfg;
	return rv;
}

void rproc_virtio_destroy(struct rproc_virtio *rv)
{
	free(rv);
}

void rproc_virtio_config_from_rsc(struct rpmsg_vdev_config *cfg, uint64_t table_pa,
				  const struct rproc_vdev_info *vi)
{
	for (unsigned i = 0; i < 2 && i < vi->nvrings; i++) {
		cfg->vring_pa[i] = vi->vring[i].pa;
		cfg->vring_da[i] = vi->vring[i].da;
		cfg->notifyid[i] = vi->vring[i].notifyid;
		cfg->vring_rsc_pa[i] =
			table_pa + vi->rsc_offset + RSC_VDEV_VRINGS + (uint64_t)RSC_VRING_SIZE * i;
	}
	cfg->num = vi->vring[0].num;
	cfg->align = vi->vring[0].align;
	cfg->status_pa = table_pa + vi->rsc_offset + RSC_VDEV_STATUS;
	cfg->gfeatures_pa = table_pa + vi->rsc_offset + RSC_VDEV_GFEATURES;
	cfg->dfeatures = vi->dfeatures;
}

/* --- the transport's hooks ------------------------------------------------ */

/* rproc_virtio_notify: host -> remote, through the platform driver */
static void virtio_notify(void *ctx, uint32_t notifyid, sim_time_t t)
{
	struct rproc_vdev *vd = ctx;
	vd->rproc->cfg.ops->kick(vd->rproc, notifyid, t);
}

static void virtio_channel(void *ctx, struct rpmsg_channel *ch, bool created, sim_time_t t)
{
	struct rproc_vdev *vd = ctx;
	const struct rproc_virtio_hooks *h = &vd->rv->cfg.hooks;
	if (h->channel)
		h->channel(h->ctx, vd->rproc, ch, created, t);
}

static void virtio_tx_ready(void *ctx, sim_time_t t)
{
	struct rproc_vdev *vd = ctx;
	const struct rproc_virtio_hooks *h = &vd->rv->cfg.hooks;
	if (h->tx_ready)
		h->tx_ready(h->ctx, vd->rproc, t);
}

/* --- the subdevice -------------------------------------------------------- */

/* rproc_handle_vdev: the vdev exists from the handled resources on; its
 * virtio device only once the rproc starts (the status byte lives in the
 * loaded table, which exists only after loading). */
static void *vdev_create(void *ctx, struct rproc *rproc, unsigned index,
			 const struct rproc_vdev_info *vi, sim_time_t t)
{
	(void)t;
	struct rproc_vdev *vd = calloc(1, sizeof(*vd));
	if (!vd)
		return NULL;
	vd->rv = ctx;
	vd->rproc = rproc;
	vd->index = index;
	vd->info = *vi;
	return vd;
}

/* The vdev entry's status byte, wherever Linux's table_ptr is (the table
 * in device memory, or the cached copy). */
static void write_status(struct rproc_vdev *vd, uint8_t status)
{
	struct rproc *rproc = vd->rproc;
	uint32_t off = vd->info.rsc_offset + RSC_VDEV_STATUS;
	if (!rproc->img.table || off >= rproc->img.table_size)
		return;
	if (!rproc->img.table_loaded)
		rproc->img.table[off] = status;
	else
		bus_write_block(rproc->cfg.host_bus, rproc->img.table_pa + off, &status, 1);
}

/* rproc_vdev_do_stop -> rproc_remove_virtio_dev */
static void vdev_stop(void *p, bool crashed, sim_time_t t)
{
	struct rproc_vdev *vd = p;
	(void)crashed;
	(void)t;
	if (vd->unbound) {
		/* unregister_virtio_device: no driver, nothing to remove */
		vd->unbound = false;
		vd->rv->used[vd->virtio_index] = false;
		return;
	}
	if (!vd->v)
		return;
	rpmsg_vdev_stop(vd->v, t);
	rpmsg_vdev_destroy(vd->v);
	vd->v = NULL;
	if (!vd->pool_region)
		rproc_pool_free(vd->rproc->cfg.pool, vd->pool_pa);
	vd->rv->used[vd->virtio_index] = false;
}

/* The transport's configuration: the vrings from the handled resource,
 * the buffers at vd->pool_pa, device number vi. */
static void transport_config(struct rproc_vdev *vd, unsigned vi, struct rpmsg_vdev_config *cfg)
{
	struct rproc *rproc = vd->rproc;
	memset(cfg, 0, sizeof(*cfg));
	rproc_virtio_config_from_rsc(cfg, rproc->img.table_pa, &vd->info);
	if (!rproc->img.table_loaded) /* table_ptr is still the cached table */
		cfg->rsc_host = rproc->img.table + vd->info.rsc_offset;
	cfg->index = vi;
	cfg->pool_size = rpmsg_vdev_pool_size(cfg->num);
	cfg->pool_pa = vd->pool_pa;
	cfg->lat.irq = vd->rv->cfg.irq_latency;
	cfg->trace_id = rproc->component;
	cfg->rpmsg_bus = vd->rv->cfg.rpmsg_bus;
	cfg->hooks = (struct rpmsg_vdev_hooks){
		.ctx = vd, .kick = virtio_notify, .channel = virtio_channel, .tx_ready = virtio_tx_ready,
	};
}

/* rproc_vdev_do_start -> rproc_add_virtio_dev: the buffers, a device
 * number, the transport probed */
/* The device is registered but no driver drives it: Linux's virtio bus
 * found none for its id, or virtio_rpmsg's probe failed. */
static void leave_unbound(struct rproc_vdev *vd, unsigned vi)
{
	vd->virtio_index = vi;
	vd->rv->used[vi] = true;
	vd->unbound = true;
}

static int vdev_start(void *p, sim_time_t t)
{
	struct rproc_vdev *vd = p;
	struct rproc_virtio *rv = vd->rv;
	struct rproc *rproc = vd->rproc;
	struct rpmsg_vdev_config cfg;
	char err[256];
	unsigned vi = 0;
	while (vi < RPROC_VIRTIO_MAX_DEVS && rv->used[vi])
		vi++;
	if (vi == RPROC_VIRTIO_MAX_DEVS)
		return -ENOSPC;
	if (vd->info.id != VIRTIO_ID_RPMSG) {
		/* register_virtio_device resets the device and acknowledges it;
		 * the virtio bus then finds no driver for the id (this kernel
		 * has only virtio_rpmsg), so nothing else happens: no vring is
		 * set up, no kick, the status stays ACKNOWLEDGE */
		const char *what = rsc_virtio_id_name(vd->info.id);
		write_status(vd, 0);
		write_status(vd, VIRTIO_CONFIG_S_ACKNOWLEDGE);
		leave_unbound(vd, vi);
		sim_log_at(rproc->sim, t, SIM_LOG_INFO, rproc->component, rproc->dev_name,
			   "virtio%u: virtio device id %u (%s) of vdev %u registered; no driver "
			   "for it, left unbound", vi, (unsigned)vd->info.id, what ? what : "unknown",
			   vd->index);
		return 0;
	}
	int ret = -ENOMEM;
	transport_config(vd, vi, &cfg); /* its pool_pa follows */
	/* rproc_add_virtio_dev: the vdevNbuffer region is the device's DMA
	 * pool when the platform registered one, else the common pool;
	 * virtio_rpmsg's dma_alloc_coherent failing fails its probe */
	char bufname[RPROC_MEM_NAME_LEN];
	snprintf(bufname, sizeof(bufname), "vdev%ubuffer", vd->index);
	const struct rproc_mem *rg = rproc_memmap_region(&rproc->map, bufname);
	vd->pool_region = rg != NULL;
	if (rg && rg->size < cfg.pool_size) {
		snprintf(err, sizeof(err), "region %s has 0x%llx bytes, the rpmsg buffers need 0x%llx: "
			 "make it larger", bufname, (unsigned long long)rg->size,
			 (unsigned long long)cfg.pool_size);
		goto probe_failed;
	} else if (rg) {
		vd->pool_pa = rg->pa;
	} else if (rproc_pool_alloc(rproc->cfg.pool, cfg.pool_size, &vd->pool_pa) != 0) {
		snprintf(err, sizeof(err), "no DRAM left for %llu bytes of rpmsg buffers",
			 (unsigned long long)cfg.pool_size);
		goto probe_failed;
	}
	cfg.pool_pa = vd->pool_pa;
	vd->v = rpmsg_vdev_create(rproc->sim, rproc->cfg.host_bus, &cfg, err, sizeof(err));
	if (!vd->v) {
		if (!vd->pool_region)
			rproc_pool_free(rproc->cfg.pool, vd->pool_pa);
		ret = -EINVAL;
		goto probe_failed;
	}
	vd->virtio_index = vi;
	rv->used[vi] = true;
	ret = rpmsg_vdev_start(vd->v, t);
	if (ret == 0)
		return 0;
	snprintf(err, sizeof(err), "cannot start the transport");
	vdev_stop(vd, false, t);
probe_failed:
	/* virtio_dev_probe: the device was acknowledged and a driver tried;
	 * its failure marks the device FAILED and leaves it unbound, and the
	 * remote processor keeps running (rproc_add_virtio_dev succeeded) */
	write_status(vd, 0);
	write_status(vd, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	write_status(vd, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	write_status(vd, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FAILED);
	leave_unbound(vd, vi);
	sim_log_at(rproc->sim, t, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
		   "virtio_rpmsg_bus virtio%u: probe failed with error %d (%s); the device stays "
		   "unbound", vi, ret, err);
	return 0;
}

static void vdev_destroy(void *p)
{
	struct rproc_vdev *vd = p;
	if (vd->v || vd->unbound)
		vdev_stop(vd, false, vd->rproc->sim->now);
	free(vd);
}

/* remote -> host: rproc_vq_interrupt found this vdev (Linux's
 * vring_interrupt on the virtqueue) */
static void vdev_notify(void *p, uint32_t notifyid, sim_time_t t)
{
	struct rproc_vdev *vd = p;
	if (vd->v)
		rpmsg_vdev_notify(vd->v, notifyid, t);
	else /* rproc_vq_interrupt: no virtqueue behind the id, IRQ_NONE */
		sim_log_at(vd->rproc->sim, t, SIM_LOG_DEBUG, vd->rproc->component,
			   vd->rproc->dev_name, "no message was found in vqid %u", (unsigned)notifyid);
}

/* --- snapshots ------------------------------------------------------------ */

static int vdev_save(void *p, struct snap_writer *w)
{
	struct rproc_vdev *vd = p;
	snap_begin(w, "rproc-vdev");
	snap_put_u32(w, vd->index);
	snap_put_bool(w, vd->v != NULL);
	snap_put_bool(w, vd->unbound);
	if (vd->unbound)
		snap_put_u32(w, vd->virtio_index);
	if (vd->v) {
		snap_put_u64(w, vd->pool_pa);
		snap_put_bool(w, vd->pool_region);
		snap_put_u32(w, vd->virtio_index);
		rpmsg_vdev_save(vd->v, w);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

static void vdev_discard(void *p)
{
	struct rproc_vdev *vd = p;
	if (!vd)
		return;
	rpmsg_vdev_discard(vd->v);
	free(vd);
}

static void *vdev_restore(void *ctx, struct rproc *rproc, unsigned index,
			  const struct rproc_vdev_info *vi, struct snap_reader *r)
{
	struct rproc_vdev *vd = vdev_create(ctx, rproc, index, vi, 0);
	if (!vd) {
		snap_fail(r, "out of memory");
		return NULL;
	}
	snap_enter(r, "rproc-vdev");
	uint32_t idx = snap_get_u32(r);
	bool started = snap_get_bool(r);
	bool unbound = snap_get_bool(r);
	if (unbound) {
		/* registered, no driver: only its device number is taken */
		vd->unbound = true;
		vd->virtio_index = snap_get_count(r, RPROC_VIRTIO_MAX_DEVS, "a virtio device number");
	}
	if (!r->failed && idx != index)
		snap_fail(r, "%s: vdev %u saved as vdev %u", rproc->dev_name, index, idx);
	if (!r->failed && started && unbound)
		snap_fail(r, "%s: vdev %u both driven and unbound", rproc->dev_name, index);
	if (r->failed || !started) {
		snap_leave(r);
		if (r->failed) {
			vdev_discard(vd);
			return NULL;
		}
		return vd;
	}
	vd->pool_pa = snap_get_u64(r);
	vd->pool_region = snap_get_bool(r);
	vd->virtio_index = snap_get_count(r, RPROC_VIRTIO_MAX_DEVS, "a virtio device number");
	if (!r->failed && !rproc->img.table)
		snap_fail(r, "%s: vdev %u runs without a resource table", rproc->dev_name, index);
	if (r->failed) {
		vdev_discard(vd);
		return NULL;
	}
	struct rpmsg_vdev_config cfg;
	char err[256];
	transport_config(vd, vd->virtio_index, &cfg);
	vd->v = rpmsg_vdev_create(rproc->sim, rproc->cfg.host_bus, &cfg, err, sizeof(err));
	if (!vd->v)
		snap_fail(r, "%s: vdev %u: %s", rproc->dev_name, index, err);
	else
		rpmsg_vdev_restore(vd->v, r);
	snap_leave(r);
	if (r->failed) {
		vdev_discard(vd);
		return NULL;
	}
	return vd;
}

int rproc_virtio_save(const struct rproc_virtio *rv, struct snap_writer *w)
{
	snap_begin(w, "rproc-virtio");
	for (unsigned i = 0; i < RPROC_VIRTIO_MAX_DEVS; i++)
		snap_put_bool(w, rv->used[i]);
	snap_end(w);
	return w->failed ? -1 : 0;
}

int rproc_virtio_restore(struct rproc_virtio *rv, struct snap_reader *r)
{
	bool used[RPROC_VIRTIO_MAX_DEVS];
	snap_enter(r, "rproc-virtio");
	for (unsigned i = 0; i < RPROC_VIRTIO_MAX_DEVS; i++)
		used[i] = snap_get_bool(r);
	snap_leave(r);
	if (r->failed)
		return -1;
	memcpy(rv->used, used, sizeof(used));
	return 0;
}

const struct rproc_vdev_ops rproc_virtio_vdev_ops = {
	.create = vdev_create,
	.start = vdev_start,
	.stop = vdev_stop,
	.destroy = vdev_destroy,
	.notify = vdev_notify,
	.save = vdev_save,
	.restore = vdev_restore,
	.discard = vdev_discard,
};

struct rpmsg_vdev *rproc_virtio_transport(void *vdev)
{
	return ((struct rproc_vdev *)vdev)->v;
}
