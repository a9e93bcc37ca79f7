/* remoteproc core: lifecycle, boot in Linux's order, sysfs attributes.
 * Follows drivers/remoteproc/remoteproc_core.c and remoteproc_sysfs.c:
 * rproc_boot -> request_firmware -> rproc_fw_boot (prepare, sanity check,
 * parse the resource table into a cached copy, handle resources, allocate
 * carveouts) -> rproc_start (load segments, copy the cached table into
 * device memory, start the core, start the subdevices) -> running. */
#include "models/host/rproc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_internal.h"
#include "sim/core/fileio.h"
#include "sim/core/record.h"

_Static_assert((int)RPROC_LAST == (int)RECORD_RPROC_NSTATES && (int)RPROC_DETACHED == (int)RECORD_RPROC_DETACHED,
	       "the record table names Linux's states by their values");

const char *rproc_state_name(enum rproc_state st)
{
	return record_rproc_state_name((unsigned)st);
}

void rproc_set_state(struct rproc *rproc, enum rproc_state st, sim_time_t t)
{
	enum rproc_state old = rproc->state;
	if (old == st)
		return;
	rproc->state = st;
	record_state(rproc->sim->trace, t, rproc->component, (uint32_t)old, (uint32_t)st);
	if (rproc->cfg.on_state)
		rproc->cfg.on_state(rproc->cfg.state_ctx, rproc, old, st, t);
}

static void rproc_free_component(void *obj)
{
	rproc_destroy(obj);
}

struct rproc *rproc_create(struct sim *sim, const struct rproc_config *cfg, struct diag *d)
{
	if (!cfg->ops || !cfg->ops->start || !cfg->ops->stop || !cfg->ops->kick || !cfg->plat ||
	    !cfg->pool || !cfg->host_bus || !cfg->name) {
		diag_error(d, "remoteproc%u: incomplete platform driver (start, stop, kick, platform, pool and bus are required)",
			   cfg->index);
		return NULL;
	}
	struct rproc *rproc = calloc(1, sizeof(*rproc));
	if (!rproc) {
		diag_error(d, "remoteproc%u: out of memory", cfg->index);
		return NULL;
	}
	rproc->sim = sim;
	rproc->cfg = *cfg;
	snprintf(rproc->dev_name, sizeof(rproc->dev_name), "remoteproc%u", cfg->index);
	snprintf(rproc->name, sizeof(rproc->name), "%s", cfg->name);
	if (cfg->firmware)
		snprintf(rproc->firmware, sizeof(rproc->firmware), "%s", cfg->firmware);
	else
		snprintf(rproc->firmware, sizeof(rproc->firmware), "rproc-%s-fw", cfg->name);
	for (const char *const *s = cfg->search; s && *s && rproc->nsearch < RPROC_MAX_SEARCH; s++)
		rproc->search[rproc->nsearch++] = strdup(*s);
	rproc->recovery_disabled = cfg->recovery_disabled;
	rproc->dump_conf = cfg->coredump;
	rproc->state = cfg->preloaded ? RPROC_DETACHED : RPROC_OFFLINE;
	diag_init(&rproc->last_error, rproc->dev_name);
	event_init(&rproc->crash_ev, "rproc-crash", rproc_crash_handler, rproc);
	event_init(&rproc->dump_ev, "rproc-devcd-timeout", rproc_dump_timeout, rproc);
	rproc_memmap_init(&rproc->map);
	char err[256];
	if (rproc_memmap_add_platform(&rproc->map, cfg->plat, err, sizeof(err)) != 0) {
		diag_error(d, "%s: %s", rproc->dev_name, err);
		rproc_destroy(rproc);
		return NULL;
	}
	int id = sim_add_component(sim, rproc->dev_name, rproc, rproc_free_component);
	if (id < 0) {
		diag_error(d, "%s: too many components", rproc->dev_name);
		rproc_destroy(rproc);
		return NULL;
	}
	rproc->component = (uint16_t)id;
	return rproc;
}

void rproc_destroy(struct rproc *rproc)
{
	if (!rproc)
		return;
	sim_cancel(rproc->sim, &rproc->crash_ev);
	sim_cancel(rproc->sim, &rproc->dump_ev);
	rproc_release_vdevs(rproc);
	if (rproc->img_valid)
		rproc_image_release(&rproc->img);
	rproc_memmap_destroy(&rproc->map);
	for (unsigned i = 0; i < rproc->nsearch; i++)
		free(rproc->search[i]);
	diag_free(&rproc->last_error);
	free(rproc);
}

int rproc_da_to_pa(const struct rproc *rproc, uint64_t da, uint64_t len, uint64_t *pa)
{
	return rproc_memmap_da_to_pa(&rproc->map, da, len, pa);
}

/* --- subdevices (vdevs) --- */

int rproc_create_vdevs(struct rproc *rproc, sim_time_t t)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	if (!ops)
		return 0;
	for (unsigned i = 0; i < rproc->img.nvdevs; i++) {
		void *v = ops->create(rproc->cfg.vdev_ctx, rproc, i, &rproc->img.vdevs[i], t);
		if (!v) {
			diag_error(&rproc->last_error, "vdev %u: cannot create the virtio device", i);
			rproc_release_vdevs(rproc);
			return -ENOMEM;
		}
		rproc->vdevs[rproc->nvdevs++] = v;
	}
	return 0;
}

void rproc_release_vdevs(struct rproc *rproc)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	while (rproc->nvdevs > 0) {
		void *v = rproc->vdevs[--rproc->nvdevs];
		if (ops)
			ops->destroy(v);
	}
}

static int start_subdevices(struct rproc *rproc, sim_time_t t)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	for (unsigned i = 0; ops && i < rproc->nvdevs; i++) {
		int ret = ops->start(rproc->vdevs[i], t);
		if (ret) {
			while (i-- > 0) /* unroll what started */
				ops->stop(rproc->vdevs[i], false, t);
			return ret;
		}
	}
	return 0;
}

static void stop_subdevices(struct rproc *rproc, bool crashed, sim_time_t t)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	for (unsigned i = rproc->nvdevs; ops && i-- > 0;)
		ops->stop(rproc->vdevs[i], crashed, t);
}

void rproc_vq_interrupt(struct rproc *rproc, uint32_t notifyid, sim_time_t t)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED)
		return; /* a late kick after stop: Linux has freed the vrings */
	for (unsigned i = 0; ops && i < rproc->nvdevs; i++) {
		const struct rproc_vdev_info *vi = &rproc->img.vdevs[i];
		for (unsigned k = 0; k < vi->nvrings; k++) {
			if (vi->vring[k].notifyid == notifyid) {
				ops->notify(rproc->vdevs[i], notifyid, t);
				return;
			}
		}
	}
	/* Linux: rproc_vq_interrupt finds no virtqueue and returns IRQ_NONE */
	sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
		"kick with notifyid %u matches no vring; ignored", notifyid);
}

/* --- firmware --- */

/* request_firmware(): the first search directory holding the name. */
int rproc_request_firmware(struct rproc *rproc, uint8_t **data, size_t *size)
{
	const char *name = rproc->firmware;
	char skipped[600] = "";
	for (unsigned i = 0; i <= rproc->nsearch; i++) {
		char path[1024], err[512];
		if (i == rproc->nsearch) {
			if (name[0] != '/')
				break;
			snprintf(path, sizeof(path), "%s", name);
		} else {
			snprintf(path, sizeof(path), "%s/%s", rproc->search[i], name);
		}
		char *buf = sim_file_read(path, SIM_FILE_FIRMWARE, size, err, sizeof(err));
		if (!buf) {
			if (errno == EFBIG) {
				diag_error(&rproc->last_error, "%s", err);
				return -EFBIG;
			}
			if (errno == ENOMEM)
				return -ENOMEM;
			/* not readable here (missing, a directory, a FIFO...): the
			 * next directory, as Linux's loader; the first reason other
			 * than a missing file is kept for the message */
			if (errno != ENOENT && !skipped[0])
				snprintf(skipped, sizeof(skipped), "; %s", err);
			continue;
		}
		*data = (uint8_t *)buf;
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "Booting fw image %s, size %zu", name, *size);
		return 0;
	}
	diag_error(&rproc->last_error, "request_firmware failed: -2 (no file \"%s\" in the firmware search path%s)",
		   name, skipped);
	return -ENOENT;
}

/* --- boot and shutdown --- */

/* rproc_start(): load segments, install the table, power up, subdevices. */
int rproc_start(struct rproc *rproc, sim_time_t t)
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	struct diag *d = &rproc->last_error;
	if (rproc_image_load_segments(&rproc->img, rproc->cfg.host_bus, d) != 0)
		return -EINVAL;
	if (rproc_image_load_table(&rproc->img, rproc->cfg.host_bus, d) != 0)
		return -EINVAL;
	int ret = ops->start(rproc, rproc->boot_addr, t);
	if (ret) {
		diag_error(d, "can't start rproc %s: %d", rproc->name, ret);
		return ret;
	}
	ret = start_subdevices(rproc, t);
	if (ret) {
		diag_error(d, "failed to probe subdevices for %s: %d", rproc->name, ret);
		ops->stop(rproc, t);
		return ret;
	}
	rproc_set_state(rproc, RPROC_RUNNING, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "remote processor %s is now up", rproc->name);
	return 0;
}

/* rproc_stop(): subdevices, then the core; the table goes back to the
 * cached copy (the one in device memory is no longer ours). */
int rproc_stop(struct rproc *rproc, bool crashed, sim_time_t t)
{
	stop_subdevices(rproc, crashed, t);
	rproc->img.table_loaded = false;
	int ret = rproc->cfg.ops->stop(rproc, t);
	if (ret) {
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name, "can't stop rproc: %d", ret);
		return ret;
	}
	rproc_set_state(rproc, RPROC_OFFLINE, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "stopped remote processor %s", rproc->name);
	return 0;
}

/* Everything rproc_fw_boot took, in reverse. */
static void resource_cleanup(struct rproc *rproc, sim_time_t t)
{
	rproc_release_vdevs(rproc);
	if (rproc->img_valid) {
		rproc_image_release(&rproc->img);
		rproc->img_valid = false;
	}
	if (rproc->cfg.ops->unprepare)
		rproc->cfg.ops->unprepare(rproc, t);
}

/* Both ways of taking a remote over: prepare, ELF sanity check, the
 * resource table into a cached copy, resources handled, vdevs created,
 * then `go` (load and start for a boot, install the table and attach for
 * a running remote). A failure anywhere undoes everything in reverse. */
static int take_over(struct rproc *rproc, const uint8_t *data, size_t size, sim_time_t t,
		     int (*go)(struct rproc *rproc, sim_time_t t))
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	struct diag *d = &rproc->last_error;
	int ret;

	if (ops->prepare && (ret = ops->prepare(rproc, t)) != 0) {
		diag_error(d, "can't prepare rproc %s: %d", rproc->name, ret);
		return ret;
	}
	struct rproc_elf *elf = rproc_elf_open(data, size, rproc->cfg.plat->machine, d);
	if (!elf) {
		ret = -EINVAL;
		goto unprepare;
	}
	rproc_image_init(&rproc->img, elf, &rproc->map, rproc->cfg.pool);
	rproc->img_valid = true;
	rproc->boot_addr = (uint32_t)elf->entry;
	if (rproc_image_parse_rsc(&rproc->img, d) != 0 || rproc_image_handle_rsc(&rproc->img, d) != 0) {
		ret = -EINVAL;
		goto clean_up;
	}
	if ((ret = rproc_create_vdevs(rproc, t)) != 0)
		goto clean_up;
	if ((ret = go(rproc, t)) != 0)
		goto clean_up;
	return 0;

clean_up:
	rproc_release_vdevs(rproc);
	rproc_image_release(&rproc->img);
	rproc->img_valid = false;
unprepare:
	if (ops->unprepare)
		ops->unprepare(rproc, t);
	return ret;
}

static void report_boot_failure(struct rproc *rproc)
{
	for (unsigned i = 0; i < rproc->last_error.n; i++)
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name, "%s", rproc->last_error.msgs[i].text);
}

/* Attaching, once the resources are handled: the table goes into device
 * memory (the remote waits for the vring addresses and DRIVER_OK there),
 * the platform driver takes the remote over, the subdevices start. */
static int attach_go(struct rproc *rproc, sim_time_t t)
{
	int ret;
	if (rproc_image_load_table(&rproc->img, rproc->cfg.host_bus, &rproc->last_error) != 0)
		return -EINVAL;
	if ((ret = rproc->cfg.ops->attach(rproc, t)) != 0) {
		diag_error(&rproc->last_error, "can't attach to rproc %s: %d", rproc->name, ret);
		return ret;
	}
	if ((ret = start_subdevices(rproc, t)) != 0)
		return ret;
	rproc_set_state(rproc, RPROC_ATTACHED, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "remote processor %s is now attached", rproc->name);
	return 0;
}

/* rproc_attach(): the firmware is already in memory and running. Its ELF
 * is read only to find the resource table; no segment is loaded and the
 * core is not reset. */
static int attach(struct rproc *rproc, sim_time_t t)
{
	if (!rproc->cfg.ops->attach) {
		diag_error(&rproc->last_error, "%s: the platform driver cannot attach", rproc->name);
		return -EINVAL;
	}
	uint8_t *data = NULL;
	size_t size = 0;
	int ret = rproc_request_firmware(rproc, &data, &size);
	if (ret == 0) {
		ret = take_over(rproc, data, size, t, attach_go);
		free(data);
	}
	return ret;
}

int rproc_boot(struct rproc *rproc, sim_time_t t)
{
	if (rproc->state == RPROC_DELETED) {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "can't boot deleted rproc %s", rproc->name);
		return -ENODEV;
	}
	/* skip the boot or attach process if rproc is already powered up */
	if (++rproc->power > 1)
		return 0;
	diag_clear(&rproc->last_error);
	int ret;
	if (rproc->state == RPROC_DETACHED) {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "attaching to %s", rproc->name);
		ret = attach(rproc, t);
	} else {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "powering up %s", rproc->name);
		uint8_t *data = NULL;
		size_t size = 0;
		ret = rproc_request_firmware(rproc, &data, &size);
		if (ret == 0) {
			ret = take_over(rproc, data, size, t, rproc_start);
			free(data);
		}
	}
	if (ret) {
		rproc->power--;
		report_boot_failure(rproc);
	} else {
		/* what Linux dev_warn()s on a boot that goes on (a carveout
		 * where the remote does not look, a skipped resource) */
		for (unsigned i = 0; i < rproc->last_error.n; i++)
			if (rproc->last_error.msgs[i].sev == DIAG_WARNING)
				sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
					"%s", rproc->last_error.msgs[i].text);
	}
	return ret;
}

int rproc_shutdown(struct rproc *rproc, sim_time_t t)
{
	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED)
		return -EINVAL;
	/* if the remote proc is still needed, bail out */
	if (--rproc->power > 0)
		return 0;
	int ret = rproc_stop(rproc, false, t);
	if (ret) {
		rproc->power++;
		return ret;
	}
	resource_cleanup(rproc, t);
	return 0;
}

int rproc_detach(struct rproc *rproc, sim_time_t t)
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	if (rproc->state != RPROC_ATTACHED)
		return -EINVAL;
	if (!ops->detach)
		return -EINVAL;
	if (--rproc->power > 0)
		return 0;
	stop_subdevices(rproc, false, t);
	int ret = ops->detach(rproc, t);
	if (ret) {
		rproc->power++;
		start_subdevices(rproc, t);
		return ret;
	}
	rproc_release_vdevs(rproc);
	if (rproc->img_valid) {
		rproc_image_release(&rproc->img);
		rproc->img_valid = false;
	}
	if (ops->unprepare)
		ops->unprepare(rproc, t);
	rproc_set_state(rproc, RPROC_DETACHED, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "detached remote processor %s", rproc->name);
	return 0;
}
