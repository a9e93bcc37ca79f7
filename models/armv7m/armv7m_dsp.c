/* The DSP extension of ARMv7E-M that the loop hands over (M_OP_DSP):
 * saturating arithmetic with the Q flag, the SIMD adds and subtracts
 * with the GE flags, SEL, the halfword multiplies (SMLA<x><y>, SMLAD,
 * SMLALD, SMMLA...), SSAT/USAT, PKH, the byte-pair extends.  Named after
 * the ARMv7-M ARM's pseudocode (SignedSatQ, UnsignedSatQ). */
#include "models/armv7m/armv7m_priv.h"

static int32_t signed_sat_q(int64_t v, unsigned n, bool *sat)
{
	int64_t hi = ((int64_t)1 << (n - 1)) - 1, lo = -((int64_t)1 << (n - 1));
	if (v > hi) { *sat = true; return (int32_t)hi; }
	if (v < lo) { *sat = true; return (int32_t)lo; }
	return (int32_t)v;
}

static uint32_t unsigned_sat_q(int64_t v, unsigned n, bool *sat)
{
	int64_t hi = ((int64_t)1 << n) - 1;
	if (v > hi) { *sat = true; return (uint32_t)hi; }
	if (v < 0) { *sat = true; return 0; }
	return (uint32_t)v;
}

static inline int32_t sh16(uint32_t v, unsigned i) { return (int16_t)(v >> (16 * i)); }
static inline uint32_t uh16(uint32_t v, unsigned i) { return (v >> (16 * i)) & 0xffff; }
static inline int32_t sb8(uint32_t v, unsigned i) { return (int8_t)(v >> (8 * i)); }
static inline uint32_t ub8(uint32_t v, unsigned i) { return (v >> (8 * i)) & 0xff; }

static uint32_t ror32(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

/* The SIMD adds/subtracts: op 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8,
 * 5 SUB8; kind 0 signed (GE), 1 saturating, 2 halving, 3 unsigned (GE),
 * 4 unsigned saturating, 5 unsigned halving. */
static uint32_t simd(struct m_core *c, unsigned kind, unsigned op, uint32_t a, uint32_t b)
{
	bool uns = kind >= 3;
	unsigned k = kind % 3;
	uint32_t r = 0, ge = 0;
	bool dummy = false;
	if (op < 4) {
		for (unsigned i = 0; i < 2; i++) {
			int64_t x = uns ? (int64_t)uh16(a, i) : sh16(a, i);
			int64_t y = uns ? (int64_t)uh16(b, op == 1 || op == 2 ? 1 - i : i)
					: sh16(b, op == 1 || op == 2 ? 1 - i : i);
			bool add = op == 0 || (op == 1 && i == 1) || (op == 2 && i == 0);
			int64_t v = add ? x + y : x - y;
			uint32_t h;
			if (k == 1)
				h = uns ? unsigned_sat_q(v, 16, &dummy) : (uint32_t)signed_sat_q(v, 16, &dummy);
			else if (k == 2)
				h = (uint32_t)(v >> 1);
			else
				h = (uint32_t)v;
			if (k == 0 && (uns ? (add ? v >= 0x10000 : v >= 0) : v >= 0))
				ge |= 3u << (2 * i);
			r |= (h & 0xffff) << (16 * i);
		}
	} else {
		for (unsigned i = 0; i < 4; i++) {
			int64_t x = uns ? (int64_t)ub8(a, i) : sb8(a, i);
			int64_t y = uns ? (int64_t)ub8(b, i) : sb8(b, i);
			bool add = op == 4;
			int64_t v = add ? x + y : x - y;
			uint32_t h;
			if (k == 1)
				h = uns ? unsigned_sat_q(v, 8, &dummy) : (uint32_t)signed_sat_q(v, 8, &dummy);
			else if (k == 2)
				h = (uint32_t)(v >> 1);
			else
				h = (uint32_t)v;
			if (k == 0 && (uns ? (add ? v >= 0x100 : v >= 0) : v >= 0))
				ge |= 1u << i;
			r |= (h & 0xff) << (8 * i);
		}
	}
	if (k == 0)
		c->ge = ge;
	return r;
}

void armv7m_dsp(struct m_core *c, const struct m_slot *s)
{
	unsigned sub = s->imm >> 16, data = s->imm & 0xffff;
	uint32_t n = c->r[s->b], m = c->r[s->c], a = c->r[s->x];
	uint32_t *rd = &c->r[s->a];
	bool sat = false;
	if (sub >= M_SUB_SADD16 && sub <= M_SUB_UHSUB8) {
		static const uint8_t ops[6] = { 0, 1, 2, 3, 4, 5 };
		unsigned i = sub - M_SUB_SADD16;
		*rd = simd(c, i / 6, ops[i % 6], n, m);
		return;
	}
	switch (sub) {
	case M_SUB_QADD: *rd = (uint32_t)signed_sat_q((int64_t)(int32_t)m + (int32_t)n, 32, &sat); break;
	case M_SUB_QSUB: *rd = (uint32_t)signed_sat_q((int64_t)(int32_t)m - (int32_t)n, 32, &sat); break;
	case M_SUB_QDADD: case M_SUB_QDSUB: {
		int64_t dbl = signed_sat_q(2 * (int64_t)(int32_t)n, 32, &sat);
		int64_t v = sub == M_SUB_QDADD ? (int32_t)m + dbl : (int32_t)m - dbl;
		*rd = (uint32_t)signed_sat_q(v, 32, &sat);
		break;
	}
	case M_SUB_SEL: {
		uint32_t r = 0;
		for (unsigned i = 0; i < 4; i++)
			r |= ((c->ge >> i) & 1 ? n : m) & (0xffu << (8 * i));
		*rd = r;
		break;
	}
	case M_SUB_USAD8: case M_SUB_USADA8: {
		uint32_t sum = sub == M_SUB_USADA8 ? a : 0;
		for (unsigned i = 0; i < 4; i++) {
			int32_t d = (int32_t)ub8(n, i) - (int32_t)ub8(m, i);
			sum += (uint32_t)(d < 0 ? -d : d);
		}
		*rd = sum;
		break;
	}
	case M_SUB_SXTB16: case M_SUB_UXTB16: case M_SUB_SXTAB16: case M_SUB_UXTAB16: {
		uint32_t r = ror32(m, data);
		bool sg = sub == M_SUB_SXTB16 || sub == M_SUB_SXTAB16;
		bool acc = sub == M_SUB_SXTAB16 || sub == M_SUB_UXTAB16;
		uint32_t lo = sg ? (uint32_t)sb8(r, 0) : ub8(r, 0), hi = sg ? (uint32_t)sb8(r, 2) : ub8(r, 2);
		if (acc) {
			lo += n;
			hi += n >> 16;
		}
		*rd = (lo & 0xffff) | (hi & 0xffff) << 16;
		break;
	}
	case M_SUB_SSAT: case M_SUB_USAT: {
		unsigned to = data & 63, amt = (data >> 7) & 63;
		int64_t op = (data & 64) ? (int64_t)((int32_t)n >> (amt >= 32 ? 31 : amt)) : (int32_t)(n << amt);
		*rd = sub == M_SUB_SSAT ? (uint32_t)signed_sat_q(op, to, &sat) : unsigned_sat_q(op, to, &sat);
		break;
	}
	case M_SUB_SSAT16: case M_SUB_USAT16: {
		uint32_t r = 0;
		for (unsigned i = 0; i < 2; i++) {
			uint32_t h = sub == M_SUB_SSAT16 ? (uint32_t)signed_sat_q(sh16(n, i), data, &sat)
							 : unsigned_sat_q(sh16(n, i), data, &sat);
			r |= (h & 0xffff) << (16 * i);
		}
		*rd = r;
		break;
	}
	case M_SUB_PKHBT: *rd = (n & 0xffff) | ((m << data) & 0xffff0000u); break;
	case M_SUB_PKHTB:
		*rd = (n & 0xffff0000u) | ((uint32_t)((int32_t)m >> (data >= 32 ? 31 : data)) & 0xffff);
		break;
	case M_SUB_SMULBB: case M_SUB_SMULBT: case M_SUB_SMULTB: case M_SUB_SMULTT: {
		unsigned i = sub - M_SUB_SMULBB;
		*rd = (uint32_t)(sh16(n, i >> 1) * sh16(m, i & 1));
		break;
	}
	case M_SUB_SMLABB: case M_SUB_SMLABT: case M_SUB_SMLATB: case M_SUB_SMLATT: {
		unsigned i = sub - M_SUB_SMLABB;
		int64_t v = (int64_t)sh16(n, i >> 1) * sh16(m, i & 1) + (int32_t)a;
		*rd = (uint32_t)v;
		sat = v != (int32_t)v;
		break;
	}
	case M_SUB_SMULWB: case M_SUB_SMULWT:
		*rd = (uint32_t)(((int64_t)(int32_t)n * sh16(m, sub - M_SUB_SMULWB)) >> 16);
		break;
	case M_SUB_SMLAWB: case M_SUB_SMLAWT: {
		int64_t v = (((int64_t)(int32_t)n * sh16(m, sub - M_SUB_SMLAWB)) >> 16) + (int32_t)a;
		*rd = (uint32_t)v;
		sat = v != (int32_t)v;
		break;
	}
	case M_SUB_SMUAD: case M_SUB_SMUADX: case M_SUB_SMUSD: case M_SUB_SMUSDX:
	case M_SUB_SMLAD: case M_SUB_SMLADX: case M_SUB_SMLSD: case M_SUB_SMLSDX: {
		bool x = sub == M_SUB_SMUADX || sub == M_SUB_SMUSDX || sub == M_SUB_SMLADX || sub == M_SUB_SMLSDX;
		bool sb = sub == M_SUB_SMUSD || sub == M_SUB_SMUSDX || sub == M_SUB_SMLSD || sub == M_SUB_SMLSDX;
		bool acc = sub >= M_SUB_SMLAD;
		uint32_t mm = x ? ror32(m, 16) : m;
		int64_t p1 = (int64_t)sh16(n, 0) * sh16(mm, 0), p2 = (int64_t)sh16(n, 1) * sh16(mm, 1);
		int64_t v = (sb ? p1 - p2 : p1 + p2) + (acc ? (int32_t)a : 0);
		*rd = (uint32_t)v;
		sat = v != (int32_t)v;
		break;
	}
	case M_SUB_SMMUL: case M_SUB_SMMULR: case M_SUB_SMMLA: case M_SUB_SMMLAR:
	case M_SUB_SMMLS: case M_SUB_SMMLSR: {
		bool round = sub == M_SUB_SMMULR || sub == M_SUB_SMMLAR || sub == M_SUB_SMMLSR;
		int64_t p = (int64_t)(int32_t)n * (int32_t)m;
		int64_t acc = sub >= M_SUB_SMMLA ? (int64_t)((uint64_t)a << 32) : 0;
		uint64_t v = sub >= M_SUB_SMMLS ? (uint64_t)acc - (uint64_t)p : (uint64_t)acc + (uint64_t)p;
		if (round)
			v += 0x80000000u;
		*rd = (uint32_t)(v >> 32);
		break;
	}
	case M_SUB_SMLALBB: case M_SUB_SMLALBT: case M_SUB_SMLALTB: case M_SUB_SMLALTT:
	case M_SUB_SMLALD: case M_SUB_SMLALDX: case M_SUB_SMLSLD: case M_SUB_SMLSLDX: {
		/* 64-bit accumulator RdHi:RdLo (x:a) */
		uint64_t acc = (uint64_t)c->r[s->x] << 32 | c->r[s->a];
		int64_t p;
		if (sub <= M_SUB_SMLALTT) {
			unsigned i = sub - M_SUB_SMLALBB;
			p = (int64_t)sh16(n, i >> 1) * sh16(m, i & 1);
		} else {
			bool x = sub == M_SUB_SMLALDX || sub == M_SUB_SMLSLDX;
			uint32_t mm = x ? ror32(m, 16) : m;
			int64_t p1 = (int64_t)sh16(n, 0) * sh16(mm, 0), p2 = (int64_t)sh16(n, 1) * sh16(mm, 1);
			p = sub <= M_SUB_SMLALDX ? p1 + p2 : p1 - p2;
		}
		acc += (uint64_t)p;
		c->r[s->a] = (uint32_t)acc;
		c->r[s->x] = (uint32_t)(acc >> 32);
		return;
	}
	default:
		break;
	}
	if (sat)
		c->fq = 1;
}
