/* The Linux host, assembled: one object that owns what a booted kernel
 * holds for its remote processors, and offers what its user space sees.
 *
 *   owns        the DRAM carveout pool (carveouts and rpmsg buffers), the
 *               rpmsg bus with its drivers (name service, rpmsg_ctrl,
 *               rpmsg_char, the client sample, rpmsg_tty), the /dev/rpmsg*
 *               and /dev/ttyRPMSG* namespaces, remoteproc_virtio, and per
 *               remote a platform driver (rproc_plat) and its remoteprocN
 *               (with /dev/remoteprocN);
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
#include "models/host/host_poll.h"
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
	/* the core released (or attached to) -> its virtio devices registered
	 * and probed (vring addresses and DRIVER_OK in the table); 0: at once */
	sim_time_t vdev_start;
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
	bool coredump_no_regs;         /* Linux's dump exactly: no register note */
	bool coredump_dry;             /* made and reported, not written (re-executions) */
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
 * remoteprocN/FILE (rproc.h lists them), /sys/class/devcoredump/devcdN/
 * data, /sys/module/rpmsg_client_sample/parameters/count (rpmsg_sample.h),
 * /sys/bus/rpmsg/devices/DEV/ATTR, /sys/bus/rpmsg/drivers/DRV/{bind,
 * unbind}, /sys/bus/rpmsg/drivers_probe (rpmsg_core.h) and
 * /sys/class/rpmsg/rpmsgN/{name,src,dst} (rpmsg_char.h).  write: 0 or
 * -errno (what write(2) would fail with; a devcoredump write releases the
 * dump whatever the bytes).  read: the length of what was put in out
 * (NUL-terminated, with Linux's trailing newline), or -errno; a
 * devcoredump read gives 0 bytes (the dump itself is the ELF file in the
 * coredump directory).  No such file: -ENOENT. */
int host_write_file(struct host *h, const char *path, const char *buf, size_t len, sim_time_t t);
int host_read_file(struct host *h, const char *path, char *out, size_t cap);

/* --- /dev files --------------------------------------------------------------
 * The rpmsg character devices /dev/rpmsg_ctrlN and /dev/rpmsgN
 * (rpmsg_char.h has their rules), the rpmsg ttys /dev/ttyRPMSGN
 * (rpmsg_tty.h) and the remoteproc cdevs /dev/remoteprocN (rproc.h:
 * rproc_cdev_*).  The calls that would sleep in Linux return
 * RPMSG_WOULD_BLOCK: wait for the matching hook (readable, tx_ready) and
 * call again. */
int host_open(struct host *h, const char *path, struct host_file **out, sim_time_t t);
void host_close(struct host_file *f, sim_time_t t);
/* A blocking write without a TX buffer sleeps (RPMSG_WOULD_BLOCK) until
 * one comes back, for at most rpmsg_send's 15 s: a call at or after
 * host_write_deadline() then fails with -HOST_ERESTARTSYS, what Linux's
 * "timeout waiting for a tx buffer" returns to user space. */
long host_write(struct host_file *f, const void *buf, size_t len, bool nonblock, sim_time_t t);
long host_read(struct host_file *f, void *buf, size_t len, bool nonblock);
#define HOST_SEND_TIMEOUT ((sim_time_t)15 * SIM_S)
#define HOST_ERESTARTSYS 512
/* When a sleeping write gives up, 0 if none sleeps. */
sim_time_t host_write_deadline(const struct host_file *f);
/* poll(2) on the file: its mask (host_poll.h), before poll() filters it by
 * the events asked for. */
unsigned host_poll(const struct host_file *f);
/* RPMSG_CREATE_EPT_IOCTL / RPMSG_DESTROY_EPT_IOCTL */
int host_ioctl_create_ept(struct host_file *f, const struct rpmsg_endpoint_info *info, int *minor,
			  sim_time_t t);
int host_ioctl_destroy_ept(struct host_file *f, sim_time_t t);
/* RPMSG_CREATE_DEV_IOCTL (create) / RPMSG_RELEASE_DEV_IOCTL on a ctrl file */
int host_ioctl_dev(struct host_file *f, bool create, const struct rpmsg_endpoint_info *info,
		   sim_time_t t);
/* RPROC_SET_SHUTDOWN_ON_RELEASE (set: *val in) / RPROC_GET_ (*val out) on
 * /dev/remoteprocN; -EINVAL on other rpmsg files, -ENOTTY on a tty. */
int host_ioctl_shutdown_on_release(struct host_file *f, bool set, int32_t *val);
/* tcsetattr on a tty: raw (cfmakeraw, as `stty raw -echo`) or the default
 * cooked termios; -ENOTTY on another file. */
int host_tty_set_raw(struct host_file *f, bool raw);
/* Whether a /dev path exists now. */
bool host_dev_exists(struct host *h, const char *path);

/* The open /dev files by position (snapshots of whoever holds them save
 * the position): -1 / NULL when there is none.  A restore of the host
 * (its snapshot part, sim/core/sim.h) replaces every open file: its owner
 * restores after the host and takes them back by position. */
int host_file_index(const struct host *h, const struct host_file *f);
struct host_file *host_file_at(const struct host *h, unsigned i);

/* --- beyond files -------------------------------------------------------------- */

/* Powers remoteprocN up as the kernel's auto-boot would (rproc_boot). */
int host_boot(struct host *h, unsigned remote, sim_time_t t);
/* A crash of remoteprocN reported as if by its hardware; -ENOENT if none. */
int host_report_crash(struct host *h, unsigned remote, enum rproc_crash_type type, sim_time_t t);
/* remoteprocN's state; -ENOENT if none. */
int host_state(const struct host *h, unsigned remote, enum rproc_state *out);
/* The first problem of remoteprocN's last failed boot, NULL if none. */
const char *host_last_error(const struct host *h, unsigned remote);
/* When the kernel work a user call started ends (a start's virtio probe,
 * cfg.vdev_start after the core was released): a call such as `echo
 * start` returns then.  0 when nothing is in progress. */
sim_time_t host_busy_until(const struct host *h);

/* The firmware file remoteprocN last loaded (its path in the search
 * path), NULL when it has loaded none. */
const char *host_firmware_path(const struct host *h, unsigned remote);
/* The crash of remoteprocN handled last (its crash handler ran): 0 with
 * its type and how many were handled, or -ENOENT when none was. */
int host_last_crash(const struct host *h, unsigned remote, enum rproc_crash_type *type,
		    unsigned *count);

/* An rpmsg channel as /sys/bus/rpmsg/devices/DEVNAME shows it. */
struct host_channel {
	const char *name;     /* "rpmsg-raw" */
	const char *devname;  /* "virtio0.rpmsg-raw.-1.1024" */
	const char *driver;   /* "rpmsg_chrdev", NULL when unbound */
	uint32_t src, dst;
};
/* The registered channel i (registration order): 0, or -ENOENT past the
 * last.  The strings live until the channel goes. */
int host_channel(const struct host *h, unsigned i, struct host_channel *out);

/* The platform's report that remoteprocN's core faulted with no usable
 * trap handler, at the core's local time t: a plain callback (host is the
 * struct host) for whoever connects the platform's fault hook. */
void host_core_fatal(void *host, unsigned remote, const struct cpu_fault *f, sim_time_t t);

#endif
