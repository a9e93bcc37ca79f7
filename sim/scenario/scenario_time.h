/* Internal to the scenario loader: the simulated time a scenario takes at
 * least, checked before anything runs. */
#ifndef RPSIM_SCENARIO_TIME_H
#define RPSIM_SCENARIO_TIME_H

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_json.h"

/* Refuses a scenario whose steps cannot fit in simulated time (their
 * least total passes SIM_TIME_MAX) or would execute more than
 * SCENARIO_MAX_RUN_STEPS steps, at the JSON path of the step where the
 * sum overflows; sets sc->run_steps; warns when the steps cannot end
 * before the time limit. */
void sj_check_time(struct sj *j);

#endif
