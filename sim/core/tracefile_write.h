/* The binary trace file's writer (format: sim/core/tracefile_format.h and
 * doc/trace-format.md).  It is a struct trace_sink: install it as
 * sim->trace.
 *
 * Records gather in blocks of at most TRACEFILE_INDEX_EVERY, encoded
 * straight into the block's buffer (a record costs a few dozen host
 * instructions); a full block is written with one fwrite, as it is or as a
 * zstd frame.  With a window,
 * the blocks of the last stretch stay in memory (compressed) and the
 * older ones are written without their instruction records, so a run that
 * never ends (a firmware that hangs with every instruction traced) still
 * gives a file of bounded size.  I/O errors are sticky (emit cannot fail)
 * and reported by tracefile_finish. */
#ifndef RPSIM_TRACEFILE_WRITE_H
#define RPSIM_TRACEFILE_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/trace.h"
#include "sim/core/tracefile_format.h"

struct tracefile_writer;

struct tracefile_opts {
	uint16_t flags;     /* TRACEFILE_FLAG_INSNS; the others follow from below */
	bool compress;      /* blocks as zstd frames */
	int level;          /* their zstd level (0: COMPRESS_FAST, sim/core/compress.h) */
	/* keep TRACE_INSN records only for the last `window` of simulated
	 * time (0: all of them) */
	sim_time_t window;
};

/* Creates (truncates) path and writes the header.  NULL with a message in
 * err when the file cannot be created. */
struct tracefile_writer *tracefile_create(const char *path, uint16_t flags,
					  char *err, size_t errlen);
struct tracefile_writer *tracefile_create_opts(const char *path, const struct tracefile_opts *o,
					       char *err, size_t errlen);
/* The sink to install as sim->trace. */
struct trace_sink *tracefile_sink(struct tracefile_writer *w);
struct trace_limit;
/* Every record emitted to the sink is first admitted by l
 * (trace_limit_admit, sim/core/trace_limit.h), whose notes come back
 * through the sink: the volume bound without a sink of its own in front.
 * NULL: none.  l must be unset before it is finished. */
void tracefile_set_limit(struct tracefile_writer *w, struct trace_limit *l);
/* Records what produced the trace (scenario, firmware files, tool).  The
 * record takes the time of the previous record. */
void tracefile_identity(struct tracefile_writer *w, enum tracefile_id_kind kind,
			const char *path, uint64_t hash, uint64_t size);
/* A SNAPSHOT record at time t (its payload: tracefile_format.h): number
 * is the snapshot's in this trace (from 0), keyframe the number of the
 * complete one its chain starts from; the stream is compressed here.  The
 * first call sets the header's snapshot flag. */
void tracefile_snapshot(struct tracefile_writer *w, sim_time_t t, bool is_keyframe,
			uint32_t number, uint32_t keyframe, unsigned ncores, const uint64_t *insns,
			const void *data, size_t len);
/* From here on the run's events are not recorded: readers recompute them
 * (TRACEFILE_FLAG_RECOMPUTED, in the header once finished). */
void tracefile_set_recomputed(struct tracefile_writer *w);
/* Writes the snapshot directory, the index and the trailer, closes and
 * frees w.  0, or -1 with a message (the first I/O error of the whole
 * run) in err. */
int tracefile_finish(struct tracefile_writer *w, char *err, size_t errlen);
/* Records written so far (emitted, for a window). */
uint64_t tracefile_written(const struct tracefile_writer *w);
/* Bytes in the file so far (what is kept in memory for a window not
 * counted). */
uint64_t tracefile_bytes(const struct tracefile_writer *w);

#endif
