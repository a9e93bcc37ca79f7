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

/* The limiter's state is in this header only so that trace_limit_admit
 * can be inline (it runs for every record of a traced run); use the
 * functions. */
#define TRACE_LIMIT_SLOTS 65 /* components 0..63 (SIM_MAX_COMPONENTS), then every other id */
#define TRACE_LIMIT_TYPES (TRACE_TYPE_MAX + 1)

struct trace_limit_source {
	sim_time_t last;  /* tokens were last added up to here */
	uint32_t tokens;
	uint64_t dropped;
};

struct trace_limit {
	struct trace_sink sink; /* first: the sink pointer is the limiter */
	struct trace_sink *down;
	bool insns;
	uint64_t dropped;
	struct trace_limit_source src[TRACE_LIMIT_SLOTS][TRACE_LIMIT_TYPES];
};

/* A limiter writing to down (which must outlive it); NULL when out of
 * memory.  insns: every instruction is traced (see above). */
struct trace_limit *trace_limit_create(struct trace_sink *down, bool insns);
/* The sink to install as sim->trace. */
struct trace_sink *trace_limit_sink(struct trace_limit *l);
/* A record over its source's budget: counted, noted (a LOG record to
 * down) at the first and every doubling; returns false. */
bool trace_limit_drop(struct trace_limit *l, struct trace_limit_source *s, sim_time_t t,
		      uint16_t type, uint16_t comp);

/* The budget of the source a record belongs to; NULL for records that
 * are never limited (LOG; INSN and CORE when every instruction is
 * traced; types outside the table). */
static inline struct trace_limit_source *trace_limit_source(struct trace_limit *l, uint16_t type,
							    uint16_t comp)
{
	if (type == TRACE_LOG || type >= TRACE_LIMIT_TYPES ||
	    (l->insns && (type == TRACE_INSN || type == TRACE_CORE)))
		return NULL;
	return &l->src[comp < TRACE_LIMIT_SLOTS - 1 ? comp : TRACE_LIMIT_SLOTS - 1][type];
}

/* Refills s up to time t and takes one token: false when there is none
 * (the record is over the budget; nothing else changed, so taking again
 * at the same time gives false again).
 *
 * The refill is decided by a multiplication: the usual source refills
 * its bucket completely between two records (a few tokens missing, many
 * periods gone by), and floor(since / P) >= missing exactly when since >=
 * missing * P, so what is kept is what dividing every time keeps. */
static inline bool trace_limit_take(struct trace_limit_source *s, sim_time_t t)
{
	if (t > s->last) {
		sim_time_t since = t - s->last;
		uint32_t missing = TRACE_LIMIT_BURST - s->tokens;
		if (since >= (sim_time_t)missing * TRACE_LIMIT_PERIOD) {
			s->tokens = TRACE_LIMIT_BURST;
			s->last = t;
		} else if (since >= TRACE_LIMIT_PERIOD) {
			sim_time_t gained = since / TRACE_LIMIT_PERIOD; /* < missing */
			s->tokens += (uint32_t)gained;
			s->last += gained * TRACE_LIMIT_PERIOD;
		}
	}
	if (s->tokens == 0)
		return false;
	s->tokens--;
	return true;
}

/* The limiter's decision without the forwarding, for a sink that asks
 * before it writes (the trace file writer, tracefile_set_limit: no sink
 * in front, no call per record): true when the record is within its
 * source's budget; false when it is over (trace_limit_drop). */
static inline bool trace_limit_admit(struct trace_limit *l, sim_time_t t, uint16_t type,
				     uint16_t comp)
{
	struct trace_limit_source *s = trace_limit_source(l, type, comp);
	if (!s || trace_limit_take(s, t))
		return true;
	return trace_limit_drop(l, s, t, type, comp);
}

/* Records dropped so far, all sources. */
uint64_t trace_limit_dropped(const struct trace_limit *l);
/* Writes a LOG record with the total of every source that dropped
 * records, stamped t, and frees l.  Returns the number dropped. */
uint64_t trace_limit_finish(struct trace_limit *l, sim_time_t t);

#endif
