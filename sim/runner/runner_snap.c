/* Snapshots of the runner (the "runner" part of the simulation's
 * snapshots, sim/core/sim.h): where it is in the scenario (the stack of
 * repeats, the step running or blocked, its deadline and events), what it
 * has seen (console lines, remoteproc states, live channels, the trace
 * buffer cursors), its open files and the result so far.
 *
 * Steps are saved as positions, never as pointers: frame 0 plays the
 * scenario's steps, frame k the body of the repeat step frame k-1 is at.
 * The host restores before the runner (it registered first), so open
 * files are taken back by their position in the host's list. */
#include <stdlib.h>
#include <string.h>

#include "sim/core/snap.h"
#include "sim/runner/runner_internal.h"

#define MAX_FRAMES ((int)(sizeof(((struct runner *)0)->stack) / sizeof(((struct runner *)0)->stack[0])))

static void save_strings(struct snap_writer *w, char *const *v, unsigned n)
{
	snap_put_u32(w, n);
	for (unsigned i = 0; i < n; i++)
		snap_put_str(w, v[i]);
}

static int part_save(void *obj, struct snap_writer *w)
{
	struct runner *run = obj;
	snap_begin(w, "runner");
	snap_put_u8(w, (uint8_t)run->res->verdict);
	snap_put_u32(w, run->res->steps_run);
	snap_put_u64(w, run->res->end_time);
	snap_put_str(w, run->res->message);
	snap_put_bool(w, run->done);
	/* the step machine */
	snap_put_u32(w, (uint32_t)run->depth);
	for (int k = 0; k <= run->depth; k++) {
		const struct runner_frame *f = &run->stack[k];
		snap_put_u32(w, f->i);
		snap_put_u32(w, f->iter);
		snap_put_u32(w, f->count);
		snap_put_u32(w, f->size);
	}
	snap_put_bool(w, run->cur != NULL);
	snap_put_bool(w, run->blocked);
	snap_put_u64(w, run->deadline);
	snap_put_event(w, &run->step_ev);
	snap_put_event(w, &run->timeout_ev);
	snap_put_event(w, &run->poll_ev);
	snap_put_event(w, &run->limit_ev);
	snap_put_event(w, &run->poke_ev);
	/* what it has seen */
	save_strings(w, run->lines, run->nlines);
	snap_put_u32(w, run->line_cursor);
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS; i++)
		snap_put_u64(w, run->trace_cursor[i]);
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS; i++) {
		snap_put_u32(w, run->states[i].n);
		snap_put_bytes(w, run->states[i].seen, run->states[i].n);
		snap_put_u32(w, run->states[i].cursor);
	}
	save_strings(w, run->channels, run->nchannels);
	/* open files */
	for (unsigned i = 0; i < RUNNER_MAX_FILES; i++) {
		const struct runner_file *rf = &run->files[i];
		int at = rf->f ? host_file_index(run->host, rf->f) : -1;
		if (rf->f && at < 0)
			w->failed = true; /* a file the host does not know: a runner bug */
		snap_put_u32(w, (uint32_t)at);
		if (rf->f) {
			snap_put_str(w, rf->path);
			snap_put_bool(w, rf->nonblock);
		}
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

/* A list of strings, each allocated; the old list is freed once the new
 * one is complete. */
static void restore_strings(struct snap_reader *r, char **v, unsigned *n, unsigned max)
{
	uint32_t count = snap_get_count(r, max + 1, "the number of saved lines");
	char **tmp = calloc(count ? count : 1, sizeof(*tmp));
	if (!tmp) {
		snap_fail(r, "out of memory");
		return;
	}
	uint32_t got = 0;
	while (got < count && !r->failed) {
		tmp[got] = snap_get_strdup(r);
		if (tmp[got])
			got++;
	}
	if (r->failed) {
		for (uint32_t i = 0; i < got; i++)
			free(tmp[i]);
		free(tmp);
		return;
	}
	for (unsigned i = 0; i < *n; i++)
		free(v[i]);
	memcpy(v, tmp, got * sizeof(*tmp));
	*n = got;
	free(tmp);
}

/* Rebuilds the frames above 0 from the positions, checking each step a
 * frame stands on is a repeat. */
static void restore_frames(struct runner *run, struct snap_reader *r, int depth,
			   const uint32_t (*pos)[4])
{
	run->stack[0] = (struct runner_frame){ .steps = run->sc->steps, .n = run->sc->nsteps };
	for (int k = 0; k <= depth && !r->failed; k++) {
		struct runner_frame *f = &run->stack[k];
		if (k > 0) {
			const struct runner_frame *up = &run->stack[k - 1];
			const struct scenario_step *rep = up->i < up->n ? &up->steps[up->i] : NULL;
			if (!rep || rep->kind != SCENARIO_STEP_REPEAT) {
				snap_fail(r, "the runner is inside a repeat at step %u of level %d, which is "
					  "not a repeat (another scenario?)", up->i, k - 1);
				return;
			}
			*f = (struct runner_frame){ .steps = rep->u.repeat.steps, .n = rep->u.repeat.nsteps,
						    .repeat = rep };
		}
		f->i = pos[k][0];
		f->iter = pos[k][1];
		f->count = pos[k][2];
		f->size = pos[k][3];
		/* i == n: the frame's end, where the next step event pops it */
		if (f->i > f->n || (k > 0 && f->iter >= f->count))
			snap_fail(r, "the runner is at step %u of %u, iteration %u of %u (another "
				  "scenario?)", f->i, f->n, f->iter, f->count);
	}
}

static int part_restore(void *obj, struct snap_reader *r)
{
	struct runner *run = obj;
	snap_enter(r, "runner");
	uint8_t verdict = snap_get_u8(r);
	uint32_t steps_run = snap_get_u32(r);
	sim_time_t end_time = snap_get_u64(r);
	char message[sizeof(run->res->message)];
	snap_get_str(r, message, sizeof(message));
	bool done = snap_get_bool(r);
	uint32_t depth = snap_get_count(r, (uint32_t)MAX_FRAMES, "the depth of repeats");
	uint32_t pos[MAX_FRAMES][4];
	for (uint32_t k = 0; k <= depth && !r->failed; k++)
		for (unsigned j = 0; j < 4; j++)
			pos[k][j] = snap_get_u32(r);
	bool has_cur = snap_get_bool(r);
	bool blocked = snap_get_bool(r);
	sim_time_t deadline = snap_get_u64(r);
	if (!r->failed && verdict > RUNNER_ERROR)
		snap_fail(r, "runner verdict %u", verdict);
	if (r->failed)
		return -1;
	restore_frames(run, r, (int)depth, (const uint32_t(*)[4])pos);
	if (r->failed)
		return -1;
	run->depth = (int)depth;
	struct runner_frame *top = &run->stack[depth];
	if (has_cur && top->i >= top->n) {
		snap_fail(r, "the runner runs a step past the end of its list");
		return -1;
	}
	run->cur = has_cur ? &top->steps[top->i] : NULL;
	run->blocked = blocked;
	run->deadline = deadline;
	run->done = done;
	run->res->verdict = (enum runner_verdict)verdict;
	run->res->steps_run = steps_run;
	run->res->end_time = end_time;
	snprintf(run->res->message, sizeof(run->res->message), "%s", message);
	snap_get_event(r, &run->sim.q, &run->step_ev);
	snap_get_event(r, &run->sim.q, &run->timeout_ev);
	snap_get_event(r, &run->sim.q, &run->poll_ev);
	snap_get_event(r, &run->sim.q, &run->limit_ev);
	snap_get_event(r, &run->sim.q, &run->poke_ev);
	restore_strings(r, run->lines, &run->nlines, RUNNER_MAX_LINES);
	run->line_cursor = snap_get_count(r, run->nlines + 1, "the console line cursor");
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS; i++)
		run->trace_cursor[i] = snap_get_u64(r);
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS && !r->failed; i++) {
		struct runner_states *st = &run->states[i];
		uint32_t n = snap_get_count(r, RUNNER_MAX_STATES + 1, "the number of states seen");
		uint8_t seen[RUNNER_MAX_STATES];
		snap_get_bytes(r, seen, n);
		uint32_t cursor = snap_get_count(r, n + 1, "the state cursor");
		if (r->failed)
			break;
		memcpy(st->seen, seen, n);
		st->n = n;
		st->cursor = cursor;
	}
	restore_strings(r, run->channels, &run->nchannels, RUNNER_MAX_LINES);
	for (unsigned i = 0; i < RUNNER_MAX_FILES && !r->failed; i++) {
		struct runner_file *rf = &run->files[i];
		uint32_t at = snap_get_u32(r);
		rf->f = NULL;
		if (at == UINT32_MAX)
			continue;
		rf->f = host_file_at(run->host, at);
		snap_get_str(r, rf->path, sizeof(rf->path));
		rf->nonblock = snap_get_bool(r);
		if (!r->failed && !rf->f)
			snap_fail(r, "the runner holds open file %u, which the host does not have", at);
	}
	snap_leave(r);
	return r->failed ? -1 : 0;
}

int runner_snapshot_register(struct runner *run)
{
	return sim_add_snapshot(&run->sim, "runner", run, part_save, part_restore);
}
