# tests/fuzz/: libFuzzer harnesses for the untrusted inputs rpsim reads
# (checkpoints, snapshots, traces, device-tree blobs).  `make fuzz` builds
# them with clang (-fsanitize=fuzzer,address,undefined) straight from the
# sources, then runs each for FUZZ_TIME seconds, starting from inputs made
# from real runs (make-seeds.sh; dt-seeds.sh compiles the boards) and the
# corpus kept in tests/fuzz/NAME.corpus; a crash, a leak or a hang fails it
# and leaves the input in tests/fuzz/NAME.out/.
# Not part of `make check`: fuzzing takes as long as you give it.
FUZZ_CC = clang
FUZZ_TIME = 60
FUZZ_CFLAGS = -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -Wno-unused-command-line-argument
FUZZ_SRCS = $(filter %.c,$(libcore_a_SOURCES) $(libdevices_a_SOURCES) \
	$(librv32_a_SOURCES) $(libhost_a_SOURCES) $(libplatform_a_SOURCES) \
	$(libscenario_a_SOURCES) $(librunner_a_SOURCES) $(libtrace_a_SOURCES))
FUZZ_HARNESSES = tests/fuzz/fuzz_checkpoint tests/fuzz/fuzz_trace tests/fuzz/fuzz_dt
EXTRA_DIST += tests/fuzz/fuzz_checkpoint.c tests/fuzz/fuzz_trace.c tests/fuzz/make-seeds.sh \
	tests/fuzz/fuzz_dt.c tests/fuzz/dt-seeds.sh

tests/fuzz/fuzz_%: $(srcdir)/tests/fuzz/fuzz_%.c $(addprefix $(srcdir)/,$(FUZZ_SRCS))
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(AM_CPPFLAGS) $(DEFS) \
		-DRPSIM_SRCDIR='"$(abs_top_srcdir)"' \
		-DRPSIM_BUILD_FIRMWARE_DIR='"$(abs_top_builddir)/firmware-samples"' \
		$(CJSON_CFLAGS) $(LIBELF_CFLAGS) $(LIBDW_CFLAGS) $(ZSTD_CFLAGS) $^ -o $@ \
		$(CJSON_LIBS) $(FDT_LIBS) $(LIBDW_LIBS) $(LIBELF_LIBS) $(ZSTD_LIBS)

fuzz: $(FUZZ_HARNESSES) rpsim
	@set -e; for h in $(FUZZ_HARNESSES); do \
		name=$${h#tests/fuzz/fuzz_}; corpus=tests/fuzz/$$name.corpus; \
		mkdir -p $$corpus tests/fuzz/$$name.out; \
		case $$name in \
		dt) sh $(srcdir)/tests/fuzz/dt-seeds.sh $$corpus >/dev/null ;; \
		*) sh $(srcdir)/tests/fuzz/make-seeds.sh $$h $$corpus ;; \
		esac; \
		echo "fuzz: $$name for $(FUZZ_TIME) s"; \
		ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		$$h -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=4096 \
			-artifact_prefix=tests/fuzz/$$name.out/ $$corpus; \
	done
clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/*.corpus tests/fuzz/*.out $(FUZZ_HARNESSES)
.PHONY: fuzz clean-fuzz
