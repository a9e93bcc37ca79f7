/* Start-up and the vector table for rpsim remote firmware on the
 * Cortex-M4F remote.
 *
 * The core boots from the vector table at da 0 (VTOR's reset value): the
 * initial MSP is its first word, the reset handler its second.  The host
 * loads the image and releases reset with nothing else set up; after a
 * stop/start the core starts here again and everything (bss, vrings,
 * endpoints) is rebuilt from scratch. */
#include <stdint.h>
#include <string.h>

#include "fw_platform.h"
#include "fw_sys.h"

extern uint32_t __stack_top[];
extern uint32_t __bss_start[], __bss_end[];
extern char __tls_base[];
int main(void);
void _set_tls(void *tls); /* picolibc's TLS pointer (errno) */

void fw_reset_handler(void);
void fw_fault_entry(void);
void fw_systick_handler(void);
void fw_mbox_irq_handler(void);
void fw_unexpected_irq_handler(void);

void fw_reset_handler(void)
{
	/* the FPU before any floating-point instruction (-mfloat-abi=hard) */
	fw_write32(FW_SCB_CPACR, fw_read32(FW_SCB_CPACR) | FW_CPACR_CP10_CP11_FULL);
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	/* The host zeroed memsz - filesz already; a restarted core may not
	 * have been reloaded, so zero again. */
	memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
	_set_tls(__tls_base);
	fw_sys_init();
	main();
	fw_main_returned();
	for (;;)
		fw_wfi();
}

/* The exceptions 1..15 then the NVIC lines: the mailbox's
 * (FW_IRQ_MBOX) and as many others as the table has room for (an
 * unexpected one is disabled). */
#define FW_CM4_VECTORS (16 + 32)
typedef void (*fw_vector)(void);
__attribute__((section(".vectors"), used)) const fw_vector fw_vectors[FW_CM4_VECTORS] = {
	[0] = (fw_vector)(uintptr_t)__stack_top,
	[1] = fw_reset_handler,
	[2] = fw_fault_entry,  /* NMI */
	[3] = fw_fault_entry,  /* HardFault */
	[4] = fw_fault_entry,  /* MemManage */
	[5] = fw_fault_entry,  /* BusFault */
	[6] = fw_fault_entry,  /* UsageFault */
	[11] = fw_fault_entry, /* SVCall: the SDK makes none */
	[12] = fw_fault_entry, /* DebugMonitor */
	[14] = fw_fault_entry, /* PendSV: the SDK makes none */
	[15] = fw_systick_handler,
	[16] = fw_unexpected_irq_handler,
	[16 + FW_IRQ_MBOX] = fw_mbox_irq_handler,
	[18 ... FW_CM4_VECTORS - 1] = fw_unexpected_irq_handler,
};
_Static_assert(FW_IRQ_MBOX == 1, "the table above has the mailbox's vector at 17");
