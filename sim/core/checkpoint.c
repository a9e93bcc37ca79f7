/* Checkpoint files (checkpoint.h, doc/checkpoints.md). */
#include "sim/core/checkpoint.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/compress.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"

static void put(uint8_t **p, const void *src, size_t n)
{
	memcpy(*p, src, n);
	*p += n;
}

int checkpoint_write(const char *path, const struct checkpoint *ck, char *err, size_t errlen)
{
	uint8_t *z = NULL;
	size_t zlen = 0;
	if (compress_buf(COMPRESS_FAST, ck->snap, ck->snap_len, &z, &zlen) < 0) {
		snprintf(err, errlen, "%s: out of memory compressing the snapshot", path);
		return -1;
	}
	size_t total = CHECKPOINT_HEADER_SIZE + 12 + 16 + zlen + 8;
	for (unsigned i = 0; i < ck->nids; i++)
		total += 20 + strlen(ck->ids[i].path);
	uint8_t *buf = malloc(total);
	if (!buf) {
		free(z);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	uint8_t *p = buf, w[8];
	put(&p, CHECKPOINT_MAGIC, 8);
	le16_store(w, CHECKPOINT_VERSION);
	le16_store(w + 2, 0);
	le32_store(w + 4, 0);
	put(&p, w, 8);
	le64_store(w, ck->time);
	put(&p, w, 8);
	le32_store(w, ck->nids);
	put(&p, w, 4);
	for (unsigned i = 0; i < ck->nids; i++) {
		const struct checkpoint_id *id = &ck->ids[i];
		size_t n = strlen(id->path);
		*p++ = (uint8_t)id->kind;
		*p++ = TRACEFILE_HASH_FNV1A64;
		le64_store(w, id->hash);
		put(&p, w, 8);
		le64_store(w, id->size);
		put(&p, w, 8);
		le16_store(w, (uint16_t)n);
		put(&p, w, 2);
		put(&p, id->path, n);
	}
	le64_store(w, ck->snap_len);
	put(&p, w, 8);
	le64_store(w, zlen);
	put(&p, w, 8);
	put(&p, z, zlen);
	free(z);
	le64_store(w, tracefile_fnv1a64(buf, (size_t)(p - buf)));
	put(&p, w, 8);
	FILE *f = fopen(path, "wb");
	int rc = 0;
	if (!f || fwrite(buf, 1, (size_t)(p - buf), f) != (size_t)(p - buf)) {
		snprintf(err, errlen, "%s: cannot write the checkpoint: %s", path, strerror(errno));
		rc = -1;
	}
	if (f && fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: cannot write the checkpoint: %s", path, strerror(errno));
		rc = -1;
	}
	free(buf);
	return rc;
}

struct rd {
	const uint8_t *buf;
	size_t len, pos;
	const char *name;
	char *err;
	size_t errlen;
	bool failed;
};

static void bad(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(struct rd *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	r->failed = true;
	char m[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	snprintf(r->err, r->errlen, "%s: byte %zu: %s", r->name, r->pos, m);
}

static const uint8_t *take(struct rd *r, size_t n, const char *what)
{
	if (r->failed)
		return NULL;
	if (n > r->len - r->pos) {
		bad(r, "the file ends inside %s (%zu bytes wanted, %zu left): cut short?", what, n,
		    r->len - r->pos);
		return NULL;
	}
	const uint8_t *p = r->buf + r->pos;
	r->pos += n;
	return p;
}

int checkpoint_parse(const uint8_t *buf, size_t len, const char *name, struct checkpoint *ck,
		     char *err, size_t errlen)
{
	memset(ck, 0, sizeof(*ck));
	struct rd r = { .buf = buf, .len = len, .name = name, .err = err, .errlen = errlen };
	const uint8_t *h = take(&r, CHECKPOINT_HEADER_SIZE, "the header");
	if (!h)
		return -1;
	if (memcmp(h, CHECKPOINT_MAGIC, 8) != 0) {
		r.pos = 0;
		bad(&r, "not an rpsim checkpoint (no \"%s\" at the start)", CHECKPOINT_MAGIC);
		return -1;
	}
	uint16_t version = le16_load(h + 8);
	if (version != CHECKPOINT_VERSION) {
		r.pos = 8;
		bad(&r, "checkpoint format version %u; this rpsim reads version %u (make the "
		    "checkpoint again with this rpsim)", version, CHECKPOINT_VERSION);
		return -1;
	}
	if (le16_load(h + 10) != 0 || le32_load(h + 12) != 0) {
		r.pos = 10;
		bad(&r, "flags or reserved bytes are not 0");
		return -1;
	}
	if (len < CHECKPOINT_HEADER_SIZE + 8) {
		bad(&r, "the file is too short for a checkpoint: cut short?");
		return -1;
	}
	/* the checksum first: what follows is then what was written */
	uint64_t sum = le64_load(buf + len - 8);
	if (sum != tracefile_fnv1a64(buf, len - 8)) {
		r.pos = len - 8;
		bad(&r, "the checksum does not match the contents: the file is corrupt or cut short");
		return -1;
	}
	r.len = len - 8;
	const uint8_t *p = take(&r, 12, "the body");
	if (!p)
		return -1;
	ck->time = le64_load(p);
	uint32_t nids = le32_load(p + 8);
	if (nids > CHECKPOINT_MAX_IDS) {
		bad(&r, "%u identities; at most %d", nids, CHECKPOINT_MAX_IDS);
		return -1;
	}
	for (uint32_t i = 0; i < nids; i++) {
		const uint8_t *e = take(&r, 20, "an identity");
		if (!e)
			return -1;
		struct checkpoint_id *id = &ck->ids[i];
		uint16_t plen = le16_load(e + 18);
		if (e[0] > TRACEFILE_ID_TOOL || e[1] != TRACEFILE_HASH_FNV1A64 || plen > CHECKPOINT_PATH_MAX) {
			bad(&r, "identity %u: kind %u, hash %u or path length %u is not valid", i, e[0], e[1],
			    plen);
			return -1;
		}
		id->kind = (enum tracefile_id_kind)e[0];
		id->hash = le64_load(e + 2);
		id->size = le64_load(e + 10);
		const uint8_t *path = take(&r, plen, "an identity's path");
		if (!path)
			return -1;
		for (unsigned k = 0; k < plen; k++) {
			if (path[k] < 0x20 || path[k] == 0x7f) {
				bad(&r, "identity %u: its path holds the control byte 0x%02x", i, path[k]);
				return -1;
			}
		}
		memcpy(id->path, path, plen);
		id->path[plen] = '\0';
	}
	ck->nids = nids;
	p = take(&r, 16, "the snapshot's sizes");
	if (!p)
		return -1;
	uint64_t n = le64_load(p), zn = le64_load(p + 8);
	if (n == 0 || n > CHECKPOINT_MAX_SNAPSHOT) {
		bad(&r, "a snapshot of %llu bytes (1 to %llu expected)", (unsigned long long)n,
		    (unsigned long long)CHECKPOINT_MAX_SNAPSHOT);
		return -1;
	}
	if (zn != r.len - r.pos) {
		bad(&r, "the compressed snapshot is said to be %llu bytes; %zu are there",
		    (unsigned long long)zn, r.len - r.pos);
		return -1;
	}
	const uint8_t *z = take(&r, (size_t)zn, "the snapshot");
	if (!z)
		return -1;
	char why[160];
	if (decompress_alloc(z, (size_t)zn, (size_t)n, &ck->snap, why, sizeof(why)) < 0) {
		r.pos -= (size_t)zn;
		bad(&r, "the snapshot: %s", why);
		return -1;
	}
	ck->snap_len = (size_t)n;
	return 0;
}

int checkpoint_read(const char *path, struct checkpoint *ck, char *err, size_t errlen)
{
	memset(ck, 0, sizeof(*ck));
	size_t len = 0;
	/* the one reader of input files: regular files only, capped */
	char *buf = sim_file_read(path, SIM_FILE_CHECKPOINT, &len, err, errlen);
	if (!buf)
		return -1;
	int rc = checkpoint_parse((const uint8_t *)buf, len, path, ck, err, errlen);
	free(buf);
	return rc;
}

void checkpoint_free(struct checkpoint *ck)
{
	free(ck->snap);
	ck->snap = NULL;
	ck->snap_len = 0;
}
