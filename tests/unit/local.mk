# Check unit tests, one program per module.
UNIT_TESTS = \
	tests/unit/check_simtime \
	tests/unit/check_eventq \
	tests/unit/check_bus \
	tests/unit/check_elf \
	tests/unit/check_snap \
	tests/unit/check_record \
	tests/unit/check_debuginfo

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_check_simtime_SOURCES = tests/unit/check_simtime.c
tests_unit_check_simtime_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_simtime_LDADD = $(TEST_LIBS)

tests_unit_check_eventq_SOURCES = tests/unit/check_eventq.c
tests_unit_check_eventq_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_eventq_LDADD = $(TEST_LIBS)

tests_unit_check_bus_SOURCES = tests/unit/check_bus.c
tests_unit_check_bus_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_bus_LDADD = $(TEST_LIBS)
noinst_HEADERS = tests/unit/check_main.h tests/unit/device_fixture.h

tests_unit_check_elf_SOURCES = tests/unit/check_elf.c tests/unit/rproc_fixture.h
tests_unit_check_elf_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_elf_LDADD = $(TEST_LIBS)

tests_unit_check_snap_SOURCES = tests/unit/check_snap.c
tests_unit_check_snap_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_snap_LDADD = $(TEST_LIBS)

tests_unit_check_record_SOURCES = tests/unit/check_record.c
tests_unit_check_record_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_record_LDADD = $(TEST_LIBS)

tests_unit_check_debuginfo_SOURCES = tests/unit/check_debuginfo.c
tests_unit_check_debuginfo_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_debuginfo_LDADD = $(TEST_LIBS)

# Whole runs: a snapshot restored and run on == the run that never stopped,
# for every shipped scenario at several instants (fresh and in place).
check_PROGRAMS += tests/unit/check_snapshot_runs
TESTS += tests/unit/check_snapshot_runs
tests_unit_check_snapshot_runs_SOURCES = tests/unit/check_snapshot_runs.c
tests_unit_check_snapshot_runs_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_snapshot_runs_LDADD = $(TEST_LIBS)

# Seekable traces: the state re-executed from snapshots at many instants of
# every shipped scenario is the one --trace-insns records.
check_PROGRAMS += tests/unit/check_replay
TESTS += tests/unit/check_replay
tests_unit_check_replay_SOURCES = tests/unit/check_replay.c
tests_unit_check_replay_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_replay_LDADD = $(TEST_LIBS)
