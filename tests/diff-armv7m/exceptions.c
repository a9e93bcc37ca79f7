/* The exception model: SVC and PendSV with priorities and tail-chaining,
 * interrupts pended through the NVIC (ISPR, STIR) with priority grouping
 * and BASEPRI/PRIMASK, Thread mode on the process stack, unprivileged
 * Thread mode, the faults (UsageFault for UDF, divide by zero and an
 * unaligned access when trapped, BusFault on an unmapped address with
 * BFAR) and their escalation to HardFault, EXC_RETURN values and the FP
 * frame with lazy stacking (FPCCR, FPCAR). */
#include "diff.h"

static volatile unsigned order[32], norder;
static volatile uint32_t seen_lr, seen_ipsr, seen_cfsr, seen_hfsr, seen_bfar, seen_fpccr;
static volatile uint32_t fault_skip; /* bytes to step over the faulting instruction */

static void note(unsigned v) { if (norder < 32) order[norder++] = v; }

static void print_order(const char *what)
{
	printf("%s:", what);
	for (unsigned i = 0; i < norder; i++)
		printf(" %u", order[i]);
	printf("\n");
	norder = 0;
}

static volatile int svc_privileges;

static void svc_handler(void)
{
	uint32_t lr;
	__asm__ volatile("mov %0, lr" : "=r"(lr));
	seen_lr = lr;
	seen_ipsr = get_ipsr();
	if (svc_privileges) /* back to privileged Thread mode */
		__asm__ volatile("mrs r0, control\nbic r0, r0, #1\nmsr control, r0" ::: "r0");
	note(11);
}

static void pendsv_handler(void) { note(14); }

static void irq0(void) { note(100); }
static void irq1(void)
{
	note(101);
	NVIC_ISPR(0) = 1; /* irq0: lower priority, runs after (tail-chained) */
	note(102);
}
static void irq2(void)
{
	note(200);
	SCB_ICSR = 1u << 28; /* PendSV */
	NVIC_ISPR(0) = 2;    /* irq1 preempts if its priority is higher */
	note(201);
}

/* the faults resume after the faulting instruction: the stacked pc is
 * moved past it (2 or 4 bytes, as the test says) */
static void __attribute__((naked)) fault_entry(void)
{
	__asm__ volatile(
		"tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n"
		"mov r1, lr\n b fault_c\n");
}

void fault_c(uint32_t *frame, uint32_t lr)
{
	seen_lr = lr;
	seen_ipsr = get_ipsr();
	seen_cfsr = SCB_CFSR;
	seen_hfsr = SCB_HFSR;
	seen_bfar = SCB_BFAR;
	SCB_CFSR = seen_cfsr; /* write one to clear */
	SCB_HFSR = seen_hfsr;
	frame[6] += fault_skip;
	note(seen_ipsr);
}

static void fp_irq(void)
{
	/* the interrupted context had FP state: the frame is reserved,
	 * lazy: FPCCR.LSPACT until the first FP instruction here */
	seen_lr = 0;
	__asm__ volatile("mov %0, lr" : "=r"(seen_lr));
	seen_fpccr = FPCCR;
	float x = 1.5f;
	__asm__ volatile("vadd.f32 %0, %0, %0" : "+t"(x));
	note((FPCCR & 1) ? 1 : 0);
	note((uint32_t)x);
}

static int div0(int a, int b)
{
	int r;
	__asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
	return r;
}

int main(void)
{
	install(3, fault_entry);
	install(4, fault_entry);
	install(5, fault_entry);
	install(6, fault_entry);
	install(11, svc_handler);
	install(14, pendsv_handler);
	install(16, irq0);
	install(17, irq1);
	install(18, irq2);
	install(19, fp_irq);
	use_vectors();

	/* SVC from Thread mode on MSP: EXC_RETURN 0xFFFFFFF9 (no FP context
	 * yet? picolibc's start-up ran FP instructions: 0xFFFFFFE9) */
	__asm__ volatile("svc #3");
	printf("svc: lr %08lx ipsr %lu\n", seen_lr, seen_ipsr);

	/* priorities: irq0 0xc0, irq1 0x40, irq2 0x80; PendSV 0xe0 */
	NVIC_IPR8(0) = 0xc0;
	NVIC_IPR8(1) = 0x40;
	NVIC_IPR8(2) = 0x80;
	SCB_SHPR3 = 0xe0u << 16;
	NVIC_ISER(0) = 7;
	NVIC_ISPR(0) = 4;
	__asm__ volatile("dsb\nisb");
	print_order("nested");

	/* PRIMASK holds them all back; BASEPRI only the lower ones */
	__asm__ volatile("cpsid i");
	NVIC_ISPR(0) = 7;
	note(1);
	__asm__ volatile("msr basepri, %0\ncpsie i\nisb" ::"r"(0x80));
	note(2);
	__asm__ volatile("msr basepri, %0\nisb" ::"r"(0));
	print_order("masked");
	printf("ispr %08lx iabr %08lx\n", NVIC_ISPR(0), NVIC_IABR(0));

	/* STIR pends irq2 */
	STIR = 2;
	__asm__ volatile("dsb\nisb");
	print_order("stir");

	/* priority grouping: group priority bits [7:6] only (PRIGROUP 5):
	 * irq1 (0x40) and irq2 (0x50) are then one group and do not preempt */
	SCB_AIRCR = 0x05FA0000u | (5u << 8);
	NVIC_IPR8(2) = 0x50;
	NVIC_ISPR(0) = 4;
	__asm__ volatile("dsb\nisb");
	print_order("grouped");
	printf("aircr %08lx\n", SCB_AIRCR);
	SCB_AIRCR = 0x05FA0000u;

	/* faults, escalation first (UsageFault disabled) */
	fault_skip = 2;
	__asm__ volatile("udf #7");
	printf("udf: ipsr %lu cfsr %08lx hfsr %08lx lr %08lx\n", seen_ipsr, seen_cfsr, seen_hfsr, seen_lr);
	SCB_SHCSR = 7u << 16; /* MemManage, BusFault, UsageFault enabled */
	__asm__ volatile("udf #7");
	printf("udf: ipsr %lu cfsr %08lx hfsr %08lx\n", seen_ipsr, seen_cfsr, seen_hfsr);
	SCB_CCR |= 0x10; /* DIV_0_TRP */
	__asm__ volatile("svc #2"); /* (QEMU applies CCR at the next exception) */
	fault_skip = 4;
	(void)div0(7, 0); /* the destination of a faulted divide is not printed: unchanged, but
			   * QEMU's differs */
	printf("div0: ipsr %lu cfsr %08lx\n", seen_ipsr, seen_cfsr);
	SCB_CCR &= ~0x10u;
	SCB_CCR |= 0x8; /* UNALIGN_TRP */
	__asm__ volatile("svc #2"); /* (QEMU applies CCR at the next exception) */
	fault_skip = 2;
	static volatile uint32_t words[4];
	uint32_t v;
	__asm__ volatile("ldr %0, [%1, #1]" : "=l"(v) : "l"(words));
	printf("unaligned: ipsr %lu cfsr %08lx\n", seen_ipsr, seen_cfsr);
	SCB_CCR &= ~0x8u;
	__asm__ volatile("svc #2");
	fault_skip = 2;
	__asm__ volatile("ldr %0, [%1]" : "=l"(v) : "l"(0x60000010u));
	printf("busfault: ipsr %lu cfsr %08lx bfar %08lx\n", seen_ipsr, seen_cfsr, seen_bfar);
	fault_skip = 2;
	__asm__ volatile("str %0, [%1]" : : "l"(v), "l"(0x60000000u));
	printf("busfault store: ipsr %lu cfsr %08lx bfar %08lx\n", seen_ipsr, seen_cfsr, seen_bfar);
	norder = 0;

	/* Thread mode on the process stack, then unprivileged (no semihosting
	 * there: QEMU allows it only privileged) */
	static uint32_t pstack[256] __attribute__((aligned(8)));
	__asm__ volatile("msr psp, %0\nmov r0, #2\nmsr control, r0\nisb" ::"r"(&pstack[256]) : "r0");
	printf("control %08lx\n", get_control() & 3);
	__asm__ volatile("svc #1");
	printf("svc on psp: lr %08lx\n", seen_lr);
	uint32_t pm0, pm1, ctl, scs_cfsr;
	__asm__ volatile("mov r0, #3\nmsr control, r0\nisb" ::: "r0");
	ctl = get_control() & 3;
	__asm__ volatile("mrs %0, primask\ncpsid i\nmrs %1, primask" : "=&r"(pm0), "=&r"(pm1));
	/* an unprivileged access to the SCS is a BusFault */
	fault_skip = 2;
	__asm__ volatile("ldr %0, [%1]" : "=l"(v) : "l"(0xE000ED00u));
	scs_cfsr = seen_cfsr;
	svc_privileges = 1;
	__asm__ volatile("svc #4");
	svc_privileges = 0;
	printf("unprivileged: control %08lx, cpsid ignored: primask %lu %lu\n", ctl, pm0, pm1);
	printf("scs unprivileged: cfsr %08lx, now control %08lx\n", scs_cfsr, get_control() & 3);
	__asm__ volatile("mov r0, #0\nmsr control, r0\nisb" ::: "r0");

	/* lazy FP stacking: an FP context (FPCA) makes the frame 0x68 bytes
	 * and reserves the FP part for the handler's first FP instruction */
	NVIC_IPR8(3) = 0;
	NVIC_ISER(0) = 8;
	float f = 2.0f;
	__asm__ volatile("vadd.f32 %0, %0, %0" : "+t"(f));
	STIR = 3;
	__asm__ volatile("dsb\nisb");
	printf("fp irq: lr %08lx lspact %lu, fpccr then %08lx\n", seen_lr, seen_fpccr & 1,
	       FPCCR & 0xc0000001u);
	print_order("fp irq");
	printf("f %d\n", (int)f);
	return 0;
}
