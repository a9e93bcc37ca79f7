# models/rv32/: the RV32IMAC remote core, behind the core interface.
noinst_LIBRARIES += librv32.a
librv32_a_SOURCES = \
	models/rv32/rv32.h models/rv32/rv32_priv.h models/rv32/rv32_regs.h \
	models/rv32/rv32_decode.c models/rv32/rv32_decode.h \
	models/rv32/rv32_disasm.c \
	models/rv32/rv32_exec.c models/rv32/rv32_loop.h \
	models/rv32/rv32_jit.c models/rv32/rv32_jit_internal.h \
	models/rv32/rv32_jit_x86.c models/rv32/rv32_jit_x86mem.c \
	models/rv32/rv32_jit_asm.h models/rv32/rv32_jit_gen.h \
	models/rv32/rv32_mem.c \
	models/rv32/rv32_csr.c \
	models/rv32/rv32_core.c \
	models/rv32/rv32_debug.c \
	models/rv32/rv32_isa.c \
	models/rv32/rv32_snap.c
