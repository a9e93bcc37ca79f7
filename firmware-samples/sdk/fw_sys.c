/* System services: interrupts, mailbox, time, watchdog, crash report. */
#include "fw_sys.h"

#include <stdarg.h>
#include <stdio.h>

#include "fw_platform.h"
#include "fw_trace.h"

/* Written in interrupt context, read outside it. */
static volatile uint32_t kicks;
static volatile uint32_t unknown_msgs;
static volatile uint32_t echo_replies;

static volatile bool crashing;     /* fw_crash entered */
static volatile bool in_exception; /* an exception is being handled */

static uint64_t wdt_period; /* ticks between kicks; 0: watchdog off */
static uint64_t wdt_next;
static fw_exception_fn exception_hook;

#define MBOX_TX_STATUS (FW_MBOX_BASE + FW_MBOX_TX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_STATUS)
#define MBOX_TX_DATA (FW_MBOX_BASE + FW_MBOX_TX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_DATA)
#define MBOX_RX_STATUS (FW_MBOX_BASE + FW_MBOX_RX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_STATUS)
#define MBOX_RX_DATA (FW_MBOX_BASE + FW_MBOX_RX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_DATA)

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

void fw_sys_init(void)
{
	kicks = 0;
	crashing = false;
	in_exception = false;
	unknown_msgs = 0;
	echo_replies = 0;
	wdt_period = 0;
	exception_hook = 0;
	timer_disarm();
	fw_write32(FW_MBOX_BASE + FW_MBOX_ERR_STATUS, 0xFFFFFFFFu);
	fw_write32(FW_MBOX_BASE + FW_MBOX_IRQ_ENABLE, FW_MBOX_IRQ_RX(FW_MBOX_CHAN));
	fw_write32(FW_INTC_BASE + FW_INTC_PRIORITY(FW_IRQ_MBOX), 1);
	fw_write32(FW_INTC_BASE + FW_INTC_THRESHOLD, 0);
	fw_write32(FW_INTC_BASE + FW_INTC_ENABLE, 1u << FW_IRQ_MBOX);
	fw_csr_write(mie, FW_MIE_MEIE);
	fw_csr_set(mstatus, FW_MSTATUS_MIE);
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
 * wakes on a pending interrupt even with mstatus.MIE clear. */
static void sleep_locked(uint64_t deadline)
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

static uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

void fw_delay_us(uint32_t us)
{
	uint64_t end = fw_time() + fw_us_to_ticks(us);
	while (fw_time() < end) {
		uint32_t s = fw_irq_save();
		sleep_locked(earliest(end, wdt_period ? wdt_next : 0));
		fw_irq_restore(s);
		fw_wdt_service();
	}
}

uint32_t fw_kicks_take(uint32_t mask)
{
	uint32_t s = fw_irq_save();
	uint32_t k = kicks & mask;
	kicks &= ~k;
	fw_irq_restore(s);
	return k;
}

bool fw_wait_kick(uint32_t mask, uint64_t deadline)
{
	uint32_t s = fw_irq_save();
	bool hit = (kicks & mask) != 0;
	if (!hit && (!deadline || fw_time() < deadline)) {
		sleep_locked(earliest(deadline, wdt_period ? wdt_next : 0));
		fw_irq_restore(s); /* the interrupt that woke us runs here */
		s = fw_irq_save();
		hit = (kicks & mask) != 0;
	}
	fw_irq_restore(s);
	fw_wdt_service();
	return hit;
}

static int mbox_send_until(uint32_t msg, uint64_t deadline)
{
	while (fw_read32(MBOX_TX_STATUS) & FW_MBOX_STATUS_FULL) {
		if (fw_time() >= deadline)
			return -FW_ETIMEDOUT;
	}
	fw_write32(MBOX_TX_DATA, msg);
	return 0;
}

int fw_mbox_send(uint32_t msg)
{
	/* busy wait: the host drains its side from interrupt context, and
	 * we may be called with interrupts off (crash report) */
	return mbox_send_until(msg, fw_time() + fw_us_to_ticks(10000));
}

uint32_t fw_mbox_unknown(void)
{
	return unknown_msgs;
}

uint32_t fw_mbox_echo_replies(void)
{
	return echo_replies;
}

static void mbox_isr(void)
{
	/* bounded: a host that keeps the FIFO full must not starve main */
	for (unsigned n = 0; n < 64; n++) {
		if (fw_read32(MBOX_RX_STATUS) & FW_MBOX_STATUS_EMPTY)
			break;
		uint32_t m = fw_read32(MBOX_RX_DATA);
		if (m == FW_RP_MBOX_ECHO_REQUEST) {
			if (!(fw_read32(MBOX_TX_STATUS) & FW_MBOX_STATUS_FULL))
				fw_write32(MBOX_TX_DATA, FW_RP_MBOX_ECHO_REPLY);
		} else if (m == FW_RP_MBOX_ECHO_REPLY) {
			echo_replies++;
		} else if (m < 32) {
			kicks |= 1u << m;
		} else {
			unknown_msgs++;
			fw_printf("mbox: unexpected message 0x%08lx ignored\n", (unsigned long)m);
		}
	}
	fw_write32(FW_MBOX_BASE + FW_MBOX_ERR_STATUS, 0xFFFFFFFFu);
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
			mbox_isr();
		else
			fw_write32(FW_INTC_BASE + FW_INTC_ENABLE,
				   fw_read32(FW_INTC_BASE + FW_INTC_ENABLE) & ~(1u << id));
		fw_write32(FW_INTC_BASE + FW_INTC_CLAIM, id);
	}
}

void fw_wdt_start(uint32_t timeout_us)
{
	fw_write32(FW_WATCHDOG_BASE + FW_WATCHDOG_CTRL, 0);
	fw_write32(FW_WATCHDOG_BASE + FW_WATCHDOG_LOAD, timeout_us);
	fw_write32(FW_WATCHDOG_BASE + FW_WATCHDOG_CTRL, FW_WATCHDOG_CTRL_EN);
	wdt_period = fw_us_to_ticks(timeout_us / 2);
	if (!wdt_period)
		wdt_period = 1;
	wdt_next = fw_time() + wdt_period;
}

void fw_wdt_kick(void)
{
	fw_write32(FW_WATCHDOG_BASE + FW_WATCHDOG_KICK, FW_WATCHDOG_KICK_MAGIC);
	if (wdt_period)
		wdt_next = fw_time() + wdt_period;
}

void fw_wdt_stop(void)
{
	fw_write32(FW_WATCHDOG_BASE + FW_WATCHDOG_CTRL, 0);
	wdt_period = 0;
}

void fw_wdt_service(void)
{
	if (wdt_period && fw_time() >= wdt_next)
		fw_wdt_kick();
}

void fw_set_exception_hook(fw_exception_fn fn)
{
	exception_hook = fn;
}

static void __attribute__((noreturn)) halt(void)
{
	for (;;)
		fw_wfi();
}

void fw_crash(const char *fmt, ...)
{
	fw_irq_save();
	fw_csr_write(mie, 0);
	if (crashing) {
		/* the report itself faulted: say only the essential */
		fw_write32(MBOX_TX_DATA, FW_RP_MBOX_CRASH);
		halt();
	}
	crashing = true;
	char msg[FW_PRINTF_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fw_printf("fatal: %s\n", msg);
	fw_mbox_send(FW_RP_MBOX_CRASH);
	halt();
}

void fw_main_returned(void)
{
	fw_crash("main() returned");
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
