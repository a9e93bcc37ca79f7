# models/host/: the Linux host: remoteproc (ELF loader, resource table,
# lifecycle, crash, coredump), the platform driver, virtio-rpmsg, the rpmsg
# drivers and character devices.
noinst_LIBRARIES += libhost.a
libhost_a_SOURCES = \
	models/host/rproc_elf.c models/host/rproc_elf.h \
	models/host/rsc_table.c models/host/rsc_table.h \
	models/host/rproc_mem.c models/host/rproc_mem.h \
	models/host/rproc_load.c models/host/rproc_load.h \
	models/host/rproc.c models/host/rproc.h models/host/rproc_internal.h \
	models/host/rproc_sysfs.c models/host/rproc_crash.c \
	models/host/rproc_plat.c models/host/rproc_plat.h \
	models/host/vring.c models/host/vring.h \
	models/host/virtio_rpmsg.c models/host/virtio_rpmsg.h \
	models/host/rpmsg_internal.h models/host/rpmsg_ns.c \
	models/host/rpmsg_char.c models/host/rpmsg_char.h \
	models/host/rpmsg_sample.c models/host/rpmsg_sample.h
libhost_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS)
