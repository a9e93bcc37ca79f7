/* The RV32 core behind the core interface (sim/core/cpu.h): the ISA's
 * description (register file in GDB's numbering, target description,
 * interrupt inputs, disassembler) and the per-core ops that read and
 * write registers and memory as a debugger does.  Run control lives in
 * rv32_core.c, snapshots in rv32_snap.c. */
#include <limits.h>
#include <stdio.h>

#include "models/rv32/rv32_priv.h"
#include "models/rv32/rv32_regs.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"

#define EM_RISCV 243

/* ---- the register file ---- */

enum {
#define RV32_CSRIDX(regnum, num, name) RV32_CSRI_##name,
	RV32_CSRS(RV32_CSRIDX)
#undef RV32_CSRIDX
	RV32_NCSRS
};
#define RV32_CSRCHECK(regnum, num, name) \
	_Static_assert((regnum) == RV32_REG_PC + 1 + RV32_CSRI_##name, "CSR " #name " out of order");
RV32_CSRS(RV32_CSRCHECK)
#undef RV32_CSRCHECK
_Static_assert(RV32_REG_PRIV == RV32_REG_PC + 1 + RV32_NCSRS, "priv follows the CSRs");
_Static_assert(RV32_NREGS == RV32_REG_PRIV + 1, "priv is the last register");

static const uint16_t csr_of_reg[RV32_NCSRS] = {
#define RV32_CSRNUM(regnum, num, name) num,
	RV32_CSRS(RV32_CSRNUM)
#undef RV32_CSRNUM
};

static const struct cpu_reg_info regs[RV32_NREGS] = {
#define RV32_XINFO(n, name, type) [n] = { #name, 32, CPU_REG_GENERAL },
	RV32_XREGS(RV32_XINFO)
#undef RV32_XINFO
	[RV32_REG_PC] = { "pc", 32, CPU_REG_GENERAL },
#define RV32_CSRINFO(regnum, num, name) [regnum] = { #name, 32, CPU_REG_SYSTEM },
	RV32_CSRS(RV32_CSRINFO)
#undef RV32_CSRINFO
	[RV32_REG_PRIV] = { "priv", 32, CPU_REG_SYSTEM },
};

/* qXfer:features:read target.xml: GDB's riscv.cpu feature (x0..x31 by
 * their ABI names, pc), the CSRs with the numbers this core gives them,
 * and the privilege mode as GDB's virtual register. */
#define RV32_XXML(n, name, type) "<reg name=\"" #name "\" bitsize=\"32\" type=\"" #type "\" regnum=\"" #n "\"/>\n"
#define RV32_CSRXML(regnum, num, name) \
	"<reg name=\"" #name "\" bitsize=\"32\" type=\"int\" regnum=\"" #regnum "\" group=\"system\"/>\n"
#define RV32_STR(x) RV32_STR2(x)
#define RV32_STR2(x) #x
static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target version=\"1.0\">\n"
	"<architecture>riscv:rv32</architecture>\n"
	"<feature name=\"org.gnu.gdb.riscv.cpu\">\n"
	RV32_XREGS(RV32_XXML)
	"<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.riscv.csr\">\n"
	RV32_CSRS(RV32_CSRXML)
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
	"<reg name=\"priv\" bitsize=\"32\" type=\"int\" regnum=\"" RV32_STR(RV32_REG_PRIV_NUM) "\" group=\"system\"/>\n"
	"</feature>\n"
	"</target>\n";

int rv32_csr_regnum(unsigned csr)
{
	for (unsigned i = 0; i < RV32_NCSRS; i++)
		if (csr_of_reg[i] == csr)
			return (int)(RV32_REG_PC + 1 + i);
	return -1;
}

static int get_reg(struct cpu *cpu, unsigned n, uint64_t *val)
{
	struct rv32_core *c = rv32_of(cpu);
	uint32_t v;
	if (n < 32)
		v = c->x[n];
	else if (n == RV32_REG_PC)
		v = c->pc;
	else if (n == RV32_REG_PRIV)
		v = c->priv;
	else if (n < RV32_REG_PRIV && rv32_csr_get(c, csr_of_reg[n - RV32_REG_PC - 1], &v) == 0)
		;
	else
		return -1;
	*val = v;
	return 0;
}

static int set_reg(struct cpu *cpu, unsigned n, uint64_t val)
{
	struct rv32_core *c = rv32_of(cpu);
	if (val > UINT32_MAX)
		return -1;
	uint32_t v = (uint32_t)val;
	if (n < 32) {
		if (n)
			c->x[n] = v;
		return 0;
	}
	if (n == RV32_REG_PC) {
		c->pc = v & ~1u; /* with C every instruction starts at an even address */
		return 0;
	}
	if (n == RV32_REG_PRIV) {
		if (v != PRV_M && v != PRV_U)
			return -1; /* no S mode */
		c->priv = v;
		/* the windows and the fetch checks hold for one privilege */
		rv32_invalidate_windows(c);
		c->last_page = NULL;
		return 0;
	}
	if (n < RV32_REG_PRIV)
		return rv32_csr_set(c, csr_of_reg[n - RV32_REG_PC - 1], v);
	return -1;
}

/* ---- the rest of the per-core ops ---- */

static enum cpu_state state(const struct cpu *cpu)
{
	return rv32_of_const(cpu)->state;
}

static uint64_t pc(const struct cpu *cpu)
{
	return rv32_of_const(cpu)->pc;
}

/* Block copies through the core's view check the whole range and touch
 * nothing when a byte is not RAM; writes notify the RAM's code watchers,
 * which keeps this core's (and any other's) decoded instructions true. */
static int read_mem(struct cpu *cpu, uint64_t addr, void *buf, size_t len)
{
	return bus_read_block(rv32_of(cpu)->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

static int write_mem(struct cpu *cpu, uint64_t addr, const void *buf, size_t len)
{
	return bus_write_block(rv32_of(cpu)->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

static uint64_t insns(const struct cpu *cpu)
{
	return rv32_of_const(cpu)->instret;
}

static uint64_t insns_total(const struct cpu *cpu)
{
	const struct rv32_core *c = rv32_of_const(cpu);
	return c->instret_past + c->instret;
}

static sim_time_t local_time(const struct cpu *cpu)
{
	return rv32_of_const(cpu)->time;
}

const struct cpu_ops rv32_ops = {
	.set_reset = rv32_op_set_reset,
	.irq = rv32_irq,
	.state = state,
	.pc = pc,
	.get_reg = get_reg,
	.set_reg = set_reg,
	.read_mem = read_mem,
	.write_mem = write_mem,
	.insns = insns,
	.insns_total = insns_total,
	.local_time = local_time,
	.set_insn_limit = rv32_op_set_insn_limit,
	.set_pause = rv32_op_set_pause,
	.set_retire_hook = rv32_op_set_retire_hook,
	.set_trace_insns = rv32_op_set_trace_insns,
	.set_debug = rv32_op_set_debug,
	.last_trap = rv32_op_last_trap,
	.save = rv32_save,
	.restore = rv32_restore,
};

/* ---- the core file's register note ----
 * Linux/RISC-V's struct elf_prstatus for RV32 as BFD reads it
 * (elfnn-riscv.c, riscv_elf_grok_prstatus): 204 bytes, pr_cursig at 12,
 * pr_pid at 24, pr_reg at 72: 32 words, pc in the slot of x0 (GDB's
 * riscv-linux-tdep.c regmap), then x1..x31. */
static const uint16_t note_slots[32] = {
	RV32_REG_PC, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};
static const struct cpu_core_note core_note = {
	.size = 204, .cursig_off = 12, .pid_off = 24, .reg_off = 72,
	.reg_bytes = 4, .nslots = 32, .slots = note_slots,
};

/* ---- the ISA ---- */

static unsigned disasm(const uint8_t *bytes, size_t len, uint64_t at, char *buf, size_t cap)
{
	if (len < 2 || ((bytes[0] & 3) == 3 && len < 4)) {
		snprintf(buf, cap, "(%zu byte%s: not a whole instruction)", len, len == 1 ? "" : "s");
		return 0;
	}
	uint32_t raw = le16_load(bytes);
	if ((raw & 3) == 3)
		raw |= (uint32_t)le16_load(bytes + 2) << 16;
	return rv32_disasm(raw, (uint32_t)at, buf, cap > UINT_MAX ? UINT_MAX : (unsigned)cap);
}

static struct cpu *create(struct sim *sim, struct bus *bus, const struct cpu_config *cfg)
{
	struct rv32_config rc = { .cpu = *cfg };
	return rv32_create(sim, bus, &rc);
}

const struct cpu_isa rv32_isa = {
	.name = "rv32imac",
	.description = "RV32IMAC with Zicsr and Zifencei, M and U modes, PMP",
	.elf_machine = EM_RISCV,
	.elf_class = 32,
	.regs = regs,
	.nregs = RV32_NREGS,
	.pc_regnum = RV32_REG_PC,
	.sp_regnum = 2,
	.gdb_arch = "riscv:rv32",
	.gdb_target_xml = target_xml,
	.core_note = &core_note,
	.irq = { .external = RV32_IRQ_MEI, .timer = RV32_IRQ_MTI, .software = RV32_IRQ_MSI, .lines = 0 },
	.insn_max_len = 4,
	.insn_align = 2,
	.disasm = disasm,
	.create = create,
	.ops = &rv32_ops,
};
