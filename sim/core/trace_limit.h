/* A trace sink in front of another that bounds the volume each source
 * writes: a firmware storming a device (a million mailbox writes per
 * simulated millisecond) must not fill the disk.
 *
 * A source is a (component, record type) pair.  Each may write a burst of
 * TRACE_LIMIT_BURST records, then on average one record per
 * TRACE_LIMIT_PERIOD of simulated time (a token bucket filled by the
 * records' own timestamps, so what is kept depends on the simulation only
 * and traces stay byte-identical).  Records over the budget are dropped and
 * counted: a LOG record of the component notes the first drop of a source
 * and each doubling of its count, and trace_limit_finish() writes every
 * source's total.  The shipped scenarios stay far below the bound (their
 * busiest source writes about 0.5 records per microsecond).
 *
 * Not limited: LOG records (sim_log limits them per source already), and,
 * when every instruction is traced, INSN and CORE records (the viewer's
 * stepping needs all of them; that trace is as large as the user asked). */
#ifndef RPSIM_TRACE_LIMIT_H
#define RPSIM_TRACE_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/simtime.h"
#include "sim/core/trace.h"

#define TRACE_LIMIT_BURST 65536u
#define TRACE_LIMIT_PERIOD (250 * SIM_NS) /* 4 M records per simulated second */

struct trace_limit;

/* A limiter writing to down (which must outlive it); NULL when out of
 * memory.  insns: every instruction is traced (see above). */
struct trace_limit *trace_limit_create(struct trace_sink *down, bool insns);
/* The sink to install as sim->trace. */
struct trace_sink *trace_limit_sink(struct trace_limit *l);
/* Records dropped so far, all sources. */
uint64_t trace_limit_dropped(const struct trace_limit *l);
/* Writes a LOG record with the total of every source that dropped
 * records, stamped t, and frees l.  Returns the number dropped. */
uint64_t trace_limit_finish(struct trace_limit *l, sim_time_t t);

#endif
