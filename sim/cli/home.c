/* Where rpsim's own files are (see home.h). */
#include "sim/cli/home.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sim/core/fileio.h"

/* The marker the build writes next to the uninstalled program. */
#define HOME_MARKER "rpsim-uninstalled"

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void cli_home_relpath(const char *from, const char *to, char *out, unsigned len)
{
	/* the longest common prefix that ends at a path separator */
	size_t common = 0;
	for (size_t i = 0;; i++) {
		char a = from[i], b = to[i];
		if ((a == '/' || a == '\0') && (b == '/' || b == '\0'))
			common = i;
		if (a != b || a == '\0')
			break;
	}
	size_t used = 0;
	out[0] = '\0';
	/* one ".." per component of `from` past the common prefix */
	for (const char *p = from + common; *p; p++) {
		if (*p == '/' && p[1] && p[1] != '/' && used + 4 < len)
			used += (size_t)snprintf(out + used, len - used, "%s..", used ? "/" : "");
	}
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	if (*rest && used + 1 < len)
		snprintf(out + used, len - used, "%s%s", used ? "/" : "", rest);
	if (!out[0])
		snprintf(out, len, ".");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether dir holds an ELF image (a sample's folder, not the SDK's). */
static bool has_elf(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	bool found = false;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		found = n > 4 && strcmp(e->d_name + n - 4, ".elf") == 0;
	}
	closedir(d);
	return found;
}

/* The subfolders of dir that hold firmware, sorted (the search order must
 * not depend on the file system's listing order). */
static void add_subfolders(struct cli_home *h, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	unsigned first = h->nsample_dirs;
	while ((e = readdir(d)) && h->nsample_dirs < CLI_HOME_MAX_SAMPLE_DIRS) {
		if (e->d_name[0] == '.')
			continue;
		char path[2 * CLI_HOME_PATH + 256];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (is_dir(path) && has_elf(path))
			h->sample_dirs[h->nsample_dirs++] = strdup(path);
	}
	closedir(d);
	qsort(h->sample_dirs + first, h->nsample_dirs - first, sizeof(char *), cmp_str);
}

/* The build tree's marker: "srcdir ABSOLUTE-PATH" on its first line. */
static bool read_marker(struct cli_home *h, const char *exe_dir)
{
	char path[CLI_HOME_PATH + 32];
	snprintf(path, sizeof(path), "%s/" HOME_MARKER, exe_dir);
	size_t n = 0;
	char *text = sim_read_file(path, 8192, &n);
	if (!text)
		return false;
	bool ok = strncmp(text, "srcdir ", 7) == 0;
	if (ok) {
		text[strcspn(text, "\n")] = '\0';
		char real[PATH_MAX];
		snprintf(h->src_dir, sizeof(h->src_dir), "%s", realpath(text + 7, real) ? real : text + 7);
		snprintf(h->build_dir, sizeof(h->build_dir), "%s", exe_dir);
	}
	free(text);
	return ok;
}

void cli_home_find(struct cli_home *h)
{
	memset(h, 0, sizeof(*h));
	char exe[CLI_HOME_PATH];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char exe_dir[CLI_HOME_PATH] = "";
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(exe_dir, sizeof(exe_dir), "%s", exe[0] ? exe : "/");
		}
	}
	if (exe_dir[0] && read_marker(h, exe_dir)) {
		h->uninstalled = true;
		char fw[CLI_HOME_PATH + 32];
		snprintf(fw, sizeof(fw), "%s/firmware-samples", h->build_dir);
		add_subfolders(h, fw);
		return;
	}
	/* installed: the configured layout, relative to where the program is */
	char rel[CLI_HOME_PATH];
	cli_home_relpath(RPSIM_BINDIR, RPSIM_DATADIR, rel, sizeof(rel));
	char cand[2 * CLI_HOME_PATH + 2];
	snprintf(cand, sizeof(cand), "%s/%s", exe_dir, rel);
	char real[PATH_MAX];
	if (exe_dir[0] && is_dir(cand) && realpath(cand, real))
		snprintf(h->data_dir, sizeof(h->data_dir), "%s", real);
	else
		snprintf(h->data_dir, sizeof(h->data_dir), "%s", RPSIM_DATADIR);
	char fw[CLI_HOME_PATH + 32];
	snprintf(fw, sizeof(fw), "%s/firmware", h->data_dir);
	if (is_dir(fw))
		h->sample_dirs[h->nsample_dirs++] = strdup(fw);
}

void cli_home_free(struct cli_home *h)
{
	for (unsigned i = 0; i < h->nsample_dirs; i++)
		free(h->sample_dirs[i]);
	h->nsample_dirs = 0;
}

int cli_home_default_scenario(const struct cli_home *h, char *buf, unsigned len)
{
	snprintf(buf, len, "%s/scenarios/rpmsg-echo.json", h->uninstalled ? h->src_dir : h->data_dir);
	return access(buf, R_OK) == 0 ? 0 : -1;
}
