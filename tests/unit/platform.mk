# Check tests of sim/platform: the ISA registry and the bare machine of
# rpsim exec (the platform builder is exercised by the scenario tests).
PLATFORM_TESTS = tests/unit/check_isa tests/unit/check_bare tests/unit/check_platform \
	tests/unit/check_platform_profile
check_PROGRAMS += $(PLATFORM_TESTS)
TESTS += $(PLATFORM_TESTS)

tests_unit_check_isa_SOURCES = tests/unit/check_isa.c
tests_unit_check_isa_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_isa_LDADD = $(TEST_LIBS)

tests_unit_check_bare_SOURCES = tests/unit/check_bare.c
tests_unit_check_bare_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_bare_LDADD = $(TEST_LIBS)
CLEANFILES += check_bare_clint.elf check_bare_noclint.elf

tests_unit_check_platform_SOURCES = tests/unit/check_platform.c
tests_unit_check_platform_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_platform_LDADD = $(TEST_LIBS)
# the device-tree reader and writer (sim/platform/dt_*.c): needs dtc
check_PROGRAMS += tests/unit/check_dt
TESTS += tests/unit/check_dt
tests_unit_check_dt_SOURCES = tests/unit/check_dt.c
tests_unit_check_dt_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_dt_LDADD = $(TEST_LIBS)

tests_unit_check_platform_profile_SOURCES = tests/unit/check_platform_profile.c
tests_unit_check_platform_profile_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_platform_profile_LDADD = $(TEST_LIBS)
