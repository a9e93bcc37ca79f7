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

/* rproc_vdev_do_stop -> rproc_remove_virtio_dev */
static void vdev_stop(void *p, bool crashed, sim_time_t t)
{
	struct rproc_vdev *vd = p;
	(void)crashed;
	if (!vd->v)
		return;
	rpmsg_vdev_stop(vd->v, t);
	rpmsg_vdev_destroy(vd->v);
	vd->v = NULL;
	if (!vd->pool_region)
		rproc_pool_free(vd->rproc->cfg.pool, vd->pool_pa);
	vd->rv->used[vd->virtio_index] = false;
}

/* rproc_vdev_do_start -> rproc_add_virtio_dev: the buffers, a device
 * number, the transport probed */
static int vdev_start(void *p, sim_time_t t)
{
	struct rproc_vdev *vd = p;
	struct rproc_virtio *rv = vd->rv;
	struct rproc *rproc = vd->rproc;
	struct rpmsg_vdev_config cfg;
	char err[256];
	memset(&cfg, 0, sizeof(cfg));
	rproc_virtio_config_from_rsc(&cfg, rproc->img.table_pa, &vd->info);
	unsigned vi = 0;
	while (vi < RPROC_VIRTIO_MAX_DEVS && rv->used[vi])
		vi++;
	if (vi == RPROC_VIRTIO_MAX_DEVS)
		return -ENOSPC;
	cfg.index = vi;
	cfg.pool_size = rpmsg_vdev_pool_size(cfg.num);
	/* rproc_add_virtio_dev: the vdevNbuffer region is the device's DMA
	 * pool when the platform registered one, else the common pool */
	char bufname[RPROC_MEM_NAME_LEN];
	snprintf(bufname, sizeof(bufname), "vdev%ubuffer", vd->index);
	const struct rproc_mem *rg = rproc_memmap_region(&rproc->map, bufname);
	vd->pool_region = rg != NULL;
	if (rg && rg->size < cfg.pool_size) {
		/* virtio_rpmsg's dma_alloc_coherent fails: the probe with it */
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"region %s has 0x%llx bytes, the rpmsg buffers need 0x%llx: make it larger", bufname,
			(unsigned long long)rg->size, (unsigned long long)cfg.pool_size);
		return -ENOMEM;
	} else if (rg) {
		vd->pool_pa = rg->pa;
	} else if (rproc_pool_alloc(rproc->cfg.pool, cfg.pool_size, &vd->pool_pa) != 0) {
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"no DRAM left for %llu bytes of rpmsg buffers", (unsigned long long)cfg.pool_size);
		return -ENOMEM;
	}
	cfg.pool_pa = vd->pool_pa;
	cfg.lat.irq = rv->cfg.irq_latency;
	cfg.trace_id = rproc->component;
	cfg.rpmsg_bus = rv->cfg.rpmsg_bus;
	cfg.hooks = (struct rpmsg_vdev_hooks){
		.ctx = vd, .kick = virtio_notify, .channel = virtio_channel, .tx_ready = virtio_tx_ready,
	};
	vd->v = rpmsg_vdev_create(rproc->sim, rproc->cfg.host_bus, &cfg, err, sizeof(err));
	if (!vd->v) {
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"virtio device: %s", err);
		if (!vd->pool_region)
			rproc_pool_free(rproc->cfg.pool, vd->pool_pa);
		return -EINVAL;
	}
	vd->virtio_index = vi;
	rv->used[vi] = true;
	int ret = rpmsg_vdev_start(vd->v, t);
	if (ret) {
		vdev_stop(vd, false, t);
		return ret;
	}
	return 0;
}

static void vdev_destroy(void *p)
{
	struct rproc_vdev *vd = p;
	if (vd->v)
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
}

const struct rproc_vdev_ops rproc_virtio_vdev_ops = {
	.create = vdev_create,
	.start = vdev_start,
	.stop = vdev_stop,
	.destroy = vdev_destroy,
	.notify = vdev_notify,
};

struct rpmsg_vdev *rproc_virtio_transport(void *vdev)
{
	return ((struct rproc_vdev *)vdev)->v;
}
