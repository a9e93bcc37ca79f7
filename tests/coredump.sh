#!/bin/sh
# A crash with coredump enabled writes an ELF core that readelf and
# gdb-multiarch read, with the remote's TCM holding the firmware's code,
# and a register note (NT_PRSTATUS, an rpsim extension) from which
# gdb-multiarch shows the registers of the faulting instruction and a
# backtrace; with "coredump_registers": false the dump is Linux's layout
# exactly, without the note.  The same crash on the Cortex-M4F remote
# (--core cortex-m4f): EM_ARM, the vector table at the TCM's start.
set -u
dir="$top_builddir/tests/coredump"
rm -rf "$dir"
mkdir -p "$dir"
"$RPSIM" run -q --coredump-dir "$dir" "$top_srcdir/scenarios/crash-recovery.json" || exit 1
core="$dir/remoteproc0-coredump-1.elf"
[ -f "$core" ] || { echo "FAIL: no core dump at $core"; exit 1; }
pass=0
fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
hdr=$(readelf -h "$core")
check "ELF type CORE" 'echo "$hdr" | grep -q "CORE (Core file)"'
check "machine RISC-V" 'echo "$hdr" | grep -q "RISC-V"'
check "class ELF32" 'echo "$hdr" | grep -q "ELF32"'
check "a PT_LOAD of the 256 KiB TCM at da 0" 'readelf -l "$core" | grep -Eq "LOAD +0x[0-9a-f]+ 0x00000000 0x00000000 0x40000 0x40000 RWE"'
# the first word of the TCM in the core is the firmware's first instruction
fw="$top_builddir/firmware-samples/crash/crash.elf"
want=$(riscv64-unknown-elf-objdump -d "$fw" | awk '/^ +0:/ { print $2; exit }')
if command -v gdb-multiarch >/dev/null 2>&1; then
	got=$(gdb-multiarch -nx -batch -ex "set architecture riscv:rv32" -ex "core-file $core" -ex "x/1xw 0" 2>/dev/null | awk '/^0x0/ { print $2 }')
	check "gdb-multiarch reads the TCM: 0x$want" '[ "$got" = "0x$want" ]'
else
	echo "FAIL: gdb-multiarch is not installed (apt-get install gdb-multiarch, or run ./bootstrap)"
	fail=$((fail + 1))
fi
# the register note: gdb shows the faulting load and the calls to it
check "a PT_NOTE first" 'readelf -l "$core" | grep -Eq "^  NOTE +0x0000d4 "'
check "an NT_PRSTATUS note" 'readelf -n "$core" | grep -q "CORE .*NT_PRSTATUS"'
bt=$(gdb-multiarch -nx -batch -ex "info registers pc" -ex "bt" "$fw" "$core" 2>&1)
check "gdb: terminated with SIGSEGV" 'echo "$bt" | grep -q "Program terminated with signal SIGSEGV"'
check "gdb: pc at the faulting load in fault()" 'echo "$bt" | grep -Eq "^pc[[:space:]]+0x[0-9a-f]+[[:space:]]+0x[0-9a-f]+ <fault\+[0-9]+>"'
check "gdb: the backtrace from fault() through on_message() to main()" \
	'echo "$bt" | grep -q "^#1  fault ()" && echo "$bt" | grep -Eq "^#2 .* in on_message " && echo "$bt" | grep -Eq "^#[0-9]+ .* in main \(\)"'
# "coredump_registers": false: no note, the memories from the first header on
mkdir -p "$dir/linux"
"$RPSIM" run -q --coredump-dir "$dir/linux" "$top_srcdir/tests/coredump-linux.json" >"$dir/linux.out" 2>&1
check "the run with registers off passes" 'grep -q "^PASS" "$dir/linux.out"'
lin="$dir/linux/remoteproc0-coredump-1.elf"
check "a Linux dump is written" '[ -f "$lin" ]'
check "no note in a Linux dump" '[ -f "$lin" ] && ! readelf -l "$lin" | grep -q "NOTE"'
check "the TCM right after the headers, as Linux writes it" 'readelf -l "$lin" | grep -Eq "LOAD +0x0000b4 0x00000000 0x00000000 0x40000 0x40000 RWE"'

# the same crash on the Cortex-M4F remote
cmdir="$dir/cortex-m4f"
mkdir -p "$cmdir"
"$RPSIM" run -q --core cortex-m4f --coredump-dir "$cmdir" "$top_srcdir/scenarios/crash-recovery.json" || exit 1
core="$cmdir/remoteproc0-coredump-1.elf"
check "a Cortex-M core dump" '[ -f "$core" ]'
hdr=$(readelf -h "$core" 2>/dev/null)
check "machine ARM (EM_ARM) for the Cortex-M4F remote" 'echo "$hdr" | grep -Eq "Machine: +ARM"'
check "a PT_LOAD of its 256 KiB TCM at da 0" 'readelf -l "$core" | grep -Eq "LOAD +0x[0-9a-f]+ 0x00000000 0x00000000 0x40000 0x40000 RWE"'
# word 1 of the vector table: the reset handler, with its Thumb bit
fw="$top_builddir/firmware-samples/crash/cortex-m4f/crash.elf"
want=$(printf '0x%08x' $((0x$(nm "$fw" | awk '$3 == "fw_reset_handler" { print $1 }') | 1)))
got=$(gdb-multiarch -nx -batch -ex "set architecture arm" -ex "core-file $core" -ex "x/1xw 4" 2>/dev/null | awk '/^0x4/ { print $2 }')
check "gdb-multiarch reads the vector table: reset handler $want" '[ "$got" = "$want" ]'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
