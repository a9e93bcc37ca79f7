/* Trace sink interface.  Every component reports what it does as typed
 * records stamped with simulated time; a sink decides what to do with them
 * (write the binary trace file, keep them in memory for tests, print a
 * timeline).  The record types are allocated here so that the file format,
 * the dumper and the viewer agree; payload layouts are documented in
 * doc/trace-format.md.  Payloads are little-endian byte strings, never host
 * structs, so trace files are portable and byte-identical across runs. */
#ifndef RPSIM_TRACE_H
#define RPSIM_TRACE_H

#include <stdint.h>

#include "sim/core/simtime.h"

enum trace_type {
	TRACE_LOG = 1,        /* u8 category, then the message text */
	TRACE_COMPONENT = 2,  /* u16 id, then the component name */
	TRACE_STATE = 3,      /* remoteproc state change: u32 old, u32 new */
	TRACE_MBOX = 4,       /* mailbox: u8 dir, u8 chan, u8 op, u32 value */
	TRACE_IRQ = 5,        /* u32 line, u8 level */
	TRACE_KICK = 6,       /* vring kick: u8 dir, u32 notifyid */
	TRACE_RPMSG = 7,      /* u8 dir, u32 src, u32 dst, u16 len, payload */
	TRACE_UART = 8,       /* a console line */
	TRACE_FWTRACE = 9,    /* a firmware trace-buffer line */
	TRACE_CORE = 10,      /* core run state: u8 state (run, wfi, trap, reset) */
	TRACE_INSN = 11,      /* retired instruction: u32 pc, u32 insn, u8 rd, u32 value */
	TRACE_TRAP = 12,      /* u32 cause, u32 epc, u32 tval */
	TRACE_HOST_STEP = 13, /* scenario step: u32 index, then text */
	TRACE_EXPECT = 14,    /* expectation: u8 ok, then text */
	TRACE_FWLOAD = 15,    /* firmware load: text */
	TRACE_CHANNEL = 16,   /* rpmsg channel: u8 created, u32 addr, name */
	TRACE_TYPE_MAX = 63,
};

struct trace_sink {
	void (*emit)(struct trace_sink *sink, sim_time_t t, uint16_t type,
		     uint16_t component, const void *data, uint32_t len);
};

static inline void trace_emit(struct trace_sink *sink, sim_time_t t,
			      uint16_t type, uint16_t component,
			      const void *data, uint32_t len)
{
	sink->emit(sink, t, type, component, data, len);
}

#endif
