/* The rpmsg character devices, after Linux's drivers/rpmsg/rpmsg_char.c and
 * rpmsg_ctrl.c: two rpmsg drivers sharing one /dev namespace, registered
 * on the rpmsg core with that namespace as their context:
 *   rpmsg_ctrl_driver  "rpmsg_ctrl", bound by driver_override to the ctrl
 *                      device each transport registers when it starts;
 *   rpmsg_char_driver  "rpmsg_chrdev", id table {"rpmsg-raw", "rpmsg_chrdev"}.
 * The host's user space (the scenario runner) drives them:
 *
 *   /dev/rpmsg_ctrlN  one per started vdev (lowest free N).  Opened any
 *                     number of times; RPMSG_CREATE_EPT_IOCTL
 *                     ({name[32], src, dst}) makes a /dev/rpmsgM.
 *   /dev/rpmsgM       lowest free M.  Made by the ioctl, or by itself for a
 *                     channel the remote announced as "rpmsg-raw".
 *                     open: -EBUSY if already open.  An ioctl-made device
 *                     creates its endpoint (src, ANY = dynamic) at open
 *                     and destroys it at close (open fails with -EINVAL
 *                     when src is taken); an "rpmsg-raw" device uses the
 *                     channel's endpoint, which lives as long as the
 *                     channel and queues messages even while closed.
 *                     close purges the receive queue.
 *                     write: one message to dst; > 496 bytes -EMSGSIZE;
 *                     no TX buffer: -EAGAIN if nonblock, else
 *                     RPMSG_WOULD_BLOCK (wait for the vdev's tx_ready).
 *                     read: one whole message, truncated to the buffer;
 *                     empty: -EAGAIN if nonblock, else RPMSG_WOULD_BLOCK
 *                     (wait for the readable hook).
 *                     RPMSG_DESTROY_EPT_IOCTL removes an ioctl-made device
 *                     (-EINVAL on an "rpmsg-raw" one).
 *
 * When a device goes away (destroy ioctl, channel destroyed, vdev stopped)
 * while open, the file stays valid: read and write return -EPIPE (as Linux,
 * which clears eptdev->ept) and ioctls -ENODEV, until close.  Opening a
 * path that does not exist is -ENOENT.
 *
 * A receive queue holds at most RPMSG_CHAR_QUEUE_MAX messages; beyond that
 * messages are dropped and logged (Linux queues without bound, which a
 * flooding firmware would turn into unbounded host memory). */
#ifndef RPSIM_RPMSG_CHAR_H
#define RPSIM_RPMSG_CHAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "models/host/rpmsg_core.h"
#include "sim/core/sim.h"

#define RPMSG_CHAR_QUEUE_MAX 1024
#define RPMSG_CHAR_PATH_LEN 32

struct rpmsg_chardevs;
struct rpmsg_file;

/* struct rpmsg_endpoint_info of <linux/rpmsg.h> */
struct rpmsg_endpoint_info {
	char name[RPMSG_NAME_SIZE];
	uint32_t src;
	uint32_t dst;
};

struct rpmsg_chardevs_hooks {
	void *ctx;
	/* a message was queued on path */
	void (*readable)(void *ctx, const char *path, sim_time_t t);
	/* path appeared / is going away */
	void (*created)(void *ctx, const char *path, sim_time_t t);
	void (*removed)(void *ctx, const char *path, sim_time_t t);
};

/* The host's /dev namespace for rpmsg: one per simulation, shared by its
 * vdevs (numbering is global, as in Linux).  Owns every device and file;
 * destroy frees them all, open files included (every device must have
 * been removed: stop the transports first). */
struct rpmsg_chardevs *rpmsg_chardevs_create(struct sim *sim);
void rpmsg_chardevs_destroy(struct rpmsg_chardevs *cd);
void rpmsg_chardevs_set_hooks(struct rpmsg_chardevs *cd, const struct rpmsg_chardevs_hooks *h);

/* Whether path names an existing device. */
bool rpmsg_char_exists(struct rpmsg_chardevs *cd, const char *path);
/* Paths of the existing devices in creation order (ctrl and endpoint
 * devices alike); i past the end gives NULL. */
const char *rpmsg_char_path(struct rpmsg_chardevs *cd, unsigned i);

/* 0 and *out, or -ENOENT, -EBUSY, -EINVAL (endpoint address taken). */
int rpmsg_char_open(struct rpmsg_chardevs *cd, const char *path, struct rpmsg_file **out,
		    sim_time_t t);
/* Frees f (whatever happened to its device). */
void rpmsg_char_close(struct rpmsg_file *f, sim_time_t t);

/* Bytes written (= len), or -EMSGSIZE, -EAGAIN, RPMSG_WOULD_BLOCK, -EPIPE,
 * -EINVAL (on a ctrl file, or dst ANY), -EIO (TX ring broken). */
long rpmsg_char_write(struct rpmsg_file *f, const void *buf, size_t len, bool nonblock,
		      sim_time_t t);
/* A blocking write that got RPMSG_WOULD_BLOCK sleeps: the vdev counts it
 * among its sleepers (TX-complete interrupts on) until a later write on f
 * finds a buffer, or it gives up here (its 15 s are over; closing f does
 * it too): rpmsg_downref_sleepers. */
void rpmsg_char_write_give_up(struct rpmsg_file *f);
/* Bytes read, or -EAGAIN, RPMSG_WOULD_BLOCK, -EPIPE, -EINVAL (ctrl file). */
long rpmsg_char_read(struct rpmsg_file *f, void *buf, size_t len, bool nonblock);
/* Messages waiting. */
unsigned rpmsg_char_queued(const struct rpmsg_file *f);
/* poll's mask (host_poll.h): a ctrl file has no poll (always readable and
 * writable); an endpoint file is POLLIN|POLLRDNORM with a message waiting,
 * POLLOUT with a TX buffer free (rpmsg_poll), POLLERR once its endpoint is
 * gone (rpmsg_eptdev_poll). */
unsigned rpmsg_char_poll(const struct rpmsg_file *f);
/* /sys/class/rpmsg/NAME/ATTR of an endpoint device (NAME "rpmsg0"): name,
 * src and dst ("%d": -1 for ANY).  Length put in out, or -ENOENT. */
int rpmsg_char_class_attr(struct rpmsg_chardevs *cd, const char *name, const char *attr, char *out,
			  size_t cap);

/* RPMSG_CREATE_EPT_IOCTL on a ctrl file: 0 and the new device's number in
 * *minor (may be NULL); -EINVAL on an endpoint file; -ENODEV when the ctrl
 * device is gone; -ENOMEM. */
int rpmsg_char_ioctl_create_ept(struct rpmsg_file *ctrl, const struct rpmsg_endpoint_info *info,
				int *minor, sim_time_t t);
/* RPMSG_CREATE_DEV_IOCTL (create) / RPMSG_RELEASE_DEV_IOCTL on a ctrl
 * file: a channel {name, src, dst} on its transport, bound by name like
 * an announced one (rpmsg_chrdev serves "rpmsg-raw" and "rpmsg_chrdev");
 * one with a src announces itself to the remote's name service.  0,
 * -ENXIO (create failed, e.g. it exists), -EINVAL (release: no such
 * channel, or not a ctrl file), -ENODEV (ctrl device gone). */
int rpmsg_char_ioctl_dev(struct rpmsg_file *ctrl, bool create,
			 const struct rpmsg_endpoint_info *info, sim_time_t t);
/* RPMSG_DESTROY_EPT_IOCTL on an endpoint file. */
int rpmsg_char_ioctl_destroy_ept(struct rpmsg_file *f, sim_time_t t);

/* Path of the device f was opened on. */
const char *rpmsg_file_path(const struct rpmsg_file *f);
/* Address of the endpoint behind an open /dev/rpmsgM (RPMSG_ADDR_ANY if none). */
uint32_t rpmsg_file_ept_addr(const struct rpmsg_file *f);

/* Snapshots (sim/core/snap.h), section "chardevs": every device in
 * creation order (kind, number, the channel it belongs to by device name,
 * removed or not, the endpoint it uses, its receive queue) and every open
 * file.  restore runs once the transports restored their channels and
 * endpoints (bus): it sets the channels' drvdata and the endpoints'
 * callbacks back to these devices.  discard frees every device and file
 * without a word (no hook, no log): what a restore replaces.  Files are
 * numbered in cd's order for their owners' snapshots (file_index, file). */
struct snap_writer;
struct snap_reader;
int rpmsg_chardevs_save(struct rpmsg_chardevs *cd, struct snap_writer *w);
int rpmsg_chardevs_restore(struct rpmsg_chardevs *cd, struct rpmsg_bus *bus, struct snap_reader *r);
void rpmsg_chardevs_discard(struct rpmsg_chardevs *cd);
/* Index of f among the open files, -1 if not one. */
int rpmsg_chardevs_file_index(const struct rpmsg_chardevs *cd, const struct rpmsg_file *f);
/* The open file at index i, NULL past the end. */
struct rpmsg_file *rpmsg_chardevs_file(const struct rpmsg_chardevs *cd, unsigned i);

/* The drivers; register each with the namespace as context:
 * rpmsg_register_driver(bus, &rpmsg_ctrl_driver, cd).  The ctrl driver
 * makes /dev/rpmsg_ctrlN when it binds and, when its device goes, removes
 * the /dev/rpmsgM its ioctl made, then /dev/rpmsg_ctrlN. */
extern const struct rpmsg_driver rpmsg_ctrl_driver;
extern const struct rpmsg_driver rpmsg_char_driver;

#endif
