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
