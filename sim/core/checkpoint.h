/* Checkpoint files (doc/checkpoints.md): a snapshot of a whole simulation
 * (sim_snapshot_save) with what it was taken of, so a later run can be
 * refused when its inputs are not the same.
 *
 *   header      "RPSIMCKP", u16 format version, u16 flags (0), u32 0
 *   body        u64 simulated time, u32 identities, each: u8 kind
 *               (enum tracefile_id_kind), u8 hash (1 FNV-1a 64), u64 hash,
 *               u64 size, u16 path length, path; u64 snapshot bytes, u64
 *               compressed bytes, the snapshot as one zstd frame (with its
 *               checksum)
 *   trailer     u64 FNV-1a 64 of every byte before it
 *
 * The reader trusts nothing: every length is checked against the file,
 * the checksum first, and every problem reads "FILE: byte N: what is
 * wrong". */
#ifndef RPSIM_CHECKPOINT_H
#define RPSIM_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/simtime.h"
#include "sim/core/tracefile_format.h"

#define CHECKPOINT_MAGIC "RPSIMCKP"
#define CHECKPOINT_VERSION 1
#define CHECKPOINT_HEADER_SIZE 16
#define CHECKPOINT_MAX_IDS 16
#define CHECKPOINT_PATH_MAX 4096
/* a snapshot larger than this is refused (no platform comes close) */
#define CHECKPOINT_MAX_SNAPSHOT ((uint64_t)2 << 30)
#define CHECKPOINT_MAX_FILE ((size_t)2 << 30)

struct checkpoint_id {
	enum tracefile_id_kind kind;
	uint64_t hash, size;
	char path[CHECKPOINT_PATH_MAX + 1];
};

struct checkpoint {
	sim_time_t time;
	unsigned nids;
	struct checkpoint_id ids[CHECKPOINT_MAX_IDS];
	uint8_t *snap;  /* the snapshot stream (owned once read) */
	size_t snap_len;
};

/* Writes ck to path (the snapshot compressed).  0, or -1 with a message. */
int checkpoint_write(const char *path, const struct checkpoint *ck, char *err, size_t errlen);
/* Reads and checks path; 0, or -1 with "PATH: byte N: ..." in err.  Free
 * with checkpoint_free. */
int checkpoint_read(const char *path, struct checkpoint *ck, char *err, size_t errlen);
/* The same from a buffer, name naming it in messages (fuzzing, tests). */
int checkpoint_parse(const uint8_t *buf, size_t len, const char *name, struct checkpoint *ck,
		     char *err, size_t errlen);
void checkpoint_free(struct checkpoint *ck);

#endif
