/* The device table (devtab.h): one entry per device, adapters from the
 * generic create/map/reset to each device's own interface. */
#include "devices/devtab.h"

#include <stdio.h>
#include <string.h>

#include "devices/intc.h"
#include "devices/mailbox.h"
#include "devices/sysctl.h"
#include "devices/timer.h"
#include "devices/uart.h"
#include "devices/watchdog.h"

static void *oom(char *err, size_t errlen, const char *name)
{
	snprintf(err, errlen, "%s: cannot be created (out of memory or too many components)", name);
	return NULL;
}

static void *mbox_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	struct mbox_config c = { .nchan = a->channels, .depth = a->depth, .irq_latency = a->latency };
	if (mbox_config_check(&c, err, errlen) < 0)
		return NULL;
	struct mbox *m = mbox_create(sim, name, &c);
	return m ? (void *)m : oom(err, errlen, name);
}

static int mbox_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return mbox_map(dev, s == DEV_HOST ? MBOX_SIDE_HOST : MBOX_SIDE_REMOTE, bus, base, err, errlen);
}

static void *intc_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	(void)a;
	struct intc *ic = intc_create(sim, name, &(struct intc_config){ 0 });
	return ic ? (void *)ic : oom(err, errlen, name);
}

static int intc_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	(void)s;
	return intc_map(dev, bus, base, err, errlen);
}

static void intc_rst(void *dev, sim_time_t t) { intc_reset(dev, t); }

static void *timer_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	struct mtimer_config c = { .freq_hz = a->clock_hz };
	if (mtimer_config_check(&c, err, errlen) < 0)
		return NULL;
	struct mtimer *tm = mtimer_create(sim, name, &c);
	return tm ? (void *)tm : oom(err, errlen, name);
}

static int timer_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	(void)s;
	return mtimer_map(dev, bus, base, err, errlen);
}

static void timer_rst(void *dev, sim_time_t t) { mtimer_reset(dev, t); }

static void *uart_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	struct uart *u = uart_create(sim, name, &(struct uart_config){ .on_line = a->on_line, .ctx = a->ctx });
	return u ? (void *)u : oom(err, errlen, name);
}

static int uart_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	(void)s;
	return uart_map(dev, bus, base, err, errlen);
}

static void uart_rst(void *dev, sim_time_t t) { uart_reset(dev, t); }

static void *wdt_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	(void)a; /* the watchdog counts microseconds (WATCHDOG_DEFAULT_HZ) */
	struct watchdog *wd = watchdog_create(sim, name, &(struct watchdog_config){ .freq_hz = 0 });
	return wd ? (void *)wd : oom(err, errlen, name);
}

static int wdt_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	(void)s;
	return watchdog_map(dev, bus, base, err, errlen);
}

static void wdt_rst(void *dev, sim_time_t t) { watchdog_reset(dev, t); }

static void *sysctl_new(struct sim *sim, const char *name, const struct dev_args *a, char *err, size_t errlen)
{
	struct sysctl *sc = sysctl_create(sim, name, &(struct sysctl_config){
		.set_reset = a->set_reset, .ctx = a->ctx, .boot_addr_reset = 0,
		.keep_bit0 = a->boot_addr_bit0 });
	return sc ? (void *)sc : oom(err, errlen, name);
}

static int sysctl_put(void *dev, enum dev_space s, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	(void)s;
	return sysctl_map(dev, bus, base, err, errlen);
}

const struct dev_desc dev_table[DEV_COUNT] = {
	[DEV_MAILBOX] = {
		.name = "mailbox", .comp = "mbox", .window = MBOX_WINDOW_SIZE,
		.summary = "FIFOs of 32-bit messages between the host and the remote, one window each side",
		.in = { [DEV_REMOTE] = true, [DEV_HOST] = true },
		.base = { [DEV_REMOTE] = 0x10000000u, [DEV_HOST] = 0x50000000u }, .host_stride = 0x10000u,
		.create = mbox_new, .map = mbox_put,
	},
	[DEV_INTC] = {
		.name = "intc", .comp = "intc", .window = INTC_WINDOW_SIZE,
		.summary = "interrupt controller (PLIC-like): sources, priorities, claim/complete",
		.in = { [DEV_REMOTE] = true }, .base = { [DEV_REMOTE] = 0x10001000u },
		.create = intc_new, .map = intc_put, .reset = intc_rst,
	},
	[DEV_TIMER] = {
		.name = "timer", .comp = "timer", .window = MTIMER_WINDOW_SIZE,
		.summary = "machine timer (CLINT layout): mtime, mtimecmp, msip",
		.in = { [DEV_REMOTE] = true }, .base = { [DEV_REMOTE] = 0x10010000u },
		.create = timer_new, .map = timer_put, .reset = timer_rst,
	},
	[DEV_UART] = {
		.name = "uart", .comp = "uart", .window = UART_WINDOW_SIZE,
		.summary = "console, TX only, line-buffered",
		.in = { [DEV_REMOTE] = true }, .base = { [DEV_REMOTE] = 0x10002000u },
		.create = uart_new, .map = uart_put, .reset = uart_rst,
	},
	[DEV_WATCHDOG] = {
		.name = "watchdog", .comp = "wdt", .window = WATCHDOG_WINDOW_SIZE,
		.summary = "watchdog: expiry interrupts the host",
		.in = { [DEV_REMOTE] = true }, .base = { [DEV_REMOTE] = 0x10004000u },
		.create = wdt_new, .map = wdt_put, .reset = wdt_rst,
	},
	[DEV_SYSCTL] = {
		.name = "sysctl", .comp = "sysctl", .window = SYSCTL_WINDOW_SIZE,
		.summary = "the remote's reset line and boot address, programmed by the host",
		.in = { [DEV_HOST] = true },
		.base = { [DEV_HOST] = 0x50001000u }, .host_stride = 0x10000u, .after_core = true,
		.create = sysctl_new, .map = sysctl_put,
	},
};

const struct dev_desc *dev_find(const char *name)
{
	for (unsigned i = 0; i < DEV_COUNT; i++)
		if (strcmp(dev_table[i].name, name) == 0)
			return &dev_table[i];
	return NULL;
}

uint32_t dev_default_base(const struct dev_desc *dev, enum dev_space space, unsigned index)
{
	return dev->base[space] + (space == DEV_HOST ? index * dev->host_stride : 0);
}
