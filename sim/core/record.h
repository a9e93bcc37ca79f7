/* The record table: every trace record type (sim/core/record.def), the
 * encoding of its payload, used by whoever emits it, and the decoding,
 * used by the exporters, the viewer and tests; and every name table the
 * trace shares (remoteproc states, core states, mailbox operations and
 * directions, log categories).  One name per state, everywhere: nothing
 * else in the sources spells these names.
 *
 * Payloads are little-endian byte strings, never host structs, so trace
 * files are portable and byte-identical across runs and builds. */
#ifndef RPSIM_RECORD_H
#define RPSIM_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/simtime.h"
#include "sim/core/trace.h"

/* ---- names ---- */

/* "LOG", "MBOX", ...; NULL for types outside the table. */
const char *record_type_name(uint16_t type);
/* Minimum payload length of a type (0 for unknown types). */
uint32_t record_min_len(uint16_t type);

/* Linux's enum rproc_state values and sysfs names ("offline" ...);
 * "invalid" past the end, as Linux prints. */
enum record_rproc_state {
	RECORD_RPROC_OFFLINE = 0,
	RECORD_RPROC_SUSPENDED = 1,
	RECORD_RPROC_RUNNING = 2,
	RECORD_RPROC_CRASHED = 3,
	RECORD_RPROC_DELETED = 4,
	RECORD_RPROC_ATTACHED = 5,
	RECORD_RPROC_DETACHED = 6,
	RECORD_RPROC_NSTATES = 7,
};
const char *record_rproc_state_name(unsigned st);
/* The state called name, or -1. */
int record_rproc_state_by_name(const char *name);

/* Core run states (enum cpu_state, the TRACE_CORE byte). */
const char *record_core_state_name(unsigned st);

/* TRACE_MBOX op and the direction byte of MBOX and KICK records. */
enum record_mbox_op { RECORD_MBOX_SEND, RECORD_MBOX_RECV, RECORD_MBOX_OVERFLOW,
		      RECORD_MBOX_UNDERFLOW, RECORD_MBOX_NOPS };
enum record_dir { RECORD_TO_REMOTE = 0, RECORD_TO_HOST = 1 };
const char *record_mbox_op_name(unsigned op);
const char *record_dir_name(unsigned dir);
/* TRACE_RPMSG direction, seen from the host: 0 sent, 1 received. */
const char *record_rpmsg_dir_name(unsigned dir);
/* Log categories (enum sim_log_cat). */
const char *record_log_cat_name(unsigned cat);
/* Identity record kinds (enum tracefile_id_kind): "scenario" ... */
const char *record_id_kind_name(unsigned kind);

/* ---- decoding ---- */

/* A record's payload, decoded; text and bytes point into the payload. */
struct record {
	uint16_t type;
	union {
		struct { uint8_t cat; const uint8_t *text; uint32_t len; } log;
		struct { uint16_t id; const uint8_t *name; uint32_t len; } component;
		struct { uint32_t old, now; } state;
		struct { uint8_t dir, chan, op; uint32_t value; } mbox;
		struct { uint32_t line; uint8_t level; } irq;
		struct { uint8_t dir; uint32_t notifyid; } kick;
		struct { uint8_t dir; uint32_t src, dst; uint16_t len; const uint8_t *data;
			 uint32_t nbytes; } rpmsg;
		struct { const uint8_t *text; uint32_t len; } text; /* UART, FWTRACE, FWLOAD, CORE_ISA */
		struct { uint8_t state; } core;
		struct { uint32_t pc, insn; uint8_t rd; uint32_t value; } insn;
		struct { uint32_t cause, epc, tval; } trap;
		struct { uint32_t index; const uint8_t *text; uint32_t len; } step;
		struct { uint8_t ok; const uint8_t *text; uint32_t len; } expect;
		struct { uint8_t created; uint32_t addr; const uint8_t *name; uint32_t len; } channel;
		struct { uint8_t reg; uint32_t value; } reg;
	} u;
};

enum record_decode_result {
	RECORD_OK = 0,
	RECORD_SHORT = -1,   /* shorter than its type's minimum */
	RECORD_UNKNOWN = -2, /* a type outside the table */
};
enum record_decode_result record_decode(uint16_t type, const uint8_t *p, uint32_t n,
					struct record *out);

/* ---- encoding: one emitter per record type ----
 * Each writes one record to the sink (sim->trace; NULL: tracing off, a
 * no-op). File-level records (HOST_STEP, EXPECT) belong to no component. */

/* Largest text a record carries (longer text is cut). */
#define RECORD_TEXT_MAX 1024u

void record_state(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t old, uint32_t now);
void record_mbox(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint8_t chan,
		 uint8_t op, uint32_t value);
void record_irq(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t line, bool level);
void record_kick(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint32_t notifyid);
/* The payload is cut to what fits a record (len is the message's own). */
void record_rpmsg(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint32_t src,
		  uint32_t dst, const void *data, uint16_t len);
void record_text(struct trace_sink *ts, sim_time_t t, uint16_t type, uint16_t comp, const char *text,
		 size_t len); /* UART, FWTRACE, FWLOAD, CORE_ISA */
void record_core(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t state);
void record_insn(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t pc, uint32_t insn,
		 uint8_t rd, uint32_t value);
/* Another register the next INSN record's instruction wrote, besides its
 * rd (Cortex-M: LDM/POP's other registers, SP and LR on exception entry
 * and return, xPSR's flags, the system registers); before that INSN. */
void record_reg(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t reg, uint32_t value);
void record_trap(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t cause, uint32_t epc,
		 uint32_t tval);
void record_host_step(struct trace_sink *ts, sim_time_t t, uint32_t index, const char *text);
void record_expect(struct trace_sink *ts, sim_time_t t, bool ok, const char *text);
void record_channel(struct trace_sink *ts, sim_time_t t, uint16_t comp, bool created, uint32_t addr,
		    const char *name);

#endif
