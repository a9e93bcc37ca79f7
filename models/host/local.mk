# models/host/: the Linux host: remoteproc (ELF loader, resource table,
# lifecycle, crash, coredump), the platform driver, remoteproc_virtio, the
# rpmsg core, the virtio-rpmsg transport, the rpmsg drivers and character
# devices, and the host object that assembles them.
noinst_LIBRARIES += libhost.a
libhost_a_SOURCES = \
	models/host/kstrtox.c models/host/kstrtox.h \
	models/host/rproc_elf.c models/host/rproc_elf.h \
	models/host/rsc_table.c models/host/rsc_table.h \
	models/host/rproc_mem.c models/host/rproc_mem.h \
	models/host/rproc_load.c models/host/rproc_load.h \
	models/host/rproc.c models/host/rproc.h models/host/rproc_internal.h \
	models/host/rproc_sysfs.c models/host/rproc_crash.c models/host/rproc_cdev.c \
	models/host/rproc_snap.c \
	models/host/rproc_plat.c models/host/rproc_plat.h \
	models/host/remoteproc_virtio.c models/host/remoteproc_virtio.h \
	models/host/vring.c models/host/vring.h \
	models/host/rpmsg_core.c models/host/rpmsg_core.h \
	models/host/virtio_rpmsg.c models/host/virtio_rpmsg.h \
	models/host/virtio_rpmsg_chan.c models/host/virtio_rpmsg_internal.h \
	models/host/virtio_rpmsg_snap.c \
	models/host/rpmsg_ns.c models/host/rpmsg_ns.h \
	models/host/rpmsg_char.c models/host/rpmsg_char.h \
	models/host/rpmsg_sample.c models/host/rpmsg_sample.h \
	models/host/rpmsg_tty.c models/host/rpmsg_tty.h models/host/host_poll.h \
	models/host/host.c models/host/host_fs.c models/host/host_snap.c models/host/host.h \
	models/host/host_internal.h
libhost_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS)
