/* The instruction table: what the bits mean, in one place.  Execution,
 * the disassembler and the tests all decode through rv32_decode(); the
 * compressed forms are expanded to the base operation they stand for but
 * keep their own table entry (and name) for the disassembler. */
#ifndef RPSIM_RV32_DECODE_H
#define RPSIM_RV32_DECODE_H

#include <stdint.h>

#include "models/rv32/rv32.h"

#define RV32_OPS(X) \
	X(ILLEGAL) X(LUI) X(AUIPC) X(JAL) X(JALR) \
	X(BEQ) X(BNE) X(BLT) X(BGE) X(BLTU) X(BGEU) \
	X(LB) X(LH) X(LW) X(LBU) X(LHU) X(SB) X(SH) X(SW) \
	X(ADDI) X(SLTI) X(SLTIU) X(XORI) X(ORI) X(ANDI) X(SLLI) X(SRLI) X(SRAI) \
	X(ADD) X(SUB) X(SLL) X(SLT) X(SLTU) X(XOR) X(SRL) X(SRA) X(OR) X(AND) \
	X(FENCE) X(FENCE_I) X(ECALL) X(EBREAK) X(MRET) X(WFI) \
	X(CSRRW) X(CSRRS) X(CSRRC) X(CSRRWI) X(CSRRSI) X(CSRRCI) \
	X(MUL) X(MULH) X(MULHSU) X(MULHU) X(DIV) X(DIVU) X(REM) X(REMU) \
	X(LR_W) X(SC_W) X(AMOSWAP_W) X(AMOADD_W) X(AMOXOR_W) X(AMOAND_W) \
	X(AMOOR_W) X(AMOMIN_W) X(AMOMAX_W) X(AMOMINU_W) X(AMOMAXU_W)

enum rv32_op {
#define RV32_OP_ENUM(n) RV32_OP_##n,
	RV32_OPS(RV32_OP_ENUM)
#undef RV32_OP_ENUM
	RV32_NOPS
};

/* Operand layouts, for the disassembler. */
enum rv32_fmt {
	RV32_F_NONE,   /* ecall */
	RV32_F_R,      /* rd,rs1,rs2 */
	RV32_F_I,      /* rd,rs1,imm */
	RV32_F_SHIFT,  /* rd,rs1,0xshamt */
	RV32_F_LOAD,   /* rd,imm(rs1) */
	RV32_F_STORE,  /* rs2,imm(rs1) */
	RV32_F_BRANCH, /* rs1,rs2,target */
	RV32_F_U,      /* rd,0ximm20 */
	RV32_F_JAL,    /* rd,target */
	RV32_F_JALR,   /* rd,imm(rs1) */
	RV32_F_CSR,    /* rd,csr,rs1 */
	RV32_F_CSRI,   /* rd,csr,uimm */
	RV32_F_FENCE,  /* pred,succ */
	RV32_F_LR,     /* rd,(rs1) */
	RV32_F_AMO,    /* rd,rs2,(rs1) */
	/* compressed layouts as objdump prints them */
	RV32_F_C_RD_IMM,  /* c.addi rd,imm ; c.li ; c.andi ; c.addi16sp */
	RV32_F_C_RD_UIMM, /* c.lui rd,0ximm ; c.slli/srli/srai rd,0xsh */
	RV32_F_C_RD_RS2,  /* c.mv/c.add/c.sub... rd,rs2 */
	RV32_F_C_RS1,     /* c.jr/c.jalr rs1 */
	RV32_F_C_J,       /* c.j/c.jal target */
	RV32_F_C_B,       /* c.beqz rs1,target */
	RV32_F_C_SPN,     /* c.addi4spn rd,sp,uimm */
};

struct rv32_opdesc {
	const char *name;
	uint32_t match, mask;
	uint8_t op;    /* enum rv32_op */
	uint8_t fmt;   /* enum rv32_fmt */
	uint8_t cls;   /* enum rv32_class */
	uint8_t cform; /* compressed: how to extract the fields (rv32_decode.c) */
};

/* A decoded instruction. rd is 0 when the instruction writes no register;
 * imm holds the immediate, the csr number for CSR ops, the raw encoding for
 * ILLEGAL, (pred << 4 | succ) for FENCE and (aq << 1 | rl) for atomics. */
struct rv32_insn {
	uint8_t op, rd, rs1, rs2;
	int32_t imm;
	uint8_t len; /* 2 or 4 */
	uint8_t cls;
	const struct rv32_opdesc *desc; /* table entry (NULL: illegal) */
};

/* Decodes the instruction whose low bits are in raw (the upper half is
 * ignored when the low two bits say compressed). Never fails: unknown and
 * reserved encodings give RV32_OP_ILLEGAL. */
void rv32_decode(uint32_t raw, struct rv32_insn *out);

const char *rv32_op_name(enum rv32_op op);
/* ABI register name ("zero", "ra", "sp", ...). */
const char *rv32_reg_name(unsigned r);
/* CSR name as objdump prints it, NULL if it has none. */
const char *rv32_csr_name(unsigned csr);

/* Disassembles one instruction (objdump -M no-aliases syntax; branch
 * targets absolute, computed from pc). Returns the length (2 or 4).
 * rv32_isa.disasm wraps it for the core interface. */
unsigned rv32_disasm(uint32_t insn, uint32_t pc, char *buf, unsigned len);

/* The tables, for the tests that walk them. */
extern const struct rv32_opdesc rv32_base_table[];
extern const unsigned rv32_base_table_len;
extern const struct rv32_opdesc rv32_c_table[];
extern const unsigned rv32_c_table_len;

#endif
