/* Internal to the scenario loader: payloads of write and read steps.
 * scenario_payload_fill() (scenario.h) is the runner's half. */
#ifndef RPSIM_SCENARIO_PAYLOAD_H
#define RPSIM_SCENARIO_PAYLOAD_H

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_json.h"

/* A payload spec: fills p, returns its largest length (repeat_max for
 * sizes taken from the repeat), or -1 after an error.  for_read:
 * {"size": N} alone means "any N bytes". */
int64_t sj_payload(struct sj *j, const cJSON *v, const char *path, int64_t repeat_max,
		   bool for_read, struct scenario_payload *p);
void sj_free_payload(struct scenario_payload *p);

#endif
