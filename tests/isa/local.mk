# ISA tests: assembly per instruction group, run with rpsim exec
# (run-isa.sh); exec-*.S exercise rpsim exec itself (exec-cli.sh).
# Built twice: with the assembler free to compress (NAME.elf) and with
# .option norvc (NAME-norvc.elf)
ISA_NAMES = alu mem branch muldiv amo
# built once (explicit compressed forms, or privileged tests)
ISA_ONCE = comp csr traps irq pmp fencei \
	exec-fail exec-loop exec-wfi exec-fatal exec-hello exec-sig \
	exec-lowonly exec-stack
# from the official riscv-tests, in tests/isa/riscv-tests (its LICENSE),
# with rpsim's own stand-in for their p environment
RISCV_TESTS = rv32ui-p-ma_data
ISA_ELFS = $(ISA_NAMES:%=tests/isa/%.elf) $(ISA_NAMES:%=tests/isa/%-norvc.elf) \
	$(ISA_ONCE:%=tests/isa/%.elf) $(RISCV_TESTS:%=tests/isa/%.elf)
ISA_DEPS = $(srcdir)/tests/isa/isa.h $(srcdir)/tests/isa/isa.ld
ISA_CC = $(RISCV_CC) $(RISCV_ARCH_FLAGS) -nostdlib -nostartfiles -g -Wl,--no-warn-rwx-segments \
	-T $(srcdir)/tests/isa/isa.ld -I$(srcdir)/tests/isa

FIRMWARE += $(ISA_ELFS)
EXTRA_DIST += $(ISA_NAMES:%=tests/isa/%.S) $(ISA_ONCE:%=tests/isa/%.S) tests/isa/isa.h tests/isa/isa.ld \
	tests/isa/run-isa.sh tests/isa/exec-cli.sh \
	tests/isa/riscv-tests/LICENSE tests/isa/riscv-tests/riscv_test.h \
	tests/isa/riscv-tests/test_macros.h tests/isa/riscv-tests/rv32ui/ma_data.S \
	tests/isa/riscv-tests/rv64ui/ma_data.S

RT_DIR = $(srcdir)/tests/isa/riscv-tests
tests/isa/rv32ui-p-%.elf: $(RT_DIR)/rv32ui/%.S $(RT_DIR)/rv64ui/%.S $(RT_DIR)/riscv_test.h \
		$(RT_DIR)/test_macros.h $(srcdir)/tests/isa/isa.ld
	@$(MKDIR_P) tests/isa
	$(AM_V_GEN)$(RISCV_CC) $(RISCV_ARCH_FLAGS) -nostdlib -nostartfiles -g \
		-Wl,--no-warn-rwx-segments -T $(srcdir)/tests/isa/isa.ld -I$(RT_DIR) -o $@ $<

tests/isa/%.elf: tests/isa/%.S $(ISA_DEPS)
	@$(MKDIR_P) tests/isa
	$(AM_V_GEN)$(ISA_CC) -o $@ $<
tests/isa/%-norvc.elf: tests/isa/%.S $(ISA_DEPS)
	@$(MKDIR_P) tests/isa
	$(AM_V_GEN)$(ISA_CC) -DNORVC -o $@ $<

TESTS += tests/isa/run-isa.sh tests/isa/exec-cli.sh
