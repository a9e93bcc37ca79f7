# firmware-samples/: the remote firmware SDK and samples, built with the
# RISC-V cross compiler and picolibc (explicit rules: automake knows one
# compiler).  Objects (.rvo) and images go to the build dir.

FW_SDK_HDRS = firmware-samples/sdk/fw.h firmware-samples/sdk/fw_platform.h \
	firmware-samples/sdk/fw_rsc.h firmware-samples/sdk/fw_virtio.h \
	firmware-samples/sdk/fw_sys.h firmware-samples/sdk/fw_trace.h \
	firmware-samples/sdk/fw_vring.h firmware-samples/sdk/fw_rpmsg.h
FW_SDK_CSRCS = firmware-samples/sdk/fw_sys.c firmware-samples/sdk/fw_trace.c \
	firmware-samples/sdk/fw_vring.c firmware-samples/sdk/fw_rpmsg.c \
	firmware-samples/sdk/fw_rsc.c
FW_SDK_LDS = firmware-samples/sdk/fw.ld
FW_SDK_OBJS = firmware-samples/sdk/crt0.rvo $(FW_SDK_CSRCS:.c=.rvo)

# Installed so that an installed rpsim ships the SDK: $(pkgdatadir)/sdk.
fwsdkdir = $(pkgdatadir)/sdk
dist_fwsdk_DATA = $(FW_SDK_HDRS) $(FW_SDK_CSRCS) $(FW_SDK_LDS) \
	firmware-samples/sdk/crt0.S

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

firmware-samples/%.rvo: firmware-samples/%.c $(FW_SDK_HDRS)
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
