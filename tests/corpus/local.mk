# Malformed-firmware corpus, generated from a good image, checked with rpsim inspect.
# The good images are built with the RISC-V cross compiler; gen-corpus.py
# derives one malformed variant per case into the build directory;
# run-corpus.sh checks each verdict against expect.txt.
CORPUS_PY3 = $(PYTHON3)
CORPUS_FW = tests/corpus/fw-good.elf tests/corpus/fw-dram.elf
CORPUS_FW_FLAGS = $(RISCV_CFLAGS) -g0 -nostdlib -Wl,--build-id=none \
	-T $(srcdir)/tests/corpus/fw.ld

tests/corpus/fw-good.elf: tests/corpus/fw_good.c tests/corpus/fw.ld
	$(AM_V_CC)$(MKDIR_P) $(@D) && \
	$(RISCV_CC) $(CORPUS_FW_FLAGS) -Wl,--defsym=FW_BASE=0 -o $@ $(srcdir)/tests/corpus/fw_good.c

tests/corpus/fw-dram.elf: tests/corpus/fw_good.c tests/corpus/fw.ld
	$(AM_V_CC)$(MKDIR_P) $(@D) && \
	$(RISCV_CC) $(CORPUS_FW_FLAGS) -DFW_DRAM -Wl,--defsym=FW_BASE=0x88000000 -o $@ \
		$(srcdir)/tests/corpus/fw_good.c

# Not part of the corpus: a core that faults with no usable trap handler.
tests/corpus/fw-fault.elf: tests/corpus/fw_good.c tests/corpus/fw.ld
	$(AM_V_CC)$(MKDIR_P) $(@D) && \
	$(RISCV_CC) $(CORPUS_FW_FLAGS) -DFW_FAULT -Wl,--defsym=FW_BASE=0 -o $@ $(srcdir)/tests/corpus/fw_good.c
check_DATA += tests/corpus/fw-fault.elf
CLEANFILES += tests/corpus/fw-fault.elf

tests/corpus/out/good.elf: $(CORPUS_FW) tests/corpus/gen-corpus.py
	$(AM_V_GEN)rm -rf tests/corpus/out && \
	$(CORPUS_PY3) $(srcdir)/tests/corpus/gen-corpus.py $(CORPUS_FW) tests/corpus/out

check_DATA += $(CORPUS_FW) tests/corpus/out/good.elf
TESTS += tests/corpus/run-corpus.sh
EXTRA_DIST += tests/corpus/fw_good.c tests/corpus/fw.ld tests/corpus/gen-corpus.py \
	tests/corpus/expect.txt tests/corpus/run-corpus.sh
CLEANFILES += $(CORPUS_FW)

clean-local: clean-corpus
clean-corpus:
	rm -rf tests/corpus/out tests/corpus/fuzz
.PHONY: clean-corpus
