/* The RV32 core inside a simulation, driven through the core interface
 * (sim/core/cpu.h): reset, CSRs, trap entry and mret, interrupts and WFI,
 * results independent of the quantum, decode-cache coherence, the fatal
 * rule, the instruction limit, the retire hook and instruction costs.
 * Programs are assembled by the helpers below. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "tests/unit/check_main.h"

#define BASE 0x80000000u
#define DEV 0x10000000u

/* ---- a tiny assembler ---- */
enum { ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2, A3, A4, A5 };
static uint32_t I(uint32_t op, uint32_t f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
#define ADDI(rd, rs1, imm) I(0x13, 0, rd, rs1, imm)
#define LW(rd, rs1, imm) I(0x03, 2, rd, rs1, imm)
#define CSRRW(rd, csr, rs1) I(0x73, 1, rd, rs1, csr)
#define CSRRS(rd, csr, rs1) I(0x73, 2, rd, rs1, csr)
#define CSRRWI(rd, csr, u) I(0x73, 5, rd, u, csr)
#define CSRRSI(rd, csr, u) I(0x73, 6, rd, u, csr)
#define LUI(rd, imm20) (((uint32_t)(imm20) << 12) | ((rd) << 7) | 0x37)
#define ECALL 0x00000073u
#define EBREAK 0x00100073u
#define MRET 0x30200073u
#define WFI 0x10500073u
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

/* ---- a machine ---- */
struct m {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct cpu *core;
	/* test device at DEV: a write of N raises MEI N ns later; offset 4
	 * acknowledges (lowers it) */
	struct event ev;
	uint64_t dev_writes;
	/* fatal callback record */
	int fatal_calls;
	uint32_t fatal_cause, fatal_tval, fatal_pc;
	char fatal_what[64];
	uint64_t retired_hook;
};

static void irq(struct m *m, unsigned num, bool level, sim_time_t t)
{
	cpu_irq_sink(m->core)(m->core, num, level, t);
}

static void dev_fire(struct event *ev, void *ctx)
{
	(void)ev;
	struct m *m = ctx;
	irq(m, RV32_IRQ_MEI, true, m->sim.now);
}

static enum bus_status dev_read(void *o, uint64_t off, unsigned size, uint64_t *v, sim_time_t t)
{
	(void)o, (void)off, (void)size;
	*v = (uint32_t)(t / SIM_NS);
	return BUS_OK;
}

static enum bus_status dev_write(void *o, uint64_t off, unsigned size, uint64_t v, sim_time_t t)
{
	(void)size;
	struct m *m = o;
	m->dev_writes++;
	if (off == 0)
		sim_schedule(&m->sim, &m->ev, t + v * SIM_NS);
	else if (off == 8)
		cpu_set_reset(m->core, false, (uint32_t)v, t); /* the core resets itself */
	else
		irq(m, RV32_IRQ_MEI, false, t);
	return BUS_OK;
}

static const struct mmio_ops dev_ops = {
	.name = "testdev", .min_size = 4, .max_size = 4, .read = dev_read, .write = dev_write,
};

static void on_fatal(void *ctx, struct cpu *core, const struct cpu_fault *f)
{
	(void)core;
	struct m *m = ctx;
	m->fatal_calls++;
	m->fatal_cause = f->cause;
	m->fatal_tval = (uint32_t)f->addr;
	m->fatal_pc = (uint32_t)f->pc;
	snprintf(m->fatal_what, sizeof(m->fatal_what), "%s", f->what);
}

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *c, const char *msg)
{
	(void)comp_id;
	(void)ctx, (void)t, (void)cat, (void)c, (void)msg;
}

static struct m *m_new(sim_time_t quantum, const uint8_t *cost)
{
	static struct m mm;
	struct m *m = &mm;
	memset(m, 0, sizeof(*m));
	sim_init(&m->sim);
	m->sim.log_fn = quiet;
	bus_init(&m->bus, "core");
	m->ram = ram_create(0x10000);
	ck_assert_ptr_nonnull(m->ram);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&m->bus, "ram", BASE, m->ram, 0, 0x10000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_device(&m->bus, "dev", DEV, 0x100, &dev_ops, m, err, sizeof(err)), 0);
	event_init(&m->ev, "dev", dev_fire, m);
	struct rv32_config cfg = { .cpu = {
		.name = "core0", .clock_hz = 100000000, .quantum = quantum, .hartid = 5,
		.on_fatal = on_fatal, .fatal_ctx = m,
	} };
	if (cost)
		memcpy(cfg.cost, cost, sizeof(cfg.cost));
	m->core = rv32_create(&m->sim, &m->bus, &cfg);
	ck_assert_ptr_nonnull(m->core);
	return m;
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
		uint8_t b[4] = { (uint8_t)w[i], (uint8_t)(w[i] >> 8), (uint8_t)(w[i] >> 16),
				 (uint8_t)(w[i] >> 24) };
		ck_assert_int_eq(ram_write_bytes(m->ram, addr - BASE + 4 * i, b, 4), 0);
	}
}

static uint32_t reg(struct m *m, unsigned r)
{
	uint64_t v = 0;
	ck_assert_int_eq(cpu_get_reg(m->core, r, &v), 0);
	return (uint32_t)v;
}

static void set_reg(struct m *m, unsigned r, uint32_t v)
{
	ck_assert_int_eq(cpu_set_reg(m->core, r, v), 0);
}

static uint32_t csr(struct m *m, unsigned n)
{
	int r = rv32_csr_regnum(n);
	ck_assert_int_ge(r, 0);
	return reg(m, (unsigned)r);
}

/* li a0, BASE + off (off < 2048) */
#define LA(rd, off) LUI(rd, BASE >> 12), ADDI(rd, rd, off)

START_TEST(reset_state)
{
	struct m *m = m_new(0, NULL);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_RESET);
	const uint32_t prog[] = { CSRRS(A0, 0xf14, ZERO), WFI };
	load(m, BASE, prog, 2);
	cpu_set_reset(m->core, false, BASE, 0);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_RUNNING);
	ck_assert_uint_eq(cpu_pc(m->core), BASE);
	ck_assert_uint_eq(reg(m, (unsigned)cpu_isa_reg_by_name(&rv32_isa, "priv")), 3);
	ck_assert_uint_eq(csr(m, 0x300), 0);
	ck_assert_uint_eq(csr(m, 0x301), 0x40101105);
	/* custom, S-mode and out-of-range CSRs are not registers */
	ck_assert_int_eq(rv32_csr_regnum(0x7c0), -1);
	ck_assert_int_eq(rv32_csr_regnum(0x180), -1);
	ck_assert_int_eq(rv32_csr_regnum(5000), -1);
	ck_assert_int_eq(sim_run(&m->sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_uint_eq(reg(m, A0), 5); /* mhartid */
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_WFI);
	ck_assert_uint_eq(cpu_insns(m->core), 2);
	ck_assert_uint_eq(cpu_local_time(m->core), 2 * 10 * SIM_NS);
	ck_assert_str_eq(m->core->name, "core0");
	ck_assert_ptr_eq(m->core->isa, &rv32_isa);
	uint64_t v;
	ck_assert_int_eq(cpu_get_reg(m->core, rv32_isa.nregs, &v), -1);
	m_free(m);
}
END_TEST

START_TEST(trap_entry_and_mret)
{
	struct m *m = m_new(0, NULL);
	/* 0x00: mtvec = handler (0x40); MIE = 1; ecall; then a0 = 7; wfi
	 * 0x40: handler: a1 = mcause; a2 = mepc; mepc += 4; mret */
	const uint32_t prog[] = {
		LA(T0, 0x40), CSRRW(ZERO, 0x305, T0), CSRRSI(ZERO, 0x300, 8), ECALL,
		ADDI(A0, ZERO, 7), WFI,
	};
	const uint32_t handler[] = {
		CSRRS(A1, 0x342, ZERO), CSRRS(A2, 0x341, ZERO), CSRRS(A3, 0x300, ZERO),
		ADDI(A2, A2, 4), CSRRW(ZERO, 0x341, A2), MRET,
	};
	load(m, BASE, prog, sizeof(prog) / 4);
	load(m, BASE + 0x40, handler, sizeof(handler) / 4);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A1), 11);              /* ecall from M */
	ck_assert_uint_eq(reg(m, A2), BASE + 0x10 + 4);  /* mepc = the ecall */
	ck_assert_uint_eq(reg(m, A3), 0x1880);           /* MPP = M, MPIE = 1, MIE = 0 */
	ck_assert_uint_eq(reg(m, A0), 7);
	ck_assert_uint_eq(csr(m, 0x300) & 0x1888, 0x88);               /* after mret: MIE, MPIE, MPP = U */
	ck_assert_uint_eq(csr(m, 0x342), 11);
	/* the ecall did not retire: 4 + 6 handler + 2 */
	ck_assert_uint_eq(cpu_insns(m->core), 12);
	m_free(m);
}
END_TEST

START_TEST(csr_rules)
{
	struct m *m = m_new(0, NULL);
	const uint32_t prog[] = {
		LA(T0, 0x40), CSRRW(ZERO, 0x305, T0),
		ADDI(A0, ZERO, -1), CSRRW(ZERO, 0x304, A0), CSRRS(A1, 0x304, ZERO), /* mie: 0x888 */
		CSRRW(ZERO, 0x300, A0), CSRRS(A2, 0x300, ZERO),                     /* mstatus WARL */
		CSRRW(ZERO, 0x300, ZERO), CSRRW(ZERO, 0x304, ZERO),
		CSRRW(ZERO, 0xf14, A0),                                             /* read-only: traps */
		CSRRS(A3, 0xf14, ZERO),                                             /* read is fine */
		WFI,
	};
	const uint32_t handler[] = {
		CSRRS(A4, 0x342, ZERO), CSRRS(A5, 0x343, ZERO), CSRRS(T1, 0x341, ZERO),
		ADDI(T1, T1, 4), CSRRW(ZERO, 0x341, T1), MRET,
	};
	load(m, BASE, prog, sizeof(prog) / 4);
	load(m, BASE + 0x40, handler, sizeof(handler) / 4);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A1), 0x888);
	ck_assert_uint_eq(reg(m, A2), 0x00221888);
	ck_assert_uint_eq(reg(m, A4), 2);                 /* illegal */
	ck_assert_uint_eq(reg(m, A5), CSRRW(ZERO, 0xf14, A0)); /* mtval = encoding */
	ck_assert_uint_eq(reg(m, A3), 5);
	m_free(m);
}
END_TEST

/* The firmware arms the device for an interrupt 1234 ns later, counts in
 * a loop, and the handler stores the count and parks. */
static void run_irq_program(struct m *m, uint32_t *count, uint64_t *insns, sim_time_t *t,
			    uint32_t *mepc)
{
	const uint32_t prog[] = {
		LA(T0, 0x80), CSRRW(ZERO, 0x305, T0),
		LUI(T1, 1), ADDI(T1, T1, -0x800), CSRRW(ZERO, 0x304, T1), /* MEIE */
		CSRRSI(ZERO, 0x300, 8),
		LUI(S0, DEV >> 12), ADDI(T2, ZERO, 1234), SW(T2, S0, 0),
		ADDI(A0, ZERO, 0),
		ADDI(A0, A0, 1), LW(A1, S0, 0), JAL(ZERO, -8),            /* loop with a device read */
	};
	const uint32_t handler[] = { ADDI(A2, A0, 0), CSRRS(A3, 0x341, ZERO), SW(ZERO, S0, 4), WFI };
	load(m, BASE, prog, sizeof(prog) / 4);
	load(m, BASE + 0x80, handler, sizeof(handler) / 4);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	*count = reg(m, A2);
	*insns = cpu_insns(m->core);
	*t = cpu_local_time(m->core);
	*mepc = reg(m, A3);
}

START_TEST(quantum_independent)
{
	static const sim_time_t quanta[] = { 10 * SIM_NS, 1 * SIM_US, 7777 * SIM_NS, 1 * SIM_MS };
	uint32_t c0 = 0, e0 = 0;
	uint64_t n0 = 0;
	sim_time_t t0 = 0;
	for (unsigned i = 0; i < sizeof(quanta) / sizeof(quanta[0]); i++) {
		struct m *m = m_new(quanta[i], NULL);
		uint32_t c, e;
		uint64_t n;
		sim_time_t t;
		run_irq_program(m, &c, &n, &t, &e);
		ck_assert_uint_gt(c, 10);
		ck_assert_uint_eq(csr(m, 0x342), 0x8000000b);
		if (i == 0) {
			c0 = c, n0 = n, t0 = t, e0 = e;
		} else {
			ck_assert_uint_eq(c, c0);
			ck_assert_uint_eq(n, n0);
			ck_assert_uint_eq(t, t0);
			ck_assert_uint_eq(e, e0);
		}
		m_free(m);
	}
	/* the interrupt is taken at the first boundary at or after 1234 ns */
	ck_assert_uint_ge(t0, 1234 * SIM_NS);
}
END_TEST

START_TEST(wfi_wakes_on_irq)
{
	struct m *m = m_new(0, NULL);
	const uint32_t prog[] = {
		CSRRWI(ZERO, 0x304, 8), WFI, ADDI(A0, ZERO, 9), CSRRWI(ZERO, 0x304, 0), WFI,
	};
	load(m, BASE, prog, 5);
	cpu_set_reset(m->core, false, BASE, 0);
	ck_assert_int_eq(sim_run(&m->sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_WFI);
	ck_assert_uint_eq(reg(m, A0), 0);
	/* a disabled interrupt does not wake it; a bad number is ignored */
	irq(m, RV32_IRQ_MTI, true, 5 * SIM_US);
	irq(m, 4, true, 5 * SIM_US);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_WFI);
	ck_assert_uint_eq(m->sim.log_counts[SIM_LOG_UNIMP], 1);
	/* MSI is enabled in mie (MIE off): wakes and goes on after wfi */
	irq(m, RV32_IRQ_MSI, true, 10 * SIM_US);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_RUNNING);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 9);
	ck_assert_uint_eq(csr(m, 0x344), 0x88);
	/* idle time is free: the core resumed at 10 us */
	ck_assert_uint_eq(cpu_local_time(m->core), 10 * SIM_US + 3 * 10 * SIM_NS);
	m_free(m);
}
END_TEST

START_TEST(reset_flushes_decoded)
{
	struct m *m = m_new(0, NULL);
	const uint32_t p1[] = { ADDI(A0, ZERO, 1), WFI };
	const uint32_t p2[] = { ADDI(A0, ZERO, 2), WFI };
	load(m, BASE, p1, 2);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 1);
	cpu_set_reset(m->core, true, 0, m->sim.now);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_RESET);
	ck_assert_int_eq(sim_run(&m->sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	load(m, BASE, p2, 2); /* a host reload through the RAM */
	cpu_set_reset(m->core, false, BASE, m->sim.now + SIM_US);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 2);
	ck_assert_uint_eq(cpu_insns(m->core), 2);
	/* released at another boot address without being asserted first */
	load(m, BASE + 0x100, p1, 2);
	cpu_set_reset(m->core, false, BASE + 0x100, m->sim.now);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 1);
	m_free(m);
}
END_TEST

START_TEST(reset_from_own_store)
{
	struct m *m = m_new(0, NULL);
	const uint32_t p[] = {
		ADDI(A1, ZERO, 5), LUI(S0, DEV >> 12), LA(T0, 0x100), SW(T0, S0, 8),
		ADDI(A1, ZERO, 6), WFI,
	};
	const uint32_t q[] = { ADDI(A0, ZERO, 77), WFI };
	load(m, BASE, p, sizeof(p) / 4);
	load(m, BASE + 0x100, q, 2);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 77);
	ck_assert_uint_eq(reg(m, A1), 0); /* registers reset; a1 = 6 never ran */
	ck_assert_uint_eq(cpu_pc(m->core), BASE + 0x108);
	ck_assert_uint_eq(cpu_insns(m->core), 2);
	m_free(m);
}
END_TEST

/* Accesses alternating between two RAMs go through the windows and their
 * victims; a store that patches an already-decoded instruction through the
 * victim window is still seen (the decoded slot is invalidated). */
START_TEST(alternating_rams_and_victim_windows)
{
	struct m *m = m_new(0, NULL);
	struct ram *ram2 = ram_create(0x1000);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&m->bus, "ram2", 0x20000000, ram2, 0, 0x1000, err, sizeof(err)), 0);
	const uint32_t patch = ADDI(15, ZERO, 42); /* 0x02a00793 */
	ck_assert_uint_eq(patch, 0x02a00793u);
	const uint32_t p[] = {
		/* 0 */ JAL(1, 88),                 /* decode the target first */
		/* 1 */ LUI(5, 0x20000),            /* x5 = ram2 */
		/* 2 */ LUI(6, BASE >> 12), ADDI(6, 6, 0x400), /* x6 = ram1 data */
		/* 4 */ ADDI(10, ZERO, 111), ADDI(11, ZERO, 222),
		/* 6 */ SW(10, 5, 0), SW(11, 6, 0), SW(10, 5, 4),   /* ram2, ram1, ram2 (victim) */
		/* 9 */ LW(12, 5, 0), LW(13, 6, 0), LW(14, 5, 4),   /* ram2, ram1, ram2 (victim) */
		/* 12 */ LUI(17, 0x02a00), ADDI(17, 17, 0x793),     /* x17 = patch */
		/* 14 */ LUI(18, BASE >> 12), ADDI(18, 18, 88),     /* x18 = &target */
		/* 16 */ SW(16, 5, 8),                /* store window: ram2, victim: ram1 */
		/* 17 */ SW(17, 18, 0),               /* patch the target through the victim */
		/* 18 */ JAL(1, 16),                  /* run the target again */
		/* 19 */ WFI, JAL(ZERO, -4), ADDI(ZERO, ZERO, 0),
		/* 22 */ ADDI(15, ZERO, 1),           /* target */
		/* 23 */ I(0x67, 0, ZERO, 1, 0),      /* ret */
	};
	load(m, BASE, p, sizeof(p) / sizeof(p[0]));
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, 100 * SIM_US);
	ck_assert_uint_eq(reg(m, 12), 111);
	ck_assert_uint_eq(reg(m, 13), 222);
	ck_assert_uint_eq(reg(m, 14), 111);
	ck_assert_uint_eq(reg(m, 15), 42);
	ck_assert_uint_eq(le32_load(ram2->host + 4), 111);
	ck_assert_uint_eq(le32_load(m->ram->host + 0x400), 222);
	m_free(m);
	ram_destroy(ram2);
}
END_TEST

START_TEST(host_write_seen_without_reset)
{
	struct m *m = m_new(0, NULL);
	/* wakes from WFI on MSI and jumps back to the (rewritten) start */
	const uint32_t p[] = { CSRRWI(ZERO, 0x304, 8), ADDI(A0, ZERO, 1), WFI, JAL(ZERO, -8) };
	load(m, BASE, p, 4);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 1);
	const uint32_t patch = ADDI(A0, ZERO, 3);
	load(m, BASE + 4, &patch, 1);
	irq(m, RV32_IRQ_MSI, true, m->sim.now);
	irq(m, RV32_IRQ_MSI, false, m->sim.now);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(reg(m, A0), 3);
	m_free(m);
}
END_TEST

START_TEST(fatal_without_handler)
{
	struct m *m = m_new(0, NULL);
	/* mtvec at an unmapped address, then a trap */
	const uint32_t p[] = { LUI(T0, 0x40000), CSRRW(ZERO, 0x305, T0), EBREAK, WFI };
	load(m, BASE, p, 4);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_int_eq(m->fatal_calls, 1);
	ck_assert_uint_eq(m->fatal_cause, 1);          /* fetch access fault */
	ck_assert_uint_eq(m->fatal_tval, 0x40000000);
	ck_assert_uint_eq(m->fatal_pc, 0x40000000);
	ck_assert_str_eq(m->fatal_what, "instruction access fault");
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_HALTED);
	ck_assert_uint_eq(csr(m, 0x342), 3);           /* the first trap was taken */
	ck_assert_uint_ge(m->sim.log_counts[SIM_LOG_GUEST_ERROR], 1);
	/* an interrupt does not revive a halted core; reset does */
	irq(m, RV32_IRQ_MSI, true, m->sim.now);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_HALTED);
	m_free(m);
}
END_TEST

START_TEST(illegal_handler_is_fatal)
{
	struct m *m = m_new(0, NULL);
	/* the handler's first instruction is illegal: trap at the handler entry */
	const uint32_t p[] = { LA(T0, 0x40), CSRRW(ZERO, 0x305, T0), ECALL, WFI };
	const uint32_t h[] = { 0 };
	load(m, BASE, p, 4);
	load(m, BASE + 0x40, h, 1);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_int_eq(m->fatal_calls, 1);
	ck_assert_uint_eq(m->fatal_cause, 2);
	ck_assert_uint_eq(m->fatal_pc, BASE + 0x40);
	ck_assert_str_eq(m->fatal_what, "illegal instruction");
	m_free(m);
}
END_TEST

START_TEST(insn_limit)
{
	struct m *m = m_new(0, NULL);
	const uint32_t p[] = { ADDI(A0, A0, 1), JAL(ZERO, -4) };
	load(m, BASE, p, 2);
	cpu_set_insn_limit(m->core, 1001);
	cpu_set_reset(m->core, false, BASE, 0);
	ck_assert_int_eq(sim_run(&m->sim, SIM_TIME_MAX), SIM_RUN_STOPPED);
	ck_assert_uint_eq(cpu_insns(m->core), 1001);
	ck_assert_uint_eq(reg(m, A0), 501);
	ck_assert_int_eq(cpu_state(m->core), CPU_STATE_HALTED);
	m_free(m);
}
END_TEST

static void hook(void *ctx, struct cpu *core, uint64_t pc, uint32_t insn, unsigned len,
		 unsigned rd, uint64_t value)
{
	struct m *m = ctx;
	ck_assert_ptr_eq(core, m->core);
	if (m->retired_hook == 0) {
		ck_assert_uint_eq(pc, BASE);
		ck_assert_uint_eq(insn, ADDI(A0, ZERO, 42));
		ck_assert_uint_eq(len, 4);
		ck_assert_uint_eq(rd, A0);
		ck_assert_uint_eq(value, 42);
	} else if (m->retired_hook == 2) {
		ck_assert_uint_eq(insn, 0x4505); /* c.li a0,1: 16 bits */
		ck_assert_uint_eq(len, 2);
	} else if (m->retired_hook == 4) {
		ck_assert_uint_eq(insn, WFI);    /* writes no register */
		ck_assert_uint_eq(rd, CPU_REG_NONE);
	}
	m->retired_hook++;
}

START_TEST(retire_hook_and_costs)
{
	uint8_t cost[RV32_NCLASS] = { [RV32_CLASS_ALU] = 3, [RV32_CLASS_SYSTEM] = 2 };
	struct m *m = m_new(0, cost);
	const uint32_t p[] = { ADDI(A0, ZERO, 42), ADDI(A1, ZERO, 1), 0x4505 /* c.li a0,1 */ | (0x0001u << 16), WFI };
	load(m, BASE, p, 4);
	cpu_set_retire_hook(m->core, hook, m);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, SIM_TIME_MAX);
	ck_assert_uint_eq(m->retired_hook, 5); /* 2 + c.li + c.nop + wfi */
	ck_assert_uint_eq(m->retired_hook, cpu_insns(m->core));
	ck_assert_uint_eq(cpu_local_time(m->core), (4 * 3 + 2) * 10 * SIM_NS);
	m_free(m);
}
END_TEST

START_TEST(bad_config)
{
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet;
	struct bus bus;
	bus_init(&bus, "b");
	struct rv32_config cfg = { .cpu = { .name = "c" }, .cost = { [RV32_CLASS_DIV] = 200 } };
	ck_assert_ptr_null(rv32_create(&sim, &bus, &cfg));
	struct cpu_config cfg2 = { .name = "c", .clock_hz = 1000000000000ull };
	ck_assert_ptr_null(rv32_isa.create(&sim, &bus, &cfg2));
	ck_assert_uint_eq(sim.log_counts[SIM_LOG_GUEST_ERROR], 2);
	sim_destroy(&sim);
	bus_destroy(&bus);
}
END_TEST

START_TEST(bus_faults)
{
	struct m *m = m_new(0, NULL);
	/* load from unmapped, then a byte store to the 4-byte-only device */
	const uint32_t p[] = {
		LA(T0, 0x40), CSRRW(ZERO, 0x305, T0),
		LUI(T1, 0x50000), LW(A0, T1, 0),
		LUI(S0, DEV >> 12), ((0u << 25) | (A0 << 20) | (S0 << 15) | (0u << 12) | (0u << 7) | 0x23),
		WFI,
	};
	const uint32_t h[] = {
		CSRRS(T2, 0x342, ZERO), SW(T2, SP, 0), ADDI(SP, SP, 4),
		CSRRS(T2, 0x341, ZERO), ADDI(T2, T2, 4), CSRRW(ZERO, 0x341, T2), MRET,
	};
	load(m, BASE, p, sizeof(p) / 4);
	load(m, BASE + 0x40, h, sizeof(h) / 4);
	set_reg(m, SP, BASE + 0x800);
	cpu_set_reset(m->core, false, BASE, 0);
	set_reg(m, SP, BASE + 0x800);
	sim_run(&m->sim, SIM_TIME_MAX);
	uint8_t b[8];
	ram_read_bytes(m->ram, 0x800, b, 8);
	ck_assert_uint_eq(b[0], 5); /* load access fault */
	ck_assert_uint_eq(b[4], 7); /* store access fault (bad size) */
	ck_assert_uint_eq(m->dev_writes, 0);
	m_free(m);
}
END_TEST

/* Untrusted firmware: random words as code (random stores over the code,
 * CSR writes, PMP locks, jumps anywhere, the device) must never crash the
 * simulator or run past the instruction limit. Seeded: deterministic. */
START_TEST(random_code_is_harmless)
{
	uint32_t seed = 12345u + (uint32_t)_i * 7919u;
	struct m *m = m_new(0, NULL);
	for (unsigned i = 0; i < 0x10000 / 4; i++) {
		seed = seed * 1664525u + 1013904223u;
		uint32_t w = seed;
		/* bias towards valid opcodes and small offsets into the RAM */
		if ((i & 3) == 0)
			w = (w & 0xfff00fff) | (S0 << 15);
		load(m, BASE + 4 * i, &w, 1);
	}
	set_reg(m, S0, BASE + 0x8000);
	cpu_set_insn_limit(m->core, 200000);
	cpu_set_reset(m->core, false, BASE, 0);
	set_reg(m, S0, BASE + 0x8000);
	for (int k = 0; k < 100 && sim_run(&m->sim, SIM_TIME_MAX) == SIM_RUN_TIME; k++)
		;
	ck_assert_uint_le(cpu_insns(m->core), 200000);
	enum cpu_state st = cpu_state(m->core);
	ck_assert(st == CPU_STATE_HALTED || st == CPU_STATE_WFI);
	m_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_core");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, reset_state);
	tcase_add_test(tc, trap_entry_and_mret);
	tcase_add_test(tc, csr_rules);
	tcase_add_test(tc, quantum_independent);
	tcase_add_test(tc, wfi_wakes_on_irq);
	tcase_add_test(tc, reset_flushes_decoded);
	tcase_add_test(tc, host_write_seen_without_reset);
	tcase_add_test(tc, alternating_rams_and_victim_windows);
	tcase_add_test(tc, reset_from_own_store);
	tcase_add_test(tc, fatal_without_handler);
	tcase_add_test(tc, illegal_handler_is_fatal);
	tcase_add_test(tc, insn_limit);
	tcase_add_test(tc, retire_hook_and_costs);
	tcase_add_test(tc, bad_config);
	tcase_add_test(tc, bus_faults);
	tcase_add_loop_test(tc, random_code_is_harmless, 0, 16);
	suite_add_tcase(s, tc);
	return s;
}
