/* The rpmsg core, after Linux's drivers/rpmsg/rpmsg_core.c: channels (Linux's
 * rpmsg devices), endpoints, and drivers matched to channels by id table.
 *
 * Three kinds of users, each knowing only this header:
 *   transports  (virtio_rpmsg.c) create channels on their device with
 *               rpmsg_channel_new + rpmsg_register_device, and implement
 *               the endpoint and channel operations (struct
 *               rpmsg_device_ops / rpmsg_endpoint_ops);
 *   drivers     (rpmsg_ns.c, rpmsg_char.c, rpmsg_sample.c) register a
 *               struct rpmsg_driver with an id table on the bus; the core
 *               binds them to matching channels and they talk through
 *               endpoints;
 *   the host    (host.c) creates the bus and registers the drivers.
 * The core calls transports and drivers only through these tables, so no
 * file of the rpmsg stack names another's functions except the core's.
 *
 * Matching (rpmsg_dev_match): a channel with a driver_override binds only
 * to the driver of that name (how the transport's own "rpmsg_ns" and
 * "rpmsg_ctrl" devices find their drivers, as Linux >= 5.18's
 * rpmsg_register_device_override); any other channel binds to the first
 * registered driver whose id table holds the channel's name.  Probing
 * (rpmsg_dev_probe) first creates the channel's endpoint (the channel's src,
 * dynamic when ANY; the driver's callback, priv = the channel) when the
 * driver has a callback, then calls probe, then announces the channel when
 * it has `announce`; removal (rpmsg_dev_remove) announces its end, calls
 * remove and destroys that endpoint.
 *
 * There is no global state: a host has one struct rpmsg_bus, which owns the
 * driver registrations and knows every registered channel. */
#ifndef RPSIM_RPMSG_CORE_H
#define RPSIM_RPMSG_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim.h"

#define RPMSG_ADDR_ANY 0xFFFFFFFFu
#define RPMSG_NAME_SIZE 32
#define RPMSG_DEVNAME_LEN 80
#define RPMSG_MAX_DRIVERS 16

/* Not an errno: a blocking call that Linux would put to sleep (a send with
 * no TX buffer; for rpmsg_char, also a read of an empty queue).  The
 * caller waits for the matching hook (tx_ready, readable) and calls again;
 * Linux gives up a TX wait after 15 s, which is the caller's to model. */
#define RPMSG_WOULD_BLOCK (-1000)

struct rpmsg_bus;
struct rpmsg_channel;
struct rpmsg_ept;
struct snap_writer;
struct snap_reader;

/* An endpoint's receive callback.  data/len is the payload; t is when the
 * host handles it.  The return value is ignored, as in Linux, except
 * RPMSG_RX_DROPPED: the transport then counts the message as dropped in
 * its statistics (the name service does, for a malformed announcement). */
typedef int (*rpmsg_rx_cb)(struct rpmsg_ept *ept, const void *data, size_t len,
			   uint32_t src, void *priv, sim_time_t t);
#define RPMSG_RX_DROPPED (-1001)

/* The transport's side of an endpoint (Linux's rpmsg_endpoint_ops). */
struct rpmsg_endpoint_ops {
	void (*destroy_ept)(struct rpmsg_ept *ept);
	/* see rpmsg_send */
	int (*send)(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len,
		    bool nonblock, sim_time_t t);
	/* see rpmsg_poll; may be NULL */
	unsigned (*poll)(struct rpmsg_ept *ept);
	/* see rpmsg_send_give_up; may be NULL */
	void (*give_up)(struct rpmsg_ept *ept);
};

/* An endpoint: an address on the transport's device and who receives
 * what is sent to it.  The transport allocates it (create_ept). */
struct rpmsg_ept {
	const struct rpmsg_endpoint_ops *ops;
	void *transport;   /* the transport's device (virtio: struct rpmsg_vdev) */
	uint32_t addr;
	rpmsg_rx_cb cb;
	void *priv;
};

/* Linux's rpmsg_channel_info. */
struct rpmsg_channel_info {
	char name[RPMSG_NAME_SIZE];
	uint32_t src, dst;
};

/* The transport's side of a channel (Linux's rpmsg_device_ops). */
struct rpmsg_device_ops {
	/* An endpoint on the channel's transport device.  src RPMSG_ADDR_ANY
	 * takes a dynamic address.  NULL with *err = -EBUSY, -EINVAL, -ENODEV
	 * or -ENOMEM (err may be NULL). */
	struct rpmsg_ept *(*create_ept)(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
					uint32_t src, int *err);
	/* The name service's and the ctrl device's requests
	 * (RPMSG_CREATE_DEV_IOCTL): a channel chinfo appears / goes; one the
	 * host makes with a src announces itself to the remote.  0 or -errno
	 * (release: -EINVAL when no channel matches).  May be NULL. */
	int (*create_channel)(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			      sim_time_t t);
	int (*release_channel)(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			       sim_time_t t);
	/* Tells the remote's name service that a channel with `announce` set
	 * and a bound endpoint now exists / goes (virtio_rpmsg_announce_create
	 * / _destroy).  0 or -errno.  May be NULL. */
	int (*announce_create)(struct rpmsg_channel *ch, sim_time_t t);
	int (*announce_destroy)(struct rpmsg_channel *ch, sim_time_t t);
	/* The endpoint at addr on the channel's transport device, or NULL
	 * (snapshots: references to endpoints are saved as addresses). */
	struct rpmsg_ept *(*find_ept)(struct rpmsg_channel *ch, uint32_t addr);
};

/* One entry of a driver's id table: the channel name it serves.  A table
 * ends with an entry whose name is NULL. */
struct rpmsg_device_id {
	const char *name;
};

/* A host driver (Linux's struct rpmsg_driver). */
struct rpmsg_driver {
	const char *name;                       /* "rpmsg_chrdev"; matched by driver_override */
	const struct rpmsg_device_id *id_table; /* may be NULL: override matches only */
	/* 0, or -errno to refuse the channel (it stays unbound) */
	int (*probe)(struct rpmsg_channel *ch, sim_time_t t);
	void (*remove)(struct rpmsg_channel *ch, sim_time_t t); /* may be NULL */
	/* the channel's endpoint callback; NULL: the core makes no endpoint
	 * for the channel (the driver makes its own, as the name service) */
	rpmsg_rx_cb callback;
	/* Snapshots of what probe made for the channel (its drvdata, its own
	 * endpoints' callbacks), inside the channel's section; NULL: nothing
	 * to save.  restore runs once the channel is bound again, its
	 * endpoint back with the driver's callback; 0 or -1 (message in the
	 * reader).  Every driver that keeps per-channel state must have them,
	 * or a restored run differs from the original. */
	int (*save)(struct rpmsg_channel *ch, struct snap_writer *w);
	int (*restore)(struct rpmsg_channel *ch, struct snap_reader *r);
	/* Frees what probe allocated without a word (no log, no hook): a
	 * restore discards the state it replaces.  NULL: nothing to free. */
	void (*forget)(struct rpmsg_channel *ch);
};

/* --- the bus (one per host) ------------------------------------------------ */

struct rpmsg_bus *rpmsg_bus_create(struct sim *sim);
/* Every channel must have been unregistered (their transports stopped). */
void rpmsg_bus_destroy(struct rpmsg_bus *bus);
struct sim *rpmsg_bus_sim(const struct rpmsg_bus *bus);
/* The registered channels, in registration order (what a listing of
 * /sys/bus/rpmsg/devices shows): channel i, or NULL past the last. */
struct rpmsg_channel *rpmsg_bus_channel(const struct rpmsg_bus *bus, unsigned i);

/* Registers drv with its own context (rpmsg_channel_driver_ctx gives it
 * back to the driver, which has no globals); binds it to every registered
 * channel that is unbound and matches, as Linux's driver_attach.  0, or
 * -ENOSPC past RPMSG_MAX_DRIVERS, -EEXIST for a second registration. */
int rpmsg_register_driver(struct rpmsg_bus *bus, const struct rpmsg_driver *drv, void *ctx);

/* rpmsg_dev_match: whether drv serves ch (see the top of this file). */
bool rpmsg_dev_match(const struct rpmsg_channel *ch, const struct rpmsg_driver *drv);

/* --- channels: the transport's side ------------------------------------------ */

/* A channel of transport device `transport` (named parent, "virtio0"; the
 * name must outlive the channel), not registered yet.  Its device name is
 * "<parent>.<name>.<src>.<dst>" with signed addresses, as Linux's
 * rpmsg_register_device names it.  driver_override NULL: match by id
 * table.  NULL when out of memory. */
struct rpmsg_channel *rpmsg_channel_new(struct rpmsg_bus *bus, const struct rpmsg_device_ops *ops,
					void *transport, const char *parent,
					const struct rpmsg_channel_info *chinfo,
					const char *driver_override);
/* rpmsg_register_device: the channel joins the bus and a matching driver is
 * probed.  An announced channel (no override) that finds no driver is
 * logged and kept unbound.  0, or -ENOMEM. */
int rpmsg_register_device(struct rpmsg_channel *ch, sim_time_t t);
/* device_unregister: the driver is removed (remove, then its endpoint
 * destroyed), the channel leaves the bus and is freed. */
void rpmsg_unregister_device(struct rpmsg_channel *ch, sim_time_t t);

void *rpmsg_channel_transport(const struct rpmsg_channel *ch);
/* rpdev->announce: the transport sets it for a channel the host made with
 * a local address; the core then announces it after probe and before
 * remove (through the device ops). */
void rpmsg_channel_set_announce(struct rpmsg_channel *ch, bool announce);
bool rpmsg_channel_announce(const struct rpmsg_channel *ch);

/* --- channels: the drivers' side ---------------------------------------------- */

const char *rpmsg_channel_name(const struct rpmsg_channel *ch);    /* "rpmsg-raw" */
const char *rpmsg_channel_devname(const struct rpmsg_channel *ch); /* "virtio0.rpmsg-raw.-1.1024" */
const char *rpmsg_channel_parent(const struct rpmsg_channel *ch);  /* "virtio0" */
struct sim *rpmsg_channel_sim(const struct rpmsg_channel *ch);
/* RPMSG_ADDR_ANY until a driver with a callback is bound, then its
 * endpoint's address. */
uint32_t rpmsg_channel_src(const struct rpmsg_channel *ch);
uint32_t rpmsg_channel_dst(const struct rpmsg_channel *ch);
struct rpmsg_ept *rpmsg_channel_ept(const struct rpmsg_channel *ch); /* NULL if none */
const struct rpmsg_driver *rpmsg_channel_driver(const struct rpmsg_channel *ch); /* NULL: unbound */
/* The context the bound driver was registered with. */
void *rpmsg_channel_driver_ctx(const struct rpmsg_channel *ch);
void *rpmsg_channel_drvdata(const struct rpmsg_channel *ch);
void rpmsg_channel_set_drvdata(struct rpmsg_channel *ch, void *data);

/* Asks the channel's transport for a channel (the name service, the ctrl
 * device's RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL). */
int rpmsg_create_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			 sim_time_t t);
int rpmsg_release_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			  sim_time_t t);

/* --- sysfs: the rpmsg bus as user space sees it ------------------------------
 * /sys/bus/rpmsg/devices/DEV/ATTR of a registered channel (DEV its device
 * name): name, src, dst ("0x%x"), announce ("true"/"false"), modalias
 * ("rpmsg:NAME"), read-only (-EACCES on write), and driver_override
 * ("(null)" when unset), which driver_set_override's rules write: cut at
 * the first newline, empty clears it; it takes effect at the next bind.
 * /sys/bus/rpmsg/drivers/DRV/bind and unbind take a device name (one
 * trailing newline allowed): bind probes an unbound matching channel with
 * DRV (-ENODEV: no such device or it does not match; -EBUSY: bound), unbind
 * removes DRV from it (-ENODEV: not bound to DRV).  drivers_probe binds an
 * unbound channel to the first matching driver.  Reads return the length
 * put in out (NUL-terminated); writes 0; -ENOENT for a path that is not
 * there. */
int rpmsg_bus_attr_read(struct rpmsg_bus *bus, const char *devname, const char *attr, char *out,
			size_t cap);
int rpmsg_bus_attr_write(struct rpmsg_bus *bus, const char *devname, const char *attr,
			 const char *buf, size_t len);
int rpmsg_bus_bind(struct rpmsg_bus *bus, const char *drvname, bool bind, const char *buf,
		   size_t len, sim_time_t t);
int rpmsg_bus_drivers_probe(struct rpmsg_bus *bus, const char *buf, size_t len, sim_time_t t);
/* Whether a driver of that name is registered (/sys/bus/rpmsg/drivers/DRV). */
bool rpmsg_bus_has_driver(const struct rpmsg_bus *bus, const char *drvname);

/* --- snapshots (sim/core/snap.h) ------------------------------------------------
 * A channel is saved by its transport (name, addresses, device name, the
 * driver by name, its endpoint's address, the driver's own state) and
 * restored by it: the channel joins the bus again, bound to the same
 * driver without probing (no endpoint created, nothing logged, no hook);
 * its endpoint must already be back on the transport (found through
 * ops->find_ept).  The bus saves the order its channels registered in,
 * by device name, and restores it once every transport restored its
 * channels.  discard frees a channel without a word (the driver's forget,
 * not remove). */
int rpmsg_channel_save(const struct rpmsg_channel *ch, struct snap_writer *w);
struct rpmsg_channel *rpmsg_channel_restore(struct rpmsg_bus *bus, const struct rpmsg_device_ops *ops,
					    void *transport, const char *parent,
					    struct snap_reader *r);
void rpmsg_channel_discard(struct rpmsg_channel *ch);
int rpmsg_bus_save(const struct rpmsg_bus *bus, struct snap_writer *w);
int rpmsg_bus_restore(struct rpmsg_bus *bus, struct snap_reader *r);
/* The registered channel with this device name, or NULL. */
struct rpmsg_channel *rpmsg_bus_find(const struct rpmsg_bus *bus, const char *devname);
/* The endpoint at addr on ch's transport device, or NULL. */
struct rpmsg_ept *rpmsg_channel_find_ept(struct rpmsg_channel *ch, uint32_t addr);

/* --- endpoints ---------------------------------------------------------------- */

/* An endpoint on ch's transport device; see rpmsg_device_ops.create_ept. */
struct rpmsg_ept *rpmsg_create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				   uint32_t src, int *err);
void rpmsg_destroy_ept(struct rpmsg_ept *ept); /* NULL is a no-op */
uint32_t rpmsg_ept_addr(const struct rpmsg_ept *ept);
void rpmsg_ept_set_cb(struct rpmsg_ept *ept, rpmsg_rx_cb cb, void *priv);

/* One message from ept to dst.  0 sent; -EINVAL (dst ANY, or NULL data
 * with len); -EMSGSIZE (longer than the transport's payload); -ENOMEM no
 * TX buffer and nonblock (Linux's trysend; rpmsg_char turns it into
 * -EAGAIN); RPMSG_WOULD_BLOCK no TX buffer and blocking; -EIO the
 * transport is broken; -ENODEV stopped. */
static inline int rpmsg_send(struct rpmsg_ept *ept, uint32_t dst, const void *data, size_t len,
			     bool nonblock, sim_time_t t)
{
	return ept->ops->send(ept, dst, data, len, nonblock, t);
}

/* The transport's poll bits for the endpoint (host_poll.h): POLLOUT when a
 * send would find a TX buffer.  Like Linux's virtio_rpmsg_poll, asking
 * turns the TX-complete interrupt on, so a returned buffer wakes a poller
 * (the transport's tx_ready hook). */
static inline unsigned rpmsg_poll(struct rpmsg_ept *ept)
{
	return ept->ops->poll ? ept->ops->poll(ept) : 0;
}

/* A writer that got RPMSG_WOULD_BLOCK stops waiting (rpmsg_send's 15 s
 * are over): rpmsg_downref_sleepers, so TX-complete interrupts go off
 * again when it was the last one waiting. */
static inline void rpmsg_send_give_up(struct rpmsg_ept *ept)
{
	if (ept->ops->give_up)
		ept->ops->give_up(ept);
}

#endif
