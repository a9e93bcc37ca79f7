/* Scenario loader: the file, syntax errors with line and column, the top
 * level and the platform.  It calls the rest of the loader, which never
 * calls back: steps in scenario_steps.c (and what they name in
 * scenario_operands.c), payloads in scenario_payload.c, the firmware
 * search in scenario_firmware.c, typed JSON access in scenario_json.c. */
#include "sim/scenario/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/fileio.h"
#include "sim/core/tracefile_format.h"
#include "sim/scenario/scenario_firmware.h"
#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_steps.h"

#define SCENARIO_FILE_MAX (16u << 20)

/* Register window sizes of the remote-side devices (see the devices/ headers), for the
 * address-overlap check. */
#define WIN_MBOX 0x1000u
#define WIN_INTC 0x100u
#define WIN_TIMER 0x10000u
#define WIN_SMALL 0x100u

uint64_t scenario_fnv1a64(const void *data, size_t len)
{
	return tracefile_fnv1a64(data, len); /* the same hash as trace identities */
}

static void default_rproc(struct scenario_rproc *r, unsigned index)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "rv%u", index);
	snprintf(r->core, sizeof(r->core), "rv32imac");
	r->clock_hz = 100000000;
	r->quantum = 10 * SIM_US;
	r->nmemories = 1;
	/* host-side addresses move with the index, so remote N needs no
	 * addresses of its own: its TCM 16 MiB further, its mailbox host
	 * window and sysctl 64 KiB further */
	r->memories[0] = (struct scenario_memory){ .name = "tcm", .da = 0x00000000,
						   .pa = 0x40000000u + index * 0x01000000u, .size = 256u << 10 };
	r->mailbox = (struct scenario_mailbox){
		.host_base = 0x50000000u + index * 0x10000u, .remote_base = 0x10000000, .channels = 2,
		.depth = 4, .latency = 100 * SIM_NS, .host_irq = 0, .remote_irq = 1,
	};
	r->intc_base = 0x10001000;
	r->uart_base = 0x10002000;
	r->sysctl_base = 0x50001000u + index * 0x10000u;
	r->watchdog_base = 0x10004000;
	r->timer_base = 0x10010000;
	r->timer_hz = 10000000;
	r->recovery = SCENARIO_RECOVERY_ENABLED;
	r->coredump = SCENARIO_COREDUMP_DISABLED;
}

void scenario_default_platform(struct scenario_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->dram_base = 0x80000000u;
	p->dram_size = 256u << 20;
	p->host = (struct scenario_host){
		.irq_entry = 2 * SIM_US, .sysfs_write = 20 * SIM_US,
		.sysfs_read = 10 * SIM_US, .open = 10 * SIM_US, .close = 5 * SIM_US,
		.write = 5 * SIM_US, .read = 5 * SIM_US, .ioctl = 20 * SIM_US,
		.mbox_op = 100 * SIM_NS,
	};
	p->nrprocs = 1;
	default_rproc(&p->rprocs[0], 0);
}

const char *scenario_known_key(unsigned i)
{
	static const char *const *const lists[] = {
		sj_keys_top, sj_keys_platform, sj_keys_dram, sj_keys_host,
		sj_keys_rproc, sj_keys_memory, sj_keys_mailbox, sj_keys_devices,
		sj_keys_payload, sj_keys_ept, sj_keys_wait, sj_keys_repeat,
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (const char *const *k = lists[l]; *k; k++)
			if (i-- == 0)
				return *k;
	/* then each step kind's keys, its verb first */
	for (unsigned kind = 0; kind < SCENARIO_STEP_KIND_COUNT; kind++)
		for (const char *const *k = scenario_step_keys((enum scenario_step_kind)kind); *k; k++)
			if (i-- == 0)
				return *k;
	return NULL;
}

/* ---- names and ranges ---- */

static bool check_name(struct sj *j, const char *path, const char *s, char *out)
{
	size_t n = strlen(s);
	if (n == 0 || n >= SCENARIO_NAME_MAX) {
		sj_err(j, path, "a name must have 1 to %d characters", SCENARIO_NAME_MAX - 1);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.')) {
			sj_err(j, path, "\"%s\": a name may use letters, digits, '_', '-' and '.' only", s);
			return false;
		}
	}
	memcpy(out, s, n + 1);
	return true;
}

struct range {
	uint64_t start, end; /* [start, end) */
	char what[SJ_PATHLEN + 32];
};

static void check_overlaps(struct sj *j, const struct range *r, unsigned n, const char *space)
{
	for (unsigned a = 0; a < n; a++)
		for (unsigned b = a + 1; b < n; b++)
			if (r[a].start < r[b].end && r[b].start < r[a].end)
				sj_err(j, NULL, "%s 0x%08" PRIx64 "-0x%08" PRIx64 " of %s overlaps "
				       "0x%08" PRIx64 "-0x%08" PRIx64 " of %s: move one of them",
				       space, r[b].start, r[b].end - 1, r[b].what, r[a].start,
				       r[a].end - 1, r[a].what);
}

static void add_range(struct range *r, unsigned *n, uint64_t start, uint64_t size,
		      const char *fmt, const char *path, const char *extra)
{
	r[*n].start = start;
	r[*n].end = start + size;
	snprintf(r[*n].what, sizeof(r[*n].what), fmt, path, extra);
	(*n)++;
}

static void check_address_map(struct sj *j, const struct scenario_platform *p)
{
	enum { MAXR = 1 + SCENARIO_MAX_RPROCS * (SCENARIO_MAX_MEMORIES + 2) };
	static const char *const dev_names[] = { "intc", "timer", "uart", "watchdog" };
	struct range *r = malloc(MAXR * sizeof(*r));
	if (!r)
		return;
	unsigned n = 0;
	add_range(r, &n, p->dram_base, p->dram_size, "%s%s", "$.platform.dram", "");
	for (unsigned i = 0; i < p->nrprocs; i++) {
		const struct scenario_rproc *rp = &p->rprocs[i];
		char base[64];
		snprintf(base, sizeof(base), "$.platform.rprocs[%u]", i);
		for (unsigned m = 0; m < rp->nmemories; m++) {
			char mp[SJ_PATHLEN];
			snprintf(mp, sizeof(mp), "%s.memories[%u]", base, m);
			add_range(r, &n, rp->memories[m].pa, rp->memories[m].size, "%s%s", mp, " (pa)");
		}
		add_range(r, &n, rp->mailbox.host_base, WIN_MBOX, "%s%s", base, ".mailbox.host_base");
		/* the sysctl is the host's: its remoteproc driver programs it */
		add_range(r, &n, rp->sysctl_base, WIN_SMALL, "%s%s", base, ".devices.sysctl");
	}
	check_overlaps(j, r, n, "host address range");

	for (unsigned i = 0; i < p->nrprocs; i++) {
		const struct scenario_rproc *rp = &p->rprocs[i];
		char base[64];
		snprintf(base, sizeof(base), "$.platform.rprocs[%u]", i);
		n = 0;
		add_range(r, &n, p->dram_base, p->dram_size, "%s%s", "$.platform.dram", " (seen at da = pa)");
		for (unsigned m = 0; m < rp->nmemories; m++) {
			char mp[SJ_PATHLEN];
			snprintf(mp, sizeof(mp), "%s.memories[%u]", base, m);
			add_range(r, &n, rp->memories[m].da, rp->memories[m].size, "%s%s", mp, " (da)");
		}
		add_range(r, &n, rp->mailbox.remote_base, WIN_MBOX, "%s%s", base, ".mailbox.remote_base");
		const uint32_t bases[] = { rp->intc_base, rp->timer_base, rp->uart_base, rp->watchdog_base };
		const uint32_t sizes[] = { WIN_INTC, WIN_TIMER, WIN_SMALL, WIN_SMALL };
		for (unsigned k = 0; k < 4; k++) {
			char dp[SJ_PATHLEN];
			snprintf(dp, sizeof(dp), "%s.devices.%s", base, dev_names[k]);
			add_range(r, &n, bases[k], sizes[k], "%s%s", dp, "");
		}
		check_overlaps(j, r, n, "device address range");
	}
	free(r);
}

/* ---- platform ---- */

static void parse_memories(struct sj *j, const cJSON *arr, const char *path,
			   struct scenario_rproc *r)
{
	if (!cJSON_IsArray(arr)) {
		sj_type_err(j, path, "an array of memories", arr);
		return;
	}
	unsigned n = (unsigned)cJSON_GetArraySize(arr);
	if (n > SCENARIO_MAX_MEMORIES) {
		sj_err(j, path, "%u memories, at most %d are supported", n, SCENARIO_MAX_MEMORIES);
		return;
	}
	r->nmemories = 0;
	unsigned i = 0;
	for (const cJSON *m = arr->child; m; m = m->next, i++) {
		char mp[SJ_PATHLEN];
		sj_index_path(mp, path, i);
		struct scenario_memory *mem = &r->memories[r->nmemories++];
		memset(mem, 0, sizeof(*mem));
		if (!sj_expect_object(j, m, mp))
			continue;
		sj_check_keys(j, m, mp, sj_keys_memory);
		char *name = NULL;
		char kp[SJ_PATHLEN];
		sj_key_path(kp, mp, "name");
		if (sj_string(j, m, "name", mp, &name) > 0)
			check_name(j, kp, name, mem->name);
		else if (!cJSON_HasObjectItem(m, "name"))
			snprintf(mem->name, sizeof(mem->name), "mem%u", i);
		free(name);
		int has_da = sj_addr32(j, m, "da", mp, &mem->da);
		int has_pa = sj_addr32(j, m, "pa", mp, &mem->pa);
		uint64_t size = 0;
		int has_size = sj_size(j, m, "size", mp, UINT32_MAX, &size);
		if (has_da == 0 || has_pa == 0 || has_size == 0) {
			sj_err(j, mp, "a memory needs \"da\", \"pa\" and \"size\"");
			continue;
		}
		if (has_da < 0 || has_pa < 0 || has_size < 0)
			continue;
		sj_key_path(kp, mp, "size");
		if (size == 0) {
			sj_err(j, kp, "a memory cannot be empty");
			continue;
		}
		mem->size = (uint32_t)size;
		if ((uint64_t)mem->da + size > (1ULL << 32) || (uint64_t)mem->pa + size > (1ULL << 32))
			sj_err(j, kp, "the memory ends beyond 4 GiB (da 0x%08" PRIx32 ", pa 0x%08" PRIx32
			       ", size 0x%" PRIx64 ")", mem->da, mem->pa, size);
	}
}

static void parse_mailbox(struct sj *j, const cJSON *v, const char *path, struct scenario_mailbox *mb)
{
	if (!sj_expect_object(j, v, path))
		return;
	sj_check_keys(j, v, path, sj_keys_mailbox);
	uint64_t u;
	sj_addr32(j, v, "host_base", path, &mb->host_base);
	sj_addr32(j, v, "remote_base", path, &mb->remote_base);
	if (sj_uint(j, v, "channels", path, 1, 8, &u) > 0)
		mb->channels = (unsigned)u;
	if (sj_uint(j, v, "depth", path, 1, 64, &u) > 0)
		mb->depth = (unsigned)u;
	sj_time(j, v, "latency", path, &mb->latency);
	if (sj_uint(j, v, "host_irq", path, 0, 1023, &u) > 0)
		mb->host_irq = (unsigned)u;
	if (sj_uint(j, v, "remote_irq", path, 1, 31, &u) > 0)
		mb->remote_irq = (unsigned)u;
	const char *const aligned[] = { "host_base", "remote_base" };
	const uint32_t vals[] = { mb->host_base, mb->remote_base };
	for (unsigned k = 0; k < 2; k++) {
		if (vals[k] % 4 || (uint64_t)vals[k] + WIN_MBOX > (1ULL << 32)) {
			char kp[SJ_PATHLEN];
			sj_key_path(kp, path, aligned[k]);
			sj_err(j, kp, "0x%08" PRIx32 ": a mailbox window (4 KiB) must be word-aligned and below 4 GiB",
			       vals[k]);
		}
	}
}

static void parse_rproc(struct sj *j, const cJSON *v, const char *path,
			struct scenario_rproc *r, unsigned index)
{
	if (!sj_expect_object(j, v, path))
		return;
	sj_check_keys(j, v, path, sj_keys_rproc);
	char kp[SJ_PATHLEN];
	char *s = NULL;
	sj_key_path(kp, path, "name");
	if (sj_string(j, v, "name", path, &s) > 0)
		check_name(j, kp, s, r->name);
	sj_key_path(kp, path, "core");
	if (sj_string(j, v, "core", path, &s) > 0) {
		if (strcmp(s, "rv32imac") != 0)
			sj_err(j, kp, "core \"%s\" is not supported (supported: rv32imac)", s);
	}
	free(s);
	s = NULL;
	sj_hz(j, v, "clock", path, &r->clock_hz);
	sj_key_path(kp, path, "quantum");
	if (sj_time(j, v, "quantum", path, &r->quantum) > 0 && r->quantum == 0)
		sj_err(j, kp, "the quantum must be above zero, e.g. \"10us\"");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, "memories");
	if (m) {
		sj_key_path(kp, path, "memories");
		parse_memories(j, m, kp, r);
	}
	const cJSON *mb = cJSON_GetObjectItemCaseSensitive(v, "mailbox");
	if (mb) {
		sj_key_path(kp, path, "mailbox");
		parse_mailbox(j, mb, kp, &r->mailbox);
	}
	const cJSON *dv = cJSON_GetObjectItemCaseSensitive(v, "devices");
	if (dv) {
		sj_key_path(kp, path, "devices");
		if (sj_expect_object(j, dv, kp)) {
			sj_check_keys(j, dv, kp, sj_keys_devices);
			sj_addr32(j, dv, "intc", kp, &r->intc_base);
			sj_addr32(j, dv, "timer", kp, &r->timer_base);
			sj_addr32(j, dv, "uart", kp, &r->uart_base);
			sj_addr32(j, dv, "sysctl", kp, &r->sysctl_base);
			sj_addr32(j, dv, "watchdog", kp, &r->watchdog_base);
		}
	}
	sj_hz(j, v, "timer_clock", path, &r->timer_hz);
	if (sj_string(j, v, "firmware", path, &r->firmware) > 0)
		sj_key_path(j->fw_where[index], path, "firmware");
	sj_bool(j, v, "auto_boot", path, &r->auto_boot);
	sj_bool(j, v, "preloaded", path, &r->preloaded);
	sj_key_path(kp, path, "recovery");
	if (sj_string(j, v, "recovery", path, &s) > 0) {
		if (strcmp(s, "enabled") == 0)
			r->recovery = SCENARIO_RECOVERY_ENABLED;
		else if (strcmp(s, "disabled") == 0)
			r->recovery = SCENARIO_RECOVERY_DISABLED;
		else
			sj_err(j, kp, "\"%s\": expected \"enabled\" or \"disabled\"", s);
	}
	free(s);
	s = NULL;
	sj_key_path(kp, path, "coredump");
	if (sj_string(j, v, "coredump", path, &s) > 0) {
		if (strcmp(s, "disabled") == 0)
			r->coredump = SCENARIO_COREDUMP_DISABLED;
		else if (strcmp(s, "enabled") == 0)
			r->coredump = SCENARIO_COREDUMP_ENABLED;
		else if (strcmp(s, "inline") == 0)
			r->coredump = SCENARIO_COREDUMP_INLINE;
		else
			sj_err(j, kp, "\"%s\": expected \"disabled\", \"enabled\" or \"inline\"", s);
	}
	free(s);
	s = NULL;
	if (sj_string(j, v, "coredump_dir", path, &s) > 0) {
		free(r->coredump_dir);
		r->coredump_dir = sj_join(j->sc->dir, s);
	}
	free(s);
}

static void parse_platform(struct sj *j, const cJSON *v, struct scenario_platform *p)
{
	const char *path = "$.platform";
	if (!sj_expect_object(j, v, path))
		return;
	sj_check_keys(j, v, path, sj_keys_platform);
	const cJSON *dram = cJSON_GetObjectItemCaseSensitive(v, "dram");
	if (dram && sj_expect_object(j, dram, "$.platform.dram")) {
		sj_check_keys(j, dram, "$.platform.dram", sj_keys_dram);
		uint64_t size = p->dram_size;
		sj_addr32(j, dram, "base", "$.platform.dram", &p->dram_base);
		if (sj_size(j, dram, "size", "$.platform.dram", UINT32_MAX, &size) > 0 && size < 4096)
			sj_err(j, "$.platform.dram.size", "DRAM must be at least 4 KiB");
		p->dram_size = (uint32_t)size;
		if ((uint64_t)p->dram_base + p->dram_size > (1ULL << 32))
			sj_err(j, "$.platform.dram", "DRAM 0x%08" PRIx32 " + 0x%" PRIx32
			       " ends beyond 4 GiB (the remote core is RV32)", p->dram_base, p->dram_size);
	}
	const cJSON *host = cJSON_GetObjectItemCaseSensitive(v, "host");
	if (host && sj_expect_object(j, host, "$.platform.host")) {
		const char *hp = "$.platform.host";
		sj_check_keys(j, host, hp, sj_keys_host);
		sj_time(j, host, "irq_entry", hp, &p->host.irq_entry);
		sj_time(j, host, "sysfs_write", hp, &p->host.sysfs_write);
		sj_time(j, host, "sysfs_read", hp, &p->host.sysfs_read);
		sj_time(j, host, "open", hp, &p->host.open);
		sj_time(j, host, "close", hp, &p->host.close);
		sj_time(j, host, "write", hp, &p->host.write);
		sj_time(j, host, "read", hp, &p->host.read);
		sj_time(j, host, "ioctl", hp, &p->host.ioctl);
		sj_time(j, host, "mbox_op", hp, &p->host.mbox_op);
	}
	const cJSON *rprocs = cJSON_GetObjectItemCaseSensitive(v, "rprocs");
	if (!rprocs)
		return;
	if (!cJSON_IsArray(rprocs)) {
		sj_type_err(j, "$.platform.rprocs", "an array of remote processors", rprocs);
		return;
	}
	unsigned n = (unsigned)cJSON_GetArraySize(rprocs);
	if (n == 0 || n > SCENARIO_MAX_RPROCS) {
		sj_err(j, "$.platform.rprocs", "%u remote processors: 1 to %d are supported", n,
		       SCENARIO_MAX_RPROCS);
		return;
	}
	p->nrprocs = n;
	unsigned i = 0;
	for (const cJSON *r = rprocs->child; r; r = r->next, i++) {
		char rp[SJ_PATHLEN];
		sj_index_path(rp, "$.platform.rprocs", i);
		default_rproc(&p->rprocs[i], i);
		parse_rproc(j, r, rp, &p->rprocs[i], i);
		for (unsigned k = 0; k < i; k++)
			if (strcmp(p->rprocs[k].name, p->rprocs[i].name) == 0)
				sj_err(j, rp, "name \"%s\" is already used by $.platform.rprocs[%u]",
				       p->rprocs[i].name, k);
	}
}

/* ---- top level ---- */

static void syntax_error(struct sj *j, const char *text, size_t len, size_t pos)
{
	unsigned line = 1, col = 1;
	if (pos > len)
		pos = len;
	for (size_t i = 0; i < pos; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	size_t k = 0;
	while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'))
		k++;
	/* cJSON also gives up on nesting deeper than CJSON_NESTING_LIMIT */
	unsigned depth = 0;
	bool in_str = false;
	for (size_t i = 0; i < pos; i++) {
		char c = text[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	if (depth >= CJSON_NESTING_LIMIT) {
		diag_error(j->d, "%s:%u:%u: syntax error: nesting deeper than %d levels", j->file, line,
			   col, CJSON_NESTING_LIMIT);
	} else if (k == len) {
		diag_error(j->d, "%s:%u:%u: syntax error: the file is empty; a scenario is a JSON "
			   "object such as {\"firmware\": \"fw.elf\", \"steps\": [...]}", j->file, line, col);
	} else if (pos >= len) {
		diag_error(j->d, "%s:%u:%u: syntax error: unexpected end of file (an unclosed "
			   "string, array or object?)", j->file, line, col);
	} else {
		unsigned char c = (unsigned char)text[pos];
		if (c >= 0x20 && c < 0x7f)
			diag_error(j->d, "%s:%u:%u: syntax error near '%c': check for a missing comma, "
				   "quote or bracket, or a trailing comma", j->file, line, col, c);
		else
			diag_error(j->d, "%s:%u:%u: syntax error at byte 0x%02x (not valid JSON here)",
				   j->file, line, col, c);
	}
	j->errors++;
}

static char *dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		return sj_strdup(".");
	if (slash == file)
		return sj_strdup("/");
	size_t n = (size_t)(slash - file);
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, file, n);
		d[n] = '\0';
	}
	return d;
}

int scenario_load_buffer(const char *file, const char *text, size_t len,
			 const struct scenario_options *opts,
			 struct scenario **out, struct diag *d)
{
	*out = NULL;
	struct sj j = { .d = d, .file = file, .opts = opts };
	struct scenario *sc = calloc(1, sizeof(*sc));
	char *copy = malloc(len + 1);
	if (!sc || !copy) {
		diag_error(d, "%s: out of memory", file);
		free(sc);
		free(copy);
		return -1;
	}
	j.sc = sc;
	memcpy(copy, text, len);
	copy[len] = '\0';
	sc->file = sj_strdup(file);
	sc->dir = dir_of(file);
	sc->hash = scenario_fnv1a64(text, len);
	sc->default_timeout = 1 * SIM_S;
	sc->time_limit = 60 * SIM_S;
	scenario_default_platform(&sc->platform);
	if (!sc->file || !sc->dir) {
		diag_error(d, "%s: out of memory", file);
		goto fail;
	}

	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(copy, &end, 1);
	size_t nul = strlen(copy);
	if (root && nul < len) {
		/* cJSON stops at a NUL byte; the file goes on after it */
		cJSON_Delete(root);
		root = NULL;
		end = copy + nul;
	}
	if (!root) {
		size_t pos = end && end >= copy ? (size_t)(end - copy) : 0;
		syntax_error(&j, copy, len, pos);
		goto fail;
	}
	if (!cJSON_IsObject(root)) {
		sj_type_err(&j, "$", "an object (a scenario is {\"firmware\": ..., \"steps\": [...]})", root);
		cJSON_Delete(root);
		goto fail;
	}
	sj_check_keys(&j, root, "$", sj_keys_top);
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "$schema");
	if (schema && !cJSON_IsString(schema))
		sj_type_err(&j, "$.$schema", "a string", schema);
	sj_string(&j, root, "description", "$", &sc->description);
	if (sj_time(&j, root, "timeout", "$", &sc->default_timeout) > 0 && sc->default_timeout == 0)
		sj_err(&j, "$.timeout", "a timeout must be above zero");
	if (sj_time(&j, root, "time_limit", "$", &sc->time_limit) > 0 && sc->time_limit == 0)
		sj_err(&j, "$.time_limit", "a time limit must be above zero");
	sj_build_search_path(&j, cJSON_GetObjectItemCaseSensitive(root, "firmware_path"));

	const cJSON *plat = cJSON_GetObjectItemCaseSensitive(root, "platform");
	if (plat)
		parse_platform(&j, plat, &sc->platform);
	if (cJSON_HasObjectItem(root, "firmware")) {
		if (sc->platform.rprocs[0].firmware) {
			sj_err(&j, "$.firmware", "the firmware is also given in %s: keep one",
			       j.fw_where[0]);
		} else if (sj_string(&j, root, "firmware", "$", &sc->platform.rprocs[0].firmware) > 0) {
			snprintf(j.fw_where[0], sizeof(j.fw_where[0]), "$.firmware");
		}
	}
	if (!j.errors)
		check_address_map(&j, &sc->platform);

	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(root, "steps");
	if (!steps) {
		sj_err(&j, "$", "no \"steps\": add the list of what the host does, e.g. "
		       "\"steps\": [{\"echo\": \"start\", \"to\": \"/sys/class/remoteproc/remoteproc0/state\"}]");
	} else if (!cJSON_IsArray(steps)) {
		sj_type_err(&j, "$.steps", "an array of steps", steps);
	} else {
		sc->steps = sj_steps(&j, steps, "$.steps", 0, -1, &sc->nsteps);
		if (sc->nsteps == 0 && !j.errors)
			sj_warn(&j, "$.steps", "no steps: nothing will happen");
	}
	cJSON_Delete(root);
	sj_resolve_firmware(&j);
	if (j.errors || diag_has_errors(d))
		goto fail;
	free(copy);
	*out = sc;
	return 0;
fail:
	free(copy);
	scenario_free(sc);
	if (!diag_has_errors(d))
		diag_error(d, "%s: invalid scenario", file);
	return -1;
}

int scenario_load(const char *path, const struct scenario_options *opts,
		  struct scenario **out, struct diag *d)
{
	*out = NULL;
	size_t len = 0;
	char *text = sim_read_file(path, SCENARIO_FILE_MAX, &len);
	if (!text) {
		if (errno == EFBIG)
			diag_error(d, "%s: the file is larger than %u MiB; is it really a scenario?",
				   path, SCENARIO_FILE_MAX >> 20);
		else
			diag_error(d, "%s: cannot read the scenario: %s", path, strerror(errno));
		return -1;
	}
	int r = scenario_load_buffer(path, text, len, opts, out, d);
	free(text);
	return r;
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	for (unsigned i = 0; i < sc->platform.nrprocs; i++) {
		free(sc->platform.rprocs[i].firmware);
		free(sc->platform.rprocs[i].firmware_file);
		free(sc->platform.rprocs[i].coredump_dir);
	}
	sj_free_steps(sc->steps, sc->nsteps);
	for (unsigned i = 0; i < sc->nfw_dirs; i++)
		free(sc->fw_dirs[i]);
	free(sc->fw_dirs);
	free(sc->description);
	free(sc->file);
	free(sc->dir);
	free(sc);
}
