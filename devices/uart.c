#include "sim/core/record.h"
#include "devices/uart.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/snap.h"

struct uart {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	struct uart_config cfg;
	uint8_t buf[UART_LINE_MAX];
	unsigned len;
};

void uart_flush(struct uart *u, sim_time_t t)
{
	if (u->len == 0)
		return;
	/* escaped text: at most 4 characters per byte */
	char line[4 * UART_LINE_MAX + 1];
	size_t n = 0;
	for (unsigned i = 0; i < u->len; i++) {
		uint8_t c = u->buf[i];
		if ((c >= 0x20 && c < 0x7f) || c == '\t')
			line[n++] = (char)c;
		else
			n += (size_t)snprintf(line + n, sizeof(line) - n, "\\x%02x", c);
	}
	line[n] = '\0';
	u->len = 0;
	sim_log_at(u->sim, t, SIM_LOG_INFO, u->comp, u->name, "%s", line);
	record_text(u->sim->trace, t, TRACE_UART, u->comp, line, n);
	if (u->cfg.on_line)
		u->cfg.on_line(u->cfg.ctx, line, t);
}

static void put(struct uart *u, uint8_t c, sim_time_t t)
{
	if (c == '\n') {
		/* an empty line is still a line */
		if (u->len == 0) {
			sim_log_at(u->sim, t, SIM_LOG_INFO, u->comp, u->name, "%s", "");
			record_text(u->sim->trace, t, TRACE_UART, u->comp, "", 0);
			if (u->cfg.on_line)
				u->cfg.on_line(u->cfg.ctx, "", t);
			return;
		}
		uart_flush(u, t);
		return;
	}
	if (c == '\r')
		return;
	u->buf[u->len++] = c;
	if (u->len == UART_LINE_MAX)
		uart_flush(u, t);
}

static enum bus_status uart_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				 sim_time_t t)
{
	struct uart *u = opaque;
	switch (off) {
	case UART_TXDATA:
		*val = 0;
		return BUS_OK;
	case UART_STATUS:
		*val = UART_STATUS_TX_READY;
		return BUS_OK;
	}
	sim_log_at(u->sim, t, SIM_LOG_GUEST_ERROR, u->comp, u->name,
		   "%u-byte read of offset 0x%02" PRIx64 ": no register there (TXDATA 0x0, STATUS 0x4)",
		   size, off);
	return BUS_DEVICE_ERROR;
}

static enum bus_status uart_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				  sim_time_t t)
{
	struct uart *u = opaque;
	switch (off) {
	case UART_TXDATA:
		if (val > 0xFF)
			sim_log_at(u->sim, t, SIM_LOG_GUEST_ERROR, u->comp, u->name,
				   "TXDATA written with 0x%08" PRIx64 ": only bits 7:0 are sent", val);
		put(u, (uint8_t)val, t);
		return BUS_OK;
	case UART_STATUS:
		sim_log_at(u->sim, t, SIM_LOG_GUEST_ERROR, u->comp, u->name,
			   "write 0x%02" PRIx64 " to read-only STATUS: ignored (send bytes through TXDATA at 0x0)",
			   val);
		return BUS_DEVICE_ERROR;
	}
	sim_log_at(u->sim, t, SIM_LOG_GUEST_ERROR, u->comp, u->name,
		   "%u-byte write of 0x%" PRIx64 " to offset 0x%02" PRIx64 ": no register there "
		   "(TXDATA 0x0, STATUS 0x4)", size, val, off);
	return BUS_DEVICE_ERROR;
}

static const struct mmio_ops ops = {
	.name = "uart",
	.min_size = 1,
	.max_size = 4,
	.read = uart_read,
	.write = uart_write,
};

const struct mmio_ops *uart_ops(void)
{
	return &ops;
}

int uart_map(struct uart *u, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, u->name, base, UART_WINDOW_SIZE, &ops, u, err, errlen);
}

void uart_reset(struct uart *u, sim_time_t t)
{
	uart_flush(u, t);
}

/* Snapshots: the partial line. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct uart *u = obj;
	snap_begin(w, "uart");
	snap_put_u32(w, u->len);
	snap_put_bytes(w, u->buf, u->len);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct uart *u = obj;
	uint8_t buf[UART_LINE_MAX];
	snap_enter(r, "uart");
	uint32_t len = snap_get_count(r, UART_LINE_MAX + 1, "a partial line's length");
	snap_get_bytes(r, buf, len);
	snap_leave(r);
	if (r->failed)
		return -1;
	memcpy(u->buf, buf, len);
	u->len = len;
	return 0;
}

struct uart *uart_create(struct sim *sim, const char *name, const struct uart_config *cfg)
{
	struct uart *u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->sim = sim;
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->cfg = *cfg;
	int id = sim_add_component(sim, u->name, u, uart_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, u->name, u, snap_save, snap_restore);
	if (id < 0) {
		free(u);
		return NULL;
	}
	u->comp = (uint16_t)id;
	return u;
}

void uart_destroy(void *uart)
{
	struct uart *u = uart;
	if (!u)
		return;
	uart_flush(u, u->sim->now);
	free(u);
}
