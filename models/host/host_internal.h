/* Shared between host.c (assembly, hooks, lifecycle) and host_fs.c (the
 * user-space interface); not an interface for anyone else. */
#ifndef RPSIM_HOST_INTERNAL_H
#define RPSIM_HOST_INTERNAL_H

#include "models/host/host.h"
#include "models/host/remoteproc_virtio.h"
#include "models/host/rpmsg_core.h"

struct host_remote {
	struct host *host;
	unsigned index;
	struct rproc_platform plat;    /* the rproc points at it */
	struct rproc_plat drv;
	struct rproc *rproc;
};

struct host_file {
	struct host *host;
	struct rpmsg_file *f;
	struct host_file *next;        /* the host's open files */
};

struct host {
	struct sim *sim;
	struct host_config cfg;
	struct rproc_pool pool;
	struct rpmsg_bus *rpmsg_bus;
	struct rpmsg_chardevs *chardevs;
	struct rproc_virtio *virtio;
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
