/* Inside the virtio-rpmsg bus: the objects behind the opaque handles of
 * virtio_rpmsg.h, shared by virtio_rpmsg.c (rings, endpoints, send and
 * receive) and rpmsg_ns.c (name service, channels, driver binding).  Not
 * for use outside models/host/rpmsg_* and virtio_rpmsg.c. */
#ifndef RPSIM_RPMSG_INTERNAL_H
#define RPSIM_RPMSG_INTERNAL_H

#include "models/host/virtio_rpmsg.h"
#include "models/host/vring.h"

/* Bounds that keep a hostile firmware from growing host memory without
 * limit (Linux has none). */
#define RPMSG_MAX_EPTS 1024
#define RPMSG_MAX_CHANNELS 256
#define RPMSG_DEVNAME_LEN 80

struct rpmsg_ept {
	struct rpmsg_vdev *vdev;
	uint32_t addr;
	rpmsg_rx_cb cb;
	void *priv;
};

struct rpmsg_channel {
	struct rpmsg_vdev *vdev;
	char name[RPMSG_NAME_SIZE];
	char devname[RPMSG_DEVNAME_LEN];
	uint32_t src, dst;
	const struct rpmsg_driver *drv; /* NULL: no driver bound */
	struct rpmsg_ept *ept;
	void *drvdata;
};

struct rpmsg_vdev {
	struct sim *sim;
	struct bus *bus;
	struct rpmsg_vdev_config cfg;
	char name[16];

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
	struct rpmsg_ept *ns_ept;

	struct rpmsg_channel **chans; /* creation order */
	unsigned nchans, cap_chans;

	struct rpmsg_vdev_stats stats;
	uint8_t rxbuf[RPMSG_BUF_SIZE];
};

/* max(t, clock) + cost, which becomes the new clock. */
sim_time_t rpmsg_vdev_advance(struct rpmsg_vdev *vdev, sim_time_t t, sim_time_t cost);
struct rpmsg_ept *rpmsg_vdev_find_ept(struct rpmsg_vdev *vdev, uint32_t addr);

/* rpmsg_ns.c */
int rpmsg_ns_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		sim_time_t t);
void rpmsg_channel_remove(struct rpmsg_vdev *vdev, struct rpmsg_channel *ch, sim_time_t t);

#endif
