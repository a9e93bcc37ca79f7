#include "sim/core/record.h"
#include "models/host/rproc_plat.h"

#include <errno.h>
#include <string.h>

#include "devices/mailbox.h"
#include "devices/sysctl.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"

static struct rproc_plat *plat_of(struct rproc *rproc)
{
	return rproc->cfg.priv;
}

static uint64_t sysctl_reg(const struct rproc_plat *pl, uint64_t reg)
{
	return pl->res.sysctl_base + reg;
}

static uint64_t mbox_reg(const struct rproc_plat *pl, uint64_t reg)
{
	return pl->res.mbox_base + reg;
}

static uint64_t chan_reg(const struct rproc_plat *pl, uint64_t bank, uint64_t reg)
{
	unsigned c = bank == MBOX_TX_BASE ? pl->res.mbox_chan : pl->res.mbox_rx_chan;
	return mbox_reg(pl, bank + (uint64_t)c * MBOX_CHAN_STRIDE + reg);
}

static uint64_t crash_reg(const struct rproc_plat *pl, uint64_t reg)
{
	return mbox_reg(pl, MBOX_RX_BASE + (uint64_t)pl->res.mbox_crash_chan * MBOX_CHAN_STRIDE + reg);
}

/* The interrupts the driver listens to: its RX channel, the crash
 * channel if it has one. */
static uint32_t rx_irqs(const struct rproc_plat *pl)
{
	uint32_t en = MBOX_IRQ_RX(pl->res.mbox_rx_chan);
	if (pl->res.mbox_crash)
		en |= MBOX_IRQ_RX(pl->res.mbox_crash_chan);
	return en;
}

static uint32_t rd32(struct rproc_plat *pl, uint64_t pa, sim_time_t t)
{
	uint64_t v = 0;
	enum bus_status st = bus_read(pl->res.bus, pa, 4, &v, t);
	/* the platform maps these registers: a miss is a simulator bug */
	if (st != BUS_OK)
		sim_log_at(pl->sim, t, SIM_LOG_UNIMP, pl->rproc ? pl->rproc->component : SIM_NO_COMPONENT, pl->rproc ? pl->rproc->dev_name : "rproc",
			   "host register read at 0x%llx failed: %s", (unsigned long long)pa, bus_status_name(st));
	return (uint32_t)v;
}

static void wr32(struct rproc_plat *pl, uint64_t pa, uint32_t v, sim_time_t t)
{
	enum bus_status st = bus_write(pl->res.bus, pa, 4, v, t);
	if (st != BUS_OK)
		sim_log_at(pl->sim, t, SIM_LOG_UNIMP, pl->rproc ? pl->rproc->component : SIM_NO_COMPONENT, pl->rproc ? pl->rproc->dev_name : "rproc",
			   "host register write at 0x%llx failed: %s", (unsigned long long)pa, bus_status_name(st));
}

/* Moves queued messages into the FIFO while it has room; keeps the
 * TX-not-full interrupt enabled only while something waits. */
static void drain_txq(struct rproc_plat *pl, sim_time_t t)
{
	while (pl->txq_len > 0 &&
	       !(rd32(pl, chan_reg(pl, MBOX_TX_BASE, MBOX_CHAN_STATUS), t) & MBOX_STATUS_FULL)) {
		wr32(pl, chan_reg(pl, MBOX_TX_BASE, MBOX_CHAN_DATA), pl->txq[pl->txq_head], t);
		pl->txq_head = (pl->txq_head + 1) % RPROC_PLAT_TXQ_LEN;
		pl->txq_len--;
	}
	uint32_t en = rx_irqs(pl);
	if (pl->txq_len > 0)
		en |= MBOX_IRQ_TX(pl->res.mbox_chan);
	wr32(pl, mbox_reg(pl, MBOX_IRQ_ENABLE), en, t);
}

int rproc_plat_send(struct rproc_plat *pl, uint32_t msg, sim_time_t t)
{
	if (pl->txq_len == RPROC_PLAT_TXQ_LEN) {
		sim_log_at(pl->sim, t, SIM_LOG_GUEST_ERROR, pl->rproc->component, pl->rproc->dev_name,
			   "mailbox message 0x%08x dropped: the remote is not reading its mailbox (%d queued)",
			   msg, RPROC_PLAT_TXQ_LEN);
		return -ENOBUFS;
	}
	pl->txq[(pl->txq_head + pl->txq_len) % RPROC_PLAT_TXQ_LEN] = msg;
	pl->txq_len++;
	drain_txq(pl, t);
	return 0;
}

static int plat_start(struct rproc *rproc, uint32_t boot_addr, sim_time_t t)
{
	struct rproc_plat *pl = plat_of(rproc);
	pl->txq_len = 0;
	wr32(pl, mbox_reg(pl, MBOX_IRQ_ENABLE), rx_irqs(pl), t);
	wr32(pl, sysctl_reg(pl, SYSCTL_BOOT_ADDR), boot_addr, t);
	wr32(pl, sysctl_reg(pl, SYSCTL_RESET), 0, t);
	return 0;
}

static int plat_stop(struct rproc *rproc, sim_time_t t)
{
	struct rproc_plat *pl = plat_of(rproc);
	wr32(pl, sysctl_reg(pl, SYSCTL_RESET), SYSCTL_RESET_ASSERT, t);
	/* whatever the stopped remote left in the mailbox is stale */
	for (unsigned n = 0; n < MBOX_MAX_DEPTH; n++) {
		if (rd32(pl, chan_reg(pl, MBOX_RX_BASE, MBOX_CHAN_STATUS), t) & MBOX_STATUS_EMPTY)
			break;
		rd32(pl, chan_reg(pl, MBOX_RX_BASE, MBOX_CHAN_DATA), t);
	}
	for (unsigned n = 0; pl->res.mbox_crash && n < MBOX_MAX_DEPTH; n++) {
		if (rd32(pl, crash_reg(pl, MBOX_CHAN_STATUS), t) & MBOX_STATUS_EMPTY)
			break;
		rd32(pl, crash_reg(pl, MBOX_CHAN_DATA), t);
	}
	pl->txq_len = 0;
	wr32(pl, mbox_reg(pl, MBOX_IRQ_ENABLE), 0, t);
	return 0;
}

static void plat_kick(struct rproc *rproc, uint32_t notifyid, sim_time_t t)
{
	struct rproc_plat *pl = plat_of(rproc);
	pl->kicks_sent++;
	record_kick(pl->sim->trace, t, rproc->component, RECORD_TO_REMOTE, notifyid);
	rproc_plat_send(pl, notifyid, t);
}

/* The firmware is already running: nothing to program. */
static int plat_attach(struct rproc *rproc, sim_time_t t)
{
	struct rproc_plat *pl = plat_of(rproc);
	wr32(pl, mbox_reg(pl, MBOX_IRQ_ENABLE), rx_irqs(pl), t);
	return 0;
}

static int plat_detach(struct rproc *rproc, sim_time_t t)
{
	struct rproc_plat *pl = plat_of(rproc);
	wr32(pl, mbox_reg(pl, MBOX_IRQ_ENABLE), 0, t);
	return 0;
}

/* The core, for the register note of coredumps: a simulator's
 * platform driver can reach it where Linux's could not. */
static struct cpu *plat_cpu(struct rproc *rproc)
{
	return plat_of(rproc)->res.core;
}

/* k3_get_loaded_rsc_table / stm32_rproc_get_loaded_rsc_table: the table
 * of a firmware that runs already, where the platform says it is. */
static int plat_get_loaded_rsc_table(struct rproc *rproc, uint64_t *pa, size_t *size)
{
	struct rproc_plat *pl = plat_of(rproc);
	if (!pl->res.rsc_table_size)
		return -ENOENT;
	if (rproc_da_to_pa(rproc, pl->res.rsc_table_da, pl->res.rsc_table_size, pa) != 0) {
		sim_log(pl->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"the resource table at da 0x%llx (0x%x bytes) is in no memory of %s",
			(unsigned long long)pl->res.rsc_table_da, (unsigned)pl->res.rsc_table_size,
			rproc->name);
		return -EINVAL;
	}
	*size = pl->res.rsc_table_size;
	return 0;
}

const struct rproc_ops rproc_plat_ops = {
	.start = plat_start,
	.stop = plat_stop,
	.kick = plat_kick,
	.attach = plat_attach,
	.detach = plat_detach,
	.cpu = plat_cpu,
	.get_loaded_rsc_table = plat_get_loaded_rsc_table,
};

static void handle_msg(struct rproc_plat *pl, uint32_t msg, sim_time_t t)
{
	struct rproc *rproc = pl->rproc;
	pl->msgs_received++;
	switch (msg) {
	case RP_MBOX_CRASH:
		sim_log(pl->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "omap mailbox: RP_MBOX_CRASH from %s", rproc->name);
		rproc_report_crash(rproc, RPROC_FATAL_ERROR, t);
		return;
	case RP_MBOX_ECHO_REQUEST:
		rproc_plat_send(pl, RP_MBOX_ECHO_REPLY, t);
		return;
	case RP_MBOX_ECHO_REPLY:
		pl->echo_replies++;
		sim_log(pl->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "received echo reply from %s", rproc->name);
		return;
	case RP_MBOX_READY:
	case RP_MBOX_PENDING_MSG:
	case RP_MBOX_SUSPEND_ACK:
	case RP_MBOX_SUSPEND_CANCEL:
		sim_log(pl->sim, SIM_LOG_DEBUG, rproc->component, rproc->dev_name, "mailbox message 0x%08x", msg);
		return;
	default:
		break;
	}
	unsigned max_notifyid = 0;
	bool any = false;
	for (unsigned i = 0; rproc->img_valid && i < rproc->img.nvdevs; i++)
		for (unsigned k = 0; k < rproc->img.vdevs[i].nvrings; k++) {
			unsigned id = rproc->img.vdevs[i].vring[k].notifyid;
			if (!any || id > max_notifyid)
				max_notifyid = id;
			any = true;
		}
	if (!any || msg > max_notifyid) {
		/* omap_rproc_mbox_callback: "dropping unknown message" */
		pl->msgs_dropped++;
		sim_log(pl->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name, "dropping unknown message 0x%x", msg);
		return;
	}
	rproc_vq_interrupt(rproc, msg, t);
}

/* The host's mailbox interrupt handler: reads every pending message. */
static void irq_handler(struct event *ev, void *ctx)
{
	struct rproc_plat *pl = ctx;
	sim_time_t t = pl->sim->now;
	(void)ev;
	pl->irq_scheduled = false;
	if (!pl->rproc)
		return;
	/* bounded by the FIFO depth; messages that arrive meanwhile raise
	 * the line again */
	for (unsigned n = 0; n < MBOX_MAX_DEPTH; n++) {
		if (rd32(pl, chan_reg(pl, MBOX_RX_BASE, MBOX_CHAN_STATUS), t) & MBOX_STATUS_EMPTY)
			break;
		handle_msg(pl, rd32(pl, chan_reg(pl, MBOX_RX_BASE, MBOX_CHAN_DATA), t), t);
	}
	/* the crash channel: whatever arrives there is a crash report */
	for (unsigned n = 0; pl->res.mbox_crash && n < MBOX_MAX_DEPTH; n++) {
		if (rd32(pl, crash_reg(pl, MBOX_CHAN_STATUS), t) & MBOX_STATUS_EMPTY)
			break;
		uint32_t msg = rd32(pl, crash_reg(pl, MBOX_CHAN_DATA), t);
		pl->msgs_received++;
		sim_log(pl->sim, SIM_LOG_INFO, pl->rproc->component, pl->rproc->dev_name,
			"crash report 0x%08x on mailbox channel %u from %s", msg, pl->res.mbox_crash_chan,
			pl->rproc->name);
		rproc_report_crash(pl->rproc, RPROC_FATAL_ERROR, t);
	}
	drain_txq(pl, t);
	/* still asserted (a message arrived while handling): run again */
	if (pl->res.mbox_irq->level && !pl->irq_scheduled) {
		pl->irq_scheduled = true;
		sim_schedule(pl->sim, &pl->irq_ev, simtime_add(t, pl->res.irq_entry ? pl->res.irq_entry : 1));
	}
}

static void host_mbox_irq(void *sink, unsigned num, bool level, sim_time_t t)
{
	struct rproc_plat *pl = sink;
	(void)num;
	if (!level || pl->irq_scheduled)
		return;
	pl->irq_scheduled = true;
	sim_time_t when = simtime_add(t, pl->res.irq_entry);
	sim_schedule(pl->sim, &pl->irq_ev, when > pl->sim->now ? when : pl->sim->now);
}

static void wdt_irq(void *sink, unsigned num, bool level, sim_time_t t)
{
	struct rproc_plat *pl = sink;
	(void)num;
	if (level && pl->rproc)
		rproc_report_crash(pl->rproc, RPROC_WATCHDOG, simtime_add(t, pl->res.irq_entry));
}

void rproc_plat_core_fatal(struct rproc_plat *pl, const struct cpu_fault *f, sim_time_t t)
{
	if (!pl->rproc)
		return;
	sim_log(pl->sim, SIM_LOG_GUEST_ERROR, pl->rproc->component, pl->rproc->dev_name,
		"%s faulted with no usable trap handler: mcause %u, mtval 0x%08x, pc 0x%08x", pl->rproc->name,
		f->cause, (uint32_t)f->addr, (uint32_t)f->pc);
	rproc_report_crash(pl->rproc, RPROC_FATAL_ERROR, t);
}

void rproc_plat_init(struct rproc_plat *pl, struct sim *sim, const struct rproc_plat_res *res)
{
	*pl = (struct rproc_plat){ .res = *res, .sim = sim };
	event_init(&pl->irq_ev, "rproc-mbox-irq", irq_handler, pl);
	irq_connect(res->mbox_irq, host_mbox_irq, pl, 0);
	if (res->wdt_irq)
		irq_connect(res->wdt_irq, wdt_irq, pl, 0);
}

void rproc_plat_bind(struct rproc_plat *pl, struct rproc *rproc)
{
	pl->rproc = rproc;
}

int rproc_plat_save(const struct rproc_plat *pl, struct snap_writer *w)
{
	snap_begin(w, "rproc-plat");
	snap_put_bool(w, pl->irq_scheduled);
	snap_put_event(w, &pl->irq_ev);
	snap_put_u32(w, pl->txq_head);
	snap_put_u32(w, pl->txq_len);
	for (unsigned i = 0; i < RPROC_PLAT_TXQ_LEN; i++)
		snap_put_u32(w, pl->txq[i]);
	snap_put_u64(w, pl->echo_replies);
	snap_put_u64(w, pl->msgs_received);
	snap_put_u64(w, pl->msgs_dropped);
	snap_put_u64(w, pl->kicks_sent);
	snap_end(w);
	return w->failed ? -1 : 0;
}

int rproc_plat_restore(struct rproc_plat *pl, struct snap_reader *r)
{
	snap_enter(r, "rproc-plat");
	bool scheduled = snap_get_bool(r);
	if (r->failed)
		return -1;
	snap_get_event(r, &pl->sim->q, &pl->irq_ev);
	uint32_t head = snap_get_count(r, RPROC_PLAT_TXQ_LEN, "the mailbox queue's head");
	uint32_t len = snap_get_count(r, RPROC_PLAT_TXQ_LEN + 1, "the mailbox queue's length");
	uint32_t q[RPROC_PLAT_TXQ_LEN];
	for (unsigned i = 0; i < RPROC_PLAT_TXQ_LEN; i++)
		q[i] = snap_get_u32(r);
	uint64_t echo = snap_get_u64(r), rx = snap_get_u64(r), dropped = snap_get_u64(r);
	uint64_t kicks = snap_get_u64(r);
	snap_leave(r);
	if (!r->failed && scheduled != event_pending(&pl->irq_ev))
		snap_fail(r, "the mailbox interrupt handler is %sscheduled without its event",
			  scheduled ? "" : "not ");
	if (r->failed)
		return -1;
	pl->irq_scheduled = scheduled;
	pl->txq_head = head;
	pl->txq_len = len;
	memcpy(pl->txq, q, sizeof(q));
	pl->echo_replies = echo;
	pl->msgs_received = rx;
	pl->msgs_dropped = dropped;
	pl->kicks_sent = kicks;
	return 0;
}
