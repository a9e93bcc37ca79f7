/* The binary trace file's writer: a struct trace_sink that encodes
 * records as doc/trace-format.md describes.  The reader and exporters are
 * in sim/trace/ (a higher layer); both share sim/core/tracefile_format.h. */
#include "sim/core/tracefile_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/fileio.h"
#include "sim/core/le.h"

#define WBUF_SIZE 65536u

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
	uint64_t delta = tracefile_zigzag(t - w->prev);
	w->prev = t;
	w->nrec++;
	if (w->len + TRACEFILE_REC_HDR_MAX + len <= WBUF_SIZE) {
		/* the common case: encode straight into the buffer */
		uint8_t *p = w->buf + w->len;
		size_t n = tracefile_put_varint(p, delta);
		le16_store(p + n, type);
		le16_store(p + n + 2, component);
		n += 4;
		n += tracefile_put_varint(p + n, len);
		if (len)
			memcpy(p + n, data, len);
		n += len;
		w->len += n;
		w->offset += n;
		return;
	}
	uint8_t hdr[TRACEFILE_REC_HDR_MAX];
	size_t n = tracefile_put_varint(hdr, delta);
	le16_store(hdr + n, type);
	le16_store(hdr + n + 2, component);
	n += 4;
	n += tracefile_put_varint(hdr + n, len);
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
		}
		uint8_t hdr[TRACEFILE_REC_HDR_MAX];
		size_t n = tracefile_put_varint(hdr, 0);
		le16_store(hdr + n, TRACEFILE_REC_INDEX);
		le16_store(hdr + n + 2, TRACEFILE_NO_COMPONENT);
		n += 4;
		n += tracefile_put_varint(hdr + n, plen);
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
