/* `rpsim trace state`: the state of a run at one instant, by re-executing
 * a seekable trace (cmd_trace_state.c; cmd_trace.c parses its options). */
#ifndef RPSIM_CMD_TRACE_STATE_H
#define RPSIM_CMD_TRACE_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/simtime.h"

struct trace_state_opts {
	bool has_insn;
	uint64_t insn;          /* --insn N */
	sim_time_t at;          /* --at TIME */
	uint64_t mem_addr, mem_len; /* --mem ADDR:LEN (len 0: none) */
	const char *core;       /* --core NAME, NULL: the first */
	const char *scenario;   /* --scenario FILE */
	const char *const *firmware_dirs;
	unsigned nfirmware_dirs;
	bool stats;             /* the cost of the seek on stderr */
};

/* Prints the state to out; the exit status. */
int trace_state(const char *file, const struct trace_state_opts *o, FILE *out);

#endif
