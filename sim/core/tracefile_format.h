/* The binary trace file's format, shared by the writer (sim/core) and the
 * reader (sim/trace): doc/trace-format.md.
 *
 * Layout (version 2): a 16-byte header ("RPSIMTRC", version, flags), the
 * records in blocks (one per index entry, each a zstd frame when the
 * header says so), the snapshot directory and the index records, a
 * 32-byte trailer ("RPSIMEND", index offset, record count, directory
 * offset).  A record is: zigzag varint time delta (ps, modulo 2^64, from
 * the previous record of its block, the first from the block's base), u16
 * type, u16 component, varint length, payload.  Everything is
 * little-endian, nothing depends on the host or the wall clock: two runs
 * of the same scenario give the same bytes.  Version 1 (no blocks, no
 * snapshots, a 24-byte trailer) is still read. */
#ifndef RPSIM_TRACEFILE_FORMAT_H
#define RPSIM_TRACEFILE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/simtime.h"

#define TRACEFILE_MAGIC "RPSIMTRC"
#define TRACEFILE_END_MAGIC "RPSIMEND"
#define TRACEFILE_VERSION 2
#define TRACEFILE_HEADER_SIZE 16
#define TRACEFILE_TRAILER_SIZE 32
#define TRACEFILE_TRAILER_SIZE_V1 24
/* a block (an index entry) every this many records at most */
#define TRACEFILE_INDEX_EVERY 4096u
/* bytes of one index entry in the index record */
#define TRACEFILE_INDEX_ENTRY_SIZE 56u
#define TRACEFILE_INDEX_ENTRY_SIZE_V1 32u
/* longest record header: delta (10) + type (2) + component (2) + length (5) */
#define TRACEFILE_REC_HDR_MAX 19u

/* header flags */
#define TRACEFILE_FLAG_INSNS 0x0001u     /* retired instructions are traced */
#define TRACEFILE_FLAG_ZSTD 0x0002u      /* each block of records is a zstd frame */
#define TRACEFILE_FLAG_SNAPSHOTS 0x0004u /* snapshots to seek by re-execution */
#define TRACEFILE_FLAG_WINDOW 0x0008u    /* instructions only for the last stretch */
/* events after the first snapshot are not recorded: readers recompute
 * them by re-executing the run (sim/trace/replay.h, replay_open_events) */
#define TRACEFILE_FLAG_RECOMPUTED 0x0010u
#define TRACEFILE_FLAGS_KNOWN 0x001fu

/* File-level record types, outside enum trace_type's range. */
enum tracefile_meta_type {
	TRACEFILE_REC_IDENTITY = 0x8001, /* what produced the trace */
	TRACEFILE_REC_INDEX = 0x8002,    /* the index (last record, not iterated) */
	TRACEFILE_REC_SNAPSHOT = 0x8003, /* a snapshot of the whole simulation */
	TRACEFILE_REC_SNAPDIR = 0x8004,  /* where the snapshots are (not iterated) */
};

/* A SNAPSHOT record's payload: u8 format (1), u8 kind (0 keyframe, 1
 * delta), u16 cores, u32 its number, u32 its keyframe's number, u64 bytes
 * of the snapshot stream, cores x u64 instructions each core had retired
 * (since power-on), then the stream as one zstd frame. */
#define TRACEFILE_SNAP_FORMAT 1
#define TRACEFILE_SNAP_HDR 20u
#define TRACEFILE_SNAP_MAX_CORES 64u
/* A SNAPDIR entry: u64 record number, u64 time, u32 keyframe's number,
 * u8 kind, 3 zero bytes, then cores x u64 instructions. */
#define TRACEFILE_SNAPDIR_ENTRY 24u
/* component number of file-level records */
#define TRACEFILE_NO_COMPONENT 0xFFFFu

enum tracefile_id_kind {
	TRACEFILE_ID_SCENARIO = 0,
	TRACEFILE_ID_FIRMWARE = 1,
	TRACEFILE_ID_TOOL = 2, /* the path is "rpsim VERSION", hash 0 */
	/* the folder remote number `size` writes core dumps to, as the run
	 * named it (the scenario's coredump_dir or --coredump-dir), hash 0:
	 * a re-execution reports its dumps there too */
	TRACEFILE_ID_COREDUMP_DIR = 3,
};
#define TRACEFILE_HASH_FNV1A64 1

/* One block of records. */
struct tracefile_index_entry {
	uint64_t number;     /* its first record's number */
	uint64_t offset;     /* its first record's offset in the record stream */
	sim_time_t base;     /* time its delta decoding starts from */
	sim_time_t max_time; /* latest time in the block */
	uint64_t file_offset; /* where the block is in the file (= offset unless zstd) */
	uint64_t stored;     /* its bytes in the file */
	uint64_t raw;        /* its bytes of records (= stored unless zstd) */
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
