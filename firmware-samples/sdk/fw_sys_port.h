/* Internal to the SDK: what fw_sys.c (both ISAs) asks of the ISA's half,
 * fw_sys_rv32.c or fw_sys_cm4.c, and what that half calls back.  fw_time
 * (fw_sys.h) is the ISA half's too. */
#ifndef FW_SYS_PORT_H
#define FW_SYS_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_sys.h"

/* From fw_sys_init, the mailbox's RX interrupt enabled: start the time
 * base, route the mailbox line (FW_IRQ_MBOX) to the core, interrupts on. */
void fw_port_init(void);
/* Interrupts off (the caller did fw_irq_save): sleep until an enabled
 * interrupt is pending or the time base reaches deadline (0: none). */
void fw_port_sleep(uint64_t deadline);
/* Every interrupt source off at the core (the crash report halts). */
void fw_port_irqs_off(void);

/* Called by the ISA half: the mailbox line's handler; an exception (not
 * an interrupt) with what the hook gets: true when the hook handled it,
 * else the ISA half reports the crash with fw_crash. */
void fw_sys_mbox_isr(void);
bool fw_sys_exception_enter(struct fw_trap_frame *f, uint32_t cause, uint32_t pc, uint32_t tval);

#endif
