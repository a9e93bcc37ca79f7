/* Internal to the scenario loader: typed access to cJSON values with one
 * message per problem, naming the file and the JSON path.  Each getter
 * leaves *out untouched when the key is absent (so defaults stay), returns
 * 1 if it stored a value, 0 if absent, -1 after reporting an error.
 *
 * The bottom of the loader: it includes scenario.h for the parse
 * context's types and calls nothing else of the loader, so the files that
 * use it (scenario_load.c, scenario_steps.c, scenario_operands.c,
 * scenario_payload.c, scenario_firmware.c) depend on it one way. */
#ifndef RPSIM_SCENARIO_JSON_H
#define RPSIM_SCENARIO_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/core/diag.h"
#include "sim/core/simtime.h"
#include "sim/scenario/scenario.h"

#define SJ_PATHLEN 256

struct sj {
	struct diag *d;
	const char *file;
	const struct scenario_options *opts;
	struct scenario *sc;
	unsigned errors;
	/* per-rproc: some step or auto_boot starts it, so its firmware must exist */
	bool started[SCENARIO_MAX_RPROCS];
	/* where each rproc's firmware was named, for messages */
	char fw_where[SCENARIO_MAX_RPROCS][SJ_PATHLEN];
	/* the firmware is the device tree's firmware-name (a scenario's
	 * "firmware" replaces it) */
	bool fw_from_dt[SCENARIO_MAX_RPROCS];
	const char *dts_where; /* "$.platform.dts" or "--dts" */
	bool dts_failed;       /* the tree was refused: the platform is not the board's */
	unsigned nsteps_total;
	bool fw_dirs_full;  /* the search path's limit was reported */
};

void sj_err(struct sj *j, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sj_warn(struct sj *j, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "a string", "a number", "an object", ... */
const char *sj_kind(const cJSON *v);
void sj_type_err(struct sj *j, const char *path, const char *want, const cJSON *got);

/* path + "." + key, or path + "[i]", truncated to SJ_PATHLEN. */
void sj_key_path(char *out, const char *path, const char *key);
void sj_index_path(char *out, const char *path, unsigned i);

/* Reports every key of obj not in allowed (NULL-terminated), with a
 * did-you-mean when one is close, and every key given twice.  Returns the
 * number of problems. */
unsigned sj_check_keys(struct sj *j, const cJSON *obj, const char *path,
		       const char *const *allowed);

/* Expects obj to be an object; reports and returns false otherwise. */
bool sj_expect_object(struct sj *j, const cJSON *v, const char *path);

int sj_string(struct sj *j, const cJSON *obj, const char *key, const char *path, char **out);
int sj_bool(struct sj *j, const cJSON *obj, const char *key, const char *path, bool *out);
/* An integer number in [min, max]. */
int sj_uint(struct sj *j, const cJSON *obj, const char *key, const char *path,
	    uint64_t min, uint64_t max, uint64_t *out);
/* A duration string with a unit ("10us"). */
int sj_time(struct sj *j, const cJSON *obj, const char *key, const char *path, sim_time_t *out);
/* A frequency string ("200MHz"). */
int sj_hz(struct sj *j, const cJSON *obj, const char *key, const char *path, uint64_t *out);
/* A size: a number, or a string "4096", "0x1000", "64KiB", "256MiB", "1GiB". */
int sj_size(struct sj *j, const cJSON *obj, const char *key, const char *path,
	    uint64_t max, uint64_t *out);
/* A 32-bit address: a number or a string "0x8000_0000" / "0x80000000". */
int sj_addr32(struct sj *j, const cJSON *obj, const char *key, const char *path, uint32_t *out);

/* The value form of the above, for array elements and computed paths. */
int sj_size_value(struct sj *j, const cJSON *v, const char *path, uint64_t max, uint64_t *out);
int sj_uint_value(struct sj *j, const cJSON *v, const char *path, uint64_t min,
		  uint64_t max, uint64_t *out);

/* s is one of the NULL-terminated list. */
bool sj_in_list(const char *s, const char *const *list);
/* For messages: the first n words of list (all up to NULL when n is 0),
 * each between quote marks q, separated by ", " but by last before the
 * last word: "a, b or c". */
void sj_join_words(char *buf, size_t len, const char *const *list, size_t n, const char *q,
		   const char *last);

/* Edit distance, capped (for did-you-mean). */
unsigned sj_distance(const char *a, const char *b);

char *sj_strdup(const char *s);

/* The keys each object other than a step accepts, kept together so
 * scenario_known_key and the schema test see all of them (a step's keys
 * come from steps.def). */
extern const char *const sj_keys_top[];
extern const char *const sj_keys_platform[];
extern const char *const sj_keys_dram[];
extern const char *const sj_keys_host[];
extern const char *const sj_keys_rproc[];
extern const char *const sj_keys_memory[];
extern const char *const sj_keys_mailbox[];
extern const char *const sj_keys_payload[];
extern const char *const sj_keys_ept[];
extern const char *const sj_keys_wait[];
extern const char *const sj_keys_repeat[];

/* dir + "/" + rel unless rel is absolute; malloc'd. */
char *sj_join(const char *dir, const char *rel);

#endif
