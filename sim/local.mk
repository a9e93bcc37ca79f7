# sim/: simulation kernel and the rpsim program around it.
librpsim_a_SOURCES += \
	sim/simtime.c sim/simtime.h \
	sim/eventq.c sim/eventq.h \
	sim/sim.c sim/sim.h \
	sim/trace.h sim/le.h

rpsim_SOURCES += sim/main.c sim/cli.h
