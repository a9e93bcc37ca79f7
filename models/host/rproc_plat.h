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
 * mailbox and sysctl see exactly what a Linux driver would do.
 *
 * The driver knows its hardware only from struct rproc_plat_res, as a
 * Linux platform driver knows it from its device-tree resources; whoever
 * builds the host fills it from the platform. */
#ifndef RPSIM_RPROC_PLAT_H
#define RPSIM_RPROC_PLAT_H

#include "devices/bus.h"
#include "devices/irq.h"
#include "models/host/rproc.h"
#include "sim/core/cpu.h"

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

/* The mailbox channel the host usually sends and receives on (channel 0
 * of each direction, as the TI drivers use one sub-mailbox per
 * direction). */
#define RPROC_PLAT_MBOX_CHAN 0
/* Software queue for messages while the hardware FIFO is full (Linux's
 * mailbox framework keeps MBOX_TX_QUEUE_LEN = 20). */
#define RPROC_PLAT_TXQ_LEN 20

/* The driver's resources. */
struct rproc_plat_res {
	struct bus *bus;             /* the host's physical view */
	uint64_t mbox_base;          /* the mailbox's host window */
	unsigned mbox_chan;          /* the TX channel (host -> remote) */
	unsigned mbox_rx_chan;       /* the RX channel (remote -> host); usually mbox_chan */
	/* a channel on which any message from the remote reports a crash
	 * (a device tree's mbox-names "crash"), when mbox_crash */
	bool mbox_crash;
	unsigned mbox_crash_chan;
	uint64_t sysctl_base;        /* the remote's sysctl: reset line, boot address */
	struct irq_line *mbox_irq;   /* the mailbox's host-side interrupt */
	struct irq_line *wdt_irq;    /* the remote's watchdog interrupt (NULL: none) */
	sim_time_t irq_entry;        /* interrupt raised -> handler runs */
	struct cpu *core;            /* the remote's core, for coredump registers (NULL: none) */
	/* Where a firmware started before Linux keeps its resource table (da
	 * and size), for attaching: on TI K3 the first reserved-memory region
	 * of the device tree, on STM32 a TAMP register the boot stage writes.
	 * Size 0: the remote has no table. */
	uint64_t rsc_table_da;
	uint32_t rsc_table_size;
};

struct rproc_plat {
	struct rproc_plat_res res;
	struct rproc *rproc;
	struct sim *sim;
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
 * (mailbox and watchdog). Call rproc_plat_bind once the rproc exists. */
void rproc_plat_init(struct rproc_plat *pl, struct sim *sim, const struct rproc_plat_res *res);
void rproc_plat_bind(struct rproc_plat *pl, struct rproc *rproc);

/* The way the driver learns of a core fault: the platform (through
 * whoever built the host) calls this when the remote's core faulted with
 * no usable trap handler, t being the core's local time then.  It reports
 * a fatal-error crash, as a remote's error interrupt would in Linux. */
void rproc_plat_core_fatal(struct rproc_plat *pl, const struct cpu_fault *f, sim_time_t t);

/* Snapshots: the software queue, the pending interrupt handler, the
 * counters (sim/core/snap.h).  0, or -1 with the message in the reader. */
int rproc_plat_save(const struct rproc_plat *pl, struct snap_writer *w);
int rproc_plat_restore(struct rproc_plat *pl, struct snap_reader *r);

/* Sends a raw 32-bit message to the remote (queued if the FIFO is full).
 * Returns 0, or -ENOBUFS when the software queue is full too. */
int rproc_plat_send(struct rproc_plat *pl, uint32_t msg, sim_time_t t);

#endif
