/* The binary trace file (doc/trace-format.md): a writer that is a struct
 * trace_sink, and a validating reader with an index for seeking.
 *
 * Layout: a 16-byte header ("RPSIMTRC", version, flags), the records, an
 * index record, a 24-byte trailer ("RPSIMEND", index offset, record count).
 * A record is: zigzag varint time delta (ps, modulo 2^64, so records
 * stamped by a core running ahead and then by a device are both exact),
 * u16 type, u16 component, varint length, payload.  Everything is
 * little-endian, nothing depends on the host or the wall clock: two runs
 * of the same scenario give the same bytes.
 *
 * The writer buffers 64 KiB and writes with one fwrite per buffer.  I/O
 * errors are sticky (emit cannot fail) and reported by tracefile_finish.
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

#include "sim/simtime.h"
#include "sim/trace.h"

#define TRACEFILE_MAGIC "RPSIMTRC"
#define TRACEFILE_END_MAGIC "RPSIMEND"
#define TRACEFILE_VERSION 1
#define TRACEFILE_HEADER_SIZE 16
#define TRACEFILE_TRAILER_SIZE 24
/* an index entry every this many records */
#define TRACEFILE_INDEX_EVERY 4096u

/* header flags */
#define TRACEFILE_FLAG_INSNS 0x0001u /* every retired instruction is traced */

/* File-level record types, outside enum trace_type's range. */
enum tracefile_meta_type {
	TRACEFILE_REC_IDENTITY = 0x8001, /* what produced the trace */
	TRACEFILE_REC_INDEX = 0x8002,    /* the index (last record, not iterated) */
};
/* component number of file-level records */
#define TRACEFILE_NO_COMPONENT 0xFFFFu

enum tracefile_id_kind {
	TRACEFILE_ID_SCENARIO = 0,
	TRACEFILE_ID_FIRMWARE = 1,
	TRACEFILE_ID_TOOL = 2, /* the path is "rpsim VERSION", hash 0 */
};
#define TRACEFILE_HASH_FNV1A64 1

/* FNV-1a, 64 bits: the identity hash (documented, dependency-free). */
uint64_t tracefile_fnv1a64(const void *data, size_t len);
/* Hash and size of a whole file; 0, or -1 with errno set. */
int tracefile_hash_file(const char *path, uint64_t *hash, uint64_t *size);

/* ---- writer ---- */

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

/* ---- reader ---- */

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

struct tracefile_index_entry {
	uint64_t number;     /* record number (a multiple of TRACEFILE_INDEX_EVERY) */
	uint64_t offset;     /* its file offset */
	sim_time_t base;     /* time of the record before it (0 for the first) */
	sim_time_t max_time; /* latest time in the block it starts */
};

/* Opens and checks the header, trailer and index.  NULL with a message in
 * err ("FILE: byte offset N: ...") on anything wrong. */
struct tracefile_reader *tracefile_open(const char *path, char *err, size_t errlen);
void tracefile_close(struct tracefile_reader *r);

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

/* Decoders for file-level records. */
int tracefile_parse_identity(const struct tracefile_record *rec, enum tracefile_id_kind *kind,
			     uint64_t *hash, uint64_t *size, const char **path, size_t *path_len);

/* "LOG", "MBOX", ..., "IDENTITY"; NULL for unknown types. */
const char *tracefile_type_name(uint16_t type);

/* ---- exporters (sim/tracefile_export.c) ----
 * Each reads r from its first record and writes to out.  0, or -1 with a
 * message in err when the trace is corrupt (what was written so far
 * stays) or out cannot be written. */

/* One line per record: time, component, type, decoded payload. */
int tracefile_dump(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);
/* The record's payload decoded as text (what dump prints after the type). */
void tracefile_describe(const struct tracefile_record *rec, char *buf, size_t len);
/* Chrome trace-event JSON (Perfetto): a track per component, instant
 * events, flow arrows from each sent RPMSG to its receipt. */
int tracefile_perfetto(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);
/* VCD: a wire per IRQ line, a 32-bit reg per mailbox channel; 1 ps steps. */
int tracefile_vcd(struct tracefile_reader *r, FILE *out, char *err, size_t errlen);

#endif
