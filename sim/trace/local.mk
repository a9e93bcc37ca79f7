# sim/trace/: the trace file reader and its exporters (text, Perfetto, VCD).
noinst_LIBRARIES += libtrace.a
libtrace_a_SOURCES = \
	sim/trace/tracefile.c sim/trace/tracefile.h \
	sim/trace/tracefile_export.c sim/trace/tracefile_perfetto.c \
	sim/trace/tracefile_perfetto_model.c sim/trace/tracefile_perfetto_internal.h \
	sim/trace/tracefile_vcd.c \
	sim/trace/replay.c sim/trace/replay.h
