# sim/platform/: a platform description -> a built SoC.
noinst_LIBRARIES += libplatform.a
libplatform_a_SOURCES = \
	sim/platform/platform.c sim/platform/platform.h
