#include "models/host/rpmsg_char.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/host_poll.h"
#include "sim/core/snap.h"

enum cdev_kind { CDEV_CTRL, CDEV_EPT };

struct qmsg {
	struct qmsg *next;
	size_t len;
	uint8_t data[];
};

/* One device node.  It outlives its removal while a file holds it open,
 * so that the file can report -EPIPE/-ENODEV instead of dangling. */
struct cdev {
	struct rpmsg_chardevs *cd;
	enum cdev_kind kind;
	unsigned num; /* N of rpmsg_ctrlN / rpmsgN */
	char path[RPMSG_CHAR_PATH_LEN];
	/* the rpmsg device it belongs to: its ctrl device for /dev/rpmsg_ctrlN
	 * and the endpoint devices the ioctl made, the channel for an
	 * "rpmsg-raw" one; endpoints are made on it.  NULL once removed. */
	struct rpmsg_channel *rpdev;
	bool removed;
	unsigned nopen;

	/* CDEV_EPT */
	struct rpmsg_endpoint_info info;
	struct rpmsg_ept *default_ept; /* the channel's endpoint */
	struct rpmsg_ept *ept;         /* while open (or default_ept) */
	struct qmsg *qhead, *qtail;
	unsigned qlen;
	bool overflow_logged;
};

struct rpmsg_file {
	struct cdev *dev;
	/* a blocking write sleeps (counted among the vdev's sleepers) until
	 * a retry finds a buffer or it gives up */
	bool tx_waiting;
};

struct rpmsg_chardevs {
	struct sim *sim;
	struct rpmsg_chardevs_hooks hooks;
	struct cdev **devs; /* creation order, removed-but-open ones included */
	unsigned ndevs, cap_devs;
	struct rpmsg_file **files;
	unsigned nfiles, cap_files;
};

static int grow(void **arr, unsigned *cap, unsigned n, size_t elem)
{
	if (n < *cap)
		return 0;
	unsigned ncap = *cap ? 2 * *cap : 8;
	void *p = realloc(*arr, ncap * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

struct rpmsg_chardevs *rpmsg_chardevs_create(struct sim *sim)
{
	struct rpmsg_chardevs *cd = calloc(1, sizeof(*cd));
	if (cd)
		cd->sim = sim;
	return cd;
}

static void purge(struct cdev *d)
{
	while (d->qhead) {
		struct qmsg *m = d->qhead;
		d->qhead = m->next;
		free(m);
	}
	d->qtail = NULL;
	d->qlen = 0;
}

static void free_dev(struct cdev *d)
{
	struct rpmsg_chardevs *cd = d->cd;
	for (unsigned i = 0; i < cd->ndevs; i++) {
		if (cd->devs[i] == d) {
			memmove(&cd->devs[i], &cd->devs[i + 1], (cd->ndevs - i - 1) * sizeof(*cd->devs));
			cd->ndevs--;
			break;
		}
	}
	purge(d);
	free(d);
}

void rpmsg_chardevs_destroy(struct rpmsg_chardevs *cd)
{
	if (!cd)
		return;
	for (unsigned i = 0; i < cd->ndevs; i++) {
		/* a live device still belongs to a started transport, whose
		 * channels point here: stop the transports first */
		assert(cd->devs[i]->removed && "rpmsg_chardevs destroyed before its vdevs");
		purge(cd->devs[i]);
		free(cd->devs[i]);
	}
	for (unsigned i = 0; i < cd->nfiles; i++)
		free(cd->files[i]);
	free(cd->devs);
	free(cd->files);
	free(cd);
}

void rpmsg_chardevs_set_hooks(struct rpmsg_chardevs *cd, const struct rpmsg_chardevs_hooks *h)
{
	cd->hooks = *h;
}

static struct cdev *lookup(struct rpmsg_chardevs *cd, const char *path)
{
	for (unsigned i = 0; i < cd->ndevs; i++)
		if (!cd->devs[i]->removed && strcmp(cd->devs[i]->path, path) == 0)
			return cd->devs[i];
	return NULL;
}

bool rpmsg_char_exists(struct rpmsg_chardevs *cd, const char *path)
{
	return lookup(cd, path) != NULL;
}

const char *rpmsg_char_path(struct rpmsg_chardevs *cd, unsigned i)
{
	for (unsigned k = 0; k < cd->ndevs; k++)
		if (!cd->devs[k]->removed && i-- == 0)
			return cd->devs[k]->path;
	return NULL;
}

/* Linux's ida_simple_get: the lowest number not held by a device of the
 * kind, counting removed devices still open (their minor is not released
 * until the last reference goes). */
static unsigned lowest_free(struct rpmsg_chardevs *cd, enum cdev_kind kind)
{
	for (unsigned n = 0;; n++) {
		bool taken = false;
		for (unsigned i = 0; i < cd->ndevs && !taken; i++)
			taken = cd->devs[i]->kind == kind && cd->devs[i]->num == n;
		if (!taken)
			return n;
	}
}

static struct cdev *new_dev(struct rpmsg_chardevs *cd, enum cdev_kind kind,
			    struct rpmsg_channel *rpdev, sim_time_t t)
{
	if (grow((void **)&cd->devs, &cd->cap_devs, cd->ndevs, sizeof(*cd->devs)) < 0)
		return NULL;
	struct cdev *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->cd = cd;
	d->kind = kind;
	d->rpdev = rpdev;
	d->num = lowest_free(cd, kind);
	snprintf(d->path, sizeof(d->path), kind == CDEV_CTRL ? "/dev/rpmsg_ctrl%u" : "/dev/rpmsg%u",
		 d->num);
	cd->devs[cd->ndevs++] = d;
	(void)t;
	return d;
}

static void announce(struct cdev *d, sim_time_t t)
{
	struct rpmsg_chardevs *cd = d->cd;
	sim_log_at(cd->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, "rpmsg_char", "%s created", d->path);
	if (cd->hooks.created)
		cd->hooks.created(cd->hooks.ctx, d->path, t);
}

/* rpmsg_chrdev_eptdev_destroy / rpmsg_ctrldev removal. */
static void remove_dev(struct cdev *d, sim_time_t t)
{
	struct rpmsg_chardevs *cd = d->cd;
	if (d->removed)
		return;
	if (cd->hooks.removed)
		cd->hooks.removed(cd->hooks.ctx, d->path, t);
	sim_log_at(cd->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, "rpmsg_char", "%s removed", d->path);
	/* the default endpoint belongs to the channel: the bus frees it */
	if (d->ept && !d->default_ept)
		rpmsg_destroy_ept(d->ept);
	d->ept = NULL;
	d->default_ept = NULL;
	d->rpdev = NULL;
	d->removed = true;
	purge(d);
	if (!d->nopen)
		free_dev(d);
}

static int char_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		   sim_time_t t)
{
	(void)ept;
	(void)src;
	struct cdev *d = priv;
	struct rpmsg_chardevs *cd = d->cd;
	if (d->qlen >= RPMSG_CHAR_QUEUE_MAX) {
		if (!d->overflow_logged)
			sim_log_at(cd->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "rpmsg_char",
				   "%s: %d messages queued and unread; dropping until it is read",
				   d->path, RPMSG_CHAR_QUEUE_MAX);
		d->overflow_logged = true;
		return 0;
	}
	struct qmsg *m = malloc(sizeof(*m) + len);
	if (!m) {
		sim_log_at(cd->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "rpmsg_char",
			   "%s: out of memory; message dropped", d->path);
		return 0;
	}
	m->next = NULL;
	m->len = len;
	memcpy(m->data, data, len);
	if (d->qtail)
		d->qtail->next = m;
	else
		d->qhead = m;
	d->qtail = m;
	d->qlen++;
	if (cd->hooks.readable)
		cd->hooks.readable(cd->hooks.ctx, d->path, t);
	return 0;
}

/* --- files --------------------------------------------------------------- */

int rpmsg_char_open(struct rpmsg_chardevs *cd, const char *path, struct rpmsg_file **out,
		    sim_time_t t)
{
	struct cdev *d = lookup(cd, path);
	if (!d)
		return -ENOENT;
	if (d->kind == CDEV_EPT) {
		if (d->nopen)
			return -EBUSY;
		if (d->default_ept) {
			d->ept = d->default_ept;
		} else {
			int err;
			d->ept = rpmsg_create_ept(d->rpdev, char_cb, d, d->info.src, &err);
			if (!d->ept) {
				sim_log_at(cd->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, "rpmsg_char",
					   "failed to open %s: endpoint 0x%x (%d)", d->info.name,
					   d->info.src, err);
				return -EINVAL;
			}
		}
	}
	if (grow((void **)&cd->files, &cd->cap_files, cd->nfiles, sizeof(*cd->files)) < 0)
		goto oom;
	struct rpmsg_file *f = calloc(1, sizeof(*f));
	if (!f)
		goto oom;
	f->dev = d;
	d->nopen++;
	cd->files[cd->nfiles++] = f;
	*out = f;
	return 0;
oom:
	if (d->kind == CDEV_EPT) {
		if (!d->default_ept)
			rpmsg_destroy_ept(d->ept);
		d->ept = NULL;
	}
	return -ENOMEM;
}

void rpmsg_char_close(struct rpmsg_file *f, sim_time_t t)
{
	(void)t;
	rpmsg_char_write_give_up(f);
	struct cdev *d = f->dev;
	struct rpmsg_chardevs *cd = d->cd;
	if (d->kind == CDEV_EPT && !d->removed) {
		if (!d->default_ept)
			rpmsg_destroy_ept(d->ept);
		d->ept = NULL;
		purge(d);
		d->overflow_logged = false;
	}
	d->nopen--;
	if (d->removed && !d->nopen)
		free_dev(d);
	for (unsigned i = 0; i < cd->nfiles; i++) {
		if (cd->files[i] == f) {
			cd->files[i] = cd->files[--cd->nfiles];
			break;
		}
	}
	free(f);
}

long rpmsg_char_write(struct rpmsg_file *f, const void *buf, size_t len, bool nonblock,
		      sim_time_t t)
{
	struct cdev *d = f->dev;
	if (d->kind != CDEV_EPT)
		return -EINVAL;
	if (!d->ept) {
		f->tx_waiting = false;
		return -EPIPE;
	}
	if (f->tx_waiting) {
		/* a sleeping writer woken (or its time up): wait_event's
		 * condition, get_a_tx_buf, looked at once more; still none: it
		 * sleeps on, counted once */
		int rc = rpmsg_send(d->ept, d->info.dst, buf, len, true, t);
		if (rc == -ENOMEM)
			return nonblock ? -EAGAIN : RPMSG_WOULD_BLOCK;
		rpmsg_char_write_give_up(f); /* rpmsg_downref_sleepers */
		return rc ? rc : (long)len;
	}
	int rc = rpmsg_send(d->ept, d->info.dst, buf, len, nonblock, t);
	if (rc == -ENOMEM && nonblock)
		return -EAGAIN;
	if (rc == RPMSG_WOULD_BLOCK)
		f->tx_waiting = true;
	return rc ? rc : (long)len;
}

void rpmsg_char_write_give_up(struct rpmsg_file *f)
{
	if (f->tx_waiting && f->dev->kind == CDEV_EPT && f->dev->ept)
		rpmsg_send_give_up(f->dev->ept);
	f->tx_waiting = false;
}

long rpmsg_char_read(struct rpmsg_file *f, void *buf, size_t len, bool nonblock)
{
	struct cdev *d = f->dev;
	if (d->kind != CDEV_EPT)
		return -EINVAL;
	if (!d->ept)
		return -EPIPE;
	struct qmsg *m = d->qhead;
	if (!m)
		return nonblock ? -EAGAIN : RPMSG_WOULD_BLOCK;
	d->qhead = m->next;
	if (!d->qhead)
		d->qtail = NULL;
	d->qlen--;
	d->overflow_logged = false;
	size_t n = m->len < len ? m->len : len;
	if (n)
		memcpy(buf, m->data, n);
	free(m);
	return (long)n;
}

unsigned rpmsg_char_queued(const struct rpmsg_file *f)
{
	return f->dev->qlen;
}

unsigned rpmsg_char_poll(const struct rpmsg_file *f)
{
	const struct cdev *d = f->dev;
	if (d->kind == CDEV_CTRL)
		return HOST_POLL_DEFAULT; /* rpmsg_ctrldev has no poll */
	/* rpmsg_eptdev_poll */
	if (!d->ept)
		return HOST_POLLERR;
	unsigned mask = 0;
	if (d->qlen)
		mask |= HOST_POLLIN | HOST_POLLRDNORM;
	return mask | rpmsg_poll(d->ept);
}

int rpmsg_char_class_attr(struct rpmsg_chardevs *cd, const char *name, const char *attr, char *out,
			  size_t cap)
{
	char path[RPMSG_CHAR_PATH_LEN + 8];
	snprintf(path, sizeof(path), "/dev/%s", name);
	const struct cdev *d = lookup(cd, path);
	if (!d)
		return -ENOENT;
	int n;
	if (d->kind != CDEV_EPT) /* rpmsg_ctrlN has no attributes of its own */
		return -ENOENT;
	if (strcmp(attr, "name") == 0)
		n = snprintf(out, cap, "%s\n", d->info.name);
	else if (strcmp(attr, "src") == 0)
		n = snprintf(out, cap, "%d\n", (int32_t)d->info.src);
	else if (strcmp(attr, "dst") == 0)
		n = snprintf(out, cap, "%d\n", (int32_t)d->info.dst);
	else
		return -ENOENT;
	return n < 0 ? -EIO : (size_t)n < cap ? n : (int)(cap ? cap - 1 : 0);
}

const char *rpmsg_file_path(const struct rpmsg_file *f)
{
	return f->dev->path;
}

uint32_t rpmsg_file_ept_addr(const struct rpmsg_file *f)
{
	return f->dev->ept ? rpmsg_ept_addr(f->dev->ept) : RPMSG_ADDR_ANY;
}

/* --- ioctls -------------------------------------------------------------- */

int rpmsg_char_ioctl_create_ept(struct rpmsg_file *ctrl, const struct rpmsg_endpoint_info *info,
				int *minor, sim_time_t t)
{
	struct cdev *c = ctrl->dev;
	if (c->kind != CDEV_CTRL)
		return -EINVAL;
	if (c->removed)
		return -ENODEV;
	struct cdev *d = new_dev(c->cd, CDEV_EPT, c->rpdev, t);
	if (!d)
		return -ENOMEM;
	d->info = *info;
	d->info.name[RPMSG_NAME_SIZE - 1] = '\0';
	if (minor)
		*minor = (int)d->num;
	announce(d, t);
	return 0;
}

/* rpmsg_ctrldev_ioctl's RPMSG_CREATE_DEV_IOCTL and RPMSG_RELEASE_DEV_IOCTL:
 * a channel on the ctrl device's transport, which a driver binds like an
 * announced one (and which announces itself when it has a src) */
int rpmsg_char_ioctl_dev(struct rpmsg_file *ctrl, bool create,
			 const struct rpmsg_endpoint_info *info, sim_time_t t)
{
	struct cdev *c = ctrl->dev;
	if (c->kind != CDEV_CTRL)
		return -EINVAL;
	if (c->removed)
		return -ENODEV;
	struct rpmsg_channel_info chinfo = { .src = info->src, .dst = info->dst };
	memcpy(chinfo.name, info->name, RPMSG_NAME_SIZE);
	chinfo.name[RPMSG_NAME_SIZE - 1] = '\0';
	struct rpmsg_chardevs *cd = c->cd;
	if (create) {
		int ret = rpmsg_create_channel(c->rpdev, &chinfo, t);
		if (ret) {
			sim_log_at(cd->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, "rpmsg_ctrl",
				   "failed to create %s channel", chinfo.name);
			return -ENXIO;
		}
		return 0;
	}
	int ret = rpmsg_release_channel(c->rpdev, &chinfo, t);
	if (ret)
		sim_log_at(cd->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, "rpmsg_ctrl",
			   "failed to release %s channel (%d)", chinfo.name, ret);
	return ret;
}

int rpmsg_char_ioctl_destroy_ept(struct rpmsg_file *f, sim_time_t t)
{
	struct cdev *d = f->dev;
	if (d->kind != CDEV_EPT || d->default_ept)
		return -EINVAL;
	if (d->removed)
		return -ENODEV;
	remove_dev(d, t);
	return 0;
}

/* --- the ctrl driver (rpmsg_ctrl.c) -------------------------------------- */

/* rpmsg_ctrldev_probe */
static int ctrl_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	struct rpmsg_chardevs *cd = rpmsg_channel_driver_ctx(ch);
	struct cdev *c = cd ? new_dev(cd, CDEV_CTRL, ch, t) : NULL;
	if (!c) {
		if (cd)
			sim_log_at(cd->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "rpmsg_char",
				   "out of memory creating the ctrl device of %s",
				   rpmsg_channel_parent(ch));
		return -ENOMEM;
	}
	rpmsg_channel_set_drvdata(ch, c);
	announce(c, t);
	return 0;
}

/* rpmsg_ctrldev_remove: the endpoint devices its ioctl made, then itself */
static void ctrl_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	struct cdev *c = rpmsg_channel_drvdata(ch);
	rpmsg_channel_set_drvdata(ch, NULL);
	if (!c)
		return;
	struct rpmsg_chardevs *cd = c->cd;
	/* in creation order; restart the scan after each removal since it
	 * may free a device */
	for (bool again = true; again;) {
		again = false;
		for (unsigned i = 0; i < cd->ndevs; i++) {
			struct cdev *d = cd->devs[i];
			if (!d->removed && d->kind == CDEV_EPT && d->rpdev == ch) {
				remove_dev(d, t);
				again = true;
				break;
			}
		}
	}
	remove_dev(c, t);
}

const struct rpmsg_driver rpmsg_ctrl_driver = {
	.name = "rpmsg_ctrl",
	.probe = ctrl_probe,
	.remove = ctrl_remove,
};

/* --- the rpmsg-raw driver (rpmsg_char.c) ---------------------------------- */

static int raw_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	struct rpmsg_chardevs *cd = rpmsg_channel_driver_ctx(ch);
	if (!cd)
		return -ENODEV;
	struct cdev *d = new_dev(cd, CDEV_EPT, ch, t);
	if (!d)
		return -ENOMEM;
	snprintf(d->info.name, sizeof(d->info.name), "%s", rpmsg_channel_name(ch));
	d->info.src = rpmsg_channel_src(ch);
	d->info.dst = rpmsg_channel_dst(ch);
	d->default_ept = rpmsg_channel_ept(ch);
	rpmsg_ept_set_cb(d->default_ept, char_cb, d);
	rpmsg_channel_set_drvdata(ch, d);
	announce(d, t);
	return 0;
}

static void raw_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	struct cdev *d = rpmsg_channel_drvdata(ch);
	rpmsg_channel_set_drvdata(ch, NULL);
	if (d)
		remove_dev(d, t);
}

/* Until probe repoints it, the endpoint's priv is the channel: drop. */
static int raw_cb_unbound(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src,
			  void *priv, sim_time_t t)
{
	(void)ept, (void)data, (void)len, (void)src, (void)priv, (void)t;
	return 0;
}

static const struct rpmsg_device_id raw_ids[] = {
	{ "rpmsg-raw" },
	{ "rpmsg_chrdev" }, /* what RPMSG_CREATE_DEV_IOCTL asks for */
	{ NULL },
};

const struct rpmsg_driver rpmsg_char_driver = {
	.name = "rpmsg_chrdev",
	.id_table = raw_ids,
	.probe = raw_probe,
	.remove = raw_remove,
	.callback = raw_cb_unbound,
};

/* --- snapshots ----------------------------------------------------------- */

/* How a device reaches its endpoint. */
enum { EPT_NONE = 0, EPT_DEFAULT = 1, EPT_OWN = 2 };
#define CHARDEVS_SNAP_MAX 4096

int rpmsg_chardevs_save(struct rpmsg_chardevs *cd, struct snap_writer *w)
{
	snap_begin(w, "chardevs");
	snap_put_u32(w, cd->ndevs);
	for (unsigned i = 0; i < cd->ndevs; i++) {
		const struct cdev *d = cd->devs[i];
		snap_put_u8(w, (uint8_t)d->kind);
		snap_put_u32(w, d->num);
		snap_put_str(w, d->rpdev ? rpmsg_channel_devname(d->rpdev) : "");
		snap_put_bool(w, d->removed);
		snap_put_u32(w, d->nopen);
		snap_put_str(w, d->info.name);
		snap_put_u32(w, d->info.src);
		snap_put_u32(w, d->info.dst);
		uint8_t how = !d->ept ? EPT_NONE : d->ept == d->default_ept ? EPT_DEFAULT : EPT_OWN;
		snap_put_bool(w, d->default_ept != NULL);
		snap_put_u8(w, how);
		snap_put_u32(w, how == EPT_OWN ? rpmsg_ept_addr(d->ept) : 0);
		snap_put_bool(w, d->overflow_logged);
		snap_put_u32(w, d->qlen);
		for (const struct qmsg *m = d->qhead; m; m = m->next) {
			snap_put_u32(w, (uint32_t)m->len);
			snap_put_bytes(w, m->data, m->len);
		}
	}
	snap_put_u32(w, cd->nfiles);
	for (unsigned i = 0; i < cd->nfiles; i++) {
		unsigned k = 0;
		while (k < cd->ndevs && cd->devs[k] != cd->files[i]->dev)
			k++;
		snap_put_u32(w, k);
		snap_put_bool(w, cd->files[i]->tx_waiting);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

static struct cdev *restore_dev(struct rpmsg_chardevs *cd, struct rpmsg_bus *bus,
				struct snap_reader *r)
{
	uint8_t kind = snap_get_u8(r);
	uint32_t num = snap_get_count(r, CHARDEVS_SNAP_MAX, "a device number");
	char devname[RPMSG_DEVNAME_LEN];
	snap_get_str(r, devname, sizeof(devname));
	bool removed = snap_get_bool(r);
	uint32_t nopen = snap_get_count(r, CHARDEVS_SNAP_MAX, "a device's open count");
	struct rpmsg_endpoint_info info;
	memset(&info, 0, sizeof(info));
	snap_get_str(r, info.name, sizeof(info.name));
	info.src = snap_get_u32(r);
	info.dst = snap_get_u32(r);
	bool has_default = snap_get_bool(r);
	uint8_t how = snap_get_u8(r);
	uint32_t addr = snap_get_u32(r);
	bool overflow = snap_get_bool(r);
	if (r->failed)
		return NULL;
	if (kind > CDEV_EPT || how > EPT_OWN || (kind == CDEV_CTRL && (has_default || how)) ||
	    (removed && (devname[0] || how || has_default)) || (!removed && !devname[0]) ||
	    (how == EPT_DEFAULT && !has_default)) {
		snap_fail(r, "rpmsg char device %u: kind %u, endpoint %u, removed %d do not go together",
			  num, kind, how, removed);
		return NULL;
	}
	struct rpmsg_channel *ch = devname[0] ? rpmsg_bus_find(bus, devname) : NULL;
	if (devname[0] && !ch) {
		snap_fail(r, "rpmsg char device %u belongs to channel %s, which is not there", num, devname);
		return NULL;
	}
	/* the channel's driver must be the one that made such a device */
	const struct rpmsg_driver *drv = ch ? rpmsg_channel_driver(ch) : NULL;
	if (ch && ((kind == CDEV_CTRL && drv != &rpmsg_ctrl_driver) ||
		   (kind == CDEV_EPT && has_default && drv != &rpmsg_char_driver) ||
		   (kind == CDEV_EPT && !has_default && drv != &rpmsg_ctrl_driver))) {
		snap_fail(r, "rpmsg char device %u: channel %s is not bound to the driver that made it",
			  num, devname);
		return NULL;
	}
	if (grow((void **)&cd->devs, &cd->cap_devs, cd->ndevs, sizeof(*cd->devs)) < 0) {
		snap_fail(r, "out of memory");
		return NULL;
	}
	struct cdev *d = calloc(1, sizeof(*d));
	if (!d) {
		snap_fail(r, "out of memory");
		return NULL;
	}
	d->cd = cd;
	d->kind = (enum cdev_kind)kind;
	d->num = num;
	snprintf(d->path, sizeof(d->path), kind == CDEV_CTRL ? "/dev/rpmsg_ctrl%u" : "/dev/rpmsg%u", num);
	d->rpdev = ch;
	d->removed = removed;
	d->info = info;
	d->overflow_logged = overflow;
	cd->devs[cd->ndevs++] = d;
	(void)nopen; /* counted again from the files */
	if (has_default) {
		d->default_ept = rpmsg_channel_ept(ch);
		if (!d->default_ept) {
			snap_fail(r, "%s: its channel %s has no endpoint", d->path, devname);
			return NULL;
		}
		rpmsg_ept_set_cb(d->default_ept, char_cb, d);
	}
	if (how == EPT_DEFAULT) {
		d->ept = d->default_ept;
	} else if (how == EPT_OWN) {
		d->ept = rpmsg_channel_find_ept(ch, addr);
		if (!d->ept || d->ept == d->default_ept) {
			snap_fail(r, "%s: its endpoint 0x%x is not there", d->path, addr);
			return NULL;
		}
		rpmsg_ept_set_cb(d->ept, char_cb, d);
	}
	if (ch && !removed && (kind == CDEV_CTRL || has_default))
		rpmsg_channel_set_drvdata(ch, d);
	uint32_t qlen = snap_get_count(r, RPMSG_CHAR_QUEUE_MAX + 1, "a receive queue's length");
	for (uint32_t i = 0; i < qlen && !r->failed; i++) {
		uint32_t len = snap_get_count(r, 65536, "a queued message's length");
		struct qmsg *m = r->failed ? NULL : malloc(sizeof(*m) + len);
		if (!m) {
			snap_fail(r, "out of memory");
			break;
		}
		m->next = NULL;
		m->len = len;
		snap_get_bytes(r, m->data, len);
		if (d->qtail)
			d->qtail->next = m;
		else
			d->qhead = m;
		d->qtail = m;
		d->qlen++;
	}
	return d;
}

int rpmsg_chardevs_restore(struct rpmsg_chardevs *cd, struct rpmsg_bus *bus, struct snap_reader *r)
{
	if (cd->ndevs || cd->nfiles) {
		snap_fail(r, "rpmsg char devices restored over live ones");
		return -1;
	}
	snap_enter(r, "chardevs");
	uint32_t ndevs = snap_get_count(r, CHARDEVS_SNAP_MAX, "the number of rpmsg char devices");
	for (uint32_t i = 0; i < ndevs && !r->failed; i++) {
		struct cdev *d = restore_dev(cd, bus, r);
		for (unsigned k = 0; d && k + 1 < cd->ndevs; k++)
			if (!cd->devs[k]->removed && !d->removed && cd->devs[k]->kind == d->kind &&
			    cd->devs[k]->num == d->num)
				snap_fail(r, "%s twice", d->path);
	}
	uint32_t nfiles = snap_get_count(r, CHARDEVS_SNAP_MAX, "the number of open rpmsg files");
	for (uint32_t i = 0; i < nfiles && !r->failed; i++) {
		uint32_t k = snap_get_count(r, cd->ndevs, "an open file's device");
		bool tx_waiting = snap_get_bool(r);
		if (r->failed)
			break;
		struct cdev *d = cd->devs[k];
		if (d->kind == CDEV_EPT && d->nopen) {
			snap_fail(r, "%s is open twice", d->path);
			break;
		}
		struct rpmsg_file *f = NULL;
		if (grow((void **)&cd->files, &cd->cap_files, cd->nfiles, sizeof(*cd->files)) < 0 ||
		    !(f = calloc(1, sizeof(*f)))) {
			snap_fail(r, "out of memory");
			break;
		}
		f->dev = d;
		f->tx_waiting = tx_waiting;
		d->nopen++;
		cd->files[cd->nfiles++] = f;
	}
	snap_leave(r);
	/* a removed device lives only while a file holds it */
	for (unsigned i = 0; i < cd->ndevs && !r->failed; i++)
		if (cd->devs[i]->removed && !cd->devs[i]->nopen)
			snap_fail(r, "%s was removed and is not open", cd->devs[i]->path);
	return r->failed ? -1 : 0;
}

void rpmsg_chardevs_discard(struct rpmsg_chardevs *cd)
{
	for (unsigned i = 0; i < cd->ndevs; i++) {
		purge(cd->devs[i]);
		free(cd->devs[i]);
	}
	for (unsigned i = 0; i < cd->nfiles; i++)
		free(cd->files[i]);
	cd->ndevs = cd->nfiles = 0;
}

int rpmsg_chardevs_file_index(const struct rpmsg_chardevs *cd, const struct rpmsg_file *f)
{
	for (unsigned i = 0; i < cd->nfiles; i++)
		if (cd->files[i] == f)
			return (int)i;
	return -1;
}

struct rpmsg_file *rpmsg_chardevs_file(const struct rpmsg_chardevs *cd, unsigned i)
{
	return i < cd->nfiles ? cd->files[i] : NULL;
}
