# models/host/: the host's virtio-rpmsg bus, rpmsg char devices and client sample.
librpsim_a_SOURCES += \
	models/host/vring.c models/host/vring.h \
	models/host/virtio_rpmsg.c models/host/virtio_rpmsg.h \
	models/host/rpmsg_internal.h models/host/rpmsg_ns.c \
	models/host/rpmsg_char.c models/host/rpmsg_char.h \
	models/host/rpmsg_sample.c models/host/rpmsg_sample.h

# Host-side RPMsg round trips against a C echo remote (`make bench`).
EXTRA_PROGRAMS += bench/bench_rpmsg
BENCH_PROGS += bench/bench_rpmsg
bench_bench_rpmsg_SOURCES = bench/bench_rpmsg.c
bench_bench_rpmsg_LDADD = $(RPSIM_LIBS)
