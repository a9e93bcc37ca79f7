# sim/platform/: a platform description -> a built SoC; the ISA registry;
# the bare machine of `rpsim exec`.
noinst_LIBRARIES += libplatform.a
libplatform_a_SOURCES = \
	sim/platform/platform.c sim/platform/platform.h \
	sim/platform/platform_desc.c sim/platform/platform_desc.h \
	sim/platform/isa.c sim/platform/isa.h \
	sim/platform/bare.c sim/platform/bare.h
