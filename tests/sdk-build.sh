#!/bin/sh
# The firmware SDK as a third-party stack uses it (issue 16, item 13):
#  - every header compiles on its own (it includes what its macros need),
#    and FW_RSC_TABLE_STD works with fw_rsc.h alone;
#  - a firmware with thread-locals, small data and malloc links against
#    fw.ld with warnings fatal (no "start of section .bss changed");
#  - tp (__tls_base) is the start of the TLS segment, .bss follows the TLS
#    block, the heap runs from the end of .bss to the trap stack;
#  - a __heap_min that does not fit fails the link with fw.ld's message.
set -u
sdk="$top_srcdir/firmware-samples/sdk"
objs="$top_builddir/firmware-samples/sdk"
out="$top_builddir/tests/sdk-build.out"
mkdir -p "$out"
cc="$RISCV_CC $RISCV_ARCH_FLAGS --specs=picolibc.specs"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

for h in "$sdk"/*.h; do
	printf '#include "%s"\nint sdk_header_alone;\n' "$(basename "$h")" >"$out/h.c"
	$cc -Wall -Wextra -Werror -I"$sdk" -fsyntax-only "$out/h.c" || bad "$(basename "$h") does not compile alone"
done
printf '#include "fw_rsc.h"\nFW_RSC_TABLE_STD(resource_table);\n' >"$out/rsc.c"
$cc -Wall -Wextra -Werror -I"$sdk" -fsyntax-only "$out/rsc.c" || bad "FW_RSC_TABLE_STD needs more than fw_rsc.h"

link() { # output, extra flags...
	o="$1"; shift
	$cc -nostartfiles -T "$sdk/fw.ld" -Wl,--gc-sections -Wl,--no-warn-rwx-segments \
		-Wl,--fatal-warnings "$@" -o "$o" "$objs"/*.rvo "$out/tls-heap.o"
}
$cc -O2 -Wall -Wextra -Werror -ffunction-sections -fdata-sections -I"$sdk" \
	-c -o "$out/tls-heap.o" "$top_srcdir/tests/sdk/tls-heap.c" || bad "tls-heap.c does not compile"
if link "$out/tls-heap.elf" 2>"$out/link.err"; then :; else
	cat "$out/link.err"; bad "a firmware with TLS and malloc does not link cleanly"; exit 1
fi
[ -s "$out/link.err" ] && { cat "$out/link.err"; bad "the link printed something"; }

# symbol values and the TLS segment, read with the host's readelf
sym() { readelf -sW "$out/tls-heap.elf" | awk -v n="$1" '$8 == n { print $2; exit }'; }
tls_base=$(sym __tls_base)
tls_vaddr=$(readelf -lW "$out/tls-heap.elf" | awk '$1 == "TLS" { print $3 }')
tls_memsz=$(readelf -lW "$out/tls-heap.elf" | awk '$1 == "TLS" { print $6 }')
bss_start=$(sym __bss_start); bss_end=$(sym __bss_end)
heap_start=$(sym __heap_start); heap_end=$(sym __heap_end)
trap_top=$(sym __trap_stack_top)
[ -n "$tls_base" ] && [ -n "$tls_vaddr" ] || { bad "no __tls_base or no TLS segment"; exit 1; }
[ $((0x$tls_base)) -eq $(($tls_vaddr)) ] || bad "tp (__tls_base 0x$tls_base) is not the TLS segment ($tls_vaddr)"
# section start: the field after the type in readelf -S
secaddr() { readelf -SW "$out/tls-heap.elf" | sed -n "s/.*\] $1 *[A-Z_]* *\([0-9a-f]*\) .*/\1/p"; }
tbss=$(secaddr '\.tbss'); bss_sec=$(secaddr '\.bss')
[ -n "$tbss" ] && [ -n "$bss_sec" ] || bad "no .tbss or .bss section"
[ "$bss_start" = "$tbss" ] || bad "__bss_start (0x$bss_start) is not where .tbss starts (0x$tbss)"
[ $((0x$bss_sec)) -ge $((0x$tls_base + $tls_memsz)) ] || bad ".bss (0x$bss_sec) overlaps the TLS block"
[ "$heap_start" = "$bss_end" ] || bad "the heap (0x$heap_start) does not start at the end of .bss (0x$bss_end)"
[ $((0x$heap_end)) -eq $((0x$trap_top - 2048)) ] || bad "the heap does not end at the trap stack"

if link "$out/too-big.elf" -Wl,--defsym=__heap_min=300K 2>"$out/link.err"; then
	bad "__heap_min=300K linked"
else
	grep -q "the heap is smaller than __heap_min" "$out/link.err" || { cat "$out/link.err"; bad "no __heap_min message"; }
fi
exit $fail
