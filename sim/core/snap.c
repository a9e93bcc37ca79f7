#include "sim/core/snap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim/core/le.h"

void snap_writer_init(struct snap_writer *w)
{
	memset(w, 0, sizeof(*w));
}

void snap_writer_free(struct snap_writer *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}

/* The buffer grows out of line: a snapshot writes thousands of small
 * fields, each checked against the room left inline. */
__attribute__((noinline)) static uint8_t *w_grow(struct snap_writer *w, size_t n)
{
	if (w->failed)
		return NULL;
	if (n > SIZE_MAX - w->len) {
		w->failed = true;
		return NULL;
	}
	if (w->len + n > w->cap) {
		size_t ncap = w->cap ? w->cap : 256;
		while (ncap < w->len + n)
			ncap = ncap > SIZE_MAX / 2 ? w->len + n : ncap * 2;
		uint8_t *nb = realloc(w->buf, ncap);
		if (!nb) {
			w->failed = true;
			return NULL;
		}
		w->buf = nb;
		w->cap = ncap;
	}
	uint8_t *p = w->buf + w->len;
	w->len += n;
	return p;
}

static inline uint8_t *w_reserve(struct snap_writer *w, size_t n)
{
	if (!w->failed && n <= w->cap - w->len) {
		uint8_t *p = w->buf + w->len;
		w->len += n;
		return p;
	}
	return w_grow(w, n);
}

void snap_put_u8(struct snap_writer *w, uint8_t v)
{
	uint8_t *p = w_reserve(w, 1);
	if (p)
		*p = v;
}

void snap_put_u16(struct snap_writer *w, uint16_t v)
{
	uint8_t *p = w_reserve(w, 2);
	if (p)
		le16_store(p, v);
}

void snap_put_u32(struct snap_writer *w, uint32_t v)
{
	uint8_t *p = w_reserve(w, 4);
	if (p)
		le32_store(p, v);
}

void snap_put_u64(struct snap_writer *w, uint64_t v)
{
	uint8_t *p = w_reserve(w, 8);
	if (p)
		le64_store(p, v);
}

void snap_put_bool(struct snap_writer *w, bool v)
{
	snap_put_u8(w, v ? 1 : 0);
}

uint8_t *snap_put_space(struct snap_writer *w, size_t n)
{
	return w_reserve(w, n);
}

void snap_put_bytes(struct snap_writer *w, const void *src, size_t n)
{
	uint8_t *p = w_reserve(w, n);
	if (p && n)
		memcpy(p, src, n);
}

void snap_put_str(struct snap_writer *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > SNAP_STR_MAX) {
		w->failed = true; /* a programming error: names are bounded */
		return;
	}
	snap_put_u16(w, (uint16_t)n);
	snap_put_bytes(w, s, n);
}

void snap_put_event(struct snap_writer *w, const struct event *ev)
{
	bool pending = event_pending(ev);
	snap_put_bool(w, pending);
	snap_put_u64(w, pending ? ev->time : 0);
	snap_put_u64(w, pending ? ev->seq : 0);
}

void snap_begin(struct snap_writer *w, const char *tag)
{
	uint8_t t[SNAP_TAG_MAX] = { 0 };
	size_t n = strlen(tag);
	if (n >= SNAP_TAG_MAX || w->depth >= SNAP_MAX_DEPTH) {
		w->failed = true; /* a programming error: the stream is unusable */
		return;
	}
	memcpy(t, tag, n);
	snap_put_bytes(w, t, sizeof(t));
	w->open[w->depth++] = w->len;
	snap_put_u32(w, 0);
}

void snap_end(struct snap_writer *w)
{
	if (w->depth == 0) {
		w->failed = true;
		return;
	}
	size_t at = w->open[--w->depth];
	if (!w->failed) {
		size_t n = w->len - at - 4;
		if (n > UINT32_MAX)
			w->failed = true;
		else
			le32_store(w->buf + at, (uint32_t)n);
	}
}

void snap_reader_init(struct snap_reader *r, const void *buf, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
}

void snap_fail(struct snap_reader *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	r->failed = true;
	char m[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	snprintf(r->err, sizeof(r->err), "snapshot: byte %zu: %s", r->pos, m);
}

static const uint8_t *r_take(struct snap_reader *r, size_t n)
{
	if (r->failed)
		return NULL;
	size_t limit = r->depth ? r->end[r->depth - 1] : r->len;
	if (n > limit - r->pos) {
		snap_fail(r, "truncated: %zu more bytes wanted, %zu left%s", n, limit - r->pos,
			  r->depth ? " in the section" : "");
		return NULL;
	}
	const uint8_t *p = r->buf + r->pos;
	r->pos += n;
	return p;
}

uint8_t snap_get_u8(struct snap_reader *r)
{
	const uint8_t *p = r_take(r, 1);
	return p ? *p : 0;
}

uint16_t snap_get_u16(struct snap_reader *r)
{
	const uint8_t *p = r_take(r, 2);
	return p ? le16_load(p) : 0;
}

uint32_t snap_get_u32(struct snap_reader *r)
{
	const uint8_t *p = r_take(r, 4);
	return p ? le32_load(p) : 0;
}

uint64_t snap_get_u64(struct snap_reader *r)
{
	const uint8_t *p = r_take(r, 8);
	return p ? le64_load(p) : 0;
}

bool snap_get_bool(struct snap_reader *r)
{
	uint8_t v = snap_get_u8(r);
	if (v > 1)
		snap_fail(r, "a flag holds %u (0 or 1 expected)", v);
	return v == 1;
}

void snap_get_bytes(struct snap_reader *r, void *dst, size_t n)
{
	const uint8_t *p = r_take(r, n);
	if (p && n)
		memcpy(dst, p, n);
	else if (n)
		memset(dst, 0, n);
}

void snap_get_str(struct snap_reader *r, char *buf, size_t cap)
{
	if (cap)
		buf[0] = '\0';
	uint16_t n = snap_get_u16(r);
	if (r->failed)
		return;
	if (n > SNAP_STR_MAX || (size_t)n >= cap) {
		snap_fail(r, "a string of %u bytes where at most %zu fit", n, cap ? cap - 1 : 0);
		return;
	}
	const uint8_t *p = r_take(r, n);
	if (!p)
		return;
	for (unsigned i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			snap_fail(r, "a string holds the control byte 0x%02x", p[i]);
			return;
		}
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
}

char *snap_get_strdup(struct snap_reader *r)
{
	char tmp[SNAP_STR_MAX + 1];
	snap_get_str(r, tmp, sizeof(tmp));
	if (r->failed)
		return NULL;
	char *s = strdup(tmp);
	if (!s)
		snap_fail(r, "out of memory");
	return s;
}

uint32_t snap_get_count(struct snap_reader *r, uint32_t limit, const char *what)
{
	uint32_t v = snap_get_u32(r);
	if (!r->failed && v >= limit) {
		snap_fail(r, "%s is %u; at most %u", what, v, limit ? limit - 1 : 0);
		return 0;
	}
	return v;
}

void snap_get_event(struct snap_reader *r, struct eventq *q, struct event *ev)
{
	bool pending = snap_get_bool(r);
	sim_time_t t = snap_get_u64(r);
	uint64_t seq = snap_get_u64(r);
	if (r->failed)
		return;
	eventq_cancel(q, ev);
	if (pending && eventq_restore(q, ev, t, seq) < 0)
		snap_fail(r, "out of memory restoring event \"%s\"", ev->name ? ev->name : "?");
}

void snap_enter(struct snap_reader *r, const char *tag)
{
	const uint8_t *t = r_take(r, SNAP_TAG_MAX);
	if (!t)
		return;
	if (strnlen((const char *)t, SNAP_TAG_MAX) == SNAP_TAG_MAX ||
	    strcmp((const char *)t, tag) != 0) {
		char got[SNAP_TAG_MAX + 1];
		size_t i;
		for (i = 0; i < SNAP_TAG_MAX && t[i]; i++)
			got[i] = t[i] >= 0x20 && t[i] < 0x7f ? (char)t[i] : '?';
		got[i] = 0;
		snap_fail(r, "section \"%s\" expected, found \"%s\"", tag, got);
		return;
	}
	uint32_t n = snap_get_u32(r);
	if (r->failed)
		return;
	size_t limit = r->depth ? r->end[r->depth - 1] : r->len;
	if (n > limit - r->pos || r->depth >= SNAP_MAX_DEPTH) {
		snap_fail(r, "section \"%s\" says %u bytes, only %zu are left", tag, n, limit - r->pos);
		return;
	}
	r->end[r->depth++] = r->pos + n;
}

void snap_leave(struct snap_reader *r)
{
	if (r->failed)
		return;
	if (r->depth == 0) {
		snap_fail(r, "leaving a section that was not entered");
		return;
	}
	size_t end = r->end[--r->depth];
	if (r->pos != end)
		snap_fail(r, "%zu bytes of a section were not read (the snapshot is from another version?)",
			  end - r->pos);
}

/* ---- chains ---- */

struct snap_delta {
	struct {
		const void *key;
		struct snap_shadow sh;
	} mem[SNAP_DELTA_MAX];
	unsigned n;
	bool keyframe;
};

struct snap_delta *snap_delta_create(void)
{
	struct snap_delta *d = calloc(1, sizeof(*d));
	if (d)
		d->keyframe = true;
	return d;
}

void snap_delta_free(struct snap_delta *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < d->n; i++) {
		munmap(d->mem[i].sh.bytes, (size_t)d->mem[i].sh.size);
		free(d->mem[i].sh.present);
	}
	free(d);
}

void snap_delta_keyframe(struct snap_delta *d)
{
	d->keyframe = true;
}

bool snap_delta_is_keyframe(const struct snap_delta *d)
{
	return d->keyframe;
}

void snap_delta_done(struct snap_delta *d)
{
	d->keyframe = false;
}

struct snap_shadow *snap_delta_shadow(struct snap_delta *d, const void *key, uint64_t size)
{
	for (unsigned i = 0; i < d->n; i++)
		if (d->mem[i].key == key)
			return d->mem[i].sh.size == size ? &d->mem[i].sh : NULL;
	if (d->n == SNAP_DELTA_MAX || size == 0 || size % 4096)
		return NULL;
	/* sparse: only the pages a snapshot saved cost memory */
	void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	uint8_t *present = calloc((size_t)(size / 4096), 1);
	if (!present) {
		munmap(p, (size_t)size);
		return NULL;
	}
	d->mem[d->n].key = key;
	d->mem[d->n].sh = (struct snap_shadow){ .bytes = p, .present = present, .size = size };
	return &d->mem[d->n++].sh;
}
