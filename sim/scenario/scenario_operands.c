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
	{ "ENAMETOOLONG", ENAMETOOLONG },
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

/* "/sys/class/remoteproc/remoteprocN/ATTR", the debugfs twin, or a
 * coredump's "/sys/class/devcoredump/devcdN/data". */
bool sj_attr_path(struct sj *j, const char *path, const char *file, struct scenario_step *st,
		  bool writing)
{
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
		       "/sys/kernel/debug/remoteproc/remoteprocN/ATTR or "
		       "/sys/class/devcoredump/devcdN/data", file);
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

/* "/dev/rpmsgN" or "/dev/rpmsg_ctrlN" */
bool sj_dev_path(struct sj *j, const char *path, const cJSON *v, struct scenario_step *st,
		 bool ctrl_ok, bool data_ok)
{
	if (!cJSON_IsString(v)) {
		sj_type_err(j, path, "a device path such as \"/dev/rpmsg0\"", v);
		return false;
	}
	const char *dev = v->valuestring;
	long n = -1;
	bool ctrl = false;
	if (strncmp(dev, "/dev/rpmsg_ctrl", 15) == 0) {
		ctrl = true;
		n = parse_index(dev + 15, 255);
	} else if (strncmp(dev, "/dev/rpmsg", 10) == 0) {
		n = parse_index(dev + 10, 255);
	}
	if (n < 0 || (ctrl && !ctrl_ok) || (!ctrl && !data_ok)) {
		sj_err(j, path, "\"%s\": expected %s", dev,
		       ctrl_ok && data_ok ? "/dev/rpmsgN or /dev/rpmsg_ctrlN"
		       : ctrl_ok ? "/dev/rpmsg_ctrlN" : "/dev/rpmsgN");
		return false;
	}
	if (ctrl && (unsigned)n >= j->sc->platform.nremotes && !st->expect_errno) {
		sj_err(j, path, "\"%s\": there is one rpmsg_ctrl device per remote processor "
		       "(%u here)", dev, j->sc->platform.nremotes);
		return false;
	}
	st->u.dev.dev = sj_strdup(dev);
	st->u.dev.ctrl = ctrl;
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
