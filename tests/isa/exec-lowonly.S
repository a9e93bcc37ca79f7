/* rpsim exec test: an environment that writes only the low word of tohost
 * (older riscv-tests): the exit is still seen. */
#include "isa.h"
RVTEST_CODE_BEGIN
	li t0, (3 << 1) | 1
1:	sw t0, tohost, t1
	j 1b
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
