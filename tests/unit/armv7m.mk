# Check tests of the Cortex-M4F core: the decoder against Capstone, the
# core interface (registers, memory, exceptions, snapshots) and its
# debugging hooks.
ARMV7M_UNIT_TESTS = tests/unit/check_armv7m_decode tests/unit/check_armv7m_cpu \
	tests/unit/check_armv7m_debug
check_PROGRAMS += $(ARMV7M_UNIT_TESTS)
TESTS += $(ARMV7M_UNIT_TESTS)

tests_unit_check_armv7m_decode_SOURCES = tests/unit/check_armv7m_decode.c
tests_unit_check_armv7m_decode_CFLAGS = $(TEST_CFLAGS) $(CAPSTONE_CFLAGS)
tests_unit_check_armv7m_decode_LDADD = $(TEST_LIBS)

tests_unit_check_armv7m_cpu_SOURCES = tests/unit/check_armv7m_cpu.c
tests_unit_check_armv7m_cpu_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_armv7m_cpu_LDADD = $(TEST_LIBS)

tests_unit_check_armv7m_debug_SOURCES = tests/unit/check_armv7m_debug.c
tests_unit_check_armv7m_debug_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_armv7m_debug_LDADD = $(TEST_LIBS)
