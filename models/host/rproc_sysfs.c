/* sysfs and debugfs attributes of a remoteproc, after remoteproc_sysfs.c
 * and remoteproc_debugfs.c: what each accepts in each state and the errno
 * it returns are the kernel's. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_internal.h"

/* sysfs_streq(): equal, ignoring one trailing newline on the written side. */
static bool streq(const char *buf, size_t len, const char *word)
{
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	return strlen(word) == len && memcmp(buf, word, len) == 0;
}

static int out_printf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int out_printf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EIO;
	return (size_t)n < cap ? n : (int)(cap ? cap - 1 : 0);
}

/* --- what each store accepts, whatever the state --- */

/* The index of the word of words (NULL-terminated) that buf is, as
 * sysfs_streq() compares, or -EINVAL. */
static int word_of(const char *buf, size_t len, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (streq(buf, len, words[i]))
			return i;
	return -EINVAL;
}

static const char *const state_words[] = { "start", "stop", "detach", NULL };
static const char *const recovery_words[] = { "enabled", "disabled", "recover", NULL };
static const char *const coredump_words[] = { "disabled", "enabled", "inline", NULL };

/* rproc_set_firmware(): the name is what comes before the first newline */
static int firmware_name_len(const char *buf, size_t len, size_t *n)
{
	*n = 0;
	while (*n < len && buf[*n] != '\n' && buf[*n] != '\0')
		(*n)++;
	if (*n == 0)
		return -EINVAL;
	if (*n >= RPROC_FW_NAME_LEN)
		return -ENAMETOOLONG;
	return 0;
}

/* kstrtouint_from_user(buf, count, 0, &type): base auto-detected, one
 * trailing newline allowed, nothing else (no sign, no blank) */
static int crash_type_parse(const char *buf, size_t len, uint32_t *type)
{
	char tmp[32];
	if (len == 0 || len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	if (tmp[len - 1] == '\n')
		tmp[len - 1] = '\0';
	if (tmp[0] < '0' || tmp[0] > '9')
		return -EINVAL;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(tmp, &end, 0);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || v > 0xffffffffULL)
		return -ERANGE;
	*type = (uint32_t)v;
	return 0;
}

int rproc_attr_check(bool debugfs, const char *attr, const char *buf, size_t len)
{
	size_t n;
	uint32_t type;
	if (debugfs)
		return strcmp(attr, "crash") == 0 ? crash_type_parse(buf, len, &type) : 0;
	if (strcmp(attr, "state") == 0)
		return word_of(buf, len, state_words) < 0 ? -EINVAL : 0;
	if (strcmp(attr, "recovery") == 0)
		return word_of(buf, len, recovery_words) < 0 ? -EINVAL : 0;
	if (strcmp(attr, "coredump") == 0)
		return word_of(buf, len, coredump_words) < 0 ? -EINVAL : 0;
	if (strcmp(attr, "firmware") == 0)
		return firmware_name_len(buf, len, &n);
	return 0;
}

/* --- the stores --- */

static int state_store(struct rproc *rproc, const char *buf, size_t len, sim_time_t t)
{
	int ret;
	switch (word_of(buf, len, state_words)) {
	case 0:
		ret = rproc_boot(rproc, t);
		if (ret)
			sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "Boot failed: %d", ret);
		break;
	case 1:
		ret = rproc_shutdown(rproc, t);
		break;
	case 2:
		ret = rproc_detach(rproc, t);
		break;
	default:
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "Unrecognised option: %.*s", (int)(len < 64 ? len : 64), buf);
		ret = -EINVAL;
		break;
	}
	return ret;
}

static int firmware_store(struct rproc *rproc, const char *buf, size_t len)
{
	if (rproc->state != RPROC_OFFLINE) {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "can't change firmware while running");
		return -EBUSY;
	}
	size_t n;
	int ret = firmware_name_len(buf, len, &n);
	if (ret == -EINVAL)
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "can't provide empty string for firmware name");
	if (ret)
		return ret;
	memcpy(rproc->firmware, buf, n);
	rproc->firmware[n] = '\0';
	return 0;
}

static int recovery_store(struct rproc *rproc, const char *buf, size_t len, sim_time_t t)
{
	switch (word_of(buf, len, recovery_words)) {
	case 0:
		rproc->recovery_disabled = false;
		rproc_trigger_recovery(rproc, t);
		return 0;
	case 1:
		rproc->recovery_disabled = true;
		return 0;
	case 2:
		rproc_trigger_recovery(rproc, t);
		return 0;
	default:
		return -EINVAL;
	}
}

static int coredump_store(struct rproc *rproc, const char *buf, size_t len)
{
	if (rproc->state == RPROC_CRASHED) {
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "can't change coredump configuration");
		return -EBUSY;
	}
	static const enum rproc_dump_mechanism conf[] = {
		RPROC_COREDUMP_DISABLED, RPROC_COREDUMP_ENABLED, RPROC_COREDUMP_INLINE,
	};
	int w = word_of(buf, len, coredump_words);
	if (w < 0)
		return -EINVAL;
	rproc->dump_conf = conf[w];
	return 0;
}

static const char *const dump_names[] = { "disabled", "enabled", "inline" };

int rproc_sysfs_write(struct rproc *rproc, const char *attr, const char *buf, size_t len, sim_time_t t)
{
	if (strcmp(attr, "state") == 0)
		return state_store(rproc, buf, len, t);
	if (strcmp(attr, "firmware") == 0)
		return firmware_store(rproc, buf, len);
	if (strcmp(attr, "recovery") == 0)
		return recovery_store(rproc, buf, len, t);
	if (strcmp(attr, "coredump") == 0)
		return coredump_store(rproc, buf, len);
	if (strcmp(attr, "name") == 0)
		return -EACCES; /* 0444 */
	return -ENOENT;
}

int rproc_sysfs_read(struct rproc *rproc, const char *attr, char *out, size_t cap)
{
	if (strcmp(attr, "state") == 0)
		return out_printf(out, cap, "%s\n", rproc_state_name(rproc->state));
	if (strcmp(attr, "firmware") == 0)
		/* an externally started image is unknown to Linux */
		return out_printf(out, cap, "%s\n", rproc->state == RPROC_ATTACHED ? "unknown" : rproc->firmware);
	if (strcmp(attr, "name") == 0)
		return out_printf(out, cap, "%s\n", rproc->name);
	if (strcmp(attr, "recovery") == 0)
		return out_printf(out, cap, "%s\n", rproc->recovery_disabled ? "disabled" : "enabled");
	if (strcmp(attr, "coredump") == 0)
		return out_printf(out, cap, "%s\n", dump_names[rproc->dump_conf]);
	return -ENOENT;
}

/* --- debugfs --- */

static int trace_read(struct rproc *rproc, unsigned idx, char *out, size_t cap)
{
	if (!rproc->img_valid || idx >= rproc->img.ntraces)
		return -ENOENT;
	const struct rproc_trace_info *tr = &rproc->img.traces[idx];
	if (cap == 0)
		return 0;
	size_t n = tr->len < cap - 1 ? tr->len : cap - 1;
	if (bus_read_block(rproc->cfg.host_bus, tr->pa, out, n) != BUS_OK)
		return -EFAULT;
	out[n] = '\0';
	size_t len = strnlen(out, n); /* the buffer is text up to its NUL */
	if (len == 0)
		return out_printf(out, cap, "Trace buffer not initialized\n");
	return (int)len;
}

/* The table as it is now (the copy in device memory once loaded). */
static int resource_table_read(struct rproc *rproc, char *out, size_t cap)
{
	if (!rproc->img_valid || !rproc->img.table)
		return out_printf(out, cap, "No resource table found\n");
	size_t size = rproc->img.table_size;
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf)
		return -ENOMEM;
	if (rproc->img.table_loaded) {
		if (bus_read_block(rproc->cfg.host_bus, rproc->img.table_pa, buf, size) != BUS_OK) {
			free(buf);
			return -EFAULT;
		}
	} else {
		memcpy(buf, rproc->img.table, size);
	}
	struct rsc_table t;
	struct diag d;
	diag_init(&d, NULL);
	int ret = rsc_table_parse(buf, size, -1, &t, &d);
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);
	if (f) {
		if (ret == 0)
			rsc_table_print(&t, f, "");
		else
			fprintf(f, "the resource table in device memory no longer parses:\n");
		for (unsigned i = 0; i < d.n; i++)
			fprintf(f, "%s\n", d.msgs[i].text);
		fclose(f);
	}
	rsc_table_free(&t);
	diag_free(&d);
	free(buf);
	int n = out_printf(out, cap, "%s", text ? text : "");
	free(text);
	return n;
}

static int carveouts_read(struct rproc *rproc, char *out, size_t cap)
{
	size_t used = 0;
	for (unsigned i = 0; i < rproc->map.n && used + 1 < cap; i++) {
		const struct rproc_mem *m = &rproc->map.mems[i];
		if (m->kind != RPROC_MEM_CARVEOUT)
			continue;
		used += (size_t)out_printf(out + used, cap - used,
					   "Carveout memory entry:\n\tName: %s\n\tDMA address: 0x%llx\n"
					   "\tDevice address: 0x%llx\n\tLength: 0x%llx Bytes\n\n",
					   m->name, (unsigned long long)m->pa, (unsigned long long)m->da,
					   (unsigned long long)m->size);
	}
	if (cap)
		out[used < cap ? used : cap - 1] = '\0';
	return (int)used;
}

int rproc_debugfs_write(struct rproc *rproc, const char *file, const char *buf, size_t len, sim_time_t t)
{
	if (strcmp(file, "crash") != 0)
		return strncmp(file, "trace", 5) == 0 || strcmp(file, "resource_table") == 0 ||
				       strcmp(file, "carveout_memories") == 0 || strcmp(file, "name") == 0
			       ? -EACCES
			       : -ENOENT;
	uint32_t type;
	int ret = crash_type_parse(buf, len, &type);
	if (ret)
		return ret;
	rproc_report_crash(rproc, (enum rproc_crash_type)type, t);
	return 0;
}

int rproc_debugfs_read(struct rproc *rproc, const char *file, char *out, size_t cap)
{
	if (strncmp(file, "trace", 5) == 0) {
		char *end;
		unsigned long idx = strtoul(file + 5, &end, 10);
		if (file[5] < '0' || file[5] > '9' || *end != '\0')
			return -ENOENT;
		return trace_read(rproc, (unsigned)idx, out, cap);
	}
	if (strcmp(file, "resource_table") == 0)
		return resource_table_read(rproc, out, cap);
	if (strcmp(file, "carveout_memories") == 0)
		return carveouts_read(rproc, out, cap);
	if (strcmp(file, "name") == 0)
		return out_printf(out, cap, "%s\n", rproc->name);
	if (strcmp(file, "crash") == 0)
		return -EACCES; /* 0200 */
	return -ENOENT;
}
