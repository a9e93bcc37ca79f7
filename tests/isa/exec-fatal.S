/* rpsim exec test: mtvec points at unmapped memory, then a trap: the core
 * has no usable handler and halts. */
#include "isa.h"
RVTEST_CODE_BEGIN
	li t0, 0x40000000
	csrw mtvec, t0
	ebreak
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
