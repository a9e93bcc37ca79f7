/* The Perfetto exporter's first pass (tracefile_perfetto_internal.h):
 * each core's and remoteproc's states, traps and when they return, the
 * messages paired by the rule of doc/trace-format.md, IRQ and mailbox
 * events; then the slices, with message lanes that never overlap. */
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/trace/tracefile_perfetto_internal.h"

void pf_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

int pf_grow(void **v, size_t *cap, size_t size)
{
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, nc * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

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
	return p->core_ids.n == 1 ? p->core_ids.v[0] : PF_NO_COMP;
}

/* A flow end given as a remote-side component, resolved to its core once
 * every core is known. */
uint32_t pf_resolve(const struct pf *p, uint32_t c)
{
	return c & PF_VIA_MBOX ? core_for(p, (uint16_t)(c & 0xffff)) : c;
}

static void end_msg(struct pf *p, size_t i, sim_time_t t, uint32_t to)
{
	struct pf_msg *m = &p->msgs.v[i];
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
	struct pf_msg m = { .comp = rec->component, .dir = d->u.rpmsg.dir ? 1 : 0, .start = rec->time,
			 .src = d->u.rpmsg.src, .dst = d->u.rpmsg.dst, .len = d->u.rpmsg.len,
			 .from_comp = PF_MSG_LANE, .to_comp = PF_NO_COMP };
	m.nbytes = d->u.rpmsg.nbytes < PF_PREVIEW ? d->u.rpmsg.nbytes : PF_PREVIEW;
	memcpy(m.data, d->u.rpmsg.data, m.nbytes);
	if (m.dir == 0) {
		if (p->npending == PF_MAX_PENDING) /* never received: forget the oldest */
			drop_pending(p, 0);
		oom_if(p, PF_PUSH(p->msgs, m));
		if (!p->oom)
			p->pending[p->npending++] = p->msgs.n - 1;
		return;
	}
	/* received: the end of a message its sender traced ... */
	for (size_t k = 0; k < p->npending; k++) {
		struct pf_msg *s = &p->msgs.v[p->pending[k]];
		if (s->src == m.src && s->dst == m.dst && s->comp != rec->component) {
			end_msg(p, p->pending[k], rec->time, rec->component);
			drop_pending(p, k);
			return;
		}
	}
	/* ... or of one the remote kicked the host for: from the kick */
	if (p->kick && p->kick_comp != rec->component) {
		m.start = p->kick_t;
		m.from_comp = PF_VIA_MBOX | p->kick_comp;
		m.to_comp = PF_MSG_LANE;
	} else {
		m.from_comp = PF_NO_COMP; /* its start is unknown: no arrow */
	}
	m.end = rec->time;
	m.ended = true;
	oom_if(p, PF_PUSH(p->msgs, m));
}

static void on_mbox(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct pf_mbox_ev e = { rec->time, rec->number, rec->component, d->u.mbox.dir, d->u.mbox.chan, d->u.mbox.op };
	oom_if(p, PF_PUSH(p->mbox, e));
	if (d->u.mbox.dir == RECORD_TO_REMOTE && d->u.mbox.op == RECORD_MBOX_RECV) {
		/* the remote takes the kick: every message sent before it is in
		 * the vring it is about to read */
		for (size_t k = 0; k < p->npending;) {
			if (p->msgs.v[p->pending[k]].comp != rec->component) {
				end_msg(p, p->pending[k], rec->time, PF_VIA_MBOX | rec->component);
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
static struct pf_trap *latest_trap(struct pf *p, uint16_t comp)
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
	struct pf_trap *t = latest_trap(p, rec->component);
	if (t && t->open && d->u.insn.pc == t->epc && rec->time > t->t) {
		t->end = rec->time;
		t->open = false;
	}
}

static void on_trap(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct pf_trap *old = latest_trap(p, rec->component);
	if (old)
		old->open = false;
	struct pf_trap t = { rec->time, SIM_TIME_MAX, rec->number, rec->component, d->u.trap.cause,
			  d->u.trap.epc, d->u.trap.tval, true };
	oom_if(p, PF_PUSH(p->traps, t));
	while (!p->oom && p->last_trap.n <= rec->component)
		oom_if(p, PF_PUSH(p->last_trap, (size_t)0));
	if (!p->oom)
		p->last_trap.v[rec->component] = p->traps.n;
}

static void on_core(struct pf *p, const struct tracefile_record *rec, const struct record *d)
{
	struct pf_change c = { rec->time, rec->number, rec->component, d->u.core.state };
	oom_if(p, PF_PUSH(p->cores, c));
	struct pf_trap *t = latest_trap(p, rec->component);
	if (t)
		t->open = false; /* a state change ends a trap */
	bool known = false;
	for (size_t i = 0; i < p->core_ids.n && !known; i++)
		known = p->core_ids.v[i] == rec->component;
	if (!known)
		oom_if(p, PF_PUSH(p->core_ids, rec->component));
}

int pf_collect(struct pf *p, char *err, size_t errlen)
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
			oom_if(p, PF_PUSH(p->comps, d.u.component.id));
			break;
		case TRACE_CORE:
			on_core(p, &rec, &d);
			break;
		case TRACE_STATE: {
			struct pf_change c = { rec.time, rec.number, rec.component, (uint8_t)(d.u.state.now & 0xff) };
			oom_if(p, PF_PUSH(p->rprocs, c));
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
			struct pf_irq_ev e = { rec.time, rec.number, rec.component, d.u.irq.line, d.u.irq.level ? 1 : 0 };
			oom_if(p, PF_PUSH(p->irqs, e));
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

static int cmp_change(const void *a, const void *b)
{
	const struct pf_change *x = a, *y = b;
	if (x->comp != y->comp)
		return x->comp < y->comp ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_slice(const void *a, const void *b)
{
	const struct pf_slice *x = a, *y = b;
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
	const struct pf_msg *x = a, *y = b;
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
		const struct pf_change *c = &p->cores.v[mid];
		if (c->comp < comp || (c->comp == comp && c->t <= t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->cores.n && p->cores.v[lo].comp == comp ? p->cores.v[lo].t : p->t_end + 1;
}

/* Whether component comp's state slices (core or remoteproc) cover t:
 * they run from its first change to just past the end of the trace. */
bool pf_covered(const struct pf *p, uint16_t comp, sim_time_t t)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct pf_change *v = pass ? p->rprocs.v : p->cores.v;
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
		sim_time_t end[PF_MAX_LANES];
	};
	PF_VEC(struct lanes) L = { 0 };
	pf_sort(p->msgs.v, p->msgs.n, sizeof(*p->msgs.v), cmp_msg_start);
	for (size_t i = 0; i < p->msgs.n; i++) {
		struct pf_msg *m = &p->msgs.v[i];
		if (!m->ended)
			m->end = m->start;
		m->lane = PF_MAX_LANES;
		size_t k = 0;
		while (k < L.n && !(L.v[k].comp == m->comp && L.v[k].dir == m->dir))
			k++;
		if (k == L.n) {
			struct lanes nl = { .comp = m->comp, .dir = m->dir };
			if (PF_PUSH(L, nl) < 0) {
				free(L.v);
				return -1;
			}
		}
		struct lanes *l = &L.v[k];
		unsigned lane = 0;
		while (lane < l->n && l->end[lane] > m->start)
			lane++;
		if (lane == PF_MAX_LANES)
			continue; /* more than PF_MAX_LANES at once: left out */
		if (lane == l->n)
			l->n++;
		l->end[lane] = m->end;
		m->lane = lane;
	}
	free(L.v);
	return 0;
}

unsigned pf_msg_tid(const struct pf_msg *m)
{
	return PF_TID_MSG + m->comp * 1024u + m->dir * 512u + m->lane;
}

int pf_build_slices(struct pf *p, struct pf_slice **out, size_t *nout)
{
	pf_sort(p->cores.v, p->cores.n, sizeof(*p->cores.v), cmp_change);
	pf_sort(p->rprocs.v, p->rprocs.n, sizeof(*p->rprocs.v), cmp_change);
	if (assign_lanes(p) != 0)
		return -1;
	size_t cap = p->cores.n + p->rprocs.n + p->traps.n + p->msgs.n + 1;
	struct pf_slice *s = malloc(cap * sizeof(*s));
	if (!s)
		return -1;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		const struct pf_change *v = pass ? p->rprocs.v : p->cores.v;
		size_t cnt = pass ? p->rprocs.n : p->cores.n;
		for (size_t i = 0; i < cnt; i++) {
			sim_time_t end = i + 1 < cnt && v[i + 1].comp == v[i].comp ? v[i + 1].t : p->t_end + 1;
			s[n++] = (struct pf_slice){ v[i].t, end - v[i].t, pf_tid_of(v[i].comp), v[i].seq,
						 pass ? PF_SL_RPROC : PF_SL_CORE, end == v[i].t, i };
		}
	}
	for (size_t i = 0; i < p->traps.n; i++) {
		struct pf_trap *t = &p->traps.v[i];
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
		s[n++] = (struct pf_slice){ t->t, end - t->t, pf_tid_of(t->comp), t->seq, PF_SL_TRAP, false, i };
	}
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct pf_msg *m = &p->msgs.v[i];
		if (m->lane < PF_MAX_LANES)
			s[n++] = (struct pf_slice){ m->start, m->end - m->start, pf_msg_tid(m), i, PF_SL_MSG, false, i };
	}
	pf_sort(s, n, sizeof(*s), cmp_slice);
	*out = s;
	*nout = n;
	return 0;
}

void pf_free(struct pf *p)
{
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
}
