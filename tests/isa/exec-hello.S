/* rpsim exec test: the HTIF syscall proxy (write to fd 1 and 2) and the
 * console device, then exit through the exit syscall with code 0. */
#include "isa.h"

#define SYSCALL(blk) \
	la t0, blk; sw t0, tohost, t1; sw zero, tohost + 4, t1; \
1:	lw t2, fromhost; beqz t2, 1b; sw zero, fromhost, t1

RVTEST_CODE_BEGIN
	SYSCALL(sys_write1)
	SYSCALL(sys_write2)
	/* console: device 1, command 1, character in the payload */
	li t0, 'A'; sw t0, tohost, t1; li t0, 0x01010000; sw t0, tohost + 4, t1
	li t0, '\n'; sw t0, tohost, t1; li t0, 0x01010000; sw t0, tohost + 4, t1
	la t0, sys_write1; lw t0, 0(t0); li t1, 6; bne t0, t1, fail  /* returned length */
	la t0, sys_exit; sw t0, tohost, t1; sw zero, tohost + 4, t1
	j fail
	TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
	.align 6
sys_write1: .dword 64, 1, msg1, 6, 0, 0, 0, 0
sys_write2: .dword 64, 2, msg2, 4, 0, 0, 0, 0
sys_exit: .dword 93, 0, 0, 0, 0, 0, 0, 0
msg1:	.ascii "hello\n"
msg2:	.ascii "err\n"
RVTEST_DATA_END
