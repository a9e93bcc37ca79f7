/* The GDB remote protocol's framing (sim/gdb/gdb_packet.h): packets in
 * any split, acks, ^C, noise, bad and malformed checksums, a packet cut
 * off by a new '$', oversized packets read to their end and refused, the
 * escapes of binary data, and replies framed with every special byte
 * escaped. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "sim/gdb/gdb_packet.h"
#include "tests/unit/check_main.h"

/* feeds all of s, returns the events in order as letters: P packet,
 * B bad, L too long, + ack, - nack, C ^C */
static void feed(struct gdb_rx *rx, const char *s, size_t len, char *events, char *last)
{
	size_t n = 0;
	while (len) {
		size_t used;
		enum gdb_rx_event ev = gdb_rx_feed(rx, (const uint8_t *)s, len, &used);
		ck_assert_uint_le(used, len);
		s += used;
		len -= used;
		switch (ev) {
		case GDB_RX_NONE: continue;
		case GDB_RX_PACKET: events[n++] = 'P'; strcpy(last, rx->buf); break;
		case GDB_RX_BAD: events[n++] = 'B'; break;
		case GDB_RX_TOO_LONG: events[n++] = 'L'; break;
		case GDB_RX_ACK: events[n++] = '+'; break;
		case GDB_RX_NACK: events[n++] = '-'; break;
		case GDB_RX_INTERRUPT: events[n++] = 'C'; break;
		}
	}
	events[n] = '\0';
}

START_TEST(packets_acks_and_noise)
{
	struct gdb_rx rx;
	gdb_rx_init(&rx);
	char ev[64], last[64];
	const char in[] = "+junk$g#67-\x03$qC#b4";
	feed(&rx, in, sizeof(in) - 1, ev, last);
	ck_assert_str_eq(ev, "+P-CP");
	ck_assert_str_eq(last, "qC");
	ck_assert(!gdb_rx_partial(&rx));
	feed(&rx, "$m0,", 4, ev, last);
	ck_assert(gdb_rx_partial(&rx)); /* a client gone now leaves it unfinished */
	/* byte by byte, the same */
	gdb_rx_init(&rx);
	char all[64] = "";
	for (size_t i = 0; i < sizeof(in) - 1; i++) {
		feed(&rx, in + i, 1, ev, last);
		strcat(all, ev);
	}
	ck_assert_str_eq(all, "+P-CP");
}
END_TEST

START_TEST(bad_checksums_and_cut_packets)
{
	struct gdb_rx rx;
	gdb_rx_init(&rx);
	char ev[64], last[64];
	feed(&rx, "$g#00", 5, ev, last);   /* wrong sum */
	ck_assert_str_eq(ev, "B");
	feed(&rx, "$g#zz", 5, ev, last);   /* not hex */
	ck_assert_str_eq(ev, "B");
	feed(&rx, "$g#6", 4, ev, last);    /* one digit so far */
	ck_assert_str_eq(ev, "");
	ck_assert(gdb_rx_partial(&rx));
	feed(&rx, "7", 1, ev, last);
	ck_assert_str_eq(ev, "P");
	feed(&rx, "$m0,4$g#67", 10, ev, last); /* cut off by a new start */
	ck_assert_str_eq(ev, "P");
	ck_assert_str_eq(last, "g");
	feed(&rx, "$#00", 4, ev, last);    /* the empty packet */
	ck_assert_str_eq(ev, "P");
	ck_assert_str_eq(last, "");
}
END_TEST

START_TEST(oversized_packets_are_refused_whole)
{
	struct gdb_rx rx;
	gdb_rx_init(&rx);
	static char big[GDB_PACKET_MAX + 100];
	size_t n = 0;
	unsigned sum = 0;
	big[n++] = '$';
	for (unsigned i = 0; i < GDB_PACKET_MAX + 10; i++) {
		big[n++] = 'A';
		sum += 'A';
	}
	n += (size_t)snprintf(big + n, sizeof(big) - n, "#%02x$g#67", sum & 0xff);
	char ev[64], last[64];
	feed(&rx, big, n, ev, last);
	ck_assert_str_eq(ev, "LP");
	ck_assert_str_eq(last, "g");
	/* exactly the limit is accepted */
	gdb_rx_init(&rx);
	n = 0;
	sum = 0;
	big[n++] = '$';
	for (unsigned i = 0; i < GDB_PACKET_MAX; i++) {
		big[n++] = 'm';
		sum += 'm';
	}
	n += (size_t)snprintf(big + n, sizeof(big) - n, "#%02x", sum & 0xff);
	static char lastbig[GDB_PACKET_MAX + 1];
	size_t used;
	ck_assert_int_eq(gdb_rx_feed(&rx, (const uint8_t *)big, n, &used), GDB_RX_PACKET);
	ck_assert_uint_eq(used, n);
	ck_assert_uint_eq(rx.len, GDB_PACKET_MAX);
	(void)lastbig;
}
END_TEST

START_TEST(framing_escapes_and_unescape)
{
	char out[64];
	size_t n = gdb_frame(out, sizeof(out), "OK", 2);
	ck_assert_uint_eq(n, 6);
	ck_assert(memcmp(out, "$OK#9a", 6) == 0);
	/* '$', '#', '}' and '*' are escaped; the checksum covers what is sent */
	const char special[] = { '$', '#', '}', '*', 'a' };
	n = gdb_frame(out, sizeof(out), special, sizeof(special));
	ck_assert(memcmp(out, "$}\x04}\x03}]}\x0a" "a#", 11) == 0);
	unsigned sum = 0;
	for (size_t i = 1; i < 10; i++)
		sum += (uint8_t)out[i];
	char cs[3];
	snprintf(cs, sizeof(cs), "%02x", sum & 0xff);
	ck_assert(memcmp(out + 11, cs, 2) == 0);
	/* what a reader gets back, unescaped */
	struct gdb_rx rx;
	gdb_rx_init(&rx);
	size_t used;
	ck_assert_int_eq(gdb_rx_feed(&rx, (const uint8_t *)out, n, &used), GDB_RX_PACKET);
	size_t back = gdb_unescape(rx.buf, rx.len);
	ck_assert_uint_eq(back, sizeof(special));
	ck_assert(memcmp(rx.buf, special, sizeof(special)) == 0);
	/* a dangling escape is refused; no room is no frame */
	char dangling[] = "ab}";
	ck_assert_uint_eq(gdb_unescape(dangling, 3), (size_t)-1);
	ck_assert_uint_eq(gdb_frame(out, 5, "OK", 2), 0);
	ck_assert_uint_eq(gdb_frame(out, 3, "", 0), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("gdb_packet");
	TCase *tc = tcase_create("framing");
	tcase_add_test(tc, packets_acks_and_noise);
	tcase_add_test(tc, bad_checksums_and_cut_packets);
	tcase_add_test(tc, oversized_packets_are_refused_whole);
	tcase_add_test(tc, framing_escapes_and_unescape);
	suite_add_tcase(s, tc);
	return s;
}
