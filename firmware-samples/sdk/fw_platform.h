/* rpsim remote platform as the firmware sees it (device addresses, da):
 * what both ISAs' remotes share (the mailbox, uart and watchdog register
 * layouts, the OMAP-style mailbox messages, DRAM), then the remote's own
 * header by the ISA the compiler targets:
 *
 *   RISC-V (__riscv)      fw_platform_rv32.h: intc, CLINT timer, CSRs
 *   Arm (__arm__)         fw_platform_cm4.h: NVIC, SysTick, SCB
 *
 * which defines FW_<ISA>_MBOX_BASE and the like; the SDK's names below
 * (FW_MBOX_BASE, FW_TIMER_HZ, ...) are the target's.  Native builds (the
 * unit tests) get the RV32 names and may include fw_platform_cm4.h as
 * well: tests/unit/check_sdk_consistency.c compares both ISAs' values with
 * the simulator's own definitions.  The names carry an FW_ prefix so that
 * the test can include these headers next to the simulator's. */
#ifndef FW_PLATFORM_H
#define FW_PLATFORM_H

#include <stdint.h>

/* ---- DRAM (both ISAs: da == pa) ---- */
#define FW_DRAM_BASE 0x80000000u /* da == pa: vrings and RPMsg buffers live here */
#define FW_DRAM_SIZE 0x10000000u /* 256 MiB by default; a scenario may give more */

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

#if defined(__riscv) || defined(__arm__)
/* Device registers, the same on both ISAs (the per-ISA headers use them). */
static inline uint32_t fw_read32(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void fw_write32(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}
#endif

#if defined(__arm__)
#include "fw_platform_cm4.h"
#define FW_TCM_BASE FW_CM4_TCM_BASE
#define FW_TCM_SIZE FW_CM4_TCM_SIZE
#define FW_TCM_HOST_PA FW_CM4_TCM_HOST_PA
#define FW_MBOX_BASE FW_CM4_MBOX_BASE
#define FW_UART_BASE FW_CM4_UART_BASE
#define FW_WATCHDOG_BASE FW_CM4_WATCHDOG_BASE
#define FW_TIMER_HZ FW_CM4_TIMER_HZ
#define FW_IRQ_MBOX FW_CM4_IRQ_MBOX
#else
#include "fw_platform_rv32.h"
#define FW_TCM_BASE FW_RV32_TCM_BASE
#define FW_TCM_SIZE FW_RV32_TCM_SIZE
#define FW_TCM_HOST_PA FW_RV32_TCM_HOST_PA
#define FW_MBOX_BASE FW_RV32_MBOX_BASE
#define FW_UART_BASE FW_RV32_UART_BASE
#define FW_WATCHDOG_BASE FW_RV32_WATCHDOG_BASE
#define FW_TIMER_HZ FW_RV32_TIMER_HZ
#define FW_IRQ_MBOX FW_RV32_IRQ_MBOX
#endif

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

#if !defined(__riscv) && !defined(__arm__)
/* Native builds (tests/unit/check_sdk_consistency.c runs the vring and
 * RPMsg code on the build machine): only the barrier is needed. */
static inline void fw_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif

#endif
