# RV32 interpreter benchmarks (MIPS): bench_rv32 runs the firmware below.
RV32_BENCH_ELFS = bench/rv32_dhry.elf bench/rv32_fir.elf bench/rv32_crc.elf \
	bench/rv32_cmark.elf bench/rv32_calls.elf
RV32_BENCH_DEPS = $(srcdir)/bench/rv32_bench.c $(srcdir)/bench/rv32_crt0.S \
	$(srcdir)/bench/rv32_bench.ld
RV32_BENCH_CC = $(RISCV_CC) $(RISCV_CFLAGS) -nostdlib -nostartfiles \
	-Wl,--no-warn-rwx-segments -T $(srcdir)/bench/rv32_bench.ld
FIRMWARE += $(RV32_BENCH_ELFS)
EXTRA_DIST += bench/rv32_bench.c bench/rv32_crt0.S bench/rv32_bench.ld

bench/rv32_dhry.elf: $(RV32_BENCH_DEPS)
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(RV32_BENCH_CC) -DWORKLOAD=1 -DITERS=2 -o $@ $(srcdir)/bench/rv32_crt0.S $(srcdir)/bench/rv32_bench.c
bench/rv32_fir.elf: $(RV32_BENCH_DEPS)
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(RV32_BENCH_CC) -DWORKLOAD=2 -o $@ $(srcdir)/bench/rv32_crt0.S $(srcdir)/bench/rv32_bench.c
bench/rv32_crc.elf: $(RV32_BENCH_DEPS)
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(RV32_BENCH_CC) -DWORKLOAD=3 -o $@ $(srcdir)/bench/rv32_crt0.S $(srcdir)/bench/rv32_bench.c
bench/rv32_cmark.elf: $(RV32_BENCH_DEPS)
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(RV32_BENCH_CC) -DWORKLOAD=4 -o $@ $(srcdir)/bench/rv32_crt0.S $(srcdir)/bench/rv32_bench.c
bench/rv32_calls.elf: $(RV32_BENCH_DEPS)
	@$(MKDIR_P) bench
	$(AM_V_GEN)$(RV32_BENCH_CC) -DWORKLOAD=5 -o $@ $(srcdir)/bench/rv32_crt0.S $(srcdir)/bench/rv32_bench.c

EXTRA_PROGRAMS += bench/bench_rv32
BENCH_PROGS += bench/bench_rv32
bench_bench_rv32_SOURCES = bench/bench_rv32.c
bench_bench_rv32_LDADD = $(RPSIM_LIBS)
