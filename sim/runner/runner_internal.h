/* Shared between runner.c (setup, hooks, timeline) and runner_steps.c
 * (the step machine, which talks to the host only through host.h). */
#ifndef RPSIM_RUNNER_INTERNAL_H
#define RPSIM_RUNNER_INTERNAL_H

#include <stdarg.h>
#include <time.h>

#include "models/host/host.h"
#include "sim/core/debuginfo.h"
#include "sim/core/elf.h"
#include "sim/platform/platform.h"
#include "sim/runner/runner.h"
#include "sim/core/sim.h"
#include "sim/core/snap.h"

#define RUNNER_MAX_FILES 64
#define RUNNER_MAX_LINES 4096
#define RUNNER_MAX_STATES 4096
/* How often a waiting host re-reads a trace buffer (as `cat trace0` in a
 * loop would); only while a trace wait is pending. */
#define RUNNER_TRACE_POLL (50 * SIM_US)
/* A seekable trace: the work between snapshots is looked at every slice
 * of simulated time; a keyframe (a complete snapshot) starts every
 * KEYFRAME_EVERY-th; an event counts as this many instructions of work. */
#define RUNNER_SNAPSHOT_SLICE (100 * SIM_US)
#define RUNNER_KEYFRAME_EVERY 16
#define RUNNER_EVENT_WORK 50
/* Simulated time between progress checks when stderr is a terminal. */
#define RUNNER_PROGRESS_SLICE (1 * SIM_MS)
/* Events between looks at the wall clock and the livelock counters. */
#define RUNNER_EVENT_SLICE 65536u

struct runner;

struct runner_remote {
	struct runner *run;
	unsigned index;
	char dev_name[24];            /* "remoteproc0" */
	/* for failure reports (runner_report.c): the firmware's symbols and
	 * DWARF (opened at the first report, for the file loaded then) */
	char syms_path[1024];
	struct elf_image *img;
	struct debuginfo *di;
	/* a core fault with no usable trap handler, as the platform reported it */
	bool fatal_seen;
	struct cpu_fault fatal;
	/* the first crash the scenario did not inject: its description (the
	 * verdict starts with it) and its backtrace */
	bool crash_injected;          /* a crash step is pending */
	bool crash_seen;
	char crash[512];
	char crash_bt[1024];
	struct platform_remote *pr;
	/* the scenario's firmware search path, absolute (the host's loads
	 * then trace full paths), NULL-terminated */
	char *search[SCENARIO_MAX_FW_DIRS + 1];
};

struct runner_file {
	char path[RPMSG_CHAR_PATH_LEN];
	struct host_file *f;
	bool nonblock;
};

struct runner_frame {
	const struct scenario_step *steps;
	unsigned n, i;
	uint32_t iter, count;  /* repeat iteration and total */
	uint32_t size;         /* by-size repeats: the current size */
	const struct scenario_step *repeat; /* NULL for the top level */
};

struct runner {
	struct sim sim;
	const struct scenario *sc;
	struct runner_options opt;
	struct runner_result *res;
	struct platform *plat;
	struct host *host;          /* the Linux side, built from the platform */
	struct runner_remote remotes[SCENARIO_MAX_RPROCS];
	unsigned nremotes;
	struct runner_file files[RUNNER_MAX_FILES];
	struct tracefile_writer *tw;
	/* the trace is to record events up to its first snapshot only
	 * (TRACEFILE_FLAG_RECOMPUTED, set when that snapshot is written):
	 * readers re-execute the rest */
	bool recompute;
	struct trace_limit *tlimit; /* in front of tw */
	/* the runner's sink (runner_out.c) sees every record first, then
	 * hands it to the trace file's (file_sink, NULL: no file) */
	struct trace_sink sink;
	struct trace_sink *file_sink;

	/* the progress line (runner_out.c) */
	bool progress_visible;
	struct timespec prog_start, prog_last;
	uint64_t prog_insns;

	/* uart lines seen, for trace waits (a cursor consumes them) */
	char *lines[RUNNER_MAX_LINES];
	unsigned nlines, line_cursor;
	size_t trace_cursor[SCENARIO_MAX_RPROCS]; /* bytes of trace0 already matched */

	/* states each remoteproc entered, for state waits: a wait is met by
	 * the current state or one entered since the last state wait (a
	 * crash recovered within microseconds must still be seen) */
	struct runner_states {
		uint8_t seen[RUNNER_MAX_STATES];
		unsigned n, cursor;
	} states[SCENARIO_MAX_RPROCS];

	/* channels announced and not destroyed, by name ("rpmsg-raw") */
	char *channels[RUNNER_MAX_LINES];
	unsigned nchannels;

	/* the step machine */
	struct runner_frame stack[SCENARIO_MAX_DEPTH + 2];
	int depth;
	const struct scenario_step *cur;  /* the step running or blocked */
	bool blocked;
	sim_time_t deadline;
	struct event step_ev, timeout_ev, poll_ev, limit_ev, poke_ev;
	bool done;
	bool quiet;   /* runner_set_quiet: no timeline, no log lines */

	/* livelock: steps and events since simulated time last advanced */
	sim_time_t still_at;
	uint32_t still_steps;
	uint64_t still_events; /* sim.events_fired when time last advanced */
	const struct scenario_step *last_step; /* the step started last */
	struct timespec wall_start; /* when runner_open finished (--wall-limit) */
	/* snapshots into the trace (seekable traces) */
	struct snap_delta *chain;
	struct snap_writer snapw; /* its buffer is kept from snapshot to snapshot */
	uint32_t nsnaps, keyframe;
	uint64_t snap_insns, snap_events; /* work done at the last snapshot */
	bool size_warned;
};

/* runner_out.c: the timeline (runner_say: plain style) */
void runner_say(struct runner *run, sim_time_t t, const char *who, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void runner_line(struct runner *run, sim_time_t t, enum runner_style st, const char *who, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void runner_vline(struct runner *run, sim_time_t t, enum runner_style st, const char *who, const char *fmt,
		  va_list ap) __attribute__((format(printf, 5, 0)));
void runner_sink_init(struct runner *run, struct trace_sink *file_sink);

/* runner_trace.c: the trace file (run->opt.trace_path).  runner_trace_open
 * creates it with the identities and the volume bound (-1 with the message
 * in err); the first snapshot (which stops the recording of events when
 * they are to be recomputed), one after enough work, the last at the end;
 * the size warning; runner_trace_finish ends it (-1 with the message). */
int runner_trace_open(struct runner *run, char *err, size_t errlen);
void runner_trace_first_snapshot(struct runner *run);
void runner_trace_maybe_snapshot(struct runner *run);
void runner_trace_last_snapshot(struct runner *run);
void runner_trace_size_warning(struct runner *run);
int runner_trace_finish(struct runner *run, char *err, size_t errlen);
/* instructions retired by every core, over resets */
uint64_t runner_insns(const struct runner *run);
void runner_progress_start(struct runner *run);
void runner_progress(struct runner *run);
void runner_progress_end(struct runner *run);

/* runner.c */
/* p made absolute (symbolic links resolved) when it exists, else a copy;
 * malloc'd, NULL when out of memory */
char *runner_abs_path(const char *p);
void runner_fail(struct runner *run, sim_time_t t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct runner_file *runner_file_find(struct runner *run, const char *path);
bool runner_channel_live(const struct runner *run, const char *name);

/* runner_report.c: what failure reports say about the cores */
void runner_note_crash(struct runner *run, unsigned remote, sim_time_t t);
void runner_note_fatal(struct runner *run, unsigned remote, const struct cpu_fault *f, sim_time_t t);
/* Fills run->res->report, and starts the message with an unexpected crash. */
void runner_report(struct runner *run);
void runner_report_free(struct runner *run);

/* runner_ckpt.c: checkpoint files (runner.h) */
struct checkpoint;
int runner_checkpoint_write(struct runner *run, const char *path, char *err, size_t errlen);
int runner_checkpoint_restore(struct runner *run, const struct checkpoint *ck, const char *name,
			      char *err, size_t errlen);

/* runner_snap.c: the "runner" part of the simulation's snapshots */
int runner_snapshot_register(struct runner *run);

/* runner_steps.c: init prepares the events, start plays the first step
 * (and boots the remotes that boot at power-on) */
void runner_steps_init(struct runner *run);
void runner_steps_start(struct runner *run);
/* path's open file, opened now (and kept, as a test program keeps its fd)
 * if the scenario had not; NULL with the open's errno in *ret. */
struct runner_file *runner_file_open(struct runner *run, const char *path, bool nonblock, int *ret);
/* Something changed (state, channel, line, message, TX buffer): a blocked
 * step re-checks its condition. */
void runner_steps_poke(struct runner *run, sim_time_t t);

/* runner_wait.c */
/* Whether wait step s's condition holds now; seen says what was seen
 * instead when it does not. */
bool runner_wait_met(struct runner *run, const struct scenario_step *s, char *seen, size_t cap);
/* Why no channel of s's name came: the channels that did, the remote's
 * state, its resource table. */
void runner_channel_hint(struct runner *run, const struct scenario_step *s, char *seen, size_t cap);

#endif
