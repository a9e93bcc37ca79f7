#!/bin/sh
# Reverse execution with gdb-multiarch against the sample echo firmware
# (three echoes, tests/gdb/echo3.json): reverse-stepi back to the previous
# pc with the previous register values; reverse-continue back to the
# previous breakpoint hit, then to the start ("No more reverse-execution
# history"); forward again, the same hits; a watchpoint going backwards
# stops at the store with the old value; reverse-next back into the
# caller.  The run still passes.  With --trace, GDB is not offered reverse
# execution (a trace holds one history).
set -u
. "$top_srcdir/tests/gdb/lib.sh"
SC="$top_srcdir/tests/gdb/echo3.json"

start_rpsim reverse run -q --gdb 0 --gdb-wait "$SC" || finish
run_gdb reverse "$ECHO_ELF" \
	-ex "break on_message" \
	-ex "continue" \
	-ex "printf \"BEFORE pc=%x sp=%x ra=%x\\n\", \$pc, \$sp, \$ra" \
	-ex "stepi" \
	-ex "printf \"AFTER pc=%x sp=%x ra=%x\\n\", \$pc, \$sp, \$ra" \
	-ex "reverse-stepi" \
	-ex "printf \"BACK pc=%x sp=%x ra=%x\\n\", \$pc, \$sp, \$ra" \
	-ex "continue" \
	-ex "continue" \
	-ex "printf \"HIT3 count=%d data=%x\\n\", main::count, data" \
	-ex "reverse-continue" \
	-ex "printf \"HIT2 count=%d data=%x\\n\", main::count, data" \
	-ex "reverse-continue" \
	-ex "printf \"HIT1 count=%d data=%x\\n\", main::count, data" \
	-ex "reverse-continue" \
	-ex "printf \"START pc=%x\\n\", \$pc" \
	-ex "continue" \
	-ex "continue" \
	-ex "continue" \
	-ex "printf \"AGAIN3 count=%d data=%x\\n\", main::count, data" \
	-ex "delete" \
	-ex "watch main::count" \
	-ex "reverse-continue" \
	-ex "printf \"WATCHED count=%d\\n\", main::count" \
	-ex "delete" \
	-ex "break on_message" \
	-ex "continue" \
	-ex "reverse-next" \
	-ex "monitor history" \
	-ex "delete" \
	-ex "continue"
wait_rpsim reverse
G="$WORK/reverse.gdb"
before=$(sed -n 's/^BEFORE //p' "$G")
back=$(sed -n 's/^BACK //p' "$G")
after=$(sed -n 's/^AFTER //p' "$G")
if [ -n "$before" ] && [ "$before" = "$back" ] && [ "$after" != "$before" ]; then
	pass=$((pass + 1))
else
	echo "FAIL reverse: reverse-stepi gave '$back', expected '$before' (the step went to '$after')"
	fail=$((fail + 1))
fi
hit2=$(sed -n 's/^HIT2 //p' "$G")
expect reverse "$G" '^HIT3 count=2 data=[0-9a-f]+$' "the third hit"
expect reverse "$G" '^HIT2 count=1 data=[0-9a-f]+$' "reverse-continue: the second hit, with the count as it was"
expect reverse "$G" '^HIT1 count=0 data=[0-9a-f]+$' "reverse-continue: the first hit"
expect reverse "$G" '^No more reverse-execution history\.$' "back to the start of the history"
expect reverse "$G" '^START pc=0$' "the start is the firmware's entry, where GDB attached"
expect reverse "$G" '^AGAIN3 count=2 data=[0-9a-f]+$' "forward again: the same third hit"
expect reverse "$G" '^Old value = 2$' "a watchpoint backwards: GDB sees the value before the store"
expect reverse "$G" '^New value = 1$' "... and the one before it"
expect reverse "$G" '^WATCHED count=1$' "stopped before the store"
expect reverse "$G" '^[0-9]+[[:space:]].*ept->cb\(' "reverse-next goes back to the call in deliver()"
expect reverse "$G" '^reverse execution: [0-9]+ checkpoints' "monitor history"
expect reverse "$G" 'exited normally' "the run goes on to its end"
d2=$(echo "$hit2" | sed 's/.*data=//')
a3=$(sed -n 's/^AGAIN3 count=2 data=//p' "$G")
h3=$(sed -n 's/^HIT3 count=2 data=//p' "$G")
if [ -n "$h3" ] && [ "$a3" = "$h3" ] && [ "$d2" != "$h3" ]; then
	pass=$((pass + 1))
else
	echo "FAIL reverse: the hits' messages: third $h3, again $a3, second $d2"
	fail=$((fail + 1))
fi
expect_status reverse "$STATUS" 0
expect reverse "$WORK/reverse.out" '^PASS ' "the run passes"

# a trace file: no reverse execution
start_rpsim traced run -q --gdb 0 --gdb-wait --trace "$WORK/t.trace" "$SC" || finish
run_gdb traced "$ECHO_ELF" -ex "break on_message" -ex "continue" -ex "reverse-stepi" \
	-ex "monitor history" -ex "delete" -ex "continue"
wait_rpsim traced
expect traced "$WORK/traced.gdb" 'does not support this command' "GDB is told the target cannot go back"
expect traced "$WORK/traced.gdb" '^reverse execution is off: ' "monitor history says why"
expect_status traced "$STATUS" 0
finish
