#!/bin/sh
# Figures of issue 13 (never pass/fail; the machine's load moves them):
#  - recording a seekable trace of the 100k-message echo against no trace
#    (best of 3 wall times each; target <= 1.2x);
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

# best of three times of a command, in ms: CPU time (user + system) with
# GNU time, which a loaded machine disturbs less than the wall clock
best3() {
	best=""
	for i in 1 2 3; do
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f "%U %S" -o "$tmp/time" "$@" >/dev/null
			t=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/time")
		else
			t0=$(now)
			"$@" >/dev/null
			t=$(( ($(now) - t0) / 1000000 ))
		fi
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo_scenario 100000 "$tmp/echo100k.json"
plain=$(best3 "$RPSIM" run -q "$tmp/echo100k.json")
nosnap=$(best3 "$RPSIM" run -q --trace "$tmp/t0.trace" --snapshot-every 0 "$tmp/echo100k.json")
seek=$(best3 "$RPSIM" run -q --trace "$tmp/t.trace" "$tmp/echo100k.json")
insns=$("$RPSIM" run -q "$tmp/echo100k.json" | sed -n 's/.*, \([0-9]*\) instructions$/\1/p')
what="CPU time"
[ -x /usr/bin/time ] || what="wall time"
echo "100k-message echo ($insns instructions), best of 3, $what:"
echo "  untraced $plain ms; trace without snapshots $nosnap ms ($(ratio "$nosnap" "$plain")x);" \
	"seekable trace $seek ms ($(ratio "$seek" "$plain")x, target <= 1.2x)"
echo "  seekable trace $(wc -c < "$tmp/t.trace") bytes, $("$RPSIM" trace dump "$tmp/t.trace" | grep -c SNAPSHOT) snapshots;" \
	"without snapshots $(wc -c < "$tmp/t0.trace") bytes"

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
echo "viewer on the 100k-message echo's seekable trace ($insns instructions):"
sed 's/^/  /' "$tmp/view.err"

"$RPSIM" run -q "$tmp/echo1s.json" --checkpoint-at 500ms "$tmp/c.ckpt" >/dev/null
t0=$(now)
"$RPSIM" run -q --restore "$tmp/c.ckpt" >/dev/null
echo "checkpoint at 500 ms of the one-second run: $(wc -c < "$tmp/c.ckpt") bytes; restored and run to" \
	"the end in $(( ($(now) - t0) / 1000000 )) ms"
