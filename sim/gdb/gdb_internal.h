/* Shared by the session's files: gdb_session.c (framing, run control,
 * stop replies, breakpoints), gdb_query.c (registers, memory, threads,
 * qXfer, q packets) and gdb_monitor.c (monitor commands).  Not for other
 * modules. */
#ifndef RPSIM_GDB_INTERNAL_H
#define RPSIM_GDB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/gdb/gdb_packet.h"
#include "sim/gdb/gdb_session.h"

/* Per core: its debugging requests (the same breakpoints and watchpoints
 * in every core: GDB sees one address space) and the way back to the
 * session from the core's stop callback. */
struct gdb_core {
	struct gdb_session *s;
	unsigned index;
	struct cpu_debug dbg;
};

/* A stop to report: thread (core index), signal, and for a watchpoint
 * its kind ("watch", "rwatch", "awatch") and address; what made it (a
 * core's stop, or the time slices: ^C, the attach) and whether it is the
 * start of the reverse-execution history. */
struct gdb_stop {
	unsigned core;
	int sig;
	const char *watch;
	uint64_t addr;
	enum cpu_stop_reason reason;
	bool by_time;
	bool begin;
};

/* What each core does when the target resumes: GDB names the threads it
 * resumes; the others stay stopped (held) while the rest of the SoC runs
 * (GDB steps one thread over a breakpoint that way). */
enum { ACT_NONE, ACT_HOLD, ACT_RUN, ACT_STEP };

/* A checkpoint of the reverse-execution history (gdb_reverse.c): the
 * whole simulation where the target was resumed from, each core's step
 * count there, what each core did from there (holds matter to replay
 * it), and the stop that had brought it there. */
struct gdb_ckpt {
	uint8_t *buf;
	size_t len;
	uint64_t count[GDB_MAX_CORES];
	uint64_t pc[GDB_MAX_CORES];
	uint8_t act[GDB_MAX_CORES];
	struct gdb_stop at;
	sim_time_t now;
};
#define GDB_MAX_CKPTS 256
#define GDB_CKPT_BYTES ((size_t)1 << 30) /* thinned out beyond this */

#define GDB_SIGINT 2
#define GDB_SIGTRAP 5
#define GDB_SIGSEGV 11

struct gdb_session {
	struct gdb_target *t;
	gdb_send_fn send;
	void *send_ctx;
	struct gdb_rx rx;
	bool noack;
	enum gdb_session_state state;
	const char *end;          /* CLOSE: why */
	unsigned g_core, c_core;  /* Hg and Hc: core indexes */
	struct gdb_core cores[GDB_MAX_CORES];
	struct gdb_stop stop;     /* the last stop (what '?' says) */
	bool stopped_by_core;     /* a core's callback set stop during a run */
	/* reverse execution: the checkpoints, oldest first */
	bool reverse;
	struct gdb_ckpt *ckpts;
	unsigned nckpts;
	size_t ckpt_bytes;
	/* the reply being built, and the last one sent framed (for '-') */
	char out[GDB_PACKET_MAX + 1];
	size_t olen;
	bool overflow;
	char framed[2 * GDB_PACKET_MAX + 8];
	size_t flen;
};

/* Reply building: text, formatted text, hex of bytes; gdb_reply_send()
 * frames and sends what was built (an overflow sends "E01"). */
void gdb_reply_reset(struct gdb_session *s);
void gdb_reply_str(struct gdb_session *s, const char *str);
void gdb_reply_fmt(struct gdb_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gdb_reply_hex(struct gdb_session *s, const void *data, size_t len);
void gdb_reply_bytes(struct gdb_session *s, const void *data, size_t len);
void gdb_reply_send(struct gdb_session *s);
/* A whole reply at once. */
void gdb_send_str(struct gdb_session *s, const char *str);
/* Console output for the user (an 'O' packet). */
void gdb_console(struct gdb_session *s, const char *text);

/* Parsing: a hex number up to a terminator; advances *p.  0, or -1 when
 * there is no digit or it overflows 64 bits. */
int gdb_parse_hex(const char **p, uint64_t *v);
/* hex pairs into bytes: how many, or -1 for a bad digit. */
long gdb_hex_to_bytes(const char *hex, size_t nhex, uint8_t *out, size_t cap);

/* gdb_query.c: the packets that read or write state; each sends its reply */
void gdb_q_regs_read(struct gdb_session *s);
void gdb_q_regs_write(struct gdb_session *s, const char *arg);
void gdb_q_reg_read(struct gdb_session *s, const char *arg);
void gdb_q_reg_write(struct gdb_session *s, const char *arg);
void gdb_q_mem_read(struct gdb_session *s, const char *arg);
void gdb_q_mem_write(struct gdb_session *s, const char *arg, bool binary, size_t len);
void gdb_q_query(struct gdb_session *s, const char *pkt);
void gdb_q_thread_set(struct gdb_session *s, const char *arg);
void gdb_q_thread_alive(struct gdb_session *s, const char *arg);
/* A thread id ("1", "-1", "0"): core index, -1 for all, -2 for any; -3 bad. */
int gdb_q_thread_id(const struct gdb_session *s, const char *p, const char **end);

/* gdb_session.c: sets every core's debugging requests from their dbg */
void gdb_sync_cores(struct gdb_session *s);
void gdb_send_stop(struct gdb_session *s);

/* gdb_reverse.c: reverse execution (bs, bc) by restoring a checkpoint and
 * re-executing; checkpoints are taken where the target is resumed */
void gdb_reverse_init(struct gdb_session *s);
void gdb_reverse_free(struct gdb_session *s);
void gdb_reverse_record(struct gdb_session *s, const uint8_t *act);
void gdb_reverse_step(struct gdb_session *s);
void gdb_reverse_continue(struct gdb_session *s);
/* A core's steps: retired instructions and traps (cpu.h, stop_count). */
uint64_t gdb_core_count(struct gdb_session *s, unsigned core);

/* gdb_monitor.c: qRcmd */
void gdb_monitor(struct gdb_session *s, const char *cmd);

#endif
