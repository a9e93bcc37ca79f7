/* sysfs and debugfs attributes of a remoteproc, after remoteproc_sysfs.c
 * and remoteproc_debugfs.c: what each accepts in each state and the errno
 * it returns are the kernel's. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/kstrtox.h"
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

/* rproc_crash_write: kstrtouint_from_user(buf, count, 0, &type), then
 * whatever the number, rproc_report_crash(rproc, type) */
static int crash_type_parse(const char *buf, size_t len, uint32_t *type)
{
	unsigned v;
	int ret = kstrtox_uint_from_user(buf, len, 0, &v);
	if (ret)
		return ret;
	*type = v;
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


/* remoteproc_sysfs.c's state_store as in mainline since v5.19 ("remoteproc:
 * core: Remove state checking before calling rproc_boot()"): "start" on a
 * running remote is rproc_boot taking one more power reference (0; v5.10
 * to v5.18 answered -EBUSY), "stop" and "detach" check the state inside
 * rproc_shutdown / rproc_detach. */
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

/* rproc_trace_read: translated when read; a buffer that does not
 * translate reads Linux's "Trace %s not available", whose %s is a name
 * rproc_handle_trace never sets (hence two spaces); otherwise the text up
 * to its first NUL, at most len bytes (an empty buffer reads 0 bytes). */
static int trace_read(struct rproc *rproc, unsigned idx, char *out, size_t cap)
{
	if (!rproc->img_valid || idx >= rproc->img.ntraces)
		return -ENOENT;
	const struct rproc_trace_info *tr = &rproc->img.traces[idx];
	uint64_t pa;
	if (rproc_da_to_pa(rproc, tr->da, tr->len, &pa) != 0)
		return out_printf(out, cap, "Trace  not available\n");
	if (cap == 0)
		return 0;
	size_t n = tr->len < cap - 1 ? tr->len : cap - 1;
	if (bus_read_block(rproc->cfg.host_bus, pa, out, n) != BUS_OK)
		return out_printf(out, cap, "Trace  not available\n");
	out[n] = '\0';
	return (int)strnlen(out, n);
}

/* Linux's table_ptr: the table in device memory once installed (or found
 * there when attaching), the cached copy otherwise, none when offline. */
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
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);
	if (f) {
		rsc_table_print_debugfs(buf, size, f);
		fclose(f);
	}
	free(buf);
	int n = out_printf(out, cap, "%s", text ? text : "");
	free(text);
	return n;
}

/* rproc_carveouts_show: every carveout in handling order (the table's,
 * then the vrings' as their vdev comes), "%pK" printed as a kernel with
 * kptr_restrict prints it, "%pad" as a 64-bit dma_addr_t. */
static int carveouts_read(struct rproc *rproc, char *out, size_t cap)
{
	size_t used = 0;
	if (cap)
		out[0] = '\0';
	for (unsigned i = 0; rproc->img_valid && i < rproc->img.ncarveouts && used + 1 < cap; i++) {
		const struct rproc_carveout *c = &rproc->img.carveouts[i];
		used += (size_t)out_printf(out + used, cap - used,
					   "Carveout memory entry:\n\tName: %s\n"
					   "\tVirtual address: 0000000000000000\n"
					   "\tDMA address: 0x%016llx\n\tDevice address: 0x%x\n"
					   "\tLength: 0x%llx Bytes\n\n",
					   c->name, (unsigned long long)c->pa, (unsigned)c->da,
					   (unsigned long long)c->size);
	}
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
