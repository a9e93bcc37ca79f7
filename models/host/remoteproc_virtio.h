/* remoteproc's virtio glue, after Linux's drivers/remoteproc/remoteproc_virtio.c:
 * the vdevs of the remoteprocs and both directions of their kicks.
 *
 * A vdev resource becomes a struct rproc_vdev when the resources are
 * handled (rproc_handle_vdev); it is a subdevice of its rproc
 * (struct rproc_vdev_ops): started after the core starts
 * (rproc_vdev_do_start -> rproc_add_virtio_dev: a block of the carveout
 * pool for the rpmsg buffers, the lowest free virtio device number
 * "virtioN", the virtio-rpmsg transport created and probed), stopped
 * before the core stops (rproc_vdev_do_stop: the transport removed, its
 * number and buffers given back).
 *
 * Kicks, both inside the host model:
 *   remote -> host  the platform driver's mailbox interrupt handler calls
 *                   rproc_vq_interrupt (rproc.h), which finds the vdev by
 *                   notifyid and calls its notify op here: the transport
 *                   drains the vring (Linux's vring_interrupt);
 *   host -> remote  the transport's kick hook lands here
 *                   (rproc_virtio_notify) and goes to the platform
 *                   driver's kick op (rproc->cfg.ops->kick): a mailbox
 *                   message with the notifyid.
 *
 * One struct rproc_virtio serves every remoteproc of a host: the virtio
 * device numbers are host-wide, as in Linux, and the transports join the
 * host's rpmsg bus. */
#ifndef RPSIM_REMOTEPROC_VIRTIO_H
#define RPSIM_REMOTEPROC_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "models/host/rproc.h"
#include "models/host/virtio_rpmsg.h"

#define RPROC_VIRTIO_MAX_DEVS 16

struct rproc_virtio_hooks {
	void *ctx;
	/* optional: a channel of one of rproc's vdevs appeared or is going away */
	void (*channel)(void *ctx, struct rproc *rproc, struct rpmsg_channel *ch, bool created,
			sim_time_t t);
	/* optional: a TX buffer came back while a writer was blocked */
	void (*tx_ready)(void *ctx, struct rproc *rproc, sim_time_t t);
};

struct rproc_virtio_config {
	struct rpmsg_bus *rpmsg_bus; /* where the transports register their devices */
	sim_time_t irq_latency;      /* the transport's interrupt cost (0: its default) */
	struct rproc_virtio_hooks hooks;
};

struct rproc_virtio;

/* NULL when out of memory.  Give it to each rproc as
 * cfg.vdev_ops = &rproc_virtio_vdev_ops, cfg.vdev_ctx = it. */
struct rproc_virtio *rproc_virtio_create(const struct rproc_virtio_config *cfg);
/* After every rproc using it is destroyed. */
void rproc_virtio_destroy(struct rproc_virtio *rv);

extern const struct rproc_vdev_ops rproc_virtio_vdev_ops;

/* Snapshots: the virtio device numbers taken (the vdevs save themselves
 * through rproc_virtio_vdev_ops).  restore checks them against the
 * vdevs restored before it. */
int rproc_virtio_save(const struct rproc_virtio *rv, struct snap_writer *w);
int rproc_virtio_restore(struct rproc_virtio *rv, struct snap_reader *r);

/* The transport of a vdev (what rproc->vdevs[i] holds), NULL while stopped. */
struct rpmsg_vdev *rproc_virtio_transport(void *vdev);

/* Fills the vring (pa, da, table entry), notifyid, status and feature
 * fields of cfg from the loader's view of a vdev (rproc_load.h) and the pa
 * of the table in device memory. */
void rproc_virtio_config_from_rsc(struct rpmsg_vdev_config *cfg, uint64_t table_pa,
				  const struct rproc_vdev_info *vi);

#endif
