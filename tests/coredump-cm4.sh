#!/bin/sh
# Cortex-M remotes (rpsim run --core cortex-m4f): the crash's failure
# report names the fault as the CFSR says it, with the fault address and a
# backtrace from the faulting instruction to main (no frame past the reset
# handler); the coredump carries Linux/arm's NT_PRSTATUS note, from which
# gdb-multiarch shows SIGBUS, the registers of the faulting load and the
# backtrace.  Skipped (77) while the platform has no Cortex-M remote.
set -u
if ! "$RPSIM" run --help 2>&1 | grep -q -- '--core NAME'; then
	echo "SKIP: rpsim run has no --core: the platform runs no Cortex-M remote yet"
	exit 77
fi
dir="$top_builddir/tests/coredump-cm4"
rm -rf "$dir"
mkdir -p "$dir"
pass=0
fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
rep=$("$RPSIM" run -q --core cortex-m4f "$top_srcdir/tests/scenario-report/crash.json" 2>&1)
echo "$rep" | sed 's/^/    /'
check "the verdict names the HardFault and its address" \
	'echo "$rep" | grep -q "crashed at t=.*(HardFault (escalated BusFault: precise data bus error) at 0x20000000, fault+0x[0-9a-f]* "'
check "the CFSR decoded, the HFSR, the BFAR" \
	'echo "$rep" | grep -q "remoteproc0: CFSR 0x00008200 (PRECISERR BFARVALID), HFSR 0x40000000 (FORCED), BFAR 0x20000000"'
check "a backtrace from the fault to main, symbols without the Thumb bit" \
	'echo "$rep" | grep -Eq "#1 0x[0-9a-f]*[02468ace] on_message\+0x[0-9a-f]*[02468ace] crash.c" && echo "$rep" | grep -q " main+0x"'
check "no frame past the reset handler (LR's reset value ends the unwinding)" \
	'! echo "$rep" | grep -q "0xffffffff"'

"$RPSIM" run -q --core cortex-m4f --coredump-dir "$dir" "$top_srcdir/scenarios/crash-recovery.json" >"$dir/run.out" 2>&1
check "crash-recovery passes on Cortex-M" 'grep -q "^PASS" "$dir/run.out"'
core="$dir/remoteproc0-coredump-1.elf"
fw=$(find "$top_builddir/firmware-samples" -path '*cortex-m4f*' -name crash.elf | head -n 1)
check "a core dump" '[ -f "$core" ]'
check "the Cortex-M crash firmware" '[ -f "$fw" ]'
check "machine ARM" 'readelf -h "$core" | grep -q "Machine: *ARM"'
check "an NT_PRSTATUS note of 148 bytes" 'readelf -n "$core" | grep -q "CORE *0x00000094.*NT_PRSTATUS"'
bt=$(gdb-multiarch -nx -batch -ex "info registers pc" -ex "bt" "$fw" "$core" 2>&1)
echo "$bt" | sed 's/^/    /'
check "gdb: terminated with SIGBUS (a BusFault)" 'echo "$bt" | grep -q "Program terminated with signal SIGBUS"'
check "gdb: pc at the faulting load in fault()" 'echo "$bt" | grep -Eq "^pc[[:space:]]+0x[0-9a-f]+[[:space:]]+0x[0-9a-f]+ <fault\+[0-9]+>"'
check "gdb: the backtrace from fault() through on_message() to main()" \
	'echo "$bt" | grep -q "^#1  fault ()" && echo "$bt" | grep -Eq "^#2 .* in on_message " && echo "$bt" | grep -Eq "^#[0-9]+ .* in main \(\)"'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
