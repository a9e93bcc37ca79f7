/* Snapshots of the host model (host.h), one part of the simulation's
 * snapshots ("host"): the carveout pool, the virtio device numbers, each
 * remote (its remoteproc with the vdevs, transports, rings, endpoints and
 * channels below it, and its platform driver), the rpmsg bus's channel
 * order, the char devices and the ttys with their queues and open files,
 * the client sample's module parameter, and the host's open files (rpmsg
 * devices, ttys, /dev/remoteprocN).
 *
 * Restoring rebuilds the host's dynamic objects from the snapshot: what is
 * there is dropped first without a word (no hook, no log, no register
 * write: the devices and the memory restore themselves), then each module
 * makes its objects again and the owners of the endpoints give them their
 * callbacks back.  An endpoint nobody claims means a driver with state it
 * does not save: refused, so a forgotten field shows up as an error here
 * rather than as a run that silently differs. */
#include <stdlib.h>

#include "models/host/host_internal.h"
#include "sim/core/snap.h"

static int host_save(void *obj, struct snap_writer *w)
{
	struct host *h = obj;
	snap_begin(w, "host");
	snap_put_u32(w, h->devcd_seq);
	rproc_pool_save(&h->pool, w);
	rproc_virtio_save(h->virtio, w);
	snap_put_u32(w, h->nremotes);
	for (unsigned i = 0; i < h->nremotes && !w->failed; i++) {
		if (rproc_save(h->remotes[i].rproc, w) < 0)
			w->failed = true;
		rproc_plat_save(&h->remotes[i].drv, w);
	}
	rpmsg_bus_save(h->rpmsg_bus, w);
	rpmsg_chardevs_save(h->chardevs, w);
	rpmsg_ttys_save(h->ttys, w);
	snap_put_u32(w, (uint32_t)h->sample.count);
	unsigned nfiles = 0;
	for (struct host_file *f = h->files; f; f = f->next)
		nfiles++;
	snap_put_u32(w, nfiles);
	for (struct host_file *f = h->files; f; f = f->next) {
		int k = -1;
		switch (f->kind) {
		case HOST_FILE_RPMSG: k = rpmsg_chardevs_file_index(h->chardevs, f->f); break;
		case HOST_FILE_TTY: k = rpmsg_ttys_file_index(h->ttys, f->tty); break;
		case HOST_FILE_RPROC:
			for (unsigned i = 0; i < h->nremotes; i++)
				if (h->remotes[i].rproc == f->rproc)
					k = (int)i;
			break;
		}
		if (k < 0)
			w->failed = true;
		snap_put_u8(w, (uint8_t)f->kind);
		snap_put_u32(w, (uint32_t)k);
		snap_put_bool(w, f->write_waiting);
		snap_put_u64(w, f->write_since);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

/* Everything a restore replaces, dropped quietly; the owners of pointers
 * into it (the runner's open files) restore after the host. */
static void discard(struct host *h)
{
	while (h->files) {
		struct host_file *f = h->files;
		h->files = f->next;
		free(f);
	}
	rpmsg_chardevs_discard(h->chardevs);
	rpmsg_ttys_discard(h->ttys);
	for (unsigned i = 0; i < h->nremotes; i++)
		rproc_discard(h->remotes[i].rproc);
}

static void check_endpoints(struct host *h, struct snap_reader *r)
{
	for (unsigned i = 0; i < h->nremotes && !r->failed; i++) {
		struct rproc *rp = h->remotes[i].rproc;
		for (unsigned k = 0; k < rp->nvdevs && !r->failed; k++) {
			struct rpmsg_vdev *v = rproc_virtio_transport(rp->vdevs[k]);
			struct rpmsg_ept *e = v ? rpmsg_vdev_orphan_ept(v) : NULL;
			if (e)
				snap_fail(r, "%s: endpoint 0x%x belongs to nothing that restores it (a driver "
					  "without snapshot support?)", rpmsg_vdev_name(v), rpmsg_ept_addr(e));
		}
	}
}

static int host_restore(void *obj, struct snap_reader *r)
{
	struct host *h = obj;
	snap_enter(r, "host");
	uint32_t devcd_seq = snap_get_u32(r);
	if (r->failed)
		return -1;
	discard(h);
	h->devcd_seq = devcd_seq;
	if (rproc_pool_restore(&h->pool, r) < 0 || rproc_virtio_restore(h->virtio, r) < 0)
		return -1;
	uint32_t n = snap_get_u32(r);
	if (!r->failed && n != h->nremotes)
		snap_fail(r, "%u remote processors in the snapshot, %u here", n, h->nremotes);
	for (unsigned i = 0; i < h->nremotes && !r->failed; i++) {
		if (rproc_restore(h->remotes[i].rproc, r) == 0)
			rproc_plat_restore(&h->remotes[i].drv, r);
	}
	if (r->failed || rpmsg_bus_restore(h->rpmsg_bus, r) < 0 ||
	    rpmsg_chardevs_restore(h->chardevs, h->rpmsg_bus, r) < 0 ||
	    rpmsg_ttys_restore(h->ttys, h->rpmsg_bus, r) < 0)
		return -1;
	h->sample.count = (int)snap_get_u32(r);
	uint32_t nfiles = snap_get_count(r, 4096, "the number of open files");
	struct host_file **tail = &h->files;
	for (uint32_t i = 0; i < nfiles && !r->failed; i++) {
		uint8_t kind = snap_get_u8(r);
		uint32_t k = snap_get_u32(r);
		bool write_waiting = snap_get_bool(r);
		sim_time_t write_since = snap_get_u64(r);
		if (r->failed)
			break;
		struct rpmsg_file *rf = NULL;
		struct rpmsg_tty_file *tf = NULL;
		struct rproc *rp = NULL;
		switch (kind) {
		case HOST_FILE_RPMSG: rf = rpmsg_chardevs_file(h->chardevs, k); break;
		case HOST_FILE_TTY: tf = rpmsg_ttys_file(h->ttys, k); break;
		case HOST_FILE_RPROC: rp = k < h->nremotes ? h->remotes[k].rproc : NULL; break;
		default: break;
		}
		bool there = rf || tf || rp;
		struct host_file *f = there ? calloc(1, sizeof(*f)) : NULL;
		if (!f) {
			snap_fail(r, there ? "out of memory" : "an open file that is not there");
			break;
		}
		for (struct host_file *o = h->files; o; o = o->next)
			if ((rf && o->f == rf) || (tf && o->tty == tf))
				snap_fail(r, "an rpmsg file is open twice");
		f->host = h;
		f->kind = (enum host_file_kind)kind;
		f->f = rf;
		f->tty = tf;
		f->rproc = rp;
		f->write_waiting = write_waiting;
		f->write_since = write_since;
		*tail = f;
		tail = &f->next;
	}
	snap_leave(r);
	check_endpoints(h, r);
	return r->failed ? -1 : 0;
}

int host_snapshot_register(struct host *h)
{
	return sim_add_snapshot(h->sim, "host", h, host_save, host_restore);
}

int host_file_index(const struct host *h, const struct host_file *f)
{
	int i = 0;
	for (const struct host_file *o = h->files; o; o = o->next, i++)
		if (o == f)
			return i;
	return -1;
}

struct host_file *host_file_at(const struct host *h, unsigned i)
{
	struct host_file *f = h->files;
	while (f && i--)
		f = f->next;
	return f;
}
