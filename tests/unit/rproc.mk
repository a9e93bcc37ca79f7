# Check tests of the remoteproc core (state machine, sysfs, crash, coredump).
check_PROGRAMS += tests/unit/check_rproc
TESTS += tests/unit/check_rproc
tests_unit_check_rproc_SOURCES = tests/unit/check_rproc.c tests/unit/rproc_fake.h
tests_unit_check_rproc_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_LDADD = $(TEST_LIBS)
clean-local: clean-rproc-dumps
clean-rproc-dumps:
	rm -rf tests/unit/rproc-dumps
.PHONY: clean-rproc-dumps
# the platform's named regions: vrings, carveouts, rsc-table, the pool
check_PROGRAMS += tests/unit/check_rproc_regions
TESTS += tests/unit/check_rproc_regions
tests_unit_check_rproc_regions_SOURCES = tests/unit/check_rproc_regions.c tests/unit/rproc_fixture.h
tests_unit_check_rproc_regions_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_regions_LDADD = $(TEST_LIBS)
