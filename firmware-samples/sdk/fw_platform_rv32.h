/* rpsim remote platform, RV32IMAC remote: its memory map, the devices
 * only it has (intc, CLINT timer) and the machine-mode helpers.  Included
 * by fw_platform.h, which maps the FW_RV32_* addresses to the SDK's
 * FW_MBOX_BASE and the like when building for RISC-V.
 *
 * tests/unit/check_sdk_consistency.c compares every value below with the
 * simulator's own definitions (the rv32imac platform profile,
 * sim/platform/platform_profile.c, and the devices/ headers).  This header
 * compiles both for rv32 (the firmware) and natively (the test): the
 * register accessors and CSR helpers exist only under __riscv. */
#ifndef FW_PLATFORM_RV32_H
#define FW_PLATFORM_RV32_H

#include <stdint.h>

/* ---- memory map (default platform) ---- */
#define FW_RV32_TCM_BASE 0x00000000u  /* code, data, stack, resource table, trace */
#define FW_RV32_TCM_SIZE 0x00040000u  /* 256 KiB; the host sees it at pa 0x40000000 */
#define FW_RV32_TCM_HOST_PA 0x40000000u /* remote 0; remote N: + N * 16 MiB */

#define FW_RV32_MBOX_BASE 0x10000000u     /* remote-side mailbox window */
#define FW_INTC_BASE 0x10001000u     /* PLIC-like interrupt controller */
#define FW_RV32_UART_BASE 0x10002000u     /* console, TX only */
#define FW_RV32_WATCHDOG_BASE 0x10004000u /* expiry interrupts the host */
#define FW_TIMER_BASE 0x10010000u    /* CLINT layout */

#define FW_RV32_TIMER_HZ 10000000u /* mtime ticks per second (10 MHz) */

/* ---- interrupt controller (devices/intc.h) ---- */
#define FW_INTC_PRIORITY(id) (0x000 + 4u * (id))
#define FW_INTC_PENDING 0x080
#define FW_INTC_ENABLE 0x084
#define FW_INTC_THRESHOLD 0x088
#define FW_INTC_CLAIM 0x08C /* read: claim; write the id back: complete */
#define FW_INTC_INPUT 0x090
#define FW_INTC_NSOURCES 32
#define FW_RV32_IRQ_MBOX 1 /* intc source of the remote mailbox line */

/* ---- timer (devices/timer.h, CLINT offsets) ---- */
#define FW_TIMER_MSIP 0x0000
#define FW_TIMER_MTIMECMP_LO 0x4000
#define FW_TIMER_MTIMECMP_HI 0x4004
#define FW_TIMER_MTIME_LO 0xBFF8
#define FW_TIMER_MTIME_HI 0xBFFC

/* ---- machine-mode CSR bits ---- */
#define FW_MSTATUS_MIE (1u << 3)
#define FW_MIE_MSIE (1u << 3)
#define FW_MIE_MTIE (1u << 7)
#define FW_MIE_MEIE (1u << 11)
#define FW_MCAUSE_INTR 0x80000000u
#define FW_IRQ_M_TIMER 7
#define FW_IRQ_M_EXT 11

#ifdef __riscv
/* Orders memory accesses for the other processor: the host reads vrings
 * through its own view of DRAM. */
static inline void fw_mb(void)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
}

static inline void fw_wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

#define fw_csr_read(csr) ({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define fw_csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define fw_csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define fw_csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")

/* Interrupts off; returns the previous mstatus for fw_irq_restore. */
static inline uint32_t fw_irq_save(void)
{
	uint32_t v;
	__asm__ volatile("csrrci %0, mstatus, 8" : "=r"(v)::"memory");
	return v;
}

static inline void fw_irq_restore(uint32_t mstatus)
{
	if (mstatus & FW_MSTATUS_MIE)
		fw_csr_set(mstatus, FW_MSTATUS_MIE);
}
#endif /* __riscv */

#endif
