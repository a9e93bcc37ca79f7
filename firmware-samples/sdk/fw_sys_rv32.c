/* The RV32 half of the system services (fw_sys_port.h): the CLINT
 * timer as the time base, the intc for the mailbox line, the trap
 * handler crt0.S calls. */
/* Compiled as part of fw_sys.c (fw_sys_port.h says why). */
#include "fw_sys_port.h"

static void timer_disarm(void)
{
	/* high word first so the compare never passes through a smaller value */
	fw_write32(FW_TIMER_BASE + FW_TIMER_MTIMECMP_HI, 0xFFFFFFFFu);
	fw_write32(FW_TIMER_BASE + FW_TIMER_MTIMECMP_LO, 0xFFFFFFFFu);
}

static void timer_arm(uint64_t at)
{
	fw_write32(FW_TIMER_BASE + FW_TIMER_MTIMECMP_LO, 0xFFFFFFFFu);
	fw_write32(FW_TIMER_BASE + FW_TIMER_MTIMECMP_HI, (uint32_t)(at >> 32));
	fw_write32(FW_TIMER_BASE + FW_TIMER_MTIMECMP_LO, (uint32_t)at);
}

static void fw_port_init(void)
{
	timer_disarm();
	fw_write32(FW_INTC_BASE + FW_INTC_PRIORITY(FW_IRQ_MBOX), 1);
	fw_write32(FW_INTC_BASE + FW_INTC_THRESHOLD, 0);
	fw_write32(FW_INTC_BASE + FW_INTC_ENABLE, 1u << FW_IRQ_MBOX);
	fw_csr_write(mie, FW_MIE_MEIE);
	fw_csr_set(mstatus, FW_MSTATUS_MIE);
}

static void fw_port_irqs_off(void)
{
	fw_csr_write(mie, 0);
}

uint64_t fw_time(void)
{
	uint32_t hi, lo;
	do {
		hi = fw_read32(FW_TIMER_BASE + FW_TIMER_MTIME_HI);
		lo = fw_read32(FW_TIMER_BASE + FW_TIMER_MTIME_LO);
	} while (hi != fw_read32(FW_TIMER_BASE + FW_TIMER_MTIME_HI));
	return (uint64_t)hi << 32 | lo;
}

/* Sleeps until an enabled interrupt or `deadline`; the caller has
 * interrupts off and checked its condition, so nothing is missed: wfi
 * wakes on a pending interrupt even with mstatus.MIE clear (the timer
 * interrupt is enabled for the sleep only). */
static void fw_port_sleep(uint64_t deadline)
{
	if (deadline) {
		timer_arm(deadline);
		fw_csr_set(mie, FW_MIE_MTIE);
	}
	fw_wfi();
	if (deadline) {
		fw_csr_clear(mie, FW_MIE_MTIE);
		timer_disarm();
	}
}

static void external_isr(void)
{
	/* a few rounds: the mailbox line may still be high for a moment after
	 * the FIFO is drained (it follows with a latency) */
	for (unsigned n = 0; n < 8; n++) {
		uint32_t id = fw_read32(FW_INTC_BASE + FW_INTC_CLAIM);
		if (id == 0)
			return;
		if (id == FW_IRQ_MBOX)
			fw_sys_mbox_isr();
		else
			fw_write32(FW_INTC_BASE + FW_INTC_ENABLE,
				   fw_read32(FW_INTC_BASE + FW_INTC_ENABLE) & ~(1u << id));
		fw_write32(FW_INTC_BASE + FW_INTC_CLAIM, id);
	}
}

static const char *exception_name(uint32_t cause)
{
	static const char *const names[] = {
		"instruction address misaligned", "instruction access fault", "illegal instruction",
		"breakpoint", "load address misaligned", "load access fault",
		"store address misaligned", "store access fault", "ecall from U-mode",
		"ecall from S-mode", "reserved", "ecall from M-mode",
	};
	return cause < sizeof(names) / sizeof(names[0]) ? names[cause] : "unknown exception";
}

void fw_trap_handler(struct fw_trap_frame *f)
{
	uint32_t cause = fw_csr_read(mcause);
	if (cause & FW_MCAUSE_INTR) {
		uint32_t irq = cause & ~FW_MCAUSE_INTR;
		if (irq == FW_IRQ_M_EXT)
			external_isr();
		else if (irq == FW_IRQ_M_TIMER)
			timer_disarm(); /* the sleeper re-arms as needed */
		else
			fw_csr_clear(mie, 1u << (irq & 31)); /* nobody asked for it */
		return;
	}
	uint32_t epc = fw_csr_read(mepc), tval = fw_csr_read(mtval);
	if (in_exception) /* the hook or the report faulted */
		fw_crash("nested exception %lu at pc 0x%08lx", (unsigned long)cause, (unsigned long)epc);
	in_exception = true;
	if (exception_hook && exception_hook(f, cause, epc, tval)) {
		in_exception = false;
		return;
	}
	fw_crash("%s (mcause %lu) at pc 0x%08lx, mtval 0x%08lx, ra 0x%08lx, sp 0x%08lx",
		 exception_name(cause), (unsigned long)cause, (unsigned long)epc,
		 (unsigned long)tval, (unsigned long)f->x[1], (unsigned long)f->x[2]);
}
