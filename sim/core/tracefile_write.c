/* The binary trace file's writer: a struct trace_sink that encodes
 * records as doc/trace-format.md describes.  The reader and exporters are
 * in sim/trace/ (a higher layer); both share sim/core/tracefile_format.h. */
#include "sim/core/tracefile_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/compress.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/core/trace_limit.h"

uint64_t tracefile_fnv1a64(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int tracefile_hash_file(const char *path, uint64_t *hash, uint64_t *size)
{
	/* the scenario and firmware were read already; a path that no longer
	 * names a regular file is skipped, never waited on */
	char err[256];
	uint64_t fsize;
	FILE *f = sim_file_open(path, SIM_FILE_FIRMWARE, &fsize, err, sizeof(err));
	if (!f)
		return -1;
	uint64_t h = 0xcbf29ce484222325ULL, n = 0;
	uint8_t buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		for (size_t i = 0; i < got; i++) {
			h ^= buf[i];
			h *= 0x100000001b3ULL;
		}
		n += got;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		errno = EIO;
		return -1;
	}
	*hash = h;
	*size = n;
	return 0;
}

/* ---- writer ---- */

/* A snapshot record inside a block, for the directory. */
struct snappos {
	uint64_t rec;       /* its index in the block */
	sim_time_t time;
	uint32_t keyframe;
	uint8_t kind;
	uint16_t ncores;
	uint64_t insns[TRACEFILE_SNAP_MAX_CORES];
};

/* A block of records: the raw records, or (in the window) its frame. */
struct block {
	uint8_t *raw;
	size_t raw_len, raw_cap;
	uint8_t *z;          /* the compressed frame, while in the window */
	size_t zlen;
	uint64_t nrec;
	sim_time_t base, max_time;
	bool has_insns;
	struct snappos *snaps;
	size_t nsnaps, capsnaps;
};

struct dirent_ {
	uint64_t number;
	struct snappos s;
};

struct tracefile_writer {
	struct trace_sink sink; /* first: the sink pointer is the writer */
	FILE *f;
	char *path;
	struct tracefile_opts o;
	uint16_t flags;
	struct trace_limit *limit; /* NULL: every record is written */
	struct compress_ctx *cz;   /* the blocks' frames */
	struct compress_ctx *snapz; /* the snapshots' frames */
	uint8_t *zbuf;             /* a block's frame */
	size_t zcap;
	uint8_t *sbuf;             /* a SNAPSHOT record's payload */
	size_t scap;
	struct block cur;
	struct block *ring;     /* the window: oldest first */
	size_t nring, capring;
	sim_time_t prev;        /* time of the last record emitted */
	uint64_t emitted;
	/* the file as written */
	uint64_t foff;          /* file offset of the next block */
	uint64_t loff;          /* stream offset of the next block's first record */
	uint64_t nrec;          /* records written */
	struct tracefile_index_entry *index;
	size_t nindex, capindex;
	struct dirent_ *dir;
	size_t ndir, capdir;
	int err;                /* first errno, sticky */
};

static void w_fail(struct tracefile_writer *w, int e)
{
	if (!w->err)
		w->err = e ? e : EIO;
}

/* A block's buffer starts this large: 4096 records of the usual 10 to 30
 * bytes fit. */
#define BLOCK_START_CAP ((size_t)128 << 10)

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	void *np = realloc(*p, ncap * elem);
	if (!np)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

static void out(struct tracefile_writer *w, const void *p, size_t n)
{
	if (n && !w->err && fwrite(p, 1, n, w->f) != n)
		w_fail(w, errno);
	w->foff += n;
}

/* Room for one more record of len payload bytes in b; false out of
 * memory.  The buffer starts large enough for a whole block of the usual
 * records, so it grows a few times per run, not per record. */
__attribute__((noinline)) static bool reserve(struct tracefile_writer *w, struct block *b,
					      uint32_t len)
{
	size_t need = b->raw_len + TRACEFILE_REC_HDR_MAX + (size_t)len;
	if (need <= b->raw_cap)
		return true;
	if (need < BLOCK_START_CAP)
		need = BLOCK_START_CAP;
	if (!grow((void **)&b->raw, &b->raw_cap, need, 1)) {
		w_fail(w, ENOMEM);
		return false;
	}
	return true;
}

/* memcpy for the payloads of a few bytes most records carry, without a
 * call: two copies that overlap, never reading outside [src, src + n). */
static inline __attribute__((always_inline)) void copy_payload(uint8_t *dst, const void *src,
							       uint32_t n)
{
	const uint8_t *s = src;
	if (n >= 8 && n <= 16) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		memcpy(dst, &a, 4);
		memcpy(dst + n - 4, &b, 4);
	} else if (n) {
		memcpy(dst, s, n);
	}
}

/* Appends a record to b (delta from prev): the hot path of a trace, a
 * few dozen instructions for the usual record of a few bytes. */
static inline __attribute__((always_inline)) void encode(struct tracefile_writer *w, struct block *b, sim_time_t prev,
			  sim_time_t t, uint16_t type, uint16_t comp, const void *data, uint32_t len)
{
	if (b->raw_cap - b->raw_len < TRACEFILE_REC_HDR_MAX + (size_t)len && !reserve(w, b, len))
		return;
	uint8_t *p = b->raw + b->raw_len;
	size_t n = tracefile_put_varint(p, tracefile_zigzag(t - prev));
	le32_store(p + n, (uint32_t)type | (uint32_t)comp << 16); /* u16 type, u16 component */
	n += 4;
	if (len < 0x80)
		p[n++] = (uint8_t)len;
	else
		n += tracefile_put_varint(p + n, len);
	copy_payload(p + n, data, len);
	b->raw_len += n + len;
}

static void block_free(struct block *b)
{
	free(b->raw);
	free(b->z);
	free(b->snaps);
	memset(b, 0, sizeof(*b));
}

/* Writes a block's records (raw) to the file, as they are or compressed,
 * with its index entry and its snapshots in the directory. */
static void emit(struct tracefile_writer *w, const struct block *b, const uint8_t *z, size_t zlen)
{
	if (!b->nrec)
		return;
	if (!grow((void **)&w->index, &w->capindex, w->nindex + 1, sizeof(*w->index)) ||
	    !grow((void **)&w->dir, &w->capdir, w->ndir + b->nsnaps, sizeof(*w->dir))) {
		w_fail(w, ENOMEM);
		return;
	}
	if (w->o.compress && !z) {
		/* into the writer's own buffer, kept from block to block */
		size_t cap = compress_bound(b->raw_len);
		if (!grow((void **)&w->zbuf, &w->zcap, cap, 1)) {
			w_fail(w, ENOMEM);
			return;
		}
		zlen = w->cz ? compress_into(w->cz, b->raw, b->raw_len, w->zbuf, w->zcap) : 0;
		if (!zlen) {
			w_fail(w, ENOMEM);
			return;
		}
		z = w->zbuf;
	}
	w->index[w->nindex++] = (struct tracefile_index_entry){
		.number = w->nrec, .offset = w->loff, .base = b->base, .max_time = b->max_time,
		.file_offset = w->foff, .stored = z ? zlen : b->raw_len, .raw = b->raw_len,
	};
	for (size_t i = 0; i < b->nsnaps; i++)
		w->dir[w->ndir++] = (struct dirent_){ .number = w->nrec + b->snaps[i].rec, .s = b->snaps[i] };
	if (z)
		out(w, z, zlen);
	else
		out(w, b->raw, b->raw_len);
	w->loff += b->raw_len;
	w->nrec += b->nrec;
}

/* The block without its instruction records: times re-encoded from the
 * block's base, snapshot positions recounted.  Into *s (raw). */
static int strip(const struct block *b, const uint8_t *raw, struct block *s,
		 struct tracefile_writer *w)
{
	memset(s, 0, sizeof(*s));
	s->base = b->base;
	s->max_time = b->base;
	size_t pos = 0, snap = 0;
	sim_time_t t = b->base, kept = b->base;
	for (uint64_t i = 0; i < b->nrec; i++) {
		uint64_t z = 0, len = 0;
		unsigned sh = 0;
		while (raw[pos] & 0x80) /* our own encoding: well formed */
			z |= (uint64_t)(raw[pos++] & 0x7f) << (7 * sh++);
		z |= (uint64_t)raw[pos++] << (7 * sh);
		t += tracefile_unzigzag(z);
		uint16_t type = le16_load(raw + pos), comp = le16_load(raw + pos + 2);
		pos += 4;
		sh = 0;
		while (raw[pos] & 0x80)
			len |= (uint64_t)(raw[pos++] & 0x7f) << (7 * sh++);
		len |= (uint64_t)raw[pos++] << (7 * sh);
		const uint8_t *data = raw + pos;
		pos += (size_t)len;
		if (type == TRACE_INSN)
			continue;
		if (snap < b->nsnaps && b->snaps[snap].rec == i) {
			if (!grow((void **)&s->snaps, &s->capsnaps, s->nsnaps + 1, sizeof(*s->snaps)))
				return -1;
			s->snaps[s->nsnaps] = b->snaps[snap++];
			s->snaps[s->nsnaps++].rec = s->nrec;
		}
		encode(w, s, kept, t, type, comp, data, (uint32_t)len);
		kept = t;
		if (t > s->max_time)
			s->max_time = t;
		s->nrec++;
	}
	return 0;
}

/* The oldest block of the window leaves it: without its instructions when
 * it is older than the window, as it is at the end of the run. */
static void evict(struct tracefile_writer *w, bool keep_insns)
{
	struct block *b = &w->ring[0];
	if (keep_insns || !b->has_insns) {
		emit(w, b, b->z, b->zlen);
	} else {
		uint8_t *raw = malloc(b->raw_len ? b->raw_len : 1);
		char why[160];
		struct block s;
		if (!raw || decompress_buf(b->z, b->zlen, raw, b->raw_len, why, sizeof(why)) < 0 ||
		    strip(b, raw, &s, w) < 0) {
			w_fail(w, ENOMEM);
		} else {
			emit(w, &s, NULL, 0);
			block_free(&s);
		}
		free(raw);
	}
	block_free(b);
	memmove(&w->ring[0], &w->ring[1], (w->nring - 1) * sizeof(*w->ring));
	w->nring--;
}

/* The current block is full (or the run ends): out it goes. */
static void seal(struct tracefile_writer *w)
{
	struct block *b = &w->cur;
	if (!b->nrec)
		return;
	if (!w->o.window) {
		emit(w, b, NULL, 0);
		b->raw_len = 0;
		b->nrec = 0;
		b->nsnaps = 0;
		b->has_insns = false;
		return;
	}
	/* into the window, compressed; the raw buffer goes with it */
	size_t cap = compress_bound(b->raw_len);
	b->z = malloc(cap);
	b->zlen = b->z && w->cz ? compress_into(w->cz, b->raw, b->raw_len, b->z, cap) : 0;
	if (!b->zlen || !grow((void **)&w->ring, &w->capring, w->nring + 1, sizeof(*w->ring))) {
		w_fail(w, ENOMEM);
		block_free(b);
		return;
	}
	free(b->raw);
	b->raw = NULL;
	b->raw_cap = 0;
	w->ring[w->nring++] = *b;
	memset(b, 0, sizeof(*b));
	while (w->nring > 1 && w->ring[0].max_time + w->o.window < w->prev)
		evict(w, false);
}

/* A record stamped t of this type was appended to b: the block's and the
 * writer's counts follow. */
static inline __attribute__((always_inline)) void counted(struct tracefile_writer *w, struct block *b,
							  sim_time_t t, uint16_t type)
{
	if (t > b->max_time)
		b->max_time = t;
	b->has_insns |= type == TRACE_INSN;
	w->prev = t;
	b->nrec++;
	w->emitted++;
}

static inline __attribute__((always_inline)) void w_record(struct tracefile_writer *w, sim_time_t t, uint16_t type,
		     uint16_t component, const void *data, uint32_t len)
{
	struct block *b = &w->cur;
	if (b->nrec == 0) {
		b->base = w->prev;
		b->max_time = t;
	}
	encode(w, b, w->prev, t, type, component, data, len);
	counted(w, b, t, type);
	if (b->nrec == TRACEFILE_INDEX_EVERY)
		seal(w);
}

/* Every case: the limiter's drops, a block's first and last records, a
 * buffer to grow, a payload for memcpy. */
__attribute__((noinline)) static void w_emit_slow(struct tracefile_writer *w, sim_time_t t,
						  uint16_t type, uint16_t component,
						  const void *data, uint32_t len, bool admitted)
{
	if (!admitted && w->limit && !trace_limit_admit(w->limit, t, type, component))
		return;
	w_record(w, t, type, component, data, len);
}

/* The sink.  Most records (a few bytes, within budget, in the middle of
 * a block with room) take a path that calls nothing, so it needs no stack
 * frame; the rest go to w_emit_slow.  A take that fails changes nothing,
 * so w_emit_slow asking the limiter again decides the same. */
static void w_emit(struct trace_sink *sink, sim_time_t t, uint16_t type,
		   uint16_t component, const void *data, uint32_t len)
{
	struct tracefile_writer *w = (struct tracefile_writer *)sink;
	struct block *b = &w->cur;
	if (len > 16 || b->nrec == 0 || b->nrec + 1 >= TRACEFILE_INDEX_EVERY ||
	    b->raw_cap - b->raw_len < TRACEFILE_REC_HDR_MAX + 16)
		return w_emit_slow(w, t, type, component, data, len, false);
	if (w->limit) {
		struct trace_limit_source *s = trace_limit_source(w->limit, type, component);
		if (s && !trace_limit_take(s, t))
			return w_emit_slow(w, t, type, component, data, len, false);
	}
	uint8_t *p = b->raw + b->raw_len;
	size_t n = tracefile_put_varint(p, tracefile_zigzag(t - w->prev));
	le32_store(p + n, (uint32_t)type | (uint32_t)component << 16);
	p[n + 4] = (uint8_t)len;
	copy_payload(p + n + 5, data, len);
	b->raw_len += n + 5 + len;
	counted(w, b, t, type);
}

void tracefile_set_limit(struct tracefile_writer *w, struct trace_limit *l)
{
	w->limit = l;
}

static void put_header(struct tracefile_writer *w)
{
	uint8_t hdr[TRACEFILE_HEADER_SIZE] = { 0 };
	memcpy(hdr, TRACEFILE_MAGIC, 8);
	le16_store(hdr + 8, TRACEFILE_VERSION);
	le16_store(hdr + 10, w->flags);
	out(w, hdr, sizeof(hdr));
}

struct tracefile_writer *tracefile_create_opts(const char *path, const struct tracefile_opts *o,
					       char *err, size_t errlen)
{
	struct tracefile_writer *w = calloc(1, sizeof(*w));
	if (!w) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	w->o = *o;
	w->flags = (uint16_t)(o->flags & TRACEFILE_FLAG_INSNS);
	if (o->compress)
		w->flags |= TRACEFILE_FLAG_ZSTD;
	if (o->window) {
		w->flags |= TRACEFILE_FLAG_WINDOW;
		w->o.compress = true; /* the window is kept compressed */
		w->flags |= TRACEFILE_FLAG_ZSTD;
	}
	if (w->o.compress && !(w->cz = compress_ctx_create(o->level ? o->level : COMPRESS_FAST))) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(w);
		return NULL;
	}
	w->f = fopen(path, "wb");
	if (!w->f) {
		snprintf(err, errlen, "%s: cannot create the trace file: %s", path, strerror(errno));
		compress_ctx_free(w->cz);
		free(w);
		return NULL;
	}
	w->sink.emit = w_emit;
	put_header(w);
	w->loff = TRACEFILE_HEADER_SIZE;
	size_t plen = strlen(path);
	w->path = malloc(plen + 1);
	if (w->path)
		memcpy(w->path, path, plen + 1);
	return w;
}

struct tracefile_writer *tracefile_create(const char *path, uint16_t flags,
					  char *err, size_t errlen)
{
	struct tracefile_opts o = { .flags = flags };
	return tracefile_create_opts(path, &o, err, errlen);
}

struct trace_sink *tracefile_sink(struct tracefile_writer *w)
{
	return &w->sink;
}

uint64_t tracefile_written(const struct tracefile_writer *w)
{
	return w->emitted;
}

uint64_t tracefile_bytes(const struct tracefile_writer *w)
{
	return w->foff;
}

void tracefile_set_recomputed(struct tracefile_writer *w)
{
	w->flags |= TRACEFILE_FLAG_RECOMPUTED;
}

void tracefile_identity(struct tracefile_writer *w, enum tracefile_id_kind kind,
			const char *path, uint64_t hash, uint64_t size)
{
	size_t plen = strlen(path);
	if (plen > 4096)
		plen = 4096;
	uint8_t buf[18 + 4096];
	buf[0] = (uint8_t)kind;
	buf[1] = TRACEFILE_HASH_FNV1A64;
	le64_store(buf + 2, hash);
	le64_store(buf + 10, size);
	memcpy(buf + 18, path, plen);
	w_record(w, w->prev, TRACEFILE_REC_IDENTITY, TRACEFILE_NO_COMPONENT, buf, (uint32_t)(18 + plen));
}

void tracefile_snapshot(struct tracefile_writer *w, sim_time_t t, bool is_keyframe,
			uint32_t number, uint32_t keyframe, unsigned ncores, const uint64_t *insns,
			const void *data, size_t len)
{
	if (ncores > TRACEFILE_SNAP_MAX_CORES) {
		w_fail(w, EINVAL);
		return;
	}
	/* the payload is built in a buffer kept from snapshot to snapshot,
	 * the stream compressed straight into it with a context kept too: a
	 * snapshot costs no allocation once the run is under way */
	if (!w->snapz && !(w->snapz = compress_ctx_create(COMPRESS_FASTEST))) {
		w_fail(w, ENOMEM);
		return;
	}
	size_t head = TRACEFILE_SNAP_HDR + 8 * (size_t)ncores;
	struct block *b = &w->cur;
	if (!grow((void **)&w->sbuf, &w->scap, head + compress_bound(len), 1) ||
	    !grow((void **)&b->snaps, &b->capsnaps, b->nsnaps + 1, sizeof(*b->snaps))) {
		w_fail(w, ENOMEM);
		return;
	}
	uint8_t *p = w->sbuf;
	size_t zlen = compress_into(w->snapz, data, len, p + head, w->scap - head);
	size_t n = head + zlen;
	if (!zlen || n > UINT32_MAX) {
		w_fail(w, ENOMEM);
		return;
	}
	p[0] = TRACEFILE_SNAP_FORMAT;
	p[1] = is_keyframe ? 0 : 1;
	le16_store(p + 2, (uint16_t)ncores);
	le32_store(p + 4, number);
	le32_store(p + 8, keyframe);
	le64_store(p + 12, len);
	for (unsigned i = 0; i < ncores; i++)
		le64_store(p + TRACEFILE_SNAP_HDR + 8 * i, insns[i]);
	struct snappos *s = &b->snaps[b->nsnaps++];
	memset(s, 0, sizeof(*s));
	s->rec = b->nrec;
	s->time = t;
	s->keyframe = keyframe;
	s->kind = p[1];
	s->ncores = (uint16_t)ncores;
	memcpy(s->insns, insns, ncores * sizeof(*insns));
	w->flags |= TRACEFILE_FLAG_SNAPSHOTS;
	w_record(w, t, TRACEFILE_REC_SNAPSHOT, TRACEFILE_NO_COMPONENT, p, (uint32_t)n);
}

/* A file-level record outside the blocks (delta 0). */
static void tail_record(struct tracefile_writer *w, uint16_t type, const uint8_t *p, size_t n)
{
	uint8_t hdr[TRACEFILE_REC_HDR_MAX];
	size_t h = tracefile_put_varint(hdr, 0);
	le16_store(hdr + h, type);
	le16_store(hdr + h + 2, TRACEFILE_NO_COMPONENT);
	h += 4;
	h += tracefile_put_varint(hdr + h, n);
	out(w, hdr, h);
	out(w, p, n);
}

static void write_dir(struct tracefile_writer *w)
{
	unsigned ncores = w->ndir ? w->dir[0].s.ncores : 0;
	size_t esz = TRACEFILE_SNAPDIR_ENTRY + 8 * (size_t)ncores;
	size_t n = 8 + w->ndir * esz;
	uint8_t *p = malloc(n);
	if (!p) {
		w_fail(w, ENOMEM);
		return;
	}
	le32_store(p, (uint32_t)w->ndir);
	le32_store(p + 4, ncores);
	for (size_t i = 0; i < w->ndir; i++) {
		uint8_t *e = p + 8 + i * esz;
		memset(e, 0, esz);
		le64_store(e, w->dir[i].number);
		le64_store(e + 8, w->dir[i].s.time);
		le32_store(e + 16, w->dir[i].s.keyframe);
		e[20] = w->dir[i].s.kind;
		for (unsigned k = 0; k < ncores && k < w->dir[i].s.ncores; k++)
			le64_store(e + TRACEFILE_SNAPDIR_ENTRY + 8 * k, w->dir[i].s.insns[k]);
	}
	tail_record(w, TRACEFILE_REC_SNAPDIR, p, n);
	free(p);
}

int tracefile_finish(struct tracefile_writer *w, char *err, size_t errlen)
{
	seal(w);
	while (w->nring)
		evict(w, true);
	uint64_t dir_off = 0;
	if (w->ndir) {
		dir_off = w->foff;
		write_dir(w);
	}
	uint64_t index_off = w->foff;
	/* the index record: u32 most records per block, u64 count, the entries */
	size_t plen = 12 + w->nindex * TRACEFILE_INDEX_ENTRY_SIZE;
	uint8_t *p = malloc(plen);
	if (!p) {
		w_fail(w, ENOMEM);
	} else {
		le32_store(p, TRACEFILE_INDEX_EVERY);
		le64_store(p + 4, w->nindex);
		for (size_t i = 0; i < w->nindex; i++) {
			uint8_t *e = p + 12 + i * TRACEFILE_INDEX_ENTRY_SIZE;
			le64_store(e, w->index[i].number);
			le64_store(e + 8, w->index[i].offset);
			le64_store(e + 16, w->index[i].base);
			le64_store(e + 24, w->index[i].max_time);
			le64_store(e + 32, w->index[i].file_offset);
			le64_store(e + 40, w->index[i].stored);
			le64_store(e + 48, w->index[i].raw);
		}
		tail_record(w, TRACEFILE_REC_INDEX, p, plen);
		free(p);
	}
	uint8_t tr[TRACEFILE_TRAILER_SIZE];
	memcpy(tr, TRACEFILE_END_MAGIC, 8);
	le64_store(tr + 8, index_off);
	le64_store(tr + 16, w->nrec);
	le64_store(tr + 24, dir_off);
	out(w, tr, sizeof(tr));
	/* the flags learnt on the way (snapshots, events recomputed) */
	uint8_t fl[2];
	le16_store(fl, w->flags);
	if (!w->err && (fseeko(w->f, 10, SEEK_SET) != 0 || fwrite(fl, 1, 2, w->f) != 2))
		w_fail(w, errno);
	if (fclose(w->f) != 0)
		w_fail(w, errno);
	int rc = 0;
	if (w->err) {
		snprintf(err, errlen, "%s: writing the trace failed: %s", w->path ? w->path : "trace",
			 strerror(w->err));
		rc = -1;
	}
	compress_ctx_free(w->cz);
	compress_ctx_free(w->snapz);
	free(w->zbuf);
	free(w->sbuf);
	block_free(&w->cur);
	for (size_t i = 0; i < w->nring; i++)
		block_free(&w->ring[i]);
	free(w->ring);
	free(w->index);
	free(w->dir);
	free(w->path);
	free(w);
	return rc;
}
