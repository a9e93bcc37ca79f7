/* Simulated time: parsing and printing of units. */
#include <check.h>
#include <string.h>

#include "sim/core/simtime.h"
#include "tests/unit/check_main.h"

static sim_time_t parse_ok(const char *s)
{
	sim_time_t t = 12345;
	char err[200] = "";
	ck_assert_msg(simtime_parse(s, &t, err, sizeof(err)) == 0, "\"%s\" refused: %s", s, err);
	return t;
}

static void parse_bad(const char *s, const char *needle)
{
	sim_time_t t = 777;
	char err[200] = "";
	ck_assert_msg(simtime_parse(s, &t, err, sizeof(err)) == -1, "\"%s\" accepted", s);
	ck_assert_msg(t == 777, "\"%s\": output written on error", s);
	ck_assert_msg(strstr(err, needle) != NULL, "\"%s\": message \"%s\" lacks \"%s\"", s, err, needle);
}

START_TEST(durations)
{
	ck_assert_uint_eq(parse_ok("250ns"), 250 * SIM_NS);
	ck_assert_uint_eq(parse_ok("10us"), 10 * SIM_US);
	ck_assert_uint_eq(parse_ok("3ms"), 3 * SIM_MS);
	ck_assert_uint_eq(parse_ok("2s"), 2 * SIM_S);
	ck_assert_uint_eq(parse_ok("42ps"), 42);
	ck_assert_uint_eq(parse_ok("0ns"), 0);
	ck_assert_uint_eq(parse_ok("1.5us"), 1500 * SIM_NS);
	ck_assert_uint_eq(parse_ok("0.001ns"), 1);
	ck_assert_uint_eq(parse_ok(" 7 ms "), 7 * SIM_MS);
	ck_assert_uint_eq(parse_ok("18446744073709551615ps"), UINT64_MAX);
	ck_assert_uint_eq(parse_ok("18446744s"), 18446744 * SIM_S);
}
END_TEST

START_TEST(frequencies)
{
	ck_assert_uint_eq(parse_ok("200MHz"), 5000);
	ck_assert_uint_eq(parse_ok("1GHz"), 1000);
	ck_assert_uint_eq(parse_ok("1 kHz"), SIM_MS);
	ck_assert_uint_eq(parse_ok("1Hz"), SIM_S);
	ck_assert_uint_eq(parse_ok("1.5GHz"), 667);   /* 666.67 rounds up */
	ck_assert_uint_eq(parse_ok("3MHz"), 333333);  /* 333333.33 rounds down */
	ck_assert_uint_eq(parse_ok("100mhz"), 10000); /* frequency units ignore case */
	ck_assert_uint_eq(parse_ok("1000GHz"), 1);
	uint64_t hz = 0;
	char err[200];
	ck_assert_int_eq(simtime_parse_hz("32768Hz", &hz, err, sizeof(err)), 0);
	ck_assert_uint_eq(hz, 32768);
	ck_assert_int_eq(simtime_parse_hz("1.2GHz", &hz, err, sizeof(err)), 0);
	ck_assert_uint_eq(hz, 1200000000);
	ck_assert_int_eq(simtime_parse_hz("10us", &hz, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "frequency"));
}
END_TEST

START_TEST(malformed)
{
	parse_bad("", "not a time");
	parse_bad("ns", "not a time");
	parse_bad("-5ns", "not a time");
	parse_bad("10", "no unit");
	parse_bad("10 parsecs", "unknown unit");
	parse_bad("10MS", "unknown unit"); /* time units are case-sensitive */
	parse_bad("1.ns", "digit must follow");
	parse_bad("1.2.3ns", "unknown unit");
	parse_bad("0.0001ns", "finer than");
	parse_bad("0Hz", "above zero");
	parse_bad("2000GHz", "under 1 ps");
	parse_bad("1.0000000000000000001s", "too many decimal digits");
	sim_time_t t;
	char err[64];
	ck_assert_int_eq(simtime_parse(NULL, &t, err, sizeof(err)), -1);
}
END_TEST

START_TEST(overflow)
{
	parse_bad("18446744073709551616ps", "overflows");
	parse_bad("18446745s", "overflows");
	parse_bad("99999999999999999999999ns", "overflows");
	parse_bad("18446744073709551615.5ps", "finer than");
	parse_bad("18446744073709551.616ns", "overflows");
}
END_TEST

START_TEST(format)
{
	char b[SIMTIME_BUFLEN];
	ck_assert_str_eq(simtime_format(0, b, sizeof(b)), "0ps");
	ck_assert_str_eq(simtime_format(250 * SIM_NS, b, sizeof(b)), "250ns");
	ck_assert_str_eq(simtime_format(1500 * SIM_NS, b, sizeof(b)), "1.5us");
	ck_assert_str_eq(simtime_format(3 * SIM_MS + 1, b, sizeof(b)), "3.000000001ms");
	ck_assert_str_eq(simtime_format(7, b, sizeof(b)), "7ps");
	ck_assert_str_eq(simtime_format(2 * SIM_S, b, sizeof(b)), "2s");
	ck_assert_str_eq(simtime_format(UINT64_MAX, b, sizeof(b)), "18446744.073709551615s");
	ck_assert_str_eq(simtime_format_fixed(12500 * SIM_NS, b, sizeof(b)), "0.000012500000");
	ck_assert_str_eq(simtime_format_fixed(3 * SIM_S + 1, b, sizeof(b)), "3.000000000001");
	/* format then parse gives the same value back */
	const sim_time_t samples[] = { 1, 999, 1000, 1234567, 5 * SIM_S + 3, UINT64_MAX };
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		ck_assert_uint_eq(parse_ok(simtime_format(samples[i], b, sizeof(b))), samples[i]);
	/* a short buffer is still terminated */
	char tiny[4];
	simtime_format(123456, tiny, sizeof(tiny));
	ck_assert_uint_eq(strlen(tiny), 3);
}
END_TEST

/* The exact counter conversions against the 128-bit formulas they
 * replace, for frequencies that divide 10^12, that do not, and one whose
 * reduced ratio needs the wide path. */
START_TEST(rates)
{
	static const uint64_t hz[] = { 1, 32768, 10000000, 100000000, 999999937, 3000000001,
				       SIM_S, 7, 24000000 };
	uint64_t x = 0x9E3779B97F4A7C15u;
	for (unsigned i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
		struct simtime_rate r;
		ck_assert_int_eq(simtime_rate_init(&r, hz[i]), 0);
		for (unsigned k = 0; k < 2000; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			sim_time_t t = k < 1000 ? x >> (k % 64) : k;
			uint64_t want = (uint64_t)((unsigned __int128)t * hz[i] / SIM_S);
			ck_assert_uint_eq(simtime_to_ticks(&r, t), want);
			/* the earliest time the counter shows want */
			unsigned __int128 w = ((unsigned __int128)want * SIM_S + hz[i] - 1) / hz[i];
			sim_time_t got;
			ck_assert(simtime_from_ticks(&r, want, &got));
			ck_assert(got == (sim_time_t)w);
			ck_assert_uint_le(got, t);
			ck_assert_uint_eq(simtime_to_ticks(&r, got), want);
			if (got)
				ck_assert_uint_eq(simtime_to_ticks(&r, got - 1), want - 1);
		}
		sim_time_t t;
		/* beyond simulated time */
		ck_assert(!simtime_from_ticks(&r, UINT64_MAX, &t) || hz[i] == SIM_S);
	}
	struct simtime_rate r;
	ck_assert_int_eq(simtime_rate_init(&r, 0), -1);
	ck_assert_int_eq(simtime_rate_init(&r, SIM_S + 1), -1);
	ck_assert_int_eq(simtime_rate_init(&r, 999999937), 0);
	ck_assert(r.wide);
	ck_assert_int_eq(simtime_rate_init(&r, 10000000), 0);
	ck_assert_uint_eq(r.num, 1);
	ck_assert_uint_eq(r.den, 100000);
}
END_TEST

/* simtime_div_den (the reciprocal that replaced the division on every
 * timer read) against the division, at the edges of 64 bits and of each
 * multiple of den, for every den a whole-Hz rate of the form 10^12 / den
 * can have among these and powers of two (where (2^64 - 1) / den is not
 * 2^64 / den). */
START_TEST(reciprocal)
{
	static const uint64_t hz[] = { 1, 2, 3, 7, 1000, 32768, 1000000, 10000000, 100000000,
				       999999937, 1000000000, SIM_S / 2, SIM_S };
	for (unsigned i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
		struct simtime_rate r;
		ck_assert_int_eq(simtime_rate_init(&r, hz[i]), 0);
		uint64_t d = r.den;
		const uint64_t ts[] = { 0, 1, d - 1, d, d + 1, 2 * d - 1, 2 * d, UINT64_MAX,
					UINT64_MAX - 1, UINT64_MAX - d, UINT64_MAX / d * d,
					UINT64_MAX / d * d - 1, (uint64_t)1 << 63, ((uint64_t)1 << 63) - 1,
					123456789012345ull };
		for (unsigned k = 0; k < sizeof(ts) / sizeof(ts[0]); k++)
			ck_assert_uint_eq(simtime_div_den(&r, ts[k]), ts[k] / d);
		/* a pseudo-random walk over the whole range */
		uint64_t x = 0x9e3779b97f4a7c15ull;
		for (unsigned k = 0; k < 20000; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			uint64_t t = x >> (k % 64);
			ck_assert_uint_eq(simtime_div_den(&r, t), t / d);
			if (r.num == 1) {
				sim_time_t back;
				uint64_t kt = t / d;
				ck_assert(simtime_from_ticks(&r, kt, &back));
				ck_assert_uint_eq(back, kt * d);
			}
		}
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("simtime");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, durations);
	tcase_add_test(tc, frequencies);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, overflow);
	tcase_add_test(tc, format);
	tcase_add_test(tc, rates);
	tcase_add_test(tc, reciprocal);
	suite_add_tcase(s, tc);
	return s;
}
