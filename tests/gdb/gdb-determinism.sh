#!/bin/sh
# Debugging does not change the run: the echo scenario's trace (with every
# instruction) is byte-identical whether it runs alone, under a GDB server
# nobody attaches to, or under GDB stopping it at breakpoints, stepping
# it, watching a variable and reading it.  Traces are compared without
# their seek snapshots (--snapshot-every 0), which hold the kernel's event
# counters: a core's run resumed after a stop is one more event; with the
# snapshots, every record but them is the same.
set -u
. "$top_srcdir/tests/gdb/lib.sh"
SC="$top_srcdir/scenarios/rpmsg-echo.json"

"$RPSIM" run -q --trace "$WORK/alone.trace" --trace-insns --snapshot-every 0 "$SC" >"$WORK/alone.out" 2>&1
expect_status alone $? 0

start_rpsim unattended run -q --gdb 0 --trace "$WORK/unattended.trace" --trace-insns --snapshot-every 0 "$SC" || finish
wait_rpsim unattended
expect_status unattended "$STATUS" 0

start_rpsim debugged run -q --gdb 0 --gdb-wait --trace "$WORK/debugged.trace" --trace-insns --snapshot-every 0 "$SC" || finish
run_gdb debugged "$ECHO_ELF" \
	-ex "break on_message" \
	-ex "continue" \
	-ex "stepi" -ex "stepi" -ex "next" \
	-ex "info registers" \
	-ex "x/16xw \$sp" \
	-ex "delete" \
	-ex "watch main::count" \
	-ex "continue" \
	-ex "delete" \
	-ex "monitor time" \
	-ex "continue"
wait_rpsim debugged
expect_status debugged "$STATUS" 0
expect debugged "$WORK/debugged.gdb" '^Breakpoint 1, on_message ' "GDB stopped the run"
expect debugged "$WORK/debugged.gdb" 'exited normally' "and let it finish"

# with the snapshots (the default): the same records
"$RPSIM" run -q --trace "$WORK/snaps-alone.trace" "$SC" >/dev/null 2>&1
start_rpsim snaps run -q --gdb 0 --gdb-wait --trace "$WORK/snaps.trace" "$SC" || finish
run_gdb snaps "$ECHO_ELF" -ex "break on_message" -ex "continue" -ex "stepi" -ex "delete" -ex "continue"
wait_rpsim snaps
expect_status snaps "$STATUS" 0
"$RPSIM" trace dump "$WORK/snaps-alone.trace" | grep -v ' SNAPSHOT ' >"$WORK/snaps-alone.dump"
"$RPSIM" trace dump "$WORK/snaps.trace" | grep -v ' SNAPSHOT ' >"$WORK/snaps.dump"
if [ -s "$WORK/snaps.dump" ] && cmp -s "$WORK/snaps-alone.dump" "$WORK/snaps.dump"; then
	pass=$((pass + 1))
else
	echo "FAIL snaps: the records differ from the run without GDB"
	diff "$WORK/snaps-alone.dump" "$WORK/snaps.dump" | head -10
	fail=$((fail + 1))
fi

for t in unattended debugged; do
	if cmp -s "$WORK/alone.trace" "$WORK/$t.trace"; then
		pass=$((pass + 1))
	else
		echo "FAIL $t: the trace differs from the run without GDB"
		fail=$((fail + 1))
	fi
done
finish
