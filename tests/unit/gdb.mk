# Check tests of the GDB stub (sim/gdb): the framing, and a session on a
# small simulation (registers, memory, breakpoints, steps, stops, threads,
# the target description, monitor, reverse execution).
GDB_UNIT_TESTS = tests/unit/check_gdb_packet tests/unit/check_gdb_session
check_PROGRAMS += $(GDB_UNIT_TESTS)
TESTS += $(GDB_UNIT_TESTS)

tests_unit_check_gdb_packet_SOURCES = tests/unit/check_gdb_packet.c
tests_unit_check_gdb_packet_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_gdb_packet_LDADD = $(TEST_LIBS)

tests_unit_check_gdb_session_SOURCES = tests/unit/check_gdb_session.c
tests_unit_check_gdb_session_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_gdb_session_LDADD = $(TEST_LIBS)
