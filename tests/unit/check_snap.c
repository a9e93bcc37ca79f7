/* The snapshot stream (sim/core/snap.h): round trips, sections, events
 * with their sequence numbers, and hostile input. */
#include <check.h>
#include <string.h>

#include "sim/core/sim.h"
#include "sim/core/snap.h"
#include "tests/unit/check_main.h"

START_TEST(round_trip)
{
	struct snap_writer w;
	snap_writer_init(&w);
	snap_begin(&w, "outer");
	snap_put_u8(&w, 0xab);
	snap_put_u16(&w, 0xbeef);
	snap_begin(&w, "inner");
	snap_put_u32(&w, 0xdeadbeef);
	snap_end(&w);
	snap_put_u64(&w, 0x0123456789abcdefULL);
	snap_put_bool(&w, true);
	snap_put_bytes(&w, "xyz", 3);
	snap_end(&w);
	ck_assert(!w.failed);
	struct snap_reader r;
	snap_reader_init(&r, w.buf, w.len);
	snap_enter(&r, "outer");
	ck_assert_uint_eq(snap_get_u8(&r), 0xab);
	ck_assert_uint_eq(snap_get_u16(&r), 0xbeef);
	snap_enter(&r, "inner");
	ck_assert_uint_eq(snap_get_u32(&r), 0xdeadbeef);
	snap_leave(&r);
	ck_assert_uint_eq(snap_get_u64(&r), 0x0123456789abcdefULL);
	ck_assert(snap_get_bool(&r));
	char b[3];
	snap_get_bytes(&r, b, 3);
	ck_assert_int_eq(memcmp(b, "xyz", 3), 0);
	snap_leave(&r);
	ck_assert_int_eq(snap_status(&r), 0);
	snap_writer_free(&w);
}
END_TEST

START_TEST(refuses_bad_streams)
{
	struct snap_writer w;
	snap_writer_init(&w);
	snap_begin(&w, "core");
	snap_put_u32(&w, 7);
	snap_end(&w);
	struct snap_reader r;
	/* wrong section */
	snap_reader_init(&r, w.buf, w.len);
	snap_enter(&r, "mbox");
	ck_assert_int_eq(snap_status(&r), -1);
	ck_assert_ptr_nonnull(strstr(r.err, "section \"mbox\" expected, found \"core\""));
	ck_assert_uint_eq(snap_get_u32(&r), 0); /* failed: zeros from now on */
	/* not everything read */
	snap_reader_init(&r, w.buf, w.len);
	snap_enter(&r, "core");
	snap_get_u8(&r);
	snap_leave(&r);
	ck_assert_ptr_nonnull(strstr(r.err, "were not read"));
	/* reading past the section */
	snap_reader_init(&r, w.buf, w.len);
	snap_enter(&r, "core");
	snap_get_u64(&r);
	ck_assert_ptr_nonnull(strstr(r.err, "truncated"));
	/* every truncation and every flipped byte: a message, never a crash */
	for (size_t n = 0; n < w.len; n++) {
		snap_reader_init(&r, w.buf, n);
		snap_enter(&r, "core");
		snap_get_u32(&r);
		snap_leave(&r);
		ck_assert_int_eq(snap_status(&r), -1);
	}
	for (size_t i = 0; i < w.len; i++) {
		uint8_t copy[64];
		memcpy(copy, w.buf, w.len);
		copy[i] ^= 0xff;
		snap_reader_init(&r, copy, w.len);
		snap_enter(&r, "core");
		snap_get_u32(&r);
		snap_leave(&r);
	}
	/* a bad flag */
	uint8_t two = 2;
	snap_reader_init(&r, &two, 1);
	snap_get_bool(&r);
	ck_assert_int_eq(snap_status(&r), -1);
	snap_writer_free(&w);
}
END_TEST

struct fired {
	char seen[8];
	unsigned n;
};

struct tev {
	struct event ev;
	char tag;
	struct fired *f;
};

static void fire(struct event *ev, void *ctx)
{
	(void)ev;
	struct tev *e = ctx;
	e->f->seen[e->f->n++] = e->tag;
}

/* Same-time events keep their order across a save and restore into other
 * event nodes of another simulation. */
START_TEST(events_keep_their_order)
{
	struct sim a, b;
	struct fired fa = { 0 }, fb = { 0 };
	struct tev ea[3] = { { .tag = 'x', .f = &fa }, { .tag = 'y', .f = &fa }, { .tag = 'z', .f = &fa } };
	struct tev eb[3] = { { .tag = 'x', .f = &fb }, { .tag = 'y', .f = &fb }, { .tag = 'z', .f = &fb } };
	sim_init(&a);
	sim_init(&b);
	for (int i = 0; i < 3; i++) {
		event_init(&ea[i].ev, "e", fire, &ea[i]);
		event_init(&eb[i].ev, "e", fire, &eb[i]);
	}
	sim_schedule(&a, &ea[2].ev, 10); /* z first, then x, then y: all at 10 */
	sim_schedule(&a, &ea[0].ev, 10);
	sim_schedule(&a, &ea[1].ev, 10);
	struct snap_writer w;
	snap_writer_init(&w);
	for (int i = 0; i < 3; i++)
		snap_put_event(&w, &ea[i].ev);
	struct snap_reader r;
	snap_reader_init(&r, w.buf, w.len);
	for (int i = 0; i < 3; i++)
		snap_get_event(&r, &b.q, &eb[i].ev);
	ck_assert_int_eq(snap_status(&r), 0);
	b.q.next_seq = a.q.next_seq;
	sim_run(&a, SIM_TIME_MAX);
	sim_run(&b, SIM_TIME_MAX);
	ck_assert_str_eq(fa.seen, "zxy");
	ck_assert_str_eq(fb.seen, "zxy");
	snap_writer_free(&w);
	sim_destroy(&a);
	sim_destroy(&b);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("snap");
	TCase *tc = tcase_create("stream");
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, refuses_bad_streams);
	tcase_add_test(tc, events_keep_their_order);
	suite_add_tcase(s, tc);
	return s;
}
