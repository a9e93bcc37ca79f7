/* The core interface's debugging hooks on the RV32 core (sim/core/cpu.h,
 * "Debugging"): a breakpoint stops before its instruction, a step after
 * one instruction (or a trap entry), a watchpoint after the load or store
 * that touched it (and not for accesses elsewhere or of the other kind),
 * an instruction count before the instruction that follows it, a halt is
 * reported; a run that stops and resumes many times ends exactly as one
 * that never stopped; the last trap is reported as the cause registers
 * hold it. */
#include <check.h>
#include <string.h>

#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "tests/unit/check_main.h"

#define BASE 0x80000000u
#define DATA (BASE + 0x1000u)
#define RAM_SIZE 0x4000u

enum { ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2, A3, A4, A5 };
static uint32_t I(uint32_t op, uint32_t f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
static uint32_t SW(unsigned rs2, unsigned rs1, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (2u << 12) | ((u & 31) << 7) | 0x23;
}
static uint32_t BNE(unsigned rs1, unsigned rs2, int32_t off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
	       (1u << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
#define ADDI(rd, rs1, imm) I(0x13, 0, rd, rs1, imm)
#define LW(rd, rs1, imm) I(0x03, 2, rd, rs1, imm)
#define LUI(rd, imm20) (((uint32_t)(imm20) << 12) | ((rd) << 7) | 0x37)
#define CSRRW(rd, csr, rs1) I(0x73, 1, rd, rs1, csr)
#define ECALL 0x00000073u
#define WFI 0x10500073u

struct m {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct cpu *core;
	struct cpu_debug dbg;
	struct cpu_stop stops[64];
	unsigned nstops;
};

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *c,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)c, (void)msg;
}

static void on_stop(void *ctx, struct cpu *cpu, const struct cpu_stop *why)
{
	struct m *m = ctx;
	ck_assert_ptr_eq(cpu, m->core);
	if (m->nstops < 64)
		m->stops[m->nstops++] = *why;
	sim_stop(&m->sim, 0);
}

static void m_init(struct m *m)
{
	memset(m, 0, sizeof(*m));
	sim_init(&m->sim);
	m->sim.log_fn = quiet;
	bus_init(&m->bus, "core");
	m->ram = ram_create(RAM_SIZE);
	ck_assert_ptr_nonnull(m->ram);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&m->bus, "ram", BASE, m->ram, 0, RAM_SIZE, err, sizeof(err)), 0);
	struct cpu_config cfg = { .name = "core0", .quantum = SIM_US };
	m->core = rv32_isa.create(&m->sim, &m->bus, &cfg);
	ck_assert_ptr_nonnull(m->core);
	m->dbg.stop = on_stop;
	m->dbg.ctx = m;
	m->dbg.stop_count = UINT64_MAX;
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

/* Runs until the core stops (or the simulation goes idle); returns the
 * stop, or NULL. */
static const struct cpu_stop *run(struct m *m)
{
	unsigned before = m->nstops;
	cpu_set_debug(m->core, &m->dbg);
	sim_run(&m->sim, SIM_TIME_MAX);
	return m->nstops > before ? &m->stops[m->nstops - 1] : NULL;
}

/* a0 counts to 10 in a loop storing it to DATA, then reads it back, wfi */
static void load_counter(struct m *m)
{
	const uint32_t counter[] = {
	LUI(A1, DATA >> 12),      /* 0x00 */
	ADDI(A0, ZERO, 0),        /* 0x04 */
	ADDI(A2, ZERO, 10),       /* 0x08 */
	ADDI(A0, A0, 1),          /* 0x0c loop: */
	SW(A0, A1, 0),            /* 0x10 */
	BNE(A0, A2, -8),          /* 0x14 */
	LW(A3, A1, 0),            /* 0x18 */
	WFI,                      /* 0x1c */
	};
	load(m, BASE, counter, sizeof(counter) / sizeof(counter[0]));
}

START_TEST(breakpoint_step_and_continue)
{
	struct m m;
	m_init(&m);
	load_counter(&m);
	cpu_set_reset(m.core, false, BASE, 0);
	m.dbg.breaks[m.dbg.nbreaks++] = BASE + 0x10;
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(s->pc, BASE + 0x10);
	ck_assert_uint_eq(cpu_pc(m.core), BASE + 0x10);
	ck_assert_uint_eq(reg(&m, A0), 1);        /* the addi before it ran */
	ck_assert_uint_eq(cpu_insns(m.core), 4);  /* not the store */
	ck_assert_uint_eq(le32_load(m.ram->host + 0x1000), 0);
	/* step over it: one instruction, the store */
	m.dbg.nbreaks = 0;
	m.dbg.step = true;
	s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, BASE + 0x14);
	ck_assert_uint_eq(cpu_insns(m.core), 5);
	ck_assert_uint_eq(le32_load(m.ram->host + 0x1000), 1);
	/* continue to the breakpoint again: the next iteration */
	m.dbg.step = false;
	m.dbg.breaks[m.dbg.nbreaks++] = BASE + 0x10;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(reg(&m, A0), 2);
	/* without requests, the core runs to its wfi: no stop */
	m.dbg.nbreaks = 0;
	ck_assert_ptr_null(run(&m));
	ck_assert_uint_eq(reg(&m, A3), 10);
	ck_assert_int_eq(cpu_state(m.core), CPU_STATE_WFI);
	m_free(&m);
}
END_TEST

START_TEST(watchpoints)
{
	struct m m;
	m_init(&m);
	load_counter(&m);
	cpu_set_reset(m.core, false, BASE, 0);
	/* a write watch on the word's upper half (a store of the word overlaps) */
	m.dbg.watches[0] = (struct cpu_watchpoint){ .addr = DATA + 2, .len = 2, .kind = CPU_WATCH_WRITE };
	m.dbg.nwatches = 1;
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(s->addr, DATA + 2);
	ck_assert_uint_eq(s->kind, CPU_WATCH_WRITE);
	ck_assert_uint_eq(s->pc, BASE + 0x14); /* after the store */
	ck_assert_uint_eq(le32_load(m.ram->host + 0x1000), 1);
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(le32_load(m.ram->host + 0x1000), 2);
	/* a read watch on the same word: the stores do not hit it, the lw does */
	m.dbg.watches[0].kind = CPU_WATCH_READ;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(s->kind, CPU_WATCH_READ);
	ck_assert_uint_eq(s->pc, BASE + 0x1c);
	ck_assert_uint_eq(reg(&m, A3), 10);
	m_free(&m);
}
END_TEST

START_TEST(watch_elsewhere_and_overlap_rules)
{
	struct cpu_debug d = { .stop_count = UINT64_MAX };
	d.watches[0] = (struct cpu_watchpoint){ .addr = 0x100, .len = 4, .kind = CPU_WATCH_ACCESS };
	d.watches[1] = (struct cpu_watchpoint){ .addr = UINT64_MAX - 1, .len = 2, .kind = CPU_WATCH_WRITE };
	d.nwatches = 2;
	ck_assert_ptr_null(cpu_debug_watch_hit(&d, 0xfc, 4, CPU_WATCH_READ));
	ck_assert_ptr_nonnull(cpu_debug_watch_hit(&d, 0xfd, 4, CPU_WATCH_READ));
	ck_assert_ptr_nonnull(cpu_debug_watch_hit(&d, 0x103, 1, CPU_WATCH_WRITE));
	ck_assert_ptr_null(cpu_debug_watch_hit(&d, 0x104, 4, CPU_WATCH_WRITE));
	/* at the top of the space nothing wraps */
	ck_assert_ptr_nonnull(cpu_debug_watch_hit(&d, UINT64_MAX, 1, CPU_WATCH_WRITE));
	ck_assert_ptr_null(cpu_debug_watch_hit(&d, UINT64_MAX, 1, CPU_WATCH_READ));
	ck_assert_ptr_null(cpu_debug_watch_hit(&d, 0, 8, CPU_WATCH_WRITE));
	ck_assert(!cpu_debug_active(NULL));
	ck_assert(cpu_debug_active(&d));
	d.nwatches = 0;
	ck_assert(!cpu_debug_active(&d));
	d.stop_count = 3;
	ck_assert(cpu_debug_active(&d));
}
END_TEST

START_TEST(instruction_count_and_trap_step)
{
	struct m m;
	m_init(&m);
	/* mtvec = BASE + 0x20 (a wfi), then ecall */
	const uint32_t p[] = { LUI(A0, BASE >> 12), ADDI(A0, A0, 0x20), CSRRW(ZERO, 0x305, A0),
			       ECALL, WFI, WFI, WFI, WFI, WFI };
	load(&m, BASE, p, 9);
	cpu_set_reset(m.core, false, BASE, 0);
	struct cpu_trap_info ti;
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), -1); /* none since reset */
	m.dbg.stop_count = 3;
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_COUNT);
	ck_assert_uint_eq(s->pc, BASE + 12);
	ck_assert_uint_eq(cpu_insns_total(m.core), 3);
	/* a step over the ecall ends at the handler: it trapped, nothing retired */
	m.dbg.stop_count = UINT64_MAX;
	m.dbg.step = true;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, BASE + 0x20);
	ck_assert_uint_eq(cpu_insns_total(m.core), 3);
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), 0);
	ck_assert_uint_eq(ti.cause, 11);
	ck_assert_str_eq(ti.what, "ecall from M-mode");
	ck_assert(!ti.has_addr && !ti.interrupt);
	ck_assert_uint_eq(ti.pc, BASE + 12);
	m_free(&m);
}
END_TEST

START_TEST(halt_is_reported)
{
	struct m m;
	m_init(&m);
	/* mtvec at an unmapped address, then a load fault: no usable handler */
	const uint32_t p[] = { LUI(A0, 0x10000), CSRRW(ZERO, 0x305, A0), LW(A1, A0, 0), WFI };
	load(&m, BASE, p, 4);
	cpu_set_reset(m.core, false, BASE, 0);
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_HALTED);
	ck_assert_int_eq(cpu_state(m.core), CPU_STATE_HALTED);
	struct cpu_trap_info ti;
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), 0);
	ck_assert_uint_eq(ti.cause, 5);
	ck_assert(ti.has_addr);
	ck_assert_uint_eq(ti.addr, 0x10000000);
	/* the registers as the faulting load saw them */
	ck_assert(ti.regs_valid);
	ck_assert_uint_eq(ti.regs[A0], 0x10000000);
	m_free(&m);
}
END_TEST

/* Stopping changes nothing: a run stepped instruction by instruction, with
 * a watchpoint on the way, ends at the same time and state as a run left
 * alone. */
START_TEST(stops_do_not_change_the_run)
{
	struct m a, b;
	m_init(&a);
	m_init(&b);
	load_counter(&a);
	load_counter(&b);
	cpu_set_reset(a.core, false, BASE, 0);
	cpu_set_reset(b.core, false, BASE, 0);
	sim_run(&a.sim, SIM_TIME_MAX);
	b.dbg.watches[0] = (struct cpu_watchpoint){ .addr = DATA, .len = 4, .kind = CPU_WATCH_ACCESS };
	b.dbg.nwatches = 1;
	b.dbg.step = true;
	unsigned n = 0;
	while (run(&b) && n < 1000)
		n++;
	ck_assert_uint_gt(n, 30);
	ck_assert_uint_eq(cpu_insns(b.core), cpu_insns(a.core));
	ck_assert_uint_eq(cpu_local_time(b.core), cpu_local_time(a.core));
	ck_assert_uint_eq(cpu_pc(b.core), cpu_pc(a.core));
	ck_assert_int_eq(cpu_state(b.core), CPU_STATE_WFI);
	/* detached: the fast path again */
	cpu_set_debug(b.core, NULL);
	m_free(&a);
	m_free(&b);
}
END_TEST

/* Taking an interrupt is a step of its own: a step stops at the
 * handler's entry with nothing executed there, the trap counted; the
 * count names that instant. */
START_TEST(interrupt_entry_is_a_step)
{
	struct m m;
	m_init(&m);
	/* mtvec = BASE + 0x40; mie.MTIE; mstatus.MIE; then a loop */
	const uint32_t p[] = { LUI(A0, BASE >> 12), ADDI(A0, A0, 0x40), CSRRW(ZERO, 0x305, A0),
			       ADDI(A1, ZERO, 0x80), CSRRW(ZERO, 0x304, A1), ADDI(A1, ZERO, 8),
			       CSRRW(ZERO, 0x300, A1), ADDI(A2, A2, 1), 0xffdff06fu /* j -4 */ };
	load(&m, BASE, p, 9);
	const uint32_t h[] = { ADDI(A3, A3, 1), WFI };
	load(&m, BASE + 0x40, h, 2);
	cpu_set_reset(m.core, false, BASE, 0);
	m.dbg.step = true;
	for (unsigned k = 0; k < 8; k++)
		ck_assert_int_eq(run(&m)->reason, CPU_STOP_STEP);
	uint64_t insns = cpu_insns(m.core);
	ck_assert_uint_eq(m.dbg.traps, 0);
	cpu_irq_sink(m.core)(m.core, 7, true, m.sim.now); /* the timer line */
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, BASE + 0x40);
	ck_assert_uint_eq(cpu_insns(m.core), insns); /* nothing executed there yet */
	ck_assert_uint_eq(m.dbg.traps, 1);
	s = run(&m);
	ck_assert_uint_eq(s->pc, BASE + 0x44);
	ck_assert_uint_eq(reg(&m, A3), 1);
	m_free(&m);
}
END_TEST

/* GDB steps a jump to itself with a breakpoint at its own address: the
 * resumed core executes it once, then stops there again. */
START_TEST(resume_executes_the_instruction_at_pc)
{
	struct m m;
	m_init(&m);
	const uint32_t p[] = { ADDI(A0, A0, 1), 0x0000006fu /* j . */ };
	load(&m, BASE, p, 2);
	cpu_set_reset(m.core, false, BASE, 0);
	m.dbg.breaks[m.dbg.nbreaks++] = BASE + 4;
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(cpu_insns(m.core), 1);
	for (unsigned k = 2; k < 5; k++) {
		s = run(&m);
		ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
		ck_assert_uint_eq(s->pc, BASE + 4);
		ck_assert_uint_eq(cpu_insns(m.core), k);
	}
	m_free(&m);
}
END_TEST

static void nothing(struct event *ev, void *ctx)
{
	(void)ev, (void)ctx;
}

/* A held core does not execute while time goes on; released, it goes on
 * from where it was. */
START_TEST(hold_and_release)
{
	struct m m;
	m_init(&m);
	load_counter(&m);
	cpu_set_reset(m.core, false, BASE, 0);
	m.dbg.hold = true;
	cpu_set_debug(m.core, &m.dbg);
	struct event tick; /* something else happens meanwhile */
	event_init(&tick, "tick", nothing, NULL);
	sim_schedule(&m.sim, &tick, 5 * SIM_US);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(m.sim.now, 5 * SIM_US);
	ck_assert_uint_eq(cpu_insns(m.core), 0);
	ck_assert_uint_eq(cpu_pc(m.core), BASE);
	m.dbg.hold = false;
	ck_assert_ptr_null(run(&m)); /* released: runs to its wfi */
	ck_assert_uint_eq(reg(&m, A3), 10);
	ck_assert_uint_ge(cpu_local_time(m.core), 5 * SIM_US); /* it lost the time it was held */
	m_free(&m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_debug");
	TCase *tc = tcase_create("debug");
	tcase_add_test(tc, breakpoint_step_and_continue);
	tcase_add_test(tc, watchpoints);
	tcase_add_test(tc, watch_elsewhere_and_overlap_rules);
	tcase_add_test(tc, instruction_count_and_trap_step);
	tcase_add_test(tc, halt_is_reported);
	tcase_add_test(tc, stops_do_not_change_the_run);
	tcase_add_test(tc, hold_and_release);
	tcase_add_test(tc, resume_executes_the_instruction_at_pc);
	tcase_add_test(tc, interrupt_entry_is_a_step);
	suite_add_tcase(s, tc);
	return s;
}
