/* rpsim exec test: waits for an interrupt that never comes. */
#include "isa.h"
RVTEST_CODE_BEGIN
	csrwi mie, 8
1:	wfi
	j 1b
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
