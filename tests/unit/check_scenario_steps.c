/* The step vocabulary (sim/scenario/steps.def): the table is
 * usable with another X macro, as the runner's dispatch will use it; the
 * names and keys the loader derives from it; and the schema and the
 * format doc stay in step with it (one schema branch per kind with exactly
 * its keys, one doc section per kind, the state and crash names). */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/scenario/scenario.h"
#include "tests/unit/check_main.h"

static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && s[0] ? s : ".";
}

/* The whole file, NUL-terminated; fails the test if unreadable. */
static char *slurp(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", srcdir(), rel);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* A second expansion of the table, the way a runner dispatch would
 * include it: every kind once, in enum order, with its verb. */
struct kind_row {
	enum scenario_step_kind kind;
	const char *verb;
	const char *member;
};

static const struct kind_row rows[] = {
#define SCENARIO_STEP(ID, verb, member, ...) { SCENARIO_STEP_##ID, #verb, #member },
#include "sim/scenario/steps.def"
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

START_TEST(table_expands_anywhere)
{
	ck_assert_uint_eq(NROWS, SCENARIO_STEP_KIND_COUNT);
	ck_assert_uint_ge(NROWS, 11);
	for (unsigned i = 0; i < NROWS; i++) {
		ck_assert_uint_eq(rows[i].kind, i);
		ck_assert_str_eq(scenario_step_kind_name(rows[i].kind), rows[i].verb);
		const char *const *keys = scenario_step_keys(rows[i].kind);
		ck_assert_ptr_nonnull(keys);
		ck_assert_str_eq(keys[0], rows[i].verb);
	}
	/* the .def undefines its macro: a third expansion needs no #undef */
#define SCENARIO_STEP(ID, ...) +1
	unsigned again = 0
#include "sim/scenario/steps.def"
		;
	ck_assert_uint_eq(again, SCENARIO_STEP_KIND_COUNT);
}
END_TEST

START_TEST(names_and_keys)
{
	ck_assert_str_eq(scenario_step_kind_name(SCENARIO_STEP_ECHO), "echo");
	ck_assert_str_eq(scenario_step_kind_name(SCENARIO_STEP_REPEAT), "repeat");
	ck_assert_str_eq(scenario_step_kind_name((enum scenario_step_kind)SCENARIO_STEP_KIND_COUNT), "?");
	ck_assert_ptr_null(scenario_step_keys((enum scenario_step_kind)SCENARIO_STEP_KIND_COUNT));
	ck_assert_ptr_null(scenario_step_keys((enum scenario_step_kind)-1));
	/* read: its verb, then its options in the order messages list them */
	const char *const want[] = { "read", "expect", "max_len", "timeout", "expect_errno", "comment", NULL };
	const char *const *keys = scenario_step_keys(SCENARIO_STEP_READ);
	for (unsigned i = 0; want[i]; i++)
		ck_assert_str_eq(keys[i], want[i]);
	ck_assert_ptr_null(keys[6]);
	/* verbs are unique, and no verb is another kind's option */
	for (unsigned a = 0; a < SCENARIO_STEP_KIND_COUNT; a++)
		for (unsigned b = 0; b < SCENARIO_STEP_KIND_COUNT; b++)
			for (const char *const *k = scenario_step_keys(b) + (a == b); *k; k++)
				ck_assert_str_ne(*k, scenario_step_kind_name(a));
	ck_assert_str_eq(scenario_crash_type_name(SCENARIO_CRASH_FATAL), "fatal");
	ck_assert_str_eq(scenario_crash_type_name((enum scenario_crash_type)3), "?");
}
END_TEST

/* Every kind accepts what it lists, and a key of another kind is refused
 * with the list of its own. */
START_TEST(loader_follows_table)
{
	struct scenario_options o = { .no_firmware_check = true };
	char text[512];
	snprintf(text, sizeof(text), "{\"firmware\": \"x.elf\", \"steps\": [{\"run\": \"1us\", \"nonblock\": true}]}");
	struct diag d;
	diag_init(&d, NULL);
	struct scenario *sc = NULL;
	ck_assert_int_eq(scenario_load_buffer("t.json", text, strlen(text), &o, &sc, &d), -1);
	ck_assert_ptr_nonnull(diag_find(&d, DIAG_ERROR, "t.json: $.steps[0].nonblock: unknown key \"nonblock\" "
					"(accepted here: run, comment)"));
	diag_free(&d);
	diag_init(&d, NULL);
	snprintf(text, sizeof(text), "{\"firmware\": \"x.elf\", \"steps\": [{\"comment\": \"none\"}]}");
	ck_assert_int_eq(scenario_load_buffer("t.json", text, strlen(text), &o, &sc, &d), -1);
	ck_assert_ptr_nonnull(diag_find(&d, DIAG_ERROR, "a step needs one action: echo, cat, open, close, "
					"write, read, poll, ioctl, wait, crash, run or repeat"));
	diag_free(&d);
}
END_TEST

static const cJSON *member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	ck_assert_msg(v != NULL, "the schema lacks \"%s\"", k);
	return v;
}

static bool has_string(const cJSON *arr, const char *s)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return true;
	return false;
}

/* doc/scenario.schema.json: one branch of $defs.step.oneOf per kind, which
 * requires its verb and has exactly its keys. */
START_TEST(schema_per_kind)
{
	char *text = slurp("doc/scenario.schema.json");
	cJSON *root = cJSON_Parse(text);
	ck_assert_msg(root != NULL, "doc/scenario.schema.json does not parse");
	const cJSON *branches = member(member(member(root, "$defs"), "step"), "oneOf");
	ck_assert_int_eq(cJSON_GetArraySize(branches), SCENARIO_STEP_KIND_COUNT);
	for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++) {
		const char *verb = scenario_step_kind_name(k);
		const cJSON *b, *found = NULL;
		cJSON_ArrayForEach(b, branches)
			if (has_string(member(b, "required"), verb))
				found = b;
		ck_assert_msg(found != NULL, "no schema branch requires \"%s\"", verb);
		const cJSON *props = member(found, "properties");
		unsigned n = 0;
		for (const char *const *key = scenario_step_keys(k); *key; key++, n++)
			ck_assert_msg(cJSON_HasObjectItem(props, *key), "the schema's %s step lacks \"%s\"",
				      verb, *key);
		ck_assert_msg(cJSON_GetArraySize(props) == (int)n, "the schema's %s step has keys the "
			      "loader refuses", verb);
	}
	cJSON_Delete(root);
	free(text);
}
END_TEST

/* The schema's enums of remoteproc states and crash types are the
 * simulator's names. */
START_TEST(schema_names)
{
	char *text = slurp("doc/scenario.schema.json");
	cJSON *root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	const cJSON *branches = member(member(member(root, "$defs"), "step"), "oneOf");
	const cJSON *b, *states = NULL, *crashes = NULL;
	cJSON_ArrayForEach(b, branches) {
		const cJSON *props = member(b, "properties");
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(props, scenario_step_kind_name(SCENARIO_STEP_WAIT));
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(props, scenario_step_kind_name(SCENARIO_STEP_CRASH));
		if (w)
			states = member(member(member(w, "properties"), "state"), "enum");
		if (c)
			crashes = member(member(c, "oneOf")->child, "enum");
	}
	ck_assert_ptr_nonnull(states);
	ck_assert_int_eq(cJSON_GetArraySize(states), RECORD_RPROC_NSTATES + 1); /* and "invalid" */
	for (unsigned st = 0; st <= RECORD_RPROC_NSTATES; st++)
		ck_assert_msg(has_string(states, record_rproc_state_name(st)), "the schema lacks state %s",
			      record_rproc_state_name(st));
	ck_assert_ptr_nonnull(crashes);
	ck_assert_int_eq(cJSON_GetArraySize(crashes), 3);
	for (unsigned t = 0; t < 3; t++)
		ck_assert(has_string(crashes, scenario_crash_type_name(t)));
	cJSON_Delete(root);
	free(text);
}
END_TEST

/* doc/scenario-format.md has a section per kind: a "### " heading that
 * names its verb ("### open, close" covers two). */
START_TEST(doc_sections)
{
	char *text = slurp("doc/scenario-format.md");
	for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++) {
		const char *verb = scenario_step_kind_name(k);
		size_t vl = strlen(verb);
		bool found = false;
		for (const char *h = text; (h = strstr(h, "\n### ")) != NULL && !found; h += 5) {
			const char *end = strchr(h + 1, '\n');
			for (const char *p = h + 5; p && end && p < end; p++)
				if (strncmp(p, verb, vl) == 0 && (p[vl] == ':' || p[vl] == ',' || p[vl] == '\n') &&
				    (p == h + 5 || p[-1] == ' '))
					found = true;
		}
		ck_assert_msg(found, "doc/scenario-format.md has no \"### %s\" section", verb);
	}
	free(text);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("scenario_steps");
	TCase *tc = tcase_create("vocabulary");
	tcase_add_test(tc, table_expands_anywhere);
	tcase_add_test(tc, names_and_keys);
	tcase_add_test(tc, loader_follows_table);
	tcase_add_test(tc, schema_per_kind);
	tcase_add_test(tc, schema_names);
	tcase_add_test(tc, doc_sections);
	suite_add_tcase(s, tc);
	return s;
}
