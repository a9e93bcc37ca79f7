/* The host side of a split virtqueue: layout, posting, the used-ring
 * checks that break the ring, tamper detection, notification flags. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/host/rproc_mem.h"
#include "models/host/vring.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"

#define BASE 0x80000000u
#define RING (BASE + 0x1000)

static struct sim sim;
static struct bus bus;
static struct ram *ram;
static struct vring_drv vr;
static unsigned guest_errors;
static char last_log[512];

static void cap_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *comp,
		    const char *msg)
{
	(void)comp_id;
	(void)ctx, (void)t, (void)comp;
	if (cat == SIM_LOG_GUEST_ERROR)
		guest_errors++;
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static void setup(void)
{
	sim_init(&sim);
	sim.log_fn = cap_log;
	guest_errors = 0;
	last_log[0] = 0;
	bus_init(&bus, "host");
	ram = ram_create(0x10000);
	char err[128];
	ck_assert_int_eq(bus_map_ram(&bus, "ram", BASE, ram, 0, 0x10000, err, sizeof(err)), 0);
	/* garbage where the ring goes: init must zero it */
	ram_fill(ram, 0, 0xa5, 0x10000);
	ck_assert_int_eq(vring_drv_init(&vr, &sim, &bus, "t", 0, RING, 8, 64, err, sizeof(err)), 0);
}

static void teardown(void)
{
	vring_drv_destroy(&vr);
	bus_destroy(&bus);
	ram_destroy(ram);
	sim_destroy(&sim);
}

static uint16_t r16(uint64_t pa)
{
	uint8_t b[2];
	bus_read_block(&bus, pa, b, 2);
	return le16_load(b);
}

static void w16(uint64_t pa, uint16_t v)
{
	uint8_t b[2];
	le16_store(b, v);
	bus_write_block(&bus, pa, b, 2);
}

static void push_used(uint16_t slot, uint32_t id, uint32_t len)
{
	uint8_t e[8];
	le32_store(e, id);
	le32_store(e + 4, len);
	bus_write_block(&bus, vr.used + 4 + 8ull * slot, e, 8);
}

static int tok[64];

START_TEST(layout_sizes)
{
	ck_assert_uint_eq(rproc_vring_size(256, 4096), 10246);
	struct rproc_vring_layout l;
	ck_assert_int_eq(rproc_vring_layout(0x1000, 256, 4096, &l), 0);
	ck_assert_uint_eq(l.desc, 0x1000);
	ck_assert_uint_eq(l.avail, 0x1000 + 16 * 256);
	ck_assert_uint_eq(l.used, 0x1000 + 8192); /* align_up(4096 + 518, 4096) */
	/* the small ring of the fixture: desc 128, avail 6 + 16 -> used at 192 */
	ck_assert_uint_eq(vr.desc, RING);
	ck_assert_uint_eq(vr.avail, RING + 128);
	ck_assert_uint_eq(vr.used, RING + 192);
	ck_assert_uint_eq(vr.size, 192 + 6 + 64);
}
END_TEST

START_TEST(init_zeroes_ring)
{
	uint8_t b[262];
	bus_read_block(&bus, RING, b, sizeof(b));
	for (unsigned i = 0; i < sizeof(b); i++)
		ck_assert_uint_eq(b[i], 0);
	uint8_t after;
	bus_read_block(&bus, RING + vr.size, &after, 1);
	ck_assert_uint_eq(after, 0xa5); /* nothing past the ring */
}
END_TEST

START_TEST(check_leaves_memory_alone)
{
	char err[128];
	ck_assert_int_eq(vring_drv_check(&bus, 1, BASE + 0x4000, 8, 64, err, sizeof(err)), 0);
	uint8_t b;
	bus_read_block(&bus, BASE + 0x4000, &b, 1);
	ck_assert_uint_eq(b, 0xa5);
	ck_assert_int_eq(vring_drv_check(&bus, 1, BASE + 0xfff0, 8, 64, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "vring1 at 0x8000fff0"));
	/* a base near the top of the address space must not wrap */
	ck_assert_int_eq(vring_drv_check(&bus, 1, UINT64_MAX - 64, 8, 64, err, sizeof(err)), -1);
}
END_TEST

START_TEST(init_refuses_bad_config)
{
	struct vring_drv v;
	char err[128];
	ck_assert_int_eq(vring_drv_init(&v, &sim, &bus, "t", 0, RING, 6, 64, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "powers of two"));
	ck_assert_int_eq(vring_drv_init(&v, &sim, &bus, "t", 0, RING, 8, 48, err, sizeof(err)), -1);
	ck_assert_int_eq(vring_drv_init(&v, &sim, &bus, "t", 1, RING, 65536, 64, err, sizeof(err)),
			 -1);
	/* ring running off the end of RAM */
	ck_assert_int_eq(vring_drv_init(&v, &sim, &bus, "t", 1, BASE + 0xff00, 8, 64, err,
					sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "not inside host RAM"));
	ck_assert_int_eq(vring_drv_init(&v, &sim, &bus, "t", 1, 0x1000, 8, 64, err, sizeof(err)),
			 -1);
}
END_TEST

START_TEST(add_buf_writes_desc_and_avail)
{
	ck_assert_int_eq(vring_drv_add_buf(&vr, 0x80008000u, 512, true, &tok[0]), 0);
	ck_assert_int_eq(vring_drv_add_buf(&vr, 0x80008200u, 100, false, &tok[1]), 0);
	uint8_t d[32];
	bus_read_block(&bus, vr.desc, d, 32);
	ck_assert_uint_eq(le64_load(d), 0x80008000u);
	ck_assert_uint_eq(le32_load(d + 8), 512);
	ck_assert_uint_eq(le16_load(d + 12), VRING_DESC_F_WRITE);
	ck_assert_uint_eq(le64_load(d + 16), 0x80008200u);
	ck_assert_uint_eq(le32_load(d + 24), 100);
	ck_assert_uint_eq(le16_load(d + 28), 0);
	ck_assert_uint_eq(r16(vr.avail + 2), 2);  /* idx */
	ck_assert_uint_eq(r16(vr.avail + 4), 0);  /* ring[0] = head 0 */
	ck_assert_uint_eq(r16(vr.avail + 6), 1);
	ck_assert_uint_eq(vring_drv_outstanding(&vr), 2);
}
END_TEST

START_TEST(add_buf_full_is_enospc)
{
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8000 + 512u * i, 512, true, &tok[i]), 0);
	ck_assert_int_eq(vring_drv_add_buf(&vr, BASE, 512, true, &tok[9]), -ENOSPC);
}
END_TEST

START_TEST(get_used_in_order_and_wraps)
{
	/* three laps of the 8-entry ring: idx and slots wrap */
	for (int round = 0; round < 24; round++) {
		ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8000, 512, true, &tok[round % 8]), 0);
		uint16_t head = r16(vr.avail + 4 + 2 * (round % 8));
		push_used((uint16_t)(round % 8), head, 40);
		w16(vr.used + 2, (uint16_t)(round + 1));
		void *t;
		uint32_t len;
		ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), 1);
		ck_assert_ptr_eq(t, &tok[round % 8]);
		ck_assert_uint_eq(len, 40);
		ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), 0);
	}
	ck_assert_uint_eq(guest_errors, 0);
	ck_assert(!vr.broken);
}
END_TEST

/* used.idx can run free past 65535 */
START_TEST(get_used_idx_wraps_u16)
{
	vr.avail_idx = vr.last_used = 65534;
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8000, 512, true, &tok[i]), 0);
		uint16_t slot = (uint16_t)((65534 + i) & 7);
		push_used(slot, r16(vr.avail + 4 + 2 * slot), 16);
		w16(vr.used + 2, (uint16_t)(65534 + i + 1));
		void *t;
		uint32_t len;
		ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), 1);
		ck_assert_ptr_eq(t, &tok[i]);
	}
	ck_assert_uint_eq(vr.last_used, 2);
}
END_TEST

static void post_two(void)
{
	ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8000, 512, true, &tok[0]), 0);
	ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8200, 512, true, &tok[1]), 0);
}

static void expect_broken(const char *what)
{
	void *t;
	uint32_t len;
	ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), -EIO);
	ck_assert(vr.broken);
	ck_assert_uint_eq(guest_errors, 1);
	ck_assert_msg(strstr(last_log, what), "log was: %s", last_log);
	/* broken stays broken, quietly */
	ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), -EIO);
	ck_assert_int_eq(vring_drv_add_buf(&vr, BASE, 512, true, &tok[5]), -EIO);
	ck_assert(!vring_drv_kick_needed(&vr));
	ck_assert(!vring_drv_more_used(&vr));
	ck_assert_uint_eq(guest_errors, 1);
}

START_TEST(used_id_out_of_range)
{
	post_two();
	push_used(0, 8, 16);
	w16(vr.used + 2, 1);
	expect_broken("id 8 out of range");
}
END_TEST

START_TEST(used_id_huge)
{
	post_two();
	push_used(0, 0xffffffffu, 16);
	w16(vr.used + 2, 1);
	expect_broken("out of range");
}
END_TEST

START_TEST(used_id_not_a_head)
{
	post_two();
	push_used(0, 5, 16); /* in range, never posted */
	w16(vr.used + 2, 1);
	expect_broken("id 5 is not a head");
}
END_TEST

START_TEST(used_id_returned_twice)
{
	post_two();
	push_used(0, 0, 16);
	push_used(1, 0, 16); /* same head again */
	w16(vr.used + 2, 2);
	void *t;
	uint32_t len;
	ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), 1);
	expect_broken("is not a head");
}
END_TEST

START_TEST(used_idx_jumps)
{
	post_two();
	w16(vr.used + 2, 3); /* three used with two outstanding */
	expect_broken("used idx jumped");
}
END_TEST

START_TEST(used_idx_jumps_backwards)
{
	post_two();
	w16(vr.used + 2, 0xfff0);
	expect_broken("used idx jumped");
}
END_TEST

START_TEST(tampered_descriptor_ignored)
{
	post_two();
	/* the remote points descriptor 0 outside shared memory, len > 512 */
	uint8_t d[12];
	le64_store(d, 0xdead0000u);
	le32_store(d + 8, 4096);
	bus_write_block(&bus, vr.desc, d, 12);
	push_used(0, 0, 16);
	w16(vr.used + 2, 1);
	void *t;
	uint32_t len;
	ck_assert_int_eq(vring_drv_get_used(&vr, &t, &len, 0), 1);
	ck_assert_ptr_eq(t, &tok[0]); /* the host's own record wins */
	ck_assert_uint_eq(guest_errors, 1);
	ck_assert_ptr_nonnull(strstr(last_log, "rewritten by the remote"));
	ck_assert_ptr_nonnull(strstr(last_log, "0xdead0000"));
	ck_assert_uint_eq(vr.tampered, 1);
	ck_assert(!vr.broken);
	/* reposting rewrites the descriptor from the shadow */
	ck_assert_int_eq(vring_drv_add_buf(&vr, BASE + 0x8000, 512, true, &tok[0]), 0);
	uint8_t back[12];
	bus_read_block(&bus, vr.desc, back, 12);
	ck_assert_uint_eq(le64_load(back), BASE + 0x8000);
	ck_assert_uint_eq(le32_load(back + 8), 512);
}
END_TEST

START_TEST(kick_and_interrupt_flags)
{
	ck_assert(vring_drv_kick_needed(&vr));
	w16(vr.used, VRING_USED_F_NO_NOTIFY);
	ck_assert(!vring_drv_kick_needed(&vr));
	w16(vr.used, 0);
	ck_assert(vring_drv_kick_needed(&vr));
	vring_drv_set_no_interrupt(&vr, true);
	ck_assert_uint_eq(r16(vr.avail), VRING_AVAIL_F_NO_INTERRUPT);
	vring_drv_set_no_interrupt(&vr, false);
	ck_assert_uint_eq(r16(vr.avail), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("vring");
	TCase *tc = tcase_create("vring");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, layout_sizes);
	tcase_add_test(tc, init_zeroes_ring);
	tcase_add_test(tc, init_refuses_bad_config);
	tcase_add_test(tc, check_leaves_memory_alone);
	tcase_add_test(tc, add_buf_writes_desc_and_avail);
	tcase_add_test(tc, add_buf_full_is_enospc);
	tcase_add_test(tc, get_used_in_order_and_wraps);
	tcase_add_test(tc, get_used_idx_wraps_u16);
	tcase_add_test(tc, used_id_out_of_range);
	tcase_add_test(tc, used_id_huge);
	tcase_add_test(tc, used_id_not_a_head);
	tcase_add_test(tc, used_id_returned_twice);
	tcase_add_test(tc, used_idx_jumps);
	tcase_add_test(tc, used_idx_jumps_backwards);
	tcase_add_test(tc, tampered_descriptor_ignored);
	tcase_add_test(tc, kick_and_interrupt_flags);
	suite_add_tcase(s, tc);
	return s;
}

#include "check_main.h"
