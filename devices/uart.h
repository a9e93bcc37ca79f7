/* Remote console: a write-only TX data register, line-buffered.  A line is
 * emitted at '\n' or when UART_LINE_MAX bytes are buffered (then split
 * there), as a SIM_LOG_INFO line under the uart's name, a TRACE_UART record
 * (payload: the line's text, no NUL, no newline) and a call of on_line.
 * '\r' is dropped (so "\r\n" gives one line); other bytes outside printable
 * ASCII and tab appear as \xNN, so a line is always safe text.  A partial
 * line is flushed by uart_flush, uart_reset and uart_destroy.
 *
 * Ownership: uart_create registers the device as a component of the sim;
 * sim_destroy calls uart_destroy, which flushes: destroy the trace sink
 * after it (or call uart_flush first).  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_UART_H
#define RPSIM_DEVICES_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

#define UART_WINDOW_SIZE 0x100u

#define UART_TXDATA 0x00 /* WO: bits 7:0 sent; reads 0 (never full) */
#define UART_STATUS 0x04 /* RO: bit 0 TX_READY, always 1 */

#define UART_STATUS_TX_READY 1u
#define UART_LINE_MAX 256 /* raw bytes per line */

/* Called once per line; `line` is valid only during the call. */
typedef void (*uart_line_fn)(void *ctx, const char *line, sim_time_t t);

struct uart_config {
	uart_line_fn on_line; /* may be NULL */
	void *ctx;
};

struct uart;

struct uart *uart_create(struct sim *sim, const char *name, const struct uart_config *cfg);
/* Called by sim_destroy; flushes a partial line at sim->now. */
void uart_destroy(void *uart);
/* Flushes a partial line at t; nothing else to reset. */
void uart_reset(struct uart *u, sim_time_t t);
/* Emits the buffered partial line (if any) at t. */
void uart_flush(struct uart *u, sim_time_t t);

/* Accepts 1- and 4-byte accesses (byte stores to TXDATA are common). */
const struct mmio_ops *uart_ops(void);
int uart_map(struct uart *u, struct bus *bus, uint64_t base, char *err, size_t errlen);

#endif
