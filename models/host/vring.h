/* The driver (host) side of a split virtqueue laid out in shared memory,
 * as Linux's virtio_ring.c drives it for virtio_rpmsg_bus: one descriptor
 * per buffer (no chains, no indirect descriptors), event-idx never
 * negotiated (VIRTIO_RING_F_EVENT_IDX is not offered to the firmware, so
 * notifications follow used.flags NO_NOTIFY and avail.flags NO_INTERRUPT).
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
	uint16_t avail_flags;
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

/* Whether the remote wants a notification for what was added: not if it
 * set used.flags NO_NOTIFY (event-idx is never negotiated). */
bool vring_drv_kick_needed(struct vring_drv *vr);

/* Sets or clears avail.flags NO_INTERRUPT (Linux's disable_cb/enable_cb). */
void vring_drv_set_no_interrupt(struct vring_drv *vr, bool no_interrupt);

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
