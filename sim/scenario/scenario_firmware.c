/* The scenario's firmware search path, looked up as Linux's
 * request_firmware walks its directories: the command line's
 * --firmware-dir, the scenario's firmware_path, $RPSIM_FIRMWARE_PATH,
 * the scenario's own directory, then rpsim's installed samples (last, so
 * a firmware of the user's never loses to a sample of the same name).
 * Used while loading (the rprocs' firmware, echo to a firmware
 * attribute) and at run time (the host searches the same list). */
#include "sim/scenario/scenario_firmware.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/core/fileio.h"
#include "sim/platform/isa.h"

/* Appends a directory unless it is already on the path (the first
 * occurrence decides the order); at most SCENARIO_MAX_FW_DIRS. */
static int add_dir(struct sj *j, const char *dir, const char *rel_to)
{
	struct scenario *sc = j->sc;
	char *p = rel_to ? sj_join(rel_to, dir) : sj_strdup(dir);
	if (!p)
		return -1;
	for (unsigned i = 0; i < sc->nfw_dirs; i++) {
		if (strcmp(sc->fw_dirs[i], p) == 0) {
			free(p);
			return 0;
		}
	}
	if (sc->nfw_dirs == SCENARIO_MAX_FW_DIRS) {
		if (!j->fw_dirs_full)
			sj_err(j, "$.firmware_path", "more than %u firmware directories in all (--firmware-dir, "
			       "firmware_path, RPSIM_FIRMWARE_PATH, the scenario's folder, the samples); "
			       "\"%s\" and those after it are dropped: shorten the list", SCENARIO_MAX_FW_DIRS, p);
		j->fw_dirs_full = true;
		free(p);
		return -1;
	}
	char **nd = realloc(sc->fw_dirs, (sc->nfw_dirs + 1) * sizeof(*nd));
	if (!nd) {
		free(p);
		return -1;
	}
	sc->fw_dirs = nd;
	sc->fw_dirs[sc->nfw_dirs++] = p;
	return 0;
}

void sj_build_search_path(struct sj *j, const cJSON *fwp)
{
	struct scenario *sc = j->sc;
	const struct scenario_options *o = j->opts;
	for (unsigned i = 0; o && i < o->nfirmware_dirs; i++)
		add_dir(j, o->firmware_dirs[i], NULL);
	if (fwp) {
		if (cJSON_IsString(fwp)) {
			add_dir(j, fwp->valuestring, sc->dir);
		} else if (cJSON_IsArray(fwp)) {
			unsigned i = 0;
			for (const cJSON *e = fwp->child; e; e = e->next, i++) {
				char ep[SJ_PATHLEN];
				sj_index_path(ep, "$.firmware_path", i);
				if (cJSON_IsString(e))
					add_dir(j, e->valuestring, sc->dir);
				else
					sj_type_err(j, ep, "a directory name (a string)", e);
			}
		} else {
			sj_type_err(j, "$.firmware_path", "a directory or an array of directories", fwp);
		}
	}
	if (o && o->env_firmware_path) {
		const char *p = o->env_firmware_path;
		while (*p) {
			size_t n = strcspn(p, ":");
			if (n) {
				char *d = malloc(n + 1);
				if (d) {
					memcpy(d, p, n);
					d[n] = '\0';
					add_dir(j, d, NULL);
					free(d);
				}
			}
			p += n;
			if (*p == ':')
				p++;
		}
	}
	add_dir(j, sc->dir, NULL);
	for (unsigned i = 0; o && i < o->nfallback_dirs; i++)
		add_dir(j, o->fallback_dirs[i], NULL);
}

/* The subfolder of dir holding builds for core, or NULL (the default
 * ISA's builds are in dir itself). */
static char *core_dir(const char *dir, const char *core)
{
	if (!core || !core[0] || strcmp(core, ISA_DEFAULT) == 0)
		return NULL;
	char *p = sj_join(dir, core);
	struct stat st;
	if (p && stat(p, &st) == 0 && S_ISDIR(st.st_mode))
		return p;
	free(p);
	return NULL;
}

unsigned scenario_firmware_dirs(const struct scenario *sc, const char *core, char **out, unsigned max)
{
	unsigned n = 0;
	for (unsigned i = 0; i < sc->nfw_dirs && n < max; i++) {
		char *cd = core_dir(sc->fw_dirs[i], core);
		if (cd)
			out[n++] = cd;
		if (n < max && (out[n] = sj_strdup(sc->fw_dirs[i])))
			n++;
	}
	return n;
}

/* Whether the host's request_firmware would take the file at path: a
 * readable regular file within the firmware cap (sim/core/fileio.h), as
 * the loader reads it at run time.  When it would not although something
 * is there, why says what is wrong with it. */
static bool usable(const char *path, char *why, size_t len)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	if (S_ISDIR(st.st_mode))
		snprintf(why, len, "%s is a directory", path);
	else if (!S_ISREG(st.st_mode))
		snprintf(why, len, "%s is not a regular file (a FIFO, a device or a socket)", path);
	else if ((uint64_t)st.st_size > sim_file_max(SIM_FILE_FIRMWARE))
		snprintf(why, len, "%s has %llu bytes, more than a firmware file may have", path,
			 (unsigned long long)st.st_size);
	else if (access(path, R_OK) != 0)
		snprintf(why, len, "%s is not readable", path);
	else
		return true;
	return false;
}

/* p (owned; NULL when out of memory) when it is usable; otherwise NULL,
 * p freed, and why given the reason if it has none yet. */
static char *try_path(char *p, char *why, size_t len)
{
	char tmp[512] = "";
	if (p && usable(p, tmp, sizeof(tmp)))
		return p;
	if (tmp[0] && !why[0])
		snprintf(why, len, "%s", tmp);
	free(p);
	return NULL;
}

/* The first directory holding a usable file called name; the reason the
 * first unusable one was skipped goes to why (which stays "" if none). */
static char *find(const struct scenario *sc, const char *name, const char *core, char *why, size_t len)
{
	why[0] = '\0';
	if (!name || !name[0])
		return NULL;
	if (name[0] == '/')
		return usable(name, why, len) ? sj_strdup(name) : NULL;
	for (unsigned i = 0; i < sc->nfw_dirs; i++) {
		/* the core's subfolder first (DIR/CORE/NAME), then DIR/NAME */
		char *cd = core_dir(sc->fw_dirs[i], core);
		char *p = try_path(cd ? sj_join(cd, name) : NULL, why, len);
		free(cd);
		if (p || (p = try_path(sj_join(sc->fw_dirs[i], name), why, len)))
			return p;
	}
	return NULL;
}

char *scenario_find_firmware(const struct scenario *sc, const char *name, const char *core)
{
	char why[512];
	return find(sc, name, core, why, sizeof(why));
}

static void search_list(const struct scenario *sc, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < sc->nfw_dirs && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", sc->fw_dirs[i]);
}

void sj_missing_firmware(struct sj *j, const char *path, const char *name, const char *core)
{
	char dirs[1024], why[512];
	char *found = find(j->sc, name, core, why, sizeof(why));
	free(found);
	if (why[0]) {
		sj_err(j, path, "firmware \"%s\" cannot be loaded: %s; Linux's request_firmware "
		       "takes regular files only", name, why);
		return;
	}
	search_list(j->sc, dirs, sizeof(dirs));
	sj_err(j, path, "firmware \"%s\" not found (searched: %s); add its directory to "
	       "\"firmware_path\", set RPSIM_FIRMWARE_PATH or pass --firmware-dir", name, dirs);
}

void sj_resolve_firmware(struct sj *j)
{
	struct platform_desc *p = &j->sc->platform;
	for (unsigned i = 0; i < p->nremotes; i++) {
		struct platform_remote_desc *r = &p->remotes[i];
		if (!r->firmware) {
			if (j->started[i] || r->auto_boot || r->preloaded) {
				char rp[SJ_PATHLEN];
				snprintf(rp, sizeof(rp), i == 0 ? "$" : "$.platform.rprocs[%u]", i);
				sj_err(j, rp, "remoteproc%u (%s) is started but has no firmware: add "
				       "\"firmware\": \"FILE.elf\"", i, r->name);
			}
			continue;
		}
		if (!r->firmware[0]) {
			sj_err(j, j->fw_where[i], "the firmware name is empty");
			continue;
		}
		r->firmware_file = scenario_find_firmware(j->sc, r->firmware, r->core);
		if (!r->firmware_file && !(j->opts && j->opts->no_firmware_check))
			sj_missing_firmware(j, j->fw_where[i], r->firmware, r->core);
	}
}
