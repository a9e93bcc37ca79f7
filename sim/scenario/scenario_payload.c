/* Payloads of write and read steps: text, hex, a file, or generated
 * patterns whose size may come from an enclosing repeat over sizes. */
#include "sim/scenario/scenario_payload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/fileio.h"

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void parse_hex(struct sj *j, const char *path, const char *s, struct scenario_payload *p)
{
	size_t cap = strlen(s) / 2 + 1;
	uint8_t *buf = malloc(cap);
	if (!buf)
		return;
	size_t n = 0;
	for (const char *c = s; *c;) {
		if (*c == ' ' || *c == ':' || *c == '\t' || *c == '\n') {
			c++;
			continue;
		}
		int hi = hexval(c[0]), lo = hi >= 0 && c[1] ? hexval(c[1]) : -1;
		if (hi < 0 || lo < 0) {
			sj_err(j, path, "hex data: \"%.8s\" at character %zu is not a pair of hex digits "
			       "(write bytes like \"48 65 6c\")", c, (size_t)(c - s));
			free(buf);
			return;
		}
		buf[n++] = (uint8_t)(hi << 4 | lo);
		c += 2;
	}
	p->kind = SCENARIO_PAYLOAD_BYTES;
	p->data = buf;
	p->len = (uint32_t)n;
}

static void parse_pattern(struct sj *j, const char *path, const char *s, struct scenario_payload *p)
{
	if (strcmp(s, "counter") == 0) {
		p->pattern = SCENARIO_PATTERN_COUNTER;
		return;
	}
	p->pattern = SCENARIO_PATTERN_BYTE;
	if (strcmp(s, "zero") == 0) {
		p->fill = 0;
		return;
	}
	if (strncmp(s, "byte:", 5) == 0) {
		const char *v = s + 5;
		char *end = NULL;
		errno = 0;
		unsigned long b = strtoul(v, &end, 0);
		if (*v >= '0' && *v <= '9' && end && !*end && !errno && b <= 255) {
			p->fill = (uint8_t)b;
			return;
		}
	}
	sj_err(j, path, "unknown pattern \"%s\" (accepted: \"counter\", \"zero\", \"byte:0x5a\")", s);
}

int64_t sj_payload(struct sj *j, const cJSON *v, const char *path, int64_t rmax,
			     bool for_read, struct scenario_payload *p)
{
	memset(p, 0, sizeof(*p));
	if (cJSON_IsString(v)) {
		size_t n = strlen(v->valuestring);
		p->kind = SCENARIO_PAYLOAD_BYTES;
		p->data = malloc(n + 1);
		if (p->data)
			memcpy(p->data, v->valuestring, n + 1);
		p->len = (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
		return (int64_t)n;
	}
	if (!cJSON_IsObject(v)) {
		sj_type_err(j, path, "a payload: a string or {\"text\"|\"hex\"|\"file\"|\"size\"/\"pattern\": ...}", v);
		return -1;
	}
	unsigned before = j->errors;
	sj_check_keys(j, v, path, sj_keys_payload);
	const cJSON *text = get(v, "text"), *hex = get(v, "hex"), *file = get(v, "file");
	const cJSON *size = get(v, "size"), *pattern = get(v, "pattern");
	unsigned forms = (text != NULL) + (hex != NULL) + (file != NULL) + (size || pattern);
	if (forms != 1) {
		sj_err(j, path, "a payload is one of {\"text\": ...}, {\"hex\": ...}, {\"file\": ...} "
		       "or {\"size\": N, \"pattern\": ...}%s", forms ? "; this one mixes them" : "");
		return -1;
	}
	char kp[SJ_PATHLEN];
	if (text) {
		sj_key_path(kp, path, "text");
		if (!cJSON_IsString(text)) {
			sj_type_err(j, kp, "a string", text);
			return -1;
		}
		return sj_payload(j, text, kp, rmax, for_read, p);
	}
	if (hex) {
		sj_key_path(kp, path, "hex");
		if (!cJSON_IsString(hex)) {
			sj_type_err(j, kp, "a string of hex bytes such as \"48 65 6c\"", hex);
			return -1;
		}
		parse_hex(j, kp, hex->valuestring, p);
		return j->errors == before ? (int64_t)p->len : -1;
	}
	if (file) {
		sj_key_path(kp, path, "file");
		if (!cJSON_IsString(file)) {
			sj_type_err(j, kp, "a file name", file);
			return -1;
		}
		char *fp = sj_join(j->sc->dir, file->valuestring);
		size_t len = 0;
		char err[512] = "out of memory";
		char *data = fp ? sim_file_read(fp, SIM_FILE_PAYLOAD, &len, err, sizeof(err)) : NULL;
		if (!data) {
			sj_err(j, kp, "cannot use \"%s\" as a payload: %s", file->valuestring, err);
			free(fp);
			return -1;
		}
		free(fp);
		p->kind = SCENARIO_PAYLOAD_BYTES;
		p->data = (uint8_t *)data;
		p->len = (uint32_t)len;
		return (int64_t)len;
	}
	p->pattern = SCENARIO_PATTERN_COUNTER;
	if (pattern) {
		sj_key_path(kp, path, "pattern");
		if (!cJSON_IsString(pattern))
			sj_type_err(j, kp, "a pattern name such as \"counter\"", pattern);
		else
			parse_pattern(j, kp, pattern->valuestring, p);
	}
	p->kind = for_read && !pattern ? SCENARIO_PAYLOAD_SIZE_ONLY : SCENARIO_PAYLOAD_PATTERN;
	int64_t max;
	if (size) {
		sj_key_path(kp, path, "size");
		uint64_t n = 0;
		if (sj_size_value(j, size, kp, SCENARIO_PAYLOAD_MAX, &n) < 0)
			return -1;
		p->len = (uint32_t)n;
		max = (int64_t)n;
	} else if (rmax < 0) {
		sj_err(j, path, "a pattern without \"size\" takes its size from an enclosing "
		       "{\"repeat\": {\"sizes\": [FROM, TO]}}, and there is none: add \"size\"");
		return -1;
	} else {
		p->size_from_repeat = true;
		max = rmax;
	}
	return j->errors == before ? max : -1;
}

void sj_free_payload(struct scenario_payload *p)
{
	free(p->data);
	p->data = NULL;
}

uint32_t scenario_payload_len(const struct scenario_payload *p, uint32_t repeat_size)
{
	if (p->kind == SCENARIO_PAYLOAD_NONE)
		return 0;
	return p->size_from_repeat ? repeat_size : p->len;
}

/* 0, 1, ..., 255: the "counter" pattern's bytes */
static const uint8_t counter_bytes[256] = {
#define B4(n) (n), (n) + 1, (n) + 2, (n) + 3
#define B16(n) B4(n), B4((n) + 4), B4((n) + 8), B4((n) + 12)
#define B64(n) B16(n), B16((n) + 16), B16((n) + 32), B16((n) + 48)
	B64(0), B64(64), B64(128), B64(192)
#undef B64
#undef B16
#undef B4
};

long scenario_payload_fill(const struct scenario_payload *p, uint32_t repeat_size,
			   uint8_t *buf, size_t cap)
{
	uint32_t len = scenario_payload_len(p, repeat_size);
	if (len > cap)
		return -1;
	switch (p->kind) {
	case SCENARIO_PAYLOAD_BYTES:
		if (len)
			memcpy(buf, p->data, len);
		break;
	case SCENARIO_PAYLOAD_PATTERN:
		if (p->pattern != SCENARIO_PATTERN_COUNTER) {
			memset(buf, p->fill, len);
			break;
		}
		/* byte k is k mod 256: copied from a table, a block at a
		 * time (every echo round trip fills two of these) */
		for (uint32_t k = 0; k < len; k += 256)
			memcpy(buf + k, counter_bytes, len - k < 256 ? len - k : 256);
		break;
	default:
		memset(buf, 0, len);
		break;
	}
	return (long)len;
}
