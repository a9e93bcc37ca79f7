# The GDB stub, end to end with the real gdb-multiarch in batch mode.
GDB_TESTS = tests/gdb/gdb-basics.sh tests/gdb/gdb-cores.sh tests/gdb/gdb-hostile.sh \
	tests/gdb/gdb-determinism.sh tests/gdb/gdb-reverse.sh tests/gdb/gdb-cm4.sh
TESTS += $(GDB_TESTS)
EXTRA_DIST += tests/gdb/lib.sh tests/gdb/two-echo.json tests/gdb/echo3.json tests/gdb/gdb-hostile.py \
	tests/gdb/cm4.c $(GDB_TESTS)

# The Cortex-M4F program gdb-cm4.sh debugs: -Og, so that GDB's step and
# next see every line (ARMV7M_DIFF_CC: tests/diff-armv7m/local.mk)
FIRMWARE += tests/gdb/cm4.elf
tests/gdb/cm4.elf: tests/gdb/cm4.c
	@$(MKDIR_P) tests/gdb
	$(AM_V_GEN)$(ARMV7M_DIFF_CC) -Og -o $@ $<
