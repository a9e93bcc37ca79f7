# models/armv7m/: the Cortex-M4F core (ARMv7E-M, FPv4-SP), behind the core
# interface; Capstone disassembles its instructions.
noinst_LIBRARIES += libarmv7m.a
libarmv7m_a_CFLAGS = $(AM_CFLAGS) $(CAPSTONE_CFLAGS)
libarmv7m_a_SOURCES = \
	models/armv7m/armv7m.h models/armv7m/armv7m_priv.h \
	models/armv7m/armv7m_decode.h models/armv7m/armv7m_decode_priv.h \
	models/armv7m/armv7m_decode.c models/armv7m/armv7m_decode32.c models/armv7m/armv7m_rows32.c \
	models/armv7m/armv7m_decode_fp.c \
	models/armv7m/armv7m_exec.c models/armv7m/armv7m_loop.h models/armv7m/armv7m_loop_mem.h \
	models/armv7m/armv7m_slow.c models/armv7m/armv7m_dsp.c \
	models/armv7m/armv7m_fpu.c models/armv7m/armv7m_vfp.c models/armv7m/armv7m_vfp.h \
	models/armv7m/armv7m_mem.c models/armv7m/armv7m_mpu.c models/armv7m/armv7m_debug.c \
	models/armv7m/armv7m_except.c models/armv7m/armv7m_scs.c \
	models/armv7m/armv7m_semi.c \
	models/armv7m/armv7m_core.c models/armv7m/armv7m_isa.c models/armv7m/armv7m_snap.c
