/* The platform: builds the simulated SoC from a platform description.
 *
 *   host physical bus (pa):  DRAM, each remote's memories (TCM...) at their
 *                            pa, the mailbox host window, the sysctl
 *   each core's bus (da):    its memories at their da, DRAM at the same
 *                            address as on the host (da == pa), the mailbox
 *                            remote window, intc, timer, uart, watchdog
 *
 * The devices and their windows come from the device table
 * (devices/devtab.h); the wiring below is this SoC's.
 *
 * Which devices a remote's subsystem has and where, and how its core
 * boots, come from its core's profile (platform_profile.h).
 *
 * Wiring per remote: mailbox remote IRQ -> intc source mailbox.remote_irq;
 * intc -> the core's external input; timer MTIP/MSIP -> its timer and
 * software inputs (struct cpu_isa.irq: MEI, MTI, MSI on RV32); on a core
 * with its interrupt controller inside (irq.lines > 0, Cortex-M's NVIC),
 * mailbox remote IRQ -> the core's line mailbox.remote_irq; sysctl
 * reset line -> the remote subsystem's reset (cpu_set_reset for the
 * core); uart lines -> on_uart_line; the mailbox host IRQ and the
 * watchdog IRQ are left for the host model to connect (irq_connect on
 * platform_remote.host_mbox_irq / .host_wdt_irq).
 *
 * Ownership: devices and cores register themselves as components of the
 * sim; the platform registers itself first, so sim_destroy frees it last,
 * after everything that might still point into its RAMs and buses. */
#ifndef RPSIM_PLATFORM_H
#define RPSIM_PLATFORM_H

#include "devices/bus.h"
#include "devices/devtab.h"
#include "devices/intc.h"
#include "devices/irq.h"
#include "devices/mailbox.h"
#include "devices/ram.h"
#include "devices/sysctl.h"
#include "devices/timer.h"
#include "devices/uart.h"
#include "devices/watchdog.h"
#include "sim/core/cpu.h"
#include "sim/core/diag.h"
#include "sim/core/sim.h"
#include "sim/platform/platform_desc.h"
#include "sim/platform/platform_profile.h"

#define PLATFORM_NAME_LEN 48

struct platform;

/* Called with each complete line the remote prints on its uart. */
typedef void (*platform_line_fn)(void *ctx, unsigned remote, const char *line, sim_time_t t);

struct platform_remote {
	struct platform *plat;
	unsigned index;
	char name[PLATFORM_NAME_LEN];     /* the rproc name, e.g. "rproc0" */
	char core_name[PLATFORM_NAME_LEN]; /* component names */
	char bus_name[PLATFORM_NAME_LEN];
	const struct platform_remote_desc *cfg;
	const struct platform_profile *profile; /* its core's (platform_profile.h) */
	struct bus da;                    /* the core's view */
	struct ram *mem[PLATFORM_MAX_MEMORIES];
	unsigned nmem;
	struct cpu *core;                 /* from the ISA registry (the description's "core") */
	void *dev[DEV_COUNT];             /* by the device table; the same, typed: */
	struct mbox *mbox;
	struct intc *intc;                /* NULL when the profile has none (Cortex-M) */
	struct mtimer *timer;             /* NULL when the profile has none (Cortex-M) */
	struct uart *uart;
	struct sysctl *sysctl;
	struct watchdog *wdt;
	struct irq_line *host_mbox_irq;   /* for the host model to connect */
	struct irq_line *host_wdt_irq;
	/* The core faulted with no usable trap handler; set by the host model. */
	void (*on_fatal)(void *ctx, unsigned remote, const struct cpu_fault *f);
	void *fatal_ctx;
};

struct platform {
	struct sim *sim;
	struct platform_desc cfg;         /* copy of the description (pointers borrowed) */
	struct bus pa;                    /* the host's physical view */
	struct ram *dram;
	struct platform_remote remotes[PLATFORM_MAX_REMOTES];
	unsigned nremotes;
	platform_line_fn on_uart_line;
	void *line_ctx;
};

/* Builds everything; on failure reports each problem in d (naming the
 * remote and the region) and returns NULL with nothing left behind in sim
 * but inert components freed at sim_destroy. cfg's strings must outlive the
 * platform. */
struct platform *platform_build(struct sim *sim, const struct platform_desc *cfg,
				struct diag *d);

/* The remote whose rproc name is `name`, or NULL. */
struct platform_remote *platform_remote_by_name(struct platform *p, const char *name);

/* Host-side access to a remote's memory by device address: translates da
 * through the remote's memories and DRAM. Returns the pa, or -1 if
 * [da, da+len) is not inside one of them. */
int platform_da_to_pa(const struct platform_remote *r, uint64_t da, uint64_t len, uint64_t *pa);

/* The remote's IOMMU as the host model's struct rproc_iommu calls it
 * (ctx: the struct platform_remote): platform_iommu_map makes [da, da+len)
 * of the remote's bus reach the host's [pa, pa+len) (RAM, or a device
 * window from its start); 0, or -EINVAL with the reason in err (pa in no
 * region, a window overlapping the remote's map).  unmap removes it. */
int platform_iommu_map(void *remote, uint64_t da, uint64_t pa, uint64_t len, uint32_t flags,
		       char *err, size_t errlen);
void platform_iommu_unmap(void *remote, uint64_t da, uint64_t len);

#endif
