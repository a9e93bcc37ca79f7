# Cortex-M4F ISA tests: Thumb-2 assembly per instruction group, run with
# rpsim exec on its mps2-an386 machine (run-isa.sh); exec-*.S exercise
# rpsim exec itself (exec-cli.sh).
ARMV7M_ISA_NAMES = dp simd it mem exc fault fp systick mpu
ARMV7M_ISA_EXEC = exec-hello exec-lockup exec-wfi exec-loop exec-outside exec-escape \
	exec-sleep-tick exec-sleep-count
ARMV7M_ISA_ELFS = $(ARMV7M_ISA_NAMES:%=tests/isa-armv7m/%.elf) \
	$(ARMV7M_ISA_EXEC:%=tests/isa-armv7m/%.elf) tests/isa-armv7m/exec-lockup-tick.elf
ARMV7M_ISA_DEPS = $(srcdir)/tests/isa-armv7m/isa.h $(srcdir)/tests/isa-armv7m/isa.ld
ARMV7M_ISA_CC = $(ARM_CC) $(ARM_ARCH_FLAGS) -nostdlib -nostartfiles -g \
	-T $(srcdir)/tests/isa-armv7m/isa.ld -I$(srcdir)/tests/isa-armv7m

FIRMWARE += $(ARMV7M_ISA_ELFS)
EXTRA_DIST += $(ARMV7M_ISA_NAMES:%=tests/isa-armv7m/%.S) $(ARMV7M_ISA_EXEC:%=tests/isa-armv7m/%.S) \
	tests/isa-armv7m/isa.h tests/isa-armv7m/isa.ld tests/isa-armv7m/run-isa.sh \
	tests/isa-armv7m/exec-cli.sh

tests/isa-armv7m/%.elf: tests/isa-armv7m/%.S $(ARMV7M_ISA_DEPS)
	@$(MKDIR_P) tests/isa-armv7m
	$(AM_V_GEN)$(ARMV7M_ISA_CC) -o $@ $<
tests/isa-armv7m/exec-lockup-tick.elf: tests/isa-armv7m/exec-sleep-tick.S $(ARMV7M_ISA_DEPS)
	@$(MKDIR_P) tests/isa-armv7m
	$(AM_V_GEN)$(ARMV7M_ISA_CC) -DLOCKUP -o $@ $<
tests/isa-armv7m/exec-outside.elf: tests/isa-armv7m/exec-outside.S $(ARMV7M_ISA_DEPS)
	@$(MKDIR_P) tests/isa-armv7m
	$(AM_V_GEN)$(ARMV7M_ISA_CC) -Wl,--section-start=.far=0x30000000 -o $@ $<

TESTS += tests/isa-armv7m/run-isa.sh tests/isa-armv7m/exec-cli.sh
