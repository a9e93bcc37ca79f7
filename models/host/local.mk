# models/host/: the host CPU interface and its Linux remoteproc model.
librpsim_a_SOURCES += \
	sim/diag.c sim/diag.h \
	models/host/rproc_elf.c models/host/rproc_elf.h \
	models/host/rsc_table.c models/host/rsc_table.h \
	models/host/rproc_mem.c models/host/rproc_mem.h \
	models/host/rproc_load.c models/host/rproc_load.h

rpsim_SOURCES += sim/cmd_inspect.c
