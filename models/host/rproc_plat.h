/* The remoteproc platform driver for the simulated SoC, in the manner of
 * omap_remoteproc / ti_k3_r5_remoteproc: start programs the sysctl's boot
 * address and releases the reset line, stop asserts it, kick sends the
 * vring notifyid as a 32-bit mailbox message; the host's mailbox interrupt
 * handler reads the remote's messages and dispatches them: notifyids to
 * the vdevs, RP_MBOX_CRASH to crash handling, RP_MBOX_ECHO_REQUEST answered
 * with RP_MBOX_ECHO_REPLY. The watchdog interrupt reports a watchdog crash;
 * a core that faults with no usable trap handler reports a fatal error.
 *
 * Every register access goes through the host's physical bus, so the
 * mailbox and sysctl see exactly what a Linux driver would do. */
#ifndef RPSIM_RPROC_PLAT_H
#define RPSIM_RPROC_PLAT_H

#include "models/host/rproc.h"
#include "sim/platform/platform.h"

/* OMAP / TI K3 mailbox messages (drivers/remoteproc/omap_remoteproc.h). */
enum {
	RP_MBOX_READY = 0xFFFFFF00,
	RP_MBOX_PENDING_MSG = 0xFFFFFF01,
	RP_MBOX_CRASH = 0xFFFFFF02,
	RP_MBOX_ECHO_REQUEST = 0xFFFFFF03,
	RP_MBOX_ECHO_REPLY = 0xFFFFFF04,
	RP_MBOX_ABORT_REQUEST = 0xFFFFFF05,
	RP_MBOX_SUSPEND_AUTO = 0xFFFFFF10,
	RP_MBOX_SUSPEND_SYSTEM = 0xFFFFFF11,
	RP_MBOX_SUSPEND_ACK = 0xFFFFFF12,
	RP_MBOX_SUSPEND_CANCEL = 0xFFFFFF13,
};

/* Mailbox channel the host sends on and receives on (channel 0 of each
 * direction, as the TI drivers use one sub-mailbox per direction). */
#define RPROC_PLAT_MBOX_CHAN 0
/* Software queue for messages while the hardware FIFO is full (Linux's
 * mailbox framework keeps MBOX_TX_QUEUE_LEN = 20). */
#define RPROC_PLAT_TXQ_LEN 20

struct rproc_plat {
	struct platform_remote *remote;
	struct rproc *rproc;
	struct sim *sim;
	sim_time_t irq_entry;  /* IRQ raised -> handler runs */
	struct event irq_ev;
	bool irq_scheduled;
	uint32_t txq[RPROC_PLAT_TXQ_LEN];
	unsigned txq_head, txq_len;
	uint64_t echo_replies;  /* RP_MBOX_ECHO_REPLY received */
	uint64_t msgs_received;
	uint64_t msgs_dropped;
	uint64_t kicks_sent;
};

/* The ops table; priv of the rproc must be the struct rproc_plat. */
extern const struct rproc_ops rproc_plat_ops;

/* Prepares the driver state for a remote and connects its interrupt lines
 * (host mailbox IRQ, watchdog IRQ, core fatal hook). Call rproc_plat_bind
 * once the rproc exists. */
void rproc_plat_init(struct rproc_plat *pl, struct platform_remote *remote, sim_time_t irq_entry);
void rproc_plat_bind(struct rproc_plat *pl, struct rproc *rproc);

/* Sends a raw 32-bit message to the remote (queued if the FIFO is full).
 * Returns 0, or -ENOBUFS when the software queue is full too. */
int rproc_plat_send(struct rproc_plat *pl, uint32_t msg, sim_time_t t);

#endif
