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
#include "sim/core/tracefile_format.h"

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

static void subdev_event(struct event *ev, void *ctx);

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
	event_init(&rproc->subdev_ev, "rproc-subdevices", subdev_event, rproc);
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
	sim_cancel(rproc->sim, &rproc->subdev_ev);
	rproc_release_vdevs(rproc);
	if (rproc->img_valid)
		rproc_image_release(&rproc->img);
	free(rproc->clean_table);
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

/* The firmware file: the first search directory holding the name (an
 * absolute name is tried last, as itself), through the checked reader
 * (regular files only).  0, -ENOENT, -EFBIG (path says which file) or
 * -ENOMEM; nothing is logged: the first reason a file of that name was
 * passed over other than its absence (a directory, a FIFO) is left in
 * rproc->fw_skipped for the message. */
int rproc_read_firmware(struct rproc *rproc, uint8_t **data, size_t *size, char *path,
			size_t pathlen)
{
	const char *name = rproc->firmware;
	char *skipped = rproc->fw_skipped;
	skipped[0] = '\0';
	for (unsigned i = 0; i <= rproc->nsearch; i++) {
		char err[512];
		if (i == rproc->nsearch) {
			if (name[0] != '/')
				break;
			snprintf(path, pathlen, "%s", name);
		} else {
			snprintf(path, pathlen, "%s/%s", rproc->search[i], name);
		}
		char *buf = sim_file_read(path, SIM_FILE_FIRMWARE, size, err, sizeof(err));
		if (!buf) {
			if (errno == EFBIG)
				return -EFBIG;
			if (errno == ENOMEM)
				return -ENOMEM;
			/* not readable here (missing, a directory, a FIFO...): the
			 * next directory, as Linux's loader; the first reason other
			 * than a missing file is kept for the message */
			if (errno != ENOENT && !skipped[0])
				snprintf(skipped, sizeof(rproc->fw_skipped), "; %s", err);
			continue;
		}
		*data = (uint8_t *)buf;
		return 0;
	}
	return -ENOENT;
}

/* request_firmware(): rproc_read_firmware, with Linux's words; traces
 * the file it loaded (TRACE_FWLOAD: its path, size and FNV-1a hash) at t. */
int rproc_request_firmware(struct rproc *rproc, uint8_t **data, size_t *size, sim_time_t t)
{
	const char *name = rproc->firmware;
	char path[1024];
	int ret = rproc_read_firmware(rproc, data, size, path, sizeof(path));
	if (ret == 0) {
		snprintf(rproc->fw_path, sizeof(rproc->fw_path), "%s", path);
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "Booting fw image %s, size %zu", name, *size);
		/* which file it was, so a shadowing file of the same name shows */
		char what[sizeof(path) + 64];
		int n = snprintf(what, sizeof(what), "%s (%zu bytes, fnv1a64 %016llx)", path, *size,
				 (unsigned long long)tracefile_fnv1a64(*data, *size));
		record_text(rproc->sim->trace, t, TRACE_FWLOAD, rproc->component, what,
			    n < 0 ? 0 : (size_t)n < sizeof(what) ? (size_t)n : sizeof(what) - 1);
		return 0;
	}
	if (ret == -EFBIG)
		diag_error(&rproc->last_error, "%s: firmware larger than %u MiB", path,
			   (unsigned)(RPROC_FW_MAX_SIZE >> 20));
	else if (ret == -ENOENT)
		diag_error(&rproc->last_error, "request_firmware failed: -2 (no file \"%s\" in the firmware search path%s)",
			   name, rproc->fw_skipped);
	return ret;
}

/* --- boot and shutdown --- */

static void resource_cleanup(struct rproc *rproc, sim_time_t t);
static void report_boot_failure(struct rproc *rproc);

/* The second half of rproc_start / __rproc_attach: the subdevices, then
 * the state.  A failure stops the core (both: "stop_rproc"). */
static int complete_start(struct rproc *rproc, bool attach, sim_time_t t)
{
	int ret = start_subdevices(rproc, t);
	if (ret) {
		diag_error(&rproc->last_error, "failed to probe subdevices for %s: %d", rproc->name, ret);
		rproc->cfg.ops->stop(rproc, t);
		return ret;
	}
	rproc_set_state(rproc, attach ? RPROC_ATTACHED : RPROC_RUNNING, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name,
		attach ? "remote processor %s is now attached" : "remote processor %s is now up",
		rproc->name);
	return 0;
}

/* The subdevices of a start begun subdev_latency ago: Linux's rproc_start
 * goes on from ops->start to rproc_start_subdevices in one call, and the
 * virtio probe in between takes this long; a firmware that does not wait
 * for DRIVER_OK reads the table before the host filled it in. */
static void subdev_event(struct event *ev, void *ctx)
{
	struct rproc *rproc = ctx;
	sim_time_t t = rproc->sim->now;
	(void)ev;
	rproc->starting = false;
	if (complete_start(rproc, rproc->start_attach, t) != 0) {
		/* the rproc_boot (or recovery) that began it fails now */
		if (rproc->start_boot || rproc->start_attach) {
			resource_cleanup(rproc, t);
			rproc->power = 0;
		}
		report_boot_failure(rproc);
	}
	if (rproc->crash_deferred) {
		/* the crash work waited for the start to finish (rproc->lock) */
		rproc->crash_deferred = false;
		sim_schedule(rproc->sim, &rproc->crash_ev, t);
	}
}

/* After ops->start / ops->attach: the subdevices now, or later. */
static int start_subdevices_then(struct rproc *rproc, bool attach, bool boot, sim_time_t t)
{
	if (!rproc->cfg.subdev_latency || !rproc->nvdevs)
		return complete_start(rproc, attach, t);
	rproc->starting = true;
	rproc->start_attach = attach;
	rproc->start_boot = boot;
	sim_schedule(rproc->sim, &rproc->subdev_ev, simtime_add(t, rproc->cfg.subdev_latency));
	return 0;
}

sim_time_t rproc_busy_until(const struct rproc *rproc)
{
	return rproc->starting ? rproc->subdev_ev.time : 0;
}

int rproc_start(struct rproc *rproc, sim_time_t t)
{
	return rproc_start_for(rproc, false, t);
}

static int boot_start(struct rproc *rproc, sim_time_t t)
{
	return rproc_start_for(rproc, true, t);
}

/* rproc_start(): load segments, install the table, power up, subdevices. */
int rproc_start_for(struct rproc *rproc, bool boot, sim_time_t t)
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	struct diag *d = &rproc->last_error;
	if (rproc_image_load_segments(&rproc->img, rproc->cfg.host_bus, d) != 0)
		return -EINVAL;
	if (rproc_image_load_table(&rproc->img, rproc->cfg.host_bus, d) != 0)
		return -EINVAL;
	if (rproc->img.table && !rproc->img.table_loaded)
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"the resource table's sh_addr 0x%llx is in no memory of %s: its copy is not "
			"installed and the firmware never sees the vring addresses or the device "
			"status (Linux's rproc_start goes on silently)",
			(unsigned long long)rproc->img.elf->rsc_da, rproc->name);
	int ret = ops->start(rproc, rproc->boot_addr, t);
	if (ret) {
		diag_error(d, "can't start rproc %s: %d", rproc->name, ret);
		return ret;
	}
	return start_subdevices_then(rproc, false, boot, t);
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

static void free_clean_table(struct rproc *rproc)
{
	free(rproc->clean_table);
	rproc->clean_table = NULL;
	rproc->clean_size = 0;
}

/* Everything rproc_fw_boot took, in reverse. */
static void resource_cleanup(struct rproc *rproc, sim_time_t t)
{
	free_clean_table(rproc);
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
	rproc_image_set_iommu(&rproc->img, &rproc->cfg.plat->iommu);
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

/* __rproc_attach, once the resources are handled: the platform driver
 * takes the remote over, the subdevices start. */
static int attach_go(struct rproc *rproc, sim_time_t t)
{
	int ret;
	if ((ret = rproc->cfg.ops->attach(rproc, t)) != 0) {
		diag_error(&rproc->last_error, "can't attach to rproc %s: %d", rproc->name, ret);
		return ret;
	}
	return start_subdevices_then(rproc, true, true, t);
}

/* rproc_set_rsc_table: the table the running firmware uses, from device
 * memory where the platform driver says it is; a clean copy is kept for
 * detach.  No table is acceptable. */
static int set_rsc_table(struct rproc *rproc)
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	struct diag *d = &rproc->last_error;
	uint64_t pa = 0;
	size_t size = 0;
	int ret = ops->get_loaded_rsc_table ? ops->get_loaded_rsc_table(rproc, &pa, &size) : -ENOENT;
	if (ret == -ENOENT || size == 0)
		return 0; /* "Not having a resource table is acceptable" */
	if (ret) {
		diag_error(d, "can't load resource table: %d", ret);
		return ret;
	}
	uint8_t *buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	if (bus_read_block(rproc->cfg.host_bus, pa, buf, size) != BUS_OK) {
		diag_error(d, "can't load resource table: [pa 0x%llx, +0x%zx) is not memory the host can read",
			   (unsigned long long)pa, size);
		free(buf);
		return -EINVAL;
	}
	if (rproc_image_take_table(&rproc->img, buf, size, -1, d) != 0) {
		free(buf);
		return -EINVAL;
	}
	if (rproc->cfg.ops->detach) {
		rproc->clean_table = buf;
		rproc->clean_size = size;
	} else {
		free(buf);
	}
	rproc->img.table_pa = pa;
	return 0;
}

/* rproc_attach: the firmware is already in memory and running; no
 * firmware is requested and nothing is loaded.  The resources are handled
 * on the table the firmware uses, in device memory (Linux's handlers
 * write there through table_ptr; rpsim handles a copy and writes it back,
 * which the remote sees the same). */
static int attach(struct rproc *rproc, sim_time_t t)
{
	const struct rproc_ops *ops = rproc->cfg.ops;
	struct diag *d = &rproc->last_error;
	int ret;
	if (!ops->attach) {
		diag_error(d, "%s: the platform driver cannot attach", rproc->name);
		return -EINVAL;
	}
	if (ops->prepare && (ret = ops->prepare(rproc, t)) != 0) {
		diag_error(d, "can't prepare rproc %s: %d", rproc->name, ret);
		return ret;
	}
	rproc_image_init(&rproc->img, NULL, &rproc->map, rproc->cfg.pool);
	rproc_image_set_iommu(&rproc->img, &rproc->cfg.plat->iommu);
	rproc->img_valid = true;
	if ((ret = set_rsc_table(rproc)) != 0)
		goto clean_up;
	if (rproc->img.table) {
		if (rproc_image_handle_rsc(&rproc->img, d) != 0) {
			ret = -EINVAL;
			goto clean_up;
		}
		if (bus_write_block(rproc->cfg.host_bus, rproc->img.table_pa, rproc->img.table,
				    rproc->img.table_size) != BUS_OK) {
			ret = -EINVAL;
			goto clean_up;
		}
		rproc->img.table_loaded = true;
	}
	if ((ret = rproc_create_vdevs(rproc, t)) != 0)
		goto clean_up;
	if ((ret = attach_go(rproc, t)) != 0)
		goto clean_up;
	return 0;

clean_up:
	rproc_release_vdevs(rproc);
	rproc_image_release(&rproc->img);
	rproc->img_valid = false;
	free_clean_table(rproc);
	if (ops->unprepare)
		ops->unprepare(rproc, t);
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
		ret = rproc_request_firmware(rproc, &data, &size, t);
		if (ret == 0) {
			ret = take_over(rproc, data, size, t, boot_start);
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
	/* rproc_reset_rsc_table_on_detach: the table goes back to what the
	 * firmware had before Linux attached, for the next attach */
	if (rproc->img.table_loaded && rproc->clean_table)
		bus_write_block(rproc->cfg.host_bus, rproc->img.table_pa, rproc->clean_table,
				rproc->clean_size);
	rproc->img.table_loaded = false;
	free_clean_table(rproc);
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
