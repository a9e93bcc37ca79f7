/* The RV32 core as the core interface presents it (sim/core/cpu.h): the
 * ISA description and GDB target description, registers by number (x,
 * pc, CSRs, priv) read and written as a debugger does, memory through the
 * core's view, instruction counts over resets, the TRACE_INSN payload,
 * the disassembler, and snapshots: a restored core on a fresh simulation
 * finishes exactly as the original; corrupt and truncated snapshots are
 * refused with a message and leave the core as it was. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"
#include "tests/unit/check_main.h"

#define BASE 0x80000000u
#define DEV 0x10000000u
#define RAM_SIZE 0x10000u

/* ---- a tiny assembler ---- */
enum { ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2, A3, A4, A5 };
static uint32_t I(uint32_t op, uint32_t f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
static uint32_t R(uint32_t f7, unsigned rs2, unsigned rs1, uint32_t f3, unsigned rd)
{
	return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x33;
}
static uint32_t SW(unsigned rs2, unsigned rs1, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (2u << 12) | ((u & 31) << 7) | 0x23;
}
static uint32_t JAL(unsigned rd, int32_t off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
	       (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}
static uint32_t BNE(unsigned rs1, unsigned rs2, int32_t off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
	       (1u << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
#define ADDI(rd, rs1, imm) I(0x13, 0, rd, rs1, imm)
#define ANDI(rd, rs1, imm) I(0x13, 7, rd, rs1, imm)
#define LW(rd, rs1, imm) I(0x03, 2, rd, rs1, imm)
#define ADD(rd, rs1, rs2) R(0, rs2, rs1, 0, rd)
#define CSRRW(rd, csr, rs1) I(0x73, 1, rd, rs1, csr)
#define CSRRS(rd, csr, rs1) I(0x73, 2, rd, rs1, csr)
#define CSRRWI(rd, csr, u) I(0x73, 5, rd, u, csr)
#define LUI(rd, imm20) (((uint32_t)(imm20) << 12) | ((rd) << 7) | 0x37)
#define ECALL 0x00000073u
#define MRET 0x30200073u
#define WFI 0x10500073u

/* ---- a machine: RAM at BASE, a device at DEV that reads as 0x5a ---- */
struct m {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct cpu *core;
};

static enum bus_status dev_read(void *o, uint64_t off, unsigned size, uint64_t *v, sim_time_t t)
{
	(void)o, (void)off, (void)size, (void)t;
	*v = 0x5a;
	return BUS_OK;
}

static enum bus_status dev_write(void *o, uint64_t off, unsigned size, uint64_t v, sim_time_t t)
{
	(void)o, (void)off, (void)size, (void)v, (void)t;
	return BUS_OK;
}

static const struct mmio_ops dev_ops = {
	.name = "testdev", .min_size = 4, .max_size = 4, .read = dev_read, .write = dev_write,
};

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *c,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)c, (void)msg;
}

static void m_init(struct m *m, uint64_t clock_hz)
{
	memset(m, 0, sizeof(*m));
	sim_init(&m->sim);
	m->sim.log_fn = quiet;
	bus_init(&m->bus, "core");
	m->ram = ram_create(RAM_SIZE);
	ck_assert_ptr_nonnull(m->ram);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&m->bus, "ram", BASE, m->ram, 0, RAM_SIZE, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_device(&m->bus, "dev", DEV, 0x100, &dev_ops, m, err, sizeof(err)), 0);
	struct cpu_config cfg = { .name = "core0", .clock_hz = clock_hz, .quantum = SIM_US };
	m->core = rv32_isa.create(&m->sim, &m->bus, &cfg);
	ck_assert_ptr_nonnull(m->core);
}

static void m_free(struct m *m)
{
	sim_destroy(&m->sim);
	bus_destroy(&m->bus);
	ram_destroy(m->ram);
}

static void load(struct m *m, uint32_t addr, const uint32_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[4];
		le32_store(b, w[i]);
		ck_assert_int_eq(ram_write_bytes(m->ram, addr - BASE + 4 * i, b, 4), 0);
	}
}

static uint64_t reg(struct m *m, unsigned r)
{
	uint64_t v = 0;
	ck_assert_int_eq(cpu_get_reg(m->core, r, &v), 0);
	return v;
}

static unsigned regnum(const char *name)
{
	int r = cpu_isa_reg_by_name(&rv32_isa, name);
	ck_assert_msg(r >= 0, "no register %s", name);
	return (unsigned)r;
}

/* ---- the description ---- */

START_TEST(isa_description)
{
	const struct cpu_isa *isa = &rv32_isa;
	ck_assert_str_eq(isa->name, "rv32imac");
	ck_assert_uint_eq(isa->elf_machine, 243);
	ck_assert_uint_eq(isa->elf_class, 32);
	ck_assert_uint_eq(isa->pc_regnum, 32);
	ck_assert_str_eq(isa->regs[isa->pc_regnum].name, "pc");
	ck_assert_str_eq(isa->regs[isa->sp_regnum].name, "sp");
	ck_assert_str_eq(isa->regs[0].name, "zero");
	ck_assert_str_eq(isa->regs[8].name, "s0");
	ck_assert_str_eq(isa->regs[31].name, "t6");
	ck_assert_int_eq(isa->irq.external, 11);
	ck_assert_int_eq(isa->irq.timer, 7);
	ck_assert_int_eq(isa->irq.software, 3);
	ck_assert_uint_eq(isa->insn_max_len, 4);
	ck_assert_uint_eq(isa->insn_align, 2);
	ck_assert_ptr_nonnull(isa->ops);
	/* every register: a name, found by that name, and in the target
	 * description with its own number */
	const char *xml = isa->gdb_target_xml;
	ck_assert_ptr_nonnull(strstr(xml, "<feature name=\"org.gnu.gdb.riscv.cpu\">"));
	ck_assert_ptr_nonnull(strstr(xml, "<feature name=\"org.gnu.gdb.riscv.csr\">"));
	ck_assert_ptr_nonnull(strstr(xml, "<architecture>riscv:rv32</architecture>"));
	for (unsigned r = 0; r < isa->nregs; r++) {
		ck_assert_ptr_nonnull(isa->regs[r].name);
		ck_assert_int_eq(cpu_isa_reg_by_name(isa, isa->regs[r].name), (int)r);
		ck_assert_uint_eq(isa->regs[r].bits, 32);
		char want[96];
		snprintf(want, sizeof(want), "<reg name=\"%s\" bitsize=\"32\"", isa->regs[r].name);
		const char *at = strstr(xml, want);
		ck_assert_msg(at != NULL, "%s not in the target description", isa->regs[r].name);
		snprintf(want, sizeof(want), "regnum=\"%u\"", r);
		const char *end = strchr(at, '>');
		const char *num = strstr(at, want);
		ck_assert_msg(num && num < end, "%s: regnum %u not stated", isa->regs[r].name, r);
	}
	ck_assert_uint_eq(isa->regs[regnum("mstatus")].group, CPU_REG_SYSTEM);
	ck_assert_uint_eq(isa->regs[5].group, CPU_REG_GENERAL);
	ck_assert_int_eq(rv32_csr_regnum(0x300), (int)regnum("mstatus"));
	ck_assert_int_eq(rv32_csr_regnum(0x3bf), (int)regnum("pmpaddr15"));
	ck_assert_int_eq(cpu_isa_reg_by_name(isa, "fp"), -1);
}
END_TEST

START_TEST(disasm_wrapper)
{
	char buf[64];
	const uint8_t addi[4] = { 0x13, 0x05, 0xa0, 0x02 }; /* addi a0,zero,42 */
	ck_assert_uint_eq(rv32_isa.disasm(addi, 4, 0, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "addi a0,zero,42");
	const uint8_t cli[2] = { 0x05, 0x45 }; /* c.li a0,1 */
	ck_assert_uint_eq(rv32_isa.disasm(cli, 2, 0, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "c.li a0,1");
	const uint8_t jal[4] = { 0xef, 0x00, 0x00, 0x01 }; /* jal ra, +16: absolute target */
	ck_assert_uint_eq(rv32_isa.disasm(jal, 4, 0x1000, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "jal ra,1010");
	/* too few bytes for what the low bits announce */
	ck_assert_uint_eq(rv32_isa.disasm(addi, 2, 0, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "not a whole instruction"));
	ck_assert_uint_eq(rv32_isa.disasm(addi, 1, 0, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(rv32_isa.disasm(addi, 0, 0, buf, 0), 0);
}
END_TEST

/* ---- registers and memory ---- */

START_TEST(registers_as_a_debugger)
{
	struct m m;
	m_init(&m, 0);
	const uint32_t p[] = { ADDI(A0, A0, 1), CSRRS(A1, 0xb02, ZERO), WFI };
	load(&m, BASE, p, 3);
	cpu_set_reset(m.core, false, BASE, 0);
	/* x0 stays 0; others take the value; out-of-range values and numbers fail */
	ck_assert_int_eq(cpu_set_reg(m.core, 0, 5), 0);
	ck_assert_uint_eq(reg(&m, 0), 0);
	ck_assert_int_eq(cpu_set_reg(m.core, A0, 41), 0);
	ck_assert_int_eq(cpu_set_reg(m.core, A0, 1ull << 32), -1);
	ck_assert_int_eq(cpu_set_reg(m.core, rv32_isa.nregs, 0), -1);
	uint64_t v;
	ck_assert_int_eq(cpu_get_reg(m.core, 1000, &v), -1);
	/* minstret as written: no instruction retires with a debugger write */
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("minstret"), 100), 0);
	ck_assert_uint_eq(reg(&m, regnum("minstret")), 100);
	/* read-only CSRs refuse writes; misa reads its fixed value */
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("mhartid"), 1), -1);
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("cycle"), 1), -1);
	ck_assert_uint_eq(reg(&m, regnum("misa")), 0x40101105);
	/* WARL through the debugger as through csrw */
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("mie"), 0xffffffff), 0);
	ck_assert_uint_eq(reg(&m, regnum("mie")), 0x888);
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("mie"), 0), 0);
	/* priv: M or U only */
	ck_assert_uint_eq(reg(&m, regnum("priv")), 3);
	ck_assert_int_eq(cpu_set_reg(m.core, regnum("priv"), 1), -1);
	/* pc is even */
	ck_assert_int_eq(cpu_set_reg(m.core, RV32_REG_PC, BASE + 1), 0);
	ck_assert_uint_eq(cpu_pc(m.core), BASE);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(&m, A0), 42);
	ck_assert_uint_eq(reg(&m, A1), 101); /* one instruction retired before the csrr */
	ck_assert_uint_eq(reg(&m, RV32_REG_PC), BASE + 12); /* past the wfi */
	m_free(&m);
}
END_TEST

START_TEST(memory_through_the_core)
{
	struct m m;
	m_init(&m, 0);
	uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, back[8];
	ck_assert_int_eq(cpu_write_mem(m.core, BASE + 0x100, buf, 8), 0);
	ck_assert_int_eq(cpu_read_mem(m.core, BASE + 0x100, back, 8), 0);
	ck_assert_mem_eq(back, buf, 8);
	/* devices and holes are not memory: nothing is read or written */
	ck_assert_int_eq(cpu_read_mem(m.core, DEV, back, 4), -1);
	ck_assert_int_eq(cpu_write_mem(m.core, BASE + RAM_SIZE - 4, buf, 8), -1);
	ck_assert_uint_eq(le32_load(m.ram->host + RAM_SIZE - 4), 0);
	ck_assert_int_eq(cpu_read_mem(m.core, 0x20000000, back, 1), -1);
	/* a debugger's write over decoded code is seen by the core: it wakes
	 * from WFI on MSI and jumps back to the (rewritten) instruction */
	const uint32_t p[] = { CSRRWI(ZERO, 0x304, 8), ADDI(A0, ZERO, 1), WFI, JAL(ZERO, -8) };
	load(&m, BASE, p, 4);
	cpu_set_reset(m.core, false, BASE, 0);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(&m, A0), 1);
	uint8_t patch[4];
	le32_store(patch, ADDI(A0, ZERO, 2));
	ck_assert_int_eq(cpu_write_mem(m.core, BASE + 4, patch, 4), 0);
	cpu_irq_sink(m.core)(m.core, RV32_IRQ_MSI, true, m.sim.now);
	cpu_irq_sink(m.core)(m.core, RV32_IRQ_MSI, false, m.sim.now);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(&m, A0), 2);
	m_free(&m);
}
END_TEST

START_TEST(counts_over_resets)
{
	struct m m;
	m_init(&m, 0);
	const uint32_t p[] = { ADDI(A0, A0, 1), ADDI(A0, A0, 1), WFI };
	load(&m, BASE, p, 3);
	cpu_set_reset(m.core, false, BASE, 0);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(cpu_insns(m.core), 3);
	ck_assert_uint_eq(cpu_insns_total(m.core), 3);
	cpu_set_reset(m.core, true, 0, m.sim.now);
	ck_assert_uint_eq(cpu_insns(m.core), 3); /* held in reset: unchanged */
	cpu_set_reset(m.core, false, BASE + 4, m.sim.now);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(cpu_insns(m.core), 2);
	ck_assert_uint_eq(cpu_insns_total(m.core), 5);
	m_free(&m);
}
END_TEST

/* ---- the instruction trace ---- */

struct rec_sink {
	struct trace_sink sink;
	unsigned n;
	uint8_t insn[4][13];
	uint16_t comp;
};

static void rec_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		     const void *data, uint32_t len)
{
	(void)t;
	struct rec_sink *r = (struct rec_sink *)s;
	if (type != TRACE_INSN)
		return;
	ck_assert_uint_eq(len, 13);
	if (r->n < 4)
		memcpy(r->insn[r->n], data, 13);
	r->comp = comp;
	r->n++;
}

START_TEST(trace_insn_payload)
{
	struct m m;
	m_init(&m, 0);
	struct rec_sink rs = { .sink = { rec_emit } };
	m.sim.trace = &rs.sink;
	const uint32_t p[] = { ADDI(A0, ZERO, 42), 0x00014505 /* c.li a0,1; c.nop */, WFI };
	load(&m, BASE, p, 3);
	cpu_set_trace_insns(m.core, true);
	cpu_set_reset(m.core, false, BASE, 0);
	sim_run(&m.sim, SIM_TIME_MAX);
	m.sim.trace = NULL;
	ck_assert_uint_eq(rs.n, 4);
	ck_assert_uint_eq(rs.comp, m.core->trace_id);
	/* u32 pc, u32 insn, u8 rd (0: none), u32 value */
	ck_assert_uint_eq(le32_load(rs.insn[0]), BASE);
	ck_assert_uint_eq(le32_load(rs.insn[0] + 4), ADDI(A0, ZERO, 42));
	ck_assert_uint_eq(rs.insn[0][8], A0);
	ck_assert_uint_eq(le32_load(rs.insn[0] + 9), 42);
	ck_assert_uint_eq(le32_load(rs.insn[1]), BASE + 4);
	ck_assert_uint_eq(le32_load(rs.insn[1] + 4), 0x4505);
	ck_assert_uint_eq(rs.insn[2][8], 0); /* c.nop writes nothing */
	ck_assert_uint_eq(le32_load(rs.insn[3] + 4), WFI);
	m_free(&m);
}
END_TEST

/* ---- snapshots ---- */

/* Loops 600 times over loads, stores, counter reads and (every 64th
 * time) an ecall, whose handler counts in a5; then parks. */
static void load_snap_program(struct m *m)
{
	const uint32_t p[] = {
		/* 0x00 */ LUI(GP, BASE >> 12), ADDI(T0, GP, 0x100), CSRRW(ZERO, 0x305, T0),
		/* 0x0c */ ADDI(S0, ZERO, 0), ADDI(S1, ZERO, 600),
		/* 0x14 loop */ ADDI(S0, S0, 1), SW(S0, GP, 0x400), LW(A1, GP, 0x400),
		/* 0x20 */ CSRRS(A2, 0xb02, ZERO), CSRRS(A3, 0xb00, ZERO), ADD(A4, A4, A2),
		/* 0x2c */ ANDI(T1, S0, 63), BNE(T1, ZERO, 8), ECALL,
		/* 0x38 */ ADDI(S1, S1, -1), BNE(S1, ZERO, 0x14 - 0x3c),
		/* 0x40 */ WFI,
	};
	const uint32_t h[] = {
		CSRRS(T2, 0x341, ZERO), ADDI(T2, T2, 4), CSRRW(ZERO, 0x341, T2), ADDI(A5, A5, 1), MRET,
	};
	load(m, BASE, p, sizeof(p) / 4);
	load(m, BASE + 0x100, h, sizeof(h) / 4);
}

static void compare_cores(struct m *a, struct m *b)
{
	for (unsigned r = 0; r < rv32_isa.nregs; r++)
		ck_assert_msg(reg(a, r) == reg(b, r), "register %s: 0x%llx vs 0x%llx",
			      rv32_isa.regs[r].name, (unsigned long long)reg(a, r),
			      (unsigned long long)reg(b, r));
	ck_assert_uint_eq(cpu_pc(a->core), cpu_pc(b->core));
	ck_assert_uint_eq(cpu_insns(a->core), cpu_insns(b->core));
	ck_assert_uint_eq(cpu_insns_total(a->core), cpu_insns_total(b->core));
	ck_assert_uint_eq(cpu_local_time(a->core), cpu_local_time(b->core));
	ck_assert_int_eq(cpu_state(a->core), cpu_state(b->core));
}

/* A snapshot of the program's core part way (and the RAM as it was). */
static void take_snapshot(struct m *m, struct snap_writer *w, uint8_t *ram_copy, sim_time_t *now)
{
	load_snap_program(m);
	cpu_set_reset(m->core, false, BASE, 0);
	ck_assert_int_eq(sim_run(&m->sim, 20 * SIM_US), SIM_RUN_TIME);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_RUNNING);
	ck_assert_uint_gt(reg(m, A5), 0); /* the handler ran */
	snap_writer_init(w);
	ck_assert_int_eq(cpu_save(m->core, w), 0);
	memcpy(ram_copy, m->ram->host, RAM_SIZE);
	*now = m->sim.now;
}

static void fresh(struct m *m, const uint8_t *ram_copy, sim_time_t now)
{
	m_init(m, 0);
	memcpy(m->ram->host, ram_copy, RAM_SIZE);
	m->sim.now = now;
}

START_TEST(snapshot_round_trip)
{
	static uint8_t ram_copy[RAM_SIZE];
	struct m a, b;
	struct snap_writer w;
	sim_time_t now;
	m_init(&a, 0);
	take_snapshot(&a, &w, ram_copy, &now);
	ck_assert_int_eq(sim_run(&a.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(cpu_state(a.core), CPU_STATE_WFI);
	ck_assert_uint_eq(reg(&a, S0), 600);

	fresh(&b, ram_copy, now);
	struct snap_reader r;
	snap_reader_init(&r, w.buf, w.len);
	ck_assert_msg(cpu_restore(b.core, &r) == 0, "%s", r.err);
	ck_assert_uint_eq(r.pos, w.len);
	ck_assert_int_eq(sim_run(&b.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	compare_cores(&a, &b);
	ck_assert_mem_eq(a.ram->host, b.ram->host, RAM_SIZE);

	/* saving the restored core gives the same bytes as saving the
	 * original at the same point */
	struct snap_writer w2;
	snap_writer_init(&w2);
	ck_assert_int_eq(cpu_save(b.core, &w2), 0);
	struct snap_writer w3;
	snap_writer_init(&w3);
	ck_assert_int_eq(cpu_save(a.core, &w3), 0);
	ck_assert_uint_eq(w2.len, w3.len);
	ck_assert_mem_eq(w2.buf, w3.buf, w2.len);
	snap_writer_free(&w2);
	snap_writer_free(&w3);
	snap_writer_free(&w);
	m_free(&a);
	m_free(&b);
}
END_TEST

/* A pause stops exactly after the asked instruction count, leaves the
 * core running, and running on ends where a run without pause ends (one
 * core: no other core's interleaving to change). */
START_TEST(pause_after_instructions)
{
	struct m a, b;
	m_init(&a, 0);
	load_snap_program(&a);
	cpu_set_reset(a.core, false, BASE, 0);
	ck_assert_int_eq(sim_run(&a.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	uint64_t total = cpu_insns_total(a.core);

	m_init(&b, 0);
	load_snap_program(&b);
	cpu_set_reset(b.core, false, BASE, 0);
	const uint64_t at[] = { 1, 2, 17, 1000, 1001, 3333, total - 1 };
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		cpu_set_pause(b.core, at[i] - cpu_insns_total(b.core));
		ck_assert_int_eq(sim_run(&b.sim, SIM_TIME_MAX), SIM_RUN_STOPPED);
		ck_assert_int_eq(b.sim.stop_code, CPU_STOP_PAUSE);
		ck_assert_uint_eq(cpu_insns_total(b.core), at[i]);
		ck_assert_int_eq(cpu_state(b.core), CPU_STATE_RUNNING);
		/* a snapshot can be taken at a pause */
		struct snap_writer w;
		snap_writer_init(&w);
		ck_assert_int_eq(cpu_save(b.core, &w), 0);
		snap_writer_free(&w);
	}
	ck_assert_int_eq(sim_run(&b.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	compare_cores(&a, &b);
	/* 0 turns a pause off */
	cpu_set_pause(b.core, 5);
	cpu_set_pause(b.core, 0);
	cpu_set_reset(b.core, false, BASE, b.sim.now);
	ck_assert_int_eq(sim_run(&b.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	m_free(&a);
	m_free(&b);
}
END_TEST

START_TEST(snapshot_refused)
{
	static uint8_t ram_copy[RAM_SIZE];
	struct m a, b;
	struct snap_writer w;
	sim_time_t now;
	m_init(&a, 0);
	take_snapshot(&a, &w, ram_copy, &now);
	struct snap_reader r;

	/* truncated anywhere: refused, the core untouched (still in reset) */
	for (size_t len = 0; len < w.len; len++) {
		fresh(&b, ram_copy, now);
		snap_reader_init(&r, w.buf, len);
		ck_assert_int_eq(cpu_restore(b.core, &r), -1);
		ck_assert_ptr_nonnull(strstr(r.err, "snapshot: "));
		ck_assert_int_eq(cpu_state(b.core), CPU_STATE_RESET);
		ck_assert_int_eq(sim_run(&b.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
		m_free(&b);
	}

	/* another clock */
	struct m c;
	m_init(&c, 50000000);
	snap_reader_init(&r, w.buf, w.len);
	ck_assert_int_eq(cpu_restore(c.core, &r), -1);
	ck_assert_ptr_nonnull(strstr(r.err, "clock period"));
	m_free(&c);

	/* a run state that does not exist (offset: tag 16, length 4,
	 * version 1, period 8) */
	uint8_t *bad = malloc(w.len + 1);
	memcpy(bad, w.buf, w.len);
	bad[29] = 9;
	fresh(&b, ram_copy, now);
	snap_reader_init(&r, bad, w.len);
	ck_assert_int_eq(cpu_restore(b.core, &r), -1);
	ck_assert_msg(strstr(r.err, "run state 9") != NULL, "%s", r.err);
	m_free(&b);

	/* a trailing byte inside the section: refused after the run event was
	 * read; a core that was running keeps its own event */
	memcpy(bad, w.buf, w.len);
	bad[w.len] = 0;
	le32_store(bad + 16, le32_load(bad + 16) + 1);
	snap_reader_init(&r, bad, w.len + 1);
	sim_time_t at = a.core->isa->ops->local_time(a.core);
	ck_assert_int_eq(cpu_restore(a.core, &r), -1);
	ck_assert_ptr_nonnull(strstr(r.err, "not read"));
	ck_assert_uint_eq(cpu_local_time(a.core), at);
	ck_assert_int_eq(sim_run(&a.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(reg(&a, S0), 600);

	/* every byte flipped in turn: refused or accepted, never a crash, and
	 * an accepted one runs (bounded) without harm */
	for (size_t i = 0; i < w.len; i++) {
		memcpy(bad, w.buf, w.len);
		bad[i] ^= 0xa5;
		fresh(&b, ram_copy, now);
		snap_reader_init(&r, bad, w.len);
		if (cpu_restore(b.core, &r) == 0) {
			cpu_set_insn_limit(b.core, 20000);
			sim_run(&b.sim, now + 100 * SIM_US);
		} else {
			ck_assert(r.err[0] != 0);
		}
		m_free(&b);
	}
	free(bad);
	snap_writer_free(&w);
	m_free(&a);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_cpu");
	TCase *tc = tcase_create("cpu");
	tcase_add_test(tc, isa_description);
	tcase_add_test(tc, disasm_wrapper);
	tcase_add_test(tc, registers_as_a_debugger);
	tcase_add_test(tc, memory_through_the_core);
	tcase_add_test(tc, counts_over_resets);
	tcase_add_test(tc, trace_insn_payload);
	tcase_add_test(tc, snapshot_round_trip);
	tcase_add_test(tc, snapshot_refused);
	tcase_add_test(tc, pause_after_instructions);
	suite_add_tcase(s, tc);
	return s;
}
