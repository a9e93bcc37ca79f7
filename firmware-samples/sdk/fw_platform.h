/* rpsim remote platform: the RV32IMAC core's memory map and device
 * registers as the firmware sees them (device addresses, da).
 *
 * Keep in sync with sim/scenario.c (default_rproc) and the devices/ headers:
 * tests/unit/check_sdk_consistency.c compares every value below with the
 * simulator's own definitions.  The names carry an FW_ prefix so that the
 * native test can include this header next to the simulator's.
 *
 * This header compiles both for rv32 (the firmware) and natively (the
 * test): the register accessors and CSR helpers exist only under
 * __riscv. */
#ifndef FW_PLATFORM_H
#define FW_PLATFORM_H

#include <stdint.h>

/* ---- memory map (default platform) ---- */
#define FW_TCM_BASE 0x00000000u  /* code, data, stack, resource table, trace */
#define FW_TCM_SIZE 0x00040000u  /* 256 KiB; the host sees it at pa 0x40000000 */
#define FW_TCM_HOST_PA 0x40000000u /* remote 0; remote N: + N * 16 MiB */
#define FW_DRAM_BASE 0x80000000u /* da == pa: vrings and RPMsg buffers live here */
#define FW_DRAM_SIZE 0x10000000u /* 256 MiB by default; a scenario may give more */

/* Where the SDK accepts the vrings and RPMsg buffers the host places: DRAM
 * wherever and however large the scenario makes it, so by default
 * everything from FW_DRAM_BASE to the end of the 32-bit space (the TCM and
 * the devices lie below).  A platform with DRAM lower down defines both
 * when building the SDK (-DFW_SHM_BASE=0x60000000u -DFW_SHM_SIZE=...). */
#ifndef FW_SHM_BASE
#define FW_SHM_BASE FW_DRAM_BASE
#endif
#ifndef FW_SHM_SIZE
#define FW_SHM_SIZE (0u - (uint32_t)FW_SHM_BASE)
#endif

#define FW_MBOX_BASE 0x10000000u     /* remote-side mailbox window */
#define FW_INTC_BASE 0x10001000u     /* PLIC-like interrupt controller */
#define FW_UART_BASE 0x10002000u     /* console, TX only */
#define FW_WATCHDOG_BASE 0x10004000u /* expiry interrupts the host */
#define FW_TIMER_BASE 0x10010000u    /* CLINT layout */

#define FW_TIMER_HZ 10000000u /* mtime ticks per second (10 MHz) */
#define FW_WATCHDOG_HZ 1000000u /* watchdog LOAD is in microseconds */

/* ---- mailbox (devices/mailbox.h, remote side) ---- */
#define FW_MBOX_INFO 0x000
#define FW_MBOX_IRQ_ENABLE 0x004
#define FW_MBOX_IRQ_RAW 0x008
#define FW_MBOX_IRQ_STATUS 0x00C
#define FW_MBOX_ERR_STATUS 0x010 /* write 1 to clear */
#define FW_MBOX_TX_BASE 0x100
#define FW_MBOX_RX_BASE 0x200
#define FW_MBOX_CHAN_STRIDE 0x10
#define FW_MBOX_CHAN_DATA 0x0
#define FW_MBOX_CHAN_STATUS 0x4
#define FW_MBOX_IRQ_RX(c) (1u << (c))
#define FW_MBOX_IRQ_TX(c) (1u << (16 + (c)))
#define FW_MBOX_IRQ_ERR (1u << 31)
#define FW_MBOX_STATUS_FULL (1u << 0)
#define FW_MBOX_STATUS_EMPTY (1u << 1)
#define FW_MBOX_CHAN 0 /* TX 0 = to the host, RX 0 = from the host */

/* OMAP-style mailbox messages (Linux omap_remoteproc / TI K3); any other
 * value is a vring notifyid. */
#define FW_RP_MBOX_READY 0xFFFFFF00u
#define FW_RP_MBOX_PENDING_MSG 0xFFFFFF01u
#define FW_RP_MBOX_CRASH 0xFFFFFF02u
#define FW_RP_MBOX_ECHO_REQUEST 0xFFFFFF03u
#define FW_RP_MBOX_ECHO_REPLY 0xFFFFFF04u

/* ---- interrupt controller (devices/intc.h) ---- */
#define FW_INTC_PRIORITY(id) (0x000 + 4u * (id))
#define FW_INTC_PENDING 0x080
#define FW_INTC_ENABLE 0x084
#define FW_INTC_THRESHOLD 0x088
#define FW_INTC_CLAIM 0x08C /* read: claim; write the id back: complete */
#define FW_INTC_INPUT 0x090
#define FW_INTC_NSOURCES 32
#define FW_IRQ_MBOX 1 /* intc source of the remote mailbox line */

/* ---- timer (devices/timer.h, CLINT offsets) ---- */
#define FW_TIMER_MSIP 0x0000
#define FW_TIMER_MTIMECMP_LO 0x4000
#define FW_TIMER_MTIMECMP_HI 0x4004
#define FW_TIMER_MTIME_LO 0xBFF8
#define FW_TIMER_MTIME_HI 0xBFFC

/* ---- uart (devices/uart.h) ---- */
#define FW_UART_TXDATA 0x00
#define FW_UART_STATUS 0x04
#define FW_UART_STATUS_TX_READY 1u

/* ---- watchdog (devices/watchdog.h) ---- */
#define FW_WATCHDOG_CTRL 0x00
#define FW_WATCHDOG_LOAD 0x04
#define FW_WATCHDOG_KICK 0x08
#define FW_WATCHDOG_COUNT 0x0C
#define FW_WATCHDOG_STATUS 0x10
#define FW_WATCHDOG_CTRL_EN 1u
#define FW_WATCHDOG_KICK_MAGIC 0x4B49434Bu /* "KICK" */

/* ---- machine-mode CSR bits ---- */
#define FW_MSTATUS_MIE (1u << 3)
#define FW_MIE_MSIE (1u << 3)
#define FW_MIE_MTIE (1u << 7)
#define FW_MIE_MEIE (1u << 11)
#define FW_MCAUSE_INTR 0x80000000u
#define FW_IRQ_M_TIMER 7
#define FW_IRQ_M_EXT 11

#ifdef __riscv
static inline uint32_t fw_read32(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void fw_write32(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

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
#else
/* Native builds (tests/unit/check_sdk_consistency.c runs the vring and
 * RPMsg code on the build machine): only the barrier is needed. */
static inline void fw_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif /* __riscv */

#endif
