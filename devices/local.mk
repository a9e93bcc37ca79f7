# devices/: memory-mapped devices, one .c/.h each.
librpsim_a_SOURCES += \
	devices/bus.c devices/bus.h \
	devices/ram.c devices/ram.h \
	devices/irq.h
