# firmware-samples/: the remote firmware SDK and samples, built for both
# remote ISAs with their cross compilers and picolibc (explicit rules:
# automake knows one compiler): RV32IMAC (objects .rvo, images
# firmware-samples/DIR/NAME.elf) and Cortex-M4F (objects .cmo, images
# firmware-samples/DIR/cortex-m4f/NAME.elf, where the firmware search
# looks for a cortex-m4f remote's firmware: doc/firmware-sdk.md).

FW_SDK_HDRS = firmware-samples/sdk/fw.h firmware-samples/sdk/fw_platform.h \
	firmware-samples/sdk/fw_platform_rv32.h firmware-samples/sdk/fw_platform_cm4.h \
	firmware-samples/sdk/fw_rsc.h firmware-samples/sdk/fw_virtio.h \
	firmware-samples/sdk/fw_sys.h firmware-samples/sdk/fw_trace.h \
	firmware-samples/sdk/fw_vring.h firmware-samples/sdk/fw_rpmsg.h
FW_SDK_CSRCS = firmware-samples/sdk/fw_sys.c firmware-samples/sdk/fw_trace.c \
	firmware-samples/sdk/fw_vring.c firmware-samples/sdk/fw_rpmsg.c \
	firmware-samples/sdk/fw_rsc.c
FW_SDK_LDS = firmware-samples/sdk/fw.ld
FW_SDK_OBJS = firmware-samples/sdk/crt0.rvo $(FW_SDK_CSRCS:.c=.rvo)
# the ISA halves of fw_sys.c, compiled into it (fw_sys.c says why)
FW_SDK_ISA_SRCS = firmware-samples/sdk/fw_sys_rv32.inc firmware-samples/sdk/fw_sys_cm4.inc

# Installed so that an installed rpsim ships the SDK: $(pkgdatadir)/sdk.
fwsdkdir = $(pkgdatadir)/sdk
dist_fwsdk_DATA = $(FW_SDK_HDRS) $(FW_SDK_CSRCS) $(FW_SDK_LDS) \
	firmware-samples/sdk/crt0.S $(FW_SDK_ISA_SRCS) \
	$(FW_CM4_SDK_SRCS) $(FW_CM4_SDK_LDS)

FW_CC = $(RISCV_CC) $(RISCV_CFLAGS) $(WERROR_CFLAGS) --specs=picolibc.specs \
	-ffunction-sections -fdata-sections -I$(srcdir)/firmware-samples/sdk
# integer-only printf keeps the images small
FW_LD = $(RISCV_CC) $(RISCV_ARCH_FLAGS) --specs=picolibc.specs \
	-DPICOLIBC_INTEGER_PRINTF_SCANF -nostartfiles -T $(srcdir)/$(FW_SDK_LDS) \
	-Wl,--gc-sections -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings

FW_SAMPLE_SRCS = firmware-samples/rpmsg-echo/rpmsg-echo.c \
	firmware-samples/rpmsg-client-sample/rpmsg-client-sample.c \
	firmware-samples/fir/fir.c firmware-samples/crash/crash.c \
	firmware-samples/openamp-echo/openamp-echo.c
FW_SAMPLE_ELFS = firmware-samples/rpmsg-echo/rpmsg-echo.elf \
	firmware-samples/rpmsg-client-sample/rpmsg-client-sample.elf \
	firmware-samples/fir/fir.elf firmware-samples/crash/crash.elf \
	firmware-samples/crash/crash-wdt.elf \
	firmware-samples/openamp-echo/openamp-echo.elf \
	firmware-samples/rpmsg-echo/rpmsg-echo-evidx.elf \
	firmware-samples/rpmsg-echo/rpmsg-echo-tty.elf \
	firmware-samples/rpmsg-echo/rpmsg-echo-heap.elf \
	firmware-samples/rpmsg-echo/rpmsg-echo-fixed.elf

FIRMWARE += $(FW_SAMPLE_ELFS)
EXTRA_DIST += $(FW_SAMPLE_SRCS) firmware-samples/fir/fir_taps.h \
	firmware-samples/fir/fir_ref.py firmware-samples/README.md
CLEANFILES += $(FW_SDK_OBJS) $(FW_SAMPLE_SRCS:.c=.rvo) \
	firmware-samples/crash/crash-wdt.rvo firmware-samples/rpmsg-echo/rpmsg-echo-evidx.rvo \
	firmware-samples/rpmsg-echo/rpmsg-echo-tty.rvo firmware-samples/rpmsg-echo/rpmsg-echo-heap.rvo \
	firmware-samples/rpmsg-echo/rpmsg-echo-fixed.rvo

firmware-samples/%.rvo: firmware-samples/%.c $(FW_SDK_HDRS) $(FW_SDK_ISA_SRCS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -c -o $@ $<
firmware-samples/%.rvo: firmware-samples/%.S
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -c -o $@ $<

firmware-samples/fir/fir.rvo: firmware-samples/fir/fir_taps.h
firmware-samples/crash/crash-wdt.rvo: firmware-samples/crash/crash.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DCRASH_MODE=CRASH_HANG -c -o $@ $(srcdir)/firmware-samples/crash/crash.c

# the echo firmware offering VIRTIO_RING_F_EVENT_IDX (bit 29) besides the
# name service: Linux accepts it, and both sides use the event indices
firmware-samples/rpmsg-echo/rpmsg-echo-evidx.rvo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DFW_VDEV_DFEATURES='((1u << 0) | (1u << 29))' -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c

# the echo firmware on the channel "rpmsg-tty": Linux makes it /dev/ttyRPMSGN
firmware-samples/rpmsg-echo/rpmsg-echo-tty.rvo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DECHO_CHANNEL='"rpmsg-tty"' -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c

# the echo firmware allocating from the heap fw.ld provides (malloc)
firmware-samples/rpmsg-echo/rpmsg-echo-heap.rvo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DECHO_HEAP -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c

# The echo firmware with its vrings at fixed device addresses (rpmsg-lite
# style), for boards that reserve them (scenarios/dts-fixed-vrings.json):
# the host honours them only where a vdev0vringN region backs them.
FW_FIXED_VRINGS = -DFW_VRING0_DA=0x8f000000u -DFW_VRING1_DA=0x8f004000u
firmware-samples/rpmsg-echo/rpmsg-echo-fixed.rvo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) $(FW_FIXED_VRINGS) -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c

FW_LINK = $(FW_LD) -o $@ $(FW_SDK_OBJS)
firmware-samples/rpmsg-echo/rpmsg-echo.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-echo/rpmsg-echo.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-echo/rpmsg-echo.rvo
firmware-samples/rpmsg-client-sample/rpmsg-client-sample.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-client-sample/rpmsg-client-sample.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-client-sample/rpmsg-client-sample.rvo
firmware-samples/fir/fir.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/fir/fir.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/fir/fir.rvo
firmware-samples/crash/crash.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/crash/crash.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/crash/crash.rvo
firmware-samples/crash/crash-wdt.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/crash/crash-wdt.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/crash/crash-wdt.rvo
firmware-samples/rpmsg-echo/rpmsg-echo-fixed.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-echo/rpmsg-echo-fixed.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-echo/rpmsg-echo-fixed.rvo
firmware-samples/openamp-echo/openamp-echo.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/openamp-echo/openamp-echo.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/openamp-echo/openamp-echo.rvo
firmware-samples/rpmsg-echo/rpmsg-echo-evidx.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-echo/rpmsg-echo-evidx.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-echo/rpmsg-echo-evidx.rvo
firmware-samples/rpmsg-echo/rpmsg-echo-tty.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-echo/rpmsg-echo-tty.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-echo/rpmsg-echo-tty.rvo
firmware-samples/rpmsg-echo/rpmsg-echo-heap.elf: $(FW_SDK_OBJS) $(FW_SDK_LDS) firmware-samples/rpmsg-echo/rpmsg-echo-heap.rvo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_LINK) firmware-samples/rpmsg-echo/rpmsg-echo-heap.rvo


# ---- Cortex-M4F builds of the SDK and the samples ----
FW_CM4_SDK_SRCS = firmware-samples/sdk/crt0_cm4.c
FW_CM4_SDK_LDS = firmware-samples/sdk/fw_cm4.ld
FW_CM4_SDK_OBJS = $(patsubst firmware-samples/sdk/%.c,firmware-samples/sdk/cortex-m4f/%.cmo,\
	$(FW_CM4_SDK_SRCS) $(FW_SDK_CSRCS))
FW_CM4_CC = $(ARM_CC) $(ARM_ARCH_FLAGS) -O2 -g -ffreestanding -Wall -Wextra $(WERROR_CFLAGS) \
	--specs=picolibc.specs -ffunction-sections -fdata-sections -I$(srcdir)/firmware-samples/sdk
FW_CM4_LD = $(ARM_CC) $(ARM_ARCH_FLAGS) --specs=picolibc.specs \
	-DPICOLIBC_INTEGER_PRINTF_SCANF -nostartfiles -T $(srcdir)/$(FW_CM4_SDK_LDS) \
	-Wl,--gc-sections -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings
FW_CM4_LINK = $(FW_CM4_LD) -o $@ $(FW_CM4_SDK_OBJS)

firmware-samples/sdk/cortex-m4f/%.cmo: firmware-samples/sdk/%.c $(FW_SDK_HDRS) $(FW_SDK_ISA_SRCS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $<

FW_CM4_SAMPLE_ELFS = \
	firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.elf \
	firmware-samples/rpmsg-client-sample/cortex-m4f/rpmsg-client-sample.elf \
	firmware-samples/fir/cortex-m4f/fir.elf \
	firmware-samples/crash/cortex-m4f/crash.elf \
	firmware-samples/crash/cortex-m4f/crash-wdt.elf \
	firmware-samples/openamp-echo/cortex-m4f/openamp-echo.elf \
	firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-evidx.elf \
	firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-tty.elf \
	firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-heap.elf \
	firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-fixed.elf
FIRMWARE += $(FW_CM4_SAMPLE_ELFS)
CLEANFILES += $(FW_CM4_SDK_OBJS) $(FW_CM4_SAMPLE_ELFS:.elf=.cmo)
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.cmo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.cmo
firmware-samples/rpmsg-client-sample/cortex-m4f/rpmsg-client-sample.cmo: firmware-samples/rpmsg-client-sample/rpmsg-client-sample.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $(srcdir)/firmware-samples/rpmsg-client-sample/rpmsg-client-sample.c
firmware-samples/rpmsg-client-sample/cortex-m4f/rpmsg-client-sample.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-client-sample/cortex-m4f/rpmsg-client-sample.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-client-sample/cortex-m4f/rpmsg-client-sample.cmo
firmware-samples/fir/cortex-m4f/fir.cmo: firmware-samples/fir/fir.c firmware-samples/fir/fir_taps.h $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $(srcdir)/firmware-samples/fir/fir.c
firmware-samples/fir/cortex-m4f/fir.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/fir/cortex-m4f/fir.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/fir/cortex-m4f/fir.cmo
firmware-samples/crash/cortex-m4f/crash.cmo: firmware-samples/crash/crash.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $(srcdir)/firmware-samples/crash/crash.c
firmware-samples/crash/cortex-m4f/crash.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/crash/cortex-m4f/crash.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/crash/cortex-m4f/crash.cmo
firmware-samples/crash/cortex-m4f/crash-wdt.cmo: firmware-samples/crash/crash.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -DCRASH_MODE=CRASH_HANG -c -o $@ $(srcdir)/firmware-samples/crash/crash.c
firmware-samples/crash/cortex-m4f/crash-wdt.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/crash/cortex-m4f/crash-wdt.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/crash/cortex-m4f/crash-wdt.cmo
firmware-samples/openamp-echo/cortex-m4f/openamp-echo.cmo: firmware-samples/openamp-echo/openamp-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -c -o $@ $(srcdir)/firmware-samples/openamp-echo/openamp-echo.c
firmware-samples/openamp-echo/cortex-m4f/openamp-echo.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/openamp-echo/cortex-m4f/openamp-echo.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/openamp-echo/cortex-m4f/openamp-echo.cmo
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-evidx.cmo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -DFW_VDEV_DFEATURES='((1u << 0) | (1u << 29))' -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-evidx.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-evidx.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-evidx.cmo
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-tty.cmo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -DECHO_CHANNEL='"rpmsg-tty"' -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-tty.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-tty.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-tty.cmo
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-heap.cmo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) -DECHO_HEAP -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-heap.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-heap.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-heap.cmo
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-fixed.cmo: firmware-samples/rpmsg-echo/rpmsg-echo.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CM4_CC) $(FW_FIXED_VRINGS) -c -o $@ $(srcdir)/firmware-samples/rpmsg-echo/rpmsg-echo.c
firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-fixed.elf: $(FW_CM4_SDK_OBJS) $(FW_CM4_SDK_LDS) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-fixed.cmo
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FW_CM4_LINK) firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo-fixed.cmo
