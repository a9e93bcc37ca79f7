# ISA tests: assembly per instruction group, run with rpsim exec
# (run-isa.sh); exec-*.S exercise rpsim exec itself (exec-cli.sh).
# Built twice: with the assembler free to compress (NAME.elf) and with
# .option norvc (NAME-norvc.elf)
ISA_NAMES = alu mem branch muldiv amo
# built once (explicit compressed forms, or privileged tests)
ISA_ONCE = comp csr traps irq pmp fencei \
	exec-fail exec-loop exec-wfi exec-fatal exec-hello exec-sig \
	exec-lowonly exec-stack
ISA_ELFS = $(ISA_NAMES:%=tests/isa/%.elf) $(ISA_NAMES:%=tests/isa/%-norvc.elf) \
	$(ISA_ONCE:%=tests/isa/%.elf)
ISA_DEPS = $(srcdir)/tests/isa/isa.h $(srcdir)/tests/isa/isa.ld
ISA_CC = $(RISCV_CC) $(RISCV_ARCH_FLAGS) -nostdlib -nostartfiles -g -Wl,--no-warn-rwx-segments \
	-T $(srcdir)/tests/isa/isa.ld -I$(srcdir)/tests/isa

FIRMWARE += $(ISA_ELFS)
EXTRA_DIST += $(ISA_NAMES:%=tests/isa/%.S) $(ISA_ONCE:%=tests/isa/%.S) tests/isa/isa.h tests/isa/isa.ld \
	tests/isa/run-isa.sh tests/isa/exec-cli.sh

tests/isa/%.elf: tests/isa/%.S $(ISA_DEPS)
	@$(MKDIR_P) tests/isa
	$(AM_V_GEN)$(ISA_CC) -o $@ $<
tests/isa/%-norvc.elf: tests/isa/%.S $(ISA_DEPS)
	@$(MKDIR_P) tests/isa
	$(AM_V_GEN)$(ISA_CC) -DNORVC -o $@ $<

TESTS += tests/isa/run-isa.sh tests/isa/exec-cli.sh
