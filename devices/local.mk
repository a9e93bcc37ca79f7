# devices/: memory-mapped devices, one .c/.h each, on top of sim/core.
noinst_LIBRARIES += libdevices.a
libdevices_a_SOURCES = \
	devices/bus.c devices/bus.h \
	devices/ram.c devices/ram.h \
	devices/irq.h \
	devices/mailbox.c devices/mailbox.h \
	devices/intc.c devices/intc.h \
	devices/timer.c devices/timer.h \
	devices/uart.c devices/uart.h \
	devices/sysctl.c devices/sysctl.h \
	devices/watchdog.c devices/watchdog.h \
	devices/devtab.c devices/devtab.h \
	devices/htif.c devices/htif.h
