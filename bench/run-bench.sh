#!/bin/sh
# Full-system benchmarks of `rpsim run` (figures only, never pass/fail):
#  - cold start to verdict of the default scenario (50 runs);
#  - RPMsg echo round trips per second, 64-byte messages, through the
#    rpmsg-echo firmware on the RV32 core (100k round trips), with the JIT
#    (5 runs) and with --no-jit (2), and the host instructions per round
#    trip (callgrind, when valgrind is installed);
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
# Five runs with the JIT (the default), two with --no-jit, alternating:
# the fastest and the median of each (on a shared machine a run's time
# is mostly how long the others let it have a CPU; the fastest is the
# closest to an idle machine).
echo_run() { # mode: prints "ns user+sys output"
	t0=$(now)
	if $have_time; then
		out=$(/usr/bin/time -f "%U %S" -o "$tmp/t" "$RPSIM" run -q $1 "$tmp/echo-bench.json")
		cpu=$(awk '{ print $1 + $2 }' "$tmp/t")
	else
		out=$("$RPSIM" run -q $1 "$tmp/echo-bench.json")
		cpu=0
	fi
	t1=$(now)
	echo "$((t1 - t0)) $cpu $out"
}
: >"$tmp/jit"
: >"$tmp/nojit"
for i in 1 2 3 4 5; do
	echo_run "" >>"$tmp/jit"
	[ $i -le 2 ] && echo_run --no-jit >>"$tmp/nojit"
done
for mode in "" --no-jit; do
	f="$tmp/jit"
	[ -n "$mode" ] && f="$tmp/nojit"
	sort -n "$f" | awk -v n=$trips -v mode="$mode" -v have="$have_time" '
		{ ns[NR] = $1; cpu[NR] = $2; c[NR] = $2 }
		END {
			k = NR; m = int((k + 1) / 2)
			printf "rpmsg echo, 64-byte messages%s: %d round trips, %d runs: %.0f round trips per wall second fastest (%d ms), %.0f median",
			       mode == "" ? "" : " (" mode ")", n, k, n * 1e9 / ns[1], ns[1] / 1e6, n * 1e9 / ns[m]
			if (have == "true") {
				# CPU times sorted on their own
				for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
				if (c[1] > 0)
					printf "; %.0f per CPU second fastest, %.0f median", n / c[1], n / c[m]
			}
			printf "\n"
		}'
	echo "    $(head -n 1 "$f" | cut -d' ' -f3-)"
done

# Host instructions per round trip (load-independent, the working
# measure): callgrind on 10k round trips less 1k, so that start-up and
# the firmware's boot cancel out.  Only when valgrind is installed.
if command -v valgrind >/dev/null 2>&1; then
	ir() { # round trips: prints the host instructions of the whole run
		sed -e "s|\"repeat\": $trips|\"repeat\": $1|" "$tmp/echo-bench.json" >"$tmp/echo-$1.json"
		valgrind --tool=callgrind --smc-check=all --callgrind-out-file="$tmp/cg.out" \
			"$RPSIM" run -q "$tmp/echo-$1.json" 2>&1 >/dev/null |
			sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	}
	a=$(ir 1000)
	b=$(ir 10000)
	if [ -n "$a" ] && [ -n "$b" ]; then
		echo "rpmsg echo, host instructions per round trip (callgrind, 10k minus 1k round trips): $(( (b - a) / 9000 ))"
	fi
else
	echo "rpmsg echo, host instructions per round trip: valgrind not found (Debian package valgrind)"
fi

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
