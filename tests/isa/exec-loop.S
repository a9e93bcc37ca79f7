/* rpsim exec test: never ends; only --max-insns stops it. */
#include "isa.h"
RVTEST_CODE_BEGIN
1:	j 1b
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
