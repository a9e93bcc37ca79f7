/* One client's session of the GDB remote protocol, independent of the
 * transport: bytes in (gdb_session_input), replies out through send(),
 * and the run control the server loop follows (gdb_session_state): while
 * STOPPED the simulation is held and the server waits for input; while
 * RUNNING it advances the simulation slice by slice with
 * gdb_session_run(), which reports a stop or the end; CLOSE: the client
 * detached, killed the run or must be dropped.
 *
 * Everything the client sends is checked: addresses and lengths parsed
 * with overflow checks, lengths capped, thread ids and register numbers
 * bounded, unknown packets answered empty (as the protocol wants), bad
 * ones with an error. */
#ifndef RPSIM_GDB_SESSION_H
#define RPSIM_GDB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/gdb/gdb.h"

struct gdb_session;

enum gdb_session_state {
	GDB_SESSION_STOPPED,
	GDB_SESSION_RUNNING,
	GDB_SESSION_CLOSE,
};

typedef void (*gdb_send_fn)(void *ctx, const void *data, size_t len);

/* A session on t, which starts stopped (GDB attaches to a halted target).
 * NULL when out of memory. */
struct gdb_session *gdb_session_create(struct gdb_target *t, gdb_send_fn send, void *ctx);
/* Detaches: the cores lose every breakpoint and watchpoint. */
void gdb_session_free(struct gdb_session *s);

void gdb_session_input(struct gdb_session *s, const uint8_t *data, size_t len);
/* A packet has begun and not ended (for the message when the client goes). */
bool gdb_session_partial(const struct gdb_session *s);
/* CLOSE: why ("detached", "killed the run", "saw the run end"). */
const char *gdb_session_end(const struct gdb_session *s);
enum gdb_session_state gdb_session_state(const struct gdb_session *s);
/* RUNNING: advances the simulation by at most slice of simulated time;
 * sends the stop reply (or the exit) when the run stopped or ended. */
void gdb_session_run(struct gdb_session *s, sim_time_t slice);

#endif
