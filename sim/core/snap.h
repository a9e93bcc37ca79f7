/* Snapshots: every component saves its state into a byte stream and
 * restores it from one (checkpoints, seeking in traces by re-execution,
 * reverse execution in GDB).  With deterministic execution, restoring a
 * snapshot and running on gives the same trace bytes as never stopping.
 *
 * The stream is little-endian and host-independent, so a snapshot taken
 * by one build restores in another.  A component writes one section:
 * snap_begin(w, "tag") ... snap_end(w); a section is the tag, a u32
 * length and the payload, so a reader can check it reads what it expects
 * and that it consumed exactly the section.
 *
 * Readers never trust the stream: every get checks the bounds; the first
 * failure makes the reader failed (later gets return zeros) and keeps one
 * message: "snapshot: section \"rv32\": truncated at byte N".
 *
 * Pending events are saved with their time and sequence number, and the
 * queues' sequence counters with the kernel, so same-time events fire in
 * the same order after a restore. */
#ifndef RPSIM_SNAP_H
#define RPSIM_SNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/eventq.h"
#include "sim/core/simtime.h"

struct sim;

#define SNAP_TAG_MAX 16
#define SNAP_MAX_DEPTH 8
#define SNAP_STR_MAX 4096

struct snap_delta;

struct snap_writer {
	uint8_t *buf;
	size_t len, cap;
	bool failed;               /* out of memory: the stream is unusable */
	size_t open[SNAP_MAX_DEPTH]; /* length fields of open sections */
	unsigned depth;
	/* NULL: a complete snapshot.  Else the chain it belongs to: memories
	 * save only what changed since the chain's previous snapshot. */
	struct snap_delta *delta;
};

struct snap_reader {
	const uint8_t *buf;
	size_t len, pos;
	size_t end[SNAP_MAX_DEPTH]; /* ends of entered sections */
	unsigned depth;
	bool failed;
	char err[256];
};

void snap_writer_init(struct snap_writer *w);
void snap_writer_free(struct snap_writer *w);
void snap_put_u8(struct snap_writer *w, uint8_t v);
void snap_put_u16(struct snap_writer *w, uint16_t v);
void snap_put_u32(struct snap_writer *w, uint32_t v);
void snap_put_u64(struct snap_writer *w, uint64_t v);
void snap_put_bool(struct snap_writer *w, bool v);
void snap_put_bytes(struct snap_writer *w, const void *p, size_t n);
/* Room for n bytes at the end of the stream, for the caller to fill (a
 * page computed in place); NULL once the writer failed. */
uint8_t *snap_put_space(struct snap_writer *w, size_t n);
/* A pending or idle event: pending flag, time, sequence number. */
void snap_put_event(struct snap_writer *w, const struct event *ev);
/* A string of at most SNAP_STR_MAX bytes (u16 length, bytes, no NUL);
 * NULL is saved as the empty string. */
void snap_put_str(struct snap_writer *w, const char *s);
/* Opens a section named tag (at most SNAP_TAG_MAX - 1 characters). */
void snap_begin(struct snap_writer *w, const char *tag);
void snap_end(struct snap_writer *w);

void snap_reader_init(struct snap_reader *r, const void *buf, size_t len);
uint8_t snap_get_u8(struct snap_reader *r);
uint16_t snap_get_u16(struct snap_reader *r);
uint32_t snap_get_u32(struct snap_reader *r);
uint64_t snap_get_u64(struct snap_reader *r);
bool snap_get_bool(struct snap_reader *r);
void snap_get_bytes(struct snap_reader *r, void *p, size_t n);
/* A string saved by snap_put_str into buf (cap bytes, NUL-terminated).
 * Longer than cap - 1, or holding a NUL or a control byte: the reader
 * fails (names and paths never hold them). */
void snap_get_str(struct snap_reader *r, char *buf, size_t cap);
/* The same, allocated (free it); NULL once the reader failed. */
char *snap_get_strdup(struct snap_reader *r);
/* Reads a u32 that must be below limit (a count or an index); the reader
 * fails with what names otherwise. */
uint32_t snap_get_count(struct snap_reader *r, uint32_t limit, const char *what);
/* Restores an event saved by snap_put_event into queue q: cancelled if it
 * was idle, else queued at its time with its sequence number. */
void snap_get_event(struct snap_reader *r, struct eventq *q, struct event *ev);
/* Enters the next section, which must be named tag; snap_leave checks it
 * was read to its end.  Both make the reader failed otherwise. */
void snap_enter(struct snap_reader *r, const char *tag);
void snap_leave(struct snap_reader *r);
/* Marks the reader failed with a message (a value out of range...). */
void snap_fail(struct snap_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 0 while nothing failed, else -1. */
static inline int snap_status(const struct snap_reader *r) { return r->failed ? -1 : 0; }

/* ---- chains of snapshots (seekable traces) ----
 * A chain is a keyframe (a complete snapshot) followed by snapshots that
 * hold only what changed since the previous one: a memory saves the pages
 * that differ from what the chain last saved, XORed with it (so a page
 * with a few changed bytes compresses to almost nothing).  The chain keeps
 * a shadow of each memory as last saved.  Restoring a delta snapshot
 * applies it to the state its predecessor restored: restore the keyframe,
 * then each delta in order. */
struct snap_shadow {
	uint8_t *bytes;   /* size bytes (a sparse mapping), as last saved */
	uint8_t *present; /* one flag per 4 KiB page: saved before */
	uint64_t size;
};

struct snap_delta *snap_delta_create(void);
void snap_delta_free(struct snap_delta *d);
/* The next snapshot saved with this chain is complete (a keyframe). */
void snap_delta_keyframe(struct snap_delta *d);
bool snap_delta_is_keyframe(const struct snap_delta *d);
/* Called by sim_snapshot_save when a snapshot of the chain is done. */
void snap_delta_done(struct snap_delta *d);
/* The shadow of the memory identified by key (its address), created empty
 * on first use; NULL out of memory or past SNAP_DELTA_MAX memories. */
#define SNAP_DELTA_MAX 32
struct snap_shadow *snap_delta_shadow(struct snap_delta *d, const void *key, uint64_t size);

#endif
