/* Remote firmware system services: start-up, interrupts, time, mailbox
 * kicks, watchdog and the crash report.
 *
 * crt0.S zeroes .bss, installs fw_trap_entry and calls fw_sys_init()
 * before main(): from then on the mailbox RX interrupt is enabled (intc
 * source FW_IRQ_MBOX -> mip.MEIP) and machine interrupts are on.  The
 * interrupt handler drains the mailbox and records kicks (a message is a
 * vring notifyid); code outside interrupt context looks at them with
 * fw_kicks_take() and sleeps with fw_wait_kick(). */
#ifndef FW_SYS_H
#define FW_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_platform.h"

/* Error codes returned (negated) by the SDK. */
enum fw_err {
	FW_OK = 0,
	FW_EAGAIN = 1,    /* nothing available now (non-blocking call) */
	FW_ETIMEDOUT = 2, /* a bounded wait ran out */
	FW_EINVAL = 3,    /* bad argument, or bad value in the resource table */
	FW_EIO = 4,       /* the host broke a vring rule (bad index, descriptor) */
	FW_ENOTCONN = 5,  /* the vdev is not (or no longer) DRIVER_OK */
	FW_EMSGSIZE = 6,  /* payload larger than FW_RPMSG_MAX_PAYLOAD */
	FW_ENOSPC = 7,    /* no free endpoint slot or address */
	FW_EBUSY = 8,     /* address already bound */
};

#if defined(__arm__)
/* Cortex-M: the frame the core stacked on exception entry (ARMv7-M's
 * basic frame); the handler returns to pc. */
struct fw_trap_frame {
	uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
};
#else
/* RV32: registers saved by the trap entry, x[1..31] as they were when the
 * trap was taken (x[0] is 0). */
struct fw_trap_frame {
	uint32_t x[32];
};
#endif

/* The hooks crt0.S calls (doc/firmware-sdk.md, "crt0 and the hooks it
 * calls"): fw_sys_init before main, fw_main_returned if main returns (a
 * crash report), fw_trap_handler (below) on every trap.  A firmware that
 * uses crt0 without this file provides all three. */
void fw_sys_init(void);
void fw_main_returned(void);

/* ---- time (FW_TIMER_HZ ticks: RV32's CLINT mtime, Cortex-M's SysTick
 * periods counted in software) ---- */
uint64_t fw_time(void);
static inline uint64_t fw_us_to_ticks(uint32_t us)
{
	return (uint64_t)us * (FW_TIMER_HZ / 1000000u);
}
/* Busy-free delay: sleeps in wfi until mtime passes now + us. */
void fw_delay_us(uint32_t us);

/* ---- kicks from the host ---- */
/* Returns the notifyids (bit n = notifyid n, n < 32) in `mask` that were
 * kicked since the last take, and clears them. */
uint32_t fw_kicks_take(uint32_t mask);
/* Sleeps until a kick in `mask` is pending or mtime reaches `deadline`
 * (0: no deadline), servicing the watchdog meanwhile.  Returns true if a
 * kick in mask is pending (it is not cleared).  Safe against the kick
 * arriving between the check and the wfi. */
bool fw_wait_kick(uint32_t mask, uint64_t deadline);
#define FW_KICK_ALL 0xFFFFFFFFu

/* ---- mailbox to the host ---- */
/* Queues a 32-bit message on TX channel FW_MBOX_CHAN; waits (bounded,
 * 10 ms) while the FIFO is full.  0 or -FW_ETIMEDOUT. */
int fw_mbox_send(uint32_t msg);
/* Mailbox messages this firmware could not interpret (counted, traced). */
uint32_t fw_mbox_unknown(void);
/* RP_MBOX_ECHO_REPLY messages received (answers to ECHO_REQUEST). */
uint32_t fw_mbox_echo_replies(void);

/* ---- watchdog ---- */
/* Starts it with a timeout of `timeout_us`; fw_wait_kick then kicks it
 * every timeout/2 while the firmware sleeps. */
void fw_wdt_start(uint32_t timeout_us);
void fw_wdt_kick(void);
void fw_wdt_stop(void);
/* Kicks if half the timeout has passed since the last kick. */
void fw_wdt_service(void);

/* ---- crash report ---- */
/* Logs "fatal: <message>" to the trace buffer and uart, sends
 * RP_MBOX_CRASH to the host and halts (interrupts off, wfi forever).  The
 * host's remoteproc reports a fatal-error crash and, with recovery on,
 * resets and reboots the core. */
void fw_crash(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Optional hook for exceptions (not interrupts): return true if handled
 * (having moved the return pc past the faulting instruction if it should
 * not be retried); false lets the SDK report the crash.  NULL removes it.
 * RV32: (frame, mcause, mepc, mtval), mepc written back with csrw.
 * Cortex-M: (frame, exception number, stacked pc, BFAR or MMFAR when
 * valid else 0), the return pc is frame->pc. */
typedef bool (*fw_exception_fn)(struct fw_trap_frame *f, uint32_t mcause, uint32_t mepc,
				uint32_t mtval);
void fw_set_exception_hook(fw_exception_fn fn);

#if !defined(__arm__)
/* The C side of the trap entry (crt0.S, RV32). */
void fw_trap_handler(struct fw_trap_frame *f);
#endif

#endif
