/* The scenario runner: builds the platform a scenario describes, the
 * host's remoteproc instances and virtio-rpmsg devices, and plays the
 * scenario's steps as the host's user space, in simulated time.
 *
 * Each step runs inside an event. A step either completes at once (its
 * result is checked, the next step follows after the host's latency for
 * that operation) or blocks on a condition (a state, a channel, a trace
 * line, a readable message, a free TX buffer) with a timeout event; the
 * hooks of the models re-check the condition when something changes.
 * The first expectation that fails ends the run with a report naming the
 * step, what was expected, what was seen and when. */
#ifndef RPSIM_RUNNER_H
#define RPSIM_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/scenario/scenario.h"
#include "sim/core/simtime.h"
#include "sim/core/trace.h"

struct snap_writer;
struct snap_reader;
struct sim;
struct cpu;
struct checkpoint;

struct runner;

/* How the timeline writes simulated time (runner_out.c). AUTO picks the
 * unit by magnitude and shows 3 decimals ("   121.330 us"); a fixed unit
 * shows the exact value in that unit; PS is the raw integer. */
enum runner_time_format {
	RUNNER_TIME_AUTO = 0,
	RUNNER_TIME_PS,
	RUNNER_TIME_NS,
	RUNNER_TIME_US,
	RUNNER_TIME_MS,
	RUNNER_TIME_S,
};

struct runner_options {
	int verbosity;          /* 0: verdict only, 1: timeline, 2: + info log */
	FILE *out;              /* timeline and verdict (stdout) */
	const char *trace_path; /* binary trace file, NULL: none */
	bool trace_insns;       /* also every retired instruction (compressed) */
	sim_time_t trace_window; /* with trace_insns: keep only the last stretch */
	uint64_t trace_warn_bytes; /* warn once when the trace passes this (0: never) */
	/* a snapshot into the trace after this much work (instructions of
	 * all cores, plus RUNNER_EVENT_WORK per event), so any instant can be
	 * reached by re-executing at most that much; 0: no snapshots */
	uint64_t snapshot_every;
	/* with trace_path and snapshots: record every event too, so the
	 * trace reads without re-executing the run.  false: events are
	 * recorded up to the first snapshot only and readers recompute the
	 * rest from the scenario and firmware (TRACEFILE_FLAG_RECOMPUTED,
	 * doc/trace-format.md), which makes recording cost little more than
	 * the snapshots.  trace_insns records everything anyway. */
	bool trace_events;
	sim_time_t time_limit;  /* 0: the scenario's */
	/* wall-clock time the run may take (a duration in the units of
	 * simtime_parse, read as real time), 0: no limit.  For CI: reaching it
	 * fails the run, and whether it is reached depends on the machine */
	sim_time_t wall_limit;
	bool progress;          /* progress line on stderr (a terminal) */
	/* without trace_path: records go to this sink (tests), NULL: none */
	struct trace_sink *sink;
	/* build without playing anything (no preload, no boot, no first
	 * step, no time limit armed): a snapshot is restored next */
	bool restoring;
	/* a re-execution (sim/trace/replay.h): the files the run writes (core
	 * dumps) are made and reported as the run did, but not written */
	bool no_files;
	/* runner_run: write a checkpoint file (doc/checkpoints.md) when the
	 * simulated time reaches checkpoint_at, then go on */
	const char *checkpoint_path;
	sim_time_t checkpoint_at;
	/* runner_run: start from this checkpoint (sim/core/checkpoint.h),
	 * named restore_name in messages; refused when the scenario, a
	 * firmware file or rpsim differs */
	const struct checkpoint *restore;
	const char *restore_name;
	enum runner_time_format time_format;
	bool color;             /* ANSI colours in the timeline */
	uint8_t jit;            /* enum cpu_jit: --no-jit (same results, slower) */
};

enum runner_verdict {
	RUNNER_PASS = 0,
	RUNNER_FAIL = 1,  /* an expectation failed or timed out */
	RUNNER_ERROR = 2, /* the scenario cannot run (platform, trace file) */
};

struct runner_result {
	enum runner_verdict verdict;
	unsigned steps_run;
	sim_time_t end_time;
	uint64_t insns;         /* instructions retired by all cores */
	char message[1024];     /* the failure, or the error */
	/* after a failure: where each core was (lines, each ending in a
	 * newline: state, pc, symbol, source line, the crash, backtraces) */
	char report[4096];
};

/* Every run ends: besides the time limit, a run fails as a livelock when
 * RUNNER_LIVELOCK_STEPS steps, or RUNNER_LIVELOCK_EVENTS events, go by
 * without simulated time advancing (a repeat of steps that take no time
 * would otherwise never end, whatever the time limit says). */
#define RUNNER_LIVELOCK_STEPS 1000000u
#define RUNNER_LIVELOCK_EVENTS 20000000u

/* The timeline's time column for t (runner_out.c): always the same width
 * for a given format up to 10^6 s, so columns line up. Returns buf. */
#define RUNNER_TIME_BUFLEN 40
char *runner_format_time(sim_time_t t, enum runner_time_format f, char *buf, size_t len);
/* "auto", "ps", "ns", "us", "ms", "s" -> the format, or -1. */
int runner_time_format_parse(const char *name);

/* Timeline styles, and the ANSI colour each has (runner_out.c); "" when
 * colour is off.  Also used for the verdict line. */
enum runner_style {
	RUNNER_STYLE_PLAIN = 0,
	RUNNER_STYLE_STATE,    /* remoteproc states, channels, firmware loads */
	RUNNER_STYLE_ERROR,    /* guest errors, failures */
	RUNNER_STYLE_FIRMWARE, /* what the firmware printed */
	RUNNER_STYLE_PASS,
	RUNNER_STYLE_DIM,      /* the time column */
};
const char *runner_style_on(enum runner_style s, bool color);
const char *runner_style_off(bool color);

/* Runs a loaded scenario to its end. */
enum runner_verdict runner_run(const struct scenario *sc, const struct runner_options *opt,
			       struct runner_result *res);
#define RUNNER_SNAPSHOT_EVERY 4000000u /* the default work between snapshots (doc/trace-format.md) */
#define RUNNER_TRACE_WARN ((uint64_t)1 << 30)

/* The same in parts, for checkpoints, seeking and tests:
 *   runner_open     builds the platform and the host and, unless
 *                   opt->restoring, starts playing; NULL with res->verdict
 *                   RUNNER_ERROR and the message in res on failure
 *   runner_advance  runs until the scenario ends (true) or simulated time
 *                   reaches until, or something else stopped the
 *                   simulation (a core's pause; false)
 *   runner_save     a snapshot of the whole simulation (sim.h)
 *   runner_restore  puts a snapshot back; -1 with the message in r: then
 *                   only runner_close is left to do
 *   runner_close    finishes the trace, fills res, frees; the verdict
 * res must outlive the runner. */
struct runner *runner_open(const struct scenario *sc, const struct runner_options *opt,
			   struct runner_result *res);
bool runner_advance(struct runner *run, sim_time_t until);
bool runner_done(const struct runner *run);
int runner_save(struct runner *run, struct snap_writer *w);
int runner_restore(struct runner *run, struct snap_reader *r);
enum runner_verdict runner_close(struct runner *run);
/* The simulation and its cores (one per remote, in the scenario's order). */
struct sim *runner_sim(struct runner *run);
unsigned runner_ncores(const struct runner *run);
struct cpu *runner_core(const struct runner *run, unsigned i);

/* For a debugger that holds the run between slices (the GDB stub,
 * sim/gdb), besides the above: */
struct host;

/* Ends the run as failed with why ("killed from GDB"), at the current
 * simulated time. */
void runner_abort(struct runner *run, const char *why);
struct host *runner_host(struct runner *run); /* models/host/host.h */
/* remoteprocN is remote N, its core runner_core(run, N) */
const char *runner_core_name(const struct runner *run, unsigned i); /* "remoteproc0" */
/* The firmware file remote i runs (or will): what it last loaded, else
 * the scenario's; NULL if neither. */
const char *runner_firmware(const struct runner *run, unsigned i);
/* Quiet: no timeline and no log lines (a debugger re-executing what was
 * shown already). */
void runner_set_quiet(struct runner *run, bool quiet);
/* Whether the run writes a trace file. */
bool runner_tracing(const struct runner *run);

#endif
