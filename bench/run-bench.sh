#!/bin/sh
# Full-system benchmarks of `rpsim run` (figures only, never pass/fail):
#  - cold start to verdict of the default echo scenario (mean of 50 runs);
#  - RPMsg echo round trips per wall-clock second, 64-byte messages,
#    through the rpmsg-echo firmware on the RV32 core.
set -eu
: "${RPSIM:?}" "${top_srcdir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }

n=50
t0=$(now)
i=0
while [ $i -lt $n ]; do
	"$RPSIM" run -q "$top_srcdir/scenarios/rpmsg-echo.json" >/dev/null
	i=$((i + 1))
done
t1=$(now)
echo "rpsim run (echo scenario): cold start to verdict $(( (t1 - t0) / n / 1000 )) us mean over $n runs"

trips=20000
cat > "$tmp/echo-bench.json" <<EOS
{
  "description": "benchmark: $trips round trips of 64 bytes",
  "firmware": "rpmsg-echo.elf",
  "time_limit": "1000s",
  "steps": [
    {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
    {"wait": {"channel": "rpmsg-raw"}},
    {"open": "/dev/rpmsg0"},
    {"repeat": $trips, "steps": [
      {"write": "/dev/rpmsg0", "data": {"size": 64, "pattern": "counter"}},
      {"read": "/dev/rpmsg0", "expect": {"size": 64, "pattern": "counter"}}
    ]},
    {"echo": "stop", "to": "/sys/class/remoteproc/remoteproc0/state"}
  ]
}
EOS
t0=$(now)
out=$("$RPSIM" run -q "$tmp/echo-bench.json")
t1=$(now)
ns=$((t1 - t0))
echo "rpmsg echo, 64-byte messages: $trips round trips in $((ns / 1000000)) ms wall: $(( trips * 1000000000 / ns )) round trips/s"
echo "    $out"
