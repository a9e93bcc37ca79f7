/* Integer data processing: every ALU operation over edge values and a
 * pseudo-random stream, with the flags each leaves (APSR), shifts by
 * immediates and registers, multiplies and divides, bit fields, byte
 * reversal, CLZ, IT blocks, table branches, LDM/STM and exclusives. */
#include "diff.h"

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed;
}

static const uint32_t edges[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
				  0xfffffffe, 0x12345678, 0x0000ffff, 0xffff0000, 31, 32, 33, 255, 256 };
#define NE (sizeof(edges) / sizeof(edges[0]))

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }

#define OP2(name, insn) \
	static uint32_t name(uint32_t a, uint32_t b, uint32_t *fl) \
	{ \
		uint32_t r, f; \
		__asm__ volatile("msr apsr_nzcvq, %4\n" insn "\nmrs %1, apsr" \
				 : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(*fl) : "cc"); \
		*fl = f & 0xf8000000u; \
		return r; \
	}
OP2(op_adds, "adds %0, %2, %3")
OP2(op_adcs, "adcs %0, %2, %3")
OP2(op_subs, "subs %0, %2, %3")
OP2(op_sbcs, "sbcs %0, %2, %3")
OP2(op_rsbs, "rsbs %0, %2, %3")
OP2(op_ands, "ands %0, %2, %3")
OP2(op_orrs, "orrs %0, %2, %3")
OP2(op_eors, "eors %0, %2, %3")
OP2(op_bics, "bics %0, %2, %3")
OP2(op_orns, "orns %0, %2, %3")
OP2(op_lsls, "lsls %0, %2, %3")
OP2(op_lsrs, "lsrs %0, %2, %3")
OP2(op_asrs, "asrs %0, %2, %3")
OP2(op_rors, "rors %0, %2, %3")
OP2(op_cmp, "cmp %2, %3\nmov %0, #0")
OP2(op_cmn, "cmn %2, %3\nmov %0, #0")
OP2(op_tst, "tst %2, %3\nmov %0, #0")
OP2(op_teq, "teq %2, %3\nmov %0, #0")
OP2(op_adds_lsl3, "adds %0, %2, %3, lsl #3")
OP2(op_subs_asr7, "subs %0, %2, %3, asr #7")
OP2(op_ands_ror13, "ands %0, %2, %3, ror #13")
OP2(op_orrs_lsr32, "orrs %0, %2, %3, lsr #32")
OP2(op_eors_rrx, "eors %0, %2, %3, rrx")
OP2(op_movs_asr32, "movs %0, %3, asr #32")
OP2(op_mvns_lsl1, "mvns %0, %3, lsl #1")
OP2(op_ands_imm, "ands %0, %2, #0xff000000")
OP2(op_orrs_imm, "orrs %0, %2, #0x80000000")
OP2(op_adds_imm, "adds %0, %2, #0x00ff00ff")
OP2(op_subs_imm, "subs %0, %2, #1")
OP2(op_mul, "mul %0, %2, %3")
OP2(op_sdiv, "sdiv %0, %2, %3")
OP2(op_udiv, "udiv %0, %2, %3")
OP2(op_clz, "clz %0, %3")
OP2(op_rbit, "rbit %0, %3")
OP2(op_rev, "rev %0, %3")
OP2(op_rev16, "rev16 %0, %3")
OP2(op_revsh, "revsh %0, %3")
OP2(op_sxtb, "sxtb %0, %3, ror #8")
OP2(op_uxth, "uxth %0, %3, ror #16")
OP2(op_sxtah, "sxtah %0, %2, %3")
OP2(op_uxtab, "uxtab %0, %2, %3, ror #24")
OP2(op_ubfx, "ubfx %0, %3, #5, #11")
OP2(op_sbfx, "sbfx %0, %3, #3, #17")
OP2(op_bfi, "mov %0, %2\nbfi %0, %3, #7, #9")
OP2(op_bfc, "mov %0, %2\nbfc %0, #4, #20")
OP2(op_movt, "mov %0, %2\nmovt %0, #0xbeef")
OP2(op_mla, "mla %0, %2, %3, %2")
OP2(op_mls, "mls %0, %2, %3, %3")
OP2(op_it, "cmp %2, %3\nite lt\nmovlt %0, #1\nmovge %0, #2")
OP2(op_itt, "cmp %2, %3\nittee hi\naddhi %0, %2, #1\naddhi %0, %0, %0\nsubls %0, %3, #1\neorls %0, %0, %2")
OP2(op_it_flags, "cmp %2, %3\nitte eq\ncmpeq %2, #0\naddseq %0, %2, %3\nmovne %0, #7")

typedef uint32_t (*op2_fn)(uint32_t, uint32_t, uint32_t *);
static const struct { const char *name; op2_fn fn; } ops[] = {
	{ "adds", op_adds }, { "adcs", op_adcs }, { "subs", op_subs }, { "sbcs", op_sbcs },
	{ "rsbs", op_rsbs }, { "ands", op_ands }, { "orrs", op_orrs }, { "eors", op_eors },
	{ "bics", op_bics }, { "orns", op_orns }, { "lsls", op_lsls }, { "lsrs", op_lsrs },
	{ "asrs", op_asrs }, { "rors", op_rors }, { "cmp", op_cmp }, { "cmn", op_cmn },
	{ "tst", op_tst }, { "teq", op_teq }, { "adds_lsl3", op_adds_lsl3 },
	{ "subs_asr7", op_subs_asr7 }, { "ands_ror13", op_ands_ror13 },
	{ "orrs_lsr32", op_orrs_lsr32 }, { "eors_rrx", op_eors_rrx },
	{ "movs_asr32", op_movs_asr32 }, { "mvns_lsl1", op_mvns_lsl1 },
	{ "ands_imm", op_ands_imm }, { "orrs_imm", op_orrs_imm }, { "adds_imm", op_adds_imm },
	{ "subs_imm", op_subs_imm }, { "mul", op_mul }, { "sdiv", op_sdiv },
	{ "udiv", op_udiv }, { "clz", op_clz }, { "rbit", op_rbit }, { "rev", op_rev },
	{ "rev16", op_rev16 }, { "revsh", op_revsh }, { "sxtb", op_sxtb }, { "uxth", op_uxth },
	{ "sxtah", op_sxtah }, { "uxtab", op_uxtab }, { "ubfx", op_ubfx }, { "sbfx", op_sbfx },
	{ "bfi", op_bfi }, { "bfc", op_bfc }, { "movt", op_movt }, { "mla", op_mla }, { "mls", op_mls },
	{ "it", op_it }, { "itt", op_itt }, { "it_flags", op_it_flags },
};

static uint32_t lmul(uint32_t a, uint32_t b)
{
	uint32_t lo, hi, lo2 = a, hi2 = b, lo3 = 5, hi3 = 7, lo4 = 9, hi4 = 11;
	__asm__("umull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b));
	mix(lo); mix(hi);
	__asm__("umlal %0, %1, %2, %3" : "+r"(lo2), "+r"(hi2) : "r"(a), "r"(b));
	mix(lo2); mix(hi2);
	__asm__("smlal %0, %1, %2, %3" : "+r"(lo3), "+r"(hi3) : "r"(a), "r"(b));
	mix(lo3); mix(hi3);
	__asm__("umaal %0, %1, %2, %3" : "+r"(lo4), "+r"(hi4) : "r"(a), "r"(b));
	mix(lo4); mix(hi4);
	return sum;
}

static int tbb(unsigned i)
{
	int r;
	__asm__("tbb [pc, %1]\n"
		"0: .byte (1f-0b)/2, (2f-0b)/2, (3f-0b)/2, (4f-0b)/2\n"
		"1: mov %0, #10\n b 5f\n"
		"2: mov %0, #20\n b 5f\n"
		"3: mov %0, #30\n b 5f\n"
		"4: mov %0, #40\n"
		"5:" : "=r"(r) : "r"(i & 3));
	return r;
}

static int tbh(unsigned i)
{
	int r;
	__asm__("tbh [pc, %1, lsl #1]\n"
		"0: .hword (1f-0b)/2, (2f-0b)/2, (3f-0b)/2\n"
		"1: mov %0, #11\n b 5f\n"
		"2: mov %0, #22\n b 5f\n"
		"3: mov %0, #33\n"
		"5:" : "=r"(r) : "r"(i % 3));
	return r;
}

static volatile uint32_t mem[16] __attribute__((aligned(8)));

static void ldm_stm(void)
{
	uint32_t r[4];
	uint32_t *p = (uint32_t *)mem;
	for (unsigned i = 0; i < 16; i++)
		mem[i] = i * 0x11111111u;
	__asm__ volatile("ldmia %0!, {r0, r1, r2, r3}\nstmia %1, {r0, r1, r2, r3}"
			 : "+r"(p) : "r"(r) : "r0", "r1", "r2", "r3", "memory");
	printf("ldmia %08lx %08lx %08lx %08lx +%d\n", r[0], r[1], r[2], r[3], (int)(p - (uint32_t *)mem));
	__asm__ volatile("ldmdb %0!, {r0, r1, r2, r3}\nstmia %1, {r0, r1, r2, r3}"
			 : "+r"(p) : "r"(r) : "r0", "r1", "r2", "r3", "memory");
	printf("ldmdb %08lx %08lx %08lx %08lx +%d\n", r[0], r[1], r[2], r[3], (int)(p - (uint32_t *)mem));
	p = (uint32_t *)mem + 8;
	__asm__ volatile("mov r0, #1\nmov r1, #2\nmov r2, #3\nmov r3, #4\nstmdb %0!, {r0, r1, r2, r3}"
			 : "+r"(p) :: "r0", "r1", "r2", "r3", "memory");
	printf("stmdb %08lx %08lx %08lx %08lx +%d\n", mem[4], mem[5], mem[6], mem[7], (int)(p - (uint32_t *)mem));
	uint32_t lo, hi, a, b;
	__asm__ volatile("ldrd %0, %1, [%2, #8]" : "=&r"(lo), "=&r"(hi) : "r"(mem));
	printf("ldrd %08lx %08lx\n", lo, hi);
	p = (uint32_t *)mem;
	__asm__ volatile("strd %1, %2, [%0, #16]!" : "+r"(p) : "r"(0xaaaa5555u), "r"(0x5555aaaau) : "memory");
	printf("strd %08lx %08lx +%d\n", mem[4], mem[5], (int)(p - (uint32_t *)mem));
	__asm__ volatile("ldr %0, [%1], #4\nldr %0, [%1, #4]!" : "=&r"(a), "+r"(p));
	printf("ldr post/pre %08lx +%d\n", a, (int)(p - (uint32_t *)mem));
	uint8_t *q = (uint8_t *)mem + 1;
	__asm__ volatile("ldrsb %0, [%1, #-1]!\nldrsh %0, [%1, #6]" : "=&r"(a), "+r"(q));
	printf("ldrsb/ldrsh %08lx +%d\n", a, (int)(q - (uint8_t *)mem));
	/* unaligned word and halfword accesses (allowed: CCR.UNALIGN_TRP is 0) */
	__asm__ volatile("ldr %0, [%2, #1]\nldrh %1, [%2, #3]" : "=&r"(a), "=&r"(b) : "r"(q));
	printf("unaligned %08lx %08lx\n", a, b);
}

static void exclusives(void)
{
	uint32_t v, st1, st2, st3;
	volatile uint32_t *p = &mem[2];
	mem[2] = 7;
	__asm__ volatile("ldrex %0, [%4]\nadd %0, %0, #1\nstrex %1, %0, [%4]\n"
			 "strex %2, %0, [%4]\n"
			 "ldrex %0, [%4]\nclrex\nstrex %3, %0, [%4]"
			 : "=&r"(v), "=&r"(st1), "=&r"(st2), "=&r"(st3) : "r"(p) : "memory");
	printf("exclusive %lu %lu %lu %lu\n", mem[2], st1, st2, st3);
	volatile uint8_t *b = (volatile uint8_t *)&mem[3];
	mem[3] = 0x80;
	__asm__ volatile("ldrexb %0, [%2]\nadd %0, %0, #1\nstrexb %1, %0, [%2]"
			 : "=&r"(v), "=&r"(st1) : "r"(b) : "memory");
	printf("exclusive byte %lx %lu\n", mem[3], st1);
}

int main(void)
{
	uint32_t fl = 0;
	for (unsigned k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		sum = 0;
		for (unsigned i = 0; i < NE; i++)
			for (unsigned j = 0; j < NE; j++) {
				fl = (i * 7 + j) << 27; /* incoming flags vary: ADC/SBC/RRX read C */
				if (ops[k].fn == op_sdiv || ops[k].fn == op_udiv)
					if (edges[j] == 0)
						continue;
				uint32_t r = ops[k].fn(edges[i], edges[j], &fl);
				mix(r);
				mix(fl);
			}
		for (unsigned i = 0; i < 2000; i++) {
			uint32_t a = rnd(), b = rnd();
			if (i & 1)
				b &= 63;
			fl = rnd() & 0xf8000000u;
			mix(ops[k].fn(a, b, &fl));
			mix(fl);
		}
		printf("%-12s %08lx\n", ops[k].name, sum);
	}
	printf("sdiv min/-1 %08lx, udiv by 0 %08lx, sdiv by 0 %08lx\n",
	       op_sdiv(0x80000000u, 0xffffffffu, &fl), op_udiv(5, 0, &fl), op_sdiv(5, 0, &fl));
	sum = 0;
	for (unsigned i = 0; i < NE; i++)
		for (unsigned j = 0; j < NE; j++)
			lmul(edges[i], edges[j]);
	printf("long multiplies %08lx\n", sum);
	int t = 0;
	for (unsigned i = 0; i < 12; i++)
		t = t * 3 + tbb(i) + tbh(i);
	printf("table branches %d\n", t);
	ldm_stm();
	exclusives();
	return 0;
}
