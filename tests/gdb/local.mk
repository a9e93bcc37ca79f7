# The GDB stub, end to end with the real gdb-multiarch in batch mode.
GDB_TESTS = tests/gdb/gdb-basics.sh
TESTS += $(GDB_TESTS)
EXTRA_DIST += tests/gdb/lib.sh $(GDB_TESTS)
