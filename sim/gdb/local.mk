# sim/gdb/: the GDB stub, a layer above the runner: it drives a live
# simulation (a scenario's run or rpsim exec's bare machine) for GDB.
noinst_LIBRARIES += libgdb.a
libgdb_a_SOURCES = \
	sim/gdb/gdb.h sim/gdb/gdb_internal.h \
	sim/gdb/gdb_packet.c sim/gdb/gdb_packet.h \
	sim/gdb/gdb_session.c sim/gdb/gdb_session.h \
	sim/gdb/gdb_query.c sim/gdb/gdb_monitor.c sim/gdb/gdb_reverse.c \
	sim/gdb/gdb_server.c sim/gdb/gdb_targets.c
