/* The MPU: a read-only region, a no-access region over it (the higher
 * number wins), subregions falling back to the background region,
 * (the faulting loads and stores are 16-bit: the handler skips 2 bytes)
 * PRIVDEFENA, execute-never, MemManage with MMFAR, and the MPU off. */
#include "isa.h"

	.data
	.balign 1024
area:	.hword 0x4770 /* bx lr, for the execute-never case */
	.space 1022
	.text

/* region n: base, RASR */
#define REGION(n, base, rasr) SCS_WRITE(MPU_RNR, n); SCS_WRITE(MPU_RBAR, base); SCS_WRITE(MPU_RASR, rasr); dsb; isb
#define SIZE(log2) (((log2) - 1) << 1)
#define AP(x) ((x) << 24)
#define XN (1 << 28)
#define SRD(x) ((x) << 8)

TEST_BEGIN
	SCS_WRITE(SCS_SHCSR, 0x00010000) /* MemManage enabled */
	ldr r6, =area
	movs r4, #0
	TEST_CASE(100, r0, 0x800, ldr r1, =0xE000ED90; ldr r0, [r1])
	/* the background region for privileged code, a read-only region */
	REGION(0, area, AP(6) | XN | SIZE(10) | 1)
	SCS_WRITE(MPU_CTRL, 5)
	dsb
	isb
	TEST_CASE(200, r4, 0, ldr r0, [r6])
	TEST_CASE(201, r4, 4, movs r0, #1; str r0, [r6, #8])
	TEST_CASE(202, r5, 0x82, mov r5, r5)
	TEST_CASE(203, r7, 8, subs r7, r7, r6)           /* MMFAR: the address */
	/* a no-access region over the second 256 bytes */
	REGION(1, area + 256, AP(0) | XN | SIZE(8) | 1)
	TEST_CASE(300, r4, 4, movs r4, #0; add r1, r6, #260; ldr r0, [r1])
	TEST_CASE(301, r4, 0, movs r4, #0; ldr r0, [r6, #4])
	/* subregion 6 of region 0 disabled: the background region (RW) */
	REGION(0, area, AP(6) | XN | SRD(1 << 6) | SIZE(10) | 1)
	TEST_CASE(400, r4, 0, movs r4, #0; movs r0, #7; add r1, r6, #(6 * 128 + 4); str r0, [r1])
	TEST_CASE(401, r4, 4, movs r4, #0; movs r0, #7; add r1, r6, #(5 * 128 + 4); str r0, [r1])
	/* execute-never: a call into the area faults (IACCVIOL) */
	TEST_CASE(500, r5, 0x01, add r0, r6, #1; movs r4, #0; ldr r8, =1f + 1; blx r0; 1:)
	/* the MPU off: everything goes */
	TEST_CASE(600, r4, 0, SCS_WRITE(MPU_CTRL, 0); dsb; isb; movs r4, #0; movs r0, #1; str r0, [r6, #8])
TEST_END

	.thumb_func
	.globl handler_4
handler_4:
	mrs r4, ipsr
	SCS_READ(r5, SCS_CFSR)
	SCS_READ(r7, SCS_MMFAR)
	ldr r10, =SCS_CFSR
	str r5, [r10]
	tst r5, #1
	ittee ne
	movne r0, r8              /* an instruction fault: back to the caller */
	bicne r0, r0, #1
	ldreq r0, [sp, #24]
	addeq r0, r0, #2          /* a data fault: after the 2-byte access */
	str r0, [sp, #24]
	bx lr

TEST_VECTORS
