/* The device table: every memory-mapped device a remote subsystem has,
 * described once (name, register window, default addresses, creation,
 * mapping, reset).  The platform builds each remote's devices from it, the
 * scenario loader takes its "devices" keys, defaults and overlap checks
 * from it, and the docs' device list is checked against it
 * (tests/unit/check_devtab.c).
 *
 * The order of the table is the order the platform creates the devices
 * in, which is the order of their component ids in a trace: append new
 * devices at the end.  Interrupt wiring is the platform's
 * (sim/platform/platform.c): which line goes where is the SoC's business,
 * not the device's.
 *
 * Adding a device: its own devices/X.{c,h} (registers, ops, reset), one
 * entry in devtab.c, its wiring in sim/platform/platform.c, its Check test
 * and a row in doc/devices.md. */
#ifndef RPSIM_DEVTAB_H
#define RPSIM_DEVTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

/* Which address space a device's register window is in. */
enum dev_space {
	DEV_REMOTE = 0, /* the remote core's device addresses (da) */
	DEV_HOST = 1,   /* the host's physical addresses (pa) */
	DEV_NSPACES
};

enum dev_id {
	DEV_MAILBOX,
	DEV_INTC,
	DEV_TIMER,
	DEV_UART,
	DEV_WATCHDOG,
	DEV_SYSCTL,
	DEV_COUNT
};

/* What the platform hands a device at creation; each device takes what
 * concerns it. */
struct dev_args {
	uint64_t clock_hz;            /* timer, watchdog: tick rate (0: the device's default) */
	unsigned channels, depth;     /* mailbox (0: defaults) */
	sim_time_t latency;           /* mailbox: access -> IRQ line */
	void (*on_line)(void *ctx, const char *line, sim_time_t t); /* uart */
	void (*set_reset)(void *ctx, bool asserted, uint32_t boot_addr, sim_time_t t); /* sysctl */
	bool boot_addr_bit0;          /* sysctl: BOOT_ADDR keeps bit 0 (sysctl_config.keep_bit0) */
	void *ctx;                    /* for on_line / set_reset */
};

struct dev_desc {
	const char *name;     /* "intc": the scenario key under "devices" and in docs */
	const char *comp;     /* component name suffix: "rv0.<comp>" */
	const char *summary;  /* one line, for docs and --help */
	uint64_t window;      /* bytes of one register window */
	/* a window in each space it has one in; default addresses of remote 0
	 * (host-side windows move by host_stride per remote index) */
	bool in[DEV_NSPACES];
	uint32_t base[DEV_NSPACES];
	uint32_t host_stride;
	/* created after the core (the component order is part of the trace) */
	bool after_core;
	/* NULL with a message in err on a bad configuration or out of memory */
	void *(*create)(struct sim *sim, const char *name, const struct dev_args *a, char *err,
			size_t errlen);
	int (*map)(void *dev, enum dev_space space, struct bus *bus, uint64_t base, char *err,
		   size_t errlen);
	/* reset with the remote subsystem (the sysctl's reset line); NULL: not
	 * reset with it (the mailbox is shared with the host, the sysctl holds
	 * the line) */
	void (*reset)(void *dev, sim_time_t t);
};

extern const struct dev_desc dev_table[DEV_COUNT];

/* The device named name ("intc"), or NULL. */
const struct dev_desc *dev_find(const char *name);
/* Default address of dev's window in space for remote index. */
uint32_t dev_default_base(const struct dev_desc *dev, enum dev_space space, unsigned index);

#endif
