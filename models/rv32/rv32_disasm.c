/* Disassembler driven by the decode table, in the syntax of
 * riscv64-unknown-elf-objdump -M no-aliases (which the tests compare
 * against), except that branch targets carry no <symbol>. */
#include <stdio.h>

#include "models/rv32/rv32_decode.h"
#include "models/rv32/rv32_regs.h"

static const char *const reg_names[32] = {
#define RV32_XNAME(n, name, type) [n] = #name,
	RV32_XREGS(RV32_XNAME)
#undef RV32_XNAME
};

const char *rv32_reg_name(unsigned r)
{
	return r < 32 ? reg_names[r] : "?";
}

struct csr_name {
	uint16_t num;
	const char *name;
};

static const struct csr_name csr_names[] = {
#define RV32_CSRNAME(regnum, num, name) { num, #name },
	RV32_CSRS(RV32_CSRNAME)
#undef RV32_CSRNAME
};

const char *rv32_csr_name(unsigned csr)
{
	for (unsigned i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++)
		if (csr_names[i].num == csr)
			return csr_names[i].name;
	return NULL;
}

static void csr_text(unsigned csr, char *buf, size_t len)
{
	const char *n = rv32_csr_name(csr);
	if (n)
		snprintf(buf, len, "%s", n);
	else if (csr >= 0xb03 && csr <= 0xb1f)
		snprintf(buf, len, "mhpmcounter%u", csr - 0xb00);
	else if (csr >= 0xb83 && csr <= 0xb9f)
		snprintf(buf, len, "mhpmcounter%uh", csr - 0xb80);
	else if (csr >= 0xc03 && csr <= 0xc1f)
		snprintf(buf, len, "hpmcounter%u", csr - 0xc00);
	else if (csr >= 0xc83 && csr <= 0xc9f)
		snprintf(buf, len, "hpmcounter%uh", csr - 0xc80);
	else if (csr >= 0x323 && csr <= 0x33f)
		snprintf(buf, len, "mhpmevent%u", csr - 0x320);
	else
		snprintf(buf, len, "0x%x", csr);
}

static void fence_set(unsigned v, char *buf)
{
	static const char io[] = "iorw";
	unsigned n = 0;
	for (unsigned i = 0; i < 4; i++)
		if (v & (8u >> i))
			buf[n++] = io[i];
	if (!n)
		buf[n++] = '0';
	buf[n] = 0;
}

unsigned rv32_disasm(uint32_t raw, uint32_t pc, char *buf, unsigned len)
{
	struct rv32_insn d;
	rv32_decode(raw, &d);
	const struct rv32_opdesc *t = d.desc;
	const char *rd = reg_names[d.rd], *rs1 = reg_names[d.rs1], *rs2 = reg_names[d.rs2];
	uint32_t target = pc + (uint32_t)d.imm;
	char cs[24], p[6], s[6];
	if (!t) {
		if (d.len == 2)
			snprintf(buf, len, ".2byte 0x%x", raw & 0xffff);
		else
			snprintf(buf, len, ".word 0x%08x", raw);
		return d.len;
	}
	const char *n = t->name;
	switch (t->fmt) {
	case RV32_F_NONE: snprintf(buf, len, "%s", n); break;
	case RV32_F_R: snprintf(buf, len, "%s %s,%s,%s", n, rd, rs1, rs2); break;
	case RV32_F_I: snprintf(buf, len, "%s %s,%s,%d", n, rd, rs1, d.imm); break;
	case RV32_F_SHIFT: snprintf(buf, len, "%s %s,%s,0x%x", n, rd, rs1, (unsigned)d.imm); break;
	case RV32_F_LOAD:
	case RV32_F_JALR: snprintf(buf, len, "%s %s,%d(%s)", n, rd, d.imm, rs1); break;
	case RV32_F_STORE: snprintf(buf, len, "%s %s,%d(%s)", n, rs2, d.imm, rs1); break;
	case RV32_F_BRANCH: snprintf(buf, len, "%s %s,%s,%x", n, rs1, rs2, target); break;
	case RV32_F_U: snprintf(buf, len, "%s %s,0x%x", n, rd, (uint32_t)d.imm >> 12); break;
	case RV32_F_JAL: snprintf(buf, len, "%s %s,%x", n, rd, target); break;
	case RV32_F_CSR:
		csr_text((unsigned)d.imm, cs, sizeof(cs));
		snprintf(buf, len, "%s %s,%s,%s", n, rd, cs, rs1);
		break;
	case RV32_F_CSRI:
		csr_text((unsigned)d.imm, cs, sizeof(cs));
		snprintf(buf, len, "%s %s,%s,%u", n, rd, cs, d.rs1);
		break;
	case RV32_F_FENCE:
		fence_set((unsigned)d.imm >> 4, p);
		fence_set((unsigned)d.imm & 15, s);
		snprintf(buf, len, "%s %s,%s", n, p, s);
		break;
	case RV32_F_LR:
	case RV32_F_AMO: {
		static const char *const ord[4] = { "", ".rl", ".aq", ".aqrl" };
		if (t->fmt == RV32_F_LR)
			snprintf(buf, len, "%s%s %s,(%s)", n, ord[d.imm & 3], rd, rs1);
		else
			snprintf(buf, len, "%s%s %s,%s,(%s)", n, ord[d.imm & 3], rd, rs2, rs1);
		break;
	}
	case RV32_F_C_RD_IMM: snprintf(buf, len, "%s %s,%d", n, rd, d.imm); break;
	case RV32_F_C_RD_UIMM:
		snprintf(buf, len, "%s %s,0x%x", n, rd,
			 d.op == RV32_OP_LUI ? ((uint32_t)d.imm >> 12) : (uint32_t)d.imm);
		break;
	case RV32_F_C_RD_RS2: snprintf(buf, len, "%s %s,%s", n, rd, rs2); break;
	case RV32_F_C_RS1: snprintf(buf, len, "%s %s", n, rs1); break;
	case RV32_F_C_J: snprintf(buf, len, "%s %x", n, target); break;
	case RV32_F_C_B: snprintf(buf, len, "%s %s,%x", n, rs1, target); break;
	case RV32_F_C_SPN: snprintf(buf, len, "%s %s,sp,%d", n, rd, d.imm); break;
	default: snprintf(buf, len, "%s ?", n); break;
	}
	return d.len;
}
