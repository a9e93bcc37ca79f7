/* Snapshots of a whole simulation (sim.h): the kernel's own state, then
 * each registered part in registration order, each in its own section so
 * a reader can say which part a problem is in. */
#include <string.h>

#include "sim/core/sim.h"
#include "sim/core/snap.h"

/* The layout of the "sim" section and the framing of the parts. */
#define SIM_SNAP_VERSION 1

int sim_add_snapshot(struct sim *sim, const char *name, void *obj, sim_save_fn save,
		     sim_restore_fn restore)
{
	if (sim->nparts >= SIM_MAX_SNAP_PARTS || !save || !restore || !name ||
	    strlen(name) >= SIM_SNAP_NAME_MAX) {
		sim->snap_incomplete = true;
		return -1;
	}
	sim->parts[sim->nparts++] = (struct sim_snap_part){
		.name = name, .obj = obj, .save = save, .restore = restore,
	};
	return 0;
}

int sim_snapshot_save(struct sim *sim, struct snap_writer *w)
{
	if (sim->snap_incomplete)
		return -1;
	snap_begin(w, "sim");
	snap_put_u32(w, SIM_SNAP_VERSION);
	snap_put_u32(w, sim->nparts);
	snap_put_u64(w, sim->now);
	snap_put_u64(w, sim->q.next_seq);
	snap_put_u64(w, sim->cq.next_seq);
	snap_put_u64(w, sim->events_fired);
	for (unsigned i = 0; i < SIM_LOG_NCAT; i++)
		snap_put_u64(w, sim->log_counts[i]);
	snap_end(w);
	for (unsigned i = 0; i < sim->nparts && !w->failed; i++) {
		const struct sim_snap_part *p = &sim->parts[i];
		snap_begin(w, "part");
		snap_put_str(w, p->name);
		if (p->save(p->obj, w) < 0)
			w->failed = true;
		snap_end(w);
	}
	if (w->delta && !w->failed)
		snap_delta_done(w->delta);
	return w->failed ? -1 : 0;
}

int sim_snapshot_restore(struct sim *sim, struct snap_reader *r)
{
	snap_enter(r, "sim");
	uint32_t version = snap_get_u32(r);
	if (!r->failed && version != SIM_SNAP_VERSION) {
		snap_fail(r, "snapshot layout %u; this build reads %u", version, SIM_SNAP_VERSION);
		return -1;
	}
	uint32_t nparts = snap_get_u32(r);
	if (!r->failed && nparts != sim->nparts) {
		snap_fail(r, "the snapshot has %u parts, this simulation %u: it was taken of another "
			  "platform (another scenario?)", nparts, sim->nparts);
		return -1;
	}
	sim_time_t now = snap_get_u64(r);
	uint64_t qseq = snap_get_u64(r), cqseq = snap_get_u64(r);
	uint64_t fired = snap_get_u64(r);
	uint64_t counts[SIM_LOG_NCAT];
	for (unsigned i = 0; i < SIM_LOG_NCAT; i++)
		counts[i] = snap_get_u64(r);
	snap_leave(r);
	if (r->failed)
		return -1;
	/* the parts restore their pending events with their sequence
	 * numbers; anything else pending now belongs to the state left
	 * behind */
	eventq_destroy(&sim->q);
	eventq_destroy(&sim->cq);
	sim->now = now;
	sim->q.next_seq = qseq;
	sim->cq.next_seq = cqseq;
	sim->events_fired = fired;
	memcpy(sim->log_counts, counts, sizeof(counts));
	sim->stop_requested = false;
	sim->stop_code = 0;
	for (unsigned i = 0; i < sim->nparts && !r->failed; i++) {
		const struct sim_snap_part *p = &sim->parts[i];
		char name[SIM_SNAP_NAME_MAX];
		snap_enter(r, "part");
		snap_get_str(r, name, sizeof(name));
		if (!r->failed && strcmp(name, p->name) != 0) {
			snap_fail(r, "part %u is \"%s\" in the snapshot, \"%s\" here: it was taken of "
				  "another platform (another scenario?)", i, name, p->name);
			break;
		}
		if (r->failed)
			break;
		if (p->restore(p->obj, r) < 0 && !r->failed)
			snap_fail(r, "%s: cannot be restored", p->name);
		snap_leave(r);
	}
	return r->failed ? -1 : 0;
}
