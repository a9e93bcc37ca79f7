/* Snapshots of a remoteproc (rproc.h): its state and what the host keeps
 * of the loaded image, its crash and coredump state, its pending events
 * and its vdevs.  The ELF itself is read again from the firmware file at
 * restore (quietly), so a snapshot holds only what the run changed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_internal.h"
#include "sim/core/snap.h"

#define RPROC_SNAP_MSGS DIAG_MAX_MSGS

static void save_vdev_info(struct snap_writer *w, const struct rproc_vdev_info *v)
{
	snap_put_u32(w, (uint32_t)v->rsc_index);
	snap_put_u32(w, v->rsc_offset);
	snap_put_u32(w, v->id);
	snap_put_u32(w, v->dfeatures);
	snap_put_u32(w, v->nvrings);
	for (unsigned k = 0; k < RSC_MAX_VRINGS; k++) {
		snap_put_u32(w, v->vring[k].da);
		snap_put_u32(w, v->vring[k].align);
		snap_put_u32(w, v->vring[k].num);
		snap_put_u32(w, v->vring[k].notifyid);
		snap_put_u64(w, v->vring[k].pa);
		snap_put_u64(w, v->vring[k].layout.desc);
		snap_put_u64(w, v->vring[k].layout.avail);
		snap_put_u64(w, v->vring[k].layout.used);
		snap_put_u64(w, v->vring[k].layout.size);
		snap_put_u64(w, v->vring[k].layout.alloc);
	}
}

static void restore_vdev_info(struct snap_reader *r, struct rproc_vdev_info *v)
{
	v->rsc_index = (int)snap_get_u32(r);
	v->rsc_offset = snap_get_u32(r);
	v->id = snap_get_u32(r);
	v->dfeatures = snap_get_u32(r);
	v->nvrings = snap_get_count(r, RSC_MAX_VRINGS + 1, "a vdev's vrings");
	for (unsigned k = 0; k < RSC_MAX_VRINGS; k++) {
		v->vring[k].da = snap_get_u32(r);
		v->vring[k].align = snap_get_u32(r);
		v->vring[k].num = snap_get_u32(r);
		v->vring[k].notifyid = snap_get_u32(r);
		v->vring[k].pa = snap_get_u64(r);
		v->vring[k].layout.desc = snap_get_u64(r);
		v->vring[k].layout.avail = snap_get_u64(r);
		v->vring[k].layout.used = snap_get_u64(r);
		v->vring[k].layout.size = snap_get_u64(r);
		v->vring[k].layout.alloc = snap_get_u64(r);
	}
}

static void save_image(struct snap_writer *w, const struct rproc_image *img)
{
	snap_put_bool(w, img->elf != NULL); /* none: attached, the table from device memory */
	snap_put_bool(w, img->table != NULL);
	snap_put_u32(w, (uint32_t)img->table_size);
	if (img->table)
		snap_put_bytes(w, img->table, img->table_size);
	snap_put_u32(w, img->ncarveouts);
	for (unsigned i = 0; i < img->ncarveouts; i++) {
		const struct rproc_carveout *c = &img->carveouts[i];
		snap_put_str(w, c->name);
		snap_put_u32(w, c->da);
		snap_put_u64(w, c->pa);
		snap_put_u64(w, c->size);
		snap_put_bool(w, c->pooled);
		snap_put_bool(w, c->region);
		snap_put_bool(w, c->iommu);
		snap_put_u32(w, (uint32_t)c->rsc_index);
	}
	snap_put_u32(w, img->nvdevs);
	for (unsigned i = 0; i < img->nvdevs; i++)
		save_vdev_info(w, &img->vdevs[i]);
	snap_put_u32(w, img->ntraces);
	for (unsigned i = 0; i < img->ntraces; i++) {
		snap_put_str(w, img->traces[i].name);
		snap_put_u32(w, img->traces[i].da);
		snap_put_u32(w, img->traces[i].len);
		snap_put_u64(w, img->traces[i].pa);
		snap_put_bool(w, img->traces[i].pa_valid);
	}
	snap_put_u32(w, img->nmappings);
	for (unsigned i = 0; i < img->nmappings; i++) {
		snap_put_u64(w, img->mappings[i].da);
		snap_put_u64(w, img->mappings[i].pa);
		snap_put_u64(w, img->mappings[i].len);
		snap_put_u32(w, (uint32_t)img->mappings[i].rsc_index);
	}
	snap_put_u32(w, img->notifyids);
	snap_put_bool(w, img->table_loaded);
	snap_put_u64(w, img->table_pa);
}

int rproc_save(struct rproc *rproc, struct snap_writer *w)
{
	snap_begin(w, "rproc");
	snap_put_str(w, rproc->firmware);
	snap_put_u8(w, (uint8_t)rproc->state);
	snap_put_u32(w, rproc->power);
	snap_put_bool(w, rproc->recovery_disabled);
	snap_put_u8(w, (uint8_t)rproc->dump_conf);
	snap_put_u32(w, rproc->boot_addr);
	rproc_memmap_save(&rproc->map, w);
	snap_put_bool(w, rproc->img_valid);
	if (rproc->img_valid)
		save_image(w, &rproc->img);
	snap_put_u32(w, rproc->nvdevs);
	for (unsigned i = 0; i < rproc->nvdevs; i++)
		if (rproc->cfg.vdev_ops->save(rproc->vdevs[i], w) < 0)
			w->failed = true;
	snap_put_event(w, &rproc->crash_ev);
	snap_put_u8(w, (uint8_t)rproc->crash_type);
	snap_put_bool(w, rproc->crash_pending);
	snap_put_u32(w, rproc->crash_count);
	snap_put_u32(w, rproc->recoveries);
	snap_put_u32(w, rproc->coredumps);
	snap_put_str(w, rproc->last_coredump);
	snap_put_u32(w, rproc->devcd);
	snap_put_u32(w, rproc->devcd_own_seq);
	snap_put_bool(w, rproc->devcd_live);
	snap_put_bool(w, rproc->dump_wait);
	snap_put_event(w, &rproc->dump_ev);
	snap_put_u32(w, rproc->last_error.n);
	for (unsigned i = 0; i < rproc->last_error.n; i++) {
		snap_put_u8(w, (uint8_t)rproc->last_error.msgs[i].sev);
		snap_put_str(w, rproc->last_error.msgs[i].text);
	}
	/* a start whose subdevices come later (cfg.subdev_latency) */
	snap_put_event(w, &rproc->subdev_ev);
	snap_put_bool(w, rproc->starting);
	snap_put_bool(w, rproc->start_attach);
	snap_put_bool(w, rproc->start_boot);
	snap_put_bool(w, rproc->crash_deferred);
	snap_put_bool(w, rproc->cdev_put_on_release);
	snap_put_bool(w, rproc->clean_table != NULL);
	if (rproc->clean_table) {
		snap_put_u32(w, (uint32_t)rproc->clean_size);
		snap_put_bytes(w, rproc->clean_table, rproc->clean_size);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

void rproc_discard(struct rproc *rproc)
{
	const struct rproc_vdev_ops *ops = rproc->cfg.vdev_ops;
	while (rproc->nvdevs > 0) {
		void *v = rproc->vdevs[--rproc->nvdevs];
		if (ops)
			ops->discard(v);
	}
	if (rproc->img_valid) {
		rproc_image_release(&rproc->img);
		rproc->img_valid = false;
	}
	free(rproc->clean_table);
	rproc->clean_table = NULL;
	rproc->clean_size = 0;
	rproc->starting = false;
}

/* The ELF of the image again, from the firmware file as a boot reads it. */
static struct rproc_elf *reopen_elf(struct rproc *rproc, struct snap_reader *r)
{
	uint8_t *data = NULL;
	size_t size = 0;
	char path[1024];
	int ret = rproc_read_firmware(rproc, &data, &size, path, sizeof(path));
	if (ret) {
		snap_fail(r, "%s: its firmware \"%s\" cannot be read again (%s); the snapshot needs "
			  "the firmware files it was taken with", rproc->dev_name, rproc->firmware,
			  ret == -ENOENT ? "not in the firmware search path" : strerror(-ret));
		return NULL;
	}
	struct diag d;
	diag_init(&d, path);
	struct rproc_elf *elf = rproc_elf_open(data, size, rproc->cfg.plat->machine, &d);
	free(data);
	if (!elf)
		snap_fail(r, "%s: %s is no longer firmware it can load", rproc->dev_name, path);
	diag_free(&d);
	return elf;
}

static void restore_image(struct rproc *rproc, struct snap_reader *r)
{
	struct rproc_image *img = &rproc->img;
	bool has_elf = snap_get_bool(r);
	bool has_table = snap_get_bool(r);
	uint32_t table_size = snap_get_count(r, 1u << 20, "the resource table's size");
	if (r->failed)
		return;
	struct rproc_elf *elf = has_elf ? reopen_elf(rproc, r) : NULL;
	if (has_elf && !elf)
		return;
	rproc_image_init(img, elf, &rproc->map, rproc->cfg.pool);
	rproc_image_set_iommu(img, &rproc->cfg.plat->iommu);
	rproc->img_valid = true; /* from here discard releases what is restored */
	if (elf && (has_table != elf->has_rsc || (has_table && table_size != elf->rsc_size))) {
		snap_fail(r, "%s: the firmware's resource table is not the one the snapshot holds",
			  rproc->dev_name);
		return;
	}
	if (has_table) {
		img->table = malloc(table_size ? table_size : 1);
		if (!img->table) {
			snap_fail(r, "out of memory");
			return;
		}
		img->table_size = table_size;
		snap_get_bytes(r, img->table, table_size);
		struct diag d;
		diag_init(&d, NULL);
		/* the layout the handlers walked: the firmware's table, or (attached)
		 * the one in device memory, whose layout the host kept */
		if (rsc_table_parse(elf ? rproc_elf_rsc_data(elf) : img->table, table_size, -1, &img->rsc,
				    &d) != 0)
			snap_fail(r, "%s: the firmware's resource table no longer parses", rproc->dev_name);
		diag_free(&d);
	}
	uint32_t nc = snap_get_count(r, 4 * RSC_MAX_ENTRIES, "the number of carveouts");
	if (!r->failed && nc) {
		img->carveouts = calloc(nc, sizeof(*img->carveouts));
		if (!img->carveouts)
			snap_fail(r, "out of memory");
	}
	for (uint32_t i = 0; i < nc && !r->failed; i++) {
		struct rproc_carveout *c = &img->carveouts[i];
		snap_get_str(r, c->name, sizeof(c->name));
		c->da = snap_get_u32(r);
		c->pa = snap_get_u64(r);
		c->size = snap_get_u64(r);
		c->pooled = snap_get_bool(r);
		c->region = snap_get_bool(r);
		c->iommu = snap_get_bool(r);
		c->rsc_index = (int)snap_get_u32(r);
		img->ncarveouts = i + 1;
	}
	img->nvdevs = snap_get_count(r, RPROC_MAX_VDEVS + 1, "the number of vdevs");
	for (unsigned i = 0; i < img->nvdevs && !r->failed; i++)
		restore_vdev_info(r, &img->vdevs[i]);
	img->ntraces = snap_get_count(r, RPROC_MAX_TRACES + 1, "the number of trace buffers");
	for (unsigned i = 0; i < img->ntraces && !r->failed; i++) {
		snap_get_str(r, img->traces[i].name, sizeof(img->traces[i].name));
		img->traces[i].da = snap_get_u32(r);
		img->traces[i].len = snap_get_u32(r);
		img->traces[i].pa = snap_get_u64(r);
		img->traces[i].pa_valid = snap_get_bool(r);
	}
	/* the IOMMU mappings, made again on the platform (a discard undid
	 * those of the state it replaced) */
	uint32_t nmap = snap_get_count(r, 4 * RSC_MAX_ENTRIES + 1, "the number of IOMMU mappings");
	for (uint32_t i = 0; i < nmap && !r->failed; i++) {
		uint64_t da = snap_get_u64(r), pa = snap_get_u64(r), len = snap_get_u64(r);
		int rsc_index = (int)snap_get_u32(r);
		if (r->failed)
			break;
		struct diag d;
		diag_init(&d, NULL);
		if (rproc_image_iommu_map(img, "a mapping of the snapshot", da, pa, len, 0, rsc_index, &d) != 0)
			snap_fail(r, "%s: %s", rproc->dev_name, d.n ? d.msgs[0].text : "cannot map");
		diag_free(&d);
	}
	img->notifyids = snap_get_u32(r);
	img->table_loaded = snap_get_bool(r);
	img->table_pa = snap_get_u64(r);
	if (r->failed) {
		img->nvdevs = img->ntraces = 0;
		return;
	}
	if (img->table_loaded && !img->table)
		snap_fail(r, "%s: a loaded resource table without a table", rproc->dev_name);
}

int rproc_restore(struct rproc *rproc, struct snap_reader *r)
{
	if (rproc->nvdevs || rproc->img_valid) {
		snap_fail(r, "%s: restored over a live image (discard it first)", rproc->dev_name);
		return -1;
	}
	snap_enter(r, "rproc");
	char fw[RPROC_FW_NAME_LEN];
	snap_get_str(r, fw, sizeof(fw));
	uint8_t state = snap_get_u8(r);
	uint32_t power = snap_get_u32(r);
	bool recovery_disabled = snap_get_bool(r);
	uint8_t dump_conf = snap_get_u8(r);
	uint32_t boot_addr = snap_get_u32(r);
	if (!r->failed && (state >= RPROC_LAST || dump_conf > RPROC_COREDUMP_INLINE || !fw[0]))
		snap_fail(r, "%s: state %u, coredump setting %u or an empty firmware name",
			  rproc->dev_name, state, dump_conf);
	if (r->failed || rproc_memmap_restore(&rproc->map, r) < 0)
		return -1;
	snprintf(rproc->firmware, sizeof(rproc->firmware), "%s", fw);
	rproc->state = (enum rproc_state)state;
	rproc->power = power;
	rproc->recovery_disabled = recovery_disabled;
	rproc->dump_conf = (enum rproc_dump_mechanism)dump_conf;
	rproc->boot_addr = boot_addr;
	if (snap_get_bool(r))
		restore_image(rproc, r);
	uint32_t nvdevs = snap_get_count(r, RPROC_MAX_VDEVS + 1, "the number of vdevs");
	if (!r->failed && nvdevs && (!rproc->img_valid || nvdevs != rproc->img.nvdevs ||
				     !rproc->cfg.vdev_ops))
		snap_fail(r, "%s: %u vdevs for an image with %u", rproc->dev_name, nvdevs,
			  rproc->img_valid ? rproc->img.nvdevs : 0);
	for (uint32_t i = 0; i < nvdevs && !r->failed; i++) {
		void *v = rproc->cfg.vdev_ops->restore(rproc->cfg.vdev_ctx, rproc, i, &rproc->img.vdevs[i], r);
		if (v)
			rproc->vdevs[rproc->nvdevs++] = v;
	}
	if (r->failed)
		return -1;
	snap_get_event(r, &rproc->sim->q, &rproc->crash_ev);
	uint8_t crash_type = snap_get_u8(r);
	rproc->crash_pending = snap_get_bool(r);
	rproc->crash_count = snap_get_u32(r);
	rproc->recoveries = snap_get_u32(r);
	rproc->coredumps = snap_get_u32(r);
	snap_get_str(r, rproc->last_coredump, sizeof(rproc->last_coredump));
	rproc->devcd = snap_get_u32(r);
	rproc->devcd_own_seq = snap_get_u32(r);
	rproc->devcd_live = snap_get_bool(r);
	rproc->dump_wait = snap_get_bool(r);
	snap_get_event(r, &rproc->sim->q, &rproc->dump_ev);
	if (!r->failed && crash_type > RPROC_FATAL_ERROR)
		snap_fail(r, "%s: crash type %u", rproc->dev_name, crash_type);
	rproc->crash_type = (enum rproc_crash_type)crash_type;
	diag_clear(&rproc->last_error);
	uint32_t nmsg = snap_get_count(r, RPROC_SNAP_MSGS + 1, "the number of boot errors");
	for (uint32_t i = 0; i < nmsg && !r->failed; i++) {
		uint8_t sev = snap_get_u8(r);
		char text[SNAP_STR_MAX + 1];
		snap_get_str(r, text, sizeof(text));
		if (!r->failed && sev >= DIAG_NSEV)
			snap_fail(r, "%s: a boot message of severity %u", rproc->dev_name, sev);
		if (!r->failed)
			diag_add(&rproc->last_error, (enum diag_severity)sev, "%s", text);
	}
	snap_get_event(r, &rproc->sim->q, &rproc->subdev_ev);
	rproc->starting = snap_get_bool(r);
	rproc->start_attach = snap_get_bool(r);
	rproc->start_boot = snap_get_bool(r);
	rproc->crash_deferred = snap_get_bool(r);
	rproc->cdev_put_on_release = snap_get_bool(r);
	if (!r->failed && rproc->starting != event_pending(&rproc->subdev_ev))
		snap_fail(r, "%s: a start %s without its subdevices' event", rproc->dev_name,
			  rproc->starting ? "pending" : "done");
	if (snap_get_bool(r)) {
		uint32_t n = snap_get_count(r, 1u << 20, "the clean resource table's size");
		if (!r->failed && !(rproc->clean_table = malloc(n ? n : 1)))
			snap_fail(r, "out of memory");
		if (!r->failed) {
			rproc->clean_size = n;
			snap_get_bytes(r, rproc->clean_table, n);
		}
	}
	snap_leave(r);
	return r->failed ? -1 : 0;
}
