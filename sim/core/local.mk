# sim/core/: the simulation kernel (time, event queue, struct sim, log,
# trace sink and writer, little-endian helpers, file I/O, diagnostics).
# Every other layer builds on it; it includes nothing above itself.
noinst_LIBRARIES += libcore.a
libcore_a_SOURCES = \
	sim/core/simtime.c sim/core/simtime.h \
	sim/core/eventq.c sim/core/eventq.h \
	sim/core/sim.c sim/core/sim.h sim/core/sim_snapshot.c \
	sim/core/trace.h sim/core/le.h sim/core/exit.h \
	sim/core/fileio.c sim/core/fileio.h \
	sim/core/escape.c sim/core/escape.h \
	sim/core/trace_limit.c sim/core/trace_limit.h \
	sim/core/diag.c sim/core/diag.h \
	sim/core/cpu.c sim/core/cpu.h \
	sim/core/elf.c sim/core/elf.h \
	sim/core/debuginfo.c sim/core/debuginfo.h sim/core/debuginfo_internal.h \
	sim/core/debuginfo_unwind.c \
	sim/core/snap.c sim/core/snap.h \
	sim/core/compress.c sim/core/compress.h \
	sim/core/checkpoint.c sim/core/checkpoint.h \
	sim/core/record.c sim/core/record.h sim/core/record.def \
	sim/core/tracefile_format.h \
	sim/core/tracefile_write.c sim/core/tracefile_write.h
libcore_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) $(LIBDW_CFLAGS) $(ZSTD_CFLAGS)
