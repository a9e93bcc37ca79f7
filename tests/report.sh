#!/bin/sh
# Failure reports say where each core was: the negative scenarios of
# tests/scenario-report (a crash, a hang in a loop, a hang in WFI, a fault
# with no usable trap handler) fail with exit status 1, and the verdict
# names the crash and ends with each core's state, pc, symbol, source line
# and backtrace (from the sample firmware's DWARF).
set -u
: "${RPSIM:?RPSIM must name the rpsim binary}"
dir="$top_srcdir/tests/scenario-report"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pass=0
fail=0
run() {
	"$RPSIM" run -q --firmware-dir "$top_builddir/tests/corpus" \
		--firmware-dir "$top_builddir/tests/corpus/out" "$dir/$1" >"$out" 2>&1
	status=$?
	if [ "$status" != 1 ]; then
		echo "FAIL $1: exit status $status, expected 1"
		sed 's/^/    /' "$out"
		fail=$((fail + 1))
	fi
}
# has FILE TEXT: the output has a line containing TEXT
has() {
	if grep -qF -- "$2" "$out"; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: the report lacks: $2"
		sed 's/^/    /' "$out"
		fail=$((fail + 1))
	fi
}
# line FILE PATTERN: a line matches the extended regular expression
line() {
	if grep -qE -- "$2" "$out"; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: no line matches: $2"
		sed 's/^/    /' "$out"
		fail=$((fail + 1))
	fi
}

run crash.json
# the verdict names the crash first, then what the step saw
line crash.json '^FAIL .*crash\.json: remoteproc0 crashed at t=[0-9.]+us \(load access fault at 0x20000000, fault\+0x[0-9a-f]+ [a-z0-9_.]+:[0-9]+\): \$\.steps\[4\] read: expected success, got EPIPE'
has crash.json "mcause 0x5, mtval 0x20000000, mepc 0x"
has crash.json "backtrace from the exception:"
line crash.json '^    #1 0x[0-9a-f]{8} on_message\+0x[0-9a-f]+ crash\.c:[0-9]+$'
line crash.json ' main\+0x[0-9a-f]+ crash\.c:[0-9]+$'
has crash.json "where each core was:"

run hang-loop.json
line hang-loop.json '^FAIL .*\$\.steps\[4\] read: timed out: no message arrived on /dev/rpmsg0'
line hang-loop.json '^  remoteproc0 \(running, [a-z0-9.]+\): core running at t=[0-9.]+ms, pc 0x[0-9a-f]{8} on_message\+0x[0-9a-f]+ crash\.c:[0-9]+$'
line hang-loop.json '^    #0 0x[0-9a-f]{8} on_message\+0x[0-9a-f]+ crash\.c:[0-9]+$'
line hang-loop.json ' main\+0x[0-9a-f]+ crash\.c:[0-9]+$'
# the loop of hang() is the line the core spins on
src_line=$(grep -n 'for (;;)' "$top_srcdir/firmware-samples/crash/crash.c" | head -n 1 | cut -d: -f1)
has hang-loop.json "crash.c:$src_line"

run hang-wfi.json
line hang-wfi.json '^FAIL .*\$\.steps\[3\] read: timed out: no message arrived on /dev/rpmsg0'
line hang-wfi.json '^  remoteproc0 \(running, [a-z0-9.]+\): core wfi \(waiting for an interrupt\) at t=[0-9.]+us, pc 0x[0-9a-f]{8} fw_wait_kick\+0x[0-9a-f]+ fw_sys[a-z0-9_]*\.(c|inc):[0-9]+$'
line hang-wfi.json ' fw_rpmsg_run\+0x[0-9a-f]+ fw_rpmsg\.c:[0-9]+$'
line hang-wfi.json ' main\+0x[0-9a-f]+ rpmsg-echo\.c:[0-9]+$'

run no-handler.json
line no-handler.json '^FAIL .*remoteproc0 crashed at t=[0-9.]+us \(load access fault at 0x20000000, _start\+0xc; no usable trap handler: instruction access fault at pc 0x0f000000\): \$\.steps\[1\] wait: timed out'
has no-handler.json "core halted (stopped until reset)"
has no-handler.json "halted by instruction access fault at pc 0x0f000000 with no usable trap handler"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
