#!/bin/sh
# Files that are not what they claim: FIFOs, devices and directories where
# rpsim reads a scenario, a firmware, a payload, a trace or the viewer's
# ELF are refused at once with a message (exit 2), never waited on; a
# crafted trace (a record near 2^64 ps, an identity naming /dev/zero)
# neither hangs the viewer nor makes it read a device; a trace without
# signals exports to VCD; a trace whose events are recomputed says which
# of its inputs is gone or changed.  Every command runs under `timeout`: a hang fails
# the test instead of stalling it.
set -u
dir="$top_builddir/tests/bad-files.out"
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir" || exit 1
pass=0
fail=0
T=20

# run NAME STATUS TEXT CMD...: CMD exits with STATUS within $T seconds and
# its output contains TEXT
run() {
	name=$1 want=$2 text=$3
	shift 3
	timeout $T "$@" > out.txt 2>&1
	got=$?
	if [ "$got" = 124 ]; then
		echo "FAIL: $name: still running after ${T}s (blocked or hung)"
		fail=$((fail + 1))
	elif [ "$got" != "$want" ]; then
		echo "FAIL: $name: exit status $got, expected $want"
		sed 's/^/    /' out.txt | head -5
		fail=$((fail + 1))
	elif [ -n "$text" ] && ! grep -qF -- "$text" out.txt; then
		echo "FAIL: $name: output lacks: $text"
		sed 's/^/    /' out.txt | head -5
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

mkfifo fifo.json fw.fifo pay.fifo trace.fifo elf.fifo
mkdir adir
cp "$top_builddir/tests/corpus/fw-good.elf" fw-good.elf

# a scenario, a firmware, a payload
run "scenario FIFO" 2 "fifo.json: is a FIFO (named pipe), not a regular file" "$RPSIM" run fifo.json
run "scenario directory" 2 "adir: is a directory, not a regular file" "$RPSIM" run adir
cat > fw-fifo.json <<'J'
{"firmware": "fw.fifo", "steps": [{"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"}]}
J
run "firmware FIFO, refused at load" 2 'firmware "fw.fifo" cannot be loaded' "$RPSIM" run fw-fifo.json
cat > fw-dev.json <<'J'
{"firmware": "/dev/zero", "steps": [{"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"}]}
J
run "firmware device, refused at load" 2 "/dev/zero is not a regular file" "$RPSIM" run fw-dev.json
cat > pay-fifo.json <<'J'
{"firmware": "fw-good.elf", "steps": [{"write": "/dev/rpmsg0", "data": {"file": "pay.fifo"}}]}
J
run "payload FIFO" 2 "pay.fifo: is a FIFO (named pipe), not a regular file" "$RPSIM" run pay-fifo.json

# inspect and exec
run "inspect FIFO" 2 "fw.fifo: is a FIFO (named pipe)" "$RPSIM" inspect fw.fifo
run "inspect /dev/zero" 2 "/dev/zero: is a character device" "$RPSIM" inspect /dev/zero
run "inspect directory" 2 "adir: is a directory" "$RPSIM" inspect adir
run "exec FIFO" 2 "fw.fifo: is a FIFO (named pipe)" "$RPSIM" exec fw.fifo

# traces
run "trace dump FIFO" 2 "trace.fifo: is a FIFO (named pipe)" "$RPSIM" trace dump trace.fifo
run "trace dump directory" 2 "adir: is a directory, not a regular file" "$RPSIM" trace dump adir
run "trace dump /dev/zero" 2 "/dev/zero: is a character device" "$RPSIM" trace dump /dev/zero

# a trace with no IRQ line and no mailbox: VCD without a signal
cat > idle.json <<'J'
{"steps": [{"run": "1us"}]}
J
run "idle scenario" 0 "PASS" "$RPSIM" run -q --trace idle.trace idle.json
run "VCD of a trace without signals" 0 '$enddefinitions $end' "$RPSIM" trace vcd idle.trace

# the viewer: --elf a FIFO; a trace naming /dev/zero as its firmware; a
# trace with a record near 2^64 ps
run "echo scenario" 0 "PASS" "$RPSIM" run -q --trace-events --trace echo.trace "$top_srcdir/scenarios/rpmsg-echo.json"
run "view --elf FIFO: a warning, not read" 0 "elf.fifo: is a FIFO (named pipe)" "$RPSIM" view echo.trace --elf elf.fifo --screenshot a.png
run "view a FIFO" 2 "trace.fifo: is a FIFO (named pipe)" "$RPSIM" view trace.fifo --screenshot a.png
python3 "$top_srcdir/tests/tracetool.py" set-firmware echo.trace zero.trace /dev/zero
run "view: the trace's firmware is a device" 0 "/dev/zero: is a character device" \
	"$RPSIM" view zero.trace --screenshot a.png
cp "$top_builddir/firmware-samples/crash/crash.elf" other.elf
python3 "$top_srcdir/tests/tracetool.py" set-firmware echo.trace other.trace "$dir/other.elf"
run "view: the trace's firmware is another file" 0 "is not the firmware the trace was recorded with" \
	"$RPSIM" view other.trace --screenshot a.png
for t in 18446744073709551615:18446744.073709551615 18446744073709551000:18446744.073709551000 \
	9223372036854775808:9223372.036854775808; do
	python3 "$top_srcdir/tests/tracetool.py" set-time echo.trace late.trace 20 "${t%%:*}"
	run "view: a record at ${t%%:*} ps" 0 "" "$RPSIM" view late.trace --screenshot a.png
	run "dump: a record at ${t%%:*} ps" 0 "${t#*:}" "$RPSIM" trace dump late.trace
	run "perfetto: a record at ${t%%:*} ps" 0 "traceEvents" "$RPSIM" trace perfetto late.trace
	run "vcd: a record at ${t%%:*} ps" 0 '$enddefinitions $end' "$RPSIM" trace vcd late.trace
done

# a trace whose events are recomputed (no --trace-events) needs its
# inputs: a scenario changed since, or gone, is named with the way out
# (exit 2); --scenario gives it; a firmware changed since is refused too
cp "$top_srcdir/scenarios/rpmsg-echo.json" mine.json
run "recomputed: run" 0 "PASS" "$RPSIM" run -q --trace mine.trace mine.json
run "recomputed: dump" 0 "RPMSG     received" "$RPSIM" trace dump mine.trace
mv mine.json moved.json
run "recomputed: scenario gone" 2 "mine.json, cannot be read; give it with --scenario FILE" \
	"$RPSIM" trace dump mine.trace
run "recomputed: --scenario" 0 "RPMSG     received" "$RPSIM" trace dump mine.trace --scenario moved.json
run "recomputed: view, scenario gone" 2 "give it with --scenario FILE" \
	"$RPSIM" view mine.trace --screenshot a.png
echo '{"firmware": "rpmsg-echo.elf", "steps": []}' > mine.json
run "recomputed: scenario changed" 2 "mine.json, is not the same file any more" \
	"$RPSIM" trace vcd mine.trace
cp moved.json mine.json
cp "$top_builddir/firmware-samples/rpmsg-echo/rpmsg-echo.elf" echo-copy.elf
printf '{"firmware": "%s/echo-copy.elf", "steps": [{"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"}]}\n' "$dir" > fw.json
run "recomputed: run with a firmware" 0 "PASS" "$RPSIM" run -q --trace fw.trace fw.json
printf 'x' >> echo-copy.elf
run "recomputed: firmware changed" 2 "is not the file the trace was recorded with" \
	"$RPSIM" trace perfetto fw.trace

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
