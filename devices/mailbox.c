#include "sim/core/record.h"
#include "devices/mailbox.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/le.h"
#include "sim/core/snap.h"

/* Level changes waiting to reach a side's line.  Changes alternate in
 * level, so a full queue can drop its newest change instead of appending:
 * the level before it already equals the new one.  That swallows a pulse
 * shorter than the queue can hold, never the final level. */
#define IRQ_QLEN 16

struct fifo {
	uint32_t msg[MBOX_MAX_DEPTH];
	unsigned head, count;
};

struct side {
	struct mbox *m;
	enum mbox_side idx;
	uint32_t irq_enable;
	uint32_t err;
	struct irq_line out;
	struct event ev;
	struct {
		sim_time_t t;
		bool level;
	} q[IRQ_QLEN];
	unsigned qhead, qlen;
	bool queued_level; /* level after every queued change */
	sim_time_t queued_t;
};

struct mbox {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	unsigned nchan, depth;
	sim_time_t latency;
	/* fifo[d][c]: d = the side that sends into it */
	struct fifo fifo[MBOX_NSIDES][MBOX_MAX_CHANNELS];
	struct side side[MBOX_NSIDES];
	/* raw[i]: side i's IRQ_RAW levels without the error bit (RX c not
	 * empty, TX c not full), kept up to date by every FIFO change so a
	 * level update or an IRQ_RAW read costs no loop over the channels */
	uint32_t raw[MBOX_NSIDES];
};

static const char *const side_names[MBOX_NSIDES] = { "host", "remote" };

int mbox_config_check(const struct mbox_config *cfg, char *err, size_t errlen)
{
	if (cfg->nchan > MBOX_MAX_CHANNELS) {
		snprintf(err, errlen, "mailbox: %u channels per direction requested; 1 to %u are supported",
			 cfg->nchan, MBOX_MAX_CHANNELS);
		return -1;
	}
	if (cfg->depth > MBOX_MAX_DEPTH) {
		snprintf(err, errlen, "mailbox: FIFO depth %u requested; 1 to %u messages are supported",
			 cfg->depth, MBOX_MAX_DEPTH);
		return -1;
	}
	return 0;
}

/* --- IRQ delay line ----------------------------------------------------- */

static void drive(struct side *s, bool level, sim_time_t t)
{
	if (s->out.level == level)
		return;
	irq_set(&s->out, level, t);
	record_irq(s->m->sim->trace, t, s->m->comp, s->out.num, level);
}

static void irq_event(struct event *ev, void *ctx)
{
	struct side *s = ctx;
	assert(s->qlen > 0);
	bool level = s->q[s->qhead].level;
	sim_time_t t = ev->time; /* rescheduling below overwrites it */
	s->qhead = (s->qhead + 1) % IRQ_QLEN;
	s->qlen--;
	/* before driving: the sink may access the mailbox and queue more */
	if (s->qlen)
		sim_schedule(s->m->sim, &s->ev, s->q[s->qhead].t);
	drive(s, level, t);
}

static inline uint32_t raw_levels(const struct mbox *m, enum mbox_side idx)
{
	return m->raw[idx];
}

/* After FIFO fifo[d][c] changed: the sender's TX-not-full level and the
 * receiver's RX-not-empty level of channel c. */
static void chan_levels(struct mbox *m, unsigned d, unsigned c)
{
	unsigned count = m->fifo[d][c].count;
	m->raw[d] = (m->raw[d] & ~MBOX_IRQ_TX(c)) | (count < m->depth ? MBOX_IRQ_TX(c) : 0);
	m->raw[!d] = (m->raw[!d] & ~MBOX_IRQ_RX(c)) | (count ? MBOX_IRQ_RX(c) : 0);
}

/* Every channel's levels from the FIFOs (reset, restore). */
static void all_levels(struct mbox *m)
{
	m->raw[0] = m->raw[1] = 0;
	for (unsigned d = 0; d < MBOX_NSIDES; d++)
		for (unsigned c = 0; c < m->nchan; c++)
			chan_levels(m, d, c);
}

static inline uint32_t irq_status(const struct mbox *m, enum mbox_side idx)
{
	const struct side *s = &m->side[idx];
	uint32_t st = raw_levels(m, idx) & s->irq_enable & ~MBOX_IRQ_ERR;
	if (s->err && (s->irq_enable & MBOX_IRQ_ERR))
		st |= MBOX_IRQ_ERR;
	return st;
}

/* The line of side s goes to `want` after the latency. */
static void queue_level(struct mbox *m, struct side *s, bool want, sim_time_t t)
{
	s->queued_level = want;
	if (s->qlen == IRQ_QLEN) {
		s->qlen--; /* see IRQ_QLEN */
		return;
	}
	sim_time_t at = simtime_add(t, m->latency);
	if (at < s->queued_t) /* accesses out of time order: keep the line causal */
		at = s->queued_t;
	s->queued_t = at;
	s->q[(s->qhead + s->qlen) % IRQ_QLEN].t = at;
	s->q[(s->qhead + s->qlen) % IRQ_QLEN].level = want;
	if (s->qlen++ == 0)
		sim_schedule(m->sim, &s->ev, at);
}

/* Every register access and FIFO change calls this for both sides: the
 * common case, no change, is a few tests and no call. */
static inline void update_side(struct mbox *m, enum mbox_side idx, sim_time_t t)
{
	struct side *s = &m->side[idx];
	bool want = irq_status(m, idx) != 0;
	if (want != s->queued_level)
		queue_level(m, s, want, t);
}

static void update(struct mbox *m, sim_time_t t)
{
	update_side(m, MBOX_SIDE_HOST, t);
	update_side(m, MBOX_SIDE_REMOTE, t);
}

/* --- FIFOs ---------------------------------------------------------------- */

static void trace_msg(struct mbox *m, enum mbox_side sender, unsigned chan, uint8_t op,
		      uint32_t value, sim_time_t t)
{
	record_mbox(m->sim->trace, t, m->comp, sender == MBOX_SIDE_HOST ? RECORD_TO_REMOTE : RECORD_TO_HOST,
		    (uint8_t)chan, op, value);
}

static int push(struct mbox *m, enum mbox_side idx, unsigned chan, uint32_t value, sim_time_t t)
{
	struct fifo *f = &m->fifo[idx][chan];
	if (f->count == m->depth) {
		m->side[idx].err |= MBOX_ERR_TX_OVERFLOW(chan);
		sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
			   "%s side wrote 0x%08" PRIx32 " to full TX channel %u (depth %u): message dropped, "
			   "ERR_STATUS bit %u set; check the channel STATUS FULL bit before writing",
			   side_names[idx], value, chan, m->depth, 16 + chan);
		trace_msg(m, idx, chan, RECORD_MBOX_OVERFLOW, value, t);
		update(m, t);
		return -1;
	}
	unsigned at = f->head + f->count; /* < 2 * depth: no division */
	f->msg[at >= m->depth ? at - m->depth : at] = value;
	f->count++;
	chan_levels(m, idx, chan);
	trace_msg(m, idx, chan, RECORD_MBOX_SEND, value, t);
	update(m, t);
	return 0;
}

static int pop(struct mbox *m, enum mbox_side idx, unsigned chan, uint32_t *value, sim_time_t t)
{
	struct fifo *f = &m->fifo[!idx][chan];
	if (f->count == 0) {
		*value = 0;
		m->side[idx].err |= MBOX_ERR_RX_UNDERFLOW(chan);
		sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
			   "%s side read empty RX channel %u: returned 0, ERR_STATUS bit %u set; "
			   "check the channel STATUS EMPTY bit before reading",
			   side_names[idx], chan, chan);
		trace_msg(m, !idx, chan, RECORD_MBOX_UNDERFLOW, 0, t);
		update(m, t);
		return -1;
	}
	*value = f->msg[f->head];
	f->head = f->head + 1 == m->depth ? 0 : f->head + 1;
	f->count--;
	chan_levels(m, !idx, chan);
	trace_msg(m, !idx, chan, RECORD_MBOX_RECV, *value, t);
	update(m, t);
	return 0;
}

static uint32_t chan_status(const struct mbox *m, const struct fifo *f)
{
	uint32_t st = (uint32_t)f->count << MBOX_STATUS_COUNT_SHIFT;
	if (f->count == m->depth)
		st |= MBOX_STATUS_FULL;
	if (f->count == 0)
		st |= MBOX_STATUS_EMPTY;
	return st;
}

/* --- register windows ----------------------------------------------------- */

/* Decodes a channel register: 0 and *chan, *reg, *tx, or -1 for a hole.
 * The TX and RX windows are the pages 0x100 and 0x200 (MBOX_MAX_CHANNELS
 * * MBOX_CHAN_STRIDE fits one). */
_Static_assert(MBOX_TX_BASE == 0x100 && MBOX_RX_BASE == 0x200 &&
	       MBOX_MAX_CHANNELS * MBOX_CHAN_STRIDE <= 0x100 && MBOX_CHAN_STRIDE == 0x10,
	       "decode_chan's arithmetic");
static inline int decode_chan(const struct mbox *m, uint64_t off, unsigned *chan, unsigned *reg,
			      bool *tx)
{
	uint64_t page = off >> 8;
	if (page != MBOX_TX_BASE >> 8 && page != MBOX_RX_BASE >> 8)
		return -1;
	*tx = page == MBOX_TX_BASE >> 8;
	*chan = (unsigned)(off >> 4) & 0xf;
	*reg = (unsigned)off & 0xf;
	if (*chan >= m->nchan)
		return -1;
	return *reg == MBOX_CHAN_DATA || *reg == MBOX_CHAN_STATUS ? 0 : -1;
}

static enum bus_status hole(struct mbox *m, enum mbox_side idx, const char *what, uint64_t off,
			    sim_time_t t)
{
	sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
		   "%s of %s window offset 0x%03" PRIx64 ": no register there (%u channels; "
		   "see doc/devices.md for the map)", what, side_names[idx], off, m->nchan);
	return BUS_DEVICE_ERROR;
}

static enum bus_status read_only(struct mbox *m, enum mbox_side idx, const char *reg,
				 uint64_t val, sim_time_t t)
{
	sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
		   "%s side wrote 0x%08" PRIx64 " to read-only %s: ignored", side_names[idx], val, reg);
	return BUS_DEVICE_ERROR;
}

static enum bus_status mbox_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				 sim_time_t t)
{
	struct side *s = opaque;
	struct mbox *m = s->m;
	(void)size;
	unsigned chan, reg;
	bool tx;
	uint32_t v;
	switch (off) {
	case MBOX_INFO:
		*val = m->nchan | (m->depth << MBOX_INFO_DEPTH_SHIFT) |
		       ((uint32_t)s->idx << MBOX_INFO_SIDE_SHIFT);
		return BUS_OK;
	case MBOX_IRQ_ENABLE:
		*val = s->irq_enable;
		return BUS_OK;
	case MBOX_IRQ_RAW:
		*val = raw_levels(m, s->idx) | (s->err ? MBOX_IRQ_ERR : 0);
		return BUS_OK;
	case MBOX_IRQ_STATUS:
		*val = irq_status(m, s->idx);
		return BUS_OK;
	case MBOX_ERR_STATUS:
		*val = s->err;
		return BUS_OK;
	}
	if (decode_chan(m, off, &chan, &reg, &tx) < 0)
		return hole(m, s->idx, "read", off, t);
	if (reg == MBOX_CHAN_STATUS) {
		*val = chan_status(m, &m->fifo[tx ? s->idx : !s->idx][chan]);
	} else if (tx) {
		*val = 0; /* TX DATA is write-only; reading it is harmless */
	} else {
		pop(m, s->idx, chan, &v, t);
		*val = v;
	}
	return BUS_OK;
}

static uint32_t valid_mask(const struct mbox *m)
{
	uint32_t chans = (1u << m->nchan) - 1;
	return chans | (chans << 16);
}

static enum bus_status mbox_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				  sim_time_t t)
{
	struct side *s = opaque;
	struct mbox *m = s->m;
	(void)size;
	unsigned chan, reg;
	bool tx;
	uint32_t v = (uint32_t)val;
	switch (off) {
	case MBOX_INFO:
		return read_only(m, s->idx, "INFO", val, t);
	case MBOX_IRQ_RAW:
		return read_only(m, s->idx, "IRQ_RAW", val, t);
	case MBOX_IRQ_STATUS:
		return read_only(m, s->idx, "IRQ_STATUS (clear errors in ERR_STATUS)", val, t);
	case MBOX_IRQ_ENABLE:
		if (v & ~(valid_mask(m) | MBOX_IRQ_ERR))
			sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
				   "%s side set IRQ_ENABLE bits 0x%08" PRIx32 " of channels that do not "
				   "exist (%u channels): ignored", side_names[s->idx],
				   v & ~(valid_mask(m) | MBOX_IRQ_ERR), m->nchan);
		s->irq_enable = v & (valid_mask(m) | MBOX_IRQ_ERR);
		update(m, t);
		return BUS_OK;
	case MBOX_ERR_STATUS:
		s->err &= ~v; /* write 1 to clear */
		update(m, t);
		return BUS_OK;
	}
	if (decode_chan(m, off, &chan, &reg, &tx) < 0)
		return hole(m, s->idx, "write", off, t);
	if (reg == MBOX_CHAN_STATUS)
		return read_only(m, s->idx, "channel STATUS", val, t);
	if (!tx)
		return read_only(m, s->idx, "RX DATA", val, t);
	push(m, s->idx, chan, v, t);
	return BUS_OK;
}

static const struct mmio_ops ops = {
	.name = "mailbox",
	.min_size = 4,
	.max_size = 4,
	.read = mbox_read,
	.write = mbox_write,
};

const struct mmio_ops *mbox_ops(void)
{
	return &ops;
}

void *mbox_window(struct mbox *m, enum mbox_side side)
{
	assert((unsigned)side < MBOX_NSIDES);
	return &m->side[side];
}

int mbox_map(struct mbox *m, enum mbox_side side, struct bus *bus, uint64_t base,
	     char *err, size_t errlen)
{
	char name[BUS_NAME_LEN];
	snprintf(name, sizeof(name), "%.20s.%s", m->name, side_names[side]);
	return bus_map_device(bus, name, base, MBOX_WINDOW_SIZE, &ops, mbox_window(m, side), err, errlen);
}

struct irq_line *mbox_irq(struct mbox *m, enum mbox_side side)
{
	assert((unsigned)side < MBOX_NSIDES);
	return &m->side[side].out;
}

/* --- C API ----------------------------------------------------------------- */

static bool api_chan_ok(struct mbox *m, enum mbox_side side, unsigned chan, sim_time_t t)
{
	assert((unsigned)side < MBOX_NSIDES);
	if (chan < m->nchan)
		return true;
	sim_log_at(m->sim, t, SIM_LOG_GUEST_ERROR, m->comp, m->name,
		   "%s side used channel %u; this mailbox has channels 0 to %u", side_names[side],
		   chan, m->nchan - 1);
	return false;
}

int mbox_send(struct mbox *m, enum mbox_side side, unsigned chan, uint32_t value, sim_time_t t)
{
	if (!api_chan_ok(m, side, chan, t))
		return -1;
	return push(m, side, chan, value, t);
}

int mbox_recv(struct mbox *m, enum mbox_side side, unsigned chan, uint32_t *value, sim_time_t t)
{
	*value = 0;
	if (!api_chan_ok(m, side, chan, t))
		return -1;
	return pop(m, side, chan, value, t);
}

unsigned mbox_rx_count(const struct mbox *m, enum mbox_side side, unsigned chan)
{
	assert((unsigned)side < MBOX_NSIDES);
	return chan < m->nchan ? m->fifo[!side][chan].count : 0;
}

/* --- lifetime -------------------------------------------------------------- */

void mbox_reset(struct mbox *m, sim_time_t t)
{
	memset(m->fifo, 0, sizeof(m->fifo));
	all_levels(m);
	for (unsigned i = 0; i < MBOX_NSIDES; i++) {
		struct side *s = &m->side[i];
		sim_cancel(m->sim, &s->ev);
		s->irq_enable = 0;
		s->err = 0;
		s->qhead = s->qlen = 0;
		s->queued_level = false;
		s->queued_t = 0;
		drive(s, false, t);
	}
}

void mbox_reset_side(struct mbox *m, enum mbox_side side, sim_time_t t)
{
	struct side *s = &m->side[side];
	/* the FIFOs this side reads: what the other side sent into them */
	memset(m->fifo[side == MBOX_SIDE_HOST ? MBOX_SIDE_REMOTE : MBOX_SIDE_HOST], 0,
	       sizeof(m->fifo[0]));
	all_levels(m);
	sim_cancel(m->sim, &s->ev);
	s->irq_enable = 0;
	s->err = 0;
	s->qhead = s->qlen = 0;
	s->queued_level = false;
	s->queued_t = 0;
	drive(s, false, t);
	/* the other side's TX-not-full level may have changed */
	update_side(m, side == MBOX_SIDE_HOST ? MBOX_SIDE_REMOTE : MBOX_SIDE_HOST, t);
}

/* --- snapshots -------------------------------------------------------------- */

static int mbox_save(void *obj, struct snap_writer *w)
{
	struct mbox *m = obj;
	snap_begin(w, "mbox");
	snap_put_u32(w, m->nchan);
	snap_put_u32(w, m->depth);
	for (unsigned d = 0; d < MBOX_NSIDES; d++) {
		for (unsigned c = 0; c < m->nchan; c++) {
			const struct fifo *f = &m->fifo[d][c];
			snap_put_u32(w, f->head);
			snap_put_u32(w, f->count);
			for (unsigned k = 0; k < m->depth; k++)
				snap_put_u32(w, f->msg[k]);
		}
	}
	for (unsigned i = 0; i < MBOX_NSIDES; i++) {
		const struct side *s = &m->side[i];
		snap_put_u32(w, s->irq_enable);
		snap_put_u32(w, s->err);
		snap_put_bool(w, s->out.level);
		snap_put_u32(w, s->qhead);
		snap_put_u32(w, s->qlen);
		for (unsigned k = 0; k < IRQ_QLEN; k++) {
			snap_put_u64(w, s->q[k].t);
			snap_put_bool(w, s->q[k].level);
		}
		snap_put_bool(w, s->queued_level);
		snap_put_u64(w, s->queued_t);
		snap_put_event(w, &s->ev);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int mbox_restore(void *obj, struct snap_reader *r)
{
	struct mbox *m = obj;
	snap_enter(r, "mbox");
	uint32_t nchan = snap_get_u32(r), depth = snap_get_u32(r);
	if (!r->failed && (nchan != m->nchan || depth != m->depth)) {
		snap_fail(r, "%s: %u channels of depth %u in the snapshot, %u of depth %u here",
			  m->name, nchan, depth, m->nchan, m->depth);
		return -1;
	}
	struct fifo fifo[MBOX_NSIDES][MBOX_MAX_CHANNELS];
	memset(fifo, 0, sizeof(fifo));
	for (unsigned d = 0; d < MBOX_NSIDES; d++) {
		for (unsigned c = 0; c < m->nchan; c++) {
			struct fifo *f = &fifo[d][c];
			f->head = snap_get_count(r, m->depth, "a FIFO head");
			f->count = snap_get_count(r, m->depth + 1, "a FIFO count");
			for (unsigned k = 0; k < m->depth; k++)
				f->msg[k] = snap_get_u32(r);
		}
	}
	struct side side[MBOX_NSIDES];
	for (unsigned i = 0; i < MBOX_NSIDES; i++) {
		struct side *s = &side[i];
		s->irq_enable = snap_get_u32(r);
		s->err = snap_get_u32(r);
		s->out.level = snap_get_bool(r);
		s->qhead = snap_get_count(r, IRQ_QLEN, "an IRQ queue head");
		s->qlen = snap_get_count(r, IRQ_QLEN + 1, "an IRQ queue length");
		for (unsigned k = 0; k < IRQ_QLEN; k++) {
			s->q[k].t = snap_get_u64(r);
			s->q[k].level = snap_get_bool(r);
		}
		s->queued_level = snap_get_bool(r);
		s->queued_t = snap_get_u64(r);
		if (r->failed)
			return -1;
		/* the event fires the head of the queue: pending iff queued */
		snap_get_event(r, &m->sim->q, &m->side[i].ev);
		if (!r->failed && event_pending(&m->side[i].ev) != (s->qlen > 0))
			snap_fail(r, "%s: an IRQ queue of %u changes with the event %s", m->name, s->qlen,
				  event_pending(&m->side[i].ev) ? "pending" : "idle");
	}
	snap_leave(r);
	if (r->failed)
		return -1;
	memcpy(m->fifo, fifo, sizeof(fifo));
	all_levels(m);
	for (unsigned i = 0; i < MBOX_NSIDES; i++) {
		struct side *s = &m->side[i];
		s->irq_enable = side[i].irq_enable;
		s->err = side[i].err;
		s->out.level = side[i].out.level;
		s->qhead = side[i].qhead;
		s->qlen = side[i].qlen;
		memcpy(s->q, side[i].q, sizeof(s->q));
		s->queued_level = side[i].queued_level;
		s->queued_t = side[i].queued_t;
	}
	return 0;
}

struct mbox *mbox_create(struct sim *sim, const char *name, const struct mbox_config *cfg)
{
	char err[128];
	if (mbox_config_check(cfg, err, sizeof(err)) < 0)
		return NULL;
	struct mbox *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->sim = sim;
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->nchan = cfg->nchan ? cfg->nchan : MBOX_DEFAULT_CHANNELS;
	m->depth = cfg->depth ? cfg->depth : MBOX_DEFAULT_DEPTH;
	m->latency = cfg->irq_latency;
	for (unsigned i = 0; i < MBOX_NSIDES; i++) {
		struct side *s = &m->side[i];
		s->m = m;
		s->idx = (enum mbox_side)i;
		event_init(&s->ev, "mailbox irq", irq_event, s);
	}
	all_levels(m);
	int id = sim_add_component(sim, m->name, m, mbox_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, m->name, m, mbox_save, mbox_restore);
	if (id < 0) {
		free(m);
		return NULL;
	}
	m->comp = (uint16_t)id;
	return m;
}

void mbox_destroy(void *mbox)
{
	struct mbox *m = mbox;
	if (!m)
		return;
	for (unsigned i = 0; i < MBOX_NSIDES; i++)
		sim_cancel(m->sim, &m->side[i].ev);
	free(m);
}
