/* Internal to the SDK: what fw_sys.c (both ISAs) asks of the ISA's half,
 * fw_sys_rv32.c or fw_sys_cm4.c, and what that half calls back.  fw_time
 * (fw_sys.h) is the ISA half's too.
 *
 * The ISA half is compiled into fw_sys.c (it includes it at its end), not
 * on its own: these are static, so the small ones inline as they did
 * before the SDK had two ISAs, and an RV32 firmware runs the same
 * instructions, with the same timing and traces, as it did then. */
#ifndef FW_SYS_PORT_H
#define FW_SYS_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_sys.h"

/* From fw_sys_init, the mailbox's RX interrupt enabled: start the time
 * base, route the mailbox line (FW_IRQ_MBOX) to the core, interrupts on. */
static void fw_port_init(void);
/* Interrupts off (the caller did fw_irq_save): sleep until an enabled
 * interrupt is pending or the time base reaches deadline (0: none). */
static void fw_port_sleep(uint64_t deadline);
/* Every interrupt source off at the core (the crash report halts). */
static void fw_port_irqs_off(void);

/* Called by the ISA half: the mailbox line's handler.  Its trap handler
 * also uses fw_sys.c's in_exception and exception_hook (the same file). */
static void fw_sys_mbox_isr(void);

#endif
