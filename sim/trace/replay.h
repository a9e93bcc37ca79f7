/* Re-execution of a seekable trace (doc/trace-format.md): any instant of
 * the run is reached by restoring the nearest snapshot the trace holds and
 * running on, which is exact because runs are deterministic.  What the
 * trace records of a run is its inputs (the scenario and firmware files,
 * by hash) and the snapshots; everything else is recomputed.
 *
 * A replay rebuilds the run's simulation once (the scenario its identity
 * record names, checked by hash, like its firmware files) and restores
 * into it for every seek: the keyframe of the snapshot's chain, then the
 * deltas up to it (decompressed streams are cached), then re-executes
 * with the cores' pause (cpu.h) or a stop event at the time asked.
 *
 * Cost of a seek: the restores plus the re-execution of at most the work
 * between two snapshots (rpsim run --snapshot-every, 4M instructions by
 * default).  Nothing of it is written anywhere: no trace, no timeline,
 * no core dump (made and reported as the run did, not written). */
#ifndef RPSIM_REPLAY_H
#define RPSIM_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/cpu.h"
#include "sim/core/sim.h"
#include "sim/trace/tracefile.h"

struct replay;

struct replay_options {
	/* the scenario to use instead of the one the trace names (its hash
	 * must still match); NULL: the trace's, as written, else relative
	 * to the trace file's folder */
	const char *scenario;
	/* searched for firmware before the folders of the firmware files the
	 * trace names */
	const char *const *firmware_dirs;
	unsigned nfirmware_dirs;
};

/* Opens TRACE for re-execution.  NULL with a message when the trace is
 * not valid, has no snapshots, or its inputs are gone or changed. */
struct replay *replay_open(const char *trace, const struct replay_options *o, char *err,
			   size_t errlen);
void replay_close(struct replay *rp);

unsigned replay_ncores(const struct replay *rp);
/* Core i (in the scenario's order: one per remote), its component name. */
struct cpu *replay_core(const struct replay *rp, unsigned i);
const char *replay_core_name(const struct replay *rp, unsigned i);
/* The core called name (its component name, "rproc0.core", its remote's,
 * "rproc0", or its remoteproc's, "remoteproc0"), -1 if none. */
int replay_core_by_name(const struct replay *rp, const char *name);
struct sim *replay_sim(struct replay *rp);
/* The firmware file of core i as the trace names it ("" if none). */
const char *replay_firmware(const struct replay *rp, unsigned i);

/* The instruction a seek to an instruction stopped after. */
struct replay_insn {
	uint64_t pc;
	uint32_t insn;
	unsigned len;
	unsigned reg;     /* register written, CPU_REG_NONE if none */
	uint64_t value;
};

/* The state after core c retired n instructions since power-on (n >= 1);
 * *last (may be NULL) gets that instruction.  0, or -1 with a message
 * (the core never retires that many, the trace is unreadable). */
int replay_goto_insn(struct replay *rp, unsigned c, uint64_t n, struct replay_insn *last,
		     char *err, size_t errlen);
/* The state at simulated time t: every event up to t has fired, every
 * core stands at its first instruction boundary at or after t (a core in
 * WFI or reset where it was).  0, or -1 with a message (t after the run). */
int replay_goto_time(struct replay *rp, sim_time_t t, char *err, size_t errlen);

/* The instruction of core c with pc == addr nearest after instruction
 * from (forward) or before it (backward); from 0 is the start.  On a hit
 * the state is after that instruction and *n its number; 0, 1 when there
 * is none (the state is then undefined), -1 with a message.  Forward runs
 * to the end of the run at worst, backward through every snapshot's
 * stretch before from at worst, one instruction at a time. */
int replay_find_pc(struct replay *rp, unsigned c, uint64_t from, uint64_t addr, bool forward,
		   uint64_t *n, char *err, size_t errlen);

/* What the last seek cost: snapshots restored, instructions re-executed. */
struct replay_stats {
	unsigned restores;
	uint64_t insns;
	size_t snapshot;  /* the snapshot it started from */
};
void replay_last_stats(const struct replay *rp, struct replay_stats *st);
/* The run's end time (the trace's last record) and the instructions core
 * c retired over the whole run (the last snapshot's count at least). */
sim_time_t replay_end_time(const struct replay *rp);

/* Opens TRACE's records, like tracefile_open, and when the trace records
 * its events only up to its first snapshot (TRACEFILE_FLAG_RECOMPUTED,
 * the default of rpsim run --trace) recomputes the rest first: the run is
 * re-executed from that snapshot to its end into a temporary file (deleted
 * at once; the reader keeps it open), which then reads as the trace
 * `rpsim run --trace-events` would have written.  That costs about the
 * run's own time.  NULL with a message when the trace is bad or, for a
 * recomputed one, its inputs are gone or changed (o as for replay_open). */
struct tracefile_reader *replay_open_events(const char *trace, const struct replay_options *o,
					    char *err, size_t errlen);

#endif
