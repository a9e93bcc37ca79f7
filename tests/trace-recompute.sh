#!/bin/sh
# A trace recorded without --trace-events holds its events up to its first
# snapshot only (header flag 0x0010); reading it re-executes the run.  For
# every shipped scenario, on the RV32 remote and on the Cortex-M4F one
# (--core), the recomputed trace must read exactly as the one that
# recorded every event: `rpsim trace dump` of both, line for line
# (SNAPSHOT records included), and the recomputed file must really lack
# the events (its flag set, fewer bytes).
set -u
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
dir="$top_builddir/tests/trace-recompute"
rm -rf "$dir"
mkdir -p "$dir"
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

flags() { # the header's low flag byte, in hex
	od -An -tx1 -j10 -N1 "$1" | tr -d ' '
}

check() { # NAME SCENARIO [RUN-OPTIONS...]
	name=$1 scen=$2
	shift 2
	# the verdict does not matter (some scenarios fail on purpose)
	"$RPSIM" run -q --coredump-dir "$dir" --trace "$dir/$name.r.trace" "$@" "$scen" >/dev/null 2>&1
	"$RPSIM" run -q --coredump-dir "$dir" --trace-events --trace "$dir/$name.e.trace" "$@" "$scen" \
		>/dev/null 2>&1
	if [ ! -s "$dir/$name.r.trace" ] || [ ! -s "$dir/$name.e.trace" ]; then
		fail "$name: no trace written"
		return
	fi
	f=$(flags "$dir/$name.r.trace")
	case $f in
	1? | 3? | 5? | 7? | 9? | b? | d? | f?) ;;
	*) fail "$name: flags 0x$f: the events are not recomputed"; return ;;
	esac
	"$RPSIM" trace dump "$dir/$name.e.trace" > "$dir/$name.e.dump" 2>&1 ||
		{ fail "$name: dump of the --trace-events trace"; return; }
	"$RPSIM" trace dump "$dir/$name.r.trace" > "$dir/$name.r.dump" 2>&1 ||
		{ fail "$name: dump of the recomputed trace:"; head -3 "$dir/$name.r.dump"; return; }
	lines=$(wc -l < "$dir/$name.e.dump")
	if [ "$lines" -lt 20 ]; then
		fail "$name: $lines lines is too little to mean anything"
	elif ! cmp -s "$dir/$name.e.dump" "$dir/$name.r.dump"; then
		fail "$name: the recomputed trace reads otherwise:"
		diff "$dir/$name.e.dump" "$dir/$name.r.dump" | head -5
	else
		passed=$((passed + 1))
		echo "PASS: $name: $lines lines alike; files of $(wc -c < "$dir/$name.r.trace")" \
			"(recomputed) and $(wc -c < "$dir/$name.e.trace") bytes"
	fi
}

for s in "$top_srcdir"/scenarios/*.json; do
	n=$(basename "$s" .json)
	check "$n" "$s"
	case $n in
	# their own platform (a device tree, two remotes with their cores)
	dts-* | two-remotes*) ;;
	*) check "$n-cm4" "$s" --core cortex-m4f ;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
