/* rpsim remote platform, Cortex-M4F remote: its memory map (the
 * cortex-m4f platform profile, sim/platform/platform_profile.c), the
 * core's own system registers the SDK uses (NVIC, SysTick, SCB) and the
 * Thumb helpers.  Included by fw_platform.h, which maps the FW_CM4_*
 * addresses to the SDK's FW_MBOX_BASE and the like when building for Arm.
 *
 * The peripherals are in the Cortex-M peripheral region at 0x4000_0000, as
 * STM32MP1 and i.MX firmware expects them; there is no intc and no CLINT
 * timer: the mailbox's line is an NVIC line and the time base is SysTick
 * counting its reference clock (CLKSOURCE 0, FW_CM4_TIMER_HZ).
 *
 * tests/unit/check_sdk_consistency.c compares every value below with the
 * simulator's own definitions.  This header compiles both for Arm (the
 * firmware) and natively (the test): the accessors exist only under
 * __arm__. */
#ifndef FW_PLATFORM_CM4_H
#define FW_PLATFORM_CM4_H

#include <stdint.h>

/* ---- memory map (the cortex-m4f profile's defaults) ---- */
#define FW_CM4_TCM_BASE 0x00000000u  /* vector table, code, data, stack, resource table, trace */
#define FW_CM4_TCM_SIZE 0x00040000u  /* 256 KiB; the host sees it at pa 0x40000000 */
#define FW_CM4_TCM_HOST_PA 0x40000000u /* remote 0; remote N: + N * 16 MiB */
#define FW_CM4_DDR_ALIAS 0x10000000u /* a 1 MiB window of DRAM on the code bus */
#define FW_CM4_DDR_ALIAS_SIZE 0x00100000u
#define FW_CM4_DDR_ALIAS_PA 0x80000000u /* remote 0; remote N: + N * 1 MiB */

#define FW_CM4_MBOX_BASE 0x40000000u     /* remote-side mailbox window */
#define FW_CM4_UART_BASE 0x40002000u     /* console, TX only */
#define FW_CM4_WATCHDOG_BASE 0x40004000u /* expiry interrupts the host */

#define FW_CM4_TIMER_HZ 1000000u /* SysTick's reference clock (CLKSOURCE 0): 1 MHz */
#define FW_CM4_IRQ_MBOX 1        /* NVIC line of the remote mailbox (exception 17) */

/* ---- the core's system registers (ARMv7-M ARM, B3) ---- */
#define FW_SCB_VTOR 0xE000ED08u
#define FW_SCB_SHCSR 0xE000ED24u
#define FW_SCB_CFSR 0xE000ED28u
#define FW_SCB_HFSR 0xE000ED2Cu
#define FW_SCB_MMFAR 0xE000ED34u
#define FW_SCB_BFAR 0xE000ED38u
#define FW_SCB_CPACR 0xE000ED88u
#define FW_CPACR_CP10_CP11_FULL (0xFu << 20)

#define FW_SYST_CSR 0xE000E010u
#define FW_SYST_RVR 0xE000E014u
#define FW_SYST_CVR 0xE000E018u
#define FW_SYST_CSR_ENABLE (1u << 0)
#define FW_SYST_CSR_TICKINT (1u << 1)
#define FW_SYST_CSR_CLKSOURCE (1u << 2) /* 1: the core clock; the SDK leaves it 0 */
#define FW_SYST_CSR_COUNTFLAG (1u << 16)
/* SysTick fires every FW_CM4_TICK_US: the SDK's time base and its wake-up
 * for timed waits */
#define FW_CM4_TICK_US 1000u

#define FW_NVIC_ISER(n) (0xE000E100u + 4u * (n))
#define FW_NVIC_ICER(n) (0xE000E180u + 4u * (n))
#define FW_NVIC_ICPR(n) (0xE000E280u + 4u * (n))
#define FW_NVIC_IPR(irq) (0xE000E400u + (irq)) /* one byte per line */

#ifdef __arm__
/* Orders memory accesses for the other processor: the host reads vrings
 * through its own view of DRAM. */
static inline void fw_mb(void)
{
	__asm__ volatile("dmb" ::: "memory");
}

static inline void fw_wfi(void)
{
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

/* Interrupts off (PRIMASK); returns the previous PRIMASK for
 * fw_irq_restore. */
static inline uint32_t fw_irq_save(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(v)::"memory");
	return v;
}

static inline void fw_irq_restore(uint32_t primask)
{
	if (!(primask & 1u))
		__asm__ volatile("cpsie i" ::: "memory");
}
#endif /* __arm__ */

#endif
