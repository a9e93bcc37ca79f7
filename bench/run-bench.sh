#!/bin/sh
# Full-system benchmarks of `rpsim run` (figures only, never pass/fail):
#  - cold start to verdict of the default scenario (50 runs);
#  - RPMsg echo round trips per second, 64-byte messages, through the
#    rpmsg-echo firmware on the RV32 core (100k round trips), with the JIT
#    and with --no-jit;
#  - peak RSS of the echo scenario with a 1 GiB DRAM.
# Wall time is what a user waits; CPU time (user + system) is the steadier
# figure on a shared machine, so both are printed.
set -eu
: "${RPSIM:?}" "${top_srcdir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
have_time=false
command -v /usr/bin/time >/dev/null 2>&1 && have_time=true

# cold start: each run timed on its own; the median and the fastest (on a
# shared machine the others wait for a CPU)
n=50
i=0
: >"$tmp/cold"
while [ $i -lt $n ]; do
	t0=$(now)
	"$RPSIM" run -q >/dev/null
	t1=$(now)
	echo $(( (t1 - t0) / 1000 )) >>"$tmp/cold"
	i=$((i + 1))
done
sort -n "$tmp/cold" | awk -v n=$n '{ v[NR] = $1 } END {
	printf "rpsim run (the default echo scenario): cold start to verdict %.1f ms median, %.1f ms fastest, over %d runs (wall)\n",
	       v[int((n + 1) / 2)] / 1000, v[1] / 1000, n }'

trips=100000
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
for mode in "" --no-jit; do
	t0=$(now)
	if $have_time; then
		out=$(/usr/bin/time -f "%U %S" -o "$tmp/t" "$RPSIM" run -q $mode "$tmp/echo-bench.json")
	else
		out=$("$RPSIM" run -q $mode "$tmp/echo-bench.json")
	fi
	t1=$(now)
	ns=$((t1 - t0))
	cpu=""
	$have_time && cpu=$(awk -v n=$trips '{ printf ", %.0f per CPU second", n / ($1 + $2) }' "$tmp/t")
	echo "rpmsg echo, 64-byte messages${mode:+ ($mode)}: $trips round trips in $((ns / 1000000)) ms wall: $(( trips * 1000000000 / ns )) round trips per wall second$cpu"
	echo "    $out"
done

# a 1 GiB DRAM costs only the pages the run touches
sed -e 's|"firmware": "rpmsg-echo.elf",|"firmware": "rpmsg-echo.elf",\n  "platform": {"dram": {"base": "0x80000000", "size": "1GiB"}},|' \
	-e "s|\"repeat\": $trips|\"repeat\": 1000|" "$tmp/echo-bench.json" >"$tmp/echo-1g.json"
if $have_time; then
	/usr/bin/time -f "%M" -o "$tmp/rss" "$RPSIM" run -q "$tmp/echo-1g.json" >"$tmp/out"
	echo "rpmsg echo with a 1 GiB DRAM (1000 round trips): peak RSS $(( $(cat "$tmp/rss") / 1024 )) MiB"
	echo "    $(cat "$tmp/out")"
else
	echo "peak RSS: /usr/bin/time not found (Debian package time)"
fi
