# Cortex-M4F benchmark (make bench): CPU-bound programs on rpsim exec and
# on qemu-system-arm -M mps2-an386, interleaved, with each ratio printed by
# bench/armv7m-vs-qemu.sh.  The integer workloads are the RV32
# benchmark's C (Dhrystone-like, FIR, CRC-32), the FP one armv7m_fp.c.
ARMV7M_BENCH_ELFS = bench/armv7m_dhry.elf bench/armv7m_fir.elf bench/armv7m_crc.elf \
	bench/armv7m_fp.elf
ARMV7M_BENCH_CC = $(ARM_CC) $(ARM_ARCH_FLAGS) $(ARMV7M_PICOLIBC) -O2 -DITERS=4
FIRMWARE += $(ARMV7M_BENCH_ELFS)
EXTRA_DIST += bench/armv7m_fp.c bench/armv7m-vs-qemu.sh

bench/armv7m_dhry.elf: $(srcdir)/bench/rv32_bench.c
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(ARMV7M_BENCH_CC) -DWORKLOAD=1 -o $@ $<
bench/armv7m_fir.elf: $(srcdir)/bench/rv32_bench.c
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(ARMV7M_BENCH_CC) -DWORKLOAD=2 -o $@ $<
bench/armv7m_crc.elf: $(srcdir)/bench/rv32_bench.c
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(ARMV7M_BENCH_CC) -DWORKLOAD=3 -o $@ $<
bench/armv7m_fp.elf: $(srcdir)/bench/armv7m_fp.c
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(ARMV7M_BENCH_CC) -o $@ $< -lm

BENCH_RUNS += bench-armv7m
bench-armv7m: $(ARMV7M_BENCH_ELFS) rpsim
	@RPSIM=$(abs_top_builddir)/rpsim QEMU_ARM='$(QEMU_ARM)' \
		sh $(srcdir)/bench/armv7m-vs-qemu.sh $(ARMV7M_BENCH_ELFS)
