/* The binary trace file's validating reader.  Layout and payloads:
 * doc/trace-format.md; the writer is sim/core/tracefile_write.c. */
#include "sim/trace/tracefile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/compress.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/core/record.h"

/* the reader's window grows in steps of this */
#define WBUF_SIZE 65536u

const char *tracefile_type_name(uint16_t type)
{
	if (type == TRACEFILE_REC_IDENTITY)
		return "IDENTITY";
	if (type == TRACEFILE_REC_INDEX)
		return "INDEX";
	if (type == TRACEFILE_REC_SNAPSHOT)
		return "SNAPSHOT";
	if (type == TRACEFILE_REC_SNAPDIR)
		return "SNAPDIR";
	return record_type_name(type);
}

/* ---- reader ---- */

struct tracefile_reader {
	FILE *f;
	char *path;
	uint64_t size;
	uint16_t version, flags;
	bool zstd;
	uint64_t tail;     /* file offset where the blocks end (directory, index) */
	uint64_t index_off, dir_off;
	uint64_t rec_end;  /* end of the record stream */
	uint64_t nrec;
	struct tracefile_index_entry *index;
	size_t nindex;
	/* cursor: stream offset, record number, its block */
	uint64_t pos, number;
	size_t blk;
	sim_time_t prev;
	bool failed;
	/* window of the file: [win_off, win_off + win_len) */
	uint8_t *win;
	size_t win_cap, win_len;
	uint64_t win_off;
	/* zstd: the decompressed block held (blk_held, SIZE_MAX: none) */
	uint8_t *blkbuf;
	size_t blk_held;
	/* snapshots */
	struct tracefile_snap *snaps;
	uint64_t *snap_insns;
	size_t nsnaps;
	char **names; /* component names by id, 65536 slots when allocated */
	uint16_t *named; /* the ids that have a name, to free them */
	size_t nnamed;
};

#define RERR(r, err, errlen, off, ...)                                              \
	do {                                                                        \
		char m_[256];                                                       \
		snprintf(m_, sizeof(m_), __VA_ARGS__);                              \
		snprintf(err, errlen, "%s: byte offset %" PRIu64 ": %s", (r)->path, \
			 (uint64_t)(off), m_);                                      \
	} while (0)

/* Makes [off, off + n) readable in the window; n <= size - off. */
static int r_fill(struct tracefile_reader *r, uint64_t off, size_t n)
{
	if (off >= r->win_off && off + n <= r->win_off + r->win_len)
		return 0;
	size_t want = n > WBUF_SIZE ? n : WBUF_SIZE;
	if (want > r->size - off)
		want = (size_t)(r->size - off);
	if (want > r->win_cap) {
		uint8_t *nw = realloc(r->win, want);
		if (!nw)
			return -1;
		r->win = nw;
		r->win_cap = want;
	}
	if (fseeko(r->f, (off_t)off, SEEK_SET) != 0)
		return -1;
	size_t got = fread(r->win, 1, want, r->f);
	r->win_off = off;
	r->win_len = got;
	return got >= n ? 0 : -1;
}

static const uint8_t *r_at(struct tracefile_reader *r, uint64_t off)
{
	return r->win + (off - r->win_off);
}

/* Block i's records readable at their stream offsets: the file itself,
 * or the block decompressed. */
static int r_block(struct tracefile_reader *r, size_t i)
{
	if (!r->zstd || r->blk_held == i)
		return 0;
	const struct tracefile_index_entry *e = &r->index[i];
	if (r_fill(r, e->file_offset, (size_t)e->stored) < 0)
		return -1;
	uint8_t *raw = NULL;
	char why[160];
	if (decompress_alloc(r_at(r, e->file_offset), (size_t)e->stored, (size_t)e->raw, &raw, why,
			     sizeof(why)) < 0)
		return -1;
	free(r->blkbuf);
	r->blkbuf = raw;
	r->blk_held = i;
	return 0;
}

/* [off, off + n) of the record stream, inside block i. */
static const uint8_t *r_rec(struct tracefile_reader *r, size_t i, uint64_t off, size_t n)
{
	const struct tracefile_index_entry *e = &r->index[i];
	if (off < e->offset || n > e->offset + e->raw - off)
		return NULL;
	if (!r->zstd)
		return r_fill(r, off, n) < 0 ? NULL : r_at(r, off);
	if (r_block(r, i) < 0)
		return NULL;
	return r->blkbuf + (off - e->offset);
}

/* Varint from p (at most avail bytes); bytes used, or 0 if malformed. */
static size_t get_varint(const uint8_t *p, size_t avail, uint64_t *v)
{
	uint64_t x = 0;
	for (size_t i = 0; i < avail && i < 10; i++) {
		if (i == 9 && p[i] > 1)
			return 0;
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

/* Decodes a record header at p (avail bytes), at offset off for messages;
 * the length is checked against limit. */
static int r_header_at(struct tracefile_reader *r, const uint8_t *p, size_t avail, uint64_t off,
		       uint64_t limit, uint64_t *delta, uint16_t *type, uint16_t *comp, uint64_t *len,
		       size_t *hlen, char *err, size_t errlen)
{
	size_t n = get_varint(p, avail, delta);
	if (!n) {
		RERR(r, err, errlen, off, "malformed time delta (a varint of more than 10 bytes or cut short)");
		return -1;
	}
	if (avail - n < 4) {
		RERR(r, err, errlen, off, "record header cut short (truncated file?)");
		return -1;
	}
	*type = le16_load(p + n);
	*comp = le16_load(p + n + 2);
	size_t m = get_varint(p + n + 4, avail - n - 4, len);
	if (!m || *len > UINT32_MAX) {
		RERR(r, err, errlen, off + n + 4, "malformed record length");
		return -1;
	}
	*hlen = n + 4 + m;
	if (*len > limit - off - *hlen) {
		RERR(r, err, errlen, off, "record of %" PRIu64 " bytes runs past the end of its block "
		     "(at %" PRIu64 "): truncated or corrupt file", *len, limit);
		return -1;
	}
	return 0;
}

/* A header in the file itself (the directory, the index). */
static int r_header(struct tracefile_reader *r, uint64_t off, uint64_t limit, uint64_t *delta,
		    uint16_t *type, uint16_t *comp, uint64_t *len, size_t *hlen,
		    char *err, size_t errlen)
{
	size_t avail = (size_t)(limit - off < TRACEFILE_REC_HDR_MAX ? limit - off : TRACEFILE_REC_HDR_MAX);
	if (r_fill(r, off, avail) < 0) {
		RERR(r, err, errlen, off, "cannot read the file");
		return -1;
	}
	return r_header_at(r, r_at(r, off), avail, off, limit, delta, type, comp, len, hlen, err, errlen);
}

static int r_index(struct tracefile_reader *r, char *err, size_t errlen)
{
	uint64_t off = r->index_off, limit = r->size - (r->version == 1 ? TRACEFILE_TRAILER_SIZE_V1
									 : TRACEFILE_TRAILER_SIZE);
	uint64_t delta, len;
	uint16_t type, comp;
	size_t hlen;
	if (r_header(r, off, limit, &delta, &type, &comp, &len, &hlen, err, errlen) < 0)
		return -1;
	if (type != TRACEFILE_REC_INDEX || off + hlen + len != limit || len < 12) {
		RERR(r, err, errlen, off, "the trailer does not point at the index record");
		return -1;
	}
	if (r_fill(r, off + hlen, (size_t)len) < 0) {
		RERR(r, err, errlen, off, "cannot read the index");
		return -1;
	}
	const uint8_t *p = r_at(r, off + hlen);
	uint32_t every = le32_load(p);
	uint64_t n = le64_load(p + 4);
	size_t esz = r->version == 1 ? TRACEFILE_INDEX_ENTRY_SIZE_V1 : TRACEFILE_INDEX_ENTRY_SIZE;
	uint64_t want = (r->nrec + TRACEFILE_INDEX_EVERY - 1) / TRACEFILE_INDEX_EVERY;
	if (every != TRACEFILE_INDEX_EVERY || (len - 12) / esz != n || (len - 12) % esz ||
	    (r->version == 1 && n != want) || n > r->nrec || (r->nrec && !n)) {
		RERR(r, err, errlen, off + hlen, "the index does not match the record count "
		     "(%" PRIu64 " entries for %" PRIu64 " records)", n, r->nrec);
		return -1;
	}
	r->index = n ? calloc((size_t)n, sizeof(*r->index)) : NULL;
	if (n && !r->index) {
		RERR(r, err, errlen, off, "out of memory for the index");
		return -1;
	}
	r->nindex = (size_t)n;
	uint64_t next_off = TRACEFILE_HEADER_SIZE, next_file = TRACEFILE_HEADER_SIZE;
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *e = p + 12 + i * esz;
		struct tracefile_index_entry *x = &r->index[i];
		x->number = le64_load(e);
		x->offset = le64_load(e + 8);
		x->base = le64_load(e + 16);
		x->max_time = le64_load(e + 24);
		bool ok;
		if (r->version == 1) {
			/* blocks of exactly E records, back to back, up to the index */
			uint64_t end = i + 1 < n ? le64_load(e + esz + 8) : r->tail;
			ok = x->number == i * TRACEFILE_INDEX_EVERY && x->offset == next_off &&
			     end > x->offset && end <= r->tail && (i || x->base == 0);
			x->file_offset = x->offset;
			x->stored = x->raw = ok ? end - x->offset : 0;
		} else {
			x->file_offset = le64_load(e + 32);
			x->stored = le64_load(e + 40);
			x->raw = le64_load(e + 48);
			uint64_t prev_num = i ? r->index[i - 1].number : 0;
			ok = (i ? x->number > prev_num && x->number - prev_num <= TRACEFILE_INDEX_EVERY
				: x->number == 0 && x->base == 0) &&
			     x->number < r->nrec && x->offset == next_off && x->file_offset == next_file &&
			     x->raw > 0 && x->stored > 0 && x->stored <= r->tail - x->file_offset &&
			     x->raw <= UINT64_MAX - x->offset && (r->zstd || x->stored == x->raw) &&
			     x->raw <= ((uint64_t)1 << 32);
		}
		if (!ok) {
			RERR(r, err, errlen, off + hlen + 12 + i * esz, "index entry %" PRIu64 " is inconsistent", i);
			return -1;
		}
		next_off = x->offset + x->raw;
		next_file = x->file_offset + x->stored;
	}
	if (r->nindex && (r->nrec - r->index[r->nindex - 1].number > TRACEFILE_INDEX_EVERY ||
			  next_file != r->tail)) {
		RERR(r, err, errlen, off + hlen, "the index does not cover the records "
		     "(%" PRIu64 " records, blocks up to byte %" PRIu64 " of %" PRIu64 ")", r->nrec,
		     next_file, r->tail);
		return -1;
	}
	r->rec_end = next_off;
	return 0;
}

/* The snapshot directory (version 2, when the trailer points at one). */
static int r_dir(struct tracefile_reader *r, char *err, size_t errlen)
{
	uint64_t off = r->dir_off, delta, len;
	uint16_t type, comp;
	size_t hlen;
	if (r_header(r, off, r->index_off, &delta, &type, &comp, &len, &hlen, err, errlen) < 0)
		return -1;
	if (type != TRACEFILE_REC_SNAPDIR || off + hlen + len != r->index_off || len < 8) {
		RERR(r, err, errlen, off, "the trailer does not point at the snapshot directory");
		return -1;
	}
	if (r_fill(r, off + hlen, (size_t)len) < 0) {
		RERR(r, err, errlen, off, "cannot read the snapshot directory");
		return -1;
	}
	const uint8_t *p = r_at(r, off + hlen);
	uint32_t n = le32_load(p), ncores = le32_load(p + 4);
	size_t esz = TRACEFILE_SNAPDIR_ENTRY + 8 * (size_t)ncores;
	if (ncores > TRACEFILE_SNAP_MAX_CORES || (len - 8) / esz != n || (len - 8) % esz ||
	    n > r->nrec) {
		RERR(r, err, errlen, off + hlen, "the snapshot directory's size does not match its %u "
		     "entries of %u cores", n, ncores);
		return -1;
	}
	r->snaps = calloc(n ? n : 1, sizeof(*r->snaps));
	r->snap_insns = calloc(n && ncores ? (size_t)n * ncores : 1, sizeof(*r->snap_insns));
	if (!r->snaps || !r->snap_insns) {
		RERR(r, err, errlen, off, "out of memory for the snapshot directory");
		return -1;
	}
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = p + 8 + i * esz;
		struct tracefile_snap *s = &r->snaps[i];
		s->number = le64_load(e);
		s->time = le64_load(e + 8);
		s->keyframe = le32_load(e + 16);
		s->is_keyframe = e[20] == 0;
		s->ncores = ncores;
		s->insns = r->snap_insns + (size_t)i * ncores;
		for (unsigned k = 0; k < ncores; k++)
			r->snap_insns[(size_t)i * ncores + k] = le64_load(e + TRACEFILE_SNAPDIR_ENTRY + 8 * k);
		const struct tracefile_snap *pv = i ? &r->snaps[i - 1] : NULL;
		if (s->number >= r->nrec || (pv && (s->number <= pv->number || s->time < pv->time)) ||
		    e[20] > 1 || e[21] || e[22] || e[23] || s->keyframe > i ||
		    (s->is_keyframe ? s->keyframe != i : !r->snaps[s->keyframe].is_keyframe)) {
			RERR(r, err, errlen, off + hlen + 8 + i * esz, "snapshot directory entry %u is "
			     "inconsistent", i);
			return -1;
		}
	}
	r->nsnaps = n;
	return 0;
}

struct tracefile_reader *tracefile_open(const char *path, char *err, size_t errlen)
{
	struct tracefile_reader *r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	size_t plen = strlen(path);
	r->path = malloc(plen + 1);
	if (!r->path) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(r);
		return NULL;
	}
	memcpy(r->path, path, plen + 1);
	/* regular files only: a FIFO or a device would block or never end */
	r->f = sim_file_open(path, SIM_FILE_TRACE, &r->size, err, errlen);
	if (!r->f)
		goto fail;
	if (r->size < 8 || r_fill(r, 0, 8) < 0 || memcmp(r_at(r, 0), TRACEFILE_MAGIC, 8) != 0) {
		RERR(r, err, errlen, 0, "not an rpsim trace file (no \"%s\" magic)", TRACEFILE_MAGIC);
		goto fail;
	}
	if (r->size < TRACEFILE_HEADER_SIZE || r_fill(r, 0, TRACEFILE_HEADER_SIZE) < 0) {
		RERR(r, err, errlen, r->size, "the header is cut short (truncated file)");
		goto fail;
	}
	r->version = le16_load(r_at(r, 8));
	r->flags = le16_load(r_at(r, 10));
	if (r->version != TRACEFILE_VERSION && r->version != 1) {
		RERR(r, err, errlen, 8, "format version %u; this rpsim reads versions 1 and %u", r->version,
		     TRACEFILE_VERSION);
		goto fail;
	}
	if (le32_load(r_at(r, 12)) != 0 || (r->version == 1 && (r->flags & ~TRACEFILE_FLAG_INSNS)) ||
	    (r->flags & ~TRACEFILE_FLAGS_KNOWN)) {
		RERR(r, err, errlen, 10, "unknown header flags or reserved bytes that are not zero");
		goto fail;
	}
	r->zstd = (r->flags & TRACEFILE_FLAG_ZSTD) != 0;
	size_t tsize = r->version == 1 ? TRACEFILE_TRAILER_SIZE_V1 : TRACEFILE_TRAILER_SIZE;
	uint64_t toff = r->size - tsize;
	if (r->size < TRACEFILE_HEADER_SIZE + tsize || r_fill(r, toff, tsize) < 0 ||
	    memcmp(r_at(r, toff), TRACEFILE_END_MAGIC, 8) != 0) {
		RERR(r, err, errlen, r->size, "no \"%s\" trailer at the end: the file is truncated, or "
		     "the run that wrote it did not finish", TRACEFILE_END_MAGIC);
		goto fail;
	}
	r->index_off = le64_load(r_at(r, toff + 8));
	r->nrec = le64_load(r_at(r, toff + 16));
	r->dir_off = r->version == 1 ? 0 : le64_load(r_at(r, toff + 24));
	if (r->index_off < TRACEFILE_HEADER_SIZE || r->index_off >= toff) {
		RERR(r, err, errlen, toff + 8, "the index offset %" PRIu64 " is outside the file", r->index_off);
		goto fail;
	}
	if (r->dir_off && (r->dir_off < TRACEFILE_HEADER_SIZE || r->dir_off >= r->index_off)) {
		RERR(r, err, errlen, toff + 24, "the snapshot directory offset %" PRIu64 " is outside the "
		     "file", r->dir_off);
		goto fail;
	}
	r->tail = r->dir_off ? r->dir_off : r->index_off;
	/* a record takes a byte at least; a compressed block of up to E of
	 * them takes a byte at least */
	if (r->nrec > (r->tail - TRACEFILE_HEADER_SIZE) * (r->zstd ? TRACEFILE_INDEX_EVERY : 1)) {
		RERR(r, err, errlen, toff + 16, "%" PRIu64 " records cannot fit in %" PRIu64 " bytes",
		     r->nrec, r->tail - TRACEFILE_HEADER_SIZE);
		goto fail;
	}
	if (r_index(r, err, errlen) < 0)
		goto fail;
	if (r->dir_off && r_dir(r, err, errlen) < 0)
		goto fail;
	r->blk_held = SIZE_MAX;
	tracefile_rewind(r);
	return r;
fail:
	tracefile_close(r);
	return NULL;
}

void tracefile_close(struct tracefile_reader *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	if (r->names) {
		for (size_t i = 0; i < r->nnamed; i++)
			free(r->names[r->named[i]]);
		free(r->names);
		free(r->named);
	}
	free(r->index);
	free(r->win);
	free(r->blkbuf);
	free(r->snaps);
	free(r->snap_insns);
	free(r->path);
	free(r);
}

uint16_t tracefile_version(const struct tracefile_reader *r) { return r->version; }
uint16_t tracefile_flags(const struct tracefile_reader *r) { return r->flags; }

void tracefile_set_name(struct tracefile_reader *r, const char *name)
{
	char *p = strdup(name);
	if (p) {
		free(r->path);
		r->path = p;
	}
}
uint64_t tracefile_record_count(const struct tracefile_reader *r) { return r->nrec; }

const struct tracefile_index_entry *tracefile_index(const struct tracefile_reader *r, size_t *n)
{
	*n = r->nindex;
	return r->index;
}

static void seek_block(struct tracefile_reader *r, size_t i)
{
	r->failed = false;
	if (i >= r->nindex) {
		r->pos = r->rec_end;
		r->number = r->nrec;
		r->blk = r->nindex;
		return;
	}
	r->pos = r->index[i].offset;
	r->number = r->index[i].number;
	r->prev = r->index[i].base;
	r->blk = i;
}

void tracefile_rewind(struct tracefile_reader *r)
{
	seek_block(r, 0);
	if (!r->nindex)
		r->pos = TRACEFILE_HEADER_SIZE;
}

void tracefile_seek_time(struct tracefile_reader *r, sim_time_t t)
{
	size_t i = 0;
	while (i < r->nindex && r->index[i].max_time < t)
		i++;
	seek_block(r, i);
}

int tracefile_seek_record(struct tracefile_reader *r, uint64_t n, char *err, size_t errlen)
{
	/* the last block whose first record is at or before n */
	size_t lo = 0, hi = r->nindex;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->index[mid].number <= n)
			lo = mid;
		else
			hi = mid;
	}
	seek_block(r, n >= r->nrec ? r->nindex : lo);
	struct tracefile_record rec;
	while (r->number < n && r->number < r->nrec)
		if (tracefile_next(r, &rec, err, errlen) < 0)
			return -1;
	return 0;
}

static void learn_name(struct tracefile_reader *r, const struct tracefile_record *rec)
{
	if (rec->len < 2)
		return;
	if (!r->names) {
		r->names = calloc(65536, sizeof(*r->names));
		r->named = malloc(65536 * sizeof(*r->named));
		if (!r->names || !r->named) {
			free(r->names);
			free(r->named);
			r->names = NULL;
			r->named = NULL;
			return;
		}
	}
	uint16_t id = le16_load(rec->data);
	size_t n = rec->len - 2;
	if (n > TRACEFILE_NAME_MAX)
		n = TRACEFILE_NAME_MAX;
	char *name = malloc(n + 1);
	if (!name)
		return;
	memcpy(name, rec->data + 2, n);
	name[n] = '\0';
	if (r->names[id])
		free(r->names[id]);
	else
		r->named[r->nnamed++] = id;
	r->names[id] = name;
}

const char *tracefile_component_name(const struct tracefile_reader *r, uint16_t id)
{
	return r->names ? r->names[id] : NULL;
}

int tracefile_next(struct tracefile_reader *r, struct tracefile_record *rec,
		   char *err, size_t errlen)
{
	if (r->failed || r->blk >= r->nindex) {
		if (!r->failed && r->number != r->nrec) {
			RERR(r, err, errlen, r->pos, "%" PRIu64 " records found, the trailer says %" PRIu64,
			     r->number, r->nrec);
			r->failed = true;
			return -1;
		}
		return 0;
	}
	const struct tracefile_index_entry *e = &r->index[r->blk];
	uint64_t off = r->pos, delta, len;
	uint16_t type, comp;
	size_t hlen;
	uint64_t limit = e->offset + e->raw;
	size_t avail = (size_t)(limit - off < TRACEFILE_REC_HDR_MAX ? limit - off : TRACEFILE_REC_HDR_MAX);
	const uint8_t *p = r_rec(r, r->blk, off, avail);
	if (!p) {
		RERR(r, err, errlen, off, r->zstd ? "a block of records cannot be read or decompressed "
		     "(corrupt file)" : "cannot read the file");
		goto bad;
	}
	if (r_header_at(r, p, avail, off, limit, &delta, &type, &comp, &len, &hlen, err, errlen) < 0)
		goto bad;
	if (type == 0 || type == TRACEFILE_REC_INDEX || type == TRACEFILE_REC_SNAPDIR) {
		RERR(r, err, errlen, off, "record type %u cannot appear here (corrupt file)", type);
		goto bad;
	}
	if (len > TRACEFILE_RECORD_MAX) {
		RERR(r, err, errlen, off, "record of %" PRIu64 " bytes; no record is longer than %u "
		     "bytes (corrupt file)", len, TRACEFILE_RECORD_MAX);
		goto bad;
	}
	if (r->number >= r->nrec) {
		RERR(r, err, errlen, off, "more records than the trailer's count (%" PRIu64 ")", r->nrec);
		goto bad;
	}
	const uint8_t *data = r_rec(r, r->blk, off + hlen, (size_t)len);
	if (!data) {
		RERR(r, err, errlen, off, "cannot read the record's payload");
		goto bad;
	}
	rec->offset = off;
	rec->number = r->number;
	rec->time = r->prev + tracefile_unzigzag(delta);
	rec->type = type;
	rec->component = comp;
	rec->len = (uint32_t)len;
	rec->data = data;
	r->prev = rec->time;
	r->pos = off + hlen + len;
	r->number++;
	/* the next block: its records start where this one's end, decoded
	 * from its own base time */
	bool block_end = r->pos == limit;
	bool next_block = r->blk + 1 < r->nindex && r->number == r->index[r->blk + 1].number;
	if (block_end && r->blk + 1 == r->nindex && r->number != r->nrec) {
		RERR(r, err, errlen, r->pos, "%" PRIu64 " records found, the trailer says %" PRIu64,
		     r->number, r->nrec);
		r->failed = true;
		return -1;
	}
	if (block_end != (next_block || r->number == r->nrec)) {
		RERR(r, err, errlen, r->pos, "the records of block %zu do not match its index entry "
		     "(corrupt file)", r->blk);
		r->failed = true;
		return -1;
	}
	if (block_end) {
		r->blk++;
		if (r->blk < r->nindex)
			r->prev = r->index[r->blk].base;
	}
	if (type == TRACE_COMPONENT)
		learn_name(r, rec);
	return 1;
bad:
	r->failed = true;
	return -1;
}

int tracefile_parse_identity(const struct tracefile_record *rec, enum tracefile_id_kind *kind,
			     uint64_t *hash, uint64_t *size, const char **path, size_t *path_len)
{
	if (rec->type != TRACEFILE_REC_IDENTITY || rec->len < 18 || rec->data[1] != TRACEFILE_HASH_FNV1A64)
		return -1;
	*kind = (enum tracefile_id_kind)rec->data[0];
	*hash = le64_load(rec->data + 2);
	*size = le64_load(rec->data + 10);
	*path = (const char *)rec->data + 18;
	*path_len = rec->len - 18;
	return 0;
}

/* ---- snapshots ---- */

size_t tracefile_nsnapshots(const struct tracefile_reader *r)
{
	return r->nsnaps;
}

const struct tracefile_snap *tracefile_snapshot_info(const struct tracefile_reader *r, size_t i)
{
	return i < r->nsnaps ? &r->snaps[i] : NULL;
}

int tracefile_read_snapshot(struct tracefile_reader *r, size_t i, uint8_t **data, size_t *len,
			    char *err, size_t errlen)
{
	*data = NULL;
	*len = 0;
	if (i >= r->nsnaps) {
		snprintf(err, errlen, "%s: no snapshot %zu", r->path, i);
		return -1;
	}
	const struct tracefile_snap *s = &r->snaps[i];
	struct tracefile_record rec;
	if (tracefile_seek_record(r, s->number, err, errlen) < 0 ||
	    tracefile_next(r, &rec, err, errlen) < 0)
		return -1;
	size_t hdr = TRACEFILE_SNAP_HDR + 8 * (size_t)s->ncores;
	if (rec.number != s->number || rec.type != TRACEFILE_REC_SNAPSHOT || rec.len < hdr ||
	    rec.data[0] != TRACEFILE_SNAP_FORMAT || rec.data[1] != (s->is_keyframe ? 0 : 1) ||
	    le16_load(rec.data + 2) != s->ncores || le32_load(rec.data + 4) != i ||
	    le32_load(rec.data + 8) != s->keyframe) {
		RERR(r, err, errlen, rec.offset, "snapshot %zu is not the one the directory describes "
		     "(corrupt file)", i);
		return -1;
	}
	for (unsigned k = 0; k < s->ncores; k++) {
		if (le64_load(rec.data + TRACEFILE_SNAP_HDR + 8 * k) != s->insns[k]) {
			RERR(r, err, errlen, rec.offset, "snapshot %zu's instruction counts are not the "
			     "directory's (corrupt file)", i);
			return -1;
		}
	}
	uint64_t raw = le64_load(rec.data + 12);
	char why[160];
	if (raw == 0 || raw > ((uint64_t)2 << 30) ||
	    decompress_alloc(rec.data + hdr, rec.len - hdr, (size_t)raw, data, why, sizeof(why)) < 0) {
		RERR(r, err, errlen, rec.offset, "snapshot %zu: %s", i,
		     raw == 0 || raw > ((uint64_t)2 << 30) ? "an impossible size" : why);
		return -1;
	}
	*len = (size_t)raw;
	return 0;
}
