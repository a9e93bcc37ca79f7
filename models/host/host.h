/* The Linux host, assembled: one object that owns what a booted kernel
 * holds for its remote processors, and offers what its user space sees.
 *
 *   owns        the DRAM carveout pool (carveouts and rpmsg buffers), the
 *               rpmsg bus with its drivers (name service, rpmsg_ctrl,
 *               rpmsg_char, the client sample), the /dev/rpmsg* namespace,
 *               remoteproc_virtio, and per remote a platform driver
 *               (rproc_plat) and its remoteprocN;
 *   offers      sysfs/debugfs/devcoredump files by path, open/close/read/
 *               write/ioctl on /dev paths with poll-able readiness, and the
 *               few calls a test bench makes beyond files (boot at power-on,
 *               an injected crash, a core fault from the platform);
 *   reports     through struct host_hooks: state changes, channels,
 *               devices created and removed, readable messages, free TX
 *               buffers, so its user can show them and wait on them.
 *
 * It is built from a description (struct host_config, then one struct
 * host_remote_config per remote), which whoever builds the simulation fills
 * from its platform; nothing here knows the platform's or the scenario's
 * types.  Kicks in both directions stay inside (remoteproc_virtio.h).
 *
 * Lifetime: the remoteprocs are components of the sim (their trace lanes)
 * and go with sim_destroy(), which stops their vdevs: char devices are
 * removed and the hooks still called then.  host_destroy() frees the rest
 * and must come after sim_destroy().
 *
 * Errors are Linux's: negative errnos as the system calls would return. */
#ifndef RPSIM_HOST_H
#define RPSIM_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "models/host/rpmsg_char.h"
#include "models/host/rproc.h"
#include "models/host/rproc_plat.h"
#include "sim/core/cpu.h"
#include "sim/core/diag.h"
#include "sim/core/sim.h"

#define HOST_MAX_REMOTES 8

struct host;
struct host_file;

struct host_hooks {
	void *ctx;
	/* remoteprocN (dev_name "remoteprocN") went from old to now */
	void (*state)(void *ctx, unsigned remote, const char *dev_name, enum rproc_state old,
		      enum rproc_state now, sim_time_t t);
	/* a channel ("rpmsg-raw", devname "virtio0.rpmsg-raw.-1.1024") of
	 * remoteprocN appeared (created) or is going away */
	void (*channel)(void *ctx, unsigned remote, const char *dev_name, const char *name,
			const char *devname, bool created, sim_time_t t);
	/* /dev/... appeared / is going away */
	void (*dev_created)(void *ctx, const char *path, sim_time_t t);
	void (*dev_removed)(void *ctx, const char *path, sim_time_t t);
	/* a message was queued on /dev/rpmsgN */
	void (*readable)(void *ctx, const char *path, sim_time_t t);
	/* a TX buffer came back while a writer was blocked */
	void (*tx_ready)(void *ctx, sim_time_t t);
};

struct host_config {
	struct bus *bus;               /* the host's physical view */
	/* interrupt raised -> handler runs: the mailbox handler's entry, the
	 * crash handler's delay and the rpmsg interrupt cost */
	sim_time_t irq_entry;
	uint64_t pool_base, pool_size; /* DRAM for carveouts and rpmsg buffers */
	/* reserved memory (no-map regions): never handed out of the pool */
	const struct rproc_pool_block *reserved;
	unsigned nreserved;
	struct host_hooks hooks;       /* every one may be NULL */
};

struct host_remote_config {
	const char *name;              /* the platform device name, "rproc0" */
	struct rproc_platform plat;    /* memories and regions (names borrowed), DRAM,
	                                * machine, IOMMU */
	struct rproc_plat_res res;     /* the platform driver's hardware (irq_entry
	                                * is overridden by the host's) */
	const char *firmware;          /* NULL: "rproc-<name>-fw" */
	const char *const *search;     /* firmware directories, NULL-terminated (copied) */
	bool recovery_disabled;
	enum rproc_dump_mechanism coredump;
	const char *coredump_dir;      /* NULL: "."; borrowed, must outlive the host */
	bool preloaded;                /* running before Linux: start detached */
};

/* NULL when out of memory. */
struct host *host_create(struct sim *sim, const struct host_config *cfg);
/* Adds remoteprocN, N being the number of remotes added before: its
 * platform driver takes its interrupt lines, its rproc becomes a
 * component of the sim.  0, or -1 with the problems in d. */
int host_add_remote(struct host *h, const struct host_remote_config *rc, struct diag *d);
/* After sim_destroy (see the top); frees open files too. */
void host_destroy(struct host *h);
unsigned host_nremotes(const struct host *h);

/* --- files by path ----------------------------------------------------------
 * /sys/class/remoteproc/remoteprocN/ATTR, /sys/kernel/debug/remoteproc/
 * remoteprocN/FILE (rproc.h lists them) and /sys/class/devcoredump/devcdN/
 * data.  write: 0 or -errno (what write(2) would fail with; a devcoredump
 * write releases the dump whatever the bytes).  read: the length of what
 * was put in out (NUL-terminated, with Linux's trailing newline), or
 * -errno; a devcoredump read gives 0 bytes (the dump itself is the ELF
 * file in the coredump directory).  No such file: -ENOENT. */
int host_write_file(struct host *h, const char *path, const char *buf, size_t len, sim_time_t t);
int host_read_file(struct host *h, const char *path, char *out, size_t cap);

/* --- /dev files --------------------------------------------------------------
 * The rpmsg character devices (rpmsg_char.h has their rules).  The calls
 * that would sleep in Linux return RPMSG_WOULD_BLOCK: wait for the
 * matching hook (readable, tx_ready) and call again. */
int host_open(struct host *h, const char *path, struct host_file **out, sim_time_t t);
void host_close(struct host_file *f, sim_time_t t);
long host_write(struct host_file *f, const void *buf, size_t len, bool nonblock, sim_time_t t);
long host_read(struct host_file *f, void *buf, size_t len, bool nonblock);
/* poll(2)'s EPOLLIN: the number of messages waiting. */
unsigned host_poll(const struct host_file *f);
/* RPMSG_CREATE_EPT_IOCTL / RPMSG_DESTROY_EPT_IOCTL */
int host_ioctl_create_ept(struct host_file *f, const struct rpmsg_endpoint_info *info, int *minor,
			  sim_time_t t);
int host_ioctl_destroy_ept(struct host_file *f, sim_time_t t);
/* Whether a /dev path exists now. */
bool host_dev_exists(struct host *h, const char *path);

/* --- beyond files -------------------------------------------------------------- */

/* Powers remoteprocN up as the kernel's auto-boot would (rproc_boot). */
int host_boot(struct host *h, unsigned remote, sim_time_t t);
/* A crash of remoteprocN reported as if by its hardware; -ENOENT if none. */
int host_report_crash(struct host *h, unsigned remote, enum rproc_crash_type type, sim_time_t t);
/* remoteprocN's state; -ENOENT if none. */
int host_state(const struct host *h, unsigned remote, enum rproc_state *out);
/* The first problem of remoteprocN's last failed boot, NULL if none. */
const char *host_last_error(const struct host *h, unsigned remote);

/* The platform's report that remoteprocN's core faulted with no usable
 * trap handler, at the core's local time t: a plain callback (host is the
 * struct host) for whoever connects the platform's fault hook. */
void host_core_fatal(void *host, unsigned remote, const struct cpu_fault *f, sim_time_t t);

#endif
