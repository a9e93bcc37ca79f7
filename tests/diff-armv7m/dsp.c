/* The DSP extension: saturating arithmetic and the Q flag, the SIMD adds
 * and subtracts with the GE flags, SEL, the halfword and long multiplies,
 * SSAT/USAT, PKH and the byte-pair extends, over edge values and a
 * pseudo-random stream. */
#include "diff.h"

static uint32_t seed = 777;
static uint32_t rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed;
}

static const uint32_t edges[] = { 0, 1, 0x7fff, 0x8000, 0x7fff7fff, 0x80008000, 0x80000000, 0x7fffffff,
				  0xffffffff, 0x00ff00ff, 0xff00ff00, 0x7f7f7f7f, 0x80808080, 0x01020304,
				  0xfffefdfc, 0x12345678 };
#define NE (sizeof(edges) / sizeof(edges[0]))

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }

/* result and APSR (N Z C V Q and GE) after the instruction, from a clear
 * APSR or one with GE/Q preset */
#define OP3(name, insn) \
	static uint32_t name(uint32_t a, uint32_t b, uint32_t c, uint32_t *fl) \
	{ \
		uint32_t r = c, f; \
		__asm__ volatile("msr apsr_nzcvqg, %4\n" insn "\nmrs %1, apsr" \
				 : "+&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(*fl) : "cc"); \
		*fl = f & 0xf80f0000u; \
		return r; \
	}
OP3(qadd, "qadd %0, %2, %3") OP3(qsub, "qsub %0, %2, %3") OP3(qdadd, "qdadd %0, %2, %3")
OP3(qdsub, "qdsub %0, %2, %3")
OP3(sadd16, "sadd16 %0, %2, %3") OP3(sasx, "sasx %0, %2, %3") OP3(ssax, "ssax %0, %2, %3")
OP3(ssub16, "ssub16 %0, %2, %3") OP3(sadd8, "sadd8 %0, %2, %3") OP3(ssub8, "ssub8 %0, %2, %3")
OP3(qadd16, "qadd16 %0, %2, %3") OP3(qasx, "qasx %0, %2, %3") OP3(qsax, "qsax %0, %2, %3")
OP3(qsub16, "qsub16 %0, %2, %3") OP3(qadd8, "qadd8 %0, %2, %3") OP3(qsub8, "qsub8 %0, %2, %3")
OP3(shadd16, "shadd16 %0, %2, %3") OP3(shasx, "shasx %0, %2, %3") OP3(shsax, "shsax %0, %2, %3")
OP3(shsub16, "shsub16 %0, %2, %3") OP3(shadd8, "shadd8 %0, %2, %3") OP3(shsub8, "shsub8 %0, %2, %3")
OP3(uadd16, "uadd16 %0, %2, %3") OP3(uasx, "uasx %0, %2, %3") OP3(usax, "usax %0, %2, %3")
OP3(usub16, "usub16 %0, %2, %3") OP3(uadd8, "uadd8 %0, %2, %3") OP3(usub8, "usub8 %0, %2, %3")
OP3(uqadd16, "uqadd16 %0, %2, %3") OP3(uqasx, "uqasx %0, %2, %3") OP3(uqsax, "uqsax %0, %2, %3")
OP3(uqsub16, "uqsub16 %0, %2, %3") OP3(uqadd8, "uqadd8 %0, %2, %3") OP3(uqsub8, "uqsub8 %0, %2, %3")
OP3(uhadd16, "uhadd16 %0, %2, %3") OP3(uhasx, "uhasx %0, %2, %3") OP3(uhsax, "uhsax %0, %2, %3")
OP3(uhsub16, "uhsub16 %0, %2, %3") OP3(uhadd8, "uhadd8 %0, %2, %3") OP3(uhsub8, "uhsub8 %0, %2, %3")
OP3(sel, "sel %0, %2, %3")
OP3(usad8, "usad8 %0, %2, %3") OP3(usada8, "usada8 %0, %2, %3, %0")
OP3(sxtb16, "sxtb16 %0, %3, ror #8") OP3(uxtb16, "uxtb16 %0, %3")
OP3(sxtab16, "sxtab16 %0, %2, %3") OP3(uxtab16, "uxtab16 %0, %2, %3, ror #24")
OP3(ssat, "ssat %0, #9, %3, lsl #3") OP3(usat, "usat %0, #7, %3, asr #5")
OP3(ssat32, "ssat %0, #32, %3") OP3(usat0, "usat %0, #0, %3") OP3(ssat_asr32, "ssat %0, #12, %3, asr #31")
OP3(ssat16, "ssat16 %0, #5, %3") OP3(usat16, "usat16 %0, #9, %3")
OP3(pkhbt, "pkhbt %0, %2, %3, lsl #11") OP3(pkhtb, "pkhtb %0, %2, %3, asr #7")
OP3(pkhtb32, "pkhtb %0, %2, %3, asr #32")
OP3(smulbb, "smulbb %0, %2, %3") OP3(smulbt, "smulbt %0, %2, %3")
OP3(smultb, "smultb %0, %2, %3") OP3(smultt, "smultt %0, %2, %3")
OP3(smlabb, "smlabb %0, %2, %3, %0") OP3(smlatt, "smlatt %0, %2, %3, %0")
OP3(smulwb, "smulwb %0, %2, %3") OP3(smulwt, "smulwt %0, %2, %3")
OP3(smlawb, "smlawb %0, %2, %3, %0") OP3(smlawt, "smlawt %0, %2, %3, %0")
OP3(smuad, "smuad %0, %2, %3") OP3(smuadx, "smuadx %0, %2, %3")
OP3(smusd, "smusd %0, %2, %3") OP3(smusdx, "smusdx %0, %2, %3")
OP3(smlad, "smlad %0, %2, %3, %0") OP3(smladx, "smladx %0, %2, %3, %0")
OP3(smlsd, "smlsd %0, %2, %3, %0") OP3(smlsdx, "smlsdx %0, %2, %3, %0")
OP3(smmul, "smmul %0, %2, %3") OP3(smmulr, "smmulr %0, %2, %3")
OP3(smmla, "smmla %0, %2, %3, %0") OP3(smmlar, "smmlar %0, %2, %3, %0")
OP3(smmls, "smmls %0, %2, %3, %0") OP3(smmlsr, "smmlsr %0, %2, %3, %0")

typedef uint32_t (*op3_fn)(uint32_t, uint32_t, uint32_t, uint32_t *);
#define E(n) { #n, n }
static const struct { const char *name; op3_fn fn; } ops[] = {
	E(qadd), E(qsub), E(qdadd), E(qdsub), E(sadd16), E(sasx), E(ssax), E(ssub16), E(sadd8),
	E(ssub8), E(qadd16), E(qasx), E(qsax), E(qsub16), E(qadd8), E(qsub8), E(shadd16), E(shasx),
	E(shsax), E(shsub16), E(shadd8), E(shsub8), E(uadd16), E(uasx), E(usax), E(usub16), E(uadd8),
	E(usub8), E(uqadd16), E(uqasx), E(uqsax), E(uqsub16), E(uqadd8), E(uqsub8), E(uhadd16),
	E(uhasx), E(uhsax), E(uhsub16), E(uhadd8), E(uhsub8), E(sel), E(usad8), E(usada8), E(sxtb16),
	E(uxtb16), E(sxtab16), E(uxtab16), E(ssat), E(usat), E(ssat32), E(usat0), E(ssat_asr32),
	E(ssat16), E(usat16), E(pkhbt), E(pkhtb), E(pkhtb32), E(smulbb), E(smulbt), E(smultb),
	E(smultt), E(smlabb), E(smlatt), E(smulwb), E(smulwt), E(smlawb), E(smlawt), E(smuad),
	E(smuadx), E(smusd), E(smusdx), E(smlad), E(smladx), E(smlsd), E(smlsdx), E(smmul),
	E(smmulr), E(smmla), E(smmlar), E(smmls), E(smmlsr),
};

static void longmul(uint32_t a, uint32_t b)
{
	uint32_t lo = 0x89abcdefu, hi = 0x7fffffffu;
	__asm__("smlalbb %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smlaltb %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smlald %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smlaldx %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smlsld %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smlsldx %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
}

int main(void)
{
	for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		sum = 0;
		for (unsigned i = 0; i < NE; i++)
			for (unsigned j = 0; j < NE; j++) {
				uint32_t fl = ((i + j) & 1) ? 0x000f0000u : 0x08050000u; /* GE preset for SEL */
				mix(ops[k].fn(edges[i], edges[j], edges[(i + j) % NE], &fl));
				mix(fl);
			}
		for (unsigned i = 0; i < 1500; i++) {
			uint32_t fl = rnd() & 0xf80f0000u;
			mix(ops[k].fn(rnd(), rnd(), rnd(), &fl));
			mix(fl);
		}
		printf("%-10s %08lx\n", ops[k].name, sum);
	}
	sum = 0;
	for (unsigned i = 0; i < NE; i++)
		for (unsigned j = 0; j < NE; j++)
			longmul(edges[i], edges[j]);
	printf("long dsp multiplies %08lx\n", sum);
	return 0;
}
