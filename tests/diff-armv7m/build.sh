#!/bin/sh
# builds one differential test program: build.sh SRC OUT
exec arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 \
	--specs=picolibc.specs --oslib=semihost --crt0=semihost \
	-Wl,--defsym=__flash=0 -Wl,--defsym=__flash_size=0x400000 \
	-Wl,--defsym=__ram=0x20000000 -Wl,--defsym=__ram_size=0x400000 \
	-O2 -g -Wall -Wno-format -o "$2" "$1"
