/* Loads and stores: every size and sign, offset / pre-indexed /
 * post-indexed / register / literal addressing, writeback, unaligned word
 * and halfword accesses, LDRD/STRD, LDM/STM/PUSH/POP (POP and LDM into the
 * PC interwork; SP writeback), TBB/TBH, LDR PC, the exclusive monitor,
 * byte-copy loops (`ldrb; strb with writeback; cmp; bne`, which the
 * interpreter runs whole iterations of): each form, overlapping, long
 * ones over many slices, one that overwrites the code after it. */
#include "isa.h"

	.data
	.balign 8
buf:	.word 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00, 0, 0, 0, 0
str:	.asciz "hello"
	.balign 4
abcd:	.ascii "ABCD"
patch:	.hword 0x2002 /* movs r0, #2 */
	.balign 4
patch64: .space 64
	.hword 0x2002
	.balign 4
big:	.space 1024
	.text

TEST_BEGIN
	ldr r6, =buf
	/* sizes and signs 100.. */
	TEST_CASE(100, r0, 0x11223344, ldr r0, [r6])
	TEST_CASE(101, r0, 0x44, ldrb r0, [r6])
	TEST_CASE(102, r0, 0xffffffcc, ldrsb r0, [r6, #8])
	TEST_CASE(103, r0, 0x3344, ldrh r0, [r6])
	TEST_CASE(104, r0, 0xffffbbcc, ldrsh r0, [r6, #8])
	TEST_CASE(105, r0, 0xffffff99, ldrsb.w r0, [r6, #11])
	TEST_CASE(106, r0, 0x88, movs r1, #4; ldrb r0, [r6, r1])
	TEST_CASE(107, r0, 0x99aabbcc, movs r1, #2; ldr.w r0, [r6, r1, lsl #2])
	TEST_CASE(108, r0, 0x5566, ldrh.w r0, [r6, #6])
	TEST_CASE(109, r0, 0x55667788, add r1, r6, #12; ldr r0, [r1, #-8])
	/* literal */
	TEST_CASE(110, r0, 0x12345678, ldr r0, 1f; b 2f; .balign 4; 1: .word 0x12345678; 2:)
	TEST_CASE(111, r0, 0xffff8765, ldrsh.w r0, 1f; b 2f; .balign 4; 1: .word 0x12348765; 2:)
	/* stores 200.. */
	TEST_CASE(200, r0, 0x000000ab, movs r1, #0; str r1, [r6, #16]; movs r1, #0xab; strb r1, [r6, #16]; ldr r0, [r6, #16])
	TEST_CASE(201, r0, 0xbeef00ab, ldr r1, =0xbeef; strh r1, [r6, #18]; ldr r0, [r6, #16])
	TEST_CASE(202, r0, 0xcafe, ldr r1, =0xcafe; movs r2, #20; str r1, [r6, r2]; ldr r0, [r6, #20])
	/* writeback 300.. */
	TEST_CASE(300, r1, 4, mov r1, r6; ldr r0, [r1], #4; subs r1, r1, r6)
	TEST_CASE(301, r0, 0x99aabbcc, mov r1, r6; ldr r0, [r1, #8]!; subs r2, r1, r6; cmp r2, #8; bne fail)
	TEST_CASE(302, r1, 2, add r1, r6, #6; ldrh r0, [r1, #-4]!; subs r1, r1, r6)
	TEST_CASE(303, r0, 0x77, add r1, r6, #16; movs r2, #0x77; strb r2, [r1], #-1; ldrb r0, [r6, #16]; subs r2, r1, r6; cmp r2, #15; bne fail)
	/* unaligned (CCR.UNALIGN_TRP is 0) 400.. */
	TEST_CASE(400, r0, 0x88112233, ldr r0, [r6, #1])
	TEST_CASE(401, r0, 0x8811, ldrh r0, [r6, #3])
	TEST_CASE(402, r0, 0x12345678, ldr r1, =0x12345678; str r1, [r6, #21]; ldr r0, [r6, #21])
	/* LDRD/STRD 500.. */
	TEST_CASE(500, r1, 0x55667788, ldrd r0, r1, [r6]; ldr r2, =0x11223344; cmp r0, r2; bne fail)
	TEST_CASE(501, r0, 0xdddd, ldr r2, =0xcccc; ldr r3, =0xdddd; strd r2, r3, [r6, #24]; ldr r0, [r6, #28])
	TEST_CASE(502, r1, 8, mov r1, r6; ldrd r2, r3, [r1, #8]!; subs r1, r1, r6)
	TEST_CASE(503, r1, 0, add r1, r6, #8; ldrd r2, r3, [r1], #-8; subs r1, r1, r6)
	/* LDM/STM, PUSH/POP 600.. */
	TEST_CASE(600, r3, 0xddeeff00, mov r4, r6; ldmia r4!, {r0, r1, r2, r3}; subs r5, r4, r6; cmp r5, #16; bne fail)
	TEST_CASE(601, r0, 0x11223344, add r4, r6, #16; ldmdb r4, {r0, r1, r2, r3})
	TEST_CASE(602, r0, 3, mov r7, sp; movs r1, #1; movs r2, #2; movs r3, #3; push {r1, r2, r3}; pop {r4, r5}; pop {r0}; mov r8, sp; subs r7, r7, r8; bne fail)
	TEST_CASE(603, r0, 0x42, mov r7, sp; ldr r1, =1f + 1; movs r0, #0; push {r1}; pop {pc}; movs r0, #1; 1: adds r0, #0x42; mov r8, sp; subs r7, r7, r8; bne fail)
	TEST_CASE(604, r0, 0x43, mov r7, sp; ldr r1, =1f + 1; movs r0, #1; push.w {r0, r1}; pop.w {r0, pc}; movs r0, #9; 1: adds r0, #0x42)
	TEST_CASE(605, r0, 0x44, ldr r1, =1f + 1; str r1, [sp, #-4]!; movs r0, #0; ldr pc, [sp], #4; movs r0, #7; 1: adds r0, #0x44)
	TEST_CASE(606, r0, 0x12, add r4, r6, #16; movs r1, #0x12; movs r2, #0x34; stmia r4!, {r1, r2}; ldr r0, [r6, #16]; subs r5, r4, r6; cmp r5, #24; bne fail)
	/* table branches 700.. */
	TEST_CASE(700, r0, 30, movs r1, #2; tbb [pc, r1]; 1: .byte (2f-1b)/2, (3f-1b)/2, (4f-1b)/2, 0; 2: movs r0, #10; b 5f; 3: movs r0, #20; b 5f; 4: movs r0, #30; 5:)
	TEST_CASE(701, r0, 22, movs r1, #1; tbh [pc, r1, lsl #1]; 1: .hword (2f-1b)/2, (3f-1b)/2; 2: movs r0, #11; b 5f; 3: movs r0, #22; 5:)
	/* exclusives 800.. */
	TEST_CASE(800, r1, 0, add r4, r6, #16; ldrex r0, [r4]; adds r0, #1; strex r1, r0, [r4])
	TEST_CASE(801, r1, 1, add r4, r6, #16; strex r1, r0, [r4])
	TEST_CASE(802, r1, 1, add r4, r6, #16; ldrex r0, [r4]; clrex; strex r1, r0, [r4])
	TEST_CASE(803, r1, 1, add r4, r6, #16; add r5, r6, #20; ldrex r0, [r4]; strex r1, r0, [r5])
	TEST_CASE(804, r0, 0, add r4, r6, #16; movs r0, #0xff; str r0, [r4]; ldrexb r0, [r4]; adds r0, #1; strexb r2, r0, [r4]; ldrh r0, [r4]; cmp r2, #0; bne fail)
	/* byte-copy loops 900.. */
	TEST_CASE(900, r0, 0x11223344, mov r1, r6; add r2, r6, #15; add r4, r6, #16; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b; ldr r0, [r6, #16]; ldr r5, [r6, #28]; ldr r7, =0xddeeff00; cmp r5, r7; bne fail; subs r5, r2, r6; cmp r5, #31; bne fail)
	TEST_CASE(901, r0, 0x55667788, mov r1, r6; add r2, r6, #16; add r4, r6, #24; movs r0, #0; str r0, [r6, #20]; 1: ldrb r3, [r1], #1; strb r3, [r2], #1; cmp r2, r4; bne 1b; ldr r0, [r6, #20]; subs r5, r1, r6; cmp r5, #8; bne fail)
	TEST_CASE(902, r0, 0x6c6c6568, ldr r1, =str; add r2, r6, #16; 1: ldrb r3, [r1], #1; strb r3, [r2], #1; cmp r3, #0; bne 1b; ldr r0, [r6, #16]; ldrb r5, [r6, #21]; cmp r5, #0; bne fail; ldr r5, =str + 6; cmp r1, r5; bne fail)
	TEST_CASE(903, r0, 0x41414141, ldr r1, =abcd; mov r2, r1; add r4, r1, #3; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b; ldr r0, =abcd; ldr r0, [r0])
	TEST_FLAGS(904, r3, 0xdd, Z_ | C_, SETF(N_ | V_); mov r1, r6; add r2, r6, #15; add r4, r6, #16; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b)
	TEST_CASE(905, r1, 1024, movs r1, #0; ldr r2, =big - 1; mov r4, #1024; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b; movs r1, #0; ldr r2, =big; 2: ldr r3, [r1], #4; ldr r5, [r2], #4; cmp r3, r5; bne fail; cmp r1, r4; bne 2b)
	TEST_CASE(906, r0, 2, ldr r1, =patch; ldr r2, =3f - 1; add r4, r1, #2; movs r0, #0; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b; dsb; isb; b 3f; .balign 4; 3: movs r0, #1)
	/* 908: backwards, by -1 (the one-iteration rounds) */
	TEST_CASE(908, r0, 0x11223344, add r1, r6, #3; add r2, r6, #24; sub r4, r6, #1; 1: ldrb r3, [r1], #-1; strb r3, [r2, #-1]!; cmp r1, r4; bne 1b; ldr r0, [r6, #20]; subs r5, r2, r6; cmp r5, #20; bne fail)
	/* 907: the copy reaches a line of code that ran (the loop must stop on it and the code change) */
	TEST_CASE(907, r0, 2, bl 4f; cmp r0, #1; bne fail; ldr r1, =patch64; ldr r2, =5f - 1; add r4, r1, #66; 1: ldrb r3, [r1], #1; strb r3, [r2, #1]!; cmp r1, r4; bne 1b; dsb; isb; bl 4f; b 6f; .balign 64; 5: .space 64; 4: movs r0, #1; bx lr; 6:)
TEST_END

TEST_VECTORS
