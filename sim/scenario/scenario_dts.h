/* Internal to the scenario loader: a board given as a device tree
 * (scenario_dts.c).  Called by scenario_load.c; calls scenario_json.c
 * and sim/platform's device-tree reader. */
#ifndef RPSIM_SCENARIO_DTS_H
#define RPSIM_SCENARIO_DTS_H

#include "sim/scenario/scenario_json.h"

/* After the JSON platform is parsed: when "platform": {"dts": ...} or
 * the --dts override names a tree, its hardware replaces the JSON's and
 * the first njson_rprocs JSON remotes give their settings to the tree's.
 * plat may be NULL (no "platform" key). */
void sj_platform_dts(struct sj *j, const cJSON *plat, unsigned njson_rprocs);
/* After the firmware is found: each firmware segment of a remote the tree
 * describes must lie in one of its memories or regions ("no memory for
 * its firmware's segments" is bad input, named with the node). */
void sj_check_dt_firmware(struct sj *j);

#endif
