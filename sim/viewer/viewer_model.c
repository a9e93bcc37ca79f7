/* Indexing a trace for the viewer: one pass over the file that keeps
 * every record but instructions as a small event, sorts them by time,
 * assigns lanes, pairs RPMsg messages with their other end and leaves a
 * register-file checkpoint every VIEWER_CKPT_EVERY instructions. */
#include "sim/viewer/viewer_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/escape.h"
#include "sim/core/elf.h"
#include "sim/core/le.h"
#include "sim/platform/isa.h"

/* RPMsg sends waiting for their end (doc/trace-format.md pairing rule) */
#define PENDING_MAX 4096u

struct pending {
	uint32_t ev;
	uint16_t component;
	uint32_t src, dst;
};

struct builder {
	struct viewer_model *m;
	size_t cap_events;
	uint8_t core_state[VIEWER_MAX_CORES];
	uint32_t regs[VIEWER_MAX_CORES][VIEWER_NREGS];
	/* REG records waiting for their INSN, per core */
	struct { uint8_t reg; uint32_t value; } pend[VIEWER_MAX_CORES][VIEWER_MAX_REG_RECS];
	unsigned npend[VIEWER_MAX_CORES];
	uint64_t pend_first[VIEWER_MAX_CORES]; /* record of the first of them */
	size_t ckpt_cap[VIEWER_MAX_CORES];
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap * 2 : 1024;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static int lane_for(struct viewer_model *m, enum viewer_lane_kind kind, uint16_t comp, uint8_t dir)
{
	for (unsigned i = 0; i < m->nlanes; i++)
		if (m->lanes[i].kind == kind && m->lanes[i].component == comp && m->lanes[i].dir == dir)
			return (int)i;
	if (m->nlanes >= VIEWER_MAX_LANES)
		return -1;
	struct viewer_lane *l = &m->lanes[m->nlanes];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->component = comp;
	l->dir = dir;
	return (int)m->nlanes++;
}

static int core_for(struct viewer_model *m, uint16_t comp)
{
	for (unsigned i = 0; i < m->ncores; i++)
		if (m->cores[i].component == comp)
			return (int)i;
	if (m->ncores >= VIEWER_MAX_CORES)
		return -1;
	struct viewer_core *c = &m->cores[m->ncores];
	memset(c, 0, sizeof(*c));
	c->component = comp;
	return (int)m->ncores++;
}

/* An instruction record: checkpoint, then apply its register write. */
static int index_insn(struct builder *b, const struct tracefile_record *rec)
{
	struct viewer_model *m = b->m;
	int ci = core_for(m, rec->component);
	if (ci < 0 || rec->len < 13)
		return 0; /* more cores than we step through, or malformed: not steppable */
	struct viewer_core *c = &m->cores[ci];
	if (c->ninsns % m->ckpt_every == 0) {
		if (grow((void **)&c->ckpt, &b->ckpt_cap[ci], c->nckpt + 1, sizeof(*c->ckpt)) < 0)
			return -1;
		struct viewer_ckpt *k = &c->ckpt[c->nckpt++];
		/* the instruction's records start at its first REG record */
		k->recno = b->npend[ci] ? b->pend_first[ci] : rec->number;
		k->time = rec->time;
		memcpy(k->x, b->regs[ci], sizeof(k->x));
		k->core_state = b->core_state[ci];
	}
	/* the other registers it wrote (REG records before it), then rd */
	for (unsigned i = 0; i < b->npend[ci]; i++)
		b->regs[ci][b->pend[ci][i].reg] = b->pend[ci][i].value;
	b->npend[ci] = 0;
	uint8_t rd = rec->data[8];
	if ((rd > 0 || !viewer_core_zero_reg(m, (unsigned)ci)) && rd < VIEWER_NREGS)
		b->regs[ci][rd] = le32_load(rec->data + 9);
	c->ninsns++;
	return 0;
}

static int add_event(struct builder *b, const struct tracefile_record *rec, int lane)
{
	struct viewer_model *m = b->m;
	if (lane < 0)
		return 0; /* out of lanes: not shown */
	if (grow((void **)&m->events, &b->cap_events, (size_t)m->nevents + 1, sizeof(*m->events)) < 0)
		return -1;
	struct viewer_event *e = &m->events[m->nevents++];
	memset(e, 0, sizeof(*e));
	e->time = rec->time;
	e->recno = rec->number;
	e->type = rec->type;
	e->component = rec->component;
	e->lane = (uint8_t)lane;
	const uint8_t *d = rec->data;
	switch (rec->type) {
	case TRACE_STATE:
		if (rec->len >= 8)
			e->sub = (uint8_t)(le32_load(d + 4) > 7 ? 7 : le32_load(d + 4));
		break;
	case TRACE_CORE:
		if (rec->len >= 1)
			e->sub = d[0];
		break;
	case TRACE_MBOX:
		if (rec->len >= 7) {
			e->sub = d[2];
			e->value = le32_load(d + 3);
		}
		break;
	case TRACE_KICK:
		if (rec->len >= 5) {
			e->sub = d[0];
			e->value = le32_load(d + 1);
		}
		break;
	case TRACE_RPMSG:
		if (rec->len >= 11) {
			e->sub = d[0];
			e->value = le32_load(d + 1);
			e->value2 = le32_load(d + 5);
		}
		break;
	case TRACE_TRAP:
	case TRACE_IRQ:
		if (rec->len >= 4)
			e->value = le32_load(d);
		if (rec->type == TRACE_IRQ && rec->len >= 5)
			e->sub = d[4];
		break;
	default:
		break;
	}
	return 0;
}

static void note_identity(struct viewer_model *m, const struct tracefile_record *rec)
{
	enum tracefile_id_kind kind;
	uint64_t hash, size;
	const char *p;
	size_t n;
	if (tracefile_parse_identity(rec, &kind, &hash, &size, &p, &n) < 0)
		return;
	char *dst = kind == TRACEFILE_ID_FIRMWARE ? m->fw_path
		    : kind == TRACEFILE_ID_SCENARIO ? m->scenario_path : NULL;
	if (!dst || dst[0] || n >= sizeof(m->fw_path) || memchr(p, '\0', n))
		return;
	memcpy(dst, p, n);
	dst[n] = '\0';
	if (kind == TRACEFILE_ID_FIRMWARE) {
		m->fw_size = size;
		m->fw_hash = hash;
	}
}

static int index_record(struct builder *b, const struct tracefile_record *rec)
{
	struct viewer_model *m = b->m;
	uint16_t c = rec->component;
	if (rec->type != TRACEFILE_REC_IDENTITY) {
		if (rec->time > m->t_max)
			m->t_max = rec->time;
		if (rec->time < m->t_min)
			m->t_min = rec->time;
	}
	switch (rec->type) {
	case TRACE_INSN:
		m->has_insns = true;
		if (lane_for(m, VIEWER_LANE_CORE, c, 0) < 0)
			return 0;
		return index_insn(b, rec);
	case TRACE_CORE: {
		int ci = core_for(m, c);
		if (ci >= 0 && rec->len >= 1) {
			/* leaving reset clears the register file (cpu_set_reset) */
			if (rec->data[0] == 0 && b->core_state[ci] == 3)
				memset(b->regs[ci], 0, sizeof(b->regs[ci]));
			b->core_state[ci] = rec->data[0];
		}
		return add_event(b, rec, lane_for(m, VIEWER_LANE_CORE, c, 0));
	}
	case TRACEFILE_REC_IDENTITY:
		note_identity(m, rec);
		return 0;
	case TRACE_COMPONENT:
		return 0;
	case TRACE_REG: {
		/* another register the next INSN of this core wrote */
		int ci = core_for(m, c);
		if (ci < 0 || rec->len < 5 || rec->data[0] >= VIEWER_NREGS ||
		    b->npend[ci] >= VIEWER_MAX_REG_RECS)
			return 0;
		if (b->npend[ci] == 0)
			b->pend_first[ci] = rec->number;
		b->pend[ci][b->npend[ci]].reg = rec->data[0];
		b->pend[ci][b->npend[ci]].value = le32_load(rec->data + 1);
		b->npend[ci]++;
		return 0;
	}
	case TRACE_CORE_ISA: {
		/* which ISA the core is: its registers' names, its disassembler */
		int ci = core_for(m, c);
		char name[32];
		size_t n = rec->len < sizeof(name) - 1 ? rec->len : sizeof(name) - 1;
		memcpy(name, rec->data, n);
		name[n] = '\0';
		if (ci >= 0)
			m->cores[ci].isa = isa_find(name);
		return 0;
	}
	case TRACE_STATE:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_RPROC, c, 0));
	case TRACE_RPMSG:
	case TRACE_CHANNEL:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_RPMSG, c, 0));
	case TRACE_KICK:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_KICK, c, 0));
	case TRACE_MBOX:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_MBOX, c,
						  rec->len >= 1 && rec->data[0] ? 1 : 0));
	case TRACE_TRAP:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_TRAP, c, 0));
	case TRACE_UART:
	case TRACE_FWTRACE:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_TEXT, c, 0));
	case TRACE_IRQ:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_IRQ, 0, 0));
	case TRACE_LOG:
		if (c == TRACEFILE_NO_COMPONENT)
			return add_event(b, rec, lane_for(m, VIEWER_LANE_HOST, 0, 0));
		return add_event(b, rec, lane_for(m, VIEWER_LANE_LOG, 0, 0));
	case TRACE_HOST_STEP:
	case TRACE_EXPECT:
	case TRACE_FWLOAD:
		return add_event(b, rec, lane_for(m, VIEWER_LANE_HOST, 0, 0));
	default:
		return 0; /* unknown types: `rpsim trace dump` shows them */
	}
}

static int cmp_event(const void *a, const void *b)
{
	const struct viewer_event *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->recno < y->recno ? -1 : x->recno > y->recno;
}

/* Events come nearly in time order (a core running ahead of the event
 * queue stamps a few records later than the ones after them): insertion
 * sort costs the records plus how far the late ones move, against n log n
 * for a general sort of millions of events.  Past a budget of moves (a
 * trace far from time order) qsort takes over. */
static void sort_events(struct viewer_event *ev, uint32_t n)
{
	uint64_t budget = (uint64_t)n * 16 + 4096;
	for (uint32_t i = 1; i < n; i++) {
		if (cmp_event(&ev[i - 1], &ev[i]) <= 0)
			continue;
		struct viewer_event e = ev[i];
		uint32_t j = i;
		while (j > 0 && cmp_event(&ev[j - 1], &e) > 0) {
			ev[j] = ev[j - 1];
			j--;
			if (!budget--) {
				ev[j] = e; /* whatever order, the same events */
				qsort(ev, n, sizeof(*ev), cmp_event);
				return;
			}
		}
		ev[j] = e;
	}
}

static int cmp_lane(const void *a, const void *b)
{
	const struct viewer_lane *x = a, *y = b;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->component != y->component)
		return (int)x->component - (int)y->component;
	return (int)x->dir - (int)y->dir;
}

static const char *const kind_suffix[VIEWER_NLANE_KINDS] = {
	[VIEWER_LANE_HOST] = "host",
	[VIEWER_LANE_RPROC] = "state",
	[VIEWER_LANE_RPMSG] = "rpmsg",
	[VIEWER_LANE_KICK] = "kicks",
	[VIEWER_LANE_MBOX] = "",
	[VIEWER_LANE_CORE] = "",
	[VIEWER_LANE_TRAP] = "traps",
	[VIEWER_LANE_TEXT] = "text",
	[VIEWER_LANE_LOG] = "log",
	[VIEWER_LANE_IRQ] = "irq",
};

/* Sorts lanes into display order, names them and fills their event lists. */
static int finish_lanes(struct viewer_model *m)
{
	unsigned n = m->nlanes;
	struct viewer_lane old[VIEWER_MAX_LANES];
	memcpy(old, m->lanes, n * sizeof(old[0]));
	qsort(m->lanes, n, sizeof(m->lanes[0]), cmp_lane);
	uint8_t remap[VIEWER_MAX_LANES] = { 0 };
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < n; j++)
			if (cmp_lane(&old[i], &m->lanes[j]) == 0)
				remap[i] = (uint8_t)j;
	for (uint32_t i = 0; i < m->nevents; i++) {
		m->events[i].lane = remap[m->events[i].lane];
		m->lanes[m->events[i].lane].nev++;
	}
	for (unsigned i = 0; i < n; i++) {
		struct viewer_lane *l = &m->lanes[i];
		l->ev = malloc((l->nev ? l->nev : 1) * sizeof(*l->ev));
		if (!l->ev)
			return -1;
		l->nev = 0;
		char cn[32]; /* escaped, cut to what a lane label shows */
		const char *comp = l->kind == VIEWER_LANE_HOST || l->kind == VIEWER_LANE_LOG ||
						   l->kind == VIEWER_LANE_IRQ
					   ? ""
					   : viewer_component_name(m, l->component, cn, sizeof(cn));
		const char *suffix = l->kind == VIEWER_LANE_MBOX
					     ? (l->dir ? "to host" : "to remote")
					     : kind_suffix[l->kind];
		snprintf(l->name, sizeof(l->name), "%s%s%s", comp, comp[0] && suffix[0] ? " " : "",
			 suffix);
	}
	size_t mkcap[VIEWER_MAX_LANES] = { 0 };
	for (uint32_t i = 0; i < m->nevents; i++) {
		const struct viewer_event *e = &m->events[i];
		struct viewer_lane *l = &m->lanes[e->lane];
		l->ev[l->nev++] = i;
		if ((e->type == TRACE_STATE || e->type == TRACE_CORE) &&
		    viewer_state_marked(l->kind, e->sub)) {
			if (grow((void **)&l->mk, &mkcap[e->lane], (size_t)l->nmk + 1, sizeof(*l->mk)) < 0)
				return -1;
			l->mk[l->nmk++] = i;
		}
	}
	for (unsigned i = 0; i < m->ncores; i++)
		for (unsigned j = 0; j < n; j++)
			if (m->lanes[j].kind == VIEWER_LANE_CORE &&
			    m->lanes[j].component == m->cores[i].component)
				m->cores[i].lane = (uint8_t)j;
	return 0;
}

static int cmp_msg(const void *a, const void *b)
{
	const struct viewer_msg *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

static int add_msg(struct viewer_model *m, size_t *cap, uint32_t from, uint32_t to)
{
	if (grow((void **)&m->msgs, cap, (size_t)m->nmsgs + 1, sizeof(*m->msgs)) < 0)
		return -1;
	m->msgs[m->nmsgs].from = from;
	m->msgs[m->nmsgs].to = to;
	m->nmsgs++;
	return 0;
}

/* The pairing rule of `rpsim trace perfetto` (doc/trace-format.md), on
 * events already in time order. */
static int pair_messages(struct viewer_model *m)
{
	struct pending *pend = malloc(PENDING_MAX * sizeof(*pend));
	if (!pend)
		return -1;
	size_t npend = 0, cap = 0;
	uint32_t kick = VIEWER_NO_EVENT;
	int rc = 0;
	for (uint32_t i = 0; i < m->nevents && rc == 0; i++) {
		const struct viewer_event *e = &m->events[i];
		if (e->type == TRACE_RPMSG && e->sub == 0) {
			if (npend == PENDING_MAX) {
				memmove(pend, pend + 1, (PENDING_MAX - 1) * sizeof(*pend));
				npend--;
			}
			pend[npend++] = (struct pending){ i, e->component, e->value, e->value2 };
		} else if (e->type == TRACE_RPMSG) {
			size_t k = 0;
			while (k < npend && !(pend[k].component != e->component &&
					      pend[k].src == e->value && pend[k].dst == e->value2))
				k++;
			if (k < npend) {
				rc = add_msg(m, &cap, pend[k].ev, i);
				memmove(pend + k, pend + k + 1, (npend - k - 1) * sizeof(*pend));
				npend--;
			} else if (kick != VIEWER_NO_EVENT &&
				   m->events[kick].component != e->component) {
				rc = add_msg(m, &cap, kick, i);
				kick = VIEWER_NO_EVENT;
			}
		} else if (e->type == TRACE_MBOX && e->sub == 1 && m->lanes[e->lane].dir == 0) {
			size_t keep = 0;
			for (size_t k = 0; k < npend && rc == 0; k++) {
				if (pend[k].component != e->component)
					rc = add_msg(m, &cap, pend[k].ev, i);
				else
					pend[keep++] = pend[k];
			}
			npend = keep;
		} else if (e->type == TRACE_MBOX && e->sub == 0 && m->lanes[e->lane].dir == 1) {
			kick = i;
		}
	}
	free(pend);
	if (rc == 0 && m->nmsgs)
		qsort(m->msgs, m->nmsgs, sizeof(*m->msgs), cmp_msg);
	return rc;
}

struct viewer_model *viewer_model_open(const char *path, char *err, size_t errlen)
{
	return viewer_model_open_every(path, VIEWER_CKPT_EVERY, err, errlen);
}

struct viewer_model *viewer_model_open_every(const char *path, unsigned every, char *err,
					     size_t errlen)
{
	return viewer_model_open_with(path, every, NULL, err, errlen);
}

struct viewer_model *viewer_model_open_with(const char *path, unsigned every,
					    const struct replay_options *o, char *err, size_t errlen)
{
	struct viewer_model *m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	m->r = replay_open_events(path, o, err, errlen);
	if (!m->r) {
		free(m);
		return NULL;
	}
	snprintf(m->path, sizeof(m->path), "%s", path);
	m->ckpt_every = every ? every : VIEWER_CKPT_EVERY;
	m->nrecords = tracefile_record_count(m->r);
	m->t_min = SIM_TIME_MAX;
	struct builder b = { .m = m };
	for (unsigned i = 0; i < VIEWER_MAX_CORES; i++)
		b.core_state[i] = 3; /* a core starts in reset */
	struct tracefile_record rec;
	int got;
	while ((got = tracefile_next(m->r, &rec, err, errlen)) > 0) {
		if (index_record(&b, &rec) < 0) {
			snprintf(err, errlen, "%s: out of memory while indexing record %llu", path,
				 (unsigned long long)rec.number);
			got = -1;
			break;
		}
	}
	if (m->t_min == SIM_TIME_MAX)
		m->t_min = 0;
	if (got == 0 && m->nevents)
		sort_events(m->events, m->nevents);
	if (got == 0 && (finish_lanes(m) < 0 || pair_messages(m) < 0)) {
		snprintf(err, errlen, "%s: out of memory while indexing", path);
		got = -1;
	}
	if (got < 0) {
		viewer_model_close(m);
		return NULL;
	}
	return m;
}

int viewer_model_attach(struct viewer_model *m, const struct replay_options *o, char *err,
			size_t errlen)
{
	struct replay *rp = replay_open(m->path, o, err, errlen);
	if (!rp)
		return -1;
	size_t ns = tracefile_nsnapshots(m->r);
	const struct tracefile_snap *last = ns ? tracefile_snapshot_info(m->r, ns - 1) : NULL;
	unsigned nc = replay_ncores(rp);
	if (!last || nc > VIEWER_MAX_CORES) {
		snprintf(err, errlen, "%s: %u cores; the viewer steps through %u at most", m->path, nc,
			 VIEWER_MAX_CORES);
		replay_close(rp);
		return -1;
	}
	/* the cores as the run built them, whatever records name them */
	for (unsigned i = 0; i < nc; i++) {
		uint16_t comp = replay_core(rp, i)->trace_id;
		struct viewer_core *c = &m->cores[i];
		for (unsigned k = i; k < m->ncores; k++) {
			if (m->cores[k].component == comp) {
				struct viewer_core t = m->cores[i];
				m->cores[i] = m->cores[k];
				m->cores[k] = t;
			}
		}
		if (i >= m->ncores) {
			memset(c, 0, sizeof(*c));
			c->component = comp;
			m->ncores = i + 1;
		}
		c->lane = 0xff;
		for (unsigned j = 0; j < m->nlanes; j++)
			if (m->lanes[j].kind == VIEWER_LANE_CORE && m->lanes[j].component == comp)
				c->lane = (uint8_t)j;
		c->ninsns = i < last->ncores ? last->insns[i] : 0;
	}
	m->ncores = nc;
	m->rp = rp;
	return 0;
}

void viewer_model_close(struct viewer_model *m)
{
	if (!m)
		return;
	replay_close(m->rp);
	for (unsigned i = 0; i < m->nlanes; i++) {
		free(m->lanes[i].ev);
		free(m->lanes[i].mk);
	}
	for (unsigned i = 0; i < m->ncores; i++)
		free(m->cores[i].ckpt);
	free(m->events);
	free(m->msgs);
	tracefile_close(m->r);
	free(m);
}

const char *viewer_component_name(const struct viewer_model *m, uint16_t id, char *buf, size_t len)
{
	if (id == TRACEFILE_NO_COMPONENT)
		return "-";
	const char *n = tracefile_component_name(m->r, id);
	if (n)
		return sim_escape_str(buf, len, n); /* the trace's bytes, shown */
	snprintf(buf, len, "#%u", (unsigned)id);
	return buf;
}

uint32_t viewer_event_at(const struct viewer_model *m, sim_time_t t)
{
	uint32_t lo = 0, hi = m->nevents;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (m->events[mid].time < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int viewer_event_record(struct viewer_model *m, uint32_t ev, struct tracefile_record *rec,
			char *err, size_t errlen)
{
	if (ev >= m->nevents) {
		snprintf(err, errlen, "no event %u", ev);
		return -1;
	}
	if (tracefile_seek_record(m->r, m->events[ev].recno, err, errlen) < 0)
		return -1;
	int got = tracefile_next(m->r, rec, err, errlen);
	if (got == 0)
		snprintf(err, errlen, "%s: record %llu is missing", m->path,
			 (unsigned long long)m->events[ev].recno);
	return got > 0 ? 0 : -1;
}

bool viewer_core_zero_reg(const struct viewer_model *m, unsigned c)
{
	/* RISC-V's x0 is hardwired to zero; Arm's r0 is a register */
	return viewer_core_isa(m, c)->elf_machine == ELF_EM_RISCV;
}

const struct cpu_isa *viewer_core_isa(const struct viewer_model *m, unsigned c)
{
	/* the trace's CORE_ISA record; a trace without one (written before
	 * it existed) or naming an ISA this build lacks: the default one */
	if (c < m->ncores && m->cores[c].isa)
		return m->cores[c].isa;
	return isa_find(ISA_DEFAULT);
}
