/* System services: mailbox, kicks, watchdog, crash report; the ISA
 * parts (time base, interrupt controller, traps) are fw_sys_rv32.inc and
 * fw_sys_cm4.inc, compiled into this file (see "the ISA half"). */
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

/* ---- the ISA half ----
 * fw_sys_rv32.inc or fw_sys_cm4.inc: the time base (fw_time), the
 * interrupt controller, the trap or fault handlers.  It is compiled into
 * this file, not on its own: the functions below are static, so the small
 * ones inline as they did before the SDK had two ISAs, and an RV32
 * firmware runs the same instructions, with the same timing and traces,
 * as it did then.  It comes first, where its time base and trap handler
 * were before the split; its handlers use in_exception, exception_hook
 * and crashing above. */

/* From fw_sys_init, the mailbox's RX interrupt enabled: start the time
 * base, route the mailbox line (FW_IRQ_MBOX) to the core, interrupts on. */
static void fw_port_init(void);
/* Interrupts off (the caller did fw_irq_save): sleep until an enabled
 * interrupt is pending or the time base reaches deadline (0: none). */
static void fw_port_sleep(uint64_t deadline);
/* Every interrupt source off at the core (the crash report halts). */
static void fw_port_irqs_off(void);
/* What the ISA half calls: the mailbox line's handler (below). */
static void fw_sys_mbox_isr(void);

#if defined(__arm__)
#include "fw_sys_cm4.inc"
#else
#include "fw_sys_rv32.inc"
#endif

#define MBOX_TX_STATUS (FW_MBOX_BASE + FW_MBOX_TX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_STATUS)
#define MBOX_TX_DATA (FW_MBOX_BASE + FW_MBOX_TX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_DATA)
#define MBOX_RX_STATUS (FW_MBOX_BASE + FW_MBOX_RX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_STATUS)
#define MBOX_RX_DATA (FW_MBOX_BASE + FW_MBOX_RX_BASE + FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE + FW_MBOX_CHAN_DATA)

void fw_sys_init(void)
{
	kicks = 0;
	crashing = false;
	in_exception = false;
	unknown_msgs = 0;
	echo_replies = 0;
	wdt_period = 0;
	exception_hook = 0;
	fw_write32(FW_MBOX_BASE + FW_MBOX_ERR_STATUS, 0xFFFFFFFFu);
	fw_write32(FW_MBOX_BASE + FW_MBOX_IRQ_ENABLE, FW_MBOX_IRQ_RX(FW_MBOX_CHAN));
	fw_port_init(); /* the time base, the mailbox line, interrupts on */
}

/* Sleeps until an enabled interrupt or `deadline`; the caller has
 * interrupts off and checked its condition, so nothing is missed. */
static void sleep_locked(uint64_t deadline)
{
	fw_port_sleep(deadline);
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

static void fw_sys_mbox_isr(void)
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
	fw_port_irqs_off();
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
