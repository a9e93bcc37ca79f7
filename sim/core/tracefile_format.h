/* The binary trace file's format, shared by the writer (sim/core) and the
 * reader (sim/trace): doc/trace-format.md.
 *
 * Layout: a 16-byte header ("RPSIMTRC", version, flags), the records, an
 * index record, a 24-byte trailer ("RPSIMEND", index offset, record count).
 * A record is: zigzag varint time delta (ps, modulo 2^64, so records
 * stamped by a core running ahead and then by a device are both exact),
 * u16 type, u16 component, varint length, payload.  Everything is
 * little-endian, nothing depends on the host or the wall clock: two runs
 * of the same scenario give the same bytes. */
#ifndef RPSIM_TRACEFILE_FORMAT_H
#define RPSIM_TRACEFILE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/simtime.h"

#define TRACEFILE_MAGIC "RPSIMTRC"
#define TRACEFILE_END_MAGIC "RPSIMEND"
#define TRACEFILE_VERSION 1
#define TRACEFILE_HEADER_SIZE 16
#define TRACEFILE_TRAILER_SIZE 24
/* an index entry every this many records */
#define TRACEFILE_INDEX_EVERY 4096u
/* bytes of one index entry in the index record */
#define TRACEFILE_INDEX_ENTRY_SIZE 32u
/* longest record header: delta (10) + type (2) + component (2) + length (5) */
#define TRACEFILE_REC_HDR_MAX 19u

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

struct tracefile_index_entry {
	uint64_t number;     /* record number (a multiple of TRACEFILE_INDEX_EVERY) */
	uint64_t offset;     /* its file offset */
	sim_time_t base;     /* time of the record before it (0 for the first) */
	sim_time_t max_time; /* latest time in the block it starts */
};

/* LEB128-style varint; returns the bytes written (at most 10). */
static inline size_t tracefile_put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* Two's complement difference, zigzagged so small steps back stay small. */
static inline uint64_t tracefile_zigzag(uint64_t diff)
{
	return (diff << 1) ^ (uint64_t)(-(int64_t)(diff >> 63));
}

static inline uint64_t tracefile_unzigzag(uint64_t z)
{
	return (z >> 1) ^ (uint64_t)(-(int64_t)(z & 1));
}

/* FNV-1a, 64 bits: the identity hash (documented, dependency-free). */
uint64_t tracefile_fnv1a64(const void *data, size_t len);
/* Hash and size of a whole file; 0, or -1 with errno set. */
int tracefile_hash_file(const char *path, uint64_t *hash, uint64_t *size);

#endif
