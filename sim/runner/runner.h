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

struct runner;

struct runner_options {
	int verbosity;          /* 0: verdict only, 1: timeline, 2: + info log */
	FILE *out;              /* timeline and verdict (stdout) */
	const char *trace_path; /* binary trace file, NULL: none */
	bool trace_insns;       /* also every retired instruction */
	sim_time_t time_limit;  /* 0: the scenario's */
	/* wall-clock time the run may take (a duration in the units of
	 * simtime_parse, read as real time), 0: no limit.  For CI: reaching it
	 * fails the run, and whether it is reached depends on the machine */
	sim_time_t wall_limit;
	bool progress;          /* progress line on stderr (a terminal) */
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
};

/* Every run ends: besides the time limit, a run fails as a livelock when
 * RUNNER_LIVELOCK_STEPS steps, or RUNNER_LIVELOCK_EVENTS events, go by
 * without simulated time advancing (a repeat of steps that take no time
 * would otherwise never end, whatever the time limit says). */
#define RUNNER_LIVELOCK_STEPS 1000000u
#define RUNNER_LIVELOCK_EVENTS 20000000u

/* Runs a loaded scenario to its end. */
enum runner_verdict runner_run(const struct scenario *sc, const struct runner_options *opt,
			       struct runner_result *res);

#endif
