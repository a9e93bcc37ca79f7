/* The binary trace file's writer (format: sim/core/tracefile_format.h and
 * doc/trace-format.md).  It is a struct trace_sink: install it as
 * sim->trace.
 *
 * The writer buffers 64 KiB and writes with one fwrite per buffer.  I/O
 * errors are sticky (emit cannot fail) and reported by tracefile_finish. */
#ifndef RPSIM_TRACEFILE_WRITE_H
#define RPSIM_TRACEFILE_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/trace.h"
#include "sim/core/tracefile_format.h"

struct tracefile_writer;

/* Creates (truncates) path and writes the header.  NULL with a message in
 * err when the file cannot be created. */
struct tracefile_writer *tracefile_create(const char *path, uint16_t flags,
					  char *err, size_t errlen);
/* The sink to install as sim->trace. */
struct trace_sink *tracefile_sink(struct tracefile_writer *w);
/* Records what produced the trace (scenario, firmware files, tool).  The
 * record takes the time of the previous record. */
void tracefile_identity(struct tracefile_writer *w, enum tracefile_id_kind kind,
			const char *path, uint64_t hash, uint64_t size);
/* Writes the index and the trailer, closes and frees w.  0, or -1 with a
 * message (the first I/O error of the whole run) in err. */
int tracefile_finish(struct tracefile_writer *w, char *err, size_t errlen);
/* Records written so far. */
uint64_t tracefile_written(const struct tracefile_writer *w);

#endif
