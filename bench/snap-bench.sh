#!/bin/sh
# Figures of issue 13 (never pass/fail; the machine's load moves them):
#  - recording a seekable trace of the 100k-message echo against no trace
#    (interleaved runs, CPU and wall time, best and median, the load
#    average; host instruction counts with SNAP_BENCH_CALLGRIND=1;
#    target <= 1.2x): the default one, whose events are recomputed when
#    read, and for comparison one with every event (--trace-events) and
#    one with events and no snapshots; then what reading each costs
#    (rpsim trace dump: the recomputed one re-executes the run);
#  - seeking in a one-second simulated run (target <= 100 ms a seek);
#  - bytes per instruction of a --trace-insns trace (target <= 3);
#  - the viewer opening the 100 M-instruction run's trace (target <= 1 s);
#  - a --trace-window trace of the same run, and a checkpoint's size.
set -eu
: "${RPSIM:?}" "${BENCH_SEEK:?}" "${top_srcdir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }

echo_scenario() { # TRIPS FILE
	cat > "$2" <<EOS
{
  "description": "benchmark: $1 round trips of 64 bytes",
  "firmware": "rpmsg-echo.elf",
  "time_limit": "1000s",
  "steps": [
    {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
    {"wait": {"channel": "rpmsg-raw"}},
    {"open": "/dev/rpmsg0"},
    {"repeat": $1, "steps": [
      {"write": "/dev/rpmsg0", "data": {"size": 64, "pattern": "counter"}},
      {"read": "/dev/rpmsg0", "expect": {"size": 64, "pattern": "counter"}}
    ]},
    {"echo": "stop", "to": "/sys/class/remoteproc/remoteproc0/state"}
  ]
}
EOS
}

# One run's CPU time (user + system, GNU time) and wall time, in ms:
# "CPU WALL".  CPU time is what a loaded machine disturbs least.
timed() {
	if [ -x /usr/bin/time ]; then
		t0=$(now)
		/usr/bin/time -f "%U %S" -o "$tmp/time" "$@" >/dev/null
		w=$(( ($(now) - t0) / 1000000 ))
		awk -v w="$w" '{ printf "%d %d\n", ($1 + $2) * 1000, w }' "$tmp/time"
	else
		t0=$(now)
		"$@" >/dev/null
		w=$(( ($(now) - t0) / 1000000 ))
		echo "$w $w"
	fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# best and median of a column of numbers
best() { sort -n | head -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo_scenario 100000 "$tmp/echo100k.json"
# interleaved, so a change in the machine's load touches all three alike
RUNS=${SNAP_BENCH_RUNS:-5}
load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
: > "$tmp/plain"; : > "$tmp/nosnap"; : > "$tmp/events"; : > "$tmp/seek"
i=0
while [ "$i" -lt "$RUNS" ]; do
	timed "$RPSIM" run -q "$tmp/echo100k.json" >> "$tmp/plain"
	timed "$RPSIM" run -q --trace "$tmp/t0.trace" --snapshot-every 0 "$tmp/echo100k.json" >> "$tmp/nosnap"
	timed "$RPSIM" run -q --trace "$tmp/te.trace" --trace-events "$tmp/echo100k.json" >> "$tmp/events"
	timed "$RPSIM" run -q --trace "$tmp/t.trace" "$tmp/echo100k.json" >> "$tmp/seek"
	i=$((i + 1))
done
load1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
insns=$("$RPSIM" run -q "$tmp/echo100k.json" | sed -n 's/.*, \([0-9]*\) instructions$/\1/p')
what="CPU time"
[ -x /usr/bin/time ] || what="wall time"
for k in plain nosnap events seek; do
	eval "${k}_cb=\$(cut -d' ' -f1 "\$tmp/\$k" | best)"
	eval "${k}_cm=\$(cut -d' ' -f1 "\$tmp/\$k" | median)"
	eval "${k}_wm=\$(cut -d' ' -f2 "\$tmp/\$k" | median)"
done
echo "100k-message echo ($insns instructions), $RUNS interleaved runs each (load average $load0 before, $load1 after):"
echo "  $what, best: untraced $plain_cb ms; seekable trace (--trace, events recomputed) $seek_cb ms" \
	"($(ratio "$seek_cb" "$plain_cb")x, target <= 1.2x); with every event (--trace-events) $events_cb ms" \
	"($(ratio "$events_cb" "$plain_cb")x); events, no snapshots (--snapshot-every 0) $nosnap_cb ms" \
	"($(ratio "$nosnap_cb" "$plain_cb")x)"
echo "  $what, median: untraced $plain_cm ms; seekable $seek_cm ms ($(ratio "$seek_cm" "$plain_cm")x);" \
	"every event $events_cm ms ($(ratio "$events_cm" "$plain_cm")x); no snapshots $nosnap_cm ms" \
	"($(ratio "$nosnap_cm" "$plain_cm")x)"
echo "  wall time, median: untraced $plain_wm ms; seekable $seek_wm ms ($(ratio "$seek_wm" "$plain_wm")x);" \
	"every event $events_wm ms ($(ratio "$events_wm" "$plain_wm")x); no snapshots $nosnap_wm ms" \
	"($(ratio "$nosnap_wm" "$plain_wm")x)"
nrec=$("$RPSIM" trace dump "$tmp/t0.trace" | head -1 | sed -n 's/.*, \([0-9]*\) records$/\1/p')
echo "  seekable trace $(wc -c < "$tmp/t.trace") bytes, $("$RPSIM" trace dump "$tmp/t.trace" | grep -c SNAPSHOT) snapshots;" \
	"with every event $(wc -c < "$tmp/te.trace") bytes; without snapshots $(wc -c < "$tmp/t0.trace") bytes, $nrec records"
# what reading costs: the recomputed trace re-executes the run first
rd=$(timed "$RPSIM" trace dump "$tmp/t.trace" -o "$tmp/d.txt" | cut -d' ' -f2)
re=$(timed "$RPSIM" trace dump "$tmp/te.trace" -o "$tmp/de.txt" | cut -d' ' -f2)
same="the same text"
cmp -s "$tmp/d.txt" "$tmp/de.txt" || same="DIFFERENT TEXT"
echo "  rpsim trace dump (wall): seekable $rd ms (re-executes the run), with every event $re ms; $same"
# host instructions, which the load does not move: with valgrind and
# SNAP_BENCH_CALLGRIND=1 (about a minute and a half)
if [ "${SNAP_BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	ir() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
	}
	a=$(ir "$RPSIM" run -q "$tmp/echo100k.json")
	b=$(ir "$RPSIM" run -q --trace "$tmp/c0.trace" --snapshot-every 0 "$tmp/echo100k.json")
	c=$(ir "$RPSIM" run -q --trace "$tmp/c.trace" "$tmp/echo100k.json")
	e=$(ir "$RPSIM" run -q --trace "$tmp/ce.trace" --trace-events "$tmp/echo100k.json")
	echo "  host instructions (callgrind): untraced $a; seekable $c ($(ratio "$c" "$a")x, target <= 1.2x);" \
		"with every event $e ($(ratio "$e" "$a")x); events, no snapshots $b ($(ratio "$b" "$a")x);" \
		"$(( (b - a) / ${nrec:-1} )) a record," \
		"$(( (c - a) / $("$RPSIM" trace dump "$tmp/c.trace" | grep -c SNAPSHOT) )) a snapshot"
fi

echo_scenario 59000 "$tmp/echo1s.json"
"$RPSIM" run -q --trace "$tmp/1s.trace" "$tmp/echo1s.json" >/dev/null
"$BENCH_SEEK" "$tmp/1s.trace" 40

echo_scenario 10000 "$tmp/echo10k.json"
t0=$(now)
out=$("$RPSIM" run -q --trace "$tmp/i.trace" --trace-insns "$tmp/echo10k.json")
ms=$(( ($(now) - t0) / 1000000 ))
n=$(echo "$out" | sed -n 's/.*, \([0-9]*\) instructions$/\1/p')
size=$(wc -c < "$tmp/i.trace")
echo "--trace-insns, 10k-message echo: $size bytes for $n instructions:" \
	"$(awk -v s="$size" -v n="$n" 'BEGIN { printf "%.2f", s / n }') bytes per instruction" \
	"(target <= 3; 21 before compression), $ms ms"
"$RPSIM" run -q --trace "$tmp/w.trace" --trace-insns --trace-window 1ms "$tmp/echo10k.json" >/dev/null
echo "  with --trace-window 1ms: $(wc -c < "$tmp/w.trace") bytes"

"$RPSIM" view "$tmp/t.trace" --screenshot "$tmp/v.png" --stats 2>"$tmp/view.err" >/dev/null || true
echo "viewer on the 100k-message echo's seekable trace ($insns instructions; its events recomputed on open):"
sed 's/^/  /' "$tmp/view.err"
"$RPSIM" view "$tmp/te.trace" --screenshot "$tmp/v.png" --stats 2>"$tmp/view.err" >/dev/null || true
echo "viewer on the same run's trace with every event (--trace-events):"
sed 's/^/  /' "$tmp/view.err"

"$RPSIM" run -q "$tmp/echo1s.json" --checkpoint-at 500ms "$tmp/c.ckpt" >/dev/null
t0=$(now)
"$RPSIM" run -q --restore "$tmp/c.ckpt" >/dev/null
echo "checkpoint at 500 ms of the one-second run: $(wc -c < "$tmp/c.ckpt") bytes; restored and run to" \
	"the end in $(( ($(now) - t0) / 1000000 )) ms"
