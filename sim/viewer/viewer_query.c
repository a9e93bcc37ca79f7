/* The viewer model's queries: what a lane shows between two times at a
 * given width (bounded by the width, not by the number of events), and
 * the stepping model (replay from the nearest register checkpoint). */
#include "sim/viewer/viewer_model.h"

#include <stdio.h>
#include <string.h>

#include "sim/core/elf.h"
#include "sim/core/le.h"
#include "sim/core/record.h"

/* a * b / c rounded down (up when ceil), exact for any 64-bit times: a
 * trace may hold times near 2^64, where doubles lose picoseconds and a
 * conversion back to an integer overflows. UINT64_MAX if it does not fit. */
static uint64_t mul_div(uint64_t a, uint64_t b, uint64_t c, bool ceil)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 p = (unsigned __int128)a * b;
	unsigned __int128 q = p / c + (ceil && p % c != 0);
	return q > UINT64_MAX ? UINT64_MAX : (uint64_t)q;
#else
	/* schoolbook: b < 2^32 here (a pixel count) */
	uint64_t hi = (a >> 32) * b, lo = (a & 0xffffffffu) * b;
	uint64_t qh = hi / c, rh = hi % c;
	if (qh >> 32)
		return UINT64_MAX;
	/* (rh * 2^32 + lo) / c, without overflow: rh < c */
	uint64_t q = qh << 32, r = rh;
	for (int bit = 63; bit >= 0; bit--) {
		bool top = r >> 63;
		r = (r << 1) | ((lo >> bit) & 1);
		if (top || r >= c) {
			r -= c;
			q += (uint64_t)1 << bit;
		}
	}
	if (ceil && r)
		q = q == UINT64_MAX ? q : q + 1;
	return q;
#endif
}

#define VIEWER_X_MAX 1000000

int viewer_time_to_x(sim_time_t t, sim_time_t t0, sim_time_t t1, int width)
{
	if (t1 <= t0 || width <= 0)
		return 0;
	sim_time_t span = t1 - t0;
	if (t >= t0) {
		uint64_t x = mul_div(t - t0, (uint64_t)width, span, false);
		return x > VIEWER_X_MAX ? VIEWER_X_MAX : (int)x;
	}
	/* left of the view: rounded down too */
	uint64_t x = mul_div(t0 - t, (uint64_t)width, span, true);
	return x > VIEWER_X_MAX ? -VIEWER_X_MAX : -(int)x;
}

sim_time_t viewer_x_to_time(int x, sim_time_t t0, sim_time_t t1, int width)
{
	if (t1 <= t0 || width <= 0 || x <= 0)
		return t0;
	/* the first time that maps to x: t0 + ceil(x * span / width) */
	return simtime_add(t0, mul_div(t1 - t0, (uint64_t)x, (uint64_t)width, true));
}

static bool band_lane(enum viewer_lane_kind k)
{
	return k == VIEWER_LANE_RPROC || k == VIEWER_LANE_CORE;
}

/* First position in the lane with time >= t. */
static uint32_t lane_lower(const struct viewer_model *m, const struct viewer_lane *l, sim_time_t t)
{
	uint32_t lo = 0, hi = l->nev;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (m->events[l->ev[mid]].time < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int clampx(int x, int width)
{
	return x < 0 ? 0 : x > width ? width : x;
}

size_t viewer_lane_items(const struct viewer_model *m, unsigned lane, sim_time_t t0,
			 sim_time_t t1, int width, struct viewer_item *out, size_t cap)
{
	if (lane >= m->nlanes || t1 <= t0 || width <= 0)
		return 0;
	const struct viewer_lane *l = &m->lanes[lane];
	size_t n = 0;
	uint32_t i = lane_lower(m, l, t0);
	if (band_lane(l->kind)) {
		if (i > 0 && (i == l->nev || m->events[l->ev[i]].time > t0))
			i--; /* the band in force at t0 */
		while (i < l->nev && n < cap) {
			const struct viewer_event *e = &m->events[l->ev[i]];
			if (e->time >= t1)
				break;
			int xa = clampx(viewer_time_to_x(e->time, t0, t1, width), width);
			sim_time_t tend = i + 1 < l->nev ? m->events[l->ev[i + 1]].time : m->t_max;
			int xb = viewer_time_to_x(tend, t0, t1, width);
			uint32_t k = i;
			if (xb <= xa) {
				/* several changes inside one pixel: show the last */
				sim_time_t tp = viewer_x_to_time(xa + 1, t0, t1, width);
				k = lane_lower(m, l, tp);
				k = k > i ? k - 1 : i;
				tend = k + 1 < l->nev ? m->events[l->ev[k + 1]].time : m->t_max;
				xb = viewer_time_to_x(tend, t0, t1, width);
				if (xb <= xa)
					xb = xa + 1;
			}
			out[n++] = (struct viewer_item){ xa, clampx(xb, width), l->ev[k], k - i + 1 };
			i = k + 1;
		}
		return n;
	}
	while (i < l->nev && n < cap) {
		const struct viewer_event *e = &m->events[l->ev[i]];
		if (e->time >= t1)
			break;
		int xa = viewer_time_to_x(e->time, t0, t1, width);
		uint32_t k = lane_lower(m, l, viewer_x_to_time(xa + 1, t0, t1, width));
		if (k <= i)
			k = i + 1;
		out[n++] = (struct viewer_item){ xa, xa + 1, l->ev[i], k - i };
		i = k;
	}
	return n;
}

bool viewer_state_marked(enum viewer_lane_kind kind, uint8_t state)
{
	if (kind == VIEWER_LANE_RPROC)
		return state == RECORD_RPROC_CRASHED || state == RECORD_RPROC_OFFLINE ||
		       state == RECORD_RPROC_DELETED;
	return kind == VIEWER_LANE_CORE && state == CPU_STATE_HALTED;
}

size_t viewer_lane_marks(const struct viewer_model *m, unsigned lane, sim_time_t t0,
			 sim_time_t t1, int width, struct viewer_item *out, size_t cap)
{
	if (lane >= m->nlanes || t1 <= t0 || width <= 0)
		return 0;
	const struct viewer_lane *l = &m->lanes[lane];
	uint32_t lo = 0, hi = l->nmk;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (m->events[l->mk[mid]].time < t0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	int last = -1;
	for (uint32_t i = lo; i < l->nmk && n < cap; i++) {
		const struct viewer_event *e = &m->events[l->mk[i]];
		if (e->time >= t1)
			break;
		int x = viewer_time_to_x(e->time, t0, t1, width);
		if (x == last) {
			out[n - 1].count++;
			continue;
		}
		last = x;
		out[n++] = (struct viewer_item){ x, x + 1, l->mk[i], 1 };
	}
	return n;
}

size_t viewer_arrows(const struct viewer_model *m, sim_time_t t0, sim_time_t t1, int width,
		     struct viewer_arrow *out, size_t cap)
{
	size_t n = 0;
	if (t1 <= t0 || width <= 0)
		return 0;
	/* msgs are sorted by start event (time order); a message that ends
	 * in view but started before it is drawn too, so start from the first
	 * message that could end after t0. Messages are short, so scanning
	 * back from t0 is bounded in practice by 4096 steps. */
	uint32_t lo = 0, hi = m->nmsgs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (m->events[m->msgs[mid].from].time < t0)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t i = lo;
	for (unsigned back = 0; i > 0 && back < 4096; back++)
		if (m->events[m->msgs[i - 1].to].time >= t0)
			i--;
		else
			break;
	int last_x = -2000000;
	for (; i < m->nmsgs && n < cap; i++) {
		const struct viewer_msg *g = &m->msgs[i];
		sim_time_t ts = m->events[g->from].time;
		if (ts >= t1)
			break;
		int xa = viewer_time_to_x(ts, t0, t1, width);
		if (xa == last_x && xa >= 0)
			continue; /* one arrow per start pixel */
		last_x = xa;
		out[n++] = (struct viewer_arrow){ xa, viewer_time_to_x(m->events[g->to].time, t0, t1,
									width), i };
	}
	return n;
}

int viewer_core_of_lane(const struct viewer_model *m, unsigned lane)
{
	for (unsigned i = 0; i < m->ncores; i++)
		if (m->cores[i].lane == lane && lane < m->nlanes &&
		    m->lanes[lane].kind == VIEWER_LANE_CORE)
			return (int)i;
	return -1;
}

/* ---- stepping ---- */

/* Whether core c's register 0 is hardwired to zero (RISC-V's x0), by the
 * ISA its CORE_ISA record named (none: the default ISA, RV32), as
 * viewer_core_zero_reg says; read here from the index, so that this file
 * calls nothing of viewer_model.c's. */
static bool zero_reg(const struct viewer_model *m, unsigned c)
{
	const struct cpu_isa *isa = c < m->ncores ? m->cores[c].isa : NULL;
	return !isa || isa->elf_machine == ELF_EM_RISCV;
}

struct rrec {
	struct viewer_model *m;
	unsigned core;
	uint64_t next;      /* number of the next instruction read */
	uint8_t state;
	bool reset_seen;
	struct viewer_cpu cpu;
	/* REG records read, waiting for their INSN */
	struct { uint8_t reg; uint32_t value; } pend[VIEWER_MAX_REG_RECS];
	unsigned npend;
};

static int rrec_start(struct rrec *rp, struct viewer_model *m, unsigned c, uint64_t n,
			char *err, size_t errlen)
{
	const struct viewer_core *core = &m->cores[c];
	const struct viewer_ckpt *k = &core->ckpt[n / m->ckpt_every];
	memset(rp, 0, sizeof(*rp));
	rp->m = m;
	rp->core = c;
	rp->next = (n / m->ckpt_every) * m->ckpt_every;
	rp->state = k->core_state;
	memcpy(rp->cpu.x, k->x, sizeof(rp->cpu.x));
	rp->cpu.core = c;
	return tracefile_seek_record(m->r, k->recno, err, errlen);
}

/* Reads up to the next instruction of the core: 1, 0 at the end, -1. */
static int rrec_step(struct rrec *rp, char *err, size_t errlen)
{
	struct viewer_model *m = rp->m;
	uint16_t comp = m->cores[rp->core].component;
	struct tracefile_record rec;
	int got;
	while ((got = tracefile_next(m->r, &rec, err, errlen)) > 0) {
		if (rec.component != comp)
			continue;
		if (rec.type == TRACE_CORE && rec.len >= 1) {
			if (rec.data[0] == 0 && rp->state == 3) {
				memset(rp->cpu.x, 0, sizeof(rp->cpu.x));
				rp->reset_seen = true;
			}
			rp->state = rec.data[0];
		} else if (rec.type == TRACE_REG && rec.len >= 5) {
			if (rec.data[0] < VIEWER_NREGS && rp->npend < VIEWER_MAX_REG_RECS) {
				rp->pend[rp->npend].reg = rec.data[0];
				rp->pend[rp->npend].value = le32_load(rec.data + 1);
				rp->npend++;
			}
		} else if (rec.type == TRACE_INSN && rec.len >= 13) {
			struct viewer_cpu *cpu = &rp->cpu;
			cpu->insn = rp->next++;
			cpu->recno = rec.number;
			cpu->time = rec.time;
			cpu->pc = le32_load(rec.data);
			cpu->word = le32_load(rec.data + 4);
			cpu->rd = rec.data[8];
			cpu->changed = rp->reset_seen ? 0xFFFFFFFFu & ~(uint64_t)zero_reg(m, rp->core) : 0;
			rp->reset_seen = false;
			for (unsigned i = 0; i < rp->npend; i++) {
				cpu->x[rp->pend[i].reg] = rp->pend[i].value;
				cpu->changed |= (uint64_t)1 << rp->pend[i].reg;
			}
			rp->npend = 0;
			if ((cpu->rd > 0 || !zero_reg(m, rp->core)) && cpu->rd < VIEWER_NREGS) {
				cpu->x[cpu->rd] = le32_load(rec.data + 9);
				cpu->changed |= (uint64_t)1 << cpu->rd;
			}
			return 1;
		}
	}
	return got;
}

/* The re-executed core's state into out (after instruction n). */
static void from_core(struct viewer_model *m, unsigned c, uint64_t n, const struct replay_insn *last,
		      struct viewer_cpu *out)
{
	struct cpu *core = replay_core(m->rp, c);
	const struct cpu_isa *isa = core->isa;
	memset(out, 0, sizeof(*out));
	out->core = c;
	out->insn = n;
	out->time = cpu_local_time(core);
	out->pc = (uint32_t)last->pc;
	out->word = last->insn;
	out->rd = last->reg < 32 ? (uint8_t)last->reg : 0;
	/* RISC-V's x0 is no write; Arm's r0 is */
	if (last->reg < 32 && (out->rd || isa->elf_machine != ELF_EM_RISCV))
		out->changed = (uint64_t)1 << out->rd;
	for (unsigned r = 0; r < 32 && r < isa->nregs; r++) {
		uint64_t v = 0;
		cpu_get_reg(core, r, &v);
		out->x[r] = (uint32_t)v;
	}
	out->full = true;
	out->state = (uint8_t)cpu_state(core);
	for (unsigned r = 0; r < isa->nregs && out->nsys < VIEWER_MAX_SYSREGS; r++) {
		if (isa->regs[r].group != CPU_REG_SYSTEM && isa->regs[r].group != CPU_REG_STATUS)
			continue;
		uint64_t v = 0;
		if (cpu_get_reg(core, r, &v) == 0) {
			out->sysnum[out->nsys] = (uint16_t)r;
			out->sys[out->nsys++] = v;
		}
	}
	out->sp = isa->sp_regnum < 32 ? out->x[isa->sp_regnum] : 0;
}

int viewer_load_memory(struct viewer_model *m, struct viewer_cpu *cpu, uint32_t addr)
{
	if (!m->rp || !cpu->full || cpu->core >= m->ncores)
		return -1;
	struct cpu *core = replay_core(m->rp, cpu->core);
	cpu->mem_addr = addr;
	for (unsigned i = 0; i < VIEWER_MEM_WINDOW; i += 8) {
		bool ok = cpu_read_mem(core, (uint64_t)addr + i, cpu->mem + i, 8) == 0;
		memset(cpu->mem_ok + i, ok, 8);
		if (!ok)
			memset(cpu->mem + i, 0, 8);
	}
	return 0;
}

int viewer_goto_insn(struct viewer_model *m, unsigned c, uint64_t n, struct viewer_cpu *out,
		     char *err, size_t errlen)
{
	if (c >= m->ncores || n >= m->cores[c].ninsns) {
		snprintf(err, errlen, "no instruction %llu on core %u",
			 (unsigned long long)n, c);
		return -1;
	}
	if (m->rp) {
		struct replay_insn last;
		if (replay_goto_insn(m->rp, c, n + 1, &last, err, errlen) < 0)
			return -1;
		from_core(m, c, n, &last, out);
		return 0;
	}
	struct rrec rp;
	if (rrec_start(&rp, m, c, n, err, errlen) < 0)
		return -1;
	int got;
	while ((got = rrec_step(&rp, err, errlen)) > 0)
		if (rp.cpu.insn == n) {
			*out = rp.cpu;
			return 0;
		}
	if (got == 0)
		snprintf(err, errlen, "%s: instruction %llu not found", m->path,
			 (unsigned long long)n);
	return -1;
}

int64_t viewer_insn_at_time(struct viewer_model *m, unsigned c, sim_time_t t)
{
	if (m->rp) {
		char err[256];
		if (c >= m->ncores || replay_goto_time(m->rp, t, err, sizeof(err)) < 0)
			return -1;
		uint64_t k = cpu_insns_total(replay_core(m->rp, c));
		return k ? (int64_t)k - 1 : -1;
	}
	if (c >= m->ncores || !m->cores[c].nckpt || m->cores[c].ckpt[0].time > t)
		return -1;
	const struct viewer_core *core = &m->cores[c];
	size_t lo = 0, hi = core->nckpt;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (core->ckpt[mid].time <= t)
			lo = mid;
		else
			hi = mid;
	}
	char err[256];
	struct rrec rp;
	if (rrec_start(&rp, m, c, (uint64_t)lo * m->ckpt_every, err, sizeof(err)) < 0)
		return -1;
	int64_t best = -1;
	while (rrec_step(&rp, err, sizeof(err)) > 0 && rp.cpu.time <= t)
		best = (int64_t)rp.cpu.insn;
	return best;
}

int64_t viewer_find_pc(struct viewer_model *m, unsigned c, int64_t after, uint32_t addr)
{
	if (m->rp) {
		char err[256];
		uint64_t n;
		if (c >= m->ncores || after < -1 ||
		    replay_find_pc(m->rp, c, (uint64_t)(after + 1), addr, true, &n, err, sizeof(err)) != 0)
			return -1;
		return (int64_t)n - 1;
	}
	uint64_t from = (uint64_t)(after + 1);
	if (c >= m->ncores || after < -1 || from >= m->cores[c].ninsns)
		return -1;
	char err[256];
	struct rrec rp;
	if (rrec_start(&rp, m, c, from, err, sizeof(err)) < 0)
		return -1;
	while (rrec_step(&rp, err, sizeof(err)) > 0)
		if (rp.cpu.insn >= from && rp.cpu.pc == addr)
			return (int64_t)rp.cpu.insn;
	return -1;
}

int64_t viewer_find_pc_back(struct viewer_model *m, unsigned c, int64_t before, uint32_t addr)
{
	if (c >= m->ncores || before <= 0)
		return -1;
	if (m->rp) {
		char err[256];
		uint64_t n;
		if (replay_find_pc(m->rp, c, (uint64_t)before + 1, addr, false, &n, err, sizeof(err)) != 0)
			return -1;
		return (int64_t)n - 1;
	}
	/* the records go forward only: the last hit before `before` */
	char err[256];
	struct rrec rp;
	if (rrec_start(&rp, m, c, 0, err, sizeof(err)) < 0)
		return -1;
	int64_t best = -1;
	while (rrec_step(&rp, err, sizeof(err)) > 0 && (int64_t)rp.cpu.insn < before)
		if (rp.cpu.pc == addr)
			best = (int64_t)rp.cpu.insn;
	return best;
}
