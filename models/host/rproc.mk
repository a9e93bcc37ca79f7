# models/host/: the remoteproc core (state machine, sysfs, crash/recovery) and the platform driver.
librpsim_a_SOURCES += \
	models/host/rproc.c models/host/rproc.h models/host/rproc_internal.h \
	models/host/rproc_sysfs.c models/host/rproc_crash.c \
	models/host/rproc_plat.c models/host/rproc_plat.h
