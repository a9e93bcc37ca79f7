/* The host's user-space interface: sysfs, debugfs and devcoredump files by
 * path (remoteproc_sysfs.c, remoteproc_debugfs.c, devcoredump's data
 * file), and the /dev files of the rpmsg char devices. */
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

/* "<prefix>N/FILE" with N decimal without leading zeros: 0 and the parts,
 * or -ENOENT for any other path. */
static int parse(const char *path, enum fs_dir *dir, unsigned *n, const char **file)
{
	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		size_t plen = strlen(dirs[k].prefix);
		if (strncmp(path, dirs[k].prefix, plen) != 0)
			continue;
		const char *p = path + plen;
		unsigned long v = 0;
		size_t digits = 0;
		for (; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
			v = v * 10 + (unsigned long)(*p - '0');
		if (digits == 0 || (digits > 1 && path[plen] == '0') || *p != '/')
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

int host_write_file(struct host *h, const char *path, const char *buf, size_t len, sim_time_t t)
{
	enum fs_dir dir;
	unsigned n;
	const char *file;
	if (strcmp(path, RPMSG_SAMPLE_PARAM_COUNT) == 0)
		return rpmsg_sample_param_write(&h->sample, buf, len);
	if (parse(path, &dir, &n, &file) != 0)
		return -ENOENT;
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
	if (strcmp(path, RPMSG_SAMPLE_PARAM_COUNT) == 0)
		return rpmsg_sample_param_read(&h->sample, out, cap);
	if (parse(path, &dir, &n, &file) != 0)
		return -ENOENT;
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

int host_open(struct host *h, const char *path, struct host_file **out, sim_time_t t)
{
	struct host_file *hf = calloc(1, sizeof(*hf));
	if (!hf)
		return -ENOMEM;
	int ret = rpmsg_char_open(h->chardevs, path, &hf->f, t);
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
	rpmsg_char_close(f->f, t);
	free(f);
}

void host_files_free(struct host *h)
{
	while (h->files)
		host_close(h->files, h->sim->now);
}

long host_write(struct host_file *f, const void *buf, size_t len, bool nonblock, sim_time_t t)
{
	return rpmsg_char_write(f->f, buf, len, nonblock, t);
}

long host_read(struct host_file *f, void *buf, size_t len, bool nonblock)
{
	return rpmsg_char_read(f->f, buf, len, nonblock);
}

unsigned host_poll(const struct host_file *f)
{
	return rpmsg_char_queued(f->f);
}

int host_ioctl_create_ept(struct host_file *f, const struct rpmsg_endpoint_info *info, int *minor,
			  sim_time_t t)
{
	return rpmsg_char_ioctl_create_ept(f->f, info, minor, t);
}

int host_ioctl_destroy_ept(struct host_file *f, sim_time_t t)
{
	return rpmsg_char_ioctl_destroy_ept(f->f, t);
}

bool host_dev_exists(struct host *h, const char *path)
{
	return rpmsg_char_exists(h->chardevs, path);
}
