/* RPMsg remote side over one virtio vdev, following the Linux
 * virtio_rpmsg_bus conventions (OpenAMP / rpmsg-lite compatible):
 * - the remote sends on vring 0 (buffers the host made available, returned
 *   on the used ring with len = 16 + payload, then a kick) and receives on
 *   vring 1 (returned with len 0; kicked only if the host asks);
 * - endpoints with a name are announced to the host's name service
 *   (address 53) once the host accepted VIRTIO_RPMSG_F_NS;
 * - the vrings are set up only after the host set DRIVER_OK, since it
 *   fills in their addresses then; if the status drops (the host reset the
 *   device), fw_rpmsg_run sets everything up again and re-announces.
 *
 * Callbacks run from fw_rpmsg_poll (never from interrupt context) and may
 * send, including to the sender (reply to `src`).  `data` points into the
 * receive buffer and is valid only during the callback. */
#ifndef FW_RPMSG_H
#define FW_RPMSG_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_rsc.h"
#include "fw_virtio.h"
#include "fw_vring.h"

#define FW_RPMSG_MAX_EPTS 4
#define FW_RPMSG_SEND_TIMEOUT_US 1000000u /* blocking send gives up after 1 s */
#define FW_RPMSG_POLL_US 1000u            /* DRIVER_OK is re-read this often */

struct fw_rpmsg;
struct fw_rpmsg_ept;

/* Return value is ignored (kept for OpenAMP-style callbacks). */
typedef int (*fw_rpmsg_cb)(struct fw_rpmsg_ept *ept, const void *data, uint32_t len,
			   uint32_t src, void *priv);

struct fw_rpmsg_ept {
	char name[FW_RPMSG_NAME_LEN]; /* "" : not announced */
	uint32_t addr;                /* local address */
	fw_rpmsg_cb cb;
	void *priv;
	struct fw_rpmsg *dev;
};

struct fw_rpmsg_stats {
	uint32_t rx, tx;     /* messages delivered / sent */
	uint32_t no_ept;     /* received for an unknown address */
	uint32_t bad_msg;    /* received with a bad length */
	uint32_t ring_errors; /* buffers refused by the vring layer */
};

struct fw_rpmsg {
	volatile struct fw_rsc_vdev *vdev; /* in the table the host loaded */
	struct fw_vring tx;                /* vring 0 */
	struct fw_vring rx;                /* vring 1 */
	bool ready;
	bool ns;                           /* host accepted name service */
	uint32_t next_addr;
	struct fw_rpmsg_ept *epts[FW_RPMSG_MAX_EPTS];
	struct fw_rpmsg_stats stats;
};

/* Finds the RPMsg vdev in the resource table (the object the firmware
 * defined, e.g. with FW_RSC_TABLE_STD, and its sizeof).  0 or -FW_EINVAL. */
int fw_rpmsg_init(struct fw_rpmsg *r, volatile void *rsc_table, uint32_t size);
/* Waits for DRIVER_OK (re-reading the status every FW_RPMSG_POLL_US and
 * after every kick), sets up both vrings and announces the named
 * endpoints.  0, or -FW_EINVAL if the host left unusable vring values. */
int fw_rpmsg_wait_ready(struct fw_rpmsg *r);

/* Binds `ept` at `addr` (FW_RPMSG_ADDR_ANY: the next free address from
 * 1024); announces `name` (NULL or "": no announcement) if ready.
 * 0, -FW_EBUSY (address taken), -FW_ENOSPC, -FW_EINVAL. */
int fw_rpmsg_create_ept(struct fw_rpmsg *r, struct fw_rpmsg_ept *ept, const char *name,
			uint32_t addr, fw_rpmsg_cb cb, void *priv);
/* Announces the destruction (if named and ready) and unbinds. */
void fw_rpmsg_destroy_ept(struct fw_rpmsg_ept *ept);

/* Sends len bytes from ept's address to dst.  Blocking: waits for a
 * buffer up to FW_RPMSG_SEND_TIMEOUT_US (-FW_ETIMEDOUT); non-blocking
 * returns -FW_EAGAIN at once.  Both: 0, -FW_EMSGSIZE, -FW_ENOTCONN. */
int fw_rpmsg_send(struct fw_rpmsg_ept *ept, uint32_t dst, const void *data, uint32_t len);
int fw_rpmsg_trysend(struct fw_rpmsg_ept *ept, uint32_t dst, const void *data, uint32_t len);

/* Delivers every waiting message to its endpoint's callback.  Returns how
 * many, or -FW_ENOTCONN if the host took DRIVER_OK away. */
int fw_rpmsg_poll(struct fw_rpmsg *r);
/* The usual main loop: poll, sleep until the next kick, and rebuild after
 * a device reset.  `idle` (may be NULL) runs before each sleep; it
 * returns false to leave the loop. */
void fw_rpmsg_run(struct fw_rpmsg *r, bool (*idle)(void *ctx), void *ctx);

#endif
