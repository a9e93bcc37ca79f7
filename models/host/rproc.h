/* The Linux remoteproc core, modelled: one struct rproc per remote
 * processor (remoteproc0, remoteproc1, ...), its states, its sysfs and
 * debugfs attributes, boot in Linux's order with unwinding, crash handling
 * with recovery and coredump, and attach/detach for preloaded firmware.
 *
 * The platform specifics (reset line, boot address, mailbox) are behind
 * struct rproc_ops, as a Linux platform driver provides them
 * (rproc_plat.h); subdevices (the vdevs) are behind struct rproc_vdev_ops,
 * which remoteproc_virtio.h implements.  Everything happens at simulated
 * times: callers pass `t`.
 *
 * Errors: attribute writes return 0 or a negative errno as Linux's would
 * (-EINVAL, -EBUSY, -ENODEV, ...); boot failures leave the rproc offline
 * with every problem in its last_error diag and logged. */
#ifndef RPSIM_RPROC_H
#define RPSIM_RPROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "models/host/rproc_load.h"
#include "sim/core/cpu.h"
#include "sim/core/diag.h"
#include "sim/core/sim.h"

/* Linux's enum rproc_state; the values are the kernel's. */
enum rproc_state {
	RPROC_OFFLINE = 0,
	RPROC_SUSPENDED = 1,
	RPROC_RUNNING = 2,
	RPROC_CRASHED = 3,
	RPROC_DELETED = 4,
	RPROC_ATTACHED = 5,
	RPROC_DETACHED = 6,
	RPROC_LAST = 7,
};

/* The sysfs strings ("offline", "running", ...; "invalid" past the end). */
const char *rproc_state_name(enum rproc_state st);

/* Linux's enum rproc_crash_type. */
enum rproc_crash_type {
	RPROC_MMUFAULT = 0,
	RPROC_WATCHDOG = 1,
	RPROC_FATAL_ERROR = 2,
};
const char *rproc_crash_name(enum rproc_crash_type type);

enum rproc_dump_mechanism {
	RPROC_COREDUMP_DISABLED,
	RPROC_COREDUMP_ENABLED,
	RPROC_COREDUMP_INLINE,
};

struct rproc;
struct snap_writer;
struct snap_reader;

/* The platform driver. Each returns 0 or a negative errno. */
struct rproc_ops {
	int (*prepare)(struct rproc *rproc, sim_time_t t);     /* may be NULL */
	int (*unprepare)(struct rproc *rproc, sim_time_t t);   /* may be NULL */
	int (*start)(struct rproc *rproc, uint32_t boot_addr, sim_time_t t);
	int (*stop)(struct rproc *rproc, sim_time_t t);
	void (*kick)(struct rproc *rproc, uint32_t notifyid, sim_time_t t);
	int (*attach)(struct rproc *rproc, sim_time_t t);      /* NULL: not supported */
	int (*detach)(struct rproc *rproc, sim_time_t t);      /* NULL: not supported */
	/* The core the driver runs, for the registers in coredumps (an rpsim
	 * extension: Linux's remoteproc dumps have none).  NULL: none. */
	struct cpu *(*cpu)(struct rproc *rproc);
	/* Where a remote started before Linux keeps its resource table
	 * (Linux's get_loaded_rsc_table: TI K3 its first reserved memory,
	 * STM32 a TAMP register): 0 with pa and size, -ENOENT when it has
	 * none (attaching goes on without), another -errno on failure.
	 * NULL: no table. */
	int (*get_loaded_rsc_table)(struct rproc *rproc, uint64_t *pa, size_t *size);
};

/* A vdev subdevice (virtio-rpmsg): created from a vdev resource when the
 * resources are handled, started after the core starts, stopped before it
 * stops, destroyed when the resources are released. */
struct rproc_vdev_ops {
	void *(*create)(void *ctx, struct rproc *rproc, unsigned index,
			const struct rproc_vdev_info *info, sim_time_t t);
	int (*start)(void *vdev, sim_time_t t);
	void (*stop)(void *vdev, bool crashed, sim_time_t t);
	void (*destroy)(void *vdev);
	/* A mailbox message with this notifyid arrived from the remote. */
	void (*notify)(void *vdev, uint32_t notifyid, sim_time_t t);
	/* Snapshots (sim/core/snap.h): save writes the vdev's state; restore
	 * makes the vdev index of rproc from it (info as the rproc's image
	 * holds it), NULL with the message in the reader; discard frees one
	 * without a word (what a restore replaces). */
	int (*save)(void *vdev, struct snap_writer *w);
	void *(*restore)(void *ctx, struct rproc *rproc, unsigned index,
			 const struct rproc_vdev_info *info, struct snap_reader *r);
	void (*discard)(void *vdev);
};

#define RPROC_NAME_LEN 32
#define RPROC_FW_NAME_LEN 256
#define RPROC_MAX_SEARCH 32 /* as many as a scenario's search path holds */

struct rproc_config {
	unsigned index;                 /* N in remoteprocN */
	const char *name;               /* the platform device name, e.g. "rproc0" */
	const struct rproc_ops *ops;
	void *priv;                     /* for the ops */
	const struct rproc_platform *plat; /* memories, DRAM, expected machine */
	struct rproc_pool *pool;        /* shared DRAM carveout pool */
	struct bus *host_bus;           /* the host's physical view */
	const char *firmware;           /* NULL: "rproc-<name>-fw" */
	const char *const *search;      /* firmware directories, NULL-terminated */
	bool recovery_disabled;
	enum rproc_dump_mechanism coredump;
	const char *coredump_dir;       /* NULL: "." */
	bool coredump_no_regs;          /* Linux's dump exactly: no register note */
	/* the dump is made and reported written to coredump_dir, but no file
	 * is written: a re-execution (sim/trace/replay.h) repeats a run
	 * without touching the files it wrote */
	bool coredump_dry;
	bool preloaded;                 /* the platform booted it: start as detached */
	sim_time_t crash_latency;       /* report -> crash handler runs (workqueue) */
	/* core released (or taken over) -> its subdevices started: the virtio
	 * devices registered and virtio_rpmsg probed, which is when the table
	 * gets the vring addresses and DRIVER_OK.  0: at once. */
	sim_time_t subdev_latency;
	unsigned *devcd_seq;            /* devcoredump numbers, shared by all rprocs (NULL: own) */
	const struct rproc_vdev_ops *vdev_ops; /* may be NULL: vdevs ignored */
	void *vdev_ctx;
	/* Notified on every state change (runner, trace). May be NULL. */
	void (*on_state)(void *ctx, struct rproc *rproc, enum rproc_state old,
			 enum rproc_state now, sim_time_t t);
	void *state_ctx;
};

struct rproc {
	struct sim *sim;
	struct rproc_config cfg;
	char dev_name[RPROC_NAME_LEN];  /* "remoteproc0" */
	char name[RPROC_NAME_LEN];
	char firmware[RPROC_FW_NAME_LEN];
	char fw_path[1024];             /* the file last loaded ("" before any) */
	char *search[RPROC_MAX_SEARCH];
	unsigned nsearch;
	enum rproc_state state;
	unsigned power;                 /* Linux's power refcount */
	bool recovery_disabled;
	enum rproc_dump_mechanism dump_conf;
	uint16_t component;

	struct rproc_memmap map;        /* platform memories + carveouts */
	struct rproc_image img;         /* what is loaded */
	bool img_valid;
	uint32_t boot_addr;
	void *vdevs[RPROC_MAX_VDEVS];
	unsigned nvdevs;

	/* a start whose subdevices come after subdev_latency: rproc_start and
	 * __rproc_attach complete in subdev_ev (state running / attached) */
	struct event subdev_ev;
	bool starting;
	bool start_attach;              /* the pending start is an attach */
	bool start_boot;                /* ... of rproc_boot (its failure undoes the boot) */

	/* crash handling */
	struct event crash_ev;
	bool crash_deferred;            /* reported while a start was pending */
	enum rproc_crash_type crash_type;
	bool crash_pending;
	unsigned crash_count;           /* crashes handled */
	unsigned recoveries;            /* recoveries completed */
	unsigned coredumps;             /* coredump files written */
	char last_coredump[600];
	/* the newest dump as a devcoredump (/sys/class/devcoredump/devcdN);
	 * with "inline", recovery waits until it is released (or 5 min) */
	unsigned devcd, devcd_own_seq;
	bool devcd_live;
	bool dump_wait;
	struct event dump_ev;

	struct diag last_error;         /* problems of the last failed boot */
	char fw_skipped[600];          /* "; why" a firmware file was passed over, or "" */

	bool cdev_put_on_release;       /* RPROC_SET_SHUTDOWN_ON_RELEASE */

	/* attached: the table as found in device memory, put back there on
	 * detach (Linux's clean_table) */
	uint8_t *clean_table;
	size_t clean_size;
};

/* Creates remoteprocN. Returns NULL (with a message in d) on bad config. */
struct rproc *rproc_create(struct sim *sim, const struct rproc_config *cfg, struct diag *d);
void rproc_destroy(struct rproc *rproc);

/* When the start in progress completes (rproc_boot's or a recovery's
 * subdevices, see cfg.subdev_latency), or 0 when none is: the end of the
 * `echo start` that began it. */
sim_time_t rproc_busy_until(const struct rproc *rproc);

/* Linux's rproc_boot / rproc_shutdown (power refcounted). */
int rproc_boot(struct rproc *rproc, sim_time_t t);
int rproc_shutdown(struct rproc *rproc, sim_time_t t);
int rproc_detach(struct rproc *rproc, sim_time_t t);

/* /dev/remoteprocN (remoteproc_cdev.c).  write: "start", "stop",
 * "detach" as strncmp over the bytes written (at most 10; their prefixes
 * count, a trailing newline does not match): len or -errno.  ioctl
 * RPROC_SET_SHUTDOWN_ON_RELEASE (set, *val) / RPROC_GET_ (*val out).
 * release (each open file's last close): with shutdown-on-release, a
 * running remote is shut down and an attached one detached. */
long rproc_cdev_write(struct rproc *rproc, const char *buf, size_t len, sim_time_t t);
int rproc_cdev_ioctl_shutdown_on_release(struct rproc *rproc, bool set, int32_t *val);
int rproc_cdev_release(struct rproc *rproc, sim_time_t t);

/* Reports a crash (watchdog IRQ, RP_MBOX_CRASH, a core fault, debugfs).
 * The first report wins; the handler runs after cfg.crash_latency. */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type, sim_time_t t);

/* A mailbox message from the remote: a vring notifyid, dispatched to the
 * vdev that owns it (its notify op: Linux's rproc_vq_interrupt finding the
 * virtqueue by notifyid). Other values are the platform driver's business. */
void rproc_vq_interrupt(struct rproc *rproc, uint32_t notifyid, sim_time_t t);

/* sysfs (/sys/class/remoteproc/remoteprocN/ATTR) and debugfs
 * (/sys/kernel/debug/remoteproc/remoteprocN/FILE) access, by attribute
 * name: "state", "firmware", "name", "recovery", "coredump"; debugfs
 * "trace0".., "crash", "resource_table", "carveout_memories", "name".
 * write: returns 0 or -errno (what write(2) would fail with).
 * read: fills out (NUL-terminated, trailing newline as Linux prints) and
 * returns its length, or -errno. */
int rproc_sysfs_write(struct rproc *rproc, const char *attr, const char *buf, size_t len, sim_time_t t);
int rproc_sysfs_read(struct rproc *rproc, const char *attr, char *out, size_t cap);
int rproc_debugfs_write(struct rproc *rproc, const char *file, const char *buf, size_t len, sim_time_t t);
int rproc_debugfs_read(struct rproc *rproc, const char *file, char *out, size_t cap);
/* Whether the store of attr (debugfs: a debugfs file) would take the text
 * buf itself, whatever the state: 0, or the negative errno its parsing
 * returns (-EINVAL, -ERANGE, -ENAMETOOLONG). The same parsers as the
 * stores, for a loader that checks what a user writes before anything
 * runs. Attributes that parse nothing give 0. */
int rproc_attr_check(bool debugfs, const char *attr, const char *buf, size_t len);

/* /sys/class/devcoredump/devcdN/data: a read (0 if this rproc holds dump
 * N, else -ENOENT) and a write, which releases the dump (and lets an
 * inline-coredump recovery go on). */
int rproc_devcd_read(struct rproc *rproc, unsigned devcd);
int rproc_devcd_release(struct rproc *rproc, unsigned devcd, sim_time_t t);

/* Maps a device address of this remote to a host physical address. */
int rproc_da_to_pa(const struct rproc *rproc, uint64_t da, uint64_t len, uint64_t *pa);

/* Snapshots (rproc_snap.c): everything the remoteproc holds (state,
 * power, the firmware name, its memories, the loaded image's host side:
 * the cached table, carveouts, vdevs and traces, crash and coredump
 * state, pending events) and its vdevs through vdev_ops.  The ELF is not
 * saved: restore reads the firmware file again (quietly; the checkpoint's
 * firmware hashes say it is the same file).  discard drops the vdevs and
 * the image without a word (no hook, no log, no register write): what a
 * restore replaces.  0, or -1 with the message in the reader. */
int rproc_save(struct rproc *rproc, struct snap_writer *w);
int rproc_restore(struct rproc *rproc, struct snap_reader *r);
void rproc_discard(struct rproc *rproc);

/* Writes the ELF core file for the current state; returns 0 or -errno.
 * Used by crash handling; exposed for tests. */
int rproc_coredump(struct rproc *rproc, sim_time_t t);

#endif
