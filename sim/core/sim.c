#include "sim/core/sim.h"

#include "sim/core/escape.h"
#include "sim/core/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sim_log_cat_name(enum sim_log_cat cat)
{
	return record_log_cat_name(cat);
}

void sim_log_stderr(void *ctx, sim_time_t t, enum sim_log_cat cat,
		    uint16_t comp, const char *component, const char *msg)
{
	(void)ctx;
	(void)comp;
	char ts[SIMTIME_BUFLEN], who[SIM_ESCAPE_SIZE(64)];
	/* messages quote what firmware wrote: escaped for the terminal */
	fprintf(stderr, "[%s] %s %s: ", simtime_format_fixed(t, ts, sizeof(ts)),
		sim_log_cat_name(cat), sim_escape(who, sizeof(who), component ? component : "sim",
						   component ? strlen(component) : 3, 0) ? who : "sim");
	sim_escape_write(stderr, msg, strlen(msg), 0);
	fputc('\n', stderr);
}

void sim_init(struct sim *sim)
{
	memset(sim, 0, sizeof(*sim));
	eventq_init(&sim->q);
	eventq_init(&sim->cq);
	sim->log_fn = sim_log_stderr;
	sim->log_level = SIM_LOG_INFO;
}

void sim_destroy(struct sim *sim)
{
	/* events may live inside components: empty the queue first */
	eventq_destroy(&sim->q);
	eventq_destroy(&sim->cq);
	for (unsigned i = sim->ncomponents; i-- > 0;) {
		struct sim_component *c = &sim->components[i];
		if (c->destroy)
			c->destroy(c->obj);
	}
	sim->ncomponents = 0;
}

int sim_add_component(struct sim *sim, const char *name, void *obj,
		      void (*destroy)(void *obj))
{
	if (sim->ncomponents >= SIM_MAX_COMPONENTS)
		return -1;
	unsigned id = sim->ncomponents++;
	sim->components[id] = (struct sim_component){
		.name = name, .id = (uint16_t)id, .obj = obj, .destroy = destroy,
	};
	if (sim->trace) {
		uint8_t buf[2 + 64];
		size_t n = strlen(name);
		if (n > 64)
			n = 64;
		buf[0] = (uint8_t)id;
		buf[1] = (uint8_t)(id >> 8);
		memcpy(buf + 2, name, n);
		trace_emit(sim->trace, sim->now, TRACE_COMPONENT, (uint16_t)id, buf, (uint32_t)(2 + n));
	}
	return (int)id;
}

void *sim_find_component(struct sim *sim, const char *name)
{
	for (unsigned i = 0; i < sim->ncomponents; i++)
		if (strcmp(sim->components[i].name, name) == 0)
			return sim->components[i].obj;
	return NULL;
}

/* A simulator bug or an exhausted machine: say what, then abort (an
 * assert would vanish under NDEBUG and leave the run going on wrong). */
static void fatal(const char *what, const struct event *ev, sim_time_t t, sim_time_t now)
{
	fprintf(stderr, "rpsim: internal error: %s (event \"%s\" at %llu ps, now %llu ps); "
		"please report it with the scenario and firmware\n",
		what, ev->name ? ev->name : "?", (unsigned long long)t, (unsigned long long)now);
	abort();
}

void sim_schedule_into(struct sim *sim, struct eventq *q, struct event *ev, sim_time_t t)
{
	if (t < sim->now)
		fatal("an event was scheduled in the past", ev, t, sim->now);
	/* an event moves between the queues only through idle */
	if (event_pending(ev) && !eventq_holds(q, ev))
		sim_cancel(sim, ev);
	if (eventq_schedule(q, ev, t) < 0)
		fatal("out of memory growing the event queue", ev, t, sim->now);
}

enum sim_run_result sim_run(struct sim *sim, sim_time_t until)
{
	return sim_run_budget(sim, until, UINT64_MAX);
}

enum sim_run_result sim_run_budget(struct sim *sim, sim_time_t until, uint64_t max_events)
{
	sim->stop_requested = false;
	for (uint64_t n = 0;; n++) {
		if (n == max_events)
			return SIM_RUN_BUDGET;
		struct event *ev = eventq_peek(&sim->q);
		struct event *cev = eventq_peek(&sim->cq);
		struct eventq *from = &sim->q;
		if (!ev || (cev && cev->time < ev->time)) {
			ev = cev;
			from = &sim->cq;
		}
		if (!ev)
			return SIM_RUN_IDLE;
		if (ev->time > until) {
			if (until > sim->now)
				sim->now = until;
			return SIM_RUN_TIME;
		}
		eventq_pop(from);
		sim->now = ev->time;
		sim->events_fired++;
		sim->last_event = ev->name;
		ev->fn(ev, ev->ctx);
		if (sim->stop_requested)
			return SIM_RUN_STOPPED;
	}
}

void sim_stop(struct sim *sim, int code)
{
	sim->stop_requested = true;
	sim->stop_code = code;
}

/* One line to the log sink and the trace. */
static void emit_line(struct sim *sim, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		      const char *component, const char *msg)
{
	if (sim->log_fn && cat <= sim->log_level)
		sim->log_fn(sim->log_ctx, t, cat, comp, component, msg);
	if (sim->trace) {
		uint8_t buf[1 + 512];
		size_t n = strnlen(msg, sizeof(buf) - 1);
		buf[0] = (uint8_t)cat;
		memcpy(buf + 1, msg, n);
		trace_emit(sim->trace, t, TRACE_LOG, comp, buf, (uint32_t)(1 + n));
	}
}

static unsigned src_of(uint16_t comp)
{
	return comp < SIM_MAX_COMPONENTS ? comp : SIM_MAX_COMPONENTS;
}

static bool pow2(uint64_t n)
{
	return (n & (n - 1)) == 0;
}

static void log_line(struct sim *sim, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		     const char *component, const char *fmt, va_list ap)
{
	if ((unsigned)cat >= SIM_LOG_NCAT)
		cat = SIM_LOG_GUEST_ERROR;
	if (!component)
		component = comp < sim->ncomponents ? sim->components[comp].name : NULL;
	sim->log_counts[cat]++;
	uint64_t n = ++sim->log_src[src_of(comp)][cat];
	bool to_log = sim->log_fn && cat <= sim->log_level;
	if (!to_log && !sim->trace)
		return;
	char msg[512];
	if (n <= SIM_LOG_BURST) {
		vsnprintf(msg, sizeof(msg), fmt, ap);
	} else if (pow2(n)) {
		snprintf(msg, sizeof(msg), "%llu %s lines so far; after the first %u only counts like "
			 "this one are shown (rate limit, doc/security.md)",
			 (unsigned long long)n, sim_log_cat_name(cat), SIM_LOG_BURST);
	} else {
		return;
	}
	emit_line(sim, t, cat, comp, component, msg);
}

void sim_log_summary(struct sim *sim)
{
	for (unsigned s = 0; s <= SIM_MAX_COMPONENTS; s++) {
		for (unsigned c = 0; c < SIM_LOG_NCAT; c++) {
			uint64_t n = sim->log_src[s][c];
			if (n <= SIM_LOG_BURST)
				continue;
			uint16_t comp = s < SIM_MAX_COMPONENTS ? (uint16_t)s : SIM_NO_COMPONENT;
			const char *name = s < sim->ncomponents ? sim->components[s].name : "sim";
			char msg[256];
			snprintf(msg, sizeof(msg), "%llu %s lines in total, %llu of them not shown (rate "
				 "limit: the first %u, then counts)", (unsigned long long)n,
				 sim_log_cat_name((enum sim_log_cat)c),
				 (unsigned long long)(n - SIM_LOG_BURST), SIM_LOG_BURST);
			emit_line(sim, sim->now, (enum sim_log_cat)c, comp, name, msg);
		}
	}
}

void sim_vlog(struct sim *sim, enum sim_log_cat cat, uint16_t comp, const char *who,
	      const char *fmt, va_list ap)
{
	log_line(sim, sim->now, cat, comp, who, fmt, ap);
}

void sim_log(struct sim *sim, enum sim_log_cat cat, uint16_t comp, const char *who,
	     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line(sim, sim->now, cat, comp, who, fmt, ap);
	va_end(ap);
}

void sim_log_at(struct sim *sim, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		const char *who, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line(sim, t, cat, comp, who, fmt, ap);
	va_end(ap);
}
