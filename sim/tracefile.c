/* Binary trace file: writer (a trace_sink) and validating reader.  Layout
 * and payloads: doc/trace-format.md. */
#include "sim/tracefile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/le.h"

#define WBUF_SIZE 65536u
/* delta (10) + type (2) + component (2) + length (5) */
#define REC_HDR_MAX 19u
#define INDEX_ENTRY_SIZE 32u

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
	FILE *f = fopen(path, "rb");
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

static const char *const type_names[] = {
	[TRACE_LOG] = "LOG", [TRACE_COMPONENT] = "COMPONENT", [TRACE_STATE] = "STATE",
	[TRACE_MBOX] = "MBOX", [TRACE_IRQ] = "IRQ", [TRACE_KICK] = "KICK",
	[TRACE_RPMSG] = "RPMSG", [TRACE_UART] = "UART", [TRACE_FWTRACE] = "FWTRACE",
	[TRACE_CORE] = "CORE", [TRACE_INSN] = "INSN", [TRACE_TRAP] = "TRAP",
	[TRACE_HOST_STEP] = "HOST_STEP", [TRACE_EXPECT] = "EXPECT",
	[TRACE_FWLOAD] = "FWLOAD", [TRACE_CHANNEL] = "CHANNEL",
};

const char *tracefile_type_name(uint16_t type)
{
	if (type == TRACEFILE_REC_IDENTITY)
		return "IDENTITY";
	if (type == TRACEFILE_REC_INDEX)
		return "INDEX";
	if (type < sizeof(type_names) / sizeof(type_names[0]))
		return type_names[type];
	return NULL;
}

static size_t put_varint(uint8_t *p, uint64_t v)
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
static uint64_t zigzag(uint64_t diff)
{
	return (diff << 1) ^ (uint64_t)(-(int64_t)(diff >> 63));
}

static uint64_t unzigzag(uint64_t z)
{
	return (z >> 1) ^ (uint64_t)(-(int64_t)(z & 1));
}

/* ---- writer ---- */

struct tracefile_writer {
	struct trace_sink sink; /* first: the sink pointer is the writer */
	FILE *f;
	char *path;
	uint8_t *buf;
	size_t len;
	uint64_t offset;   /* file offset of the next byte */
	sim_time_t prev;
	uint64_t nrec;
	struct tracefile_index_entry *index;
	size_t nindex, capindex;
	int err;           /* first errno, sticky */
};

static void w_fail(struct tracefile_writer *w, int e)
{
	if (!w->err)
		w->err = e ? e : EIO;
}

static void w_flush(struct tracefile_writer *w)
{
	if (w->len && !w->err && fwrite(w->buf, 1, w->len, w->f) != w->len)
		w_fail(w, errno);
	w->len = 0;
}

static void w_bytes(struct tracefile_writer *w, const void *data, size_t n)
{
	if (w->len + n > WBUF_SIZE) {
		w_flush(w);
		if (n > WBUF_SIZE) {
			if (!w->err && fwrite(data, 1, n, w->f) != n)
				w_fail(w, errno);
			w->offset += n;
			return;
		}
	}
	memcpy(w->buf + w->len, data, n);
	w->len += n;
	w->offset += n;
}

static void w_record(struct tracefile_writer *w, sim_time_t t, uint16_t type,
		     uint16_t component, const void *data, uint32_t len)
{
	if (w->nrec % TRACEFILE_INDEX_EVERY == 0) {
		if (w->nindex == w->capindex) {
			size_t ncap = w->capindex ? w->capindex * 2 : 64;
			struct tracefile_index_entry *ni = realloc(w->index, ncap * sizeof(*ni));
			if (!ni) {
				w_fail(w, ENOMEM);
				return;
			}
			w->index = ni;
			w->capindex = ncap;
		}
		w->index[w->nindex++] = (struct tracefile_index_entry){
			.number = w->nrec, .offset = w->offset, .base = w->prev, .max_time = t,
		};
	}
	struct tracefile_index_entry *blk = &w->index[w->nindex - 1];
	if (t > blk->max_time)
		blk->max_time = t;
	uint64_t delta = zigzag(t - w->prev);
	w->prev = t;
	w->nrec++;
	if (w->len + REC_HDR_MAX + len <= WBUF_SIZE) {
		/* the common case: encode straight into the buffer */
		uint8_t *p = w->buf + w->len;
		size_t n = put_varint(p, delta);
		le16_store(p + n, type);
		le16_store(p + n + 2, component);
		n += 4;
		n += put_varint(p + n, len);
		if (len)
			memcpy(p + n, data, len);
		n += len;
		w->len += n;
		w->offset += n;
		return;
	}
	uint8_t hdr[REC_HDR_MAX];
	size_t n = put_varint(hdr, delta);
	le16_store(hdr + n, type);
	le16_store(hdr + n + 2, component);
	n += 4;
	n += put_varint(hdr + n, len);
	w_bytes(w, hdr, n);
	if (len)
		w_bytes(w, data, len);
}

static void w_emit(struct trace_sink *sink, sim_time_t t, uint16_t type,
		   uint16_t component, const void *data, uint32_t len)
{
	w_record((struct tracefile_writer *)sink, t, type, component, data, len);
}

struct tracefile_writer *tracefile_create(const char *path, uint16_t flags,
					  char *err, size_t errlen)
{
	struct tracefile_writer *w = calloc(1, sizeof(*w));
	if (w)
		w->buf = malloc(WBUF_SIZE);
	if (!w || !w->buf) {
		snprintf(err, errlen, "%s: out of memory", path);
		if (w)
			free(w);
		return NULL;
	}
	w->f = fopen(path, "wb");
	if (!w->f) {
		snprintf(err, errlen, "%s: cannot create the trace file: %s", path, strerror(errno));
		free(w->buf);
		free(w);
		return NULL;
	}
	w->sink.emit = w_emit;
	uint8_t hdr[TRACEFILE_HEADER_SIZE] = { 0 };
	memcpy(hdr, TRACEFILE_MAGIC, 8);
	le16_store(hdr + 8, TRACEFILE_VERSION);
	le16_store(hdr + 10, flags);
	w_bytes(w, hdr, sizeof(hdr));
	size_t plen = strlen(path);
	w->path = malloc(plen + 1);
	if (w->path)
		memcpy(w->path, path, plen + 1);
	return w;
}

struct trace_sink *tracefile_sink(struct tracefile_writer *w)
{
	return &w->sink;
}

uint64_t tracefile_written(const struct tracefile_writer *w)
{
	return w->nrec;
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

int tracefile_finish(struct tracefile_writer *w, char *err, size_t errlen)
{
	uint64_t index_off = w->offset;
	/* the index record: u32 every, u64 count, then the entries */
	size_t plen = 12 + w->nindex * INDEX_ENTRY_SIZE;
	uint8_t *p = malloc(plen);
	if (!p) {
		w_fail(w, ENOMEM);
	} else {
		le32_store(p, TRACEFILE_INDEX_EVERY);
		le64_store(p + 4, w->nindex);
		for (size_t i = 0; i < w->nindex; i++) {
			uint8_t *e = p + 12 + i * INDEX_ENTRY_SIZE;
			le64_store(e, w->index[i].number);
			le64_store(e + 8, w->index[i].offset);
			le64_store(e + 16, w->index[i].base);
			le64_store(e + 24, w->index[i].max_time);
		}
		uint8_t hdr[REC_HDR_MAX];
		size_t n = put_varint(hdr, 0);
		le16_store(hdr + n, TRACEFILE_REC_INDEX);
		le16_store(hdr + n + 2, TRACEFILE_NO_COMPONENT);
		n += 4;
		n += put_varint(hdr + n, plen);
		w_bytes(w, hdr, n);
		w_bytes(w, p, plen);
		free(p);
	}
	uint8_t tr[TRACEFILE_TRAILER_SIZE];
	memcpy(tr, TRACEFILE_END_MAGIC, 8);
	le64_store(tr + 8, index_off);
	le64_store(tr + 16, w->nrec);
	w_bytes(w, tr, sizeof(tr));
	w_flush(w);
	if (fclose(w->f) != 0)
		w_fail(w, errno);
	int rc = 0;
	if (w->err) {
		snprintf(err, errlen, "%s: writing the trace failed: %s", w->path ? w->path : "trace",
			 strerror(w->err));
		rc = -1;
	}
	free(w->index);
	free(w->buf);
	free(w->path);
	free(w);
	return rc;
}

/* ---- reader ---- */

struct tracefile_reader {
	FILE *f;
	char *path;
	uint64_t size;
	uint16_t version, flags;
	uint64_t rec_end;  /* offset of the index record */
	uint64_t nrec;
	struct tracefile_index_entry *index;
	size_t nindex;
	/* cursor */
	uint64_t pos, number;
	sim_time_t prev;
	bool failed;
	/* window of the file: [win_off, win_off + win_len) */
	uint8_t *win;
	size_t win_cap, win_len;
	uint64_t win_off;
	char **names; /* component names by id, 65536 slots when allocated */
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

/* Decodes the record header at off: lengths checked against limit. */
static int r_header(struct tracefile_reader *r, uint64_t off, uint64_t limit, uint64_t *delta,
		    uint16_t *type, uint16_t *comp, uint64_t *len, size_t *hlen,
		    char *err, size_t errlen)
{
	size_t avail = (size_t)(limit - off < REC_HDR_MAX ? limit - off : REC_HDR_MAX);
	if (r_fill(r, off, avail) < 0) {
		RERR(r, err, errlen, off, "cannot read the file");
		return -1;
	}
	const uint8_t *p = r_at(r, off);
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
		RERR(r, err, errlen, off, "record of %" PRIu64 " bytes runs past the end of the records "
		     "(at %" PRIu64 "): truncated or corrupt file", *len, limit);
		return -1;
	}
	return 0;
}

static int r_index(struct tracefile_reader *r, char *err, size_t errlen)
{
	uint64_t off = r->rec_end, limit = r->size - TRACEFILE_TRAILER_SIZE;
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
	uint64_t want = (r->nrec + TRACEFILE_INDEX_EVERY - 1) / TRACEFILE_INDEX_EVERY;
	if (every != TRACEFILE_INDEX_EVERY || n != want || (len - 12) / INDEX_ENTRY_SIZE != n ||
	    (len - 12) % INDEX_ENTRY_SIZE) {
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
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *e = p + 12 + i * INDEX_ENTRY_SIZE;
		struct tracefile_index_entry *x = &r->index[i];
		x->number = le64_load(e);
		x->offset = le64_load(e + 8);
		x->base = le64_load(e + 16);
		x->max_time = le64_load(e + 24);
		uint64_t lo = i ? r->index[i - 1].offset + 1 : TRACEFILE_HEADER_SIZE;
		if (x->number != i * TRACEFILE_INDEX_EVERY || x->offset < lo || x->offset >= r->rec_end ||
		    (i == 0 && (x->offset != TRACEFILE_HEADER_SIZE || x->base != 0))) {
			RERR(r, err, errlen, off + hlen + 12 + i * INDEX_ENTRY_SIZE,
			     "index entry %" PRIu64 " is inconsistent", i);
			return -1;
		}
	}
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
	r->f = fopen(path, "rb");
	if (!r->f) {
		snprintf(err, errlen, "%s: cannot open the trace: %s", path, strerror(errno));
		goto fail;
	}
	if (fseeko(r->f, 0, SEEK_END) != 0 || ftello(r->f) < 0) {
		snprintf(err, errlen, "%s: cannot read the trace: %s", path, strerror(errno));
		goto fail;
	}
	r->size = (uint64_t)ftello(r->f);
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
	if (r->version != TRACEFILE_VERSION) {
		RERR(r, err, errlen, 8, "format version %u; this rpsim reads version %u", r->version,
		     TRACEFILE_VERSION);
		goto fail;
	}
	if (le32_load(r_at(r, 12)) != 0) {
		RERR(r, err, errlen, 12, "reserved header bytes are not zero");
		goto fail;
	}
	uint64_t toff = r->size - TRACEFILE_TRAILER_SIZE;
	if (r->size < TRACEFILE_HEADER_SIZE + TRACEFILE_TRAILER_SIZE ||
	    r_fill(r, toff, TRACEFILE_TRAILER_SIZE) < 0 ||
	    memcmp(r_at(r, toff), TRACEFILE_END_MAGIC, 8) != 0) {
		RERR(r, err, errlen, r->size, "no \"%s\" trailer at the end: the file is truncated, or "
		     "the run that wrote it did not finish", TRACEFILE_END_MAGIC);
		goto fail;
	}
	r->rec_end = le64_load(r_at(r, toff + 8));
	r->nrec = le64_load(r_at(r, toff + 16));
	if (r->rec_end < TRACEFILE_HEADER_SIZE || r->rec_end >= toff) {
		RERR(r, err, errlen, toff + 8, "the index offset %" PRIu64 " is outside the file", r->rec_end);
		goto fail;
	}
	if (r->nrec > r->rec_end - TRACEFILE_HEADER_SIZE) {
		RERR(r, err, errlen, toff + 16, "%" PRIu64 " records cannot fit in %" PRIu64 " bytes",
		     r->nrec, r->rec_end - TRACEFILE_HEADER_SIZE);
		goto fail;
	}
	if (r_index(r, err, errlen) < 0)
		goto fail;
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
		for (size_t i = 0; i < 65536; i++)
			free(r->names[i]);
		free(r->names);
	}
	free(r->index);
	free(r->win);
	free(r->path);
	free(r);
}

uint16_t tracefile_version(const struct tracefile_reader *r) { return r->version; }
uint16_t tracefile_flags(const struct tracefile_reader *r) { return r->flags; }
uint64_t tracefile_record_count(const struct tracefile_reader *r) { return r->nrec; }

const struct tracefile_index_entry *tracefile_index(const struct tracefile_reader *r, size_t *n)
{
	*n = r->nindex;
	return r->index;
}

void tracefile_rewind(struct tracefile_reader *r)
{
	r->pos = TRACEFILE_HEADER_SIZE;
	r->number = 0;
	r->prev = 0;
	r->failed = false;
}

static void seek_block(struct tracefile_reader *r, size_t i)
{
	r->failed = false;
	if (i >= r->nindex) {
		r->pos = r->rec_end;
		r->number = r->nrec;
		return;
	}
	r->pos = r->index[i].offset;
	r->number = r->index[i].number;
	r->prev = r->index[i].base;
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
	seek_block(r, (size_t)(n / TRACEFILE_INDEX_EVERY));
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
		if (!r->names)
			return;
	}
	uint16_t id = le16_load(rec->data);
	size_t n = rec->len - 2;
	char *name = malloc(n + 1);
	if (!name)
		return;
	memcpy(name, rec->data + 2, n);
	name[n] = '\0';
	free(r->names[id]);
	r->names[id] = name;
}

const char *tracefile_component_name(const struct tracefile_reader *r, uint16_t id)
{
	return r->names ? r->names[id] : NULL;
}

int tracefile_next(struct tracefile_reader *r, struct tracefile_record *rec,
		   char *err, size_t errlen)
{
	if (r->failed || r->pos >= r->rec_end) {
		if (!r->failed && r->number != r->nrec) {
			RERR(r, err, errlen, r->pos, "%" PRIu64 " records found, the trailer says %" PRIu64,
			     r->number, r->nrec);
			r->failed = true;
			return -1;
		}
		return 0;
	}
	uint64_t off = r->pos, delta, len;
	uint16_t type, comp;
	size_t hlen;
	if (r_header(r, off, r->rec_end, &delta, &type, &comp, &len, &hlen, err, errlen) < 0)
		goto bad;
	if (type == 0 || type == TRACEFILE_REC_INDEX) {
		RERR(r, err, errlen, off, "record type %u cannot appear here (corrupt file)", type);
		goto bad;
	}
	if (r->number >= r->nrec) {
		RERR(r, err, errlen, off, "more records than the trailer's count (%" PRIu64 ")", r->nrec);
		goto bad;
	}
	if (r_fill(r, off + hlen, (size_t)len) < 0) {
		RERR(r, err, errlen, off, "cannot read the record's payload");
		goto bad;
	}
	rec->offset = off;
	rec->number = r->number;
	rec->time = r->prev + unzigzag(delta);
	rec->type = type;
	rec->component = comp;
	rec->len = (uint32_t)len;
	rec->data = r_at(r, off + hlen);
	r->prev = rec->time;
	r->pos = off + hlen + len;
	r->number++;
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
