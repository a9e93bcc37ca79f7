/* The least simulated time a scenario's steps take, computed before
 * anything runs, so a sum that cannot be represented (2^64 - 1 ps, about
 * 213 days) is refused at load with the step's JSON path instead of
 * wrapping around at run time.
 *
 * Each step moves the runner's clock: a completed call by its host
 * latency, "run" by its duration, a wait for a time to at least that time;
 * waits for events and blocked calls take at least nothing.  A sequence of
 * steps therefore maps a start time c to at least max(c + a, b): a is the
 * time it adds, b the latest absolute time it waits for.  Such maps
 * compose to the same form, and a repeat of n iterations of (a, b) is
 * (n * a, b + (n - 1) * a), so nested repeats of a million iterations
 * cost one multiplication each, never a loop.
 *
 * The same walk counts the steps the run executes, repeats multiplied
 * out: more than SCENARIO_MAX_RUN_STEPS is refused too.  Steps of a few
 * picoseconds each (a cat with a 2 ps sysfs latency in nested repeats)
 * keep simulated time moving, so neither the time limit nor the livelock
 * limit would end such a run before days of wall time. */
#include "sim/scenario/scenario_time.h"

#include <inttypes.h>
#include <stdio.h>

/* The least cost of a sequence: max(c + add, at) from start time c. */
struct cost {
	sim_time_t add, at;
	uint64_t steps; /* steps executed, at most SCENARIO_MAX_RUN_STEPS */
	bool over; /* add or at passed SIM_TIME_MAX, or steps the cap
		    * (reported already) */
};

sim_time_t scenario_step_latency(const struct scenario *sc, const struct scenario_step *s)
{
	const struct platform_host_desc *h = &sc->platform.host;
	switch (s->kind) {
	case SCENARIO_STEP_ECHO: return h->sysfs_write;
	case SCENARIO_STEP_CAT: return h->sysfs_read;
	case SCENARIO_STEP_OPEN: return h->open;
	case SCENARIO_STEP_CLOSE: return h->close;
	case SCENARIO_STEP_WRITE: return h->write;
	case SCENARIO_STEP_READ: return h->read;
	case SCENARIO_STEP_IOCTL: return h->ioctl;
	case SCENARIO_STEP_POLL: return h->read;
	default: return 0;
	}
}

static bool add_over(sim_time_t a, sim_time_t b)
{
	return a > SIM_TIME_MAX - b;
}

static void too_long(struct sj *j, const char *path, const char *what)
{
	char max[SIMTIME_BUFLEN];
	sj_err(j, path, "%s add up to more simulated time than rpsim represents (%s, about 213 "
	       "days): shorten the durations or the repeat counts", what,
	       simtime_format(SIM_TIME_MAX, max, sizeof(max)));
}

static void too_many(struct sj *j, const char *path, const char *what)
{
	sj_err(j, path, "%s make more than %llu steps for the run to execute: lower the repeat "
	       "counts (a run must end in reasonable wall time)", what,
	       (unsigned long long)SCENARIO_MAX_RUN_STEPS);
}

static struct cost seq_cost(struct sj *j, const struct scenario_step *steps, unsigned n);

static struct cost step_cost(struct sj *j, const struct scenario_step *s)
{
	struct cost c = { 0, 0, 1, false };
	switch (s->kind) {
	case SCENARIO_STEP_RUN:
		c.add = s->u.run.duration;
		return c;
	case SCENARIO_STEP_WAIT:
		if (s->u.wait.what == SCENARIO_WAIT_TIME)
			c.at = s->u.wait.time;
		return c;
	case SCENARIO_STEP_REPEAT: {
		struct cost b = seq_cost(j, s->u.repeat.steps, s->u.repeat.nsteps);
		uint32_t n = s->u.repeat.count;
		if (b.over || n == 0)
			return (struct cost){ 0, 0, 1, b.over };
		if (b.add > SIM_TIME_MAX / n || add_over(b.at, b.add * (n - 1))) {
			char each[SIMTIME_BUFLEN], what[128];
			snprintf(what, sizeof(what), "%" PRIu32 " iterations of at least %s each", n,
				 simtime_format(b.add, each, sizeof(each)));
			too_long(j, s->where, what);
			return (struct cost){ 0, 0, 0, true };
		}
		if (b.steps > (SCENARIO_MAX_RUN_STEPS - 1) / n) {
			char what[128];
			snprintf(what, sizeof(what), "%" PRIu32 " iterations of %" PRIu64 " steps each",
				 n, b.steps);
			too_many(j, s->where, what);
			return (struct cost){ 0, 0, 0, true };
		}
		c.steps = 1 + b.steps * n;
		c.add = b.add * n;
		c.at = b.at ? b.at + b.add * (n - 1) : 0;
		return c;
	}
	default:
		c.add = scenario_step_latency(j->sc, s);
		return c;
	}
}

static struct cost seq_cost(struct sj *j, const struct scenario_step *steps, unsigned n)
{
	struct cost c = { 0, 0, 0, false };
	for (unsigned i = 0; i < n; i++) {
		struct cost s = step_cost(j, &steps[i]);
		if (s.over)
			return s;
		/* max(max(x + c.add, c.at) + s.add, s.at) */
		if (add_over(c.add, s.add) || (c.at && add_over(c.at, s.add))) {
			too_long(j, steps[i].where, "the steps up to this one");
			return (struct cost){ 0, 0, 0, true };
		}
		if (c.steps + s.steps > SCENARIO_MAX_RUN_STEPS) {
			too_many(j, steps[i].where, "the steps up to this one");
			return (struct cost){ 0, 0, 0, true };
		}
		c.steps += s.steps;
		c.add += s.add;
		c.at = c.at ? c.at + s.add : 0;
		if (s.at > c.at)
			c.at = s.at;
	}
	return c;
}

void sj_check_time(struct sj *j)
{
	const struct scenario *sc = j->sc;
	struct cost c = seq_cost(j, sc->steps, sc->nsteps);
	if (c.over)
		return;
	j->sc->run_steps = c.steps;
	sim_time_t least = c.add > c.at ? c.add : c.at;
	if (sc->time_limit && least > sc->time_limit) {
		char a[SIMTIME_BUFLEN], b[SIMTIME_BUFLEN];
		sj_warn(j, "$.steps", "the steps take at least %s, more than the time limit of %s: "
			"the run will stop at the limit (raise \"time_limit\")",
			simtime_format(least, a, sizeof(a)), simtime_format(sc->time_limit, b, sizeof(b)));
	}
}
