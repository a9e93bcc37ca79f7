/* The host's virtio-rpmsg transport, after Linux's
 * drivers/rpmsg/virtio_rpmsg_bus.c: two split virtqueues in shared memory
 * (vring 0 host RX, vring 1 host TX), a pool of 512-byte buffers (first
 * half RX, second half TX), endpoints addressed by 32-bit numbers (dynamic
 * ones from 1024).  It knows no driver: it registers its devices on the
 * rpmsg core (rpmsg_core.h), which binds whatever driver matches:
 *   "rpmsg_ctrl"  (driver_override) at start, for the /dev/rpmsg_ctrlN
 *                 driver (Linux >= 5.18's rpmsg_ctrldev_register_device);
 *   "rpmsg_ns"    (driver_override) at start when the firmware offers
 *                 VIRTIO_RPMSG_F_NS, for the name-service driver
 *                 (rpmsg_ns_register_device), which then asks the
 *                 transport for channels;
 *   channels      "virtio<N>.<name>.-1.<addr>", matched by id table.
 *
 * Lifecycle (remoteproc_virtio drives it):
 *   rpmsg_vdev_create()  checks the configuration, allocates nothing shared
 *   rpmsg_vdev_start()   Linux's probe: status 0, ACKNOWLEDGE, DRIVER,
 *                        gfeatures, FEATURES_OK written into the resource
 *                        table; RX buffers posted on vring 0; the ctrl and
 *                        name-service devices registered; DRIVER_OK; kick
 *                        vring 0
 *   rpmsg_vdev_notify()  the mailbox IRQ handler hands over a notifyid
 *   rpmsg_vdev_stop()    Linux's remove: status 0, channels, the ctrl and
 *                        name-service devices and endpoints gone (drivers
 *                        removed: open char files then fail with -EPIPE),
 *                        then status ACKNOWLEDGE (virtio_dev_remove); start
 *                        may follow again
 *   rpmsg_vdev_destroy() stops if needed, frees the object
 *
 * Time: the host is modelled as one thread per vdev with fixed costs
 * (struct rpmsg_latency).  Every action happens at max(t, end of the
 * previous action) + its cost, so kicks and callbacks carry non-decreasing
 * times.  No event is scheduled here: the kick callback receives the time
 * at which the platform should ring the remote.
 *
 * Callbacks run synchronously; they may send and create/destroy endpoints
 * but must not stop or destroy the vdev (schedule that instead).
 *
 * Every firmware mistake is logged with SIM_LOG_GUEST_ERROR using Linux's
 * words ("inbound msg too big", "msg received with no recipient",
 * "malformed ns msg", ...) and never crashes or corrupts the host.  See
 * doc/rpmsg.md for what is checked beyond Linux. */
#ifndef RPSIM_VIRTIO_RPMSG_H
#define RPSIM_VIRTIO_RPMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "models/host/rpmsg_core.h"
#include "sim/core/sim.h"

#define RPMSG_BUF_SIZE 512
#define RPMSG_HDR_SIZE 16
#define RPMSG_MAX_PAYLOAD (RPMSG_BUF_SIZE - RPMSG_HDR_SIZE) /* 496 */
#define RPMSG_MAX_NUM_BUFS 512
#define RPMSG_RESERVED_ADDRESSES 1024u
#define VIRTIO_RPMSG_F_NS_BIT 0
/* Transport features (bits 28..): vring_transport_features keeps these
 * when the device offers them; the rest of the 32 bits is the driver's
 * (only VIRTIO_RPMSG_F_NS). */
#define VIRTIO_RING_F_INDIRECT_DESC 28
#define VIRTIO_RING_F_EVENT_IDX 29
#define VIRTIO_RPMSG_DRIVER_FEATURES                                                    \
	((1u << VIRTIO_RPMSG_F_NS_BIT) | (1u << VIRTIO_RING_F_INDIRECT_DESC) |        \
	 (1u << VIRTIO_RING_F_EVENT_IDX))

/* rpmsg_hdr field offsets */
enum { RPMSG_HDR_SRC = 0, RPMSG_HDR_DST = 4, RPMSG_HDR_RESERVED = 8, RPMSG_HDR_LEN = 12,
       RPMSG_HDR_FLAGS = 14 };

/* virtio device status bits */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER 2
#define VIRTIO_CONFIG_S_DRIVER_OK 4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40
#define VIRTIO_CONFIG_S_FAILED 0x80

struct rpmsg_vdev;

/* Host costs.  Zero fields take the defaults RPMSG_DEFAULT_*. */
struct rpmsg_latency {
	sim_time_t irq;    /* mailbox interrupt to the start of the vring drain */
	sim_time_t rx_msg; /* per received message, validation to callback */
	sim_time_t tx_msg; /* per sent message, copy to kick */
};
#define RPMSG_DEFAULT_IRQ (2 * SIM_US)
#define RPMSG_DEFAULT_RX_MSG (1 * SIM_US)
#define RPMSG_DEFAULT_TX_MSG (1 * SIM_US)

struct rpmsg_vdev_hooks {
	void *ctx;
	/* required: ring the remote for notifyid at t (a mailbox message) */
	void (*kick)(void *ctx, uint32_t notifyid, sim_time_t t);
	/* optional: every value written to the status byte, in order */
	void (*status)(void *ctx, uint8_t status, sim_time_t t);
	/* optional: a channel appeared (created) or is going away */
	void (*channel)(void *ctx, struct rpmsg_channel *ch, bool created, sim_time_t t);
	/* optional: a TX buffer came back while a writer was blocked */
	void (*tx_ready)(void *ctx, sim_time_t t);
};

struct rpmsg_vdev_config {
	unsigned index;          /* N of "virtioN" */
	uint64_t vring_pa[2];    /* host RX, host TX */
	uint32_t num, align;     /* same for both vrings, as Linux expects */
	uint32_t notifyid[2];
	/* Linux's rproc_alloc_vring writes each vring's da and notifyid into
	 * the table before the status sequence: pa of the vring entries in the
	 * loaded table (0: leave the table alone) and the da to write. */
	uint64_t vring_rsc_pa[2];
	uint32_t vring_da[2];
	uint64_t status_pa;      /* the vdev entry's status byte in the loaded table */
	uint64_t gfeatures_pa;   /* its gfeatures word */
	/* When the table could not be installed in device memory, Linux's
	 * table_ptr stays the cached copy in host memory (rproc_start): the
	 * vdev entry there, written instead of the *_pa fields above (which
	 * are then ignored).  NULL: the table is in device memory. */
	uint8_t *rsc_host;
	uint32_t dfeatures;      /* what the firmware offers */
	/* Linux sets FEATURES_OK only for VIRTIO_F_VERSION_1 devices, which a
	 * 32-bit dfeatures cannot offer: status goes 0, 1, 3, 7.  true adds
	 * FEATURES_OK (0, 1, 3, 0xb, 0xf) for stacks that wait for it. */
	bool set_features_ok;
	uint64_t pool_pa;        /* DRAM for the buffers, rpmsg_vdev_pool_size() bytes */
	uint64_t pool_size;
	struct rpmsg_latency lat;
	uint16_t trace_id;       /* component id stamped on trace records */
	struct rpmsg_bus *rpmsg_bus; /* the rpmsg core its devices join (required) */
	struct rpmsg_vdev_hooks hooks;
};

/* Bytes of buffer pool for vrings of num entries: min(2 num, 512) * 512. */
uint64_t rpmsg_vdev_pool_size(uint32_t num);

/* NULL with a message in err if the configuration is unusable (vrings or
 * pool outside RAM, mismatched vrings, no kick hook, no rpmsg bus, pool too
 * small). */
struct rpmsg_vdev *rpmsg_vdev_create(struct sim *sim, struct bus *host_bus,
				     const struct rpmsg_vdev_config *cfg, char *err,
				     size_t errlen);
void rpmsg_vdev_destroy(struct rpmsg_vdev *vdev);

/* 0, -EBUSY when already started, -ENOMEM (logged). */
int rpmsg_vdev_start(struct rpmsg_vdev *vdev, sim_time_t t);
void rpmsg_vdev_stop(struct rpmsg_vdev *vdev, sim_time_t t);
bool rpmsg_vdev_started(const struct rpmsg_vdev *vdev);

/* 0 handled; -ENOENT when notifyid is not one of this vdev's (the caller
 * tries the next vdev or drops it); -ENODEV when not started. */
int rpmsg_vdev_notify(struct rpmsg_vdev *vdev, uint32_t notifyid, sim_time_t t);
bool rpmsg_vdev_owns_notifyid(const struct rpmsg_vdev *vdev, uint32_t notifyid);

/* Whether a send would find a TX buffer now (never-used ones or ones the
 * remote returned on vring 1). */
bool rpmsg_vdev_tx_available(struct rpmsg_vdev *vdev);

const char *rpmsg_vdev_name(const struct rpmsg_vdev *vdev); /* "virtio0" */
uint32_t rpmsg_vdev_features(const struct rpmsg_vdev *vdev); /* negotiated */
/* End of the last host action (for callers chaining their own actions). */
sim_time_t rpmsg_vdev_clock(const struct rpmsg_vdev *vdev);

struct rpmsg_vdev_stats {
	uint64_t rx_msgs, tx_msgs;  /* delivered / sent */
	uint64_t rx_dropped;        /* rejected or without recipient */
	uint64_t rx_lost;           /* RX buffers lost with a bad message */
	uint64_t kicks;             /* host -> remote */
	uint32_t rx_posted;         /* RX buffers currently on vring 0 */
	uint32_t tx_inflight;       /* TX buffers the remote holds */
	bool rx_broken, tx_broken;
};
void rpmsg_vdev_get_stats(const struct rpmsg_vdev *vdev, struct rpmsg_vdev_stats *st);

/* An endpoint on the vdev, for tests and rpmsg_create_ept (which reaches
 * it through a channel).  src RPMSG_ADDR_ANY takes the lowest free address
 * from 1024; an explicit address must be free and at most INT_MAX (Linux's
 * idr takes an int).  NULL (with *err = -EBUSY, -EINVAL, -ENODEV or -ENOMEM
 * when err is not NULL) on failure.  All endpoints are
 * freed by rpmsg_vdev_stop.  Send with rpmsg_send (rpmsg_core.h): payloads
 * up to RPMSG_MAX_PAYLOAD; with no TX buffer and blocking, TX interrupts
 * are enabled until one comes back (the tx_ready hook). */
struct rpmsg_ept *rpmsg_vdev_create_ept(struct rpmsg_vdev *vdev, rpmsg_rx_cb cb, void *priv,
					uint32_t src, int *err);

/* Snapshots (sim/core/snap.h), section "rpmsg-vdev": started, status,
 * features, the buffer bookkeeping, the host clock, statistics, both
 * rings' shadows, the endpoints (by address, in creation order) and the
 * channels (rpmsg_core.h), the vdev's own devices included.  restore
 * takes a vdev as rpmsg_vdev_create made it from the same configuration,
 * not started; the endpoints come back without callbacks, which their
 * owners (the channels' drivers, the char devices) set again.  discard
 * frees a vdev without a word: no status write, no driver removed, no
 * hook, no log. */
struct snap_writer;
struct snap_reader;
int rpmsg_vdev_save(struct rpmsg_vdev *vdev, struct snap_writer *w);
int rpmsg_vdev_restore(struct rpmsg_vdev *vdev, struct snap_reader *r);
void rpmsg_vdev_discard(struct rpmsg_vdev *vdev);
/* The first endpoint nobody claimed after a restore (no callback), or NULL. */
struct rpmsg_ept *rpmsg_vdev_orphan_ept(const struct rpmsg_vdev *vdev);

/* The announced channels, in creation order (not the vdev's own ctrl and
 * name-service devices). */
unsigned rpmsg_vdev_channel_count(const struct rpmsg_vdev *vdev);
/* i-th channel in creation order, NULL past the end. */
struct rpmsg_channel *rpmsg_vdev_channel(const struct rpmsg_vdev *vdev, unsigned i);
/* First channel with this announced name (or full device name). */
struct rpmsg_channel *rpmsg_vdev_find_channel(const struct rpmsg_vdev *vdev, const char *name);

#endif
