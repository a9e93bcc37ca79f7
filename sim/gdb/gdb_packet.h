/* The GDB remote serial protocol's framing: "$payload#cs" packets with a
 * modulo-256 checksum, '+'/'-' acknowledgements, and ^C (0x03) outside a
 * packet to interrupt a running target.
 *
 * The client is untrusted: the reader takes bytes in any split, keeps at
 * most GDB_PACKET_MAX payload bytes (a longer packet is read to its end
 * and dropped: GDB_RX_TOO_LONG), ignores noise between packets and never
 * allocates.  Escapes ('}' then byte ^ 0x20) stay in the payload: only
 * binary packets (X, qXfer replies) decode them, with gdb_unescape().
 * Replies are framed by gdb_frame(), which escapes '$', '#', '}' and '*'
 * (the run-length marker), so any bytes can be sent. */
#ifndef RPSIM_GDB_PACKET_H
#define RPSIM_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Payload bytes accepted (and announced as qSupported's PacketSize). */
#define GDB_PACKET_MAX 16384

enum gdb_rx_event {
	GDB_RX_NONE,      /* all bytes consumed, no event */
	GDB_RX_PACKET,    /* a packet with a good checksum: payload in buf[0..len) */
	GDB_RX_BAD,       /* a packet with a wrong checksum (answer '-') */
	GDB_RX_TOO_LONG,  /* a packet longer than GDB_PACKET_MAX, dropped */
	GDB_RX_ACK,       /* '+' */
	GDB_RX_NACK,      /* '-': resend the last reply */
	GDB_RX_INTERRUPT, /* ^C outside a packet */
};

struct gdb_rx {
	int state;
	char buf[GDB_PACKET_MAX + 1]; /* NUL-terminated payload */
	size_t len;
	uint8_t sum, cs;
	bool overflow;
};

void gdb_rx_init(struct gdb_rx *rx);
/* Reads bytes from data until an event; *used says how many were taken
 * (feed the rest again).  GDB_RX_NONE when all were taken without one. */
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, const uint8_t *data, size_t len, size_t *used);
/* In the middle of a packet (a client gone now left one unfinished). */
bool gdb_rx_partial(const struct gdb_rx *rx);

/* "$" payload (escaped) "#" checksum into out; returns the length, or 0
 * when it does not fit in cap. */
size_t gdb_frame(char *out, size_t cap, const void *payload, size_t len);
/* Decodes the escapes of binary data in place; returns the new length,
 * or (size_t)-1 for a dangling '}'. */
size_t gdb_unescape(char *data, size_t len);

#endif
