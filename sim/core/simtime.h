/* Simulated time: an unsigned 64-bit count of picoseconds since the start
 * of the simulation.  2^64 ps is about 213 days of simulated time, far more
 * than any scenario runs.  Host (wall-clock) time never enters here. */
#ifndef RPSIM_SIMTIME_H
#define RPSIM_SIMTIME_H

#include <stdbool.h>
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
/* A counter running at hz (1 Hz .. 1 THz) from simulated time, converted
 * exactly both ways without 128-bit division: the ratio is kept reduced,
 * ticks(t) = floor(t * num / den), so a 10 MHz counter (den = 100000,
 * num = 1) costs one 64-bit multiplication per read (by inv, den's
 * reciprocal, and one correction: no division) and none per compare.
 * Only a ratio whose den * num does not fit 64 bits (a frequency sharing
 * few factors with 10^12, such as 999999937 Hz) takes a 128-bit path. */
struct simtime_rate {
	uint64_t num, den;
	uint64_t inv;   /* floor((2^64 - 1) / den) */
	uint64_t k_max; /* num == 1: the most ticks SIM_TIME_MAX holds */
	bool wide; /* den * num overflows 64 bits */
};

/* 0, or -1 when hz is 0 or above 1 THz. */
int simtime_rate_init(struct simtime_rate *r, uint64_t hz);
uint64_t simtime_to_ticks_slow(const struct simtime_rate *r, sim_time_t t);
/* floor(t / d) by d's reciprocal, inv = floor((2^64 - 1) / d): inv >=
 * 2^64 / d - 1 makes t * inv / 2^64 lie in (t / d - 1, t / d], so the
 * estimate is the quotient or one less, and the remainder tells which.
 * A multiplication instead of a 64-bit division (tens of cycles) on
 * paths that run per device access or per slice. */
static inline uint64_t simtime_div_inv(uint64_t t, uint64_t d, uint64_t inv)
{
	uint64_t q = (uint64_t)(((unsigned __int128)t * inv) >> 64);
	return t - q * d >= d ? q + 1 : q;
}
/* inv for simtime_div_inv: d >= 1 */
static inline uint64_t simtime_inv(uint64_t d)
{
	return UINT64_MAX / d;
}
static inline uint64_t simtime_div_den(const struct simtime_rate *r, uint64_t t)
{
	return simtime_div_inv(t, r->den, r->inv);
}
/* Whole ticks elapsed at t: floor(t * hz / 1 s). */
static inline uint64_t simtime_to_ticks(const struct simtime_rate *r, sim_time_t t)
{
	if (r->num == 1)
		return simtime_div_den(r, t);
	return simtime_to_ticks_slow(r, t);
}
bool simtime_from_ticks_slow(const struct simtime_rate *r, uint64_t k, sim_time_t *t);
/* The earliest time at which ticks reach k (ceil(k * 1 s / hz)); false
 * when that lies beyond SIM_TIME_MAX. */
static inline bool simtime_from_ticks(const struct simtime_rate *r, uint64_t k, sim_time_t *t)
{
	if (r->num == 1) {
		if (k > r->k_max)
			return false;
		*t = k * r->den;
		return true;
	}
	return simtime_from_ticks_slow(r, k, t);
}

#endif
