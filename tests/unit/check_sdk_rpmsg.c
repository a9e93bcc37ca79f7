/* The firmware SDK's device-side vrings (fw_vring.c) and RPMsg layer
 * (fw_rpmsg.c), compiled natively and driven by a fake host that plays
 * Linux's side of the rings in one arena, with good and hostile values.
 * The hardware services they call (mailbox, timer, log) are stubbed. */
#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "firmware-samples/sdk/fw.h"

#include "tests/unit/check_main.h"

char fw_trace_buf[FW_TRACE_BUF_SIZE];

/* The standard table, built by the SDK's macros. */
static void std_table(struct fw_rsc_table_std *t)
{
	struct fw_rsc_table_std v = FW_RSC_TABLE_STD_INIT;
	v.trace.da = 0x1000; /* the initialiser took a native pointer */
	*t = v;
}

/* ---- stubs for the hardware services fw_vring.c / fw_rpmsg.c call ---- */

static uint64_t fake_now;       /* mtime: every look moves it on, so bounded waits end */
static uint32_t fake_kicks[64]; /* mailbox messages the firmware sent */
static unsigned fake_nkicks;

uint64_t fw_time(void)
{
	return fake_now += 1000;
}

bool fw_wait_kick(uint32_t mask, uint64_t deadline)
{
	(void)mask;
	fake_now = deadline ? deadline : fake_now + 1000000;
	return false;
}

uint32_t fw_kicks_take(uint32_t mask)
{
	(void)mask;
	return 0;
}

int fw_mbox_send(uint32_t msg)
{
	if (fake_nkicks < sizeof(fake_kicks) / sizeof(fake_kicks[0]))
		fake_kicks[fake_nkicks++] = msg;
	return 0;
}

int fw_printf(const char *fmt, ...)
{
	(void)fmt; /* the messages are for the firmware's log; the counters are checked */
	return 0;
}

/* ---- a fake host (driver side of the rings) in one arena ---- */

#define T_NUM 8u
#define T_ALIGN 16u
#define ARENA_SIZE 0x4000u
#define BUF_OFF 0x1000u /* buffers from here, 512 bytes each */

struct fake_ring {
	uint8_t *base;
	uint16_t avail_idx;
	uint16_t next_desc;
};

static uint8_t *arena;

static uint8_t *avail_of(const struct fake_ring *fr)
{
	return fr->base + 16u * T_NUM;
}

static uint8_t *used_of(const struct fake_ring *fr)
{
	uintptr_t a = (uintptr_t)avail_of(fr) + 2u * (3u + T_NUM);
	return (uint8_t *)((a + T_ALIGN - 1) & ~(uintptr_t)(T_ALIGN - 1));
}

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* Publishes descriptor `head` = (addr, len, flags) in the avail ring. */
static void drv_add_raw(struct fake_ring *fr, uint16_t head, uint64_t addr, uint32_t len,
			uint16_t flags)
{
	if (head < T_NUM) {
		uint8_t *d = fr->base + 16u * head;
		memcpy(d, &addr, 8);
		memcpy(d + 8, &len, 4);
		put16(d + 12, flags);
		put16(d + 14, 0);
	}
	put16(avail_of(fr) + 4 + 2u * (fr->avail_idx % T_NUM), head);
	fr->avail_idx++;
	put16(avail_of(fr) + 2, fr->avail_idx);
}

static uint8_t *drv_add(struct fake_ring *fr, unsigned bufno, uint32_t len)
{
	uint8_t *buf = arena + BUF_OFF + 512u * bufno;
	drv_add_raw(fr, fr->next_desc++ % T_NUM, (uint64_t)(uintptr_t)buf, len, 0);
	return buf;
}

static uint16_t used_idx(const struct fake_ring *fr)
{
	return get16(used_of(fr) + 2);
}

static void used_elem(const struct fake_ring *fr, uint16_t i, uint32_t *id, uint32_t *len)
{
	const uint8_t *e = used_of(fr) + 4 + 8u * (i % T_NUM);
	*id = get32(e);
	*len = get32(e + 4);
}

static struct fake_ring ring0, ring1;

static void arena_setup(void)
{
	arena = aligned_alloc(4096, ARENA_SIZE);
	ck_assert_ptr_nonnull(arena);
	memset(arena, 0, ARENA_SIZE);
	ring0 = (struct fake_ring){ .base = arena };
	ring1 = (struct fake_ring){ .base = arena + 0x400 };
	fake_nkicks = 0;
	fake_now = 0;
}

static void arena_teardown(void)
{
	free(arena);
	arena = NULL;
}

static int vr_init(struct fw_vring *vr, const struct fake_ring *fr, uint32_t notifyid)
{
	return fw_vring_init_at(vr, (uintptr_t)fr->base, T_NUM, T_ALIGN, notifyid,
				FW_RPMSG_BUF_SIZE, (uintptr_t)arena, ARENA_SIZE);
}

START_TEST(test_vring_init_rejects)
{
	struct fw_vring vr;
	uintptr_t b = (uintptr_t)arena, n = ARENA_SIZE;
	ck_assert_int_eq(fw_vring_init_at(&vr, b, T_NUM, T_ALIGN, 0, 512, b, n), 0);
	static const uint32_t bad_num[] = { 0, 3, 6, 65536, 0x80000000u };
	for (unsigned i = 0; i < sizeof(bad_num) / sizeof(bad_num[0]); i++)
		ck_assert_int_eq(fw_vring_init_at(&vr, b, bad_num[i], T_ALIGN, 0, 512, b, n), -FW_EINVAL);
	static const uint32_t bad_align[] = { 0, 2, 3, 24, 0x20000 };
	for (unsigned i = 0; i < sizeof(bad_align) / sizeof(bad_align[0]); i++)
		ck_assert_int_eq(fw_vring_init_at(&vr, b, T_NUM, bad_align[i], 0, 512, b, n), -FW_EINVAL);
	ck_assert_int_eq(fw_vring_init_at(&vr, b + 2, T_NUM, T_ALIGN, 0, 512, b, n), -FW_EINVAL);
	ck_assert_int_eq(fw_vring_init_at(&vr, b + n - 64, T_NUM, T_ALIGN, 0, 512, b, n), -FW_EINVAL);
	ck_assert_int_eq(fw_vring_init_at(&vr, b - 4096, T_NUM, T_ALIGN, 0, 512, b, n), -FW_EINVAL);
	/* a ring refused at init refuses every take */
	uint16_t h;
	void *buf;
	uint32_t len;
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EIO);

	/* the table path: da still FW_RSC_ADDR_ANY (read before DRIVER_OK) */
	struct fw_rsc_vring rv = { .da = FW_RSC_ADDR_ANY, .align = 4096, .num = 256, .notifyid = 0 };
	ck_assert_int_eq(fw_vring_init(&vr, &rv, 512), -FW_EINVAL);
	rv.da = 0x1000; /* TCM, not DRAM */
	ck_assert_int_eq(fw_vring_init(&vr, &rv, 512), -FW_EINVAL);
	rv.da = 0xFFFFF000u; /* runs past the end of the 32-bit space */
	ck_assert_int_eq(fw_vring_init(&vr, &rv, 512), -FW_EINVAL);
	rv.da = FW_DRAM_BASE - 4096; /* below DRAM */
	ck_assert_int_eq(fw_vring_init(&vr, &rv, 512), -FW_EINVAL);
	/* DRAM beyond the default 256 MiB is shared memory too (a scenario
	 * may give 1 GiB; scenarios/dram-1g.json runs the echo firmware so) */
	ck_assert_uint_eq(FW_SHM_BASE, FW_DRAM_BASE);
	ck_assert_uint_eq((uint64_t)FW_SHM_BASE + FW_SHM_SIZE, 1ull << 32);
}
END_TEST

START_TEST(test_vring_get_put)
{
	struct fw_vring vr;
	ck_assert_int_eq(vr_init(&vr, &ring0, 0), 0);
	uint16_t h;
	void *buf;
	uint32_t len;
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EAGAIN);
	uint8_t *b0 = drv_add(&ring0, 0, 512);
	uint8_t *b1 = drv_add(&ring0, 1, 100);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	ck_assert_uint_eq(h, 0);
	ck_assert_ptr_eq(buf, b0);
	ck_assert_uint_eq(len, 512);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	ck_assert_ptr_eq(buf, b1);
	ck_assert_uint_eq(len, 100);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EAGAIN);
	fw_vring_put(&vr, 1, 20);
	ck_assert_uint_eq(used_idx(&ring0), 1);
	uint32_t id, ulen;
	used_elem(&ring0, 0, &id, &ulen);
	ck_assert_uint_eq(id, 1);
	ck_assert_uint_eq(ulen, 20);

	/* kicks follow the driver's NO_INTERRUPT flag */
	ck_assert(fw_vring_wants_kick(&vr));
	fw_vring_kick(&vr);
	put16(avail_of(&ring0), FW_VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert(!fw_vring_wants_kick(&vr));
	fw_vring_kick(&vr);
	ck_assert_uint_eq(fake_nkicks, 1);
	ck_assert_uint_eq(fake_kicks[0], 0);
}
END_TEST

/* VIRTIO_RING_F_EVENT_IDX on the device side (issue 16, item 2):
 * avail_event asks for a kick when the ring is found empty, kicks follow
 * the host's used_event (vring_need_event), not avail.flags */
START_TEST(test_vring_event_idx)
{
	struct fw_vring vr;
	ck_assert_int_eq(vr_init(&vr, &ring0, 3), 0);
	fw_vring_set_event_idx(&vr, true);
	uint8_t *avail_event = used_of(&ring0) + 4 + 8u * T_NUM;
	uint8_t *used_event = avail_of(&ring0) + 4 + 2u * T_NUM;
	put16(avail_event, 0xbeef);
	uint16_t h;
	void *buf;
	uint32_t len;
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EAGAIN);
	ck_assert_uint_eq(get16(avail_event), 0); /* kick me at the first buffer */
	drv_add(&ring0, 0, 64);
	drv_add(&ring0, 1, 64);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	ck_assert_uint_eq(get16(avail_event), 0); /* written only when empty */
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EAGAIN);
	ck_assert_uint_eq(get16(avail_event), 2);
	/* the host's NO_INTERRUPT flag no longer counts, used_event does */
	put16(avail_of(&ring0), FW_VRING_AVAIL_F_NO_INTERRUPT);
	put16(used_event, 0);
	fw_vring_put(&vr, 0, 0); /* used 0 -> 1 passes used_event 0 */
	ck_assert(fw_vring_wants_kick(&vr));
	fw_vring_put(&vr, 1, 0); /* 1 -> 2 does not */
	ck_assert(!fw_vring_wants_kick(&vr));
	put16(used_event, 2);
	drv_add(&ring0, 2, 64);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	fw_vring_put(&vr, h, 0); /* 2 -> 3 passes 2 */
	fw_vring_kick(&vr);
	ck_assert_uint_eq(fake_nkicks, 1);
	ck_assert_uint_eq(fake_kicks[0], 3);
	/* two entries put before one decision: one kick if either passed */
	put16(used_event, 3);
	drv_add(&ring0, 3, 64);
	drv_add(&ring0, 4, 64);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	fw_vring_put(&vr, h, 0);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	fw_vring_put(&vr, h, 0);
	ck_assert(fw_vring_wants_kick(&vr));
	ck_assert(!fw_vring_wants_kick(&vr)); /* nothing new since */
	/* off again: the flags count */
	fw_vring_set_event_idx(&vr, false);
	ck_assert(!fw_vring_wants_kick(&vr));
	put16(avail_of(&ring0), 0);
	ck_assert(fw_vring_wants_kick(&vr));
}
END_TEST

START_TEST(test_vring_index_wraps)
{
	/* free-running u16 indices across 65535 -> 0 */
	put16(used_of(&ring0) + 2, 65534);
	ring0.avail_idx = 65534;
	put16(avail_of(&ring0) + 2, 65534);
	struct fw_vring vr;
	ck_assert_int_eq(vr_init(&vr, &ring0, 0), 0);
	for (unsigned k = 0; k < 4; k++) {
		uint8_t *b = drv_add(&ring0, k, 64);
		uint16_t h;
		void *buf;
		uint32_t len;
		ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
		ck_assert_ptr_eq(buf, b);
		fw_vring_put(&vr, h, 0);
	}
	ck_assert_uint_eq(used_idx(&ring0), 2);
}
END_TEST

/* Hostile values in one descriptor: refused and handed back with len 0,
 * the ring stays usable. */
START_TEST(test_vring_refuses_bad_descriptors)
{
	struct fw_vring vr;
	ck_assert_int_eq(vr_init(&vr, &ring0, 0), 0);
	uintptr_t ok = (uintptr_t)(arena + BUF_OFF);
	const struct {
		uint64_t addr;
		uint32_t len;
		uint16_t flags;
	} bad[] = {
		{ ok, 0, 0 },                            /* empty */
		{ ok, 513, 0 },                          /* above 512 */
		{ ok, 0xFFFFFFFFu, 0 },
		{ (uintptr_t)arena - 512, 512, 0 },      /* below the memory */
		{ (uintptr_t)arena + ARENA_SIZE - 8, 16, 0 }, /* runs past its end */
		{ 0xFFFFFFFFFFFFFFF0ull, 512, 0 },       /* wraps */
		{ 0, 16, 0 },
		{ ok, 512, FW_VRING_DESC_F_NEXT },
		{ ok, 512, FW_VRING_DESC_F_INDIRECT },
	};
	unsigned n = sizeof(bad) / sizeof(bad[0]);
	for (unsigned i = 0; i < n; i++) {
		drv_add_raw(&ring0, (uint16_t)(i % T_NUM), bad[i].addr, bad[i].len, bad[i].flags);
		uint16_t h;
		void *buf;
		uint32_t len;
		ck_assert_msg(fw_vring_get(&vr, &h, &buf, &len) == -FW_EIO, "bad descriptor %u taken", i);
		ck_assert(!vr.broken);
		ck_assert_uint_eq(used_idx(&ring0), i + 1);
		uint32_t id, ulen;
		used_elem(&ring0, (uint16_t)i, &id, &ulen);
		ck_assert_uint_eq(id, i % T_NUM);
		ck_assert_uint_eq(ulen, 0);
	}
	ck_assert_uint_eq(vr.errors, n);
	uint8_t *b = drv_add(&ring0, 0, 16);
	uint16_t h;
	void *buf;
	uint32_t len;
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), 0);
	ck_assert_ptr_eq(buf, b);
}
END_TEST

/* A head >= num or an avail index running more than num ahead: the ring
 * cannot be trusted any more. */
START_TEST(test_vring_broken_by_bad_index)
{
	struct fw_vring vr;
	uint16_t h;
	void *buf;
	uint32_t len;
	ck_assert_int_eq(vr_init(&vr, &ring0, 0), 0);
	drv_add_raw(&ring0, T_NUM, (uintptr_t)(arena + BUF_OFF), 16, 0);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EIO);
	ck_assert(vr.broken);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EIO);
	ck_assert_uint_eq(used_idx(&ring0), 0); /* nothing to give back */

	memset(arena, 0, ARENA_SIZE);
	ck_assert_int_eq(vr_init(&vr, &ring0, 0), 0);
	put16(avail_of(&ring0) + 2, T_NUM + 1);
	ck_assert_int_eq(fw_vring_get(&vr, &h, &buf, &len), -FW_EIO);
	ck_assert(vr.broken);
}
END_TEST

/* ---- RPMsg on the fake rings ---- */

static struct fw_rsc_table_std tbl;
static struct fw_rpmsg rp;

struct rx_log {
	unsigned calls;
	uint32_t len, src;
	uint8_t data[FW_RPMSG_MAX_PAYLOAD];
	bool echo;
};

static int on_rx(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src, void *priv)
{
	struct rx_log *log = priv;
	log->calls++;
	log->len = len;
	log->src = src;
	memcpy(log->data, data, len);
	if (log->echo)
		ck_assert_int_eq(fw_rpmsg_send(ept, src, data, len), 0);
	return 0;
}

/* The state fw_rpmsg_wait_ready leaves, on the fake rings (their
 * addresses do not fit the table's 32-bit da fields natively). */
static void rpmsg_up(bool ns)
{
	std_table(&tbl);
	tbl.vdev.status = FW_VIRTIO_S_ACKNOWLEDGE | FW_VIRTIO_S_DRIVER | FW_VIRTIO_S_FEATURES_OK |
			  FW_VIRTIO_S_DRIVER_OK;
	tbl.vdev.gfeatures = ns ? 1u << FW_VIRTIO_RPMSG_F_NS : 0;
	ck_assert_int_eq(fw_rpmsg_init(&rp, &tbl, sizeof(tbl)), 0);
	ck_assert_ptr_eq((const void *)(uintptr_t)rp.vdev, &tbl.vdev);
	ck_assert_int_eq(vr_init(&rp.tx, &ring0, 0), 0);
	ck_assert_int_eq(vr_init(&rp.rx, &ring1, 1), 0);
	rp.ns = ns;
	rp.ready = true;
	/* Linux: vring 0 full of receive buffers, no TX-complete interrupts */
	for (unsigned k = 0; k < T_NUM; k++)
		drv_add(&ring0, k, 512);
	put16(avail_of(&ring1), FW_VRING_AVAIL_F_NO_INTERRUPT);
}

/* The host sends len bytes from src to dst on vring 1. */
static void host_send(unsigned bufno, uint32_t src, uint32_t dst, const void *data, uint16_t len,
		      uint32_t desc_len)
{
	uint8_t *b = arena + BUF_OFF + 512u * (8 + bufno);
	struct fw_rpmsg_hdr h = { .src = src, .dst = dst, .len = len };
	memcpy(b, &h, sizeof(h));
	memcpy(b + 16, data, len);
	drv_add_raw(&ring1, ring1.next_desc++ % T_NUM, (uintptr_t)b, desc_len, 0);
}

/* Message k the firmware sent on vring 0. */
static const uint8_t *sent(unsigned k, uint32_t *len)
{
	uint32_t id;
	ck_assert_uint_gt(used_idx(&ring0), k);
	used_elem(&ring0, (uint16_t)k, &id, len);
	ck_assert_uint_lt(id, T_NUM);
	return arena + BUF_OFF + 512u * id;
}

START_TEST(test_rpmsg_init_rejects)
{
	std_table(&tbl);
	ck_assert_int_eq(fw_rpmsg_init(&rp, &tbl, 100), -FW_EINVAL); /* vdev cut off */
	tbl.vdev.id = 1;                                              /* not rpmsg */
	ck_assert_int_eq(fw_rpmsg_init(&rp, &tbl, sizeof(tbl)), -FW_EINVAL);
	std_table(&tbl);
	tbl.vdev.num_of_vrings = 1;
	ck_assert_int_eq(fw_rpmsg_init(&rp, &tbl, sizeof(tbl)), -FW_EINVAL);
	ck_assert_int_eq(fw_rpmsg_wait_ready(&rp), -FW_EINVAL); /* no vdev found */
}
END_TEST

START_TEST(test_rpmsg_announce_and_echo)
{
	rpmsg_up(true);
	struct fw_rpmsg_ept ept;
	struct rx_log log = { .echo = true };
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &ept, "rpmsg-raw", 0x400, on_rx, &log), 0);
	/* the name-service announcement: 40 bytes from 0x400 to 53, kicked */
	uint32_t len;
	const uint8_t *m = sent(0, &len);
	ck_assert_uint_eq(len, 16 + 40);
	struct fw_rpmsg_hdr h;
	memcpy(&h, m, sizeof(h));
	ck_assert_uint_eq(h.src, 0x400);
	ck_assert_uint_eq(h.dst, 53);
	ck_assert_uint_eq(h.len, 40);
	struct fw_rpmsg_ns_msg ns;
	memcpy(&ns, m + 16, sizeof(ns));
	ck_assert_str_eq(ns.name, "rpmsg-raw");
	ck_assert_uint_eq(ns.addr, 0x400);
	ck_assert_uint_eq(ns.flags, FW_RPMSG_NS_CREATE);
	ck_assert_uint_eq(fake_nkicks, 1);
	ck_assert_uint_eq(fake_kicks[0], 0);

	host_send(0, 1024, 0x400, "Hello Remote Processor", 22, 16 + 22);
	ck_assert_int_eq(fw_rpmsg_poll(&rp), 1);
	ck_assert_uint_eq(log.calls, 1);
	ck_assert_uint_eq(log.src, 1024);
	ck_assert_uint_eq(log.len, 22);
	ck_assert_mem_eq(log.data, "Hello Remote Processor", 22);
	m = sent(1, &len);
	ck_assert_uint_eq(len, 16 + 22);
	memcpy(&h, m, sizeof(h));
	ck_assert_uint_eq(h.src, 0x400);
	ck_assert_uint_eq(h.dst, 1024);
	ck_assert_uint_eq(h.len, 22);
	ck_assert_mem_eq(m + 16, "Hello Remote Processor", 22);
	/* the receive buffer went back with len 0, without a kick (NO_INTERRUPT) */
	ck_assert_uint_eq(used_idx(&ring1), 1);
	uint32_t id, ulen;
	used_elem(&ring1, 0, &id, &ulen);
	ck_assert_uint_eq(ulen, 0);
	ck_assert_uint_eq(fake_nkicks, 2);
	ck_assert_uint_eq(fake_kicks[1], 0);
	ck_assert_uint_eq(rp.stats.rx, 1);
	ck_assert_uint_eq(rp.stats.tx, 2);

	/* destroy announces too */
	fw_rpmsg_destroy_ept(&ept);
	m = sent(2, &len);
	memcpy(&ns, m + 16, sizeof(ns));
	ck_assert_uint_eq(ns.flags, FW_RPMSG_NS_DESTROY);
	host_send(1, 1024, 0x400, "x", 1, 17);
	ck_assert_int_eq(fw_rpmsg_poll(&rp), 1);
	ck_assert_uint_eq(log.calls, 1);
	ck_assert_uint_eq(rp.stats.no_ept, 1);
}
END_TEST

START_TEST(test_rpmsg_no_ns_no_announcement)
{
	rpmsg_up(false);
	struct fw_rpmsg_ept ept;
	struct rx_log log = { 0 };
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &ept, "rpmsg-raw", FW_RPMSG_ADDR_ANY, on_rx, &log), 0);
	ck_assert_uint_eq(ept.addr, FW_RPMSG_FIRST_DYN_ADDR);
	ck_assert_uint_eq(used_idx(&ring0), 0);
}
END_TEST

/* Malformed messages from the host: dropped, counted, buffer recycled. */
START_TEST(test_rpmsg_rejects_bad_messages)
{
	rpmsg_up(true);
	struct fw_rpmsg_ept ept;
	struct rx_log log = { 0 };
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &ept, NULL, 0x400, on_rx, &log), 0);
	host_send(0, 1024, 0x400, "abcd", 4, 8);        /* shorter than the header */
	host_send(1, 1024, 0x400, "abcd", 4, 16 + 3);   /* hdr.len beyond the buffer */
	host_send(2, 1024, 0x999, "abcd", 4, 16 + 4);   /* no such endpoint */
	host_send(3, 1024, 0x400, "abcd", 4, 600);      /* descriptor above 512 */
	host_send(4, 1024, 0x400, "abcd", 4, 16 + 4);   /* good */
	ck_assert_int_eq(fw_rpmsg_poll(&rp), 4);
	ck_assert_uint_eq(log.calls, 1);
	ck_assert_uint_eq(rp.stats.bad_msg, 2);
	ck_assert_uint_eq(rp.stats.no_ept, 1);
	ck_assert_uint_eq(rp.stats.ring_errors, 1);
	ck_assert_uint_eq(used_idx(&ring1), 5); /* every buffer went back */
}
END_TEST

START_TEST(test_rpmsg_send_limits)
{
	rpmsg_up(true);
	struct fw_rpmsg_ept ept;
	struct rx_log log = { 0 };
	static uint8_t big[FW_RPMSG_MAX_PAYLOAD + 1];
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &ept, NULL, 0x400, on_rx, &log), 0);
	ck_assert_int_eq(fw_rpmsg_send(&ept, 1024, big, FW_RPMSG_MAX_PAYLOAD + 1), -FW_EMSGSIZE);
	ck_assert_int_eq(fw_rpmsg_send(&ept, 1024, big, FW_RPMSG_MAX_PAYLOAD), 0);
	for (unsigned k = 1; k < T_NUM; k++)
		ck_assert_int_eq(fw_rpmsg_trysend(&ept, 1024, "x", 1), 0);
	/* vring 0 is empty now */
	ck_assert_int_eq(fw_rpmsg_trysend(&ept, 1024, "x", 1), -FW_EAGAIN);
	ck_assert_int_eq(fw_rpmsg_send(&ept, 1024, "x", 1), -FW_ETIMEDOUT);
	/* a buffer too small for the message is given back unused */
	drv_add(&ring0, 0, 20);
	ck_assert_int_eq(fw_rpmsg_trysend(&ept, 1024, "0123456789", 10), -FW_EAGAIN);
	ck_assert_uint_eq(rp.stats.ring_errors, 1);
	uint32_t len;
	sent(T_NUM, &len);
	ck_assert_uint_eq(len, 0);
	/* the host resets the device: nothing is sent, poll says so */
	drv_add(&ring0, 1, 512);
	tbl.vdev.status = 0;
	ck_assert_int_eq(fw_rpmsg_trysend(&ept, 1024, "x", 1), -FW_ENOTCONN);
	ck_assert_int_eq(fw_rpmsg_poll(&rp), -FW_ENOTCONN);
	ck_assert(!rp.ready);
	ck_assert_int_eq(fw_rpmsg_send(NULL, 1024, "x", 1), -FW_EINVAL);
}
END_TEST

START_TEST(test_rpmsg_endpoint_addresses)
{
	rpmsg_up(false);
	struct fw_rpmsg_ept e[FW_RPMSG_MAX_EPTS + 1];
	struct rx_log log = { 0 };
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[0], NULL, 1024, on_rx, &log), 0);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[1], NULL, 1024, on_rx, &log), -FW_EBUSY);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[1], NULL, FW_RPMSG_NS_ADDR, on_rx, &log), -FW_EBUSY);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[1], "0123456789012345678901234567890123", 7,
					     on_rx, &log), -FW_EINVAL);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[1], NULL, 7, NULL, &log), -FW_EINVAL);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[1], NULL, FW_RPMSG_ADDR_ANY, on_rx, &log), 0);
	ck_assert_uint_eq(e[1].addr, 1025); /* 1024 is taken */
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[2], NULL, 5, on_rx, &log), 0);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[3], NULL, FW_RPMSG_ADDR_ANY, on_rx, &log), 0);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[4], NULL, FW_RPMSG_ADDR_ANY, on_rx, &log),
			 -FW_ENOSPC);
	fw_rpmsg_destroy_ept(&e[0]);
	ck_assert_int_eq(fw_rpmsg_create_ept(&rp, &e[4], NULL, 1024, on_rx, &log), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("sdk_rpmsg");
	TCase *tv = tcase_create("vring_rpmsg");
	tcase_add_checked_fixture(tv, arena_setup, arena_teardown);
	tcase_add_test(tv, test_vring_init_rejects);
	tcase_add_test(tv, test_vring_get_put);
	tcase_add_test(tv, test_vring_event_idx);
	tcase_add_test(tv, test_vring_index_wraps);
	tcase_add_test(tv, test_vring_refuses_bad_descriptors);
	tcase_add_test(tv, test_vring_broken_by_bad_index);
	tcase_add_test(tv, test_rpmsg_init_rejects);
	tcase_add_test(tv, test_rpmsg_announce_and_echo);
	tcase_add_test(tv, test_rpmsg_no_ns_no_announcement);
	tcase_add_test(tv, test_rpmsg_rejects_bad_messages);
	tcase_add_test(tv, test_rpmsg_send_limits);
	tcase_add_test(tv, test_rpmsg_endpoint_addresses);
	suite_add_tcase(s, tv);
	return s;
}
