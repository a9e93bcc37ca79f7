/* /dev/remoteprocN, after Linux's remoteproc_cdev.c: the remote processor
 * controlled through a character device instead of sysfs. */
#include <errno.h>
#include <string.h>

#include "models/host/rproc_internal.h"

/* rproc_cdev_write: at most 10 bytes, compared with strncmp over the
 * length written, so "start" and its prefixes ("st") start, "start\n"
 * (what echo writes) does not. */
long rproc_cdev_write(struct rproc *rproc, const char *buf, size_t len, sim_time_t t)
{
	char cmd[10];
	if (!len || len > sizeof(cmd))
		return -EINVAL;
	memcpy(cmd, buf, len);
	int ret;
	if (!strncmp(cmd, "start", len)) {
		ret = rproc_boot(rproc, t);
	} else if (!strncmp(cmd, "stop", len)) {
		ret = rproc_shutdown(rproc, t);
	} else if (!strncmp(cmd, "detach", len)) {
		ret = rproc_detach(rproc, t);
	} else {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "Unrecognized option");
		ret = -EINVAL;
	}
	return ret ? ret : (long)len;
}

int rproc_cdev_ioctl_shutdown_on_release(struct rproc *rproc, bool set, int32_t *val)
{
	if (set)
		rproc->cdev_put_on_release = *val != 0;
	else
		*val = rproc->cdev_put_on_release;
	return 0;
}

/* rproc_cdev_release: "'release' only makes sense for a remote processor
 * that was started by Linux": shut down, or detached when attached */
int rproc_cdev_release(struct rproc *rproc, sim_time_t t)
{
	if (!rproc->cdev_put_on_release)
		return 0;
	if (rproc->state == RPROC_RUNNING)
		return rproc_shutdown(rproc, t);
	if (rproc->state == RPROC_ATTACHED)
		return rproc_detach(rproc, t);
	return 0;
}
