/* The driver (host) side of a split virtqueue laid out in shared memory,
 * as Linux's virtio_ring.c drives it for virtio_rpmsg_bus: one descriptor
 * per buffer (no chains; indirect descriptors are negotiated when offered
 * but never used for one-element buffers, as in Linux).  Notifications
 * follow used.flags NO_NOTIFY and avail.flags NO_INTERRUPT, or, once
 * VIRTIO_RING_F_EVENT_IDX was negotiated (vring_drv_set_event_idx), the
 * event indices: the host kicks when avail moves past the remote's
 * avail_event (vring_need_event) and asks for interrupts by writing
 * used_event, exactly where virtio_ring.c does.
 *
 * Trust: the ring memory is shared with the remote, which may write
 * anything.  The host keeps its own shadow of every descriptor it posted
 * and never uses an address or length read back from the descriptor table;
 * every index read from the used ring is checked.  A structural error (a
 * used id out of range or not a head we posted, a used idx that moves by
 * more than the buffers outstanding) breaks the ring as Linux's BAD_RING
 * does: logged once, then every operation fails with -EIO until the ring
 * is initialised again.  A descriptor the remote rewrote is reported and
 * ignored (the shadow wins).
 *
 * Layout helpers come from rproc_mem.h (rproc_vring_size,
 * rproc_vring_layout). */
#ifndef RPSIM_VRING_H
#define RPSIM_VRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define VRING_DESC_F_INDIRECT 4
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY 1

#define VRING_DESC_SIZE 16
#define VRING_USED_ELEM_SIZE 8
/* field offsets inside the parts */
enum {
	VRING_DESC_ADDR = 0, VRING_DESC_LEN = 8, VRING_DESC_FLAGS = 12, VRING_DESC_NEXT = 14,
	VRING_AVAIL_FLAGS = 0, VRING_AVAIL_IDX = 2, VRING_AVAIL_RING = 4,
	VRING_USED_FLAGS = 0, VRING_USED_IDX = 2, VRING_USED_RING = 4,
};

/* The host's record of a descriptor it posted. */
struct vring_slot {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next_free; /* free list link while not posted */
	void *token;        /* non-NULL while posted: what get_used returns */
};

struct vring_drv {
	struct sim *sim;
	struct bus *bus;
	const char *log_name; /* component in log lines, e.g. "virtio0" */
	unsigned index;       /* vring number, for messages */

	uint64_t desc, avail, used; /* pa of each part */
	uint64_t size;
	uint32_t num;

	uint16_t avail_idx; /* shadow of avail.idx (the host is the only writer) */
	uint16_t last_used; /* next used.idx value to consume */
	uint16_t avail_flags; /* shadow: NO_INTERRUPT is written only without event-idx */
	uint16_t kicked_avail; /* avail_idx at the last kick decision (num_added) */
	bool event;            /* VIRTIO_RING_F_EVENT_IDX negotiated */
	uint16_t free_head;
	uint32_t num_free;
	struct vring_slot *slots;

	bool broken;
	uint64_t tampered; /* descriptors found rewritten by the remote */
};

/* Checks num/align (powers of two, num <= 32768) and that the whole ring
 * lies in RAM on bus, without touching it.  Returns 0, or -1 with a message
 * in err. */
int vring_drv_check(struct bus *bus, unsigned index, uint64_t pa, uint32_t num, uint32_t align,
		    char *err, size_t errlen);

/* vring_drv_check, then zeroes the ring memory (as Linux's find_vq does)
 * and sets up an empty ring.  Returns 0, or -1 with a message in err. */
int vring_drv_init(struct vring_drv *vr, struct sim *sim, struct bus *bus,
		   const char *log_name, unsigned index, uint64_t pa, uint32_t num,
		   uint32_t align, char *err, size_t errlen);
void vring_drv_destroy(struct vring_drv *vr);

/* Posts one buffer (device-writable if `writable`).  token must be non-NULL.
 * 0, -ENOSPC when every descriptor is posted, -EIO when the ring is broken. */
int vring_drv_add_buf(struct vring_drv *vr, uint64_t addr, uint32_t len, bool writable,
		      void *token);

/* Takes the next used element.  Returns 1 with *token and *len (len as the
 * remote wrote it, unchecked), 0 when nothing is used, -EIO when the ring is
 * (or just became) broken.  t stamps the log lines. */
int vring_drv_get_used(struct vring_drv *vr, void **token, uint32_t *len, sim_time_t t);

/* Whether the used ring holds something to take (no validation). */
bool vring_drv_more_used(struct vring_drv *vr);

/* Event-idx on or off (virtio_has_feature(VIRTIO_RING_F_EVENT_IDX) at
 * find_vq); set right after init, before the first buffer is added. */
void vring_drv_set_event_idx(struct vring_drv *vr, bool on);

/* virtqueue_kick_prepare: whether the remote wants a notification for what
 * was added since the last call.  Without event-idx: not if it set
 * used.flags NO_NOTIFY; with it: vring_need_event(avail_event, new, old). */
bool vring_drv_kick_needed(struct vring_drv *vr);

/* Linux's disable_cb / enable_cb: sets or clears avail.flags NO_INTERRUPT,
 * or with event-idx writes used_event (0 to disable, as virtio_ring's
 * "hack", and the next used index to enable).  Enabling returns whether
 * used buffers are already waiting (virtqueue_enable_cb's false). */
bool vring_drv_set_no_interrupt(struct vring_drv *vr, bool no_interrupt);

/* The "event index" arithmetic of the virtio spec: whether a move of an
 * index from old to new_idx passed event (vring_need_event). */
static inline bool vring_need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

/* Snapshots (sim/core/snap.h): the host's shadow of the ring, section
 * "vring"; the ring itself is in RAM, which saves itself.  restore sets
 * vr up as vring_drv_init would (same checks, same layout) without
 * touching the memory, then takes the saved state: the free list and the
 * posted slots must agree.  0, or -1 with the message in the reader. */
struct snap_writer;
struct snap_reader;
int vring_drv_save(const struct vring_drv *vr, struct snap_writer *w);
int vring_drv_restore(struct vring_drv *vr, struct sim *sim, struct bus *bus, const char *log_name,
		      unsigned index, uint64_t pa, uint32_t num, uint32_t align,
		      struct snap_reader *r);

static inline uint32_t vring_drv_outstanding(const struct vring_drv *vr)
{
	return vr->num - vr->num_free;
}

#endif
