/* The per-ISA platform profiles (platform_profile.h): one entry per core
 * of the ISA registry, listing only what differs from the device table. */
#include "sim/platform/platform_profile.h"

#include <string.h>

#include "devices/intc.h"
#include "sim/platform/isa.h"

static const struct platform_mem_default rv32_mem[] = {
	{ "tcm", 0x00000000u, 0x40000000u, 256u << 10, 0x01000000u, false,
	  "code, data, stacks and the resource table" },
};

static const struct platform_mem_default cm4_mem[] = {
	/* as the i.MX M4's TCML seen at 0 or STM32MP1's RETRAM at 0: the
	 * vector table is at the start */
	{ "tcm", 0x00000000u, 0x40000000u, 256u << 10, 0x01000000u, false,
	  "vector table, code, data, stacks and the resource table" },
	/* as the i.MX M4's DDR alias on its code bus (0x1000_0000 -> DDR): a
	 * window of DRAM, 1 MiB per remote at the bottom of DRAM (below the
	 * carveout pool, the upper half) */
	{ "ddr", 0x10000000u, 0x80000000u, 1u << 20, 0x00100000u, true,
	  "an alias of DRAM on the code bus (code or data the host loads there)" },
};

static const struct platform_dev_override cm4_dev[] = {
	{ DEV_MAILBOX, false, 0x40000000u, NULL },
	{ DEV_INTC, true, 0, "its interrupt controller is the core's NVIC" },
	{ DEV_UART, false, 0x40002000u, NULL },
	{ DEV_WATCHDOG, false, 0x40004000u, NULL },
	{ DEV_TIMER, true, 0, "its timer is the core's SysTick" },
};

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

static const struct platform_profile profiles[] = {
	{
		.core = "rv32imac", .name_prefix = "rv", .mem = rv32_mem, .nmem = N(rv32_mem),
		.mbox_remote_irq = 1, .timer_hz = 10000000, .boot = PLATFORM_BOOT_SYSCTL,
	},
	{
		.core = "cortex-m4f", .name_prefix = "cm", .dev = cm4_dev, .ndev = N(cm4_dev), .mem = cm4_mem,
		.nmem = N(cm4_mem), .mbox_remote_irq = 1, .timer_hz = 1000000,
		.boot = PLATFORM_BOOT_VECTOR_TABLE, .vector_table = 0,
	},
};

unsigned platform_profile_count(void)
{
	return N(profiles);
}

const struct platform_profile *platform_profile_list(unsigned i)
{
	return i < N(profiles) ? &profiles[i] : NULL;
}

const struct platform_profile *platform_profile_find(const char *core)
{
	if (!core || !core[0])
		core = ISA_DEFAULT;
	for (unsigned i = 0; i < N(profiles); i++)
		if (strcmp(profiles[i].core, core) == 0)
			return &profiles[i];
	/* an ISA without a profile: the default one's subsystem
	 * (tests/unit/check_isa.c wants one per registered ISA) */
	return &profiles[0];
}

static const struct platform_dev_override *override(const struct platform_profile *pf,
						    enum dev_id dev)
{
	for (unsigned i = 0; i < pf->ndev; i++)
		if (pf->dev[i].dev == dev)
			return &pf->dev[i];
	return NULL;
}

bool platform_profile_has(const struct platform_profile *pf, enum dev_id dev)
{
	const struct platform_dev_override *o = override(pf, dev);
	return !(o && o->absent);
}

const char *platform_profile_absent_why(const struct platform_profile *pf, enum dev_id dev)
{
	const struct platform_dev_override *o = override(pf, dev);
	return o && o->absent ? o->why : NULL;
}

uint32_t platform_profile_base(const struct platform_profile *pf, enum dev_id dev,
			       enum dev_space space, unsigned index)
{
	const struct platform_dev_override *o = override(pf, dev);
	if (space == DEV_REMOTE && o)
		return o->absent ? 0 : o->base;
	return dev_default_base(&dev_table[dev], space, index);
}

void platform_profile_irq_range(const struct platform_profile *pf, unsigned *lo, unsigned *hi,
				const char **what)
{
	const struct cpu_isa *isa = isa_find(pf->core);
	if (isa && isa->irq.lines > 0) {
		*lo = 0;
		*hi = isa->irq.lines - 1;
		*what = "NVIC line";
		return;
	}
	*lo = 1;
	*hi = INTC_NSOURCES - 1;
	*what = "interrupt controller source";
}
