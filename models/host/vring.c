#include "models/host/vring.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_mem.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"

/* The ring was checked to lie in RAM at init, so a failing access means the
 * memory map changed under us: a simulator bug.  Inline: every length is a
 * constant, so the copy is a move or two, not a memcpy call. */
static inline __attribute__((always_inline)) void rd(struct vring_drv *vr, uint64_t pa, void *buf,
						     uint64_t len)
{
	enum bus_status st = bus_read_block(vr->bus, pa, buf, len);
	assert(st == BUS_OK);
	(void)st;
}

static inline __attribute__((always_inline)) void wr(struct vring_drv *vr, uint64_t pa,
						     const void *buf, uint64_t len)
{
	enum bus_status st = bus_write_block(vr->bus, pa, buf, len);
	assert(st == BUS_OK);
	(void)st;
}

static uint16_t rd16(struct vring_drv *vr, uint64_t pa)
{
	uint8_t b[2];
	rd(vr, pa, b, 2);
	return le16_load(b);
}

static void wr16(struct vring_drv *vr, uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	wr(vr, pa, b, 2);
}

static uint64_t ring_end(const struct rproc_vring_layout *lay, uint32_t num)
{
	/* the used ring may start past base + size when base is not aligned */
	return lay->used + 6 + 8ull * num;
}

int vring_drv_check(struct bus *bus, unsigned index, uint64_t pa, uint32_t num, uint32_t align,
		    char *err, size_t errlen)
{
	struct rproc_vring_layout lay;
	if (rproc_vring_layout(pa, num, align, &lay) < 0) {
		snprintf(err, errlen,
			 "vring%u: num %" PRIu32 " and align %" PRIu32
			 " must be powers of two (num at most 32768)",
			 index, num, align);
		return -1;
	}
	uint64_t end = ring_end(&lay, num);
	if (end < pa || !bus_ram_ptr(bus, pa, end - pa, NULL, NULL)) {
		snprintf(err, errlen,
			 "vring%u at 0x%" PRIx64 " (%" PRIu64 " bytes) is not inside host RAM",
			 index, pa, end - pa);
		return -1;
	}
	return 0;
}

int vring_drv_init(struct vring_drv *vr, struct sim *sim, struct bus *bus,
		   const char *log_name, unsigned index, uint64_t pa, uint32_t num,
		   uint32_t align, char *err, size_t errlen)
{
	memset(vr, 0, sizeof(*vr));
	if (vring_drv_check(bus, index, pa, num, align, err, errlen) < 0)
		return -1;
	struct rproc_vring_layout lay;
	rproc_vring_layout(pa, num, align, &lay);
	vr->slots = calloc(num, sizeof(*vr->slots));
	if (!vr->slots) {
		snprintf(err, errlen, "vring%u: out of memory", index);
		return -1;
	}
	vr->sim = sim;
	vr->bus = bus;
	vr->log_name = log_name;
	vr->index = index;
	vr->desc = lay.desc;
	vr->avail = lay.avail;
	vr->used = lay.used;
	vr->size = ring_end(&lay, num) - pa;
	vr->num = num;
	vr->num_free = num;
	for (uint32_t i = 0; i < num; i++)
		vr->slots[i].next_free = (uint16_t)(i + 1);
	bus_fill_block(bus, pa, 0, vr->size);
	return 0;
}

void vring_drv_destroy(struct vring_drv *vr)
{
	free(vr->slots);
	vr->slots = NULL;
	vr->num = 0;
	vr->num_free = 0;
}

int vring_drv_add_buf(struct vring_drv *vr, uint64_t addr, uint32_t len, bool writable,
		      void *token)
{
	assert(token);
	if (vr->broken)
		return -EIO;
	if (!vr->num_free)
		return -ENOSPC;
	uint16_t head = vr->free_head;
	struct vring_slot *s = &vr->slots[head];
	assert(!s->token);
	vr->free_head = s->next_free;
	vr->num_free--;
	s->addr = addr;
	s->len = len;
	s->flags = writable ? VRING_DESC_F_WRITE : 0;
	s->token = token;

	uint8_t d[VRING_DESC_SIZE];
	le64_store(d + VRING_DESC_ADDR, addr);
	le32_store(d + VRING_DESC_LEN, len);
	le16_store(d + VRING_DESC_FLAGS, s->flags);
	le16_store(d + VRING_DESC_NEXT, 0);
	wr(vr, vr->desc + (uint64_t)head * VRING_DESC_SIZE, d, sizeof(d));
	wr16(vr, vr->avail + VRING_AVAIL_RING + 2ull * (vr->avail_idx & (vr->num - 1)), head);
	vr->avail_idx++;
	wr16(vr, vr->avail + VRING_AVAIL_IDX, vr->avail_idx);
	return 0;
}

/* used_event lives after the avail ring, avail_event after the used ring */
static uint64_t used_event_pa(const struct vring_drv *vr)
{
	return vr->avail + VRING_AVAIL_RING + 2ull * vr->num;
}

static uint64_t avail_event_pa(const struct vring_drv *vr)
{
	return vr->used + VRING_USED_RING + (uint64_t)VRING_USED_ELEM_SIZE * vr->num;
}

static int bad_ring(struct vring_drv *vr, sim_time_t t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad_ring(struct vring_drv *vr, sim_time_t t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vr->broken = true;
	sim_log_at(vr->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vr->log_name,
		   "vring%u: %s; the ring is broken until the device is reset", vr->index, msg);
	return -EIO;
}

bool vring_drv_more_used(struct vring_drv *vr)
{
	return !vr->broken && rd16(vr, vr->used + VRING_USED_IDX) != vr->last_used;
}

int vring_drv_get_used(struct vring_drv *vr, void **token, uint32_t *len, sim_time_t t)
{
	if (vr->broken)
		return -EIO;
	uint16_t used_idx = rd16(vr, vr->used + VRING_USED_IDX);
	uint16_t pending = (uint16_t)(used_idx - vr->last_used);
	if (!pending)
		return 0;
	/* The remote can only return what we posted: anything more means it
	 * moved used.idx wildly (Linux does not check and walks stale slots). */
	if (pending > vring_drv_outstanding(vr))
		return bad_ring(vr, t, "used idx jumped from %u to %u with %" PRIu32
				" buffers outstanding", vr->last_used, used_idx,
				vring_drv_outstanding(vr));

	uint8_t e[VRING_USED_ELEM_SIZE];
	rd(vr, vr->used + VRING_USED_RING +
		       (uint64_t)(vr->last_used & (vr->num - 1)) * VRING_USED_ELEM_SIZE,
	   e, sizeof(e));
	uint32_t id = le32_load(e);
	if (id >= vr->num)
		return bad_ring(vr, t, "id %" PRIu32 " out of range", id);
	struct vring_slot *s = &vr->slots[id];
	if (!s->token)
		return bad_ring(vr, t, "id %" PRIu32 " is not a head!", id);

	/* Linux keeps its own copy of each descriptor and so never reads one
	 * back; we do, only to tell the user the firmware scribbled on it. */
	uint8_t d[VRING_DESC_SIZE];
	rd(vr, vr->desc + (uint64_t)id * VRING_DESC_SIZE, d, sizeof(d));
	uint64_t daddr = le64_load(d + VRING_DESC_ADDR);
	uint32_t dlen = le32_load(d + VRING_DESC_LEN);
	uint16_t dflags = le16_load(d + VRING_DESC_FLAGS);
	if (daddr != s->addr || dlen != s->len || dflags != s->flags) {
		vr->tampered++;
		sim_log_at(vr->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, vr->log_name,
			   "vring%u: descriptor %" PRIu32 " rewritten by the remote "
			   "(addr 0x%" PRIx64 " len %" PRIu32 " flags 0x%x, posted addr 0x%" PRIx64
			   " len %" PRIu32 "); the host's copy is used",
			   vr->index, id, daddr, dlen, dflags, s->addr, s->len);
	}

	*token = s->token;
	*len = le32_load(e + 4);
	s->token = NULL;
	s->next_free = vr->free_head;
	vr->free_head = (uint16_t)id;
	vr->num_free++;
	vr->last_used++;
	/* virtqueue_get_buf_ctx_split: with callbacks on, the next interrupt
	 * is wanted for the next entry */
	if (vr->event && !(vr->avail_flags & VRING_AVAIL_F_NO_INTERRUPT))
		wr16(vr, used_event_pa(vr), vr->last_used);
	return 1;
}

void vring_drv_set_event_idx(struct vring_drv *vr, bool on)
{
	vr->event = on;
}

bool vring_drv_kick_needed(struct vring_drv *vr)
{
	uint16_t old = vr->kicked_avail;
	vr->kicked_avail = vr->avail_idx;
	if (vr->broken)
		return false;
	if (vr->event)
		return vring_need_event(rd16(vr, avail_event_pa(vr)), vr->avail_idx, old);
	return !(rd16(vr, vr->used + VRING_USED_FLAGS) & VRING_USED_F_NO_NOTIFY);
}

bool vring_drv_set_no_interrupt(struct vring_drv *vr, bool no_interrupt)
{
	uint16_t f = no_interrupt ? VRING_AVAIL_F_NO_INTERRUPT : 0;
	if (f != vr->avail_flags) {
		vr->avail_flags = f;
		if (!vr->event)
			wr16(vr, vr->avail + VRING_AVAIL_FLAGS, f);
		else if (no_interrupt) /* virtqueue_disable_cb_split */
			wr16(vr, used_event_pa(vr), 0);
	}
	if (no_interrupt)
		return false;
	/* virtqueue_enable_cb_prepare: interrupt me from the next used entry */
	if (vr->event)
		wr16(vr, used_event_pa(vr), vr->last_used);
	return vring_drv_more_used(vr);
}

/* ---- snapshots ---- */

int vring_drv_save(const struct vring_drv *vr, struct snap_writer *w)
{
	snap_begin(w, "vring");
	snap_put_u32(w, vr->num);
	snap_put_u16(w, vr->avail_idx);
	snap_put_u16(w, vr->last_used);
	snap_put_u16(w, vr->avail_flags);
	snap_put_u16(w, vr->kicked_avail);
	snap_put_bool(w, vr->event);
	snap_put_u16(w, vr->free_head);
	snap_put_u32(w, vr->num_free);
	snap_put_bool(w, vr->broken);
	snap_put_u64(w, vr->tampered);
	for (uint32_t i = 0; i < vr->num; i++) {
		const struct vring_slot *s = &vr->slots[i];
		snap_put_u64(w, s->addr);
		snap_put_u32(w, s->len);
		snap_put_u16(w, s->flags);
		snap_put_u16(w, s->next_free);
		snap_put_u64(w, (uint64_t)(uintptr_t)s->token);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

int vring_drv_restore(struct vring_drv *vr, struct sim *sim, struct bus *bus, const char *log_name,
		      unsigned index, uint64_t pa, uint32_t num, uint32_t align,
		      struct snap_reader *r)
{
	char err[160];
	memset(vr, 0, sizeof(*vr));
	if (vring_drv_check(bus, index, pa, num, align, err, sizeof(err)) < 0) {
		snap_fail(r, "%s", err);
		return -1;
	}
	snap_enter(r, "vring");
	uint32_t n = snap_get_u32(r);
	if (!r->failed && n != num)
		snap_fail(r, "vring%u: %u entries in the snapshot, %u here", index, n, num);
	if (r->failed)
		return -1;
	struct rproc_vring_layout lay;
	rproc_vring_layout(pa, num, align, &lay);
	vr->slots = calloc(num, sizeof(*vr->slots));
	if (!vr->slots) {
		snap_fail(r, "out of memory");
		return -1;
	}
	vr->sim = sim;
	vr->bus = bus;
	vr->log_name = log_name;
	vr->index = index;
	vr->desc = lay.desc;
	vr->avail = lay.avail;
	vr->used = lay.used;
	vr->size = ring_end(&lay, num) - pa;
	vr->num = num;
	vr->avail_idx = snap_get_u16(r);
	vr->last_used = snap_get_u16(r);
	vr->avail_flags = snap_get_u16(r);
	vr->kicked_avail = snap_get_u16(r);
	vr->event = snap_get_bool(r);
	vr->free_head = snap_get_u16(r);
	vr->num_free = snap_get_count(r, num + 1, "the free descriptors");
	vr->broken = snap_get_bool(r);
	vr->tampered = snap_get_u64(r);
	uint32_t posted = 0;
	for (uint32_t i = 0; i < num; i++) {
		struct vring_slot *s = &vr->slots[i];
		s->addr = snap_get_u64(r);
		s->len = snap_get_u32(r);
		s->flags = snap_get_u16(r);
		s->next_free = snap_get_u16(r);
		uint64_t tok = snap_get_u64(r);
		if (tok > UINT32_MAX)
			snap_fail(r, "vring%u: descriptor %u holds token %llu", index, i,
				  (unsigned long long)tok);
		s->token = (void *)(uintptr_t)tok;
		posted += tok != 0;
	}
	snap_leave(r);
	/* the free list: num_free slots without a token, no cycle */
	if (!r->failed && posted != num - vr->num_free)
		snap_fail(r, "vring%u: %u descriptors posted but %u free of %u", index, posted,
			  vr->num_free, num);
	uint32_t at = vr->free_head;
	for (uint32_t k = 0; k < vr->num_free && !r->failed; k++) {
		if (at >= num || vr->slots[at].token) {
			snap_fail(r, "vring%u: the free list reaches descriptor %u, which is not free",
				  index, at);
			break;
		}
		vr->slots[at].token = vr; /* a mark for this walk */
		at = vr->slots[at].next_free;
	}
	for (uint32_t i = 0; i < num; i++)
		if (vr->slots[i].token == vr)
			vr->slots[i].token = NULL;
	if (r->failed) {
		vring_drv_destroy(vr);
		return -1;
	}
	return 0;
}
