/* rpsim's stand-in for riscv-tests' isa/macros/scalar/test_macros.h: the
 * pass/fail tail and the data hook the imported tests use. */
#ifndef RPSIM_TEST_MACROS_H
#define RPSIM_TEST_MACROS_H

#define MASK_XLEN(x) ((x) & ((1 << (__riscv_xlen - 1) << 1) - 1))

#define TEST_PASSFAIL \
	bne x0, TESTNUM, pass; \
fail: \
	RVTEST_FAIL; \
pass: \
	RVTEST_PASS

#define TEST_DATA

#endif
