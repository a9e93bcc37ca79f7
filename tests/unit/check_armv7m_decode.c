/* The Cortex-M4F decoder against Capstone: every row of the decode table
 * (encoding class), sampled with random don't-care bits, decodes to the
 * instruction Capstone names, whenever both accept the encoding; and
 * every row is seen accepted by both at least once.  Plus the decoder's
 * refusals (UNDEFINED, UNPREDICTABLE) and the IT rules. */
#include <capstone/capstone.h>
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "models/armv7m/armv7m_decode.h"
#include "tests/unit/check_main.h"

static uint32_t seed = 1;
static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) ^ (seed << 16);
}

/* Capstone's mnemonic without width and data-type suffixes, and the
 * aliases it prints for some encodings, as our table names them. */
static void norm(const char *in, char *out, size_t cap)
{
	snprintf(out, cap, "%s", in);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = 0;
	static const struct { const char *cs, *ours; } alias[] = {
		{ "ldmia", "ldm" }, { "stmia", "stm" }, { "ldmfd", "ldm" }, { "stmea", "stm" },
		{ "ldmdb", "ldmdb" }, { "stmfd", "stmdb" }, { "neg", "rsb" }, { "negs", "rsbs" },
		{ "cpy", "mov" }, { "addw", "add" }, { "subw", "sub" }, { "vldr", "vldr" },
		{ "vstmia", "vstmia" }, { "vpush", "vpush" }, { "vpop", "vpop" }, { "mul", "mul" },
	};
	for (unsigned i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(out, alias[i].cs) == 0)
			snprintf(out, cap, "%s", alias[i].ours);
}

/* ours and Capstone's name the same instruction */
static bool same(const char *ours, const char *cs_raw)
{
	char cs[32], o[32];
	norm(cs_raw, cs, sizeof(cs));
	snprintf(o, sizeof(o), "%s", ours);
	if (strcmp(o, cs) == 0)
		return true;
	size_t n = strlen(cs);
	/* flag-setting forms: "adds" is "add" */
	if (n > 1 && cs[n - 1] == 's' && strncmp(o, cs, n - 1) == 0 && o[n - 1] == 0)
		return true;
	/* table names with the width folded in ("addw", "subw", "adr") */
	if ((strcmp(o, "addw") == 0 && strcmp(cs, "add") == 0) ||
	    (strcmp(o, "subw") == 0 && strcmp(cs, "sub") == 0) ||
	    (strcmp(o, "adr") == 0 && (strcmp(cs, "add") == 0 || strcmp(cs, "sub") == 0)))
		return true;
	/* VLDM/VSTM of doublewords, VPUSH/VPOP and their IA/DB names */
	if ((strncmp(o, "vldm", 4) == 0 || strcmp(o, "vpop") == 0) && (strncmp(cs, "vldm", 4) == 0 || strcmp(cs, "vpop") == 0))
		return true;
	if ((strncmp(o, "vstm", 4) == 0 || strcmp(o, "vpush") == 0) && (strncmp(cs, "vstm", 4) == 0 || strcmp(cs, "vpush") == 0))
		return true;
	/* LDM/STM of SP with writeback are PUSH/POP; a single register is LDR/STR */
	if ((strcmp(o, "pop") == 0 && (strcmp(cs, "ldm") == 0 || strcmp(cs, "ldr") == 0)) ||
	    (strcmp(o, "push") == 0 && (strcmp(cs, "stmdb") == 0 || strcmp(cs, "str") == 0)) ||
	    (strcmp(o, "ldm") == 0 && strcmp(cs, "pop") == 0) || (strcmp(o, "stmdb") == 0 && strcmp(cs, "push") == 0) ||
	    (strcmp(o, "ldr") == 0 && strcmp(cs, "pop") == 0) || (strcmp(o, "str") == 0 && strcmp(cs, "push") == 0))
		return true;
	/* MOV with a shift is the shift; VCMP with E; conversions; hints */
	if (strcmp(o, "vcmpe") == 0 && strcmp(cs, "vcmpe") == 0)
		return true;
	if ((strcmp(o, "vcvtr") == 0 || strcmp(o, "vcvtb") == 0 || strcmp(o, "vcvtt") == 0) && strncmp(cs, "vcvt", 4) == 0)
		return true;
	/* hints: the unallocated memory hints execute as NOP; Capstone
	 * names them after the A profile's PLDW and PLI */
	if (strcmp(o, "nop") == 0 && (strcmp(cs, "nop") == 0 || strcmp(cs, "hint") == 0 ||
				      strncmp(cs, "pld", 3) == 0 || strcmp(cs, "pli") == 0))
		return true;
	/* IT with its mask, B with its condition */
	if ((strcmp(o, "it") == 0 && strncmp(cs, "it", 2) == 0) || (strcmp(o, "b") == 0 && cs[0] == 'b' && strlen(cs) == 3))
		return true;
	/* any other coprocessor: the core has none (NOCP) */
	static const char *const cp[] = { "cdp", "cdp2", "ldc", "ldc2", "ldcl", "ldc2l", "stc", "stc2", "stcl",
					  "stc2l", "mcr", "mcr2", "mrc", "mrc2", "mcrr", "mcrr2", "mrrc", "mrrc2" };
	if (strcmp(o, "cdp") == 0 && cs[0] == 'v')
		return true; /* the A profile's Advanced SIMD space */
	if (strcmp(o, "cdp") == 0)
		for (unsigned i = 0; i < sizeof(cp) / sizeof(cp[0]); i++)
			if (strcmp(cs, cp[i]) == 0)
				return true;
	return false;
}

START_TEST(rows_match_capstone)
{
	csh h;
	ck_assert_int_eq(cs_open(CS_ARCH_ARM, (cs_mode)(CS_MODE_THUMB | CS_MODE_MCLASS), &h), CS_ERR_OK);
	unsigned nrows = 0, bad = 0, unseen = 0;
	uint32_t match, mask;
	unsigned len;
	for (unsigned r = 0; armv7m_decode_row(r, &match, &mask, &len); r++) {
		nrows++;
		unsigned agreed = 0;
		char first_bad[400] = "";
		for (unsigned k = 0; k < 400; k++) {
			uint32_t x = match | (rnd() & ~mask);
			if (len == 2)
				x &= 0xffff;
			struct m_insn d;
			armv7m_decode(x, len, 0x1000, false, false, &d);
			if (d.op == M_OP_UNDEF)
				continue;
			/* only when this row is the one that decoded it */
			uint32_t m2, k2;
			unsigned l2, first = 0;
			while (armv7m_decode_row(first, &m2, &k2, &l2) && !(l2 == len && (x & k2) == m2))
				first++;
			if (first != r)
				continue;
			uint8_t b[4];
			if (len == 2) {
				b[0] = (uint8_t)x;
				b[1] = (uint8_t)(x >> 8);
			} else {
				b[0] = (uint8_t)(x >> 16);
				b[1] = (uint8_t)(x >> 24);
				b[2] = (uint8_t)x;
				b[3] = (uint8_t)(x >> 8);
			}
			cs_insn *insn;
			size_t n = cs_disasm(h, b, len, 0x1000, 1, &insn);
			if (n != 1)
				continue; /* Capstone refuses what we accept: not a naming question */
			if (same(d.mnem, insn->mnemonic))
				agreed++;
			else if (!first_bad[0])
				snprintf(first_bad, sizeof(first_bad), "row %u: 0x%0*x is \"%s\" for us, \"%s %s\" for Capstone",
					 r, (int)len * 2, x, d.mnem, insn->mnemonic, insn->op_str);
			cs_free(insn, n);
		}
		if (first_bad[0]) {
			fprintf(stderr, "%s\n", first_bad);
			bad++;
		}
		if (!agreed) {
			fprintf(stderr, "row %u (match 0x%x mask 0x%x): no sample both accept\n", r, match, mask);
			unseen++;
		}
	}
	cs_close(&h);
	ck_assert_uint_gt(nrows, 200);
	ck_assert_uint_eq(bad, 0);
	/* the hints for PLD-like encodings of the sign-extending loads exist
	 * only for encodings Capstone refuses */
	ck_assert_uint_le(unseen, 4);
}
END_TEST

static struct m_insn dec(uint32_t raw, unsigned len, bool in_it, bool last)
{
	struct m_insn d;
	armv7m_decode(raw, len, 0x100, in_it, last, &d);
	return d;
}

START_TEST(refusals_and_it_rules)
{
	/* UDF and an undefined 32-bit encoding */
	ck_assert_uint_eq(dec(0xDE00, 2, false, false).op, M_OP_SLOW);
	ck_assert_uint_eq(dec(0xF7F0A000, 4, false, false).op, M_OP_SLOW);
	ck_assert_uint_eq(dec(0xF3BF8F00, 4, false, false).op, M_OP_UNDEF); /* reserved barrier */
	ck_assert_uint_eq(dec(0xFFFFFFFF, 4, false, false).sub, M_SUB_NOCP);  /* coprocessor space */
	/* ADDS (16-bit) sets flags outside IT only */
	ck_assert_uint_eq(dec(0x1840, 2, false, false).op, M_OP_ADDS_R);
	ck_assert_uint_eq(dec(0x1840, 2, true, false).op, M_OP_ADD_R);
	/* a conditional branch, CBZ and IT itself are refused inside IT */
	ck_assert_uint_eq(dec(0xD000, 2, true, false).op, M_OP_UNDEF);
	ck_assert_uint_eq(dec(0xB100, 2, true, true).op, M_OP_UNDEF);
	ck_assert_uint_eq(dec(0xBF08, 2, true, true).op, M_OP_UNDEF);
	/* a branch only as the last instruction of a block */
	ck_assert_uint_eq(dec(0xE000, 2, true, false).op, M_OP_UNDEF);
	ck_assert_uint_eq(dec(0xE000, 2, true, true).op, M_OP_B);
	/* BadReg: AND.W with SP as the destination is UNPREDICTABLE */
	struct m_insn d = dec(0xEA000D01, 4, false, false);
	ck_assert_uint_eq(d.op, M_OP_UNDEF);
	ck_assert_ptr_nonnull(d.why);
	/* double precision is UNDEFINED on FPv4-SP */
	ck_assert_uint_eq(dec(0xEE300B00, 4, false, false).op, M_OP_UNDEF);
	/* the PC as an operand becomes a constant: ADD r0, pc; LDR literal */
	d = dec(0x4478, 2, false, false);
	ck_assert_uint_eq(d.op, M_OP_ADD_I);
	ck_assert_uint_eq(d.imm, 0x104);
	d = dec(0x4801, 2, false, false);
	ck_assert_uint_eq(d.op, M_OP_LDR_I);
	ck_assert_uint_eq(d.rn, M_R_ZERO);
	ck_assert_uint_eq(d.imm, 0x108);
	/* ThumbExpandImm: 0x00ab00ab, and a rotated constant with its carry */
	d = dec(0xF04F10AB, 4, false, false);
	ck_assert_uint_eq(d.imm, 0x00ab00ab);
	d = dec(0xF0104F00, 4, false, false); /* TST r0, #0x80000000: rotated, C = bit 31 */
	ck_assert_uint_eq(d.imm, 0x80000000u);
	ck_assert_uint_eq(d.carry, 2);
	ck_assert_str_eq(armv7m_op_name(M_OP_ADDS_R), "ADDS_R");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("armv7m_decode");
	TCase *tc = tcase_create("decode");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rows_match_capstone);
	tcase_add_test(tc, refusals_and_it_rules);
	suite_add_tcase(s, tc);
	return s;
}
