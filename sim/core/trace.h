/* Trace sink interface.  Every component reports what it does as typed
 * records stamped with simulated time; a sink decides what to do with them
 * (write the binary trace file, keep them in memory for tests, print a
 * timeline).  The record types are listed once, in sim/core/record.def, so
 * that the file format, the dumper and the viewer agree; payload layouts are
 * documented in doc/trace-format.md.  Payloads are little-endian byte strings, never host
 * structs, so trace files are portable and byte-identical across runs. */
#ifndef RPSIM_TRACE_H
#define RPSIM_TRACE_H

#include <stdint.h>

#include "sim/core/simtime.h"

/* The record types (values are the file format's): sim/core/record.def,
 * whose names, encoders and decoder are in sim/core/record.h. */
enum trace_type {
#define RECORD(NAME, value, min, layout) TRACE_##NAME = value,
#include "sim/core/record.def"
#undef RECORD
	TRACE_TYPE_MAX = 63,
};

/* Log categories, after QEMU's LOG_GUEST_ERROR / LOG_UNIMP: what the
 * firmware or scenario did wrong, what the model does not implement, and
 * plain information. None of them ever aborts the simulation. */
enum sim_log_cat {
	SIM_LOG_GUEST_ERROR = 0,
	SIM_LOG_UNIMP = 1,
	SIM_LOG_INFO = 2,
	SIM_LOG_DEBUG = 3,
	SIM_LOG_NCAT
};

/* Trace records that belong to no registered component. */
#define SIM_NO_COMPONENT 0xFFFFu

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
