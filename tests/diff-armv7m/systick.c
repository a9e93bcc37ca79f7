/* SysTick: reload and current value, COUNTFLAG (set at zero, cleared by a
 * read of the CSR and by a write of CVR), the SysTick exception when
 * TICKINT is set and its pending bit (ICSR.PENDSTSET/CLR) when it is not,
 * a busy wait until a tick.  Only counts and orders are printed: the time between
 * ticks differs between simulators. */
#include "diff.h"

static volatile unsigned ticks;
static volatile unsigned stop_at = ~0u;
/* the handler stops the counter at stop_at: on QEMU, which counts in real
 * time, another tick could come before the main loop's own stop */
static void systick_handler(void)
{
	if (++ticks == stop_at) {
		SYST_CSR = 0;
		SCB_ICSR = 1u << 25; /* PENDSTCLR: a tick already pending is dropped */
	}
}

int main(void)
{
	install(15, systick_handler);
	use_vectors();
	printf("csr at reset %08lx\n", SYST_CSR & 0x10007);
	SYST_RVR = 0xFFFFFFFFu;
	printf("rvr keeps 24 bits: %08lx\n", SYST_RVR);
	SYST_RVR = 999;
	SYST_CVR = 12345; /* any write clears it */
	printf("cvr after write %lu\n", SYST_CVR);
	/* processor clock, no interrupt: COUNTFLAG after a wrap */
	SYST_CSR = 5;
	unsigned spins = 0;
	while (!(SYST_CSR & 0x10000))
		spins++;
	printf("countflag seen\n"); /* (whether it is set again by the next read is timing) */
	/* (that it counts down is the ISA test's: on QEMU, which counts in
	 * real time, two reads may straddle a reload) */
	uint32_t a = SYST_CVR, b = SYST_CVR;
	printf("in range: %d\n", a <= 999 && b <= 999);
	SYST_CSR = 0;
	uint32_t held = SYST_CVR;
	printf("stopped: %d\n", held == SYST_CVR);
	/* TICKINT: the exception, five times */
	ticks = 0;
	stop_at = 5;
	SYST_CVR = 0;
	SYST_CSR = 7;
	/* (no WFI here: the fifth tick stops the counter, and coming between
	 * the test and the WFI it would leave nothing to wake it) */
	while (ticks < 5)
		;
	SYST_CSR = 0;
	stop_at = ~0u;
	printf("ticks %u\n", ticks);
	/* pending without TICKINT? no: the exception pends only with TICKINT;
	 * ICSR sets and clears its pending bit by hand */
	SCB_ICSR = 1u << 25; /* PENDSTCLR */
	__asm__ volatile("cpsid i");
	SCB_ICSR = 1u << 26; /* PENDSTSET */
	printf("icsr pendst %lu\n", (SCB_ICSR >> 26) & 1);
	ticks = 0;
	__asm__ volatile("cpsie i\nisb");
	printf("taken: ticks %u, pendst %lu\n", ticks, (SCB_ICSR >> 26) & 1);
	/* priority: SysTick at 0x80 is held off by BASEPRI 0x80 */
	SCB_SHPR3 = 0x80u << 24;
	__asm__ volatile("msr basepri, %0" ::"r"(0x80));
	ticks = 0;
	SCB_ICSR = 1u << 26;
	__asm__ volatile("isb");
	unsigned before = ticks;
	__asm__ volatile("msr basepri, %0\nisb" ::"r"(0));
	printf("basepri held %u, then %u\n", before, ticks);
	return 0;
}
