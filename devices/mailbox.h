/* Inter-processor mailbox: one device with two sides (host and remote),
 * each with its own 4 KiB register window.  A side has MBOX channels to the
 * other side (TX) and from it (RX); TX channel c of one side and RX channel
 * c of the other are the same FIFO of 32-bit messages.
 *
 * Each side has one IRQ line: the OR of its enabled "RX c not empty" and
 * "TX c not full" levels and of the error summary.  The line follows those
 * levels exactly `irq_latency` later (a delay line: every change at access
 * time t reaches the line at t + irq_latency, in order).  Register state
 * itself changes at the access time.
 *
 * Guest mistakes, as the hardware documents them: a write to a full FIFO is
 * dropped, a read of an empty one returns 0; both set a sticky error bit in
 * ERR_STATUS (write 1 to clear) and log SIM_LOG_GUEST_ERROR.  Nothing aborts.
 *
 * Ownership: mbox_create registers the device as a component of the sim;
 * sim_destroy calls mbox_destroy.  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_MAILBOX_H
#define RPSIM_DEVICES_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "sim/core/sim.h"

enum mbox_side { MBOX_SIDE_HOST = 0, MBOX_SIDE_REMOTE = 1, MBOX_NSIDES = 2 };

#define MBOX_WINDOW_SIZE 0x1000u

/* register offsets in each side's window */
#define MBOX_INFO 0x000       /* RO: NCHAN | DEPTH << 8 | SIDE << 16 */
#define MBOX_IRQ_ENABLE 0x004 /* RW, reset 0 */
#define MBOX_IRQ_RAW 0x008    /* RO: levels before enable */
#define MBOX_IRQ_STATUS 0x00C /* RO: RAW & ENABLE, plus ERR summary */
#define MBOX_ERR_STATUS 0x010 /* R/W1C sticky errors, reset 0 */
#define MBOX_TX_BASE 0x100    /* TX channel c at MBOX_TX_BASE + c * MBOX_CHAN_STRIDE */
#define MBOX_RX_BASE 0x200    /* RX channel c at MBOX_RX_BASE + c * MBOX_CHAN_STRIDE */
#define MBOX_CHAN_STRIDE 0x10
#define MBOX_CHAN_DATA 0x0    /* TX: WO push (reads 0); RX: RO pop */
#define MBOX_CHAN_STATUS 0x4  /* RO: FULL | EMPTY | COUNT */

/* MBOX_INFO fields */
#define MBOX_INFO_NCHAN_MASK 0x000000FFu
#define MBOX_INFO_DEPTH_SHIFT 8
#define MBOX_INFO_DEPTH_MASK 0x0000FF00u
#define MBOX_INFO_SIDE_SHIFT 16

/* IRQ_ENABLE / IRQ_RAW / IRQ_STATUS bits */
#define MBOX_IRQ_RX(c) (1u << (c))        /* RX channel c not empty */
#define MBOX_IRQ_TX(c) (1u << (16 + (c))) /* TX channel c not full */
#define MBOX_IRQ_ERR (1u << 31)           /* any ERR_STATUS bit set */

/* ERR_STATUS bits (sticky, write 1 to clear) */
#define MBOX_ERR_RX_UNDERFLOW(c) (1u << (c))       /* RX c read while empty */
#define MBOX_ERR_TX_OVERFLOW(c) (1u << (16 + (c))) /* TX c written while full */

/* channel STATUS fields */
#define MBOX_STATUS_FULL (1u << 0)
#define MBOX_STATUS_EMPTY (1u << 1)
#define MBOX_STATUS_COUNT_SHIFT 8
#define MBOX_STATUS_COUNT_MASK 0x0000FF00u

#define MBOX_MAX_CHANNELS 8
#define MBOX_MAX_DEPTH 64
#define MBOX_DEFAULT_CHANNELS 2
#define MBOX_DEFAULT_DEPTH 4

/* Every message pushed (RECORD_MBOX_SEND), popped (RECV), dropped on a
 * full FIFO (OVERFLOW) or read from an empty one (UNDERFLOW, value 0) is a
 * TRACE_MBOX record (sim/core/record.h). */

struct mbox_config {
	unsigned nchan;         /* channels per direction; 0: MBOX_DEFAULT_CHANNELS */
	unsigned depth;         /* messages per FIFO; 0: MBOX_DEFAULT_DEPTH */
	sim_time_t irq_latency; /* access -> IRQ line change */
};

struct mbox;

/* Checks a configuration: 0, or -1 with what is wrong and the accepted
 * range in err. */
int mbox_config_check(const struct mbox_config *cfg, char *err, size_t errlen);

/* NULL on a bad configuration (see mbox_config_check), out of memory or a
 * full component table.  name is copied. */
struct mbox *mbox_create(struct sim *sim, const char *name, const struct mbox_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void mbox_destroy(void *mbox);
/* Back to reset values: FIFOs empty, enables and errors 0, lines low at t. */
void mbox_reset(struct mbox *m, sim_time_t t);
/* One side back to reset values, for a side in the reset domain of the
 * processor it serves: the FIFOs it reads emptied (messages sent to it are
 * lost), its IRQ_ENABLE and ERR_STATUS 0, its line low at t.  The other
 * side keeps its registers; its TX-not-full level follows the emptied
 * FIFOs. */
void mbox_reset_side(struct mbox *m, enum mbox_side side, sim_time_t t);

/* Register window of one side: map ops with opaque mbox_window(m, side). */
const struct mmio_ops *mbox_ops(void);
void *mbox_window(struct mbox *m, enum mbox_side side);
int mbox_map(struct mbox *m, enum mbox_side side, struct bus *bus, uint64_t base,
	     char *err, size_t errlen);

/* The side's output line; connect it with irq_connect. */
struct irq_line *mbox_irq(struct mbox *m, enum mbox_side side);

/* Plain C path for the host model: the same as writing TX DATA / reading
 * RX DATA of `side` at time t, with the same flags, logs and traces.
 * mbox_send returns 0, or -1 when the FIFO was full (message dropped);
 * mbox_recv returns 0, or -1 when it was empty (*value = 0). */
int mbox_send(struct mbox *m, enum mbox_side side, unsigned chan, uint32_t value, sim_time_t t);
int mbox_recv(struct mbox *m, enum mbox_side side, unsigned chan, uint32_t *value, sim_time_t t);
/* Messages waiting for `side` to read on its RX channel chan. */
unsigned mbox_rx_count(const struct mbox *m, enum mbox_side side, unsigned chan);

#endif
