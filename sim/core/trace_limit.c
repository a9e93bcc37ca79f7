/* Bounding the trace volume per source (trace_limit.h). */
#include "sim/core/trace_limit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/core/sim.h"

/* sources: components 0..SIM_MAX_COMPONENTS-1, then one slot for every
 * other id (file-level records, ids a bug could invent) */
#define NSLOT TRACE_LIMIT_SLOTS
#define NTYPE TRACE_LIMIT_TYPES
_Static_assert(TRACE_LIMIT_SLOTS == SIM_MAX_COMPONENTS + 1, "a slot per component, one for the rest");

static void note(struct trace_limit *l, sim_time_t t, uint16_t comp, const char *text)
{
	uint8_t buf[256];
	size_t n = strlen(text);
	if (n > sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	buf[0] = SIM_LOG_INFO;
	memcpy(buf + 1, text, n);
	trace_emit(l->down, t, TRACE_LOG, comp, buf, (uint32_t)(1 + n));
}

bool trace_limit_drop(struct trace_limit *l, struct trace_limit_source *s, sim_time_t t,
		      uint16_t type, uint16_t comp)
{
	l->dropped++;
	uint64_t n = ++s->dropped;
	if ((n & (n - 1)) == 0) {
		char msg[200];
		snprintf(msg, sizeof(msg), "trace rate limit: %llu %s record%s of this component dropped "
			 "so far (a burst of %u, then one per %llu ps; doc/security.md)",
			 (unsigned long long)n, record_type_name(type), n == 1 ? "" : "s",
			 TRACE_LIMIT_BURST, (unsigned long long)TRACE_LIMIT_PERIOD);
		note(l, t, comp, msg);
	}
	return false;
}

static void limit_emit(struct trace_sink *sink, sim_time_t t, uint16_t type, uint16_t comp,
		       const void *data, uint32_t len)
{
	struct trace_limit *l = (struct trace_limit *)sink;
	if (trace_limit_admit(l, t, type, comp))
		trace_emit(l->down, t, type, comp, data, len);
}

struct trace_limit *trace_limit_create(struct trace_sink *down, bool insns)
{
	struct trace_limit *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->sink.emit = limit_emit;
	l->down = down;
	l->insns = insns;
	for (unsigned i = 0; i < NSLOT; i++)
		for (unsigned k = 0; k < NTYPE; k++)
			l->src[i][k].tokens = TRACE_LIMIT_BURST;
	return l;
}

struct trace_sink *trace_limit_sink(struct trace_limit *l)
{
	return &l->sink;
}

uint64_t trace_limit_dropped(const struct trace_limit *l)
{
	return l->dropped;
}

uint64_t trace_limit_finish(struct trace_limit *l, sim_time_t t)
{
	if (!l)
		return 0;
	for (unsigned i = 0; i < NSLOT; i++) {
		for (unsigned k = 0; k < NTYPE; k++) {
			if (!l->src[i][k].dropped)
				continue;
			char msg[200];
			snprintf(msg, sizeof(msg), "trace rate limit: %llu %s records of this component "
				 "dropped in total", (unsigned long long)l->src[i][k].dropped,
				 record_type_name((uint16_t)k));
			note(l, t, i < SIM_MAX_COMPONENTS ? (uint16_t)i : SIM_NO_COMPONENT, msg);
		}
	}
	uint64_t n = l->dropped;
	free(l);
	return n;
}
