/* The bare machine of rpsim exec, built from devices: RAM as Spike gives
 * it (2 GiB at 0x80000000 or the regions asked for; segments outside are
 * refused), the core from the registry by e_machine, the platform timer as
 * Spike's CLINT (present unless a segment uses its range; the core's time
 * CSR reads its counter), the instruction trace's format.  The ISA tests
 * (tests/isa) and exec-cli.sh run the whole of rpsim exec. */
#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/le.h"
#include "sim/platform/bare.h"
#include "tests/unit/check_main.h"

enum { ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2 };
/* constant expressions: the program below is a static table */
#define I(op, f3, rd, rs1, imm) \
	(((uint32_t)(imm) << 20) | ((uint32_t)(rs1) << 15) | ((uint32_t)(f3) << 12) | \
	 ((uint32_t)(rd) << 7) | (op))
#define SW(rs2, rs1, imm) \
	((((uint32_t)(imm) >> 5) << 25) | ((uint32_t)(rs2) << 20) | ((uint32_t)(rs1) << 15) | \
	 (2u << 12) | (((uint32_t)(imm) & 31) << 7) | 0x23)
#define ADDI(rd, rs1, imm) I(0x13, 0, rd, rs1, imm)
#define LW(rd, rs1, imm) I(0x03, 2, rd, rs1, imm)
#define CSRRW(rd, csr, rs1) I(0x73, 1, rd, rs1, csr)
#define CSRRS(rd, csr, rs1) I(0x73, 2, rd, rs1, csr)
#define LUI(rd, imm20) (((uint32_t)(imm20) << 12) | ((rd) << 7) | 0x37)
#define WFI 0x10500073u

/* mtimecmp = 0 raises the timer interrupt: WFI wakes only with a CLINT */
static const uint32_t prog[] = {
	LUI(T0, 0x02004), SW(ZERO, T0, 4), SW(ZERO, T0, 0),
	LUI(T2, 0x0200c), LW(A1, T2, -8), CSRRS(A2, 0xc01, ZERO), /* mtime, then time */
	ADDI(T1, ZERO, 0x80), CSRRW(ZERO, 0x304, T1), WFI,
	ADDI(A0, ZERO, 1), ADDI(S0, ZERO, 5), CSRRW(ZERO, 0x304, ZERO), WFI,
};

struct img {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[2];
	uint32_t code[sizeof(prog) / 4];
};

static void write_elf(const char *path, bool segment_on_clint)
{
	struct img m;
	memset(&m, 0, sizeof(m));
	memcpy(m.eh.e_ident, ELFMAG, SELFMAG);
	m.eh.e_ident[EI_CLASS] = ELFCLASS32;
	m.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	m.eh.e_ident[EI_VERSION] = EV_CURRENT;
	m.eh.e_type = ET_EXEC;
	m.eh.e_machine = 243; /* EM_RISCV */
	m.eh.e_version = EV_CURRENT;
	m.eh.e_entry = 0x80000000;
	m.eh.e_phoff = offsetof(struct img, ph);
	m.eh.e_ehsize = sizeof(Elf32_Ehdr);
	m.eh.e_phentsize = sizeof(Elf32_Phdr);
	m.eh.e_phnum = segment_on_clint ? 2 : 1;
	m.ph[0].p_type = PT_LOAD;
	m.ph[0].p_offset = offsetof(struct img, code);
	m.ph[0].p_paddr = m.ph[0].p_vaddr = 0x80000000;
	m.ph[0].p_filesz = sizeof(prog);
	m.ph[0].p_memsz = 0x1000;
	m.ph[1].p_type = PT_LOAD;
	m.ph[1].p_paddr = m.ph[1].p_vaddr = 0x02000000; /* bss over the CLINT's range */
	m.ph[1].p_memsz = 0x10000;
	for (unsigned i = 0; i < sizeof(prog) / 4; i++)
		le32_store((uint8_t *)&m.code[i], prog[i]);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(&m, sizeof(m), 1, f), 1);
	ck_assert_int_eq(fclose(f), 0);
}

static uint64_t reg(struct cpu *c, unsigned r)
{
	uint64_t v = 0;
	ck_assert_int_eq(cpu_get_reg(c, r, &v), 0);
	return v;
}

START_TEST(clint_wakes_wfi)
{
	write_elf("check_bare_clint.elf", false);
	struct sim sim;
	sim_init(&sim);
	char *trace = NULL, *err = NULL;
	size_t tlen = 0, elen = 0;
	FILE *tf = open_memstream(&trace, &tlen), *ef = open_memstream(&err, &elen);
	struct bare_opts o = { .trace_insns = true, .trace_out = tf, .err = ef };
	char msg[256];
	struct bare *m = bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg));
	ck_assert_msg(m != NULL, "%s", msg);
	struct cpu *c = bare_cpu(m);
	ck_assert_str_eq(c->isa->name, "rv32imac");
	ck_assert_str_eq(c->name, "core0");
	ck_assert_int_eq(bare_run(m), 1); /* no tohost: parked for good */
	ck_assert_uint_eq(reg(c, A0), 1);
	ck_assert_uint_le(reg(c, A1), reg(c, A2)); /* time CSR = the CLINT's mtime */
	ck_assert_uint_ge(reg(c, A1) + 1, reg(c, A2));
	ck_assert_int_eq(cpu_state(c), CPU_STATE_WFI);
	fclose(tf);
	fclose(ef);
	ck_assert_ptr_nonnull(strstr(trace, "core0 0x80000000 (0x020042b7) lui t0,0x2004"));
	ck_assert_ptr_nonnull(strstr(trace, "t0=0x02004000\n"));
	ck_assert_ptr_nonnull(strstr(trace, "addi s0,zero,5                   s0=0x00000005\n"));
	ck_assert_ptr_nonnull(strstr(trace, "(0x10500073) wfi\n")); /* writes no register */
	ck_assert_ptr_nonnull(strstr(err, "waits in WFI"));
	free(trace);
	free(err);
	sim_destroy(&sim);
}
END_TEST

START_TEST(no_clint_under_a_segment)
{
	write_elf("check_bare_noclint.elf", true);
	struct sim sim;
	sim_init(&sim);
	char *err = NULL;
	size_t elen = 0;
	FILE *ef = open_memstream(&err, &elen);
	/* RAM where the program wants it, the default's replaced */
	struct bare_opts o = { .err = ef, .nram = 2,
			       .ram = { { 0x80000000, 0x1000 }, { 0x02000000, 0x10000 } } };
	char msg[512];
	struct bare *m = bare_create(&sim, "check_bare_noclint.elf", &o, msg, sizeof(msg));
	ck_assert_msg(m != NULL, "%s", msg);
	ck_assert_int_eq(bare_run(m), 1);
	struct cpu *c = bare_cpu(m);
	ck_assert_uint_eq(reg(c, A0), 0);        /* the first WFI never woke */
	ck_assert_uint_eq(reg(c, A1), 0);        /* RAM, not mtime */
	ck_assert_uint_eq(cpu_insns(c), 9);
	uint8_t b[4];
	ck_assert_int_eq(cpu_read_mem(c, 0x02004000, b, 4), 0); /* it is RAM */
	fclose(ef);
	free(err);
	sim_destroy(&sim);
}
END_TEST

/* Spike's RAM: 2 GiB at 0x80000000, sparse; a segment elsewhere is refused */
START_TEST(default_ram)
{
	write_elf("check_bare_clint.elf", false);
	struct sim sim;
	sim_init(&sim);
	char msg[512];
	struct bare_opts o = { 0 };
	struct bare *m = bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg));
	ck_assert_msg(m != NULL, "%s", msg);
	struct cpu *c = bare_cpu(m);
	uint8_t b[4] = { 1, 2, 3, 4 }, r[4] = { 0 };
	ck_assert_int_eq(cpu_write_mem(c, 0xfffffffc, b, 4), 0); /* the last word */
	ck_assert_int_eq(cpu_read_mem(c, 0xfffffffc, r, 4), 0);
	ck_assert_mem_eq(r, b, 4);
	ck_assert_int_eq(cpu_read_mem(c, 0xc0000000, r, 4), 0);
	ck_assert_int_eq(cpu_read_mem(c, 0x7ffffffc, r, 4), -1); /* below RAM */
	sim_destroy(&sim);

	write_elf("check_bare_noclint.elf", true); /* a segment at 0x02000000 */
	sim_init(&sim);
	ck_assert_ptr_null(bare_create(&sim, "check_bare_noclint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "loadable segment 1 at 0x02000000 (0x10000 bytes) is outside "
					  "Spike's RAM: dram 0x80000000..0xffffffff"));
	ck_assert_ptr_nonnull(strstr(msg, "--ram BASE:SIZE"));
	/* a region given that is too small for it */
	o = (struct bare_opts){ .nram = 2, .ram = { { 0x80000000, 0x1000 }, { 0x02000000, 0x8000 } } };
	ck_assert_ptr_null(bare_create(&sim, "check_bare_noclint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "RAM: ram@2000000 0x02000000..0x02007fff, ram@80000000 "
					  "0x80000000..0x80000fff;"));
	/* overlapping, unaligned, past 4 GiB */
	o = (struct bare_opts){ .nram = 2, .ram = { { 0x80000000, 0x2000 }, { 0x80001000, 0x1000 } } };
	ck_assert_ptr_null(bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "overlaps"));
	o = (struct bare_opts){ .nram = 1, .ram = { { 0x80000800, 0x1000 } } };
	ck_assert_ptr_null(bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "multiples of 4K"));
	o = (struct bare_opts){ .nram = 1, .ram = { { 0x80000000, 0x80001000 } } };
	ck_assert_ptr_null(bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "reaches past the 32-bit address space"));
	sim_destroy(&sim);
}
END_TEST

START_TEST(parse_ram)
{
	struct bare_ram r;
	char err[128];
	ck_assert_int_eq(bare_parse_ram("0x80000000:256M", &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.base, 0x80000000u);
	ck_assert_uint_eq(r.size, 256u << 20);
	ck_assert_int_eq(bare_parse_ram("0:4096", &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.size, 4096);
	ck_assert_int_eq(bare_parse_ram("0x1000:2G", &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.size, 2ull << 30);
	ck_assert_int_eq(bare_parse_ram("0x1000:64k", &r, err, sizeof(err)), 0);
	ck_assert_uint_eq(r.size, 64u << 10);
	static const char *const bad[] = { "", "0x1000", ":4K", "0x1000:", "x:4K", "0x1000:4Q",
					   "0x1000:4KK", "0x1000:0", "0x1000:-4K", "0x1001:4K",
					   "0x1000:100", "0xfffffffffffff000:8K", "0x1000:2000G" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(bare_parse_ram(bad[i], &r, err, sizeof(err)) == -1 && err[0],
			      "'%s' accepted", bad[i]);
}
END_TEST

START_TEST(bad_file)
{
	struct sim sim;
	sim_init(&sim);
	char msg[256];
	struct bare_opts o = { 0 };
	ck_assert_ptr_null(bare_create(&sim, "check_bare_missing.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "check_bare_missing.elf: cannot read the firmware file"));
	write_elf("check_bare_clint.elf", false);
	o.signature_path = "sig.txt";
	ck_assert_ptr_null(bare_create(&sim, "check_bare_clint.elf", &o, msg, sizeof(msg)));
	ck_assert_ptr_nonnull(strstr(msg, "begin_signature"));
	sim_destroy(&sim);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("bare");
	TCase *tc = tcase_create("bare");
	tcase_add_test(tc, clint_wakes_wfi);
	tcase_add_test(tc, no_clint_under_a_segment);
	tcase_add_test(tc, default_ram);
	tcase_add_test(tc, parse_ram);
	tcase_add_test(tc, bad_file);
	suite_add_tcase(s, tc);
	return s;
}
