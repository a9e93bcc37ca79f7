# bench/: benchmarks, run by `make bench`; they print figures.
EXTRA_PROGRAMS += bench/bench_eventq
BENCH_PROGS += bench/bench_eventq
bench_bench_eventq_SOURCES = bench/bench_eventq.c
bench_bench_eventq_LDADD = $(RPSIM_LIBS)
include $(srcdir)/bench/rv32.mk
include $(srcdir)/bench/armv7m.mk

# Host-side RPMsg round trips against a C echo remote.
EXTRA_PROGRAMS += bench/bench_rpmsg
BENCH_PROGS += bench/bench_rpmsg
bench_bench_rpmsg_SOURCES = bench/bench_rpmsg.c
bench_bench_rpmsg_LDADD = $(RPSIM_LIBS)

# Seekable traces, checkpoints and instruction traces (bench/snap-bench.sh):
# the cost of recording, of seeking, bytes per instruction, opening a
# 100 M-instruction run in the viewer.
EXTRA_PROGRAMS += bench/bench_seek
bench_bench_seek_SOURCES = bench/bench_seek.c
bench_bench_seek_LDADD = $(RPSIM_LIBS)
BENCH_RUNS += bench-snap
EXTRA_DIST += bench/snap-bench.sh
bench-snap: bench/bench_seek rpsim
	RPSIM=$(abs_top_builddir)/rpsim BENCH_SEEK=$(abs_top_builddir)/bench/bench_seek \
		top_srcdir=$(abs_top_srcdir) sh $(srcdir)/bench/snap-bench.sh
