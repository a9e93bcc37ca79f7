/* The platform description: what SoC to build, whatever described it (a
 * scenario's JSON today, a device tree next).  Plain data with the
 * defaults of rpsim's default platform (what the firmware SDK's linker
 * script expects) and one check of the address maps, so every front end
 * gets the same defaults and the same messages.
 *
 * Each item keeps `where` it was described ("$.platform.rprocs[0].
 * devices.intc", or a device-tree node path), for messages. */
#ifndef RPSIM_PLATFORM_DESC_H
#define RPSIM_PLATFORM_DESC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/devtab.h"
#include "models/host/rproc.h"
#include "sim/core/diag.h"
#include "sim/core/simtime.h"

#define PLATFORM_MAX_REMOTES 8
#define PLATFORM_MAX_MEMORIES 16
#define PLATFORM_MAX_REGIONS 32        /* reserved-memory regions of the board */
#define PLATFORM_MAX_REMOTE_REGIONS 16 /* memory-region entries of one remote */
#define PLATFORM_NAME_MAX 32   /* names incl. the NUL */
#define PLATFORM_WHERE_LEN 256

/* Latencies of the modelled Linux host: its interrupt entry, and what each
 * user-space call costs (the runner applies those). */
struct platform_host_desc {
	sim_time_t irq_entry;   /* interrupt raised -> handler runs */
	sim_time_t vdev_start;  /* core released -> virtio devices registered and probed */
	sim_time_t sysfs_write; /* echo into a sysfs attribute */
	sim_time_t sysfs_read;  /* cat of a sysfs attribute */
	sim_time_t open;        /* open() of a character device */
	sim_time_t close;
	sim_time_t write;       /* write() to /dev/rpmsgN */
	sim_time_t read;        /* read() from /dev/rpmsgN */
	sim_time_t ioctl;       /* ioctl() on /dev/rpmsg_ctrlN */
	sim_time_t mbox_op;     /* one mailbox register access by the host */
};

/* A window of the core's device-address (da) space backed by memory at a
 * host physical address (pa), e.g. a TCM.  A DRAM alias (dram_alias: its
 * pa range inside DRAM) is a window of DRAM, as the i.MX M4's DDR alias on
 * its code bus: the platform builds no RAM for it and the host's overlap
 * check does not count it.  Explicit ("dram_alias": true in a scenario;
 * the device-tree reader sets it for a memory inside /memory), so that a
 * TCM put in DRAM by mistake is still an overlap. */
struct platform_mem_desc {
	char name[PLATFORM_NAME_MAX];
	uint32_t da, pa, size;
	bool dram_alias;
	char where[PLATFORM_WHERE_LEN];
};

/* The mailbox's configuration beyond its windows (those are in dev_base). */
struct platform_mbox_desc {
	unsigned channels;
	unsigned depth;
	sim_time_t latency;   /* register access -> IRQ line change */
	unsigned host_irq;    /* host interrupt number */
	unsigned remote_irq;  /* source number on the remote intc */
	/* the channels the host's driver uses (a device tree's mboxes with
	 * mbox-names "tx", "rx", "crash"): it sends on TX channel tx_chan,
	 * reads RX channel rx_chan, and any message on RX channel crash_chan
	 * (-1: none) reports a crash */
	unsigned tx_chan, rx_chan;
	int crash_chan;
};

/* A reserved-memory region (Linux's /reserved-memory child with a static
 * reg): memory the host's kernel keeps out of its allocators, found by
 * its name by the remoteproc driver.  It lies inside DRAM or inside a
 * remote's memory (the platform builds no RAM for it).  `pool` marks the
 * kernel's default DMA pool (a "shared-dma-pool" with linux,cma-default):
 * the carveout pool then, instead of the upper half of DRAM. */
struct platform_region_desc {
	char name[PLATFORM_NAME_MAX]; /* the node's name before '@': "vdev0vring0" */
	uint32_t pa, size;
	bool pool;
	char where[PLATFORM_WHERE_LEN];
};

/* One memory-region entry of a remote: which region, and the device
 * address the remote sees it at. */
struct platform_remote_region {
	unsigned region; /* index into platform_desc.regions */
	uint32_t da;
};

struct platform_remote_desc {
	char name[PLATFORM_NAME_MAX];
	char core[PLATFORM_NAME_MAX]; /* an ISA registry name: "rv32imac"; its
				       * profile (platform_profile.h) gave the
				       * defaults and says which devices exist */
	uint64_t clock_hz;
	sim_time_t quantum;  /* how far the core may run ahead of events */
	struct platform_mem_desc memories[PLATFORM_MAX_MEMORIES];
	unsigned nmemories;
	/* register windows, by the device table: dev_base[DEV_INTC][DEV_REMOTE]
	 * (0 for a device the core's profile does not have) */
	uint32_t dev_base[DEV_COUNT][DEV_NSPACES];
	char dev_where[DEV_COUNT][DEV_NSPACES][PLATFORM_WHERE_LEN];
	struct platform_mbox_desc mailbox;
	uint64_t timer_hz;
	unsigned wdt_irq;    /* the watchdog's host interrupt number */
	/* memory-region, in the order given (Linux's platform drivers register
	 * each as a named carveout) */
	struct platform_remote_region regions[PLATFORM_MAX_REMOTE_REGIONS];
	unsigned nregions;
	/* what the host does with this remote */
	char *firmware;      /* name as written (NULL: none given) */
	char *firmware_file; /* resolved path, NULL if none given */
	bool auto_boot;
	bool preloaded;      /* firmware loaded and started before Linux: remoteproc attaches */
	bool iommu;          /* the remote sits behind an IOMMU the host programs */
	bool recovery_disabled;
	enum rproc_dump_mechanism coredump;
	char *coredump_dir;  /* NULL: "." */
	bool coredump_no_regs; /* "coredump_registers": false: Linux's dump exactly */
	char where[PLATFORM_WHERE_LEN];
};

struct platform_desc {
	uint32_t dram_base;
	uint32_t dram_size;
	char dram_where[PLATFORM_WHERE_LEN];
	struct platform_region_desc regions[PLATFORM_MAX_REGIONS];
	unsigned nregions;
	struct platform_host_desc host;
	struct platform_remote_desc remotes[PLATFORM_MAX_REMOTES];
	unsigned nremotes;
	/* How the cores run code (enum cpu_jit, sim/core/cpu.h): not from the
	 * scenario but from the command line (rpsim run --no-jit); the
	 * results are the same either way. */
	uint8_t jit;
};

/* The default platform: one RV32 remote with a 256 KiB TCM at da 0 (pa
 * 0x40000000), 256 MiB DRAM at 0x80000000, the devices at the device
 * table's addresses. */
void platform_desc_default(struct platform_desc *p);
/* Remote index's defaults for a core (an ISA registry name, NULL: the
 * default one), from its profile (platform_profile.h): host-side
 * addresses move with the index (TCM 16 MiB further, host windows by the
 * device table's stride), so remote N needs no addresses of its own.
 * `where` prefixes the items' places. */
void platform_remote_default(struct platform_remote_desc *r, unsigned index, const char *where,
			     const char *core);
/* Gives remote index another core (`rpsim run --core`): its remote-side
 * device windows, mailbox line and timer clock become that core's profile
 * defaults (firmware built for a core expects its map); the memories and
 * the host side stay. */
void platform_remote_set_core(struct platform_remote_desc *r, unsigned index, const char *core);
/* Whether remote r's subsystem has device k (its core's profile). */
bool platform_remote_has(const struct platform_remote_desc *r, enum dev_id k);
/* Whether memory m of a platform with DRAM [dram_base, +dram_size) is a
 * window of DRAM: a DRAM alias with its pa range inside DRAM. */
bool platform_mem_in_dram(const struct platform_desc *p, const struct platform_mem_desc *m);

/* Every overlap in the host's address map and in each remote's, one
 * message each ("PREFIX: host address range 0x...-0x... of WHERE overlaps
 * 0x...-0x... of WHERE: move one of them"), and every reserved region
 * overlapping another or lying outside DRAM and the remotes' memories;
 * returns the number found. */
unsigned platform_desc_check(const struct platform_desc *p, const char *prefix, struct diag *d);

/* The carveout pool the host allocates from: the region marked `pool`,
 * else the upper half of DRAM. */
void platform_desc_pool(const struct platform_desc *p, uint32_t *base, uint32_t *size);

/* The region named name among those remote r lists in its memory-region,
 * or NULL. */
const struct platform_remote_region *platform_remote_region(const struct platform_desc *p,
							    const struct platform_remote_desc *r,
							    const char *name);

/* Frees the strings of a description (firmware names, paths). */
void platform_desc_free_strings(struct platform_desc *p);

#endif
