/* The Cortex-M4F behind the core interface: its description (registers,
 * target description, NVIC lines, Capstone disassembly), reset from the
 * vector table, registers and memory as a debugger sees them, an NVIC
 * line waking WFI into its handler, lockup reaching on_fatal, and a
 * snapshot round trip that continues exactly as the original. */
#include <check.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/armv7m/armv7m.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"
#include "tests/unit/check_main.h"

struct rig {
	struct sim sim;
	struct bus bus;
	struct ram *code, *sram;
	struct cpu *cpu;
	int fatal;
	struct cpu_fault fault;
};

/* after the vector table: 0x140: count: adds r0, #1; b count
 * 0x160: enable IRQ0 through ISER, CPSIE I, WFI, then movs r3, #7; b .
 * 0x180: IRQ0's handler: movs r4, #0x42 (r0-r3 come back from the frame); bx lr
 * 0x1a0: udf #1 (with HardFault's vector on it: lockup) */
static const uint8_t prog_count[] = { 0x01, 0x30, 0xfd, 0xe7 };
static const uint8_t prog_irq[] = { 0x4e, 0xf2, 0x00, 0x11, 0xce, 0xf2, 0x00, 0x01, 0x01, 0x20,
				    0x08, 0x60, 0x62, 0xb6, 0x30, 0xbf, 0x07, 0x23, 0xfe, 0xe7 };
static const uint8_t prog_handler[] = { 0x42, 0x24, 0x70, 0x47 };
static const uint8_t prog_udf[] = { 0x01, 0xde };

static void on_fatal(void *ctx, struct cpu *cpu, const struct cpu_fault *f)
{
	(void)cpu;
	struct rig *r = ctx;
	r->fatal++;
	r->fault = *f;
}

static void vec(struct rig *r, unsigned n, uint32_t v)
{
	uint8_t b[4];
	le32_store(b, v);
	ram_write_bytes(r->code, 4 * n, b, 4);
}

static void rig_init(struct rig *r, uint32_t reset)
{
	memset(r, 0, sizeof(*r));
	sim_init(&r->sim);
	r->sim.log_level = SIM_LOG_UNIMP; /* the lockup test's guest errors are expected */
	r->sim.log_fn = NULL;
	bus_init(&r->bus, "test");
	r->code = ram_create(0x10000);
	r->sram = ram_create(0x10000);
	char err[128];
	ck_assert_int_eq(bus_map_ram(&r->bus, "code", 0, r->code, 0, 0x10000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&r->bus, "sram", 0x20000000, r->sram, 0, 0x10000, err, sizeof(err)), 0);
	ram_write_bytes(r->code, 0x140, prog_count, sizeof(prog_count));
	ram_write_bytes(r->code, 0x160, prog_irq, sizeof(prog_irq));
	ram_write_bytes(r->code, 0x180, prog_handler, sizeof(prog_handler));
	ram_write_bytes(r->code, 0x1a0, prog_udf, sizeof(prog_udf));
	vec(r, 0, 0x20008000);
	vec(r, 1, reset | 1);
	vec(r, 3, 0x1a1);  /* HardFault: the udf again */
	vec(r, 16, 0x181); /* IRQ0 */
	struct cpu_config cfg = { .name = "m4", .on_fatal = on_fatal, .fatal_ctx = r };
	r->cpu = armv7m_isa.create(&r->sim, &r->bus, &cfg);
	ck_assert_ptr_nonnull(r->cpu);
}

static void rig_free(struct rig *r)
{
	sim_destroy(&r->sim);
	bus_destroy(&r->bus);
	ram_destroy(r->code);
	ram_destroy(r->sram);
}

static uint64_t reg(struct rig *r, const char *name)
{
	int n = cpu_isa_reg_by_name(&armv7m_isa, name);
	ck_assert_int_ge(n, 0);
	uint64_t v;
	ck_assert_int_eq(cpu_get_reg(r->cpu, (unsigned)n, &v), 0);
	return v;
}

START_TEST(description)
{
	const struct cpu_isa *isa = &armv7m_isa;
	ck_assert_str_eq(isa->name, "cortex-m4f");
	ck_assert_uint_eq(isa->elf_machine, 40);
	ck_assert_uint_eq(isa->nregs, ARMV7M_NREGS);
	ck_assert_int_eq(cpu_isa_reg_by_name(isa, "xpsr"), ARMV7M_REG_XPSR);
	ck_assert_int_eq(cpu_isa_reg_by_name(isa, "d15"), ARMV7M_REG_D0 + 15);
	ck_assert_uint_eq(isa->regs[ARMV7M_REG_D0].bits, 64);
	ck_assert_uint_eq(isa->regs[ARMV7M_REG_XPSR].group, CPU_REG_STATUS);
	ck_assert_uint_eq(isa->regs[ARMV7M_REG_CONTROL].group, CPU_REG_SYSTEM);
	ck_assert_ptr_nonnull(strstr(isa->gdb_target_xml, "org.gnu.gdb.arm.m-profile"));
	ck_assert_ptr_nonnull(strstr(isa->gdb_target_xml, "org.gnu.gdb.arm.vfp"));
	ck_assert_ptr_nonnull(strstr(isa->gdb_target_xml, "<reg name=\"control\" bitsize=\"32\" regnum=\"39\"/>"));
	ck_assert_int_eq(isa->irq.external, -1);
	ck_assert_uint_eq(isa->irq.lines, ARMV7M_MAX_IRQS);
	char buf[64];
	ck_assert_uint_eq(isa->disasm((const uint8_t[]){ 0x05, 0x20 }, 2, 0, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "movs r0, #5");
	ck_assert_uint_eq(isa->disasm((const uint8_t[]){ 0x4e, 0xf2, 0x00, 0x11 }, 4, 0, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "movw r1, #0xe100");
	ck_assert_uint_eq(isa->disasm((const uint8_t[]){ 0x4e, 0xf2 }, 2, 0, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "not a whole instruction"));
}
END_TEST

START_TEST(reset_run_registers)
{
	struct rig r;
	rig_init(&r, 0x140);
	ck_assert_int_eq(cpu_state(r.cpu), CPU_STATE_RESET);
	cpu_set_reset(r.cpu, false, 0, 0);
	ck_assert_uint_eq(cpu_pc(r.cpu), 0x140);
	ck_assert_uint_eq(reg(&r, "sp"), 0x20008000);
	ck_assert_uint_eq(reg(&r, "msp"), 0x20008000);
	ck_assert_uint_eq(reg(&r, "xpsr"), 0x01000000); /* Thumb */
	ck_assert_uint_eq(reg(&r, "lr"), 0xffffffff);
	sim_run(&r.sim, 5 * SIM_US); /* 25 MHz: one quantum of 10 us, 250 instructions */
	ck_assert_uint_eq(cpu_insns(r.cpu), 250);
	ck_assert_uint_eq(reg(&r, "r0"), 125);
	/* a debugger's writes */
	ck_assert_int_eq(cpu_set_reg(r.cpu, ARMV7M_REG_PSP, 0x20004003), 0);
	ck_assert_uint_eq(reg(&r, "psp"), 0x20004000); /* SP[1:0] are RAZ/WI */
	ck_assert_int_eq(cpu_set_reg(r.cpu, ARMV7M_REG_D0, 0x400000003f800000ull), 0);
	ck_assert_uint_eq(reg(&r, "d0"), 0x400000003f800000ull);
	ck_assert_int_eq(cpu_set_reg(r.cpu, ARMV7M_REG_XPSR, 0x01000005), -1); /* not the mode */
	ck_assert_int_eq(cpu_set_reg(r.cpu, 99, 0), -1);
	uint8_t b[4] = { 1, 2, 3, 4 }, o[4];
	ck_assert_int_eq(cpu_write_mem(r.cpu, 0x20000010, b, 4), 0);
	ck_assert_int_eq(cpu_read_mem(r.cpu, 0x20000010, o, 4), 0);
	ck_assert_mem_eq(o, b, 4);
	ck_assert_int_eq(cpu_read_mem(r.cpu, 0x30000000, o, 4), -1);
	rig_free(&r);
}
END_TEST

START_TEST(irq_wakes_wfi)
{
	struct rig r;
	rig_init(&r, 0x160);
	cpu_set_reset(r.cpu, false, 0, 0);
	sim_run(&r.sim, 10 * SIM_US);
	ck_assert_int_eq(cpu_state(r.cpu), CPU_STATE_WFI);
	ck_assert_uint_eq(reg(&r, "r4"), 0);
	/* the NVIC line 0, asserted at 20 us: the handler, then back after WFI */
	cpu_irq_sink(r.cpu)(r.cpu, 0, true, 20 * SIM_US);
	cpu_irq_sink(r.cpu)(r.cpu, 0, false, 20 * SIM_US);
	sim_run(&r.sim, 40 * SIM_US);
	ck_assert_uint_eq(reg(&r, "r4"), 0x42);
	ck_assert_uint_eq(reg(&r, "r3"), 7);
	ck_assert_uint_eq(reg(&r, "xpsr") & 0x1ff, 0); /* back in Thread mode */
	/* a line the NVIC does not have is ignored */
	cpu_irq_sink(r.cpu)(r.cpu, 999, true, 40 * SIM_US);
	rig_free(&r);
}
END_TEST

START_TEST(lockup_is_fatal)
{
	struct rig r;
	rig_init(&r, 0x1a0);
	cpu_set_reset(r.cpu, false, 0, 0);
	sim_run(&r.sim, 10 * SIM_US);
	ck_assert_int_eq(r.fatal, 1);
	ck_assert_int_eq(cpu_state(r.cpu), CPU_STATE_HALTED);
	ck_assert_uint_eq(r.fault.cause, 6); /* the UsageFault that locked it up */
	ck_assert_ptr_nonnull(strstr(r.fault.what, "lockup"));
	ck_assert_ptr_nonnull(strstr(r.fault.what, "undefined instruction"));
	rig_free(&r);
}
END_TEST

START_TEST(snapshot_round_trip)
{
	struct rig a, b;
	rig_init(&a, 0x140);
	rig_init(&b, 0x140);
	cpu_set_reset(a.cpu, false, 0, 0);
	cpu_set_reset(b.cpu, false, 0, 0);
	sim_run(&a.sim, 7 * SIM_US);
	sim_run(&b.sim, 7 * SIM_US);
	struct snap_writer w;
	snap_writer_init(&w);
	ck_assert_int_eq(cpu_save(a.cpu, &w), 0);
	/* b diverges, then is restored to a's state */
	cpu_set_reg(b.cpu, 0, 12345);
	struct snap_reader rd;
	snap_reader_init(&rd, w.buf, w.len);
	ck_assert_int_eq(cpu_restore(b.cpu, &rd), 0);
	sim_run(&a.sim, 20 * SIM_US);
	sim_run(&b.sim, 20 * SIM_US);
	for (unsigned n = 0; n < ARMV7M_NREGS; n++) {
		uint64_t va, vb;
		ck_assert_int_eq(cpu_get_reg(a.cpu, n, &va), 0);
		ck_assert_int_eq(cpu_get_reg(b.cpu, n, &vb), 0);
		ck_assert_uint_eq(va, vb);
	}
	ck_assert_uint_eq(cpu_insns(a.cpu), cpu_insns(b.cpu));
	/* a corrupt snapshot is refused and leaves the core as it was */
	w.buf[20] ^= 0xff;
	w.buf[w.len - 30] ^= 0xff;
	uint64_t before = reg(&b, "r0");
	snap_reader_init(&rd, w.buf, w.len / 2);
	ck_assert_int_eq(cpu_restore(b.cpu, &rd), -1);
	ck_assert_uint_eq(reg(&b, "r0"), before);
	snap_writer_free(&w);
	rig_free(&a);
	rig_free(&b);
}
END_TEST

/* Random bytes as code, vectors into them: whatever it executes (faults,
 * lockups, exception returns to nowhere, MPU and SCS writes), the core
 * stays within its memory and the run ends. */
START_TEST(random_code_is_survived)
{
	uint32_t seed = 0x1234567u + (uint32_t)_i * 7919u;
	struct rig r;
	rig_init(&r, 0x140);
	uint8_t buf[0x10000];
	for (unsigned i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (uint8_t)(seed >> 16);
	}
	ram_write_bytes(r.code, 0, buf, sizeof(buf));
	ram_write_bytes(r.sram, 0, buf, sizeof(buf));
	vec(&r, 0, 0x20008000);
	for (unsigned n = 1; n < 64; n++)
		vec(&r, n, (0x200 + 0x100 * n) | 1);
	cpu_set_insn_limit(r.cpu, 200000);
	cpu_set_reset(r.cpu, false, 0, 0);
	sim_run(&r.sim, 50 * SIM_MS);
	ck_assert_uint_le(cpu_insns(r.cpu), 200000);
	rig_free(&r);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("armv7m_cpu");
	TCase *tc = tcase_create("cpu");
	tcase_add_test(tc, description);
	tcase_add_test(tc, reset_run_registers);
	tcase_add_test(tc, irq_wakes_wfi);
	tcase_add_test(tc, lockup_is_fatal);
	tcase_add_test(tc, snapshot_round_trip);
	tcase_add_loop_test(tc, random_code_is_survived, 0, 24);
	suite_add_tcase(s, tc);
	return s;
}
