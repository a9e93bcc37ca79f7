/* crash: an echo firmware that fails on purpose, to exercise the host's
 * crash detection, coredump and recovery.
 *
 * Announces "rpmsg-raw" at 0x400 and echoes like rpmsg-echo.  A message
 * whose text is exactly
 *   "fault"  loads from an unmapped address (0x20000000): the SDK's trap
 *            handler logs the load access fault and sends RP_MBOX_CRASH
 *            (Linux: fatal error);
 *   "hang"   stops kicking the watchdog and spins with interrupts off:
 *            the watchdog expires (Linux: watchdog crash);
 *   "crash"  reports through fw_crash() directly (RP_MBOX_CRASH);
 * is acted on without an echo.  Otherwise, after CRASH_AFTER echoes the
 * firmware does CRASH_MODE by itself: crash.elf faults, crash-wdt.elf
 * (built with -DCRASH_MODE=CRASH_HANG) hangs.
 *
 * The watchdog runs with a CRASH_WDT_US timeout from boot; the SDK kicks
 * it while the firmware sleeps. */
#include "fw.h"

#include <string.h>

FW_RSC_TABLE_STD(resource_table);

#define CRASH_FAULT 1
#define CRASH_HANG 2
#ifndef CRASH_MODE
#define CRASH_MODE CRASH_FAULT
#endif
#ifndef CRASH_AFTER
#define CRASH_AFTER 3
#endif
#define CRASH_WDT_US 100000u /* 100 ms */
#define CRASH_BAD_ADDR 0x20000000u /* nothing is mapped there */

static void fault(void)
{
	fw_printf("crash: loading from 0x%08lx\n", (unsigned long)CRASH_BAD_ADDR);
	(void)fw_read32(CRASH_BAD_ADDR);
	fw_crash("crash: the load from an unmapped address did not fault");
}

static void hang(void)
{
	fw_printf("crash: no more watchdog kicks\n");
	fw_irq_save();
	for (;;)
		__asm__ volatile("" ::: "memory");
}

static bool is(const void *data, uint32_t len, const char *word)
{
	return len == strlen(word) && memcmp(data, word, len) == 0;
}

static int on_message(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		      void *priv)
{
	uint32_t *count = priv;
	if (is(data, len, "fault"))
		fault();
	if (is(data, len, "hang"))
		hang();
	if (is(data, len, "crash"))
		fw_crash("crash: asked to crash by 0x%lx", (unsigned long)src);
	int rc = fw_rpmsg_send(ept, src, data, len);
	if (rc != 0) {
		fw_printf("crash: echo failed (error %d)\n", -rc);
		return 0;
	}
	++*count;
	fw_printf("crash: echo %lu of %d\n", (unsigned long)*count, CRASH_AFTER);
	if (*count >= CRASH_AFTER) {
		if (CRASH_MODE == CRASH_HANG)
			hang();
		fault();
	}
	return 0;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	static uint32_t count;

	fw_printf("crash: started, %s after %d echoes\n",
		  CRASH_MODE == CRASH_HANG ? "hangs" : "faults", CRASH_AFTER);
	fw_wdt_start(CRASH_WDT_US);
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("crash: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, "rpmsg-raw", 0x400, on_message, &count) != 0)
		fw_crash("crash: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}
