#!/bin/sh
# The GDB stub with the real gdb-multiarch against the sample echo
# firmware in the default scenario: break at a symbol, continue, stop
# there; step and stepi; read and write registers (x, CSRs) and memory;
# a watchpoint that triggers on a store; a monitor command; detach (the
# run goes on and passes).  Then kill (the run ends, failed).
set -u
. "$top_srcdir/tests/gdb/lib.sh"
SC="$top_srcdir/scenarios/rpmsg-echo.json"

start_rpsim basics run -q --gdb 0 --gdb-wait "$SC" || finish
run_gdb basics "$ECHO_ELF" \
	-ex "info threads" \
	-ex "break fw_rpmsg_run" \
	-ex "continue" \
	-ex "printf \"PC1=%x\\n\", \$pc" \
	-ex "stepi" \
	-ex "printf \"PC2=%x\\n\", \$pc" \
	-ex "next" \
	-ex "step" \
	-ex "bt" \
	-ex "set \$a5 = 0x1234abcd" \
	-ex "printf \"A5=%x\\n\", \$a5" \
	-ex "printf \"MSTATUS=%x PRIV=%d\\n\", \$mstatus, \$priv" \
	-ex "set {unsigned int}&__heap_start = 0xfeedf00d" \
	-ex "x/1xw &__heap_start" \
	-ex "printf \"RSC=%x\\n\", *(unsigned int *)&resource_table" \
	-ex "delete" \
	-ex "watch main::count" \
	-ex "continue" \
	-ex "printf \"COUNT=%d\\n\", main::count" \
	-ex "delete" \
	-ex "monitor state" \
	-ex "monitor time" \
	-ex "monitor bogus" \
	-ex "detach"
wait_rpsim basics
G="$WORK/basics.gdb"
expect basics "$G" '^\* 1 +Thread 1 "remoteproc0"' "the core is thread 1, named remoteproc0"
expect basics "$G" '^Breakpoint 1, fw_rpmsg_run ' "continue stops at the breakpoint"
expect basics "$G" '^#[0-9]+ +0x[0-9a-f]+ in main \(\) at .*rpmsg-echo\.c:[0-9]+' "the backtrace reaches main"
pc1=$(sed -n 's/^PC1=//p' "$G")
pc2=$(sed -n 's/^PC2=//p' "$G")
if [ -n "$pc1" ] && [ -n "$pc2" ] && [ $((0x$pc2 - 0x$pc1)) -ge 2 ] && [ $((0x$pc2 - 0x$pc1)) -le 4 ]; then
	pass=$((pass + 1))
else
	echo "FAIL basics: stepi went from 0x$pc1 to 0x$pc2, not one instruction on"
	fail=$((fail + 1))
fi
expect basics "$G" '^[0-9]+[[:space:]]+.*fw_rpmsg' "next and step show source lines"
expect basics "$G" '^A5=1234abcd$' "a register written reads back"
expect basics "$G" '^MSTATUS=[0-9a-f]+ PRIV=3$' "CSRs and the privilege mode read"
expect basics "$G" '^0x[0-9a-f]+( <[^>]*>)?:[[:space:]]+0xfeedf00d$' "memory written reads back"
expect basics "$G" '^RSC=1$' "memory reads: the resource table's version"
expect basics "$G" '^Hardware watchpoint 2: main::count$' "the watchpoint is a hardware one"
expect basics "$G" '^New value = 1$' "the watchpoint triggers on the store of the first echo"
expect basics "$G" '^COUNT=1$' "stopped right after the store"
expect basics "$G" '^remoteproc0: running; core [a-z0-9.]+ running, pc 0x' "monitor state"
expect basics "$G" '^simulated time: ' "monitor time"
expect basics "$G" "^unknown monitor command 'bogus'" "an unknown monitor command is named"
expect basics "$G" 'detached' "detach"
expect_status basics "$STATUS" 0
expect basics "$WORK/basics.out" '^PASS ' "the run goes on after detach and passes"
expect basics "$WORK/basics.err" 'GDB client 127\.0\.0\.1:[0-9]+ detached' "the server says the client detached"

start_rpsim kill run -q --gdb 0 --gdb-wait "$SC" || finish
run_gdb kill "$ECHO_ELF" -ex "break main" -ex "continue" -ex "kill"
wait_rpsim kill
expect_status kill "$STATUS" 1
expect kill "$WORK/kill.out" '^FAIL .*the run was killed from GDB, at t=' "kill ends the run as failed"
expect kill "$WORK/kill.out" '^  remoteproc0 .*main' "the report says where the core was"

finish
