/* struct sim: one simulation.  It owns the event queue, the current
 * simulated time, the registered components, the log and trace sinks and
 * stop requests.  There is no global state: two struct sim in one process
 * are independent (the tests rely on it).
 *
 * Time model: sim->now is the time of the event being fired (or the time
 * the run stopped at).  Active parts that run ahead of it in quanta (cores)
 * carry their own local time and pass it to every device access, and never
 * run past eventq_next_time(&sim->q), so the result does not depend on the
 * quantum.
 *
 * Cores' run events live in their own queue, cq. The bound a core respects
 * is then the next device or host event, not another core's turn: two
 * busy cores waiting for each other's turn at the same time would
 * otherwise make no progress at all. Cores interleave with each other by
 * quantum (a TLM quantum keeper): how one core sees another's stores to
 * shared memory within a quantum depends on the quantum; everything a
 * core does with devices and the host does not. At equal times, events of
 * q fire before those of cq. */
#ifndef RPSIM_SIM_H
#define RPSIM_SIM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/core/eventq.h"
#include "sim/core/simtime.h"
#include "sim/core/trace.h"

const char *sim_log_cat_name(enum sim_log_cat cat);

/* Receives every log line (already formatted, without newline): the
 * component id and the name it was logged under. */
typedef void (*sim_log_fn)(void *ctx, sim_time_t t, enum sim_log_cat cat,
			   uint16_t comp, const char *who, const char *msg);

/* A component: anything the simulation owns and must free. */
struct sim_component {
	const char *name;
	uint16_t id;               /* trace component id */
	void *obj;
	void (*destroy)(void *obj); /* may be NULL */
};

#define SIM_MAX_COMPONENTS 64

/* The log is rate-limited per source (a component, or every line logged
 * under no component, and a category): the first SIM_LOG_BURST lines of a
 * source are logged and traced, then only a count line each time its
 * number of lines doubles, and sim_log_summary() gives every source's
 * total at the end.  A firmware that makes a device complain a million
 * times costs about SIM_LOG_BURST + 20 lines, not a million. */
#define SIM_LOG_BURST 1000u

struct snap_writer;
struct snap_reader;

/* A part of the simulation's state in snapshots (sim_snapshot_save):
 * save writes one section (sim/core/snap.h), restore reads it back and
 * overwrites the object's state; both return 0 or -1 (restore: the
 * message is in the reader).  Registered by whatever owns state: each
 * device, each core, the platform (its memories), the host model, the
 * runner. */
typedef int (*sim_save_fn)(void *obj, struct snap_writer *w);
typedef int (*sim_restore_fn)(void *obj, struct snap_reader *r);

struct sim_snap_part {
	const char *name;   /* stable across runs of the same scenario: checked at restore */
	void *obj;
	sim_save_fn save;
	sim_restore_fn restore;
};

#define SIM_MAX_SNAP_PARTS 96
#define SIM_SNAP_NAME_MAX 128 /* longest part name, NUL included */

enum sim_run_result {
	SIM_RUN_IDLE,    /* no event pending any more */
	SIM_RUN_TIME,    /* reached the requested time */
	SIM_RUN_STOPPED, /* sim_stop() was called */
	SIM_RUN_BUDGET,  /* sim_run_budget() fired its number of events */
};

struct sim {
	struct eventq q;  /* devices and the host */
	struct eventq cq; /* cores' run events */
	sim_time_t now;

	bool stop_requested;
	int stop_code;

	uint64_t events_fired;
	const char *last_event; /* name of the event fired last (for reports) */

	/* logging: lines at or below log_level go to log_fn */
	sim_log_fn log_fn;
	void *log_ctx;
	enum sim_log_cat log_level;
	uint64_t log_counts[SIM_LOG_NCAT];
	/* lines per source, for the rate limit: [component id or
	 * SIM_MAX_COMPONENTS for none][category] */
	uint64_t log_src[SIM_MAX_COMPONENTS + 1][SIM_LOG_NCAT];

	struct trace_sink *trace; /* NULL: tracing off */

	struct sim_component components[SIM_MAX_COMPONENTS];
	unsigned ncomponents;

	struct sim_snap_part parts[SIM_MAX_SNAP_PARTS];
	unsigned nparts;
	bool snap_incomplete; /* a part could not register: snapshots refused */
};

/* Default log sink: stderr, "[<time>] <cat> <component>: <msg>". */
void sim_log_stderr(void *ctx, sim_time_t t, enum sim_log_cat cat,
		    uint16_t comp, const char *who, const char *msg);

void sim_init(struct sim *sim);
/* Destroys components in reverse order of registration, then the queue. */
void sim_destroy(struct sim *sim);

/* Registers a component; returns its trace id (index), or -1 when full.
 * destroy(obj) runs at sim_destroy. */
int sim_add_component(struct sim *sim, const char *name, void *obj,
		      void (*destroy)(void *obj));
/* Finds a component object by name (NULL if none). */
void *sim_find_component(struct sim *sim, const char *name);

/* Registers a snapshot part; 0, or -1 when SIM_MAX_SNAP_PARTS are taken:
 * then every snapshot of this simulation is refused (a part left out
 * would silently make restored runs differ), so callers need not undo
 * their creation.  name is borrowed: it must outlive the sim. */
int sim_add_snapshot(struct sim *sim, const char *name, void *obj, sim_save_fn save,
		     sim_restore_fn restore);

/* Snapshots of the whole simulation (sim_snapshot.c): the kernel's state
 * (now, both queues' sequence counters, events fired, log counts), then
 * every part in registration order.  Only between events (after sim_run
 * returned).  See doc/checkpoints.md for the stream.
 *
 * save: 0, or -1 (out of memory, or a part cannot be saved now).  With
 * w->delta set, memories save only what changed since the chain's
 * previous snapshot.
 *
 * restore: into a simulation built the same way (the same scenario: the
 * parts' count and names are checked).  Both queues are emptied first, so
 * the pending events afterwards are exactly those the parts restored.
 * 0, or -1 with the first problem in r->err; after a failure the
 * simulation is consistent but mixed: destroy it. */
int sim_snapshot_save(struct sim *sim, struct snap_writer *w);
int sim_snapshot_restore(struct sim *sim, struct snap_reader *r);

/* Schedules ev at absolute time t (>= sim->now). Scheduling in the past,
 * or running out of memory for the queue, is a simulator bug: it aborts
 * with a message (also under NDEBUG). */
/* (sim_schedule and sim_core_schedule are inline: the common case, an
 * event idle or pending in the same queue at a time not in the past, is
 * one call into the queue; sim_schedule_into checks everything.) */
void sim_schedule_into(struct sim *sim, struct eventq *q, struct event *ev, sim_time_t t);
static inline void sim_schedule(struct sim *sim, struct event *ev, sim_time_t t)
{
	if (t < sim->now || (ev->q && ev->q != &sim->q) || eventq_schedule(&sim->q, ev, t) < 0)
		sim_schedule_into(sim, &sim->q, ev, t);
}
static inline void sim_schedule_in(struct sim *sim, struct event *ev, sim_time_t delay)
{
	sim_schedule(sim, ev, simtime_add(sim->now, delay));
}
/* Removes ev from whichever queue holds it (q or cq); harmless if idle. */
static inline void sim_cancel(struct sim *sim, struct event *ev)
{
	if (eventq_holds(&sim->q, ev))
		eventq_cancel(&sim->q, ev);
	else if (eventq_holds(&sim->cq, ev))
		eventq_cancel(&sim->cq, ev);
}

/* The same for a core's run event (kept in cq). */
static inline void sim_core_schedule(struct sim *sim, struct event *ev, sim_time_t t)
{
	if (t < sim->now || (ev->q && ev->q != &sim->cq) || eventq_schedule(&sim->cq, ev, t) < 0)
		sim_schedule_into(sim, &sim->cq, ev, t);
}
static inline void sim_core_cancel(struct sim *sim, struct event *ev)
{
	sim_cancel(sim, ev);
}

/* Fires events in (time, seq) order until none is pending, the next one is
 * later than `until` (then now = until), or sim_stop() is called. */
enum sim_run_result sim_run(struct sim *sim, sim_time_t until);
/* The same, returning SIM_RUN_BUDGET after max_events events, so the
 * caller can look at the wall clock or for a livelock between slices;
 * slicing never changes the order of events. */
enum sim_run_result sim_run_budget(struct sim *sim, sim_time_t until, uint64_t max_events);

/* Asks the run loop to return after the current event. */
void sim_stop(struct sim *sim, int code);

/* A log line from component comp (its id from sim_add_component, or
 * SIM_NO_COMPONENT), printed under the name who (NULL: the component's
 * registered name). The trace record goes on comp's lane. */
void sim_log(struct sim *sim, enum sim_log_cat cat, uint16_t comp, const char *who,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void sim_vlog(struct sim *sim, enum sim_log_cat cat, uint16_t comp, const char *who,
	      const char *fmt, va_list ap);

/* One line per source whose lines were rate-limited: its total and how
 * many were not shown, logged (and traced) at the current time.  Whoever
 * runs a simulation calls it at the end. */
void sim_log_summary(struct sim *sim);

/* Same, at an explicit time (an access by a core running ahead of now). */
void sim_log_at(struct sim *sim, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		const char *who, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Emits a trace record if tracing is on. */
static inline void sim_trace(struct sim *sim, sim_time_t t, uint16_t type,
			     uint16_t component, const void *data, uint32_t len)
{
	if (sim->trace)
		trace_emit(sim->trace, t, type, component, data, len);
}

#endif
