/* Typed cJSON access for the scenario loader: every problem becomes one
 * message "FILE: $.json.path: what is wrong". */
#include "sim/scenario/scenario_json.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sj_keys_top[] = {
	"$schema", "description", "firmware", "firmware_path", "platform",
	"steps", "timeout", "time_limit", NULL,
};
const char *const sj_keys_platform[] = { "dts", "dram", "host", "rprocs", NULL };
const char *const sj_keys_dram[] = { "base", "size", NULL };
const char *const sj_keys_host[] = {
	"irq_entry", "sysfs_write", "sysfs_read", "open", "close", "write",
	"read", "ioctl", "mbox_op", "vdev_start", NULL,
};
const char *const sj_keys_rproc[] = {
	"name", "core", "clock", "quantum", "memories", "mailbox", "devices",
	"timer_clock", "firmware", "auto_boot", "preloaded", "iommu", "recovery", "coredump",
	"coredump_dir", "coredump_registers", NULL,
};
const char *const sj_keys_memory[] = { "name", "da", "pa", "size", "dram_alias", NULL };
const char *const sj_keys_mailbox[] = {
	"host_base", "remote_base", "channels", "depth", "latency", "host_irq",
	"remote_irq", NULL,
};
const char *const sj_keys_payload[] = { "text", "hex", "file", "size", "pattern", NULL };
const char *const sj_keys_ept[] = { "name", "src", "dst", NULL };
const char *const sj_keys_wait[] = { "state", "channel", "trace", "readable", "time", NULL };
const char *const sj_keys_repeat[] = { "sizes", "by", NULL };

static void vmsg(struct sj *j, enum diag_severity sev, const char *path,
		 const char *fmt, va_list ap)
{
	char text[1024];
	vsnprintf(text, sizeof(text), fmt, ap);
	if (path)
		diag_add(j->d, sev, "%s: %s: %s", j->file, path, text);
	else
		diag_add(j->d, sev, "%s: %s", j->file, text);
}

void sj_err(struct sj *j, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(j, DIAG_ERROR, path, fmt, ap);
	va_end(ap);
	j->errors++;
}

void sj_warn(struct sj *j, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(j, DIAG_WARNING, path, fmt, ap);
	va_end(ap);
}

const char *sj_kind(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	return "an invalid value";
}

void sj_type_err(struct sj *j, const char *path, const char *want, const cJSON *got)
{
	sj_err(j, path, "expected %s, got %s", want, sj_kind(got));
}

void sj_key_path(char *out, const char *path, const char *key)
{
	snprintf(out, SJ_PATHLEN, "%s.%s", path, key);
}

void sj_index_path(char *out, const char *path, unsigned i)
{
	snprintf(out, SJ_PATHLEN, "%s[%u]", path, i);
}

char *sj_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

unsigned sj_distance(const char *a, const char *b)
{
	/* Optimal string alignment distance (an adjacent swap costs 1, as in
	 * "bsae" for "base") over short keys; longer strings are "far". */
	enum { MAXL = 32 };
	size_t la = strlen(a), lb = strlen(b);
	if (la >= MAXL || lb >= MAXL)
		return 99;
	unsigned d[MAXL + 1][MAXL + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t k = 0; k <= lb; k++)
		d[0][k] = (unsigned)k;
	for (size_t i = 1; i <= la; i++) {
		for (size_t k = 1; k <= lb; k++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[k - 1]) ? 0 : 1;
			unsigned best = d[i - 1][k - 1] + cost;
			if (d[i - 1][k] + 1 < best)
				best = d[i - 1][k] + 1;
			if (d[i][k - 1] + 1 < best)
				best = d[i][k - 1] + 1;
			if (i > 1 && k > 1 && a[i - 1] == b[k - 2] && a[i - 2] == b[k - 1] &&
			    d[i - 2][k - 2] + 1 < best)
				best = d[i - 2][k - 2] + 1;
			d[i][k] = best;
		}
	}
	return d[la][lb];
}

bool sj_in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

void sj_join_words(char *buf, size_t len, const char *const *list, size_t n, const char *q,
		   const char *last)
{
	size_t used = 0;
	buf[0] = '\0';
	if (n == 0)
		while (list[n])
			n++;
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s%s%s",
					 i == 0 ? "" : i + 1 == n ? last : ", ", q, list[i], q);
}

unsigned sj_check_keys(struct sj *j, const cJSON *obj, const char *path,
		       const char *const *allowed)
{
	unsigned problems = 0;
	for (const cJSON *c = obj->child; c; c = c->next) {
		char kp[SJ_PATHLEN];
		const char *key = c->string ? c->string : "";
		sj_key_path(kp, path, key);
		for (const cJSON *p = obj->child; p != c; p = p->next) {
			if (p->string && strcmp(p->string, key) == 0) {
				sj_err(j, kp, "key \"%s\" given twice", key);
				problems++;
				break;
			}
		}
		if (sj_in_list(key, allowed))
			continue;
		const char *best = NULL;
		unsigned bestd = 99;
		for (const char *const *a = allowed; *a; a++) {
			unsigned dist = sj_distance(key, *a);
			if (dist < bestd) {
				bestd = dist;
				best = *a;
			}
		}
		size_t klen = strlen(key);
		unsigned close = klen <= 4 ? 1 : klen <= 8 ? 2 : 3;
		char known[512] = "";
		size_t used = 0;
		for (const char *const *a = allowed; *a && used < sizeof(known); a++)
			used += (size_t)snprintf(known + used, sizeof(known) - used, "%s%s",
						 a == allowed ? "" : ", ", *a);
		if (best && bestd <= close)
			sj_err(j, kp, "unknown key \"%s\"; did you mean \"%s\"?", key, best);
		else
			sj_err(j, kp, "unknown key \"%s\" (accepted here: %s)", key, known);
		problems++;
	}
	return problems;
}

bool sj_expect_object(struct sj *j, const cJSON *v, const char *path)
{
	if (cJSON_IsObject(v))
		return true;
	sj_type_err(j, path, "an object", v);
	return false;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

int sj_string(struct sj *j, const cJSON *obj, const char *key, const char *path, char **out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	if (!cJSON_IsString(v)) {
		sj_type_err(j, kp, "a string", v);
		return -1;
	}
	char *s = sj_strdup(v->valuestring);
	if (!s) {
		sj_err(j, kp, "out of memory");
		return -1;
	}
	free(*out);
	*out = s;
	return 1;
}

int sj_bool(struct sj *j, const cJSON *obj, const char *key, const char *path, bool *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	if (!cJSON_IsBool(v)) {
		char kp[SJ_PATHLEN];
		sj_key_path(kp, path, key);
		sj_type_err(j, kp, "true or false", v);
		return -1;
	}
	*out = cJSON_IsTrue(v);
	return 1;
}

int sj_uint_value(struct sj *j, const cJSON *v, const char *path, uint64_t min,
		  uint64_t max, uint64_t *out)
{
	if (!cJSON_IsNumber(v)) {
		sj_type_err(j, path, "an integer", v);
		return -1;
	}
	double d = v->valuedouble;
	if (d != floor(d)) {
		sj_err(j, path, "%g is not an integer", d);
		return -1;
	}
	/* 2^64 as a double: anything at or above it cannot be converted */
	if (d < (double)min || d >= 18446744073709551616.0 || (uint64_t)d > max) {
		sj_err(j, path, "%.0f is out of range (%" PRIu64 "..%" PRIu64 ")", d, min, max);
		return -1;
	}
	*out = (uint64_t)d;
	return 1;
}

int sj_uint(struct sj *j, const cJSON *obj, const char *key, const char *path,
	    uint64_t min, uint64_t max, uint64_t *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	return sj_uint_value(j, v, kp, min, max, out);
}

int sj_time(struct sj *j, const cJSON *obj, const char *key, const char *path, sim_time_t *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	if (!cJSON_IsString(v)) {
		sj_err(j, kp, "expected a duration with a unit such as \"10us\", got %s", sj_kind(v));
		return -1;
	}
	char err[256];
	sim_time_t t;
	if (simtime_parse(v->valuestring, &t, err, sizeof(err)) < 0) {
		sj_err(j, kp, "%s", err);
		return -1;
	}
	*out = t;
	return 1;
}

int sj_hz(struct sj *j, const cJSON *obj, const char *key, const char *path, uint64_t *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	if (!cJSON_IsString(v)) {
		sj_err(j, kp, "expected a frequency with a unit such as \"100MHz\", got %s", sj_kind(v));
		return -1;
	}
	char err[256];
	uint64_t hz;
	if (simtime_parse_hz(v->valuestring, &hz, err, sizeof(err)) < 0) {
		sj_err(j, kp, "%s", err);
		return -1;
	}
	*out = hz;
	return 1;
}

/* "123", "0x7f", "1_000" with an optional binary unit; -1 if malformed,
 * -2 on overflow. */
static int parse_size_string(const char *s, uint64_t *out, bool allow_unit)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	unsigned base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	uint64_t v = 0;
	unsigned digits = 0;
	for (;; p++) {
		if (*p == '_' && digits)
			continue;
		int dig;
		if (isdigit((unsigned char)*p))
			dig = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			dig = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (v > (UINT64_MAX - (uint64_t)dig) / base)
			return -2;
		v = v * base + (uint64_t)dig;
		digits++;
	}
	if (!digits)
		return -1;
	while (*p == ' ')
		p++;
	static const struct { const char *name; unsigned shift; } units[] = {
		{ "", 0 }, { "B", 0 }, { "KiB", 10 }, { "MiB", 20 }, { "GiB", 30 },
	};
	size_t ulen = strlen(p);
	while (ulen && p[ulen - 1] == ' ')
		ulen--;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].name) != ulen || strncmp(p, units[i].name, ulen) != 0)
			continue;
		if (ulen && !allow_unit)
			return -1;
		if (units[i].shift && v > (UINT64_MAX >> units[i].shift))
			return -2;
		*out = v << units[i].shift;
		return 0;
	}
	return -1;
}

int sj_size_value(struct sj *j, const cJSON *v, const char *path, uint64_t max, uint64_t *out)
{
	uint64_t val;
	if (cJSON_IsNumber(v)) {
		if (v->valuedouble < 0) {
			sj_err(j, path, "a size cannot be negative (%g)", v->valuedouble);
			return -1;
		}
		if (sj_uint_value(j, v, path, 0, UINT64_MAX, &val) < 0)
			return -1;
	} else if (cJSON_IsString(v)) {
		int r = parse_size_string(v->valuestring, &val, true);
		if (r == -1) {
			sj_err(j, path, "\"%s\" is not a size: expected a number, \"0x1000\", or a number "
			       "with B, KiB, MiB or GiB such as \"64KiB\"", v->valuestring);
			return -1;
		}
		if (r == -2) {
			sj_err(j, path, "\"%s\" overflows 64 bits", v->valuestring);
			return -1;
		}
	} else {
		sj_err(j, path, "expected a size (a number or a string such as \"64KiB\"), got %s", sj_kind(v));
		return -1;
	}
	if (val > max) {
		sj_err(j, path, "size %" PRIu64 " is too large (at most %" PRIu64 ")", val, max);
		return -1;
	}
	*out = val;
	return 1;
}

int sj_size(struct sj *j, const cJSON *obj, const char *key, const char *path,
	    uint64_t max, uint64_t *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	return sj_size_value(j, v, kp, max, out);
}

int sj_addr32(struct sj *j, const cJSON *obj, const char *key, const char *path, uint32_t *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return 0;
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, key);
	uint64_t val;
	if (cJSON_IsNumber(v)) {
		if (sj_uint_value(j, v, kp, 0, UINT64_MAX, &val) < 0)
			return -1;
	} else if (cJSON_IsString(v)) {
		int r = parse_size_string(v->valuestring, &val, false);
		if (r == -1) {
			sj_err(j, kp, "\"%s\" is not an address: expected a number or a string such as \"0x80000000\"",
			       v->valuestring);
			return -1;
		}
		if (r == -2)
			val = UINT64_MAX;
	} else {
		sj_err(j, kp, "expected an address (a number or a string such as \"0x80000000\"), got %s",
		       sj_kind(v));
		return -1;
	}
	if (val > UINT32_MAX) {
		sj_err(j, kp, "address 0x%" PRIx64 " does not fit in 32 bits (the remote core is RV32)", val);
		return -1;
	}
	*out = (uint32_t)val;
	return 1;
}


char *sj_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
		return sj_strdup(rel);
	size_t a = strlen(dir), b = strlen(rel);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, rel, b + 1);
	return p;
}
