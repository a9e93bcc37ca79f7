#include "sim/gdb/gdb_packet.h"

#include <string.h>

enum { S_IDLE, S_DATA, S_CS1, S_CS2 };

void gdb_rx_init(struct gdb_rx *rx)
{
	rx->state = S_IDLE;
	rx->len = 0;
	rx->sum = rx->cs = 0;
	rx->overflow = false;
	rx->buf[0] = '\0';
}

bool gdb_rx_partial(const struct gdb_rx *rx)
{
	return rx->state != S_IDLE;
}

static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, const uint8_t *data, size_t len, size_t *used)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t c = data[i];
		switch (rx->state) {
		case S_IDLE:
			if (c == '$') {
				rx->state = S_DATA;
				rx->len = 0;
				rx->sum = 0;
				rx->overflow = false;
				continue;
			}
			*used = i + 1;
			if (c == '+')
				return GDB_RX_ACK;
			if (c == '-')
				return GDB_RX_NACK;
			if (c == 0x03)
				return GDB_RX_INTERRUPT;
			continue; /* noise between packets */
		case S_DATA:
			if (c == '#') {
				rx->state = S_CS1;
				continue;
			}
			if (c == '$') {
				/* a new start inside a packet: the old one was cut off */
				rx->len = 0;
				rx->sum = 0;
				rx->overflow = false;
				continue;
			}
			rx->sum = (uint8_t)(rx->sum + c);
			if (rx->len < GDB_PACKET_MAX)
				rx->buf[rx->len++] = (char)c;
			else
				rx->overflow = true;
			continue;
		case S_CS1: {
			int v = hexval(c);
			rx->cs = (uint8_t)((v < 0 ? 0 : v) << 4);
			rx->state = v < 0 ? S_IDLE : S_CS2;
			if (v < 0) {
				*used = i + 1;
				return GDB_RX_BAD;
			}
			continue;
		}
		case S_CS2: {
			int v = hexval(c);
			rx->state = S_IDLE;
			*used = i + 1;
			rx->buf[rx->len] = '\0';
			if (v < 0 || (uint8_t)(rx->cs | v) != rx->sum)
				return GDB_RX_BAD;
			return rx->overflow ? GDB_RX_TOO_LONG : GDB_RX_PACKET;
		}
		default:
			rx->state = S_IDLE;
			continue;
		}
	}
	*used = len;
	return GDB_RX_NONE;
}

size_t gdb_frame(char *out, size_t cap, const void *payload, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *p = payload;
	size_t n = 0;
	uint8_t sum = 0;
	if (cap < 4)
		return 0;
	out[n++] = '$';
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];
		bool esc = c == '$' || c == '#' || c == '}' || c == '*';
		if (n + (esc ? 2 : 1) + 3 > cap)
			return 0;
		if (esc) {
			out[n++] = '}';
			sum = (uint8_t)(sum + '}');
			c ^= 0x20;
		}
		out[n++] = (char)c;
		sum = (uint8_t)(sum + c);
	}
	out[n++] = '#';
	out[n++] = hex[sum >> 4];
	out[n++] = hex[sum & 15];
	return n;
}

size_t gdb_unescape(char *data, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '}') {
			if (++i == len)
				return (size_t)-1;
			data[o++] = (char)(data[i] ^ 0x20);
		} else {
			data[o++] = data[i];
		}
	}
	return o;
}
