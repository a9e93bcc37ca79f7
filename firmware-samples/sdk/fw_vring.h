/* Device side of a split virtqueue: take buffers the driver (Linux) made
 * available, give them back through the used ring.
 *
 * Everything the host wrote is untrusted: avail indices are masked by
 * num - 1, a head >= num or an avail index more than num ahead marks the
 * ring broken (-FW_EIO), and a descriptor whose buffer is not inside the
 * shared memory (FW_SHM_BASE, FW_SHM_SIZE: DRAM) or longer than the ring's max_len is returned unused (len 0) with
 * -FW_EIO.  Chained and indirect descriptors are not used by RPMsg and
 * are refused the same way.
 *
 * Notifications: without event-idx the flags (the host's avail.flags
 * NO_INTERRUPT says "no kick after used"; this side never sets used.flags
 * NO_NOTIFY, it wants every kick); with VIRTIO_RING_F_EVENT_IDX the event
 * indices, as a virtio device uses them: used_event (written by the host)
 * says from which used entry on it wants a kick, avail_event (written
 * here, whenever the ring is found empty) asks for a kick when the next
 * buffer is made available. */
#ifndef FW_VRING_H
#define FW_VRING_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_rsc.h"
#include "fw_virtio.h"

struct fw_vring {
	uintptr_t desc, avail, used; /* addresses in the remote's view */
	uintptr_t mem_base, mem_size; /* where buffers may lie */
	uint32_t num;
	uint32_t notifyid;
	uint32_t max_len;   /* longest acceptable buffer */
	uint16_t last_avail; /* next avail entry to take */
	uint16_t used_idx;   /* our copy of used->idx */
	uint16_t signalled;  /* used_idx at the last kick decision (event-idx) */
	uint32_t errors;     /* buffers refused */
	bool broken;
	bool event_idx;      /* VIRTIO_RING_F_EVENT_IDX negotiated */
};

/* Sets the ring up from its resource-table entry, read AFTER the host set
 * DRIVER_OK (it fills in da then).  0, or -FW_EINVAL naming nothing in
 * particular: the caller logs which vring. */
int fw_vring_init(struct fw_vring *vr, const volatile struct fw_rsc_vring *rsc, uint32_t max_len);
/* The same from explicit values: the ring at `base` and buffers accepted
 * only inside [mem_base, mem_base + mem_size), which must hold the ring
 * too.  fw_vring_init uses FW_SHM_BASE/FW_SHM_SIZE (fw_platform.h): DRAM
 * of any size. */
int fw_vring_init_at(struct fw_vring *vr, uintptr_t base, uint32_t num, uint32_t align,
		     uint32_t notifyid, uint32_t max_len, uintptr_t mem_base, uintptr_t mem_size);

/* Turns event-idx notifications on (the host accepted
 * VIRTIO_RING_F_EVENT_IDX in gfeatures) or off; call after init. */
void fw_vring_set_event_idx(struct fw_vring *vr, bool on);
/* Takes the next available buffer: 0 with *head, *buf, *len set;
 * -FW_EAGAIN if none (with event-idx, avail_event then asks the host to
 * kick when the next buffer comes); -FW_EIO if the host broke the ring. */
int fw_vring_get(struct fw_vring *vr, uint16_t *head, void **buf, uint32_t *len);
/* Returns buffer `head` with `len` bytes written (0 for a read buffer). */
void fw_vring_put(struct fw_vring *vr, uint16_t head, uint32_t len);
/* Whether the driver wants a kick for the used entries put since the last
 * decision: it sets VRING_AVAIL_F_NO_INTERRUPT when it does not, or, with
 * event-idx, its used_event says from which entry on (vring_need_event).
 * A decision is taken once: the next call counts from here. */
bool fw_vring_wants_kick(struct fw_vring *vr);
/* Sends the ring's notifyid to the host if it wants a kick. */
void fw_vring_kick(struct fw_vring *vr);

#endif
