/* The binary trace file's validating reader with an index for seeking,
 * and the exporters (doc/trace-format.md; the format is in
 * sim/core/tracefile_format.h, the writer in sim/core/tracefile_write.h).
 *
 * The reader never trusts the file: every length, varint and offset is
 * checked, and a bad file gives "FILE: byte offset N: what is wrong"
 * instead of a crash. */
#ifndef RPSIM_TRACEFILE_H
#define RPSIM_TRACEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/simtime.h"
#include "sim/core/trace.h"
#include "sim/core/tracefile_format.h"

/* ---- reader ---- */

/* Component names the reader keeps are cut to this many bytes (the
 * writer writes at most 64). */
#define TRACEFILE_NAME_MAX 64u
/* No record but the index is longer than this (the longest rpsim's
 * emitters make is an identity record of 4 KiB; the format allows more):
 * a longer one is refused as corrupt, so a crafted file cannot make the
 * reader allocate gigabytes for one record. */
#define TRACEFILE_RECORD_MAX (16u << 20)

struct tracefile_reader;

struct tracefile_record {
	uint64_t offset;    /* of the record in the file */
	uint64_t number;    /* 0-based record number */
	sim_time_t time;
	uint16_t type;
	uint16_t component;
	uint32_t len;
	const uint8_t *data; /* valid until the next call on the reader */
};


/* Opens and checks the header, trailer and index.  NULL with a message in
 * err ("FILE: byte offset N: ...") on anything wrong. */
struct tracefile_reader *tracefile_open(const char *path, char *err, size_t errlen);
void tracefile_close(struct tracefile_reader *r);
/* The name messages give the file from now on (a temporary file standing
 * for the trace it was made from). */
void tracefile_set_name(struct tracefile_reader *r, const char *name);

uint16_t tracefile_version(const struct tracefile_reader *r);
uint16_t tracefile_flags(const struct tracefile_reader *r);
uint64_t tracefile_record_count(const struct tracefile_reader *r);
const struct tracefile_index_entry *tracefile_index(const struct tracefile_reader *r, size_t *n);

/* The next record: 1, 0 at the end, -1 with a message in err on a
 * corrupt record (the reader then stays at the end). */
int tracefile_next(struct tracefile_reader *r, struct tracefile_record *rec,
		   char *err, size_t errlen);
/* Back to the first record. */
void tracefile_rewind(struct tracefile_reader *r);
/* Positions at the start of the first index block that holds a record at
 * or after t (records are in emission order, not strictly by time, so the
 * caller skips those before t). */
void tracefile_seek_time(struct tracefile_reader *r, sim_time_t t);
/* Positions so the next record returned is record number n (or the end). */
int tracefile_seek_record(struct tracefile_reader *r, uint64_t n, char *err, size_t errlen);

/* The name a TRACE_COMPONENT record gave to id, among the records read so
 * far; NULL if none. */
const char *tracefile_component_name(const struct tracefile_reader *r, uint16_t id);

/* Snapshots (seekable traces, doc/trace-format.md): what the directory
 * says of snapshot i, and its stream (sim_snapshot_restore's input),
 * checked against the directory and decompressed into a malloc'd buffer.
 * Restoring snapshot i means its keyframe, then every snapshot after the
 * keyframe up to i, in order. */
struct tracefile_snap {
	uint64_t number;      /* its record */
	sim_time_t time;
	uint32_t keyframe;    /* the complete snapshot its chain starts from */
	bool is_keyframe;
	unsigned ncores;
	const uint64_t *insns; /* instructions each core had retired (since power-on) */
};
size_t tracefile_nsnapshots(const struct tracefile_reader *r);
const struct tracefile_snap *tracefile_snapshot_info(const struct tracefile_reader *r, size_t i);
int tracefile_read_snapshot(struct tracefile_reader *r, size_t i, uint8_t **data, size_t *len,
			    char *err, size_t errlen);

/* Decoders for file-level records. */
int tracefile_parse_identity(const struct tracefile_record *rec, enum tracefile_id_kind *kind,
			     uint64_t *hash, uint64_t *size, const char **path, size_t *path_len);

/* "LOG", "MBOX", ..., "IDENTITY"; NULL for unknown types. */
const char *tracefile_type_name(uint16_t type);

/* ---- exporters (tracefile_export.c, tracefile_perfetto.c, tracefile_vcd.c) ----
 * Each reads r from its first record and writes to out.  0, or -1 with a
 * message in err when the trace is corrupt (what was written so far
 * stays) or out cannot be written.  The layouts: doc/trace-format.md. */

/* One line per record: time, component, type, decoded payload. */
int tracefile_dump(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);
/* The record's payload decoded as text (what dump prints after the type). */
void tracefile_describe(const struct tracefile_record *rec, char *buf, size_t len);
/* Chrome trace-event JSON for Perfetto: per core, run states and traps as
 * slices; remoteproc states as slices; messages as slices (sent to taken)
 * with flow arrows; IRQ lines and mailbox FIFO depths as counters; the
 * rest as instants; instructions (INSN records) only when insns is set. */
int tracefile_perfetto_ex(struct tracefile_reader *r, FILE *out, bool insns, char *err, size_t errlen);
/* The same without instructions. */
int tracefile_perfetto(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);
/* VCD: per core its state (8 bits) and pc (32 bits), a wire per IRQ line, a
 * 32-bit reg per mailbox channel; 1 ps steps. */
int tracefile_vcd(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);

#endif
