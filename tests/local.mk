# tests/: unit tests (Check), ISA tests, scenario tests. One fragment per area.
include $(srcdir)/tests/arch/local.mk
include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/unit/devices.mk
include $(srcdir)/tests/unit/rv32.mk
include $(srcdir)/tests/unit/platform.mk
include $(srcdir)/tests/isa/local.mk
include $(srcdir)/tests/unit/host.mk
include $(srcdir)/tests/corpus/local.mk
include $(srcdir)/tests/unit/rpmsg.mk
include $(srcdir)/tests/unit/rproc.mk
include $(srcdir)/tests/unit/scenario.mk
include $(srcdir)/tests/runner.mk
include $(srcdir)/tests/unit/sdk.mk
include $(srcdir)/tests/unit/viewer.mk
include $(srcdir)/tests/unit/cli.mk
include $(srcdir)/tests/cli.mk
include $(srcdir)/tests/hostile/local.mk
