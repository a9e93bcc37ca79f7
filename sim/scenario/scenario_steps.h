/* Internal to the scenario loader: the steps array of a scenario (or of a
 * repeat), parsed along steps.def. */
#ifndef RPSIM_SCENARIO_STEPS_H
#define RPSIM_SCENARIO_STEPS_H

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_json.h"

/* Parses the array arr at path; *n steps, calloc'd (NULL when empty or
 * after an error that leaves none).  depth counts the enclosing repeats;
 * repeat_max is the largest size of the enclosing repeat over sizes, -1
 * outside one. */
struct scenario_step *sj_steps(struct sj *j, const cJSON *arr, const char *path,
			       unsigned depth, int64_t repeat_max, unsigned *n);
void sj_free_steps(struct scenario_step *steps, unsigned n);

#endif
