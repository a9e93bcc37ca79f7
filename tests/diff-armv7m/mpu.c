/* The PMSAv7 MPU: TYPE, region programming through RNR/RBAR/RASR (and
 * RBAR's VALID/REGION fields), access permissions for privileged and
 * unprivileged code, execute-never, subregions, region priority (the
 * higher number wins), the background region (PRIVDEFENA), MemManage
 * with MMFAR and its escalation to HardFault. */
#include "diff.h"

static volatile uint32_t seen_cfsr, seen_mmfar, seen_ipsr, nfaults;
static volatile int svc_privileges;

static void __attribute__((naked)) fault_entry(void)
{
	__asm__ volatile(
		"tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n"
		"mov r1, lr\n b mpu_fault_c\n");
}

void mpu_fault_c(uint32_t *frame, uint32_t lr)
{
	(void)lr;
	seen_ipsr = get_ipsr();
	seen_cfsr = SCB_CFSR;
	seen_mmfar = SCB_MMFAR;
	SCB_CFSR = seen_cfsr;
	SCB_HFSR = SCB_HFSR;
	nfaults++;
	/* a data fault skips its 2-byte load/store; an instruction fault
	 * (a call into code that may not run) returns to the caller */
	if (seen_cfsr & 1)
		frame[6] = frame[5] & ~1u;
	else
		frame[6] += 2;
}

static void svc_handler(void)
{
	if (svc_privileges)
		__asm__ volatile("mrs r0, control\nbic r0, r0, #1\nmsr control, r0" ::: "r0");
}

static uint8_t area[8192] __attribute__((aligned(4096)));

static uint32_t rd(volatile uint32_t *p)
{
	uint32_t v = 0xdead;
	__asm__ volatile("ldr %0, [%1]" : "+l"(v) : "l"(p));
	return v;
}

static void wr(volatile uint32_t *p, uint32_t v)
{
	__asm__ volatile("str %0, [%1]" : : "l"(v), "l"(p) : "memory");
}

static void report(const char *what)
{
	printf("%-28s faults %lu ipsr %lu cfsr %08lx mmfar-offset %ld\n", what, nfaults, seen_ipsr,
	       seen_cfsr, seen_cfsr & 0x80 ? (long)(seen_mmfar - (uint32_t)area) : -1L);
	nfaults = 0;
	seen_cfsr = 0;
	seen_ipsr = 0;
}

static void region(unsigned n, uint32_t base, unsigned size_log2, unsigned ap, unsigned xn, unsigned srd)
{
	MPU_RNR = n;
	MPU_RBAR = base;
	MPU_RASR = (xn << 28) | (ap << 24) | (srd << 8) | ((size_log2 - 1) << 1) | 1;
}

static void __attribute__((noinline)) call(uint16_t *code)
{
	((void (*)(void))((uint32_t)code | 1))();
}

int main(void)
{
	install(3, fault_entry);
	install(4, fault_entry);
	install(11, svc_handler);
	use_vectors();
	printf("mpu type %08lx\n", MPU_TYPE);

	/* everything the program needs: code and data readable/writable for
	 * privileged code through the background region */
	MPU_CTRL = 4 | 1; /* PRIVDEFENA | ENABLE */
	__asm__ volatile("dsb\nisb");
	volatile uint32_t *w = (volatile uint32_t *)area;
	/* a read-only region over the first 4 KiB of area */
	region(0, (uint32_t)area, 12, 6, 1, 0); /* RO for everyone, XN */
	__asm__ volatile("dsb\nisb");
	uint32_t v = rd(w);
	wr(w, 1); /* MemManage disabled: escalates to HardFault */
	report("store to read-only");
	SCB_SHCSR = 1u << 16; /* MemManage enabled */
	wr(w + 1, 1);
	report("store to read-only, enabled");
	(void)v;
	/* subregions: 8 x 512 bytes; subregion 2 disabled falls back to the
	 * background region (writable for privileged code) */
	region(0, (uint32_t)area, 12, 6, 1, 1u << 2);
	__asm__ volatile("dsb\nisb");
	wr(w + 256, 5); /* offset 1024: subregion 2 */
	report("disabled subregion");
	wr(w + 128 + 1, 5); /* offset 516: subregion 1, read-only */
	report("enabled subregion");
	/* priority: region 1 (no access) over region 0 in the second 512 bytes */
	region(1, (uint32_t)area + 512, 9, 0, 1, 0);
	__asm__ volatile("dsb\nisb");
	v = rd(w + 130);
	report("higher region, no access");
	v = rd(w + 10);
	report("lower region, readable");
	MPU_RNR = 1;
	MPU_RASR = 0;
	/* RBAR with VALID selects the region */
	MPU_RBAR = (uint32_t)area | 0x10 | 5;
	printf("rnr after valid rbar %lu, rbar %08lx\n", MPU_RNR, MPU_RBAR & 0x1f);
	MPU_RASR = 0;
	/* unprivileged: privileged-only region */
	region(2, 0x20000000u, 22, 3, 1, 0);           /* SRAM (stack, data): full access */
	region(3, 0x00000000u, 22, 6, 0, 0);           /* code: read-only, executable */
	region(4, (uint32_t)area + 4096, 12, 1, 1, 0); /* over SRAM: priv RW, user none */
	region(5, (uint32_t)area + 4096 + 2048, 11, 3, 1, 0); /* user RW half */
	__asm__ volatile("dsb\nisb");
	static uint32_t pstack[128] __attribute__((aligned(8)));
	__asm__ volatile("msr psp, %0\nmov r0, #3\nmsr control, r0\nisb" ::"r"(&pstack[128]) : "r0");
	volatile uint32_t *u = (volatile uint32_t *)(area + 4096);
	v = rd(u);             /* denied */
	wr(u + 512 + 3, 9);    /* region 5: allowed */
	v = rd(u + 512 + 3);
	svc_privileges = 1;
	__asm__ volatile("svc #0");
	svc_privileges = 0;
	__asm__ volatile("mov r0, #0\nmsr control, r0\nisb" ::: "r0");
	report("unprivileged");
	printf("value %lu\n", v);
	/* execute-never: a call into an XN region (the copy of a return) */
	uint16_t *code = (uint16_t *)(area + 4096 + 2048 + 64);
	code[0] = 0x4770; /* bx lr */
	__asm__ volatile("dsb\nisb");
	call(code);
	report("execute never");
	MPU_CTRL = 0;
	__asm__ volatile("dsb\nisb");
	call(code);
	report("mpu off: executes");
	return 0;
}
