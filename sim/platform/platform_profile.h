/* Per-ISA platform profiles: what a remote subsystem looks like around
 * each kind of core, as the defaults of the platform description.  The
 * device table (devices/devtab.h) holds one default address per device
 * and space; a profile lists only where a core's subsystem differs from
 * it, so nothing is copied:
 *
 *   rv32imac    the device table as it is: the mailbox, intc, uart,
 *               watchdog and CLINT timer at 0x1000_0000.., the core booting
 *               at the address the host writes into the sysctl.
 *   cortex-m4f  no intc and no timer (the NVIC and SysTick are inside the
 *               core), the mailbox, uart and watchdog in the Cortex-M
 *               peripheral region at 0x4000_0000.., the mailbox's line on an
 *               NVIC line, a DRAM code alias beside the TCM, the core booting
 *               from its vector table at 0 (VTOR's reset value).
 *
 * The scenario loader, the device-tree reader and writer, the platform
 * builder and doc/devices.md (tests/unit/check_devtab.c) all take the
 * profile of a remote's core from here.  A new ISA adds one entry. */
#ifndef RPSIM_PLATFORM_PROFILE_H
#define RPSIM_PLATFORM_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/devtab.h"

/* How the reset line's release starts the core. */
enum platform_boot {
	/* at the boot address the host programmed into the sysctl (e_entry,
	 * as Linux's rproc_get_boot_addr gives it): RISC-V's reset vector */
	PLATFORM_BOOT_SYSCTL,
	/* from its vector table at profile.vector_table (initial SP and reset
	 * handler), whatever the sysctl holds: a Cortex-M4 has no boot
	 * address input, and Linux's imx_rproc and stm32_rproc program none */
	PLATFORM_BOOT_VECTOR_TABLE,
};

/* A device whose remote-side window differs from the device table's. */
struct platform_dev_override {
	enum dev_id dev;
	bool absent;         /* the subsystem has no such device */
	uint32_t base;       /* else: its default device address */
	const char *why;     /* for messages and docs: "the NVIC is inside the core" */
};

/* A default memory of the remote, for remote index 0; its pa moves by
 * pa_stride per index. */
struct platform_mem_default {
	const char *name;
	uint32_t da, pa, size, pa_stride;
	bool dram_alias;     /* a window of DRAM (platform_mem_desc.dram_alias) */
	const char *what;    /* for docs */
};

struct platform_profile {
	const char *core;    /* ISA registry name ("rv32imac") */
	const char *name_prefix; /* default remote names: prefix + index ("rv0", "cm0") */
	const struct platform_dev_override *dev;
	unsigned ndev;
	const struct platform_mem_default *mem;
	unsigned nmem;
	unsigned mbox_remote_irq;   /* the mailbox's line on the remote's interrupt controller */
	uint64_t timer_hz;          /* timer_clock's default (RV32: CLINT; Cortex-M: SysTick's reference) */
	enum platform_boot boot;
	uint32_t vector_table;      /* PLATFORM_BOOT_VECTOR_TABLE: its device address */
};

/* The profile of core (an ISA registry name); NULL: the default ISA's. */
const struct platform_profile *platform_profile_find(const char *core);
/* All of them: platform_profile_list(i) for i < platform_profile_count(). */
unsigned platform_profile_count(void);
const struct platform_profile *platform_profile_list(unsigned i);

/* Whether the subsystem has dev, and its remote-side default address
 * (the device table's unless overridden) for remote index. */
bool platform_profile_has(const struct platform_profile *pf, enum dev_id dev);
uint32_t platform_profile_base(const struct platform_profile *pf, enum dev_id dev,
			       enum dev_space space, unsigned index);
/* Why dev is absent (NULL when it is present). */
const char *platform_profile_absent_why(const struct platform_profile *pf, enum dev_id dev);

/* The numbers the mailbox's remote line may take on this core's interrupt
 * controller: an intc source (1..31) or an NVIC line (0..lines-1); what
 * names them ("intc source", "NVIC line"). */
void platform_profile_irq_range(const struct platform_profile *pf, unsigned *lo, unsigned *hi,
				const char **what);

#endif
