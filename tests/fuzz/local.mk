# Fuzz targets (tests/fuzz/README.md).  A target is a directory
# tests/fuzz/NAME/ (fuzz.c, corpus/, repro/, dict) and one line below.
FUZZ_HARNESSES =
FUZZ_HARNESSES += tests/fuzz/elf/fuzz.c
FUZZ_HARNESSES += tests/fuzz/boot/fuzz.c
FUZZ_HARNESSES += tests/fuzz/scenario/fuzz.c
FUZZ_HARNESSES += tests/fuzz/trace/fuzz.c
FUZZ_HARNESSES += tests/fuzz/dt/fuzz.c
FUZZ_HARNESSES += tests/fuzz/exec/fuzz.c
FUZZ_HARNESSES += tests/fuzz/checkpoint/fuzz.c
FUZZ_HARNESSES += tests/fuzz/gdb/fuzz.c
# libraries a target needs beyond rpsim's own (a target's own .mk line)
FUZZ_EXTRA_LIBS =

# ---- make check: every committed input through its target, built with
# the normal compiler (and its sanitizers in the sanitizer build) ----
check_PROGRAMS += tests/fuzz/replay
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz.h $(FUZZ_HARNESSES)
tests_fuzz_replay_CFLAGS = $(TEST_CFLAGS) $(LIBDW_CFLAGS) $(ZSTD_CFLAGS)
tests_fuzz_replay_LDADD = libviewer.a $(RPSIM_LIBS) $(FUZZ_EXTRA_LIBS)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz

# ---- make fuzz: the libFuzzer binaries tests/fuzz/fuzz-NAME, built with
# clang; every source of rpsim's libraries is compiled again with
# coverage instrumentation, ASan and UBSan into tests/fuzz/obj/ ----
FUZZ_NAMES = $(patsubst tests/fuzz/%/fuzz.c,%,$(FUZZ_HARNESSES))
FUZZ_BINS = $(FUZZ_NAMES:%=tests/fuzz/fuzz-%)
FUZZ_LIB_SRCS = $(filter %.c,$(foreach l,$(subst .,_,$(filter lib%.a,$(RPSIM_LIBS)) libviewer.a),$($(l)_SOURCES)))
FUZZ_LIB_OBJS = $(FUZZ_LIB_SRCS:%.c=tests/fuzz/obj/%.o)
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_COMPILE = $(FUZZ_CC) -std=c11 $(DEFS) -I. -I$(srcdir) $(AM_CPPFLAGS) $(CPPFLAGS) \
	$(CJSON_CFLAGS) $(LIBELF_CFLAGS) $(LIBDW_CFLAGS) $(CAPSTONE_CFLAGS) $(ZSTD_CFLAGS) $(FUZZ_FLAGS)
# the libraries rpsim links (cJSON, libfdt, libdw, libelf...), from RPSIM_LIBS
FUZZ_LDLIBS = $(FUZZ_EXTRA_LIBS) $(filter-out %.a,$(RPSIM_LIBS)) $(LIBS)

fuzz: fuzz-cc $(FUZZ_BINS)
fuzz-cc:
	@if test -z "$(FUZZ_CC)"; then \
		echo "make fuzz: $(FUZZ_MISSING)" >&2; exit 1; fi
tests/fuzz/obj/%.o: $(srcdir)/%.c | fuzz-cc
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FUZZ_COMPILE) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
tests/fuzz/fuzz-%: $(srcdir)/tests/fuzz/%/fuzz.c $(FUZZ_LIB_OBJS) | fuzz-cc
	$(AM_V_CCLD)$(FUZZ_COMPILE) -DRPSIM_LIBFUZZER -fsanitize=fuzzer -MMD -MP -o $@ $< \
		$(FUZZ_LIB_OBJS) $(FUZZ_LDLIBS)
-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_BINS:=.d)
# objects are kept between runs (a new source's object would otherwise be
# removed as an intermediate file before its .d names it)
.SECONDARY: $(FUZZ_LIB_OBJS)

# `make fuzz-run FUZZ_TARGET=elf FUZZ_MINUTES=10`: one target for a while
FUZZ_MINUTES = 10
fuzz-run: fuzz $(FIRMWARE)
	@test -n "$(FUZZ_TARGET)" || { echo "make fuzz-run: set FUZZ_TARGET to one of: $(FUZZ_NAMES)" >&2; exit 2; }
	sh $(srcdir)/tests/fuzz/run-fuzz.sh $(FUZZ_TARGET) $(FUZZ_MINUTES)

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/obj tests/fuzz/work tests/fuzz/artifacts $(FUZZ_BINS) $(FUZZ_BINS:=.d)
.PHONY: fuzz fuzz-cc fuzz-run clean-fuzz
