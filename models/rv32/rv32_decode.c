/* The RV32IMAC + Zicsr + Zifencei instruction table and decoder.  Rows are
 * matched in order (first match wins), so a more specific encoding sits
 * above the general one it overlaps (c.addi16sp above c.lui, c.jr above
 * c.mv); anything no row matches is illegal. */
#include "models/rv32/rv32_decode.h"

#include <stddef.h>


#define B(nm, m, k, o, f, c) { nm, m, k, RV32_OP_##o, RV32_F_##f, RV32_CLASS_##c, 0 }

const struct rv32_opdesc rv32_base_table[] = {
	B("lui", 0x37, 0x7f, LUI, U, ALU),
	B("auipc", 0x17, 0x7f, AUIPC, U, ALU),
	B("jal", 0x6f, 0x7f, JAL, JAL, JUMP),
	B("jalr", 0x67, 0x707f, JALR, JALR, JUMP),
	B("beq", 0x63, 0x707f, BEQ, BRANCH, BRANCH),
	B("bne", 0x1063, 0x707f, BNE, BRANCH, BRANCH),
	B("blt", 0x4063, 0x707f, BLT, BRANCH, BRANCH),
	B("bge", 0x5063, 0x707f, BGE, BRANCH, BRANCH),
	B("bltu", 0x6063, 0x707f, BLTU, BRANCH, BRANCH),
	B("bgeu", 0x7063, 0x707f, BGEU, BRANCH, BRANCH),
	B("lb", 0x3, 0x707f, LB, LOAD, LOAD),
	B("lh", 0x1003, 0x707f, LH, LOAD, LOAD),
	B("lw", 0x2003, 0x707f, LW, LOAD, LOAD),
	B("lbu", 0x4003, 0x707f, LBU, LOAD, LOAD),
	B("lhu", 0x5003, 0x707f, LHU, LOAD, LOAD),
	B("sb", 0x23, 0x707f, SB, STORE, STORE),
	B("sh", 0x1023, 0x707f, SH, STORE, STORE),
	B("sw", 0x2023, 0x707f, SW, STORE, STORE),
	B("addi", 0x13, 0x707f, ADDI, I, ALU),
	B("slti", 0x2013, 0x707f, SLTI, I, ALU),
	B("sltiu", 0x3013, 0x707f, SLTIU, I, ALU),
	B("xori", 0x4013, 0x707f, XORI, I, ALU),
	B("ori", 0x6013, 0x707f, ORI, I, ALU),
	B("andi", 0x7013, 0x707f, ANDI, I, ALU),
	/* shamt[5] set is reserved on RV32: the mask makes it illegal */
	B("slli", 0x1013, 0xfe00707f, SLLI, SHIFT, ALU),
	B("srli", 0x5013, 0xfe00707f, SRLI, SHIFT, ALU),
	B("srai", 0x40005013, 0xfe00707f, SRAI, SHIFT, ALU),
	B("add", 0x33, 0xfe00707f, ADD, R, ALU),
	B("sub", 0x40000033, 0xfe00707f, SUB, R, ALU),
	B("sll", 0x1033, 0xfe00707f, SLL, R, ALU),
	B("slt", 0x2033, 0xfe00707f, SLT, R, ALU),
	B("sltu", 0x3033, 0xfe00707f, SLTU, R, ALU),
	B("xor", 0x4033, 0xfe00707f, XOR, R, ALU),
	B("srl", 0x5033, 0xfe00707f, SRL, R, ALU),
	B("sra", 0x40005033, 0xfe00707f, SRA, R, ALU),
	B("or", 0x6033, 0xfe00707f, OR, R, ALU),
	B("and", 0x7033, 0xfe00707f, AND, R, ALU),
	/* unused fence fields (fm, rs1, rd) are ignored, as the spec asks */
	B("fence", 0xf, 0x707f, FENCE, FENCE, ALU),
	B("fence.i", 0x100f, 0x707f, FENCE_I, NONE, ALU),
	B("ecall", 0x73, 0xffffffff, ECALL, NONE, SYSTEM),
	B("ebreak", 0x100073, 0xffffffff, EBREAK, NONE, SYSTEM),
	B("mret", 0x30200073, 0xffffffff, MRET, NONE, SYSTEM),
	B("wfi", 0x10500073, 0xffffffff, WFI, NONE, SYSTEM),
	B("csrrw", 0x1073, 0x707f, CSRRW, CSR, SYSTEM),
	B("csrrs", 0x2073, 0x707f, CSRRS, CSR, SYSTEM),
	B("csrrc", 0x3073, 0x707f, CSRRC, CSR, SYSTEM),
	B("csrrwi", 0x5073, 0x707f, CSRRWI, CSRI, SYSTEM),
	B("csrrsi", 0x6073, 0x707f, CSRRSI, CSRI, SYSTEM),
	B("csrrci", 0x7073, 0x707f, CSRRCI, CSRI, SYSTEM),
	B("mul", 0x2000033, 0xfe00707f, MUL, R, MUL),
	B("mulh", 0x2001033, 0xfe00707f, MULH, R, MUL),
	B("mulhsu", 0x2002033, 0xfe00707f, MULHSU, R, MUL),
	B("mulhu", 0x2003033, 0xfe00707f, MULHU, R, MUL),
	B("div", 0x2004033, 0xfe00707f, DIV, R, DIV),
	B("divu", 0x2005033, 0xfe00707f, DIVU, R, DIV),
	B("rem", 0x2006033, 0xfe00707f, REM, R, DIV),
	B("remu", 0x2007033, 0xfe00707f, REMU, R, DIV),
	B("lr.w", 0x1000202f, 0xf9f0707f, LR_W, LR, LOAD),
	B("sc.w", 0x1800202f, 0xf800707f, SC_W, AMO, STORE),
	B("amoswap.w", 0x0800202f, 0xf800707f, AMOSWAP_W, AMO, STORE),
	B("amoadd.w", 0x0000202f, 0xf800707f, AMOADD_W, AMO, STORE),
	B("amoxor.w", 0x2000202f, 0xf800707f, AMOXOR_W, AMO, STORE),
	B("amoand.w", 0x6000202f, 0xf800707f, AMOAND_W, AMO, STORE),
	B("amoor.w", 0x4000202f, 0xf800707f, AMOOR_W, AMO, STORE),
	B("amomin.w", 0x8000202f, 0xf800707f, AMOMIN_W, AMO, STORE),
	B("amomax.w", 0xa000202f, 0xf800707f, AMOMAX_W, AMO, STORE),
	B("amominu.w", 0xc000202f, 0xf800707f, AMOMINU_W, AMO, STORE),
	B("amomaxu.w", 0xe000202f, 0xf800707f, AMOMAXU_W, AMO, STORE),
};
const unsigned rv32_base_table_len = sizeof(rv32_base_table) / sizeof(rv32_base_table[0]);

/* How a compressed row's fields are extracted (cform). */
enum {
	CF_ADDI4SPN = 1, CF_LW, CF_SW, CF_ADDI, CF_JAL, CF_LI, CF_ADDI16SP, CF_LUI,
	CF_SRLI, CF_SRAI, CF_ANDI, CF_CA, CF_J, CF_BZ, CF_SLLI, CF_LWSP, CF_JR,
	CF_MV, CF_EBREAK, CF_JALR, CF_ADD, CF_SWSP,
};

#define CC(nm, m, k, o, f, c, cf) { nm, m, k, RV32_OP_##o, RV32_F_##f, RV32_CLASS_##c, cf }

const struct rv32_opdesc rv32_c_table[] = {
	CC("c.addi4spn", 0x0000, 0xe003, ADDI, C_SPN, ALU, CF_ADDI4SPN),
	CC("c.lw", 0x4000, 0xe003, LW, LOAD, LOAD, CF_LW),
	CC("c.sw", 0xc000, 0xe003, SW, STORE, STORE, CF_SW),
	CC("c.addi", 0x0001, 0xe003, ADDI, C_RD_IMM, ALU, CF_ADDI),
	CC("c.jal", 0x2001, 0xe003, JAL, C_J, JUMP, CF_JAL),
	CC("c.li", 0x4001, 0xe003, ADDI, C_RD_IMM, ALU, CF_LI),
	CC("c.addi16sp", 0x6101, 0xef83, ADDI, C_RD_IMM, ALU, CF_ADDI16SP),
	CC("c.lui", 0x6001, 0xe003, LUI, C_RD_UIMM, ALU, CF_LUI),
	CC("c.srli", 0x8001, 0xec03, SRLI, C_RD_UIMM, ALU, CF_SRLI),
	CC("c.srai", 0x8401, 0xec03, SRAI, C_RD_UIMM, ALU, CF_SRAI),
	CC("c.andi", 0x8801, 0xec03, ANDI, C_RD_IMM, ALU, CF_ANDI),
	CC("c.sub", 0x8c01, 0xfc63, SUB, C_RD_RS2, ALU, CF_CA),
	CC("c.xor", 0x8c21, 0xfc63, XOR, C_RD_RS2, ALU, CF_CA),
	CC("c.or", 0x8c41, 0xfc63, OR, C_RD_RS2, ALU, CF_CA),
	CC("c.and", 0x8c61, 0xfc63, AND, C_RD_RS2, ALU, CF_CA),
	CC("c.j", 0xa001, 0xe003, JAL, C_J, JUMP, CF_J),
	CC("c.beqz", 0xc001, 0xe003, BEQ, C_B, BRANCH, CF_BZ),
	CC("c.bnez", 0xe001, 0xe003, BNE, C_B, BRANCH, CF_BZ),
	CC("c.slli", 0x0002, 0xe003, SLLI, C_RD_UIMM, ALU, CF_SLLI),
	CC("c.lwsp", 0x4002, 0xe003, LW, LOAD, LOAD, CF_LWSP),
	CC("c.jr", 0x8002, 0xf07f, JALR, C_RS1, JUMP, CF_JR),
	CC("c.mv", 0x8002, 0xf003, ADD, C_RD_RS2, ALU, CF_MV),
	CC("c.ebreak", 0x9002, 0xffff, EBREAK, NONE, SYSTEM, CF_EBREAK),
	CC("c.jalr", 0x9002, 0xf07f, JALR, C_RS1, JUMP, CF_JALR),
	CC("c.add", 0x9002, 0xf003, ADD, C_RD_RS2, ALU, CF_ADD),
	CC("c.swsp", 0xc002, 0xe003, SW, STORE, STORE, CF_SWSP),
};
const unsigned rv32_c_table_len = sizeof(rv32_c_table) / sizeof(rv32_c_table[0]);

static const char *const op_names[RV32_NOPS] = {
#define RV32_OP_NAME(n) #n,
	RV32_OPS(RV32_OP_NAME)
#undef RV32_OP_NAME
};

const char *rv32_op_name(enum rv32_op op)
{
	return (unsigned)op < RV32_NOPS ? op_names[op] : "?";
}

static inline uint32_t bits(uint32_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* Sign-extends the low n bits of v. */
static inline int32_t sext(uint32_t v, unsigned n)
{
	uint32_t m = 1u << (n - 1);
	v &= (n == 32) ? 0xffffffffu : ((1u << n) - 1);
	return (int32_t)((v ^ m) - m);
}

static void base_fields(uint32_t r, const struct rv32_opdesc *d, struct rv32_insn *o)
{
	unsigned rd = bits(r, 11, 7), rs1 = bits(r, 19, 15), rs2 = bits(r, 24, 20);
	switch (d->fmt) {
	case RV32_F_R:
		o->rd = rd, o->rs1 = rs1, o->rs2 = rs2;
		break;
	case RV32_F_I:
	case RV32_F_LOAD:
	case RV32_F_JALR:
		o->rd = rd, o->rs1 = rs1, o->imm = sext(r >> 20, 12);
		break;
	case RV32_F_SHIFT:
		o->rd = rd, o->rs1 = rs1, o->imm = (int32_t)rs2;
		break;
	case RV32_F_STORE:
		o->rs1 = rs1, o->rs2 = rs2;
		o->imm = sext((bits(r, 31, 25) << 5) | bits(r, 11, 7), 12);
		break;
	case RV32_F_BRANCH:
		o->rs1 = rs1, o->rs2 = rs2;
		o->imm = sext((bits(r, 31, 31) << 12) | (bits(r, 7, 7) << 11) |
			      (bits(r, 30, 25) << 5) | (bits(r, 11, 8) << 1), 13);
		break;
	case RV32_F_U:
		o->rd = rd, o->imm = (int32_t)(r & 0xfffff000u);
		break;
	case RV32_F_JAL:
		o->rd = rd;
		o->imm = sext((bits(r, 31, 31) << 20) | (bits(r, 19, 12) << 12) |
			      (bits(r, 20, 20) << 11) | (bits(r, 30, 21) << 1), 21);
		break;
	case RV32_F_CSR:
	case RV32_F_CSRI:
		o->rd = rd, o->rs1 = rs1, o->imm = (int32_t)(r >> 20);
		break;
	case RV32_F_FENCE:
		o->imm = (int32_t)bits(r, 27, 20);
		break;
	case RV32_F_LR:
	case RV32_F_AMO:
		o->rd = rd, o->rs1 = rs1, o->rs2 = d->fmt == RV32_F_AMO ? rs2 : 0;
		o->imm = (int32_t)bits(r, 26, 25);
		break;
	default:
		break;
	}
}

/* Returns 0, or -1 for a reserved encoding of an otherwise matching row. */
static int c_fields(uint32_t r, const struct rv32_opdesc *d, struct rv32_insn *o)
{
	unsigned rdf = bits(r, 11, 7), rs2f = bits(r, 6, 2);
	unsigned rdp = bits(r, 4, 2) + 8, rs1p = bits(r, 9, 7) + 8;
	int32_t ci = sext((bits(r, 12, 12) << 5) | bits(r, 6, 2), 6);
	uint32_t sh = (bits(r, 12, 12) << 5) | bits(r, 6, 2);
	int32_t cj = sext((bits(r, 12, 12) << 11) | (bits(r, 11, 11) << 4) | (bits(r, 10, 9) << 8) |
			  (bits(r, 8, 8) << 10) | (bits(r, 7, 7) << 6) | (bits(r, 6, 6) << 7) |
			  (bits(r, 5, 3) << 1) | (bits(r, 2, 2) << 5), 12);
	switch (d->cform) {
	case CF_ADDI4SPN:
		o->rd = rdp, o->rs1 = 2;
		o->imm = (int32_t)((bits(r, 12, 11) << 4) | (bits(r, 10, 7) << 6) |
				   (bits(r, 6, 6) << 2) | (bits(r, 5, 5) << 3));
		return o->imm ? 0 : -1;
	case CF_LW:
	case CF_SW:
		o->rs1 = rs1p;
		if (d->cform == CF_LW)
			o->rd = rdp;
		else
			o->rs2 = rdp;
		o->imm = (int32_t)((bits(r, 12, 10) << 3) | (bits(r, 6, 6) << 2) | (bits(r, 5, 5) << 6));
		return 0;
	case CF_ADDI:
		o->rd = o->rs1 = rdf, o->imm = ci;
		return 0;
	case CF_LI:
		o->rd = rdf, o->rs1 = 0, o->imm = ci;
		return 0;
	case CF_JAL:
	case CF_J:
		o->rd = d->cform == CF_JAL ? 1 : 0, o->imm = cj;
		return 0;
	case CF_ADDI16SP:
		o->rd = o->rs1 = 2;
		o->imm = sext((bits(r, 12, 12) << 9) | (bits(r, 6, 6) << 4) | (bits(r, 5, 5) << 6) |
			      (bits(r, 4, 3) << 7) | (bits(r, 2, 2) << 5), 10);
		return o->imm ? 0 : -1;
	case CF_LUI:
		o->rd = rdf, o->imm = (int32_t)((uint32_t)ci << 12);
		return o->imm ? 0 : -1;
	case CF_SRLI:
	case CF_SRAI:
	case CF_SLLI:
		o->rd = o->rs1 = d->cform == CF_SLLI ? rdf : rs1p;
		o->imm = (int32_t)sh;
		return (sh & 0x20) ? -1 : 0; /* shamt[5] reserved on RV32 */
	case CF_ANDI:
		o->rd = o->rs1 = rs1p, o->imm = ci;
		return 0;
	case CF_CA:
		o->rd = o->rs1 = rs1p, o->rs2 = rdp;
		return 0;
	case CF_BZ:
		o->rs1 = rs1p, o->rs2 = 0;
		o->imm = sext((bits(r, 12, 12) << 8) | (bits(r, 11, 10) << 3) | (bits(r, 6, 5) << 6) |
			      (bits(r, 4, 3) << 1) | (bits(r, 2, 2) << 5), 9);
		return 0;
	case CF_LWSP:
		o->rd = rdf, o->rs1 = 2;
		o->imm = (int32_t)((bits(r, 12, 12) << 5) | (bits(r, 6, 4) << 2) | (bits(r, 3, 2) << 6));
		return rdf ? 0 : -1;
	case CF_SWSP:
		o->rs1 = 2, o->rs2 = rs2f;
		o->imm = (int32_t)((bits(r, 12, 9) << 2) | (bits(r, 8, 7) << 6));
		return 0;
	case CF_JR:
	case CF_JALR:
		o->rd = d->cform == CF_JALR ? 1 : 0, o->rs1 = rdf, o->imm = 0;
		return rdf ? 0 : -1;
	case CF_MV:
		o->rd = rdf, o->rs1 = 0, o->rs2 = rs2f;
		return 0;
	case CF_ADD:
		o->rd = o->rs1 = rdf, o->rs2 = rs2f;
		return 0;
	case CF_EBREAK:
		return 0;
	default:
		return -1;
	}
}

static void illegal(uint32_t raw, unsigned len, struct rv32_insn *o)
{
	*o = (struct rv32_insn){ .op = RV32_OP_ILLEGAL, .len = (uint8_t)len,
				 .cls = RV32_CLASS_SYSTEM,
				 .imm = (int32_t)(len == 2 ? (raw & 0xffff) : raw) };
}

void rv32_decode(uint32_t raw, struct rv32_insn *o)
{
	if ((raw & 3) != 3) {
		uint32_t r = raw & 0xffff;
		for (unsigned i = 0; i < rv32_c_table_len; i++) {
			const struct rv32_opdesc *d = &rv32_c_table[i];
			if ((r & d->mask) != d->match)
				continue;
			*o = (struct rv32_insn){ .op = d->op, .len = 2, .cls = d->cls, .desc = d };
			if (c_fields(r, d, o) < 0)
				break;
			return;
		}
		illegal(r, 2, o);
		return;
	}
	/* 48-bit and longer encodings (bits 4:2 all ones) are not supported:
	 * treat them as illegal 32-bit words, as a core without them would */
	for (unsigned i = 0; i < rv32_base_table_len; i++) {
		const struct rv32_opdesc *d = &rv32_base_table[i];
		if ((raw & d->mask) != d->match)
			continue;
		*o = (struct rv32_insn){ .op = d->op, .len = 4, .cls = d->cls, .desc = d };
		base_fields(raw, d, o);
		return;
	}
	illegal(raw, 4, o);
}
