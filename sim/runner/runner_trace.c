/* The run's trace file (doc/trace-format.md): opened with the identities
 * of what the run is made of and the per-source volume bound in front of
 * it, snapshots into it at an interval of work, the recording of events
 * stopped after the first snapshot when readers are to recompute them, the
 * size warning, and the end. */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "sim/core/compress.h"
#include "sim/core/snap.h"
#include "sim/core/trace_limit.h"
#include "sim/core/tracefile_write.h"
#include "sim/runner/runner_internal.h"

/* Absolute paths, so a trace opened from another directory still names
 * its scenario and firmware (rpsim view finds the ELF by them). */
static void record_identities(struct runner *run)
{
	uint64_t h, size;
	char *sc = runner_abs_path(run->sc->file);
	if (sc && tracefile_hash_file(sc, &h, &size) == 0)
		tracefile_identity(run->tw, TRACEFILE_ID_SCENARIO, sc, h, size);
	free(sc);
	for (unsigned i = 0; i < run->sc->platform.nremotes; i++) {
		const char *f = run->sc->platform.remotes[i].firmware_file;
		char *fw = f ? runner_abs_path(f) : NULL;
		if (fw && tracefile_hash_file(fw, &h, &size) == 0)
			tracefile_identity(run->tw, TRACEFILE_ID_FIRMWARE, fw, h, size);
		free(fw);
	}
	tracefile_identity(run->tw, TRACEFILE_ID_TOOL, "rpsim " PACKAGE_VERSION, 0, 0);
	for (unsigned i = 0; i < run->sc->platform.nremotes; i++)
		if (run->sc->platform.remotes[i].coredump_dir)
			tracefile_identity(run->tw, TRACEFILE_ID_COREDUMP_DIR,
					   run->sc->platform.remotes[i].coredump_dir, 0, i);
}

int runner_trace_open(struct runner *run, char *err, size_t errlen)
{
	const struct runner_options *opt = &run->opt;
	/* every block compressed: writing a run's records raw costs the
	 * kernel more than zstd's fastest level costs (they repeat); a
	 * trace of the 100k-message echo is 48 MB raw, 0.2 MB compressed */
	run->recompute = !opt->trace_events && !opt->trace_insns && opt->snapshot_every;
	struct tracefile_opts to = {
		.flags = opt->trace_insns ? TRACEFILE_FLAG_INSNS : 0,
		.compress = true,
		.level = opt->trace_insns ? COMPRESS_FAST : COMPRESS_FASTEST,
		.window = opt->trace_insns ? opt->trace_window : 0,
	};
	run->tw = tracefile_create_opts(opt->trace_path, &to, err, errlen);
	if (!run->tw)
		return -1;
	record_identities(run);
	run->tlimit = trace_limit_create(tracefile_sink(run->tw), opt->trace_insns);
	if (!run->tlimit) {
		snprintf(err, errlen, "out of memory");
		char ferr[256];
		tracefile_finish(run->tw, ferr, sizeof(ferr));
		run->tw = NULL;
		return -1;
	}
	tracefile_set_limit(run->tw, run->tlimit);
	return 0;
}

/* Instructions retired by every core since power-on. */
static uint64_t all_insns(const struct runner *run, uint64_t *per_core)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < run->nremotes; i++) {
		uint64_t c = cpu_insns_total(run->remotes[i].pr->core);
		if (per_core)
			per_core[i] = c;
		n += c;
	}
	return n;
}

/* A snapshot into the trace (a seekable trace, doc/trace-format.md): a
 * keyframe every RUNNER_KEYFRAME_EVERY, else what changed since the
 * previous one. */
static bool trace_snapshot(struct runner *run)
{
	if (!run->chain && !(run->chain = snap_delta_create()))
		return false;
	bool key = run->nsnaps % RUNNER_KEYFRAME_EVERY == 0;
	if (key) {
		snap_delta_keyframe(run->chain);
		run->keyframe = run->nsnaps;
	}
	/* the stream's buffer is the last snapshot's, emptied: a keyframe's
	 * few hundred KB are not allocated (and faulted in) again each time */
	struct snap_writer *w = &run->snapw;
	w->len = 0;
	w->depth = 0;
	w->failed = false;
	w->delta = run->chain;
	uint64_t insns[SCENARIO_MAX_RPROCS];
	run->snap_insns = all_insns(run, insns);
	run->snap_events = run->sim.events_fired;
	bool saved = sim_snapshot_save(&run->sim, w) == 0;
	if (saved)
		tracefile_snapshot(run->tw, run->sim.now, key, run->nsnaps, run->keyframe, run->nremotes,
				   insns, w->buf, w->len);
	else
		snap_delta_keyframe(run->chain); /* the chain is broken: start again */
	run->nsnaps++;
	return saved;
}

/* A trace whose events are recomputed records nothing after its first
 * snapshot but the snapshots: from here on the simulation's records go to
 * the timeline's sink only (firmware loads), or nowhere at all.  A reader
 * regenerates them by restoring that snapshot and running on
 * (replay_open_events), which gives the same records: runs are
 * deterministic. */
static void stop_recording(struct runner *run)
{
	tracefile_set_recomputed(run->tw);
	run->file_sink = NULL;
	if (run->sim.trace == tracefile_sink(run->tw))
		run->sim.trace = NULL;
}

/* Enough work since the last snapshot to make re-executing it cost
 * something: instructions, or events (the host's work). */
void runner_trace_maybe_snapshot(struct runner *run)
{
	uint64_t work = all_insns(run, NULL) - run->snap_insns +
			(run->sim.events_fired - run->snap_events) * RUNNER_EVENT_WORK;
	if (work >= run->opt.snapshot_every)
		trace_snapshot(run);
}

void runner_trace_size_warning(struct runner *run)
{
	if (run->size_warned || !run->opt.trace_warn_bytes ||
	    tracefile_bytes(run->tw) < run->opt.trace_warn_bytes)
		return;
	run->size_warned = true;
	char ts[SIMTIME_BUFLEN], sz[32];
	uint64_t b = run->opt.trace_warn_bytes;
	if (b >= ((uint64_t)1 << 30) && b % ((uint64_t)1 << 30) == 0)
		snprintf(sz, sizeof(sz), "%llu GiB", (unsigned long long)(b >> 30));
	else if (b >= ((uint64_t)1 << 20) && b % ((uint64_t)1 << 20) == 0)
		snprintf(sz, sizeof(sz), "%llu MiB", (unsigned long long)(b >> 20));
	else
		snprintf(sz, sizeof(sz), "%llu bytes", (unsigned long long)b);
	fprintf(stderr, "rpsim run: warning: the trace %s has passed %s at simulated time %s%s\n",
		run->opt.trace_path, sz, simtime_format(run->sim.now, ts, sizeof(ts)),
		run->opt.trace_insns && !run->opt.trace_window
			? "; --trace-window TIME keeps only the last stretch of instructions" : "");
}

void runner_trace_first_snapshot(struct runner *run)
{
	/* where replays of this trace start; without it, nothing could
	 * recompute the events, so they go on being recorded */
	if (trace_snapshot(run) && run->recompute)
		stop_recording(run);
}

void runner_trace_last_snapshot(struct runner *run)
{
	/* the state at the end: a seek near it re-executes nothing, and the
	 * trace says how many instructions each core retired in all */
	if (run->opt.snapshot_every && run->nsnaps &&
	    (all_insns(run, NULL) != run->snap_insns || run->sim.events_fired != run->snap_events))
		trace_snapshot(run);
}

int runner_trace_finish(struct runner *run, char *err, size_t errlen)
{
	run->sim.trace = NULL;
	uint64_t dropped = trace_limit_finish(run->tlimit, run->sim.now);
	tracefile_set_limit(run->tw, NULL);
	run->tlimit = NULL;
	if (dropped)
		runner_say(run, run->sim.now, "trace", "%llu records were not traced: the firmware "
			   "went past the trace rate limit (doc/security.md)", (unsigned long long)dropped);
	int rc = tracefile_finish(run->tw, err, errlen);
	run->tw = NULL;
	return rc;
}
