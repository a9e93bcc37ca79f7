/* The host's user-space interface: sysfs, debugfs and devcoredump files by
 * path (remoteproc_sysfs.c, remoteproc_debugfs.c, devcoredump's data file,
 * the rpmsg bus's and class's attributes, a module parameter), and the
 * /dev files of the rpmsg char devices, the rpmsg ttys and the remoteproc
 * cdevs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/host_internal.h"

enum fs_dir { FS_SYSFS, FS_DEBUGFS, FS_DEVCD };

static const struct {
	const char *prefix;
	enum fs_dir dir;
} dirs[] = {
	{ "/sys/class/remoteproc/remoteproc", FS_SYSFS },
	{ "/sys/kernel/debug/remoteproc/remoteproc", FS_DEBUGFS },
	{ "/sys/class/devcoredump/devcd", FS_DEVCD },
};

/* N after a prefix: decimal without leading zeros; the rest in *rest.
 * -1 when malformed. */
static long number(const char *p, const char **rest)
{
	unsigned long v = 0;
	size_t digits = 0;
	const char *s = p;
	for (; *s >= '0' && *s <= '9' && digits < 9; s++, digits++)
		v = v * 10 + (unsigned long)(*s - '0');
	if (digits == 0 || (digits > 1 && p[0] == '0'))
		return -1;
	*rest = s;
	return (long)v;
}

/* "<prefix>N/FILE": 0 and the parts, or -ENOENT for any other path. */
static int parse(const char *path, enum fs_dir *dir, unsigned *n, const char **file)
{
	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		size_t plen = strlen(dirs[k].prefix);
		if (strncmp(path, dirs[k].prefix, plen) != 0)
			continue;
		const char *p;
		long v = number(path + plen, &p);
		if (v < 0 || *p != '/')
			return -ENOENT;
		*dir = dirs[k].dir;
		*n = (unsigned)v;
		*file = p + 1;
		return 0;
	}
	return -ENOENT;
}

static struct rproc *remote(struct host *h, unsigned n)
{
	return n < h->nremotes ? h->remotes[n].rproc : NULL;
}

/* "<prefix>NAME/ATTR" with NAME free of '/': copies NAME, points at ATTR. */
static bool split(const char *path, const char *prefix, char *name, size_t cap,
		  const char **attr)
{
	size_t plen = strlen(prefix);
	if (strncmp(path, prefix, plen) != 0)
		return false;
	const char *slash = strchr(path + plen, '/');
	if (!slash || slash == path + plen || (size_t)(slash - path - plen) >= cap ||
	    strchr(slash + 1, '/'))
		return false;
	memcpy(name, path + plen, (size_t)(slash - path - plen));
	name[slash - path - plen] = '\0';
	*attr = slash + 1;
	return true;
}

#define BUS_DEVICES "/sys/bus/rpmsg/devices/"
#define BUS_DRIVERS "/sys/bus/rpmsg/drivers/"
#define BUS_PROBE "/sys/bus/rpmsg/drivers_probe"
#define CLASS_RPMSG "/sys/class/rpmsg/"

/* The rpmsg bus and class files; -ENOENT when path is none of them. */
static int rpmsg_file_write(struct host *h, const char *path, const char *buf, size_t len,
			    sim_time_t t)
{
	char name[RPMSG_DEVNAME_LEN];
	const char *attr;
	if (strcmp(path, RPMSG_SAMPLE_PARAM_COUNT) == 0)
		return rpmsg_sample_param_write(&h->sample, buf, len);
	if (strcmp(path, BUS_PROBE) == 0)
		return rpmsg_bus_drivers_probe(h->rpmsg_bus, buf, len, t);
	if (split(path, BUS_DEVICES, name, sizeof(name), &attr))
		return rpmsg_bus_attr_write(h->rpmsg_bus, name, attr, buf, len);
	if (split(path, BUS_DRIVERS, name, sizeof(name), &attr) &&
	    rpmsg_bus_has_driver(h->rpmsg_bus, name)) {
		if (strcmp(attr, "bind") == 0 || strcmp(attr, "unbind") == 0)
			return rpmsg_bus_bind(h->rpmsg_bus, name, attr[0] == 'b', buf, len, t);
		return -ENOENT;
	}
	if (split(path, CLASS_RPMSG, name, sizeof(name), &attr)) {
		char tmp[8];
		return rpmsg_char_class_attr(h->chardevs, name, attr, tmp, sizeof(tmp)) >= 0
			       ? -EACCES
			       : -ENOENT;
	}
	return -ENOENT;
}

static int rpmsg_file_read(struct host *h, const char *path, char *out, size_t cap)
{
	char name[RPMSG_DEVNAME_LEN];
	const char *attr;
	if (strcmp(path, RPMSG_SAMPLE_PARAM_COUNT) == 0)
		return rpmsg_sample_param_read(&h->sample, out, cap);
	if (strcmp(path, BUS_PROBE) == 0)
		return -EACCES; /* 0200 */
	if (split(path, BUS_DEVICES, name, sizeof(name), &attr))
		return rpmsg_bus_attr_read(h->rpmsg_bus, name, attr, out, cap);
	if (split(path, BUS_DRIVERS, name, sizeof(name), &attr) &&
	    rpmsg_bus_has_driver(h->rpmsg_bus, name))
		return strcmp(attr, "bind") == 0 || strcmp(attr, "unbind") == 0 ? -EACCES : -ENOENT;
	if (split(path, CLASS_RPMSG, name, sizeof(name), &attr))
		return rpmsg_char_class_attr(h->chardevs, name, attr, out, cap);
	return -ENOENT;
}

int host_write_file(struct host *h, const char *path, const char *buf, size_t len, sim_time_t t)
{
	enum fs_dir dir;
	unsigned n;
	const char *file;
	if (parse(path, &dir, &n, &file) != 0)
		return rpmsg_file_write(h, path, buf, len, t);
	if (dir == FS_DEVCD) {
		/* devcd_data_write: any write releases the dump */
		if (strcmp(file, "data") != 0)
			return -ENOENT;
		for (unsigned i = 0; i < h->nremotes; i++)
			if (rproc_devcd_release(h->remotes[i].rproc, n, t) == 0)
				return 0;
		return -ENOENT;
	}
	struct rproc *rp = remote(h, n);
	if (!rp)
		return -ENOENT;
	return dir == FS_SYSFS ? rproc_sysfs_write(rp, file, buf, len, t)
			       : rproc_debugfs_write(rp, file, buf, len, t);
}

int host_read_file(struct host *h, const char *path, char *out, size_t cap)
{
	enum fs_dir dir;
	unsigned n;
	const char *file;
	if (parse(path, &dir, &n, &file) != 0)
		return rpmsg_file_read(h, path, out, cap);
	if (dir == FS_DEVCD) {
		if (strcmp(file, "data") != 0)
			return -ENOENT;
		for (unsigned i = 0; i < h->nremotes; i++) {
			if (rproc_devcd_read(h->remotes[i].rproc, n) == 0) {
				if (cap)
					out[0] = '\0';
				return 0;
			}
		}
		return -ENOENT;
	}
	struct rproc *rp = remote(h, n);
	if (!rp)
		return -ENOENT;
	return dir == FS_SYSFS ? rproc_sysfs_read(rp, file, out, cap)
			       : rproc_debugfs_read(rp, file, out, cap);
}

/* --- /dev ------------------------------------------------------------------ */

#define RPROC_CDEV "/dev/remoteproc"

/* remoteprocN of a /dev/remoteprocN path, NULL if none */
static struct rproc *rproc_cdev(struct host *h, const char *path)
{
	const char *rest;
	if (strncmp(path, RPROC_CDEV, strlen(RPROC_CDEV)) != 0)
		return NULL;
	long n = number(path + strlen(RPROC_CDEV), &rest);
	return n >= 0 && !*rest ? remote(h, (unsigned)n) : NULL;
}

static bool is_tty(const char *path)
{
	return strncmp(path, RPMSG_TTY_PREFIX, strlen(RPMSG_TTY_PREFIX)) == 0;
}

int host_open(struct host *h, const char *path, struct host_file **out, sim_time_t t)
{
	struct host_file *hf = calloc(1, sizeof(*hf));
	if (!hf)
		return -ENOMEM;
	int ret = 0;
	if ((hf->rproc = rproc_cdev(h, path))) {
		hf->kind = HOST_FILE_RPROC;
	} else if (strncmp(path, RPROC_CDEV, strlen(RPROC_CDEV)) == 0) {
		ret = -ENOENT;
	} else if (is_tty(path)) {
		hf->kind = HOST_FILE_TTY;
		ret = rpmsg_tty_open(h->ttys, path, &hf->tty, t);
	} else {
		hf->kind = HOST_FILE_RPMSG;
		ret = rpmsg_char_open(h->chardevs, path, &hf->f, t);
	}
	if (ret < 0) {
		free(hf);
		return ret;
	}
	hf->host = h;
	hf->next = h->files;
	h->files = hf;
	*out = hf;
	return 0;
}

void host_close(struct host_file *f, sim_time_t t)
{
	struct host *h = f->host;
	for (struct host_file **p = &h->files; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			break;
		}
	}
	switch (f->kind) {
	case HOST_FILE_RPMSG: rpmsg_char_close(f->f, t); break;
	case HOST_FILE_TTY: rpmsg_tty_close(f->tty, t); break;
	case HOST_FILE_RPROC: rproc_cdev_release(f->rproc, t); break;
	}
	free(f);
}

void host_files_free(struct host *h)
{
	while (h->files)
		host_close(h->files, h->sim->now);
}

long host_write(struct host_file *f, const void *buf, size_t len, bool nonblock, sim_time_t t)
{
	if (f->kind == HOST_FILE_RPROC)
		return rproc_cdev_write(f->rproc, buf, len, t);
	if (f->kind == HOST_FILE_TTY)
		return rpmsg_tty_write(f->tty, buf, len, t);
	/* rpmsg_send_offchannel_raw: wait_event_interruptible_timeout(...,
	 * 15 s), which looks for a buffer once more when the time is up, then
	 * rpmsg_downref_sleepers and "timeout waiting for a tx buffer",
	 * -ERESTARTSYS */
	bool expired = f->write_waiting && t >= simtime_add(f->write_since, HOST_SEND_TIMEOUT);
	long ret = rpmsg_char_write(f->f, buf, len, nonblock, t);
	if (expired && ret == RPMSG_WOULD_BLOCK) {
		f->write_waiting = false;
		rpmsg_char_write_give_up(f->f);
		sim_log_at(f->host->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_file_path(f->f),
			   "timeout waiting for a tx buffer");
		return -HOST_ERESTARTSYS;
	}
	if (ret != RPMSG_WOULD_BLOCK) {
		f->write_waiting = false;
		return ret;
	}
	if (!f->write_waiting) {
		f->write_waiting = true;
		f->write_since = t;
	}
	return RPMSG_WOULD_BLOCK;
}

sim_time_t host_write_deadline(const struct host_file *f)
{
	return f->write_waiting ? simtime_add(f->write_since, HOST_SEND_TIMEOUT) : 0;
}

long host_read(struct host_file *f, void *buf, size_t len, bool nonblock)
{
	switch (f->kind) {
	case HOST_FILE_RPMSG: return rpmsg_char_read(f->f, buf, len, nonblock);
	case HOST_FILE_TTY: return rpmsg_tty_read(f->tty, buf, len, nonblock);
	case HOST_FILE_RPROC: break;
	}
	return -EINVAL; /* rproc_fops has no read */
}

unsigned host_poll(const struct host_file *f)
{
	switch (f->kind) {
	case HOST_FILE_RPMSG: return rpmsg_char_poll(f->f);
	case HOST_FILE_TTY: return rpmsg_tty_poll(f->tty);
	case HOST_FILE_RPROC: break;
	}
	return HOST_POLL_DEFAULT; /* rproc_fops has no poll */
}

/* an ioctl a file's driver does not know: rpmsg's and remoteproc's say
 * -EINVAL, a tty's line discipline -ENOTTY */
static int unknown_ioctl(const struct host_file *f)
{
	return f->kind == HOST_FILE_TTY ? -ENOTTY : -EINVAL;
}

int host_ioctl_create_ept(struct host_file *f, const struct rpmsg_endpoint_info *info, int *minor,
			  sim_time_t t)
{
	if (f->kind != HOST_FILE_RPMSG)
		return unknown_ioctl(f);
	return rpmsg_char_ioctl_create_ept(f->f, info, minor, t);
}

int host_ioctl_destroy_ept(struct host_file *f, sim_time_t t)
{
	if (f->kind != HOST_FILE_RPMSG)
		return unknown_ioctl(f);
	return rpmsg_char_ioctl_destroy_ept(f->f, t);
}

int host_ioctl_dev(struct host_file *f, bool create, const struct rpmsg_endpoint_info *info,
		   sim_time_t t)
{
	if (f->kind != HOST_FILE_RPMSG)
		return unknown_ioctl(f);
	return rpmsg_char_ioctl_dev(f->f, create, info, t);
}

int host_ioctl_shutdown_on_release(struct host_file *f, bool set, int32_t *val)
{
	if (f->kind != HOST_FILE_RPROC)
		return unknown_ioctl(f);
	return rproc_cdev_ioctl_shutdown_on_release(f->rproc, set, val);
}

int host_tty_set_raw(struct host_file *f, bool raw)
{
	if (f->kind != HOST_FILE_TTY)
		return -ENOTTY;
	return rpmsg_tty_set_raw(f->tty, raw);
}

bool host_dev_exists(struct host *h, const char *path)
{
	return rproc_cdev(h, path) || rpmsg_tty_exists(h->ttys, path) ||
	       rpmsg_char_exists(h->chardevs, path);
}
