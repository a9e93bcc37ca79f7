/* What a step names: sysfs and debugfs attribute paths, /dev/rpmsg
 * devices, remote processors, errnos and remoteproc states, each checked
 * against what exists on the platform and what Linux accepts. */
#include "sim/scenario/scenario_operands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"

static const struct { const char *name; int value; } errnos[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EINTR", EINTR }, { "EIO", EIO },
	{ "ENXIO", ENXIO }, { "ENOEXEC", ENOEXEC }, { "EBADF", EBADF },
	{ "EAGAIN", EAGAIN }, { "EWOULDBLOCK", EAGAIN }, { "ENOMEM", ENOMEM },
	{ "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY },
	{ "EEXIST", EEXIST }, { "ENODEV", ENODEV }, { "EINVAL", EINVAL },
	{ "ENOSPC", ENOSPC }, { "EPIPE", EPIPE }, { "ERANGE", ERANGE },
	{ "ENOSYS", ENOSYS }, { "ENOTTY", ENOTTY }, { "EPROTO", EPROTO },
	{ "EMSGSIZE", EMSGSIZE }, { "EOPNOTSUPP", EOPNOTSUPP },
	{ "ENOTCONN", ENOTCONN }, { "ESHUTDOWN", ESHUTDOWN },
	{ "ECONNRESET", ECONNRESET }, { "ETIMEDOUT", ETIMEDOUT },
	{ "ENAMETOOLONG", ENAMETOOLONG }, { "ENETRESET", ENETRESET },
	/* what a syscall interrupted or timed out inside the kernel returns
	 * when no signal restarts it (rpmsg_send's 15 s) */
	{ "ERESTARTSYS", 512 },
};

/* The attributes a scenario may name, as models/host/rproc_sysfs.c has them */
static const char *const sysfs_attrs[] = { "state", "firmware", "recovery", "coredump", "name", NULL };
static const char *const devcd_attrs[] = { "data", NULL };
static const char *const debugfs_attrs[] = {
	"crash", "trace0", "trace1", "trace2", "trace3", "resource_table",
	"carveout_memories", NULL,
};

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The remoteproc states by their sysfs names, from the one table of them
 * (sim/core/record.c, which the host model's rproc_state_name uses too);
 * "invalid", what Linux prints past the last state, counts as one. */
bool sj_is_state_name(const char *s)
{
	for (unsigned st = 0; st <= RECORD_RPROC_NSTATES; st++)
		if (strcmp(s, record_rproc_state_name(st)) == 0)
			return true;
	return false;
}

void sj_state_list(char *buf, size_t len)
{
	const char *names[RECORD_RPROC_NSTATES + 1];
	for (unsigned st = 0; st <= RECORD_RPROC_NSTATES; st++)
		names[st] = record_rproc_state_name(st);
	sj_join_words(buf, len, names, RECORD_RPROC_NSTATES + 1, "", ", ");
}

/* Decimal without sign or leading zeros, at most max; -1 if malformed. */
static long parse_index(const char *s, long max)
{
	if (!s[0] || (s[0] == '0' && s[1]))
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

void sj_parse_errno(struct sj *j, const cJSON *st, const char *path, struct scenario_step *out)
{
	const cJSON *v = get(st, "expect_errno");
	if (!v)
		return;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, "expect_errno");
	if (cJSON_IsString(v)) {
		for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++) {
			if (strcmp(v->valuestring, errnos[i].name) == 0) {
				out->expect_errno = errnos[i].value;
				out->expect_errno_name = sj_strdup(errnos[i].name);
				return;
			}
		}
		sj_err(j, kp, "unknown errno \"%s\" (e.g. \"EINVAL\", \"EBUSY\", \"EMSGSIZE\", "
		       "\"EAGAIN\", \"ENODEV\", or a number)", v->valuestring);
		return;
	}
	uint64_t n;
	if (cJSON_IsNumber(v)) {
		if (sj_uint_value(j, v, kp, 1, 4095, &n) > 0) {
			out->expect_errno = (int)n;
			char name[16];
			snprintf(name, sizeof(name), "%d", (int)n);
			out->expect_errno_name = sj_strdup(name);
		}
		return;
	}
	sj_type_err(j, kp, "an errno name such as \"EINVAL\" or a number", v);
}

/* The rpmsg files: what each accepts (r, w) and whether it names a
 * device or driver in its middle (the one name known only at run time). */
static const struct {
	const char *prefix, *attr;
	bool named, r, w;
} rpmsg_files[] = {
	{ "/sys/module/rpmsg_client_sample/parameters/count", "", false, true, true },
	{ "/sys/bus/rpmsg/drivers_probe", "", false, false, true },
	{ "/sys/bus/rpmsg/devices/", "name", true, true, false },
	{ "/sys/bus/rpmsg/devices/", "src", true, true, false },
	{ "/sys/bus/rpmsg/devices/", "dst", true, true, false },
	{ "/sys/bus/rpmsg/devices/", "announce", true, true, false },
	{ "/sys/bus/rpmsg/devices/", "modalias", true, true, false },
	{ "/sys/bus/rpmsg/devices/", "driver_override", true, true, true },
	{ "/sys/bus/rpmsg/drivers/", "bind", true, false, true },
	{ "/sys/bus/rpmsg/drivers/", "unbind", true, false, true },
	{ "/sys/class/rpmsg/", "name", true, true, false },
	{ "/sys/class/rpmsg/", "src", true, true, false },
	{ "/sys/class/rpmsg/", "dst", true, true, false },
};

/* One of rpmsg_files: 1 (filled), 0 (not an rpmsg path), -1 (refused). */
static int rpmsg_attr_path(struct sj *j, const char *path, const char *file,
			   struct scenario_step *st, bool writing)
{
	const size_t n = sizeof(rpmsg_files) / sizeof(rpmsg_files[0]);
	bool family = false;
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(rpmsg_files[i].prefix);
		if (strncmp(file, rpmsg_files[i].prefix, plen) != 0)
			continue;
		family = true;
		const char *attr = file + plen;
		if (rpmsg_files[i].named) {
			const char *slash = strchr(attr, '/');
			if (!slash || slash == attr || strcmp(slash + 1, rpmsg_files[i].attr) != 0)
				continue;
			attr = slash + 1;
		} else if (*attr) {
			continue;
		}
		if (!st->expect_errno && (writing ? !rpmsg_files[i].w : !rpmsg_files[i].r)) {
			sj_err(j, path, "\"%s\" is %s", file, writing ? "read-only" : "write-only");
			return -1;
		}
		st->u.attr.dir = SCENARIO_ATTR_RPMSG;
		st->u.attr.file = sj_strdup(file);
		st->u.attr.attr = sj_strdup(attr);
		return 1;
	}
	if (!family)
		return 0;
	sj_err(j, path, "\"%s\" is not an rpmsg attribute: expected /sys/bus/rpmsg/devices/DEV/"
	       "{name,src,dst,announce,modalias,driver_override}, /sys/bus/rpmsg/drivers/DRV/"
	       "{bind,unbind}, /sys/bus/rpmsg/drivers_probe or /sys/class/rpmsg/rpmsgN/"
	       "{name,src,dst}", file);
	return -1;
}

/* "/sys/class/remoteproc/remoteprocN/ATTR", the debugfs twin, a
 * coredump's "/sys/class/devcoredump/devcdN/data", or an rpmsg file. */
bool sj_attr_path(struct sj *j, const char *path, const char *file, struct scenario_step *st,
		  bool writing)
{
	int r = rpmsg_attr_path(j, path, file, st, writing);
	if (r)
		return r > 0;
	static const char sys_prefix[] = "/sys/class/remoteproc/remoteproc";
	static const char dbg_prefix[] = "/sys/kernel/debug/remoteproc/remoteproc";
	static const char devcd_prefix[] = "/sys/class/devcoredump/devcd";
	const char *rest;
	const char *const *attrs;
	if (strncmp(file, devcd_prefix, sizeof(devcd_prefix) - 1) == 0) {
		st->u.attr.dir = SCENARIO_ATTR_DEVCOREDUMP;
		rest = file + sizeof(devcd_prefix) - 1;
		attrs = devcd_attrs;
	} else if (strncmp(file, sys_prefix, sizeof(sys_prefix) - 1) == 0) {
		st->u.attr.dir = SCENARIO_ATTR_SYSFS;
		rest = file + sizeof(sys_prefix) - 1;
		attrs = sysfs_attrs;
	} else if (strncmp(file, dbg_prefix, sizeof(dbg_prefix) - 1) == 0) {
		st->u.attr.dir = SCENARIO_ATTR_DEBUGFS;
		rest = file + sizeof(dbg_prefix) - 1;
		attrs = debugfs_attrs;
	} else {
		sj_err(j, path, "\"%s\" is not a remoteproc attribute: expected "
		       "/sys/class/remoteproc/remoteprocN/ATTR, "
		       "/sys/kernel/debug/remoteproc/remoteprocN/ATTR, "
		       "/sys/class/devcoredump/devcdN/data or an rpmsg file under "
		       "/sys/bus/rpmsg, /sys/class/rpmsg or /sys/module/rpmsg_client_sample", file);
		return false;
	}
	const char *slash = strchr(rest, '/');
	char num[16];
	size_t nlen = slash ? (size_t)(slash - rest) : strlen(rest);
	long n = -1;
	if (nlen < sizeof(num)) {
		memcpy(num, rest, nlen);
		num[nlen] = '\0';
		n = parse_index(num, 255);
	}
	if (n < 0 || !slash) {
		sj_err(j, path, "\"%s\": expected %s with N a number", file,
		       st->u.attr.dir == SCENARIO_ATTR_DEVCOREDUMP ? "devcdN/data" : "remoteprocN/ATTR");
		return false;
	}
	if (st->u.attr.dir != SCENARIO_ATTR_DEVCOREDUMP && (unsigned)n >= j->sc->platform.nremotes &&
	    !st->expect_errno) {
		sj_err(j, path, "\"%s\": there is no remoteproc%ld (the platform has %u remote "
		       "processor(s), remoteproc0..)", file, n, j->sc->platform.nremotes);
		return false;
	}
	const char *attr = slash + 1;
	if (!sj_in_list(attr, attrs)) {
		char known[256];
		sj_join_words(known, sizeof(known), attrs, 0, "", ", ");
		const char *best = NULL;
		for (const char *const *a = attrs; *a && !best; a++)
			if (sj_distance(attr, *a) <= 2)
				best = *a;
		if (best)
			sj_err(j, path, "\"%s\": unknown attribute \"%s\"; did you mean \"%s\"?", file, attr, best);
		else
			sj_err(j, path, "\"%s\": unknown attribute \"%s\" (known: %s)", file, attr, known);
		return false;
	}
	bool ro = strcmp(attr, "name") == 0 || strncmp(attr, "trace", 5) == 0 ||
		  strcmp(attr, "resource_table") == 0 || strcmp(attr, "carveout_memories") == 0;
	bool wo = strcmp(attr, "crash") == 0;
	if (!st->expect_errno && ((writing && ro) || (!writing && wo))) {
		sj_err(j, path, "\"%s\" is %s", file, writing ? "read-only" : "write-only");
		return false;
	}
	st->u.attr.file = sj_strdup(file);
	st->u.attr.attr = sj_strdup(attr);
	st->u.attr.rproc = (unsigned)n;
	return true;
}

/* The device files, their prefixes longest first ("/dev/rpmsg_ctrl"
 * before "/dev/rpmsg") */
static const struct {
	const char *prefix;
	enum scenario_dev_kind kind;
} dev_kinds[] = {
	{ "/dev/rpmsg_ctrl", SCENARIO_DEV_CTRL },
	{ "/dev/rpmsg", SCENARIO_DEV_RPMSG },
	{ "/dev/ttyRPMSG", SCENARIO_DEV_TTY },
	{ "/dev/remoteproc", SCENARIO_DEV_RPROC },
};

/* "/dev/rpmsgN", "/dev/rpmsg_ctrlN", "/dev/ttyRPMSGN", "/dev/remoteprocN"
 * of the kinds the step takes (a bit per enum scenario_dev_kind) */
bool sj_dev_path(struct sj *j, const char *path, const cJSON *v, struct scenario_step *st,
		 unsigned kinds)
{
	const size_t nk = sizeof(dev_kinds) / sizeof(dev_kinds[0]);
	char want[160], forms[4][32];
	const char *words[4];
	unsigned nw = 0;
	for (size_t k = 0; k < nk; k++)
		if (kinds & (1u << dev_kinds[k].kind)) {
			snprintf(forms[nw], sizeof(forms[nw]), "%sN", dev_kinds[k].prefix);
			words[nw] = forms[nw];
			nw++;
		}
	sj_join_words(want, sizeof(want), words, nw, "", " or ");
	if (!cJSON_IsString(v)) {
		char what[200];
		snprintf(what, sizeof(what), "a device path such as \"%.*s0\"", (int)strlen(words[0]) - 1,
			 words[0]);
		sj_type_err(j, path, what, v);
		return false;
	}
	const char *dev = v->valuestring;
	long n = -1;
	size_t k = 0;
	for (; k < nk; k++) {
		size_t plen = strlen(dev_kinds[k].prefix);
		if (strncmp(dev, dev_kinds[k].prefix, plen) == 0) {
			n = parse_index(dev + plen, 255);
			break;
		}
	}
	if (n < 0 || !(kinds & (1u << dev_kinds[k].kind))) {
		sj_err(j, path, "\"%s\": expected %s", dev, want);
		return false;
	}
	if (dev_kinds[k].kind == SCENARIO_DEV_RPROC && (unsigned)n >= j->sc->platform.nremotes &&
	    !st->expect_errno) {
		sj_err(j, path, "\"%s\": there is one remoteproc device per remote processor (%u "
		       "here, /dev/remoteproc0..)", dev, j->sc->platform.nremotes);
		return false;
	}
	st->u.dev.dev = sj_strdup(dev);
	st->u.dev.kind = dev_kinds[k].kind;
	st->u.dev.ctrl = dev_kinds[k].kind == SCENARIO_DEV_CTRL;
	st->u.dev.index = (unsigned)n;
	return true;
}

int sj_rproc_ref(struct sj *j, const cJSON *st, const char *path, unsigned *out)
{
	const cJSON *v = get(st, "rproc");
	*out = 0;
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, "rproc");
	const struct platform_desc *pl = &j->sc->platform;
	if (cJSON_IsString(v)) {
		for (unsigned i = 0; i < pl->nremotes; i++) {
			if (strcmp(pl->remotes[i].name, v->valuestring) == 0) {
				*out = i;
				return 1;
			}
		}
		sj_err(j, kp, "no remote processor is named \"%s\"", v->valuestring);
		return -1;
	}
	uint64_t n;
	if (!cJSON_IsNumber(v)) {
		sj_type_err(j, kp, "a remote processor's name or index", v);
		return -1;
	}
	if (sj_uint_value(j, v, kp, 0, pl->nremotes - 1, &n) < 0)
		return -1;
	*out = (unsigned)n;
	return 1;
}
