# Differential tests against QEMU: bare-metal C programs (integer, DSP, FP,
# exceptions, SysTick, MPU) for mps2-an386 with picolibc's semihosting
# start-up, run on rpsim and on qemu-system-arm by run-diff.sh.
ARMV7M_DIFF_NAMES = integer dsp fp exceptions systick mpu
ARMV7M_DIFF_ELFS = $(ARMV7M_DIFF_NAMES:%=tests/diff-armv7m/%.elf)
# picolibc's start-up and semihosting, its linker script on QEMU's map
ARMV7M_PICOLIBC = --specs=picolibc.specs --oslib=semihost --crt0=semihost \
	-Wl,--defsym=__flash=0 -Wl,--defsym=__flash_size=0x400000 \
	-Wl,--defsym=__ram=0x20000000 -Wl,--defsym=__ram_size=0x400000
ARMV7M_DIFF_CC = $(ARM_CC) $(ARM_ARCH_FLAGS) $(ARMV7M_PICOLIBC) -O2 -g -Wall -Wno-format

FIRMWARE += $(ARMV7M_DIFF_ELFS)
EXTRA_DIST += $(ARMV7M_DIFF_NAMES:%=tests/diff-armv7m/%.c) tests/diff-armv7m/diff.h \
	tests/diff-armv7m/run-diff.sh

tests/diff-armv7m/%.elf: tests/diff-armv7m/%.c $(srcdir)/tests/diff-armv7m/diff.h
	@$(MKDIR_P) tests/diff-armv7m
	$(AM_V_GEN)$(ARMV7M_DIFF_CC) -o $@ $<

TESTS += tests/diff-armv7m/run-diff.sh
CLEANFILES += $(ARMV7M_DIFF_NAMES:%=tests/diff-armv7m/%.rpsim) \
	$(ARMV7M_DIFF_NAMES:%=tests/diff-armv7m/%.rpsim-err) $(ARMV7M_DIFF_NAMES:%=tests/diff-armv7m/%.qemu)
