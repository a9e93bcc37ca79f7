/* RV32 decoder and disassembler: every table row decodes from a real
 * encoding, reserved and unknown encodings are illegal, and the
 * disassembly matches riscv64-unknown-elf-objdump -d -M no-aliases
 * (binutils 2.40; the golden lines below are its output with the
 * "<symbol>" and "# comment" parts removed). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "models/rv32/rv32_decode.h"
#include "tests/unit/check_main.h"

struct golden {
	uint32_t pc, enc;
	const char *text;
};

static const struct golden golden[] = {
	{ 0x0, 0x12345537, "lui a0,0x12345" },
	{ 0x4, 0x00001597, "auipc a1,0x1" },
	{ 0x8, 0x010000ef, "jal ra,18" },
	{ 0xc, 0x004500e7, "jalr ra,4(a0)" },
	{ 0x10, 0xfeb50ce3, "beq a0,a1,8" },
	{ 0x14, 0x00629663, "bne t0,t1,20" },
	{ 0x18, 0x00b540e3, "blt a0,a1,818" },
	{ 0x1c, 0x80b55063, "bge a0,a1,fffff01c" },
	{ 0x20, 0xfe0566e3, "bltu a0,zero,c" },
	{ 0x24, 0x00947263, "bgeu s0,s1,28" },
	{ 0x28, 0xffc10503, "lb a0,-4(sp)" },
	{ 0x2c, 0x00211503, "lh a0,2(sp)" },
	{ 0x30, 0x80012503, "lw a0,-2048(sp)" },
	{ 0x34, 0x7ff14503, "lbu a0,2047(sp)" },
	{ 0x38, 0x0002df83, "lhu t6,0(t0)" },
	{ 0x3c, 0x00b10423, "sb a1,8(sp)" },
	{ 0x40, 0xfeb11c23, "sh a1,-8(sp)" },
	{ 0x44, 0xc42e, "c.swsp a1,8(sp)" },
	{ 0x46, 0xffb58513, "addi a0,a1,-5" },
	{ 0x4a, 0xfff5a513, "slti a0,a1,-1" },
	{ 0x4e, 0x0015b513, "sltiu a0,a1,1" },
	{ 0x52, 0xfff5c513, "xori a0,a1,-1" },
	{ 0x56, 0x0ff5e513, "ori a0,a1,255" },
	{ 0x5a, 0x7ff5f513, "andi a0,a1,2047" },
	{ 0x5e, 0x00359513, "slli a0,a1,0x3" },
	{ 0x62, 0x01f5d513, "srli a0,a1,0x1f" },
	{ 0x66, 0x41f5d513, "srai a0,a1,0x1f" },
	{ 0x6a, 0x00c58533, "add a0,a1,a2" },
	{ 0x6e, 0x40b50033, "sub zero,a0,a1" },
	{ 0x72, 0x007312b3, "sll t0,t1,t2" },
	{ 0x76, 0x0149a933, "slt s2,s3,s4" },
	{ 0x7a, 0x017b3ab3, "sltu s5,s6,s7" },
	{ 0x7e, 0x01accc33, "xor s8,s9,s10" },
	{ 0x82, 0x01de5db3, "srl s11,t3,t4" },
	{ 0x86, 0x401fdf33, "sra t5,t6,ra" },
	{ 0x8a, 0x002261b3, "or gp,tp,sp" },
	{ 0x8e, 0x00c5f533, "and a0,a1,a2" },
	{ 0x92, 0x0ff0000f, "fence iorw,iorw" },
	{ 0x96, 0x0210000f, "fence r,w" },
	{ 0x9a, 0x0000100f, "fence.i" },
	{ 0x9e, 0x00000073, "ecall" },
	{ 0xa2, 0x9002, "c.ebreak" },
	{ 0xa4, 0x30200073, "mret" },
	{ 0xa8, 0x10500073, "wfi" },
	{ 0xac, 0x30059573, "csrrw a0,mstatus,a1" },
	{ 0xb0, 0x7c002573, "csrrs a0,0x7c0,zero" },
	{ 0xb4, 0x34163573, "csrrc a0,mepc,a2" },
	{ 0xb8, 0x305fd573, "csrrwi a0,mtvec,31" },
	{ 0xbc, 0x3400e573, "csrrsi a0,mscratch,1" },
	{ 0xc0, 0x3042f573, "csrrci a0,mie,5" },
	{ 0xc4, 0xc0002573, "csrrs a0,cycle,zero" },
	{ 0xc8, 0xf1402573, "csrrs a0,mhartid,zero" },
	{ 0xcc, 0x02c58533, "mul a0,a1,a2" },
	{ 0xd0, 0x02c59533, "mulh a0,a1,a2" },
	{ 0xd4, 0x02c5a533, "mulhsu a0,a1,a2" },
	{ 0xd8, 0x02c5b533, "mulhu a0,a1,a2" },
	{ 0xdc, 0x02c5c533, "div a0,a1,a2" },
	{ 0xe0, 0x02c5d533, "divu a0,a1,a2" },
	{ 0xe4, 0x02c5e533, "rem a0,a1,a2" },
	{ 0xe8, 0x02c5f533, "remu a0,a1,a2" },
	{ 0xec, 0x1005a52f, "lr.w a0,(a1)" },
	{ 0xf0, 0x1ec5a52f, "sc.w.aqrl a0,a2,(a1)" },
	{ 0xf4, 0x08c5a52f, "amoswap.w a0,a2,(a1)" },
	{ 0xf8, 0x04c5a52f, "amoadd.w.aq a0,a2,(a1)" },
	{ 0xfc, 0x22c5a52f, "amoxor.w.rl a0,a2,(a1)" },
	{ 0x100, 0x60c5a52f, "amoand.w a0,a2,(a1)" },
	{ 0x104, 0x40c5a52f, "amoor.w a0,a2,(a1)" },
	{ 0x108, 0x80c5a52f, "amomin.w a0,a2,(a1)" },
	{ 0x10c, 0xa0c5a52f, "amomax.w a0,a2,(a1)" },
	{ 0x110, 0xc0c5a52f, "amominu.w a0,a2,(a1)" },
	{ 0x114, 0xe0c5a52f, "amomaxu.w a0,a2,(a1)" },
	{ 0x118, 0x1fe8, "c.addi4spn a0,sp,1020" },
	{ 0x11a, 0x41c8, "c.lw a0,4(a1)" },
	{ 0x11c, 0xdde8, "c.sw a0,124(a1)" },
	{ 0x11e, 0x1501, "c.addi a0,-32" },
	{ 0x120, 0x3001, "c.jal fffff920" },
	{ 0x122, 0x457d, "c.li a0,31" },
	{ 0x124, 0x7101, "c.addi16sp sp,-512" },
	{ 0x126, 0x7501, "c.lui a0,0xfffe0" },
	{ 0x128, 0x817d, "c.srli a0,0x1f" },
	{ 0x12a, 0x850d, "c.srai a0,0x3" },
	{ 0x12c, 0x997d, "c.andi a0,-1" },
	{ 0x12e, 0x8d0d, "c.sub a0,a1" },
	{ 0x130, 0x8c25, "c.xor s0,s1" },
	{ 0x132, 0x8f5d, "c.or a4,a5" },
	{ 0x134, 0x8d6d, "c.and a0,a1" },
	{ 0x136, 0xaffd, "c.j 934" },
	{ 0x138, 0xd101, "c.beqz a0,38" },
	{ 0x13a, 0xeffd, "c.bnez a5,238" },
	{ 0x13c, 0x057e, "c.slli a0,0x1f" },
	{ 0x13e, 0x557e, "c.lwsp a0,252(sp)" },
	{ 0x140, 0x8502, "c.jr a0" },
	{ 0x142, 0x852e, "c.mv a0,a1" },
	{ 0x144, 0x9002, "c.ebreak" },
	{ 0x146, 0x9282, "c.jalr t0" },
	{ 0x148, 0x952e, "c.add a0,a1" },
	{ 0x14a, 0xc006, "c.swsp ra,0(sp)" },
	/* the assembler compressed the other ones */
	{ 0x200, 0x00532423, "sw t0,8(t1)" },
	{ 0x204, 0x00100073, "ebreak" },
};

#define NGOLDEN (sizeof(golden) / sizeof(golden[0]))

START_TEST(disasm_matches_objdump)
{
	const struct golden *g = &golden[_i];
	char buf[80];
	unsigned len = rv32_disasm(g->enc, g->pc, buf, sizeof(buf));
	ck_assert_uint_eq(len, (g->enc & 3) == 3 ? 4 : 2);
	ck_assert_msg(strcmp(buf, g->text) == 0, "0x%08x: got \"%s\", objdump says \"%s\"",
		      g->enc, buf, g->text);
}
END_TEST

/* mnemonic of a golden line without the .aq/.rl ordering suffix */
static void mnemonic(const char *text, char *out, size_t len)
{
	size_t n = strcspn(text, " ");
	snprintf(out, len, "%.*s", (int)n, text);
	char *o = strstr(out, ".w.");
	if (o)
		o[2] = 0;
}

static void check_table(const struct rv32_opdesc *t, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		bool found = false;
		for (unsigned k = 0; k < NGOLDEN; k++) {
			char m[32];
			mnemonic(golden[k].text, m, sizeof(m));
			if (strcmp(m, t[i].name) != 0)
				continue;
			struct rv32_insn d;
			rv32_decode(golden[k].enc, &d);
			ck_assert_msg(d.desc == &t[i], "%s: 0x%08x decodes as %s", t[i].name,
				      golden[k].enc, d.desc ? d.desc->name : "illegal");
			ck_assert_uint_eq(d.op, t[i].op);
			found = true;
		}
		ck_assert_msg(found, "table row %s has no test encoding", t[i].name);
	}
}

START_TEST(every_row_decodes)
{
	check_table(rv32_base_table, rv32_base_table_len);
	check_table(rv32_c_table, rv32_c_table_len);
}
END_TEST

static const uint32_t illegal[] = {
	0x00000000,         /* c.addi4spn with imm 0 / all zeros */
	0xffffffff,         /* 48-bit and longer encodings */
	0x02059513,         /* slli shamt[5] = 1 */
	0x4205d513,         /* srai with shamt[5] */
	0x6101,             /* c.addi16sp 0 */
	0x6501,             /* c.lui a0, 0 */
	0x4002,             /* c.lwsp x0 */
	0x8002,             /* c.jr x0 */
	0x9105,             /* c.srli with shamt[5] */
	0x1502,             /* c.slli with shamt[5] */
	0x9c2d,             /* c.subw: RV64 only */
	0x2000,             /* c.fld: no D */
	0xe000,             /* c.fsw: no F */
	0x10200073,         /* sret */
	0x12000073,         /* sfence.vma */
	0x000000f3,         /* ecall with rd set */
	0x0000000b,         /* custom-0 */
	0x0000200f,         /* misc-mem funct3 2 */
	0x00004073,         /* system funct3 4 */
	0x10c5a52f,         /* lr.w with rs2 != 0 */
	0x5000202f,         /* AMO funct5 0x0a */
	0x0000302f,         /* AMO funct3 3 (RV64) */
	0x00003003,         /* ld */
	0x0000001b,         /* addiw */
	0x00000007,         /* flw */
	0x42000033,         /* add with funct7 bits */
};

START_TEST(illegal_encodings)
{
	struct rv32_insn d;
	rv32_decode(illegal[_i], &d);
	ck_assert_msg(d.op == RV32_OP_ILLEGAL, "0x%08x decodes as %s", illegal[_i],
		      rv32_op_name(d.op));
	ck_assert_ptr_null(d.desc);
	ck_assert_uint_eq(d.len, (illegal[_i] & 3) == 3 ? 4 : 2);
	ck_assert_uint_eq((uint32_t)d.imm, d.len == 2 ? (illegal[_i] & 0xffff) : illegal[_i]);
}
END_TEST

struct fields {
	uint32_t enc;
	uint8_t op, rd, rs1, rs2;
	int32_t imm;
};

/* immediates and register fields at their edges */
static const struct fields fields[] = {
	{ 0x80000537, RV32_OP_LUI, 10, 0, 0, (int32_t)0x80000000 },
	{ 0x800000ef, RV32_OP_JAL, 1, 0, 0, -1048576 },
	{ 0x7ffff06f, RV32_OP_JAL, 0, 0, 0, 1048574 },
	{ 0x80000063, RV32_OP_BEQ, 0, 0, 0, -4096 },
	{ 0x80010113, RV32_OP_ADDI, 2, 2, 0, -2048 },
	{ 0x7ff10113, RV32_OP_ADDI, 2, 2, 0, 2047 },
	{ 0xfeb52e23, RV32_OP_SW, 0, 10, 11, -4 },
	{ 0x01f5d513, RV32_OP_SRLI, 10, 11, 0, 31 },
	{ 0x1fe8, RV32_OP_ADDI, 10, 2, 0, 1020 },     /* c.addi4spn a0,sp,1020 */
	{ 0x7101, RV32_OP_ADDI, 2, 2, 0, -512 },      /* c.addi16sp sp,-512 */
	{ 0x7541, RV32_OP_LUI, 10, 0, 0, (int32_t)0xffff0000 }, /* c.lui a0,0xffff0 */
	{ 0x3001, RV32_OP_JAL, 1, 0, 0, -2048 },      /* c.jal -2048 */
	{ 0xaffd, RV32_OP_JAL, 0, 0, 0, 2046 },       /* c.j +2046 */
	{ 0xd101, RV32_OP_BEQ, 0, 10, 0, -256 },      /* c.beqz a0,-256 */
	{ 0xeffd, RV32_OP_BNE, 0, 15, 0, 254 },       /* c.bnez a5,+254 */
	{ 0x557e, RV32_OP_LW, 10, 2, 0, 252 },        /* c.lwsp a0,252(sp) */
	{ 0xdffe, RV32_OP_SW, 0, 2, 31, 252 },        /* c.swsp t6,252(sp) */
	{ 0x9282, RV32_OP_JALR, 1, 5, 0, 0 },         /* c.jalr t0 */
	{ 0x852e, RV32_OP_ADD, 10, 0, 11, 0 },        /* c.mv a0,a1 */
	{ 0x8d0d, RV32_OP_SUB, 10, 10, 11, 0 },       /* c.sub a0,a1 */
	{ 0x0ff0000f, RV32_OP_FENCE, 0, 0, 0, 0xff },
	{ 0x06c5a52f, RV32_OP_AMOADD_W, 10, 11, 12, 3 },
	{ 0x3042f573, RV32_OP_CSRRCI, 10, 5, 0, 0x304 },
};

START_TEST(fields_at_edges)
{
	const struct fields *f = &fields[_i];
	struct rv32_insn d;
	rv32_decode(f->enc, &d);
	ck_assert_msg(d.op == f->op, "0x%08x: op %s, want %s", f->enc, rv32_op_name(d.op),
		      rv32_op_name(f->op));
	ck_assert_uint_eq(d.rd, f->rd);
	ck_assert_uint_eq(d.rs1, f->rs1);
	ck_assert_uint_eq(d.rs2, f->rs2);
	ck_assert_int_eq(d.imm, f->imm);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(rv32_reg_name(0), "zero");
	ck_assert_str_eq(rv32_reg_name(31), "t6");
	ck_assert_str_eq(rv32_reg_name(32), "?");
	ck_assert_str_eq(rv32_csr_name(0x300), "mstatus");
	ck_assert_ptr_null(rv32_csr_name(0x7c0));
	ck_assert_str_eq(rv32_op_name(RV32_OP_AMOMAXU_W), "AMOMAXU_W");
	ck_assert_str_eq(rv32_op_name(RV32_NOPS), "?");
	char buf[40];
	rv32_disasm(0x3b002573, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "csrrs a0,pmpaddr0,zero");
	rv32_disasm(0x0000000b, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, ".word 0x0000000b");
	rv32_disasm(0x0000, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, ".2byte 0x0");
	/* a short buffer is cut, never overrun */
	char tiny[6];
	rv32_disasm(0x00c58533, 0, tiny, sizeof(tiny));
	ck_assert_str_eq(tiny, "add a");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_decode");
	TCase *tc = tcase_create("decode");
	tcase_add_loop_test(tc, disasm_matches_objdump, 0, NGOLDEN);
	tcase_add_test(tc, every_row_decodes);
	tcase_add_loop_test(tc, illegal_encodings, 0, sizeof(illegal) / sizeof(illegal[0]));
	tcase_add_loop_test(tc, fields_at_edges, 0, sizeof(fields) / sizeof(fields[0]));
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
