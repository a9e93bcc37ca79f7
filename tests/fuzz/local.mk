# tests/fuzz/: libFuzzer harnesses.  `make check` replays each corpus
# through its harness (built with the normal compiler, so under ASan and
# UBSan in a sanitizer build); `make fuzz` builds the harnesses with
# clang's libFuzzer and sanitizers and fuzzes each for FUZZ_SECONDS
# (default 60), adding what it finds to the corpus in the build tree.
check_PROGRAMS += tests/fuzz/fuzz_gdb_replay
tests_fuzz_fuzz_gdb_replay_SOURCES = tests/fuzz/fuzz_gdb.c tests/fuzz/fuzz_replay.c
tests_fuzz_fuzz_gdb_replay_LDADD = $(RPSIM_LIBS)
TESTS += tests/fuzz/fuzz-gdb.sh
EXTRA_DIST += tests/fuzz/fuzz-gdb.sh tests/fuzz/gdb-corpus

FUZZ_SECONDS = 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
# the stub and everything it reaches, instrumented for coverage
FUZZ_GDB_SRCS = tests/fuzz/fuzz_gdb.c \
	$(filter %.c,$(libgdb_a_SOURCES) $(libscenario_a_SOURCES) $(libplatform_a_SOURCES) $(libhost_a_SOURCES) \
	$(librv32_a_SOURCES) $(libdevices_a_SOURCES) $(libcore_a_SOURCES))
FUZZ_GDB_NOT = sim/gdb/gdb_server.c sim/gdb/gdb_targets.c

tests/fuzz/fuzz-gdb: $(FUZZ_GDB_SRCS)
	@if test -z "$(FUZZ_CC)"; then \
	  echo "make fuzz needs clang with libFuzzer: apt-get install clang (Debian package clang), then re-run configure" >&2; \
	  exit 2; fi
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(AM_CPPFLAGS) $(CPPFLAGS) $(CJSON_CFLAGS) $(LIBELF_CFLAGS) \
	  -std=c11 -o $@ $(addprefix $(srcdir)/,$(filter-out $(FUZZ_GDB_NOT),$(FUZZ_GDB_SRCS))) \
	  $(CJSON_LIBS) $(LIBDW_LIBS) $(LIBELF_LIBS)

fuzz-gdb: tests/fuzz/fuzz-gdb
	@$(MKDIR_P) tests/fuzz/gdb-found
	tests/fuzz/fuzz-gdb -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  tests/fuzz/gdb-found $(srcdir)/tests/fuzz/gdb-corpus

fuzz: fuzz-gdb
.PHONY: fuzz fuzz-gdb
CLEANFILES += tests/fuzz/fuzz-gdb
clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/gdb-found
.PHONY: clean-fuzz
