#!/bin/sh
# The GDB stub on the Cortex-M4F core, with the real gdb-multiarch against
# a program for QEMU's mps2-an386 run by `rpsim exec --gdb`
# (tests/gdb/cm4.c): the target description (M-profile, VFP, system
# registers), break at a symbol, continue, stop there; a backtrace; stepi,
# step and next; registers (core, xPSR, FP single and double, MSP) and
# memory read and written; a watchpoint that triggers on a store;
# reverse-stepi back to the previous pc with the previous registers;
# reverse-continue back to the previous breakpoint hit; detach (the
# program goes on and exits 0, its output printed once).  Then kill.
set -u
. "$top_srcdir/tests/gdb/lib.sh"
ELF="$top_builddir/tests/gdb/cm4.elf"

start_rpsim cm4 exec --gdb 0 --gdb-wait "$ELF" || finish
run_gdb cm4 "$ELF" \
	-ex "info threads" \
	-ex "show architecture" \
	-ex "break add_step" \
	-ex "continue" \
	-ex "bt" \
	-ex "printf \"X=%d\\n\", x" \
	-ex "printf \"PC1=%x\\n\", \$pc" \
	-ex "stepi" \
	-ex "printf \"PC2=%x\\n\", \$pc" \
	-ex "set \$r12 = 0x1234abcd" \
	-ex "printf \"R12=%x\\n\", \$r12" \
	-ex "printf \"TBIT=%d IPSR=%d MSP=%x SP=%x\\n\", (\$xpsr >> 24) & 1, \$xpsr & 0x1ff, \$msp, \$sp" \
	-ex "set \$s2 = 2.5" \
	-ex "printf \"S2=%f\\n\", \$s2" \
	-ex "p/x \$d1" \
	-ex "set {unsigned int}&scratch = 0xfeedf00d" \
	-ex "x/1xw &scratch" \
	-ex "printf \"SCALE=%f\\n\", scale" \
	-ex "delete" \
	-ex "watch counter" \
	-ex "continue" \
	-ex "printf \"COUNTER=%d\\n\", counter" \
	-ex "delete" \
	-ex "break add_step" \
	-ex "continue" \
	-ex "printf \"HIT2 x=%d counter=%d\\n\", x, counter" \
	-ex "printf \"BEFORE pc=%x sp=%x r2=%x r3=%x\\n\", \$pc, \$sp, \$r2, \$r3" \
	-ex "stepi" \
	-ex "stepi" \
	-ex "printf \"AFTER pc=%x sp=%x r2=%x r3=%x\\n\", \$pc, \$sp, \$r2, \$r3" \
	-ex "reverse-stepi" \
	-ex "reverse-stepi" \
	-ex "printf \"BACK pc=%x sp=%x r2=%x r3=%x\\n\", \$pc, \$sp, \$r2, \$r3" \
	-ex "continue" \
	-ex "printf \"HIT3 x=%d counter=%d\\n\", x, counter" \
	-ex "step" \
	-ex "reverse-continue" \
	-ex "printf \"RHIT3 x=%d counter=%d\\n\", x, counter" \
	-ex "reverse-continue" \
	-ex "printf \"RHIT2 x=%d counter=%d\\n\", x, counter" \
	-ex "delete" \
	-ex "break fscale" \
	-ex "continue" \
	-ex "next" \
	-ex "next" \
	-ex "delete" \
	-ex "detach"
wait_rpsim cm4
G="$WORK/cm4.gdb"
expect cm4 "$G" '^\* 1 +Thread 1 ' "the core is thread 1"
expect cm4 "$G" 'target architecture is set to "auto" \(currently "armv7e?-m"\)' "GDB takes the M profile from the target description"
expect cm4 "$G" '^Breakpoint 1, add_step \(x=(x@entry=)?1\) at .*cm4\.c:[0-9]+' "continue stops at the breakpoint, with the argument"
expect cm4 "$G" '^#1 +0x[0-9a-f]+ in main \(\) at .*cm4\.c:[0-9]+' "the backtrace reaches main"
pc1=$(sed -n 's/^PC1=//p' "$G")
pc2=$(sed -n 's/^PC2=//p' "$G")
if [ -n "$pc1" ] && [ -n "$pc2" ] && [ $((0x$pc2 - 0x$pc1)) -ge 2 ] && [ $((0x$pc2 - 0x$pc1)) -le 4 ]; then
	pass=$((pass + 1))
else
	echo "FAIL cm4: stepi went from 0x$pc1 to 0x$pc2, not one instruction on"
	fail=$((fail + 1))
fi
expect cm4 "$G" '^R12=1234abcd$' "a core register written reads back"
msp=$(sed -n 's/^TBIT=1 IPSR=0 MSP=\([0-9a-f]*\) SP=\1$/\1/p' "$G")
if [ -n "$msp" ]; then
	pass=$((pass + 1))
else
	echo "FAIL cm4: xPSR (Thumb, Thread mode) or MSP (the SP in Thread mode) read wrong: $(grep '^TBIT=' "$G")"
	fail=$((fail + 1))
fi
expect cm4 "$G" '^S2=2\.500000$' "an FP single register (GDB's pseudo register over d1) written reads back"
expect cm4 "$G" '^\$[0-9]+ = 0x40200000$' "d1 holds s2 in its low half"
expect cm4 "$G" '^0x[0-9a-f]+ <scratch>:[[:space:]]+0xfeedf00d$' "memory written reads back"
expect cm4 "$G" '^SCALE=1\.500000$' "memory reads: an initialised float"
expect cm4 "$G" '^Hardware watchpoint 2: counter$' "the watchpoint is a hardware one"
expect cm4 "$G" '^New value = 1$' "the watchpoint triggers on the store of counter"
expect cm4 "$G" '^COUNTER=1$' "stopped right after the store"
expect cm4 "$G" '^HIT2 x=2 counter=1$' "the second call"
before=$(sed -n 's/^BEFORE //p' "$G")
back=$(sed -n 's/^BACK //p' "$G")
after=$(sed -n 's/^AFTER //p' "$G")
if [ -n "$before" ] && [ "$before" = "$back" ] && [ "$after" != "$before" ]; then
	pass=$((pass + 1))
else
	echo "FAIL cm4: reverse-stepi gave '$back', expected '$before' (the steps went to '$after')"
	fail=$((fail + 1))
fi
expect cm4 "$G" '^HIT3 x=3 counter=3$' "the third call"
expect cm4 "$G" '^15[[:space:]]+return counter;$' "step goes to the next line"
expect cm4 "$G" '^RHIT3 x=3 counter=3$' "reverse-continue after a step: back to the hit it stepped from"
expect cm4 "$G" '^RHIT2 x=2 counter=1$' "reverse-continue: back to the second call, the counter as it was"
expect cm4 "$G" '^Breakpoint [0-9]+, fscale \(v=(v@entry=)?35\) at ' "forward again to fscale"
expect cm4 "$G" '^main \(\) at .*cm4\.c:[0-9]+$' "next returns to main"
expect cm4 "$G" '^30[[:space:]]+return sum == 35' "next steps over printf to the next line"
expect cm4 "$G" 'detached' "detach"
wait_status=$STATUS
expect_status cm4 "$wait_status" 0
expect cm4 "$WORK/cm4.out" '^cm4: sum 35, scaled 52$' "the program goes on after detach and exits"
n=$(grep -c '^cm4: sum' "$WORK/cm4.out")
if [ "$n" = 1 ]; then
	pass=$((pass + 1))
else
	echo "FAIL cm4: the program's output was printed $n times (re-execution must not print again)"
	fail=$((fail + 1))
fi

start_rpsim cm4kill exec --gdb 0 --gdb-wait "$ELF" || finish
run_gdb cm4kill "$ELF" -ex "break fscale" -ex "continue" -ex "kill"
wait_rpsim cm4kill
expect_status cm4kill "$STATUS" 1
expect cm4kill "$WORK/cm4kill.err" 'the run was killed from GDB at pc 0x' "kill ends the run"

# A scenario's Cortex-M remote (rpsim run --core cortex-m4f), once the
# platform has one: break, continue, reverse-continue, detach.
if "$RPSIM" run --help 2>&1 | grep -q -- '--core NAME'; then
	FW=$(find "$top_builddir/firmware-samples" -path '*cortex-m4f*' -name rpmsg-echo.elf | head -n 1)
	start_rpsim cm4run run -q --core cortex-m4f --gdb 0 --gdb-wait "$top_srcdir/tests/gdb/echo3.json" || finish
	run_gdb cm4run "$FW" \
		-ex "break on_message" \
		-ex "continue" \
		-ex "continue" \
		-ex "printf \"RUN2 count=%d\\n\", main::count" \
		-ex "reverse-continue" \
		-ex "printf \"RUN1 count=%d\\n\", main::count" \
		-ex "delete" \
		-ex "detach"
	wait_rpsim cm4run
	G="$WORK/cm4run.gdb"
	expect cm4run "$G" '^Breakpoint 1, on_message \(' "a Cortex-M remote stops at the breakpoint"
	expect cm4run "$G" '^RUN2 count=1$' "the second message"
	expect cm4run "$G" '^RUN1 count=0$' "reverse-continue: back to the first"
	expect_status cm4run "$STATUS" 0
	expect cm4run "$WORK/cm4run.out" '^PASS ' "the run goes on after detach and passes"
else
	echo "note: rpsim run has no --core yet: the Cortex-M remote part is not run"
fi

finish
