#include "sim/core/simtime.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct unit {
	const char *name;
	uint64_t scale; /* picoseconds per unit, or Hz per unit for frequencies */
	int is_freq;
};

static const struct unit units[] = {
	{ "ps", 1, 0 },
	{ "ns", 1000, 0 },
	{ "us", 1000000, 0 },
	{ "ms", 1000000000, 0 },
	{ "s", 1000000000000ULL, 0 },
	{ "Hz", 1, 1 },
	{ "kHz", 1000, 1 },
	{ "MHz", 1000000, 1 },
	{ "GHz", 1000000000, 1 },
};

/* A decimal number as integer part and fraction part (up to 18 digits). */
struct decimal {
	uint64_t ip;
	uint64_t frac;     /* fraction digits as an integer */
	unsigned frac_digits;
};

static const uint64_t pow10u[] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
};

static const char accepted[] =
	"expected a number and a unit: ps, ns, us, ms, s (e.g. \"250ns\") "
	"or Hz, kHz, MHz, GHz for a clock (e.g. \"200MHz\")";

/* Splits "<decimal><spaces><unit>" and finds the unit. */
static int split(const char *s, struct decimal *d, const struct unit **u,
		 char *err, size_t errlen)
{
	const char *p = s;
	memset(d, 0, sizeof(*d));
	if (!s) {
		snprintf(err, errlen, "missing time value: %s", accepted);
		return -1;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p)) {
		snprintf(err, errlen, "\"%s\" is not a time: %s", s, accepted);
		return -1;
	}
	while (isdigit((unsigned char)*p)) {
		unsigned dig = (unsigned)(*p - '0');
		if (d->ip > (UINT64_MAX - dig) / 10) {
			snprintf(err, errlen, "\"%s\" overflows 64 bits", s);
			return -1;
		}
		d->ip = d->ip * 10 + dig;
		p++;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p)) {
			snprintf(err, errlen, "\"%s\": a digit must follow the decimal point", s);
			return -1;
		}
		while (isdigit((unsigned char)*p)) {
			if (d->frac_digits >= 18) {
				snprintf(err, errlen, "\"%s\": too many decimal digits (18 at most)", s);
				return -1;
			}
			d->frac = d->frac * 10 + (uint64_t)(*p - '0');
			d->frac_digits++;
			p++;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	const char *uname = p;
	size_t ulen = strlen(uname);
	while (ulen > 0 && isspace((unsigned char)uname[ulen - 1]))
		ulen--;
	if (ulen == 0) {
		snprintf(err, errlen, "\"%s\" has no unit: %s", s, accepted);
		return -1;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		/* units are case-sensitive for time (ms vs Ms would be
		 * ambiguous), case-insensitive for frequencies (mhz, MHZ). */
		int match = units[i].is_freq
			? (strlen(units[i].name) == ulen && strncasecmp(uname, units[i].name, ulen) == 0)
			: (strlen(units[i].name) == ulen && strncmp(uname, units[i].name, ulen) == 0);
		if (match) {
			*u = &units[i];
			return 0;
		}
	}
	snprintf(err, errlen, "\"%s\" has an unknown unit \"%.*s\": %s", s, (int)ulen, uname, accepted);
	return -1;
}

/* value = d * scale exactly, refusing overflow and leftover fractions. */
static int scale_exact(const struct decimal *d, uint64_t scale, uint64_t *out,
		       const char *s, const char *what, char *err, size_t errlen)
{
	if (d->ip != 0 && scale > UINT64_MAX / d->ip) {
		snprintf(err, errlen, "\"%s\" overflows the 64-bit %s range", s, what);
		return -1;
	}
	uint64_t v = d->ip * scale;
	if (d->frac_digits) {
		/* frac/10^k * scale must be a whole number */
		uint64_t den = pow10u[d->frac_digits];
		unsigned __int128 num = (unsigned __int128)d->frac * scale;
		if (num % den != 0) {
			snprintf(err, errlen, "\"%s\" is finer than the %s resolution", s, what);
			return -1;
		}
		uint64_t add = (uint64_t)(num / den);
		if (v > UINT64_MAX - add) {
			snprintf(err, errlen, "\"%s\" overflows the 64-bit %s range", s, what);
			return -1;
		}
		v += add;
	}
	*out = v;
	return 0;
}

int simtime_parse_hz(const char *s, uint64_t *hz, char *err, size_t errlen)
{
	struct decimal d;
	const struct unit *u;
	if (split(s, &d, &u, err, errlen) < 0)
		return -1;
	if (!u->is_freq) {
		snprintf(err, errlen, "\"%s\" is a duration where a frequency (Hz, kHz, MHz, GHz) is expected", s);
		return -1;
	}
	if (scale_exact(&d, u->scale, hz, s, "1 Hz", err, errlen) < 0)
		return -1;
	if (*hz == 0) {
		snprintf(err, errlen, "\"%s\": a clock frequency must be above zero", s);
		return -1;
	}
	return 0;
}

int simtime_parse(const char *s, sim_time_t *out, char *err, size_t errlen)
{
	struct decimal d;
	const struct unit *u;
	if (split(s, &d, &u, err, errlen) < 0)
		return -1;
	if (!u->is_freq)
		return scale_exact(&d, u->scale, out, s, "picosecond", err, errlen);
	uint64_t hz;
	if (simtime_parse_hz(s, &hz, err, errlen) < 0)
		return -1;
	if (hz > SIM_S) {
		snprintf(err, errlen, "\"%s\": a clock above 1 THz has a period under 1 ps", s);
		return -1;
	}
	*out = (SIM_S + hz / 2) / hz; /* period, rounded to the nearest ps */
	return 0;
}

char *simtime_format(sim_time_t t, char *buf, size_t len)
{
	static const struct { const char *name; uint64_t scale; } f[] = {
		{ "s", 1000000000000ULL }, { "ms", 1000000000ULL },
		{ "us", 1000000ULL }, { "ns", 1000ULL }, { "ps", 1ULL },
	};
	if (t == 0) {
		snprintf(buf, len, "0ps");
		return buf;
	}
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (t < f[i].scale)
			continue;
		uint64_t ip = t / f[i].scale, rem = t % f[i].scale;
		if (rem == 0) {
			snprintf(buf, len, "%" PRIu64 "%s", ip, f[i].name);
		} else {
			/* print the remainder with trailing zeros removed */
			/* rem < scale <= 10^12: exactly w digits, w <= 12 */
			char digits[16];
			unsigned w = 0;
			for (uint64_t s = f[i].scale; s > 1; s /= 10)
				w++;
			for (unsigned k = w; k-- > 0; rem /= 10)
				digits[k] = (char)('0' + rem % 10);
			digits[w] = '\0';
			size_t n = w;
			while (n > 0 && digits[n - 1] == '0')
				digits[--n] = '\0';
			snprintf(buf, len, "%" PRIu64 ".%s%s", ip, digits, f[i].name);
		}
		return buf;
	}
	snprintf(buf, len, "%" PRIu64 "ps", t);
	return buf;
}

char *simtime_format_fixed(sim_time_t t, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 ".%012" PRIu64, t / SIM_S, t % SIM_S);
	return buf;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int simtime_rate_init(struct simtime_rate *r, uint64_t hz)
{
	if (hz == 0 || hz > SIM_S)
		return -1;
	uint64_t g = gcd64(hz, SIM_S);
	r->num = hz / g;
	r->den = SIM_S / g;
	r->wide = r->num > UINT64_MAX / r->den;
	r->inv = simtime_inv(r->den);
	r->k_max = SIM_TIME_MAX / r->den;
	return 0;
}

uint64_t simtime_to_ticks_slow(const struct simtime_rate *r, sim_time_t t)
{
	/* t * num / den split so that nothing overflows: the whole periods
	 * of den, then the rest (rest * num < den * num) */
	uint64_t q = t / r->den, rem = t % r->den;
	if (r->wide)
		return q * r->num + (uint64_t)((unsigned __int128)rem * r->num / r->den);
	return q * r->num + rem * r->num / r->den;
}

bool simtime_from_ticks_slow(const struct simtime_rate *r, uint64_t k, sim_time_t *t)
{
	/* ceil(k * den / num) = (k / num) * den + ceil((k % num) * den / num) */
	uint64_t q = k / r->num, rem = k % r->num, part;
	if (q > SIM_TIME_MAX / r->den)
		return false;
	if (r->num == 1)
		part = 0;
	else if (r->wide)
		part = (uint64_t)(((unsigned __int128)rem * r->den + r->num - 1) / r->num);
	else
		part = (rem * r->den + r->num - 1) / r->num;
	uint64_t base = q * r->den;
	if (part > SIM_TIME_MAX - base)
		return false;
	*t = base + part;
	return true;
}
