# models/: the active parts (remote cores, the host).
include $(srcdir)/models/rv32/local.mk
include $(srcdir)/models/host/local.mk
include $(srcdir)/models/host/rpmsg.mk
include $(srcdir)/models/host/rproc.mk
