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
#include "sim/platform/isa.h"
#include "sim/platform/platform_profile.h"
#include "sim/scenario/scenario_dts.h"
#include "sim/scenario/scenario_firmware.h"
#include "sim/scenario/scenario_json.h"
#include "sim/scenario/scenario_steps.h"
#include "sim/scenario/scenario_time.h"

uint64_t scenario_fnv1a64(const void *data, size_t len)
{
	return tracefile_fnv1a64(data, len); /* the same hash as trace identities */
}

/* The "devices" object's keys: each device of the table whose windows are
 * not under a key of their own (the mailbox has "mailbox"). */
static void devices_keys(const char **keys)
{
	unsigned n = 0;
	for (unsigned k = 0; k < DEV_COUNT; k++)
		if (k != DEV_MAILBOX)
			keys[n++] = dev_table[k].name;
	keys[n] = NULL;
}

const char *scenario_known_key(unsigned i)
{
	static const char *const *const lists[] = {
		sj_keys_top, sj_keys_platform, sj_keys_dram, sj_keys_host,
		sj_keys_rproc, sj_keys_memory, sj_keys_mailbox,
		sj_keys_payload, sj_keys_ept, sj_keys_wait, sj_keys_repeat,
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (const char *const *k = lists[l]; *k; k++)
			if (i-- == 0)
				return *k;
	/* the "devices" keys: the device table's */
	const char *dkeys[DEV_COUNT + 1];
	devices_keys(dkeys);
	for (const char *const *k = dkeys; *k; k++)
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

/* ---- platform ---- */

static void parse_memories(struct sj *j, const cJSON *arr, const char *path,
			   struct platform_remote_desc *r)
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
		struct platform_mem_desc *mem = &r->memories[r->nmemories++];
		memset(mem, 0, sizeof(*mem));
		snprintf(mem->where, sizeof(mem->where), "%s", mp);
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
		sj_bool(j, m, "dram_alias", mp, &mem->dram_alias);
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

static void parse_mailbox(struct sj *j, const cJSON *v, const char *path, struct platform_remote_desc *r)
{
	if (!sj_expect_object(j, v, path))
		return;
	sj_check_keys(j, v, path, sj_keys_mailbox);
	uint64_t u;
	struct platform_mbox_desc *mb = &r->mailbox;
	uint32_t *host_base = &r->dev_base[DEV_MAILBOX][DEV_HOST];
	uint32_t *remote_base = &r->dev_base[DEV_MAILBOX][DEV_REMOTE];
	sj_addr32(j, v, "host_base", path, host_base);
	sj_addr32(j, v, "remote_base", path, remote_base);
	if (sj_uint(j, v, "channels", path, 1, 8, &u) > 0)
		mb->channels = (unsigned)u;
	if (sj_uint(j, v, "depth", path, 1, 64, &u) > 0)
		mb->depth = (unsigned)u;
	sj_time(j, v, "latency", path, &mb->latency);
	if (sj_uint(j, v, "host_irq", path, 0, 1023, &u) > 0)
		mb->host_irq = (unsigned)u;
	/* its range is the core's interrupt controller's (checked in
	 * parse_rproc, once the core is known) */
	if (sj_uint(j, v, "remote_irq", path, 0, 1023, &u) > 0)
		mb->remote_irq = (unsigned)u;
	const char *const aligned[] = { "host_base", "remote_base" };
	const uint32_t vals[] = { *host_base, *remote_base };
	for (unsigned k = 0; k < 2; k++) {
		if (vals[k] % 4 || (uint64_t)vals[k] + dev_table[DEV_MAILBOX].window > (1ULL << 32)) {
			char kp[SJ_PATHLEN];
			sj_key_path(kp, path, aligned[k]);
			sj_err(j, kp, "0x%08" PRIx32 ": a mailbox window (4 KiB) must be word-aligned and below 4 GiB",
			       vals[k]);
		}
	}
}

static void parse_rproc(struct sj *j, const cJSON *v, const char *path,
			struct platform_remote_desc *r, unsigned index)
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
		char known[128];
		if (!isa_find(s))
			sj_err(j, kp, "core \"%s\" is not modelled; known: %s", s,
			       isa_names(known, sizeof(known)));
		else
			snprintf(r->core, sizeof(r->core), "%s", s);
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
		parse_mailbox(j, mb, kp, r);
		unsigned lo, hi;
		const char *what;
		platform_profile_irq_range(platform_profile_find(r->core), &lo, &hi, &what);
		if (r->mailbox.remote_irq < lo || r->mailbox.remote_irq > hi) {
			char ip[SJ_PATHLEN];
			sj_key_path(ip, kp, "remote_irq");
			sj_err(j, ip, "%u is not an %s of the %s core: use %u to %u", r->mailbox.remote_irq,
			       what, r->core, lo, hi);
		}
	}
	const cJSON *dv = cJSON_GetObjectItemCaseSensitive(v, "devices");
	if (dv) {
		sj_key_path(kp, path, "devices");
		if (sj_expect_object(j, dv, kp)) {
			const char *keys[DEV_COUNT + 1];
			devices_keys(keys);
			sj_check_keys(j, dv, kp, keys);
			/* each device's window in the one space it has one in */
			for (unsigned k = 0; k < DEV_COUNT; k++) {
				if (k == DEV_MAILBOX)
					continue;
				enum dev_space sp = dev_table[k].in[DEV_REMOTE] ? DEV_REMOTE : DEV_HOST;
				const char *why = platform_profile_absent_why(platform_profile_find(r->core),
									      (enum dev_id)k);
				if (why && cJSON_HasObjectItem(dv, dev_table[k].name)) {
					char dp[SJ_PATHLEN];
					sj_key_path(dp, kp, dev_table[k].name);
					sj_err(j, dp, "a %s remote has no %s: %s; remove the key", r->core,
					       dev_table[k].name, why);
					continue;
				}
				sj_addr32(j, dv, dev_table[k].name, kp, &r->dev_base[k][sp]);
			}
		}
	}
	sj_hz(j, v, "timer_clock", path, &r->timer_hz);
	if (sj_string(j, v, "firmware", path, &r->firmware) > 0)
		sj_key_path(j->fw_where[index], path, "firmware");
	sj_bool(j, v, "auto_boot", path, &r->auto_boot);
	sj_bool(j, v, "preloaded", path, &r->preloaded);
	sj_bool(j, v, "iommu", path, &r->iommu);
	sj_key_path(kp, path, "recovery");
	if (sj_string(j, v, "recovery", path, &s) > 0) {
		if (strcmp(s, "enabled") == 0)
			r->recovery_disabled = false;
		else if (strcmp(s, "disabled") == 0)
			r->recovery_disabled = true;
		else
			sj_err(j, kp, "\"%s\": expected \"enabled\" or \"disabled\"", s);
	}
	free(s);
	s = NULL;
	sj_key_path(kp, path, "coredump");
	if (sj_string(j, v, "coredump", path, &s) > 0) {
		if (strcmp(s, "disabled") == 0)
			r->coredump = RPROC_COREDUMP_DISABLED;
		else if (strcmp(s, "enabled") == 0)
			r->coredump = RPROC_COREDUMP_ENABLED;
		else if (strcmp(s, "inline") == 0)
			r->coredump = RPROC_COREDUMP_INLINE;
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
	bool regs = !r->coredump_no_regs;
	if (sj_bool(j, v, "coredump_registers", path, &regs) > 0)
		r->coredump_no_regs = !regs;
}

static void parse_platform(struct sj *j, const cJSON *v, struct platform_desc *p)
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
		sj_time(j, host, "vdev_start", hp, &p->host.vdev_start);
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
	p->nremotes = n;
	unsigned i = 0;
	for (const cJSON *r = rprocs->child; r; r = r->next, i++) {
		char rp[SJ_PATHLEN];
		sj_index_path(rp, "$.platform.rprocs", i);
		/* the defaults are its core's (platform_profile.h): read "core"
		 * first; parse_rproc checks it */
		const cJSON *core = cJSON_IsObject(r) ? cJSON_GetObjectItemCaseSensitive(r, "core") : NULL;
		platform_remote_default(&p->remotes[i], i, rp,
					cJSON_IsString(core) && isa_find(core->valuestring) ? core->valuestring : NULL);
		parse_rproc(j, r, rp, &p->remotes[i], i);
		for (unsigned k = 0; k < i; k++)
			if (strcmp(p->remotes[k].name, p->remotes[i].name) == 0)
				sj_err(j, rp, "name \"%s\" is already used by $.platform.rprocs[%u]",
				       p->remotes[i].name, k);
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
	platform_desc_default(&sc->platform);
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
	if (!j.errors) {
		const cJSON *jr = cJSON_IsObject(plat) ? cJSON_GetObjectItemCaseSensitive(plat, "rprocs") : NULL;
		sj_platform_dts(&j, cJSON_IsObject(plat) ? plat : NULL,
				cJSON_IsArray(jr) ? sc->platform.nremotes : 0);
	}
	bool ported = false;
	if (!j.errors && opts && opts->core) {
		char known[128];
		if (!isa_find(opts->core)) {
			diag_error(d, "--core %s: not a modelled core; known: %s", opts->core,
				   isa_names(known, sizeof(known)));
			j.errors++;
		} else {
			for (unsigned i = 0; i < sc->platform.nremotes; i++)
				if (strcmp(sc->platform.remotes[i].core, opts->core) != 0) {
					platform_remote_set_core(&sc->platform.remotes[i], i, opts->core);
					ported = true;
				}
		}
	}
	if (cJSON_HasObjectItem(root, "firmware")) {
		if (j.fw_from_dt[0]) {
			/* the scenario's firmware replaces the tree's firmware-name */
			free(sc->platform.remotes[0].firmware);
			sc->platform.remotes[0].firmware = NULL;
			j.fw_from_dt[0] = false;
			j.fw_where[0][0] = '\0';
		}
		if (sc->platform.remotes[0].firmware) {
			sj_err(&j, "$.firmware", "the firmware is also given in %s: keep one",
			       j.fw_where[0]);
		} else if (sj_string(&j, root, "firmware", "$", &sc->platform.remotes[0].firmware) > 0) {
			snprintf(j.fw_where[0], sizeof(j.fw_where[0]), "$.firmware");
		}
	}
	if (!j.errors && (!sc->dts || ported)) /* the tree's reader checked its own */
		j.errors += platform_desc_check(&sc->platform, j.file, j.d);

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
	if (!j.dts_failed) /* else the remotes are not the board's: nothing to say of them */
		sj_resolve_firmware(&j);
	if (!j.errors)
		sj_check_dt_firmware(&j);
	if (!j.errors)
		sj_check_time(&j);
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
	char err[512];
	char *text = sim_file_read(path, SIM_FILE_SCENARIO, &len, err, sizeof(err));
	if (!text) {
		diag_error(d, "%s", err);
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
	for (unsigned i = 0; i < sc->platform.nremotes; i++) {
		free(sc->platform.remotes[i].firmware);
		free(sc->platform.remotes[i].firmware_file);
		free(sc->platform.remotes[i].coredump_dir);
	}
	sj_free_steps(sc->steps, sc->nsteps);
	for (unsigned i = 0; i < sc->nfw_dirs; i++)
		free(sc->fw_dirs[i]);
	free(sc->fw_dirs);
	free(sc->description);
	free(sc->dts);
	free(sc->file);
	free(sc->dir);
	free(sc);
}
