/* The Cortex-M4F half of the system services (fw_sys_port.h): SysTick
 * as the time base, the mailbox on its NVIC line, the fault handlers the
 * vector table (crt0_cm4.c) names.
 *
 * Time: SysTick counts its reference clock (CLKSOURCE 0, FW_TIMER_HZ) and
 * interrupts every FW_CM4_TICK_US; the handler counts the periods, so
 * fw_time() is periods * period + what the current one has counted.  The
 * tick is also the wake-up of timed sleeps: a sleeper wakes at the latest
 * one tick after its deadline (the callers loop on their condition). */
/* Compiled as part of fw_sys.c (fw_sys_port.h says why). */
#include "fw_sys_port.h"

#include "fw_trace.h"

#define ICSR 0xE000ED04u
#define ICSR_PENDSTSET (1u << 26)
#define PERIOD (FW_TIMER_HZ / 1000000u * FW_CM4_TICK_US)

static volatile uint64_t periods; /* SysTick wraps since fw_port_init */

static void fw_port_init(void)
{
	periods = 0;
	fw_write32(FW_SYST_CSR, 0);
	fw_write32(FW_SYST_RVR, PERIOD - 1u);
	fw_write32(FW_SYST_CVR, 0);
	fw_write32(FW_SYST_CSR, FW_SYST_CSR_ENABLE | FW_SYST_CSR_TICKINT);
	/* no ICPR write: the mailbox line may already be high (a kick sent
	 * before boot), and its pending state is what wakes us for it */
	fw_write32(FW_NVIC_ISER(FW_IRQ_MBOX / 32), 1u << (FW_IRQ_MBOX % 32));
	__asm__ volatile("cpsie i" ::: "memory");
}

static void fw_port_irqs_off(void)
{
	fw_write32(FW_SYST_CSR, 0);
	for (unsigned n = 0; n < 8; n++)
		fw_write32(FW_NVIC_ICER(n), 0xFFFFFFFFu);
}

uint64_t fw_time(void)
{
	uint32_t s = fw_irq_save();
	uint32_t cvr, pend;
	/* a wrap between reading CVR and the pending bit would count a
	 * period twice: read again when CVR went up (it counts down) */
	do {
		cvr = fw_read32(FW_SYST_CVR);
		pend = fw_read32(ICSR) & ICSR_PENDSTSET;
	} while (fw_read32(FW_SYST_CVR) > cvr);
	uint64_t t = periods * PERIOD + (PERIOD - 1u - cvr);
	if (pend) /* wrapped, its handler not run yet (interrupts off) */
		t += PERIOD;
	fw_irq_restore(s);
	return t;
}

static void fw_port_sleep(uint64_t deadline)
{
	/* the tick wakes us within FW_CM4_TICK_US; wfi wakes on a pending
	 * interrupt even with PRIMASK set */
	if (!deadline || fw_time() < deadline)
		fw_wfi();
}

void fw_systick_handler(void)
{
	periods = periods + 1;
}

void fw_mbox_irq_handler(void)
{
	fw_sys_mbox_isr();
}

/* Another NVIC line that fired: nobody asked for it, turn it off. */
void fw_unexpected_irq_handler(void)
{
	uint32_t ipsr;
	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	uint32_t irq = (ipsr & 0x1FFu) - 16u;
	if (irq < 256u)
		fw_write32(FW_NVIC_ICER(irq / 32), 1u << (irq % 32));
}

static const char *exception_name(uint32_t n)
{
	static const char *const names[] = {
		"thread", "reset", "NMI", "HardFault", "MemManage fault", "BusFault", "UsageFault",
		"reserved", "reserved", "reserved", "reserved", "SVCall", "DebugMonitor", "reserved",
		"PendSV", "SysTick",
	};
	return n < sizeof(names) / sizeof(names[0]) ? names[n] : "interrupt";
}

/* From fw_fault_entry: f is the exception's stacked frame (on MSP or PSP
 * as EXC_RETURN says); returning resumes at f->pc. */
void fw_cm4_fault(struct fw_trap_frame *f);
void fw_cm4_fault(struct fw_trap_frame *f)
{
	uint32_t ipsr;
	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	uint32_t n = ipsr & 0x1FFu;
	uint32_t cfsr = fw_read32(FW_SCB_CFSR), hfsr = fw_read32(FW_SCB_HFSR);
	/* the faulting address, when the fault status says it is valid */
	uint32_t addr = (cfsr & (1u << 15)) ? fw_read32(FW_SCB_BFAR) :
			(cfsr & (1u << 7)) ? fw_read32(FW_SCB_MMFAR) : 0;
	if (in_exception) /* the hook or the report faulted */
		fw_crash("nested exception %lu at pc 0x%08lx", (unsigned long)n, (unsigned long)f->pc);
	in_exception = true;
	if (exception_hook && exception_hook(f, n, f->pc, addr)) {
		in_exception = false;
		return;
	}
	fw_crash("%s (exception %lu) at pc 0x%08lx, CFSR 0x%08lx, HFSR 0x%08lx, address 0x%08lx, "
		 "lr 0x%08lx", exception_name(n), (unsigned long)n, (unsigned long)f->pc,
		 (unsigned long)cfsr, (unsigned long)hfsr, (unsigned long)addr, (unsigned long)f->lr);
}

/* The faults' vector: the frame the core stacked is on the stack EXC_RETURN
 * (lr) names. */
__attribute__((naked)) void fw_fault_entry(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "b fw_cm4_fault\n");
}
