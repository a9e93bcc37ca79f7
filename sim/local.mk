# sim/: simulation kernel and the rpsim program around it.
librpsim_a_SOURCES += \
	sim/simtime.c sim/simtime.h \
	sim/eventq.c sim/eventq.h \
	sim/sim.c sim/sim.h \
	sim/trace.h sim/le.h \
	sim/platform.c sim/platform.h sim/fileio.c sim/fileio.h \
	sim/runner.c sim/runner.h sim/runner_internal.h sim/runner_steps.c

rpsim_SOURCES += sim/main.c sim/cli.h sim/cmd_run.c sim/cmd_test.c
include $(srcdir)/sim/scenario.mk
include $(srcdir)/sim/viewer.mk
