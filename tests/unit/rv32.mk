# Check tests of the RV32 core (decoder, disassembler, CSRs, traps, ELF).
RV32_UNIT_TESTS = tests/unit/check_rv32_decode tests/unit/check_rv32_core \
	tests/unit/check_bare_elf
check_PROGRAMS += $(RV32_UNIT_TESTS)
TESTS += $(RV32_UNIT_TESTS)

tests_unit_check_rv32_decode_SOURCES = tests/unit/check_rv32_decode.c
tests_unit_check_rv32_decode_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rv32_decode_LDADD = $(TEST_LIBS)

tests_unit_check_rv32_core_SOURCES = tests/unit/check_rv32_core.c
tests_unit_check_rv32_core_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rv32_core_LDADD = $(TEST_LIBS)

tests_unit_check_bare_elf_SOURCES = tests/unit/check_bare_elf.c
tests_unit_check_bare_elf_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_bare_elf_LDADD = $(TEST_LIBS)

# The core interface of the RV32 core: registers, memory, trace, snapshots.
check_PROGRAMS += tests/unit/check_rv32_cpu
TESTS += tests/unit/check_rv32_cpu
tests_unit_check_rv32_cpu_SOURCES = tests/unit/check_rv32_cpu.c
tests_unit_check_rv32_cpu_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rv32_cpu_LDADD = $(TEST_LIBS)

# The debugging hooks of the core interface on the RV32 core.
check_PROGRAMS += tests/unit/check_rv32_debug
TESTS += tests/unit/check_rv32_debug
tests_unit_check_rv32_debug_SOURCES = tests/unit/check_rv32_debug.c
tests_unit_check_rv32_debug_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rv32_debug_LDADD = $(TEST_LIBS)
# The JIT against the interpreter (random programs, code patches,
# devices, interrupts, traps).
check_PROGRAMS += tests/unit/check_rv32_jit
TESTS += tests/unit/check_rv32_jit
tests_unit_check_rv32_jit_SOURCES = tests/unit/check_rv32_jit.c
tests_unit_check_rv32_jit_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rv32_jit_LDADD = $(TEST_LIBS)
