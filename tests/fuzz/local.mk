# tests/fuzz/: libFuzzer harnesses for the untrusted inputs rpsim reads
# (checkpoints, snapshots, traces, device-tree blobs, GDB's packets).
# `make fuzz` builds them with clang (-fsanitize=fuzzer,address,undefined)
# straight from the sources, then runs each for FUZZ_TIME seconds, starting
# from the seeds of tests/fuzz/NAME-corpus when there is one, else from
# inputs made from real runs (make-seeds.sh; dt-seeds.sh compiles the
# boards), and the corpus kept in tests/fuzz/NAME.corpus; a crash, a leak or
# a hang fails it and leaves the input in tests/fuzz/NAME.out/.  Fuzzing is
# not part of `make check`, but the GDB seed corpus is replayed there
# (fuzz_replay.c, built with the normal compiler: under ASan and UBSan in a
# sanitizer build).
# FUZZ_CC: clang, found by configure (Debian package clang).
FUZZ_TIME = 60
FUZZ_CFLAGS = -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -Wno-unused-command-line-argument
FUZZ_SRCS = $(filter %.c,$(libcore_a_SOURCES) $(libdevices_a_SOURCES) \
	$(librv32_a_SOURCES) $(libarmv7m_a_SOURCES) $(libhost_a_SOURCES) $(libplatform_a_SOURCES) \
	$(libscenario_a_SOURCES) $(librunner_a_SOURCES) $(libgdb_a_SOURCES) \
	$(libtrace_a_SOURCES))
FUZZ_HARNESSES = tests/fuzz/fuzz_checkpoint tests/fuzz/fuzz_trace tests/fuzz/fuzz_dt \
	tests/fuzz/fuzz_gdb
EXTRA_DIST += tests/fuzz/fuzz_checkpoint.c tests/fuzz/fuzz_trace.c tests/fuzz/make-seeds.sh \
	tests/fuzz/fuzz_dt.c tests/fuzz/dt-seeds.sh tests/fuzz/fuzz_gdb.c

tests/fuzz/fuzz_%: $(srcdir)/tests/fuzz/fuzz_%.c $(addprefix $(srcdir)/,$(FUZZ_SRCS))
	@if test -z "$(FUZZ_CC)"; then \
	  echo "make fuzz needs clang with libFuzzer: apt-get install clang (Debian package clang), then run configure again" >&2; \
	  exit 2; fi
	@mkdir -p tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(AM_CPPFLAGS) $(DEFS) $(TEST_PATH_DEFS) $(CJSON_CFLAGS) $(LIBELF_CFLAGS) \
		$(LIBDW_CFLAGS) $(ZSTD_CFLAGS) $(FDT_CFLAGS) $(CAPSTONE_CFLAGS) $^ -o $@ $(CJSON_LIBS) $(FDT_LIBS) \
		$(LIBDW_LIBS) $(LIBELF_LIBS) $(CAPSTONE_LIBS) $(ZSTD_LIBS)

fuzz: $(FUZZ_HARNESSES) rpsim
	@set -e; for h in $(FUZZ_HARNESSES); do \
		name=$${h#tests/fuzz/fuzz_}; corpus=tests/fuzz/$$name.corpus; \
		mkdir -p $$corpus tests/fuzz/$$name.out; \
		if test -d $(srcdir)/tests/fuzz/$$name-corpus; then \
			cp $(srcdir)/tests/fuzz/$$name-corpus/* $$corpus/; \
		else case $$name in \
		dt) sh $(srcdir)/tests/fuzz/dt-seeds.sh $$corpus >/dev/null ;; \
		*) sh $(srcdir)/tests/fuzz/make-seeds.sh $$h $$corpus ;; \
		esac; fi; \
		echo "fuzz: $$name for $(FUZZ_TIME) s"; \
		ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		$$h -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=4096 \
			-artifact_prefix=tests/fuzz/$$name.out/ $$corpus; \
	done
clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/*.corpus tests/fuzz/*.out $(FUZZ_HARNESSES)
.PHONY: fuzz clean-fuzz

# The GDB stub's seeds, replayed through its harness in every make check.
check_PROGRAMS += tests/fuzz/fuzz_gdb_replay
tests_fuzz_fuzz_gdb_replay_SOURCES = tests/fuzz/fuzz_gdb.c tests/fuzz/fuzz_replay.c
tests_fuzz_fuzz_gdb_replay_LDADD = $(RPSIM_LIBS)
TESTS += tests/fuzz/fuzz-gdb.sh
EXTRA_DIST += tests/fuzz/fuzz-gdb.sh tests/fuzz/fuzz_replay.c tests/fuzz/gdb-corpus
