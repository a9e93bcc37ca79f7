/* Single-precision arithmetic of the FPv4-SP unit, in integers, after the
 * ARMv7-M ARM's pseudocode (A2.5: FPUnpack, FPProcessNaNs, FPRound with
 * tininess detected before rounding, flush-to-zero, default NaN, the four
 * rounding modes, the cumulative exception flags of the FPSCR).  The
 * host's FPU is not used: its NaN propagation, flags and flush rules are
 * not Arm's, and results must be the same on every host. */
#include "models/armv7m/armv7m_vfp.h"

#include <float.h>
#include <string.h>

/* the fast paths below compute in double with the host's default
 * round-to-nearest; they must not be contracted into host FMAs, which
 * -std=c11 guarantees (GCC's -ffp-contract=off in ISO C modes) */

enum { T_ZERO, T_NUM, T_INF, T_QNAN, T_SNAN };

/* value = mant * 2^exp (mant != 0 for T_NUM) */
struct fpv {
	int type;
	uint32_t sign;
	int32_t exp;
	uint64_t mant;
};

#define DEFAULT_NAN 0x7FC00000u
#define RM(f) (((f) >> FPSCR_RMODE_SHIFT) & 3)
enum { RN, RP, RMI, RZ };

static struct fpv unpack(uint32_t x, uint32_t *fpscr)
{
	struct fpv v = { .sign = x >> 31 };
	uint32_t e = (x >> 23) & 0xff, f = x & 0x7fffff;
	if (e == 0) {
		if (f && (*fpscr & FPSCR_FZ))
			*fpscr |= FPSCR_IDC; /* an input denormal flushed to zero */
		if (!f || (*fpscr & FPSCR_FZ)) {
			v.type = T_ZERO;
			return v;
		}
		v.type = T_NUM;
		v.mant = f;
		v.exp = -149;
	} else if (e == 255) {
		v.type = !f ? T_INF : (f & 0x400000) ? T_QNAN : T_SNAN;
	} else {
		v.type = T_NUM;
		v.mant = f | 0x800000;
		v.exp = (int32_t)e - 150;
	}
	return v;
}

static bool is_nan(const struct fpv *v)
{
	return v->type == T_QNAN || v->type == T_SNAN;
}

/* FPProcessNaN */
static uint32_t process_nan(const struct fpv *v, uint32_t x, uint32_t *fpscr)
{
	if (v->type == T_SNAN) {
		*fpscr |= FPSCR_IOC;
		x |= 0x400000;
	}
	return (*fpscr & FPSCR_DN) ? DEFAULT_NAN : x;
}

/* FPProcessNaNs: the first signalling NaN, else the first quiet one */
static bool process_nans(const struct fpv *a, uint32_t xa, const struct fpv *b, uint32_t xb,
			 uint32_t *fpscr, uint32_t *res)
{
	if (a->type == T_SNAN)
		*res = process_nan(a, xa, fpscr);
	else if (b->type == T_SNAN)
		*res = process_nan(b, xb, fpscr);
	else if (a->type == T_QNAN)
		*res = process_nan(a, xa, fpscr);
	else if (b->type == T_QNAN)
		*res = process_nan(b, xb, fpscr);
	else
		return false;
	return true;
}

static uint32_t invalid(uint32_t *fpscr)
{
	*fpscr |= FPSCR_IOC;
	return DEFAULT_NAN;
}

static int msb64(uint64_t x)
{
	return 63 - __builtin_clzll(x);
}

/* Shifts right keeping every lost bit as a sticky bit 0 ("jamming"). */
static uint64_t jam_shr(uint64_t x, unsigned n)
{
	if (n == 0)
		return x;
	if (n >= 64)
		return x != 0;
	return (x >> n) | ((x & ((1ull << n) - 1)) != 0);
}

/* FPRound of sign * mant * 2^exp (mant != 0, its low bit sticky) for a
 * format with e exponent bits and f fraction bits (single: 8/23, half:
 * 5/10; half takes ahp). */
static uint32_t fp_round_fmt(uint32_t sign, int32_t exp, uint64_t mant, uint32_t *fpscr, int rmode,
			     unsigned ebits, unsigned fbits, bool ahp)
{
	int32_t min_exp = 2 - (1 << (ebits - 1));       /* -126, -14 */
	int32_t E = msb64(mant) + exp;                   /* value = 1.x * 2^E */
	uint32_t nbits = 1 + ebits + fbits;
	if (nbits == 32 && (*fpscr & FPSCR_FZ) && E < min_exp) {
		*fpscr |= FPSCR_UFC; /* flushed: no inexact */
		return sign << 31;
	}
	int32_t biased = E - min_exp + 1;
	if (biased < 0)
		biased = 0;
	/* int_mant = floor(value * 2^S) */
	int32_t S = biased == 0 ? (int32_t)fbits - min_exp : (int32_t)fbits - E;
	int32_t sh = exp + S;
	uint64_t im, rest = 0, half = 0;
	bool err;
	if (sh >= 0) {
		im = mant << sh;
		err = false;
	} else if (-sh >= 64) {
		im = 0;
		/* mant < 2^64 <= 2^-sh: the error is below one unit */
		half = -sh == 64 ? 1ull << 63 : 0;
		rest = mant;
		err = true;
		if (-sh > 64)
			half = ~0ull; /* far below a half */
	} else {
		unsigned k = (unsigned)-sh;
		im = mant >> k;
		rest = mant & ((1ull << k) - 1);
		half = 1ull << (k - 1);
		err = rest != 0;
	}
	if (biased == 0 && err)
		*fpscr |= FPSCR_UFC;
	bool up = false, to_inf = false;
	switch (rmode) {
	case RN:
		up = err && (-sh > 64 ? false : (rest > half || (rest == half && (im & 1))));
		to_inf = true;
		break;
	case RP: up = err && !sign; to_inf = !sign; break;
	case RMI: up = err && sign; to_inf = sign; break;
	default: break;
	}
	if (up) {
		im++;
		if (im == (1ull << fbits))
			biased = 1;
		if (im == (2ull << fbits)) {
			biased++;
			im >>= 1;
		}
	}
	uint32_t r;
	if (!ahp) {
		if (biased >= (1 << ebits) - 1) {
			uint32_t maxnorm = (((1u << ebits) - 2) << fbits) | ((1u << fbits) - 1);
			r = to_inf ? ((1u << ebits) - 1) << fbits : maxnorm;
			*fpscr |= FPSCR_OFC;
			err = true;
		} else {
			r = (uint32_t)biased << fbits | (uint32_t)(im & ((1ull << fbits) - 1));
		}
	} else if (biased >= (1 << ebits)) {
		r = (1u << (nbits - 1)) - 1;
		*fpscr |= FPSCR_IOC;
		err = false;
	} else {
		r = (uint32_t)biased << fbits | (uint32_t)(im & ((1ull << fbits) - 1));
	}
	if (err)
		*fpscr |= FPSCR_IXC;
	return sign << (nbits - 1) | r;
}

static uint32_t fp_round(uint32_t sign, int32_t exp, uint64_t mant, uint32_t *fpscr, int rmode)
{
	return fp_round_fmt(sign, exp, mant, fpscr, rmode, 8, 23, false);
}

/* ---- add, multiply, divide, square root, fused multiply-add ---- */

/* value a + (-1)^neg_b * b, exact up to a sticky bit, rounded */
static uint32_t add_values(const struct fpv *a, const struct fpv *b, uint32_t bsign, uint32_t *fpscr)
{
	const struct fpv *x = a, *y = b;
	uint32_t xs = a->sign, ys = bsign;
	int32_t xe = a->exp + msb64(a->mant), ye = b->exp + msb64(b->mant);
	if (ye > xe) {
		x = b; y = a;
		uint32_t t = xs; xs = ys; ys = t;
	}
	/* x's mantissa at bit 62, y aligned to it */
	int32_t xshift = 62 - msb64(x->mant);
	uint64_t mx = x->mant << xshift;
	int32_t base = x->exp - xshift;
	int32_t d = y->exp - base; /* where y's mantissa must go */
	uint64_t my;
	if (d >= 0)
		my = y->mant << d; /* y's msb is <= x's: fits */
	else
		my = jam_shr(y->mant, (unsigned)-d);
	uint64_t m;
	uint32_t sign;
	if (xs == ys) {
		m = mx + my; /* < 2^64: both < 2^63 */
		sign = xs;
	} else if (mx >= my) {
		m = mx - my;
		sign = xs;
	} else {
		m = my - mx;
		sign = ys;
	}
	if (m == 0)
		return (uint32_t)(RM(*fpscr) == RMI) << 31;
	return fp_round(sign, base, m, fpscr, RM(*fpscr));
}

/* ---- fast paths: round to nearest, normal operands and results ----
 *
 * A sum or product of two singles is exact in double when the exponents
 * are close enough (products always are), and rounding that exact double
 * to single is then the one correct rounding; the result is accepted
 * only when it is a normal number that was not tiny before rounding, so
 * neither flush-to-zero nor underflow has anything to say, and IXC is
 * whether the rounding changed the value.  Anything else takes the exact
 * integer path.  IEEE double arithmetic is the same on every host. */

static inline bool normal_f(uint32_t x)
{
	uint32_t e = (x >> 23) & 0xff;
	return e != 0 && e != 0xff;
}

static inline float as_f(uint32_t x)
{
	float f;
	memcpy(&f, &x, 4);
	return f;
}

static inline uint32_t as_u(float f)
{
	uint32_t x;
	memcpy(&x, &f, 4);
	return x;
}

/* the exact double v rounded to single, if it is a normal single's range */
static inline bool round_fast(double v, uint32_t *res, uint32_t *fpscr)
{
	double m = v < 0 ? -v : v;
	if (!(m >= FLT_MIN) || !(m <= FLT_MAX))
		return false;
	float f = (float)v;
	if (!(f == f) || f > FLT_MAX || f < -FLT_MAX)
		return false;
	if ((double)f != v)
		*fpscr |= FPSCR_IXC;
	*res = as_u(f);
	return true;
}

static inline bool add_fast(uint32_t a, uint32_t b, uint32_t *res, uint32_t *fpscr)
{
	if (RM(*fpscr) != RN || !normal_f(a) || !normal_f(b))
		return false;
	int d = (int)((a >> 23) & 0xff) - (int)((b >> 23) & 0xff);
	if (d > 28 || d < -28)
		return false;
	double v = (double)as_f(a) + (double)as_f(b); /* exact */
	return v != 0 && round_fast(v, res, fpscr);
}

static uint32_t addsub(uint32_t a, uint32_t b, bool sub, uint32_t *fpscr)
{
	uint32_t fr;
	if (add_fast(a, sub ? b ^ 0x80000000u : b, &fr, fpscr))
		return fr;
	struct fpv va = unpack(a, fpscr), vb = unpack(b, fpscr);
	uint32_t r;
	if (process_nans(&va, a, &vb, b, fpscr, &r))
		return r;
	uint32_t bs = vb.sign ^ sub;
	if (va.type == T_INF && vb.type == T_INF && va.sign != bs)
		return invalid(fpscr);
	if (va.type == T_INF)
		return va.sign << 31 | 0x7F800000u;
	if (vb.type == T_INF)
		return bs << 31 | 0x7F800000u;
	if (va.type == T_ZERO && vb.type == T_ZERO)
		return va.sign == bs ? va.sign << 31 : (uint32_t)(RM(*fpscr) == RMI) << 31;
	if (va.type == T_ZERO)
		return fp_round(bs, vb.exp, vb.mant, fpscr, RM(*fpscr));
	if (vb.type == T_ZERO)
		return fp_round(va.sign, va.exp, va.mant, fpscr, RM(*fpscr));
	return add_values(&va, &vb, bs, fpscr);
}

uint32_t vfp_add(uint32_t a, uint32_t b, uint32_t *fpscr) { return addsub(a, b, false, fpscr); }
uint32_t vfp_sub(uint32_t a, uint32_t b, uint32_t *fpscr) { return addsub(a, b, true, fpscr); }

uint32_t vfp_mul(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	uint32_t fr;
	if (RM(*fpscr) == RN && normal_f(a) && normal_f(b) &&
	    round_fast((double)as_f(a) * (double)as_f(b), &fr, fpscr))
		return fr;
	struct fpv va = unpack(a, fpscr), vb = unpack(b, fpscr);
	uint32_t r, sign = va.sign ^ vb.sign;
	if (process_nans(&va, a, &vb, b, fpscr, &r))
		return r;
	if ((va.type == T_INF && vb.type == T_ZERO) || (va.type == T_ZERO && vb.type == T_INF))
		return invalid(fpscr);
	if (va.type == T_INF || vb.type == T_INF)
		return sign << 31 | 0x7F800000u;
	if (va.type == T_ZERO || vb.type == T_ZERO)
		return sign << 31;
	return fp_round(sign, va.exp + vb.exp, va.mant * vb.mant, fpscr, RM(*fpscr));
}

uint32_t vfp_div(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	struct fpv va = unpack(a, fpscr), vb = unpack(b, fpscr);
	uint32_t r, sign = va.sign ^ vb.sign;
	if (process_nans(&va, a, &vb, b, fpscr, &r))
		return r;
	if ((va.type == T_INF && vb.type == T_INF) || (va.type == T_ZERO && vb.type == T_ZERO))
		return invalid(fpscr);
	if (va.type == T_INF || vb.type == T_ZERO) {
		if (va.type != T_INF)
			*fpscr |= FPSCR_DZC;
		return sign << 31 | 0x7F800000u;
	}
	if (va.type == T_ZERO || vb.type == T_INF)
		return sign << 31;
	/* both mantissas normalised to bit 23, the dividend shifted to 63 */
	int32_t ea = va.exp, eb = vb.exp;
	uint64_t ma = va.mant, mb = vb.mant;
	int s = 23 - msb64(ma);
	ma <<= s; ea -= s;
	s = 23 - msb64(mb);
	mb <<= s; eb -= s;
	uint64_t n = ma << 40;
	uint64_t q = n / mb, rem = n % mb;
	return fp_round(sign, ea - eb - 40, q | (rem != 0), fpscr, RM(*fpscr));
}

static uint64_t isqrt64(uint64_t x, bool *exact)
{
	uint64_t r = 0, bit = 1ull << 62;
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	*exact = x == 0;
	return r;
}

uint32_t vfp_sqrt(uint32_t a, uint32_t *fpscr)
{
	struct fpv va = unpack(a, fpscr);
	if (is_nan(&va))
		return process_nan(&va, a, fpscr);
	if (va.type == T_ZERO)
		return va.sign << 31;
	if (va.sign)
		return invalid(fpscr);
	if (va.type == T_INF)
		return 0x7F800000u;
	/* mant * 2^exp with an even exponent, mant at bit 61 or 62 */
	int32_t e = va.exp;
	uint64_t m = va.mant;
	int s = 61 - msb64(m);
	m <<= s;
	e -= s;
	if (e & 1) {
		m <<= 1;
		e--;
	}
	bool exact;
	uint64_t r = isqrt64(m, &exact);
	return fp_round(0, e / 2 - 1, (r << 1) | !exact, fpscr, RM(*fpscr));
}

/* FPMulAdd: addend + op1 * op2 with one rounding */
/* addend + a * b: the product is exact in double; the sum is s plus the
 * error e that TwoSum recovers exactly; rounding s to single is right
 * unless s lies exactly halfway between two singles with e != 0. */
static bool fma_fast(uint32_t addend, uint32_t a, uint32_t b, uint32_t *res, uint32_t *fpscr)
{
	if (RM(*fpscr) != RN || !normal_f(a) || !normal_f(b) || !normal_f(addend))
		return false;
	double p = (double)as_f(a) * (double)as_f(b), c = (double)as_f(addend);
	double s = p + c, t = s - p;
	double e = (p - (s - t)) + (c - t);
	if (s == 0)
		return false;
	uint64_t sb;
	memcpy(&sb, &s, 8);
	if ((sb & 0x1FFFFFFFu) == 0x10000000u && e != 0)
		return false; /* a midpoint: the error decides */
	double m = s < 0 ? -s : s;
	/* away from the smallest normal: the exact s + e must not be tiny */
	if (!(m >= 2 * (double)FLT_MIN) || !(m <= FLT_MAX))
		return false;
	float f = (float)s;
	if (f > FLT_MAX || f < -FLT_MAX)
		return false;
	if ((double)f != s || e != 0)
		*fpscr |= FPSCR_IXC;
	*res = as_u(f);
	return true;
}

uint32_t vfp_fma(uint32_t addend, uint32_t a, uint32_t b, uint32_t *fpscr)
{
	uint32_t fr;
	if (fma_fast(addend, a, b, &fr, fpscr))
		return fr;
	struct fpv vc = unpack(addend, fpscr), va = unpack(a, fpscr), vb = unpack(b, fpscr);
	bool inf0 = (va.type == T_INF && vb.type == T_ZERO) || (va.type == T_ZERO && vb.type == T_INF);
	uint32_t r;
	/* FPProcessNaNs3 in the order addend, op1, op2 */
	const struct fpv *v[3] = { &vc, &va, &vb };
	const uint32_t x[3] = { addend, a, b };
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 3; i++)
			if (v[i]->type == (pass ? T_QNAN : T_SNAN)) {
				r = process_nan(v[i], x[i], fpscr);
				if (vc.type == T_QNAN && inf0)
					return invalid(fpscr);
				return r;
			}
	uint32_t sp = va.sign ^ vb.sign;
	bool infp = va.type == T_INF || vb.type == T_INF;
	bool zerop = va.type == T_ZERO || vb.type == T_ZERO;
	if (inf0 || (vc.type == T_INF && infp && vc.sign != sp))
		return invalid(fpscr);
	if ((vc.type == T_INF && !vc.sign) || (infp && !sp))
		return 0x7F800000u;
	if ((vc.type == T_INF && vc.sign) || (infp && sp))
		return 0xFF800000u;
	if (vc.type == T_ZERO && zerop && vc.sign == sp)
		return vc.sign << 31;
	if (zerop) { /* the product is an exact zero */
		if (vc.type == T_ZERO) /* zeros of opposite signs: +0, or -0 rounding down */
			return (uint32_t)(RM(*fpscr) == RMI) << 31;
		return fp_round(vc.sign, vc.exp, vc.mant, fpscr, RM(*fpscr));
	}
	struct fpv p = { .type = T_NUM, .sign = sp, .exp = va.exp + vb.exp, .mant = va.mant * vb.mant };
	if (vc.type == T_ZERO)
		return fp_round(sp, p.exp, p.mant, fpscr, RM(*fpscr));
	/* the product has up to 48 bits, the addend 24: their sum exactly in
	 * 128 bits, then jammed to 64 for rounding */
	const struct fpv *hi = &p, *lo = &vc;
	uint32_t hs = sp, ls = vc.sign;
	if (vc.exp + msb64(vc.mant) > p.exp + msb64(p.mant)) {
		hi = &vc; lo = &p;
		hs = vc.sign; ls = sp;
	}
	int32_t hshift = 125 - msb64(hi->mant);
	unsigned __int128 mh = (unsigned __int128)hi->mant << hshift;
	int32_t base = hi->exp - hshift;
	int32_t d = lo->exp - base;
	unsigned __int128 ml;
	if (d >= 0) {
		ml = (unsigned __int128)lo->mant << d;
	} else if (-d >= 128) {
		ml = 1;
	} else {
		unsigned __int128 full = lo->mant;
		ml = (full >> -d) | ((full & (((unsigned __int128)1 << -d) - 1)) != 0);
	}
	unsigned __int128 m;
	uint32_t sign;
	if (hs == ls) {
		m = mh + ml;
		sign = hs;
	} else if (mh >= ml) {
		m = mh - ml;
		sign = hs;
	} else {
		m = ml - mh;
		sign = ls;
	}
	if (m == 0)
		return (uint32_t)(RM(*fpscr) == RMI) << 31;
	/* to 64 bits with the rest jammed */
	uint64_t mhi = (uint64_t)(m >> 64);
	int top = mhi ? 127 - __builtin_clzll(mhi) : 63 - __builtin_clzll((uint64_t)m);
	if (top > 62) {
		unsigned k = (unsigned)(top - 62);
		uint64_t lost = (m & (((unsigned __int128)1 << k) - 1)) != 0;
		m = (m >> k) | lost;
		base += (int32_t)k;
	}
	return fp_round(sign, base, (uint64_t)m, fpscr, RM(*fpscr));
}

/* ---- compare, conversions ---- */

uint32_t vfp_compare(uint32_t a, uint32_t b, bool signal_qnan, uint32_t *fpscr)
{
	struct fpv va = unpack(a, fpscr), vb = unpack(b, fpscr);
	if (is_nan(&va) || is_nan(&vb)) {
		if (va.type == T_SNAN || vb.type == T_SNAN || signal_qnan)
			*fpscr |= FPSCR_IOC;
		return 0x3; /* NZCV 0011: unordered */
	}
	/* ordered: compare as sign-magnitude, zeros equal */
	uint32_t ma = va.type == T_ZERO ? 0 : a & 0x7fffffff, mb = vb.type == T_ZERO ? 0 : b & 0x7fffffff;
	int64_t ka = va.sign && ma ? -(int64_t)ma : ma, kb = vb.sign && mb ? -(int64_t)mb : mb;
	if (ka == kb)
		return 0x6; /* 0110 */
	return ka < kb ? 0x8 : 0x2; /* 1000 less, 0010 greater */
}

uint32_t vfp_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool is_unsigned, bool round_zero,
		      uint32_t *fpscr)
{
	struct fpv v = unpack(a, fpscr);
	int rmode = round_zero ? RZ : (int)RM(*fpscr);
	if (is_nan(&v)) {
		*fpscr |= FPSCR_IOC;
		return 0;
	}
	int64_t maxv = is_unsigned ? (int64_t)((1ull << size) - 1) : (int64_t)((1ull << (size - 1)) - 1);
	int64_t minv = is_unsigned ? 0 : -(int64_t)(1ull << (size - 1));
	int64_t ir;
	bool err = false;
	if (v.type == T_ZERO) {
		ir = 0;
	} else if (v.type == T_INF) {
		ir = v.sign ? INT64_MIN : INT64_MAX;
	} else {
		int32_t sh = v.exp + (int32_t)fbits; /* value * 2^fbits = mant * 2^sh */
		uint64_t im, rest = 0, half = 0;
		if (sh >= 0) {
			im = sh > 40 ? UINT64_MAX >> 1 : v.mant << sh; /* saturates below */
		} else if (-sh >= 64) {
			im = 0;
			rest = v.mant;
			half = (1ull << 63);
			err = true;
			if (-sh > 64)
				half = ~0ull;
		} else {
			unsigned k = (unsigned)-sh;
			im = v.mant >> k;
			rest = v.mant & ((1ull << k) - 1);
			half = 1ull << (k - 1);
			err = rest != 0;
		}
		/* RoundDown of a signed value: floor; then round_up per mode */
		bool up = false;
		if (err) {
			bool above_half = -sh > 64 ? false : rest > half;
			bool at_half = -sh > 64 ? false : rest == half;
			/* for negative values floor is -(im + 1) with error 1 - frac */
			if (!v.sign) {
				switch (rmode) {
				case RN: up = above_half || (at_half && (im & 1)); break;
				case RP: up = true; break;
				default: up = false; break;
				}
				ir = (int64_t)im + up;
			} else {
				/* magnitude rounding for a negative value */
				bool mag_up;
				switch (rmode) {
				case RN: mag_up = above_half || (at_half && (im & 1)); break;
				case RMI: mag_up = true; break;
				default: mag_up = false; break;
				}
				ir = -((int64_t)im + mag_up);
			}
		} else {
			ir = v.sign ? -(int64_t)im : (int64_t)im;
		}
	}
	if (ir > maxv || ir < minv) {
		*fpscr |= FPSCR_IOC;
		return (uint32_t)(ir > maxv ? maxv : minv);
	}
	if (err)
		*fpscr |= FPSCR_IXC;
	return (uint32_t)ir;
}

uint32_t vfp_from_fixed(uint32_t x, unsigned size, unsigned fbits, bool is_unsigned, bool round_nearest,
			uint32_t *fpscr)
{
	uint64_t m;
	uint32_t sign = 0;
	if (size == 16)
		x = is_unsigned ? (x & 0xffff) : (uint32_t)(int32_t)(int16_t)x;
	if (is_unsigned || !(x >> 31)) {
		m = x;
	} else {
		m = (uint64_t)(-(int64_t)(int32_t)x);
		sign = 1;
	}
	if (m == 0)
		return 0;
	return fp_round(sign, -(int32_t)fbits, m, fpscr, round_nearest ? RN : (int)RM(*fpscr));
}

uint32_t vfp_f32_to_f16(uint32_t a, uint32_t *fpscr)
{
	bool ahp = *fpscr & FPSCR_AHP;
	struct fpv v = unpack(a, fpscr);
	uint32_t sign = v.sign << 15;
	if (is_nan(&v)) {
		if (ahp) {
			*fpscr |= FPSCR_IOC;
			return sign;
		}
		if (v.type == T_SNAN)
			*fpscr |= FPSCR_IOC;
		if (*fpscr & FPSCR_DN)
			return 0x7E00;
		return sign | 0x7E00 | ((a >> 13) & 0x3ff);
	}
	if (v.type == T_INF) {
		if (ahp) {
			*fpscr |= FPSCR_IOC;
			return sign | 0x7FFF;
		}
		return sign | 0x7C00;
	}
	if (v.type == T_ZERO)
		return sign;
	return fp_round_fmt(v.sign, v.exp, v.mant, fpscr, RM(*fpscr), 5, 10, ahp);
}

uint32_t vfp_f16_to_f32(uint32_t h, uint32_t *fpscr)
{
	h &= 0xffff;
	bool ahp = *fpscr & FPSCR_AHP;
	uint32_t sign = (h >> 15) << 31, e = (h >> 10) & 31, f = h & 0x3ff;
	if (e == 31 && !ahp) {
		if (!f)
			return sign | 0x7F800000u;
		if (!(f & 0x200))
			*fpscr |= FPSCR_IOC;
		if (*fpscr & FPSCR_DN)
			return DEFAULT_NAN;
		return sign | 0x7FC00000u | f << 13;
	}
	if (e == 0) {
		if (!f)
			return sign;
		/* a half denormal is a normal single */
		int s = 10 - msb64(f);
		return sign | (uint32_t)(113 - s) << 23 | ((f << s) & 0x3ff) << 13;
	}
	return sign | (e + 112) << 23 | f << 13;
}
