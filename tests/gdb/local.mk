# The GDB stub, end to end with the real gdb-multiarch in batch mode.
GDB_TESTS = tests/gdb/gdb-basics.sh tests/gdb/gdb-cores.sh tests/gdb/gdb-hostile.sh \
	tests/gdb/gdb-determinism.sh tests/gdb/gdb-reverse.sh
TESTS += $(GDB_TESTS)
EXTRA_DIST += tests/gdb/lib.sh tests/gdb/two-echo.json tests/gdb/echo3.json tests/gdb/gdb-hostile.py $(GDB_TESTS)
