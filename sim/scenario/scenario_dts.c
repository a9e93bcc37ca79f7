/* A scenario whose board is a device tree: "platform": {"dts": FILE}, or
 * `rpsim run --dts FILE` (scenario_options.dts), which replaces whatever
 * hardware the JSON describes.  The device tree gives the hardware; the
 * JSON keeps what is not hardware: the host's latencies and, per remote
 * (in the tree's order), the firmware (which overrides firmware-name, as
 * writing the sysfs attribute would), auto_boot, preloaded, recovery,
 * coredump, coredump_dir and the simulation quantum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "sim/platform/dt.h"
#include "sim/platform/isa.h"
#include "sim/scenario/scenario_dts.h"

/* The rproc keys that describe hardware: the device tree's business. */
static const char *const hw_rproc_keys[] = {
	"name", "core", "clock", "memories", "mailbox", "devices", "timer_clock", NULL,
};

/* With "dts" in the JSON, hardware keys beside it are a contradiction. */
static void refuse_hw_keys(struct sj *j, const cJSON *plat)
{
	if (cJSON_HasObjectItem(plat, "dram"))
		sj_err(j, "$.platform.dram", "the hardware comes from the device tree ($.platform.dts): "
		       "give the DRAM there (a memory node) and remove this key");
	const cJSON *rprocs = cJSON_GetObjectItemCaseSensitive(plat, "rprocs");
	if (!cJSON_IsArray(rprocs))
		return;
	unsigned i = 0;
	for (const cJSON *r = rprocs->child; r; r = r->next, i++) {
		for (const char *const *k = hw_rproc_keys; *k && cJSON_IsObject(r); k++) {
			if (!cJSON_HasObjectItem(r, *k))
				continue;
			char rp[SJ_PATHLEN], kp[SJ_PATHLEN];
			sj_index_path(rp, "$.platform.rprocs", i);
			sj_key_path(kp, rp, *k);
			sj_err(j, kp, "the hardware comes from the device tree ($.platform.dts): describe it "
			       "there (doc/device-tree.md) and remove this key");
		}
	}
}

/* The device tree's messages, each under the scenario's name and where
 * the tree was named. */
struct relay_ctx {
	struct sj *j;
	const char *where;
};

static void relay(void *ctx, enum diag_severity sev, const char *text)
{
	struct relay_ctx *c = ctx;
	if (sev == DIAG_ERROR)
		sj_err(c->j, c->where, "%s", text);
	else
		sj_warn(c->j, c->where, "%s", text);
}

/* The settings of the JSON's remote i moved onto the tree's. */
static void take_settings(struct platform_remote_desc *to, struct platform_remote_desc *from,
			  bool json_firmware)
{
	to->quantum = from->quantum;
	to->auto_boot = from->auto_boot;
	to->preloaded = from->preloaded;
	to->recovery_disabled = from->recovery_disabled;
	to->coredump = from->coredump;
	free(to->coredump_dir);
	to->coredump_dir = from->coredump_dir;
	from->coredump_dir = NULL;
	if (json_firmware) {
		free(to->firmware);
		to->firmware = from->firmware;
		from->firmware = NULL;
	}
}

void sj_platform_dts(struct sj *j, const cJSON *plat, unsigned njson_rprocs)
{
	struct scenario *sc = j->sc;
	const char *override = j->opts ? j->opts->dts : NULL;
	const cJSON *v = plat ? cJSON_GetObjectItemCaseSensitive(plat, "dts") : NULL;
	const char *where = "--dts";
	j->dts_where = where;
	char *path = NULL;
	if (v && !cJSON_IsString(v)) {
		sj_type_err(j, "$.platform.dts", "a device-tree file name (a string)", v);
		return;
	}
	if (v && !override) {
		refuse_hw_keys(j, plat);
		where = "$.platform.dts";
		j->dts_where = where;
		path = sj_join(sc->dir, v->valuestring);
	} else if (override) {
		path = sj_strdup(override);
	}
	if (!path)
		return;
	struct platform_desc *hw = calloc(1, sizeof(*hw));
	struct diag dd;
	diag_init(&dd, NULL);
	int rc = hw ? dt_load_file(path, hw, &dd) : -1;
	if (!hw)
		sj_err(j, where, "out of memory reading %s", path);
	struct relay_ctx rctx = { .j = j, .where = where };
	diag_each(&dd, relay, &rctx);
	if (!diag_has_errors(&dd) && rc != 0)
		sj_err(j, where, "%s: cannot be read", path);
	diag_free(&dd);
	j->dts_failed = rc != 0;
	if (rc != 0 || njson_rprocs > hw->nremotes) {
		if (rc == 0) {
			char rp[SJ_PATHLEN];
			sj_index_path(rp, "$.platform.rprocs", hw->nremotes);
			sj_err(j, rp, "the device tree %s has %u remote processor%s: the settings of "
			       "remote %u have nothing to apply to", path, hw->nremotes,
			       hw->nremotes == 1 ? "" : "s", hw->nremotes);
		}
		if (hw)
			platform_desc_free_strings(hw);
		free(hw);
		free(path);
		return;
	}
	struct platform_desc *p = &sc->platform;
	hw->host = p->host;
	for (unsigned i = 0; i < hw->nremotes; i++) {
		if (i < njson_rprocs) {
			take_settings(&hw->remotes[i], &p->remotes[i], p->remotes[i].firmware != NULL);
			if (hw->remotes[i].firmware && !j->fw_where[i][0])
				j->fw_from_dt[i] = true;
		} else if (hw->remotes[i].firmware) {
			j->fw_from_dt[i] = true;
		}
		if (j->fw_from_dt[i])
			snprintf(j->fw_where[i], sizeof(j->fw_where[i]), "%s: %s: firmware-name", where,
				 hw->remotes[i].where);
	}
	platform_desc_free_strings(p);
	*p = *hw;
	free(hw);
	free(sc->dts);
	sc->dts = path;
}

/* Where a firmware's segment can be loaded: one memory of the remote, or
 * a region it lists that Linux maps for it (not a vdev's buffers, not
 * the resource table's place). */
static bool segment_fits(const struct platform_desc *p, const struct platform_remote_desc *r,
			 uint64_t da, uint64_t len)
{
	for (unsigned m = 0; m < r->nmemories; m++)
		if (da >= r->memories[m].da && da - r->memories[m].da < r->memories[m].size &&
		    len <= r->memories[m].size - (da - r->memories[m].da))
			return true;
	for (unsigned k = 0; k < r->nregions; k++) {
		const struct platform_region_desc *g = &p->regions[r->regions[k].region];
		unsigned n;
		char tail;
		if (strcmp(g->name, "rsc-table") == 0 || sscanf(g->name, "vdev%ubuffe%c", &n, &tail) == 2)
			continue;
		if (da >= r->regions[k].da && da - r->regions[k].da < g->size &&
		    len <= g->size - (da - r->regions[k].da))
			return true;
	}
	return false;
}

void sj_check_dt_firmware(struct sj *j)
{
	const struct platform_desc *p = &j->sc->platform;
	if (!j->sc->dts)
		return;
	for (unsigned i = 0; i < p->nremotes; i++) {
		const struct platform_remote_desc *r = &p->remotes[i];
		if (!r->firmware_file)
			continue;
		size_t n = 0;
		char err[512];
		uint8_t *data = (uint8_t *)sim_file_read(r->firmware_file, SIM_FILE_FIRMWARE, &n, err,
							  sizeof(err));
		if (!data)
			continue; /* the boot reports it, as Linux's request_firmware would */
		const struct cpu_isa *isa = isa_find(r->core);
		struct elf_open_opts o = { .machine = isa ? isa->elf_machine : 0, .no_symbols = true };
		struct diag quiet;
		diag_init(&quiet, NULL);
		struct elf_image *img = elf_image_open(data, n, &o, &quiet);
		diag_free(&quiet);
		for (unsigned s = 0; img && s < img->nsegs; s++) {
			const struct elf_seg *seg = &img->segs[s];
			if (segment_fits(p, r, seg->paddr, seg->memsz))
				continue;
			char mems[512] = "";
			size_t used = 0;
			for (unsigned m = 0; m < r->nmemories && used < sizeof(mems); m++)
				used += (size_t)snprintf(mems + used, sizeof(mems) - used, "%s%s [da 0x%x, +0x%x)",
							 used ? ", " : "", r->memories[m].name,
							 r->memories[m].da, r->memories[m].size);
			sj_err(j, j->dts_where, "%s: %s: no memory for the firmware %s: its segment %u [da 0x%llx, "
			       "+0x%llx) lies in none of this remote's memories (%s) nor in a region of its "
			       "memory-region; add a reg entry or a region that covers it", j->sc->dts, r->where,
			       r->firmware_file, seg->index, (unsigned long long)seg->paddr,
			       (unsigned long long)seg->memsz, used ? mems : "none");
		}
		elf_image_free(img);
		free(data);
	}
}
