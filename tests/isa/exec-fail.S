/* rpsim exec test: fails case 7, so the exit status must be 7. */
#include "isa.h"
RVTEST_CODE_BEGIN
	li TESTNUM, 7
	j fail
	TEST_PASSFAIL
RVTEST_CODE_END
RVTEST_DATA_BEGIN
RVTEST_DATA_END
