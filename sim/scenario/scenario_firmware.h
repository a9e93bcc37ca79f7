/* Internal to the scenario loader: the firmware search path.
 * scenario_find_firmware() (scenario.h) is its public half. */
#ifndef RPSIM_SCENARIO_FIRMWARE_H
#define RPSIM_SCENARIO_FIRMWARE_H

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_json.h"

/* Fills j->sc->fw_dirs in search order; firmware_path is the scenario's
 * "firmware_path" value (NULL when absent). */
void sj_build_search_path(struct sj *j, const cJSON *firmware_path);
/* "firmware X not found (searched: ...)" at path. */
void sj_missing_firmware(struct sj *j, const char *path, const char *name, const char *core);
/* Resolves every rproc's firmware along the search path; an rproc that
 * is started (j->started, auto_boot, preloaded) must have one. */
void sj_resolve_firmware(struct sj *j);

#endif
