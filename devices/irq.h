/* Interrupt lines: a tiny object (sink, number).  A device drives the
 * level; the sink (an interrupt controller, the core's mip bits, the host's
 * interrupt handler) reacts at the time given.  Nobody polls.
 *
 * Levels are idempotent: setting the level a line already has is allowed
 * and the sink sees it (sinks that care about edges compare themselves). */
#ifndef RPSIM_IRQ_H
#define RPSIM_IRQ_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/core/simtime.h"

typedef void (*irq_sink_fn)(void *sink, unsigned num, bool level, sim_time_t t);

struct irq_line {
	irq_sink_fn fn; /* NULL: line not connected, changes are dropped */
	void *sink;
	unsigned num;
	bool level;     /* last level driven */
};

static inline void irq_connect(struct irq_line *l, irq_sink_fn fn, void *sink, unsigned num)
{
	l->fn = fn;
	l->sink = sink;
	l->num = num;
	l->level = false;
}

static inline void irq_set(struct irq_line *l, bool level, sim_time_t t)
{
	l->level = level;
	if (l->fn)
		l->fn(l->sink, l->num, level, t);
}

#endif
