# sim/platform/: a platform description -> a built SoC; the ISA registry;
# the bare machine of `rpsim exec`.
noinst_LIBRARIES += libplatform.a
libplatform_a_SOURCES = \
	sim/platform/platform.c sim/platform/platform.h \
	sim/platform/platform_desc.c sim/platform/platform_desc.h \
	sim/platform/platform_profile.c sim/platform/platform_profile.h \
	sim/platform/isa.c sim/platform/isa.h \
	sim/platform/bare.c sim/platform/bare.h \
	sim/platform/dt.h sim/platform/dt_internal.h sim/platform/dt_fdt.c \
	sim/platform/dt_read.c sim/platform/dt_remote.c sim/platform/dt_dtc.c \
	sim/platform/dt_export.c
