/* The core interface's debugging hooks on the Cortex-M4F core
 * (sim/core/cpu.h, "Debugging"; models/armv7m/armv7m_debug.c): a
 * breakpoint stops before its instruction, a step after one instruction
 * (or an exception entry), a watchpoint after the load or store that
 * touched it (not for the other kind), an instruction count before the
 * instruction that follows it, a lockup is reported as a halt; a run that
 * stops and resumes many times ends exactly as one that never stopped; a
 * held core does not execute; the last exception is reported with the
 * registers and the fault status (CFSR, HFSR, BFAR) of its entry; the
 * core-file note has Linux/arm's layout. */
#include <check.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/armv7m/armv7m.h"
#include "sim/core/le.h"
#include "tests/unit/check_main.h"

#define DATA 0x20001000u

/* Thumb code as halfwords (a 32-bit instruction: its first halfword first) */
/* 0x140: r1 = DATA; r0 = 0; r2 = 10; loop: adds r0, #1; str r0, [r1];
 * cmp r0, r2; bne loop; ldr r3, [r1]; wfi; b . */
static const uint16_t prog_counter[] = { 0xf241, 0x0100, 0xf2c2, 0x0100, 0x2000, 0x220a, 0x3001,
					 0x6008, 0x4290, 0xd1fb, 0x680b, 0xbf30, 0xe7fe };
/* 0x200: r0 = 0x30000000 (nothing there); movs r1, #7; str r1, [r0]; b . */
static const uint16_t prog_fault[] = { 0xf240, 0x0000, 0xf2c3, 0x0000, 0x2107, 0x6001, 0xe7fe };
/* 0x240: movs r0, #1; svc #3; movs r2, #9; b . */
static const uint16_t prog_svc[] = { 0x2001, 0xdf03, 0x2209, 0xe7fe };
/* 0x260: the SVCall and IRQ0 handler: movs r1, #5; bx lr */
static const uint16_t prog_handler[] = { 0x2105, 0x4770 };
/* 0x280: adds r0, #1; b . */
static const uint16_t prog_self[] = { 0x3001, 0xe7fe };
/* 0x2a0: ISER0 = 1 (IRQ0 enabled); cpsie i; loop: adds r2, #1; b loop */
static const uint16_t prog_irq[] = { 0xf24e, 0x1100, 0xf2ce, 0x0100, 0x2001, 0x6008, 0xb662,
				     0x3201, 0xe7fd };
/* 0x1a0: udf #1 (HardFault's handler: a fault in it locks up) */
static const uint16_t prog_udf[] = { 0xde01 };

struct m {
	struct sim sim;
	struct bus bus;
	struct ram *code, *sram;
	struct cpu *core;
	struct cpu_debug dbg;
	struct cpu_stop stops[64];
	unsigned nstops;
};

static void on_stop(void *ctx, struct cpu *cpu, const struct cpu_stop *why)
{
	struct m *m = ctx;
	ck_assert_ptr_eq(cpu, m->core);
	if (m->nstops < 64)
		m->stops[m->nstops++] = *why;
	sim_stop(&m->sim, 0);
}

static void put(struct m *m, uint32_t addr, const uint16_t *h, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[2];
		le16_store(b, h[i]);
		ck_assert_int_eq(ram_write_bytes(m->code, addr + 2 * i, b, 2), 0);
	}
}

static void vec(struct m *m, unsigned n, uint32_t v)
{
	uint8_t b[4];
	le32_store(b, v);
	ck_assert_int_eq(ram_write_bytes(m->code, 4 * n, b, 4), 0);
}

#define PUT(m, addr, p) put(m, addr, p, sizeof(p) / sizeof(p[0]))

/* The core released from reset at the program at entry. */
static void m_init(struct m *m, uint32_t entry)
{
	memset(m, 0, sizeof(*m));
	sim_init(&m->sim);
	m->sim.log_level = SIM_LOG_UNIMP; /* the fault tests' guest errors are expected */
	bus_init(&m->bus, "test");
	m->code = ram_create(0x10000);
	m->sram = ram_create(0x10000);
	ck_assert_ptr_nonnull(m->code);
	ck_assert_ptr_nonnull(m->sram);
	char err[128];
	ck_assert_int_eq(bus_map_ram(&m->bus, "code", 0, m->code, 0, 0x10000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&m->bus, "sram", 0x20000000, m->sram, 0, 0x10000, err, sizeof(err)), 0);
	PUT(m, 0x140, prog_counter);
	PUT(m, 0x200, prog_fault);
	PUT(m, 0x240, prog_svc);
	PUT(m, 0x260, prog_handler);
	PUT(m, 0x280, prog_self);
	PUT(m, 0x2a0, prog_irq);
	PUT(m, 0x1a0, prog_udf);
	vec(m, 0, 0x20008000);
	vec(m, 1, entry | 1);
	vec(m, 3, 0x1a1);  /* HardFault */
	vec(m, 11, 0x261); /* SVCall */
	vec(m, 16, 0x261); /* IRQ0 */
	struct cpu_config cfg = { .name = "m4", .quantum = SIM_US };
	m->core = armv7m_isa.create(&m->sim, &m->bus, &cfg);
	ck_assert_ptr_nonnull(m->core);
	m->dbg.stop = on_stop;
	m->dbg.ctx = m;
	m->dbg.stop_count = UINT64_MAX;
	cpu_set_reset(m->core, false, 0, 0);
}

static void m_free(struct m *m)
{
	sim_destroy(&m->sim);
	bus_destroy(&m->bus);
	ram_destroy(m->code);
	ram_destroy(m->sram);
}

static uint64_t reg(struct m *m, unsigned r)
{
	uint64_t v = 0;
	ck_assert_int_eq(cpu_get_reg(m->core, r, &v), 0);
	return v;
}

static uint32_t data(struct m *m)
{
	return le32_load(m->sram->host + (DATA - 0x20000000u));
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

START_TEST(breakpoint_step_and_continue)
{
	struct m m;
	m_init(&m, 0x140);
	m.dbg.breaks[m.dbg.nbreaks++] = 0x14e; /* the str */
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(s->pc, 0x14e);
	ck_assert_uint_eq(cpu_pc(m.core), 0x14e);
	ck_assert_uint_eq(reg(&m, 0), 1);        /* the adds before it ran */
	ck_assert_uint_eq(cpu_insns(m.core), 5); /* not the store */
	ck_assert_uint_eq(data(&m), 0);
	/* step over it: one instruction, the store */
	m.dbg.nbreaks = 0;
	m.dbg.step = true;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, 0x150);
	ck_assert_uint_eq(cpu_insns(m.core), 6);
	ck_assert_uint_eq(data(&m), 1);
	/* continue to the breakpoint again: the next iteration */
	m.dbg.step = false;
	m.dbg.breaks[m.dbg.nbreaks++] = 0x14e;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(reg(&m, 0), 2);
	/* without requests, the core runs to its wfi: no stop */
	m.dbg.nbreaks = 0;
	ck_assert_ptr_null(run(&m));
	ck_assert_uint_eq(reg(&m, 3), 10);
	ck_assert_int_eq(cpu_state(m.core), CPU_STATE_WFI);
	m_free(&m);
}
END_TEST

START_TEST(watchpoints)
{
	struct m m;
	m_init(&m, 0x140);
	/* a write watch on the word's upper half (a store of the word overlaps) */
	m.dbg.watches[0] = (struct cpu_watchpoint){ .addr = DATA + 2, .len = 2, .kind = CPU_WATCH_WRITE };
	m.dbg.nwatches = 1;
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(s->addr, DATA + 2);
	ck_assert_uint_eq(s->kind, CPU_WATCH_WRITE);
	ck_assert_uint_eq(s->pc, 0x150); /* after the store */
	ck_assert_uint_eq(data(&m), 1);
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(data(&m), 2);
	/* a read watch on the same word: the stores do not hit it, the ldr does */
	m.dbg.watches[0].kind = CPU_WATCH_READ;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_WATCH);
	ck_assert_uint_eq(s->kind, CPU_WATCH_READ);
	ck_assert_uint_eq(s->pc, 0x156);
	ck_assert_uint_eq(reg(&m, 3), 10);
	/* watchpoints gone: the fast path's windows come back, the run ends */
	m.dbg.nwatches = 0;
	ck_assert_ptr_null(run(&m));
	ck_assert_int_eq(cpu_state(m.core), CPU_STATE_WFI);
	m_free(&m);
}
END_TEST

/* SVC: a step over it ends at the handler's entry (nothing retired, the
 * trap counted), the count names instants before and after; the return
 * from the handler is a step too. */
START_TEST(instruction_count_and_exception_step)
{
	struct m m;
	m_init(&m, 0x240);
	struct cpu_trap_info ti;
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), -1); /* none since reset */
	m.dbg.stop_count = 1;
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_COUNT);
	ck_assert_uint_eq(s->pc, 0x242);
	ck_assert_uint_eq(cpu_insns_total(m.core), 1);
	m.dbg.stop_count = UINT64_MAX;
	m.dbg.step = true;
	s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, 0x260);
	ck_assert_uint_eq(m.dbg.traps, 1);
	ck_assert_uint_eq(reg(&m, ARMV7M_REG_XPSR) & 0x1ff, 11); /* Handler mode, SVCall */
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), 0);
	ck_assert_uint_eq(ti.cause, 11);
	ck_assert_str_eq(ti.what, "SVCall");
	ck_assert(!ti.has_addr && !ti.interrupt);
	ck_assert_uint_eq(ti.pc, 0x242);
	ck_assert_uint_eq(ti.regs[0], 1);
	ck_assert_int_eq(ti.signal, 5);
	/* the handler, its return, then back in Thread mode with r0-r3 as
	 * the frame kept them */
	ck_assert_uint_eq(run(&m)->pc, 0x262);
	ck_assert_uint_eq(reg(&m, 1), 5);
	ck_assert_uint_eq(run(&m)->pc, 0x244);
	ck_assert_uint_eq(reg(&m, 1), 0);
	ck_assert_uint_eq(reg(&m, ARMV7M_REG_XPSR) & 0x1ff, 0);
	/* the instant of the handler's entry again by its count: insns + traps */
	m.dbg.step = false;
	ck_assert_uint_eq(m.dbg.traps, 1);
	m_free(&m);
}
END_TEST

/* A store to nothing: BusFault escalated to HardFault, whose handler
 * faults again: lockup, reported as a halt; the last exception is the
 * HardFault of the store, with its status, address and registers. */
START_TEST(fault_and_lockup_are_reported)
{
	struct m m;
	m_init(&m, 0x200);
	const struct cpu_stop *s = run(&m);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->reason, CPU_STOP_HALTED);
	ck_assert_int_eq(cpu_state(m.core), CPU_STATE_HALTED);
	struct cpu_trap_info ti;
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), 0);
	ck_assert_uint_eq(ti.cause, 3);
	ck_assert_str_eq(ti.what, "HardFault (escalated BusFault: precise data bus error)");
	ck_assert(!ti.interrupt);
	ck_assert(ti.has_addr);
	ck_assert_uint_eq(ti.addr, 0x30000000);
	ck_assert_uint_eq(ti.pc, 0x20a);
	ck_assert_str_eq(ti.regs_text, "CFSR 0x00008200 (PRECISERR BFARVALID), HFSR 0x40000000 (FORCED), "
				       "BFAR 0x30000000");
	ck_assert_int_eq(ti.signal, 7); /* SIGBUS */
	ck_assert(ti.regs_valid);
	ck_assert_uint_eq(ti.regs[0], 0x30000000);
	ck_assert_uint_eq(ti.regs[1], 7);
	ck_assert_uint_eq(ti.regs[ARMV7M_REG_PC], 0x20a);
	ck_assert_uint_eq(ti.regs[ARMV7M_REG_SP], 0x20008000);
	ck_assert_uint_eq(ti.regs[ARMV7M_REG_XPSR] >> 24 & 1, 1);
	m_free(&m);
}
END_TEST

/* Stopping changes nothing: a run stepped instruction by instruction, with
 * a watchpoint on the way, ends at the same time and state as a run left
 * alone. */
START_TEST(stops_do_not_change_the_run)
{
	struct m a, b;
	m_init(&a, 0x140);
	m_init(&b, 0x140);
	sim_run(&a.sim, SIM_TIME_MAX);
	b.dbg.watches[0] = (struct cpu_watchpoint){ .addr = DATA, .len = 4, .kind = CPU_WATCH_ACCESS };
	b.dbg.nwatches = 1;
	b.dbg.step = true;
	unsigned n = 0;
	while (run(&b) && n < 1000)
		n++;
	ck_assert_uint_gt(n, 40);
	ck_assert_uint_eq(cpu_insns(b.core), cpu_insns(a.core));
	ck_assert_uint_eq(cpu_local_time(b.core), cpu_local_time(a.core));
	ck_assert_uint_eq(cpu_pc(b.core), cpu_pc(a.core));
	ck_assert_int_eq(cpu_state(b.core), CPU_STATE_WFI);
	cpu_set_debug(b.core, NULL); /* detached: the fast path again */
	m_free(&a);
	m_free(&b);
}
END_TEST

/* Taking an interrupt is a step of its own: a step stops at the
 * handler's entry with nothing executed there, the trap counted. */
START_TEST(interrupt_entry_is_a_step)
{
	struct m m;
	m_init(&m, 0x2a0);
	m.dbg.step = true;
	for (unsigned k = 0; k < 8; k++)
		ck_assert_int_eq(run(&m)->reason, CPU_STOP_STEP);
	uint64_t insns = cpu_insns(m.core);
	ck_assert_uint_eq(m.dbg.traps, 0);
	cpu_irq_sink(m.core)(m.core, 0, true, m.sim.now);
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_STEP);
	ck_assert_uint_eq(s->pc, 0x260);
	ck_assert_uint_eq(cpu_insns(m.core), insns); /* nothing executed there yet */
	ck_assert_uint_eq(m.dbg.traps, 1);
	struct cpu_trap_info ti;
	ck_assert_int_eq(cpu_last_trap(m.core, &ti), 0);
	ck_assert(ti.interrupt);
	ck_assert_uint_eq(ti.cause, 16);
	s = run(&m);
	ck_assert_uint_eq(s->pc, 0x262);
	ck_assert_uint_eq(reg(&m, 1), 5);
	m_free(&m);
}
END_TEST

/* GDB steps a branch to itself with a breakpoint at its own address: the
 * resumed core executes it once, then stops there again. */
START_TEST(resume_executes_the_instruction_at_pc)
{
	struct m m;
	m_init(&m, 0x280);
	m.dbg.breaks[m.dbg.nbreaks++] = 0x282;
	const struct cpu_stop *s = run(&m);
	ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
	ck_assert_uint_eq(cpu_insns(m.core), 1);
	for (unsigned k = 2; k < 5; k++) {
		s = run(&m);
		ck_assert_int_eq(s->reason, CPU_STOP_BREAK);
		ck_assert_uint_eq(s->pc, 0x282);
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
	m_init(&m, 0x140);
	m.dbg.hold = true;
	cpu_set_debug(m.core, &m.dbg);
	struct event tick; /* something else happens meanwhile */
	event_init(&tick, "tick", nothing, NULL);
	sim_schedule(&m.sim, &tick, 5 * SIM_US);
	sim_run(&m.sim, SIM_TIME_MAX);
	ck_assert_uint_eq(m.sim.now, 5 * SIM_US);
	ck_assert_uint_eq(cpu_insns(m.core), 0);
	ck_assert_uint_eq(cpu_pc(m.core), 0x140);
	m.dbg.hold = false;
	ck_assert_ptr_null(run(&m)); /* released: runs to its wfi */
	ck_assert_uint_eq(reg(&m, 3), 10);
	ck_assert_uint_ge(cpu_local_time(m.core), 5 * SIM_US);
	m_free(&m);
}
END_TEST

/* NT_PRSTATUS as BFD reads it for EM_ARM: 148 bytes, pr_reg at 72, 18
 * words r0..r15, cpsr (the xPSR), orig_r0. */
START_TEST(core_note_layout)
{
	const struct cpu_core_note *n = armv7m_isa.core_note;
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->size, 148);
	ck_assert_uint_eq(n->cursig_off, 12);
	ck_assert_uint_eq(n->pid_off, 24);
	ck_assert_uint_eq(n->reg_off, 72);
	ck_assert_uint_eq(n->reg_bytes, 4);
	ck_assert_uint_eq(n->nslots, 18);
	ck_assert_uint_eq(n->reg_off + n->nslots * n->reg_bytes + 4, n->size); /* then pr_fpvalid */
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(n->slots[i], i);
	ck_assert_uint_eq(n->slots[16], ARMV7M_REG_XPSR);
	ck_assert_uint_eq(n->slots[17], CPU_REG_NONE);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("armv7m_debug");
	TCase *tc = tcase_create("hooks");
	tcase_add_test(tc, breakpoint_step_and_continue);
	tcase_add_test(tc, watchpoints);
	tcase_add_test(tc, instruction_count_and_exception_step);
	tcase_add_test(tc, fault_and_lockup_are_reported);
	tcase_add_test(tc, stops_do_not_change_the_run);
	tcase_add_test(tc, interrupt_entry_is_a_step);
	tcase_add_test(tc, resume_executes_the_instruction_at_pc);
	tcase_add_test(tc, hold_and_release);
	tcase_add_test(tc, core_note_layout);
	suite_add_tcase(s, tc);
	return s;
}
