# Check tests of the bounds untrusted input meets in sim/core: the file
# reader, the escaping helper, saturating time, log and trace limits.
HARDENING_TESTS = tests/unit/check_fileio tests/unit/check_escape tests/unit/check_limits
check_PROGRAMS += $(HARDENING_TESTS)
TESTS += $(HARDENING_TESTS)

tests_unit_check_fileio_SOURCES = tests/unit/check_fileio.c
tests_unit_check_fileio_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_fileio_LDADD = $(TEST_LIBS)

tests_unit_check_escape_SOURCES = tests/unit/check_escape.c
tests_unit_check_escape_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_escape_LDADD = $(TEST_LIBS)

tests_unit_check_limits_SOURCES = tests/unit/check_limits.c
tests_unit_check_limits_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_limits_LDADD = $(TEST_LIBS)
