/* IT blocks: then/else conditions, all four slots, flag-setting 16-bit
 * encodings that do not set flags inside a block, a compare inside a
 * block deciding the rest of it, a branch as the last instruction, AL,
 * and an interrupt taken inside a block (ITSTATE saved and restored). */
#include "isa.h"

TEST_BEGIN
	TEST_CASE(100, r0, 1, movs r1, #1; cmp r1, #1; ite eq; moveq r0, #1; movne r0, #2)
	TEST_CASE(101, r0, 2, movs r1, #0; cmp r1, #1; ite eq; moveq r0, #1; movne r0, #2)
	TEST_CASE(102, r0, 0x0b, movs r0, #0; movs r1, #5; cmp r1, #3; itete gt; addgt r0, #1; addle r0, #2; addgt r0, #10; addle r0, #20)
	TEST_CASE(103, r0, 0x16, movs r0, #0; movs r1, #1; cmp r1, #3; itete gt; addgt r0, #1; addle r0, #2; addgt r0, #10; addle r0, #20)
	/* 16-bit ADDS inside a block is ADD: the flags stay */
	TEST_FLAGS(200, r0, 0, Z_ | C_, movs r0, #0; movs r1, #1; cmp r1, #1; itt eq; addeq r0, r0, #1; subeq r0, r0, #1)
	/* the 32-bit ADDS sets them, and the rest of the block sees it */
	TEST_CASE(201, r0, 7, movs r0, #0; movs r1, #1; cmp r1, #1; ittt eq; moveq r0, #7; cmpeq r0, #8; moveq r0, #9)
	TEST_FLAGS(202, r0, 0, Z_ | C_, movs r1, #2; cmp r1, #2; itt eq; subseq.w r0, r1, #2; moveq r1, #9)
	/* a branch ends a block */
	TEST_CASE(300, r0, 5, movs r0, #0; movs r1, #1; cmp r1, #1; itt eq; moveq r0, #5; beq 1f; movs r0, #6; 1:)
	TEST_CASE(301, r0, 6, movs r0, #0; movs r1, #2; cmp r1, #1; itt eq; moveq r0, #5; beq 1f; movs r0, #6; 1:)
	/* AL */
	TEST_CASE(400, r0, 3, movs r0, #1; .inst.n 0xbfe8 /* IT AL */; add.w r0, r0, #2)
	/* a block whose condition fails entirely, with loads that would fault */
	TEST_CASE(500, r0, 4, movs r0, #4; movs r1, #0; cmp r1, #1; itt eq; ldreq r0, [r1, #0]; ldreq r0, [r1, #4])
	/* an interrupt (PendSV) taken between two instructions of a block: the
	 * block resumes with the right conditions.  rpsim takes PendSV right
	 * after the store that pends it (601 checks the stacked IT bits); QEMU
	 * takes it after the block, which the architecture also allows. */
	TEST_CASE(600, r0, 0x35, \
		movs r0, #0; ldr r2, =SCS_ICSR; ldr r3, =0x10000000; \
		movs r1, #1; cmp r1, #1; \
		itete eq; \
		streq r3, [r2]; /* PendSV pends: taken after this instruction */ \
		addne r0, #2; \
		addeq r0, #0x30; \
		addne r0, #0x40; \
		adds r0, #5)
	TEST_CASE(601, r5, 1, mov r5, r8)
	/* a block across a 4 KiB page boundary, its 32-bit instruction
	 * straddling it: the conditions continue on the next page */
	TEST_CASE(700, r2, 0x111, movs r0, #0; movs r2, #0; bl it_cross)
	TEST_CASE(701, r2, 0x40, movs r0, #1; movs r2, #0; bl it_cross)
TEST_END

	.balign 4096
	.space 4096 - 10
	.thumb_func
it_cross:                         /* at the page's end - 10 */
	movs r1, #1
	cmp r0, #1
	ittte ne                  /* end - 6 */
	addne r2, #1              /* end - 4 */
	addne.w r2, r2, #0x10     /* end - 2: straddles */
	addne.w r2, r2, #0x100    /* end + 2 */
	addeq r2, #0x40
	bx lr

	.thumb_func
	.globl handler_14
handler_14:
	/* PendSV: the stacked xPSR carries the IT state of the next instruction */
	ldr r1, [sp, #28]
	mov r8, #0
	ldr r2, =0x0600fc00 /* IT/ICI bits */
	tst r1, r2
	it ne
	movne r8, #1
	bx lr

TEST_VECTORS
