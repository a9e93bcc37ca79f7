/* Shared between host.c (assembly, hooks, lifecycle) and host_fs.c (the
 * user-space interface); not an interface for anyone else. */
#ifndef RPSIM_HOST_INTERNAL_H
#define RPSIM_HOST_INTERNAL_H

#include "models/host/host.h"
#include "models/host/remoteproc_virtio.h"
#include "models/host/rpmsg_core.h"
#include "models/host/rpmsg_sample.h"
#include "models/host/rpmsg_tty.h"

struct host_remote {
	struct host *host;
	unsigned index;
	struct rproc_platform plat;    /* the rproc points at it */
	struct rproc_plat drv;
	struct rproc *rproc;
};

enum host_file_kind { HOST_FILE_RPMSG, HOST_FILE_TTY, HOST_FILE_RPROC };

struct host_file {
	struct host *host;
	enum host_file_kind kind;
	struct rpmsg_file *f;          /* HOST_FILE_RPMSG: /dev/rpmsg*, /dev/rpmsg_ctrl* */
	struct rpmsg_tty_file *tty;    /* HOST_FILE_TTY: /dev/ttyRPMSG* */
	struct rproc *rproc;           /* HOST_FILE_RPROC: /dev/remoteproc* */
	bool write_waiting;            /* a blocking write sleeps for a TX buffer */
	sim_time_t write_since;
	struct host_file *next;        /* the host's open files */
};

struct host {
	struct sim *sim;
	struct host_config cfg;
	struct rproc_pool pool;
	struct rpmsg_bus *rpmsg_bus;
	struct rpmsg_chardevs *chardevs;
	struct rpmsg_ttys *ttys;
	struct rproc_virtio *virtio;
	struct rpmsg_sample_params sample; /* rpmsg_client_sample's module parameters */
	unsigned devcd_seq;            /* devcoredump numbers, shared as in Linux */
	struct host_remote remotes[HOST_MAX_REMOTES];
	unsigned nremotes;
	struct host_file *files;
};

/* host_snap.c: the "host" part of the simulation's snapshots */
int host_snapshot_register(struct host *h);

/* host_fs.c: closes what is still open */
void host_files_free(struct host *h);

#endif
