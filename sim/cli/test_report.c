/* rpsim test's reports: JUnit XML, JSON, the state file (test_report.h). */
#include "sim/cli/test_report.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/fileio.h"

/* a state or JUnit file read back is at most this large */
#define REPORT_READ_MAX ((size_t)64 << 20)

const char *test_outcome_name(enum test_outcome o)
{
	switch (o) {
	case TEST_PASS: return "PASS";
	case TEST_FAIL: return "FAIL";
	case TEST_ERROR: return "ERROR";
	}
	return "?";
}

/* Length of the valid UTF-8 sequence at p (n bytes left) that encodes a
 * character XML 1.0 allows, or 0. */
static size_t xml_char_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	if (c < 0x80)
		return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0x7f ? 1 : 0;
	size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* overlong forms, surrogates, past U+10FFFF, U+FFFE and U+FFFF */
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
	    (c == 0xf4 && p[1] > 0x8f))
		return 0;
	if (c == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
		return 0;
	return len;
}

void test_report_xml_text(FILE *f, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		switch (p[i]) {
		case '<': fputs("&lt;", f); i++; continue;
		case '>': fputs("&gt;", f); i++; continue;
		case '&': fputs("&amp;", f); i++; continue;
		case '"': fputs("&quot;", f); i++; continue;
		default: break;
		}
		size_t n = xml_char_len(p + i, len - i);
		if (n == 0) {
			fprintf(f, "\\x%02x", p[i]);
			i++;
			continue;
		}
		fwrite(p + i, 1, n, f);
		i += n;
	}
}

static void xml_str(FILE *f, const char *s)
{
	test_report_xml_text(f, s ? s : "", s ? strlen(s) : 0);
}

static void counts(const struct test_report_case *r, size_t n, size_t *fail, size_t *err)
{
	*fail = *err = 0;
	for (size_t i = 0; i < n; i++) {
		*fail += r[i].outcome == TEST_FAIL;
		*err += r[i].outcome == TEST_ERROR;
	}
}

int test_report_junit(const char *file, const struct test_report_case *r, size_t n, double total, bool all_output)
{
	FILE *f = fopen(file, "w");
	if (!f) {
		fprintf(stderr, "rpsim test: cannot write the JUnit report %s: %s\n", file, strerror(errno));
		return -1;
	}
	size_t nfail, nerr;
	counts(r, n, &nfail, &nerr);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"rpsim\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" time=\"%.3f\">\n", n,
		nfail, nerr, total);
	fprintf(f, "  <testsuite name=\"rpsim\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\" "
		"time=\"%.3f\">\n", n, nfail, nerr, total);
	for (size_t i = 0; i < n; i++) {
		const struct test_report_case *t = &r[i];
		bool out = all_output || t->outcome != TEST_PASS;
		fprintf(f, "    <testcase classname=\"rpsim.scenario\" name=\"");
		xml_str(f, t->path);
		fprintf(f, "\" time=\"%.3f\"", t->wall);
		if (t->outcome == TEST_PASS && !out) {
			fprintf(f, "/>\n");
			continue;
		}
		fprintf(f, ">\n");
		if (t->outcome != TEST_PASS) {
			const char *tag = t->outcome == TEST_FAIL ? "failure" : "error";
			fprintf(f, "      <%s message=\"", tag);
			xml_str(f, t->reason);
			fprintf(f, "\" type=\"%s\">", t->kind ? t->kind : "");
			xml_str(f, t->reason);
			fprintf(f, "</%s>\n", tag);
		}
		if (out && t->out && t->out[0]) {
			fprintf(f, "      <system-out>");
			xml_str(f, t->out);
			fprintf(f, "</system-out>\n");
		}
		if (out && t->err && t->err[0]) {
			fprintf(f, "      <system-err>");
			xml_str(f, t->err);
			fprintf(f, "</system-err>\n");
		}
		fprintf(f, "    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	if (fclose(f) != 0) {
		fprintf(stderr, "rpsim test: writing the JUnit report %s failed: %s\n", file, strerror(errno));
		return -1;
	}
	return 0;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f); /* UTF-8 passes; JSON text is UTF-8 */
	}
	fputc('"', f);
}

int test_report_json(const char *file, const struct test_report_case *r, size_t n, double total)
{
	bool to_stdout = strcmp(file, "-") == 0;
	FILE *f = to_stdout ? stdout : fopen(file, "w");
	if (!f) {
		fprintf(stderr, "rpsim test: cannot write the JSON summary %s: %s\n", file, strerror(errno));
		return -1;
	}
	size_t nfail, nerr;
	counts(r, n, &nfail, &nerr);
	fprintf(f, "{\n  \"tests\": %zu,\n  \"passed\": %zu,\n  \"failed\": %zu,\n  \"errors\": %zu,\n"
		"  \"time\": %.3f,\n  \"scenarios\": [", n, n - nfail - nerr, nfail, nerr, total);
	for (size_t i = 0; i < n; i++) {
		const struct test_report_case *t = &r[i];
		fprintf(f, "%s\n    {\"path\": ", i ? "," : "");
		json_str(f, t->path);
		fprintf(f, ", \"result\": \"%s\", \"time\": %.3f, \"exit_status\": %d",
			t->outcome == TEST_PASS ? "pass" : t->outcome == TEST_FAIL ? "fail" : "error", t->wall,
			t->exit_status);
		if (t->outcome != TEST_PASS) {
			fprintf(f, ", \"kind\": ");
			json_str(f, t->kind);
			fprintf(f, ", \"reason\": ");
			json_str(f, t->reason);
		}
		fprintf(f, "}");
	}
	fprintf(f, "%s]\n}\n", n ? "\n  " : "");
	if (to_stdout)
		return fflush(f) == 0 ? 0 : -1;
	if (fclose(f) != 0) {
		fprintf(stderr, "rpsim test: writing the JSON summary %s failed: %s\n", file, strerror(errno));
		return -1;
	}
	return 0;
}

int test_report_write_state(const char *file, const struct test_report_case *r, size_t n)
{
	FILE *f = fopen(file, "w");
	if (!f)
		return -1;
	fprintf(f, "# rpsim test: the scenarios that did not pass in the last run (read by --rerun-failed)\n");
	for (size_t i = 0; i < n; i++)
		if (r[i].outcome != TEST_PASS && !strchr(r[i].path, '\n'))
			fprintf(f, "%s\n", r[i].path);
	return fclose(f) == 0 ? 0 : -1;
}

static int push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (!s)
		return -1;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		char **nv = realloc(*v, nc * sizeof(*nv));
		if (!nv) {
			free(s);
			return -1;
		}
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = s;
	return 0;
}

/* The value of attribute `name` in the tag starting at tag (up to its
 * '>'), XML entities decoded; malloc'd, or NULL. */
static char *attr(const char *tag, const char *end, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = tag; p && p + nl + 2 < end; p++) {
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') && strncmp(p, name, nl) == 0 && p[nl] == '=' &&
		    p[nl + 1] == '"') {
			const char *v = p + nl + 2;
			const char *q = memchr(v, '"', (size_t)(end - v));
			if (!q)
				return NULL;
			char *out = malloc((size_t)(q - v) + 1);
			if (!out)
				return NULL;
			size_t o = 0;
			for (const char *s = v; s < q;) {
				static const struct { const char *e; char c; } ents[] = {
					{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' }, { "&quot;", '"' }, { "&apos;", '\'' },
				};
				bool done = false;
				for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]) && !done; k++) {
					size_t el = strlen(ents[k].e);
					if ((size_t)(q - s) >= el && strncmp(s, ents[k].e, el) == 0) {
						out[o++] = ents[k].c;
						s += el;
						done = true;
					}
				}
				if (!done)
					out[o++] = *s++;
			}
			out[o] = '\0';
			return out;
		}
	}
	return NULL;
}

static long read_junit(char *text, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	for (char *p = strstr(text, "<testcase"); p; p = strstr(p + 1, "<testcase")) {
		char *gt = strchr(p, '>');
		if (!gt)
			break;
		if (gt[-1] == '/')
			continue; /* <testcase .../>: it passed */
		char *next = strstr(gt, "<testcase");
		char *close = strstr(gt, "</testcase>");
		char *lim = close && (!next || close < next) ? close : next;
		size_t span = lim ? (size_t)(lim - gt) : strlen(gt);
		char save = gt[span];
		gt[span] = '\0';
		bool bad = strstr(gt, "<failure") || strstr(gt, "<error");
		gt[span] = save;
		if (bad && push(&v, &n, &cap, attr(p + 1, gt, "name")) < 0)
			break;
	}
	*out = v;
	return (long)n;
}

long test_report_read_failed(const char *file, char ***out)
{
	size_t len = 0;
	char *text = sim_read_file(file, REPORT_READ_MAX, &len);
	*out = NULL;
	if (!text)
		return -1;
	long ret;
	if (strstr(text, "<testsuite")) {
		ret = read_junit(text, out);
	} else {
		size_t n = 0, cap = 0;
		char **v = NULL;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			if (line[0] == '#' || line[0] == '\0')
				continue;
			if (push(&v, &n, &cap, strdup(line)) < 0)
				break;
		}
		*out = v;
		ret = (long)n;
	}
	free(text);
	return ret;
}
