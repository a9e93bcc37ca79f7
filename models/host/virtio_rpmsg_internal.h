/* Inside the virtio-rpmsg transport: the object behind the opaque handle of
 * virtio_rpmsg.h, shared by virtio_rpmsg.c (rings, buffers, endpoints,
 * send and receive, status), virtio_rpmsg_chan.c (the devices it registers
 * on the rpmsg core: channels, ctrl, name service) and virtio_rpmsg_snap.c
 * (snapshots).  The dependency is one way: virtio_rpmsg.c calls
 * virtio_rpmsg_chan.c, which reaches the endpoint side only through the
 * rpmsg core; virtio_rpmsg_snap.c uses the other two.  Not for use outside
 * these three files. */
#ifndef RPSIM_VIRTIO_RPMSG_INTERNAL_H
#define RPSIM_VIRTIO_RPMSG_INTERNAL_H

#include "models/host/rpmsg_core.h"
#include "models/host/virtio_rpmsg.h"
#include "models/host/vring.h"

/* Bounds that keep a hostile firmware from growing host memory without
 * limit (Linux has none). */
#define RPMSG_MAX_EPTS 1024
#define RPMSG_MAX_CHANNELS 256

struct rpmsg_vdev {
	struct sim *sim;
	struct bus *bus;
	struct rpmsg_vdev_config cfg;
	char name[16];
	const struct rpmsg_device_ops *dev_ops; /* for the channels it registers */

	struct vring_drv rvq, svq;
	bool started;
	bool in_rx;        /* inside rpmsg_vdev_notify */
	uint8_t status;
	uint32_t features;
	uint32_t nbufs, nrx; /* buffers 0..nrx-1 RX, nrx..nbufs-1 TX */
	uint32_t last_sbuf;  /* next never-used TX buffer */
	uint32_t sleepers;   /* blocked writers */
	sim_time_t clock;    /* end of the last host action */

	struct rpmsg_ept **epts; /* creation order */
	unsigned nepts, cap_epts;
	struct rpmsg_ept *last_ept; /* lookup cache */

	struct rpmsg_channel **chans; /* announced channels, creation order */
	unsigned nchans, cap_chans;
	struct rpmsg_channel *ctrl_dev; /* "rpmsg_ctrl", while started */
	struct rpmsg_channel *ns_dev;   /* "rpmsg_ns", while started with NS */

	struct rpmsg_vdev_stats stats;
	uint8_t rxbuf[RPMSG_BUF_SIZE];
};

/* virtio_rpmsg.c, for virtio_rpmsg_chan.c and virtio_rpmsg_snap.c */

extern const struct rpmsg_endpoint_ops rpmsg_vdev_ept_ops;
/* The endpoint at addr, NULL if none. */
struct rpmsg_ept *rpmsg_vdev_find_ept(struct rpmsg_vdev *vdev, uint32_t addr);
/* vring tokens must be non-NULL: buffer i travels as i + 1 */
static inline uint32_t token_buf(void *tok)
{
	return (uint32_t)((uintptr_t)tok - 1);
}

/* virtio_rpmsg_chan.c */

/* rpmsg_probe's device registrations: the ctrl device, then the name
 * service's when the feature was negotiated (Linux >= 5.18's order). */
void rpmsg_vdev_add_devices(struct rpmsg_vdev *vdev, sim_time_t t);
/* rpmsg_remove's: every announced channel in creation order, then the ctrl
 * device, then the name service's. */
void rpmsg_vdev_remove_devices(struct rpmsg_vdev *vdev, sim_time_t t);
/* The name service's and the ctrl device's requests, and the host-made
 * channels' announcements (struct rpmsg_device_ops). */
int rpmsg_vdev_create_channel(struct rpmsg_channel *ns, const struct rpmsg_channel_info *chinfo,
			      sim_time_t t);
int rpmsg_vdev_release_channel(struct rpmsg_channel *ns, const struct rpmsg_channel_info *chinfo,
			       sim_time_t t);
int rpmsg_vdev_announce_create(struct rpmsg_channel *ch, sim_time_t t);
int rpmsg_vdev_announce_destroy(struct rpmsg_channel *ch, sim_time_t t);

#endif
