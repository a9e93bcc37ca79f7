/* The binary trace file's validating reader.  Layout and payloads:
 * doc/trace-format.md; the writer is sim/core/tracefile_write.c. */
#include "sim/trace/tracefile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return record_type_name(type);
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
	size_t avail = (size_t)(limit - off < TRACEFILE_REC_HDR_MAX ? limit - off : TRACEFILE_REC_HDR_MAX);
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
	if (every != TRACEFILE_INDEX_EVERY || n != want || (len - 12) / TRACEFILE_INDEX_ENTRY_SIZE != n ||
	    (len - 12) % TRACEFILE_INDEX_ENTRY_SIZE) {
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
		const uint8_t *e = p + 12 + i * TRACEFILE_INDEX_ENTRY_SIZE;
		struct tracefile_index_entry *x = &r->index[i];
		x->number = le64_load(e);
		x->offset = le64_load(e + 8);
		x->base = le64_load(e + 16);
		x->max_time = le64_load(e + 24);
		uint64_t lo = i ? r->index[i - 1].offset + 1 : TRACEFILE_HEADER_SIZE;
		if (x->number != i * TRACEFILE_INDEX_EVERY || x->offset < lo || x->offset >= r->rec_end ||
		    (i == 0 && (x->offset != TRACEFILE_HEADER_SIZE || x->base != 0))) {
			RERR(r, err, errlen, off + hlen + 12 + i * TRACEFILE_INDEX_ENTRY_SIZE,
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
		for (size_t i = 0; i < r->nnamed; i++)
			free(r->names[r->named[i]]);
		free(r->names);
		free(r->named);
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
	if (len > TRACEFILE_RECORD_MAX) {
		RERR(r, err, errlen, off, "record of %" PRIu64 " bytes; no record is longer than %u "
		     "bytes (corrupt file)", len, TRACEFILE_RECORD_MAX);
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
	rec->time = r->prev + tracefile_unzigzag(delta);
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
