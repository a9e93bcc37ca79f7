# Check tests of the scenario loader, its step vocabulary and the trace
# file, and the negative scenario files (tests/scenario-bad/expected.tsv
# lists each file with the exit status and the message `rpsim run` must
# give).
SCENARIO_UNIT_TESTS = \
	tests/unit/check_scenario \
	tests/unit/check_scenario_steps \
	tests/unit/check_scenario_limits \
	tests/unit/check_scenario_uapi \
	tests/unit/check_tracefile

check_PROGRAMS += $(SCENARIO_UNIT_TESTS)
TESTS += $(SCENARIO_UNIT_TESTS)

tests_unit_check_scenario_SOURCES = tests/unit/check_scenario.c
tests_unit_check_scenario_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_scenario_LDADD = $(TEST_LIBS)

# the step vocabulary: its table, and the schema and doc kept in step with it
tests_unit_check_scenario_steps_SOURCES = tests/unit/check_scenario_steps.c
tests_unit_check_scenario_steps_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_scenario_steps_LDADD = $(TEST_LIBS)

# what the loader checks so that a run can end and matches the run
tests_unit_check_scenario_limits_SOURCES = tests/unit/check_scenario_limits.c
tests_unit_check_scenario_limits_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_scenario_limits_LDADD = $(TEST_LIBS)

# the steps of the rpmsg / remoteproc user-space interface
tests_unit_check_scenario_uapi_SOURCES = tests/unit/check_scenario_uapi.c
tests_unit_check_scenario_uapi_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_scenario_uapi_LDADD = $(TEST_LIBS)

tests_unit_check_tracefile_SOURCES = tests/unit/check_tracefile.c
tests_unit_check_tracefile_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_tracefile_LDADD = $(TEST_LIBS)

EXTRA_DIST += tests/scenario-bad
EXTRA_DIST += \
	tests/unit/check_tracefile_dump.golden \
	tests/unit/check_tracefile_perfetto.golden \
	tests/unit/check_tracefile_vcd.golden
