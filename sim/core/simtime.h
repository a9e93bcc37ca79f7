/* Simulated time: an unsigned 64-bit count of picoseconds since the start
 * of the simulation.  2^64 ps is about 213 days of simulated time, far more
 * than any scenario runs.  Host (wall-clock) time never enters here. */
#ifndef RPSIM_SIMTIME_H
#define RPSIM_SIMTIME_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t sim_time_t;

#define SIM_TIME_MAX UINT64_MAX
#define SIM_PS ((sim_time_t)1)
#define SIM_NS ((sim_time_t)1000)
#define SIM_US ((sim_time_t)1000000)
#define SIM_MS ((sim_time_t)1000000000)
#define SIM_S ((sim_time_t)1000000000000)

/* Parses a duration such as "250ns", "10us", "3ms", "1.5s", "42ps" or a
 * clock frequency such as "200MHz", "32768Hz", "1GHz" (which yields the
 * clock period, rounded to the nearest picosecond).  Whitespace between the
 * number and the unit is accepted; a bare number without a unit is refused
 * (units are never guessed).  Returns 0 and writes *out on success; returns
 * -1 with a message in err (what is wrong and what is accepted) on a
 * malformed value, a fraction finer than 1 ps, zero frequency or overflow. */
int simtime_parse(const char *s, sim_time_t *out, char *err, size_t errlen);

/* Parses a frequency ("200MHz", "1.2GHz", "32768Hz") into Hz. Same error
 * convention as simtime_parse. */
int simtime_parse_hz(const char *s, uint64_t *hz, char *err, size_t errlen);

/* Formats t with the largest unit that keeps it exact, e.g. "250ns",
 * "1.5us", "0ps".  Always NUL-terminates; returns buf. */
char *simtime_format(sim_time_t t, char *buf, size_t len);

/* Fixed-width "seconds.picoseconds" form used in timelines:
 * "0.000012500000" (12 digits after the point, exact). Returns buf. */
char *simtime_format_fixed(sim_time_t t, char *buf, size_t len);

#define SIMTIME_BUFLEN 32

/* a + b, or SIM_TIME_MAX when the sum does not fit: time saturates.  An
 * event at SIM_TIME_MAX comes after everything else (every run ends before
 * it: its time limit is at most SIM_TIME_MAX and fires first), so a delay
 * that would wrap around can never schedule anything in the past.  Every
 * sum of simulated times that input (scenario, firmware) can make large
 * goes through here. */
static inline sim_time_t simtime_add(sim_time_t a, sim_time_t b)
{
	return a > SIM_TIME_MAX - b ? SIM_TIME_MAX : a + b;
}

/* a * n, saturating the same way. */
static inline sim_time_t simtime_mul(sim_time_t a, uint64_t n)
{
	return n && a > SIM_TIME_MAX / n ? SIM_TIME_MAX : a * n;
}

#endif
