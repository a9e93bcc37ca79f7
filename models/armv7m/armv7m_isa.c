/* The Cortex-M4F behind the core interface (sim/core/cpu.h): the ISA's
 * description (register file as GDB numbers it through the target
 * description, the NVIC's lines, the Capstone disassembler) and the
 * per-core ops that read and write registers and memory as a debugger
 * does.  Run control lives in armv7m_core.c, snapshots in armv7m_snap.c. */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/le.h"

#define EM_ARM 40

/* X(name, bits, group) in register-number order */
#define M_REGS(X) \
	X(r0, 32, GENERAL) X(r1, 32, GENERAL) X(r2, 32, GENERAL) X(r3, 32, GENERAL) \
	X(r4, 32, GENERAL) X(r5, 32, GENERAL) X(r6, 32, GENERAL) X(r7, 32, GENERAL) \
	X(r8, 32, GENERAL) X(r9, 32, GENERAL) X(r10, 32, GENERAL) X(r11, 32, GENERAL) \
	X(r12, 32, GENERAL) X(sp, 32, GENERAL) X(lr, 32, GENERAL) X(pc, 32, GENERAL) \
	X(xpsr, 32, STATUS) \
	X(d0, 64, FLOAT) X(d1, 64, FLOAT) X(d2, 64, FLOAT) X(d3, 64, FLOAT) \
	X(d4, 64, FLOAT) X(d5, 64, FLOAT) X(d6, 64, FLOAT) X(d7, 64, FLOAT) \
	X(d8, 64, FLOAT) X(d9, 64, FLOAT) X(d10, 64, FLOAT) X(d11, 64, FLOAT) \
	X(d12, 64, FLOAT) X(d13, 64, FLOAT) X(d14, 64, FLOAT) X(d15, 64, FLOAT) \
	X(fpscr, 32, FLOAT) \
	X(msp, 32, SYSTEM) X(psp, 32, SYSTEM) X(primask, 32, SYSTEM) X(basepri, 32, SYSTEM) \
	X(faultmask, 32, SYSTEM) X(control, 32, SYSTEM)

static const struct cpu_reg_info regs[] = {
#define M_REGINFO(n, bits, grp) { #n, bits, CPU_REG_##grp },
	M_REGS(M_REGINFO)
#undef M_REGINFO
};
_Static_assert(sizeof(regs) / sizeof(regs[0]) == ARMV7M_NREGS, "the register list and the enum agree");

/* qXfer:features:read target.xml: GDB's m-profile, vfp and m-system
 * features with the numbers of the table above */
#define REG(n, num, extra) "<reg name=\"" #n "\" bitsize=\"32\" regnum=\"" #num "\"" extra "/>\n"
#define DREG(n, num) "<reg name=\"d" #n "\" bitsize=\"64\" type=\"ieee_double\" regnum=\"" #num "\"/>\n"
static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target version=\"1.0\">\n"
	"<architecture>arm</architecture>\n"
	"<feature name=\"org.gnu.gdb.arm.m-profile\">\n"
	REG(r0, 0, "") REG(r1, 1, "") REG(r2, 2, "") REG(r3, 3, "") REG(r4, 4, "") REG(r5, 5, "")
	REG(r6, 6, "") REG(r7, 7, "") REG(r8, 8, "") REG(r9, 9, "") REG(r10, 10, "")
	REG(r11, 11, "") REG(r12, 12, "") REG(sp, 13, " type=\"data_ptr\"") REG(lr, 14, "")
	REG(pc, 15, " type=\"code_ptr\"") REG(xpsr, 16, "")
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.arm.vfp\">\n"
	DREG(0, 17) DREG(1, 18) DREG(2, 19) DREG(3, 20) DREG(4, 21) DREG(5, 22) DREG(6, 23)
	DREG(7, 24) DREG(8, 25) DREG(9, 26) DREG(10, 27) DREG(11, 28) DREG(12, 29) DREG(13, 30)
	DREG(14, 31) DREG(15, 32)
	REG(fpscr, 33, " type=\"int\" group=\"float\"")
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.arm.m-system\">\n"
	REG(msp, 34, " type=\"data_ptr\"") REG(psp, 35, " type=\"data_ptr\"")
	REG(primask, 36, "") REG(basepri, 37, "") REG(faultmask, 38, "") REG(control, 39, "")
	"</feature>\n"
	"</target>\n";
#undef REG
#undef DREG

static int get_reg(struct cpu *cpu, unsigned n, uint64_t *val)
{
	struct m_core *c = m_of(cpu);
	if (n < 15)
		*val = c->r[n];
	else if (n == ARMV7M_REG_PC)
		*val = c->pc;
	else if (n == ARMV7M_REG_XPSR)
		*val = armv7m_xpsr(c);
	else if (n >= ARMV7M_REG_D0 && n < ARMV7M_REG_FPSCR)
		*val = (uint64_t)c->s[(n - ARMV7M_REG_D0) * 2 + 1] << 32 | c->s[(n - ARMV7M_REG_D0) * 2];
	else if (n == ARMV7M_REG_FPSCR)
		*val = c->fpscr;
	else if (n == ARMV7M_REG_MSP)
		*val = armv7m_get_msp(c);
	else if (n == ARMV7M_REG_PSP)
		*val = armv7m_get_psp(c);
	else if (n == ARMV7M_REG_PRIMASK)
		*val = c->primask;
	else if (n == ARMV7M_REG_BASEPRI)
		*val = c->basepri;
	else if (n == ARMV7M_REG_FAULTMASK)
		*val = c->faultmask;
	else if (n == ARMV7M_REG_CONTROL)
		*val = c->control;
	else
		return -1;
	return 0;
}

static int set_reg(struct cpu *cpu, unsigned n, uint64_t val)
{
	struct m_core *c = m_of(cpu);
	if (n >= ARMV7M_REG_D0 && n < ARMV7M_REG_FPSCR) {
		c->s[(n - ARMV7M_REG_D0) * 2] = (uint32_t)val;
		c->s[(n - ARMV7M_REG_D0) * 2 + 1] = (uint32_t)(val >> 32);
		return 0;
	}
	if (val > UINT32_MAX)
		return -1;
	uint32_t v = (uint32_t)val;
	switch (n) {
	case ARMV7M_REG_SP: c->r[13] = v & ~3u; return 0;
	case ARMV7M_REG_PC: c->pc = v & ~1u; return 0;
	case ARMV7M_REG_XPSR:
		if ((v & 0x1ff) != c->ipsr)
			return -1; /* the mode is not a debugger's to change */
		armv7m_set_apsr(c, v, true, true);
		c->itstate = (uint8_t)(((v >> 25) & 3) | ((v >> 10) & 0x3f) << 2);
		c->tbit = (v >> 24) & 1;
		return 0;
	case ARMV7M_REG_FPSCR: c->fpscr = v & FPSCR_MASK; return 0;
	case ARMV7M_REG_MSP: armv7m_set_msp(c, v); return 0;
	case ARMV7M_REG_PSP: armv7m_set_psp(c, v); return 0;
	case ARMV7M_REG_PRIMASK: c->primask = v & 1; c->exc_check = true; return 0;
	case ARMV7M_REG_BASEPRI: c->basepri = v & 0xff & (0xFF00u >> c->cfg.prio_bits); c->exc_check = true; return 0;
	case ARMV7M_REG_FAULTMASK: c->faultmask = v & 1; c->exc_check = true; return 0;
	case ARMV7M_REG_CONTROL: armv7m_set_control(c, v); return 0;
	}
	if (n < 15) {
		c->r[n] = v;
		return 0;
	}
	return -1;
}

static enum cpu_state state(const struct cpu *cpu) { return m_of_const(cpu)->state; }
static uint64_t pc(const struct cpu *cpu) { return m_of_const(cpu)->pc; }

static int read_mem(struct cpu *cpu, uint64_t addr, void *buf, size_t len)
{
	return bus_read_block(m_of(cpu)->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

static int write_mem(struct cpu *cpu, uint64_t addr, const void *buf, size_t len)
{
	return bus_write_block(m_of(cpu)->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

static uint64_t insns(const struct cpu *cpu) { return m_of_const(cpu)->instret; }
static uint64_t insns_total(const struct cpu *cpu)
{
	const struct m_core *c = m_of_const(cpu);
	return c->instret_past + c->instret;
}
static sim_time_t local_time(const struct cpu *cpu) { return m_of_const(cpu)->time; }

const struct cpu_ops armv7m_ops = {
	.set_reset = armv7m_op_set_reset,
	.irq = armv7m_irq,
	.state = state,
	.pc = pc,
	.get_reg = get_reg,
	.set_reg = set_reg,
	.read_mem = read_mem,
	.write_mem = write_mem,
	.insns = insns,
	.insns_total = insns_total,
	.local_time = local_time,
	.set_insn_limit = armv7m_op_set_insn_limit,
	.set_pause = armv7m_op_set_pause,
	.set_retire_hook = armv7m_op_set_retire_hook,
	.set_trace_insns = armv7m_op_set_trace_insns,
	.set_debug = armv7m_op_set_debug,
	.last_trap = armv7m_op_last_trap,
	.save = armv7m_save,
	.restore = armv7m_restore,
};

/* ---- the ISA ---- */

/* Capstone, Thumb-2 with the M-profile's system registers */
static unsigned disasm(const uint8_t *bytes, size_t len, uint64_t at, char *buf, size_t cap)
{
	unsigned need = len >= 2 ? armv7m_insn_len(le16_load(bytes)) : 2;
	if (len < need) {
		snprintf(buf, cap, "(%zu byte%s: not a whole instruction)", len, len == 1 ? "" : "s");
		return 0;
	}
	csh h;
	if (cs_open(CS_ARCH_ARM, (cs_mode)(CS_MODE_THUMB | CS_MODE_MCLASS), &h) != CS_ERR_OK) {
		snprintf(buf, cap, "(no disassembler: Capstone did not open)");
		return 0;
	}
	cs_insn *insn;
	size_t n = cs_disasm(h, bytes, need, at, 1, &insn);
	unsigned ret = 0;
	if (n == 1) {
		snprintf(buf, cap, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
		ret = insn->size;
		cs_free(insn, n);
	} else if (need == 2) {
		snprintf(buf, cap, ".inst.n 0x%04" PRIx16 " (undefined)", le16_load(bytes));
	} else {
		snprintf(buf, cap, ".inst.w 0x%04" PRIx16 "%04" PRIx16 " (undefined)", le16_load(bytes),
			 le16_load(bytes + 2));
	}
	cs_close(&h);
	return ret;
}

static struct cpu *create(struct sim *sim, struct bus *bus, const struct cpu_config *cfg)
{
	/* the platform's time base is SysTick's reference clock (CLKSOURCE 0) */
	struct armv7m_config mc = { .cpu = *cfg, .nirq = ARMV7M_MAX_IRQS, .systick_ref_hz = cfg->time_hz };
	struct armv7m_semihost sh = {
		.write = cfg->host_write, .exit = cfg->host_exit, .ctx = cfg->host_ctx,
	};
	if (cfg->host_write || cfg->host_exit)
		mc.semihost = &sh;
	return armv7m_create(sim, bus, &mc);
}

const struct cpu_isa armv7m_isa = {
	.name = "cortex-m4f",
	.description = "Arm Cortex-M4F: ARMv7E-M Thumb-2 with DSP, FPv4-SP, NVIC, SysTick, MPU",
	.elf_machine = EM_ARM,
	.elf_class = 32,
	.regs = regs,
	.nregs = ARMV7M_NREGS,
	.pc_regnum = ARMV7M_REG_PC,
	.sp_regnum = ARMV7M_REG_SP,
	.gdb_arch = "arm",
	.gdb_target_xml = target_xml,
	.core_note = &armv7m_core_note,
	.irq = { .external = -1, .timer = -1, .software = -1, .lines = ARMV7M_MAX_IRQS },
	.insn_max_len = 4,
	.insn_align = 2,
	.disasm = disasm,
	.create = create,
	.ops = &armv7m_ops,
};
