/* Shared between the remoteproc core's files (rproc.c, rproc_sysfs.c,
 * rproc_crash.c); not an interface for anyone else. */
#ifndef RPSIM_RPROC_INTERNAL_H
#define RPSIM_RPROC_INTERNAL_H

#include "models/host/rproc.h"
#include "sim/core/le.h"

/* Firmware files larger than this are refused (no remote has that much
 * memory; it also bounds what a bad path can make us read). */
#define RPROC_FW_MAX_SIZE ((size_t)256 << 20)

void rproc_set_state(struct rproc *rproc, enum rproc_state st, sim_time_t t);
/* request_firmware() along the search path; traces the file it loaded
 * (TRACE_FWLOAD: its path, size and FNV-1a hash) at t. */
int rproc_request_firmware(struct rproc *rproc, uint8_t **data, size_t *size, sim_time_t t);
/* The same without a word (no log, no trace, no boot error): a snapshot's
 * restore reads the firmware again.  path gets the file it tried last. */
int rproc_read_firmware(struct rproc *rproc, uint8_t **data, size_t *size, char *path,
			size_t pathlen);
/* rproc_start: segments, table, core; the subdevices follow (at once or
 * after cfg.subdev_latency, see rproc_busy_until).  boot: part of
 * rproc_boot, whose undoing a late failure does. */
int rproc_start(struct rproc *rproc, sim_time_t t);
int rproc_start_for(struct rproc *rproc, bool boot, sim_time_t t);
int rproc_stop(struct rproc *rproc, bool crashed, sim_time_t t);
int rproc_create_vdevs(struct rproc *rproc, sim_time_t t);
void rproc_release_vdevs(struct rproc *rproc);
void rproc_crash_handler(struct event *ev, void *ctx);
void rproc_dump_timeout(struct event *ev, void *ctx);

/* devcoredump deletes a dump nobody released after this long (Linux's
 * DEVCD_TIMEOUT) */
#define RPROC_DEVCD_TIMEOUT ((sim_time_t)300 * SIM_S)
int rproc_trigger_recovery(struct rproc *rproc, sim_time_t t);

#endif
