/* Trace file -> Chrome trace-event JSON, as Perfetto's trace_processor and
 * ui.perfetto.dev import it (doc/trace-format.md has the layout):
 *   - per core, its run states as slices (running, wfi, halted, reset) and
 *     each trap as a slice nested in them;
 *   - per remoteproc, its states as slices;
 *   - each RPMsg message as a slice from when it was sent (or kicked) to
 *     when the other side took it, on a lane of its own, with a flow arrow
 *     from the sender to the receiver;
 *   - IRQ lines and mailbox FIFO depths as counters;
 *   - everything else as instants; instructions only when asked for.
 * trace_processor needs, per thread, slices that nest (never a partial
 * overlap) and flow ends inside a slice of their thread; both hold by
 * construction here, and tests/exports.sh checks them. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/trace/tracefile.h"

#define PREVIEW 32
/* at most this many messages wait for their end (the oldest are dropped) */
#define MAX_PENDING 4096
/* message lanes per component and direction (concurrent messages) */
#define MAX_LANES 256
#define TID_MSG 100000u /* message lanes: TID_MSG + comp * 1024 + dir * 512 + lane */

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* microseconds with picosecond precision, exact */
static void json_ts(FILE *out, sim_time_t t)
{
	fprintf(out, "%" PRIu64 ".%06" PRIu64, t / SIM_US, t % SIM_US);
}

static unsigned tid_of(uint16_t comp)
{
	return comp == TRACEFILE_NO_COMPONENT ? 0 : comp + 1u;
}

/* ---- what pass 1 collects ---- */

struct change {  /* a core's or a remoteproc's state from t on */
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint8_t state;
};

struct trap {
	sim_time_t t, end;
	uint64_t seq;
	uint16_t comp;
	uint32_t cause, epc, tval;
	bool open;       /* still waiting for the core to come back to epc */
};

struct msg {
	uint16_t comp;   /* the host side that traced it: its lane */
	uint8_t dir;     /* 0 sent by comp, 1 received by comp */
	sim_time_t start, end;
	bool ended;
	uint32_t src, dst;
	uint16_t len;
	uint8_t data[PREVIEW];
	uint32_t nbytes;
	/* the flow arrow: from (from_comp, start) to (to_comp, end); a
	 * component id, or MSG_LANE for the message's own lane */
	uint32_t from_comp, to_comp;
	unsigned lane;
};
#define MSG_LANE 0x10000u
#define NO_COMP 0x20000u
#define VIA_MBOX 0x40000u /* | a mailbox's component: its core */

struct mbox_ev {
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint8_t dir, chan, op;
};

struct irq_ev {
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint32_t line;
	uint8_t level;
};

#define VEC(T) struct { T *v; size_t n, cap; }
#define PUSH(vec, item)                                                                        \
	((vec).n == (vec).cap                                                                  \
		 ? grow((void **)&(vec).v, &(vec).cap, sizeof(*(vec).v)) == 0                  \
			   ? ((vec).v[(vec).n++] = (item), 0)                                  \
			   : -1                                                                \
		 : ((vec).v[(vec).n++] = (item), 0))

static int grow(void **v, size_t *cap, size_t size)
{
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, nc * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

struct pf {
	struct tracefile_reader *r;
	bool insns;
	sim_time_t t_end;
	VEC(struct change) cores;
	VEC(struct change) rprocs;
	VEC(struct trap) traps;
	VEC(struct msg) msgs;
	VEC(struct mbox_ev) mbox;
	VEC(struct irq_ev) irqs;
	VEC(uint16_t) comps;     /* components named by COMPONENT records */
	VEC(uint16_t) core_ids;  /* components with CORE records, each once */
	VEC(size_t) last_trap;   /* per component id: its latest trap + 1 (0: none) */
	size_t pending[MAX_PENDING]; /* sent messages without an end, oldest first */
	size_t npending;
	size_t kick;                 /* the latest remote kick to the host: msg index + 1 */
	uint16_t kick_comp;
	sim_time_t kick_t;
	bool oom;
};

static void oom_if(struct pf *p, int rc)
{
	if (rc < 0)
		p->oom = true;
}

/* The core a mailbox (or any remote-side component) belongs to: the core
 * component with the same "<remote>." prefix, else the only core.
 * Needs p->core_ids (after collect). */
static uint32_t core_for(const struct pf *p, uint16_t comp)
{
	const char *name = tracefile_component_name(p->r, comp);
	const char *dot = name ? strrchr(name, '.') : NULL;
	for (size_t i = 0; dot && i < p->core_ids.n; i++) {
		const char *cn = tracefile_component_name(p->r, p->core_ids.v[i]);
		if (cn && strncmp(cn, name, (size_t)(dot - name) + 1) == 0)
			return p->core_ids.v[i];
	}
	return p->core_ids.n == 1 ? p->core_ids.v[0] : NO_COMP;
}

/* A flow end given as a remote-side component, resolved to its core once
 * every core is known. */
static uint32_t resolve(const struct pf *p, uint32_t c)
{
	return c & VIA_MBOX ? core_for(p, (uint16_t)(c & 0xffff)) : c;
}

static void end_msg(struct pf *p, size_t i, sim_time_t t, uint32_t to)
{
	struct msg *m = &p->msgs.v[i];
	m->end = t < m->start ? m->start : t;
	m->ended = true;
	m->to_comp = to;
}

static void drop_pending(struct pf *p, size_t k)
{
	memmove(p->pending + k, p->pending + k + 1, (p->npending - k - 1) * sizeof(p->pending[0]));
	p->npending--;
}

/* The pairing rule of doc/trace-format.md, in record order. */
static void on_rpmsg(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct msg m = { .comp = rec->component, .dir = d->u.rpmsg.dir ? 1 : 0, .start = rec->time,
			 .src = d->u.rpmsg.src, .dst = d->u.rpmsg.dst, .len = d->u.rpmsg.len,
			 .from_comp = MSG_LANE, .to_comp = NO_COMP };
	m.nbytes = d->u.rpmsg.nbytes < PREVIEW ? d->u.rpmsg.nbytes : PREVIEW;
	memcpy(m.data, d->u.rpmsg.data, m.nbytes);
	if (m.dir == 0) {
		if (p->npending == MAX_PENDING) /* never received: forget the oldest */
			drop_pending(p, 0);
		oom_if(p, PUSH(p->msgs, m));
		if (!p->oom)
			p->pending[p->npending++] = p->msgs.n - 1;
		return;
	}
	/* received: the end of a message its sender traced ... */
	for (size_t k = 0; k < p->npending; k++) {
		struct msg *s = &p->msgs.v[p->pending[k]];
		if (s->src == m.src && s->dst == m.dst && s->comp != rec->component) {
			end_msg(p, p->pending[k], rec->time, rec->component);
			drop_pending(p, k);
			return;
		}
	}
	/* ... or of one the remote kicked the host for: from the kick */
	if (p->kick && p->kick_comp != rec->component) {
		m.start = p->kick_t;
		m.from_comp = VIA_MBOX | p->kick_comp;
		m.to_comp = MSG_LANE;
	} else {
		m.from_comp = NO_COMP; /* its start is unknown: no arrow */
	}
	m.end = rec->time;
	m.ended = true;
	oom_if(p, PUSH(p->msgs, m));
}

static void on_mbox(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct mbox_ev e = { rec->time, rec->number, rec->component, d->u.mbox.dir, d->u.mbox.chan, d->u.mbox.op };
	oom_if(p, PUSH(p->mbox, e));
	if (d->u.mbox.dir == RECORD_TO_REMOTE && d->u.mbox.op == RECORD_MBOX_RECV) {
		/* the remote takes the kick: every message sent before it is in
		 * the vring it is about to read */
		for (size_t k = 0; k < p->npending;) {
			if (p->msgs.v[p->pending[k]].comp != rec->component) {
				end_msg(p, p->pending[k], rec->time, VIA_MBOX | rec->component);
				drop_pending(p, k);
			} else {
				k++;
			}
		}
	} else if (d->u.mbox.dir == RECORD_TO_HOST && d->u.mbox.op == RECORD_MBOX_SEND) {
		p->kick = 1;
		p->kick_comp = rec->component;
		p->kick_t = rec->time;
	}
}

/* The latest trap of comp, or NULL. */
static struct trap *latest_trap(struct pf *p, uint16_t comp)
{
	if (comp >= p->last_trap.n || !p->last_trap.v[comp])
		return NULL;
	return &p->traps.v[p->last_trap.v[comp] - 1];
}

static void on_insn(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	/* back at the interrupted pc: the trap handler returned (for an
	 * exception that skips its instruction, the next state change ends
	 * the trap instead) */
	struct trap *t = latest_trap(p, rec->component);
	if (t && t->open && d->u.insn.pc == t->epc && rec->time > t->t) {
		t->end = rec->time;
		t->open = false;
	}
}

static void on_trap(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct trap *old = latest_trap(p, rec->component);
	if (old)
		old->open = false;
	struct trap t = { rec->time, SIM_TIME_MAX, rec->number, rec->component, d->u.trap.cause,
			  d->u.trap.epc, d->u.trap.tval, true };
	oom_if(p, PUSH(p->traps, t));
	while (!p->oom && p->last_trap.n <= rec->component)
		oom_if(p, PUSH(p->last_trap, (size_t)0));
	if (!p->oom)
		p->last_trap.v[rec->component] = p->traps.n;
}

static void on_core(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct change c = { rec->time, rec->number, rec->component, d->u.core.state };
	oom_if(p, PUSH(p->cores, c));
	struct trap *t = latest_trap(p, rec->component);
	if (t)
		t->open = false; /* a state change ends a trap */
	bool known = false;
	for (size_t i = 0; i < p->core_ids.n && !known; i++)
		known = p->core_ids.v[i] == rec->component;
	if (!known)
		oom_if(p, PUSH(p->core_ids, rec->component));
}

static int collect(struct pf *p, char *err, size_t errlen)
{
	struct tracefile_record rec;
	int rc;
	while ((rc = tracefile_next(p->r, &rec, err, errlen)) > 0 && !p->oom) {
		if (rec.time > p->t_end)
			p->t_end = rec.time;
		struct record d;
		if (record_decode(rec.type, rec.data, rec.len, &d) != RECORD_OK)
			continue;
		switch (rec.type) {
		case TRACE_COMPONENT:
			oom_if(p, PUSH(p->comps, d.u.component.id));
			break;
		case TRACE_CORE:
			on_core(p, &rec, &d);
			break;
		case TRACE_STATE: {
			struct change c = { rec.time, rec.number, rec.component, (uint8_t)(d.u.state.now & 0xff) };
			oom_if(p, PUSH(p->rprocs, c));
			break;
		}
		case TRACE_TRAP:
			on_trap(p, &rec, &d);
			break;
		case TRACE_INSN:
			on_insn(p, &rec, &d);
			break;
		case TRACE_RPMSG:
			on_rpmsg(p, &rec, &d);
			break;
		case TRACE_MBOX:
			on_mbox(p, &rec, &d);
			break;
		case TRACE_IRQ: {
			struct irq_ev e = { rec.time, rec.number, rec.component, d.u.irq.line, d.u.irq.level ? 1 : 0 };
			oom_if(p, PUSH(p->irqs, e));
			break;
		}
		default:
			break;
		}
	}
	if (p->oom) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return rc;
}

/* ---- slices ---- */

enum slice_kind { SL_CORE, SL_TRAP, SL_RPROC, SL_MSG };

struct slice {
	sim_time_t t, dur;
	unsigned tid;
	uint64_t seq;
	uint8_t kind;
	bool instant; /* a state held for no time (reset, then running at once) */
	size_t idx;
};

static int cmp_change(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	if (x->comp != y->comp)
		return x->comp < y->comp ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_slice(const void *a, const void *b)
{
	const struct slice *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	/* a state held for no time comes before what starts then; else the
	 * parent first */
	sim_time_t dx = x->instant ? SIM_TIME_MAX : x->dur, dy = y->instant ? SIM_TIME_MAX : y->dur;
	if (dx != dy)
		return dx > dy ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_msg_start(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* When the state that covers t on core comp ends (the next change after
 * t), or just past the end of the trace. cores.v is sorted by (comp, t). */
static sim_time_t state_end(const struct pf *p, uint16_t comp, sim_time_t t)
{
	size_t lo = 0, hi = p->cores.n;
	while (lo < hi) { /* the first change past (comp, t) */
		size_t mid = lo + (hi - lo) / 2;
		const struct change *c = &p->cores.v[mid];
		if (c->comp < comp || (c->comp == comp && c->t <= t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->cores.n && p->cores.v[lo].comp == comp ? p->cores.v[lo].t : p->t_end + 1;
}

/* Whether component comp's state slices (core or remoteproc) cover t:
 * they run from its first change to just past the end of the trace. */
static bool covered(const struct pf *p, uint16_t comp, sim_time_t t)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct change *v = pass ? p->rprocs.v : p->cores.v;
		size_t n = pass ? p->rprocs.n : p->cores.n;
		size_t lo = 0, hi = n;
		while (lo < hi) { /* the first change of comp */
			size_t mid = lo + (hi - lo) / 2;
			if (v[mid].comp < comp)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n && v[lo].comp == comp && v[lo].t <= t && t <= p->t_end)
			return true;
	}
	return false;
}

/* Message lanes: greedy interval partitioning, so slices on one lane never
 * overlap (trace_processor refuses partly overlapping slices). */
static int assign_lanes(struct pf *p)
{
	struct lanes {
		uint16_t comp;
		uint8_t dir;
		unsigned n;
		sim_time_t end[MAX_LANES];
	};
	VEC(struct lanes) L = { 0 };
	qsort(p->msgs.v, p->msgs.n, sizeof(*p->msgs.v), cmp_msg_start);
	for (size_t i = 0; i < p->msgs.n; i++) {
		struct msg *m = &p->msgs.v[i];
		if (!m->ended)
			m->end = m->start;
		m->lane = MAX_LANES;
		size_t k = 0;
		while (k < L.n && !(L.v[k].comp == m->comp && L.v[k].dir == m->dir))
			k++;
		if (k == L.n) {
			struct lanes nl = { .comp = m->comp, .dir = m->dir };
			if (PUSH(L, nl) < 0) {
				free(L.v);
				return -1;
			}
		}
		struct lanes *l = &L.v[k];
		unsigned lane = 0;
		while (lane < l->n && l->end[lane] > m->start)
			lane++;
		if (lane == MAX_LANES)
			continue; /* more than MAX_LANES at once: left out */
		if (lane == l->n)
			l->n++;
		l->end[lane] = m->end;
		m->lane = lane;
	}
	free(L.v);
	return 0;
}

static unsigned msg_tid(const struct msg *m)
{
	return TID_MSG + m->comp * 1024u + m->dir * 512u + m->lane;
}

static int build_slices(struct pf *p, struct slice **out, size_t *nout)
{
	qsort(p->cores.v, p->cores.n, sizeof(*p->cores.v), cmp_change);
	qsort(p->rprocs.v, p->rprocs.n, sizeof(*p->rprocs.v), cmp_change);
	if (assign_lanes(p) != 0)
		return -1;
	size_t cap = p->cores.n + p->rprocs.n + p->traps.n + p->msgs.n + 1;
	struct slice *s = malloc(cap * sizeof(*s));
	if (!s)
		return -1;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		const struct change *v = pass ? p->rprocs.v : p->cores.v;
		size_t cnt = pass ? p->rprocs.n : p->cores.n;
		for (size_t i = 0; i < cnt; i++) {
			sim_time_t end = i + 1 < cnt && v[i + 1].comp == v[i].comp ? v[i + 1].t : p->t_end + 1;
			s[n++] = (struct slice){ v[i].t, end - v[i].t, tid_of(v[i].comp), v[i].seq,
						 pass ? SL_RPROC : SL_CORE, end == v[i].t, i };
		}
	}
	for (size_t i = 0; i < p->traps.n; i++) {
		struct trap *t = &p->traps.v[i];
		sim_time_t end = state_end(p, t->comp, t->t);
		for (size_t k = i + 1; k < p->traps.n; k++) /* the next trap of the core */
			if (p->traps.v[k].comp == t->comp && p->traps.v[k].t > t->t) {
				if (p->traps.v[k].t < end)
					end = p->traps.v[k].t;
				break;
			}
		if (t->end < end)
			end = t->end;
		t->end = end;
		s[n++] = (struct slice){ t->t, end - t->t, tid_of(t->comp), t->seq, SL_TRAP, false, i };
	}
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct msg *m = &p->msgs.v[i];
		if (m->lane < MAX_LANES)
			s[n++] = (struct slice){ m->start, m->end - m->start, msg_tid(m), i, SL_MSG, false, i };
	}
	qsort(s, n, sizeof(*s), cmp_slice);
	*out = s;
	*nout = n;
	return 0;
}

static void hex_arg(FILE *out, const char *key, uint32_t v, bool first)
{
	fprintf(out, "%s\"%s\":\"0x%" PRIx32 "\"", first ? "" : ",", key, v);
}

static void write_slice(FILE *out, const struct pf *p, const struct slice *s)
{
	const char *name = "?", *cat = "?";
	switch (s->kind) {
	case SL_CORE:
		name = record_core_state_name(p->cores.v[s->idx].state);
		cat = "core";
		break;
	case SL_RPROC:
		name = record_rproc_state_name(p->rprocs.v[s->idx].state);
		cat = "remoteproc";
		break;
	case SL_TRAP:
		name = "trap";
		cat = "trap";
		break;
	case SL_MSG:
		name = "rpmsg";
		cat = "rpmsg";
		break;
	}
	if (s->instant) {
		fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"ts\":", name, cat);
		json_ts(out, s->t);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", s->tid);
		return;
	}
	fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"X\",\"ts\":", name, cat);
	json_ts(out, s->t);
	fprintf(out, ",\"dur\":");
	json_ts(out, s->dur);
	fprintf(out, ",\"pid\":1,\"tid\":%u", s->tid);
	if (s->kind == SL_TRAP) {
		const struct trap *t = &p->traps.v[s->idx];
		fprintf(out, ",\"args\":{");
		hex_arg(out, "cause", t->cause, true);
		hex_arg(out, "epc", t->epc, false);
		hex_arg(out, "tval", t->tval, false);
		fprintf(out, "}");
	} else if (s->kind == SL_MSG) {
		const struct msg *m = &p->msgs.v[s->idx];
		char text[4 * PREVIEW + 8];
		size_t o = 0;
		for (uint32_t i = 0; i < m->nbytes; i++) {
			uint8_t c = m->data[i];
			o += (size_t)snprintf(text + o, sizeof(text) - o, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
		}
		fprintf(out, ",\"args\":{");
		hex_arg(out, "src", m->src, true);
		hex_arg(out, "dst", m->dst, false);
		fprintf(out, ",\"len\":%u,\"delivered\":%s,\"data\":", m->len, m->ended ? "true" : "false");
		json_str(out, text);
		fprintf(out, "}");
	}
	fprintf(out, "}");
}

/* Flow arrows, after every slice (an end binds to the slice around it):
 * to the remote, from where the message's slice starts to its receiver
 * when it takes it; to the host, from the remote's kick to where the
 * message's slice starts. */
static void write_flows(FILE *out, const struct pf *p)
{
	uint64_t id = 1;
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct msg *m = &p->msgs.v[i];
		uint32_t fc = resolve(p, m->from_comp), tc = resolve(p, m->to_comp);
		if (!m->ended || m->lane >= MAX_LANES || fc == NO_COMP || tc == NO_COMP || m->end == m->start)
			continue;
		sim_time_t tf = tc == MSG_LANE ? m->start : m->end;
		/* each end inside a slice of its thread: the message's own (it
		 * lasts), or the component's states */
		if ((fc != MSG_LANE && !covered(p, (uint16_t)fc, m->start)) ||
		    (tc != MSG_LANE && !covered(p, (uint16_t)tc, tf)))
			continue;
		unsigned from = fc == MSG_LANE ? msg_tid(m) : tid_of((uint16_t)fc);
		unsigned to = tc == MSG_LANE ? msg_tid(m) : tid_of((uint16_t)tc);
		fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"s\",\"id\":%" PRIu64 ",\"ts\":", id);
		json_ts(out, m->start);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", from);
		fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%" PRIu64 ",\"ts\":",
			id);
		json_ts(out, tf);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", to);
		id++;
	}
}

static int cmp_mbox(const void *a, const void *b)
{
	const struct mbox_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_irq(const void *a, const void *b)
{
	const struct irq_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *cname(const struct pf *p, uint16_t comp, char *tmp, size_t len)
{
	const char *n = comp == TRACEFILE_NO_COMPONENT ? "trace" : tracefile_component_name(p->r, comp);
	if (n)
		return n;
	snprintf(tmp, len, "#%u", comp);
	return tmp;
}

static void counter(FILE *out, const char *name, sim_time_t t, const char *key, unsigned v)
{
	fprintf(out, ",\n{\"name\":");
	json_str(out, name);
	fprintf(out, ",\"ph\":\"C\",\"ts\":");
	json_ts(out, t);
	fprintf(out, ",\"pid\":1,\"args\":{\"%s\":%u}}", key, v);
}

/* IRQ levels, and mailbox FIFO depths (+1 per send, -1 per receive). */
static void write_counters(FILE *out, struct pf *p)
{
	char tmp[16], name[128];
	qsort(p->irqs.v, p->irqs.n, sizeof(*p->irqs.v), cmp_irq);
	for (size_t i = 0; i < p->irqs.n; i++) {
		const struct irq_ev *e = &p->irqs.v[i];
		snprintf(name, sizeof(name), "%s irq%" PRIu32, cname(p, e->comp, tmp, sizeof(tmp)), e->line);
		counter(out, name, e->t, "level", e->level);
	}
	qsort(p->mbox.v, p->mbox.n, sizeof(*p->mbox.v), cmp_mbox);
	struct fifo {
		uint16_t comp;
		uint8_t dir, chan;
		unsigned depth;
	} f[64];
	unsigned nf = 0;
	for (size_t i = 0; i < p->mbox.n; i++) {
		const struct mbox_ev *e = &p->mbox.v[i];
		if (e->op != RECORD_MBOX_SEND && e->op != RECORD_MBOX_RECV)
			continue;
		unsigned k = 0;
		while (k < nf && !(f[k].comp == e->comp && f[k].dir == e->dir && f[k].chan == e->chan))
			k++;
		if (k == nf) {
			if (nf == sizeof(f) / sizeof(f[0]))
				continue;
			f[nf++] = (struct fifo){ e->comp, e->dir, e->chan, 0 };
		}
		if (e->op == RECORD_MBOX_SEND)
			f[k].depth++;
		else if (f[k].depth)
			f[k].depth--;
		snprintf(name, sizeof(name), "%s %s chan%u depth", cname(p, e->comp, tmp, sizeof(tmp)),
			 record_dir_name(e->dir), e->chan);
		counter(out, name, e->t, "depth", f[k].depth);
	}
}

/* ---- instants (pass 2) ---- */

static bool as_instant(const struct pf *p, const struct tracefile_record *rec, enum record_decode_result dr,
		       const struct record *d)
{
	if (dr != RECORD_OK)
		return true; /* malformed or unknown: shown as they are */
	switch (rec->type) {
	case TRACE_CORE: case TRACE_STATE: case TRACE_TRAP: case TRACE_RPMSG: case TRACE_IRQ:
		return false;
	case TRACE_MBOX: /* sends and receives are the depth counters */
		return d->u.mbox.op != RECORD_MBOX_SEND && d->u.mbox.op != RECORD_MBOX_RECV;
	case TRACE_INSN:
		return p->insns;
	default:
		return true;
	}
}

static int write_instants(FILE *out, struct pf *p, char *err, size_t errlen)
{
	tracefile_rewind(p->r);
	struct tracefile_record rec;
	int rc;
	char desc[1024], tn[16];
	while ((rc = tracefile_next(p->r, &rec, err, errlen)) > 0) {
		struct record d;
		enum record_decode_result dr = record_decode(rec.type, rec.data, rec.len, &d);
		if (!as_instant(p, &rec, dr, &d))
			continue;
		const char *type = tracefile_type_name(rec.type);
		if (!type) {
			snprintf(tn, sizeof(tn), "TYPE%u", rec.type);
			type = tn;
		}
		if (rec.type == TRACE_INSN && dr == RECORD_OK) {
			fprintf(out, ",\n{\"name\":\"insn\",\"cat\":\"INSN\",\"ph\":\"i\",\"s\":\"t\",\"ts\":");
			json_ts(out, rec.time);
			fprintf(out, ",\"pid\":1,\"tid\":%u,\"args\":{", tid_of(rec.component));
			hex_arg(out, "pc", d.u.insn.pc, true);
			hex_arg(out, "insn", d.u.insn.insn, false);
			fprintf(out, "}}");
			continue;
		}
		tracefile_describe(&rec, desc, sizeof(desc));
		fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"ts\":", type, type);
		json_ts(out, rec.time);
		fprintf(out, ",\"pid\":1,\"tid\":%u,\"args\":{\"detail\":", tid_of(rec.component));
		json_str(out, desc);
		fprintf(out, "}}");
	}
	return rc;
}

static void write_threads(FILE *out, const struct pf *p)
{
	char tmp[16], name[160];
	fprintf(out, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"rpsim\"}},\n");
	fprintf(out, "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"trace\"}}");
	for (size_t i = 0; i < p->comps.n; i++) {
		uint16_t c = p->comps.v[i];
		fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":", tid_of(c));
		json_str(out, cname(p, c, tmp, sizeof(tmp)));
		fprintf(out, "}}");
		fprintf(out, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
			"\"args\":{\"sort_index\":%u}}", tid_of(c), tid_of(c));
	}
	/* one thread per message lane, each named once */
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct msg *m = &p->msgs.v[i];
		bool named = m->lane >= MAX_LANES;
		for (size_t k = 0; k < i && !named; k++)
			named = msg_tid(&p->msgs.v[k]) == msg_tid(m) && p->msgs.v[k].lane < MAX_LANES;
		if (named)
			continue;
		snprintf(name, sizeof(name), "%s rpmsg %s #%u", cname(p, m->comp, tmp, sizeof(tmp)),
			 m->dir ? "received" : "sent", m->lane + 1);
		fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":", msg_tid(m));
		json_str(out, name);
		fprintf(out, "}}");
		fprintf(out, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
			"\"args\":{\"sort_index\":%u}}", msg_tid(m), tid_of(m->comp));
	}
}

int tracefile_perfetto_ex(struct tracefile_reader *r, FILE *out, bool insns, char *err, size_t errlen)
{
	tracefile_rewind(r);
	struct pf *p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	p->r = r;
	p->insns = insns;
	struct slice *s = NULL;
	size_t ns = 0;
	int rc = collect(p, err, errlen);
	if (rc >= 0 && build_slices(p, &s, &ns) != 0) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	if (rc >= 0) {
		fprintf(out, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"rpsim trace perfetto\","
			"\"format_version\":%u,\"instructions\":%s},\"traceEvents\":[\n", tracefile_version(r),
			insns ? "true" : "false");
		write_threads(out, p);
		for (size_t i = 0; i < ns; i++)
			write_slice(out, p, &s[i]);
		write_flows(out, p);
		write_counters(out, p);
		rc = write_instants(out, p, err, errlen);
		fprintf(out, "\n]}\n");
	}
	free(s);
	free(p->cores.v);
	free(p->rprocs.v);
	free(p->traps.v);
	free(p->msgs.v);
	free(p->mbox.v);
	free(p->irqs.v);
	free(p->comps.v);
	free(p->core_ids.v);
	free(p->last_trap.v);
	free(p);
	if (rc < 0)
		return -1;
	if (ferror(out)) {
		snprintf(err, errlen, "writing the output failed");
		return -1;
	}
	return 0;
}

int tracefile_perfetto(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	return tracefile_perfetto_ex(r, out, false, err, errlen);
}
