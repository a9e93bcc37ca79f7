/* Reverse execution (GDB's bs and bc: reverse-stepi, reverse-next,
 * reverse-continue), after rr and QEMU's record/replay: the simulation is
 * deterministic, so any past instant is reached by restoring a snapshot
 * taken before it and re-executing.
 *
 * The history: a checkpoint (a snapshot of the whole simulation,
 * sim_snapshot_save through the target) wherever GDB resumes the target,
 * with each core's step count there (retired instructions and traps taken:
 * cpu.h's stop_count, which names every instant of a core's history), what
 * each core did from there (a core GDB held must be held again in a
 * replay) and the stop that had brought the target there.  Between two
 * checkpoints the target ran without stopping, so a replay re-executes one
 * stretch exactly.
 *
 *   bs  (the Hc thread, core T at count N): the latest checkpoint at or
 *       before N - 1, re-executed until T's count is N - 1: the instant
 *       before T's last step, with its registers and memory.
 *   bc  backwards stretch by stretch: each is re-executed with GDB's
 *       breakpoints and watchpoints, counting their hits before its end;
 *       the last one is reached by re-executing again to that hit (a
 *       watchpoint: to the instant before the access, as GDB wants it
 *       going backwards).  A checkpoint that was itself a breakpoint stop
 *       counts as a hit.  No hit back to the oldest checkpoint: there,
 *       with "replaylog:begin" (GDB: "No more reverse-execution history").
 *
 * Going back drops the checkpoints after the instant reached (the future
 * is re-executed when GDB goes forward again).  Memory: checkpoints past
 * GDB_MAX_CKPTS or GDB_CKPT_BYTES are thinned, every other one, the oldest
 * kept, so the history still reaches back as far, more coarsely.  While
 * re-executing, the target is quiet (no timeline lines a second time).
 *
 * With several cores, an instant is reached through the count of the core
 * that stopped there; the others are wherever the re-execution has them
 * then, which is where they were unless GDB held some within a stretch
 * and released them (a hold is replayed only for a whole stretch). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim.h"
#include "sim/core/snap.h"
#include "sim/gdb/gdb_internal.h"

uint64_t gdb_core_count(struct gdb_session *s, unsigned core)
{
	return cpu_insns_total(s->t->cores[core]) + s->cores[core].dbg.traps;
}

void gdb_reverse_init(struct gdb_session *s)
{
	s->reverse = s->t->save && s->t->restore;
}

static void drop(struct gdb_session *s, unsigned i)
{
	s->ckpt_bytes -= s->ckpts[i].len;
	free(s->ckpts[i].buf);
	memmove(&s->ckpts[i], &s->ckpts[i + 1], (s->nckpts - i - 1) * sizeof(s->ckpts[0]));
	s->nckpts--;
}

static void truncate_to(struct gdb_session *s, unsigned n)
{
	while (s->nckpts > n)
		drop(s, s->nckpts - 1);
}

void gdb_reverse_free(struct gdb_session *s)
{
	truncate_to(s, 0);
	free(s->ckpts);
	s->ckpts = NULL;
}

/* Every other checkpoint goes, the oldest and the newest stay. */
static void thin(struct gdb_session *s)
{
	for (unsigned i = 1; i + 1 < s->nckpts; i++)
		drop(s, i);
}

void gdb_reverse_record(struct gdb_session *s, const uint8_t *act)
{
	if (!s->reverse)
		return;
	if (!s->ckpts && !(s->ckpts = calloc(GDB_MAX_CKPTS, sizeof(s->ckpts[0])))) {
		s->reverse = false;
		return;
	}
	while (s->nckpts >= GDB_MAX_CKPTS || (s->nckpts > 2 && s->ckpt_bytes > GDB_CKPT_BYTES)) {
		unsigned before = s->nckpts;
		thin(s);
		if (s->nckpts == before)
			break;
	}
	if (s->nckpts >= GDB_MAX_CKPTS)
		drop(s, s->nckpts - 1);
	struct snap_writer w;
	snap_writer_init(&w);
	if (s->t->save(s->t->ctx, &w) != 0) {
		/* a part cannot be saved now: no way back past here */
		snap_writer_free(&w);
		truncate_to(s, 0);
		return;
	}
	struct gdb_ckpt *ck = &s->ckpts[s->nckpts++];
	*ck = (struct gdb_ckpt){ .buf = w.buf, .len = w.len, .at = s->stop, .now = s->t->sim->now };
	for (unsigned i = 0; i < s->t->ncores; i++) {
		ck->count[i] = gdb_core_count(s, i);
		ck->pc[i] = cpu_pc(s->t->cores[i]);
		ck->act[i] = act[i];
	}
	s->ckpt_bytes += w.len;
}

/* The simulation as at checkpoint k; -1 when it cannot be put back (the
 * simulation is unusable then: the run ends). */
static int restore(struct gdb_session *s, unsigned k)
{
	const struct gdb_ckpt *ck = &s->ckpts[k];
	struct snap_reader r;
	snap_reader_init(&r, ck->buf, ck->len);
	if (s->t->restore(s->t->ctx, &r) != 0) {
		char msg[400];
		snprintf(msg, sizeof(msg), "rpsim: reverse execution failed: %s; the run ends\n", r.err);
		gdb_console(s, msg);
		return -1;
	}
	for (unsigned i = 0; i < s->t->ncores; i++)
		s->cores[i].dbg.traps = ck->count[i] - cpu_insns_total(s->t->cores[i]);
	return 0;
}

/* Where a re-execution stops: core's count reaching count (core >= 0),
 * else simulated time until; with GDB's breakpoints and watchpoints, their
 * hits counted, and stopping at hit stop_at (0: none).  Every instant of
 * the history is at or before the one GDB went back from (limit): a
 * re-execution that passes it without reaching its goal has not done what
 * the history did, and gives up rather than run on. */
struct goal {
	int core;
	uint64_t count;
	sim_time_t until;
	bool breaks;
	long stop_at;
	sim_time_t limit;
};

/* The instant a stop left the target at, as a goal. */
static struct goal goal_of(const struct gdb_stop *at, const uint64_t *count, sim_time_t now)
{
	if (at->by_time)
		return (struct goal){ .core = -1, .until = now };
	return (struct goal){ .core = (int)at->core, .count = count[at->core] };
}

/* Re-executes from the restored state, each core as act says (holds),
 * until the goal; returns the hits before it (the last in *last, with its
 * core's count in *last_count), or -1 when the run ended instead. */
static long run_to(struct gdb_session *s, const uint8_t *act, const struct goal *g,
		   struct gdb_stop *last, uint64_t *last_count)
{
	struct gdb_target *t = s->t;
	if (g->core >= 0 && gdb_core_count(s, (unsigned)g->core) == g->count)
		return 0; /* there already (a stretch where nothing ran): its core's
			   * next run may lie beyond the limit */
	struct cpu_debug *d0 = &s->cores[0].dbg;
	unsigned nb = d0->nbreaks, nw = d0->nwatches;
	if (!g->breaks)
		d0->nbreaks = d0->nwatches = 0;
	for (unsigned i = 0; i < t->ncores; i++) {
		struct cpu_debug *d = &s->cores[i].dbg;
		d->step = false;
		d->hold = act[i] == ACT_HOLD;
		d->stop_count = (int)i == g->core ? g->count : UINT64_MAX;
	}
	long hits = 0;
	for (;;) {
		gdb_sync_cores(s);
		s->stopped_by_core = false;
		if (g->core < 0 && t->sim->now >= g->until)
			break;
		bool over = t->advance(t->ctx, g->core < 0 ? g->until : g->limit);
		if (s->stopped_by_core) {
			if (s->stop.reason == CPU_STOP_COUNT)
				break;
			hits++;
			*last = s->stop;
			*last_count = gdb_core_count(s, s->stop.core);
			if (g->stop_at && hits == g->stop_at)
				break;
			continue;
		}
		if (over || (g->core >= 0 && t->sim->now >= g->limit)) {
			hits = -1; /* the run ended, or the history was not re-done */
			break;
		}
	}
	d0->nbreaks = nb;
	d0->nwatches = nw;
	s->stopped_by_core = false;
	return hits;
}

/* The end of the reverse operation: the target stopped at stop, the
 * checkpoints after the instant reached dropped (keep of them remain). */
static void arrive(struct gdb_session *s, unsigned keep, const struct gdb_stop *stop)
{
	truncate_to(s, keep);
	s->stop = *stop;
	if (s->t->quiet)
		s->t->quiet(s->t->ctx, false);
	for (unsigned i = 0; i < s->t->ncores; i++) {
		s->cores[i].dbg.step = s->cores[i].dbg.hold = false;
		s->cores[i].dbg.stop_count = UINT64_MAX;
	}
	gdb_sync_cores(s);
	s->state = GDB_SESSION_STOPPED;
	gdb_send_stop(s);
}

/* The history cannot be re-executed: the simulation is not what GDB
 * thinks any more, so the run ends. */
static void broken(struct gdb_session *s)
{
	if (s->t->quiet)
		s->t->quiet(s->t->ctx, false);
	truncate_to(s, 0);
	s->reverse = false;
	gdb_send_str(s, "E01");
	s->t->kill(s->t->ctx);
	s->state = GDB_SESSION_CLOSE;
	s->end = "saw reverse execution fail";
}

/* The oldest instant of the history: restored and reported as its
 * beginning. */
static void to_begin(struct gdb_session *s, unsigned core)
{
	if (!s->nckpts) {
		struct gdb_stop st = s->stop;
		st.begin = true;
		arrive(s, 0, &st);
		return;
	}
	if (restore(s, 0) != 0) {
		broken(s);
		return;
	}
	struct gdb_stop st = { .core = core, .sig = GDB_SIGTRAP, .reason = CPU_STOP_COUNT, .begin = true };
	arrive(s, 1, &st);
}

void gdb_reverse_step(struct gdb_session *s)
{
	unsigned T = s->c_core;
	sim_time_t limit = s->t->sim->now;
	uint64_t cur = gdb_core_count(s, T);
	if (s->t->quiet)
		s->t->quiet(s->t->ctx, true);
	int k = -1;
	for (int i = (int)s->nckpts - 1; i >= 0 && cur; i--) {
		if (s->ckpts[i].count[T] <= cur - 1) {
			k = i;
			break;
		}
	}
	if (k < 0) {
		to_begin(s, T);
		return;
	}
	struct gdb_stop st = { .core = T, .sig = GDB_SIGTRAP, .reason = CPU_STOP_STEP };
	if (restore(s, (unsigned)k) != 0) {
		broken(s);
		return;
	}
	if (s->ckpts[k].count[T] < cur - 1) {
		struct goal g = { .core = (int)T, .count = cur - 1, .limit = limit };
		struct gdb_stop last;
		uint64_t lc;
		if (run_to(s, s->ckpts[k].act, &g, &last, &lc) < 0) {
			broken(s);
			return;
		}
	}
	arrive(s, (unsigned)k + 1, &st);
}

/* Whether the instant of checkpoint k is a hit going backwards: the core
 * that stopped there is at one of GDB's breakpoints now set (it had come
 * to it and not executed it yet; a re-execution from k executes it). */
static bool ckpt_is_hit(struct gdb_session *s, unsigned k)
{
	const struct gdb_ckpt *ck = &s->ckpts[k];
	return !ck->at.by_time && cpu_debug_break_at(&s->cores[0].dbg, ck->pc[ck->at.core]);
}

void gdb_reverse_continue(struct gdb_session *s)
{
	if (s->t->quiet)
		s->t->quiet(s->t->ctx, true);
	uint64_t cur[GDB_MAX_CORES];
	for (unsigned i = 0; i < s->t->ncores; i++)
		cur[i] = gdb_core_count(s, i);
	sim_time_t limit = s->t->sim->now;
	struct goal end = goal_of(&s->stop, cur, limit);
	end.limit = limit;
	const struct goal here = end; /* the instant GDB is at: not a hit of its own */
	for (int k = (int)s->nckpts - 1; k >= 0; k--) {
		const struct gdb_ckpt *ck = &s->ckpts[k];
		if (restore(s, (unsigned)k) != 0) {
			broken(s);
			return;
		}
		struct goal g = end;
		g.breaks = true;
		struct gdb_stop last;
		uint64_t last_count = 0;
		long hits = run_to(s, ck->act, &g, &last, &last_count);
		if (hits < 0) {
			broken(s);
			return;
		}
		if (hits > 0) {
			/* again, to the last hit: a breakpoint's instant, or the
			 * instant before a watched access */
			if (restore(s, (unsigned)k) != 0) {
				broken(s);
				return;
			}
			struct gdb_stop lh;
			uint64_t lhc;
			if (last.reason == CPU_STOP_WATCH) {
				struct goal w = { .core = (int)last.core, .count = last_count - 1, .limit = limit };
				if (last_count - 1 > ck->count[last.core] && run_to(s, ck->act, &w, &lh, &lhc) < 0) {
					broken(s);
					return;
				}
			} else {
				g.stop_at = hits;
				if (run_to(s, ck->act, &g, &lh, &lhc) < 0) {
					broken(s);
					return;
				}
			}
			arrive(s, (unsigned)k + 1, &last);
			return;
		}
		bool at_here = here.core < 0 ? ck->now == here.until : ck->count[here.core] == here.count;
		if (!at_here && ckpt_is_hit(s, (unsigned)k)) {
			/* the re-execution went on to the stretch's end: back */
			if (restore(s, (unsigned)k) != 0) {
				broken(s);
				return;
			}
			struct gdb_stop st = ck->at;
			arrive(s, (unsigned)k + 1, &st);
			return;
		}
		end = goal_of(&ck->at, ck->count, ck->now);
		end.limit = limit;
	}
	to_begin(s, s->c_core);
}
