/* Internal to the scenario loader: what a step names (attribute paths,
 * devices, remote processors, errnos, remoteproc states), checked against
 * the platform and against what Linux accepts.  Filled into the step's
 * fields; each problem is reported at its JSON path. */
#ifndef RPSIM_SCENARIO_OPERANDS_H
#define RPSIM_SCENARIO_OPERANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_json.h"

/* The step's "expect_errno" (a name or a number), if any, into out. */
void sj_parse_errno(struct sj *j, const cJSON *step, const char *path, struct scenario_step *out);
/* "/sys/class/remoteproc/remoteprocN/ATTR", its debugfs twin or
 * "/sys/class/devcoredump/devcdN/data" into st->u.attr; writing: for echo
 * (read-only attributes refused), else for cat (write-only refused). */
bool sj_attr_path(struct sj *j, const char *path, const char *file, struct scenario_step *st,
		  bool writing);
/* A device path of the kinds given (bit 1 << enum scenario_dev_kind):
 * "/dev/rpmsgN", "/dev/rpmsg_ctrlN", "/dev/ttyRPMSGN", "/dev/remoteprocN",
 * into st->u.dev. */
bool sj_dev_path(struct sj *j, const char *path, const cJSON *v, struct scenario_step *st,
		 unsigned kinds);
#define SJ_DEV(k) (1u << SCENARIO_DEV_##k)
/* The step's "rproc" (a name or an index) into *out (0 when absent);
 * returns 1 if given, 0 if absent, -1 after an error. */
int sj_rproc_ref(struct sj *j, const cJSON *step, const char *path, unsigned *out);

/* The remoteproc state names, from sim/core/record.c's table. */
bool sj_is_state_name(const char *s);
/* "offline, suspended, ...", for messages. */
void sj_state_list(char *buf, size_t len);

#endif
