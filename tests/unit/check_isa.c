/* The ISA registry: by the scenario's name, by ELF machine and class, the
 * list for error messages; every registered ISA describes itself fully. */
#include <check.h>
#include <string.h>

#include "sim/platform/isa.h"
#include "tests/unit/check_main.h"

START_TEST(find_by_name)
{
	const struct cpu_isa *isa = isa_find("rv32imac");
	ck_assert_ptr_nonnull(isa);
	ck_assert_str_eq(isa->name, "rv32imac");
	ck_assert_ptr_eq(isa_find(ISA_DEFAULT), isa);
	ck_assert_ptr_null(isa_find("rv32i"));
	ck_assert_ptr_null(isa_find("RV32IMAC"));
	ck_assert_ptr_null(isa_find(""));
	ck_assert_ptr_null(isa_find(NULL));
}
END_TEST

START_TEST(find_by_elf)
{
	ck_assert_ptr_eq(isa_by_elf(243, 32), isa_find("rv32imac")); /* EM_RISCV */
	ck_assert_ptr_null(isa_by_elf(243, 64));                      /* RV64: not modelled */
	ck_assert_ptr_null(isa_by_elf(62, 64));                       /* x86-64 */
	ck_assert_ptr_eq(isa_by_elf(40, 32), isa_find("cortex-m4f")); /* EM_ARM */
}
END_TEST

START_TEST(names_and_list)
{
	char buf[64];
	ck_assert_str_eq(isa_names(buf, sizeof(buf)), "rv32imac, cortex-m4f");
	char tiny[4];
	ck_assert_str_eq(isa_names(tiny, sizeof(tiny)), "rv3"); /* truncated, terminated */
	ck_assert_uint_ge(isa_count(), 1);
	ck_assert_ptr_null(isa_list(isa_count()));
	for (unsigned i = 0; i < isa_count(); i++) {
		const struct cpu_isa *isa = isa_list(i);
		ck_assert_ptr_eq(isa_find(isa->name), isa);
		ck_assert_ptr_nonnull(isa->description);
		ck_assert_ptr_nonnull(isa->ops);
		ck_assert_ptr_nonnull(isa->create);
		ck_assert_ptr_nonnull(isa->disasm);
		ck_assert_ptr_nonnull(isa->gdb_target_xml);
		ck_assert_ptr_nonnull(isa->gdb_arch);
		ck_assert_uint_lt(isa->pc_regnum, isa->nregs);
		ck_assert_uint_lt(isa->sp_regnum, isa->nregs);
		ck_assert_uint_ge(isa->insn_max_len, isa->insn_align);
		const struct cpu_ops *o = isa->ops;
		ck_assert(o->set_reset && o->irq && o->state && o->pc && o->get_reg && o->set_reg &&
			  o->read_mem && o->write_mem && o->insns && o->insns_total && o->local_time &&
			  o->set_insn_limit && o->set_pause && o->set_retire_hook && o->set_trace_insns &&
			  o->save && o->restore && o->set_debug && o->last_trap);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("isa");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, find_by_name);
	tcase_add_test(tc, find_by_elf);
	tcase_add_test(tc, names_and_list);
	suite_add_tcase(s, tc);
	return s;
}
